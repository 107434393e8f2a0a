//! Property tests: random pages (every script and width class, hostile characters,
//! empty sections, up to 50 reviews) at random terminal sizes, driven by random action
//! sequences (every [`Action`], resize storms included). After every step the state's
//! invariants hold and a draw on a `TestBackend` of the app's size succeeds, writes
//! only printable text and keeps the text inside its column; a draw at some other size
//! (a resize not yet read) succeeds too.

use proptest::prelude::*;
use proptest::test_runner::Config;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use unicode_segmentation::UnicodeSegmentation;

use super::App;
use crate::action::Action;
use crate::i18n::{EN, ID, Strings};
use crate::keymap::Mode;
use crate::layout::{BlockKind, CARD_INSET, Section};
use crate::model::{
    Date, Image, ImageStatus, Page, Paragraphs, Rating, Review, Reviews, Screenshot, Screenshots,
    Synopsis,
};
use crate::screen;
use crate::text::paragraphs;
use crate::text::sanitize::{is_removed, sanitize};
use crate::text::width::str_width;
use crate::theme::Theme;
use crate::ui;

/// Few cases, so `cargo test` stays quick, unless `PROPTEST_CASES` asks for more. A
/// failure is saved in `proptest-regressions/` (committed) and replayed first on every
/// later run.
fn config() -> Config {
    let defaults = Config::default();
    Config {
        cases: if std::env::var_os("PROPTEST_CASES").is_some() {
            defaults.cases
        } else {
            64
        },
        ..defaults
    }
}

// ---------------------------------------------------------------------------------
// Pages

/// One piece of text: a class of characters a page from anywhere may hold.
fn piece() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => "[a-zA-Z]{1,12}",
        2 => Just(" ".to_string()),
        1 => prop::sample::select(vec!["\n", "\n\n", "\t", "  ", "\u{3000}", "\u{2028}"])
            .prop_map(str::to_string),
        2 => "[\u{4e00}-\u{4e40}\u{3041}-\u{3096}\u{ac00}-\u{ac40}]{1,8}",
        1 => prop::sample::select(vec![
            "\u{1F468}\u{200D}\u{1F469}\u{200D}\u{1F467}",
            "\u{1F3F3}\u{FE0F}\u{200D}\u{1F308}",
            "\u{1F1EE}\u{1F1E9}",
            "\u{2764}\u{FE0F}",
            "\u{1F44D}\u{1F3FD}",
            "\u{FF37}\u{FF29}\u{FF24}\u{FF25}",
        ])
        .prop_map(str::to_string),
        1 => ("[a-z]", prop::collection::vec("[\u{300}-\u{36f}]", 0..300))
            .prop_map(|(base, marks)| base + &marks.concat()),
        1 => prop::sample::select(vec!["\u{200B}", "\u{200C}", "\u{200D}", "\u{2060}", "\u{FEFF}"])
            .prop_map(str::to_string),
        1 => prop::sample::select(vec!["ΟΔΟΣ", "οδος", "\u{212A}elvin", "İstanbul", "Straße", "ǅ"])
            .prop_map(str::to_string),
        1 => prop::sample::select(vec![
            "\u{1b}]0;owned\u{7}",
            "\u{1b}]52;c;ZWNobw==\u{7}",
            "\u{1b}[2J",
            "\u{9b}31m",
            "\u{85}",
            "\u{202e}",
            "\u{2066}",
            "\r",
            "\0",
        ])
        .prop_map(str::to_string),
        1 => (1usize..20_000).prop_map(|n| "w".repeat(n)),
        1 => any::<String>(),
    ]
}

/// Running text, sanitised as the loader does: paragraphs, possibly none.
fn prose() -> impl Strategy<Value = Paragraphs> {
    prop::collection::vec(piece(), 0..16).prop_map(|pieces| {
        let mut text = pieces.concat();
        sanitize(&mut text);
        paragraphs::split(&text)
    })
}

