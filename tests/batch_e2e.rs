//! Batches end to end: the built binary against temporary LABs, with the LAB's state and admin
//! audit log checked afterwards (not just exit codes).

use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};

use std::process::{Command, Stdio};

#[path = "batch_support/mod.rs"]
mod batch_support;
use batch_support::*;

#[test]
fn thousand_rows_with_bad_rows_strict_refuses_and_lenient_converts_the_good_ones() {
    let (t, dir) = lab(1000);
    let users = generated(&dir);
    assert_eq!(users.len(), 1000);
    let mut csv = String::from("\u{feff}Identity;Type;Comment\r\n");
    for (i, u) in users.iter().enumerate() {
        csv.push_str(&format!("{u};Shared;row {i}\r\n"));
        match i {
            10 => csv.push_str(";Shared;no identity\r\n"),
            20 => csv.push_str("someone.else;Room;bad target\r\n"),
            30 => csv.push_str(&format!("{};Shared;duplicate\r\n", users[0])),
            40 => csv.push_str(&format!("{}@contoso.com;Shared;address of row 1\r\n", users[1])),
            50 => csv.push_str("nobody.here;Shared;unknown\r\n"),
            _ => {}
        }
    }
    let file = write(t.path(), "leavers.csv", &csv);
    let file = file.to_str().unwrap();

    // --strict: refused before anything runs.
    let o = mbx(&dir, &["--json", "convert", "--from", file, "--strict"]);
    assert_eq!(code(&o), 2, "{}", text(&o));
    let lines = json_lines(&o);
    let codes: Vec<&str> =
        lines[0]["problems"].as_array().unwrap().iter().map(|p| p["code"].as_str().unwrap()).collect();
    assert!(codes.contains(&"empty-identity") && codes.contains(&"invalid-target"), "{codes:?}");
    assert!(audit(&dir).is_empty(), "strict mode changed something");
    assert!(runs(&dir).is_empty());

    // Lenient: the bad rows are skipped and named, the 1,000 good ones converted.
    let o = mbx(&dir, &["--json", "convert", "--from", file, "--sessions", "4"]);
    assert_eq!(code(&o), 4, "{}", text(&o));
    let lines = json_lines(&o);
    let summary = lines.last().unwrap();
    assert_eq!(summary["type"], "summary");
    assert_eq!((summary["converted"].as_u64(), summary["skipped"].as_u64()), (Some(1000), Some(5)), "{summary}");
    let problems: BTreeMap<u64, (String, String)> = summary["problems"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|p| p["severity"] == "error")
        .map(|p| {
            (p["row"].as_u64().unwrap(), (p["code"].as_str().unwrap().into(), p["column"].as_str().unwrap().into()))
        })
        .collect();
    // Data rows: good row i is i+1 plus the bad rows inserted before it.
    let expect = [
        (12, "empty-identity", "Identity"),
        (23, "invalid-target", "Type"),
        (34, "duplicate-identity", "Identity"),
        (45, "duplicate-mailbox", "Identity"),
        (56, "unknown-mailbox", "Identity"),
    ];
    for (row, c, col) in expect {
        assert_eq!(problems.get(&row), Some(&(c.to_string(), col.to_string())), "row {row}: {problems:?}");
    }
    assert_eq!(problems.len(), 5, "{problems:?}");
    let dup = summary["problems"].as_array().unwrap().iter().find(|p| p["row"] == 45).unwrap();
    assert!(dup["message"].as_str().unwrap().contains("on row 2"), "{dup}");

    // Users 0 and 1 are converted by their first rows; the rest too: all 1,000 are shared now.
    let now = recipients(&dir);
    for u in &users {
        assert_eq!(now[u]["RecipientTypeDetails"], "SharedMailbox", "{u}");
        assert_eq!(now[u]["AccountDisabled"], true, "{u}");
    }
    let changes = type_changes(&dir);
    assert_eq!(changes.len(), 1000);
    assert!(changes.values().all(|n| *n == 1));
    let items = lines.iter().filter(|l| l["type"] == "item").count();
    assert_eq!(items, 1005);
}

