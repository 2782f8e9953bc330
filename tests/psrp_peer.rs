//! End to end: `PsrpShell` against the psrpcore peer (tests/peer/peer.py), started exactly as pwsh would be.
//!
//! Needs the project venv: `python3 -m venv .venv && .venv/bin/pip install psrpcore==0.3.1`.

use std::path::{Path, PathBuf};
use std::time::Duration;

use mbxctl::cmdlet::{Invocation, Value};
use mbxctl::secret::Secret;
use mbxctl::shell::{PipelineEnd, Shell, ShellError, ShellKind};
use mbxctl::transport::profile::{CommandSpec, Profile, ProfileKind};
use mbxctl::transport::{ConnectOptions, PsrpShell, Timeouts, session_report};
use serde_json::{Value as Json, json};

struct Peer {
    dir: tempfile::TempDir,
}

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn launcher() -> PathBuf {
    let venv_python =
        if cfg!(windows) { root().join(".venv/Scripts/python.exe") } else { root().join(".venv/bin/python") };
    assert!(
        venv_python.is_file(),
        "the psrpcore peer needs the project venv at {}: run `python3 -m venv .venv && .venv/bin/pip install psrpcore==0.3.1` in {}",
        venv_python.display(),
        root().display()
    );
    root().join(if cfg!(windows) { "tests/peer/pwsh-peer.cmd" } else { "tests/peer/pwsh-peer" })
}

impl Peer {
    fn new(scenario: Json) -> Peer {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("scenario.json"), scenario.to_string()).unwrap();
        Peer { dir }
    }

    fn options(&self) -> ConnectOptions {
        let mut o = ConnectOptions::new(launcher());
        o.env = vec![
            ("MBXCTL_PEER_SCENARIO".into(), self.path("scenario.json")),
            ("MBXCTL_PEER_LOG".into(), self.path("log.jsonl")),
        ];
        o.timeouts = Timeouts { open: Duration::from_secs(30), ..Timeouts::default() };
        o
    }

    fn path(&self, name: &str) -> String {
        self.dir.path().join(name).to_string_lossy().into_owned()
    }

    async fn connect(&self) -> PsrpShell {
        PsrpShell::connect(self.options()).await.expect("connect to the peer")
    }

    fn log(&self) -> Vec<Json> {
        std::fs::read_to_string(self.path("log.jsonl"))
            .unwrap_or_default()
            .lines()
            .map(|l| serde_json::from_str(l).unwrap())
            .collect()
    }

    fn commands(&self) -> Vec<Json> {
        self.log().into_iter().filter(|e| e.get("cmd").is_some()).collect()
    }
}

fn rule(cmd: &str, emit: Json, end: Json) -> Json {
    json!({"match": {"cmd": cmd}, "emit": emit, "end": end})
}

async fn within<T>(f: impl std::future::Future<Output = T>) -> T {
    tokio::time::timeout(Duration::from_secs(60), f).await.expect("finished within 60 s (no hang)")
}

#[tokio::test]
async fn opens_reports_the_version_and_closes() {
    let peer = Peer::new(json!({"psVersion": "7.4.6", "rules": []}));
    let mut shell = within(peer.connect()).await;
    assert_eq!(shell.server_info().powershell_version.as_deref(), Some("7.4.6"));
    assert_eq!(shell.server_info().protocol_version.as_deref(), Some("2.3"));
    let info = shell.describe();
    assert_eq!(info.kind, ShellKind::Psrp);
    assert!(info.target.contains("pwsh-peer") && info.target.contains("PowerShell 7.4.6"), "{}", info.target);
    within(shell.close()).await.unwrap();
    assert_eq!(
        peer.log().iter().filter_map(|e| e.get("close")).cloned().collect::<Vec<_>>(),
        [json!("00000000-0000-0000-0000-000000000000")]
    );
    // Closed sessions refuse work instead of hanging.
    assert!(matches!(shell.run(&Invocation::new("Get-Date")).await, Err(ShellError::Broken(_))));
}

