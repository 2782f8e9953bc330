//! Get-Mailbox and Set-Mailbox against the lab, state checked afterwards through the shell and `show`.

mod lab_support;

use lab_support::*;
use mbxctl::cmdlet::{Invocation, Value};
use mbxctl::lab;
use mbxctl::secret::Secret;
use mbxctl::shell::{PipelineEnd, Shell, ShellKind, Side};

fn set_type(identity: &str, t: &str) -> Invocation {
    Invocation::new("Set-Mailbox").param("Identity", identity).param("Type", t)
}

#[test]
fn get_mailbox_matches_every_identity_form() {
    let (_t, dir) = lab();
    let kim = get_mailbox(&dir, Side::OnPremises, "kim");
    let guid = prop(&kim, "Guid").unwrap();
    let exchange_guid = prop(&kim, "ExchangeGuid").unwrap();
    for id in [
        "kim",
        "KIM@contoso.com",
        "Kim Akers",
        "contoso.com/Users/Kim Akers",
        "CN=Kim Akers,CN=Users,DC=contoso,DC=com",
        "CONTOSO\\kim",
        guid.as_str(),
        exchange_guid.as_str(),
    ] {
        let m = get_mailbox(&dir, Side::OnPremises, id);
        assert_eq!(prop(&m, "Alias").as_deref(), Some("kim"), "{id}");
    }
    assert_eq!(prop(&kim, "Identity").as_deref(), Some("contoso.com/Users/Kim Akers"));
    assert_eq!(prop(&kim, "RecipientTypeDetails").as_deref(), Some("UserMailbox"));
    assert_eq!(prop(&kim, "PrimarySmtpAddress").as_deref(), Some("kim@contoso.com"));
    assert_eq!(prop(&kim, "AccountDisabled").as_deref(), Some("False"));
    assert_eq!(props(&kim, "EmailAddresses"), ["SMTP:kim@contoso.com"]);
    let o = kim.as_object().unwrap();
    assert_eq!(o.type_names[0], "Deserialized.Microsoft.Exchange.Data.Directory.Management.Mailbox");
    assert_eq!(o.type_names.last().unwrap(), "Deserialized.System.Object");
    assert_eq!(o.to_string.as_deref(), Some("Kim Akers"));
}

#[test]
fn get_mailbox_not_found_has_exchange_error_shape() {
    let (_t, dir) = lab();
    let mut s = shell(&dir, Side::OnPremises);
    let out = run(&mut s, &Invocation::new("Get-Mailbox").param("Identity", "nobody@contoso.com"));
    assert!(out.output.is_empty());
    assert_eq!(out.state, PipelineEnd::Completed);
    let e = &out.errors[0];
    assert_eq!(
        e.message,
        "The operation couldn't be performed because object 'nobody@contoso.com' couldn't be found on 'DC01.contoso.com'."
    );
    assert_eq!(
        e.exception_type.as_deref(),
        Some("Microsoft.Exchange.Configuration.Tasks.ManagementObjectNotFoundException")
    );
    assert!(e.fully_qualified_error_id.starts_with("[Server=EX01,RequestId="), "{}", e.fully_qualified_error_id);
    assert!(e.fully_qualified_error_id.contains("] [FailureCategory=Cmdlet-ManagementObjectNotFoundException] "));
    assert!(e.fully_qualified_error_id.ends_with(",Microsoft.Exchange.Management.RecipientTasks.GetMailbox"));
    // A remote mailbox is not a mailbox on-premises (docs/exchange-notes.md §6.2 real example 2).
    let out = run(&mut s, &Invocation::new("Get-Mailbox").param("Identity", "adele"));
    assert_eq!(out.errors.len(), 1);
}

