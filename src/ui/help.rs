//! The help overlay: every key, grouped, generated from the key table. It takes two
//! columns when one would not fit the height, and scrolls when even two don't (the
//! layout is [`crate::screen::help`]'s).

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::widgets::{Block, BorderType, Clear, Widget};

use crate::app::App;
use crate::screen::help::{COLUMN_GAP, HelpLayout, HelpLine};
use crate::text::width::truncate_with_ellipsis;
use crate::theme::Theme;

pub fn render(buf: &mut Buffer, area: Rect, app: &App<'_>, theme: &Theme) {
    let strings = app.strings();
    let layout = HelpLayout::with_problems(strings, app.broken(), area);
    let popup = layout.popup;
    Clear.render(popup, buf);
    let title = format!(" {} ", strings.help_title);
    let block = Block::bordered()
        .border_type(BorderType::Rounded)
        .border_style(theme.help_border)
        .title(title.as_str());
    let inner = block.inner(popup);
    block.render(popup, buf);
    let scroll = app.help_scroll().min(layout.max_scroll());
    let mut x = inner.x + 1;
    for column in &layout.columns {
        let room = usize::from(inner.right().saturating_sub(x + 1));
        for (row, line) in column
            .lines
            .iter()
            .skip(scroll)
            .take(layout.rows)
            .enumerate()
        {
            let y = inner.y + row as u16;
            match line {
                HelpLine::Group(name) => {
                    buf.set_stringn(
                        x,
                        y,
                        truncate_with_ellipsis(name, room),
                        room,
                        theme.help_group,
                    );
                }
                HelpLine::Key { keys, what } => {
                    let (kx, _) =
                        buf.set_stringn(x + 2, y, keys, room.saturating_sub(2), theme.help_key);
                    let wx = (x + 2 + column.key_width as u16 + 2).max(kx + 1);
                    let room = usize::from(inner.right().saturating_sub(wx + 1));
                    buf.set_stringn(wx, y, truncate_with_ellipsis(what, room), room, theme.body);
                }
                HelpLine::Problem(text) => {
                    let room = room.saturating_sub(2);
                    let text = truncate_with_ellipsis(text, room);
                    buf.set_stringn(x + 2, y, text, room, theme.problem);
                }
                HelpLine::Blank => {}
            }
        }
        x = x.saturating_add((column.width + COLUMN_GAP) as u16);
    }
    if inner.height > 0 {
        let w = usize::from(inner.width.saturating_sub(2));
        let mut close = strings.help_close.to_string();
        if layout.max_scroll() > 0 {
            close = format!("{close} · ↑↓");
        }
        let close = truncate_with_ellipsis(&close, w);
        buf.set_stringn(inner.x + 1, inner.bottom() - 1, &close, w, theme.footer);
    }
}
