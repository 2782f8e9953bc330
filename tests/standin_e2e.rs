//! mbxctl end to end through real PowerShell against the Exchange stand-in
//! (`tests/exchange-standin/`): `session test`, convert and convert back, grants, a batch over
//! several sessions, resume and rollback, and the hybrid audit. Each test asserts the state
//! afterwards as the LAB tests do: the stand-in's organisation file, and the log of calls every
//! stand-in cmdlet appends (what arrived inside PowerShell, with which parameters).
//!
//! The on-premises session uses a `custom` profile that imports the stand-in; the cloud session an
//! ordinary `exchange-online` profile whose `ExchangeOnlineManagement` is the stand-in's (found on
//! PSModulePath), so that profile's own set-up steps run unchanged.
//!
//! PowerShell is found as `tests/exchange-standin/support.rs` says; without one, each test says so
//! loudly and passes.

#[path = "exchange-standin/support.rs"]
mod support;

use serde_json::{Value, json};
use std::collections::BTreeMap;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use support::{json_doc, json_lines, text};

const EXE: &str = env!("CARGO_BIN_EXE_mbxctl");
/// SHA-256 of `N3w-Passw0rd!`, the password the convert-back tests send (the stand-in logs only a hash).
const PASSWORD: &str = "N3w-Passw0rd!";
const PASSWORD_SHA256: &str = "00b42c29e5a3d9b4b8526f857a37265b0c3954e01881e044d9d3875829271444";

/// A fresh stand-in organisation (the LAB's default, optionally with generated users) and the
/// profiles that reach it.
struct Standin {
    dir: tempfile::TempDir,
    pwsh: PathBuf,
}

impl Standin {
    fn new(test: &str, users: usize) -> Option<Standin> {
        let pwsh = support::find_test_pwsh(test)?;
        let dir = tempfile::tempdir().expect("temp dir");
        let lab = dir.path().join("lab");
        let mut init = vec!["--lab-dir".to_string(), lab.display().to_string(), "lab".into(), "init".into()];
        if users > 0 {
            init.extend(["--users".into(), users.to_string()]);
        }
        let o = Command::new(EXE).args(&init).env_remove("MBXCTL_LAB").output().expect("mbxctl lab init");
        assert!(o.status.success(), "lab init: {}", String::from_utf8_lossy(&o.stderr));
        let o = Command::new(EXE)
            .args(["--lab-dir", lab.to_str().unwrap(), "--json", "lab", "show"])
            .env_remove("MBXCTL_LAB")
            .output()
            .expect("mbxctl lab show");
        assert!(o.status.success(), "lab show: {}", String::from_utf8_lossy(&o.stderr));
        std::fs::write(dir.path().join("org.json"), &o.stdout).unwrap();
        let module = support::repo().join("tests").join("exchange-standin").join("ExchangeStandin.psd1");
        let profiles = json!({"profiles": [
            {"name": "standin", "kind": "custom", "setup": [
                {"cmdlet": "Import-Module", "params": {"Name": module.display().to_string(), "ArgumentList": ["OnPremises"]}}]},
            {"name": "standin-cloud", "kind": "exchange-online", "appId": "2f4f1c8c-6f8e-4d0a-9a6b-0c9d5a1e2b3c",
             "certificateThumbprint": "0123456789ABCDEF0123456789ABCDEF01234567", "organization": "contoso.onmicrosoft.com"}
        ]});
        std::fs::write(dir.path().join("profiles.json"), profiles.to_string()).unwrap();
        Some(Standin { dir, pwsh })
    }

    fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    /// Runs mbxctl with `--profile standin` (and the arguments), optional standard input.
    fn mbx(&self, args: &[&str], stdin: Option<&str>) -> Output {
        let mut cmd = self.command(args);
        cmd.stdin(if stdin.is_some() { Stdio::piped() } else { Stdio::null() })
            .stdout(Stdio::piped())
            .stderr(Stdio::piped());
        let mut child = cmd.spawn().expect("start mbxctl");
        if let Some(text) = stdin {
            child.stdin.take().unwrap().write_all(text.as_bytes()).unwrap();
        }
        let out = child.wait_with_output().expect("mbxctl output");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(!stderr.contains("panicked"), "mbxctl panicked:\n{stderr}");
        out
    }

