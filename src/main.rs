//! The `layar` command: parses the arguments and hands over to the viewer,
//! `--print` or `--check`.

use std::io::{self, IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use layar::check::{Format, Input};
use layar::i18n::Lang;
use layar::layout::Section;
use layar::loader::{self, Limits, LoadError, Problem, STDIN_PATH, Source};
use layar::print::{PrintOptions, print};
use layar::resume::{Key, Resume, Store};
use layar::terminal;
use layar::text::escape::escaped;
use layar::viewer::reload::Reloader;
use layar::viewer::{Document, Origin, Viewer};

mod cli;

use cli::{ColorArg, LangArg};

fn main() -> ExitCode {
    let cli = match cli::parse() {
        Ok(cli) => cli,
        Err(code) => return code,
    };
    let limits = Limits {
        max_file_bytes: cli.max_size,
    };
    if cli.schema {
        let schema = layar::schema::text();
        return finish_output(|out| out.write_all(schema.as_bytes()));
    }
    if cli.check {
        return check(&cli.files, limits, cli.format.format());
    }
    if cli.files.len() > 1 {
        eprintln!("layar: error: the viewer and --print show one file; --check takes many");
        return ExitCode::from(2);
    }
    let stdout_tty = io::stdout().is_terminal();
    let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
    // A terminal that cannot place the cursor (TERM=dumb) gets the page printed, as a
    // pipe does.
    let dumb = terminal::is_dumb();
    let viewing = !cli.print && stdout_tty && !dumb;
    if viewing && let Err(e) = terminal::input::keyboard() {
        eprintln!("layar: error: {e}");
        return ExitCode::FAILURE;
    }
    // A file big enough to take a noticeable time to parse gets the loading screen
    // first, drawn before it is even read, and is parsed while the keys are read: the
    // quit keys quit at once.
    let mut viewer = None;
    let mut loaded = None;
    if let Some(path) = cli.files.first().filter(|_| viewing) {
        let bytes = std::fs::metadata(path).map_or(0, |m| m.len());
        if bytes >= LOADING_SCREEN_BYTES && bytes <= limits.max_file_bytes {
            let name = path.display().to_string();
            let strings = cli.lang.map_or(Lang::En, LangArg::lang).strings();
            let color = viewer_color(cli.color, no_color);
            let mut v = match Viewer::start(cli.mouse, color, cli.theme.choice(), &name) {
                Ok(v) => v,
                Err(e) => return terminal_failed(&e),
            };
            match v.load(
                &name,
                bytes,
                strings,
                big_read(path.clone(), limits, cli.lang.is_some()),
            ) {
                Ok(Some(result)) => loaded = Some(result),
                // Quit while loading: the terminal comes back as the viewer drops.
                Ok(None) => return ExitCode::SUCCESS,
                Err(e) => {
                    drop(v);
                    return terminal_failed(&e);
                }
            }
            viewer = Some(v);
        }
    }
    let loaded = loaded.unwrap_or_else(|| {
        match cli.files.first() {
            Some(path) => loader::read(path, limits),
            None => Ok(loader::bundled()),
        }
        .and_then(parsed)
    });
    let loaded = match loaded {
        Ok(loaded) => loaded,
        Err(e) => {
            drop(viewer); // the terminal comes back before the error is printed
            return fail(&e);
        }
    };
    let lang = cli.lang.map_or_else(
        || Lang::from_tag(loaded.page.language.as_deref()),
        LangArg::lang,
    );
    let tab = match cli
        .tab
        .as_deref()
        .map(|t| parse_tab(t, &loaded.page))
        .transpose()
    {
        Ok(tab) => tab,
        Err(message) => {
            drop(viewer);
            eprintln!("layar: error: {message}");
            return ExitCode::from(2);
        }
    };
    if !viewing {
        let width = cli.width.unwrap_or_else(|| print_width(stdout_tty));
        let color = match cli.color {
            ColorArg::Always => true,
            ColorArg::Never => false,
            ColorArg::Auto => stdout_tty && !no_color && !dumb,
        };
        let opts = PrintOptions {
            width: usize::from(width),
            color,
            fit: cli.wrap.fit(),
        };
        return finish_output(|out| print(out, &loaded.page, lang.strings(), opts));
    }
    view(viewer, &cli, no_color, limits, loaded, lang, tab)
}

/// Runs the viewer on the page `loaded` (in `viewer` when the loading screen took the
/// terminal already).
fn view(
    viewer: Option<Viewer>,
    cli: &cli::Cli,
    no_color: bool,
    limits: Limits,
    loaded: Loaded,
    lang: Lang,
    tab: Option<Section>,
) -> ExitCode {
    let Loaded { source, page, head } = loaded;
    let origin = match origin(cli.files.first(), source, head, limits, cli.watch) {
        Ok(origin) => origin,
        Err(e) => {
            drop(viewer);
            eprintln!("layar: error: cannot watch the file: {e}");
            return ExitCode::FAILURE;
        }
    };
    let viewer = viewer.map_or_else(
        || {
            let color = viewer_color(cli.color, no_color);
            Viewer::start(cli.mouse, color, cli.theme.choice(), &page.title)
        },
        Ok,
    );
    let (fit, images, resume) = (cli.wrap.fit(), cli.images.choice(), resume(cli));
    let document = Document {
        page,
        origin,
        reading: head,
    };
    let run = |v: Viewer| v.run(document, lang.strings(), tab, fit, images, resume.as_ref());
    match viewer.and_then(run) {
        Ok(None) => ExitCode::SUCCESS,
        // The whole page, read while its head was shown, does not load: the viewer has
        // given the terminal back.
        Ok(Some(e)) => fail(&e),
        Err(e) => terminal_failed(&e),
    }
}

/// A page read: its source, kept until the viewer's file watch has taken its
/// fingerprint, and the page, or only its head while the rest is to be read.
struct Loaded {
    source: Source,
    page: layar::model::Page,
    /// Whether `page` is only the head ([`loader::head`]).
    head: bool,
}

/// A source parsed.
fn parsed(source: Source) -> Result<Loaded, LoadError> {
    loader::parse(&source).map(|page| Loaded {
        source,
        page,
        head: false,
    })
}

/// The loading screen's read of a big file: its head when it has one to show, else the
/// whole page. Standard input has no file for the rest of the page to be read from.
/// The interface's language is chosen once, from `--lang` (`lang_given`) or the page's
/// `language`: a head that does not say it, where the rest of the page may, is not shown.
fn big_read(
    path: PathBuf,
    limits: Limits,
    lang_given: bool,
) -> impl FnOnce() -> Result<Loaded, LoadError> + Send + 'static {
    let has_head = path.as_os_str() != STDIN_PATH;
    move || {
        loader::read(&path, limits).and_then(|source| {
            let head = has_head
                .then(|| loader::head(&source))
                .flatten()
                .filter(|head| lang_given || head.language.is_some());
            match head {
                Some(page) => Ok(Loaded {
                    source,
                    page,
                    head: true,
                }),
                None => parsed(source),
            }
        })
    }
}

