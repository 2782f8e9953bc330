//! The per-item work of a convert batch: the session a pool slot holds, the pre-flight
//! resolution that catches alias-vs-address duplicates, and the worker that runs one item
//! through [`convert_observed`] while journaling each state change.
//!
//! The CLI and the benchmark both drive batches through this module, so what is measured is
//! what admins run.

use super::input::{BatchItem, ResolvedKey, RowProblem, find_duplicates_resolved};
use super::journal::{Event, FailureKind, GrantKind, Journal};
use super::pool::{Failure, ItemOutcome, WorkItem};
use super::sessions::SessionSource;
use crate::cmdlet::validate::Target as CatalogueTarget;
use crate::cmdlet::{Invocation, Severity};
use crate::exchange::RecipientTypeDetails;
use crate::exchange::classify::ErrorKind;
use crate::psobject::PsValue;
use crate::secret::Secret;
use crate::shell::{Outcome, Shell, ShellError, ShellFuture, ShellInfo};
use crate::workflow::checks::Verdict;
use crate::workflow::convert::{
    ConvertOptions, ConvertReport, ConvertStatus, Grant, Observer, Shells, TargetType, convert_observed,
};
use crate::workflow::exec::{CommandStatus, Executor, WorkflowError, display_text};
use std::collections::{HashMap, HashSet};
use std::sync::{Arc, Mutex};
use std::time::Duration;

/// The wait assumed when Exchange throttles without saying for how long.
pub const DEFAULT_THROTTLE_WAIT: Duration = Duration::from_secs(5);

/// What one pool slot holds: the primary session and, in hybrid, an Exchange Online session,
/// so remote mailboxes convert on both sides. As a [`Shell`] it is the primary session.
pub struct Session {
    /// The primary (on-premises) session.
    pub primary: Box<dyn Shell>,
    /// The Exchange Online session, when there is one.
    pub cloud: Option<Box<dyn Shell>>,
}

impl Session {
    /// A session with only a primary shell.
    pub fn single(primary: Box<dyn Shell>) -> Self {
        Session { primary, cloud: None }
    }

    /// The shells for [`convert_observed`].
    pub fn shells(&mut self) -> Shells<'_> {
        Shells { primary: self.primary.as_mut(), cloud: self.cloud.as_deref_mut() }
    }
}

impl Shell for Session {
    fn run<'a>(&'a mut self, invocation: &'a Invocation) -> ShellFuture<'a, Result<Outcome, ShellError>> {
        self.primary.run(invocation)
    }

    fn describe(&self) -> ShellInfo {
        self.primary.describe()
    }

    fn close(&mut self) -> ShellFuture<'_, Result<(), ShellError>> {
        Box::pin(async move {
            let primary = self.primary.close().await;
            if let Some(c) = self.cloud.as_mut() {
                // The primary's result decides; a cloud session that fails to close changes nothing.
                let _ = c.close().await;
            }
            primary
        })
    }
}

/// Settings that apply to every item of a convert batch.
#[derive(Debug, Clone, Default)]
pub struct ConvertJob {
    /// Only check and plan.
    pub dry_run: bool,
    /// Keep copies of sent items in converted shared mailboxes.
    pub copy_sent_items: bool,
    /// The password for items converted back to Regular (one for all; never journaled).
    pub password: Option<Secret>,
}

/// The options convert runs one item with. Grants and switches come from the row (the CLI has
/// already merged its defaults into it).
pub fn convert_options(item: &BatchItem, job: &ConvertJob) -> ConvertOptions {
    let mut o = ConvertOptions::new(item.target);
    o.full_access = item.full_access.clone();
    o.send_as = item.send_as.clone();
    o.send_on_behalf = item.send_on_behalf.clone();
    o.auto_mapping = item.auto_mapping;
    o.copy_sent_items = job.copy_sent_items;
    o.dry_run = job.dry_run;
    // The pool handles throttling for the whole batch (it slows every session down).
    o.throttle_retries = Some(0);
    if item.target == TargetType::Regular {
        o.password = job.password.clone();
        // A batch gives every account the same password, known to the operator: unless the row
        // says otherwise, each user must replace it at next logon.
        o.reset_password_on_next_logon = item.reset_password_on_next_logon.unwrap_or(true);
    }
    o
}

