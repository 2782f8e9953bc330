//! `mbxctl convert` end to end on the LAB: one test per rule of the workflow, each on its own
//! fresh LAB, asserting the JSON report (status, checks, exact commands, exit code) and the LAB's
//! state afterwards (`lab show --json`, `lab audit --json`).

mod common;

use common::{Lab, audit_cmdlets, check, commands, find, mbx, org, verdicts};
use serde_json::{Value, json};

/// Runs `convert ARGS --json` on `lab` and returns (exit code, the one result, the document).
fn convert(lab: &Lab, args: &[&str]) -> (i32, Value, Value) {
    let mut all = vec!["convert"];
    all.extend_from_slice(args);
    let (code, doc) = lab.json(&all);
    assert_eq!(doc["command"], "convert");
    assert_eq!(doc["schema_version"], 1);
    let results = doc["results"].as_array().expect("results");
    assert_eq!(results.len(), 1, "{doc:#}");
    (code, results[0].clone(), doc)
}

/// The default LAB with every Exchange server upgraded to a build that has
/// `Set-RemoteMailbox -Type Shared` (the default one mixes in 2013 CU20 and 2016 CU9).
fn upgraded_lab() -> Lab {
    let mut o = Lab::init().show();
    o.as_object_mut()
        .expect("lab show")
        .retain(|k, _| ["Lab", "Organization", "OnPremises", "Online", "Faults"].contains(&k.as_str()));
    for s in o["OnPremises"]["Servers"].as_array_mut().expect("servers") {
        match s["Name"].as_str() {
            Some("EX13") => s["AdminDisplayVersion"] = json!("Version 15.0 (Build 1497.2)"),
            Some("EX16A") => s["AdminDisplayVersion"] = json!("Version 15.1 (Build 2507.18)"),
            _ => {}
        }
    }
    Lab::import(&o)
}

fn strs(v: &Value) -> Vec<String> {
    v.as_array().map(|a| a.iter().filter_map(|x| x.as_str().map(String::from)).collect()).unwrap_or_default()
}

#[test]
fn user_to_shared_converts_disables_the_account_and_keeps_rules_and_size() {
    let lab = Lab::init();
    let before = lab.onprem("Kim Akers");
    assert_eq!(before["RecipientTypeDetails"], "UserMailbox");
    assert_eq!(before["AccountDisabled"], false);

    let (code, r, doc) = convert(&lab, &["kim", "--to", "shared"]);
    assert_eq!(code, 0);
    assert_eq!(doc["dry_run"], false);
    assert_eq!(doc["target"]["kind"], "lab");
    assert_eq!(
        doc["summary"],
        json!({"converted": 1, "nothing_to_do": 0, "permissions_granted": 0, "planned": 0, "blocked": 0, "failed": 0, "partial": 0})
    );
    assert_eq!(r["identity"], "kim");
    assert_eq!(r["to"], "Shared");
    assert_eq!(r["status"], "converted");
    assert_eq!(verdicts(&r), ["exists:pass", "type:pass", "size:pass", "holds:pass", "account:pass"]);
    assert_eq!(commands(&r), ["Set-Mailbox -Identity 'kim@contoso.com' -Type 'Shared'"]);
    assert_eq!(r["commands"][0]["status"], "succeeded");
    assert_eq!(r["commands"][0]["side"], "onpremises");
    assert_eq!(r["before"][0]["RecipientTypeDetails"], "UserMailbox");
    assert_eq!(r["after"][0]["RecipientTypeDetails"], "SharedMailbox");
    assert_eq!(r["after"][0]["AccountDisabled"], true);
    assert_eq!(r["after"][0]["TotalItemSize"], 1_325_000_000u64);
    assert!(strs(&r["next_steps"]).iter().any(|s| s.contains("Do not delete the user account")), "{r:#}");

    let after = lab.onprem("Kim Akers");
    assert_eq!(after["RecipientTypeDetails"], "SharedMailbox");
    assert_eq!(after["AccountDisabled"], true);
    assert_eq!(after["InboxRules"], before["InboxRules"]);
    assert_eq!(after["InboxRules"].as_array().map(Vec::len), Some(2));
    assert_eq!(after["TotalItemSize"], before["TotalItemSize"]);
    assert_eq!(after["ItemCount"], before["ItemCount"]);

    let log = lab.audit();
    assert_eq!(audit_cmdlets(&log), [("Set-Mailbox".to_string(), "contoso.com/Users/Kim Akers".to_string())]);
    assert_eq!(log[0]["Succeeded"], true);
    assert_eq!(log[0]["Side"], "onpremises");
    assert_eq!(
        log[0]["CmdletParameters"],
        json!([{"Name": "Identity", "Value": "kim@contoso.com"}, {"Name": "Type", "Value": "Shared"}])
    );
}

#[test]
fn already_shared_is_nothing_to_do_and_changes_nothing() {
    let lab = Lab::init();
    let before = lab.onprem("Sales Team");
    let (code, r, doc) = convert(&lab, &["sales", "--to", "shared"]);
    assert_eq!(code, 0);
    assert_eq!(r["status"], "nothing-to-do");
    assert_eq!(doc["summary"]["nothing_to_do"], 1);
    assert_eq!(check(&r, "target")["verdict"], "pass");
    assert!(check(&r, "target")["message"].as_str().unwrap().contains("already a SharedMailbox"));
    assert_eq!(commands(&r), Vec::<String>::new());
    assert!(lab.audit().is_empty());
    assert_eq!(lab.onprem("Sales Team"), before);
}

