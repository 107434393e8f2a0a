//! Search: from a keystroke in the prompt to the frame that shows the first hit,
//! on pages of 10 to 100,000 reviews, as the app runs it today (every hit counted
//! before the frame); and the budgeted search alone (`Search::set_query_within` with
//! no budget: the current hit and the blocks around it), which is what the first
//! highlight needs.
//!
//! `cargo bench --bench search`

mod common;

use std::time::{Duration, Instant};

use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use layar::action::Action;
use layar::app::search::Search;
use layar::i18n::EN;
use layar::layout::{Doc, Section};

use common::{QUERY, SIZES, Viewer, load, source, yaml};

/// Times the keystroke that types the `len`th character of [`QUERY`] (the others
/// are typed and erased untimed).
fn keystroke(c: &mut Criterion, name: &str, len: usize) {
    let mut group = c.benchmark_group(format!("search/{name}"));
    group.warm_up_time(Duration::from_millis(500));
    group.measurement_time(Duration::from_secs(3));
    let (typed, last) = QUERY.split_at(len - 1);
    let last = last.chars().next().expect("a query character");
    for reviews in SIZES {
        let page = load(&source(yaml(reviews)));
        let mut viewer = Viewer::new(&page);
        viewer.draw();
        viewer.press(Action::StartSearch);
        for ch in typed.chars() {
            viewer.press(Action::SearchInput(ch));
        }
        group.bench_function(BenchmarkId::from_parameter(reviews), |b| {
            b.iter_custom(|iters| {
                let mut spent = Duration::ZERO;
                for _ in 0..iters {
                    let start = Instant::now();
                    viewer.press(Action::SearchInput(last));
                    spent += start.elapsed();
                    viewer.press(Action::SearchBackspace);
                }
                spent
            });
        });
    }
    group.finish();
}

/// The current hit and its neighbourhood only, nothing counted past them.
fn first_hit_only(c: &mut Criterion) {
    let mut group = c.benchmark_group("search/first_hit_only");
    group.warm_up_time(Duration::from_millis(500));
    group.measurement_time(Duration::from_secs(2));
    let first = &QUERY[..1];
    for reviews in SIZES {
        let page = load(&source(yaml(reviews)));
        let docs: Vec<Doc<'_>> = Section::present(&page)
            .into_iter()
            .map(|s| Doc::new(&page, s, &EN))
            .collect();
        group.bench_function(BenchmarkId::from_parameter(reviews), |b| {
            // A fresh search each time: the same query again would only re-read the
            // blocks with hits.
            b.iter(|| {
                let mut search = Search::default();
                search.set_query_within(first, &docs, (2, 0), Duration::ZERO);
                search
            });
        });
    }
    group.finish();
}

fn search(c: &mut Criterion) {
    keystroke(c, "first_char", 1);
    keystroke(c, "whole_word", QUERY.len());
    first_hit_only(c);
}

criterion_group!(benches, search);
criterion_main!(benches);
