//! `mbxctl audit hybrid`: the report for people (grouped by severity), runbooks (`--json`) and
//! change requests (`--csv`), and `--fix`, which applies the safe fixes as a journaled run.

use super::connect;
use super::output::{CliError, CliResult, ExitCode, SCHEMA_VERSION, Tone, banner, paint, print_json, say, sayln};
use super::table::table;
use super::{AuditHybridArgs, Cli};
use crate::shell::ShellInfo;
use crate::workflow::audit::{
    AuditReport, Finding, FindingLevel, FixOutcome, FixStatus, analyse, apply_fixes, collect, unresolved_critical,
};
use crate::workflow::batch::journal::{self, Journal, RunHeader, TargetKind};
use serde::Serialize;
use std::path::PathBuf;

/// How many findings of one severity the human report details before pointing at --csv/--json.
const DETAIL_LIMIT: usize = 50;

#[derive(Serialize)]
struct Summary {
    critical: usize,
    warning: usize,
    info: usize,
    safe_fixes: usize,
    fixed: usize,
    fix_failed: usize,
    unresolved_critical: usize,
}

#[derive(Serialize)]
struct FixRun {
    id: String,
    dir: PathBuf,
}

#[derive(Serialize)]
struct AuditDocument<'a> {
    schema_version: u32,
    command: &'static str,
    target: &'a ShellInfo,
    cloud_session: bool,
    remote_mailboxes: usize,
    on_premises_shared: usize,
    cloud_mailboxes: usize,
    pairs: usize,
    summary: Summary,
    findings: &'a [Finding],
    #[serde(skip_serializing_if = "Option::is_none")]
    fix_mode: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    fix_run: Option<FixRun>,
    #[serde(skip_serializing_if = "Option::is_none")]
    fixes: Option<&'a [FixOutcome]>,
    exit_code: i32,
}

fn runs_root(cli: &Cli) -> Result<PathBuf, CliError> {
    match connect::lab_dir(cli) {
        Some(dir) => Ok(journal::lab_runs_root(&dir)),
        None => journal::default_runs_root(|k| std::env::var_os(k)).map_err(|e| CliError::Failed(e.to_string())),
    }
}

fn exit_code(report: &AuditReport, fixes: &[FixOutcome]) -> ExitCode {
    if unresolved_critical(report, fixes) > 0 {
        ExitCode::Critical
    } else if fixes.iter().any(|f| matches!(f.status, FixStatus::Failed | FixStatus::VerifyFailed)) {
        ExitCode::Failed
    } else {
        ExitCode::Done
    }
}

/// `mbxctl audit hybrid`.
pub async fn hybrid(cli: &Cli, args: &AuditHybridArgs) -> CliResult {
    let mut sessions = connect::open(cli).await?;
    let info = sessions.primary.describe();
    let has_cloud = sessions.cloud.is_some();
    let inventory = collect(sessions.primary.as_mut(), sessions.cloud.as_deref_mut().map(|c| c as _))
        .await
        .map_err(|e| CliError::Failed(format!("reading the organisation failed: {e}")))?;
    let report = analyse(&inventory);
    drop(inventory);
    let safe_count = report.findings.iter().filter(|f| f.safe_fix.is_some()).count();

    let mut fixes: Vec<FixOutcome> = Vec::new();
    let mut run: Option<FixRun> = None;
    if args.fix {
        let journal = if args.dry_run || safe_count == 0 {
            None
        } else {
            let root = runs_root(cli)?;
            let header = RunHeader {
                id: journal::new_run_id(),
                started: journal::now_text(),
                command: "audit hybrid --fix".into(),
                target: TargetKind::from(info.kind),
                options: serde_json::json!({"workflow": "audit-hybrid", "cloud_session": has_cloud}),
                item_count: safe_count,
                parent: None,
                version: env!("CARGO_PKG_VERSION").into(),
            };
            let j = Journal::create(&root, &header).map_err(|e| {
                CliError::Failed(format!("cannot start the fix run's journal (nothing was changed): {e}"))
            })?;
            run = Some(FixRun { id: header.id.clone(), dir: j.dir().to_path_buf() });
            Some(j)
        };
        fixes = apply_fixes(
            &report,
            sessions.primary.as_mut(),
            sessions.cloud.as_deref_mut().map(|c| c as _),
            journal.as_ref(),
            args.dry_run,
        )
        .await
        .map_err(|e| CliError::Failed(format!("applying the safe fixes stopped: {e}")))?;
    }
    let code = exit_code(&report, &fixes);
    let count = |s: FixStatus| fixes.iter().filter(|f| f.status == s).count();
    let summary = Summary {
        critical: report.count(FindingLevel::Critical),
        warning: report.count(FindingLevel::Warning),
        info: report.count(FindingLevel::Info),
        safe_fixes: safe_count,
        fixed: count(FixStatus::Fixed),
        fix_failed: count(FixStatus::Failed) + count(FixStatus::VerifyFailed),
        unresolved_critical: unresolved_critical(&report, &fixes),
    };

    if cli.json {
        print_json(&AuditDocument {
            schema_version: SCHEMA_VERSION,
            command: "audit hybrid",
            target: &info,
            cloud_session: has_cloud,
            remote_mailboxes: report.remote_mailboxes,
            on_premises_shared: report.on_premises_shared,
            cloud_mailboxes: report.cloud_mailboxes,
            pairs: report.pairs,
            summary,
            findings: &report.findings,
            fix_mode: args.fix.then_some(if args.dry_run { "dry-run" } else { "apply" }),
            fix_run: run,
            fixes: args.fix.then_some(fixes.as_slice()),
            exit_code: code as i32,
        })?;
        return Ok(code);
    }
    if args.csv {
        write_csv(&report, &fixes)?;
        return Ok(code);
    }
    print_human(&info, has_cloud, &report, &summary, args, &fixes, run.as_ref());
    Ok(code)
}

