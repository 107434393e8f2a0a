//! A linear pass over the text before `serde_yaml` sees it: characters YAML forbids, and how
//! deep collections nest.
//!
//! libyaml, under `serde_yaml`, slows down quadratically with nested flow collections:
//! 100,000 nested `{a: ` take it 52 seconds. Deep block nesting is cheap for it but gains a
//! page nothing, and `serde_yaml` stops at 128 levels with a message that points nowhere
//! useful. So this pass follows libyaml's tokenizer closely enough to know where a `[` or
//! `{` opens a collection, and where indentation opens a block, and refuses the page at
//! the first one past [`MAX_DEPTH`]. It also finds the control characters libyaml refuses
//! to read, because libyaml reports those without a line or column.
//!
//! The scanner mirrors libyaml's token rules, not YAML's whole grammar: quoted scalars
//! (with `''` and `\"` escapes), plain scalars (a `[` inside `caption: see [1]` is text,
//! and a plain scalar runs on over more-indented lines), block scalars (`|` and `>`:
//! their lines are text, whatever they hold), comments, tags, anchors and aliases. Where
//! it cannot match libyaml exactly, on input libyaml rejects anyway, it errs towards
//! counting a bracket, never towards missing one. It is O(n): every step moves forward.

use super::error::Nesting;
use crate::text::bytes::{first_newline, first_where};

/// How deep `[`/`{` collections, and separately indented blocks, may nest.
pub(super) const MAX_DEPTH: usize = 64;

/// Why the pre-scan refused a page.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Refusal {
    /// Collections nested past [`MAX_DEPTH`]; the place is the one that went too deep.
    TooDeep(Nesting),
    /// A character YAML does not allow anywhere in a file.
    Forbidden(char),
}

/// What the pre-scan refused, and where.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Refused {
    pub what: Refusal,
    /// Byte offset of the place.
    pub index: usize,
}

/// Checks `text` for forbidden characters and for collections nested past [`MAX_DEPTH`].
pub(super) fn check(text: &str) -> Result<(), Refused> {
    let survey = survey(text);
    if let Some((index, c)) = survey.forbidden {
        return Err(Refused {
            what: Refusal::Forbidden(c),
            index,
        });
    }
    Scanner::new(text, survey.newlines_only)
        .run()
        .map_err(|(nesting, index)| Refused {
            what: Refusal::TooDeep(nesting),
            index,
        })
}

/// Whether `text` holds more `[` and `{` than [`MAX_DEPTH`]: otherwise no collection can
/// nest past the limit, since a flow collection only opens at one of them.
///
/// The loader runs the whole [`check`] first only when this holds. Otherwise it parses
/// straight away and runs the check only if the parse fails: what the check refuses,
/// libyaml and the page's fixed shape refuse too (a forbidden character stops libyaml's
/// reader; blocks nested past the limit cannot fit the page's few levels of fields), and
/// the check then names the place better than libyaml would. A page that loads pays for
/// one count of two bytes, not for the scan.
pub(super) fn may_nest_too_deep(text: &str) -> bool {
    let mut brackets = 0;
    for chunk in text.as_bytes().chunks(4096) {
        brackets += chunk.iter().filter(|&&b| b == b'[' || b == b'{').count();
        if brackets > MAX_DEPTH {
            return true;
        }
    }
    false
}

/// Escapes in double-quoted scalars (`"\e[31m"`, `"\x9b"`, `"\u202e"`) that stand for
/// characters sanitising removes, with the byte offset of each backslash. The file
/// holds them as plain text, so only a scan that knows where double-quoted scalars
/// are can find them; `--check` reports each.
pub(crate) fn escaped_removals(text: &str) -> Vec<(usize, char)> {
    let mut scanner = Scanner::new(text, survey(text).newlines_only);
    scanner.escapes = Some(Vec::new());
    // Only pages that loaded are checked, so the depth is within bounds; either way
    // what was found up to the end (or the refusal) is what there is.
    let _ = scanner.scan();
    scanner.escapes.unwrap_or_default()
}

/// The character a double-quoted escape stands for; `rest` starts after the backslash.
fn decode_escape(rest: &str) -> Option<char> {
    let hex = |n: usize| {
        rest.get(1..=n)
            .and_then(|h| u32::from_str_radix(h, 16).ok())
            .and_then(char::from_u32)
    };
    Some(match rest.as_bytes().first()? {
        b'0' => '\0',
        b'a' => '\x07',
        b'b' => '\x08',
        b'v' => '\x0b',
        b'f' => '\x0c',
        b'r' => '\r',
        b'e' => '\x1b',
        b'N' => '\u{85}',
        b'x' => hex(2)?,
        b'u' => hex(4)?,
        b'U' => hex(8)?,
        _ => return None,
    })
}

/// What one pass over the whole text finds before the scan: the first character
/// libyaml's reader refuses, and whether every line break is a `\n`.
struct Survey {
    /// The first C0 control other than tab, line feed and carriage return, DEL, C1
    /// control other than NEL, or non-character U+FFFE/U+FFFF, with its byte offset.
    forbidden: Option<(usize, char)>,
    /// No `\r`, NEL, LS or PS anywhere (only meaningful when nothing is forbidden).
    newlines_only: bool,
}

