//! The lab as a store: concurrency, atomicity, scale, import format, faults and the audit log.

mod lab_support;

use lab_support::*;
use mbxctl::cmdlet::{Invocation, Value};
use mbxctl::lab::{self, Faults, InitOptions, LabError};
use mbxctl::secret::Secret;
use mbxctl::shell::{PipelineEnd, ShellError, Side};
use std::time::{Duration, Instant};

fn to_shared(identity: &str) -> Invocation {
    Invocation::new("Set-Mailbox").param("Identity", identity).param("Type", "Shared")
}

#[test]
fn two_threads_converting_different_mailboxes_both_persist() {
    let (_t, dir) = lab();
    let names = ["kim", "lee", "nestor", "megan", "pilar", "alex"];
    let handles: Vec<_> = names
        .iter()
        .map(|n| {
            let dir = dir.clone();
            let n = n.to_string();
            std::thread::spawn(move || {
                let mut s = shell(&dir, Side::OnPremises);
                let out = run(&mut s, &to_shared(&n));
                assert!(out.succeeded(), "{n}: {:?}", out.errors);
            })
        })
        .collect();
    for h in handles {
        h.join().expect("thread");
    }
    for n in names {
        assert_eq!(
            prop(&get_mailbox(&dir, Side::OnPremises, n), "RecipientTypeDetails").as_deref(),
            Some("SharedMailbox"),
            "{n}"
        );
    }
    assert_eq!(lab::audit_log(&dir).unwrap().len(), names.len());
    assert_eq!(lab::summary(&dir).unwrap().on_premises_count("SharedMailbox"), 2 + names.len());
}

/// Child half of the multi-process test: converts one mailbox when run by the parent.
#[test]
#[ignore = "run by two_processes_converting_different_mailboxes_both_persist"]
fn child_process_converts_one_mailbox() {
    let (Ok(dir), Ok(who)) = (std::env::var("MBXCTL_LAB_CHILD_DIR"), std::env::var("MBXCTL_LAB_CHILD_IDENTITY")) else {
        return;
    };
    let mut s = shell(std::path::Path::new(&dir), Side::OnPremises);
    for _ in 0..5 {
        let out = run(&mut s, &Invocation::new("Get-Mailbox").param("Identity", who.as_str()));
        assert_eq!(out.output.len(), 1);
    }
    let out = run(&mut s, &to_shared(&who));
    assert!(out.succeeded(), "{:?}", out.errors);
}

#[test]
fn two_processes_converting_different_mailboxes_both_persist() {
    let (_t, dir) = lab();
    let exe = std::env::current_exe().unwrap();
    let children: Vec<_> = ["kim", "lee", "megan"]
        .iter()
        .map(|who| {
            std::process::Command::new(&exe)
                .args(["--ignored", "--exact", "child_process_converts_one_mailbox", "--nocapture"])
                .env("MBXCTL_LAB_CHILD_DIR", &dir)
                .env("MBXCTL_LAB_CHILD_IDENTITY", who)
                .stdout(std::process::Stdio::piped())
                .stderr(std::process::Stdio::piped())
                .spawn()
                .unwrap()
        })
        .collect();
    for c in children {
        let out = c.wait_with_output().unwrap();
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stdout));
        assert!(String::from_utf8_lossy(&out.stdout).contains("1 passed"));
    }
    for who in ["kim", "lee", "megan"] {
        assert_eq!(
            shown_onprem(
                &dir,
                match who {
                    "kim" => "Kim Akers",
                    "lee" => "Lee Gu",
                    _ => "Megan Bowen",
                }
            )["RecipientTypeDetails"],
            "SharedMailbox"
        );
    }
    // Nothing else was touched.
    assert_eq!(shown_onprem(&dir, "Pilar Pinilla")["RecipientTypeDetails"], "UserMailbox");
}

