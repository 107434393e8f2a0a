use super::*;
use unicode_segmentation::UnicodeSegmentation;

const FAMILY: &str = "\u{1F468}\u{200D}\u{1F469}\u{200D}\u{1F467}";

fn lines(text: &str, width: usize) -> Vec<&str> {
    wrap(text, width, Fit::First)
        .into_iter()
        .map(|r| &text[r])
        .collect()
}

fn optimal(text: &str, width: usize) -> Vec<&str> {
    wrap(text, width, Fit::Optimal)
        .into_iter()
        .map(|r| &text[r])
        .collect()
}

/// A line as a terminal shows it.
fn display(line: &str) -> String {
    shown(line).collect()
}

/// Columns by `wcwidth`, as terminals count them: per character, a soft hyphen one column
/// and a halfwidth (semi-)voiced sound mark one (unicode-width's per-character table gives
/// both 0 in some versions; glibc and xterm give 1).
fn wcwidth(s: &str) -> usize {
    s.chars()
        .map(|c| match c {
            SOFT_HYPHEN | '\u{FF9E}' | '\u{FF9F}' => 1,
            c => unicode_width::UnicodeWidthChar::width(c).unwrap_or(0),
        })
        .sum()
}

/// Everything a wrapping must guarantee, whatever the text and width.
fn check_invariants(text: &str, width: usize, fit: Fit) {
    let ranges = wrap(text, width, fit);
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
            gap.chars()
                .all(|c| is_breaking_space(c) || c == SOFT_HYPHEN),
            "{text:?} at {width}: lost {gap:?} between lines"
        );
        if ranges.len() > 1 {
            assert!(!line.is_empty(), "{text:?} at {width}: empty line {n}");
        }
        let drawn = line
            .graphemes(true)
            .filter(|g| grapheme_width(g) > 0)
            .count();
        assert!(
            line_width(line) <= width || drawn == 1,
            "{text:?} at {width}: line {line:?} too wide"
        );
        let is_space = |g: &str| g.chars().all(is_breaking_space);
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
        tail.chars()
            .all(|c| is_breaking_space(c) || c == SOFT_HYPHEN),
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
    for fit in [Fit::First, Fit::Optimal] {
        assert_eq!(wrap("", 10, fit), [0..0]);
        assert_eq!(wrap("", 0, fit), [0..0]);
        assert_eq!(wrap("    ", 2, fit), [0..0]);
        assert_eq!(wrap("\u{3000}", 2, fit), [0..0]);
    }
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
fn closing_punctuation_never_starts_a_line_after_a_cut() {
    assert_eq!(lines("abcde, x", 5), ["abcd", "e, x"]);
    assert_eq!(lines("abcdefgh.", 4), ["abcd", "efg", "h."]);
    assert_eq!(lines("(abcd)", 4), ["(abc", "d)"]);
    // Nothing to move back to: the stop starts the line after all.
    assert_eq!(lines("a,,,,", 1), ["a", ",", ",", ",", ","]);
}

#[test]
fn very_long_word() {
    let word = "x".repeat(20_000);
    let ranges = wrap(&word, 80, Fit::First);
    assert_eq!(ranges.len(), 250);
    assert!(ranges.iter().all(|r| r.len() == 80));
    let marked = "e\u{301}".repeat(20_000);
    assert_eq!(wrap(&marked, 100, Fit::First).len(), 200);
    let commas = format!("a{}", ",".repeat(20_000));
    assert_eq!(wrap(&commas, 100, Fit::First).len(), 201);
}

#[test]
fn urls_break_after_slashes_and_question_marks() {
    let url = "see https://example.com/films/di-balik-layar?lang=id&tab=reviews now";
    assert_eq!(
        lines(url, 30),
        [
            "see https://example.com/films/",
            "di-balik-layar?",
            "lang=id&tab=reviews now"
        ]
    );
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
    assert_eq!(wrap(&heavy, 1, Fit::First), [0..heavy.len()]);
    let two = format!("{heavy}{heavy}");
    assert_eq!(
        wrap(&two, 1, Fit::First),
        [0..heavy.len(), heavy.len()..two.len()]
    );
}

#[test]
fn family_emoji_is_never_split() {
    let one = FAMILY.len();
    for width in [0, 1, 2, 3] {
        assert_eq!(wrap(FAMILY, width, Fit::First), [0..one], "width {width}");
    }
    let three = FAMILY.repeat(3);
    let each = [0..one, one..2 * one, 2 * one..3 * one];
    assert_eq!(wrap(&three, 1, Fit::First), each);
    assert_eq!(wrap(&three, 2, Fit::First), each);
    assert_eq!(wrap(&three, 3, Fit::First), each);
    assert_eq!(wrap(&three, 4, Fit::First), [0..2 * one, 2 * one..3 * one]);
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
    assert_eq!(wrap("ab c", 0, Fit::First), wrap("ab c", 1, Fit::First));
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
    assert_eq!(wrap("  ab cd", 4, Fit::First), [0..4, 5..7]);
    assert_eq!(wrap("  abcd", 4, Fit::First), [2..6]);
    assert_eq!(lines("\u{3000}日本語", 6), ["\u{3000}日本", "語"]);
    assert_eq!(lines("ab  ", 4), ["ab"], "trailing whitespace dropped");
}

#[test]
fn no_break_spaces_hold_words_together() {
    assert_eq!(lines("10\u{a0}km away", 6), ["10\u{a0}km", "away"]);
}

