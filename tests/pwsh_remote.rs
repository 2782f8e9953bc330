//! The `exchange-remote` route for real: implicit remoting (`Import-PSSession`) of a restricted,
//! NoLanguage endpoint reached through a named pipe, the way admins reach Exchange's `/PowerShell`
//! endpoint, and PSRP's stop when a batch's Ctrl-C grace period runs out.
//!
//! `tests/exchange-standin/serve.ps1` serves the Exchange stand-in on a custom pipe from a runspace made
//! from a session configuration like Exchange's (RestrictedRemoteServer, NoLanguage, only the stand-in's
//! cmdlets visible). mbxctl connects with an ordinary `exchange-remote` profile whose `namedPipe` names
//! that pipe, so its set-up runs the same steps as against Exchange (only the connection differs), then
//! locks its own runspace to NoLanguage. Script text sent by mbxctl after the set-up would be refused
//! locally, and script text forwarded to the endpoint would be refused there: every workflow succeeding
//! through this route, with the typed parameters in the stand-in's call log, proves neither happens.
//!
//! PowerShell is found as `tests/exchange-standin/support.rs` says; without one, each test says so
//! loudly and passes.

#[path = "exchange-standin/support.rs"]
mod support;

use mbxctl::cmdlet::Invocation;
use mbxctl::shell::{PipelineEnd, Shell};
use mbxctl::transport::profile::{Profile, SetupStep};
use mbxctl::transport::{ConnectOptions, PsrpShell};
use serde_json::{Value, json};
use std::collections::{BTreeMap, BTreeSet};
use std::io::Write;
use std::path::PathBuf;
use std::process::{Child, Command, Output, Stdio};
use std::time::{Duration, Instant};
use support::{json_doc, json_lines, local_account, text};

const EXE: &str = env!("CARGO_BIN_EXE_mbxctl");
const PASSWORD: &str = "N3w-Passw0rd!";
/// SHA-256 of [`PASSWORD`] (the stand-in logs only a hash).
const PASSWORD_SHA256: &str = "00b42c29e5a3d9b4b8526f857a37265b0c3954e01881e044d9d3875829271444";

/// A stand-in organisation served by serve.ps1 on a named pipe of its own.
struct Endpoint {
    dir: tempfile::TempDir,
    pwsh: PathBuf,
    serve: Child,
    /// Put in mbxctl's environment (and so in its PowerShell children's) to find them afterwards.
    marker: String,
}

impl Endpoint {
    fn start(test: &str, users: usize) -> Option<Endpoint> {
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
        let mut org: Value = serde_json::from_slice(&o.stdout).expect("lab show --json");
        // `session test` checks the roles of the account PowerShell runs as: give them to this one.
        let me = local_account();
        for a in org["OnPremises"]["RoleAssignments"].as_array_mut().expect("role assignments") {
            a["RoleAssigneeName"] = json!(me);
        }
        std::fs::write(dir.path().join("org.json"), serde_json::to_vec_pretty(&org).unwrap()).unwrap();

        let pipe = format!("mbxctl-standin-{}-{test}", std::process::id());
        let serve_ps1 = support::repo().join("tests").join("exchange-standin").join("serve.ps1");
        let path = |n: &str| dir.path().join(n);
        let serve = Command::new(&pwsh)
            .args(["-NoLogo", "-NoProfile", "-File"])
            .arg(&serve_ps1)
            .arg("-PipeName")
            .arg(&pipe)
            .arg("-ReadyFile")
            .arg(path("ready.txt"))
            .arg("-StopFile")
            .arg(path("stop"))
            .arg("-ServedLog")
            .arg(path("served.txt"))
            .arg("-ErrorLog")
            .arg(path("served-errors.txt"))
            .env("MBXCTL_STANDIN_ORG", path("org.json"))
            .env("MBXCTL_STANDIN_LOG", path("calls.jsonl"))
            .stdin(Stdio::null())
            .stdout(std::fs::File::create(path("serve.out")).unwrap())
            .stderr(std::fs::File::create(path("serve.err")).unwrap())
            .spawn()
            .expect("start serve.ps1");
        let profiles = json!({"profiles": [
            {"name": "exchange", "kind": "exchange-remote", "namedPipe": {"pipeName": pipe}}
        ]});
        std::fs::write(path("profiles.json"), profiles.to_string()).unwrap();
        let marker = format!("{test}-{}", uuid::Uuid::new_v4());
        let mut endpoint = Endpoint { dir, pwsh, serve, marker };
        let deadline = Instant::now() + Duration::from_secs(60);
        while !endpoint.path("ready.txt").is_file() {
            if let Ok(Some(status)) = endpoint.serve.try_wait() {
                panic!("serve.ps1 ended with {status}: {}", endpoint.read("serve.err"));
            }
            assert!(Instant::now() < deadline, "serve.ps1 did not listen within 60 s: {}", endpoint.read("serve.err"));
            std::thread::sleep(Duration::from_millis(50));
        }
        Some(endpoint)
    }

    fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    fn read(&self, name: &str) -> String {
        std::fs::read_to_string(self.path(name)).unwrap_or_default()
    }

    fn profile(&self) -> Profile {
        let text = self.read("profiles.json");
        let file: Value = serde_json::from_str(&text).unwrap();
        serde_json::from_value(file["profiles"][0].clone()).unwrap()
    }

    /// mbxctl with `--profile exchange` and the arguments.
    fn command(&self, args: &[&str]) -> Command {
        let mut cmd = Command::new(EXE);
        cmd.arg("--profile")
            .arg("exchange")
            .args(args)
            .env_remove("MBXCTL_LAB")
            .env("MBXCTL_PWSH", &self.pwsh)
            .env("MBXCTL_CONFIG", self.path("profiles.json"))
            .env("MBXCTL_RUNS_DIR", self.path("runs"))
            .env("MBXCTL_TEST_MARKER", &self.marker);
        cmd
    }

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
        assert!(!String::from_utf8_lossy(&out.stderr).contains("panicked"), "{}", text(&out));
        out
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

    /// Aliases of the generated users.
    fn staff(&self) -> Vec<String> {
        self.recipients()
            .into_iter()
            .filter(|(_, r)| r["OrganizationalUnit"] == "contoso.com/Staff")
            .map(|(a, _)| a)
            .collect()
    }

    /// Every call the stand-in saw, in order.
    fn calls(&self) -> Vec<Value> {
        self.read("calls.jsonl")
            .lines()
            .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("log line not JSON ({e}): {l}")))
            .collect()
    }

    /// Successful type changes per mailbox.
    fn type_changes(&self) -> BTreeMap<String, usize> {
        let mut out = BTreeMap::new();
        for c in self.calls() {
            if c["cmdlet"] == "Set-Mailbox" && c["params"].get("Type").is_some() && c["changed"] == true {
                *out.entry(c["target"].as_str().unwrap().to_string()).or_insert(0) += 1;
            }
        }
        out
    }

    /// Process ids of the restricted endpoints serve.ps1 started.
    fn served(&self) -> BTreeSet<u64> {
        self.read("served.txt").lines().filter_map(|l| l.trim().parse().ok()).collect()
    }

    /// Asserts every stand-in call ran in a restricted endpoint, never anywhere else.
    fn assert_all_calls_served(&self) {
        let served = self.served();
        let calls = self.calls();
        assert!(!calls.is_empty(), "no call reached the stand-in");
        for c in &calls {
            let pid = c["pid"].as_u64().expect("pid");
            assert!(served.contains(&pid), "call from pid {pid}, not a restricted endpoint {served:?}: {c}");
        }
    }
}

