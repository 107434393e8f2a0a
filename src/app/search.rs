//! Search across every tab: the query, its hits block by block, and which one is
//! current.
//!
//! Search reads the unwrapped text of each block straight from the model
//! ([`Doc::search_paras`]), so a hit is found whatever the width and is placed on
//! screen only when shown.
//!
//! A page may hold 100,000 reviews, and counting every hit of a one-letter query in
//! 50 MB of text takes far longer than a keystroke may. So a search reads the page's
//! blocks in two passes. [`Search::set_query_within`] first reads from a little
//! before the reader on to the first hit and a screenful of blocks past it (all the
//! screen will show), then counts on through the page for as long as its time budget
//! allows; [`Search::count_more`] carries on, a slice at a time, while the viewer is
//! idle. [`Search::set_query`] does both at once. Typing one more character re-reads
//! only the blocks where the shorter query had hits.

use std::time::{Duration, Instant};

use crate::layout::offset;
use crate::layout::{Doc, could_match_meta};
use crate::text::search::Matcher;

/// One hit: a tab, a block, a paragraph of the block and a byte range in it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hit {
    pub tab: usize,
    pub block: usize,
    pub para: usize,
    pub range: std::ops::Range<usize>,
}

/// A block's hit count before the block is read.
const UNREAD: u32 = u32::MAX;

/// Blocks read on each side of the first hit before the rest are counted: more than
/// a screen shows, so every hit on screen is highlighted at once.
const AROUND: usize = 256;

/// Blocks read between two looks at the clock.
const CLOCK_EVERY: usize = 64;

/// A hit as stored; its tab and block follow from where it is stored.
#[derive(Debug, Clone, Copy)]
struct Found {
    para: u32,
    start: u32,
    end: u32,
}

/// The current hit: where it is stored, and its place in page order once known.
#[derive(Debug, Clone)]
struct Current {
    /// The block, numbered through all tabs.
    block: usize,
    /// Its index in `Search::found`.
    index: usize,
    hit: Hit,
    /// How many hits come before it in page order, once every block is read.
    rank: Option<usize>,
}

/// The search's state.
///
/// Blocks are numbered through all tabs in page order (the first tab's, then the
/// next one's); each block is read once per query, and its hits are stored together.
#[derive(Debug, Default)]
pub struct Search {
    query: String,
    matcher: Option<Matcher>,
    /// Whether the query could match a review's generated meta line.
    meta: bool,
    /// Where each tab's blocks start in the numbering, then the number of blocks.
    starts: Vec<usize>,
    /// Hits per block, [`UNREAD`] until the block is read.
    counts: Vec<u32>,
    /// Where each read block's hits start in `found`.
    first: Vec<usize>,
    /// The hits of every block read so far.
    found: Vec<Found>,
    /// Hits found so far in each tab.
    per_tab: Vec<usize>,
    /// Blocks not read yet.
    unread: usize,
    /// How far counting has gone: every block before it is read.
    cursor: usize,
    current: Option<Current>,
}

impl Search {
    pub fn query(&self) -> &str {
        &self.query
    }

    /// Whether a query is in force (highlights shown, counts on tabs).
    pub fn is_active(&self) -> bool {
        self.matcher.is_some()
    }

    pub fn matcher(&self) -> Option<&Matcher> {
        self.matcher.as_ref()
    }

    /// Whether some blocks are still to be counted: the counts so far are lower
    /// bounds, and the current hit's number is not known yet.
    pub fn is_counting(&self) -> bool {
        self.unread > 0
    }

    /// The hits found so far, in page order (every hit once counting is done).
    pub fn hits(&self) -> Vec<Hit> {
        let mut blocks: Vec<usize> = (0..self.counts.len())
            .filter(|&b| self.has_hits(b))
            .collect();
        blocks.sort_unstable();
        blocks
            .into_iter()
            .flat_map(|b| self.block_hits(b).map(|(_, hit)| hit))
            .collect()
    }

    /// Hits in tab `tab` (so far, while counting), or `None` without a search.
    pub fn count_in(&self, tab: usize) -> Option<usize> {
        self.is_active()
            .then(|| self.per_tab.get(tab).copied().unwrap_or(0))
    }

