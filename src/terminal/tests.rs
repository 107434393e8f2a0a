//! The fast backend writes byte for byte what ratatui's crossterm backend writes for
//! the same cells: both draw into memory and the bytes are compared.

use std::cell::RefCell;
use std::io::{self, Write};
use std::rc::Rc;

use proptest::prelude::*;
use ratatui::Terminal;
use ratatui::backend::{Backend, CrosstermBackend, TestBackend};
use ratatui::buffer::{Buffer, Cell};
use ratatui::layout::Rect;
use ratatui::style::{Color, Modifier, Style};

use super::DirectBackend;
use crate::action::Action;
use crate::app::App;
use crate::i18n::EN;
use crate::theme::Theme;

/// A writer whose bytes stay readable after the backend that owns it took it.
#[derive(Clone, Default)]
struct Shared(Rc<RefCell<Vec<u8>>>);

impl Write for Shared {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.0.borrow_mut().extend_from_slice(buf);
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

/// What each backend writes for `cells`: (crossterm's, ours).
fn both(cells: &[(u16, u16, Cell)]) -> (Vec<u8>, Vec<u8>) {
    let (theirs, ours) = (Shared::default(), Shared::default());
    CrosstermBackend::new(theirs.clone())
        .draw(cells.iter().map(|(x, y, c)| (*x, *y, c)))
        .expect("crossterm draws");
    DirectBackend::new(ours.clone())
        .draw(cells.iter().map(|(x, y, c)| (*x, *y, c)))
        .expect("the fast backend draws");
    (theirs.0.take(), ours.0.take())
}

fn assert_same(cells: &[(u16, u16, Cell)]) {
    let (theirs, ours) = both(cells);
    assert_eq!(
        String::from_utf8_lossy(&ours),
        String::from_utf8_lossy(&theirs)
    );
    assert_eq!(ours, theirs);
}

fn cell(symbol: &str, style: Style) -> Cell {
    let mut c = Cell::default();
    c.set_symbol(symbol).set_style(style);
    c
}

/// The changes from `prev` to `next` as the terminal would draw them.
fn diff(prev: &Buffer, next: &Buffer) -> Vec<(u16, u16, Cell)> {
    prev.diff_iter(next)
        .map(|(x, y, c)| (x, y, c.clone()))
        .collect()
}

#[test]
fn a_representative_diff() {
    let area = Rect::new(0, 0, 24, 4);
    let prev = Buffer::empty(area);
    let mut next = Buffer::empty(area);
    let bold_red = Style::new().fg(Color::Red).add_modifier(Modifier::BOLD);
    next.set_string(0, 0, "Judul", bold_red);
    next.set_string(
        6,
        0,
        "コミ 🎬 e\u{301}",
        Style::new().bg(Color::Rgb(1, 2, 3)),
    );
    next.set_string(
        20,
        0,
        "x",
        Style::new()
            .fg(Color::Indexed(200))
            .add_modifier(Modifier::DIM),
    );
    next.set_string(
        2,
        1,
        "under",
        Style::new()
            .underline_color(Color::LightBlue)
            .add_modifier(Modifier::UNDERLINED | Modifier::ITALIC | Modifier::REVERSED),
    );
    next.set_string(12, 1, "plain", Style::new());
    next.set_string(
        0,
        3,
        "all",
        Style::new()
            .add_modifier(Modifier::all())
            .fg(Color::White)
            .bg(Color::Black),
    );
    next.set_string(5, 3, "some", Style::new().add_modifier(Modifier::DIM));
    let cells = diff(&prev, &next);
    assert_same(&cells);
    // And back: cells blanked, colours and attributes removed.
    assert_same(&diff(&next, &prev));
}

#[test]
fn intensity_resets_put_back_what_stays() {
    let steps = [
        Modifier::BOLD | Modifier::DIM,
        Modifier::DIM,
        Modifier::BOLD,
        Modifier::empty(),
        Modifier::BOLD | Modifier::ITALIC,
        Modifier::DIM | Modifier::SLOW_BLINK,
        Modifier::RAPID_BLINK | Modifier::CROSSED_OUT | Modifier::HIDDEN,
        Modifier::REVERSED,
        Modifier::empty(),
    ];
    let cells: Vec<_> = steps
        .iter()
        .enumerate()
        .map(|(x, &m)| (x as u16, 0, cell("a", Style::new().add_modifier(m))))
        .collect();
    assert_same(&cells);
}

#[test]
fn an_empty_frame_only_resets() {
    assert_same(&[]);
    assert_eq!(both(&[]).1, b"\x1b[39m\x1b[49m\x1b[59m\x1b[0m");
}

#[test]
fn whole_screens_of_the_viewer() {
    let page = crate::loader::parse(&crate::loader::bundled()).expect("the bundled page");
    let screens = [
        vec![],
        vec![Action::ReviewsTab],
        vec![Action::NextTab],
        vec![Action::ToggleHelp],
        vec![Action::StartSearch, Action::SearchInput('a')],
    ];
    for theme in [Theme::color(), Theme::mono()] {
        let mut prev = Buffer::empty(Rect::new(0, 0, 80, 24));
        for actions in &screens {
            let mut app = App::new(&page, &EN);
            app.update(Action::Resize {
                width: 80,
                height: 24,
            });
            for &a in actions {
                app.update(a);
            }
            let mut terminal = Terminal::new(TestBackend::new(80, 24)).expect("test terminal");
            terminal
                .draw(|frame| crate::ui::draw(frame, &app, &theme))
                .expect("draw");
            let next = terminal.backend().buffer().clone();
            assert_same(&diff(&Buffer::empty(next.area), &next));
            assert_same(&diff(&prev, &next));
            prev = next;
        }
    }
}

fn color() -> impl Strategy<Value = Color> {
    prop_oneof![
        (0u8..17).prop_map(|i| match i {
            0 => Color::Reset,
            1 => Color::Black,
            2 => Color::Red,
            3 => Color::Green,
            4 => Color::Yellow,
            5 => Color::Blue,
            6 => Color::Magenta,
            7 => Color::Cyan,
            8 => Color::Gray,
            9 => Color::DarkGray,
            10 => Color::LightRed,
            11 => Color::LightGreen,
            12 => Color::LightYellow,
            13 => Color::LightBlue,
            14 => Color::LightMagenta,
            15 => Color::LightCyan,
            _ => Color::White,
        }),
        any::<u8>().prop_map(Color::Indexed),
        any::<(u8, u8, u8)>().prop_map(|(r, g, b)| Color::Rgb(r, g, b)),
    ]
}

fn any_cell() -> impl Strategy<Value = Cell> {
    let symbol = prop_oneof![
        Just(" "),
        Just("a"),
        Just("Z"),
        Just("コ"),
        Just("🎬"),
        Just("e\u{301}"),
        Just("─"),
        Just(""),
    ];
    (symbol, color(), color(), color(), any::<u16>()).prop_map(|(s, fg, bg, ul, bits)| {
        let mut c = Cell::default();
        c.set_symbol(s);
        c.fg = fg;
        c.bg = bg;
        c.underline_color = ul;
        c.modifier = Modifier::from_bits_truncate(bits);
        c
    })
}

proptest! {
    #[test]
    fn random_cells_write_the_same_bytes(
        steps in prop::collection::vec((0u16..4, 0u16..3, any_cell(), any::<bool>()), 0..60)
    ) {
        // Cells in screen order, often next to each other, sometimes further on or
        // on a later row; a cell often keeps the style of the one before.
        let (mut x, mut y) = (0u16, 0u16);
        let mut cells: Vec<(u16, u16, Cell)> = Vec::new();
        for (dx, dy, mut c, same_style) in steps {
            if dy > 1 {
                y += 1;
                x = dx;
            } else {
                x += 1 + dx / 3;
            }
            if same_style && let Some((_, _, before)) = cells.last() {
                let symbol = c.symbol().to_owned();
                c = before.clone();
                c.set_symbol(&symbol);
            }
            cells.push((x, y, c));
        }
        let (theirs, ours) = both(&cells);
        prop_assert_eq!(ours, theirs);
    }
}

// A whole frame onto a blank screen (`super::blank`): the same cells as ratatui's
// diff against a blank buffer, and the same screen on a terminal emulator, in fewer
// bytes.

/// What a terminal emulator shows after `bytes`, cell by cell: the text, the
/// colours and the attributes it tracks. A cell never written and one written with
/// a plain space look the same, and count as the same.
fn emulated(bytes: &[u8], area: Rect) -> Vec<(String, vt100::Color, vt100::Color, [bool; 5])> {
    let size = |n: u16| std::num::NonZeroU16::new(n).expect("a screen of some size");
    let mut parser = vt100::Parser::new(size(area.height), size(area.width), 0);
    parser.process(bytes);
    let screen = parser.screen();
    let mut cells = Vec::new();
    for row in 0..area.height {
        for col in 0..area.width {
            let c = screen.cell(row, col).expect("a cell inside the screen");
            let text = if c.has_contents() { c.contents() } else { " " };
            cells.push((
                text.to_owned(),
                c.fgcolor(),
                c.bgcolor(),
                [c.bold(), c.dim(), c.italic(), c.underline(), c.inverse()],
            ));
        }
    }
    cells
}

/// (what ratatui's diff against a blank buffer writes, what the blank writer writes)
fn onto_blank(buf: &Buffer) -> (Vec<u8>, Vec<u8>) {
    let mut theirs = Vec::new();
    super::cells::write(&mut theirs, Buffer::empty(buf.area).diff_iter(buf)).expect("diff");
    let mut ours = Vec::new();
    super::blank::write(&mut ours, buf).expect("whole frame");
    (theirs, ours)
}

/// ratatui's cells for `buf` onto a blank screen, each written after a move to its
/// place: the screen they mean, whatever width a terminal gives a symbol. (Written
/// as ratatui's backend does, a cell that directly follows a wide one lands where
/// the terminal's cursor is.)
fn each_in_its_place(buf: &Buffer) -> Vec<u8> {
    let mut w = Vec::new();
    let mut pen = super::cells::Pen::default();
    for (x, y, cell) in Buffer::empty(buf.area).diff_iter(buf) {
        super::cells::move_to(&mut w, x, y);
        pen.put(&mut w, cell).expect("into memory");
    }
    super::cells::finish(&mut w);
    w
}

/// The blank writer's screen is the one ratatui's cells mean.
fn assert_same_screen(buf: &Buffer) {
    let (_, ours) = onto_blank(buf);
    let theirs = each_in_its_place(buf);
    let (ours, theirs) = (emulated(&ours, buf.area), emulated(&theirs, buf.area));
    let width = usize::from(buf.area.width);
    if let Some(i) = (0..ours.len()).find(|&i| ours[i] != theirs[i]) {
        panic!(
            "at column {}, row {}: {:?}, where ratatui's diff shows {:?}",
            i % width,
            i / width,
            ours[i],
            theirs[i]
        );
    }
}

/// The blank writer's cells, as ratatui's diff gives them.
fn blank_changes(buf: &Buffer) -> Vec<(u16, u16)> {
    let mut changes = super::blank::Changes::new(buf);
    std::iter::from_fn(|| changes.next_cell())
        .map(|(i, symbol)| {
            assert_eq!(symbol, buf.content[i].symbol());
            buf.pos_of(i)
        })
        .collect()
}

#[test]
fn whole_screens_of_the_viewer_onto_a_blank_screen() {
    let page = crate::loader::parse(&crate::loader::bundled()).expect("the bundled page");
    for (width, height) in [(80, 24), (40, 12), (20, 6), (200, 60)] {
        for actions in [
            vec![],
            vec![Action::ReviewsTab],
            vec![Action::ToggleHelp],
            vec![Action::StartSearch, Action::SearchInput('a')],
        ] {
            for theme in [Theme::color(), Theme::mono()] {
                let mut app = App::new(&page, &EN);
                app.update(Action::Resize { width, height });
                for &a in &actions {
                    app.update(a);
                }
                let mut buf = Buffer::empty(Rect::new(0, 0, width, height));
                crate::ui::render(&mut buf, &app, &theme);
                assert_eq!(
                    blank_changes(&buf),
                    Buffer::empty(buf.area)
                        .diff(&buf)
                        .iter()
                        .map(|(x, y, _)| (*x, *y))
                        .collect::<Vec<_>>()
                );
                assert_same_screen(&buf);
                let (theirs, ours) = onto_blank(&buf);
                assert_eq!(emulated(&ours, buf.area), emulated(&theirs, buf.area));
                assert!(
                    ours.len() < theirs.len(),
                    "{width}x{height} {actions:?}: {} bytes, ratatui's diff {}",
                    ours.len(),
                    theirs.len()
                );
            }
        }
    }
}

#[test]
fn a_screen_of_no_cells_writes_only_the_reset() {
    for area in [Rect::ZERO, Rect::new(0, 0, 0, 5), Rect::new(0, 0, 7, 0)] {
        let (theirs, ours) = onto_blank(&Buffer::empty(area));
        assert_eq!(ours, theirs);
        assert_eq!(ours, b"\x1b[39m\x1b[49m\x1b[59m\x1b[0m");
    }
}

#[test]
fn blank_runs_between_words_are_spaces_and_long_ones_a_move() {
    let mut buf = Buffer::empty(Rect::new(0, 0, 30, 2));
    buf.set_string(0, 0, "a  b", Style::new());
    buf.set_string(20, 0, "c", Style::new());
    buf.set_string(0, 1, "d", Style::new().fg(Color::Red));
    buf.set_string(3, 1, "e", Style::new().fg(Color::Red));
    let (_, ours) = onto_blank(&buf);
    let text = String::from_utf8_lossy(&ours);
    // Two blanks after `a` written as spaces, eleven after `b` moved over, and the
    // blanks between the red letters moved over too: a space there would be
    // written in the pen's colours, and red blanks are not blank.
    assert!(
        text.starts_with("\x1b[1;1Ha  b\x1b[1;21Hc\x1b[2;1H"),
        "{text:?}"
    );
    assert!(text.contains("d\x1b[2;4He"), "{text:?}");
    assert_same_screen(&buf);
}

fn any_style() -> impl Strategy<Value = Style> {
    prop_oneof![
        Just(Style::new()),
        Just(Style::new().fg(Color::Red)),
        Just(Style::new().bg(Color::Blue)),
        Just(Style::new().add_modifier(Modifier::REVERSED)),
        Just(Style::new().add_modifier(Modifier::BOLD | Modifier::UNDERLINED)),
        color().prop_map(|c| Style::new().fg(c)),
    ]
}

fn any_text() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        Just(" "),
        Just("  "),
        Just("word"),
        Just("a"),
        Just("コミ"),
        Just("🎬"),
        Just("e\u{301}"),
        Just("─"),
        Just("❤\u{fe0f}"),
        Just("         "),
    ];
    prop::collection::vec(piece, 1..6).prop_map(|p| p.concat())
}

