//! Search across every tab: the query, how many hits each block holds, and which hit
//! is current.
//!
//! Search reads the unwrapped text of each block straight from the model
//! (`Doc::search_paras`), so a hit is found whatever the width and is placed on
//! screen only when shown.
//!
//! A page may hold 100,000 reviews, or one paragraph of 60 MB, and counting every hit
//! of a one-letter query in it takes far longer than a keystroke may. So a search
//! first looks for the current hit (the first at or after the reader), then counts
//! the rest in page order, for as long as its time budget allows, a piece of text at
//! a time (`scan`), inside a block as well as between blocks (`count`, `step`);
//! `Search::count_more` carries on, a slice at a time, while the viewer is idle.
//! [`Search::set_query`] does both at once. Typing one more character re-reads only
//! the blocks where the shorter query had hits.
//!
//! Hits are not stored: a block keeps its count, and a block longer than a piece keeps
//! a mark (`scan::Mark`) every piece or so (a place to resume from, with the hits before
//! it). Drawing a line, stepping to the next hit and numbering the current one scan
//! the text again from the nearest mark, so each costs at most a few pieces of text
//! and the memory a search takes does not grow with its hits.

mod count;
mod scan;
mod start;
mod step;

use std::collections::HashMap;
use std::ops::Range;
use std::time::{Duration, Instant};

use crate::layout::Doc;
use crate::layout::review::could_match_meta;
use crate::text::search::Matcher;
use scan::{CHUNK, Mark, Place, mark_before};
pub use start::Start;

/// One hit: a tab, a block, a paragraph of the block and a byte range in it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Hit {
    pub tab: usize,
    pub block: usize,
    pub para: usize,
    pub range: Range<usize>,
}

/// Blocks counted between two looks at the clock (a block's own pieces are timed too).
const CLOCK_EVERY: usize = 64;

/// How far before a line drawing scans for its hits at most. A paragraph longer than
/// this is drawn with highlights only where counting has left marks (or near the
/// current hit), so a frame never scans more than this much text per line.
const DRAW_REACH: usize = 4 * CHUNK;

/// The current hit, with its block numbered through all tabs and its place in page
/// order once every block is counted.
#[derive(Debug, Clone)]
struct Current {
    block: usize,
    hit: Hit,
    /// How many hits come before it in page order, once every block is counted.
    rank: Option<usize>,
}

/// A hit as searching finds it: its block numbered through all tabs, its paragraph
/// and byte range.
#[derive(Debug, Clone)]
struct Found {
    block: usize,
    para: usize,
    range: Range<usize>,
}

/// Where the search for the current hit has got to: round the page from `from` in
/// block `start`, `k` blocks on, at `place` in that block. Starting inside a block,
/// the round ends in that block again, read from its start.
#[derive(Debug, Clone, Copy)]
struct Finding {
    start: usize,
    from: Place,
    /// Whether the search began past the page's end (so at its start, wrapped).
    past_end: bool,
    k: usize,
    place: Place,
}

/// Where counting stopped inside a block, to go on from there.
#[derive(Debug, Clone, Copy)]
struct Resume {
    block: usize,
    place: Place,
    /// Hits counted in the block so far.
    found: u32,
}

/// The search's state.
///
/// Blocks are numbered through all tabs in page order (the first tab's, then the
/// next one's); each block is counted once per query.
#[derive(Debug, Default)]
pub struct Search {
    matcher: Option<Matcher>,
    /// Whether the query could match a review's generated meta line.
    meta: bool,
    /// Where each tab's blocks start in the numbering, then the number of blocks.
    starts: Vec<usize>,
    /// Hits per block, `None` until the block is counted to its end.
    counts: Vec<Option<u32>>,
    /// The marks of the blocks longer than a piece, in text order.
    marks: HashMap<usize, Vec<Mark>>,
    /// The block whose counting stopped part way, and where.
    resume: Option<Resume>,
    /// Where looking for the current hit stopped, while it goes on (before counting).
    finding: Option<Finding>,
    /// Hits counted so far, in all and in each tab.
    total: usize,
    per_tab: Vec<usize>,
    /// Blocks not counted to their end yet.
    unread: usize,
    /// How far counting has gone: every block before it is counted.
    cursor: usize,
    current: Option<Current>,
    /// Whether the current hit was reached by going round the page's end.
    wrapped: bool,
}