#[test]
fn soft_hyphens_break_and_show_only_at_a_line_end() {
    let text = "di\u{AD}ba\u{AD}lik la\u{AD}yar";
    assert_eq!(lines(text, 40), [text], "one line: nothing to show");
    assert_eq!(display(text), "dibalik layar");
    assert_eq!(lines(text, 5), ["di\u{AD}ba\u{AD}", "lik", "la\u{AD}yar"]);
    let shown: Vec<String> = lines(text, 5).into_iter().map(display).collect();
    assert_eq!(shown, ["diba-", "lik", "layar"]);
    let shown: Vec<String> = lines(text, 4).into_iter().map(display).collect();
    assert_eq!(shown, ["di-", "ba-", "lik", "la-", "yar"]);
    // No room for the hyphen: the word is cut instead, with nothing shown.
    assert_eq!(lines("ab\u{AD}cd", 2), ["ab", "cd"]);
    // Not between two letters, or before whitespace: never a hyphen.
    assert_eq!(lines("ab\u{AD} cd", 2), ["ab", "cd"]);
    assert_eq!(lines("ab\u{AD}", 2), ["ab"]);
    assert_eq!(lines("\u{AD}\u{AD}x", 1), ["\u{AD}\u{AD}x"]);
}

#[test]
fn wide_clusters_fit_by_wcwidth() {
    // Clusters wider than two cells, and the soft hyphen: every line within the width
    // as terminals count it.
    let samples = [
        "ｶﾞ".repeat(24),
        "a🏽 ".repeat(12),
        "ᄀ가".repeat(10),
        "क्त्य ".repeat(10),
        "di\u{AD}ba\u{AD}lik la\u{AD}yar ".repeat(6),
        "ｶﾞｷﾞ a🏽b ᄀ가 क्त्य, pem\u{AD}buat\u{AD}an film".into(),
    ];
    for text in &samples {
        for width in 1..=40 {
            for fit in [Fit::First, Fit::Optimal] {
                check_invariants(text, width, fit);
                for line in wrap(text, width, fit).into_iter().map(|r| &text[r]) {
                    let cells = wcwidth(&display(line));
                    let drawn = line.graphemes(true).filter(|g| grapheme_width(g) > 0);
                    assert!(
                        cells <= width || drawn.count() == 1,
                        "{text:?} at {width}: {line:?} takes {cells}"
                    );
                }
            }
        }
    }
}

#[test]
fn nothing_is_lost() {
    let text = "ｶﾞ".repeat(24);
    for width in 1..40 {
        let joined: String = lines(&text, width).concat();
        assert_eq!(joined, text, "at {width}");
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
        "https://example.com/a/b?c=d ((x)) [ y ] \u{AD}\u{AD}z a\u{AD}\u{301}b",
    ];
    for text in samples {
        for width in 0..=30 {
            check_invariants(text, width, Fit::First);
            check_invariants(text, width, Fit::Optimal);
        }
    }
}

#[test]
fn first_fit_fills_lines() {
    // Each line but the last is full enough that the next word could not have joined it.
    let text = "aa bbb c dddd ee f ggggg hh iii j";
    for width in 5..12 {
        let ranges = wrap(text, width, Fit::First);
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

/// The sum of the squared gaps at the ends of every line but the last.
fn raggedness(text: &str, width: usize, fit: Fit) -> usize {
    let ranges = wrap(text, width, fit);
    let last = ranges.len().saturating_sub(1);
    ranges[..last]
        .iter()
        .map(|r| width.saturating_sub(line_width(&text[r.clone()])).pow(2))
        .sum()
}

#[test]
fn optimal_fit_evens_the_lines() {
    let text = "aaa bb cc ddddd";
    assert_eq!(lines(text, 6), ["aaa bb", "cc", "ddddd"]);
    assert_eq!(optimal(text, 6), ["aaa", "bb cc", "ddddd"]);
    let page = crate::loader::parse(&crate::loader::bundled()).expect("bundled page");
    for para in page.synopsis.paragraphs.iter() {
        for width in 20..=80 {
            assert!(
                raggedness(para, width, Fit::Optimal) <= raggedness(para, width, Fit::First),
                "at {width}"
            );
        }
    }
}

#[test]
fn optimal_fit_never_overflows_where_first_fit_does_not() {
    // A long last word tempts textwrap's optimal fit to overflow a line by a column
    // rather than leave a wide gap; such a paragraph falls back to first fit.
    let text = format!("a {} b", "x".repeat(60));
    for width in 1..=80 {
        check_invariants(&text, width, Fit::Optimal);
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
            "(",
            ")",
            ".",
            ",",
            "/",
            "?",
            "-",
            "😀",
            " \u{301}",
            "❤\u{FE0F}",
            "ｱ",
            "ｶﾞ",
            "a🏽",
            "ᄀ가",
            "क्त्य",
            "\u{AD}",
            "Ｗ",
        ]);
        prop::collection::vec(piece, 0..40).prop_map(|v| v.concat())
    }

    proptest! {
        // A failure is saved under proptest-regressions/ and replayed on every run.
        #![proptest_config(ProptestConfig {
            cases: 1_000,
            ..ProptestConfig::default()
        })]

        #[test]
        fn invariants_hold(text in paragraph(), width in 0usize..20) {
            check_invariants(&text, width, Fit::First);
            check_invariants(&text, width, Fit::Optimal);
        }
    }
}
