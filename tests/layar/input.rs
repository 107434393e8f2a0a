//! Input that used to hang or misbehave, through the real binary in a pseudo-terminal:
//! a paste into the search prompt, a burst of keys, the quit keys while a large page
//! loads, a file name that carries an escape sequence into the window title, and the
//! terminals the viewer should not start on (`TERM=dumb`, one reporting 0 columns).

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use crate::pty::Session;

/// A page of `reviews` reviews, each about `words` words long, written once under
/// Cargo's temporary folder as `name` and reused.
fn reviews_page(name: &str, reviews: usize, words: usize) -> PathBuf {
    let path = Path::new(env!("CARGO_TARGET_TMPDIR")).join(name);
    let mut yaml = String::from(
        "title: Many Reviews\nlanguage: en\nsynopsis:\n  text: A page with many reviews.\n\
         reviews:\n  items:\n",
    );
    for i in 0..reviews {
        let _ = write!(
            yaml,
            "    - author: Reviewer {i}\n      rating: 7\n      text: >-\n        "
        );
        for w in 0..words {
            yaml.push_str(["film ", "kisah ", "layar ", "Joseph "][(i + w) % 4]);
        }
        yaml.push('\n');
    }
    if std::fs::metadata(&path).is_ok_and(|m| m.len() == yaml.len() as u64) {
        return path;
    }
    // Tests run in parallel: write a file of this thread's own, then move it in place.
    let own = path.with_extension(format!("{:?}.tmp", std::thread::current().id()));
    std::fs::write(&own, yaml).expect("write the page");
    std::fs::rename(&own, &path).expect("move the page into place");
    path
}

/// Bracketed paste, as a terminal sends it once the program has asked for it.
fn pasted(text: &str) -> String {
    format!("\x1b[200~{text}\x1b[201~")
}

/// The characters of the output that could act on a terminal inside a window title.
fn controls_in(title: &str) -> Vec<char> {
    title
        .chars()
        .filter(|&c| {
            c.is_control()
                || ('\u{202A}'..='\u{202E}').contains(&c)
                || ('\u{2066}'..='\u{2069}').contains(&c)
        })
        .collect()
}

/// The window titles the output sets (OSC 0 or 2, up to BEL), raw.
fn titles(raw: &[u8]) -> Vec<&[u8]> {
    let mut found = Vec::new();
    let mut rest = raw;
    while let Some(at) = rest
        .windows(4)
        .position(|w| w == b"\x1b]0;" || w == b"\x1b]2;")
    {
        let body = &rest[at + 4..];
        let end = body.iter().position(|&b| b == 0x07).unwrap_or(body.len());
        found.push(&body[..end]);
        rest = &body[end..];
    }
    found
}

#[test]
fn a_paste_into_the_prompt_is_one_edit_cut_at_a_thousand_characters() {
    let mut s = Session::start(&["--lang", "en"], 80, 24);
    s.wait_for_text("quit");
    // A paste outside the prompt does nothing (its `q` does not quit).
    s.send(&pasted("q/x"));
    s.send("/");
    s.wait_for("the prompt", |sc| !sc.contents().contains("? help"));
    // 100 KB, with line breaks and an escape sequence in it: one edit, on one line,
    // the sequence inert, the query cut at 1,000 characters.
    let text = "Joseph \x1b]52;c;eA==\x07menulis\r\n".repeat(4_000);
    s.send(&pasted(&text));
    s.wait_for_text("query cut at 1000");
    let footer = s.row(23);
    assert!(footer.contains("no matches"), "{footer}");
    assert!(
        footer.contains("menulis Joseph ]52;c;eA==menulis"),
        "{footer}"
    );
    // Keys still act at once: Esc leaves the prompt, and a short paste searches.
    s.send("\x1b");
    s.wait_for("the prompt to close", |sc| {
        !sc.contents().contains("query cut")
    });
    s.send("/");
    s.send(&pasted("Joseph"));
    s.wait_for_text("1/9");
    s.send("\r");
    s.wait_for_text("/Joseph 1/9");
    s.send("q");
    assert_eq!(s.wait_exit(), 0);
    let raw = String::from_utf8_lossy(&s.raw()).into_owned();
    assert!(
        !raw.contains("\x1b]52"),
        "the pasted sequence reached the terminal"
    );
    let on = raw.find("\x1b[?2004h").expect("bracketed paste turned on");
    assert!(raw.rfind("\x1b[?2004l") > Some(on), "and off at the end");
}

