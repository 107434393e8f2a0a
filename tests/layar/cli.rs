//! `--print` and `--check` as a user runs them: the real binary, its output and exit
//! status.

use crate::run::command;
use std::process::{Command, Output};

fn layar(args: &[&str]) -> Output {
    command(args)
        .env_remove("NO_COLOR")
        .output()
        .expect("run layar")
}

fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).expect("utf-8 stdout")
}

const SEED_SYNOPSIS_START: &str = "Simon, seorang pembuat film Prancis terkenal";

#[test]
fn print_shows_the_bundled_page_in_order() {
    let out = layar(&["--print", "--width", "70"]);
    assert!(out.status.success());
    let text = stdout(&out);
    let order = [
        "Di Balik Layar",
        "Plot",
        SEED_SYNOPSIS_START,
        "Tangkapan Layar",
        "1. Di Balik Layar screenshot 1",
        "3. Di Balik Layar screenshot 3",
        "Ulasan",
        "Belum ada ulasan.",
    ];
    let mut at = 0;
    for part in order {
        let found = text[at..]
            .find(part)
            .unwrap_or_else(|| panic!("{part:?} after byte {at} in:\n{text}"));
        at += found + part.len();
    }
    assert!(text.lines().all(|l| l.chars().count() <= 70));
    assert!(!text.contains('\x1b'), "no escapes when stdout is a pipe");
}

#[test]
fn not_a_terminal_prints_instead_of_opening_the_viewer() {
    let out = layar(&[]);
    assert!(out.status.success());
    let text = stdout(&out);
    assert!(text.starts_with("Di Balik Layar\n=============="), "{text}");
    assert!(
        text.lines().all(|l| l.chars().count() <= 80),
        "80 columns off a terminal"
    );
}

#[test]
fn color_always_styles_and_never_does_not() {
    let styled = stdout(&layar(&["--print", "--color", "always"]));
    assert!(styled.starts_with("\x1b[1mDi Balik Layar\x1b[0m"));
    let plain = stdout(&layar(&["--print", "--color", "never"]));
    assert!(!plain.contains('\x1b'));
}

#[test]
fn print_keeps_the_synopsis_character_for_character() {
    // The synopsis is one paragraph; rejoining the wrapped lines gives it back.
    let text = stdout(&layar(&["--print", "--width", "10000"]));
    let line = text
        .lines()
        .find(|l| l.starts_with(SEED_SYNOPSIS_START))
        .expect("synopsis line");
    assert_eq!(line.matches("που").count(), 5);
    assert_eq!(line.matches("фрон").count(), 1);
    assert!(line.ends_with("daripada film itu sendiri."));
    assert_eq!(line.matches(" – ").count(), 2, "the en dashes survive");
}

#[test]
fn check_reports_the_six_words_at_their_places_and_passes() {
    let out = layar(&["--check", "content/di-balik-layar.yaml"]);
    assert_eq!(out.status.code(), Some(0));
    let text = stdout(&out);
    let source = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/content/di-balik-layar.yaml"
    ))
    .expect("content file");
    let words: Vec<(usize, usize)> = text
        .lines()
        .filter(|l| l.contains("foreign to the page's language"))
        .map(|l| {
            let mut parts = l.splitn(4, ':');
            assert_eq!(parts.next(), Some("content/di-balik-layar.yaml"));
            let line: usize = parts.next().and_then(|n| n.parse().ok()).expect("line");
            let col: usize = parts.next().and_then(|n| n.parse().ok()).expect("column");
            (line, col)
        })
        .collect();
    assert_eq!(words.len(), 6, "{text}");
    let found: Vec<String> = words
        .iter()
        .map(|&(line, col)| {
            source
                .lines()
                .nth(line - 1)
                .expect("line")
                .chars()
                .skip(col - 1)
                .take_while(|c| c.is_alphabetic())
                .collect()
        })
        .collect();
    assert_eq!(found, ["фрон", "που", "που", "που", "που", "που"]);
    assert!(
        text.lines()
            .last()
            .is_some_and(|l| l.starts_with("checked 1 file: 0 errors")),
        "{text}"
    );
}

