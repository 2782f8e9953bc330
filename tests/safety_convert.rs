//! Issue #12, the single `convert` half, end to end on the LAB: every run either refuses before
//! its first change or reports exactly what it changed, with an exit code that says so. Each
//! test asserts the LAB's state and audit log afterwards, the exit code and the report.

mod common;

use common::{Lab, audit_cmdlets};
use serde_json::Value;

/// The changing cmdlets in the LAB's audit log (reads are not audited, changes are).
fn changes(lab: &Lab) -> Vec<(String, String)> {
    audit_cmdlets(&lab.audit())
}

fn shared(lab: &Lab, names: &[&str]) {
    let run = lab.mbx(&[&["convert"][..], names, &["--to", "shared"]].concat()).run();
    run.code(0);
}

#[test]
fn a_bad_password_count_is_refused_before_the_first_change_exit_2() {
    let lab = Lab::init();
    shared(&lab, &["joni", "alex"]);
    let before = changes(&lab).len();
    // Two mailboxes, three lines: neither one line for all nor one per mailbox.
    let run = lab
        .mbx(&["convert", "joni", "alex", "--to", "regular", "--password-stdin"])
        .stdin("N3w-Passw0rd!\nOther-Passw0rd!\nThird-Passw0rd!\n")
        .run();
    run.code(2);
    assert!(run.stderr.contains("3 password lines for 2 mailboxes"), "{}", run.stderr);
    assert!(run.stderr.contains("nothing was changed"), "{}", run.stderr);
    assert_eq!(changes(&lab).len(), before, "exit 2 must mean no change in the audit log");
    assert_eq!(lab.onprem("Joni Sherman")["RecipientTypeDetails"], "SharedMailbox");
    assert_eq!(lab.onprem("Alex Wilber")["RecipientTypeDetails"], "SharedMailbox");

    // An empty line in the middle is refused the same way.
    let run = lab
        .mbx(&["convert", "joni", "alex", "--to", "regular", "--password-stdin"])
        .stdin("N3w-Passw0rd!\n\nx\n")
        .run();
    run.code(2);
    assert!(run.stderr.contains("line 2 of standard input is empty"), "{}", run.stderr);
    assert_eq!(changes(&lab).len(), before);
}

#[test]
fn one_password_line_serves_every_mailbox_and_one_per_mailbox_is_taken_in_order() {
    let lab = Lab::init();
    shared(&lab, &["joni", "alex"]);
    let (code, doc) = {
        let run = lab
            .mbx(&["--json", "convert", "joni", "alex", "--to", "regular", "--password-stdin"])
            .stdin("N3w-Passw0rd!\n")
            .run();
        (run.code, run.json())
    };
    assert_eq!(code, 0, "{doc:#}");
    assert_eq!(doc["summary"]["converted"], 2);
    assert_eq!(lab.onprem("Joni Sherman")["RecipientTypeDetails"], "UserMailbox");
    assert_eq!(lab.onprem("Alex Wilber")["RecipientTypeDetails"], "UserMailbox");
    // The Ran line shows what was sent: a SecureString parameter, not a Read-Host never run.
    let text = doc["results"][0]["commands"][0]["text"].as_str().unwrap_or_default().to_string();
    assert!(text.contains("-Password <SecureString, not shown>"), "{text}");
    assert!(!text.contains("Read-Host"), "{text}");
    assert!(!lab.files_contain("N3w-Passw0rd!"), "the password must not reach the LAB's files or journals");

    shared(&lab, &["joni", "alex"]);
    let run = lab
        .mbx(&["convert", "joni", "alex", "--to", "regular", "--password-stdin"])
        .stdin("First-Passw0rd!\r\nSecond-Passw0rd!\r\n")
        .run();
    run.code(0);
    assert_eq!(lab.onprem("Alex Wilber")["RecipientTypeDetails"], "UserMailbox");
}

#[test]
fn a_later_mailbox_failing_after_an_earlier_change_reports_the_change_and_exits_4() {
    let lab = Lab::init();
    shared(&lab, &["joni"]);
    let before = changes(&lab).len();
    let run = lab
        .mbx(&["--json", "convert", "joni", "nosuch", "--to", "regular", "--password-stdin"])
        .stdin("N3w-Passw0rd!\n")
        .run();
    run.code(4);
    let doc = run.json();
    assert_eq!(doc["results"][0]["status"], "converted");
    assert_eq!(doc["results"][1]["status"], "blocked");
    assert_eq!(doc["exit_code"], 4);
    let after = changes(&lab);
    assert_eq!(after.len(), before + 1, "exactly joni's conversion: {after:?}");
    assert_eq!(after.last().map(|c| c.0.as_str()), Some("Set-Mailbox"));
    assert_eq!(lab.onprem("Joni Sherman")["RecipientTypeDetails"], "UserMailbox");
}