#[test]
fn a_burst_of_two_thousand_keys_is_applied_without_another_key() {
    let page = reviews_page("input-burst.yaml", 2_500, 12);
    let page = page.to_str().expect("a UTF-8 path");
    let mut s = Session::start(&["--lang", "en", "--tab", "reviews", page], 80, 24);
    // The ratings summary comes first: above the first review.
    s.wait_for_text("review –/2500");
    // One write of 2,000 keys: more than crossterm's 1 KiB read.
    s.send(&"]".repeat(2_000));
    s.wait_for_text("review 2000/2500");
    s.send("q");
    assert_eq!(s.wait_exit(), 0);
}

#[test]
fn ctrl_c_quits_while_a_large_page_loads() {
    // About 48 MB: a debug build takes seconds to parse it, long enough to be sure the
    // key comes while it loads.
    let page = reviews_page("input-loading.yaml", 80_000, 100);
    let page = page.to_str().expect("a UTF-8 path");
    let mut s = Session::start(&["--lang", "en", page], 80, 24);
    s.wait_for_text("Loading");
    s.send("\x03");
    assert_eq!(s.wait_exit(), 0);
    let raw = String::from_utf8_lossy(&s.raw()).into_owned();
    assert!(
        !raw.contains("quit"),
        "the page was shown: it loaded before the key"
    );
    let entered = raw.find("\x1b[?1049h").expect("the alternate screen");
    assert!(raw.rfind("\x1b[?1049l") > Some(entered), "left at the end");
    assert!(
        raw.rfind("\x1b[?25h") > raw.rfind("\x1b[?25l"),
        "cursor shown"
    );
}

#[test]
fn a_file_name_never_writes_the_clipboard_through_the_window_title() {
    // At least 4 MiB, so the name goes into the title while the page loads.
    let page = reviews_page("input-title.yaml", 9_000, 90);
    assert!(std::fs::metadata(&page).expect("the page").len() >= 4 << 20);
    let named = page.with_file_name("osc\x1b]52;c;SGVsbG8=\x07\u{9b}6n\u{202e}.yaml");
    std::fs::copy(&page, &named).expect("copy the page under a hostile name");
    let named = named.to_str().expect("a UTF-8 path");
    let mut s = Session::start(&["--lang", "en", named], 80, 24);
    s.wait_for_text("quit");
    s.send("q");
    assert_eq!(s.wait_exit(), 0);
    let raw = s.raw();
    let shown = String::from_utf8_lossy(&raw);
    assert!(!shown.contains("\x1b]52"), "OSC 52 reached the terminal");
    assert!(!shown.contains("\u{9b}") && !shown.contains("\u{202e}"));
    let titles = titles(&raw);
    assert!(titles.len() >= 2, "the file's name, then the page's title");
    for title in &titles {
        let title = String::from_utf8_lossy(title);
        assert!(controls_in(&title).is_empty(), "{title:?}");
        assert!(title.ends_with(" — layar"), "{title:?}");
    }
    let bells = String::from_utf8_lossy(&raw).matches('\x07').count();
    assert_eq!(bells, titles.len(), "a BEL other than a title's end");
}

#[test]
fn term_dumb_prints_the_page_instead_of_the_viewer() {
    let mut s = Session::start_with_env(&["--lang", "en"], 80, 24, &[("TERM", "dumb")]);
    assert_eq!(s.wait_exit(), 0, "printed and done, no key needed");
    let raw = String::from_utf8_lossy(&s.raw()).into_owned();
    assert!(raw.contains("Di Balik Layar"), "{raw}");
    assert!(
        !raw.contains('\x1b'),
        "no escape sequence for a dumb terminal"
    );
}

#[test]
fn print_on_a_terminal_of_no_width_wraps_at_80() {
    let mut s = Session::start(&["--print", "--color", "never"], 0, 24);
    assert_eq!(s.wait_exit(), 0);
    let raw = String::from_utf8_lossy(&s.raw()).into_owned();
    let widths: Vec<usize> = raw
        .lines()
        .map(|l| layar::text::width::str_width(l.trim_end_matches('\r')))
        .collect();
    assert!(widths.iter().all(|&w| w <= 80), "{widths:?}");
    assert!(
        widths.iter().filter(|&&w| w > 60).count() > 10,
        "lines of full width: {widths:?}"
    );
}
