//! The author's loop as a person lives it: the page followed as its file is saved
//! (`--watch`), the editor a key away (`e`), and a page piped in (`-`).

use std::path::{Path, PathBuf};

use crate::pty::{DOWN, Session};
use crate::run::piped;

/// The body's first row, and the rule's above it (where the banner goes).
const BODY: u16 = 3;
const RULE: u16 = 2;

/// A fresh scratch folder for one test, under Cargo's temporary folder.
fn scratch(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR"))
        .join(format!("authoring-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("a scratch folder");
    dir
}

fn bundled() -> String {
    std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/content/di-balik-layar.yaml"
    ))
    .expect("the bundled page")
}

/// Saves as vim and many IDEs do: a new file beside the page, renamed over it.
fn save_atomically(path: &Path, text: &str) {
    let temp = path.with_file_name(".page.yaml.swp");
    std::fs::write(&temp, text).expect("write the new file");
    std::fs::rename(&temp, path).expect("rename it over the page");
}

/// The text of a body row, without the scrollbar's column.
fn text_of(s: &Session, row: u16) -> String {
    s.row(row)
        .chars()
        .take(78)
        .collect::<String>()
        .trim_end()
        .to_owned()
}

/// Scrolls `lines` down into the synopsis, from the top, and waits until the screen
/// has moved that far; the top row's text then.
fn scroll_into_the_synopsis(s: &mut Session, lines: u16) -> String {
    // The footer is drawn last: with it on screen, the whole first frame is.
    s.wait_for_text("Atas");
    let expected = text_of(s, BODY + lines);
    for _ in 0..lines {
        s.send(DOWN);
    }
    s.wait_for("the synopsis to scroll", |sc| {
        sc.contents_between(BODY, 0, BODY, 78).trim_end() == expected
    });
    assert!(!expected.is_empty(), "{}", s.contents());
    expected
}

#[test]
fn watch_follows_saves_keeps_the_place_and_outlives_a_broken_save() {
    let dir = scratch("watch");
    let page = dir.join("page.yaml");
    let original = bundled();
    std::fs::write(&page, &original).expect("write the page");
    let path = page.to_str().expect("a UTF-8 path");
    let mut s = Session::start(&["--watch", path], 80, 24);
    s.wait_for_text("memantau");
    let top = scroll_into_the_synopsis(&mut s, 6);

    // A save that changes the title and adds a paragraph above the one on top.
    let revised = original
        .replace("title: Di Balik Layar", "title: Di Balik Layar (revisi)")
        .replacen(
            "  text: |\n",
            "  text: |\n    Paragraf baru di atas, cukup panjang untuk menambah baris di \
             layar yang lebar delapan puluh kolom ini.\n\n",
            1,
        );
    save_atomically(&page, &revised);
    s.wait_for("the new title", |sc| {
        sc.contents_between(0, 0, 0, 80).contains("(revisi)")
    });
    assert_eq!(
        text_of(&s, BODY),
        top,
        "the same line on top:\n{}",
        s.contents()
    );
    assert!(s.row(RULE).starts_with("────"), "{}", s.contents());

    // A save that breaks the page: the page stays, under the first problem.
    save_atomically(&page, &revised.replace("language: id", "languag: id"));
    let line = 1 + revised
        .lines()
        .position(|l| l.starts_with("language: id"))
        .expect("the page's language");
    let at = format!("{line}:1");
    s.wait_for("the banner", |sc| {
        sc.contents_between(RULE, 0, RULE, 80).contains(&at)
    });
    assert!(s.row(RULE).contains("languag"), "{}", s.row(RULE));
    assert!(s.row(0).contains("(revisi)"));
    assert_eq!(text_of(&s, BODY), top);
    // The help lists the problems.
    s.send("?");
    s.wait_for_text("Simpanan terakhir tidak dapat dimuat");
    s.send("?");
    s.wait_for("the help to close", |sc| {
        !sc.contents().contains("Simpanan terakhir")
    });

    // The fix clears the banner.
    save_atomically(&page, &revised.replace("(revisi)", "(diperbaiki)"));
    s.wait_for("the fixed title", |sc| {
        sc.contents_between(0, 0, 0, 80).contains("(diperbaiki)")
    });
    assert!(s.row(RULE).starts_with("────"), "{}", s.contents());
    assert_eq!(text_of(&s, BODY), top);

    // Deleted, then created again: both are followed.
    std::fs::remove_file(&page).expect("delete the page");
    s.wait_for("the banner for the missing file", |sc| {
        sc.contents_between(RULE, 0, RULE, 80).contains('✗')
    });
    std::fs::write(&page, revised.replace("(revisi)", "(baru lagi)")).expect("write");
    s.wait_for("the title of the page created again", |sc| {
        sc.contents_between(0, 0, 0, 80).contains("(baru lagi)")
    });
    assert!(s.row(RULE).starts_with("────"), "{}", s.contents());
    s.send("q");
    assert_eq!(s.wait_exit(), 0);
}

