//! `runs list|show`: the run store as admins read it (docs/batches.md, "The journal", "Chains").

use super::batch::{journal_err, runs_root};
use super::output::{CliError, CliResult, ExitCode, SCHEMA_VERSION, print_json, say, sayln};
use super::table::Table;
use super::{Cli, RunsCommand};
use crate::workflow::batch::journal;
use crate::workflow::batch::runs::{export_csv, list_runs, show_run};
use crate::workflow::batch::{RunSummary, plan::ChainState};

/// `runs list|show`.
pub fn runs(cli: &Cli, cmd: &RunsCommand) -> CliResult {
    let root = runs_root(cli)?;
    match cmd {
        RunsCommand::List => {
            let runs = list_runs(&root);
            if cli.json {
                print_json(&serde_json::json!({"schema_version": SCHEMA_VERSION, "command": "runs list",
                    "root": root, "runs": runs}))?;
                return Ok(ExitCode::Done);
            }
            if runs.is_empty() {
                sayln!("No runs in {} yet (convert --from FILE starts one).", root.display());
                return Ok(ExitCode::Done);
            }
            let rows: Vec<Vec<String>> = runs
                .iter()
                .rev()
                .map(|r| {
                    let counts: Vec<String> = r.counts.iter().map(|(k, v)| format!("{v} {k}")).collect();
                    vec![
                        r.id.clone(),
                        r.started.clone(),
                        r.command.clone(),
                        r.item_count.to_string(),
                        run_state_text(r, &counts.join(", ")),
                        r.parent.clone().unwrap_or_default(),
                    ]
                })
                .collect();
            sayln!("Runs in {}", root.display());
            say!(
                "{}",
                Table::new(&["ID", "STARTED", "COMMAND", "ITEMS", "STATE", "PARENT"]).rows(&rows).status(4).render()
            );
        }
        RunsCommand::Show { id, csv } => {
            let detail = show_run(&root, id).map_err(journal_err)?;
            if *csv {
                let stdout = std::io::stdout();
                export_csv(&detail, stdout.lock()).map_err(|e| CliError::Failed(format!("cannot write CSV: {e}")))?;
            } else if cli.json {
                print_json(
                    &serde_json::json!({"schema_version": SCHEMA_VERSION, "command": "runs show", "run": detail}),
                )?;
            } else {
                let h = &detail.header;
                sayln!(
                    "Run {}  started {}  ({})",
                    h.id,
                    h.started,
                    match h.target {
                        journal::TargetKind::Lab => "LAB",
                        journal::TargetKind::Psrp => "Exchange",
                    }
                );
                sayln!("  command: {}", h.command);
                if let Some(p) = &h.parent {
                    sayln!("  parent:  {p}");
                }
                sayln!(
                    "  state:   {}{}",
                    match &detail.finished {
                        Some(t) => format!("finished {t}"),
                        None => "interrupted (resume it to finish)".into(),
                    },
                    if detail.torn_tail { "; a torn last journal line was ignored" } else { "" }
                );
                let rows: Vec<Vec<String>> = detail
                    .items
                    .iter()
                    .map(|i| {
                        let granted: Vec<String> =
                            i.grants.iter().map(|g| format!("{:?}:{}", g.grant, g.trustee)).collect();
                        let warnings: Vec<&str> = i.warnings.iter().map(|w| w.label()).collect();
                        vec![
                            i.item.to_string(),
                            i.identity.clone(),
                            i.target.clone().unwrap_or_default(),
                            // The same word the run printed for the item (blocked, planned, ...).
                            i.status.into(),
                            warnings.join(", "),
                            i.reason.clone().unwrap_or_default(),
                            granted.join(" "),
                        ]
                    })
                    .collect();
                sayln!();
                say!(
                    "{}",
                    Table::new(&["ROW", "IDENTITY", "TARGET", "STATUS", "WARNINGS", "REASON", "GRANTED"])
                        .rows(&rows)
                        .status(3)
                        .render()
                );
            }
        }
    }
    Ok(ExitCode::Done)
}

/// The STATE column of `runs list`: the run's own outcome, and what became of its chain (a run
/// interrupted and then finished by a resume is not left looking interrupted).
fn run_state_text(r: &RunSummary, counts: &str) -> String {
    if let Some(e) = &r.error {
        return format!("unreadable: {e}");
    }
    if r.running {
        return format!("running ({counts})");
    }
    let mut text = match (r.finished, &r.resumed_by, r.chain_state) {
        (true, _, _) => counts.to_string(),
        (false, Some(by), Some(ChainState::Finished)) => format!("resumed by {by}, chain finished ({counts})"),
        (false, Some(by), Some(ChainState::Running)) => format!("resumed by {by}, running ({counts})"),
        (false, Some(by), _) => format!("resumed by {by}, chain interrupted ({counts})"),
        (false, None, _) => format!("interrupted ({counts})"),
    };
    if let Some(by) = &r.rolled_back_by {
        text.push_str(&format!("; rolled back by {by}"));
    }
    text
}
