//! What `--check` reports: a [`Diagnostic`] (a file, a place in it, how serious, a
//! stable [`Code`], the field path and the message) and its two forms, the compiler
//! convention for people and editors and a JSON object for tools (`json`).
//!
//! The loader's errors and [`lint`](crate::lint)'s warnings both become diagnostics.

mod code;
pub mod json;

use std::fmt;

pub use code::Code;

use crate::loader::{Excerpt, Location};

/// How serious a diagnostic is: errors fail the check, warnings do not.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    Warning,
    Error,
}

impl Severity {
    /// The word reports use: `error`, `warning`.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Warning => "warning",
            Self::Error => "error",
        }
    }
}

/// One finding, at a place in a file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// The file's name as shown in text: escaped ([`crate::text::escape`]).
    pub file: String,
    /// Where in the file; `None` when it concerns the whole file.
    pub at: Option<Location>,
    /// What is wrong; it says how serious that is ([`Code::severity`]).
    pub code: Code,
    /// The field the diagnostic is about, `reviews.items[3].rating`; `None` for the file,
    /// its YAML, or the page as a whole.
    pub path: Option<String>,
    pub message: String,
    /// The line with a caret under the place.
    pub excerpt: Option<Excerpt>,
}

impl Diagnostic {
    /// How serious it is: its code's severity.
    pub fn severity(&self) -> Severity {
        self.code.severity()
    }
}

impl fmt::Display for Diagnostic {
    /// `FILE:LINE:COL: severity: message [code]`, then the line with its caret. The code
    /// comes last, as clang puts its warning flags, so that the line keeps the shape the
    /// compiler convention's readers (editors' error formats, CI problem matchers) expect.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (severity, code) = (self.severity().as_str(), self.code);
        match self.at {
            Some(Location { line, column }) => {
                write!(
                    f,
                    "{}:{line}:{column}: {severity}: {} [{code}]",
                    self.file, self.message
                )?;
                if let Some(excerpt) = &self.excerpt {
                    excerpt.fmt(f, line)?;
                }
                Ok(())
            }
            None => write!(f, "{}: {severity}: {} [{code}]", self.file, self.message),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn display_follows_the_compiler_convention_with_the_code_last() {
        let d = Diagnostic {
            file: "a.yaml".into(),
            at: Some(Location { line: 1, column: 4 }),
            code: Code::ForeignScript,
            path: Some("title".into()),
            message: "m".into(),
            excerpt: Some(Excerpt::at("a: b\n", 3)),
        };
        assert_eq!(
            d.to_string(),
            "a.yaml:1:4: warning: m [foreign-script]\n    |\n  1 | a: b\n    |    ^"
        );
        let e = Diagnostic {
            at: None,
            code: Code::NotFound,
            excerpt: None,
            ..d
        };
        assert_eq!(e.to_string(), "a.yaml: error: m [not-found]");
    }
}
