//! Helpers shared by the lab's end-to-end tests (`mod lab_support;` in each tests/lab_*.rs).
#![allow(dead_code)]

use mbxctl::cmdlet::Invocation;
use mbxctl::lab::{self, InitOptions, LabShell};
use mbxctl::psobject::PsValue;
use mbxctl::shell::{Outcome, Shell, ShellError, Side};
use std::path::{Path, PathBuf};

/// A fresh default lab in a temporary directory.
pub fn lab() -> (tempfile::TempDir, PathBuf) {
    let t = tempfile::tempdir().expect("tempdir");
    let dir = t.path().join("lab");
    lab::init(&dir, InitOptions { users: 0 }).expect("lab init");
    (t, dir)
}

/// Runs one invocation to completion on a small runtime.
pub fn try_run(shell: &mut LabShell, inv: &Invocation) -> Result<Outcome, ShellError> {
    let rt = tokio::runtime::Builder::new_current_thread().enable_time().build().expect("runtime");
    rt.block_on(shell.run(inv))
}

/// Runs one invocation; the session must not fail.
pub fn run(shell: &mut LabShell, inv: &Invocation) -> Outcome {
    try_run(shell, inv).expect("lab shell run")
}

/// Opens a shell on a side.
pub fn shell(dir: &Path, side: Side) -> LabShell {
    lab::open(dir, side).expect("open lab")
}

/// A property of an output object as PowerShell would display it.
pub fn prop(v: &PsValue, name: &str) -> Option<String> {
    v.as_object().and_then(|o| o.get(name)).and_then(|p| p.display())
}

/// A multi-valued property's items.
pub fn props(v: &PsValue, name: &str) -> Vec<String> {
    v.as_object().and_then(|o| o.get(name)).map(|p| p.string_list()).unwrap_or_default()
}

/// Get-Mailbox for one identity; exactly one object expected.
pub fn get_mailbox(dir: &Path, side: Side, identity: &str) -> PsValue {
    let mut s = shell(dir, side);
    let out = run(&mut s, &Invocation::new("Get-Mailbox").param("Identity", identity));
    assert!(out.errors.is_empty(), "{:?}", out.errors);
    assert_eq!(out.output.len(), 1);
    out.output[0].clone()
}

/// The `show` entry of an on-premises recipient by Name.
pub fn shown_onprem(dir: &Path, name: &str) -> serde_json::Value {
    let all = lab::show(dir).expect("show");
    all["OnPremises"]["Recipients"]
        .as_array()
        .expect("recipients")
        .iter()
        .find(|r| r["Name"] == name)
        .cloned()
        .unwrap_or_else(|| panic!("{name} not in show output"))
}

/// The `show` entry of an Exchange Online mailbox by Name.
pub fn shown_online(dir: &Path, name: &str) -> serde_json::Value {
    let all = lab::show(dir).expect("show");
    all["Online"]["Mailboxes"]
        .as_array()
        .expect("mailboxes")
        .iter()
        .find(|r| r["Name"] == name)
        .cloned()
        .unwrap_or_else(|| panic!("{name} not in show output"))
}
