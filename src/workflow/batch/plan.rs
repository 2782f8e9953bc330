//! Planning rules of runs that build on other runs: which runs form one chain (a run and its
//! resumes), what a resume still has to do, and what a rollback undoes (docs/batches.md,
//! "Chains").
//!
//! A run and its resumes are one chain: the resumes finish the same list of items. Rolling back
//! any run of the chain undoes the whole chain, minus what earlier rollbacks of the chain already
//! undid. A rollback is a run of its own kind: `last` never picks one, and undoing it is an
//! explicit, separate request.

use super::input::BatchItem;
use super::journal::{ItemState, JournalError, RunHeader, RunState, read_header, read_journal};
use super::runs::{ResumeKind, RollbackAction, list_runs, plan_resume, plan_rollback};
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::Path;

/// What kind of run a header describes (from its command line).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RunKind {
    /// `convert --from` (or a single journaled convert, or an audit fix).
    Convert,
    /// `resume ID`: continues its parent's chain.
    Resume,
    /// `rollback ID`: undoes its parent's chain.
    Rollback,
}

impl RunKind {
    /// The kind of a run.
    pub fn of(header: &RunHeader) -> RunKind {
        if header.command.starts_with("resume") {
            RunKind::Resume
        } else if header.command.starts_with("rollback") {
            RunKind::Rollback
        } else {
            RunKind::Convert
        }
    }
}

/// Whether a run was a dry run (it changed nothing).
pub fn is_dry_run(header: &RunHeader) -> bool {
    header.options.get("dry_run").and_then(serde_json::Value::as_bool) == Some(true)
}

/// The run a chain starts from: follow `parent` up through resumes.
pub fn chain_root(root: &Path, id: &str) -> Result<String, JournalError> {
    let mut id = id.to_string();
    // A cycle cannot come from mbxctl, but an edited header must not hang us.
    for _ in 0..10_000 {
        let h = read_header(&root.join(&id))?;
        match (RunKind::of(&h), h.parent) {
            (RunKind::Resume, Some(p)) => id = p,
            _ => return Ok(id),
        }
    }
    Err(JournalError::RunId(format!("run {id}: its resume chain does not end; a run.json was edited")))
}

/// The runs of the chain that starts at `root_id`: the root, then its resumes (and theirs),
/// oldest first.
pub fn chain_members(root: &Path, root_id: &str) -> Vec<String> {
    let runs = list_runs(root);
    let mut members = vec![root_id.to_string()];
    let mut i = 0;
    while i < members.len() {
        let id = members[i].clone();
        for r in &runs {
            if r.parent.as_deref() == Some(id.as_str()) && r.command.starts_with("resume") && !members.contains(&r.id) {
                members.push(r.id.clone());
            }
        }
        i += 1;
    }
    members
}

/// Folds the journals of a chain (oldest first) into one state: the latest state of each item
/// wins, grants and "commands started" accumulate, and the first recorded previous type is kept
/// (a resume that finds an item done records no type).
pub fn merge_chain(states: Vec<RunState>) -> Option<RunState> {
    let mut iter = states.into_iter();
    let mut merged = iter.next()?;
    for child in iter {
        for (key, it) in child.items {
            match merged.items.get_mut(&key) {
                Some(mine) => {
                    mine.grants.extend(it.grants);
                    mine.apply_started |= it.apply_started;
                    mine.applied |= it.applied;
                    if mine.previous_type.is_none() {
                        mine.previous_type = it.previous_type;
                    }
                    if mine.target.is_none() {
                        mine.target = it.target;
                    }
                    mine.state = it.state;
                    mine.reason = it.reason;
                    mine.failure = it.failure;
                    mine.updated = it.updated;
                    mine.status = it.status;
                    if !it.warnings.is_empty() {
                        mine.warnings = it.warnings;
                    }
                    if !it.commands.is_empty() {
                        mine.commands = it.commands;
                    }
                    mine.verified_detail = it.verified_detail;
                }
                None => {
                    merged.items.insert(key, it);
                }
            }
        }
        if child.finished.is_some() {
            merged.finished = child.finished;
        }
    }
    Some(merged)
}

/// Reads a whole chain and folds it.
pub fn read_chain(root: &Path, root_id: &str) -> Result<RunState, JournalError> {
    let mut states = Vec::new();
    for id in chain_members(root, root_id) {
        states.push(read_journal(&root.join(&id))?);
    }
    merge_chain(states).ok_or_else(|| JournalError::RunId(format!("run {root_id} not found")))
}

