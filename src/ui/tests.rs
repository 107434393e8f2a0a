//! Whole screens on ratatui's `TestBackend`: text as insta snapshots, styles asserted
//! on the buffer (a text snapshot cannot show them).

use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use ratatui::style::Modifier;

use crate::action::Action;
use crate::app::App;
use crate::i18n::ID;
use crate::loader;
use crate::model::Page;
use crate::theme::Theme;

fn bundled() -> Page {
    loader::parse(&loader::bundled()).expect("the bundled page loads")
}

fn screen(app: &App<'_>, theme: &Theme) -> Buffer {
    let size = app.size();
    let mut terminal =
        Terminal::new(TestBackend::new(size.width, size.height)).expect("test terminal");
    terminal
        .draw(|frame| super::draw(frame, app, theme))
        .expect("draw");
    terminal.backend().buffer().clone()
}

fn text(buf: &Buffer) -> String {
    let area = buf.area;
    let mut out = String::new();
    for y in 0..area.height {
        let mut row = String::new();
        for x in 0..area.width {
            row.push_str(buf[(x, y)].symbol());
        }
        out.push_str(row.trim_end());
        out.push('\n');
    }
    out
}

fn app_at<'a>(page: &'a Page, width: u16, height: u16, actions: &[Action]) -> App<'a> {
    let mut app = App::new(page, &ID);
    app.update(Action::Resize { width, height });
    for a in actions {
        app.update(a.clone());
    }
    app
}

fn search(query: &str) -> Vec<Action> {
    let mut actions = vec![Action::StartSearch];
    actions.extend(query.chars().map(Action::SearchInput));
    actions.push(Action::ConfirmSearch);
    actions
}

const SIZES: [(u16, u16); 3] = [(100, 30), (60, 20), (40, 12)];

#[test]
fn every_tab_at_every_size() {
    let page = bundled();
    for (w, h) in SIZES {
        for (tab, name) in [(1, "synopsis"), (2, "screenshots"), (3, "reviews")] {
            let app = app_at(&page, w, h, &[Action::GotoTab(tab)]);
            let shown = text(&screen(&app, &Theme::dark()));
            insta::assert_snapshot!(format!("{name}_{w}x{h}"), shown);
        }
    }
}

#[test]
fn help_and_search_screens() {
    let page = bundled();
    for (w, h) in SIZES {
        let app = app_at(&page, w, h, &[Action::ToggleHelp]);
        insta::assert_snapshot!(format!("help_{w}x{h}"), text(&screen(&app, &Theme::dark())));
        let app = app_at(&page, w, h, &search("joseph"));
        insta::assert_snapshot!(
            format!("search_{w}x{h}"),
            text(&screen(&app, &Theme::dark()))
        );
    }
}

#[test]
fn the_help_at_80x24_is_centred_with_no_sliver_beside_it() {
    let page = bundled();
    let app = app_at(&page, 80, 24, &[Action::PageDown, Action::ToggleHelp]);
    let shown = text(&screen(&app, &Theme::dark()));
    insta::assert_snapshot!("help_80x24", shown);
    // The rows as drawn, the spaces the snapshot trims at their ends put back.
    let rows: Vec<Vec<char>> = shown
        .lines()
        .map(|r| format!("{r:80}").chars().collect())
        .collect();
    assert_eq!(rows.len(), 24);
    // Two columns of keys are wider than 80: one column, as high as the screen, with
    // as many columns beside it on the left as on the right, and more than the
    // scrollbar's, so that no stub of the rule or the scrollbar shows against it.
    let left = rows[0]
        .iter()
        .position(|&c| c == '╭')
        .expect("the top border");
    let right = rows[0]
        .iter()
        .position(|&c| c == '╮')
        .expect("the top border");
    assert_eq!(left, 79 - right, "{:?}", rows[0]);
    assert_eq!(rows[2][0], '─', "the rule shows beside it");
    assert!(left > 2, "a strip of {left}");
    for (y, row) in rows.iter().enumerate() {
        let ends = match y {
            0 => ('╭', '╮'),
            23 => ('╰', '╯'),
            _ => ('│', '│'),
        };
        assert_eq!((row[left], row[right]), ends, "row {y}: {row:?}");
    }
    let close: String = rows[22][left..=right].iter().collect();
    assert!(close.contains("menutup bantuan ini · ↑↓"), "{close:?}");
}