#[test]
fn grants_on_an_already_shared_mailbox_are_applied() {
    // The next step mbxctl prints after a conversion ("Give members access: mbxctl convert X --to
    // shared --full-access USER ...") must do what it says on a mailbox that is already shared.
    let lab = Lab::init();
    let (code, r, _) = convert(&lab, &["finance", "--to", "shared", "--full-access", "kim", "--send-as", "kim"]);
    assert_eq!(code, 0, "{r:#}");
    assert_eq!(r["status"], "permissions-granted", "only permissions changed, not the type");
    assert_eq!(
        commands(&r),
        [
            "Add-MailboxPermission -Identity 'finance@contoso.com' -User 'kim' -AccessRights @('FullAccess') -InheritanceType 'All'",
            "Add-ADPermission -Identity 'finance@contoso.com' -User 'kim' -AccessRights @('ExtendedRight') -ExtendedRights @('Send As')",
        ]
    );
    let fin = lab.onprem("Finance Shared");
    assert_eq!(fin["RecipientTypeDetails"], "SharedMailbox");
    let users: Vec<&str> =
        fin["MailboxPermissions"].as_array().unwrap().iter().filter_map(|p| p["User"].as_str()).collect();
    assert!(users.contains(&"CONTOSO\\kim"), "{users:?}");
    let cmdlets: Vec<String> = audit_cmdlets(&lab.audit()).into_iter().map(|(c, _)| c).collect();
    assert_eq!(cmdlets, ["Add-MailboxPermission", "Add-ADPermission"]);
}

#[test]
fn shared_mailbox_with_an_enabled_account_is_flagged() {
    // Finance Shared's account was never disabled and has a password: a shared mailbox anyone
    // with the old password can sign in to (reference §1.1, "Shared mailboxes" doc).
    let lab = Lab::init();
    let (code, r, _) = convert(&lab, &["finance", "--to", "shared"]);
    assert_eq!(code, 0);
    assert_eq!(r["status"], "nothing-to-do");
    let acc = check(&r, "account");
    assert_eq!(acc["verdict"], "warn");
    assert!(acc["message"].as_str().unwrap().contains("enabled"), "{acc:#}");
    assert!(lab.audit().is_empty());
}

#[test]
fn dry_run_and_what_if_change_nothing_and_print_the_exact_commands() {
    let expected = [
        "Set-Mailbox -Identity 'kim@contoso.com' -Type 'Shared'",
        "Add-MailboxPermission -Identity 'kim@contoso.com' -User 'megan' -AccessRights @('FullAccess') -InheritanceType 'All' -AutoMapping $false",
        "Add-ADPermission -Identity 'kim@contoso.com' -User 'megan' -AccessRights @('ExtendedRight') -ExtendedRights @('Send As')",
        "Set-Mailbox -Identity 'kim@contoso.com' -GrantSendOnBehalfTo @{Add='lee'}",
        "Set-Mailbox -Identity 'kim@contoso.com' -MessageCopyForSentAsEnabled $true -MessageCopyForSendOnBehalfEnabled $true",
    ];
    for flag in ["--dry-run", "--what-if"] {
        let lab = Lab::init();
        let before = lab.show();
        let args = [
            "kim",
            "--to",
            "shared",
            "--full-access",
            "megan",
            "--auto-mapping",
            "false",
            "--send-as",
            "megan",
            "--send-on-behalf",
            "lee",
            "--copy-sent-items",
            flag,
        ];
        let (code, r, doc) = convert(&lab, &args);
        assert_eq!(code, 0, "{flag}");
        assert_eq!(doc["dry_run"], true);
        assert_eq!(r["status"], "planned");
        assert_eq!(doc["summary"]["planned"], 1);
        assert_eq!(commands(&r), expected, "{flag}");
        assert!(r["commands"].as_array().unwrap().iter().all(|c| c["status"] == "planned"));
        assert!(r.get("after").is_none(), "a dry run re-reads nothing: {r:#}");
        assert!(lab.audit().is_empty(), "{flag} changed something");
        assert_eq!(lab.show(), before, "{flag} changed the organisation");

        // People see the same exact commands.
        let mut cli = vec!["convert"];
        cli.extend_from_slice(&args);
        let run = lab.mbx(&cli).run();
        run.code(0);
        assert!(run.stdout.contains("DRY RUN (nothing changed)"), "{}", run.stdout);
        for c in expected {
            assert!(run.stdout.contains(c), "{flag}: '{c}' not in\n{}", run.stdout);
        }
        assert!(lab.audit().is_empty());
    }
}

#[test]
fn not_found_is_blocked_with_exit_3() {
    let lab = Lab::init();
    let (code, r, doc) = convert(&lab, &["no.such.person", "--to", "shared"]);
    assert_eq!(code, 3);
    assert_eq!(r["status"], "blocked");
    assert_eq!(doc["summary"]["blocked"], 1);
    assert_eq!(verdicts(&r), ["exists:block"]);
    assert_eq!(
        check(&r, "exists")["message"],
        "recipient 'no.such.person' not found: The operation couldn't be performed because object 'no.such.person' couldn't be found on 'DC01.contoso.com'."
    );
    assert!(lab.audit().is_empty());
    // The human report says BLOCKED and nothing changed.
    let run = lab.mbx(&["convert", "no.such.person", "--to", "shared"]).run();
    run.code(3);
    assert!(run.stdout.contains("BLOCKED (nothing changed)"), "{}", run.stdout);
}

#[test]
fn ambiguous_identity_is_blocked_with_the_ambiguity_message() {
    let lab = Lab::import(&org(
        json!([
            {"Name": "Chris Green", "RecipientTypeDetails": "UserMailbox", "Alias": "chris.g", "Database": "DB1"},
            {"Name": "Chris Green", "RecipientTypeDetails": "UserMailbox", "Alias": "cgreen",
             "OrganizationalUnit": "fabrikam.com/Staff", "Database": "DB1"}
        ]),
        json!([]),
    ));
    let (code, r, _) = convert(&lab, &["Chris Green", "--to", "shared"]);
    assert_eq!(code, 3);
    assert_eq!(r["status"], "blocked");
    let m = check(&r, "exists")["message"].as_str().unwrap().to_string();
    assert!(m.contains("is ambiguous"), "{m}");
    assert!(m.contains("'Chris Green' matches multiple entries"), "{m}");
    assert!(m.contains("primary SMTP address or GUID"), "{m}");
    // It lists the mailboxes the name could mean, so the admin can pick one by its address.
    assert!(m.contains("It could be: "), "{m}");
    assert!(m.contains("chris.g@fabrikam.com, UserMailbox") && m.contains("cgreen@fabrikam.com, UserMailbox"), "{m}");
    assert!(lab.audit().is_empty());
    // Named unambiguously, it converts.
    let (code, r, _) = convert(&lab, &["cgreen@fabrikam.com", "--to", "shared"]);
    assert_eq!(code, 0, "{r:#}");
    assert_eq!(commands(&r), ["Set-Mailbox -Identity 'cgreen@fabrikam.com' -Type 'Shared'"]);
}

