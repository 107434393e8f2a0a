//! Showing the file's own text in messages, safely: quoted values, the source line with a
//! caret under the column, and the line and column of a byte.
//!
//! Everything here sanitises what it shows (no control character from a page reaches the
//! terminal through an error) and looks at a bounded part of the text, so a message about a
//! 50 MB value or a 50 MB line costs no more than one about a short one.

use std::fmt;

use unicode_segmentation::UnicodeSegmentation;

use super::error::Location;
use crate::text::sanitize::sanitized;
use crate::text::width::{ELLIPSIS, grapheme_width, str_width, truncate_with_ellipsis};

/// The longest a quoted value gets, in columns, before it is cut with `…`.
const QUOTE_WIDTH: usize = 60;

/// `s` as an error message quotes it: sanitised onto one line, cut to about 60 columns
/// with `…`, in double quotes.
pub(super) fn quote(s: &str) -> String {
    format!("\"{}\"", one_line(s, QUOTE_WIDTH))
}

/// `s` sanitised onto one line and cut to `max` columns with `…`. Only a bounded prefix of
/// `s` is looked at, so quoting a 50 MB value costs no more than quoting a short one.
pub(super) fn one_line(s: &str, max: usize) -> String {
    let (head, cut) = prefix_chars(s, max * 4);
    let clean = sanitized(head).replace(['\u{2028}', '\u{2029}'], " ");
    let mut shown = truncate_with_ellipsis(&clean, max).into_owned();
    if cut && !shown.ends_with(ELLIPSIS) {
        shown.push(ELLIPSIS);
    }
    shown
}

/// The first `n` characters of `s`, and whether that left anything out.
fn prefix_chars(s: &str, n: usize) -> (&str, bool) {
    match s.char_indices().nth(n) {
        Some((at, _)) => (s.get(..at).unwrap_or_default(), true),
        None => (s, false),
    }
}

/// The last `n` characters of `s`, and whether that left anything out.
fn suffix_chars(s: &str, n: usize) -> (&str, bool) {
    let Some(k) = n.checked_sub(1) else {
        return ("", !s.is_empty());
    };
    match s.char_indices().rev().nth(k) {
        Some((at, _)) => (s.get(at..).unwrap_or_default(), at > 0),
        None => (s, false),
    }
}

/// Whether `c` ends a line as the YAML parser sees it: YAML 1.2 breaks lines at `\n` and
/// `\r` only (`\r\n` is one break).
pub(super) fn is_line_break(c: char) -> bool {
    matches!(c, '\n' | '\r')
}

/// The line and column of byte `index` in `text`, counting lines as the YAML parser does
/// and columns in characters.
pub(super) fn location_of(text: &str, index: usize) -> Location {
    let mut index = index.min(text.len());
    while !text.is_char_boundary(index) {
        index -= 1;
    }
    let before = &text.as_bytes()[..index];
    let mut line = 1;
    let mut line_start = 0;
    let mut i = 0;
    while let Some(at) = before.get(i..).and_then(first_break) {
        let at = i + at;
        let len = if before.get(at..at + 2) == Some(b"\r\n") {
            2
        } else {
            1
        };
        line += 1;
        line_start = at + len;
        i = at + len;
    }
    let column = text.get(line_start..index).map_or(0, |s| s.chars().count()) + 1;
    Location { line, column }
}

/// The byte offset of `location` in `text` (the inverse of [`location_of`]); the end of
/// its line when the column is past it, the end of the text when the line is.
pub(super) fn index_of(text: &str, location: Location) -> usize {
    let b = text.as_bytes();
    let mut start = 0;
    for _ in 1..location.line {
        match b.get(start..).and_then(first_break) {
            Some(at) => {
                let at = start + at;
                start = at
                    + if b.get(at..at + 2) == Some(b"\r\n") {
                        2
                    } else {
                        1
                    };
            }
            None => return text.len(),
        }
    }
    let line = &text[start..];
    let line = &line[..line.find(is_line_break).unwrap_or(line.len())];
    start
        + line
            .char_indices()
            .nth(location.column.saturating_sub(1))
            .map_or(line.len(), |(i, _)| i)
}

