//! [`LoadError`]: why a content file could not be loaded, said so that its author can act.
//!
//! Every message has one shape, used by the viewer, `--print` and `--check` alike:
//!
//! ```text
//! FILE:LINE:COLUMN: error: FIELD.PATH: expected X, found "Y"
//!     |
//!   9 |       rating: 11
//!     |               ^
//! ```
//!
//! and `FILE: error: MESSAGE` when there is no place to point at. Lines and columns are
//! 1-based, columns counted in characters as the YAML parser counts them. Anything quoted
//! from the file (values, keys, the source line) is sanitised first, so a page can never
//! put a control character on the terminal through an error message.

use std::fmt;
use std::io;

use super::quoting::Excerpt;
use crate::text::sanitize::sanitized;

/// A place in a content file: 1-based line and 1-based column, in characters.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Location {
    pub line: usize,
    pub column: usize,
}

/// Why a content file could not be loaded: the file, the place and what is wrong there.
///
/// Boxed, so a `Result<Page, LoadError>` stays small.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LoadError(Box<Details>);

#[derive(Debug, Clone, PartialEq, Eq)]
struct Details {
    /// The file's name as shown: the path as given (sanitised), or the bundled page's path in the source tree.
    file: String,
    /// Where in the file, when the problem has a place.
    location: Option<Location>,
    kind: LoadErrorKind,
    /// The source line around the location, ready to show.
    excerpt: Option<Excerpt>,
}

/// Which kind of nesting went too deep.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Nesting {
    /// `[` and `{` collections.
    Flow,
    /// Indented mappings and `- ` lists.
    Block,
}

/// What is wrong, in terms a content author can act on.
///
/// `path` fields name the value in the page, `reviews.items[1].rating`, and are empty for
/// the top level. `found` fields are ready to show: the file's text quoted (`"11"`), or a
/// description when the value is not a scalar (`a list`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LoadErrorKind {
    /// Nothing exists at the path.
    NotFound,
    /// The path names a directory, a FIFO, a device: something that is not a regular file.
    NotAFile { found: &'static str },
    /// The file exists but could not be read.
    Unreadable { reason: String },
    /// The file is larger than [`super::Limits::max_file_bytes`].
    TooLarge { size: u64, limit: u64 },
    /// The file is not UTF-8; `byte` is the first byte that does not fit.
    NotUtf8 { byte: u8 },
    /// Nothing in the file, or only blank lines and comments.
    Empty { comments_only: bool },
    /// A character YAML does not allow anywhere in a file: most control characters.
    ForbiddenCharacter { c: char },
    /// Not YAML: the parser's own description of the problem.
    Syntax { message: String },
    /// Collections nested deeper than the loader accepts.
    TooDeep { nesting: Nesting, limit: usize },
    /// Aliases (`*name`) expand the page's text past its budget.
    TooMuchText { path: String, limit: u64 },
    /// A value of the wrong type, out of range or malformed.
    Invalid {
        path: String,
        expected: String,
        found: String,
    },
    /// A required key is absent.
    MissingKey { path: String, key: String },
    /// A key the format does not know; `suggestion` is the known key it is closest to.
    UnknownKey {
        path: String,
        key: String,
        suggestion: Option<String>,
        known: Vec<String>,
    },
    /// The same key twice in one mapping.
    DuplicateKey { path: String, key: String },
    /// Anything else the YAML parser reports, such as several documents in one file.
    Other { path: String, message: String },
}

impl LoadError {
    /// An error without a place in the file.
    pub fn new(file: &str, kind: LoadErrorKind) -> Self {
        Self(Box::new(Details {
            file: sanitized(file).into_owned(),
            location: None,
            kind,
            excerpt: None,
        }))
    }

    /// The file's name as shown: the path as given (sanitised), or the bundled page's path in the source tree.
    pub fn file(&self) -> &str {
        &self.0.file
    }

    /// Where in the file, when the problem has a place.
    pub fn location(&self) -> Option<Location> {
        self.0.location
    }

