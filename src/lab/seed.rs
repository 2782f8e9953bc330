//! The deterministic default organisation `mbxctl lab init` creates: at least one of every case
//! the conversion workflows must handle, plus N generated user mailboxes.

use super::model::*;
use crate::exchange::{ByteSize, RecipientTypeDetails as R, RemoteRecipientType};

/// Options for [`super::init`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct InitOptions {
    /// Extra generated user mailboxes beyond the fixed cast.
    pub users: usize,
}

const MB: u64 = 1 << 20;
const GB: u64 = 1 << 30;

fn org() -> Organization {
    Organization {
        name: "Contoso".into(),
        domain: "contoso.com".into(),
        net_bios_name: Some("CONTOSO".into()),
        domain_controller: Some("DC01.contoso.com".into()),
        tenant_domain: Some("contoso.onmicrosoft.com".into()),
        connected_server: Some("EX01".into()),
        admin: None,
        online_admin: None,
    }
}

fn server(name: &str, version: &str, edition: &str) -> Server {
    Server { name: name.into(), admin_display_version: version.into(), edition: edition.into(), fqdn: None }
}

fn db(name: &str, server: &str) -> Database {
    Database { name: name.into(), server: server.into(), mailbox_retention: "30.00:00:00".into() }
}

fn role(role: &str, enabled: bool) -> RoleAssignment {
    RoleAssignment { role: role.into(), name: None, role_assignee_name: Some("Administrator".into()), enabled }
}

fn mailbox(
    name: &str,
    alias: &str,
    t: R,
    database: &str,
    size: u64,
    items: u64,
    logon: Option<&str>,
) -> OnPremRecipient {
    let mut r = OnPremRecipient::new(name, t);
    r.alias = Some(alias.into());
    r.database = Some(database.into());
    r.total_item_size = ByteSize(size);
    r.item_count = items;
    r.total_deleted_item_size = ByteSize(size / 40);
    r.last_logon_time = logon.map(Into::into);
    r.when_mailbox_created = Some("2019-03-04T10:15:00Z".into());
    r
}

fn remote(name: &str, alias: &str, t: R, rrt: u64) -> OnPremRecipient {
    let mut r = OnPremRecipient::new(name, t);
    r.alias = Some(alias.into());
    r.remote_recipient_type = RemoteRecipientType(rrt);
    r
}

fn user(name: &str, sam: &str) -> OnPremRecipient {
    let mut r = OnPremRecipient::new(name, R::User);
    r.sam_account_name = Some(sam.into());
    r
}

fn cloud(name: &str, t: &str, licensed: bool, size: u64, items: u64) -> CloudMailbox {
    let mut m = CloudMailbox::new(name, t);
    m.sku_assigned = licensed;
    m.total_item_size = ByteSize(size);
    m.item_count = items;
    m.last_logon_time = Some("2025-05-28T07:45:12Z".into());
    m
}

fn rule(name: &str, priority: i64, description: &str) -> InboxRule {
    InboxRule { name: name.into(), enabled: true, priority, description: Some(description.into()) }
}

fn full_access(user: &str, auto_mapping: bool) -> MailboxAce {
    MailboxAce {
        user: user.into(),
        access_rights: vec!["FullAccess".into()],
        deny: false,
        inheritance_type: "All".into(),
        auto_mapping,
    }
}

fn send_as(user: &str) -> AdAce {
    AdAce {
        user: user.into(),
        access_rights: vec!["ExtendedRight".into()],
        extended_rights: vec!["Send-As".into()],
        deny: false,
    }
}

