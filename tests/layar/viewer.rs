//! The viewer as a person uses it: keys in, screen out, terminal back afterwards.

use std::fmt::Write as _;

use crate::pty::{DOWN, END, Session, StateHome};

/// The body's first row (below the title, the tabs and the rule).
const BODY: u16 = 3;

#[test]
fn reading_the_bundled_page_from_first_key_to_quit() {
    let mut s = Session::start(&[], 80, 24);
    s.wait_for_text("Tangkapan Layar (3)");
    assert!(
        s.row(0).contains("Di Balik Layar"),
        "title: {}",
        s.contents()
    );
    assert!(s.row(1).contains("1 Plot"));
    assert!(s.row(1).contains("3 Ulasan (0)"));
    // The synopsis's length and reading time, then the synopsis.
    assert!(
        s.row(BODY).starts_with(" 518 kata · 3 menit "),
        "{}",
        s.contents()
    );
    assert!(
        s.row(BODY + 2).starts_with(" Simon, seorang"),
        "{}",
        s.contents()
    );
    s.wait_for("the footer", |sc| sc.contents().contains("Atas"));

    // Down twice: the synopsis moves up two lines, its first line at the top.
    // (The text only: the scrollbar's thumb may move.)
    let third: String = s.row(BODY + 2).chars().take(78).collect();
    s.send(DOWN);
    s.send(DOWN);
    s.wait_for("the synopsis to scroll", |sc| {
        sc.contents_between(BODY, 0, BODY, 78).trim_end() == third.trim_end()
    });

    // End: the last words of the synopsis, and the footer says so.
    s.send(END);
    s.wait_for_text("daripada film itu sendiri.");
    s.wait_for_text("Bawah");

    // r: the reviews tab, with its empty state.
    s.send("r");
    s.wait_for_text("Belum ada ulasan.");
    assert!(!s.contents().contains("Simon, seorang"));

    // ?: the help overlay, from the key table, then closed again.
    s.send("?");
    s.wait_for_text("Tombol");
    s.wait_for_text("ke ulasan");
    s.send("?");
    s.wait_for("help to close", |sc| !sc.contents().contains("Tombol"));

    // /Joseph Enter: nine matches, shown on the synopsis tab.
    s.send("/Joseph");
    s.wait_for_text("1/9");
    s.send("\r");
    s.wait_for_text("/Joseph 1/9");
    assert!(s.row(1).contains("Plot [9]"), "{}", s.row(1));
    assert!(s.contents().contains("Joseph"));
    s.send("n");
    s.wait_for_text("/Joseph 2/9");

    // q: back to the shell, the terminal as it was.
    s.send("q");
    assert_eq!(s.wait_exit(), 0);
    let raw = s.raw();
    let screen = s.contents();
    assert!(
        !screen.contains("Ulasan (0)"),
        "alternate screen left:\n{screen}"
    );
    let text = String::from_utf8_lossy(&raw);
    assert!(
        text.contains("\x1b[?1049h") && text.contains("\x1b[?1049l"),
        "alternate screen entered and left"
    );
    assert!(
        text.rfind("\x1b[?25h") > text.rfind("\x1b[?25l"),
        "cursor shown at the end"
    );
    assert!(
        text.contains("\x1b[?1007h") && text.contains("\x1b[?1007l"),
        "alternate scroll on and off"
    );
}

#[test]
fn a_big_file_shows_the_loading_screen_then_its_page() {
    // Over the 4 MiB from which the loading screen is drawn before the file is read.
    let path = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("viewer-big.yaml");
    let line = "    Sebuah paragraf panjang tentang film yang dibuat di balik layar.\n";
    let yaml = format!(
        "title: Halaman Besar\nsynopsis:\n  text: |\n{}",
        line.repeat(70_000)
    );
    std::fs::write(&path, &yaml).expect("write the big page");
    let arg = path.to_str().expect("a UTF-8 path");
    let mut s = Session::start(&[arg], 80, 24);
    s.wait_for_text("Halaman Besar");
    s.wait_for_text("Sebuah paragraf");
    let text = String::from_utf8_lossy(&s.raw()).into_owned();
    let loading = text.find("Loading").expect("the loading screen was drawn");
    // A word, not a phrase: where a space falls on a space of the loading screen,
    // ratatui moves the cursor over it rather than write it.
    let page = text.find("Sebuah").expect("the page was drawn");
    assert!(loading < page, "the loading screen comes first");
    assert!(
        text[loading..page].contains("(4.8 MB)…"),
        "with the file's size"
    );
    s.send("q");
    assert_eq!(s.wait_exit(), 0);
    let text = String::from_utf8_lossy(&s.raw()).into_owned();
    assert!(text.ends_with_restore(), "terminal restored");
    let _ = std::fs::remove_file(&path);
}

