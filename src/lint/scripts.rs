//! The script check: words whose letters mix scripts (`Tokyо` with a Cyrillic `о`), and
//! text in a script foreign to the language it is written in.
//!
//! A text's language is its review's or its synopsis's `language:`, else the page's.
//! Languages layar knows are read in their scripts (Japanese in Han, Hiragana and
//! Katakana); a language it does not know gets no foreign-script check, only the mixed
//! one.
//!
//! Words are runs of letters, digits and marks. In a script written without spaces
//! between words (Chinese, Japanese, Thai), such a run is a clause, not a word: a
//! stretch of foreign text in one of them, its clauses joined by punctuation and
//! spaces, is one warning, not one per clause. A stray word in a spaced script, such as
//! a Greek "που" left in an Indonesian sentence, is one warning each.

use std::collections::HashMap;

use unicode_script::{Script, UnicodeScript};

use super::Found;
use crate::diagnostic::Code;
use crate::loader::Place;
use crate::text::sanitize::sanitized;
use crate::text::width::{ELLIPSIS, truncate_with_ellipsis};

/// Whose language a text is read in, for a message.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Scope {
    Page,
    Synopsis,
    Review,
}

/// The language a text is read in: the scripts it is written in, and whose it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Language {
    scripts: &'static [Script],
    scope: Scope,
    /// The page's scripts too, for a name: a review's author may write their name in
    /// the page's script or in the review's.
    also: &'static [Script],
}

impl Language {
    /// The language `tag` names, said by `scope`; `None` when layar does not know its
    /// scripts.
    pub(super) fn of(tag: &str, scope: Scope) -> Option<Self> {
        expected_scripts(tag).map(|scripts| Self {
            scripts,
            scope,
            also: &[],
        })
    }

    /// The language, where the page's language `page` is taken too (for a name).
    pub(super) fn or_page(self, page: Option<&str>) -> Self {
        let also = page.and_then(expected_scripts).unwrap_or_default();
        Self { also, ..self }
    }

    fn knows(self, script: Script) -> bool {
        self.scripts.contains(&script) || self.also.contains(&script)
    }
}

/// Scripts a language is written in, or `None` when layar doesn't know.
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

/// Whether `script` is written without spaces between its words, so that a run of its
/// letters is a clause or a sentence.
fn unspaced(script: Script) -> bool {
    matches!(
        script,
        Script::Han
            | Script::Hiragana
            | Script::Katakana
            | Script::Thai
            | Script::Lao
            | Script::Khmer
            | Script::Myanmar
    )
}

/// What is wrong with a word's scripts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum WordProblem {
    /// Its letters mix scripts.
    Mixed,
    /// Its letters are of this script (the first of them), foreign to the language.
    Foreign(Script),
}

/// Whether `c`'s script says nothing of a language: digits, punctuation, marks.
fn neutral(s: Script) -> bool {
    matches!(s, Script::Common | Script::Inherited | Script::Unknown)
}

/// What is wrong with a word's scripts, if anything. Nothing is allocated: most words
/// are fine, and a wrong one is only described when it is shown.
fn word_problem(word: &str, language: Option<Language>) -> Option<WordProblem> {
    let mut first = None;
    let mut known = false;
    for c in word.chars() {
        let s = script_of(c);
        if neutral(s) {
            continue;
        }
        match first {
            None => first = Some(s),
            Some(f) if !same_family(f, s) => return Some(WordProblem::Mixed),
            Some(_) => {}
        }
        known = known || language.is_some_and(|l| l.knows(s));
    }
    let first = first?;
    (language.is_some() && !known).then_some(WordProblem::Foreign(first))
}

/// The scripts of `text`'s letters, in the order they first come.
fn scripts_in(text: &str) -> Vec<Script> {
    let mut scripts: Vec<Script> = Vec::new();
    for s in text.chars().map(script_of) {
        if !neutral(s) && !scripts.contains(&s) {
            scripts.push(s);
        }
    }
    scripts
}

/// `Greek`, `Han and Katakana`, `Han, Hiragana and Katakana`.
fn names(scripts: &[Script]) -> String {
    let names: Vec<_> = scripts.iter().map(|s| s.full_name()).collect();
    match names.split_last() {
        Some((last, [])) => (*last).to_owned(),
        Some((last, rest)) => format!("{} and {last}", rest.join(", ")),
        None => String::new(),
    }
}