    /// What is wrong.
    pub fn kind(&self) -> &LoadErrorKind {
        &self.0.kind
    }

    /// The error for an I/O failure on `file`.
    pub fn io(file: &str, err: &io::Error) -> Self {
        let kind = match err.kind() {
            io::ErrorKind::NotFound => LoadErrorKind::NotFound,
            io::ErrorKind::PermissionDenied => LoadErrorKind::Unreadable {
                reason: "permission denied".into(),
            },
            _ => LoadErrorKind::Unreadable {
                reason: sanitized(&err.to_string()).into_owned(),
            },
        };
        Self::new(file, kind)
    }

    /// Places the error at byte `index` of `text`, reported as `line`:`column`.
    pub(super) fn at(mut self, text: &str, index: usize, location: Location) -> Self {
        self.0.location = Some(location);
        self.0.excerpt = Some(Excerpt::at(text, index));
        self
    }

    /// Places the error on `line`, whose text is `line_text`, before its `column`-th character.
    pub(super) fn at_line(mut self, line_text: &str, location: Location) -> Self {
        self.0.location = Some(location);
        self.0.excerpt = Some(Excerpt::new(line_text, location.column.saturating_sub(1)));
        self
    }

    /// The field path the error names, if it names one.
    pub fn field_path(&self) -> Option<&str> {
        match &self.0.kind {
            LoadErrorKind::TooMuchText { path, .. }
            | LoadErrorKind::Invalid { path, .. }
            | LoadErrorKind::MissingKey { path, .. }
            | LoadErrorKind::UnknownKey { path, .. }
            | LoadErrorKind::DuplicateKey { path, .. }
            | LoadErrorKind::Other { path, .. } => Some(path),
            _ => None,
        }
    }
}

impl fmt::Display for LoadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let Details {
            file,
            location,
            kind,
            excerpt,
        } = &*self.0;
        match location {
            Some(Location { line, column }) => {
                write!(f, "{file}:{line}:{column}: error: {kind}")?;
                if let Some(excerpt) = excerpt {
                    excerpt.fmt(f, *line)?;
                }
                Ok(())
            }
            None => write!(f, "{file}: error: {kind}"),
        }
    }
}

impl std::error::Error for LoadError {}

/// `path: ` before a message, or nothing at the top level.
struct At<'a>(&'a str);

impl fmt::Display for At<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.0.is_empty() {
            Ok(())
        } else {
            write!(f, "{}: ", self.0)
        }
    }
}

impl fmt::Display for LoadErrorKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::NotFound => f.write_str("no such file"),
            Self::NotAFile { found } => write!(f, "expected a regular file, found {found}"),
            Self::Unreadable { reason } => write!(f, "cannot read the file: {reason}"),
            Self::TooLarge { size, limit } => {
                write!(f, "the file is {}", Size(*size))?;
                if *size >= 1024 {
                    write!(f, " ({size} bytes)")?;
                }
                write!(
                    f,
                    ", over the limit of {}; raise it with --max-size",
                    Size(*limit)
                )
            }
            Self::NotUtf8 { byte } => write!(
                f,
                "expected UTF-8 text, found the byte 0x{byte:02X}; save the file as UTF-8"
            ),
            Self::Empty { comments_only } => write!(
                f,
                "the file {}; a page needs at least `title` and `synopsis`",
                if *comments_only {
                    "has only comments and blank lines"
                } else {
                    "is empty"
                }
            ),
            Self::ForbiddenCharacter { c } => write!(
                f,
                "found {} U+{:04X}, which YAML does not allow; remove it",
                if c.is_control() {
                    "the control character"
                } else {
                    "the non-character"
                },
                u32::from(*c),
            ),
            Self::Syntax { message } => write!(f, "invalid YAML: {message}"),
            Self::TooDeep { nesting, limit } => match nesting {
                Nesting::Flow => write!(
                    f,
                    "`[` and `{{` collections nested more than {limit} deep; layar refuses this"
                ),
                Nesting::Block => write!(
                    f,
                    "indented blocks nested more than {limit} deep; layar refuses this"
                ),
            },
            Self::TooMuchText { path, limit } => write!(
                f,
                "{}the page's text grows past {} through aliases (`*name`); refusing to expand it",
                At(path),
                Size(*limit),
            ),
            Self::Invalid {
                path,
                expected,
                found,
            } => write!(f, "{}expected {expected}, found {found}", At(path)),
            Self::MissingKey { path, key } => {
                write!(f, "{}missing required key `{key}`", At(path))
            }
            Self::UnknownKey {
                path,
                key,
                suggestion,
                known,
            } => {
                write!(f, "{}unknown key `{key}`", At(path))?;
                match (suggestion, known.as_slice()) {
                    (Some(s), _) => write!(f, "; did you mean `{s}`?"),
                    (None, []) => Ok(()),
                    (None, known) => write!(f, "; expected one of `{}`", known.join("`, `")),
                }
            }
            Self::DuplicateKey { path, key } => {
                write!(f, "{}key `{key}` appears twice", At(path))
            }
            Self::Other { path, message } => write!(f, "{}{message}", At(path)),
        }
    }
}

