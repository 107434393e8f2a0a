//! Display width: the one measure of text on screen, used by wrapping, drawing, `--print`
//! and the footer alike.
//!
//! Width is measured per extended grapheme cluster (what a reader sees as one character),
//! never per `char`: summing per `char` (as `textwrap::core::display_width` does) counts the
//! family emoji "👨‍👩‍👧" as 6 columns where a terminal gives it 2.
//!
//! Each cluster is measured by ratatui's own [`CellWidth`], which is what `Buffer::set_stringn`,
//! `Span` and `Line` use to place it: so a line wrapped to N columns is drawn in exactly N,
//! and nothing at its end is skipped for want of room. `set_stringn` draws nothing for a
//! cluster holding a control character or for one of width 0, so those measure 0 here too.
//! No cluster is clamped: `ᄀ가` (a leading jamo before a syllable) takes 4 cells and `a🏽`
//! (a skin tone after a letter) 3, in ratatui as in terminals.

use std::borrow::Cow;

use ratatui::buffer::CellWidth;
use unicode_segmentation::UnicodeSegmentation;

/// What [`truncate_with_ellipsis`] appends to a cut string; one column wide.
pub(crate) const ELLIPSIS: char = '…';

/// Columns one grapheme cluster takes on screen: what ratatui gives it when drawing.
pub(crate) fn grapheme_width(g: &str) -> usize {
    if g.contains(char::is_control) {
        0
    } else {
        usize::from(g.cell_width())
    }
}

/// Columns a string takes, summed per grapheme cluster.
pub fn str_width(s: &str) -> usize {
    s.graphemes(true).map(grapheme_width).sum()
}

/// The longest prefix of `s` that ends on a grapheme boundary and is at most `max` columns.
///
/// Zero-width clusters right at the cut stay with the prefix.
pub(crate) fn truncate(s: &str, max: usize) -> &str {
    let mut used = 0;
    for (start, g) in s.grapheme_indices(true) {
        used += grapheme_width(g);
        if used > max {
            return &s[..start];
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
    if str_width(s) <= max {
        return Cow::Borrowed(s);
    }
    if max == 0 {
        return Cow::Borrowed(truncate(s, 0));
    }
    let kept = truncate(s, max - 1);
    let mut out = String::with_capacity(kept.len() + ELLIPSIS.len_utf8());
    out.push_str(kept);
    out.push(ELLIPSIS);
    Cow::Owned(out)
}

/// The longest end of `s`, at a grapheme boundary, that fits in `max` columns: what
/// a prompt shows of a query longer than its room, since the typing happens at the end.
pub(crate) fn truncate_start(s: &str, max: usize) -> &str {
    let mut used = 0;
    for (start, g) in s.grapheme_indices(true).rev() {
        used += grapheme_width(g);
        if used > max {
            return &s[start + g.len()..];
        }
    }
    s
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
        // Why width is taken per cluster: per-char widths of the family add up to 6.
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
        assert_eq!(
            grapheme_width("\u{AD}"),
            0,
            "soft hyphen, drawn by wrapping"
        );
        assert_eq!(str_width("a\u{200B}b"), 2);
        let heavy = format!("a{}", "\u{301}".repeat(300));
        assert_eq!(str_width(&heavy), 1);
    }

    #[test]
    fn controls_take_no_cell() {
        // Sanitising leaves only `\n`; ratatui draws no cluster with a control in it.
        assert_eq!(grapheme_width("\n"), 0);
        assert_eq!(grapheme_width("\r\n"), 0);
        assert_eq!(str_width("a\nb"), 2);
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
    fn no_cluster_is_clamped() {
        // Clusters wider than two cells, as terminals draw them (one column per
        // character that advances the cursor).
        assert_eq!(
            grapheme_width("\u{1100}\u{AC00}"),
            4,
            "ᄀ가: leading jamo, syllable"
        );
        assert_eq!(grapheme_width("\u{1100}\u{1100}"), 4, "two leading jamo");
        assert_eq!(grapheme_width("a\u{1F3FD}"), 3, "a letter with a skin tone");
        assert_eq!(
            grapheme_width("\u{915}\u{94D}\u{924}\u{94D}\u{92F}"),
            3,
            "क्त्य: one conjunct cluster"
        );
    }

    #[test]
    fn a_halfwidth_voiced_mark_takes_its_own_column() {
        // Terminals give U+FF9E and U+FF9F a column each, so ｶﾞ takes two. ratatui adds
        // that column to unicode-width's count; unicode-width 0.2.3 counts it as well,
        // which makes three (see the bound on unicode-width in Cargo.toml).
        assert_eq!(grapheme_width("ｶﾞ"), 2);
        assert_eq!(grapheme_width("ﾊﾟ"), 2);
        assert_eq!(str_width(&"ｶﾞ".repeat(24)), 48);
    }

    #[test]
    fn the_width_is_the_one_ratatui_draws() {
        use ratatui::buffer::Buffer;
        use ratatui::layout::Rect;
        use ratatui::style::Style;
        let samples = [
            "ｶﾞ",
            "ﾊﾟ",
            "a🏽",
            "ᄀ가",
            "क्त्य",
            FAMILY,
            "🇮🇩",
            "e\u{301}",
            "日本",
            "a\u{AD}b",
            "\u{200B}",
            "❤\u{FE0F}",
            "\u{3000}",
        ];
        for s in samples {
            let mut buf = Buffer::empty(Rect::new(0, 0, 40, 1));
            let (x, _) = buf.set_stringn(0, 0, s, 40, Style::new());
            assert_eq!(usize::from(x), str_width(s), "{s:?}");
        }
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
        assert_eq!(truncate_start("", 0), "");
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
        assert_eq!(truncate("a\u{1100}\u{AC00}b", 4), "a", "a 4-cell cluster");
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
            "ｶﾞｶﾞｶﾞ a🏽 ᄀ가",
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
                assert!(str_width(truncate_start(s, max)) <= max);
            }
        }
    }
}
