//! Ending layar promptly on SIGTERM, SIGINT, SIGHUP and SIGQUIT, with the terminal
//! restored first. In two steps: the handlers are registered before the terminal is
//! taken (so no signal finds raw mode on and nothing to undo it), and the thread that
//! acts on them starts once the first frame is out, keeping its start-up off the
//! time to the first screen. A signal that comes in between is queued and acted on
//! as soon as the thread starts.
//!
//! While the terminal is handed to another program (the editor), SIGINT and SIGQUIT
//! are that program's: the keys that send them are typed to it.

use std::io;
use std::sync::atomic::{AtomicBool, Ordering};

use signal_hook::consts::{SIGHUP, SIGINT, SIGQUIT, SIGTERM};

/// Whether the terminal is handed to another program.
static HANDED_OVER: AtomicBool = AtomicBool::new(false);

/// Says whether the terminal is handed to another program.
pub(super) fn hand_over(handed: bool) {
    HANDED_OVER.store(handed, Ordering::SeqCst);
}

/// The handlers, registered; nothing acts on them yet.
pub struct Signals(signal_hook::iterator::Signals);

impl Signals {
    /// Registers the handlers: from now on these signals no longer end the process
    /// at once, but wait for [`Signals::watch`].
    pub fn register() -> io::Result<Self> {
        signal_hook::iterator::Signals::new([SIGTERM, SIGINT, SIGHUP, SIGQUIT]).map(Self)
    }

    /// Starts the thread that restores the terminal and exits on the first signal
    /// (but for the keys' signals while the terminal is handed over), with status
    /// 128 + its number. Runs on a thread of its own, since the main
    /// thread blocks on terminal input.
    pub fn watch(self) -> io::Result<()> {
        let mut signals = self.0;
        std::thread::Builder::new()
            .name("signals".into())
            .spawn(move || {
                for signal in signals.forever() {
                    let keys = signal == SIGINT || signal == SIGQUIT;
                    if keys && HANDED_OVER.load(Ordering::SeqCst) {
                        continue;
                    }
                    super::restore();
                    std::process::exit(128 + signal);
                }
            })?;
        Ok(())
    }
}