#[test]
fn e_opens_the_editor_at_the_line_on_top_and_shows_what_it_saved() {
    let dir = scratch("edit");
    let page = dir.join("page.yaml");
    std::fs::write(&page, bundled()).expect("write the page");
    let args = dir.join("args");
    let script = dir.join("editor.sh");
    std::fs::write(
        &script,
        format!(
            "#!/bin/sh\nprintf '%s\\n' \"$@\" > '{}'\n\
             sed -i 's/^title: .*/& Disunting/' \"$2\"\n",
            args.display()
        ),
    )
    .expect("write the editor");
    make_executable(&script);
    let path = page.to_str().expect("a UTF-8 path");
    let editor = script.to_str().expect("a UTF-8 path");
    let mut s = Session::start_with_env(&[path], 80, 24, &[("EDITOR", editor), ("VISUAL", "")]);
    s.wait_for_text("518 kata");
    let top = scroll_into_the_synopsis(&mut s, 9);
    s.send("e");
    s.wait_for("the word the editor added", |sc| {
        sc.contents_between(0, 0, 0, 80)
            .contains("Di Balik Layar Disunting")
    });
    let got = std::fs::read_to_string(&args).expect("the editor's arguments");
    let got: Vec<&str> = got.lines().collect();
    let [line, file] = got.as_slice() else {
        panic!("{got:?}");
    };
    assert_eq!(*file, path);
    let line: usize = line
        .strip_prefix('+')
        .and_then(|n| n.parse().ok())
        .unwrap_or_else(|| panic!("+LINE, got {line:?}"));
    // The top row starts on that line of the file.
    let text = std::fs::read_to_string(&page).expect("the page");
    let first_word = top.split_whitespace().next().expect("a word on top");
    let source_line = text.lines().nth(line - 1).expect("a line of the page");
    assert!(
        line > 8 && source_line.contains(first_word),
        "line {line}: {source_line:?} for the top row {top:?}"
    );
    // The place is kept, and the terminal is layar's again.
    assert_eq!(text_of(&s, BODY), top);
    s.send("q");
    assert_eq!(s.wait_exit(), 0);
}

#[test]
fn e_without_a_file_says_so() {
    let mut s = Session::start(&[], 80, 24);
    s.wait_for_text("518 kata");
    s.send("e");
    s.wait_for_text("halaman bawaan tanpa berkas");
    s.send("q");
    assert_eq!(s.wait_exit(), 0);
}

#[cfg(unix)]
fn make_executable(path: &Path) {
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o755)).expect("chmod");
}

#[test]
fn the_viewer_reads_a_piped_page_and_keys_from_the_terminal() {
    let mut s = Session::shell();
    s.send("cat content/di-balik-layar.yaml | \"$LAYAR\" -\r");
    s.wait_for_text("518 kata");
    let top = scroll_into_the_synopsis(&mut s, 2);
    assert!(top.starts_with(" Simon, seorang"), "keys scroll: {top:?}");
    s.send("e");
    s.wait_for_text("masukan standar tanpa berkas");
    s.send("q");
    s.wait_for("the prompt again", |sc| {
        !sc.contents().contains("518 kata") && sc.contents().contains('$')
    });
    s.exit_shell();
}

#[test]
fn print_and_check_read_standard_input() {
    let out = piped(&["--print", "--width", "60", "-"], &bundled());
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.starts_with("Di Balik Layar\n"), "{text}");
    assert!(text.contains("Simon, seorang pembuat film"));

    let out = piped(
        &["--check", "-"],
        "title: T\nlanguag: id\nsynopsis:\n  text: x\n",
    );
    assert_eq!(out.status.code(), Some(1));
    let report = String::from_utf8_lossy(&out.stdout);
    assert!(
        report.contains("<stdin>:2:1: error: unknown key `languag`"),
        "{report}"
    );

    let out = piped(&["--check", "-"], &bundled());
    let report = String::from_utf8_lossy(&out.stdout);
    assert!(
        report.contains("<stdin>:"),
        "warnings name <stdin>: {report}"
    );
}

#[test]
fn the_size_cap_holds_while_standard_input_is_read() {
    let big = format!("title: T\nsynopsis:\n  text: {}\n", "kata ".repeat(1000));
    let out = piped(&["--print", "--max-size", "1K", "-"], &big);
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(
        stderr.trim_end(),
        "layar: error: <stdin>: the input goes on past the limit of 1 KiB; raise it with \
         --max-size"
    );
}

#[test]
fn watch_needs_a_file() {
    for args in [&["--watch"][..], &["-W", "-"][..]] {
        let out = piped(args, "");
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(stderr.contains("--watch follows a file"), "{stderr}");
    }
}
