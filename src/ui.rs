//! Drawing. One function per region, each reading the [`App`] and never changing
//! it: the header, the tab bar, the body, the footer and the help overlay.

pub(crate) mod banner;
pub(crate) mod body;
pub(crate) mod footer;
pub(crate) mod help;
mod hidden;
pub(crate) mod picture;
pub(crate) mod summary;
pub(crate) mod tabs;

#[cfg(test)]
mod tests;

use ratatui::Frame;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

use crate::app::App;
use crate::i18n::Strings;
use crate::keymap::Mode;
use crate::screen;
use crate::text::width::{str_width, truncate_with_ellipsis};
use crate::theme::Theme;

/// Draws the whole screen for the app's state: the one way the screen is drawn, by
/// the viewer, the tests, the benches and the fuzz target alike.
pub fn draw(frame: &mut Frame<'_>, app: &App<'_>, theme: &Theme) {
    let area = frame.area();
    let buf = frame.buffer_mut();
    let Some(regions) = screen::regions(area) else {
        too_small(buf, area, app, theme);
        return;
    };
    header(buf, regions.header, app, theme);
    tabs::render(buf, regions.tabs, app, theme);
    match app.broken() {
        Some(error) => banner::render(buf, regions.rule, error, app.strings(), theme),
        None => rule(buf, regions.rule, theme),
    }
    body::render(buf, &regions, app, theme);
    let cursor = footer::render(buf, regions.footer, app, theme);
    if app.mode() == Mode::Help {
        help::render(buf, area, app, theme);
    }
    hidden::mark(buf);
    if let Some(cursor) = cursor {
        frame.set_cursor_position(cursor);
    }
}

/// The loading screen, drawn before a large file is parsed: its name and size.
pub(crate) fn loading(
    frame: &mut Frame<'_>,
    name: &str,
    bytes: u64,
    strings: &Strings,
    theme: &Theme,
) {
    let area = frame.area();
    let buf = frame.buffer_mut();
    let text = format!("{} {name} ({})…", strings.loading, human_size(bytes));
    let text = truncate_with_ellipsis(
        &crate::text::sanitize::sanitized(&text),
        usize::from(area.width),
    )
    .into_owned();
    let x = area.x + area.width.saturating_sub(str_width(&text) as u16) / 2;
    let y = area.y + area.height / 2;
    if y < area.bottom() {
        buf.set_stringn(x, y, &text, usize::from(area.right() - x), theme.title);
    }
}

/// `48.3 MB`, `912 KB`, `120 B`: a size as people read it.
pub(crate) fn human_size(bytes: u64) -> String {
    #[allow(clippy::cast_precision_loss)] // a size shown to one decimal
    let b = bytes as f64;
    match bytes {
        0..1_000 => format!("{bytes} B"),
        1_000..1_000_000 => format!("{:.0} KB", b / 1e3),
        1_000_000..1_000_000_000 => format!("{:.1} MB", b / 1e6),
        _ => format!("{:.1} GB", b / 1e9),
    }
}

fn header(buf: &mut Buffer, area: Rect, app: &App<'_>, theme: &Theme) {
    let title =
        truncate_with_ellipsis(&app.page().title, usize::from(area.width.saturating_sub(2)));
    buf.set_stringn(
        area.x + 1,
        area.y,
        title,
        usize::from(area.width),
        theme.title,
    );
}

fn rule(buf: &mut Buffer, area: Rect, theme: &Theme) {
    let line = "─".repeat(usize::from(area.width));
    buf.set_stringn(area.x, area.y, line, usize::from(area.width), theme.rule);
}

/// A terminal too small for the layout: a short message, clipped to what fits.
fn too_small(buf: &mut Buffer, area: Rect, app: &App<'_>, theme: &Theme) {
    let needed = format!("≥ {}×{}", screen::MIN_WIDTH, screen::MIN_HEIGHT);
    let top = area.y + area.height.saturating_sub(2) / 2;
    for (i, text) in [app.strings().too_small, needed.as_str()]
        .iter()
        .enumerate()
    {
        let y = top + i as u16;
        if y >= area.bottom() {
            break;
        }
        let text = truncate_with_ellipsis(text, usize::from(area.width));
        let x = area.x + area.width.saturating_sub(str_width(&text) as u16) / 2;
        buf.set_stringn(x, y, &text, usize::from(area.right() - x), theme.too_small);
    }
}
