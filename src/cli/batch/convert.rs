//! `convert --from FILE`: read the batch, resolve every row with the first session while the
//! others open, plan, and run (docs/batches.md, "Pre-flight of the whole batch", "Running").

use super::report::refuse;
use super::run::{ConvertBatch, execute_convert};
use super::{close_all, open_first, open_session, read_password, runs_root};
use crate::cli::output::{CliError, CliResult};
use crate::cli::{Cli, ConvertArgs};
use crate::cmdlet::Severity;
use crate::workflow::batch::journal::{self, RunHeader, now_text};
use crate::workflow::batch::pool::clamp_sessions;
use crate::workflow::batch::prepare::{resolved_addresses, resolved_keys, skip_bad_rows};
use crate::workflow::batch::progress::ResolveProgress;
use crate::workflow::batch::sessions::{SessionSource, alongside};
use crate::workflow::batch::worker::{ConvertJob, apply_grant_defaults, resolution_problems, resolve_all};
use crate::workflow::batch::{RowDefaults, TargetType, read_batch};
use std::collections::BTreeSet;
use std::io::Read;

/// The command line a run records in its header (and `runs list` shows).
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
        // File-level problems may already name the file; name it once.
        let m = &p.message;
        return Err(CliError::Usage(if m.starts_with(&format!("{source}:")) {
            m.clone()
        } else {
            format!("{source}: {m}")
        }));
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
    let root = runs_root(cli)?;
    let first = open_first(cli).await?;
    let info = first.primary.describe();
    // The first session resolves the rows and starts converting while the others open side by
    // side, joining the resolution and then the pool as each becomes ready (issue #18).
    let others = SessionSource::new(n - 1);
    let work = async {
        let shown = ResolveProgress::auto(cli.json);
        let (sessions, resolved) =
            resolve_all(first, &others, n - 1, &items, || open_session(cli), &|done, total| shown.update(done, total))
                .await;
        shown.finish();
        problems.extend(resolution_problems(&items, &resolved));
        problems.sort_by_key(|p| (p.row, p.line));
        if args.strict && problems.iter().any(|p| p.severity == Severity::Error) {
            let mut open = sessions;
            open.extend(others.drain());
            close_all(open).await;
            return refuse(cli, &problems, "--strict: the batch has bad rows");
        }
        let keys = resolved_keys(&resolved);
        let addresses = resolved_addresses(&resolved);
        let inputs = items.clone();
        let skipped = skip_bad_rows(&mut items, &problems);

        // A dry run reads the password only when given on stdin, so its plan shows what the real run does.
        let password =
            if (!args.dry_run || args.password_stdin) && items.iter().any(|i| i.target == TargetType::Regular) {
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
            inputs,
            recheck: BTreeSet::new(),
            skipped,
            problems,
            job: ConvertJob { dry_run: args.dry_run, copy_sent_items: args.copy_sent_items, password },
            notes: note.into_iter().collect(),
            keys,
            addresses,
            all: args.all,
        };
        execute_convert(cli, &root, batch, sessions, &others, info.clone()).await
    };
    alongside(others.fill(|| open_session(cli)), work).await
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::Parser;

    fn args(line: &[&str]) -> ConvertArgs {
        let cli = Cli::try_parse_from(std::iter::once("mbxctl").chain(line.iter().copied())).unwrap();
        match cli.command {
            crate::cli::Command::Convert(a) => a,
            _ => panic!("not convert"),
        }
    }

    #[test]
    fn the_recorded_command_line_keeps_every_option() {
        let a = args(&[
            "convert",
            "--from",
            "x.csv",
            "--to",
            "shared",
            "--full-access",
            "ann,ben",
            "--dry-run",
            "--sessions",
            "2",
            "--strict",
            "--copy-sent-items",
        ]);
        assert_eq!(
            command_text(&a, "x.csv"),
            "convert --from x.csv --to shared --full-access ann,ben --copy-sent-items --strict --dry-run --sessions 2"
        );
        assert_eq!(command_text(&args(&["convert", "--from", "-"]), "-"), "convert --from - --sessions 4");
    }

    #[test]
    fn all_is_a_batch_option() {
        assert!(args(&["convert", "--from", "x.csv", "--all"]).all);
    }
}
