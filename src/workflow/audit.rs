//! `audit hybrid`: find the mailboxes directory sync is about to turn back (KB2710029) and the
//! other hybrid states that cost data or money (reference §1.2, §1.3, §2.2, §2.4, §8.2).
//!
//! Reading is separated from judging: [`collect`] reads both sides with a few bulk cmdlets,
//! [`analyse`] is a pure function over the typed results (joined in memory by ExchangeGuid, by
//! primary SMTP address when the GUID is missing), so it can be tested and benchmarked without
//! any shell.

use super::exec::{CommandRecord, Executor, WorkflowError};
use crate::cmdlet::Invocation;
use crate::cmdlet::literal::quote;
use crate::cmdlet::validate::Target;
use crate::exchange::results::{ExchangeServer, Mailbox, MailboxStatistics, RemoteMailbox};
use crate::exchange::{ByteSize, RecipientTypeDetails};
use crate::shell::{Shell, Side};
use serde::Serialize;
use std::collections::HashMap;

/// How bad a finding is. Critical findings make `audit hybrid` exit with code 6.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Data loss or a revert is coming.
    Critical,
    /// Needs an admin's attention.
    Warning,
    /// Worth knowing.
    Info,
}

/// What a finding is about; stable ids for runbooks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum FindingKind {
    /// Cloud shared, on-premises still a remote user mailbox: the next sync reverts it.
    WillRevert,
    /// On-premises remote shared, cloud still a user mailbox: not yet synced, or failed.
    NotSynced,
    /// A cloud shared mailbox that needs a licence (over 50 GB, hold, archive) and has none.
    SharedNeedsLicence,
    /// A cloud user mailbox without a licence: disconnected after 30 days.
    UnlicensedUser,
    /// A remote mailbox without ProvisionMailbox: needs the attribute fix before any in-place conversion.
    NoProvisionMailbox,
    /// An on-premises shared mailbox whose account is enabled (a password that still works).
    SharedAccountEnabled,
    /// A remote mailbox with no cloud mailbox found.
    NoCloudMailbox,
}

/// One side's values, as evidence.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct SideEvidence {
    /// RecipientTypeDetails.
    pub recipient_type_details: RecipientTypeDetails,
    /// RemoteRecipientType (on-premises remote mailboxes).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub remote_recipient_type: Option<String>,
    /// Licence assigned (cloud).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sku_assigned: Option<bool>,
    /// TotalItemSize in bytes, when read.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub total_item_size: Option<ByteSize>,
    /// LitigationHoldEnabled.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub litigation_hold_enabled: Option<bool>,
    /// Whether an archive exists.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub archive: Option<bool>,
    /// AccountDisabled (on-premises mailboxes).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub account_disabled: Option<bool>,
}

/// A safe fix mbxctl can apply itself.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SafeFix {
    /// Where it runs.
    pub side: Side,
    /// The command.
    #[serde(skip)]
    pub invocation: Invocation,
    /// Its text.
    pub text: String,
}

/// One finding.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Finding {
    /// What.
    pub kind: FindingKind,
    /// How bad.
    pub severity: Severity,
    /// The mailbox (primary SMTP address).
    pub identity: String,
    /// Why, in a sentence.
    pub message: String,
    /// On-premises values.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub on_premises: Option<SideEvidence>,
    /// Exchange Online values.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub online: Option<SideEvidence>,
    /// The fix, as commands to run in order (placeholders in <angle brackets>).
    pub fix: Vec<String>,
    /// The part of the fix mbxctl applies with `--fix`, when it is safe.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub safe_fix: Option<SafeFix>,
}

/// What both sides hold, read once.
#[derive(Debug, Clone, Default)]
pub struct Inventory {
    /// On-premises remote mailboxes.
    pub remote: Vec<RemoteMailbox>,
    /// On-premises shared mailboxes.
    pub on_prem_shared: Vec<Mailbox>,
    /// Exchange Online mailboxes.
    pub cloud: Vec<Mailbox>,
    /// Sizes of cloud mailboxes, by ExchangeGuid or primary SMTP address (lower case).
    pub cloud_sizes: HashMap<String, ByteSize>,
    /// Whether the on-premises servers support `Set-RemoteMailbox -Type`.
    pub remote_type_supported: bool,
}

