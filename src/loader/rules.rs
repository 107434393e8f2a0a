//! What each kind of value must be: a title that is not empty, a rating from 0 to 10, a
//! date in the calendar, a language tag's shape. Pure functions: each takes the value as
//! read and gives the model's value, or what was expected instead.

use crate::diagnostic::Code;
use crate::model::{Date, Rating};
use crate::text::sanitize::{is_removed, sanitize};

/// Why a value of the right kind was refused: its [`Code`], and what it should have been.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Refused {
    pub code: Code,
    pub expected: &'static str,
}

impl Refused {
    pub(super) const fn new(code: Code, expected: &'static str) -> Self {
        Self { code, expected }
    }
}

/// What a rating must be.
pub(super) const RATING: &str = "a number from 0 to 10";
/// What a rating with too many decimals should have been.
pub(super) const RATING_STEP: &str = "a number from 0 to 10 with at most one decimal place";
/// What a date must be written as.
pub(super) const DATE: &str = "a date written YYYY-MM-DD";
/// What a well-written date must be.
pub(super) const CALENDAR_DATE: &str = "a date that exists in the calendar";
/// What a language tag must be.
pub(super) const LANGUAGE: &str = "a BCP 47 language tag such as `id` or `pt-BR`";

/// What a text value must be, and how it is cleaned.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum TextRule {
    /// One line (a heading, a caption): sanitised, line breaks made spaces, trimmed.
    Line,
    /// A line that shows something: the title.
    Title,
    /// A line that shows something: a review's author.
    Author,
    /// Running text (a synopsis, a review) with at least one paragraph, sanitised.
    Prose,
    /// A path to an image file, sanitised.
    Image,
    /// A BCP 47 language tag.
    Language,
}

impl TextRule {
    /// What the value must be, for a message about a value of another kind.
    pub(super) fn expected(self) -> &'static str {
        match self {
            Self::Line | Self::Prose => "text",
            Self::Title => "a non-empty title",
            Self::Author => "a non-empty author name",
            Self::Image => "a path to an image file",
            Self::Language => LANGUAGE,
        }
    }

    /// Checks `s` and cleans it in place; or leaves it as it is and says why not.
    pub(super) fn apply(self, s: &mut String) -> Result<(), Refused> {
        let must_show = match self {
            Self::Title | Self::Author | Self::Image => Some(self.expected()),
            Self::Prose => Some("text with at least one paragraph"),
            Self::Line | Self::Language => None,
        };
        if let Some(expected) = must_show.filter(|_| is_blank(s)) {
            return Err(Refused::new(Code::EmptyValue, expected));
        }
        match self {
            Self::Line | Self::Title | Self::Author => clean_line(s),
            Self::Prose | Self::Image => {
                sanitize(s);
            }
            Self::Language if !is_language_tag(s) => {
                return Err(Refused::new(Code::LanguageTag, LANGUAGE));
            }
            Self::Language => {}
        }
        Ok(())
    }
}

/// Whether `s` shows as nothing once sanitised and trimmed. It stops at the first
/// character that shows, so it costs nothing on ordinary text.
pub(super) fn is_blank(s: &str) -> bool {
    s.chars().all(|c| c.is_whitespace() || is_removed(c))
}

/// Makes `s` one clean line: sanitised, line breaks turned into spaces, trimmed.
pub(super) fn clean_line(s: &mut String) {
    sanitize(s);
    if s.contains(['\n', '\u{2028}', '\u{2029}']) {
        *s = s.replace(['\n', '\u{2028}', '\u{2029}'], " ");
    }
    let trimmed = s.trim();
    if trimmed.len() != s.len() {
        *s = trimmed.to_owned();
    }
}

/// The rating of the number `v`, or why not.
pub(super) fn rating(v: f64) -> Result<Rating, Refused> {
    let out_of_range = Refused::new(Code::RatingRange, RATING);
    let tenths = v * 10.0;
    if !(0.0..=f64::from(Rating::MAX_TENTHS)).contains(&tenths) {
        return Err(out_of_range);
    }
    let rounded = tenths.round();
    if (tenths - rounded).abs() > 1e-6 {
        return Err(Refused::new(Code::RatingDecimals, RATING_STEP));
    }
    // In range and whole, so the cast is exact.
    #[allow(clippy::cast_sign_loss)]
    Rating::from_tenths(rounded as u8).ok_or(out_of_range)
}

