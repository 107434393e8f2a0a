//! [`LoadError`]: why a content file could not be loaded, said so that its author can act.
//!
//! A load error holds every [`Problem`] found in the file, in file order. Each one has
//! one shape, used by the viewer, `--print` and `--check` alike:
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
use crate::diagnostic::Code;
use crate::text::escape::escaped;
use crate::text::sanitize::sanitized;

/// A place in a content file: 1-based line and 1-based column, in characters.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Location {
    pub line: usize,
    pub column: usize,
}

/// Why a content file could not be loaded: the file, and every problem found in it.
///
/// Boxed, so a `Result<Page, LoadError>` stays small.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LoadError(Box<Details>);

#[derive(Debug, Clone, PartialEq, Eq)]
struct Details {
    /// The file's name as shown: the path as given (escaped), or the bundled page's path in the source tree.
    file: String,
    /// Never empty; in file order.
    problems: Vec<Problem>,
    /// Problems found past those listed ([`super::MAX_PROBLEMS`]).
    more: usize,
}

/// One thing wrong in a content file, at its place when it has one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// Where in the file, when the problem has a place.
    location: Option<Location>,
    kind: LoadErrorKind,
    /// The source line around the location, ready to show.
    excerpt: Option<Excerpt>,
}

impl Problem {
    /// A problem without a place in the file.
    pub fn new(kind: LoadErrorKind) -> Self {
        Self {
            location: None,
            kind,
            excerpt: None,
        }
    }

    /// Places the problem at byte `index` of `text`, reported as `location`.
    pub(super) fn at(mut self, text: &str, index: usize, location: Location) -> Self {
        self.location = Some(location);
        self.excerpt = Some(Excerpt::at(text, index));
        self
    }

    /// Places the problem at `location`, shown by `excerpt`.
    pub(super) fn with_excerpt(mut self, location: Location, excerpt: Excerpt) -> Self {
        self.location = Some(location);
        self.excerpt = Some(excerpt);
        self
    }

    /// Where in the file, when the problem has a place.
    pub fn location(&self) -> Option<Location> {
        self.location
    }

    /// What is wrong.
    pub fn kind(&self) -> &LoadErrorKind {
        &self.kind
    }

    /// The source line with a caret under the place, when there is one.
    pub fn excerpt(&self) -> Option<&Excerpt> {
        self.excerpt.as_ref()
    }

    /// The problem's lines, after `FILE` and the severity's word (`error`).
    pub fn fmt_as(&self, f: &mut fmt::Formatter<'_>, file: &str, severity: &str) -> fmt::Result {
        match self.location {
            Some(Location { line, column }) => {
                write!(f, "{file}:{line}:{column}: {severity}: {}", self.kind)?;
                if let Some(excerpt) = &self.excerpt {
                    excerpt.fmt(f, line)?;
                }
                Ok(())
            }
            None => write!(f, "{file}: {severity}: {}", self.kind),
        }
    }
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
    /// Input read as a stream (standard input, or a file that grew while it was read)
    /// went on past the size limit: how long it is in all is not known.
    LongerThan { limit: u64 },
    /// The file is not UTF-8; `byte` is the first byte that does not fit.
    NotUtf8 { byte: u8 },
    /// The file is text in another encoding, as its first bytes show.
    NotUtf8Text { encoding: Encoding },
    /// A NUL byte: no text file holds one.
    Binary,
    /// The system could not give the memory to read the file; `read` bytes were read.
    OutOfMemory { read: usize },
    /// Nothing in the file, or only blank lines and comments.
    Empty { comments_only: bool },
    /// A character YAML does not allow anywhere in a file: most control characters.
    ForbiddenCharacter { c: char },
    /// Not YAML: what is wrong, in plain words where layar knows the mistake, else in
    /// the parser's; `code` names the mistake.
    Syntax { code: Code, message: String },
    /// Collections nested deeper than the loader accepts.
    TooDeep { nesting: Nesting, limit: usize },
    /// Aliases (`*name`) expand the page past its budget; `anchor_line` is where the
    /// anchored value they repeat starts, when known.
    TooMuchExpansion {
        limit: Expansion,
        anchor_line: Option<usize>,
    },
    /// Keeping the page's values would take more than `limit` bytes of memory, what its
    /// size allows.
    TooManyValues { limit: u64 },
    /// Aliases to the value anchored `&anchor` make the page take more than `limit`
    /// bytes of memory: placed at an alias, or at the anchored value.
    AliasesTooBig { anchor: String, limit: u64 },
    /// A value of the wrong type, out of range or malformed; `code` says which, `hint`
    /// what to write instead, where layar knows.
    Invalid {
        code: Code,
        path: String,
        expected: String,
        found: String,
        hint: Option<String>,
    },
    /// A required value written as null (`~`, `null`, or nothing): a missing value.
    Null { path: String, expected: String },
    /// A merge key (`<<`), which the format does not take.
    MergeKey { path: String },
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
}

