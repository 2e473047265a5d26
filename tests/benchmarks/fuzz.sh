#!/usr/bin/env bash
# Fuzzing run: the property-based tests of the parsers at length (5,000 inputs per property),
# with Hypothesis's statistics (inputs tried, time) printed for each.
set -euo pipefail
cd "$(dirname "$0")/../.."
python3 -m pytest -q -p no:warnings tests/robustness/test_parsers_property.py \
  --hypothesis-profile=fuzz --hypothesis-show-statistics "$@"