#[test]
fn check_without_a_file_checks_the_bundled_page() {
    let out = layar(&["--check"]);
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(
        stdout(&out)
            .matches("foreign to the page's language")
            .count(),
        6
    );
}

#[test]
fn check_takes_many_files_and_fails_on_any_error() {
    let out = layar(&[
        "--check",
        "content/di-balik-layar.yaml",
        "tests/fixtures/pages/reviews.yaml",
        "no/such/file.yaml",
    ]);
    assert_eq!(out.status.code(), Some(1));
    let text = stdout(&out);
    assert!(
        text.contains("tests/fixtures/pages/reviews.yaml:15:14: warning: screenshot image"),
        "{text}"
    );
    assert!(text.contains("no/such/file.yaml"), "{text}");
    assert!(
        text.trim_end()
            .ends_with("checked 3 files: 1 error, 9 warnings"),
        "{text}"
    );
}

#[test]
fn bad_arguments_exit_2() {
    assert_eq!(layar(&["--width", "0", "--print"]).status.code(), Some(2));
    assert_eq!(layar(&["--tab", "nine"]).status.code(), Some(2));
    assert_eq!(layar(&["a.yaml", "b.yaml"]).status.code(), Some(2));
}

#[test]
fn help_and_version_that_cannot_be_written_fail() {
    for arg in ["--help", "--version", "-h"] {
        let full = std::fs::OpenOptions::new()
            .write(true)
            .open("/dev/full")
            .expect("open /dev/full");
        let out = Command::new(env!("CARGO_BIN_EXE_layar"))
            .arg(arg)
            .stdout(full)
            .output()
            .expect("run layar");
        assert_eq!(out.status.code(), Some(1), "{arg}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains("cannot write the help"), "{arg}: {err}");
    }
    let out = layar(&["--help"]);
    assert_eq!(out.status.code(), Some(0));
    assert!(stdout(&out).contains("--max-size"));
}

#[test]
fn arguments_quoted_in_errors_are_escaped() {
    let hostile = "\x1b]52;c;eA==\x07\nerror: forged\u{9b}6n\u{202e}";
    let shown = "\\e]52;c;eA==\\a\\nerror: forged\\u{9b}6n\\u{202e}";
    let max_size = format!("--max-size={hostile}");
    // Each wrong command line, and whether its error quotes the hostile argument.
    for (args, quoted) in [
        (vec!["--print", "--tab", hostile], true),
        (vec!["--lang", hostile], true),
        (vec!["--color", hostile], true),
        (vec![max_size.as_str()], true),
        (vec!["--no-such-option", hostile], false),
        (vec![hostile, "--print", "--width", "5000000"], false),
    ] {
        let out = layar(&args);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        let err = String::from_utf8(out.stderr).expect("utf-8 stderr");
        let forged = err
            .lines()
            .filter(|l| l.starts_with("error: forged"))
            .count();
        assert_eq!(forged, 0, "{args:?}: a forged line\n{err}");
        assert!(
            !err.chars()
                .any(|c| (c.is_control() && c != '\n') || ('\u{202a}'..='\u{202e}').contains(&c)),
            "{args:?}: a control reached the terminal\n{err:?}"
        );
        assert_eq!(err.contains(shown), quoted, "{args:?}: {err}");
    }
}

#[test]
fn every_error_begins_the_same_way() {
    let dir = std::path::Path::new(env!("CARGO_TARGET_TMPDIR"));
    let not_yaml = dir.join("errors-not-yaml.yaml");
    std::fs::write(&not_yaml, "title: [\n").expect("write");
    let not_yaml = not_yaml.to_str().expect("a UTF-8 path");
    for args in [
        &["--no-such-option"][..],
        &["--lang", "fr"],
        &["--width", "0", "--print"],
        &["--check", "--print"],
        &["a.yaml", "b.yaml"],
        &["--tab", "nine", "--print"],
        &["--print", "no/such/page.yaml"],
        &["--print", not_yaml],
    ] {
        let out = layar(args);
        assert_ne!(out.status.code(), Some(0), "{args:?}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.starts_with("layar: error: "), "{args:?}: {err}");
        let first = err.lines().next().unwrap_or_default();
        assert_eq!(first.matches("error:").count(), 1, "{args:?}: {err}");
    }
}
