//! The screen: the layout of every hostile page on a `TestBackend` at sizes down to
//! 1×1, and the viewer in a pseudo-terminal, its whole output replayed through vt100 to
//! see that the page never made the terminal do anything.

use std::path::Path;

use layar::action::Action;
use layar::app::App;
use layar::i18n::EN;
use layar::loader::{self, Limits};
use layar::ratatui::Terminal;
use layar::ratatui::backend::TestBackend;
use layar::ratatui::buffer::Buffer;
use layar::screen;
use layar::text::width::{str_width, truncate_with_ellipsis};
use layar::theme::Theme;

use super::{acts_on_terminal, all_pages, fixture, long_word_page};
use crate::pty::{END, Session};

/// Draws `app` at its size; checks the cells and that nothing spills out of the text
/// column, and returns the buffer.
fn draw_checked(app: &App<'_>, theme: &Theme, what: &str) -> Buffer {
    let size = app.size();
    let mut terminal =
        Terminal::new(TestBackend::new(size.width, size.height)).expect("test terminal");
    terminal
        .draw(|frame| layar::ui::draw(frame, app, theme))
        .expect("draw");
    let buf = terminal.backend().buffer().clone();
    for cell in &buf.content {
        assert!(
            !cell.symbol().chars().any(acts_on_terminal),
            "{what}: a cell holds {:?}",
            cell.symbol()
        );
    }
    if let Some(r) = screen::regions(size) {
        let rule: String = (0..size.width)
            .map(|x| buf[(x, r.rule.y)].symbol())
            .collect();
        assert_eq!(
            rule,
            "─".repeat(usize::from(size.width)),
            "{what}: the rule"
        );
        for y in r.body.y..r.body.bottom() {
            for x in r.text.right()..r.scrollbar.x {
                assert_eq!(
                    buf[(x, y)].symbol(),
                    " ",
                    "{what}: ({x}, {y}) outside the text"
                );
            }
        }
    }
    buf
}

#[test]
fn the_layout_stays_inside_its_box_on_every_page() {
    let theme = Theme::dark();
    for page_path in all_pages() {
        let page = loader::load(
            &Path::new(env!("CARGO_MANIFEST_DIR")).join(&page_path),
            Limits::default(),
        )
        .expect("the hostile page loads");
        for (w, h) in [(80, 24), (40, 12), (21, 7), (20, 6), (19, 5), (1, 1)] {
            let mut app = App::new(&page, &EN);
            app.update(Action::Resize {
                width: w,
                height: h,
            });
            let tabs = app.sections().count();
            for tab in 0..tabs {
                for action in [
                    Action::Top,
                    Action::PageDown,
                    Action::Bottom,
                    Action::LineUp,
                ] {
                    app.update(action);
                    draw_checked(&app, &theme, &format!("{page_path} {w}×{h} tab {tab}"));
                }
                app.update(Action::CycleTab);
            }
        }
    }
}

// ---------------------------------------------------------------------------------
// The viewer in a pseudo-terminal

/// What a terminal was asked to do besides drawing, as vt100 reads it.
#[derive(Debug, Default)]
struct Requests {
    clipboard: Vec<Vec<u8>>,
    bells: usize,
    resizes: usize,
    unhandled_controls: Vec<u8>,
    unhandled_escapes: Vec<u8>,
}

impl vt100::Callbacks for Requests {
    fn audible_bell(&mut self, _: &mut vt100::Screen) {
        self.bells += 1;
    }
    fn visual_bell(&mut self, _: &mut vt100::Screen) {
        self.bells += 1;
    }
    fn resize(&mut self, _: &mut vt100::Screen, _: (u16, u16)) {
        self.resizes += 1;
    }
    fn copy_to_clipboard(&mut self, _: &mut vt100::Screen, _: &[u8], data: &[u8]) {
        self.clipboard.push(data.to_vec());
    }
    fn paste_from_clipboard(&mut self, _: &mut vt100::Screen, ty: &[u8]) {
        self.clipboard.push(ty.to_vec());
    }
    fn unhandled_control(&mut self, _: &mut vt100::Screen, b: u8) {
        self.unhandled_controls.push(b);
    }
    fn unhandled_escape(&mut self, _: &mut vt100::Screen, _: Option<u8>, _: Option<u8>, b: u8) {
        self.unhandled_escapes.push(b);
    }
}

/// The window titles set with OSC 0 or 2, up to BEL or ST.
fn titles_set(raw: &str) -> Vec<&str> {
    let mut titles = Vec::new();
    for intro in ["\x1b]0;", "\x1b]2;"] {
        for (at, _) in raw.match_indices(intro) {
            let rest = &raw[at + intro.len()..];
            let end = rest.find(['\x07', '\x1b']).unwrap_or(rest.len());
            titles.push(&rest[..end]);
        }
    }
    titles
}

/// The viewer's own question for the terminal's background colour (OSC 11, ended by
/// ST), sent once with its set-up: the one string besides the titles it writes.
const BACKGROUND_QUERY: &[u8] = b"\x1b]11;?\x1b\\";