/// The audit's result.
#[derive(Debug, Clone, Serialize)]
pub struct AuditReport {
    /// Remote mailboxes paired with a cloud mailbox.
    pub pairs: usize,
    /// Findings, most severe first.
    pub findings: Vec<Finding>,
    /// Fixes applied (or planned with --dry-run).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub fixes: Vec<CommandRecord>,
}

impl AuditReport {
    /// Whether any finding is critical.
    pub fn has_critical(&self) -> bool {
        self.findings.iter().any(|f| f.severity == Severity::Critical)
    }
}

fn key_guid(g: Option<uuid::Uuid>) -> Option<String> {
    g.filter(|g| !g.is_nil()).map(|g| g.to_string())
}

fn has_archive(m: &Mailbox) -> bool {
    m.archive_guid.is_some_and(|g| !g.is_nil())
        || m.archive_status.as_deref().is_some_and(|s| s.eq_ignore_ascii_case("Active"))
}

fn cloud_evidence(m: &Mailbox, size: Option<ByteSize>) -> SideEvidence {
    SideEvidence {
        recipient_type_details: m.recipient_type_details,
        remote_recipient_type: None,
        sku_assigned: m.sku_assigned,
        total_item_size: size,
        litigation_hold_enabled: Some(m.litigation_hold_enabled),
        archive: Some(has_archive(m)),
        account_disabled: None,
    }
}

fn remote_evidence(r: &RemoteMailbox) -> SideEvidence {
    SideEvidence {
        recipient_type_details: r.recipient_type_details,
        remote_recipient_type: Some(r.remote_recipient_type.to_string()),
        sku_assigned: None,
        total_item_size: None,
        litigation_hold_enabled: None,
        archive: None,
        account_disabled: None,
    }
}

fn attribute_fix(id: &str) -> String {
    format!(
        "Set-ADUser -Identity (Get-Recipient -Identity {}).SamAccountName -Replace @{{msExchRemoteRecipientType=100;msExchRecipientTypeDetails=34359738368}}",
        quote(id)
    )
}

fn invocation_text(inv: &Invocation) -> String {
    super::exec::display_text(inv)
}

