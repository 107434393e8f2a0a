//! The body: the visible lines of the selected tab, with screenshot cards framed,
//! search hits highlighted, the focused review marked in the margin, and a scrollbar
//! when the section overflows. Reads only what [`crate::app::pane::Pane`] wrapped.

use std::ops::Range;

use ratatui::buffer::Buffer;
use ratatui::layout::Position;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Scrollbar, ScrollbarOrientation, ScrollbarState, StatefulWidget};

use crate::app::App;
use crate::app::pane::VisibleLine;
use crate::layout::{BlockKind, CARD_INSET, LineRef, Section, WrappedBlock};
use crate::screen::Regions;
use crate::text::width::str_width;
use crate::text::wrap;
use crate::theme::Theme;
use crate::ui::summary;

pub fn render(buf: &mut Buffer, regions: &Regions, app: &App<'_>, theme: &Theme) {
    let pane = app.pane();
    let text = regions.text;
    let tab = app.selected_index();
    let doc = pane.doc();
    let mark_focus = app.selected() == Section::Reviews && doc.items() > 1;
    // The ratings chart, drawn once for the rows of it on screen.
    let mut chart = None;
    // The frame can be smaller than the size the panes were laid out for (the terminal
    // shrank after the last resize event was read): never draw below the body.
    let rows = pane.visible().into_iter().take(usize::from(text.height));
    for (row, shown) in rows.enumerate() {
        let VisibleLine {
            block,
            wrapped,
            line,
            ..
        } = shown;
        let y = text.y + row as u16;
        let card = matches!(wrapped.block.kind, BlockKind::Card { .. });
        match line {
            LineRef::Blank => {}
            LineRef::CardTop | LineRef::CardBottom => border(buf, text, y, wrapped, line, theme),
            // The picture itself is drawn below, once per card.
            LineRef::Picture { .. } => sides(buf, text, y, theme),
            LineRef::Chart(row) => {
                if let BlockKind::Summary { histogram } = &wrapped.block.kind {
                    let chart =
                        chart.get_or_insert_with(|| summary::chart(histogram, text.width, theme));
                    copy_row(buf, chart, u16::from(row), Position::new(text.x, y));
                }
            }
            LineRef::Text { .. } => {
                let (x, width) = if card {
                    sides(buf, text, y, theme);
                    let inset = CARD_INSET as u16;
                    (text.x + inset / 2, text.width.saturating_sub(inset))
                } else {
                    (text.x, text.width)
                };
                text_line(
                    buf,
                    Rect::new(x, y, width, 1),
                    app,
                    tab,
                    block,
                    wrapped,
                    line,
                    theme,
                );
                if mark_focus
                    && block == pane.focus()
                    && block >= doc.head()
                    && is_first_text_line(wrapped, line)
                {
                    buf.set_stringn(regions.body.x, y, "▌", 1, theme.focus_mark);
                }
            }
        }
    }
    super::picture::render(buf, regions, app, theme);
    scrollbar(buf, regions.scrollbar, app, theme);
}

/// A card's left and right border on row `y`.
fn sides(buf: &mut Buffer, text: Rect, y: u16, theme: &Theme) {
    buf.set_stringn(text.x, y, "│", 1, theme.card_border);
    buf.set_stringn(text.right().saturating_sub(1), y, "│", 1, theme.card_border);
}

/// Copies row `row` of `from` to `to` at `at`, clipped to `to`.
fn copy_row(to: &mut Buffer, from: &Buffer, row: u16, at: Position) {
    for x in 0..from.area.width {
        let target = Position::new(at.x + x, at.y);
        if let (Some(cell), true) = (from.cell((x, row)), to.area.contains(target)) {
            to[target] = cell.clone();
        }
    }
}

fn is_first_text_line(wrapped: &WrappedBlock<'_>, line: LineRef) -> bool {
    wrapped.lines.iter().find(|l| l.text().is_some()) == Some(&line)
}

/// A card's top border, labelled `n/total`, or its bottom border.
fn border(
    buf: &mut Buffer,
    text: Rect,
    y: u16,
    wrapped: &WrappedBlock<'_>,
    line: LineRef,
    theme: &Theme,
) {
    let w = usize::from(text.width);
    if w < 2 {
        return;
    }
    let s = if line == LineRef::CardTop {
        let label = match wrapped.block.kind {
            BlockKind::Card { number, total } => format!(" {number}/{total} "),
            BlockKind::Plain | BlockKind::Summary { .. } => String::new(),
        };
        let label = if str_width(&label) + 3 <= w {
            label
        } else {
            String::new()
        };
        let rest = w - 2 - str_width(&label).min(w - 2);
        let lead = rest.min(1);
        format!("╭{}{label}{}╮", "─".repeat(lead), "─".repeat(rest - lead))
    } else {
        format!("╰{}╯", "─".repeat(w - 2))
    };
    buf.set_stringn(text.x, y, s, w, theme.card_border);
}

/// One line of text, as spans split where the role or a search hit starts or ends, and
/// the hyphen of a line broken at a soft hyphen.
#[allow(clippy::too_many_arguments)]
fn text_line(
    buf: &mut Buffer,
    area: Rect,
    app: &App<'_>,
    tab: usize,
    block: usize,
    wrapped: &WrappedBlock<'_>,
    line: LineRef,
    theme: &Theme,
) {
    let Some((p, range)) = line.text() else {
        return;
    };
    let Some(para) = wrapped.block.paras.get(p) else {
        return;
    };
    // Only what search reads is highlighted: not a reading aid after an author.
    let searched = para.searched();
    let hits: Vec<(Range<usize>, bool)> = if range.start < searched.len() {
        let line = range.start..range.end.min(searched.len());
        app.search().hits_on(tab, block, p, searched, line)
    } else {
        Vec::new()
    };
    let mut cuts: Vec<usize> = vec![range.start, range.end];
    for (r, _) in &para.spans {
        cuts.extend([r.start, r.end]);
    }
    for (r, _) in &hits {
        cuts.extend([r.start, r.end]);
    }
    cuts.retain(|c| range.contains(c) || *c == range.end);
    cuts.sort_unstable();
    cuts.dedup();
    let mut spans = Vec::with_capacity(cuts.len());
    let mut style = theme.role(para.role);
    for pair in cuts.windows(2) {
        let (start, end) = (pair[0], pair[1]);
        let Some(piece) = para.text.get(start..end) else {
            continue;
        };
        style = theme.role(para.role_at(start));
        if let Some((_, current)) = hits.iter().find(|(r, _)| r.start <= start && start < r.end) {
            style = style.patch(if *current {
                theme.current_hit
            } else {
                theme.hit
            });
        }
        // A soft hyphen is zero width: ratatui draws nothing for it.
        spans.push(Span::styled(piece, style));
    }
    if para.text.get(range).is_some_and(wrap::is_hyphenated) {
        spans.push(Span::styled("-", style));
    }
    buf.set_line(area.x, area.y, &Line::from(spans), area.width);
}

fn scrollbar(buf: &mut Buffer, area: Rect, app: &App<'_>, theme: &Theme) {
    let pane = app.pane();
    let total = pane.total_lines();
    let height = pane.height();
    if total <= height || area.height == 0 {
        return;
    }
    let mut state = ScrollbarState::new(total.saturating_sub(height))
        .position(pane.top_line())
        .viewport_content_length(height);
    Scrollbar::new(ScrollbarOrientation::VerticalRight)
        .begin_symbol(None)
        .end_symbol(None)
        .track_symbol(Some("│"))
        .thumb_symbol("█")
        .style(theme.scrollbar)
        .render(area, buf, &mut state);
}
