//! Finding the first byte of interest in a long text, fast.
//!
//! Pages can be tens of megabytes, and the loader's checks and sanitising cross all of
//! their text, where almost no byte is of interest. A byte at a time through a lookup
//! table (or `memchr` on lines a few dozen bytes long) costs several instructions a
//! byte; testing a fixed chunk with no branch lets the compiler use vector instructions.
//! The line feeds that end short lines are found by `memchr`.

/// Bytes looked at together: in a chunk with no byte of interest, every test is made
/// with no branch, which the compiler turns into vector instructions.
const CHUNK: usize = 32;

/// Index of the first byte of `hay` for which `wanted` holds.
///
/// `wanted` should be a branch-free test of one byte (comparisons joined with `|` and
/// `&` rather than `||` and `&&`), so a whole chunk can be tested at once.
pub fn first_where(hay: &[u8], wanted: impl Fn(u8) -> bool + Copy) -> Option<usize> {
    // Arrays of a fixed length, not slices, so the test of a chunk is unrolled.
    let (chunks, tail) = hay.as_chunks::<CHUNK>();
    for (i, chunk) in chunks.iter().enumerate() {
        if chunk.iter().fold(0u8, |acc, &b| acc | u8::from(wanted(b))) != 0 {
            return chunk.iter().position(|&b| wanted(b)).map(|p| i * CHUNK + p);
        }
    }
    let base = chunks.len() * CHUNK;
    tail.iter().position(|&b| wanted(b)).map(|p| base + p)
}

/// Index of the first line feed in `hay`. Lines are short, where [`first_where`] spends
/// more on the chunk holding the byte than on the chunks before it; `memchr` is fast on
/// both.
pub fn first_newline(hay: &[u8]) -> Option<usize> {
    memchr::memchr(b'\n', hay)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn finds_the_first_in_any_chunk_and_in_the_tail() {
        let newline = |b: u8| b == b'\n';
        assert_eq!(first_where(b"", newline), None);
        assert_eq!(first_where(b"abc", newline), None);
        assert_eq!(first_where(b"\n", newline), Some(0));
        let mut long = vec![b'a'; 100];
        assert_eq!(first_where(&long, newline), None);
        for at in [0, 31, 32, 63, 64, 95, 96, 99] {
            long[at] = b'\n';
            assert_eq!(first_where(&long, newline), Some(at), "at {at}");
            long[at] = b'a';
        }
        long[40] = b'\n';
        long[70] = b'\n';
        assert_eq!(first_where(&long, newline), Some(40), "the first of two");
    }

    proptest! {
        #[test]
        fn agrees_with_a_plain_search(hay in proptest::collection::vec(any::<u8>(), 0..200), pick in any::<u8>()) {
            let wanted = |b: u8| b == pick || b < 0x08;
            prop_assert_eq!(first_where(&hay, wanted), hay.iter().position(|&b| wanted(b)));
        }
    }
}
