//! End-to-end: the `mbxctl` binary against the psrpcore peer, started exactly as pwsh would be
//! (`--pwsh tests/peer/pwsh-peer`). The peer plays a scenario and logs every command it receives
//! with the Python type of each parameter, so these tests see what crossed the wire.

use serde_json::{Value as Json, json};
use std::io::Write;
use std::path::PathBuf;
use std::process::{Command, Stdio};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn launcher() -> PathBuf {
    let python = if cfg!(windows) { root().join(".venv/Scripts/python.exe") } else { root().join(".venv/bin/python") };
    assert!(
        python.is_file(),
        "the psrpcore peer needs the project venv: run scripts/test.sh (or `python3 -m venv .venv && .venv/bin/pip install -r tests/peer/requirements.txt`)"
    );
    root().join(if cfg!(windows) { "tests/peer/pwsh-peer.cmd" } else { "tests/peer/pwsh-peer" })
}

struct Peer {
    dir: tempfile::TempDir,
}

impl Peer {
    fn new(scenario: Json) -> Peer {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("scenario.json"), scenario.to_string()).unwrap();
        Peer { dir }
    }

    /// Runs mbxctl with the peer as its PowerShell; returns (exit code, stdout, stderr).
    fn mbxctl(&self, args: &[&str], stdin: Option<&str>) -> (i32, String, String) {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_mbxctl"));
        cmd.arg("--pwsh")
            .arg(launcher())
            .args(args)
            .env_remove("MBXCTL_LAB")
            .env_remove("MBXCTL_PWSH")
            .env("MBXCTL_CONFIG", self.dir.path().join("profiles.json"))
            .env("MBXCTL_PEER_SCENARIO", self.dir.path().join("scenario.json"))
            .env("MBXCTL_PEER_LOG", self.dir.path().join("log.jsonl"))
            .env("USERNAME", "alice")
            .env("USERDOMAIN", "CONTOSO")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped());
        let mut child = cmd.spawn().expect("start mbxctl");
        if let Some(text) = stdin {
            child.stdin.take().unwrap().write_all(text.as_bytes()).unwrap();
        } else {
            drop(child.stdin.take());
        }
        let out = child.wait_with_output().unwrap();
        (
            out.status.code().unwrap_or(-1),
            String::from_utf8_lossy(&out.stdout).into_owned(),
            String::from_utf8_lossy(&out.stderr).into_owned(),
        )
    }

    fn commands(&self) -> Vec<Json> {
        std::fs::read_to_string(self.dir.path().join("log.jsonl"))
            .unwrap_or_default()
            .lines()
            .map(|l| serde_json::from_str::<Json>(l).unwrap())
            .filter(|e| e.get("cmd").is_some())
            .collect()
    }
}

const MAILBOX: &str = "Deserialized.Microsoft.Exchange.Data.Directory.Management.Mailbox";

fn mailbox(kind: &str, disabled: bool) -> Json {
    json!({"output": {"typeNames": [MAILBOX, "Deserialized.System.Object"], "props": {
        "Identity": "contoso.com/Users/Kim Akers", "Name": "Kim Akers", "DisplayName": "Kim Akers", "Alias": "kim",
        "PrimarySmtpAddress": "kim@contoso.com", "RecipientTypeDetails": kind, "AccountDisabled": disabled,
        "LitigationHoldEnabled": false, "ExchangeGuid": "7c0f3a1e-55b2-4d8e-9a43-2f6b1c0d9e11"}}})
}

fn kim_rules(final_kind: &str) -> Vec<Json> {
    let (before, after) =
        if final_kind == "SharedMailbox" { ("UserMailbox", "SharedMailbox") } else { ("SharedMailbox", "UserMailbox") };
    vec![
        json!({"match": {"cmd": "Get-Recipient", "params": {"Identity": "kim"}}, "emit": [{"output": {
            "typeNames": ["Deserialized.Microsoft.Exchange.Data.Directory.Management.ReducedRecipient"],
            "props": {"Identity": "contoso.com/Users/Kim Akers", "PrimarySmtpAddress": "kim@contoso.com", "RecipientTypeDetails": before}}}],
            "end": "completed"}),
        json!({"match": {"cmd": "Get-Mailbox", "params": {"Identity": "kim@contoso.com"}}, "once": true,
            "emit": [mailbox(before, before == "SharedMailbox")], "end": "completed"}),
        json!({"match": {"cmd": "Get-Mailbox", "params": {"Identity": "kim@contoso.com"}},
            "emit": [mailbox(after, after == "SharedMailbox")], "end": "completed"}),
        json!({"match": {"cmd": "Get-MailboxStatistics", "params": {"Identity": "kim@contoso.com"}}, "emit": [{"output": {
            "typeNames": ["Deserialized.Microsoft.Exchange.Management.MapiTasks.Presentation.MailboxStatistics"],
            "props": {"DisplayName": "Kim Akers", "TotalItemSize": "1.234 GB (1,325,000,000 bytes)",
                      "TotalDeletedItemSize": "0 B (0 bytes)", "ItemCount": 18233}}}], "end": "completed"}),
    ]
}

