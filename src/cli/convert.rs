//! `mbxctl convert`: argument handling, passwords, and the report for people and runbooks.

use super::connect;
use super::interrupt::Interrupt;
use super::output::say;
use super::output::{
    CliError, CliResult, ExitCode, SCHEMA_VERSION, Tone, banner, paint, print_json, shown, shown_lines, tone_of,
};
use super::{Cli, ConvertArgs};
use crate::secret::Secret;
use crate::shell::{ShellInfo, Side};
use crate::workflow::batch::BatchItem;
use crate::workflow::batch::journal::{self, RunHeader};
use crate::workflow::batch::single::SingleRun;
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
    /// The journaled run (absent for a dry run): `runs show`, `resume` and `rollback` take it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub run_id: Option<String>,
    /// Whether this was a dry run.
    pub dry_run: bool,
    /// One report per mailbox.
    pub results: &'a [ConvertReport],
    /// Counts by status.
    pub summary: Summary,
    /// Set when Ctrl-C stopped the command: what was sent and how to check it (exit code 130).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub interrupted: Option<String>,
    /// The process exit code.
    pub exit_code: i32,
}

/// Counts of reports by status.
#[derive(Debug, Default, Serialize)]
pub struct Summary {
    /// Converted and verified.
    pub converted: usize,
    /// Already of the target type, every permission asked for already there: nothing changed.
    pub nothing_to_do: usize,
    /// Already of the target type; only permissions were added.
    pub permissions_granted: usize,
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
                ConvertStatus::PermissionsGranted => s.permissions_granted += 1,
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
        let good = self.converted + self.nothing_to_do + self.permissions_granted + self.planned;
        let bad = self.blocked + self.failed + self.partial;
        match (good, bad) {
            (_, 0) => ExitCode::Done,
            (0, _) if self.failed + self.partial == 0 => ExitCode::Blocked,
            (0, _) if self.blocked + self.partial == 0 => ExitCode::Failed,
            _ => ExitCode::Partial,
        }
    }
}

/// The passwords for converting back, all read before the first change.
///
/// The rule (also in `convert --help` and the README): with `--password-stdin`, standard input
/// holds either ONE line, the password for every mailbox converted back, or exactly ONE LINE PER
/// MAILBOX named on the command line, in the same order. Any other count, or an empty line among
/// them, is refused before anything runs. Without it, a terminal is asked (twice, to confirm) for
/// each mailbox that needs a password, after a read-only check of which ones do.
enum Passwords {
    /// No password (a dry run, or no terminal and no `--password-stdin`).
    None,
    /// One for all.
    One(Secret),
    /// One per mailbox, by position.
    Each(Vec<Option<Secret>>),
}

impl Passwords {
    fn for_item(&self, i: usize) -> Option<Secret> {
        match self {
            Passwords::None => None,
            Passwords::One(s) => Some(s.clone()),
            Passwords::Each(v) => v.get(i).cloned().flatten(),
        }
    }
}

/// Reads `--password-stdin` lines: one for all, or one per mailbox.
fn passwords_from_lines(lines: Vec<String>, identities: &[String]) -> Result<Passwords, CliError> {
    let mut lines: Vec<String> = lines.into_iter().map(|l| l.trim_end_matches(['\r', '\n']).to_string()).collect();
    while lines.last().is_some_and(|l| l.is_empty()) {
        lines.pop();
    }
    let n = identities.len();
    if let Some(i) = lines.iter().position(String::is_empty) {
        return Err(CliError::Usage(format!(
            "--password-stdin: line {} of standard input is empty; give one password line for all mailboxes, or one line per mailbox ({n}) in the order they are named; nothing was changed",
            i + 1
        )));
    }
    match lines.len() {
        0 => Err(CliError::Usage(format!(
            "--password-stdin: standard input holds no password; give one line for all mailboxes, or one line per mailbox ({n}) in the order they are named; nothing was changed"
        ))),
        1 => Ok(Passwords::One(Secret::from_line(lines.remove(0)))),
        k if k == n => Ok(Passwords::Each(lines.into_iter().map(|l| Some(Secret::from_line(l))).collect())),
        k => Err(CliError::Usage(format!(
            "--password-stdin: standard input holds {k} password lines for {n} mailboxes ({}); give one line for all, or exactly one per mailbox in that order; nothing was changed",
            identities.join(", ")
        ))),
    }
}

