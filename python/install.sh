#!/usr/bin/env bash
# Builds the empathy wheel (maturin, release) and installs it into a fresh virtual environment,
# with the pinned build and test tools of requirements.txt from PyPI.
#
#   python/install.sh [VENV]      # default: python/.venv (emptied first)
#
# Needs: python3 (3.9 or later) with venv, cargo. PYTHON=python3.12 picks another interpreter.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
venv="${1:-$here/.venv}"
mkdir -p "$venv" && venv="$(cd "$venv" && pwd)"
py="${PYTHON:-python3}"

"$py" -m venv --clear "$venv"
"$venv/bin/python" -m pip install --quiet --disable-pip-version-check -r "$here/requirements.txt"
rm -rf "$here/dist"
# The wheel is stripped (pyproject.toml), so the release profile's debug info would only cost
# build time.
CARGO_PROFILE_RELEASE_DEBUG=0 "$venv/bin/maturin" build --release --manifest-path "$here/Cargo.toml" --out "$here/dist"
"$venv/bin/python" -m pip install --quiet --disable-pip-version-check --no-index --no-deps --force-reinstall "$here"/dist/empathy-*.whl
"$venv/bin/python" -c "import empathy, sys; print('installed empathy', empathy.__version__, 'into', sys.prefix)"
