#!/usr/bin/env bash
# Builds the Python package the way a user installs it (`pip install ./crates/tonelint-python`)
# into a virtual environment under target/, and runs its pytest suite. Run it from anywhere in
# the repository; it exits non-zero if the build or any test fails.
#
# Needs CPython 3.10 or later with pip and venv (PYTHON names the interpreter, python3 unless
# set; the package itself supports 3.9, the pinned pytest and mypy do not), the Rust toolchain,
# and PyPI and crates.io (pip fetches maturin, and pytest and mypy from tests/requirements.txt).
# Cargo builds into $CARGO_TARGET_DIR when the caller sets it, else target/python, which is kept
# between runs so that a second run only relinks what changed.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
root=$PWD
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$root/target/python}"
venv="$root/target/python-venv"
python="${PYTHON:-python3}"

# Made again when it is missing, when an interrupted run left it without a working python, or
# when it was made with another interpreter than the one asked for now.
version='import sys; print(sys.version)'
if [ "$("$venv/bin/python" -c "$version" 2>/dev/null)" != "$("$python" -c "$version")" ]; then
  rm -rf "$venv"
  "$python" -m venv "$venv"
fi
pip=("$venv/bin/python" -m pip --disable-pip-version-check --no-input --quiet)
"${pip[@]}" install -r crates/tonelint-python/tests/requirements.txt
# pip builds a local directory afresh each time (cargo's target directory makes that quick), and
# --force-reinstall replaces the copy a previous run installed even though its version is the same.
"${pip[@]}" install --force-reinstall --no-deps ./crates/tonelint-python

# No bytecode or pytest cache in the source tree.
export PYTHONDONTWRITEBYTECODE=1
"$venv/bin/python" -m pytest -p no:cacheprovider crates/tonelint-python/tests "$@"
