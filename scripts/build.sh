#!/usr/bin/env bash
# Configures and builds Tandem into build/ (executables in build/bin). Extra arguments go to
# `cmake --build`, e.g. `scripts/build.sh --target tandem-hub`.
set -euo pipefail
cd "$(dirname "$0")/.."
preset=${TANDEM_PRESET:-default}
if [ ! -f build/CMakeCache.txt ]; then
    cmake --preset "$preset"
elif [ "$preset" = ci ]; then
    cmake --preset "$preset" >/dev/null
fi
cmake --build build -j"$(nproc)" "$@"
