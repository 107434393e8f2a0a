//! A whole frame written onto a blank screen: the first frame, and the first after a
//! resize or Ctrl-Z cleared the screen. ratatui would compare every cell with the
//! blank one it had before, at a cost that made up a sixth of start-up; here each
//! cell is only checked for being blank. And where ratatui moves the cursor over the
//! blank cells between two words, short runs of them are written as spaces: a move
//! is six to eight bytes, a space one. The screen that results is the same, which
//! the tests check on a terminal emulator.

use std::io;

use ratatui::buffer::{Buffer, Cell, CellDiffOption, CellWidth};

use super::cells::{Pen, finish, is_default_style, move_to};

/// Runs of blank cells up to this long, between two cells written on one row, are
/// written as spaces; a longer run is moved over.
const MAX_FILL: usize = 8;

/// Appends to `w` what puts `buf` on a blank screen.
pub fn write(w: &mut Vec<u8>, buf: &Buffer) -> io::Result<()> {
    let width = usize::from(buf.area.width);
    let mut pen = Pen::default();
    // Where the next symbol written lands, while that is known: after a symbol one
    // column wide, short of the row's end. Terminals differ on where wider symbols
    // leave the cursor.
    let mut cursor: Option<usize> = None;
    let mut changes = Changes::new(buf);
    while let Some((i, symbol)) = changes.next_cell() {
        let cell = &buf.content[i];
        match cursor {
            Some(at) if at == i => {}
            Some(at) if at < i && fills(buf, at, i, width, &pen) => {
                w.resize(w.len() + (i - at), b' ');
            }
            _ => {
                let (x, y) = buf.pos_of(i);
                move_to(w, x, y);
            }
        }
        pen.put_symbol(w, cell, symbol)?;
        // At the end of a row the cursor waits for the next symbol to wrap it, which
        // depends on the terminal's wrap mode: the next row starts with a move.
        cursor = (one_column(cell, symbol) && (i + 1) % width != 0).then_some(i + 1);
    }
    finish(w);
    Ok(())
}

/// Whether the cells from `from` up to `to` are better written as spaces than moved
/// over: few, on one row, all blank, and the pen plain so that a space is blank too.
fn fills(buf: &Buffer, from: usize, to: usize, width: usize, pen: &Pen) -> bool {
    to - from <= MAX_FILL
        && from / width == to / width
        && pen.is_plain()
        && buf.content[from..to].iter().all(|c| *c == Cell::EMPTY)
}

/// Whether writing the cell's symbol moves the cursor one column on every terminal.
fn one_column(cell: &Cell, symbol: &str) -> bool {
    if cell.diff_option != CellDiffOption::None {
        return false;
    }
    if let [byte] = symbol.as_bytes() {
        return byte.is_ascii_graphic() || *byte == b' ';
    }
    let mut chars = symbol.chars();
    matches!((chars.next(), chars.next()), (Some(c), None)
        if unicode_width::UnicodeWidthChar::width(c) == Some(1))
}

/// The cells ratatui's diff gives for `buf` against a blank buffer, by index into
/// the buffer's cells and in the same order: every cell that is not blank, except
/// those a wide symbol before them covers, and those marked to be skipped.
#[derive(Debug)]
pub struct Changes<'a> {
    cells: &'a [Cell],
    pos: usize,
    /// After a symbol with an emoji presentation selector (U+FE0F): the columns it
    /// covers, from the next one to check to the end. ratatui writes those of them
    /// that are not blank too, since some terminals leave what was there.
    covered: Option<(usize, usize)>,
}

impl<'a> Changes<'a> {
    pub fn new(buf: &'a Buffer) -> Self {
        Self {
            cells: &buf.content,
            pos: 0,
            covered: None,
        }
    }

    /// The next cell to write: its index, and its symbol.
    pub fn next_cell(&mut self) -> Option<(usize, &'a str)> {
        let cells = self.cells;
        let len = cells.len();
        if let Some((next, end)) = &mut self.covered {
            while *next < *end {
                let j = *next;
                let symbol = cells[j].symbol();
                *next += usize::from(symbol.cell_width().max(1));
                *end = (*end).max(*next).min(len);
                if !is_skip(&cells[j]) && symbol != " " {
                    return Some((j, symbol));
                }
            }
            self.pos = *end;
            self.covered = None;
        }
        while self.pos < len {
            let i = self.pos;
            self.pos += 1;
            let cell = &cells[i];
            let symbol = cell.symbol();
            // Most cells: one byte, one column, nothing to skip.
            if let [byte] = symbol.as_bytes()
                && cell.diff_option == CellDiffOption::None
                && !is_skip(cell)
            {
                if *byte == b' ' && is_plain(cell) {
                    continue;
                }
                return Some((i, symbol));
            }
            if is_skip(cell) {
                continue;
            }
            if let CellDiffOption::ForcedWidth(forced) = cell.diff_option {
                self.pos = self.pos.saturating_add(usize::from(forced.get() - 1));
                return Some((i, symbol));
            }
            if *cell == Cell::EMPTY {
                continue;
            }
            let width = usize::from(symbol.cell_width());
            if width > 1 && symbol.contains('\u{FE0F}') {
                self.covered = Some((i + 1, (i + width).min(len)));
            } else if width > 1 {
                self.pos += width - 1;
            }
            return Some((i, symbol));
        }
        None
    }
}

/// Whether a cell has the style of a blank one.
fn is_plain(cell: &Cell) -> bool {
    is_default_style(cell.fg, cell.bg, cell.underline_color, cell.modifier)
}

/// ratatui's rule for a cell its diff passes over.
#[allow(deprecated, reason = "ratatui's diff still honours the old skip flag")]
fn is_skip(cell: &Cell) -> bool {
    cell.diff_option == CellDiffOption::Skip
        || (cell.skip && cell.diff_option == CellDiffOption::None)
}
