//! Plain words for the YAML mistakes authors make most, in place of the parser's.
//!
//! serde-saphyr reports a syntax error as granit-parser's `ScanError`: a kind and a place.
//! For the usual mistakes (a tab in the indentation, an unquoted value holding `: `, a key
//! indented out of line, a forbidden character), the message here says what to change.
//! It reads the line the parser points at, and for indentation the key line above it, to
//! say so; the place is the parser's, except that a tab or forbidden character is pointed
//! at itself: the parser names it, and reports the start of the value it stopped in.

use serde_saphyr::granit_parser::{ErrorKind, ScanError};

use super::error::{LoadErrorKind, Location};
use super::quoting::{index_of, is_line_break, location_of, one_line};
use crate::diagnostic::Code;

/// What `error`, reported at `at` in `text`, means for a page's author, and where.
pub(super) fn explain(text: &str, error: &ScanError, at: Location) -> (LoadErrorKind, Location) {
    let said = |code: Code, message: String| LoadErrorKind::Syntax { code, message };
    match error.kind() {
        ErrorKind::UnexpectedCharacter { character } if is_forbidden(*character) => {
            let c = *character;
            // The parser points at the start of the value it was reading: the character
            // is the first such one from there.
            let from = index_of(text, at);
            let index = text[from..].find(c).map_or(from, |i| from + i);
            (
                LoadErrorKind::ForbiddenCharacter { c },
                location_of(text, index),
            )
        }
        ErrorKind::UnexpectedCharacter { character } => (
            said(
                Code::ReservedCharacter,
                format!(
                    "a value cannot start with `{}`; put the value in quotes",
                    one_line(&character.to_string(), 1)
                ),
            ),
            at,
        ),
        ErrorKind::TabInBlockIndentation
        | ErrorKind::TabInIndentation
        | ErrorKind::TabInPlainScalar
        | ErrorKind::TabAtBlockScalarStart => tab(text, at),
        ErrorKind::MappingValueNotAllowed => {
            let line = line_text(text, at.line);
            match colon_in_value(line, at.column) {
                Some(message) => (said(Code::ColonInValue, message), at),
                None => indentation(text, at).unwrap_or_else(|| (parser_words(error), at)),
            }
        }
        ErrorKind::ExpectedBlockMappingKey | ErrorKind::ExpectedBlockSequenceEntry => {
            indentation(text, at).unwrap_or_else(|| (parser_words(error), at))
        }
        ErrorKind::MissingLowSurrogate
        | ErrorKind::UnpairedLowSurrogate
        | ErrorKind::InvalidLowSurrogate
        | ErrorKind::InvalidLowSurrogateHexEscape => surrogate(text, at),
        ErrorKind::UnclosedQuotedScalar => {
            let quote = text[index_of(text, at)..].chars().next().unwrap_or('"');
            let quote = if quote == '\'' { '\'' } else { '"' };
            (
                said(
                    Code::UnclosedQuote,
                    format!("the `{quote}` here opens a quoted value that is never closed"),
                ),
                at,
            )
        }
        _ => (parser_words(error), at),
    }
}

/// A `\uXXXX` escape of half a UTF-16 surrogate pair, as JSON writes characters past
/// U+FFFF, without its other half: pointed at itself (the parser points at the start of
/// the quoted value).
fn surrogate(text: &str, at: Location) -> (LoadErrorKind, Location) {
    let from = index_of(text, at);
    let is_half =
        |hex: &str| u32::from_str_radix(hex, 16).is_ok_and(|u| (0xD800..0xE000).contains(&u));
    let escape = text[from..]
        .match_indices("\\u")
        .map(|(i, _)| from + i)
        .find(|&i| text.get(i + 2..i + 6).is_some_and(is_half));
    let (shown, at) = match escape {
        Some(i) => (format!("`{}`", &text[i..i + 6]), location_of(text, i)),
        None => ("a `\\u` escape".to_owned(), at),
    };
    let message = format!(
        "{shown} is half of a UTF-16 surrogate pair, which names no character on its own; \
         write the character itself, or its code point as `\\U` and 8 hex digits \
         (`\\U0001F600` for U+1F600)"
    );
    let code = Code::SurrogateEscape;
    (LoadErrorKind::Syntax { code, message }, at)
}

/// The parser's own description, for mistakes layar has no words of its own for.
fn parser_words(error: &ScanError) -> LoadErrorKind {
    LoadErrorKind::Syntax {
        code: Code::YamlSyntax,
        message: format!("invalid YAML: {}", one_line(&error.kind().to_string(), 200)),
    }
}