#[test]
fn linked_and_team_mailboxes_are_blocked_as_unsupported() {
    let lab = Lab::init();
    let before = lab.show();
    let (code, r, _) = convert(&lab, &["linked.user", "--to", "shared"]);
    assert_eq!(code, 3);
    assert_eq!(r["status"], "blocked");
    assert_eq!(verdicts(&r), ["exists:pass", "type:block", "linked:warn"]);
    assert!(check(&r, "type")["message"].as_str().unwrap().contains("is a LinkedMailbox"));
    assert!(check(&r, "linked")["message"].as_str().unwrap().contains("Set-User -LinkedMasterAccount $null"));

    let (code, r, _) = convert(&lab, &["apollo", "--to", "shared"]);
    assert_eq!(code, 3);
    assert_eq!(verdicts(&r), ["exists:pass", "type:block"]);
    assert!(check(&r, "type")["message"].as_str().unwrap().contains("is a TeamMailbox"));
    assert_eq!(commands(&r), Vec::<String>::new());

    assert!(lab.audit().is_empty());
    assert_eq!(lab.show(), before);
}

/// Converts `alias` on a fresh LAB and returns the result; it must convert (on-premises).
fn converts_with_warning(alias: &str, name: &str, warn: &str) -> Value {
    let lab = Lab::init();
    let (code, r, _) = convert(&lab, &[alias, "--to", "shared"]);
    assert_eq!(code, 0, "{r:#}");
    assert_eq!(r["status"], "converted");
    assert_eq!(check(&r, warn)["verdict"], "warn", "{r:#}");
    assert!(check(&r, warn)["message"].as_str().unwrap().contains("licence"), "{r:#}");
    assert!(
        strs(&r["next_steps"]).iter().any(|s| s.contains("keep its licence")),
        "next steps must say to keep the licence: {:#}",
        r["next_steps"]
    );
    assert_eq!(lab.onprem(name)["RecipientTypeDetails"], "SharedMailbox");
    assert_eq!(audit_cmdlets(&lab.audit()).len(), 1);
    r
}

#[test]
fn over_50_gb_warns_about_the_licence_and_still_converts() {
    let r = converts_with_warning("pilar", "Pilar Pinilla", "size");
    let m = check(&r, "size")["message"].as_str().unwrap();
    assert!(m.starts_with("52.5 GB (56,371,445,760 bytes) is over the 50 GB"), "{m}");
    assert!(m.contains("Exchange Online"), "product names keep their capitals: {m}");
}

#[test]
fn litigation_hold_warns_about_the_licence_and_still_converts() {
    let r = converts_with_warning("lee", "Lee Gu", "holds");
    let m = check(&r, "holds")["message"].as_str().unwrap();
    assert!(m.contains("Litigation Hold"), "{m}");
    assert!(m.contains("keep the licence"), "{m}");
}

#[test]
fn in_place_hold_warns_about_the_licence_and_still_converts() {
    let r = converts_with_warning("nestor", "Nestor Wilke", "holds");
    assert!(check(&r, "holds")["message"].as_str().unwrap().contains("In-Place Hold"));
}

#[test]
fn archive_warns_about_the_licence_and_still_converts() {
    let r = converts_with_warning("megan", "Megan Bowen", "archive");
    assert_eq!(check(&r, "holds")["verdict"], "pass");
}

#[test]
fn never_logged_on_mailbox_converts_with_the_logon_note() {
    let lab = Lab::init();
    let (code, r, _) = convert(&lab, &["joni", "--to", "shared"]);
    assert_eq!(code, 0);
    assert_eq!(check(&r, "logon")["verdict"], "pass");
    assert_eq!(r["before"][0]["TotalItemSize"], 0);
}

#[test]
fn convert_back_without_a_password_is_blocked() {
    let lab = Lab::init();
    let (code, r, _) = convert(&lab, &["sales", "--to", "regular"]);
    assert_eq!(code, 3);
    assert_eq!(r["status"], "blocked");
    assert_eq!(verdicts(&r), ["exists:pass", "type:pass", "password:block", "reset-password-role:pass"]);
    assert!(check(&r, "password")["message"].as_str().unwrap().contains("--password-stdin"));
    assert!(lab.audit().is_empty());
    assert_eq!(lab.onprem("Sales Team")["RecipientTypeDetails"], "SharedMailbox");

    // --password-stdin with nothing on standard input is a usage error naming the flag.
    let run = lab.mbx(&["convert", "sales", "--to", "regular", "--password-stdin"]).run();
    run.code(2);
    assert!(run.stderr.contains("--password-stdin"), "{}", run.stderr);
    assert!(lab.audit().is_empty());
}

