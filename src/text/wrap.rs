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

#[cfg(test)]
// A result of one range is written `[a..b]`: a one-element array, which is what is meant.
#[allow(clippy::single_range_in_vec_init)]
mod tests {
    use super::super::width::str_width;
    use super::*;
    use unicode_segmentation::UnicodeSegmentation;

    const FAMILY: &str = "\u{1F468}\u{200D}\u{1F469}\u{200D}\u{1F467}";

    fn lines(text: &str, width: usize) -> Vec<&str> {
        wrap(text, width).into_iter().map(|r| &text[r]).collect()
    }

    /// Everything a wrapping must guarantee, whatever the text and width.
    fn check_invariants(text: &str, width: usize) {
        let ranges = wrap(text, width);
        let width = width.max(1);
        assert!(!ranges.is_empty(), "{text:?}: no lines");
        let boundaries: Vec<usize> = text
            .grapheme_indices(true)
            .map(|(i, _)| i)
            .chain([text.len()])
            .collect();
        let mut covered_to = 0;
        for (n, r) in ranges.iter().enumerate() {
            assert!(
                r.start <= r.end && r.end <= text.len(),
                "{text:?}: bad range {r:?}"
            );
            assert!(
                boundaries.contains(&r.start) && boundaries.contains(&r.end),
                "{text:?} at {width}: {r:?} splits a grapheme"
            );
            assert!(r.start >= covered_to, "{text:?}: ranges overlap or go back");
            let line = &text[r.clone()];
            let gap = &text[covered_to..r.start];
            assert!(
                gap.chars().all(is_breaking_space),
                "{text:?} at {width}: lost {gap:?} between lines"
            );
            if ranges.len() > 1 {
                assert!(!line.is_empty(), "{text:?} at {width}: empty line {n}");
            }
            assert!(
                str_width(line) <= width || line.graphemes(true).count() == 1,
                "{text:?} at {width}: line {line:?} too wide"
            );
            // A space carrying a combining mark is a visible cluster, not whitespace.
            let is_space = |g: &str| Cluster::of(g).is_none();
            if n > 0 {
                assert!(
                    !line.graphemes(true).next().is_some_and(is_space),
                    "{text:?} at {width}: line {line:?} starts with space"
                );
            }
            assert!(
                !line.graphemes(true).next_back().is_some_and(is_space),
                "{text:?} at {width}: line {line:?} ends with space"
            );
            covered_to = r.end;
        }
        let tail = &text[covered_to..];
        assert!(
            tail.chars().all(is_breaking_space),
            "{text:?}: lost tail {tail:?}"
        );
    }

    #[test]
    fn plain_words() {
        assert_eq!(lines("the quick brown fox", 10), ["the quick", "brown fox"]);
        assert_eq!(lines("the quick brown fox", 100), ["the quick brown fox"]);
        assert_eq!(lines("a b c d", 3), ["a b", "c d"]);
    }

    #[test]
    fn exact_fit_lines() {
        assert_eq!(lines("abcde fghij", 5), ["abcde", "fghij"]);
        assert_eq!(lines("abcde fghij", 11), ["abcde fghij"]);
        assert_eq!(lines("abcde fghij", 10), ["abcde", "fghij"]);
    }

    #[test]
    fn empty_and_blank_text() {
        assert_eq!(wrap("", 10), [0..0]);
        assert_eq!(wrap("", 0), [0..0]);
        assert_eq!(wrap("    ", 2), [0..0]);
        assert_eq!(wrap("\u{3000}", 2), [0..0]);
    }

    #[test]
    fn long_word_is_cut_into_full_pieces() {
        assert_eq!(lines("abcdefghij", 4), ["abcd", "efgh", "ij"]);
        assert_eq!(
            lines("go abcdefghij ok", 4),
            ["go", "abcd", "efgh", "ij", "ok"]
        );
        assert_eq!(lines("abcdefgh x", 4), ["abcd", "efgh", "x"]);
        assert_eq!(lines("abcdef xy", 4), ["abcd", "ef", "xy"]);
        assert_eq!(lines("abcdef x", 4), ["abcd", "ef x"]);
    }

    #[test]
    fn very_long_word() {
        let word = "x".repeat(20_000);
        let ranges = wrap(&word, 80);
        assert_eq!(ranges.len(), 250);
        assert!(ranges.iter().all(|r| r.len() == 80));
        let wide = "語".repeat(20_000);
        let ranges = wrap(&wide, 81);
        assert_eq!(ranges.len(), 500, "40 ideographs per line");
        assert!(ranges.iter().all(|r| str_width(&wide[r.clone()]) == 80));
        let marked = "e\u{301}".repeat(20_000);
        assert_eq!(wrap(&marked, 100).len(), 200);
    }

