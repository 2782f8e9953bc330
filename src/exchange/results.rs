//! Typed results parsed from cmdlet output objects (reference §3.1, §3.2; fixtures).
//!
//! Each type has `from_ps(&PsValue) -> Result<Self, ResultError>` that reads an object as it
//! arrives from the lab or over PSRP (depth 1: complex values are strings, type names may carry
//! `Deserialized.`), and keeps the object in `raw` so nothing is lost.
//! (Parsing is being written; the fields below are the contract.)

use super::{ByteSize, Quota, RecipientTypeDetails, RemoteRecipientType};
use crate::psobject::PsValue;
use serde::Serialize;

/// `Get-Mailbox` output (on-premises or Exchange Online).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct Mailbox {
    pub identity: String,
    pub name: String,
    pub display_name: String,
    pub alias: String,
    pub primary_smtp_address: String,
    pub user_principal_name: Option<String>,
    pub sam_account_name: Option<String>,
    pub recipient_type_details: RecipientTypeDetails,
    pub exchange_guid: Option<uuid::Uuid>,
    pub guid: Option<uuid::Uuid>,
    pub database: Option<String>,
    pub account_disabled: Option<bool>,
    pub is_shared: Option<bool>,
    pub is_linked: Option<bool>,
    pub linked_master_account: Option<String>,
    pub litigation_hold_enabled: bool,
    pub in_place_holds: Vec<String>,
    pub retention_hold_enabled: bool,
    pub archive_status: Option<String>,
    pub archive_guid: Option<uuid::Uuid>,
    pub archive_database: Option<String>,
    pub remote_recipient_type: Option<RemoteRecipientType>,
    pub prohibit_send_quota: Option<Quota>,
    pub prohibit_send_receive_quota: Option<Quota>,
    pub grant_send_on_behalf_to: Vec<String>,
    pub message_copy_for_sent_as_enabled: Option<bool>,
    pub message_copy_for_send_on_behalf_enabled: Option<bool>,
    pub email_addresses: Vec<String>,
    /// Exchange Online only: whether a licence is assigned (`SKUAssigned`).
    pub sku_assigned: Option<bool>,
    #[serde(skip)]
    pub raw: PsValue,
}

/// `Get-RemoteMailbox` output (on-premises view of a mailbox that lives in Exchange Online).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct RemoteMailbox {
    pub identity: String,
    pub name: String,
    pub alias: String,
    pub primary_smtp_address: String,
    pub remote_routing_address: Option<String>,
    pub recipient_type_details: RecipientTypeDetails,
    pub remote_recipient_type: RemoteRecipientType,
    pub exchange_guid: Option<uuid::Uuid>,
    pub user_principal_name: Option<String>,
    pub sam_account_name: Option<String>,
    #[serde(skip)]
    pub raw: PsValue,
}

/// `Get-MailboxStatistics` output.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct MailboxStatistics {
    pub display_name: String,
    pub mailbox_guid: Option<uuid::Uuid>,
    pub total_item_size: ByteSize,
    pub total_deleted_item_size: ByteSize,
    pub item_count: u64,
    pub last_logon_time: Option<String>,
    pub database: Option<String>,
    /// `Disabled` or `SoftDeleted` for disconnected mailboxes.
    pub disconnect_reason: Option<String>,
    pub disconnect_date: Option<String>,
    pub legacy_exchange_dn: Option<String>,
    #[serde(skip)]
    pub raw: PsValue,
}

/// `Get-User` output.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct User {
    pub identity: String,
    pub name: String,
    pub sam_account_name: Option<String>,
    pub user_principal_name: Option<String>,
    pub recipient_type_details: RecipientTypeDetails,
    pub account_disabled: Option<bool>,
    pub remote_power_shell_enabled: Option<bool>,
    #[serde(skip)]
    pub raw: PsValue,
}

/// `Get-ExchangeServer` output, with `AdminDisplayVersion` read into a version.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct ExchangeServer {
    pub name: String,
    pub fqdn: Option<String>,
    /// As sent: `Version 15.1 (Build 2507.18)`.
    pub admin_display_version: String,
    pub server_role: Option<String>,
    pub edition: Option<String>,
    #[serde(skip)]
    pub raw: PsValue,
}

/// `Get-MailboxPermission` output (one access control entry).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct MailboxPermission {
    pub identity: String,
    pub user: String,
    pub access_rights: Vec<String>,
    pub is_inherited: bool,
    pub deny: bool,
    pub inheritance_type: Option<String>,
    #[serde(skip)]
    pub raw: PsValue,
}

/// `Get-ADPermission` output (one access control entry).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct AdPermission {
    pub identity: String,
    pub user: String,
    pub access_rights: Vec<String>,
    pub extended_rights: Vec<String>,
    pub is_inherited: bool,
    pub deny: bool,
    #[serde(skip)]
    pub raw: PsValue,
}

/// `Get-InboxRule` output.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct InboxRule {
    pub name: String,
    pub identity: String,
    pub enabled: bool,
    pub priority: Option<i64>,
    pub description: Option<String>,
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