#[test]
fn get_mailbox_lists_by_type_and_cuts_at_result_size() {
    let t = tempfile::tempdir().unwrap();
    let dir = t.path().join("lab");
    lab::init(&dir, lab::InitOptions { users: 1_200 }).unwrap();
    let mut s = shell(&dir, Side::OnPremises);
    let out = run(&mut s, &Invocation::new("Get-Mailbox"));
    assert_eq!(out.output.len(), 1000);
    assert!(out.warnings[0].starts_with("By default, only the first 1000 items are returned."), "{:?}", out.warnings);
    let out = run(&mut s, &Invocation::new("Get-Mailbox").param("ResultSize", Value::Int(5)));
    assert_eq!(out.output.len(), 5);
    assert_eq!(
        out.warnings,
        [
            "There are more results available than currently displayed. To view them, increase the value for the ResultSize parameter."
        ]
    );
    let out = run(&mut s, &Invocation::new("Get-Mailbox").param("ResultSize", "Unlimited"));
    assert_eq!(out.output.len(), 1200 + 15);
    assert!(out.warnings.is_empty());
    let out = run(&mut s, &Invocation::new("Get-Mailbox").param("RecipientTypeDetails", "SharedMailbox"));
    let names: Vec<String> = out.output.iter().map(|m| prop(m, "Name").unwrap()).collect();
    assert_eq!(names, ["Sales Team", "Finance Shared"]);
    let out = run(&mut s, &Invocation::new("Get-Mailbox").param("RecipientTypeDetails", "NotAType"));
    assert_eq!(out.state, PipelineEnd::Failed);
    assert!(out.errors[0].message.starts_with("Cannot bind parameter 'RecipientTypeDetails'."));
}

#[test]
fn convert_to_shared_disables_account_and_keeps_content() {
    let (_t, dir) = lab();
    let before = shown_onprem(&dir, "Kim Akers");
    let mut s = shell(&dir, Side::OnPremises);
    let out = run(&mut s, &set_type("kim", "Shared"));
    assert!(out.succeeded(), "{:?}", out.errors);
    assert!(out.output.is_empty() && out.warnings.is_empty());
    let m = get_mailbox(&dir, Side::OnPremises, "kim");
    assert_eq!(prop(&m, "RecipientTypeDetails").as_deref(), Some("SharedMailbox"));
    assert_eq!(prop(&m, "AccountDisabled").as_deref(), Some("True"));
    assert_eq!(prop(&m, "IsShared").as_deref(), Some("True"));
    let after = shown_onprem(&dir, "Kim Akers");
    assert_eq!(after["msExchRecipientDisplayType"], 0);
    assert_eq!(after["InboxRules"], before["InboxRules"], "rules survive");
    assert_eq!(after["TotalItemSize"], before["TotalItemSize"], "content survives");
    assert_eq!(after["HasPassword"], true, "the password is not touched");
    assert_eq!(after["MailboxPermissions"][0]["User"], "NT AUTHORITY\\SELF");
    assert_eq!(after["MailboxPermissions"][0]["AccessRights"], serde_json::json!(["FullAccess", "ExternalAccount"]));
    // The SELF entry appears merged in Get-MailboxPermission.
    let out = run(&mut s, &Invocation::new("Get-MailboxPermission").param("Identity", "kim"));
    assert_eq!(prop(&out.output[0], "User").as_deref(), Some("NT AUTHORITY\\SELF"));
    assert_eq!(props(&out.output[0], "AccessRights"), ["FullAccess, ExternalAccount, ReadPermission"]);
}

#[test]
fn converting_to_the_same_type_warns_twice_and_changes_nothing() {
    let (_t, dir) = lab();
    let before = lab::show(&dir).unwrap();
    let mut s = shell(&dir, Side::OnPremises);
    let out = run(&mut s, &set_type("sales", "Shared"));
    assert!(out.errors.is_empty());
    assert_eq!(
        out.warnings,
        [
            "Couldn't convert the mailbox because the mailbox \"sales\" is already of the type \"Shared\".",
            "The command completed successfully but no settings of 'sales' have been modified.",
        ]
    );
    assert_eq!(lab::show(&dir).unwrap()["OnPremises"], before["OnPremises"]);
}

#[test]
fn linked_and_team_mailboxes_cannot_be_converted() {
    let (_t, dir) = lab();
    let mut s = shell(&dir, Side::OnPremises);
    let out = run(&mut s, &set_type("linked.user", "Shared"));
    assert_eq!(
        out.errors[0].message,
        "Converting mailbox \"linked.user\" from type \"LinkedMailbox\" to type \"SharedMailbox\" isn't supported."
    );
    assert_eq!(
        out.errors[0].exception_type.as_deref(),
        Some("Microsoft.Exchange.Configuration.Tasks.TaskInvalidOperationException")
    );
    let out = run(&mut s, &set_type("apollo", "Regular"));
    assert_eq!(
        out.errors[0].message,
        "Converting mailbox \"apollo\" from type \"TeamMailbox\" to type \"UserMailbox\" isn't supported."
    );
    assert_eq!(
        prop(&get_mailbox(&dir, Side::OnPremises, "apollo"), "RecipientTypeDetails").as_deref(),
        Some("TeamMailbox")
    );
    // On-premises has no Workspace type: PowerShell refuses the enum value.
    let out = run(&mut s, &set_type("kim", "Workspace"));
    assert_eq!(out.state, PipelineEnd::Failed);
    assert!(
        out.errors[0].message.starts_with("Cannot bind parameter 'Type'. Cannot convert value \"Workspace\""),
        "{}",
        out.errors[0].message
    );
    assert!(out.errors[0].message.ends_with("Regular, Room, Equipment, Shared\""));
}

