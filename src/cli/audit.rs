//! `mbxctl audit hybrid`: the report for people, runbooks and change requests, and `--fix`.

use super::connect;
use super::output::{CliError, CliResult, ExitCode, SCHEMA_VERSION, banner, print_json, table};
use super::{AuditHybridArgs, Cli};
use crate::shell::ShellInfo;
use crate::workflow::audit::{AuditReport, Severity, analyse, collect};
use crate::workflow::exec::{Executor, WorkflowError};
use serde::Serialize;

#[derive(Serialize)]
struct AuditDocument<'a> {
    schema_version: u32,
    command: &'static str,
    target: &'a ShellInfo,
    cloud_session: bool,
    pairs: usize,
    critical: usize,
    warnings: usize,
    findings: &'a [crate::workflow::audit::Finding],
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    fixes: &'a [crate::workflow::exec::CommandRecord],
    exit_code: i32,
}

/// Applies the safe fixes of `report` (or plans them with `dry_run`).
async fn apply_fixes(
    report: &mut AuditReport,
    sessions: &mut connect::Sessions,
    dry_run: bool,
) -> Result<(), WorkflowError> {
    let fixes: Vec<_> = report.findings.iter().filter_map(|f| f.safe_fix.clone()).collect();
    for fix in fixes {
        let shell: &mut dyn crate::shell::Shell = match fix.side {
            crate::shell::Side::OnPremises => sessions.primary.as_mut(),
            crate::shell::Side::Online => match sessions.cloud.as_mut() {
                Some(c) => c.as_mut(),
                None => continue,
            },
        };
        let mut exec = Executor::new(shell, crate::cmdlet::validate::Target { side: fix.side, ..Default::default() });
        let rec = if dry_run { exec.plan(&fix.invocation)? } else { exec.run(&fix.invocation).await?.1 };
        report.fixes.push(rec);
    }
    Ok(())
}

/// `mbxctl audit hybrid`.
pub async fn hybrid(cli: &Cli, args: &AuditHybridArgs) -> CliResult {
    let mut sessions = connect::open(cli).await?;
    let info = sessions.primary.describe();
    let has_cloud = sessions.cloud.is_some();
    let inventory = collect(sessions.primary.as_mut(), sessions.cloud.as_deref_mut().map(|c| c as _))
        .await
        .map_err(|e| CliError::Failed(format!("reading the organisation failed: {e}")))?;
    let mut report = analyse(&inventory);
    if args.fix {
        apply_fixes(&mut report, &mut sessions, args.dry_run)
            .await
            .map_err(|e| CliError::Failed(format!("applying fixes failed: {e}")))?;
    }
    let critical = report.findings.iter().filter(|f| f.severity == Severity::Critical).count();
    let warnings = report.findings.iter().filter(|f| f.severity == Severity::Warning).count();
    let code = if critical > 0 && !(args.fix && !args.dry_run) { ExitCode::Critical } else { ExitCode::Done };
    if cli.json {
        print_json(&AuditDocument {
            schema_version: SCHEMA_VERSION,
            command: "audit hybrid",
            target: &info,
            cloud_session: has_cloud,
            pairs: report.pairs,
            critical,
            warnings,
            findings: &report.findings,
            fixes: &report.fixes,
            exit_code: code as i32,
        })?;
        return Ok(code);
    }
    if args.csv {
        let mut w = csv::Writer::from_writer(std::io::stdout());
        let err = |e: csv::Error| CliError::Failed(format!("cannot write CSV: {e}"));
        w.write_record(["Severity", "Finding", "Identity", "Message", "OnPremisesType", "OnlineType", "Fix"])
            .map_err(err)?;
        for f in &report.findings {
            w.write_record([
                format!("{:?}", f.severity),
                serde_json::to_value(f.kind).ok().and_then(|v| v.as_str().map(String::from)).unwrap_or_default(),
                f.identity.clone(),
                f.message.clone(),
                f.on_premises.as_ref().map(|e| e.recipient_type_details.to_string()).unwrap_or_default(),
                f.online.as_ref().map(|e| e.recipient_type_details.to_string()).unwrap_or_default(),
                f.fix.join(" ; "),
            ])
            .map_err(err)?;
        }
        w.flush().map_err(|e| CliError::Failed(format!("cannot write CSV: {e}")))?;
        return Ok(code);
    }
    print!("{}", banner(&info));
    if !has_cloud {
        println!("(no Exchange Online session: cloud-side findings need --cloud-profile)");
    }
    println!(
        "{} remote mailbox(es) paired with their cloud mailbox; {critical} critical, {warnings} warning(s)\n",
        report.pairs
    );
    for sev in [Severity::Critical, Severity::Warning, Severity::Info] {
        let group: Vec<_> = report.findings.iter().filter(|f| f.severity == sev).collect();
        if group.is_empty() {
            continue;
        }
        println!(
            "{}",
            match sev {
                Severity::Critical => "CRITICAL",
                Severity::Warning => "WARNING",
                Severity::Info => "INFO",
            }
        );
        let rows: Vec<Vec<String>> = group
            .iter()
            .map(|f| {
                vec![
                    f.identity.clone(),
                    serde_json::to_value(f.kind).ok().and_then(|v| v.as_str().map(String::from)).unwrap_or_default(),
                    f.on_premises.as_ref().map(|e| e.recipient_type_details.to_string()).unwrap_or_else(|| "-".into()),
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
                ]
            })
            .collect();
        print!("{}", table(&["IDENTITY", "FINDING", "ON-PREMISES", "EXCHANGE ONLINE"], &rows));
        for f in group {
            println!("  {}: {}", f.identity, f.message);
            for c in &f.fix {
                println!("      fix: {c}");
            }
        }
        println!();
    }
    if !report.fixes.is_empty() {
        println!("{}", if args.dry_run { "Would fix:" } else { "Fixed:" });
        for r in &report.fixes {
            println!("  [{:?}] {:?}  {}", r.side, r.status, r.text);
        }
    }
    Ok(code)
}
