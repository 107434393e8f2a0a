//! Every style in one place: a colour palette for dark backgrounds and one for light
//! ones ([`Palette`]), the monochrome theme (`NO_COLOR`, `--color never`), which marks
//! the same things with bold, reverse and underline, and `--print`'s few styles.
//!
//! The palettes' colours are from the 256-colour table above its first 16, whose RGB
//! terminals keep as xterm defines them (the first 16 are the terminal theme's), so
//! their contrast is known ([`contrast`]): every style of both keeps 4.5:1 (WCAG AA)
//! or more against the background it is made for, which the tests compute from the
//! styles themselves. Text in no colour of layar's (the page's body, the authors) is
//! in the terminal's own foreground, and nothing has a background of layar's but the
//! search matches: the reader's own colours stay.

pub mod contrast;

use ratatui::style::{Color, Modifier, Style};

use crate::layout::Role;
use contrast::Rgb;

/// The styles the viewer draws with, and those `--print` writes.
#[derive(Debug, Clone, PartialEq, Eq)]
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
    pub(crate) no_match: Style,
    pub(crate) help_border: Style,
    pub(crate) help_group: Style,
    pub(crate) help_key: Style,
    pub(crate) scrollbar: Style,
    pub(crate) too_small: Style,
    /// The banner over a page whose last save did not load.
    pub(crate) banner: Style,
    /// A problem of that save, as the help lists it.
    pub(crate) problem: Style,
}

/// Which colours suit the terminal's background.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Palette {
    /// For a dark background (black, #1e1e1e…): light colours.
    Dark,
    /// For a light background (white…): dark colours.
    Light,
}

impl Palette {
    /// The palette for a terminal whose background is `background`: the light
    /// palette where black text has more contrast on it than white text (a relative
    /// luminance above about 0.18, as #767676 has), the dark one otherwise.
    pub fn for_background(background: Rgb) -> Self {
        if Rgb::BLACK.contrast(background) > Rgb::WHITE.contrast(background) {
            Self::Light
        } else {
            Self::Dark
        }
    }

    /// The colours of the palette, by what they mark.
    const fn colors(self) -> Colors {
        match self {
            // 80 #5fd7d7, 220 #ffd700, 114 #87d787, 203 #ff5f5f, 246 #949494,
            // 16 #000000, 51 #00ffff.
            Self::Dark => Colors {
                accent: Color::Indexed(80),
                stars: Color::Indexed(220),
                path: Color::Indexed(114),
                alarm: Color::Indexed(203),
                quiet: Color::Indexed(246),
                hit: (Color::Indexed(16), Color::Indexed(220)),
                current_hit: (Color::Indexed(16), Color::Indexed(51)),
            },
            // 24 #005f87, 130 #af5f00, 28 #008700, 160 #d70000, 242 #6c6c6c,
            // 231 #ffffff.
            Self::Light => Colors {
                accent: Color::Indexed(24),
                stars: Color::Indexed(130),
                path: Color::Indexed(28),
                alarm: Color::Indexed(160),
                quiet: Color::Indexed(242),
                hit: (Color::Indexed(16), Color::Indexed(220)),
                current_hit: (Color::Indexed(231), Color::Indexed(24)),
            },
        }
    }
}

/// What `--theme` asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Choice {
    /// The palette for the background the terminal reports (OSC 11); the dark one
    /// until it does, and when it never does.
    #[default]
    Auto,
    /// This palette, whatever the terminal.
    Use(Palette),
}

impl Choice {
    /// The palette to draw with before the terminal has answered, or without asking.
    pub fn initial(self) -> Palette {
        match self {
            Self::Auto => Palette::Dark,
            Self::Use(palette) => palette,
        }
    }
}

/// A palette's colours, by what they mark; each (foreground, background) pair is
/// a text colour on its own background.
struct Colors {
    /// The title, the selected tab, keys, the focus mark and the help's frame.
    accent: Color,
    stars: Color,
    /// Image lines.
    path: Color,
    /// A picture that cannot be shown, a search without a match.
    alarm: Color,
    /// What is layar's rather than the page's: rules, borders, hints, dates, empty
    /// states.
    quiet: Color,
    hit: (Color, Color),
    current_hit: (Color, Color),
}

