//! `rollback ID`: undoes a chain item by item (docs/batches.md, "Rollback").

use super::report::{finish_run, item_line, print_line};
use super::{
    STOP_GRACE, STOP_WAIT, close_all, invocation_prefix, journal_err, listen_for_interrupts, open_first, open_session,
    read_password, refuse_running, runs_root,
};
use crate::cli::output::{CliError, CliResult, ExitCode, SCHEMA_VERSION, banner, say, sayln};
use crate::cli::{Cli, RollbackArgs};
use crate::workflow::batch::TargetType;
use crate::workflow::batch::cancel::Cancel;
use crate::workflow::batch::journal::{
    self, Event, FailureKind, Journal, KEYS_FILE, RunHeader, now_text, write_atomic,
};
use crate::workflow::batch::plan::{RunKind, chain_members, chain_root, plan_chain_rollback, read_chain, undone_items};
use crate::workflow::batch::pool::{PoolOptions, clamp_sessions, run_pool};
use crate::workflow::batch::prepare::{read_keys, take_ownership, taken_reason};
use crate::workflow::batch::progress::Progress;
use crate::workflow::batch::rollback::{RollbackItemReport, RollbackJob, RollbackWorker, group_actions};
use crate::workflow::batch::runs::{RollbackAction, resolve_run_id};
use crate::workflow::batch::view::{ItemResult, reason_of, rollback_status_name};
use crate::workflow::batch::worker::Session;
use std::collections::{BTreeMap, HashMap};
use std::sync::{Arc, Mutex};

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
            say!("{}", crate::cli::target::header().unwrap_or_default());
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
    let first = open_first(cli).await?;
    let info = first.primary.describe();
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
    let (owned, taken) =
        take_ownership(&root, &journal, &run_id, &info.target, &pairs, &keys, args.dry_run).map_err(journal_err)?;
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
        let result = ItemResult::new(w.key, w.identity.clone(), "taken", taken_reason(&taken[&w.key]));
        if cli.json {
            print_line(&item_line::<()>(&run_id, &result, None));
        }
        results.push(result);
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
            let result = ItemResult::new(f.key, f.identity.clone(), status, reason_of(f));
            if json {
                print_line(&item_line(&run_id, &result, report.as_ref()));
            }
            if let Some(r) = &report {
                plans.lock().unwrap_or_else(|p| p.into_inner()).insert(f.key, r.plan.clone());
            }
            collected.lock().unwrap_or_else(|p| p.into_inner()).push(result);
        })
    };
    let cancel = Cancel::new();
    let listener = listen_for_interrupts(cancel.clone(), format!("{} rollback {chain}", invocation_prefix(cli)));
    let options = PoolOptions { cancel: Some(cancel), stop_grace: STOP_GRACE + STOP_WAIT, ..PoolOptions::default() };
    // The first session is open; the pool opens the others side by side as soon as it starts.
    let stash = std::cell::RefCell::new(vec![Some(first)]);
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
    let code = finish_run(cli, args.all, &journal, &report, results, &[], "rollback");
    listener.abort();
    drop(owned);
    code
}
