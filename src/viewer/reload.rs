//! Reading the page's file again, off the key loop: after the editor, and with
//! `--watch` on every save.
//!
//! A worker thread reads and parses; the event loop takes what it made between keys
//! ([`Reloader::take`]), as it takes finished pictures. `--watch` uses notify's mini
//! debouncer on the file's folder, not the file: an editor that saves by writing a new
//! file and renaming it over the old one (vim, many IDEs), or a file deleted and
//! created again, leaves a watch on the file itself watching nothing. Every change to
//! the folder's entry of that name asks for a read; the debouncer makes a burst of
//! them (a save's write, rename and attribute change) one.

use std::collections::hash_map::DefaultHasher;
use std::ffi::OsString;
use std::hash::{Hash, Hasher};
use std::io;
use std::path::{Path, PathBuf};
use std::sync::mpsc::{self, Receiver, Sender, TryRecvError};
use std::thread;
use std::time::Duration;

use notify_debouncer_mini::notify::{RecommendedWatcher, RecursiveMode};
use notify_debouncer_mini::{DebounceEventResult, Debouncer, new_debouncer};

use crate::loader::{self, Limits, LoadError, Source};
use crate::model::Page;

/// How long a burst of changes to the file must be quiet before it is read.
const DEBOUNCE: Duration = Duration::from_millis(100);

/// The worker's stack: as the loading screen's worker's, for a parser that recurses.
const STACK: usize = 32 << 20;

/// What a read of the file came to.
#[derive(Debug)]
pub enum Reload {
    /// A new page.
    Loaded(Box<Page>),
    /// The file does not load: the page on screen stays.
    Broken(LoadError),
    /// The file holds the text it held at the last read: nothing to do.
    Unchanged,
}

/// A page's file, read again when asked and, when watched, when it changes.
pub struct Reloader {
    requests: Sender<()>,
    done: Receiver<Reload>,
    /// Whether a read asked for by [`Reloader::request`] has not come yet.
    awaited: bool,
    /// Kept for as long as the file is watched; dropping it stops the watch.
    watch: Option<Debouncer<RecommendedWatcher>>,
}

impl Reloader {
    /// Starts the worker for the file at `path`, whose text is `text` now; with
    /// `watch`, starts watching it too.
    pub fn start(path: &Path, limits: Limits, text: String, watch: bool) -> io::Result<Self> {
        Self::spawn(path, limits, First::Read(text), watch)
    }

    /// Starts the worker for the file at `path`, read into `source` and shown by its head
    /// ([`loader::head`]): its first delivery is the whole page, or what keeps it from
    /// loading, as a read asked for ([`Self::may_deliver`]). With `watch`, starts
    /// watching the file too.
    pub fn reading(path: &Path, limits: Limits, source: Source, watch: bool) -> io::Result<Self> {
        let mut reloader = Self::spawn(path, limits, First::Parse(source), watch)?;
        reloader.awaited = true;
        Ok(reloader)
    }

    fn spawn(path: &Path, limits: Limits, first: First, watch: bool) -> io::Result<Self> {
        let (requests, asked) = mpsc::channel();
        let (sent, done) = mpsc::channel();
        let worker_path = path.to_path_buf();
        thread::Builder::new()
            .name("reloader".into())
            .stack_size(STACK)
            .spawn(move || {
                let last = match first {
                    // Taken here, not before the first screen: hashing a page of 50 MB
                    // takes tens of milliseconds.
                    First::Read(text) => fingerprint(&text),
                    First::Parse(source) => {
                        let reload = match loader::parse(&source) {
                            Ok(page) => Reload::Loaded(Box::new(page)),
                            Err(e) => Reload::Broken(e),
                        };
                        if sent.send(reload).is_err() {
                            return;
                        }
                        fingerprint(&source.text)
                    }
                };
                work(&worker_path, limits, last, &asked, &sent);
            })?;
        let watch = if watch {
            Some(watch_file(path, requests.clone())?)
        } else {
            None
        };
        Ok(Self {
            requests,
            done,
            awaited: false,
            watch,
        })
    }

    /// Whether the file is watched.
    pub fn is_watching(&self) -> bool {
        self.watch.is_some()
    }

    /// Whether a read may come: the file is watched, or one was asked for.
    pub fn may_deliver(&self) -> bool {
        self.watch.is_some() || self.awaited
    }

    /// Asks for the file to be read again now.
    pub fn request(&mut self) {
        self.awaited = self.requests.send(()).is_ok();
    }

    /// What the reads since the last call came to, if any came: the last that found
    /// a change, or `Unchanged`.
    pub fn take(&mut self) -> Option<Reload> {
        let mut taken = None;
        loop {
            match self.done.try_recv() {
                Ok(Reload::Unchanged) => {
                    taken = taken.or(Some(Reload::Unchanged));
                }
                Ok(reload) => taken = Some(reload),
                Err(TryRecvError::Empty) => break,
                Err(TryRecvError::Disconnected) => {
                    self.awaited = false;
                    break;
                }
            }
        }
        if taken.is_some() {
            self.awaited = false;
        }
        taken
    }
}

/// What the worker has of the file when it starts.
enum First {
    /// The text the page shown was read from.
    Read(String),
    /// The text whose head is shown: the whole page is still to be read from it.
    Parse(Source),
}

