//! Which reviews the reviews tab shows, and in what order: `s` cycles the order and
//! `f` the lowest rating shown. The result is a list of page indices in the order
//! shown, which the reviews' [`Doc`](crate::layout::Doc) maps its blocks through, so
//! the layout, the panes, search, `]`/`[` and the footer all follow it without a
//! copy of any review.
//!
//! Each order is sorted once, when first asked for, and kept: cycling back to it,
//! or changing the filter, is a pass over the indices. The order and the filter are
//! the app's, not the page's, so they outlive a resize (and a new load of the page).

use std::cmp::Reverse;
use std::sync::Arc;

use crate::model::{Rating, Review};

/// The order the reviews are shown in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Order {
    /// As the page lists them.
    #[default]
    Page,
    /// Highest rating first; unrated reviews last.
    Rating,
    /// Newest date first; undated reviews last.
    Newest,
    /// By author, A to Z, compared case-folded (see [`author_key`]).
    Author,
}

impl Order {
    const ALL: [Self; 4] = [Self::Page, Self::Rating, Self::Newest, Self::Author];

    /// The next order, round the cycle.
    #[must_use]
    pub fn next(self) -> Self {
        match self {
            Self::Page => Self::Rating,
            Self::Rating => Self::Newest,
            Self::Newest => Self::Author,
            Self::Author => Self::Page,
        }
    }

    fn slot(self) -> usize {
        Self::ALL.iter().position(|&o| o == self).unwrap_or(0)
    }
}

/// The lowest rating shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum MinRating {
    /// Every review, rated or not.
    #[default]
    All,
    AtLeast8,
    AtLeast6,
    AtLeast4,
}

impl MinRating {
    /// The next filter, round the cycle: all, ≥ 8, ≥ 6, ≥ 4.
    #[must_use]
    pub fn next(self) -> Self {
        match self {
            Self::All => Self::AtLeast8,
            Self::AtLeast8 => Self::AtLeast6,
            Self::AtLeast6 => Self::AtLeast4,
            Self::AtLeast4 => Self::All,
        }
    }

    /// The lowest rating let through, or `None` for all.
    pub fn points(self) -> Option<u8> {
        match self {
            Self::All => None,
            Self::AtLeast8 => Some(8),
            Self::AtLeast6 => Some(6),
            Self::AtLeast4 => Some(4),
        }
    }

    /// Whether a review with `rating` is shown: with a minimum, only rated reviews
    /// at or above it.
    fn admits(self, rating: Option<Rating>) -> bool {
        match self.points() {
            None => true,
            Some(points) => rating.is_some_and(|r| r.tenths() >= points * 10),
        }
    }
}

/// The reviews tab's order and filter, and what they show.
#[derive(Debug, Default)]
pub struct ReviewView {
    order: Order,
    filter: MinRating,
    /// Each order's page indices, sorted once when first needed.
    sorted: [Option<Arc<[u32]>>; 4],
    /// The page indices shown, in order; `None` for all of them as on the page.
    shown: Option<Arc<[u32]>>,
}

impl ReviewView {
    pub fn order(&self) -> Order {
        self.order
    }

    pub fn filter(&self) -> MinRating {
        self.filter
    }

    /// The page indices shown, in the order shown; `None` when that is every review
    /// as on the page.
    pub fn shown(&self) -> Option<Arc<[u32]>> {
        self.shown.clone()
    }

    /// Shows the reviews in the next order.
    pub fn cycle_order(&mut self, reviews: &[Review]) {
        self.set(self.order.next(), self.filter, reviews);
    }

    /// Shows the reviews from the next lowest rating.
    pub fn cycle_filter(&mut self, reviews: &[Review]) {
        self.set(self.order, self.filter.next(), reviews);
    }

    /// The same order and filter over another page's reviews (a new load of the
    /// page): the sorted orders of the old one are dropped.
    pub fn reload(&mut self, reviews: &[Review]) {
        self.sorted = Default::default();
        self.set(self.order, self.filter, reviews);
    }

