//! Remote mailboxes, their Exchange Online side, version gating and directory sync.

mod lab_support;

use lab_support::*;
use mbxctl::cmdlet::{Invocation, Value};
use mbxctl::lab;
use mbxctl::shell::{PipelineEnd, Side};

fn set_remote_type(identity: &str, t: &str) -> Invocation {
    Invocation::new("Set-RemoteMailbox").param("Identity", identity).param("Type", t)
}

#[test]
fn get_remote_mailbox_shows_flags_as_ems_does() {
    let (_t, dir) = lab();
    let mut s = shell(&dir, Side::OnPremises);
    let out = run(&mut s, &Invocation::new("Get-RemoteMailbox").param("Identity", "marketing"));
    let m = &out.output[0];
    assert_eq!(prop(m, "RemoteRecipientType").as_deref(), Some("Migrated, SharedMailbox"));
    assert_eq!(prop(m, "RecipientTypeDetails").as_deref(), Some("RemoteSharedMailbox"));
    assert_eq!(prop(m, "RemoteRoutingAddress").as_deref(), Some("marketing@contoso.mail.onmicrosoft.com"));
    assert_eq!(
        m.as_object().unwrap().type_names[..2],
        [
            "Deserialized.Microsoft.Exchange.Data.Directory.Management.RemoteMailbox".to_string(),
            "Deserialized.Microsoft.Exchange.Data.Directory.Management.MailUser".to_string()
        ]
    );
    let all = run(&mut s, &Invocation::new("Get-RemoteMailbox"));
    assert_eq!(all.output.len(), 8);
    let support = run(&mut s, &Invocation::new("Get-RemoteMailbox").param("Identity", "support"));
    assert_eq!(prop(&support.output[0], "RemoteRecipientType").as_deref(), Some("ProvisionMailbox, SharedMailbox"));
}

#[test]
fn set_remote_mailbox_shared_writes_flags_and_leaves_the_account_alone() {
    let (_t, dir) = lab();
    let mut s = shell(&dir, Side::OnPremises);
    let out = run(&mut s, &set_remote_type("diego", "Shared"));
    assert!(out.succeeded(), "{:?}", out.errors);
    let shown = shown_onprem(&dir, "Diego Siciliani");
    assert_eq!(shown["RecipientTypeDetails"], "RemoteSharedMailbox");
    assert_eq!(shown["RemoteRecipientType"], "ProvisionMailbox, SharedMailbox");
    assert_eq!(shown["msExchRecipientDisplayType"], -2_147_483_642i64);
    assert_eq!(shown["AccountDisabled"], false);
    let out = run(&mut s, &set_remote_type("diego", "Regular"));
    assert!(out.succeeded());
    assert_eq!(shown_onprem(&dir, "Diego Siciliani")["RemoteRecipientType"], "ProvisionMailbox");
    let out = run(&mut s, &set_remote_type("diego", "Shared").switch("ACLableSyncedObjectEnabled"));
    assert!(out.succeeded());
    assert_eq!(shown_onprem(&dir, "Diego Siciliani")["msExchRecipientDisplayType"], -1_073_741_818i64);
}

#[test]
fn migrated_remote_mailboxes_need_provision_mailbox() {
    let (_t, dir) = lab();
    let mut s = shell(&dir, Side::OnPremises);
    let out = run(&mut s, &set_remote_type("isaiah", "Shared"));
    let e = &out.errors[0];
    assert_eq!(e.message, "remoteMailbox.RemoteRecipientType must include ProvisionMailbox");
    assert_eq!(e.exception_type.as_deref(), Some("System.ArgumentException"));
    assert!(e.fully_qualified_error_id.contains("[FailureCategory=Cmdlet-ArgumentException]"));
    assert!(e.fully_qualified_error_id.ends_with(",Microsoft.Exchange.Management.RecipientTasks.SetRemoteMailbox"));
    assert_eq!(shown_onprem(&dir, "Isaiah Langer")["RemoteRecipientType"], "Migrated");
    let log = lab::audit_log(&dir).unwrap();
    assert_eq!(log.len(), 1);
    assert!(!log[0].succeeded);
    assert_eq!(log[0].error.as_deref(), Some("remoteMailbox.RemoteRecipientType must include ProvisionMailbox"));
}

