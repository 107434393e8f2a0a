//! `--print`, `--check` and error messages on every class of hostile content, and files
//! the loader must refuse without hanging: nothing that acts on a terminal gets
//! through, and lines keep to their width.

use std::path::Path;
use std::process::Command;

use layar::text::width::str_width;
use unicode_segmentation::UnicodeSegmentation;

use super::{
    acts_on_terminal, all_pages, controls, fixture, layar, layar_within_patience, long_word_page,
    scratch, text,
};

#[test]
fn print_passes_no_control_through() {
    for page in all_pages() {
        for color in [&[][..], &["--color", "never"][..]] {
            let out = layar(&[&["--print", "--width", "40", &page], color].concat());
            let stdout = text(&out.stdout);
            assert!(out.status.success(), "{page}: {:?}", text(&out.stderr));
            assert!(out.stderr.is_empty(), "{page}: {}", text(&out.stderr));
            assert_eq!(controls(&stdout), [], "{page}:\n{stdout}");
        }
    }
    let out = layar(&["--print", &fixture("escape-sequences.yaml")]);
    let stdout = text(&out.stdout);
    assert!(
        stdout.starts_with("Evil ]0;OSC0-TITLE-PAYLOAD Film [21tc\n"),
        "only the introducers go; the rest is inert text:\n{stdout}"
    );
}

#[test]
fn print_in_colour_writes_only_its_own_styles() {
    for page in all_pages() {
        let out = layar(&["--print", "--color", "always", &page]);
        assert!(out.status.success(), "{page}");
        let stdout = text(&out.stdout);
        // Take out every SGR sequence (ESC [ digits and semicolons m): nothing else
        // may act on the terminal.
        let mut rest = String::new();
        let mut chars = stdout.chars().peekable();
        while let Some(c) = chars.next() {
            if c == '\x1b' && chars.peek() == Some(&'[') {
                chars.next();
                while chars
                    .peek()
                    .is_some_and(|c| c.is_ascii_digit() || *c == ';')
                {
                    chars.next();
                }
                assert_eq!(chars.next(), Some('m'), "{page}: a sequence other than SGR");
                continue;
            }
            rest.push(c);
        }
        assert_eq!(controls(&rest), [], "{page}");
    }
}

#[test]
fn print_keeps_every_line_within_the_width() {
    let (long, word) = long_word_page();
    for page in [
        fixture("zero-width-and-wide.yaml"),
        fixture("combining-marks.yaml"),
        long.clone(),
    ] {
        for width in [7, 40, 80] {
            let out = layar(&["--print", "--width", &width.to_string(), &page]);
            assert!(out.status.success(), "{page}");
            for line in text(&out.stdout).lines() {
                let single = line.graphemes(true).count() == 1;
                assert!(
                    str_width(line) <= width || single,
                    "{page} at {width}: {} columns: {line:?}",
                    str_width(line)
                );
            }
        }
    }
    // The word is cut into full lines, and nothing of it is lost.
    let out = layar(&["--print", "--width", "40", &long]);
    let stdout = text(&out.stdout);
    let synopsis: Vec<&str> = stdout
        .split("\n\n")
        .nth(2)
        .expect("the synopsis, after the title and the heading")
        .lines()
        .collect();
    assert_eq!(synopsis.len(), 500);
    assert!(synopsis.iter().all(|l| l.chars().count() == 40));
    assert_eq!(synopsis.concat(), word);
}

/// Columns a line takes in a terminal, by `wcwidth` as glibc and xterm count them: per
/// character, where a halfwidth voiced sound mark and a soft hyphen take a column each
/// (unicode-width's per-character table gives them 0 in some versions).
fn wcwidth(line: &str) -> usize {
    line.chars()
        .map(|c| match c {
            '\u{AD}' | '\u{FF9E}' | '\u{FF9F}' => 1,
            c => unicode_width::UnicodeWidthChar::width(c).unwrap_or(0),
        })
        .sum()
}

#[test]
fn print_fits_the_width_as_terminals_count_it() {
    let page = fixture("wide-clusters.yaml");
    // From 7 columns, where the widest cluster (ᄀ가, 4) fits beside a card's `1. `: a
    // single cluster wider than its line is the one thing that overflows.
    for width in [7, 8, 13, 20, 31, 40, 80] {
        for fit in ["first-fit", "optimal"] {
            let args = [
                "--print",
                "--width",
                &width.to_string(),
                "--wrap",
                fit,
                &page,
            ];
            let out = layar(&args);
            assert!(out.status.success(), "{args:?}");
            let stdout = text(&out.stdout);
            assert!(
                !stdout.contains('\u{AD}'),
                "a soft hyphen written: {stdout}"
            );
            for line in stdout.lines() {
                assert!(
                    wcwidth(line) <= width,
                    "{fit} at {width}: {} columns: {line:?}",
                    wcwidth(line)
                );
            }
            // Nothing lost: every copy, and the words a soft hyphen cut show whole.
            let joined = stdout.replace("-\n", "");
            assert_eq!(joined.matches('ｶ').count(), 24, "{stdout}");
            assert_eq!(joined.matches("a🏽").count(), 7, "{stdout}");
            assert_eq!(joined.matches("ᄀ가").count(), 7, "{stdout}");
            assert!(joined.contains("kekacauan"), "{stdout}");
        }
    }
    let out = layar(&["--print", "--width", "20", &page]);
    assert!(
        text(&out.stdout).contains("Pembuatan film dimu-\nlai."),
        "{}",
        text(&out.stdout)
    );
}

