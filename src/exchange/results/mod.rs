//! Typed results parsed from cmdlet output objects (docs/exchange-notes.md §3.1, §3.2; fixtures).
//!
//! Each type has `from_ps(&PsValue) -> Result<Self, ResultError>` that reads an object as it
//! arrives from the lab or over PSRP (depth 1: complex values are strings, type names may carry
//! `Deserialized.`), and keeps the object in `raw` so nothing is lost.
//!
//! The same readers accept the shapes an Exchange Online JSON export produces once mapped with
//! [`ps_from_json`]: enums as numbers or names, sizes as text, multi-valued properties as arrays.
//! Property names are matched case-insensitively, as PowerShell does. Only the properties a
//! result cannot mean anything without are mandatory (each type's `from_ps` names them); the
//! rest are `None`, empty or `false` when absent, because narrowed exports (`Select-Object`)
//! are normal. A property that is present but unreadable is always an error: a wrong value is
//! worse than a missing one.

use super::{ByteSize, Quota, RecipientTypeDetails, RemoteRecipientType};
use crate::psobject::PsValue;
use serde::Serialize;

/// `Get-Mailbox` output (on-premises or Exchange Online).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct Mailbox {
    /// `Identity`: a canonical name on-premises (`contoso.com/Users/Kim`), the object name or id in EXO.
    pub identity: String,
    /// `Name`.
    pub name: String,
    /// `DisplayName`.
    pub display_name: String,
    /// `Alias`.
    pub alias: String,
    /// `PrimarySmtpAddress`.
    pub primary_smtp_address: String,
    /// `UserPrincipalName`.
    pub user_principal_name: Option<String>,
    /// `SamAccountName`.
    pub sam_account_name: Option<String>,
    /// `RecipientTypeDetails`: what the conversion logic keys on.
    pub recipient_type_details: RecipientTypeDetails,
    /// `ExchangeGuid`: must match between the on-premises and cloud objects in hybrid.
    pub exchange_guid: Option<uuid::Uuid>,
    /// `Guid`.
    pub guid: Option<uuid::Uuid>,
    /// `Database`.
    pub database: Option<String>,
    /// `AccountDisabled`: converting to shared disables the account on-premises.
    pub account_disabled: Option<bool>,
    /// `IsShared`.
    pub is_shared: Option<bool>,
    /// `IsLinked`.
    pub is_linked: Option<bool>,
    /// `LinkedMasterAccount`.
    pub linked_master_account: Option<String>,
    /// `LitigationHoldEnabled`.
    pub litigation_hold_enabled: bool,
    /// `InPlaceHolds`: hold ids; a hold on a shared mailbox needs a licence in EXO.
    pub in_place_holds: Vec<String>,
    /// `RetentionHoldEnabled`.
    pub retention_hold_enabled: bool,
    /// `ArchiveStatus`.
    pub archive_status: Option<String>,
    /// `ArchiveGuid`.
    pub archive_guid: Option<uuid::Uuid>,
    /// `ArchiveDatabase`.
    pub archive_database: Option<String>,
    /// `RemoteRecipientType` (`msExchRemoteRecipientType`); `Set-RemoteMailbox -Type` needs ProvisionMailbox.
    pub remote_recipient_type: Option<RemoteRecipientType>,
    /// `ProhibitSendQuota`.
    pub prohibit_send_quota: Option<Quota>,
    /// `ProhibitSendReceiveQuota`.
    pub prohibit_send_receive_quota: Option<Quota>,
    /// `GrantSendOnBehalfTo`.
    pub grant_send_on_behalf_to: Vec<String>,
    /// `MessageCopyForSentAsEnabled`.
    pub message_copy_for_sent_as_enabled: Option<bool>,
    /// `MessageCopyForSendOnBehalfEnabled`.
    pub message_copy_for_send_on_behalf_enabled: Option<bool>,
    /// `EmailAddresses`, prefixed (`SMTP:` primary, `smtp:` secondary, `X500:` ...).
    pub email_addresses: Vec<String>,
    /// Exchange Online only: whether a licence is assigned (`SKUAssigned`).
    pub sku_assigned: Option<bool>,
    /// `DistinguishedName` (on-premises), used to match identities written as a DN.
    pub distinguished_name: Option<String>,
    /// `ExternalDirectoryObjectId`: the Entra ID object id; EXO uses it as `Identity`.
    pub external_directory_object_id: Option<String>,
    /// `IsResource`: room and equipment mailboxes.
    pub is_resource: Option<bool>,
    /// `IsInactiveMailbox`: a soft-deleted mailbox kept by a hold (EXO).
    pub is_inactive_mailbox: Option<bool>,
    /// `IsDirSynced`: the object is mastered on-premises and synced to the cloud.
    pub is_dir_synced: Option<bool>,
    /// `ArchiveState` (None, Local, HostedProvisioned, HostedPending, OnPremise).
    pub archive_state: Option<String>,
    /// `IssueWarningQuota`.
    pub issue_warning_quota: Option<Quota>,
    /// `ForwardingAddress` (a recipient).
    pub forwarding_address: Option<String>,
    /// `ForwardingSmtpAddress` (an external address, `smtp:` prefixed in EXO).
    pub forwarding_smtp_address: Option<String>,
    /// `HiddenFromAddressListsEnabled`.
    pub hidden_from_address_lists_enabled: Option<bool>,
    /// The object as received.
    #[serde(skip)]
    pub raw: PsValue,
}

