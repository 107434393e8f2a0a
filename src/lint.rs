//! `--check`: pure functions from a content file (its text, the page loaded from it and
//! where the parser found the page's values) to warnings in the compiler convention,
//! `FILE:LINE:COL: warning: message`, then the line with a caret, so editors can jump to
//! each one. Columns count characters, from 1, as the loader's errors do.
//!
//! Nothing here searches the file. A warning about a value is placed by re-reading that
//! value's own bytes, whose place the parser gave ([`Place`]): a word in a comment, or a
//! word in another value, can never be mistaken for it.

use std::collections::{HashMap, HashSet};
use std::fmt;

use unicode_script::{Script, UnicodeScript};

use crate::loader::{Excerpt, Field, Location, Place, Places, Source};
use crate::model::{ImageStatus, Page};
use crate::text::escape::{escaped, escaped_os};
use crate::text::sanitize::is_removed;

/// How serious a diagnostic is: errors fail the check, warnings do not.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    Warning,
    Error,
}

/// One finding, at a place in a file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    pub file: String,
    /// Where in the file; `None` when it concerns the whole file.
    pub at: Option<Location>,
    pub severity: Severity,
    pub message: String,
    /// The line with a caret under the place.
    pub excerpt: Option<Excerpt>,
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let severity = match self.severity {
            Severity::Warning => "warning",
            Severity::Error => "error",
        };
        match self.at {
            Some(Location { line, column }) => {
                write!(
                    f,
                    "{}:{line}:{column}: {severity}: {}",
                    self.file, self.message
                )?;
                if let Some(excerpt) = &self.excerpt {
                    excerpt.fmt(f, line)?;
                }
                Ok(())
            }
            None => write!(f, "{}: {severity}: {}", self.file, self.message),
        }
    }
}

/// How many warnings a file's report shows; the others are only counted. A page in the
/// wrong script can have a warning per word: a few megabytes of them would take seconds
/// to write and gigabytes to hold, and say nothing the first thousand do not.
pub const MAX_SHOWN: usize = 1000;

/// A page's warnings: the first [`MAX_SHOWN`] found, in file order, and how many more
/// there are.
#[derive(Debug, Default)]
pub struct Warnings {
    pub shown: Vec<Diagnostic>,
    pub more: usize,
}

/// Every warning for a page, in file order (see [`Warnings`]). `places` says where the
/// page's values stand, as [`crate::loader::check`] found them.
///
/// Each value's bytes are walked once, in order: a warning's line and column go on from
/// the last one's, and its excerpt reads a bounded piece of the line, so a line of a
/// million warnings costs what a million short lines would.
pub fn check(source: &Source, page: &Page, places: &Places) -> Warnings {
    let text = source.yaml();
    let mut found = Found {
        text,
        file: escaped(&source.name).into_owned(),
        shown: Vec::new(),
        more: 0,
        last: None,
    };
    let expected = page.language.as_deref().and_then(expected_scripts);
    // Aliases repeat a value's bytes: each value's own characters are read once.
    let mut read = HashSet::new();
    for (field, place) in places {
        if is_text(*field) && read.insert(place.source().start) {
            removed_characters(&mut found, place);
            foreign_words(&mut found, place, &texts(page, *field), expected);
        }
        match field {
            Field::Screenshots
                if page
                    .screenshots
                    .as_ref()
                    .is_some_and(|s| s.items.is_empty()) =>
            {
                found.warn_at(place, || "the screenshots section is empty".into());
            }
            Field::Reviews if page.reviews.as_ref().is_some_and(|r| r.items.is_empty()) => {
                found.warn_at(place, || {
                    "the reviews section is empty: the viewer shows its empty state".into()
                });
            }
            Field::Image(i) => bad_image(&mut found, place, page, *i),
            _ => {}
        }
    }
    let mut shown = found.shown;
    shown.sort_by_key(|d| d.at.map(|l| (l.line, l.column)));
    Warnings {
        shown,
        more: found.more,
    }
}

/// Warnings as they are found.
struct Found<'a> {
    text: &'a str,
    file: String,
    shown: Vec<Diagnostic>,
    /// Warnings found past [`MAX_SHOWN`].
    more: usize,
    /// The last place inside a value located: where the value starts in the file, the
    /// offset in it and its location. Places found in order go on from there.
    last: Option<(usize, usize, Location)>,
}

