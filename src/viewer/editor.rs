//! `e`: the reader's editor on the page's file, at a line. The editor is `$VISUAL`,
//! else `$EDITOR`, else `vi`; the variable may hold arguments (`code -w`), split as a
//! shell splits words. The line goes as `+LINE` before the file, which vi, vim,
//! nvim, nano, emacs, micro, kak and helix all take.

use std::ffi::{OsStr, OsString};
use std::fs::OpenOptions;
use std::io::{self, IsTerminal};
use std::path::Path;
use std::process::{Command, ExitStatus, Stdio};

/// The editor when neither variable names one.
const DEFAULT: &str = "vi";

/// The command that opens `file` at `line` in the editor `visual` or `editor` names
/// (the values of `$VISUAL` and `$EDITOR`; an empty one names none).
pub(crate) fn command(
    visual: Option<OsString>,
    editor: Option<OsString>,
    line: usize,
    file: &Path,
) -> Vec<OsString> {
    let named = [visual, editor]
        .into_iter()
        .flatten()
        .map(|v| words(&v))
        .find(|words| !words.is_empty());
    let mut command = named.unwrap_or_else(|| vec![DEFAULT.into()]);
    command.push(format!("+{}", line.max(1)).into());
    command.push(file.as_os_str().to_owned());
    command
}

/// A variable's words, as a shell splits them (quotes and backslashes); at white
/// space where it cannot (an unclosed quote).
fn words(value: &OsStr) -> Vec<OsString> {
    let text = value.to_string_lossy();
    shell_words::split(&text)
        .unwrap_or_else(|_| text.split_whitespace().map(String::from).collect())
        .into_iter()
        .map(OsString::from)
        .collect()
}

/// Runs `command` in the foreground on the terminal and waits for it. Standard input
/// is the terminal even when layar's is a pipe.
pub(crate) fn run(command: &[OsString]) -> io::Result<ExitStatus> {
    let (program, args) = command
        .split_first()
        .ok_or_else(|| io::Error::other("no editor"))?;
    let mut cmd = Command::new(program);
    cmd.args(args);
    if !io::stdin().is_terminal() {
        let tty = OpenOptions::new().read(true).write(true).open("/dev/tty")?;
        cmd.stdin(Stdio::from(tty));
    }
    cmd.status()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn strings(command: &[OsString]) -> Vec<&str> {
        command.iter().map(|s| s.to_str().unwrap_or("?")).collect()
    }

    #[test]
    fn visual_then_editor_then_vi() {
        let file = Path::new("dir/page.yaml");
        let c = |visual: Option<&str>, editor: Option<&str>| {
            command(visual.map(Into::into), editor.map(Into::into), 12, file)
        };
        assert_eq!(
            strings(&c(Some("nvim"), Some("nano"))),
            ["nvim", "+12", "dir/page.yaml"]
        );
        assert_eq!(
            strings(&c(None, Some("nano"))),
            ["nano", "+12", "dir/page.yaml"]
        );
        assert_eq!(
            strings(&c(Some(""), Some("  "))),
            ["vi", "+12", "dir/page.yaml"]
        );
        assert_eq!(strings(&c(None, None)), ["vi", "+12", "dir/page.yaml"]);
    }

    #[test]
    fn a_variable_may_hold_arguments_and_quotes() {
        let file = Path::new("p.yaml");
        let c = |editor: &str| command(None, Some(editor.into()), 3, file);
        assert_eq!(strings(&c("code -w")), ["code", "-w", "+3", "p.yaml"]);
        assert_eq!(
            strings(&c("'/opt/My Editor/bin/ed' --wait")),
            ["/opt/My Editor/bin/ed", "--wait", "+3", "p.yaml"]
        );
        assert_eq!(
            strings(&c("emacs -nw \"unclosed")),
            ["emacs", "-nw", "\"unclosed", "+3", "p.yaml"],
            "split at white space"
        );
        assert_eq!(
            strings(&command(None, None, 0, file)),
            ["vi", "+1", "p.yaml"]
        );
    }

    #[test]
    fn a_missing_editor_is_an_error() {
        let missing = vec![OsString::from("layar-no-such-editor"), "+1".into()];
        assert!(run(&missing).is_err());
        assert!(run(&[]).is_err());
    }
}