#[test]
fn old_servers_have_no_remote_shared_type() {
    let (_t, dir) = lab();
    lab::set_connected_server(&dir, "EX13").unwrap();
    let mut s = shell(&dir, Side::OnPremises);
    let out = run(&mut s, &set_remote_type("diego", "Shared"));
    assert_eq!(out.state, PipelineEnd::Failed);
    assert!(out.errors[0].message.contains("ConvertibleRemoteMailboxSubType"), "{}", out.errors[0].message);
    assert!(out.errors[0].message.ends_with("Regular, Room, Equipment\""));
    let out = run(&mut s, &Invocation::new("Enable-RemoteMailbox").param("Identity", "patti").switch("Shared"));
    assert_eq!(out.errors[0].message, "A parameter cannot be found that matches parameter name 'Shared'.");
    // 2016 CU9 is also too old; 2019 CU14 has it.
    lab::set_connected_server(&dir, "EX16A").unwrap();
    assert_eq!(run(&mut shell(&dir, Side::OnPremises), &set_remote_type("diego", "Shared")).state, PipelineEnd::Failed);
    lab::set_connected_server(&dir, "EX02").unwrap();
    assert!(run(&mut shell(&dir, Side::OnPremises), &set_remote_type("diego", "Shared")).succeeded());
    assert!(lab::set_connected_server(&dir, "EX99").unwrap_err().to_string().contains("EX01, EX02, EX13, EX16A"));
}

#[test]
fn enable_remote_mailbox_shared_stamps_97_and_sync_provisions_the_cloud_mailbox() {
    let (_t, dir) = lab();
    let mut s = shell(&dir, Side::OnPremises);
    let out =
        run(&mut s, &Invocation::new("Enable-RemoteMailbox").param("Identity", "Patti Fernandez").switch("Shared"));
    assert!(out.succeeded(), "{:?}", out.errors);
    assert_eq!(prop(&out.output[0], "RemoteRecipientType").as_deref(), Some("ProvisionMailbox, SharedMailbox"));
    assert_eq!(prop(&out.output[0], "RemoteRoutingAddress").as_deref(), Some("patti@contoso.mail.onmicrosoft.com"));
    let shown = shown_onprem(&dir, "Patti Fernandez");
    assert_eq!(shown["RecipientTypeDetails"], "RemoteSharedMailbox");
    assert_eq!(shown["RemoteRecipientType"], "ProvisionMailbox, SharedMailbox");
    let out = run(&mut s, &Invocation::new("Enable-RemoteMailbox").param("Identity", "kim"));
    assert!(out.errors[0].message.contains("already mail-enabled"));
    let report = lab::sync(&dir).unwrap();
    assert_eq!(report.provisioned, ["Patti Fernandez"]);
    let cloud = shown_online(&dir, "Patti Fernandez");
    assert_eq!(cloud["RecipientTypeDetails"], "SharedMailbox");
    assert_eq!(cloud["SKUAssigned"], false);
}

#[test]
fn sync_reverts_a_cloud_only_conversion_and_starts_the_grace_clock() {
    let (_t, dir) = lab();
    let report = lab::sync(&dir).unwrap();
    assert_eq!(report.changes.len(), 1, "{report}");
    let c = &report.changes[0];
    assert_eq!(c.identity, "Isaiah Langer");
    assert_eq!((c.from.as_str(), c.to.as_str()), ("SharedMailbox", "UserMailbox"));
    assert!(!c.licensed);
    assert!(c.grace_period_started);
    assert!(c.message.contains("30-day grace period starts now"), "{}", c.message);
    assert!(report.to_string().starts_with("LAB directory sync"));
    let cloud = get_mailbox(&dir, Side::Online, "isaiah");
    assert_eq!(prop(&cloud, "RecipientTypeDetails").as_deref(), Some("UserMailbox"));
    assert!(shown_online(&dir, "Isaiah Langer")["GracePeriodStarted"].is_string());
    // A second cycle changes nothing.
    assert!(lab::sync(&dir).unwrap().is_empty());
}

#[test]
fn remote_shared_on_premises_makes_the_cloud_mailbox_shared() {
    let (_t, dir) = lab();
    lab::sync(&dir).unwrap();
    let mut s = shell(&dir, Side::OnPremises);
    assert!(run(&mut s, &set_remote_type("grady", "Shared")).succeeded());
    let report = lab::sync(&dir).unwrap();
    assert_eq!(report.changes.len(), 1);
    assert_eq!(report.changes[0].to, "SharedMailbox");
    let shown = shown_online(&dir, "Grady Archie");
    assert_eq!(shown["RecipientTypeDetails"], "SharedMailbox");
    assert!(shown.get("GracePeriodStarted").is_none(), "a shared mailbox needs no licence");
}