/// A one-line field, cleaned as the loader cleans headings, captions and names.
fn line() -> impl Strategy<Value = String> {
    prop::collection::vec(piece(), 0..4).prop_map(|pieces| {
        let mut text = pieces.concat();
        sanitize(&mut text);
        text.replace(['\n', '\u{2028}', '\u{2029}'], " ")
            .trim()
            .to_owned()
    })
}

/// A line the loader requires to be non-empty (a title, an author).
fn required_line() -> impl Strategy<Value = String> {
    line().prop_map(|s| if s.is_empty() { "T".to_owned() } else { s })
}

fn date() -> impl Strategy<Value = Option<Date>> {
    prop::option::of((0u16..=9999, 1u8..=12, 1u8..=31))
        .prop_map(|d| d.and_then(|(y, m, d)| Date::new(y, m, d)))
}

fn review() -> impl Strategy<Value = Review> {
    (
        required_line(),
        prop::option::of(0u8..=Rating::MAX_TENTHS),
        date(),
        prose(),
    )
        .prop_map(|(author, rating, date, paragraphs)| Review {
            language: None,
            author,
            rating: rating.and_then(Rating::from_tenths),
            date,
            paragraphs,
        })
}

fn screenshot() -> impl Strategy<Value = Screenshot> {
    (line(), prop::option::of(line())).prop_map(|(caption, image)| Screenshot {
        caption,
        // Never a file that exists, so the search reference knows the line's text.
        image: image.map(|name| Image {
            path: format!("no-such-dir-layar/{name}").into(),
            status: ImageStatus::Missing,
        }),
    })
}

fn page() -> impl Strategy<Value = Page> {
    (
        required_line(),
        prop::option::of(line()),
        prose(),
        prop::option::of((
            prop::option::of(line()),
            prop::collection::vec(screenshot(), 0..5),
        )),
        prop::option::of((
            prop::option::of(line()),
            prop::collection::vec(review(), 0..50),
        )),
    )
        .prop_map(|(title, heading, paragraphs, shots, reviews)| Page {
            title,
            language: None,
            synopsis: Synopsis {
                language: None,
                heading,
                paragraphs,
            },
            screenshots: shots.map(|(heading, items)| Screenshots { heading, items }),
            reviews: reviews.map(|(heading, items)| Reviews { heading, items }),
        })
}

fn strings() -> impl Strategy<Value = &'static Strings> {
    prop_oneof![Just(&EN), Just(&ID)]
}

// ---------------------------------------------------------------------------------
// Actions

/// Characters typed into the search prompt: mostly ones the pages hold, so searches
/// find something, and now and then anything at all.
fn typed() -> impl Strategy<Value = char> {
    prop_oneof![
        4 => prop::sample::select("aAeEwWtTσΣςο日\u{4e00}k\u{212A}İß \u{300}".chars().collect::<Vec<_>>()),
        1 => prop::sample::select("\u{1b}\u{7}\u{9b}\u{85}\u{202e}\u{2067}\t\n\r\0".chars().collect::<Vec<_>>()),
        1 => any::<char>(),
    ]
}

fn size() -> impl Strategy<Value = (u16, u16)> {
    prop_oneof![
        1 => Just((1, 1)),
        1 => Just((0, 0)),
        1 => (screen::MIN_WIDTH - 1..=screen::MIN_WIDTH + 1, screen::MIN_HEIGHT - 1..=screen::MIN_HEIGHT + 1),
        6 => (0u16..=200, 0u16..=80),
    ]
}

