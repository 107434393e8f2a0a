//! Reading as `less` and vim readers expect: a search that starts where the reader
//! is and says when it wraps, an Esc that never quits, and a page that reopens where
//! it was left, its reviews in the order and filter they were left in.

use std::fmt::Write as _;
use std::path::PathBuf;

use crate::pty::{DOWN, Session, StateHome};

/// The body's first row (below the title, the tabs and the rule).
const BODY: u16 = 3;

/// A page of 40 reviews, each mentioning a film; only the first names Ana.
fn many_reviews() -> PathBuf {
    let path = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("reading-reviews.yaml");
    let mut yaml = String::from(
        "title: Forty Reviews\nlanguage: en\nsynopsis:\n  text: A film about films.\nreviews:\n  items:\n",
    );
    for i in 1..=40 {
        let author = if i == 1 { "Ana Lima" } else { "Budi" };
        let _ = write!(
            yaml,
            "    - author: {author} {i}\n      text: Review {i} of the film, a few words long.\n"
        );
    }
    std::fs::write(&path, yaml).expect("write the page");
    path
}

/// Presses Esc alone and waits for the frame drawn after it. crossterm reads an Esc
/// that arrives with more input as the start of what follows (Alt and a letter; two
/// Escs as one), so the next key is sent only once this one has been read: each
/// frame ends by hiding the cursor, so a new `ESC [ ? 25 l` says it was.
fn esc(s: &mut Session) {
    let from = s.output_len();
    s.send("\x1b");
    s.wait_for_output_since(from, "\x1b[?25l");
}

/// Whether the bundled page shows its synopsis from the top: the reading aid, a
/// blank line, then the text.
fn at_the_top(s: &Session) -> bool {
    s.row(BODY).contains("518 kata · 3 menit") && s.row(BODY + 2).starts_with(" Simon, seorang")
}

/// The footer's row at 80×24.
fn footer(s: &Session) -> String {
    s.row(23)
}

#[test]
fn a_search_from_the_middle_of_the_reviews_goes_forward_then_wraps() {
    let page = many_reviews();
    let page = page.to_str().expect("a UTF-8 path");
    let mut s = Session::start(&["--tab", "reviews", page], 80, 24);
    s.wait_for_text("review 1/40");
    for _ in 0..20 {
        s.send("]");
    }
    s.wait_for_text("review 21/40");
    assert!(s.row(BODY).contains("Budi 21"), "{}", s.contents());

    // Every review has "film", and the synopsis two: the first hit is the one at the
    // top of the screen, in review 21, the 23rd of 42.
    s.send("/film\r");
    s.wait_for_text("/film 23/42");
    let row = footer(&s);
    assert!(!row.contains("wrapped"), "{row}");
    assert!(s.row(BODY).contains("Budi 21"), "{}", s.contents());

    // From the last screen, "Ana" is only in the first review: round the end to it.
    esc(&mut s);
    s.wait_for("the search to go", |sc| !sc.contents().contains("/film"));
    s.send("G");
    s.wait_for_text("Bot");
    s.send("/Ana\r");
    s.wait_for_text("search wrapped");
    s.wait_for_text("/Ana 1/1");
    assert!(s.contents().contains("Ana Lima 1"), "{}", s.contents());
    // The note goes with the next key; `n` on the only hit goes round again.
    s.send("k");
    s.wait_for("the note to go", |sc| {
        !sc.contents().contains("search wrapped")
    });
    s.send("n");
    s.wait_for_text("search wrapped");
    s.send("q");
    assert_eq!(s.wait_exit(), 0);
}

#[test]
fn esc_at_rest_keeps_the_viewer_running() {
    let mut s = Session::start(&[], 80, 24);
    s.wait_for_text("Simon, seorang");
    s.wait_for_text("Atas");
    let second = s.row(BODY + 1);
    // Esc with nothing open, twice, as one presses it to be sure: nothing happens,
    // and the viewer still reads keys: Down scrolls.
    esc(&mut s);
    esc(&mut s);
    s.send(DOWN);
    s.wait_for("the synopsis to scroll", |sc| {
        sc.contents_between(BODY, 0, BODY, 80).trim_end() == second.trim_end()
    });
    // Esc closes the help, then the search, and the viewer is still there.
    s.send("?");
    s.wait_for_text("Tombol");
    esc(&mut s);
    s.wait_for("the help to close", |sc| !sc.contents().contains("Tombol"));
    s.send("/Joseph\r");
    s.wait_for_text("/Joseph 1/9");
    esc(&mut s);
    s.wait_for("the search to go", |sc| !sc.contents().contains("/Joseph"));
    let third = s.row(BODY + 1);
    esc(&mut s);
    s.send(DOWN);
    s.wait_for("the synopsis to scroll again", |sc| {
        sc.contents_between(BODY, 0, BODY, 80).trim_end() == third.trim_end()
    });
    s.send("q");
    assert_eq!(s.wait_exit(), 0);
}