impl Drop for Endpoint {
    fn drop(&mut self) {
        let _ = std::fs::write(self.path("stop"), "");
        let deadline = Instant::now() + Duration::from_secs(15);
        while Instant::now() < deadline {
            if let Ok(Some(_)) = self.serve.try_wait() {
                return;
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        let _ = self.serve.kill();
        let _ = self.serve.wait();
    }
}

async fn within<T>(f: impl std::future::Future<Output = T>) -> T {
    tokio::time::timeout(Duration::from_secs(120), f).await.expect("took over 120 s")
}

fn errors(o: &mbxctl::shell::Outcome) -> String {
    o.errors.iter().map(|e| e.message.clone()).collect::<Vec<_>>().join(" | ")
}

#[tokio::test]
async fn the_served_endpoint_is_no_language_and_offers_only_the_standin() {
    let Some(e) = Endpoint::start("endpoint", 0) else { return };
    // A plain session (no profile, FullLanguage locally) opens the pipe with the profile's own
    // connect step, then probes the endpoint.
    let mut shell = within(PsrpShell::connect(ConnectOptions::new(&e.pwsh))).await.expect("connect");
    let SetupStep::Script { text: open, .. } = &e.profile().setup_steps()[0] else { panic!("connect step") };
    let o = within(shell.run_script(open)).await.unwrap();
    assert!(o.succeeded(), "{}", errors(&o));
    let probe = "Invoke-Command -Session (Get-PSSession -Name 'mbxctl-exchange') -ScriptBlock { 1 + 1 }";
    let o = within(shell.run_script(probe)).await.unwrap();
    assert!(o.output.is_empty(), "script ran on the endpoint: {:?}", o.output);
    assert!(errors(&o).contains("no-language mode"), "{}", errors(&o));
    // What the endpoint offers, asked with a typed Get-Command over the session's runspace.
    let list = "$ps = [powershell]::Create(); $ps.Runspace = (Get-PSSession -Name 'mbxctl-exchange').Runspace; \
                $null = $ps.AddCommand('Get-Command'); $ps.Invoke() | ForEach-Object { $_.Name }; $ps.Dispose()";
    let o = within(shell.run_script(list)).await.unwrap();
    assert!(o.succeeded(), "{}", errors(&o));
    let names: BTreeSet<String> = o.output.iter().filter_map(|v| v.display()).collect();
    for want in ["Get-Mailbox", "Set-Mailbox", "Add-MailboxPermission", "Get-ExchangeServer"] {
        assert!(names.contains(want), "{want} missing from {names:?}");
    }
    for absent in ["Get-Module", "Import-Module", "Invoke-Expression", "Set-Variable", "Start-Process"] {
        assert!(!names.contains(absent), "{absent} is visible on the endpoint: {names:?}");
    }
    within(shell.run(&Invocation::new("Remove-PSSession").param("Name", "mbxctl-exchange"))).await.unwrap();
    within(shell.close()).await.unwrap();
}

#[tokio::test]
async fn after_set_up_the_session_runs_typed_commands_and_refuses_script_text() {
    let Some(e) = Endpoint::start("locked", 0) else { return };
    let mut options = ConnectOptions::new(&e.pwsh);
    options.profile = Some(e.profile());
    let mut shell = within(PsrpShell::connect(options)).await.expect("exchange-remote set-up over the pipe");
    let o = within(shell.run(&Invocation::new("Get-Mailbox").param("Identity", "kim"))).await.unwrap();
    assert!(o.succeeded(), "{}", errors(&o));
    assert_eq!(o.output.len(), 1, "{:?}", o.output);
    let shown = format!("{:?}", o.output[0]);
    assert!(shown.contains("Deserialized.Microsoft.Exchange.Data.Directory.Management.Mailbox"), "{shown}");
    // The same command as script text: the locked local runspace refuses it, nothing reaches Exchange.
    let before = e.calls().len();
    let o = within(shell.run_script("Get-Mailbox -Identity 'kim'")).await.unwrap();
    assert_eq!(o.state, PipelineEnd::Failed, "{o:?}");
    assert!(errors(&o).contains("no-language mode"), "{}", errors(&o));
    assert_eq!(e.calls().len(), before, "script text reached the stand-in");
    // Typed commands still work after the refusal.
    let o = within(shell.run(&Invocation::new("Get-ExchangeServer"))).await.unwrap();
    assert!(o.succeeded() && !o.output.is_empty(), "{:?} {}", o.output, errors(&o));
    within(shell.close()).await.unwrap();
    e.assert_all_calls_served();
    let calls = e.calls();
    let get = calls.iter().find(|c| c["cmdlet"] == "Get-Mailbox").expect("Get-Mailbox arrived");
    assert_eq!(get["params"], json!({"Identity": "kim"}), "{get}");
}

#[test]
fn every_workflow_runs_through_the_no_language_named_pipe_route() {
    let Some(e) = Endpoint::start("workflows", 4) else { return };

    let o = e.mbx(&["--json", "session", "test"], None);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o));
    let doc = json_doc(&o).to_string();
    assert!(doc.contains("EX01") && doc.contains("7.6"), "{doc}");

