//! The pictures in the screenshot cards: each card's picture drawn in the rows its
//! card keeps for it (only the rows on screen, with ratatui-image's `SlicedImage`),
//! or, until it is made, `loading image…`, or what is wrong with the file.
//!
//! Sixel and iTerm2 pictures are painted by the terminal over cells that ratatui is
//! told to leave alone, and stay there until those cells are written again: ratatui
//! does not rewrite a cell whose text has not changed. [`refresh`] marks the cells a
//! picture covered in the frame before and does not cover now, so they are written
//! and the picture goes (when the tab changes, a card scrolls off, the help opens).

use ratatui::buffer::{Buffer, CellDiffOption};
use ratatui::layout::Rect;
use ratatui::widgets::Widget;
use ratatui_image::sliced::{SignedPosition, SlicedImage};

use crate::app::App;
use crate::keymap::Mode;
use crate::layout::LineRef;
use crate::picture::cache::Shown;
use crate::picture::geometry::Cells;
use crate::picture::worker::Protocol;
use crate::screen::Regions;
use crate::text::width::{str_width, truncate_with_ellipsis};
use crate::theme::Theme;

/// Where one card's picture shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Placement {
    /// The card (block) it belongs to.
    pub card: usize,
    /// The picture's size in cells.
    pub cells: Cells,
    /// The part of it on screen.
    pub area: Rect,
    /// Its rows above the screen.
    pub skip: u16,
}

/// Where the pictures of the cards on screen go: a pure function of the app's state,
/// for the drawing and for [`painted`].
pub fn placements(app: &App<'_>, regions: &Regions) -> Vec<Placement> {
    let text = regions.text;
    let inner = text.width.saturating_sub(4);
    let mut out: Vec<Placement> = Vec::new();
    let rows = app
        .pane()
        .visible()
        .into_iter()
        .take(usize::from(text.height));
    for (i, shown) in rows.enumerate() {
        let (LineRef::Picture { row }, Some(cells)) = (shown.line, shown.wrapped.picture) else {
            continue;
        };
        let block = shown.block;
        let y = text.y + i as u16;
        match out.last_mut() {
            Some(p) if p.card == block => p.area.height += 1,
            _ => {
                let x = text.x + 2 + inner.saturating_sub(cells.cols) / 2;
                out.push(Placement {
                    card: block,
                    cells,
                    area: Rect::new(x, y, cells.cols.min(inner), 1),
                    skip: row,
                });
            }
        }
    }
    out
}

/// Draws the pictures of the cards on screen.
pub fn render(buf: &mut Buffer, regions: &Regions, app: &App<'_>, theme: &Theme) {
    let pictures = app.pictures();
    // Under the help overlay only half-blocks are drawn: a picture the terminal paints
    // would cover it, and the cell that carries a kitty picture to the terminal the
    // first time could be one the overlay writes over.
    let hidden = app.mode() == Mode::Help
        && pictures
            .graphics()
            .is_some_and(|g| g.protocol != Protocol::HalfBlocks);
    for placement in placements(app, regions) {
        let area = placement.area;
        match pictures.shown(placement.card, placement.cells) {
            Shown::Picture(_) if hidden => {}
            Shown::Picture(picture) => {
                let skip = i16::try_from(placement.skip).unwrap_or(i16::MAX);
                SlicedImage::new(picture, SignedPosition { x: 0, y: -skip }).render(area, buf);
            }
            Shown::Loading => {
                let strings = app.strings();
                say(buf, regions, &placement, strings.loading_image, theme.empty);
            }
            Shown::Failed(status) => {
                let problem = crate::picture::problem(status, app.strings());
                say(buf, regions, &placement, &problem, theme.image_missing);
            }
        }
    }
}

/// A line of text in the middle of a picture's area (or its nearest row on screen).
fn say(
    buf: &mut Buffer,
    regions: &Regions,
    placement: &Placement,
    text: &str,
    style: ratatui::style::Style,
) {
    let middle = placement.cells.rows / 2;
    let first = placement.skip;
    let last = first + placement.area.height.saturating_sub(1);
    let row = middle.clamp(first, last);
    let y = placement.area.y + (row - first);
    let inner = regions.text.width.saturating_sub(4);
    let text = truncate_with_ellipsis(text, usize::from(inner));
    let x = regions.text.x + 2 + inner.saturating_sub(str_width(&text) as u16) / 2;
    buf.set_stringn(x, y, &text, usize::from(inner), style);
}