/// How many columns of text a warning quotes at most.
const QUOTE_WIDTH: usize = 40;

/// `text` as a warning quotes it: its runs of spaces and line breaks made one space,
/// cut to [`QUOTE_WIDTH`] columns with `…`, in double quotes. Only a bounded prefix is
/// read, so a stretch of megabytes costs what a short one does.
fn quoted(text: &str) -> String {
    let limit = QUOTE_WIDTH * 4;
    let (head, cut) = match text.char_indices().nth(limit) {
        Some((at, _)) => (&text[..at], true),
        None => (text, false),
    };
    let clean = sanitized(head);
    let one_line = clean.split_whitespace().collect::<Vec<_>>().join(" ");
    let mut shown = truncate_with_ellipsis(&one_line, QUOTE_WIDTH).into_owned();
    if cut && !shown.ends_with(ELLIPSIS) {
        shown.push(ELLIPSIS);
    }
    format!("\"{shown}\"")
}

/// The warning for `text` (a word, or a stretch of words), whose scripts have
/// `problem`, read in `language`.
fn describe(text: &str, problem: WordProblem, language: Option<Language>) -> String {
    let scripts = scripts_in(text);
    match problem {
        WordProblem::Mixed => format!(
            "{} mixes scripts ({}): letters that look alike but are not",
            quoted(text),
            scripts
                .iter()
                .map(|s| s.full_name())
                .collect::<Vec<_>>()
                .join(", ")
        ),
        WordProblem::Foreign(_) => {
            let (want, whose) = language.map_or((Vec::new(), "the page's language"), |l| {
                let whose = match l.scope {
                    Scope::Page => "the page's language",
                    Scope::Synopsis => "the synopsis's language",
                    Scope::Review if l.also.is_empty() => "this review's language",
                    Scope::Review => "this review's and the page's languages",
                };
                let mut want: Vec<_> = l.scripts.iter().map(|s| s.full_name()).collect();
                for s in l.also.iter().map(|s| s.full_name()) {
                    if !want.contains(&s) {
                        want.push(s);
                    }
                }
                (want, whose)
            });
            format!(
                "{} is written in {} script{}, foreign to {whose} ({})",
                quoted(text),
                names(&scripts),
                if scripts.len() == 1 { "" } else { "s" },
                want.join(", ")
            )
        }
    }
}

/// A run of foreign words of a script written without spaces, as they are found: one
/// warning when it ends.
struct Stretch {
    /// Byte offsets in the value: where its first word starts, and its last ends.
    start: usize,
    end: usize,
    script: Script,
}

/// Words of the value at `place` whose letters mix scripts, or whose script is foreign
/// to `language`. `texts` is the value as loaded; each word flagged there is placed at
/// its own occurrence in the value's bytes (the n-th flagged "που" at the n-th "που"
/// there), or at the value's start when the file spells it otherwise (with escapes).
/// Foreign words of a script written without spaces that follow one another, with
/// nothing but punctuation, spaces and digits between them, are one warning.
pub(super) fn foreign_words(
    found: &mut Found<'_>,
    place: &Place,
    texts: &[&str],
    language: Option<Language>,
) {
    // How many times each flagged word is still to be placed.
    let mut pending: HashMap<&str, (WordProblem, usize)> = HashMap::new();
    // What is wrong with each word not in ASCII, looked at once: a page in a foreign
    // script repeats its words.
    let mut seen: HashMap<&str, Option<WordProblem>> = HashMap::new();
    for text in texts {
        for word in words(text) {
            let problem = if word.is_ascii() {
                word_problem(word, language)
            } else {
                *seen
                    .entry(word)
                    .or_insert_with(|| word_problem(word, language))
            };
            if let Some(problem) = problem {
                pending.entry(word).or_insert((problem, 0)).1 += 1;
            }
        }
    }
    if pending.is_empty() {
        return;
    }
    let slice = place.slice(found.text);
    let mut stretch: Option<Stretch> = None;
    let end = |found: &mut Found<'_>, stretch: Option<Stretch>| {
        if let Some(s) = stretch {
            let text = &slice[s.start..s.end];
            let problem = WordProblem::Foreign(s.script);
            found.warn(place, s.start, Code::ForeignScript, || {
                describe(text, problem, language)
            });
        }
    };
    for (at, word) in word_offsets(slice) {
        let Some((problem, left)) = pending.get_mut(word).filter(|(_, left)| *left > 0) else {
            // Digits go on with a stretch; other words end it.
            if !word.chars().map(script_of).all(neutral) {
                end(found, stretch.take());
            }
            continue;
        };
        *left -= 1;
        let problem = *problem;
        if let WordProblem::Foreign(script) = problem
            && unspaced(script)
        {
            match &mut stretch {
                Some(s) if same_family(s.script, script) => s.end = at + word.len(),
                _ => {
                    end(found, stretch.take());
                    stretch = Some(Stretch {
                        start: at,
                        end: at + word.len(),
                        script,
                    });
                }
            }
            continue;
        }
        end(found, stretch.take());
        found.warn(place, at, code(problem), || {
            describe(word, problem, language)
        });
    }
    end(found, stretch.take());
    let mut rest: Vec<_> = pending.into_iter().filter(|(_, (_, n))| *n > 0).collect();
    rest.sort_unstable_by_key(|(word, _)| *word);
    for (word, (problem, left)) in rest {
        for _ in 0..left {
            found.warn(place, 0, code(problem), || {
                describe(word, problem, language)
            });
        }
    }
}

