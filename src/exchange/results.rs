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
use crate::psobject::{PsObject, PsValue};
use serde::Serialize;
use std::sync::Arc;

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

/// The first type name of a value, for error messages: the object's most derived type without
/// `Deserialized.`, or the .NET type of a primitive.
fn type_name_of(v: &PsValue) -> String {
    match v {
        PsValue::Object(o) => o
            .type_names
            .first()
            .map(|t| t.strip_prefix("Deserialized.").unwrap_or(t).to_string())
            .unwrap_or_else(|| "an object without type names".into()),
        PsValue::Null => "$null".into(),
        PsValue::String(_) | PsValue::Utf16(_) => "System.String".into(),
        PsValue::Bool(_) => "System.Boolean".into(),
        PsValue::Guid(_) => "System.Guid".into(),
        other if other.as_integer().is_some() => "an integer".into(),
        _ => "a primitive value".into(),
    }
}

/// The text of a scalar property value: a string, a primitive's invariant text, or an object's
/// `ToString` / wrapped value (enums, depth-exhausted values). A one-item list counts as its
/// item, as PowerShell unrolls it. `Ok(None)` for `$null`, an empty string or an empty list.
fn scalar_text(v: &PsValue) -> Result<Option<String>, String> {
    match v {
        PsValue::Null => Ok(None),
        PsValue::Object(o) => {
            if let Some(items) = o.container.as_ref().and_then(|c| c.items()) {
                return match items {
                    [] => Ok(None),
                    [one] => scalar_text(one),
                    many => Err(format!("has {} values where one was expected", many.len())),
                };
            }
            match (&o.to_string, &o.base) {
                (Some(s), _) => Ok(Some(s.clone()).filter(|s| !s.is_empty())),
                (None, Some(b)) => scalar_text(b),
                (None, None) => Err("is an object without a text value".into()),
            }
        }
        other => Ok(other.display().filter(|s| !s.is_empty())),
    }
}

/// The integer inside a value when it is one (a primitive number or an enum's wrapped number),
/// not parsed from text: enums arrive either way and the number is authoritative.
fn wire_integer(v: &PsValue) -> Option<i128> {
    match v {
        PsValue::String(_) => None,
        PsValue::Object(o) => o.base.as_ref().and_then(wire_integer),
        other => other.as_integer(),
    }
}

/// Reads the properties of one object for one result type, producing errors that name the
/// result type, the object's type and the property.
struct Reader<'a> {
    what: &'static str,
    value: &'a PsValue,
    obj: &'a PsObject,
}

impl<'a> Reader<'a> {
    fn new(what: &'static str, value: &'a PsValue) -> Result<Self, ResultError> {
        match value.as_object() {
            Some(obj) => Ok(Reader { what, value, obj }),
            None => Err(ResultError {
                what,
                type_name: type_name_of(value),
                reason: "expected an object with properties; check that the command's output was not formatted \
                         (Format-List/Format-Table) or expanded to a single property"
                    .into(),
            }),
        }
    }

    fn err(&self, reason: String) -> ResultError {
        ResultError { what: self.what, type_name: type_name_of(self.value), reason }
    }

    fn bad(&self, name: &str, v: &PsValue, why: impl std::fmt::Display) -> ResultError {
        let shown = v.display().unwrap_or_else(|| "$null".into());
        self.err(format!("property '{name}' has '{shown}', which {why}"))
    }

    fn unreadable(&self, name: &str, e: impl std::fmt::Display) -> ResultError {
        self.err(format!("property '{name}' cannot be read: {e}"))
    }

    fn missing(&self, name: &str) -> ResultError {
        self.err(format!("property '{name}' is missing or empty; it is required to read a {}", self.what))
    }

