//! Resume where you left off: what is kept of a page when the viewer quits (the tab
//! shown, the reviews' order and filter, and in each tab the place of the first line
//! on screen and the review selected), under a key naming the page, so that opening
//! it again returns there.
//!
//! A place is kept as text: a block, a paragraph in it and a byte of that paragraph
//! (or the line just before it), with a fingerprint of the paragraph's text. So it
//! holds at any width, and a page whose text changed still opens at the same
//! paragraph, found by its fingerprint, or at the top when that paragraph is gone
//! (`App::resume` reads it back). A blank line or a card's border at the top is kept
//! as the lines it stands above or below the text, so it comes back too.
//!
//! The places of the 200 most recent pages live in one small file (`file`) in the
//! state directory (`dir`). It is read once, before the first screen, and written
//! once, on quit, atomically; a file that cannot be read, written or understood is
//! ignored without a word on screen.

mod dir;
mod file;

use std::path::{Path, PathBuf};

use crate::app::review_view::{MinRating, Order};
use crate::layout::Section;

pub use dir::state_dir;
pub use file::{MAX_PAGES, Store};

/// Which page a place belongs to: a file, by its canonical path, or the bundled page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Key {
    File(PathBuf),
    Bundled,
}

impl Key {
    /// The key of the file at `path`, if it can be made canonical (it exists).
    pub fn file(path: &Path) -> Option<Self> {
        std::fs::canonicalize(path).ok().map(Self::File)
    }
}

/// Where in a paragraph the first line on screen is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum At {
    /// The line that holds this byte.
    Byte(usize),
    /// The line just before the paragraph: the blank line, or a card's top border.
    Before,
}

/// The first line on screen in one tab, as a place in the text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Place {
    pub block: usize,
    pub para: usize,
    pub at: At,
    /// The paragraph's [`fingerprint`], to find it again in a changed page.
    pub fingerprint: u64,
    /// How many lines the first line on screen is below the line at `at` (negative:
    /// above it; a blank line or a card's border).
    pub shift: isize,
}

/// One tab as it was left: the section, its place and the block selected in it (the
/// review, on the reviews tab).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TabPlace {
    pub section: Section,
    pub place: Place,
    pub focus: usize,
}

/// A page as it was left: the tab shown, the reviews' order and lowest rating, and
/// each tab's place (in the reviews as they were shown).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Saved {
    pub tab: Section,
    pub order: Order,
    pub filter: MinRating,
    pub tabs: Vec<TabPlace>,
}

/// A paragraph's fingerprint: 64-bit FNV-1a of its text, the same from one run (and
/// one build) to the next, unlike std's hasher, whose algorithm may change.
pub fn fingerprint(text: &str) -> u64 {
    const OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
    const PRIME: u64 = 0x0000_0100_0000_01b3;
    text.bytes()
        .fold(OFFSET, |hash, b| (hash ^ u64::from(b)).wrapping_mul(PRIME))
}

/// Where the viewer keeps this page's place: the store and the page's key. `None`
/// when there is no state directory.
#[derive(Debug, Clone)]
pub struct Resume {
    store: Store,
    key: Key,
    /// Whether to open where the page was left (`--no-resume` says no; the place is
    /// still kept on quit).
    open_there: bool,
}

impl Resume {
    pub fn new(store: Store, key: Key, open_there: bool) -> Self {
        Self {
            store,
            key,
            open_there,
        }
    }

    /// The page as it was left, if it is to be opened there and was kept.
    pub fn saved(&self) -> Option<Saved> {
        self.open_there
            .then(|| self.store.load(&self.key))
            .flatten()
    }

    /// Keeps the page as it is left. A failure is ignored: nothing is said on a
    /// screen that is going away, and the next open starts at the top.
    pub fn keep(&self, saved: &Saved) {
        let _ = self.store.save(&self.key, saved);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fingerprints_are_stable_and_tell_texts_apart() {
        assert_eq!(fingerprint(""), 0xcbf2_9ce4_8422_2325);
        assert_eq!(fingerprint("a"), 0xaf63_dc4c_8601_ec8c);
        assert_ne!(fingerprint("Simon"), fingerprint("simon"));
        assert_ne!(fingerprint("ab"), fingerprint("ba"));
    }

    #[test]
    fn a_file_that_does_not_exist_has_no_key() {
        assert_eq!(Key::file(Path::new("no/such/page.yaml")), None);
        let key = Key::file(Path::new("content/di-balik-layar.yaml"));
        assert!(
            matches!(&key, Some(Key::File(p)) if p.is_absolute() && p.ends_with("content/di-balik-layar.yaml")),
            "{key:?}"
        );
    }
}