/// A buffer drawn the way the viewer draws: strings put in at places, some
/// overwriting others, in a few styles; and now and then a cell ratatui's diff
/// treats specially (skipped, or of a forced width).
fn any_buffer() -> impl Strategy<Value = Buffer> {
    (
        1u16..30,
        1u16..6,
        prop::collection::vec((0u16..30, 0u16..6, any_text(), any_style()), 0..12),
        prop::collection::vec((0u16..30, 0u16..6, 0u8..2), 0..2),
    )
        .prop_map(|(width, height, strings, specials)| {
            let mut buf = Buffer::empty(Rect::new(0, 0, width, height));
            for (x, y, text, style) in strings {
                if x < width && y < height {
                    buf.set_stringn(x, y, text, usize::from(width - x), style);
                }
            }
            for (x, y, kind) in specials {
                if x < width && y < height {
                    let option = if kind == 0 {
                        ratatui::buffer::CellDiffOption::Skip
                    } else {
                        ratatui::buffer::CellDiffOption::ForcedWidth(std::num::NonZeroU16::MIN)
                    };
                    buf[(x, y)].set_diff_option(option);
                }
            }
            buf
        })
}

proptest! {
    #[test]
    fn the_blank_writer_takes_the_cells_ratatui_would(buf in any_buffer()) {
        let theirs: Vec<(u16, u16)> = Buffer::empty(buf.area)
            .diff(&buf)
            .iter()
            .map(|(x, y, _)| (*x, *y))
            .collect();
        prop_assert_eq!(blank_changes(&buf), theirs);
    }

    #[test]
    fn the_blank_writer_shows_the_same_screen(buf in any_buffer()) {
        // Skipped cells are someone else's to draw: left out of this comparison.
        let plain = buf.content.iter().all(|c| {
            c.diff_option == ratatui::buffer::CellDiffOption::None
        });
        prop_assume!(plain);
        let (_, ours) = onto_blank(&buf);
        let theirs = each_in_its_place(&buf);
        prop_assert_eq!(emulated(&ours, buf.area), emulated(&theirs, buf.area));
    }
}