/// Surveys `text` in one pass: every byte of interest is rare in a page, so the search
/// for the next one is the fast [`first_where`] and each one found is decoded.
fn survey(text: &str) -> Survey {
    let b = text.as_bytes();
    let mut newlines_only = true;
    let mut i = 0;
    while let Some(found) = b.get(i..).and_then(|rest| first_where(rest, is_suspect)) {
        i += found;
        let Some(c) = text.get(i..).and_then(|rest| rest.chars().next()) else {
            break;
        };
        if c.is_control() && !matches!(c, '\t' | '\n' | '\r' | '\u{85}')
            || matches!(c, '\u{FFFE}' | '\u{FFFF}')
        {
            return Survey {
                forbidden: Some((i, c)),
                newlines_only,
            };
        }
        if matches!(c, '\r' | '\u{85}' | '\u{2028}' | '\u{2029}') {
            newlines_only = false;
        }
        i += c.len_utf8();
    }
    Survey {
        forbidden: None,
        newlines_only,
    }
}

/// The first character libyaml's reader refuses (see [`Survey::forbidden`]).
#[cfg(test)]
fn forbidden_char(text: &str) -> Option<(usize, char)> {
    survey(text).forbidden
}

/// Whether `b` may start a line break (NEL is C2 85, LS and PS E2 80 A8/A9).
fn may_break(b: u8) -> bool {
    b == b'\n' || b == b'\r' || b == 0xC2 || b == 0xE2
}

/// Whether `b` may start a character [`survey`] looks for: a C0 control other than tab
/// and line feed (so `\r` too); DEL; C2, which starts the C1 controls and NEL; E2,
/// which starts LS and PS; EF, which starts U+FFFE and U+FFFF. Branch-free, for
/// [`first_where`].
#[allow(
    clippy::needless_bitwise_bool,
    reason = "no branch, so a chunk is tested at once"
)]
fn is_suspect(b: u8) -> bool {
    ((b < 0x20) & (b != b'\t') & (b != b'\n'))
        | (b == 0x7F)
        | (b == 0xC2)
        | (b == 0xE2)
        | (b == 0xEF)
}

/// A table of the bytes in `bytes`.
const fn stops(bytes: &[u8]) -> [bool; 256] {
    let mut t = [false; 256];
    let mut i = 0;
    while i < bytes.len() {
        t[bytes[i] as usize] = true;
        i += 1;
    }
    t
}

/// Bytes a plain scalar must look at, outside and inside flow collections.
const PLAIN_BLOCK_BYTES: [bool; 256] = stops(b" \t\n\r\xC2\xE2\0:");
const PLAIN_FLOW_BYTES: [bool; 256] = stops(b" \t\n\r\xC2\xE2\0:,[]{}");
/// Bytes a single- and a double-quoted scalar must look at.
const SINGLE_BYTES: [bool; 256] = stops(b"'\n\r\xC2\xE2");
const DOUBLE_BYTES: [bool; 256] = stops(b"\"\\\n\r\xC2\xE2");

/// Which nesting went too deep, and the byte offset of the collection that did.
type TooDeep = (Nesting, usize);

/// A place in the text.
#[derive(Debug, Clone, Copy)]
struct Mark {
    pos: usize,
    line: usize,
    col: usize,
}

struct Scanner<'a> {
    text: &'a str,
    b: &'a [u8],
    /// Whether every line break is a `\n`: no `\r`, NEL, LS or PS anywhere, which lets
    /// [`Scanner::skip_to_break`] look for one byte with the standard library's fast
    /// search.
    newlines_only: bool,
    at: Mark,
    /// Open `[`/`{` collections.
    flow: usize,
    /// Columns of the open block collections, innermost last (libyaml's indent stack).
    indents: Vec<usize>,
    /// Whether a simple key (`key:` without `?`) may start here.
    key_allowed: bool,
    /// Where the pending simple key at block level started.
    key: Option<Mark>,
    /// Escapes in double-quoted scalars that stand for characters sanitising removes,
    /// with the backslash's byte offset: collected only for `--check`.
    escapes: Option<Vec<(usize, char)>>,
    /// The deepest flow and block nesting seen, for tests.
    #[cfg(test)]
    deepest: (usize, usize),
}

impl<'a> Scanner<'a> {
    /// A scanner over `text`; `newlines_only` as its [`survey`] found.
    fn new(text: &'a str, newlines_only: bool) -> Self {
        Self {
            text,
            b: text.as_bytes(),
            newlines_only,
            at: Mark {
                pos: 0,
                line: 0,
                col: 0,
            },
            flow: 0,
            indents: Vec::new(),
            key_allowed: true,
            key: None,
            escapes: None,
            #[cfg(test)]
            deepest: (0, 0),
        }
    }

    fn peek(&self, k: usize) -> u8 {
        self.b.get(self.at.pos + k).copied().unwrap_or(0)
    }

