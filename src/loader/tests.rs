//! Loading pages: what loads, and the exact message for each way a page can be wrong.
//!
//! Fixtures live in `tests/fixtures/load/`, one per failure mode; the integration tests in
//! `tests/layar/load_errors.rs` run the same files through the real binary. Cargo runs unit
//! tests from the package root, so the relative fixture paths are also the names shown.

use std::fmt::Write as _;

use super::*;
use crate::model::{Date, Rating};

fn fixture(name: &str) -> PathBuf {
    Path::new("tests/fixtures/load").join(name)
}

fn load_fixture(name: &str) -> Result<Page, LoadError> {
    load(&fixture(name), Limits::default())
}

/// The whole message a fixture fails with.
fn error_of(name: &str) -> String {
    error_of_with(name, Limits::default())
}

fn error_of_with(name: &str, limits: Limits) -> String {
    match load(&fixture(name), limits) {
        Ok(page) => panic!("{name} loaded: {page:?}"),
        Err(e) => e.to_string(),
    }
}

fn source(text: &str) -> Source {
    Source {
        name: "page.yaml".into(),
        base_dir: None,
        text: text.into(),
    }
}

/// The first line of the message `text` fails with.
fn headline(text: &str) -> String {
    parse(&source(text)).map_or_else(
        |e| e.to_string().lines().next().unwrap_or_default().to_owned(),
        |p| format!("loaded {:?}", p.title),
    )
}

#[test]
fn bundled_page_parses() {
    let page = parse(&bundled()).expect("the bundled page loads");
    assert_eq!(page.title, "Di Balik Layar");
    assert_eq!(page.language.as_deref(), Some("id"));
    assert_eq!(page.synopsis.heading.as_deref(), Some("Plot"));
    assert_eq!(page.synopsis.paragraphs.len(), 1);
    let paragraph = page.synopsis.paragraphs.get(0).unwrap_or_default();
    assert_eq!(paragraph.matches("фрон").count(), 1);
    assert_eq!(paragraph.matches("που").count(), 5);
    let screenshots = page.screenshots.expect("screenshots");
    assert_eq!(screenshots.heading, None);
    let captions: Vec<&str> = screenshots
        .items
        .iter()
        .map(|s| s.caption.as_str())
        .collect();
    assert_eq!(
        captions,
        [1, 2, 3].map(|n| format!("Di Balik Layar screenshot {n}"))
    );
    assert!(screenshots.items.iter().all(|s| s.image.is_none()));
    let reviews = page.reviews.expect("reviews");
    assert_eq!(reviews.heading.as_deref(), Some("Ulasan"));
    assert!(reviews.items.is_empty());
}

#[test]
fn missing_file() {
    assert_eq!(
        error_of("does-not-exist.yaml"),
        "tests/fixtures/load/does-not-exist.yaml: error: no such file"
    );
}

#[test]
fn directory() {
    assert_eq!(
        error_of("a-directory"),
        "tests/fixtures/load/a-directory: error: expected a regular file, found a directory"
    );
}

#[cfg(unix)]
#[test]
fn devices_are_refused_before_they_are_opened() {
    for device in ["/dev/null", "/dev/zero"] {
        let e = read(Path::new(device), Limits::default()).expect_err(device);
        assert_eq!(
            e.to_string(),
            format!("{device}: error: expected a regular file, found a character device")
        );
    }
}

#[test]
fn unreadable_file() {
    // As root, permissions do not stop a read, so the mapping is tested directly.
    let denied = std::io::Error::from(std::io::ErrorKind::PermissionDenied);
    assert_eq!(
        LoadError::io("secret.yaml", &denied).to_string(),
        "secret.yaml: error: cannot read the file: permission denied"
    );
}

