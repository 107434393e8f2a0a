//! The ratings chart under the reviews' summary line: ratatui's `BarChart`, one bar
//! per whole point from 0 to 10, its value on the bar where it fits. The chart is
//! drawn into a buffer of its own, a row of which is copied for each chart line on
//! screen, so that a chart scrolled half off the top shows its lower half; `--print`
//! writes the same buffer's rows as text.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::{Bar, BarChart, Widget};

use crate::layout::CHART_ROWS;
use crate::layout::summary::{BUCKETS, Histogram};
use crate::theme::Theme;

/// Columns between two bars.
const GAP: u16 = 1;
/// The widest a bar is drawn: room for a three-digit count.
const MAX_BAR: u16 = 3;

/// The chart for `histogram`, `width` columns at most, as a buffer of
/// [`CHART_ROWS`] rows.
pub(crate) fn chart(histogram: &Histogram, width: u16, theme: &Theme) -> Buffer {
    let buckets = BUCKETS as u16;
    // Narrower than a column a bar with gaps between, the bars touch: every bar is
    // kept as long as there is a column for it.
    let gap = if width < 2 * buckets - 1 { 0 } else { GAP };
    let bar = (width.saturating_sub(gap * (buckets - 1)) / buckets).clamp(1, MAX_BAR);
    let used = (bar * buckets + gap * (buckets - 1)).min(width);
    let area = Rect::new(0, 0, used, CHART_ROWS as u16);
    let mut buf = Buffer::empty(area);
    let bars: Vec<Bar<'_>> = histogram
        .iter()
        .enumerate()
        .map(|(point, &count)| {
            Bar::new(u64::from(count))
                .label(Line::from(point.to_string()))
                .style(theme.stars)
                .value_style(theme.stars.reversed())
        })
        .collect();
    BarChart::vertical(bars)
        .bar_width(bar)
        .bar_gap(gap)
        .label_style(theme.meta)
        .render(area, &mut buf);
    buf
}

/// Row `row` of a chart as plain text, without the spaces at its end.
pub(crate) fn row_text(chart: &Buffer, row: u16) -> String {
    let area = chart.area;
    let mut text = String::new();
    if row < area.height {
        for x in 0..area.width {
            text.push_str(chart[(x, row)].symbol());
        }
    }
    text.truncate(text.trim_end().len());
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rows(histogram: &Histogram, width: u16) -> Vec<String> {
        let buf = chart(histogram, width, &Theme::mono());
        (0..CHART_ROWS as u16).map(|r| row_text(&buf, r)).collect()
    }

    #[test]
    fn one_bar_per_point_labelled_0_to_10() {
        let mut h = [0; BUCKETS];
        h[8] = 4;
        h[6] = 2;
        h[10] = 1;
        let shown = rows(&h, 60);
        assert_eq!(shown.len(), CHART_ROWS);
        let labels = shown.last().expect("a label row");
        assert_eq!(
            labels.split_whitespace().collect::<Vec<_>>().len(),
            11,
            "{labels}"
        );
        assert!(
            labels.starts_with(" 0 ") && labels.ends_with("10"),
            "{labels:?}"
        );
        // The tallest bar fills the chart's bar rows and shows its count.
        let column = |x: usize| -> String {
            shown[..CHART_ROWS - 1]
                .iter()
                .map(|r| r.chars().nth(x).unwrap_or(' '))
                .collect()
        };
        assert_eq!(
            column(8 * 4 + 1),
            "███4",
            "bar 8 in full, its value at its foot"
        );
        assert_eq!(column(0), "    ", "no review gave 0");
    }

    #[test]
    fn narrow_charts_keep_every_bar() {
        let h = [1; BUCKETS];
        let buf = chart(&h, 21, &Theme::mono());
        assert_eq!(buf.area.width, 21, "bars of one column, gaps of one");
        let touching = rows(&h, 15);
        assert_eq!(touching[0].chars().count(), 11, "no gaps: {touching:?}");
        let tiny = chart(&h, 5, &Theme::mono());
        assert_eq!(tiny.area.width, 5, "cut to the width, never wider");
    }
}
