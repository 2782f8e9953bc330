//! Undoing a run: convert back the mailboxes it converted, then remove exactly the permissions
//! it granted. Every command goes through the [`Executor`] (validated against the catalogue),
//! and the rollback is itself a journaled run, so it can be inspected, resumed and exported.
//!
//! An item is undone whole or not at all, as far as mbxctl can know beforehand: an item that
//! cannot be fully undone (no password to convert it back to a regular mailbox, a journal that
//! does not say enough) is refused before its first command. The conversion back goes first
//! because its pre-flight is what can refuse; permissions are removed only once it succeeded,
//! so a refused item never ends as a shared mailbox nobody can open (docs/batches.md).

use super::journal::{Event, FailureKind, GrantKind, Journal};
use super::pool::{Failure, ItemOutcome, WorkItem};
use super::runs::RollbackAction;
use super::worker::{JournalObserver, Session, blocked_reason, outcome_of};
use crate::cmdlet::validate::Target as CatalogueTarget;
use crate::cmdlet::{Invocation, Value};
use crate::exchange::RecipientTypeDetails;
use crate::exchange::classify::ErrorKind;
use crate::psobject::PsValue;
use crate::secret::Secret;
use crate::shell::{Shell, Side};
use crate::workflow::convert::TargetType;
use crate::workflow::convert::{ConvertOptions, ConvertReport, ConvertStatus, convert_observed};
use crate::workflow::exec::{CommandRecord, CommandStatus, Executor, WorkflowError, display_text};
use serde::Serialize;
use std::collections::{BTreeMap, HashMap, HashSet};
use std::sync::{Arc, Mutex};

/// Settings of a rollback.
#[derive(Debug, Clone, Default)]
pub struct RollbackJob {
    /// Only show what would be undone.
    pub dry_run: bool,
    /// The password for mailboxes converted back to Regular (one for all; never journaled).
    pub password: Option<Secret>,
}

/// How undoing one item ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum RollbackStatus {
    /// Everything the run did to this mailbox is undone.
    Undone,
    /// Dry run: the commands that would run.
    Planned,
    /// Refused before any of its commands ran (a password is missing, pre-flight blocked).
    Blocked,
    /// An earlier rollback of the chain already undid it.
    NothingToDo,
    /// A command failed.
    Failed,
    /// The journal does not say enough to undo it automatically.
    Manual,
}

/// What undoing one item did.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RollbackItemReport {
    /// The item key (data row of the original batch).
    pub row: usize,
    /// The mailbox.
    pub identity: String,
    /// Outcome.
    pub status: RollbackStatus,
    /// Every command of the undo in the order it runs (dry run) or ran: the conversion's
    /// commands, then the permission removals.
    pub plan: Vec<String>,
    /// Permission removals, planned or run.
    pub commands: Vec<CommandRecord>,
    /// The conversion back, when there was one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub convert: Option<ConvertReport>,
    /// Why it did not finish.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub error: Option<String>,
}

/// Groups a rollback plan by item, keeping the plan's order (grants before the conversion back).
pub fn group_actions(actions: Vec<RollbackAction>) -> Vec<WorkItem<Vec<RollbackAction>>> {
    let mut by_item: BTreeMap<usize, (String, Vec<RollbackAction>)> = BTreeMap::new();
    for a in actions {
        let (item, identity) = match &a {
            RollbackAction::RemoveGrant { item, identity, .. }
            | RollbackAction::ConvertBack { item, identity, .. }
            | RollbackAction::Manual { item, identity, .. }
            | RollbackAction::AlreadyUndone { item, identity, .. } => (*item, identity.clone()),
        };
        by_item.entry(item).or_insert_with(|| (identity, Vec::new())).1.push(a);
    }
    by_item.into_iter().map(|(k, (identity, steps))| WorkItem::new(k, identity, steps)).collect()
}

