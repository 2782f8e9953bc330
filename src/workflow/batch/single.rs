//! A single `mbxctl convert A B --to shared` as a journaled run: the same run directory, items
//! file and journal a batch writes, so `runs list`, `resume` and `rollback` treat one mailbox as
//! they treat ten thousand (docs/batches.md, "Single conversions are runs").
//!
//! It reuses the batch's pieces rather than copying them: [`Journal`] for the record,
//! [`JournalObserver`] to journal each state change before the next one, and [`outcome_of`] to
//! turn a report into the item's final state. What it adds is only the order a single command
//! needs: items are journaled as planned before anything runs, each mailbox is converted on the
//! command's own sessions (no pool), and the run is closed with a one-line summary.

use super::input::BatchItem;
use super::journal::{Event, FailureKind, Journal, JournalError, RunHeader, write_atomic};
use super::pool::ItemOutcome;
use super::worker::{JournalObserver, outcome_of};
use crate::shell::Shell;
use crate::workflow::convert::{ConvertOptions, ConvertReport, Shells, convert_observed};
use crate::workflow::disconnected::{DisconnectedRequest, connect_shared_observed};
use crate::workflow::outcome::ConvertStatus;
use std::collections::HashSet;
use std::path::Path;
use std::sync::Mutex;

/// The file in a run directory that lists the items of a convert run, which `resume` reads: the
/// same constant the batch writes with (one name, in the journal module).
pub use super::journal::ITEMS_FILE;

/// The previous type journaled for a mailbox connected from a disconnected one: it had none.
pub const DISCONNECTED: &str = "DisconnectedMailbox";

/// One single-mailbox (or few-mailbox) convert command, journaled as a run.
pub struct SingleRun {
    journal: Journal,
    started: Mutex<HashSet<usize>>,
}

impl SingleRun {
    /// Creates the run under `root`: header, items file, and a `planned` record per item, all
    /// durable before the first change.
    pub fn start(root: &Path, header: &RunHeader, items: &[BatchItem]) -> Result<SingleRun, JournalError> {
        let journal = Journal::create(root, header)?;
        let bytes = serde_json::to_vec_pretty(items).map_err(|e| JournalError::Encode(e.to_string()))?;
        write_atomic(&journal.dir().join(ITEMS_FILE), &bytes)?;
        let planned: Vec<(usize, String, Event)> = items
            .iter()
            .map(|i| (i.row, i.identity.clone(), Event::Planned { target: i.target.type_value().to_string() }))
            .collect();
        journal.append_items(&planned)?;
        Ok(SingleRun { journal, started: Mutex::new(HashSet::new()) })
    }

    /// The run id.
    pub fn id(&self) -> String {
        self.journal.dir().file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default()
    }

    /// Whether the commands that change item `key` were started (journaled as `apply-started`):
    /// after an interruption, whether the change may have reached Exchange.
    pub fn change_started(&self, key: usize) -> bool {
        self.started.lock().unwrap_or_else(|p| p.into_inner()).contains(&key)
    }

    /// The run directory.
    pub fn dir(&self) -> &Path {
        self.journal.dir()
    }

    /// Converts item `key` (`identity`) with `opts`, journaling each state change as it happens
    /// and the final state after. A journal write that fails stops the conversion before its
    /// next change (the report says so); the error of the final record is returned beside the
    /// report so the caller can tell the admin the journal is incomplete.
    pub async fn convert(
        &self,
        shells: &mut Shells<'_>,
        key: usize,
        identity: &str,
        opts: &ConvertOptions,
    ) -> (ConvertReport, Result<(), JournalError>) {
        let mut obs =
            JournalObserver { journal: &self.journal, key, identity, started: &self.started, apply_started: false };
        let report = convert_observed(shells, identity, opts, &mut obs).await;
        let started_in_attempt = obs.apply_started;
        let written = self.finish_item(key, identity, &report, started_in_attempt);
        (report, written)
    }

    /// Connects a disconnected mailbox as shared (`convert --disconnected`) as item `key`,
    /// journaled like a conversion: `apply-started` before `Connect-Mailbox` is sent, `applied`
    /// with the previous type [`DISCONNECTED`] after it ran (so a rollback refuses it as manual,
    /// naming `Disable-Mailbox`, instead of converting the new shared mailbox to a user), then
    /// the final state. The item's identity is the account, which owns the mailbox afterwards:
    /// `resume` then finds it shared (nothing to do) or not connected (reported, unchanged).
    pub async fn connect_disconnected(
        &self,
        shell: &mut (dyn Shell + 'static),
        key: usize,
        req: &DisconnectedRequest,
    ) -> (ConvertReport, Result<(), JournalError>) {
        let identity = req.user.as_str();
        let mut obs =
            JournalObserver { journal: &self.journal, key, identity, started: &self.started, apply_started: false };
        let report = connect_shared_observed(shell, req, &mut obs).await;
        let started = obs.apply_started;
        if started
            && matches!(report.status, ConvertStatus::Converted)
            && let Err(e) = self.applied(key, identity, DISCONNECTED)
        {
            return (report, Err(e));
        }
        let written = self.finish_item(key, identity, &report, started);
        (report, written)
    }

    /// Journals the final state of an item converted by other means (`--disconnected`).
    pub fn finish_item(
        &self,
        key: usize,
        identity: &str,
        report: &ConvertReport,
        started: bool,
    ) -> Result<(), JournalError> {
        let event = match outcome_of(report, started, started) {
            ItemOutcome::Done(event) => event,
            ItemOutcome::Failed(f) => Event::Failed { reason: f.reason, kind: f.kind },
            ItemOutcome::Throttled { retry_after } => Event::Failed {
                reason: format!("Exchange throttled the command; try again in {} s", retry_after.as_secs()),
                kind: FailureKind::Throttled,
            },
            ItemOutcome::SessionBroken { .. } => Event::Failed {
                reason: report.error.clone().unwrap_or_else(|| "the session broke".into()),
                kind: FailureKind::SessionBroken,
            },
        };
        self.journal.append(key, identity, event)
    }

    /// Records that a change is about to be sent for an item converted by other means.
    pub fn apply_started(&self, key: usize, identity: &str, commands: Vec<String>) -> Result<(), JournalError> {
        self.started.lock().unwrap_or_else(|p| p.into_inner()).insert(key);
        self.journal.append(key, identity, Event::ApplyStarted { commands })
    }

    /// Records the type an item had before a change that ran (for rollback).
    pub fn applied(&self, key: usize, identity: &str, previous_type: &str) -> Result<(), JournalError> {
        self.journal.append(key, identity, Event::Applied { previous_type: Some(previous_type.to_string()) })
    }

    /// Closes the run: `runs list` shows it finished, not interrupted.
    pub fn finish(&self, summary: String) -> Result<(), JournalError> {
        self.journal.append_run(Event::RunFinished { summary })
    }
}
