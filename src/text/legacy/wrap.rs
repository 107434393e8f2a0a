//! Grapheme-aware wrapping of one paragraph into lines, first fit.
//!
//! Breaks fall at whitespace, between wide characters (CJK ideographs, kana, Hangul,
//! fullwidth forms, emoji: anything two columns wide) even without spaces, and after U+200B
//! ZERO WIDTH SPACE. A line never starts with closing punctuation such as `。`, `、`, `」`
//! or `)` where a break is only possible because of width, nor ends with opening punctuation
//! such as `「` or `(`; a zero-width cluster always stays with what precedes it. A grapheme
//! cluster is never split.
//!
//! First fit (fill each line greedily, as `less` and glow do) is linear in the text; each
//! grapheme is looked at once more only when a word longer than the line must be cut.

use std::ops::Range;

use super::width::{grapheme_width, graphemes, is_printable_ascii};

/// Wraps one paragraph to `width` columns; returns each line's byte range in `text`.
///
/// Whitespace at a break belongs to no line, so lines neither start nor end with it. The one
/// exception is indentation: whitespace at the start of the paragraph stays on the first line
/// when the first word fits after it (and is dropped otherwise). A `\n` that slipped into the
/// paragraph counts as a space.
///
/// A word wider than the line is cut at grapheme boundaries into pieces that fill the line; a
/// single grapheme wider than the line (an emoji at width 1) gets a line to itself and
/// overflows it, for the caller to clip. `width == 0` is treated as 1. Text with no word at
/// all (empty or only whitespace) gives one empty line, `0..0`.
pub fn wrap(text: &str, width: usize) -> Vec<Range<usize>> {
    let mut lines = Lines::new(text, width.max(1));
    let mut clusters = graphemes(text);
    loop {
        lines.ascii(clusters.ascii_run());
        let Some((start, g)) = clusters.next() else {
            break;
        };
        match Cluster::of(g) {
            Some(cluster) => lines.cluster(start..start + g.len(), cluster),
            None => lines.space(grapheme_width(g)),
        }
    }
    lines.finish()
}

/// How one non-space grapheme cluster takes part in line breaking.
#[derive(Debug, Clone, Copy)]
struct Cluster {
    width: usize,
    /// No line may start with it (closing punctuation).
    closing: bool,
    /// No line may end with it (opening punctuation).
    opening: bool,
    /// A line may end after it (U+200B).
    zero_width_space: bool,
}

impl Cluster {
    /// `None` for whitespace, where lines break and which they drop at their ends.
    fn of(g: &str) -> Option<Self> {
        if let [b] = g.as_bytes() {
            return (!char::from(*b).is_whitespace()).then(|| Self {
                width: grapheme_width(g),
                ..Self::ascii(*b)
            });
        }
        if g.chars().all(is_breaking_space) {
            return None;
        }
        let first = g.chars().next().unwrap_or(' ');
        Some(Self {
            width: grapheme_width(g),
            closing: is_closing(first),
            opening: is_opening(first),
            zero_width_space: g == "\u{200B}",
        })
    }

    /// A printable ASCII character other than space.
    fn ascii(b: u8) -> Self {
        let c = char::from(b);
        Self {
            width: 1,
            closing: is_closing(c),
            opening: is_opening(c),
            zero_width_space: false,
        }
    }

    /// Whether a line may break between `self` and `next`, neither of them whitespace.
    fn may_break_before(self, next: Self) -> bool {
        next.width > 0
            && !next.closing
            && !self.opening
            && (self.zero_width_space || self.width == 2 || next.width == 2)
    }
}

/// Whitespace a line may break at; the no-break spaces are not.
fn is_breaking_space(c: char) -> bool {
    c.is_whitespace() && !matches!(c, '\u{A0}' | '\u{2007}' | '\u{202F}')
}

/// Punctuation that may not start a line: closing brackets and quotes, stops, iteration
/// and prolonged sound marks, small kana.
#[rustfmt::skip]
fn is_closing(c: char) -> bool {
    matches!(
        c,
        ')' | ']' | '}' | '.' | ',' | ':' | ';' | '!' | '?' | '%'
        | '）' | '］' | '｝' | '」' | '』' | '】' | '〕' | '〉' | '》' | '〗' | '〙' | '〛'
        | '〞' | '〟' | '｠' | '｣' | '”' | '’' | '»' | '›'
        | '、' | '。' | '，' | '．' | '：' | '；' | '？' | '！' | '％' | '｡' | '､'
        | '…' | '‥' | '・' | '〜' | '‼' | '⁇' | '⁈' | '⁉'
        | 'ー' | 'ｰ' | '々' | '〻' | 'ゝ' | 'ゞ' | 'ヽ' | 'ヾ' | '゛' | '゜'
        | 'ぁ' | 'ぃ' | 'ぅ' | 'ぇ' | 'ぉ' | 'っ' | 'ゃ' | 'ゅ' | 'ょ' | 'ゎ' | 'ゕ' | 'ゖ'
        | 'ァ' | 'ィ' | 'ゥ' | 'ェ' | 'ォ' | 'ッ' | 'ャ' | 'ュ' | 'ョ' | 'ヮ' | 'ヵ' | 'ヶ'
    )
}