fn code(problem: WordProblem) -> Code {
    match problem {
        WordProblem::Mixed => Code::MixedScript,
        WordProblem::Foreign(_) => Code::ForeignScript,
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

    fn lang(tag: &str) -> Option<Language> {
        Language::of(tag, Scope::Page)
    }

    #[test]
    fn mixed_scripts_are_flagged_whatever_the_language() {
        assert_eq!(word_problem("Tokyо", None), Some(WordProblem::Mixed));
        assert!(describe("Tokyо", WordProblem::Mixed, None).contains("(Latin, Cyrillic)"));
        assert!(word_problem("Tokyo", None).is_none());
        assert!(word_problem("東京タワー", lang("ja")).is_none());
        assert!(word_problem("東京", lang("en")).is_some());
        assert!(word_problem("2024", lang("id")).is_none());
        assert!(word_problem("café", lang("id")).is_none());
        assert!(word_problem("привет", lang("ru")).is_none());
        assert!(word_problem("привет", lang("xx")).is_none());
        assert!(word_problem("привет", lang("ru-Cyrl-RU")).is_none());
        assert!(word_problem("Tokyо", lang("ru")) == Some(WordProblem::Mixed));
    }

    #[test]
    fn foreign_text_names_its_scripts_and_whose_language() {
        let en = lang("en");
        assert_eq!(
            describe("που", WordProblem::Foreign(Script::Greek), en),
            "\"που\" is written in Greek script, foreign to the page's language (Latin)"
        );
        let review = Language::of("en-GB", Scope::Review);
        assert_eq!(
            describe(
                "長回しのカメラワーク。ひらがな",
                WordProblem::Foreign(Script::Han),
                review
            ),
            "\"長回しのカメラワーク。ひらがな\" is written in Han, Hiragana and Katakana \
             scripts, foreign to this review's language (Latin)"
        );
        let synopsis = Language::of("ja", Scope::Synopsis);
        assert!(
            describe("abc", WordProblem::Foreign(Script::Latin), synopsis)
                .ends_with("foreign to the synopsis's language (Han, Hiragana, Katakana)")
        );
        let name = Language::of("ja", Scope::Review).map(|l| l.or_page(Some("el")));
        assert_eq!(word_problem("Σοφία", name), None, "in the page's script");
        assert_eq!(word_problem("花子", name), None, "in the review's");
        assert!(
            describe("Ana", WordProblem::Foreign(Script::Latin), name).ends_with(
                "foreign to this review's and the page's languages (Han, Hiragana, Katakana, \
                 Greek)"
            )
        );
    }

    #[test]
    fn quotes_are_one_short_line() {
        assert_eq!(quoted("a\n      b\u{1b}c"), "\"a bc\"");
        let long = "あ".repeat(1_000_000);
        let shown = quoted(&long);
        assert!(shown.ends_with("…\""), "{shown}");
        assert_eq!(
            shown.chars().count(),
            2 + 19 + 1,
            "40 columns of wide letters"
        );
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
    fn only_scripts_without_spaces_make_stretches() {
        assert!(unspaced(Script::Han) && unspaced(Script::Katakana) && unspaced(Script::Thai));
        assert!(!unspaced(Script::Greek) && !unspaced(Script::Hangul));
    }
}
