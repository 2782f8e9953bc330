//! What a batch prints when it ends: the input's problems, the items that need a look (every
//! row with `--all`) with their warnings, the counts, and the lines that finish or undo the run;
//! or, with `--json`, one summary line after the items' JSON Lines (docs/json-output.md).

use super::super::Cli;
use super::super::output::{CliResult, ExitCode, SCHEMA_VERSION, say, sayln};
use super::super::table::Table;
use super::invocation_prefix;
use crate::cmdlet::Severity;
use crate::workflow::batch::RowProblem;
use crate::workflow::batch::journal::{self, Event, Journal};
use crate::workflow::batch::pool::PoolReport;
use crate::workflow::batch::prepare::interrupted_results;
use crate::workflow::batch::view::{BatchEnd, Counts, ItemResult, ItemWarning};
use std::io::Write;

/// Writes one JSON line to standard output.
pub(super) fn print_line(value: &serde_json::Value) {
    let mut out = std::io::stdout().lock();
    // A closed stdout (a runbook that stopped reading) must not stop the batch.
    let _ = writeln!(out, "{}", crate::cli::target::inject(value.clone()));
    let _ = out.flush();
}

fn severity_name(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
        _ => "note",
    }
}

/// The input's problems, one row each.
pub(super) fn problems_table(problems: &[RowProblem]) -> String {
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
    Table::new(&["ROW", "LINE", "COLUMN", "SEVERITY", "CODE", "PROBLEM"]).rows(&rows).status(3).render()
}

/// The items table: rows that are not clean (a warning, or an outcome other than done), or
/// every row with `all`. `None` when there is nothing to list.
pub(super) fn items_table(results: &[ItemResult], all: bool) -> Option<String> {
    let rows: Vec<Vec<String>> = results
        .iter()
        .filter(|r| all || !r.is_clean())
        .map(|r| {
            let labels: Vec<&str> = r.warnings.iter().map(ItemWarning::label).collect();
            vec![r.row.to_string(), r.identity.clone(), r.status.to_string(), labels.join(", "), r.reason.clone()]
        })
        .collect();
    (!rows.is_empty())
        .then(|| Table::new(&["ROW", "IDENTITY", "STATUS", "WARNINGS", "REASON"]).rows(&rows).status(2).render())
}

/// Each warning once, with its full text (the table shows only its label).
pub(super) fn warning_legend(results: &[ItemResult]) -> Vec<String> {
    let mut seen: Vec<&str> = Vec::new();
    let mut out = Vec::new();
    for w in results.iter().flat_map(|r| &r.warnings) {
        if !seen.contains(&w.id.as_str()) {
            seen.push(&w.id);
            out.push(format!("  {}: {}", w.label(), w.message));
        }
    }
    out
}

/// The exit code of a batch's counts.
pub(super) fn exit_code(end: BatchEnd) -> ExitCode {
    match end {
        BatchEnd::Done => ExitCode::Done,
        BatchEnd::Blocked => ExitCode::Blocked,
        BatchEnd::Failed => ExitCode::Failed,
        BatchEnd::Partial => ExitCode::Partial,
    }
}

/// One JSON Lines item of a batch (docs/json-output.md, "Batches"): the item's row and identity,
/// the conversion report's fields when there is one, and its final status (the word the table
/// prints), reason and warnings.
pub(super) fn item_line<R: serde::Serialize>(
    run_id: &str,
    result: &ItemResult,
    report: Option<&R>,
) -> serde_json::Value {
    let mut line = serde_json::Map::new();
    line.insert("type".into(), "item".into());
    line.insert("run_id".into(), run_id.into());
    line.insert("row".into(), result.row.into());
    line.insert("identity".into(), result.identity.clone().into());
    if let Some(Ok(serde_json::Value::Object(m))) = report.map(serde_json::to_value) {
        line.extend(m);
    }
    line.insert("status".into(), result.status.into());
    if !result.reason.is_empty() {
        line.insert("reason".into(), result.reason.clone().into());
    }
    line.insert("warnings".into(), serde_json::to_value(&result.warnings).unwrap_or_default());
    serde_json::Value::Object(line)
}