/// Items that earlier (not dry-run) rollbacks of any run in `chain` undid, with the rollback's id.
pub fn undone_items(root: &Path, chain: &[String]) -> BTreeMap<usize, String> {
    let mut undone = BTreeMap::new();
    for r in list_runs(root) {
        let Some(parent) = r.parent.as_deref() else { continue };
        if !r.command.starts_with("rollback") || !chain.iter().any(|c| c == parent) {
            continue;
        }
        let Ok(state) = read_journal(&root.join(&r.id)) else { continue };
        if is_dry_run(&state.header) {
            continue;
        }
        for (key, it) in state.items {
            if it.state == ItemState::Verified {
                undone.entry(key).or_insert_with(|| r.id.clone());
            }
        }
    }
    undone
}

/// Plans rolling back a chain: [`plan_rollback`] of the folded chain, with items an earlier
/// rollback undid replaced by [`RollbackAction::AlreadyUndone`].
pub fn plan_chain_rollback(chain_state: &RunState, undone: &BTreeMap<usize, String>) -> Vec<RollbackAction> {
    let mut out = Vec::new();
    let mut reported = BTreeSet::new();
    for a in plan_rollback(chain_state) {
        let (item, identity) = a.item();
        match undone.get(&item) {
            Some(by) => {
                if reported.insert(item) {
                    out.push(RollbackAction::AlreadyUndone { item, identity: identity.to_string(), by: by.clone() });
                }
            }
            None => out.push(a),
        }
    }
    out
}

/// The items of a convert chain that a resume still runs, and which of them to re-read first.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ResumeSelection {
    /// Items to run, in input order.
    pub items: Vec<BatchItem>,
    /// Keys of items whose commands may have run: re-read before changing.
    pub recheck: BTreeSet<usize>,
    /// Items already finished (verified or skipped).
    pub done: usize,
    /// Items that failed for a lasting reason and are left as they are.
    pub kept_failed: usize,
}

/// Chooses what resuming a chain runs, from the chain's folded state and the original items.
pub fn select_resume(state: &RunState, all: Vec<BatchItem>, force_failed: bool) -> ResumeSelection {
    let plan: HashMap<usize, ResumeKind> =
        plan_resume(state, force_failed).into_iter().map(|a| (a.item, a.kind)).collect();
    let mut sel = ResumeSelection::default();
    for item in all {
        match plan.get(&item.row) {
            Some(ResumeKind::Skip { .. }) => sel.done += 1,
            Some(ResumeKind::KeepFailed { .. }) => sel.kept_failed += 1,
            Some(ResumeKind::Recheck) | Some(ResumeKind::Retry { recheck: true }) => {
                sel.recheck.insert(item.row);
                sel.items.push(item);
            }
            Some(ResumeKind::Run) | Some(ResumeKind::Retry { recheck: false }) | None => sel.items.push(item),
        }
    }
    sel
}