#[test]
fn convert_runs_typed_commands_over_psrp_and_verifies() {
    let mut rules = kim_rules("SharedMailbox");
    rules.push(json!({"match": {"cmd": "Set-Mailbox", "params": {"Identity": "kim@contoso.com", "Type": "Shared"}}, "emit": [], "end": "completed"}));
    let peer = Peer::new(json!({"psVersion": "7.4.6", "rules": rules}));
    let (code, out, err) = peer.mbxctl(&["--json", "convert", "kim", "--to", "shared"], None);
    assert_eq!(code, 0, "stdout: {out}\nstderr: {err}");
    let doc: Json = serde_json::from_str(&out).unwrap();
    assert_eq!(doc["target"]["kind"], "psrp");
    assert_eq!(doc["results"][0]["status"], "converted");
    assert_eq!(doc["results"][0]["after"][0]["RecipientTypeDetails"], "SharedMailbox");
    let cmds = peer.commands();
    let set = cmds.iter().find(|c| c["cmd"] == "Set-Mailbox").expect("Set-Mailbox reached the peer");
    assert_eq!(set["isScript"], false, "commands travel as typed commands, never script text");
    let params: Vec<(Json, Json)> =
        set["params"].as_array().unwrap().iter().map(|p| (p["name"].clone(), p["value"].clone())).collect();
    assert_eq!(params, vec![(json!("Identity"), json!("kim@contoso.com")), (json!("Type"), json!("Shared"))]);
    assert!(cmds.iter().all(|c| c["isScript"] == false), "{cmds:?}");
}

#[test]
fn converting_back_sends_the_password_as_a_secure_string() {
    let mut rules = kim_rules("UserMailbox");
    rules.push(json!({"match": {"cmd": "Get-ManagementRoleAssignment", "params": {"Role": "Reset Password"}},
        "emit": [{"output": {"props": {"RoleAssigneeName": "Organization Management", "EffectiveUserName": "alice"}}}], "end": "completed"}));
    // The rule matches only if the peer decrypts the SecureString to exactly this text.
    rules.push(json!({"match": {"cmd": "Set-Mailbox", "params": {"Identity": "kim@contoso.com", "Type": "Regular", "Password": "Tr0ub4dor&3 'x' $y"}}, "emit": [], "end": "completed"}));
    let peer = Peer::new(json!({"psVersion": "7.4.6", "rules": rules}));
    let (code, out, err) =
        peer.mbxctl(&["--json", "convert", "kim", "--to", "regular", "--password-stdin"], Some("Tr0ub4dor&3 'x' $y\n"));
    assert_eq!(code, 0, "stdout: {out}\nstderr: {err}");
    assert!(!out.contains("Tr0ub4dor") && !err.contains("Tr0ub4dor"), "the password must never be printed");
    let cmds = peer.commands();
    let set = cmds.iter().find(|c| c["cmd"] == "Set-Mailbox").unwrap();
    let pw = set["params"].as_array().unwrap().iter().find(|p| p["name"] == "Password").unwrap();
    assert_eq!(pw["type"], "PSSecureString", "{pw}");
}

#[test]
fn session_test_reports_powershell_exchange_and_roles() {
    let peer = Peer::new(json!({"psVersion": "7.4.6", "rules": [
        // The account checked is the one the PowerShell process runs as, asked with a typed `whoami`.
        {"match": {"cmd": "whoami"}, "emit": [{"output": "contoso\\alice"}], "end": "completed"},
        {"match": {"cmd": "Get-ExchangeServer"}, "emit": [{"output": {"typeNames": ["Deserialized.Microsoft.Exchange.Data.Directory.Management.ExchangeServer"],
            "props": {"Name": "EX01", "AdminDisplayVersion": "Version 15.1 (Build 2507.18)"}}}], "end": "completed"},
        {"match": {"cmd": "Get-ManagementRoleAssignment", "params": {"Role": "Mail Recipients"}},
            "emit": [{"output": {"props": {"EffectiveUserName": "alice", "RoleAssigneeName": "Recipient Management"}}}], "end": "completed"},
        {"match": {"cmd": "Get-ManagementRoleAssignment", "params": {"Role": "Reset Password"}}, "emit": [], "end": "completed"}
    ]}));
    let (code, out, err) = peer.mbxctl(&["--json", "session", "test"], None);
    let doc: Json = serde_json::from_str(&out).unwrap_or_else(|e| panic!("{e}: {out}\n{err}"));
    assert_eq!(doc["powershell_version"], "7.4.6");
    assert_eq!(doc["exchange_server"], "EX01");
    assert_eq!(doc["exchange_version"], "Version 15.1 (Build 2507.18)");
    assert_eq!(doc["roles"][0]["held"], true);
    assert_eq!(doc["roles"][1]["held"], false);
    assert_eq!(doc["account"], "contoso\\alice");
    assert_eq!(doc["account_source"], "powershell-process");
    assert_eq!(doc["status"], "role-missing");
    assert_eq!(code, 1, "a missing role is reported with exit code 1");
    let (code, out, _) = peer.mbxctl(&["session", "test"], None);
    assert_eq!(code, 1);
    assert!(out.contains("Exchange 2016 CU23") && out.contains("Reset Password"), "{out}");
}

#[test]
fn a_missing_powershell_says_how_to_install_it() {
    let out = Command::new(env!("CARGO_BIN_EXE_mbxctl"))
        .args(["--pwsh", "/nonexistent/pwsh", "convert", "kim", "--to", "shared"])
        .env_remove("MBXCTL_LAB")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(5));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("--pwsh") || err.contains("MBXCTL_PWSH"), "{err}");
}
