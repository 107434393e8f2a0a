//! Start to first frame: the bare `serde_yaml` parse of a page beside layar's load
//! (checks, sanitising, the model) and its first full frame, at each page size; and
//! the bundled page's first frame where it was left (a state file of 200 pages read,
//! the place found) beside the same at its top.
//!
//! `cargo bench --bench load`

mod common;

use std::hint::black_box;
use std::path::Path;
use std::time::Duration;

use criterion::{BenchmarkId, Criterion, SamplingMode, criterion_group, criterion_main};
use layar::layout::Section;
use layar::resume::{Key, Store};

use common::{SIZES, Viewer, bare_parse, fill_state, load, source, yaml};

fn start(c: &mut Criterion) {
    let mut group = c.benchmark_group("load");
    group.sampling_mode(SamplingMode::Flat);
    group.sample_size(10);
    group.warm_up_time(Duration::from_secs(1));
    group.measurement_time(Duration::from_secs(5));
    for reviews in SIZES {
        let src = source(yaml(reviews));
        group.bench_with_input(
            BenchmarkId::new("bare_serde_yaml", reviews),
            &src,
            |b, s| {
                b.iter(|| black_box(bare_parse(&s.text)));
            },
        );
        group.bench_with_input(BenchmarkId::new("layar_parse", reviews), &src, |b, s| {
            b.iter(|| black_box(load(s)));
        });
        group.bench_with_input(
            BenchmarkId::new("layar_first_frame", reviews),
            &src,
            |b, s| {
                b.iter(|| {
                    let page = load(s);
                    let mut viewer = Viewer::new(&page);
                    viewer.draw();
                    black_box(viewer.terminal.backend().buffer().area);
                });
            },
        );
    }
    group.finish();
}

/// What opening where the page was left adds to the first frame: the state file read
/// and the place found, beside the same first frame at the top.
fn resume(c: &mut Criterion) {
    let state =
        Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("resume-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&state);
    fill_state(&state);
    let store = Store::new(state.join("layar"));
    let page = load(&layar::loader::bundled());
    let mut group = c.benchmark_group("resume");
    group.bench_function("first_frame_at_the_top", |b| {
        b.iter(|| {
            let mut viewer = Viewer::on(&page, Section::Synopsis);
            viewer.draw();
            black_box(viewer.terminal.backend().buffer().area);
        });
    });
    group.bench_function("first_frame_where_left", |b| {
        b.iter(|| {
            let saved = store.load(&Key::Bundled);
            let mut viewer = Viewer::on(&page, Section::Synopsis);
            if let Some(saved) = &saved {
                viewer.app.resume(saved);
            }
            viewer.draw();
            black_box(viewer.terminal.backend().buffer().area);
        });
    });
    group.finish();
    let _ = std::fs::remove_dir_all(&state);
}

criterion_group!(benches, start, resume);
criterion_main!(benches);
