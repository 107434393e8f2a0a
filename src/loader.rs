//! Reading a content file into a [`Page`]: the YAML wire structs, their conversion into
//! the model, and [`LoadError`], which names the file, line, column and field.
//!
//! A load goes [`read`] (the bytes: only a regular file, only up to
//! [`Limits::max_file_bytes`], only UTF-8) then [`parse`]: a check for an empty file, a
//! linear `prescan` bounding nesting depth (libyaml is quadratic on deep flow nesting)
//! and finding the control characters YAML forbids, one `serde_yaml::from_str` straight
//! into the `wire` structs under a text `budget` (aliases can multiply text), and a
//! `convert` into the model that moves strings. The pre-scan runs before the parse only
//! when the text has enough brackets to nest too deep; otherwise only when the parse
//! fails, to name the place (see `prescan::may_nest_too_deep`).
//!
//! - `error`: [`LoadError`] and the one message format every output shares;
//!   `quoting` shows the file's own text in it, sanitised and cut to fit.
//! - `yaml_error`: reading `serde_yaml`'s errors into [`LoadErrorKind`]s.

mod budget;
mod convert;
mod error;
mod prescan;
mod quoting;
mod wire;
mod yaml_error;

use std::fs::{self, File};
use std::io::Read;
use std::path::{Path, PathBuf};

pub use error::{LoadError, LoadErrorKind, Location, Nesting};
pub(crate) use prescan::escaped_removals;

use crate::model::Page;

/// The raw text of a content file and the name to show for it.
#[derive(Debug, Clone)]
pub struct Source {
    /// The name shown in messages: the path as given, or the bundled page's path in the source tree.
    pub name: String,
    /// The folder relative image paths resolve against; `None` for the bundled page.
    pub base_dir: Option<PathBuf>,
    /// The file's text, with a UTF-8 byte-order mark removed.
    pub text: String,
}

/// Limits a load must stay within.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    /// Files larger than this are refused before they are read.
    pub max_file_bytes: u64,
}

impl Default for Limits {
    fn default() -> Self {
        Self {
            max_file_bytes: 64 * 1024 * 1024,
        }
    }
}

/// The bundled page's name in messages: where it lives in layar's source tree.
pub const BUNDLED_NAME: &str = "content/di-balik-layar.yaml";

/// The bundled page, compiled into the binary.
pub const BUNDLED_YAML: &str = include_str!("../content/di-balik-layar.yaml");

/// The bundled page's source.
pub fn bundled() -> Source {
    Source {
        name: BUNDLED_NAME.into(),
        base_dir: None,
        text: BUNDLED_YAML.into(),
    }
}

/// Reads and parses the content file at `path`.
pub fn load(path: &Path, limits: Limits) -> Result<Page, LoadError> {
    parse(&read(path, limits)?)
}

/// Reads a content file's text.
///
/// Refuses, before opening it, anything that is not a regular file (a directory, a FIFO,
/// `/dev/zero`, which could block or never end) and a file larger than
/// `limits.max_file_bytes`; then refuses text that is not UTF-8, pointing at the first bad
/// byte. A UTF-8 byte-order mark is removed.
pub fn read(path: &Path, limits: Limits) -> Result<Source, LoadError> {
    let name = path.display().to_string();
    let io_error = |e: std::io::Error| LoadError::io(&name, &e);
    check_file(&name, &fs::metadata(path).map_err(io_error)?, limits)?;
    let file = File::open(path).map_err(io_error)?;
    // The path may name something else by now: check what was actually opened.
    let metadata = file.metadata().map_err(io_error)?;
    check_file(&name, &metadata, limits)?;
    let expected = usize::try_from(metadata.len()).unwrap_or(0);
    let mut bytes = Vec::with_capacity(expected.saturating_add(1));
    file.take(limits.max_file_bytes.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(io_error)?;
    let size = bytes.len() as u64;
    if size > limits.max_file_bytes {
        let limit = limits.max_file_bytes;
        return Err(LoadError::new(
            &name,
            LoadErrorKind::TooLarge { size, limit },
        ));
    }
    let text = decode(&name, bytes)?;
    let base_dir = path.parent().map_or_else(PathBuf::new, Path::to_path_buf);
    Ok(Source {
        name,
        base_dir: Some(base_dir),
        text,
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
        let bytes = e.into_bytes();
        let valid = std::str::from_utf8(&bytes[..bad]).unwrap_or_default();
        let line_start = valid.rfind(quoting::is_line_break).map_or(0, |i| {
            i + valid[i..].chars().next().map_or(1, char::len_utf8)
        });
        let line_end = bytes[bad..]
            .iter()
            .position(|&b| b == b'\n' || b == b'\r')
            .map_or(bytes.len(), |i| bad + i);
        let location = quoting::location_of(valid, valid.len());
        let line_text = String::from_utf8_lossy(&bytes[line_start..line_end]);
        let byte = bytes[bad];
        LoadError::new(name, LoadErrorKind::NotUtf8 { byte }).at_line(&line_text, location)
    })
}

/// Parses a source into a page.
pub fn parse(source: &Source) -> Result<Page, LoadError> {
    let name = source.name.as_str();
    let text = source.text.strip_prefix('\u{feff}').unwrap_or(&source.text);
    if let Some(comments_only) = emptiness(text) {
        return Err(LoadError::new(name, LoadErrorKind::Empty { comments_only }));
    }
    // Deep flow nesting must be refused before libyaml sees it; anything else the
    // pre-scan refuses also fails the parse, so then it runs only to name the place.
    let checked_first = prescan::may_nest_too_deep(text);
    if checked_first {
        prescan::check(text).map_err(|refused| prescan_error(name, text, refused))?;
    }
    let scope = budget::Scope::enter(budget::for_len(text.len()));
    let wire: wire::PageWire = serde_yaml::from_str(text).map_err(|e| {
        // (When it ran first and passed, it has nothing more to say.)
        let refused = if checked_first {
            None
        } else {
            prescan::check(text).err()
        };
        match refused {
            Some(refused) => prescan_error(name, text, refused),
            None => yaml_error::translate(name, text, &e, scope.exceeded()),
        }
    })?;
    drop(scope);
    Ok(convert::page(wire, source.base_dir.as_deref()))
}

/// The error for what the pre-scan refused.
fn prescan_error(name: &str, text: &str, refused: prescan::Refused) -> LoadError {
    let kind = match refused.what {
        prescan::Refusal::TooDeep(nesting) => LoadErrorKind::TooDeep {
            nesting,
            limit: prescan::MAX_DEPTH,
        },
        prescan::Refusal::Forbidden(c) => LoadErrorKind::ForbiddenCharacter { c },
    };
    let location = quoting::location_of(text, refused.index);
    LoadError::new(name, kind).at(text, refused.index, location)
}

/// `None` when `text` has content; otherwise whether it has comments (else it is blank).
fn emptiness(text: &str) -> Option<bool> {
    let mut comments = false;
    for line in text.lines() {
        let line = line.trim();
        if line.starts_with('#') {
            comments = true;
        } else if !line.is_empty() {
            return None;
        }
    }
    Some(comments)
}

#[cfg(test)]
mod tests;
