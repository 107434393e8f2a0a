//! Splitting a text field into paragraphs, Markdown style.
//!
//! A blank line (empty or only whitespace, Unicode's definition) ends a paragraph. Inside a
//! paragraph each line is trimmed of surrounding ASCII whitespace and the lines are joined
//! with one space, so YAML block text reflowed by an editor reads as one paragraph. Nothing
//! inside a line changes: a one-line paragraph comes back exactly as written, runs of spaces
//! included. Non-ASCII whitespace at a line's edge, such as a Japanese U+3000 indent, stays.
//!
//! The split happens in the field's own string: a page of 100,000 reviews keeps one
//! allocation per text rather than one per paragraph, and never a second copy of it all.

use std::fmt;

use super::bytes::first_newline;

/// A text field's paragraphs, in order; never an empty one.
///
/// They are held in one string, one after another, each ended by a `\n` but the last: no
/// paragraph holds a line break, since the split turns those inside a paragraph into
/// spaces. The offsets of the separators find a paragraph by its index at once; a text of
/// one paragraph (the common case) has none, so it needs no allocation but its string.
#[derive(Clone, Default, PartialEq, Eq)]
pub struct Paragraphs {
    text: String,
    breaks: Vec<usize>,
}

impl Paragraphs {
    /// How many paragraphs there are.
    pub fn len(&self) -> usize {
        if self.text.is_empty() {
            0
        } else {
            self.breaks.len() + 1
        }
    }

    pub fn is_empty(&self) -> bool {
        self.text.is_empty()
    }

    /// The paragraph at `index`, if there is one.
    pub fn get(&self, index: usize) -> Option<&str> {
        if index >= self.len() {
            return None;
        }
        let start = index.checked_sub(1).map_or(0, |i| self.breaks[i] + 1);
        let end = self.breaks.get(index).copied().unwrap_or(self.text.len());
        self.text.get(start..end)
    }

    /// The paragraphs, in order.
    pub fn iter(&self) -> impl DoubleEndedIterator<Item = &str> + Clone {
        self.text.split_terminator('\n')
    }

    /// Adds a paragraph at the end: its line breaks become spaces, and an empty one is
    /// not added.
    pub fn push(&mut self, paragraph: &str) {
        if paragraph.is_empty() {
            return;
        }
        if !self.text.is_empty() {
            self.breaks.push(self.text.len());
            self.text.push('\n');
        }
        self.text
            .extend(paragraph.chars().map(|c| if c == '\n' { ' ' } else { c }));
    }
}

impl fmt::Debug for Paragraphs {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_list().entries(self.iter()).finish()
    }
}

impl<S: AsRef<str>> FromIterator<S> for Paragraphs {
    /// Paragraphs as given, each one [`Paragraphs::push`]ed.
    fn from_iter<I: IntoIterator<Item = S>>(iter: I) -> Self {
        let mut paragraphs = Self::default();
        for p in iter {
            paragraphs.push(p.as_ref());
        }
        paragraphs
    }
}

impl<const N: usize> PartialEq<[&str; N]> for Paragraphs {
    fn eq(&self, other: &[&str; N]) -> bool {
        self.iter().eq(other.iter().copied())
    }
}

/// The paragraphs of `text`.
#[cfg(test)]
pub fn split(text: &str) -> Paragraphs {
    split_owned(text.to_owned())
}

/// The paragraphs of `text`, made in `text`'s own string: each line's content moves
/// towards the front over the line breaks and edges dropped, so nothing is allocated and
/// what has not been read yet is never overwritten (a line's content is never written
/// past where its line break was).
pub fn split_owned(text: String) -> Paragraphs {
    split_in_place(text, false)
}

/// As [`split_owned`], but every line is a paragraph of its own: for text whose soft line
/// breaks are already gone, where each line break left ends a paragraph (YAML's folded,
/// quoted and plain scalars, where a blank line becomes one line break).
pub fn split_lines_owned(text: String) -> Paragraphs {
    split_in_place(text, true)
}

/// Splits `text` in its own string: at blank lines, or at `every_line` break.
fn split_in_place(text: String, every_line: bool) -> Paragraphs {
    let mut bytes = text.into_bytes();
    let mut breaks = Vec::new();
    let (mut read, mut write) = (0, 0);
    // Whether the paragraph being written has a line yet (else a blank line ended it).
    let mut open = false;
    while read < bytes.len() {
        let end = first_newline(&bytes[read..]).map_or(bytes.len(), |i| read + i);
        let line = bytes[read..end].trim_ascii();
        let start = read + (line.as_ptr() as usize - bytes[read..].as_ptr() as usize);
        let len = line.len();
        if is_blank(line) {
            open = false;
        } else {
            if open {
                bytes[write] = b' ';
                write += 1;
            } else if write > 0 {
                breaks.push(write);
                bytes[write] = b'\n';
                write += 1;
            }
            bytes.copy_within(start..start + len, write);
            write += len;
            open = !every_line;
        }
        read = end + 1;
    }
    bytes.truncate(write);
    // Whole characters were moved and ASCII bytes written between them: still UTF-8.
    let text = String::from_utf8(bytes)
        .unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned());
    Paragraphs { text, breaks }
}

