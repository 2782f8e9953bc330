//! `validate` on the corpus in tests/corpus: each script's findings (errors and warnings) must be
//! exactly the ones judged by hand in its `.expected` file: no false errors, the real problems found.

use std::path::{Path, PathBuf};
use std::process::Command;

fn corpus() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests").join("corpus")
}

/// Findings `validate --json` reports, as `line:col severity code`.
fn findings(script: &Path) -> Vec<String> {
    let out = Command::new(env!("CARGO_BIN_EXE_mbxctl")).arg("--json").arg("validate").arg(script).output().unwrap();
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("{}: not JSON ({e}): {}", script.display(), String::from_utf8_lossy(&out.stderr)));
    let mut all: Vec<&serde_json::Value> = doc["diagnostics"].as_array().unwrap().iter().collect();
    for c in doc["commands"].as_array().unwrap() {
        all.extend(c["findings"].as_array().unwrap());
    }
    let mut got: Vec<String> = all
        .into_iter()
        .filter(|d| d["severity"] != "note")
        .map(|d| {
            format!(
                "{}:{} {} {}",
                d["position"]["line"],
                d["position"]["column"],
                d["severity"].as_str().unwrap(),
                d["code"].as_str().unwrap()
            )
        })
        .collect();
    got.sort();
    got
}

#[test]
fn every_corpus_script_gets_exactly_the_findings_judged_by_hand() {
    let mut scripts: Vec<PathBuf> = std::fs::read_dir(corpus())
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "ps1"))
        .collect();
    scripts.sort();
    assert!(scripts.len() >= 50, "the corpus is missing scripts: {}", scripts.len());
    let mut failures = Vec::new();
    for script in &scripts {
        let expected = std::fs::read_to_string(script.with_extension("expected"))
            .unwrap_or_else(|e| panic!("{}: no .expected file ({e})", script.display()));
        let (mut must, mut may) = (Vec::new(), Vec::new());
        for line in expected.lines().map(str::trim).filter(|l| !l.is_empty() && !l.starts_with('#')) {
            match line.split_once(' ') {
                Some(("gap" | "todo", rest)) => may.push(rest.to_string()),
                _ => must.push(line.to_string()),
            }
        }
        let got = findings(script);
        let missing: Vec<_> = must.iter().filter(|m| !got.contains(m)).collect();
        let extra: Vec<_> = got.iter().filter(|g| !must.contains(g) && !may.contains(g)).collect();
        if !missing.is_empty() || !extra.is_empty() {
            failures.push(format!("{}: missed {missing:?}, false {extra:?}", script.display()));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn windows_encodings_are_read_and_named() {
    let dir = std::env::temp_dir().join(format!("mbxctl-corpus-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    // Windows-1252 without BOM, as Windows PowerShell 5.1 saves; and UTF-16LE without BOM.
    let ansi = dir.join("ansi.ps1");
    std::fs::write(&ansi, b"Set-Mailbox 'M\xFCller' -Type Shared\r\n").unwrap();
    let utf16 = dir.join("utf16.ps1");
    let text = "Set-Mailbox 'Zo\u{eb}' -Type Shared\r\n";
    std::fs::write(&utf16, text.encode_utf16().flat_map(u16::to_le_bytes).collect::<Vec<u8>>()).unwrap();
    for (file, encoding, name) in
        [(&ansi, "windows-1252 (not valid UTF-8, no BOM)", "Müller"), (&utf16, "UTF-16 LE (no BOM)", "Zoë")]
    {
        let out = Command::new(env!("CARGO_BIN_EXE_mbxctl")).arg("--json").arg("validate").arg(file).output().unwrap();
        let doc: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        assert_eq!(doc["encoding"], encoding);
        assert_eq!(doc["commands"][0]["parameters"]["Identity"], name);
        assert_eq!(doc["errors"], 0);
    }
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn syntax_errors_are_in_the_json_and_side_is_stated() {
    let dir = std::env::temp_dir().join(format!("mbxctl-corpus-syntax-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("broken.ps1");
    std::fs::write(&file, "Connect-ExchangeOnline\nSet-Mailbox (kim -Type Shared\n").unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_mbxctl")).arg("--json").arg("validate").arg(&file).output().unwrap();
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let diags = doc["diagnostics"].as_array().unwrap();
    assert!(!diags.is_empty(), "{doc:#}");
    assert_eq!(doc["errors"].as_u64().unwrap() as usize, diags.iter().filter(|d| d["severity"] == "error").count());
    assert_eq!(doc["side"]["scope"], "online");
    assert_eq!(doc["side"]["from"], "script");
    // --side overrides what the script says.
    let out = Command::new(env!("CARGO_BIN_EXE_mbxctl"))
        .args(["--json", "validate", "--side", "onpremises"])
        .arg(&file)
        .output()
        .unwrap();
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(doc["side"]["scope"], "onpremises");
    assert_eq!(doc["side"]["from"], "option");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_cmdlet_only_the_other_side_has_widens_the_side_and_is_named() {
    // Add-RecipientPermission (Exchange Online) and Add-ADPermission (on-premises) in one file.
    let file = corpus().join("hybrid-sendas-both-sides-snippets.ps1");
    let out = Command::new(env!("CARGO_BIN_EXE_mbxctl")).arg("--json").arg("validate").arg(&file).output().unwrap();
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(doc["side"]["scope"], "hybrid", "{doc:#}");
    assert_eq!(doc["side"]["from"], "script");
    let told: Vec<&str> = doc["side"]["evidence"].as_array().unwrap().iter().filter_map(|e| e.as_str()).collect();
    assert!(told.iter().any(|e| e.starts_with("Add-ADPermission")), "{told:?}");
    assert_eq!(doc["errors"], 0);
}
