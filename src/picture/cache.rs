//! The viewer's pictures: which graphics the cards are drawn with, the pictures made
//! for each card at each size, what the worker is making, and which images failed.
//! Part of the app's state, changed only through [`crate::app::App::update`].
//!
//! A picture is kept per card and size, so scrolling and switching tabs never
//! re-encode, and a resize encodes each card once for its new size. What is kept is
//! bounded ([`BUDGET`]): the pictures used longest ago go first, never one on screen.

use std::collections::{HashMap, HashSet};

use ratatui_image::sliced::SlicedProtocol;

use super::geometry::{CellSize, Cells};
use super::worker::{Graphics, Job, Picture, Worker};
use crate::model::ImageStatus;

/// About how many bytes of encoded pictures are kept.
pub(crate) const BUDGET: usize = 48 << 20;

/// How the screenshots tab shows pictures.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// Text cards: `--images none`, or no colour and no graphics protocol.
    Off,
    /// Pictures, but the terminal has not been asked which protocol yet: cards keep
    /// room at half-blocks' proportions and say `loading image…`.
    Undecided,
    /// Pictures drawn with these graphics.
    On(Graphics),
}

/// What a card's picture area shows.
pub(crate) enum Shown<'a> {
    Picture(&'a SlicedProtocol),
    Loading,
    Failed(ImageStatus),
}

/// One card's picture at one size.
type Key = (usize, Cells);

struct Entry {
    picture: Picture,
    /// When it was last on screen, by [`Pictures::want`]'s clock.
    used: u64,
}

/// The pictures of a page's cards.
pub struct Pictures {
    mode: Mode,
    worker: Option<Worker>,
    /// Make pictures as they are asked for, on the caller's thread (tests, benches).
    inline: bool,
    made: HashMap<Key, Entry>,
    making: HashSet<Key>,
    failed: HashMap<usize, ImageStatus>,
    /// The jobs last handed to the worker.
    wanted: Vec<Job>,
    clock: u64,
    /// Every kitty image id sent to the terminal, to delete them when layar leaves.
    kitty_ids: Vec<u32>,
    /// Counts the collections that took something in: a change to draw.
    version: u64,
    /// About how many bytes of pictures are kept: [`BUDGET`].
    budget: usize,
}

impl std::fmt::Debug for Pictures {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Pictures")
            .field("mode", &self.mode)
            .field("made", &self.made.len())
            .field("making", &self.making.len())
            .field("failed", &self.failed)
            .finish_non_exhaustive()
    }
}

impl Pictures {
    /// Pictures in `mode`, made on a worker thread started when the first is wanted.
    pub fn new(mode: Mode) -> Self {
        Self {
            mode,
            worker: None,
            inline: false,
            made: HashMap::new(),
            making: HashSet::new(),
            failed: HashMap::new(),
            wanted: Vec::new(),
            clock: 0,
            kitty_ids: Vec::new(),
            version: 0,
            budget: BUDGET,
        }
    }

    /// Pictures made on the caller's thread as they are wanted: a frame drawn after an
    /// update shows them.
    #[must_use]
    pub fn made_inline(mut self) -> Self {
        self.inline = true;
        self
    }

    pub(crate) fn mode(&self) -> Mode {
        self.mode
    }

    /// The cell size cards keep room for pictures at, or `None` for text cards.
    pub(crate) fn cell(&self) -> Option<CellSize> {
        match self.mode {
            Mode::Off => None,
            Mode::Undecided => Some(CellSize::HALF_BLOCKS),
            Mode::On(graphics) => Some(graphics.cell),
        }
    }

    /// The graphics pictures are made for, once decided.
    pub(crate) fn graphics(&self) -> Option<Graphics> {
        match self.mode {
            Mode::On(graphics) => Some(graphics),
            Mode::Off | Mode::Undecided => None,
        }
    }

