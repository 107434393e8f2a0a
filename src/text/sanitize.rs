//! Sanitising: nothing in a page's text may act on a terminal.
//!
//! Removed are the C0 controls except `\n` (CR, ESC, NUL, BEL, ...), DEL, the C1 controls
//! U+0080–U+009F, and the bidi embedding, override and isolate controls U+202A–U+202E and
//! U+2066–U+2069, which could reorder what follows them on screen. A tab becomes one space
//! (the viewer lays text out itself). LRM/RLM, ZWJ and ZWNJ stay: they only shape text, and
//! ZWJ holds emoji sequences together.
//!
//! Pages can be tens of megabytes, so both entry points first scan bytes for a character that
//! needs changing and only then rebuild the string, once.

use std::borrow::Cow;

use super::bytes::first_where;

/// Whether sanitising removes `c`. A tab is not removed (it becomes a space), nor is `\n`.
pub fn is_removed(c: char) -> bool {
    matches!(
        c,
        '\u{0}'..='\u{8}'
            | '\u{B}'..='\u{1F}'
            | '\u{7F}'..='\u{9F}'
            | '\u{202A}'..='\u{202E}'
            | '\u{2066}'..='\u{2069}'
    )
}

/// Removes what may not reach a terminal, in place; tabs become spaces.
///
/// Returns how many characters were removed (tabs turned into spaces are not counted). Text
/// that needs no change is neither copied nor reallocated.
pub(crate) fn sanitize(s: &mut String) -> usize {
    match rebuild(s, Newline::Keep) {
        Some((clean, removed)) => {
            *s = clean;
            removed
        }
        None => 0,
    }
}

/// `s` made safe to quote on one line, e.g. inside an error message.
///
/// Removes the same characters as [`sanitize`] and turns `\n` and `\t` into spaces. Borrows
/// when there is nothing to change.
pub(crate) fn sanitized(s: &str) -> Cow<'_, str> {
    match rebuild(s, Newline::ToSpace) {
        Some((clean, _)) => Cow::Owned(clean),
        None => Cow::Borrowed(s),
    }
}

/// What happens to `\n`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Newline {
    Keep,
    ToSpace,
}

/// What sanitising does to one character it changes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Change {
    Remove,
    Space,
}

/// The change, if any, sanitising makes to `c`.
fn change(c: char, newline: Newline) -> Option<Change> {
    if c == '\t' || (c == '\n' && newline == Newline::ToSpace) {
        Some(Change::Space)
    } else if is_removed(c) {
        Some(Change::Remove)
    } else {
        None
    }
}

/// Whether `b` may start a character sanitising changes: a C0 byte (`\n` only when it
/// becomes a space), DEL, or the UTF-8 lead byte of the C1 range (0xC2) or of
/// U+2000–U+2FFF (0xE2). None of them is a UTF-8 continuation byte, so each one found is
/// the start of a character. Branch-free, for [`first_where`].
#[allow(
    clippy::needless_bitwise_bool,
    reason = "no branch, so a chunk is tested at once"
)]
fn is_suspect(b: u8, newline: Newline) -> bool {
    let newline_changes = matches!(newline, Newline::ToSpace);
    ((b < 0x20) & ((b != b'\n') | newline_changes)) | (b == 0x7F) | (b == 0xC2) | (b == 0xE2)
}

/// The next character at or after byte `from` that sanitising changes: its offset, its
/// length in bytes and the change.
fn next_change(s: &str, from: usize, newline: Newline) -> Option<(usize, usize, Change)> {
    let bytes = s.as_bytes();
    let mut i = from;
    loop {
        let at = i + first_where(bytes.get(i..)?, |b| is_suspect(b, newline))?;
        let c = s.get(at..)?.chars().next()?;
        if let Some(fix) = change(c, newline) {
            return Some((at, c.len_utf8(), fix));
        }
        i = at + c.len_utf8();
    }
}

