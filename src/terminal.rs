//! Terminal set-up and restoration, in one place. Whatever way layar ends (the quit
//! keys, an error, a panic, SIGTERM, SIGINT, SIGHUP, SIGQUIT) the terminal comes back
//! as it was: alternate screen left, raw mode off, mouse capture, alternate scroll and
//! bracketed paste off, the cursor shown and the window title restored.
//!
//! Two things layar sends the terminal that come from elsewhere are bounded here: the
//! window title (sanitised, and cut to `MAX_TITLE_WIDTH` columns) and the drawn area
//! (at most `screen::MAX_DRAWN` cells each way, see [`fit`]).

pub(crate) mod background;
pub mod input;
mod signals;

use std::io::{self, Write};
use std::sync::atomic::{AtomicBool, Ordering};

use ratatui::backend::{Backend, ClearType, CrosstermBackend};
use ratatui::crossterm::cursor::Show;
use ratatui::crossterm::event::{
    DisableBracketedPaste, DisableMouseCapture, EnableBracketedPaste, EnableMouseCapture,
};
use ratatui::crossterm::terminal::{EnterAlternateScreen, SetTitle};
use ratatui::crossterm::{execute, queue};
use ratatui::layout::Rect;
use ratatui::{Terminal, TerminalOptions, Viewport};

use crate::screen;
use crate::text::sanitize::sanitized;
use crate::text::width::truncate_with_ellipsis;

pub(crate) use signals::Signals;

/// The viewer's terminal: ratatui's, on crossterm. Its output goes through a buffer
/// the size of a large frame, so that a frame leaves in one write and the terminal
/// never shows half of one (stdout's own buffer writes in 1 KiB pieces).
pub(crate) type Tui = Terminal<CrosstermBackend<io::BufWriter<io::Stdout>>>;

/// Whether the mouse is captured now, so restoring knows what to undo.
static MOUSE: AtomicBool = AtomicBool::new(false);

/// DEC private mode 1007: in the alternate screen the wheel sends arrow keys, so it
/// scrolls without capturing the mouse (which would stop text selection).
const ALTERNATE_SCROLL_ON: &str = "\x1b[?1007h";
const ALTERNATE_SCROLL_OFF: &str = "\x1b[?1007l";
/// xterm's title stack: save the window title, and put it back.
const PUSH_TITLE: &str = "\x1b[22;0t";
const POP_TITLE: &str = "\x1b[23;0t";

/// The most columns of a page's title or a file's name the window title shows.
pub(crate) const MAX_TITLE_WIDTH: usize = 80;

/// Enters the viewer's terminal mode, with `title` (a page's title or a file's name)
/// in the window title.
///
/// `ratatui::init` does part of this (raw mode, the alternate screen, a panic hook);
/// it is not used because its hook leaves the mouse captured and the title set, and
/// each call would chain one more hook (every `fg` takes the terminal again).
///
/// Only raw mode takes effect at once. The alternate screen, bracketed paste, the
/// saved and new window title and the mouse or scroll mode are queued in the
/// terminal's buffer and leave with the first frame, in one write: the screen changes
/// once. Whoever drops the terminal before a frame is drawn flushes it before
/// [`restore`], so that restoring comes after them.
pub(crate) fn init(mouse: bool, title: &str) -> io::Result<Tui> {
    install_panic_hook();
    ratatui::crossterm::terminal::enable_raw_mode()?;
    let mut backend = CrosstermBackend::new(io::BufWriter::with_capacity(1 << 16, io::stdout()));
    queue!(backend, EnterAlternateScreen, EnableBracketedPaste)?;
    backend.write_all(PUSH_TITLE.as_bytes())?;
    queue_title(&mut backend, title)?;
    if mouse {
        queue!(backend, EnableMouseCapture)?;
        MOUSE.store(true, Ordering::SeqCst);
    } else {
        backend.write_all(ALTERNATE_SCROLL_ON.as_bytes())?;
    }
    // A fixed viewport that `fit` keeps to the window, rather than ratatui's full
    // screen, which sizes its two buffers to whatever the terminal reports: a window
    // of 65535×65535 would take 206 GB a buffer, and a failed allocation aborts
    // without the panic hook, leaving the terminal raw.
    let size = backend.size()?;
    let area = screen::drawn(size.width, size.height);
    Terminal::with_options(
        backend,
        TerminalOptions {
            viewport: Viewport::Fixed(area),
        },
    )
}

/// Asks the terminal for its background colour ([`background`]), with the next frame:
/// queued after what [`init`] queued, it leaves in the same write.
pub(crate) fn ask_background(term: &mut Tui) -> io::Result<()> {
    term.backend_mut().write_all(background::QUERY.as_bytes())
}

/// Keeps the drawn area to the window's size, up to `screen::MAX_DRAWN` each way
/// (the top left of a larger window), as ratatui's full-screen viewport would keep it
/// to the window's size; to be called before each frame. Returns the area.
pub fn fit(term: &mut Tui) -> io::Result<Rect> {
    let size = term.size()?;
    let area = screen::drawn(size.width, size.height);
    if term.current_buffer_mut().area != area {
        term.resize(area)?;
    }
    Ok(area)
}

/// Sets the window title to `<title> — layar`, with the next frame.
pub(crate) fn set_title(term: &mut Tui, title: &str) -> io::Result<()> {
    queue_title(term.backend_mut(), title)
}

fn queue_title(out: &mut impl Write, title: &str) -> io::Result<()> {
    queue!(out, SetTitle(window_title(title)))
}

