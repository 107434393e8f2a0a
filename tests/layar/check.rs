//! `--check` over a site: folders walked in sorted order without their hidden parts,
//! folders and files mixed, the report as JSON read back field by field, and the
//! script check on a review written in another language.

use crate::run::{monochrome, piped};
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Output;

use serde_json::{Value, json};

fn layar(args: &[&str]) -> Output {
    monochrome(args)
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8(bytes.to_vec()).expect("UTF-8")
}

/// A fresh folder for a test, under Cargo's temporary folder.
fn scratch(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(name);
    let _ = fs::remove_dir_all(&dir);
    fs::create_dir_all(&dir).expect("scratch folder");
    dir
}

fn write(dir: &Path, name: &str, text: &str) {
    let path = dir.join(name);
    fs::create_dir_all(path.parent().expect("a parent")).expect("folders");
    fs::write(path, text).expect("written");
}

const GOOD: &str = "title: T\nlanguage: en\nsynopsis:\n  text: Fine.\n";
const WARNED: &str = "title: T\nlanguage: en\nsynopsis:\n  text: Tokyо\n";
const GREEK: &str = "title: T\nlanguage: en\nsynopsis:\n  text: Καλό\n";
const BROKEN: &str = "title: T\nsynopsis:\n  text: x\n  heding: H\n";

/// A site: pages at three depths, a hidden folder and a hidden page (both broken, so
/// that reading them would show), a folder with no page, and a file that is no page.
fn site(name: &str) -> PathBuf {
    let dir = scratch(name);
    write(&dir, "site/b.yaml", GOOD);
    write(&dir, "site/a/z.yml", WARNED);
    write(&dir, "site/a/deeper/page.YAML", BROKEN);
    write(&dir, "site/a-b.yaml", GREEK);
    write(&dir, "site/.drafts/x.yaml", BROKEN);
    write(&dir, "site/a/.page.yaml", BROKEN);
    write(&dir, "site/notes.txt", BROKEN);
    fs::create_dir_all(dir.join("site/empty")).expect("folder");
    dir
}

#[test]
fn a_folder_is_checked_page_by_page_in_sorted_order_without_hidden_ones() {
    let dir = site("check-site");
    let site = dir.join("site");
    let out = layar(&["--check", &site.display().to_string()]);
    let report = text(&out.stdout);
    assert_eq!(
        out.status.code(),
        Some(1),
        "one page has an error: {report}"
    );
    let heads: Vec<String> = report
        .lines()
        .filter(|l| !l.starts_with(' '))
        .map(|l| l.replace(&format!("{}/", site.display()), ""))
        .collect();
    assert_eq!(
        heads,
        [
            "a/deeper/page.YAML:4:3: error: synopsis: unknown key `heding`; did you mean \
             `heading`? [unknown-key]",
            "a/z.yml:4:9: warning: \"Tokyо\" mixes scripts (Latin, Cyrillic): letters that look \
             alike but are not [mixed-script]",
            "a-b.yaml:4:9: warning: \"Καλό\" is written in Greek script, foreign to the page's \
             language (Latin) [foreign-script]",
            "checked 4 files: 1 error, 2 warnings",
        ],
        "a/ before a-b.yaml, folder by folder; nothing from .drafts/ or .page.yaml: {report}"
    );
}

#[test]
fn folders_and_files_mix_in_the_order_given() {
    let dir = site("check-mixed");
    let site = dir.join("site");
    let args: Vec<String> = [
        dir.join("site/a/z.yml"),
        site.join("empty"),
        site.join("a"),
        dir.join("no-such.yaml"),
    ]
    .iter()
    .map(|p| p.display().to_string())
    .collect();
    let args: Vec<&str> = std::iter::once("--check")
        .chain(args.iter().map(String::as_str))
        .collect();
    let out = layar(&args);
    let report = text(&out.stdout);
    let heads: Vec<String> = report
        .lines()
        .filter(|l| !l.starts_with(' '))
        .map(|l| l.split(": ").take(2).collect::<Vec<_>>().join(": "))
        .map(|l| l.replace(&format!("{}/", site.display()), ""))
        .collect();
    assert_eq!(
        heads,
        [
            "a/z.yml:4:9: warning".to_owned(),
            "empty: warning".to_owned(),
            "a/deeper/page.YAML:4:3: error".to_owned(),
            "a/z.yml:4:9: warning".to_owned(),
            format!("{}: error", dir.join("no-such.yaml").display()),
            "checked 4 files: 2 errors, 3 warnings".to_owned(),
        ],
        "{report}"
    );
    assert!(
        report.contains(
            "empty: warning: no page (.yaml or .yml file) below this folder; hidden folders \
             and files are skipped [no-pages]"
        ),
        "{report}"
    );
}