impl Theme {
    /// The colour theme for a palette.
    pub fn of(palette: Palette) -> Self {
        let c = palette.colors();
        let plain = Style::new();
        let bold = plain.add_modifier(Modifier::BOLD);
        let quiet = plain.fg(c.quiet);
        Self {
            title: bold.fg(c.accent),
            tab: plain,
            tab_selected: bold.add_modifier(Modifier::REVERSED).fg(c.accent),
            rule: quiet,
            body: plain,
            author: bold,
            stars: plain.fg(c.stars),
            meta: quiet,
            empty: quiet.add_modifier(Modifier::ITALIC),
            caption: plain,
            image: plain.fg(c.path),
            image_missing: plain.fg(c.alarm),
            card_border: quiet,
            focus_mark: plain.fg(c.accent),
            hit: plain.fg(c.hit.0).bg(c.hit.1),
            current_hit: bold.fg(c.current_hit.0).bg(c.current_hit.1),
            footer: quiet,
            footer_key: bold.fg(c.accent),
            footer_state: plain,
            no_match: plain.fg(c.alarm),
            help_border: plain.fg(c.accent),
            help_group: bold.fg(c.accent),
            help_key: bold,
            scrollbar: quiet,
            too_small: bold,
            banner: bold.add_modifier(Modifier::REVERSED).fg(c.alarm),
            problem: plain.fg(c.alarm),
        }
    }

    /// The colour theme for dark backgrounds.
    pub fn dark() -> Self {
        Self::of(Palette::Dark)
    }

