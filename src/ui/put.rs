//! Putting a string into the buffer. Ratatui's `Buffer::set_stringn` splits every
//! string into grapheme clusters and measures each, and drawing a screen of mostly
//! plain text spent most of its time there. A string of printable ASCII or of
//! [plain narrow](is_plain_narrow) characters (the letters, punctuation and
//! line-drawing characters of a few common blocks) is one cluster, one column, per
//! character, so its cells are set directly; anything else goes to `set_stringn`.
//! The result is the same either way: the tests below compare the two on random
//! strings.

use ratatui::buffer::Buffer;
use ratatui::style::Style;

use crate::text::width::{is_plain_narrow, is_printable_ascii};

/// `buf.set_stringn(x, y, text, max_width, style)`, faster for plain text: at most
/// `max_width` columns of `text` from (x, y), clipped at the buffer's right edge;
/// returns the position after the last cell set.
pub fn put<T: AsRef<str>, S: Into<Style>>(
    buf: &mut Buffer,
    x: u16,
    y: u16,
    text: T,
    max_width: usize,
    style: S,
) -> (u16, u16) {
    let text = text.as_ref();
    let chars = if is_printable_ascii(text) {
        text.len()
    } else if text
        .chars()
        .all(|c| matches!(c, ' '..='~') || is_plain_narrow(c))
    {
        text.chars().count()
    } else {
        return buf.set_stringn(x, y, text, max_width, style);
    };
    let max_width = u16::try_from(max_width).unwrap_or(u16::MAX);
    let room = buf.area.right().saturating_sub(x).min(max_width);
    let n = room.min(u16::try_from(chars).unwrap_or(u16::MAX));
    if n == 0 {
        return (x, y);
    }
    let style = style.into();
    // Panics where `set_stringn` would: (x, y) outside the buffer.
    let start = buf.index_of(x, y);
    let cells = &mut buf.content[start..start + usize::from(n)];
    for (cell, ch) in cells.iter_mut().zip(text.chars()) {
        cell.set_char(ch).set_style(style);
    }
    (x + n, y)
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;
    use ratatui::layout::Rect;
    use ratatui::style::{Color, Modifier};

    use super::*;

    /// A buffer already drawn on, so that what is overwritten and what is left shows.
    fn drawn(area: Rect) -> Buffer {
        let mut buf = Buffer::empty(area);
        for y in area.top()..area.bottom() {
            buf.set_stringn(
                area.x,
                y,
                "#".repeat(usize::from(area.width)),
                usize::MAX,
                Style::new().fg(Color::Red).add_modifier(Modifier::BOLD),
            );
        }
        buf
    }

    fn style() -> impl Strategy<Value = Style> {
        (any::<bool>(), any::<u16>(), any::<u16>()).prop_map(|(fg, add, sub)| {
            let s = Style::new()
                .add_modifier(Modifier::from_bits_truncate(add))
                .remove_modifier(Modifier::from_bits_truncate(sub));
            if fg { s.fg(Color::Indexed(42)) } else { s }
        })
    }

    /// Mostly printable ASCII (the fast path), with control bytes, DEL, combining
    /// marks, wide and ambiguous characters and emoji mixed in (the fallback).
    fn text() -> impl Strategy<Value = String> {
        prop_oneof![
            3 => "[ -~]{0,30}",
            1 => "[ -~\\x00-\\x1f\\x7f]{0,30}",
            1 => "[ -~\u{301}\u{200b}コ🎬─é\t\r\n]{0,30}",
            // The plain characters beyond ASCII, and their neighbours that are not:
            // combining marks, the soft hyphen, joiners, separators, variation
            // selectors, Cyrillic's combining marks, wide and emoji characters.
            2 => "[a-z ÀÿĀžƀɏʰ˿ͰϗϰϿ АяѠҁҊԯ‐‧‰⁞←⇿─▟ΑΩ]{0,30}",
            1 => "[a-z \u{300}-\u{36f}\u{ad}\u{200b}-\u{200f}\u{2028}\u{2060}\u{fe0f}\u{483}-\u{489}\u{378}\u{1100}\u{2194}\u{21a9}\u{2764}\u{3000}Ωж─é]{0,30}",
        ]
    }

    proptest! {
        #[test]
        fn the_same_as_set_stringn(
            text in text(),
            ax in 0u16..4,
            width in 0u16..30,
            height in 1u16..3,
            dx in 0u16..34,
            dy in 0u16..3,
            max_width in prop_oneof![0usize..40, Just(usize::MAX)],
            style in style(),
        ) {
            let area = Rect::new(ax, 1, width, height);
            let (x, y) = (ax + dx, 1 + dy.min(height - 1));
            let mut expected = drawn(area);
            let mut actual = drawn(area);
            let want = expected.set_stringn(x, y, &text, max_width, style);
            let got = put(&mut actual, x, y, &text, max_width, style);
            prop_assert_eq!(got, want);
            prop_assert_eq!(actual, expected);
        }
    }

    #[test]
    fn ascii_is_clipped_at_the_edge_and_at_max_width() {
        let area = Rect::new(0, 0, 5, 1);
        let mut buf = Buffer::empty(area);
        assert_eq!(put(&mut buf, 1, 0, "abcdef", 2, Style::new()), (3, 0));
        assert_eq!(put(&mut buf, 3, 0, "xyz", usize::MAX, Style::new()), (5, 0));
        assert_eq!(buf, Buffer::with_lines([" abxy"]));
    }
}
