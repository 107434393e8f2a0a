//! The tab bar's geometry: each tab's label fitted to the width (headings shrink
//! first, longest first) and the columns it takes. The drawing places the tabs by it
//! and the update answers mouse clicks by it, so a click lands on what is drawn.

use std::fmt::Write as _;
use std::ops::Range;

use crate::text::width::{str_width, truncate_with_ellipsis};

/// One tab's label in parts: the number, the heading, and what follows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Label {
    pub number: String,
    pub heading: String,
    /// ` (3)` and ` [9]`.
    pub suffix: String,
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
        let mut suffix = String::new();
        match count {
            Some((shown, all)) if shown < all => {
                let _ = write!(suffix, " ({shown}/{all})");
            }
            Some((_, all)) => {
                let _ = write!(suffix, " ({all})");
            }
            None => {}
        }
        if let Some(hits) = hits {
            let _ = write!(suffix, " [{hits}]");
        }
        Self {
            number: (index + 1).to_string(),
            heading: heading.to_string(),
            suffix,
        }
    }
}

const GAP: u16 = 1;
const PAD: u16 = 1;

/// How many columns each heading may take so that all tabs fit in `width`.
fn heading_widths(labels: &[Label], width: u16) -> Vec<usize> {
    let fixed: usize = labels
        .iter()
        .map(|l| str_width(&l.number) + 1 + str_width(&l.suffix) + 2 * usize::from(PAD))
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

/// The text of each tab, fitted to `width`.
pub fn fitted(labels: &[Label], width: u16) -> Vec<String> {
    let widths = heading_widths(labels, width);
    labels
        .iter()
        .zip(widths)
        .map(|(l, w)| {
            let heading = truncate_with_ellipsis(&l.heading, w);
            let pad = " ".repeat(usize::from(PAD));
            if heading.is_empty() {
                format!("{pad}{}{}{pad}", l.number, l.suffix)
            } else {
                format!("{pad}{} {heading}{}{pad}", l.number, l.suffix)
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

    fn label(n: usize, heading: &str, suffix: &str) -> Label {
        Label {
            number: n.to_string(),
            heading: heading.into(),
            suffix: suffix.into(),
        }
    }

    fn bundled() -> Vec<Label> {
        vec![
            label(1, "Plot", ""),
            label(2, "Tangkapan Layar", " (3)"),
            label(3, "Ulasan", " (0)"),
        ]
    }

    #[test]
    fn labels_are_numbered_from_one_with_counts_then_hits() {
        assert_eq!(
            Label::new(1, "Tangkapan Layar", Some((3, 3)), Some(9)),
            label(2, "Tangkapan Layar", " (3) [9]")
        );
        assert_eq!(
            Label::new(2, "Ulasan", Some((4, 12)), None),
            label(3, "Ulasan", " (4/12)"),
            "while a filter hides some"
        );
        assert_eq!(Label::new(0, "Plot", None, None), label(1, "Plot", ""));
    }

    #[test]
    fn wide_terminals_show_whole_labels() {
        assert_eq!(
            fitted(&bundled(), 80),
            [" 1 Plot ", " 2 Tangkapan Layar (3) ", " 3 Ulasan (0) "]
        );
        assert_eq!(placement(&bundled(), 80), [0..8, 9..32, 33..47]);
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
