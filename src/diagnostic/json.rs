//! Diagnostics as JSON, for editors and CI: one object per diagnostic with `file`,
//! `line`, `column`, `severity`, `code`, `path` and `message`, written with `serde_json`.
//!
//! A name in JSON is the name as given, not escaped for a terminal: JSON has its own
//! escapes, and a tool reading the file name must get the file's name. `serde_json`
//! escapes only what JSON requires (the C0 controls, `"` and `\`); the formatter here
//! also writes as `\uXXXX` what could still act on a terminal the report is shown on, or
//! break a line where a reader does not expect one: DEL, the C1 controls, the bidi
//! embeddings, overrides and isolates, and U+2028 and U+2029. A JSON reader reads them
//! back as the same characters.

use std::io::{self, Write};

use serde::Serialize;
use serde_json::ser::Formatter;

use super::Diagnostic;
use crate::text::sanitize::is_removed;

/// One diagnostic as the JSON output has it.
#[derive(Serialize)]
struct Object<'a> {
    file: &'a str,
    line: Option<usize>,
    column: Option<usize>,
    severity: &'static str,
    code: &'static str,
    path: Option<&'a str>,
    message: &'a str,
}

/// Writes `d` as one JSON object, naming its file `file` (the name as given).
pub fn write(out: &mut impl Write, file: &str, d: &Diagnostic) -> io::Result<()> {
    let object = Object {
        file,
        line: d.at.map(|at| at.line),
        column: d.at.map(|at| at.column),
        severity: d.severity().as_str(),
        code: d.code.as_str(),
        path: d.path.as_deref().filter(|p| !p.is_empty()),
        message: &d.message,
    };
    let mut serializer = serde_json::Serializer::with_formatter(out, Escaping);
    object.serialize(&mut serializer).map_err(io::Error::from)
}

/// `serde_json`'s compact form (the trait's defaults), with more characters escaped (see the module
/// documentation). A thin wrapper: `serde_json` calls this for the runs of a string
/// between the characters it escapes itself.
struct Escaping;

impl Formatter for Escaping {
    fn write_string_fragment<W: ?Sized + Write>(
        &mut self,
        writer: &mut W,
        fragment: &str,
    ) -> io::Result<()> {
        let mut rest = fragment;
        while let Some((at, c)) = rest.char_indices().find(|(_, c)| needs_escape(*c)) {
            writer.write_all(&rest.as_bytes()[..at])?;
            write!(writer, "\\u{:04x}", u32::from(c))?;
            rest = &rest[at + c.len_utf8()..];
        }
        writer.write_all(rest.as_bytes())
    }
}

/// Whether `c` is written as a `\u` escape here, beyond what JSON requires.
fn needs_escape(c: char) -> bool {
    is_removed(c) || c == '\u{2028}' || c == '\u{2029}'
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::Code;
    use crate::loader::Location;

    fn diagnostic(message: &str) -> Diagnostic {
        Diagnostic {
            file: "escaped".into(),
            at: Some(Location { line: 3, column: 7 }),
            code: Code::RatingRange,
            path: Some("reviews.items[3].rating".into()),
            message: message.into(),
            excerpt: None,
        }
    }

    fn written(file: &str, d: &Diagnostic) -> String {
        let mut out = Vec::new();
        write(&mut out, file, d).expect("written");
        String::from_utf8(out).expect("UTF-8")
    }

    #[test]
    fn every_field_is_written() {
        let json = written("site/a.yaml", &diagnostic("expected \"x\""));
        assert_eq!(
            json,
            r#"{"file":"site/a.yaml","line":3,"column":7,"severity":"error","code":"rating-range","path":"reviews.items[3].rating","message":"expected \"x\""}"#
        );
        let whole_file = Diagnostic {
            at: None,
            path: None,
            code: Code::NoPages,
            ..diagnostic("m")
        };
        assert_eq!(
            written("d", &whole_file),
            r#"{"file":"d","line":null,"column":null,"severity":"warning","code":"no-pages","path":null,"message":"m"}"#
        );
    }

    #[test]
    fn nothing_that_acts_on_a_terminal_is_written_raw() {
        let name = "a\u{1b}]52;c;eA==\u{7}\n\u{7f}\u{9b}\u{202e}\u{2066}\u{2028}\\b\u{e9}.yaml";
        let json = written(name, &diagnostic(name));
        assert!(
            !json
                .chars()
                .any(|c| c.is_control() || needs_escape(c) || c == '\n'),
            "{json:?}"
        );
        assert!(json.contains(r"a\u001b]52;c;eA==\u0007\n\u007f\u009b\u202e\u2066\u2028\\bé"));
        let back: serde_json::Value = serde_json::from_str(&json).expect("JSON");
        assert_eq!(back["file"], name, "read back as the same name");
        assert_eq!(back["message"], name);
    }
}