#[test]
fn too_large() {
    let kib = Limits {
        max_file_bytes: 1024,
    };
    assert_eq!(
        read(&fixture("over-one-kibibyte.yaml"), kib).map(|s| s.name),
        Err(LoadError::new(
            "tests/fixtures/load/over-one-kibibyte.yaml",
            LoadErrorKind::TooLarge {
                size: 1443,
                limit: 1024
            }
        ))
    );
    assert_eq!(
        error_of_with("over-one-kibibyte.yaml", kib),
        "tests/fixtures/load/over-one-kibibyte.yaml: error: the file is 1.4 KiB (1443 bytes), \
         over the limit of 1 KiB; raise it with --max-size"
    );
    let tiny = Limits { max_file_bytes: 10 };
    assert!(
        error_of_with("empty-title.yaml", tiny).ends_with(
            "the file is 65 bytes, over the limit of 10 bytes; raise it with --max-size"
        )
    );
    assert!(load_fixture("over-one-kibibyte.yaml").is_ok());
}

#[test]
fn empty_file() {
    assert_eq!(
        error_of("empty.yaml"),
        "tests/fixtures/load/empty.yaml: error: the file is empty; a page needs at least \
         `title` and `synopsis`"
    );
    assert_eq!(
        error_of("only-comments.yaml"),
        "tests/fixtures/load/only-comments.yaml: error: the file has only comments and blank \
         lines; a page needs at least `title` and `synopsis`"
    );
    assert!(headline(" \n\t\r\n").contains("the file is empty"));
}

#[test]
fn not_utf8() {
    assert_eq!(
        error_of("not-utf8.yaml"),
        "tests/fixtures/load/not-utf8.yaml:3:37: error: expected UTF-8 text, found the byte \
         0xE9; save the file as UTF-8\n    |\n  3 |   text: Simon, seorang pembuat film \u{FFFD} \
         Prancis.\n    |                                     ^"
    );
}

#[test]
fn not_yaml() {
    assert_eq!(
        error_of("not-yaml.yaml"),
        "tests/fixtures/load/not-yaml.yaml:4:8: error: `text` is indented 3 spaces, more than \
         `heading` on line 3 (2); keys of one mapping line up\n    |\n  4 |    text: Simon, \
         seorang pembuat film Prancis.\n    |        ^"
    );
}

#[test]
fn tab_in_indentation() {
    assert_eq!(
        error_of("tab-in-indentation.yaml"),
        "tests/fixtures/load/tab-in-indentation.yaml:4:1: error: YAML indents with spaces; \
         line 4 starts with a tab\n    |\n  4 | \ttext: Simon, seorang pembuat film Prancis.\n    \
         | ^"
        .replace('\t', " ")
    );
}

#[test]
fn unquoted_value_holding_colon_space() {
    assert_eq!(
        error_of("unquoted-colon.yaml"),
        "tests/fixtures/load/unquoted-colon.yaml:8:20: error: the value `Verdict: great` holds \
         `: `, which YAML reads as another key; quote the value: `text: \"Verdict: great\"`\n    \
         |\n  8 |       text: Verdict: great\n    |                    ^"
    );
}

#[test]
fn dedented_key() {
    assert_eq!(
        error_of("dedented-key.yaml"),
        "tests/fixtures/load/dedented-key.yaml:8:6: error: `text` is indented 5 spaces, less \
         than `rating` on line 7 (6); keys of one mapping line up\n    |\n  8 |      text: \
         Bagus.\n    |      ^"
    );
}

#[test]
fn duplicate_key_points_at_the_second() {
    assert_eq!(
        error_of("duplicate-key.yaml"),
        "tests/fixtures/load/duplicate-key.yaml:3:1: error: key `title` appears twice\n    |\n  \
         3 | title: Di Balik Layar (2)\n    | ^"
    );
}

#[test]
fn several_documents() {
    assert_eq!(
        error_of("several-documents.yaml"),
        "tests/fixtures/load/several-documents.yaml:5:1: error: a second YAML document starts \
         here, after a `---` or `...` line; a page is one document\n    |\n  5 | title: \
         Another page\n    | ^"
    );
}