#[test]
fn kb2710029_fix_converting_on_both_sides_survives_sync() {
    let (_t, dir) = lab();
    // Diego was provisioned in the cloud (ProvisionMailbox): the documented fix works.
    let mut onprem = shell(&dir, Side::OnPremises);
    let mut online = shell(&dir, Side::Online);
    assert!(run(&mut onprem, &set_remote_type("diego", "Shared")).succeeded());
    assert!(
        run(&mut online, &Invocation::new("Set-Mailbox").param("Identity", "diego").param("Type", "Shared"))
            .succeeded()
    );
    let report = lab::sync(&dir).unwrap();
    assert!(report.changes.iter().all(|c| c.identity != "Diego Siciliani"), "{report}");
    assert_eq!(
        prop(&get_mailbox(&dir, Side::Online, "diego"), "RecipientTypeDetails").as_deref(),
        Some("SharedMailbox")
    );
}

#[test]
fn online_cmdlets_work_on_cloud_mailboxes() {
    let (_t, dir) = lab();
    let mut s = shell(&dir, Side::Online);
    let out = run(&mut s, &Invocation::new("Get-EXOMailbox").param("Identity", "adele@contoso.com"));
    let m = &out.output[0];
    assert_eq!(
        m.as_object().unwrap().type_names[0],
        "Deserialized.Microsoft.Exchange.Management.AdminApiProvider.ExoMailbox"
    );
    assert_eq!(prop(m, "SKUAssigned").as_deref(), Some("True"));
    assert_eq!(prop(m, "LitigationHoldEnabled").as_deref(), Some("True"));
    assert_eq!(prop(m, "ProhibitSendReceiveQuota").as_deref(), Some("100 GB (107,374,182,400 bytes)"));
    let out = run(&mut s, &Invocation::new("Get-Mailbox").param("Identity", "marketing"));
    assert_eq!(prop(&out.output[0], "ProhibitSendReceiveQuota").as_deref(), Some("50 GB (53,687,091,200 bytes)"));
    assert_eq!(prop(&out.output[0], "IsDirSynced").as_deref(), Some("True"));
    let out = run(&mut s, &Invocation::new("Get-Mailbox").param("RecipientTypeDetails", "SharedMailbox"));
    assert_eq!(out.output.len(), 4);
    let out = run(&mut s, &Invocation::new("Get-MailboxStatistics").param("Identity", "adele"));
    assert_eq!(prop(&out.output[0], "TotalItemSize").as_deref(), Some("12.04 GB (12,926,844,928 bytes)"));
    let out = run(
        &mut s,
        &Invocation::new("Add-MailboxPermission")
            .param("Identity", "support")
            .param("User", "diego")
            .param("AccessRights", "FullAccess")
            .param("AutoMapping", false),
    );
    assert!(out.succeeded(), "{:?}", out.errors);
    assert_eq!(prop(&out.output[0], "User").as_deref(), Some("diego@contoso.com"));
    assert_eq!(shown_online(&dir, "Support Desk")["MailboxPermissions"][1]["AutoMapping"], false);
    let out = run(
        &mut s,
        &Invocation::new("Add-RecipientPermission")
            .param("Identity", "support")
            .param("Trustee", "diego")
            .param("AccessRights", "SendAs"),
    );
    assert!(out.succeeded(), "{:?}", out.errors);
    assert_eq!(prop(&out.output[0], "Trustee").as_deref(), Some("diego@contoso.com"));
    let again = run(
        &mut s,
        &Invocation::new("Add-RecipientPermission")
            .param("Identity", "support")
            .param("Trustee", "diego")
            .param("AccessRights", "SendAs"),
    );
    assert_eq!(
        again.warnings[0],
        "The appropriate access control entry is already present on the object \"Support Desk\" for account \"diego@contoso.com\"."
    );
    let bad = run(
        &mut s,
        &Invocation::new("Add-RecipientPermission")
            .param("Identity", "support")
            .param("Trustee", "diego")
            .param("AccessRights", Value::List(vec!["FullAccess".into()])),
    );
    assert_eq!(bad.state, PipelineEnd::Failed);
    let perms = run(&mut s, &Invocation::new("Get-RecipientPermission").param("Identity", "support"));
    assert_eq!(perms.output.len(), 2);
    // On-premises-only cmdlets do not exist in Exchange Online.
    let out = run(&mut s, &Invocation::new("Get-RemoteMailbox"));
    assert!(out.errors[0].message.starts_with("The term 'Get-RemoteMailbox' is not recognized"));
    let out = run(&mut s, &Invocation::new("Get-Mailbox").param("Identity", "ghost"));
    assert!(out.errors[0].message.starts_with("Ex"), "{}", out.errors[0].message);
    assert!(out.errors[0].message.ends_with("|The operation couldn't be performed because object 'ghost' couldn't be found on 'AM6PR06A002DC01.EURPR06A002.prod.outlook.com'."));
    assert!(out.errors[0].fully_qualified_error_id.ends_with(" GMT],Write-ErrorMessage"));
}
