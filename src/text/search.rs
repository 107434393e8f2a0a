//! Search returning byte ranges in the original text, with smart case as `rg -S` has
//! it: a query with an uppercase letter is matched exactly (`Joseph` finds `Joseph`
//! only), any other case-insensitively (`joseph` finds `JOSEPH` too).
//!
//! Without an uppercase letter, characters are compared after simple case folding: each one maps through
//! `char::to_lowercase` when that gives exactly one character (so `İ`, whose lowercase is two
//! characters, only matches itself), and final sigma `ς` folds to `σ` as in Unicode's
//! CaseFolding.txt, so `ΟΔΟΣ` finds `οδος`. Matching is char by char, so a match may end
//! inside a grapheme cluster (`e` finds the `e` of `e` + U+0301).
//!
//! A query that is all ASCII takes a byte-level fast path: it looks for the query's rarest
//! byte in either case, a few dozen bytes at a time, and checks candidates with
//! `eq_ignore_ascii_case`. That path cannot see the one non-ASCII character whose lowercase is
//! ASCII, U+212A KELVIN SIGN: the query `k` does not find it (a query holding the sign
//! itself is matched exactly, the sign being a capital).

use std::ops::Range;

/// A compiled query.
#[derive(Debug, Clone)]
pub struct Matcher {
    query: String,
    needle: Needle,
}

/// The query in the form the search runs on.
#[derive(Debug, Clone)]
enum Needle {
    /// An ASCII query, lowercased, and the index of its rarest byte.
    Ascii { bytes: Vec<u8>, rare: usize },
    /// Any other query, folded char by char.
    Folded(Vec<char>),
    /// A query with an uppercase letter, matched byte for byte (boxed: the finder is
    /// large beside the other needles).
    Exact(Box<memchr::memmem::Finder<'static>>),
}

impl Matcher {
    /// `None` for an empty query. Whitespace is searched for like anything else.
    pub fn new(query: &str) -> Option<Self> {
        if query.is_empty() {
            return None;
        }
        let needle = if is_case_sensitive(query) {
            Needle::Exact(Box::new(
                memchr::memmem::Finder::new(query.as_bytes()).into_owned(),
            ))
        } else if query.is_ascii() {
            let bytes = query.to_ascii_lowercase().into_bytes();
            let rare = rarest(&bytes);
            Needle::Ascii { bytes, rare }
        } else {
            Needle::Folded(query.chars().map(fold).collect())
        };
        Some(Self {
            query: query.to_owned(),
            needle,
        })
    }

    /// The query as it was given.
    pub fn query(&self) -> &str {
        &self.query
    }

    /// Byte ranges of the non-overlapping matches in `haystack`, in order.
    ///
    /// Every range starts and ends on a char boundary of `haystack`.
    #[cfg(test)]
    pub fn find_iter<'a>(&'a self, haystack: &'a str) -> impl Iterator<Item = Range<usize>> + 'a {
        let mut from = 0;
        std::iter::from_fn(move || {
            let found = self.find_within(haystack, from, haystack.len())?;
            from = found.end;
            Some(found)
        })
    }

    /// How many non-overlapping matches `haystack` holds.
    #[cfg(test)]
    pub fn count(&self, haystack: &str) -> usize {
        self.find_iter(haystack).count()
    }

