//! A real `layar` in a pseudo-terminal, its screen read back with a terminal
//! emulator: what a person at the keyboard would see.

use std::io::{Read, Write};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use portable_pty::{Child, CommandBuilder, MasterPty, PtySize, native_pty_system};

/// How long to wait for the screen to show something before failing. Generous: a
/// slow, busy machine must not fail the test; a broken program fails it either way.
const PATIENCE: Duration = Duration::from_secs(30);

/// What the test terminal types back when the program asks: once the output holds
/// `query`, the bytes of `answer` (as a terminal answers a device attributes query).
pub struct Answer {
    pub query: &'static [u8],
    pub answer: Vec<u8>,
}

pub struct Session {
    screen: Arc<Mutex<vt100::Parser>>,
    raw: Arc<Mutex<Vec<u8>>>,
    writer: Arc<Mutex<Box<dyn Write + Send>>>,
    child: Box<dyn Child + Send + Sync>,
    master: Box<dyn MasterPty + Send>,
}

impl Session {
    /// Starts `layar ARGS` in a terminal of `cols`×`rows`.
    pub fn start(args: &[&str], cols: u16, rows: u16) -> Self {
        Self::start_with_env(args, cols, rows, &[])
    }

    pub fn start_with_env(args: &[&str], cols: u16, rows: u16, env: &[(&str, &str)]) -> Self {
        Self::start_answering(args, cols, rows, env, Vec::new())
    }

    /// Starts `layar ARGS` in a terminal that answers queries as `answers` say.
    pub fn start_answering(
        args: &[&str],
        cols: u16,
        rows: u16,
        env: &[(&str, &str)],
        answers: Vec<Answer>,
    ) -> Self {
        let pty = native_pty_system();
        let pair = pty
            .openpty(PtySize {
                rows,
                cols,
                pixel_width: 0,
                pixel_height: 0,
            })
            .expect("open a pty");
        let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_layar"));
        cmd.args(args);
        cmd.env("TERM", "xterm-256color");
        cmd.env_remove("NO_COLOR");
        for (k, v) in env {
            cmd.env(k, v);
        }
        cmd.cwd(env!("CARGO_MANIFEST_DIR"));
        let child = pair.slave.spawn_command(cmd).expect("spawn layar");
        drop(pair.slave);
        let mut reader = pair.master.try_clone_reader().expect("pty reader");
        let writer = Arc::new(Mutex::new(pair.master.take_writer().expect("pty writer")));
        let screen = Arc::new(Mutex::new(vt100::Parser::new(
            nonzero(rows),
            nonzero(cols),
            0,
        )));
        let raw = Arc::new(Mutex::new(Vec::new()));
        let (s, r, w) = (Arc::clone(&screen), Arc::clone(&raw), Arc::clone(&writer));
        std::thread::spawn(move || {
            let mut answers = answers;
            let mut buf = [0u8; 8192];
            while let Ok(n) = reader.read(&mut buf) {
                if n == 0 {
                    break;
                }
                s.lock().expect("screen lock").process(&buf[..n]);
                let mut raw = r.lock().expect("raw lock");
                // Where a query split over two reads may start.
                let from = raw.len().saturating_sub(64);
                raw.extend_from_slice(&buf[..n]);
                answers.retain(|a| {
                    let asked = raw[from..].windows(a.query.len()).any(|w| w == a.query);
                    if asked {
                        let mut w = w.lock().expect("writer lock");
                        let _ = w.write_all(&a.answer);
                        let _ = w.flush();
                    }
                    !asked
                });
            }
        });
        Self {
            screen,
            raw,
            writer,
            child,
            master: pair.master,
        }
    }

    /// Types bytes as the keyboard would.
    pub fn send(&mut self, bytes: &str) {
        let mut writer = self.writer.lock().expect("writer lock");
        writer.write_all(bytes.as_bytes()).expect("write to pty");
        writer.flush().expect("flush pty");
    }

    /// The screen's text, row by row.
    pub fn contents(&self) -> String {
        self.screen.lock().expect("screen lock").screen().contents()
    }

    /// Runs `check` on the screen until it holds; panics with the screen if it
    /// never does.
    pub fn wait_for(&self, what: &str, check: impl Fn(&vt100::Screen) -> bool) {
        wait_on(&self.screen, what, check);
    }

    /// Waits until the screen shows `text`.
    pub fn wait_for_text(&self, text: &str) {
        self.wait_for(&format!("{text:?}"), |s| s.contents().contains(text));
    }

    /// Waits for the process to end; its exit code.
    pub fn wait_exit(&mut self) -> u32 {
        let start = Instant::now();
        loop {
            if let Some(status) = self.child.try_wait().expect("child status") {
                // Let the reader thread take the last bytes.
                std::thread::sleep(Duration::from_millis(100));
                return status.exit_code();
            }
            assert!(
                start.elapsed() < PATIENCE,
                "layar did not exit:\n{}",
                self.contents()
            );
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    pub fn raw(&self) -> Vec<u8> {
        self.raw.lock().expect("raw lock").clone()
    }

    pub fn pid(&self) -> Option<u32> {
        self.child.process_id()
    }

    /// Tells the program its terminal has a new size.
    pub fn resize(&mut self, cols: u16, rows: u16) {
        // As a real terminal does: the grid takes the new size first, then the program
        // is told (SIGWINCH). Holding the screen while both happen keeps bytes drawn for
        // the new size from landing on the old grid.
        let mut screen = self.screen.lock().expect("screen lock");
        screen.screen_mut().set_size(nonzero(rows), nonzero(cols));
        self.master
            .resize(PtySize {
                rows,
                cols,
                pixel_width: 0,
                pixel_height: 0,
            })
            .expect("resize pty");
    }

    /// The text of one row.
    pub fn row(&self, row: u16) -> String {
        let parser = self.screen.lock().expect("screen lock");
        let (_, cols) = parser.screen().size();
        parser.screen().contents_between(row, 0, row, cols.get())
    }
}

impl Drop for Session {
    fn drop(&mut self) {
        let _ = self.child.kill();
    }
}

/// Runs `check` on a screen fed by a reader thread until it holds, or panics with
/// what the screen shows after [`PATIENCE`]: a hang detector, not a timing test.
pub fn wait_on(screen: &Mutex<vt100::Parser>, what: &str, check: impl Fn(&vt100::Screen) -> bool) {
    let start = Instant::now();
    loop {
        {
            let parser = screen.lock().expect("screen lock");
            if check(parser.screen()) {
                return;
            }
            assert!(
                start.elapsed() < PATIENCE,
                "waited for {what}; the screen shows:\n{}",
                parser.screen().contents()
            );
        }
        std::thread::sleep(Duration::from_millis(20));
    }
}

/// Waits until the program's output, as written, passes `check`.
pub fn wait_on_raw(session: &Session, what: &str, check: impl Fn(&[u8]) -> bool) {
    wait_until(what, || check(&session.raw.lock().expect("raw lock")));
}

/// Waits until `check` holds, or panics after [`PATIENCE`].
pub fn wait_until(what: &str, check: impl Fn() -> bool) {
    let start = Instant::now();
    while !check() {
        assert!(start.elapsed() < PATIENCE, "waited for {what}");
        std::thread::sleep(Duration::from_millis(20));
    }
}

fn nonzero(n: u16) -> std::num::NonZeroU16 {
    std::num::NonZeroU16::new(n).unwrap_or(std::num::NonZeroU16::MIN)
}

pub const DOWN: &str = "\x1b[B";
pub const END: &str = "\x1b[F";