/// A text encoding other than UTF-8, as the start of a file shows it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Encoding {
    /// `UTF-16` or `UTF-32`.
    pub name: &'static str,
    pub little_endian: bool,
    /// Whether the file starts with a byte-order mark; without one, the encoding is a
    /// guess from where the zero bytes fall.
    pub bom: bool,
}

impl fmt::Display for Encoding {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let order = if self.little_endian {
            "little-endian"
        } else {
            "big-endian"
        };
        if self.bom {
            write!(
                f,
                "the file is {} text ({order}, with a byte-order mark)",
                self.name
            )
        } else {
            write!(
                f,
                "the file looks like {} text ({order}, without a byte-order mark: every other \
                 byte is 0)",
                self.name
            )
        }
    }
}

/// Which budget aliases went past.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Expansion {
    /// The page's text, in bytes.
    Text(u64),
    /// The number of values (scalars, lists, mappings) the parser yields, and of the
    /// aliases and anchors that make them.
    Values,
}

impl LoadError {
    /// An error without a place in the file.
    pub fn new(file: &str, kind: LoadErrorKind) -> Self {
        Self::of(file, vec![Problem::new(kind)])
    }

    /// The error for `problems` in `file`: at least one, in file order.
    pub(super) fn of(file: &str, problems: Vec<Problem>) -> Self {
        debug_assert!(!problems.is_empty());
        Self(Box::new(Details {
            file: escaped(file).into_owned(),
            problems,
            more: 0,
        }))
    }

    /// The error with `more` problems found past those it lists.
    pub(super) fn with_more(mut self, more: usize) -> Self {
        self.0.more = more;
        self
    }

    /// How many problems were found past those listed ([`super::MAX_PROBLEMS`]).
    pub fn more(&self) -> usize {
        self.0.more
    }

    /// The file's name as shown: the path as given (escaped), or the bundled page's path in the source tree.
    pub fn file(&self) -> &str {
        &self.0.file
    }

    /// Every problem found, in file order.
    pub fn problems(&self) -> &[Problem] {
        &self.0.problems
    }

    /// Where in the file the first problem is, when it has a place.
    pub fn location(&self) -> Option<Location> {
        self.0.problems.first().and_then(Problem::location)
    }

