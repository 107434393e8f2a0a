//! Sorting and filtering the reviews, each with the frame drawn after it, on pages of
//! 10 to 100,000 reviews: the key press a reader waits for. The target is a redraw
//! within 100 ms at 100,000 reviews, the first sort into an order included.
//!
//! `cargo bench --bench reviews`

mod common;

use std::time::Duration;

use criterion::{BatchSize, BenchmarkId, Criterion, criterion_group, criterion_main};
use layar::action::Action;

use common::{SIZES, Viewer, load, source, yaml};

/// The first sort into each order: a fresh viewer each time, so nothing is cached,
/// with the orders before it in the cycle already sorted.
fn first_sort(c: &mut Criterion) {
    let pages: Vec<_> = SIZES.iter().map(|&n| (n, load(&source(yaml(n))))).collect();
    for (order, before) in [("rating", 0), ("newest", 1), ("author", 2)] {
        let mut group = c.benchmark_group(format!("reviews/first_sort/{order}"));
        group.warm_up_time(Duration::from_millis(500));
        group.measurement_time(Duration::from_secs(3));
        group.sample_size(20);
        for (reviews, page) in &pages {
            group.bench_function(BenchmarkId::from_parameter(reviews), |b| {
                b.iter_batched(
                    || {
                        let mut viewer = Viewer::new(page);
                        for _ in 0..before {
                            viewer.app.update(Action::SortReviews);
                        }
                        viewer.draw();
                        viewer
                    },
                    |mut viewer| {
                        viewer.press(Action::SortReviews);
                        viewer
                    },
                    BatchSize::LargeInput,
                );
            });
        }
        group.finish();
    }
}

/// Cycling the order and the filter once every order is sorted: a pass over the
/// indices and a frame.
fn cycle(c: &mut Criterion) {
    for (name, action) in [
        ("order", Action::SortReviews),
        ("filter", Action::FilterReviews),
    ] {
        let mut group = c.benchmark_group(format!("reviews/cycle_{name}"));
        group.warm_up_time(Duration::from_millis(500));
        group.measurement_time(Duration::from_secs(2));
        for reviews in SIZES {
            let page = load(&source(yaml(reviews)));
            let mut viewer = Viewer::new(&page);
            for _ in 0..4 {
                viewer.press(Action::SortReviews);
            }
            // In the rating order, so the filter filters a sorted list.
            viewer.press(Action::SortReviews);
            group.bench_function(BenchmarkId::from_parameter(reviews), |b| {
                b.iter(|| viewer.press(action.clone()));
            });
        }
        group.finish();
    }
}

criterion_group!(benches, first_sort, cycle);
criterion_main!(benches);
