//! A real program in a pseudo-terminal, its screen read back with a terminal emulator:
//! what a person at the keyboard would see. The one harness of every pty test: `layar`
//! alone, in a terminal that answers cursor-position queries, one that never does, or
//! one that answers given queries with given bytes (a graphics terminal), or a
//! job-control shell to run it from.

use std::io::{Read, Write};
use std::sync::mpsc::{self, RecvTimeoutError};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use portable_pty::{Child, CommandBuilder, MasterPty, PtySize, native_pty_system};

/// How long to wait for the screen to show something, or a process to end, before
/// failing. Generous: a slow, busy machine must not fail the test; a broken program
/// fails it either way. A hang detector, never a timing test.
pub const PATIENCE: Duration = Duration::from_secs(30);

/// How often a condition is looked at again while waiting for it.
const POLL: Duration = Duration::from_millis(20);

/// Whether the terminal answers the program's queries.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Replies {
    /// Like a terminal that ignores queries: the program must not wait for one.
    Never,
    /// Like a real terminal: `ESC [ 6 n` gets the cursor's position.
    CursorPosition,
}

/// What the test terminal types back when the program asks: once the output holds
/// `query`, the bytes of `answer` (as a terminal answers its device attributes query).
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
    /// The thread that reads the terminal, until end of file: once every process on
    /// the terminal has ended and their last bytes are read.
    reader: Option<JoinHandle<()>>,
    /// Disconnects when the reader thread ends.
    read_all: mpsc::Receiver<()>,
}

impl Session {
    /// Starts `layar ARGS` in a terminal of `cols`×`rows` that never answers queries.
    pub fn start(args: &[&str], cols: u16, rows: u16) -> Self {
        Self::start_with_env(args, cols, rows, &[])
    }

    /// [`Session::start`] with more environment variables, set last (`TERM` among them).
    pub fn start_with_env(args: &[&str], cols: u16, rows: u16, env: &[(&str, &str)]) -> Self {
        Self::start_answering(args, cols, rows, env, Vec::new())
    }

    /// [`Session::start_with_env`] in a terminal that answers as `answers` say.
    pub fn start_answering(
        args: &[&str],
        cols: u16,
        rows: u16,
        env: &[(&str, &str)],
        answers: Vec<Answer>,
    ) -> Self {
        let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_layar"));
        cmd.args(args);
        Self::spawn(cmd, cols, rows, (Replies::Never, answers), env)
    }

    /// Starts `layar ARGS` in an 80×24 terminal that answers cursor-position queries.
    pub fn answering(args: &[&str]) -> Self {
        let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_layar"));
        cmd.args(args);
        Self::spawn(cmd, 80, 24, (Replies::CursorPosition, Vec::new()), &[])
    }

    /// An interactive `bash` with job control (for Ctrl-Z and `fg`, or a redirection
    /// around layar), at its `$ ` prompt, in an 80×24 terminal that answers queries.
    /// `$LAYAR` names the program.
    pub fn shell() -> Self {
        let mut cmd = CommandBuilder::new("bash");
        cmd.args(["--norc", "--noprofile", "-i"]);
        cmd.env("PS1", "$ ");
        cmd.env("LAYAR", env!("CARGO_BIN_EXE_layar"));
        let shell = Self::spawn(cmd, 80, 24, (Replies::CursorPosition, Vec::new()), &[]);
        shell.wait_for("the prompt", |sc| sc.contents().contains('$'));
        shell
    }

