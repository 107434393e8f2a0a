//! The process and its terminal: signals, Ctrl-Z under a job-control shell and
//! without one, a 1×1 terminal, a resize storm, stdin that is not a terminal, and a
//! pipe closed under `--print` and `--check`.

use std::fmt::Write as _;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use super::{PATIENCE, fixture, kill, layar, scratch, text};
use crate::pty::Session;

/// Whether the terminal was given back after it was last taken: alternate screen left,
/// cursor shown, mouse capture and alternate scroll off.
fn restored_at_the_end(raw: &str) -> bool {
    let after = |off: &str, on: &str| raw.rfind(off).is_some() && raw.rfind(off) > raw.rfind(on);
    after("\x1b[?1049l", "\x1b[?1049h")
        && after("\x1b[?25h", "\x1b[?25l")
        && after("\x1b[?1007l", "\x1b[?1007h")
        && (!raw.contains("\x1b[?1000h") || after("\x1b[?1000l", "\x1b[?1000h"))
}

#[test]
fn sigint_restores_the_terminal_mouse_included() {
    let mut s = Session::start(&["--mouse"], 80, 24);
    s.wait_for_text("Tangkapan Layar (3)");
    assert!(text(&s.raw()).contains("\x1b[?1000h"), "mouse captured");
    kill(s.pid(), "INT");
    assert_eq!(s.wait_exit(), 128 + 2);
    assert!(restored_at_the_end(&String::from_utf8_lossy(&s.raw())));
}

#[test]
fn sighup_and_sigquit_end_the_viewer() {
    for (signal, number) in [("HUP", 1), ("QUIT", 3)] {
        let mut s = Session::start(&[], 80, 24);
        s.wait_for_text("Tangkapan Layar (3)");
        kill(s.pid(), signal);
        assert_eq!(s.wait_exit(), 128 + number, "SIG{signal}");
        let raw = String::from_utf8_lossy(&s.raw()).into_owned();
        assert!(restored_at_the_end(&raw), "SIG{signal}");
        assert!(!raw.contains("panicked"), "SIG{signal}");
    }
}

#[test]
fn a_one_by_one_terminal_and_a_resize_storm_never_panic() {
    // Narrow text only: vt100 itself can panic redrawing wide characters while the
    // screen is resized under it (its `text_cleanup`).
    let mut s = Session::start(&["--lang", "en", &fixture("combining-marks.yaml")], 1, 1);
    s.wait_for("the first frame", |sc| !sc.contents().trim().is_empty());
    // One resize seen through, so the storm does not start before layar listens.
    s.resize(30, 8);
    s.wait_for("the viewer at 30×8", |sc| {
        sc.contents().contains("algo film")
    });
    s.resize(1, 1);
    for key in ["j", "G", "\t", "]", "/", "x", "\r", "?", "j", "?"] {
        s.send(key);
    }
    let sizes = (0u16..300).map(|i| ((i * 37) % 201, (i * 13) % 81));
    for (cols, rows) in sizes {
        s.resize(cols, rows);
    }
    s.resize(80, 24);
    // Whatever mode the keys left it in, the title row comes back at full size.
    s.wait_for("a full redraw", |sc| {
        sc.contents_between(0, 0, 0, 80).contains("algo film")
            && sc.contents_between(2, 0, 2, 80) == "─".repeat(80)
    });
    s.send("\x03");
    let code = s.wait_exit();
    let raw = String::from_utf8_lossy(&s.raw()).into_owned();
    assert!(!raw.contains("panicked"), "{raw}");
    assert_eq!(code, 0);
}