/// The window title for a page's title or a file's name: `<title> — layar`, with
/// nothing in it that acts on a terminal (an OSC 52 sequence in a file's name would
/// otherwise write the clipboard), and cut to `MAX_TITLE_WIDTH` columns with `…`.
pub(crate) fn window_title(title: &str) -> String {
    let clean = sanitized(title);
    format!(
        "{} — layar",
        truncate_with_ellipsis(&clean, MAX_TITLE_WIDTH)
    )
}

/// Whether the terminal is a dumb one (`TERM=dumb`): no cursor movement, no styles.
pub fn is_dumb() -> bool {
    std::env::var_os("TERM").is_some_and(|term| term == "dumb")
}

/// Undoes [`init`]. Safe to call more than once and from a signal thread.
pub(crate) fn restore() {
    let mut out = io::stdout();
    if MOUSE.swap(false, Ordering::SeqCst) {
        let _ = execute!(out, DisableMouseCapture);
    }
    let _ = execute!(out, DisableBracketedPaste);
    let _ = out.write_all(ALTERNATE_SCROLL_OFF.as_bytes());
    let _ = out.write_all(POP_TITLE.as_bytes());
    let _ = execute!(out, Show);
    ratatui::restore();
    let _ = out.flush();
}

/// A panic restores the whole terminal (raw mode, screen, mouse, alternate scroll,
/// title, cursor) before its message is printed, so the message is readable. Installed
/// once, however often the terminal is taken again (Ctrl-Z and `fg`).
fn install_panic_hook() {
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            restore();
            previous(info);
        }));
    });
}

/// Ctrl-Z: gives the terminal back, stops the process (as the shell expects), and
/// on `fg` takes the terminal again, as a new [`Tui`] whose first frame is drawn
/// whole.
pub(crate) fn suspend(mouse: bool, title: &str) -> io::Result<Tui> {
    restore();
    signal_hook::low_level::raise(signal_hook::consts::SIGTSTP)?;
    retake(mouse, title)
}

/// Gives the terminal back while `run` runs in the foreground (the editor), then
/// takes it again, as after Ctrl-Z. Meanwhile Ctrl-C and Ctrl-\ are the program's
/// (as git does while its editor runs): they do not end layar.
pub(crate) fn hand_over<T>(
    mouse: bool,
    title: &str,
    run: impl FnOnce() -> T,
) -> io::Result<(Tui, T)> {
    restore();
    signals::hand_over(true);
    let out = run();
    signals::hand_over(false);
    Ok((retake(mouse, title)?, out))
}

/// Takes the terminal again after it was given back, as a new [`Tui`] whose first
/// frame is drawn whole.
fn retake(mouse: bool, title: &str) -> io::Result<Tui> {
    let mut term = init(mouse, title)?;
    // A new terminal takes the screen to be blank; this makes it so on a terminal
    // whose alternate screen kept what it showed. Not `Terminal::clear`, which asks
    // the terminal where its cursor is: one that never answers must not end the
    // viewer.
    term.backend_mut().clear_region(ClearType::All)?;
    Ok(term)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::width::str_width;
    use proptest::prelude::*;

    /// What a title's OSC sequence carries: the bytes between `ESC ] 0 ;` and BEL.
    fn sequence_payload(title: &str) -> Vec<u8> {
        let mut out = Vec::new();
        queue_title(&mut out, title).expect("queue into a Vec");
        let body = out
            .strip_prefix(b"\x1b]0;")
            .and_then(|b| b.strip_suffix(b"\x07"))
            .expect("one OSC 0 sequence, ended by BEL");
        body.to_vec()
    }

    /// Whether a character starts a terminal control: C0 (ESC, BEL...), DEL, C1 (CSI,
    /// OSC, ST...), or a bidi embedding, override or isolate.
    fn starts_a_control(c: char) -> bool {
        c.is_control()
            || ('\u{202a}'..='\u{202e}').contains(&c)
            || ('\u{2066}'..='\u{2069}').contains(&c)
    }

    #[test]
    fn titles_are_sanitised_and_cut() {
        assert_eq!(window_title("Di Balik Layar"), "Di Balik Layar — layar");
        assert_eq!(
            window_title("big\u{1b}]52;c;SGVsbG8=\u{7}.yaml"),
            "big]52;c;SGVsbG8=.yaml — layar"
        );
        assert_eq!(window_title("a\nb\u{9c}\u{202e}c"), "a bc — layar");
        let long = "x".repeat(10 << 20);
        let title = window_title(&long);
        assert_eq!(
            title,
            format!("{}… — layar", "x".repeat(MAX_TITLE_WIDTH - 1))
        );
        let wide = "日".repeat(100);
        assert!(str_width(&window_title(&wide)) <= MAX_TITLE_WIDTH + str_width(" — layar"));
    }

    fn hostile() -> impl Strategy<Value = String> {
        let c = prop_oneof![
            3 => any::<char>(),
            2 => prop::sample::select(
                "\u{1b}\u{7}\u{9b}\u{9c}\u{9d}\u{90}\u{85}\u{7f}\u{202e}\u{2067}\u{200f}\t\n\r\0]52;c;日"
                    .chars()
                    .collect::<Vec<_>>()
            ),
        ];
        prop::collection::vec(c, 0..200).prop_map(|v| v.into_iter().collect())
    }

    proptest! {
        #[test]
        fn no_title_sends_a_control(title in hostile()) {
            let payload = sequence_payload(&title);
            let payload = String::from_utf8(payload).expect("UTF-8");
            prop_assert!(!payload.chars().any(starts_a_control), "{:?}", payload);
            prop_assert!(str_width(&payload) <= MAX_TITLE_WIDTH + str_width(" — layar"));
        }
    }
}
