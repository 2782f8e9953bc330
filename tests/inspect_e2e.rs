//! `mbxctl show` and `mbxctl list` end to end on the LAB: what they report matches the LAB's
//! organisation (`lab show --json`), delegates granted by `convert` appear, filters select the
//! right mailboxes, and neither command changes anything (the LAB's audit log stays empty).

mod common;

use common::{Lab, org};
use serde_json::{Value, json};

fn names(doc: &Value) -> Vec<String> {
    let mut v: Vec<String> = doc["mailboxes"]
        .as_array()
        .expect("mailboxes")
        .iter()
        .map(|m| m["name"].as_str().expect("name").to_string())
        .collect();
    v.sort();
    v
}

fn check_ids(view: &Value) -> Vec<String> {
    view["checks"].as_array().expect("checks").iter().map(|c| c["id"].as_str().unwrap().to_string()).collect()
}

#[test]
fn show_reports_the_mailbox_as_the_lab_holds_it_and_changes_nothing() {
    let lab = Lab::init();
    let (code, doc) = lab.json(&["show", "kim"]);
    assert_eq!(code, 0, "{doc:#}");
    assert_eq!(doc["command"], "show");
    assert_eq!(doc["target"]["kind"], "lab");
    let v = &doc["mailboxes"][0];
    let kim = lab.onprem("Kim Akers");
    assert_eq!(v["query"], "kim");
    assert_eq!(v["side"], "onpremises");
    assert_eq!(v["mailbox"]["PrimarySmtpAddress"], kim["PrimarySmtpAddress"]);
    assert_eq!(v["mailbox"]["RecipientTypeDetails"], "UserMailbox");
    assert_eq!(v["mailbox"]["AccountDisabled"], false);
    assert!(v["statistics"]["TotalItemSize"].as_u64().unwrap() > 0, "{v:#}");
    assert_eq!(v["full_access"], json!([]));
    assert!(lab.audit().is_empty(), "show must not change anything");
}

#[test]
fn delegates_granted_by_convert_appear_in_show() {
    let lab = Lab::init();
    let (code, _) = lab.json(&["convert", "kim", "--to", "shared", "--full-access", "lee", "--send-as", "megan"]);
    assert_eq!(code, 0);
    let changes = lab.audit().len();
    let (code, doc) = lab.json(&["show", "kim@contoso.com"]);
    assert_eq!(code, 0, "{doc:#}");
    let v = &doc["mailboxes"][0];
    assert_eq!(v["mailbox"]["RecipientTypeDetails"], "SharedMailbox");
    let fa: Vec<&str> = v["full_access"].as_array().unwrap().iter().map(|d| d["user"].as_str().unwrap()).collect();
    assert_eq!(fa, ["CONTOSO\\lee"], "{v:#}");
    assert_eq!(v["send_as"], json!(["CONTOSO\\megan"]));
    assert!(!check_ids(v).contains(&"no-delegates".to_string()));
    assert_eq!(lab.audit().len(), changes, "show must not change anything");

    // The human view names them too.
    let run = lab.mbx(&["show", "kim"]).run();
    assert_eq!(run.code, 0);
    assert!(run.stdout.contains("CONTOSO\\lee"), "{}", run.stdout);
    assert!(run.stdout.starts_with("=== LAB ==="), "{}", run.stdout);
}

#[test]
fn show_flags_what_needs_a_licence_and_a_shared_mailbox_nobody_can_open() {
    let lab = Lab::import(&org(
        json!([
            {"Name": "Big Hold", "Alias": "bighold", "RecipientTypeDetails": "SharedMailbox", "Database": "DB1",
             "LitigationHoldEnabled": true, "TotalItemSize": "60 GB (64,424,509,440 bytes)", "LastLogonTime": "2025-05-01T09:30:00Z"},
        ]),
        json!([]),
    ));
    let (code, doc) = lab.json(&["show", "bighold"]);
    assert_eq!(code, 0, "{doc:#}");
    let ids = check_ids(&doc["mailboxes"][0]);
    for id in ["size", "holds", "no-delegates"] {
        assert!(ids.contains(&id.to_string()), "{id} missing in {ids:?}");
    }
}

#[test]
fn show_of_unknown_and_hostile_names_fails_that_name_only() {
    let lab = Lab::init();
    let (code, doc) = lab.json(&["show", "kim", "nobody-here", "x'; Remove-Mailbox kim"]);
    assert_eq!(code, 1, "{doc:#}");
    assert_eq!(doc["mailboxes"].as_array().unwrap().len(), 1);
    let errors = doc["errors"].as_array().unwrap();
    assert_eq!(errors.len(), 2, "{doc:#}");
    assert!(errors[0]["error"].as_str().unwrap().contains("not found"), "{doc:#}");
    assert!(lab.audit().is_empty());
    assert_eq!(lab.onprem("Kim Akers")["RecipientTypeDetails"], "UserMailbox");
}