/// Checks a viewer's whole output: nothing from the page acts on the terminal.
fn assert_inert(raw: &[u8], title: &str, what: &str) {
    let asked = raw
        .windows(BACKGROUND_QUERY.len())
        .position(|w| w == BACKGROUND_QUERY);
    let at = asked.unwrap_or_else(|| panic!("{what}: the background is asked once"));
    let raw = &[&raw[..at], &raw[at + BACKGROUND_QUERY.len()..]].concat();
    assert!(
        !raw.windows(BACKGROUND_QUERY.len())
            .any(|w| w == BACKGROUND_QUERY),
        "{what}: the background asked twice"
    );
    let mut parser = vt100::Parser::new_with_callbacks(
        std::num::NonZeroU16::new(24).expect("24"),
        std::num::NonZeroU16::new(80).expect("80"),
        0,
        Requests::default(),
    );
    parser.process(raw);
    let requests = parser.callbacks();
    assert!(
        requests.clipboard.is_empty(),
        "{what}: clipboard {requests:?}"
    );
    assert_eq!(requests.bells, 0, "{what}: bell");
    assert_eq!(requests.resizes, 0, "{what}: window resize");
    assert!(
        requests.unhandled_controls.is_empty(),
        "{what}: {requests:?}"
    );
    assert!(
        requests.unhandled_escapes.is_empty(),
        "{what}: {requests:?}"
    );

    let raw = String::from_utf8_lossy(raw);
    for sequence in [
        "\x1b]52",
        "\x1b]8;",
        "\x1bP",
        "\x1bc",
        "\x1b\\",
        "\x1b[21t",
        "\x1b[6n",
        "\x1b[38;5;196m",
    ] {
        assert!(
            !raw.contains(sequence),
            "{what}: {sequence:?} reached the terminal"
        );
    }
    let foreign: Vec<char> = raw
        .chars()
        .filter(|&c| acts_on_terminal(c) && !matches!(c, '\x1b' | '\x07' | '\r' | '\x08'))
        .collect();
    assert_eq!(foreign, [] as [char; 0], "{what}");
    let titles = titles_set(&raw);
    assert!(!titles.is_empty(), "{what}: no window title");
    // The page's title, cut to 80 columns (the long word's 20,000 are not sent whole).
    let expected = format!("{} — layar", truncate_with_ellipsis(title, 80));
    assert!(
        str_width(&expected) <= 80 + str_width(" — layar"),
        "{what}: {expected}"
    );
    assert!(
        titles.iter().all(|t| *t == expected),
        "{what}: titles {titles:?}"
    );
    assert_eq!(
        raw.matches('\x07').count(),
        titles.len(),
        "{what}: a stray BEL"
    );
}

#[test]
fn the_viewer_passes_nothing_from_the_page_to_the_terminal() {
    for page_path in all_pages() {
        let page = loader::load(
            &Path::new(env!("CARGO_MANIFEST_DIR")).join(&page_path),
            Limits::default(),
        )
        .expect("the hostile page loads");
        let mut s = Session::start(&["--lang", "en", &page_path], 80, 24);
        s.wait_for("the footer", |sc| sc.contents().contains("quit"));
        // Every tab, its end, the help, and a search that finds the payloads.
        for _ in 0..3 {
            s.send(END);
            s.send("\t");
        }
        s.send("?");
        s.send("?");
        s.send("/payload\r");
        s.wait_for("the search", |sc| {
            let shown = sc.contents();
            shown.contains("/payload") || shown.contains(EN.no_matches)
        });
        s.send("n");
        s.send("q");
        assert_eq!(s.wait_exit(), 0, "{page_path}");
        assert_inert(&s.raw(), &page.title, &page_path);
    }
}

#[test]
fn text_of_unusual_widths_keeps_its_column_on_a_real_terminal() {
    // Combining marks and a very long word, as vt100 draws them (it measures ZWJ emoji
    // sequences per character, unlike layar and most terminals, so those are checked
    // on the TestBackend instead).
    let (long, _) = long_word_page();
    for page in [fixture("combining-marks.yaml"), long] {
        let mut s = Session::start(&["--lang", "en", &page], 80, 24);
        let tidy = |sc: &vt100::Screen| {
            let rule = sc.contents_between(2, 0, 2, 80);
            let gap_clear = (3..23).all(|row| {
                sc.cell(row, 78)
                    .is_some_and(|c| c.contents().trim().is_empty() && !c.is_wide_continuation())
            });
            rule == "─".repeat(80) && gap_clear
        };
        s.wait_for("a tidy first screen", |sc| {
            sc.contents().contains("quit") && tidy(sc)
        });
        s.send(END);
        s.wait_for("a tidy last screen", |sc| {
            let shown = sc.contents();
            (shown.contains("Bot") || shown.contains("All")) && tidy(sc)
        });
        s.send("\t");
        s.wait_for("a tidy reviews tab", |sc| {
            sc.contents().contains("review 1/1") && tidy(sc)
        });
        s.send("q");
        assert_eq!(s.wait_exit(), 0);
    }
}
