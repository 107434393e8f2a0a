//! `--check`: pure functions from a content file (its text, the page loaded from it and
//! where the parser found the page's values) to warnings ([`Diagnostic`]s), each at its
//! line and column with its code and field path. Columns count characters, from 1, as
//! the loader's errors do. `scripts` is the script check.
//!
//! Nothing here searches the file. A warning about a value is placed by re-reading that
//! value's own bytes, whose place the parser gave ([`Place`]): a word in a comment, or a
//! word in another value, can never be mistaken for it.

mod scripts;

use std::collections::HashSet;

use scripts::{Language, Scope};

use crate::diagnostic::{Code, Diagnostic};
use crate::loader::{Excerpt, Field, Location, Place, Places, Source};
use crate::model::{ImageStatus, Page};
use crate::text::escape::{escaped, escaped_os};
use crate::text::sanitize::is_removed;

/// How many warnings a file's report shows; the others are only counted. A page in the
/// wrong script can have a warning per word: a few megabytes of them would take seconds
/// to write and gigabytes to hold, and say nothing the first thousand do not.
pub const MAX_SHOWN: usize = 1000;

/// A page's warnings: the first [`MAX_SHOWN`] found, in file order, and how many more
/// there are.
#[derive(Debug, Default)]
pub struct Warnings {
    pub shown: Vec<Diagnostic>,
    pub more: usize,
}

/// Every warning for a page, in file order (see [`Warnings`]). `places` says where the
/// page's values stand, as [`crate::loader::check`] found them.
///
/// Each value's bytes are walked once, in order: a warning's line and column go on from
/// the last one's, and its excerpt reads a bounded piece of the line, so a line of a
/// million warnings costs what a million short lines would.
pub fn check(source: &Source, page: &Page, places: &Places) -> Warnings {
    let text = source.yaml();
    let mut found = Found {
        text,
        file: escaped(&source.name).into_owned(),
        field: Field::Title,
        shown: Vec::new(),
        more: 0,
        last: None,
    };
    // Aliases repeat a value's bytes: each value's own characters are read once.
    let mut read = HashSet::new();
    for (field, place) in places {
        found.field = *field;
        if is_text(*field) && read.insert(place.source().start) {
            removed_characters(&mut found, place);
            let language = language_of(page, *field);
            scripts::foreign_words(&mut found, place, &texts(page, *field), language);
        }
        match field {
            Field::Screenshots
                if page
                    .screenshots
                    .as_ref()
                    .is_some_and(|s| s.items.is_empty()) =>
            {
                found.warn_at(place, Code::EmptySection, || {
                    "the screenshots section is empty".into()
                });
            }
            Field::Reviews if page.reviews.as_ref().is_some_and(|r| r.items.is_empty()) => {
                found.warn_at(place, Code::EmptySection, || {
                    "the reviews section is empty: the viewer shows its empty state".into()
                });
            }
            Field::Image(i) => bad_image(&mut found, place, page, i.model),
            _ => {}
        }
    }
    let mut shown = found.shown;
    shown.sort_by_key(|d| d.at.map(|l| (l.line, l.column)));
    Warnings {
        shown,
        more: found.more,
    }
}

/// Warnings as they are found.
struct Found<'a> {
    text: &'a str,
    file: String,
    /// The value being read, whose field path each warning gets.
    field: Field,
    shown: Vec<Diagnostic>,
    /// Warnings found past [`MAX_SHOWN`].
    more: usize,
    /// The last place inside a value located: where the value starts in the file, the
    /// offset in it and its location. Places found in order go on from there.
    last: Option<(usize, usize, Location)>,
}

impl Found<'_> {
    /// Whether another warning is only counted.
    fn full(&mut self) -> bool {
        if self.shown.len() < MAX_SHOWN {
            return false;
        }
        self.more += 1;
        true
    }

    /// A warning about the value at `place`, where it is used.
    fn warn_at(&mut self, place: &Place, code: Code, message: impl FnOnce() -> String) {
        if !self.full() {
            self.push(place.at(), place.index(), code, message());
        }
    }

    /// A warning at byte `offset` of the bytes of the value at `place`.
    fn warn(&mut self, place: &Place, offset: usize, code: Code, message: impl FnOnce() -> String) {
        if place.source().is_empty() {
            return self.warn_at(place, code, message);
        }
        if self.full() {
            return;
        }
        let from = match self.last {
            Some((start, from, at)) if start == place.source().start => (from, at),
            _ => (0, place.start()),
        };
        let at = place.locate_from(self.text, from, offset);
        self.last = Some((place.source().start, offset, at));
        self.push(at, place.source().start + offset, code, message());
    }

    fn push(&mut self, at: Location, index: usize, code: Code, message: String) {
        self.shown.push(Diagnostic {
            file: self.file.clone(),
            at: Some(at),
            code,
            path: Some(self.field.path()),
            message,
            excerpt: Some(Excerpt::at(self.text, index)),
        });
    }
}

