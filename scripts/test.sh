#!/usr/bin/env bash
# Runs every test mbxctl has, installing what the tests need first:
#   - the Python PSRP peer (psrpcore, pinned) in a project-local virtual environment .venv/
#   - tree-sitter-powershell (the independent parser oracle) from the npm registry in tests/oracle/
#   - real PowerShell for module_pester and standin_e2e: $MBXCTL_TEST_PWSH, else
#     ${MBXCTL_SHARED_DIR:-../shared}/tools/pwsh, else pwsh on PATH (with one, those tests must run)
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

echo "== real PowerShell (the tests that need it fail rather than skip here)"
shared=${MBXCTL_SHARED_DIR:-../shared}
if [ -z "${MBXCTL_TEST_PWSH:-}" ] && [ -x "$shared/tools/pwsh" ]; then
  # Absolute: the tests hand it to mbxctl processes that run in other directories.
  MBXCTL_TEST_PWSH="$(cd "$shared/tools" && pwd)/pwsh"
  export MBXCTL_TEST_PWSH
fi
if [ -n "${MBXCTL_TEST_PWSH:-}" ] || command -v pwsh >/dev/null 2>&1; then
  export MBXCTL_REQUIRE_PWSH=1
else
  echo "   no pwsh found: the real-PowerShell tests (module_pester, standin_e2e) will be SKIPPED"
fi

echo "== cargo test"
cargo test --workspace --locked --all-targets --no-fail-fast "$@"
