//! Running a convert batch, new or resumed: the journal and its side files, the claims, the
//! pool, Ctrl-C, and the items streamed as JSON Lines.

use super::report::{finish_run, item_line, print_line};
use super::{STOP_GRACE, STOP_WAIT, close_all, invocation_prefix, journal_err, listen_for_interrupts, open_session};
use crate::cli::Cli;
use crate::cli::output::{CliResult, banner, say};
use crate::shell::ShellInfo;
use crate::workflow::batch::cancel::Cancel;
use crate::workflow::batch::journal::{Journal, RunHeader};
use crate::workflow::batch::pool::{PoolOptions, WorkItem, run_pool};
use crate::workflow::batch::prepare::{SkippedRow, planned_records, take_ownership, taken_reason, write_run_files};
use crate::workflow::batch::progress::Progress;
use crate::workflow::batch::sessions::SessionSource;
use crate::workflow::batch::view::{ItemResult, convert_status, reason_of, report_warnings};
use crate::workflow::batch::worker::{BatchWorker, ConvertJob, Session};
use crate::workflow::batch::{BatchItem, RowProblem};
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::Path;
use std::sync::{Arc, Mutex};

/// A convert batch ready to run.
pub(super) struct ConvertBatch {
    pub header: RunHeader,
    pub items: Vec<BatchItem>,
    /// Every usable input row, the skipped ones included (kept for reports; resume skips what
    /// the journal says was skipped).
    pub inputs: Vec<BatchItem>,
    /// Items to recheck (their commands started in the run being resumed).
    pub recheck: BTreeSet<usize>,
    /// Rows skipped before running.
    pub skipped: Vec<SkippedRow>,
    pub problems: Vec<RowProblem>,
    pub job: ConvertJob,
    pub notes: Vec<String>,
    /// The mailbox key each item claims (resolved ExchangeGuid; the identity when unknown).
    pub keys: HashMap<usize, String>,
    /// The primary SMTP address each item resolved to.
    pub addresses: BTreeMap<usize, String>,
    /// `--all`: list every row at the end.
    pub all: bool,
}

/// Runs a batch with the sessions already open (`sessions[0]` first) and those `source` still
/// delivers; slots beyond both open their own.
pub(super) async fn execute_convert(
    cli: &Cli,
    root: &Path,
    batch: ConvertBatch,
    sessions: Vec<Session>,
    source: &SessionSource<Session>,
    info: ShellInfo,
) -> CliResult {
    let ConvertBatch { header, items, inputs, recheck, skipped, problems, job, notes, keys, addresses, all } = batch;
    let run_id = header.id.clone();
    let dry_run = job.dry_run;
    let journal = Journal::create(root, &header).map_err(journal_err)?;
    write_run_files(&journal, &inputs, &keys, &addresses).map_err(journal_err)?;
    let pairs: Vec<(usize, String)> = items.iter().map(|i| (i.row, i.identity.clone())).collect();
    let (owned, taken) =
        take_ownership(root, &journal, &run_id, &info.target, &pairs, &keys, dry_run).map_err(journal_err)?;
    journal.append_items(&planned_records(&items, &skipped, &taken)).map_err(journal_err)?;

    if !cli.json {
        say!("{}", banner(&info));
        eprintln!(
            "run {run_id}: {} item(s), {} skipped; journal in {}",
            items.len(),
            skipped.len(),
            journal.dir().display()
        );
    }
    for n in &notes {
        eprintln!("note: {n}");
    }

    let mut results: Vec<ItemResult> = Vec::new();
    let early = skipped
        .iter()
        .map(|(row, identity, reason)| ItemResult::new(*row, identity.clone(), "skipped", reason.clone()))
        .chain(items.iter().filter_map(|i| {
            Some(ItemResult::new(i.row, i.identity.clone(), "taken", taken_reason(taken.get(&i.row)?)))
        }));
    for result in early {
        if cli.json {
            print_line(&item_line::<()>(&run_id, &result, None));
        }
        results.push(result);
    }

    let worker = BatchWorker::new(&journal, job);
    worker.inherit_started(recheck.iter().copied());
    let reports = worker.reports();
    let collected: Arc<Mutex<Vec<ItemResult>>> = Arc::default();
    let work: Vec<WorkItem<BatchItem>> = items
        .into_iter()
        .filter(|i| !taken.contains_key(&i.row))
        .map(|i| {
            let mut w = WorkItem::new(i.row, i.identity.clone(), i);
            w.recheck = recheck.contains(&w.key);
            w
        })
        .collect();
    let progress = {
        let collected = Arc::clone(&collected);
        let claims = Arc::clone(&owned.claims);
        let json = cli.json;
        let run_id = run_id.clone();
        Progress::auto(run_id.clone(), work.len(), false).on_item_finished(move |f| {
            // Its final record is journaled: another run may have the mailbox now.
            claims.release(f.key);
            let report = reports.lock().unwrap_or_else(|p| p.into_inner()).remove(&f.key);
            let mut result =
                ItemResult::new(f.key, f.identity.clone(), convert_status(f, report.as_ref()), reason_of(f));
            if let Some(r) = &report {
                result.warnings = report_warnings(&r.checks);
            }
            if json {
                print_line(&item_line(&run_id, &result, report.as_ref()));
            }
            collected.lock().unwrap_or_else(|p| p.into_inner()).push(result);
        })
    };
    let cancel = Cancel::new();
    let resume_line = format!("{} resume {run_id}", invocation_prefix(cli));
    let listener = listen_for_interrupts(cancel.clone(), resume_line);
    let stash = std::cell::RefCell::new(sessions.into_iter().map(Some).collect::<Vec<_>>());
    let requested = header.options.get("sessions").and_then(|v| v.as_u64()).unwrap_or(4) as usize;
    let options = PoolOptions { cancel: Some(cancel), stop_grace: STOP_GRACE + STOP_WAIT, ..PoolOptions::default() };
    let report = run_pool(
        work,
        requested,
        &options,
        |slot| {
            let pre = stash.borrow_mut().get_mut(slot).and_then(Option::take);
            async move {
                if let Some(s) = pre {
                    return Ok(s);
                }
                // A session opened in the background joins as soon as it is ready; when none is
                // left to come (or it failed), the slot opens its own.
                match source.next().await {
                    Some(Ok(s)) => Ok(s),
                    _ => open_session(cli).await,
                }
            }
        },
        async |session: &mut Session, item: WorkItem<BatchItem>| worker.run(session, item).await,
        &journal,
        progress,
    )
    .await;
    let mut leftover: Vec<Session> = stash.into_inner().into_iter().flatten().collect();
    leftover.extend(source.drain());
    close_all(leftover).await;
    results.extend(collected.lock().unwrap_or_else(|p| p.into_inner()).drain(..));
    let code = finish_run(cli, all, &journal, &report, results, &problems, "convert");
    listener.abort();
    drop(owned);
    code
}