#[test]
fn every_problem_in_one_pass() {
    let e = load_fixture("several-problems.yaml").expect_err("refused");
    let headlines: Vec<String> = e
        .to_string()
        .lines()
        .filter(|l| l.contains(": error: "))
        .map(str::to_owned)
        .collect();
    assert_eq!(
        headlines,
        [
            "tests/fixtures/load/several-problems.yaml:4:3: error: synopsis: unknown key \
             `heding`; did you mean `heading`?",
            "tests/fixtures/load/several-problems.yaml:10:15: error: reviews.items[0].rating: \
             expected a number from 0 to 10, found \"11\"",
            "tests/fixtures/load/several-problems.yaml:11:13: error: reviews.items[0].date: \
             expected a date that exists in the calendar, found \"2024-13-01\"",
            "tests/fixtures/load/several-problems.yaml:13:7: error: reviews.items[1]: missing \
             required key `text`",
            "tests/fixtures/load/several-problems.yaml:14:15: error: reviews.items[1].rating: \
             expected a number from 0 to 10 with at most one decimal place, found \"7.25\"",
            "tests/fixtures/load/several-problems.yaml:15:7: error: reviews.items[1]: unknown \
             key `colour`; expected one of `author`, `rating`, `date`, `text`, `language`",
            "tests/fixtures/load/several-problems.yaml:17:15: error: reviews.items[2].author: \
             expected a non-empty author name, found a list",
        ]
    );
    assert_eq!(e.problems().len(), headlines.len());
}

#[test]
fn control_character() {
    assert_eq!(
        error_of("control-character.yaml"),
        "tests/fixtures/load/control-character.yaml:1:17: error: found the control character \
         U+001B, which YAML does not allow; remove it\n    |\n  1 | title: Di Balik \
         [31mLayar\n    |                 ^"
    );
}

#[test]
fn top_level_not_a_mapping() {
    assert_eq!(
        error_of("top-level-list.yaml"),
        "tests/fixtures/load/top-level-list.yaml:1:1: error: expected a mapping with `title` \
         and `synopsis` at the top level, found a list\n    |\n  1 | - title: Di Balik \
         Layar\n    | ^"
    );
    assert_eq!(
        headline("just words"),
        "page.yaml:1:1: error: expected a mapping with `title` and `synopsis` at the top level, \
         found \"just words\""
    );
}

#[test]
fn wrong_types() {
    assert_eq!(
        error_of("title-is-a-list.yaml"),
        "tests/fixtures/load/title-is-a-list.yaml:1:8: error: title: expected a non-empty \
         title, found a list\n    |\n  1 | title: [Di Balik, Layar]\n    |        ^"
    );
    assert_eq!(
        error_of("items-is-text.yaml"),
        "tests/fixtures/load/items-is-text.yaml:5:10: error: screenshots.items: expected a \
         list, found \"none yet\"\n    |\n  5 |   items: none yet\n    |          ^"
    );
    assert_eq!(
        headline("title: T\nsynopsis: 5\n"),
        "page.yaml:2:11: error: synopsis: expected a mapping with `text` and an optional \
         `heading`, found \"5\""
    );
    assert_eq!(
        headline("title: T\nsynopsis:\n  text: x\nreviews:\n  items: [1]\n"),
        "page.yaml:5:11: error: reviews.items[0]: expected a mapping with `author`, `text` and \
         optionally `rating` and `date`, found \"1\""
    );
}

#[test]
fn rating_out_of_range() {
    assert_eq!(
        error_of("rating-out-of-range.yaml"),
        "tests/fixtures/load/rating-out-of-range.yaml:9:15: error: reviews.items[1].rating: \
         expected a number from 0 to 10, found \"11\"\n    |\n  9 |       rating: 11\n    \
         |               ^"
    );
}

#[test]
fn rating_not_a_number() {
    assert_eq!(
        error_of("rating-not-a-number.yaml"),
        "tests/fixtures/load/rating-not-a-number.yaml:7:15: error: reviews.items[0].rating: \
         expected a number from 0 to 10, found \"good\"\n    |\n  7 |       rating: good\n    \
         |               ^"
    );
}

#[test]
fn dates() {
    assert_eq!(
        error_of("date-does-not-exist.yaml"),
        "tests/fixtures/load/date-does-not-exist.yaml:7:13: error: reviews.items[0].date: \
         expected a date that exists in the calendar, found \"2024-02-30\"\n    |\n  7 |       \
         date: 2024-02-30\n    |             ^"
    );
    assert_eq!(
        error_of("date-malformed.yaml"),
        "tests/fixtures/load/date-malformed.yaml:7:13: error: reviews.items[0].date: expected \
         a date written YYYY-MM-DD, found \"1 Mei 2024\"\n    |\n  7 |       date: 1 Mei \
         2024\n    |             ^"
    );
}