/// `Get-RemoteMailbox` output (on-premises view of a mailbox that lives in Exchange Online).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct RemoteMailbox {
    /// `Identity`: a canonical name on-premises (`contoso.com/Users/Kim`), the object name or id in EXO.
    pub identity: String,
    /// `Name`.
    pub name: String,
    /// `Alias`.
    pub alias: String,
    /// `PrimarySmtpAddress`.
    pub primary_smtp_address: String,
    /// `RemoteRoutingAddress`.
    pub remote_routing_address: Option<String>,
    /// `RecipientTypeDetails`: what the conversion logic keys on.
    pub recipient_type_details: RecipientTypeDetails,
    /// `RemoteRecipientType` (`msExchRemoteRecipientType`); `Set-RemoteMailbox -Type` needs ProvisionMailbox.
    pub remote_recipient_type: RemoteRecipientType,
    /// `ExchangeGuid`: must match between the on-premises and cloud objects in hybrid.
    pub exchange_guid: Option<uuid::Uuid>,
    /// `UserPrincipalName`.
    pub user_principal_name: Option<String>,
    /// `SamAccountName`.
    pub sam_account_name: Option<String>,
    /// The object as received.
    #[serde(skip)]
    pub raw: PsValue,
}

/// `Get-MailboxStatistics` output.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct MailboxStatistics {
    /// `DisplayName`.
    pub display_name: String,
    /// `MailboxGuid`.
    pub mailbox_guid: Option<uuid::Uuid>,
    /// `TotalItemSize`, exact bytes.
    pub total_item_size: ByteSize,
    /// `TotalDeletedItemSize`, exact bytes.
    pub total_deleted_item_size: ByteSize,
    /// `ItemCount`.
    pub item_count: u64,
    /// `LastLogonTime`, as sent.
    pub last_logon_time: Option<String>,
    /// `Database`.
    pub database: Option<String>,
    /// `Disabled` or `SoftDeleted` for disconnected mailboxes.
    pub disconnect_reason: Option<String>,
    /// `DisconnectDate`.
    pub disconnect_date: Option<String>,
    /// `LegacyExchangeDN`.
    pub legacy_exchange_dn: Option<String>,
    /// The object as received.
    #[serde(skip)]
    pub raw: PsValue,
}

/// `Get-User` output.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct User {
    /// `Identity`: a canonical name on-premises (`contoso.com/Users/Kim`), the object name or id in EXO.
    pub identity: String,
    /// `Name`.
    pub name: String,
    /// `SamAccountName`.
    pub sam_account_name: Option<String>,
    /// `UserPrincipalName`.
    pub user_principal_name: Option<String>,
    /// `RecipientTypeDetails`: what the conversion logic keys on.
    pub recipient_type_details: RecipientTypeDetails,
    /// `AccountDisabled`: converting to shared disables the account on-premises.
    pub account_disabled: Option<bool>,
    /// `RemotePowerShellEnabled`.
    pub remote_power_shell_enabled: Option<bool>,
    /// The object as received.
    #[serde(skip)]
    pub raw: PsValue,
}

/// `Get-ExchangeServer` output, with `AdminDisplayVersion` read into a version.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct ExchangeServer {
    /// `Name`.
    pub name: String,
    /// `Fqdn`.
    pub fqdn: Option<String>,
    /// As sent: `Version 15.1 (Build 2507.18)`.
    pub admin_display_version: String,
    /// `ServerRole`.
    pub server_role: Option<String>,
    /// `Edition`.
    pub edition: Option<String>,
    /// The object as received.
    #[serde(skip)]
    pub raw: PsValue,
}

