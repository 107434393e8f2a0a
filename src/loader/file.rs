//! Reading a content file's bytes into text: only a regular file, only up to the size
//! limit, only UTF-8, and read in bounded pieces.
//!
//! Nothing is allocated for what the file claims to hold, only for what has been read:
//! a sparse file of a terabyte costs one piece before its first NUL byte refuses it. The
//! first piece is checked before any other is read (a UTF-16 or UTF-32 file, binary
//! data, bytes that are not UTF-8), and every piece for NUL bytes, which no text file
//! holds; the rest of the UTF-8 check runs once on the whole text. Memory the system
//! cannot give is an error, not an abort.

use std::fs;
use std::io::{self, Read};
use std::path::{Path, PathBuf};

use super::error::{Encoding, LoadError, LoadErrorKind, Problem};
use super::quoting::{self, Excerpt};
use super::{Limits, Source};
use crate::text::escape::escaped_os;

/// How much is read at a time, and the least the buffer grows by.
const PIECE: usize = 64 * 1024;

/// The path that names standard input: `layar -`, `layar --print -`.
pub const STDIN_PATH: &str = "-";

/// Standard input's name in messages.
pub const STDIN_NAME: &str = "<stdin>";

/// Reads a content file's text, or standard input's for the path `-`
/// ([`STDIN_PATH`]).
///
/// Refuses, before opening it, anything that is not a regular file (a directory, a FIFO,
/// `/dev/zero`, which could block or never end) and a file larger than
/// `limits.max_file_bytes`; then refuses what is not UTF-8 text, at the first bad byte.
/// A UTF-8 byte-order mark is removed. The file's name is shown escaped
/// ([`escaped_os`]): a name holding a line break or an escape sequence can neither act
/// on the terminal nor forge a line of a report.
pub fn read(path: &Path, limits: Limits) -> Result<Source, LoadError> {
    if path == Path::new(STDIN_PATH) {
        return read_stdin(limits);
    }
    let name = escaped_os(path.as_os_str()).into_owned();
    let io_error = |e: io::Error| LoadError::io(&name, &e);
    check_file(&name, &fs::metadata(path).map_err(io_error)?, limits)?;
    let file = fs::File::open(path).map_err(io_error)?;
    // The path may name something else by now: check what was actually opened.
    check_file(&name, &file.metadata().map_err(io_error)?, limits)?;
    let bytes = read_bytes(&name, file, limits)?;
    let text = decode(&name, bytes)?;
    let base_dir = path
        .parent()
        .map_or_else(Default::default, Path::to_path_buf);
    Ok(Source {
        name,
        base_dir: Some(base_dir),
        text,
    })
}

/// Reads standard input to its end as a page's text, in the same bounded pieces and
/// with the same refusals as a file (a pipe has no size to check beforehand: the limit
/// stops the read). Image paths resolve against the current folder.
pub fn read_stdin(limits: Limits) -> Result<Source, LoadError> {
    let bytes = read_bytes(STDIN_NAME, io::stdin().lock(), limits)?;
    Ok(Source {
        name: STDIN_NAME.into(),
        base_dir: Some(PathBuf::new()),
        text: decode(STDIN_NAME, bytes)?,
    })
}

/// Reads at most the limit plus one byte, a piece at a time; refuses input that is over
/// the limit, or that its first piece or a NUL byte shows is not UTF-8 text.
fn read_bytes(name: &str, input: impl Read, limits: Limits) -> Result<Vec<u8>, LoadError> {
    let limit = limits.max_file_bytes;
    let mut reader = input.take(limit.saturating_add(1));
    let mut bytes: Vec<u8> = Vec::new();
    loop {
        let start = bytes.len();
        // Grow by a quarter of what has been read, never by what the file claims.
        let room = PIECE.max(start / 4);
        bytes
            .try_reserve_exact(room)
            .map_err(|_| LoadError::new(name, LoadErrorKind::OutOfMemory { read: start }))?;
        // `read_to_end` reads into the room reserved as it is, where filling it with
        // zeros first would write every byte of the page once more.
        let n = (&mut reader)
            .take(room as u64)
            .read_to_end(&mut bytes)
            .map_err(|e| LoadError::io(name, &e))?;
        if n == 0 {
            break;
        }
        if start == 0 {
            sniff(name, &bytes)?;
        }
        if let Some(i) = memchr::memchr(0, &bytes[start..]) {
            return Err(binary(name, &bytes, start + i));
        }
        if bytes.len() as u64 > limit {
            return Err(LoadError::new(name, LoadErrorKind::LongerThan { limit }));
        }
    }
    Ok(bytes)
}