#[cfg(unix)]
#[test]
fn killed_run_resumes_and_converts_every_mailbox_exactly_once() {
    let (t, dir) = lab(40);
    let users = generated(&dir);
    let file = write(t.path(), "list.txt", &(users.join("\n") + "\n"));
    assert_eq!(code(&mbx(&dir, &["lab", "faults", "--latency", "50ms"])), 0);
    let mut child = Command::new(EXE)
        .arg("--lab-dir")
        .arg(&dir)
        .args(["convert", "--from", file.to_str().unwrap(), "--to", "shared", "--sessions", "2"])
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    // Kill once some items are journaled as verified.
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(30);
    loop {
        // runs/ also holds claims/; sum over every run directory.
        let verified = std::fs::read_dir(dir.join("runs"))
            .into_iter()
            .flatten()
            .filter_map(Result::ok)
            .filter_map(|e| std::fs::read_to_string(e.path().join("journal.jsonl")).ok())
            .map(|j| j.matches("\"state\":\"verified\"").count())
            .sum::<usize>();
        if verified >= 6 {
            break;
        }
        assert!(std::time::Instant::now() < deadline, "the run journaled nothing");
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    child.kill().unwrap(); // SIGKILL
    child.wait().unwrap();
    let partly = type_changes(&dir).len();
    assert!(partly > 0 && partly < 40, "{partly} converted before the kill");
    let listed = runs(&dir);
    assert_eq!(listed.len(), 1);
    assert_eq!(listed[0]["finished"], false);

    assert_eq!(code(&mbx(&dir, &["lab", "faults", "--clear"])), 0);
    let o = mbx(&dir, &["--json", "resume", "last", "--sessions", "3"]);
    assert_eq!(code(&o), 0, "{}", text(&o));
    let summary = json_lines(&o).pop().unwrap();
    assert_eq!(summary["failed"], 0, "{summary}");

    let now = recipients(&dir);
    assert!(users.iter().all(|u| now[u]["RecipientTypeDetails"] == "SharedMailbox"));
    let changes = type_changes(&dir);
    assert_eq!(changes.len(), 40);
    assert!(changes.values().all(|n| *n == 1), "{changes:?}");
    // Journals: every item verified in the first run or in its resume.
    let listed = runs(&dir);
    assert_eq!(listed.len(), 2);
    assert_eq!(listed[1]["parent"], listed[0]["id"]);
    let mut verified = BTreeSet::new();
    for r in &listed {
        let show = json(&mbx(&dir, &["--json", "runs", "show", r["id"].as_str().unwrap()]));
        for it in show["run"]["items"].as_array().unwrap() {
            if it["state"] == "verified" {
                verified.insert(it["identity"].as_str().unwrap().to_string());
            }
        }
    }
    assert_eq!(verified.len(), 40);
}

#[test]
fn throttling_and_broken_sessions_slow_but_do_not_fail() {
    let (t, dir) = lab(12);
    let users = generated(&dir);
    let file = write(t.path(), "list.txt", &(users.join("\n") + "\n"));
    let o = mbx(&dir, &["lab", "faults", "--throttle-every", "7", "--throttle-wait", "1", "--break-after", "25"]);
    assert_eq!(code(&o), 0, "{}", text(&o));
    let o = mbx(&dir, &["--json", "convert", "--from", file.to_str().unwrap(), "--to", "shared", "--sessions", "4"]);
    assert_eq!(code(&o), 0, "{}", text(&o));
    let summary = json_lines(&o).pop().unwrap();
    assert_eq!(summary["converted"], 12, "{summary}");
    let now = recipients(&dir);
    assert!(users.iter().all(|u| now[u]["RecipientTypeDetails"] == "SharedMailbox"));
    let changes = type_changes(&dir);
    assert_eq!(changes.len(), 12);
    assert!(changes.values().all(|n| *n == 1), "{changes:?}");
    // Throttled cmdlets never reached the audit log, and nothing that did reach it failed.
    assert!(audit(&dir).iter().all(|e| e["Succeeded"] == true));
}

#[test]
fn rollback_restores_types_accounts_and_exact_permissions_and_is_a_run() {
    let (t, dir) = lab(0);
    let before = recipients(&dir);
    let file = write(t.path(), "b.csv", "Identity,FullAccess\nkim,\nlee,megan\n");
    let o = mbx(
        &dir,
        &[
            "convert",
            "--from",
            file.to_str().unwrap(),
            "--to",
            "shared",
            "--full-access",
            "alex",
            "--send-as",
            "alex",
            "--send-on-behalf",
            "alex",
        ],
    );
    assert_eq!(code(&o), 0, "{}", text(&o));
    let mid = recipients(&dir);
    assert_eq!(mid["kim"]["RecipientTypeDetails"], "SharedMailbox");
    assert_ne!(mid["kim"], before["kim"]);
    let id = runs(&dir)[0]["id"].as_str().unwrap().to_string();

    // Without a password the dry run still plans, and warns that the real run needs one.
    let o = mbx(&dir, &["--json", "rollback", &id, "--dry-run"]);
    assert_eq!(code(&o), 0, "{}", text(&o));
    assert!(String::from_utf8_lossy(&o.stdout).contains("password is needed when it runs"), "{}", text(&o));
    assert_eq!(recipients(&dir), mid, "a dry run changed the LAB");
    let o = mbx_stdin(&dir, &["rollback", &id, "--dry-run", "--password-stdin"], "N3w-Passw0rd!\n");
    assert_eq!(code(&o), 0, "{}", text(&o));
    assert!(String::from_utf8_lossy(&o.stdout).contains("planned"), "{}", text(&o));
    assert_eq!(recipients(&dir), mid, "a dry run changed the LAB");

    let o = mbx_stdin(&dir, &["rollback", &id, "--password-stdin"], "N3w-Passw0rd!\n");
    assert_eq!(code(&o), 0, "{}", text(&o));
    let after = recipients(&dir);
    for who in ["kim", "lee"] {
        let strip = |v: &Value| {
            let mut v = v.clone();
            // Setting a password is part of converting back; it is not a delegation to undo.
            let o = v.as_object_mut().unwrap();
            for k in ["HasPassword", "PasswordLastSet", "ResetPasswordOnNextLogon"] {
                o.remove(k);
            }
            // Converting to shared stamps an explicit SELF FullAccess entry (as Exchange does);
            // it merges into the default SELF entry, so the effective permissions are unchanged.
            if let Some(Value::Array(aces)) = o.get_mut("MailboxPermissions") {
                aces.retain(|a| a["User"] != "NT AUTHORITY\\SELF");
                if aces.is_empty() {
                    o.remove("MailboxPermissions");
                }
            }
            v
        };
        assert_eq!(strip(&after[who]), strip(&before[who]), "{who} not restored");
        assert_eq!(after[who]["RecipientTypeDetails"], "UserMailbox");
        assert_eq!(after[who]["AccountDisabled"], false);
    }
    let listed = runs(&dir);
    let rb = listed
        .iter()
        .find(|r| {
            r["command"].as_str().unwrap().starts_with("rollback") && !r["command"].as_str().unwrap().contains("dry")
        })
        .unwrap();
    assert_eq!(rb["parent"], id.as_str());
    assert_eq!(rb["counts"]["undone"], 2, "the word the rollback printed: {rb}");
    assert!(
        !String::from_utf8_lossy(
            &std::fs::read(dir.join("runs").join(rb["id"].as_str().unwrap()).join("journal.jsonl")).unwrap()
        )
        .contains("N3w-Passw0rd")
    );
}

#[test]
fn json_lines_and_run_reports() {
    let (t, dir) = lab(0);
    let file = write(t.path(), "b.csv", "Identity\nkim\nsales\nnobody.here\n");
    let o = mbx(&dir, &["--json", "convert", "--from", file.to_str().unwrap(), "--to", "shared"]);
    assert_eq!(code(&o), 4, "{}", text(&o));
    let lines = json_lines(&o);
    assert_eq!(lines.len(), 4);
    let run_id = lines[3]["run_id"].as_str().unwrap().to_string();
    let by_row: BTreeMap<u64, &Value> = lines[..3].iter().map(|l| (l["row"].as_u64().unwrap(), l)).collect();
    assert!(lines[..3].iter().all(|l| l["type"] == "item" && l["run_id"] == run_id.as_str()));
    assert_eq!(by_row[&1]["status"], "converted");
    assert_eq!(by_row[&1]["identity"], "kim");
    assert_eq!(by_row[&1]["to"], "Shared");
    assert!(by_row[&1]["commands"][0]["text"].as_str().unwrap().starts_with("Set-Mailbox -Identity"));
    assert_eq!(by_row[&2]["status"], "nothing-to-do");
    assert_eq!(by_row[&3]["status"], "skipped");
    let s = &lines[3];
    assert_eq!(s["type"], "summary");
    assert_eq!(s["schema_version"], 1);
    for (k, v) in
        [("total", 3), ("converted", 1), ("nothing_to_do", 1), ("skipped", 1), ("failed", 0), ("exit_code", 4)]
    {
        assert_eq!(s[k], v, "{k}: {s}");
    }
    assert_eq!(s["problems"][0]["code"], "unknown-mailbox");

    let o = mbx(&dir, &["runs", "show", &run_id[..10], "--csv"]);
    assert_eq!(code(&o), 0, "{}", text(&o));
    let csv = String::from_utf8_lossy(&o.stdout).to_string();
    let csv = csv.strip_prefix('\u{FEFF}').expect("a BOM, so Excel reads UTF-8").to_string();
    assert!(csv.contains("\r\n"), "CRLF line ends for Excel");
    let rows: Vec<&str> = csv.lines().collect();
    assert!(
        rows[0].starts_with("RunId,Item,Identity,PrimarySmtpAddress,Target,Status,Reason,Warnings,Commands,"),
        "{}",
        rows[0]
    );
    assert!(rows[1].starts_with(&format!("{run_id},1,kim,kim@contoso.com,Shared,converted,")), "{}", rows[1]);
    assert!(
        rows[2].starts_with(&format!("{run_id},2,sales,sales@contoso.com,Shared,nothing-to-do,already Shared")),
        "{}",
        rows[2]
    );
    assert_eq!(rows.len(), 4);
    let listed = json(&mbx(&dir, &["--json", "runs", "list"]));
    assert_eq!(listed["runs"][0]["id"], run_id.as_str());
    assert_eq!(listed["runs"][0]["finished"], true);
    let o = mbx(&dir, &["runs", "show", "nope"]);
    assert_eq!(code(&o), 2, "{}", text(&o));
}

#[test]
fn last_skips_dry_runs_so_a_rollback_preview_does_not_hide_the_batch() {
    let (t, dir) = lab(4);
    let users = generated(&dir);
    assert_eq!(users.len(), 4);
    let file = write(t.path(), "list.txt", &(users.join("\n") + "\n"));
    let o = mbx(&dir, &["convert", "--from", file.to_str().unwrap(), "--to", "shared", "--sessions", "2"]);
    assert_eq!(code(&o), 0, "{}", text(&o));
    let now = recipients(&dir);
    assert!(users.iter().all(|u| now[u]["RecipientTypeDetails"] == "SharedMailbox"), "{now:?}");
    // A dry-run preview of the rollback, then the real one: `last` must still mean the batch.
    let o = mbx_stdin(&dir, &["rollback", "last", "--dry-run", "--password-stdin"], "Pr3view-Passw0rd!\n");
    assert_eq!(code(&o), 0, "{}", text(&o));
    let o = mbx_stdin(&dir, &["rollback", "last", "--password-stdin"], "R0llback-Passw0rd!\n");
    assert_eq!(code(&o), 0, "{}", text(&o));
    let now = recipients(&dir);
    assert!(users.iter().all(|u| now[u]["RecipientTypeDetails"] == "UserMailbox"), "{now:?}");
}