/// Watches the folder `path` is in for changes to the entry of `path`'s name; each
/// burst of them sends a request.
fn watch_file(path: &Path, requests: Sender<()>) -> io::Result<Debouncer<RecommendedWatcher>> {
    let name: OsString = path
        .file_name()
        .ok_or_else(|| io::Error::other("not a file's path"))?
        .to_owned();
    let folder = match path.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let handler = move |result: DebounceEventResult| {
        // An error of the watch itself (the folder gone) leaves the page as it is.
        if let Ok(events) = result
            && events.iter().any(|e| e.path.file_name() == Some(&name))
        {
            let _ = requests.send(());
        }
    };
    let mut debouncer = new_debouncer(DEBOUNCE, handler).map_err(io::Error::other)?;
    debouncer
        .watcher()
        .watch(&folder, RecursiveMode::NonRecursive)
        .map_err(io::Error::other)?;
    Ok(debouncer)
}

/// The worker: for each burst of requests, one read. A text read before (the last
/// one, good or bad) is not parsed again.
fn work(path: &Path, limits: Limits, mut last: u64, asked: &Receiver<()>, sent: &Sender<Reload>) {
    while asked.recv().is_ok() {
        while asked.try_recv().is_ok() {}
        let reload = match loader::read(path, limits) {
            Ok(source) if fingerprint(&source.text) == last => Reload::Unchanged,
            Ok(source) => {
                last = fingerprint(&source.text);
                match loader::parse(&source) {
                    Ok(page) => Reload::Loaded(Box::new(page)),
                    Err(e) => Reload::Broken(e),
                }
            }
            Err(e) => {
                // Read again once the file is back, even with the text it had.
                last = 0;
                Reload::Broken(e)
            }
        };
        if sent.send(reload).is_err() {
            return;
        }
    }
}

/// A text's fingerprint, to tell a changed file from one saved as it was.
fn fingerprint(text: &str) -> u64 {
    let mut hasher = DefaultHasher::new();
    text.hash(&mut hasher);
    hasher.finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    const PAGE: &str = "title: One\nsynopsis:\n  text: Text.\n";

    fn scratch(name: &str) -> PathBuf {
        let dir = std::env::temp_dir().join(format!("layar-reload-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).expect("a scratch folder");
        dir.join("page.yaml")
    }

    /// Waits for the worker's answer to a request (a hang detector, not a timing).
    fn answer(reloader: &mut Reloader) -> Reload {
        for _ in 0..3000 {
            if let Some(reload) = reloader.take() {
                return reload;
            }
            thread::sleep(Duration::from_millis(10));
        }
        panic!("no answer from the worker");
    }

    #[test]
    fn a_request_reads_the_file_again_and_says_what_came_of_it() {
        let path = scratch("request");
        std::fs::write(&path, PAGE).expect("write");
        let mut reloader =
            Reloader::start(&path, Limits::default(), PAGE.into(), false).expect("start");
        assert!(!reloader.may_deliver());
        reloader.request();
        assert!(reloader.may_deliver());
        assert!(matches!(answer(&mut reloader), Reload::Unchanged));
        assert!(!reloader.may_deliver());
        std::fs::write(&path, PAGE.replace("One", "Two")).expect("write");
        reloader.request();
        match answer(&mut reloader) {
            Reload::Loaded(page) => assert_eq!(page.title, "Two"),
            other => panic!("{other:?}"),
        }
        std::fs::write(&path, "title: [").expect("write");
        reloader.request();
        match answer(&mut reloader) {
            Reload::Broken(e) => assert!(e.location().is_some(), "{e}"),
            other => panic!("{other:?}"),
        }
        std::fs::remove_file(&path).expect("remove");
        reloader.request();
        assert!(matches!(answer(&mut reloader), Reload::Broken(_)));
        std::fs::write(&path, "title: [").expect("write");
        reloader.request();
        assert!(
            matches!(answer(&mut reloader), Reload::Broken(_)),
            "the same text as before it was gone is read again"
        );
    }

    #[test]
    fn a_head_s_reloader_gives_the_whole_page_first_then_reads_as_asked() {
        let path = scratch("reading");
        let text = format!("{PAGE}reviews:\n  items:\n  - author: A\n    text: Yes.\n");
        std::fs::write(&path, &text).expect("write");
        let source = loader::read(&path, Limits::default()).expect("read");
        let mut reloader =
            Reloader::reading(&path, Limits::default(), source, false).expect("start");
        assert!(reloader.may_deliver(), "the whole page is to come");
        match answer(&mut reloader) {
            Reload::Loaded(page) => {
                assert_eq!(page.reviews.map(|r| r.items.len()), Some(1));
            }
            other => panic!("{other:?}"),
        }
        assert!(!reloader.may_deliver());
        // The text it read is the one a later read is told apart from.
        reloader.request();
        assert!(matches!(answer(&mut reloader), Reload::Unchanged));

        let broken = text.replace("Yes.", "[Yes.");
        std::fs::write(&path, &broken).expect("write");
        let source = loader::read(&path, Limits::default()).expect("read");
        let mut reloader =
            Reloader::reading(&path, Limits::default(), source, false).expect("start");
        match answer(&mut reloader) {
            Reload::Broken(e) => assert_eq!(e.location().map(|l| l.line), Some(7), "{e}"),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn a_watched_file_is_read_when_renamed_over() {
        let path = scratch("watch");
        std::fs::write(&path, PAGE).expect("write");
        let mut reloader =
            Reloader::start(&path, Limits::default(), PAGE.into(), true).expect("start");
        assert!(reloader.is_watching() && reloader.may_deliver());
        let temp = path.with_file_name(".page.yaml.tmp");
        std::fs::write(&temp, PAGE.replace("One", "Renamed")).expect("write");
        std::fs::rename(&temp, &path).expect("rename");
        loop {
            match answer(&mut reloader) {
                Reload::Loaded(page) => {
                    assert_eq!(page.title, "Renamed");
                    break;
                }
                Reload::Unchanged => {}
                Reload::Broken(e) => panic!("{e}"),
            }
        }
    }
}
