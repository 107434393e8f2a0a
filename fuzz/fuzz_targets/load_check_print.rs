//! Any bytes through everything a content file reaches: load, `--check`, `--print`,
//! and for a page that loads, the viewer's state driven by a few actions and drawn on
//! a `TestBackend` at a few sizes. Besides "never panics, never hangs", it checks the
//! hardening promise itself: no control character reaches `--print` (without colour)
//! or a screen cell; and that the viewer's load and `--check` agree on every page: the
//! same problems, or none. A big page's head, which the viewer shows while the reviews
//! are read, is the page's own start, and is driven and drawn as the page is.

#![no_main]

use std::io::Write as _;
use std::path::PathBuf;

use layar::action::Action;
use layar::app::App;
use layar::i18n::EN;
use layar::lint;
use layar::loader::{self, Limits, Source};
use layar::model::Page;
use layar::print::{PrintOptions, print};
use layar::ratatui::Terminal;
use layar::ratatui::backend::TestBackend;
use layar::text::wrap::Fit;
use layar::theme::Theme;
use layar::ui;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    // Bytes that are not UTF-8 only ever go through `read`, which refuses them;
    // check that it does so cleanly.
    let Ok(text) = std::str::from_utf8(data) else {
        read_from_file(data);
        return;
    };
    // A NUL byte is UTF-8, but no text file holds one: `read` refuses it before parsing.
    if data.contains(&0) {
        assert!(read_from_file(data), "read took a file with a NUL byte");
    }
    let source = Source {
        name: "fuzz.yaml".into(),
        base_dir: None,
        text: text.to_owned(),
    };
    // `--check`'s read: every problem, and the page's warnings.
    let checked = loader::check(&source);
    if let Some(page) = &checked.page {
        for d in lint::check(&source, page, &checked.places).shown {
            let shown = d.to_string();
            assert!(
                !has_control(&shown),
                "a diagnostic carries a control: {shown:?}"
            );
        }
    }
    // The head the viewer shows of a big page while its reviews are read.
    let head = loader::head(&source);
    if let Some(head) = &head {
        drive(head, data, true);
    }
    // The viewer's read: the page, or every problem, as `--check` found them.
    let page = match loader::parse(&source) {
        Ok(page) => page,
        Err(e) => {
            let shown = e.to_string();
            assert!(
                !has_control(&shown),
                "an error carries a control: {shown:?}"
            );
            assert_eq!(
                e.problems(),
                &checked.problems[..],
                "the viewer and --check disagree"
            );
            assert_eq!(e.more(), checked.more, "the viewer and --check count apart");
            return;
        }
    };
    assert!(
        checked.problems.is_empty(),
        "--check refuses a page the viewer loads: {:?}",
        checked.problems
    );
    // What the head holds is the page's (a key after `reviews` is not in it).
    if let Some(head) = head {
        assert_eq!(head.title, page.title, "a head's title");
        assert_eq!(head.synopsis, page.synopsis, "a head's synopsis");
        if head.language.is_some() {
            assert_eq!(head.language, page.language, "a head's language");
        }
        if head.screenshots.is_some() {
            assert_eq!(head.screenshots, page.screenshots, "a head's screenshots");
        }
    }
    for (width, fit) in [(1, Fit::First), (7, Fit::Optimal), (80, Fit::First)] {
        let mut out = Vec::new();
        print(
            &mut out,
            &page,
            &EN,
            PrintOptions {
                width,
                color: false,
                fit,
            },
        )
        .expect("write to Vec");
        let text = String::from_utf8(out).expect("print writes UTF-8");
        assert!(!has_control(&text), "--print leaks a control: {text:?}");
    }
    drive(&page, data, false);
});

/// `read` on the bytes, as a file; whether it refused them.
fn read_from_file(data: &[u8]) -> bool {
    let path: PathBuf =
        std::env::temp_dir().join(format!("layar-fuzz-{}.yaml", std::process::id()));
    let written = std::fs::File::create(&path).and_then(|mut f| f.write_all(data));
    let mut refused = false;
    if written.is_ok() {
        match loader::read(&path, Limits::default()) {
            Ok(source) => {
                let _ = loader::parse(&source);
            }
            Err(e) => {
                refused = true;
                let shown = e.to_string();
                assert!(!has_control(&shown), "error carries a control: {shown:?}");
            }
        }
    }
    let _ = std::fs::remove_file(&path);
    refused
}

/// The viewer's state under a few actions, drawn after each at its own size and at
/// another; with `reading`, the state of a head whose reviews are being read.
fn drive(page: &Page, data: &[u8], reading: bool) {
    let query: String = page.title.chars().take(2).collect();
    let mut actions = vec![Action::StartSearch];
    actions.extend(query.chars().map(Action::SearchInput));
    actions.extend([
        Action::ConfirmSearch,
        Action::NextMatch,
        Action::PageDown,
        Action::Bottom,
        Action::CycleTab,
        Action::NextReview,
        Action::ReviewsTab,
        Action::SortReviews,
        Action::FilterReviews,
        Action::NextReview,
        Action::Wheel(-3),
        Action::CycleTab,
        Action::PreviousReview,
        Action::HalfPageUp,
        Action::ToggleHelp,
        Action::Bottom,
    ]);
    // A size from the input, so sizes vary with the corpus; and the edge sizes.
    let seed = data
        .iter()
        .fold(0u16, |h, &b| h.wrapping_mul(31).wrapping_add(u16::from(b)));
    let sizes = [(1, 1), (20, 6), (seed % 120 + 1, (seed / 120) % 40 + 1)];
    let theme = Theme::dark();
    for (i, (width, height)) in sizes.into_iter().enumerate() {
        let mut app = App::new(page, &EN);
        if reading {
            app = app.reading();
        }
        app.update(Action::Resize { width, height });
        // The app's own size, and the next one: a terminal resized after the last
        // resize event was read.
        let (w, h) = sizes[(i + 1) % sizes.len()];
        let mut screens = [
            Terminal::new(TestBackend::new(width, height)).expect("test terminal"),
            Terminal::new(TestBackend::new(w, h)).expect("test terminal"),
        ];
        for action in &actions {
            app.update(action.clone());
            for terminal in &mut screens {
                terminal
                    .draw(|frame| ui::draw(frame, &app, &theme))
                    .expect("draw");
                let buffer = terminal.backend().buffer();
                for cell in &buffer.content {
                    assert!(
                        !is_unprintable(cell.symbol()),
                        "a cell holds {:?}",
                        cell.symbol()
                    );
                }
            }
        }
    }
}

/// Whether `s` holds a character sanitising removes (C0 but `\n` and `\t`, DEL, C1, bidi
/// controls).
fn has_control(s: &str) -> bool {
    s.chars().any(layar::text::sanitize::is_removed)
}

/// Whether a screen cell holds anything but printable text.
fn is_unprintable(symbol: &str) -> bool {
    symbol
        .chars()
        .any(|c| c.is_control() || layar::text::sanitize::is_removed(c))
}
