//! Where a search starts, as in `less` and vim: the first line on screen, as a place
//! in the text (a tab, a block, a paragraph and a byte), so the first hit is the first
//! at or after what the reader sees, on this tab and then in the tabs after it. A hit
//! found only by going round past the page's end to its start has *wrapped*, and the
//! footer says so.

use super::Search;
use super::scan::Place;

/// A place in the page to search from: tab `tab`, block `block` of it, and byte `at` of
/// paragraph `para` of that block (paragraphs numbered as [`crate::layout::Doc::block`]
/// numbers them).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Start {
    pub tab: usize,
    pub block: usize,
    pub para: usize,
    pub at: usize,
}

impl Start {
    /// The start of block `block` of tab `tab`.
    pub fn block(tab: usize, block: usize) -> Self {
        Self {
            tab,
            block,
            para: 0,
            at: 0,
        }
    }
}

impl Search {
    /// `start` as a block numbered through all tabs and a place in it, and whether it
    /// lies past the page's last block. A block past its tab's last starts the next
    /// tab; past the page's end, the page's start.
    pub(super) fn locate_start(&self, start: Start) -> (usize, Place, bool) {
        let blocks = self.counts.len();
        let (b, place) = match (self.starts.get(start.tab), self.starts.get(start.tab + 1)) {
            (Some(&first), Some(&end)) if first + start.block < end => {
                (first + start.block, Place::new(start.para, start.at))
            }
            (Some(_), Some(&end)) => (end, Place::START),
            _ => (blocks, Place::START),
        };
        if b >= blocks {
            (0, Place::START, true)
        } else {
            (b, place, false)
        }
    }
}