/// `Get-MailboxPermission` output (one access control entry).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct MailboxPermission {
    /// `Identity`: a canonical name on-premises (`contoso.com/Users/Kim`), the object name or id in EXO.
    pub identity: String,
    /// `User`: the trustee (`DOMAIN\user`, `NT AUTHORITY\SELF`).
    pub user: String,
    /// `AccessRights`, one entry per right (flags texts are split).
    pub access_rights: Vec<String>,
    /// `IsInherited`: inherited entries cannot be removed from this object.
    pub is_inherited: bool,
    /// `Deny`: a deny entry, not a grant.
    pub deny: bool,
    /// `InheritanceType`.
    pub inheritance_type: Option<String>,
    /// The object as received.
    #[serde(skip)]
    pub raw: PsValue,
}

/// `Get-ADPermission` output (one access control entry).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct AdPermission {
    /// `Identity`: a canonical name on-premises (`contoso.com/Users/Kim`), the object name or id in EXO.
    pub identity: String,
    /// `User`: the trustee (`DOMAIN\user`, `NT AUTHORITY\SELF`).
    pub user: String,
    /// `AccessRights`, one entry per right (flags texts are split).
    pub access_rights: Vec<String>,
    /// `ExtendedRights` (`Send-As`, `Receive-As`, ...).
    pub extended_rights: Vec<String>,
    /// `IsInherited`: inherited entries cannot be removed from this object.
    pub is_inherited: bool,
    /// `Deny`: a deny entry, not a grant.
    pub deny: bool,
    /// The object as received.
    #[serde(skip)]
    pub raw: PsValue,
}

/// `Get-InboxRule` output.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct InboxRule {
    /// `Name`.
    pub name: String,
    /// `Identity`: a canonical name on-premises (`contoso.com/Users/Kim`), the object name or id in EXO.
    pub identity: String,
    /// `Enabled`.
    pub enabled: bool,
    /// `Priority`: evaluation order.
    pub priority: Option<i64>,
    /// `Description`: the rule in words, as Exchange renders it.
    pub description: Option<String>,
    /// The object as received.
    #[serde(skip)]
    pub raw: PsValue,
}

/// Why an object could not be read as a typed result.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[error("cannot read {what} from {type_name}: {reason}")]
pub struct ResultError {
    /// The result type wanted (`Mailbox`).
    pub what: &'static str,
    /// The object's first type name.
    pub type_name: String,
    /// The property at fault and why.
    pub reason: String,
}

/// Why a `Get-MailboxStatistics` entry is disconnected (`DisconnectReason`).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum DisconnectReason {
    /// Disable-Mailbox or Remove-Mailbox left the mailbox without an AD account.
    Disabled,
    /// A move left this copy behind in the source database.
    SoftDeleted,
    /// A value this build of mbxctl does not know, kept as sent.
    Other(String),
}

impl std::fmt::Display for DisconnectReason {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            DisconnectReason::Disabled => "Disabled",
            DisconnectReason::SoftDeleted => "SoftDeleted",
            DisconnectReason::Other(s) => s,
        })
    }
}

impl Serialize for DisconnectReason {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl DisconnectReason {
    fn parse(text: &str) -> Self {
        let t = text.trim();
        if t.eq_ignore_ascii_case("Disabled") {
            DisconnectReason::Disabled
        } else if t.eq_ignore_ascii_case("SoftDeleted") {
            DisconnectReason::SoftDeleted
        } else {
            DisconnectReason::Other(t.to_string())
        }
    }
}

/// A disconnected mailbox (a `Get-MailboxStatistics -Database` entry with a `DisconnectReason`),
/// the input of `Connect-Mailbox` and `New-MailboxRestoreRequest` (docs/exchange-notes.md §8.1).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct DisconnectedMailbox {
    /// `DisplayName`: one of the identities `Connect-Mailbox` accepts.
    pub display_name: String,
    /// `MailboxGuid`: the unambiguous identity for `Connect-Mailbox` / `-SourceStoreMailbox`.
    pub mailbox_guid: uuid::Uuid,
    /// `Database`: where the mailbox sits.
    pub database: String,
    /// `DisconnectReason`.
    pub disconnect_reason: DisconnectReason,
    /// `DisconnectDate`, as sent.
    pub disconnect_date: Option<String>,
    /// `LegacyExchangeDN`.
    pub legacy_exchange_dn: Option<String>,
    /// `TotalItemSize`.
    pub total_item_size: ByteSize,
    /// `ItemCount`.
    pub item_count: u64,
}

