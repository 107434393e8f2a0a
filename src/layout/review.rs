//! A review's shape, said once: the parts it is shown as, in order, each with its
//! role. [`Doc::block`](super::Doc::block) makes a review's paragraphs from these
//! parts and [`Doc::search_paras`](super::Doc::search_paras) reads the same parts, so
//! a paragraph has the same index for search as on screen and in `--print`.

use std::borrow::Cow;
use std::fmt::Write as _;

use super::{Para, Role};
use crate::model::{Rating, Review};

/// One part of a review.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Part<'a> {
    /// The author's name.
    Author(&'a str),
    /// `★★★★☆ 8/10 · 2024-05-01`: the rating's stars and number and the date, a line
    /// layar makes, for a review that has either.
    Meta(&'a Review),
    /// A paragraph of the review's text; `first` for the first of them.
    Text { text: &'a str, first: bool },
}

/// A review's parts, in the order they are shown: the author, the meta line if the
/// review has a rating or a date, then its paragraphs.
pub fn parts(review: &Review) -> impl Iterator<Item = Part<'_>> {
    let meta = (review.rating.is_some() || review.date.is_some()).then_some(Part::Meta(review));
    std::iter::once(Part::Author(&review.author))
        .chain(meta)
        .chain(
            review
                .paragraphs
                .iter()
                .enumerate()
                .map(|(i, text)| Part::Text {
                    text,
                    first: i == 0,
                }),
        )
}

impl<'a> Part<'a> {
    /// The part's text: the page's own, or the meta line made from the review.
    pub fn text(self) -> Cow<'a, str> {
        match self {
            Self::Author(text) | Self::Text { text, .. } => Cow::Borrowed(text),
            Self::Meta(review) => meta(review).text,
        }
    }

    /// The part as a paragraph of its review's block. A blank line comes before the
    /// author when `after_another` (reviews are separated by one) and between the
    /// review's paragraphs.
    pub fn para(self, after_another: bool) -> Para<'a> {
        match self {
            Self::Author(text) => {
                let para = Para::new(text, Role::Author);
                if after_another { para.gap() } else { para }
            }
            Self::Meta(review) => meta(review),
            Self::Text { text, first } => {
                let para = Para::new(text, Role::Body);
                if first { para } else { para.gap() }
            }
        }
    }
}

/// A full star, a half star and an empty one. `½` rather than a half-filled star
/// (U+2BEA) because every monospace font has it: both are one column in ratatui and
/// in terminals, but a missing glyph would hide the half that matters.
pub const STAR_FULL: char = '★';
pub const STAR_HALF: char = '½';
pub const STAR_EMPTY: char = '☆';

/// Every character a review's meta line can hold (see [`meta`]).
const META_CHARS: &str = "★½☆ 0123456789./·-";

/// A rating as five stars with halves: `★★½☆☆` for 4.5/10, `★½☆☆☆` for 3/10. The
/// viewer, `--print` and the summary all draw stars with this.
pub fn stars(rating: Rating) -> String {
    let halves = usize::from(rating.half_stars());
    let (full, half) = (halves / 2, halves % 2);
    let mut s = String::with_capacity(5 * STAR_FULL.len_utf8());
    s.extend(std::iter::repeat_n(STAR_FULL, full));
    s.extend(std::iter::repeat_n(STAR_HALF, half));
    s.extend(std::iter::repeat_n(STAR_EMPTY, 5 - full - half));
    s
}

/// Whether `query` could match a review's meta line: only if it is made of the
/// characters such a line holds. None of them has a case, so neither may the query's.
pub fn could_match_meta(query: &str) -> bool {
    query.chars().all(|c| META_CHARS.contains(c))
}

