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
//! - `file`: reading the bytes, in bounded pieces, and refusing what is not UTF-8 text.
//! - `error`: [`LoadError`] and the one message format every output shares;
//!   `quoting` shows the file's own text in it, sanitised and cut to fit.
//! - `syntax`: plain words for the YAML mistakes authors make most.
//! - `rules`: what each value must be; `suggest`: the key a misspelt one is closest to.
//! - `places`: where values stand in the file, as the parser reported them; `lines`:
//!   the line a part of the page is on, for an editor.

mod allowance;
mod error;
mod file;
mod lines;
mod places;
mod quoting;
mod rules;
mod suggest;
mod syntax;
mod validate;
mod wire;
mod yaml;

use std::path::{Path, PathBuf};

pub use error::{Encoding, Expansion, LoadError, LoadErrorKind, Location, Nesting, Problem};
pub use file::{STDIN_NAME, STDIN_PATH, read};
pub use lines::line_of;
pub use places::{Field, ItemIndex, Place, Places};
pub use quoting::Excerpt;
#[cfg(test)]
pub(crate) use rules::is_language_tag;
#[cfg(test)]
pub(crate) use rules::{LANGUAGE_TAGS, NOT_LANGUAGE_TAGS};

use crate::model::{Page, Reviews};

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

/// How many problems a load error lists; the others are only counted. A file can have a
/// problem per line: a report of millions would take long to write and much memory to
/// hold, and say nothing the first thousand do not.
pub const MAX_PROBLEMS: usize = 1000;

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

/// A first look at a big page, to show while the rest of it is read: its title,
/// synopsis and screenshots, when the file has them before its `reviews` key and they
/// are as a whole read would take them. Its reviews section is there, empty: the
/// reviews are still to be read, by [`parse`].
///
/// `None` when the page does not start so, or the head has any problem: [`parse`] then
/// reports it, at its place. Reading a head costs what its own lines cost, not the file's.
pub fn head(source: &Source) -> Option<Page> {
    let text = source.yaml();
    let fields = yaml::head(text)?;
    let node = wire::At {
        value: wire::Node::Ok(wire::Mapping {
            fields,
            extra: Vec::new(),
        }),
        place: (),
    };
    let mut validated = validate::page::<wire::Bare>(node, text, source.base_dir.as_deref());
    if !validated.problems.is_empty() {
        return None;
    }
    validated.page.reviews = Some(Reviews {
        heading: None,
        items: Vec::new(),
    });
    Some(validated.page)
}

/// The JSON Schema of the format's wire types, as schemars generates it from them:
/// every mapping's keys, which are required, and each value's type. The rules the
/// types cannot say are [`crate::schema`]'s.
pub fn wire_schema() -> schemars::Schema {
    schemars::generate::SchemaSettings::draft2020_12()
        .into_generator()
        .into_root_schema_for::<wire::PageWire<wire::Bare>>()
}

/// What [`check`] found in a file.
#[derive(Debug)]
pub struct Checked {
    /// The file's name as shown.
    pub name: String,
    /// The page as far as it could be read, wrong values left out; `None` when the YAML
    /// itself could not be read.
    pub page: Option<Page>,
    /// Every problem, in file order, up to [`MAX_PROBLEMS`]; none when the page loaded.
    pub problems: Vec<Problem>,
    /// Problems found past [`MAX_PROBLEMS`], only counted.
    pub more: usize,
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
                    code: crate::diagnostic::Code::YamlSyntax,
                    message: "the page could not be read".into(),
                },
            )),
            _ => Err(LoadError::of(&self.name, self.problems).with_more(self.more)),
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
                    Some(place) => Problem::new(kind).at(text, place.index(), place.at()),
                    None => Problem::new(kind),
                })
                .collect();
            problems.sort_by_key(|p| p.location().map(|l| (l.line, l.column)));
            Checked {
                name,
                page: Some(validated.page),
                problems,
                more: validated.more,
                places: validated.places,
            }
        }
        Err(refusal) => Checked {
            name,
            page: None,
            problems: vec![refused(text, *refusal)],
            more: 0,
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