    /// The current hit's number from 1 and the total: `2/9`. While counting, the
    /// total is the hits found so far and the number is 0 (not known yet).
    pub fn counter(&self) -> Option<(usize, usize)> {
        self.is_active().then(|| {
            let at = self
                .current
                .as_ref()
                .and_then(|c| c.rank)
                .map_or(0, |r| r + 1);
            (at, self.found.len())
        })
    }

    pub fn current(&self) -> Option<&Hit> {
        self.current.as_ref().map(|c| &c.hit)
    }

    /// Sets the query and finds every hit in `docs` (one per tab). The current hit
    /// becomes the first at or after `from` (a tab and block).
    pub fn set_query(&mut self, query: String, docs: &[Doc<'_>], from: (usize, usize)) {
        self.set_query_within(query, docs, from, Duration::MAX);
    }

    /// Sets the query, finds the current hit (the first at or after `from`, a tab
    /// and block) and the hits around it, then counts the rest for up to `budget`.
    /// Returns whether counting is done; if not, [`Search::count_more`] goes on,
    /// with the same `docs`.
    pub fn set_query_within(
        &mut self,
        query: String,
        docs: &[Doc<'_>],
        from: (usize, usize),
        budget: Duration,
    ) -> bool {
        let deadline = Instant::now().checked_add(budget);
        let starts = block_starts(docs);
        let blocks = starts.last().copied().unwrap_or(0);
        // A longer query only matches where the shorter one did: its blocks without
        // a hit need no second look.
        let narrows = self.is_active()
            && query.starts_with(&self.query)
            && query.is_ascii() == self.query.is_ascii()
            && starts == self.starts;
        self.matcher = Matcher::new(&query);
        self.meta = could_match_meta(&query);
        self.query = query;
        self.starts = starts;
        self.found.clear();
        self.per_tab = vec![0; docs.len()];
        self.cursor = 0;
        self.current = None;
        if self.matcher.is_none() {
            self.counts.clear();
            self.first.clear();
            self.unread = 0;
            return true;
        }
        if narrows {
            for count in &mut self.counts {
                if *count != 0 {
                    *count = UNREAD;
                }
            }
        } else {
            self.counts.clear();
            self.counts.resize(blocks, UNREAD);
        }
        self.first.resize(blocks, 0);
        self.unread = self.counts.iter().filter(|&&c| c == UNREAD).count();
        self.find_current(docs, from);
        self.count_until(docs, deadline)
    }

    /// Counts on for up to `budget`, with the `docs` the query was set with.
    /// Returns whether counting is done.
    pub fn count_more(&mut self, docs: &[Doc<'_>], budget: Duration) -> bool {
        self.count_until(docs, Instant::now().checked_add(budget))
    }

    /// Ends the search.
    pub fn clear(&mut self) {
        *self = Self::default();
    }

    /// Moves to the next hit (wrapping to the first), or the previous one. While
    /// counting, only the hits found so far are visited.
    pub fn step(&mut self, forward: bool) -> Option<&Hit> {
        let blocks = self.counts.len();
        let Some(current) = &self.current else {
            let block = (0..blocks).find(|&b| self.has_hits(b))?;
            self.set_current(block, self.first[block]);
            if !self.is_counting() {
                self.rank_current();
            }
            return self.current();
        };
        let (block, index, rank) = (current.block, current.index, current.rank);
        let (start, end) = self.stored(block);
        let total = self.found.len();
        let (to_block, to_index) = if forward && index + 1 < end {
            (block, index + 1)
        } else if !forward && index > start {
            (block, index - 1)
        } else {
            // Round the page to the next block with hits; at worst back to this one.
            let next = (1..=blocks)
                .map(|k| {
                    if forward {
                        (block + k) % blocks
                    } else {
                        (block + blocks - k) % blocks
                    }
                })
                .find(|&b| self.has_hits(b))?;
            let (start, end) = self.stored(next);
            (next, if forward { start } else { end - 1 })
        };
        self.set_current(to_block, to_index);
        if let (Some(c), Some(rank)) = (&mut self.current, rank) {
            c.rank = Some(if forward {
                (rank + 1) % total
            } else {
                (rank + total - 1) % total
            });
        }
        self.current()
    }

    /// The hits in one paragraph of a block, for highlighting, each with an index
    /// for [`Search::is_current`].
    pub fn hits_in(
        &self,
        tab: usize,
        block: usize,
        para: usize,
    ) -> impl Iterator<Item = (usize, Hit)> + '_ {
        let numbered = match (self.starts.get(tab), self.starts.get(tab + 1)) {
            (Some(&start), Some(&end)) if start + block < end => Some(start + block),
            _ => None,
        };
        numbered
            .into_iter()
            .flat_map(|b| self.block_hits(b))
            .filter(move |(_, hit)| hit.para == para)
    }

    /// Whether hit `index` (from [`Search::hits_in`]) is the current one.
    pub fn is_current(&self, index: usize) -> bool {
        self.current.as_ref().is_some_and(|c| c.index == index)
    }

    /// Reads from `AROUND` blocks before `from` on, round the page once, to the
    /// first hit and `AROUND` blocks past it, and makes that hit current.
    fn find_current(&mut self, docs: &[Doc<'_>], from: (usize, usize)) {
        let blocks = self.counts.len();
        let (tab, block) = from;
        let from = match (self.starts.get(tab), self.starts.get(tab + 1)) {
            (Some(&start), Some(&end)) => (start + block).min(end),
            _ => blocks,
        };
        let from = if from >= blocks { 0 } else { from };
        for b in from.saturating_sub(AROUND)..from {
            self.read(docs, b);
        }
        for k in 0..blocks {
            let b = (from + k) % blocks;
            self.read(docs, b);
            if self.has_hits(b) {
                self.set_current(b, self.first[b]);
                for after in 1..=AROUND.min(blocks) {
                    self.read(docs, (b + after) % blocks);
                }
                return;
            }
        }
    }

    /// Reads unread blocks in page order until all are read or `deadline` passes.
    fn count_until(&mut self, docs: &[Doc<'_>], deadline: Option<Instant>) -> bool {
        let mut since_clock = 0;
        while self.unread > 0 && self.cursor < self.counts.len() {
            if self.counts[self.cursor] == UNREAD {
                self.read(docs, self.cursor);
                since_clock += 1;
                if since_clock == CLOCK_EVERY {
                    since_clock = 0;
                    if deadline.is_some_and(|d| Instant::now() >= d) {
                        self.cursor += 1;
                        return !self.is_counting();
                    }
                }
            }
            self.cursor += 1;
        }
        self.rank_current();
        true
    }

    /// Reads block `b` (numbered through all tabs) if it is unread: stores its hits.
    fn read(&mut self, docs: &[Doc<'_>], b: usize) {
        if self.counts.get(b) != Some(&UNREAD) {
            return;
        }
        let (tab, block) = self.locate(b);
        let start = self.found.len();
        let Self {
            matcher,
            found,
            meta,
            ..
        } = self;
        if let (Some(matcher), Some(doc)) = (matcher.as_ref(), docs.get(tab)) {
            doc.search_paras(block, *meta, |para, text| {
                found.extend(matcher.find_iter(text).map(|r| Found {
                    para: offset(para),
                    start: offset(r.start),
                    end: offset(r.end),
                }));
            });
        }
        let count = self.found.len() - start;
        self.counts[b] = u32::try_from(count).unwrap_or(UNREAD - 1);
        self.first[b] = start;
        self.per_tab[tab] += count;
        self.unread -= 1;
    }

    /// The tab and block of block `b` numbered through all tabs.
    fn locate(&self, b: usize) -> (usize, usize) {
        let tab = self.starts.partition_point(|&s| s <= b).saturating_sub(1);
        (tab, b - self.starts.get(tab).copied().unwrap_or(0))
    }

    /// Whether block `b` is read and has hits.
    fn has_hits(&self, b: usize) -> bool {
        self.counts.get(b).is_some_and(|&c| c != UNREAD && c > 0)
    }

    /// Where block `b`'s hits are in `found`: empty unless it is read and has hits
    /// (a block without hits may keep a place from an earlier query).
    fn stored(&self, b: usize) -> (usize, usize) {
        if self.has_hits(b) {
            (self.first[b], self.first[b] + self.counts[b] as usize)
        } else {
            (0, 0)
        }
    }

    /// Block `b`'s hits, each with its index in `found`.
    fn block_hits(&self, b: usize) -> impl Iterator<Item = (usize, Hit)> + '_ {
        let (tab, block) = self.locate(b);
        let (start, end) = self.stored(b);
        self.found[start..end]
            .iter()
            .zip(start..)
            .map(move |(f, index)| (index, hit(tab, block, *f)))
    }

    fn set_current(&mut self, block: usize, index: usize) {
        let (tab, b) = self.locate(block);
        self.current = self.found.get(index).map(|&f| Current {
            block,
            index,
            hit: hit(tab, b, f),
            rank: None,
        });
    }

    /// Numbers the current hit, once every block is read.
    fn rank_current(&mut self) {
        if let Some(c) = &mut self.current {
            let before: usize = self.counts[..c.block].iter().map(|&n| n as usize).sum();
            c.rank = Some(before + c.index - self.first[c.block]);
        }
    }
}

/// Where each doc's blocks start when numbered through all of them, then the total.
/// The empty-state block of an empty section is not searched, so it is not counted.
fn block_starts(docs: &[Doc<'_>]) -> Vec<usize> {
    let mut starts = Vec::with_capacity(docs.len() + 1);
    let mut at = 0;
    starts.push(at);
    for doc in docs {
        at += doc.items();
        starts.push(at);
    }
    starts
}

fn hit(tab: usize, block: usize, f: Found) -> Hit {
    Hit {
        tab,
        block,
        para: f.para as usize,
        range: f.start as usize..f.end as usize,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::EN;
    use crate::layout::Section;
    use crate::model::{Page, Rating, Review, Reviews, Synopsis};

    fn page() -> Page {
        Page {
            title: "T".into(),
            language: None,
            synopsis: Synopsis {
                heading: None,
                paragraphs: ["Joseph and joseph", "no one", "JOSEPH"]
                    .into_iter()
                    .collect(),
            },
            screenshots: None,
            reviews: Some(Reviews {
                heading: None,
                items: vec![Review {
                    author: "Joseph K".into(),
                    rating: None,
                    date: None,
                    paragraphs: ["nothing"].into_iter().collect(),
                }],
            }),
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

    fn docs(p: &Page) -> Vec<Doc<'_>> {
        vec![
            Doc::new(p, Section::Synopsis, &EN),
            Doc::new(p, Section::Reviews, &EN),
        ]
    }

    #[test]
    fn counts_agree_with_the_text() {
        let p = page();
        let mut s = Search::default();
        s.set_query("joseph".into(), &docs(&p), (0, 0));
        assert_eq!(s.counter(), Some((1, 4)));
        assert_eq!(s.count_in(0), Some(3));
        assert_eq!(s.count_in(1), Some(1));
        assert_eq!(s.hits_in(0, 0, 0).count(), 2);
        assert_eq!(s.hits_in(0, 1, 0).count(), 0);
        assert_eq!(s.hits_in(0, 2, 0).map(|(i, _)| i).collect::<Vec<_>>(), [2]);
    }

    #[test]
    fn next_crosses_tabs_and_wraps() {
        let p = page();
        let mut s = Search::default();
        s.set_query("joseph".into(), &docs(&p), (0, 0));
        let tabs: Vec<_> = (0..5).filter_map(|_| s.step(true).map(|h| h.tab)).collect();
        assert_eq!(tabs, [0, 0, 1, 0, 0]);
        assert_eq!(s.step(false).map(|h| h.tab), Some(0));
        assert_eq!(s.counter(), Some((1, 4)));
        assert_eq!(s.step(false).map(|h| h.tab), Some(1));
    }

    #[test]
    fn the_first_hit_is_at_or_after_the_reader() {
        let p = page();
        let mut s = Search::default();
        s.set_query("joseph".into(), &docs(&p), (0, 1));
        assert_eq!(s.current().map(|h| (h.tab, h.block)), Some((0, 2)));
        s.set_query("joseph".into(), &docs(&p), (1, 5));
        assert_eq!(
            s.current().map(|h| (h.tab, h.block)),
            Some((0, 0)),
            "wraps to the start"
        );
    }

    #[test]
    fn empty_query_and_no_hits() {
        let p = page();
        let mut s = Search::default();
        s.set_query(String::new(), &docs(&p), (0, 0));
        assert!(!s.is_active());
        assert_eq!(s.counter(), None);
        s.set_query("zzz".into(), &docs(&p), (0, 0));
        assert_eq!(s.counter(), Some((0, 0)));
        assert!(s.step(true).is_none());
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
        s.set_query("reviews".into(), &docs(&p), (0, 0));
        assert_eq!(s.counter(), Some((0, 0)));
    }

    #[test]
    fn a_budgeted_search_shows_the_current_hit_then_counts_the_rest() {
        let p = many(3000);
        let docs = docs(&p);
        let mut full = Search::default();
        full.set_query("joseph".into(), &docs, (1, 1500));
        let mut s = Search::default();
        let done = s.set_query_within("joseph".into(), &docs, (1, 1500), Duration::ZERO);
        assert!(!done && s.is_counting());
        assert_eq!(s.current(), full.current());
        assert_eq!(s.counter().map(|(at, _)| at), Some(0), "not numbered yet");
        for block in 1400..1700 {
            for para in 0..3 {
                assert!(
                    s.hits_in(1, block, para).eq(full.hits_in(1, block, para)),
                    "block {block} para {para}: highlighted around the hit"
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
        assert_eq!(s.hits(), full.hits());
        assert_eq!(s.count_in(1), full.count_in(1));
        assert_eq!(s.step(true), full.step(true));
        assert_eq!(s.counter(), full.counter());
    }

    #[test]
    fn typing_on_finds_what_a_fresh_search_finds() {
        let p = many(200);
        let docs = docs(&p);
        let mut s = Search::default();
        // Partly counted first, then narrowed, widened and narrowed again.
        s.set_query_within("j".into(), &docs, (0, 0), Duration::ZERO);
        for query in [
            "jo", "josep", "joseph", "josephz", "joseph", "joseph ", "8", "8/",
        ] {
            s.set_query(query.into(), &docs, (1, 7));
            let mut fresh = Search::default();
            fresh.set_query(query.into(), &docs, (1, 7));
            assert_eq!(s.hits(), fresh.hits(), "{query:?}");
            assert_eq!(s.counter(), fresh.counter(), "{query:?}");
            assert_eq!(s.current(), fresh.current(), "{query:?}");
        }
    }

    #[test]
    fn stepping_round_the_page_keeps_the_number() {
        let p = many(100);
        let docs = docs(&p);
        let mut s = Search::default();
        s.set_query("joseph".into(), &docs, (1, 50));
        let (at, total) = s.counter().expect("a search");
        assert!(at > 1 && total > 40);
        let all = s.hits();
        for k in 1..=total {
            let hit = s.step(true).cloned();
            let expected = (at - 1 + k) % total;
            assert_eq!(hit.as_ref(), all.get(expected));
            assert_eq!(s.counter(), Some((expected + 1, total)));
        }
        for _ in 0..=total {
            s.step(false);
        }
        assert_eq!(s.counter(), Some((at - 1, total)));
    }

    #[test]
    fn rating_lines_are_searched_like_the_rest() {
        let p = many(10);
        let mut s = Search::default();
        s.set_query("8/10".into(), &docs(&p), (0, 0));
        assert_eq!(s.counter(), Some((1, 5)));
        let hit = s.current().cloned().expect("a hit");
        let block = Doc::new(&p, Section::Reviews, &EN).block(hit.block);
        assert_eq!(&block.paras[hit.para].text[hit.range], "8/10");
    }
}