#[test]
fn too_small_says_so() {
    let page = bundled();
    let needed = format!(
        "≥ {}×{}",
        crate::screen::MIN_WIDTH,
        crate::screen::MIN_HEIGHT
    );
    for (w, h) in [
        (80, 5),
        (19, 24),
        (19, 5),
        (5, 3),
        (2, 1),
        (1, 3),
        (1, 1),
        (0, 0),
    ] {
        let app = app_at(&page, w, h, &[Action::PageDown, Action::ToggleHelp]);
        let shown = text(&screen(&app, &Theme::dark()));
        let rows: Vec<&str> = shown
            .lines()
            .map(str::trim)
            .filter(|r| !r.is_empty())
            .collect();
        if w == 0 || h == 0 {
            assert_eq!(rows, [] as [&str; 0], "{w}×{h}");
            continue;
        }
        // The message, or as much of it as fits, and the least size when there is a
        // row for it; nothing of the page.
        let [message, rest @ ..] = rows.as_slice() else {
            panic!("{w}×{h}: a blank screen");
        };
        let clipped = |s: &str, row: &str| {
            let kept = row.strip_suffix('…').unwrap_or(row);
            s.starts_with(kept) && (row == s || usize::from(w) < s.chars().count())
        };
        assert!(clipped(ID.too_small, message), "{w}×{h}:\n{shown}");
        match rest {
            [] => assert!(h < 2, "{w}×{h}:\n{shown}"),
            [least] => assert!(clipped(&needed, least), "{w}×{h}:\n{shown}"),
            _ => panic!("{w}×{h}: more than the message:\n{shown}"),
        }
    }
}

/// The cells of row `y` whose symbol is part of `needle` (the first occurrence).
fn cells_of(buf: &Buffer, y: u16, needle: &str) -> Vec<(u16, u16)> {
    let row: Vec<String> = (0..buf.area.width)
        .map(|x| buf[(x, y)].symbol().to_string())
        .collect();
    let joined: String = row.concat();
    let Some(at) = joined.find(needle) else {
        return Vec::new();
    };
    let mut pos = 0;
    let mut out = Vec::new();
    for (x, sym) in row.iter().enumerate() {
        if pos >= at && pos < at + needle.len() {
            out.push((x as u16, y));
        }
        pos += sym.len();
    }
    out
}

#[test]
fn the_selected_tab_is_marked_without_colour() {
    let page = bundled();
    for theme in [Theme::dark(), Theme::mono()] {
        let app = app_at(&page, 80, 24, &[Action::GotoTab(3)]);
        let buf = screen(&app, &theme);
        let selected = cells_of(&buf, 1, "3 Ulasan");
        let other = cells_of(&buf, 1, "1 Plot");
        assert!(!selected.is_empty() && !other.is_empty());
        for &(x, y) in &selected {
            let m = buf[(x, y)].modifier;
            assert!(
                m.contains(Modifier::REVERSED) && m.contains(Modifier::BOLD),
                "{m:?}"
            );
        }
        for &(x, y) in &other {
            assert!(!buf[(x, y)].modifier.contains(Modifier::REVERSED));
        }
    }
}

#[test]
fn matches_are_highlighted_and_the_current_one_differs() {
    let page = bundled();
    let app = app_at(&page, 80, 24, &search("joseph"));
    for theme in [Theme::dark(), Theme::mono()] {
        let buf = screen(&app, &theme);
        let mut styles = Vec::new();
        for y in 3..23 {
            let cells = cells_of(&buf, y, "Joseph");
            if let Some(&(x, y)) = cells.first() {
                let c = &buf[(x, y)];
                styles.push((c.fg, c.bg, c.modifier));
                assert_eq!(
                    buf[cells[5]].modifier, c.modifier,
                    "the whole word is marked"
                );
            }
        }
        assert!(styles.len() >= 2, "Joseph is on screen: {}", text(&buf));
        let current = theme.current_hit;
        let hit = theme.hit;
        let is = |s: &(_, _, Modifier), want: ratatui::style::Style| {
            s.2.contains(want.add_modifier)
                && (want.bg.is_none() || s.1 == want.bg.unwrap_or_default())
        };
        assert_eq!(
            styles.iter().filter(|s| is(s, current)).count(),
            1,
            "{styles:?}"
        );
        assert!(
            styles.iter().any(|s| is(s, hit) && !is(s, current)),
            "{styles:?}"
        );
        if theme.hit.bg.is_none() {
            assert!(styles.iter().all(|s| s.2.contains(Modifier::UNDERLINED)));
        }
    }
}

#[test]
fn the_prompt_puts_the_cursor_after_the_query() {
    let page = bundled();
    let mut app = app_at(&page, 80, 24, &[Action::StartSearch]);
    for c in "Jos".chars() {
        app.update(Action::SearchInput(c));
    }
    let mut terminal = Terminal::new(TestBackend::new(80, 24)).expect("terminal");
    terminal
        .draw(|f| super::draw(f, &app, &Theme::dark()))
        .expect("draw");
    let buf = terminal.backend().buffer().clone();
    assert!(
        text(&buf)
            .lines()
            .nth(23)
            .is_some_and(|l| l.starts_with(" /Jos")),
        "{}",
        text(&buf)
    );
    terminal.backend_mut().assert_cursor_position((5, 23));
}

