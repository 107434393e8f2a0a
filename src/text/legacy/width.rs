//! Display width, measured per extended grapheme cluster, and truncation to a width.
//!
//! A terminal gives each grapheme cluster (what a reader sees as one character) one or two
//! cells, so width is summed per cluster, never per `char`: summing per `char` (as
//! `textwrap::core::display_width` does) counts the family emoji "👨‍👩‍👧" as 6 columns.
//!
//! unicode-width 0.2's `UnicodeWidthStr::width` already understands most clusters when it is
//! given the whole cluster: the family (a ZWJ sequence) and "🏳️‍🌈" measure 2, a flag such
//! as "🇮🇩" measures 2, "❤️" (heart + VS16) measures 2 while a bare "❤" measures 1, "é"
//! written as `e` + U+0301 measures 1, a Hangul syllable written as jamo (L V T) measures 2,
//! and a lone combining mark or U+200B ZERO WIDTH SPACE measures 0. It can exceed 2 for some
//! clusters (two leading jamo "ᄀᄀ" form one cluster of width 4), so a cluster is clamped to 2.

use std::borrow::Cow;
use std::ops::Range;

use unicode_segmentation::UnicodeSegmentation;
use unicode_width::UnicodeWidthStr;

/// What [`truncate_with_ellipsis`] appends to a cut string; one column wide.
pub const ELLIPSIS: char = '…';

/// Columns one grapheme cluster takes in a terminal: 0, 1 or 2.
pub fn grapheme_width(g: &str) -> usize {
    match g.as_bytes() {
        [b' '..=b'~'] => 1,
        [_, _, _] if g.chars().next().is_some_and(is_plain_wide) => 2,
        [_, _] | [_, _, _]
            if g.chars().next().is_some_and(is_plain_narrow) && g.chars().count() == 1 =>
        {
            1
        }
        _ => g.width().min(2),
    }
}

/// Columns a string takes, summed per grapheme cluster.
pub fn str_width(s: &str) -> usize {
    let mut clusters = graphemes(s);
    let mut width = 0;
    loop {
        width += clusters.ascii_run().len();
        match clusters.next() {
            Some((_, g)) => width += grapheme_width(g),
            None => return width,
        }
    }
}

/// The longest prefix of `s` that ends on a grapheme boundary and is at most `max` columns.
///
/// Zero-width clusters right at the cut stay with the prefix.
pub fn truncate(s: &str, max: usize) -> &str {
    let mut used = 0;
    for (start, g) in graphemes(s) {
        used += grapheme_width(g);
        if used > max {
            return s.get(..start).unwrap_or_default();
        }
    }
    s
}

/// `s` itself when it fits in `max` columns; otherwise a prefix of it followed by `…`, at most
/// `max` columns in all.
///
/// With `max == 0` there is no room for the ellipsis and the result is empty (or only
/// zero-width clusters).
pub fn truncate_with_ellipsis(s: &str, max: usize) -> Cow<'_, str> {
    if max == 0 {
        return Cow::Borrowed(truncate(s, 0));
    }
    let room = max - 1;
    let mut used = 0;
    let mut cut = None;
    for (start, g) in graphemes(s) {
        let w = grapheme_width(g);
        if cut.is_none() && used + w > room {
            cut = Some(start);
        }
        used += w;
        if used > max {
            let kept = s.get(..cut.unwrap_or(start)).unwrap_or_default();
            let mut out = String::with_capacity(kept.len() + ELLIPSIS.len_utf8());
            out.push_str(kept);
            out.push(ELLIPSIS);
            return Cow::Owned(out);
        }
    }
    Cow::Borrowed(s)
}

/// Whether every byte of `s` is printable ASCII, so that bytes, graphemes and columns coincide.
pub fn is_printable_ascii(s: &str) -> bool {
    s.bytes().all(|b| matches!(b, b' '..=b'~'))
}

/// Characters that are a whole grapheme cluster one column wide whenever the characters
/// next to them are ASCII or more of them: Latin-1 and Latin Extended letters and signs,
/// Greek and Cyrillic (without their combining marks), general punctuation, arrows, box
/// drawing and block elements. Combining marks, joiners, variation selectors, format
/// characters and the soft hyphen are not among them (a test checks every one).
pub fn is_plain_narrow(c: char) -> bool {
    matches!(
        c,
        '\u{A0}'..='\u{AC}'
            | '\u{AE}'..='\u{2FF}'
            | '\u{370}'..='\u{377}'
            | '\u{37A}'..='\u{37F}'
            | '\u{384}'..='\u{38A}'
            | '\u{38C}'
            | '\u{38E}'..='\u{3A1}'
            | '\u{3A3}'..='\u{3FF}'
            | '\u{400}'..='\u{482}'
            | '\u{48A}'..='\u{52F}'
            | '\u{2010}'..='\u{2027}'
            | '\u{2030}'..='\u{205E}'
            | '\u{2190}'..='\u{21FF}'
            | '\u{2500}'..='\u{259F}'
    )
}

