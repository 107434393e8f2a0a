//! Where a page's values stand in its file, as the YAML parser reported them: the place of
//! each problem, and the places `--check` reads its warnings from.
//!
//! A [`Place`] comes from serde-saphyr's `Spanned`: the line and column where a value is
//! used, and the bytes it was read from. Nothing here searches the file: a position inside
//! a value is found by re-reading that value's own bytes ([`Place::source`]).

use std::ops::Range;

use super::error::Location;
use super::quoting::is_line_break;

/// Where a value stands in its file.
///
/// A read that keeps places keeps several for every value, so a place is held in 32-bit
/// numbers: 32 bytes, where `usize`s took 64 (a page of many small values took twice
/// the memory). A file over 4 GiB has values without a place past that.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Place {
    at: Compact,
    index: u32,
    source_start: u32,
    source_len: u32,
    start: Compact,
    /// Whether the value is written in double quotes, where backslash escapes apply.
    pub double_quoted: bool,
}

/// A [`Location`] in 32-bit numbers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Compact {
    line: u32,
    column: u32,
}

impl Compact {
    fn new(at: Location) -> Option<Self> {
        Some(Self {
            line: u32::try_from(at.line).ok()?,
            column: u32::try_from(at.column).ok()?,
        })
    }

    fn location(self) -> Location {
        Location {
            line: self.line as usize,
            column: self.column as usize,
        }
    }
}

impl Place {
    /// A place: the value used at `at` (byte `index`), read from the bytes `source`
    /// that start at `start`. `None` past 4 GiB or 4 billion lines.
    pub(super) fn new(
        at: Location,
        index: usize,
        source: Range<usize>,
        start: Location,
    ) -> Option<Self> {
        Some(Self {
            at: Compact::new(at)?,
            index: u32::try_from(index).ok()?,
            source_start: u32::try_from(source.start).ok()?,
            source_len: u32::try_from(source.end.checked_sub(source.start)?).ok()?,
            start: Compact::new(start)?,
            double_quoted: false,
        })
    }

    /// The place of serde-saphyr's `referenced` and `defined` locations. Byte offsets come
    /// with every location of a text parsed from a string; `None` if one is missing.
    pub(super) fn from_spans(
        referenced: &serde_saphyr::Location,
        defined: &serde_saphyr::Location,
    ) -> Option<Self> {
        let index = usize::try_from(referenced.span().byte_offset()?).ok()?;
        let start = usize::try_from(defined.span().byte_offset()?).ok()?;
        let len = usize::try_from(defined.span().byte_len()?).ok()?;
        Self::new(
            location(referenced),
            index,
            start..start.saturating_add(len),
            location(defined),
        )
    }

    /// Where the value is used: its own place, or the alias (`*name`) that repeats it.
    pub fn at(&self) -> Location {
        self.at.location()
    }

    /// The byte offset of [`Self::at`].
    pub fn index(&self) -> usize {
        self.index as usize
    }

    /// The bytes the value was read from: its own, or those of the anchored value an
    /// alias repeats. Empty for a mapping or list written as an indented block.
    pub fn source(&self) -> Range<usize> {
        let start = self.source_start as usize;
        start..start + self.source_len as usize
    }

    /// Where [`Self::source`] starts.
    pub fn start(&self) -> Location {
        self.start.location()
    }

    /// The value's own bytes in `text`.
    pub fn slice<'t>(&self, text: &'t str) -> &'t str {
        text.get(self.source()).unwrap_or_default()
    }

    /// Whether the text value `value`, read from this place, was written in a style that
    /// folds its lines: plain, single- or double-quoted, or folded (`>`). There a line
    /// break alone becomes a space and a blank line becomes one line break, so every line
    /// break left in the value was a blank line (or an escaped `\n`, or a more-indented
    /// line of a folded block), and ends a paragraph. A quoted value starts with its
    /// quote, which its value does not (a block's first line may start with one, but
    /// then so does its value). A literal block (`|`) keeps every line break as it is,
    /// so its value has as many as its bytes; a plain or folded value has fewer, unless
    /// it is one line, where it does not matter.
    pub fn folds_lines(&self, text: &str, value: &str) -> bool {
        let slice = self.slice(text);
        let first_line = slice.split(['\n', '\r']).next().unwrap_or_default();
        let quoted = slice.starts_with(['"', '\'']) && !value.starts_with(first_line);
        quoted || line_breaks(slice.trim()) != line_breaks(value.trim())
    }

    /// The line and column of byte `offset` of [`Self::slice`], counting from the value's
    /// start as the parser counts lines (`\n`, `\r` and `\r\n`) and columns (characters).
    pub fn locate(&self, text: &str, offset: usize) -> Location {
        self.locate_from(text, (0, self.start()), offset)
    }

    /// As [`Self::locate`], going on from an earlier `(offset, location)` in the value, so
    /// that places found in order cost one walk over the value, not one each.
    pub fn locate_from(&self, text: &str, from: (usize, Location), offset: usize) -> Location {
        let slice = self.slice(text);
        let (start, mut at) = if from.0 <= offset {
            from
        } else {
            (0, self.start())
        };
        let before = slice
            .get(start.min(slice.len())..offset.min(slice.len()))
            .unwrap_or_default();
        let mut chars = before.chars().peekable();
        while let Some(c) = chars.next() {
            if is_line_break(c) {
                if c == '\r' && chars.peek() == Some(&'\n') {
                    chars.next();
                }
                at = Location {
                    line: at.line + 1,
                    column: 1,
                };
            } else {
                at.column += 1;
            }
        }
        at
    }
}

