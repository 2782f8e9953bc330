//! Fixing: the safe fixes of a report, applied through the batch journal and verified by
//! re-reading, so `runs` and `rollback` see them as conversions.

use super::{AuditReport, Finding, FindingKind, FindingLevel, SafeFix};
use crate::cmdlet::Invocation;
use crate::cmdlet::validate::Target;
use crate::exchange::RecipientTypeDetails;
use crate::exchange::classify::{ErrorKind, classify_error};
use crate::exchange::results::{Mailbox, RemoteMailbox};
use crate::shell::{Shell, Side};
use crate::workflow::batch::journal::{Event, FailureKind, Journal, JournalError};
use crate::workflow::exec::{Executor, WorkflowError, display_text};
use serde::Serialize;

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

fn journal_err(e: JournalError) -> WorkflowError {
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
        .filter(|f| f.severity == FindingLevel::Critical)
        .filter(|f| !fixes.iter().any(|x| x.status == FixStatus::Fixed && x.kind == f.kind && x.identity == f.identity))
        .count()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::workflow::audit::{analyse, collect, set_type};

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
        assert_eq!(unresolved_critical(&report, &done), report.count(FindingLevel::Critical) - 1);
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