/// The loading screen on a `width`×`height` terminal.
fn loading_screen(width: u16, height: u16, name: &str, bytes: u64) -> Buffer {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).expect("test terminal");
    terminal
        .draw(|frame| super::loading(frame, name, bytes, &crate::i18n::EN, &Theme::dark()))
        .expect("draw");
    terminal.backend().buffer().clone()
}

#[test]
fn the_loading_screen_names_the_file_and_its_size_in_the_middle() {
    let buf = loading_screen(40, 5, "big.yaml", 48_300_000);
    let shown = text(&buf);
    let rows: Vec<&str> = shown.lines().collect();
    assert_eq!(rows[2], "      Loading big.yaml (48.3 MB)…", "{shown}");
    assert!(rows.iter().enumerate().all(|(y, r)| y == 2 || r.is_empty()));
    let cells = cells_of(&buf, 2, "Loading");
    assert!(!cells.is_empty());
    let title = Theme::dark().title;
    for (x, y) in cells {
        let cell = &buf[(x, y)];
        assert_eq!(Some(cell.fg), title.fg, "({x}, {y})");
        assert!(cell.modifier.contains(title.add_modifier), "({x}, {y})");
    }
}

#[test]
fn the_loading_screen_cuts_a_long_name_to_the_width() {
    let buf = loading_screen(20, 3, "a-very-long-file-name.yaml", 5_000_000);
    let row = text(&buf).lines().nth(1).unwrap_or_default().to_owned();
    assert_eq!(row, "Loading a-very-long…");
    for (w, h) in [(1, 1), (0, 0), (3, 1)] {
        let _ = loading_screen(w, h, "big.yaml", 5_000_000);
    }
}

/// A page whose synopsis is 24 copies of `ｶﾞ` (halfwidth katakana and its voiced mark:
/// one cluster of two characters), then clusters wider than two cells and a word with
/// soft hyphens.
fn wide_clusters() -> Page {
    let mut page = bundled();
    page.synopsis.paragraphs = [
        "ｶﾞ".repeat(24),
        "a🏽 ᄀ가 क्त्य a🏽 ᄀ가 क्त्य a🏽 ᄀ가 क्त्य".to_string(),
        "Sebuah film do\u{AD}ku\u{AD}men\u{AD}ter ten\u{AD}tang ke\u{AD}ka\u{AD}cau\u{AD}an"
            .to_string(),
    ]
    .into_iter()
    .collect();
    page
}

#[test]
fn every_copy_of_a_wide_cluster_shows() {
    let page = wide_clusters();
    for width in [30, 31, 24, 80] {
        let app = app_at(&page, width, 16, &[]);
        let buf = screen(&app, &Theme::dark());
        let shown = text(&buf);
        let symbols: Vec<&str> = buf
            .content
            .iter()
            .map(ratatui::buffer::Cell::symbol)
            .collect();
        let count = |s: &str| symbols.iter().filter(|&&c| c == s).count();
        assert_eq!(count("ｶﾞ"), 24, "at {width}:\n{shown}");
        assert_eq!(count("a🏽"), 3, "at {width}:\n{shown}");
        assert_eq!(count("ᄀ가"), 3, "at {width}:\n{shown}");
        assert_eq!(count("क्त्य"), 3, "at {width}:\n{shown}");
        assert!(!shown.contains('\u{AD}'), "a soft hyphen drawn:\n{shown}");
    }
    // At 30 columns the body has 29: a line broken at a soft hyphen shows `-`.
    let app = app_at(&page, 30, 16, &[]);
    let shown = text(&screen(&app, &Theme::dark()));
    assert!(
        shown.contains(" Sebuah film dokumenter ten-\n tang kekacauan\n"),
        "{shown}"
    );
}

/// The page of reviews the tests share: ratings of 8, 6.5, none, 10 and 3.
fn reviews_page() -> Page {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests")
        .join("fixtures")
        .join("pages")
        .join("reviews.yaml");
    let source = loader::read(&path, loader::Limits::default()).expect("the fixture reads");
    loader::parse(&source).expect("the fixture loads")
}

