//! The `--check` command: reads each page in turn and writes every problem the loader
//! finds in it and every [`lint`](crate::lint) warning, in file order, then a one-line
//! summary; as text in the compiler convention, or as one JSON array.
//!
//! `pages` finds the pages below a folder named on the command line.

mod pages;

use std::io::{self, Write};
use std::path::Path;

pub use pages::inputs;

use crate::diagnostic::{Code, Diagnostic, Severity, json};
use crate::lint;
use crate::loader::{self, Limits, LoadError, Problem, Source};
use crate::text::escape::{escaped, escaped_os};

/// What `--check` is given, one at a time.
#[derive(Debug)]
pub enum Input {
    /// A page, named as given (the JSON output's `file`): its text, or why it could not
    /// be read.
    Page {
        name: String,
        source: Result<Source, LoadError>,
    },
    /// A folder named on the command line with no page below it.
    EmptyFolder { name: String },
}

impl Input {
    /// The page at `path`, read within `limits`.
    pub fn read(path: &Path, limits: Limits) -> Self {
        Self::Page {
            name: name_of(path),
            source: loader::read(path, limits),
        }
    }

    /// The bundled page.
    pub fn bundled() -> Self {
        Self::Page {
            name: loader::BUNDLED_NAME.into(),
            source: Ok(loader::bundled()),
        }
    }

    /// A page already in memory, named `name`.
    pub fn source(source: Source) -> Self {
        Self::Page {
            name: source.name.clone(),
            source: Ok(source),
        }
    }
}

/// A path as the JSON output names it: as given, or, when it is not UTF-8 (which JSON
/// cannot hold), escaped as text names are (`\xff`); standard input as the text report
/// names it (`<stdin>`).
fn name_of(path: &Path) -> String {
    if path.as_os_str() == loader::STDIN_PATH {
        return loader::STDIN_NAME.into();
    }
    path.to_str()
        .map_or_else(|| escaped_os(path.as_os_str()).into_owned(), str::to_owned)
}

/// How `--check` writes what it finds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Format {
    /// `FILE:LINE:COL: severity: message [code]`, the line with a caret, and the summary.
    #[default]
    Text,
    /// One JSON array of diagnostics on the report's output; the notes and the summary
    /// go to the other output (standard error), so that the report parses.
    Json,
}

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

    fn count(&mut self, severity: Severity, n: usize) {
        match severity {
            Severity::Error => self.errors += n,
            Severity::Warning => self.warnings += n,
        }
    }
}

/// Checks each input as it comes (one file in memory at a time) and writes what it
/// finds to `out` in `format`, ending with `checked N files: E errors, W warnings`
/// (on `notes` for JSON, with the notes of what was counted but not shown).
///
/// A reader that stops reading (`layar --check … | head -1`) does not stop the check:
/// the rest is not written, and the summary counts every file all the same.
pub fn run(
    inputs: impl IntoIterator<Item = Input>,
    format: Format,
    out: &mut impl Write,
    notes: &mut impl Write,
) -> io::Result<Summary> {
    let mut summary = Summary::default();
    let mut out = Lines::new(out);
    let mut notes = Lines::new(notes);
    let mut first = true;
    if format == Format::Json {
        out.write(format_args!("["))?;
    }
    for input in inputs {
        let report = match input {
            Input::Page { name, source } => {
                summary.files += 1;
                report(name, source)
            }
            Input::EmptyFolder { name } => empty_folder(name),
        };
        for d in &report.shown {
            summary.count(d.severity(), 1);
            match format {
                Format::Text => out.line(format_args!("{d}"))?,
                Format::Json => {
                    let separator = if first { "\n" } else { ",\n" };
                    first = false;
                    out.write(format_args!("{separator}"))?;
                    out.with(|w| json::write(w, &report.name, d))?;
                }
            }
        }
        for (severity, more) in [
            (Severity::Error, report.more_errors),
            (Severity::Warning, report.more_warnings),
        ] {
            summary.count(severity, more);
            if more > 0 {
                let (one, many) = match severity {
                    Severity::Error => ("error", "errors"),
                    Severity::Warning => ("warning", "warnings"),
                };
                let note = format_args!(
                    "{}: note: {more} more {}, not shown",
                    report.file,
                    plural(more, one, many)
                );
                match format {
                    Format::Text => out.line(note)?,
                    Format::Json => notes.line(note)?,
                }
            }
        }
    }
    if format == Format::Json {
        out.line(format_args!("{}]", if first { "" } else { "\n" }))?;
    }
    let line = format_args!(
        "checked {} {}: {} {}, {} {}",
        summary.files,
        plural(summary.files, "file", "files"),
        summary.errors,
        plural(summary.errors, "error", "errors"),
        summary.warnings,
        plural(summary.warnings, "warning", "warnings"),
    );
    match format {
        Format::Text => out.line(line)?,
        Format::Json => notes.line(line)?,
    }
    Ok(summary)
}

/// What `--check` says about one input.
struct Report {
    /// The name as given, for JSON.
    name: String,
    /// The name as shown in text: escaped.
    file: String,
    /// Its errors and warnings, in file order.
    shown: Vec<Diagnostic>,
    /// Errors and warnings found past those a report shows.
    more_errors: usize,
    more_warnings: usize,
}

