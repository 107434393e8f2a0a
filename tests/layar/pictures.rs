//! Screenshots as pictures, through the real program: each bad image's `--check`
//! warning and card message, the terminal's answers choosing the protocol (kitty,
//! sixel, none), the pictures going when the tab changes, and opening one.

use crate::run::command;
use std::path::{Path, PathBuf};
use std::process::Output;

use crate::pty::{Answer, Session};

const PAGES: &str = "tests/fixtures/images/pages";

/// The environment of a terminal that hints at nothing: no tmux, no iTerm2.
const PLAIN: [(&str, &str); 7] = [
    ("TERM_PROGRAM", ""),
    ("LC_TERMINAL", ""),
    ("ITERM_SESSION_ID", ""),
    ("WEZTERM_EXECUTABLE", ""),
    ("KONSOLE_VERSION", ""),
    ("TMUX", ""),
    ("LAYAR_OPEN", ""),
];

fn layar(args: &[&str]) -> Output {
    command(args).output().expect("run layar")
}

fn page(name: &str) -> String {
    format!("{PAGES}/{name}.yaml")
}

/// Each bad image, its `--check` warning (after `screenshot image "PATH" `), and what
/// its card says.
const BAD: [(&str, &str, &str); 9] = [
    ("missing", "does not exist", "(tidak ditemukan)"),
    (
        "directory",
        "is not a regular file (a directory, a named pipe or a device)",
        "(not a regular file)",
    ),
    (
        "device",
        "is not a regular file (a directory, a named pipe or a device)",
        "(not a regular file)",
    ),
    (
        "unknown-format",
        "is not in an image format layar reads (PNG, JPEG, GIF, WebP, BMP, TIFF, PNM, QOI, TGA, ICO)",
        "(not an image format layar reads)",
    ),
    (
        "truncated-header",
        "is truncated: the file ends before the picture does",
        "(truncated)",
    ),
    (
        "truncated",
        "is truncated: the file ends before the picture does",
        "truncated",
    ),
    (
        "corrupt-header",
        "is corrupt: its data is not valid for its format",
        "(corrupt)",
    ),
    (
        "corrupt",
        "is corrupt: its data is not valid for its format",
        "corrupt",
    ),
    (
        "bomb",
        "declares 100000×100000 pixels, more than the 50 million layar decodes",
        "(too large: 100000×100000 pixels)",
    ),
];

#[test]
fn check_warns_about_each_bad_image_at_its_image_line() {
    for (name, warning, _) in BAD {
        let out = layar(&["--check", &page(name)]);
        let stdout = String::from_utf8_lossy(&out.stdout);
        assert!(out.status.success(), "{name}: a warning passes\n{stdout}");
        let first = stdout.lines().next().unwrap_or_default();
        assert!(
            first.starts_with(&format!(
                "{}:7:14: warning: screenshot image \"",
                page(name)
            )),
            "{name}: {first}"
        );
        let code = match name {
            "missing" => "image-missing",
            "directory" | "device" => "image-not-a-file",
            "unknown-format" => "image-format",
            "truncated-header" | "truncated" => "image-truncated",
            "corrupt-header" | "corrupt" => "image-corrupt",
            "bomb" => "image-too-many-pixels",
            other => panic!("no code for {other}"),
        };
        assert!(
            first.ends_with(&format!("\" {warning} [{code}]")),
            "{name}: {first}"
        );
        assert!(
            stdout.ends_with("checked 1 file: 0 errors, 1 warning\n"),
            "{name}: {stdout}"
        );
    }
    let out = layar(&["--check", &page("gradient")]);
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        "checked 1 file: 0 errors, 0 warnings\n"
    );
}

/// A folder of its own under the system's temporary folder, removed when dropped.
struct Scratch(PathBuf);