/// Whether `field` is text a reader sees (or a path), whose characters are checked.
fn is_text(field: Field) -> bool {
    !matches!(field, Field::Screenshots | Field::Reviews)
}

/// The language the text at `field` is read in: its review's or its synopsis's, else the
/// page's; `None` when layar does not know its scripts. A review's author may be written
/// in the review's language or the page's.
fn language_of(page: &Page, field: Field) -> Option<Language> {
    let review = |i: usize| {
        page.reviews
            .as_ref()
            .and_then(|r| r.items.get(i))
            .and_then(|r| r.language.as_deref())
    };
    let own = match field {
        Field::SynopsisHeading | Field::SynopsisText => page
            .synopsis
            .language
            .as_deref()
            .map(|tag| (tag, Scope::Synopsis)),
        Field::Author(i) | Field::ReviewText(i) => review(i.model).map(|tag| (tag, Scope::Review)),
        _ => None,
    };
    let (tag, scope) = own.or_else(|| page.language.as_deref().map(|tag| (tag, Scope::Page)))?;
    let language = Language::of(tag, scope)?;
    Some(match field {
        Field::Author(_) => language.or_page(page.language.as_deref()),
        _ => language,
    })
}

/// The page's text for `field`, as loaded; nothing for an image path, whose words are
/// not read.
fn texts(page: &Page, field: Field) -> Vec<&str> {
    let shot = |i: usize| page.screenshots.as_ref().and_then(|s| s.items.get(i));
    let review = |i: usize| page.reviews.as_ref().and_then(|r| r.items.get(i));
    match field {
        Field::Title => vec![page.title.as_str()],
        Field::SynopsisHeading => page.synopsis.heading.as_deref().into_iter().collect(),
        Field::SynopsisText => page.synopsis.paragraphs.iter().collect(),
        Field::ScreenshotsHeading => page
            .screenshots
            .as_ref()
            .and_then(|s| s.heading.as_deref())
            .into_iter()
            .collect(),
        Field::Caption(i) => shot(i.model)
            .map(|s| s.caption.as_str())
            .into_iter()
            .collect(),
        Field::ReviewsHeading => page
            .reviews
            .as_ref()
            .and_then(|r| r.heading.as_deref())
            .into_iter()
            .collect(),
        Field::Author(i) => review(i.model)
            .map(|r| r.author.as_str())
            .into_iter()
            .collect(),
        Field::ReviewText(i) => review(i.model)
            .map(|r| r.paragraphs.iter().collect())
            .unwrap_or_default(),
        Field::Image(_) | Field::Screenshots | Field::Reviews => Vec::new(),
    }
}