/// Whether a rating read as a number is spelt as layar reads it; else what to write
/// instead. A leading zero (`010`) is octal to a YAML 1.1 reader (8) and decimal to layar
/// (10); hexadecimal, octal and `_` spellings are refused too, as no one rates in them.
pub(super) fn rating_spelling(spelling: &str) -> Result<(), String> {
    let s = spelling.trim();
    let unsigned = s.trim_start_matches(['+', '-']);
    let whole = unsigned.split(['.', 'e', 'E']).next().unwrap_or_default();
    if whole.len() > 1 && whole.starts_with('0') && whole.bytes().all(|b| b.is_ascii_digit()) {
        let Ok(value) = s.parse::<f64>() else {
            return Err("write it without the leading zero".into());
        };
        // Only a whole number reads otherwise as octal.
        let as_octal = (unsigned == whole)
            .then(|| {
                Some((
                    u32::from_str_radix(whole, 8).ok()?,
                    whole.parse::<u32>().ok()?,
                ))
            })
            .flatten()
            .filter(|(octal, decimal)| octal != decimal);
        return Err(match as_octal {
            Some((octal, decimal)) => format!(
                "a leading zero is octal to YAML 1.1 ({s} is {octal} there, {decimal} here): \
                 write {decimal} or {octal}"
            ),
            None => format!("a leading zero is octal to YAML 1.1: write {value}"),
        });
    }
    if unsigned.contains(['x', 'X', 'o', 'O', '_']) {
        return Err("write the rating in decimal digits, such as 8 or 7.5".into());
    }
    Ok(())
}

/// What to do about a rating written as text, when it would be one without its quotes.
pub(super) fn quoted_rating(s: &str) -> Option<String> {
    let v: f64 = s.trim().parse().ok()?;
    rating(v).ok()?;
    Some(format!(
        "in quotes it is text: remove the quotes (`rating: {}`)",
        s.trim()
    ))
}

/// The date `s` names, or why not.
pub(super) fn date(s: &str) -> Result<Date, Refused> {
    if let Some(date) = Date::parse(s) {
        return Ok(date);
    }
    let b = s.as_bytes();
    let shaped = b.len() == 10
        && b.iter().enumerate().all(|(i, c)| {
            if i == 4 || i == 7 {
                *c == b'-'
            } else {
                c.is_ascii_digit()
            }
        });
    Err(if shaped {
        Refused::new(Code::DateCalendar, CALENDAR_DATE)
    } else {
        Refused::new(Code::DateFormat, DATE)
    })
}

/// Whether `s` has the shape of a BCP 47 tag: subtags of 1 to 8 ASCII letters or digits
/// joined by `-`, the first one 2 to 8 letters (or `x`/`i` for private and grandfathered
/// tags). The registry itself is not consulted.
pub(crate) fn is_language_tag(s: &str) -> bool {
    let mut subtags = s.split('-');
    let primary = subtags.next().unwrap_or_default();
    let primary_ok = matches!(primary, "x" | "i" | "X" | "I")
        || ((2..=8).contains(&primary.len()) && primary.bytes().all(|b| b.is_ascii_alphabetic()));
    primary_ok
        && subtags
            .all(|t| (1..=8).contains(&t.len()) && t.bytes().all(|b| b.is_ascii_alphanumeric()))
}

/// Language tags of every shape the loader takes, for tests here and of the schema.
#[cfg(test)]
pub(crate) const LANGUAGE_TAGS: [&str; 9] = [
    "id",
    "ja",
    "en",
    "pt-BR",
    "zh-Hant-TW",
    "es-419",
    "x-klingon",
    "i-enochian",
    "tlh",
];

