//! `--check` on the worst line for it: a page whose synopsis is one line of 10 MB of
//! words in a script foreign to the page's language, a warning per word (1.4 million).
//! Target: under 1 s from the text in memory to the report written. Each warning's line
//! and column go on from the last one's, and only the first 1,000 are written (the rest
//! are counted), where each used to count from the start of the line: 1.4 MB took 6.8 s,
//! and 10 MB did not end in two minutes.
//!
//! `cargo bench --bench check`

use std::hint::black_box;
use std::io;
use std::time::Duration;

use criterion::{Criterion, SamplingMode, criterion_group, criterion_main};
use layar::loader::Source;

/// The page: `language: en`, and a synopsis of one line of Greek words, 10 MB long.
fn one_line_page() -> Source {
    let word = "που ";
    let line = word.repeat(10_000_000 / word.len());
    Source {
        name: "one-line.yaml".into(),
        base_dir: None,
        text: format!("title: T\nlanguage: en\nsynopsis:\n  text: {line}\n"),
    }
}

fn check(c: &mut Criterion) {
    let mut group = c.benchmark_group("check");
    group.sampling_mode(SamplingMode::Flat);
    group.sample_size(10);
    group.warm_up_time(Duration::from_secs(1));
    group.measurement_time(Duration::from_secs(10));
    let source = one_line_page();
    let summary = layar::check::run([Ok(source.clone())], &mut io::sink()).expect("checked");
    assert_eq!(summary.warnings, 10_000_000 / "που ".len());
    group.bench_function("one_line_10mb", |b| {
        b.iter(|| {
            let summary = layar::check::run([Ok(source.clone())], &mut io::sink());
            black_box(summary.map(|s| s.warnings))
        });
    });
    group.finish();
}

criterion_group!(benches, check);
criterion_main!(benches);
