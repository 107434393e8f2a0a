//! Where the state file lives: `$XDG_STATE_HOME/layar`, else the platform's place for
//! a program's state: `~/.local/state/layar` (the XDG default) on Linux and other
//! Unix systems, `~/Library/Application Support/layar` on macOS, and
//! `%LOCALAPPDATA%\layar` on Windows. Read from the environment with std alone: the
//! rule is a few lines, and a crate for it would be one more dependency to build.

use std::ffi::OsString;
use std::path::PathBuf;

/// The state directory, from this process's environment; `None` when the
/// environment names none (no `HOME`).
pub fn state_dir() -> Option<PathBuf> {
    state_dir_in(|name| std::env::var_os(name))
}

/// The state directory with the environment read through `var`. A relative path is
/// ignored, as the XDG specification says, so a state file never lands in whatever
/// directory the viewer happened to start in.
fn state_dir_in(var: impl Fn(&str) -> Option<OsString>) -> Option<PathBuf> {
    let absolute = |name: &str| var(name).map(PathBuf::from).filter(|p| p.is_absolute());
    if let Some(state) = absolute("XDG_STATE_HOME") {
        return Some(state.join("layar"));
    }
    let base = if cfg!(windows) {
        absolute("LOCALAPPDATA")?
    } else if cfg!(target_os = "macos") {
        absolute("HOME")?
            .join("Library")
            .join("Application Support")
    } else {
        absolute("HOME")?.join(".local").join("state")
    };
    Some(base.join("layar"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn env(vars: &[(&str, &str)]) -> impl Fn(&str) -> Option<OsString> {
        let vars: Vec<(String, String)> = vars
            .iter()
            .map(|(k, v)| ((*k).to_string(), (*v).to_string()))
            .collect();
        move |name| {
            vars.iter()
                .find(|(k, _)| k == name)
                .map(|(_, v)| OsString::from(v))
        }
    }

    #[cfg(all(unix, not(target_os = "macos")))]
    #[test]
    fn xdg_state_home_then_the_home_directory() {
        assert_eq!(
            state_dir_in(env(&[("XDG_STATE_HOME", "/s"), ("HOME", "/h")])),
            Some(PathBuf::from("/s/layar"))
        );
        assert_eq!(
            state_dir_in(env(&[("HOME", "/h")])),
            Some(PathBuf::from("/h/.local/state/layar"))
        );
        assert_eq!(
            state_dir_in(env(&[("XDG_STATE_HOME", "rel"), ("HOME", "/h")])),
            Some(PathBuf::from("/h/.local/state/layar")),
            "a relative path is ignored"
        );
        assert_eq!(state_dir_in(env(&[("HOME", "h")])), None);
        assert_eq!(state_dir_in(env(&[])), None);
    }
}