    #[test]
    fn cjk_breaks_between_characters() {
        assert_eq!(lines("日本語のテキスト", 6), ["日本語", "のテキ", "スト"]);
        assert_eq!(
            lines("日本語のテキスト", 5),
            ["日本", "語の", "テキ", "スト"]
        );
        assert_eq!(lines("한국어 문장입니다", 6), ["한국어", "문장입", "니다"]);
        assert_eq!(lines("ＡＢＣＤ", 4), ["ＡＢ", "ＣＤ"]);
    }

    #[test]
    fn cjk_closing_punctuation_does_not_start_a_line() {
        assert_eq!(lines("あいう。えお", 6), ["あい", "う。え", "お"]);
        assert_eq!(lines("「あいう」", 6), ["「あい", "う」"]);
        assert_eq!(lines("「あいう」", 4), ["「あ", "い", "う」"]);
        assert_eq!(lines("あい、うえ", 4), ["あ", "い、", "うえ"]);
    }

    #[test]
    fn mixed_cjk_and_latin() {
        assert_eq!(
            lines("Simon監督の映画 film", 8),
            ["Simon監", "督の映画", "film"]
        );
        assert_eq!(lines("abc日本", 4), ["abc", "日本"]);
        assert_eq!(lines("日本abc", 4), ["日本", "abc"]);
    }

    #[test]
    fn combining_marks_stay_with_their_letter() {
        let text = "e\u{301}e\u{301}e\u{301}";
        assert_eq!(lines(text, 2), ["e\u{301}e\u{301}", "e\u{301}"]);
        assert_eq!(lines("cafe\u{301} noir", 4), ["cafe\u{301}", "noir"]);
        let heavy = format!("a{}", "\u{301}".repeat(300));
        assert_eq!(wrap(&heavy, 1), [0..heavy.len()]);
        let two = format!("{heavy}{heavy}");
        assert_eq!(wrap(&two, 1), [0..heavy.len(), heavy.len()..two.len()]);
    }

    #[test]
    fn family_emoji_is_never_split() {
        let one = FAMILY.len();
        for width in [0, 1, 2, 3] {
            assert_eq!(wrap(FAMILY, width), [0..one], "width {width}");
        }
        let three = FAMILY.repeat(3);
        assert_eq!(wrap(&three, 1), [0..one, one..2 * one, 2 * one..3 * one]);
        assert_eq!(wrap(&three, 2), [0..one, one..2 * one, 2 * one..3 * one]);
        assert_eq!(wrap(&three, 3), [0..one, one..2 * one, 2 * one..3 * one]);
        assert_eq!(wrap(&three, 4), [0..2 * one, 2 * one..3 * one]);
        let spaced = format!("{FAMILY} {FAMILY}");
        assert_eq!(lines(&spaced, 3), [FAMILY, FAMILY]);
    }

    #[test]
    fn flags_are_never_split() {
        let flags = "🇮🇩🇯🇵";
        assert_eq!(lines(flags, 1), ["🇮🇩", "🇯🇵"]);
        assert_eq!(lines(flags, 3), ["🇮🇩", "🇯🇵"]);
        assert_eq!(lines(flags, 4), ["🇮🇩🇯🇵"]);
    }

    #[test]
    fn zero_width_characters() {
        // Zero-width clusters stay with what precedes them and cost no column.
        assert_eq!(lines("ab\u{200D}cd", 4), ["ab\u{200D}cd"]);
        assert_eq!(lines("日\u{200B}本", 2), ["日\u{200B}", "本"]);
        // U+200B is a break opportunity in Latin text too.
        assert_eq!(lines("abc\u{200B}def", 4), ["abc\u{200B}", "def"]);
        assert_eq!(lines("\u{200B}", 1), ["\u{200B}"]);
    }

    #[test]
    fn width_one_and_zero() {
        assert_eq!(lines("ab c", 1), ["a", "b", "c"]);
        assert_eq!(wrap("ab c", 0), wrap("ab c", 1));
        assert_eq!(
            lines("日本", 1),
            ["日", "本"],
            "wide characters overflow alone"
        );
        assert_eq!(lines("a日b", 1), ["a", "日", "b"]);
    }

    #[test]
    fn runs_of_spaces() {
        assert_eq!(lines("a   b", 5), ["a   b"], "kept inside a line");
        assert_eq!(lines("aa   bb", 4), ["aa", "bb"], "dropped at a break");
        assert_eq!(lines("aa    bb", 3), ["aa", "bb"]);
    }

    #[test]
    fn leading_indentation_kept_only_when_it_fits() {
        assert_eq!(wrap("  ab cd", 4), [0..4, 5..7]);
        assert_eq!(wrap("  abcd", 4), [2..6]);
        assert_eq!(lines("\u{3000}日本語", 6), ["\u{3000}日本", "語"]);
        assert_eq!(lines("ab  ", 4), ["ab"], "trailing whitespace dropped");
    }

