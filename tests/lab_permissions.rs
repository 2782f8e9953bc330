//! Permissions, statistics, recipients, configuration cmdlets and Connect-Mailbox.

mod lab_support;

use lab_support::*;
use mbxctl::cmdlet::{Invocation, Value};
use mbxctl::exchange::ByteSize;
use mbxctl::shell::{PipelineEnd, Side};

#[test]
fn mailbox_permissions_add_warn_and_remove() {
    let (_t, dir) = lab();
    let mut s = shell(&dir, Side::OnPremises);
    let add = Invocation::new("Add-MailboxPermission")
        .param("Identity", "finance")
        .param("User", "kim")
        .param("AccessRights", "FullAccess")
        .param("InheritanceType", "All")
        .param("AutoMapping", false);
    let out = run(&mut s, &add);
    assert!(out.succeeded(), "{:?}", out.errors);
    assert_eq!(prop(&out.output[0], "User").as_deref(), Some("CONTOSO\\kim"));
    assert_eq!(props(&out.output[0], "AccessRights"), ["FullAccess"]);
    assert_eq!(
        out.output[0].as_object().unwrap().type_names[0],
        "Deserialized.Microsoft.Exchange.Management.RecipientTasks.MailboxAcePresentationObject"
    );
    let shown = shown_onprem(&dir, "Finance Shared");
    let ace =
        shown["MailboxPermissions"].as_array().unwrap().iter().find(|a| a["User"] == "CONTOSO\\kim").unwrap().clone();
    assert_eq!(ace["AutoMapping"], false);
    let again = run(&mut s, &add);
    assert!(again.output.is_empty());
    assert_eq!(
        again.warnings,
        [
            "The appropriate access control entry is already present on the object \"contoso.com/Users/Finance Shared\" for account \"CONTOSO\\kim\"."
        ]
    );
    let listed =
        run(&mut s, &Invocation::new("Get-MailboxPermission").param("Identity", "finance").param("User", "kim"));
    assert_eq!(listed.output.len(), 1);
    let rm = Invocation::new("Remove-MailboxPermission")
        .param("Identity", "finance")
        .param("User", "kim")
        .param("AccessRights", "FullAccess");
    assert!(run(&mut s, &rm).succeeded());
    assert!(
        run(&mut s, &Invocation::new("Get-MailboxPermission").param("Identity", "finance").param("User", "kim"))
            .output
            .is_empty()
    );
    let none = run(&mut s, &rm);
    assert!(none.warnings[0].starts_with("Can't remove the access control entry on the object"));
    let bad = run(&mut s, &add.clone().param("Deny", Value::Switch(false)).param("Identity", "x"));
    assert_eq!(bad.state, PipelineEnd::Failed, "Identity twice");
}

#[test]
fn send_as_via_ad_permission() {
    let (_t, dir) = lab();
    let mut s = shell(&dir, Side::OnPremises);
    let add = Invocation::new("Add-ADPermission")
        .param("Identity", "Finance Shared")
        .param("User", "lee")
        .param("AccessRights", "ExtendedRight")
        .param("ExtendedRights", "Send As");
    let out = run(&mut s, &add);
    assert!(out.succeeded(), "{:?}", out.errors);
    assert_eq!(props(&out.output[0], "ExtendedRights"), ["Send-As"]);
    let got = run(&mut s, &Invocation::new("Get-ADPermission").param("Identity", "finance"));
    let users: Vec<String> = got.output.iter().map(|a| prop(a, "User").unwrap()).collect();
    assert_eq!(users, ["NT AUTHORITY\\SELF", "CONTOSO\\lee"]);
    assert!(run(&mut s, &add).warnings[0].starts_with("The appropriate access control entry is already present"));
    let rm = Invocation::new("Remove-ADPermission")
        .param("Identity", "finance")
        .param("User", "lee")
        .param("ExtendedRights", "Send As");
    assert!(run(&mut s, &rm).succeeded());
    assert_eq!(run(&mut s, &Invocation::new("Get-ADPermission").param("Identity", "finance")).output.len(), 1);
}