impl Search {
    pub(crate) fn query(&self) -> &str {
        self.matcher.as_ref().map_or("", Matcher::query)
    }

    /// Whether a query is in force (highlights shown, counts on tabs).
    pub(crate) fn is_active(&self) -> bool {
        self.matcher.is_some()
    }

    /// Whether some blocks are still to be counted: the counts so far are lower
    /// bounds, and the current hit's number is not known yet.
    pub(crate) fn is_counting(&self) -> bool {
        self.unread > 0 || self.finding.is_some()
    }

    /// Hits in tab `tab` (so far, while counting), or `None` without a search.
    pub(crate) fn count_in(&self, tab: usize) -> Option<usize> {
        self.is_active()
            .then(|| self.per_tab.get(tab).copied().unwrap_or(0))
    }

    /// The current hit's number from 1 and the total: `2/9`. While counting, the
    /// total is the hits counted so far and the number is 0 (not known yet).
    pub fn counter(&self) -> Option<(usize, usize)> {
        self.is_active().then(|| {
            let at = self
                .current
                .as_ref()
                .and_then(|c| c.rank)
                .map_or(0, |r| r + 1);
            (at, self.total)
        })
    }

    pub(crate) fn current(&self) -> Option<&Hit> {
        self.current.as_ref().map(|c| &c.hit)
    }

    /// Whether the current hit was reached by going round the page's end: found
    /// before where the search started, or stepped to past the last hit (or the first).
    pub(crate) fn wrapped(&self) -> bool {
        self.wrapped
    }