#[test]
fn ctrl_z_stops_with_the_terminal_restored_and_fg_redraws() {
    let mut shell = Session::shell();
    let bash = shell.pid();
    shell.send("\"$LAYAR\" --lang en --mouse\r");
    shell.wait_for("the viewer", |sc| {
        sc.alternate_screen() && sc.contents().contains("Screenshots (3)")
    });

    let before = shell.output_len();
    shell.send("\x1a");
    let pid = wait_for_state(bash, 'T');
    shell.wait_for("the shell's screen", |sc| {
        !sc.alternate_screen() && !sc.hide_cursor() && sc.contents().contains("Stopped")
    });
    let given_back = shell.output_since(before);
    assert!(restored_at_the_end(&given_back), "{given_back:?}");
    assert!(given_back.contains("\x1b[?1000l"), "mouse capture off");

    let before = shell.output_len();
    shell.send("fg\r");
    shell.wait_for("the viewer again", |sc| {
        sc.alternate_screen() && sc.contents().contains("Screenshots (3)")
    });
    let (again, state) = layar_child(bash).expect("layar still runs");
    assert_eq!((again, state == 'T'), (pid, false));
    let redraw = shell.output_since(before);
    assert!(redraw.contains("\x1b[?1049h"), "the screen taken again");
    assert!(
        redraw.contains("Di Balik Layar"),
        "a full redraw: {redraw:?}"
    );
    assert!(redraw.contains("\x1b[?1000h"), "the mouse captured again");

    shell.send("q");
    shell.wait_for("the shell", |sc| !sc.alternate_screen());
    shell.exit_shell();
}

#[test]
fn ctrl_z_without_job_control_carries_on() {
    // With no job-control shell the process group is orphaned and the kernel discards
    // the stop: layar gives the terminal back, takes it again and redraws.
    let mut s = Session::answering(&["--lang", "en"]);
    s.wait_for("the viewer", |sc| sc.contents().contains("Screenshots (3)"));
    let before = s.output_len();
    s.send("\x1a");
    s.wait_for_output_since(before, "\x1b[?1049h");
    let again = s.output_since(before);
    assert!(
        again.find("\x1b[?1049l") < again.find("\x1b[?1049h"),
        "{again:?}"
    );
    s.wait_for("the redrawn title", |sc| {
        sc.contents().contains("Di Balik Layar")
    });
    s.send("q");
    assert_eq!(s.wait_exit(), 0);
}

#[test]
fn ctrl_z_on_a_terminal_that_never_answers_queries() {
    let mut s = Session::start(&[], 80, 24);
    s.wait_for_text("Tangkapan Layar (3)");
    s.send("\x1a");
    s.send("j");
    s.wait_for("the viewer after Ctrl-Z", |sc| {
        sc.alternate_screen() && sc.contents().contains("Tangkapan Layar (3)")
    });
    s.send("q");
    assert_eq!(s.wait_exit(), 0);
}

#[test]
fn stdin_not_a_terminal() {
    // Not a terminal at either end: the page is printed.
    let out = layar(&[&fixture("escape-sequences.yaml")]);
    assert!(out.status.success());
    assert!(out.stderr.is_empty(), "{}", text(&out.stderr));
    assert!(text(&out.stdout).starts_with("Evil "));
    // Input from elsewhere, output to a terminal: the viewer reads keys from the
    // terminal itself.
    let mut shell = Session::shell();
    shell.send("\"$LAYAR\" --lang en < /dev/null; echo \"status $?\"\r");
    shell.wait_for("the viewer", |sc| {
        sc.alternate_screen() && sc.contents().contains("Screenshots (3)")
    });
    shell.send("q");
    shell.wait_for("the shell", |sc| {
        !sc.alternate_screen() && sc.contents().contains("status 0")
    });
    shell.exit_shell();
}

/// What a pipe can hold at most: 64 KiB by default on Linux, and 1 MiB is the most an
/// unprivileged program may ask for. A reader that leaves after one line of a longer
/// output closes the pipe while layar is still writing.
const PIPE_AT_MOST: usize = 1 << 20;

/// Reviews on the page of warnings that `--check` reads: more than the 1,000 warnings
/// a report shows for one file.
const REVIEWS: usize = 1_200;