#[test]
fn the_reviews_tab_opens_with_the_ratings_chart() {
    let page = reviews_page();
    for (w, h) in [(80, 24), (40, 12)] {
        let mut app = App::new(&page, &crate::i18n::EN);
        app.update(Action::Resize {
            width: w,
            height: h,
        });
        app.update(Action::ReviewsTab);
        let theme = Theme::dark();
        let buf = screen(&app, &theme);
        let shown = text(&buf);
        insta::assert_snapshot!(format!("reviews_chart_{w}x{h}"), shown);
        // The average's stars, and every bar, in the stars' style; the labels in the
        // quiet colour of dates and ratings.
        let stars = cells_of(&buf, 3, "★★★½☆");
        assert_eq!(stars.len(), 5, "{shown}");
        for &cell in &stars {
            assert_eq!(buf[cell].fg, theme.stars.fg.unwrap_or_default(), "{shown}");
        }
        let average = cells_of(&buf, 3, "6.9/10");
        assert!(!average.is_empty(), "the average, to one decimal:\n{shown}");
        assert!(buf[average[0]].modifier.contains(Modifier::BOLD));
        // The labels' row, and the four rows of bars above it: a bar per rating
        // given (8, 6.5, 10 and 3 are one each), all as tall.
        let labels_row = (4..h)
            .find(|&y| {
                text(&buf)
                    .lines()
                    .nth(usize::from(y))
                    .is_some_and(|r| r.trim_start().starts_with("0 "))
            })
            .expect("the labels");
        let bars: Vec<(u16, u16)> = (labels_row - 4..labels_row)
            .flat_map(|y| (0..w - 2).map(move |x| (x, y)))
            .filter(|&c| buf[c].symbol() == "█")
            .collect();
        let per_bar = if w == 80 { 3 } else { 2 };
        assert_eq!(bars.len(), 4 * (4 * per_bar - 1), "{shown}");
        for &cell in &bars {
            assert_eq!(buf[cell].fg, theme.stars.fg.unwrap_or_default(), "{cell:?}");
        }
        let labels = cells_of(&buf, labels_row, "10");
        assert!(!labels.is_empty(), "{shown}");
        assert_eq!(buf[labels[0]].fg, theme.meta.fg.unwrap_or_default());
        assert_ne!(theme.meta.fg, None);
    }
}

#[test]
fn a_sorted_and_filtered_tab_says_so() {
    let page = reviews_page();
    let mut app = App::new(&page, &crate::i18n::EN);
    app.update(Action::Resize {
        width: 80,
        height: 24,
    });
    app.update(Action::SortReviews);
    app.update(Action::FilterReviews);
    let buf = screen(&app, &Theme::dark());
    let shown = text(&buf);
    let rows: Vec<&str> = shown.lines().collect();
    assert!(rows[1].contains("3 Reviews (2/5)"), "{shown}");
    assert!(
        rows[23].ends_with("highest rated · rating ≥ 8 · review –/2 · All"),
        "{shown}"
    );
    let authors: Vec<&str> = rows
        .iter()
        .filter_map(|r| r.trim_start_matches([' ', '▌']).split(" · ").next())
        .filter(|r| {
            ["Ana", "Budi", "Chen", "Dana", "Eko"]
                .iter()
                .any(|a| r.starts_with(a))
        })
        .collect();
    assert_eq!(authors, ["Dana Novak", "Ana Lima"], "{shown}");
}

#[test]
fn a_head_says_its_reviews_are_being_read_without_a_count() {
    let whole = bundled();
    let head = loader::head(&loader::bundled()).expect("the bundled page's head");
    let mut app = App::new(&head, &ID).reading();
    app.update(Action::Resize {
        width: 60,
        height: 10,
    });
    app.update(Action::ReviewsTab);
    // Sorting the reviews lays the tab out again: it still says they are being read.
    app.update(Action::SortReviews);
    let theme = Theme::dark();
    let buf = screen(&app, &theme);
    insta::assert_snapshot!("head_reading_60x10", text(&buf));
    let shown = text(&buf);
    assert!(shown.contains("Membaca ulasan…"), "{shown}");
    assert!(!shown.contains("Ulasan ("), "no count yet: {shown}");
    // In the empty state's style, as "Belum ada ulasan." is drawn.
    let row = shown
        .lines()
        .position(|l| l.contains("Membaca"))
        .expect("the row");
    let y = u16::try_from(row).expect("a row");
    let column = shown
        .lines()
        .nth(row)
        .and_then(|l| l.find('M'))
        .expect("the column");
    let x = u16::try_from(column).expect("a column");
    let cell = &buf[(x, y)];
    assert_eq!(
        (cell.fg, cell.modifier),
        (
            theme
                .role(crate::layout::Role::Empty)
                .fg
                .unwrap_or_default(),
            theme.role(crate::layout::Role::Empty).add_modifier
        ),
        "{cell:?}"
    );
    // The whole page, once read, counts its reviews.
    let app = App::reloaded(&whole, &ID, app.carry());
    let shown = text(&screen(&app, &theme));
    assert!(
        shown.contains("Ulasan (0)") && shown.contains("Belum ada ulasan."),
        "{shown}"
    );
}
