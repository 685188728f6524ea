#!/usr/bin/env bash
# One command that sets everything up and starts Tandem on this computer: installs the Debian
# packages, builds, and opens the desktop on the embedded default (a hub in the same process,
# SQLite in your data directory, the customer chat page on 127.0.0.1). Arguments go to `tandem`.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/deps.sh
scripts/build.sh --target tandem tandem-hub
exec build/bin/tandem "$@"