/// The command that removes one grant, as convert made it on `side` (docs/exchange-notes.md §7).
pub fn removal(grant: GrantKind, mailbox: &str, trustee: &str, side: Side) -> Invocation {
    match (grant, side) {
        (GrantKind::FullAccess, _) => Invocation::new("Remove-MailboxPermission")
            .param("Identity", mailbox)
            .param("User", trustee)
            .param("AccessRights", Value::List(vec!["FullAccess".into()]))
            .param("InheritanceType", "All")
            .param("Confirm", Value::Switch(false)),
        (GrantKind::SendAs, Side::OnPremises) => Invocation::new("Remove-ADPermission")
            .param("Identity", mailbox)
            .param("User", trustee)
            .param("AccessRights", Value::List(vec!["ExtendedRight".into()]))
            .param("ExtendedRights", Value::List(vec!["Send As".into()]))
            .param("Confirm", Value::Switch(false)),
        (GrantKind::SendAs, Side::Online) => Invocation::new("Remove-RecipientPermission")
            .param("Identity", mailbox)
            .param("Trustee", trustee)
            .param("AccessRights", Value::List(vec!["SendAs".into()]))
            .param("Confirm", Value::Switch(false)),
        (GrantKind::SendOnBehalf, _) => Invocation::new("Set-Mailbox")
            .param("Identity", mailbox)
            .param("GrantSendOnBehalfTo", Value::AddRemove { add: vec![], remove: vec![trustee.to_string()] }),
    }
}

/// Undoes items of a run; shared by every session of the pool.
pub struct RollbackWorker<'j> {
    journal: &'j Journal,
    job: RollbackJob,
    started: Mutex<HashSet<usize>>,
    reports: Arc<Mutex<HashMap<usize, RollbackItemReport>>>,
}

enum Step {
    Continue,
    Stop(ItemOutcome),
}

fn shell_outcome(e: WorkflowError, started: bool) -> Step {
    if e.is_transient() {
        Step::Stop(ItemOutcome::SessionBroken { applied_maybe: started })
    } else {
        Step::Stop(ItemOutcome::Failed(Failure { reason: e.to_string(), kind: FailureKind::Other }))
    }
}

impl<'j> RollbackWorker<'j> {
    /// A worker journaling into the rollback run's `journal`.
    pub fn new(journal: &'j Journal, job: RollbackJob) -> Self {
        RollbackWorker { journal, job, started: Mutex::new(HashSet::new()), reports: Arc::default() }
    }

    /// The latest report of each item, by key.
    pub fn reports(&self) -> Arc<Mutex<HashMap<usize, RollbackItemReport>>> {
        Arc::clone(&self.reports)
    }

    /// One attempt at undoing one item. Removing a permission that is already gone only warns,
    /// and convert's pre-flight re-reads the mailbox, so a retried attempt is harmless.
    pub async fn run(&self, session: &mut Session, item: WorkItem<Vec<RollbackAction>>) -> ItemOutcome {
        let mut report = RollbackItemReport {
            row: item.key,
            identity: item.identity.clone(),
            status: if self.job.dry_run { RollbackStatus::Planned } else { RollbackStatus::Undone },
            plan: Vec::new(),
            commands: Vec::new(),
            convert: None,
            error: None,
        };
        let outcome = self.undo(session, &item, &mut report).await;
        match &outcome {
            ItemOutcome::Failed(f)
                if !matches!(
                    report.status,
                    RollbackStatus::Blocked | RollbackStatus::Manual | RollbackStatus::NothingToDo
                ) =>
            {
                report.status = RollbackStatus::Failed;
                report.error = Some(f.reason.clone());
            }
            ItemOutcome::Failed(f) => report.error = Some(f.reason.clone()),
            _ => {}
        }
        self.reports.lock().unwrap_or_else(|p| p.into_inner()).insert(item.key, report);
        outcome
    }