/// The fixed cast (docs/lab.md lists each entry and what it is for).
pub fn default_data() -> LabData {
    let logon = Some("2025-05-30T08:12:45Z");
    let mut recipients = vec![
        mailbox("Administrator", "Administrator", R::UserMailbox, "DB01", 310 * MB, 2_140, logon),
        {
            let mut r = mailbox("Kim Akers", "kim", R::UserMailbox, "DB01", 1_325_000_000, 18_233, logon);
            r.inbox_rules = vec![
                rule(
                    "Move newsletters",
                    0,
                    "If the message:\r\n\tincludes 'newsletter' in the subject\r\nTake the following actions:\r\n\tmove the message to folder 'Newsletters'\r\n",
                ),
                rule(
                    "Flag manager mail",
                    1,
                    "If the message:\r\n\tis received from 'Pilar Pinilla'\r\nTake the following actions:\r\n\tmark the message with a flag\r\n",
                ),
            ];
            r
        },
        mailbox("Pilar Pinilla", "pilar", R::UserMailbox, "DB01", 56_371_445_760, 402_118, logon),
        {
            let mut r = mailbox("Lee Gu", "lee", R::UserMailbox, "DB02", 7 * GB + 301 * MB, 61_540, logon);
            r.litigation_hold_enabled = true;
            r
        },
        {
            let mut r = mailbox("Nestor Wilke", "nestor", R::UserMailbox, "DB02", 3 * GB + 77 * MB, 29_003, logon);
            r.in_place_holds = vec!["UniH7d895d48-7e2b-4f70-9a4c-1d0b1d0c4a21".into()];
            r
        },
        {
            let mut r = mailbox("Megan Bowen", "megan", R::UserMailbox, "DB01", 9 * GB + 512 * MB, 88_450, logon);
            r.archive_guid = Some(stable_uuid(&["archive", "megan"]));
            r.archive_database = Some("DB02".into());
            r.archive_total_item_size = ByteSize(14 * GB + 200 * MB);
            r
        },
        mailbox("Joni Sherman", "joni", R::UserMailbox, "DB02", 0, 0, None),
        mailbox("Alex Wilber", "alex", R::UserMailbox, "DB13", 2 * GB + 900 * MB, 20_512, logon),
        {
            let mut r = mailbox("Sales Team", "sales", R::SharedMailbox, "DB01", 4 * GB + 120 * MB, 35_870, logon);
            r.mailbox_permissions = vec![full_access("CONTOSO\\kim", true), full_access("CONTOSO\\lee", false)];
            r.ad_permissions = vec![send_as("CONTOSO\\kim")];
            r.grant_send_on_behalf_to = vec!["contoso.com/Users/Lee Gu".into()];
            r.message_copy_for_sent_as_enabled = true;
            r.inbox_rules = vec![rule(
                "Auto-file orders",
                0,
                "If the message:\r\n\tincludes 'order' in the subject\r\nTake the following actions:\r\n\tmove the message to folder 'Orders'\r\n",
            )];
            r
        },
        {
            // A shared mailbox whose account was never disabled and still has a working password.
            let mut r = mailbox("Finance Shared", "finance", R::SharedMailbox, "DB02", 2 * GB, 15_002, logon);
            r.account_disabled = Some(false);
            r.has_password = Some(true);
            r.mailbox_permissions = vec![full_access("CONTOSO\\pilar", true)];
            r
        },
        mailbox("Conference Room Adams", "room.adams", R::RoomMailbox, "DB01", 90 * MB, 1_204, logon),
        mailbox("Projector 01", "projector01", R::EquipmentMailbox, "DB02", 12 * MB, 310, logon),
        {
            let mut r = mailbox("Linked User", "linked.user", R::LinkedMailbox, "DB01", 800 * MB, 6_100, logon);
            r.linked_master_account = Some("FABRIKAM\\linkeduser".into());
            r
        },
        {
            let mut r = mailbox(
                "DiscoverySearchMailbox{D919BA05-46A6-415f-80AD-7E09334BB852}",
                "DiscoverySearchMailbox{D919BA05-46A6-415f-80AD-7E09334BB852}",
                R::DiscoveryMailbox,
                "DB01",
                2 * MB,
                12,
                logon,
            );
            r.display_name = Some("Discovery Search Mailbox".into());
            r.sam_account_name = Some("SM_2c3b4d5e6f7a4b8c9".into());
            r
        },
        mailbox("Project Apollo", "apollo", R::TeamMailbox, "DB02", 150 * MB, 900, logon),
        // Remote mailboxes (hybrid): the on-premises halves.
        remote("Adele Vance", "adele", R::RemoteUserMailbox, 4),
        remote("Diego Siciliani", "diego", R::RemoteUserMailbox, 1),
        remote("Support Desk", "support", R::RemoteSharedMailbox, 97),
        remote("Marketing Shared", "marketing", R::RemoteSharedMailbox, 100),
        remote("Isaiah Langer", "isaiah", R::RemoteUserMailbox, 4),
        remote("Grady Archie", "grady", R::RemoteUserMailbox, 1),
        remote("Lynne Robbins", "lynne", R::RemoteUserMailbox, 6),
        remote("Conference Room Baker", "room.baker", R::RemoteRoomMailbox, 33),
        // AD users without a mailbox.
        user("Johanna Lorenz", "johanna"),
        user("Patti Fernandez", "patti"),
    ];
    for r in &mut recipients {
        if r.recipient_type_details.is_remote_mailbox() {
            // Remote mailboxes that were migrated carry the ExchangeGuid of the moved mailbox.
            if r.remote_recipient_type.is_migrated() {
                r.exchange_guid = Some(stable_uuid(&["moved", r.alias.as_deref().unwrap_or("")]));
            }
        }
    }
    let mut adele = cloud("Adele Vance", "UserMailbox", true, 12 * GB + 40 * MB, 97_301);
    adele.litigation_hold_enabled = true;
    let mut lynne = cloud("Lynne Robbins", "UserMailbox", true, 6 * GB, 40_022);
    lynne.archive_guid = Some(stable_uuid(&["cloudarchive", "lynne"]));
    lynne.archive_total_item_size = ByteSize(22 * GB);
    let mut support = cloud("Support Desk", "SharedMailbox", false, 3 * GB, 21_000);
    support.mailbox_permissions = vec![full_access("adele@contoso.com", true)];
    support.recipient_permissions =
        vec![RecipientAce { trustee: "adele@contoso.com".into(), access_rights: vec!["SendAs".into()] }];
    let mut grady = cloud("Grady Archie", "UserMailbox", false, GB + 300 * MB, 9_800);
    grady.grace_period_started = Some("2025-05-20T00:00:00Z".into());
    let mut cloud_only = cloud("Cloud Only Shared", "SharedMailbox", false, 700 * MB, 4_400);
    cloud_only.alias = Some("cloudshared".into());
    let mailboxes = vec![
        adele,
        cloud("Diego Siciliani", "UserMailbox", true, 5 * GB + 10 * MB, 31_877),
        support,
        cloud("Marketing Shared", "SharedMailbox", false, 11 * GB, 77_000),
        // KB2710029: converted to shared in the cloud only; on-premises still says RemoteUserMailbox.
        cloud("Isaiah Langer", "SharedMailbox", false, 8 * GB + 250 * MB, 55_120),
        grady,
        lynne,
        cloud("Conference Room Baker", "RoomMailbox", false, 40 * MB, 600),
        cloud_only,
    ];
    LabData {
        lab: None,
        organization: org(),
        on_premises: OnPremises {
            servers: vec![
                server("EX01", "Version 15.1 (Build 2507.18)", "Enterprise"), // 2016 CU23
                server("EX02", "Version 15.2 (Build 1544.4)", "Enterprise"),  // 2019 CU14
                server("EX13", "Version 15.0 (Build 1365.1)", "Standard"),    // 2013 CU19
                server("EX16A", "Version 15.1 (Build 1466.3)", "Standard"),   // 2016 CU9
            ],
            databases: vec![db("DB01", "EX01"), db("DB02", "EX02"), db("DB13", "EX13"), db("DB16A", "EX16A")],
            role_assignments: vec![
                role("Mail Recipients", true),
                role("Mail Recipient Creation", true),
                role("Active Directory Permissions", true),
                role("Reset Password", true),
                role("View-Only Configuration", true),
            ],
            recipients,
            disconnected_mailboxes: vec![
                DisconnectedMailbox {
                    display_name: "Former Employee".into(),
                    database: "DB01".into(),
                    disconnect_reason: DisconnectReason::Disabled,
                    mailbox_guid: None,
                    disconnect_date: Some("2025-05-15T16:20:00Z".into()),
                    total_item_size: ByteSize(2 * GB + 512 * MB),
                    item_count: 19_870,
                    last_logon_time: Some("2025-05-14T17:01:00Z".into()),
                    legacy_exchange_dn: None,
                },
                DisconnectedMailbox {
                    display_name: "Moved User".into(),
                    database: "DB02".into(),
                    disconnect_reason: DisconnectReason::SoftDeleted,
                    mailbox_guid: None,
                    disconnect_date: Some("2025-05-22T03:00:00Z".into()),
                    total_item_size: ByteSize(640 * MB),
                    item_count: 5_120,
                    last_logon_time: Some("2025-05-21T12:00:00Z".into()),
                    legacy_exchange_dn: None,
                },
            ],
        },
        online: Online { mailboxes },
        faults: Default::default(),
        schema_version: None,
        target: None,
    }
}

