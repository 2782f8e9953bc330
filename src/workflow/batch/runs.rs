//! The run store: listing past runs, showing one, exporting it for change management, and
//! planning a resume or a rollback from what its journal says happened.

use super::input::{BatchItem, TargetType, opposite_target, parse_target};
use super::journal::{
    self, FailureKind, GrantKind, ItemRun, ItemState, JournalError, RunHeader, RunState, is_run_id, read_journal,
};
use serde::Serialize;
use std::collections::{BTreeMap, HashMap};
use std::path::Path;

/// One line of `mbxctl runs list`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RunSummary {
    /// Run id.
    pub id: String,
    /// Start time.
    pub started: String,
    /// The command that started it.
    pub command: String,
    /// Lab or real.
    pub target: Option<journal::TargetKind>,
    /// Items planned.
    pub item_count: usize,
    /// Items by latest state name (`verified`, `failed`, ...).
    pub counts: BTreeMap<&'static str, usize>,
    /// Whether the run wrote its `run-finished` record (false: interrupted, or still running).
    pub finished: bool,
    /// The run this one resumed or rolled back.
    pub parent: Option<String>,
    /// Why the run could not be read, if it could not.
    pub error: Option<String>,
    /// A process is working on this run now (it holds the run's lock).
    #[serde(default)]
    pub running: bool,
    /// The newest resume of this run, if it was resumed.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub resumed_by: Option<String>,
    /// The newest rollback (not a dry run) of this run's chain, if there is one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub rolled_back_by: Option<String>,
    /// The state of the chain the run belongs to (a run and its resumes): an interrupted run
    /// that a resume finished is part of a finished chain.
    pub chain_state: Option<super::plan::ChainState>,
}

/// `mbxctl runs show`: a run with every item's final state.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RunDetail {
    /// The header.
    pub header: RunHeader,
    /// Items in key order.
    pub items: Vec<ItemRun>,
    /// Items by latest state name.
    pub counts: BTreeMap<&'static str, usize>,
    /// When the run finished, if it did.
    pub finished: Option<String>,
    /// Whether a torn last line was ignored (the writer was killed mid-record).
    pub torn_tail: bool,
    /// The primary SMTP address pre-flight resolved each item's identity to, by item.
    pub addresses: BTreeMap<usize, String>,
    /// The input rows (with any extra CSV columns), by item; empty for runs that keep none.
    #[serde(skip)]
    pub inputs: BTreeMap<usize, BatchItem>,
}

/// Reads every run under `root` whose header names `parent` as its parent, oldest first.
pub fn children_of(root: &Path, parent: &str) -> Vec<RunState> {
    list_runs(root)
        .into_iter()
        .filter(|r| r.parent.as_deref() == Some(parent))
        .filter_map(|r| read_journal(&root.join(&r.id)).ok())
        .collect()
}

/// Items by status, in the words every report uses (`view::journal_status`): an item pre-flight
/// refused is `blocked`, a dry run's item `planned`, as the run printed them.
fn counts(state: &RunState) -> BTreeMap<&'static str, usize> {
    let mut c = BTreeMap::new();
    for item in state.items.values() {
        *c.entry(item.status).or_insert(0) += 1;
    }
    c
}

/// The run ids under `root`, oldest first: by the start time in each header (milliseconds), then
/// by id, because two runs started in the same second (a resume right after a crash) have ids
/// that sort by their random suffix.
fn ids_oldest_first(root: &Path) -> Result<Vec<String>, JournalError> {
    let entries = std::fs::read_dir(root).map_err(|source| JournalError::Io { path: root.to_path_buf(), source })?;
    let mut runs: Vec<(String, String)> = entries
        .filter_map(Result::ok)
        .filter_map(|e| e.file_name().into_string().ok())
        .filter(|n| is_run_id(n))
        .map(|id| (super::journal::read_header(&root.join(&id)).map(|h| h.started).unwrap_or_default(), id))
        .collect();
    runs.sort();
    Ok(runs.into_iter().map(|(_, id)| id).collect())
}

