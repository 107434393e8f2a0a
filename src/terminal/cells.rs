//! Writing a frame's changed cells. The bytes are exactly those ratatui's
//! `CrosstermBackend::draw` writes for the same cells, but a cell's symbol and a
//! cursor move are copied straight into memory: crossterm's commands go through
//! `fmt` and an adapter for every cell, which made writing the first frame cost as
//! much as laying out and drawing it. Style changes are rare (a few per line), so
//! they still use crossterm's commands, in ratatui's order.

use std::io::{self, Write};

use ratatui::backend::IntoCrossterm;
use ratatui::buffer::Cell;
use ratatui::crossterm::queue;
use ratatui::crossterm::style::{Attribute, Colors, SetAttribute, SetColors, SetUnderlineColor};
use ratatui::style::{Color, Modifier};

/// What ratatui's backend writes after the last cell: foreground, background and
/// underline colour back to the default, then every attribute off.
const RESET: &[u8] = b"\x1b[39m\x1b[49m\x1b[59m\x1b[0m";

/// Appends the cells (column, row, cell) in the order given to `w`, each after a
/// cursor move unless it directly follows the one before on the same row. Into a
/// `Vec`, not the terminal's writer: a byte pushed there costs a few instructions,
/// a `write_all` through the backend's writer some dozens, once per cell.
pub fn write<'a>(
    w: &mut Vec<u8>,
    content: impl Iterator<Item = (u16, u16, &'a Cell)>,
) -> io::Result<()> {
    let mut pen = Pen::default();
    let mut last: Option<(u16, u16)> = None;
    for (x, y, cell) in content {
        if !matches!(last, Some((lx, ly)) if x == lx.wrapping_add(1) && y == ly) {
            move_to(w, x, y);
        }
        last = Some((x, y));
        pen.put(w, cell)?;
    }
    finish(w);
    Ok(())
}

/// The style the bytes written so far leave the terminal in, so that a cell's
/// style is written only where it differs from the one before.
#[derive(Debug)]
pub struct Pen {
    fg: Color,
    bg: Color,
    underline: Color,
    modifier: Modifier,
    /// Where in the output the last few pairs of colours were written. A screen
    /// has a handful of them, and copying the bytes costs a fraction of formatting
    /// them again through crossterm.
    colors: [(Color, Color, usize, usize); COLOR_PAIRS],
    next_slot: usize,
}

/// The pairs of colours a [`Pen`] remembers.
const COLOR_PAIRS: usize = 8;

impl Default for Pen {
    fn default() -> Self {
        Self {
            fg: Color::Reset,
            bg: Color::Reset,
            underline: Color::Reset,
            modifier: Modifier::empty(),
            // An empty range, never matched: no colours are written as nothing.
            colors: [(Color::Reset, Color::Reset, 0, 0); COLOR_PAIRS],
            next_slot: 0,
        }
    }
}

impl Pen {
    /// Whether a space written now looks like an untouched cell of a blank screen.
    pub fn is_plain(&self) -> bool {
        is_default_style(self.fg, self.bg, self.underline, self.modifier)
    }

    /// Writes a cell's style changes, in ratatui's order, then its symbol.
    pub fn put(&mut self, w: &mut Vec<u8>, cell: &Cell) -> io::Result<()> {
        self.put_symbol(w, cell, cell.symbol())
    }

    /// [`Pen::put`] for a cell whose symbol the caller has at hand.
    #[inline]
    pub fn put_symbol(&mut self, w: &mut Vec<u8>, cell: &Cell, symbol: &str) -> io::Result<()> {
        if cell.modifier != self.modifier {
            modifier_diff(w, self.modifier, cell.modifier)?;
            self.modifier = cell.modifier;
        }
        if cell.fg != self.fg || cell.bg != self.bg {
            self.set_colors(w, cell.fg, cell.bg)?;
        }
        if cell.underline_color != self.underline {
            queue!(w, SetUnderlineColor(cell.underline_color.into_crossterm()))?;
            self.underline = cell.underline_color;
        }
        match symbol.as_bytes() {
            [byte] => w.push(*byte),
            bytes => w.extend_from_slice(bytes),
        }
        Ok(())
    }

    /// Writes crossterm's `SetColors` for the pair, or copies what it wrote for the
    /// same pair before.
    fn set_colors(&mut self, w: &mut Vec<u8>, fg: Color, bg: Color) -> io::Result<()> {
        let known = self
            .colors
            .iter()
            .find(|&&(f, b, start, end)| f == fg && b == bg && start < end);
        if let Some(&(_, _, start, end)) = known {
            w.extend_from_within(start..end);
        } else {
            let start = w.len();
            queue!(
                w,
                SetColors(Colors::new(fg.into_crossterm(), bg.into_crossterm()))
            )?;
            self.colors[self.next_slot] = (fg, bg, start, w.len());
            self.next_slot = (self.next_slot + 1) % COLOR_PAIRS;
        }
        self.fg = fg;
        self.bg = bg;
        Ok(())
    }
}