#[test]
fn back_to_regular_needs_a_password_the_domain_accepts() {
    let (_t, dir) = lab();
    let mut s = shell(&dir, Side::OnPremises);
    // Created as shared: no password, so enabling the account fails.
    let out = run(&mut s, &set_type("sales", "Regular"));
    assert!(out.errors[0].message.contains("The password does not meet the password policy requirements"));
    assert_eq!(out.errors[0].exception_type.as_deref(), Some("Microsoft.Exchange.Data.Directory.ADOperationException"));
    assert_eq!(
        prop(&get_mailbox(&dir, Side::OnPremises, "sales"), "RecipientTypeDetails").as_deref(),
        Some("SharedMailbox")
    );
    // A weak password is refused the same way.
    let weak = set_type("sales", "Regular").param("Password", Value::Secure(Secret::new("short")));
    assert!(run(&mut s, &weak).errors[0].message.contains("password policy"));
    // A plain string is not a SecureString (and is never echoed).
    let plain = set_type("sales", "Regular").param("Password", "Winter2025!");
    let out = run(&mut s, &plain);
    assert_eq!(out.state, PipelineEnd::Failed);
    assert!(out.errors[0].message.contains("System.Security.SecureString"));
    assert!(!out.errors[0].message.contains("Winter2025"));
    let good = set_type("sales", "Regular")
        .param("Password", Value::Secure(Secret::new("Winter2025!")))
        .param("ResetPasswordOnNextLogon", true);
    let out = run(&mut s, &good);
    assert!(out.succeeded(), "{:?}", out.errors);
    let m = get_mailbox(&dir, Side::OnPremises, "sales");
    assert_eq!(prop(&m, "RecipientTypeDetails").as_deref(), Some("UserMailbox"));
    assert_eq!(prop(&m, "AccountDisabled").as_deref(), Some("False"));
    assert_eq!(prop(&m, "ResetPasswordOnNextLogon").as_deref(), Some("True"));
    let shown = shown_onprem(&dir, "Sales Team");
    assert_eq!(shown["msExchRecipientDisplayType"], 1_073_741_824);
    assert_eq!(shown["HasPassword"], true);
    // Delegates keep their access (§1.1: only ExternalAccount is stripped).
    assert_eq!(shown["MailboxPermissions"].as_array().unwrap().len(), 2);
}

#[test]
fn round_trip_user_shared_user_keeps_the_old_password_and_strips_external_account() {
    let (_t, dir) = lab();
    let mut s = shell(&dir, Side::OnPremises);
    assert!(run(&mut s, &set_type("kim", "Shared")).succeeded());
    let out = run(&mut s, &set_type("kim", "Regular"));
    assert!(out.succeeded(), "{:?}", out.errors);
    let shown = shown_onprem(&dir, "Kim Akers");
    assert_eq!(shown["RecipientTypeDetails"], "UserMailbox");
    assert_eq!(shown["AccountDisabled"], false);
    assert_eq!(shown["MailboxPermissions"][0]["AccessRights"], serde_json::json!(["FullAccess"]));
}

#[test]
fn without_reset_password_role_the_password_parameter_does_not_exist() {
    let (_t, dir) = lab();
    lab::set_role(&dir, "Reset Password", false).unwrap();
    let mut s = shell(&dir, Side::OnPremises);
    let out = run(&mut s, &set_type("sales", "Regular").param("Password", Value::Secure(Secret::new("Winter2025!"))));
    assert_eq!(out.state, PipelineEnd::Failed);
    assert_eq!(out.errors[0].message, "A parameter cannot be found that matches parameter name 'Password'.");
    assert_eq!(out.errors[0].exception_type.as_deref(), Some("System.Management.Automation.ParameterBindingException"));
    lab::set_role(&dir, "Mail Recipients", false).unwrap();
    let out = run(&mut s, &Invocation::new("Get-Mailbox").param("Identity", "kim"));
    assert!(out.errors[0].message.starts_with("The term 'Get-Mailbox' is not recognized"));
}

