#!/usr/bin/env bash
# Runs every test mbxctl has, installing what the tests need first:
#   - the Python PSRP peer (psrpcore, pinned) in a project-local virtual environment .venv/
#   - tree-sitter-powershell (the independent parser oracle) from the npm registry in tests/oracle/
# Idempotent: a second run reuses both. Usage: scripts/test.sh [extra cargo test args]
set -euo pipefail
cd "$(dirname "$0")/.."

python=${PYTHON:-python3}
if [ ! -x .venv/bin/python ]; then
  echo "== creating .venv (Python PSRP peer)"
  "$python" -m venv .venv
fi
if ! .venv/bin/python -c 'import psrpcore' 2>/dev/null; then
  echo "== installing the Python peer's requirements"
  .venv/bin/pip install --quiet --disable-pip-version-check -r tests/peer/requirements.txt
fi

echo "== tree-sitter-powershell (npm, pinned by tests/oracle/package-lock.json)"
bash tests/oracle/setup.sh

echo "== cargo test"
cargo test --locked --all-targets --no-fail-fast "$@"
