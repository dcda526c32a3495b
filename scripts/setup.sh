#!/usr/bin/env bash
# Create .venv and install Randnummer into it (idempotent). Usage: scripts/setup.sh [test]
set -euo pipefail
cd "$(dirname "$0")/.."

# Debian packages: the German word list the search index splits compounds against
# (kb/search/compounds.py); for the tests, the Chromium the browser tests launch as /usr/bin/chromium
# (Playwright never downloads a browser here), and node/npm to install axe-core, the accessibility checker the
# browser tests inject (package.json, pinned by package-lock.json).
missing=()
[ -e /usr/share/dict/ngerman ] || missing+=(wngerman)
if [ "${1:-}" = "test" ] && [ ! -x /usr/bin/chromium ]; then missing+=(chromium); fi
if [ "${1:-}" = "test" ] && ! command -v npm >/dev/null; then missing+=(nodejs npm); fi
# wrk drives bench/bench_serve.py (without it the benchmark falls back to its Python load generator)
if [ "${1:-}" = "test" ] && ! command -v wrk >/dev/null; then missing+=(wrk); fi
if [ ${#missing[@]} -gt 0 ]; then
    if [ "$(id -u)" = "0" ]; then sudo=""; else sudo="sudo"; fi
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null
fi

python3 -m venv .venv
.venv/bin/python -m pip install --quiet --upgrade pip
if [ "${1:-}" = "test" ]; then
    .venv/bin/python -m pip install --quiet -e ".[test,bench]"
    npm ci --no-audit --no-fund  # node_modules/axe-core for tests/web/test_accessibility.py
else
    .venv/bin/python -m pip install --quiet -e .
fi