#[test]
fn already_shared_with_new_full_access_is_permissions_granted_not_converted() {
    let lab = Lab::init();
    shared(&lab, &["kim"]);
    let (code, doc) = lab.json(&["convert", "kim", "--to", "shared", "--full-access", "lee"]);
    assert_eq!(code, 0);
    let r = &doc["results"][0];
    assert_eq!(r["status"], "permissions-granted", "{doc:#}");
    assert_eq!(doc["summary"]["converted"], 0);
    assert_eq!(doc["summary"]["permissions_granted"], 1);
    let last = changes(&lab);
    assert_eq!(last.last().map(|c| c.0.as_str()), Some("Add-MailboxPermission"));
    assert!(!last.iter().skip(1).any(|c| c.0 == "Set-Mailbox"), "no second type change: {last:?}");

    // The same grant again: Exchange says the ACE is present, so nothing changed.
    let (code, doc) = lab.json(&["convert", "kim", "--to", "shared", "--full-access", "lee"]);
    assert_eq!(code, 0);
    assert_eq!(doc["results"][0]["status"], "nothing-to-do", "{doc:#}");
    assert_eq!(doc["summary"]["nothing_to_do"], 1);

    let human = lab.mbx(&["convert", "kim", "--to", "shared", "--full-access", "lee"]).run();
    assert!(human.stdout.contains("NOTHING TO DO (already SHARED)"), "{}", human.stdout);
}

#[test]
fn a_single_convert_is_a_run_that_rollback_last_undoes() {
    let lab = Lab::init();
    let (code, doc) = lab.json(&["convert", "kim", "--to", "shared", "--full-access", "lee"]);
    assert_eq!(code, 0);
    let id = doc["run_id"].as_str().expect("run_id").to_string();
    let list = lab.mbx(&["--json", "runs", "list"]).run();
    list.code(0);
    let runs: Value = list.json();
    let run = runs["runs"].as_array().expect("runs").iter().find(|r| r["id"] == id.as_str()).cloned();
    let run = run.expect("the single convert is listed");
    assert!(run["command"].as_str().unwrap_or_default().starts_with("convert kim --to shared"), "{run:#}");
    assert_eq!(run["finished"], true);

    // Converting back needs a password (refusing a rollback without one is the batch half of #12).
    let back = lab
        .mbx(&["--json", "rollback", "last", "--password-stdin"])
        .stdin(
            "N3w-Passw0rd!
",
        )
        .run();
    back.code(0);
    let kim = lab.onprem("Kim Akers");
    assert_eq!(kim["RecipientTypeDetails"], "UserMailbox", "rolled back");
    let log = changes(&lab);
    assert!(log.iter().any(|c| c.0 == "Remove-MailboxPermission"), "{log:?}");

    // A dry run changes nothing and is no run.
    let (_, dry) = lab.json(&["convert", "alex", "--to", "shared", "--dry-run"]);
    assert!(dry.get("run_id").is_none(), "{dry:#}");
}

#[cfg(unix)]
#[test]
fn ctrl_c_before_the_change_is_sent_says_nothing_changed_and_exits_130() {
    use std::time::{Duration, Instant};
    let lab = Lab::init();
    lab.mbx(&["lab", "faults", "--latency", "1s"]).run().code(0);
    let before = changes(&lab).len();
    let bin = env!("CARGO_BIN_EXE_mbxctl");
    let child = std::process::Command::new(bin)
        .args(["--lab-dir", &lab.dir.to_string_lossy(), "convert", "kim", "--to", "shared"])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("spawn");
    // Get-Recipient, Get-Mailbox, Get-MailboxStatistics each take 1 s before Set-Mailbox.
    std::thread::sleep(Duration::from_millis(1500));
    let started = Instant::now();
    let _ = std::process::Command::new("kill").args(["-INT", &child.id().to_string()]).status();
    let out = child.wait_with_output().expect("wait");
    assert!(started.elapsed() < Duration::from_secs(5), "stops promptly");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(130), "{stderr}");
    assert!(stderr.contains("nothing was sent to Exchange for kim"), "{stderr}");
    assert!(stderr.contains("resume "), "{stderr}");
    lab.mbx(&["lab", "faults", "--clear"]).run().code(0);
    assert_eq!(changes(&lab).len(), before, "nothing changed");
    assert_eq!(lab.onprem("Kim Akers")["RecipientTypeDetails"], "UserMailbox");
}

#[test]
fn a_table_cell_over_65535_characters_does_not_panic() {
    let dir = tempfile::tempdir().expect("tmp");
    let script = dir.path().join("long.ps1");
    std::fs::write(&script, format!("Set-Mailbox -Identity kim -DisplayName '{}'\n", "x".repeat(65_600)))
        .expect("write");
    let run = common::mbx(&["validate", &script.to_string_lossy()]).run();
    assert!(!run.stderr.contains("panicked"), "{}", run.stderr);
    assert!(run.code == 0 || run.code == 1, "exit {}: {}", run.code, run.stderr);
}

