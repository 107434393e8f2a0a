//! The YAML wire format: what a content file may say, as serde types.
//!
//! Every struct denies unknown keys, so a misspelt `synopis:` is an error and never
//! silently ignored. Leaf values are small newtypes whose `Deserialize` impls do the
//! checking (a non-empty title, a rating from 0 to 10, a calendar date, a language tag's
//! shape), so `serde_yaml` attaches the line, column and field path to what they refuse.
//! Their visitors also charge text to the [`budget`] before allocating it, and sanitise
//! it once, here, so the conversion into the model only moves strings.
//!
//! Refusals are worded `expected X, found "Y"`; [`super::yaml_error`] relies on that shape.

use std::fmt;
use std::path::PathBuf;

use serde::Deserialize;
use serde::de::{self, Deserializer, Visitor};

use super::budget;
use super::quoting::quote;
use crate::model::{Date, Rating};
use crate::text::sanitize::sanitize;

/// A whole page.
#[derive(Deserialize)]
#[serde(
    deny_unknown_fields,
    expecting = "a mapping with `title` and `synopsis` at the top level"
)]
pub(super) struct PageWire {
    pub title: Title,
    pub language: Option<LanguageTag>,
    pub synopsis: SynopsisWire,
    pub screenshots: Option<ScreenshotsWire>,
    pub reviews: Option<ReviewsWire>,
}

#[derive(Deserialize)]
#[serde(
    deny_unknown_fields,
    expecting = "a mapping with `text` and an optional `heading`"
)]
pub(super) struct SynopsisWire {
    pub heading: Option<Line>,
    pub text: Prose,
}

#[derive(Deserialize)]
#[serde(
    deny_unknown_fields,
    expecting = "a mapping with `items` and an optional `heading`"
)]
pub(super) struct ScreenshotsWire {
    pub heading: Option<Line>,
    pub items: Vec<ScreenshotWire>,
}

#[derive(Deserialize)]
#[serde(
    deny_unknown_fields,
    expecting = "a mapping with `caption` and an optional `image`"
)]
pub(super) struct ScreenshotWire {
    pub caption: Line,
    pub image: Option<ImagePath>,
}

#[derive(Deserialize)]
#[serde(
    deny_unknown_fields,
    expecting = "a mapping with `items` and an optional `heading`"
)]
pub(super) struct ReviewsWire {
    pub heading: Option<Line>,
    pub items: Vec<ReviewWire>,
}

#[derive(Deserialize)]
#[serde(
    deny_unknown_fields,
    expecting = "a mapping with `author`, `text` and optionally `rating` and `date`"
)]
pub(super) struct ReviewWire {
    pub author: Author,
    pub rating: Option<RatingWire>,
    pub date: Option<DateWire>,
    pub text: Prose,
}

/// Text shown on one line (a heading, a caption): sanitised, newlines turned into
/// spaces, trimmed.
pub(super) struct Line(pub String);

/// The film's title: a [`Line`] that may not be empty.
pub(super) struct Title(pub String);

/// A review's author: a [`Line`] that may not be empty.
pub(super) struct Author(pub String);

/// Running text (a synopsis, a review), sanitised, with at least one paragraph; it is
/// split into paragraphs on conversion.
pub(super) struct Prose(pub String);

/// An image path as written in the file, not yet joined to the file's folder.
pub(super) struct ImagePath(pub PathBuf);

/// A BCP 47 language tag, checked for shape (not against the registry).
pub(super) struct LanguageTag(pub String);

/// A rating, from a number 0 to 10 with at most one decimal place.
pub(super) struct RatingWire(pub Rating);

/// A calendar date written `YYYY-MM-DD`.
pub(super) struct DateWire(pub Date);

/// `expected {expected}, found "{v}"` as a deserialisation error.
fn refuse<E: de::Error>(expected: impl fmt::Display, v: &str) -> E {
    E::custom(format_args!("expected {expected}, found {}", quote(v)))
}

/// Makes `s` one clean line: sanitised, line breaks turned into spaces, trimmed.
fn clean_line(s: &mut String) {
    sanitize(s);
    if s.contains(['\n', '\u{2028}', '\u{2029}']) {
        *s = s.replace(['\n', '\u{2028}', '\u{2029}'], " ");
    }
    let trimmed = s.trim();
    if trimmed.len() != s.len() {
        *s = trimmed.to_owned();
    }
}

/// Reads any scalar as text, through `check`.
struct TextVisitor<F> {
    expecting: &'static str,
    check: F,
}

impl<F> Visitor<'_> for TextVisitor<F>
where
    F: FnOnce(String) -> Result<String, &'static str>,
{
    type Value = String;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.expecting)
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<String, E> {
        let owned = budget::take(v)?;
        (self.check)(owned).map_err(|expected| refuse(expected, v))
    }
}