/// Applies command-line defaults to rows that leave a grant column empty.
pub fn apply_grant_defaults(
    items: &mut [BatchItem],
    full_access: &[String],
    send_as: &[String],
    send_on_behalf: &[String],
) {
    for item in items {
        if item.full_access.is_empty() {
            item.full_access = full_access.to_vec();
        }
        if item.send_as.is_empty() {
            item.send_as = send_as.to_vec();
        }
        if item.send_on_behalf.is_empty() {
            item.send_on_behalf = send_on_behalf.to_vec();
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Observer: journals each state change before the next one happens.

/// Journals convert's state changes for one item (also used by rollback's conversions back).
pub(crate) struct JournalObserver<'a> {
    pub(crate) journal: &'a Journal,
    pub(crate) key: usize,
    pub(crate) identity: &'a str,
    pub(crate) started: &'a Mutex<HashSet<usize>>,
    pub(crate) apply_started: bool,
}

fn journal_err(e: super::journal::JournalError) -> String {
    e.to_string()
}

impl Observer for JournalObserver<'_> {
    fn preflighted(&mut self, report: &ConvertReport) -> Result<(), String> {
        let warnings = report.checks.iter().filter(|c| c.verdict == Verdict::Warn).count();
        let summary = match warnings {
            0 => "ok".to_string(),
            1 => "1 warning".to_string(),
            n => format!("{n} warnings"),
        };
        let checks = serde_json::to_value(&report.checks).unwrap_or(serde_json::Value::Null);
        self.journal.append(self.key, self.identity, Event::Preflighted { summary, checks }).map_err(journal_err)
    }

    fn apply_started(&mut self, commands: &[Invocation]) -> Result<(), String> {
        // Durable before the first command runs: a crash after this line means "maybe applied".
        self.journal
            .append(self.key, self.identity, Event::apply_started(commands, display_text))
            .map_err(journal_err)?;
        self.apply_started = true;
        self.started.lock().unwrap_or_else(|p| p.into_inner()).insert(self.key);
        Ok(())
    }

    fn applied(&mut self, previous: RecipientTypeDetails) -> Result<(), String> {
        self.journal
            .append(self.key, self.identity, Event::Applied { previous_type: Some(previous.to_string()) })
            .map_err(journal_err)
    }

    fn granted(&mut self, grant: &Grant) -> Result<(), String> {
        let event = match grant {
            Grant::FullAccess { trustee, auto_mapping } => {
                Event::Granted { grant: GrantKind::FullAccess, trustee: trustee.clone(), auto_mapping: *auto_mapping }
            }
            Grant::SendAs { trustee } => {
                Event::Granted { grant: GrantKind::SendAs, trustee: trustee.clone(), auto_mapping: None }
            }
            Grant::SendOnBehalf { trustee } => {
                Event::Granted { grant: GrantKind::SendOnBehalf, trustee: trustee.clone(), auto_mapping: None }
            }
        };
        self.journal.append(self.key, self.identity, event).map_err(journal_err)
    }
}

// ---------------------------------------------------------------------------------------------
// Classifying a report into the pool's outcome.

/// The failure kind of a blocking pre-flight check.
fn blocked_kind(report: &ConvertReport) -> FailureKind {
    let block = report.checks.iter().find(|c| c.verdict == Verdict::Block);
    match block.map(|c| c.id) {
        Some("exists") => FailureKind::NotFound,
        Some("access") => FailureKind::AccessDenied,
        _ => FailureKind::Refused,
    }
}

/// Why a report was blocked, in one line.
pub fn blocked_reason(report: &ConvertReport) -> String {
    let reasons: Vec<&str> =
        report.checks.iter().filter(|c| c.verdict == Verdict::Block).map(|c| c.message.as_str()).collect();
    if reasons.is_empty() { "blocked by pre-flight".to_string() } else { reasons.join("; ") }
}

/// The pool's outcome for one attempt's report. `started_in_run`: this run (or the run it
/// resumes) journaled `apply-started` for the item, so "already converted" means this batch did
/// it; `started_in_attempt`: this attempt did, so a broken session may have applied it.
pub fn outcome_of(report: &ConvertReport, started_in_run: bool, started_in_attempt: bool) -> ItemOutcome {
    if let Some(wait) = report.throttled {
        return ItemOutcome::Throttled { retry_after: wait };
    }
    match report.status {
        ConvertStatus::Converted => ItemOutcome::Done(Event::Verified {
            detail: serde_json::json!({"status": "converted", "after": report.after}),
        }),
        ConvertStatus::NothingToDo if started_in_run => ItemOutcome::Done(Event::Verified {
            detail: serde_json::json!({
                "status": "converted",
                "note": "re-read after an interruption: the change had already been applied",
                "after": report.before,
            }),
        }),
        ConvertStatus::PermissionsGranted => ItemOutcome::Done(Event::Verified {
            detail: serde_json::json!({"status": "permissions-granted", "after": report.before}),
        }),
        ConvertStatus::NothingToDo => {
            ItemOutcome::Done(Event::Skipped { reason: format!("already {}", report.to.type_value()) })
        }
        ConvertStatus::Planned => ItemOutcome::Done(Event::Skipped {
            reason: format!(
                "{} {} command(s) planned, nothing changed",
                super::view::DRY_RUN_REASON_PREFIX,
                report.commands.len()
            ),
        }),
        ConvertStatus::Blocked => {
            ItemOutcome::Failed(Failure { reason: blocked_reason(report), kind: blocked_kind(report) })
        }
        ConvertStatus::Failed | ConvertStatus::Partial => {
            if report.session_failure {
                return ItemOutcome::SessionBroken { applied_maybe: started_in_attempt };
            }
            let errors = || report.commands.iter().flat_map(|c| &c.errors);
            if let Some(wait) = errors().find_map(|e| match e.kind {
                ErrorKind::Throttled { retry_after } => Some(retry_after.unwrap_or(DEFAULT_THROTTLE_WAIT)),
                _ => None,
            }) {
                return ItemOutcome::Throttled { retry_after: wait };
            }
            let kind = match errors().next().map(|e| &e.kind) {
                Some(ErrorKind::NotFound | ErrorKind::Ambiguous) => FailureKind::NotFound,
                Some(ErrorKind::AccessDenied) => FailureKind::AccessDenied,
                Some(_) => FailureKind::CmdletError,
                None if !report.commands.is_empty()
                    && report.commands.iter().all(|c| c.status == CommandStatus::Succeeded) =>
                {
                    FailureKind::VerifyFailed
                }
                None => FailureKind::Other,
            };
            let reason = report.error.clone().unwrap_or_else(|| "failed without an error message".into());
            ItemOutcome::Failed(Failure { reason, kind })
        }
    }
}

// ---------------------------------------------------------------------------------------------
// The worker.

/// Runs convert batch items, journaling as it goes; shared by every session of a pool.
pub struct BatchWorker<'j> {
    journal: &'j Journal,
    job: ConvertJob,
    started: Mutex<HashSet<usize>>,
    reports: Arc<Mutex<HashMap<usize, ConvertReport>>>,
}