impl DisconnectedMailbox {
    /// The disconnected mailbox described by a statistics entry, or `None` when the entry has no
    /// `DisconnectReason` (a connected mailbox). Mandatory once disconnected: `MailboxGuid` and
    /// `Database`, without which the mailbox cannot be reconnected.
    pub fn from_statistics(s: &MailboxStatistics) -> Result<Option<Self>, ResultError> {
        let Some(reason) = &s.disconnect_reason else {
            return Ok(None);
        };
        let missing = |prop: &str| ResultError {
            what: "DisconnectedMailbox",
            type_name: type_name_of(&s.raw),
            reason: format!("property '{prop}' is missing; a disconnected mailbox cannot be reconnected without it"),
        };
        Ok(Some(DisconnectedMailbox {
            display_name: s.display_name.clone(),
            mailbox_guid: s.mailbox_guid.ok_or_else(|| missing("MailboxGuid"))?,
            database: s.database.clone().ok_or_else(|| missing("Database"))?,
            disconnect_reason: DisconnectReason::parse(reason),
            disconnect_date: s.disconnect_date.clone(),
            legacy_exchange_dn: s.legacy_exchange_dn.clone(),
            total_item_size: s.total_item_size,
            item_count: s.item_count,
        }))
    }

    /// Reads a `Get-MailboxStatistics` object that must describe a disconnected mailbox.
    pub fn from_ps(v: &PsValue) -> Result<Self, ResultError> {
        let stats = MailboxStatistics::from_ps(v)?;
        Self::from_statistics(&stats)?.ok_or_else(|| ResultError {
            what: "DisconnectedMailbox",
            type_name: type_name_of(v),
            reason: "property 'DisconnectReason' is missing or empty: this mailbox is connected".into(),
        })
    }
}

mod json;
mod reader;
#[cfg(test)]
mod tests;

pub use json::ps_from_json;
use reader::{Reader, type_name_of};

/// Exchange's `ArchiveStatus` and `ArchiveState` enums, for values that arrive as numbers.
const ARCHIVE_STATUS: &[(i128, &str)] = &[(0, "None"), (1, "Active")];
const ARCHIVE_STATE: &[(i128, &str)] =
    &[(0, "None"), (1, "Local"), (2, "HostedProvisioned"), (3, "HostedPending"), (4, "OnPremise")];

impl Mailbox {
    /// Reads a `Get-Mailbox` object. Mandatory: `Identity`, `RecipientTypeDetails`. `Name`,
    /// `DisplayName`, `Alias` and `PrimarySmtpAddress` are empty when a narrowed export left
    /// them out; `LitigationHoldEnabled` and `RetentionHoldEnabled` are `false` when absent.
    pub fn from_ps(v: &PsValue) -> Result<Self, ResultError> {
        let r = Reader::new("Mailbox", v)?;
        Ok(Mailbox {
            identity: r.required_text("Identity")?,
            name: r.text_or_empty("Name")?,
            display_name: r.text_or_empty("DisplayName")?,
            alias: r.text_or_empty("Alias")?,
            primary_smtp_address: r.text_or_empty("PrimarySmtpAddress")?,
            user_principal_name: r.text("UserPrincipalName")?,
            sam_account_name: r.text("SamAccountName")?,
            recipient_type_details: r.recipient_type("RecipientTypeDetails")?,
            exchange_guid: r.guid("ExchangeGuid")?,
            guid: r.guid("Guid")?,
            database: r.text("Database")?,
            account_disabled: r.bool("AccountDisabled")?,
            is_shared: r.bool("IsShared")?,
            is_linked: r.bool("IsLinked")?,
            linked_master_account: r.text("LinkedMasterAccount")?,
            litigation_hold_enabled: r.bool("LitigationHoldEnabled")?.unwrap_or(false),
            in_place_holds: r.list("InPlaceHolds"),
            retention_hold_enabled: r.bool("RetentionHoldEnabled")?.unwrap_or(false),
            archive_status: r.enum_name("ArchiveStatus", ARCHIVE_STATUS)?,
            archive_guid: r.guid("ArchiveGuid")?,
            archive_database: r.text("ArchiveDatabase")?,
            remote_recipient_type: r.remote_recipient_type("RemoteRecipientType")?,
            prohibit_send_quota: r.quota("ProhibitSendQuota")?,
            prohibit_send_receive_quota: r.quota("ProhibitSendReceiveQuota")?,
            grant_send_on_behalf_to: r.list("GrantSendOnBehalfTo"),
            message_copy_for_sent_as_enabled: r.bool("MessageCopyForSentAsEnabled")?,
            message_copy_for_send_on_behalf_enabled: r.bool("MessageCopyForSendOnBehalfEnabled")?,
            email_addresses: r.list("EmailAddresses"),
            sku_assigned: r.bool("SKUAssigned")?,
            distinguished_name: r.text("DistinguishedName")?,
            external_directory_object_id: r.text("ExternalDirectoryObjectId")?,
            is_resource: r.bool("IsResource")?,
            is_inactive_mailbox: r.bool("IsInactiveMailbox")?,
            is_dir_synced: r.bool("IsDirSynced")?,
            archive_state: r.enum_name("ArchiveState", ARCHIVE_STATE)?,
            issue_warning_quota: r.quota("IssueWarningQuota")?,
            forwarding_address: r.text("ForwardingAddress")?,
            forwarding_smtp_address: r.text("ForwardingSmtpAddress")?,
            hidden_from_address_lists_enabled: r.bool("HiddenFromAddressListsEnabled")?,
            raw: v.clone(),
        })
    }