    /// The mbxctl command line with the stand-in's environment.
    fn command(&self, args: &[&str]) -> Command {
        let sep = if cfg!(windows) { ";" } else { ":" };
        let modules = support::repo().join("tests").join("exchange-standin");
        let module_path = match std::env::var("PSModulePath") {
            Ok(p) if !p.is_empty() => format!("{}{sep}{p}", modules.display()),
            _ => modules.display().to_string(),
        };
        let mut cmd = Command::new(EXE);
        cmd.arg("--profile")
            .arg("standin")
            .args(args)
            .env_remove("MBXCTL_LAB")
            .env("MBXCTL_PWSH", &self.pwsh)
            .env("MBXCTL_CONFIG", self.path("profiles.json"))
            .env("MBXCTL_RUNS_DIR", self.path("runs"))
            .env("MBXCTL_STANDIN_ORG", self.path("org.json"))
            .env("MBXCTL_STANDIN_LOG", self.path("calls.jsonl"))
            .env("PSModulePath", module_path)
            // The account `session test` checks the roles of.
            .env("USER", "Administrator")
            .env("USERNAME", "Administrator")
            .env("USERDOMAIN", "CONTOSO");
        cmd
    }

    fn org(&self) -> Value {
        support::read_org(&self.path("org.json"))
    }

    fn write_org(&self, org: &Value) {
        support::write_org(&self.path("org.json"), org)
    }

    fn recipients(&self) -> BTreeMap<String, Value> {
        support::recipients(&self.org())
    }

    fn recipient(&self, alias: &str) -> Value {
        self.recipients().remove(alias).unwrap_or_else(|| panic!("no recipient {alias}"))
    }

    /// Every call the stand-in saw, in order.
    fn calls(&self) -> Vec<Value> {
        std::fs::read_to_string(self.path("calls.jsonl"))
            .unwrap_or_default()
            .lines()
            .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("log line not JSON ({e}): {l}")))
            .collect()
    }

    /// Successful type changes per mailbox (alias), from the call log.
    fn type_changes(&self) -> BTreeMap<String, usize> {
        let mut out = BTreeMap::new();
        for c in self.calls() {
            if c["cmdlet"] == "Set-Mailbox" && c["params"].get("Type").is_some() && c["changed"] == true {
                *out.entry(c["target"].as_str().unwrap().to_string()).or_insert(0) += 1;
            }
        }
        out
    }
}

fn strs(v: &Value) -> Vec<String> {
    v.as_array().map(|a| a.iter().filter_map(|x| x.as_str().map(String::from)).collect()).unwrap_or_default()
}

fn aces<'a>(r: &'a Value, key: &str, user: &str) -> Vec<&'a Value> {
    r[key].as_array().map(|a| a.iter().filter(|x| x["User"] == user).collect()).unwrap_or_default()
}

fn write(dir: &Path, name: &str, body: &str) -> PathBuf {
    let p = dir.join(name);
    std::fs::write(&p, body).unwrap();
    p
}

#[test]
fn session_test_reports_the_server_and_the_roles_it_read_from_powershell() {
    let Some(s) = Standin::new("session_test", 0) else { return };
    // session test checks the roles of the account PowerShell runs as (the OS account, as
    // `whoami` reports it, not USER/USERNAME): give that account Administrator's assignments.
    let who = support::local_account();
    let mut org = s.org();
    for a in org["OnPremises"]["RoleAssignments"].as_array_mut().unwrap() {
        if a["RoleAssigneeName"] == "Administrator" {
            a["RoleAssigneeName"] = who.clone().into();
        }
    }
    s.write_org(&org);
    let o = s.mbx(&["--json", "session", "test"], None);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o));
    let doc = json_doc(&o);
    let flat = doc.to_string();
    assert!(flat.contains("EX01") && flat.contains("Version 15.1 (Build 2507.18)"), "{doc:#}");
    assert!(flat.contains("7.6") || flat.contains("PowerShell"), "{doc:#}");
    let calls = s.calls();
    assert_eq!(calls.iter().filter(|c| c["cmdlet"] == "Get-ExchangeServer").count(), 1, "{calls:#?}");
    let roles: Vec<&str> = calls
        .iter()
        .filter(|c| c["cmdlet"] == "Get-ManagementRoleAssignment")
        .filter_map(|c| c["params"]["Role"].as_str())
        .collect();
    assert_eq!(roles, ["Mail Recipients", "Reset Password"], "{calls:#?}");
    // The account holds both in the organisation, so both are reported held.
    let held = doc.to_string();
    assert!(!held.contains("\"held\":false"), "{doc:#}");
}

