//! File and folder names in `--check`'s report and in load errors: escaped as `ls` and
//! git escape them (`\n`, `\e`), so that a name can neither act on the terminal nor forge
//! a line of the report.

use std::fs;

use super::{layar, scratch};

/// A folder whose name holds a line break that starts a forged diagnostic, and an
/// escape sequence; in it, a page with a warning, a missing image and, beside it, a page
/// with an error. Each test has its own, named after `test`.
fn hostile_folder(test: &str) -> std::path::PathBuf {
    let folder = scratch(&format!("{test}\nforged.yaml:1:1: error: forged\u{1b}[31m"));
    fs::create_dir_all(&folder).expect("make the folder");
    fs::write(
        folder.join("page\u{1b}]52;c;eA==\u{7}.yaml"),
        "title: T\nlanguage: en\nsynopsis:\n  text: Tokyо\nscreenshots:\n  items:\n    - \
         caption: A\n      image: missing.png\n",
    )
    .expect("write the page");
    fs::write(folder.join("broken\n.yaml"), "title: T\n").expect("write the page");
    folder
}

#[test]
fn check_escapes_names_in_every_line() {
    let folder = hostile_folder("check");
    let page = folder.join("page\u{1b}]52;c;eA==\u{7}.yaml");
    let broken = folder.join("broken\n.yaml");
    let out = layar(&[
        "--check",
        &page.display().to_string(),
        &broken.display().to_string(),
    ]);
    assert_eq!(out.status.code(), Some(1));
    let report = String::from_utf8(out.stdout).expect("UTF-8");
    assert!(
        !report.contains(['\u{1b}', '\u{7}']),
        "a control reached the report: {report:?}"
    );
    let dir = folder
        .display()
        .to_string()
        .replace('\n', "\\n")
        .replace('\u{1b}', "\\e");
    let page = format!("{dir}/page\\e]52;c;eA==\\a.yaml");
    let broken = format!("{dir}/broken\\n.yaml");
    let heads: Vec<&str> = report
        .lines()
        .filter(|l| !l.starts_with(' ') && !l.starts_with(char::is_numeric))
        .collect();
    assert_eq!(
        heads,
        [
            format!(
                "{page}:4:9: warning: \"Tokyо\" mixes scripts (Latin, Cyrillic): letters that \
                 look alike but are not [mixed-script]"
            )
            .as_str(),
            &format!(
                "{page}:8:14: warning: screenshot image \"{dir}/missing.png\" does not exist \
                 [image-missing]"
            ),
            &format!("{broken}:1:1: error: missing required key `synopsis` [missing-key]"),
            "checked 2 files: 1 error, 2 warnings",
        ],
        "{report}"
    );
    assert!(
        !report.lines().any(|l| l.starts_with("forged")),
        "a forged line: {report}"
    );
}

#[test]
fn load_errors_escape_the_name() {
    let broken = hostile_folder("errors").join("broken\n.yaml");
    let out = layar(&["--print", &broken.display().to_string()]);
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8(out.stderr).expect("UTF-8");
    assert!(!stderr.contains('\u{1b}'), "{stderr:?}");
    let first = stderr.lines().next().unwrap_or_default();
    assert!(first.starts_with("layar: error: "), "{stderr}");
    assert!(
        first.ends_with("broken\\n.yaml:1:1: missing required key `synopsis`"),
        "{stderr}"
    );
    assert!(
        first.contains("\\nforged.yaml:1:1: error: forged\\e[31m/"),
        "{first}"
    );
}
