//! Ending layar promptly on SIGTERM, SIGINT, SIGHUP and SIGQUIT, with the terminal
//! restored first. In two steps: the handlers are registered before the terminal is
//! taken (so no signal finds raw mode on and nothing to undo it), and the thread that
//! acts on them starts once the first frame is out, keeping its start-up off the
//! time to the first screen. A signal that comes in between is queued and acted on
//! as soon as the thread starts.

use std::io;

use signal_hook::consts::{SIGHUP, SIGINT, SIGQUIT, SIGTERM};

/// The handlers, registered; nothing acts on them yet.
pub struct Signals(signal_hook::iterator::Signals);

impl Signals {
    /// Registers the handlers: from now on these signals no longer end the process
    /// at once, but wait for [`Signals::watch`].
    pub fn register() -> io::Result<Self> {
        signal_hook::iterator::Signals::new([SIGTERM, SIGINT, SIGHUP, SIGQUIT]).map(Self)
    }

    /// Starts the thread that restores the terminal and exits on the first signal,
    /// with status 128 + its number. Runs on a thread of its own, since the main
    /// thread blocks on terminal input.
    pub fn watch(self) -> io::Result<()> {
        let mut signals = self.0;
        std::thread::Builder::new()
            .name("signals".into())
            .spawn(move || {
                if let Some(signal) = signals.forever().next() {
                    super::restore();
                    std::process::exit(128 + signal);
                }
            })?;
        Ok(())
    }
}
