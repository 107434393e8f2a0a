//! Asking the terminal for its background colour (OSC 11), for `--theme auto`.
//!
//! The question leaves with the terminal's set-up, in the first frame's write, and
//! nothing waits for the answer: the first screen is drawn in the dark palette, and
//! the answer, when it comes, is read with the keys and the screen drawn again.
//!
//! It is read with the keys because crossterm reads the terminal, and would take it
//! first anyway: it has no parser for OSC answers, and hands one out as keys. The
//! answer `ESC ]11;rgb:ffff/ffff/ffff ESC \` comes as Alt-], `1`, `1`, `;`, `r`, …
//! and Alt-\ (with BEL rather than `ESC \` at its end, as Ctrl-G; with the `ESC \`
//! split by a read, as Esc and `\`). [`Listener`] puts it together again and drops
//! those keys, so that none of them acts; a key that cannot be part of an answer
//! ends the listening for that answer, and is passed on. Reading the answer from the
//! terminal beside crossterm, as the graphics query does
//! ([`crate::picture::detect`]), would mean waiting for it before the next key, and
//! taking keys typed meanwhile; the graphics query still picks it up when it is
//! waiting there ([`parse`] is shared).
//!
//! A terminal that never answers (tmux when it knows no background colour) leaves
//! the dark palette. A late answer (over a slow link) is still taken, and still kept
//! from acting as keys, for [`WINDOW`].

use std::time::{Duration, Instant};

use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};

use crate::theme::contrast::Rgb;

/// The question: xterm's dynamic colour 11, the background, with `?` for its value,
/// ended by ST.
pub(crate) const QUERY: &str = "\x1b]11;?\x1b\\";

/// How long after the question an answer is looked for in the keys.
pub(crate) const WINDOW: Duration = Duration::from_secs(5);

/// The most characters of an answer: `11;rgba:ffff/ffff/ffff/ffff` has 27.
const MAX_ANSWER: usize = 40;

/// The colour in an answer's text, between `ESC ]` and its end:
/// `11;rgb:RRRR/GGGG/BBBB`, each channel of 1 to 4 hex digits (scaled to 8 bits as
/// X11 does: `f` is 255, `8` is 136, `80` is 128, `8000` is 128); `rgba:`, as
/// rxvt-unicode answers, has a fourth, the opacity, which does not change the colour
/// of the text's background.
pub(crate) fn parse(answer: &str) -> Option<Rgb> {
    let spec = answer.strip_prefix("11;")?;
    let (channels, count) = if let Some(rgb) = spec.strip_prefix("rgb:") {
        (rgb, 3)
    } else {
        (spec.strip_prefix("rgba:")?, 4)
    };
    let parts: Vec<&str> = channels.split('/').collect();
    if parts.len() != count {
        return None;
    }
    let channel = |hex: &str| -> Option<u8> {
        if !(1..=4).contains(&hex.len()) || !hex.bytes().all(|b| b.is_ascii_hexdigit()) {
            return None;
        }
        let value = u32::from_str_radix(hex, 16).ok()?;
        let max = (1u32 << (4 * hex.len())) - 1;
        u8::try_from((value * 255 + max / 2) / max).ok()
    };
    Some(Rgb::new(
        channel(parts[0])?,
        channel(parts[1])?,
        channel(parts[2])?,
    ))
}

/// What a key was to the [`Listener`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Heard {
    /// A key of the reader's: to be acted on.
    Key,
    /// Part of an answer: dropped.
    Part,
    /// The end of an answer, dropped, and the colour it gave (`None` for an answer
    /// that names none).
    Answer(Option<Rgb>),
}

/// Takes the answer to [`QUERY`] out of the keys, for [`WINDOW`] after it was asked.
#[derive(Debug)]
pub(crate) struct Listener {
    until: Instant,
    state: State,
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum State {
    /// Before an answer.
    Waiting,
    /// Inside one (after Alt-]): its text so far.
    Inside(String),
    /// After an Esc inside one: the `\` that ends it may follow.
    Ending(String),
}

impl Listener {
    /// Listens from now on.
    pub(crate) fn new() -> Self {
        Self::until(Instant::now() + WINDOW)
    }

    fn until(until: Instant) -> Self {
        Self {
            until,
            state: State::Waiting,
        }
    }