#[test]
fn statistics_use_exchange_size_text_and_warn_for_never_logged_on() {
    let (_t, dir) = lab();
    let mut s = shell(&dir, Side::OnPremises);
    let out = run(&mut s, &Invocation::new("Get-MailboxStatistics").param("Identity", "kim"));
    let st = &out.output[0];
    assert_eq!(prop(st, "TotalItemSize").as_deref(), Some("1.234 GB (1,325,000,000 bytes)"));
    assert_eq!(prop(st, "TotalItemSize").unwrap().parse::<ByteSize>().unwrap(), ByteSize(1_325_000_000));
    assert_eq!(prop(st, "ItemCount").as_deref(), Some("18233"));
    assert_eq!(
        st.as_object().unwrap().type_names[0],
        "Deserialized.Microsoft.Exchange.Management.MapiTasks.Presentation.MailboxStatistics"
    );
    let big = run(&mut s, &Invocation::new("Get-MailboxStatistics").param("Identity", "pilar"));
    assert_eq!(prop(&big.output[0], "TotalItemSize").as_deref(), Some("52.5 GB (56,371,445,760 bytes)"));
    let joni = run(&mut s, &Invocation::new("Get-MailboxStatistics").param("Identity", "joni"));
    assert!(joni.output.is_empty());
    let m = get_mailbox(&dir, Side::OnPremises, "joni");
    assert_eq!(
        joni.warnings,
        [format!(
            "The user hasn't logged on to mailbox 'contoso.com/Users/Joni Sherman' ('{}'), so there is no data to return. After the user logs on, this warning will no longer appear.",
            prop(&m, "ExchangeGuid").unwrap()
        )]
    );
    let archive = run(&mut s, &Invocation::new("Get-MailboxStatistics").param("Identity", "megan").switch("Archive"));
    assert_eq!(prop(&archive.output[0], "IsArchiveMailbox").as_deref(), Some("True"));
    assert_eq!(prop(&archive.output[0], "Database").as_deref(), Some("DB02"));
}

#[test]
fn statistics_by_database_list_disconnected_mailboxes() {
    let (_t, dir) = lab();
    let mut s = shell(&dir, Side::OnPremises);
    let out = run(&mut s, &Invocation::new("Get-MailboxStatistics").param("Database", "DB01"));
    let disconnected: Vec<_> = out.output.iter().filter(|o| prop(o, "DisconnectReason").is_some()).collect();
    assert_eq!(disconnected.len(), 1);
    assert_eq!(prop(disconnected[0], "DisplayName").as_deref(), Some("Former Employee"));
    assert_eq!(prop(disconnected[0], "DisconnectReason").as_deref(), Some("Disabled"));
    assert_eq!(prop(disconnected[0], "TotalItemSize").as_deref(), Some("2.5 GB (2,684,354,560 bytes)"));
    let db02 = run(&mut s, &Invocation::new("Get-MailboxStatistics").param("Database", "DB02"));
    assert!(db02.output.iter().any(|o| prop(o, "DisconnectReason").as_deref() == Some("SoftDeleted")));
    assert!(!db02.output.iter().any(|o| prop(o, "DisplayName").as_deref() == Some("Joni Sherman")));
    let missing = run(&mut s, &Invocation::new("Get-MailboxStatistics").param("Database", "DB99"));
    assert_eq!(missing.errors[0].message, "Couldn't find database \"DB99\". Make sure you have typed it correctly.");
}

#[test]
fn connect_mailbox_shared_attaches_a_disconnected_mailbox_to_a_user() {
    let (_t, dir) = lab();
    let mut s = shell(&dir, Side::OnPremises);
    let inv = Invocation::new("Connect-Mailbox")
        .param("Identity", "Former Employee")
        .param("Database", "DB01")
        .param("User", "johanna")
        .switch("Shared");
    let out = run(&mut s, &inv);
    assert!(out.succeeded(), "{:?}", out.errors);
    let m = get_mailbox(&dir, Side::OnPremises, "johanna");
    assert_eq!(prop(&m, "RecipientTypeDetails").as_deref(), Some("SharedMailbox"));
    assert_eq!(prop(&m, "Database").as_deref(), Some("DB01"));
    assert_eq!(prop(&m, "AccountDisabled").as_deref(), Some("True"));
    let st = run(&mut s, &Invocation::new("Get-MailboxStatistics").param("Identity", "johanna"));
    assert_eq!(prop(&st.output[0], "TotalItemSize").as_deref(), Some("2.5 GB (2,684,354,560 bytes)"));
    let db = run(&mut s, &Invocation::new("Get-MailboxStatistics").param("Database", "DB01"));
    assert!(db.output.iter().all(|o| prop(o, "DisconnectReason").is_none()));
    // The user now has a mailbox; connecting again fails, and the mailbox is gone from the database.
    let again = run(&mut s, &inv);
    assert_eq!(again.errors[0].message, "The specified mailbox \"Former Employee\" doesn't exist.");
    let taken = Invocation::new("Connect-Mailbox")
        .param("Identity", "Moved User")
        .param("Database", "DB02")
        .param("User", "kim");
    assert!(run(&mut s, &taken).errors[0].message.contains("already mail-enabled"));
}