#[test]
fn missing_required_key() {
    assert_eq!(
        error_of("missing-synopsis-text.yaml"),
        "tests/fixtures/load/missing-synopsis-text.yaml:3:3: error: synopsis: missing required \
         key `text`\n    |\n  3 |   heading: Plot\n    |   ^"
    );
    assert_eq!(
        headline("synopsis:\n  text: x\n"),
        "page.yaml:1:1: error: missing required key `title`"
    );
}

#[test]
fn unknown_key() {
    assert_eq!(
        error_of("unknown-key.yaml"),
        "tests/fixtures/load/unknown-key.yaml:2:1: error: unknown key `synopis`; did you mean \
         `synopsis`?\n    |\n  2 | synopis:\n    | ^"
    );
    assert_eq!(
        headline("title: T\nsynopsis:\n  text: x\n  colour: red\n"),
        "page.yaml:4:3: error: synopsis: unknown key `colour`; expected one of `heading`, `text`, `language`"
    );
}

#[test]
fn empty_title() {
    assert_eq!(
        error_of("empty-title.yaml"),
        "tests/fixtures/load/empty-title.yaml:1:8: error: title: expected a non-empty title, \
         found \"\"\n    |\n  1 | title: \"\"\n    |        ^"
    );
}

#[test]
fn bad_language_tag() {
    assert_eq!(
        error_of("bad-language-tag.yaml"),
        "tests/fixtures/load/bad-language-tag.yaml:2:11: error: language: expected a BCP 47 \
         language tag such as `id` or `pt-BR`, found \"Bahasa Indonesia\"\n    |\n  2 | \
         language: Bahasa Indonesia\n    |           ^"
    );
}

#[test]
fn other_mistakes_read_well() {
    let base = "title: T\nsynopsis:\n  text: x\n";
    let cases = [
        (
            "title: a\ntitle: b\nsynopsis:\n  text: x\n".to_owned(),
            "page.yaml:2:1: error: key `title` appears twice",
        ),
        (
            format!("{base}---\ntitle: b\n"),
            "page.yaml:5:1: error: a second YAML document starts here, after a `---` or `...` \
             line; a page is one document",
        ),
        (
            "title: *nope\nsynopsis:\n  text: x\n".to_owned(),
            "page.yaml:1:8: error: `*nope` repeats an anchor `&nope` that is not defined before \
             it",
        ),
        (
            format!(
                "{base}reviews:\n  items:\n    - author: A\n      rating: 7.25\n      text: x\n"
            ),
            "page.yaml:7:15: error: reviews.items[0].rating: expected a number from 0 to 10 \
             with at most one decimal place, found \"7.25\"",
        ),
        (
            format!("{base}reviews:\n  items:\n    - author: A\n      ratng: 5\n      text: x\n"),
            "page.yaml:7:7: error: reviews.items[0]: unknown key `ratng`; did you mean `rating`?",
        ),
        (
            format!(
                "{base}reviews:\n  items:\n    - author: A\n      rating: \"\\e[2J8\"\n      text: x\n"
            ),
            "page.yaml:7:15: error: reviews.items[0].rating: expected a number from 0 to 10, \
             found \"[2J8\"",
        ),
        (
            format!(
                "{base}reviews:\n  items:\n    - author: A\n      rating: .nan\n      text: x\n"
            ),
            "page.yaml:7:15: error: reviews.items[0].rating: expected a number from 0 to 10, \
             found \".nan\"",
        ),
        (
            format!("{base}screenshots:\n  items:\n    - caption: c\n      image: ''\n"),
            "page.yaml:7:14: error: screenshots.items[0].image: expected a path to an image \
             file, found \"\"",
        ),
        (
            format!("{base}reviews:\n  items:\n    - author: ' '\n      text: x\n"),
            "page.yaml:6:15: error: reviews.items[0].author: expected a non-empty author name, \
             found \" \"",
        ),
        (
            "title: T\nsynopsis:\n  text: |\n\nreviews:\n".to_owned(),
            "page.yaml:3:3: error: synopsis.text: expected text with at least one paragraph, \
             found \"\"",
        ),
        (
            "title:\nsynopsis:\n  text: x\n".to_owned(),
            "page.yaml:1:1: error: `title` is empty (null): expected a non-empty title",
        ),
        (
            "title: T\nsynopsis:\n  text: \"abc\n".to_owned(),
            "page.yaml:3:9: error: the `\"` here opens a quoted value that is never closed",
        ),
        (
            "a: &a [*a]\ntitle: T\nsynopsis: {text: x}\n".to_owned(),
            "page.yaml:1:8: error: this alias repeats the list or mapping it is in; layar \
             refuses this",
        ),
    ];
    for (text, expected) in cases {
        assert_eq!(headline(&text), expected, "{text}");
    }
}

