//! Terminal set-up and restoration, in one place. Whatever way layar ends (the quit
//! keys, an error, a panic, SIGTERM, SIGINT, SIGHUP, SIGQUIT) the terminal comes back
//! as it was: alternate screen left, raw mode off, mouse capture and alternate
//! scroll off, the cursor shown and the window title restored.

mod signals;

use std::io::{self, Write};
use std::sync::atomic::{AtomicBool, Ordering};

use ratatui::Terminal;
use ratatui::backend::{Backend, ClearType, CrosstermBackend};
use ratatui::crossterm::cursor::Show;
use ratatui::crossterm::event::{DisableMouseCapture, EnableMouseCapture};
use ratatui::crossterm::terminal::{EnterAlternateScreen, SetTitle};
use ratatui::crossterm::{execute, queue};

pub use signals::Signals;

/// The viewer's terminal: ratatui's, on crossterm. Its output goes through a buffer
/// the size of a large frame, so that a frame leaves in one write and the terminal
/// never shows half of one (stdout's own buffer writes in 1 KiB pieces).
pub type Tui = Terminal<CrosstermBackend<io::BufWriter<io::Stdout>>>;

/// Whether the mouse is captured now, so restoring knows what to undo.
static MOUSE: AtomicBool = AtomicBool::new(false);

/// DEC private mode 1007: in the alternate screen the wheel sends arrow keys, so it
/// scrolls without capturing the mouse (which would stop text selection).
const ALTERNATE_SCROLL_ON: &str = "\x1b[?1007h";
const ALTERNATE_SCROLL_OFF: &str = "\x1b[?1007l";
/// xterm's title stack: save the window title, and put it back.
const PUSH_TITLE: &str = "\x1b[22;0t";
const POP_TITLE: &str = "\x1b[23;0t";

/// Enters the viewer's terminal mode. `title` is already sanitised at load.
///
/// `ratatui::init` does part of this (raw mode, the alternate screen, a panic hook);
/// it is not used because its hook leaves the mouse captured and the title set, and
/// each call would chain one more hook (every `fg` takes the terminal again).
///
/// Only raw mode takes effect at once. The alternate screen, the saved and new
/// window title and the mouse or scroll mode are queued in the terminal's buffer and
/// leave with the first frame, in one write: the screen changes once. Whoever drops
/// the terminal before a frame is drawn flushes it before [`restore`], so that
/// restoring comes after them.
pub fn init(mouse: bool, title: &str) -> io::Result<Tui> {
    install_panic_hook();
    ratatui::crossterm::terminal::enable_raw_mode()?;
    let mut backend = CrosstermBackend::new(io::BufWriter::with_capacity(1 << 16, io::stdout()));
    queue!(backend, EnterAlternateScreen)?;
    backend.write_all(PUSH_TITLE.as_bytes())?;
    queue_title(&mut backend, title)?;
    if mouse {
        queue!(backend, EnableMouseCapture)?;
        MOUSE.store(true, Ordering::SeqCst);
    } else {
        backend.write_all(ALTERNATE_SCROLL_ON.as_bytes())?;
    }
    Terminal::new(backend)
}

/// Sets the window title to `<title> — layar` (the title is sanitised at load),
/// with the next frame.
pub fn set_title(term: &mut Tui, title: &str) -> io::Result<()> {
    queue_title(term.backend_mut(), title)
}

fn queue_title(out: &mut impl Write, title: &str) -> io::Result<()> {
    queue!(out, SetTitle(format!("{title} — layar")))
}

/// Undoes [`init`]. Safe to call more than once and from a signal thread.
pub fn restore() {
    let mut out = io::stdout();
    if MOUSE.swap(false, Ordering::SeqCst) {
        let _ = execute!(out, DisableMouseCapture);
    }
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
pub fn suspend(mouse: bool, title: &str) -> io::Result<Tui> {
    restore();
    signal_hook::low_level::raise(signal_hook::consts::SIGTSTP)?;
    let mut term = init(mouse, title)?;
    // A new terminal takes the screen to be blank; this makes it so on a terminal
    // whose alternate screen kept what it showed. Not `Terminal::clear`, which asks
    // the terminal where its cursor is: one that never answers must not end the
    // viewer.
    term.backend_mut().clear_region(ClearType::All)?;
    Ok(term)
}
