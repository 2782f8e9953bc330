//! `audit hybrid`: find the mailboxes directory sync is about to turn back (KB2710029) and the
//! other hybrid states that cost data or money (reference §1.2, §1.3, §2.2, §2.4, §8.2).
//!
//! Reading is separated from judging: [`collect`] reads both sides with a handful of bulk
//! cmdlets (never one call per mailbox, except the statistics of the few unlicensed shared
//! mailboxes whose size decides a licence), [`analyse`] is a pure function over the typed
//! results, joined in memory by ExchangeGuid and, when the GUID is missing or unmatched, by SMTP
//! address, so it can be tested and benchmarked without any shell. [`apply_fixes`] applies the
//! fixes that are safe through the same journal batches write, so `runs` and `rollback` see them.

use super::batch::journal::{Event, FailureKind, Journal};
use super::convert::cli_arg;
use super::exec::{Executor, WorkflowError, display_text};
use crate::cmdlet::literal::quote;
use crate::cmdlet::validate::Target;
use crate::cmdlet::{Invocation, Value};
use crate::exchange::classify::{ErrorKind, classify_error};
use crate::exchange::results::{ExchangeServer, Mailbox, MailboxStatistics, RemoteMailbox};
use crate::exchange::{ByteSize, RecipientTypeDetails, RemoteRecipientType};
use crate::shell::{Shell, Side};
use serde::Serialize;
use std::collections::HashMap;

/// 50 GB: the most an unlicensed shared mailbox may hold in Exchange Online (reference §1.1).
pub use super::convert::UNLICENSED_SHARED_LIMIT;

/// How bad a finding is. Critical findings make `audit hybrid` exit with code 6.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Data loss or a revert is coming.
    Critical,
    /// Needs an admin's attention.
    Warning,
    /// Worth knowing before the next change.
    Info,
}