/// Every action the viewer knows, with its arguments drawn from their whole range.
fn action() -> impl Strategy<Value = Action> {
    use Action as A;
    prop_oneof![
        prop::sample::select(vec![
            A::LineDown,
            A::LineUp,
            A::PageDown,
            A::PageUp,
            A::HalfPageDown,
            A::HalfPageUp,
            A::Top,
            A::Bottom,
            A::NextTab,
            A::PreviousTab,
            A::CycleTab,
            A::CycleTabBack,
            A::ReviewsTab,
            A::NextReview,
            A::PreviousReview,
            A::SortReviews,
            A::FilterReviews,
            A::StartSearch,
            A::SearchBackspace,
            A::ConfirmSearch,
            A::CancelSearch,
            A::NextMatch,
            A::PreviousMatch,
            A::ToggleHelp,
            A::CloseHelp,
            A::Back,
            A::Suspend,
            A::ContinueSearch,
        ]),
        any::<u8>().prop_map(A::GotoTab),
        typed().prop_map(A::SearchInput),
        prop::collection::vec(typed(), 0..40).prop_map(|t| A::SearchPaste(t.into_iter().collect())),
        any::<i8>().prop_map(A::Wheel),
        (0u16..=210, 0u16..=90).prop_map(|(column, row)| A::Click { column, row }),
        size().prop_map(|(width, height)| A::Resize { width, height }),
    ]
}

/// A step: one action, a search typed in one go, or a storm of resizes.
fn steps() -> impl Strategy<Value = Vec<Vec<Action>>> {
    let step = prop_oneof![
        6 => action().prop_map(|a| vec![a]),
        1 => prop::collection::vec(typed(), 1..6).prop_map(|query| {
            let mut actions = vec![Action::StartSearch];
            actions.extend(query.into_iter().map(Action::SearchInput));
            actions.push(Action::ConfirmSearch);
            actions
        }),
        1 => prop::collection::vec(size(), 10..60).prop_map(|sizes| {
            sizes
                .into_iter()
                .map(|(width, height)| Action::Resize { width, height })
                .collect()
        }),
    ];
    prop::collection::vec(step, 1..24)
}

// ---------------------------------------------------------------------------------
// The reference search

/// Simple case folding, written out independently of `text::search`: the lowercase
/// when it is one character, and final sigma as sigma.
fn fold(c: char) -> char {
    if c == 'ς' {
        return 'σ';
    }
    let mut lower = c.to_lowercase();
    match (lower.next(), lower.next()) {
        (Some(l), None) => l,
        _ => c,
    }
}

/// Non-overlapping, leftmost occurrences of `query` in `hay`, char by char: exact for
/// a query with an uppercase letter (smart case), else case-insensitive. An all-ASCII
/// query compares ASCII only (documented: it does not see U+212A).
fn naive_count(query: &str, hay: &str) -> usize {
    let exact = query.chars().any(char::is_uppercase);
    let want: Vec<char> = if exact {
        query.chars().collect()
    } else {
        query.chars().map(fold).collect()
    };
    let ascii = query.is_ascii();
    let same = |h: char, q: char| {
        if exact {
            h == q
        } else if ascii {
            h.is_ascii() && h.to_ascii_lowercase() == q
        } else {
            fold(h) == q
        }
    };
    let chars: Vec<char> = hay.chars().collect();
    let (mut i, mut found) = (0, 0);
    while !want.is_empty() && i + want.len() <= chars.len() {
        if chars[i..i + want.len()]
            .iter()
            .zip(&want)
            .all(|(&h, &q)| same(h, q))
        {
            found += 1;
            i += want.len();
        } else {
            i += 1;
        }
    }
    found
}

/// The line under a review's author, built from the model: `★★★★☆ 8/10 · 2024-05-01`.
fn review_meta(review: &Review) -> Option<String> {
    let rating = review.rating.map(|r| {
        let halves = usize::from(r.half_stars());
        let (full, half) = (halves / 2, halves % 2);
        let stars = format!(
            "{}{}{}",
            "★".repeat(full),
            "½".repeat(half),
            "☆".repeat(5 - full - half)
        );
        format!("{stars} {r}/10")
    });
    let date = review.date.map(|d| d.to_string());
    match (rating, date) {
        (Some(r), Some(d)) => Some(format!("{r} · {d}")),
        (r, d) => r.or(d),
    }
}

