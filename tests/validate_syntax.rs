//! `validate` on scripts with syntax problems, as a whole process: syntax errors where PowerShell
//! reports them (tests/validate_syntax_oracle.rs compares thousands of generated scripts with
//! pwsh itself), and the `needs-powershell-7` warning for PowerShell 7 syntax in a script that
//! must run in Windows PowerShell 5.1 (the Exchange Management Shell).

use serde_json::Value;
use std::process::Command;

/// `mbxctl --json validate [extra] <script>` on `text`: the JSON and the exit code.
fn validate(text: &str, extra: &[&str]) -> (Value, i32) {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("script.ps1");
    std::fs::write(&path, text).expect("write script");
    let out = Command::new(env!("CARGO_BIN_EXE_mbxctl"))
        .args(["--json", "validate"])
        .args(extra)
        .arg(&path)
        .output()
        .expect("run mbxctl");
    let json =
        serde_json::from_slice(&out.stdout).unwrap_or_else(|e| panic!("{e}: {}", String::from_utf8_lossy(&out.stdout)));
    (json, out.status.code().expect("an exit code"))
}

/// The script-level diagnostics with `code`: (severity, line, column).
fn found(json: &Value, code: &str) -> Vec<(String, u64, u64)> {
    json["diagnostics"]
        .as_array()
        .expect("diagnostics")
        .iter()
        .filter(|d| d["code"] == code)
        .map(|d| {
            (
                d["severity"].as_str().unwrap_or_default().to_string(),
                d["position"]["line"].as_u64().unwrap_or(0),
                d["position"]["column"].as_u64().unwrap_or(0),
            )
        })
        .collect()
}

const SNAPIN: &str = "Add-PSSnapin Microsoft.Exchange.Management.PowerShell.SnapIn\r\n";

/// A leaver runbook written for PowerShell 7: a pipeline chain, `??`, the ternary and `?.`.
const PS7_BODY: &str = "Get-Mailbox kim && Set-Mailbox kim -Type Shared\r\n\
    $quota = $m.ProhibitSendQuota ?? 'Unlimited'\r\n\
    $kind = $shared ? 'Shared' : 'Regular'\r\n\
    $alias = (Get-Mailbox kim)?.Alias\r\n";

#[test]
fn powershell_7_syntax_in_an_exchange_management_shell_script_is_a_warning_at_each_construct() {
    let (json, code) = validate(&format!("{SNAPIN}{PS7_BODY}"), &[]);
    let warnings = found(&json, "needs-powershell-7");
    let at: Vec<(u64, u64)> = warnings.iter().map(|(_, l, c)| (*l, *c)).collect();
    assert_eq!(at, vec![(2, 17), (3, 31), (4, 17), (5, 27)], "{json}");
    assert!(warnings.iter().all(|(s, _, _)| s == "warning"), "{json}");
    // Warnings only: the commands are still checked, and the run succeeds.
    assert_eq!(json["errors"], 0, "{json}");
    assert_eq!(json["warnings"].as_u64(), Some(4), "{json}");
    assert_eq!(code, 0);
    assert!(json["commands"].as_array().expect("commands").len() == 3, "{json}");
    let first = &json["diagnostics"][0];
    assert!(first["message"].as_str().unwrap_or_default().contains("Windows PowerShell 5.1"), "{first}");
    assert!(first["help"].as_str().unwrap_or_default().contains("Add-PSSnapin at 1:1"), "{first}");
}

#[test]
fn a_requires_line_for_windows_powershell_makes_the_same_warning() {
    for head in ["#Requires -Version 5.1\r\n", "#requires -PSEdition Desktop\r\n"] {
        let (json, _) = validate(&format!("{head}{PS7_BODY}"), &[]);
        assert_eq!(found(&json, "needs-powershell-7").len(), 4, "{head}: {json}");
    }
    // Also when the side is given on the command line rather than read from the script.
    let (json, _) = validate(&format!("{SNAPIN}{PS7_BODY}"), &["--side", "on-premises"]);
    assert_eq!(found(&json, "needs-powershell-7").len(), 4, "{json}");
}

#[test]
fn scripts_that_may_run_in_powershell_7_get_no_such_finding() {
    for head in [
        "Connect-ExchangeOnline -UserPrincipalName admin@contoso.com\r\n",
        "$s = New-PSSession -ConfigurationName Microsoft.Exchange -ConnectionUri http://ex01/PowerShell\r\nImport-PSSession $s\r\n",
        "#Requires -Version 7.2\r\n",
        "",
    ] {
        let (json, code) = validate(&format!("{head}{PS7_BODY}"), &[]);
        assert_eq!(found(&json, "needs-powershell-7"), vec![], "{head}: {json}");
        assert_eq!(json["warnings"], 0, "{head}: {json}");
        assert_eq!(code, 0, "{head}");
    }
}

#[test]
fn syntax_errors_are_reported_where_pwsh_reports_them() {
    // (script, code, line, column): positions as pwsh 7.6's parser gives them.
    let cases: &[(&str, &str, u64, u64)] = &[
        ("Set-Mailbox kim -Type Shared\r\n$u = $a $b\r\n", "unexpected-token", 2, 9),
        ("$upn = \"$($m.Name)\"$suffix\r\n", "unexpected-token", 1, 20),
        ("if ($m.Type -eq) { Set-Mailbox kim -Type Shared }\r\n", "missing-expression", 1, 16),
        ("try { Set-Mailbox kim -Type Shared }\r\n", "missing-catch-or-finally", 1, 37),
        ("foreach ($m in (Get-Mailbox; 1)) { }\r\n", "missing-closing-delimiter", 1, 28),
    ];
    for (text, code, line, column) in cases {
        let (json, exit) = validate(text, &["--side", "on-premises"]);
        let errors = found(&json, code);
        assert_eq!(errors.first(), Some(&("error".to_string(), *line, *column)), "{text:?}: {json}");
        assert_ne!(exit, 0, "{text:?}");
    }
    // What pwsh parses is not an error.
    for text in ["$x = 1\r\n|| Write-Warning failed\r\n", "2>&1 Get-Mailbox kim\r\n", "return\r\nEnd\r\n"] {
        let (json, exit) = validate(text, &["--side", "on-premises"]);
        assert_eq!(json["errors"], 0, "{text:?}: {json}");
        assert_eq!(exit, 0, "{text:?}");
    }
}
