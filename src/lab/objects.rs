//! Output objects shaped like what a client deserializes from Exchange: `Deserialized.` type-name
//! chains, adapted properties in wire order, complex values as strings (sizes in Exchange's exact
//! text, enums by name), multi-valued properties as lists. The property order and types follow a
//! real Get-Mailbox over PSRP from Exchange 2016 (3gstudent's pypsrp write-up, CLIXML in the blog).

use super::model::{
    CloudMailbox, Database, DisconnectedMailbox, InboxRule, MailboxAce, OnPremRecipient, RoleAssignment, Server,
    ServerVersion, is_local_mailbox,
};
use super::store::OrgConfig;
use crate::exchange::{ByteSize, Quota, RecipientTypeDetails as R};
use crate::psobject::{Container, Property, PsObject, PsValue};
use std::sync::Arc;
use uuid::Uuid;

/// Type chains (most derived first), without the `Deserialized.` prefix.
pub mod chain {
    /// Get-Mailbox.
    pub const MAILBOX: &[&str] = &[
        "Microsoft.Exchange.Data.Directory.Management.Mailbox",
        "Microsoft.Exchange.Data.Directory.Management.MailEnabledOrgPerson",
        "Microsoft.Exchange.Data.Directory.Management.MailEnabledRecipient",
        "Microsoft.Exchange.Data.Directory.Management.ADPresentationObject",
        "Microsoft.Exchange.Data.Directory.ADObject",
        "Microsoft.Exchange.Data.Directory.ADRawEntry",
        "Microsoft.Exchange.Data.ConfigurableObject",
        "System.Object",
    ];
    /// Get-RemoteMailbox (RemoteMailbox : MailUser).
    pub const REMOTE_MAILBOX: &[&str] = &[
        "Microsoft.Exchange.Data.Directory.Management.RemoteMailbox",
        "Microsoft.Exchange.Data.Directory.Management.MailUser",
        "Microsoft.Exchange.Data.Directory.Management.MailEnabledOrgPerson",
        "Microsoft.Exchange.Data.Directory.Management.MailEnabledRecipient",
        "Microsoft.Exchange.Data.Directory.Management.ADPresentationObject",
        "Microsoft.Exchange.Data.Directory.ADObject",
        "Microsoft.Exchange.Data.Directory.ADRawEntry",
        "Microsoft.Exchange.Data.ConfigurableObject",
        "System.Object",
    ];
    /// Get-User.
    pub const USER: &[&str] = &[
        "Microsoft.Exchange.Data.Directory.Management.User",
        "Microsoft.Exchange.Data.Directory.Management.ADPresentationObject",
        "Microsoft.Exchange.Data.Directory.ADObject",
        "Microsoft.Exchange.Data.Directory.ADRawEntry",
        "Microsoft.Exchange.Data.ConfigurableObject",
        "System.Object",
    ];
    /// Get-Recipient (ReducedRecipient : ADObject).
    pub const RECIPIENT: &[&str] = &[
        "Microsoft.Exchange.Data.Directory.Management.ReducedRecipient",
        "Microsoft.Exchange.Data.Directory.ADObject",
        "Microsoft.Exchange.Data.Directory.ADRawEntry",
        "Microsoft.Exchange.Data.ConfigurableObject",
        "System.Object",
    ];
    /// Get-MailboxStatistics (2013+: MapiTasks.Presentation.MailboxStatistics : Mapi.MailboxStatistics : MailboxEntry : MessageStore).
    pub const STATISTICS: &[&str] = &[
        "Microsoft.Exchange.Management.MapiTasks.Presentation.MailboxStatistics",
        "Microsoft.Exchange.Data.Mapi.MailboxStatistics",
        "Microsoft.Exchange.Data.Mapi.MailboxEntry",
        "Microsoft.Exchange.Data.Mapi.MessageStore",
        "Microsoft.Exchange.Data.Mapi.MapiObject",
        "Microsoft.Exchange.Data.ConfigurableObject",
        "System.Object",
    ];
    /// Get-ExchangeServer (fixture clixml/E2016CU23-Get-ExchangeServer-2servers.xml).
    pub const SERVER: &[&str] = &[
        "Microsoft.Exchange.Data.Directory.Management.ExchangeServer",
        "Microsoft.Exchange.Data.Directory.Management.ADPresentationObject",
        "Microsoft.Exchange.Data.Directory.ADObject",
        "Microsoft.Exchange.Data.Directory.ADRawEntry",
        "Microsoft.Exchange.Data.ConfigurableObject",
        "System.Object",
    ];
    /// Get-MailboxDatabase.
    pub const DATABASE: &[&str] = &[
        "Microsoft.Exchange.Data.Directory.SystemConfiguration.MailboxDatabase",
        "Microsoft.Exchange.Data.Directory.SystemConfiguration.Database",
        "Microsoft.Exchange.Data.Directory.ADLegacyVersionableObject",
        "Microsoft.Exchange.Data.Directory.ADConfigurationObject",
        "Microsoft.Exchange.Data.Directory.ADObject",
        "Microsoft.Exchange.Data.Directory.ADRawEntry",
        "Microsoft.Exchange.Data.ConfigurableObject",
        "System.Object",
    ];
    /// Get-MailboxPermission.
    pub const MAILBOX_ACE: &[&str] = &[
        "Microsoft.Exchange.Management.RecipientTasks.MailboxAcePresentationObject",
        "Microsoft.Exchange.Management.RecipientTasks.AcePresentationObject",
        "Microsoft.Exchange.Data.ConfigurableObject",
        "System.Object",
    ];
    /// Get-ADPermission.
    pub const AD_ACE: &[&str] = &[
        "Microsoft.Exchange.Management.RecipientTasks.ADAcePresentationObject",
        "Microsoft.Exchange.Management.RecipientTasks.AcePresentationObject",
        "Microsoft.Exchange.Data.ConfigurableObject",
        "System.Object",
    ];
    /// Get-RecipientPermission (Exchange Online).
    pub const RECIPIENT_ACE: &[&str] = &[
        "Microsoft.Exchange.Data.Directory.Permission.RecipientPermission",
        "Microsoft.Exchange.Data.ConfigurableObject",
        "System.Object",
    ];
    /// Get-InboxRule.
    pub const INBOX_RULE: &[&str] = &[
        "Microsoft.Exchange.Management.Common.InboxRule",
        "Microsoft.Exchange.Data.Storage.Management.XsoMailboxConfigurationObject",
        "Microsoft.Exchange.Data.ConfigurableObject",
        "System.Object",
    ];
    /// Get-ManagementRoleAssignment.
    pub const ROLE_ASSIGNMENT: &[&str] = &[
        "Microsoft.Exchange.Data.Directory.Management.ExchangeRoleAssignmentPresentation",
        "Microsoft.Exchange.Data.Directory.Management.ADPresentationObject",
        "Microsoft.Exchange.Data.Directory.ADObject",
        "Microsoft.Exchange.Data.Directory.ADRawEntry",
        "Microsoft.Exchange.Data.ConfigurableObject",
        "System.Object",
    ];
    /// Get-EXOMailbox (REST module; the lab's reading of its type, not from the reference).
    pub const EXO_MAILBOX: &[&str] = &["Microsoft.Exchange.Management.AdminApiProvider.ExoMailbox", "System.Object"];
}

