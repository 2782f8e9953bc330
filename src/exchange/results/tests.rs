//! Readers against hand-built objects, exports and real captured output.

use super::*;
use crate::psobject::PsObject;

const MAILBOX_TYPE: &str = "Deserialized.Microsoft.Exchange.Data.Directory.Management.Mailbox";

fn object(type_name: &str, props: Vec<(&str, PsValue)>) -> PsValue {
    let mut o = PsObject::with_types([type_name, "Deserialized.System.Object"]);
    for (k, v) in props {
        o = o.note(k, v);
    }
    o.into()
}

fn enum_value(type_name: &str, n: PsValue, text: &str) -> PsValue {
    PsObject {
        type_names: [type_name, "System.Enum", "System.ValueType", "System.Object"].into(),
        to_string: Some(text.into()),
        base: Some(n),
        ..Default::default()
    }
    .into()
}

fn strings(items: &[&str]) -> PsValue {
    PsValue::list(items.iter().map(|s| PsValue::from(*s)))
}

fn wire_mailbox() -> PsValue {
    let guid = uuid::Uuid::parse_str("2f0eef8a-ac24-475e-beae-3da243345ad9").unwrap();
    object(
        MAILBOX_TYPE,
        vec![
            ("Identity", "contoso.com/Users/Kim Akers".into()),
            ("Name", "Kim Akers".into()),
            ("DisplayName", "Kim Akers".into()),
            ("Alias", "kim".into()),
            ("PrimarySmtpAddress", "kim@contoso.com".into()),
            ("UserPrincipalName", "kim@contoso.com".into()),
            ("SamAccountName", "kakers".into()),
            (
                "RecipientTypeDetails",
                enum_value(
                    "Deserialized.Microsoft.Exchange.Data.Directory.Recipient.RecipientTypeDetails",
                    PsValue::I64(4),
                    "SharedMailbox",
                ),
            ),
            ("ExchangeGuid", PsValue::Guid(guid)),
            ("Guid", "0d4a5e0c-7c2b-4a4e-9a55-6f0e8c3a1b2d".into()),
            ("Database", "DB01".into()),
            ("AccountDisabled", true.into()),
            ("IsShared", true.into()),
            ("IsLinked", false.into()),
            ("LinkedMasterAccount", "NT AUTHORITY\\SELF".into()),
            ("LitigationHoldEnabled", "True".into()),
            ("InPlaceHolds", strings(&["UniH7d895e40-9c9c-4cbb-8e44-4d8f3b2a1f00"])),
            ("RetentionHoldEnabled", false.into()),
            ("ArchiveStatus", "Active".into()),
            ("ArchiveGuid", PsValue::Guid(uuid::Uuid::nil())),
            ("ArchiveDatabase", PsValue::Null),
            ("RemoteRecipientType", "None".into()),
            ("ProhibitSendQuota", "49.5 GB (53,150,220,288 bytes)".into()),
            ("ProhibitSendReceiveQuota", "Unlimited".into()),
            ("IssueWarningQuota", "49 GB (52,613,349,376 bytes)".into()),
            ("GrantSendOnBehalfTo", "contoso.com/Users/Lee".into()),
            ("MessageCopyForSentAsEnabled", true.into()),
            ("MessageCopyForSendOnBehalfEnabled", false.into()),
            ("EmailAddresses", strings(&["SMTP:kim@contoso.com", "smtp:kim.akers@contoso.com", "X500:/o=x"])),
            ("DistinguishedName", "CN=Kim Akers,OU=Users,DC=contoso,DC=com".into()),
            ("IsResource", false.into()),
            ("ArchiveState", "Local".into()),
            ("ForwardingAddress", PsValue::Null),
            ("HiddenFromAddressListsEnabled", false.into()),
        ],
    )
}