/// Every run under `root`, oldest first. A missing root is an empty list; an unreadable run is
/// listed with its `error` so one damaged directory does not hide the others.
pub fn list_runs(root: &Path) -> Vec<RunSummary> {
    let mut runs = read_summaries(root);
    chain_states(&mut runs);
    runs
}

/// Each run's summary without the chain fields.
fn read_summaries(root: &Path) -> Vec<RunSummary> {
    let Ok(ids) = ids_oldest_first(root) else { return Vec::new() };
    ids.into_iter()
        .map(|id| match read_journal(&root.join(&id)) {
            Ok(state) => RunSummary {
                counts: counts(&state),
                finished: state.finished.is_some(),
                id,
                started: state.header.started,
                command: state.header.command,
                target: Some(state.header.target),
                item_count: state.header.item_count,
                running: super::claims::is_running(&state_dir(root, &state.header.id)),
                parent: state.header.parent,
                error: None,
                resumed_by: None,
                rolled_back_by: None,
                chain_state: None,
            },
            Err(e) => RunSummary {
                id,
                started: String::new(),
                command: String::new(),
                target: None,
                item_count: 0,
                counts: BTreeMap::new(),
                finished: false,
                parent: None,
                error: Some(e.to_string()),
                running: false,
                resumed_by: None,
                rolled_back_by: None,
                chain_state: None,
            },
        })
        .collect()
}

fn state_dir(root: &Path, id: &str) -> std::path::PathBuf {
    root.join(id)
}

/// Fills the chain fields: who resumed or rolled back each run, and the state of its chain
/// (running if any run of it is, else that of its newest run).
fn chain_states(runs: &mut [RunSummary]) {
    use super::plan::ChainState;
    let is = |r: &RunSummary, verb: &str| r.command.starts_with(verb);
    let index: HashMap<String, usize> = runs.iter().enumerate().map(|(i, r)| (r.id.clone(), i)).collect();
    // The chain root of each run (resumes point up to it).
    let root_of = |mut i: usize| {
        for _ in 0..runs.len() {
            match (is(&runs[i], "resume"), runs[i].parent.as_ref().and_then(|p| index.get(p))) {
                (true, Some(&p)) => i = p,
                _ => break,
            }
        }
        i
    };
    let roots: Vec<usize> = (0..runs.len()).map(root_of).collect();
    // Oldest first, so later runs overwrite: the newest resume and rollback win.
    for i in 0..runs.len() {
        let Some(&p) = runs[i].parent.as_ref().and_then(|p| index.get(p)) else { continue };
        let id = runs[i].id.clone();
        if is(&runs[i], "resume") {
            runs[p].resumed_by = Some(id);
        } else if is(&runs[i], "rollback") && !runs[i].command.contains("--dry-run") {
            let root = roots[p];
            for (j, r) in roots.iter().enumerate() {
                if *r == root {
                    runs[j].rolled_back_by = Some(id.clone());
                }
            }
        }
    }
    let mut state_of_root: HashMap<usize, ChainState> = HashMap::new();
    for (i, r) in runs.iter().enumerate() {
        let own = if r.running {
            ChainState::Running
        } else if r.finished {
            ChainState::Finished
        } else {
            ChainState::Interrupted
        };
        let entry = state_of_root.entry(roots[i]).or_insert(own);
        // Running anywhere wins; otherwise the newest run (listed last) decides.
        if *entry != ChainState::Running {
            *entry = own;
        }
    }
    for i in 0..runs.len() {
        if runs[i].error.is_none() {
            runs[i].chain_state = state_of_root.get(&roots[i]).copied();
        }
    }
}

/// Finds a run by id, unique id prefix, or `last`: the newest run that was neither a dry run
/// nor a rollback (what `resume last` and `rollback last` mean).
pub fn resolve_run_id(root: &Path, wanted: &str) -> Result<String, JournalError> {
    resolve_run_id_of(root, wanted, false)
}