    fn at_end(&self) -> bool {
        self.at.pos >= self.b.len()
    }

    /// The length of the line break at offset `k`, or 0: `\r\n`, `\r`, `\n`, NEL, LS, PS.
    fn break_len(&self, k: usize) -> usize {
        match (self.peek(k), self.peek(k + 1), self.peek(k + 2)) {
            (b'\r', b'\n', _) | (0xC2, 0x85, _) => 2,
            (b'\r' | b'\n', _, _) => 1,
            (0xE2, 0x80, 0xA8 | 0xA9) => 3,
            _ => 0,
        }
    }

    fn is_blank(&self, k: usize) -> bool {
        matches!(self.peek(k), b' ' | b'\t')
    }

    /// A blank, a line break or the end (NUL counts as the end, as in libyaml).
    fn is_blankz(&self, k: usize) -> bool {
        self.is_blank(k) || self.peek(k) == 0 || self.break_len(k) > 0
    }

    fn is_break(&self) -> bool {
        self.break_len(0) > 0
    }

    /// Moves past one character or one line break.
    fn bump(&mut self) {
        let brk = self.break_len(0);
        if brk > 0 {
            self.at.pos += brk;
            self.at.line += 1;
            self.at.col = 0;
            return;
        }
        let len = match self.peek(0) {
            0xF0.. => 4,
            0xE0.. => 3,
            0xC0.. => 2,
            _ => 1,
        };
        self.at.pos = (self.at.pos + len).min(self.b.len());
        self.at.col += 1;
    }

    /// Moves to the end of the line, not past its break.
    ///
    /// The column is not counted: every caller goes on to the break, which starts
    /// column 0, or stops at the end of the text. Most of a page is lines of text that
    /// come here, so this is the scan's hot path.
    fn skip_to_break(&mut self) {
        loop {
            let rest = self.b.get(self.at.pos..).unwrap_or_default();
            let len = if self.newlines_only {
                first_newline(rest)
            } else {
                rest.iter().position(|&b| may_break(b))
            }
            .unwrap_or(rest.len());
            self.at.pos += len;
            if self.at_end() || self.is_break() {
                return;
            }
            self.bump();
        }
    }

    /// Moves over a run of spaces and tabs, in one go (indentation comes before every
    /// token of a page).
    fn skip_blanks(&mut self) {
        let rest = self.b.get(self.at.pos..).unwrap_or_default();
        let blanks = rest
            .iter()
            .take_while(|&&b| b == b' ' || b == b'\t')
            .count();
        self.at.pos += blanks;
        self.at.col += blanks;
    }

    /// Moves over every byte not in `stops`, in one go: the fast path through text.
    fn skip_bytes(&mut self, stops: &[bool; 256]) {
        // Runs are short here (a word of a plain scalar): a byte at a time is faster.
        let rest = self.b.get(self.at.pos..).unwrap_or_default();
        let len = rest
            .iter()
            .position(|&b| stops[usize::from(b)])
            .unwrap_or(rest.len());
        self.advance(len);
    }

    /// Moves `len` bytes on along one line.
    fn advance(&mut self, len: usize) {
        let run = self
            .b
            .get(self.at.pos..self.at.pos + len)
            .unwrap_or_default();
        // Count characters, not bytes: every byte but a UTF-8 continuation starts one.
        self.at.col += run.iter().filter(|&&b| b & 0xC0 != 0x80).count();
        self.at.pos += len;
    }

    /// Opens a block collection at `mark.col` unless one is already open there.
    fn roll(&mut self, mark: Mark) -> Result<(), TooDeep> {
        if self.flow == 0 && self.indents.last().is_none_or(|&top| top < mark.col) {
            self.indents.push(mark.col);
            #[cfg(test)]
            {
                self.deepest.1 = self.deepest.1.max(self.indents.len());
            }
            if self.indents.len() > MAX_DEPTH {
                return Err((Nesting::Block, mark.pos));
            }
        }
        Ok(())
    }

    /// Closes the block collections indented deeper than `col`.
    fn unroll(&mut self, col: usize) {
        while self.indents.last().is_some_and(|&top| top > col) {
            self.indents.pop();
        }
    }

    /// Remembers a possible simple key starting here.
    fn save_key(&mut self) {
        if self.flow == 0 && self.key_allowed {
            self.key = Some(self.at);
        }
    }

    /// `---` or `...` at the start of a line.
    fn at_document_marker(&self) -> bool {
        self.at.col == 0
            && matches!(
                (self.peek(0), self.peek(1), self.peek(2)),
                (b'-', b'-', b'-') | (b'.', b'.', b'.')
            )
            && self.is_blankz(3)
    }

    fn run(mut self) -> Result<(), TooDeep> {
        self.scan()
    }

    fn scan(&mut self) -> Result<(), TooDeep> {
        loop {
            self.skip_to_token();
            if self.at_end() {
                return Ok(());
            }
            if self.flow == 0 {
                self.unroll(self.at.col);
            }
            let c = self.peek(0);
            if self.at.col == 0 && c == b'%' {
                self.skip_to_break();
                continue;
            }
            if self.at_document_marker() {
                (0..3).for_each(|_| self.bump());
                self.indents.clear();
                self.key = None;
                self.key_allowed = false;
                continue;
            }
            self.token(c)?;
        }
    }