/// The sanitised copy of `s` and how many characters it lost, or `None` when `s` is clean.
fn rebuild(s: &str, newline: Newline) -> Option<(String, usize)> {
    let mut next = next_change(s, 0, newline)?;
    let mut out = String::with_capacity(s.len());
    let mut removed = 0;
    let mut copied = 0;
    loop {
        let (at, len, fix) = next;
        out.push_str(s.get(copied..at).unwrap_or_default());
        match fix {
            Change::Remove => removed += 1,
            Change::Space => out.push(' '),
        }
        copied = at + len;
        match next_change(s, copied, newline) {
            Some(found) => next = found,
            None => break,
        }
    }
    out.push_str(s.get(copied..).unwrap_or_default());
    Some((out, removed))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn clean(s: &str) -> (String, usize) {
        let mut owned = s.to_owned();
        let removed = sanitize(&mut owned);
        (owned, removed)
    }

    #[test]
    fn clean_text_is_untouched_and_not_reallocated() {
        let mut s = String::from("Di Balik Layar — “film” … 日本語 😀\nline two");
        let ptr = s.as_ptr();
        let cap = s.capacity();
        assert_eq!(sanitize(&mut s), 0);
        assert_eq!(s, "Di Balik Layar — “film” … 日本語 😀\nline two");
        assert_eq!((s.as_ptr(), s.capacity()), (ptr, cap));
        assert!(matches!(sanitized("plain"), Cow::Borrowed("plain")));
    }

    #[test]
    fn empty_string() {
        assert_eq!(clean(""), (String::new(), 0));
        assert_eq!(sanitized(""), "");
    }

    #[test]
    fn c0_controls_are_removed_but_newline_kept() {
        assert_eq!(
            clean("a\rb\u{1b}[31mc\0d\u{7}e\nf"),
            ("ab[31mcde\nf".to_owned(), 4)
        );
        assert_eq!(clean("\u{8}\u{b}\u{c}\u{1f}"), (String::new(), 4));
        assert_eq!(clean("line\r\n"), ("line\n".to_owned(), 1));
    }

    #[test]
    fn tabs_become_spaces_and_are_not_counted() {
        assert_eq!(clean("a\tb\t\tc"), ("a b  c".to_owned(), 0));
        assert_eq!(clean("\t\u{1b}"), (" ".to_owned(), 1));
    }

    #[test]
    fn del_and_c1_are_removed_and_counted_as_chars() {
        // Each C1 control is two bytes in UTF-8 but counts as one removed character.
        assert_eq!(
            clean("a\u{7f}b\u{80}c\u{9b}d\u{9f}"),
            ("abcd".to_owned(), 4)
        );
        // Neighbours of the C1 range with the same lead byte survive.
        assert_eq!(clean("\u{a0}\u{a9}é"), ("\u{a0}\u{a9}é".to_owned(), 0));
    }

    #[test]
    fn bidi_controls_removed_marks_and_joiners_kept() {
        let bidi = "\u{202a}\u{202b}\u{202c}\u{202d}\u{202e}\u{2066}\u{2067}\u{2068}\u{2069}";
        assert_eq!(clean(&format!("x{bidi}y")), ("xy".to_owned(), 9));
        let kept = "\u{200e}\u{200f}\u{200c}\u{200d}\u{2029}\u{2065}\u{206a}\u{2026}";
        assert_eq!(clean(kept), (kept.to_owned(), 0));
        let family = "\u{1F468}\u{200D}\u{1F469}\u{200D}\u{1F467}";
        assert_eq!(clean(family), (family.to_owned(), 0));
    }

    #[test]
    fn is_removed_agrees_with_the_definition_for_every_char() {
        for c in (0..=u32::from(char::MAX)).filter_map(char::from_u32) {
            let expected = (c.is_control() && c != '\n' && c != '\t')
                || ('\u{202a}'..='\u{202e}').contains(&c)
                || ('\u{2066}'..='\u{2069}').contains(&c);
            assert_eq!(is_removed(c), expected, "{c:?}");
        }
    }

    #[test]
    fn sanitize_agrees_with_a_naive_filter_over_every_char() {
        let all: String = (0..=u32::from(char::MAX))
            .filter_map(char::from_u32)
            .collect();
        let naive: String = all
            .chars()
            .filter(|&c| !is_removed(c))
            .map(|c| if c == '\t' { ' ' } else { c })
            .collect();
        let expected_removed = all.chars().filter(|&c| is_removed(c)).count();
        let (got, removed) = clean(&all);
        assert_eq!(removed, expected_removed);
        assert!(got == naive, "sanitize differs from the naive filter");
    }

    #[test]
    fn sanitized_flattens_to_one_line() {
        assert_eq!(sanitized("a\nb\tc\u{1b}d\r"), "a b cd");
        assert_eq!(sanitized("\u{202e}evil"), "evil");
        assert!(matches!(sanitized("fine 日本"), Cow::Borrowed(_)));
    }

    #[test]
    fn large_clean_text_stays_borrowed() {
        let big = "Joseph menyadari bahwa “film” – itu … ".repeat(10_000);
        assert!(matches!(sanitized(&big), Cow::Borrowed(_)));
        let mut dirty = big.clone();
        dirty.push('\u{7}');
        assert_eq!(clean(&dirty), (big, 1));
    }
}
