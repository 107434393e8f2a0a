//! Reading one block's text for a query, a piece at a time.
//!
//! A block may be a single paragraph of 60 MB, so nothing here reads a block in one
//! go: [`scan`] walks its paragraphs in pieces of [`CHUNK`] bytes and reports each hit,
//! and between pieces each place where scanning may stop and later resume. Counting
//! records some of those places as [`Mark`]s, with the number of hits before them;
//! drawing, stepping and numbering start from the nearest mark rather than from the
//! block's start, so what they cost is bounded by a piece, not by the block.

use std::ops::{ControlFlow, Range};

use crate::layout::Doc;
use crate::text::search::Matcher;

/// Bytes scanned between two places where a scan may stop (to look at the clock), and
/// at least between two marks.
pub(super) const CHUNK: usize = 16 << 10;

/// A place in a block: a paragraph and a byte in it, ordered as the text reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Default)]
pub(super) struct Place {
    pub para: usize,
    pub at: usize,
}

impl Place {
    /// The block's start.
    pub(super) const START: Self = Self { para: 0, at: 0 };

    pub(super) fn new(para: usize, at: usize) -> Self {
        Self { para, at }
    }
}

/// A place where scanning can resume and find what it would have found coming from the
/// block's start (no hit crosses it), and how many hits the block has before it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Mark {
    para: u32,
    at: u32,
    pub before: u32,
}

impl Mark {
    pub(super) fn new(place: Place, before: u32) -> Self {
        Self {
            para: crate::layout::offset(place.para),
            at: crate::layout::offset(place.at),
            before,
        }
    }

    pub(super) fn place(self) -> Place {
        Place::new(self.para as usize, self.at as usize)
    }
}

/// The last mark at or before `place` in a block's marks (kept in text order), if any.
pub(super) fn mark_before(marks: &[Mark], place: Place) -> Option<Mark> {
    let i = marks.partition_point(|m| m.place() <= place);
    i.checked_sub(1).map(|i| marks[i])
}

/// What a scan meets, in text order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Seen {
    /// A hit: its paragraph and byte range.
    Hit(usize, Range<usize>),
    /// A place where the scan may stop and resume, with the bytes scanned so far.
    Pause { place: Place, scanned: usize },
}

/// Scans block `block` of `doc` from `from` on, telling `seen` each hit and each pause,
/// until `seen` breaks or the block ends. Returns where it stopped: the pause it broke
/// at, or the end of the hit it broke at; `None` when it read to the block's end.
///
/// `meta` says whether a review's rating line is read (see [`Doc::search_paras`]).
pub(super) fn scan(
    matcher: &Matcher,
    doc: &Doc<'_>,
    block: usize,
    meta: bool,
    from: Place,
    mut seen: impl FnMut(Seen) -> ControlFlow<()>,
) -> Option<Place> {
    let mut stopped = None;
    let mut scanned = 0;
    doc.search_paras(block, meta, |para, text| {
        if stopped.is_some() || para < from.para {
            return;
        }
        let mut at = if para == from.para { from.at } else { 0 };
        while at < text.len() {
            if seen(Seen::Pause {
                place: Place::new(para, at),
                scanned,
            })
            .is_break()
            {
                stopped = Some(Place::new(para, at));
                return;
            }
            let until = ceil_boundary(text, at + CHUNK);
            // Matches that start in this piece; the next piece starts after the last
            // of them if it crosses the piece's end.
            let mut next = until;
            let mut pos = at;
            while let Some(r) = matcher.find_within(text, pos, until) {
                pos = r.end;
                next = next.max(r.end);
                let end = r.end;
                if seen(Seen::Hit(para, r)).is_break() {
                    stopped = Some(Place::new(para, end));
                    return;
                }
            }
            scanned += next - at;
            at = next;
        }
    });
    stopped
}

/// The first char boundary of `text` at or after `at`, or its length.
fn ceil_boundary(text: &str, at: usize) -> usize {
    let mut at = at.min(text.len());
    while !text.is_char_boundary(at) {
        at += 1;
    }
    at
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::EN;
    use crate::layout::Section;
    use crate::model::{Page, test_page};

    fn page(text: &str) -> Page {
        test_page(&[text], [])
    }

    fn hits(seen: &[Seen]) -> Vec<Range<usize>> {
        seen.iter()
            .filter_map(|s| match s {
                Seen::Hit(_, r) => Some(r.clone()),
                Seen::Pause { .. } => None,
            })
            .collect()
    }

    #[test]
    fn a_long_paragraph_is_read_in_pieces_and_finds_every_hit() {
        // Hits cross the pieces' edges: "ab" at every third byte, and a wide char.
        let text = "xab日".repeat(CHUNK);
        let p = page(&text);
        let doc = Doc::new(&p, Section::Synopsis, &EN);
        let m = Matcher::new("b日x").expect("query");
        let mut seen = Vec::new();
        let end = scan(&m, &doc, 0, false, Place::START, |s| {
            seen.push(s);
            ControlFlow::Continue(())
        });
        assert_eq!(end, None);
        assert_eq!(hits(&seen), m.find_iter(&text).collect::<Vec<_>>());
        let pauses: Vec<usize> = seen
            .iter()
            .filter_map(|s| match s {
                Seen::Pause { place, .. } => Some(place.at),
                Seen::Hit(..) => None,
            })
            .collect();
        assert!(pauses.len() >= text.len() / CHUNK, "{}", pauses.len());
        assert!(pauses.windows(2).all(|w| w[1] - w[0] <= CHUNK + 8));
        for at in pauses {
            assert!(text.is_char_boundary(at));
        }
    }

    #[test]
    fn stopping_and_resuming_finds_the_same_hits() {
        let text = "aaa b ".repeat(CHUNK);
        let p = page(&text);
        let doc = Doc::new(&p, Section::Synopsis, &EN);
        let m = Matcher::new("aa").expect("query");
        let whole: Vec<_> = m.find_iter(&text).collect();
        // Stop at every pause but the one resumed from, and at every 3000th hit, then
        // resume there.
        let mut found = Vec::new();
        let mut from = Place::START;
        let mut stops = 0;
        while let Some(at) = scan(&m, &doc, 0, false, from, |s| match s {
            Seen::Hit(_, r) => {
                found.push(r);
                if found.len() % 3000 == 0 {
                    ControlFlow::Break(())
                } else {
                    ControlFlow::Continue(())
                }
            }
            Seen::Pause { place, .. } => {
                if place == from {
                    ControlFlow::Continue(())
                } else {
                    ControlFlow::Break(())
                }
            }
        }) {
            from = at;
            stops += 1;
        }
        assert!(stops >= 8, "{stops}");
        assert_eq!(found, whole);
    }

    #[test]
    fn marks_are_found_by_place() {
        let marks = [
            Mark::new(Place::new(0, 10), 1),
            Mark::new(Place::new(0, 20), 2),
            Mark::new(Place::new(2, 0), 5),
        ];
        assert_eq!(mark_before(&marks, Place::new(0, 9)), None);
        assert_eq!(mark_before(&marks, Place::new(0, 10)), Some(marks[0]));
        assert_eq!(mark_before(&marks, Place::new(1, 0)), Some(marks[1]));
        assert_eq!(mark_before(&marks, Place::new(7, 7)), Some(marks[2]));
        assert_eq!(mark_before(&[], Place::new(7, 7)), None);
    }
}
