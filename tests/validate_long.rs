//! `validate` of a long script as a whole process: above 256 KB the script is read on a second
//! thread (`parse::read_ahead`), and what comes out must be what the one-thread reading gives —
//! every command, in source order, with its findings and the script's syntax errors.

use std::process::Command;

/// One unit of the long script: six commands (one with an unknown parameter, one piped, two
/// nested in a `foreach` and a subexpression) and a syntax error.
const UNIT: &str = "Get-Mailbox kim | Set-Mailbox -Type Shared\r\nforeach ($m in (Get-Mailbox -ResultSize 10)) {\r\n  Set-Mailbox $m -Tpye Shared; Write-Host \"$(Get-Date) done\"\r\n}\r\nGet-Mailbox \"$a:\"\r\n";

fn validate_json(text: &str) -> serde_json::Value {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("long.ps1");
    std::fs::write(&path, text).expect("write script");
    let out = Command::new(env!("CARGO_BIN_EXE_mbxctl"))
        .args(["--json", "validate", "--side", "online"])
        .arg(&path)
        .output()
        .expect("run mbxctl");
    serde_json::from_slice(&out.stdout).unwrap_or_else(|e| panic!("{e}: {}", String::from_utf8_lossy(&out.stdout)))
}

#[test]
fn a_long_script_is_judged_whole_and_in_order_as_a_short_one() {
    let short = validate_json(UNIT);
    let per_unit = short["commands"].as_array().expect("commands").len();
    let unit_lines = UNIT.matches('\n').count() as u64;
    assert!(per_unit >= 4, "{short}");
    let errors = short["errors"].as_u64().expect("errors");
    let syntax = short["diagnostics"].as_array().expect("diagnostics").len();
    assert!(errors >= 2 && syntax >= 1, "{short}");

    let units = 256 * 1024 / UNIT.len() + 50;
    let long = validate_json(&UNIT.repeat(units));
    let commands = long["commands"].as_array().expect("commands");
    assert_eq!(commands.len(), per_unit * units);
    assert_eq!(long["errors"].as_u64(), Some(errors * units as u64));
    assert_eq!(long["diagnostics"].as_array().map(Vec::len), Some(syntax * units));
    // Each unit's commands are the short script's, moved down by the lines before it, in order.
    for (i, c) in commands.iter().enumerate() {
        let (unit, k) = (i / per_unit, i % per_unit);
        let first = &short["commands"][k];
        assert!(first["line"].as_u64().is_some() && first["cmdlet"].is_string(), "{first}");
        assert_eq!(c["cmdlet"], first["cmdlet"], "command {i}");
        assert_eq!(c["parameters"], first["parameters"], "command {i}");
        assert_eq!(c["findings"].as_array().map(Vec::len), first["findings"].as_array().map(Vec::len), "command {i}");
        assert_eq!(c["line"].as_u64(), first["line"].as_u64().map(|l| l + unit as u64 * unit_lines), "command {i}");
    }
}
