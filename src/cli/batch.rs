//! Batches: `convert --from FILE`, `runs list|show`, `resume ID`, `rollback ID` (docs/batches.md).

use super::connect;
use super::output::{CliError, CliResult, ExitCode, SCHEMA_VERSION, banner, say, sayln, table};
use super::{Cli, ConvertArgs, ResumeArgs, RollbackArgs};
use crate::cmdlet::Severity;
use crate::secret::Secret;
use crate::shell::{ShellError, ShellInfo};
use crate::workflow::batch::cancel::Cancel;
use crate::workflow::batch::claims::{Claims, RunLock, claim_key, is_running};
use crate::workflow::batch::journal::{
    self, Event, FailureKind, Journal, JournalError, RunHeader, now_text, write_atomic,
};
use crate::workflow::batch::plan::{
    RunKind, chain_members, chain_root, plan_chain_rollback, read_chain, select_resume, undone_items,
};
use crate::workflow::batch::pool::{PoolOptions, PoolReport, WorkItem, clamp_sessions, run_pool};
use crate::workflow::batch::progress::{FinalOutcome, FinishedItem, Progress};
use crate::workflow::batch::rollback::{
    RollbackItemReport, RollbackJob, RollbackStatus, RollbackWorker, group_actions,
};
use crate::workflow::batch::runs::{RollbackAction, resolve_run_id};
use crate::workflow::batch::worker::{
    BatchWorker, ConvertJob, Resolution, Session, apply_grant_defaults, join_all, resolution_problems, resolve_all,
};
use crate::workflow::batch::{BatchItem, RowDefaults, RowProblem, TargetType, read_batch};
use crate::workflow::convert::{ConvertReport, ConvertStatus};
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::io::{IsTerminal, Read, Write};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

/// The file in a run directory that holds the items a convert run works on (for resume).
pub const ITEMS_FILE: &str = "items.json";
/// The file in a run directory that maps each item to the mailbox key it claims (the resolved
/// ExchangeGuid when pre-flight found one), so resumes and rollbacks claim the same mailbox.
pub const KEYS_FILE: &str = "keys.json";

/// How long commands already sent may take to finish after the first Ctrl-C.
const STOP_GRACE: std::time::Duration = std::time::Duration::from_secs(10);
/// After the grace period: how long PSRP's stop and the sessions' closing may take before the pool stops
/// waiting (it then drops the sessions, which kills their PowerShell processes).
const STOP_WAIT: std::time::Duration = std::time::Duration::from_secs(5);

/// Listens for Ctrl-C (and Ctrl-Break on Windows) while a run works: the first raises `cancel`
/// (the pool stops starting items and lets those in flight finish within `STOP_GRACE`; then the
/// commands still running are stopped with PSRP's stop and their sessions closed, and the run
/// reports them interrupted and exits 130); the second exits at once — every journal line is already durable, so the journal
/// stays consistent and `resume` finishes the run. Abort the returned task when the run ends.
fn listen_for_interrupts(cancel: Cancel, resume_line: String) -> tokio::task::JoinHandle<()> {
    let interrupt = super::interrupt::Interrupt::install();
    tokio::spawn(async move {
        interrupt.wait_for(1).await;
        cancel.cancel();
        eprintln!(
            "\ninterrupted: no new items start; the commands already sent may take up to {} s to finish. \
             Press Ctrl-C again to stop at once.",
            STOP_GRACE.as_secs()
        );
        tokio::select! {
            () = tokio::time::sleep(STOP_GRACE) => {
                crate::transport::session::stop_running_commands();
                eprintln!(
                    "the grace period is over: stopping the commands still running (PowerShell's stop) and \
                     closing their sessions"
                );
                interrupt.wait_for(2).await;
            }
            () = interrupt.wait_for(2) => {}
        }
        eprintln!("\nstopped at once; the journal is consistent. Finish the run with:\n  {resume_line}");
        std::process::exit(ExitCode::Interrupted as i32);
    })
}

/// Reads the claim keys a run saved.
fn read_keys(dir: &Path) -> HashMap<usize, String> {
    std::fs::read(dir.join(KEYS_FILE))
        .ok()
        .and_then(|b| serde_json::from_slice::<HashMap<usize, String>>(&b).ok())
        .unwrap_or_default()
}

pub(super) fn runs_root(cli: &Cli) -> Result<PathBuf, CliError> {
    match connect::lab_dir(cli) {
        Some(dir) => Ok(journal::lab_runs_root(&dir)),
        None => journal::default_runs_root(|k| std::env::var_os(k)).map_err(|e| CliError::Usage(e.to_string())),
    }
}

pub(super) fn journal_err(e: JournalError) -> CliError {
    match e {
        JournalError::RunId(m) => CliError::Usage(m),
        other => CliError::Failed(other.to_string()),
    }
}

/// How a command line addresses the same target again (for "resume with ..." hints).
fn invocation_prefix(cli: &Cli) -> String {
    match (&cli.lab_dir, cli.lab) {
        (Some(d), _) => format!("mbxctl --lab-dir {}", d.display()),
        (None, true) => "mbxctl --lab".into(),
        (None, false) => {
            let mut s = String::from("mbxctl");
            if let Some(p) = &cli.profile {
                s.push_str(&format!(" --profile {p}"));
            }
            if let Some(p) = &cli.cloud_profile {
                s.push_str(&format!(" --cloud-profile {p}"));
            }
            s
        }
    }
}

