#!/usr/bin/env bash
# Reproduces the figures of the README's "Performance" section.
#
#   scripts/bench.sh           the table only (a few minutes)
#   scripts/bench.sh --quick   fewer rounds: a look, not a figure
#   scripts/bench.sh --all     the table, then the criterion benches (load, frame,
#                              search) at 10, 1,000, 10,000 and 100,000 reviews
#   cargo bench --bench table -- --only startup
#                              one section of the table alone (startup, big, load,
#                              keys, search; repeat --only or join with commas)
#   LAYAR_BENCH_BIN=path cargo bench --bench table -- --only startup
#                              the same rows for another build of layar, for
#                              example a static one (see the README)
#
# The table is printed and written to target/bench/table.md. Everything it compares
# is measured side by side in one run (medians of interleaved rounds), so the ratios
# hold on a shared, noisy machine where single timings do not. It needs `less` for
# the start-up comparison, and Linux's /proc for the idle CPU and memory figures.
set -euo pipefail
cd "$(dirname "$0")/.."

quick=()
all=false
for arg in "$@"; do
    case "$arg" in
        --quick) quick=(--quick) ;;
        --all) all=true ;;
        *) echo "usage: scripts/bench.sh [--quick] [--all]" >&2; exit 2 ;;
    esac
done

mkdir -p target/bench
cargo build --release --locked --bin layar --example gen_page

# The page of the targets, for trying by hand: `target/release/layar target/bench/big.yaml`.
target/release/examples/gen_page --reviews 100000 > target/bench/big.yaml
echo "generated target/bench/big.yaml: $(wc -c < target/bench/big.yaml) bytes" >&2

# Peak memory of the whole viewer process from the outside too, where GNU time is
# installed: the viewer needs a terminal, so this runs --print, which wraps and
# writes every line of the page (more work than the viewer's first screen).
if [ -x /usr/bin/time ]; then
    /usr/bin/time -v target/release/layar --print --width 80 target/bench/big.yaml \
        2> target/bench/print-time.txt > /dev/null
    grep -E "Maximum resident|Elapsed" target/bench/print-time.txt >&2
fi

cargo bench --locked --bench table -- "${quick[@]}" | tee target/bench/table.md

if $all; then
    cargo bench --locked --bench load --bench frame --bench search -- "${quick[@]}"
fi
