//! `--check`: pure functions from a content file (its text and the page loaded from
//! it) to diagnostics in the compiler convention, `FILE:LINE:COL: warning: message`,
//! so editors can jump to each one. Columns count characters, from 1, as the
//! loader's errors do.

use std::fmt;

use std::collections::{HashMap, VecDeque};

use unicode_script::{Script, UnicodeScript};

use crate::loader::Source;
use crate::model::Page;
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
    /// 1-based line and character column; `None` when it concerns the whole file.
    pub at: Option<(usize, usize)>,
    pub severity: Severity,
    pub message: String,
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let severity = match self.severity {
            Severity::Warning => "warning",
            Severity::Error => "error",
        };
        match self.at {
            Some((line, col)) => write!(
                f,
                "{}:{line}:{col}: {severity}: {}",
                self.file, self.message
            ),
            None => write!(f, "{}: {severity}: {}", self.file, self.message),
        }
    }
}

/// Every warning for a page that loaded, in file order.
pub fn check(source: &Source, page: &Page) -> Vec<Diagnostic> {
    let index = LineIndex::new(&source.text);
    let mut found = Vec::new();
    let mut warn = |at: Option<usize>, message: String| {
        found.push((at, message));
    };
    removed_characters(&source.text, &mut warn);
    for (at, c) in crate::loader::escaped_removals(&source.text) {
        warn(
            Some(at),
            format!(
                "{} written as an escape is removed: it could act on a terminal",
                describe_char(c)
            ),
        );
    }
    foreign_words(&source.text, page, &mut warn);
    empty_sections(&source.text, page, &mut warn);
    missing_images(&source.text, page, &mut warn);
    found.sort_by_key(|(at, _)| at.unwrap_or(0));
    found
        .into_iter()
        .map(|(at, message)| Diagnostic {
            file: source.name.clone(),
            at: at.map(|b| index.position(&source.text, b)),
            severity: Severity::Warning,
            message,
        })
        .collect()
}

