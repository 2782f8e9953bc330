//! Helpers of the batch end-to-end tests (tests/batch_e2e.rs, tests/safety_batch.rs): the
//! binary against a LAB directory by path, with optional standard input, and readers for the
//! LAB's state, audit log and runs.
#![allow(dead_code)]

use serde_json::Value;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

pub const EXE: &str = env!("CARGO_BIN_EXE_mbxctl");

pub fn mbx(lab: &Path, args: &[&str]) -> Output {
    mbx_stdin(lab, args, "")
}

pub fn mbx_stdin(lab: &Path, args: &[&str], input: &str) -> Output {
    use std::io::Write;
    let mut child = Command::new(EXE)
        .arg("--lab-dir")
        .arg(lab)
        .args(args)
        .env_remove("MBXCTL_RUNS_DIR")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run mbxctl");
    let _ = child.stdin.take().unwrap().write_all(input.as_bytes());
    child.wait_with_output().unwrap()
}

pub fn code(o: &Output) -> i32 {
    o.status.code().unwrap_or(-1)
}

pub fn text(o: &Output) -> String {
    format!("stdout:\n{}\nstderr:\n{}", String::from_utf8_lossy(&o.stdout), String::from_utf8_lossy(&o.stderr))
}

pub fn lab(users: usize) -> (tempfile::TempDir, PathBuf) {
    let t = tempfile::tempdir().unwrap();
    let dir = t.path().join("lab");
    let o = mbx(&dir, &["lab", "init", "--users", &users.to_string()]);
    assert_eq!(code(&o), 0, "{}", text(&o));
    (t, dir)
}

pub fn json(o: &Output) -> Value {
    serde_json::from_slice(&o.stdout).unwrap_or_else(|e| panic!("not JSON ({e}): {}", text(o)))
}

pub fn json_lines(o: &Output) -> Vec<Value> {
    String::from_utf8_lossy(&o.stdout)
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("line not JSON ({e}): {l}")))
        .collect()
}

pub fn recipients(lab: &Path) -> BTreeMap<String, Value> {
    let v = json(&mbx(lab, &["--json", "lab", "show"]));
    v["OnPremises"]["Recipients"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|r| Some((r["Alias"].as_str()?.to_string(), r.clone())))
        .collect()
}

pub fn audit(lab: &Path) -> Vec<Value> {
    json(&mbx(lab, &["--json", "lab", "audit"]))["entries"].as_array().unwrap().clone()
}

/// Successful type changes per object in the audit log.
pub fn type_changes(lab: &Path) -> BTreeMap<String, usize> {
    let mut out = BTreeMap::new();
    for e in audit(lab) {
        let is_type = e["CmdletParameters"].as_array().unwrap().iter().any(|p| p["Name"] == "Type");
        if e["CmdletName"] == "Set-Mailbox" && is_type && e["Succeeded"] == true {
            *out.entry(e["ObjectModified"].as_str().unwrap().to_string()).or_insert(0) += 1;
        }
    }
    out
}

pub fn generated(lab: &Path) -> Vec<String> {
    let mut v: Vec<(String, String)> = recipients(lab)
        .into_iter()
        .filter(|(_, r)| r["OrganizationalUnit"] == "contoso.com/Staff")
        .map(|(a, r)| (r["Name"].as_str().unwrap().rsplit(' ').next().unwrap().to_string(), a))
        .collect();
    v.sort();
    v.into_iter().map(|(_, a)| a).collect()
}

pub fn write(dir: &Path, name: &str, body: &str) -> PathBuf {
    let p = dir.join(name);
    std::fs::write(&p, body).unwrap();
    p
}

pub fn runs(lab: &Path) -> Vec<Value> {
    json(&mbx(lab, &["--json", "runs", "list"]))["runs"].as_array().unwrap().clone()
}