    async fn undo(
        &self,
        session: &mut Session,
        item: &WorkItem<Vec<RollbackAction>>,
        report: &mut RollbackItemReport,
    ) -> ItemOutcome {
        if let Some(by) = item.data.iter().find_map(|a| match a {
            RollbackAction::AlreadyUndone { by, .. } => Some(by.as_str()),
            _ => None,
        }) {
            report.status = RollbackStatus::NothingToDo;
            return ItemOutcome::Done(Event::Skipped {
                reason: format!("nothing to do: already undone by rollback {by}"),
            });
        }
        let manual: Vec<&str> = item
            .data
            .iter()
            .filter_map(|a| if let RollbackAction::Manual { reason, .. } = a { Some(reason.as_str()) } else { None })
            .collect();
        if !manual.is_empty() {
            // Undoing only the permissions would leave the mailbox half restored: refuse it whole.
            report.status = RollbackStatus::Manual;
            return ItemOutcome::Failed(Failure {
                reason: format!("not undone, nothing was sent: undo by hand: {}", manual.join("; ")),
                kind: FailureKind::Refused,
            });
        }
        let back = item.data.iter().find_map(|a| match a {
            RollbackAction::ConvertBack { to, .. } => Some(*to),
            _ => None,
        });
        if back == Some(TargetType::Regular) && self.job.password.is_none() && !self.job.dry_run {
            report.status = RollbackStatus::Blocked;
            return ItemOutcome::Failed(Failure {
                reason: "not undone, nothing was sent: converting back to a regular mailbox needs a password \
                         (--password-stdin); its permissions are left as they are until it can be converted back"
                    .into(),
                kind: FailureKind::Refused,
            });
        }
        let grants: Vec<(GrantKind, &str)> = item
            .data
            .iter()
            .filter_map(|a| match a {
                RollbackAction::RemoveGrant { grant, trustee, .. } => Some((*grant, trustee.as_str())),
                _ => None,
            })
            .collect();
        if let Some(to) = back
            && let Step::Stop(o) = self.convert_back(session, item, to, report).await
        {
            return o;
        }
        if !grants.is_empty()
            && let Step::Stop(o) = self.remove_grants(session, item, &grants, report).await
        {
            return o;
        }
        if self.job.dry_run {
            return ItemOutcome::Done(Event::Skipped { reason: "dry run: nothing changed".into() });
        }
        ItemOutcome::Done(Event::Verified { detail: serde_json::json!({"status": "undone", "commands": report.plan}) })
    }

