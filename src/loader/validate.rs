//! From the wire to the model, checking every value: one pass that builds the page and
//! collects every problem with its place.
//!
//! The page is built even when values are wrong (a wrong value is left out, a missing
//! title is empty), so that `--check` can read it for warnings too. The loader gives it
//! to the viewer only when nothing was wrong. Strings move from the wire into the model:
//! text is cleaned in place and split into paragraphs inside its own string.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use super::error::LoadErrorKind;
use super::places::{Field, ItemIndex, Place, Places};
use super::quoting::{one_line, quote};
use super::rules::{self, Refused, TextRule};
use super::suggest::closest;
use super::wire::{
    At, Entry, Fields, Item, Mapping, Node, PageNode, Prose, Raw, ReviewWire, ReviewsWire,
    ScreenshotWire, ScreenshotsWire, Spans, Spelt, SynopsisWire, Text,
};
use crate::diagnostic::Code;
use crate::model::{Date, Image, Page, Rating, Review, Reviews, Screenshot, Screenshots, Synopsis};
use crate::text::paragraphs;

const PAGE: &str = "a mapping with `title` and `synopsis` at the top level";
const SYNOPSIS: &str = "a mapping with `text` and an optional `heading`";
const SECTION: &str = "a mapping with `items` and an optional `heading`";
const SCREENSHOT: &str = "a mapping with `caption` and an optional `image`";
const REVIEW: &str = "a mapping with `author`, `text` and optionally `rating` and `date`";
const LIST: &str = "a list";
/// YAML's merge key, which the format does not take.
const MERGE_KEY: &str = "<<";

/// A problem found, at its place when the read kept places.
pub(super) type Finding = (Option<Place>, LoadErrorKind);

/// What validating a page gives.
pub(super) struct Validated {
    pub page: Page,
    /// Every problem, roughly in file order, up to [`super::MAX_PROBLEMS`].
    pub problems: Vec<Finding>,
    /// Problems found past those, only counted.
    pub more: usize,
    /// Where the values `--check` reads for warnings stand, when the read kept places.
    pub places: Places,
}

/// Validates the page read from `text`; image paths resolve against `base_dir`.
pub(super) fn page<S: Spans>(node: PageNode<S>, text: &str, base_dir: Option<&Path>) -> Validated {
    let mut check = Check {
        text,
        base_dir,
        path: Vec::new(),
        problems: Vec::new(),
        more: 0,
        places: Vec::new(),
    };
    let page = check.page(node);
    Validated {
        page,
        problems: check.problems,
        more: check.more,
        places: check.places,
    }
}

/// One step of a field path: `reviews`, `items`, `[1]`.
#[derive(Clone, Copy)]
enum Step {
    Key(&'static str),
    Index(usize),
}

/// A mapping of the format, opened.
struct Opened<F> {
    fields: F,
    place: Option<Place>,
    /// The known keys its unknown keys look like misspellings of.
    suggested: Vec<&'static str>,
    /// Whether it has a merge key (`<<`): its missing keys were meant to come from there.
    merged: bool,
}

/// A leaf's value, as text where it is text.
enum Leaf {
    Absent,
    Null(Option<Place>),
    /// Text, or a number or boolean as the file spells it.
    Text(String, Option<Place>),
    /// Something else: a collection, or a number or boolean read without its place.
    Other(Raw, Option<Place>),
}

struct Check<'a> {
    text: &'a str,
    base_dir: Option<&'a Path>,
    path: Vec<Step>,
    problems: Vec<Finding>,
    more: usize,
    places: Places,
}