#[test]
fn convert_to_shared_with_grants_changes_the_organisation_once() {
    let Some(s) = Standin::new("convert_grants", 0) else { return };
    let o = s.mbx(
        &[
            "--json",
            "convert",
            "kim",
            "--to",
            "shared",
            "--full-access",
            "lee",
            "--send-as",
            "lee",
            "--auto-mapping",
            "false",
        ],
        None,
    );
    assert_eq!(o.status.code(), Some(0), "{}", text(&o));
    let doc = json_doc(&o);
    assert_eq!(doc["results"][0]["status"], "converted", "{doc:#}");
    assert_eq!(doc["results"][0]["after"][0]["RecipientTypeDetails"], "SharedMailbox");
    assert_eq!(doc["results"][0]["before"][0]["TotalItemSize"], 1_325_000_000u64, "quota string read back as bytes");

    let kim = s.recipient("kim");
    assert_eq!(kim["RecipientTypeDetails"], "SharedMailbox");
    assert_eq!(kim["AccountDisabled"], true);
    let lee = aces(&kim, "MailboxPermissions", "CONTOSO\\lee");
    assert_eq!(lee.len(), 1, "{kim:#}");
    assert_eq!(strs(&lee[0]["AccessRights"]), ["FullAccess"]);
    assert_eq!(lee[0]["AutoMapping"], false);
    assert_eq!(aces(&kim, "MailboxPermissions", "NT AUTHORITY\\SELF").len(), 1, "the conversion's SELF entry");
    let send_as = aces(&kim, "ADPermissions", "CONTOSO\\lee");
    assert_eq!(send_as.len(), 1, "{kim:#}");
    assert_eq!(strs(&send_as[0]["ExtendedRights"]), ["Send-As"]);
    // Nothing else changed.
    assert_eq!(s.recipient("alex")["RecipientTypeDetails"], "UserMailbox");

    let calls = s.calls();
    let add = calls.iter().find(|c| c["cmdlet"] == "Add-MailboxPermission").expect("Add-MailboxPermission ran");
    assert_eq!(add["params"]["AutoMapping"], false, "typed Boolean arrived: {add}");
    assert_eq!(add["params"]["AccessRights"], json!(["FullAccess"]));
    assert_eq!(s.type_changes(), BTreeMap::from([("kim".to_string(), 1)]));

    // Again: nothing to do, nothing changed, and Exchange's "already present" warning is a note.
    let o = s.mbx(
        &[
            "--json",
            "convert",
            "kim",
            "--to",
            "shared",
            "--full-access",
            "lee",
            "--send-as",
            "lee",
            "--auto-mapping",
            "false",
        ],
        None,
    );
    assert_eq!(o.status.code(), Some(0), "{}", text(&o));
    assert!(
        matches!(json_doc(&o)["results"][0]["status"].as_str(), Some("nothing-to-do" | "converted")),
        "{}",
        text(&o)
    );
    assert_eq!(s.type_changes(), BTreeMap::from([("kim".to_string(), 1)]));
    assert_eq!(aces(&s.recipient("kim"), "MailboxPermissions", "CONTOSO\\lee").len(), 1);
}

#[test]
fn convert_back_sends_the_password_as_a_secure_string_and_enables_the_account() {
    let Some(s) = Standin::new("convert_back", 0) else { return };
    let o = s.mbx(&["--json", "convert", "kim", "--to", "shared"], None);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o));
    let o = s.mbx(
        &["--json", "convert", "kim", "--to", "regular", "--password-stdin", "--reset-password-on-next-logon"],
        Some(&format!("{PASSWORD}\n")),
    );
    assert_eq!(o.status.code(), Some(0), "{}", text(&o));
    assert!(!text(&o).contains(PASSWORD), "the password was printed");
    let kim = s.recipient("kim");
    assert_eq!(kim["RecipientTypeDetails"], "UserMailbox");
    assert_eq!(kim["AccountDisabled"], false);
    assert_eq!(kim["ResetPasswordOnNextLogon"], true);
    let log = std::fs::read_to_string(s.path("calls.jsonl")).unwrap();
    assert!(!log.contains(PASSWORD));
    let set = s
        .calls()
        .into_iter()
        .find(|c| c["cmdlet"] == "Set-Mailbox" && c["params"]["Type"] == "Regular")
        .expect("Set-Mailbox -Type Regular ran");
    assert_eq!(set["params"]["Password"]["SecureString"], true, "{set}");
    assert_eq!(set["params"]["Password"]["Sha256"], PASSWORD_SHA256, "the right plain text arrived: {set}");
    assert_eq!(set["changed"], true);
}