#[test]
fn get_recipient_and_get_user_page_and_filter() {
    let (_t, dir) = lab();
    let mut s = shell(&dir, Side::OnPremises);
    let all = run(&mut s, &Invocation::new("Get-Recipient").param("ResultSize", "Unlimited"));
    assert_eq!(all.output.len(), 15 + 8, "mail-enabled objects only");
    let page = run(&mut s, &Invocation::new("Get-Recipient").param("ResultSize", Value::Int(3)));
    assert_eq!(page.output.len(), 3);
    assert_eq!(page.warnings.len(), 1);
    let users = run(&mut s, &Invocation::new("Get-Recipient").param("RecipientTypeDetails", "User"));
    assert_eq!(users.output.len(), 2);
    let remote = run(
        &mut s,
        &Invocation::new("Get-Recipient")
            .param("RecipientTypeDetails", Value::List(vec!["RemoteUserMailbox".into(), "RemoteSharedMailbox".into()])),
    );
    assert_eq!(remote.output.len(), 7);
    assert_eq!(
        remote.output[0].as_object().unwrap().type_names[0],
        "Deserialized.Microsoft.Exchange.Data.Directory.Management.ReducedRecipient"
    );
    let everyone = run(&mut s, &Invocation::new("Get-User"));
    assert_eq!(everyone.output.len(), 25);
    let sales = run(&mut s, &Invocation::new("Get-User").param("Identity", "sales"));
    assert_eq!(prop(&sales.output[0], "UserAccountControl").as_deref(), Some("AccountDisabled, NormalAccount"));
    assert_eq!(prop(&sales.output[0], "RecipientTypeDetails").as_deref(), Some("SharedMailbox"));
    let finance = run(&mut s, &Invocation::new("Get-User").param("Identity", "finance"));
    assert_eq!(prop(&finance.output[0], "AccountDisabled").as_deref(), Some("False"), "the risky shared mailbox");
}

#[test]
fn configuration_cmdlets() {
    let (_t, dir) = lab();
    let mut s = shell(&dir, Side::OnPremises);
    let servers = run(&mut s, &Invocation::new("Get-ExchangeServer"));
    let versions: Vec<String> = servers.output.iter().map(|v| prop(v, "AdminDisplayVersion").unwrap()).collect();
    assert_eq!(
        versions,
        [
            "Version 15.1 (Build 2507.18)",
            "Version 15.2 (Build 1544.4)",
            "Version 15.0 (Build 1365.1)",
            "Version 15.1 (Build 1466.3)"
        ]
    );
    assert_eq!(
        servers.output[0].as_object().unwrap().type_names[0],
        "Deserialized.Microsoft.Exchange.Data.Directory.Management.ExchangeServer"
    );
    let one = run(&mut s, &Invocation::new("Get-ExchangeServer").param("Identity", "ex02.contoso.com"));
    assert_eq!(prop(&one.output[0], "Name").as_deref(), Some("EX02"));
    let dbs = run(&mut s, &Invocation::new("Get-MailboxDatabase"));
    assert_eq!(dbs.output.len(), 4);
    assert_eq!(prop(&dbs.output[0], "MailboxRetention").as_deref(), Some("30.00:00:00"));
    let roles = run(&mut s, &Invocation::new("Get-ManagementRoleAssignment").param("Role", "Reset Password"));
    assert_eq!(prop(&roles.output[0], "Enabled").as_deref(), Some("True"));
    assert_eq!(prop(&roles.output[0], "RoleAssigneeName").as_deref(), Some("Administrator"));
    mbxctl::lab::set_role(&dir, "Reset Password", false).unwrap();
    let roles = run(&mut s, &Invocation::new("Get-ManagementRoleAssignment").param("Role", "Reset Password"));
    assert_eq!(prop(&roles.output[0], "Enabled").as_deref(), Some("False"));
    let rules = run(&mut s, &Invocation::new("Get-InboxRule").param("Mailbox", "kim"));
    let names: Vec<String> = rules.output.iter().map(|r| prop(r, "Name").unwrap()).collect();
    assert_eq!(names, ["Move newsletters", "Flag manager mail"]);
    assert!(prop(&rules.output[0], "Identity").unwrap().starts_with("contoso.com/Users/Kim Akers\\"));
}
