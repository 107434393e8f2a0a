//! Reading a content file into a [`Page`]: the YAML wire structs, their validation into
//! the model, and [`LoadError`], which names the file, line, column and field.
//!
//! A load goes [`read`] (the bytes: only a regular file, only up to
//! [`Limits::max_file_bytes`], only UTF-8) then [`parse`]: serde-saphyr reads the text
//! into permissive `wire` types under budgets scaled to the file (`yaml`), and
//! `validate` turns them into the model, collecting every problem. The viewer's read
//! keeps no places; a page with a problem is read again with them ([`check`]), so that
//! every problem is reported at its line and column, in file order. `--check` reads with
//! places from the start, and gets the places of the page's text for its warnings.
//!
//! - `error`: [`LoadError`] and the one message format every output shares;
//!   `quoting` shows the file's own text in it, sanitised and cut to fit.
//! - `syntax`: plain words for the YAML mistakes authors make most.
//! - `rules`: what each value must be; `suggest`: the key a misspelt one is closest to.
//! - `places`: where values stand in the file, as the parser reported them.

mod error;
mod places;
mod quoting;
mod rules;
mod suggest;
mod syntax;
mod validate;
mod wire;
mod yaml;

use std::fs::{self, File};
use std::io::Read;
use std::path::{Path, PathBuf};

pub use error::{Expansion, LoadError, LoadErrorKind, Location, Nesting, Problem};
pub use places::{Field, Place, Places};
pub use quoting::Excerpt;

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

impl Source {
    /// The text the YAML parser reads: [`Self::text`] without a byte-order mark. Places
    /// ([`Place`]) are byte offsets into it.
    pub fn yaml(&self) -> &str {
        without_bom(&self.text)
    }
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
        let problem = Problem::new(LoadErrorKind::NotUtf8 { byte }).at_line(&line_text, location);
        LoadError::of(name, vec![problem])
    })
}

/// Parses a source into a page, or says every problem it has.
///
/// The first read keeps no places, and takes only what a page that loads holds. Anything
/// else (a problem, or what the first read does not take, such as a number where text
/// goes) makes [`check`] read the page again: every problem is then reported at its line
/// and column, as `--check` reports it.
pub fn parse(source: &Source) -> Result<Page, LoadError> {
    let text = source.yaml();
    if let Ok(node) = yaml::read::<wire::Bare>(text) {
        let validated = validate::page(node, text, source.base_dir.as_deref());
        if validated.problems.is_empty() {
            return Ok(validated.page);
        }
    }
    check(source).into_result()
}

/// What [`check`] found in a file.
#[derive(Debug)]
pub struct Checked {
    /// The file's name as shown.
    pub name: String,
    /// The page as far as it could be read, wrong values left out; `None` when the YAML
    /// itself could not be read.
    pub page: Option<Page>,
    /// Every problem, in file order; none when the page loaded.
    pub problems: Vec<Problem>,
    /// Where the values of [`Self::page`] that `--check` reads for warnings stand.
    pub places: Places,
}

impl Checked {
    /// The page, when nothing was wrong with it.
    pub fn into_result(self) -> Result<Page, LoadError> {
        match self.page {
            Some(page) if self.problems.is_empty() => Ok(page),
            // A page that has problems holds one at least; none and no page cannot be.
            _ if self.problems.is_empty() => Err(LoadError::new(
                &self.name,
                LoadErrorKind::Syntax {
                    message: "the page could not be read".into(),
                },
            )),
            _ => Err(LoadError::of(&self.name, self.problems)),
        }
    }
}

/// Reads a source keeping every value's place: every problem at its line and column, and
/// where the page's values stand.
pub fn check(source: &Source) -> Checked {
    let text = source.yaml();
    let name = source.name.clone();
    match yaml::read::<wire::Located>(text) {
        Ok(node) => {
            let validated = validate::page(node, text, source.base_dir.as_deref());
            let mut problems: Vec<Problem> = validated
                .problems
                .into_iter()
                .map(|(place, kind)| match place {
                    Some(place) => Problem::new(kind).at(text, place.index, place.at),
                    None => Problem::new(kind),
                })
                .collect();
            problems.sort_by_key(|p| p.location().map(|l| (l.line, l.column)));
            Checked {
                name,
                page: Some(validated.page),
                problems,
                places: validated.places,
            }
        }
        Err(refusal) => Checked {
            name,
            page: None,
            problems: vec![refused(text, *refusal)],
            places: Vec::new(),
        },
    }
}

/// The problem serde-saphyr's refusal of `text` is.
fn refused(text: &str, (kind, place): yaml::Refusal) -> Problem {
    match place {
        Some((index, location)) => Problem::new(kind).at(text, index, location),
        None => Problem::new(kind),
    }
}

/// `text` without a leading byte-order mark.
fn without_bom(text: &str) -> &str {
    text.strip_prefix('\u{feff}').unwrap_or(text)
}

#[cfg(test)]
mod tests;
