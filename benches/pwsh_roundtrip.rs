//! One typed command's round trip over one open session: mbxctl's transport (`PsrpShell`) against PowerShell's
//! own out-of-process client (`[runspacefactory]::CreateOutOfProcessRunspace` + `[powershell]::Create()
//! .AddCommand(…)`), in the same run, against the same pwsh, with the same command and module.
//!
//! The command is tests/data/pwsh/MbxTest's `Show-MbxArgument -Text … -Number 42` (typed parameters in, one
//! echo object out). Both sides open the session and warm up first; only the round trips are timed: mbxctl's
//! around `Shell::run`, PowerShell's inside its own client with a `Stopwatch` around `Invoke()`, so neither
//! pays for process start-up. Rounds alternate (mbxctl, PowerShell, mbxctl, PowerShell, mbxctl) so both see the same machine.
//!
//! Run: `MBXCTL_TEST_PWSH=/path/to/pwsh cargo bench --bench pwsh_roundtrip` (the PowerShell is found as the
//! real-PowerShell tests find it; `MBXCTL_BENCH_COMMANDS` sets the commands per round, default 100). Takes
//! about 20 s. Without a PowerShell it says so and measures nothing.

#[path = "../tests/data/pwsh/support.rs"]
mod support;

use std::path::Path;
use std::process::Command;
use std::time::Instant;

use mbxctl::cmdlet::Invocation;
use mbxctl::shell::Shell;
use mbxctl::transport::PsrpShell;

const WARM_UP: usize = 20;

/// PowerShell's own client: an out-of-process runspace on the same pwsh, the module imported, then `rounds`
/// × `n` timed round trips; prints one line per command, milliseconds in the invariant culture.
const THEIRS: &str = r#"param([string]$Module, [int]$N, [int]$Rounds, [int]$WarmUp)
$ErrorActionPreference = 'Stop'
$rs = [runspacefactory]::CreateOutOfProcessRunspace($null)
$rs.Open()
$ps = [powershell]::Create(); $ps.Runspace = $rs
$null = $ps.AddCommand('Import-Module').AddParameter('Name', $Module).Invoke()
$ps.Dispose()
$sw = [System.Diagnostics.Stopwatch]::new()
$times = [System.Collections.Generic.List[double]]::new()
for ($i = 0; $i -lt $WarmUp + $N * $Rounds; $i++) {
    $sw.Restart()
    $ps = [powershell]::Create(); $ps.Runspace = $rs
    $out = $ps.AddCommand('Show-MbxArgument').AddParameter('Text', 'alice@contoso.com').AddParameter('Number', [long]42).Invoke()
    $ps.Dispose()
    $sw.Stop()
    if ($out.Count -ne 1) { throw "expected one echo object, got $($out.Count)" }
    if ($i -ge $WarmUp) { $times.Add($sw.Elapsed.TotalMilliseconds) }
}
$rs.Close()
foreach ($t in $times) { $t.ToString('R', [cultureinfo]::InvariantCulture) }
"#;

fn theirs(pwsh: &Path, n: usize, rounds: usize) -> Vec<f64> {
    let dir = tempfile::tempdir().expect("temp dir");
    let script = dir.path().join("theirs.ps1");
    std::fs::write(&script, THEIRS).expect("write the client script");
    let module = support::module("MbxTest");
    let out = Command::new(pwsh)
        .args(["-NoLogo", "-NoProfile", "-NonInteractive", "-File"])
        .arg(&script)
        .arg("-Module")
        .arg(&module)
        .args(["-N", &n.to_string(), "-Rounds", &rounds.to_string(), "-WarmUp", &WARM_UP.to_string()])
        .output()
        .expect("start pwsh");
    assert!(out.status.success(), "PowerShell's client failed: {}", String::from_utf8_lossy(&out.stderr));
    let times: Vec<f64> = String::from_utf8_lossy(&out.stdout).lines().filter_map(|l| l.trim().parse().ok()).collect();
    assert_eq!(times.len(), n * rounds, "one time per command: {}", String::from_utf8_lossy(&out.stdout));
    times
}

fn ours(rt: &tokio::runtime::Runtime, shell: &mut PsrpShell, inv: &Invocation, n: usize) -> Vec<f64> {
    (0..n)
        .map(|_| {
            let start = Instant::now();
            let out = rt.block_on(shell.run(inv)).expect("the command runs");
            let ms = start.elapsed().as_secs_f64() * 1e3;
            assert_eq!(out.output.len(), 1, "one echo object");
            ms
        })
        .collect()
}

fn summary(mut times: Vec<f64>) -> String {
    times.sort_by(f64::total_cmp);
    let at = |q: f64| times[((times.len() - 1) as f64 * q).round() as usize];
    format!("median {:.2} ms, p10 {:.2} ms, p90 {:.2} ms ({} commands)", at(0.5), at(0.1), at(0.9), times.len())
}

fn main() {
    // `cargo bench` passes `--bench`; `cargo test --benches` runs this too and should stay quick.
    if !std::env::args().any(|a| a == "--bench") {
        return;
    }
    let Some(pwsh) = support::pwsh() else { return };
    let n: usize = std::env::var("MBXCTL_BENCH_COMMANDS").ok().and_then(|v| v.parse().ok()).unwrap_or(100);
    let rt = tokio::runtime::Builder::new_current_thread().enable_all().build().expect("runtime");
    let mut shell = rt.block_on(support::within(120, PsrpShell::connect(support::options(&pwsh)))).expect("connect");
    let inv = Invocation::new("Show-MbxArgument").param("Text", "alice@contoso.com").param("Number", 42i64);
    ours(&rt, &mut shell, &inv, WARM_UP);
    // mbxctl, PowerShell, mbxctl, PowerShell, mbxctl: load from other work on the machine falls on both.
    let mut mine = ours(&rt, &mut shell, &inv, n);
    let mut powershell = Vec::new();
    for _ in 0..2 {
        powershell.extend(theirs(&pwsh, n, 1));
        mine.extend(ours(&rt, &mut shell, &inv, n));
    }
    rt.block_on(shell.close()).expect("close");
    let (m, p) = (summary(mine.clone()), summary(powershell.clone()));
    let median = |mut v: Vec<f64>| {
        v.sort_by(f64::total_cmp);
        v[v.len() / 2]
    };
    println!("pwsh: {}", pwsh.display());
    println!("mbxctl PsrpShell::run, one typed command:           {m}");
    println!("PowerShell's own client (out-of-process runspace): {p}");
    println!("ratio of medians (mbxctl / PowerShell): {:.2}", median(mine) / median(powershell));
}
