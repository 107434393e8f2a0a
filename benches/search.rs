//! Search: from a keystroke in the prompt to the frame that shows the first hit,
//! on pages of 10 to 100,000 reviews (the hit found, then hits counted for one slice,
//! `SEARCH_SLICE`); and the budgeted search alone (`Search::set_query_within` with
//! no budget: the current hit only).
//!
//! Then the worst inputs: a paste of 100 KB into the prompt (one edit, cut at 1,000
//! characters), target under 50 ms; and a page whose synopsis is one paragraph of
//! 60 MB, where `/a` is typed, its 8 million hits counted slice by slice, then `j`,
//! `n` and `G` are timed (target under 50 ms each), with the keystroke, a letter the
//! paragraph does not hold and one counting slice beside them.
//!
//! `cargo bench --bench search` (`-- paste` or `-- paragraph` for those alone)

mod common;

use std::time::{Duration, Instant};

use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use layar::action::Action;
use layar::app::search::Search;
use layar::i18n::EN;
use layar::layout::{Doc, Section};

use common::{QUERY, SIZES, Viewer, load, one_paragraph_page, source, yaml};

/// The paste: 100 KB of prose, line breaks included.
fn paste_text() -> String {
    "Joseph menulis layar untuk film Simon,\r\ndan kamera tidak pernah berhenti. "
        .repeat(100_000 / 72 + 1)
}

/// A 100 KB paste into the prompt, from the paste to the frame that shows it: on the
/// bundled-size page and on 100,000 reviews.
fn paste(c: &mut Criterion) {
    let mut group = c.benchmark_group("search/paste_100kb");
    group.warm_up_time(Duration::from_millis(500));
    group.measurement_time(Duration::from_secs(3));
    let text = paste_text();
    for reviews in [SIZES[0], SIZES[3]] {
        let page = load(&source(yaml(reviews)));
        let mut viewer = Viewer::new(&page);
        viewer.draw();
        group.bench_function(BenchmarkId::from_parameter(reviews), |b| {
            b.iter_custom(|iters| {
                let mut spent = Duration::ZERO;
                for _ in 0..iters {
                    viewer.press(Action::StartSearch);
                    let start = Instant::now();
                    viewer.press(Action::SearchPaste(text.clone()));
                    spent += start.elapsed();
                    viewer.press(Action::CancelSearch);
                }
                spent
            });
        });
    }
    group.finish();
}

/// The 60 MB paragraph: `/a`, one counting slice, then keys once every hit is counted.
fn paragraph(c: &mut Criterion) {
    let page = one_paragraph_page(60_000_000);
    let mut viewer = Viewer::on(&page, Section::Synopsis);
    viewer.draw();
    let mut group = c.benchmark_group("search/paragraph_60mb");
    group.sample_size(20);
    group.warm_up_time(Duration::from_millis(500));
    group.measurement_time(Duration::from_secs(3));
    viewer.press(Action::StartSearch);
    group.bench_function("type_a", |b| {
        b.iter_custom(|iters| {
            let mut spent = Duration::ZERO;
            for _ in 0..iters {
                let start = Instant::now();
                viewer.press(Action::SearchInput('a'));
                spent += start.elapsed();
                viewer.press(Action::SearchBackspace);
            }
            spent
        });
    });
    // A letter the text does not hold, ASCII and not: the whole paragraph is read.
    for (name, absent) in [("type_absent_q", 'q'), ("type_absent_é", 'é')] {
        group.bench_function(name, |b| {
            b.iter_custom(|iters| {
                let mut spent = Duration::ZERO;
                for _ in 0..iters {
                    let start = Instant::now();
                    viewer.press(Action::SearchInput(absent));
                    spent += start.elapsed();
                    viewer.press(Action::SearchBackspace);
                }
                spent
            });
        });
    }
    viewer.press(Action::SearchInput('a'));
    group.bench_function("counting_slice", |b| {
        b.iter_custom(|iters| {
            let mut spent = Duration::ZERO;
            for _ in 0..iters {
                if !viewer.app.is_busy() {
                    // Counted to the end: start again, untimed.
                    viewer.press(Action::SearchBackspace);
                    viewer.press(Action::SearchInput('a'));
                }
                let start = Instant::now();
                viewer.press(Action::ContinueSearch);
                spent += start.elapsed();
            }
            spent
        });
    });
    viewer.press(Action::SearchBackspace);
    viewer.press(Action::SearchInput('a'));
    viewer.press(Action::ConfirmSearch);
    let mut slices = 0;
    while viewer.app.is_busy() {
        viewer.app.update(Action::ContinueSearch);
        slices += 1;
    }
    let (_, total) = viewer.app.search().counter().expect("a search");
    eprintln!("paragraph_60mb: /a has {total} hits, counted in {slices} slices");
    for (name, forward, back) in [
        ("j", Action::LineDown, Action::LineUp),
        ("n", Action::NextMatch, Action::PreviousMatch),
        ("G", Action::Bottom, Action::Top),
    ] {
        group.bench_function(format!("key_{name}"), |b| {
            b.iter_custom(|iters| {
                let mut spent = Duration::ZERO;
                for _ in 0..iters {
                    let start = Instant::now();
                    viewer.press(forward.clone());
                    spent += start.elapsed();
                    viewer.press(back.clone());
                }
                spent
            });
        });
    }
    group.finish();
}

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

criterion_group!(benches, search, paste, paragraph);
criterion_main!(benches);
