//! The import schema: every object a lab holds, as `lab import` reads it and `lab show` writes
//! it, with the defaults serde fills in. The rules that derive the rest are in
//! [`derive`](super::derive).

use crate::exchange::{ByteSize, Quota, RecipientTypeDetails, RemoteRecipientType};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::lab::faults::Faults;

/// A whole lab organisation: what `import` reads and `show` writes.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase", deny_unknown_fields)]
pub struct LabData {
    /// Always `true` in `show` output so nobody mistakes it for a real organisation; ignored on import.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lab: Option<bool>,
    /// Organisation-wide settings.
    pub organization: Organization,
    /// The Exchange Server side.
    #[serde(default)]
    pub on_premises: OnPremises,
    /// The Exchange Online side.
    #[serde(default)]
    pub online: Online,
    /// Fault injection settings.
    #[serde(default)]
    pub faults: Faults,
    /// `lab show --json` adds mbxctl's `schema_version`; ignored on import, so its output imports as is.
    #[serde(default, rename = "schema_version", skip_serializing)]
    pub schema_version: Option<u32>,
    /// `lab show --json` says which LAB it read (`target`, docs/json-output.md); ignored on import.
    #[serde(default, rename = "target", skip_serializing)]
    pub target: Option<serde_json::Value>,
}

/// Organisation-wide settings.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase", deny_unknown_fields)]
pub struct Organization {
    /// Organisation name (`Contoso`).
    pub name: String,
    /// The AD DNS domain and default accepted domain (`contoso.com`).
    pub domain: String,
    /// The NetBIOS domain name used in `DOMAIN\user` (default: the first label, upper case).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub net_bios_name: Option<String>,
    /// The domain controller named in errors (default `DC01.<domain>`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub domain_controller: Option<String>,
    /// The tenant's initial domain (default `<name>.onmicrosoft.com`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tenant_domain: Option<String>,
    /// The Exchange server mbxctl's session talks to; its version gates features (default: the first server).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub connected_server: Option<String>,
    /// The on-premises admin recorded as caller in the audit log (default `<domain>/Users/Administrator`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub admin: Option<String>,
    /// The Exchange Online admin recorded as caller (default `admin@<tenant domain>`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub online_admin: Option<String>,
}

/// The on-premises side.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[serde(rename_all = "PascalCase", deny_unknown_fields)]
pub struct OnPremises {
    /// Exchange servers.
    #[serde(default)]
    pub servers: Vec<Server>,
    /// Mailbox databases.
    #[serde(default)]
    pub databases: Vec<Database>,
    /// Management role assignments of the admin mbxctl runs as.
    #[serde(default)]
    pub role_assignments: Vec<RoleAssignment>,
    /// AD users: mailboxes, remote mailboxes and users without a mailbox.
    #[serde(default)]
    pub recipients: Vec<OnPremRecipient>,
    /// Mailboxes left in databases without an AD user.
    #[serde(default)]
    pub disconnected_mailboxes: Vec<DisconnectedMailbox>,
}

/// The Exchange Online side.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[serde(rename_all = "PascalCase", deny_unknown_fields)]
pub struct Online {
    /// Exchange Online mailboxes (the cloud side of remote mailboxes, and cloud-only ones).
    #[serde(default)]
    pub mailboxes: Vec<CloudMailbox>,
}

/// An Exchange server.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase", deny_unknown_fields)]
pub struct Server {
    /// Host name (`EX01`).
    pub name: String,
    /// `Version 15.1 (Build 2507.18)`, as Get-ExchangeServer prints it.
    pub admin_display_version: String,
    /// `Standard` or `Enterprise`.
    #[serde(default = "default_edition")]
    pub edition: String,
    /// FQDN (default `<name>.<domain>`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fqdn: Option<String>,
}

fn default_edition() -> String {
    "Standard".into()
}

/// An Exchange build number read from `AdminDisplayVersion`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct ServerVersion {
    /// 15
    pub major: u32,
    /// 0 (2013), 1 (2016), 2 (2019/SE)
    pub minor: u32,
    /// Build.
    pub build: u32,
    /// Revision.
    pub revision: u32,
}

impl ServerVersion {
    /// Reads `Version 15.1 (Build 2507.18)`.
    pub fn parse(text: &str) -> Option<Self> {
        let t = text.trim().strip_prefix("Version ")?;
        let (mm, rest) = t.split_once(" (Build ")?;
        let (major, minor) = mm.split_once('.')?;
        let (build, revision) = rest.strip_suffix(')')?.split_once('.')?;
        Some(ServerVersion {
            major: major.parse().ok()?,
            minor: minor.parse().ok()?,
            build: build.parse().ok()?,
            revision: revision.parse().ok()?,
        })
    }