#[test]
fn convert_back_with_password_stdin_enables_the_account_and_never_shows_the_password() {
    const PW: &str = "Zq7-Unguessable-Pa55word!";
    let lab = Lab::init();
    let run = lab
        .mbx(&["--json", "convert", "sales", "--to", "regular", "--password-stdin", "--reset-password-on-next-logon"])
        .stdin(format!("{PW}\r\n"))
        .run();
    run.code(0);
    let doc = run.json();
    let r = &doc["results"][0];
    assert_eq!(r["status"], "converted");
    assert_eq!(verdicts(r), ["exists:pass", "type:pass", "password:pass", "reset-password-role:pass"]);
    assert_eq!(
        commands(r),
        [
            "Set-Mailbox -Identity 'sales@contoso.com' -Type 'Regular' -Password <SecureString, not shown> -ResetPasswordOnNextLogon $true"
        ]
    );
    assert_eq!(r["after"][0]["RecipientTypeDetails"], "UserMailbox");
    assert_eq!(r["after"][0]["AccountDisabled"], false);

    let sales = lab.onprem("Sales Team");
    assert_eq!(sales["RecipientTypeDetails"], "UserMailbox");
    assert_eq!(sales["AccountDisabled"], false);
    assert_eq!(sales["ResetPasswordOnNextLogon"], true);
    assert_eq!(sales["HasPassword"], true);

    let log = lab.audit();
    assert_eq!(log.len(), 1);
    let pw_param = log[0]["CmdletParameters"].as_array().unwrap().iter().find(|p| p["Name"] == "Password").cloned();
    assert_eq!(pw_param, Some(json!({"Name": "Password", "Value": "********"})));

    // The password is nowhere: not in stdout, stderr, the audit log, the organisation, the files.
    let human = lab.mbx(&["lab", "audit"]).run();
    for (what, text) in [
        ("stdout", run.stdout.as_str()),
        ("stderr", run.stderr.as_str()),
        ("audit", &serde_json::to_string(&log).unwrap()),
        ("audit table", &human.stdout),
        ("show", &serde_json::to_string(&lab.show()).unwrap()),
    ] {
        assert!(!text.contains(PW), "the password leaked into {what}");
    }
    assert!(!lab.files_contain(PW), "the password is stored in the LAB directory");
}

#[test]
fn convert_back_without_reset_on_next_logon_leaves_it_off() {
    let lab = Lab::init();
    let run =
        lab.mbx(&["convert", "projector01", "--to", "regular", "--password-stdin"]).stdin("An0ther-Passw0rd!\n").run();
    run.code(0);
    assert!(run.stdout.contains("CONVERTED"), "{}", run.stdout);
    assert!(!run.stdout.contains("An0ther-Passw0rd!"));
    let p = lab.onprem("Projector 01");
    assert_eq!(p["RecipientTypeDetails"], "UserMailbox");
    assert_eq!(p["AccountDisabled"], false);
    assert!(p.get("ResetPasswordOnNextLogon").is_none_or(|v| v == false), "{p:#}");
}

#[test]
fn convert_back_without_the_reset_password_role_is_blocked() {
    let mut o =
        org(json!([{"Name": "Team Inbox", "RecipientTypeDetails": "SharedMailbox", "Database": "DB1"}]), json!([]));
    o["OnPremises"]["RoleAssignments"] = json!([
        {"Role": "Mail Recipients", "RoleAssigneeName": "Administrator"},
        {"Role": "Reset Password", "RoleAssigneeName": "Administrator", "Enabled": false}
    ]);
    let lab = Lab::import(&o);
    let run = lab
        .mbx(&["--json", "convert", "Team Inbox", "--to", "regular", "--password-stdin"])
        .stdin("Pw-0123456789!\n")
        .run();
    run.code(3);
    let doc = run.json();
    let r = &doc["results"][0];
    assert_eq!(r["status"], "blocked");
    let role = check(r, "reset-password-role");
    assert_eq!(role["verdict"], "block", "{r:#}");
    assert!(role["message"].as_str().unwrap().contains("New-ManagementRoleAssignment -Role 'Reset Password'"));
    assert_eq!(commands(r), Vec::<String>::new());
    assert!(lab.audit().is_empty());
    assert_eq!(lab.onprem("Team Inbox")["RecipientTypeDetails"], "SharedMailbox");
}

#[test]
fn grants_reach_the_lab_permissions() {
    let lab = Lab::init();
    let (code, r, _) = convert(
        &lab,
        &[
            "kim",
            "--to",
            "shared",
            "--full-access",
            "megan,lee",
            "--auto-mapping",
            "false",
            "--send-as",
            "megan",
            "--send-on-behalf",
            "lee",
            "--copy-sent-items",
        ],
    );
    assert_eq!(code, 0, "{r:#}");
    assert_eq!(r["status"], "converted");
    assert_eq!(check(&r, "trustees")["message"], "2 trustee(s) found");
    assert!(r["commands"].as_array().unwrap().iter().all(|c| c["status"] == "succeeded"), "{r:#}");

    let kim = lab.onprem("Kim Akers");
    assert_eq!(kim["RecipientTypeDetails"], "SharedMailbox");
    let perms = kim["MailboxPermissions"].as_array().unwrap();
    for user in ["CONTOSO\\megan", "CONTOSO\\lee"] {
        let p = perms.iter().find(|p| p["User"] == user).unwrap_or_else(|| panic!("{user} not in {perms:#?}"));
        assert_eq!(p["AccessRights"], json!(["FullAccess"]));
        assert_eq!(p["AutoMapping"], false);
        assert_eq!(p["InheritanceType"], "All");
    }
    assert_eq!(
        kim["ADPermissions"],
        json!([{"User": "CONTOSO\\megan", "AccessRights": ["ExtendedRight"], "ExtendedRights": ["Send-As"]}])
    );
    assert_eq!(kim["GrantSendOnBehalfTo"], json!(["contoso.com/Users/Lee Gu"]));
    assert_eq!(kim["MessageCopyForSentAsEnabled"], true);
    assert_eq!(kim["MessageCopyForSendOnBehalfEnabled"], true);

    let cmdlets: Vec<String> = audit_cmdlets(&lab.audit()).into_iter().map(|(c, _)| c).collect();
    assert_eq!(
        cmdlets,
        [
            "Set-Mailbox",
            "Add-MailboxPermission",
            "Add-MailboxPermission",
            "Add-ADPermission",
            "Set-Mailbox",
            "Set-Mailbox"
        ]
    );
}

