//! Writes a large, realistic film page to standard output, for trying layar on
//! pages far bigger than the bundled one:
//!
//! ```text
//! cargo run --release --example gen_page -- --reviews 100000 > big.yaml
//! ```
//!
//! The output is deterministic: the same flags always give the same bytes. The
//! generator itself lives with the benches, which build their pages in-process from
//! the same code.

use std::io::{self, Write};
use std::process::ExitCode;

use clap::Parser;

// The benches use all of the generator; this program only part of it.
#[allow(dead_code)]
#[path = "../benches/common/page_gen.rs"]
mod page_gen;

use page_gen::{PageSpec, generate};

/// Generate a film page with many reviews (about 500 bytes of YAML each).
#[derive(Debug, Parser)]
#[command(about)]
struct Args {
    /// How many reviews.
    #[arg(long, default_value_t = 10)]
    reviews: usize,

    /// How many paragraphs the synopsis has.
    #[arg(long, default_value_t = 8)]
    synopsis_paragraphs: usize,

    /// The seed of the text: another seed, other words.
    #[arg(long, default_value_t = 1)]
    seed: u64,
}

fn main() -> ExitCode {
    let args = Args::parse();
    let yaml = generate(PageSpec {
        reviews: args.reviews,
        synopsis_paragraphs: args.synopsis_paragraphs,
        seed: args.seed,
    });
    let mut out = io::stdout().lock();
    match out.write_all(yaml.as_bytes()).and_then(|()| out.flush()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("gen_page: cannot write the page: {e}");
            ExitCode::FAILURE
        }
    }
}