async fn open_session(cli: &Cli) -> Result<Session, ShellError> {
    let primary = connect::open_primary(cli).await.map_err(connect::start_error)?;
    let cloud = connect::open_cloud(cli).await.map_err(connect::start_error)?;
    Ok(Session { primary, cloud })
}

/// Opens `n` sessions: the first alone (it may create the LAB), the rest in parallel.
async fn open_sessions(cli: &Cli, n: usize) -> Result<Vec<Session>, CliError> {
    let first = open_session(cli).await.map_err(|e| CliError::Session(e.to_string()))?;
    let rest = join_all((1..n).map(|_| open_session(cli)).collect()).await;
    let mut out = vec![first];
    for s in rest {
        out.push(s.map_err(|e| CliError::Session(e.to_string()))?);
    }
    Ok(out)
}

async fn close_all(sessions: Vec<Session>) {
    for mut s in sessions {
        let _ = crate::shell::Shell::close(&mut s).await;
    }
}

/// Reads one password for every mailbox converted back: the first line of standard input with
/// `--password-stdin`, a prompt on a terminal, else none (those items are then blocked).
fn read_password(password_stdin: bool, what: &str) -> Result<Option<Secret>, CliError> {
    if password_stdin {
        let mut line = String::new();
        std::io::stdin()
            .read_line(&mut line)
            .map_err(|e| CliError::Usage(format!("--password-stdin: cannot read standard input: {e}")))?;
        // Trim in place and move the buffer into the Secret, so no copy of the password is left
        // behind un-wiped.
        let secret = Secret::from_line(line);
        if secret.expose().is_empty() {
            return Err(CliError::Usage("--password-stdin: the first line of standard input is empty".into()));
        }
        return Ok(Some(secret));
    }
    if std::io::stdin().is_terminal() {
        let pw = rpassword::prompt_password(format!("New password for {what} (not shown, one for all): "))
            .map_err(|e| CliError::Usage(format!("cannot read the password: {e}")))?;
        return Ok(if pw.is_empty() { None } else { Some(Secret::new(pw)) });
    }
    Ok(None)
}

fn severity_name(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
        _ => "note",
    }
}

fn problems_table(problems: &[RowProblem]) -> String {
    let rows: Vec<Vec<String>> = problems
        .iter()
        .map(|p| {
            vec![
                if p.row == 0 { "-".into() } else { p.row.to_string() },
                if p.line == 0 { "-".into() } else { p.line.to_string() },
                p.column.clone().unwrap_or_default(),
                severity_name(p.severity).into(),
                p.code.into(),
                p.message.clone(),
            ]
        })
        .collect();
    table(&["ROW", "LINE", "COLUMN", "SEVERITY", "CODE", "PROBLEM"], &rows)
}

// ---------------------------------------------------------------------------------------------
// Results and summaries

/// One finished item, as the table and the summary show it.
#[derive(Debug, Clone)]
struct ItemResult {
    row: usize,
    identity: String,
    status: &'static str,
    reason: String,
}

fn status_name(s: ConvertStatus) -> &'static str {
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

/// The status of a finished convert item: the report's, except that an item this run had
/// started and found done on re-read is `converted`, and a pool failure is `failed`.
fn convert_status(item: &FinishedItem, report: Option<&ConvertReport>) -> &'static str {
    match (&item.outcome, report) {
        (FinalOutcome::Done(Event::Verified { .. }), _) => "converted",
        (FinalOutcome::Done(_), Some(r)) => status_name(r.status),
        (FinalOutcome::Done(_), None) => "skipped",
        (FinalOutcome::Failed { .. }, Some(r)) if r.status == ConvertStatus::Blocked => "blocked",
        (FinalOutcome::Failed { .. }, Some(r)) if r.status == ConvertStatus::Partial => "partial",
        (FinalOutcome::Failed { .. }, _) => "failed",
    }
}

fn reason_of(item: &FinishedItem) -> String {
    match &item.outcome {
        FinalOutcome::Failed { reason, .. } => reason.clone(),
        FinalOutcome::Done(Event::Skipped { reason }) => reason.clone(),
        FinalOutcome::Done(Event::Verified { detail }) => {
            detail.get("note").and_then(|n| n.as_str()).unwrap_or_default().to_string()
        }
        FinalOutcome::Done(_) => String::new(),
    }
}

/// Counts by status and the exit code: 0 all good, 3 nothing changed and nothing failed (all
/// blocked or skipped), 1 all failed, 4 mixed.
#[derive(Debug, Default, Clone, serde::Serialize)]
struct Counts {
    total: usize,
    converted: usize,
    nothing_to_do: usize,
    planned: usize,
    blocked: usize,
    failed: usize,
    skipped: usize,
    taken: usize,
    interrupted: usize,
}

impl Counts {
    fn of(results: &[ItemResult]) -> Counts {
        let mut c = Counts { total: results.len(), ..Default::default() };
        for r in results {
            match r.status {
                "converted" | "undone" => c.converted += 1,
                "nothing-to-do" => c.nothing_to_do += 1,
                "planned" => c.planned += 1,
                "blocked" => c.blocked += 1,
                "skipped" => c.skipped += 1,
                "taken" => c.taken += 1,
                "interrupted" | "not-started" => c.interrupted += 1,
                _ => c.failed += 1,
            }
        }
        c
    }

