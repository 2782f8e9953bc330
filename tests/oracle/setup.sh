#!/usr/bin/env bash
# Installs the tree-sitter oracle's pinned npm packages (idempotent). Needs Node.js 18+ and npm.
set -euo pipefail
cd "$(dirname "$0")"
if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
  echo "tests/oracle/setup.sh: Node.js 18+ and npm are required (apt-get install nodejs npm, or https://nodejs.org)" >&2
  exit 1
fi
if [ -f node_modules/tree-sitter-powershell/tree-sitter-powershell.wasm ] \
  && [ -f node_modules/web-tree-sitter/package.json ] \
  && [ node_modules/.package-lock.json -nt package-lock.json ]; then
  exit 0
fi
npm ci --ignore-scripts --no-audit --no-fund