/// A page over the 4 MiB of the loading screen, its reviews last: 40,000 reviews, and
/// `last` as the last one's lines after its author. Gives its path and text.
fn big_page(name: &str, last: &str) -> (std::path::PathBuf, String) {
    let path = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join(name);
    let mut yaml = String::from(
        "title: Halaman Besar\nlanguage: id\nsynopsis:\n  text: |\n    Sebuah paragraf \
         tentang film.\nscreenshots:\n  items:\n  - caption: Di lokasi.\nreviews:\n  items:\n",
    );
    for i in 1..40_000 {
        let _ = write!(
            yaml,
            "  - author: Penulis {i}\n    rating: 7\n    text: Ulasan yang cukup panjang \
             tentang film ini, dan tentang kru di balik layarnya.\n"
        );
    }
    yaml.push_str("  - author: Penulis 40000\n");
    yaml.push_str(last);
    assert!(yaml.len() > 4 << 20, "{} bytes", yaml.len());
    std::fs::write(&path, &yaml).expect("write the big page");
    (path, yaml)
}

#[test]
fn a_big_page_shows_its_head_while_its_reviews_are_read_and_reopens_where_left() {
    let (path, _) = big_page("viewer-head.yaml", "    text: Yang terakhir.\n");
    let arg = path.to_str().expect("a UTF-8 path");
    let home = StateHome::new();
    let env = [(
        "XDG_STATE_HOME",
        home.path().to_str().expect("a UTF-8 path"),
    )];
    let mut s = Session::start_with_env(&[arg], 80, 24, &env);
    s.wait_for_text("Sebuah paragraf");
    s.send("3");
    // The reviews tab while they are read: no count, and says so.
    s.wait_for("the reviews tab, still reading", |sc| {
        let tabs = sc.contents_between(1, 0, 1, 80);
        sc.contents().contains("Membaca ulasan…")
            && tabs.trim_end().ends_with("3 Ulasan")
            && !tabs.contains("Ulasan (")
    });
    // Then the whole page, on the tab the reader went to.
    s.wait_for_text("3 Ulasan (40000)");
    s.wait_for_text("Penulis 1");
    s.send(END);
    s.wait_for_text("ulasan 40000/40000");
    s.send("q");
    assert_eq!(s.wait_exit(), 0);

    // Reopened: the head first, on the tab left, then the page where it was left.
    let mut s = Session::start_with_env(&[arg], 80, 24, &env);
    s.wait_for_text("ulasan 40000/40000");
    let text = String::from_utf8_lossy(&s.raw()).into_owned();
    let reading = text.find("Membaca ulasan").expect("the head was shown");
    assert!(reading < text.rfind("40000/40000").expect("the place left"));
    s.send("q");
    assert_eq!(s.wait_exit(), 0);
    let _ = std::fs::remove_file(&path);
}

#[test]
fn a_big_page_that_breaks_after_its_head_is_refused_at_its_place() {
    let (path, yaml) = big_page(
        "viewer-head-broken.yaml",
        "    rating: 11\n    text: Terlalu tinggi.\n",
    );
    let line = yaml
        .lines()
        .position(|l| l == "    rating: 11")
        .expect("the line")
        + 1;
    let arg = path.to_str().expect("a UTF-8 path");
    let mut s = Session::start(&[arg], 80, 24);
    s.wait_for_text("Sebuah paragraf");
    assert_eq!(s.wait_exit(), 1);
    let text = String::from_utf8_lossy(&s.raw()).into_owned();
    let error = text
        .find(&format!(
            "layar: error: {arg}:{line}:13: reviews.items[39999].rating"
        ))
        .unwrap_or_else(|| panic!("the error with its place: {text:?}"));
    assert!(
        text.rfind("\x1b[?1049l")
            .is_some_and(|restored| restored < error),
        "the terminal is given back before the error is written"
    );
    let _ = std::fs::remove_file(&path);
}

#[test]
fn a_small_terminal_still_reads_and_a_tiny_one_says_so() {
    let mut s = Session::start(&[], 40, 12);
    s.wait_for_text("Simon, seorang");
    s.send("2");
    s.wait_for_text("1/3");
    s.resize(10, 4);
    s.wait_for_text("Terminal");
    s.resize(60, 20);
    s.wait_for_text("screenshot 1");
    s.send("q");
    assert_eq!(s.wait_exit(), 0);
}