#[test]
fn a_missing_trustee_blocks_before_anything_changes() {
    let lab = Lab::init();
    let before = lab.show();
    let (code, r, _) =
        convert(&lab, &["kim", "--to", "shared", "--full-access", "megan,nobody.here", "--send-as", "megan"]);
    assert_eq!(code, 3);
    assert_eq!(r["status"], "blocked");
    let t = check(&r, "trustees");
    assert_eq!(t["verdict"], "block");
    assert!(t["message"].as_str().unwrap().starts_with("permission trustee 'nobody.here' not found"), "{t:#}");
    assert_eq!(commands(&r), Vec::<String>::new());
    assert!(lab.audit().is_empty());
    assert_eq!(lab.show(), before);
}

#[test]
fn hybrid_remote_mailbox_with_provision_mailbox_converts_both_sides() {
    let lab = upgraded_lab();
    let (code, r, _) = convert(&lab, &["diego", "--to", "shared"]);
    assert_eq!(code, 0, "{r:#}");
    assert_eq!(r["status"], "converted");
    assert_eq!(check(&r, "route")["verdict"], "pass");
    assert_eq!(check(&r, "provision-mailbox")["verdict"], "pass");
    assert_ne!(check(&r, "version")["verdict"], "block");
    assert_eq!(
        commands(&r),
        [
            "Set-RemoteMailbox -Identity 'diego@contoso.com' -Type 'Shared'",
            "Set-Mailbox -Identity 'diego@contoso.com' -Type 'Shared'"
        ]
    );
    let sides: Vec<&str> = r["commands"].as_array().unwrap().iter().map(|c| c["side"].as_str().unwrap()).collect();
    assert_eq!(sides, ["onpremises", "online"]);
    assert_eq!(r["after"][0]["RecipientTypeDetails"], "RemoteSharedMailbox");
    assert_eq!(r["after"][1]["RecipientTypeDetails"], "SharedMailbox");

    let onprem = lab.onprem("Diego Siciliani");
    assert_eq!(onprem["RecipientTypeDetails"], "RemoteSharedMailbox");
    assert!(onprem["RemoteRecipientType"].as_str().unwrap().contains("SharedMailbox"), "{onprem:#}");
    assert!(onprem["RemoteRecipientType"].as_str().unwrap().contains("ProvisionMailbox"));
    assert_eq!(lab.online("Diego Siciliani")["RecipientTypeDetails"], "SharedMailbox");
    let sides: Vec<String> = lab
        .audit()
        .iter()
        .map(|e| format!("{}:{}", e["Side"].as_str().unwrap(), e["CmdletName"].as_str().unwrap()))
        .collect();
    assert_eq!(sides, ["onpremises:Set-RemoteMailbox", "online:Set-Mailbox"]);

    // Directory sync now agrees with Exchange Online: nothing flips back.
    let sync = lab.mbx(&["--json", "lab", "sync"]).run();
    sync.code(0);
    assert_eq!(lab.online("Diego Siciliani")["RecipientTypeDetails"], "SharedMailbox");
}

#[test]
fn hybrid_without_a_cloud_session_converts_on_premises_and_warns() {
    let lab = upgraded_lab();
    let (code, r, _) = convert(&lab, &["--cloud-profile", "none", "diego", "--to", "shared"]);
    assert_eq!(code, 0, "{r:#}");
    assert_eq!(r["status"], "converted");
    let w = check(&r, "cloud-session");
    assert_eq!(w["verdict"], "warn");
    assert!(w["message"].as_str().unwrap().contains("next directory sync"));
    assert_eq!(commands(&r), ["Set-RemoteMailbox -Identity 'diego@contoso.com' -Type 'Shared'"]);
    assert!(strs(&r["next_steps"]).iter().any(|s| s.contains("Start-ADSyncSyncCycle")), "{r:#}");
    assert_eq!(lab.onprem("Diego Siciliani")["RecipientTypeDetails"], "RemoteSharedMailbox");
    assert_eq!(lab.online("Diego Siciliani")["RecipientTypeDetails"], "UserMailbox");
    assert_eq!(audit_cmdlets(&lab.audit()).len(), 1);
}

#[test]
fn hybrid_migrated_mailbox_is_blocked_with_the_alternatives() {
    let lab = Lab::init();
    let (code, r, _) = convert(&lab, &["adele", "--to", "shared"]);
    assert_eq!(code, 3);
    assert_eq!(r["status"], "blocked");
    let p = check(&r, "provision-mailbox");
    assert_eq!(p["verdict"], "block");
    assert!(p["message"].as_str().unwrap().contains("RemoteRecipientType is 'Migrated'"));
    let alt = r["alternative"].as_array().expect("alternatives");
    let cmds: Vec<&str> = alt.iter().filter_map(|s| s["command"].as_str()).collect();
    assert_eq!(
        cmds[0],
        "Set-ADUser -Identity (Get-Recipient -Identity 'adele@contoso.com').SamAccountName -Replace @{msExchRemoteRecipientType=100;msExchRecipientTypeDetails=34359738368}"
    );
    assert!(alt[0]["description"].as_str().unwrap().contains("KB2710029"));
    assert!(cmds.iter().any(|c| c.starts_with("New-MoveRequest -Identity 'adele@contoso.com' -Outbound")), "{cmds:#?}");
    assert!(cmds.iter().any(|c| c.starts_with("New-MoveRequest -Identity 'adele@contoso.com' -Remote ")), "{cmds:#?}");
    assert!(cmds.contains(&"Set-Mailbox -Identity 'adele@contoso.com' -Type Shared"));
    assert_eq!(commands(&r), Vec::<String>::new());
    assert!(lab.audit().is_empty());

    // People see the alternatives too.
    let run = lab.mbx(&["convert", "adele", "--to", "shared"]).run();
    run.code(3);
    assert!(run.stdout.contains("Supported alternatives"), "{}", run.stdout);
    assert!(run.stdout.contains("Set-ADUser -Identity (Get-Recipient -Identity 'adele@contoso.com')"));
    assert!(run.stdout.contains("-Outbound"));
}

