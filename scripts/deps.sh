#!/usr/bin/env bash
# Installs the Debian 12 packages Tandem needs to build, run and test, skipping those already
# present. Uses sudo when not run as root.
#
#   scripts/deps.sh           # build + run
#   scripts/deps.sh --test    # also what the tests need (PostgreSQL, Chromium, Node.js, Xvfb)
set -euo pipefail

build_packages=(
    cmake ninja-build ccache g++ pkg-config
    qt6-base-dev qt6-tools-dev qt6-l10n-tools qt6-tools-dev-tools qt6-websockets-dev
    qt6-httpserver-dev qt6-charts-dev qt6-svg-dev libqt6sql6-sqlite libqt6sql6-psql
    qtkeychain-qt6-dev qt6-translations-l10n libgl-dev
    libopencc-dev libicu-dev libstemmer-dev libfasttext-dev libsqlite3-dev
    fonts-noto-cjk
)
test_packages=(
    postgresql chromium xvfb xauth dbus-daemon desktop-file-utils appstream python3 clang-format
)

wanted=("${build_packages[@]}")
if [ "${1:-}" = "--test" ]; then
    wanted+=("${test_packages[@]}")
    # Node.js runs the browser test; an existing node (any source) is fine.
    command -v node >/dev/null 2>&1 || wanted+=(nodejs)
    command -v npm >/dev/null 2>&1 || wanted+=(npm)
fi

missing=()
for p in "${wanted[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0

sudo=()
[ "$(id -u)" -eq 0 ] || sudo=(sudo)
echo "Installing: ${missing[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
"${sudo[@]}" apt-get update -q
"${sudo[@]}" apt-get install -y -q --no-install-recommends "${missing[@]}"