/// The offset of the first `\n` or `\r` in `b`.
fn first_break(b: &[u8]) -> Option<usize> {
    memchr::memchr2(b'\n', b'\r', b)
}

/// How wide the shown part of a source line may be, in columns.
const EXCERPT_WIDTH: usize = 80;
/// How far from the left edge the caret may sit before the line is cut on the left.
const CARET_MAX: usize = 40;

/// The source line shown under a message: sanitised, cut around the caret to fit.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Excerpt {
    text: String,
    /// Columns before the caret.
    caret: usize,
}

impl Excerpt {
    /// How many bytes on each side of the caret an excerpt reads: enough for the most it
    /// shows ([`CARET_MAX`] and [`EXCERPT_WIDTH`] characters, four times over, of up to
    /// four bytes), so that an excerpt of a 50 MB line costs no more than one of a short
    /// line, and `--check`'s many warnings on one line cost one each.
    pub(super) const MAX_BYTES: usize = 2048;

    /// The line of `text` holding byte `index`, with the caret under that byte's character.
    pub fn at(text: &str, index: usize) -> Self {
        let index = floor_boundary(text, index.min(text.len()));
        let from = floor_boundary(text, index.saturating_sub(Self::MAX_BYTES));
        let to = floor_boundary(text, index.saturating_add(Self::MAX_BYTES).min(text.len()));
        let before = text[from..index]
            .rsplit(is_line_break)
            .next()
            .unwrap_or_default();
        let after = text[index..to]
            .split(is_line_break)
            .next()
            .unwrap_or_default();
        Self::around(before, after)
    }

    /// The caret between `before`, the line up to it, and `after`, the rest of the line.
    /// Only [`Self::MAX_BYTES`] on each side are read.
    pub(super) fn around(before: &str, after: &str) -> Self {
        let before = &before[ceil_boundary(before, before.len().saturating_sub(Self::MAX_BYTES))..];
        let after = &after[..floor_boundary(after, after.len().min(Self::MAX_BYTES))];
        Self::split(&format!("{before}{after}"), before.len())
    }

    /// `line` with the caret before byte `at`.
    fn split(line: &str, at: usize) -> Self {
        let (before, after) = line.split_at(at);
        let (before, cut_left) = suffix_chars(before, CARET_MAX * 4);
        let (after, cut_right) = prefix_chars(after, EXCERPT_WIDTH * 4);
        // Line and paragraph separators are not line breaks to the parser, but a
        // terminal may start a new line at them.
        let before = sanitized(before).replace(['\u{2028}', '\u{2029}'], " ");
        let after = sanitized(after).replace(['\u{2028}', '\u{2029}'], " ");

        let mut text = String::new();
        let mut caret = str_width(&before);
        if cut_left || caret > CARET_MAX {
            let kept = suffix_within(&before, CARET_MAX - 1);
            text.push(ELLIPSIS);
            text.push_str(kept);
            caret = 1 + str_width(kept);
        } else {
            text.push_str(&before);
        }
        let room = EXCERPT_WIDTH.saturating_sub(caret);
        let shown = truncate_with_ellipsis(&after, room);
        let ellipsised = shown.len() != after.len();
        text.push_str(&shown);
        if cut_right && !ellipsised {
            text.push(ELLIPSIS);
        }
        let trimmed = text.trim_end().len();
        text.truncate(trimmed);
        Self { text, caret }
    }

    /// The gutter, the line (numbered `line`) and the caret, each on its own line after
    /// a message.
    pub fn fmt(&self, f: &mut fmt::Formatter<'_>, line: usize) -> fmt::Result {
        let number = line.to_string();
        let w = number.len().max(3);
        write!(f, "\n{:w$} |", "")?;
        if self.text.is_empty() {
            write!(f, "\n{number:>w$} |")?;
        } else {
            write!(f, "\n{number:>w$} | {}", self.text)?;
        }
        write!(f, "\n{:w$} | {:caret$}^", "", "", caret = self.caret)
    }
}

