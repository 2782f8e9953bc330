#!/usr/bin/env bash
# Measures mbxctl and tree-sitter-powershell on the same 10 MB runbook in one run:
# - the reader alone (criterion bench `parse`, which also writes target/bench-runbook.ps1);
# - `mbxctl validate` of the runbook as a whole process (release build), wall time and peak
#   memory, human and --json output;
# - tree-sitter-powershell's parse alone (WebAssembly, median of 5).
# docs/PERFORMANCE.md records the figures.
set -euo pipefail
# Other builds on the same cores skew every figure: note the load with them.
uptime
cd "$(dirname "$0")/.."
bash tests/oracle/setup.sh
cargo bench --bench parse -- --warm-up-time 1 --measurement-time 5
cargo build --release --bin mbxctl
runbook=target/bench-runbook.ps1
exe=target/release/mbxctl
for mode in "" "--json"; do
  for _ in 1 2 3; do
    if [ -x /usr/bin/time ]; then
      /usr/bin/time -f "mbxctl ${mode:-(human)} validate: %e s wall, %U s user + %S s sys, %M KiB peak" "$exe" $mode validate "$runbook" > /dev/null || true
    else
      ( time "$exe" $mode validate "$runbook" > /dev/null ) 2>&1 | grep real || true
    fi
  done
done
node tests/oracle/bench.cjs "$runbook" 5
uptime