/// Where the viewer's page comes from. A file is followed: read again after the
/// editor and, with `--watch`, whenever it changes; its worker takes the text read,
/// to tell a later read that changed nothing, or, when only the `head` is shown, to read
/// the whole page first. Otherwise the text goes: the page holds what it shows.
fn origin(
    path: Option<&PathBuf>,
    source: Source,
    head: bool,
    limits: Limits,
    watch: bool,
) -> io::Result<Origin> {
    Ok(match path {
        None => Origin::Bundled,
        Some(path) if path.as_os_str() == STDIN_PATH => Origin::Stdin,
        Some(path) => Origin::File {
            reloader: if head {
                Reloader::reading(path, limits, source, watch)?
            } else {
                Reloader::start(path, limits, source.text, watch)?
            },
            path: path.clone(),
            limits,
        },
    })
}

/// `--print`'s width when none is given: the terminal's, or 80 for a pipe or a
/// terminal that reports no width (0 columns).
fn print_width(stdout_tty: bool) -> u16 {
    let columns = if stdout_tty {
        layar::ratatui::crossterm::terminal::size().map_or(0, |(w, _)| w)
    } else {
        0
    };
    if columns > 0 { columns } else { 80 }
}

/// Where the viewer keeps the page's place: under its canonical path (the bundled
/// page's under a key of its own), in the state directory; nothing without one.
fn resume(cli: &cli::Cli) -> Option<Resume> {
    let key = match cli.files.first() {
        // A page from standard input has no place to keep.
        Some(path) if path.as_os_str() == STDIN_PATH => None,
        Some(path) => Key::file(path),
        None => Some(Key::Bundled),
    };
    Store::open()
        .zip(key)
        .map(|(store, key)| Resume::new(store, key, !cli.no_resume))
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
            "no tab \"{}\" on this page: use synopsis, screenshots, reviews or 1 to {}",
            escaped(arg),
            present.len()
        )),
    }
}

/// Reports a load error on stderr, exit status 1.
fn fail(e: &LoadError) -> ExitCode {
    eprintln!("{}", reported(e));
    ExitCode::FAILURE
}

/// A load error as layar reports its errors: each problem after `layar: error: `,
/// then its place (`FILE:LINE:COLUMN`) and what is wrong, with the line and its
/// caret below as `--check` shows them.
fn reported(e: &LoadError) -> String {
    /// A problem in the shape `--check` gives it: `FILE:LINE:COL: error: …`.
    struct AsChecked<'a>(&'a Problem, &'a str);
    impl std::fmt::Display for AsChecked<'_> {
        fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            self.0.fmt_as(f, self.1, "error")
        }
    }
    let file = e.file();
    e.problems()
        .iter()
        .map(|problem| {
            let checked = AsChecked(problem, file).to_string();
            let place = problem.location().map_or_else(
                || file.to_string(),
                |l| format!("{file}:{}:{}", l.line, l.column),
            );
            let what = checked
                .strip_prefix(&format!("{place}: error: "))
                .unwrap_or(&checked);
            format!("layar: error: {place}: {what}")
        })
        .collect::<Vec<_>>()
        .join("\n")
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