const MV_STRING: &[&str] = &[
    "Microsoft.Exchange.Data.MultiValuedProperty`1[[System.String, mscorlib, Version=4.0.0.0, Culture=neutral, PublicKeyToken=b77a5c561934e089]]",
    "Microsoft.Exchange.Data.MultiValuedPropertyBase",
    "System.Object",
];
const MV_ADOBJECTID: &[&str] = &[
    "Microsoft.Exchange.Data.Directory.ADMultiValuedProperty`1[[Microsoft.Exchange.Data.Directory.ADObjectId, Microsoft.Exchange.Data.Directory, Version=15.0.0.0, Culture=neutral, PublicKeyToken=31bf3856ad364e35]]",
    "Microsoft.Exchange.Data.MultiValuedProperty`1[[Microsoft.Exchange.Data.Directory.ADObjectId, Microsoft.Exchange.Data.Directory, Version=15.0.0.0, Culture=neutral, PublicKeyToken=31bf3856ad364e35]]",
    "Microsoft.Exchange.Data.MultiValuedPropertyBase",
    "System.Object",
];
const PROXY_ADDRESSES: &[&str] = &[
    "Microsoft.Exchange.Data.ProxyAddressCollection",
    "Microsoft.Exchange.Data.ProxyAddressBaseCollection`1[[Microsoft.Exchange.Data.ProxyAddress, Microsoft.Exchange.Data, Version=15.0.0.0, Culture=neutral, PublicKeyToken=31bf3856ad364e35]]",
    "Microsoft.Exchange.Data.MultiValuedProperty`1[[Microsoft.Exchange.Data.ProxyAddress, Microsoft.Exchange.Data, Version=15.0.0.0, Culture=neutral, PublicKeyToken=31bf3856ad364e35]]",
    "Microsoft.Exchange.Data.MultiValuedPropertyBase",
    "System.Object",
];
const MAILBOX_RIGHTS_ARRAY: &[&str] =
    &["Microsoft.Exchange.Management.RecipientTasks.MailboxRights[]", "System.Array", "System.Object"];
const AD_RIGHTS_ARRAY: &[&str] = &["System.DirectoryServices.ActiveDirectoryRights[]", "System.Array", "System.Object"];
const EXTENDED_RIGHTS_ARRAY: &[&str] =
    &["Microsoft.Exchange.Management.RecipientTasks.ExtendedRightIdParameter[]", "System.Array", "System.Object"];
const STRING_LIST: &[&str] = &[
    "System.Collections.Generic.List`1[[System.String, mscorlib, Version=4.0.0.0, Culture=neutral, PublicKeyToken=b77a5c561934e089]]",
    "System.Object",
];