/// [`resolve_run_id`]; with `rollbacks`, `last` may also be a rollback (for `runs show last`).
pub fn resolve_run_id_of(root: &Path, wanted: &str, rollbacks: bool) -> Result<String, JournalError> {
    let ids = ids_oldest_first(root)?;
    if wanted.eq_ignore_ascii_case("last") {
        // `last` means the newest run that changed something: a dry run (of a batch or of a
        // rollback) changes nothing, so `rollback last --dry-run` then `rollback last` undoes
        // the batch the admin just looked at, not the dry run. And it is never a rollback, so
        // `rollback last` twice cannot undo the undo.
        let eligible = |id: &String| {
            super::journal::read_header(&root.join(id)).is_ok_and(|h| {
                !super::plan::is_dry_run(&h)
                    && (rollbacks || super::plan::RunKind::of(&h) != super::plan::RunKind::Rollback)
            })
        };
        return ids.iter().rev().find(|id| eligible(id)).cloned().ok_or_else(|| {
            JournalError::RunId(format!("no runs that changed anything (other than rollbacks) in {}", root.display()))
        });
    }
    if ids.iter().any(|i| i == wanted) {
        return Ok(wanted.to_string());
    }
    let matches: Vec<&String> = ids.iter().filter(|i| i.starts_with(wanted)).collect();
    match matches.as_slice() {
        [one] => Ok((*one).clone()),
        [] => Err(JournalError::RunId(format!(
            "no run id starts with '{wanted}' in {}; `mbxctl runs list` shows them",
            root.display()
        ))),
        many => Err(JournalError::RunId(format!(
            "'{wanted}' matches {} runs ({}); give more characters",
            many.len(),
            many.iter().take(5).map(|s| s.as_str()).collect::<Vec<_>>().join(", ")
        ))),
    }
}

/// Reads one run by id or prefix (`last` may be a rollback here).
pub fn show_run(root: &Path, id: &str) -> Result<RunDetail, JournalError> {
    let id = resolve_run_id_of(root, id, true)?;
    let state = read_journal(&root.join(&id))?;
    // A resume keeps its rows in the chain's first run.
    let chain = super::plan::chain_root(root, &id).unwrap_or_else(|_| id.clone());
    let read_map = |file: &str| -> Option<Vec<u8>> {
        std::fs::read(root.join(&id).join(file)).or_else(|_| std::fs::read(root.join(&chain).join(file))).ok()
    };
    let addresses = read_map(journal::ADDRESSES_FILE)
        .and_then(|b| serde_json::from_slice::<BTreeMap<usize, String>>(&b).ok())
        .unwrap_or_default();
    let inputs = read_map(journal::ITEMS_FILE)
        .and_then(|b| serde_json::from_slice::<Vec<BatchItem>>(&b).ok())
        .unwrap_or_default()
        .into_iter()
        .map(|i| (i.row, i))
        .collect();
    Ok(RunDetail {
        addresses,
        inputs,
        counts: counts(&state),
        items: state.items.into_values().collect(),
        header: state.header,
        finished: state.finished,
        torn_tail: state.torn_tail,
    })
}

/// The fixed columns of `runs show --csv`; the input's `Comment` and its extra columns follow.
pub const CSV_COLUMNS: [&str; 14] = [
    "RunId",
    "Item",
    "Identity",
    "PrimarySmtpAddress",
    "Target",
    "Status",
    "Reason",
    "Warnings",
    "Commands",
    "FailureKind",
    "PreviousType",
    "Granted",
    "Updated",
    "Comment",
];