    /// Skips spaces, tabs, a byte-order mark at a line's start, comments and line breaks.
    fn skip_to_token(&mut self) {
        loop {
            if self.at.col == 0 && (self.peek(0), self.peek(1), self.peek(2)) == (0xEF, 0xBB, 0xBF)
            {
                self.bump();
            }
            self.skip_blanks();
            if self.peek(0) == b'#' {
                self.skip_to_break();
            }
            if !self.is_break() {
                return;
            }
            self.bump();
            if self.flow == 0 {
                self.key_allowed = true;
            }
        }
    }

    /// Scans the token starting with `c`, as libyaml's `fetch_next_token` dispatches.
    fn token(&mut self, c: u8) -> Result<(), TooDeep> {
        let start = self.at;
        match c {
            b'[' | b'{' => {
                self.save_key();
                self.flow += 1;
                #[cfg(test)]
                {
                    self.deepest.0 = self.deepest.0.max(self.flow);
                }
                if self.flow > MAX_DEPTH {
                    return Err((Nesting::Flow, start.pos));
                }
                self.key_allowed = true;
                self.bump();
            }
            b']' | b'}' => {
                self.flow = self.flow.saturating_sub(1);
                self.key_allowed = false;
                self.bump();
            }
            b',' => {
                self.key_allowed = true;
                self.bump();
            }
            b'-' if self.is_blankz(1) => {
                self.roll(start)?;
                self.key = None;
                self.key_allowed = true;
                self.bump();
            }
            b'?' if self.flow > 0 || self.is_blankz(1) => {
                self.roll(start)?;
                self.key = None;
                self.key_allowed = self.flow == 0;
                self.bump();
            }
            b':' if self.flow > 0 || self.is_blankz(1) => {
                if self.flow == 0 {
                    let key = self.key.filter(|k| k.line == start.line).unwrap_or(start);
                    self.roll(key)?;
                }
                self.key = None;
                self.key_allowed = self.flow == 0;
                self.bump();
            }
            b'*' | b'&' => {
                self.save_key();
                self.key_allowed = false;
                self.bump();
                while self.peek(0).is_ascii_alphanumeric() || matches!(self.peek(0), b'-' | b'_') {
                    self.bump();
                }
            }
            b'!' => {
                self.save_key();
                self.key_allowed = false;
                self.tag();
            }
            b'|' | b'>' if self.flow == 0 => {
                self.key = None;
                self.key_allowed = true;
                self.block_scalar();
            }
            b'\'' | b'"' => {
                self.save_key();
                self.key_allowed = false;
                self.quoted(c);
            }
            _ if self.starts_plain(c) => {
                self.save_key();
                self.key_allowed = false;
                self.plain();
            }
            // libyaml stops here: "found character that cannot start any token".
            _ => self.bump(),
        }
        Ok(())
    }

    /// Whether `c` starts a plain scalar here.
    fn starts_plain(&self, c: u8) -> bool {
        let indicator = matches!(
            c,
            b'-' | b'?'
                | b':'
                | b','
                | b'['
                | b']'
                | b'{'
                | b'}'
                | b'#'
                | b'&'
                | b'*'
                | b'!'
                | b'|'
                | b'>'
                | b'\''
                | b'"'
                | b'%'
                | b'@'
                | b'`'
        );
        !(self.is_blankz(0) || indicator)
            || (c == b'-' && !self.is_blank(1))
            || (self.flow == 0 && matches!(c, b'?' | b':') && !self.is_blankz(1))
    }

    /// A tag: `!<verbatim>` or `!handle!suffix`.
    fn tag(&mut self) {
        self.bump();
        if self.peek(0) == b'<' {
            while !self.is_blankz(0) && self.peek(0) != b'>' {
                self.bump();
            }
            if self.peek(0) == b'>' {
                self.bump();
            }
            return;
        }
        while !self.is_blankz(0) && !matches!(self.peek(0), b',' | b'[' | b']' | b'{' | b'}') {
            self.bump();
        }
    }

    /// A single- or double-quoted scalar, possibly over several lines.
    fn quoted(&mut self, quote: u8) {
        let stops = if quote == b'"' {
            &DOUBLE_BYTES
        } else {
            &SINGLE_BYTES
        };
        self.bump();
        while !self.at_end() {
            self.skip_bytes(stops);
            match self.peek(0) {
                b'\'' if quote == b'\'' && self.peek(1) == b'\'' => {
                    self.bump();
                    self.bump();
                }
                b'\\' if quote == b'"' => {
                    if let Some(found) = self.escapes.as_mut() {
                        let at = self.at.pos;
                        if let Some(c) = decode_escape(&self.text[at + 1..])
                            && crate::text::sanitize::is_removed(c)
                        {
                            found.push((at, c));
                        }
                    }
                    self.bump();
                    if !self.at_end() {
                        self.bump();
                    }
                }
                c if c == quote => {
                    self.bump();
                    return;
                }
                _ => self.bump(),
            }
        }
    }

