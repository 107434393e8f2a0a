//! Handing a picture to the system's viewer: `xdg-open` on Linux and the BSDs, `open`
//! on macOS, or the command in `LAYAR_OPEN`. The viewer gets the picture's absolute
//! path as its one argument, runs detached (its own process group, so the terminal's
//! Ctrl-C and Ctrl-Z do not reach it) and never writes to layar's screen: its
//! standard input, output and error are `/dev/null`.

use std::ffi::OsString;
use std::io;
use std::path::Path;
use std::process::{Command, Stdio};

/// The environment variable naming the command that opens pictures.
pub const VARIABLE: &str = "LAYAR_OPEN";

/// The command that opens a picture, split into the program and its arguments:
/// `LAYAR_OPEN` (split at whitespace, without quoting: `imv -f`), or the system's.
pub fn command(variable: Option<OsString>) -> Vec<OsString> {
    let given = variable
        .and_then(|v| v.into_string().ok())
        .map(|v| v.split_whitespace().map(OsString::from).collect::<Vec<_>>())
        .filter(|words| !words.is_empty());
    given.unwrap_or_else(|| vec![OsString::from(system_opener())])
}

/// The system's opener.
fn system_opener() -> &'static str {
    if cfg!(target_os = "macos") {
        "open"
    } else {
        "xdg-open"
    }
}

/// Opens `path` with `command` (see [`command`]), detached; returns the program's
/// name, to say what it was handed to. Fails when the program cannot be started.
pub fn open(path: &Path, command: &[OsString]) -> io::Result<String> {
    let (program, args) = command
        .split_first()
        .ok_or_else(|| io::Error::new(io::ErrorKind::InvalidInput, "no command"))?;
    let path = std::path::absolute(path)?;
    let mut cmd = Command::new(program);
    cmd.args(args)
        .arg(&path)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null());
    #[cfg(unix)]
    std::os::unix::process::CommandExt::process_group(&mut cmd, 0);
    let mut child = cmd.spawn()?;
    // Reaped when it ends, whenever that is, so no zombie is left.
    std::thread::Builder::new()
        .name("opener".into())
        .spawn(move || child.wait())?;
    let name = Path::new(program)
        .file_name()
        .map_or_else(|| program.to_string_lossy(), |n| n.to_string_lossy())
        .into_owned();
    Ok(crate::text::sanitize::sanitized(&name).into_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_variable_wins_and_is_split_at_whitespace() {
        assert_eq!(
            command(Some("imv  -f".into())),
            vec![OsString::from("imv"), OsString::from("-f")]
        );
        assert_eq!(
            command(Some("   ".into())),
            vec![OsString::from(system_opener())]
        );
        assert_eq!(command(None), vec![OsString::from(system_opener())]);
    }

    #[cfg(unix)]
    #[test]
    fn the_command_gets_the_absolute_path_and_nothing_reaches_the_screen() {
        let dir = std::env::temp_dir().join(format!("layar-open-{}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("a folder");
        let out = dir.join("argument");
        // A script that writes its argument to a file, and noise to its output.
        let script = dir.join("opener.sh");
        std::fs::write(
            &script,
            format!(
                "#!/bin/sh\necho noise\necho noise >&2\nprintf %s \"$1\" > '{}'\n",
                out.display()
            ),
        )
        .expect("the script");
        let mut perms = std::fs::metadata(&script).expect("script").permissions();
        std::os::unix::fs::PermissionsExt::set_mode(&mut perms, 0o755);
        std::fs::set_permissions(&script, perms).expect("executable");
        let name = open(Path::new("still.png"), &[script.clone().into()]).expect("started");
        assert_eq!(name, "opener.sh");
        let expected = std::path::absolute("still.png").expect("absolute");
        let mut got = String::new();
        for _ in 0..500 {
            got = std::fs::read_to_string(&out).unwrap_or_default();
            if !got.is_empty() {
                break;
            }
            std::thread::sleep(std::time::Duration::from_millis(20));
        }
        assert_eq!(Path::new(&got), expected);
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn a_missing_program_is_an_error() {
        assert!(open(Path::new("x.png"), &["layar-no-such-opener".into()]).is_err());
    }
}