/// Deserialises text with `check`, which gets the owned copy and returns the value or what
/// was expected instead.
fn text<'de, D, F>(d: D, expecting: &'static str, check: F) -> Result<String, D::Error>
where
    D: Deserializer<'de>,
    F: FnOnce(String) -> Result<String, &'static str>,
{
    d.deserialize_str(TextVisitor { expecting, check })
}

/// A one-line value; `required` refuses one that is empty once cleaned.
fn line<'de, D: Deserializer<'de>>(
    d: D,
    expecting: &'static str,
    required: bool,
) -> Result<String, D::Error> {
    text(d, expecting, move |mut s| {
        clean_line(&mut s);
        if required && s.is_empty() {
            Err(expecting)
        } else {
            Ok(s)
        }
    })
}

impl<'de> Deserialize<'de> for Line {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        line(d, "text", false).map(Self)
    }
}

impl<'de> Deserialize<'de> for Title {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        line(d, "a non-empty title", true).map(Self)
    }
}

impl<'de> Deserialize<'de> for Author {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        line(d, "a non-empty author name", true).map(Self)
    }
}

impl<'de> Deserialize<'de> for Prose {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        text(d, "text", |mut s| {
            sanitize(&mut s);
            if s.trim().is_empty() {
                Err("text with at least one paragraph")
            } else {
                Ok(s)
            }
        })
        .map(Self)
    }
}

impl<'de> Deserialize<'de> for ImagePath {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        text(d, "a path to an image file", |mut s| {
            sanitize(&mut s);
            if s.trim().is_empty() {
                Err("a path to an image file")
            } else {
                Ok(s)
            }
        })
        .map(|s| Self(PathBuf::from(s)))
    }
}

impl<'de> Deserialize<'de> for LanguageTag {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        const EXPECTED: &str = "a BCP 47 language tag such as `id` or `pt-BR`";
        text(d, EXPECTED, |s| {
            if is_language_tag(&s) {
                Ok(s)
            } else {
                Err(EXPECTED)
            }
        })
        .map(Self)
    }
}

/// Whether `s` has the shape of a BCP 47 tag: subtags of 1 to 8 ASCII letters or digits
/// joined by `-`, the first one 2 to 8 letters (or `x`/`i` for private and grandfathered
/// tags).
fn is_language_tag(s: &str) -> bool {
    let mut subtags = s.split('-');
    let primary = subtags.next().unwrap_or_default();
    let primary_ok = matches!(primary, "x" | "i" | "X" | "I")
        || ((2..=8).contains(&primary.len()) && primary.bytes().all(|b| b.is_ascii_alphabetic()));
    primary_ok
        && subtags
            .all(|t| (1..=8).contains(&t.len()) && t.bytes().all(|b| b.is_ascii_alphanumeric()))
}

/// What a rating must be.
const RATING: &str = "a number from 0 to 10";
/// What a rating with too many decimals should have been.
const RATING_STEP: &str = "a number from 0 to 10 with at most one decimal place";

struct RatingVisitor;

impl RatingVisitor {
    fn tenths<E: de::Error>(tenths: f64, shown: &str) -> Result<Rating, E> {
        let rounded = tenths.round();
        if !(0.0..=f64::from(Rating::MAX_TENTHS)).contains(&tenths) {
            return Err(refuse(RATING, shown));
        }
        if (tenths - rounded).abs() > 1e-6 {
            return Err(refuse(RATING_STEP, shown));
        }
        // In range and whole, so the cast is exact.
        #[allow(clippy::cast_sign_loss)]
        let whole = rounded as u8;
        Rating::from_tenths(whole).ok_or_else(|| refuse(RATING, shown))
    }
}

impl Visitor<'_> for RatingVisitor {
    type Value = Rating;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(RATING)
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Rating, E> {
        match u8::try_from(v) {
            Ok(v) if v <= 10 => Self::tenths(f64::from(v) * 10.0, &v.to_string()),
            _ => Err(refuse(RATING, &v.to_string())),
        }
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Rating, E> {
        match u64::try_from(v) {
            Ok(v) => self.visit_u64(v),
            Err(_) => Err(refuse(RATING, &v.to_string())),
        }
    }

    fn visit_u128<E: de::Error>(self, v: u128) -> Result<Rating, E> {
        Err(refuse(RATING, &v.to_string()))
    }

    fn visit_i128<E: de::Error>(self, v: i128) -> Result<Rating, E> {
        Err(refuse(RATING, &v.to_string()))
    }

    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Rating, E> {
        Self::tenths(v * 10.0, &v.to_string())
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Rating, E> {
        Err(refuse(RATING, v))
    }

    fn visit_bool<E: de::Error>(self, v: bool) -> Result<Rating, E> {
        Err(refuse(RATING, if v { "true" } else { "false" }))
    }

    fn visit_unit<E: de::Error>(self) -> Result<Rating, E> {
        Err(E::custom(format_args!("expected {RATING}, found null")))
    }
}

impl<'de> Deserialize<'de> for RatingWire {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(RatingVisitor).map(Self)
    }
}