    /// A plain scalar: runs to `: `, ` #`, a flow indicator inside a flow collection, or a
    /// line indented no deeper than its block.
    fn plain(&mut self) {
        let indent = self.indents.last().map_or(0, |&top| top + 1);
        loop {
            if self.at_document_marker() || self.peek(0) == b'#' {
                return;
            }
            let stops = if self.flow > 0 {
                &PLAIN_FLOW_BYTES
            } else {
                &PLAIN_BLOCK_BYTES
            };
            while !self.is_blankz(0) {
                self.skip_bytes(stops);
                if self.is_blankz(0) {
                    break;
                }
                let c = self.peek(0);
                let flow_stop = self.flow > 0 && matches!(c, b',' | b'[' | b']' | b'{' | b'}');
                if (c == b':' && self.is_blankz(1)) || flow_stop {
                    return;
                }
                if self.flow > 0
                    && c == b':'
                    && matches!(self.peek(1), b',' | b'?' | b'[' | b']' | b'{' | b'}')
                {
                    // libyaml: "found unexpected ':'"; let the next token count the bracket.
                    self.bump();
                    return;
                }
                self.bump();
            }
            if !(self.is_blank(0) || self.is_break()) {
                return;
            }
            let mut crossed_line = false;
            loop {
                self.skip_blanks();
                if !self.is_break() {
                    break;
                }
                crossed_line = true;
                self.bump();
            }
            if crossed_line && self.flow == 0 {
                self.key_allowed = true;
            }
            if self.flow == 0 && self.at.col < indent {
                return;
            }
        }
    }

    /// A literal (`|`) or folded (`>`) block scalar: the header, then every line indented
    /// at least as far as its content, which is text and never scanned for tokens.
    fn block_scalar(&mut self) {
        self.bump();
        let mut increment = 0;
        for _ in 0..2 {
            match self.peek(0) {
                b'+' | b'-' => self.bump(),
                d @ b'1'..=b'9' => {
                    increment = usize::from(d - b'0');
                    self.bump();
                }
                _ => break,
            }
        }
        self.skip_to_break();
        if self.at_end() {
            return;
        }
        self.bump();
        let parent = self.indents.last().copied();
        let mut indent = if increment > 0 {
            parent.map_or(increment, |p| p + increment)
        } else {
            0
        };
        let mut max_indent = 0;
        if !self.block_breaks(indent, &mut max_indent) {
            return;
        }
        if indent == 0 {
            indent = max_indent.max(parent.map_or(0, |p| p + 1)).max(1);
        }
        while self.at.col == indent && !self.at_end() {
            self.skip_to_break();
            if self.at_end() {
                return;
            }
            self.bump();
            if !self.block_breaks(indent, &mut max_indent) {
                return;
            }
        }
    }

    /// Skips the indentation and empty lines inside a block scalar (libyaml's
    /// `scan_block_scalar_breaks`); `indent == 0` means not yet known. Returns false on a
    /// tab where indentation was expected, which libyaml rejects.
    fn block_breaks(&mut self, indent: usize, max_indent: &mut usize) -> bool {
        loop {
            // The spaces of the indentation in one go (`bump` on each would be the
            // slowest part of the whole scan: every line of text is indented).
            let room = if indent == 0 {
                usize::MAX
            } else {
                indent.saturating_sub(self.at.col)
            };
            let rest = self.b.get(self.at.pos..).unwrap_or_default();
            let spaces = rest.iter().take(room).take_while(|&&b| b == b' ').count();
            self.at.pos += spaces;
            self.at.col += spaces;
            *max_indent = (*max_indent).max(self.at.col);
            if (indent == 0 || self.at.col < indent) && self.peek(0) == b'\t' {
                return false;
            }
            if !self.is_break() {
                return true;
            }
            self.bump();
        }
    }
}

#[cfg(test)]
mod tests {
    use std::fmt::Write as _;

    use super::super::quoting::location_of;
    use super::*;

    fn depth_error(text: &str) -> Option<(Nesting, usize, usize)> {
        match check(text) {
            Ok(()) => None,
            Err(Refused {
                what: Refusal::TooDeep(nesting),
                index,
            }) => {
                let at = location_of(text, index);
                Some((nesting, at.line, at.column))
            }
            Err(other) => panic!("{other:?}"),
        }
    }

    #[test]
    fn characters_yaml_forbids_are_found() {
        assert_eq!(forbidden_char("a: b\tc\r\n"), None);
        assert_eq!(forbidden_char("a: \u{85}\u{a0}\u{fffd}"), None);
        assert_eq!(forbidden_char("ab\u{1b}[31m"), Some((2, '\u{1b}')));
        assert_eq!(forbidden_char("é\u{7f}"), Some((2, '\u{7f}')));
        assert_eq!(forbidden_char("é\u{9b}"), Some((2, '\u{9b}')));
        assert_eq!(forbidden_char("x\u{ffff}"), Some((1, '\u{ffff}')));
        assert_eq!(forbidden_char("\0"), Some((0, '\0')));
    }