    let o = e.mbx(
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
    assert_eq!(json_doc(&o)["results"][0]["status"], "converted", "{}", text(&o));
    let kim = e.recipient("kim");
    assert_eq!(kim["RecipientTypeDetails"], "SharedMailbox");

    let o = e.mbx(
        &["--json", "convert", "kim", "--to", "regular", "--password-stdin", "--reset-password-on-next-logon"],
        Some(&format!("{PASSWORD}\n")),
    );
    assert_eq!(o.status.code(), Some(0), "{}", text(&o));
    assert!(!text(&o).contains(PASSWORD), "the password was printed");
    let kim = e.recipient("kim");
    assert_eq!(kim["RecipientTypeDetails"], "UserMailbox");
    assert_eq!(kim["ResetPasswordOnNextLogon"], true);

    let users = e.staff();
    assert_eq!(users.len(), 4);
    let list = e.path("list.txt");
    std::fs::write(&list, users.join("\n") + "\n").unwrap();
    let o = e.mbx(&["--json", "convert", "--from", list.to_str().unwrap(), "--to", "shared", "--sessions", "2"], None);
    let summary = json_lines(&o).last().cloned().unwrap_or_default();
    assert_eq!(summary["converted"], 4, "{}", text(&o));
    let now = e.recipients();
    assert!(users.iter().all(|u| now[u]["RecipientTypeDetails"] == "SharedMailbox"), "{now:#?}");

    // Every call ran in a restricted NoLanguage endpoint, with its parameters typed.
    e.assert_all_calls_served();
    let calls = e.calls();
    let add = calls.iter().find(|c| c["cmdlet"] == "Add-MailboxPermission").expect("Add-MailboxPermission ran");
    assert_eq!(add["params"]["AutoMapping"], false, "a typed Boolean arrived: {add}");
    assert_eq!(add["params"]["AccessRights"], json!(["FullAccess"]), "{add}");
    let set = calls
        .iter()
        .find(|c| c["cmdlet"] == "Set-Mailbox" && c["params"]["Type"] == "Regular")
        .expect("Set-Mailbox -Type Regular ran");
    assert_eq!(set["params"]["Password"]["SecureString"], true, "{set}");
    assert_eq!(set["params"]["Password"]["Sha256"], PASSWORD_SHA256, "the right plain text arrived: {set}");
    assert!(!e.read("calls.jsonl").contains(PASSWORD));
    let changes = e.type_changes();
    assert_eq!(changes.get("kim"), Some(&2), "to shared and back: {changes:?}");
    assert!(users.iter().all(|u| changes.get(u) == Some(&1)), "each batch mailbox changed once: {changes:?}");
    let roles: Vec<&Value> = calls.iter().filter(|c| c["cmdlet"] == "Get-ManagementRoleAssignment").collect();
    assert!(roles.len() >= 2, "session test asks for both roles: {roles:#?}");
    assert_eq!(roles[0]["params"]["GetEffectiveUsers"], true, "a typed switch arrived: {}", roles[0]);
}

/// Processes whose environment holds `marker` (mbxctl and the PowerShell it started).
#[cfg(target_os = "linux")]
fn processes_with(marker: &str) -> Vec<u32> {
    let needle = format!("MBXCTL_TEST_MARKER={marker}");
    std::fs::read_dir("/proc")
        .into_iter()
        .flatten()
        .filter_map(Result::ok)
        .filter_map(|d| d.file_name().to_str()?.parse::<u32>().ok())
        .filter(|pid| {
            std::fs::read(format!("/proc/{pid}/environ"))
                .map(|env| env.split(|b| *b == 0).any(|kv| kv == needle.as_bytes()))
                .unwrap_or(false)
        })
        .collect()
}

#[cfg(unix)]
fn alive(pid: u64) -> bool {
    Command::new("kill").args(["-0", &pid.to_string()]).stderr(Stdio::null()).status().is_ok_and(|s| s.success())
}

/// Sends SIGINT (Ctrl-C) to `child` and waits for it to exit (at most 90 s): how long it took, and
/// what it wrote.
#[cfg(unix)]
fn press_ctrl_c_and_wait(mut child: Child) -> (Duration, Output) {
    let pressed = Instant::now();
    let status = Command::new("kill").args(["-INT", &child.id().to_string()]).status().expect("kill -INT");
    assert!(status.success());
    let deadline = Instant::now() + Duration::from_secs(90);
    while child.try_wait().unwrap().is_none() {
        assert!(Instant::now() < deadline, "mbxctl did not exit within 90 s of Ctrl-C");
        std::thread::sleep(Duration::from_millis(100));
    }
    let waited = pressed.elapsed();
    (waited, child.wait_with_output().unwrap())
}

/// Nothing is left running: the endpoints that served the stopped commands (given 15 s to go), and
/// every process of the interrupted mbxctl (its local PowerShell sessions).
#[cfg(unix)]
fn assert_nothing_left_running(e: &Endpoint) {
    let settle = Instant::now() + Duration::from_secs(15);
    let served: Vec<u64> = e.served().into_iter().collect();
    while served.iter().any(|p| alive(*p)) && Instant::now() < settle {
        std::thread::sleep(Duration::from_millis(100));
    }
    assert!(served.iter().all(|p| !alive(*p)), "an endpoint is still running: {served:?}");
    #[cfg(target_os = "linux")]
    assert!(processes_with(&e.marker).is_empty(), "PowerShell left running: {:?}", processes_with(&e.marker));
}

#[cfg(unix)]
#[test]
fn sigint_stops_hanging_commands_after_the_grace_period_and_resume_converts_each_once() {
    let Some(e) = Endpoint::start("sigint", 4) else { return };
    let users = e.staff();
    let mut org = e.org();
    org["StandinFaults"] = json!({"Hang": 600});
    e.write_org(&org);
    let list = e.path("list.txt");
    std::fs::write(&list, users.join("\n") + "\n").unwrap();
    let mut child = e
        .command(&["--json", "convert", "--from", list.to_str().unwrap(), "--to", "shared", "--sessions", "2"])
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("start the batch");
    // Wait until both sessions have a Set-Mailbox hanging on the endpoint.
    let deadline = Instant::now() + Duration::from_secs(180);
    let hanging = || e.calls().into_iter().filter(|c| c["result"] == "hanging").count();
    while hanging() < 2 {
        assert!(Instant::now() < deadline, "no command hung within 180 s: {:?}", e.calls());
        assert!(child.try_wait().unwrap().is_none(), "the batch ended before the interrupt");
        std::thread::sleep(Duration::from_millis(100));
    }
    let (waited, out) = press_ctrl_c_and_wait(child);
    assert_eq!(out.status.code(), Some(130), "{}", text(&out));
    // The grace period (10 s) ran out, and the commands were stopped rather than left hanging 600 s.
    assert!(waited >= Duration::from_secs(10) && waited < Duration::from_secs(60), "exited after {waited:?}");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("the grace period is over"), "{stderr}");
    assert!(stderr.contains(" resume "), "the resume line is printed: {stderr}");
    let summary = json_lines(&out).last().cloned().unwrap_or_default();
    assert_eq!(summary["interrupted"], true, "{}", text(&out));
    assert_eq!(summary["in_flight"], 2, "{}", text(&out));
    assert_eq!(summary["not_started"], 2, "{}", text(&out));
    assert!(e.type_changes().is_empty(), "a stopped command changed something: {:?}", e.type_changes());

