#!/usr/bin/env bash
# Builds tandem-eval and measures Tandem on the public datasets. Not part of the test suite.
#
#   scripts/eval.sh                                  # datasets in ../shared/datasets, table
#   scripts/eval.sh /path/to/datasets --json         # other location, JSON
#   scripts/eval.sh ../shared/datasets --only sentiment
#
# A relative dataset path is taken from the repository root. Exit status is tandem-eval's:
# non-zero when a dataset file was missing or unreadable.
set -euo pipefail
cd "$(dirname "$0")/.."

# Build chatter goes to stderr so that `--json` output on stdout stays a clean document.
scripts/deps.sh >&2
scripts/build.sh --target tandem-eval >&2
exec build/bin/tandem-eval --datasets "${1:-../shared/datasets}" "${@:2}"
