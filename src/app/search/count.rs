//! Counting hits a slice at a time: in page order, block by block and, inside a long
//! block, a piece at a time, stopping once the time budget is spent and going on
//! from there the next time; then numbering the current hit.

use std::ops::ControlFlow;
use std::time::Instant;

use super::scan::{CHUNK, Mark, Place, Seen, mark_before, scan};
use super::{CLOCK_EVERY, Resume, Search};
use crate::layout::Doc;

impl Search {
    /// Counts unread blocks in page order until all are counted or `deadline` passes.
    pub(super) fn count_until(&mut self, docs: &[Doc<'_>], deadline: Option<Instant>) -> bool {
        // The current hit first: it is what the screen shows.
        if !self.find_current(docs, deadline) {
            return false;
        }
        let mut since_clock = 0;
        while self.unread > 0 && self.cursor < self.counts.len() {
            if self.counts[self.cursor].is_none() {
                if !self.count_block(docs, self.cursor, deadline) {
                    return false;
                }
                since_clock += 1;
                if since_clock == CLOCK_EVERY {
                    since_clock = 0;
                    if is_past(deadline) {
                        self.cursor += 1;
                        break;
                    }
                }
            }
            self.cursor += 1;
        }
        if self.is_counting() {
            return false;
        }
        self.rank_current(docs);
        true
    }

    /// Counts block `b`'s hits, going on from where its count stopped if it did, and
    /// stops between two pieces once `deadline` has passed. Returns whether the block
    /// is counted to its end.
    fn count_block(&mut self, docs: &[Doc<'_>], b: usize, deadline: Option<Instant>) -> bool {
        let (tab, block) = self.locate(b);
        let resume = self.resume.take().filter(|r| r.block == b);
        let (from, mut found) = resume.map_or((Place::START, 0), |r| (r.place, r.found));
        let before = found;
        let mut marks = match resume {
            Some(_) => self.marks.remove(&b).unwrap_or_default(),
            None => Vec::new(),
        };
        let stopped = match (self.matcher.as_ref(), docs.get(tab)) {
            (Some(matcher), Some(doc)) => {
                let (mut last, mut since_mark, mut since_clock) = (0, 0, 0);
                scan(matcher, doc, block, self.meta, from, |seen| match seen {
                    Seen::Hit(..) => {
                        found = found.saturating_add(1);
                        ControlFlow::Continue(())
                    }
                    Seen::Pause { place, scanned } => {
                        since_mark += scanned - last;
                        since_clock += scanned - last;
                        last = scanned;
                        if since_mark >= CHUNK {
                            since_mark = 0;
                            marks.push(Mark::new(place, found));
                        }
                        if since_clock >= CHUNK {
                            since_clock = 0;
                            if is_past(deadline) {
                                return ControlFlow::Break(());
                            }
                        }
                        ControlFlow::Continue(())
                    }
                })
            }
            _ => None,
        };
        let added = (found - before) as usize;
        self.total += added;
        self.per_tab[tab] += added;
        if let Some(place) = stopped {
            if marks.last().is_none_or(|m| m.place() != place) {
                marks.push(Mark::new(place, found));
            }
            self.resume = Some(Resume {
                block: b,
                place,
                found,
            });
        } else {
            self.counts[b] = Some(found);
            self.unread -= 1;
        }
        if !marks.is_empty() {
            self.marks.insert(b, marks);
        }
        stopped.is_none()
    }

    /// Numbers the current hit, once every block is counted: the hits of the blocks
    /// before it, then those before it in its own block, scanned from the last mark.
    pub(super) fn rank_current(&mut self, docs: &[Doc<'_>]) {
        let Some(c) = &self.current else { return };
        let (b, place) = (c.block, Place::new(c.hit.para, c.hit.range.start));
        let before: usize = self.counts[..b].iter().flatten().map(|&n| n as usize).sum();
        let mark = self.marks.get(&b).and_then(|m| mark_before(m, place));
        let (from, mut index) = mark.map_or((Place::START, 0), |m| (m.place(), m.before as usize));
        let (tab, block) = self.locate(b);
        if let (Some(matcher), Some(doc)) = (&self.matcher, docs.get(tab)) {
            scan(matcher, doc, block, self.meta, from, |seen| match seen {
                Seen::Hit(para, range) if Place::new(para, range.start) < place => {
                    index += 1;
                    ControlFlow::Continue(())
                }
                Seen::Hit(..) => ControlFlow::Break(()),
                Seen::Pause { .. } => ControlFlow::Continue(()),
            });
        }
        if let Some(c) = &mut self.current {
            c.rank = Some(before + index);
        }
    }
}

/// Whether `deadline` has passed (never, without one).
pub(super) fn is_past(deadline: Option<Instant>) -> bool {
    deadline.is_some_and(|d| Instant::now() >= d)
}