/// The JSON report of `args`: stdout parsed, and stderr.
fn json_report(args: &[&str]) -> (Output, Vec<Value>, String) {
    let out = layar(args);
    let stdout = text(&out.stdout);
    let Value::Array(diagnostics) = serde_json::from_str(&stdout).expect("one JSON value") else {
        panic!("not an array: {stdout}");
    };
    let stderr = text(&out.stderr);
    (out, diagnostics, stderr)
}

#[test]
fn json_is_one_array_compared_field_by_field() {
    let (out, found, stderr) = json_report(&[
        "--check",
        "--format",
        "json",
        "tests/fixtures/load/several-problems.yaml",
        "tests/fixtures/pages/reviews.yaml",
        "no/such.yaml",
    ]);
    assert_eq!(out.status.code(), Some(1));
    let several = "tests/fixtures/load/several-problems.yaml";
    let reviews = "tests/fixtures/pages/reviews.yaml";
    let expected = [
        json!({"file": several, "line": 4, "column": 3, "severity": "error",
               "code": "unknown-key", "path": "synopsis.heding",
               "message": "synopsis: unknown key `heding`; did you mean `heading`?"}),
        json!({"file": several, "line": 10, "column": 15, "severity": "error",
               "code": "rating-range", "path": "reviews.items[0].rating",
               "message": "reviews.items[0].rating: expected a number from 0 to 10, found \"11\""}),
        json!({"file": several, "line": 11, "column": 13, "severity": "error",
               "code": "date-calendar", "path": "reviews.items[0].date",
               "message": "reviews.items[0].date: expected a date that exists in the calendar, \
                           found \"2024-13-01\""}),
        json!({"file": several, "line": 13, "column": 7, "severity": "error",
               "code": "missing-key", "path": "reviews.items[1].text",
               "message": "reviews.items[1]: missing required key `text`"}),
        json!({"file": several, "line": 14, "column": 15, "severity": "error",
               "code": "rating-decimals", "path": "reviews.items[1].rating",
               "message": "reviews.items[1].rating: expected a number from 0 to 10 with at most \
                           one decimal place, found \"7.25\""}),
        json!({"file": several, "line": 15, "column": 7, "severity": "error",
               "code": "unknown-key", "path": "reviews.items[1].colour",
               "message": "reviews.items[1]: unknown key `colour`; expected one of `author`, \
                           `rating`, `date`, `text`, `language`"}),
        json!({"file": several, "line": 17, "column": 15, "severity": "error",
               "code": "wrong-type", "path": "reviews.items[2].author",
               "message": "reviews.items[2].author: expected a non-empty author name, found a \
                           list"}),
        json!({"file": reviews, "line": 15, "column": 14, "severity": "warning",
               "code": "image-missing", "path": "screenshots.items[1].image",
               "message": "screenshot image \"tests/fixtures/pages/missing.png\" does not exist"}),
        json!({"file": reviews, "line": 31, "column": 9, "severity": "warning",
               "code": "foreign-script", "path": "reviews.items[2].text",
               "message": "\"导演用一个长镜头讲完了整个夜晚，技巧令…\" is written in Han script, \
                           foreign to the page's language (Latin)"}),
        json!({"file": "no/such.yaml", "line": null, "column": null, "severity": "error",
               "code": "not-found", "path": null, "message": "no such file"}),
    ];
    assert_eq!(found.len(), expected.len(), "{found:#?}");
    let fields = [
        "file", "line", "column", "severity", "code", "path", "message",
    ];
    for (i, (found, expected)) in found.iter().zip(&expected).enumerate() {
        let keys: Vec<&str> = found
            .as_object()
            .expect("an object")
            .keys()
            .map(String::as_str)
            .collect();
        assert_eq!(keys, fields, "diagnostic {i}: its fields, in order");
        for field in fields {
            assert_eq!(found[field], expected[field], "diagnostic {i}: {field}");
        }
    }
    assert_eq!(
        stderr, "checked 3 files: 8 errors, 2 warnings\n",
        "the summary goes to standard error, out of the JSON"
    );
}