    #[test]
    fn only_enough_brackets_may_nest_too_deep() {
        let nested = |n: usize| format!("a: {}1{}", "[".repeat(n), "]".repeat(n));
        assert!(!may_nest_too_deep(&nested(MAX_DEPTH)));
        assert!(check(&nested(MAX_DEPTH)).is_ok());
        assert!(may_nest_too_deep(&nested(MAX_DEPTH + 1)));
        assert!(check(&nested(MAX_DEPTH + 1)).is_err());
        let spread = "{a: 1}\n".repeat(MAX_DEPTH + 1);
        assert!(
            may_nest_too_deep(&spread),
            "brackets are counted, not nesting"
        );
    }

    #[test]
    fn the_survey_tells_whether_every_line_break_is_a_line_feed() {
        assert!(survey("a: b\n").newlines_only);
        assert!(
            survey("“quotes” — dash…\n").newlines_only,
            "other characters that start with E2 are not breaks"
        );
        for text in ["a\r\nb", "a\rb", "a\u{85}b", "a\u{2028}b", "a\u{2029}b"] {
            assert!(!survey(text).newlines_only, "{text:?}");
        }
    }

    #[test]
    fn escapes_of_removed_characters_are_found_in_double_quotes_only() {
        let text = "a: \"x\\e[31m \\u202E \\t \\\\e\"\nb: 'no \\e here'\nc: plain \\e\nd: |\n  block \\e\n";
        let found = escaped_removals(text);
        let places: Vec<(usize, char)> = found;
        assert_eq!(
            places,
            [
                (text.find("\\e[31m").expect("esc"), '\x1b'),
                (text.find("\\u202E").expect("bidi"), '\u{202e}')
            ],
            "tab escapes are kept, an escaped backslash is not an escape, single quotes, plain and block text hold no escapes"
        );
        assert_eq!(decode_escape("x9b"), Some('\u{9b}'));
        assert_eq!(decode_escape("U0000001B"), Some('\x1b'));
        assert_eq!(decode_escape("xZZ"), None);
        assert_eq!(decode_escape(""), None);
    }

    #[test]
    fn bundled_page_passes() {
        assert_eq!(depth_error(super::super::BUNDLED_YAML), None);
    }

    #[test]
    fn flow_nesting_is_limited() {
        let ok = format!("a: {}{}", "[".repeat(MAX_DEPTH), "]".repeat(MAX_DEPTH));
        assert_eq!(depth_error(&ok), None);
        let deep = format!("a: {}", "{a: ".repeat(100_000));
        assert_eq!(
            depth_error(&deep),
            Some((Nesting::Flow, 1, 4 + 4 * MAX_DEPTH))
        );
        let deep = format!("a:\n  - {}", "[".repeat(MAX_DEPTH + 1));
        assert_eq!(depth_error(&deep), Some((Nesting::Flow, 2, 5 + MAX_DEPTH)));
    }

    #[test]
    fn brackets_in_text_are_not_collections() {
        let many = "[".repeat(200);
        for text in [
            format!("caption: see {many}"),
            format!("caption: '{many}'"),
            format!("caption: \"{many} \\\" {many}\""),
            format!("caption: 'it''s {many}'"),
            format!("text: |\n  {many}\n  \"unclosed\n  {many}\nnext: x"),
            format!("text: >-\n\n    {many}\n\n    {many}\nnext: x"),
            format!("text: plain\n  {many} continued\n  \"more\nnext: x"),
            format!("a: b # {many}"),
            format!("a: b#{many}"),
            format!("- !tag see {many}"),
        ] {
            assert_eq!(depth_error(&text), None, "{text}");
        }
    }

    #[test]
    fn brackets_after_text_ends_are_counted() {
        let many = "[".repeat(MAX_DEPTH + 1);
        for text in [
            format!("text: |\n  a\nb: {many}"),
            format!("text: 'a'\nb: {many}"),
            format!("text: \"a\\\\\"\nb: {many}"),
            format!("text: a\nb: {many}"),
            format!("a: b # c\u{2028}{many}"),
            format!("\u{feff}{many}"),
            format!("- a\n- {many}"),
            format!("text: |\n  a\n{many}"),
            format!("k: [a, 'b', \"c\", {many}"),
        ] {
            assert!(
                matches!(depth_error(&text), Some((Nesting::Flow, ..))),
                "{text:?}"
            );
        }
    }

    #[test]
    fn block_scalar_content_is_found_as_libyaml_finds_it() {
        let many = "[".repeat(MAX_DEPTH + 1);
        // Lines indented less than the content end the scalar.
        let text = format!("a:\n  b: |\n      deep\n    {many}");
        assert!(depth_error(&text).is_some());
        // An explicit indentation indicator fixes the content's indentation.
        let text = format!("a: |2\n   {many}\n  x\nb: c");
        assert_eq!(depth_error(&text), None);
        // A list item's text belongs to the item.
        let text = format!("items:\n  - text: |\n      {many}\n  - text: x");
        assert_eq!(depth_error(&text), None);
    }

