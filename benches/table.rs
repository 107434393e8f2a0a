//! The README's performance table, measured side by side in one run.
//!
//! `cargo bench --bench table` (`scripts/bench.sh` runs it with the rest). Every
//! comparison runs its two sides in turns, alternating which goes first, and reports
//! the medians and the ratio of the medians: on a shared, noisy machine a single
//! timing says little, and two measured minutes apart say less still.
//!
//! - In-process: the load of a generated page against a bare typed `serde_yaml` parse
//!   of the same text; key presses, a resize and search keystrokes on a page of 10
//!   reviews against one of 100,000 (ratatui's `TestBackend`, 100×30).
//! - The real binary in a pseudo-terminal (80×24): the time from spawning it to its
//!   first full screen, beside `less` showing `layar --print`'s text; the CPU time an
//!   idle viewer uses over 5 s; the viewer's peak memory on the big page beside a
//!   process that only does the bare parse.
//!
//! `--quick` runs fewer rounds, for a look rather than a figure. `--only SECTION`
//! (repeatable, or comma-separated) runs some sections alone: `startup` (layar
//! against `less`), `big` (the 100,000-review page as a process: first screen, idle
//! CPU, memory), `load`, `keys`, `search`. Sections that are not run leave out the
//! big page's generation when none of them needs it.

mod common;

#[path = "common/measure.rs"]
mod measure;

use measure::{median, side_by_side};

use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::sync::{OnceLock, mpsc};
use std::time::{Duration, Instant};

use layar::action::Action;
use layar::app::search::Search;
use layar::i18n::EN;
use layar::layout::{Doc, Section};
use layar::model::Page;
use portable_pty::{Child, CommandBuilder, MasterPty, PtySize, native_pty_system};

use common::{
    KEYS, QUERY, STEP_QUERY, Viewer, bare_parse, bare_saphyr_parse, fill_state, load, source, yaml,
};

/// Set in a child process that only does the bare parse of a file and reports.
const CHILD: &str = "LAYAR_TABLE_BARE_PARSE";

/// The big page of the targets.
const BIG: usize = 100_000;
/// The small page the big one is compared with.
const SMALL: usize = 10;

/// Key pairs (or resizes) timed together in one round.
const PAIRS: u32 = 100;

/// The pseudo-terminal's size.
const COLS: u16 = 80;
const ROWS: u16 = 24;

fn main() {
    if let Some(path) = std::env::var_os(CHILD) {
        bare_parse_child(Path::new(&path));
        return;
    }
    let args: Vec<String> = std::env::args().skip(1).collect();
    let quick = args.iter().any(|a| a == "--quick");
    let only = match Only::parse(&args) {
        Ok(only) => only,
        Err(unknown) => {
            eprintln!(
                "unknown section {unknown:?}: the sections are {}",
                SECTIONS.join(", ")
            );
            std::process::exit(2);
        }
    };
    let rounds = |n: usize| if quick { n.div_ceil(4).max(3) } else { n };
    let dir = scratch_dir();
    let _ = STATE_HOME.set(dir.join("state"));
    println!("layar performance, {BIG} reviews against {SMALL}; medians of interleaved rounds.\n");

    let mut table = Table::default();
    // The processes first, while this one is small: spawning in a pseudo-terminal
    // forks, and forking copies the page tables of everything this process holds.
    if only.any(&["startup", "big"]) {
        table.section(
            &format!("The real program in an {COLS}×{ROWS} pseudo-terminal"),
            ["layar", "other", "ratio", "target"],
        );
    }
    if only.has("startup") {
        startup_rows(&mut table, &rounds, &dir);
    }
    let big_file = dir.join("big.yaml");
    if only.has("big") {
        let big_bytes = {
            let big_yaml = yaml(BIG);
            std::fs::write(&big_file, &big_yaml).expect("write the big page");
            big_yaml.len()
        };
        big_rows(&mut table, &rounds, &big_file, big_bytes);
    }
    if only.any(&["load", "keys", "search"]) {
        let big_yaml = if only.has("big") {
            std::fs::read_to_string(&big_file).expect("read the big page")
        } else {
            yaml(BIG)
        };
        if only.has("load") {
            load_rows(&mut table, &rounds, &big_yaml);
        }
        if only.any(&["keys", "search"]) {
            let small_page = load(&source(yaml(SMALL)));
            let big_page = load(&source(big_yaml));
            if only.has("keys") {
                key_rows(&mut table, &rounds, &small_page, &big_page);
            }
            if only.has("search") {
                search_rows(&mut table, &rounds, &small_page, &big_page);
            }
        }
    }
    table.print();
    let _ = std::fs::remove_dir_all(&dir);
}

