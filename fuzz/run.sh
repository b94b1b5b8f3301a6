#!/usr/bin/env bash
# Run every fuzz target for a given time (seconds each, default 600).
#   fuzz/run.sh [SECONDS] [TARGET...]
# Installs cargo-fuzz if needed. cargo-fuzz passes -Z flags, so on a stable toolchain it
# runs with RUSTC_BOOTSTRAP=1.
set -euo pipefail
cd "$(dirname "$0")"
secs="${1:-600}"
shift || true
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(score score_reply conversation lexicon)
command -v cargo-fuzz >/dev/null || cargo install cargo-fuzz
export RUSTC_BOOTSTRAP=1
mkdir -p corpus
for t in "${targets[@]}"; do
  mkdir -p "corpus/$t"
  # Seed the text targets with the project's own sample replies.
  if [ "$t" = score ] && [ -z "$(ls -A "corpus/$t")" ]; then
    i=0
    while IFS= read -r line; do i=$((i+1)); printf '%s' "$line" > "corpus/$t/seed$i"; done < ../data/samples/replies.jsonl
  fi
  if [ "$t" = lexicon ] && [ -z "$(ls -A "corpus/$t")" ]; then
    cp ../tests/cases/labelled.toml "corpus/$t/seed-not-a-lexicon"
    head -c 20000 ../data/lexicon/en.toml > "corpus/$t/seed-builtin-head"
  fi
  echo "== fuzzing $t for ${secs}s"
  cargo fuzz run "$t" "corpus/$t" -- -max_total_time="$secs" -rss_limit_mb=4096 -max_len=65536
done