    /// Shows `reviews` in `order`, from `filter` up.
    pub fn set(&mut self, order: Order, filter: MinRating, reviews: &[Review]) {
        self.order = order;
        self.filter = filter;
        if order == Order::Page && filter == MinRating::All {
            self.shown = None;
            return;
        }
        let sorted = self.sorted[order.slot()]
            .get_or_insert_with(|| sorted(order, reviews).into())
            .clone();
        self.shown = Some(if filter == MinRating::All {
            sorted
        } else {
            sorted
                .iter()
                .copied()
                .filter(|&i| {
                    reviews
                        .get(i as usize)
                        .is_some_and(|r| filter.admits(r.rating))
                })
                .collect()
        });
    }
}

/// The page indices of `reviews` in `order`. Reviews that compare equal keep the
/// page's order: the index is the last key, so an unstable sort (faster, and in
/// place) gives the stable order.
fn sorted(order: Order, reviews: &[Review]) -> Vec<u32> {
    let index = |i: usize| u32::try_from(i).unwrap_or(u32::MAX);
    let mut indices: Vec<u32> = (0..reviews.len()).map(index).collect();
    let at = |i: u32| &reviews[i as usize];
    match order {
        Order::Page => {}
        Order::Rating => indices.sort_unstable_by_key(|&i| {
            let r = at(i).rating;
            (r.is_none(), Reverse(r), i)
        }),
        Order::Newest => indices.sort_unstable_by_key(|&i| {
            let d = at(i).date;
            (d.is_none(), Reverse(d), i)
        }),
        Order::Author => {
            // Every key folded once into one buffer; each review's entry holds the
            // key's first 8 bytes as a number, so that most comparisons are one
            // integer comparison, and the whole key is read only when those tie.
            // (UTF-8's byte order is code point order; a shorter key is padded with
            // zero bytes, which sort first, as a prefix does.)
            let mut keys = String::new();
            let mut keyed: Vec<(u64, usize, usize, u32)> = reviews
                .iter()
                .enumerate()
                .map(|(i, r)| {
                    let start = keys.len();
                    fold_author(&r.author, &mut keys);
                    let mut prefix = [0; 8];
                    let head = &keys.as_bytes()[start..];
                    let n = head.len().min(8);
                    prefix[..n].copy_from_slice(&head[..n]);
                    (u64::from_be_bytes(prefix), start, keys.len(), index(i))
                })
                .collect();
            keyed.sort_unstable_by(|a, b| {
                a.0.cmp(&b.0)
                    .then_with(|| keys[a.1..a.2].cmp(&keys[b.1..b.2]))
                    .then(a.3.cmp(&b.3))
            });
            indices = keyed.into_iter().map(|(.., i)| i).collect();
        }
    }
    indices
}

/// What authors are sorted by: the name case-folded (Unicode lower case, for every
/// script that has case), with no locale's rules, so `ana`, `Ana` and `ANA` sort
/// together and `Émile` after `Zoë` (code point order after folding). Leading
/// spaces and punctuation don't count, so `"Ana"` sorts with `Ana`.
pub fn author_key(author: &str) -> String {
    let mut key = String::new();
    fold_author(author, &mut key);
    key
}