/// Judges an inventory. Pure: no I/O.
pub fn analyse(inv: &Inventory) -> AuditReport {
    let mut by_guid: HashMap<&str, &Mailbox> = HashMap::with_capacity(inv.cloud.len());
    let mut by_smtp: HashMap<String, &Mailbox> = HashMap::with_capacity(inv.cloud.len());
    let guids: Vec<Option<String>> = inv.cloud.iter().map(|m| key_guid(m.exchange_guid)).collect();
    for (m, g) in inv.cloud.iter().zip(&guids) {
        if let Some(g) = g {
            by_guid.insert(g.as_str(), m);
        }
        by_smtp.insert(m.primary_smtp_address.to_ascii_lowercase(), m);
    }
    let size_of = |m: &Mailbox| -> Option<ByteSize> {
        key_guid(m.exchange_guid)
            .and_then(|g| inv.cloud_sizes.get(&g).copied())
            .or_else(|| inv.cloud_sizes.get(&m.primary_smtp_address.to_ascii_lowercase()).copied())
    };
    let mut findings = Vec::new();
    let mut pairs = 0;
    let mut paired: std::collections::HashSet<*const Mailbox> = std::collections::HashSet::new();
    for r in &inv.remote {
        let smtp = r.primary_smtp_address.to_ascii_lowercase();
        let cloud = key_guid(r.exchange_guid)
            .and_then(|g| by_guid.get(g.as_str()).copied())
            .or_else(|| by_smtp.get(&smtp).copied());
        let id = if r.primary_smtp_address.is_empty() { r.identity.clone() } else { r.primary_smtp_address.clone() };
        let on_prem_shared = r.recipient_type_details == RecipientTypeDetails::RemoteSharedMailbox
            || r.remote_recipient_type.is_shared();
        let provision = r.remote_recipient_type.has_provision_mailbox();
        let Some(c) = cloud else {
            findings.push(Finding {
                kind: FindingKind::NoCloudMailbox,
                severity: Severity::Warning,
                identity: id.clone(),
                message: "remote mailbox on-premises with no matching Exchange Online mailbox (by ExchangeGuid or address)".into(),
                on_premises: Some(remote_evidence(r)),
                online: None,
                fix: vec![format!("Get-EXOMailbox -Identity {} (in Exchange Online) to check; then stamp the ExchangeGuid: Set-RemoteMailbox -Identity {} -ExchangeGuid <GUID>", quote(&id), quote(&id))],
                safe_fix: None,
            });
            continue;
        };
        pairs += 1;
        paired.insert(c as *const Mailbox);
        let size = size_of(c);
        let cloud_shared = c.recipient_type_details == RecipientTypeDetails::SharedMailbox;
        let licensed = c.sku_assigned == Some(true);
        if cloud_shared && !on_prem_shared {
            let safe = provision && inv.remote_type_supported;
            let set_remote =
                Invocation::new("Set-RemoteMailbox").param("Identity", id.as_str()).param("Type", "Shared");
            let mut fix = Vec::new();
            if safe {
                fix.push(invocation_text(&set_remote));
            } else {
                fix.push(attribute_fix(&id));
            }
            fix.push(
                "Start-ADSyncSyncCycle -PolicyType Delta   (on the Entra Connect server), then: mbxctl audit hybrid"
                    .into(),
            );
            findings.push(Finding {
                kind: FindingKind::WillRevert,
                severity: if licensed { Severity::Warning } else { Severity::Critical },
                identity: id.clone(),
                message: format!(
                    "shared in Exchange Online but {} on-premises: the next directory sync turns it back into a user mailbox{} (KB2710029)",
                    r.recipient_type_details,
                    if licensed { "" } else { ", and unlicensed it is disconnected after 30 days" }
                ),
                on_premises: Some(remote_evidence(r)),
                online: Some(cloud_evidence(c, size)),
                fix,
                safe_fix: safe.then(|| SafeFix { side: Side::OnPremises, text: invocation_text(&set_remote), invocation: set_remote }),
            });
        } else if on_prem_shared && !cloud_shared && c.recipient_type_details == RecipientTypeDetails::UserMailbox {
            let set = Invocation::new("Set-Mailbox").param("Identity", id.as_str()).param("Type", "Shared");
            findings.push(Finding {
                kind: FindingKind::NotSynced,
                severity: Severity::Warning,
                identity: id.clone(),
                message: "remote shared mailbox on-premises, but still a user mailbox in Exchange Online: the conversion has not synced or failed".into(),
                on_premises: Some(remote_evidence(r)),
                online: Some(cloud_evidence(c, size)),
                fix: vec![format!("{}   (in Exchange Online)", invocation_text(&set))],
                safe_fix: Some(SafeFix { side: Side::Online, text: invocation_text(&set), invocation: set }),
            });
        }
        if !provision && !on_prem_shared {
            findings.push(Finding {
                kind: FindingKind::NoProvisionMailbox,
                severity: Severity::Info,
                identity: id.clone(),
                message: format!(
                    "RemoteRecipientType '{}' lacks ProvisionMailbox: Set-RemoteMailbox -Type cannot convert it in place; converting needs the KB2710029 attribute fix or a move back",
                    r.remote_recipient_type
                ),
                on_premises: Some(remote_evidence(r)),
                online: Some(cloud_evidence(c, size)),
                fix: vec![attribute_fix(&id)],
                safe_fix: None,
            });
        }
    }
    for c in &inv.cloud {
        let size = size_of(c);
        let licensed = c.sku_assigned == Some(true);
        let id = c.primary_smtp_address.clone();
        if c.recipient_type_details == RecipientTypeDetails::SharedMailbox && !licensed {
            let over = size.is_some_and(|s| s > super::convert::UNLICENSED_SHARED_LIMIT);
            let holds = c.litigation_hold_enabled || !c.in_place_holds.is_empty();
            if over || holds || has_archive(c) {
                let mut why = Vec::new();
                if over {
                    why.push(format!("{} is over 50 GB", size.unwrap_or_default()));
                }
                if holds {
                    why.push("it is on hold".to_string());
                }
                if has_archive(c) {
                    why.push("it has an archive".to_string());
                }
                findings.push(Finding {
                    kind: FindingKind::SharedNeedsLicence,
                    severity: Severity::Warning,
                    identity: id.clone(),
                    message: format!("unlicensed shared mailbox that needs a licence: {}", why.join(", ")),
                    on_premises: None,
                    online: Some(cloud_evidence(c, size)),
                    fix: vec!["Assign an Exchange Online Plan 2 (or Plan 1 + Exchange Online Archiving) licence in the Microsoft 365 admin center".into()],
                    safe_fix: None,
                });
            }
        }
        if c.recipient_type_details == RecipientTypeDetails::UserMailbox && c.sku_assigned == Some(false) {
            findings.push(Finding {
                kind: FindingKind::UnlicensedUser,
                severity: Severity::Critical,
                identity: id.clone(),
                message: "user mailbox without a licence: Exchange Online disconnects it after 30 days".into(),
                on_premises: None,
                online: Some(cloud_evidence(c, size)),
                fix: vec![
                    "Assign a licence, or convert it to shared the supported way: mbxctl convert <id> --to shared"
                        .into(),
                ],
                safe_fix: None,
            });
        }
    }
    for m in &inv.on_prem_shared {
        if m.account_disabled == Some(false) {
            let sam = m.sam_account_name.clone().unwrap_or_else(|| m.alias.clone());
            findings.push(Finding {
                kind: FindingKind::SharedAccountEnabled,
                severity: Severity::Warning,
                identity: m.primary_smtp_address.clone(),
                message: "shared mailbox whose AD account is enabled: its password still works".into(),
                on_premises: Some(SideEvidence {
                    recipient_type_details: m.recipient_type_details,
                    remote_recipient_type: None,
                    sku_assigned: None,
                    total_item_size: None,
                    litigation_hold_enabled: Some(m.litigation_hold_enabled),
                    archive: Some(has_archive(m)),
                    account_disabled: Some(false),
                }),
                online: None,
                fix: vec![format!("Disable-ADAccount -Identity {}   (ActiveDirectory module)", quote(&sam))],
                safe_fix: None,
            });
        }
    }
    findings.sort_by(|a, b| a.severity.cmp(&b.severity).then_with(|| a.identity.cmp(&b.identity)));
    AuditReport { pairs, findings, fixes: Vec::new() }
}

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