impl Found<'_> {
    /// Whether another warning is only counted.
    fn full(&mut self) -> bool {
        if self.shown.len() < MAX_SHOWN {
            return false;
        }
        self.more += 1;
        true
    }

    /// A warning about the value at `place`, where it is used.
    fn warn_at(&mut self, place: &Place, message: impl FnOnce() -> String) {
        if !self.full() {
            self.push(place.at(), place.index(), message());
        }
    }

    /// A warning at byte `offset` of the bytes of the value at `place`.
    fn warn(&mut self, place: &Place, offset: usize, message: impl FnOnce() -> String) {
        if place.source().is_empty() {
            return self.warn_at(place, message);
        }
        if self.full() {
            return;
        }
        let from = match self.last {
            Some((start, from, at)) if start == place.source().start => (from, at),
            _ => (0, place.start()),
        };
        let at = place.locate_from(self.text, from, offset);
        self.last = Some((place.source().start, offset, at));
        self.push(at, place.source().start + offset, message());
    }

    fn push(&mut self, at: Location, index: usize, message: String) {
        self.shown.push(Diagnostic {
            file: self.file.clone(),
            at: Some(at),
            severity: Severity::Warning,
            message,
            excerpt: Some(Excerpt::at(self.text, index)),
        });
    }
}

/// Whether `field` is text a reader sees (or a path), whose characters are checked.
fn is_text(field: Field) -> bool {
    !matches!(field, Field::Screenshots | Field::Reviews)
}

/// The page's text for `field`, as loaded; nothing for an image path, whose words are
/// not read.
fn texts(page: &Page, field: Field) -> Vec<&str> {
    let shot = |i: usize| page.screenshots.as_ref().and_then(|s| s.items.get(i));
    let review = |i: usize| page.reviews.as_ref().and_then(|r| r.items.get(i));
    match field {
        Field::Title => vec![page.title.as_str()],
        Field::SynopsisHeading => page.synopsis.heading.as_deref().into_iter().collect(),
        Field::SynopsisText => page.synopsis.paragraphs.iter().collect(),
        Field::ScreenshotsHeading => page
            .screenshots
            .as_ref()
            .and_then(|s| s.heading.as_deref())
            .into_iter()
            .collect(),
        Field::Caption(i) => shot(i).map(|s| s.caption.as_str()).into_iter().collect(),
        Field::ReviewsHeading => page
            .reviews
            .as_ref()
            .and_then(|r| r.heading.as_deref())
            .into_iter()
            .collect(),
        Field::Author(i) => review(i).map(|r| r.author.as_str()).into_iter().collect(),
        Field::ReviewText(i) => review(i)
            .map(|r| r.paragraphs.iter().collect())
            .unwrap_or_default(),
        Field::Image(_) | Field::Screenshots | Field::Reviews => Vec::new(),
    }
}

/// Every character of the value at `place` that sanitising removes, where it stands:
/// written as it is, or, in double quotes, as an escape (`"\e[31m"`).
fn removed_characters(found: &mut Found<'_>, place: &Place) {
    let slice = place.slice(found.text);
    let mut chars = slice.char_indices();
    while let Some((at, c)) = chars.next() {
        if c == '\\' && place.double_quoted {
            let escaped = decode_escape(&slice[at + 1..]);
            chars.next();
            if let Some(c) = escaped.filter(|c| is_removed(*c)) {
                found.warn(place, at, || {
                    format!(
                        "{} written as an escape is removed: it could act on a terminal",
                        describe_char(c)
                    )
                });
            }
        } else if is_removed(c) && c != '\r' {
            // A CR is a line break to YAML, never content.
            found.warn(place, at, || {
                format!(
                    "{} is removed: it could act on a terminal",
                    describe_char(c)
                )
            });
        }
    }
}