#[test]
fn hybrid_migrated_mailbox_with_an_archive_keeps_the_archive_bit_in_the_kb_command() {
    // Lynne is Migrated with a cloud archive (6); KB2710029's 100 would drop ProvisionArchive:
    // the community tables give 102 (reference §2.2).
    let lab = Lab::init();
    let (code, r, _) = convert(&lab, &["lynne", "--to", "shared"]);
    assert_eq!(code, 3);
    let first = r["alternative"][0]["command"].as_str().unwrap();
    assert!(first.contains("msExchRemoteRecipientType=102;"), "{first}");
}

#[test]
fn hybrid_on_servers_older_than_2016_cu10_is_blocked_on_version() {
    let mut o = org(
        json!([{"Name": "Ada Byron", "RecipientTypeDetails": "RemoteUserMailbox", "Alias": "ada", "RemoteRecipientType": 1}]),
        json!([{"Name": "Ada Byron", "RecipientTypeDetails": "UserMailbox", "SKUAssigned": true}]),
    );
    o["OnPremises"]["Servers"] = json!([
        {"Name": "EX16", "AdminDisplayVersion": "Version 15.1 (Build 1466.3)"},
        {"Name": "EX13", "AdminDisplayVersion": "Version 15.0 (Build 1365.1)"}
    ]);
    o["OnPremises"]["Databases"] = json!([{"Name": "DB1", "Server": "EX16"}]);
    let lab = Lab::import(&o);
    let (code, r, _) = convert(&lab, &["ada", "--to", "shared"]);
    assert_eq!(code, 3, "{r:#}");
    let v = check(&r, "version");
    assert_eq!(v["verdict"], "block");
    assert!(v["message"].as_str().unwrap().contains("2016 CU10"), "{v:#}");
    assert_eq!(check(&r, "provision-mailbox")["verdict"], "pass");
    // On old builds KB2710029's attribute fix is the documented path.
    assert!(r["alternative"][0]["command"].as_str().unwrap().starts_with("Set-ADUser"));
    assert!(lab.audit().is_empty());
    assert_eq!(lab.onprem("Ada Byron")["RecipientTypeDetails"], "RemoteUserMailbox");
}

#[test]
fn disconnected_mailbox_connects_as_shared_to_an_account_without_one() {
    let lab = Lab::init();
    let (code, r, _) = convert(&lab, &["--disconnected", "Former Employee", "--database", "DB01", "--user", "johanna"]);
    assert_eq!(code, 0, "{r:#}");
    assert_eq!(r["status"], "converted");
    assert_eq!(verdicts(&r), ["exists:pass", "user:pass"]);
    let text = &commands(&r)[0];
    assert!(text.starts_with("Connect-Mailbox -Identity '"), "{text}");
    assert!(text.ends_with("' -Database 'DB01' -User 'johanna' -Shared"), "{text}");
    assert_eq!(r["after"][0]["RecipientTypeDetails"], "SharedMailbox");

    let show = lab.show();
    let j = find(&show["OnPremises"]["Recipients"], "Johanna Lorenz");
    assert_eq!(j["RecipientTypeDetails"], "SharedMailbox");
    assert_eq!(j["Database"], "DB01");
    assert_eq!(j["AccountDisabled"], true);
    let left: Vec<&str> = show["OnPremises"]["DisconnectedMailboxes"]
        .as_array()
        .map(|a| a.iter().filter_map(|d| d["DisplayName"].as_str()).collect())
        .unwrap_or_default();
    assert!(!left.contains(&"Former Employee"), "{left:?}");
    assert_eq!(audit_cmdlets(&lab.audit())[0].0, "Connect-Mailbox");
}

#[test]
fn disconnected_mailbox_to_a_user_that_has_a_mailbox_is_blocked() {
    let lab = Lab::init();
    let before = lab.show();
    let (code, r, _) = convert(&lab, &["--disconnected", "Former Employee", "--database", "DB01", "--user", "kim"]);
    assert_eq!(code, 3);
    assert_eq!(verdicts(&r), ["exists:pass", "user:block"]);
    assert!(check(&r, "user")["message"].as_str().unwrap().contains("already has a UserMailbox"));
    assert!(lab.audit().is_empty());
    assert_eq!(lab.show(), before);

    let (code, r, _) = convert(&lab, &["--disconnected", "Nobody", "--database", "DB01", "--user", "johanna"]);
    assert_eq!(code, 3);
    assert_eq!(check(&r, "exists")["verdict"], "block");
    let (code, r, _) = convert(&lab, &["--disconnected", "Former Employee", "--database", "DB99", "--user", "johanna"]);
    assert_eq!(code, 3);
    assert_eq!(check(&r, "database")["verdict"], "block");
    assert!(lab.audit().is_empty());
}

/// Every kind of quote PowerShell knows, statement separators, sub-expressions, backticks and a
/// newline.
const HOSTILE: &str = "O'Brien\u{2019}s \"x\" \u{201C}y\u{201D} ; $(Remove-Mailbox -Identity kim -Confirm:$false) `whoami` @(1) #c\nStop-Computer";

#[test]
fn hostile_identity_is_simply_not_found() {
    // Quotes of every kind, operators, a subexpression: sent as one literal, simply not found.
    let hostile = HOSTILE.split('\n').next().unwrap();
    let lab = Lab::init();
    let (code, r, _) = convert(&lab, &[hostile, "--to", "shared"]);
    assert_eq!(code, 3);
    assert_eq!(r["identity"], hostile);
    assert_eq!(verdicts(&r), ["exists:block"]);
    assert!(lab.audit().is_empty());
    assert_eq!(lab.onprem("Kim Akers")["RecipientTypeDetails"], "UserMailbox");

    // A line break cannot be part of a mailbox identity: a usage error naming the character,
    // before any session opens; the message shows it escaped, so a name cannot rewrite output.
    let run = lab.mbx(&["convert", HOSTILE, "--to", "shared"]).run();
    run.code(2);
    assert!(run.stderr.contains("U+000A") && run.stderr.contains("#c\\nStop-Computer"), "{}", run.stderr);
    assert!(!run.stderr.contains("#c\nStop-Computer"), "{}", run.stderr);
    assert!(lab.audit().is_empty());
}