#[tokio::test]
async fn typed_parameters_arrive_with_their_types() {
    let peer = Peer::new(json!([rule("Set-Mailbox", json!([{"output": "done"}]), json!("completed"))]));
    let mut shell = within(peer.connect()).await;
    let inv = Invocation::new("Set-Mailbox")
        .param("Identity", "alice@contoso.com")
        .param("Type", "Shared")
        .param("ResultSize", 10i64)
        .param("Big", 3_000_000_000i64)
        .switch("Force")
        .param("Confirm", Value::Switch(false))
        .param("HiddenFromAddressListsEnabled", true)
        .param("GrantSendOnBehalfTo", vec!["bob".to_string(), "carol".to_string()])
        .param(
            "EmailAddresses",
            Value::AddRemove { add: vec!["smtp:a@contoso.com".into()], remove: vec!["b@contoso.com".into()] },
        );
    let outcome = within(shell.run(&inv)).await.unwrap();
    assert!(outcome.succeeded(), "{outcome:?}");
    assert_eq!(outcome.output[0].as_str(), Some("done"));
    let cmds = peer.commands();
    assert_eq!(cmds.len(), 1);
    assert_eq!(cmds[0]["cmd"], "Set-Mailbox");
    assert_eq!(cmds[0]["isScript"], false);
    let params: Vec<(Json, Json, Json)> = cmds[0]["params"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| (p["name"].clone(), p["type"].clone(), p["value"].clone()))
        .collect();
    assert_eq!(params[0], (json!("Identity"), json!("PSString"), json!("alice@contoso.com")));
    assert_eq!(params[1], (json!("Type"), json!("PSString"), json!("Shared")));
    assert_eq!(params[2], (json!("ResultSize"), json!("PSInt"), json!(10)));
    assert_eq!(params[3], (json!("Big"), json!("PSInt64"), json!(3_000_000_000i64)));
    assert_eq!(params[4], (json!("Force"), json!("bool"), json!(true)));
    assert_eq!(params[5], (json!("Confirm"), json!("bool"), json!(false)));
    assert_eq!(params[6], (json!("HiddenFromAddressListsEnabled"), json!("bool"), json!(true)));
    assert_eq!(
        params[7],
        (
            json!("GrantSendOnBehalfTo"),
            json!({"type": "PSList", "items": ["PSString", "PSString"]}),
            json!(["bob", "carol"])
        )
    );
    assert_eq!(params[8].1["type"], "PSDict");
    assert_eq!(params[8].2, json!({"Add": ["smtp:a@contoso.com"], "Remove": ["b@contoso.com"]}));
    within(shell.close()).await.unwrap();
}

#[tokio::test]
async fn big_objects_and_many_objects() {
    let big = "x".repeat(100_000);
    let peer = Peer::new(json!([
        rule(
            "Get-Big",
            json!([{"output": {"typeNames": ["Deserialized.Big"], "props": {"Name": "big", "Blob": big}}}]),
            json!("completed")
        ),
        rule(
            "Get-Many",
            json!([{"output": {"props": {"N": 1, "Name": "mailbox"}}, "repeat": 10000}]),
            json!("completed")
        ),
    ]));
    let mut shell = within(peer.connect()).await;
    let outcome = within(shell.run(&Invocation::new("Get-Big"))).await.unwrap();
    let obj = outcome.output[0].as_object().unwrap();
    assert!(obj.is_type("Big"));
    assert_eq!(obj.get("Blob").and_then(|v| v.as_str()).map(str::len), Some(100_000));
    assert_eq!(obj.get("Blob").and_then(|v| v.as_str()), Some(big.as_str()));
    let outcome = within(shell.run(&Invocation::new("Get-Many"))).await.unwrap();
    assert_eq!(outcome.output.len(), 10_000);
    assert!(
        outcome
            .output
            .iter()
            .all(|o| o.as_object().and_then(|o| o.get("Name")).and_then(|n| n.as_str()) == Some("mailbox"))
    );
    within(shell.close()).await.unwrap();
}

