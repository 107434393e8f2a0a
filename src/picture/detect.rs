//! Which graphics protocol the terminal speaks, and its cell size in pixels.
//!
//! The question is ratatui-image's (`cap_parser::Parser::query`: a kitty graphics
//! query, the device attributes whose `4` means sixel, the cell size `ESC [16t`, and a
//! status report every terminal answers, so the answers end with a known one), and so
//! is the parser of the answers. The reading is layar's: ratatui-image's own
//! `Picker::from_query_stdio` reads standard input on a thread that keeps reading
//! after its timeout, where it would take the next key from crossterm, and through
//! std's buffered stdin, where it may take several. Here the answers are read on the
//! viewer's thread, between two of crossterm's reads, from the terminal crossterm
//! reads, with `poll` and a deadline, and no further than the last answer.
//!
//! A terminal that answers does so within milliseconds; one that does not (tmux
//! without `allow-passthrough`, a serial console) costs [`TIMEOUT`], once, and gets
//! half-blocks. Answers that come after the deadline reach crossterm as keys (the
//! kitty answer `ESC _Gi=31;OK ESC \` would read as Alt-_, G, i, =, 3...):
//! [`LateAnswers`] drops them.

use std::io::{self, IsTerminal, Write};
use std::os::fd::{AsFd, OwnedFd};
use std::time::{Duration, Instant};

use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use ratatui_image::picker::cap_parser::{Parser, QueryStdioOptions, Response};
use ratatui_image::picker::{Picker, ProtocolType};

use super::cache::Mode;
use super::geometry::CellSize;
use super::worker::{Graphics, Protocol};
use crate::terminal::background;
use crate::theme::contrast::Rgb;

/// How long the terminal has to answer.
pub(crate) const TIMEOUT: Duration = Duration::from_millis(150);

/// How long after a query that timed out its answers are still looked for.
const LATE_WINDOW: Duration = Duration::from_secs(5);

/// The most bytes read while waiting for the answers: a terminal that floods its
/// input does not keep layar reading.
const MAX_ANSWER_BYTES: usize = 4096;

/// What `--images` asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Choice {
    /// The protocol the terminal's answers point to; half-blocks when none.
    #[default]
    Auto,
    /// This protocol, whatever the terminal says (it is still asked its cell size,
    /// except for half-blocks).
    Use(Protocol),
    /// Text cards.
    Off,
}

impl Choice {
    /// How pictures are shown before the terminal is asked: `pictures` says whether
    /// the page has any picture to show, `color` whether colour is allowed
    /// (half-blocks are nothing without it).
    pub(crate) fn initial(self, color: bool, pictures: bool) -> Mode {
        match self {
            Self::Off => Mode::Off,
            _ if !pictures => Mode::Off,
            Self::Use(Protocol::HalfBlocks) if color => Mode::On(Graphics {
                protocol: Protocol::HalfBlocks,
                cell: CellSize::HALF_BLOCKS,
            }),
            Self::Use(Protocol::HalfBlocks) => Mode::Off,
            Self::Auto | Self::Use(_) => Mode::Undecided,
        }
    }

    /// How pictures are shown after the terminal answered `answers`.
    pub(crate) fn decide(self, color: bool, answers: &Answers) -> Mode {
        let half_blocks = |cell: Option<CellSize>| {
            if color {
                Mode::On(Graphics {
                    protocol: Protocol::HalfBlocks,
                    cell: cell.unwrap_or(CellSize::HALF_BLOCKS),
                })
            } else {
                Mode::Off
            }
        };
        match self {
            Self::Off => Mode::Off,
            Self::Use(Protocol::HalfBlocks) => half_blocks(answers.cell),
            Self::Use(protocol) => Mode::On(Graphics {
                protocol,
                cell: answers.cell.unwrap_or(CellSize::HALF_BLOCKS),
            }),
            // A graphics protocol needs the cell size to place pixels in cells.
            Self::Auto => match (answers.protocol, answers.cell) {
                (Some(Protocol::HalfBlocks) | None, cell) => half_blocks(cell),
                (Some(protocol), Some(cell)) => Mode::On(Graphics { protocol, cell }),
                (Some(_), None) => half_blocks(None),
            },
        }
    }
}