/// Asks on the terminal, twice, for a mailbox's new password.
fn prompt_password(identity: &str) -> Result<Option<Secret>, CliError> {
    for _ in 0..3 {
        let first = rpassword::prompt_password(format!("New password for {identity} (not shown): "))
            .map_err(|e| CliError::Usage(format!("cannot read the password: {e}")))?;
        if first.is_empty() {
            return Ok(None);
        }
        let again = rpassword::prompt_password(format!("Type it again for {identity}: "))
            .map_err(|e| CliError::Usage(format!("cannot read the password: {e}")))?;
        if first == again {
            return Ok(Some(Secret::new(first)));
        }
        eprintln!("The two passwords differ; try again.");
    }
    Err(CliError::Usage(format!("the passwords for {identity} did not match three times; nothing was changed")))
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

    // Every input is read and checked before the first change (issue: a later bad password line
    // must not leave earlier mailboxes converted with exit 2).
    let stdin_passwords = if to == TargetType::Regular && args.password_stdin {
        let lines: Vec<String> = std::io::stdin().lock().lines().collect::<Result<_, _>>().map_err(|e| {
            CliError::Usage(format!("--password-stdin: cannot read standard input: {e}; nothing was changed"))
        })?;
        Some(passwords_from_lines(lines, &args.identities)?)
    } else {
        None
    };

    let mut sessions = connect::open(cli).await?;
    let info = sessions.primary.describe();
    let interrupt = Interrupt::install();
    let mut reports = Vec::new();
    let mut run: Option<SingleRun> = None;
    let mut notes: Vec<String> = Vec::new();
    let mut interrupted: Option<String> = None;
    if let Some(name) = &args.disconnected {
        let req = DisconnectedRequest {
            mailbox: name.clone(),
            database: args.database.clone().unwrap_or_default(),
            user: args.user.clone().unwrap_or_default(),
            dry_run: args.dry_run,
        };
        if args.dry_run {
            reports.push(connect_shared(sessions.primary.as_mut(), &req).await);
        } else {
            // Journaled like any change: `runs list` shows it, and `rollback` names the undo.
            let started = start_disconnected_run(cli, &req, &info)?;
            let (report, written) = started.connect_disconnected(sessions.primary.as_mut(), 1, &req).await;
            if let Err(e) = written {
                notes.push(format!("the journal of {} is incomplete: {e}", req.user));
            }
            reports.push(report);
            run = Some(started);
        }
    } else {
        let passwords = match stdin_passwords {
            Some(p) => p,
            None if to == TargetType::Regular && !args.dry_run && std::io::stdin().is_terminal() => {
                // Ask only for the mailboxes that need one: a read-only pre-flight says which.
                let mut each = Vec::new();
                for identity in &args.identities {
                    let mut probe = options(args, to);
                    probe.dry_run = true;
                    let mut shells = Shells {
                        primary: sessions.primary.as_mut(),
                        cloud: sessions.cloud.as_mut().map(|c| c.as_mut() as _),
                    };
                    let r = convert(&mut shells, identity, &probe).await;
                    let needs = r.status == ConvertStatus::Planned && r.checks.iter().any(|c| c.id == "password");
                    each.push(if needs { prompt_password(identity)? } else { None });
                }
                Passwords::Each(each)
            }
            None => Passwords::None,
        };
        if !args.dry_run {
            run = Some(start_run(cli, args, to, &info)?);
        }
        for (i, identity) in args.identities.iter().enumerate() {
            if interrupt.requested() {
                break;
            }
            let mut opts = options(args, to);
            if to == TargetType::Regular {
                opts.password = passwords.for_item(i);
            }
            let mut shells =
                Shells { primary: sessions.primary.as_mut(), cloud: sessions.cloud.as_mut().map(|c| c.as_mut() as _) };
            let work = async {
                match &run {
                    Some(run) => {
                        let (report, written) = run.convert(&mut shells, i + 1, identity, &opts).await;
                        (report, written.err())
                    }
                    None => (convert(&mut shells, identity, &opts).await, None),
                }
            };
            tokio::pin!(work);
            let outcome = tokio::select! {
                r = &mut work => Some(r),
                () = interrupt.wait() => {
                    let sent = run.as_ref().is_some_and(|r| r.change_started(i + 1));
                    if sent {
                        eprintln!(
                            "Ctrl-C: the change to {identity} was already sent; waiting up to {} s for it to finish (Ctrl-C again to stop now)",
                            STOP_GRACE.as_secs()
                        );
                        let mut finished = tokio::select! {
                            r = &mut work => Some(r),
                            () = interrupt.wait_for(2) => None,
                            () = tokio::time::sleep(STOP_GRACE) => None,
                        };
                        if finished.is_none() && interrupt.count() < 2 {
                            // The grace period is over: stop the command in PowerShell (PSRP's stop, as
                            // Ctrl-C does in PowerShell's own console) rather than leave it running on the
                            // server, and let its session close before reporting.
                            eprintln!("the grace period is over: stopping the command in PowerShell and closing the session");
                            crate::transport::session::stop_running_commands();
                            // A command that completes while the stop travels is reported as it ended.
                            finished = tokio::select! {
                                r = &mut work => Some(r),
                                () = crate::transport::session::stopped_session_closed() => None,
                                () = interrupt.wait_for(2) => None,
                                () = tokio::time::sleep(STOP_WAIT) => None,
                            };
                        }
                        finished
                    } else {
                        None
                    }
                }
            };
            match outcome {
                Some((report, journal_error)) => {
                    if let Some(e) = journal_error {
                        notes.push(format!("the journal of {identity} is incomplete: {e}"));
                    }
                    reports.push(report);
                }
                None => {
                    let sent = run.as_ref().is_some_and(|r| r.change_started(i + 1));
                    interrupted = Some(interrupt_message(cli, args, identity, to, sent, run.as_ref()));
                    break;
                }
            }
        }
        if interrupt.requested() && interrupted.is_none() && reports.len() < args.identities.len() {
            let next = &args.identities[reports.len()];
            interrupted = Some(interrupt_message(cli, args, next, to, false, run.as_ref()));
        }
    }
    let _ = sessions.primary.close().await;
    if let Some(c) = sessions.cloud.as_mut() {
        let _ = c.close().await;
    }
    let summary = Summary::of(&reports);
    let mut code = summary.exit_code();
    if let Some(run) = &run
        && interrupted.is_none()
        && let Err(e) = run.finish(format!("{summary:?}"))
    {
        notes.push(format!("the run {} could not be closed: {e}", run.id()));
    }
    let run_id = run.as_ref().map(SingleRun::id);
    if interrupted.is_some() {
        code = ExitCode::Interrupted;
    }
    for n in &notes {
        eprintln!("warning: {n}");
    }
    if cli.json {
        print_json(&ConvertDocument {
            schema_version: SCHEMA_VERSION,
            command: "convert",
            target: &info,
            run_id: run_id.clone(),
            dry_run: args.dry_run,
            results: &reports,
            summary,
            interrupted: interrupted.clone(),
            exit_code: code as i32,
        })?;
    } else {
        say!("{}", banner(&info));
        for r in &reports {
            say!("\n{}", render_report(r));
        }
        if let Some(id) = &run_id {
            let prefix = invocation_prefix(cli);
            say!("\nRun {id}: {prefix} runs show {id}   undo: {prefix} rollback {id} --dry-run\n");
        }
    }
    if let Some(m) = &interrupted {
        eprintln!("{m}");
    }
    Ok(code)
}