fn fix_status_of<'a>(f: &Finding, fixes: &'a [FixOutcome]) -> Option<&'a FixOutcome> {
    fixes.iter().find(|x| x.kind == f.kind && x.identity == f.identity)
}

fn status_name(s: FixStatus) -> &'static str {
    match s {
        FixStatus::Planned => "planned",
        FixStatus::Fixed => "fixed",
        FixStatus::Failed => "failed",
        FixStatus::VerifyFailed => "verify-failed",
        FixStatus::Skipped => "skipped",
    }
}

fn write_csv(report: &AuditReport, fixes: &[FixOutcome]) -> Result<(), CliError> {
    let err = |e: csv::Error| CliError::Failed(format!("cannot write CSV: {e}"));
    let mut w = crate::workflow::batch::runs::csv_writer(std::io::stdout())
        .map_err(|e| CliError::Failed(format!("cannot write CSV: {e}")))?;
    w.write_record([
        "Severity",
        "Finding",
        "Identity",
        "Message",
        "OnPremisesType",
        "RemoteRecipientType",
        "OnlineType",
        "SKUAssigned",
        "TotalItemSize",
        "SafeFix",
        "FixStatus",
        "Fix",
    ])
    .map_err(err)?;
    for f in &report.findings {
        let on = f.on_premises.as_ref();
        let cloud = f.online.as_ref();
        let steps: Vec<String> = f
            .fix
            .iter()
            .map(|s| match &s.command {
                Some(c) => format!("[{}] {c}  # {}", s.place.label(), s.description),
                None => format!("[{}] {}", s.place.label(), s.description),
            })
            .collect();
        w.write_record([
            f.severity.name(),
            f.kind.id(),
            &f.identity,
            &f.message,
            &on.map(|e| e.recipient_type_details.to_string()).unwrap_or_default(),
            &on.and_then(|e| e.remote_recipient_type).map(|t| t.to_string()).unwrap_or_default(),
            &cloud.map(|e| e.recipient_type_details.to_string()).unwrap_or_default(),
            &cloud.and_then(|e| e.sku_assigned).map(|b| b.to_string()).unwrap_or_default(),
            &cloud.and_then(|e| e.total_item_size).map(|s| s.0.to_string()).unwrap_or_default(),
            f.safe_fix.as_ref().map_or("", |s| s.command.as_str()),
            fix_status_of(f, fixes).map_or("", |x| status_name(x.status)),
            &steps.join("\n"),
        ])
        .map_err(err)?;
    }
    w.flush().map_err(|e| CliError::Failed(format!("cannot write CSV: {e}")))
}