fn deserialized(types: &[&str]) -> Vec<String> {
    types.iter().map(|t| format!("Deserialized.{t}")).collect()
}

/// A new output object with a `Deserialized.` type chain and its ToString.
fn object(types: &[&str], to_string: impl Into<String>) -> PsObject {
    PsObject { type_names: deserialized(types).into(), to_string: Some(to_string.into()), ..Default::default() }
}

fn list(types: &[&str], items: impl IntoIterator<Item = String>) -> PsValue {
    PsValue::Object(Arc::new(PsObject {
        type_names: deserialized(types).into(),
        container: Some(Container::List(items.into_iter().map(PsValue::String).collect())),
        ..Default::default()
    }))
}

/// A `MultiValuedProperty<string>`.
pub fn mv_string(items: &[String]) -> PsValue {
    list(MV_STRING, items.iter().cloned())
}

/// An `ADMultiValuedProperty<ADObjectId>` (identities as canonical names).
pub fn mv_ids(items: &[String]) -> PsValue {
    list(MV_ADOBJECTID, items.iter().cloned())
}

fn proxies(items: &[String]) -> PsValue {
    list(PROXY_ADDRESSES, items.iter().cloned())
}

struct Props<'a>(&'a mut PsObject);

impl Props<'_> {
    fn add(&mut self, name: &str, value: impl Into<PsValue>) -> &mut Self {
        self.0.adapted.push(Property { name: name.into(), value: value.into() });
        self
    }
    fn s(&mut self, name: &str, value: &str) -> &mut Self {
        self.add(name, PsValue::String(value.to_string()))
    }
    fn opt(&mut self, name: &str, value: Option<&str>) -> &mut Self {
        self.add(name, value.map_or(PsValue::Null, |v| PsValue::String(v.to_string())))
    }
    fn dt(&mut self, name: &str, value: Option<&str>) -> &mut Self {
        self.add(name, value.map_or(PsValue::Null, |v| PsValue::DateTime(v.to_string())))
    }
    fn guid(&mut self, name: &str, value: Option<Uuid>) -> &mut Self {
        self.add(name, PsValue::Guid(value.unwrap_or_else(Uuid::nil)))
    }
}

fn quota(q: Quota) -> String {
    q.to_string()
}

/// `ExchangeVersion` as objects of 2010+ carry it.
const EXCHANGE_VERSION: &str = "0.20 (15.0.0.0)";

fn recipient_type(t: R) -> &'static str {
    if is_local_mailbox(t) {
        "UserMailbox"
    } else if t.is_remote_mailbox() {
        "MailUser"
    } else {
        "User"
    }
}

fn account_control(disabled: bool) -> &'static str {
    if disabled { "AccountDisabled, NormalAccount" } else { "NormalAccount" }
}

/// The mailbox's server (from its database).
fn server_of<'a>(org: &'a OrgConfig, db: Option<&str>) -> Option<&'a Server> {
    let d = org.database(db?)?;
    org.servers.iter().find(|s| s.name.eq_ignore_ascii_case(&d.server))
}

