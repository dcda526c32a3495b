#!/usr/bin/env bash
# README command 1: install, build the knowledge base from corpus/, serve it on http://127.0.0.1:5000
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
.venv/bin/kb build corpus/
exec .venv/bin/kb serve "$@"