/// The largest character boundary of `s` at or before `i`.
fn floor_boundary(s: &str, mut i: usize) -> usize {
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// The smallest character boundary of `s` at or after `i`.
fn ceil_boundary(s: &str, mut i: usize) -> usize {
    while !s.is_char_boundary(i) {
        i += 1;
    }
    i
}

/// The longest suffix of `s` made of whole grapheme clusters that fits in `max` columns.
fn suffix_within(s: &str, max: usize) -> &str {
    let mut used = 0;
    let mut start = s.len();
    for (i, g) in s.grapheme_indices(true).rev() {
        used += grapheme_width(g);
        if used > max {
            break;
        }
        start = i;
    }
    s.get(start..).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quotes_are_clean_and_short() {
        assert_eq!(quote("a\u{1b}]0;pwned\u{7}b"), "\"a]0;pwnedb\"");
        assert_eq!(quote("two\nlines\ttab"), "\"two lines tab\"");
        assert_eq!(quote("\u{202e}evil"), "\"evil\"");
        let long = "x".repeat(500);
        let q = quote(&long);
        assert_eq!(q.chars().count(), 62);
        assert!(q.ends_with("…\""));
    }

    #[test]
    fn long_lines_are_cut_around_the_caret() {
        let line = format!("{}HERE{}", "a".repeat(300), "b".repeat(300));
        let e = Excerpt::around(&line[..300], &line[300..]);
        assert_eq!(e.caret, CARET_MAX);
        assert!(e.text.starts_with('…'));
        assert!(e.text.ends_with('…'));
        assert_eq!(&e.text[e.text.find('H').unwrap_or_default()..][..4], "HERE");
        assert!(str_width(&e.text) <= EXCERPT_WIDTH);
    }

    #[test]
    fn caret_counts_wide_characters_and_skips_controls() {
        let e = Excerpt::around("\u{1b}名前: ", "[");
        assert_eq!(e.text, "名前: [");
        assert_eq!(e.caret, 6);
    }

    #[test]
    fn excerpt_finds_the_line_by_byte_offset() {
        let text = "one\r\ntwo\rthree";
        let at = text.find("hree").unwrap_or_default();
        let e = Excerpt::at(text, at);
        assert_eq!((e.text.as_str(), e.caret), ("three", 1));
        let end = Excerpt::at(text, text.len());
        assert_eq!((end.text.as_str(), end.caret), ("three", 5));
        let long = format!("{}\nx{}y\n", "a".repeat(10_000), "b".repeat(10_000));
        let y = Excerpt::at(&long, long.find('y').unwrap_or_default());
        assert!(
            y.text.starts_with('…') && y.text.ends_with('y'),
            "{}",
            y.text
        );
        let x = Excerpt::at(&long, long.find('x').unwrap_or_default());
        assert!(
            x.text.starts_with("xb") && x.text.ends_with('…'),
            "{}",
            x.text
        );
        assert_eq!(x.caret, 0);
        let ls = Excerpt::at("a\u{2028}b", 0);
        assert_eq!(ls.text, "a b", "a line separator is shown as a space");
    }

    #[test]
    fn locations_count_lines_as_yaml_does() {
        let text = "a\r\nb\rc\u{2028}dé\nxyz\u{85}w";
        let at = |needle: &str| location_of(text, text.find(needle).unwrap_or_default());
        assert_eq!(at("b"), Location { line: 2, column: 1 });
        assert_eq!(at("c"), Location { line: 3, column: 1 });
        assert_eq!(at("é"), Location { line: 3, column: 4 });
        assert_eq!(at("z"), Location { line: 4, column: 3 });
        assert_eq!(at("w"), Location { line: 4, column: 5 });
    }

    #[test]
    fn index_of_inverts_location_of() {
        let text = "a\r\nbé\rc\n\nxyz";
        for (index, c) in text.char_indices() {
            if c == '\n' && text[..index].ends_with('\r') {
                continue; // inside one line break
            }
            assert_eq!(index_of(text, location_of(text, index)), index, "{index}");
        }
        assert_eq!(index_of(text, Location { line: 9, column: 1 }), text.len());
        assert_eq!(
            index_of(text, Location { line: 1, column: 7 }),
            1,
            "end of line 1"
        );
    }
}