struct DateVisitor;

impl Visitor<'_> for DateVisitor {
    type Value = Date;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a date written YYYY-MM-DD")
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Date, E> {
        if let Some(date) = Date::parse(v) {
            return Ok(date);
        }
        let b = v.as_bytes();
        let shaped = b.len() == 10
            && b.iter().enumerate().all(|(i, c)| {
                if i == 4 || i == 7 {
                    *c == b'-'
                } else {
                    c.is_ascii_digit()
                }
            });
        if shaped {
            Err(refuse("a date that exists in the calendar", v))
        } else {
            Err(refuse("a date written YYYY-MM-DD", v))
        }
    }
}

impl<'de> Deserialize<'de> for DateWire {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_str(DateVisitor).map(Self)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn from<T: for<'de> Deserialize<'de>>(yaml: &str) -> Result<T, String> {
        serde_yaml::from_str(yaml).map_err(|e| e.to_string())
    }

    fn rating(yaml: &str) -> Result<u8, String> {
        from::<RatingWire>(yaml).map(|r| r.0.tenths())
    }

    #[test]
    fn ratings_are_tenths_from_0_to_10() {
        assert_eq!(rating("8"), Ok(80));
        assert_eq!(rating("7.5"), Ok(75));
        assert_eq!(rating("0"), Ok(0));
        assert_eq!(rating("10"), Ok(100));
        assert_eq!(rating("10.0"), Ok(100));
        assert_eq!(rating("8.1"), Ok(81));
        assert_eq!(
            rating("11"),
            Err("expected a number from 0 to 10, found \"11\"".into())
        );
        assert_eq!(
            rating("-1"),
            Err("expected a number from 0 to 10, found \"-1\"".into())
        );
        assert_eq!(
            rating("10.5"),
            Err("expected a number from 0 to 10, found \"10.5\"".into())
        );
        assert_eq!(
            rating("7.25"),
            Err(
                "expected a number from 0 to 10 with at most one decimal place, found \"7.25\""
                    .into()
            )
        );
        assert_eq!(
            rating("good"),
            Err("expected a number from 0 to 10, found \"good\"".into())
        );
        assert_eq!(
            rating(".nan"),
            Err("expected a number from 0 to 10, found \"NaN\"".into())
        );
        assert!(rating("99999999999999999999999").is_err());
    }

    #[test]
    fn dates_must_exist() {
        let date = |y: &str| from::<DateWire>(y).map(|d| d.0.to_string());
        assert_eq!(date("2024-05-01"), Ok("2024-05-01".into()));
        assert_eq!(date("'2024-02-29'"), Ok("2024-02-29".into()));
        assert_eq!(
            date("2024-02-30"),
            Err("expected a date that exists in the calendar, found \"2024-02-30\"".into())
        );
        assert_eq!(
            date("May 1"),
            Err("expected a date written YYYY-MM-DD, found \"May 1\"".into())
        );
        assert_eq!(
            date("20240501"),
            Err("expected a date written YYYY-MM-DD, found \"20240501\"".into())
        );
    }

    #[test]
    fn language_tags_are_checked_for_shape() {
        for ok in [
            "id",
            "en",
            "pt-BR",
            "zh-Hant-TW",
            "es-419",
            "x-klingon",
            "i-enochian",
            "tlh",
        ] {
            assert!(is_language_tag(ok), "{ok}");
        }
        for bad in [
            "",
            "e",
            "english language",
            "en_US",
            "en-",
            "-en",
            "toolongtag",
            "en-toolongsub",
            "1a",
        ] {
            assert!(!is_language_tag(bad), "{bad}");
        }
    }

    #[test]
    fn lines_are_clean_single_lines() {
        let line = |y: &str| from::<Line>(y).map(|l| l.0);
        assert_eq!(line("\"  a\\nb\\t\\u001bc \""), Ok("a b c".into()));
        assert_eq!(line("1917"), Ok("1917".into()));
        assert_eq!(line("''"), Ok(String::new()));
        assert_eq!(
            from::<Title>("\"\\e\"").map(|t| t.0),
            Err("expected a non-empty title, found \"\"".into())
        );
    }

    #[test]
    fn prose_needs_a_paragraph() {
        assert_eq!(
            from::<Prose>("'  '").map(|p| p.0),
            Err("expected text with at least one paragraph, found \"  \"".into())
        );
        assert_eq!(
            from::<Prose>("|\n  a\n\n  b\n").map(|p| p.0),
            Ok("a\n\nb\n".into())
        );
    }

    #[test]
    fn text_is_charged_to_the_budget() {
        let scope = budget::Scope::enter(10);
        assert!(from::<Line>("a very long line indeed").is_err());
        assert!(scope.exceeded().is_some());
    }
}