/// Every character sanitising removes, where it stands in the file. A CR before a
/// LF (Windows line ends) and a leading byte-order mark are not content.
fn removed_characters(text: &str, warn: &mut impl FnMut(Option<usize>, String)) {
    let mut chars = text.char_indices().peekable();
    while let Some((at, c)) = chars.next() {
        if c == '\r' && chars.peek().is_some_and(|&(_, n)| n == '\n') {
            continue;
        }
        if is_removed(c) {
            warn(
                Some(at),
                format!(
                    "{} is removed: it could act on a terminal",
                    describe_char(c)
                ),
            );
        }
    }
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

/// What is wrong with a word's scripts, if anything.
fn word_problem(word: &str, expected: Option<&[Script]>) -> Option<String> {
    let mut scripts: Vec<Script> = Vec::new();
    for c in word.chars() {
        let s = c.script();
        if matches!(s, Script::Common | Script::Inherited | Script::Unknown) {
            continue;
        }
        if !scripts.contains(&s) {
            scripts.push(s);
        }
    }
    let first = *scripts.first()?;
    if scripts.iter().any(|&s| !same_family(first, s)) {
        let names: Vec<_> = scripts.iter().map(|s| s.full_name()).collect();
        return Some(format!(
            "\"{word}\" mixes scripts ({}): letters that look alike but are not",
            names.join(", ")
        ));
    }
    let expected = expected?;
    if scripts.iter().all(|s| !expected.contains(s)) {
        let want: Vec<_> = expected.iter().map(|s| s.full_name()).collect();
        return Some(format!(
            "\"{word}\" is written in {} script, foreign to the page's language ({})",
            first.full_name(),
            want.join(", ")
        ));
    }
    None
}

/// Every text of the page a reader sees, in file order.
fn page_texts(page: &Page) -> Vec<&str> {
    let mut texts = vec![page.title.as_str()];
    texts.extend(page.synopsis.heading.as_deref());
    texts.extend(page.synopsis.paragraphs.iter());
    if let Some(shots) = &page.screenshots {
        texts.extend(shots.heading.as_deref());
        texts.extend(shots.items.iter().map(|s| s.caption.as_str()));
    }
    if let Some(reviews) = &page.reviews {
        texts.extend(reviews.heading.as_deref());
        for r in &reviews.items {
            texts.push(&r.author);
            texts.extend(r.paragraphs.iter());
        }
    }
    texts
}

/// Words whose letters mix scripts, or whose script is foreign to the page's
/// language. Each is placed at its own occurrence in the file: the n-th flagged
/// "που" in the page at the n-th "που" in the file, found in one pass over the file
/// (a page of 100,000 reviews can flag tens of thousands of words).
fn foreign_words(text: &str, page: &Page, warn: &mut impl FnMut(Option<usize>, String)) {
    let expected = page.language.as_deref().and_then(expected_scripts);
    let mut pending: HashMap<&str, VecDeque<String>> = HashMap::new();
    for field in page_texts(page) {
        for word in words(field) {
            if let Some(message) = word_problem(word, expected) {
                pending.entry(word).or_default().push_back(message);
            }
        }
    }
    if pending.is_empty() {
        return;
    }
    for (at, word) in word_offsets(text) {
        if let Some(message) = pending.get_mut(word).and_then(VecDeque::pop_front) {
            warn(Some(at), message);
        }
    }
    // Words the file spells differently (with YAML escapes) have no place of their own.
    for message in pending.into_values().flatten() {
        warn(None, message);
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
    c.is_alphanumeric() || c == '\u{200d}' || c.script() == Script::Inherited
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

/// The byte offset of a top-level key (`reviews:`) at the start of a line.
fn find_key(text: &str, key: &str) -> Option<usize> {
    let mut at = 0;
    for line in text.split_inclusive('\n') {
        if let Some(rest) = line.strip_prefix(key)
            && rest.trim_start_matches([' ', '\t']).starts_with(':')
        {
            return Some(at);
        }
        at += line.len();
    }
    None
}

fn empty_sections(text: &str, page: &Page, warn: &mut impl FnMut(Option<usize>, String)) {
    if page.synopsis.paragraphs.is_empty() {
        warn(
            find_key(text, "synopsis"),
            "the synopsis has no text".into(),
        );
    }
    if page
        .screenshots
        .as_ref()
        .is_some_and(|s| s.items.is_empty())
    {
        warn(
            find_key(text, "screenshots"),
            "the screenshots section is empty".into(),
        );
    }
    if page.reviews.as_ref().is_some_and(|r| r.items.is_empty()) {
        warn(
            find_key(text, "reviews"),
            "the reviews section is empty: the viewer shows its empty state".into(),
        );
    }
}

fn missing_images(text: &str, page: &Page, warn: &mut impl FnMut(Option<usize>, String)) {
    let Some(shots) = &page.screenshots else {
        return;
    };
    // Each image names its own `image:` key, in order: the n-th item with an image
    // is at the n-th key, so two items naming the same file land on their own lines.
    let mut from = 0;
    for shot in &shots.items {
        let Some(image) = &shot.image else { continue };
        let at = text[from..].find("image:").map(|i| from + i);
        if let Some(at) = at {
            from = at + 1;
        }
        if !image.is_file() {
            let value = at.map(|a| a + "image:".len() + leading_spaces(&text[a + 6..]));
            warn(
                value,
                format!("screenshot image \"{}\" does not exist", image.display()),
            );
        }
    }
}

fn leading_spaces(s: &str) -> usize {
    s.len() - s.trim_start_matches([' ', '\t']).len()
}

/// Turns byte offsets into 1-based line and character column.
struct LineIndex {
    starts: Vec<usize>,
}

impl LineIndex {
    fn new(text: &str) -> Self {
        let mut starts = vec![0];
        starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
        Self { starts }
    }

    fn position(&self, text: &str, at: usize) -> (usize, usize) {
        let line = self.starts.partition_point(|&s| s <= at).max(1);
        let start = self.starts[line - 1];
        let col = text.get(start..at).map_or(1, |s| s.chars().count() + 1);
        (line, col)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::loader;

    fn bundled() -> (Source, Page) {
        let source = loader::bundled();
        let page = loader::parse(&source).expect("bundled page loads");
        (source, page)
    }

    #[test]
    fn bundled_page_points_at_six_foreign_words() {
        let (source, page) = bundled();
        let found = check(&source, &page);
        let words: Vec<_> = found
            .iter()
            .filter(|d| d.message.contains("foreign"))
            .map(|d| {
                let (line, col) = d.at.expect("placed");
                let text_line = source.text.lines().nth(line - 1).expect("line exists");
                let word: String = text_line
                    .chars()
                    .skip(col - 1)
                    .take_while(|c| c.is_alphabetic())
                    .collect();
                (word, d.message.contains("Cyrillic"))
            })
            .collect();
        assert_eq!(words.len(), 6, "{found:#?}");
        assert_eq!(words[0], ("фрон".to_string(), true));
        assert!(words[1..].iter().all(|(w, cyr)| w == "που" && !cyr));
        let places: std::collections::HashSet<_> = found.iter().map(|d| d.at).collect();
        assert_eq!(places.len(), found.len(), "each at its own place");
    }

    #[test]
    fn mixed_scripts_are_flagged_whatever_the_language() {
        assert!(word_problem("Tokyо", None).is_some_and(|m| m.contains("Latin, Cyrillic")));
        assert!(word_problem("Tokyo", None).is_none());
        assert!(word_problem("東京タワー", expected_scripts("ja")).is_none());
        assert!(word_problem("東京", expected_scripts("en")).is_some());
        assert!(word_problem("2024", expected_scripts("id")).is_none());
        assert!(word_problem("café", expected_scripts("id")).is_none());
        assert!(word_problem("привет", expected_scripts("ru")).is_none());
        assert!(word_problem("привет", expected_scripts("xx")).is_none());
    }

    #[test]
    fn removed_characters_are_placed_and_named() {
        let mut found = Vec::new();
        removed_characters("a: b\r\nc: \x1b[31md\u{202e}\n", &mut |at, m| {
            found.push((at, m));
        });
        assert_eq!(found.len(), 2, "CRLF is not reported: {found:?}");
        assert_eq!(found[0].0, Some(9));
        assert!(found[0].1.starts_with("U+001B (escape)"));
        assert!(found[1].1.starts_with("U+202E (bidirectional"));
        assert!(
            !found
                .iter()
                .any(|(_, m)| m.contains('\x1b') || m.contains('\u{202e}'))
        );
    }

    #[test]
    fn positions_count_characters_from_one() {
        let text = "ab\nπρ x\n";
        let index = LineIndex::new(text);
        assert_eq!(index.position(text, 0), (1, 1));
        assert_eq!(index.position(text, 3), (2, 1));
        assert_eq!(index.position(text, text.find('x').expect("x")), (2, 4));
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
            at: Some((3, 7)),
            severity: Severity::Warning,
            message: "m".into(),
        };
        assert_eq!(d.to_string(), "a.yaml:3:7: warning: m");
        let e = Diagnostic {
            at: None,
            severity: Severity::Error,
            ..d
        };
        assert_eq!(e.to_string(), "a.yaml: error: m");
    }
}
