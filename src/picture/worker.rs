//! Making pictures off the key loop. One thread decodes each image once (kept shrunk,
//! in a small cache of recent sources), resizes it to the cells its card keeps and
//! encodes it for the terminal's protocol with ratatui-image; the viewer collects
//! the results between keys.
//!
//! The queue holds what the screen wants now: a new list replaces the old, so a
//! picture scrolled past before its turn is never made, and the one in hand is
//! finished and kept. Keys never wait for a picture: at worst the card says
//! `loading image…` a little longer.
//!
//! Pictures are encoded at a fixed size and drawn with ratatui-image's
//! `SlicedImage`, which can show any band of rows of one (a card half scrolled off
//! the top), in every protocol. Its `StatefulImage` resizes at draw time and draws
//! whole pictures only.

use std::collections::VecDeque;
use std::fmt::Write as _;
use std::path::PathBuf;
use std::sync::mpsc::{self, Receiver, Sender};
use std::sync::{Arc, Condvar, Mutex, PoisonError};
use std::thread;

use ::image::DynamicImage;
use ::image::imageops::FilterType;
use ratatui::layout::Size;
use ratatui_image::picker::{Picker, ProtocolType};
use ratatui_image::protocol::kitty::Kitty;
use ratatui_image::sliced::SlicedProtocol;
use ratatui_image::{FontSize, Resize};

use super::decode::decode;
use super::geometry::{CellSize, Cells};
use crate::model::ImageStatus;

/// The graphics protocols a picture can be drawn with.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Protocol {
    Kitty,
    Sixel,
    Iterm2,
    HalfBlocks,
}

impl Protocol {
    /// Whether the terminal paints this protocol's pictures over cells it is told to
    /// leave alone (sixel, iTerm2), rather than in ordinary cells (half-blocks, kitty's
    /// placeholders): such a picture must be cleared by redrawing its cells.
    pub(crate) fn paints_over_cells(self) -> bool {
        matches!(self, Self::Sixel | Self::Iterm2)
    }

    fn kind(self) -> ProtocolType {
        match self {
            Self::Kitty => ProtocolType::Kitty,
            Self::Sixel => ProtocolType::Sixel,
            Self::Iterm2 => ProtocolType::Iterm2,
            Self::HalfBlocks => ProtocolType::Halfblocks,
        }
    }
}

/// How pictures are made for this terminal: the protocol, its cell size, and whether
/// the output passes through tmux.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Graphics {
    pub protocol: Protocol,
    pub cell: CellSize,
}

/// One picture to make: card `card`'s image at `size`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Job {
    pub card: usize,
    pub path: PathBuf,
    pub size: Cells,
    pub graphics: Graphics,
}

/// A picture, encoded for its terminal.
pub(crate) struct Picture {
    pub protocol: SlicedProtocol,
    /// The kitty image id it was sent as, to delete it from the terminal.
    pub kitty_id: Option<u32>,
    /// About how much memory it holds, for the viewer's cache.
    pub bytes: usize,
}

impl std::fmt::Debug for Picture {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Picture")
            .field("size", &self.protocol.size())
            .field("kitty_id", &self.kitty_id)
            .field("bytes", &self.bytes)
            .finish_non_exhaustive()
    }
}

/// A finished job: the picture, or what is wrong with the image.
#[derive(Debug)]
pub(crate) struct Made {
    pub job: Job,
    pub result: Result<Picture, ImageStatus>,
}

/// What the thread and the viewer share.
#[derive(Default)]
struct Queue {
    jobs: VecDeque<Job>,
    /// The job being made.
    current: Option<Job>,
    /// The viewer has gone: the thread ends.
    closed: bool,
}

type Shared = Arc<(Mutex<Queue>, Condvar)>;

/// The viewer's end of the worker.
pub(crate) struct Worker {
    shared: Shared,
    done: Receiver<Made>,
    /// Set for a worker that makes each job as it is asked for, on the caller's
    /// thread: tests and benches, where a frame must show the picture.
    inline: Option<(Maker, Sender<Made>)>,
}