impl<'j> BatchWorker<'j> {
    /// A worker writing to `journal`.
    pub fn new(journal: &'j Journal, job: ConvertJob) -> Self {
        BatchWorker { journal, job, started: Mutex::new(HashSet::new()), reports: Arc::default() }
    }

    /// Marks items whose commands a previous (interrupted) run started: when the re-read finds
    /// them done, they are journaled as verified rather than skipped.
    pub fn inherit_started(&self, keys: impl IntoIterator<Item = usize>) {
        self.started.lock().unwrap_or_else(|p| p.into_inner()).extend(keys);
    }

    /// The latest report of each item, by key (the CLI's progress callback takes them out).
    pub fn reports(&self) -> Arc<Mutex<HashMap<usize, ConvertReport>>> {
        Arc::clone(&self.reports)
    }

    /// One attempt at one item: pre-flight, apply and verify through [`convert_observed`].
    /// Convert's pre-flight always re-reads the mailbox, so a recheck needs nothing special: an
    /// item already converted comes back as nothing-to-do.
    pub async fn run(&self, session: &mut Session, item: WorkItem<BatchItem>) -> ItemOutcome {
        let opts = convert_options(&item.data, &self.job);
        let mut obs = JournalObserver {
            journal: self.journal,
            key: item.key,
            identity: &item.identity,
            started: &self.started,
            apply_started: false,
        };
        let report = convert_observed(&mut session.shells(), &item.identity, &opts, &mut obs).await;
        if matches!(report.status, ConvertStatus::Planned | ConvertStatus::Blocked) && !report.checks.is_empty() {
            // Convert journals its pre-flight only before a change; a dry run's or a blocked item's
            // warnings belong in the journal too (`runs show` lists them). Best effort, as below.
            let _ = obs.preflighted(&report);
        }
        if report.status == ConvertStatus::Planned && !report.commands.is_empty() {
            // A dry run's plan goes in the journal, so `runs show --csv` can list it. Best effort:
            // the final record that follows is what counts.
            let commands = report.commands.iter().map(|c| c.text.clone()).collect();
            let _ = self.journal.append(item.key, &item.identity, Event::Previewed { commands });
        }
        let started_in_attempt = obs.apply_started;
        let started_in_run = self.started.lock().unwrap_or_else(|p| p.into_inner()).contains(&item.key);
        let outcome = outcome_of(&report, started_in_run, started_in_attempt);
        self.reports.lock().unwrap_or_else(|p| p.into_inner()).insert(item.key, report);
        outcome
    }
}