impl Check<'_> {
    fn page<S: Spans>(&mut self, node: PageNode<S>) -> Page {
        let mut page = Page {
            title: String::new(),
            language: None,
            synopsis: Synopsis {
                heading: None,
                language: None,
                paragraphs: paragraphs::Paragraphs::default(),
            },
            screenshots: None,
            reviews: None,
        };
        let nothing = S::place(&node.place).is_none_or(|p| p.source().is_empty());
        if matches!(node.value, Node::Wrong(Raw::Null)) && nothing {
            let comments_only = !self.text.trim().is_empty();
            self.report(None, LoadErrorKind::Empty { comments_only });
            return page;
        }
        let Some(m) = self.mapping(node, PAGE, false) else {
            return page;
        };
        let f = m.fields;
        let title = self.text("title", f.title, TextRule::Title, true, Some(Field::Title));
        page.title = title.unwrap_or_default();
        page.language = self.text("language", f.language, TextRule::Language, false, None);
        if let Some(entry) = f.synopsis {
            page.synopsis = self.within("synopsis", |c| c.synopsis(entry.value));
        }
        if let Some(entry) = f.screenshots {
            let key = S::place(&entry.key).cloned();
            page.screenshots = self.within("screenshots", |c| c.screenshots(key, entry.value));
        }
        if let Some(entry) = f.reviews {
            let key = S::place(&entry.key).cloned();
            page.reviews = self.within("reviews", |c| c.reviews(key, entry.value));
        }
        page
    }

    fn synopsis<S: Spans>(&mut self, node: Item<Mapping<SynopsisWire<S>, S>, S>) -> Synopsis {
        let mut synopsis = Synopsis {
            heading: None,
            language: None,
            paragraphs: paragraphs::Paragraphs::default(),
        };
        if let Some(m) = self.mapping(node, SYNOPSIS, false) {
            let f = m.fields;
            let heading = Some(Field::SynopsisHeading);
            synopsis.heading = self.text("heading", f.heading, TextRule::Line, false, heading);
            if let Some(text) = self.prose(f.text, Field::SynopsisText) {
                synopsis.paragraphs = text;
            }
            let language = f.language;
            synopsis.language = self.text("language", language, TextRule::Language, false, None);
        }
        synopsis
    }

    /// The screenshots section, whose `screenshots:` key is at `key`.
    fn screenshots<S: Spans>(
        &mut self,
        key: Option<Place>,
        node: Item<Mapping<ScreenshotsWire<S>, S>, S>,
    ) -> Option<Screenshots> {
        let m = self.mapping(node, SECTION, true)?;
        let f = m.fields;
        let heading = Some(Field::ScreenshotsHeading);
        let heading = self.text("heading", f.heading, TextRule::Line, false, heading);
        let list = self.list("items", f.items);
        if list.is_some() {
            self.record(Field::Screenshots, key);
        }
        let list = list.unwrap_or_default();
        let mut items = Vec::with_capacity(list.len());
        for (i, item) in list.into_iter().enumerate() {
            let index = ItemIndex {
                model: items.len(),
                file: i,
            };
            let shot = self.within("items", |c| c.at_index(i, |c| c.screenshot(index, item)));
            items.extend(shot);
        }
        Some(Screenshots { heading, items })
    }

    /// The screenshot at `index`.
    fn screenshot<S: Spans>(
        &mut self,
        index: ItemIndex,
        node: Item<Mapping<ScreenshotWire<S>, S>, S>,
    ) -> Option<Screenshot> {
        let m = self.mapping(node, SCREENSHOT, false)?;
        let f = m.fields;
        let caption = Some(Field::Caption(index));
        let caption = self.text("caption", f.caption, TextRule::Line, true, caption);
        let image = Some(Field::Image(index));
        let image = self.text("image", f.image, TextRule::Image, false, image);
        Some(Screenshot {
            caption: caption.unwrap_or_default(),
            image: image.map(|path| self.image(path)),
        })
    }

    /// The image at `path` as written, looked at once: its header's facts, or what
    /// is wrong with it (see [`crate::picture::probe`]).
    fn image(&self, path: String) -> Image {
        let path = PathBuf::from(path);
        // Joined to the content file's folder; the bundled page's stay relative.
        let path = match self.base_dir {
            Some(dir) if !dir.as_os_str().is_empty() => dir.join(path),
            _ => path,
        };
        let status = crate::picture::probe::probe(&path);
        Image { path, status }
    }

    /// The reviews section, whose `reviews:` key is at `key`.
    fn reviews<S: Spans>(
        &mut self,
        key: Option<Place>,
        node: Item<Mapping<ReviewsWire<S>, S>, S>,
    ) -> Option<Reviews> {
        let m = self.mapping(node, SECTION, true)?;
        let f = m.fields;
        let heading = Some(Field::ReviewsHeading);
        let heading = self.text("heading", f.heading, TextRule::Line, false, heading);
        let list = self.list("items", f.items);
        if list.is_some() {
            self.record(Field::Reviews, key);
        }
        let list = list.unwrap_or_default();
        let mut items = Vec::with_capacity(list.len());
        for (i, item) in list.into_iter().enumerate() {
            let index = ItemIndex {
                model: items.len(),
                file: i,
            };
            let review = self.within("items", |c| c.at_index(i, |c| c.review(index, item)));
            items.extend(review);
        }
        Some(Reviews { heading, items })
    }

    /// The review at `index`.
    fn review<S: Spans>(
        &mut self,
        index: ItemIndex,
        node: Item<Mapping<ReviewWire<S>, S>, S>,
    ) -> Option<Review> {
        let m = self.mapping(node, REVIEW, false)?;
        let f = m.fields;
        let author = Some(Field::Author(index));
        let author = self.text("author", f.author, TextRule::Author, true, author);
        let rating = self.within("rating", |c| c.rating(f.rating));
        let date = self.within("date", |c| c.date(f.date));
        let text = self.prose(f.text, Field::ReviewText(index));
        let language = self.text("language", f.language, TextRule::Language, false, None);
        Some(Review {
            author: author.unwrap_or_default(),
            rating,
            date,
            language,
            paragraphs: text.unwrap_or_default(),
        })
    }

    /// Running text at `text`, as paragraphs: a blank line starts one, whatever the
    /// scalar style (see [`Place::folds_lines`]).
    fn prose<S: Spans>(
        &mut self,
        entry: Option<Entry<Prose<S>, S>>,
        field: Field,
    ) -> Option<paragraphs::Paragraphs> {
        let Entry { key, value } = entry?;
        let Prose(Spelt {
            value: text,
            place: spelt,
        }) = value.value;
        let folded = match (&text.0, &spelt) {
            (Raw::Text(s), Some(spelt)) => spelt.folds_lines(self.text, s),
            _ => false,
        };
        let entry = Entry {
            key,
            value: At {
                value: text,
                place: value.place,
            },
        };
        let text = self.text("text", Some(entry), TextRule::Prose, true, Some(field))?;
        Some(if folded {
            paragraphs::split_lines_owned(text)
        } else {
            paragraphs::split_owned(text)
        })
    }

    /// The rating at `entry`: a number from 0 to 10, written in decimal.
    fn rating<S: Spans>(&mut self, entry: Option<Entry<Spelt<Raw>, S>>) -> Option<Rating> {
        let at = entry?.value;
        let place = S::place(&at.place).cloned();
        let Spelt {
            value,
            place: spelt,
        } = at.value;
        let spelling = spelt.as_ref().map(|p| p.slice(self.text));
        let wrong = |hint| (Refused::new(Code::WrongType, rules::RATING), hint);
        let (refused, hint) = match &value {
            Raw::Null => return None,
            Raw::Number(v) => match (rules::rating(*v), spelling.map(rules::rating_spelling)) {
                (Ok(rating), None | Some(Ok(()))) => return Some(rating),
                (_, Some(Err(hint))) => (
                    Refused::new(Code::RatingSpelling, rules::RATING),
                    Some(hint),
                ),
                (Err(refused), _) => (refused, None),
            },
            Raw::Text(s) => match rules::quoted_rating(s) {
                Some(hint) => (Refused::new(Code::RatingQuoted, rules::RATING), Some(hint)),
                None => wrong(None),
            },
            _ => wrong(None),
        };
        let found = self.found(&value, place.as_ref());
        self.invalid_with(place, refused, found, hint);
        None
    }

    fn date<S: Spans>(&mut self, entry: Option<Entry<Text<S>, S>>) -> Option<Date> {
        let (refused, found, place) = match self.leaf(entry) {
            Leaf::Absent | Leaf::Null(_) => return None,
            Leaf::Text(s, place) => match rules::date(&s) {
                Ok(date) => return Some(date),
                Err(refused) => (refused, quote(&s), place),
            },
            Leaf::Other(raw, place) => {
                let refused = Refused::new(Code::WrongType, rules::DATE);
                (refused, self.found(&raw, place.as_ref()), place)
            }
        };
        self.invalid(place, refused, found);
        None
    }

    /// The text at `key` under `rule`; `field` names it for `--check`'s warnings.
    fn text<S: Spans>(
        &mut self,
        key: &'static str,
        entry: Option<Entry<Text<S>, S>>,
        rule: TextRule,
        required: bool,
        field: Option<Field>,
    ) -> Option<String> {
        let (refused, found, place) = match self.leaf(entry) {
            Leaf::Absent => return None,
            Leaf::Null(_) if !required => return None,
            Leaf::Null(place) => {
                self.within(key, |c| c.null(place, rule.expected()));
                return None;
            }
            Leaf::Text(mut s, place) => match rule.apply(&mut s) {
                Ok(()) => {
                    if let (Some(field), Some(place)) = (field, place) {
                        self.places.push((field, place));
                    }
                    return Some(s);
                }
                Err(refused) => (refused, quote(&s), place),
            },
            Leaf::Other(raw, place) => {
                let refused = Refused::new(Code::WrongType, rule.expected());
                (refused, self.found(&raw, place.as_ref()), place)
            }
        };
        self.within(key, |c| c.invalid(place, refused, found));
        None
    }

    /// A leaf's value as text where it is text: a number or boolean is taken as the file
    /// spells it (`1917`, not a float), which needs its place.
    fn leaf<S: Spans>(&self, entry: Option<Entry<Text<S>, S>>) -> Leaf {
        let Some(entry) = entry else {
            return Leaf::Absent;
        };
        // A value written as nothing (`key:`, an empty `|` block) is placed at its key.
        let mut place = S::place(&entry.value.place)
            .filter(|p| !p.source().is_empty())
            .or(S::place(&entry.key))
            .cloned();
        match entry.value.value.0 {
            Raw::Null => Leaf::Null(place),
            Raw::Text(s) => {
                if let Some(place) = &mut place {
                    place.double_quoted = is_double_quoted(place.slice(self.text), &s);
                }
                Leaf::Text(s, place)
            }
            raw @ (Raw::Number(_) | Raw::Bool(_)) => match place {
                Some(place) => Leaf::Text(place.slice(self.text).to_owned(), Some(place)),
                // Only a read with places has these here (see `wire::Bare`).
                None => Leaf::Other(raw, None),
            },
            raw @ (Raw::List | Raw::Mapping) => Leaf::Other(raw, place),
        }
    }

    /// The items of the list at `key`; `None` when it is absent or not a list.
    fn list<T, S: Spans>(
        &mut self,
        key: &'static str,
        entry: Option<Entry<Node<Vec<T>>, S>>,
    ) -> Option<Vec<T>> {
        let entry = entry?;
        match entry.value.value {
            Node::Ok(items) => Some(items),
            Node::Wrong(raw) => {
                let place = S::place(&entry.value.place).cloned();
                let found = self.found(&raw, place.as_ref());
                self.within(key, |c| match raw {
                    Raw::Null => c.null(place, LIST),
                    _ => c.invalid(place, Refused::new(Code::WrongType, LIST), found),
                });
                None
            }
        }
    }

    /// A mapping's fields and place; `None` when the file has something else there
    /// (reported, unless `optional` and it is null). Its unknown and repeated keys are
    /// reported, then its missing required keys.
    fn mapping<F: Fields<S>, S: Spans>(
        &mut self,
        node: Item<Mapping<F, S>, S>,
        expected: &'static str,
        optional: bool,
    ) -> Option<Opened<F>> {
        let place = S::place(&node.place).cloned();
        match node.value {
            Node::Ok(mapping) => {
                let merged = mapping
                    .extra
                    .iter()
                    .any(|key| matches!(&key.value, Err(Raw::Text(k)) if k == MERGE_KEY));
                let suggested = mapping
                    .extra
                    .into_iter()
                    .filter_map(|key| self.extra_key::<F, S>(key))
                    .collect();
                let opened = Opened {
                    fields: mapping.fields,
                    place,
                    suggested,
                    merged,
                };
                for (i, key) in F::KEYS.iter().enumerate() {
                    if F::REQUIRED.get(i) == Some(&true) {
                        self.require(&opened, opened.fields.has(i), key);
                    }
                }
                Some(opened)
            }
            Node::Wrong(Raw::Null) if optional => None,
            Node::Wrong(Raw::Null) => {
                self.null(place, expected);
                None
            }
            Node::Wrong(raw) => {
                let found = self.found(&raw, place.as_ref());
                self.invalid(place, Refused::new(Code::WrongType, expected), found);
                None
            }
        }
    }

    /// A key of `F`'s mapping that the format does not know, or a known one given twice;
    /// the known key an unknown one looks like a misspelling of.
    fn extra_key<F: Fields<S>, S: Spans>(
        &mut self,
        key: At<Result<usize, Raw>, S>,
    ) -> Option<&'static str> {
        let place = S::place(&key.place).cloned();
        let path = self.path();
        let mut suggested = None;
        let kind = match key.value {
            Ok(i) => LoadErrorKind::DuplicateKey {
                path,
                key: F::KEYS.get(i).copied().unwrap_or_default().to_owned(),
            },
            Err(Raw::Text(key)) if key == MERGE_KEY => LoadErrorKind::MergeKey { path },
            Err(raw) => {
                let name = match raw {
                    Raw::Text(s) => s,
                    Raw::List => "[…]".to_owned(),
                    Raw::Mapping => "{…}".to_owned(),
                    Raw::Null | Raw::Number(_) | Raw::Bool(_) => place
                        .as_ref()
                        .map_or_else(|| "null".to_owned(), |p| p.slice(self.text).to_owned()),
                };
                suggested = closest(&name, F::KEYS);
                LoadErrorKind::UnknownKey {
                    path,
                    suggestion: suggested.map(str::to_owned),
                    key: one_line(&name, 60),
                    known: F::KEYS.iter().map(|k| (*k).to_owned()).collect(),
                }
            }
        };
        self.report(place, kind);
        suggested
    }

    /// Reports `key` missing from the mapping `opened`, unless `present`, or unless an
    /// unknown key there was already taken for a misspelling of it.
    fn require<F>(&mut self, opened: &Opened<F>, present: bool, key: &'static str) {
        if !present && !opened.suggested.contains(&key) && !opened.merged {
            let path = self.path();
            let kind = LoadErrorKind::MissingKey {
                path,
                key: key.to_owned(),
            };
            self.report(opened.place.clone(), kind);
        }
    }

    fn invalid(&mut self, place: Option<Place>, refused: Refused, found: String) {
        self.invalid_with(place, refused, found, None);
    }

    /// As [`Self::invalid`], saying what to do.
    fn invalid_with(
        &mut self,
        place: Option<Place>,
        refused: Refused,
        found: String,
        hint: Option<String>,
    ) {
        let kind = LoadErrorKind::Invalid {
            code: refused.code,
            path: self.path(),
            expected: refused.expected.to_owned(),
            found,
            hint,
        };
        self.report(place, kind);
    }

    /// Reports a null where a value is required: null is a missing value.
    fn null(&mut self, place: Option<Place>, expected: &str) {
        let kind = LoadErrorKind::Null {
            path: self.path(),
            expected: expected.to_owned(),
        };
        self.report(place, kind);
    }

    /// Keeps a problem, or only counts it past [`super::MAX_PROBLEMS`].
    fn report(&mut self, place: Option<Place>, kind: LoadErrorKind) {
        if self.problems.len() < super::MAX_PROBLEMS {
            self.problems.push((place, kind));
        } else {
            self.more += 1;
        }
    }

    /// What was found instead of what was expected, as a message shows it: scalars quoted
    /// as the file spells them, collections by their kind.
    fn found(&self, raw: &Raw, place: Option<&Place>) -> String {
        match raw {
            Raw::Text(s) => quote(s),
            Raw::Null => "null".into(),
            Raw::List => "a list".into(),
            Raw::Mapping => "a mapping".into(),
            Raw::Number(_) | Raw::Bool(_) => match place {
                Some(place) => quote(place.slice(self.text)),
                None => match raw {
                    Raw::Bool(b) => quote(&b.to_string()),
                    Raw::Number(v) => quote(&v.to_string()),
                    _ => String::new(),
                },
            },
        }
    }

    fn record(&mut self, field: Field, place: Option<Place>) {
        if let Some(place) = place {
            self.places.push((field, place));
        }
    }

    /// Runs `f` with `key` added to the field path.
    fn within<T>(&mut self, key: &'static str, f: impl FnOnce(&mut Self) -> T) -> T {
        self.path.push(Step::Key(key));
        let out = f(self);
        self.path.pop();
        out
    }

    /// Runs `f` with the list index `i` added to the field path.
    fn at_index<T>(&mut self, i: usize, f: impl FnOnce(&mut Self) -> T) -> T {
        self.path.push(Step::Index(i));
        let out = f(self);
        self.path.pop();
        out
    }

    /// The field path, `reviews.items[1].rating`; empty at the top level.
    fn path(&self) -> String {
        let mut path = String::new();
        for step in &self.path {
            match step {
                Step::Key(key) if path.is_empty() => path.push_str(key),
                Step::Key(key) => {
                    path.push('.');
                    path.push_str(key);
                }
                Step::Index(i) => {
                    let _ = write!(path, "[{i}]");
                }
            }
        }
        path
    }
}