/// How long a change already sent may take to finish after the first Ctrl-C.
const STOP_GRACE: std::time::Duration = std::time::Duration::from_secs(15);
/// After the grace period: how long PowerShell's stop and the session's closing may take.
const STOP_WAIT: std::time::Duration = std::time::Duration::from_secs(5);

/// The conversion options the command line asks for (the password is added per mailbox).
fn options(args: &ConvertArgs, to: TargetType) -> ConvertOptions {
    let mut opts = ConvertOptions::new(to);
    opts.full_access = args.full_access.clone();
    opts.auto_mapping = args.auto_mapping;
    opts.send_as = args.send_as.clone();
    opts.send_on_behalf = args.send_on_behalf.clone();
    opts.copy_sent_items = args.copy_sent_items;
    opts.reset_password_on_next_logon = args.reset_password_on_next_logon;
    opts.dry_run = args.dry_run;
    opts
}

/// How a command line addresses the same target again, for the hints it prints.
fn invocation_prefix(cli: &Cli) -> String {
    match (&cli.lab_dir, cli.lab) {
        (Some(d), _) => format!("mbxctl --lab-dir {}", crate::workflow::convert::cli_arg(&d.display().to_string())),
        (None, true) => "mbxctl --lab".into(),
        (None, false) => match &cli.profile {
            Some(p) => format!("mbxctl --profile {}", crate::workflow::convert::cli_arg(p)),
            None => "mbxctl".into(),
        },
    }
}

