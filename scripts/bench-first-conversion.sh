#!/usr/bin/env bash
# Time to the first verified conversion of a batch at 1, 4 and 8 sessions, through real
# PowerShell and the Exchange stand-in, with a profile whose set-up sleeps (issue #18;
# docs/PERFORMANCE.md, "First conversion"). Expected: about one session open plus the
# resolution and one conversion, whatever the session count.
#
# Usage: scripts/bench-first-conversion.sh [SLEEP_SECONDS (default 2)] [ROWS (default 8)]
# Needs a built mbxctl (target/release, else target/debug), python3, and PowerShell:
# MBXCTL_TEST_PWSH, else $MBXCTL_SHARED_DIR/tools/pwsh (default ../shared), else pwsh on PATH.
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$(pwd)
sleep_s=${1:-2}
rows=${2:-8}
exe=target/release/mbxctl
[ -x "$exe" ] || exe=target/debug/mbxctl
[ -x "$exe" ] || { echo "build mbxctl first (cargo build --release)" >&2; exit 2; }
exe=$repo/$exe
shared=${MBXCTL_SHARED_DIR:-$repo/../shared}
pwsh=${MBXCTL_TEST_PWSH:-$shared/tools/pwsh}
[ -x "$pwsh" ] || pwsh=$(command -v pwsh) || { echo "no PowerShell found" >&2; exit 2; }

now_ms() { python3 -c 'import time; print(int(time.time()*1000))'; }
# Milliseconds since the epoch of a journal time (2026-12-05T12:54:11.267Z).
ts_ms() { python3 -c 'import sys,datetime; print(int(datetime.datetime.strptime(sys.argv[1], "%Y-%m-%dT%H:%M:%S.%fZ").replace(tzinfo=datetime.timezone.utc).timestamp()*1000))' "$1"; }
mtime_ms() { python3 -c 'import os,sys; print(int(os.stat(sys.argv[1]).st_mtime*1000))' "$1"; }

# The batch is stopped (Ctrl-C twice: journal consistent) as soon as its first conversion is
# verified, so the script measures only what it is about and stays short.
printf '%-9s %-26s %-24s %s\n' sessions "first conversion verified" "rows resolved (planned)" "one session open"
for n in 1 4 8; do
  work=$(mktemp -d)
  "$exe" --lab-dir "$work/lab" lab init --users "$rows" >/dev/null
  "$exe" --lab-dir "$work/lab" --json lab show >"$work/org.json"
  cat >"$work/profiles.json" <<JSON
{"profiles":[{"name":"slow","kind":"custom","setup":[
  {"cmdlet":"Start-Sleep","params":{"Seconds":$sleep_s}},
  {"cmdlet":"Import-Module","params":{"Name":"$repo/tests/exchange-standin/ExchangeStandin.psd1","ArgumentList":["OnPremises"]}},
  {"cmdlet":"New-Item","params":{"ItemType":"File","Path":"$work/opened","Force":true}}]}]}
JSON
  python3 -c '
import json,sys
r=[x["Alias"] for x in json.load(open(sys.argv[2]))["OnPremises"]["Recipients"] if ".abbott" in str(x.get("Alias"))]
print("Identity"); print("\n".join(r[:int(sys.argv[1])]))' "$rows" "$work/org.json" >"$work/batch.csv"
  start=$(now_ms)
  MBXCTL_PWSH=$pwsh MBXCTL_CONFIG=$work/profiles.json MBXCTL_RUNS_DIR=$work/runs \
    MBXCTL_STANDIN_ORG=$work/org.json MBXCTL_STANDIN_LOG=$work/calls.jsonl \
    "$exe" --profile slow --json convert --from "$work/batch.csv" --to shared --sessions "$n" \
    >"$work/out.jsonl" 2>"$work/err.txt" &
  pid=$!
  first_ts=""
  for _ in $(seq 1 1200); do
    journal=$(ls "$work"/runs/*/journal.jsonl 2>/dev/null || true)
    if [ -n "$journal" ] && grep -q '"state":"verified"' "$journal"; then
      first_ts=$(grep -m1 '"state":"verified"' "$journal" | python3 -c 'import json,sys; print(json.loads(sys.stdin.readline())["ts"])')
      break
    fi
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.1
  done
  # One session's open (set-up included): with one session the marker is written once.
  open_ms=""
  if [ "$n" = 1 ] && [ -f "$work/opened" ]; then
    open_ms=$(awk "BEGIN{printf \"%.1f s\", ($(mtime_ms "$work/opened") - $start)/1000}")
  fi
  kill -INT "$pid" 2>/dev/null || true; sleep 0.3; kill -INT "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
  if [ -z "$first_ts" ]; then echo "sessions $n: no conversion was verified; see $work/err.txt" >&2; continue; fi
  planned_ts=$(grep -m1 '"state":"planned"' "$journal" | python3 -c 'import json,sys; print(json.loads(sys.stdin.readline())["ts"])')
  first=$(( $(ts_ms "$first_ts") - start ))
  planned=$(( $(ts_ms "$planned_ts") - start ))
  printf '%-9s %-26s %-24s %s\n' "$n" "$(awk "BEGIN{printf \"%.1f s\", $first/1000}")" \
    "$(awk "BEGIN{printf \"%.1f s\", $planned/1000}")" "${open_ms:--}"
  rm -rf "$work"
done
