//! `mbxctl convert`: argument handling, passwords, and the report for people and runbooks.

use super::connect;
use super::output::say;
use super::output::{CliError, CliResult, ExitCode, SCHEMA_VERSION, banner, print_json, shown};
use super::{Cli, ConvertArgs};
use crate::secret::Secret;
use crate::shell::{ShellInfo, Side};
use crate::workflow::checks::Verdict;
use crate::workflow::convert::{ConvertOptions, ConvertReport, ConvertStatus, Shells, TargetType, convert};
use crate::workflow::disconnected::{DisconnectedRequest, connect_shared};
use crate::workflow::exec::CommandStatus;
use serde::Serialize;
use std::io::{BufRead, IsTerminal};

/// The JSON document `convert --json` prints (docs/json-output.md).
#[derive(Serialize)]
pub struct ConvertDocument<'a> {
    /// Schema version.
    pub schema_version: u32,
    /// Always `convert`.
    pub command: &'static str,
    /// Where it ran; `kind` is `lab` for the LAB.
    pub target: &'a ShellInfo,
    /// Whether this was a dry run.
    pub dry_run: bool,
    /// One report per mailbox.
    pub results: &'a [ConvertReport],
    /// Counts by status.
    pub summary: Summary,
    /// The process exit code.
    pub exit_code: i32,
}

/// Counts of reports by status.
#[derive(Debug, Default, Serialize)]
pub struct Summary {
    /// Converted and verified.
    pub converted: usize,
    /// Already of the target type.
    pub nothing_to_do: usize,
    /// Planned (dry run).
    pub planned: usize,
    /// Blocked by pre-flight.
    pub blocked: usize,
    /// Failed.
    pub failed: usize,
    /// On-premises done, cloud not.
    pub partial: usize,
}

impl Summary {
    /// Counts `reports`.
    pub fn of(reports: &[ConvertReport]) -> Self {
        let mut s = Summary::default();
        for r in reports {
            match r.status {
                ConvertStatus::Converted => s.converted += 1,
                ConvertStatus::NothingToDo => s.nothing_to_do += 1,
                ConvertStatus::Planned => s.planned += 1,
                ConvertStatus::Blocked => s.blocked += 1,
                ConvertStatus::Failed => s.failed += 1,
                ConvertStatus::Partial => s.partial += 1,
            }
        }
        s
    }

    /// The exit code for these counts.
    pub fn exit_code(&self) -> ExitCode {
        let good = self.converted + self.nothing_to_do + self.planned;
        let bad = self.blocked + self.failed + self.partial;
        match (good, bad) {
            (_, 0) => ExitCode::Done,
            (0, _) if self.failed + self.partial == 0 => ExitCode::Blocked,
            (0, _) if self.blocked == 0 => ExitCode::Failed,
            _ => ExitCode::Partial,
        }
    }
}

fn read_password(
    args: &ConvertArgs,
    identity: &str,
    stdin_lines: &mut dyn Iterator<Item = String>,
) -> Result<Option<Secret>, CliError> {
    if args.password_stdin {
        return match stdin_lines.next() {
            Some(line) if !line.trim_end_matches(['\r', '\n']).is_empty() => Ok(Some(Secret::from_line(line))),
            _ => Err(CliError::Usage(format!(
                "--password-stdin: no password line on standard input for '{identity}' (one line per mailbox, in order)"
            ))),
        };
    }
    if std::io::stdin().is_terminal() {
        let pw = rpassword::prompt_password(format!("New password for {identity} (not shown): "))
            .map_err(|e| CliError::Usage(format!("cannot read the password: {e}")))?;
        return Ok(if pw.is_empty() { None } else { Some(Secret::new(pw)) });
    }
    Ok(None)
}

