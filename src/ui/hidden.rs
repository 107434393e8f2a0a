//! The cells hidden under a grapheme cluster wider than one cell, marked so that the next
//! frame rewrites them.
//!
//! ratatui's diff treats a cluster wider than one cell as one glyph, which a terminal
//! erases whole when its first cell is overwritten, and never writes the cells it hides.
//! Terminals draw some clusters as a glyph per character instead: `a🏽`, `ᄀ가`, `ｶﾞ` and
//! many Devanagari conjuncts. When such a cluster goes (a tab switch, a scroll), only its
//! first cell would be rewritten and the rest of it would stay on screen. A hidden cell
//! marked [`CellDiffOption::Skip`] is still never written under its cluster, but it no
//! longer equals the blank that replaces it, so the next frame clears it.

use ratatui::buffer::{Buffer, CellDiffOption, CellWidth};

/// Marks the cells hidden under every cluster of more than one character in `buf`.
pub fn mark(buf: &mut Buffer) {
    let area = buf.area;
    for y in area.top()..area.bottom() {
        let mut x = area.left();
        while x < area.right() {
            // A picture's escape sequence (sixel, iTerm2, kitty's first placeholder)
            // says how many cells it takes; its text is no glyph.
            if let CellDiffOption::ForcedWidth(width) = buf[(x, y)].diff_option {
                x = x.saturating_add(width.get());
                continue;
            }
            let symbol = buf[(x, y)].symbol();
            // A wide cluster of one character needs nothing: its hidden cells are
            // visited as blanks, one by one.
            let width = if symbol.chars().nth(1).is_some() {
                symbol.cell_width().max(1)
            } else {
                1
            };
            for hidden in x + 1..x.saturating_add(width).min(area.right()) {
                buf[(hidden, y)].set_diff_option(CellDiffOption::Skip);
            }
            x = x.saturating_add(width);
        }
    }
}

#[cfg(test)]
mod tests {
    use ratatui::layout::Rect;
    use ratatui::style::Style;

    use super::*;

    fn drawn(text: &str) -> Buffer {
        let mut buf = Buffer::empty(Rect::new(0, 0, 12, 1));
        buf.set_string(0, 0, text, Style::new());
        mark(&mut buf);
        buf
    }

    fn rewritten(prev: &Buffer, next: &Buffer) -> Vec<u16> {
        prev.diff(next).into_iter().map(|(x, _, _)| x).collect()
    }

    #[test]
    fn a_cluster_drawn_as_several_glyphs_is_cleared_whole() {
        let blank = Buffer::empty(Rect::new(0, 0, 12, 1));
        // x a🏽 y ᄀ가 z: the skin tone sits in cells 2-3, the syllable in 7-8.
        assert_eq!(
            rewritten(&drawn("xa🏽yᄀ가z"), &blank),
            [0, 1, 2, 3, 4, 5, 6, 7, 8, 9]
        );
        // Drawn, its hidden cells are not written.
        assert_eq!(rewritten(&blank, &drawn("a🏽")), [0]);
        // A wide character of one glyph needs nothing more.
        assert_eq!(rewritten(&drawn("日本"), &blank), [0, 2]);
    }

    #[test]
    fn a_cell_of_a_given_width_is_taken_at_its_word() {
        let mut buf = Buffer::empty(Rect::new(0, 0, 12, 1));
        // An escape sequence in one cell, as a picture's first cell holds one.
        buf[(0, 0)]
            .set_symbol("\x1b_Gq=2;AAAAAAAAAAAAAAAA\x1b\\x")
            .set_diff_option(CellDiffOption::ForcedWidth(std::num::NonZeroU16::MIN));
        buf.set_string(1, 0, "abc", Style::new());
        mark(&mut buf);
        for x in 1..12 {
            assert_eq!(buf[(x, 0)].diff_option, CellDiffOption::None, "{x}");
        }
    }

    #[test]
    fn an_unchanged_cluster_is_not_rewritten() {
        assert_eq!(rewritten(&drawn("a🏽 ｶﾞ"), &drawn("a🏽 ｶﾞ")), [] as [u16; 0]);
    }
}