    #[test]
    fn block_nesting_is_limited() {
        let ok = "- ".repeat(MAX_DEPTH) + "x";
        assert_eq!(depth_error(&ok), None);
        let deep = "- ".repeat(MAX_DEPTH + 1) + "x";
        assert_eq!(
            depth_error(&deep),
            Some((Nesting::Block, 1, 1 + 2 * MAX_DEPTH))
        );
        let mut indented = String::new();
        for level in 0..=MAX_DEPTH {
            let _ = writeln!(indented, "{}k{level}:", " ".repeat(level));
        }
        assert_eq!(
            depth_error(&indented),
            Some((Nesting::Block, MAX_DEPTH + 1, MAX_DEPTH + 1))
        );
    }

    #[test]
    fn a_typical_page_stays_shallow() {
        let page = "title: T\nsynopsis:\n  text: |\n    a [b] {c}\nscreenshots:\n  items:\n    - caption: see [1]\n      image: a.png\nreviews:\n  items: []\n";
        assert_eq!(depth_error(page), None);
    }

    /// The deepest flow and block nesting the scanner sees in `text`.
    fn depths(text: &str) -> (usize, usize) {
        let mut scanner = Scanner::new(text, survey(text).newlines_only);
        let _ = scanner.scan();
        scanner.deepest
    }

    /// How deeply collections nest in a parsed value.
    fn value_depth(v: &serde_yaml::Value) -> usize {
        match v {
            serde_yaml::Value::Sequence(items) => {
                1 + items.iter().map(value_depth).max().unwrap_or(0)
            }
            serde_yaml::Value::Mapping(map) => {
                1 + map
                    .iter()
                    .map(|(k, v)| value_depth(k).max(value_depth(v)))
                    .max()
                    .unwrap_or(0)
            }
            serde_yaml::Value::Tagged(t) => value_depth(&t.value),
            _ => 0,
        }
    }

    /// Fragments that exercise every token rule; joined at random they are mostly not YAML.
    const PIECES: &[&str] = &[
        "[", "]", "{", "}", ", ", ",", ": ", ":", "- ", "-", "? ", "a", "b c", "'", "\"", "\\",
        "#", " #", " ", "  ", "\n", "\n  ", "\n    ", "\n- ", "|\n", "|2\n", ">-\n", "&x ", "!t ",
        "''", "\\\"", "k: ", "\r\n", "\t", "...\n", "---\n", "\nk: [", "\n  k: {", "\n  - [",
        "\u{2028}", "\u{85}", "\u{feff}",
    ];

    /// Whole lines, indented at random: joined, they are often YAML.
    const LINES: &[&str] = &[
        "k: v",
        "k:",
        "- v",
        "-",
        "k: [",
        "k: {",
        "]",
        "}",
        "[a, [b, {c: d}]]",
        "k: |",
        "k: >-",
        "k: |2",
        "text [ { ' \" line",
        "'quoted [ text'",
        "\"dq \\\" [ \"",
        "# comment [",
        "k: v # c [",
        "- k: v",
        "- - v",
        "? k",
        ": v",
        "k: 'multi",
        "line [' ",
        "k: \"multi",
        "line [\"",
        "a, b",
        "k: &a v",
        "k: !t [",
        "...",
        "---",
        "x\ty",
        "k: v\r",
        "{a: [b,",
        "c]}",
        "- [a, {b: c}]",
        "k: see [1]",
        "k: a]b",
        "- 'it''s ['",
        "k: -[",
    ];