    /// Whether no answer can come any more: the window has passed, between answers.
    pub(crate) fn expired(&self) -> bool {
        self.state == State::Waiting && Instant::now() > self.until
    }

    /// What `event` is: a key, or part or the end of an answer.
    pub(crate) fn hear(&mut self, event: &Event) -> Heard {
        let key = match *event {
            Event::Key(KeyEvent {
                code, modifiers, ..
            }) => Some((code, modifiers)),
            _ => None,
        };
        let state = std::mem::replace(&mut self.state, State::Waiting);
        match (state, key) {
            (State::Waiting, Some((KeyCode::Char(']'), KeyModifiers::ALT)))
                if Instant::now() <= self.until =>
            {
                self.state = State::Inside(String::new());
                Heard::Part
            }
            (State::Inside(text), Some((code, modifiers))) => match (code, modifiers) {
                // ST (`ESC \` read together) or BEL.
                (KeyCode::Char('\\'), KeyModifiers::ALT)
                | (KeyCode::Char('g'), KeyModifiers::CONTROL) => Heard::Answer(parse(&text)),
                (KeyCode::Esc, _) => {
                    self.state = State::Ending(text);
                    Heard::Part
                }
                (KeyCode::Char(c), KeyModifiers::NONE | KeyModifiers::SHIFT)
                    if in_answer(c) && text.len() < MAX_ANSWER =>
                {
                    let mut text = text;
                    text.push(c);
                    self.state = State::Inside(text);
                    Heard::Part
                }
                // Not an answer after all: the Alt-] was the reader's, and so is this.
                _ => Heard::Key,
            },
            (State::Ending(text), Some((KeyCode::Char('\\'), KeyModifiers::NONE))) => {
                Heard::Answer(parse(&text))
            }
            // The reader's key: not an answer nor inside one (a paste, a resize, the
            // mouse), or after an answer ended by an Esc alone.
            _ => Heard::Key,
        }
    }
}

/// Whether `c` can be in an answer's text.
fn in_answer(c: char) -> bool {
    c.is_ascii_hexdigit() || matches!(c, ';' | ':' | '/' | 'r' | 'g' | 'a')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn answers_of_one_to_four_digits_a_channel() {
        assert_eq!(parse("11;rgb:ffff/ffff/ffff"), Some(Rgb::WHITE));
        assert_eq!(parse("11;rgb:0000/0000/0000"), Some(Rgb::BLACK));
        assert_eq!(
            parse("11;rgb:1e1e/1e1e/1e1e"),
            Some(Rgb::new(0x1e, 0x1e, 0x1e))
        );
        assert_eq!(parse("11;rgb:fd/f6/e3"), Some(Rgb::new(0xfd, 0xf6, 0xe3)));
        assert_eq!(parse("11;rgb:f/8/0"), Some(Rgb::new(255, 136, 0)));
        assert_eq!(parse("11;rgb:fff/800/000"), Some(Rgb::new(255, 128, 0)));
        assert_eq!(parse("11;rgb:FFFF/8000/0000"), Some(Rgb::new(255, 128, 0)));
        assert_eq!(
            parse("11;rgba:ffff/ffff/ffff/c000"),
            Some(Rgb::WHITE),
            "rxvt-unicode's, with its opacity"
        );
    }

    #[test]
    fn what_is_not_a_colour_gives_none() {
        for answer in [
            "",
            "11;?",
            "10;rgb:ffff/ffff/ffff",
            "11;rgb:ffff/ffff",
            "11;rgb:ffff/ffff/ffff/ffff",
            "11;rgb:fffff/0/0",
            "11;rgb://",
            "11;rgb:gg/00/00",
            "11;rgb:+f/0/0",
            "11;#ffffff",
            "11;rgba:ffff/ffff/ffff",
        ] {
            assert_eq!(parse(answer), None, "{answer:?}");
        }
    }

    fn key(code: KeyCode, modifiers: KeyModifiers) -> Event {
        Event::Key(KeyEvent::new(code, modifiers))
    }

    /// The keys crossterm makes of `bytes`, as its parser reads one burst: ESC and
    /// the next byte are Alt and that key, an ESC at the end is Esc, BEL is Ctrl-G.
    fn keys(bytes: &str) -> Vec<Event> {
        let mut out = Vec::new();
        let mut chars = bytes.chars().peekable();
        while let Some(c) = chars.next() {
            out.push(match c {
                '\x1b' => match chars.next() {
                    Some(next) => key(KeyCode::Char(next), KeyModifiers::ALT),
                    None => key(KeyCode::Esc, KeyModifiers::NONE),
                },
                '\x07' => key(KeyCode::Char('g'), KeyModifiers::CONTROL),
                c if c.is_ascii_uppercase() => key(KeyCode::Char(c), KeyModifiers::SHIFT),
                c => key(KeyCode::Char(c), KeyModifiers::NONE),
            });
        }
        out
    }

    fn hear_all(listener: &mut Listener, bytes: &str) -> Vec<Heard> {
        keys(bytes).iter().map(|e| listener.hear(e)).collect()
    }

    #[test]
    fn an_answer_in_keys_is_put_together_and_dropped() {
        let mut listener = Listener::new();
        let heard = hear_all(&mut listener, "\x1b]11;rgb:ffff/ffff/ffff\x1b\\");
        let (last, parts) = heard.split_last().expect("keys");
        assert!(parts.iter().all(|h| *h == Heard::Part), "{heard:?}");
        assert_eq!(*last, Heard::Answer(Some(Rgb::WHITE)));
        assert_eq!(hear_all(&mut listener, "j"), [Heard::Key], "a key after it");
    }

    #[test]
    fn an_answer_ended_by_bel_or_a_split_st() {
        let mut listener = Listener::new();
        let heard = hear_all(&mut listener, "\x1b]11;rgb:FF/FF/FF\x07");
        assert_eq!(heard.last(), Some(&Heard::Answer(Some(Rgb::WHITE))));
        let mut listener = Listener::new();
        let mut heard = hear_all(&mut listener, "\x1b]11;rgb:00/00/00\x1b");
        assert_eq!(heard.pop(), Some(Heard::Part), "the Esc, read alone");
        heard = hear_all(&mut listener, "\\");
        assert_eq!(heard, [Heard::Answer(Some(Rgb::BLACK))]);
    }

    #[test]
    fn the_readers_keys_pass() {
        let mut listener = Listener::new();
        assert_eq!(hear_all(&mut listener, "jq]\x1b["), [Heard::Key; 4]);
        // Alt-] then a key no answer has: that key is the reader's.
        assert_eq!(hear_all(&mut listener, "\x1b]"), [Heard::Part]);
        assert_eq!(hear_all(&mut listener, "j"), [Heard::Key]);
        assert_eq!(
            listener.hear(&key(KeyCode::Down, KeyModifiers::NONE)),
            Heard::Key
        );
        // A resize inside one ends it.
        assert_eq!(hear_all(&mut listener, "\x1b]11"), [Heard::Part; 3]);
        assert_eq!(listener.hear(&Event::Resize(80, 24)), Heard::Key);
        assert_eq!(hear_all(&mut listener, "1"), [Heard::Key]);
    }

    #[test]
    fn an_endless_answer_is_cut() {
        let mut listener = Listener::new();
        let flood = format!("\x1b]{}", "1".repeat(100));
        let heard = hear_all(&mut listener, &flood);
        let parts = heard.iter().take_while(|h| **h == Heard::Part).count();
        assert_eq!(parts, 1 + MAX_ANSWER);
        assert!(heard[parts..].iter().all(|h| *h == Heard::Key));
    }

    #[test]
    fn an_answer_without_a_colour_is_dropped_all_the_same() {
        let mut listener = Listener::new();
        let heard = hear_all(&mut listener, "\x1b]11;rgb:zz\x1b\\");
        // `z` is no answer's: the keys from it on are the reader's.
        assert_eq!(heard[..8], [Heard::Part; 8]);
        assert_eq!(heard[8], Heard::Key);
        let mut listener = Listener::new();
        let heard = hear_all(&mut listener, "\x1b]11;rgb:f/f\x1b\\");
        assert_eq!(heard.last(), Some(&Heard::Answer(None)));
    }

    #[test]
    fn after_the_window_alt_bracket_is_a_key() {
        let past = Instant::now()
            .checked_sub(Duration::from_millis(1))
            .expect("a moment ago");
        let mut listener = Listener::until(past);
        assert!(listener.expired());
        assert_eq!(hear_all(&mut listener, "\x1b]1"), [Heard::Key; 2]);
        let listener = Listener::new();
        assert!(!listener.expired());
    }
}
