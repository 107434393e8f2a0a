//! Terminal set-up and restoration, in one place. Whatever way layar ends (the quit
//! keys, an error, a panic, SIGTERM, SIGINT, SIGHUP, SIGQUIT) the terminal comes back
//! as it was: alternate screen left, raw mode off, mouse capture and alternate
//! scroll off, the cursor shown and the window title restored.

mod backend;
mod cells;

#[cfg(test)]
mod tests;

use std::io::{self, Write};
use std::sync::atomic::{AtomicBool, Ordering};

use ratatui::Terminal;
use ratatui::crossterm::cursor::Show;
use ratatui::crossterm::event::{DisableMouseCapture, EnableMouseCapture};
use ratatui::crossterm::execute;
use ratatui::crossterm::terminal::SetTitle;

pub use backend::DirectBackend;

/// The viewer's terminal. Output goes through a buffer the size of a large frame, so
/// a frame leaves in one write rather than in the 1 KiB pieces of stdout's own buffer.
pub type Tui = Terminal<DirectBackend<io::BufWriter<io::Stdout>>>;

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
pub fn init(mouse: bool, title: &str) -> io::Result<Tui> {
    install_panic_hook();
    ratatui::crossterm::terminal::enable_raw_mode()?;
    execute!(
        io::stdout(),
        ratatui::crossterm::terminal::EnterAlternateScreen
    )?;
    let terminal = Terminal::new(DirectBackend::new(io::BufWriter::with_capacity(
        1 << 16,
        io::stdout(),
    )))?;
    let mut out = io::stdout();
    out.write_all(PUSH_TITLE.as_bytes())?;
    set_title(title)?;
    if mouse {
        execute!(out, EnableMouseCapture)?;
        MOUSE.store(true, Ordering::SeqCst);
    } else {
        out.write_all(ALTERNATE_SCROLL_ON.as_bytes())?;
    }
    out.flush()?;
    Ok(terminal)
}

/// Sets the window title to `<title> — layar` (the title is sanitised at load).
pub fn set_title(title: &str) -> io::Result<()> {
    execute!(io::stdout(), SetTitle(format!("{title} — layar")))
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

/// Ends layar promptly on SIGTERM, SIGINT, SIGHUP and SIGQUIT, restoring the
/// terminal first. Runs on a thread of its own, since the main thread blocks on
/// terminal input.
pub fn handle_signals() -> io::Result<()> {
    use signal_hook::consts::{SIGHUP, SIGINT, SIGQUIT, SIGTERM};
    let mut signals = signal_hook::iterator::Signals::new([SIGTERM, SIGINT, SIGHUP, SIGQUIT])?;
    std::thread::Builder::new()
        .name("signals".into())
        .spawn(move || {
            if let Some(signal) = signals.forever().next() {
                restore();
                std::process::exit(128 + signal);
            }
        })?;
    Ok(())
}

/// Ctrl-Z: gives the terminal back, stops the process (as the shell expects), and
/// on `fg` takes the terminal again. The caller redraws everything.
pub fn suspend(mouse: bool, title: &str) -> io::Result<Tui> {
    restore();
    signal_hook::low_level::raise(signal_hook::consts::SIGTSTP)?;
    init(mouse, title)
}
