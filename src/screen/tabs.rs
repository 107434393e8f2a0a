//! The tab bar's geometry: each tab's label fitted to the width and the columns it
//! takes. Where the labels do not fit, the counts go before the names shrink: first
//! the hit counts of tabs with no hit (`[0]`), then, while a search shows hits, the
//! item counts (`(3)`); then the headings shrink, longest first. The drawing places
//! the tabs by it and the update answers mouse clicks by it, so a click lands on what
//! is drawn.

use std::fmt::Write as _;
use std::ops::Range;

use crate::text::width::{str_width, truncate_with_ellipsis};

/// One tab's label in parts: the number, the heading, and the counts after it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Label {
    pub number: String,
    pub heading: String,
    /// ` (3)`: how many items the section holds, where a count helps; ` (4/12)`
    /// while a filter hides some.
    pub count: String,
    /// The tab's hits, while a search is active: ` [9]`.
    pub hits: Option<usize>,
}

impl Label {
    /// Tab `index`'s label (numbered from 1): its heading, how many items the section
    /// shows and holds where a count helps (`(12)`, or `(4/12)` while some are
    /// hidden), and its hits while a search is active.
    pub fn new(
        index: usize,
        heading: &str,
        count: Option<(usize, usize)>,
        hits: Option<usize>,
    ) -> Self {
        Self {
            number: (index + 1).to_string(),
            heading: heading.to_string(),
            count: match count {
                Some((shown, all)) if shown < all => format!(" ({shown}/{all})"),
                Some((_, all)) => format!(" ({all})"),
                None => String::new(),
            },
            hits,
        }
    }

    /// What follows the heading with the counts `shown` leaves.
    fn suffix(&self, shown: Counts) -> String {
        let mut suffix = String::new();
        let searching = self.hits.is_some();
        if !(searching && shown == Counts::HitsOnly) {
            suffix.push_str(&self.count);
        }
        match self.hits {
            Some(0) if shown != Counts::All => {}
            Some(hits) => {
                let _ = write!(suffix, " [{hits}]");
            }
            None => {}
        }
        suffix
    }
}

/// Which counts the labels show, from all of them to the fewest.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Counts {
    All,
    /// No `[0]`.
    NonZeroHits,
    /// No `[0]`, and no item counts while a search shows hits.
    HitsOnly,
}

const GAP: u16 = 1;
const PAD: u16 = 1;

/// How many columns each heading may take so that all tabs, with these suffixes,
/// fit in `width`.
fn heading_widths(labels: &[Label], suffixes: &[String], width: u16) -> Vec<usize> {
    let fixed: usize = labels
        .iter()
        .zip(suffixes)
        .map(|(l, suffix)| str_width(&l.number) + 1 + str_width(suffix) + 2 * usize::from(PAD))
        .sum::<usize>()
        + usize::from(GAP) * labels.len().saturating_sub(1);
    let mut budget = usize::from(width).saturating_sub(fixed);
    let wants: Vec<usize> = labels.iter().map(|l| str_width(&l.heading)).collect();
    // Water-filling: the shortest headings keep their width, the longest share.
    let mut order: Vec<usize> = (0..labels.len()).collect();
    order.sort_by_key(|&i| wants[i]);
    let mut widths = vec![0; labels.len()];
    for (k, &i) in order.iter().enumerate() {
        let share = budget / (labels.len() - k);
        widths[i] = wants[i].min(share);
        budget -= widths[i];
    }
    widths
}

/// The text of each tab, fitted to `width`: with every count that leaves the
/// headings whole, else with the fewest counts and the headings shrunk.
pub fn fitted(labels: &[Label], width: u16) -> Vec<String> {
    let levels = [Counts::All, Counts::NonZeroHits, Counts::HitsOnly];
    let mut suffixes = Vec::new();
    let mut widths = Vec::new();
    for shown in levels {
        suffixes = labels.iter().map(|l| l.suffix(shown)).collect();
        widths = heading_widths(labels, &suffixes, width);
        let whole = labels
            .iter()
            .zip(&widths)
            .all(|(l, &w)| w >= str_width(&l.heading));
        if whole {
            break;
        }
    }
    labels
        .iter()
        .zip(widths)
        .zip(suffixes)
        .map(|((l, w), suffix)| {
            let heading = truncate_with_ellipsis(&l.heading, w);
            let pad = " ".repeat(usize::from(PAD));
            if heading.is_empty() {
                format!("{pad}{}{suffix}{pad}", l.number)
            } else {
                format!("{pad}{} {heading}{suffix}{pad}", l.number)
            }
        })
        .collect()
}