#[test]
fn json_of_nothing_wrong_is_an_empty_array() {
    let (out, found, stderr) = json_report(&[
        "--check",
        "--format=json",
        "tests/fixtures/pages/japanese-review-tagged.yaml",
    ]);
    assert!(out.status.success());
    assert_eq!(found, Vec::<Value>::new());
    assert_eq!(text(&out.stdout), "[]\n");
    assert_eq!(stderr, "checked 1 file: 0 errors, 0 warnings\n");
}

#[test]
fn json_names_files_as_given_with_nothing_raw_that_acts_on_a_terminal() {
    let dir = scratch("check-json-names");
    let name = "page\u{1b}]52;c;eA==\u{7}\u{9b}31m\u{202e}\n.yaml";
    write(&dir, name, WARNED);
    let path = dir.join(name).display().to_string();
    let (out, found, _) = json_report(&["--check", "--format", "json", &path]);
    assert!(
        !out.stdout
            .iter()
            .any(|b| b.is_ascii_control() && *b != b'\n'),
        "a control byte in {:?}",
        text(&out.stdout)
    );
    let raw = text(&out.stdout);
    assert!(
        !raw.contains(['\u{9b}', '\u{202e}']),
        "C1 and bidi controls escaped: {raw:?}"
    );
    assert!(
        raw.contains(r"\u001b]52;c;eA==\u0007\u009b31m\u202e\n.yaml"),
        "{raw}"
    );
    assert_eq!(found.len(), 1);
    assert_eq!(
        found[0]["file"],
        json!(path),
        "read back, the name as given"
    );
    assert_eq!(found[0]["code"], "mixed-script");
    assert_eq!(found[0]["path"], "synopsis.text");
}

#[test]
fn json_needs_check() {
    let out = layar(&["--format", "json", "content/di-balik-layar.yaml"]);
    assert_eq!(out.status.code(), Some(2), "{}", text(&out.stderr));
    assert!(
        text(&out.stderr).contains("--check"),
        "{}",
        text(&out.stderr)
    );
}

#[test]
fn a_japanese_review_is_one_warning_and_none_in_its_own_language() {
    let out = layar(&["--check", "tests/fixtures/pages/japanese-review.yaml"]);
    let report = text(&out.stdout);
    assert!(out.status.success());
    let warnings: Vec<&str> = report
        .lines()
        .filter(|l| l.contains(": warning: "))
        .collect();
    assert_eq!(
        warnings,
        [
            "tests/fixtures/pages/japanese-review.yaml:15:9: warning: \"長回しのカメラワークが\
             素晴らしい。ホテ…\" is written in Han, Hiragana and Katakana scripts, foreign to the \
             page's language (Latin) [foreign-script]"
        ],
        "one for the review's three lines of nine clauses: {report}"
    );
    let out = layar(&[
        "--check",
        "tests/fixtures/pages/japanese-review-tagged.yaml",
    ]);
    assert_eq!(
        text(&out.stdout),
        "checked 1 file: 0 errors, 0 warnings\n",
        "`language: ja` on the review"
    );
}

#[test]
fn the_bundled_pages_six_words_are_still_flagged() {
    let (out, found, _) = json_report(&["--check", "--format", "json"]);
    assert!(out.status.success());
    let foreign: Vec<(u64, &str)> = found
        .iter()
        .filter(|d| d["code"] == "foreign-script")
        .map(|d| {
            (
                d["line"].as_u64().unwrap_or_default(),
                d["path"].as_str().unwrap_or_default(),
            )
        })
        .collect();
    assert_eq!(
        foreign,
        [
            (25, "synopsis.text"),
            (49, "synopsis.text"),
            (49, "synopsis.text"),
            (53, "synopsis.text"),
            (56, "synopsis.text"),
            (58, "synopsis.text"),
        ]
    );
}

#[test]
fn json_names_standard_input_as_the_text_report_does() {
    let out = piped(&["--check", "--format", "json", "-"], BROKEN);
    assert_eq!(out.status.code(), Some(1));
    let found: Value = serde_json::from_slice(&out.stdout).expect("JSON");
    assert_eq!(found[0]["file"], "<stdin>");
    assert_eq!(found[0]["code"], "unknown-key");
    assert_eq!(found[0]["path"], "synopsis.heding");
}