#[test]
fn not_found_and_hostile_identities_change_nothing() {
    let Some(s) = Standin::new("not_found", 0) else { return };
    let before = s.org();
    let o = s.mbx(&["--json", "convert", "no.such.user", "--to", "shared"], None);
    assert_eq!(o.status.code(), Some(3), "{}", text(&o));
    let doc = json_doc(&o);
    assert_eq!(doc["results"][0]["status"], "blocked", "{doc:#}");
    let msg = doc.to_string();
    assert!(msg.contains("couldn't be found on 'DC01.contoso.com'"), "Exchange's own text: {doc:#}");
    let hostile = "kim'; Set-Mailbox alex -Type Shared; '";
    let o = s.mbx(&["--json", "convert", hostile, "--to", "shared"], None);
    assert_eq!(o.status.code(), Some(3), "{}", text(&o));
    assert_eq!(s.org(), before, "nothing changed");
    let calls = s.calls();
    assert!(calls.iter().all(|c| c["changed"] == false), "{calls:#?}");
    let lookups: Vec<&Value> = calls.iter().filter(|c| c["params"]["Identity"] == hostile).collect();
    assert!(!lookups.is_empty(), "the hostile text arrived as one parameter value: {calls:#?}");
    assert!(lookups.iter().all(|c| c["result"] == "error:ManagementObjectNotFoundException"), "{lookups:#?}");
}

#[test]
fn batch_over_three_sessions_changes_each_mailbox_once_through_throttling_and_failures() {
    let Some(s) = Standin::new("batch", 18) else { return };
    let users = staff(&s);
    assert_eq!(users.len(), 18);
    // Exchange throttles twice; one mailbox's account cannot be written.
    let mut org = s.org();
    org["StandinFaults"] = json!({"Throttle": 2, "Fail": [users[5]]});
    s.write_org(&org);
    let list = write(s.dir.path(), "list.txt", &(users.join("\n") + "\n"));
    let o = s.mbx(&["--json", "convert", "--from", list.to_str().unwrap(), "--to", "shared", "--sessions", "3"], None);
    let lines = json_lines(&o);
    let summary = lines.last().expect("summary").clone();
    assert_eq!(summary["type"], "summary", "{}", text(&o));
    assert_eq!(summary["converted"], 17, "{summary}\n{}", text(&o));
    assert_eq!(summary["failed"], 1, "{summary}");
    let failed = lines.iter().find(|l| l["status"] == "failed").expect("a failed item");
    assert_eq!(failed["identity"], users[5].as_str());
    assert!(failed.to_string().contains("INSUF_ACCESS_RIGHTS"), "Exchange's own text: {failed}");
    let calls = s.calls();
    assert_eq!(calls.iter().filter(|c| c["result"] == "throttled").count(), 2, "both throttles hit");
    let pids: std::collections::BTreeSet<u64> = calls.iter().filter_map(|c| c["pid"].as_u64()).collect();
    assert!(pids.len() >= 2, "several PowerShell sessions served the batch: {pids:?}");
    let now = s.recipients();
    for (i, u) in users.iter().enumerate() {
        let want = if i == 5 { "UserMailbox" } else { "SharedMailbox" };
        assert_eq!(now[u]["RecipientTypeDetails"], want, "{u}");
    }
    let changes = s.type_changes();
    assert_eq!(changes.len(), 17, "{changes:?}");
    assert!(changes.values().all(|n| *n == 1), "each mailbox changed exactly once: {changes:?}");
}

/// Aliases of the generated users.
fn staff(s: &Standin) -> Vec<String> {
    s.recipients().into_iter().filter(|(_, r)| r["OrganizationalUnit"] == "contoso.com/Staff").map(|(a, _)| a).collect()
}