/// Whether a style is the terminal's default: the style of a blank cell.
pub fn is_default_style(fg: Color, bg: Color, underline: Color, modifier: Modifier) -> bool {
    fg == Color::Reset && bg == Color::Reset && underline == Color::Reset && modifier.is_empty()
}

/// Ends a frame as ratatui's backend does: every colour and attribute reset.
pub fn finish(w: &mut Vec<u8>) {
    w.extend_from_slice(RESET);
}

/// `ESC [ row ; column H`, both counted from 1, as crossterm's `MoveTo` writes it.
pub fn move_to(w: &mut Vec<u8>, x: u16, y: u16) {
    // A buffer's cells are at most at 65534 (a `Rect` ends by 65535), so adding one
    // fits; `u32` keeps that obvious.
    let mut seq = [0u8; 16];
    seq[..2].copy_from_slice(b"\x1b[");
    let mut n = 2;
    n += decimal(&mut seq[n..], u32::from(y) + 1);
    seq[n] = b';';
    n += 1;
    n += decimal(&mut seq[n..], u32::from(x) + 1);
    seq[n] = b'H';
    w.extend_from_slice(&seq[..=n]);
}

/// Writes `v` in decimal at the start of `out` (room for five digits); returns the
/// digits written.
fn decimal(out: &mut [u8], v: u32) -> usize {
    let mut digits = [0u8; 5];
    let mut i = digits.len();
    let mut v = v;
    loop {
        i -= 1;
        digits[i] = b'0' + (v % 10) as u8;
        v /= 10;
        if v == 0 {
            break;
        }
    }
    let len = digits.len() - i;
    out[..len].copy_from_slice(&digits[i..]);
    len
}

/// The attributes that take a cell from `from` to `to`, as ratatui's backend writes
/// them: what was removed first (bold and dim share one "normal intensity" reset, so
/// removing either re-adds whichever of them stays), then what was added.
fn modifier_diff<W: Write>(w: &mut W, from: Modifier, to: Modifier) -> io::Result<()> {
    let removed = from - to;
    if removed.contains(Modifier::REVERSED) {
        queue!(w, SetAttribute(Attribute::NoReverse))?;
    }
    let reset_intensity = removed.intersects(Modifier::BOLD | Modifier::DIM);
    if reset_intensity {
        queue!(w, SetAttribute(Attribute::NormalIntensity))?;
        if to.contains(Modifier::DIM) {
            queue!(w, SetAttribute(Attribute::Dim))?;
        }
        if to.contains(Modifier::BOLD) {
            queue!(w, SetAttribute(Attribute::Bold))?;
        }
    }
    for (modifier, attribute) in [
        (Modifier::ITALIC, Attribute::NoItalic),
        (Modifier::UNDERLINED, Attribute::NoUnderline),
        (Modifier::CROSSED_OUT, Attribute::NotCrossedOut),
        (Modifier::HIDDEN, Attribute::NoHidden),
    ] {
        if removed.contains(modifier) {
            queue!(w, SetAttribute(attribute))?;
        }
    }
    if removed.intersects(Modifier::SLOW_BLINK | Modifier::RAPID_BLINK) {
        queue!(w, SetAttribute(Attribute::NoBlink))?;
    }

    let added = to - from;
    for (modifier, attribute) in [
        (Modifier::REVERSED, Attribute::Reverse),
        (Modifier::BOLD, Attribute::Bold),
        (Modifier::ITALIC, Attribute::Italic),
        (Modifier::UNDERLINED, Attribute::Underlined),
        (Modifier::DIM, Attribute::Dim),
        (Modifier::CROSSED_OUT, Attribute::CrossedOut),
        (Modifier::HIDDEN, Attribute::Hidden),
        (Modifier::SLOW_BLINK, Attribute::SlowBlink),
        (Modifier::RAPID_BLINK, Attribute::RapidBlink),
    ] {
        // Bold and dim were already put back after an intensity reset.
        let put_back = reset_intensity && (modifier == Modifier::BOLD || modifier == Modifier::DIM);
        if added.contains(modifier) && !put_back {
            queue!(w, SetAttribute(attribute))?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decimals() {
        for v in [0, 1, 9, 10, 99, 100, 65535, 65536] {
            let mut out = [0u8; 5];
            let n = decimal(&mut out, v);
            assert_eq!(&out[..n], v.to_string().as_bytes());
        }
    }
}