/// A page of `reviews` reviews, each with a word that mixes scripts (a Cyrillic `о`
/// in "Tokyо"): `--check` warns about every one, and `--print` prints them all.
fn page_of_warnings(reviews: usize) -> String {
    let path = scratch(&format!("hostile-many-warnings-{reviews}.yaml"));
    let mut yaml = String::from("title: Big\nsynopsis:\n  text: x\nreviews:\n  items:\n");
    for i in 0..reviews {
        let _ = writeln!(
            yaml,
            "    - author: a{i}\n      text: Tokyо {}",
            "word ".repeat(20)
        );
    }
    // Tests run in parallel: write a file of this thread's own, then move it into
    // place, so no test reads one half written.
    let own = scratch(&format!(
        "hostile-many-warnings-{reviews}.{:?}.yaml",
        std::thread::current().id()
    ));
    std::fs::write(&own, yaml).expect("write the page");
    std::fs::rename(&own, &path).expect("move the page into place");
    path.display().to_string()
}

/// Runs `layar ARGS | head -1` in a shell; what `head` printed, and what layar said
/// on stderr followed by `layar exited N`.
fn into_head(args: &[&str]) -> (String, String) {
    let out = Command::new("sh")
        .args([
            "-c",
            "{ \"$0\" \"$@\"; echo \"layar exited $?\" >&2; } | head -1",
        ])
        .arg(env!("CARGO_BIN_EXE_layar"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("run the pipeline");
    assert!(out.status.success(), "{args:?}: head failed");
    (text(&out.stdout), text(&out.stderr))
}

/// Runs `layar ARGS` with stdout a pipe whose reader has already gone: every write
/// fails. Its exit code and stderr.
fn into_a_closed_pipe(args: &[&str]) -> (Option<i32>, String) {
    let (reader, writer) = std::io::pipe().expect("a pipe");
    drop(reader);
    let out = Command::new(env!("CARGO_BIN_EXE_layar"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .stdin(Stdio::null())
        .stdout(writer)
        .stderr(Stdio::piped())
        .output()
        .expect("run layar");
    (out.status.code(), text(&out.stderr))
}

#[test]
fn a_closed_pipe_ends_print_and_check_quietly_with_their_own_status() {
    let warnings = page_of_warnings(REVIEWS);
    let error = "tests/fixtures/load/rating-out-of-range.yaml";
    // A report shows at most 1,000 warnings a file, so the page is checked several
    // times over for a report longer than a pipe holds.
    let check = |extra: &[&str]| -> Vec<String> {
        let mut args = vec!["--check".to_owned()];
        args.extend(std::iter::repeat_n(warnings.clone(), COPIES));
        args.extend(extra.iter().map(|&a| a.to_owned()));
        args
    };
    // Ten times as many reviews print more than a pipe holds.
    let print = vec!["--print".to_owned(), page_of_warnings(10 * REVIEWS)];
    // The whole report, and what the check finds, when nobody leaves early.
    let full = layar(&as_strs(&check(&[])));
    assert_eq!(full.status.code(), Some(0), "warnings only");
    let report = text(&full.stdout);
    assert!(
        report.len() > PIPE_AT_MOST,
        "a report of {} bytes",
        report.len()
    );
    assert!(
        report.ends_with(&format!(
            "checked {COPIES} files: 0 errors, {} warnings\n",
            COPIES * REVIEWS
        )),
        "{}",
        report.lines().last().unwrap_or_default()
    );
    let printed = layar(&as_strs(&print));
    assert!(printed.stdout.len() > PIPE_AT_MOST);

    // `| head -1`: the first line, no complaint, and the check's own status, also
    // when the error comes after the reader has gone.
    for (args, status) in [(print.clone(), 0), (check(&[]), 0), (check(&[error]), 1)] {
        let args = as_strs(&args);
        let (first, stderr) = into_head(&args);
        assert_eq!(stderr, format!("layar exited {status}\n"), "{args:?}");
        assert_eq!(first.lines().count(), 1, "{args:?}");
        if args[0] == "--check" {
            assert!(report.starts_with(&first), "{args:?}: {first}");
        }
    }

    // A pipe closed before layar writes anything: the same.
    let error_first = {
        let mut args = vec!["--check".to_owned(), error.to_owned()];
        args.extend(check(&[]).into_iter().skip(1));
        args
    };
    for (args, status) in [
        (print, 0),
        (check(&[]), 0),
        (check(&[error]), 1),
        (error_first, 1),
        (vec!["--check".to_owned(), error.to_owned()], 1),
    ] {
        let args = as_strs(&args);
        assert_eq!(
            into_a_closed_pipe(&args),
            (Some(status), String::new()),
            "{args:?}"
        );
    }
}

/// Times the page of warnings is named to `--check`.
const COPIES: usize = 8;

fn as_strs(args: &[String]) -> Vec<&str> {
    args.iter().map(String::as_str).collect()
}

/// The pid of the `layar` whose parent is `parent`, and its state letter from
/// `/proc/PID/stat` (`T` when stopped).
fn layar_child(parent: u32) -> Option<(u32, char)> {
    for entry in std::fs::read_dir("/proc").ok()?.flatten() {
        let Ok(pid) = entry.file_name().to_string_lossy().parse::<u32>() else {
            continue;
        };
        let Ok(stat) = std::fs::read_to_string(entry.path().join("stat")) else {
            continue;
        };
        let (Some(open), Some(close)) = (stat.find('('), stat.rfind(')')) else {
            continue;
        };
        let comm = &stat[open + 1..close];
        let mut fields = stat[close + 1..].split_whitespace();
        let state = fields.next().and_then(|s| s.chars().next());
        let parent_pid = fields.next().and_then(|p| p.parse::<u32>().ok());
        if comm == "layar" && parent_pid == Some(parent) {
            return Some((pid, state?));
        }
    }
    None
}

fn wait_for_state(parent: u32, want: char) -> u32 {
    let start = Instant::now();
    loop {
        if let Some((pid, state)) = layar_child(parent)
            && state == want
        {
            return pid;
        }
        assert!(
            start.elapsed() < PATIENCE,
            "layar never reached state {want}: {:?}",
            layar_child(parent)
        );
        std::thread::sleep(Duration::from_millis(20));
    }
}

#[test]
fn no_terminal_to_read_keys_from_says_to_print() {
    // Output to a terminal, input from elsewhere, and no controlling terminal (a new
    // session): nothing to read keys from.
    let mut shell = Session::shell();
    let from = shell.output_len();
    shell.send("setsid -w \"$LAYAR\" < /dev/null; echo \"status $?\"\r");
    shell.wait_for("the shell", |sc| status_shown(&sc.contents()));
    let shown = shell.output_since(from);
    assert!(shown.contains("no terminal to read keys from"), "{shown}");
    assert!(shown.contains("--print"), "{shown}");
    assert!(shown.contains("status 1"), "{shown}");
    assert!(
        !shown.contains("os error 6)\r\n"),
        "not the raw error alone: {shown}"
    );
    assert!(!shown.contains("\x1b[?1049h"), "the screen was never taken");
    shell.exit_shell();
}

#[test]
fn a_window_of_65535_by_65535_is_drawn_in_its_top_left_corner() {
    // The screen buffers are kept to 1,000×1,000 cells: a window this size would
    // otherwise take 200 GB and abort with the terminal raw.
    let mut shell = Session::shell();
    let from = shell.output_len();
    shell.send("stty cols 65535 rows 65535; \"$LAYAR\" --lang en; echo \"status $?\"\r");
    // vt100's 80×24 screen shows a jumble of the 1,000 columns drawn, the footer's
    // hints among them.
    shell.wait_for("the viewer", |sc| {
        sc.alternate_screen() && sc.contents().contains("q quit")
    });
    shell.send("j");
    shell.send("q");
    shell.wait_for("the shell", |sc| {
        !sc.alternate_screen() && status_shown(&sc.contents())
    });
    let shown = shell.output_since(from);
    assert!(
        shown.contains("status 0"),
        "{}",
        &shown[shown.len().saturating_sub(500)..]
    );
    // The footer went to the last row drawn, the 1,000th.
    assert!(shown.contains("\x1b[1000;"), "the 1,000th row was drawn");
    assert!(
        !shown.contains("\x1b[1001;"),
        "a row past 1000 was addressed"
    );
    shell.exit_shell();
}

/// Whether a line starts with the status that `echo "status $?"` prints (the command
/// line itself holds the word too, further along).
fn status_shown(screen: &str) -> bool {
    screen.lines().any(|line| line.starts_with("status "))
}