impl std::fmt::Debug for Worker {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Worker")
            .field("inline", &self.inline.is_some())
            .finish_non_exhaustive()
    }
}

impl Worker {
    /// Starts the worker thread.
    pub(crate) fn spawn() -> std::io::Result<Self> {
        let shared: Shared = Arc::default();
        let (tx, done) = mpsc::channel();
        let theirs = Arc::clone(&shared);
        thread::Builder::new()
            .name("pictures".into())
            .spawn(move || run(&theirs, &tx))?;
        Ok(Self {
            shared,
            done,
            inline: None,
        })
    }

    /// A worker that makes each picture when it is asked for, before [`Worker::want`]
    /// returns.
    pub(crate) fn inline() -> Self {
        let (tx, done) = mpsc::channel();
        Self {
            shared: Arc::default(),
            done,
            inline: Some((Maker::default(), tx)),
        }
    }

    /// Replaces what is waiting to be made with `jobs`, first first (the one being
    /// made is not made twice).
    pub(crate) fn want(&mut self, jobs: Vec<Job>) {
        if let Some((maker, tx)) = &mut self.inline {
            for job in jobs {
                let _ = tx.send(maker.make(job));
            }
            return;
        }
        let (lock, ready) = &*self.shared;
        let mut queue = lock.lock().unwrap_or_else(PoisonError::into_inner);
        let current = queue.current.clone();
        queue.jobs = jobs
            .into_iter()
            .filter(|j| Some(j) != current.as_ref())
            .collect();
        ready.notify_one();
    }

    /// The pictures finished since the last call.
    pub(crate) fn finished(&self) -> impl Iterator<Item = Made> + '_ {
        self.done.try_iter()
    }
}

impl Drop for Worker {
    fn drop(&mut self) {
        let (lock, ready) = &*self.shared;
        lock.lock().unwrap_or_else(PoisonError::into_inner).closed = true;
        ready.notify_one();
    }
}

/// The thread: takes the first job, makes it, sends it, until the viewer goes.
fn run(shared: &Shared, tx: &Sender<Made>) {
    let mut maker = Maker::default();
    loop {
        let job = {
            let (lock, ready) = &**shared;
            let mut queue = lock.lock().unwrap_or_else(PoisonError::into_inner);
            loop {
                if queue.closed {
                    return;
                }
                if let Some(job) = queue.jobs.pop_front() {
                    queue.current = Some(job.clone());
                    break job;
                }
                queue = ready.wait(queue).unwrap_or_else(PoisonError::into_inner);
            }
        };
        let made = maker.make(job);
        // Sent with the lock held, so that a list wanted meanwhile either skips this
        // job (still current) or finds it sent.
        let (lock, _) = &**shared;
        let mut queue = lock.lock().unwrap_or_else(PoisonError::into_inner);
        queue.current = None;
        if tx.send(made).is_err() {
            return;
        }
    }
}

/// Decoded sources kept for re-encoding at a new size: about this many bytes.
const SOURCE_BYTES: usize = 48 << 20;

/// Makes pictures, keeping recent decoded sources and a picker per graphics.
#[derive(Default)]
struct Maker {
    /// Recently decoded images, most recent last.
    sources: Vec<(PathBuf, Arc<DynamicImage>)>,
    picker: Option<(Graphics, Picker)>,
    next_kitty_id: u32,
}

impl Maker {
    fn make(&mut self, job: Job) -> Made {
        let result = self
            .source(&job)
            .and_then(|image| self.encode(&image, job.size, job.graphics));
        Made { job, result }
    }

    /// The decoded image for a job, from the cache or decoded now.
    fn source(&mut self, job: &Job) -> Result<Arc<DynamicImage>, ImageStatus> {
        if let Some(i) = self.sources.iter().position(|(p, _)| *p == job.path) {
            let entry = self.sources.remove(i);
            let image = Arc::clone(&entry.1);
            self.sources.push(entry);
            return Ok(image);
        }
        let image = Arc::new(decode(&job.path)?);
        self.sources.push((job.path.clone(), Arc::clone(&image)));
        while self.sources.len() > 1 && held(&self.sources) > SOURCE_BYTES {
            self.sources.remove(0);
        }
        Ok(image)
    }

