//! What a batch shows: one word per item state, used alike by the batch table, `runs show`
//! (table, `--json`, `--csv`) and the JSON Lines of a run, the warnings beside each item, which
//! rows are clean, and the counts (docs/batches.md, "Statuses").
//!
//! The words: `converted` (`undone` in a rollback), `permissions-granted`, `nothing-to-do`,
//! `planned` (a dry run), `blocked` (pre-flight refused it before any command), `skipped` (a bad
//! row), `failed`, `partial`, `taken`, `manual`, and after Ctrl-C `not-started` and `interrupted`.

use super::journal::{Event, FailureKind, ItemRun, ItemState};
use super::progress::{FinalOutcome, FinishedItem};
use super::rollback::RollbackStatus;
use crate::workflow::checks::{Check, Verdict};
use crate::workflow::convert::{ConvertReport, ConvertStatus};
use serde::Serialize;

/// A warning shown beside an item: a pre-flight check the admin should see before deciding.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, serde::Deserialize)]
pub struct ItemWarning {
    /// The check's stable id (`holds`, `size`, `logon`, ...).
    pub id: String,
    /// The check's message.
    pub message: String,
}

impl ItemWarning {
    /// A short label for tables (`on hold`, `over 50 GB`, `never logged on`); the id otherwise.
    pub fn label(&self) -> &str {
        match self.id.as_str() {
            "holds" => "on hold",
            "size" => "over 50 GB",
            "logon" => "never logged on",
            "archive" => "archive",
            "account" => "account",
            other => other,
        }
    }
}

/// Whether a pre-flight check belongs beside the item: every warning, and the fact that the
/// mailbox was never logged on to (a passing check, but the one fact admins look for in a
/// leavers' list: nobody used it).
pub fn is_notable(id: &str, verdict: Verdict) -> bool {
    verdict == Verdict::Warn || id == "logon"
}

/// The warnings of a report's pre-flight.
pub fn report_warnings(checks: &[Check]) -> Vec<ItemWarning> {
    checks
        .iter()
        .filter(|c| is_notable(c.id, c.verdict))
        .map(|c| ItemWarning { id: c.id.to_string(), message: c.message.clone() })
        .collect()
}

/// The warnings of a journaled `preflighted` record's checks (as the report serialized them).
pub fn journal_warnings(checks: &serde_json::Value) -> Vec<ItemWarning> {
    let Some(list) = checks.as_array() else { return Vec::new() };
    list.iter()
        .filter_map(|c| {
            let id = c.get("id")?.as_str()?;
            let verdict = match c.get("verdict")?.as_str()? {
                "warn" => Verdict::Warn,
                "block" => Verdict::Block,
                _ => Verdict::Pass,
            };
            is_notable(id, verdict).then(|| ItemWarning {
                id: id.to_string(),
                message: c.get("message").and_then(|m| m.as_str()).unwrap_or_default().to_string(),
            })
        })
        .collect()
}

/// The word for a conversion report's status.
pub fn status_name(s: ConvertStatus) -> &'static str {
    match s {
        ConvertStatus::Converted => "converted",
        ConvertStatus::NothingToDo => "nothing-to-do",
        ConvertStatus::PermissionsGranted => "permissions-granted",
        ConvertStatus::Planned => "planned",
        ConvertStatus::Blocked => "blocked",
        ConvertStatus::Failed => "failed",
        ConvertStatus::Partial => "partial",
    }
}

/// The word for a rollback item's status.
pub fn rollback_status_name(s: RollbackStatus) -> &'static str {
    match s {
        RollbackStatus::Undone => "undone",
        RollbackStatus::Planned => "planned",
        RollbackStatus::Blocked => "blocked",
        RollbackStatus::Failed => "failed",
        RollbackStatus::Manual => "manual",
        RollbackStatus::NothingToDo => "nothing-to-do",
    }
}