/// The columns each tab occupies, for drawing and for mouse clicks.
pub fn placement(labels: &[Label], width: u16) -> Vec<Range<u16>> {
    let mut x = 0u16;
    fitted(labels, width)
        .iter()
        .map(|text| {
            let w = str_width(text) as u16;
            let r = x..x.saturating_add(w);
            x = x.saturating_add(w + GAP);
            r
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn bundled() -> Vec<Label> {
        searched(None)
    }

    /// The bundled page's tabs, with these hits in each while a search is active.
    fn searched(hits: Option<[usize; 3]>) -> Vec<Label> {
        let hit = |i: usize| hits.map(|h| h[i]);
        vec![
            Label::new(0, "Plot", None, hit(0)),
            Label::new(1, "Tangkapan Layar", Some((3, 3)), hit(1)),
            Label::new(2, "Ulasan", Some((0, 0)), hit(2)),
        ]
    }

    #[test]
    fn labels_are_numbered_from_one_with_counts_then_hits() {
        let label = Label::new(1, "Tangkapan Layar", Some((3, 3)), Some(9));
        assert_eq!((label.number.as_str(), label.count.as_str()), ("2", " (3)"));
        assert_eq!(label.suffix(Counts::All), " (3) [9]");
        assert_eq!(label.suffix(Counts::HitsOnly), " [9]");
        let none = Label::new(0, "Plot", None, Some(0));
        assert_eq!(none.suffix(Counts::All), " [0]");
        assert_eq!(none.suffix(Counts::NonZeroHits), "");
        let filtered = Label::new(2, "Ulasan", Some((4, 12)), Some(2));
        assert_eq!(
            filtered.suffix(Counts::All),
            " (4/12) [2]",
            "while a filter hides some"
        );
        assert_eq!(filtered.suffix(Counts::HitsOnly), " [2]");
        let idle = Label::new(2, "Ulasan", Some((0, 0)), None);
        assert_eq!(
            idle.suffix(Counts::HitsOnly),
            " (0)",
            "no search: counts stay"
        );
    }

    #[test]
    fn with_a_search_the_counts_go_before_the_names_shrink() {
        let joseph = searched(Some([9, 0, 0]));
        assert_eq!(
            fitted(&joseph, 80),
            [
                " 1 Plot [9] ",
                " 2 Tangkapan Layar (3) [0] ",
                " 3 Ulasan (0) [0] "
            ]
        );
        assert_eq!(
            fitted(&joseph, 51),
            [" 1 Plot [9] ", " 2 Tangkapan Layar (3) ", " 3 Ulasan (0) "]
        );
        assert_eq!(
            fitted(&joseph, 43),
            [" 1 Plot [9] ", " 2 Tangkapan Layar ", " 3 Ulasan "]
        );
        let at_40 = fitted(&joseph, 40);
        assert_eq!(at_40, [" 1 Plot [9] ", " 2 Tangkapan L… ", " 3 Ulasan "]);
        let end = placement(&joseph, 40).last().map(|r| r.end);
        assert_eq!(end, Some(40));
        // Hits in every tab are kept while names shrink.
        let everywhere = fitted(&searched(Some([9, 3, 12])), 40);
        assert!(everywhere.iter().all(|t| t.contains('[')), "{everywhere:?}");
    }

    #[test]
    fn wide_terminals_show_whole_labels() {
        assert_eq!(
            fitted(&bundled(), 80),
            [" 1 Plot ", " 2 Tangkapan Layar (3) ", " 3 Ulasan (0) "]
        );
        assert_eq!(placement(&bundled(), 80), [0..8, 9..32, 33..47]);
        assert_eq!(fitted(&bundled(), 47), fitted(&bundled(), 80));
    }

    #[test]
    fn narrow_terminals_shorten_the_longest_heading_first() {
        let t = fitted(&bundled(), 40);
        assert_eq!(t[0], " 1 Plot ");
        assert_eq!(t[2], " 3 Ulasan (0) ");
        assert!(t[1].contains('…'), "{t:?}");
        let end = placement(&bundled(), 40).last().map(|r| r.end);
        assert!(end.is_some_and(|e| e <= 40), "{end:?}");
    }

    #[test]
    fn very_narrow_terminals_keep_numbers() {
        let t = fitted(&bundled(), 20);
        assert!(
            t.iter()
                .all(|s| s.starts_with(" 1") || s.starts_with(" 2") || s.starts_with(" 3"))
        );
        let t = fitted(&bundled(), 0);
        assert_eq!(t[0], " 1 ");
    }
}