/// The character a double-quoted escape stands for; `rest` starts after the backslash.
fn decode_escape(rest: &str) -> Option<char> {
    let hex = |n: usize| {
        rest.get(1..=n)
            .and_then(|h| u32::from_str_radix(h, 16).ok())
            .and_then(char::from_u32)
    };
    Some(match rest.as_bytes().first()? {
        b'0' => '\0',
        b'a' => '\x07',
        b'b' => '\x08',
        b'v' => '\x0b',
        b'f' => '\x0c',
        b'r' => '\r',
        b'e' => '\x1b',
        b'N' => '\u{85}',
        b'x' => hex(2)?,
        b'u' => hex(4)?,
        b'U' => hex(8)?,
        _ => return None,
    })
}

/// Reports an image that cannot be shown: missing, not a file, unreadable, of no
/// format layar reads, truncated, corrupt, or too large.
///
/// The path is the content file's folder joined with the page's own path: escaped as a
/// file name is ([`escaped_os`]), so that a folder named with a line break or an escape
/// sequence can neither act on the terminal nor forge a line of the report.
fn bad_image(found: &mut Found<'_>, place: &Place, page: &Page, index: usize) {
    let image = page
        .screenshots
        .as_ref()
        .and_then(|s| s.items.get(index))
        .and_then(|s| s.image.as_ref());
    let Some(image) = image else { return };
    let what = match image.status {
        ImageStatus::Found(_) => return,
        ImageStatus::Missing => "does not exist".to_owned(),
        ImageStatus::NotAFile => {
            "is not a regular file (a directory, a named pipe or a device)".to_owned()
        }
        ImageStatus::Unreadable => "cannot be read".to_owned(),
        ImageStatus::UnknownFormat => format!(
            "is not in an image format layar reads ({})",
            crate::picture::FORMATS
        ),
        ImageStatus::Truncated => "is truncated: the file ends before the picture does".to_owned(),
        ImageStatus::Corrupt => "is corrupt: its data is not valid for its format".to_owned(),
        ImageStatus::TooLarge { bytes } => format!(
            "is {} MB, more than the {} MB layar reads for a picture",
            bytes.div_ceil(1_000_000),
            crate::picture::MAX_FILE_BYTES / 1_000_000
        ),
        ImageStatus::TooManyPixels { width, height } => format!(
            "declares {width}×{height} pixels, more than the {} million layar decodes",
            crate::picture::MAX_PIXELS / 1_000_000
        ),
    };
    found.warn_at(place, || {
        format!(
            "screenshot image \"{}\" {what}",
            escaped_os(image.path.as_os_str())
        )
    });
}

/// `U+001B (escape)`: a character named for a message, never the character itself.
fn describe_char(c: char) -> String {
    let name = match c {
        '\0' => "null",
        '\x07' => "bell",
        '\x08' => "backspace",
        '\r' => "carriage return",
        '\x1b' => "escape",
        '\x7f' => "delete",
        '\u{9b}' => "C1 control sequence introducer",
        '\u{80}'..='\u{9f}' => "C1 control",
        '\u{202a}'..='\u{202e}' => "bidirectional embedding or override",
        '\u{2066}'..='\u{2069}' => "bidirectional isolate",
        _ => "control character",
    };
    format!("U+{:04X} ({name})", u32::from(c))
}

/// Scripts a page's language is written in, or `None` when layar doesn't know.
fn expected_scripts(tag: &str) -> Option<&'static [Script]> {
    let primary = tag
        .split(['-', '_'])
        .next()
        .unwrap_or("")
        .to_ascii_lowercase();
    Some(match primary.as_str() {
        "id" | "in" | "ms" | "jv" | "su" | "en" | "fr" | "de" | "es" | "pt" | "it" | "nl"
        | "sv" | "da" | "no" | "nb" | "nn" | "fi" | "pl" | "cs" | "sk" | "sl" | "hr" | "ro"
        | "hu" | "tr" | "vi" | "tl" | "fil" | "et" | "lv" | "lt" | "is" | "ga" | "ca" | "eu"
        | "gl" | "sq" | "sw" => &[Script::Latin],
        "ru" | "uk" | "be" | "bg" | "mk" | "kk" | "ky" | "mn" => &[Script::Cyrillic],
        "sr" => &[Script::Cyrillic, Script::Latin],
        "el" => &[Script::Greek],
        "ja" => &[Script::Han, Script::Hiragana, Script::Katakana],
        "zh" => &[Script::Han],
        "ko" => &[Script::Hangul, Script::Han],
        "ar" | "fa" | "ur" => &[Script::Arabic],
        "he" | "yi" => &[Script::Hebrew],
        "th" => &[Script::Thai],
        "hi" | "mr" | "ne" => &[Script::Devanagari],
        _ => return None,
    })
}