    fn encode(
        &mut self,
        image: &DynamicImage,
        size: Cells,
        graphics: Graphics,
    ) -> Result<Picture, ImageStatus> {
        let picker = self.picker(graphics);
        let target = Size::new(size.cols, size.rows);
        let resize = Resize::Fit(Some(FilterType::Triangle));
        let cell = graphics.cell;
        let pixels = usize::from(size.cols)
            * usize::from(size.rows)
            * usize::from(cell.width)
            * usize::from(cell.height);
        if graphics.protocol == Protocol::Kitty {
            // Made here rather than by `SlicedProtocol::new_with_resize`, the same way,
            // for the id: layar deletes its images from the terminal when it leaves.
            let font = picker.font_size();
            let area = resize.size_for(image, font, target);
            let resized = resize.resize(image, font, area, None);
            self.next_kitty_id = self.next_kitty_id.wrapping_add(1);
            let id = kitty_id(self.next_kitty_id);
            let kitty = Kitty::new(resized, area, id, picker.tmux_detected(), false)
                .map_err(|_| ImageStatus::Corrupt)?;
            return Ok(Picture {
                protocol: SlicedProtocol::Kitty(kitty),
                kitty_id: Some(id),
                // RGBA, in base64.
                bytes: pixels * 4 * 4 / 3,
            });
        }
        // Half-blocks fill whole cells: stretched by less than a cell to fill them
        // exactly, rather than padded with transparency, which they would show black.
        let source = if graphics.protocol == Protocol::HalfBlocks {
            let (w, h) = (
                u32::from(size.cols) * u32::from(cell.width.max(1)),
                u32::from(size.rows) * u32::from(cell.height.max(1)),
            );
            image.resize_exact(w, h, FilterType::Triangle)
        } else {
            image.clone()
        };
        let protocol = SlicedProtocol::new_with_resize(&picker, source, target, resize)
            .map_err(|_| ImageStatus::Corrupt)?;
        let bytes = match graphics.protocol {
            Protocol::HalfBlocks => usize::from(size.cols) * usize::from(size.rows) * 48,
            Protocol::Sixel => pixels,
            Protocol::Iterm2 | Protocol::Kitty => pixels * 4 * 4 / 3,
        };
        Ok(Picture {
            protocol,
            kitty_id: None,
            bytes,
        })
    }

    /// A picker for `graphics`, made once per graphics.
    fn picker(&mut self, graphics: Graphics) -> Picker {
        match &self.picker {
            Some((made_for, picker)) if *made_for == graphics => picker.clone(),
            _ => {
                let made = picker(graphics);
                self.picker = Some((graphics, made.clone()));
                made
            }
        }
    }
}

/// ratatui-image's picker for a protocol and cell size found by layar's own query
/// ([`super::detect`]).
///
/// `Picker::from_fontsize` is deprecated in favour of the picker's own query, which
/// reads standard input on a thread that outlives its timeout and so would take keys
/// from crossterm; it is the only constructor that takes a cell size already known.
/// In tmux it also turns on the pane's `allow-passthrough`, as every picker does.
#[allow(deprecated)]
fn picker(graphics: Graphics) -> Picker {
    let cell = graphics.cell;
    let mut picker = Picker::from_fontsize(FontSize::new(cell.width.max(1), cell.height.max(1)));
    picker.set_protocol_type(graphics.protocol.kind());
    picker
}

/// Bytes held by the decoded sources.
fn held(sources: &[(PathBuf, Arc<DynamicImage>)]) -> usize {
    sources.iter().map(|(_, i)| i.as_bytes().len()).sum()
}

/// The kitty commands that delete images `ids` from the terminal, with their data,
/// wrapped for tmux's passthrough when `tmux`. Quiet (`q=2`): the terminal does not
/// answer, which crossterm would read as keys.
pub(crate) fn kitty_deletes(ids: &[u32], tmux: bool) -> String {
    let (start, escape, end) =
        ratatui_image::picker::cap_parser::Parser::tmux_start_escape_end(tmux);
    ids.iter().fold(String::new(), |mut out, id| {
        let _ = write!(out, "{start}{escape}_Ga=d,d=I,i={id},q=2{escape}\\{end}");
        out
    })
}

