//! Running the real program to its end, for the tests that read what it prints (the
//! pseudo-terminal ones use `pty`).

use std::io::Write as _;
use std::process::{Command, Output, Stdio};

/// `layar` with `args`, run in the project's folder, with the environment as it is.
pub fn command(args: &[&str]) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_layar"));
    command.args(args).current_dir(env!("CARGO_MANIFEST_DIR"));
    command
}

/// Runs `layar` with `args` under `NO_COLOR`, to its end.
pub fn monochrome(args: &[&str]) -> Output {
    command(args)
        .env("NO_COLOR", "1")
        .output()
        .expect("run layar")
}

/// Runs `layar ARGS` under `NO_COLOR` with `input` on standard input, to its end.
pub fn piped(args: &[&str], input: &str) -> Output {
    let mut child = command(args)
        .env("NO_COLOR", "1")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run layar");
    let mut stdin = child.stdin.take().expect("stdin");
    // A refusal may close the pipe before all is written: not an error here.
    let _ = stdin.write_all(input.as_bytes());
    drop(stdin);
    child.wait_with_output().expect("layar's output")
}
