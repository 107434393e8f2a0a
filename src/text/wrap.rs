//! Wrapping one paragraph into lines.
//!
//! Where a line may break comes from Unicode line breaking (UAX #14, through textwrap's
//! [`WordSeparator::UnicodeBreakProperties`]): at spaces, between ideographs, kana, Hangul
//! syllables and emoji, after `/` and `?` in a URL, after U+200B ZERO WIDTH SPACE; never
//! before closing punctuation such as `,` `)` `。` `」` nor after opening punctuation such as
//! `(` `「`. A soft hyphen (U+00AD) between two letters is a break too: the line broken there
//! shows `-` at its end, and a soft hyphen anywhere else shows nothing.
//!
//! The words found are measured per grapheme cluster by [`super::width`], the measure the
//! screen uses, and the lines are filled by textwrap's wrap algorithms over them ([`Fit`]).
//! A word wider than the line is first cut at grapheme boundaries into pieces that fill the
//! line, never so that a piece starts with a cluster no line may start with (a `,` after a
//! cut word goes with the piece before it, and takes its last letter along if it must).

use std::collections::HashMap;
use std::ops::Range;

use textwrap::WordSeparator;
use textwrap::core::Fragment;
use textwrap::wrap_algorithms::{Penalties, wrap_first_fit, wrap_optimal_fit};
use unicode_segmentation::UnicodeSegmentation;

use super::width::{grapheme_width, str_width};

/// U+00AD SOFT HYPHEN: where a word may be hyphenated. Shown as `-` at the end of a line
/// broken there, and as nothing elsewhere.
pub(crate) const SOFT_HYPHEN: char = '\u{AD}';

/// How lines are filled with words.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Fit {
    /// Each line takes as many words as fit, as `less` and most viewers do. Linear, and
    /// what a line holds never depends on the lines after it.
    #[default]
    First,
    /// Line breaks chosen for the whole paragraph so that the lines are as even as
    /// possible (textwrap's optimal fit: the least sum of squared gaps at the line ends).
    Optimal,
}

/// Wraps one paragraph to `width` columns; returns each line's byte range in `text`.
///
/// Whitespace at a break belongs to no line, so lines neither start nor end with it. The one
/// exception is indentation: whitespace at the start of the paragraph stays on the first line
/// when the first word fits after it (and is dropped otherwise).
///
/// A line that ends with [`SOFT_HYPHEN`] was broken there and shows `-` in its last column
/// ([`is_hyphenated`]); no other line ends with one.
///
/// A single grapheme wider than the line (an emoji at width 1) gets a line to itself and
/// overflows it, for the caller to clip. `width == 0` is treated as 1. Text with no word at
/// all (empty or only whitespace) gives one empty line, `0..0`.
pub(crate) fn wrap(text: &str, width: usize, fit: Fit) -> Vec<Range<usize>> {
    let width = width.max(1);
    let clusters: Vec<Cluster> = text
        .grapheme_indices(true)
        .map(|(at, g)| Cluster::new(at, g))
        .collect();
    let words = words(text, &clusters, width);
    if words.is_empty() {
        return std::iter::once(0..0).collect();
    }
    let line_widths = [to_f64(width)];
    let lines = match fit {
        Fit::First => wrap_first_fit(&words, &line_widths),
        Fit::Optimal => optimal_fit(&words, &line_widths, width)
            .unwrap_or_else(|| wrap_first_fit(&words, &line_widths)),
    };
    lines
        .into_iter()
        .filter_map(|line| {
            let first = clusters.get(line.first()?.clusters.start)?;
            let last = clusters.get(line.last()?.clusters.end.checked_sub(1)?)?;
            Some(first.at..last.end())
        })
        .collect()
}

/// Whether a line [`wrap`] made was broken at a soft hyphen, and so shows `-` at its end.
pub(crate) fn is_hyphenated(line: &str) -> bool {
    line.ends_with(SOFT_HYPHEN)
}

/// The pieces of a wrapped line as a terminal must be given them: the text without its soft
/// hyphens, then `-` if the line was broken at one.
pub(crate) fn shown(line: &str) -> impl Iterator<Item = &str> {
    line.split(SOFT_HYPHEN)
        .filter(|piece| !piece.is_empty())
        .chain(is_hyphenated(line).then_some("-"))
}

/// Columns a wrapped line takes on screen: its text, and the hyphen it shows.
pub(crate) fn line_width(line: &str) -> usize {
    str_width(line) + usize::from(is_hyphenated(line))
}

/// Optimal fit, or `None` where it would overflow a line that first fit keeps within the
/// width: textwrap charges an overflow a fixed price per column, which a long enough gap
/// elsewhere outweighs.
fn optimal_fit<'w>(
    words: &'w [Word],
    line_widths: &[f64],
    width: usize,
) -> Option<Vec<&'w [Word]>> {
    let lines = wrap_optimal_fit(words, line_widths, &Penalties::new()).ok()?;
    let fits = |line: &&[Word]| match line {
        // One word alone always fits: it was cut to the width, or is one wide grapheme.
        [_, .., last] => {
            let used: usize = line.iter().map(|w| w.width + w.gap).sum();
            used - last.gap + usize::from(last.hyphen) <= width
        }
        _ => true,
    };
    lines.iter().all(fits).then_some(lines)
}