#[test]
fn numbers_and_booleans_in_text_keep_their_spelling() {
    let page = parse(&source(
        "title: 2.0\nsynopsis:\n  heading: 0x1F\n  text: yes\nreviews:\n  items:\n    - \
         {author: 007, text: 1e3}\n",
    ))
    .expect("loads");
    assert_eq!(page.title, "2.0");
    assert_eq!(page.synopsis.heading.as_deref(), Some("0x1F"));
    assert_eq!(page.synopsis.paragraphs, ["yes"]);
    let review = &page.reviews.expect("reviews").items[0];
    assert_eq!(
        (review.author.as_str(), review.paragraphs.get(0)),
        ("007", Some("1e3"))
    );
}

#[test]
fn a_page_that_loads_is_read_once_without_places() {
    // The viewer's read takes the bundled page and the reviews fixture as they are: no
    // second read with places.
    for source in [
        bundled(),
        read(
            Path::new("tests/fixtures/pages/reviews.yaml"),
            Limits::default(),
        )
        .expect("reads"),
    ] {
        let text = source.yaml();
        let node = yaml::read::<wire::Bare>(text).expect("the bare read takes it");
        let validated = validate::page(node, text, source.base_dir.as_deref());
        assert!(validated.problems.is_empty(), "{}", source.name);
    }
}

#[test]
fn the_viewer_and_check_read_a_page_alike() {
    for name in [
        "several-problems.yaml",
        "rating-out-of-range.yaml",
        "crlf-line-endings.yaml",
    ] {
        let source = read(&fixture(name), Limits::default()).expect("reads");
        assert_eq!(parse(&source), check(&source).into_result(), "{name}");
    }
}

#[test]
fn found_values_are_cut_short() {
    let long = "x".repeat(500);
    let line = headline(&format!(
        "title: T\nlanguage: {long}\nsynopsis:\n  text: x\n"
    ));
    assert!(
        line.ends_with(&format!("found \"{}…\"", "x".repeat(59))),
        "{line}"
    );
}

#[test]
fn crlf_line_endings_load() {
    let page = load_fixture("crlf-line-endings.yaml").expect("loads");
    assert_eq!(page.title, "Di Balik Layar");
    assert_eq!(
        page.synopsis.paragraphs,
        ["Simon, seorang pembuat film Prancis.", "Paragraf kedua."]
    );
    let review = &page.reviews.expect("reviews").items[0];
    assert_eq!(review.rating, Rating::from_tenths(75));
    assert_eq!(review.date, Date::new(2024, 5, 1));
    assert_eq!(review.paragraphs, ["Bagus."]);
}

#[test]
fn byte_order_mark_is_removed() {
    let source = read(&fixture("byte-order-mark.yaml"), Limits::default()).expect("reads");
    assert!(source.text.starts_with("title:"));
    assert_eq!(
        parse(&source).map(|p| p.title),
        Ok("Di Balik Layar".to_owned())
    );
    let by_hand = source_with_bom();
    assert_eq!(parse(&by_hand).map(|p| p.title), Ok("T".to_owned()));
}

fn source_with_bom() -> Source {
    source("\u{feff}title: T\nsynopsis:\n  text: x\n")
}