/// The meta line: the stars (their own role), the rating out of 10 and the date, each
/// where the review has it.
fn meta<'a>(review: &Review) -> Para<'a> {
    let mut text = String::new();
    let mut spans = Vec::new();
    if let Some(rating) = review.rating {
        text.push_str(&stars(rating));
        spans.push((0..text.len(), Role::Stars));
        let _ = write!(text, " {rating}/10");
    }
    if let Some(date) = review.date {
        if !text.is_empty() {
            text.push_str(" · ");
        }
        let _ = write!(text, "{date}");
    }
    Para {
        text: Cow::Owned(text),
        spans,
        role: Role::Meta,
        gap_before: false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Date;
    use crate::text::width::str_width;

    fn review(rating: Option<u8>, date: Option<&str>, paragraphs: &[&str]) -> Review {
        Review {
            language: None,
            author: "Ann".into(),
            rating: rating.and_then(Rating::from_tenths),
            date: date.and_then(Date::parse),
            paragraphs: paragraphs.iter().collect(),
        }
    }

    fn texts(review: &Review) -> Vec<String> {
        parts(review).map(|p| p.text().into_owned()).collect()
    }

    #[test]
    fn the_meta_line_comes_only_with_a_rating_or_a_date() {
        let r = review(Some(75), Some("2024-05-01"), &["One.", "Two."]);
        assert_eq!(
            texts(&r),
            ["Ann", "★★★★☆ 7.5/10 · 2024-05-01", "One.", "Two."]
        );
        assert_eq!(
            texts(&review(None, Some("2024-05-01"), &["One."])),
            ["Ann", "2024-05-01", "One."]
        );
        assert_eq!(
            texts(&review(Some(100), None, &["One."])),
            ["Ann", "★★★★★ 10/10", "One."]
        );
        assert_eq!(texts(&review(None, None, &["One."])), ["Ann", "One."]);
    }

    #[test]
    fn stars_show_halves() {
        let stars_of = |t| Rating::from_tenths(t).map(stars).unwrap_or_default();
        assert_eq!(stars_of(45), "★★½☆☆");
        assert_eq!(stars_of(30), "★½☆☆☆");
        assert_ne!(stars_of(45), stars_of(30), "today's bug: both were ★★☆☆☆");
        assert_eq!(stars_of(80), "★★★★☆");
        assert_eq!(
            stars_of(75),
            "★★★★☆",
            "7.5 is 3.75 stars: four, to the nearest half"
        );
        assert_eq!(stars_of(74), "★★★½☆");
        assert_eq!(stars_of(0), "☆☆☆☆☆");
        assert_eq!(stars_of(4), "☆☆☆☆☆");
        assert_eq!(stars_of(5), "½☆☆☆☆");
        assert_eq!(stars_of(95), "★★★★★");
        assert_eq!(stars_of(100), "★★★★★");
        for tenths in 0..=100 {
            let s = stars_of(tenths);
            assert_eq!(s.chars().count(), 5, "{tenths}: {s}");
            assert_eq!(str_width(&s), 5, "one column each: {s}");
        }
    }

    #[test]
    fn parts_become_paragraphs_with_their_roles_and_gaps() {
        let r = review(Some(80), None, &["One.", "Two."]);
        let paras: Vec<Para<'_>> = parts(&r).map(|p| p.para(true)).collect();
        let roles: Vec<Role> = paras.iter().map(|p| p.role).collect();
        assert_eq!(roles, [Role::Author, Role::Meta, Role::Body, Role::Body]);
        let gaps: Vec<bool> = paras.iter().map(|p| p.gap_before).collect();
        assert_eq!(gaps, [true, false, false, true]);
        assert_eq!(paras[1].role_at(0), Role::Stars);
        assert_eq!(paras[1].role_at("★★★★☆ ".len()), Role::Meta);
        assert!(!parts(&r).next().is_some_and(|p| p.para(false).gap_before));
    }

    #[test]
    fn only_queries_made_of_meta_characters_can_match_meta_lines() {
        for query in ["★", "8/10", "2024-05", " · ", "7.5"] {
            assert!(could_match_meta(query), "{query}");
        }
        for query in ["a", "8/10 x", "Ann", "É"] {
            assert!(!could_match_meta(query), "{query}");
        }
        for tenths in [0, 5, 75, 100] {
            let r = review(Some(tenths), Some("1999-12-31"), &["x"]);
            let meta = parts(&r).nth(1).map(Part::text).unwrap_or_default();
            assert!(could_match_meta(&meta), "{meta}");
        }
    }
}
