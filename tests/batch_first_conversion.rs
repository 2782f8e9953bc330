//! Batches start at once (issue #18), through real PowerShell and the Exchange stand-in: with a
//! profile whose set-up is slow, the first session opens alone and starts converting while the
//! others are still opening. The test asserts the ORDER (the first conversion is journaled before
//! the last session finished opening), never a duration; timings are for
//! `scripts/bench-first-conversion.sh` (docs/PERFORMANCE.md).
//!
//! PowerShell is found as `tests/exchange-standin/support.rs` says; without one, the test says so
//! loudly and passes.

#[path = "exchange-standin/support.rs"]
mod support;

use serde_json::{Value, json};
use std::path::Path;
use std::process::{Command, Output, Stdio};

const EXE: &str = env!("CARGO_BIN_EXE_mbxctl");

/// The stand-in's organisation from a fresh LAB, and a `custom` profile that sleeps, imports the
/// stand-in, then touches `opened` (its modification time: when the latest session finished
/// opening).
fn setup(dir: &Path, sleep_seconds: u32) {
    let lab = dir.join("lab");
    let run = |args: &[&str]| {
        let o = Command::new(EXE).arg("--lab-dir").arg(&lab).args(args).env_remove("MBXCTL_LAB").output().unwrap();
        assert!(o.status.success(), "{args:?}: {}", String::from_utf8_lossy(&o.stderr));
        o
    };
    run(&["lab", "init", "--users", "10"]);
    std::fs::write(dir.join("org.json"), run(&["--json", "lab", "show"]).stdout).unwrap();
    let module = support::repo().join("tests").join("exchange-standin").join("ExchangeStandin.psd1");
    let profiles = json!({"profiles": [{"name": "slow", "kind": "custom", "setup": [
        {"cmdlet": "Start-Sleep", "params": {"Seconds": sleep_seconds}},
        {"cmdlet": "Import-Module", "params": {"Name": module.display().to_string(), "ArgumentList": ["OnPremises"]}},
        {"cmdlet": "New-Item", "params": {"ItemType": "File", "Path": dir.join("opened").display().to_string(), "Force": true}}
    ]}]});
    std::fs::write(dir.join("profiles.json"), profiles.to_string()).unwrap();
}

fn mbx(dir: &Path, pwsh: &Path, args: &[&str]) -> Output {
    Command::new(EXE)
        .args(["--profile", "slow"])
        .args(args)
        .env_remove("MBXCTL_LAB")
        .env("MBXCTL_PWSH", pwsh)
        .env("MBXCTL_CONFIG", dir.join("profiles.json"))
        .env("MBXCTL_RUNS_DIR", dir.join("runs"))
        .env("MBXCTL_STANDIN_ORG", dir.join("org.json"))
        .env("MBXCTL_STANDIN_LOG", dir.join("calls.jsonl"))
        .stdin(Stdio::null())
        .output()
        .expect("run mbxctl")
}

#[test]
fn the_first_conversion_starts_before_the_last_session_has_opened() {
    let Some(pwsh) = support::find_test_pwsh("the_first_conversion_starts_before_the_last_session_has_opened") else {
        return;
    };
    let t = tempfile::tempdir().unwrap();
    let dir = t.path();
    // Long enough that a conversion on a busy machine fits inside it: the sleep is idle time, so
    // while the other sessions sleep, the first one has the CPU to itself.
    setup(dir, 12);
    let users: Vec<String> = (1..=4)
        .map(|k| {
            let first = ["aaron", "beatriz", "chen", "dana", "emeka", "fatima", "gustav", "hana"][k - 1];
            format!("{first}.abbott{k:06}")
        })
        .collect();
    let list = dir.join("batch.csv");
    std::fs::write(&list, format!("Identity\n{}\n", users.join("\n"))).unwrap();
    let o =
        mbx(dir, &pwsh, &["--json", "convert", "--from", list.to_str().unwrap(), "--to", "shared", "--sessions", "4"]);
    let out = String::from_utf8_lossy(&o.stdout);
    assert_eq!(o.status.code(), Some(0), "{out}\n{}", String::from_utf8_lossy(&o.stderr));
    let summary: Value = serde_json::from_str(out.lines().last().unwrap()).unwrap();
    assert_eq!(summary["converted"], 4, "{summary}");

    // When the last session finished opening, and when the first conversion was verified.
    let opened = std::fs::metadata(dir.join("opened")).unwrap().modified().unwrap();
    let opened_ms = opened.duration_since(std::time::UNIX_EPOCH).unwrap().as_millis() as i64;
    let last_open = mbxctl::workflow::batch::journal::format_utc_millis(opened_ms);
    let run_id = summary["run_id"].as_str().unwrap();
    let journal = std::fs::read_to_string(dir.join("runs").join(run_id).join("journal.jsonl")).unwrap();
    let first_verified = journal
        .lines()
        .map(|l| serde_json::from_str::<Value>(l).unwrap())
        .find(|r| r["state"] == "verified")
        .expect("a verified record");
    let first_conversion = first_verified["ts"].as_str().unwrap();
    assert!(
        first_conversion < last_open.as_str(),
        "the first conversion ({first_conversion}) waited for the last session to open ({last_open})"
    );

    // Each mailbox changed exactly once. (How many sessions took part depends on the machine: on
    // a fast one the first session may convert every row before the others have opened.)
    let calls: Vec<Value> = std::fs::read_to_string(dir.join("calls.jsonl"))
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let org: Value = serde_json::from_slice(&std::fs::read(dir.join("org.json")).unwrap()).unwrap();
    for u in &users {
        let r = org["OnPremises"]["Recipients"].as_array().unwrap().iter().find(|r| r["Alias"] == u.as_str()).unwrap();
        assert_eq!(r["RecipientTypeDetails"], "SharedMailbox", "{u}");
        let sets = calls
            .iter()
            .filter(|c| c["cmdlet"] == "Set-Mailbox" && c["changed"] == true && c.to_string().contains(u.as_str()))
            .count();
        assert_eq!(sets, 1, "{u} changed {sets} times");
    }
}