    /// The SMTP addresses among `EmailAddresses` (`SMTP:` primary and `smtp:` secondary), without
    /// the prefix; other address types (SIP, X500, SPO) are left out.
    pub fn smtp_addresses(&self) -> Vec<&str> {
        self.email_addresses
            .iter()
            .filter_map(|a| a.split_once(':').filter(|(p, _)| p.eq_ignore_ascii_case("smtp")).map(|(_, addr)| addr))
            .collect()
    }
}

impl RemoteMailbox {
    /// Reads a `Get-RemoteMailbox` object. Mandatory: `Identity`, `RecipientTypeDetails`,
    /// `RemoteRecipientType` (the conversion logic depends on both).
    pub fn from_ps(v: &PsValue) -> Result<Self, ResultError> {
        let r = Reader::new("RemoteMailbox", v)?;
        Ok(RemoteMailbox {
            identity: r.required_text("Identity")?,
            name: r.text_or_empty("Name")?,
            alias: r.text_or_empty("Alias")?,
            primary_smtp_address: r.text_or_empty("PrimarySmtpAddress")?,
            remote_routing_address: r.text("RemoteRoutingAddress")?,
            recipient_type_details: r.recipient_type("RecipientTypeDetails")?,
            remote_recipient_type: r
                .remote_recipient_type("RemoteRecipientType")?
                .ok_or_else(|| r.missing("RemoteRecipientType"))?,
            exchange_guid: r.guid("ExchangeGuid")?,
            user_principal_name: r.text("UserPrincipalName")?,
            sam_account_name: r.text("SamAccountName")?,
            raw: v.clone(),
        })
    }
}

impl MailboxStatistics {
    /// Reads a `Get-MailboxStatistics` object. Mandatory: `DisplayName`, `TotalItemSize`,
    /// `TotalDeletedItemSize`, `ItemCount`.
    pub fn from_ps(v: &PsValue) -> Result<Self, ResultError> {
        let r = Reader::new("MailboxStatistics", v)?;
        Ok(MailboxStatistics {
            display_name: r.required_text("DisplayName")?,
            mailbox_guid: r.guid("MailboxGuid")?,
            total_item_size: r.required_size("TotalItemSize")?,
            total_deleted_item_size: r.required_size("TotalDeletedItemSize")?,
            item_count: r.count("ItemCount")?,
            last_logon_time: r.text("LastLogonTime")?,
            database: r.text("Database")?,
            disconnect_reason: r.enum_name("DisconnectReason", &[(1, "Disabled"), (2, "SoftDeleted")])?,
            disconnect_date: r.text("DisconnectDate")?,
            legacy_exchange_dn: r.text("LegacyExchangeDN")?,
            raw: v.clone(),
        })
    }

    /// Whether this entry is a disconnected mailbox (it has a `DisconnectReason`).
    pub fn is_disconnected(&self) -> bool {
        self.disconnect_reason.is_some()
    }
}

