#!/usr/bin/env bash
# Deserializes the same CLIXML stream of 10,000 Get-Mailbox-like objects with mbxctl (criterion)
# and with psrpcore (the Python peer's library), in one run, and prints both figures.
# The criterion bench (crates/psvalue/benches/clixml.rs) writes the input to target/clixml-bench/mailboxes-10000.xml.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ ! -x .venv/bin/python ]; then
  python3 -m venv .venv && .venv/bin/pip install --quiet -r tests/peer/requirements.txt
fi
cargo bench -p psvalue --bench clixml -- --warm-up-time 1 --measurement-time 3
.venv/bin/python scripts/psrpcore_clixml.py bench target/clixml-bench/mailboxes-10000.xml 2
