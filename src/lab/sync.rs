//! Directory synchronisation, one way, on-premises wins (docs/exchange-notes.md §2.4, KB2710029): each remote
//! mailbox's type is pushed to its Exchange Online mailbox.

use super::LabError;
use super::clock;
use super::model::{CloudMailbox, OnPremRecipient, immutable_id};
use super::store::{OrgConfig, Store};
use crate::exchange::RecipientTypeDetails as R;
use serde::Serialize;
use std::collections::HashMap;

/// What one sync cycle did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Default)]
#[serde(rename_all = "PascalCase")]
pub struct SyncReport {
    /// Exchange Online mailboxes whose type sync changed.
    pub changes: Vec<SyncChange>,
    /// Exchange Online mailboxes created for remote mailboxes provisioned on-premises.
    pub provisioned: Vec<String>,
    /// Synced mailboxes left as they were.
    pub unchanged: usize,
}

/// One type change pushed from on-premises.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct SyncChange {
    /// The Exchange Online identity.
    pub identity: String,
    /// The on-premises identity it is synced from.
    pub on_premises_identity: String,
    /// Exchange Online type before.
    pub from: String,
    /// Exchange Online type after.
    pub to: String,
    /// Whether a licence is assigned.
    pub licensed: bool,
    /// Whether this started the 30-day unlicensed grace period (after it the mailbox is disconnected).
    pub grace_period_started: bool,
    /// What happened, for people.
    pub message: String,
}

impl SyncReport {
    /// Whether the cycle changed nothing.
    pub fn is_empty(&self) -> bool {
        self.changes.is_empty() && self.provisioned.is_empty()
    }
}

impl std::fmt::Display for SyncReport {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        writeln!(f, "LAB directory sync (one-way, on-premises wins):")?;
        for c in &self.changes {
            writeln!(f, "  {}", c.message)?;
        }
        for p in &self.provisioned {
            writeln!(f, "  provisioned Exchange Online mailbox '{p}'")?;
        }
        write!(
            f,
            "  {} changed, {} provisioned, {} unchanged",
            self.changes.len(),
            self.provisioned.len(),
            self.unchanged
        )
    }
}

/// The Exchange Online type an on-premises remote mailbox type syncs to.
fn cloud_type(t: R) -> Option<&'static str> {
    Some(match t {
        R::RemoteUserMailbox => "UserMailbox",
        R::RemoteSharedMailbox => "SharedMailbox",
        R::RemoteRoomMailbox => "RoomMailbox",
        R::RemoteEquipmentMailbox => "EquipmentMailbox",
        R::RemoteTeamMailbox => "TeamMailbox",
        _ => return None,
    })
}

const GRACE_DAYS: i64 = 30;

/// Runs one sync cycle in one transaction.
pub(crate) fn run(store: &mut Store) -> Result<SyncReport, LabError> {
    let now = clock::now();
    store.write(|tx| {
        let org: OrgConfig = tx.org()?;
        let remote_types: Vec<String> =
            ["RemoteUserMailbox", "RemoteSharedMailbox", "RemoteRoomMailbox", "RemoteEquipmentMailbox", "RemoteTeamMailbox"]
                .iter()
                .map(|s| s.to_string())
                .collect();
        let remotes: Vec<(i64, OnPremRecipient)> = tx.list(Some(&remote_types), None)?;
        let by_anchor: HashMap<String, &OnPremRecipient> =
            remotes.iter().filter_map(|(_, r)| r.guid.map(|g| (immutable_id(g), r))).collect();
        let cloud: Vec<(i64, CloudMailbox)> = tx.list(None, None)?;
        let mut report = SyncReport::default();
        let mut synced = std::collections::HashSet::new();
        for (id, m) in &cloud {
            let Some(anchor) = &m.immutable_id else { continue };
            let Some(onprem) = by_anchor.get(anchor) else { continue };
            synced.insert(anchor.clone());
            let Some(target) = cloud_type(onprem.recipient_type_details) else { continue };
            if m.recipient_type_details == target {
                report.unchanged += 1;
                continue;
            }
            let mut after = m.clone();
            after.recipient_type_details = target.to_string();
            let mut started = false;
            let mut message = format!(
                "'{}': {} -> {} because the on-premises object '{}' is {} (on-premises wins; KB2710029)",
                m.name,
                m.recipient_type_details,
                target,
                onprem.identity(),
                onprem.recipient_type_details
            );
            if target == "UserMailbox" && !m.sku_assigned {
                if after.grace_period_started.is_none() {
                    after.grace_period_started = Some(clock::iso(now));
                    started = true;
                }
                let since = after.grace_period_started.as_deref().and_then(clock::parse_iso).unwrap_or(now);
                message.push_str(&format!(
                    "; it has no licence: the 30-day grace period {} and ends {}, after which the mailbox is disconnected",
                    if started { "starts now" } else { "is running" },
                    clock::iso(since + GRACE_DAYS * 86_400)
                ));
            } else if target != "UserMailbox" {
                after.grace_period_started = None;
            }
            tx.update(*id, &after, &org.organization)?;
            report.changes.push(SyncChange {
                identity: m.identity(),
                on_premises_identity: onprem.identity(),
                from: m.recipient_type_details.clone(),
                to: target.to_string(),
                licensed: m.sku_assigned,
                grace_period_started: started,
                message,
            });
        }
        for (_, r) in &remotes {
            let Some(anchor) = r.guid.map(immutable_id) else { continue };
            let Some(target) = cloud_type(r.recipient_type_details) else { continue };
            if synced.contains(&anchor) || !r.remote_recipient_type.has_provision_mailbox() {
                continue;
            }
            let mut m = CloudMailbox::new(r.name.clone(), target);
            m.immutable_id = Some(anchor);
            m.last_logon_time = None;
            m.normalise(&org.organization, Some(r));
            if tx.lookup(super::store::ONLINE, &m.name)?.is_empty() {
                tx.insert(&m, &org.organization)?;
                report.provisioned.push(m.identity());
            }
        }
        Ok(report)
    })
}