/// Runs `convert`.
pub async fn run(cli: &Cli, args: &ConvertArgs) -> CliResult {
    if let Some(from) = &args.from {
        return super::batch::convert_from(cli, args, from).await;
    }
    if args.disconnected.is_none() && args.identities.is_empty() {
        return Err(CliError::Usage(
            "convert needs at least one mailbox: mbxctl convert IDENTITY... --to shared|regular (or --disconnected NAME --database DB --user USER)".into(),
        ));
    }
    for (i, id) in args.identities.iter().enumerate() {
        if let Err(e) = id.parse::<crate::exchange::identity::MailboxIdentity>() {
            return Err(CliError::Usage(format!("mailbox #{} ('{}'): {e}", i + 1, id.escape_debug())));
        }
    }
    let to = match (args.to, &args.disconnected) {
        (Some(TargetType::Shared), _) | (None, Some(_)) => TargetType::Shared,
        (Some(TargetType::Regular), None) => TargetType::Regular,
        (Some(TargetType::Regular), Some(_)) => {
            return Err(CliError::Usage(
                "--disconnected connects a mailbox as shared; --to regular does not apply".into(),
            ));
        }
        (None, None) => return Err(CliError::Usage("missing --to shared|regular".into())),
    };
    if to == TargetType::Shared && (args.password_stdin || args.reset_password_on_next_logon) {
        return Err(CliError::Usage(
            "--password-stdin and --reset-password-on-next-logon apply to --to regular only (converting to shared disables the account)".into(),
        ));
    }
    let grant_flags: Vec<&str> = [
        ("--full-access", !args.full_access.is_empty()),
        ("--auto-mapping", args.auto_mapping.is_some()),
        ("--send-as", !args.send_as.is_empty()),
        ("--send-on-behalf", !args.send_on_behalf.is_empty()),
        ("--copy-sent-items", args.copy_sent_items),
    ]
    .into_iter()
    .filter_map(|(flag, given)| given.then_some(flag))
    .collect();
    if !grant_flags.is_empty() {
        if to == TargetType::Regular {
            return Err(CliError::Usage(format!(
                "{} apply to --to shared only (converting back keeps the existing permissions)",
                grant_flags.join(", ")
            )));
        }
        if args.disconnected.is_some() {
            return Err(CliError::Usage(format!(
                "{} cannot be combined with --disconnected; once it is connected, grant them with: mbxctl convert {} --to shared {}",
                grant_flags.join(", "),
                args.user.as_deref().unwrap_or("USER"),
                grant_flags
                    .iter()
                    .map(|f| if *f == "--copy-sent-items" { f.to_string() } else { format!("{f} ...") })
                    .collect::<Vec<_>>()
                    .join(" ")
            )));
        }
        if args.auto_mapping.is_some() && args.full_access.is_empty() {
            return Err(CliError::Usage(
                "--auto-mapping applies to the --full-access grants; add --full-access USER".into(),
            ));
        }
    }
    for (flag, users) in
        [("--full-access", &args.full_access), ("--send-as", &args.send_as), ("--send-on-behalf", &args.send_on_behalf)]
    {
        if let Some(bad) = users.iter().find(|u| u.trim().is_empty()) {
            return Err(CliError::Usage(format!("{flag}: empty user name in '{bad}'")));
        }
    }

    let mut sessions = connect::open(cli).await?;
    let info = sessions.primary.describe();
    let mut reports = Vec::new();
    if let Some(name) = &args.disconnected {
        let req = DisconnectedRequest {
            mailbox: name.clone(),
            database: args.database.clone().unwrap_or_default(),
            user: args.user.clone().unwrap_or_default(),
            dry_run: args.dry_run,
        };
        reports.push(connect_shared(sessions.primary.as_mut(), &req).await);
    } else {
        let stdin = std::io::stdin();
        let mut lines = stdin.lock().lines().map_while(Result::ok);
        for identity in &args.identities {
            let mut opts = ConvertOptions::new(to);
            opts.full_access = args.full_access.clone();
            opts.auto_mapping = args.auto_mapping;
            opts.send_as = args.send_as.clone();
            opts.send_on_behalf = args.send_on_behalf.clone();
            opts.copy_sent_items = args.copy_sent_items;
            opts.reset_password_on_next_logon = args.reset_password_on_next_logon;
            opts.dry_run = args.dry_run;
            if to == TargetType::Regular {
                opts.password = read_password(args, identity, &mut lines)?;
            }
            let mut shells =
                Shells { primary: sessions.primary.as_mut(), cloud: sessions.cloud.as_mut().map(|c| c.as_mut() as _) };
            reports.push(convert(&mut shells, identity, &opts).await);
        }
    }
    let _ = sessions.primary.close().await;
    if let Some(c) = sessions.cloud.as_mut() {
        let _ = c.close().await;
    }
    let summary = Summary::of(&reports);
    let code = summary.exit_code();
    if cli.json {
        print_json(&ConvertDocument {
            schema_version: SCHEMA_VERSION,
            command: "convert",
            target: &info,
            dry_run: args.dry_run,
            results: &reports,
            summary,
            exit_code: code as i32,
        })?;
    } else {
        say!("{}", banner(&info));
        for r in &reports {
            say!("\n{}", render_report(r));
        }
    }
    Ok(code)
}

