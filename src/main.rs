//! The `layar` command: parses the arguments and hands over to the viewer,
//! `--print` or `--check`.

use std::io::{self, IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use layar::i18n::Lang;
use layar::layout::Section;
use layar::loader::{self, Limits, LoadError, Source};
use layar::print::{PrintOptions, print};
use layar::viewer::Viewer;

mod cli;

use cli::{ColorArg, LangArg};

fn main() -> ExitCode {
    let cli = cli::parse();
    let limits = Limits {
        max_file_bytes: cli.max_size,
    };
    if cli.check {
        return check(&cli.files, limits);
    }
    if cli.files.len() > 1 {
        eprintln!("layar: error: the viewer and --print show one file; --check takes many");
        return ExitCode::from(2);
    }
    let stdout_tty = io::stdout().is_terminal();
    let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
    let viewing = !cli.print && stdout_tty;
    // A file big enough to take a noticeable time to parse gets the loading screen
    // first, drawn before it is even read.
    let mut viewer = None;
    if let Some(path) = cli.files.first().filter(|_| viewing) {
        let bytes = std::fs::metadata(path).map_or(0, |m| m.len());
        if bytes >= LOADING_SCREEN_BYTES && bytes <= limits.max_file_bytes {
            let name = path.display().to_string();
            let strings = cli.lang.map_or(Lang::En, LangArg::lang).strings();
            let started = Viewer::start(cli.mouse, viewer_color(cli.color, no_color), &name)
                .and_then(|mut v| v.loading(&name, bytes, strings).map(|()| v));
            match started {
                Ok(v) => viewer = Some(v),
                Err(e) => return terminal_failed(&e),
            }
        }
    }
    let source = match cli.files.first() {
        Some(path) => loader::read(path, limits),
        None => Ok(loader::bundled()),
    };
    let page = match source.and_then(|s| loader::parse(&s)) {
        Ok(page) => page,
        Err(e) => {
            drop(viewer); // the terminal comes back before the error is printed
            return fail(&e);
        }
    };
    let lang = cli
        .lang
        .map_or_else(|| Lang::from_tag(page.language.as_deref()), LangArg::lang);
    let tab = match cli.tab.as_deref().map(|t| parse_tab(t, &page)).transpose() {
        Ok(tab) => tab,
        Err(message) => {
            drop(viewer);
            eprintln!("layar: error: {message}");
            return ExitCode::from(2);
        }
    };
    if !viewing {
        let width = cli.width.unwrap_or_else(|| {
            if stdout_tty {
                layar::ratatui::crossterm::terminal::size().map_or(80, |(w, _)| w)
            } else {
                80
            }
        });
        let color = match cli.color {
            ColorArg::Always => true,
            ColorArg::Never => false,
            ColorArg::Auto => stdout_tty && !no_color,
        };
        let opts = PrintOptions {
            width: usize::from(width),
            color,
        };
        return finish_output(|out| print(out, &page, lang.strings(), opts));
    }
    let viewer = match viewer {
        Some(v) => Ok(v),
        None => Viewer::start(cli.mouse, viewer_color(cli.color, no_color), &page.title),
    };
    match viewer.and_then(|v| v.run(&page, lang.strings(), tab)) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => terminal_failed(&e),
    }
}

/// Files from this size on show the loading screen: parsing them takes longer than
/// about 100 ms on a slow machine (see the Performance section of the README).
const LOADING_SCREEN_BYTES: u64 = 4 << 20;

/// Whether the viewer uses colour: `NO_COLOR` and `--color never` say no.
fn viewer_color(arg: ColorArg, no_color: bool) -> bool {
    arg == ColorArg::Always || (arg == ColorArg::Auto && !no_color)
}

fn terminal_failed(e: &io::Error) -> ExitCode {
    eprintln!("layar: error: the terminal failed: {e}");
    ExitCode::FAILURE
}

/// `--tab`: a section's name, or its number among the page's tabs.
fn parse_tab(arg: &str, page: &layar::model::Page) -> Result<Section, String> {
    let present = Section::present(page);
    let found = match arg.to_ascii_lowercase().as_str() {
        "synopsis" | "plot" => Some(Section::Synopsis),
        "screenshots" => Some(Section::Screenshots),
        "reviews" => Some(Section::Reviews),
        n => n
            .parse::<usize>()
            .ok()
            .and_then(|n| present.get(n.checked_sub(1)?).copied()),
    };
    match found {
        Some(s) if present.contains(&s) => Ok(s),
        _ => Err(format!(
            "no tab \"{arg}\" on this page: use synopsis, screenshots, reviews or 1 to {}",
            present.len()
        )),
    }
}