    /// 0 all good; 3 only blocked or skipped items (those never send a changing command);
    /// 1 only failures; 4 anything mixed, and any item another run had taken (the batch is not
    /// done, though this run did nothing wrong).
    fn exit_code(&self) -> ExitCode {
        let good = self.converted + self.nothing_to_do + self.planned;
        let bad = self.blocked + self.failed + self.skipped + self.taken + self.interrupted;
        match (good, bad) {
            (_, 0) => ExitCode::Done,
            (0, _) if self.failed + self.taken + self.interrupted == 0 => ExitCode::Blocked,
            (0, _) if self.blocked + self.skipped + self.taken + self.interrupted == 0 => ExitCode::Failed,
            _ => ExitCode::Partial,
        }
    }
}

fn print_line(value: &serde_json::Value) {
    let mut out = std::io::stdout().lock();
    // A closed stdout (a runbook that stopped reading) must not stop the batch.
    let _ = writeln!(out, "{}", super::target::inject(value.clone()));
    let _ = out.flush();
}

fn items_table(results: &[ItemResult]) -> String {
    let rows: Vec<Vec<String>> = results
        .iter()
        .map(|r| vec![r.row.to_string(), r.identity.clone(), r.status.to_string(), r.reason.clone()])
        .collect();
    table(&["ROW", "IDENTITY", "STATUS", "REASON"], &rows)
}

// ---------------------------------------------------------------------------------------------
// Running a convert batch (new or resumed)

/// A convert batch ready to run.
struct ConvertBatch {
    header: RunHeader,
    items: Vec<BatchItem>,
    /// Items to recheck (their commands started in the run being resumed).
    recheck: BTreeSet<usize>,
    /// Rows skipped before running: (row, identity, reason).
    skipped: Vec<(usize, String, String)>,
    problems: Vec<RowProblem>,
    job: ConvertJob,
    notes: Vec<String>,
    /// The mailbox key each item claims (resolved ExchangeGuid; the identity when unknown).
    keys: HashMap<usize, String>,
}

/// What a run holds while it works: the run's lock (so others see it running and never take
/// over its claims) and its claims on mailboxes.
struct Ownership {
    _lock: RunLock,
    claims: Arc<Claims>,
}

/// Takes the run's lock and claims every item's mailbox (a dry run claims nothing: it changes
/// nothing). Returns the items another live run owns, with that run's id.
fn take_ownership(
    root: &Path,
    journal: &Journal,
    run_id: &str,
    target: &str,
    items: &[(usize, String)],
    keys: &HashMap<usize, String>,
    dry_run: bool,
) -> Result<(Ownership, BTreeMap<usize, String>), CliError> {
    let lock = RunLock::acquire(journal.dir()).map_err(journal_err)?;
    let claims = Arc::new(Claims::new(root, run_id).map_err(journal_err)?);
    if dry_run {
        return Ok((Ownership { _lock: lock, claims }, BTreeMap::new()));
    }
    let wanted: Vec<(usize, String)> = items
        .iter()
        .map(|(row, identity)| (*row, claim_key(target, keys.get(row).map_or(identity.as_str(), String::as_str))))
        .collect();
    let taken = claims.claim_all(&wanted).map_err(journal_err)?;
    Ok((Ownership { _lock: lock, claims }, taken))
}

fn taken_reason(by: &str) -> String {
    format!("taken by run {by}: it owns this mailbox now; nothing was sent (resume this run once it ends)")
}

async fn execute_convert(
    cli: &Cli,
    root: &Path,
    batch: ConvertBatch,
    sessions: Vec<Session>,
    info: ShellInfo,
) -> CliResult {
    let ConvertBatch { header, items, recheck, skipped, problems, job, notes, keys } = batch;
    let run_id = header.id.clone();
    let dry_run = job.dry_run;
    let journal = Journal::create(root, &header).map_err(journal_err)?;
    let items_json =
        serde_json::to_vec_pretty(&items).map_err(|e| CliError::Failed(format!("cannot encode items: {e}")))?;
    write_atomic(&journal.dir().join(ITEMS_FILE), &items_json).map_err(journal_err)?;
    let keys_json =
        serde_json::to_vec_pretty(&keys).map_err(|e| CliError::Failed(format!("cannot encode keys: {e}")))?;
    write_atomic(&journal.dir().join(KEYS_FILE), &keys_json).map_err(journal_err)?;
    let pairs: Vec<(usize, String)> = items.iter().map(|i| (i.row, i.identity.clone())).collect();
    let (owned, taken) = take_ownership(root, &journal, &run_id, &info.target, &pairs, &keys, dry_run)?;
    let mut planned: Vec<(usize, String, Event)> = items
        .iter()
        .map(|i| (i.row, i.identity.clone(), Event::Planned { target: i.target.type_value().to_string() }))
        .collect();
    planned
        .extend(skipped.iter().map(|(row, id, reason)| (*row, id.clone(), Event::Skipped { reason: reason.clone() })));
    planned.extend(items.iter().filter_map(|i| {
        let by = taken.get(&i.row)?;
        Some((i.row, i.identity.clone(), Event::Failed { reason: taken_reason(by), kind: FailureKind::Taken }))
    }));
    journal.append_items(&planned).map_err(journal_err)?;

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
    let early =
        skipped.iter().map(|(row, identity, reason)| (*row, identity.clone(), "skipped", reason.clone())).chain(
            items.iter().filter_map(|i| Some((i.row, i.identity.clone(), "taken", taken_reason(taken.get(&i.row)?)))),
        );
    for (row, identity, status, reason) in early {
        if cli.json {
            print_line(&serde_json::json!({"type": "item", "run_id": run_id, "row": row, "identity": identity,
                "status": status, "reason": reason}));
        }
        results.push(ItemResult { row, identity, status, reason });
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
            let status = convert_status(f, report.as_ref());
            let reason = reason_of(f);
            if json {
                print_line(&item_line(&run_id, f.key, &f.identity, report.as_ref(), status, &reason));
            }
            collected.lock().unwrap_or_else(|p| p.into_inner()).push(ItemResult {
                row: f.key,
                identity: f.identity.clone(),
                status,
                reason,
            });
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
                match pre {
                    Some(s) => Ok(s),
                    None => open_session(cli).await,
                }
            }
        },
        async |session: &mut Session, item: WorkItem<BatchItem>| worker.run(session, item).await,
        &journal,
        progress,
    )
    .await;
    close_all(stash.into_inner().into_iter().flatten().collect()).await;
    results.extend(collected.lock().unwrap_or_else(|p| p.into_inner()).drain(..));
    let code = finish_run(cli, &journal, &run_id, &report, results, &problems, "convert");
    listener.abort();
    drop(owned);
    code
}