#[test]
fn a_killed_batch_resumes_and_converts_every_mailbox_exactly_once() {
    let Some(s) = Standin::new("resume", 12) else { return };
    let users = staff(&s);
    let list = write(s.dir.path(), "list.txt", &(users.join("\n") + "\n"));
    let mut child = s.command(&["convert", "--from", list.to_str().unwrap(), "--to", "shared", "--sessions", "1"]);
    let mut child = child.stdin(Stdio::null()).stdout(Stdio::null()).stderr(Stdio::null()).spawn().unwrap();
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(180);
    while s.type_changes().len() < 3 {
        assert!(std::time::Instant::now() < deadline, "the batch changed nothing in 180 s");
        assert!(child.try_wait().unwrap().is_none(), "the batch finished before it could be killed");
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    child.kill().unwrap();
    child.wait().unwrap();
    let partly = s.type_changes().len();
    assert!(partly > 0 && partly < users.len(), "{partly} converted before the kill");
    let o = s.mbx(&["--json", "resume", "last", "--sessions", "2"], None);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o));
    let now = s.recipients();
    assert!(users.iter().all(|u| now[u]["RecipientTypeDetails"] == "SharedMailbox"), "{now:#?}");
    let changes = s.type_changes();
    assert_eq!(changes.len(), users.len(), "{changes:?}");
    assert!(changes.values().all(|n| *n == 1), "each mailbox changed exactly once: {changes:?}");
}

#[test]
fn rollback_restores_types_accounts_and_removes_the_grants() {
    let Some(s) = Standin::new("rollback", 0) else { return };
    let csv = write(s.dir.path(), "leavers.csv", "Identity,FullAccess,SendAs\r\nkim,lee,lee\r\nalex,megan,\r\n");
    let o = s.mbx(&["--json", "convert", "--from", csv.to_str().unwrap(), "--to", "shared"], None);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o));
    assert_eq!(s.recipient("kim")["RecipientTypeDetails"], "SharedMailbox");
    assert_eq!(aces(&s.recipient("kim"), "ADPermissions", "CONTOSO\\lee").len(), 1);
    let o = s.mbx(&["--json", "rollback", "last", "--password-stdin"], Some(&format!("{PASSWORD}\n{PASSWORD}\n")));
    assert_eq!(o.status.code(), Some(0), "{}", text(&o));
    let kim = s.recipient("kim");
    let alex = s.recipient("alex");
    assert_eq!(
        (kim["RecipientTypeDetails"].as_str(), alex["RecipientTypeDetails"].as_str()),
        (Some("UserMailbox"), Some("UserMailbox"))
    );
    assert_eq!((kim["AccountDisabled"].as_bool(), alex["AccountDisabled"].as_bool()), (Some(false), Some(false)));
    assert!(aces(&kim, "MailboxPermissions", "CONTOSO\\lee").is_empty(), "{kim:#}");
    assert!(aces(&kim, "ADPermissions", "CONTOSO\\lee").is_empty(), "{kim:#}");
    assert!(aces(&alex, "MailboxPermissions", "CONTOSO\\megan").is_empty(), "{alex:#}");
}

#[test]
fn hybrid_audit_through_powershell_finds_what_the_lab_finds() {
    let Some(s) = Standin::new("hybrid_audit", 0) else { return };
    let lab = s.path("lab");
    let o = Command::new(EXE)
        .args(["--lab-dir", lab.to_str().unwrap(), "--json", "audit", "hybrid"])
        .env_remove("MBXCTL_LAB")
        .output()
        .unwrap();
    let expected = json_doc(&o);
    let o = s.mbx(&["--cloud-profile", "standin-cloud", "--json", "audit", "hybrid"], None);
    assert_eq!(o.status.code(), Some(6), "critical findings: {}", text(&o));
    let got = json_doc(&o);
    let findings = |d: &Value| -> Vec<(String, String, String)> {
        d["findings"]
            .as_array()
            .expect("findings")
            .iter()
            .map(|f| (f["kind"].to_string(), f["severity"].to_string(), f["identity"].to_string()))
            .collect()
    };
    assert_eq!(findings(&got), findings(&expected), "{got:#}");
    assert!(findings(&got).iter().any(|f| f.0 == "\"will-revert\"" && f.2.contains("isaiah")), "{got:#}");
    for key in ["remote_mailboxes", "cloud_mailboxes", "pairs", "summary"] {
        assert_eq!(got[key], expected[key], "{key}");
    }
    let calls = s.calls();
    let cloud: Vec<&str> =
        calls.iter().filter(|c| c["side"] == "Online").filter_map(|c| c["cmdlet"].as_str()).collect();
    assert!(cloud.contains(&"Get-EXOMailbox"), "the cloud session read through the exchange-online profile: {cloud:?}");
    assert!(calls.iter().all(|c| c["changed"] == false), "an audit without --fix changes nothing");
}