/// What the terminal said.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub(crate) struct Answers {
    /// The protocol its answers (or, for iTerm2, its environment) point to.
    pub protocol: Option<Protocol>,
    /// Its cell size, from its answer or the window size in pixels the kernel has.
    pub cell: Option<CellSize>,
    /// Whether the last answer came before the deadline.
    pub complete: bool,
    /// An answer the deadline cut short: the rest of it comes as keys.
    pub cut: Option<Cut>,
    /// Whether layar runs in tmux (from the environment), whose passthrough wraps
    /// what is sent to the terminal outside.
    pub tmux: bool,
    /// The terminal's background colour, when its answer to the viewer's own question
    /// ([`crate::terminal::background`]) was still waiting and came with these.
    pub background: Option<Rgb>,
}

/// The kind of answer the deadline cut short.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Cut {
    /// A string (the kitty answer), which ends with `ESC \`.
    String,
    /// A control sequence, which ends with a letter.
    Csi,
}

/// Asks the terminal which graphics it speaks: writes the query to `out`, then reads
/// the answers from the terminal until the last one or `timeout`.
pub(crate) fn ask(out: &mut impl Write, timeout: Duration) -> io::Result<Answers> {
    // A picker made first: in tmux this turns on the pane's passthrough, without which
    // the query never reaches the terminal outside; it also says whether this is tmux
    // and what the environment hints at (iTerm2, WezTerm...).
    let hint = env_picker();
    let query = Parser::query(hint.tmux_detected(), options());
    out.write_all(query.as_bytes())?;
    out.flush()?;
    let tty = Tty::open()?;
    let mut answers = read_answers(&tty, timeout);
    answers.tmux = hint.tmux_detected();
    if answers.protocol.is_none() && hint.protocol_type() == ProtocolType::Iterm2 {
        answers.protocol = Some(Protocol::Iterm2);
    }
    if answers.cell.is_none() {
        answers.cell = window_cell();
    }
    Ok(answers)
}

/// The query's options: ratatui-image's, with its exceptions. `WezTerm` and Konsole
/// answer the kitty query but draw its placeholders wrongly, and Konsole's sixel is
/// broken; both speak iTerm2's protocol, which their environment says.
fn options() -> QueryStdioOptions {
    let set = |name: &str| std::env::var_os(name).is_some_and(|v| !v.is_empty());
    let mut options = QueryStdioOptions {
        timeout: TIMEOUT,
        ..QueryStdioOptions::default()
    };
    if set("WEZTERM_EXECUTABLE") || set("KONSOLE_VERSION") {
        options.blacklist_protocols = vec![ProtocolType::Kitty, ProtocolType::Sixel];
    }
    options
}

/// A picker made from the environment alone.
///
/// `Picker::from_fontsize` is deprecated for the picker's own query (see the module
/// documentation for why layar asks itself); it is the constructor that reads the
/// environment's hints without querying.
#[allow(deprecated)]
fn env_picker() -> Picker {
    let cell = CellSize::HALF_BLOCKS;
    Picker::from_fontsize((cell.width, cell.height).into())
}

/// The terminal crossterm reads keys from: standard input when it is a terminal,
/// `/dev/tty` otherwise.
enum Tty {
    Stdin(io::Stdin),
    Device(OwnedFd),
}

impl Tty {
    fn open() -> io::Result<Self> {
        let stdin = io::stdin();
        if stdin.is_terminal() {
            return Ok(Self::Stdin(stdin));
        }
        let fd = rustix::fs::open(
            "/dev/tty",
            rustix::fs::OFlags::RDWR | rustix::fs::OFlags::NOCTTY | rustix::fs::OFlags::CLOEXEC,
            rustix::fs::Mode::empty(),
        )?;
        Ok(Self::Device(fd))
    }

    fn fd(&self) -> std::os::fd::BorrowedFd<'_> {
        match self {
            Self::Stdin(stdin) => stdin.as_fd(),
            Self::Device(fd) => fd.as_fd(),
        }
    }
}

/// Reads and parses answers until the status report, `timeout`, or
/// [`MAX_ANSWER_BYTES`]. One byte at a time, so that nothing after the last answer is
/// taken from crossterm.
fn read_answers(tty: &Tty, timeout: Duration) -> Answers {
    let deadline = Instant::now() + timeout;
    let mut reader = AnswerReader::default();
    let fd = tty.fd();
    for _ in 0..MAX_ANSWER_BYTES {
        let left = deadline.saturating_duration_since(Instant::now());
        if left.is_zero() {
            break;
        }
        let Ok(timespec) = rustix::event::Timespec::try_from(left) else {
            break;
        };
        let mut fds = [rustix::event::PollFd::new(
            &fd,
            rustix::event::PollFlags::IN,
        )];
        match rustix::event::poll(&mut fds, Some(&timespec)) {
            Ok(0) => break,
            Ok(_) => {}
            Err(rustix::io::Errno::INTR) => continue,
            Err(_) => break,
        }
        let mut byte = [0u8; 1];
        match rustix::io::read(fd, &mut byte) {
            Ok(1) => {
                if reader.push(byte[0]) {
                    break;
                }
            }
            Err(rustix::io::Errno::INTR | rustix::io::Errno::AGAIN) => {}
            _ => break,
        }
    }
    reader.answers()
}