/// Adds the items an interrupted pool left to the results: never started, or still in flight
/// when the pool stopped waiting.
fn interrupted_results(pool: &PoolReport, results: &mut Vec<ItemResult>) {
    for (row, identity) in &pool.not_started {
        results.push(ItemResult {
            row: *row,
            identity: identity.clone(),
            status: "not-started",
            reason: "interrupted before it started; nothing was sent".into(),
        });
    }
    for (row, identity) in &pool.abandoned {
        results.push(ItemResult {
            row: *row,
            identity: identity.clone(),
            status: "interrupted",
            reason: "interrupted while its commands were running: resume re-reads it before changing anything".into(),
        });
    }
}

fn finish_run(
    cli: &Cli,
    journal: &Journal,
    run_id: &str,
    pool: &PoolReport,
    mut results: Vec<ItemResult>,
    problems: &[RowProblem],
    what: &str,
) -> CliResult {
    interrupted_results(pool, &mut results);
    results.sort_by_key(|r| r.row);
    let results = &results[..];
    let counts = Counts::of(results);
    let mut code = counts.exit_code();
    if let Some(e) = &pool.journal_error {
        code = ExitCode::Failed;
        eprintln!("error: the journal could not be written, so the run stopped: {e}");
    }
    if pool.interrupted {
        code = ExitCode::Interrupted;
    }
    let mut summary = format!(
        "{} {}, {} nothing to do, {} planned, {} blocked, {} failed, {} skipped",
        counts.converted,
        if what == "rollback" { "undone" } else { "converted" },
        counts.nothing_to_do,
        counts.planned,
        counts.blocked,
        counts.failed,
        counts.skipped
    );
    if counts.taken > 0 {
        summary.push_str(&format!(", {} taken by another run", counts.taken));
    }
    if counts.interrupted > 0 {
        summary.push_str(&format!(", {} left by the interrupt", counts.interrupted));
    }
    // An interrupted run has no `run-finished` record: `runs list` shows it interrupted until a
    // resume finishes the chain. Otherwise best effort: without it the run lists as interrupted.
    if !pool.interrupted {
        let _ = journal.append_run(Event::RunFinished { summary: summary.clone() });
    }
    for n in &pool.notes {
        eprintln!("note: {n}");
    }
    let prefix = invocation_prefix(cli);
    let finish_line = if what == "rollback" {
        let parent = journal::read_header(journal.dir()).ok().and_then(|h| h.parent).unwrap_or_default();
        format!("{prefix} rollback {parent}")
    } else {
        format!("{prefix} resume {run_id}")
    };
    if cli.json {
        let mut s = serde_json::json!({
            "type": "summary",
            "schema_version": SCHEMA_VERSION,
            "run_id": run_id,
            "total": counts.total,
            "converted": counts.converted,
            "nothing_to_do": counts.nothing_to_do,
            "planned": counts.planned,
            "blocked": counts.blocked,
            "failed": counts.failed,
            "skipped": counts.skipped,
            "taken": counts.taken,
            "interrupted": pool.interrupted,
            "problems": problems,
            "exit_code": code as i32,
        });
        if let Some(o) = s.as_object_mut() {
            if what == "rollback" {
                // Rollback counts undone items as `converted` (converted back); say so explicitly.
                o.insert("undone".into(), counts.converted.into());
            }
            if pool.interrupted {
                o.insert("not_started".into(), pool.not_started.len().into());
                o.insert("in_flight".into(), pool.abandoned.len().into());
                o.insert("finish".into(), finish_line.clone().into());
            }
        }
        print_line(&s);
    } else {
        if !problems.is_empty() {
            sayln!("\nProblems in the input");
            say!("{}", problems_table(problems));
        }
        sayln!();
        say!("{}", items_table(results));
        sayln!("\nRun {run_id}: {summary} ({} session(s), {:.1} s)", pool.sessions, pool.elapsed.as_secs_f64());
        sayln!("  details:  {prefix} runs show {run_id}   (--csv for a change report)");
        if !pool.interrupted && (counts.failed + counts.taken > 0 || pool.journal_error.is_some()) {
            sayln!("  finish:   {finish_line}");
        }
        if what == "convert" && counts.converted > 0 {
            sayln!("  undo:     {prefix} rollback {run_id} --dry-run");
        }
    }
    if pool.interrupted {
        // On stderr, so it reaches the admin even when stdout goes to a file or a pipe.
        eprintln!(
            "interrupted: run {run_id} stopped early: {} item(s) not started, {} stopped while running; \
             the journal records every change. Finish it with:\n  {finish_line}",
            pool.not_started.len(),
            pool.abandoned.len()
        );
    }
    Ok(code)
}