#[test]
fn grant_send_on_behalf_replaces_and_edits() {
    let (_t, dir) = lab();
    let mut s = shell(&dir, Side::OnPremises);
    let out = run(
        &mut s,
        &Invocation::new("Set-Mailbox")
            .param("Identity", "finance")
            .param("GrantSendOnBehalfTo", Value::List(vec!["kim".into(), "lee@contoso.com".into()])),
    );
    assert!(out.succeeded(), "{:?}", out.errors);
    let m = get_mailbox(&dir, Side::OnPremises, "finance");
    assert_eq!(props(&m, "GrantSendOnBehalfTo"), ["contoso.com/Users/Kim Akers", "contoso.com/Users/Lee Gu"]);
    let edit = Value::AddRemove { add: vec!["megan".into()], remove: vec!["kim".into()] };
    assert!(
        run(&mut s, &Invocation::new("Set-Mailbox").param("Identity", "finance").param("GrantSendOnBehalfTo", edit))
            .succeeded()
    );
    let m = get_mailbox(&dir, Side::OnPremises, "finance");
    assert_eq!(props(&m, "GrantSendOnBehalfTo"), ["contoso.com/Users/Lee Gu", "contoso.com/Users/Megan Bowen"]);
    let bad = Value::AddRemove { add: vec!["ghost".into()], remove: vec![] };
    let out =
        run(&mut s, &Invocation::new("Set-Mailbox").param("Identity", "finance").param("GrantSendOnBehalfTo", bad));
    assert_eq!(
        out.errors[0].message,
        "Couldn't find object \"ghost\". Please make sure that it was spelled correctly or specify a different object."
    );
    assert_eq!(props(&get_mailbox(&dir, Side::OnPremises, "finance"), "GrantSendOnBehalfTo").len(), 2);
}

#[test]
fn message_copy_flags_are_stored() {
    let (_t, dir) = lab();
    let mut s = shell(&dir, Side::OnPremises);
    let inv = Invocation::new("Set-Mailbox")
        .param("Identity", "finance")
        .param("MessageCopyForSentAsEnabled", true)
        .param("MessageCopyForSendOnBehalfEnabled", true);
    assert!(run(&mut s, &inv).succeeded());
    let m = get_mailbox(&dir, Side::OnPremises, "finance");
    assert_eq!(prop(&m, "MessageCopyForSentAsEnabled").as_deref(), Some("True"));
    assert_eq!(prop(&m, "MessageCopyForSendOnBehalfEnabled").as_deref(), Some("True"));
    let out = run(
        &mut s,
        &Invocation::new("Set-Mailbox").param("Identity", "finance").param("MessageCopyForSentAsEnabled", "yes"),
    );
    assert!(
        out.errors[0]
            .message
            .starts_with("Cannot process argument transformation on parameter 'MessageCopyForSentAsEnabled'.")
    );
}

#[test]
fn unknown_parameters_and_cmdlets_fail_as_powershell_does() {
    let (_t, dir) = lab();
    let mut s = shell(&dir, Side::OnPremises);
    let out = run(&mut s, &Invocation::new("Set-Mailbox").param("Identity", "kim").param("bogus", true));
    assert_eq!(out.errors[0].message, "A parameter cannot be found that matches parameter name 'bogus'.");
    assert_eq!(
        out.errors[0].fully_qualified_error_id,
        "NamedParameterNotFound,Microsoft.Exchange.Management.RecipientTasks.SetMailbox"
    );
    let out = run(&mut s, &Invocation::new("Get-Frobnicator"));
    assert_eq!(out.state, PipelineEnd::Failed);
    assert_eq!(out.errors[0].fully_qualified_error_id, "CommandNotFoundException");
    assert!(out.errors[0].message.starts_with("The term 'Get-Frobnicator' is not recognized as the name of a cmdlet, function, script file, or operable program."));
    // Names arrive canonical but any case works; a positional argument is the Identity.
    let inv = Invocation {
        cmdlet: "get-MAILBOX".into(),
        params: vec![mbxctl::cmdlet::Parameter { name: None, value: "kim".into() }],
    };
    assert_eq!(run(&mut s, &inv).output.len(), 1);
    let out = run(&mut s, &Invocation::new("Get-Mailbox").param("identity", "kim"));
    assert_eq!(out.output.len(), 1);
    // Run-time values cannot be evaluated by the lab.
    let dynamic = Invocation::new("Get-Mailbox").param("Identity", Value::Dynamic("$id".into()));
    assert!(matches!(try_run(&mut s, &dynamic), Err(mbxctl::shell::ShellError::Unsendable { .. })));
}