/// Starts the journaled run of a single convert command (docs/batches.md).
fn start_run(cli: &Cli, args: &ConvertArgs, to: TargetType, info: &ShellInfo) -> Result<SingleRun, CliError> {
    let root = match connect::lab_dir(cli) {
        Some(dir) => journal::lab_runs_root(&dir),
        None => journal::default_runs_root(|k| std::env::var_os(k)).map_err(|e| CliError::Usage(e.to_string()))?,
    };
    let target = to;
    let items: Vec<BatchItem> = args
        .identities
        .iter()
        .enumerate()
        .map(|(i, id)| BatchItem {
            full_access: args.full_access.clone(),
            send_as: args.send_as.clone(),
            send_on_behalf: args.send_on_behalf.clone(),
            auto_mapping: args.auto_mapping,
            reset_password_on_next_logon: (to == TargetType::Regular).then_some(args.reset_password_on_next_logon),
            ..BatchItem::new(i + 1, id.clone(), target)
        })
        .collect();
    let mut command = String::from("convert");
    for id in &args.identities {
        command.push(' ');
        command.push_str(&crate::workflow::convert::cli_arg(id));
    }
    command.push_str(if to == TargetType::Shared { " --to shared" } else { " --to regular" });
    let header = RunHeader {
        id: journal::new_run_id(),
        started: journal::now_text(),
        command,
        target: info.kind.into(),
        options: serde_json::json!({
            "source": "command line", "to": format!("{to:?}"), "dry_run": false,
            "copy_sent_items": args.copy_sent_items, "sessions": 1, "strict": true,
        }),
        item_count: items.len(),
        parent: None,
        version: env!("CARGO_PKG_VERSION").into(),
    };
    SingleRun::start(&root, &header, &items)
        .map_err(|e| CliError::Failed(format!("cannot start the run journal: {e}; nothing was changed")))
}

/// The run of `convert --disconnected`: one item, the account that receives the mailbox.
fn start_disconnected_run(cli: &Cli, req: &DisconnectedRequest, info: &ShellInfo) -> Result<SingleRun, CliError> {
    let root = match connect::lab_dir(cli) {
        Some(dir) => journal::lab_runs_root(&dir),
        None => journal::default_runs_root(|k| std::env::var_os(k)).map_err(|e| CliError::Usage(e.to_string()))?,
    };
    let item = BatchItem::new(1, req.user.clone(), TargetType::Shared);
    let arg = crate::workflow::convert::cli_arg;
    let header = RunHeader {
        id: journal::new_run_id(),
        started: journal::now_text(),
        command: format!(
            "convert --disconnected {} --database {} --user {}",
            arg(&req.mailbox),
            arg(&req.database),
            arg(&req.user)
        ),
        target: info.kind.into(),
        options: serde_json::json!({
            "source": "command line", "to": "Shared", "dry_run": false, "disconnected": req.mailbox,
            "database": req.database, "sessions": 1, "strict": true,
        }),
        item_count: 1,
        parent: None,
        version: env!("CARGO_PKG_VERSION").into(),
    };
    SingleRun::start(&root, &header, std::slice::from_ref(&item))
        .map_err(|e| CliError::Failed(format!("cannot start the run journal: {e}; nothing was changed")))
}