/// Whether a text whose bytes in the file are `slice`, and whose value is `value`, is
/// written in double quotes. A block scalar's bytes start at its content, which may
/// itself start with `"`; but then the value starts with that first line, as it cannot
/// when the quote opens a double-quoted scalar.
fn is_double_quoted(slice: &str, value: &str) -> bool {
    let first_line = slice.split(['\n', '\r']).next().unwrap_or_default();
    slice.starts_with('"') && !value.starts_with(first_line)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn double_quotes_are_told_from_a_block_that_starts_with_one() {
        assert!(is_double_quoted("\"a\\e\"", "a\u{1b}"));
        assert!(
            is_double_quoted("\"\\\"q\"", "\"q"),
            "an escaped quote first"
        );
        assert!(
            !is_double_quoted("\"x\"\n  y\n", "\"x\"\ny\n"),
            "a `|` block"
        );
        assert!(
            !is_double_quoted("\"x\"", "\"x\"\n"),
            "a block at the end of the file"
        );
        assert!(!is_double_quoted("'a'", "a"));
        assert!(!is_double_quoted("plain", "plain"));
    }

    #[test]
    fn paths_name_keys_and_indices() {
        let mut check = Check {
            text: "",
            base_dir: None,
            path: Vec::new(),
            problems: Vec::new(),
            more: 0,
            places: Vec::new(),
        };
        assert_eq!(check.path(), "");
        let path = check.within("reviews", |c| {
            c.within("items", |c| {
                c.at_index(3, |c| c.within("rating", |c| c.path()))
            })
        });
        assert_eq!(path, "reviews.items[3].rating");
        assert!(check.path.is_empty(), "steps are taken back");
    }
}
