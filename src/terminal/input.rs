//! Reading the keyboard, thinly over crossterm's event reader.
//!
//! By default crossterm 0.29 reads the terminal through mio, edge-triggered, 1 KiB at
//! a time, and hands out the events of one read before reading again: of a burst of
//! more than 1 KiB (2,000 `]` typed at once, a long paste without bracketed paste) the
//! rest stays in the terminal's buffer, with no new edge to wake the reader, until the
//! next key comes. layar builds crossterm with its `use-dev-tty` feature (see
//! `Cargo.toml`), whose reader polls the terminal level-triggered and so reads on
//! while input waits. That reader has two quirks of its own, met here: a poll with a
//! zero timeout returns before looking at the terminal (crossterm issue 839, fixed in
//! no release yet), and a timeout is rounded down to whole milliseconds (a timeout of
//! 1 ms would spin for that millisecond). So "is an event waiting?" is asked with a
//! timeout of a little over a millisecond, `NOW`: it answers at once when one is,
//! and after one millisecond of sleep when none is.

use std::io::{self, IsTerminal};
use std::time::Duration;

use ratatui::crossterm::event::{self, Event};

/// The timeout that asks whether an event is waiting (see the module documentation).
pub(crate) const NOW: Duration = Duration::from_micros(1_100);

/// Added to a timeout in whole milliseconds, so that the reader sleeps through them
/// and spins only for this long after.
const SLACK: Duration = Duration::from_micros(100);

/// Whether an event is waiting, to be read at once by [`read`].
pub(crate) fn pending() -> io::Result<bool> {
    event::poll(NOW)
}

/// Waits up to `timeout` (whole milliseconds, at least one) for an event; whether
/// one came.
pub(crate) fn wait(timeout: Duration) -> io::Result<bool> {
    event::poll(timeout.max(Duration::from_millis(1)) + SLACK)
}

/// The next event, waiting for it.
pub(crate) fn read() -> io::Result<Event> {
    event::read()
}

/// No terminal to read keys from.
#[derive(Debug)]
pub struct NoKeyboard(io::Error);

impl std::fmt::Display for NoKeyboard {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "no terminal to read keys from: standard input is not a terminal and there is \
             no controlling terminal ({}); use --print to print the page instead",
            self.0
        )
    }
}

impl std::error::Error for NoKeyboard {}

/// Checks that there is a terminal to read keys from, where crossterm looks for one:
/// standard input, or else the process's controlling terminal (`/dev/tty`), which a
/// process started with `setsid` or from a service has not.
pub fn keyboard() -> Result<(), NoKeyboard> {
    if io::stdin().is_terminal() {
        return Ok(());
    }
    std::fs::OpenOptions::new()
        .read(true)
        .write(true)
        .open("/dev/tty")
        .map(drop)
        .map_err(NoKeyboard)
}