fn print_human(
    info: &ShellInfo,
    has_cloud: bool,
    report: &AuditReport,
    summary: &Summary,
    args: &AuditHybridArgs,
    fixes: &[FixOutcome],
    run: Option<&FixRun>,
) {
    say!("{}", banner(info));
    if !has_cloud {
        sayln!(
            "(no Exchange Online session: only on-premises findings; add --cloud-profile for the hybrid comparison)"
        );
    }
    sayln!(
        "{} remote mailbox(es), {} paired with their Exchange Online mailbox; {} Exchange Online mailbox(es), {} on-premises shared",
        report.remote_mailboxes,
        report.pairs,
        report.cloud_mailboxes,
        report.on_premises_shared
    );
    sayln!(
        "{} critical, {} warning(s), {} info; {} can be fixed safely with --fix\n",
        summary.critical,
        summary.warning,
        summary.info,
        summary.safe_fixes
    );
    if report.findings.is_empty() {
        sayln!("Nothing at risk.");
    }
    for sev in [FindingLevel::Critical, FindingLevel::Warning, FindingLevel::Info] {
        let group: Vec<&Finding> = report.findings.iter().filter(|f| f.severity == sev).collect();
        if group.is_empty() {
            continue;
        }
        let tone = match sev {
            FindingLevel::Critical => Tone::Bad,
            FindingLevel::Warning => Tone::Warn,
            FindingLevel::Info => Tone::Strong,
        };
        sayln!("{} ({})", paint(tone, &sev.name().to_ascii_uppercase()), group.len());
        let rows: Vec<Vec<String>> = group
            .iter()
            .take(DETAIL_LIMIT)
            .map(|f| {
                let fix = match (fix_status_of(f, fixes), &f.safe_fix) {
                    (Some(x), _) => status_name(x.status).to_string(),
                    (None, Some(_)) => "safe".into(),
                    (None, None) => "plan".into(),
                };
                vec![
                    f.identity.clone(),
                    f.kind.id().into(),
                    f.on_premises
                        .as_ref()
                        .map(|e| match e.remote_recipient_type {
                            Some(t) => format!("{} ({t})", e.recipient_type_details),
                            None => e.recipient_type_details.to_string(),
                        })
                        .unwrap_or_else(|| "-".into()),
                    f.online
                        .as_ref()
                        .map(|e| {
                            format!(
                                "{}{}",
                                e.recipient_type_details,
                                match e.sku_assigned {
                                    Some(true) => " (licensed)",
                                    Some(false) => " (unlicensed)",
                                    None => "",
                                }
                            )
                        })
                        .unwrap_or_else(|| "-".into()),
                    fix,
                ]
            })
            .collect();
        say!("{}", table(&["IDENTITY", "FINDING", "ON-PREMISES", "EXCHANGE ONLINE", "FIX"], &rows));
        for f in group.iter().take(DETAIL_LIMIT) {
            sayln!("  {} [{}]: {}", f.identity, f.kind.id(), f.message);
            for (n, s) in f.fix.iter().enumerate() {
                match &s.command {
                    Some(c) => sayln!("      {}. [{}] {c}\n         {}", n + 1, s.place.label(), s.description),
                    None => sayln!("      {}. [{}] {}", n + 1, s.place.label(), s.description),
                }
            }
        }
        if group.len() > DETAIL_LIMIT {
            sayln!(
                "  ... and {} more {} finding(s): --csv or --json lists them all",
                group.len() - DETAIL_LIMIT,
                sev.name()
            );
        }
        sayln!();
    }
    if args.fix {
        if fixes.is_empty() {
            sayln!("No finding has a safe fix; the plans above need an administrator.");
        } else {
            sayln!("{}", if args.dry_run { "Would apply (dry run, nothing changed):" } else { "Safe fixes:" });
            for x in fixes {
                sayln!(
                    "  {:>2}. {:<14} {}  [{}] {}{}",
                    x.item,
                    status_name(x.status),
                    x.identity,
                    match x.side {
                        crate::shell::Side::OnPremises => "on-premises",
                        crate::shell::Side::Online => "exchange-online",
                    },
                    x.command,
                    x.error.as_deref().map(|e| format!("\n      {e}")).unwrap_or_default()
                );
            }
        }
        if let Some(r) = run {
            sayln!(
                "Journal: run {} in {} (`mbxctl runs show {}`; `mbxctl rollback {}` undoes it)",
                r.id,
                r.dir.display(),
                r.id,
                r.id
            );
        }
        let left = report.findings.iter().filter(|f| f.safe_fix.is_none()).count();
        if left > 0 {
            sayln!(
                "{left} finding(s) have no safe fix: their plans above need an administrator (docs/hybrid.md says why)."
            );
        }
        if !args.dry_run && summary.fixed > 0 {
            sayln!(
                "Run directory sync (Start-ADSyncSyncCycle -PolicyType Delta) and then `mbxctl audit hybrid` again."
            );
        }
    }
}