/// The answers as they are read.
#[derive(Default)]
struct AnswerReader {
    parser: Parser,
    responses: Vec<Response>,
    /// Where in an escape sequence the last byte left the reading.
    state: Sequence,
    /// The text of an OSC answer (`ESC ]`) being read, up to [`MAX_OSC`] bytes.
    osc: Option<String>,
    /// The background colour an OSC answer gave.
    background: Option<Rgb>,
    /// Whether the last answer (the status report) has come.
    done: bool,
}

/// Where the reading stands in the escape sequences of the answers.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
enum Sequence {
    #[default]
    Ground,
    Escape,
    /// A control sequence (`ESC [`), which ends with a byte from `@` to `~`.
    Csi,
    /// A string (`ESC _`, `ESC P`, `ESC ]`), which ends with `ESC \` (or BEL).
    String,
    StringEscape,
}

impl Sequence {
    fn next(self, byte: u8) -> Self {
        match (self, byte) {
            (Self::String, 0x1b) => Self::StringEscape,
            (Self::String, 0x07) | (Self::StringEscape, b'\\') => Self::Ground,
            (Self::String | Self::StringEscape, _) | (Self::Escape, b'_' | b'P' | b']') => {
                Self::String
            }
            (_, 0x1b) => Self::Escape,
            (Self::Escape, b'[') => Self::Csi,
            (Self::Csi, 0x40..=0x7e) | (Self::Escape | Self::Ground, _) => Self::Ground,
            (Self::Csi, _) => Self::Csi,
        }
    }
}

/// The most bytes of an OSC answer kept: the background's has fewer than 30.
const MAX_OSC: usize = 64;

impl AnswerReader {
    /// Takes one byte; whether the last answer has come.
    fn push(&mut self, byte: u8) -> bool {
        let before = self.state;
        self.state = self.state.next(byte);
        match (before, self.state) {
            (Sequence::Escape, Sequence::String) => {
                self.osc = (byte == b']').then(String::new);
            }
            (Sequence::String, Sequence::String) => {
                if let Some(osc) = self.osc.as_mut().filter(|o| o.len() < MAX_OSC) {
                    osc.push(char::from(byte));
                }
            }
            (_, Sequence::Ground) => {
                if let Some(color) = self.osc.take().and_then(|o| background::parse(&o)) {
                    self.background = Some(color);
                }
            }
            _ => {}
        }
        for response in self.parser.push(char::from(byte)) {
            if response == Response::Status {
                self.done = true;
            } else {
                self.responses.push(response);
            }
        }
        self.done
    }

    fn answers(self) -> Answers {
        let mut answers = Answers {
            complete: self.done,
            cut: match self.state {
                Sequence::Ground => None,
                Sequence::String | Sequence::StringEscape => Some(Cut::String),
                Sequence::Escape | Sequence::Csi => Some(Cut::Csi),
            },
            background: self.background,
            ..Answers::default()
        };
        for response in &self.responses {
            match response {
                Response::Kitty => answers.protocol = Some(Protocol::Kitty),
                Response::Sixel if answers.protocol.is_none() => {
                    answers.protocol = Some(Protocol::Sixel);
                }
                Response::CellSize(Some((width, height))) => {
                    answers.cell = Some(CellSize {
                        width: *width,
                        height: *height,
                    });
                }
                _ => {}
            }
        }
        answers
    }
}

/// The cell size from the window's size in pixels, where the terminal tells the
/// kernel (`TIOCGWINSZ`).
fn window_cell() -> Option<CellSize> {
    let size = rustix::termios::tcgetwinsize(io::stdout()).ok()?;
    if size.ws_col == 0 || size.ws_row == 0 {
        return None;
    }
    let width = size.ws_xpixel / size.ws_col;
    let height = size.ws_ypixel / size.ws_row;
    (width > 0 && height > 0).then_some(CellSize { width, height })
}

/// Drops the keys that answers arriving after the deadline turn into.
#[derive(Debug, Default)]
pub(crate) struct LateAnswers {
    /// Until when answers may still come.
    until: Option<Instant>,
    state: Late,
}