    /// What is wrong first.
    pub fn kind(&self) -> &LoadErrorKind {
        // Never empty: every constructor gives a problem.
        &self.0.problems[0].kind
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
}

impl fmt::Display for LoadError {
    /// Each problem in the one shape, one after another.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, problem) in self.0.problems.iter().enumerate() {
            if i > 0 {
                f.write_str("\n")?;
            }
            problem.fmt_as(f, &self.0.file, "error")?;
        }
        match self.0.more {
            0 => Ok(()),
            1 => write!(f, "\n{}: note: 1 more error, not shown", self.0.file),
            n => write!(f, "\n{}: note: {n} more errors, not shown", self.0.file),
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
    // One short arm per kind: splitting the match would only hide that.
    #[allow(clippy::too_many_lines)]
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
            Self::LongerThan { limit } => write!(
                f,
                "the input goes on past the limit of {}; raise it with --max-size",
                Size(*limit)
            ),
            Self::NotUtf8 { byte } => write!(
                f,
                "expected UTF-8 text, found the byte 0x{byte:02X}; save the file as UTF-8"
            ),
            Self::NotUtf8Text { encoding } => {
                write!(f, "{encoding}; layar reads UTF-8: save it as UTF-8")
            }
            Self::Binary => f.write_str(
                "found a NUL byte: the file holds binary data, not text; a page is UTF-8 text",
            ),
            Self::OutOfMemory { read } => write!(
                f,
                "not enough memory to read the file (after {} of it)",
                Size(*read as u64)
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
            Self::TooMuchExpansion { limit, anchor_line } => {
                match limit {
                    Expansion::Text(bytes) => write!(
                        f,
                        "aliases (`*name`) make the page's text grow past {}",
                        Size(*bytes)
                    )?,
                    Expansion::Values => {
                        f.write_str(
                            "aliases (`*name`) multiply the page's values past what its size \
                             allows",
                        )?;
                    }
                }
                f.write_str("; refusing to expand them")?;
                match anchor_line {
                    Some(line) => write!(f, " (this alias repeats the value on line {line})"),
                    None => Ok(()),
                }
            }
            Self::TooManyValues { limit } => write!(
                f,
                "the page holds too many values for its size: keeping them would take more \
                 than {} of memory ({}); layar refuses this",
                Size(*limit),
                Allowance
            ),
            Self::AliasesTooBig { anchor, limit } => write!(
                f,
                "aliases (`*{anchor}`) make the page take more than {} of memory ({}); \
                 refusing to expand them",
                Size(*limit),
                Allowance
            ),
            Self::Syntax { message, .. } => f.write_str(message),
            Self::Invalid {
                code: _,
                path,
                expected,
                found,
                hint,
            } => {
                write!(f, "{}expected {expected}, found {found}", At(path))?;
                match hint {
                    Some(hint) => write!(f, "; {hint}"),
                    None => Ok(()),
                }
            }
            Self::Null { path, expected } => {
                write!(f, "`{path}` is empty (null): expected {expected}")
            }
            Self::MergeKey { path } => write!(
                f,
                "{}merge keys (`<<`) are not supported; repeat the fields instead",
                At(path)
            ),
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
        }
    }
}

impl LoadErrorKind {
    /// The stable name of this kind of problem.
    pub fn code(&self) -> Code {
        match self {
            Self::NotFound => Code::NotFound,
            Self::NotAFile { .. } => Code::NotAFile,
            Self::Unreadable { .. } => Code::Unreadable,
            Self::TooLarge { .. } | Self::LongerThan { .. } => Code::TooLarge,
            Self::NotUtf8 { .. } | Self::NotUtf8Text { .. } => Code::NotUtf8,
            Self::Binary => Code::Binary,
            Self::OutOfMemory { .. } => Code::OutOfMemory,
            Self::Empty { .. } => Code::Empty,
            Self::ForbiddenCharacter { .. } => Code::ForbiddenCharacter,
            Self::Syntax { code, .. } | Self::Invalid { code, .. } => *code,
            Self::TooDeep { .. } => Code::TooDeep,
            Self::TooMuchExpansion { .. } | Self::AliasesTooBig { .. } => Code::AliasExpansion,
            Self::TooManyValues { .. } => Code::TooManyValues,
            Self::Null { .. } => Code::NullValue,
            Self::MergeKey { .. } => Code::MergeKey,
            Self::MissingKey { .. } => Code::MissingKey,
            Self::UnknownKey { .. } => Code::UnknownKey,
            Self::DuplicateKey { .. } => Code::DuplicateKey,
        }
    }

    /// The field path the problem is about, `reviews.items[1].rating`: the value's, or
    /// for a key, the key's under its mapping. `None` for the file, its YAML, and the
    /// page as a whole.
    pub fn path(&self) -> Option<String> {
        let joined = |path: &str, key: &str| {
            if path.is_empty() {
                key.to_owned()
            } else {
                format!("{path}.{key}")
            }
        };
        let path = match self {
            Self::Invalid { path, .. } | Self::Null { path, .. } => path.clone(),
            Self::MergeKey { path } => joined(path, "<<"),
            Self::MissingKey { path, key }
            | Self::UnknownKey { path, key, .. }
            | Self::DuplicateKey { path, key } => joined(path, key),
            _ => return None,
        };
        Some(path).filter(|p| !p.is_empty())
    }
}

/// How the memory a page may take is reckoned, for a message.
struct Allowance;