/// One grapheme cluster of the paragraph, measured once. Its text is not kept: a
/// paragraph has one of these for each character or so, and at 24 bytes (against 40
/// with a `&str`) wrapping a screen of text touches less fresh memory.
#[derive(Debug, Clone, Copy)]
struct Cluster {
    /// Where it starts in the paragraph.
    at: usize,
    /// Where it ends.
    end: usize,
    width: u16,
    /// Whitespace a line may break at and drops at its ends: not a no-break space, nor a
    /// space carrying a combining mark.
    space: bool,
    /// A soft hyphen, always a cluster of its own (a control, to grapheme breaking).
    soft_hyphen: bool,
}

impl Cluster {
    fn new(at: usize, g: &str) -> Self {
        Self {
            at,
            end: at + g.len(),
            width: u16::try_from(grapheme_width(g)).unwrap_or(u16::MAX),
            space: g.chars().all(is_breaking_space),
            soft_hyphen: g.starts_with(SOFT_HYPHEN),
        }
    }

    fn end(&self) -> usize {
        self.end
    }

    fn width(&self) -> usize {
        usize::from(self.width)
    }

    fn is_space(&self) -> bool {
        self.space
    }

    fn is_soft_hyphen(&self) -> bool {
        self.soft_hyphen
    }

    /// Its text, in the paragraph `text`.
    fn text<'t>(&self, text: &'t str) -> &'t str {
        text.get(self.at..self.end).unwrap_or_default()
    }
}

/// Columns of a run of clusters.
fn columns(clusters: &[Cluster]) -> usize {
    clusters.iter().map(Cluster::width).sum()
}

/// A word of the paragraph, as textwrap's algorithms see it.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Word {
    /// Its grapheme clusters, up to where a line ending with it ends: after its soft
    /// hyphen when `hyphen`.
    clusters: Range<usize>,
    /// Columns of the word, without the whitespace after it.
    width: usize,
    /// Columns of the whitespace after it, shown when the line goes on.
    gap: usize,
    /// It ends at a soft hyphen, which shows as `-` when a line ends there.
    hyphen: bool,
}

/// Columns as textwrap counts them.
fn to_f64(n: usize) -> f64 {
    f64::from(u32::try_from(n).unwrap_or(u32::MAX))
}

impl Fragment for Word {
    fn width(&self) -> f64 {
        to_f64(self.width)
    }

    fn whitespace_width(&self) -> f64 {
        to_f64(self.gap)
    }

    fn penalty_width(&self) -> f64 {
        to_f64(usize::from(self.hyphen))
    }
}

/// Whitespace a line may break at and drops at its ends; the no-break spaces are not.
fn is_breaking_space(c: char) -> bool {
    c.is_whitespace() && !matches!(c, '\u{A0}' | '\u{2007}' | '\u{202F}')
}

/// The words of `text` (whose grapheme clusters are `clusters`), each at most `width`
/// columns but for a single wider grapheme.
fn words(text: &str, clusters: &[Cluster], width: usize) -> Vec<Word> {
    let mut words = Vec::new();
    // Columns of whitespace before the first word.
    let mut indent = 0;
    // The chunk's first cluster, the first cluster past the break, the break's offset.
    let (mut from, mut next, mut end) = (0, 0, 0);
    for found in WordSeparator::UnicodeBreakProperties.find_words(text) {
        // The words textwrap finds follow one another and cover the text. A break the
        // line breaking rules allow inside a grapheme cluster (between a letter and an
        // emoji modifier, a space and a combining mark) is not taken.
        end += found.word.len() + found.whitespace.len() + found.penalty.len();
        while clusters.get(next).is_some_and(|c| c.at < end) {
            next += 1;
        }
        if !clusters
            .get(next)
            .map_or(end >= text.len(), |c| c.at == end)
        {
            continue;
        }
        let mut part = from;
        for shy in from..next {
            if is_soft_break(text, clusters, part..next, shy) {
                push(&mut words, &mut indent, clusters, part..shy + 1, true);
                part = shy + 1;
            }
        }
        push(&mut words, &mut indent, clusters, part..next, false);
        from = next;
    }
    if let Some(first) = words.first_mut()
        && indent > 0
        && indent + first.width + usize::from(first.hyphen) <= width
    {
        first.clusters.start = 0;
        first.width += indent;
    }
    let mut fitted = Vec::with_capacity(words.len());
    for mut word in words {
        if word.hyphen && word.width + 1 > width {
            // No room for the hyphen: the word breaks there plainly, or is cut.
            word.hyphen = false;
            word.clusters.end -= 1;
        }
        if word.width > width {
            cut(text, clusters, &word, width, &mut fitted);
        } else {
            fitted.push(word);
        }
    }
    fitted
}