    /// Draws with `mode` from now on; pictures made for another are dropped.
    pub(crate) fn set_mode(&mut self, mode: Mode) {
        if mode != self.mode {
            self.mode = mode;
            self.forget();
        }
    }

    /// Drops every picture made, so that each is made and sent to the terminal again:
    /// for a terminal that has forgotten them (after Ctrl-Z).
    pub(crate) fn forget(&mut self) {
        self.made.clear();
        self.making.clear();
        self.wanted.clear();
        if let Some(worker) = &mut self.worker {
            worker.want(Vec::new());
        }
    }

    /// What card `card`'s picture area shows at `size`.
    pub(crate) fn shown(&self, card: usize, size: Cells) -> Shown<'_> {
        if let Some(status) = self.failed.get(&card) {
            return Shown::Failed(*status);
        }
        match self.made.get(&(card, size)) {
            Some(entry) => Shown::Picture(&entry.picture.protocol),
            None => Shown::Loading,
        }
    }

    /// Whether pictures are being made: the viewer looks for them between keys.
    pub(crate) fn is_making(&self) -> bool {
        !self.making.is_empty()
    }

    /// The kitty images sent to the terminal so far.
    pub(crate) fn kitty_ids(&self) -> &[u32] {
        &self.kitty_ids
    }

    /// Asks for the pictures on screen, `jobs` in the order they show: those neither
    /// made nor failed are handed to the worker, in place of what it had waiting.
    pub(crate) fn want(&mut self, jobs: Vec<Job>) {
        if self.graphics().is_none() {
            return;
        }
        self.clock += 1;
        let mut needed = Vec::new();
        for job in jobs {
            if let Some(entry) = self.made.get_mut(&(job.card, job.size)) {
                entry.used = self.clock;
            } else if !self.failed.contains_key(&job.card) {
                needed.push(job);
            }
        }
        if needed == self.wanted {
            return;
        }
        // What is no longer wanted will not be made (unless it is in hand already:
        // then it is kept when it comes).
        self.making = needed.iter().map(|j| (j.card, j.size)).collect();
        self.wanted.clone_from(&needed);
        if self.worker.is_none() && !needed.is_empty() {
            self.worker = if self.inline {
                Some(Worker::inline())
            } else {
                Worker::spawn().ok()
            };
        }
        match &mut self.worker {
            Some(worker) => worker.want(needed),
            None if needed.is_empty() => {}
            // No thread to make pictures on: the cards say so rather than wait.
            None => {
                for job in needed {
                    self.failed.insert(job.card, ImageStatus::Unreadable);
                }
                self.making.clear();
                self.wanted.clear();
            }
        }
        if self.inline {
            self.collect();
        }
    }

    /// Takes in what the worker finished; whether anything came.
    pub(crate) fn collect(&mut self) -> bool {
        let Some(worker) = &self.worker else {
            return false;
        };
        let mut any = false;
        let graphics = self.graphics();
        for made in worker.finished().collect::<Vec<_>>() {
            any = true;
            let key = (made.job.card, made.job.size);
            self.making.remove(&key);
            self.wanted.retain(|j| *j != made.job);
            if Some(made.job.graphics) != graphics {
                continue; // made for graphics no longer in use
            }
            match made.result {
                Ok(picture) => {
                    self.kitty_ids.extend(picture.kitty_id);
                    self.made.insert(
                        key,
                        Entry {
                            picture,
                            used: self.clock,
                        },
                    );
                }
                Err(status) => {
                    self.failed.insert(made.job.card, status);
                }
            }
        }
        self.trim();
        if any {
            self.version += 1;
        }
        any
    }

    /// Changes with each collection that took a picture (or a failure) in.
    pub(crate) fn version(&self) -> u64 {
        self.version
    }

    /// Drops the pictures used longest ago while more than the budget is held; those
    /// on screen now are kept.
    fn trim(&mut self) {
        let mut held: usize = self.made.values().map(|e| e.picture.bytes).sum();
        while held > self.budget {
            let oldest = self
                .made
                .iter()
                .filter(|(_, e)| e.used < self.clock)
                .min_by_key(|(_, e)| e.used)
                .map(|(k, _)| *k);
            let Some(key) = oldest else { break };
            if let Some(entry) = self.made.remove(&key) {
                held -= entry.picture.bytes;
            }
        }
    }

    /// Bytes of encoded pictures held.
    #[cfg(test)]
    fn held(&self) -> usize {
        self.made.values().map(|e| e.picture.bytes).sum()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::picture::fixture;
    use crate::picture::worker::Protocol;

    const GRAPHICS: Graphics = Graphics {
        protocol: Protocol::HalfBlocks,
        cell: CellSize::HALF_BLOCKS,
    };

    fn job(card: usize, name: &str, cols: u16) -> Job {
        Job {
            card,
            path: fixture(name),
            size: Cells { cols, rows: 1 },
            graphics: GRAPHICS,
        }
    }

    #[test]
    fn nothing_is_made_before_the_graphics_are_known() {
        let mut pictures = Pictures::new(Mode::Undecided).made_inline();
        pictures.want(vec![job(0, "gradient.png", 4)]);
        assert!(matches!(
            pictures.shown(0, Cells { cols: 4, rows: 1 }),
            Shown::Loading
        ));
        assert_eq!(pictures.cell(), Some(CellSize::HALF_BLOCKS));
        assert_eq!(Pictures::new(Mode::Off).cell(), None);
    }

    #[test]
    fn a_picture_is_made_once_per_card_and_size() {
        let mut pictures = Pictures::new(Mode::On(GRAPHICS)).made_inline();
        pictures.want(vec![job(0, "gradient.png", 4), job(1, "truncated.png", 4)]);
        let size = Cells { cols: 4, rows: 1 };
        assert!(matches!(pictures.shown(0, size), Shown::Picture(_)));
        assert!(matches!(
            pictures.shown(1, size),
            Shown::Failed(ImageStatus::Truncated)
        ));
        assert!(!pictures.is_making());
        // Wanted again: nothing new is made.
        pictures.want(vec![job(0, "gradient.png", 4)]);
        assert!(!pictures.collect(), "nothing was made again");
        // Another size is another picture; the first is kept.
        pictures.want(vec![job(0, "gradient.png", 8)]);
        assert!(matches!(
            pictures.shown(0, Cells { cols: 8, rows: 1 }),
            Shown::Picture(_)
        ));
        assert!(matches!(pictures.shown(0, size), Shown::Picture(_)));
    }

    #[test]
    fn new_graphics_drop_the_pictures_made_for_the_old() {
        let mut pictures = Pictures::new(Mode::On(GRAPHICS)).made_inline();
        pictures.want(vec![job(0, "gradient.png", 4)]);
        let sixel = Graphics {
            protocol: Protocol::Sixel,
            ..GRAPHICS
        };
        pictures.set_mode(Mode::On(sixel));
        assert!(matches!(
            pictures.shown(0, Cells { cols: 4, rows: 1 }),
            Shown::Loading
        ));
        assert_eq!(pictures.held(), 0);
    }

    #[test]
    fn the_oldest_pictures_go_when_the_budget_is_spent() {
        let mut pictures = Pictures::new(Mode::On(GRAPHICS)).made_inline();
        // A half-block picture of 4×1 cells counts 192 bytes: ten fit.
        pictures.budget = 10 * 192;
        for card in 0..30 {
            pictures.want(vec![job(card, "gradient.png", 4)]);
        }
        assert!(pictures.held() <= pictures.budget, "{}", pictures.held());
        assert!(pictures.held() > 8 * 192, "{}", pictures.held());
        let size = Cells { cols: 4, rows: 1 };
        assert!(matches!(pictures.shown(29, size), Shown::Picture(_)));
        assert!(matches!(pictures.shown(0, size), Shown::Loading));
    }
}