/// Scripts that mix within one word in ordinary writing.
fn same_family(a: Script, b: Script) -> bool {
    let cjk = |s| {
        matches!(
            s,
            Script::Han | Script::Hiragana | Script::Katakana | Script::Hangul
        )
    };
    a == b || (cjk(a) && cjk(b))
}

/// What is wrong with a word's scripts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum WordProblem {
    /// Its letters mix scripts.
    Mixed,
    /// Its letters are of this script, foreign to the page's language.
    Foreign(Script),
}

/// What is wrong with a word's scripts, if anything. Nothing is allocated: most words
/// are fine, and a wrong one is only described when it is shown.
fn word_problem(word: &str, expected: Option<&[Script]>) -> Option<WordProblem> {
    let mut first = None;
    let mut known = false;
    for c in word.chars() {
        let s = script_of(c);
        if matches!(s, Script::Common | Script::Inherited | Script::Unknown) {
            continue;
        }
        match first {
            None => first = Some(s),
            Some(f) if !same_family(f, s) => return Some(WordProblem::Mixed),
            Some(_) => {}
        }
        known = known || expected.is_some_and(|e| e.contains(&s));
    }
    let first = first?;
    (expected.is_some() && !known).then_some(WordProblem::Foreign(first))
}

/// The warning for `word`, whose scripts have `problem`.
fn describe_word(word: &str, problem: WordProblem, expected: Option<&[Script]>) -> String {
    match problem {
        WordProblem::Mixed => {
            let mut scripts: Vec<Script> = Vec::new();
            for s in word.chars().map(script_of) {
                if !matches!(s, Script::Common | Script::Inherited | Script::Unknown)
                    && !scripts.contains(&s)
                {
                    scripts.push(s);
                }
            }
            let names: Vec<_> = scripts.iter().map(|s| s.full_name()).collect();
            format!(
                "\"{word}\" mixes scripts ({}): letters that look alike but are not",
                names.join(", ")
            )
        }
        WordProblem::Foreign(script) => {
            let want: Vec<_> = expected
                .unwrap_or_default()
                .iter()
                .map(|s| s.full_name())
                .collect();
            format!(
                "\"{word}\" is written in {} script, foreign to the page's language ({})",
                script.full_name(),
                want.join(", ")
            )
        }
    }
}

/// Words of the value at `place` whose letters mix scripts, or whose script is foreign
/// to the page's language. `texts` is the value as loaded; each word flagged there is
/// placed at its own occurrence in the value's bytes (the n-th flagged "που" at the n-th
/// "που" there), or at the value's start when the file spells it otherwise (with escapes).
fn foreign_words(
    found: &mut Found<'_>,
    place: &Place,
    texts: &[&str],
    expected: Option<&[Script]>,
) {
    // How many times each flagged word is still to be placed.
    let mut pending: HashMap<&str, (WordProblem, usize)> = HashMap::new();
    // What is wrong with each word not in ASCII, looked at once: a page in a foreign
    // script repeats its words.
    let mut seen: HashMap<&str, Option<WordProblem>> = HashMap::new();
    for text in texts {
        for word in words(text) {
            let problem = if word.is_ascii() {
                word_problem(word, expected)
            } else {
                *seen
                    .entry(word)
                    .or_insert_with(|| word_problem(word, expected))
            };
            if let Some(problem) = problem {
                pending.entry(word).or_insert((problem, 0)).1 += 1;
            }
        }
    }
    if pending.is_empty() {
        return;
    }
    for (at, word) in word_offsets(place.slice(found.text)) {
        if let Some((problem, left)) = pending.get_mut(word).filter(|(_, left)| *left > 0) {
            *left -= 1;
            let problem = *problem;
            found.warn(place, at, || describe_word(word, problem, expected));
        }
    }
    let mut rest: Vec<_> = pending.into_iter().filter(|(_, (_, n))| *n > 0).collect();
    rest.sort_unstable_by_key(|(word, _)| *word);
    for (word, (problem, left)) in rest {
        for _ in 0..left {
            found.warn(place, 0, || describe_word(word, problem, expected));
        }
    }
}