/// What Ctrl-C interrupted, whether the change reached Exchange, and how to check and finish.
fn interrupt_message(
    cli: &Cli,
    args: &ConvertArgs,
    identity: &str,
    to: TargetType,
    sent: bool,
    run: Option<&SingleRun>,
) -> String {
    let prefix = invocation_prefix(cli);
    let check = format!(
        "{prefix} convert {} --to {} --dry-run",
        crate::workflow::convert::cli_arg(identity),
        to.type_value().to_ascii_lowercase()
    );
    let mut m = if sent {
        format!(
            "interrupted: the change to {identity} was sent to Exchange and may have been applied; check with: {check} (it says NOTHING TO DO when the change took)"
        )
    } else {
        format!("interrupted: nothing was sent to Exchange for {identity}: it was not changed")
    };
    let _ = args;
    if let Some(run) = run {
        m.push_str(&format!(
            "\n  finish the rest: {prefix} resume {id}\n  undo what ran:   {prefix} rollback {id} --dry-run",
            id = run.id()
        ));
    }
    m
}

fn status_label(s: ConvertStatus, to: TargetType) -> String {
    let already = to.type_value().to_ascii_uppercase();
    match s {
        ConvertStatus::Converted => "CONVERTED".into(),
        ConvertStatus::NothingToDo => format!("NOTHING TO DO (already {already})"),
        ConvertStatus::PermissionsGranted => format!("ALREADY {already}, PERMISSIONS GRANTED"),
        ConvertStatus::Planned => "DRY RUN (nothing changed)".into(),
        ConvertStatus::Blocked => "BLOCKED (nothing changed)".into(),
        ConvertStatus::Failed => "FAILED".into(),
        ConvertStatus::Partial => "PARTLY DONE".into(),
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
    let label = status_label(r.status, r.to);
    let label = tone_of(&label).map_or_else(|| label.clone(), |t| paint(t, &label));
    out.push_str(&format!("{} → {}    {label}\n", shown(&r.identity), r.to.type_value()));
    if !r.checks.is_empty() {
        out.push_str("  Pre-flight\n");
        let w = r.checks.iter().map(|c| c.id.len()).max().unwrap_or(0);
        for c in &r.checks {
            let v = match c.verdict {
                Verdict::Pass => "pass ".to_string(),
                Verdict::Warn => paint(Tone::Warn, "WARN "),
                Verdict::Block => paint(Tone::Bad, "BLOCK"),
            };
            out.push_str(&format!("    {v}  {:<w$}  {}\n", c.id, shown(&c.message)));
        }
    }
    if !r.commands.is_empty() {
        out.push_str(if r.status == ConvertStatus::Planned { "  Would run\n" } else { "  Ran\n" });
        for c in &r.commands {
            let mark = match c.status {
                CommandStatus::Planned => "   ".to_string(),
                CommandStatus::Succeeded => paint(Tone::Good, "ok "),
                CommandStatus::Failed => paint(Tone::Bad, "ERR"),
                CommandStatus::Skipped => "-- ".to_string(),
            };
            out.push_str(&format!("    {mark} [{}] {}\n", side_label(c.side), c.text));
            for w in &c.warnings {
                let text = shown_lines(&w.message, "                   ");
                out.push_str(&format!("          {}: {text}\n", paint(Tone::Warn, "WARNING")));
            }
            for e in &c.errors {
                out.push_str(&format!(
                    "          {}: {}\n",
                    paint(Tone::Bad, "error"),
                    shown_lines(&e.message, "                 ")
                ));
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
    // The command's own error (an AD message) is printed above; the report's error often repeats it.
    let said = |e: &str| {
        r.commands.iter().flat_map(|c| &c.errors).any(|x| !x.message.is_empty() && e.contains(x.message.trim()))
    };
    if let Some(e) = r.error.as_deref().filter(|e| !said(e)) {
        out.push_str(&format!("  {}: {}\n", paint(Tone::Bad, "error"), shown_lines(e, "         ")));
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