/// Refuses a first piece that shows the file is not UTF-8 text: a UTF-16 or UTF-32
/// byte-order mark, UTF-16 without one (every other byte 0), or a byte that is not
/// UTF-8 (binary data, another encoding).
fn sniff(name: &str, first: &[u8]) -> Result<(), LoadError> {
    if let Some(encoding) = encoding_of(first) {
        return Err(LoadError::new(
            name,
            LoadErrorKind::NotUtf8Text { encoding },
        ));
    }
    match std::str::from_utf8(first) {
        // A character cut by the end of the piece is read whole later.
        Err(e) if e.error_len().is_some() => Err(not_utf8(name, first, e.valid_up_to())),
        _ => Ok(()),
    }
}

/// The encoding other than UTF-8 that the first bytes of a file show: a UTF-32 or UTF-16
/// byte-order mark, or UTF-16 without one, where every other byte is 0 (text in Latin
/// letters, as a page's keys are).
fn encoding_of(first: &[u8]) -> Option<Encoding> {
    let bom = |name, little_endian| {
        Some(Encoding {
            name,
            little_endian,
            bom: true,
        })
    };
    match first {
        [0xFF, 0xFE, 0, 0, ..] => return bom("UTF-32", true),
        [0, 0, 0xFE, 0xFF, ..] => return bom("UTF-32", false),
        [0xFF, 0xFE, ..] => return bom("UTF-16", true),
        [0xFE, 0xFF, ..] => return bom("UTF-16", false),
        _ => {}
    }
    let pairs: Vec<_> = first.chunks_exact(2).take(256).collect();
    let zeros = |i: usize| pairs.iter().filter(|p| p[i] == 0).count();
    let (even, odd, n) = (zeros(0), zeros(1), pairs.len());
    // Mostly one side zero, the other mostly not: a real pattern, not a stray NUL.
    let pattern = |zero: usize, other: usize| n >= 2 && zero * 4 >= n * 3 && other * 4 <= n;
    let little_endian = if pattern(odd, even) {
        true
    } else if pattern(even, odd) {
        false
    } else {
        return None;
    };
    Some(Encoding {
        name: "UTF-16",
        little_endian,
        bom: false,
    })
}

/// Refuses what is not a regular file, and a file over the size limit.
fn check_file(name: &str, metadata: &fs::Metadata, limits: Limits) -> Result<(), LoadError> {
    if !metadata.is_file() {
        let found = describe_file_type(metadata.file_type());
        return Err(LoadError::new(name, LoadErrorKind::NotAFile { found }));
    }
    if metadata.len() > limits.max_file_bytes {
        let (size, limit) = (metadata.len(), limits.max_file_bytes);
        return Err(LoadError::new(
            name,
            LoadErrorKind::TooLarge { size, limit },
        ));
    }
    Ok(())
}

/// What a path that is not a regular file is, for a message.
fn describe_file_type(file_type: fs::FileType) -> &'static str {
    if file_type.is_dir() {
        return "a directory";
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if file_type.is_fifo() {
            return "a named pipe (FIFO)";
        }
        if file_type.is_char_device() {
            return "a character device";
        }
        if file_type.is_block_device() {
            return "a block device";
        }
        if file_type.is_socket() {
            return "a socket";
        }
    }
    "something other than a regular file"
}

/// The bytes as text without a byte-order mark, or an error at the first byte that is not
/// UTF-8.
fn decode(name: &str, mut bytes: Vec<u8>) -> Result<String, LoadError> {
    if bytes.starts_with(b"\xEF\xBB\xBF") {
        bytes.drain(..3);
    }
    String::from_utf8(bytes).map_err(|e| {
        let bad = e.utf8_error().valid_up_to();
        not_utf8(name, e.as_bytes(), bad)
    })
}