/// Every text the search covers, from the model: what each tab shows of the page.
fn searched_texts(page: &Page, strings: &Strings, shown: Option<&[u32]>) -> Vec<String> {
    let mut texts: Vec<String> = page.synopsis.paragraphs.iter().map(String::from).collect();
    if let Some(shots) = &page.screenshots {
        for shot in &shots.items {
            texts.push(shot.caption.clone());
            texts.push(match &shot.image {
                Some(image) => format!(
                    "{}: {} ({})",
                    strings.image,
                    image.path.display(),
                    strings.image_missing
                ),
                None => strings.no_image.to_owned(),
            });
        }
    }
    if let Some(reviews) = &page.reviews {
        let all: Vec<u32> = (0..reviews.items.len() as u32).collect();
        for &i in shown.unwrap_or(&all) {
            let review = &reviews.items[i as usize];
            texts.push(review.author.clone());
            texts.extend(review_meta(review));
            texts.extend(review.paragraphs.iter().map(String::from));
        }
    }
    texts
}

/// The reference count for the latest query, kept until the query changes.
struct Reference {
    texts: Vec<String>,
    last: Option<(String, usize)>,
}

impl Reference {
    fn count(&mut self, query: &str) -> usize {
        match &self.last {
            Some((q, n)) if q == query => *n,
            _ => {
                let n = self.texts.iter().map(|t| naive_count(query, t)).sum();
                self.last = Some((query.to_owned(), n));
                n
            }
        }
    }
}

// ---------------------------------------------------------------------------------
// Invariants

/// Checks the state after a step.
fn check_state(app: &App<'_>, reference: &mut Reference) -> Result<(), TestCaseError> {
    let sections: Vec<Section> = app.sections().collect();
    prop_assert!(sections.contains(&app.selected()), "selected tab exists");
    prop_assert!(app.selected_index() < sections.len());
    prop_assert_eq!(sections[app.selected_index()], app.selected());

    let pane = app.pane();
    let top = pane.top();
    let visible = pane.visible();
    prop_assert!(
        top.block < pane.doc().len(),
        "top {top:?} past the last block"
    );
    if let Some(wrapped) = pane.wrapped(top.block) {
        prop_assert!(top.line < wrapped.lines.len(), "top {top:?} past its block");
    } else {
        prop_assert_eq!(pane.height(), 0, "the top block is wrapped when shown");
    }
    prop_assert!(visible.len() <= pane.height());
    if visible.len() < pane.height() {
        prop_assert_eq!(top, super::pane::Anchor::default(), "scrolled past the end");
    }
    for line in &visible {
        let text = line.text();
        let room = match line.wrapped.block.kind {
            BlockKind::Card { .. } => pane.width().saturating_sub(CARD_INSET).max(1),
            BlockKind::Plain | BlockKind::Summary { .. } => pane.width().max(1),
        };
        prop_assert!(
            str_width(text) <= room || text.graphemes(true).count() == 1,
            "a line of {} columns in {room}: {text:?}",
            str_width(text)
        );
    }

    if let Some((at, total)) = app.search().counter() {
        let query = app.search().query();
        let expected = reference.count(query);
        // While hits are still being counted (a slice at a time), the total is a
        // floor and the current hit has no number yet.
        let in_range = if app.is_busy() {
            prop_assert!(total <= expected, "hits for {:?}: {} so far", query, total);
            at == 0
        } else {
            prop_assert_eq!(total, expected, "hits for {:?}", query);
            if total == 0 {
                at == 0
            } else {
                (1..=total).contains(&at)
            }
        };
        prop_assert!(in_range, "counter {}/{}", at, total);
    } else {
        prop_assert!(
            app.search().current().is_none(),
            "a current hit without a search"
        );
    }
    if app.mode() == Mode::Help {
        let max = crate::screen::help::HelpLayout::new(app.strings(), app.size()).max_scroll();
        prop_assert!(app.help_scroll() <= max);
    }
    Ok(())
}

