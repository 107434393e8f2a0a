//! Moving between hits: the next hit after the current one and the one before it,
//! found in the text, whether or not counting has reached them. A block counted to
//! hold no hit is skipped; in a long block, the marks counting left say where to
//! look from.

use std::ops::ControlFlow;
use std::time::Instant;

use super::count::is_past;
use super::scan::{CHUNK, Place, Seen, scan};
use super::start::has_wrapped;
use super::{CLOCK_EVERY, Found, Hit, Search};
use crate::layout::Doc;

/// What looking in a block for its first hit came to.
enum Looked {
    Found(Found),
    /// The time ran out here.
    Stopped(Place),
    /// The block has no hit.
    Nothing,
}

impl Search {
    /// Looks on for the current hit (the first at or after where the search began,
    /// round the page once) until `deadline`, a piece at a time as counting goes.
    /// Returns whether the looking is over, with or without a hit. The blocks it
    /// reads through without a hit are counted on the way (they have none).
    pub(super) fn find_current(&mut self, docs: &[Doc<'_>], deadline: Option<Instant>) -> bool {
        let Some(mut f) = self.finding.take() else {
            return true;
        };
        let blocks = self.counts.len();
        // From inside a block, the round ends with the part of it before `from`.
        let rounds = if f.from == Place::START || blocks == 0 {
            blocks
        } else {
            blocks + 1
        };
        let mut since_clock = 0;
        while f.k < rounds {
            let b = (f.start + f.k) % blocks;
            match self.look_in(docs, b, f.place, deadline) {
                Looked::Found(found) => {
                    let at = Place::new(found.para, found.range.start);
                    self.wrapped = f.past_end || (b, at) < (f.start, f.from);
                    self.set_current(found);
                    return true;
                }
                Looked::Stopped(place) => {
                    f.place = place;
                    self.finding = Some(f);
                    return false;
                }
                Looked::Nothing => {
                    // Read from its start, the block has no hit; from inside it, the
                    // part before is read at the end of the round.
                    let whole = f.k > 0 || f.from == Place::START;
                    if whole && self.counts[b].is_none() {
                        self.counts[b] = Some(0);
                        self.unread -= 1;
                    }
                    f.k += 1;
                    f.place = Place::START;
                }
            }
            since_clock += 1;
            if since_clock == CLOCK_EVERY && f.k < rounds {
                since_clock = 0;
                if is_past(deadline) {
                    self.finding = Some(f);
                    return false;
                }
            }
        }
        true
    }

    /// The first hit of block `b` from `from` on, looking a piece at a time until
    /// `deadline`.
    fn look_in(
        &self,
        docs: &[Doc<'_>],
        b: usize,
        from: Place,
        deadline: Option<Instant>,
    ) -> Looked {
        if self.has_no_hit(b) {
            return Looked::Nothing;
        }
        let (tab, block) = self.locate(b);
        let (Some(matcher), Some(doc)) = (self.matcher.as_ref(), docs.get(tab)) else {
            return Looked::Nothing;
        };
        let mut found = None;
        let (mut last, mut since_clock) = (0, 0);
        let stopped = scan(matcher, doc, block, self.meta, from, |seen| match seen {
            Seen::Hit(para, range) => {
                found = Some(Found {
                    block: b,
                    para,
                    range,
                });
                ControlFlow::Break(())
            }
            Seen::Pause { scanned, .. } => {
                since_clock += scanned - last;
                last = scanned;
                if since_clock >= CHUNK {
                    since_clock = 0;
                    if is_past(deadline) {
                        return ControlFlow::Break(());
                    }
                }
                ControlFlow::Continue(())
            }
        });
        match (found, stopped) {
            (Some(found), _) => Looked::Found(found),
            (None, Some(place)) => Looked::Stopped(place),
            (None, None) => Looked::Nothing,
        }
    }

    /// Moves to the next hit (wrapping to the first), or the previous one, found in
    /// the text whether or not counting has reached it. The number follows once
    /// every block is counted.
    pub(crate) fn step(&mut self, docs: &[Doc<'_>], forward: bool) -> Option<&Hit> {
        let (block, place, rank) = match &self.current {
            Some(c) => {
                let place = Place::new(
                    c.hit.para,
                    if forward {
                        c.hit.range.end
                    } else {
                        c.hit.range.start
                    },
                );
                (c.block, Some(place), c.rank)
            }
            None => (0, None, None),
        };
        // Where the current hit starts, to tell whether the step goes round the end.
        let was = self
            .current
            .as_ref()
            .map(|c| (c.block, Place::new(c.hit.para, c.hit.range.start)));
        let found = if forward {
            self.next_hit(docs, block, place)
        } else {
            self.previous_hit(docs, block, place)
        }?;
        let total = self.total;
        // A hit stepped to is the current one: looking for the first is over.
        self.finding = None;
        self.wrapped = was.is_some_and(|was| {
            let at = (found.block, Place::new(found.para, found.range.start));
            has_wrapped(was, at, forward)
        });
        self.set_current(found);
        if let (Some(c), Some(rank), false) = (&mut self.current, rank, self.unread > 0) {
            c.rank = Some(if forward {
                (rank + 1) % total
            } else {
                (rank + total - 1) % total
            });
        } else if !self.is_counting() {
            self.rank_current(docs);
        }
        self.current()
    }

    /// The next hit after `place` in block `block` (from the page's start without a
    /// place), round the page and back to the block's start at worst.
    fn next_hit(&self, docs: &[Doc<'_>], block: usize, place: Option<Place>) -> Option<Found> {
        let blocks = self.counts.len();
        let rounds = if place.is_some() { blocks + 1 } else { blocks };
        (0..rounds).find_map(|k| {
            let b = (block + k) % blocks;
            self.first_hit(docs, b, if k == 0 { place } else { None })
        })
    }

    /// The first hit of block `b` at or after `from` (its start without), if it has one.
    pub(super) fn first_hit(
        &self,
        docs: &[Doc<'_>],
        b: usize,
        from: Option<Place>,
    ) -> Option<Found> {
        if self.has_no_hit(b) {
            return None;
        }
        let (tab, block) = self.locate(b);
        let (matcher, doc) = (self.matcher.as_ref()?, docs.get(tab)?);
        let mut found = None;
        scan(
            matcher,
            doc,
            block,
            self.meta,
            from.unwrap_or(Place::START),
            |seen| {
                if let Seen::Hit(para, range) = seen {
                    found = Some(Found {
                        block: b,
                        para,
                        range,
                    });
                    return ControlFlow::Break(());
                }
                ControlFlow::Continue(())
            },
        );
        found
    }

    /// The hit before `place` in block `block` (the page's last without a place),
    /// round the page and back to the block's end at worst.
    fn previous_hit(&self, docs: &[Doc<'_>], block: usize, place: Option<Place>) -> Option<Found> {
        let blocks = self.counts.len();
        let (block, rounds) = match place {
            Some(_) => (block, blocks + 1),
            None => (blocks.checked_sub(1)?, blocks),
        };
        (0..rounds).find_map(|k| {
            let b = (block + blocks - k % blocks) % blocks;
            self.last_hit(docs, b, if k == 0 { place } else { None })
        })
    }

    /// The last hit of block `b` before `until` (in all the block without), if any.
    ///
    /// Scans back a mark at a time: from the last mark before `until`, then, if that
    /// stretch had no hit, from the mark before it, skipping stretches that the
    /// marks' counts say are empty.
    fn last_hit(&self, docs: &[Doc<'_>], b: usize, until: Option<Place>) -> Option<Found> {
        if self.has_no_hit(b) {
            return None;
        }
        let (tab, block) = self.locate(b);
        let (matcher, doc) = (self.matcher.as_ref()?, docs.get(tab)?);
        let marks = self.marks.get(&b).map_or(&[][..], Vec::as_slice);
        // Whether `place` comes before `end`: every place does when there is none.
        let is_before = |place: Place, end: Option<Place>| end.is_none_or(|e| place < e);
        // The stretches to scan, latest first: from each mark before `until`, and from
        // the block's start, each up to the next mark (or `until`).
        let mut end = until;
        let mut end_before = None;
        let starts = marks
            .iter()
            .filter(|m| is_before(m.place(), until))
            .map(|m| (m.place(), m.before))
            .rev()
            .chain(std::iter::once((Place::START, 0)));
        for (start, before) in starts {
            // A stretch between two marks with the same count has no hit.
            if end_before != Some(before) {
                let mut last = None;
                scan(matcher, doc, block, self.meta, start, |seen| match seen {
                    Seen::Hit(para, range) if is_before(Place::new(para, range.start), end) => {
                        last = Some(Found {
                            block: b,
                            para,
                            range,
                        });
                        ControlFlow::Continue(())
                    }
                    Seen::Hit(..) => ControlFlow::Break(()),
                    Seen::Pause { place, .. } if !is_before(place, end) => ControlFlow::Break(()),
                    Seen::Pause { .. } => ControlFlow::Continue(()),
                });
                if last.is_some() {
                    return last;
                }
            }
            end = Some(start);
            end_before = Some(before);
        }
        None
    }
}