// ---------------------------------------------------------------------------------
// --check and error messages

/// Line and column (characters, from 1) of byte `at` in `text`.
fn line_col(text: &str, at: usize) -> (usize, usize) {
    let before = &text[..at];
    let line = before.matches('\n').count() + 1;
    let start = before.rfind('\n').map_or(0, |i| i + 1);
    (line, before[start..].chars().count() + 1)
}

#[test]
fn check_reports_each_removed_character_where_it_stands() {
    let name = fixture("bidi-overrides.yaml");
    let source = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join(&name))
        .expect("read the fixture");
    let expected: Vec<String> = controls(&source)
        .into_iter()
        .map(|(at, c)| {
            let (line, col) = line_col(&source, at);
            format!("{name}:{line}:{col}: warning: U+{:04X} ", u32::from(c))
        })
        .collect();
    assert_eq!(expected.len(), 17, "the fixture's bidi controls");
    let out = layar(&["--check", &name]);
    let stdout = text(&out.stdout);
    assert!(out.status.success(), "warnings do not fail the check");
    for want in &expected {
        assert!(
            stdout.lines().any(|l| l.starts_with(want.as_str())),
            "no line starting {want:?} in:\n{stdout}"
        );
    }
    assert_eq!(stdout.matches("is removed").count(), expected.len());
    assert_eq!(controls(&stdout), []);
}

/// The characters a double-quoted YAML scalar's escapes produce that act on a
/// terminal, with the byte offset of each escape's backslash.
fn escaped_controls(source: &str) -> Vec<(usize, char)> {
    let mut found = Vec::new();
    let bytes = source.as_bytes();
    let mut i = 0;
    while i + 1 < bytes.len() {
        // Comments hold no escapes (the fixtures' comments name some).
        if bytes[i] == b'#' {
            i += source[i..].find('\n').unwrap_or(source.len() - i);
            continue;
        }
        if bytes[i] != b'\\' {
            i += 1;
            continue;
        }
        let hex = |n: usize| {
            source
                .get(i + 2..i + 2 + n)
                .and_then(|h| u32::from_str_radix(h, 16).ok())
                .and_then(char::from_u32)
        };
        let (c, len) = match bytes[i + 1] {
            b'e' => (Some('\x1b'), 2),
            b'a' => (Some('\x07'), 2),
            b'0' => (Some('\0'), 2),
            b'N' => (Some('\u{85}'), 2),
            b'x' => (hex(2), 4),
            b'u' => (hex(4), 6),
            _ => (None, 2),
        };
        if let Some(c) = c.filter(|&c| acts_on_terminal(c)) {
            found.push((i, c));
        }
        i += len;
    }
    found
}

#[test]
fn check_reports_controls_written_as_yaml_escapes() {
    for class in ["escape-sequences.yaml", "c1-controls.yaml"] {
        let name = fixture(class);
        let source = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join(&name))
            .expect("read the fixture");
        let expected = escaped_controls(&source);
        assert!(expected.len() > 10, "{class}: {expected:?}");
        let stdout = text(&layar(&["--check", &name]).stdout);
        for (at, c) in expected {
            let (line, _) = line_col(&source, at);
            let want = format!("{name}:{line}:");
            let code = format!("U+{:04X}", u32::from(c));
            assert!(
                stdout
                    .lines()
                    .any(|l| l.starts_with(&want) && l.contains(&code)),
                "{code} on line {line} not reported:\n{stdout}"
            );
        }
    }
}

#[test]
fn check_output_is_clean_for_every_class() {
    let pages = all_pages();
    let args: Vec<&str> = std::iter::once("--check")
        .chain(pages.iter().map(String::as_str))
        .collect();
    let out = layar(&args);
    let stdout = text(&out.stdout);
    assert!(out.status.success(), "{stdout}");
    assert_eq!(controls(&stdout), [], "{stdout}");
    assert!(stdout.contains("checked 7 files: 0 errors,"), "{stdout}");
}