/// The status of a finished convert item: the report's, except that an item this run started
/// and found done on re-read is `converted`, and a pool failure is `failed`.
pub fn convert_status(item: &FinishedItem, report: Option<&ConvertReport>) -> &'static str {
    match (&item.outcome, report) {
        (FinalOutcome::Done(Event::Verified { detail }), _) => verified_word(detail, false),
        (FinalOutcome::Done(_), Some(r)) => status_name(r.status),
        (FinalOutcome::Done(_), None) => "skipped",
        (FinalOutcome::Failed { .. }, Some(r)) if r.status == ConvertStatus::Blocked => "blocked",
        (FinalOutcome::Failed { .. }, Some(r)) if r.status == ConvertStatus::Partial => "partial",
        (FinalOutcome::Failed { kind: FailureKind::Refused, .. }, None) => "blocked",
        (FinalOutcome::Failed { .. }, _) => "failed",
    }
}

/// `converted` or `permissions-granted` from a `verified` record's detail (`undone` in a rollback).
fn verified_word(detail: &serde_json::Value, rollback: bool) -> &'static str {
    if rollback {
        return "undone";
    }
    match detail.get("status").and_then(|s| s.as_str()) {
        Some("permissions-granted") => "permissions-granted",
        _ => "converted",
    }
}

/// The reason shown beside a finished item.
pub fn reason_of(item: &FinishedItem) -> String {
    match &item.outcome {
        FinalOutcome::Failed { reason, .. } => reason.clone(),
        FinalOutcome::Done(Event::Skipped { reason }) => reason.clone(),
        FinalOutcome::Done(Event::Verified { detail }) => {
            detail.get("note").and_then(|n| n.as_str()).unwrap_or_default().to_string()
        }
        FinalOutcome::Done(_) => String::new(),
    }
}

/// The reason a dry run journals for an item it planned (`planned` is told apart by it).
pub const DRY_RUN_REASON_PREFIX: &str = "dry run:";

/// The word for an item as its journal left it, the same word the run printed for it. `dry_run`
/// and `rollback` say what kind of run wrote the journal; `finished` whether it ended (an item
/// still planned in an interrupted run was `not-started`).
pub fn journal_status(item: &ItemRun, dry_run: bool, rollback: bool, finished: bool) -> &'static str {
    match (item.state, item.failure) {
        (ItemState::Verified, _) => verified_word(&item.verified_detail, rollback),
        (ItemState::Failed, Some(FailureKind::Refused))
            if item.reason.as_deref().is_some_and(|r| r.contains("undo by hand")) =>
        {
            "manual"
        }
        (ItemState::Failed, Some(FailureKind::Refused)) => "blocked",
        (ItemState::Failed, Some(FailureKind::Taken)) => "taken",
        (ItemState::Failed, Some(FailureKind::Interrupted)) => "interrupted",
        (ItemState::Failed, _) => "failed",
        (ItemState::Skipped, _) => {
            let reason = item.reason.as_deref().unwrap_or_default();
            if dry_run && reason.starts_with(DRY_RUN_REASON_PREFIX) {
                "planned"
            } else if reason.starts_with("already ") || reason.starts_with("nothing to do") {
                "nothing-to-do"
            } else {
                "skipped"
            }
        }
        (ItemState::Planned | ItemState::Preflighted, _) if finished => "planned",
        (ItemState::Planned | ItemState::Preflighted, _) => "not-started",
        (ItemState::ApplyStarted | ItemState::Applied, _) => "interrupted",
    }
}

/// Whether a row needs no second look: it ended well and pre-flight had nothing to say.
pub fn is_clean(status: &str, warnings: &[ItemWarning]) -> bool {
    warnings.is_empty()
        && matches!(status, "converted" | "permissions-granted" | "nothing-to-do" | "planned" | "undone")
}

/// One finished item, as the batch table and the summary show it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ItemResult {
    /// The item's row (its key).
    pub row: usize,
    /// The identity as typed.
    pub identity: String,
    /// The status word.
    pub status: &'static str,
    /// Why (failures, skips, notes).
    pub reason: String,
    /// Pre-flight warnings.
    pub warnings: Vec<ItemWarning>,
}

impl ItemResult {
    /// An item with no warnings.
    pub fn new(row: usize, identity: impl Into<String>, status: &'static str, reason: impl Into<String>) -> Self {
        ItemResult { row, identity: identity.into(), status, reason: reason.into(), warnings: Vec::new() }
    }