#[test]
fn sigterm_restores_the_terminal() {
    let mut s = Session::start(&[], 80, 24);
    s.wait_for_text("Tangkapan Layar (3)");
    let pid = s.pid();
    let status = std::process::Command::new("kill")
        .args(["-TERM", &pid.to_string()])
        .status()
        .expect("run kill");
    assert!(status.success());
    let code = s.wait_exit();
    assert_eq!(code, 128 + 15);
    let text = String::from_utf8_lossy(&s.raw()).into_owned();
    assert!(text.ends_with_restore(), "terminal restored before exit");
}

trait EndsWithRestore {
    fn ends_with_restore(&self) -> bool;
}

impl EndsWithRestore for String {
    fn ends_with_restore(&self) -> bool {
        let left = self.rfind("\x1b[?1049l");
        left.is_some()
            && left > self.rfind("\x1b[?1049h")
            && self.rfind("\x1b[?25h") > self.rfind("\x1b[?25l")
    }
}

#[test]
fn with_mouse_a_click_selects_a_tab_and_the_wheel_scrolls() {
    let mut s = Session::start(&["--mouse"], 80, 24);
    s.wait_for_text("Tangkapan Layar (3)");
    let first = s.row(BODY);
    // SGR mouse report: wheel down at column 10, row 10 (1-based).
    s.send("\x1b[<65;10;10M");
    s.wait_for("the wheel to scroll", |sc| {
        sc.contents_between(BODY, 0, BODY, 80).trim_end() != first.trim_end()
    });
    // A left click on the third tab ("3 Ulasan (0)" starts at column 34).
    s.send("\x1b[<0;40;2M\x1b[<0;40;2m");
    s.wait_for_text("Belum ada ulasan.");
    s.send("q");
    assert_eq!(s.wait_exit(), 0);
    let text = String::from_utf8_lossy(&s.raw()).into_owned();
    assert!(text.contains("\x1b[?1000h"), "mouse captured");
    assert!(
        text.rfind("\x1b[?1000l") > text.rfind("\x1b[?1000h"),
        "and released"
    );
    assert!(
        !text.contains("\x1b[?1007h"),
        "no alternate scroll with --mouse"
    );
}

#[test]
fn resize_keeps_the_reader_in_place() {
    let mut s = Session::start(&[], 80, 24);
    s.wait_for_text("Simon, seorang");
    // The footer is drawn last: with it on screen, the whole first frame is.
    s.wait_for_text("Atas");
    let thirteenth = s.row(BODY + 12);
    for _ in 0..12 {
        s.send(DOWN);
    }
    s.wait_for("twelve lines down", |sc| {
        sc.contents_between(BODY, 0, BODY, 80).trim_end() == thirteenth.trim_end()
    });
    let top = s.row(BODY);
    let word = top
        .split_whitespace()
        .next()
        .expect("a word on the top line")
        .to_string();
    s.resize(50, 16);
    s.wait_for("the reflow", |sc| {
        sc.size().1.get() == 50 && sc.contents_between(BODY, 0, BODY, 50).contains(&word)
    });
    s.send("q");
    assert_eq!(s.wait_exit(), 0);
}

#[test]
fn every_copy_of_a_wide_cluster_reaches_the_terminal() {
    // 24 copies of ｶﾞ (halfwidth katakana and its voiced mark, one cluster) at 30
    // columns, then clusters wider than two cells. vt100 gives the voiced mark a cell of
    // its own and ratatui's measure may differ from it, so what is counted is the
    // characters on screen, not their columns.
    let mut s = Session::start(&["tests/fixtures/hostile/wide-clusters.yaml"], 30, 16);
    s.wait_for_text("syuting.");
    let screen = s.contents();
    assert_eq!(screen.matches('ｶ').count(), 24, "{screen}");
    assert_eq!(screen.matches('\u{FF9E}').count(), 24, "{screen}");
    for cluster in ["a🏽", "ᄀ가", "क्त्य"] {
        // Three of each in the synopsis; the title has one more of each.
        assert_eq!(screen.matches(cluster).count(), 4, "{cluster}: {screen}");
    }
    // On the reviews tab nothing of the synopsis is left behind: a terminal draws each
    // of these clusters as several glyphs, all of which must be cleared.
    s.send("3");
    s.wait_for_text("menyenangkan.");
    let screen = s.contents();
    assert_eq!(screen.matches('\u{FF9E}').count(), 0, "{screen}");
    assert_eq!(screen.matches('🏽').count(), 3, "{screen}");
    assert_eq!(screen.matches('가').count(), 3, "{screen}");
    assert_eq!(screen.matches('य').count(), 2, "{screen}");
    s.send("q");
    assert_eq!(s.wait_exit(), 0);
}