    /// Whether `Set-RemoteMailbox -Type Shared`, `Enable-RemoteMailbox -Shared` exist: Exchange 2013 CU21
    /// (15.0.1395), 2016 CU10 (15.1.1531), every 2019 and SE build (docs/exchange-notes.md §1.2,
    /// §1.3). Decided by the cmdlet model's version table, so the LAB and the real-server checks
    /// cannot disagree about which build is which CU.
    pub fn has_remote_shared(self) -> bool {
        format!("{}.{}.{}.{}", self.major, self.minor, self.build, self.revision)
            .parse::<crate::cmdlet::ExchangeVersion>()
            .is_ok_and(|v| v.supports_remote_shared())
    }

    /// Product name for messages (`Exchange 2016`).
    pub fn product(self) -> &'static str {
        match (self.major, self.minor) {
            (15, 0) => "Exchange 2013",
            (15, 1) => "Exchange 2016",
            (15, _) => "Exchange 2019",
            (14, _) => "Exchange 2010",
            _ => "Exchange",
        }
    }
}

/// A mailbox database.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase", deny_unknown_fields)]
pub struct Database {
    /// Name (`DB01`).
    pub name: String,
    /// The server hosting the active copy.
    pub server: String,
    /// Deleted-mailbox retention (docs/exchange-notes.md §8.1 default).
    #[serde(default = "default_retention")]
    pub mailbox_retention: String,
}

fn default_retention() -> String {
    "30.00:00:00".into()
}

/// A management role assignment of the lab's admin.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase", deny_unknown_fields)]
pub struct RoleAssignment {
    /// The role (`Mail Recipients`, `Reset Password`, ...).
    pub role: String,
    /// Assignment name (default `<role>-<assignee>`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// Who holds it (default `Administrator`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub role_assignee_name: Option<String>,
    /// Whether the assignment is in force.
    #[serde(default = "yes")]
    pub enabled: bool,
}

/// The roles the lab checks (docs/lab.md, "RBAC"); an import without RoleAssignments gets them all.
pub const DEFAULT_ROLES: [&str; 5] = [
    "Mail Recipients",
    "Mail Recipient Creation",
    "Active Directory Permissions",
    "Reset Password",
    "View-Only Configuration",
];

fn yes() -> bool {
    true
}

fn unlimited() -> Quota {
    Quota::Unlimited
}

fn is_unlimited(q: &Quota) -> bool {
    *q == Quota::Unlimited
}

fn is_false(b: &bool) -> bool {
    !*b
}

fn is_zero(b: &ByteSize) -> bool {
    b.0 == 0
}

fn is_zero_u64(v: &u64) -> bool {
    *v == 0
}

fn is_no_rrt(v: &RemoteRecipientType) -> bool {
    v.0 == 0
}

/// An inbox rule (content the conversion must keep).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase", deny_unknown_fields)]
pub struct InboxRule {
    /// Rule name.
    pub name: String,
    /// Whether it runs.
    #[serde(default = "yes")]
    pub enabled: bool,
    /// Order, from 0.
    #[serde(default)]
    pub priority: i64,
    /// Text as Get-InboxRule's Description shows it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
}

/// A mailbox permission entry (Add-MailboxPermission).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase", deny_unknown_fields)]
pub struct MailboxAce {
    /// Trustee: `CONTOSO\kim`, `NT AUTHORITY\SELF`.
    pub user: String,
    /// `FullAccess`, `ExternalAccount`, `ReadPermission`, ...
    pub access_rights: Vec<String>,
    /// Deny entry.
    #[serde(default, skip_serializing_if = "is_false")]
    pub deny: bool,
    /// `All` (default), `None`, ...
    #[serde(default = "default_inheritance")]
    pub inheritance_type: String,
    /// Whether Outlook auto-maps the mailbox (recorded from Add-MailboxPermission -AutoMapping).
    #[serde(default = "yes")]
    pub auto_mapping: bool,
}

fn default_inheritance() -> String {
    "All".into()
}

/// An AD permission entry on the user object (Send As).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase", deny_unknown_fields)]
pub struct AdAce {
    /// Trustee: `CONTOSO\kim`.
    pub user: String,
    /// `ExtendedRight`.
    #[serde(default = "default_ad_rights")]
    pub access_rights: Vec<String>,
    /// `Send-As`.
    #[serde(default = "default_extended_rights")]
    pub extended_rights: Vec<String>,
    /// Deny entry.
    #[serde(default, skip_serializing_if = "is_false")]
    pub deny: bool,
}

