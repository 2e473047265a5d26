#!/usr/bin/env bash
# The README's first command: install unkg (and the `unkg` command) into the virtual environment .venv,
# without the test tools, and build the bundled sample into the default store. Can be run again and again.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/venv.sh
.venv/bin/python -m pip install --quiet --disable-pip-version-check -e .
.venv/bin/unkg build
echo
echo "unkg is installed in .venv: run .venv/bin/unkg, or '. .venv/bin/activate' first and then unkg"