/// How many line breaks `s` has, counted as YAML counts them: `\n`, `\r` and `\r\n`.
fn line_breaks(s: &str) -> usize {
    let b = s.as_bytes();
    memchr::memchr2_iter(b'\n', b'\r', b)
        .filter(|&i| !(b[i] == b'\n' && i > 0 && b[i - 1] == b'\r'))
        .count()
}

/// A serde-saphyr location as layar's.
pub(super) fn location(at: &serde_saphyr::Location) -> Location {
    Location {
        line: usize::try_from(at.line()).unwrap_or(usize::MAX),
        column: usize::try_from(at.column()).unwrap_or(usize::MAX),
    }
}

/// A value of the page that `--check` reads for warnings, named by where it is in the
/// model and in the file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    Title,
    SynopsisHeading,
    SynopsisText,
    /// The `screenshots:` key.
    Screenshots,
    ScreenshotsHeading,
    /// The caption of this screenshot.
    Caption(ItemIndex),
    /// The image path of this screenshot.
    Image(ItemIndex),
    /// The `reviews:` key.
    Reviews,
    ReviewsHeading,
    /// The author of this review.
    Author(ItemIndex),
    /// The text of this review.
    ReviewText(ItemIndex),
}

/// An item of a list, by its index in the model and in the file's list. They differ
/// when an item before it is not a mapping: the model leaves that one out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ItemIndex {
    pub model: usize,
    pub file: usize,
}

impl ItemIndex {
    /// The item the model has at `index`, its index in the file not known: for finding
    /// it with [`Field::is`].
    pub fn in_model(index: usize) -> Self {
        Self {
            model: index,
            file: index,
        }
    }
}

impl Field {
    /// Whether `self` is `other`, items compared by their index in the model, all the
    /// viewer knows of them.
    pub fn is(self, other: Self) -> bool {
        self.in_model() == other.in_model()
    }

    fn in_model(self) -> Self {
        let model = |i: ItemIndex| ItemIndex::in_model(i.model);
        match self {
            Self::Caption(i) => Self::Caption(model(i)),
            Self::Image(i) => Self::Image(model(i)),
            Self::Author(i) => Self::Author(model(i)),
            Self::ReviewText(i) => Self::ReviewText(model(i)),
            other => other,
        }
    }

    /// The field path as the file has it, `reviews.items[3].text`, as errors name theirs.
    pub fn path(self) -> String {
        let item =
            |section: &str, i: ItemIndex, key: &str| format!("{section}.items[{}].{key}", i.file);
        match self {
            Self::Title => "title".into(),
            Self::SynopsisHeading => "synopsis.heading".into(),
            Self::SynopsisText => "synopsis.text".into(),
            Self::Screenshots => "screenshots".into(),
            Self::ScreenshotsHeading => "screenshots.heading".into(),
            Self::Caption(i) => item("screenshots", i, "caption"),
            Self::Image(i) => item("screenshots", i, "image"),
            Self::Reviews => "reviews".into(),
            Self::ReviewsHeading => "reviews.heading".into(),
            Self::Author(i) => item("reviews", i, "author"),
            Self::ReviewText(i) => item("reviews", i, "text"),
        }
    }
}

/// Where each value `--check` reads stands, in file order.
pub type Places = Vec<(Field, Place)>;

#[cfg(test)]
mod tests {
    use super::*;

    fn place(source: Range<usize>, line: usize, column: usize) -> Place {
        let start = Location { line, column };
        Place::new(start, source.start, source, start).expect("small")
    }

    #[test]
    fn positions_inside_a_value_count_from_its_start() {
        let text = "a: |\n  one\r\n  twö x\n";
        let p = place(7..text.len(), 2, 3);
        assert_eq!(p.slice(text), "one\r\n  twö x\n");
        assert_eq!(p.locate(text, 0), Location { line: 2, column: 3 });
        assert_eq!(p.locate(text, 2), Location { line: 2, column: 5 });
        let x = p.slice(text).find('x').unwrap_or_default();
        assert_eq!(p.locate(text, x), Location { line: 3, column: 7 });
        let ö = p.slice(text).find('ö').unwrap_or_default();
        let from = (ö, p.locate(text, ö));
        assert_eq!(
            p.locate_from(text, from, x),
            Location { line: 3, column: 7 }
        );
        let later = (x, Location { line: 3, column: 7 });
        assert_eq!(
            p.locate_from(text, later, 2),
            Location { line: 2, column: 5 }
        );
    }

    #[test]
    fn folding_styles_are_told_from_literal_blocks() {
        let folds = |text: &str, value: &str| place(0..text.len(), 1, 1).folds_lines(text, value);
        assert!(!folds("one\r\n\r\n  two\n", "one\n\ntwo\n"), "literal");
        assert!(!folds("one\n  two", "one\ntwo"), "literal, stripped");
        assert!(folds("one\n  x\n\n  two\n", "one x\ntwo"), "folded");
        assert!(folds("'one\n\n  two'", "one\ntwo"), "single-quoted");
        assert!(folds("\"one\\ntwo\"", "one\ntwo"), "an escaped line break");
        assert!(
            folds("\"a\n\n  b\\nc\"", "a\nb\nc"),
            "as many line breaks as its bytes, one of them escaped"
        );
        assert!(
            !folds("'x' y\n  z\n", "'x' y\nz\n"),
            "a literal block starting with a quote"
        );
        assert!(!folds("one line", "one line"));
    }

    #[test]
    fn a_lone_cr_ends_a_line_and_other_breaks_do_not() {
        let text = "ab\rc\u{2028}d";
        let p = place(0..text.len(), 1, 1);
        let d = text.find('d').unwrap_or_default();
        assert_eq!(p.locate(text, d), Location { line: 2, column: 3 });
    }
}