/// Whether YAML forbids `c` anywhere in a file: it is not in YAML's printable set.
pub(super) fn is_forbidden(c: char) -> bool {
    !matches!(
        c,
        '\t' | '\n' | '\r' | ' '..='~' | '\u{85}' | '\u{A0}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}'
    ) && c < '\u{10000}'
}

/// Line `n` (1-based) of `text`, without its line break.
fn line_text(text: &str, n: usize) -> &str {
    let start = index_of(text, Location { line: n, column: 1 });
    let rest = &text[start..];
    &rest[..rest.find(is_line_break).unwrap_or(rest.len())]
}

/// The spaces and tabs a line starts with.
fn indent(line: &str) -> &str {
    &line[..line.len() - line.trim_start_matches([' ', '\t']).len()]
}

/// A tab in the indentation of the line at `at` or of a line after it: the parser stops
/// at the value whose next line is indented with a tab.
fn tab(text: &str, at: Location) -> (LoadErrorKind, Location) {
    let lines = text[index_of(
        text,
        Location {
            line: at.line,
            column: 1,
        },
    )..]
        .split_inclusive(['\n', '\r'])
        .enumerate();
    for (i, line) in lines {
        let line = line.trim_end_matches(['\n', '\r']);
        if let Some(column) = indent(line).find('\t') {
            let n = at.line + i;
            let how = if column == 0 {
                "starts with a tab"
            } else {
                "has a tab in its indentation"
            };
            return (
                LoadErrorKind::Syntax {
                    code: Code::TabIndent,
                    message: format!("YAML indents with spaces; line {n} {how}"),
                },
                Location {
                    line: n,
                    column: indent(line)[..column].chars().count() + 1,
                },
            );
        }
    }
    let message = "YAML indents with spaces, not tabs".to_owned();
    let code = Code::TabIndent;
    (LoadErrorKind::Syntax { code, message }, at)
}

/// `key: a: b` read as a value holding `: `: the words to quote it, when the line at the
/// parser's column has a key before it.
fn colon_in_value(line: &str, column: usize) -> Option<String> {
    let before: String = line.chars().take(column.saturating_sub(1)).collect();
    let (key, _) = before.split_once(": ")?;
    let key = key.trim_start().trim_start_matches("- ").trim();
    let (_, value) = line.split_once(": ")?;
    // A comment is not part of the value.
    let value = value.split(" #").next().unwrap_or(value).trim();
    let escaped = value.replace('\\', "\\\\").replace('"', "\\\"");
    Some(format!(
        "the value `{}` holds `: `, which YAML reads as another key; quote the value: `{}: \"{}\"`",
        one_line(value, 60),
        one_line(key, 30),
        one_line(&escaped, 60),
    ))
}

/// A key line indented out of line with the key line above it, if that is what the line
/// at `at` is.
fn indentation(text: &str, at: Location) -> Option<(LoadErrorKind, Location)> {
    let line = line_text(text, at.line);
    let here = key_of(line)?;
    let (above_line, above) = (1..at.line)
        .rev()
        .find_map(|n| key_of(line_text(text, n)).map(|key| (n, key)))?;
    let how = match here.column.cmp(&above.column) {
        std::cmp::Ordering::Less => "less",
        std::cmp::Ordering::Greater => "more",
        std::cmp::Ordering::Equal => return None,
    };
    let spaces = |n: usize| {
        if n == 1 {
            "1 space".to_owned()
        } else {
            format!("{n} spaces")
        }
    };
    let message = format!(
        "`{}` is indented {}, {how} than `{}` on line {above_line} ({}); keys of one mapping \
         line up",
        one_line(here.name, 30),
        spaces(here.column),
        one_line(above.name, 30),
        above.column,
    );
    let code = Code::Indentation;
    Some((LoadErrorKind::Syntax { code, message }, at))
}

/// A key at the start of a line: `  name: value` or `  - name: value`.
struct KeyLine<'a> {
    name: &'a str,
    /// Characters before the name: its indentation, list dashes included.
    column: usize,
}

