//! The film page as the rest of layar sees it: plain data, already validated and
//! sanitised by the loader. No serde and no ratatui here, so every output (the viewer,
//! `--print`, `--check`) reads the same types.

use std::fmt;
use std::path::PathBuf;

pub use crate::text::paragraphs::Paragraphs;

/// One film page: a title and its sections.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Page {
    /// The film's title, never empty.
    pub title: String,
    /// The BCP 47 tag the page declares (`id`, `en`, `pt-BR`), if any.
    pub language: Option<String>,
    pub synopsis: Synopsis,
    pub screenshots: Option<Screenshots>,
    pub reviews: Option<Reviews>,
}

/// The synopsis: a heading and one or more paragraphs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Synopsis {
    /// The heading the page gives; `None` means the interface language's default.
    pub heading: Option<String>,
    /// The synopsis's own language (a BCP 47 tag), when it is not the page's.
    pub language: Option<String>,
    pub paragraphs: Paragraphs,
}

/// The screenshots section: captions, and images where the page names them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Screenshots {
    pub heading: Option<String>,
    pub items: Vec<Screenshot>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Screenshot {
    pub caption: String,
    pub image: Option<Image>,
}

/// A screenshot's image file, looked at once, when the page is loaded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Image {
    /// The path as resolved against the content file's folder.
    pub path: PathBuf,
    pub status: ImageStatus,
}

/// What the loader found at an image's path, from the file's header alone: the
/// pixels are read later, by the viewer, off the key loop.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ImageStatus {
    /// A picture in a format layar reads, of this size.
    Found(ImageFacts),
    /// Nothing is there.
    Missing,
    /// Something other than a regular file: a directory, a FIFO, a device.
    NotAFile,
    /// A regular file that cannot be opened or read (permissions, an I/O error).
    Unreadable,
    /// A file in no format layar reads.
    UnknownFormat,
    /// The file ends before its image does.
    Truncated,
    /// The file's header or data is not valid for its format.
    Corrupt,
    /// A file larger than layar reads for a picture, in bytes.
    TooLarge { bytes: u64 },
    /// A header that declares more pixels than layar decodes (a decompression bomb:
    /// a small file that would take gigabytes once decoded).
    TooManyPixels { width: u32, height: u32 },
}

impl ImageStatus {
    /// The picture's facts, when it can be shown.
    pub fn facts(self) -> Option<ImageFacts> {
        match self {
            Self::Found(facts) => Some(facts),
            _ => None,
        }
    }
}

/// A picture's size in pixels and its format, as its header gives them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ImageFacts {
    pub width: u32,
    pub height: u32,
    /// The format's usual name: `PNG`, `JPEG`, `WebP`.
    pub format: &'static str,
}

impl fmt::Display for ImageFacts {
    /// `1920×1080 PNG`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}×{} {}", self.width, self.height, self.format)
    }
}

/// The reviews section, which may hold no reviews at all.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reviews {
    pub heading: Option<String>,
    pub items: Vec<Review>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Review {
    pub author: String,
    pub rating: Option<Rating>,
    pub date: Option<Date>,
    /// The review's own language (a BCP 47 tag), when it is not the page's.
    pub language: Option<String>,
    pub paragraphs: Paragraphs,
}

/// A rating from 0 to 10 in steps of a tenth, held as tenths so it compares exactly.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Rating(u8);

impl Rating {
    /// The highest rating, 10.
    pub const MAX_TENTHS: u8 = 100;

    /// A rating of `tenths / 10`, or `None` above 10.
    pub fn from_tenths(tenths: u8) -> Option<Self> {
        (tenths <= Self::MAX_TENTHS).then_some(Self(tenths))
    }

    pub fn tenths(self) -> u8 {
        self.0
    }

    /// Half stars out of ten (five stars), to the nearest, halves up: one half star
    /// per point, so 8/10 is four stars, 7.5/10 four, 4.5/10 two and a half and 3/10
    /// one and a half.
    pub fn half_stars(self) -> u8 {
        (self.0 + 5) / 10
    }
}

impl fmt::Display for Rating {
    /// `8` for whole ratings, `7.5` otherwise.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (whole, tenth) = (self.0 / 10, self.0 % 10);
        if tenth == 0 {
            write!(f, "{whole}")
        } else {
            write!(f, "{whole}.{tenth}")
        }
    }
}

/// A calendar date, checked: 2024-02-30 never gets this far.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Date {
    year: u16,
    month: u8,
    day: u8,
}

