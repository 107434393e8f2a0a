//! A terminal that answers, with a job-control shell in it.

use std::io::{Read, Write};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use portable_pty::{Child, CommandBuilder, MasterPty, PtySize, native_pty_system};

use super::PATIENCE;

/// A program in a pseudo-terminal that, unlike [`crate::pty::Session`], answers
/// cursor-position queries (`ESC [ 6 n`) as a real terminal does. Runs `bash` for what
/// needs a job-control shell (Ctrl-Z and `fg`) or a redirection around layar.
pub(super) struct Tty {
    screen: Arc<Mutex<vt100::Parser>>,
    raw: Arc<Mutex<Vec<u8>>>,
    writer: Arc<Mutex<Box<dyn Write + Send>>>,
    child: Box<dyn Child + Send + Sync>,
    _master: Box<dyn MasterPty + Send>,
}

impl Tty {
    pub(super) fn start(program: &str, args: &[&str]) -> Self {
        let pair = native_pty_system()
            .openpty(PtySize {
                rows: 24,
                cols: 80,
                pixel_width: 0,
                pixel_height: 0,
            })
            .expect("open a pty");
        let mut cmd = CommandBuilder::new(program);
        cmd.args(args);
        cmd.env("TERM", "xterm-256color");
        cmd.env("PS1", "$ ");
        cmd.env("LAYAR", env!("CARGO_BIN_EXE_layar"));
        cmd.env_remove("NO_COLOR");
        cmd.cwd(env!("CARGO_MANIFEST_DIR"));
        let child = pair.slave.spawn_command(cmd).expect("spawn");
        drop(pair.slave);
        let mut reader = pair.master.try_clone_reader().expect("pty reader");
        let writer = Arc::new(Mutex::new(pair.master.take_writer().expect("pty writer")));
        let rows = std::num::NonZeroU16::new(24).expect("24");
        let cols = std::num::NonZeroU16::new(80).expect("80");
        let screen = Arc::new(Mutex::new(vt100::Parser::new(rows, cols, 0)));
        let raw = Arc::new(Mutex::new(Vec::new()));
        let (s, r, w) = (Arc::clone(&screen), Arc::clone(&raw), Arc::clone(&writer));
        std::thread::spawn(move || {
            let mut buf = [0u8; 8192];
            let mut answered = 0;
            while let Ok(n) = reader.read(&mut buf) {
                if n == 0 {
                    break;
                }
                let mut parser = s.lock().expect("screen lock");
                parser.process(&buf[..n]);
                let mut raw = r.lock().expect("raw lock");
                raw.extend_from_slice(&buf[..n]);
                let asked = raw.windows(4).filter(|w| w == b"\x1b[6n").count();
                while answered < asked {
                    let (row, col) = parser.screen().cursor_position();
                    let reply = format!("\x1b[{};{}R", row + 1, col + 1);
                    let mut w = w.lock().expect("writer lock");
                    let _ = w.write_all(reply.as_bytes()).and_then(|()| w.flush());
                    answered += 1;
                }
            }
        });
        Self {
            screen,
            raw,
            writer,
            child,
            _master: pair.master,
        }
    }

    /// An interactive `bash` with job control, at its prompt.
    pub(super) fn shell() -> Self {
        let tty = Self::start("bash", &["--norc", "--noprofile", "-i"]);
        tty.wait_for("the prompt", |sc| sc.contents().contains('$'));
        tty
    }

    /// The program's process id.
    pub(super) fn pid(&self) -> u32 {
        self.child.process_id().expect("the program's pid")
    }

    pub(super) fn send(&mut self, bytes: &str) {
        let mut w = self.writer.lock().expect("writer lock");
        w.write_all(bytes.as_bytes()).expect("write to pty");
        w.flush().expect("flush pty");
    }

    pub(super) fn raw_len(&self) -> usize {
        self.raw.lock().expect("raw lock").len()
    }

    /// The output since byte `from`.
    pub(super) fn raw_since(&self, from: usize) -> String {
        String::from_utf8_lossy(&self.raw.lock().expect("raw lock")[from..]).into_owned()
    }

    pub(super) fn wait_for(&self, what: &str, check: impl Fn(&vt100::Screen) -> bool) {
        crate::pty::wait_on(&self.screen, what, check);
    }

    /// Waits for the program to end; its exit code.
    pub(super) fn wait_exit(&mut self) -> u32 {
        let start = Instant::now();
        loop {
            if let Some(status) = self.child.try_wait().expect("child status") {
                return status.exit_code();
            }
            assert!(start.elapsed() < PATIENCE, "the program did not exit");
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    pub(super) fn exit_shell(mut self) {
        self.send("exit\r");
        self.wait_exit();
    }
}

impl Drop for Tty {
    fn drop(&mut self) {
        let _ = self.child.kill();
    }
}

/// The pid of the `layar` whose parent is `parent`, and its state letter from
/// `/proc/PID/stat` (`T` when stopped).
pub(super) fn layar_child(parent: u32) -> Option<(u32, char)> {
    for entry in std::fs::read_dir("/proc").ok()?.flatten() {
        let Ok(pid) = entry.file_name().to_string_lossy().parse::<u32>() else {
            continue;
        };
        let Ok(stat) = std::fs::read_to_string(entry.path().join("stat")) else {
            continue;
        };
        let (Some(open), Some(close)) = (stat.find('('), stat.rfind(')')) else {
            continue;
        };
        let comm = &stat[open + 1..close];
        let mut fields = stat[close + 1..].split_whitespace();
        let state = fields.next().and_then(|s| s.chars().next());
        let parent_pid = fields.next().and_then(|p| p.parse::<u32>().ok());
        if comm == "layar" && parent_pid == Some(parent) {
            return Some((pid, state?));
        }
    }
    None
}

pub(super) fn wait_for_state(parent: u32, want: char) -> u32 {
    let start = Instant::now();
    loop {
        if let Some((pid, state)) = layar_child(parent)
            && state == want
        {
            return pid;
        }
        assert!(
            start.elapsed() < PATIENCE,
            "layar never reached state {want}: {:?}",
            layar_child(parent)
        );
        std::thread::sleep(Duration::from_millis(20));
    }
}