    /// Whether the default table may leave it out.
    pub fn is_clean(&self) -> bool {
        is_clean(self.status, &self.warnings)
    }
}

/// How a batch ended, for its exit code.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BatchEnd {
    /// All good (converted, nothing to do, or planned).
    Done,
    /// Nothing changed and nothing failed: only blocked or skipped items.
    Blocked,
    /// Only failures.
    Failed,
    /// Anything mixed, or any item another run had taken.
    Partial,
}

/// Counts by status.
#[derive(Debug, Default, Clone, PartialEq, Eq, Serialize)]
pub struct Counts {
    /// All items.
    pub total: usize,
    /// Converted (undone, in a rollback; permissions granted).
    pub converted: usize,
    /// Already as asked.
    pub nothing_to_do: usize,
    /// Planned by a dry run.
    pub planned: usize,
    /// Refused by pre-flight (and `manual` in a rollback).
    pub blocked: usize,
    /// Failed (and `partial`).
    pub failed: usize,
    /// Bad rows.
    pub skipped: usize,
    /// Owned by another live run.
    pub taken: usize,
    /// Left by Ctrl-C.
    pub interrupted: usize,
    /// Rows with at least one warning.
    pub warned: usize,
}

impl Counts {
    /// Counts the results.
    pub fn of(results: &[ItemResult]) -> Counts {
        let mut c = Counts { total: results.len(), ..Default::default() };
        for r in results {
            if !r.warnings.is_empty() {
                c.warned += 1;
            }
            match r.status {
                "converted" | "undone" | "permissions-granted" => c.converted += 1,
                "nothing-to-do" => c.nothing_to_do += 1,
                "planned" => c.planned += 1,
                "blocked" | "manual" => c.blocked += 1,
                "skipped" => c.skipped += 1,
                "taken" => c.taken += 1,
                "interrupted" | "not-started" => c.interrupted += 1,
                _ => c.failed += 1,
            }
        }
        c
    }

    /// Done when nothing went wrong; Blocked when only blocked or skipped items (those never
    /// send a changing command); Failed when only failures; Partial for anything mixed, and any
    /// item another run had taken (the batch is not done, though this run did nothing wrong).
    pub fn end(&self) -> BatchEnd {
        let good = self.converted + self.nothing_to_do + self.planned;
        let bad = self.blocked + self.failed + self.skipped + self.taken + self.interrupted;
        match (good, bad) {
            (_, 0) => BatchEnd::Done,
            (0, _) if self.failed + self.taken + self.interrupted == 0 => BatchEnd::Blocked,
            (0, _) if self.blocked + self.skipped + self.taken + self.interrupted == 0 => BatchEnd::Failed,
            _ => BatchEnd::Partial,
        }
    }

