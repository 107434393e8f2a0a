//! Escaping names for messages: a file name, an argument or an environment value quoted
//! in an error or a report, shown so that it can neither act on the terminal nor be
//! mistaken for something else.
//!
//! [`sanitize`](super::sanitize) drops what acts on a terminal, which suits a page's text;
//! a name must stay recognisable, so here the same characters are written out as `ls`
//! and git write them: `\e` for ESC, `\n`, `\t`, `\r`, `\a`, `\b`, `\v`, `\f`, `\0`, `\x01`
//! for the other C0 controls and DEL, and `\u{9b}` for the C1 controls and the bidi
//! controls (see [`sanitize::is_removed`](super::sanitize::is_removed)). A name that needs
//! any of this also has its backslashes doubled, as git does, so the escaped form reads
//! back unambiguously; a name that needs none is shown as it is. Bytes that are not
//! UTF-8 (a file name may hold any) are written `\xff`.

use std::borrow::Cow;
use std::ffi::OsStr;
use std::fmt::Write as _;

use super::sanitize::is_removed;

/// Whether `c` is written escaped: what sanitising removes, and tab and line feed.
fn needs_escape(c: char) -> bool {
    c == '\t' || c == '\n' || is_removed(c)
}

/// `s` with every control written out (see the module documentation); borrowed when
/// there is none.
pub fn escaped(s: &str) -> Cow<'_, str> {
    if !s.chars().any(needs_escape) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 8);
    push_escaped(&mut out, s);
    Cow::Owned(out)
}

/// An OS string (a file name, an argument) escaped as by [`escaped`], its bytes that
/// are not UTF-8 written `\xff`.
pub fn escaped_os(s: &OsStr) -> Cow<'_, str> {
    if let Some(s) = s.to_str() {
        return escaped(s);
    }
    let bytes = s.as_encoded_bytes();
    let mut out = String::with_capacity(bytes.len() + 8);
    for chunk in bytes.utf8_chunks() {
        push_escaped(&mut out, chunk.valid());
        for b in chunk.invalid() {
            let _ = write!(out, "\\x{b:02x}");
        }
    }
    Cow::Owned(out)
}

fn push_escaped(out: &mut String, s: &str) {
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '\0' => out.push_str("\\0"),
            '\u{7}' => out.push_str("\\a"),
            '\u{8}' => out.push_str("\\b"),
            '\t' => out.push_str("\\t"),
            '\n' => out.push_str("\\n"),
            '\u{b}' => out.push_str("\\v"),
            '\u{c}' => out.push_str("\\f"),
            '\r' => out.push_str("\\r"),
            '\u{1b}' => out.push_str("\\e"),
            c if u32::from(c) < 0x80 && needs_escape(c) => {
                let _ = write!(out, "\\x{:02x}", u32::from(c));
            }
            c if needs_escape(c) => {
                let _ = write!(out, "\\u{{{:x}}}", u32::from(c));
            }
            c => out.push(c),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn plain_names_are_borrowed_as_they_are() {
        for name in [
            "page.yaml",
            "di balik layar/ulasan 1.yaml",
            "C:\\x",
            "日本 😀 é",
        ] {
            assert!(
                matches!(escaped(name), Cow::Borrowed(n) if n == name),
                "{name}"
            );
        }
    }

    #[test]
    fn controls_are_written_out_as_ls_and_git_do() {
        assert_eq!(escaped("a\u{1b}]52;c;eA==\u{7}b"), "a\\e]52;c;eA==\\ab");
        assert_eq!(escaped("one\ntwo\tthree\r"), "one\\ntwo\\tthree\\r");
        assert_eq!(
            escaped("\0\u{8}\u{b}\u{c}\u{1}\u{7f}"),
            "\\0\\b\\v\\f\\x01\\x7f"
        );
        assert_eq!(escaped("\u{9b}6n"), "\\u{9b}6n");
        assert_eq!(escaped("evil\u{202e}txt.exe"), "evil\\u{202e}txt.exe");
        assert_eq!(escaped("\u{2066}x\u{2069}"), "\\u{2066}x\\u{2069}");
    }

    #[test]
    fn backslashes_are_doubled_only_when_something_is_escaped() {
        assert_eq!(escaped("a\\n"), "a\\n", "no control: as it is");
        assert_eq!(escaped("a\\n\n"), "a\\\\n\\n", "a backslash and a newline");
    }

    #[test]
    fn bytes_that_are_not_utf8_are_written_in_hex() {
        #[cfg(unix)]
        {
            use std::os::unix::ffi::OsStrExt;
            let name = OsStr::from_bytes(b"caf\xe9\x1b[2J.yaml");
            assert_eq!(escaped_os(name), "caf\\xe9\\e[2J.yaml");
            assert_eq!(escaped_os(OsStr::new("ok.yaml")), "ok.yaml");
        }
    }

    /// A character that starts a terminal control: ESC, another C0 control, DEL, a C1
    /// control, a bidi embedding, override or isolate.
    fn starts_a_control(c: char) -> bool {
        c.is_control()
            || ('\u{202a}'..='\u{202e}').contains(&c)
            || ('\u{2066}'..='\u{2069}').contains(&c)
    }

    fn hostile() -> impl Strategy<Value = String> {
        let c = prop_oneof![
            3 => any::<char>(),
            2 => prop::sample::select(
                "\u{1b}\u{7}\u{9b}\u{9c}\u{9d}\u{85}\u{202e}\u{2067}\t\n\r\0\\]52;".chars().collect::<Vec<_>>()
            ),
        ];
        prop::collection::vec(c, 0..40).prop_map(|v| v.into_iter().collect())
    }

    proptest! {
        #[test]
        fn escaped_names_hold_no_control_and_read_back(name in hostile()) {
            let shown = escaped(&name);
            prop_assert!(!shown.chars().any(starts_a_control), "{:?}", shown);
            if name.chars().any(starts_a_control) {
                prop_assert_ne!(shown.as_ref(), name.as_str());
            } else {
                prop_assert_eq!(shown.as_ref(), name.as_str());
            }
            // Different names never look the same once escaped.
            let other = format!("{name}\u{1b}");
            prop_assert_ne!(escaped(&other), shown);
        }
    }
}