impl Severity {
    /// The name reports print (`critical`, `warning`, `info`).
    pub fn name(self) -> &'static str {
        match self {
            Severity::Critical => "critical",
            Severity::Warning => "warning",
            Severity::Info => "info",
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
    pub severity: Severity,
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
    /// Findings of one severity.
    pub fn count(&self, severity: Severity) -> usize {
        self.findings.iter().filter(|f| f.severity == severity).count()
    }

    /// Whether any finding is critical.
    pub fn has_critical(&self) -> bool {
        self.findings.iter().any(|f| f.severity == Severity::Critical)
    }
}

// ---------------------------------------------------------------------------------------------
// Judging

fn live_guid(g: Option<uuid::Uuid>) -> Option<uuid::Uuid> {
    g.filter(|g| !g.is_nil())
}

fn has_archive(m: &Mailbox) -> bool {
    live_guid(m.archive_guid).is_some() || m.archive_status.as_deref().is_some_and(|s| s.eq_ignore_ascii_case("Active"))
}

fn cloud_evidence(e: &CloudEntry) -> SideEvidence {
    let m = &e.mailbox;
    SideEvidence {
        primary_smtp_address: m.primary_smtp_address.clone(),
        recipient_type_details: m.recipient_type_details,
        remote_recipient_type: None,
        exchange_guid: live_guid(m.exchange_guid),
        sku_assigned: m.sku_assigned,
        total_item_size: e.total_item_size,
        litigation_hold_enabled: Some(m.litigation_hold_enabled),
        in_place_holds: Some(m.in_place_holds.clone()),
        archive_status: Some(if has_archive(m) { "Active" } else { "None" }.to_string()),
        account_disabled: None,
    }
}

fn remote_evidence(r: &RemoteMailbox) -> SideEvidence {
    SideEvidence {
        primary_smtp_address: r.primary_smtp_address.clone(),
        recipient_type_details: r.recipient_type_details,
        remote_recipient_type: Some(r.remote_recipient_type),
        exchange_guid: live_guid(r.exchange_guid),
        sku_assigned: None,
        total_item_size: None,
        litigation_hold_enabled: None,
        in_place_holds: None,
        archive_status: None,
        account_disabled: None,
    }
}

/// The `msExchRemoteRecipientType` value KB2710029 step 3 stamps to make a remote mailbox
/// shared, keeping its archive bits: 4 → 100, 6 → 102, 20 → 116, 0 → 100; a provisioned one
/// (ProvisionMailbox kept) 1 → 97, 3 → 99 (reference §2.2 tables).
pub fn shared_attribute_value(rrt: RemoteRecipientType) -> u64 {
    let mut v = rrt.with_kind(RemoteRecipientType::SHARED_MAILBOX).0;
    if !rrt.has_provision_mailbox() {
        v |= RemoteRecipientType::MIGRATED;
    }
    v
}

/// The KB2710029 attribute fix for one remote mailbox, as the ActiveDirectory-module command.
fn attribute_fix(r: &RemoteMailbox, id: &str) -> String {
    let who = match r.sam_account_name.as_deref().filter(|s| !s.is_empty()) {
        Some(sam) => quote(sam),
        None => format!("(Get-Recipient -Identity {}).SamAccountName", quote(id)),
    };
    format!(
        "Set-ADUser -Identity {who} -Replace @{{msExchRemoteRecipientType={};msExchRecipientTypeDetails={}}}",
        shared_attribute_value(r.remote_recipient_type),
        RecipientTypeDetails::RemoteSharedMailbox.value()
    )
}

fn sync_step() -> FixStep {
    FixStep::new(
        Place::EntraConnect,
        "push the change to Exchange Online now instead of at the next cycle (about 30 minutes), then run `mbxctl audit hybrid` again",
        Some("Start-ADSyncSyncCycle -PolicyType Delta".into()),
    )
}

fn licence_command(upn: &str) -> String {
    format!("Set-MgUserLicense -UserId {} -AddLicenses @(@{{SkuId = '<SkuId>'}}) -RemoveLicenses @()", quote(upn))
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

/// An index of the cloud side for joining: ExchangeGuid, then every SMTP address.
struct CloudIndex {
    by_guid: HashMap<uuid::Uuid, usize>,
    by_address: HashMap<String, usize>,
}

impl CloudIndex {
    fn new(cloud: &[CloudEntry]) -> Self {
        let mut by_guid = HashMap::with_capacity(cloud.len());
        let mut by_address = HashMap::with_capacity(cloud.len() * 3);
        for (i, e) in cloud.iter().enumerate() {
            let m = &e.mailbox;
            if let Some(g) = live_guid(m.exchange_guid) {
                by_guid.entry(g).or_insert(i);
            }
            if !m.primary_smtp_address.is_empty() {
                by_address.entry(m.primary_smtp_address.to_ascii_lowercase()).or_insert(i);
            }
            for a in m.smtp_addresses() {
                by_address.entry(a.to_ascii_lowercase()).or_insert(i);
            }
        }
        CloudIndex { by_guid, by_address }
    }

    /// The cloud mailbox of a remote mailbox, and whether it was found by address.
    fn find(&self, r: &RemoteMailbox) -> Option<(usize, bool)> {
        if let Some(i) = live_guid(r.exchange_guid).and_then(|g| self.by_guid.get(&g)) {
            return Some((*i, false));
        }
        [Some(r.primary_smtp_address.as_str()), r.remote_routing_address.as_deref()]
            .into_iter()
            .flatten()
            .filter(|a| !a.is_empty())
            .find_map(|a| {
                let a = a.strip_prefix("smtp:").or_else(|| a.strip_prefix("SMTP:")).unwrap_or(a);
                self.by_address.get(&a.to_ascii_lowercase()).copied()
            })
            .map(|i| (i, true))
    }
}

/// The findings about one remote mailbox and its cloud mailbox.
fn judge_pair(inv: &Inventory, r: &RemoteMailbox, c: &CloudEntry, by_address: bool, out: &mut Vec<Finding>) {
    let id = remote_id(r);
    let m = &c.mailbox;
    let rrt = r.remote_recipient_type;
    let provision = rrt.has_provision_mailbox();
    // What sync pushes is RecipientTypeDetails (with the kind bits of RemoteRecipientType).
    let on_prem_shared = r.recipient_type_details == RecipientTypeDetails::RemoteSharedMailbox;
    let on_prem_user = r.recipient_type_details == RecipientTypeDetails::RemoteUserMailbox;
    let cloud_shared = m.recipient_type_details == RecipientTypeDetails::SharedMailbox;
    let cloud_user = m.recipient_type_details == RecipientTypeDetails::UserMailbox;
    let unlicensed = m.sku_assigned != Some(true);
    let mut will_revert = false;
    let mut not_synced = false;

    if by_address
        && let (Some(a), Some(b)) = (live_guid(r.exchange_guid), live_guid(m.exchange_guid))
        && a != b
    {
        out.push(Finding {
            kind: FindingKind::ExchangeGuidMismatch,
            severity: Severity::Warning,
            identity: id.to_string(),
            message: format!(
                "the remote mailbox's ExchangeGuid {a} differs from its Exchange Online mailbox's {b} (matched by address): moves back on-premises and hybrid features that key on the GUID fail"
            ),
            on_premises: Some(remote_evidence(r)),
            online: Some(cloud_evidence(c)),
            fix: vec![FixStep::new(
                Place::OnPremises,
                "after confirming the Exchange Online mailbox is the one that holds the data, stamp its GUID on the remote mailbox",
                Some(display_text(&Invocation::new("Set-RemoteMailbox").param("Identity", id).param("ExchangeGuid", b.to_string()))),
            )],
            safe_fix: None,
        });
    }

    if cloud_shared && on_prem_user {
        will_revert = true;
        let set_remote = set_type("Set-RemoteMailbox", id, "Shared");
        let safe = provision && inv.remote_type_supported;
        let mut fix = Vec::new();
        let why_not: Option<String> = if !provision {
            Some(format!(
                "its RemoteRecipientType '{rrt}' lacks ProvisionMailbox (a migrated mailbox), so Set-RemoteMailbox -Type refuses it on every version (reference §1.2)"
            ))
        } else if !inv.remote_type_supported {
            Some(format!(
                "no on-premises server supports Set-RemoteMailbox -Type Shared (2013 CU21, 2016 CU10, 2019 or later, with /PrepareAD; found {})",
                if inv.old_servers.is_empty() { "none readable".to_string() } else { inv.old_servers.join(", ") }
            ))
        } else {
            None
        };
        // KB2710029 (both texts) puts the licence first: a sync before the on-premises fix
        // reverts the mailbox, and unlicensed it is then on the 30-day clock to disconnection.
        if unlicensed {
            fix.push(FixStep::new(
                Place::Microsoft365,
                "first, before anything that can trigger a sync, temporarily assign a licence (KB2710029 step 1): a sync reverts it to a user mailbox, which unlicensed is disconnected after 30 days, and after that the data may be lost; remove the licence once both sides agree",
                Some(licence_command(r.user_principal_name.as_deref().unwrap_or(id))),
            ));
        }
        if safe {
            fix.push(FixStep::new(
                Place::OnPremises,
                "make the on-premises object a remote shared mailbox, so sync keeps the cloud mailbox shared (KB2710029 resolution)",
                Some(display_text(&set_remote)),
            ));
        } else {
            fix.push(FixStep::new(
                Place::ActiveDirectory,
                format!(
                    "stamp the shared-mailbox attributes directly (KB2710029 step 3, the one case Microsoft supports editing Exchange attributes with AD tools): {}",
                    why_not.clone().unwrap_or_default()
                ),
                Some(attribute_fix(r, id)),
            ));
            fix.push(FixStep::new(
                Place::Mbxctl,
                "or take the supported round trip: move it back on-premises, convert it, move it to Exchange Online again (reference §8.2); this lists the steps",
                Some(format!("mbxctl convert {} --to shared --dry-run", cli_arg(id))),
            ));
        }
        fix.push(sync_step());
        out.push(Finding {
            kind: FindingKind::WillRevert,
            severity: if unlicensed { Severity::Critical } else { Severity::Warning },
            identity: id.to_string(),
            message: format!(
                "shared in Exchange Online but a {} on-premises: the next directory sync turns it back into a user mailbox (KB2710029){}{}",
                r.recipient_type_details,
                if unlicensed {
                    "; it has no licence, so the 30-day clock to disconnection starts then"
                } else {
                    "; it keeps its licence, so no data is at risk, but the conversion is undone"
                },
                match &why_not {
                    Some(w) if !safe => format!("; mbxctl cannot fix it safely: {w}"),
                    _ => String::new(),
                }
            ),
            on_premises: Some(remote_evidence(r)),
            online: Some(cloud_evidence(c)),
            fix,
            safe_fix: safe.then(|| SafeFix {
                side: Side::OnPremises,
                command: display_text(&set_remote),
                invocation: set_remote,
                before: r.recipient_type_details,
                expect: RecipientTypeDetails::RemoteSharedMailbox,
            }),
        });
    } else if on_prem_shared && cloud_user {
        not_synced = true;
        let cid = cloud_id(m);
        let set = set_type("Set-Mailbox", cid, "Shared");
        let mut fix = vec![FixStep::new(
            Place::ExchangeOnline,
            "convert the cloud mailbox to match the on-premises object (the documented second half of a hybrid conversion, reference §1.2)",
            Some(display_text(&set)),
        )];
        if unlicensed {
            fix.push(FixStep::new(
                Place::Microsoft365,
                "until it is shared it is an unlicensed user mailbox on the 30-day clock; if it cannot be converted now, assign a licence",
                Some(licence_command(m.user_principal_name.as_deref().unwrap_or(cid))),
            ));
        }
        out.push(Finding {
            kind: FindingKind::NotSynced,
            severity: if unlicensed { Severity::Critical } else { Severity::Warning },
            identity: id.to_string(),
            message: format!(
                "a remote shared mailbox on-premises but still a user mailbox in Exchange Online: the conversion has not reached Exchange Online (sync pending) or failed there{}",
                if unlicensed { "; it has no licence, so it is disconnected 30 days after it became an unlicensed user mailbox" } else { "" }
            ),
            on_premises: Some(remote_evidence(r)),
            online: Some(cloud_evidence(c)),
            fix,
            safe_fix: Some(SafeFix {
                side: Side::Online,
                command: display_text(&set),
                invocation: set,
                before: m.recipient_type_details,
                expect: RecipientTypeDetails::SharedMailbox,
            }),
        });
    }

    if !provision && on_prem_user && !will_revert {
        out.push(Finding {
            kind: FindingKind::NoProvisionMailbox,
            severity: Severity::Info,
            identity: id.to_string(),
            message: format!(
                "RemoteRecipientType '{rrt}' lacks ProvisionMailbox (an onboarded mailbox): Set-RemoteMailbox -Type cannot convert it in place on any version; converting it to shared needs the KB2710029 attribute fix first, or a move back (reference §1.2, §2.4, §8.2). Nothing to do until it is converted"
            ),
            on_premises: Some(remote_evidence(r)),
            online: Some(cloud_evidence(c)),
            fix: vec![
                FixStep::new(
                    Place::ActiveDirectory,
                    "only when it is to become shared: stamp the shared-mailbox attributes (KB2710029 step 3; the archive bits are kept)",
                    Some(attribute_fix(r, id)),
                ),
                FixStep::new(
                    Place::ExchangeOnline,
                    "then convert the cloud mailbox, and let sync run",
                    Some(display_text(&set_type("Set-Mailbox", cloud_id(m), "Shared"))),
                ),
            ],
            safe_fix: None,
        });
    }

    judge_licence(c, Some(r), not_synced, out);
}

/// The licence findings of one cloud mailbox (paired with `remote` when there is one).
fn judge_licence(c: &CloudEntry, remote: Option<&RemoteMailbox>, not_synced: bool, out: &mut Vec<Finding>) {
    let m = &c.mailbox;
    let licensed = m.sku_assigned == Some(true);
    let id = remote.map_or_else(|| cloud_id(m), remote_id);
    let upn = m.user_principal_name.as_deref().unwrap_or(id);
    if m.recipient_type_details == RecipientTypeDetails::SharedMailbox && !licensed {
        let over = c.total_item_size.is_some_and(|s| s > UNLICENSED_SHARED_LIMIT);
        let holds = m.litigation_hold_enabled || !m.in_place_holds.is_empty();
        let archive = has_archive(m);
        if over || holds || archive {
            let mut why = Vec::new();
            if over {
                why.push(format!(
                    "it holds {} (over the 50 GB an unlicensed shared mailbox may hold)",
                    c.total_item_size.unwrap_or_default()
                ));
            }
            if m.litigation_hold_enabled {
                why.push("it is on Litigation Hold".to_string());
            } else if holds {
                why.push("it is on an In-Place Hold".to_string());
            }
            if archive {
                why.push("it has an archive".to_string());
            }
            let plan = if over {
                "Exchange Online Plan 2 (100 GB, holds and archives included)"
            } else {
                "Exchange Online Plan 2, or Plan 1 with Exchange Online Archiving"
            };
            out.push(Finding {
                kind: FindingKind::SharedNeedsLicence,
                severity: Severity::Warning,
                identity: id.to_string(),
                message: format!(
                    "an unlicensed shared mailbox that needs a licence: {} (reference §1.1)",
                    why.join(", ")
                ),
                on_premises: remote.map(remote_evidence),
                online: Some(cloud_evidence(c)),
                fix: vec![FixStep::new(Place::Microsoft365, format!("assign {plan}"), Some(licence_command(upn)))],
                safe_fix: None,
            });
        }
    }
    if m.recipient_type_details == RecipientTypeDetails::UserMailbox && m.sku_assigned.is_none() && !not_synced {
        out.push(Finding {
            kind: FindingKind::UnlicensedUser,
            severity: Severity::Warning,
            identity: id.to_string(),
            message: "licence state unknown: SKUAssigned could not be read for this user mailbox; if it has no licence, Exchange Online disconnects it 30 days after it lost (or never had) one (KB2710029)".into(),
            on_premises: remote.map(remote_evidence),
            online: Some(cloud_evidence(c)),
            fix: vec![FixStep::new(
                Place::Microsoft365,
                "look at the user's licences, and assign one if there is none",
                Some(format!("Get-MgUserLicenseDetail -UserId {}", quote(upn))),
            )],
            safe_fix: None,
        });
    }
    if m.recipient_type_details == RecipientTypeDetails::UserMailbox && m.sku_assigned == Some(false) && !not_synced {
        out.push(Finding {
            kind: FindingKind::UnlicensedUser,
            severity: Severity::Critical,
            identity: id.to_string(),
            message: "a user mailbox without a licence: Exchange Online disconnects it 30 days after it lost (or never had) one, and the data may be lost after that (KB2710029)".into(),
            on_premises: remote.map(remote_evidence),
            online: Some(cloud_evidence(c)),
            fix: vec![
                FixStep::new(Place::Microsoft365, "assign a licence", Some(licence_command(upn))),
                FixStep::new(
                    Place::Mbxctl,
                    "or, if it should be a shared mailbox, convert it the way that survives sync (both sides, on-premises first)",
                    Some(format!("mbxctl convert {} --to shared", cli_arg(id))),
                ),
            ],
            safe_fix: None,
        });
    }
}

/// Judges an inventory. Pure: no I/O; O(n) in the number of mailboxes.
pub fn analyse(inv: &Inventory) -> AuditReport {
    let mut findings = Vec::new();
    let mut pairs = 0;
    if inv.cloud_read {
        let index = CloudIndex::new(&inv.cloud);
        let mut paired = vec![false; inv.cloud.len()];
        for r in &inv.remote {
            match index.find(r) {
                Some((i, by_address)) => {
                    pairs += 1;
                    paired[i] = true;
                    judge_pair(inv, r, &inv.cloud[i], by_address, &mut findings);
                }
                None => {
                    let id = remote_id(r);
                    findings.push(Finding {
                        kind: FindingKind::NoCloudMailbox,
                        severity: Severity::Warning,
                        identity: id.to_string(),
                        message: "a remote mailbox on-premises with no Exchange Online mailbox (matched by ExchangeGuid, then by address): not yet provisioned by sync, or its cloud mailbox was disconnected (an unlicensed user mailbox after 30 days) and is now a mail user".into(),
                        on_premises: Some(remote_evidence(r)),
                        online: None,
                        fix: vec![
                            sync_step(),
                            FixStep::new(
                                Place::ExchangeOnline,
                                "if it is still missing, see what Exchange Online has under that address",
                                Some(display_text(&Invocation::new("Get-Recipient").param("Identity", id))),
                            ),
                            FixStep::new(
                                Place::Microsoft365,
                                "if it is a mail user because the mailbox was disconnected, a licence within 30 days reconnects it (KB2710029 step 1)",
                                Some(licence_command(r.user_principal_name.as_deref().unwrap_or(id))),
                            ),
                        ],
                        safe_fix: None,
                    });
                }
            }
        }
        for (c, _) in inv.cloud.iter().zip(&paired).filter(|(_, p)| !**p) {
            judge_licence(c, None, false, &mut findings);
        }
    } else {
        // Without Exchange Online only the on-premises facts can be judged.
        for r in &inv.remote {
            if !r.remote_recipient_type.has_provision_mailbox()
                && r.recipient_type_details == RecipientTypeDetails::RemoteUserMailbox
            {
                let id = remote_id(r);
                findings.push(Finding {
                    kind: FindingKind::NoProvisionMailbox,
                    severity: Severity::Info,
                    identity: id.to_string(),
                    message: format!(
                        "RemoteRecipientType '{}' lacks ProvisionMailbox (an onboarded mailbox): Set-RemoteMailbox -Type cannot convert it in place; converting it to shared needs the KB2710029 attribute fix first, or a move back (reference §1.2, §2.4, §8.2)",
                        r.remote_recipient_type
                    ),
                    on_premises: Some(remote_evidence(r)),
                    online: None,
                    fix: vec![FixStep::new(
                        Place::ActiveDirectory,
                        "only when it is to become shared: stamp the shared-mailbox attributes (KB2710029 step 3)",
                        Some(attribute_fix(r, id)),
                    )],
                    safe_fix: None,
                });
            }
        }
    }
    for m in &inv.on_prem_shared {
        if m.account_disabled == Some(false) {
            let id = cloud_id(m);
            let sam = m.sam_account_name.clone().filter(|s| !s.is_empty()).unwrap_or_else(|| m.alias.clone());
            findings.push(Finding {
                kind: FindingKind::SharedAccountEnabled,
                severity: Severity::Warning,
                identity: id.to_string(),
                message: "a shared mailbox whose AD account is enabled: anyone with its password can sign in to it (converting disables it; this one was enabled again or created otherwise)".into(),
                on_premises: Some(SideEvidence {
                    primary_smtp_address: m.primary_smtp_address.clone(),
                    recipient_type_details: m.recipient_type_details,
                    remote_recipient_type: None,
                    exchange_guid: live_guid(m.exchange_guid),
                    sku_assigned: None,
                    total_item_size: None,
                    litigation_hold_enabled: Some(m.litigation_hold_enabled),
                    in_place_holds: None,
                    archive_status: None,
                    account_disabled: Some(false),
                }),
                online: None,
                fix: vec![FixStep::new(
                    Place::ActiveDirectory,
                    "disable the account (do not delete it: it anchors the shared mailbox); mbxctl does not run AD cmdlets",
                    Some(format!("Disable-ADAccount -Identity {}", quote(&sam))),
                )],
                safe_fix: None,
            });
        }
    }
    findings.sort_by(|a, b| {
        a.severity.cmp(&b.severity).then_with(|| a.kind.cmp(&b.kind)).then_with(|| a.identity.cmp(&b.identity))
    });
    AuditReport {
        remote_mailboxes: inv.remote.len(),
        on_premises_shared: inv.on_prem_shared.len(),
        cloud_mailboxes: inv.cloud.len(),
        pairs,
        cloud_read: inv.cloud_read,
        findings,
    }
}

// ---------------------------------------------------------------------------------------------
// Reading

async fn read_all<T>(
    exec: &mut Executor<'_>,
    inv: Invocation,
    parse: fn(&crate::psobject::PsValue) -> Result<T, crate::exchange::results::ResultError>,
) -> Result<Vec<T>, WorkflowError> {
    let cmdlet = inv.cmdlet.clone();
    let (outcome, _) = exec.run(&inv).await?;
    if let Some(e) = outcome.errors.first() {
        return Err(WorkflowError::Unexpected { cmdlet, reason: e.message.clone() });
    }
    outcome
        .output
        .iter()
        .map(|v| parse(v).map_err(|e| WorkflowError::Unexpected { cmdlet: cmdlet.clone(), reason: e.to_string() }))
        .collect()
}

/// The properties `Get-EXOMailbox` is asked for beyond its minimal set (which already holds
/// PrimarySmtpAddress, EmailAddresses, RecipientTypeDetails, UserPrincipalName and Identity).
pub const CLOUD_PROPERTIES: [&str; 6] =
    ["ExchangeGuid", "SKUAssigned", "LitigationHoldEnabled", "InPlaceHolds", "ArchiveStatus", "ArchiveGuid"];

fn servers_read() -> Invocation {
    Invocation::new("Get-ExchangeServer")
}

fn remote_read() -> Invocation {
    Invocation::new("Get-RemoteMailbox").param("ResultSize", "Unlimited")
}

fn shared_read() -> Invocation {
    Invocation::new("Get-Mailbox")
        .param("RecipientTypeDetails", Value::List(vec!["SharedMailbox".into()]))
        .param("ResultSize", "Unlimited")
}

fn cloud_read() -> Invocation {
    Invocation::new("Get-EXOMailbox")
        .param("ResultSize", "Unlimited")
        .param("Properties", Value::List(CLOUD_PROPERTIES.map(String::from).to_vec()))
}

/// The bulk reads [`collect`] makes, in order (besides one `Get-MailboxStatistics` per
/// unlicensed shared cloud mailbox), for documentation and tests.
pub fn collect_commands(with_cloud: bool) -> Vec<(Side, Invocation)> {
    let mut out =
        vec![(Side::OnPremises, servers_read()), (Side::OnPremises, remote_read()), (Side::OnPremises, shared_read())];
    if with_cloud {
        out.push((Side::Online, cloud_read()));
    }
    out
}

/// Reads both sides with bulk cmdlets, selecting only what the audit needs: the servers, every
/// remote mailbox, the on-premises shared mailboxes, every Exchange Online mailbox, and the
/// statistics of the unlicensed shared mailboxes only (their size decides whether they need a
/// licence). With `cloud` absent, only the on-premises side is read.
pub async fn collect(
    on_prem: &mut (dyn Shell + 'static),
    cloud: Option<&mut (dyn Shell + 'static)>,
) -> Result<Inventory, WorkflowError> {
    let mut exec = Executor::new(on_prem, Target::default());
    let servers = read_all(&mut exec, servers_read(), ExchangeServer::from_ps).await?;
    let mut inv = Inventory::default();
    for s in &servers {
        match s.admin_display_version.parse::<crate::cmdlet::ExchangeVersion>() {
            Ok(v) if v.supports_remote_shared() => inv.remote_type_supported = true,
            Ok(v) => inv.old_servers.push(format!("{} ({v})", s.name)),
            Err(_) => inv.old_servers.push(format!("{} ({})", s.name, s.admin_display_version)),
        }
    }
    inv.remote = read_all(&mut exec, remote_read(), RemoteMailbox::from_ps).await?;
    inv.on_prem_shared = read_all(&mut exec, shared_read(), Mailbox::from_ps).await?;
    if let Some(cloud) = cloud {
        let mut cx = Executor::new(cloud, Target { side: Side::Online, ..Target::default() });
        let mailboxes = read_all(&mut cx, cloud_read(), Mailbox::from_ps).await?;
        inv.cloud_read = true;
        inv.cloud.reserve(mailboxes.len());
        for m in mailboxes {
            let size =
                if m.recipient_type_details == RecipientTypeDetails::SharedMailbox && m.sku_assigned != Some(true) {
                    let id = cloud_id(&m).to_string();
                    let (outcome, _) =
                        cx.run(&Invocation::new("Get-MailboxStatistics").param("Identity", id.as_str())).await?;
                    if let Some(e) = outcome.errors.first() {
                        return Err(WorkflowError::Unexpected {
                            cmdlet: "Get-MailboxStatistics".into(),
                            reason: e.message.clone(),
                        });
                    }
                    match outcome.output.first() {
                        Some(v) => Some(
                            MailboxStatistics::from_ps(v)
                                .map_err(|e| WorkflowError::Unexpected {
                                    cmdlet: "Get-MailboxStatistics".into(),
                                    reason: e.to_string(),
                                })?
                                .total_item_size,
                        ),
                        // Never logged on: Exchange answers with a warning and no object; it holds nothing.
                        None => Some(ByteSize(0)),
                    }
                } else {
                    None
                };
            inv.cloud.push(CloudEntry { mailbox: m, total_item_size: size });
        }
    }
    Ok(inv)
}

// ---------------------------------------------------------------------------------------------
// Fixing

/// How one safe fix ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum FixStatus {
    /// Dry run: it would run.
    Planned,
    /// Ran, and the re-read shows the expected type.
    Fixed,
    /// The command reported an error.
    Failed,
    /// The command ran but the re-read does not show the expected type.
    VerifyFailed,
    /// Not run: its side has no session, or an earlier failure of the session stopped the run.
    Skipped,
}

/// One safe fix as planned or applied.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FixOutcome {
    /// The journal item number (1-based, in finding order).
    pub item: usize,
    /// The mailbox.
    pub identity: String,
    /// The finding it fixes.
    pub kind: FindingKind,
    /// Where it ran.
    pub side: Side,
    /// The command.
    pub command: String,
    /// How it ended.
    pub status: FixStatus,
    /// The type on that side before.
    pub before: RecipientTypeDetails,
    /// The type the re-read showed, when it ran.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub after: Option<RecipientTypeDetails>,
    /// Why it failed or was skipped.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub error: Option<String>,
}

/// The type in the words `convert` and `rollback` use: a remote user mailbox is converted back
/// with `convert --to regular` just as a user mailbox is.
pub fn conversion_type_name(t: RecipientTypeDetails) -> String {
    match t {
        RecipientTypeDetails::RemoteUserMailbox => RecipientTypeDetails::UserMailbox.to_string(),
        RecipientTypeDetails::RemoteSharedMailbox => RecipientTypeDetails::SharedMailbox.to_string(),
        other => other.to_string(),
    }
}

fn failure_kind(e: &crate::shell::ErrorRecord) -> FailureKind {
    match classify_error(e) {
        ErrorKind::NotFound | ErrorKind::Ambiguous => FailureKind::NotFound,
        ErrorKind::AccessDenied | ErrorKind::ParameterNotFound | ErrorKind::CommandNotFound => {
            FailureKind::AccessDenied
        }
        ErrorKind::Throttled { .. } => FailureKind::Throttled,
        _ => FailureKind::CmdletError,
    }
}

fn journal_err(e: super::batch::journal::JournalError) -> WorkflowError {
    WorkflowError::Journal(e.to_string())
}

async fn reread(exec: &mut Executor<'_>, side: Side, id: &str) -> Result<Option<RecipientTypeDetails>, WorkflowError> {
    let (inv, parse): (Invocation, fn(&crate::psobject::PsValue) -> Option<RecipientTypeDetails>) = match side {
        Side::OnPremises => (Invocation::new("Get-RemoteMailbox").param("Identity", id), |v| {
            RemoteMailbox::from_ps(v).ok().map(|r| r.recipient_type_details)
        }),
        Side::Online => (Invocation::new("Get-EXOMailbox").param("Identity", id), |v| {
            Mailbox::from_ps(v).ok().map(|m| m.recipient_type_details)
        }),
    };
    let (outcome, _) = exec.run(&inv).await?;
    Ok(outcome.output.first().and_then(parse))
}

/// Applies (or with `dry_run` only plans) the safe fixes of `report`, in finding order. Each
/// applied fix is journaled as a batch item (`planned` for all first, then per item
/// `apply-started`, `applied` with the previous type in `convert`'s words, and `verified` or
/// `failed`), then verified by re-reading the mailbox. Nothing is journaled in a dry run. A
/// journal that cannot be written stops the run before the next change; a broken session
/// stops it too, and the items not reached stay `planned` in the journal (a resume converts
/// them to Shared, which is what they need).
pub async fn apply_fixes(
    report: &AuditReport,
    on_prem: &mut (dyn Shell + 'static),
    mut cloud: Option<&mut (dyn Shell + 'static)>,
    journal: Option<&Journal>,
    dry_run: bool,
) -> Result<Vec<FixOutcome>, WorkflowError> {
    let planned: Vec<(usize, &Finding, &SafeFix)> = report
        .findings
        .iter()
        .filter_map(|f| f.safe_fix.as_ref().map(|s| (f, s)))
        .enumerate()
        .map(|(i, (f, s))| (i + 1, f, s))
        .collect();
    let mut out = Vec::with_capacity(planned.len());
    let journal = if dry_run { None } else { journal };
    if let Some(j) = journal {
        for (item, f, s) in &planned {
            let shared =
                matches!(s.expect, RecipientTypeDetails::SharedMailbox | RecipientTypeDetails::RemoteSharedMailbox);
            let target = if shared { "Shared" } else { "Regular" };
            j.append(*item, &f.identity, Event::Planned { target: target.into() }).map_err(journal_err)?;
        }
    }
    let mut stopped: Option<String> = None;
    for (item, f, s) in planned {
        let mut rec = FixOutcome {
            item,
            identity: f.identity.clone(),
            kind: f.kind,
            side: s.side,
            command: s.command.clone(),
            status: FixStatus::Planned,
            before: s.before,
            after: None,
            error: None,
        };
        let shell: Option<&mut (dyn Shell + 'static)> = match s.side {
            Side::OnPremises => Some(&mut *on_prem),
            Side::Online => cloud.as_deref_mut(),
        };
        let Some(shell) = shell else {
            rec.status = FixStatus::Skipped;
            rec.error = Some("no Exchange Online session (--cloud-profile)".into());
            if let Some(j) = journal {
                j.append(item, &f.identity, Event::Skipped { reason: rec.error.clone().unwrap_or_default() })
                    .map_err(journal_err)?;
            }
            out.push(rec);
            continue;
        };
        let mut exec = Executor::new(shell, Target { side: s.side, ..Target::default() });
        if dry_run {
            rec.command = exec.plan(&s.invocation)?.text;
            out.push(rec);
            continue;
        }
        if let Some(why) = &stopped {
            rec.status = FixStatus::Skipped;
            rec.error = Some(why.clone());
            out.push(rec);
            continue;
        }
        let key = s.invocation.get_str("Identity").unwrap_or(&f.identity).to_string();
        if let Some(j) = journal {
            j.append(item, &f.identity, Event::apply_started(std::slice::from_ref(&s.invocation), display_text))
                .map_err(journal_err)?;
        }
        let result = exec.run(&s.invocation).await;
        let (outcome, record) = match result {
            Ok(x) => x,
            Err(e) => {
                let kind = if e.is_transient() { FailureKind::SessionBroken } else { FailureKind::Other };
                rec.status = FixStatus::Failed;
                rec.error = Some(e.to_string());
                if let Some(j) = journal {
                    j.append(item, &f.identity, Event::Failed { reason: e.to_string(), kind }).map_err(journal_err)?;
                }
                if e.is_transient() {
                    stopped = Some(format!("not run: the session failed on an earlier fix ({e})"));
                }
                out.push(rec);
                continue;
            }
        };
        rec.command = record.text;
        if let Some(err) = outcome.errors.first() {
            rec.status = FixStatus::Failed;
            rec.error = Some(err.message.clone());
            if let Some(j) = journal {
                j.append(item, &f.identity, Event::Failed { reason: err.message.clone(), kind: failure_kind(err) })
                    .map_err(journal_err)?;
            }
            out.push(rec);
            continue;
        }
        if let Some(j) = journal {
            j.append(item, &f.identity, Event::Applied { previous_type: Some(conversion_type_name(s.before)) })
                .map_err(journal_err)?;
        }
        let after = match reread(&mut exec, s.side, &key).await {
            Ok(a) => a,
            Err(e) => {
                // Applied but unconfirmed: journaled as failed after `applied`, so a resume
                // re-checks it and a rollback still knows it ran.
                let kind = if e.is_transient() { FailureKind::SessionBroken } else { FailureKind::VerifyFailed };
                let why = format!("applied, but re-reading it to verify failed: {e}");
                rec.status = FixStatus::VerifyFailed;
                rec.error = Some(why.clone());
                if let Some(j) = journal {
                    j.append(item, &f.identity, Event::Failed { reason: why, kind }).map_err(journal_err)?;
                }
                if e.is_transient() {
                    stopped = Some(format!("not run: the session failed on an earlier fix ({e})"));
                }
                out.push(rec);
                continue;
            }
        };
        rec.after = after;
        if after == Some(s.expect) {
            rec.status = FixStatus::Fixed;
            if let Some(j) = journal {
                let detail = serde_json::json!({
                    "finding": f.kind.id(),
                    "side": s.side,
                    "before": s.before.to_string(),
                    "after": s.expect.to_string(),
                });
                j.append(item, &f.identity, Event::Verified { detail }).map_err(journal_err)?;
            }
        } else {
            rec.status = FixStatus::VerifyFailed;
            let seen = after.map_or_else(|| "nothing".to_string(), |t| t.to_string());
            let why = format!("verification failed: expected {} after the fix, re-read shows {seen}", s.expect);
            rec.error = Some(why.clone());
            if let Some(j) = journal {
                j.append(item, &f.identity, Event::Failed { reason: why, kind: FailureKind::VerifyFailed })
                    .map_err(journal_err)?;
            }
        }
        out.push(rec);
    }
    if let Some(j) = journal {
        let fixed = out.iter().filter(|o| o.status == FixStatus::Fixed).count();
        j.append_run(Event::RunFinished {
            summary: format!("{fixed} of {} safe fix(es) applied and verified", out.len()),
        })
        .map_err(journal_err)?;
    }
    Ok(out)
}

/// Critical findings that no verified fix in `fixes` resolved: what `audit hybrid` exits 6 on.
pub fn unresolved_critical(report: &AuditReport, fixes: &[FixOutcome]) -> usize {
    report
        .findings
        .iter()
        .filter(|f| f.severity == Severity::Critical)
        .filter(|f| !fixes.iter().any(|x| x.status == FixStatus::Fixed && x.kind == f.kind && x.identity == f.identity))
        .count()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::psobject::{PsObject, PsValue};
    use uuid::Uuid;

    const GB: u64 = 1 << 30;

    fn guid(n: u128) -> Uuid {
        Uuid::from_u128(n)
    }

    fn remote(alias: &str, rtd: &str, rrt: &str, g: Option<Uuid>) -> RemoteMailbox {
        let mut o = PsObject::with_types(["Deserialized.Microsoft.Exchange.Data.Directory.Management.RemoteMailbox"])
            .note("Identity", format!("contoso.com/Users/{alias}"))
            .note("Name", alias)
            .note("Alias", alias)
            .note("SamAccountName", alias)
            .note("UserPrincipalName", format!("{alias}@contoso.com"))
            .note("PrimarySmtpAddress", format!("{alias}@contoso.com"))
            .note("RemoteRoutingAddress", format!("{alias}@contoso.mail.onmicrosoft.com"))
            .note("RecipientTypeDetails", rtd)
            .note("RemoteRecipientType", rrt);
        if let Some(g) = g {
            o = o.note("ExchangeGuid", g);
        }
        RemoteMailbox::from_ps(&PsValue::from(o)).expect("remote mailbox")
    }

    fn cloud_with(
        alias: &str,
        rtd: &str,
        sku: Option<bool>,
        g: Option<Uuid>,
        edit: impl FnOnce(PsObject) -> PsObject,
    ) -> CloudEntry {
        let mut o = PsObject::with_types(["Deserialized.Microsoft.Exchange.Management.RestApiClient.EXOMailbox"])
            .note("Identity", alias)
            .note("Name", alias)
            .note("Alias", alias)
            .note("UserPrincipalName", format!("{alias}@contoso.com"))
            .note("PrimarySmtpAddress", format!("{alias}@contoso.com"))
            .note(
                "EmailAddresses",
                PsValue::list([
                    PsValue::from(format!("SMTP:{alias}@contoso.com")),
                    PsValue::from(format!("smtp:{alias}@contoso.mail.onmicrosoft.com")),
                ]),
            )
            .note("RecipientTypeDetails", rtd);
        if let Some(s) = sku {
            o = o.note("SKUAssigned", s);
        }
        if let Some(g) = g {
            o = o.note("ExchangeGuid", g);
        }
        let o = edit(o);
        CloudEntry { mailbox: Mailbox::from_ps(&PsValue::from(o)).expect("mailbox"), total_item_size: None }
    }

    fn cloud(alias: &str, rtd: &str, sku: bool, g: Option<Uuid>) -> CloudEntry {
        cloud_with(alias, rtd, Some(sku), g, |o| o)
    }

    fn inv(remote: Vec<RemoteMailbox>, cloud: Vec<CloudEntry>) -> Inventory {
        Inventory { remote, cloud, cloud_read: true, remote_type_supported: true, ..Inventory::default() }
    }

    fn kinds(r: &AuditReport) -> Vec<(FindingKind, Severity, &str)> {
        r.findings.iter().map(|f| (f.kind, f.severity, f.identity.as_str())).collect()
    }

    fn commands(f: &Finding) -> Vec<(Place, &str)> {
        f.fix.iter().filter_map(|s| s.command.as_deref().map(|c| (s.place, c))).collect()
    }

    #[test]
    fn will_revert_provisioned_unlicensed_is_critical_with_a_safe_on_premises_fix() {
        let r = analyse(&inv(
            vec![remote("wendy", "RemoteUserMailbox", "ProvisionMailbox", None)],
            vec![cloud("wendy", "SharedMailbox", false, Some(guid(1)))],
        ));
        assert_eq!(kinds(&r), [(FindingKind::WillRevert, Severity::Critical, "wendy@contoso.com")]);
        assert_eq!(r.pairs, 1);
        let f = &r.findings[0];
        let safe = f.safe_fix.as_ref().expect("safe fix");
        assert_eq!(safe.side, Side::OnPremises);
        assert_eq!(safe.command, "Set-RemoteMailbox -Identity 'wendy@contoso.com' -Type 'Shared'");
        assert_eq!(
            (safe.before, safe.expect),
            (RecipientTypeDetails::RemoteUserMailbox, RecipientTypeDetails::RemoteSharedMailbox)
        );
        assert_eq!(
            commands(f),
            [
                (
                    Place::Microsoft365,
                    "Set-MgUserLicense -UserId 'wendy@contoso.com' -AddLicenses @(@{SkuId = '<SkuId>'}) -RemoveLicenses @()"
                ),
                (Place::OnPremises, "Set-RemoteMailbox -Identity 'wendy@contoso.com' -Type 'Shared'"),
                (Place::EntraConnect, "Start-ADSyncSyncCycle -PolicyType Delta"),
            ]
        );
        assert!(f.message.contains("KB2710029") && f.message.contains("30-day"), "{}", f.message);
        let on = f.on_premises.as_ref().unwrap();
        assert_eq!(on.remote_recipient_type, Some(RemoteRecipientType(1)));
        assert_eq!(f.online.as_ref().unwrap().sku_assigned, Some(false));
    }

    #[test]
    fn will_revert_licensed_is_a_warning_without_the_licence_step() {
        let r = analyse(&inv(
            vec![remote("lara", "RemoteUserMailbox", "ProvisionMailbox", None)],
            vec![cloud("lara", "SharedMailbox", true, None)],
        ));
        assert_eq!(kinds(&r), [(FindingKind::WillRevert, Severity::Warning, "lara@contoso.com")]);
        assert_eq!(r.findings[0].fix.len(), 2);
        assert!(r.findings[0].safe_fix.is_some());
    }

    #[test]
    fn will_revert_migrated_gets_the_kb_attribute_fix_keeping_archive_bits_and_no_duplicate() {
        let g = guid(7);
        let r = analyse(&inv(
            vec![remote("isaiah", "RemoteUserMailbox", "ProvisionArchive, Migrated", Some(g))],
            vec![cloud("isaiah", "SharedMailbox", false, Some(g))],
        ));
        assert_eq!(kinds(&r), [(FindingKind::WillRevert, Severity::Critical, "isaiah@contoso.com")]);
        let f = &r.findings[0];
        assert!(f.safe_fix.is_none());
        let places: Vec<Place> = commands(f).iter().map(|c| c.0).collect();
        assert_eq!(places, [Place::Microsoft365, Place::ActiveDirectory, Place::Mbxctl, Place::EntraConnect]);
        assert_eq!(
            commands(f)[1],
            (
                Place::ActiveDirectory,
                "Set-ADUser -Identity 'isaiah' -Replace @{msExchRemoteRecipientType=102;msExchRecipientTypeDetails=34359738368}"
            )
        );
        assert_eq!(commands(f)[2], (Place::Mbxctl, "mbxctl convert isaiah@contoso.com --to shared --dry-run"));
        assert!(f.message.contains("lacks ProvisionMailbox"), "{}", f.message);
    }

    #[test]
    fn will_revert_on_old_servers_is_not_safe_and_names_them() {
        let mut i = inv(
            vec![remote("old", "RemoteUserMailbox", "ProvisionMailbox", None)],
            vec![cloud("old", "SharedMailbox", false, None)],
        );
        i.remote_type_supported = false;
        i.old_servers = vec!["EX13 (Exchange 2013 CU20)".into()];
        let r = analyse(&i);
        let f = &r.findings[0];
        assert_eq!(f.kind, FindingKind::WillRevert);
        assert!(f.safe_fix.is_none());
        assert_eq!(
            commands(f)[1].1,
            "Set-ADUser -Identity 'old' -Replace @{msExchRemoteRecipientType=97;msExchRecipientTypeDetails=34359738368}"
        );
        assert!(f.message.contains("EX13 (Exchange 2013 CU20)"), "{}", f.message);
    }

    #[test]
    fn not_synced_has_a_safe_cloud_fix_and_is_critical_only_unlicensed() {
        let r = analyse(&inv(
            vec![
                remote("nora", "RemoteSharedMailbox", "ProvisionMailbox, SharedMailbox", None),
                remote("ned", "RemoteSharedMailbox", "ProvisionMailbox, SharedMailbox", None),
            ],
            vec![cloud("nora", "UserMailbox", false, None), cloud("ned", "UserMailbox", true, None)],
        ));
        // Unlicensed: critical, and no separate unlicensed-user finding for the same mailbox.
        assert_eq!(
            kinds(&r),
            [
                (FindingKind::NotSynced, Severity::Critical, "nora@contoso.com"),
                (FindingKind::NotSynced, Severity::Warning, "ned@contoso.com"),
            ]
        );
        let safe = r.findings[0].safe_fix.as_ref().unwrap();
        assert_eq!(safe.side, Side::Online);
        assert_eq!(safe.command, "Set-Mailbox -Identity 'nora@contoso.com' -Type 'Shared'");
        assert_eq!(safe.expect, RecipientTypeDetails::SharedMailbox);
    }

    #[test]
    fn consistent_pairs_including_migrated_shared_raise_nothing() {
        let r = analyse(&inv(
            vec![
                remote("marketing", "RemoteSharedMailbox", "Migrated, SharedMailbox", Some(guid(3))),
                remote("support", "RemoteSharedMailbox", "ProvisionMailbox, SharedMailbox", None),
                remote("diego", "RemoteUserMailbox", "ProvisionMailbox", None),
                remote("room", "RemoteRoomMailbox", "ProvisionMailbox, RoomMailbox", None),
            ],
            vec![
                cloud("marketing", "SharedMailbox", false, Some(guid(3))),
                cloud("support", "SharedMailbox", false, None),
                cloud("diego", "UserMailbox", true, None),
                cloud("room", "RoomMailbox", false, None),
            ],
        ));
        assert!(r.findings.is_empty(), "{:?}", kinds(&r));
        assert_eq!(r.pairs, 4);
    }

    #[test]
    fn join_prefers_exchange_guid_then_primary_then_routing_address() {
        // The GUID wins over an address that points at another mailbox.
        let mut decoy = cloud("a", "UserMailbox", true, Some(guid(99)));
        decoy.mailbox.primary_smtp_address = "b@contoso.com".into();
        let by_guid = cloud_with("elsewhere", "SharedMailbox", Some(false), Some(guid(5)), |o| o);
        let r = analyse(&inv(
            vec![remote("b", "RemoteUserMailbox", "ProvisionMailbox", Some(guid(5)))],
            vec![decoy, by_guid],
        ));
        assert_eq!(kinds(&r)[0].0, FindingKind::WillRevert);
        assert_eq!(r.findings[0].online.as_ref().unwrap().primary_smtp_address, "elsewhere@contoso.com");
        // No GUID on-premises: matched by the routing address among the cloud's proxies.
        let mut moved = cloud("x", "SharedMailbox", false, None);
        moved.mailbox.primary_smtp_address = "renamed@contoso.com".into();
        moved.mailbox.email_addresses =
            vec!["SMTP:renamed@contoso.com".into(), "smtp:c@contoso.mail.onmicrosoft.com".into()];
        let r = analyse(&inv(vec![remote("c", "RemoteUserMailbox", "ProvisionMailbox", None)], vec![moved]));
        assert_eq!(r.pairs, 1);
        assert_eq!(kinds(&r), [(FindingKind::WillRevert, Severity::Critical, "c@contoso.com")]);
        // A cloud mailbox left unpaired is judged on its own (its own address as identity).
        let r = analyse(&inv(vec![], vec![cloud("lone", "UserMailbox", false, None)]));
        assert_eq!(kinds(&r), [(FindingKind::UnlicensedUser, Severity::Critical, "lone@contoso.com")]);
        assert!(r.findings[0].on_premises.is_none());
    }

    #[test]
    fn a_guid_mismatch_found_by_address_is_reported_with_the_cloud_guid() {
        let r = analyse(&inv(
            vec![remote("m", "RemoteUserMailbox", "ProvisionMailbox", Some(guid(1)))],
            vec![cloud("m", "UserMailbox", true, Some(guid(2)))],
        ));
        assert_eq!(kinds(&r), [(FindingKind::ExchangeGuidMismatch, Severity::Warning, "m@contoso.com")]);
        assert_eq!(
            commands(&r.findings[0])[0].1,
            format!("Set-RemoteMailbox -Identity 'm@contoso.com' -ExchangeGuid '{}'", guid(2))
        );
    }

    #[test]
    fn without_a_cloud_read_only_on_premises_facts_are_judged() {
        let mut i = inv(
            vec![
                remote("adele", "RemoteUserMailbox", "Migrated", Some(guid(1))),
                remote("diego", "RemoteUserMailbox", "ProvisionMailbox", None),
                remote("marketing", "RemoteSharedMailbox", "Migrated, SharedMailbox", None),
            ],
            vec![],
        );
        i.cloud_read = false;
        let r = analyse(&i);
        assert_eq!(kinds(&r), [(FindingKind::NoProvisionMailbox, Severity::Info, "adele@contoso.com")]);
        assert_eq!(r.pairs, 0);
        // With the cloud read but empty, a remote mailbox without a match is a finding.
        i.cloud_read = true;
        let r = analyse(&i);
        assert_eq!(r.findings.iter().filter(|f| f.kind == FindingKind::NoCloudMailbox).count(), 3);
    }

    #[test]
    fn shared_mailboxes_needing_a_licence() {
        let mut big = cloud("big", "SharedMailbox", false, None);
        big.total_item_size = Some(ByteSize(60 * GB));
        let mut edge = cloud("edge", "SharedMailbox", false, None);
        edge.total_item_size = Some(ByteSize(50 * GB));
        let hold = cloud_with("hold", "SharedMailbox", Some(false), None, |o| o.note("LitigationHoldEnabled", true));
        let inplace = cloud_with("inplace", "SharedMailbox", Some(false), None, |o| {
            o.note("InPlaceHolds", PsValue::list([PsValue::from("UniH1")]))
        });
        let archive = cloud_with("arch", "SharedMailbox", Some(false), None, |o| o.note("ArchiveGuid", guid(4)));
        let licensed = cloud_with("lic", "SharedMailbox", Some(true), None, |o| o.note("LitigationHoldEnabled", true));
        let r = analyse(&inv(vec![], vec![big, edge, hold, inplace, archive, licensed]));
        assert_eq!(
            kinds(&r),
            [
                (FindingKind::SharedNeedsLicence, Severity::Warning, "arch@contoso.com"),
                (FindingKind::SharedNeedsLicence, Severity::Warning, "big@contoso.com"),
                (FindingKind::SharedNeedsLicence, Severity::Warning, "hold@contoso.com"),
                (FindingKind::SharedNeedsLicence, Severity::Warning, "inplace@contoso.com"),
            ]
        );
        let msg = |id: &str| r.findings.iter().find(|f| f.identity == id).unwrap().message.clone();
        assert!(msg("big@contoso.com").contains("60 GB"), "{}", msg("big@contoso.com"));
        assert!(msg("hold@contoso.com").contains("Litigation Hold"));
        assert!(msg("inplace@contoso.com").contains("In-Place Hold"));
        assert!(msg("arch@contoso.com").contains("archive"));
        assert!(r.findings[1].fix[0].description.contains("Plan 2 (100 GB"));
    }

    #[test]
    fn unlicensed_user_needs_a_known_false_licence_flag() {
        let unknown = cloud_with("unknown", "UserMailbox", None, None, |o| o);
        let r = analyse(&inv(
            vec![remote("grady", "RemoteUserMailbox", "ProvisionMailbox", None)],
            vec![cloud("grady", "UserMailbox", false, None), unknown],
        ));
        assert_eq!(
            kinds(&r),
            [
                (FindingKind::UnlicensedUser, Severity::Critical, "grady@contoso.com"),
                (FindingKind::UnlicensedUser, Severity::Warning, "unknown@contoso.com"),
            ]
        );
        let f = &r.findings[0];
        assert_eq!(f.on_premises.as_ref().unwrap().recipient_type_details, RecipientTypeDetails::RemoteUserMailbox);
        assert_eq!(commands(f)[1], (Place::Mbxctl, "mbxctl convert grady@contoso.com --to shared"));
        // An unknown licence state is a warning that says so, not silence and not a false alarm.
        let u = &r.findings[1];
        assert!(u.message.starts_with("licence state unknown: SKUAssigned could not be read"), "{}", u.message);
        assert_eq!(u.online.as_ref().unwrap().sku_assigned, None);
        assert_eq!(commands(u), [(Place::Microsoft365, "Get-MgUserLicenseDetail -UserId 'unknown@contoso.com'")]);
    }

    #[test]
    fn on_premises_shared_with_an_enabled_account() {
        let m = |alias: &str, disabled: bool| {
            Mailbox::from_ps(&PsValue::from(
                PsObject::default()
                    .note("Identity", alias)
                    .note("PrimarySmtpAddress", format!("{alias}@contoso.com"))
                    .note("SamAccountName", alias)
                    .note("RecipientTypeDetails", "SharedMailbox")
                    .note("AccountDisabled", disabled),
            ))
            .unwrap()
        };
        let mut i = inv(vec![], vec![]);
        i.on_prem_shared = vec![m("finance", false), m("sales", true)];
        let r = analyse(&i);
        assert_eq!(kinds(&r), [(FindingKind::SharedAccountEnabled, Severity::Warning, "finance@contoso.com")]);
        assert_eq!(commands(&r.findings[0]), [(Place::ActiveDirectory, "Disable-ADAccount -Identity 'finance'")]);
    }

    #[test]
    fn bulk_reads_validate_against_the_catalogue() {
        let texts: Vec<(Side, String)> = collect_commands(true)
            .iter()
            .map(|(side, inv)| {
                let v = crate::cmdlet::validate::validate(inv, &Target { side: *side, ..Target::default() });
                assert!(v.is_ok(), "{}: {:?}", inv.cmdlet, v.diagnostics);
                (*side, display_text(&v.invocation))
            })
            .collect();
        assert_eq!(
            texts,
            [
                (Side::OnPremises, "Get-ExchangeServer".to_string()),
                (Side::OnPremises, "Get-RemoteMailbox -ResultSize 'Unlimited'".to_string()),
                (Side::OnPremises, "Get-Mailbox -RecipientTypeDetails @('SharedMailbox') -ResultSize 'Unlimited'".to_string()),
                (
                    Side::Online,
                    "Get-EXOMailbox -ResultSize 'Unlimited' -Properties 'ExchangeGuid','SKUAssigned','LitigationHoldEnabled','InPlaceHolds','ArchiveStatus','ArchiveGuid'".to_string()
                ),
            ]
        );
        assert_eq!(collect_commands(false).len(), 3);
    }

    #[test]
    fn attribute_values_follow_the_reference_tables() {
        for (from, to) in [(0, 100), (4, 100), (6, 102), (20, 116), (1, 97), (3, 99), (5, 101)] {
            assert_eq!(shared_attribute_value(RemoteRecipientType(from)), to, "{from}");
        }
    }

    #[test]
    fn findings_sort_by_severity_kind_identity_and_serialise_with_exchange_names() {
        let r = analyse(&inv(
            vec![
                remote("z", "RemoteUserMailbox", "ProvisionMailbox", None),
                remote("a", "RemoteUserMailbox", "Migrated", None),
                remote("q", "RemoteUserMailbox", "ProvisionMailbox", None),
            ],
            vec![
                cloud("z", "SharedMailbox", false, None),
                cloud("a", "UserMailbox", true, None),
                cloud("q", "UserMailbox", false, None),
            ],
        ));
        assert_eq!(
            kinds(&r),
            [
                (FindingKind::WillRevert, Severity::Critical, "z@contoso.com"),
                (FindingKind::UnlicensedUser, Severity::Critical, "q@contoso.com"),
                (FindingKind::NoProvisionMailbox, Severity::Info, "a@contoso.com"),
            ]
        );
        let v = serde_json::to_value(&r.findings[0]).unwrap();
        assert_eq!(v["kind"], "will-revert");
        assert_eq!(v["severity"], "critical");
        assert_eq!(v["on_premises"]["RecipientTypeDetails"], "RemoteUserMailbox");
        assert_eq!(v["on_premises"]["RemoteRecipientType"], "ProvisionMailbox");
        assert_eq!(v["online"]["SKUAssigned"], false);
        assert_eq!(v["online"]["ArchiveStatus"], "None");
        assert_eq!(v["fix"][0]["where"], "microsoft-365");
        assert_eq!(v["fix"][1]["where"], "on-premises");
        assert_eq!(v["safe_fix"]["side"], "onpremises");
        assert_eq!(v["safe_fix"]["expect"], "RemoteSharedMailbox");
    }

    fn block_on<F: std::future::Future>(f: F) -> F::Output {
        tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap().block_on(f)
    }

    #[test]
    fn fixes_against_the_lab_are_journaled_verified_and_roll_back_as_conversions() {
        use crate::workflow::batch::journal::{RunHeader, TargetKind, read_journal};
        use crate::workflow::batch::runs::{RollbackAction, plan_rollback};
        let t = tempfile::tempdir().unwrap();
        let dir = t.path().join("lab");
        crate::lab::init(&dir, crate::lab::InitOptions::default()).unwrap();
        let mut online = crate::lab::open(&dir, Side::Online).unwrap();
        let mut onprem = crate::lab::open(&dir, Side::OnPremises).unwrap();
        // A cloud-only conversion of a provisioned remote mailbox: will revert, safe to fix.
        let out = block_on(online.run(&set_type("Set-Mailbox", "grady@contoso.com", "Shared"))).unwrap();
        assert!(out.succeeded(), "{:?}", out.errors);
        let inv = block_on(collect(&mut onprem, Some(&mut online))).unwrap();
        assert!(inv.remote_type_supported);
        assert_eq!(inv.old_servers.len(), 2, "{:?}", inv.old_servers);
        let report = analyse(&inv);
        let safe: Vec<&str> =
            report.findings.iter().filter(|f| f.safe_fix.is_some()).map(|f| f.identity.as_str()).collect();
        assert_eq!(safe, ["grady@contoso.com"]);

        // Dry run: planned, nothing changes, nothing journaled.
        let plan = block_on(apply_fixes(&report, &mut onprem, Some(&mut online), None, true)).unwrap();
        assert_eq!(plan.len(), 1);
        assert_eq!(plan[0].status, FixStatus::Planned);
        let again = analyse(&block_on(collect(&mut onprem, Some(&mut online))).unwrap());
        assert_eq!(again.findings, report.findings);

        let header = RunHeader {
            id: crate::workflow::batch::journal::new_run_id(),
            started: crate::workflow::batch::journal::now_text(),
            command: "audit hybrid --fix".into(),
            target: TargetKind::Lab,
            options: serde_json::Value::Null,
            item_count: 1,
            parent: None,
            version: String::new(),
        };
        let runs = t.path().join("runs");
        let j = Journal::create(&runs, &header).unwrap();
        let done = block_on(apply_fixes(&report, &mut onprem, Some(&mut online), Some(&j), false)).unwrap();
        assert_eq!(done[0].status, FixStatus::Fixed, "{:?}", done[0]);
        assert_eq!(done[0].after, Some(RecipientTypeDetails::RemoteSharedMailbox));
        assert_eq!(unresolved_critical(&report, &done), report.count(Severity::Critical) - 1);
        let state = read_journal(j.dir()).unwrap();
        assert!(state.finished.is_some());
        let item = &state.items[&1];
        assert_eq!(item.identity, "grady@contoso.com");
        assert_eq!(item.state.name(), "verified");
        assert_eq!(item.target.as_deref(), Some("Shared"));
        assert_eq!(item.previous_type.as_deref(), Some("UserMailbox"));
        assert_eq!(item.commands, ["Set-RemoteMailbox -Identity 'grady@contoso.com' -Type 'Shared'"]);
        match plan_rollback(&state).as_slice() {
            [RollbackAction::ConvertBack { identity, recheck: false, .. }] => assert_eq!(identity, "grady@contoso.com"),
            other => panic!("{other:?}"),
        }
        // The fix holds: the next audit no longer finds it.
        let after = analyse(&block_on(collect(&mut onprem, Some(&mut online))).unwrap());
        assert!(!after.findings.iter().any(|f| f.identity == "grady@contoso.com" && f.kind == FindingKind::WillRevert));
    }
}