#[test]
fn a_page_reopens_where_it_was_left_unless_told_not_to() {
    let home = StateHome::new();
    let state = home.path().to_str().expect("a UTF-8 path");
    let env = [("XDG_STATE_HOME", state)];

    let mut s = Session::start_with_env(&[], 80, 24, &env);
    s.wait_for_text("Simon, seorang");
    let thirteenth = s.row(BODY + 12);
    for _ in 0..12 {
        s.send(DOWN);
    }
    s.wait_for("twelve lines down", |sc| {
        sc.contents_between(BODY, 0, BODY, 80).trim_end() == thirteenth.trim_end()
    });
    let top = s.row(BODY);
    s.send("q");
    assert_eq!(s.wait_exit(), 0);
    let file = std::path::Path::new(state).join("layar").join("places");
    assert!(
        file.is_file(),
        "the places were kept in the state directory"
    );

    // Reopened: the same first line, and the footer says why.
    let mut s = Session::start_with_env(&[], 80, 24, &env);
    s.wait_for_text("dilanjutkan");
    assert_eq!(s.row(BODY), top, "{}", s.contents());
    assert!(
        !footer(&s).contains("keluar"),
        "the note in the keys' place"
    );
    // The note goes with the first key.
    s.send("k");
    s.wait_for("the keys again", |sc| {
        sc.contents_between(23, 0, 23, 80).contains("q keluar")
    });
    s.send("j");
    s.wait_for("back down", |sc| {
        sc.contents_between(BODY, 0, BODY, 80) == top
    });
    s.send("q");
    assert_eq!(s.wait_exit(), 0);

    // --no-resume: the top, no note.
    let mut s = Session::start_with_env(&["--no-resume"], 80, 24, &env);
    s.wait_for_text("Atas");
    assert!(at_the_top(&s), "{}", s.contents());
    assert!(!s.contents().contains("dilanjutkan"));
    s.send("q");
    assert_eq!(s.wait_exit(), 0);

    // It kept the top on quit, so the next open is at the top too.
    let mut s = Session::start_with_env(&[], 80, 24, &env);
    s.wait_for_text("Atas");
    assert!(at_the_top(&s), "{}", s.contents());
    s.send("q");
    assert_eq!(s.wait_exit(), 0);
}

#[test]
fn a_saved_tab_gives_way_to_tab_and_a_corrupt_state_file_to_the_top() {
    let home = StateHome::new();
    let state = home.path();
    let state_str = state.to_str().expect("a UTF-8 path");
    let env = [("XDG_STATE_HOME", state_str)];
    let mut s = Session::start_with_env(&[], 80, 24, &env);
    s.wait_for_text("Simon, seorang");
    s.send("2");
    s.wait_for_text("screenshot 1");
    s.send("q");
    assert_eq!(s.wait_exit(), 0);

    let mut s = Session::start_with_env(&[], 80, 24, &env);
    s.wait_for_text("screenshot 1");
    s.wait_for_text("dilanjutkan");
    s.send("q");
    assert_eq!(s.wait_exit(), 0);

    let mut s = Session::start_with_env(&["--tab", "1"], 80, 24, &env);
    s.wait_for_text("Simon, seorang");
    s.send("q");
    assert_eq!(s.wait_exit(), 0);

    // A state file of garbage: the top, and nothing said about it.
    let file = state.join("layar").join("places");
    std::fs::write(&file, b"\xff\xfe garbage\n\0\0").expect("spoil the file");
    let mut s = Session::start_with_env(&[], 80, 24, &env);
    s.wait_for_text("Atas");
    assert!(at_the_top(&s), "{}", s.contents());
    let screen = s.contents();
    assert!(
        !screen.contains("dilanjutkan") && !screen.contains("error"),
        "{screen}"
    );
    s.send("q");
    assert_eq!(s.wait_exit(), 0);
}

#[test]
fn the_reviews_reopen_in_their_order_and_filter_at_the_same_review() {
    let home = StateHome::new();
    let state = home.path().to_str().expect("a UTF-8 path");
    let env = [("XDG_STATE_HOME", state)];
    let page = "tests/fixtures/pages/reviews.yaml";

    let mut s = Session::start_with_env(&[page, "--tab", "reviews"], 80, 24, &env);
    s.wait_for_text("average of 4 rated reviews");
    // Highest rated first, 6 and over: Dana, Ana, Budi; the second selected.
    s.send("sff");
    s.wait_for_text("Reviews (3/5)");
    s.wait_for_text("rating ≥ 6");
    s.send("]]");
    s.wait_for_text("review 2/3");
    let shown = s.contents();
    s.send("q");
    assert_eq!(s.wait_exit(), 0);

    // Reopened (an English page): the same order, filter, review and screen, the
    // note aside.
    let mut s = Session::start_with_env(&[page], 80, 24, &env);
    s.wait_for_text("resumed");
    let footer = footer(&s);
    assert!(
        footer.contains("highest rated · rating ≥ 6 · review 2/3"),
        "{footer}"
    );
    assert!(s.row(1).contains("Reviews (3/5)"), "{}", s.row(1));
    for row in 0..23 {
        assert_eq!(
            s.row(row),
            shown.lines().nth(usize::from(row)).unwrap_or_default(),
            "row {row}:\n{}",
            s.contents()
        );
    }
    s.send("q");
    assert_eq!(s.wait_exit(), 0);

    // --no-resume: the page's order, every review, the top.
    let mut s = Session::start_with_env(&[page, "--no-resume", "--tab", "reviews"], 80, 24, &env);
    s.wait_for_text("Reviews (5)");
    assert!(!s.contents().contains("highest rated"), "{}", s.contents());
    assert!(!s.contents().contains("resumed"));
    s.send("q");
    assert_eq!(s.wait_exit(), 0);
}