// ---------------------------------------------------------------------------------------------
// Pre-flight resolution: one Get-Recipient per row.

/// What `Get-Recipient` said about one row's identity.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Resolution {
    /// Found: the key that identifies the mailbox whatever it was called by, and its primary
    /// SMTP address when Exchange gave one (for reports, beside the identity as typed).
    Found(ResolvedKey, Option<String>),
    /// Not usable: a problem code (`unknown-mailbox`, `ambiguous-identity`, `unreadable-identity`)
    /// and Exchange's message.
    Problem(&'static str, String),
}

fn key_of(v: &PsValue) -> Option<ResolvedKey> {
    let o = v.as_object()?;
    let text = |name: &str| o.get(name).and_then(PsValue::display).filter(|s| !s.is_empty());
    let guid = |name: &str| text(name).filter(|g| g.parse::<uuid::Uuid>().is_ok_and(|u| !u.is_nil()));
    guid("ExchangeGuid")
        .map(|g| format!("exchangeguid:{}", g.to_ascii_lowercase()))
        .or_else(|| guid("Guid").map(|g| format!("guid:{}", g.to_ascii_lowercase())))
        .or_else(|| text("PrimarySmtpAddress").map(|s| format!("smtp:{}", s.to_ascii_lowercase())))
        .map(ResolvedKey)
}