/// Whether a step to a hit at `hit` (a block numbered through all tabs and a place)
/// from the hit at `from` went round the page's end: forward when it is not after
/// `from`, backward when it is not before (a single hit wraps to itself).
pub(super) fn has_wrapped(from: (usize, Place), hit: (usize, Place), forward: bool) -> bool {
    if forward { hit <= from } else { hit >= from }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::action::Action;
    use crate::i18n::EN;
    use crate::layout::{Doc, Section};
    use crate::model::{Page, test_page};

    fn page(reviews: usize) -> Page {
        let synopsis = ["Joseph, then joseph again", "nothing", "the end, Joseph"];
        let texts = (0..reviews).map(|i| if i == 1 { "on joseph" } else { "on film" });
        test_page(&synopsis, texts)
    }

    fn docs(p: &Page) -> Vec<Doc<'_>> {
        vec![
            Doc::new(p, Section::Synopsis, &EN),
            Doc::new(p, Section::Reviews, &EN),
        ]
    }

    /// The current hit as (tab, block, para, byte) and whether it wrapped.
    fn first(
        s: &mut Search,
        docs: &[Doc<'_>],
        start: Start,
    ) -> Option<(usize, usize, usize, usize, bool)> {
        s.set_query_from("joseph", docs, start, std::time::Duration::MAX);
        s.current()
            .map(|h| (h.tab, h.block, h.para, h.range.start, s.wrapped()))
    }

    #[test]
    fn the_first_hit_is_at_or_after_the_place_in_the_block() {
        let p = page(3);
        let docs = docs(&p);
        let mut s = Search::default();
        let at = |block, at| Start {
            tab: 0,
            block,
            para: 0,
            at,
        };
        assert_eq!(first(&mut s, &docs, at(0, 0)), Some((0, 0, 0, 0, false)));
        assert_eq!(first(&mut s, &docs, at(0, 1)), Some((0, 0, 0, 13, false)));
        assert_eq!(
            first(&mut s, &docs, at(0, 13)),
            Some((0, 0, 0, 13, false)),
            "at"
        );
        assert_eq!(first(&mut s, &docs, at(0, 14)), Some((0, 2, 0, 9, false)));
        // Past the synopsis's last hit: the reviews, then round to the start.
        assert_eq!(first(&mut s, &docs, at(2, 10)), Some((1, 1, 1, 3, false)));
        let from_reviews = Start::block(1, 2);
        assert_eq!(first(&mut s, &docs, from_reviews), Some((0, 0, 0, 0, true)));
        assert_eq!(s.counter(), Some((1, 4)), "numbered as ever");
    }

    #[test]
    fn a_block_whose_only_hits_are_above_the_place_is_found_last() {
        let mut p = page(0);
        p.synopsis.paragraphs = ["joseph and more"].into_iter().collect();
        let docs = docs(&p);
        let mut s = Search::default();
        let start = Start {
            tab: 0,
            block: 0,
            para: 0,
            at: 3,
        };
        assert_eq!(first(&mut s, &docs, start), Some((0, 0, 0, 0, true)));
        assert_eq!(
            s.counter(),
            Some((1, 1)),
            "the block was not taken for empty"
        );
    }

    #[test]
    fn places_past_a_tab_or_the_page_start_further_on() {
        let p = page(0);
        let docs = docs(&p);
        let mut s = Search::default();
        s.set_query_from("joseph", &docs, Start::default(), std::time::Duration::MAX);
        // The reviews tab is empty: its empty state is a block with nothing to
        // search, the page's last; past it, the page starts again.
        assert_eq!(s.locate_start(Start::block(1, 0)), (3, Place::START, false));
        assert_eq!(s.locate_start(Start::block(1, 1)), (0, Place::START, true));
        // Past the synopsis's last block: the next tab's first.
        assert_eq!(s.locate_start(Start::block(0, 7)), (3, Place::START, false));
        assert_eq!(s.locate_start(Start::block(5, 0)), (0, Place::START, true));
        let inside = Start {
            tab: 0,
            block: 1,
            para: 0,
            at: 4,
        };
        assert_eq!(s.locate_start(inside), (1, Place::new(0, 4), false));
        assert_eq!(
            first(&mut s, &docs, Start::block(1, 0)),
            Some((0, 0, 0, 0, true))
        );
    }

    #[test]
    fn nothing_to_search_finds_nothing() {
        let mut p = page(0);
        p.synopsis.paragraphs = std::iter::empty::<&str>().collect();
        let docs = docs(&p);
        let mut s = Search::default();
        let start = Start {
            tab: 0,
            block: 0,
            para: 0,
            at: 5,
        };
        assert_eq!(first(&mut s, &docs, start), None);
        assert_eq!(s.counter(), Some((0, 0)));
    }

    #[test]
    fn stepping_round_the_end_wraps_and_within_it_does_not() {
        let p = page(3);
        let docs = docs(&p);
        let mut s = Search::default();
        s.set_query("joseph", &docs, (0, 0));
        let mut wraps = Vec::new();
        for _ in 0..5 {
            s.step(&docs, true);
            wraps.push(s.wrapped());
        }
        assert_eq!(wraps, [false, false, false, true, false]);
        s.step(&docs, false);
        assert!(!s.wrapped());
        s.step(&docs, false);
        assert!(s.wrapped(), "back past the start");
    }

    #[test]
    fn wrapping_compares_places_in_page_order() {
        let p = |para, at| Place::new(para, at);
        assert!(
            has_wrapped((3, p(0, 5)), (3, p(0, 5)), true),
            "the same hit"
        );
        assert!(has_wrapped((3, p(1, 0)), (3, p(0, 9)), true));
        assert!(!has_wrapped((3, p(1, 0)), (4, p(0, 0)), true));
        assert!(has_wrapped((3, p(1, 0)), (4, p(0, 0)), false));
        assert!(!has_wrapped((3, p(1, 0)), (2, p(7, 0)), false));
    }

    #[test]
    fn in_sorted_and_filtered_reviews_a_search_starts_at_the_top_of_the_screen() {
        let mut p = page(12);
        p.synopsis.paragraphs = ["nothing to find"].into_iter().collect();
        for (i, review) in p.reviews.iter_mut().flat_map(|r| &mut r.items).enumerate() {
            review.rating = crate::model::Rating::from_tenths(u8::try_from(i * 9).unwrap_or(0));
            review.paragraphs = [format!("a film, the {i}th")].into_iter().collect();
        }
        let mut a = crate::app::App::new(&p, &EN);
        a.update(Action::Resize {
            width: 40,
            height: 8,
        });
        // Highest rated first, 6 and over: reviews 11, 10, 9, 8 and 7; the third
        // selected, the screen scrolled to it.
        a.update(Action::ReviewsTab);
        a.update(Action::SortReviews);
        a.update(Action::FilterReviews);
        a.update(Action::FilterReviews);
        for _ in 0..3 {
            a.update(Action::NextReview);
        }
        let top = a.pane().top_place();
        assert!(top.0 > 1, "scrolled: {top:?}");
        a.update(Action::StartSearch);
        a.update(Action::SearchPaste("film".into()));
        a.update(Action::ConfirmSearch);
        let (at, total) = a.search().counter().expect("a search");
        assert_eq!(total, 5, "the reviews shown, and only those");
        let hit = a.search().current().expect("a hit").clone();
        assert!(
            (hit.block, hit.para, hit.range.start) >= top,
            "{hit:?} at or after {top:?}"
        );
        assert!(at > 1, "{at}/{total}");
        assert_eq!(a.notice(), None, "not wrapped");
        // The hit is in the review shown there: review 9 (from 0), third in the order.
        let doc = a.pane().doc();
        assert_eq!(doc.item(hit.block), Some(9), "{hit:?}");
    }
}
