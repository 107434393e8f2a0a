//! The text budget: how much text a page may expand to while it is deserialised.
//!
//! YAML aliases let a small file repeat an anchored string many times (`text: *big` in
//! every review): 100 KB of YAML can ask for a gigabyte of strings. Every text value the
//! wire types allocate is charged here first, and the charge is refused once the page
//! has used its budget, so memory stays bounded while the page is being refused.
//!
//! The rule: a page may hold `max(16 × its size in bytes, 1 MiB)` of text, each value
//! costing its length in bytes plus 24 (what a `String` takes besides its bytes, so a page
//! cannot multiply empty strings either). A page without aliases holds less text than its
//! file has bytes, so only aliasing can come near the limit.
//!
//! The budget lives in a thread-local because serde's derive gives no way to pass state
//! to nested `Deserialize` impls; [`Scope`] installs it for one parse and restores the
//! previous one when dropped, so nested or concurrent parses on other threads never mix.

use std::cell::Cell;

/// The smallest budget any page gets.
const FLOOR: u64 = 1024 * 1024;
/// How many times its own size a page's text may expand to.
const FACTOR: u64 = 16;
/// What each text value costs on top of its bytes.
const PER_VALUE: u64 = 24;

thread_local! {
    /// Bytes the current parse may still allocate; unlimited outside a [`Scope`].
    static REMAINING: Cell<u64> = const { Cell::new(u64::MAX) };
    /// Whether the current parse was refused for going over its budget.
    static EXCEEDED: Cell<bool> = const { Cell::new(false) };
}

/// The budget for a page whose file is `len` bytes.
pub(super) fn for_len(len: usize) -> u64 {
    (len as u64).saturating_mul(FACTOR).max(FLOOR)
}

/// The budget installed for one parse on this thread.
pub(super) struct Scope {
    limit: u64,
    outer: (u64, bool),
}

impl Scope {
    /// Installs a budget of `limit` bytes until the returned scope is dropped.
    pub(super) fn enter(limit: u64) -> Self {
        let outer = (REMAINING.replace(limit), EXCEEDED.replace(false));
        Self { limit, outer }
    }

    /// The limit, when the parse went over it.
    pub(super) fn exceeded(&self) -> Option<u64> {
        EXCEEDED.get().then_some(self.limit)
    }
}

impl Drop for Scope {
    fn drop(&mut self) {
        REMAINING.set(self.outer.0);
        EXCEEDED.set(self.outer.1);
    }
}

/// Charges a text value of `len` bytes, or refuses it with `E::custom` when the page has
/// spent its budget. Call before allocating.
pub(super) fn charge<E: serde::de::Error>(len: usize) -> Result<(), E> {
    let cost = (len as u64).saturating_add(PER_VALUE);
    let remaining = REMAINING.get();
    if cost > remaining {
        REMAINING.set(0);
        EXCEEDED.set(true);
        return Err(E::custom("the page's text exceeds its budget"));
    }
    REMAINING.set(remaining - cost);
    Ok(())
}

/// `v` as an owned string, charged to the budget first.
pub(super) fn take<E: serde::de::Error>(v: &str) -> Result<String, E> {
    charge::<E>(v.len())?;
    Ok(v.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    type E = serde::de::value::Error;

    #[test]
    fn charges_until_the_limit_then_refuses() {
        let scope = Scope::enter(100);
        assert!(take::<E>(&"a".repeat(50)).is_ok());
        assert!(scope.exceeded().is_none());
        assert!(take::<E>(&"a".repeat(50)).is_err());
        assert_eq!(scope.exceeded(), Some(100));
        assert!(take::<E>("").is_err(), "stays refused");
    }

    #[test]
    fn scopes_restore_what_they_replaced() {
        let outer = Scope::enter(1000);
        assert!(charge::<E>(100).is_ok());
        {
            let inner = Scope::enter(10);
            assert!(charge::<E>(100).is_err());
            assert!(inner.exceeded().is_some());
        }
        assert!(outer.exceeded().is_none());
        assert!(charge::<E>(100).is_ok());
    }

    #[test]
    fn budget_scales_with_the_file() {
        assert_eq!(for_len(10), FLOOR);
        assert_eq!(for_len(1 << 20), 16 << 20);
    }
}