fn default_ad_rights() -> Vec<String> {
    vec!["ExtendedRight".into()]
}

fn default_extended_rights() -> Vec<String> {
    vec!["Send-As".into()]
}

/// A recipient permission in Exchange Online (Add-RecipientPermission: Send As).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase", deny_unknown_fields)]
pub struct RecipientAce {
    /// The trustee's identity.
    pub trustee: String,
    /// `SendAs`.
    #[serde(default = "default_recipient_rights")]
    pub access_rights: Vec<String>,
}

fn default_recipient_rights() -> Vec<String> {
    vec!["SendAs".into()]
}

/// An on-premises AD user: a mailbox of any type, a remote mailbox, or a user without a mailbox.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase", deny_unknown_fields)]
pub struct OnPremRecipient {
    /// AD common name; with the OU it makes the Identity `contoso.com/Users/Kim Akers`.
    pub name: String,
    /// `UserMailbox`, `SharedMailbox`, `RemoteUserMailbox`, `User`, ...
    pub recipient_type_details: RecipientTypeDetails,
    /// Display name (default: Name).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub display_name: Option<String>,
    /// Alias (mail-enabled objects; default: Name without spaces).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub alias: Option<String>,
    /// Canonical OU path (default `<domain>/Users`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub organizational_unit: Option<String>,
    /// pre-Windows 2000 logon name (default: alias, at most 20 characters).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sam_account_name: Option<String>,
    /// UPN (default `<sam>@<domain>`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub user_principal_name: Option<String>,
    /// objectGUID (default: derived from the name).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub guid: Option<Uuid>,
    /// Primary SMTP address (default `<alias>@<domain>`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub primary_smtp_address: Option<String>,
    /// proxyAddresses with prefixes (`SMTP:` primary, `smtp:` secondary).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub email_addresses: Vec<String>,
    /// Mailbox GUID (local mailboxes: derived; remote: as stamped, may be absent).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub exchange_guid: Option<Uuid>,
    /// Mailbox database (local mailboxes only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub database: Option<String>,
    /// userAccountControl ACCOUNTDISABLE (default: by type).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub account_disabled: Option<bool>,
    /// Whether the account has a usable password (default: by type; shared/resource mailboxes
    /// created as such have none).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub has_password: Option<bool>,
    /// pwdLastSet = 0.
    #[serde(default, skip_serializing_if = "is_false")]
    pub reset_password_on_next_logon: bool,
    /// msExchRecipientDisplayType (default: by type, docs/exchange-notes.md §2.3).
    #[serde(default, rename = "msExchRecipientDisplayType", skip_serializing_if = "Option::is_none")]
    pub recipient_display_type: Option<i64>,
    /// Linked mailboxes: the account in the other forest.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub linked_master_account: Option<String>,
    /// Mailbox size.
    #[serde(default, skip_serializing_if = "is_zero")]
    pub total_item_size: ByteSize,
    /// Item count.
    #[serde(default, skip_serializing_if = "is_zero_u64")]
    pub item_count: u64,
    /// Recoverable items size.
    #[serde(default, skip_serializing_if = "is_zero")]
    pub total_deleted_item_size: ByteSize,
    /// ISO 8601; absent = never logged on.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_logon_time: Option<String>,
    /// Litigation hold.
    #[serde(default, skip_serializing_if = "is_false")]
    pub litigation_hold_enabled: bool,
    /// In-place / eDiscovery hold identifiers.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub in_place_holds: Vec<String>,
    /// Retention hold.
    #[serde(default, skip_serializing_if = "is_false")]
    pub retention_hold_enabled: bool,
    /// Archive mailbox GUID (present = archive enabled).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub archive_guid: Option<Uuid>,
    /// Archive database (default: the mailbox database).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub archive_database: Option<String>,
    /// Archive name (default `In-Place Archive - <DisplayName>`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub archive_name: Option<String>,
    /// Archive size.
    #[serde(default, skip_serializing_if = "is_zero")]
    pub archive_total_item_size: ByteSize,
    /// Quota.
    #[serde(default = "unlimited", skip_serializing_if = "is_unlimited")]
    pub prohibit_send_quota: Quota,
    /// Quota.
    #[serde(default = "unlimited", skip_serializing_if = "is_unlimited")]
    pub prohibit_send_receive_quota: Quota,
    /// Quota.
    #[serde(default = "unlimited", skip_serializing_if = "is_unlimited")]
    pub issue_warning_quota: Quota,
    /// Inbox rules.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub inbox_rules: Vec<InboxRule>,
    /// Explicit mailbox permissions (the default SELF entry is implied).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub mailbox_permissions: Vec<MailboxAce>,
    /// Explicit AD permissions (Send As); the default SELF Send-As entry is implied.
    #[serde(default, rename = "ADPermissions", skip_serializing_if = "Vec::is_empty")]
    pub ad_permissions: Vec<AdAce>,
    /// Send on behalf delegates, as canonical identities.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub grant_send_on_behalf_to: Vec<String>,
    /// Copy items sent as the mailbox to it.
    #[serde(default, skip_serializing_if = "is_false")]
    pub message_copy_for_sent_as_enabled: bool,
    /// Copy items sent on behalf of the mailbox to it.
    #[serde(default, skip_serializing_if = "is_false")]
    pub message_copy_for_send_on_behalf_enabled: bool,
    /// msExchRemoteRecipientType (remote mailboxes; default by type: 1, or 97 for shared).
    #[serde(default, skip_serializing_if = "is_no_rrt")]
    pub remote_recipient_type: RemoteRecipientType,
    /// targetAddress of a remote mailbox (default `<alias>@<tenant>.mail.onmicrosoft.com`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub remote_routing_address: Option<String>,
    /// ISO 8601 creation time of the mailbox.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub when_mailbox_created: Option<String>,
}