fn command_text(args: &ConvertArgs, from: &str) -> String {
    let mut c = format!("convert --from {from}");
    if let Some(to) = args.to {
        c.push_str(if to == TargetType::Shared { " --to shared" } else { " --to regular" });
    }
    for (flag, list) in
        [("--full-access", &args.full_access), ("--send-as", &args.send_as), ("--send-on-behalf", &args.send_on_behalf)]
    {
        if !list.is_empty() {
            c.push_str(&format!(" {flag} {}", list.join(",")));
        }
    }
    if args.copy_sent_items {
        c.push_str(" --copy-sent-items");
    }
    if args.strict {
        c.push_str(" --strict");
    }
    if args.dry_run {
        c.push_str(" --dry-run");
    }
    c.push_str(&format!(" --sessions {}", args.sessions));
    c
}

fn refuse(cli: &Cli, problems: &[RowProblem], why: &str) -> CliResult {
    let errors = problems.iter().filter(|p| p.severity == Severity::Error).count();
    if cli.json {
        print_line(&serde_json::json!({
            "type": "summary", "schema_version": SCHEMA_VERSION, "run_id": null, "total": 0, "converted": 0,
            "nothing_to_do": 0, "planned": 0, "blocked": 0, "failed": 0, "skipped": 0, "problems": problems,
            "exit_code": ExitCode::Usage as i32, "error": why,
        }));
    } else {
        say!("{}", problems_table(problems));
        eprintln!(
            "error: {why}: {errors} bad row(s); nothing was run. Fix the rows above or drop --strict to skip them."
        );
    }
    Ok(ExitCode::Usage)
}

/// `convert --from FILE`.
pub async fn convert_from(cli: &Cli, args: &ConvertArgs, from: &str) -> CliResult {
    if from == "-" && args.password_stdin {
        return Err(CliError::Usage(
            "--from - reads the batch from standard input, so --password-stdin cannot use it too; put the batch in a file"
                .into(),
        ));
    }
    for (flag, users) in
        [("--full-access", &args.full_access), ("--send-as", &args.send_as), ("--send-on-behalf", &args.send_on_behalf)]
    {
        if let Some(bad) = users.iter().find(|u| u.trim().is_empty()) {
            return Err(CliError::Usage(format!("{flag}: empty user name in '{bad}'")));
        }
    }
    let bytes = if from == "-" {
        let mut b = Vec::new();
        std::io::stdin()
            .read_to_end(&mut b)
            .map_err(|e| CliError::Usage(format!("cannot read standard input: {e}")))?;
        b
    } else {
        std::fs::read(from).map_err(|e| CliError::Usage(format!("cannot read {from}: {e}")))?
    };
    let source = if from == "-" { "standard input" } else { from };
    let defaults = RowDefaults {
        target: args.to,
        auto_mapping: args.auto_mapping,
        reset_password_on_next_logon: args.reset_password_on_next_logon.then_some(true),
    };
    let input = read_batch(&bytes, source, &defaults);
    if let Some(p) = input.problems.iter().find(|p| p.row == 0 && p.severity == Severity::Error) {
        return Err(CliError::Usage(format!("{source}: {}", p.message)));
    }
    let mut problems = input.problems.clone();
    if args.strict && input.has_errors() {
        return refuse(cli, &problems, "--strict: the batch has bad rows");
    }
    let had_errors = input.has_errors();
    let mut items = input.items;
    if items.is_empty() && !had_errors {
        return Err(CliError::Usage(format!("{source}: no mailboxes in the batch")));
    }
    apply_grant_defaults(&mut items, &args.full_access, &args.send_as, &args.send_on_behalf);

    let (n, note) = clamp_sessions(args.sessions);
    let n = n.min(items.len().max(1));
    let sessions = open_sessions(cli, n).await?;
    let info = sessions[0].primary.describe();
    let (sessions, resolved) = resolve_all(sessions, &items, || open_session(cli)).await;
    let resolution = resolution_problems(&items, &resolved);
    let keys: HashMap<usize, String> = resolved
        .iter()
        .filter_map(|(row, r)| match r {
            Resolution::Found(k) => Some((*row, k.0.clone())),
            Resolution::Problem(..) => None,
        })
        .collect();
    problems.extend(resolution);
    problems.sort_by_key(|p| (p.row, p.line));
    if args.strict && problems.iter().any(|p| p.severity == Severity::Error) {
        close_all(sessions).await;
        return refuse(cli, &problems, "--strict: the batch has bad rows");
    }

    // Rows with an error are skipped, once each, with every reason.
    let mut bad: std::collections::BTreeMap<usize, Vec<String>> = std::collections::BTreeMap::new();
    for p in problems.iter().filter(|p| p.severity == Severity::Error && p.row > 0) {
        bad.entry(p.row).or_default().push(match &p.column {
            Some(c) => format!("{c}: {}", p.message),
            None => p.message.clone(),
        });
    }
    let identities: HashMap<usize, String> = items.iter().map(|i| (i.row, i.identity.clone())).collect();
    let skipped: Vec<(usize, String, String)> = bad
        .iter()
        .map(|(row, reasons)| (*row, identities.get(row).cloned().unwrap_or_default(), reasons.join("; ")))
        .collect();
    items.retain(|i| !bad.contains_key(&i.row));

    // A dry run reads the password only when given on stdin, so its plan shows what the real run does.
    let password = if (!args.dry_run || args.password_stdin) && items.iter().any(|i| i.target == TargetType::Regular) {
        read_password(args.password_stdin, "the mailboxes converted back to regular")?
    } else {
        None
    };
    let header = RunHeader {
        id: journal::new_run_id(),
        started: now_text(),
        command: command_text(args, from),
        target: info.kind.into(),
        options: serde_json::json!({
            "source": source, "to": args.to.map(|t| format!("{t:?}")), "dry_run": args.dry_run,
            "copy_sent_items": args.copy_sent_items, "sessions": n, "strict": args.strict,
        }),
        item_count: items.len() + skipped.len(),
        parent: None,
        version: env!("CARGO_PKG_VERSION").into(),
    };
    let batch = ConvertBatch {
        header,
        items,
        recheck: BTreeSet::new(),
        skipped,
        problems,
        job: ConvertJob { dry_run: args.dry_run, copy_sent_items: args.copy_sent_items, password },
        notes: note.into_iter().collect(),
        keys,
    };
    let root = runs_root(cli)?;
    execute_convert(cli, &root, batch, sessions, info).await
}

