//! Start to first frame: the bare `serde_yaml` parse of a page beside layar's load
//! (checks, sanitising, the model) and its first full frame, at each page size.
//!
//! `cargo bench --bench load`

mod common;

use std::hint::black_box;
use std::time::Duration;

use criterion::{BenchmarkId, Criterion, SamplingMode, criterion_group, criterion_main};

use common::{SIZES, Viewer, bare_parse, load, source, yaml};

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

criterion_group!(benches, start);
criterion_main!(benches);