    // The journal: the two hung items are left mid-apply (resume re-reads them), nothing is final.
    let o = e.mbx(&["--json", "runs", "show", "last"], None);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o));
    let shown = json_doc(&o).to_string();
    assert!(!shown.contains("\"verified\"") && shown.contains("apply-started"), "{shown}");

    // Nothing is left running: the endpoints that served the stopped commands, and every process
    // of the interrupted mbxctl (its local PowerShell sessions).
    assert_nothing_left_running(&e);
    let hung: Vec<String> = e
        .calls()
        .iter()
        .filter(|c| c["result"] == "hanging")
        .map(|c| c["target"].as_str().unwrap_or_default().to_string())
        .collect();
    assert_eq!(hung.len(), 2, "{hung:?}");

    // Resume without the fault: each mailbox converted exactly once.
    let mut org = e.org();
    org["StandinFaults"] = json!({});
    e.write_org(&org);
    let o = e.mbx(&["--json", "resume", "last", "--sessions", "2"], None);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o));
    let now = e.recipients();
    assert!(users.iter().all(|u| now[u]["RecipientTypeDetails"] == "SharedMailbox"), "{now:#?}");
    let changes = e.type_changes();
    assert_eq!(changes.len(), users.len(), "{changes:?}");
    assert!(changes.values().all(|n| *n == 1), "each mailbox changed exactly once: {changes:?}");
    e.assert_all_calls_served();
}

