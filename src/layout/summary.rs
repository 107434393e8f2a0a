//! The reviews tab's first block: the page's ratings at a glance. Its line says the
//! average (to one decimal, as stars too) and how many reviews are rated; under it
//! the viewer draws a bar chart of how many reviews gave each rating, 0 to 10
//! (`ui::summary`). It counts every review of the page, whatever the tab's filter
//! hides, and is there only when some review has a rating.

use std::borrow::Cow;
use std::fmt::Write as _;

use super::review::stars;
use super::{Para, Role};
use crate::i18n::Strings;
use crate::model::{Rating, Review};

/// The chart's buckets: one per whole point, 0 to 10.
pub(crate) const BUCKETS: usize = 11;

/// How many reviews gave each rating, in whole points. A rating between two points
/// counts for the lower (7.5 is a 7): a bar holds the ratings from its point up to
/// the next, as the `≥ 8` filter counts them.
pub(crate) type Histogram = [u32; BUCKETS];

/// The ratings of a page's reviews.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Summary {
    pub histogram: Histogram,
    /// How many reviews have a rating.
    pub rated: usize,
    /// The sum of their ratings, in tenths.
    tenths: u64,
}

impl Summary {
    /// The summary of `reviews`, or `None` when none has a rating.
    pub fn of(reviews: &[Review]) -> Option<Self> {
        let mut summary = Self {
            histogram: [0; BUCKETS],
            rated: 0,
            tenths: 0,
        };
        for rating in reviews.iter().filter_map(|r| r.rating) {
            let bucket = usize::from(rating.tenths() / 10);
            summary.histogram[bucket] = summary.histogram[bucket].saturating_add(1);
            summary.rated += 1;
            summary.tenths += u64::from(rating.tenths());
        }
        (summary.rated > 0).then_some(summary)
    }

    /// The average rating in tenths, rounded half up.
    pub fn average_tenths(&self) -> u8 {
        let n = self.rated.max(1) as u64;
        u8::try_from((self.tenths + n / 2) / n).unwrap_or(Rating::MAX_TENTHS)
    }

    /// `★★★½☆ 7.4/10 · average of 9 rated reviews`: the summary's line, the stars
    /// a span of their own.
    pub fn para<'a>(&self, strings: &Strings) -> Para<'a> {
        let average = self.average_tenths();
        let mut text = Rating::from_tenths(average).map(stars).unwrap_or_default();
        let spans = vec![(0..text.len(), Role::Stars)];
        let _ = write!(
            text,
            " {}.{}/10 · {} {} {}",
            average / 10,
            average % 10,
            strings.average_of,
            self.rated,
            if self.rated == 1 {
                strings.rated_review
            } else {
                strings.rated_reviews
            }
        );
        Para {
            text: Cow::Owned(text),
            spans,
            role: Role::Summary,
            gap_before: false,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::{EN, ID};

    fn rated(tenths: &[Option<u8>]) -> Vec<Review> {
        tenths
            .iter()
            .map(|t| Review {
                language: None,
                author: "A".into(),
                rating: t.and_then(Rating::from_tenths),
                date: None,
                paragraphs: ["x"].into_iter().collect(),
            })
            .collect()
    }

    #[test]
    fn buckets_hold_whole_points_and_the_average_one_decimal() {
        let s = Summary::of(&rated(&[
            Some(80),
            Some(75),
            None,
            Some(100),
            Some(0),
            Some(79),
        ]))
        .expect("rated");
        assert_eq!(s.rated, 5);
        let mut expected = [0; BUCKETS];
        expected[0] = 1;
        expected[7] = 2;
        expected[8] = 1;
        expected[10] = 1;
        assert_eq!(s.histogram, expected, "7.5 and 7.9 are 7s");
        assert_eq!(s.average_tenths(), 67, "33.4 / 5 = 6.68");
        assert_eq!(
            s.para(&EN).text,
            "★★★½☆ 6.7/10 · average of 5 rated reviews"
        );
        assert_eq!(s.para(&EN).role_at(0), Role::Stars);
        assert_eq!(s.para(&EN).role_at("★★★½☆ ".len()), Role::Summary);
    }

    #[test]
    fn whole_averages_keep_their_decimal() {
        let s = Summary::of(&rated(&[Some(80)])).expect("rated");
        assert_eq!(
            s.para(&ID).text,
            "★★★★☆ 8.0/10 · rata-rata dari 1 ulasan bernilai"
        );
        assert_eq!(s.para(&EN).text, "★★★★☆ 8.0/10 · average of 1 rated review");
        let half = Summary::of(&rated(&[Some(80), Some(75)])).expect("rated");
        assert_eq!(half.average_tenths(), 78, "7.75 rounds half up");
    }

    #[test]
    fn no_rating_no_summary() {
        assert_eq!(Summary::of(&rated(&[None, None])), None);
        assert_eq!(Summary::of(&[]), None);
    }
}