/// The sections of the table, in the order they run.
const SECTIONS: [&str; 5] = ["startup", "big", "load", "keys", "search"];

/// The sections asked for with `--only`: all of them when it is not given.
struct Only(Vec<String>);

impl Only {
    /// Reads `--only a,b` and `--only=a` (repeatable); the other arguments (cargo's
    /// `--bench`, `--quick`) are left alone. An unknown section is the error.
    fn parse(args: &[String]) -> Result<Self, String> {
        let mut chosen = Vec::new();
        let mut args = args.iter();
        while let Some(arg) = args.next() {
            let list = if arg == "--only" {
                args.next().map_or("", String::as_str)
            } else if let Some(list) = arg.strip_prefix("--only=") {
                list
            } else {
                continue;
            };
            for name in list.split(',').filter(|n| !n.is_empty()) {
                if !SECTIONS.contains(&name) {
                    return Err(name.to_owned());
                }
                chosen.push(name.to_owned());
            }
        }
        if chosen.is_empty() {
            chosen = SECTIONS.iter().map(|&s| s.to_owned()).collect();
        }
        Ok(Self(chosen))
    }

    fn has(&self, section: &str) -> bool {
        self.0.iter().any(|s| s == section)
    }

    fn any(&self, sections: &[&str]) -> bool {
        sections.iter().any(|s| self.has(s))
    }
}

// ---------------------------------------------------------------------------------
// Measuring

/// The time `f` takes, divided by `per` (the operations it runs).
fn timed(per: u32, f: impl FnOnce()) -> Duration {
    let start = Instant::now();
    f();
    start.elapsed() / per.max(1)
}

/// A row: what, the two medians, and how they compare.
struct Row {
    what: String,
    left: String,
    right: String,
    ratio: String,
    target: String,
}

