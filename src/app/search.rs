//! Search across every tab: the query, every hit in page order, and which one is
//! current. Searches the unwrapped text of each block, so a hit is found whatever
//! the width and is placed on screen only when shown.

use std::ops::Range;

use crate::layout::Doc;
use crate::text::search::Matcher;

/// One hit: a tab, a block, a paragraph of the block and a byte range in it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hit {
    pub tab: usize,
    pub block: usize,
    pub para: usize,
    pub range: Range<usize>,
}

/// The search's state.
#[derive(Debug, Default)]
pub struct Search {
    query: String,
    matcher: Option<Matcher>,
    hits: Vec<Hit>,
    per_tab: Vec<usize>,
    current: Option<usize>,
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

    pub fn hits(&self) -> &[Hit] {
        &self.hits
    }

    /// Hits in tab `tab`, or `None` without a search.
    pub fn count_in(&self, tab: usize) -> Option<usize> {
        self.is_active()
            .then(|| self.per_tab.get(tab).copied().unwrap_or(0))
    }

    /// The current hit's number from 1 and the total: `2/9`.
    pub fn counter(&self) -> Option<(usize, usize)> {
        self.is_active()
            .then(|| (self.current.map_or(0, |c| c + 1), self.hits.len()))
    }

    pub fn current(&self) -> Option<&Hit> {
        self.hits.get(self.current?)
    }

    /// Sets the query and finds every hit in `docs` (one per tab). The current hit
    /// becomes the first at or after `from` (a tab and block).
    pub fn set_query(&mut self, query: String, docs: &[Doc<'_>], from: (usize, usize)) {
        self.query = query;
        self.matcher = Matcher::new(&self.query);
        self.hits.clear();
        self.per_tab = vec![0; docs.len()];
        self.current = None;
        let Some(matcher) = &self.matcher else {
            return;
        };
        for (tab, doc) in docs.iter().enumerate() {
            for block in 0..doc.items() {
                for (para, p) in doc.block(block).paras.iter().enumerate() {
                    for range in matcher.find_iter(&p.text) {
                        self.hits.push(Hit {
                            tab,
                            block,
                            para,
                            range,
                        });
                        self.per_tab[tab] += 1;
                    }
                }
            }
        }
        if !self.hits.is_empty() {
            let at = self.hits.partition_point(|h| (h.tab, h.block) < from);
            self.current = Some(at % self.hits.len());
        }
    }

    /// Ends the search.
    pub fn clear(&mut self) {
        *self = Self::default();
    }

    /// Moves to the next hit (wrapping to the first), or the previous one.
    pub fn step(&mut self, forward: bool) -> Option<&Hit> {
        let n = self.hits.len();
        if n == 0 {
            return None;
        }
        let next = match (self.current, forward) {
            (None, _) => 0,
            (Some(c), true) => (c + 1) % n,
            (Some(c), false) => (c + n - 1) % n,
        };
        self.current = Some(next);
        self.hits.get(next)
    }

    /// The hits in one paragraph of a block, for highlighting.
    pub fn hits_in(
        &self,
        tab: usize,
        block: usize,
        para: usize,
    ) -> impl Iterator<Item = (usize, &Hit)> {
        let start = self
            .hits
            .partition_point(|h| (h.tab, h.block, h.para) < (tab, block, para));
        self.hits[start..]
            .iter()
            .enumerate()
            .take_while(move |(_, h)| (h.tab, h.block, h.para) == (tab, block, para))
            .map(move |(i, h)| (start + i, h))
    }

    /// Whether hit `index` is the current one.
    pub fn is_current(&self, index: usize) -> bool {
        self.current == Some(index)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::EN;
    use crate::layout::Section;
    use crate::model::{Page, Review, Reviews, Synopsis};

    fn page() -> Page {
        Page {
            title: "T".into(),
            language: None,
            synopsis: Synopsis {
                heading: None,
                paragraphs: vec!["Joseph and joseph".into(), "no one".into(), "JOSEPH".into()],
            },
            screenshots: None,
            reviews: Some(Reviews {
                heading: None,
                items: vec![Review {
                    author: "Joseph K".into(),
                    rating: None,
                    date: None,
                    paragraphs: vec!["nothing".into()],
                }],
            }),
        }
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
}
