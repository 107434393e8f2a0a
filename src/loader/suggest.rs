//! "Did you mean": the known key a misspelt one is closest to.

/// The known key most like `key`, when one is close enough to be a likely typo.
pub(super) fn closest<'a>(key: &str, known: &[&'a str]) -> Option<&'a str> {
    let key = key.to_lowercase();
    let allowed = |len: usize| (len / 3).clamp(1, 3);
    known
        .iter()
        .map(|k| (edit_distance(&key, k), *k))
        .filter(|(d, k)| *d <= allowed(k.chars().count()))
        .min_by_key(|(d, _)| *d)
        .map(|(_, k)| k)
}

/// Optimal string alignment distance: edits, with a swap of neighbours counted as one.
fn edit_distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().take(64).collect();
    let b: Vec<char> = b.chars().collect();
    let width = b.len() + 1;
    let mut d = vec![0usize; (a.len() + 1) * width];
    for (i, row) in d.chunks_mut(width).enumerate() {
        row[0] = i;
    }
    for (j, cell) in d.iter_mut().enumerate().take(width) {
        *cell = j;
    }
    for i in 1..=a.len() {
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut best = (d[(i - 1) * width + j] + 1)
                .min(d[i * width + j - 1] + 1)
                .min(d[(i - 1) * width + j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                best = best.min(d[(i - 2) * width + j - 2] + 1);
            }
            d[i * width + j] = best;
        }
    }
    d[a.len() * width + b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn typos_are_close_and_other_words_are_not() {
        let known = [
            "title", "language", "synopsis", "caption", "rating", "heading",
        ];
        assert_eq!(closest("titel", &known), Some("title"));
        assert_eq!(closest("Title", &known), Some("title"));
        assert_eq!(closest("captoin", &known), Some("caption"));
        assert_eq!(closest("ratng", &known), Some("rating"));
        assert_eq!(closest("langauge", &known), Some("language"));
        assert_eq!(closest("synopis", &known), Some("synopsis"));
        assert_eq!(closest("heding", &known), Some("heading"));
        assert_eq!(closest("author", &known), None);
        assert_eq!(closest("x", &known), None);
    }

    #[test]
    fn distances_count_swaps_once() {
        assert_eq!(edit_distance("ab", "ba"), 1);
        assert_eq!(edit_distance("", "abc"), 3);
        assert_eq!(edit_distance("kitten", "sitting"), 3);
    }
}
