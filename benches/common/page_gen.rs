//! A deterministic generator of large film pages, for the benches and for
//! `cargo run --release --example gen_page`: one implementation, included by both.
//!
//! The text is mixed Indonesian and English prose from fixed word lists, with a
//! sprinkling of non-ASCII (accented names, typographic punctuation, a little Greek,
//! Cyrillic and CJK), so sanitising, wrapping and search meet what real pages hold.
//! A review takes about 500 bytes of YAML, so 100,000 reviews make a page of about
//! 50 MB. The same options and seed always give the same bytes.

use std::fmt::Write as _;

/// What to generate.
#[derive(Debug, Clone, Copy)]
pub struct PageSpec {
    pub reviews: usize,
    pub synopsis_paragraphs: usize,
    pub seed: u64,
}

impl PageSpec {
    /// A page with `reviews` reviews and the default synopsis and seed.
    pub fn with_reviews(reviews: usize) -> Self {
        Self {
            reviews,
            ..Self::default()
        }
    }
}

impl Default for PageSpec {
    fn default() -> Self {
        Self {
            reviews: 10,
            synopsis_paragraphs: 8,
            seed: 1,
        }
    }
}

/// A small, fast, deterministic generator (SplitMix64): the output must not depend
/// on any crate's version.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..n` (`n` > 0); the slight modulo bias does not matter here.
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len())]
    }

    /// True with probability `percent` / 100.
    fn chance(&mut self, percent: usize) -> bool {
        self.below(100) < percent
    }
}

const WORDS_ID: &[&str] = &[
    "film",
    "ini",
    "adalah",
    "sebuah",
    "kisah",
    "tentang",
    "para",
    "pekerja",
    "yang",
    "berjuang",
    "untuk",
    "menyelamatkan",
    "pabrik",
    "mereka",
    "dari",
    "relokasi",
    "sutradara",
    "produser",
    "naskah",
    "adegan",
    "kamera",
    "cahaya",
    "suara",
    "musik",
    "pemain",
    "kru",
    "lokasi",
    "syuting",
    "akhirnya",
    "namun",
    "tetapi",
    "dengan",
    "sangat",
    "terlalu",
    "cukup",
    "bagus",
    "lambat",
    "panjang",
    "indah",
    "tajam",
    "gelap",
    "hangat",
    "dingin",
    "menarik",
    "membosankan",
    "mengharukan",
    "lucu",
    "serius",
    "penonton",
    "bioskop",
    "cerita",
    "tokoh",
    "utama",
    "konflik",
    "ketegangan",
    "emosi",
    "waktu",
    "hari",
    "malam",
    "pagi",
    "kota",
    "desa",
    "jalan",
    "rumah",
    "keluarga",
    "teman",
    "dan",
    "di",
    "ke",
    "itu",
    "pada",
    "juga",
    "lebih",
    "paling",
    "tidak",
    "sudah",
    "belum",
    "masih",
    "bisa",
    "harus",
];

const WORDS_EN: &[&str] = &[
    "the",
    "a",
    "of",
    "and",
    "to",
    "in",
    "is",
    "that",
    "it",
    "with",
    "as",
    "for",
    "was",
    "on",
    "but",
    "this",
    "film",
    "movie",
    "director",
    "story",
    "scene",
    "camera",
    "light",
    "sound",
    "score",
    "actor",
    "crew",
    "set",
    "finally",
    "however",
    "very",
    "too",
    "quite",
    "good",
    "slow",
    "long",
    "beautiful",
    "sharp",
    "dark",
    "warm",
    "cold",
    "moving",
    "boring",
    "funny",
    "serious",
    "audience",
    "cinema",
    "character",
    "conflict",
    "tension",
    "time",
    "night",
    "morning",
    "city",
    "village",
    "road",
    "house",
    "family",
    "friend",
    "not",
    "already",
    "still",
    "could",
    "should",
    "more",
    "most",
    "every",
    "frame",
    "shot",
    "cut",
    "editing",
    "pacing",
    "ending",
    "beginning",
    "middle",
    "performance",
    "dialogue",
];

/// Words with something other than ASCII: names, loanwords, other scripts, emoji.
const WORDS_OTHER: &[&str] = &[
    "café",
    "naïve",
    "façade",
    "über",
    "Zoë",
    "Ángel",
    "Łódź",
    "Škoda",
    "São Paulo",
    "François",
    "Müller",
    "Björk",
    "résumé",
    "déjà vu",
    "“bagus”",
    "—",
    "…",
    "фильм",
    "кино",
    "ταινία",
    "σινεμά",
    "映画",
    "監督",
    "영화",
    "🎬",
    "⭐",
];