    #[test]
    fn stray_newlines_count_as_spaces() {
        assert_eq!(lines("ab\ncd", 5), ["ab\ncd"]);
        assert_eq!(lines("ab\ncd", 3), ["ab", "cd"]);
        assert_eq!(lines("ab\r\ncd", 3), ["ab", "cd"]);
    }

    #[test]
    fn no_break_spaces_hold_words_together() {
        assert_eq!(lines("10\u{a0}km away", 6), ["10\u{a0}km", "away"]);
    }

    /// `wrap` without its shortcuts: every cluster from unicode-segmentation, one by one.
    fn wrap_by_clusters(text: &str, width: usize) -> Vec<Range<usize>> {
        let mut lines = Lines::new(text, width.max(1));
        for (start, g) in text.grapheme_indices(true) {
            match Cluster::of(g) {
                Some(cluster) => lines.cluster(start..start + g.len(), cluster),
                None => lines.space(str_width(g)),
            }
        }
        lines.finish()
    }

    #[test]
    fn shortcuts_agree_with_cluster_by_cluster() {
        let samples = [
            "Di tengah pusaran ini, Joseph, seorang figuran dengan mata   yang tajam \
             untuk pembuatan film, diam-diam mengamati kekacauan. supercalifragilistic",
            "Joseph (ジョセフ) はカメラを「回した」。 Simon監督 said: ok!",
            "cafe\u{301} ne\u{301}e 日本)語( x\u{200B}y",
        ];
        for text in samples {
            for width in 0..40 {
                assert_eq!(
                    wrap(text, width),
                    wrap_by_clusters(text, width),
                    "{text:?} at {width}"
                );
            }
        }
    }

    #[test]
    fn invariants_hold_on_samples() {
        let samples = [
            "",
            " ",
            "  lead and trail  ",
            "the quick brown fox jumps over the lazy dog",
            "日本語のテキストです。「かぎかっこ」も、あります！",
            "한국어 문장입니다. 띄어쓰기가 있어요",
            "Simon監督の映画 film — “kutipan” 😀😀 x",
            &format!("{FAMILY}{FAMILY} {FAMILY}a{FAMILY}"),
            "🇮🇩🇮🇩🇮 flags",
            "e\u{301}\u{302}\u{303} a\u{200B}b\u{200D}c \u{301}start",
            "tab\tand\nnewline\r\nmix",
            "\u{3000}全角\u{3000}空白",
            "a\u{a0}\u{a0}\u{a0}b c",
        ];
        for text in samples {
            for width in 0..=30 {
                check_invariants(text, width);
            }
        }
    }

    #[test]
    fn first_fit_fills_lines() {
        // Each line but the last is full enough that the next word could not have joined it.
        let text = "aa bbb c dddd ee f ggggg hh iii j";
        for width in 5..12 {
            let ranges = wrap(text, width);
            for pair in ranges.windows(2) {
                let line = &text[pair[0].clone()];
                let next = &text[pair[1].clone()];
                let next_word = next.split(' ').next().unwrap_or_default();
                assert!(
                    str_width(line) + 1 + str_width(next_word) > width,
                    "{line:?} / {next:?}"
                );
            }
        }
    }

    mod property {
        use super::*;
        use proptest::prelude::*;

        /// Text from pieces that exercise every rule.
        fn paragraph() -> impl Strategy<Value = String> {
            let piece = prop::sample::select(vec![
                "a",
                "word",
                "Joseph",
                " ",
                "  ",
                "日",
                "本",
                "。",
                "「",
                "」",
                "한",
                "e\u{301}",
                "\u{301}",
                FAMILY,
                "🇮🇩",
                "🇮",
                "\u{200B}",
                "\u{200D}",
                "\u{a0}",
                "\u{3000}",
                "\n",
                "\t",
                "(",
                ")",
                ".",
                "😀",
                " \u{301}",
                "\r\n",
                "❤\u{FE0F}",
                "ｱ",
                "Ｗ",
            ]);
            prop::collection::vec(piece, 0..40).prop_map(|v| v.concat())
        }

        proptest! {
            // Failures are reported, not saved into the source tree.
            #![proptest_config(ProptestConfig {
                cases: 2_000,
                failure_persistence: None,
                ..ProptestConfig::default()
            })]

            #[test]
            fn invariants_hold(text in paragraph(), width in 0usize..20) {
                check_invariants(&text, width);
            }

            #[test]
            fn shortcuts_change_nothing(text in paragraph(), width in 0usize..20) {
                prop_assert_eq!(wrap(&text, width), wrap_by_clusters(&text, width));
            }
        }
    }
}
