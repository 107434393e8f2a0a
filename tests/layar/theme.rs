//! `--theme`: the palette follows the background the terminal reports (OSC 11), and
//! the answer never reaches the keys.

use layar::ratatui::style::Color;
use layar::theme::Theme;

use crate::pty::{Answer, Session};

/// The question for the background colour, as the terminal receives it.
const QUERY: &[u8] = b"\x1b]11;?";

/// A terminal with a white background, answering as xterm does.
fn white() -> Answer {
    Answer {
        query: QUERY,
        answer: b"\x1b]11;rgb:ffff/ffff/ffff\x1b\\".to_vec(),
    }
}

/// A colour of the theme's as vt100 reads it back (the palettes use the 256-colour
/// table only).
fn on_screen(color: Color) -> vt100::Color {
    match color {
        Color::Indexed(i) => vt100::Color::Idx(i),
        Color::Rgb(r, g, b) => vt100::Color::Rgb(r, g, b),
        other => panic!("a palette colour of the terminal's: {other:?}"),
    }
}

/// The colours of `all`, each once (vt100's colours are neither ordered nor hashed).
fn distinct(all: impl Iterator<Item = vt100::Color>) -> Vec<vt100::Color> {
    let mut out = Vec::new();
    for colour in all {
        if !out.contains(&colour) {
            out.push(colour);
        }
    }
    out
}

/// Every colour a theme draws with, foreground or background.
fn colours(theme: &Theme) -> Vec<vt100::Color> {
    distinct(
        theme
            .styles()
            .into_iter()
            .flat_map(|(_, s)| [s.fg, s.bg])
            .flatten()
            .map(on_screen),
    )
}

/// The colours of `shown` that are not `theme`'s.
fn foreign(shown: &[vt100::Color], theme: &Theme) -> Vec<vt100::Color> {
    let ours = colours(theme);
    shown
        .iter()
        .filter(|c| !ours.contains(c))
        .copied()
        .collect()
}

/// The title's colour in a theme.
fn title(theme: &Theme) -> vt100::Color {
    let (_, style) = theme
        .styles()
        .into_iter()
        .find(|(name, _)| *name == "title")
        .expect("a title style");
    on_screen(style.fg.expect("a coloured title"))
}

/// Every colour the screen shows, but the terminal's own.
fn shown(screen: &vt100::Screen) -> Vec<vt100::Color> {
    let (rows, cols) = screen.size();
    distinct(
        (0..rows.get())
            .flat_map(|row| (0..cols.get()).map(move |col| (row, col)))
            .filter_map(|(row, col)| screen.cell(row, col))
            .flat_map(|cell| [cell.fgcolor(), cell.bgcolor()])
            .filter(|c| *c != vt100::Color::Default),
    )
}

/// The title's colour on screen (it starts in the second column).
fn title_shown(screen: &vt100::Screen) -> Option<vt100::Color> {
    screen.cell(0, 1).map(vt100::Cell::fgcolor)
}

#[test]
fn a_white_background_gets_the_light_palette_and_no_key_from_the_answer() {
    let (light, dark) = (Theme::light(), Theme::dark());
    assert_ne!(title(&light), title(&dark));
    let mut s = Session::start_answering(&[], 80, 24, &[], vec![white()]);
    // The screen is drawn again with the answer: waited for whole, every colour on it
    // the light palette's.
    s.wait_for("the whole screen in the light palette", |sc| {
        title_shown(sc) == Some(title(&light))
            && foreign(&shown(sc), &light).is_empty()
            && sc.contents().contains("Atas")
    });
    let colours_shown = s.screen(shown);
    // The title's and the footer's hints'.
    assert!(colours_shown.len() >= 2, "{colours_shown:?}");
    // Had the answer's keys acted, `r` would have opened the reviews and `/` the
    // search prompt (taking the `q` below as text).
    let contents = s.contents();
    assert!(s.row(3).starts_with(" 518 kata · 3 menit"), "{contents}");
    assert!(s.row(23).contains("q keluar"), "{contents}");
    assert!(!contents.contains("ffff"), "{contents}");
    s.send("q");
    assert_eq!(s.wait_exit(), 0);
}

#[test]
fn a_terminal_that_never_answers_gets_the_dark_palette_at_once() {
    let mut s = Session::start(&["--tab", "reviews"], 80, 24);
    // The question leaves before the first screen, which is whole and dark from the
    // start: nothing waits for an answer that does not come.
    s.wait_for_text("Ulasan");
    let raw = s.raw();
    let asked = raw.windows(QUERY.len()).position(|w| w == QUERY);
    let drawn = raw.windows(6).position(|w| w == b"Ulasan");
    assert!(asked.is_some() && asked < drawn, "{:?}", s.output_since(0));
    s.wait_for("the title", |sc| {
        title_shown(sc) == Some(title(&Theme::dark()))
    });
    s.wait_for_text("Ulasan (0)");
    assert_eq!(foreign(&s.screen(shown), &Theme::dark()), []);
    s.send("q");
    assert_eq!(s.wait_exit(), 0);
}

#[test]
fn a_named_theme_or_no_colour_asks_nothing() {
    for (args, env, expected) in [
        (&["--theme", "light"][..], &[][..], Some(Theme::light())),
        (&["--theme", "dark"], &[], Some(Theme::dark())),
        (&[], &[("NO_COLOR", "1")], None),
        (&["--color", "never", "--theme", "light"], &[], None),
    ] {
        // The terminal would say white: only auto may take it.
        let mut s = Session::start_answering(args, 80, 24, env, vec![white()]);
        s.wait_for_text("Atas");
        match &expected {
            Some(theme) => s.wait_for("the title's colour", |sc| {
                title_shown(sc) == Some(title(theme))
            }),
            None => assert!(s.screen(shown).is_empty(), "{args:?} {env:?}"),
        }
        s.send("q");
        assert_eq!(s.wait_exit(), 0, "{args:?}");
        let raw = s.raw();
        assert!(
            !raw.windows(QUERY.len()).any(|w| w == QUERY),
            "{args:?} {env:?} asked"
        );
    }
}

#[test]
fn print_asks_nothing() {
    let mut s = Session::start_answering(&["--print"], 80, 24, &[], vec![white()]);
    assert_eq!(s.wait_exit(), 0);
    let raw = s.raw();
    assert!(String::from_utf8_lossy(&raw).contains("Di Balik Layar"));
    assert!(!raw.windows(QUERY.len()).any(|w| w == QUERY));
}

#[test]
fn the_graphics_query_takes_the_background_answer_it_finds_waiting() {
    // Opened on the screenshots of a page with pictures, the graphics are asked at
    // once, and the answer about the background may be read with theirs.
    let status = Answer {
        query: b"\x1b[5n",
        answer: b"\x1b[0n".to_vec(),
    };
    let page = "content/examples/senja-di-pelabuhan.yaml";
    let env = [("TERM_PROGRAM", ""), ("LC_TERMINAL", ""), ("TMUX", "")];
    let mut s = Session::start_answering(
        &["--tab", "screenshots", page],
        80,
        24,
        &env,
        vec![white(), status],
    );
    s.wait_for("the title in the light palette", |sc| {
        title_shown(sc) == Some(title(&Theme::light()))
    });
    s.wait_for_text("gambar 1/3");
    assert!(s.row(23).contains("q keluar"), "{}", s.contents());
    s.send("q");
    assert_eq!(s.wait_exit(), 0);
}
