//! The MbxCtl module's own Pester 5 tests (`module/tests`), run by the real PowerShell against
//! the binary cargo just built and the LAB. Any failed Pester test fails this test, with the
//! names and messages of the failures.
//!
//! PowerShell is found as `tests/exchange-standin/support.rs` says; it needs Pester 5.3 or later
//! in its module path (the shared pwsh 7.6.10 carries 5.7.1).

#[path = "exchange-standin/support.rs"]
mod support;

use std::process::Command;

/// Runs Invoke-Pester and writes one `MBXCTL-PESTER {json}` line with the counts and failures.
/// Paths reach the script through environment variables, never through its text.
const RUNNER: &str = r#"
$ErrorActionPreference = 'Stop'
$pester = Get-Module -ListAvailable -Name Pester | Where-Object { $_.Version -ge [version]'5.3.0' } | Sort-Object Version -Descending | Select-Object -First 1
if (-not $pester) { Write-Output 'MBXCTL-PESTER-MISSING'; exit 3 }
Import-Module $pester.Path
$configuration = New-PesterConfiguration
$configuration.Run.Path = $env:MBXCTL_PESTER_PATH
$configuration.Run.PassThru = $true
$configuration.Output.Verbosity = 'Normal'
$result = Invoke-Pester -Configuration $configuration
$failed = @($result.Failed | ForEach-Object { [pscustomobject]@{ Name = $_.ExpandedPath; Message = [string]$_.ErrorRecord } })
$summary = [pscustomobject]@{
    Passed = $result.PassedCount; Failed = $result.FailedCount; Skipped = $result.SkippedCount
    NotRun = $result.NotRunCount; Total = $result.TotalCount; Failures = $failed
    ContainerFailed = $result.FailedContainersCount
}
Write-Output ('MBXCTL-PESTER ' + ($summary | ConvertTo-Json -Depth 4 -Compress))
"#;

#[test]
fn the_module_pester_suite_passes_under_real_powershell() {
    let Some(pwsh) = support::find_test_pwsh("module_pester") else { return };
    let scratch = tempfile::tempdir().expect("temp dir");
    let out = Command::new(&pwsh)
        .args(["-NoLogo", "-NoProfile", "-NonInteractive", "-Command", RUNNER])
        .env("MBXCTL_PATH", env!("CARGO_BIN_EXE_mbxctl"))
        .env("MBXCTL_PESTER_PATH", support::repo().join("module").join("tests"))
        // Profiles and run journals of the tests stay out of the user's own (HOME stays: the
        // shared pwsh unpacks itself into ~/.cache once).
        .env("MBXCTL_CONFIG", scratch.path().join("profiles.json"))
        .env("MBXCTL_RUNS_DIR", scratch.path().join("runs"))
        .output()
        .expect("start PowerShell");
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        !stdout.contains("MBXCTL-PESTER-MISSING"),
        "{} has no Pester 5.3 or later: Install-Module Pester -MinimumVersion 5.3 -Scope CurrentUser",
        pwsh.display()
    );
    let line = stdout.lines().find_map(|l| l.strip_prefix("MBXCTL-PESTER ")).unwrap_or_else(|| {
        panic!("Invoke-Pester did not finish ({}):\nstdout:\n{stdout}\nstderr:\n{stderr}", out.status)
    });
    let summary: serde_json::Value = serde_json::from_str(line).expect("summary JSON");
    let failures: Vec<String> = summary["Failures"]
        .as_array()
        .map(|a| a.iter().map(|f| format!("- {}\n    {}", f["Name"], f["Message"])).collect())
        .unwrap_or_default();
    assert_eq!(
        (summary["Failed"].as_u64(), summary["ContainerFailed"].as_u64()),
        (Some(0), Some(0)),
        "Pester failures:\n{}\n\nfull output:\n{stdout}\n{stderr}",
        failures.join("\n")
    );
    // The suite ran: 53 tests when this was written; a discovery error would run none.
    let passed = summary["Passed"].as_u64().unwrap_or(0);
    assert!(passed >= 50, "only {passed} Pester tests passed:\n{stdout}");
    assert_eq!(summary["NotRun"].as_u64(), Some(0), "{stdout}");
}