#[test]
fn a_profile_or_pwsh_with_a_lab_from_the_environment_is_refused_naming_both() {
    let lab = Lab::init();
    let before = changes(&lab).len();
    let dir = lab.dir.to_string_lossy().into_owned();
    for extra in [&["--profile", "onprem"][..], &["--pwsh", "pwsh"][..]] {
        let mut args = extra.to_vec();
        args.extend(["--json", "convert", "kim", "--to", "shared"]);
        let run = common::mbx(&args).env("MBXCTL_LAB", &dir).run();
        run.code(2);
        let doc = run.json();
        let error = doc["error"].as_str().unwrap_or_default();
        assert!(error.contains("MBXCTL_LAB") && error.contains(extra[0]), "{doc:#}");
    }
    // The reverse: an explicit --lab-dir with --profile.
    let run = lab.mbx(&["--profile", "onprem", "convert", "kim", "--to", "shared"]).run();
    run.code(2);
    assert!(run.stderr.contains("--lab-dir") && run.stderr.contains("--profile onprem"), "{}", run.stderr);
    assert_eq!(changes(&lab).len(), before, "nothing changed");
    assert_eq!(lab.onprem("Kim Akers")["RecipientTypeDetails"], "UserMailbox");
}

/// Issue #12.4: the target is in every JSON document — batch lines, errors, runs, rollback — and
/// first in human output, even when the command stops before it opens a session.
#[test]
fn the_target_is_in_every_json_document_and_first_in_human_output() {
    let lab = Lab::init();
    let csv = lab.scratch().join("two.csv");
    std::fs::write(&csv, "Identity\nkim\nlee\n").unwrap();
    let run = lab.mbx(&["--json", "convert", "--from", csv.to_str().unwrap(), "--to", "shared"]).run();
    run.code(0);
    let lines: Vec<Value> = run.stdout.lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    assert_eq!(lines.len(), 3, "{}", run.stdout);
    for line in &lines {
        assert_eq!(line["target"]["kind"], "lab", "{line}");
        assert_eq!(line["target"]["production"], false, "{line}");
    }
    // An error document names the target too.
    let run = lab.mbx(&["--json", "convert", "nobody-here", "--to", "shared"]).run();
    let doc = run.json();
    assert_eq!(doc["target"]["kind"], "lab", "{doc}");
    // `runs list` is one document; rollback writes JSON lines (items, then the summary).
    let doc = lab.mbx(&["--json", "runs", "list"]).run().json();
    assert_eq!(doc["target"]["kind"], "lab", "{doc}");
    let run = lab.mbx(&["--json", "rollback", "last", "--dry-run"]).run();
    for line in run.stdout.lines() {
        let doc: Value = serde_json::from_str(line).unwrap_or_else(|e| panic!("{e}: {line}"));
        assert_eq!(doc["target"]["kind"], "lab", "{doc}");
    }
    // Human output starts with the LAB line, also when there is nothing to do.
    let run = lab.mbx(&["resume", "last"]).run();
    assert!(run.stdout.starts_with("=== LAB ==="), "{}", run.stdout);
    let run = lab.mbx(&["convert", "kim", "--to", "shared"]).run();
    run.code(0);
    assert!(run.stdout.starts_with("=== LAB ==="), "{}", run.stdout);
}

/// Issue #12.7: `convert --disconnected` changes something, so it is a journaled run too; its
/// rollback is refused as manual (naming Disable-Mailbox) before anything is sent.
#[test]
fn a_disconnected_mailbox_connected_as_shared_is_a_run_whose_rollback_is_manual() {
    let lab = Lab::init();
    let run = lab
        .mbx(&["--json", "convert", "--disconnected", "Former Employee", "--database", "DB01", "--user", "johanna"])
        .run();
    run.code(0);
    let doc = run.json();
    let run_id = doc["run_id"].as_str().unwrap_or_else(|| panic!("no run_id: {doc:#}")).to_string();
    assert_eq!(lab.onprem("Johanna Lorenz")["RecipientTypeDetails"], "SharedMailbox");
    let runs = lab.mbx(&["--json", "runs", "show", &run_id]).run().json();
    let item = &runs["run"]["items"][0];
    assert_eq!(item["identity"], "johanna", "{runs:#}");
    assert_eq!(item["previous_type"], "DisconnectedMailbox", "{runs:#}");
    let before = changes(&lab).len();
    let run = lab.mbx(&["rollback", &run_id]).run();
    assert!(run.stdout.contains("Disable-Mailbox 'johanna'"), "{}", run.stdout);
    assert_eq!(changes(&lab).len(), before, "a manual rollback sends nothing");
    assert_eq!(lab.onprem("Johanna Lorenz")["RecipientTypeDetails"], "SharedMailbox");
}