/// Every error and warning for one page, in file order, as far as a report shows them.
fn report(name: String, source: Result<Source, LoadError>) -> Report {
    let source = match source {
        Ok(source) => source,
        Err(e) => {
            return Report {
                name,
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
        name,
        file,
        shown,
        more_errors: checked.more,
        more_warnings,
    }
}

/// The warning for a folder with no page below it.
fn empty_folder(name: String) -> Report {
    let file = escaped(&name).into_owned();
    let warning = Diagnostic {
        file: file.clone(),
        at: None,
        code: Code::NoPages,
        path: None,
        message: "no page (.yaml or .yml file) below this folder; hidden folders and files \
                  are skipped"
            .into(),
        excerpt: None,
    };
    Report {
        name,
        file,
        shown: vec![warning],
        more_errors: 0,
        more_warnings: 0,
    }
}

/// A load problem as `--check` reports it.
fn error(file: &str, problem: &Problem) -> Diagnostic {
    Diagnostic {
        file: file.to_owned(),
        at: problem.location(),
        code: problem.kind().code(),
        path: problem.kind().path(),
        message: problem.kind().to_string(),
        excerpt: problem.excerpt().cloned(),
    }
}

/// Output to a reader that may stop reading.
struct Lines<'a, W> {
    out: &'a mut W,
    /// Whether the reader still reads.
    open: bool,
}

impl<'a, W: Write> Lines<'a, W> {
    fn new(out: &'a mut W) -> Self {
        Self { out, open: true }
    }

    fn line(&mut self, line: std::fmt::Arguments<'_>) -> io::Result<()> {
        self.with(|out| writeln!(out, "{line}"))
    }

    fn write(&mut self, text: std::fmt::Arguments<'_>) -> io::Result<()> {
        self.with(|out| write!(out, "{text}"))
    }

    /// Runs `write` on the output while the reader reads; a closed pipe closes it.
    fn with(&mut self, write: impl FnOnce(&mut W) -> io::Result<()>) -> io::Result<()> {
        if !self.open {
            return Ok(());
        }
        match write(self.out) {
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

    /// Checks `inputs` with the text report; gives the summary and the report.
    fn text_report<const N: usize>(inputs: [Input; N]) -> (Summary, String) {
        let mut out = Vec::new();
        let s = run(inputs, Format::Text, &mut out, &mut io::sink()).expect("write");
        (s, String::from_utf8(out).expect("utf-8"))
    }

    #[test]
    fn errors_fail_and_warnings_do_not() {
        let good = source("title: T\nlanguage: en\nsynopsis:\n  text: Tokyо\n");
        let bad = source("title: T\n");
        let (s, text) = text_report([Input::source(good.clone())]);
        assert_eq!(
            s,
            Summary {
                files: 1,
                errors: 0,
                warnings: 1
            }
        );
        assert!(s.passed());
        assert!(
            text.starts_with("t.yaml:4:9: warning: \"Tokyо\" mixes scripts"),
            "{text}"
        );
        assert!(text.ends_with("checked 1 file: 0 errors, 1 warning\n"));

        let (s, text) = text_report([Input::source(good), Input::source(bad)]);
        assert_eq!(
            s,
            Summary {
                files: 2,
                errors: 1,
                warnings: 1
            }
        );
        assert!(!s.passed());
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
        let (s, text) = text_report([Input::source(page)]);
        assert_eq!((s.errors, s.warnings), (3, 1));
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
        let (s, text) = text_report([Input::source(page)]);
        assert_eq!((s.errors, s.warnings), (0, 2500));
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

    #[test]
    fn json_is_one_array_with_the_notes_and_the_summary_apart() {
        let page = source(&format!(
            "title: T\nlanguage: en\nsynopsis:\n  text: {}\n",
            "που ".repeat(1200)
        ));
        let broken = source("title: T\n");
        let (mut out, mut notes) = (Vec::new(), Vec::new());
        let inputs = [
            Input::source(page),
            Input::source(broken),
            Input::EmptyFolder {
                name: "site\u{1b}".into(),
            },
        ];
        let s = run(inputs, Format::Json, &mut out, &mut notes).expect("write");
        assert_eq!((s.files, s.errors, s.warnings), (2, 1, 1201));
        let report: serde_json::Value = serde_json::from_slice(&out).expect("one JSON value");
        let report = report.as_array().expect("an array");
        assert_eq!(report.len(), lint::MAX_SHOWN + 2, "the shown ones only");
        assert_eq!(report[lint::MAX_SHOWN]["code"], "missing-key");
        assert_eq!(report[lint::MAX_SHOWN + 1]["code"], "no-pages");
        assert_eq!(report[lint::MAX_SHOWN + 1]["file"], "site\u{1b}");
        assert_eq!(
            String::from_utf8(notes).expect("UTF-8"),
            "t.yaml: note: 200 more warnings, not shown\nchecked 2 files: 1 error, 1201 \
             warnings\n"
        );
        let mut none = Vec::new();
        run([], Format::Json, &mut none, &mut io::sink()).expect("write");
        assert_eq!(none, b"[]\n");
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
        let s = run(
            [Input::source(warned.clone()), Input::source(broken)],
            Format::Text,
            &mut pipe,
            &mut io::sink(),
        )
        .expect("no error");
        assert_eq!((s.files, s.errors, s.warnings), (2, 1, 1));
        assert!(!s.passed());
        let mut pipe = ClosingPipe { room: 10 };
        let s = run(
            [Input::source(warned)],
            Format::Text,
            &mut pipe,
            &mut io::sink(),
        )
        .expect("no error");
        assert!(s.passed(), "only warnings: the check passes");
    }
}