/// Resolves one identity. `Err` is a session failure (the caller reopens and retries).
pub async fn resolve_identity(shell: &mut (dyn Shell + 'static), identity: &str) -> Result<Resolution, ShellError> {
    let side = shell.describe().side;
    let mut exec = Executor::new(shell, CatalogueTarget { side, ..CatalogueTarget::default() });
    let inv = Invocation::new("Get-Recipient").param("Identity", identity);
    let outcome = match exec.run(&inv).await {
        Ok((outcome, _)) => outcome,
        Err(WorkflowError::Shell(e)) => return Err(e),
        Err(e) => return Ok(Resolution::Problem("unreadable-identity", e.to_string())),
    };
    if let Some(e) = outcome.errors.first() {
        let code = match crate::exchange::classify::classify_error(e) {
            ErrorKind::NotFound => "unknown-mailbox",
            ErrorKind::Ambiguous => "ambiguous-identity",
            ErrorKind::Throttled { .. } => {
                return Err(ShellError::Timeout { what: "a throttled Get-Recipient".into(), seconds: 0 });
            }
            _ => "unreadable-identity",
        };
        return Ok(Resolution::Problem(code, e.message.clone()));
    }
    let smtp = outcome
        .output
        .first()
        .and_then(|v| v.as_object()?.get("PrimarySmtpAddress").and_then(PsValue::display).filter(|s| !s.is_empty()));
    Ok(match outcome.output.first().and_then(key_of) {
        Some(k) => Resolution::Found(k, smtp),
        None => Resolution::Problem("unreadable-identity", "Get-Recipient returned no identifying property".into()),
    })
}

/// Turns resolutions into row problems: identities Exchange does not know or cannot tell
/// apart, and rows that name a mailbox an earlier row already names (alias vs address).
pub fn resolution_problems(items: &[BatchItem], resolved: &HashMap<usize, Resolution>) -> Vec<RowProblem> {
    let mut problems = Vec::new();
    for item in items {
        if let Some(Resolution::Problem(code, message)) = resolved.get(&item.row) {
            let what = match *code {
                "unknown-mailbox" => "no such mailbox; check the spelling or use the primary SMTP address",
                "ambiguous-identity" => "several recipients match; use the primary SMTP address or GUID",
                _ => "Exchange could not read it",
            };
            problems.push(RowProblem {
                row: item.row,
                line: item.line,
                column: Some(item.identity_column.clone().unwrap_or_else(|| "Identity".into())),
                severity: Severity::Error,
                code,
                message: format!("'{}': {what} ({message})", item.identity),
            });
        }
    }
    problems.extend(find_duplicates_resolved(items, |i| match resolved.get(&i.row) {
        Some(Resolution::Found(k, _)) => Some(k.clone()),
        _ => None,
    }));
    for p in &mut problems {
        if p.code == "duplicate-mailbox"
            && p.column.is_none()
            && let Some(item) = items.iter().find(|i| i.row == p.row)
        {
            p.column = Some(item.identity_column.clone().unwrap_or_else(|| "Identity".into()));
        }
    }
    problems.sort_by_key(|p| (p.row, p.line));
    problems
}

/// Resolves `items` with `first` and, as they open, the sessions of `source` (each lane takes
/// the next unresolved row), reopening a session that breaks with `reopen`; `on_progress(done,
/// total)` follows each row. Extra lanes stop waiting for a session once every row is taken, so
/// the resolution never waits for all sessions to open. Returns the sessions that took part
/// (for the pool to reuse) and a resolution per row. A row that cannot be resolved after three
/// session failures is an `unreadable-identity` problem.
pub async fn resolve_all<O, OF>(
    first: Session,
    source: &SessionSource<Session>,
    extra_lanes: usize,
    items: &[BatchItem],
    reopen: O,
    on_progress: &dyn Fn(usize, usize),
) -> (Vec<Session>, HashMap<usize, Resolution>)
where
    O: Fn() -> OF,
    OF: std::future::Future<Output = Result<Session, ShellError>>,
{
    let next = std::cell::Cell::new(0usize);
    let finished = std::cell::Cell::new(0usize);
    let all_taken = tokio::sync::Notify::new();
    let reopen = &reopen;
    let take = || {
        let i = next.get();
        next.set(i + 1);
        if i + 1 >= items.len() {
            all_taken.notify_waiters();
        }
        items.get(i)
    };
    let wait_all_taken = || async {
        loop {
            let n = all_taken.notified();
            tokio::pin!(n);
            n.as_mut().enable();
            if next.get() >= items.len() {
                return;
            }
            n.await;
        }
    };
    let lane = |session: Option<Session>| async {
        let mut session = match session {
            Some(s) => s,
            None => {
                let joined = tokio::select! {
                    s = source.next() => s,
                    _ = wait_all_taken() => None,
                };
                match joined {
                    Some(Ok(s)) => s,
                    _ => return None,
                }
            }
        };
        let mut out = Vec::new();
        let mut alive = true;
        while let Some(item) = take() {
            let mut attempts = 0;
            let resolution = loop {
                if !alive {
                    match reopen().await {
                        Ok(s) => {
                            session = s;
                            alive = true;
                        }
                        Err(e) => break Resolution::Problem("unreadable-identity", format!("no session: {e}")),
                    }
                }
                match resolve_identity(session.primary.as_mut(), &item.identity).await {
                    Ok(r) => break r,
                    Err(ShellError::Timeout { .. }) if attempts < 3 => {
                        attempts += 1;
                        tokio::time::sleep(DEFAULT_THROTTLE_WAIT).await;
                    }
                    Err(e) if attempts < 3 => {
                        attempts += 1;
                        alive = !matches!(e, ShellError::Broken(_));
                    }
                    Err(e) => break Resolution::Problem("unreadable-identity", e.to_string()),
                }
            };
            out.push((item.row, resolution));
            finished.set(finished.get() + 1);
            on_progress(finished.get(), items.len());
        }
        Some((session, out))
    };
    let mut lanes = vec![lane(Some(first))];
    lanes.extend((0..extra_lanes).map(|_| lane(None)));
    let results = join_all(lanes).await;
    let mut sessions = Vec::new();
    let mut map = HashMap::new();
    for (s, rows) in results.into_iter().flatten() {
        sessions.push(s);
        map.extend(rows);
    }
    (sessions, map)
}

pub use super::join::join_all;

#[cfg(test)]
mod tests {
    use super::*;
    use crate::workflow::checks::Check;
    use crate::workflow::exec::{CommandRecord, ErrorSummary};

    fn report(status: ConvertStatus) -> ConvertReport {
        ConvertReport {
            identity: "kim".into(),
            to: TargetType::Shared,
            status,
            checks: Vec::new(),
            commands: Vec::new(),
            before: Vec::new(),
            after: Vec::new(),
            next_steps: Vec::new(),
            alternative: Vec::new(),
            error: None,
            session_failure: false,
            throttled: None,
        }
    }

    fn command(status: CommandStatus, error: Option<ErrorKind>) -> CommandRecord {
        CommandRecord {
            side: crate::shell::Side::OnPremises,
            text: "Set-Mailbox -Identity 'kim' -Type 'Shared'".into(),
            status,
            warnings: Vec::new(),
            errors: error
                .into_iter()
                .map(|kind| ErrorSummary { kind, message: "boom".into(), fully_qualified_error_id: String::new() })
                .collect(),
        }
    }

    #[test]
    fn nothing_to_do_is_verified_only_when_this_run_started_it() {
        let r = report(ConvertStatus::NothingToDo);
        assert_eq!(outcome_of(&r, false, false), ItemOutcome::Done(Event::Skipped { reason: "already Shared".into() }));
        let ItemOutcome::Done(Event::Verified { detail }) = outcome_of(&r, true, false) else { panic!() };
        assert_eq!(detail["status"], "converted");
    }

    #[test]
    fn failures_are_classified() {
        let mut r = report(ConvertStatus::Failed);
        r.session_failure = true;
        assert_eq!(outcome_of(&r, true, true), ItemOutcome::SessionBroken { applied_maybe: true });
        r.session_failure = false;
        r.commands = vec![command(CommandStatus::Failed, Some(ErrorKind::Throttled { retry_after: None }))];
        assert_eq!(outcome_of(&r, false, false), ItemOutcome::Throttled { retry_after: DEFAULT_THROTTLE_WAIT });
        r.commands = vec![command(CommandStatus::Failed, Some(ErrorKind::AccessDenied))];
        r.error = Some("denied".into());
        assert_eq!(
            outcome_of(&r, false, false),
            ItemOutcome::Failed(Failure { reason: "denied".into(), kind: FailureKind::AccessDenied })
        );
        r.commands = vec![command(CommandStatus::Succeeded, None)];
        r.error = Some("verification failed".into());
        let ItemOutcome::Failed(f) = outcome_of(&r, false, false) else { panic!() };
        assert_eq!(f.kind, FailureKind::VerifyFailed);
    }

    #[test]
    fn blocked_items_fail_with_the_blocking_reason() {
        let mut r = report(ConvertStatus::Blocked);
        r.checks.push(Check::pass("exists", "found", "s"));
        r.checks.push(Check::block("password", "needs a password", "s"));
        assert_eq!(
            outcome_of(&r, false, false),
            ItemOutcome::Failed(Failure { reason: "needs a password".into(), kind: FailureKind::Refused })
        );
    }

    #[test]
    fn grant_defaults_fill_only_empty_columns() {
        let mut items = vec![BatchItem {
            line: 2,
            full_access: vec!["ann".into()],
            ..BatchItem::new(1, "kim", TargetType::Shared)
        }];
        apply_grant_defaults(&mut items, &["ben".into()], &["ben".into()], &[]);
        assert_eq!(items[0].full_access, ["ann"]);
        assert_eq!(items[0].send_as, ["ben"]);
        assert!(items[0].send_on_behalf.is_empty());
    }

    #[tokio::test]
    async fn resolution_does_not_wait_for_sessions_still_opening() {
        use crate::lab::{InitOptions, LabShell, init};
        use crate::workflow::batch::sessions::alongside;
        let t = tempfile::tempdir().unwrap();
        let dir = t.path().join("lab");
        init(&dir, InitOptions { users: 0 }).unwrap();
        let open =
            || async { Ok(Session::single(Box::new(LabShell::open(&dir, crate::shell::Side::OnPremises).unwrap()))) };
        let first = open().await.unwrap();
        let item = |row: usize, id: &str| BatchItem { line: row + 1, ..BatchItem::new(row, id, TargetType::Shared) };
        let items = vec![item(1, "kim"), item(2, "ghost"), item(3, "lee")];
        // The other two sessions never finish opening: the first resolves every row alone.
        let source = SessionSource::new(2);
        let never = || async {
            std::future::pending::<()>().await;
            Err(ShellError::Broken("never".into()))
        };
        let progress = std::cell::RefCell::new(Vec::new());
        let on_progress = |done, total| progress.borrow_mut().push((done, total));
        let resolving = resolve_all(first, &source, 2, &items, open, &on_progress);
        let (sessions, resolved) =
            tokio::time::timeout(Duration::from_secs(60), alongside(source.fill(never), resolving))
                .await
                .expect("the resolution waited for sessions that never opened");
        assert_eq!(sessions.len(), 1);
        assert_eq!(progress.into_inner(), [(1, 3), (2, 3), (3, 3)]);
        assert!(matches!(&resolved[&1], Resolution::Found(_, Some(smtp)) if smtp == "kim@contoso.com"), "{resolved:?}");
        assert!(matches!(&resolved[&2], Resolution::Problem("unknown-mailbox", _)), "{resolved:?}");
        assert!(matches!(&resolved[&3], Resolution::Found(..)));
    }

    #[test]
    fn resolution_problems_name_column_and_first_row() {
        let item = |row: usize, id: &str| BatchItem {
            line: row + 1,
            identity_column: Some("PrimarySmtpAddress".into()),
            ..BatchItem::new(row, id, TargetType::Shared)
        };
        let items = vec![item(1, "kim"), item(2, "kim@contoso.com"), item(3, "ghost")];
        let mut resolved = HashMap::new();
        resolved.insert(1, Resolution::Found(ResolvedKey("g1".into()), None));
        resolved.insert(2, Resolution::Found(ResolvedKey("g1".into()), None));
        resolved.insert(3, Resolution::Problem("unknown-mailbox", "not found".into()));
        let p = resolution_problems(&items, &resolved);
        assert_eq!(p.len(), 2);
        assert_eq!((p[0].row, p[0].code, p[0].column.as_deref()), (2, "duplicate-mailbox", Some("PrimarySmtpAddress")));
        assert!(p[0].message.contains("row 1"), "{}", p[0].message);
        assert_eq!((p[1].row, p[1].code), (3, "unknown-mailbox"));
    }
}
