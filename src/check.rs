//! The `--check` command: reads each file in turn and writes every problem the loader
//! finds in it and every [`lint`](crate::lint) warning, in file order, then a one-line
//! summary.

use std::io::{self, Write};

use crate::lint::{self, Diagnostic, Severity};
use crate::loader::{self, LoadError, Problem, Source};
use crate::text::sanitize::sanitized;

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
///
/// A reader that stops reading (`layar --check … | head -1`) does not stop the check:
/// the rest is not written, and the summary counts every file all the same.
pub fn run(
    sources: impl IntoIterator<Item = Result<Source, LoadError>>,
    out: &mut impl Write,
) -> io::Result<Summary> {
    let mut summary = Summary::default();
    let mut out = Lines { out, open: true };
    for source in sources {
        summary.files += 1;
        for d in diagnostics(source) {
            match d.severity {
                Severity::Error => summary.errors += 1,
                Severity::Warning => summary.warnings += 1,
            }
            out.line(format_args!("{d}"))?;
        }
    }
    out.line(format_args!(
        "checked {} {}: {} {}, {} {}",
        summary.files,
        plural(summary.files, "file", "files"),
        summary.errors,
        plural(summary.errors, "error", "errors"),
        summary.warnings,
        plural(summary.warnings, "warning", "warnings"),
    ))?;
    Ok(summary)
}

/// Every error and warning for one file, in file order.
fn diagnostics(source: Result<Source, LoadError>) -> Vec<Diagnostic> {
    let source = match source {
        Ok(source) => source,
        Err(e) => return e.problems().iter().map(|p| error(e.file(), p)).collect(),
    };
    let mut checked = loader::check(&source);
    let file = sanitized(&checked.name);
    let mut found: Vec<Diagnostic> = checked.problems.iter().map(|p| error(&file, p)).collect();
    if let Some(page) = &mut checked.page {
        // A picture's data is read too: its header does not show a body cut short.
        crate::picture::decode::verify(page);
        found.extend(lint::check(&source, page, &checked.places));
    }
    // Stable: at one place, the error comes before the warning.
    found.sort_by_key(|d| d.at.map(|at| (at.line, at.column)));
    found
}

/// A load problem as `--check` reports it.
fn error(file: &str, problem: &Problem) -> Diagnostic {
    Diagnostic {
        file: file.to_owned(),
        at: problem.location(),
        severity: Severity::Error,
        message: problem.kind().to_string(),
        excerpt: problem.excerpt().cloned(),
    }
}

/// Lines written to a reader that may stop reading.
struct Lines<'a, W> {
    out: &'a mut W,
    /// Whether the reader still reads.
    open: bool,
}

impl<W: Write> Lines<'_, W> {
    fn line(&mut self, line: std::fmt::Arguments<'_>) -> io::Result<()> {
        if !self.open {
            return Ok(());
        }
        match writeln!(self.out, "{line}") {
            Err(e) if e.kind() == io::ErrorKind::BrokenPipe => {
                self.open = false;
                Ok(())
            }
            other => other,
        }
    }
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

    #[test]
    fn errors_and_warnings_come_in_file_order_in_one_pass() {
        let page = source(
            "title: T\nlanguage: en\nsynopsis:\n  heding: Plot\n  text: Tokyо\nreviews:\n  \
             items:\n    - {author: A, text: x, rating: 11, date: 2024-13-01}\n",
        );
        let mut out = Vec::new();
        let s = run([Ok(page)], &mut out).expect("write");
        assert_eq!((s.errors, s.warnings), (3, 1));
        let text = String::from_utf8(out).expect("utf-8");
        let heads: Vec<String> = text
            .lines()
            .filter(|l| l.starts_with("t.yaml:"))
            .map(|l| l.split(": ").take(2).collect::<Vec<_>>().join(": "))
            .collect();
        assert_eq!(
            heads,
            [
                "t.yaml:4:3: error",
                "t.yaml:5:9: warning",
                "t.yaml:8:36: error",
                "t.yaml:8:46: error",
            ]
        );
    }

    /// A reader that takes `room` bytes, then closes the pipe.
    struct ClosingPipe {
        room: usize,
    }

    impl Write for ClosingPipe {
        fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
            if self.room == 0 {
                return Err(io::ErrorKind::BrokenPipe.into());
            }
            let n = buf.len().min(self.room);
            self.room -= n;
            Ok(n)
        }

        fn flush(&mut self) -> io::Result<()> {
            Ok(())
        }
    }

    #[test]
    fn a_closed_pipe_stops_the_writing_not_the_check() {
        let warned = source("title: T\nlanguage: en\nsynopsis:\n  text: Tokyо\n");
        let broken = source("title: T\n");
        let mut pipe = ClosingPipe { room: 10 };
        let s = run([Ok(warned.clone()), Ok(broken)], &mut pipe).expect("no error");
        assert_eq!((s.files, s.errors, s.warnings), (2, 1, 1));
        assert!(!s.passed());
        let mut pipe = ClosingPipe { room: 10 };
        let s = run([Ok(warned)], &mut pipe).expect("no error");
        assert!(s.passed(), "only warnings: the check passes");
    }
}