    fn get(&self, name: &str) -> Option<&'a PsValue> {
        self.obj.get(name).filter(|v| !v.is_null())
    }

    fn text(&self, name: &str) -> Result<Option<String>, ResultError> {
        match self.get(name) {
            None => Ok(None),
            Some(v) => scalar_text(v).map_err(|why| self.bad(name, v, why)),
        }
    }

    fn required_text(&self, name: &str) -> Result<String, ResultError> {
        self.text(name)?.filter(|t| !t.trim().is_empty()).ok_or_else(|| self.missing(name))
    }

    fn text_or_empty(&self, name: &str) -> Result<String, ResultError> {
        Ok(self.text(name)?.unwrap_or_default())
    }

    fn bool(&self, name: &str) -> Result<Option<bool>, ResultError> {
        let Some(v) = self.get(name) else { return Ok(None) };
        if let Some(b) = v.as_bool() {
            return Ok(Some(b));
        }
        match scalar_text(v) {
            Ok(None) => Ok(None),
            _ => Err(self.bad(name, v, "is not True or False")),
        }
    }

    fn required_bool(&self, name: &str) -> Result<bool, ResultError> {
        self.bool(name)?.ok_or_else(|| self.missing(name))
    }

    fn guid(&self, name: &str) -> Result<Option<uuid::Uuid>, ResultError> {
        let Some(v) = self.get(name) else { return Ok(None) };
        let g = match v {
            PsValue::Guid(g) => *g,
            _ => match scalar_text(v).map_err(|why| self.bad(name, v, why))? {
                None => return Ok(None),
                Some(t) => t.trim().parse().map_err(|_| self.bad(name, v, "is not a GUID"))?,
            },
        };
        // Exchange writes the all-zero GUID for "none" (ArchiveGuid of a mailbox without archive).
        Ok(Some(g).filter(|g| !g.is_nil()))
    }

    fn integer(&self, name: &str) -> Result<Option<i128>, ResultError> {
        let Some(v) = self.get(name) else { return Ok(None) };
        if let Some(n) = wire_integer(v) {
            return Ok(Some(n));
        }
        match scalar_text(v).map_err(|why| self.bad(name, v, why))? {
            None => Ok(None),
            Some(t) => {
                let digits: String = t.trim().chars().filter(|c| *c != ',').collect();
                digits.parse().map(Some).map_err(|_| self.bad(name, v, "is not a whole number"))
            }
        }
    }

    fn count(&self, name: &str) -> Result<u64, ResultError> {
        let n = self.integer(name)?.ok_or_else(|| self.missing(name))?;
        u64::try_from(n).map_err(|_| self.err(format!("property '{name}' is {n}, which is not a count")))
    }

    fn quota(&self, name: &str) -> Result<Option<Quota>, ResultError> {
        let Some(v) = self.get(name) else { return Ok(None) };
        // A live (not deserialized) Unlimited<T> converted to JSON is `{IsUnlimited, Value}`.
        if let Some(o) = v.as_object().filter(|o| o.to_string.is_none() && o.get("IsUnlimited").is_some()) {
            if o.get("IsUnlimited").and_then(PsValue::as_bool) == Some(true) {
                return Ok(Some(Quota::Unlimited));
            }
            let inner = Reader { what: self.what, value: self.value, obj: o };
            return Ok(inner.size("Value")?.map(Quota::Limited));
        }
        match scalar_text(v).map_err(|why| self.bad(name, v, why))? {
            None => Ok(None),
            Some(t) => t.parse().map(Some).map_err(|e| self.unreadable(name, e)),
        }
    }

    fn size(&self, name: &str) -> Result<Option<ByteSize>, ResultError> {
        let Some(v) = self.get(name) else { return Ok(None) };
        if let Some(n) = wire_integer(v) {
            return u64::try_from(n).map(|b| Some(ByteSize(b))).map_err(|_| self.bad(name, v, "is not a size"));
        }
        match scalar_text(v).map_err(|why| self.bad(name, v, why))? {
            None => Ok(None),
            Some(t) => t.parse().map(Some).map_err(|e| self.unreadable(name, e)),
        }
    }

    fn required_size(&self, name: &str) -> Result<ByteSize, ResultError> {
        self.size(name)?.ok_or_else(|| self.missing(name))
    }

    fn list(&self, name: &str) -> Vec<String> {
        self.get(name).map(PsValue::string_list).unwrap_or_default().into_iter().filter(|s| !s.is_empty()).collect()
    }

    /// A list of flag names: each item may itself be a flags text (`FullAccess, ReadPermission`).
    fn flags_list(&self, name: &str) -> Vec<String> {
        self.list(name)
            .iter()
            .flat_map(|item| item.split(',').map(str::trim).filter(|s| !s.is_empty()).map(String::from))
            .collect()
    }

    fn recipient_type(&self, name: &str) -> Result<RecipientTypeDetails, ResultError> {
        let v = self.get(name).ok_or_else(|| self.missing(name))?;
        if let Some(n) = wire_integer(v) {
            return u64::try_from(n)
                .map(RecipientTypeDetails::from_value)
                .map_err(|_| self.bad(name, v, "is not a RecipientTypeDetails value"));
        }
        let t = scalar_text(v).map_err(|why| self.bad(name, v, why))?.ok_or_else(|| self.missing(name))?;
        t.parse().map_err(|e| self.unreadable(name, e))
    }

    fn remote_recipient_type(&self, name: &str) -> Result<Option<RemoteRecipientType>, ResultError> {
        let Some(v) = self.get(name) else { return Ok(None) };
        if let Some(n) = wire_integer(v) {
            return u64::try_from(n)
                .map(|n| Some(RemoteRecipientType(n)))
                .map_err(|_| self.bad(name, v, "is not a RemoteRecipientType value"));
        }
        match scalar_text(v).map_err(|why| self.bad(name, v, why))? {
            None => Ok(None),
            Some(t) => t.parse().map(Some).map_err(|e| self.unreadable(name, e)),
        }
    }

    /// An enum read as its name; a bare number (JSON from Windows PowerShell) is mapped through
    /// `names` (value, name) when known.
    fn enum_name(&self, name: &str, names: &[(i128, &str)]) -> Result<Option<String>, ResultError> {
        let Some(v) = self.get(name) else { return Ok(None) };
        if let Some(s) = v.as_object().and_then(|o| o.to_string.as_ref()) {
            return Ok(Some(s.clone()).filter(|s| !s.is_empty()));
        }
        if let Some(n) = wire_integer(v) {
            return Ok(Some(names.iter().find(|(k, _)| *k == n).map_or_else(|| n.to_string(), |(_, s)| s.to_string())));
        }
        self.text(name)
    }
}

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