/// Writes a run as CSV for a change-management report: one row per item, with the identity as
/// typed and the address it resolved to, the status in the words the run printed, every
/// warning, the commands run (or, for a dry run, planned), and the input's own extra columns
/// (a ticket number, an owner) unchanged, after the fixed ones.
pub fn export_csv<W: std::io::Write>(detail: &RunDetail, out: W) -> Result<(), csv::Error> {
    let mut w = csv_writer(out)?;
    // Extra columns in the order the file had them (rows may lack some: a JSON input).
    let mut extra: Vec<&str> = Vec::new();
    for input in detail.inputs.values() {
        for (name, _) in &input.extra {
            if !extra.contains(&name.as_str()) && !CSV_COLUMNS.iter().any(|c| c.eq_ignore_ascii_case(name)) {
                extra.push(name);
            }
        }
    }
    w.write_record(CSV_COLUMNS.iter().copied().chain(extra.iter().copied()))?;
    for item in &detail.items {
        let granted: Vec<String> =
            item.grants.iter().map(|g| format!("{}:{}", grant_name(g.grant), g.trustee)).collect();
        let failure = item.failure.map(|k| serde_json::to_value(k).ok().and_then(|v| v.as_str().map(String::from)));
        let warnings: Vec<String> = item.warnings.iter().map(|w| format!("{}: {}", w.id, w.message)).collect();
        let input = detail.inputs.get(&item.item);
        let mut record: Vec<String> = vec![
            detail.header.id.clone(),
            item.item.to_string(),
            item.identity.clone(),
            detail.addresses.get(&item.item).cloned().unwrap_or_default(),
            item.target.clone().unwrap_or_default(),
            item.status.to_string(),
            item.reason.clone().unwrap_or_default(),
            warnings.join("; "),
            // One command per line inside the cell: Excel shows them as lines of one cell.
            item.commands.join("\n"),
            failure.flatten().unwrap_or_default(),
            item.previous_type.clone().unwrap_or_default(),
            granted.join("; "),
            item.updated.clone(),
            input.and_then(|i| i.comment.clone()).unwrap_or_default(),
        ];
        for name in &extra {
            let value = input.and_then(|i| i.extra.iter().find(|(n, _)| n == name)).map(|(_, v)| v.clone());
            record.push(value.unwrap_or_default());
        }
        w.write_record(&record)?;
    }
    w.flush()?;
    Ok(())
}

fn grant_name(g: GrantKind) -> &'static str {
    match g {
        GrantKind::FullAccess => "FullAccess",
        GrantKind::SendAs => "SendAs",
        GrantKind::SendOnBehalf => "SendOnBehalf",
    }
}

// ---------------------------------------------------------------------------------------------
// Resume

/// What a resumed run does with one item of its parent.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "action", rename_all = "kebab-case")]
pub enum ResumeKind {
    /// Nothing: it was verified or deliberately skipped.
    Skip {
        /// Why.
        reason: String,
    },
    /// Commands may have run: re-read the mailbox first, apply only what is still needed.
    Recheck,
    /// Never started: run it normally.
    Run,
    /// Failed for a transient reason (or forced): try again; `recheck` if commands had started.
    Retry {
        /// Whether to re-read before applying.
        recheck: bool,
    },
    /// Failed for a lasting reason; left failed (pass force to retry anyway).
    KeepFailed {
        /// The recorded reason.
        reason: String,
    },
}

/// One item's resume decision.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ResumeAction {
    /// Item key.
    pub item: usize,
    /// Mailbox identity.
    pub identity: String,
    /// The decision.
    #[serde(flatten)]
    pub kind: ResumeKind,
}

/// Decides, item by item, what resuming a run does. `force_failed` retries lasting failures too.
pub fn plan_resume(state: &RunState, force_failed: bool) -> Vec<ResumeAction> {
    state
        .items
        .values()
        .map(|it| {
            let kind = match it.state {
                ItemState::Verified => ResumeKind::Skip { reason: "verified".into() },
                ItemState::Skipped => ResumeKind::Skip {
                    reason: format!("skipped: {}", it.reason.as_deref().unwrap_or("no reason recorded")),
                },
                ItemState::ApplyStarted | ItemState::Applied => ResumeKind::Recheck,
                ItemState::Planned | ItemState::Preflighted => ResumeKind::Run,
                ItemState::Failed => {
                    let transient = it.failure.is_some_and(FailureKind::is_transient);
                    if transient || force_failed {
                        ResumeKind::Retry { recheck: it.apply_started }
                    } else {
                        ResumeKind::KeepFailed { reason: it.reason.clone().unwrap_or_default() }
                    }
                }
            };
            ResumeAction { item: it.item, identity: it.identity.clone(), kind }
        })
        .collect()
}

// ---------------------------------------------------------------------------------------------
// Rollback