/// On-premises Get-Mailbox output.
pub fn mailbox(r: &OnPremRecipient, org: &OrgConfig) -> PsValue {
    let o = &org.organization;
    let t = r.recipient_type_details;
    let disabled = r.account_disabled.unwrap_or(false);
    let server = server_of(org, r.database.as_deref());
    let mut obj = object(chain::MAILBOX, r.name.clone());
    let mut p = Props(&mut obj);
    p.opt("Database", r.database.as_deref())
        .add("MessageCopyForSentAsEnabled", r.message_copy_for_sent_as_enabled)
        .add("MessageCopyForSendOnBehalfEnabled", r.message_copy_for_send_on_behalf_enabled)
        .add("DeliverToMailboxAndForward", false)
        .add("LitigationHoldEnabled", r.litigation_hold_enabled)
        .add("SingleItemRecoveryEnabled", false)
        .add("RetentionHoldEnabled", r.retention_hold_enabled)
        .dt("LitigationHoldDate", None)
        .s("LitigationHoldOwner", "")
        .s("LitigationHoldDuration", "Unlimited")
        .guid("ExchangeGuid", r.exchange_guid)
        .s("ExchangeUserAccountControl", if disabled { "AccountDisabled" } else { "None" })
        .opt("AdminDisplayVersion", server.map(|s| s.admin_display_version.as_str()))
        .add("ForwardingAddress", PsValue::Null)
        .add("ForwardingSmtpAddress", PsValue::Null)
        .s("RetainDeletedItemsFor", "14.00:00:00")
        .add("IsMailboxEnabled", true)
        .s("ProhibitSendQuota", &quota(r.prohibit_send_quota))
        .s("ProhibitSendReceiveQuota", &quota(r.prohibit_send_receive_quota))
        .s("RecoverableItemsQuota", "30 GB (32,212,254,720 bytes)")
        .s("RecoverableItemsWarningQuota", "20 GB (21,474,836,480 bytes)")
        .add("IsResource", matches!(t, R::RoomMailbox | R::EquipmentMailbox | R::LinkedRoomMailbox))
        .add("IsLinked", matches!(t, R::LinkedMailbox | R::LinkedRoomMailbox))
        .add("IsShared", t == R::SharedMailbox)
        .s("LinkedMasterAccount", r.linked_master_account.as_deref().unwrap_or(""))
        .add("ResetPasswordOnNextLogon", r.reset_password_on_next_logon)
        .opt(
            "ResourceType",
            match t {
                R::RoomMailbox | R::LinkedRoomMailbox => Some("Room"),
                R::EquipmentMailbox => Some("Equipment"),
                _ => None,
            },
        )
        .opt("SamAccountName", r.sam_account_name.as_deref())
        .opt("ServerName", server.map(|s| s.name.to_ascii_lowercase()).as_deref())
        .add("UseDatabaseQuotaDefaults", r.prohibit_send_receive_quota == Quota::Unlimited)
        .s("IssueWarningQuota", &quota(r.issue_warning_quota))
        .opt("UserPrincipalName", r.user_principal_name.as_deref())
        .opt("ArchiveDatabase", r.archive_guid.and(r.archive_database.as_deref()))
        .guid("ArchiveGuid", r.archive_guid)
        .add(
            "ArchiveName",
            mv_string(&r.archive_name.iter().filter(|_| r.archive_guid.is_some()).cloned().collect::<Vec<_>>()),
        )
        .s("ArchiveQuota", "100 GB (107,374,182,400 bytes)")
        .s("ArchiveWarningQuota", "90 GB (96,636,764,160 bytes)")
        .s("ArchiveStatus", if r.archive_guid.is_some() { "Active" } else { "None" })
        .s("ArchiveState", if r.archive_guid.is_some() { "Local" } else { "None" })
        .s("RemoteRecipientType", &r.remote_recipient_type.to_string())
        .add("SKUAssigned", PsValue::Null)
        .dt("WhenMailboxCreated", r.when_mailbox_created.as_deref())
        .add("InPlaceHolds", mv_string(&r.in_place_holds))
        .add("AccountDisabled", disabled)
        .s("Alias", r.alias_str())
        .opt("OrganizationalUnit", r.organizational_unit.as_deref())
        .opt("DisplayName", r.display_name.as_deref())
        .add("EmailAddresses", proxies(&r.email_addresses))
        .add("GrantSendOnBehalfTo", mv_ids(&r.grant_send_on_behalf_to))
        .add("HiddenFromAddressListsEnabled", t == R::DiscoveryMailbox)
        .s("LegacyExchangeDN", &r.legacy_dn(o))
        .s("PrimarySmtpAddress", r.smtp())
        .s("RecipientType", recipient_type(t))
        .s("RecipientTypeDetails", &t.name())
        .s("WindowsEmailAddress", r.smtp())
        .s("Identity", &r.identity())
        .add("IsValid", true)
        .s("ExchangeVersion", EXCHANGE_VERSION)
        .s("Name", &r.name)
        .s("DistinguishedName", &r.distinguished_name())
        .guid("Guid", r.guid)
        .s("Id", &r.identity())
        .s("OriginatingServer", &o.dc().to_ascii_lowercase())
        .s("ObjectState", "Unchanged");
    obj.into()
}

/// Exchange Online quotas: 100 GB licensed (Plan 2 figures), 50 GB unlicensed (docs/exchange-notes.md §1.1 licensing).
fn cloud_quotas(m: &CloudMailbox) -> (ByteSize, ByteSize, ByteSize) {
    const GB: u64 = 1 << 30;
    if m.sku_assigned {
        (ByteSize(98 * GB), ByteSize(99 * GB), ByteSize(100 * GB))
    } else {
        (ByteSize(49 * GB), ByteSize(49 * GB + GB / 2), ByteSize(50 * GB))
    }
}