/// The rows of one section of the table, under column headings.
#[derive(Default)]
struct Table {
    sections: Vec<(String, [&'static str; 4], Vec<Row>)>,
}

impl Table {
    fn section(&mut self, title: &str, columns: [&'static str; 4]) {
        self.sections.push((title.to_owned(), columns, Vec::new()));
    }

    fn row(&mut self, what: &str, left: String, right: String, ratio: String, target: &str) {
        let row = Row {
            what: what.to_owned(),
            left,
            right,
            ratio,
            target: target.to_owned(),
        };
        if let Some((_, _, rows)) = self.sections.last_mut() {
            rows.push(row);
        }
        // Progress, for a long run: the table itself comes at the end.
        eprintln!("measured: {what}");
    }

    /// A row comparing two timings: `left / right`.
    fn compare(&mut self, what: &str, left: Duration, right: Duration, target: &str) {
        self.row(
            what,
            show(left),
            show(right),
            format!("{:.2}×", ratio(left, right)),
            target,
        );
    }

    fn print(&self) {
        for (title, columns, rows) in &self.sections {
            println!("### {title}\n");
            println!(
                "| | {} | {} | {} | {} |",
                columns[0], columns[1], columns[2], columns[3]
            );
            println!("| --- | ---: | ---: | ---: | --- |");
            for r in rows {
                println!(
                    "| {} | {} | {} | {} | {} |",
                    r.what, r.left, r.right, r.ratio, r.target
                );
            }
            println!();
        }
    }
}

fn ratio(a: Duration, b: Duration) -> f64 {
    a.as_secs_f64() / b.as_secs_f64().max(1e-12)
}

/// A duration in the unit that suits it.
fn show(d: Duration) -> String {
    let s = d.as_secs_f64();
    if s >= 1.0 {
        format!("{s:.2} s")
    } else if s >= 1e-3 {
        format!("{:.1} ms", s * 1e3)
    } else {
        format!("{:.0} µs", s * 1e6)
    }
}

// ---------------------------------------------------------------------------------
// In-process rows

fn load_rows(table: &mut Table, rounds: &impl Fn(usize) -> usize, big_yaml: &str) {
    table.section(
        "Load: layar against a bare typed serde_yaml parse of the same text",
        ["layar", "bare serde_yaml", "ratio", "target"],
    );
    for reviews in [10, 1_000, 10_000] {
        let src = source(yaml(reviews));
        let batch = (20_000 / reviews).max(1) as u32;
        let (layar, bare) = side_by_side(
            rounds(11),
            || timed(batch, || (0..batch).for_each(|_| first_frame(&src))),
            || {
                timed(batch, || {
                    (0..batch).for_each(|_| drop(std::hint::black_box(bare_parse(&src.text))));
                })
            },
        );
        table.compare(
            &format!("{reviews} reviews: parse to first frame"),
            layar,
            bare,
            "",
        );
    }
    let src = source(big_yaml.to_owned());
    // The viewer's first screen of a big page: its head, while the reviews are read.
    let (head, bare) = side_by_side(
        rounds(7),
        || timed(1, || head_frame(&src)),
        || timed(1, || drop(std::hint::black_box(bare_parse(&src.text)))),
    );
    table.compare(
        &format!(
            "{BIG} reviews ({:.1} MB): its head (title, synopsis, screenshots) to first frame",
            mb(big_yaml.len())
        ),
        head,
        bare,
        "≤ 0.90×",
    );
    let (layar, bare) = side_by_side(
        rounds(7),
        || timed(1, || first_frame(&src)),
        || timed(1, || drop(std::hint::black_box(bare_parse(&src.text)))),
    );
    table.compare(
        &format!("{BIG} reviews: the whole page parsed, to its first frame"),
        layar,
        bare,
        "",
    );
    let (parse, bare) = side_by_side(
        rounds(7),
        || timed(1, || drop(std::hint::black_box(load(&src)))),
        || timed(1, || drop(std::hint::black_box(bare_parse(&src.text)))),
    );
    table.compare(&format!("{BIG} reviews: parse only"), parse, bare, "");
    // The floor under layar's load: serde-saphyr alone, into the same plain structs.
    let (saphyr, bare) = side_by_side(
        rounds(7),
        || {
            timed(1, || {
                drop(std::hint::black_box(bare_saphyr_parse(&src.text)));
            })
        },
        || timed(1, || drop(std::hint::black_box(bare_parse(&src.text)))),
    );
    table.compare(
        &format!("{BIG} reviews: a bare typed serde-saphyr parse, no budget (in layar's column)"),
        saphyr,
        bare,
        "",
    );
}

/// Reads a big page's head, builds the viewer on it as while the reviews are read, and
/// draws its first frame.
fn head_frame(src: &layar::loader::Source) {
    let page = layar::loader::head(src).expect("the big page has a head");
    let mut viewer = Viewer::on(&page, Section::Synopsis).reading();
    viewer.draw();
    std::hint::black_box(viewer.terminal.backend().buffer().area);
}

/// Loads a page, builds the viewer and draws its first frame.
fn first_frame(src: &layar::loader::Source) {
    let page = load(src);
    let mut viewer = Viewer::on(&page, Section::Synopsis);
    viewer.draw();
    std::hint::black_box(viewer.terminal.backend().buffer().area);
}

fn key_rows(table: &mut Table, rounds: &impl Fn(usize) -> usize, small: &Page, big: &Page) {
    table.section(
        &format!("A key press and its frame: {BIG} reviews against {SMALL} (reviews tab)"),
        ["100,000", "10", "ratio", "target"],
    );
    for (name, forward, back) in KEYS {
        let mut on_big = Viewer::new(big);
        let mut on_small = Viewer::new(small);
        for v in [&mut on_big, &mut on_small] {
            // A search in force, for `n`; then both on the same screen, the first
            // reviews (the small page's first hit may be on another tab).
            v.search(STEP_QUERY);
            v.press(Action::ReviewsTab);
            v.press(Action::Top);
        }
        let press = |v: &mut Viewer<'_>| {
            timed(2 * PAIRS, || {
                for _ in 0..PAIRS {
                    v.press(forward.clone());
                    v.press(back.clone());
                }
            })
        };
        let (b, s) = side_by_side(rounds(11), || press(&mut on_big), || press(&mut on_small));
        table.compare(&key_label(name), b, s, "≤ 1.20×");
    }
    let mut on_big = Viewer::new(big);
    let mut on_small = Viewer::new(small);
    for v in [&mut on_big, &mut on_small] {
        v.press(Action::Bottom);
        v.press(Action::PageUp);
    }
    let resize = |v: &mut Viewer<'_>| {
        timed(2 * PAIRS, || {
            for _ in 0..PAIRS {
                v.resize(90, common::HEIGHT);
                v.resize(common::WIDTH, common::HEIGHT);
            }
        })
    };
    let (b, s) = side_by_side(rounds(11), || resize(&mut on_big), || resize(&mut on_small));
    table.compare("resize (100 ↔ 90 columns, near the end)", b, s, "≤ 1.20×");
}

/// The viewer on the reviews tab with `extra` typed into the search prompt.
fn typed<'a>(page: &'a Page, extra: &str) -> Viewer<'a> {
    let mut v = Viewer::new(page);
    v.draw();
    v.press(Action::StartSearch);
    for c in extra.chars() {
        v.press(Action::SearchInput(c));
    }
    v
}

