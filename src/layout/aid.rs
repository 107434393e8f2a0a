//! The reading aid: how long a text is and how long it takes to read, said under a
//! text section's heading (`541 kata · 3 menit`) and after a review's author. Counted
//! by `text::words`; a text longer than [`COUNT_BUDGET`] is estimated from its
//! beginning and said with `≈`.

use std::borrow::Cow;
use std::fmt::Write as _;

use super::{Para, Role};
use crate::i18n::Strings;
use crate::text::words::Estimate;

/// Bytes counted word by word before the rest is estimated: a few milliseconds.
const COUNT_BUDGET: usize = 256 << 10;

/// Between the parts of the aid, and between an author and their review's aid.
const SEPARATOR: &str = " · ";

/// `541 kata · 3 menit`, `86 characters · 1 min`, `12 words · 30 characters · 1 min`.
pub(crate) fn text<'t>(
    texts: impl IntoIterator<Item = &'t str> + Clone,
    strings: &Strings,
) -> String {
    let Estimate { length, exact } = Estimate::of(texts, COUNT_BUDGET);
    let about = if exact { "" } else { "≈" };
    let mut parts = Vec::with_capacity(3);
    if length.words > 0 || length.cjk_chars == 0 {
        let word = if length.words == 1 {
            strings.word
        } else {
            strings.words
        };
        parts.push(format!("{about}{} {word}", length.words));
    }
    if length.cjk_chars > 0 {
        parts.push(format!("{about}{} {}", length.cjk_chars, strings.cjk_chars));
    }
    let mut out = parts.join(SEPARATOR);
    let _ = write!(
        out,
        "{SEPARATOR}{about}{} {}",
        length.minutes(),
        strings.minutes
    );
    out
}

/// Appends the aid of `texts` to `para` (a review's author line), as a span of its
/// own that search leaves alone.
pub(crate) fn append<'t>(
    para: &mut Para<'_>,
    texts: impl IntoIterator<Item = &'t str> + Clone,
    strings: &Strings,
) {
    let mut line = para.text.to_string();
    let start = line.len();
    line.push_str(SEPARATOR);
    line.push_str(&text(texts, strings));
    para.spans.push((start..line.len(), Role::Aid));
    para.text = Cow::Owned(line);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::{EN, ID};

    #[test]
    fn says_words_characters_and_minutes() {
        let long = "kata ".repeat(541);
        assert_eq!(text([long.as_str()], &ID), "541 kata · 3 menit");
        assert_eq!(text([long.as_str()], &EN), "541 words · 3 min");
        assert_eq!(text(["one"], &EN), "1 word · 1 min");
        assert_eq!(text(["长镜头"], &EN), "3 characters · 1 min");
        assert_eq!(text(["Chen: 长镜头"], &ID), "1 kata · 3 karakter · 1 menit");
        assert_eq!(text([""], &EN), "0 words · 0 min");
    }

    #[test]
    fn long_texts_are_said_to_be_estimates() {
        let long = "kata ".repeat(200_000);
        assert_eq!(text([long.as_str()], &EN), "≈200000 words · ≈1000 min");
    }

    #[test]
    fn an_appended_aid_is_not_searched() {
        let mut para = Para::new("Ana Lima", Role::Author);
        append(&mut para, ["Good film."], &EN);
        assert_eq!(para.text, "Ana Lima · 2 words · 1 min");
        assert_eq!(para.searched(), "Ana Lima");
        assert_eq!(para.role_at(0), Role::Author);
        assert_eq!(para.role_at("Ana Lima".len()), Role::Aid);
    }
}