/// Punctuation that may not end a line: opening brackets and quotes.
#[rustfmt::skip]
fn is_opening(c: char) -> bool {
    matches!(
        c,
        '(' | '[' | '{'
        | '（' | '［' | '｛' | '「' | '『' | '【' | '〔' | '〈' | '《' | '〖' | '〘' | '〚'
        | '〝' | '｟' | '｢' | '“' | '‘' | '«' | '‹'
    )
}

/// First-fit line filling.
///
/// Clusters are glued into words (runs with no break opportunity inside); each finished word
/// is placed on the current line if it fits after the whitespace before it, or starts a new
/// line.
#[derive(Debug)]
struct Lines<'a> {
    text: &'a str,
    width: usize,
    done: Vec<Range<usize>>,
    /// The line being filled, from its start to the end of its last word; `None` before the
    /// first word.
    line: Option<Range<usize>>,
    line_width: usize,
    /// Columns of whitespace since the last word (or since the paragraph's start).
    gap: usize,
    /// The word being built: its range, width and last cluster.
    word: Option<(Range<usize>, usize, Cluster)>,
}

impl<'a> Lines<'a> {
    fn new(text: &'a str, width: usize) -> Self {
        Self {
            text,
            width,
            done: Vec::new(),
            line: None,
            line_width: 0,
            gap: 0,
            word: None,
        }
    }

    /// A whitespace cluster `width` columns wide (or that many spaces).
    fn space(&mut self, width: usize) {
        self.end_word();
        self.gap += width;
    }

    /// A non-space cluster at `range`: it extends the current word, or ends it and starts
    /// the next one.
    fn cluster(&mut self, range: Range<usize>, cluster: Cluster) {
        match &mut self.word {
            Some((word, width, last)) if !last.may_break_before(cluster) => {
                word.end = range.end;
                *width += cluster.width;
                *last = cluster;
            }
            _ => {
                self.end_word();
                self.word = Some((range, cluster.width, cluster));
            }
        }
    }

    /// A run of printable ASCII clusters: bytes are columns, and inside the run only spaces
    /// break (two narrow clusters never do). Only a word's first byte needs to be checked
    /// against what precedes it, say a closing `)` after an ideograph.
    fn ascii(&mut self, run: Range<usize>) {
        let bytes = self.text.as_bytes();
        let mut i = run.start;
        while i < run.end {
            let rest = &bytes[i..run.end];
            let spaces = rest.iter().take_while(|&&b| b == b' ').count();
            if spaces > 0 {
                self.space(spaces);
                i += spaces;
                continue;
            }
            let len = rest.iter().position(|&b| b == b' ').unwrap_or(rest.len());
            self.cluster(i..i + 1, Cluster::ascii(bytes[i]));
            if let Some((word, width, last)) = self.word.as_mut().filter(|_| len > 1) {
                word.end = i + len;
                *width += len - 1;
                *last = Cluster::ascii(bytes[i + len - 1]);
            }
            i += len;
        }
    }

    /// Places the finished word, if any.
    fn end_word(&mut self) {
        if let Some((range, width, _)) = self.word.take() {
            self.place(range, width);
        }
    }

    /// Puts a word on the current line if it fits, else on a new one.
    fn place(&mut self, range: Range<usize>, width: usize) {
        if width > self.width {
            self.long_word(range);
        } else {
            match &mut self.line {
                Some(line) if self.line_width + self.gap + width <= self.width => {
                    line.end = range.end;
                    self.line_width += self.gap + width;
                }
                Some(line) => {
                    let full = std::mem::replace(line, range);
                    self.done.push(full);
                    self.line_width = width;
                }
                // The paragraph's first word: keep its indentation if both fit.
                None if self.gap + width <= self.width => {
                    self.line = Some(0..range.end);
                    self.line_width = self.gap + width;
                }
                None => {
                    self.line = Some(range);
                    self.line_width = width;
                }
            }
        }
        self.gap = 0;
    }

    /// Cuts a word wider than a line into pieces that fill lines of their own; the last piece
    /// stays open for what follows.
    fn long_word(&mut self, range: Range<usize>) {
        self.done.extend(self.line.take());
        let word = self.text.get(range.clone()).unwrap_or_default();
        let mut piece_start = range.start;
        let mut piece_width = 0;
        if is_printable_ascii(word) {
            while range.end - piece_start > self.width {
                self.done.push(piece_start..piece_start + self.width);
                piece_start += self.width;
            }
            piece_width = range.end - piece_start;
        } else {
            for (offset, g) in graphemes(word) {
                let start = range.start + offset;
                let w = grapheme_width(g);
                if piece_width + w > self.width && start > piece_start {
                    self.done.push(piece_start..start);
                    piece_start = start;
                    piece_width = 0;
                }
                piece_width += w;
            }
        }
        self.line = Some(piece_start..range.end);
        self.line_width = piece_width;
    }

    fn finish(mut self) -> Vec<Range<usize>> {
        self.end_word();
        self.done.extend(self.line.take());
        if self.done.is_empty() {
            self.done.push(0..0);
        }
        self.done
    }
}