#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
enum Late {
    #[default]
    Between,
    /// Inside the kitty answer: everything up to Alt-\ is part of it.
    InString { left: u16 },
    /// Inside a CSI answer cut by the deadline: its digits and `;` up to a letter.
    InCsi { left: u16 },
}

/// The most keys one late answer can come as.
const MAX_ANSWER_KEYS: u16 = 128;

impl LateAnswers {
    /// Looks for late answers after a query that ended with `answers`.
    pub(crate) fn after(&mut self, answers: &Answers) {
        if answers.complete {
            return;
        }
        self.until = Some(Instant::now() + LATE_WINDOW);
        let left = MAX_ANSWER_KEYS;
        self.state = match answers.cut {
            None => Late::Between,
            Some(Cut::String) => Late::InString { left },
            Some(Cut::Csi) => Late::InCsi { left },
        };
    }

    /// Whether `event` is part of a late answer, to be dropped.
    pub(crate) fn swallows(&mut self, event: &Event) -> bool {
        let Some(until) = self.until else {
            return false;
        };
        let Event::Key(KeyEvent {
            code: KeyCode::Char(c),
            modifiers,
            ..
        }) = *event
        else {
            self.state = Late::Between;
            return false;
        };
        let alt = modifiers.contains(KeyModifiers::ALT);
        match self.state {
            Late::Between => {
                if Instant::now() > until {
                    self.until = None;
                    return false;
                }
                if alt && c == '_' {
                    self.state = Late::InString {
                        left: MAX_ANSWER_KEYS,
                    };
                    return true;
                }
                false
            }
            Late::InString { left } => {
                self.state = if (alt && c == '\\') || left == 0 {
                    Late::Between
                } else {
                    Late::InString { left: left - 1 }
                };
                true
            }
            Late::InCsi { left } => {
                let ends = ('@'..='~').contains(&c) && !c.is_ascii_digit();
                if alt && c == '_' {
                    self.state = Late::InString {
                        left: MAX_ANSWER_KEYS,
                    };
                } else if ends || left == 0 {
                    self.state = Late::Between;
                } else if c.is_ascii_digit() || c == ';' || c == '?' {
                    self.state = Late::InCsi { left: left - 1 };
                } else {
                    self.state = Late::Between;
                    return false;
                }
                true
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(bytes: &[u8]) -> Answers {
        let mut reader = AnswerReader::default();
        for &b in bytes {
            if reader.push(b) {
                break;
            }
        }
        reader.answers()
    }

    #[test]
    fn kitty_answers_and_the_cell_size_are_read() {
        let answers = read(b"\x1b_Gi=31;OK\x1b\\\x1b[?62;4c\x1b[6;16;8t\x1b[0n");
        assert_eq!(
            answers.protocol,
            Some(Protocol::Kitty),
            "kitty before sixel"
        );
        assert_eq!(
            answers.cell,
            Some(CellSize {
                width: 8,
                height: 16
            })
        );
        assert!(answers.complete);
        assert_eq!(answers.cut, None);
    }

    #[test]
    fn sixel_comes_from_the_device_attributes() {
        let answers = read(b"\x1b[?62;4;22c\x1b[0n");
        assert_eq!(answers.protocol, Some(Protocol::Sixel));
        assert_eq!(answers.cell, None);
        assert!(answers.complete);
    }

    #[test]
    fn a_terminal_with_neither_gives_no_protocol() {
        let answers = read(b"\x1b[?1;2c\x1b[0n");
        assert_eq!(answers.protocol, None);
        assert!(answers.complete);
    }

    #[test]
    fn a_background_answer_waiting_before_them_is_read_too() {
        let answers = read(b"\x1b]11;rgb:ffff/ffff/ffff\x1b\\\x1b[?62;4c\x1b[0n");
        assert_eq!(answers.background, Some(Rgb::WHITE));
        assert_eq!(answers.protocol, Some(Protocol::Sixel));
        assert!(answers.complete);
        let bel = read(b"\x1b]11;rgb:00/00/00\x07\x1b[0n");
        assert_eq!(bel.background, Some(Rgb::BLACK));
        assert_eq!(read(b"\x1b_Gi=31;OK\x1b\\\x1b[0n").background, None);
    }

    #[test]
    fn reading_stops_at_the_status_report() {
        let mut reader = AnswerReader::default();
        let bytes = b"\x1b[?62;4c\x1b[0njjj";
        let taken = bytes.iter().take_while(|&&b| !reader.push(b)).count();
        assert_eq!(taken + 1, bytes.len() - 3, "the keys after are left");
    }

    #[test]
    fn an_answer_cut_by_the_deadline_is_noted() {
        assert_eq!(read(b"\x1b_Gi=31;O").cut, Some(Cut::String));
        assert_eq!(read(b"\x1b[?62;").cut, Some(Cut::Csi));
        assert_eq!(read(b"\x1b[?62;4c").cut, None);
        assert!(!read(b"\x1b[?62;4c").complete);
    }

    fn key(c: char, modifiers: KeyModifiers) -> Event {
        Event::Key(KeyEvent::new(KeyCode::Char(c), modifiers))
    }

    fn plain(c: char) -> Event {
        key(c, KeyModifiers::NONE)
    }

    #[test]
    fn a_late_kitty_answer_is_dropped_and_keys_after_it_are_not() {
        let mut late = LateAnswers::default();
        late.after(&read(b""));
        assert!(!late.swallows(&plain('j')), "a key before the answer");
        assert!(late.swallows(&key('_', KeyModifiers::ALT)));
        for c in "Gi=31;OK".chars() {
            assert!(late.swallows(&plain(c)), "{c}");
        }
        assert!(late.swallows(&key('\\', KeyModifiers::ALT)));
        assert!(!late.swallows(&plain('G')), "a real G after it");
    }

    #[test]
    fn the_rest_of_a_cut_answer_is_dropped() {
        let mut late = LateAnswers::default();
        late.after(&read(b"\x1b[?62;"));
        assert!(late.swallows(&plain('4')));
        assert!(late.swallows(&plain('c')));
        assert!(!late.swallows(&plain('3')), "a real 3 after it");
        let mut late = LateAnswers::default();
        late.after(&read(b"\x1b_Gi=3"));
        assert!(late.swallows(&plain('1')));
        assert!(late.swallows(&key('\\', KeyModifiers::ALT)));
        assert!(!late.swallows(&plain('q')));
    }

    const CELL: CellSize = CellSize {
        width: 8,
        height: 16,
    };

    #[test]
    fn the_choice_and_the_answers_decide_the_pictures() {
        let kitty = Answers {
            protocol: Some(Protocol::Kitty),
            cell: Some(CELL),
            complete: true,
            ..Answers::default()
        };
        let silent = Answers::default();
        let on = |protocol, cell| Mode::On(Graphics { protocol, cell });
        assert_eq!(Choice::Auto.decide(true, &kitty), on(Protocol::Kitty, CELL));
        assert_eq!(
            Choice::Auto.decide(true, &silent),
            on(Protocol::HalfBlocks, CellSize::HALF_BLOCKS)
        );
        assert_eq!(Choice::Auto.decide(false, &silent), Mode::Off, "no colour");
        assert_eq!(
            Choice::Auto.decide(false, &kitty),
            on(Protocol::Kitty, CELL),
            "a graphics protocol draws without colour"
        );
        let no_cell = Answers {
            cell: None,
            ..kitty
        };
        assert_eq!(
            Choice::Auto.decide(true, &no_cell),
            on(Protocol::HalfBlocks, CellSize::HALF_BLOCKS),
            "no cell size, no pixels to place"
        );
        assert_eq!(
            Choice::Use(Protocol::Sixel).decide(true, &silent),
            on(Protocol::Sixel, CellSize::HALF_BLOCKS)
        );
        assert_eq!(Choice::Off.decide(true, &kitty), Mode::Off);
    }

    #[test]
    fn only_a_page_with_pictures_asks() {
        assert_eq!(Choice::Auto.initial(true, true), Mode::Undecided);
        assert_eq!(Choice::Auto.initial(true, false), Mode::Off);
        assert_eq!(Choice::Off.initial(true, true), Mode::Off);
        assert_eq!(
            Choice::Use(Protocol::HalfBlocks).initial(true, true),
            Mode::On(Graphics {
                protocol: Protocol::HalfBlocks,
                cell: CellSize::HALF_BLOCKS
            }),
            "half-blocks need no answer"
        );
        assert_eq!(
            Choice::Use(Protocol::HalfBlocks).initial(false, true),
            Mode::Off
        );
        assert_eq!(
            Choice::Use(Protocol::Kitty).initial(false, true),
            Mode::Undecided
        );
    }

    #[test]
    fn nothing_is_dropped_after_a_complete_answer() {
        let mut late = LateAnswers::default();
        late.after(&read(b"\x1b[?62;4c\x1b[0n"));
        assert!(!late.swallows(&key('_', KeyModifiers::ALT)));
        assert!(!late.swallows(&plain('3')));
    }
}
