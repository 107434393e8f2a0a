//! Splitting a text field into paragraphs. STUB: to be replaced.

/// Splits on blank lines; lines inside a paragraph are joined with one space.
pub fn split(text: &str) -> Vec<String> {
    text.split("\n\n").map(|p| p.split('\n').map(str::trim).filter(|l| !l.is_empty()).collect::<Vec<_>>().join(" ")).filter(|p| !p.is_empty()).collect()
}