#[test]
fn hostile_trustee_name_is_rendered_as_one_safe_command() {
    // A trustee whose Name carries every quote and operator (AD allows most of them).
    let name = "O'Brien\u{2019}s \"x\" \u{201C}y\u{201D} ; $(Remove-Mailbox kim) `whoami` @(1) #c";
    let lab = Lab::import(&org(
        json!([
            {"Name": "Shared Inbox", "RecipientTypeDetails": "UserMailbox", "Alias": "inbox", "Database": "DB1"},
            {"Name": name, "RecipientTypeDetails": "UserMailbox", "Alias": "obrien", "Database": "DB1"}
        ]),
        json!([]),
    ));
    let (code, r, _) = convert(&lab, &["inbox", "--to", "shared", "--full-access", name, "--dry-run"]);
    assert_eq!(code, 0, "{r:#}");
    let cmds = commands(&r);
    assert_eq!(cmds.len(), 2);
    let grant = &cmds[1];
    // Parse it back: one command, the same cmdlet, the name as one literal value.
    let v = mbx(&["--json", "validate", "-"]).stdin(grant.as_bytes()).run();
    v.code(0);
    let doc = v.json();
    let found = doc["commands"].as_array().unwrap();
    assert_eq!(found.len(), 1, "{grant}\n{doc:#}");
    assert_eq!(found[0]["cmdlet"], "Add-MailboxPermission");
    assert_eq!(found[0]["parameters"]["User"], name);
    assert_eq!(found[0]["parameters"]["Identity"], "inbox@fabrikam.com");
    assert_eq!(doc["errors"], 0);
    assert!(lab.audit().is_empty());
}

#[test]
fn lab_is_said_loudly() {
    let lab = Lab::init();
    let run = lab.mbx(&["convert", "kim", "--to", "shared", "--dry-run"]).run();
    run.code(0);
    assert!(run.stdout.starts_with("=== LAB ==="), "{}", run.stdout);
    assert!(run.stdout.contains("not production"));
    let (_, doc) = lab.json(&["convert", "kim", "--to", "shared", "--dry-run"]);
    assert_eq!(doc["target"]["kind"], "lab");
    assert!(doc["target"]["target"].as_str().unwrap().contains("LAB"));
}

#[test]
fn a_mix_of_converted_and_blocked_is_partly_done() {
    let lab = Lab::init();
    let (code, doc) = lab.json(&["convert", "kim", "no.such.person", "--to", "shared"]);
    assert_eq!(code, 4);
    assert_eq!(doc["summary"]["converted"], 1);
    assert_eq!(doc["summary"]["blocked"], 1);
    assert_eq!(doc["results"][0]["status"], "converted");
    assert_eq!(doc["results"][1]["status"], "blocked");
    assert_eq!(audit_cmdlets(&lab.audit()).len(), 1);
}

#[test]
fn a_failing_command_is_reported_failed_with_exit_1() {
    let lab = Lab::init();
    lab.mbx(&["lab", "faults", "--fail", "kim@contoso.com"]).run().code(0);
    let (code, r, _) = convert(&lab, &["kim", "--to", "shared"]);
    assert_eq!(code, 1, "{r:#}");
    assert_eq!(r["status"], "failed");
    assert_eq!(r["commands"][0]["status"], "failed");
    assert!(r["commands"][0]["errors"][0]["fully_qualified_error_id"].as_str().is_some_and(|f| !f.is_empty()));
    let err = r["error"].as_str().expect("error");
    assert_eq!(r["commands"][0]["errors"][0]["message"], err);
    assert_eq!(lab.onprem("Kim Akers")["RecipientTypeDetails"], "UserMailbox");
    let run = lab.mbx(&["convert", "kim", "--to", "shared"]).run();
    run.code(1);
    assert!(run.stdout.contains("FAILED"), "{}", run.stdout);
}

#[test]
fn command_errors_have_the_documented_kind_string() {
    let lab = Lab::init();
    lab.mbx(&["lab", "faults", "--fail", "kim@contoso.com"]).run().code(0);
    let (_, r, _) = convert(&lab, &["kim", "--to", "shared"]);
    assert_eq!(r["commands"][0]["errors"][0]["kind"], "access-denied");
}

#[test]
fn hybrid_grants_need_the_cloud_session() {
    // Without an Exchange Online session the grants could not be made; they must not be dropped
    // silently after the type changed.
    let lab = Lab::init();
    let (code, r, _) = convert(&lab, &["--cloud-profile", "none", "diego", "--to", "shared", "--full-access", "kim"]);
    assert_eq!(code, 3);
    assert_eq!(check(&r, "cloud-session")["verdict"], "block");
    assert!(lab.audit().is_empty());

    // With it, grants on an already-shared remote mailbox are made in Exchange Online.
    let (code, r, _) = convert(&lab, &["support", "--to", "shared", "--full-access", "diego"]);
    assert_eq!(code, 0, "{r:#}");
    assert_eq!(r["status"], "permissions-granted");
    assert_eq!(
        commands(&r),
        [
            "Add-MailboxPermission -Identity 'support@contoso.com' -User 'diego' -AccessRights @('FullAccess') -InheritanceType 'All'"
        ]
    );
    assert_eq!(r["commands"][0]["side"], "online");
    let log = lab.audit();
    assert_eq!(log.len(), 1);
    assert_eq!(log[0]["Side"], "online");
}