/// Characters that are a whole grapheme cluster two columns wide whenever the next character
/// is ASCII or another of them: kana, CJK ideographs, Hangul syllables, fullwidth forms and
/// CJK punctuation. None of them extends or prepends to a neighbour (a test checks every one).
fn is_plain_wide(c: char) -> bool {
    matches!(
        c,
        '\u{3001}'..='\u{3029}'
            | '\u{3041}'..='\u{3096}'
            | '\u{30A0}'..='\u{30FF}'
            | '\u{3400}'..='\u{4DBF}'
            | '\u{4E00}'..='\u{9FFF}'
            | '\u{AC00}'..='\u{D7A3}'
            | '\u{FF01}'..='\u{FF60}'
    )
}

/// The grapheme clusters of `s` with their byte offsets, like `grapheme_indices(true)`.
///
/// An ASCII byte followed by another ASCII byte (other than CR LF) is always a whole cluster,
/// and so is a [plain narrow](is_plain_narrow) or [plain wide](is_plain_wide) character
/// followed by ASCII or another plain one; such text skips the segmentation tables, which
/// keeps Latin, Greek, Cyrillic and CJK text fast.
pub fn graphemes(s: &str) -> Graphemes<'_> {
    Graphemes { text: s, pos: 0 }
}

/// Iterator returned by [`graphemes`].
#[derive(Debug, Clone)]
pub struct Graphemes<'a> {
    text: &'a str,
    pos: usize,
}

impl Graphemes<'_> {
    /// Skips the printable ASCII clusters ahead and returns their byte range.
    ///
    /// Stops before a byte followed by a non-ASCII character, which may be a combining mark
    /// that belongs with it; [`Iterator::next`] then yields that byte's whole cluster.
    pub fn ascii_run(&mut self) -> Range<usize> {
        let start = self.pos;
        let rest = self.text.as_bytes().get(start..).unwrap_or_default();
        let printable = rest
            .iter()
            .position(|b| !matches!(b, b' '..=b'~'))
            .unwrap_or(rest.len());
        let whole = match rest.get(printable) {
            Some(b) if !b.is_ascii() => printable.saturating_sub(1),
            _ => printable,
        };
        self.pos = start + whole;
        start..self.pos
    }
}

impl<'a> Iterator for Graphemes<'a> {
    type Item = (usize, &'a str);

    fn next(&mut self) -> Option<Self::Item> {
        let rest = self.text.get(self.pos..)?;
        let len = match rest.as_bytes() {
            [] => return None,
            [b'\r', b'\n', ..] => 2,
            [a, b, ..] if a.is_ascii() && b.is_ascii() => 1,
            [a] if a.is_ascii() => 1,
            [0xC2..=0xD4 | 0xE2..=0xEF, ..] => {
                plain_len(rest).unwrap_or_else(|| first_cluster_len(rest))
            }
            _ => first_cluster_len(rest),
        };
        let start = self.pos;
        self.pos += len;
        rest.get(..len).map(|g| (start, g))
    }
}

/// Length of the first cluster of `s` when it is one plain (narrow or wide) character that
/// the next character cannot join.
fn plain_len(s: &str) -> Option<usize> {
    let plain = |c: char| is_plain_narrow(c) || is_plain_wide(c);
    let mut chars = s.chars();
    let c = chars.next().filter(|&c| plain(c))?;
    match chars.next() {
        Some(next) if !next.is_ascii() && !plain(next) => None,
        _ => Some(c.len_utf8()),
    }
}

/// Length of the first grapheme cluster of `s`, from the segmentation tables.
fn first_cluster_len(s: &str) -> usize {
    // Starting a fresh segmentation is exact: `s` starts at a real boundary.
    s.graphemes(true).next().map_or(s.len(), str::len)
}

/// The longest end of `s`, at a grapheme boundary, that fits in `max` columns: what
/// a prompt shows of a query longer than its room, since the typing happens at the end.
pub fn truncate_start(s: &str, max: usize) -> &str {
    let mut start = 0;
    let mut width = str_width(s);
    for (at, g) in s.grapheme_indices(true) {
        if width <= max {
            start = at;
            break;
        }
        width -= grapheme_width(g);
        start = at + g.len();
    }
    &s[start..]
}