/// Kitty image ids: the process's own range, so that another program's images in the
/// same window are never replaced or deleted. ratatui-image puts the high byte in a
/// diacritic and the low three in the placeholder's colour; none may be zero.
fn kitty_id(n: u32) -> u32 {
    let process = std::process::id() & 0x3FFF;
    0x4000_0000 | (process << 16) | (n & 0xFFFF).max(1)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::picture::fixture;

    const CELL: CellSize = CellSize {
        width: 2,
        height: 4,
    };

    /// The gradient (32×8) in 16 columns of 2×4 pixels: 16×2 cells.
    fn job(name: &str, protocol: Protocol) -> Job {
        Job {
            card: 0,
            path: fixture(name),
            size: crate::picture::geometry::cells(32, 8, CELL, 16).expect("room"),
            graphics: Graphics {
                protocol,
                cell: CELL,
            },
        }
    }

    #[test]
    fn every_protocol_makes_a_picture_of_the_size_asked() {
        for protocol in [
            Protocol::HalfBlocks,
            Protocol::Kitty,
            Protocol::Sixel,
            Protocol::Iterm2,
        ] {
            let mut worker = Worker::inline();
            worker.want(vec![job("gradient.png", protocol)]);
            let made: Vec<Made> = worker.finished().collect();
            assert_eq!(made.len(), 1);
            let picture = made[0].result.as_ref().expect("a picture");
            assert_eq!(picture.protocol.size(), Size::new(16, 2), "{protocol:?}");
            assert_eq!(picture.kitty_id.is_some(), protocol == Protocol::Kitty);
        }
    }

    #[test]
    fn a_bad_file_comes_back_as_its_problem() {
        let mut worker = Worker::inline();
        worker.want(vec![job("truncated.png", Protocol::HalfBlocks)]);
        let made: Vec<Made> = worker.finished().collect();
        assert_eq!(made[0].result.as_ref().err(), Some(&ImageStatus::Truncated));
    }

    #[test]
    fn the_thread_makes_what_is_wanted_and_ends_with_the_viewer() {
        let mut worker = Worker::spawn().expect("a thread");
        worker.want(vec![job("gradient.png", Protocol::HalfBlocks)]);
        let made = worker.done.recv().expect("a picture comes back");
        assert!(made.result.is_ok());
        drop(worker);
    }

    #[test]
    fn kitty_images_are_deleted_quietly_and_through_tmux() {
        assert_eq!(
            kitty_deletes(&[7, 9], false),
            "\x1b_Ga=d,d=I,i=7,q=2\x1b\\\x1b_Ga=d,d=I,i=9,q=2\x1b\\"
        );
        assert_eq!(
            kitty_deletes(&[7], true),
            "\x1bPtmux;\x1b\x1b_Ga=d,d=I,i=7,q=2\x1b\x1b\\\x1b\\"
        );
        assert_eq!(kitty_deletes(&[], false), "");
    }

    #[test]
    fn kitty_ids_are_never_zero_in_any_part() {
        for n in [0, 1, 0xFFFF, 0x1_0000] {
            let id = kitty_id(n);
            assert_ne!(id & 0x00FF_FFFF, 0, "{n}");
            assert_ne!(id >> 24, 0, "{n}");
        }
    }

    #[test]
    fn sources_are_decoded_once_and_kept_within_their_budget() {
        let mut maker = Maker::default();
        let first = maker.make(job("gradient.png", Protocol::HalfBlocks));
        assert!(first.result.is_ok());
        let mut again = job("gradient.png", Protocol::HalfBlocks);
        again.size = Cells { cols: 8, rows: 1 };
        assert!(maker.make(again).result.is_ok());
        assert_eq!(maker.sources.len(), 1, "decoded once");
        assert!(held(&maker.sources) <= SOURCE_BYTES);
    }
}