    /// Sets the query and counts every hit in `docs` (one per tab). The current hit
    /// becomes the first at or after `from` (a tab and block).
    pub fn set_query(&mut self, query: &str, docs: &[Doc<'_>], from: (usize, usize)) {
        self.set_query_within(query, docs, from, Duration::MAX);
    }

    /// Sets the query, finds the current hit (the first at or after `from`, a tab
    /// and block), then counts hits for up to `budget`. Returns whether counting is
    /// done; if not, `Search::count_more` goes on, with the same `docs`.
    pub fn set_query_within(
        &mut self,
        query: &str,
        docs: &[Doc<'_>],
        from: (usize, usize),
        budget: Duration,
    ) -> bool {
        self.set_query_from(query, docs, Start::block(from.0, from.1), budget)
    }

    /// Sets the query, finds the current hit (the first at or after `start`, round
    /// the page once), then counts hits for up to `budget`. Returns whether counting
    /// is done; if not, `Search::count_more` goes on, with the same `docs`.
    pub fn set_query_from(
        &mut self,
        query: &str,
        docs: &[Doc<'_>],
        start: Start,
        budget: Duration,
    ) -> bool {
        let deadline = Instant::now().checked_add(budget);
        let starts = block_starts(docs);
        let blocks = starts.last().copied().unwrap_or(0);
        // A longer query only matches where the shorter one did: its blocks without
        // a hit need no second look.
        let narrows = self.is_active()
            && query.starts_with(self.query())
            && query.is_ascii() == self.query().is_ascii()
            && starts == self.starts;
        self.matcher = Matcher::new(query);
        self.meta = could_match_meta(query);
        self.starts = starts;
        self.marks.clear();
        self.resume = None;
        self.finding = None;
        self.total = 0;
        self.per_tab = vec![0; docs.len()];
        self.cursor = 0;
        self.current = None;
        self.wrapped = false;
        if self.matcher.is_none() {
            self.counts.clear();
            self.unread = 0;
            return true;
        }
        if narrows {
            for count in &mut self.counts {
                if *count != Some(0) {
                    *count = None;
                }
            }
        } else {
            self.counts.clear();
            self.counts.resize(blocks, None);
        }
        self.unread = self.counts.iter().filter(|c| c.is_none()).count();
        let (start, from, past_end) = self.locate_start(start);
        self.finding = Some(Finding {
            start,
            from,
            past_end,
            k: 0,
            place: from,
        });
        self.count_until(docs, deadline)
    }

    /// Counts on for up to `budget`, with the `docs` the query was set with.
    /// Returns whether counting is done.
    pub(crate) fn count_more(&mut self, docs: &[Doc<'_>], budget: Duration) -> bool {
        self.count_until(docs, Instant::now().checked_add(budget))
    }

    /// Ends the search.
    pub(crate) fn clear(&mut self) {
        *self = Self::default();
    }

    /// The hits that overlap bytes `line` of paragraph `para` of a block, whose text
    /// is `text`, each with whether it is the current hit: what a line highlights.
    ///
    /// Scans from the nearest place known to start no hit in the middle (the
    /// paragraph's start, a mark or the current hit), and only when that is within
    /// `DRAW_REACH` of the line: a line of a long paragraph that counting has not
    /// reached yet is drawn without highlights until it has.
    pub(crate) fn hits_on(
        &self,
        tab: usize,
        block: usize,
        para: usize,
        text: &str,
        line: Range<usize>,
    ) -> Vec<(Range<usize>, bool)> {
        let (Some(matcher), Some(b)) = (&self.matcher, self.number(tab, block)) else {
            return Vec::new();
        };
        let mut from = 0;
        if let Some(mark) = self
            .marks
            .get(&b)
            .and_then(|marks| mark_before(marks, Place::new(para, line.start)))
            .filter(|m| m.place().para == para)
        {
            from = mark.place().at;
        }
        if let Some(c) = &self.current
            && c.block == b
            && c.hit.para == para
            && c.hit.range.start <= line.start
        {
            from = from.max(c.hit.range.start);
        }
        if line.end.saturating_sub(from) > DRAW_REACH {
            return Vec::new();
        }
        let mut hits = Vec::new();
        let mut pos = from;
        while let Some(r) = matcher.find_within(text, pos, line.end) {
            pos = r.end;
            if r.end > line.start {
                let current = self
                    .current
                    .as_ref()
                    .is_some_and(|c| c.block == b && c.hit.para == para && c.hit.range == r);
                hits.push((r, current));
            }
        }
        hits
    }

    /// Block `block` of tab `tab`, numbered through all tabs, if it is searched.
    fn number(&self, tab: usize, block: usize) -> Option<usize> {
        match (self.starts.get(tab), self.starts.get(tab + 1)) {
            (Some(&start), Some(&end)) if start + block < end => Some(start + block),
            _ => None,
        }
    }

    /// Whether block `b` (numbered through all tabs) is counted and holds no hit.
    fn has_no_hit(&self, b: usize) -> bool {
        self.counts.get(b) == Some(&Some(0))
    }

    /// The tab and block of block `b` numbered through all tabs.
    fn locate(&self, b: usize) -> (usize, usize) {
        let tab = self.starts.partition_point(|&s| s <= b).saturating_sub(1);
        (tab, b - self.starts.get(tab).copied().unwrap_or(0))
    }

    fn set_current(&mut self, found: Found) {
        let Found {
            block: b,
            para,
            range,
        } = found;
        let (tab, block) = self.locate(b);
        self.current = Some(Current {
            block: b,
            hit: Hit {
                tab,
                block,
                para,
                range,
            },
            rank: None,
        });
    }
}

/// Where each doc's blocks start when numbered through all of them, then the total.
/// Every block is numbered as the pane numbers it, head and empty state too; those
/// have nothing to search, so they count no hit.
fn block_starts(docs: &[Doc<'_>]) -> Vec<usize> {
    let mut starts = Vec::with_capacity(docs.len() + 1);
    let mut at = 0;
    starts.push(at);
    for doc in docs {
        at += doc.len();
        starts.push(at);
    }
    starts
}

#[cfg(test)]
mod tests {
    use std::ops::ControlFlow;

    use super::scan::{Seen, scan};
    use super::*;
    use crate::i18n::EN;
    use crate::layout::Section;
    use crate::model::{Page, Rating, Review, Reviews, test_page};

    /// The synopsis's three spellings of Joseph, and a review by Joseph K.
    fn page() -> Page {
        let mut page = test_page(&["Joseph and joseph", "no one", "JOSEPH"], ["nothing"]);
        if let Some(reviews) = &mut page.reviews {
            reviews.items[0].author = "Joseph K".into();
        }
        page
    }

    impl Search {
        /// Every hit, in page order, found again from the text (for tests: the viewer
        /// never needs them all).
        pub(crate) fn hits(&self, docs: &[Doc<'_>]) -> Vec<Hit> {
            let mut hits = Vec::new();
            let Some(matcher) = &self.matcher else {
                return hits;
            };
            for (tab, doc) in docs.iter().enumerate() {
                for block in 0..doc.len() {
                    scan(matcher, doc, block, self.meta, Place::START, |seen| {
                        if let Seen::Hit(para, range) = seen {
                            hits.push(Hit {
                                tab,
                                block,
                                para,
                                range,
                            });
                        }
                        ControlFlow::Continue(())
                    });
                }
            }
            hits
        }
    }

    /// A page of `n` reviews: every third by Joseph, every fifth naming him, every
    /// other one rated 8/10.
    fn many(n: usize) -> Page {
        let mut p = page();
        p.reviews = Some(Reviews {
            heading: None,
            items: (0..n)
                .map(|i| Review {
                    language: None,
                    author: if i % 3 == 0 { "Joseph K" } else { "Ann" }.into(),
                    rating: if i % 2 == 0 {
                        Rating::from_tenths(80)
                    } else {
                        None
                    },
                    date: None,
                    paragraphs: [if i % 5 == 0 {
                        format!("review {i}, on Joseph")
                    } else {
                        format!("review {i}")
                    }]
                    .into_iter()
                    .collect(),
                })
                .collect(),
        });
        p
    }

    /// A synopsis of one paragraph of about `bytes` bytes, "joseph" in it now and then.
    fn one_paragraph(bytes: usize) -> Page {
        let mut text = String::new();
        let mut i = 0;
        while text.len() < bytes {
            text.push_str(if i % 7 == 0 {
                "Joseph menulis "
            } else {
                "dan film "
            });
            i += 1;
        }
        let mut p = page();
        p.synopsis.paragraphs = [text.as_str()].into_iter().collect();
        p
    }

    fn docs(p: &Page) -> Vec<Doc<'_>> {
        vec![
            Doc::new(p, Section::Synopsis, &EN),
            Doc::new(p, Section::Reviews, &EN),
        ]
    }

    /// What `hits_on` should give for a line, from every hit.
    fn expected_on(
        s: &Search,
        all: &[Hit],
        (tab, block, para): (usize, usize, usize),
        line: &Range<usize>,
    ) -> Vec<(Range<usize>, bool)> {
        all.iter()
            .filter(|h| (h.tab, h.block, h.para) == (tab, block, para))
            .filter(|h| h.range.start < line.end && h.range.end > line.start)
            .map(|h| (h.range.clone(), s.current() == Some(h)))
            .collect()
    }

    /// The text of paragraph `para` of block `block` of tab `tab`.
    fn text_of(docs: &[Doc<'_>], tab: usize, block: usize, para: usize) -> String {
        docs[tab].block(block).paras[para].text.to_string()
    }

    #[test]
    fn counts_agree_with_the_text() {
        let p = page();
        let docs = docs(&p);
        let mut s = Search::default();
        s.set_query("joseph", &docs, (0, 0));
        assert_eq!(s.counter(), Some((1, 4)));
        assert_eq!(s.count_in(0), Some(3));
        assert_eq!(s.count_in(1), Some(1));
        let first = text_of(&docs, 0, 0, 0);
        assert_eq!(
            s.hits_on(0, 0, 0, &first, 0..first.len()),
            [(0..6, true), (11..17, false)]
        );
        assert_eq!(s.hits_on(0, 0, 0, &first, 7..12), [(11..17, false)]);
        assert_eq!(s.hits_on(0, 1, 0, "no one", 0..6), []);
        assert_eq!(s.hits_on(0, 2, 0, "JOSEPH", 0..6), [(0..6, false)]);
        assert_eq!(s.hits_on(0, 3, 0, "JOSEPH", 0..6), [], "no such block");
    }

    #[test]
    fn next_crosses_tabs_and_wraps() {
        let p = page();
        let docs = docs(&p);
        let mut s = Search::default();
        s.set_query("joseph", &docs, (0, 0));
        let tabs: Vec<_> = (0..5)
            .filter_map(|_| s.step(&docs, true).map(|h| h.tab))
            .collect();
        assert_eq!(tabs, [0, 0, 1, 0, 0]);
        assert_eq!(s.step(&docs, false).map(|h| h.tab), Some(0));
        assert_eq!(s.counter(), Some((1, 4)));
        assert_eq!(s.step(&docs, false).map(|h| h.tab), Some(1));
        assert_eq!(s.counter(), Some((4, 4)));
    }

    #[test]
    fn the_first_hit_is_at_or_after_the_reader() {
        let p = page();
        let docs = docs(&p);
        let mut s = Search::default();
        s.set_query("joseph", &docs, (0, 1));
        assert_eq!(s.current().map(|h| (h.tab, h.block)), Some((0, 2)));
        s.set_query("joseph", &docs, (1, 5));
        assert_eq!(
            s.current().map(|h| (h.tab, h.block)),
            Some((0, 0)),
            "wraps to the start"
        );
    }

    #[test]
    fn empty_query_and_no_hits() {
        let p = page();
        let docs = docs(&p);
        let mut s = Search::default();
        s.set_query("", &docs, (0, 0));
        assert!(!s.is_active());
        assert_eq!(s.counter(), None);
        s.set_query("zzz", &docs, (0, 0));
        assert_eq!(s.counter(), Some((0, 0)));
        assert!(s.step(&docs, true).is_none());
        assert!(s.step(&docs, false).is_none());
        s.clear();
        assert_eq!(s.count_in(0), None);
    }

    #[test]
    fn empty_states_are_not_searched() {
        let mut p = page();
        p.reviews = Some(Reviews {
            heading: None,
            items: vec![],
        });
        let mut s = Search::default();
        s.set_query("reviews", &docs(&p), (0, 0));
        assert_eq!(s.counter(), Some((0, 0)));
    }

    #[test]
    fn a_budgeted_search_shows_the_current_hit_then_counts_the_rest() {
        let p = many(3000);
        let docs = docs(&p);
        let mut full = Search::default();
        full.set_query("joseph", &docs, (1, 1500));
        let all = full.hits(&docs);
        let mut s = Search::default();
        let done = s.set_query_within("joseph", &docs, (1, 1500), Duration::ZERO);
        assert!(!done && s.is_counting());
        assert_eq!(s.current(), full.current());
        assert_eq!(s.counter().map(|(at, _)| at), Some(0), "not numbered yet");
        for block in 1400..1700 {
            for para in 0..3 {
                let Some(text) = docs[1]
                    .block(block)
                    .paras
                    .get(para)
                    .map(|p| p.text.to_string())
                else {
                    continue;
                };
                let line = 0..text.len();
                assert_eq!(
                    s.hits_on(1, block, para, &text, line.clone()),
                    expected_on(&s, &all, (1, block, para), &line),
                    "block {block} para {para}: highlighted before it is counted"
                );
            }
        }
        let mut slices = 0;
        while !s.count_more(&docs, Duration::ZERO) {
            slices += 1;
        }
        assert!(slices > 1, "counted a slice at a time");
        assert!(!s.is_counting());
        assert_eq!(s.counter(), full.counter());
        assert_eq!(s.hits(&docs), all);
        assert_eq!(s.count_in(1), full.count_in(1));
        assert_eq!(s.step(&docs, true), full.step(&docs, true));
        assert_eq!(s.counter(), full.counter());
    }

    #[test]
    fn typing_on_finds_what_a_fresh_search_finds() {
        let p = many(200);
        let docs = docs(&p);
        let mut s = Search::default();
        // Partly counted first, then narrowed, widened and narrowed again.
        s.set_query_within("j", &docs, (0, 0), Duration::ZERO);
        for query in [
            "jo", "josep", "joseph", "josephz", "joseph", "joseph ", "8", "8/",
        ] {
            s.set_query(query, &docs, (1, 7));
            let mut fresh = Search::default();
            fresh.set_query(query, &docs, (1, 7));
            assert_eq!(s.hits(&docs), fresh.hits(&docs), "{query:?}");
            assert_eq!(s.counter(), fresh.counter(), "{query:?}");
            assert_eq!(s.current(), fresh.current(), "{query:?}");
        }
    }

    #[test]
    fn stepping_round_the_page_keeps_the_number() {
        let p = many(100);
        let docs = docs(&p);
        let mut s = Search::default();
        s.set_query("joseph", &docs, (1, 50));
        let (at, total) = s.counter().expect("a search");
        assert!(at > 1 && total > 40);
        let all = s.hits(&docs);
        for k in 1..=total {
            let hit = s.step(&docs, true).cloned();
            let expected = (at - 1 + k) % total;
            assert_eq!(hit.as_ref(), all.get(expected));
            assert_eq!(s.counter(), Some((expected + 1, total)));
        }
        for _ in 0..=total {
            s.step(&docs, false);
        }
        assert_eq!(s.counter(), Some((at - 1, total)));
    }

    #[test]
    fn stepping_while_counting_visits_every_hit_in_order() {
        let p = many(300);
        let docs = docs(&p);
        let mut full = Search::default();
        full.set_query("joseph", &docs, (0, 0));
        let all = full.hits(&docs);
        let mut s = Search::default();
        assert!(!s.set_query_within("joseph", &docs, (0, 0), Duration::ZERO));
        let mut seen = vec![s.current().cloned().expect("a hit")];
        for _ in 1..all.len() {
            seen.extend(s.step(&docs, true).cloned());
        }
        assert_eq!(seen, all, "in page order, counted or not");
        assert!(s.is_counting(), "stepping does not wait for the count");
        assert_eq!(s.counter().map(|(at, _)| at), Some(0));
        s.count_more(&docs, Duration::MAX);
        assert_eq!(
            s.counter(),
            Some((all.len(), all.len())),
            "numbered at the end"
        );
        assert_eq!(s.step(&docs, false), all.get(all.len() - 2));
    }

    #[test]
    fn one_long_paragraph_is_counted_in_slices_inside_it() {
        let p = one_paragraph(40 * CHUNK);
        let docs = docs(&p);
        let text = text_of(&docs, 0, 0, 0);
        let mut full = Search::default();
        full.set_query("joseph", &docs, (0, 0));
        let all = full.hits(&docs);
        assert!(all.len() > 5_000, "{}", all.len());

        let mut s = Search::default();
        assert!(!s.set_query_within("joseph", &docs, (0, 0), Duration::ZERO));
        assert_eq!(s.current(), all.first());
        let mut slices = 1;
        while !s.count_more(&docs, Duration::ZERO) {
            slices += 1;
            let (_, so_far) = s.counter().expect("a search");
            assert!(so_far < all.len(), "part of the block only");
        }
        assert!(slices > 10, "{slices} slices for one block");
        assert_eq!(s.counter(), full.counter());
        let marks = s.marks.get(&0).map_or(0, Vec::len);
        assert!(
            marks <= 2 * text.len() / CHUNK + slices,
            "{marks} marks for {} bytes",
            text.len()
        );
        // Lines anywhere in the paragraph, as the screen draws them.
        for start in [0, 7, CHUNK - 3, text.len() / 2, text.len() - 90] {
            let mut start = start;
            while !text.is_char_boundary(start) {
                start += 1;
            }
            let line = start..(start + 80).min(text.len());
            assert_eq!(
                s.hits_on(0, 0, 0, &text, line.clone()),
                expected_on(&s, &all, (0, 0, 0), &line),
                "line {line:?}"
            );
        }
        // G, then N: the last hit, numbered.
        s.current = None;
        assert_eq!(s.step(&docs, false), all.last());
        assert_eq!(s.counter(), Some((all.len(), all.len())));
        assert_eq!(s.step(&docs, false), all.get(all.len() - 2));
        assert_eq!(s.counter(), Some((all.len() - 1, all.len())));
    }

    #[test]
    fn a_first_hit_far_into_a_long_paragraph_is_looked_for_in_slices() {
        let mut p = one_paragraph(40 * CHUNK);
        let mut text = p.synopsis.paragraphs.get(0).unwrap_or_default().to_owned();
        text.push_str("zebra");
        p.synopsis.paragraphs = [text.as_str(), "zebra again"].into_iter().collect();
        let docs = docs(&p);
        let mut full = Search::default();
        full.set_query("zebra", &docs, (0, 0));
        assert_eq!(full.counter(), Some((1, 2)));
        let mut s = Search::default();
        assert!(!s.set_query_within("zebra", &docs, (0, 0), Duration::ZERO));
        assert_eq!(s.current(), None, "not found in the first slice");
        assert!(s.is_counting());
        let mut slices = 1;
        while s.current().is_none() {
            assert!(!s.count_more(&docs, Duration::ZERO));
            slices += 1;
        }
        assert!(slices > 10, "{slices} slices to find it");
        assert_eq!(s.current(), full.current());
        while !s.count_more(&docs, Duration::ZERO) {}
        assert_eq!(s.counter(), full.counter());
    }

    #[test]
    fn a_long_paragraph_is_highlighted_only_near_what_is_known() {
        let p = one_paragraph(40 * CHUNK);
        let docs = docs(&p);
        let text = text_of(&docs, 0, 0, 0);
        let mut s = Search::default();
        s.set_query_within("joseph", &docs, (0, 0), Duration::ZERO);
        let end = text.len() - 80..text.len();
        assert_eq!(
            s.hits_on(0, 0, 0, &text, end.clone()),
            [],
            "not reached yet"
        );
        s.count_more(&docs, Duration::MAX);
        assert!(!s.hits_on(0, 0, 0, &text, end).is_empty(), "counted: shown");
    }

    #[test]
    fn rating_lines_are_searched_like_the_rest() {
        let p = many(10);
        let docs = docs(&p);
        let mut s = Search::default();
        s.set_query("8/10", &docs, (0, 0));
        assert_eq!(s.counter(), Some((1, 5)));
        let hit = s.current().cloned().expect("a hit");
        let block = Doc::new(&p, Section::Reviews, &EN).block(hit.block);
        assert_eq!(&block.paras[hit.para].text[hit.range], "8/10");
    }
}