#[test]
fn tabs_in_text_load() {
    let page = load_fixture("tabs-in-text.yaml").expect("loads");
    assert_eq!(
        page.synopsis.paragraphs,
        ["Simon, seorang pembuat film Prancis. Baris dengan tab di depan."]
    );
    let review = &page.reviews.expect("reviews").items[0];
    assert_eq!(review.author, "Ani B");
    assert_eq!(review.paragraphs, ["Bagus. Sekali."]);
}

#[test]
fn image_paths_resolve_against_the_file_folder() {
    let text = "title: T\nsynopsis:\n  text: x\nscreenshots:\n  items:\n    - caption: c\n      \
                image: shots/1.png\n";
    let image = |base_dir: Option<PathBuf>| {
        let page = parse(&Source {
            name: "p".into(),
            base_dir,
            text: text.into(),
        })
        .expect("loads");
        page.screenshots
            .and_then(|s| s.items.into_iter().next()?.image)
            .map(|image| image.path)
    };
    assert_eq!(image(None), Some(PathBuf::from("shots/1.png")));
    assert_eq!(
        image(Some(PathBuf::new())),
        Some(PathBuf::from("shots/1.png"))
    );
    assert_eq!(
        image(Some(PathBuf::from("pages"))),
        Some(Path::new("pages").join("shots/1.png"))
    );
}

#[test]
fn text_is_sanitised_once_loaded() {
    let page = parse(&source(
        "title: \"Di\\e[31m Balik\\nLayar \"\nsynopsis:\n  heading: \"\\u202ePlot\"\n  text: \
         \"a\\u0007b\\n\\nc\"\n",
    ))
    .expect("loads");
    assert_eq!(page.title, "Di[31m Balik Layar");
    assert_eq!(page.synopsis.heading.as_deref(), Some("Plot"));
    assert_eq!(page.synopsis.paragraphs, ["ab", "c"]);
}

#[test]
fn deep_flow_nesting_is_refused() {
    // 64 levels, the page's own mappings included: the 63rd bracket is one too many.
    assert_eq!(
        error_of("deep-flow-nesting.yaml").lines().next(),
        Some(
            "tests/fixtures/load/deep-flow-nesting.yaml:3:71: error: `[` and `{` collections \
             nested more than 64 deep; layar refuses this"
        )
    );
    let text = format!("title: T\nsynopsis:\n  text: {}", "{a: ".repeat(100_000));
    assert_eq!(
        headline(&text),
        "page.yaml:3:257: error: `[` and `{` collections nested more than 64 deep; layar \
         refuses this"
    );
}

#[test]
fn deep_block_nesting_is_refused() {
    assert_eq!(
        error_of("deep-block-nesting.yaml").lines().next(),
        Some(
            "tests/fixtures/load/deep-block-nesting.yaml:6:129: error: indented blocks nested \
             more than 64 deep; layar refuses this"
        )
    );
}

#[test]
fn alias_expansion_is_bounded() {
    assert_eq!(
        error_of("alias-expansion.yaml"),
        "tests/fixtures/load/alias-expansion.yaml:253:27: error: aliases (`*name`) make the \
         page's text grow past 1 MiB; refusing to expand them (this alias repeats the value on \
         line 7)\n    |\n253 |     - {author: Ani, text: *plot}\n    |                           ^"
    );
    // A few aliases within the budget are fine.
    let page = parse(&source(
        "title: &t T\nsynopsis:\n  text: *t\nreviews:\n  items:\n    - {author: *t, text: *t}\n",
    ))
    .expect("loads");
    assert_eq!(page.synopsis.paragraphs, ["T"]);
}

#[test]
fn billion_laughs_are_refused_at_the_alias() {
    let mut text = String::from("a: &a [x, x, x, x, x, x, x, x, x, x]\n");
    for (name, prev) in "bcdefghi".chars().zip("abcdefgh".chars()) {
        let refs = vec![format!("*{prev}"); 10].join(", ");
        let _ = writeln!(text, "{name}: &{name} [{refs}]");
    }
    text.push_str("title: T\nsynopsis: {text: x}\n");
    assert_eq!(
        headline(&text),
        "page.yaml:4:16: error: aliases (`*name`) multiply the page's values past what its size \
         allows; refusing to expand them (this alias repeats the value on line 3)"
    );
}

