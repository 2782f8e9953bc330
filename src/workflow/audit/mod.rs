//! `audit hybrid`: find the mailboxes directory sync is about to turn back (KB2710029) and the
//! other hybrid states that cost data or money (docs/exchange-notes.md §1.2, §1.3, §2.2, §2.4,
//! §8.2).
//!
//! Three jobs, one module each, in the order a run does them:
//! - [`collect`](collect::collect) reads both sides with a handful of bulk cmdlets (never one
//!   call per mailbox, except the statistics of the few unlicensed shared mailboxes whose size
//!   decides a licence) into an [`Inventory`];
//! - [`analyse`](judge::analyse) is a pure function over that inventory, joined in memory by
//!   ExchangeGuid and, when the GUID is missing or unmatched, by SMTP address, so it can be
//!   tested and benchmarked without any shell;
//! - [`apply_fixes`](fix::apply_fixes) applies the fixes that are safe through the same journal
//!   batches write, so `runs` and `rollback` see them.
//!
//! This file holds what the three share: the report's types and the names findings use.

mod collect;
mod fix;
mod judge;

pub use collect::{CLOUD_PROPERTIES, collect, collect_commands};
pub use fix::{FixOutcome, FixStatus, apply_fixes, conversion_type_name, unresolved_critical};
pub use judge::{analyse, shared_attribute_value};

use crate::cmdlet::Invocation;
use crate::exchange::results::{Mailbox, RemoteMailbox};
use crate::exchange::{ByteSize, RecipientTypeDetails, RemoteRecipientType};
use crate::shell::Side;
use serde::Serialize;

/// 50 GB: the most an unlicensed shared mailbox may hold in Exchange Online (docs/exchange-notes.md §1.1).
pub use super::convert::UNLICENSED_SHARED_LIMIT;

/// How urgent a finding about the organisation is. Critical findings make `audit hybrid` exit
/// with code 6.
///
/// Not [`crate::cmdlet::Severity`]: that one says whether a command or an input row can run at
/// all (`error` stops it), ordered from least to most serious; this one says how soon an admin
/// must act on a state that already exists (`critical`: data or money is about to be lost),
/// ordered most urgent first because reports list findings that way. Neither maps onto the
/// other (nothing in an audit "will not run"), so they stay two types. The JSON field keeps the
/// name `severity` that `audit hybrid --json` has always used.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum FindingLevel {
    /// Data loss or a revert is coming.
    Critical,
    /// Needs an admin's attention.
    Warning,
    /// Worth knowing before the next change.
    Info,
}

impl FindingLevel {
    /// The name reports print (`critical`, `warning`, `info`).
    pub fn name(self) -> &'static str {
        match self {
            FindingLevel::Critical => "critical",
            FindingLevel::Warning => "warning",
            FindingLevel::Info => "info",
        }
    }
}

/// What a finding is about; stable ids for runbooks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum FindingKind {
    /// Cloud shared, on-premises still a remote user mailbox: the next sync reverts it (KB2710029).
    WillRevert,
    /// On-premises remote shared, cloud still a user mailbox: the conversion has not synced, or failed.
    NotSynced,
    /// A cloud shared mailbox that needs a licence (over 50 GB, on hold, or with an archive) and has none.
    SharedNeedsLicence,
    /// A cloud user mailbox without a licence: disconnected after 30 days (critical); a warning
    /// when its licence state (`SKUAssigned`) could not be read.
    UnlicensedUser,
    /// A remote user mailbox without ProvisionMailbox: no in-place conversion until its attributes are fixed.
    NoProvisionMailbox,
    /// An on-premises shared mailbox whose AD account is enabled (a password that still works).
    SharedAccountEnabled,
    /// A remote mailbox with no Exchange Online mailbox found.
    NoCloudMailbox,
    /// A remote mailbox and its cloud mailbox (matched by address) carry different ExchangeGuids.
    ExchangeGuidMismatch,
}

impl FindingKind {
    /// The stable id (`will-revert`, ...), as in the JSON and CSV output.
    pub fn id(self) -> &'static str {
        match self {
            FindingKind::WillRevert => "will-revert",
            FindingKind::NotSynced => "not-synced",
            FindingKind::SharedNeedsLicence => "shared-needs-licence",
            FindingKind::UnlicensedUser => "unlicensed-user",
            FindingKind::NoProvisionMailbox => "no-provision-mailbox",
            FindingKind::SharedAccountEnabled => "shared-account-enabled",
            FindingKind::NoCloudMailbox => "no-cloud-mailbox",
            FindingKind::ExchangeGuidMismatch => "exchange-guid-mismatch",
        }
    }
}

/// One side's values, as evidence, with Exchange's property names.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct SideEvidence {
    /// PrimarySmtpAddress.
    pub primary_smtp_address: String,
    /// RecipientTypeDetails.
    pub recipient_type_details: RecipientTypeDetails,
    /// RemoteRecipientType (on-premises remote mailboxes), as EMS shows it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub remote_recipient_type: Option<RemoteRecipientType>,
    /// ExchangeGuid.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub exchange_guid: Option<uuid::Uuid>,
    /// Whether a licence is assigned (Exchange Online).
    #[serde(rename = "SKUAssigned", skip_serializing_if = "Option::is_none")]
    pub sku_assigned: Option<bool>,
    /// TotalItemSize in bytes, when read.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub total_item_size: Option<ByteSize>,
    /// LitigationHoldEnabled.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub litigation_hold_enabled: Option<bool>,
    /// InPlaceHolds (hold ids).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub in_place_holds: Option<Vec<String>>,
    /// ArchiveStatus (`Active` when an archive exists).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub archive_status: Option<String>,
    /// AccountDisabled (on-premises mailboxes).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub account_disabled: Option<bool>,
}

