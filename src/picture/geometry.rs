//! How many cells a picture takes in a card: as wide as the card allows, its aspect
//! kept, and never larger than its own pixels at the terminal's cell size. The layout
//! reserves these rows, the drawing fills them and the worker encodes for them, so
//! the three agree by construction.
//!
//! The arithmetic is ratatui-image's `Resize::Fit` (which needs a decoded image to
//! ask): fit the picture's pixels into the box of the card's cells, then round each
//! side up to whole cells. Given the size found here as its target, ratatui-image
//! finds the same size again, or one a cell smaller where its own rounding differs.

/// A terminal cell's size in pixels.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct CellSize {
    pub width: u16,
    pub height: u16,
}

impl CellSize {
    /// The cell ratatui-image assumes for half-blocks when the terminal tells nothing:
    /// any cell about twice as tall as wide draws half-blocks in proportion.
    pub const HALF_BLOCKS: Self = Self {
        width: 10,
        height: 20,
    };
}

/// A picture's size in cells.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) struct Cells {
    pub cols: u16,
    pub rows: u16,
}

/// The most rows a picture takes, however tall and narrow: a 1×20,000 strip would
/// otherwise fill thousands of lines (and kitty numbers at most 297 rows).
pub(crate) const MAX_ROWS: u16 = 200;

/// The cells a picture of `width`×`height` pixels takes in `max_cols` columns, or
/// `None` when there is no room at all.
pub(crate) fn cells(width: u32, height: u32, cell: CellSize, max_cols: u16) -> Option<Cells> {
    if width == 0 || height == 0 || max_cols == 0 {
        return None;
    }
    let (cw, ch) = (u32::from(cell.width.max(1)), u32::from(cell.height.max(1)));
    let box_w = (u32::from(max_cols) * cw).min(width);
    let box_h = (u32::from(MAX_ROWS) * ch).min(height);
    let (w, h) = fit(width, height, box_w, box_h);
    Some(Cells {
        cols: w.div_ceil(cw).clamp(1, u32::from(max_cols)) as u16,
        rows: h.div_ceil(ch).clamp(1, u32::from(MAX_ROWS)) as u16,
    })
}

/// `width`×`height` scaled to fit inside `box_w`×`box_h`, its aspect kept, each side
/// at least one pixel.
fn fit(width: u32, height: u32, box_w: u32, box_h: u32) -> (u32, u32) {
    let ratio = (f64::from(box_w) / f64::from(width)).min(f64::from(box_h) / f64::from(height));
    #[allow(clippy::cast_sign_loss)] // both factors are positive
    let scale = |side: u32| ((f64::from(side) * ratio).round() as u32).max(1);
    (scale(width), scale(height))
}

#[cfg(test)]
mod tests {
    use super::*;

    const CELL: CellSize = CellSize {
        width: 10,
        height: 20,
    };

    #[test]
    fn a_wide_picture_fills_the_card_width_and_keeps_its_aspect() {
        // 1920×1080 in 73 columns: 730 pixels wide, 411 tall, 21 rows of 20.
        assert_eq!(
            cells(1920, 1080, CELL, 73),
            Some(Cells { cols: 73, rows: 21 })
        );
    }

    #[test]
    fn a_small_picture_is_never_enlarged() {
        assert_eq!(cells(320, 180, CELL, 73), Some(Cells { cols: 32, rows: 9 }));
        assert_eq!(cells(1, 1, CELL, 73), Some(Cells { cols: 1, rows: 1 }));
    }

    #[test]
    fn a_tall_strip_is_held_to_the_row_limit() {
        let strip = cells(10, 100_000, CELL, 73).expect("room");
        assert_eq!(strip.rows, MAX_ROWS);
        assert_eq!(strip.cols, 1);
    }

    #[test]
    fn no_room_no_picture() {
        assert_eq!(cells(1920, 1080, CELL, 0), None);
        assert_eq!(cells(0, 1080, CELL, 10), None);
    }

    #[test]
    fn a_cell_of_zero_pixels_counts_as_one() {
        let zero = CellSize {
            width: 0,
            height: 0,
        };
        assert_eq!(cells(4, 2, zero, 73), Some(Cells { cols: 4, rows: 2 }));
    }

    #[test]
    fn one_column_still_shows_a_picture() {
        assert_eq!(cells(1920, 1080, CELL, 1), Some(Cells { cols: 1, rows: 1 }));
    }
}