#[test]
fn null_is_missing_however_it_is_written() {
    for null in ["~", "null", "Null", ""] {
        let text = format!("title: {null}\nsynopsis:\n  text: x\n");
        assert!(
            headline(&text).ends_with("error: `title` is empty (null): expected a non-empty title"),
            "{null:?}: {}",
            headline(&text)
        );
        let text = format!("title: T\nsynopsis:\n  text: x\nreviews:\n  items: {null}\n");
        assert!(
            headline(&text).ends_with("error: `reviews.items` is empty (null): expected a list"),
            "{null:?}: {}",
            headline(&text)
        );
        let optional = format!(
            "title: T\nlanguage: {null}\nsynopsis:\n  heading: {null}\n  text: x\nreviews: \
             {null}\n"
        );
        let page = parse(&source(&optional)).expect("optional nulls are left out");
        assert_eq!((page.language, page.synopsis.heading), (None, None));
        assert!(page.reviews.is_none());
    }
}

#[test]
fn a_whole_surrogate_pair_is_one_character() {
    let page = parse(&source(
        "title: \"Film \\ud83c\\udfac\"\nsynopsis:\n  text: x\n",
    ))
    .expect("loads");
    assert_eq!(page.title, "Film 🎬");
}

#[test]
fn past_a_thousand_problems_the_rest_are_counted() {
    let text = format!(
        "title: T\nsynopsis:\n  text: x\nreviews:\n  items:\n{}",
        "    - {author: a, text: b, rating: 11}\n".repeat(1500)
    );
    let e = parse(&source(&text)).expect_err("refused");
    assert_eq!((e.problems().len(), e.more()), (MAX_PROBLEMS, 500));
    let shown = e.to_string();
    assert!(
        shown.ends_with("\npage.yaml: note: 500 more errors, not shown"),
        "{}",
        &shown[shown.len() - 200..]
    );
}

#[test]
fn a_head_is_the_page_before_its_reviews_with_the_reviews_to_come() {
    let bundled = bundled();
    let whole = parse(&bundled).expect("the bundled page loads");
    let head = head(&bundled).expect("the bundled page's reviews come last");
    assert_eq!(head.title, whole.title);
    assert_eq!(head.language, whole.language);
    assert_eq!(head.synopsis, whole.synopsis);
    assert_eq!(head.screenshots, whole.screenshots);
    let reviews = head.reviews.expect("a reviews section, still empty");
    assert!(reviews.items.is_empty() && reviews.heading.is_none());
}

#[test]
fn a_head_stops_at_the_reviews_key_whatever_follows_it() {
    // What follows `reviews:` is not read: a head is taken before the broken YAML.
    let text = "title: T\nsynopsis:\n  text: Once.\nreviews:\n  items: [\n";
    let head = head(&source(text)).expect("a head");
    assert_eq!(head.title, "T");
    assert!(parse(&source(text)).is_err(), "the whole read refuses it");
}

#[test]
fn no_head_without_a_clean_start_before_the_reviews() {
    for text in [
        // No reviews: the whole page is the head.
        "title: T\nsynopsis:\n  text: Once.\n",
        // The synopsis after the reviews.
        "title: T\nreviews:\n  items: []\nsynopsis:\n  text: Once.\n",
        // A problem before the reviews: an unknown key, a key twice, a wrong value,
        // broken YAML.
        "title: T\ntitel: U\nsynopsis:\n  text: Once.\nreviews:\n  items: []\n",
        "title: T\ntitle: U\nsynopsis:\n  text: Once.\nreviews:\n  items: []\n",
        "title: T\nsynopsis:\n  text: [Once]\nreviews:\n  items: []\n",
        "title: T\nsynopsis:\n  txt: Once.\nreviews:\n  items: []\n",
        "title: [T\nsynopsis:\n  text: Once.\nreviews:\n  items: []\n",
        "- title: T\n",
        "",
    ] {
        assert_eq!(head(&source(text)), None, "{text:?}");
    }
}
