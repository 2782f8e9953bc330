//! Per-command round-trip overhead of `PsrpShell` over the psrpcore peer: one typed command in, one small
//! object out. This is mbxctl's share (framing, CLIXML, the state machine, the pipes) plus the peer's; a real
//! Exchange command's own time comes on top.
//!
//! Needs the project venv (`python3 -m venv .venv && .venv/bin/pip install psrpcore==0.3.1`).

use std::path::PathBuf;
use std::time::Duration;

use criterion::{Criterion, criterion_group, criterion_main};
use mbxctl::cmdlet::Invocation;
use mbxctl::shell::Shell;
use mbxctl::transport::{ConnectOptions, PsrpShell};

fn round_trip(c: &mut Criterion) {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let dir = tempfile::tempdir().unwrap();
    let scenario = dir.path().join("scenario.json");
    std::fs::write(
        &scenario,
        r#"[{"match": {"cmd": "Get-Mailbox"}, "emit": [{"output": {"typeNames": ["Deserialized.Mailbox"], "props": {"Name": "alice", "RecipientTypeDetails": "UserMailbox"}}}], "end": "completed"}]"#,
    )
    .unwrap();
    let launcher = root.join(if cfg!(windows) { "tests/peer/pwsh-peer.cmd" } else { "tests/peer/pwsh-peer" });
    let mut options = ConnectOptions::new(launcher);
    options.env = vec![("MBXCTL_PEER_SCENARIO".into(), scenario.to_string_lossy().into_owned())];
    let rt = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
    let mut shell = rt.block_on(PsrpShell::connect(options)).expect("peer starts (is .venv set up?)");
    let inv = Invocation::new("Get-Mailbox").param("Identity", "alice@contoso.com").param("ResultSize", 1i64);

    let mut group = c.benchmark_group("psrp");
    group.sample_size(20).warm_up_time(Duration::from_secs(1)).measurement_time(Duration::from_secs(4));
    group.bench_function("round_trip_one_command", |b| {
        b.iter(|| {
            let o = rt.block_on(shell.run(&inv)).unwrap();
            assert_eq!(o.output.len(), 1);
        })
    });
    group.finish();
    rt.block_on(shell.close()).unwrap();
}

criterion_group!(benches, round_trip);
criterion_main!(benches);