#[test]
fn dry_run_of_convert_back_without_a_password_warns_and_plans_the_command() {
    let lab = Lab::init();
    let (code, r, _) = convert(&lab, &["sales", "--to", "regular", "--reset-password-on-next-logon", "--dry-run"]);
    assert_eq!(code, 0, "{r:#}");
    assert_eq!(r["status"], "planned");
    assert_eq!(verdicts(&r), ["exists:pass", "type:pass", "password:warn", "reset-password-role:pass"]);
    assert!(check(&r, "password")["message"].as_str().unwrap().contains("--password-stdin or the prompt"), "{r:#}");
    assert_eq!(
        commands(&r),
        [
            "Set-Mailbox -Identity 'sales@contoso.com' -Type 'Regular' -Password (Read-Host -AsSecureString -Prompt 'Password') -ResetPasswordOnNextLogon $true"
        ]
    );
    assert!(lab.audit().is_empty());
    assert_eq!(lab.onprem("Sales Team")["RecipientTypeDetails"], "SharedMailbox");
}

#[test]
fn hybrid_with_a_mix_of_old_and_supported_servers_judges_the_server_the_session_talks_to() {
    // The default LAB: EX01 2016 CU23, EX02 2019, EX13 2013 CU20, EX16A 2016 CU9; the session
    // talks to EX01, which supports Set-RemoteMailbox -Type: a pass naming it, no warning about
    // the older servers the cmdlet never runs on.
    let lab = Lab::init();
    let (code, r, _) = convert(&lab, &["diego", "--to", "shared"]);
    assert_eq!(code, 0, "{r:#}");
    assert_eq!(r["status"], "converted");
    let v = check(&r, "version");
    assert_eq!(v["verdict"], "pass", "{v:#}");
    let m = v["message"].as_str().unwrap();
    assert!(m.contains("this session runs on EX01 (Exchange 2016 CU23"), "{m}");
    assert!(!m.contains("EX13"), "{m}");
    assert_eq!(lab.onprem("Diego Siciliani")["RecipientTypeDetails"], "RemoteSharedMailbox");

    // The same organisation connected to EX13 (2013 CU20): blocked before any change, naming the
    // servers to connect to instead.
    let mut org = lab.show();
    org["Organization"]["ConnectedServer"] = "EX13".into();
    let old = Lab::import(&org);
    let (code, r, _) = convert(&old, &["adele", "--to", "shared"]);
    assert_eq!(code, 3, "{r:#}");
    let v = check(&r, "version");
    assert_eq!(v["verdict"], "block", "{v:#}");
    let m = v["message"].as_str().unwrap();
    assert!(m.contains("this session runs on EX13") && m.contains("connect to one of: EX01, EX02"), "{m}");
    assert!(old.audit().is_empty(), "nothing may change: {:#?}", old.audit());

    // Every server supported: a pass that still names the /PrepareAD precondition.
    let lab = upgraded_lab();
    let (code, r, _) = convert(&lab, &["diego", "--to", "shared", "--dry-run"]);
    assert_eq!(code, 0, "{r:#}");
    let v = check(&r, "version");
    assert_eq!(v["verdict"], "pass");
    assert!(v["message"].as_str().unwrap().contains("setup.exe /PrepareAD"), "{v:#}");
}

#[test]
fn provision_mailbox_block_points_at_the_dry_run_for_the_alternatives() {
    let lab = upgraded_lab();
    let (code, r, _) = convert(&lab, &["adele", "--to", "shared"]);
    assert_eq!(code, 3);
    let m = check(&r, "provision-mailbox")["message"].as_str().unwrap().to_string();
    assert!(m.contains("(mbxctl convert adele@contoso.com --to shared --dry-run lists them step by step)"), "{m}");
    assert!(!m.contains("below"), "{m}");
    assert!(r["alternative"].as_array().is_some_and(|a| !a.is_empty()));
}

#[test]
fn send_as_across_premises_warns_and_full_access_does_not() {
    let lab = Lab::init();
    // Kim's mailbox is on premises; Diego's (a RemoteUserMailbox) is in Exchange Online.
    let (code, r, _) = convert(&lab, &["kim", "--to", "shared", "--full-access", "diego", "--dry-run"]);
    assert_eq!(code, 0, "{r:#}");
    assert!(r["checks"].as_array().unwrap().iter().all(|c| c["id"] != "trustee-premises"), "{r:#}");

    let (code, r, _) =
        convert(&lab, &["kim", "--to", "shared", "--send-as", "diego", "--send-on-behalf", "diego,megan", "--dry-run"]);
    assert_eq!(code, 0, "{r:#}");
    assert_eq!(r["status"], "planned");
    let w: Vec<&Value> = r["checks"].as_array().unwrap().iter().filter(|c| c["id"] == "trustee-premises").collect();
    assert_eq!(w.len(), 1, "only diego crosses premises: {r:#}");
    assert_eq!(w[0]["verdict"], "warn");
    let m = w[0]["message"].as_str().unwrap();
    assert!(
        m.starts_with("'diego' (RemoteUserMailbox) has its mailbox in Exchange Online but this mailbox is on premises: Send As and Send on Behalf only work"),
        "{m}"
    );
    assert_eq!(check(&r, "trustees")["verdict"], "pass");
}

#[test]
fn hybrid_next_steps_for_an_unlicensed_cloud_mailbox_say_it_has_no_licence() {
    // Grady: RemoteUserMailbox with ProvisionMailbox; his cloud mailbox (1.3 GB) has no licence.
    let lab = upgraded_lab();
    let (code, r, _) = convert(&lab, &["grady", "--to", "shared", "--dry-run"]);
    assert_eq!(code, 0, "{r:#}");
    let steps = strs(&r["next_steps"]);
    assert!(!steps.iter().any(|s| s.contains("can now be removed")), "{steps:#?}");
    assert!(
        steps.contains(
            &"The mailbox has no licence, which is fine for a shared mailbox under 50 GB with no hold or archive."
                .to_string()
        ),
        "{steps:#?}"
    );
}