/// Runs of letters, digits and combining marks: the words the script check reads.
/// Unlike Unicode word boundaries, a run of CJK ideographs stays one word, so a
/// Chinese sentence on an English page is one warning, not one per character.
fn words(text: &str) -> impl Iterator<Item = &str> {
    text.split(|c: char| !is_word_char(c))
        .filter(|w| !w.is_empty())
}

fn is_word_char(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphanumeric();
    }
    c.is_alphanumeric() || c == '\u{200d}' || c.script() == Script::Inherited
}

/// The script of `c`, without a table look-up for ASCII, most of a page's text.
fn script_of(c: char) -> Script {
    match c {
        'a'..='z' | 'A'..='Z' => Script::Latin,
        c if c.is_ascii() => Script::Common,
        c => c.script(),
    }
}

/// Every word of `text` with its byte offset, split as [`words`] splits.
fn word_offsets(text: &str) -> impl Iterator<Item = (usize, &str)> {
    let mut start = None;
    text.char_indices()
        .chain(std::iter::once((text.len(), ' ')))
        .filter_map(move |(at, c)| match (is_word_char(c), start) {
            (true, None) => {
                start = Some(at);
                None
            }
            (false, Some(from)) => {
                start = None;
                Some((from, &text[from..at]))
            }
            _ => None,
        })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::loader;

    /// The warnings for a page, each as `LINE:COL: message`.
    fn warnings(text: &str) -> Vec<String> {
        let source = Source {
            name: "p.yaml".into(),
            base_dir: None,
            text: text.into(),
        };
        let checked = loader::check(&source);
        assert!(checked.problems.is_empty(), "{:?}", checked.problems);
        let page = checked.page.expect("loads");
        check(&source, &page, &checked.places)
            .shown
            .into_iter()
            .map(|d| {
                let at = d.at.expect("placed");
                format!("{}:{}: {}", at.line, at.column, d.message)
            })
            .collect()
    }

    #[test]
    fn bundled_page_points_at_six_foreign_words() {
        let source = loader::bundled();
        let checked = loader::check(&source);
        let page = checked.page.expect("bundled page loads");
        let found = check(&source, &page, &checked.places).shown;
        let words: Vec<_> = found
            .iter()
            .filter(|d| d.message.contains("foreign"))
            .map(|d| {
                let at = d.at.expect("placed");
                let text_line = source.text.lines().nth(at.line - 1).expect("line exists");
                let word: String = text_line
                    .chars()
                    .skip(at.column - 1)
                    .take_while(|c| c.is_alphabetic())
                    .collect();
                (word, d.message.contains("Cyrillic"))
            })
            .collect();
        assert_eq!(words.len(), 6, "{found:#?}");
        assert_eq!(words[0], ("фрон".to_string(), true));
        assert!(words[1..].iter().all(|(w, cyr)| w == "που" && !cyr));
        let places: HashSet<_> = found.iter().map(|d| d.at).collect();
        assert_eq!(places.len(), found.len(), "each at its own place");
    }

    #[test]
    fn a_word_in_a_comment_is_never_reported() {
        let found = warnings(
            "# кино: a comment\ntitle: T # кино\nlanguage: en\nsynopsis:\n  text: |\n    \
             # not a comment: кино\n",
        );
        assert_eq!(
            found,
            [
                "6:22: \"кино\" is written in Cyrillic script, foreign to the page's language \
              (Latin)"
            ]
        );
    }

    #[test]
    fn each_value_is_read_on_its_own_bytes() {
        // The title holds the word too, but only the synopsis is flagged, and a
        // caption's "image:" does not stand in for the image's own key.
        let found = warnings(
            "title: Tokyo\nsynopsis:\n  text: Tokyо\nscreenshots:\n  items:\n    - \
             caption: 'image: none'\n      image: no-such-dir-layar/a.png\n",
        );
        assert_eq!(
            found,
            [
                "3:9: \"Tokyо\" mixes scripts (Latin, Cyrillic): letters that look alike but \
                 are not",
                "7:14: screenshot image \"no-such-dir-layar/a.png\" does not exist",
            ]
        );
    }

    #[test]
    fn removed_characters_are_placed_and_named() {
        let found =
            warnings("title: \"a\\e[31mb\\\\e\"\nsynopsis:\n  text: |\n    x \u{202e}y \\e\n");
        assert_eq!(
            found,
            [
                "1:10: U+001B (escape) written as an escape is removed: it could act on a \
                 terminal",
                "4:7: U+202E (bidirectional embedding or override) is removed: it could act on \
                 a terminal",
            ],
            "an escaped backslash and a backslash outside double quotes are text"
        );
        assert!(
            !found
                .iter()
                .any(|m| m.contains('\u{1b}') || m.contains('\u{202e}'))
        );
    }

    #[test]
    fn aliased_text_is_read_once_where_it_is_written() {
        let found = warnings(
            "title: &t Tokyо\nsynopsis:\n  text: *t\nreviews:\n  items:\n    - {author: *t, \
             text: *t}\n",
        );
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(found[0].starts_with("1:11: "), "{found:?}");
    }

    #[test]
    fn empty_sections_are_pointed_at_their_key() {
        let found = warnings("title: T\nsynopsis: {text: x}\nreviews:\n  items: []\n");
        assert_eq!(
            found,
            ["3:1: the reviews section is empty: the viewer shows its empty state"]
        );
    }

    #[test]
    fn mixed_scripts_are_flagged_whatever_the_language() {
        assert_eq!(word_problem("Tokyо", None), Some(WordProblem::Mixed));
        assert!(describe_word("Tokyо", WordProblem::Mixed, None).contains("(Latin, Cyrillic)"));
        assert!(word_problem("Tokyo", None).is_none());
        assert!(word_problem("東京タワー", expected_scripts("ja")).is_none());
        assert!(word_problem("東京", expected_scripts("en")).is_some());
        assert!(word_problem("2024", expected_scripts("id")).is_none());
        assert!(word_problem("café", expected_scripts("id")).is_none());
        assert!(word_problem("привет", expected_scripts("ru")).is_none());
        assert!(word_problem("привет", expected_scripts("xx")).is_none());
    }

    #[test]
    fn ascii_scripts_need_no_table() {
        for c in (0..128u8).map(char::from) {
            assert_eq!(script_of(c), c.script(), "{c:?}");
            assert_eq!(
                is_word_char(c),
                c.is_alphanumeric() || c.script() == Script::Inherited,
                "{c:?}"
            );
        }
    }

    #[test]
    fn a_run_of_ideographs_is_one_word() {
        let found: Vec<_> = words("Tokyo 東京タワー, ok").collect();
        assert_eq!(found, ["Tokyo", "東京タワー", "ok"]);
        let marks: Vec<_> = words("e\u{301}te\u{301} x").collect();
        assert_eq!(marks, ["e\u{301}te\u{301}", "x"]);
    }

    #[test]
    fn words_come_with_their_offsets() {
        let found: Vec<_> = word_offsets("πουπου, που x").collect();
        assert_eq!(
            found,
            [
                (0, "πουπου"),
                ("πουπου, ".len(), "που"),
                ("πουπου, που ".len(), "x")
            ]
        );
        assert_eq!(word_offsets("").count(), 0);
        assert_eq!(word_offsets("  ,, ").count(), 0);
        let words_agree: Vec<_> = word_offsets("a東京 b").map(|(_, w)| w).collect();
        assert_eq!(words_agree, words("a東京 b").collect::<Vec<_>>());
    }

    #[test]
    fn display_follows_the_compiler_convention() {
        let d = Diagnostic {
            file: "a.yaml".into(),
            at: Some(Location { line: 1, column: 4 }),
            severity: Severity::Warning,
            message: "m".into(),
            excerpt: Some(Excerpt::at("a: b\n", 3)),
        };
        assert_eq!(
            d.to_string(),
            "a.yaml:1:4: warning: m\n    |\n  1 | a: b\n    |    ^"
        );
        let e = Diagnostic {
            at: None,
            severity: Severity::Error,
            excerpt: None,
            ..d
        };
        assert_eq!(e.to_string(), "a.yaml: error: m");
    }
}