/// Exchange Online Get-Mailbox output (`exo` = Get-EXOMailbox's type).
pub fn cloud_mailbox(m: &CloudMailbox, exo: bool) -> PsValue {
    let t = m.recipient_type_details.as_str();
    let (warn, send, send_receive) = cloud_quotas(m);
    let mut obj = object(if exo { chain::EXO_MAILBOX } else { chain::MAILBOX }, m.name.clone());
    let mut p = Props(&mut obj);
    p.opt("Database", m.database.as_deref())
        .add("MessageCopyForSentAsEnabled", m.message_copy_for_sent_as_enabled)
        .add("MessageCopyForSendOnBehalfEnabled", m.message_copy_for_send_on_behalf_enabled)
        .add("LitigationHoldEnabled", m.litigation_hold_enabled)
        .add("RetentionHoldEnabled", false)
        .s("LitigationHoldDuration", "Unlimited")
        .guid("ExchangeGuid", m.exchange_guid)
        .s("RetainDeletedItemsFor", "14.00:00:00")
        .add("IsMailboxEnabled", true)
        .s("IssueWarningQuota", &warn.to_string())
        .s("ProhibitSendQuota", &send.to_string())
        .s("ProhibitSendReceiveQuota", &send_receive.to_string())
        .add("IsResource", matches!(t, "RoomMailbox" | "EquipmentMailbox" | "WorkspaceMailbox" | "DeskMailbox"))
        .add("IsShared", t == "SharedMailbox")
        .add("IsDirSynced", m.is_dir_synced())
        .opt("ImmutableId", m.immutable_id.as_deref())
        .opt("UserPrincipalName", m.user_principal_name.as_deref())
        .guid("ArchiveGuid", m.archive_guid)
        .s("ArchiveStatus", if m.archive_guid.is_some() { "Active" } else { "None" })
        .s("ArchiveState", if m.archive_guid.is_some() { "Local" } else { "None" })
        .add("SKUAssigned", m.sku_assigned)
        .add("InPlaceHolds", mv_string(&m.in_place_holds))
        .add("AccountDisabled", m.account_disabled)
        .s("Alias", m.alias.as_deref().unwrap_or(""))
        .opt("DisplayName", m.display_name.as_deref())
        .add("EmailAddresses", proxies(&m.email_addresses))
        .add("GrantSendOnBehalfTo", mv_ids(&m.grant_send_on_behalf_to))
        .s("PrimarySmtpAddress", m.smtp())
        .s("RecipientType", "UserMailbox")
        .s("RecipientTypeDetails", t)
        .s("ExternalDirectoryObjectId", &m.external_directory_object_id.map(|g| g.to_string()).unwrap_or_default())
        .s("Identity", &m.identity())
        .s("Name", &m.name)
        .guid("Guid", m.guid)
        .s("Id", &m.identity());
    obj.into()
}

/// Get-RemoteMailbox output.
pub fn remote_mailbox(r: &OnPremRecipient, org: &OrgConfig) -> PsValue {
    let o = &org.organization;
    let mut obj = object(chain::REMOTE_MAILBOX, r.name.clone());
    let mut p = Props(&mut obj);
    p.s("RemoteRoutingAddress", r.remote_routing_address.as_deref().unwrap_or(""))
        .s("RemoteRecipientType", &r.remote_recipient_type.to_string())
        .opt("OnPremisesOrganizationalUnit", r.organizational_unit.as_deref())
        .guid("ArchiveGuid", r.archive_guid)
        .s("ArchiveState", if r.remote_recipient_type.0 & 2 != 0 { "HostedProvisioned" } else { "None" })
        .guid("ExchangeGuid", r.exchange_guid)
        .add("AccountDisabled", r.account_disabled.unwrap_or(false))
        .opt("SamAccountName", r.sam_account_name.as_deref())
        .opt("UserPrincipalName", r.user_principal_name.as_deref())
        .add("ResetPasswordOnNextLogon", r.reset_password_on_next_logon)
        .s("Alias", r.alias_str())
        .opt("DisplayName", r.display_name.as_deref())
        .add("EmailAddresses", proxies(&r.email_addresses))
        .add("GrantSendOnBehalfTo", mv_ids(&r.grant_send_on_behalf_to))
        .s("LegacyExchangeDN", &r.legacy_dn(o))
        .s("PrimarySmtpAddress", r.smtp())
        .s("RecipientType", "MailUser")
        .s("RecipientTypeDetails", &r.recipient_type_details.name())
        .s("Identity", &r.identity())
        .s("ExchangeVersion", EXCHANGE_VERSION)
        .s("Name", &r.name)
        .s("DistinguishedName", &r.distinguished_name())
        .guid("Guid", r.guid)
        .s("OriginatingServer", &o.dc().to_ascii_lowercase());
    obj.into()
}

/// Get-User output.
pub fn user(r: &OnPremRecipient, org: &OrgConfig) -> PsValue {
    let disabled = r.account_disabled.unwrap_or(false);
    let mut t = r.recipient_type_details;
    if t == R::User && disabled {
        t = R::DisabledUser;
    }
    let mut obj = object(chain::USER, r.name.clone());
    let mut p = Props(&mut obj);
    p.add("IsLinked", r.linked_master_account.is_some())
        .s("LinkedMasterAccount", r.linked_master_account.as_deref().unwrap_or(""))
        .add("ResetPasswordOnNextLogon", r.reset_password_on_next_logon)
        .opt("SamAccountName", r.sam_account_name.as_deref())
        .opt("UserPrincipalName", r.user_principal_name.as_deref())
        .s("UserAccountControl", account_control(disabled))
        .add("AccountDisabled", disabled)
        .add("RemotePowerShellEnabled", true)
        .opt("DisplayName", r.display_name.as_deref())
        .opt("WindowsEmailAddress", r.primary_smtp_address.as_deref())
        .s(
            "RecipientType",
            match t {
                R::User | R::DisabledUser | R::LinkedUser => "User",
                other => recipient_type(other),
            },
        )
        .s("RecipientTypeDetails", &t.name())
        .opt("OrganizationalUnit", r.organizational_unit.as_deref())
        .s("Identity", &r.identity())
        .s("Name", &r.name)
        .s("DistinguishedName", &r.distinguished_name())
        .guid("Guid", r.guid)
        .s("OriginatingServer", &org.organization.dc().to_ascii_lowercase());
    obj.into()
}

