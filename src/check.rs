//! The `--check` command: loads each file in turn, writes its load error or its
//! [`lint`](crate::lint) diagnostics, then a one-line summary.

use std::io::{self, Write};

use crate::lint::{self, Severity};
use crate::loader::{self, LoadError, Source};

/// What a check found, over all files.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Summary {
    pub files: usize,
    pub errors: usize,
    pub warnings: usize,
}

impl Summary {
    /// Whether the check passes: no errors (warnings are allowed).
    pub fn passed(self) -> bool {
        self.errors == 0
    }
}

/// Checks each source as it comes (one file in memory at a time) and writes what it
/// finds to `out`, ending with `checked N files: E errors, W warnings`.
pub fn run(
    sources: impl IntoIterator<Item = Result<Source, LoadError>>,
    out: &mut impl Write,
) -> io::Result<Summary> {
    let mut summary = Summary::default();
    for source in sources {
        summary.files += 1;
        let loaded = source.and_then(|s| loader::parse(&s).map(|page| (s, page)));
        match loaded {
            Ok((source, page)) => {
                for d in lint::check(&source, &page) {
                    writeln!(out, "{d}")?;
                    match d.severity {
                        Severity::Error => summary.errors += 1,
                        Severity::Warning => summary.warnings += 1,
                    }
                }
            }
            Err(e) => {
                writeln!(out, "{e}")?;
                summary.errors += 1;
            }
        }
    }
    writeln!(
        out,
        "checked {} {}: {} {}, {} {}",
        summary.files,
        plural(summary.files, "file", "files"),
        summary.errors,
        plural(summary.errors, "error", "errors"),
        summary.warnings,
        plural(summary.warnings, "warning", "warnings"),
    )?;
    Ok(summary)
}

fn plural(n: usize, one: &'static str, many: &'static str) -> &'static str {
    if n == 1 { one } else { many }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn source(text: &str) -> Source {
        Source {
            name: "t.yaml".into(),
            base_dir: None,
            text: text.into(),
        }
    }

    #[test]
    fn errors_fail_and_warnings_do_not() {
        let good = source("title: T\nlanguage: en\nsynopsis:\n  text: Tokyо\n");
        let bad = source("title: T\n");
        let mut out = Vec::new();
        let s = run([Ok(good.clone())], &mut out).expect("write");
        assert_eq!(
            s,
            Summary {
                files: 1,
                errors: 0,
                warnings: 1
            }
        );
        assert!(s.passed());
        let text = String::from_utf8(out).expect("utf-8");
        assert!(
            text.starts_with("t.yaml:4:9: warning: \"Tokyо\" mixes scripts"),
            "{text}"
        );
        assert!(text.ends_with("checked 1 file: 0 errors, 1 warning\n"));

        let mut out = Vec::new();
        let s = run([Ok(good), Ok(bad)], &mut out).expect("write");
        assert_eq!(
            s,
            Summary {
                files: 2,
                errors: 1,
                warnings: 1
            }
        );
        assert!(!s.passed());
        let text = String::from_utf8(out).expect("utf-8");
        assert!(text.contains("t.yaml"));
        assert!(
            text.ends_with("checked 2 files: 1 error, 1 warning\n"),
            "{text}"
        );
    }
}
