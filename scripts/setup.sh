#!/usr/bin/env bash
# Create .venv and install Randnummer into it (idempotent). Usage: scripts/setup.sh [test]
set -euo pipefail
cd "$(dirname "$0")/.."
python3 -m venv .venv
.venv/bin/python -m pip install --quiet --upgrade pip
# Debian's German word list (wngerman): the search index splits compounds against it (kb/search/compounds.py).
if [ ! -e /usr/share/dict/ngerman ]; then
    if [ "$(id -u)" = "0" ]; then SUDO=""; else SUDO="sudo"; fi
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq wngerman >/dev/null
fi
if [ "${1:-}" = "test" ]; then
    .venv/bin/python -m pip install --quiet -e ".[test,bench]"
    # Debian's Chromium for the browser tests (Playwright never downloads a browser here).
    if [ ! -x /usr/bin/chromium ]; then  # the browser tests launch exactly /usr/bin/chromium
        if [ "$(id -u)" = "0" ]; then SUDO=""; else SUDO="sudo"; fi
        $SUDO apt-get update -qq
        DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium >/dev/null
    fi
else
    .venv/bin/python -m pip install --quiet -e .
fi