#[test]
fn describe_says_lab() {
    let (_t, dir) = lab();
    let s = shell(&dir, Side::Online);
    let info = s.describe();
    assert_eq!(info.kind, ShellKind::Lab);
    assert_eq!(info.side, Side::Online);
    assert!(info.target.starts_with("LAB "));
    assert_eq!(s.dir(), dir.as_path());
}

#[test]
fn what_if_changes_nothing() {
    let (_t, dir) = lab();
    let mut s = shell(&dir, Side::OnPremises);
    let out = run(&mut s, &set_type("kim", "Shared").switch("WhatIf"));
    assert!(out.succeeded());
    assert_eq!(
        prop(&get_mailbox(&dir, Side::OnPremises, "kim"), "RecipientTypeDetails").as_deref(),
        Some("UserMailbox")
    );
    assert!(lab::audit_log(&dir).unwrap().is_empty());
}

#[test]
fn online_set_mailbox_has_workspace_and_starts_grace_for_unlicensed_users() {
    let (_t, dir) = lab();
    let mut s = shell(&dir, Side::Online);
    let out = run(&mut s, &set_type("Conference Room Baker", "Workspace"));
    assert!(out.succeeded(), "{:?}", out.errors);
    assert_eq!(
        prop(&get_mailbox(&dir, Side::Online, "room.baker"), "RecipientTypeDetails").as_deref(),
        Some("WorkspaceMailbox")
    );
    // Cloud conversion needs no password.
    assert!(run(&mut s, &set_type("support", "Regular")).succeeded());
    let shown = shown_online(&dir, "Support Desk");
    assert_eq!(shown["RecipientTypeDetails"], "UserMailbox");
    assert!(shown["GracePeriodStarted"].is_string());
    assert!(run(&mut s, &set_type("support", "Shared")).succeeded());
    assert!(shown_online(&dir, "Support Desk").get("GracePeriodStarted").is_none());
    let out = run(&mut s, &set_type("adele", "Regular"));
    assert_eq!(
        out.warnings[0],
        "Couldn't convert the mailbox because the mailbox \"adele\" is already of the type \"Regular\"."
    );
}

#[test]
fn an_identity_that_matches_two_mailboxes_is_ambiguous() {
    let d = tempfile::tempdir().unwrap();
    let json = r#"{
      "Organization": {"Name": "Fabrikam", "Domain": "fabrikam.com"},
      "OnPremises": {
        "Servers": [{"Name": "EX1", "AdminDisplayVersion": "Version 15.2 (Build 1544.4)"}],
        "Databases": [{"Name": "DB1", "Server": "EX1"}],
        "Recipients": [
          {"Name": "Sam Lee", "Alias": "sam.lee", "RecipientTypeDetails": "UserMailbox", "Database": "DB1", "OrganizationalUnit": "fabrikam.com/Sales"},
          {"Name": "Sam Lee", "Alias": "sam.lee2", "RecipientTypeDetails": "UserMailbox", "Database": "DB1", "OrganizationalUnit": "fabrikam.com/Finance"}
        ]
      }
    }"#;
    lab::import(d.path(), json).unwrap();
    let mut s = shell(d.path(), Side::OnPremises);
    let out = run(&mut s, &Invocation::new("Get-Mailbox").param("Identity", "Sam Lee"));
    assert!(out.output.is_empty());
    assert_eq!(
        out.errors[0].message,
        "The operation couldn't be performed because 'Sam Lee' matches multiple entries."
    );
    assert_eq!(out.errors[0].reason.as_deref(), Some("ManagementObjectAmbiguousException"));
    let one = run(&mut s, &Invocation::new("Get-Mailbox").param("Identity", "fabrikam.com/Finance/Sam Lee"));
    assert_eq!(prop(&one.output[0], "Alias").as_deref(), Some("sam.lee2"));
    assert_eq!(prop(&one.output[0], "DistinguishedName").as_deref(), Some("CN=Sam Lee,OU=Finance,DC=fabrikam,DC=com"));
}