/// Reports a load error on stderr, exit status 1.
fn fail(e: &LoadError) -> ExitCode {
    eprintln!("{e}");
    ExitCode::FAILURE
}

/// Runs `write` on a buffered stdout; a closed pipe (`layar --print | head -1`) is
/// not an error.
fn finish_output(
    write: impl FnOnce(&mut io::BufWriter<io::StdoutLock<'_>>) -> io::Result<()>,
) -> ExitCode {
    let mut out = io::BufWriter::new(io::stdout().lock());
    match write(&mut out).and_then(|()| out.flush()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("layar: error: cannot write the page: {e}");
            ExitCode::FAILURE
        }
    }
}

/// `--check`: every file's problems, then a one-line summary; the bundled page
/// when no file is named. The exit status is the check's result even when the
/// reader goes away early (`layar --check *.yaml | head -1`): the rest is checked
/// without being written.
fn check(files: &[PathBuf], limits: Limits) -> ExitCode {
    let sources: Box<dyn Iterator<Item = Result<Source, LoadError>>> = if files.is_empty() {
        Box::new(std::iter::once(Ok(loader::bundled())))
    } else {
        Box::new(files.iter().map(move |f| loader::read(f, limits)))
    };
    let mut out = io::BufWriter::new(UntilClosed::new(io::stdout().lock()));
    match layar::check::run(sources, &mut out).and_then(|s| out.flush().map(|()| s)) {
        Ok(summary) if summary.passed() => ExitCode::SUCCESS,
        Ok(_) => ExitCode::FAILURE,
        Err(e) => {
            eprintln!("layar: error: cannot write the report: {e}");
            ExitCode::FAILURE
        }
    }
}

/// A writer whose reader may leave: after a broken pipe it takes every byte and
/// writes none, so that `--check` goes on to its result. (Counting errors only as
/// far as the pipe stayed open would miss one in a later file and exit 0.)
struct UntilClosed<W> {
    inner: W,
    closed: bool,
}

impl<W> UntilClosed<W> {
    fn new(inner: W) -> Self {
        Self {
            inner,
            closed: false,
        }
    }

    fn unless_closed<T>(&mut self, done: T, result: io::Result<T>) -> io::Result<T> {
        match result {
            Err(e) if e.kind() == io::ErrorKind::BrokenPipe => {
                self.closed = true;
                Ok(done)
            }
            other => other,
        }
    }
}

impl<W: Write> Write for UntilClosed<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        if self.closed {
            return Ok(buf.len());
        }
        let written = self.inner.write(buf);
        self.unless_closed(buf.len(), written)
    }

    fn flush(&mut self) -> io::Result<()> {
        if self.closed {
            return Ok(());
        }
        let flushed = self.inner.flush();
        self.unless_closed((), flushed)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Takes `room` bytes, then fails with `error`.
    struct Pipe {
        taken: Vec<u8>,
        room: usize,
        error: io::ErrorKind,
    }

    impl Write for Pipe {
        fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
            let n = buf.len().min(self.room - self.taken.len());
            if n == 0 && !buf.is_empty() {
                return Err(self.error.into());
            }
            self.taken.extend_from_slice(&buf[..n]);
            Ok(n)
        }

        fn flush(&mut self) -> io::Result<()> {
            Ok(())
        }
    }

    #[test]
    fn a_closed_pipe_takes_the_rest_unwritten() {
        let pipe = Pipe {
            taken: Vec::new(),
            room: 5,
            error: io::ErrorKind::BrokenPipe,
        };
        let mut out = UntilClosed::new(pipe);
        out.write_all(b"first\nsecond\n").expect("no error");
        out.write_all(b"third\n").expect("no error after it closed");
        out.flush().expect("flushed");
        assert!(out.closed);
        assert_eq!(out.inner.taken, b"first");
    }

    #[test]
    fn other_errors_still_fail() {
        let full = Pipe {
            taken: Vec::new(),
            room: 3,
            error: io::ErrorKind::StorageFull,
        };
        let mut out = UntilClosed::new(full);
        let e = out
            .write_all(b"first\n")
            .expect_err("a full disk is an error");
        assert_eq!(e.kind(), io::ErrorKind::StorageFull);
        assert!(!out.closed);
    }
}