/// Whether a line, already trimmed of ASCII whitespace, is blank: empty, or only
/// Unicode whitespace. The line ends at a line feed, so it is whole characters.
fn is_blank(line: &[u8]) -> bool {
    match line.first() {
        None => true,
        Some(b) if b.is_ascii() => false,
        Some(_) => std::str::from_utf8(line).is_ok_and(|l| l.trim().is_empty()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn empty_and_blank_texts_have_no_paragraphs() {
        assert!(split("").is_empty());
        assert!(split("\n\n  \n\t\n").is_empty());
        assert!(
            split("\u{3000}\n").is_empty(),
            "a line of ideographic space is blank"
        );
    }

    #[test]
    fn one_line_is_kept_byte_for_byte() {
        let line = "Simon,  seorang sutradara   yang “gelisah” — 日本語 😀.";
        assert_eq!(split(line), [line]);
        assert_eq!(split(&format!("  {line} \n")), [line]);
    }

    /// The split as plainly as it can be written, one new string per paragraph: what
    /// the in-place split must agree with.
    fn reference(text: &str) -> Vec<String> {
        let mut paragraphs = Vec::new();
        let mut lines: Vec<&str> = Vec::new();
        for line in text.lines().chain([""]) {
            if line.trim().is_empty() {
                if !lines.is_empty() {
                    paragraphs.push(lines.join(" "));
                    lines.clear();
                }
            } else {
                lines.push(line.trim_ascii());
            }
        }
        paragraphs
    }

    proptest::proptest! {
        #[test]
        fn the_in_place_split_agrees_with_the_plain_one(
            pieces in proptest::collection::vec(
                proptest::sample::select(vec!["a", "bc", " ", "  ", "\n", "\n\n", "\r\n", "\t", "\u{3000}", "\u{a0}", "é", "日本", "😀"]),
                0..40,
            )
        ) {
            let text = pieces.concat();
            let split = split(&text);
            let want = reference(&text);
            proptest::prop_assert_eq!(split.iter().collect::<Vec<_>>(), want.clone());
            proptest::prop_assert_eq!(split.len(), want.len());
            for (i, p) in want.iter().enumerate() {
                proptest::prop_assert_eq!(split.get(i), Some(p.as_str()));
            }
            proptest::prop_assert_eq!(split.get(want.len()), None);
        }
    }

    #[test]
    fn the_split_keeps_the_fields_allocation() {
        let text = String::from("  Breathless,\n truly.  \n\n Yes.");
        let at = text.as_ptr();
        let out = split_owned(text);
        assert_eq!(out, ["Breathless, truly.", "Yes."]);
        assert_eq!(out.get(0).map(str::as_ptr), Some(at), "no copy");
    }

    #[test]
    fn pushed_paragraphs_lose_line_breaks_and_empties() {
        let mut p: Paragraphs = ["one", ""].into_iter().collect();
        p.push("two\nlines");
        assert_eq!(p, ["one", "two lines"]);
        assert_eq!((p.len(), p.get(1), p.get(2)), (2, Some("two lines"), None));
        assert!(Paragraphs::default().is_empty());
    }

    #[test]
    fn lines_can_each_be_a_paragraph() {
        let out = split_lines_owned(" one two \n\nthree\n  four\n".to_owned());
        assert_eq!(out, ["one two", "three", "four"]);
        assert_eq!(split_lines_owned("one\n".to_owned()), ["one"]);
        assert!(split_lines_owned("\n \n".to_owned()).is_empty());
    }

    #[test]
    fn soft_line_breaks_join_with_one_space() {
        assert_eq!(split("one\ntwo  \n   three"), ["one two three"]);
    }

    #[test]
    fn blank_lines_separate_paragraphs() {
        assert_eq!(split("a\nb\n\nc\n \t \nd"), ["a b", "c", "d"]);
    }

    #[test]
    fn runs_of_blank_lines_and_edges_make_no_empty_paragraphs() {
        assert_eq!(
            split("\n\n\nfirst\n\n\n\n\nsecond\n\n\n"),
            ["first", "second"]
        );
    }

    #[test]
    fn crlf_line_ends() {
        assert_eq!(split("a\r\nb\r\n\r\nc\r\n"), ["a b", "c"]);
    }

    #[test]
    fn only_ascii_whitespace_is_trimmed() {
        assert_eq!(split("\u{3000}日本語\n次の行"), ["\u{3000}日本語 次の行"]);
        assert_eq!(split("\u{a0}x\u{a0}"), ["\u{a0}x\u{a0}"]);
    }

    #[test]
    fn internal_spaces_survive_in_joined_lines() {
        assert_eq!(split("a  b\nc   d"), ["a  b c   d"]);
    }
}