/// Where a fix step is carried out.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Place {
    /// The Exchange Management Shell on-premises.
    OnPremises,
    /// Exchange Online PowerShell.
    ExchangeOnline,
    /// PowerShell with the ActiveDirectory module (not an Exchange cmdlet: mbxctl never runs it).
    ActiveDirectory,
    /// The Entra Connect (directory sync) server.
    EntraConnect,
    /// The Microsoft 365 admin center or Microsoft Graph PowerShell (licences).
    #[serde(rename = "microsoft-365")]
    Microsoft365,
    /// mbxctl itself.
    Mbxctl,
}

impl Place {
    /// The label reports print.
    pub fn label(self) -> &'static str {
        match self {
            Place::OnPremises => "on-premises",
            Place::ExchangeOnline => "exchange-online",
            Place::ActiveDirectory => "active-directory",
            Place::EntraConnect => "entra-connect",
            Place::Microsoft365 => "microsoft-365",
            Place::Mbxctl => "mbxctl",
        }
    }
}

/// One step of a fix, in order.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FixStep {
    /// Where it runs.
    #[serde(rename = "where")]
    pub place: Place,
    /// What it does and why, for the admin.
    pub description: String,
    /// The command, when there is one (placeholders in `<angle brackets>`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub command: Option<String>,
}

impl FixStep {
    fn new(place: Place, description: impl Into<String>, command: Option<String>) -> Self {
        FixStep { place, description: description.into(), command }
    }
}

/// A fix mbxctl can apply itself because it is safe: one Exchange cmdlet that makes one side
/// agree with the other, checked afterwards by re-reading.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SafeFix {
    /// Where it runs.
    pub side: Side,
    /// The command as it is sent (rendered by the audited renderer).
    pub command: String,
    /// The invocation.
    #[serde(skip)]
    pub invocation: Invocation,
    /// The type before the fix on that side.
    pub before: RecipientTypeDetails,
    /// The type the re-read must show afterwards.
    pub expect: RecipientTypeDetails,
}

/// One finding.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Finding {
    /// What.
    pub kind: FindingKind,
    /// How bad.
    pub severity: FindingLevel,
    /// The mailbox (primary SMTP address; the on-premises one when both sides are known).
    pub identity: String,
    /// Why, in a sentence or two.
    pub message: String,
    /// On-premises values.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub on_premises: Option<SideEvidence>,
    /// Exchange Online values.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub online: Option<SideEvidence>,
    /// The whole fix, in order.
    pub fix: Vec<FixStep>,
    /// The part of the fix `--fix` applies, when it is safe.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub safe_fix: Option<SafeFix>,
}

/// An Exchange Online mailbox and its size, when it was read.
#[derive(Debug, Clone)]
pub struct CloudEntry {
    /// The mailbox (`Get-EXOMailbox`).
    pub mailbox: Mailbox,
    /// TotalItemSize, read only where a licence decision depends on it.
    pub total_item_size: Option<ByteSize>,
}

/// What both sides hold, read once.
#[derive(Debug, Clone, Default)]
pub struct Inventory {
    /// On-premises remote mailboxes.
    pub remote: Vec<RemoteMailbox>,
    /// On-premises shared mailboxes.
    pub on_prem_shared: Vec<Mailbox>,
    /// Exchange Online mailboxes.
    pub cloud: Vec<CloudEntry>,
    /// Whether Exchange Online was read at all (without a cloud session, no cloud-side finding
    /// can be made, and a remote mailbox without a cloud match means nothing).
    pub cloud_read: bool,
    /// Whether an on-premises server supports `Set-RemoteMailbox -Type Shared` (2013 CU21,
    /// 2016 CU10, 2019, SE).
    pub remote_type_supported: bool,
    /// Servers too old for `Set-RemoteMailbox -Type Shared` (`EX13 (Exchange 2013 CU20 ...)`).
    pub old_servers: Vec<String>,
}

/// The audit's result.
#[derive(Debug, Clone, Serialize)]
pub struct AuditReport {
    /// Remote mailboxes read on-premises.
    pub remote_mailboxes: usize,
    /// On-premises shared mailboxes read.
    pub on_premises_shared: usize,
    /// Exchange Online mailboxes read.
    pub cloud_mailboxes: usize,
    /// Remote mailboxes paired with their cloud mailbox.
    pub pairs: usize,
    /// Whether Exchange Online was read.
    pub cloud_read: bool,
    /// Findings, most severe first, then by kind and identity.
    pub findings: Vec<Finding>,
}

impl AuditReport {
    /// Findings of one level.
    pub fn count(&self, severity: FindingLevel) -> usize {
        self.findings.iter().filter(|f| f.severity == severity).count()
    }

    /// Whether any finding is critical.
    pub fn has_critical(&self) -> bool {
        self.findings.iter().any(|f| f.severity == FindingLevel::Critical)
    }
}

// ---------------------------------------------------------------------------------------------
// Names and values the three jobs share

fn live_guid(g: Option<uuid::Uuid>) -> Option<uuid::Uuid> {
    g.filter(|g| !g.is_nil())
}

fn set_type(cmdlet: &str, id: &str, to: &str) -> Invocation {
    Invocation::new(cmdlet).param("Identity", id).param("Type", to)
}

/// The remote mailbox's name in findings: its primary SMTP address, else its Identity.
fn remote_id(r: &RemoteMailbox) -> &str {
    if r.primary_smtp_address.is_empty() { &r.identity } else { &r.primary_smtp_address }
}

fn cloud_id(m: &Mailbox) -> &str {
    if m.primary_smtp_address.is_empty() { &m.identity } else { &m.primary_smtp_address }
}