#[test]
fn a_cmdlet_that_fails_half_way_writes_nothing() {
    let (_t, dir) = lab();
    let before = lab::show(&dir).unwrap();
    let mut s = shell(&dir, Side::OnPremises);
    // The type change is computed first; resolving the delegate then fails: nothing is stored.
    let inv = to_shared("kim").param("GrantSendOnBehalfTo", Value::List(vec!["lee".into(), "ghost".into()]));
    let out = run(&mut s, &inv);
    assert_eq!(out.errors.len(), 1);
    assert_eq!(lab::show(&dir).unwrap()["OnPremises"], before["OnPremises"]);
    let log = lab::audit_log(&dir).unwrap();
    assert_eq!(log.len(), 1);
    assert!(!log[0].succeeded);
    assert!(log[0].modified_properties.is_empty());
}

#[test]
fn init_scales_to_twenty_thousand_users() {
    let t = tempfile::tempdir().unwrap();
    let dir = t.path().join("big");
    let summary = lab::init(&dir, InitOptions { users: 20_000 }).unwrap();
    assert_eq!(summary.on_premises_count("UserMailbox"), 20_000 + 8);
    assert_eq!(summary.on_premises_total(), 20_000 + 25);
    assert_eq!(summary.online_total(), 9);
    assert!(summary.to_string().starts_with("LAB organisation 'Contoso'"));
    let mut s = shell(&dir, Side::OnPremises);
    let m = run(&mut s, &Invocation::new("Get-Mailbox").param("Identity", "farid.fontaine001024"));
    assert_eq!(prop(&m.output[0], "Name").as_deref(), Some("Farid Fontaine 001024"));
    let beyond = run(&mut s, &Invocation::new("Get-Mailbox").param("Identity", "Aaron Abbott 020001"));
    assert_eq!(beyond.errors.len(), 1, "exactly 20,000 were generated");
    let n = run(&mut s, &Invocation::new("Get-User").param("Identity", "contoso.com/Staff/Elena Quinn 019999"));
    assert_eq!(n.output.len(), 1, "{:?}", n.errors);
}