/// Whether cluster `at` of the chunk `chunk` is a soft hyphen where the line may break:
/// one after a letter (or mark) and before a letter or digit.
fn is_soft_break(text: &str, clusters: &[Cluster], chunk: Range<usize>, at: usize) -> bool {
    let (Some(before), Some(shy), Some(after)) = (
        at.checked_sub(1)
            .filter(|&b| b >= chunk.start)
            .and_then(|b| clusters.get(b)),
        clusters.get(at),
        clusters.get(at + 1).filter(|_| at + 1 < chunk.end),
    ) else {
        return false;
    };
    shy.is_soft_hyphen()
        && !before.is_space()
        && !before.is_soft_hyphen()
        && after.text(text).starts_with(char::is_alphanumeric)
}

/// Adds the clusters `part` as a word. Whitespace around it goes to the gap before and
/// after it (whitespace the rules glue to what follows, such as U+3000 before a closing
/// mark, is still not shown at a line's start); a part that is only whitespace widens the
/// gap before it, or the indentation.
fn push(
    words: &mut Vec<Word>,
    indent: &mut usize,
    clusters: &[Cluster],
    part: Range<usize>,
    hyphen: bool,
) {
    let Some(all) = clusters.get(part.clone()) else {
        return;
    };
    let lead = all.iter().position(|c| !c.is_space()).unwrap_or(all.len());
    // A soft hyphen where the line does not break shows nothing: keep it off the line's end.
    let shows_at_end = |c: &Cluster| !c.is_space() && (hyphen || !c.is_soft_hyphen());
    let body_end = all
        .iter()
        .rposition(shows_at_end)
        .map_or(lead, |i| (i + 1).max(lead));
    match words.last_mut() {
        Some(last) => last.gap += columns(&all[..lead]),
        None => *indent += columns(&all[..lead]),
    }
    let gap = columns(&all[body_end..]);
    if body_end == lead {
        match words.last_mut() {
            Some(last) => last.gap += gap,
            None => *indent += gap,
        }
        return;
    }
    words.push(Word {
        clusters: part.start + lead..part.start + body_end,
        width: columns(&all[lead..body_end]),
        gap,
        hyphen,
    });
}

/// Cuts `word`, wider than `width`, into pieces that fill lines; the last piece keeps the
/// word's gap.
///
/// Each piece takes as many grapheme clusters as fit, and at least one that is not zero
/// width. The cut moves back while the cluster after it may not start a line. Whitespace
/// inside the word (where the rules allow no break, as in `[ a ]`) is dropped at a cut,
/// as at any break.
fn cut(text: &str, clusters: &[Cluster], word: &Word, width: usize, out: &mut Vec<Word>) {
    let stop = word.clusters.end.min(clusters.len());
    let mut starts_ok = HashMap::new();
    let mut first = word.clusters.start;
    let mut rest = word.width;
    loop {
        while let Some(space) = clusters.get(first).filter(|c| first < stop && c.is_space()) {
            first += 1;
            rest -= space.width();
            // Shown if the pieces on either side end up on one line.
            if let Some(before) = out.last_mut() {
                before.gap += space.width();
            }
        }
        if rest <= width {
            break;
        }
        let mut end = first;
        let mut used = 0;
        while let Some(c) = clusters.get(end).filter(|_| end < stop) {
            if used + c.width() > width && used > 0 {
                break;
            }
            used += c.width();
            end += 1;
        }
        if end == stop {
            // One grapheme wider than the line, and the zero-width ones around it.
            break;
        }
        let mut at = end;
        while at > first + 1 && !may_start_line(&mut starts_ok, clusters[at].text(text)) {
            at -= 1;
        }
        if !may_start_line(&mut starts_ok, clusters[at].text(text))
            || columns(&clusters[first..at]) == 0
        {
            at = end;
        }
        let piece = &clusters[first..at];
        // Nothing at a line's end that shows nothing there, or a hyphen.
        let shows = |c: &Cluster| !c.is_space() && !c.is_soft_hyphen();
        if let Some(last) = piece.iter().rposition(shows) {
            out.push(Word {
                clusters: first..first + last + 1,
                width: columns(&piece[..=last]),
                gap: columns(&piece[last + 1..]),
                hyphen: false,
            });
        } else if let Some(before) = out.last_mut() {
            before.gap += columns(piece);
        }
        rest -= columns(piece);
        first = at;
    }
    if first < stop {
        out.push(Word {
            clusters: first..stop,
            width: rest,
            ..word.clone()
        });
    }
}

/// Whether a line may start with the grapheme cluster `g`, by the line breaking rules: a
/// break may fall between an ideograph and `g` unless `g` is closing punctuation, a stop, a
/// small kana, a combining mark or the like. Answers are kept in `seen` by cluster.
fn may_start_line<'t>(seen: &mut HashMap<&'t str, bool>, g: &'t str) -> bool {
    *seen.entry(g).or_insert_with(|| {
        WordSeparator::UnicodeBreakProperties
            .find_words(&format!("日{g}"))
            .nth(1)
            .is_some()
    })
}

#[cfg(test)]
// A result of one range is written `[a..b]`: a one-element array, which is what is meant.
#[allow(clippy::single_range_in_vec_init)]
mod tests;