/// Prints the end of a run (table or JSON summary), writes `run-finished`, and returns the exit
/// code.
pub(super) fn finish_run(
    cli: &Cli,
    all: bool,
    journal: &Journal,
    pool: &PoolReport,
    mut results: Vec<ItemResult>,
    problems: &[RowProblem],
    what: &str,
) -> CliResult {
    // A run's directory is named by its id.
    let run_id = journal.dir().file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let run_id = run_id.as_str();
    interrupted_results(pool, &mut results);
    results.sort_by_key(|r| r.row);
    let results = &results[..];
    let counts = Counts::of(results);
    let mut code = exit_code(counts.end());
    if let Some(e) = &pool.journal_error {
        code = ExitCode::Failed;
        eprintln!("error: the journal could not be written, so the run stopped: {e}");
    }
    if pool.interrupted {
        code = ExitCode::Interrupted;
    }
    let summary = counts.summary(what == "rollback");
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
            "warned": counts.warned,
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
        match items_table(results, all) {
            Some(t) => say!("{t}"),
            None => sayln!("Every row is clean: no warnings, nothing blocked or failed."),
        }
        let legend = warning_legend(results);
        if !legend.is_empty() {
            sayln!("\nWarnings");
            for l in legend {
                sayln!("{l}");
            }
        }
        let hidden = results.iter().filter(|r| r.is_clean()).count();
        if !all && hidden > 0 {
            sayln!("({hidden} clean row(s) not listed; --all lists every row)");
        }
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

/// Refuses a batch before any change (`--strict` and bad rows): the problems, then why.
pub(super) fn refuse(cli: &Cli, problems: &[RowProblem], why: &str) -> CliResult {
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

#[cfg(test)]
mod tests {
    use super::*;

    fn warned(row: usize, id: &str, status: &'static str) -> ItemResult {
        let mut r = ItemResult::new(row, format!("m{row}"), status, "");
        r.warnings.push(ItemWarning { id: id.into(), message: format!("{id} text") });
        r
    }

    #[test]
    fn the_table_lists_rows_that_need_a_look_unless_all() {
        let results = vec![
            ItemResult::new(1, "kim", "converted", ""),
            warned(2, "holds", "converted"),
            ItemResult::new(3, "ghost", "skipped", "no such mailbox"),
            warned(4, "size", "blocked"),
        ];
        let t = items_table(&results, false).unwrap();
        assert!(t.starts_with("ROW"), "{t}");
        assert!(!t.contains("kim"), "{t}");
        assert!(t.contains("on hold") && t.contains("ghost") && t.contains("over 50 GB"), "{t}");
        assert!(items_table(&results, true).unwrap().contains("kim"));
        assert!(items_table(&results[..1], false).is_none());
        assert_eq!(warning_legend(&results), ["  on hold: holds text", "  over 50 GB: size text"]);
    }

    #[test]
    fn json_items_carry_the_table_word_and_warnings() {
        let r = warned(2, "holds", "planned");
        let line = item_line::<serde_json::Value>("R", &r, None);
        assert_eq!(line["status"], "planned");
        assert_eq!(line["warnings"][0]["id"], "holds");
        assert!(line.get("reason").is_none());
        // A report's own `status` field is overwritten by the word the table prints.
        let report = serde_json::json!({"status": "Planned", "checks": []});
        assert_eq!(item_line("R", &r, Some(&report))["status"], "planned");
    }

    #[test]
    fn exit_codes_follow_the_counts() {
        assert_eq!(exit_code(BatchEnd::Done) as i32, 0);
        assert_eq!(exit_code(BatchEnd::Blocked) as i32, 3);
        assert_eq!(exit_code(BatchEnd::Failed) as i32, 1);
        assert_eq!(exit_code(BatchEnd::Partial) as i32, 4);
    }
}