impl Date {
    /// The date, or `None` when the day does not exist in that month.
    pub fn new(year: u16, month: u8, day: u8) -> Option<Self> {
        let leap =
            (year.is_multiple_of(4) && !year.is_multiple_of(100)) || year.is_multiple_of(400);
        let days = match month {
            1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
            4 | 6 | 9 | 11 => 30,
            2 if leap => 29,
            2 => 28,
            _ => return None,
        };
        (1..=days)
            .contains(&day)
            .then_some(Self { year, month, day })
    }

    /// Parses exactly `YYYY-MM-DD`.
    pub fn parse(s: &str) -> Option<Self> {
        let b = s.as_bytes();
        if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
            return None;
        }
        let num = |r: std::ops::Range<usize>| -> Option<u16> {
            s.get(r.clone())
                .filter(|d| d.bytes().all(|c| c.is_ascii_digit()))?
                .parse()
                .ok()
        };
        let month = u8::try_from(num(5..7)?).ok()?;
        let day = u8::try_from(num(8..10)?).ok()?;
        Self::new(num(0..4)?, month, day)
    }

    pub fn year(self) -> u16 {
        self.year
    }
    pub fn month(self) -> u8 {
        self.month
    }
    pub fn day(self) -> u8 {
        self.day
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

/// A part of a page, named as the page holds it: where a line on screen comes from,
/// so that an editor can be opened at its line of the file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Spot {
    Title,
    /// Byte `at` of paragraph `paragraph` of the synopsis (the start of the first for
    /// its heading or the reading aid).
    Synopsis {
        paragraph: usize,
        at: usize,
    },
    /// The screenshots section; `Some(item)` for one screenshot.
    Screenshots(Option<usize>),
    /// The reviews section; `Some(item)` for one review's author (and the line layar
    /// makes of its rating and date).
    Reviews(Option<usize>),
    /// Byte `at` of paragraph `paragraph` of review `item`'s text.
    ReviewText {
        item: usize,
        paragraph: usize,
        at: usize,
    },
}

/// A page for tests: titled `T`, with these synopsis paragraphs and a review by
/// `author {i}` for each of `reviews`, unrated and undated, with that text.
#[cfg(test)]
pub(crate) fn test_page<'t>(synopsis: &[&str], reviews: impl IntoIterator<Item = &'t str>) -> Page {
    Page {
        title: "T".into(),
        language: None,
        synopsis: Synopsis {
            language: None,
            heading: None,
            paragraphs: synopsis.iter().collect(),
        },
        screenshots: None,
        reviews: Some(Reviews {
            heading: None,
            items: reviews
                .into_iter()
                .enumerate()
                .map(|(i, text)| Review {
                    language: None,
                    author: format!("author {i}"),
                    rating: None,
                    date: None,
                    paragraphs: [text].into_iter().collect(),
                })
                .collect(),
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rating_bounds_and_display() {
        assert_eq!(Rating::from_tenths(101), None);
        assert_eq!(
            Rating::from_tenths(100).map(|r| r.to_string()),
            Some("10".into())
        );
        assert_eq!(
            Rating::from_tenths(75).map(|r| r.to_string()),
            Some("7.5".into())
        );
        assert_eq!(
            Rating::from_tenths(0).map(|r| r.to_string()),
            Some("0".into())
        );
    }

    #[test]
    fn half_stars_round_to_the_nearest_point() {
        let halves = |t| Rating::from_tenths(t).map(Rating::half_stars);
        assert_eq!(halves(80), Some(8));
        assert_eq!(halves(75), Some(8));
        assert_eq!(halves(74), Some(7));
        assert_eq!(halves(45), Some(5));
        assert_eq!(halves(30), Some(3));
        assert_eq!(halves(4), Some(0));
        assert_eq!(halves(0), Some(0));
        assert_eq!(halves(100), Some(10));
    }

    #[test]
    fn dates_are_calendar_dates() {
        assert!(Date::parse("2024-02-29").is_some());
        assert!(Date::parse("2023-02-29").is_none());
        assert!(Date::parse("1900-02-29").is_none());
        assert!(Date::parse("2000-02-29").is_some());
        assert!(Date::parse("2024-04-31").is_none());
        assert!(Date::parse("2024-13-01").is_none());
        assert!(Date::parse("2024-00-10").is_none());
        assert!(Date::parse("2024-1-01").is_none());
        assert!(Date::parse("2024-01-01x").is_none());
        assert!(Date::parse("+024-01-01").is_none());
        assert_eq!(
            Date::parse("2024-05-01").map(|d| d.to_string()),
            Some("2024-05-01".into())
        );
    }
}
