//! Frame cost against page size: a key press and its redraw, and a resize, on pages
//! of 10 to 100,000 reviews. Each key is timed with the key that undoes it (`j` then
//! `k`, End then Home, …), so the pair repeats without drifting to an edge.
//!
//! `cargo bench --bench frame`

mod common;

use std::time::Duration;

use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use layar::action::Action;

use common::{HEIGHT, KEYS, SIZES, STEP_QUERY, Viewer, load, source, yaml};

fn keys(c: &mut Criterion) {
    let pages: Vec<_> = SIZES.iter().map(|&n| (n, load(&source(yaml(n))))).collect();
    for (name, forward, back) in KEYS {
        let mut group = c.benchmark_group(format!("key/{name}"));
        group.warm_up_time(Duration::from_millis(500));
        group.measurement_time(Duration::from_secs(2));
        for (reviews, page) in &pages {
            let mut viewer = Viewer::new(page);
            // A search in force, for `n`; then every size on the same screen, the
            // first reviews (a small page's first hit may be on another tab).
            viewer.search(STEP_QUERY);
            viewer.press(Action::ReviewsTab);
            viewer.press(Action::Top);
            group.bench_function(BenchmarkId::from_parameter(reviews), |b| {
                b.iter(|| {
                    viewer.press(forward.clone());
                    viewer.press(back.clone());
                });
            });
        }
        group.finish();
    }
}

fn resize(c: &mut Criterion) {
    let mut group = c.benchmark_group("resize");
    group.warm_up_time(Duration::from_millis(500));
    group.measurement_time(Duration::from_secs(2));
    for reviews in SIZES {
        let page = load(&source(yaml(reviews)));
        let mut viewer = Viewer::new(&page);
        // Somewhere in the middle, where the blocks above are unknown.
        viewer.app.update(Action::Bottom);
        for _ in 0..3 {
            viewer.press(Action::PageUp);
        }
        group.bench_function(BenchmarkId::from_parameter(reviews), |b| {
            b.iter(|| {
                viewer.resize(80, HEIGHT);
                viewer.resize(100, HEIGHT);
            });
        });
    }
    group.finish();
}

criterion_group!(benches, keys, resize);
criterion_main!(benches);