/// Draws the app on a screen of `width`×`height` and checks what was drawn. The size
/// is the app's own, or another one: the terminal may have been resized since the
/// last resize event was read, and drawing must not panic then either.
fn check_screen(
    app: &App<'_>,
    theme: &Theme,
    (width, height): (u16, u16),
) -> Result<(), TestCaseError> {
    let size = ratatui::layout::Rect::new(0, 0, width, height);
    let mut terminal = Terminal::new(TestBackend::new(size.width, size.height))
        .map_err(|e| TestCaseError::fail(e.to_string()))?;
    terminal
        .draw(|frame| ui::draw(frame, app, theme))
        .map_err(|e| TestCaseError::fail(e.to_string()))?;
    let buf: &Buffer = terminal.backend().buffer();
    for (i, cell) in buf.content.iter().enumerate() {
        let symbol = cell.symbol();
        prop_assert!(
            !symbol.chars().any(|c| c.is_control() || is_removed(c)),
            "cell {i} holds {symbol:?}"
        );
    }
    // Nothing is drawn between the text column and the scrollbar.
    if let Some(regions) = screen::regions(size)
        && app.mode() != Mode::Help
        && size == app.size()
    {
        for y in regions.body.y..regions.body.bottom() {
            for x in regions.text.right()..regions.scrollbar.x {
                let symbol = buf[(x, y)].symbol();
                prop_assert_eq!(symbol, " ", "({}, {}) outside the text column", x, y);
            }
        }
    }
    Ok(())
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn any_page_any_size_any_keys(
        page in page(),
        strings in strings(),
        (width, height) in size(),
        steps in steps(),
        color in any::<bool>(),
        drift in size(),
    ) {
        let theme = if color { Theme::dark() } else { Theme::mono() };
        let mut reference = Reference { texts: searched_texts(&page, strings, None), last: None };
        let mut app = App::new(&page, strings);
        app.update(Action::Resize { width, height });
        check_state(&app, &mut reference)?;
        check_screen(&app, &theme, (width, height))?;
        for step in steps {
            for action in step {
                let reviews_change = matches!(action, Action::SortReviews | Action::FilterReviews);
                app.update(action);
                if reviews_change {
                    // Search reads the reviews shown, and so does the reference.
                    let shown = app.review_view().shown();
                    reference = Reference {
                        texts: searched_texts(&page, strings, shown.as_deref()),
                        last: None,
                    };
                }
                check_state(&app, &mut reference)?;
            }
            let size = app.size();
            check_screen(&app, &theme, (size.width, size.height))?;
            check_screen(&app, &theme, drift)?;
        }
        check_reopened(&app, &page, strings)?;
    }
}

/// Quitting and opening the page again at the same size shows every tab where it
/// was (where the text is shown at all).
fn check_reopened(
    app: &App<'_>,
    page: &Page,
    strings: &'static Strings,
) -> Result<(), TestCaseError> {
    let size = app.size();
    if app.pane().height() == 0 {
        return Ok(());
    }
    let saved = app.saved();
    let mut reopened = App::new(page, strings);
    reopened.update(Action::Resize {
        width: size.width,
        height: size.height,
    });
    reopened.resume(&saved);
    prop_assert_eq!(reopened.selected(), app.selected());
    for (left, back) in app.panes.iter().zip(&reopened.panes) {
        prop_assert_eq!(
            back.top(),
            left.top(),
            "{:?} reopened elsewhere",
            left.doc().section
        );
    }
    Ok(())
}

#[test]
fn the_reference_search_agrees_on_known_cases() {
    assert_eq!(naive_count("joseph", "Joseph and JOSEPH, josephjoseph"), 4);
    assert_eq!(naive_count("aa", "aaa"), 1);
    assert_eq!(naive_count("k", "k K \u{212A}"), 2);
    assert_eq!(
        naive_count("\u{212A}", "k K \u{212A}"),
        1,
        "a capital: exact"
    );
    assert_eq!(naive_count("Joseph", "Joseph and JOSEPH, josephJoseph"), 2);
    assert_eq!(naive_count("οδος", "ΟΔΟΣ οδος"), 2);
    assert_eq!(naive_count("", "abc"), 0);
}