#[test]
fn import_errors_name_the_field_at_fault() {
    let d = tempfile::tempdir().unwrap();
    let dir = d.path();
    let wrap = |recipient: &str| {
        format!(
            r#"{{"Organization": {{"Name": "Fabrikam", "Domain": "fabrikam.com"}},
                 "OnPremises": {{"Servers": [{{"Name": "EX1", "AdminDisplayVersion": "Version 15.2 (Build 1544.4)"}}],
                                "Databases": [{{"Name": "DB1", "Server": "EX1"}}],
                                "Recipients": [{recipient}]}}}}"#
        )
    };
    let e = lab::import(dir, &wrap(r#"{"Name": "A", "RecipientTypeDetails": "UserMailbox", "Database": "DB1", "LitigationHoldEnabled": "yes"}"#)).unwrap_err();
    match &e {
        LabError::Parse { path, message, line, .. } => {
            assert_eq!(path, "OnPremises.Recipients[0].LitigationHoldEnabled");
            assert!(message.contains("expected a boolean"), "{message}");
            assert_eq!(*line, 4);
        }
        other => panic!("{other}"),
    }
    let e = lab::import(
        dir,
        &wrap(r#"{"Name": "A", "RecipientTypeDetails": "UserMailbox", "Database": "DB1", "Aliass": "a"}"#),
    )
    .unwrap_err();
    assert!(e.to_string().contains("unknown field `Aliass`"), "{e}");
    assert!(e.to_string().contains("OnPremises.Recipients[0]"), "{e}");
    let e = lab::import(dir, &wrap(r#"{"RecipientTypeDetails": "UserMailbox"}"#)).unwrap_err();
    assert!(e.to_string().contains("missing field `Name`"), "{e}");
    let e =
        lab::import(dir, &wrap(r#"{"Name": "A", "RecipientTypeDetails": "Mailboxy", "Database": "DB1"}"#)).unwrap_err();
    assert!(e.to_string().contains("OnPremises.Recipients[0].RecipientTypeDetails"), "{e}");
    let e = lab::import(dir, &wrap(r#"{"Name": "A", "RecipientTypeDetails": "UserMailbox", "Database": "DB9"}"#))
        .unwrap_err();
    assert_eq!(
        e.to_string(),
        "lab import: OnPremises.Recipients[0].Database: database 'DB9' is not one of OnPremises.Databases"
    );
    let e = lab::import(dir, &wrap(r#"{"Name": "A", "RecipientTypeDetails": "UserMailbox"}"#)).unwrap_err();
    assert_eq!(e.to_string(), "lab import: OnPremises.Recipients[0].Database: a UserMailbox needs a Database");
    let e = lab::import(dir, r#"{"Organization": {"Name": "F", "Domain": "f.com"}, "OnPremises": {"Servers": [{"Name": "EX1", "AdminDisplayVersion": "15.2"}]}}"#).unwrap_err();
    assert!(e.to_string().starts_with("lab import: OnPremises.Servers[0].AdminDisplayVersion:"), "{e}");
    let e = lab::import(dir, "{ not json").unwrap_err();
    assert!(matches!(e, LabError::Parse { .. }), "{e}");
    // Nothing was created by the failed imports.
    assert!(matches!(lab::open(dir, Side::OnPremises).unwrap_err(), LabError::NotInitialised { .. }));
}

#[test]
fn a_minimal_import_is_completed_and_show_round_trips() {
    let d = tempfile::tempdir().unwrap();
    let json = r#"{
      "Organization": {"Name": "Fabrikam", "Domain": "fabrikam.com"},
      "OnPremises": {
        "Servers": [{"Name": "EX1", "AdminDisplayVersion": "Version 15.2 (Build 1544.4)"}],
        "Databases": [{"Name": "DB1", "Server": "EX1"}],
        "Recipients": [
          {"Name": "Ana Lima", "Alias": "ana", "RecipientTypeDetails": "UserMailbox", "Database": "DB1",
           "TotalItemSize": "1.5 GB", "LastLogonTime": "2025-05-01T09:30:00Z"},
          {"Name": "Help Desk", "Alias": "help", "RecipientTypeDetails": "RemoteSharedMailbox"}
        ]
      },
      "Online": {"Mailboxes": [{"Name": "Help Desk", "RecipientTypeDetails": "SharedMailbox"}]}
    }"#;
    let summary = lab::import(d.path(), json).unwrap();
    assert_eq!(summary.on_premises_total(), 2);
    let ana = get_mailbox(d.path(), Side::OnPremises, "ana@fabrikam.com");
    assert_eq!(prop(&ana, "Identity").as_deref(), Some("fabrikam.com/Users/Ana Lima"));
    assert_eq!(prop(&ana, "UserPrincipalName").as_deref(), Some("ana@fabrikam.com"));
    let help = shown_online(d.path(), "Help Desk");
    assert_eq!(help["UserPrincipalName"], "help@fabrikam.com");
    assert!(help["ImmutableId"].is_string(), "soft-matched to the on-premises remote mailbox");
    let shown = lab::show(d.path()).unwrap();
    assert_eq!(shown["Lab"], true);
    let again = tempfile::tempdir().unwrap();
    lab::import(again.path(), &shown.to_string()).unwrap();
    assert_eq!(lab::show(again.path()).unwrap(), shown);
}

#[test]
fn the_default_organisation_round_trips_through_show() {
    let (_t, dir) = lab();
    let shown = lab::show(&dir).unwrap();
    let d2 = tempfile::tempdir().unwrap();
    lab::import(d2.path(), &serde_json::to_string_pretty(&shown).unwrap()).unwrap();
    assert_eq!(lab::show(d2.path()).unwrap(), shown);
}

#[test]
fn opening_a_directory_without_a_lab_says_to_run_init() {
    let d = tempfile::tempdir().unwrap();
    let e = lab::open(d.path(), Side::OnPremises).unwrap_err();
    assert!(e.to_string().contains("run `mbxctl lab init`"), "{e}");
    assert!(lab::show(d.path()).is_err());
}

#[test]
fn latency_fault_delays_each_cmdlet() {
    let (_t, dir) = lab();
    lab::set_faults(&dir, Faults { latency: Some(Duration::from_millis(150)), ..Faults::default() }).unwrap();
    let mut s = shell(&dir, Side::OnPremises);
    let start = Instant::now();
    run(&mut s, &Invocation::new("Get-Mailbox").param("Identity", "kim"));
    run(&mut s, &Invocation::new("Get-Mailbox").param("Identity", "kim"));
    assert!(start.elapsed() >= Duration::from_millis(300));
    assert_eq!(lab::faults(&dir).unwrap().latency, Some(Duration::from_millis(150)));
}

#[test]
fn throttle_fault_fails_every_nth_cmdlet_across_shells() {
    let (_t, dir) = lab();
    lab::set_faults(&dir, Faults { throttle_every: Some(3), ..Faults::default() }).unwrap();
    let mut a = shell(&dir, Side::OnPremises);
    let mut b = shell(&dir, Side::Online);
    let get = Invocation::new("Get-Mailbox").param("Identity", "kim");
    assert!(run(&mut a, &get).succeeded());
    assert!(run(&mut b, &Invocation::new("Get-Mailbox").param("Identity", "adele")).succeeded());
    let third = run(&mut a, &get);
    assert_eq!(third.state, PipelineEnd::Failed);
    assert!(third.errors[0].terminating);
    assert_eq!(
        third.errors[0].message,
        "Operation aborted because the operation has exceeded your throttling policy budget. Please wait for 5 seconds."
    );
    assert!(run(&mut a, &get).succeeded());
    lab::clear_faults(&dir).unwrap();
    assert!(lab::faults(&dir).unwrap().is_empty());
}

#[test]
fn break_fault_breaks_the_session_after_n_cmdlets() {
    let (_t, dir) = lab();
    lab::set_faults(&dir, Faults { break_after: Some(2), ..Faults::default() }).unwrap();
    let mut s = shell(&dir, Side::OnPremises);
    let get = Invocation::new("Get-Mailbox").param("Identity", "kim");
    assert!(try_run(&mut s, &get).is_ok());
    assert!(try_run(&mut s, &get).is_ok());
    assert!(matches!(try_run(&mut s, &get), Err(ShellError::Broken(_))));
    assert!(matches!(try_run(&mut s, &get), Err(ShellError::Broken(_))));
    // A new shell (a reopened session) works again.
    assert!(try_run(&mut shell(&dir, Side::OnPremises), &get).is_ok());
}

#[test]
fn fail_fault_denies_writes_to_listed_identities() {
    let (_t, dir) = lab();
    lab::set_faults(&dir, Faults { fail: vec!["kim@contoso.com".into()], ..Faults::default() }).unwrap();
    let mut s = shell(&dir, Side::OnPremises);
    let out = run(&mut s, &to_shared("Kim Akers"));
    let e = &out.errors[0];
    assert!(e.message.starts_with("Active Directory operation failed on DC01.contoso.com. This error is not retriable. Additional information: Insufficient access rights to perform the operation."), "{}", e.message);
    assert_eq!(e.exception_type.as_deref(), Some("Microsoft.Exchange.Data.Directory.ADOperationException"));
    assert_eq!(
        prop(&get_mailbox(&dir, Side::OnPremises, "kim"), "RecipientTypeDetails").as_deref(),
        Some("UserMailbox")
    );
    assert!(run(&mut s, &to_shared("lee")).succeeded(), "other mailboxes are writable");
}

#[test]
fn audit_log_records_changes_masks_secrets_and_failures() {
    let (_t, dir) = lab();
    let mut s = shell(&dir, Side::OnPremises);
    assert!(run(&mut s, &to_shared("kim")).succeeded());
    let back = Invocation::new("Set-Mailbox")
        .param("Identity", "kim")
        .param("Type", "Regular")
        .param("Password", Value::Secure(Secret::new("Winter2025!")));
    assert!(run(&mut s, &back).succeeded());
    run(&mut s, &to_shared("linked.user"));
    run(&mut s, &Invocation::new("Get-Mailbox").param("Identity", "kim"));
    let mut online = shell(&dir, Side::Online);
    assert!(run(&mut online, &to_shared("diego")).succeeded());
    let log = lab::audit_log(&dir).unwrap();
    assert_eq!(log.len(), 4, "reads are not logged");
    assert_eq!(log[0].cmdlet_name, "Set-Mailbox");
    assert_eq!(log[0].object_modified, "contoso.com/Users/Kim Akers");
    assert_eq!(log[0].caller, "contoso.com/Users/Administrator");
    assert_eq!(log[0].side, Side::OnPremises);
    assert!(log[0].succeeded);
    let rtd = log[0].modified_properties.iter().find(|m| m.name == "RecipientTypeDetails").unwrap();
    assert_eq!((rtd.old_value.as_str(), rtd.new_value.as_str()), ("\"UserMailbox\"", "\"SharedMailbox\""));
    let pw = log[1].cmdlet_parameters.iter().find(|p| p.name == "Password").unwrap();
    assert_eq!(pw.value, "********");
    let text = serde_json::to_string(&log).unwrap();
    assert!(!text.contains("Winter2025"));
    assert!(!log[2].succeeded);
    assert!(log[2].error.as_deref().unwrap().contains("isn't supported"));
    assert_eq!(log[3].side, Side::Online);
    assert_eq!(log[3].caller, "admin@contoso.onmicrosoft.com");
    assert_eq!(log[3].originating_server, "outlook.office365.com");
}

#[test]
fn the_documented_import_example_imports() {
    let doc = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/docs/lab.md")).unwrap();
    let start = doc.find("```json\n").expect("example in docs/lab.md") + "```json\n".len();
    let json = &doc[start..start + doc[start..].find("```").unwrap()];
    let d = tempfile::tempdir().unwrap();
    let summary = lab::import(d.path(), json).unwrap();
    assert_eq!(summary.on_premises_total(), 3);
    assert_eq!(summary.disconnected_mailboxes, 1);
    assert_eq!(lab::faults(d.path()).unwrap().fail, ["ana"]);
    let help = shown_online(d.path(), "Help Desk");
    assert_eq!(
        help["ImmutableId"],
        shown_onprem(d.path(), "Help Desk")["Guid"]
            .as_str()
            .map(|g| {
                use base64::Engine;
                base64::engine::general_purpose::STANDARD.encode(uuid::Uuid::parse_str(g).unwrap().to_bytes_le())
            })
            .unwrap()
    );
    let mut s = shell(d.path(), Side::OnPremises);
    let out = run(&mut s, &Invocation::new("Set-Mailbox").param("Identity", "ana").param("Type", "Shared"));
    assert!(out.errors[0].message.contains("Insufficient access rights"), "the Fail fault from the example");
}

#[test]
fn demo_honours_lab_dir_and_mbxctl_lab_and_never_replaces_a_lab() {
    let t = tempfile::tempdir().unwrap();
    let mbx = |args: &[&str], env: Option<&std::path::Path>| {
        let mut c = std::process::Command::new(env!("CARGO_BIN_EXE_mbxctl"));
        c.args(args).env_remove("MBXCTL_LAB").env("NO_COLOR", "1");
        if let Some(d) = env {
            c.env("MBXCTL_LAB", d);
        }
        c.output().unwrap()
    };
    // --lab-dir: the tour's LAB is there, with the tour's changes in its audit log.
    let flag = t.path().join("by-flag");
    let out = mbx(&["--lab-dir", flag.to_str().unwrap(), "demo"], None);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let entries = lab::audit_log(&flag).unwrap();
    assert!(entries.iter().any(|e| e.cmdlet_name == "Add-MailboxPermission"), "{entries:?}");
    // MBXCTL_LAB: the same.
    let by_env = t.path().join("by-env");
    let out = mbx(&["demo"], Some(&by_env));
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(!lab::audit_log(&by_env).unwrap().is_empty());
    // A LAB already there is refused by name, and left as it was.
    let before = lab::audit_log(&flag).unwrap().len();
    let again = mbx(&["--lab-dir", flag.to_str().unwrap(), "demo"], None);
    assert_eq!(again.status.code(), Some(2));
    let err = String::from_utf8_lossy(&again.stderr);
    assert!(err.contains("--lab-dir") && err.contains("a LAB already exists there"), "{err}");
    assert_eq!(lab::audit_log(&flag).unwrap().len(), before);
}