#[tokio::test]
async fn errors_warnings_and_unknown_commands() {
    let peer = Peer::new(json!([
        rule(
            "Get-Mailbox",
            json!([
                {"warning": "The object alice has been corrupted."},
                {"verbose": "Searching"},
                {"error": {"message": "The operation couldn't be performed because object 'nobody' couldn't be found.", "fqid": "[Server=EX01] 2EEE4E8E,Microsoft.Exchange.Management.RecipientTasks.GetMailbox", "category": 13, "reason": "ManagementObjectNotFoundException", "target": "nobody"}},
                {"output": "alice"}
            ]),
            json!("completed")
        ),
        rule(
            "Remove-Mailbox",
            json!([]),
            json!({"failed": {"message": "Access denied", "fqid": "AccessDenied", "category": 18}})
        ),
    ]));
    let mut shell = within(peer.connect()).await;
    let o = within(shell.run(&Invocation::new("Get-Mailbox").param("Identity", "nobody"))).await.unwrap();
    assert_eq!(o.state, PipelineEnd::Completed);
    assert_eq!(o.warnings, ["The object alice has been corrupted."]);
    assert_eq!(o.verbose, ["Searching"]);
    assert_eq!(o.output.len(), 1);
    assert_eq!(o.errors.len(), 1);
    let e = &o.errors[0];
    assert_eq!(e.message, "The operation couldn't be performed because object 'nobody' couldn't be found.");
    assert_eq!(
        e.fully_qualified_error_id,
        "[Server=EX01] 2EEE4E8E,Microsoft.Exchange.Management.RecipientTasks.GetMailbox"
    );
    assert_eq!(
        (e.category, e.reason.as_deref(), e.terminating),
        (13, Some("ManagementObjectNotFoundException"), false)
    );
    assert!(!o.succeeded());

    let o = within(shell.run(&Invocation::new("Remove-Mailbox"))).await.unwrap();
    assert_eq!(o.state, PipelineEnd::Failed);
    assert_eq!(
        (o.errors[0].message.as_str(), o.errors[0].category, o.errors[0].terminating),
        ("Access denied", 18, true)
    );

    let o = within(shell.run(&Invocation::new("Get-Nothing"))).await.unwrap();
    assert_eq!(o.state, PipelineEnd::Failed);
    assert!(o.errors[0].message.starts_with("The term 'Get-Nothing' is not recognized"), "{:?}", o.errors);
    within(shell.close()).await.unwrap();
}

#[tokio::test]
async fn a_prompt_is_refused_and_the_pipeline_fails_with_its_name() {
    let peer = Peer::new(json!([
        rule(
            "Set-Mailbox",
            json!([{"hostCall": {"method": "PromptForChoice", "args": ["Confirm", "Are you sure you want to perform this action on alice?", [], 0]}}, {"output": "never"}]),
            json!("completed")
        ),
        rule("Get-Date", json!([{"output": "today"}]), json!("completed")),
    ]));
    let mut shell = within(peer.connect()).await;
    let o = within(shell.run(&Invocation::new("Set-Mailbox"))).await.unwrap();
    assert_eq!(o.state, PipelineEnd::Failed);
    assert!(o.output.is_empty());
    let want = "mbxctl runs unattended and cannot answer PromptForChoice for 'Are you sure you want to perform this action on alice?'";
    assert!(o.errors.iter().any(|e| e.message.starts_with(want)), "{:?}", o.errors);
    let responses: Vec<Json> = peer.log().into_iter().filter_map(|e| e.get("hostResponse").cloned()).collect();
    assert_eq!(responses.len(), 1);
    assert!(responses[0]["error"].as_str().unwrap().contains(want), "{responses:?}");
    // The session is still usable.
    let o = within(shell.run(&Invocation::new("Get-Date"))).await.unwrap();
    assert_eq!(o.output[0].as_str(), Some("today"));
    within(shell.close()).await.unwrap();
}

#[tokio::test]
async fn secure_string_is_decrypted_by_the_peer() {
    let peer = Peer::new(json!([rule("Set-Mailbox", json!([]), json!("completed"))]));
    let mut shell = within(peer.connect()).await;
    let inv = Invocation::new("Set-Mailbox").param("Identity", "shared1").param("Password", Secret::new("P@ss w0rd!ü"));
    let o = within(shell.run(&inv)).await.unwrap();
    assert!(o.succeeded(), "{o:?}");
    let cmds = peer.commands();
    let p = &cmds[0]["params"][1];
    assert_eq!(
        (p["name"].clone(), p["type"].clone(), p["value"].clone()),
        (json!("Password"), json!("PSSecureString"), json!("P@ss w0rd!ü"))
    );
    within(shell.close()).await.unwrap();
}

#[cfg(unix)]
fn reaped(pid: u32) -> bool {
    match std::fs::read_to_string(format!("/proc/{pid}/stat")) {
        Err(_) => true,
        // A zombie is state Z.
        Ok(stat) => !stat.rsplit(')').next().unwrap_or_default().trim_start().starts_with('Z'),
    }
}

#[tokio::test]
async fn a_dying_process_breaks_the_session_without_a_zombie() {
    let peer = Peer::new(json!([rule("Get-Mailbox", json!([{"output": "first"}, {"die": 3}]), json!("completed"))]));
    let mut shell = within(peer.connect()).await;
    let pid = shell.process_id().unwrap();
    let err = within(shell.run(&Invocation::new("Get-Mailbox"))).await.unwrap_err();
    let ShellError::Broken(reason) = &err else { panic!("{err:?}") };
    assert!(reason.contains("exited") && reason.contains('3'), "{reason}");
    assert!(matches!(shell.run(&Invocation::new("Get-Mailbox")).await, Err(ShellError::Broken(_))));
    #[cfg(unix)]
    assert!(reaped(pid), "process {pid} left as a zombie");
    let _ = pid;
    within(shell.close()).await.unwrap();
}