#[test]
fn reads_a_wire_mailbox_exactly() {
    let m = Mailbox::from_ps(&wire_mailbox()).unwrap();
    assert_eq!(m.identity, "contoso.com/Users/Kim Akers");
    assert_eq!((m.name.as_str(), m.alias.as_str()), ("Kim Akers", "kim"));
    assert_eq!(m.recipient_type_details, RecipientTypeDetails::SharedMailbox);
    assert_eq!(m.exchange_guid.unwrap().to_string(), "2f0eef8a-ac24-475e-beae-3da243345ad9");
    assert_eq!(m.guid.unwrap().to_string(), "0d4a5e0c-7c2b-4a4e-9a55-6f0e8c3a1b2d");
    assert_eq!(m.account_disabled, Some(true));
    assert!(m.litigation_hold_enabled);
    assert_eq!(m.in_place_holds, ["UniH7d895e40-9c9c-4cbb-8e44-4d8f3b2a1f00"]);
    assert_eq!(m.archive_status.as_deref(), Some("Active"));
    assert_eq!(m.archive_guid, None, "the all-zero GUID means no archive");
    assert_eq!(m.archive_database, None);
    assert_eq!(m.remote_recipient_type, Some(RemoteRecipientType(0)));
    assert_eq!(m.prohibit_send_quota, Some(Quota::Limited(ByteSize(53_150_220_288))));
    assert_eq!(m.prohibit_send_receive_quota, Some(Quota::Unlimited));
    assert_eq!(m.issue_warning_quota, Some(Quota::Limited(ByteSize(52_613_349_376))));
    assert_eq!(m.grant_send_on_behalf_to, ["contoso.com/Users/Lee"]);
    assert_eq!(m.smtp_addresses(), ["kim@contoso.com", "kim.akers@contoso.com"]);
    assert_eq!(m.distinguished_name.as_deref(), Some("CN=Kim Akers,OU=Users,DC=contoso,DC=com"));
    assert_eq!(m.linked_master_account.as_deref(), Some("NT AUTHORITY\\SELF"));
    assert_eq!(m.archive_state.as_deref(), Some("Local"));
    assert_eq!(m.sku_assigned, None);
    assert_eq!(m.raw, wire_mailbox());
}

#[test]
fn recipient_type_reads_text_number_and_enum_object() {
    for v in [
        PsValue::from("RemoteSharedMailbox"),
        PsValue::U64(34_359_738_368),
        PsValue::I64(34_359_738_368),
        enum_value("RecipientTypeDetails", PsValue::U64(34_359_738_368), "RemoteSharedMailbox"),
    ] {
        let o = object(MAILBOX_TYPE, vec![("Identity", "x".into()), ("RecipientTypeDetails", v)]);
        assert_eq!(Mailbox::from_ps(&o).unwrap().recipient_type_details, RecipientTypeDetails::RemoteSharedMailbox);
    }
}

#[test]
fn missing_or_bad_mandatory_properties_are_named() {
    let no_identity = object(MAILBOX_TYPE, vec![("RecipientTypeDetails", "UserMailbox".into())]);
    let e = Mailbox::from_ps(&no_identity).unwrap_err();
    assert_eq!(e.what, "Mailbox");
    assert_eq!(e.type_name, "Microsoft.Exchange.Data.Directory.Management.Mailbox");
    assert!(e.reason.contains("'Identity' is missing"), "{e}");

    let no_type = object(MAILBOX_TYPE, vec![("Identity", "x".into())]);
    assert!(Mailbox::from_ps(&no_type).unwrap_err().reason.contains("'RecipientTypeDetails'"));

    let bad_type = object(MAILBOX_TYPE, vec![("Identity", "x".into()), ("RecipientTypeDetails", "Nonsense".into())]);
    let e = Mailbox::from_ps(&bad_type).unwrap_err();
    assert_eq!(
        e.reason,
        "property 'RecipientTypeDetails' cannot be read: 'Nonsense' is not a RecipientTypeDetails name or number"
    );

    let bad_quota = object(
        MAILBOX_TYPE,
        vec![
            ("Identity", "x".into()),
            ("RecipientTypeDetails", "UserMailbox".into()),
            ("ProhibitSendQuota", "lots".into()),
        ],
    );
    assert!(
        Mailbox::from_ps(&bad_quota)
            .unwrap_err()
            .reason
            .starts_with("property 'ProhibitSendQuota' cannot be read: 'lots' is not an Exchange size")
    );

    let e = Mailbox::from_ps(&PsValue::from("Kim")).unwrap_err();
    assert_eq!(e.type_name, "System.String");
    assert!(e.reason.starts_with("expected an object"));
}