/// An Exchange Online mailbox.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase", deny_unknown_fields)]
pub struct CloudMailbox {
    /// Object name; Exchange Online uses it as Identity.
    pub name: String,
    /// `UserMailbox`, `SharedMailbox`, `RoomMailbox`, `EquipmentMailbox`, `WorkspaceMailbox`, `DeskMailbox`, ...
    pub recipient_type_details: String,
    /// Display name (default: Name).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub display_name: Option<String>,
    /// Alias (default: Name without spaces).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub alias: Option<String>,
    /// UPN (default: the synced on-premises UPN, else `<alias>@<tenant>`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub user_principal_name: Option<String>,
    /// Primary SMTP address (default: the UPN).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub primary_smtp_address: Option<String>,
    /// proxyAddresses.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub email_addresses: Vec<String>,
    /// Entra object id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub external_directory_object_id: Option<Uuid>,
    /// Object GUID.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub guid: Option<Uuid>,
    /// Mailbox GUID.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub exchange_guid: Option<Uuid>,
    /// Source anchor: base64 of the on-premises objectGUID for synced users (default: soft-matched by
    /// UserPrincipalName or PrimarySmtpAddress, or by Name when neither is given, against the
    /// on-premises remote mailboxes); absent = cloud-only.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub immutable_id: Option<String>,
    /// Licence assigned.
    #[serde(default, rename = "SKUAssigned")]
    pub sku_assigned: bool,
    /// Sign-in blocked.
    #[serde(default, skip_serializing_if = "is_false")]
    pub account_disabled: bool,
    /// Mailbox size.
    #[serde(default, skip_serializing_if = "is_zero")]
    pub total_item_size: ByteSize,
    /// Item count.
    #[serde(default, skip_serializing_if = "is_zero_u64")]
    pub item_count: u64,
    /// ISO 8601; absent = never logged on.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_logon_time: Option<String>,
    /// Litigation hold.
    #[serde(default, skip_serializing_if = "is_false")]
    pub litigation_hold_enabled: bool,
    /// In-place holds.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub in_place_holds: Vec<String>,
    /// Archive GUID (present = archive enabled).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub archive_guid: Option<Uuid>,
    /// Archive size.
    #[serde(default, skip_serializing_if = "is_zero")]
    pub archive_total_item_size: ByteSize,
    /// Inbox rules.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub inbox_rules: Vec<InboxRule>,
    /// Mailbox permissions.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub mailbox_permissions: Vec<MailboxAce>,
    /// Send As grants (Add-RecipientPermission).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub recipient_permissions: Vec<RecipientAce>,
    /// Send on behalf delegates (identities).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub grant_send_on_behalf_to: Vec<String>,
    /// Copy sent-as items.
    #[serde(default, skip_serializing_if = "is_false")]
    pub message_copy_for_sent_as_enabled: bool,
    /// Copy send-on-behalf items.
    #[serde(default, skip_serializing_if = "is_false")]
    pub message_copy_for_send_on_behalf_enabled: bool,
    /// Mailbox database name in the service (default derived).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub database: Option<String>,
    /// ISO 8601 time an unlicensed user mailbox started its 30-day grace period (KB2710029); absent otherwise.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub grace_period_started: Option<String>,
}