/// `--check`: every page's problems, then a one-line summary; the bundled page when no
/// file is named. The exit status is the check's result even when the reader goes away
/// early (`layar --check *.yaml | head -1`): the rest is checked without being written.
fn check(files: &[PathBuf], limits: Limits, format: Format) -> ExitCode {
    let inputs: Box<dyn Iterator<Item = Input>> = if files.is_empty() {
        Box::new(std::iter::once(Input::bundled()))
    } else {
        Box::new(layar::check::inputs(files, limits))
    };
    let mut out = io::BufWriter::new(io::stdout().lock());
    let mut notes = io::stderr().lock();
    // A closed pipe stops the writing, not the check: the status is the check's.
    let written = layar::check::run(inputs, format, &mut out, &mut notes).and_then(|summary| {
        match out.flush() {
            Err(e) if e.kind() != io::ErrorKind::BrokenPipe => Err(e),
            _ => Ok(summary),
        }
    });
    match written {
        Ok(summary) if summary.passed() => ExitCode::SUCCESS,
        Ok(_) => ExitCode::FAILURE,
        Err(e) => {
            eprintln!("layar: error: cannot write the report: {e}");
            ExitCode::FAILURE
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn page() -> layar::model::Page {
        loader::parse(&loader::bundled()).expect("the bundled page")
    }

    #[test]
    fn tabs_by_name_or_number_and_a_wrong_one_escaped() {
        let page = page();
        assert_eq!(parse_tab("Reviews", &page), Ok(Section::Reviews));
        assert_eq!(parse_tab("2", &page), Ok(Section::Screenshots));
        assert_eq!(
            parse_tab("x\u{1b}]52;c;eA==\u{7}\ny", &page),
            Err(
                "no tab \"x\\e]52;c;eA==\\a\\ny\" on this page: use synopsis, screenshots, \
                 reviews or 1 to 3"
                    .into()
            )
        );
    }

    #[test]
    fn load_errors_read_as_layar_errors_with_their_place() {
        let source = Source {
            name: "films/page.yaml".into(),
            base_dir: None,
            text: "title: T\nsynopsis:\n  text: x\nreviews:\n  items:\n    - author: A\n      \
                   rating: 11\n      text: y\n    - author: B\n      colour: red\n      text: z\n"
                .into(),
        };
        let e = loader::parse(&source).expect_err("two problems");
        let text = reported(&e);
        let headlines: Vec<&str> = text.lines().filter(|l| !l.starts_with(' ')).collect();
        assert_eq!(headlines.len(), 2, "{text}");
        assert!(
            headlines[0].starts_with(
                "layar: error: films/page.yaml:7:15: reviews.items[0].rating: expected a number"
            ),
            "{text}"
        );
        assert!(
            headlines[1]
                .starts_with("layar: error: films/page.yaml:10:7: reviews.items[1]: unknown key"),
            "{text}"
        );
        assert!(
            text.contains("\n  7 |       rating: 11\n    |               ^\n"),
            "{text}"
        );
        assert!(!text.contains(": error: reviews"), "one `error`: {text}");
        let none = LoadError::new("gone.yaml", loader::LoadErrorKind::NotFound);
        assert_eq!(reported(&none), "layar: error: gone.yaml: no such file");
    }

    #[test]
    fn a_big_read_shows_a_head_that_says_its_language_or_when_the_language_is_given() {
        let dir = std::env::temp_dir().join(format!("layar-big-read-{}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("a scratch folder");
        let read = |name: &str, yaml: &str, lang_given: bool| {
            let path = dir.join(name);
            std::fs::write(&path, yaml).expect("write");
            let loaded = big_read(path, Limits::default(), lang_given)().expect("loads");
            (loaded.head, loaded.page.reviews.map(|r| r.items.len()))
        };
        let reviews = "reviews:\n  items:\n  - author: A\n    text: Yes.\n";
        let said = format!("title: T\nlanguage: id\nsynopsis:\n  text: x\n{reviews}");
        assert_eq!(read("said.yaml", &said, false), (true, Some(0)), "the head");
        // The language after the reviews: the interface's would change with the page.
        let late = format!("title: T\nsynopsis:\n  text: x\n{reviews}language: id\n");
        assert_eq!(
            read("late.yaml", &late, false),
            (false, Some(1)),
            "the whole page"
        );
        assert_eq!(read("given.yaml", &late, true), (true, Some(0)), "--lang");
        let _ = std::fs::remove_dir_all(&dir);
    }

    proptest! {
        #[test]
        fn a_wrong_tab_is_quoted_without_a_control(arg in "(\\PC|[\u{1b}\u{7}\u{9b}\u{202e}\n\r\t])*") {
            if let Err(message) = parse_tab(&arg, &page()) {
                prop_assert!(
                    !message.chars().any(|c| c.is_control()
                        || ('\u{202a}'..='\u{202e}').contains(&c)
                        || ('\u{2066}'..='\u{2069}').contains(&c)),
                    "{:?}", message
                );
            }
        }
    }
}