/// One doc per tab, as the app searches them.
fn docs(page: &Page) -> Vec<Doc<'_>> {
    Section::present(page)
        .into_iter()
        .map(|s| Doc::new(page, s, &EN))
        .collect()
}

fn key_label(name: &str) -> String {
    match name {
        "line" => "line down / up (`j` `k`)",
        "page" => "page down / up (PgDn PgUp)",
        "end_home" => "End / Home",
        "next_review" => "next / previous review (`]` `[`)",
        "next_match" => "next / previous match (`n` `N`)",
        other => other,
    }
    .to_owned()
}

fn search_rows(table: &mut Table, rounds: &impl Fn(usize) -> usize, small: &Page, big: &Page) {
    table.section(
        &format!("Search keystrokes: {BIG} reviews against {SMALL}"),
        ["100,000", "10", "ratio", "target"],
    );
    // The viewer's path: a keystroke finds the current hit and the blocks around it,
    // counts for one slice (`app::SEARCH_SLICE`) and draws; the rest is counted
    // between keystrokes.
    let first = QUERY.chars().next().expect("a query");
    let keystroke = |v: &mut Viewer<'_>, c: char| {
        let start = Instant::now();
        v.press(Action::SearchInput(c));
        let spent = start.elapsed();
        v.press(Action::SearchBackspace);
        spent
    };
    let (mut vb, mut vs) = (typed(big, ""), typed(small, ""));
    let (b, s) = side_by_side(
        rounds(11),
        || keystroke(&mut vb, first),
        || keystroke(&mut vs, first),
    );
    table.compare(
        &format!("`{first}`: keystroke to first highlight drawn (one counting slice included)"),
        b,
        s,
        "≤ 50 ms",
    );
    let (head, last) = QUERY.split_at(QUERY.len() - 1);
    let last = last.chars().next().expect("a query");
    let (mut vb, mut vs) = (typed(big, head), typed(small, head));
    let (b, s) = side_by_side(
        rounds(11),
        || keystroke(&mut vb, last),
        || keystroke(&mut vs, last),
    );
    table.compare(
        &format!("`{QUERY}`: its last keystroke to highlight drawn"),
        b,
        s,
        "≤ 50 ms",
    );
    // The budgeted search alone: the current hit and the blocks around it, nothing
    // counted past them. The viewer's first highlight is this plus one frame.
    let (db, ds) = (docs(big), docs(small));
    let budgeted = |docs: &[Doc<'_>]| {
        let mut search = Search::default();
        timed(1, || {
            search.set_query_within(&first.to_string(), docs, (2, 0), Duration::ZERO);
        })
    };
    let (b, s) = side_by_side(rounds(21), || budgeted(&db), || budgeted(&ds));
    table.compare(
        &format!("`{first}`: first hit only (`Search::set_query_within`, no budget)"),
        b,
        s,
        "",
    );
    let counting = |docs: &[Doc<'_>]| {
        let mut search = Search::default();
        timed(1, || search.set_query(&first.to_string(), docs, (2, 0)))
    };
    let (b, s) = side_by_side(rounds(11), || counting(&db), || counting(&ds));
    table.compare(
        &format!("`{first}`: counting every hit (`Search::set_query`)"),
        b,
        s,
        "",
    );
}

// ---------------------------------------------------------------------------------
// The real program