impl Scratch {
    fn new(what: &str) -> Self {
        let dir = std::env::temp_dir().join(format!("layar-{what}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).expect("a scratch folder");
        Self(dir)
    }

    /// A page of one screenshot, `image`, in this folder.
    fn page(&self, image: &str) -> String {
        let path = self.0.join("page.yaml");
        std::fs::write(
            &path,
            format!(
                "title: T\nsynopsis:\n  text: One screenshot.\nscreenshots:\n  items:\n    - \
                 caption: The image\n      image: {image}\n"
            ),
        )
        .expect("the page");
        path.display().to_string()
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

#[cfg(unix)]
#[test]
fn a_fifo_is_never_opened_and_a_huge_file_never_read() {
    let scratch = Scratch::new("bad-files");
    // Opening a FIFO for reading would wait for a writer forever.
    rustix::fs::mknodat(
        rustix::fs::CWD,
        scratch.0.join("still.png"),
        rustix::fs::FileType::Fifo,
        rustix::fs::Mode::RUSR | rustix::fs::Mode::WUSR,
        0,
    )
    .expect("a FIFO");
    let page = scratch.page("still.png");
    let out = layar(&["--check", &page]);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(stdout.contains("is not a regular file"), "{stdout}");
    let out = layar(&["--print", &page]);
    assert!(
        String::from_utf8_lossy(&out.stdout).contains("(not a regular file)"),
        "the page still opens"
    );
    // A file over the size limit, sparse: nothing of it is read.
    let huge = std::fs::File::create(scratch.0.join("huge.png")).expect("a file");
    huge.set_len(200 << 20).expect("sparse");
    let page = scratch.page("huge.png");
    let out = layar(&["--check", &page]);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        stdout.contains("is 210 MB, more than the 134 MB layar reads for a picture"),
        "{stdout}"
    );
}

fn viewer(args: &[&str], env: &[(&str, &str)], answers: Vec<Answer>) -> Session {
    let mut all: Vec<(&str, &str)> = PLAIN.to_vec();
    all.extend_from_slice(env);
    Session::start_answering(args, 80, 24, &all, answers)
}

#[test]
fn each_bad_image_says_what_is_wrong_in_its_card_and_the_page_opens() {
    for (name, _, card) in BAD {
        // The missing image's page is read in Indonesian, the others in English.
        let lang = if name == "missing" { "id" } else { "en" };
        let path = page(name);
        let mut all: Vec<(&str, &str)> = PLAIN.to_vec();
        all.push(("COLUMNS", "120"));
        // Wide enough for the path and the message on one line.
        let mut s = Session::start_answering(
            &[
                "--images",
                "halfblocks",
                "--tab",
                "screenshots",
                "--lang",
                lang,
                &path,
            ],
            120,
            24,
            &all,
            Vec::new(),
        );
        s.wait_for_text(card);
        s.send("q");
        assert_eq!(s.wait_exit(), 0, "{name}");
    }
}

/// What a kitty terminal answers: its graphics, the device attributes (no sixel),
/// a cell of 8×16 pixels, and the status report that ends the answers.
fn kitty() -> Answer {
    Answer {
        query: b"\x1b[5n",
        answer: b"\x1b_Gi=31;OK\x1b\\\x1b[?62;22c\x1b[6;16;8t\x1b[0n".to_vec(),
    }
}

/// A kitty image placeholder, as the screen shows a picture's cells.
const PLACEHOLDER: char = '\u{10EEEE}';

#[test]
fn a_kitty_terminal_gets_kitty_graphics_and_loses_them_with_the_tab() {
    let mut s = viewer(
        &["--tab", "screenshots", &page("gradient")],
        &[],
        vec![kitty()],
    );
    s.wait_for("the picture's placeholders", |sc| {
        sc.contents().contains(PLACEHOLDER)
    });
    let raw = String::from_utf8_lossy(&s.raw()).into_owned();
    let transmit = raw.find("\x1b_Gq=2,i=").expect("the image is sent");
    assert!(
        raw[transmit..].starts_with("\x1b_Gq=2,i=") && raw[transmit..].contains(",a=T,U=1,f=32,"),
        "sent for placeholders"
    );
    let id: String = raw[transmit + "\x1b_Gq=2,i=".len()..]
        .chars()
        .take_while(char::is_ascii_digit)
        .collect();
    // The synopsis: the placeholders are written over, the picture goes with them.
    s.send("1");
    s.wait_for("the placeholders to go", |sc| {
        !sc.contents().contains(PLACEHOLDER) && sc.contents().contains("One screenshot.")
    });
    s.send("q");
    assert_eq!(s.wait_exit(), 0);
    let raw = String::from_utf8_lossy(&s.raw()).into_owned();
    assert!(
        raw.contains(&format!("\x1b_Ga=d,d=I,i={id},q=2\x1b\\")),
        "the image is deleted from the terminal when layar leaves"
    );
}

#[test]
fn a_sixel_terminal_gets_sixel_and_its_cells_are_redrawn_when_it_goes() {
    let sixel = Answer {
        query: b"\x1b[5n",
        answer: b"\x1b[?62;4;22c\x1b[6;16;8t\x1b[0n".to_vec(),
    };
    let mut s = viewer(
        &["--tab", "screenshots", &page("gradient")],
        &[],
        vec![sixel],
    );
    s.wait_for_text("image 1/1");
    s.wait_for_raw("a sixel image", |raw| {
        let raw = String::from_utf8_lossy(raw);
        raw.find("\x1bP").is_some_and(|at| {
            let dcs = &raw[at..];
            dcs.contains('q') && dcs.contains('#') && dcs.contains("\x1b\\")
        })
    });
    let raw = s.raw();
    let (row, col, width) = sixel_place(&raw).expect("where the picture went");
    // Every cell the picture covered is written again when the tab changes, though
    // the synopsis leaves them blank as they were under the picture.
    s.send("1");
    s.wait_for_text("One screenshot.");
    s.send("q");
    assert_eq!(s.wait_exit(), 0);
    let written = cells_written(&s.raw()[raw.len()..]);
    for c in col..col + width {
        assert!(written.contains(&(row, c)), "cell {row},{c} rewritten");
    }
}

/// Where the first sixel picture was drawn: the cursor's row and column (from 1) and
/// the cells it cleared (ratatui-image clears a one-row picture's `ESC [ n X` cells).
fn sixel_place(raw: &[u8]) -> Option<(u16, u16, u16)> {
    let text = String::from_utf8_lossy(raw);
    let dcs = text.find("\x1bP")?;
    let before = &text[..dcs];
    let erase = before.rfind("\x1b[")?;
    let width = before[erase + 2..].strip_suffix('X')?.parse().ok()?;
    let (_, (row, col)) = follow(&before[..erase]);
    Some((row, col, width))
}

/// The cells (row, column, from 1) that `bytes` write a character into.
fn cells_written(bytes: &[u8]) -> std::collections::HashSet<(u16, u16)> {
    follow(&String::from_utf8_lossy(bytes)).0
}

/// Follows the cursor through `text` from the top left: the cells written, and where
/// the cursor ends. Only `ESC [ row ; col H` moves it; other sequences are skipped.
fn follow(text: &str) -> (std::collections::HashSet<(u16, u16)>, (u16, u16)) {
    let mut written = std::collections::HashSet::new();
    let (mut row, mut col) = (1u16, 1u16);
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if c != '\x1b' {
            if !c.is_control() {
                written.insert((row, col));
                col += 1;
            }
            continue;
        }
        match chars.next() {
            Some('[') => {
                let mut params = String::new();
                for p in chars.by_ref() {
                    if ('@'..='~').contains(&p) {
                        if p == 'H' {
                            let (r, c) = params.split_once(';').unwrap_or(("1", "1"));
                            row = r.parse().unwrap_or(1);
                            col = c.parse().unwrap_or(1);
                        }
                        break;
                    }
                    params.push(p);
                }
            }
            // Strings (APC, DCS, OSC) end with ESC \ or BEL.
            Some('_' | 'P' | ']') => {
                while let Some(p) = chars.next() {
                    if p == '\x07' || (p == '\x1b' && chars.next_if_eq(&'\\').is_some()) {
                        break;
                    }
                }
            }
            _ => {}
        }
    }
    (written, (row, col))
}

#[test]
fn a_terminal_that_answers_nothing_gets_half_blocks() {
    let mut s = viewer(
        &["--tab", "screenshots", &page("gradient")],
        &[],
        Vec::new(),
    );
    // The gradient's cells: half-blocks in true colour, red at the picture's left and
    // blue at its right.
    s.wait_for("half-blocks in true colour", |sc| {
        let colours: Vec<(u8, u8)> = (0..80)
            .filter_map(|col| match sc.cell(5, col).map(vt100::Cell::fgcolor) {
                Some(vt100::Color::Rgb(r, _, b)) => Some((r, b)),
                _ => None,
            })
            .collect();
        matches!((colours.first(), colours.last()),
            (Some(&(r0, b0)), Some(&(r1, b1))) if r0 > b0.saturating_mul(2) && b1 > r1.saturating_mul(2))
    });
    let raw = String::from_utf8_lossy(&s.raw()).into_owned();
    assert!(!raw.contains("\x1bP"), "no sixel");
    assert!(!raw.contains("\x1b_Gq=2"), "no kitty graphics");
    s.send("q");
    assert_eq!(s.wait_exit(), 0);
}

#[test]
fn no_color_keeps_text_cards_unless_a_graphics_protocol_answers() {
    let mut s = viewer(
        &["--tab", "screenshots", &page("gradient")],
        &[("NO_COLOR", "1")],
        Vec::new(),
    );
    s.wait_for("the terminal's silence taken for text cards", |sc| {
        sc.contents().contains("32×8 PNG") && !sc.contents().contains("loading image")
    });
    let caption = (0..24).find(|&r| s.row(r).contains("The gradient image"));
    let facts = (0..24).find(|&r| s.row(r).contains("32×8 PNG"));
    assert_eq!(
        facts,
        caption.map(|c| c + 1),
        "no room kept:\n{}",
        s.contents()
    );
    s.send("q");
    assert_eq!(s.wait_exit(), 0);
    let mut s = viewer(
        &["--tab", "screenshots", &page("gradient")],
        &[("NO_COLOR", "1")],
        vec![kitty()],
    );
    s.wait_for("kitty graphics without colour", |sc| {
        sc.contents().contains(PLACEHOLDER)
    });
    s.send("q");
    assert_eq!(s.wait_exit(), 0);
}

#[cfg(unix)]
#[test]
fn enter_opens_the_picture_with_layar_open_and_nothing_of_it_reaches_the_screen() {
    let scratch = Scratch::new("open");
    let got = scratch.0.join("argument");
    let script = scratch.0.join("viewer.sh");
    std::fs::write(
        &script,
        format!(
            "#!/bin/sh\necho noise-from-the-viewer\necho noise-from-the-viewer >&2\nprintf %s \"$1\" > '{}'\n",
            got.display()
        ),
    )
    .expect("the script");
    let mut perms = std::fs::metadata(&script).expect("script").permissions();
    std::os::unix::fs::PermissionsExt::set_mode(&mut perms, 0o755);
    std::fs::set_permissions(&script, perms).expect("executable");
    let script = script.display().to_string();
    let mut s = viewer(
        &[
            "--images",
            "none",
            "--tab",
            "screenshots",
            &page("gradient"),
        ],
        &[("LAYAR_OPEN", &script)],
        Vec::new(),
    );
    s.wait_for_text("image 1/1");
    s.send("\r");
    s.wait_for_text("opened with viewer.sh");
    let expected = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/images/gradient.png");
    crate::pty::wait_until("the viewer to be given the path", || {
        std::fs::read_to_string(&got).is_ok_and(|arg| {
            Path::new(&arg).is_absolute()
                && std::fs::canonicalize(&arg).ok() == std::fs::canonicalize(&expected).ok()
        })
    });
    s.send("j");
    s.wait_for("the note to go with the next key", |sc| {
        !sc.contents().contains("opened with")
    });
    assert!(!s.contents().contains("noise-from-the-viewer"));
    s.send("q");
    assert_eq!(s.wait_exit(), 0);
    assert!(!String::from_utf8_lossy(&s.raw()).contains("noise-from-the-viewer"));
}