    async fn remove_grants(
        &self,
        session: &mut Session,
        item: &WorkItem<Vec<RollbackAction>>,
        grants: &[(GrantKind, &str)],
        report: &mut RollbackItemReport,
    ) -> Step {
        // Where the grants live: convert makes them in Exchange Online for a remote mailbox.
        let primary_side = session.primary.describe().side;
        let (key, remote) = {
            let mut exec =
                Executor::new(session.primary.as_mut(), CatalogueTarget { side: primary_side, ..Default::default() });
            match exec.run(&Invocation::new("Get-Recipient").param("Identity", item.identity.as_str())).await {
                Err(e) => return shell_outcome(e, false),
                Ok((o, _)) if !o.errors.is_empty() => {
                    return Step::Stop(ItemOutcome::Failed(Failure {
                        reason: format!("cannot find '{}': {}", item.identity, o.errors[0].message),
                        kind: FailureKind::NotFound,
                    }));
                }
                Ok((o, _)) => {
                    let obj = o.output.first().and_then(PsValue::as_object);
                    let text = |n: &str| obj.and_then(|x| x.get(n)).and_then(PsValue::display).unwrap_or_default();
                    let kind: Option<RecipientTypeDetails> = text("RecipientTypeDetails").parse().ok();
                    let smtp = text("PrimarySmtpAddress");
                    let key = if smtp.is_empty() { item.identity.clone() } else { smtp };
                    (key, kind.is_some_and(|k| k.is_remote_mailbox()) && primary_side == Side::OnPremises)
                }
            }
        };
        let (shell, side): (&mut (dyn Shell + 'static), Side) = match (remote, session.cloud.as_deref_mut()) {
            (true, Some(cloud)) => (cloud, Side::Online),
            (true, None) => {
                return Step::Stop(ItemOutcome::Failed(Failure {
                    reason:
                        "the permissions were granted in Exchange Online: connect with --cloud-profile to remove them"
                            .into(),
                    kind: FailureKind::Other,
                }));
            }
            (false, _) => (session.primary.as_mut(), primary_side),
        };
        let invocations: Vec<Invocation> = grants.iter().map(|(g, t)| removal(*g, &key, t, side)).collect();
        let mut exec = Executor::new(shell, CatalogueTarget { side, ..Default::default() });
        report.commands.clear();
        if self.job.dry_run {
            for inv in &invocations {
                match exec.plan(inv) {
                    Ok(rec) => {
                        report.plan.push(rec.text.clone());
                        report.commands.push(rec);
                    }
                    Err(e) => return shell_outcome(e, false),
                }
            }
            return Step::Continue;
        }
        if let Err(e) = self.journal.append(item.key, &item.identity, Event::apply_started(&invocations, display_text))
        {
            return Step::Stop(ItemOutcome::Failed(Failure { reason: e.to_string(), kind: FailureKind::Other }));
        }
        for inv in &invocations {
            let rec = match exec.run(inv).await {
                Ok((_, rec)) => rec,
                Err(e) => return shell_outcome(e, true),
            };
            let failed = rec.status == CommandStatus::Failed;
            let throttled = rec.errors.iter().find_map(|e| match e.kind {
                ErrorKind::Throttled { retry_after } => {
                    Some(retry_after.unwrap_or(super::worker::DEFAULT_THROTTLE_WAIT))
                }
                _ => None,
            });
            let reason = rec.errors.first().map(|e| format!("{}: {}", rec.text, e.message));
            report.plan.push(rec.text.clone());
            report.commands.push(rec);
            if let Some(wait) = throttled {
                return Step::Stop(ItemOutcome::Throttled { retry_after: wait });
            }
            if failed {
                return Step::Stop(ItemOutcome::Failed(Failure {
                    reason: reason.unwrap_or_default(),
                    kind: FailureKind::CmdletError,
                }));
            }
        }
        Step::Continue
    }

    async fn convert_back(
        &self,
        session: &mut Session,
        item: &WorkItem<Vec<RollbackAction>>,
        to: TargetType,
        report: &mut RollbackItemReport,
    ) -> Step {
        let mut opts = ConvertOptions::new(to);
        opts.dry_run = self.job.dry_run;
        if to == TargetType::Regular {
            opts.password = self.job.password.clone();
            // One password serves every mailbox of the rollback and the operator knows it: each
            // user must replace it at next logon.
            opts.reset_password_on_next_logon = true;
        }
        let mut obs = JournalObserver {
            journal: self.journal,
            key: item.key,
            identity: &item.identity,
            started: &self.started,
            apply_started: false,
        };
        let r = convert_observed(&mut session.shells(), &item.identity, &opts, &mut obs).await;
        let started_in_attempt = obs.apply_started;
        let status = r.status;
        let outcome = outcome_of(&r, false, started_in_attempt);
        let reason = blocked_reason(&r);
        report.plan.extend(r.commands.iter().map(|c| c.text.clone()));
        report.convert = Some(r);
        match status {
            ConvertStatus::Converted
            | ConvertStatus::NothingToDo
            | ConvertStatus::PermissionsGranted
            | ConvertStatus::Planned => Step::Continue,
            ConvertStatus::Blocked => {
                report.status = RollbackStatus::Blocked;
                Step::Stop(ItemOutcome::Failed(Failure {
                    reason: format!("not undone, nothing was sent: {reason}"),
                    kind: FailureKind::Refused,
                }))
            }
            ConvertStatus::Failed | ConvertStatus::Partial => Step::Stop(outcome),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cmdlet::validate::{Target as T, validate};

    #[test]
    fn removals_validate_against_the_catalogue() {
        let cases = [
            (GrantKind::FullAccess, Side::OnPremises),
            (GrantKind::SendAs, Side::OnPremises),
            (GrantKind::SendAs, Side::Online),
            (GrantKind::SendOnBehalf, Side::OnPremises),
            (GrantKind::FullAccess, Side::Online),
        ];
        for (g, side) in cases {
            let inv = removal(g, "kim@contoso.com", "ben", side);
            let v = validate(&inv, &T { side, ..T::default() });
            assert!(
                v.diagnostics.iter().all(|d| d.severity != crate::cmdlet::Severity::Error),
                "{g:?} {side:?}: {:?}",
                v.diagnostics
            );
        }
        assert_eq!(
            display_text(&removal(GrantKind::SendAs, "kim@contoso.com", "ben", Side::OnPremises)),
            "Remove-ADPermission -Identity 'kim@contoso.com' -User 'ben' -AccessRights @('ExtendedRight') -ExtendedRights @('Send As') -Confirm:$false"
        );
    }

    #[test]
    fn actions_group_by_item_in_plan_order() {
        let actions = vec![
            RollbackAction::RemoveGrant {
                item: 2,
                identity: "b".into(),
                grant: GrantKind::FullAccess,
                trustee: "t".into(),
            },
            RollbackAction::ConvertBack { item: 2, identity: "b".into(), to: TargetType::Regular, recheck: false },
            RollbackAction::ConvertBack { item: 1, identity: "a".into(), to: TargetType::Regular, recheck: true },
        ];
        let items = group_actions(actions);
        assert_eq!(items.iter().map(|i| (i.key, i.data.len())).collect::<Vec<_>>(), [(1, 1), (2, 2)]);
        assert!(matches!(items[1].data[0], RollbackAction::RemoveGrant { .. }));
    }
}