#[test]
fn scalar_reads_unroll_one_item_lists_and_reject_many() {
    let one = object(MAILBOX_TYPE, vec![("Identity", strings(&["x"])), ("RecipientTypeDetails", "UserMailbox".into())]);
    assert_eq!(Mailbox::from_ps(&one).unwrap().identity, "x");
    let two =
        object(MAILBOX_TYPE, vec![("Identity", strings(&["x", "y"])), ("RecipientTypeDetails", "UserMailbox".into())]);
    assert!(Mailbox::from_ps(&two).unwrap_err().reason.contains("has 2 values where one was expected"));
}

#[test]
fn numeric_enums_and_unlimited_objects_from_json_exports() {
    let json = serde_json::json!({
        "identity": "kim", "recipienttypedetails": 1, "ArchiveStatus": 0, "ArchiveState": 3,
        "ProhibitSendQuota": {"IsUnlimited": true, "Value": null},
        "ProhibitSendReceiveQuota": {"IsUnlimited": false, "Value": 1073741824u64},
        "RemoteRecipientType": 100, "InPlaceHolds": null, "AccountDisabled": false
    });
    let m = Mailbox::from_ps(&ps_from_json(&json)).unwrap();
    assert_eq!(m.identity, "kim");
    assert_eq!(m.recipient_type_details, RecipientTypeDetails::UserMailbox);
    assert_eq!(m.archive_status.as_deref(), Some("None"));
    assert_eq!(m.archive_state.as_deref(), Some("HostedPending"));
    assert_eq!(m.prohibit_send_quota, Some(Quota::Unlimited));
    assert_eq!(m.prohibit_send_receive_quota, Some(Quota::Limited(ByteSize::gb(1))));
    assert_eq!(m.remote_recipient_type, Some(RemoteRecipientType(100)));
    assert!(m.in_place_holds.is_empty());
    assert_eq!(m.account_disabled, Some(false));
    assert_eq!(m.name, "");
}

#[test]
fn json_mapping_is_generic() {
    let v = ps_from_json(&serde_json::json!({"a": [1, "x", null], "b": 18446744073709551615u64, "c": 1.5}));
    let o = v.as_object().unwrap();
    assert!(o.is_type("System.Management.Automation.PSCustomObject"));
    let a = o.get("A").unwrap().items().unwrap();
    assert_eq!(a, [PsValue::I64(1), PsValue::from("x"), PsValue::Null]);
    assert_eq!(o.get("b"), Some(&PsValue::U64(u64::MAX)));
    assert_eq!(o.get("c"), Some(&PsValue::Double(1.5)));
}

#[test]
fn remote_mailbox_reads_flags_text_and_number() {
    let rm = |rrt: PsValue| {
        object(
            "Deserialized.Microsoft.Exchange.Data.Directory.Management.RemoteMailbox",
            vec![
                ("Identity", "contoso.com/Users/Shared1".into()),
                ("RecipientTypeDetails", "RemoteSharedMailbox".into()),
                ("RemoteRecipientType", rrt),
                ("RemoteRoutingAddress", "shared1@contoso.mail.onmicrosoft.com".into()),
            ],
        )
    };
    let a = RemoteMailbox::from_ps(&rm("Migrated, SharedMailbox".into())).unwrap();
    assert_eq!(a.remote_recipient_type, RemoteRecipientType(100));
    assert_eq!(a.remote_routing_address.as_deref(), Some("shared1@contoso.mail.onmicrosoft.com"));
    let b = RemoteMailbox::from_ps(&rm(enum_value("RemoteRecipientType", PsValue::I64(97), "x"))).unwrap();
    assert_eq!(b.remote_recipient_type, RemoteRecipientType(97));
    let e = RemoteMailbox::from_ps(&rm(PsValue::Null)).unwrap_err();
    assert!(e.reason.contains("'RemoteRecipientType' is missing"));
}