/// The state of a whole chain, as `runs list` shows it for each of its runs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum ChainState {
    /// A process is working on the chain now.
    Running,
    /// Every run of the chain ended; the newest wrote its `run-finished` record.
    Finished,
    /// The newest run of the chain stopped early (crash, Ctrl-C): `resume` finishes it.
    Interrupted,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::workflow::batch::journal::{Event, GrantKind, Journal, TargetKind, now_text};

    fn header(id: &str, command: &str, parent: Option<&str>) -> RunHeader {
        RunHeader {
            id: id.into(),
            started: now_text(),
            command: command.into(),
            target: TargetKind::Lab,
            options: serde_json::json!({}),
            item_count: 2,
            parent: parent.map(String::from),
            version: String::new(),
        }
    }

    fn ids(n: u32) -> String {
        format!("20260101-0000{n:02}-abcd")
    }

    #[test]
    fn a_chain_is_a_run_and_its_resumes_and_rollback_sees_all_of_it() {
        let t = tempfile::tempdir().unwrap();
        let root = t.path();
        let (a, b, c, rb) = (ids(1), ids(2), ids(3), ids(4));
        let ja = Journal::create(root, &header(&a, "convert --from x", None)).unwrap();
        ja.append(1, "kim", Event::Planned { target: "Shared".into() }).unwrap();
        ja.append(2, "lee", Event::Planned { target: "Shared".into() }).unwrap();
        ja.append(1, "kim", Event::ApplyStarted { commands: vec![] }).unwrap();
        ja.append(1, "kim", Event::Applied { previous_type: Some("UserMailbox".into()) }).unwrap();
        ja.append(1, "kim", Event::Verified { detail: serde_json::Value::Null }).unwrap();
        let jb = Journal::create(root, &header(&b, &format!("resume {a}"), Some(&a))).unwrap();
        jb.append(2, "lee", Event::ApplyStarted { commands: vec![] }).unwrap();
        jb.append(2, "lee", Event::Applied { previous_type: Some("UserMailbox".into()) }).unwrap();
        jb.append(2, "lee", Event::Granted { grant: GrantKind::FullAccess, trustee: "ann".into(), auto_mapping: None })
            .unwrap();
        jb.append(2, "lee", Event::Verified { detail: serde_json::Value::Null }).unwrap();
        jb.append_run(Event::RunFinished { summary: "ok".into() }).unwrap();
        let _jc = Journal::create(root, &header(&c, &format!("resume {b}"), Some(&b))).unwrap();
        // From any run of the chain, the root and all members.
        assert_eq!(chain_root(root, &c).unwrap(), a);
        assert_eq!(chain_root(root, &a).unwrap(), a);
        assert_eq!(chain_members(root, &a), [a.clone(), b.clone(), c.clone()]);
        let state = read_chain(root, &a).unwrap();
        let plan = plan_chain_rollback(&state, &BTreeMap::new());
        assert_eq!(plan.iter().filter(|p| matches!(p, RollbackAction::ConvertBack { .. })).count(), 2, "{plan:?}");
        assert_eq!(plan.iter().filter(|p| matches!(p, RollbackAction::RemoveGrant { .. })).count(), 1);

        // A rollback that undid kim: kim is nothing to do next time, lee still planned.
        let jr = Journal::create(root, &header(&rb, &format!("rollback {a}"), Some(&b))).unwrap();
        jr.append(1, "kim", Event::Verified { detail: serde_json::Value::Null }).unwrap();
        jr.append(2, "lee", Event::Failed { reason: "x".into(), kind: crate::workflow::batch::FailureKind::Other })
            .unwrap();
        let undone = undone_items(root, &chain_members(root, &a));
        assert_eq!(undone, BTreeMap::from([(1, rb.clone())]));
        let plan = plan_chain_rollback(&state, &undone);
        assert!(matches!(&plan[0], RollbackAction::AlreadyUndone { item: 1, by, .. } if *by == rb), "{plan:?}");
        assert_eq!(plan.iter().filter(|p| p.item().0 == 1).count(), 1);
        assert!(plan.iter().any(|p| matches!(p, RollbackAction::ConvertBack { item: 2, .. })));
        // A rollback is never part of the chain it undoes.
        assert_eq!(RunKind::of(&read_header(&root.join(&rb)).unwrap()), RunKind::Rollback);
        assert_eq!(chain_root(root, &rb).unwrap(), rb);
    }

    #[test]
    fn resume_selection_skips_done_and_rechecks_started() {
        let t = tempfile::tempdir().unwrap();
        let root = t.path();
        let j = Journal::create(root, &header(&ids(1), "convert", None)).unwrap();
        for (row, id) in [(1, "a"), (2, "b"), (3, "c"), (4, "d")] {
            j.append(row, id, Event::Planned { target: "Shared".into() }).unwrap();
        }
        j.append(1, "a", Event::Verified { detail: serde_json::Value::Null }).unwrap();
        j.append(2, "b", Event::ApplyStarted { commands: vec![] }).unwrap();
        j.append(
            3,
            "c",
            Event::Failed { reason: "denied".into(), kind: crate::workflow::batch::FailureKind::AccessDenied },
        )
        .unwrap();
        let state = read_journal(&root.join(ids(1))).unwrap();
        let item = |row: usize, id: &str| BatchItem {
            line: row + 1,
            ..BatchItem::new(row, id, crate::workflow::batch::TargetType::Shared)
        };
        let sel = select_resume(&state, vec![item(1, "a"), item(2, "b"), item(3, "c"), item(4, "d")], false);
        assert_eq!(sel.items.iter().map(|i| i.row).collect::<Vec<_>>(), [2, 4]);
        assert_eq!(sel.recheck, BTreeSet::from([2]));
        assert_eq!((sel.done, sel.kept_failed), (1, 1));
    }
}