/// The error for byte `bad` of `bytes`, the first that is not UTF-8.
fn not_utf8(name: &str, bytes: &[u8], bad: usize) -> LoadError {
    let byte = bytes[bad];
    let problem = placed(Problem::new(LoadErrorKind::NotUtf8 { byte }), bytes, bad);
    LoadError::of(name, vec![problem])
}

/// The error for the NUL byte at `at` in `bytes`.
fn binary(name: &str, bytes: &[u8], at: usize) -> LoadError {
    let problem = placed(Problem::new(LoadErrorKind::Binary), bytes, at);
    LoadError::of(name, vec![problem])
}

/// `problem` placed at byte `at` of `bytes`, which are UTF-8 up to there; the rest of
/// the line is shown decoded lossily.
fn placed(problem: Problem, bytes: &[u8], at: usize) -> Problem {
    let valid = std::str::from_utf8(&bytes[..at]).unwrap_or_default();
    let location = quoting::location_of(valid, valid.len());
    let before = valid
        .rsplit(quoting::is_line_break)
        .next()
        .unwrap_or_default();
    let rest = &bytes[at..bytes.len().min(at + Excerpt::MAX_BYTES)];
    let line_end = rest.iter().position(|&b| b == b'\n' || b == b'\r');
    let after = String::from_utf8_lossy(&rest[..line_end.unwrap_or(rest.len())]);
    problem.with_excerpt(location, Excerpt::around(before, &after))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kind(bytes: &[u8]) -> String {
        let check = sniff("f", bytes).and_then(|()| match memchr::memchr(0, bytes) {
            Some(i) => Err(binary("f", bytes, i)),
            None => Ok(()),
        });
        match check {
            Ok(()) => "ok".into(),
            Err(e) => e.to_string().lines().next().unwrap_or_default().to_owned(),
        }
    }

    fn utf16(s: &str, little: bool) -> Vec<u8> {
        s.encode_utf16()
            .flat_map(|u| {
                if little {
                    u.to_le_bytes()
                } else {
                    u.to_be_bytes()
                }
            })
            .collect()
    }

    #[test]
    fn text_in_other_encodings_is_named() {
        let page = "title: T\nsynopsis:\n  text: x\n";
        let with_bom = [&[0xFF, 0xFE][..], &utf16(page, true)].concat();
        assert_eq!(
            kind(&with_bom),
            "f: error: the file is UTF-16 text (little-endian, with a byte-order mark); \
             layar reads UTF-8: save it as UTF-8"
        );
        assert_eq!(
            kind(&utf16(page, true)),
            "f: error: the file looks like UTF-16 text (little-endian, without a byte-order \
             mark: every other byte is 0); layar reads UTF-8: save it as UTF-8"
        );
        assert!(kind(&utf16(page, false)).contains("UTF-16 text (big-endian"));
        assert!(kind(&[0, 0, 0xFE, 0xFF, 0, 0, 0, b't']).contains("UTF-32 text (big-endian"));
        assert_eq!(kind(page.as_bytes()), "ok");
    }

    #[test]
    fn binary_data_is_refused_at_its_first_nul() {
        assert_eq!(
            kind(b"title: a\0b\n"),
            "f:1:9: error: found a NUL byte: the file holds binary data, not text; a page is \
             UTF-8 text"
        );
        assert_eq!(
            kind(&[0; 100]),
            "f:1:1: error: found a NUL byte: the file holds binary data, not text; a page is \
             UTF-8 text"
        );
        assert_eq!(
            kind(b"a\n\x89PNG"),
            "f:2:1: error: expected UTF-8 text, found the byte 0x89; save the file as UTF-8"
        );
        // A character cut by the end of the first piece is not a bad byte.
        assert_eq!(
            kind("a é".as_bytes().split_last().map_or(&[][..], |(_, b)| b)),
            "ok"
        );
    }
}
