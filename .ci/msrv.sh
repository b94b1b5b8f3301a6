#!/usr/bin/env bash
# The crate's `rust-version` is honest for a downstream user: a fresh resolve of a scratch
# crate that depends on `empathy` (all features) picks no dependency that declares a newer
# `rust-version`. (Clippy's `incompatible_msrv` lint, run with -D warnings in .ci/run, checks
# the crate's own use of the standard library against the same version.)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
scratch="$(mktemp -d)"
trap 'rm -rf "$scratch"' EXIT
mkdir -p "$scratch/src"
cat > "$scratch/Cargo.toml" <<TOML
[package]
name = "msrv-check"
version = "0.0.0"
edition = "2021"
publish = false
[dependencies]
empathy = { path = "$root", features = ["rayon", "internals"] }
[workspace]
TOML
echo 'fn main() {}' > "$scratch/src/main.rs"
(cd "$scratch" && cargo generate-lockfile -q && cargo metadata -q --format-version 1) |
  python3 -c '
import json, sys
meta = json.load(sys.stdin)
ver = lambda v: (tuple(int(x) for x in (v or "0").split(".")) + (0, 0, 0))[:3]
ours = next(p for p in meta["packages"] if p["name"] == "empathy")["rust_version"]
newer = [(p["name"], p["version"], p["rust_version"]) for p in meta["packages"]
         if p["rust_version"] and ver(p["rust_version"]) > ver(ours)]
if newer:
    for name, version, rv in newer:
        print(f"{name} {version} needs Rust {rv}, newer than empathy'"'"'s rust-version {ours}")
    sys.exit(1)
print(f"msrv: every dependency of a fresh resolve builds with Rust {ours}")
'
