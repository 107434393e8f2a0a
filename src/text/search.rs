//! Case-insensitive search. STUB: to be replaced.
use std::ops::Range;

/// A compiled query.
#[derive(Debug, Clone)]
pub struct Matcher {
    needle: String,
}

impl Matcher {
    /// `None` for an empty query.
    pub fn new(query: &str) -> Option<Self> {
        (!query.is_empty()).then(|| Self { needle: query.to_lowercase() })
    }

    /// Byte ranges of the non-overlapping matches in `haystack`, in order.
    pub fn find_iter<'a>(&'a self, haystack: &'a str) -> impl Iterator<Item = Range<usize>> + 'a {
        haystack.match_indices(self.needle.as_str()).map(|(i, m)| i..i + m.len())
    }
}