/// A program running in a pseudo-terminal, when its first full screen came and, for a
/// big page shown by its head, when the whole page did.
struct InPty {
    child: Box<dyn Child + Send + Sync>,
    writer: Box<dyn Write + Send>,
    first_screen: mpsc::Receiver<Instant>,
    whole: mpsc::Receiver<Instant>,
    _master: Box<dyn MasterPty + Send>,
}

impl InPty {
    /// Spawns `program args` in an 80×24 pseudo-terminal.
    fn spawn(program: &Path, args: &[&std::ffi::OsStr]) -> (Instant, Self) {
        Self::spawn_watching(program, args, None)
    }

    /// [`Self::spawn`], telling when the tab bar (the second row) first shows `whole`.
    fn spawn_watching(
        program: &Path,
        args: &[&std::ffi::OsStr],
        whole: Option<String>,
    ) -> (Instant, Self) {
        let pair = native_pty_system()
            .openpty(PtySize {
                rows: ROWS,
                cols: COLS,
                pixel_width: 0,
                pixel_height: 0,
            })
            .expect("open a pseudo-terminal");
        let mut cmd = CommandBuilder::new(program);
        cmd.args(args);
        cmd.env("TERM", "xterm-256color");
        if let Some(state) = STATE_HOME.get() {
            cmd.env("XDG_STATE_HOME", state);
        }
        for var in ["LESS", "LESSOPEN", "LESSCLOSE", "NO_COLOR"] {
            cmd.env_remove(var);
        }
        let mut reader = pair.master.try_clone_reader().expect("pty reader");
        let writer = pair.master.take_writer().expect("pty writer");
        let (tx, first_screen) = mpsc::channel();
        let (whole_tx, whole_rx) = mpsc::channel();
        std::thread::spawn(move || {
            let rows = std::num::NonZeroU16::new(ROWS).expect("rows");
            let cols = std::num::NonZeroU16::new(COLS).expect("cols");
            let mut parser = vt100::Parser::new(rows, cols, 0);
            let mut buf = vec![0u8; 65536];
            let (mut told, mut whole) = (false, whole);
            while let Ok(n) = reader.read(&mut buf) {
                if n == 0 {
                    break;
                }
                parser.process(&buf[..n]);
                if !told && bottom_row_drawn(parser.screen()) {
                    told = true;
                    let _ = tx.send(Instant::now());
                }
                if let Some(text) = &whole
                    && parser
                        .screen()
                        .contents_between(1, 0, 1, COLS)
                        .contains(text.as_str())
                {
                    whole = None;
                    let _ = whole_tx.send(Instant::now());
                }
            }
        });
        let start = Instant::now();
        let child = pair.slave.spawn_command(cmd).expect("spawn in the pty");
        drop(pair.slave);
        (
            start,
            Self {
                child,
                writer,
                first_screen,
                whole: whole_rx,
                _master: pair.master,
            },
        )
    }

    /// Waits for the first full screen: the bottom row drawn, which both programs
    /// draw last (the footer, the prompt).
    fn wait_first_screen(&self) -> Instant {
        self.first_screen
            .recv_timeout(Duration::from_secs(60))
            .expect("the program showed its first screen")
    }

    /// Waits for the whole page: the text [`Self::spawn_watching`] was given.
    fn wait_whole(&self) -> Instant {
        self.whole
            .recv_timeout(Duration::from_secs(60))
            .expect("the program showed the whole page")
    }

    fn pid(&self) -> u32 {
        self.child.process_id().expect("a process id")
    }