#[tokio::test]
async fn a_stderr_line_breaks_the_session() {
    let peer =
        Peer::new(json!([rule("Get-Mailbox", json!([{"stderr": "OutOfProc transport error: boom"}]), json!("hang"))]));
    let mut shell = within(peer.connect()).await;
    let err = within(shell.run(&Invocation::new("Get-Mailbox"))).await.unwrap_err();
    let ShellError::Broken(reason) = &err else { panic!("{err:?}") };
    assert!(reason.contains("stderr: OutOfProc transport error: boom"), "{reason}");
}

#[tokio::test]
async fn a_command_over_its_time_is_stopped_and_the_session_lives_on() {
    let peer = Peer::new(json!([
        rule("Wait-Forever", json!([{"output": 1}]), json!("hang")),
        rule("Get-Date", json!([{"output": "today"}]), json!("completed")),
    ]));
    let mut options = peer.options();
    options.timeouts.command = Duration::from_secs(1);
    let mut shell = within(PsrpShell::connect(options)).await.unwrap();
    let err = within(shell.run(&Invocation::new("Wait-Forever"))).await.unwrap_err();
    assert!(matches!(&err, ShellError::Timeout { seconds: 1, what } if what == "Wait-Forever"), "{err:?}");
    let o = within(shell.run(&Invocation::new("Get-Date"))).await.unwrap();
    assert_eq!(o.output[0].as_str(), Some("today"));
    within(shell.close()).await.unwrap();
}

#[tokio::test]
async fn dynamic_values_are_refused_before_sending() {
    let peer = Peer::new(json!([]));
    let mut shell = within(peer.connect()).await;
    let err =
        shell.run(&Invocation::new("Get-Mailbox").param("Identity", Value::Dynamic("$env:USERNAME".into()))).await;
    assert!(matches!(err, Err(ShellError::Unsendable { ref cmdlet, .. }) if cmdlet == "Get-Mailbox"), "{err:?}");
    assert!(peer.commands().is_empty());
    within(shell.close()).await.unwrap();
}

#[tokio::test]
async fn missing_pwsh_says_how_to_install_it() {
    let err = PsrpShell::connect(ConnectOptions::new(Path::new("/nonexistent/dir/pwsh"))).await.unwrap_err();
    let ShellError::Start(message) = err else { panic!("{err:?}") };
    assert!(
        message.contains("Install PowerShell 7") && message.contains("MBXCTL_PWSH") && message.contains("--pwsh"),
        "{message}"
    );
}

#[tokio::test]
async fn profile_setup_runs_first_and_a_failing_step_is_named() {
    let peer = Peer::new(json!([
        rule("Import-Module", json!([]), json!("completed")),
        rule("Get-Date", json!([{"output": "today"}]), json!("completed")),
    ]));
    let spec =
        |cmdlet: &str, params: Json| CommandSpec { cmdlet: cmdlet.into(), params: params.as_object().unwrap().clone() };
    let mut options = peer.options();
    options.profile = Some(Profile {
        name: "lab".into(),
        kind: ProfileKind::Custom {
            setup: vec![spec("Import-Module", json!({"Name": "ExchangeOnlineManagement", "Force": true}))],
        },
    });
    let mut shell = within(PsrpShell::connect(options)).await.unwrap();
    assert!(shell.describe().target.contains("profile 'lab'"));
    within(shell.run(&Invocation::new("Get-Date"))).await.unwrap();
    let cmds: Vec<String> = peer.commands().iter().map(|c| c["cmd"].as_str().unwrap().to_string()).collect();
    assert_eq!(cmds, ["Import-Module", "Get-Date"]);
    within(shell.close()).await.unwrap();

    let mut options = peer.options();
    options.profile = Some(Profile {
        name: "broken".into(),
        kind: ProfileKind::Custom { setup: vec![spec("Connect-Nowhere", json!({}))] },
    });
    let err = within(PsrpShell::connect(options)).await.unwrap_err().to_string();
    assert!(
        err.contains(
            "profile 'broken' set-up step 1 (Connect-Nowhere) failed: The term 'Connect-Nowhere' is not recognized"
        ),
        "{err}"
    );
}

