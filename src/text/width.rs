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
pub(crate) fn is_printable_ascii(s: &str) -> bool {
    s.bytes().all(|b| matches!(b, b' '..=b'~'))
}

/// Characters that are a whole grapheme cluster one column wide whenever the characters
/// next to them are ASCII or more of them: Latin-1 and Latin Extended letters and signs,
/// Greek and Cyrillic (without their combining marks), general punctuation, arrows, box
/// drawing and block elements. Combining marks, joiners, variation selectors, format
/// characters and the soft hyphen are not among them (a test checks every one).
pub(crate) fn is_plain_narrow(c: char) -> bool {
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
pub(crate) fn graphemes(s: &str) -> Graphemes<'_> {
    Graphemes { text: s, pos: 0 }
}

/// Iterator returned by [`graphemes`].
#[derive(Debug, Clone)]
pub(crate) struct Graphemes<'a> {
    text: &'a str,
    pos: usize,
}

impl Graphemes<'_> {
    /// Skips the printable ASCII clusters ahead and returns their byte range.
    ///
    /// Stops before a byte followed by a non-ASCII character, which may be a combining mark
    /// that belongs with it; [`Iterator::next`] then yields that byte's whole cluster.
    pub(crate) fn ascii_run(&mut self) -> Range<usize> {
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

#[cfg(test)]
mod tests {
    use super::*;

    const FAMILY: &str = "\u{1F468}\u{200D}\u{1F469}\u{200D}\u{1F467}";

    #[test]
    fn ascii_is_one_column_per_byte() {
        assert_eq!(grapheme_width("a"), 1);
        assert_eq!(grapheme_width(" "), 1);
        assert_eq!(str_width("Di Balik Layar"), 14);
        assert_eq!(str_width(""), 0);
    }

    #[test]
    fn emoji_sequences_are_two_columns() {
        assert_eq!(grapheme_width(FAMILY), 2, "ZWJ family");
        assert_eq!(
            grapheme_width("\u{1F3F3}\u{FE0F}\u{200D}\u{1F308}"),
            2,
            "rainbow flag"
        );
        assert_eq!(grapheme_width("🇮🇩"), 2, "regional-indicator flag");
        assert_eq!(grapheme_width("\u{2764}\u{FE0F}"), 2, "heart with VS16");
        assert_eq!(grapheme_width("\u{2764}"), 1, "bare heart is text style");
        assert_eq!(
            grapheme_width("\u{1F44D}\u{1F3FD}"),
            2,
            "skin tone modifier"
        );
        assert_eq!(grapheme_width("1\u{FE0F}\u{20E3}"), 2, "keycap");
        assert_eq!(str_width(FAMILY), 2);
        assert_eq!(str_width(&FAMILY.repeat(3)), 6);
    }

    #[test]
    fn per_char_sum_would_be_wrong() {
        // The reason this module exists: per-char widths of the family add up to 6.
        let per_char: usize = FAMILY
            .chars()
            .filter_map(unicode_width::UnicodeWidthChar::width)
            .sum();
        assert_eq!(per_char, 6);
        assert_eq!(str_width(FAMILY), 2);
    }

    #[test]
    fn combining_and_zero_width() {
        assert_eq!(grapheme_width("e\u{301}"), 1);
        assert_eq!(str_width("Cafe\u{301}"), 4);
        assert_eq!(grapheme_width("\u{301}"), 0, "lone combining mark");
        assert_eq!(grapheme_width("\u{200B}"), 0, "zero width space");
        assert_eq!(str_width("a\u{200B}b"), 2);
        let heavy = format!("a{}", "\u{301}".repeat(300));
        assert_eq!(str_width(&heavy), 1);
    }

    #[test]
    fn hangul_and_cjk() {
        assert_eq!(grapheme_width("\u{1100}\u{1161}\u{11A8}"), 2, "jamo L V T");
        assert_eq!(grapheme_width("한"), 2);
        assert_eq!(str_width("日本語"), 6);
        assert_eq!(str_width("ｱｲ"), 2, "halfwidth katakana");
        assert_eq!(str_width("ＡＢ"), 4, "fullwidth Latin");
    }

    #[test]
    fn clusters_are_clamped_to_two() {
        // Two leading jamo form one cluster that unicode-width measures as 4.
        assert_eq!("\u{1100}\u{1100}".width(), 4);
        assert_eq!(grapheme_width("\u{1100}\u{1100}"), 2);
    }

    #[test]
    fn graphemes_match_unicode_segmentation() {
        let samples = [
            "",
            "plain ascii",
            "a\r\nb",
            "e\u{301}x",
            "ab\u{301}",
            "x🇮🇩🇮🇩y",
            "🇮🇩🇮",
            FAMILY,
            "a\u{200D}b",
            "日本語。テスト",
            "\u{1100}\u{1161}\u{11A8}z",
            "tab\there\n",
        ];
        for s in samples {
            let ours: Vec<_> = graphemes(s).collect();
            let theirs: Vec<_> = s.grapheme_indices(true).collect();
            assert_eq!(ours, theirs, "{s:?}");
        }
    }

    proptest::proptest! {
        #[test]
        fn graphemes_and_widths_match_the_tables(
            s in "[a-z \r\nàéÿĀžΩβжЯ‐—…→─█日本アｶ가\u{300}\u{301}\u{483}\u{200d}\u{fe0f}\u{ad}\u{1100}\u{1161}\u{11a8}🎬❤]{0,24}"
        ) {
            let ours: Vec<_> = graphemes(&s).collect();
            let theirs: Vec<_> = s.grapheme_indices(true).collect();
            proptest::prop_assert_eq!(&ours, &theirs);
            for (_, g) in theirs {
                proptest::prop_assert_eq!(grapheme_width(g), g.width().min(2), "{:?}", g);
            }
        }
    }

    #[test]
    fn plain_narrow_characters_are_whole_narrow_clusters() {
        use ratatui::buffer::CellWidth;
        let all = (0..=u32::from(char::MAX)).filter_map(char::from_u32);
        for c in all.filter(|&c| is_plain_narrow(c)) {
            assert_eq!(c.to_string().width(), 1, "{c:?}");
            assert_eq!(c.to_string().cell_width(), 1, "{c:?}");
            assert!(!c.is_control(), "{c:?}");
            // Neither joins an ASCII neighbour (not Extend, SpacingMark, ZWJ or Prepend),
            // nor the same character, nor the first and last of the ranges.
            assert_eq!(format!("a{c}a").graphemes(true).count(), 3, "{c:?}");
            assert_eq!(
                format!("{c}{c}\u{A0}{c}\u{259F}{c}")
                    .graphemes(true)
                    .count(),
                6,
                "{c:?}"
            );
        }
    }

    #[test]
    fn plain_wide_characters_are_whole_wide_clusters() {
        let all = (0..=u32::from(char::MAX)).filter_map(char::from_u32);
        for c in all.filter(|&c| is_plain_wide(c)) {
            assert_eq!(c.to_string().width(), 2, "{c:?}");
            // Neither joins an ASCII neighbour (not Extend, SpacingMark, ZWJ or Prepend) ...
            assert_eq!(format!("a{c}a").graphemes(true).count(), 3, "{c:?}");
            // ... nor the same character or a Hangul syllable (LV, LVT) after it.
            assert_eq!(
                format!("{c}{c}\u{AC00}\u{AC01}").graphemes(true).count(),
                4,
                "{c:?}"
            );
        }
    }

    #[test]
    fn shortcuts_stop_where_a_cluster_goes_on() {
        let samples = [
            "ab\u{301}",
            "日\u{3099}",
            "가\u{11A8}",
            "ア\u{200D}",
            "a😀",
            "日a\u{301}",
        ];
        for s in samples {
            let ours: Vec<_> = graphemes(s).collect();
            let theirs: Vec<_> = s.grapheme_indices(true).collect();
            assert_eq!(ours, theirs, "{s:?}");
        }
        let mut it = graphemes("abc\u{301}d");
        assert_eq!(it.ascii_run(), 0..2, "c goes with its mark");
        assert_eq!(it.next(), Some((2, "c\u{301}")));
        assert_eq!(it.ascii_run(), 5..6);
        assert_eq!(it.next(), None);
        assert_eq!(graphemes("a\r\nb").ascii_run(), 0..1);
    }

    #[test]
    fn truncate_start_keeps_the_end() {
        assert_eq!(truncate_start("/abcdef", 3), "def");
        assert_eq!(truncate_start("/ab", 10), "/ab");
        assert_eq!(truncate_start("/日本語", 4), "本語");
        assert_eq!(
            truncate_start("/日本語", 3),
            "語",
            "a wide char never half fits"
        );
        assert_eq!(truncate_start("/x", 0), "");
        assert_eq!(truncate_start("e\u{301}x", 1), "x");
    }

    #[test]
    fn truncate_cuts_at_grapheme_boundaries() {
        assert_eq!(truncate("hello", 3), "hel");
        assert_eq!(truncate("hello", 5), "hello");
        assert_eq!(truncate("hello", 50), "hello");
        assert_eq!(truncate("hello", 0), "");
        assert_eq!(truncate("", 3), "");
        assert_eq!(truncate("日本語", 3), "日", "a wide char never half fits");
        assert_eq!(truncate("日本語", 4), "日本");
        assert_eq!(truncate("e\u{301}e\u{301}", 1), "e\u{301}");
        let fam2 = format!("{FAMILY}{FAMILY}");
        assert_eq!(truncate(&fam2, 3), FAMILY);
        assert_eq!(truncate(&fam2, 1), "");
    }

    #[test]
    fn truncate_keeps_zero_width_clusters_at_the_cut() {
        assert_eq!(truncate("ab\u{200B}c", 2), "ab\u{200B}");
    }

    #[test]
    fn ellipsis_only_when_cut() {
        assert!(matches!(
            truncate_with_ellipsis("hello", 5),
            Cow::Borrowed("hello")
        ));
        assert_eq!(truncate_with_ellipsis("hello", 4), "hel…");
        assert_eq!(truncate_with_ellipsis("hello", 1), "…");
        assert_eq!(truncate_with_ellipsis("hello", 0), "");
        assert_eq!(truncate_with_ellipsis("", 0), "");
        assert_eq!(truncate_with_ellipsis("日本語", 5), "日本…");
        assert_eq!(truncate_with_ellipsis("日本語", 4), "日…");
        assert_eq!(truncate_with_ellipsis("日本語", 6), "日本語");
    }

    #[test]
    fn ellipsis_result_never_exceeds_max() {
        let samples = [
            "hello world",
            "日本語のテキスト",
            FAMILY,
            "e\u{301}e\u{301}e\u{301}",
            "a日b本c",
        ];
        for s in samples {
            for max in 0..=str_width(s) + 1 {
                let out = truncate_with_ellipsis(s, max);
                assert!(str_width(&out) <= max, "{s:?} at {max}: {out:?}");
                assert_eq!(
                    out.ends_with(ELLIPSIS),
                    str_width(s) > max && max > 0,
                    "{s:?} at {max}"
                );
            }
        }
    }
}