// ---------------------------------------------------------------------------------------------
// resume

/// Refuses to work on a chain a live process is working on (its claims would make every item
/// "taken" anyway; this says why in one line).
fn refuse_running(root: &Path, members: &[String]) -> Result<(), CliError> {
    match members.iter().find(|m| is_running(&root.join(m))) {
        Some(m) => Err(CliError::Usage(format!(
            "run {m} is running now (in another mbxctl process); wait for it to end, or stop it with Ctrl-C"
        ))),
        None => Ok(()),
    }
}

/// `resume ID`: finishes the chain ID belongs to (the run and its earlier resumes).
pub async fn resume(cli: &Cli, args: &ResumeArgs) -> CliResult {
    let root = runs_root(cli)?;
    let id = resolve_run_id(&root, &args.id).map_err(journal_err)?;
    let header = journal::read_header(&root.join(&id)).map_err(journal_err)?;
    if RunKind::of(&header) == RunKind::Rollback {
        let parent = header.parent.unwrap_or_default();
        return Err(CliError::Usage(format!(
            "run {id} is a rollback: a rollback is finished by running it again (`rollback {parent}`), which skips \
             what it already undid"
        )));
    }
    if header.options.get("dry_run").and_then(|v| v.as_bool()) == Some(true) {
        return Err(CliError::Usage(format!(
            "run {id} was a dry run: nothing to resume; run the batch without --dry-run"
        )));
    }
    let chain = chain_root(&root, &id).map_err(journal_err)?;
    let members = chain_members(&root, &chain);
    refuse_running(&root, &members)?;
    let state = read_chain(&root, &chain).map_err(journal_err)?;
    let items_path = root.join(&chain).join(ITEMS_FILE);
    let all: Vec<BatchItem> = match std::fs::read(&items_path) {
        Ok(b) => serde_json::from_slice(&b).map_err(|e| CliError::Failed(format!("{}: {e}", items_path.display())))?,
        Err(_) => {
            return Err(CliError::Usage(format!(
                "run {chain} has no {ITEMS_FILE}: only convert batches can be resumed"
            )));
        }
    };
    let sel = select_resume(&state, all, false);
    let newest = members.last().cloned().unwrap_or_else(|| chain.clone());
    if !cli.json {
        eprintln!(
            "resuming run {chain}{}: {} item(s) to run ({} to re-check first), {} already finished, {} failed for a \
             lasting reason (left as they are)",
            if members.len() > 1 {
                format!(" (chain of {} runs, newest {newest})", members.len())
            } else {
                String::new()
            },
            sel.items.len(),
            sel.recheck.len(),
            sel.done,
            sel.kept_failed
        );
    }
    if sel.items.is_empty() {
        if cli.json {
            print_line(&serde_json::json!({"type": "summary", "schema_version": SCHEMA_VERSION, "run_id": null,
                "parent": newest, "chain": chain, "total": 0, "converted": 0, "nothing_to_do": 0, "planned": 0,
                "blocked": 0, "failed": 0, "skipped": 0, "taken": 0, "interrupted": false, "problems": [],
                "exit_code": 0}));
        } else {
            say!("{}", super::target::header().unwrap_or_default());
            sayln!("Run {chain} has nothing left to do.");
        }
        return Ok(ExitCode::Done);
    }
    let items = sel.items;
    let password = if items.iter().any(|i| i.target == TargetType::Regular) {
        read_password(args.password_stdin, "the mailboxes converted back to regular")?
    } else {
        None
    };
    let (n, note) = clamp_sessions(args.sessions);
    let n = n.min(items.len());
    let sessions = open_sessions(cli, n).await?;
    let info = sessions[0].primary.describe();
    let mut options = state.header.options.clone();
    if let Some(o) = options.as_object_mut() {
        o.insert("sessions".into(), n.into());
    }
    let header = RunHeader {
        id: journal::new_run_id(),
        started: now_text(),
        command: format!("resume {newest}"),
        target: info.kind.into(),
        options,
        item_count: items.len(),
        parent: Some(newest),
        version: env!("CARGO_PKG_VERSION").into(),
    };
    let copy_sent_items = state.header.options.get("copy_sent_items").and_then(|v| v.as_bool()).unwrap_or(false);
    let batch = ConvertBatch {
        header,
        items,
        recheck: sel.recheck,
        skipped: Vec::new(),
        problems: Vec::new(),
        job: ConvertJob { dry_run: false, copy_sent_items, password },
        notes: note.into_iter().collect(),
        keys: read_keys(&root.join(&chain)),
    };
    execute_convert(cli, &root, batch, sessions, info).await
}

