#!/usr/bin/env bash
# A new user's crate (.ci/downstream/: outside the workspace, `empathy` by path) built and run
# the way a user would: with empathy's default features off, then with every optional feature
# forwarded. Its main program asserts what the README promises (scoring, evidence spans,
# replies in context, the README's custom-lexicon file as written, conversations, the serde
# round trip, `score_batch` with `rayon`); its doctests are the README's Rust examples.
# A fresh resolve (no lockfile kept), as a new user gets; its own target directory.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root/.ci/downstream"
export CARGO_TARGET_DIR="$root/target/downstream"

echo "-- downstream, empathy without default features"
cargo run -q --no-default-features
cargo test -q --no-default-features --doc

echo "-- downstream, every optional feature (rayon)"
cargo run -q --all-features
cargo test -q --all-features --doc
