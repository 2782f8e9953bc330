//! Batches: `convert --from FILE`, `resume ID`, `rollback ID` (docs/batches.md). The rules
//! of a batch live in `workflow::batch`; this module reads the command line, opens the sessions,
//! prints, and handles Ctrl-C.
//!
//! - `convert`: `convert --from FILE` (read, resolve, plan) and running a convert batch.
//! - `rollback`: `rollback ID`.
//! - `report`: the tables and JSON a run prints when it ends.

mod convert;
mod report;
mod rollback;
mod run;

pub use convert::convert_from;
pub use rollback::rollback;

use super::connect;
use super::output::{CliError, CliResult, ExitCode, SCHEMA_VERSION, say, sayln};
use super::{Cli, ResumeArgs};
use crate::secret::Secret;
use crate::shell::ShellError;
use crate::workflow::batch::cancel::Cancel;
use crate::workflow::batch::claims::is_running;
use crate::workflow::batch::journal::{self, ITEMS_FILE, JournalError, RunHeader, now_text};
use crate::workflow::batch::plan::{RunKind, chain_members, chain_root, read_chain, select_resume};
use crate::workflow::batch::pool::clamp_sessions;
use crate::workflow::batch::prepare::read_keys;
use crate::workflow::batch::runs::resolve_run_id;
use crate::workflow::batch::sessions::SessionSource;
use crate::workflow::batch::worker::{ConvertJob, Session};
use crate::workflow::batch::{BatchItem, TargetType};
use run::ConvertBatch;
use std::collections::BTreeMap;
use std::io::IsTerminal;
use std::path::{Path, PathBuf};

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
pub(super) fn listen_for_interrupts(cancel: Cancel, resume_line: String) -> tokio::task::JoinHandle<()> {
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
pub(super) fn invocation_prefix(cli: &Cli) -> String {
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

pub(super) async fn open_session(cli: &Cli) -> Result<Session, ShellError> {
    let primary = connect::open_primary(cli).await.map_err(connect::start_error)?;
    let cloud = connect::open_cloud(cli).await.map_err(connect::start_error)?;
    Ok(Session { primary, cloud })
}

/// Opens the first session of a run, alone: a wrong password or a broken profile then fails
/// once, not once per session (the others open once it has, side by side).
pub(super) async fn open_first(cli: &Cli) -> Result<Session, CliError> {
    open_session(cli).await.map_err(|e| CliError::Session(e.to_string()))
}

pub(super) async fn close_all(sessions: Vec<Session>) {
    for mut s in sessions {
        let _ = crate::shell::Shell::close(&mut s).await;
    }
}

/// Reads one password for every mailbox converted back: the first line of standard input with
/// `--password-stdin`, a prompt on a terminal, else none (those items are then blocked).
pub(super) fn read_password(password_stdin: bool, what: &str) -> Result<Option<Secret>, CliError> {
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

// ---------------------------------------------------------------------------------------------
// resume

/// Refuses to work on a chain a live process is working on (its claims would make every item
/// "taken" anyway; this says why in one line).
pub(super) fn refuse_running(root: &Path, members: &[String]) -> Result<(), CliError> {
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
            report::print_line(&serde_json::json!({"type": "summary", "schema_version": SCHEMA_VERSION,
                "run_id": null, "parent": newest, "chain": chain, "total": 0, "converted": 0, "nothing_to_do": 0,
                "planned": 0, "blocked": 0, "failed": 0, "skipped": 0, "taken": 0, "interrupted": false,
                "problems": [], "exit_code": 0}));
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
    let first = open_first(cli).await?;
    let info = first.primary.describe();
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
        inputs: items.clone(),
        items,
        recheck: sel.recheck,
        skipped: Vec::new(),
        problems: Vec::new(),
        job: ConvertJob { dry_run: false, copy_sent_items, password },
        notes: note.into_iter().collect(),
        keys: read_keys(&root.join(&chain)),
        addresses: BTreeMap::new(),
        all: args.all,
    };
    // No rows to resolve: the pool opens the other sessions side by side once it starts.
    run::execute_convert(cli, &root, batch, vec![first], &SessionSource::new(0), info).await
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::Parser;

    fn cli(args: &[&str]) -> Cli {
        Cli::try_parse_from(std::iter::once("mbxctl").chain(args.iter().copied())).unwrap()
    }

    #[test]
    fn resume_hints_address_the_same_target() {
        assert_eq!(invocation_prefix(&cli(&["--lab", "runs", "list"])), "mbxctl --lab");
        let c = cli(&["--lab-dir", "x", "runs", "list"]);
        assert_eq!(invocation_prefix(&c), format!("mbxctl --lab-dir {}", Path::new("x").display()));
        let c = cli(&["--profile", "ex1", "--cloud-profile", "eo", "runs", "list"]);
        assert_eq!(invocation_prefix(&c), "mbxctl --profile ex1 --cloud-profile eo");
    }

    #[test]
    fn journal_errors_about_run_ids_are_usage_errors() {
        assert!(matches!(journal_err(JournalError::RunId("no".into())), CliError::Usage(_)));
        assert!(matches!(journal_err(JournalError::Encode("x".into())), CliError::Failed(_)));
    }

    #[test]
    fn a_live_run_is_refused_by_name() {
        let t = tempfile::tempdir().unwrap();
        assert!(refuse_running(t.path(), &["20260101-000000-abcd".into()]).is_ok());
    }
}