// ---------------------------------------------------------------------------------------------
// rollback

/// `rollback ID`: undoes the chain ID belongs to (the run and its resumes), item by item, minus
/// what earlier rollbacks of the chain undid. A rollback itself is undone only when asked for by
/// id with `--undo-rollback`.
pub async fn rollback(cli: &Cli, args: &RollbackArgs) -> CliResult {
    let root = runs_root(cli)?;
    let id = resolve_run_id(&root, &args.id).map_err(journal_err)?;
    let header = journal::read_header(&root.join(&id)).map_err(journal_err)?;
    let is_rollback = RunKind::of(&header) == RunKind::Rollback;
    if is_rollback && !args.undo_rollback {
        return Err(CliError::Usage(format!(
            "run {id} is a rollback (of run {}): undoing it would convert those mailboxes again; to do that, ask \
             for it explicitly: `rollback {id} --undo-rollback`",
            header.parent.as_deref().unwrap_or("?")
        )));
    }
    if !is_rollback && args.undo_rollback {
        return Err(CliError::Usage(format!(
            "--undo-rollback undoes a rollback run, and run {id} is not one (its command: {}); drop the flag",
            header.command
        )));
    }
    if crate::workflow::batch::plan::is_dry_run(&header) {
        return Err(CliError::Usage(format!(
            "run {id} was a dry run: it changed nothing, so there is nothing to undo"
        )));
    }
    // The chain: a rollback stands alone; a batch comes with its resumes.
    let chain = if is_rollback { id.clone() } else { chain_root(&root, &id).map_err(journal_err)? };
    let members = if is_rollback { vec![id.clone()] } else { chain_members(&root, &chain) };
    refuse_running(&root, &members)?;
    let state = read_chain(&root, &chain).map_err(journal_err)?;
    let undone = undone_items(&root, &members);
    let actions = plan_chain_rollback(&state, &undone);
    if actions.is_empty() {
        if cli.json {
            print_line(&serde_json::json!({"type": "summary", "schema_version": SCHEMA_VERSION, "run_id": null,
                "parent": chain, "total": 0, "undone": 0, "blocked": 0, "failed": 0, "exit_code": 0}));
        } else {
            say!("{}", super::target::header().unwrap_or_default());
            sayln!("Run {chain} changed nothing that mbxctl can undo (no conversions or grants in its journal).");
        }
        return Ok(ExitCode::Done);
    }
    if is_rollback && !cli.json {
        eprintln!(
            "note: undoing rollback {id} converts its mailboxes back; the permissions it removed are not granted \
             again (grant them with convert's --full-access/--send-as/--send-on-behalf)"
        );
    }
    let needs_password =
        actions.iter().any(|a| matches!(a, RollbackAction::ConvertBack { to: TargetType::Regular, .. }));
    // A dry run reads the password only when given on stdin, so its plan shows what the real run does.
    let password = if needs_password && (!args.dry_run || args.password_stdin) {
        read_password(args.password_stdin, "the mailboxes converted back")?
    } else {
        None
    };
    if needs_password && password.is_none() {
        eprintln!(
            "note: no password given (--password-stdin): mailboxes that must become regular again are refused \
             before any of their commands, permissions included"
        );
    }
    let work = group_actions(actions);
    let n = clamp_sessions(args.sessions).0.min(work.len());
    let sessions = open_sessions(cli, n).await?;
    let info = sessions[0].primary.describe();
    let header = RunHeader {
        id: journal::new_run_id(),
        started: now_text(),
        command: format!("rollback {chain}{}", if args.dry_run { " --dry-run" } else { "" }),
        target: info.kind.into(),
        options: serde_json::json!({"dry_run": args.dry_run, "sessions": n, "undo_rollback": is_rollback}),
        item_count: work.len(),
        parent: Some(chain.clone()),
        version: env!("CARGO_PKG_VERSION").into(),
    };
    let run_id = header.id.clone();
    let journal = Journal::create(&root, &header).map_err(journal_err)?;
    let mut keys: HashMap<usize, String> = HashMap::new();
    for m in &members {
        keys.extend(read_keys(&root.join(m)));
    }
    let keys_json =
        serde_json::to_vec_pretty(&keys).map_err(|e| CliError::Failed(format!("cannot encode keys: {e}")))?;
    write_atomic(&journal.dir().join(KEYS_FILE), &keys_json).map_err(journal_err)?;
    let pairs: Vec<(usize, String)> = work
        .iter()
        .filter(|w| !w.data.iter().any(|a| matches!(a, RollbackAction::AlreadyUndone { .. })))
        .map(|w| (w.key, w.identity.clone()))
        .collect();
    let (owned, taken) = take_ownership(&root, &journal, &run_id, &info.target, &pairs, &keys, args.dry_run)?;
    let mut planned: Vec<(usize, String, Event)> = work
        .iter()
        .map(|w| {
            let target = w
                .data
                .iter()
                .find_map(|a| if let RollbackAction::ConvertBack { to, .. } = a { Some(to.type_value()) } else { None })
                .unwrap_or("permissions");
            (w.key, w.identity.clone(), Event::Planned { target: target.to_string() })
        })
        .collect();
    planned.extend(work.iter().filter_map(|w| {
        let by = taken.get(&w.key)?;
        Some((w.key, w.identity.clone(), Event::Failed { reason: taken_reason(by), kind: FailureKind::Taken }))
    }));
    journal.append_items(&planned).map_err(journal_err)?;
    if !cli.json {
        say!("{}", banner(&info));
        eprintln!(
            "rollback {run_id} of run {chain}{}: {} item(s)",
            if members.len() > 1 { format!(" and its {} resume(s)", members.len() - 1) } else { String::new() },
            work.len()
        );
    }
    let mut results: Vec<ItemResult> = Vec::new();
    for w in work.iter().filter(|w| taken.contains_key(&w.key)) {
        let reason = taken_reason(&taken[&w.key]);
        if cli.json {
            print_line(&serde_json::json!({"type": "item", "run_id": run_id, "row": w.key, "identity": w.identity,
                "status": "taken", "reason": reason}));
        }
        results.push(ItemResult { row: w.key, identity: w.identity.clone(), status: "taken", reason });
    }
    let work: Vec<_> = work.into_iter().filter(|w| !taken.contains_key(&w.key)).collect();
    let worker = RollbackWorker::new(&journal, RollbackJob { dry_run: args.dry_run, password });
    let reports = worker.reports();
    let collected: Arc<Mutex<Vec<ItemResult>>> = Arc::default();
    let plans: Arc<Mutex<BTreeMap<usize, Vec<String>>>> = Arc::default();
    let progress = {
        let collected = Arc::clone(&collected);
        let plans = Arc::clone(&plans);
        let claims = Arc::clone(&owned.claims);
        let json = cli.json;
        let run_id = run_id.clone();
        Progress::auto(run_id.clone(), work.len(), false).on_item_finished(move |f| {
            claims.release(f.key);
            let report: Option<RollbackItemReport> = reports.lock().unwrap_or_else(|p| p.into_inner()).remove(&f.key);
            let status = match &report {
                Some(r) => rollback_status_name(r.status),
                None => "failed",
            };
            let reason = reason_of(f);
            if json {
                print_line(&item_line(&run_id, f.key, &f.identity, report.as_ref(), status, &reason));
            }
            if let Some(r) = &report {
                plans.lock().unwrap_or_else(|p| p.into_inner()).insert(f.key, r.plan.clone());
            }
            collected.lock().unwrap_or_else(|p| p.into_inner()).push(ItemResult {
                row: f.key,
                identity: f.identity.clone(),
                status,
                reason,
            });
        })
    };
    let cancel = Cancel::new();
    let listener = listen_for_interrupts(cancel.clone(), format!("{} rollback {chain}", invocation_prefix(cli)));
    let options = PoolOptions { cancel: Some(cancel), stop_grace: STOP_GRACE + STOP_WAIT, ..PoolOptions::default() };
    let stash = std::cell::RefCell::new(sessions.into_iter().map(Some).collect::<Vec<_>>());
    let report = run_pool(
        work,
        n,
        &options,
        |slot| {
            let pre = stash.borrow_mut().get_mut(slot).and_then(Option::take);
            async move {
                match pre {
                    Some(s) => Ok(s),
                    None => open_session(cli).await,
                }
            }
        },
        async |session: &mut Session, item| worker.run(session, item).await,
        &journal,
        progress,
    )
    .await;
    close_all(stash.into_inner().into_iter().flatten().collect()).await;
    results.extend(collected.lock().unwrap_or_else(|p| p.into_inner()).drain(..));
    if args.dry_run && !cli.json {
        sayln!("\nEvery command the rollback would run, in order, per item:");
        for (row, plan) in plans.lock().unwrap_or_else(|p| p.into_inner()).iter() {
            let identity = results.iter().find(|r| r.row == *row).map_or("", |r| r.identity.as_str());
            sayln!("  row {row} ({identity}):");
            if plan.is_empty() {
                sayln!("    (nothing)");
            }
            for (i, c) in plan.iter().enumerate() {
                sayln!("    {}. {c}", i + 1);
            }
        }
    }
    let code = finish_run(cli, &journal, &run_id, &report, results, &[], "rollback");
    listener.abort();
    drop(owned);
    code
}

fn rollback_status_name(s: RollbackStatus) -> &'static str {
    match s {
        RollbackStatus::Undone => "undone",
        RollbackStatus::Planned => "planned",
        RollbackStatus::Blocked => "blocked",
        RollbackStatus::Failed => "failed",
        RollbackStatus::Manual => "manual",
        RollbackStatus::NothingToDo => "nothing-to-do",
    }
}

/// One JSON Lines item of a batch (docs/json-output.md, "Batches"): the item's row and identity,
/// the conversion report's fields when there is one, and its final status and reason.
fn item_line<R: serde::Serialize>(
    run_id: &str,
    row: usize,
    identity: &str,
    report: Option<&R>,
    status: &str,
    reason: &str,
) -> serde_json::Value {
    let mut line = serde_json::Map::new();
    line.insert("type".into(), "item".into());
    line.insert("run_id".into(), run_id.into());
    line.insert("row".into(), row.into());
    line.insert("identity".into(), identity.into());
    if let Some(Ok(serde_json::Value::Object(m))) = report.map(serde_json::to_value) {
        line.extend(m);
    }
    line.insert("status".into(), status.into());
    if !reason.is_empty() {
        line.insert("reason".into(), reason.into());
    }
    serde_json::Value::Object(line)
}
