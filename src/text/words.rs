//! How long a text is and how long it takes to read, for the reading aid under a
//! section's heading (`541 kata · 3 menit`).
//!
//! Words are counted by Unicode word boundaries (UAX #29, `unicode_words`), so
//! `film-film`, `don't` and `3,5` count as a reader would. Chinese and Japanese are
//! written without spaces and UAX #29 gives each ideograph its own segment, so their
//! Han, Hiragana and Katakana letters are counted as characters instead, read at
//! about [`CJK_PER_MINUTE`] against [`WORDS_PER_MINUTE`] words elsewhere. Korean puts
//! spaces between words and is counted in words.

use unicode_script::{Script, UnicodeScript};
use unicode_segmentation::UnicodeSegmentation;

/// Words a minute, for text written with spaces.
pub const WORDS_PER_MINUTE: usize = 200;
/// Characters a minute, for Chinese and Japanese.
pub const CJK_PER_MINUTE: usize = 500;

/// A text's length: its words, and its Chinese and Japanese characters.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Length {
    pub words: usize,
    pub cjk_chars: usize,
}

impl Length {
    /// The length of `text`.
    pub fn of(text: &str) -> Self {
        let mut length = Self::default();
        length.add(text);
        length
    }

    /// Adds the length of `text`.
    pub fn add(&mut self, text: &str) {
        for word in text.unicode_words() {
            if word.is_ascii() {
                self.words += 1;
                continue;
            }
            let cjk = word.chars().filter(|&c| is_cjk(c)).count();
            if cjk == 0 {
                self.words += 1;
            } else {
                // A mixed segment (`Tokyo東京`) is rare: its CJK characters are read
                // as characters and the rest as one word.
                self.cjk_chars += cjk;
                if word.chars().any(|c| !is_cjk(c)) {
                    self.words += 1;
                }
            }
        }
    }

    /// Whether there is nothing to read.
    pub fn is_empty(self) -> bool {
        self.words == 0 && self.cjk_chars == 0
    }

    /// Minutes to read, rounded to the nearest and at least 1 for any text.
    pub fn minutes(self) -> usize {
        if self.is_empty() {
            return 0;
        }
        // In thousandths of a minute: 1000 / 200 per word, 1000 / 500 per character.
        let millis =
            self.words * (1000 / WORDS_PER_MINUTE) + self.cjk_chars * (1000 / CJK_PER_MINUTE);
        (millis + 500).div_euclid(1000).max(1)
    }
}

/// A length counted exactly, or estimated from a text's beginning.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Estimate {
    pub length: Length,
    pub exact: bool,
}

impl Estimate {
    /// The length of `texts`: counted exactly for the first `budget` bytes, and the
    /// rest estimated from them, in proportion to their bytes. A page may hold a
    /// paragraph of 60 MB, and counting words goes at about 60 MB a second: a
    /// heading is not worth a second of waiting.
    pub fn of<'t>(texts: impl IntoIterator<Item = &'t str> + Clone, budget: usize) -> Self {
        let total: usize = texts.clone().into_iter().map(str::len).sum();
        let mut length = Length::default();
        let mut counted = 0;
        for text in texts {
            let room = budget - counted;
            if room == 0 {
                break;
            }
            let mut end = text.len().min(room);
            while !text.is_char_boundary(end) {
                end -= 1;
            }
            length.add(&text[..end]);
            counted += end;
            if end < text.len() {
                break;
            }
        }
        if counted == total {
            return Self {
                length,
                exact: true,
            };
        }
        let scale = |n: usize| {
            usize::try_from(n as u128 * total as u128 / counted.max(1) as u128)
                .unwrap_or(usize::MAX)
        };
        Self {
            length: Length {
                words: scale(length.words),
                cjk_chars: scale(length.cjk_chars),
            },
            exact: false,
        }
    }
}

impl std::ops::AddAssign for Length {
    fn add_assign(&mut self, other: Self) {
        self.words += other.words;
        self.cjk_chars += other.cjk_chars;
    }
}