#[test]
fn statistics_and_disconnected_mailboxes() {
    let stats = object(
        "Deserialized.Microsoft.Exchange.Management.MapiTasks.Presentation.MailboxStatistics",
        vec![
            ("DisplayName", "Kim Akers".into()),
            ("MailboxGuid", "1e2f3a4b-0000-4000-8000-0000000000aa".into()),
            ("TotalItemSize", "152.1 MB (159,449,088 bytes)".into()),
            ("TotalDeletedItemSize", "3.891 KB (3,984 bytes)".into()),
            ("ItemCount", PsValue::U32(4211)),
            ("Database", "DB01".into()),
            ("DisconnectReason", "SoftDeleted".into()),
            ("DisconnectDate", PsValue::DateTime("2024-03-01T10:00:00Z".into())),
            ("LegacyExchangeDN", "/o=Contoso/ou=Exchange Administrative Group/cn=Recipients/cn=kim".into()),
        ],
    );
    let s = MailboxStatistics::from_ps(&stats).unwrap();
    assert_eq!(s.total_item_size, ByteSize(159_449_088));
    assert_eq!(s.total_deleted_item_size, ByteSize(3_984));
    assert_eq!(s.item_count, 4211);
    assert!(s.is_disconnected());
    let d = DisconnectedMailbox::from_statistics(&s).unwrap().unwrap();
    assert_eq!(d.disconnect_reason, DisconnectReason::SoftDeleted);
    assert_eq!(d.mailbox_guid.to_string(), "1e2f3a4b-0000-4000-8000-0000000000aa");
    assert_eq!(d.disconnect_date.as_deref(), Some("2024-03-01T10:00:00Z"));
    assert_eq!(serde_json::to_value(&d).unwrap()["DisconnectReason"], "SoftDeleted");

    let connected = object(
        "MailboxStatistics",
        vec![
            ("DisplayName", "Lee".into()),
            ("TotalItemSize", "0 B (0 bytes)".into()),
            ("TotalDeletedItemSize", "0 B (0 bytes)".into()),
            ("ItemCount", "1,024".into()),
        ],
    );
    let s = MailboxStatistics::from_ps(&connected).unwrap();
    assert_eq!(s.item_count, 1024);
    assert_eq!(DisconnectedMailbox::from_statistics(&s).unwrap(), None);
    assert!(DisconnectedMailbox::from_ps(&connected).unwrap_err().reason.contains("connected"));
}

#[test]
fn exchange_server_build_numbers() {
    let srv = object(
        "Deserialized.Microsoft.Exchange.Data.Directory.Management.ExchangeServer",
        vec![
            ("Name", "EX01".into()),
            ("Fqdn", "ex01.contoso.com".into()),
            ("AdminDisplayVersion", "Version 15.1 (Build 2507.18)".into()),
            ("ServerRole", enum_value("ServerRole", PsValue::I32(54), "Mailbox, ClientAccess")),
        ],
    );
    let s = ExchangeServer::from_ps(&srv).unwrap();
    assert_eq!(s.build(), Some((15, 1, 2507, 18)));
    assert_eq!(s.server_role.as_deref(), Some("Mailbox, ClientAccess"));
    assert_eq!(parse_admin_display_version("Version 8.3 (Build 83.6)"), Some((8, 3, 83, 6)));
    assert_eq!(parse_admin_display_version("15.2 (Build 1544.4)"), Some((15, 2, 1544, 4)));
    assert_eq!(parse_admin_display_version("Version 15.1"), None);
    assert_eq!(parse_admin_display_version("Version x.1 (Build 1.2)"), None);
}

#[test]
fn exchange_server_in_the_local_export_clixml_shape() {
    // As `Export-Clixml` writes it on a server (fixture E2016CU22-Get-ExchangeServer.xml):
    // live type names, adapted `<Props>`, the version as an object with ToString and parts.
    let version = PsObject {
        type_names: ["Microsoft.Exchange.Data.ServerVersion", "System.Object"].into(),
        to_string: Some("Version 15.1 (Build 2375.7)".into()),
        adapted: vec![
            crate::psobject::Property { name: "Major".into(), value: PsValue::I32(15) },
            crate::psobject::Property { name: "Build".into(), value: PsValue::I32(2375) },
        ],
        ..Default::default()
    };
    let mut o = PsObject::with_types([
        "Microsoft.Exchange.Data.Directory.Management.ExchangeServer",
        "Microsoft.Exchange.Data.Directory.Management.ADPresentationObject",
        "System.Object",
    ]);
    o.to_string = Some("SOLO-E16A".into());
    for (name, value) in [
        ("Name", PsValue::from("SOLO-E16A")),
        ("Edition", enum_value("Microsoft.Exchange.Data.ServerEditionType", PsValue::I32(2), "StandardEvaluation")),
        ("Fqdn", "Solo-E16A.Solo.local".into()),
        ("AdminDisplayVersion", version.into()),
        (
            "ServerRole",
            enum_value("Microsoft.Exchange.Data.Directory.SystemConfiguration.ServerRole", PsValue::I32(2), "Mailbox"),
        ),
    ] {
        o.adapted.push(crate::psobject::Property { name: name.into(), value });
    }
    let s = ExchangeServer::from_ps(&o.into()).unwrap();
    assert_eq!(s.name, "SOLO-E16A");
    assert_eq!(s.fqdn.as_deref(), Some("Solo-E16A.Solo.local"));
    assert_eq!(s.admin_display_version, "Version 15.1 (Build 2375.7)");
    assert_eq!(s.build(), Some((15, 1, 2375, 7)));
    assert_eq!((s.edition.as_deref(), s.server_role.as_deref()), (Some("StandardEvaluation"), Some("Mailbox")));
}