    /// The colour theme for light backgrounds.
    pub fn light() -> Self {
        Self::of(Palette::Light)
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
            no_match: bold,
            help_border: plain,
            help_group: bold,
            help_key: bold,
            scrollbar: plain,
            too_small: bold,
            banner: bold.add_modifier(Modifier::REVERSED),
            problem: plain,
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

    /// Every style, by name, for the tests that check each one. The theme is taken
    /// apart field by field, so a style added to `Theme` does not compile until it is
    /// listed here, and then it is checked with the others.
    pub fn styles(&self) -> Vec<(&'static str, Style)> {
        let Self {
            title,
            tab,
            tab_selected,
            rule,
            body,
            author,
            stars,
            meta,
            empty,
            caption,
            image,
            image_missing,
            card_border,
            focus_mark,
            hit,
            current_hit,
            footer,
            footer_key,
            footer_state,
            no_match,
            help_border,
            help_group,
            help_key,
            scrollbar,
            too_small,
            banner,
            problem,
        } = *self;
        vec![
            ("title", title),
            ("tab", tab),
            ("tab_selected", tab_selected),
            ("rule", rule),
            ("body", body),
            ("author", author),
            ("stars", stars),
            ("meta", meta),
            ("empty", empty),
            ("caption", caption),
            ("image", image),
            ("image_missing", image_missing),
            ("card_border", card_border),
            ("focus_mark", focus_mark),
            ("hit", hit),
            ("current_hit", current_hit),
            ("footer", footer),
            ("footer_key", footer_key),
            ("footer_state", footer_state),
            ("no_match", no_match),
            ("help_border", help_border),
            ("help_group", help_group),
            ("help_key", help_key),
            ("scrollbar", scrollbar),
            ("too_small", too_small),
            ("banner", banner),
            ("problem", problem),
        ]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The backgrounds each palette is made for: black and the dark grey of many
    /// editors' and terminals' dark themes, and white.
    fn backgrounds(palette: Palette) -> &'static [Rgb] {
        const DARK: [Rgb; 2] = [Rgb::BLACK, Rgb::new(0x1e, 0x1e, 0x1e)];
        match palette {
            Palette::Dark => &DARK,
            Palette::Light => &[Rgb::WHITE],
        }
    }

    /// The terminal's own text colour, taken for a style without a foreground: a
    /// terminal's default pair is its theme's, light grey (xterm's colour 7, #c0c0c0
    /// on black, the lowest of the common ones) on a dark background and black on a
    /// light one. An assumption: layar cannot know it, and leaves it to the reader.
    fn own_foreground(palette: Palette) -> Rgb {
        match palette {
            Palette::Dark => Rgb::new(0xc0, 0xc0, 0xc0),
            Palette::Light => Rgb::BLACK,
        }
    }

    /// The text colour and the colour behind it of `style` on `background`: reverse
    /// video swaps the two. A colour whose RGB depends on the terminal (a named colour,
    /// the first 16 of the 256) fails, as does dim text, whose colour the terminal
    /// makes up.
    fn text_on(style: Style, palette: Palette, background: Rgb) -> Result<(Rgb, Rgb), String> {
        if style.add_modifier.contains(Modifier::DIM) {
            return Err("is dim, a colour the terminal chooses".into());
        }
        let known = |color: Option<Color>, own: Rgb| match color {
            None | Some(Color::Reset) => Ok(own),
            Some(color) => {
                Rgb::of(color).ok_or_else(|| format!("uses {color:?}, whose RGB is the terminal's"))
            }
        };
        let fg = known(style.fg, own_foreground(palette))?;
        let bg = known(style.bg, background)?;
        let reversed = style.add_modifier.contains(Modifier::REVERSED)
            && !style.sub_modifier.contains(Modifier::REVERSED);
        Ok(if reversed { (bg, fg) } else { (fg, bg) })
    }

    #[test]
    fn every_style_of_both_palettes_has_aa_contrast() {
        let mut failures = Vec::new();
        for palette in [Palette::Dark, Palette::Light] {
            let theme = Theme::of(palette);
            // The chart draws a bar's count in reverse on the bar.
            let derived = [("stars reversed", theme.stars.reversed())];
            for &background in backgrounds(palette) {
                for (name, style) in theme.styles().into_iter().chain(derived) {
                    match text_on(style, palette, background) {
                        Ok((fg, bg)) if fg.contrast(bg) >= 4.5 => {}
                        Ok((fg, bg)) => failures.push(format!(
                            "{palette:?} {name}: {fg:?} on {bg:?} is {:.2}:1",
                            fg.contrast(bg)
                        )),
                        Err(why) => failures.push(format!("{palette:?} {name} {why}")),
                    }
                }
            }
        }
        assert!(failures.is_empty(), "{failures:#?}");
    }

    #[test]
    fn the_contrast_check_catches_what_would_not_read() {
        let on_white = |style| text_on(style, Palette::Light, Rgb::WHITE);
        let contrast = |style| on_white(style).map(|(fg, bg)| fg.contrast(bg));
        // Today's bold yellow stars, and the dark palette's on white.
        assert!(on_white(Style::new().fg(Color::Yellow)).is_err());
        assert!(contrast(Theme::dark().stars).expect("known") < 2.0);
        assert!(on_white(Style::new().add_modifier(Modifier::DIM)).is_err());
        assert!(on_white(Style::new().fg(Color::Indexed(3))).is_err());
        // Reverse video puts the background in front.
        let reversed = Style::new().fg(Color::Indexed(231)).reversed();
        assert_eq!(on_white(reversed), Ok((Rgb::WHITE, Rgb::WHITE)));
    }

    #[test]
    fn the_palettes_differ_where_it_matters() {
        let (dark, light) = (Theme::dark(), Theme::light());
        for name in ["title", "stars", "image", "footer", "tab_selected"] {
            let of = |t: &Theme| t.styles().into_iter().find(|(n, _)| *n == name);
            assert_ne!(of(&dark), of(&light), "{name}");
        }
    }

    #[test]
    fn a_light_background_takes_the_light_palette() {
        assert_eq!(Palette::for_background(Rgb::WHITE), Palette::Light);
        assert_eq!(Palette::for_background(Rgb::BLACK), Palette::Dark);
        // Solarized's light and dark backgrounds, and #1e1e1e.
        assert_eq!(
            Palette::for_background(Rgb::new(0xfd, 0xf6, 0xe3)),
            Palette::Light
        );
        assert_eq!(
            Palette::for_background(Rgb::new(0, 0x2b, 0x36)),
            Palette::Dark
        );
        assert_eq!(
            Palette::for_background(Rgb::new(0x1e, 0x1e, 0x1e)),
            Palette::Dark
        );
        // Either side of the middle grey, where black and white text read as well.
        assert_eq!(
            Palette::for_background(Rgb::new(0x77, 0x77, 0x77)),
            Palette::Light
        );
        assert_eq!(
            Palette::for_background(Rgb::new(0x75, 0x75, 0x75)),
            Palette::Dark
        );
    }

    #[test]
    fn auto_starts_dark() {
        assert_eq!(Choice::Auto.initial(), Palette::Dark);
        assert_eq!(Choice::Use(Palette::Light).initial(), Palette::Light);
    }

    /// Every colour a screen shows, foreground and background, but the terminal's own.
    fn colours_drawn(app: &crate::app::App<'_>, theme: &Theme) -> Vec<Color> {
        use ratatui::Terminal;
        use ratatui::backend::TestBackend;
        let size = app.size();
        let mut terminal =
            Terminal::new(TestBackend::new(size.width, size.height)).expect("test terminal");
        terminal
            .draw(|frame| crate::ui::draw(frame, app, theme))
            .expect("draw");
        let mut out = Vec::new();
        for cell in terminal.backend().buffer().content() {
            for colour in [cell.fg, cell.bg] {
                if colour != Color::Reset && !out.contains(&colour) {
                    out.push(colour);
                }
            }
        }
        out
    }

    #[test]
    fn the_screen_draws_in_no_colour_but_the_palettes() {
        use crate::action::Action;
        let load = |path: &str| {
            let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(path);
            let source = crate::loader::read(&path, crate::loader::Limits::default())
                .expect("the page reads");
            crate::loader::parse(&source).expect("the page loads")
        };
        let reviews = load("tests/fixtures/pages/reviews.yaml");
        let pictures = load("content/examples/senja-di-pelabuhan.yaml");
        let search = |query: &str| {
            let mut actions = vec![Action::ReviewsTab, Action::StartSearch];
            actions.extend(query.chars().map(Action::SearchInput));
            actions.push(Action::ConfirmSearch);
            actions
        };
        // Matches, the chart and stars; a search without a match; the help; the
        // screenshot cards, one of them missing its image, and image lines.
        let screens = [
            (&reviews, search("the")),
            (&reviews, search("zzz")),
            (&reviews, vec![Action::ToggleHelp]),
            (&reviews, vec![Action::GotoTab(2)]),
            (&pictures, vec![Action::GotoTab(2)]),
        ];
        for palette in [Palette::Dark, Palette::Light] {
            let theme = Theme::of(palette);
            let ours: Vec<Color> = theme
                .styles()
                .into_iter()
                .flat_map(|(_, s)| [s.fg, s.bg])
                .flatten()
                .collect();
            let mut seen = Vec::new();
            for (page, actions) in &screens {
                let mut app = crate::app::App::new(page, &crate::i18n::EN);
                app.update(Action::Resize {
                    width: 80,
                    height: 24,
                });
                for action in actions {
                    app.update(action.clone());
                }
                while app.is_busy() {
                    app.update(Action::ContinueSearch);
                }
                for colour in colours_drawn(&app, &theme) {
                    assert!(ours.contains(&colour), "{palette:?}: {colour:?}");
                    seen.push(colour);
                }
            }
            for colour in &ours {
                assert!(seen.contains(colour), "{palette:?}: {colour:?} never drawn");
            }
        }
    }

    #[test]
    fn mono_uses_no_colour_but_still_marks() {
        let t = Theme::mono();
        assert!(
            t.styles()
                .iter()
                .all(|(_, s)| s.fg.is_none() && s.bg.is_none())
        );
        assert!(t.tab_selected.add_modifier.contains(Modifier::REVERSED));
        assert!(t.banner.add_modifier.contains(Modifier::REVERSED));
        assert!(t.hit.add_modifier.contains(Modifier::UNDERLINED));
        assert_ne!(t.hit, t.current_hit);
    }

    #[test]
    fn colour_keeps_the_terminal_background() {
        for t in [Theme::dark(), Theme::light()] {
            let with_background: Vec<_> = t
                .styles()
                .into_iter()
                .filter(|(_, s)| s.bg.is_some())
                .map(|(name, _)| name)
                .collect();
            assert_eq!(with_background, ["hit", "current_hit"]);
            assert!(
                t.tab_selected.add_modifier.contains(Modifier::REVERSED),
                "reverse video, not a fixed background"
            );
        }
    }
}
