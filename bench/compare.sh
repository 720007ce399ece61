#!/usr/bin/env bash
# Generates a catalog and queries, measures the movie-trivia matcher (in process, and through
# `movie-trivia lookup` from outside) and rapidfuzz on the same files in the same run, and prints
# the figures side by side.
#
#   bash bench/compare.sh                      # 100,000 titles, 10,000 queries, seed 7
#   TITLES=10000 QUERIES=2000 bash bench/compare.sh
#   MIN_PREFIX_PERCENT=40 bash bench/compare.sh   # shorter prefix queries
#
# Files and reports go to target/bench-data/<titles>-<queries>-<seed>/.
set -euo pipefail
cd "$(dirname "$0")/.."
titles=${TITLES:-100000}
queries=${QUERIES:-10000}
seed=${SEED:-7}
k=${K:-25}
prefix=${MIN_PREFIX_PERCENT:-60}
dir=target/bench-data/$titles-$queries-$seed
[ "$prefix" = 60 ] || dir=$dir-p$prefix

cargo build --release --quiet --bin movie-trivia --example gen_catalog --example accuracy
target/release/examples/gen_catalog --titles "$titles" --queries "$queries" --seed "$seed" \
  --min-prefix-percent "$prefix" --out "$dir"

echo "--- movie-trivia, in process"
target/release/examples/accuracy "$dir" --k "$k" --json "$dir/ours.json"

echo "--- movie-trivia lookup, from outside"
cut -f1 "$dir/queries.tsv" \
  | target/release/movie-trivia lookup --titles "$dir/titles.tsv" --top "$k" --timings \
      > "$dir/lookup.out" 2> "$dir/lookup.err"
python3 bench/score_cli.py "$dir" "$dir/lookup.out" "$dir/lookup.err" --json "$dir/cli.json"

echo "--- rapidfuzz"
bash bench/rapidfuzz.sh "$dir" --k "$k" --json "$dir/rapidfuzz.json"

echo
python3 bench/table.py "$dir/ours.json" "$dir/cli.json" "$dir/rapidfuzz.json" | tee "$dir/table.md"
