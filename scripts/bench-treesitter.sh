#!/usr/bin/env bash
# Measures mbxctl's PowerShell parser and tree-sitter-powershell on the same 10 MB runbook in
# one run. The criterion bench `parse` writes the runbook to target/bench-runbook.ps1.
set -euo pipefail
cd "$(dirname "$0")/.."
bash tests/oracle/setup.sh
cargo bench --bench parse -- --warm-up-time 1 --measurement-time 5
node tests/oracle/bench.cjs target/bench-runbook.ps1 5