    /// The summary line: `3 converted, 1 nothing to do, ...` (`undone` for a rollback).
    pub fn summary(&self, rollback: bool) -> String {
        let mut s = format!(
            "{} {}, {} nothing to do, {} planned, {} blocked, {} failed, {} skipped",
            self.converted,
            if rollback { "undone" } else { "converted" },
            self.nothing_to_do,
            self.planned,
            self.blocked,
            self.failed,
            self.skipped
        );
        if self.taken > 0 {
            s.push_str(&format!(", {} taken by another run", self.taken));
        }
        if self.interrupted > 0 {
            s.push_str(&format!(", {} left by the interrupt", self.interrupted));
        }
        if self.warned > 0 {
            s.push_str(&format!("; {} with warnings", self.warned));
        }
        s
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::workflow::batch::journal::GrantRecord;

    fn item(state: ItemState, failure: Option<FailureKind>, reason: Option<&str>) -> ItemRun {
        ItemRun {
            item: 1,
            identity: "kim".into(),
            target: Some("Shared".into()),
            state,
            apply_started: false,
            applied: false,
            previous_type: None,
            reason: reason.map(String::from),
            failure,
            grants: Vec::<GrantRecord>::new(),
            commands: Vec::new(),
            updated: String::new(),
            warnings: Vec::new(),
            status: "",
            verified_detail: serde_json::Value::Null,
        }
    }

    #[test]
    fn journal_words_are_the_words_the_run_printed() {
        let refused = item(ItemState::Failed, Some(FailureKind::Refused), Some("on hold"));
        assert_eq!(journal_status(&refused, false, false, true), "blocked");
        let planned = item(ItemState::Skipped, None, Some("dry run: 1 command(s) planned, nothing changed"));
        assert_eq!(journal_status(&planned, true, false, true), "planned");
        let already = item(ItemState::Skipped, None, Some("already Shared"));
        assert_eq!(journal_status(&already, false, false, true), "nothing-to-do");
        let bad_row = item(ItemState::Skipped, None, Some("Identity: no such mailbox"));
        assert_eq!(journal_status(&bad_row, true, false, true), "skipped");
        let mut verified = item(ItemState::Verified, None, None);
        assert_eq!(journal_status(&verified, false, false, true), "converted");
        assert_eq!(journal_status(&verified, false, true, true), "undone");
        verified.verified_detail = serde_json::json!({"status": "permissions-granted"});
        assert_eq!(journal_status(&verified, false, false, true), "permissions-granted");
        let waiting = item(ItemState::Planned, None, None);
        assert_eq!(journal_status(&waiting, false, false, false), "not-started");
        assert_eq!(journal_status(&item(ItemState::ApplyStarted, None, None), false, false, false), "interrupted");
        // The batch table's word for the same items.
        let done = |event: Event| FinishedItem {
            key: 1,
            identity: "kim".into(),
            outcome: FinalOutcome::Done(event),
            attempts: 1,
        };
        assert_eq!(convert_status(&done(Event::Verified { detail: serde_json::Value::Null }), None), "converted");
        let refused = FinishedItem {
            key: 1,
            identity: "kim".into(),
            outcome: FinalOutcome::Failed { reason: "x".into(), kind: FailureKind::Refused },
            attempts: 1,
        };
        assert_eq!(convert_status(&refused, None), "blocked");
    }

    #[test]
    fn warnings_come_from_warn_checks_and_the_logon_fact() {
        let checks = vec![
            Check::pass("exists", "found", "s"),
            Check::warn("holds", "the mailbox is on litigation hold", "s"),
            Check::pass("logon", "the mailbox was never logged on to", "s"),
        ];
        let w = report_warnings(&checks);
        assert_eq!(w.iter().map(ItemWarning::label).collect::<Vec<_>>(), ["on hold", "never logged on"]);
        // The journal keeps the checks as the report serialized them: the same warnings come back.
        assert_eq!(journal_warnings(&serde_json::to_value(&checks).unwrap()), w);
        assert!(journal_warnings(&serde_json::Value::Null).is_empty());
    }

    #[test]
    fn clean_rows_and_counts() {
        let mut warned = ItemResult::new(1, "lee", "converted", "");
        warned.warnings.push(ItemWarning { id: "holds".into(), message: "m".into() });
        let rows = vec![
            warned,
            ItemResult::new(2, "kim", "converted", ""),
            ItemResult::new(3, "ghost", "skipped", "no such mailbox"),
            ItemResult::new(4, "ann", "planned", ""),
        ];
        let clean: Vec<usize> = rows.iter().filter(|r| r.is_clean()).map(|r| r.row).collect();
        assert_eq!(clean, [2, 4]);
        let c = Counts::of(&rows);
        assert_eq!((c.total, c.converted, c.planned, c.skipped, c.warned), (4, 2, 1, 1, 1));
        assert_eq!(c.end(), BatchEnd::Partial);
        assert!(c.summary(false).ends_with("1 skipped; 1 with warnings"), "{}", c.summary(false));
        assert_eq!(Counts::of(&rows[1..2]).end(), BatchEnd::Done);
        assert_eq!(Counts::of(&rows[2..3]).end(), BatchEnd::Blocked);
        assert_eq!(Counts::of(&[ItemResult::new(1, "x", "failed", "")]).end(), BatchEnd::Failed);
    }
}