/// Get-Recipient output for an on-premises object.
pub fn recipient(r: &OnPremRecipient, org: &OrgConfig) -> PsValue {
    let t = r.recipient_type_details;
    let mut obj = object(chain::RECIPIENT, r.name.clone());
    let mut p = Props(&mut obj);
    p.s("Alias", r.alias_str())
        .guid("ArchiveGuid", r.archive_guid)
        .opt("Database", r.database.as_deref())
        .opt("DisplayName", r.display_name.as_deref())
        .add("EmailAddresses", proxies(&r.email_addresses))
        .guid("ExchangeGuid", r.exchange_guid)
        .opt("ExternalEmailAddress", r.remote_routing_address.as_ref().map(|a| format!("SMTP:{a}")).as_deref())
        .opt("OrganizationalUnit", r.organizational_unit.as_deref())
        .s("PrimarySmtpAddress", r.smtp())
        .s("RecipientType", recipient_type(t))
        .s("RecipientTypeDetails", &t.name())
        .opt("SamAccountName", r.sam_account_name.as_deref())
        .s("Identity", &r.identity())
        .s("Name", &r.name)
        .s("DistinguishedName", &r.distinguished_name())
        .guid("Guid", r.guid)
        .s("OriginatingServer", &org.organization.dc().to_ascii_lowercase());
    obj.into()
}

/// Get-Recipient output for an Exchange Online mailbox.
pub fn cloud_recipient(m: &CloudMailbox) -> PsValue {
    let mut obj = object(chain::RECIPIENT, m.name.clone());
    let mut p = Props(&mut obj);
    p.s("Alias", m.alias.as_deref().unwrap_or(""))
        .opt("DisplayName", m.display_name.as_deref())
        .add("EmailAddresses", proxies(&m.email_addresses))
        .guid("ExchangeGuid", m.exchange_guid)
        .s("PrimarySmtpAddress", m.smtp())
        .s("RecipientType", "UserMailbox")
        .s("RecipientTypeDetails", &m.recipient_type_details)
        .add("SKUAssigned", m.sku_assigned)
        .s("Identity", &m.identity())
        .s("Name", &m.name)
        .guid("Guid", m.guid);
    obj.into()
}

/// Mailbox statistics as numbers the two sides share.
pub struct Stats<'a> {
    /// Display name.
    pub display_name: &'a str,
    /// Mailbox GUID.
    pub mailbox_guid: Option<Uuid>,
    /// Size.
    pub total_item_size: ByteSize,
    /// Recoverable items size.
    pub total_deleted_item_size: ByteSize,
    /// Items.
    pub item_count: u64,
    /// ISO last logon.
    pub last_logon_time: Option<&'a str>,
    /// Database.
    pub database: Option<&'a str>,
    /// Server.
    pub server: Option<&'a str>,
    /// Disconnected: reason.
    pub disconnect_reason: Option<&'a str>,
    /// Disconnected: date.
    pub disconnect_date: Option<&'a str>,
    /// LegacyExchangeDN.
    pub legacy_dn: Option<&'a str>,
    /// `UserMailbox`, `SharedMailbox`, ...
    pub mailbox_type_detail: &'a str,
    /// Whether these are the archive's figures.
    pub is_archive: bool,
}

/// Get-MailboxStatistics output.
pub fn statistics(s: &Stats<'_>) -> PsValue {
    let mut obj = object(chain::STATISTICS, s.display_name.to_string());
    let mut p = Props(&mut obj);
    p.add("AssociatedItemCount", s.item_count / 20)
        .add("DeletedItemCount", s.total_deleted_item_size.0 / 65_536)
        .dt("DisconnectDate", s.disconnect_date)
        .opt("DisconnectReason", s.disconnect_reason)
        .s("DisplayName", s.display_name)
        .add("ItemCount", s.item_count)
        .dt("LastLogonTime", s.last_logon_time)
        .dt("LastLogoffTime", s.last_logon_time)
        .opt("LegacyDN", s.legacy_dn)
        .guid("MailboxGuid", s.mailbox_guid)
        .s("MailboxType", "Private")
        .s("MailboxTypeDetail", s.mailbox_type_detail)
        .s("StorageLimitStatus", "BelowLimit")
        .s("TotalDeletedItemSize", &s.total_deleted_item_size.to_string())
        .s("TotalItemSize", &s.total_item_size.to_string())
        .opt("Database", s.database)
        .opt("DatabaseName", s.database)
        .opt("ServerName", s.server)
        .add("IsArchiveMailbox", s.is_archive)
        .s("Identity", &s.mailbox_guid.unwrap_or_else(Uuid::nil).to_string())
        .add("IsValid", true)
        .s("ObjectState", "Unchanged");
    obj.into()
}