#[test]
fn error_messages_quote_content_without_its_controls() {
    let cases: [(&str, &str); 6] = [
        (
            "rating",
            "title: T\nsynopsis:\n  text: x\nreviews:\n  items:\n    - author: a\n      text: b\n      rating: \"\\e]52;c;UkFUSU5H\\a\"\n",
        ),
        (
            "date",
            "title: T\nsynopsis:\n  text: x\nreviews:\n  items:\n    - author: a\n      text: b\n      date: \"\\x9b6n\\u202e\"\n",
        ),
        (
            "language",
            "title: T\nlanguage: \"\\e]0;LANG\\a\"\nsynopsis:\n  text: x\n",
        ),
        (
            "unknown-key",
            "title: T\n\"\\e]0;KEY\\a\\u202e\": 1\nsynopsis:\n  text: x\n",
        ),
        (
            "raw-escape",
            "title: \"a\x1b]52;c;UkFX\x07b\"\nsynopsis:\n  text: x\n",
        ),
        (
            "raw-bidi-in-bad-yaml",
            "title: \u{202e}[unclosed\nsynopsis: {\n",
        ),
    ];
    for (what, yaml) in cases {
        let path = scratch(&format!("hostile-error-{what}.yaml"));
        std::fs::write(&path, yaml).expect("write the page");
        let path = path.display().to_string();
        let print = layar(&["--print", &path]);
        assert_eq!(print.status.code(), Some(1), "{what} is refused");
        let stderr = text(&print.stderr);
        assert!(
            stderr.starts_with(&format!("layar: error: {path}:")),
            "{what}: {stderr}"
        );
        assert_eq!(controls(&stderr), [], "{what}: {stderr:?}");
        let check = layar(&["--check", &path]);
        let stdout = text(&check.stdout);
        assert_eq!(check.status.code(), Some(1), "{what}");
        assert_eq!(controls(&stdout), [], "{what}: {stdout:?}");
    }
}

#[test]
fn file_level_garbage_is_refused_cleanly() {
    // Classes the loader's own tests leave out: NUL bytes, a FIFO (opening one with no
    // writer would block), UTF-16, and pseudo-random bytes, binary and textual.
    let mut seed = 0x2545_F491_4F6C_DD1D_u64;
    let mut random = move || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed.to_le_bytes()[0]
    };
    let binary: Vec<u8> = (0..4096).map(|_| random()).collect();
    let alphabet = b"title: synopsis text [{&*!|>-'\"\\\n\t\r\x00\x1b#:,}]abc";
    let textual: Vec<u8> = (0..4096)
        .map(|_| alphabet[usize::from(random()) % alphabet.len()])
        .collect();
    let mut utf16 = vec![0xFF, 0xFE];
    utf16.extend(
        "title: T\nsynopsis:\n  text: x\n"
            .encode_utf16()
            .flat_map(u16::to_le_bytes),
    );
    let cases: [(&str, Vec<u8>, Option<&str>); 5] = [
        (
            "nul",
            b"title: a\0b\nsynopsis:\n  text: x\n".to_vec(),
            Some(":1:9: error: found a NUL byte: the file holds binary data, not text"),
        ),
        (
            "nul-in-text",
            b"title: T\nsynopsis:\n  text: |\n    one\0two\n".to_vec(),
            Some(":4:8: error: found a NUL byte: the file holds binary data, not text"),
        ),
        (
            "utf-16",
            utf16,
            Some(
                ": error: the file is UTF-16 text (little-endian, with a byte-order mark); layar \
                 reads UTF-8: save it as UTF-8",
            ),
        ),
        ("binary", binary, None),
        ("textual-garbage", textual, None),
    ];
    for (what, bytes, message) in cases {
        let path = scratch(&format!("hostile-garbage-{what}.yaml"));
        std::fs::write(&path, bytes).expect("write the file");
        let path = path.display().to_string();
        for mode in ["--print", "--check"] {
            let out = layar_within_patience(&[mode, &path]);
            assert_eq!(out.status.code(), Some(1), "{what} {mode}");
            let shown = text(if mode == "--print" {
                &out.stderr
            } else {
                &out.stdout
            });
            assert_eq!(controls(&shown), [], "{what} {mode}: {shown:?}");
            // `--check` reports in the compiler's convention; an error layar prints
            // begins `layar: error: `, and says `error` once.
            let (start, message) = if mode == "--print" {
                (
                    format!("layar: error: {path}:"),
                    message.map(|m| m.replace(": error: ", ": ")),
                )
            } else {
                (format!("{path}:"), message.map(str::to_owned))
            };
            assert!(shown.starts_with(&start), "{what} {mode}: {shown}");
            if let Some(message) = message {
                assert!(shown.contains(&message), "{what} {mode}: {shown}");
            }
        }
    }
    let fifo = scratch("hostile-fifo.yaml");
    let _ = std::fs::remove_file(&fifo);
    let made = Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .expect("run mkfifo");
    assert!(made.success());
    let fifo = fifo.display().to_string();
    let out = layar_within_patience(&["--print", &fifo]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        text(&out.stderr),
        format!("layar: error: {fifo}: expected a regular file, found a named pipe (FIFO)\n")
    );
}