impl fmt::Display for Allowance {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} times the file, plus {}",
            super::allowance::FACTOR,
            Size(super::allowance::FLOOR as u64)
        )
    }
}

/// A byte count for people: `64 MiB`, `1.5 MiB`, `900 KiB`, `12 bytes`, `1 byte`.
pub(crate) struct Size(pub u64);

impl fmt::Display for Size {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        const KIB: u64 = 1024;
        const MIB: u64 = 1024 * 1024;
        let (unit, name) = match self.0 {
            n if n >= MIB => (MIB, "MiB"),
            n if n >= KIB => (KIB, "KiB"),
            1 => return f.write_str("1 byte"),
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
        let problem = Problem::new(LoadErrorKind::Invalid {
            code: Code::RatingRange,
            path: "reviews.items[0].rating".into(),
            expected: "a number from 0 to 10".into(),
            found: quote("11"),
            hint: None,
        })
        .at(
            text,
            index,
            Location {
                line: 5,
                column: 15,
            },
        );
        let e = LoadError::of("f.yaml", vec![problem]);
        assert_eq!(
            shown(&e),
            "f.yaml:5:15: error: reviews.items[0].rating: expected a number from 0 to 10, \
             found \"11\"\n    |\n  5 |       rating: 11\n    |               ^"
        );
    }

    #[test]
    fn every_problem_is_shown_in_turn() {
        let text = "title: T\nheding: x\n";
        let unknown = Problem::new(LoadErrorKind::UnknownKey {
            path: String::new(),
            key: "heding".into(),
            suggestion: None,
            known: vec!["title".into()],
        })
        .at(text, 9, Location { line: 2, column: 1 });
        let missing = Problem::new(LoadErrorKind::MissingKey {
            path: String::new(),
            key: "synopsis".into(),
        })
        .at(text, 0, Location { line: 1, column: 1 });
        let e = LoadError::of("f.yaml", vec![missing, unknown]);
        assert_eq!(e.location(), Some(Location { line: 1, column: 1 }));
        assert_eq!(e.problems().len(), 2);
        assert_eq!(
            shown(&e),
            "f.yaml:1:1: error: missing required key `synopsis`\n    |\n  1 | title: T\n    | ^\n\
             f.yaml:2:1: error: unknown key `heding`; expected one of `title`\n    |\n  2 | \
             heding: x\n    | ^"
        );
    }

    #[test]
    fn paths_name_the_value_or_the_key_under_its_mapping() {
        let missing = LoadErrorKind::MissingKey {
            path: "reviews.items[2]".into(),
            key: "author".into(),
        };
        assert_eq!(missing.path().as_deref(), Some("reviews.items[2].author"));
        assert_eq!(missing.code(), Code::MissingKey);
        let top = LoadErrorKind::UnknownKey {
            path: String::new(),
            key: "synopis".into(),
            suggestion: Some("synopsis".into()),
            known: Vec::new(),
        };
        assert_eq!(top.path().as_deref(), Some("synopis"));
        let page = LoadErrorKind::Invalid {
            code: Code::WrongType,
            path: String::new(),
            expected: "a mapping".into(),
            found: "a list".into(),
            hint: None,
        };
        assert_eq!(page.path(), None, "the page as a whole");
        assert_eq!(page.code(), Code::WrongType);
        assert_eq!(LoadErrorKind::NotFound.path(), None);
        let utf16 = LoadErrorKind::NotUtf8Text {
            encoding: Encoding {
                name: "UTF-16",
                little_endian: true,
                bom: true,
            },
        };
        assert_eq!(utf16.code(), Code::NotUtf8);
    }

    #[test]
    fn alias_refusals_name_the_anchor() {
        let kind = LoadErrorKind::TooMuchExpansion {
            limit: Expansion::Text(1 << 20),
            anchor_line: Some(7),
        };
        assert_eq!(
            kind.to_string(),
            "aliases (`*name`) make the page's text grow past 1 MiB; refusing to expand them \
             (this alias repeats the value on line 7)"
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
    fn file_names_are_escaped() {
        let e = LoadError::new("a\u{1b}[31mb\n.yaml", LoadErrorKind::NotFound);
        assert_eq!(shown(&e), "a\\e[31mb\\n.yaml: error: no such file");
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
