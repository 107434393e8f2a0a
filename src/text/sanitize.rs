//! Sanitising: nothing in a page's text may act on a terminal.
//! STUB: to be replaced.

/// Whether sanitising removes `c`.
pub fn is_removed(c: char) -> bool {
    (c.is_control() && c != '\n' && c != '\t') || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// Removes what may not reach a terminal, in place; tabs become spaces.
/// Returns how many characters were removed.
pub fn sanitize(s: &mut String) -> usize {
    let before = s.chars().count();
    *s = s.chars().filter(|&c| !is_removed(c)).map(|c| if c == '\t' { ' ' } else { c }).collect();
    before - s.chars().count()
}