    /// The first match that starts at or after byte `from` and before byte `until`; `from`
    /// is a char boundary. The match may end past `until`.
    ///
    /// This is how a long text is searched a piece at a time: the non-overlapping
    /// matches of a text are those found from 0, then each from the end of the last, so
    /// searching `from..until` and going on from `until` (or from the end of a match that
    /// crosses it) finds them all, in pieces whose cost is bounded by their length.
    pub fn find_within(&self, haystack: &str, from: usize, until: usize) -> Option<Range<usize>> {
        match &self.needle {
            Needle::Ascii { bytes, rare } => {
                find_ascii(haystack.as_bytes(), from, until, bytes, *rare)
                    .map(|at| at..at + bytes.len())
            }
            Needle::Folded(chars) => find_folded(haystack, from, until, chars),
            Needle::Exact(finder) => find_exact(haystack.as_bytes(), from, until, finder),
        }
    }
}

/// Whether a query is matched exactly: it holds an uppercase letter (smart case).
pub fn is_case_sensitive(query: &str) -> bool {
    query.chars().any(char::is_uppercase)
}

/// The first occurrence of `finder`'s needle in `hay` that starts in `from..until`.
///
/// The needle is UTF-8, so a match starts and ends on char boundaries.
fn find_exact(
    hay: &[u8],
    from: usize,
    until: usize,
    finder: &memchr::memmem::Finder<'_>,
) -> Option<Range<usize>> {
    let n = finder.needle().len();
    // A match that starts before `until` ends before `until + n - 1`.
    let end = until.saturating_add(n - 1).min(hay.len());
    let at = from + finder.find(hay.get(from..end)?)?;
    Some(at..at + n)
}

/// `c` after simple case folding (see the module documentation).
fn fold(c: char) -> char {
    if c.is_ascii() {
        return c.to_ascii_lowercase();
    }
    if is_uncased_block(c) {
        return c;
    }
    if c == 'ς' {
        return 'σ';
    }
    let mut lower = c.to_lowercase();
    match (lower.next(), lower.next()) {
        (Some(l), None) => l,
        _ => c,
    }
}

/// Blocks without case (CJK, kana, Yi, Vai, Hangul), which folding skips without a table
/// lookup; a test checks every character.
fn is_uncased_block(c: char) -> bool {
    matches!(c, '\u{3000}'..='\u{A63F}' | '\u{AC00}'..='\u{D7FF}')
}

/// Index of the byte of an ASCII needle that is least likely to occur in prose (the first
/// such byte on a tie).
fn rarest(needle: &[u8]) -> usize {
    // Space, then letters from most to least frequent in Indonesian and English prose, blended.
    // Anything else (digits, punctuation) counts as rarer than all of them.
    const COMMON: &[u8] = b" eanitrsuolkmdhgcpbyfwjvzxq";
    let commonness = |b: u8| {
        COMMON
            .iter()
            .position(|&c| c == b)
            .map_or(0, |p| COMMON.len() - p)
    };
    needle
        .iter()
        .enumerate()
        .min_by_key(|&(_, &b)| commonness(b))
        .map_or(0, |(i, _)| i)
}

/// Start of the first case-insensitive occurrence of the lowercase ASCII `needle` in `hay`
/// that starts in `from..until`; `rare` indexes the needle byte to scan for.
fn find_ascii(hay: &[u8], from: usize, until: usize, needle: &[u8], rare: usize) -> Option<usize> {
    let n = needle.len();
    let lower = *needle.get(rare)?;
    let upper = lower.to_ascii_uppercase();
    // The rare byte of a match can only sit in `rare..last`, `last` excluded, and a match
    // that starts before `until` has it before `until + rare`.
    let last = (hay.len().checked_sub(n)? + rare + 1).min(until.saturating_add(rare));
    let mut i = from + rare;
    while i < last {
        let at = i + find_either(hay.get(i..last)?, lower, upper)?;
        let start = at - rare;
        if hay.get(start..start + n)?.eq_ignore_ascii_case(needle) {
            return Some(start);
        }
        i = at + 1;
    }
    None
}

/// Index of the first byte in `hay` that is `a` or `b`.
///
/// Checks a block at a time with a branch-free test the compiler vectorises, and looks for the
/// exact position only in a block that has a hit.
fn find_either(hay: &[u8], a: u8, b: u8) -> Option<usize> {
    const BLOCK: usize = 32;
    let is_hit = |x: u8| x == a || x == b;
    let mut blocks = hay.chunks_exact(BLOCK);
    let mut base = 0;
    for block in &mut blocks {
        let hits = block
            .iter()
            .fold(0u8, |acc, &x| acc | u8::from(x == a) | u8::from(x == b));
        if hits != 0 {
            return block.iter().position(|&x| is_hit(x)).map(|p| base + p);
        }
        base += BLOCK;
    }
    blocks
        .remainder()
        .iter()
        .position(|&x| is_hit(x))
        .map(|p| base + p)
}

/// The first occurrence of the folded `needle` in `hay` that starts in bytes `from..until`.
///
/// Straightforward char-by-char comparison from each char that matches the needle's first:
/// queries are short, so this stays close to linear in practice.
fn find_folded(hay: &str, from: usize, until: usize, needle: &[char]) -> Option<Range<usize>> {
    let (&first, rest) = needle.split_first()?;
    let tail = hay.get(from..)?;
    for (i, c) in tail.char_indices() {
        if from + i >= until {
            return None;
        }
        if fold(c) != first {
            continue;
        }
        let mut end = i + c.len_utf8();
        let mut chars = tail.get(end..)?.chars();
        let matched = rest.iter().all(|&want| match chars.next() {
            Some(h) if fold(h) == want => {
                end += h.len_utf8();
                true
            }
            _ => false,
        });
        if matched {
            return Some(from + i..from + end);
        }
    }
    None
}

#[cfg(test)]
// A result of one range is written `[a..b]`: a one-element array, which is what is meant.
#[allow(clippy::single_range_in_vec_init)]
mod tests {
    use super::*;