const FIRST: [&str; 32] = [
    "Aaron", "Beatriz", "Chen", "Dana", "Emeka", "Fatima", "Gustav", "Hana", "Ines", "Jonas", "Keiko", "Luis", "Maya",
    "Nikolai", "Olga", "Pedro", "Qadir", "Rosa", "Sven", "Tomas", "Uma", "Viktor", "Wen", "Ximena", "Yusuf", "Zara",
    "Amir", "Brigit", "Carlos", "Dmitri", "Elena", "Farid",
];
const LAST: [&str; 32] = [
    "Abbott", "Bauer", "Costa", "Dubois", "Eriksen", "Fischer", "Garcia", "Horvat", "Ivanova", "Jensen", "Kowalski",
    "Larsen", "Moreau", "Nakamura", "Okafor", "Petrov", "Quinn", "Rossi", "Silva", "Tanaka", "Umarov", "Varga",
    "Weber", "Xu", "Yilmaz", "Zhang", "Andersen", "Becker", "Castro", "Dimitrov", "Engel", "Fontaine",
];

/// Generated user mailbox number `i` (0-based): same name, size and logon on every run.
pub fn generated_user(i: usize) -> OnPremRecipient {
    let first = FIRST[i % FIRST.len()];
    let last = LAST[(i / FIRST.len()) % LAST.len()];
    let name = format!("{first} {last} {:06}", i + 1);
    let alias = format!("{}.{}{:06}", first.to_ascii_lowercase(), last.to_ascii_lowercase(), i + 1);
    let h = splitmix(i as u64 ^ 0x5eed);
    // 10 MB .. ~20 GB, skewed small as real mailboxes are.
    let size = 10 * MB + (h % (20 * GB)) * ((h >> 40) % 4 + 1) / 4;
    let never = h.is_multiple_of(23);
    let day = 1 + (h >> 8) % 28;
    let mut r = OnPremRecipient::new(name, R::UserMailbox);
    r.alias = Some(alias);
    r.organizational_unit = Some("contoso.com/Staff".into());
    r.database = Some(if i.is_multiple_of(2) { "DB01" } else { "DB02" }.into());
    r.total_item_size = ByteSize(if never { 0 } else { size });
    r.item_count = if never { 0 } else { size / (72 * 1024) };
    r.total_deleted_item_size = ByteSize(if never { 0 } else { size / 50 });
    r.last_logon_time =
        (!never).then(|| format!("2025-05-{day:02}T{:02}:{:02}:00Z", 7 + (h >> 16) % 10, (h >> 24) % 60));
    r.when_mailbox_created = Some("2021-01-11T09:00:00Z".into());
    r
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn default_org_normalises_and_has_one_of_everything() {
        let mut d = default_data();
        d.normalise().unwrap();
        let types: Vec<R> = d.on_premises.recipients.iter().map(|r| r.recipient_type_details).collect();
        for t in [
            R::UserMailbox,
            R::SharedMailbox,
            R::RoomMailbox,
            R::EquipmentMailbox,
            R::LinkedMailbox,
            R::DiscoveryMailbox,
            R::TeamMailbox,
            R::RemoteUserMailbox,
            R::RemoteSharedMailbox,
            R::User,
        ] {
            assert!(types.contains(&t), "{t} missing");
        }
        assert!(d.on_premises.recipients.iter().any(|r| r.total_item_size.0 > 50 * GB));
        let isaiah = d.online.mailboxes.iter().find(|m| m.name == "Isaiah Langer").unwrap();
        let onprem = d.on_premises.recipients.iter().find(|r| r.name == "Isaiah Langer").unwrap();
        assert_eq!(isaiah.immutable_id, onprem.guid.map(immutable_id));
        assert_eq!(isaiah.exchange_guid, onprem.exchange_guid);
        let cloud_only = d.online.mailboxes.iter().find(|m| m.name == "Cloud Only Shared").unwrap();
        assert_eq!(cloud_only.immutable_id, None);
        assert_eq!(cloud_only.smtp(), "cloudshared@contoso.onmicrosoft.com");
    }

    #[test]
    fn generated_users_are_deterministic_and_unique() {
        assert_eq!(generated_user(41), generated_user(41));
        assert_eq!(generated_user(0).name, "Aaron Abbott 000001");
        assert_eq!(generated_user(0).alias.as_deref(), Some("aaron.abbott000001"));
        let names: std::collections::HashSet<String> = (0..5000).map(|i| generated_user(i).name).collect();
        assert_eq!(names.len(), 5000);
        assert!((0..200).any(|i| generated_user(i).last_logon_time.is_none()));
    }
}
