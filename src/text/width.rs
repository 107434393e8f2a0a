//! Display width, measured per grapheme cluster. STUB: to be replaced.
use unicode_segmentation::UnicodeSegmentation;
use unicode_width::UnicodeWidthStr;

/// Columns one grapheme cluster takes in a terminal.
pub fn grapheme_width(g: &str) -> usize {
    g.width().min(2)
}

/// Columns a string takes, summed per grapheme cluster.
pub fn str_width(s: &str) -> usize {
    s.graphemes(true).map(grapheme_width).sum()
}