fn status_label(s: ConvertStatus) -> &'static str {
    match s {
        ConvertStatus::Converted => "CONVERTED",
        ConvertStatus::NothingToDo => "NOTHING TO DO",
        ConvertStatus::Planned => "DRY RUN (nothing changed)",
        ConvertStatus::Blocked => "BLOCKED (nothing changed)",
        ConvertStatus::Failed => "FAILED",
        ConvertStatus::Partial => "PARTLY DONE",
    }
}

fn side_label(side: Side) -> &'static str {
    match side {
        Side::OnPremises => "on-prem",
        Side::Online => "online",
    }
}

/// The human report for one mailbox: what was checked, what ran, what it is now, what's next.
pub fn render_report(r: &ConvertReport) -> String {
    let mut out = String::new();
    out.push_str(&format!("{} → {}    {}\n", shown(&r.identity), r.to.type_value(), status_label(r.status)));
    if !r.checks.is_empty() {
        out.push_str("  Pre-flight\n");
        let w = r.checks.iter().map(|c| c.id.len()).max().unwrap_or(0);
        for c in &r.checks {
            let v = match c.verdict {
                Verdict::Pass => "pass ",
                Verdict::Warn => "WARN ",
                Verdict::Block => "BLOCK",
            };
            out.push_str(&format!("    {v}  {:<w$}  {}\n", c.id, shown(&c.message)));
        }
    }
    if !r.commands.is_empty() {
        out.push_str(if r.status == ConvertStatus::Planned { "  Would run\n" } else { "  Ran\n" });
        for c in &r.commands {
            let mark = match c.status {
                CommandStatus::Planned => "   ",
                CommandStatus::Succeeded => "ok ",
                CommandStatus::Failed => "ERR",
                CommandStatus::Skipped => "-- ",
            };
            out.push_str(&format!("    {mark} [{}] {}\n", side_label(c.side), c.text));
            for w in &c.warnings {
                out.push_str(&format!("          WARNING: {}\n", shown(&w.message)));
            }
            for e in &c.errors {
                out.push_str(&format!("          error: {}\n", shown(&e.message)));
            }
        }
    }
    let states = if r.after.is_empty() { &r.before } else { &r.after };
    if !states.is_empty() {
        out.push_str(if r.after.is_empty() { "  Now\n" } else { "  After\n" });
        for s in states {
            out.push_str(&format!(
                "    [{}] {}  RecipientTypeDetails={}{}{}\n",
                side_label(s.side),
                s.primary_smtp_address,
                s.recipient_type_details,
                s.account_disabled
                    .map(|d| format!("  AccountDisabled={}", if d { "True" } else { "False" }))
                    .unwrap_or_default(),
                s.total_item_size.map(|b| format!("  TotalItemSize={b}")).unwrap_or_default(),
            ));
        }
    }
    if let Some(e) = &r.error {
        out.push_str(&format!("  error: {}\n", shown(e)));
    }
    if !r.alternative.is_empty() {
        out.push_str("  Supported alternatives\n");
        for (i, step) in r.alternative.iter().enumerate() {
            out.push_str(&format!("    {}. ({}) {}\n", i + 1, step.r#where, step.description));
            if let Some(c) = &step.command {
                out.push_str(&format!("         {c}\n"));
            }
        }
    }
    if !r.next_steps.is_empty() {
        out.push_str(if r.status == ConvertStatus::Planned {
            "  Next steps, once it has run\n"
        } else {
            "  Next steps\n"
        });
        for s in &r.next_steps {
            out.push_str(&format!("    • {s}\n"));
        }
    }
    out
}
