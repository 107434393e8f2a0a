//! The banner over a page whose last save did not load: one line, in the rule's row
//! under the tabs (so the text below keeps its place), with the first problem's line,
//! column and message, and how many more the help lists.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

use crate::i18n::Strings;
use crate::loader::{LoadError, Problem};
use crate::text::sanitize::sanitized;
use crate::text::width::truncate_with_ellipsis;
use crate::theme::Theme;

/// The banner's text: `12:3 expected a number… (+2 more: ?)`.
pub(crate) fn text(error: &LoadError, strings: &Strings) -> String {
    let first = error.problems().first();
    let mut text = match first.and_then(Problem::location) {
        Some(at) => format!("{}:{} {}", at.line, at.column, error.kind()),
        None => error.kind().to_string(),
    };
    let more = error.problems().len().saturating_sub(1) + error.more();
    if more > 0 {
        text = format!("{text} (+{more} {}: ?)", strings.more_problems);
    }
    sanitized(&text).into_owned()
}

/// Draws the banner across `area`, one row.
pub(crate) fn render(
    buf: &mut Buffer,
    area: Rect,
    error: &LoadError,
    strings: &Strings,
    theme: &Theme,
) {
    buf.set_style(area, theme.banner);
    let room = usize::from(area.width.saturating_sub(2));
    let text = format!("✗ {}", text(error, strings));
    buf.set_stringn(
        area.x + 1,
        area.y,
        truncate_with_ellipsis(&text, room),
        room,
        theme.banner,
    );
}