    fn matches<'a>(query: &str, haystack: &'a str) -> Vec<&'a str> {
        let m = Matcher::new(query).expect("non-empty query");
        m.find_iter(haystack).map(|r| &haystack[r]).collect()
    }

    fn ranges(query: &str, haystack: &str) -> Vec<Range<usize>> {
        Matcher::new(query)
            .expect("non-empty query")
            .find_iter(haystack)
            .collect()
    }

    /// Most of the synopsis of "Di Balik Layar", with its nine mentions of Joseph.
    const SYNOPSIS: &str = "seluruh proyek. Di tengah pusaran ini, Joseph, seorang figuran dengan mata \
        yang tajam untuk pembuatan film, diam-diam mengamati kekacauan yang terjadi di \
        sekelilingnya. Joseph telah lama memendam ambisi untuk memasuki industri film, dan \
        sebuah kesempatan muncul ketika ia didekati oleh Simon untuk merekam di balik layar \
        produksi. Peran ini lebih dari sekadar tugas sepele; itu menjadi kesempatan Joseph \
        untuk membenamkan diri dalam dunia pembuatan film dan mempelajari seluk-beluk \
        penyutradaraan. Joseph meraih kesempatan ini dengan kedua tangannya, mengambil \
        perannya dengan sangat serius. Berbekal rasa pengamatan yang tajam dan keinginan \
        untuk belajar, ia mencatat setiap detail produksi, menangkap nuansa hubungan antar \
        anggota kru, konflik yang muncul, dan kekacauan yang terjadi. Pendekatan Joseph yang \
        diam-diam memberikan tampilan di balik layar yang memukau pada pembuatan film \
        terbaru Simon. Seiring berjalannya hari menjadi minggu, Joseph semakin mengakar \
        dalam kehidupan anggota kru. Dia mulai mengembangkan hubungan emosional dengan para \
        pemain kunci yang terlibat dalam proyek, mendapatkan wawasan tentang kerentanan dan \
        rasa tidak aman mereka. Melalui interaksinya dengan kru, Joseph mulai memahami \
        esensi pembuatan film – seni merajut narasi menawan yang melampaui batas layar. \
        Melalui pengamatannya, Joseph menyadari bahwa pembuatan film Simon, pada \
        kenyataannya, adalah cerita utama – narasi yang diisi dengan drama, ketegangan, dan \
        liku-liku tak terduga. Saat produksi semakin dekat dengan kesimpulannya, Joseph \
        mulai melihat bahwa filmnya sendiri";

    #[test]
    fn empty_query_is_none_but_whitespace_is_a_query() {
        assert!(Matcher::new("").is_none());
        assert_eq!(matches(" ", "a b  c"), [" ", " ", " "]);
        assert_eq!(
            Matcher::new("Joseph").map(|m| m.query().to_owned()),
            Some("Joseph".to_owned())
        );
    }

    #[test]
    fn joseph_nine_times_in_the_synopsis() {
        for query in ["joseph", "Joseph"] {
            let m = Matcher::new(query).expect("non-empty query");
            assert_eq!(m.count(SYNOPSIS), 9, "{query}");
            assert!(m.find_iter(SYNOPSIS).all(|r| &SYNOPSIS[r] == "Joseph"));
        }
        assert_eq!(Matcher::new("Simon").expect("query").count(SYNOPSIS), 3);
        assert_eq!(Matcher::new("–").expect("query").count(SYNOPSIS), 2);
    }

    #[test]
    fn a_query_without_capitals_ignores_case() {
        assert_eq!(
            matches("film", "Film FILM fIlM film"),
            ["Film", "FILM", "fIlM", "film"]
        );
        assert_eq!(ranges("layar", "Di Balik LAYAR"), [9..14]);
        assert!(matches("xyz", "Film").is_empty());
        assert_eq!(matches("été", "un été, UN ÉTÉ"), ["été", "ÉTÉ"]);
        assert_eq!(
            matches("straße", "STRASSE Straße STRAẞE"),
            ["Straße", "STRAẞE"]
        );
    }

    #[test]
    fn a_query_with_a_capital_is_matched_exactly() {
        assert!(is_case_sensitive("Joseph") && is_case_sensitive("jOSEPH"));
        assert!(is_case_sensitive("ÉTÉ") && is_case_sensitive("Ωmega"));
        assert!(!is_case_sensitive("joseph 8/10") && !is_case_sensitive("日本"));
        assert!(!is_case_sensitive("ǅ"), "titlecase is not uppercase");
        assert_eq!(
            matches("Film", "Film FILM fIlM film Film"),
            ["Film", "Film"]
        );
        assert!(matches("JOSEPH", SYNOPSIS).is_empty());
        assert_eq!(matches("ÉTÉ", "un été, UN ÉTÉ"), ["ÉTÉ"]);
        assert_eq!(matches("Фильм", "Фильм ФИЛЬМ фильм"), ["Фильм"]);
        assert_eq!(ranges("Ab", "ab Ab AB aB Ab"), [3..5, 12..14]);
        assert_eq!(ranges("AA", "aAAAAa"), [1..3, 3..5], "no overlaps");
        // A capital anywhere in the query makes the whole of it exact.
        assert!(matches("joSeph", "Joseph joseph").is_empty());
        assert_eq!(matches("joSeph", "joSeph"), ["joSeph"]);
    }

    #[test]
    fn cyrillic_and_greek() {
        assert_eq!(
            matches("фильм", "Фильм ФИЛЬМ фильм"),
            ["Фильм", "ФИЛЬМ", "фильм"]
        );
        assert_eq!(
            matches("κινηματογραφος", "Ο ΚΙΝΗΜΑΤΟΓΡΑΦΟΣ"),
            ["ΚΙΝΗΜΑΤΟΓΡΑΦΟΣ"]
        );
        assert_eq!(
            matches("οδος", "οδος ΟΔΟΣ οδοσ"),
            ["οδος", "ΟΔΟΣ", "οδοσ"],
            "final sigma"
        );
        assert_eq!(matches("οδος", "ΟΔΟς"), ["ΟΔΟς"], "final sigma in the text");
        assert_eq!(matches("που", "ΠΟΥ που"), ["ΠΟΥ", "που"]);
    }

    #[test]
    fn ranges_lie_on_char_boundaries_around_multibyte_text() {
        let hay = "日本語 Joseph 😀joseph–JOSEPH";
        let found = ranges("joseph", hay);
        assert_eq!(found.len(), 3);
        for r in &found {
            assert!(hay.is_char_boundary(r.start) && hay.is_char_boundary(r.end));
            assert!(hay[r.clone()].eq_ignore_ascii_case("joseph"));
        }
        assert_eq!(ranges("本語", hay), [3..9]);
        assert_eq!(matches("😀j", hay), ["😀j"]);
        assert!(matches("😀J", hay).is_empty(), "a capital: exact");
    }

    #[test]
    fn match_lengths_may_differ_from_the_query() {
        // KELVIN SIGN (3 bytes) folds to `k` (1 byte) in the text; as a capital, in a
        // query it is matched exactly.
        let hay = "k K \u{212A}";
        assert_eq!(ranges("x\u{212A}", "xk xK x\u{212A}"), [6..10]);
        // The ASCII fast path does not fold it (documented).
        assert_eq!(ranges("k", hay), [0..1, 2..3]);
        // Dotted capital I lowercases to two chars, so `i̇`-free text never folds to
        // it; as a capital it is matched exactly.
        assert_eq!(matches("İ", "i İ I"), ["İ"]);
    }

    #[test]
    fn matches_do_not_overlap() {
        assert_eq!(Matcher::new("aa").expect("query").count("aaaa"), 2);
        assert_eq!(Matcher::new("aa").expect("query").count("aaa"), 1);
        assert_eq!(ranges("aa", "aAaAa"), [0..2, 2..4]);
        assert_eq!(Matcher::new("ää").expect("query").count("ÄÄÄÄ"), 2);
        assert_eq!(ranges("aba", "ababa"), [0..3]);
    }

    #[test]
    fn empty_and_short_haystacks() {
        assert_eq!(Matcher::new("a").expect("query").count(""), 0);
        assert_eq!(Matcher::new("é").expect("query").count(""), 0);
        assert_eq!(Matcher::new("longer").expect("query").count("long"), 0);
        assert_eq!(Matcher::new("läng").expect("query").count("lä"), 0);
        assert_eq!(ranges("x", "x"), [0..1]);
        assert_eq!(ranges("ab", "xab"), [1..3]);
    }

    #[test]
    fn matches_at_both_ends_and_across_block_edges() {
        for len in [0, 1, 30, 31, 32, 33, 63, 64, 65, 100] {
            let hay = format!("Qz{}zq", "-".repeat(len));
            assert_eq!(ranges("qz", &hay), [0..2], "len {len}");
            assert_eq!(ranges("zq", &hay), [len + 2..len + 4], "len {len}");
            let found: Vec<_> = ranges("q", &hay);
            assert_eq!(found, [0..1, len + 3..len + 4], "len {len}");
        }
    }

    #[test]
    fn uncased_blocks_really_have_no_case() {
        let all = (0..=u32::from(char::MAX)).filter_map(char::from_u32);
        for c in all.filter(|&c| is_uncased_block(c)) {
            assert!(
                c.to_lowercase().eq([c]) && c.to_uppercase().eq([c]),
                "{c:?}"
            );
        }
    }

    #[test]
    fn rare_byte_choice() {
        assert_eq!(rarest(b"joseph"), 0, "j is rarer than the rest");
        assert_eq!(rarest(b"ekspor"), 3, "p is the rarest");
        assert_eq!(rarest(b"a1"), 1, "digits are rare");
        assert_eq!(rarest(b"aaa"), 0);
    }

    #[test]
    fn ascii_path_agrees_with_folded_path() {
        let hay = format!("{SYNOPSIS} Ωmega ÖL öl 日本 aaaa");
        for query in [
            "joseph", "a", "aa", "an ", "n d", "film –", "yang", "layar.", "ωmega", "öl",
        ] {
            let fast = ranges(query, &hay);
            let folded: Vec<char> = query.chars().map(fold).collect();
            let mut slow = Vec::new();
            let mut from = 0;
            while let Some(r) = find_folded(&hay, from, hay.len(), &folded) {
                from = r.end;
                slow.push(r);
            }
            assert_eq!(fast, slow, "{query:?}");
        }
    }

    #[test]
    fn searching_in_pieces_finds_what_one_pass_finds() {
        let hay = format!("{SYNOPSIS} Ωmega ÖL öl 日本語 aaaa aaa ΣΣΣ");
        for query in [
            "joseph", "a", "aa", "an ", "ωmega", "öl", "本語", "σσ", "Joseph", "ΣΣ", "Ö",
        ] {
            let m = Matcher::new(query).expect("non-empty query");
            let whole: Vec<_> = m.find_iter(&hay).collect();
            assert!(!whole.is_empty(), "{query:?}");
            for piece in [1, 2, 3, 7, 64, 1000] {
                let mut found = Vec::new();
                let mut from = 0;
                while from < hay.len() {
                    let mut until = (from + piece).min(hay.len());
                    while !hay.is_char_boundary(until) {
                        until += 1;
                    }
                    let mut next = until;
                    while let Some(r) = m.find_within(&hay, from, until) {
                        assert!(r.start < until, "{query:?}: {r:?} starts past {until}");
                        from = r.end;
                        next = next.max(r.end);
                        found.push(r);
                    }
                    from = next;
                }
                assert_eq!(found, whole, "{query:?} in pieces of {piece}");
            }
        }
    }

    #[test]
    fn agrees_with_a_naive_search() {
        let hay = "Aa aA ÄäÄ Σς σΣ ß SS ǅ ǆ Ǆ";
        let chars: Vec<(usize, char)> = hay.char_indices().collect();
        for query in ["a", "aa", "ä", "σ", "σς", "ǆ", "s", "ss", " "] {
            let want: Vec<char> = query.chars().map(fold).collect();
            let mut naive = Vec::new();
            let mut i = 0;
            while i + want.len() <= chars.len() {
                let window = &chars[i..i + want.len()];
                if window
                    .iter()
                    .map(|&(_, c)| fold(c))
                    .eq(want.iter().copied())
                {
                    let (start, _) = window[0];
                    let (last, c) = window[want.len() - 1];
                    naive.push(start..last + c.len_utf8());
                    i += want.len();
                } else {
                    i += 1;
                }
            }
            assert_eq!(ranges(query, hay), naive, "{query:?}");
        }
    }
}