/// Statistics of an on-premises mailbox.
pub fn onprem_stats<'a>(r: &'a OnPremRecipient, org: &'a OrgConfig, legacy: &'a str, archive: bool) -> Stats<'a> {
    let server = server_of(org, r.database.as_deref()).map(|s| s.name.as_str());
    Stats {
        display_name: r.display_name.as_deref().unwrap_or(&r.name),
        mailbox_guid: if archive { r.archive_guid } else { r.exchange_guid },
        total_item_size: if archive { r.archive_total_item_size } else { r.total_item_size },
        total_deleted_item_size: if archive { ByteSize(0) } else { r.total_deleted_item_size },
        item_count: if archive { r.archive_total_item_size.0 / (96 * 1024) } else { r.item_count },
        last_logon_time: r.last_logon_time.as_deref(),
        database: if archive { r.archive_database.as_deref() } else { r.database.as_deref() },
        server,
        disconnect_reason: None,
        disconnect_date: None,
        legacy_dn: Some(legacy),
        mailbox_type_detail: match r.recipient_type_details {
            R::SharedMailbox => "SharedMailbox",
            R::RoomMailbox => "RoomMailbox",
            R::EquipmentMailbox => "EquipmentMailbox",
            R::LinkedMailbox => "LinkedMailbox",
            R::TeamMailbox => "TeamMailbox",
            R::DiscoveryMailbox => "DiscoveryMailbox",
            _ => "UserMailbox",
        },
        is_archive: archive,
    }
}

/// Statistics of a disconnected mailbox.
pub fn disconnected_stats<'a>(d: &'a DisconnectedMailbox, server: Option<&'a str>) -> Stats<'a> {
    Stats {
        display_name: &d.display_name,
        mailbox_guid: d.mailbox_guid,
        total_item_size: d.total_item_size,
        total_deleted_item_size: ByteSize(0),
        item_count: d.item_count,
        last_logon_time: d.last_logon_time.as_deref(),
        database: Some(&d.database),
        server,
        disconnect_reason: Some(d.disconnect_reason.as_str()),
        disconnect_date: d.disconnect_date.as_deref(),
        legacy_dn: d.legacy_exchange_dn.as_deref(),
        mailbox_type_detail: "UserMailbox",
        is_archive: false,
    }
}

/// Get-ExchangeServer output.
pub fn server(s: &Server, org: &OrgConfig) -> PsValue {
    let v = ServerVersion::parse(&s.admin_display_version);
    let mut obj = object(chain::SERVER, s.name.clone());
    let mut p = Props(&mut obj);
    p.s("Name", &s.name)
        .s("Domain", &org.organization.domain)
        .s("Edition", &s.edition)
        .s("Fqdn", s.fqdn.as_deref().unwrap_or(&s.name))
        .add("IsMailboxServer", true)
        .add("IsClientAccessServer", true)
        .add("IsE14OrLater", true)
        .add("IsE15OrLater", v.is_some_and(|v| v.major >= 15))
        .s("ServerRole", "Mailbox")
        .s("Site", &format!("{}/Configuration/Sites/Default-First-Site-Name", org.organization.domain))
        .s("AdminDisplayVersion", &s.admin_display_version)
        .s("ExchangeVersion", "0.1 (14.0.100.0)")
        .s("Identity", &s.name)
        .s("DistinguishedName", &format!(
            "CN={},CN=Servers,CN=Exchange Administrative Group (FYDIBOHF23SPDLT),CN=Administrative Groups,CN={},CN=Microsoft Exchange,CN=Services,CN=Configuration,{}",
            s.name,
            org.organization.name,
            org.organization.domain_dn()
        ));
    obj.into()
}

/// Get-MailboxDatabase output.
pub fn database(d: &Database, org: &OrgConfig) -> PsValue {
    let mut obj = object(chain::DATABASE, d.name.clone());
    let mut p = Props(&mut obj);
    p.s("Name", &d.name)
        .s("Server", &d.server)
        .s("MasterServerOrAvailabilityGroup", &d.server)
        .s("MailboxRetention", &d.mailbox_retention)
        .s("DeletedItemRetention", "14.00:00:00")
        .s("ProhibitSendReceiveQuota", "Unlimited")
        .s("ProhibitSendQuota", "Unlimited")
        .s("IssueWarningQuota", "Unlimited")
        .add("Recovery", false)
        .add("IsMailboxDatabase", true)
        .s("EdbFilePath", &format!("D:\\Databases\\{0}\\{0}.edb", d.name))
        .s("Identity", &d.name)
        .s("OriginatingServer", &org.organization.dc().to_ascii_lowercase());
    obj.into()
}

/// Mailbox rights in `MailboxRights` flag order (FullAccess=1, SendAs=2, ExternalAccount=4,
/// DeleteItem, ReadPermission, ChangePermission, ChangeOwner), the order their ToString uses.
pub const MAILBOX_RIGHTS: [&str; 7] =
    ["FullAccess", "SendAs", "ExternalAccount", "DeleteItem", "ReadPermission", "ChangePermission", "ChangeOwner"];

