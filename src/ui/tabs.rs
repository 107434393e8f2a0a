//! The tab bar: `1 Plot   2 Tangkapan Layar (3)   3 Ulasan (0)`, the selected tab in
//! reverse video, hit counts in brackets while a search is active. Labels shrink
//! (headings first) to fit narrow terminals, placed by [`crate::screen::tabs`].

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

use crate::app::App;
use crate::screen::tabs::{fitted, placement};
use crate::theme::Theme;

pub fn render(buf: &mut Buffer, area: Rect, app: &App<'_>, theme: &Theme) {
    let labels = app.tab_labels();
    let texts = fitted(&labels, area.width);
    let places = placement(&labels, area.width);
    for (i, (text, place)) in texts.iter().zip(places).enumerate() {
        if place.start >= area.width {
            break;
        }
        let style = if i == app.selected_index() {
            theme.tab_selected
        } else {
            theme.tab
        };
        let room = usize::from(area.width - place.start);
        buf.set_stringn(area.x + place.start, area.y, text, room, style);
    }
}