/// Maps JSON (a `ConvertTo-Json` export, the Exchange Online admin API) to the object model, the
/// way `ConvertFrom-Json` would: objects become `PSCustomObject`s with note properties, arrays
/// become lists, numbers the narrowest of `I64`/`U64`/`Double`. `from_ps` then reads exports and
/// live output alike.
pub fn ps_from_json(v: &serde_json::Value) -> PsValue {
    match v {
        serde_json::Value::Null => PsValue::Null,
        serde_json::Value::Bool(b) => PsValue::Bool(*b),
        serde_json::Value::Number(n) => {
            if let Some(i) = n.as_i64() {
                PsValue::I64(i)
            } else if let Some(u) = n.as_u64() {
                PsValue::U64(u)
            } else {
                PsValue::Double(n.as_f64().unwrap_or(f64::NAN))
            }
        }
        serde_json::Value::String(s) => PsValue::String(s.clone()),
        serde_json::Value::Array(items) => PsValue::list(items.iter().map(ps_from_json)),
        serde_json::Value::Object(map) => {
            let mut o = PsObject::with_types(["System.Management.Automation.PSCustomObject", "System.Object"]);
            o.extended = map
                .iter()
                .map(|(k, v)| crate::psobject::Property { name: k.clone(), value: ps_from_json(v) })
                .collect();
            PsValue::Object(Arc::new(o))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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

        let bad_type =
            object(MAILBOX_TYPE, vec![("Identity", "x".into()), ("RecipientTypeDetails", "Nonsense".into())]);
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
        let one =
            object(MAILBOX_TYPE, vec![("Identity", strings(&["x"])), ("RecipientTypeDetails", "UserMailbox".into())]);
        assert_eq!(Mailbox::from_ps(&one).unwrap().identity, "x");
        let two = object(
            MAILBOX_TYPE,
            vec![("Identity", strings(&["x", "y"])), ("RecipientTypeDetails", "UserMailbox".into())],
        );
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
                enum_value(
                    "Microsoft.Exchange.Data.Directory.SystemConfiguration.ServerRole",
                    PsValue::I32(2),
                    "Mailbox",
                ),
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
}