/// Rights joined as the flags enum prints them.
pub fn rights_text(rights: &[String]) -> String {
    MAILBOX_RIGHTS
        .iter()
        .filter(|r| rights.iter().any(|x| x.eq_ignore_ascii_case(r)))
        .copied()
        .collect::<Vec<_>>()
        .join(", ")
}

/// Get-MailboxPermission output for one entry.
pub fn mailbox_ace(identity: &str, ace: &MailboxAce) -> PsValue {
    let mut obj = object(chain::MAILBOX_ACE, identity.to_string());
    let mut p = Props(&mut obj);
    p.add("AccessRights", list(MAILBOX_RIGHTS_ARRAY, [rights_text(&ace.access_rights)]))
        .add("Deny", ace.deny)
        .s("InheritanceType", &ace.inheritance_type)
        .s("User", &ace.user)
        .s("Identity", identity)
        .add("IsInherited", false)
        .add("IsValid", true)
        .s("ObjectState", "Unchanged");
    obj.into()
}

/// Get-ADPermission output for one Send As entry.
pub fn ad_ace(identity: &str, user: &str, extended: &[String], deny: bool) -> PsValue {
    let mut obj = object(chain::AD_ACE, identity.to_string());
    let mut p = Props(&mut obj);
    p.add("AccessRights", list(AD_RIGHTS_ARRAY, ["ExtendedRight".to_string()]))
        .add("ExtendedRights", list(EXTENDED_RIGHTS_ARRAY, extended.iter().cloned()))
        .add("ChildObjectTypes", PsValue::Null)
        .add("InheritedObjectType", PsValue::Null)
        .add("Properties", PsValue::Null)
        .add("Deny", deny)
        .s("InheritanceType", "All")
        .s("User", user)
        .s("Identity", identity)
        .add("IsInherited", false)
        .add("IsValid", true);
    obj.into()
}

/// Get-RecipientPermission output (Exchange Online Send As).
pub fn recipient_ace(identity: &str, trustee: &str) -> PsValue {
    let mut obj = object(chain::RECIPIENT_ACE, identity.to_string());
    let mut p = Props(&mut obj);
    p.s("Identity", identity)
        .s("Trustee", trustee)
        .s("AccessControlType", "Allow")
        .add("AccessRights", list(STRING_LIST, ["SendAs".to_string()]))
        .add("IsInherited", false)
        .s("InheritanceType", "None");
    obj.into()
}

/// Get-InboxRule output; `owner` is the mailbox identity.
pub fn inbox_rule(owner: &str, rule: &InboxRule, index: usize) -> PsValue {
    let rule_id = 1_000_000_000_000_000_000u64 / 1000 + index as u64 * 65_536 + rule.priority as u64;
    let identity = format!("{owner}\\{rule_id}");
    let mut obj = object(chain::INBOX_RULE, rule.name.clone());
    let mut p = Props(&mut obj);
    p.s("Description", rule.description.as_deref().unwrap_or(""))
        .add("Enabled", rule.enabled)
        .s("Identity", &identity)
        .s("Name", &rule.name)
        .add("Priority", rule.priority as i32 + 1)
        .s("RuleIdentity", &rule_id.to_string())
        .s("MailboxOwnerId", owner)
        .add("IsValid", true);
    obj.into()
}

/// Get-ManagementRoleAssignment output.
pub fn role_assignment(r: &RoleAssignment) -> PsValue {
    let name = r.name.clone().unwrap_or_else(|| r.role.clone());
    let mut obj = object(chain::ROLE_ASSIGNMENT, name.clone());
    let mut p = Props(&mut obj);
    p.s("Name", &name)
        .s("Role", &r.role)
        .s("RoleAssigneeName", r.role_assignee_name.as_deref().unwrap_or(""))
        .s("RoleAssigneeType", "User")
        .s("AssignmentMethod", "Direct")
        .s("EffectiveUserName", r.role_assignee_name.as_deref().unwrap_or(""))
        .add("Enabled", r.enabled)
        .s("RecipientWriteScope", "Organization")
        .s("ConfigWriteScope", "OrganizationConfig")
        .s("Identity", &name);
    obj.into()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rights_print_in_flag_order() {
        assert_eq!(rights_text(&["ReadPermission".into(), "fullaccess".into()]), "FullAccess, ReadPermission");
        assert_eq!(rights_text(&["ExternalAccount".into(), "FullAccess".into()]), "FullAccess, ExternalAccount");
    }

    #[test]
    fn lists_carry_multivalued_type_names() {
        let v = mv_string(&["a".into()]);
        let o = v.as_object().unwrap();
        assert!(
            o.type_names[0].starts_with("Deserialized.Microsoft.Exchange.Data.MultiValuedProperty`1[[System.String")
        );
        assert_eq!(v.string_list(), ["a"]);
    }
}