/// A byte count for people: `64 MiB`, `1.5 MiB`, `900 KiB`, `12 bytes`.
struct Size(u64);

impl fmt::Display for Size {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        const KIB: u64 = 1024;
        const MIB: u64 = 1024 * 1024;
        let (unit, name) = match self.0 {
            n if n >= MIB => (MIB, "MiB"),
            n if n >= KIB => (KIB, "KiB"),
            n => return write!(f, "{n} bytes"),
        };
        let (whole, tenths) = (self.0 / unit, self.0 % unit * 10 / unit);
        if tenths == 0 {
            write!(f, "{whole} {name}")
        } else {
            write!(f, "{whole}.{tenths} {name}")
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::quoting::quote;
    use super::*;

    fn shown(e: &LoadError) -> String {
        e.to_string()
    }

    #[test]
    fn message_with_location_shows_the_line_and_a_caret() {
        let text = "title: x\nreviews:\n  items:\n    - author: a\n      rating: 11\n";
        let index = text.find("11").unwrap_or_default();
        let e = LoadError::new(
            "f.yaml",
            LoadErrorKind::Invalid {
                path: "reviews.items[0].rating".into(),
                expected: "a number from 0 to 10".into(),
                found: quote("11"),
            },
        )
        .at(
            text,
            index,
            Location {
                line: 5,
                column: 15,
            },
        );
        assert_eq!(
            shown(&e),
            "f.yaml:5:15: error: reviews.items[0].rating: expected a number from 0 to 10, \
             found \"11\"\n    |\n  5 |       rating: 11\n    |               ^"
        );
    }

    #[test]
    fn message_without_location_is_one_line() {
        let e = LoadError::new(
            "dir",
            LoadErrorKind::NotAFile {
                found: "a directory",
            },
        );
        assert_eq!(
            shown(&e),
            "dir: error: expected a regular file, found a directory"
        );
    }

    #[test]
    fn file_names_are_sanitised() {
        let e = LoadError::new("a\u{1b}[31mb\n.yaml", LoadErrorKind::NotFound);
        assert_eq!(shown(&e), "a[31mb .yaml: error: no such file");
    }

    #[test]
    fn io_errors_map_to_kinds() {
        let denied = io::Error::from(io::ErrorKind::PermissionDenied);
        assert_eq!(
            shown(&LoadError::io("secret.yaml", &denied)),
            "secret.yaml: error: cannot read the file: permission denied"
        );
        let missing = io::Error::from(io::ErrorKind::NotFound);
        assert_eq!(
            LoadError::io("x", &missing).kind(),
            &LoadErrorKind::NotFound
        );
    }

    #[test]
    fn sizes_read_well() {
        assert_eq!(Size(64 << 20).to_string(), "64 MiB");
        assert_eq!(Size(3 << 19).to_string(), "1.5 MiB");
        assert_eq!(Size(2048).to_string(), "2 KiB");
        assert_eq!(Size(12).to_string(), "12 bytes");
    }
}