/// Strings the loader refuses as a language tag.
#[cfg(test)]
pub(crate) const NOT_LANGUAGE_TAGS: [&str; 9] = [
    "",
    "e",
    "english language",
    "en_US",
    "en-",
    "-en",
    "toolongtag",
    "en-toolongsub",
    "1a",
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ratings_are_tenths_from_0_to_10() {
        let tenths = |v: f64| rating(v).map(Rating::tenths).map_err(|r| r.expected);
        assert_eq!(tenths(8.0), Ok(80));
        assert_eq!(tenths(7.5), Ok(75));
        assert_eq!(tenths(0.0), Ok(0));
        assert_eq!(tenths(10.0), Ok(100));
        assert_eq!(tenths(8.1), Ok(81));
        assert_eq!(tenths(11.0), Err(RATING));
        assert_eq!(tenths(-1.0), Err(RATING));
        assert_eq!(tenths(10.5), Err(RATING));
        assert_eq!(tenths(-0.05), Err(RATING));
        assert_eq!(tenths(7.25), Err(RATING_STEP));
        assert_eq!(tenths(f64::NAN), Err(RATING));
        assert_eq!(tenths(f64::INFINITY), Err(RATING));
        assert_eq!(tenths(1e23), Err(RATING));
        assert_eq!(rating(11.0).map_err(|r| r.code), Err(Code::RatingRange));
        assert_eq!(rating(7.25).map_err(|r| r.code), Err(Code::RatingDecimals));
    }

    #[test]
    fn ratings_are_spelt_in_decimal() {
        assert_eq!(rating_spelling("8"), Ok(()));
        assert_eq!(rating_spelling("7.5"), Ok(()));
        assert_eq!(rating_spelling("0"), Ok(()));
        assert_eq!(rating_spelling("0.5"), Ok(()));
        assert_eq!(
            rating_spelling("010"),
            Err(
                "a leading zero is octal to YAML 1.1 (010 is 8 there, 10 here): write 10 or 8"
                    .into()
            )
        );
        assert_eq!(
            rating_spelling("08"),
            Err("a leading zero is octal to YAML 1.1: write 8".into())
        );
        assert_eq!(
            rating_spelling("07.5"),
            Err("a leading zero is octal to YAML 1.1: write 7.5".into())
        );
        assert!(rating_spelling("0x0A").is_err());
        assert!(rating_spelling("1_0").is_err());
        assert_eq!(
            quoted_rating(" 8 "),
            Some("in quotes it is text: remove the quotes (`rating: 8`)".into())
        );
        assert_eq!(quoted_rating("eight"), None);
        assert_eq!(
            quoted_rating("11"),
            None,
            "not a rating without quotes either"
        );
    }

    #[test]
    fn dates_must_exist() {
        assert_eq!(
            date("2024-05-01").map(|d| d.to_string()),
            Ok("2024-05-01".into())
        );
        assert_eq!(
            date("2024-02-29").map(|d| d.to_string()),
            Ok("2024-02-29".into())
        );
        let refused = |s| date(s).map_err(|r| (r.code, r.expected));
        assert_eq!(
            refused("2024-02-30"),
            Err((Code::DateCalendar, CALENDAR_DATE))
        );
        assert_eq!(
            refused("2024-13-01"),
            Err((Code::DateCalendar, CALENDAR_DATE))
        );
        assert_eq!(refused("May 1"), Err((Code::DateFormat, DATE)));
        assert_eq!(refused("20240501"), Err((Code::DateFormat, DATE)));
    }

    #[test]
    fn language_tags_are_checked_for_shape() {
        for ok in LANGUAGE_TAGS {
            assert!(is_language_tag(ok), "{ok}");
        }
        for bad in NOT_LANGUAGE_TAGS {
            assert!(!is_language_tag(bad), "{bad}");
        }
    }

    #[test]
    fn lines_are_clean_single_lines() {
        let line = |s: &str| {
            let mut s = s.to_owned();
            clean_line(&mut s);
            s
        };
        assert_eq!(line("  a\nb\t\u{1b}c "), "a b c");
        assert_eq!(line("a\u{2028}b"), "a b");
        assert_eq!(line("1917"), "1917");
    }

    #[test]
    fn text_rules_clean_or_refuse() {
        let apply = |rule: TextRule, s: &str| {
            let mut s = s.to_owned();
            rule.apply(&mut s).map(|()| s).map_err(|r| r.expected)
        };
        assert_eq!(apply(TextRule::Line, " a\nb "), Ok("a b".into()));
        assert_eq!(apply(TextRule::Line, ""), Ok(String::new()));
        assert_eq!(apply(TextRule::Title, "\u{1b}"), Err("a non-empty title"));
        assert_eq!(apply(TextRule::Author, " "), Err("a non-empty author name"));
        assert_eq!(
            apply(TextRule::Prose, "  "),
            Err("text with at least one paragraph")
        );
        assert_eq!(
            apply(TextRule::Prose, "a\n\nb\u{7}\n"),
            Ok("a\n\nb\n".into())
        );
        assert_eq!(
            apply(TextRule::Image, "shots/\u{202e}1.png"),
            Ok("shots/1.png".into())
        );
        assert_eq!(apply(TextRule::Image, ""), Err("a path to an image file"));
        assert_eq!(apply(TextRule::Language, "pt-BR"), Ok("pt-BR".into()));
        assert_eq!(apply(TextRule::Language, "Bahasa Indonesia"), Err(LANGUAGE));
        let code = |rule: TextRule, s: &str| rule.apply(&mut s.to_owned()).map_err(|r| r.code);
        assert_eq!(code(TextRule::Language, "en_US"), Err(Code::LanguageTag));
        assert_eq!(code(TextRule::Title, " "), Err(Code::EmptyValue));
    }

    #[test]
    fn blank_means_nothing_that_shows() {
        assert!(is_blank(""));
        assert!(is_blank(" \n\t\u{1b}\u{202e} "));
        assert!(!is_blank(" a "));
        assert!(
            !is_blank("\u{200b}"),
            "a zero-width space is kept, so it is there"
        );
    }
}
