#!/usr/bin/env bash
# Browser tests drive Debian's Chromium through Playwright (never a browser download).
# Install it when missing; Playwright is pointed at it by CIRCLES_CHROMIUM (tests/e2e).
set -euo pipefail
CHROMIUM="${CIRCLES_CHROMIUM:-/usr/bin/chromium}"
if [ -x "$CHROMIUM" ]; then
    exit 0
fi
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null; then
    echo "Installing Debian's chromium for the browser tests..."
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
elif command -v sudo >/dev/null && sudo -n true 2>/dev/null; then
    sudo apt-get update -qq
    sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
else
    echo "Chromium is missing at $CHROMIUM: install Debian's 'chromium' package (as root: apt-get install chromium)." >&2
    exit 1
fi
