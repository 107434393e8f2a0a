//! `--check` on its two worst cases.
//!
//! - `check/one_line_10mb`: a page whose synopsis is one line of 10 MB of words in a
//!   script foreign to the page's language, a warning per word (1.4 million). Target:
//!   under 1 s from the text in memory to the report written. Each warning's line and
//!   column go on from the last one's, and only the first 1,000 are written (the rest
//!   are counted), where each used to count from the start of the line: 1.4 MB took
//!   6.8 s, and 10 MB did not end in two minutes.
//! - `check/site_1000_pages_4kb`: a site, a folder of 1,000 pages of about 4 KB each in
//!   100 folders, as `layar --check DIR` checks it: the walk, each page read from disk,
//!   loaded with places, linted and reported. Target: under 1 s. The pages come from
//!   the benches' generator (Indonesian and English, some Greek, Cyrillic and CJK words,
//!   so each has warnings to place and write), written once under Cargo's temporary
//!   folder.
//!
//! `cargo bench --bench check`

mod common;

use std::hint::black_box;
use std::io;
use std::path::PathBuf;
use std::time::Duration;

use criterion::{Criterion, SamplingMode, criterion_group, criterion_main};
use layar::check::{Format, Input, inputs, run};
use layar::loader::{Limits, Source};

use common::{PageSpec, generate};

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

/// How many pages the site has, and about how large each is.
const PAGES: usize = 1_000;
const PAGE_BYTES: usize = 4_000;

/// Writes the site: `PAGES` generated pages, ten to a folder, and gives its folder.
fn site() -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("bench-site");
    let _ = std::fs::remove_dir_all(&dir);
    let mut bytes = 0;
    for i in 0..PAGES {
        let spec = PageSpec {
            reviews: 4,
            synopsis_paragraphs: 2,
            seed: i as u64,
        };
        let page = generate(spec);
        bytes += page.len();
        let folder = dir.join(format!("films-{:02}", i / 10));
        std::fs::create_dir_all(&folder).expect("the site's folders");
        std::fs::write(folder.join(format!("film-{i:04}.yaml")), page).expect("a page");
    }
    let mean = bytes / PAGES;
    assert!(
        (PAGE_BYTES * 3 / 4..=PAGE_BYTES * 5 / 4).contains(&mean),
        "pages of {mean} bytes on average, not about {PAGE_BYTES}"
    );
    dir
}

fn check(c: &mut Criterion) {
    let mut group = c.benchmark_group("check");
    group.sampling_mode(SamplingMode::Flat);
    group.sample_size(10);
    group.warm_up_time(Duration::from_secs(1));
    group.measurement_time(Duration::from_secs(10));
    let source = one_line_page();
    let checked = |s: &Source, format| {
        run(
            [Input::source(s.clone())],
            format,
            &mut io::sink(),
            &mut io::sink(),
        )
    };
    let summary = checked(&source, Format::Text).expect("checked");
    assert_eq!(summary.warnings, 10_000_000 / "που ".len());
    group.bench_function("one_line_10mb", |b| {
        b.iter(|| black_box(checked(&source, Format::Text).map(|s| s.warnings)));
    });

    let site = site();
    let folders = [site.clone()];
    let limits = Limits::default();
    let site_checked = |format| {
        run(
            inputs(&folders, limits),
            format,
            &mut io::sink(),
            &mut io::sink(),
        )
    };
    let summary = site_checked(Format::Text).expect("checked");
    assert_eq!((summary.files, summary.errors), (PAGES, 0));
    assert!(summary.warnings > 0, "the pages have words to place");
    group.bench_function("site_1000_pages_4kb", |b| {
        b.iter(|| black_box(site_checked(Format::Text).map(|s| s.warnings)));
    });
    group.bench_function("site_1000_pages_4kb_json", |b| {
        b.iter(|| black_box(site_checked(Format::Json).map(|s| s.warnings)));
    });
    group.finish();
    let _ = std::fs::remove_dir_all(&site);
}

criterion_group!(benches, check);
criterion_main!(benches);