/// Reads both sides with bulk cmdlets, selecting only what the audit needs.
pub async fn collect(
    on_prem: &mut (dyn Shell + 'static),
    cloud: Option<&mut (dyn Shell + 'static)>,
) -> Result<Inventory, WorkflowError> {
    let mut exec = Executor::new(on_prem, Target::default());
    let mut inv = Inventory {
        remote: read_all(
            &mut exec,
            Invocation::new("Get-RemoteMailbox").param("ResultSize", "Unlimited"),
            RemoteMailbox::from_ps,
        )
        .await?,
        on_prem_shared: read_all(
            &mut exec,
            Invocation::new("Get-Mailbox")
                .param("RecipientTypeDetails", crate::cmdlet::Value::List(vec!["SharedMailbox".into()]))
                .param("ResultSize", "Unlimited"),
            Mailbox::from_ps,
        )
        .await?,
        ..Inventory::default()
    };
    let servers = read_all(&mut exec, Invocation::new("Get-ExchangeServer"), ExchangeServer::from_ps).await?;
    inv.remote_type_supported = servers.iter().any(|s| {
        s.admin_display_version.parse::<crate::cmdlet::ExchangeVersion>().is_ok_and(|v| v.supports_remote_shared())
    });
    if let Some(cloud) = cloud {
        let mut cx = Executor::new(cloud, Target { side: Side::Online, ..Target::default() });
        inv.cloud = read_all(
            &mut cx,
            Invocation::new("Get-EXOMailbox").param("ResultSize", "Unlimited").param(
                "Properties",
                crate::cmdlet::Value::List(
                    [
                        "ExchangeGuid",
                        "RecipientTypeDetails",
                        "LitigationHoldEnabled",
                        "InPlaceHolds",
                        "ArchiveStatus",
                        "ArchiveGuid",
                        "SKUAssigned",
                    ]
                    .map(String::from)
                    .to_vec(),
                ),
            ),
            Mailbox::from_ps,
        )
        .await?;
        // Sizes only where a licence decision depends on them: unlicensed shared mailboxes.
        let wanted: Vec<String> = inv
            .cloud
            .iter()
            .filter(|m| m.recipient_type_details == RecipientTypeDetails::SharedMailbox && m.sku_assigned != Some(true))
            .map(|m| m.primary_smtp_address.clone())
            .collect();
        for id in wanted {
            let stats = read_all(
                &mut cx,
                Invocation::new("Get-MailboxStatistics").param("Identity", id.as_str()),
                MailboxStatistics::from_ps,
            )
            .await?;
            if let Some(s) = stats.first() {
                inv.cloud_sizes.insert(id.to_ascii_lowercase(), s.total_item_size);
            }
        }
    }
    Ok(inv)
}