/// Whether `c` is a letter of a script written without spaces between words: Han,
/// Hiragana or Katakana.
fn is_cjk(c: char) -> bool {
    // Every Han, Hiragana and Katakana letter is at U+2E80 or above; below it, the
    // script lookup (a table search per character) is skipped.
    c >= '\u{2E80}'
        && matches!(
            c.script(),
            Script::Han | Script::Hiragana | Script::Katakana
        )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_han_or_kana_letter_comes_before_the_shortcut() {
        let early = ('\0'..'\u{2E80}').find(|c| {
            matches!(
                c.script(),
                Script::Han | Script::Hiragana | Script::Katakana
            )
        });
        assert_eq!(early, None);
        assert!(is_cjk('\u{2E80}') && is_cjk('あ') && is_cjk('ｶ') && !is_cjk('a'));
    }

    fn words(text: &str) -> usize {
        Length::of(text).words
    }

    #[test]
    fn latin_words_follow_word_boundaries() {
        assert_eq!(
            words("The staircase sequence alone is worth the ticket."),
            8
        );
        assert_eq!(
            words("don't stop — it's 3.5 hours"),
            5,
            "apostrophes, numbers"
        );
        assert_eq!(words("  \n\t "), 0);
        assert_eq!(words("Émile Zola écrit…"), 3);
        assert_eq!(words("a, b; c!"), 3, "punctuation is no word");
    }

    #[test]
    fn indonesian_words_split_at_hyphens_as_uax_29_says() {
        // A reduplicated word is two words to UAX #29, as `well-known` is.
        assert_eq!(words("anak-anak bermain di rumah-rumah"), 6);
        assert_eq!(
            words("Simon, seorang pembuat film Prancis terkenal, berdiri di puncak."),
            9
        );
    }

    #[test]
    fn chinese_and_japanese_are_counted_in_characters() {
        let zh = Length::of("导演用一个长镜头讲完了整个夜晚，技巧令人惊叹。");
        assert_eq!(
            zh,
            Length {
                words: 0,
                cjk_chars: 21
            },
            "15 + 6, punctuation left out"
        );
        let ja = Length::of("東京で映画を見ました");
        assert_eq!(ja.cjk_chars, 10);
        assert_eq!(ja.words, 0);
        let mixed = Length::of("Chen Wei: 导演 film");
        assert_eq!(
            mixed,
            Length {
                words: 3,
                cjk_chars: 2
            }
        );
        let korean = Length::of("영화를 봤어요 정말");
        assert_eq!(
            korean,
            Length {
                words: 3,
                cjk_chars: 0
            },
            "Korean has spaces"
        );
    }

    #[test]
    fn reading_time_rounds_and_never_says_zero_for_text() {
        let minutes = |words, cjk_chars| Length { words, cjk_chars }.minutes();
        assert_eq!(minutes(0, 0), 0);
        assert_eq!(minutes(1, 0), 1);
        assert_eq!(minutes(299, 0), 1);
        assert_eq!(minutes(300, 0), 2, "a minute and a half rounds up");
        assert_eq!(minutes(541, 0), 3);
        assert_eq!(minutes(0, 500), 1);
        assert_eq!(minutes(0, 1250), 3);
        assert_eq!(minutes(200, 500), 2, "a minute of each");
    }

    #[test]
    fn long_texts_are_estimated_from_their_beginning() {
        let text = "kata ".repeat(1000);
        let exact = Estimate::of([text.as_str(), "dua kata"], 1 << 20);
        assert_eq!(
            exact,
            Estimate {
                length: Length {
                    words: 1002,
                    cjk_chars: 0
                },
                exact: true
            }
        );
        let estimated = Estimate::of([text.as_str(), text.as_str()], 1000);
        assert!(!estimated.exact);
        assert_eq!(
            estimated.length.words, 2000,
            "200 words in 1000 bytes, of 10000"
        );
        let cut = Estimate::of(["日本語の文章"], 4);
        assert!(!cut.exact, "cut inside a character, at its start");
        assert_eq!(
            Estimate::of([], 10),
            Estimate {
                length: Length::default(),
                exact: true
            }
        );
    }

    #[test]
    fn lengths_add_up() {
        let mut total = Length::of("one two");
        total += Length::of("三四");
        total.add("five");
        assert_eq!(
            total,
            Length {
                words: 3,
                cjk_chars: 2
            }
        );
    }
}