/// Why a mailbox is disconnected (docs/exchange-notes.md §3.2, §8.1).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum DisconnectReason {
    /// Disable-Mailbox / Remove-Mailbox.
    Disabled,
    /// Left in the source database by a move.
    SoftDeleted,
}

impl DisconnectReason {
    /// Exchange's text.
    pub fn as_str(self) -> &'static str {
        match self {
            DisconnectReason::Disabled => "Disabled",
            DisconnectReason::SoftDeleted => "SoftDeleted",
        }
    }
}

/// A mailbox in a database with no AD user (Connect-Mailbox source).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase", deny_unknown_fields)]
pub struct DisconnectedMailbox {
    /// Display name.
    pub display_name: String,
    /// Database.
    pub database: String,
    /// `Disabled` or `SoftDeleted`.
    pub disconnect_reason: DisconnectReason,
    /// Mailbox GUID (default derived).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mailbox_guid: Option<Uuid>,
    /// ISO 8601 time of disconnection.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub disconnect_date: Option<String>,
    /// Size.
    #[serde(default, skip_serializing_if = "is_zero")]
    pub total_item_size: ByteSize,
    /// Items.
    #[serde(default, skip_serializing_if = "is_zero_u64")]
    pub item_count: u64,
    /// ISO 8601 last logon.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_logon_time: Option<String>,
    /// LegacyExchangeDN (default derived from the display name).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub legacy_exchange_dn: Option<String>,
}

/// Counts of what a lab holds; `Display` is the human summary the CLI prints.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Default)]
#[serde(rename_all = "PascalCase")]
pub struct LabSummary {
    /// Organisation name.
    pub organization: String,
    /// Exchange servers.
    pub servers: usize,
    /// Mailbox databases.
    pub databases: usize,
    /// On-premises mailboxes by RecipientTypeDetails, sorted by name.
    pub on_premises: Vec<(String, usize)>,
    /// Exchange Online mailboxes by RecipientTypeDetails.
    pub online: Vec<(String, usize)>,
    /// Disconnected mailboxes.
    pub disconnected_mailboxes: usize,
    /// The server mbxctl talks to and its version.
    pub connected_server: String,
}

impl LabSummary {
    /// All on-premises AD users.
    pub fn on_premises_total(&self) -> usize {
        self.on_premises.iter().map(|(_, n)| n).sum()
    }

    /// All Exchange Online mailboxes.
    pub fn online_total(&self) -> usize {
        self.online.iter().map(|(_, n)| n).sum()
    }

    /// The count for one on-premises type.
    pub fn on_premises_count(&self, rtd: &str) -> usize {
        self.on_premises.iter().find(|(t, _)| t.eq_ignore_ascii_case(rtd)).map_or(0, |(_, n)| *n)
    }
}

impl std::fmt::Display for LabSummary {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        writeln!(f, "LAB organisation '{}' (simulated, not a real Exchange organisation)", self.organization)?;
        writeln!(f, "  connected to: {}", self.connected_server)?;
        writeln!(f, "  servers: {}, mailbox databases: {}", self.servers, self.databases)?;
        writeln!(f, "  on-premises AD users: {}", self.on_premises_total())?;
        for (t, n) in &self.on_premises {
            writeln!(f, "    {t}: {n}")?;
        }
        writeln!(f, "  Exchange Online mailboxes: {}", self.online_total())?;
        for (t, n) in &self.online {
            writeln!(f, "    {t}: {n}")?;
        }
        write!(f, "  disconnected mailboxes: {}", self.disconnected_mailboxes)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn server_versions_gate_remote_shared_at_the_documented_cumulative_updates() {
        let v = |s| ServerVersion::parse(s).unwrap();
        assert!(!v("Version 15.0 (Build 1365.1)").has_remote_shared()); // 2013 CU19
        assert!(!v("Version 15.0 (Build 1367.3)").has_remote_shared()); // 2013 CU20
        assert!(v("Version 15.0 (Build 1395.4)").has_remote_shared()); // 2013 CU21
        assert!(v("Version 15.0 (Build 1497.2)").has_remote_shared()); // 2013 CU23
        assert!(!v("Version 15.1 (Build 1466.3)").has_remote_shared()); // 2016 CU9
        assert!(v("Version 15.1 (Build 1531.3)").has_remote_shared()); // 2016 CU10
        assert!(v("Version 15.2 (Build 1544.4)").has_remote_shared()); // 2019 CU14
        assert_eq!(ServerVersion::parse("15.1.2507.18"), None);
    }
}