#[tokio::test]
async fn session_report_reads_server_and_roles() {
    let peer = Peer::new(json!({"psVersion": "7.4.6", "rules": [
        rule("Get-ExchangeServer", json!([{"output": {"typeNames": ["Deserialized.Microsoft.Exchange.Data.Directory.Management.ExchangeServer"], "props": {"Name": "EX01", "AdminDisplayVersion": "Version 15.1 (Build 2375.7)"}}}]), json!("completed")),
        {"match": {"cmd": "Get-ManagementRoleAssignment", "params": {"Role": "Mail Recipients"}}, "emit": [
            {"output": {"props": {"EffectiveUserName": "alice", "RoleAssigneeName": "Recipient Management", "Name": "Mail Recipients-Recipient Management"}}},
            {"output": {"props": {"EffectiveUserName": "bob", "RoleAssigneeName": "Organization Management"}}}
        ], "end": "completed"},
        {"match": {"cmd": "Get-ManagementRoleAssignment", "params": {"Role": "Reset Password"}}, "emit": [
            {"output": {"props": {"EffectiveUserName": "bob", "RoleAssigneeName": "Organization Management"}}}
        ], "end": "completed"}
    ]}));
    let mut shell = within(peer.connect()).await;
    let report = within(session_report(&mut shell, Some("CONTOSO\\alice"))).await.unwrap();
    assert_eq!(report.powershell_version.as_deref(), Some("7.4.6"));
    assert_eq!(report.exchange_server.as_deref(), Some("EX01"));
    assert_eq!(report.exchange_version.as_deref(), Some("Version 15.1 (Build 2375.7)"));
    assert_eq!(report.roles[0].role, "Mail Recipients");
    assert_eq!(
        (report.roles[0].held, report.roles[0].via.clone()),
        (Some(true), vec!["Recipient Management".to_string()])
    );
    assert_eq!((report.roles[1].held, report.roles[1].via.len()), (Some(false), 0));
    assert!(report.problems.is_empty(), "{:?}", report.problems);
    let switch = &peer.commands()[1]["params"][1];
    assert_eq!((switch["name"].clone(), switch["value"].clone()), (json!("GetEffectiveUsers"), json!(true)));
    within(shell.close()).await.unwrap();
}

#[tokio::test]
async fn a_prompted_credential_reaches_powershell_as_a_secure_string() {
    use mbxctl::transport::profile::{Authentication, SetupStep};
    let profile = Profile {
        name: "onprem".into(),
        kind: ProfileKind::ExchangeRemote {
            server: "ex01.contoso.com".into(),
            named_pipe: None,
            authentication: Authentication::Kerberos,
            credential_file: None,
            use_ssl: false,
            prompt_credential: true,
        },
    };
    let password = "Pa$$w0rd 'x' \u{2019}";
    let credential = ("CONTOSO\\alice".to_string(), Secret::new(password));
    // The peer answers each set-up step; the Set-Variable rule matches only if the SecureString
    // decrypts on the peer to exactly the password typed.
    let mut rules = vec![json!({"match": {"cmd": "Set-Variable", "params": {
        "Name": "mbxctlCredentialPassword", "Scope": "Global", "Value": password}}, "emit": [], "end": "completed"})];
    for step in profile.setup_steps_with(Some(&credential)) {
        if let SetupStep::Script { text, .. } = step {
            assert!(!text.contains("Pa$$w0rd"), "the password must never be in script text: {text}");
            rules.push(rule(&text, json!([]), json!("completed")));
        }
    }
    rules.push(rule("Get-Date", json!([{"output": "today"}]), json!("completed")));
    let peer = Peer::new(Json::Array(rules));
    let mut options = peer.options();
    options.profile = Some(profile.clone());
    options.credential = Some(credential);
    let mut shell = within(PsrpShell::connect(options)).await.expect("set-up with the prompted credential");
    within(shell.run(&Invocation::new("Get-Date"))).await.unwrap();
    let cmds = peer.commands();
    // Set-Variable, New-PSSession, Import-PSSession, the NoLanguage lock, Get-Date.
    assert_eq!(cmds.len(), 5, "{cmds:?}");
    assert_eq!(cmds[0]["cmd"], "Set-Variable");
    let value = cmds[0]["params"].as_array().unwrap().iter().find(|p| p["name"] == "Value").unwrap().clone();
    assert_eq!(value["type"], "PSSecureString", "{value}");
    assert!(
        cmds[1]["cmd"].as_str().unwrap().contains("-ArgumentList 'CONTOSO\\alice', $global:mbxctlCredentialPassword")
    );
    within(shell.close()).await.unwrap();

    // Without a credential the profile refuses to start, naming itself.
    let mut options = peer.options();
    options.profile = Some(profile);
    let err = within(PsrpShell::connect(options)).await.unwrap_err().to_string();
    assert!(err.contains("profile 'onprem' asks for a user name and password"), "{err}");
}