    fn spawn(
        mut cmd: CommandBuilder,
        cols: u16,
        rows: u16,
        (replies, answers): (Replies, Vec<Answer>),
        env: &[(&str, &str)],
    ) -> Self {
        let pair = native_pty_system()
            .openpty(PtySize {
                rows,
                cols,
                pixel_width: 0,
                pixel_height: 0,
            })
            .expect("open a pty");
        cmd.env("TERM", "xterm-256color");
        cmd.env_remove("NO_COLOR");
        for (key, value) in env {
            cmd.env(key, value);
        }
        cmd.cwd(env!("CARGO_MANIFEST_DIR"));
        let child = pair.slave.spawn_command(cmd).expect("spawn");
        // Only the program holds the terminal now, so the reader sees end of file
        // when it (and whatever it started) has gone.
        drop(pair.slave);
        let reader = pair.master.try_clone_reader().expect("pty reader");
        let writer = Arc::new(Mutex::new(pair.master.take_writer().expect("pty writer")));
        let screen = Arc::new(Mutex::new(vt100::Parser::new(
            nonzero(rows),
            nonzero(cols),
            0,
        )));
        let raw = Arc::new(Mutex::new(Vec::new()));
        let (done, read_all) = mpsc::channel();
        let reader = {
            let (screen, raw, writer) =
                (Arc::clone(&screen), Arc::clone(&raw), Arc::clone(&writer));
            std::thread::spawn(move || {
                read_to_end(reader, &screen, &raw, &writer, replies, answers);
                drop(done);
            })
        };
        Self {
            screen,
            raw,
            writer,
            child,
            master: pair.master,
            reader: Some(reader),
            read_all,
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

    /// What `look` makes of the screen as it is now (its cells' colours, say).
    pub fn screen<T>(&self, look: impl FnOnce(&vt100::Screen) -> T) -> T {
        look(self.screen.lock().expect("screen lock").screen())
    }

    /// The text of one row.
    pub fn row(&self, row: u16) -> String {
        let parser = self.screen.lock().expect("screen lock");
        let (_, cols) = parser.screen().size();
        parser.screen().contents_between(row, 0, row, cols.get())
    }

    /// Runs `check` on the screen until it holds; panics with the screen if it
    /// never does within [`PATIENCE`].
    pub fn wait_for(&self, what: &str, check: impl Fn(&vt100::Screen) -> bool) {
        let start = Instant::now();
        loop {
            {
                let parser = self.screen.lock().expect("screen lock");
                if check(parser.screen()) {
                    return;
                }
                assert!(
                    start.elapsed() < PATIENCE,
                    "waited for {what}; the screen shows:\n{}",
                    parser.screen().contents()
                );
            }
            std::thread::sleep(POLL);
        }
    }

    /// Waits until the screen shows `text`.
    pub fn wait_for_text(&self, text: &str) {
        self.wait_for(&format!("{text:?}"), |s| s.contents().contains(text));
    }

    /// Waits until the output since byte `from` (an [`Session::output_len`]) holds
    /// `bytes`.
    pub fn wait_for_output_since(&self, from: usize, bytes: &str) {
        let start = Instant::now();
        while !self.output_since(from).contains(bytes) {
            assert!(
                start.elapsed() < PATIENCE,
                "waited for {bytes:?} in the output:\n{:?}",
                self.output_since(from)
            );
            std::thread::sleep(POLL);
        }
    }

    /// Waits until the output, as written, passes `check`.
    pub fn wait_for_raw(&self, what: &str, check: impl Fn(&[u8]) -> bool) {
        wait_until(what, || check(&self.raw.lock().expect("raw lock")));
    }

    /// Waits for the program to end and for the reader to take every byte it wrote;
    /// its exit code.
    pub fn wait_exit(&mut self) -> u32 {
        let start = Instant::now();
        let status = loop {
            if let Some(status) = self.child.try_wait().expect("child status") {
                break status;
            }
            assert!(
                start.elapsed() < PATIENCE,
                "the program did not exit:\n{}",
                self.contents()
            );
            std::thread::sleep(POLL);
        };
        if let Some(reader) = self.reader.take() {
            match self.read_all.recv_timeout(PATIENCE) {
                Err(RecvTimeoutError::Disconnected) => {}
                Ok(()) | Err(RecvTimeoutError::Timeout) => {
                    panic!("the terminal was never closed after the program ended")
                }
            }
            reader.join().expect("the reader thread");
        }
        status.exit_code()
    }

    /// Sends `exit` to a [`Session::shell`] and waits for it to end.
    pub fn exit_shell(mut self) {
        self.send("exit\r");
        self.wait_exit();
    }

    /// Everything the program wrote so far.
    pub fn raw(&self) -> Vec<u8> {
        self.raw.lock().expect("raw lock").clone()
    }

    /// How many bytes the program wrote so far.
    pub fn output_len(&self) -> usize {
        self.raw.lock().expect("raw lock").len()
    }

    /// The output since byte `from`.
    pub fn output_since(&self, from: usize) -> String {
        String::from_utf8_lossy(&self.raw.lock().expect("raw lock")[from..]).into_owned()
    }

    /// The process id of the program (of the shell, for a [`Session::shell`]).
    pub fn pid(&self) -> u32 {
        self.child.process_id().expect("the program's pid")
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
}

impl Drop for Session {
    fn drop(&mut self) {
        let _ = self.child.kill();
    }
}

/// Feeds the screen and the raw record from the terminal until end of file (or the
/// error Linux gives once the other side is closed), answering queries if asked to.
fn read_to_end(
    mut reader: Box<dyn Read + Send>,
    screen: &Mutex<vt100::Parser>,
    raw: &Mutex<Vec<u8>>,
    writer: &Mutex<Box<dyn Write + Send>>,
    replies: Replies,
    mut answers: Vec<Answer>,
) {
    const QUERY: &[u8] = b"\x1b[6n";
    let mut buf = [0u8; 8192];
    while let Ok(n) = reader.read(&mut buf) {
        if n == 0 {
            break;
        }
        let (asked, (row, col)) = {
            let mut parser = screen.lock().expect("screen lock");
            parser.process(&buf[..n]);
            let mut raw = raw.lock().expect("raw lock");
            // A query may straddle two reads: look again at the last bytes before these.
            let from = raw.len().saturating_sub(QUERY.len() - 1);
            raw.extend_from_slice(&buf[..n]);
            let asked = raw[from..]
                .windows(QUERY.len())
                .filter(|w| *w == QUERY)
                .count();
            // The given answers, once each, to queries seen in these bytes or the last
            // few before them.
            let recent = &raw[raw.len().saturating_sub(n + 64)..];
            answers.retain(|a| {
                let seen = recent.windows(a.query.len()).any(|w| w == a.query);
                if seen {
                    let mut w = writer.lock().expect("writer lock");
                    let _ = w.write_all(&a.answer).and_then(|()| w.flush());
                }
                !seen
            });
            (asked, parser.screen().cursor_position())
        };
        if replies == Replies::Never || asked == 0 {
            continue;
        }
        let reply = format!("\x1b[{};{}R", row + 1, col + 1).repeat(asked);
        let mut w = writer.lock().expect("writer lock");
        let _ = w.write_all(reply.as_bytes()).and_then(|()| w.flush());
    }
}

/// Waits until `check` holds, or panics after [`PATIENCE`].
pub fn wait_until(what: &str, check: impl Fn() -> bool) {
    let start = Instant::now();
    while !check() {
        assert!(start.elapsed() < PATIENCE, "waited for {what}");
        std::thread::sleep(POLL);
    }
}

fn nonzero(n: u16) -> std::num::NonZeroU16 {
    std::num::NonZeroU16::new(n).unwrap_or(std::num::NonZeroU16::MIN)
}

pub const DOWN: &str = "\x1b[B";
pub const END: &str = "\x1b[F";