    /// Quits with `q` and waits for the process to end.
    fn quit(mut self) {
        let _ = self.writer.write_all(b"q");
        let _ = self.writer.flush();
        let deadline = Instant::now() + Duration::from_secs(10);
        while Instant::now() < deadline {
            if let Ok(Some(_)) = self.child.try_wait() {
                return;
            }
            std::thread::sleep(Duration::from_millis(2));
        }
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn bottom_row_drawn(screen: &vt100::Screen) -> bool {
    (0..COLS).any(|col| {
        screen
            .cell(ROWS - 1, col)
            .is_some_and(|c| !c.contents().trim().is_empty())
    })
}

/// The programs' `XDG_STATE_HOME`: a folder of the bench's own.
static STATE_HOME: OnceLock<PathBuf> = OnceLock::new();

/// The program the rows of the real program time: this build's, or the one
/// `LAYAR_BENCH_BIN` names (another build of layar, say a packager's).
/// A relative path is taken from the directory the bench runs in, as a shell would
/// (the pseudo-terminal's program starts elsewhere).
fn layar_binary() -> PathBuf {
    std::env::var_os("LAYAR_BENCH_BIN").map_or_else(
        || PathBuf::from(env!("CARGO_BIN_EXE_layar")),
        |path| std::path::absolute(path).expect("LAYAR_BENCH_BIN names a program"),
    )
}

/// Spawns, waits for the first screen, quits: the time to the first screen.
fn time_to_first_screen(program: &Path, args: &[&std::ffi::OsStr]) -> Duration {
    let (start, run) = InPty::spawn(program, args);
    let shown = run.wait_first_screen();
    run.quit();
    shown.duration_since(start)
}

/// The bundled page's first screen beside `less` showing the same text.
fn startup_rows(table: &mut Table, rounds: &impl Fn(usize) -> usize, dir: &Path) {
    let layar = layar_binary();
    // The same text for less: the bundled page as `layar --print` shows it.
    let text_file = dir.join("bundled.txt");
    let printed = std::process::Command::new(&layar)
        .args(["--print", "--color", "never", "--width", &COLS.to_string()])
        .output()
        .expect("run layar --print");
    std::fs::write(&text_file, printed.stdout).expect("write the printed page");
    let less = find_program("less");
    if let Some(less) = &less {
        // Each round takes a few milliseconds: many rounds cost little and steady
        // the medians on a busy machine.
        let (l, o) = side_by_side(
            rounds(101),
            || time_to_first_screen(&layar, &[]),
            || time_to_first_screen(less, &[text_file.as_os_str()]),
        );
        table.compare(
            "bundled page: spawn to first full screen (other: `less` on its text)",
            l,
            o,
            "≤ 1.50×",
        );
    } else {
        eprintln!("no less on this machine: the start-up comparison is left out");
    }
    if std::env::var_os("LAYAR_BENCH_BIN").is_some() {
        // Another build may not know `--no-resume`.
        return;
    }
    // Each run starts from the same file: quitting moves the page to its top.
    let file = fill_state(STATE_HOME.get().expect("set in main"));
    let filled = std::fs::read(&file).expect("read the state file");
    let fresh = || std::fs::write(&file, &filled).expect("write the state file");
    let no_resume = [std::ffi::OsStr::new("--no-resume")];
    let (r, n) = side_by_side(
        rounds(101),
        || {
            fresh();
            time_to_first_screen(&layar, &[])
        },
        || {
            fresh();
            time_to_first_screen(&layar, &no_resume)
        },
    );
    table.compare(
        "bundled page: spawn to first full screen, opening where it was left in a state \
         file of 200 pages (other: `--no-resume`)",
        r,
        n,
        "≈ 1.00×",
    );
}

/// The big page as a process: its first screen beside a process doing the bare
/// parse, the CPU an idle viewer uses, and memory.
fn big_rows(
    table: &mut Table,
    rounds: &impl Fn(usize) -> usize,
    big_file: &Path,
    big_bytes: usize,
) {
    let layar = layar_binary();
    let big_arg = [big_file.as_os_str()];
    let me = std::env::current_exe().expect("this program's path");
    // The whole page is there when the reviews tab counts them all.
    let counted = format!("({BIG})");
    let mut whole = Vec::new();
    let (l, o) = side_by_side(
        rounds(5),
        || {
            let (start, run) = InPty::spawn_watching(&layar, &big_arg, Some(counted.clone()));
            let shown = run.wait_first_screen();
            whole.push(run.wait_whole().duration_since(start));
            run.quit();
            shown.duration_since(start)
        },
        || bare_parse_process(&me, big_file).0,
    );
    table.compare(
        &format!(
            "{BIG} reviews: spawn to first full screen (other: a process doing the bare parse)"
        ),
        l,
        o,
        "≤ 0.90×",
    );
    table.compare(
        &format!(
            "{BIG} reviews: spawn to the whole page, its reviews counted in the tab bar (other: \
             the bare parse)"
        ),
        median(whole),
        o,
        "",
    );

    // Idle: CPU time over 5 s with nothing happening, once the whole page is read.
    let (_, run) = InPty::spawn_watching(&layar, &big_arg, Some(counted));
    run.wait_first_screen();
    run.wait_whole();
    let pid = run.pid();
    std::thread::sleep(Duration::from_millis(500));
    let before = cpu_ticks(pid);
    std::thread::sleep(Duration::from_secs(5));
    let after = cpu_ticks(pid);
    let peak = status_kb(pid, "VmHWM:");
    let resident = status_kb(pid, "VmRSS:");
    run.quit();
    let (_, bare_peak) = bare_parse_process(&me, big_file);
    let idle = after.zip(before).map(|(a, b)| a.saturating_sub(b));
    table.row(
        &format!("{BIG} reviews: CPU time while idle for 5 s (clock ticks)"),
        idle.map_or_else(|| "?".into(), |t| t.to_string()),
        String::new(),
        String::new(),
        "0",
    );
    let times_file = |kb: Option<u64>| {
        kb.map_or_else(
            || "?".into(),
            |kb| format!("{:.2}×", float(kb) * 1024.0 / float(big_bytes as u64)),
        )
    };
    table.row(
        &format!(
            "{BIG} reviews: peak memory, times the file's {:.1} MB (other: the bare parse)",
            mb(big_bytes)
        ),
        format!("{} ({})", times_file(peak), show_kb(peak)),
        format!("{} ({})", times_file(bare_peak), show_kb(bare_peak)),
        match (peak, bare_peak) {
            (Some(a), Some(b)) => format!("{:.2}×", float(a) / float(b)),
            _ => "?".into(),
        },
        "≤ 3× the file",
    );
    table.row(
        &format!("{BIG} reviews: resident memory once shown, times the file"),
        format!("{} ({})", times_file(resident), show_kb(resident)),
        String::new(),
        String::new(),
        "",
    );
}

fn show_kb(kb: Option<u64>) -> String {
    kb.map_or_else(|| "?".into(), |kb| format!("{:.0} MB", float(kb) / 1024.0))
}

fn mb(bytes: usize) -> f64 {
    float(bytes as u64) / 1e6
}

/// A size as a float, for a ratio: sizes here are far below 2^52.
#[allow(clippy::cast_precision_loss)]
fn float(n: u64) -> f64 {
    n as f64
}

/// Runs this program as a child doing only the bare parse of `file`: the time from
/// spawning it to its end, and its peak memory in kB.
fn bare_parse_process(me: &Path, file: &Path) -> (Duration, Option<u64>) {
    let start = Instant::now();
    let out = std::process::Command::new(me)
        .env(CHILD, file)
        .output()
        .expect("run the bare parse");
    let spent = start.elapsed();
    let peak = String::from_utf8_lossy(&out.stdout).trim().parse().ok();
    (spent, peak)
}

/// The child: reads and parses `file` as plain structs, prints its peak memory.
fn bare_parse_child(file: &Path) {
    let text = std::fs::read_to_string(file).expect("read the page");
    let page = bare_parse(&text);
    std::hint::black_box(&page);
    let peak = status_kb(std::process::id(), "VmHWM:").unwrap_or(0);
    println!("{peak}");
}

/// A field of `/proc/PID/status`, in kB.
fn status_kb(pid: u32, field: &str) -> Option<u64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    let line = status.lines().find(|l| l.starts_with(field))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

/// User plus system CPU time of a process, in clock ticks (`/proc/PID/stat`).
fn cpu_ticks(pid: u32) -> Option<u64> {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    // The command name may hold spaces; the fields after it are plain.
    let rest = &stat[stat.rfind(')')? + 2..];
    let fields: Vec<&str> = rest.split_whitespace().collect();
    // utime and stime are fields 14 and 15 of the whole line, 12 and 13 here.
    let utime: u64 = fields.get(11)?.parse().ok()?;
    let stime: u64 = fields.get(12)?.parse().ok()?;
    Some(utime + stime)
}

/// `name` on the `PATH`, if it is there.
fn find_program(name: &str) -> Option<PathBuf> {
    std::env::split_paths(&std::env::var_os("PATH")?)
        .map(|dir| dir.join(name))
        .find(|p| p.is_file())
}

/// A fresh folder for the generated files, removed at the end.
fn scratch_dir() -> PathBuf {
    let dir = std::env::temp_dir().join(format!("layar-bench-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("make a scratch folder");
    dir
}