/// One step of undoing a run. Per item, grants are removed before the mailbox is converted back.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "action", rename_all = "kebab-case")]
pub enum RollbackAction {
    /// Remove a permission this run added.
    RemoveGrant {
        /// Item key.
        item: usize,
        /// The mailbox.
        identity: String,
        /// Which permission.
        grant: GrantKind,
        /// From whom.
        trustee: String,
    },
    /// Convert the mailbox back.
    ConvertBack {
        /// Item key.
        item: usize,
        /// The mailbox.
        identity: String,
        /// The type to return to.
        to: TargetType,
        /// True when the journal shows the command started but not that it finished: re-read
        /// first and convert back only if the mailbox is now of the run's target type.
        recheck: bool,
    },
    /// The journal does not say enough to undo automatically.
    Manual {
        /// Item key.
        item: usize,
        /// The mailbox.
        identity: String,
        /// What is unknown.
        reason: String,
    },
    /// An earlier rollback of the same chain already undid this item: nothing to do.
    AlreadyUndone {
        /// Item key.
        item: usize,
        /// The mailbox.
        identity: String,
        /// The rollback run that undid it.
        by: String,
    },
}

impl RollbackAction {
    /// The item key and mailbox the action is about.
    pub fn item(&self) -> (usize, &str) {
        match self {
            RollbackAction::RemoveGrant { item, identity, .. }
            | RollbackAction::ConvertBack { item, identity, .. }
            | RollbackAction::Manual { item, identity, .. }
            | RollbackAction::AlreadyUndone { item, identity, .. } => (*item, identity),
        }
    }
}

/// Plans undoing a run: exactly the permissions it granted, and a conversion back for every
/// mailbox it converted (applied or verified; started-only ones with a recheck).
pub fn plan_rollback(state: &RunState) -> Vec<RollbackAction> {
    let mut actions = Vec::new();
    for it in state.items.values() {
        for g in &it.grants {
            actions.push(RollbackAction::RemoveGrant {
                item: it.item,
                identity: it.identity.clone(),
                grant: g.grant,
                trustee: g.trustee.clone(),
            });
        }
        if !it.apply_started && !it.applied {
            continue;
        }
        let back = match it.previous_type.as_deref() {
            Some(prev) if prev.eq_ignore_ascii_case(super::single::DISCONNECTED) => Err(format!(
                "it was a disconnected mailbox connected to {} as shared; to undo, disconnect it again: Disable-Mailbox {}",
                it.identity,
                crate::cmdlet::literal::quote(&it.identity)
            )),
            Some(prev) => previous_to_target(prev).ok_or_else(|| {
                format!("the mailbox was a {prev} before; mbxctl converts back only to Shared or Regular")
            }),
            None => it
                .target
                .as_deref()
                .and_then(parse_target)
                .map(opposite_target)
                .ok_or_else(|| "the journal records neither the previous type nor the target".to_string()),
        };
        match back {
            Ok(to) => actions.push(RollbackAction::ConvertBack {
                item: it.item,
                identity: it.identity.clone(),
                to,
                recheck: !it.applied,
            }),
            Err(reason) => {
                actions.push(RollbackAction::Manual { item: it.item, identity: it.identity.clone(), reason })
            }
        }
    }
    actions
}

fn previous_to_target(t: &str) -> Option<TargetType> {
    match t.to_ascii_lowercase().as_str() {
        // A hybrid conversion records the on-premises remote mailbox's type.
        "usermailbox" | "regular" | "remoteusermailbox" => Some(TargetType::Regular),
        "sharedmailbox" | "shared" | "remotesharedmailbox" => Some(TargetType::Shared),
        _ => None,
    }
}

/// A CSV writer for reports that open cleanly in Excel on Windows: a UTF-8 byte-order mark (else
/// Excel reads accented names as ANSI) and CRLF line ends.
pub fn csv_writer<W: std::io::Write>(mut out: W) -> Result<csv::Writer<W>, csv::Error> {
    out.write_all("\u{FEFF}".as_bytes())?;
    Ok(csv::WriterBuilder::new().terminator(csv::Terminator::CRLF).from_writer(out))
}