/// The key a line starts with, if it starts with one.
fn key_of(line: &str) -> Option<KeyLine<'_>> {
    let mut rest = line.trim_start_matches(' ');
    while let Some(after) = rest.strip_prefix("- ") {
        rest = after.trim_start_matches(' ');
    }
    if rest.starts_with('#') {
        return None;
    }
    let end = rest.find(':')?;
    let name = &rest[..end];
    let after = &rest[end + 1..];
    let is_key = !name.is_empty()
        && !name.starts_with('-')
        && !name.contains([' ', '"', '\'', '[', '{', '#'])
        && (after.is_empty() || after.starts_with([' ', '\t']));
    is_key.then(|| KeyLine {
        name,
        column: line[..line.len() - rest.len()].chars().count(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The message and place serde-saphyr's error for `text` gets.
    fn explained(text: &str) -> (String, (usize, usize)) {
        let err = serde_saphyr::from_str::<serde::de::IgnoredAny>(text).expect_err("refused");
        let at = err.location().expect("located");
        let at = super::super::places::location(&at);
        let Some(serde_saphyr::Error::ExternalMessage { source, .. }) = Some(err.without_snippet())
        else {
            panic!("not a parser error: {err}");
        };
        let serde_saphyr::ExternalMessageSource::Parser(scan) = &**source else {
            panic!("not a parser error");
        };
        let (kind, at) = explain(text, scan, at);
        (kind.to_string(), (at.line, at.column))
    }

    #[test]
    fn a_tab_in_the_indentation_is_named() {
        assert_eq!(
            explained("title: T\nsynopsis:\n  heading: H\n\ttext: x\n"),
            (
                "YAML indents with spaces; line 4 starts with a tab".into(),
                (4, 1)
            )
        );
        assert_eq!(
            explained("title: T\nsynopsis:\n\theading: H\n"),
            (
                "YAML indents with spaces; line 3 starts with a tab".into(),
                (3, 1)
            )
        );
        assert_eq!(
            explained("a:\n  b:\n  \t- c\n"),
            (
                "YAML indents with spaces; line 3 has a tab in its indentation".into(),
                (3, 3)
            )
        );
    }

    #[test]
    fn a_value_holding_colon_space_is_to_be_quoted() {
        let (message, at) = explained("title: T\nsynopsis:\n  text: Verdict: great # ok\n");
        assert_eq!(
            message,
            "the value `Verdict: great` holds `: `, which YAML reads as another key; quote the \
             value: `text: \"Verdict: great\"`"
        );
        assert_eq!(at, (3, 16));
        let (message, _) = explained("- author: Ann \"A\": x\n");
        assert!(
            message.ends_with("`author: \"Ann \\\"A\\\": x\"`"),
            "{message}"
        );
    }

    #[test]
    fn keys_out_of_line_are_named_with_the_key_above() {
        assert_eq!(
            explained("title: T\nsynopsis:\n  heading: Plot\n text: x\n"),
            (
                "`text` is indented 1 space, less than `heading` on line 3 (2); keys of one \
                 mapping line up"
                    .into(),
                (4, 2)
            )
        );
        assert_eq!(
            explained("title: T\nsynopsis:\n  heading: Plot\n   text: x\n").0,
            "`text` is indented 3 spaces, more than `heading` on line 3 (2); keys of one \
             mapping line up"
        );
        assert_eq!(
            explained("r:\n  items:\n    - author: a\n     text: x\n").0,
            "`text` is indented 5 spaces, less than `author` on line 3 (6); keys of one \
             mapping line up"
        );
    }

    #[test]
    fn forbidden_characters_are_pointed_at() {
        assert_eq!(
            explained("title: Di Balik \u{1b}[31mLayar\n"),
            (
                "found the control character U+001B, which YAML does not allow; remove it".into(),
                (1, 17)
            )
        );
        assert_eq!(explained("t: \"a \u{0} b\"\n").1, (1, 7));
        assert_eq!(explained("t: x # a \u{7}\n").1, (1, 10));
        assert!(is_forbidden('\u{9b}'));
        assert!(is_forbidden('\u{fffe}'));
        assert!(!is_forbidden('\u{85}'));
        assert!(!is_forbidden('\u{202e}'));
        assert!(!is_forbidden('😀'));
    }

    #[test]
    fn half_a_surrogate_pair_is_pointed_at() {
        let (message, at) = explained("title: \"a \\ud83d b\"\n");
        assert_eq!(
            message,
            "`\\ud83d` is half of a UTF-16 surrogate pair, which names no character on its \
             own; write the character itself, or its code point as `\\U` and 8 hex digits \
             (`\\U0001F600` for U+1F600)"
        );
        assert_eq!(at, (1, 11));
        assert!(
            explained("t: \"\\ude00\\ud83d\"\n")
                .0
                .starts_with("`\\ude00` is half")
        );
        assert!(
            explained("t: \"\\ud83d\\u0041\"\n")
                .0
                .starts_with("`\\ud83d` is half")
        );
    }

    #[test]
    fn other_mistakes_keep_the_parsers_words() {
        let (message, at) = explained("title: \"abc\nsynopsis: x\n");
        assert_eq!(
            message,
            "the `\"` here opens a quoted value that is never closed"
        );
        assert_eq!(at, (1, 8));
        let (message, _) = explained("a: [b\n");
        assert!(message.starts_with("invalid YAML: "), "{message}");
    }
}
