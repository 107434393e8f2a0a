//! Every style in one place. Colours are the terminal's own named colours on its own
//! background, so they read on dark and light terminals alike; the monochrome theme
//! (`NO_COLOR`, `--color never`) marks the same things with bold, reverse and underline.

use ratatui::style::{Color, Modifier, Style};

use crate::layout::Role;

/// The styles the viewer draws with, and those `--print` writes.
#[derive(Debug, Clone)]
pub struct Theme {
    pub(crate) title: Style,
    pub(crate) tab: Style,
    pub(crate) tab_selected: Style,
    pub(crate) rule: Style,
    pub(crate) body: Style,
    pub(crate) author: Style,
    pub(crate) stars: Style,
    pub(crate) meta: Style,
    pub(crate) empty: Style,
    pub(crate) caption: Style,
    pub(crate) image: Style,
    pub(crate) image_missing: Style,
    pub(crate) card_border: Style,
    pub(crate) focus_mark: Style,
    pub(crate) hit: Style,
    pub(crate) current_hit: Style,
    pub(crate) footer: Style,
    pub(crate) footer_key: Style,
    pub(crate) footer_state: Style,
    /// The footer's passing note (`resumed`, `search wrapped`).
    pub(crate) notice: Style,
    pub(crate) no_match: Style,
    pub(crate) help_border: Style,
    pub(crate) help_group: Style,
    pub(crate) help_key: Style,
    pub(crate) scrollbar: Style,
    pub(crate) too_small: Style,
}

impl Theme {
    /// The colour theme.
    pub fn color() -> Self {
        let bold = Style::new().add_modifier(Modifier::BOLD);
        let dim = Style::new().add_modifier(Modifier::DIM);
        Self {
            title: bold.fg(Color::Cyan),
            tab: Style::new(),
            tab_selected: bold.add_modifier(Modifier::REVERSED).fg(Color::Cyan),
            rule: Style::new().fg(Color::DarkGray),
            body: Style::new(),
            author: bold,
            stars: Style::new().fg(Color::Yellow),
            meta: dim,
            empty: Style::new()
                .add_modifier(Modifier::ITALIC)
                .fg(Color::DarkGray),
            caption: Style::new(),
            image: Style::new().fg(Color::Green),
            image_missing: Style::new().fg(Color::Red),
            card_border: Style::new().fg(Color::DarkGray),
            focus_mark: Style::new().fg(Color::Cyan),
            hit: Style::new().fg(Color::Black).bg(Color::Yellow),
            current_hit: bold.fg(Color::Black).bg(Color::LightCyan),
            footer: Style::new().fg(Color::DarkGray),
            footer_key: bold.fg(Color::Cyan),
            footer_state: Style::new(),
            notice: bold,
            no_match: Style::new().fg(Color::Red),
            help_border: Style::new().fg(Color::Cyan),
            help_group: bold.fg(Color::Cyan),
            help_key: bold,
            scrollbar: Style::new().fg(Color::DarkGray),
            too_small: bold,
        }
    }

    /// The monochrome theme: no colour at all.
    pub(crate) fn mono() -> Self {
        let plain = Style::new();
        let bold = plain.add_modifier(Modifier::BOLD);
        Self {
            title: bold,
            tab: plain,
            tab_selected: bold.add_modifier(Modifier::REVERSED),
            rule: plain,
            body: plain,
            author: bold,
            stars: plain,
            meta: plain,
            empty: plain.add_modifier(Modifier::ITALIC),
            caption: plain,
            image: plain,
            image_missing: plain.add_modifier(Modifier::ITALIC),
            card_border: plain,
            focus_mark: bold,
            hit: plain.add_modifier(Modifier::UNDERLINED),
            current_hit: bold.add_modifier(Modifier::REVERSED | Modifier::UNDERLINED),
            footer: plain,
            footer_key: bold,
            footer_state: plain,
            notice: bold,
            no_match: bold,
            help_border: plain,
            help_group: bold,
            help_key: bold,
            scrollbar: plain,
            too_small: bold,
        }
    }

    /// The styles `--print` writes with, when it writes styles: bold headings and
    /// authors, yellow stars, and dim where the line is layar's own rather than the
    /// page's text (the rating and date, image lines, empty states). The rest is plain,
    /// as text in a pager or a file reads best.
    pub(crate) fn print() -> Self {
        let plain = Style::new();
        let bold = plain.add_modifier(Modifier::BOLD);
        let dim = plain.add_modifier(Modifier::DIM);
        Self {
            title: bold,
            author: bold,
            stars: plain.fg(Color::Yellow),
            meta: dim,
            empty: dim,
            image: dim,
            image_missing: dim,
            ..Self::mono()
        }
    }

    /// The style of a paragraph role.
    pub(crate) fn role(&self, role: Role) -> Style {
        match role {
            Role::Body => self.body,
            Role::Caption => self.caption,
            Role::Image => self.image,
            Role::ImageMissing => self.image_missing,
            Role::Author | Role::Summary => self.author,
            Role::Stars => self.stars,
            Role::Meta | Role::Aid => self.meta,
            Role::Empty | Role::NoImage => self.empty,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mono_uses_no_colour_but_still_marks() {
        let t = Theme::mono();
        let all = [
            t.title,
            t.tab,
            t.tab_selected,
            t.rule,
            t.body,
            t.author,
            t.stars,
            t.meta,
            t.empty,
            t.caption,
            t.image,
            t.image_missing,
            t.card_border,
            t.focus_mark,
            t.hit,
            t.current_hit,
            t.footer,
            t.footer_key,
            t.footer_state,
            t.notice,
            t.no_match,
            t.help_border,
            t.help_group,
            t.help_key,
            t.scrollbar,
            t.too_small,
        ];
        assert!(all.iter().all(|s| s.fg.is_none() && s.bg.is_none()));
        assert!(t.tab_selected.add_modifier.contains(Modifier::REVERSED));
        assert!(t.hit.add_modifier.contains(Modifier::UNDERLINED));
        assert_ne!(t.hit, t.current_hit);
    }

    #[test]
    fn colour_keeps_the_terminal_background() {
        let t = Theme::color();
        assert_eq!(t.body.bg, None);
        assert_eq!(t.footer.bg, None);
        assert_eq!(
            t.tab_selected.bg, None,
            "reverse video, not a fixed background"
        );
    }
}
