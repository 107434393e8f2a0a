//! Running the real program to its end, for the tests that read what it prints (the
//! pseudo-terminal ones use `pty`).

use std::process::{Command, Output};

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