/// A single `convert` (no batch) interrupted while its change hangs in PowerShell: after the grace period
/// the command is stopped with PSRP's stop and the session closed, not left running on the server.
#[cfg(unix)]
#[test]
fn sigint_during_a_single_convert_stops_the_command_in_powershell_after_the_grace_period() {
    let Some(e) = Endpoint::start("sigint-one", 1) else { return };
    let user = e.staff().remove(0);
    let mut org = e.org();
    org["StandinFaults"] = json!({"Hang": 600});
    e.write_org(&org);
    let mut child = e
        .command(&["--json", "convert", &user, "--to", "shared"])
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("start convert");
    let deadline = Instant::now() + Duration::from_secs(180);
    while !e.calls().iter().any(|c| c["result"] == "hanging") {
        assert!(Instant::now() < deadline, "no command hung within 180 s: {:?}", e.calls());
        assert!(child.try_wait().unwrap().is_none(), "convert ended before the interrupt");
        std::thread::sleep(Duration::from_millis(100));
    }
    let (waited, out) = press_ctrl_c_and_wait(child);
    assert_eq!(out.status.code(), Some(130), "{}", text(&out));
    // The 15 s grace period ran out and the stop ended it, long before the 600 s hang.
    assert!(waited >= Duration::from_secs(15) && waited < Duration::from_secs(60), "exited after {waited:?}");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("stopping the command in PowerShell"), "{stderr}");
    assert!(stderr.contains("was sent to Exchange and may have been applied"), "{stderr}");
    let doc = json_doc(&out);
    assert!(doc["interrupted"].is_string(), "{doc}");
    assert!(e.type_changes().is_empty(), "a stopped command changed something: {:?}", e.type_changes());
    // The endpoint that served the stopped command is gone: the stop reached PowerShell and the
    // session was closed, rather than the server running the hung command to its end.
    assert_nothing_left_running(&e);
}
