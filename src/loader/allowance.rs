//! The memory a page may take as it is read: charged as the wire types are built, against
//! what the file's size allows, so that a page that would take too much is refused before
//! it does.
//!
//! serde-saphyr's budget bounds what the parser yields (events, values, scalar bytes),
//! not what keeping them costs: a value of a few bytes, `- *r` or `- {}`, becomes a list
//! item of hundreds of bytes, and 64 MiB of them once took 35 to 54 times the file.
//! So the wire charges what it keeps as it keeps it: each list item at the size it has
//! in a read that keeps places plus its size in the model, each list's growth, each
//! string at its length. The charge is the same whether the read keeps places or not, so
//! the viewer and `--check` refuse the same pages.
//!
//! serde's `Deserialize` takes no context, so the allowance left is held per thread for
//! the length of a read ([`within`]); outside one, nothing is counted.

use std::cell::Cell;

use serde::de;

/// How many times its own size a page may take in memory as it is read, in what the wire
/// charges; on top of [`FLOOR`].
pub(super) const FACTOR: usize = 8;

/// What any page may take, however small: room for several thousand items.
pub(super) const FLOOR: usize = 32 << 20;

/// The message of the error a charge past the allowance gives, recognised by `yaml`.
pub(super) const EXCEEDED: &str = "layar: the page takes more memory than its size allows";

thread_local! {
    /// Bytes left to charge; `usize::MAX` outside a read.
    static LEFT: Cell<usize> = const { Cell::new(usize::MAX) };
}

/// What a page of `len` bytes may take.
pub(super) fn limit(len: usize) -> usize {
    len.saturating_mul(FACTOR).saturating_add(FLOOR)
}

/// Runs `read` with `bytes` to charge, and gives back what it gives.
pub(super) fn within<T>(bytes: usize, read: impl FnOnce() -> T) -> T {
    /// Puts back what was left before, however `read` ends.
    struct Restore(usize);
    impl Drop for Restore {
        fn drop(&mut self) {
            LEFT.set(self.0);
        }
    }
    let _restore = Restore(LEFT.replace(bytes));
    read()
}

/// Charges `bytes`; past the allowance, an error that stops the read.
pub(super) fn charge<E: de::Error>(bytes: usize) -> Result<(), E> {
    let left = LEFT.get();
    if left == usize::MAX {
        return Ok(());
    }
    if let Some(rest) = left.checked_sub(bytes) {
        LEFT.set(rest);
        Ok(())
    } else {
        LEFT.set(0);
        Err(E::custom(EXCEEDED))
    }
}

/// What a string of `len` bytes costs: the allocator's block for it, 8 bytes more than
/// it holds in steps of 16, and never under 32.
pub(super) fn string(len: usize) -> usize {
    len.saturating_add(8).next_multiple_of(16).max(32)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn charged(bytes: usize) -> Result<(), serde::de::value::Error> {
        charge(bytes)
    }

    #[test]
    fn charges_stop_at_the_allowance_and_only_within_a_read() {
        assert!(charged(usize::MAX - 1).is_ok(), "outside a read");
        within(100, || {
            assert!(charged(60).is_ok());
            assert!(charged(40).is_ok());
            let e = charged(1).expect_err("past the allowance");
            assert_eq!(e.to_string(), EXCEEDED);
            within(5, || assert!(charged(6).is_err(), "a read of its own"));
            assert!(charged(1).is_err(), "still past it");
        });
        assert!(charged(usize::MAX - 1).is_ok(), "put back after the read");
        let _ = std::panic::catch_unwind(|| within(1, || panic!("a read that fails")));
        assert!(charged(2).is_ok(), "put back after a panic too");
    }

    #[test]
    fn strings_cost_what_the_allocator_gives() {
        assert_eq!(string(0), 32);
        assert_eq!(string(24), 32);
        assert_eq!(string(25), 48);
        assert_eq!(string(1000), 1008);
    }

    #[test]
    fn the_allowance_grows_with_the_file() {
        assert_eq!(limit(0), FLOOR);
        assert_eq!(limit(1 << 20), FACTOR * (1 << 20) + FLOOR);
        assert_eq!(limit(usize::MAX), usize::MAX);
    }
}