const FIRST_NAMES: &[&str] = &[
    "Simon", "Viviane", "Joseph", "Caroline", "Alain", "Ayu", "Budi", "Citra", "Dewi", "Eko",
    "Fajar", "Gita", "Hadi", "Indah", "Joko", "Kartika", "Lukas", "Maya", "Nina", "Oscar", "Putri",
    "Rina", "Sari", "Tono", "Wulan", "Yusuf", "Zoë", "Ángel", "Åsa", "Chloé", "Dmitri", "Hélène",
    "Jürgen", "Noël",
];

const LAST_NAMES: &[&str] = &[
    "Santoso",
    "Wijaya",
    "Pratama",
    "Hidayat",
    "Saputra",
    "Kurniawan",
    "Lestari",
    "Martin",
    "Bernard",
    "Dubois",
    "Moreau",
    "Laurent",
    "Smith",
    "Jones",
    "Brown",
    "Nguyen",
    "García",
    "Müller",
    "Kowalski",
    "Ivanova",
    "Tanaka",
    "Kim",
    "O'Neil",
    "Ødegaard",
];

/// Appends a sentence of `words` words, capitalised and ended with a full stop.
fn sentence(rng: &mut Rng, words: usize, out: &mut String) {
    let english = rng.chance(40);
    for i in 0..words {
        let word = if rng.chance(3) {
            rng.pick(WORDS_OTHER)
        } else if rng.chance(4) {
            rng.pick(FIRST_NAMES)
        } else if english {
            rng.pick(WORDS_EN)
        } else {
            rng.pick(WORDS_ID)
        };
        if i == 0 {
            let mut chars = word.chars();
            if let Some(first) = chars.next() {
                out.extend(first.to_uppercase());
                out.push_str(chars.as_str());
            }
        } else {
            out.push(' ');
            out.push_str(word);
        }
        if i + 1 < words && rng.chance(6) {
            out.push(',');
        }
    }
    out.push_str(if rng.chance(10) { "!" } else { "." });
}

/// A paragraph of about `bytes` bytes.
fn paragraph(rng: &mut Rng, bytes: usize) -> String {
    let mut text = String::with_capacity(bytes + 80);
    while text.len() < bytes {
        if !text.is_empty() {
            text.push(' ');
        }
        let words = 6 + rng.below(12);
        sentence(rng, words, &mut text);
    }
    text
}

/// Writes `text` as the lines of a YAML block scalar indented by `indent` spaces,
/// folded at about 76 columns (the loader joins the lines of a paragraph again).
fn block_lines(text: &str, indent: &str, out: &mut String) {
    let mut line_len = 0;
    for word in text.split(' ') {
        if line_len > 0 && line_len + 1 + word.len() > 76 {
            out.push('\n');
            line_len = 0;
        }
        if line_len == 0 {
            out.push_str(indent);
        } else {
            out.push(' ');
            line_len += 1;
        }
        out.push_str(word);
        line_len += word.len();
    }
    out.push('\n');
}

/// `text` as a YAML double-quoted scalar.
fn quoted(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// The page's YAML.
pub fn generate(spec: PageSpec) -> String {
    let mut rng = Rng(spec.seed);
    let mut out = String::with_capacity(spec.reviews * 520 + spec.synopsis_paragraphs * 700 + 512);
    let _ = writeln!(
        out,
        "# Generated by gen_page: {} reviews, seed {}.",
        spec.reviews, spec.seed
    );
    out.push_str("title: Di Balik Layar (generated)\nlanguage: id\n");
    out.push_str("synopsis:\n  heading: Plot\n  text: |\n");
    for i in 0..spec.synopsis_paragraphs.max(1) {
        if i > 0 {
            out.push('\n');
        }
        let bytes = 500 + rng.below(300);
        let text = paragraph(&mut rng, bytes);
        block_lines(&text, "    ", &mut out);
    }
    out.push_str("screenshots:\n  items:\n");
    for i in 1..=5 {
        let _ = writeln!(out, "    - caption: Di Balik Layar screenshot {i}");
    }
    out.push_str("reviews:\n  heading: Ulasan\n  items:");
    if spec.reviews == 0 {
        out.push_str(" []\n");
        return out;
    }
    out.push('\n');
    for _ in 0..spec.reviews {
        let author = format!("{} {}", rng.pick(FIRST_NAMES), rng.pick(LAST_NAMES));
        let _ = writeln!(out, "    - author: {}", quoted(&author));
        if rng.chance(85) {
            let tenths = rng.below(21) * 5;
            let _ = writeln!(out, "      rating: {}.{}", tenths / 10, tenths % 10);
        }
        if rng.chance(80) {
            let _ = writeln!(
                out,
                "      date: {}-{:02}-{:02}",
                2015 + rng.below(10),
                1 + rng.below(12),
                1 + rng.below(28)
            );
        }
        out.push_str("      text: |\n");
        let paragraphs = 1 + rng.below(3);
        for p in 0..paragraphs {
            if p > 0 {
                out.push('\n');
            }
            let bytes = 210 / paragraphs + rng.below(80);
            let text = paragraph(&mut rng, bytes);
            block_lines(&text, "        ", &mut out);
        }
    }
    out
}