/// Appends [`author_key`] of `author` to `out`.
fn fold_author(author: &str, out: &mut String) {
    let name = author.trim_start_matches(|c: char| !c.is_alphanumeric());
    if name.is_ascii() {
        // The same folding, without a look-up per character.
        let start = out.len();
        out.push_str(name);
        out[start..].make_ascii_lowercase();
    } else {
        out.extend(name.chars().flat_map(char::to_lowercase));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Date;

    fn review(author: &str, rating: Option<u8>, date: Option<&str>) -> Review {
        Review {
            language: None,
            author: author.into(),
            rating: rating.and_then(Rating::from_tenths),
            date: date.and_then(Date::parse),
            paragraphs: ["text"].into_iter().collect(),
        }
    }

    fn reviews() -> Vec<Review> {
        vec![
            review("budi", Some(65), None),
            review("Ana", Some(80), Some("2024-05-01")),
            review("Chen", None, Some("2024-06-12")),
            review("Dana", Some(100), Some("2024-07-30")),
            review("Eko", Some(30), None),
            review("ana", Some(80), Some("2023-01-01")),
        ]
    }

    fn shown(view: &ReviewView, reviews: &[Review]) -> Vec<String> {
        match view.shown() {
            None => reviews.iter().map(|r| r.author.clone()).collect(),
            Some(ids) => ids
                .iter()
                .map(|&i| reviews[i as usize].author.clone())
                .collect(),
        }
    }

    #[test]
    fn orders_cycle_and_put_the_missing_last() {
        let rs = reviews();
        let mut v = ReviewView::default();
        assert_eq!(v.shown(), None, "as on the page");
        v.cycle_order(&rs);
        assert_eq!(v.order(), Order::Rating);
        assert_eq!(
            shown(&v, &rs),
            ["Dana", "Ana", "ana", "budi", "Eko", "Chen"],
            "ties keep the page's order; unrated last"
        );
        v.cycle_order(&rs);
        assert_eq!(
            shown(&v, &rs),
            ["Dana", "Chen", "Ana", "ana", "budi", "Eko"],
            "undated last"
        );
        v.cycle_order(&rs);
        assert_eq!(
            shown(&v, &rs),
            ["Ana", "ana", "budi", "Chen", "Dana", "Eko"],
            "case-folded, not upper case first"
        );
        v.cycle_order(&rs);
        assert_eq!(v.order(), Order::Page);
        assert_eq!(v.shown(), None);
    }

    #[test]
    fn filters_cycle_and_hide_the_unrated() {
        let rs = reviews();
        let mut v = ReviewView::default();
        let mut seen = Vec::new();
        for _ in 0..4 {
            v.cycle_filter(&rs);
            seen.push((v.filter().points(), shown(&v, &rs).len()));
        }
        assert_eq!(seen, [(Some(8), 3), (Some(6), 4), (Some(4), 4), (None, 6)]);
        v.set(Order::Rating, MinRating::AtLeast6, &rs);
        assert_eq!(shown(&v, &rs), ["Dana", "Ana", "ana", "budi"]);
    }

    #[test]
    fn each_order_is_sorted_once() {
        let rs = reviews();
        let mut v = ReviewView::default();
        v.set(Order::Author, MinRating::All, &rs);
        let first = v.shown().expect("sorted");
        v.set(Order::Author, MinRating::AtLeast8, &rs);
        v.set(Order::Author, MinRating::All, &rs);
        let again = v.shown().expect("sorted");
        assert!(Arc::ptr_eq(&first, &again), "kept, not sorted again");
    }

    #[test]
    fn authors_compare_case_folded_without_a_locale() {
        assert_eq!(author_key("ANA Lima"), "ana lima");
        assert_eq!(author_key("  “Ana”"), "ana”");
        assert_eq!(author_key("ΣΟΦΊΑ"), "σοφία");
        assert!(author_key("Zoë") < author_key("Émile"), "code point order");
        let mut names = vec!["émile", "Zoe", "adam", "Ömer", "Budi"];
        names.sort_by_key(|n| author_key(n));
        assert_eq!(names, ["adam", "Budi", "Zoe", "émile", "Ömer"]);
    }

    #[test]
    fn the_author_order_agrees_with_a_plain_sort_of_the_keys() {
        let names = [
            "Zoë",
            "ana",
            "Ana",
            "anastasia",
            "ANA",
            "Émile",
            "émile",
            "x",
            "",
            "  ",
            "ΣΟΦΊΑ",
            "abcdefgh",
            "abcdefghi",
            "abcdefgH",
            "ﬀ",
            "日本",
            "Ömer",
            "ana",
        ];
        let rs: Vec<Review> = names.iter().map(|n| review(n, None, None)).collect();
        let mut expected: Vec<u32> = (0..rs.len() as u32).collect();
        expected.sort_by_key(|&i| author_key(&rs[i as usize].author));
        assert_eq!(sorted(Order::Author, &rs), expected);
    }

    #[test]
    fn a_reload_keeps_the_order_and_filter_over_the_new_reviews() {
        let rs = reviews();
        let mut v = ReviewView::default();
        v.set(Order::Rating, MinRating::AtLeast8, &rs);
        let mut more = rs.clone();
        more.push(review("Fajar", Some(90), None));
        v.reload(&more);
        assert_eq!(
            (v.order(), v.filter()),
            (Order::Rating, MinRating::AtLeast8)
        );
        assert_eq!(shown(&v, &more), ["Dana", "Fajar", "Ana", "ana"]);
    }

    #[test]
    fn no_reviews_no_trouble() {
        let mut v = ReviewView::default();
        v.cycle_order(&[]);
        v.cycle_filter(&[]);
        assert_eq!(v.shown().map(|s| s.len()), Some(0));
    }
}
