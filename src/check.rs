//! The `--check` command: reads each file in turn and writes every problem the loader
//! finds in it and every [`lint`](crate::lint) warning, in file order, then a one-line
//! summary.

use std::io::{self, Write};

use crate::lint::{self, Diagnostic, Severity};
use crate::loader::{self, LoadError, Problem, Source};
use crate::text::escape::escaped;

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
        let report = report(source);
        for d in &report.shown {
            out.line(format_args!("{d}"))?;
        }
        for (severity, more) in [
            (Severity::Error, report.more_errors),
            (Severity::Warning, report.more_warnings),
        ] {
            if more > 0 {
                let (one, many) = match severity {
                    Severity::Error => ("error", "errors"),
                    Severity::Warning => ("warning", "warnings"),
                };
                out.line(format_args!(
                    "{}: note: {more} more {}, not shown",
                    report.file,
                    plural(more, one, many)
                ))?;
            }
        }
        let errors = report
            .shown
            .iter()
            .filter(|d| d.severity == Severity::Error);
        let errors = errors.count() + report.more_errors;
        summary.errors += errors;
        summary.warnings += report.shown.len() + report.more_errors + report.more_warnings - errors;
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

/// What `--check` says about one file.
struct Report {
    /// The file's name as shown.
    file: String,
    /// Its errors and warnings, in file order.
    shown: Vec<Diagnostic>,
    /// Errors and warnings found past those a report shows.
    more_errors: usize,
    more_warnings: usize,
}

/// Every error and warning for one file, in file order, as far as a report shows them.
fn report(source: Result<Source, LoadError>) -> Report {
    let source = match source {
        Ok(source) => source,
        Err(e) => {
            return Report {
                file: e.file().to_owned(),
                shown: e.problems().iter().map(|p| error(e.file(), p)).collect(),
                more_errors: e.more(),
                more_warnings: 0,
            };
        }
    };
    let mut checked = loader::check(&source);
    let file = escaped(&checked.name).into_owned();
    let mut shown: Vec<Diagnostic> = checked.problems.iter().map(|p| error(&file, p)).collect();
    let mut more_warnings = 0;
    if let Some(page) = &mut checked.page {
        // A picture's data is read too: its header does not show a body cut short.
        crate::picture::decode::verify(page);
        let warnings = lint::check(&source, page, &checked.places);
        shown.extend(warnings.shown);
        more_warnings = warnings.more;
    }
    // Stable: at one place, the error comes before the warning.
    shown.sort_by_key(|d| d.at.map(|at| (at.line, at.column)));
    Report {
        file,
        shown,
        more_errors: checked.more,
        more_warnings,
    }
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

    #[test]
    fn past_a_thousand_warnings_the_rest_are_counted() {
        let page = source(&format!(
            "title: T\nlanguage: en\nsynopsis:\n  text: {}\n",
            "που ".repeat(2500)
        ));
        let mut out = Vec::new();
        let s = run([Ok(page)], &mut out).expect("write");
        assert_eq!((s.errors, s.warnings), (0, 2500));
        let text = String::from_utf8(out).expect("utf-8");
        let warnings = text.lines().filter(|l| l.contains(": warning: ")).count();
        assert_eq!(warnings, lint::MAX_SHOWN);
        assert!(
            text.ends_with(
                "t.yaml: note: 1500 more warnings, not shown\nchecked 1 file: 0 errors, 2500 \
                 warnings\n"
            ),
            "{}",
            &text[text.len() - 200..]
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