    /// Checks the scanner against libyaml on `text`, when libyaml accepts it: the scanner
    /// must see every level of nesting (never mistake a collection for text) and no more
    /// than there are (never refuse a valid page for text it took for collections).
    /// An indentless list (`k:` then `- a` at the same column) is a level without an
    /// indent, hence the factor of two for blocks; likewise a single-pair mapping inside
    /// a flow sequence (`[? k` or `[k: v`) is a level without a bracket, hence the factor
    /// of two for flow. Either way the real depth stays within twice what is counted, so
    /// the bound still holds (libyaml itself stops at 128).
    fn agrees_with_libyaml(text: &str) -> Result<(), String> {
        let Ok(value) = serde_yaml::from_str::<serde_yaml::Value>(text) else {
            return Ok(());
        };
        let (flow, block) = depths(text);
        let depth = value_depth(&value);
        if depth > 2 * flow + 2 * block {
            return Err(format!(
                "{text:?}: missed nesting, {depth} > 2 * {flow} + 2 * {block}"
            ));
        }
        if flow > depth || block > depth {
            return Err(format!(
                "{text:?}: counted {flow} and {block}, only {depth} deep"
            ));
        }
        Ok(())
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(2000))]

        #[test]
        fn agrees_with_libyaml_on_fragments(
            picks in proptest::collection::vec(0..PIECES.len(), 0..40)
        ) {
            let text: String = picks.iter().map(|&i| PIECES[i]).collect();
            proptest::prop_assert_eq!(agrees_with_libyaml(&text), Ok(()));
        }

        #[test]
        fn agrees_with_libyaml_on_lines(
            lines in proptest::collection::vec((0..4usize, 0..LINES.len()), 0..12)
        ) {
            let text: Vec<String> = lines
                .iter()
                .map(|&(indent, i)| format!("{}{}", "  ".repeat(indent), LINES[i]))
                .collect();
            proptest::prop_assert_eq!(agrees_with_libyaml(&text.join("\n")), Ok(()));
        }
    }

    /// A YAML value to render, each collection in block or flow style.
    #[derive(Debug, Clone)]
    enum Node {
        Scalar(usize),
        Seq(bool, Vec<Node>),
        Map(bool, Vec<Node>),
    }

    /// Scalars as they may be written inline: brackets and quotes inside text.
    const INLINE: &[&str] = &[
        "v",
        "see [1]",
        "a]b{c}",
        "it's",
        "'q [ '' {'",
        "\"dq \\\" [ {\"",
        "\"\\\\\"",
        "'#[x'",
        "a #[ comment",
        "1.5",
        "\"line\\\n[\"",
    ];
    /// Scalars safe inside a flow collection.
    const IN_FLOW: &[&str] = &["v", "'q [ '' {'", "\"dq \\\" ] }\"", "it's", "a b"];

    fn node() -> impl proptest::strategy::Strategy<Value = Node> {
        use proptest::prelude::*;
        let leaf = (0..INLINE.len()).prop_map(Node::Scalar);
        leaf.prop_recursive(6, 40, 4, |inner| {
            prop_oneof![
                (
                    any::<bool>(),
                    proptest::collection::vec(inner.clone(), 1..4)
                )
                    .prop_map(|(flow, items)| Node::Seq(flow, items)),
                (any::<bool>(), proptest::collection::vec(inner, 1..4))
                    .prop_map(|(flow, items)| Node::Map(flow, items)),
            ]
        })
    }

    fn node_depth(node: &Node) -> usize {
        match node {
            Node::Scalar(_) => 0,
            Node::Seq(_, items) | Node::Map(_, items) => {
                1 + items.iter().map(node_depth).max().unwrap_or(0)
            }
        }
    }

    /// `node` in flow style.
    fn flow(node: &Node, out: &mut String) {
        match node {
            Node::Scalar(i) => out.push_str(IN_FLOW[i % IN_FLOW.len()]),
            Node::Seq(_, items) | Node::Map(_, items) => {
                let map = matches!(node, Node::Map(..));
                out.push(if map { '{' } else { '[' });
                for (n, item) in items.iter().enumerate() {
                    if n > 0 {
                        out.push_str(", ");
                    }
                    if map {
                        let _ = write!(out, "k{n}: ");
                    }
                    flow(item, out);
                }
                out.push(if map { '}' } else { ']' });
            }
        }
    }

    /// `node` as the value after `key: ` or `- ` on a line indented `indent`.
    fn value(node: &Node, indent: usize, out: &mut String) {
        match node {
            Node::Scalar(i) if i % 3 == 0 => {
                // A block scalar whose lines look like YAML.
                out.push_str("|\n");
                for line in ["[ { ' \" #", "  k: [v", "- ]"] {
                    let _ = writeln!(out, "{}{line}", " ".repeat(indent + 2));
                }
            }
            Node::Scalar(i) => {
                out.push_str(INLINE[*i]);
                out.push('\n');
            }
            Node::Seq(true, _) | Node::Map(true, _) => {
                flow(node, out);
                out.push('\n');
            }
            Node::Seq(false, _) | Node::Map(false, _) => {
                out.push('\n');
                block(node, indent + 2, out);
            }
        }
    }

    /// `node`, a collection, in block style at `indent`.
    fn block(node: &Node, indent: usize, out: &mut String) {
        let pad = " ".repeat(indent);
        match node {
            Node::Seq(_, items) => {
                for item in items {
                    let _ = write!(out, "{pad}- ");
                    value(item, indent, out);
                }
            }
            Node::Map(_, items) => {
                for (n, item) in items.iter().enumerate() {
                    let _ = write!(out, "{pad}k{n}: ");
                    value(item, indent, out);
                }
            }
            Node::Scalar(_) => value(node, indent, out),
        }
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(3000))]

        /// On valid YAML built to nest in known ways, the scanner counts exactly right.
        #[test]
        fn agrees_with_libyaml_on_valid_documents(root in node()) {
            let doc = Node::Map(false, vec![root]);
            let mut text = String::new();
            block(&doc, 0, &mut text);
            let parsed = serde_yaml::from_str::<serde_yaml::Value>(&text);
            proptest::prop_assert!(parsed.is_ok(), "{text}\n{parsed:?}");
            proptest::prop_assert_eq!(parsed.ok().map(|v| value_depth(&v)), Some(node_depth(&doc)));
            proptest::prop_assert_eq!(agrees_with_libyaml(&text), Ok(()));
        }
    }
}