/// Every character of the value at `place` that sanitising removes, where it stands:
/// written as it is, or, in double quotes, as an escape (`"\e[31m"`).
fn removed_characters(found: &mut Found<'_>, place: &Place) {
    let slice = place.slice(found.text);
    let mut chars = slice.char_indices();
    while let Some((at, c)) = chars.next() {
        if c == '\\' && place.double_quoted {
            let escaped = decode_escape(&slice[at + 1..]);
            chars.next();
            if let Some(c) = escaped.filter(|c| is_removed(*c)) {
                found.warn(place, at, Code::RemovedCharacter, || {
                    format!(
                        "{} written as an escape is removed: it could act on a terminal",
                        describe_char(c)
                    )
                });
            }
        } else if is_removed(c) && c != '\r' {
            // A CR is a line break to YAML, never content.
            found.warn(place, at, Code::RemovedCharacter, || {
                format!(
                    "{} is removed: it could act on a terminal",
                    describe_char(c)
                )
            });
        }
    }
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

/// Reports an image that cannot be shown: missing, not a file, unreadable, of no
/// format layar reads, truncated, corrupt, or too large.
///
/// The path is the content file's folder joined with the page's own path: escaped as a
/// file name is ([`escaped_os`]), so that a folder named with a line break or an escape
/// sequence can neither act on the terminal nor forge a line of the report.
fn bad_image(found: &mut Found<'_>, place: &Place, page: &Page, index: usize) {
    let image = page
        .screenshots
        .as_ref()
        .and_then(|s| s.items.get(index))
        .and_then(|s| s.image.as_ref());
    let Some(image) = image else { return };
    let (code, what) = match image.status {
        ImageStatus::Found(_) => return,
        ImageStatus::Missing => (Code::ImageMissing, "does not exist".to_owned()),
        ImageStatus::NotAFile => (
            Code::ImageNotAFile,
            "is not a regular file (a directory, a named pipe or a device)".to_owned(),
        ),
        ImageStatus::Unreadable => (Code::ImageUnreadable, "cannot be read".to_owned()),
        ImageStatus::UnknownFormat => (
            Code::ImageFormat,
            format!(
                "is not in an image format layar reads ({})",
                crate::picture::FORMATS
            ),
        ),
        ImageStatus::Truncated => (
            Code::ImageTruncated,
            "is truncated: the file ends before the picture does".to_owned(),
        ),
        ImageStatus::Corrupt => (
            Code::ImageCorrupt,
            "is corrupt: its data is not valid for its format".to_owned(),
        ),
        ImageStatus::TooLarge { bytes } => (
            Code::ImageTooLarge,
            format!(
                "is {} MB, more than the {} MB layar reads for a picture",
                bytes.div_ceil(1_000_000),
                crate::picture::MAX_FILE_BYTES / 1_000_000
            ),
        ),
        ImageStatus::TooManyPixels { width, height } => (
            Code::ImageTooManyPixels,
            format!(
                "declares {width}×{height} pixels, more than the {} million layar decodes",
                crate::picture::MAX_PIXELS / 1_000_000
            ),
        ),
    };
    found.warn_at(place, code, || {
        format!(
            "screenshot image \"{}\" {what}",
            escaped_os(image.path.as_os_str())
        )
    });
}

/// `U+001B (escape)`: a character named for a message, never the character itself.
fn describe_char(c: char) -> String {
    let name = match c {
        '\0' => "null",
        '\x07' => "bell",
        '\x08' => "backspace",
        '\r' => "carriage return",
        '\x1b' => "escape",
        '\x7f' => "delete",
        '\u{9b}' => "C1 control sequence introducer",
        '\u{80}'..='\u{9f}' => "C1 control",
        '\u{202a}'..='\u{202e}' => "bidirectional embedding or override",
        '\u{2066}'..='\u{2069}' => "bidirectional isolate",
        _ => "control character",
    };
    format!("U+{:04X} ({name})", u32::from(c))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::loader;

    /// The warnings for a page, each as `LINE:COL: message`.
    fn warnings(text: &str) -> Vec<String> {
        let source = Source {
            name: "p.yaml".into(),
            base_dir: None,
            text: text.into(),
        };
        let checked = loader::check(&source);
        assert!(checked.problems.is_empty(), "{:?}", checked.problems);
        let page = checked.page.expect("loads");
        check(&source, &page, &checked.places)
            .shown
            .into_iter()
            .map(|d| {
                let at = d.at.expect("placed");
                format!("{}:{}: {}", at.line, at.column, d.message)
            })
            .collect()
    }

    #[test]
    fn bundled_page_points_at_six_foreign_words() {
        let source = loader::bundled();
        let checked = loader::check(&source);
        let page = checked.page.expect("bundled page loads");
        let found = check(&source, &page, &checked.places).shown;
        let words: Vec<_> = found
            .iter()
            .filter(|d| d.message.contains("foreign"))
            .map(|d| {
                let at = d.at.expect("placed");
                let text_line = source.text.lines().nth(at.line - 1).expect("line exists");
                let word: String = text_line
                    .chars()
                    .skip(at.column - 1)
                    .take_while(|c| c.is_alphabetic())
                    .collect();
                (word, d.message.contains("Cyrillic"))
            })
            .collect();
        assert_eq!(words.len(), 6, "{found:#?}");
        assert_eq!(words[0], ("фрон".to_string(), true));
        assert!(words[1..].iter().all(|(w, cyr)| w == "που" && !cyr));
        let places: HashSet<_> = found.iter().map(|d| d.at).collect();
        assert_eq!(places.len(), found.len(), "each at its own place");
    }

    #[test]
    fn a_word_in_a_comment_is_never_reported() {
        let found = warnings(
            "# кино: a comment\ntitle: T # кино\nlanguage: en\nsynopsis:\n  text: |\n    \
             # not a comment: кино\n",
        );
        assert_eq!(
            found,
            [
                "6:22: \"кино\" is written in Cyrillic script, foreign to the page's language \
              (Latin)"
            ]
        );
    }

    #[test]
    fn each_value_is_read_on_its_own_bytes() {
        // The title holds the word too, but only the synopsis is flagged, and a
        // caption's "image:" does not stand in for the image's own key.
        let found = warnings(
            "title: Tokyo\nsynopsis:\n  text: Tokyо\nscreenshots:\n  items:\n    - \
             caption: 'image: none'\n      image: no-such-dir-layar/a.png\n",
        );
        assert_eq!(
            found,
            [
                "3:9: \"Tokyо\" mixes scripts (Latin, Cyrillic): letters that look alike but \
                 are not",
                "7:14: screenshot image \"no-such-dir-layar/a.png\" does not exist",
            ]
        );
    }

    #[test]
    fn removed_characters_are_placed_and_named() {
        let found =
            warnings("title: \"a\\e[31mb\\\\e\"\nsynopsis:\n  text: |\n    x \u{202e}y \\e\n");
        assert_eq!(
            found,
            [
                "1:10: U+001B (escape) written as an escape is removed: it could act on a \
                 terminal",
                "4:7: U+202E (bidirectional embedding or override) is removed: it could act on \
                 a terminal",
            ],
            "an escaped backslash and a backslash outside double quotes are text"
        );
        assert!(
            !found
                .iter()
                .any(|m| m.contains('\u{1b}') || m.contains('\u{202e}'))
        );
    }

    #[test]
    fn aliased_text_is_read_once_where_it_is_written() {
        let found = warnings(
            "title: &t Tokyо\nsynopsis:\n  text: *t\nreviews:\n  items:\n    - {author: *t, \
             text: *t}\n",
        );
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(found[0].starts_with("1:11: "), "{found:?}");
    }

    #[test]
    fn empty_sections_are_pointed_at_their_key() {
        let found = warnings("title: T\nsynopsis: {text: x}\nreviews:\n  items: []\n");
        assert_eq!(
            found,
            ["3:1: the reviews section is empty: the viewer shows its empty state"]
        );
    }

    #[test]
    fn warnings_carry_their_code_and_field_path() {
        let source = Source {
            name: "p.yaml".into(),
            base_dir: None,
            text: "title: T\nlanguage: en\nscreenshots:\n  items:\n    - not a mapping\n    - \
                   caption: Tokyо\nreviews:\n  items: []\n"
                .into(),
        };
        let checked = loader::check(&source);
        let page = checked.page.expect("read");
        let found: Vec<_> = check(&source, &page, &checked.places)
            .shown
            .into_iter()
            .map(|d| (d.code, d.path.unwrap_or_default()))
            .collect();
        assert_eq!(
            found,
            [
                (Code::MixedScript, "screenshots.items[1].caption".into()),
                (Code::EmptySection, "reviews".into()),
            ],
            "the file's index, not the model's, where an item was left out"
        );
    }

    #[test]
    fn a_review_or_synopsis_is_read_in_its_own_language() {
        let page = |review: &str, synopsis: &str| {
            format!(
                "title: T\nlanguage: en\nsynopsis:\n  text: 東京の夜。\n{synopsis}reviews:\n  \
                 items:\n    - author: Ana\n      text: 長回しのカメラワークが素晴らしい。\
                 ホテルの階段を下りるシーンは、息をのむほど美しかった。\n{review}"
            )
        };
        let found = warnings(&page("", ""));
        assert_eq!(
            found.len(),
            2,
            "one per Japanese text, not one per clause: {found:#?}"
        );
        assert!(
            found[0].starts_with(
                "4:9: \"東京の夜\" is written in Han and Hiragana scripts, foreign to the page's \
                 language (Latin)"
            ),
            "{found:?}"
        );
        assert!(
            found[1].starts_with(
                "8:13: \"長回しのカメラワークが素晴らしい。ホテ…\" is written in Han, \
                 Hiragana and Katakana scripts, foreign to the page's language (Latin)"
            ),
            "{found:?}"
        );
        let own = page("      language: ja\n", "  language: ja-JP\n");
        assert_eq!(warnings(&own), Vec::<String>::new());
        // A review in Japanese has its Latin words flagged, as foreign to it; its author
        // may write their name in the page's script or the review's.
        let mixed = page("      language: ja\n", "").replace("長回しの", "長回しの camera ");
        let found = warnings(&mixed);
        assert_eq!(found.len(), 2, "{found:#?}");
        assert!(
            found[1].starts_with(
                "8:18: \"camera\" is written in Latin script, foreign to this review's language \
                 (Han, Hiragana, Katakana)"
            ),
            "{found:?}"
        );
        let author = page("      language: ja\n", "").replace("Ana", "山田花子");
        assert_eq!(warnings(&author).len(), 1, "only the synopsis");
    }

    #[test]
    fn stretches_end_at_a_word_of_another_script() {
        let found = warnings(
            "title: T\nlanguage: en\nsynopsis:\n  text: 東京 2024 タワー and 大阪, then που που\n",
        );
        let heads: Vec<_> = found
            .iter()
            .map(|w| w.split(" is ").next().unwrap_or_default())
            .collect();
        assert_eq!(
            heads,
            [
                "4:9: \"東京 2024 タワー\"",
                "4:25: \"大阪\"",
                "4:34: \"που\"",
                "4:38: \"που\""
            ],
            "digits go on with a stretch; a spaced script's words are one each"
        );
    }
}
