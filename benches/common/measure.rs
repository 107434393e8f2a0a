//! Timing two things side by side, for the benches that print a table of ratios
//! (`table`, `pictures`): on a shared, noisy machine the ratio of two medians taken in
//! turns holds where single timings do not.

use std::time::Duration;

/// The median of some timings.
pub fn median(mut times: Vec<Duration>) -> Duration {
    times.sort_unstable();
    times.get(times.len() / 2).copied().unwrap_or_default()
}

/// Runs `a` and `b` in turns, `rounds` times each, alternating which goes first;
/// each returns the time it measured. Returns their medians.
pub fn side_by_side(
    rounds: usize,
    mut a: impl FnMut() -> Duration,
    mut b: impl FnMut() -> Duration,
) -> (Duration, Duration) {
    let (mut ta, mut tb) = (Vec::new(), Vec::new());
    for round in 0..rounds {
        if round % 2 == 0 {
            ta.push(a());
            tb.push(b());
        } else {
            tb.push(b());
            ta.push(a());
        }
    }
    (median(ta), median(tb))
}
