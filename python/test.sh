#!/usr/bin/env bash
# Runs the Python package's tests (pytest: the API, parity with the Rust JSONL workers on the
# real corpus, a local[2] PySpark job) with the virtual environment install.sh made.
#
#   python/test.sh [VENV] [PYTEST ARGS...]   # default: python/.venv
#
# The tests build the Rust workers themselves (cargo build --release --example score/conversation).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
venv="${1:-$here/.venv}"
mkdir -p "$venv" && venv="$(cd "$venv" && pwd)"
shift || true
cd "$here"
status=0
"$venv/bin/python" -m pytest tests -ra -p no:cacheprovider "$@" || status=$?
if [ "$status" -eq 5 ]; then
  echo "error: pytest collected no tests" >&2
  exit 1
fi
exit "$status"
