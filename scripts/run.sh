#!/usr/bin/env bash
# One command that sets everything up and starts Tandem on this computer: installs the Debian
# packages, builds, and starts the hub on the embedded default (SQLite in your data directory,
# customer chat page on 127.0.0.1). Arguments go to `tandem-hub serve`.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/deps.sh
scripts/build.sh --target tandem-hub
exec build/bin/tandem-hub serve "$@"
