#!/usr/bin/env bash
# mbxctl against PowerShell's own out-of-process client, in the same run, on the same pwsh:
#   1. `mbxctl session test` (start pwsh, open, three typed commands, close) vs `Start-Job` + `Receive-Job`
#      running the same three commands in a job (PowerShell's own out-of-process runspace);
#   2. whole-process time of both, N runs each, alternating, median printed.
# The typed-command round trip inside one session is measured by `cargo bench --bench psrp`.
# Usage: scripts/bench-pwsh-roundtrip.sh [RUNS]   (PWSH=… to choose PowerShell, MBXCTL=… the binary)
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${1:-5}
PWSH=${PWSH:-${MBXCTL_TEST_PWSH:-../shared/tools/pwsh}}
MBXCTL=${MBXCTL:-target/release/mbxctl}
[ -x "$MBXCTL" ] || cargo build --release --bin mbxctl
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
module="$PWD/tests/data/pwsh/ExchangeStandin/ExchangeStandin.psm1"
cat >"$work/profiles.json" <<JSON
{"profiles":[{"name":"standin","kind":"custom","setup":[{"cmdlet":"Import-Module","params":{"Name":"$module"}}]}]}
JSON
export MBXCTL_CONFIG="$work/profiles.json" MBXCTL_TEST_ROLES="Mail Recipients,Reset Password"
ours() { "$MBXCTL" --pwsh "$PWSH" --profile standin --json session test >/dev/null; }
# Timed inside a running pwsh (Measure-Command), so its own start-up is not counted against it.
theirs() {
  "$PWSH" -NoLogo -NoProfile -Command "(Measure-Command { \$j = Start-Job -ScriptBlock { Import-Module '$module'; Get-ExchangeServer; Get-ManagementRoleAssignment -Role 'Mail Recipients' -GetEffectiveUsers; Get-ManagementRoleAssignment -Role 'Reset Password' -GetEffectiveUsers }; \$null = Receive-Job \$j -Wait -AutoRemoveJob }).TotalSeconds"
}
now() { date +%s.%N; }
ours; theirs >/dev/null  # warm-up (first pwsh start unpacks and fills caches)
: >"$work/ours"; : >"$work/theirs"
for _ in $(seq "$RUNS"); do
  t=$(now); ours; echo "$(now) - $t" | bc >>"$work/ours"
  theirs >>"$work/theirs"
done
median() { sort -n "$1" | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
echo "mbxctl session test (open, 3 commands, close): median $(median "$work/ours") s over $RUNS runs"
echo "pwsh Start-Job + Receive-Job (same 3 commands):  median $(median "$work/theirs") s over $RUNS runs"