/// The areas this frame's pictures are painted over cells in (sixel, iTerm2).
pub fn painted(app: &App<'_>, regions: &Regions) -> Vec<Rect> {
    let pictures = app.pictures();
    let over_cells = pictures
        .graphics()
        .is_some_and(|g| g.protocol.paints_over_cells());
    if !over_cells || app.mode() == Mode::Help {
        return Vec::new();
    }
    placements(app, regions)
        .into_iter()
        .filter(|p| matches!(pictures.shown(p.card, p.cells), Shown::Picture(_)))
        .map(|p| p.area)
        .collect()
}

/// Marks for rewriting the cells of `before` (the areas painted in the last frame)
/// that no area of `now` covers: the terminal still shows the picture there.
pub fn refresh(buf: &mut Buffer, before: &[Rect], now: &[Rect]) {
    let screen = buf.area;
    for area in before {
        let area = area.intersection(screen);
        for y in area.top()..area.bottom() {
            for x in area.left()..area.right() {
                let covered = now.iter().any(|r| r.contains((x, y).into()));
                if !covered {
                    buf[(x, y)].set_diff_option(CellDiffOption::AlwaysUpdate);
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_a_picture_left_are_rewritten_and_those_it_keeps_are_not() {
        let mut buf = Buffer::empty(Rect::new(0, 0, 10, 6));
        let before = [Rect::new(2, 1, 4, 3)];
        let now = [Rect::new(2, 2, 4, 3)];
        refresh(&mut buf, &before, &now);
        let marked: Vec<(u16, u16)> = (0..6)
            .flat_map(|y| (0..10).map(move |x| (x, y)))
            .filter(|&(x, y)| buf[(x, y)].diff_option == CellDiffOption::AlwaysUpdate)
            .collect();
        assert_eq!(marked, [(2, 1), (3, 1), (4, 1), (5, 1)]);
        // Marked cells are written even when their text did not change.
        let blank = Buffer::empty(Rect::new(0, 0, 10, 6));
        assert_eq!(blank.diff(&buf).len(), 4);
    }

    #[test]
    fn an_area_beyond_the_screen_is_clipped() {
        let mut buf = Buffer::empty(Rect::new(0, 0, 4, 2));
        refresh(&mut buf, &[Rect::new(2, 1, 40, 40)], &[]);
        assert_eq!(buf[(3, 1)].diff_option, CellDiffOption::AlwaysUpdate);
    }
}

#[cfg(test)]
mod screens {
    use std::path::Path;

    use ratatui::Terminal;
    use ratatui::backend::TestBackend;
    use ratatui::buffer::Buffer;
    use ratatui::style::Color;

    use crate::action::Action;
    use crate::app::App;
    use crate::i18n::EN;
    use crate::layout::Section;
    use crate::loader;
    use crate::model::Page;
    use crate::picture::cache::{Mode, Pictures};
    use crate::picture::geometry::CellSize;
    use crate::picture::worker::{Graphics, Protocol};
    use crate::theme::Theme;

    /// A page of one screenshot: the red-to-blue gradient (32×8 pixels).
    fn gradient_page() -> Page {
        // Relative, as a page names its images: tests run in the crate's folder.
        let dir = Path::new("tests/fixtures/images").to_path_buf();
        let yaml = "title: Gradient\nsynopsis:\n  text: A gradient.\nscreenshots:\n  items:\n    - caption: Red to blue\n      image: gradient.png\n";
        let source = loader::Source {
            name: "gradient.yaml".into(),
            base_dir: Some(dir),
            text: yaml.into(),
        };
        loader::parse(&source).expect("the page loads")
    }

    fn screen(page: &Page, mode: Mode, width: u16, height: u16) -> Buffer {
        let mut app = App::new(page, &EN).with_pictures(Pictures::new(mode).made_inline());
        app.update(Action::Resize { width, height });
        app.select(Section::Screenshots);
        app.update(Action::CollectPictures);
        let mut terminal = Terminal::new(TestBackend::new(width, height)).expect("terminal");
        terminal
            .draw(|frame| crate::ui::draw(frame, &app, &Theme::dark()))
            .expect("draw");
        terminal.backend().buffer().clone()
    }

    fn text(buf: &Buffer) -> String {
        let area = buf.area;
        (0..area.height)
            .map(|y| {
                let row: String = (0..area.width).map(|x| buf[(x, y)].symbol()).collect();
                row.trim_end().to_owned() + "\n"
            })
            .collect()
    }

    /// Half-blocks at cells of 2×4 pixels: the gradient is 16 columns by 2 rows.
    const HALF_BLOCKS: Mode = Mode::On(Graphics {
        protocol: Protocol::HalfBlocks,
        cell: CellSize {
            width: 2,
            height: 4,
        },
    });

    fn rgb(color: Color) -> (u8, u8, u8) {
        match color {
            Color::Rgb(r, g, b) => (r, g, b),
            other => panic!("not a true colour: {other:?}"),
        }
    }

    #[test]
    fn a_card_shows_its_picture_in_half_blocks_red_on_the_left() {
        let page = gradient_page();
        let buf = screen(&page, HALF_BLOCKS, 40, 12);
        insta::assert_snapshot!("half_blocks_40x12", text(&buf));
        // The picture's 16 columns, centred in the card's 33, from column 3 + 8.
        let (left, right, row) = (11, 26, 5);
        for y in [row, row + 1] {
            // Where both halves of a cell are one colour, it is a blank on that colour.
            let (r, g, b) = rgb(buf[(left, y)].bg);
            assert!(
                r > 200 && g < 30 && b < 60,
                "red on the left: {:?}",
                (r, g, b)
            );
            let (r, g, b) = rgb(buf[(right, y)].bg);
            assert!(
                r < 60 && g < 30 && b > 200,
                "blue on the right: {:?}",
                (r, g, b)
            );
        }
        // From left to right the red falls and the blue rises.
        let reds: Vec<u8> = (left..=right).map(|x| rgb(buf[(x, row)].bg).0).collect();
        assert!(reds.windows(2).all(|w| w[0] >= w[1]), "{reds:?}");
        // The cells beside the picture are the card's own.
        assert_eq!(buf[(left - 1, row)].bg, Color::Reset);
        assert_eq!(buf[(right + 1, row)].bg, Color::Reset);
    }

    #[test]
    fn a_card_waiting_for_its_picture_says_so() {
        let page = gradient_page();
        let buf = screen(&page, Mode::Undecided, 40, 12);
        let screen = text(&buf);
        assert!(screen.contains("loading image…"), "{screen}");
        let row = screen.lines().position(|l| l.contains("loading"));
        // The picture's middle row: half-blocks' cell of 10×20 makes it 4×1.
        assert_eq!(row, Some(5), "in the picture's row:\n{screen}");
    }

    #[test]
    fn the_focused_card_opens_and_the_footer_says_what_came_of_it() {
        let page = gradient_page();
        let mut app = App::new(&page, &EN).with_pictures(Pictures::new(HALF_BLOCKS).made_inline());
        app.update(Action::Resize {
            width: 40,
            height: 12,
        });
        assert_eq!(app.image_to_open(), None, "not on the screenshots tab");
        app.update(Action::GotoTab(2));
        assert_eq!(
            app.image_to_open(),
            Some(Path::new("tests/fixtures/images/gradient.png"))
        );
        // A click on the card's picture is on the card; one on the rule is not.
        assert_eq!(app.card_at(20, 5), Some(0));
        assert_eq!(app.card_at(20, 2), None);
        app.update(Action::ImageOpened(Some("xdg-open".into())));
        let footer = |app: &App<'_>| crate::ui::footer::status(app).0;
        assert_eq!(footer(&app), "opened with xdg-open · image 1/1 · All");
        app.update(Action::LineDown);
        assert_eq!(footer(&app), "image 1/1 · All", "gone with the next key");
        app.update(Action::ImageOpened(None));
        assert!(footer(&app).starts_with("cannot open the image"));
    }

    #[test]
    fn a_kitty_picture_waits_for_the_help_to_close_to_be_sent() {
        let page = gradient_page();
        let kitty = Mode::On(Graphics {
            protocol: Protocol::Kitty,
            cell: CellSize {
                width: 2,
                height: 4,
            },
        });
        let mut app = App::new(&page, &EN).with_pictures(Pictures::new(kitty).made_inline());
        app.update(Action::Resize {
            width: 40,
            height: 12,
        });
        app.update(Action::GotoTab(2));
        app.update(Action::ToggleHelp);
        let sent = |app: &App<'_>| {
            let mut terminal = Terminal::new(TestBackend::new(40, 12)).expect("terminal");
            terminal
                .draw(|frame| crate::ui::draw(frame, app, &Theme::dark()))
                .expect("draw");
            let buf = terminal.backend().buffer().clone();
            buf.content()
                .iter()
                .any(|c| c.symbol().contains("\x1b_Gq=2,i="))
        };
        assert!(!sent(&app), "not under the help");
        app.update(Action::CloseHelp);
        assert!(sent(&app), "sent once the help is closed");
        assert!(!sent(&app), "and only once");
    }

    #[test]
    fn text_cards_keep_no_room() {
        let page = gradient_page();
        let screen = text(&screen(&page, Mode::Off, 40, 12));
        assert!(screen.contains("│ Red to blue"), "{screen}");
        let caption = screen.lines().position(|l| l.contains("Red to blue"));
        let facts = screen.lines().position(|l| l.contains("image:"));
        assert_eq!(facts, caption.map(|c| c + 1), "{screen}");
    }

    /// The modes a page's pictures can be in, each protocol drawn for real.
    fn modes() -> impl proptest::strategy::Strategy<Value = Mode> {
        use proptest::prelude::*;
        let graphics = |protocol| {
            Mode::On(Graphics {
                protocol,
                cell: CellSize {
                    width: 2,
                    height: 4,
                },
            })
        };
        prop_oneof![
            Just(Mode::Off),
            Just(Mode::Undecided),
            Just(graphics(Protocol::HalfBlocks)),
            Just(graphics(Protocol::Kitty)),
            Just(graphics(Protocol::Sixel)),
            Just(graphics(Protocol::Iterm2)),
        ]
    }

    fn actions() -> impl proptest::strategy::Strategy<Value = Action> {
        use proptest::prelude::*;
        prop_oneof![
            Just(Action::LineDown),
            Just(Action::LineUp),
            Just(Action::PageDown),
            Just(Action::Bottom),
            Just(Action::NextReview),
            Just(Action::PreviousReview),
            Just(Action::GotoTab(1)),
            Just(Action::GotoTab(2)),
            Just(Action::ToggleHelp),
            Just(Action::CollectPictures),
            Just(Action::Resumed),
            (1..120_u16, 1..40_u16).prop_map(|(width, height)| Action::Resize { width, height }),
        ]
    }

    proptest::proptest! {
        #![proptest_config(proptest::test_runner::Config {
            cases: if std::env::var_os("PROPTEST_CASES").is_some() { 256 } else { 24 },
            ..proptest::test_runner::Config::default()
        })]

        /// Pictures in every mode, scrolled, resized and covered by the help, draw at
        /// the app's size and at another (a resize not yet read) without a panic, and
        /// never outside the text column's cards.
        #[test]
        fn pictures_draw_at_any_size(
            mode in modes(),
            steps in proptest::collection::vec(actions(), 1..24),
            other in (1..120_u16, 1..40_u16),
        ) {
            let page = gradient_page();
            let mut app = App::new(&page, &EN).with_pictures(Pictures::new(mode).made_inline());
            app.update(Action::Resize { width: 40, height: 12 });
            for step in steps {
                app.update(step);
                for (w, h) in [(app.size().width, app.size().height), other] {
                    let mut terminal =
                        Terminal::new(TestBackend::new(w, h)).expect("terminal");
                    terminal
                        .draw(|frame| crate::ui::draw(frame, &app, &Theme::dark()))
                        .expect("draw");
                }
            }
        }
    }
}