#[test]
fn permissions_split_flags_and_require_ace_shape() {
    let ace = object(
        "Deserialized.Microsoft.Exchange.Management.RecipientTasks.MailboxAcePresentationObject",
        vec![
            ("Identity", "contoso.com/Users/Shared1".into()),
            ("User", "CONTOSO\\kim".into()),
            ("AccessRights", strings(&["FullAccess, ReadPermission"])),
            ("IsInherited", false.into()),
            ("Deny", "False".into()),
            ("InheritanceType", "All".into()),
        ],
    );
    let p = MailboxPermission::from_ps(&ace).unwrap();
    assert_eq!(p.access_rights, ["FullAccess", "ReadPermission"]);
    assert_eq!((p.is_inherited, p.deny), (false, false));
    assert_eq!(p.inheritance_type.as_deref(), Some("All"));

    let ad = object(
        "Deserialized.Microsoft.Exchange.Management.RecipientTasks.ADAcePresentationObject",
        vec![
            ("Identity", "contoso.com/Users/Shared1".into()),
            ("User", "CONTOSO\\kim".into()),
            ("AccessRights", strings(&["ExtendedRight"])),
            ("ExtendedRights", strings(&["Send-As"])),
            ("IsInherited", false.into()),
            ("Deny", false.into()),
        ],
    );
    let a = AdPermission::from_ps(&ad).unwrap();
    assert_eq!(
        (a.access_rights.as_slice(), a.extended_rights.as_slice()),
        (&["ExtendedRight".to_string()][..], &["Send-As".to_string()][..])
    );
    let no_deny = object("x", vec![("Identity", "a".into()), ("User", "b".into()), ("IsInherited", true.into())]);
    assert!(AdPermission::from_ps(&no_deny).unwrap_err().reason.contains("'Deny' is missing"));
}

#[test]
fn inbox_rules() {
    let rule = object(
        "Deserialized.Microsoft.Exchange.Management.Common.InboxRule",
        vec![
            ("Name", "Move newsletters".into()),
            ("Identity", "kim\\11136868681545170945".into()),
            ("Enabled", true.into()),
            ("Priority", PsValue::I32(2)),
            ("Description", "If the message:\r\n\tfrom news@contoso.com\r\n".into()),
        ],
    );
    let r = InboxRule::from_ps(&rule).unwrap();
    assert_eq!(r.identity, "kim\\11136868681545170945");
    assert_eq!(r.priority, Some(2));
    assert!(r.enabled);
    let bad = object("x", vec![("Name", "a".into()), ("Identity", "b".into()), ("Enabled", "maybe".into())]);
    assert_eq!(
        InboxRule::from_ps(&bad).unwrap_err().reason,
        "property 'Enabled' has 'maybe', which is not True or False"
    );
}

#[test]
fn user_objects() {
    let u = object(
        "Deserialized.Microsoft.Exchange.Data.Directory.Management.User",
        vec![
            ("Identity", "contoso.com/Users/Kim".into()),
            ("Name", "Kim".into()),
            ("RecipientTypeDetails", "DisabledUser".into()),
            ("RemotePowerShellEnabled", true.into()),
        ],
    );
    let u = User::from_ps(&u).unwrap();
    assert_eq!(u.recipient_type_details, RecipientTypeDetails::DisabledUser);
    assert_eq!(u.remote_power_shell_enabled, Some(true));
    assert_eq!(u.account_disabled, None);
}