#[test]
fn a_cloud_only_mailbox_named_on_premises_is_shown_from_exchange_online() {
    let lab = Lab::init();
    let (code, doc) = lab.json(&["show", "cloudshared@contoso.onmicrosoft.com"]);
    assert_eq!(code, 0, "{doc:#}");
    let v = &doc["mailboxes"][0];
    assert_eq!(v["side"], "online");
    assert!(v["notes"].as_array().unwrap().iter().any(|n| n.as_str().unwrap().contains("only in Exchange Online")));
}

#[test]
fn list_filters_select_the_right_mailboxes() {
    let lab = Lab::import(&org(
        json!([
            {"Name": "Shared Open", "Alias": "sopen", "RecipientTypeDetails": "SharedMailbox", "Database": "DB1",
             "MailboxPermissions": [{"User": "CONTOSO\\kim", "AccessRights": ["FullAccess"]}]},
            {"Name": "Shared Orphan", "Alias": "sorphan", "RecipientTypeDetails": "SharedMailbox", "Database": "DB1"},
            {"Name": "Shared Big", "Alias": "sbig", "RecipientTypeDetails": "SharedMailbox", "Database": "DB1",
             "TotalItemSize": "60 GB (64,424,509,440 bytes)", "LastLogonTime": "2025-05-01T09:30:00Z",
             "MailboxPermissions": [{"User": "CONTOSO\\kim", "AccessRights": ["FullAccess"]}]},
            {"Name": "Kim Akers", "Alias": "kim", "RecipientTypeDetails": "UserMailbox", "Database": "DB1", "LitigationHoldEnabled": true},
        ]),
        json!([]),
    ));
    let (code, doc) = lab.json(&["list", "--type", "shared"]);
    assert_eq!(code, 0, "{doc:#}");
    assert_eq!(names(&doc), ["Shared Big", "Shared Open", "Shared Orphan"]);
    let (_, doc) = lab.json(&["list", "--type", "shared", "--no-delegates"]);
    assert_eq!(names(&doc), ["Shared Orphan"], "{doc:#}");
    let (_, doc) = lab.json(&["list", "--over", "50GB"]);
    assert_eq!(names(&doc), ["Shared Big"], "{doc:#}");
    assert_eq!(doc["mailboxes"][0]["total_item_size"], 64_424_509_440u64);
    let (_, doc) = lab.json(&["list", "--on-hold"]);
    assert_eq!(names(&doc), ["Kim Akers"], "{doc:#}");
    let (_, doc) = lab.json(&["list", "--side", "online"]);
    assert_eq!(doc["count"], 0);
    assert!(lab.audit().is_empty());
}

#[test]
fn list_csv_is_excel_ready_and_bad_filters_are_usage_errors() {
    let lab = Lab::init();
    let run = lab.mbx(&["list", "--type", "shared", "--csv"]).run();
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stdout.starts_with('\u{FEFF}'), "BOM for Excel");
    let mut lines = run.stdout.trim_start_matches('\u{FEFF}').split("\r\n");
    assert_eq!(
        lines.next().unwrap(),
        "Name,PrimarySmtpAddress,RecipientTypeDetails,Side,TotalItemSizeBytes,OnHold,Archive,SKUAssigned,Delegates"
    );
    assert!(lines.any(|l| l.starts_with("Sales Team,sales@contoso.com,SharedMailbox,on-prem")), "{}", run.stdout);

    let run = lab.mbx(&["list", "--over", "lots"]).run();
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("50GB"), "{}", run.stderr);
    let run = lab.mbx(&["list", "--type", "mailboxy"]).run();
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("shared, user, room"), "{}", run.stderr);
}

#[test]
fn a_hybrid_mailbox_shows_both_sides_and_the_kb2710029_revert_risk() {
    let lab = Lab::init();
    // Isaiah: shared in Exchange Online, still a remote user mailbox on-premises.
    let (code, doc) = lab.json(&["show", "isaiah"]);
    assert_eq!(code, 0, "{doc:#}");
    let v = &doc["mailboxes"][0];
    assert_eq!(v["side"], "online");
    assert_eq!(v["mailbox"]["RecipientTypeDetails"], "SharedMailbox");
    assert_eq!(v["remote"]["RecipientTypeDetails"], "RemoteUserMailbox");
    assert!(check_ids(v).contains(&"revert-risk".to_string()), "{v:#}");
    let risk = v["checks"].as_array().unwrap().iter().find(|c| c["id"] == "revert-risk").unwrap();
    assert!(risk["message"].as_str().unwrap().contains("KB2710029"));
    // A mailbox both sides agree on carries no such warning.
    let (_, doc) = lab.json(&["show", "adele"]);
    assert!(!check_ids(&doc["mailboxes"][0]).contains(&"revert-risk".to_string()), "{doc:#}");
}