impl User {
    /// Reads a `Get-User` object. Mandatory: `Identity`, `RecipientTypeDetails`.
    pub fn from_ps(v: &PsValue) -> Result<Self, ResultError> {
        let r = Reader::new("User", v)?;
        Ok(User {
            identity: r.required_text("Identity")?,
            name: r.text_or_empty("Name")?,
            sam_account_name: r.text("SamAccountName")?,
            user_principal_name: r.text("UserPrincipalName")?,
            recipient_type_details: r.recipient_type("RecipientTypeDetails")?,
            account_disabled: r.bool("AccountDisabled")?,
            remote_power_shell_enabled: r.bool("RemotePowerShellEnabled")?,
            raw: v.clone(),
        })
    }
}

impl ExchangeServer {
    /// Reads a `Get-ExchangeServer` object. Mandatory: `Name`, `AdminDisplayVersion`.
    pub fn from_ps(v: &PsValue) -> Result<Self, ResultError> {
        let r = Reader::new("ExchangeServer", v)?;
        Ok(ExchangeServer {
            name: r.required_text("Name")?,
            fqdn: r.text("Fqdn")?,
            admin_display_version: r.required_text("AdminDisplayVersion")?,
            server_role: r.text("ServerRole")?,
            edition: r.text("Edition")?,
            raw: v.clone(),
        })
    }

    /// `(major, minor, build, revision)` from `AdminDisplayVersion`
    /// (`Version 15.1 (Build 2507.18)` → `(15, 1, 2507, 18)`); `None` if the text has another shape.
    pub fn build(&self) -> Option<(u32, u32, u32, u32)> {
        parse_admin_display_version(&self.admin_display_version)
    }
}

/// Parses `Version 15.1 (Build 2507.18)` (2007 to SE all print this shape).
fn parse_admin_display_version(text: &str) -> Option<(u32, u32, u32, u32)> {
    let t = text.trim();
    let t = t.strip_prefix("Version").unwrap_or(t).trim_start();
    let (version, rest) = t.split_once('(')?;
    let (major, minor) = version.trim().split_once('.')?;
    let build = rest.trim().strip_suffix(')')?.trim();
    let build = build.strip_prefix("Build")?.trim();
    let (build, revision) = build.split_once('.')?;
    Some((major.parse().ok()?, minor.parse().ok()?, build.parse().ok()?, revision.parse().ok()?))
}

impl MailboxPermission {
    /// Reads a `Get-MailboxPermission` entry. Mandatory: `Identity`, `User`, `AccessRights`,
    /// `IsInherited`, `Deny` (an entry misread as explicit or as allow could be removed or
    /// trusted by mistake).
    pub fn from_ps(v: &PsValue) -> Result<Self, ResultError> {
        let r = Reader::new("MailboxPermission", v)?;
        let access_rights = r.flags_list("AccessRights");
        if access_rights.is_empty() {
            return Err(r.missing("AccessRights"));
        }
        Ok(MailboxPermission {
            identity: r.required_text("Identity")?,
            user: r.required_text("User")?,
            access_rights,
            is_inherited: r.required_bool("IsInherited")?,
            deny: r.required_bool("Deny")?,
            inheritance_type: r.text("InheritanceType")?,
            raw: v.clone(),
        })
    }
}

impl AdPermission {
    /// Reads a `Get-ADPermission` entry. Mandatory: `Identity`, `User`, `IsInherited`, `Deny`.
    pub fn from_ps(v: &PsValue) -> Result<Self, ResultError> {
        let r = Reader::new("AdPermission", v)?;
        Ok(AdPermission {
            identity: r.required_text("Identity")?,
            user: r.required_text("User")?,
            access_rights: r.flags_list("AccessRights"),
            extended_rights: r.list("ExtendedRights"),
            is_inherited: r.required_bool("IsInherited")?,
            deny: r.required_bool("Deny")?,
            raw: v.clone(),
        })
    }
}

impl InboxRule {
    /// Reads a `Get-InboxRule` object. Mandatory: `Name`, `Identity`, `Enabled`.
    pub fn from_ps(v: &PsValue) -> Result<Self, ResultError> {
        let r = Reader::new("InboxRule", v)?;
        let priority = match r.integer("Priority")? {
            None => None,
            Some(n) => Some(i64::try_from(n).map_err(|_| r.err(format!("property 'Priority' is {n}, out of range")))?),
        };
        Ok(InboxRule {
            name: r.required_text("Name")?,
            identity: r.required_text("Identity")?,
            enabled: r.required_bool("Enabled")?,
            priority,
            description: r.text("Description")?,
            raw: v.clone(),
        })
    }
}
