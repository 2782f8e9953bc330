//! The session pool: N shells working through one queue of items.
//!
//! Each session takes the next item, runs the caller's worker on it, and writes the item's
//! final record to the journal. Throttling never fails an item while retries remain: the whole
//! pool pauses for at least the server's `retry_after`, and a shared pace (a delay before every
//! item) grows on each throttle and decays on each success, so all sessions slow down together
//! instead of hammering the budget. A broken session is dropped and reopened with backoff; the
//! item it was running goes back to the worker flagged `recheck`, because a command may have
//! run before the session died.
//!
//! All sessions run as futures of one task (no `Send` or `'static` needed for the worker or
//! the shell); time comes from `tokio::time`, so tests run on a paused virtual clock.

use super::cancel::Cancel;
use super::join::join_all;
use super::journal::{Event, FailureKind, Journal};
use super::progress::{FinalOutcome, FinishedItem, Progress};
use crate::shell::{Shell, ShellError};
use std::cell::{Cell, RefCell};
use std::collections::{BTreeMap, VecDeque};
use std::future::Future;
use std::pin::Pin;
use std::time::Duration;
use tokio::time::{Instant, sleep, sleep_until};

/// Exchange's default `PowerShellMaxConcurrency` on-premises (docs/exchange-notes.md §5.1): more sessions
/// than this per user are refused by the server.
pub const MAX_SESSIONS: usize = 18;

/// One unit of work.
#[derive(Debug, Clone, PartialEq)]
pub struct WorkItem<T> {
    /// The item key written in the journal (the input's data row).
    pub key: usize,
    /// The mailbox identity, for the journal and progress.
    pub identity: String,
    /// Re-read the mailbox before applying: commands may already have run (a session broke
    /// mid-item, or a resumed run found `apply-started`).
    pub recheck: bool,
    /// How many times the worker has been called for this item before (0 the first time).
    pub attempt: u32,
    /// The caller's data (the row, a rollback action, ...).
    pub data: T,
}

impl<T> WorkItem<T> {
    /// A first attempt.
    pub fn new(key: usize, identity: impl Into<String>, data: T) -> Self {
        WorkItem { key, identity: identity.into(), recheck: false, attempt: 0, data }
    }
}

/// Why an item failed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Failure {
    /// What went wrong, for people.
    pub reason: String,
    /// Coarse kind (resume retries transient ones).
    pub kind: FailureKind,
}

/// What the worker says about one attempt.
#[derive(Debug, Clone, PartialEq)]
pub enum ItemOutcome {
    /// Finished; the pool journals this final event (`verified`, `skipped`, ...).
    Done(Event),
    /// Failed for good; the pool journals it.
    Failed(Failure),
    /// Exchange throttled the attempt; try the same item again after `retry_after`.
    Throttled {
        /// The server's suggested wait (or the worker's estimate).
        retry_after: Duration,
    },
    /// The session died during the attempt.
    SessionBroken {
        /// Whether a changing command may have run (informational: the retry is always a recheck).
        applied_maybe: bool,
    },
}

/// Tuning of the pool; the defaults suit Exchange on-premises.
#[derive(Debug, Clone, PartialEq)]
pub struct PoolOptions {
    /// Throttle answers tolerated for one item before it fails as `throttled`.
    pub max_throttle_retries: u32,
    /// Session breaks tolerated while running one item (a poison item must not break every
    /// session forever).
    pub max_breaks_per_item: u32,
    /// Consecutive failed attempts to open a session before that session slot gives up.
    pub max_open_attempts: u32,
    /// First wait after a failed open; doubles up to `max_backoff`.
    pub open_backoff: Duration,
    /// Ceiling of open backoff and of the shared pace.
    pub max_backoff: Duration,
    /// The pace after the first throttle; it grows by half on each further throttle.
    pub throttle_pace: Duration,
    /// Raised (Ctrl-C) to stop starting items: the commands in flight may finish within
    /// `stop_grace`, the rest stay unjournaled for `resume`.
    pub cancel: Option<Cancel>,
    /// How long items in flight may take to finish after `cancel` is raised before the pool
    /// stops waiting (dropping a session ends its PowerShell process).
    pub stop_grace: Duration,
}

impl Default for PoolOptions {
    fn default() -> Self {
        PoolOptions {
            max_throttle_retries: 20,
            max_breaks_per_item: 3,
            max_open_attempts: 5,
            open_backoff: Duration::from_secs(2),
            max_backoff: Duration::from_secs(60),
            throttle_pace: Duration::from_millis(250),
            cancel: None,
            stop_grace: Duration::from_secs(10),
        }
    }
}

/// What the pool did.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct PoolReport {
    /// Sessions actually used (after clamping).
    pub sessions: usize,
    /// Things the operator should know (clamping, slots that gave up).
    pub notes: Vec<String>,
    /// Items finished without failure.
    pub done: usize,
    /// Items failed.
    pub failed: usize,
    /// Throttle answers seen.
    pub throttled: u32,
    /// Sessions reopened after breaking.
    pub reopened: u32,
    /// Wall time (virtual in tests).
    pub elapsed: Duration,
    /// A journal write failed: the pool stopped starting items, because it could no longer
    /// record what it does.
    pub journal_error: Option<String>,
    /// The run was cancelled (`PoolOptions::cancel`) before every item finished.
    pub interrupted: bool,
    /// Items never started because of the cancel: (key, identity). Not journaled past `planned`.
    pub not_started: Vec<(usize, String)>,
    /// Items whose worker was still running when the grace period ran out: their commands may
    /// or may not have run, and their journal says `apply-started` if any was sent.
    pub abandoned: Vec<(usize, String)>,
}

/// Clamps a requested session count to 1..=18 and explains any change.
pub fn clamp_sessions(requested: usize) -> (usize, Option<String>) {
    if requested == 0 {
        (1, Some("--sessions 0 is not possible; using 1 session".into()))
    } else if requested > MAX_SESSIONS {
        (
            MAX_SESSIONS,
            Some(format!(
                "--sessions {requested} exceeds Exchange's default PowerShellMaxConcurrency of {MAX_SESSIONS} \
                 sessions per user; using {MAX_SESSIONS} (raise the throttling policy first if yours allows more)"
            )),
        )
    } else {
        (requested, None)
    }
}

/// State shared by the session loops (one task, so plain cells).
struct Shared<T> {
    queue: RefCell<VecDeque<WorkItem<T>>>,
    pause_until: Cell<Instant>,
    pace: Cell<Duration>,
    stop: Cell<bool>,
    cancel: Option<Cancel>,
    in_flight: RefCell<BTreeMap<usize, String>>,
    report: RefCell<PoolReport>,
    progress: RefCell<Progress>,
    /// Whether slot 0's first session opened (see [`wait_for_first`]).
    first: Cell<FirstOpen>,
    first_changed: tokio::sync::Notify,
}

/// Slot 0 opens its session alone: a wrong password or a broken profile then fails once, not once per
/// session. The other slots open in parallel as soon as it has opened, each joining the work as it is ready.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum FirstOpen {
    Pending,
    Opened,
    GaveUp,
}

/// Runs `items` through up to `sessions` shells (clamped to 1..=18 and to the item count).
///
/// `open_session(slot)` opens the shell for slot `slot` (also to reopen it); `worker` runs one
/// attempt of one item. The worker journals its intermediate records (`preflighted`,
/// `apply-started`, `applied`, `granted`) itself; the pool journals the final one.
pub async fn run_pool<S, T, O, OF, F>(
    items: Vec<WorkItem<T>>,
    sessions: usize,
    options: &PoolOptions,
    open_session: O,
    worker: F,
    journal: &Journal,
    progress: Progress,
) -> PoolReport
where
    S: Shell,
    T: Clone,
    O: Fn(usize) -> OF,
    OF: Future<Output = Result<S, ShellError>>,
    F: AsyncFn(&mut S, WorkItem<T>) -> ItemOutcome,
{
    let started = Instant::now();
    let (mut n, note) = clamp_sessions(sessions);
    n = n.min(items.len().max(1));
    let shared = Shared {
        queue: RefCell::new(items.into()),
        pause_until: Cell::new(started),
        pace: Cell::new(Duration::ZERO),
        stop: Cell::new(false),
        cancel: options.cancel.clone(),
        in_flight: RefCell::new(BTreeMap::new()),
        report: RefCell::new(PoolReport { sessions: n, notes: note.into_iter().collect(), ..Default::default() }),
        progress: RefCell::new(progress),
        first: Cell::new(FirstOpen::Pending),
        first_changed: tokio::sync::Notify::new(),
    };
    shared.progress.borrow_mut().start();

    let loops: Vec<Pin<Box<dyn Future<Output = ()> + '_>>> = (0..n)
        .map(|slot| Box::pin(session_loop(slot, &shared, options, &open_session, &worker, journal)) as _)
        .collect();
    match &options.cancel {
        None => {
            join_all(loops).await;
        }
        Some(cancel) => {
            // After a cancel the loops stop taking items; give the ones in flight `stop_grace`.
            let all = join_all(loops);
            tokio::pin!(all);
            let grace_over = async {
                cancel.cancelled().await;
                sleep(options.stop_grace).await;
            };
            tokio::select! {
                _ = &mut all => {}
                _ = grace_over => {}
            }
        }
    }
    let cancelled = shared.cancel.as_ref().is_some_and(Cancel::is_cancelled);
    let leftover: Vec<WorkItem<T>> = shared.queue.borrow_mut().drain(..).collect();
    if cancelled {
        let mut report = shared.report.borrow_mut();
        report.abandoned = shared.in_flight.borrow().iter().map(|(k, i)| (*k, i.clone())).collect();
        if !leftover.is_empty() || !report.abandoned.is_empty() {
            report.interrupted = true;
        }
        report.not_started = leftover.into_iter().map(|i| (i.key, i.identity)).collect();
        report.not_started.sort();
        drop(report);
        shared.progress.borrow_mut().finish();
        let mut report = shared.report.into_inner();
        report.elapsed = started.elapsed();
        return report;
    }
    // Items no session could take (every slot gave up, or the journal failed).
    for item in leftover {
        let reason = if shared.stop.get() {
            "not started: the journal could not be written".to_string()
        } else {
            "not started: no Exchange session could be opened".to_string()
        };
        finish(&shared, journal, item, FinalOutcome::Failed { reason, kind: FailureKind::SessionBroken });
    }
    shared.progress.borrow_mut().finish();
    let mut report = shared.report.into_inner();
    report.elapsed = started.elapsed();
    report
}

async fn session_loop<S, T, O, OF, F>(
    slot: usize,
    shared: &Shared<T>,
    options: &PoolOptions,
    open_session: &O,
    worker: &F,
    journal: &Journal,
) where
    S: Shell,
    T: Clone,
    O: Fn(usize) -> OF,
    OF: Future<Output = Result<S, ShellError>>,
    F: AsyncFn(&mut S, WorkItem<T>) -> ItemOutcome,
{
    let mut session: Option<S> = None;
    let mut current: Option<WorkItem<T>> = None;
    let mut throttles = 0u32;
    let mut breaks = 0u32;
    loop {
        if shared.stop.get() || shared.cancel.as_ref().is_some_and(Cancel::is_cancelled) {
            if let Some(item) = current.take() {
                shared.queue.borrow_mut().push_front(item);
            }
            break;
        }
        // Open the session before taking an item, so an item never waits behind a session still opening
        // while another session is free.
        if session.is_none() {
            if current.is_none() && shared.queue.borrow().is_empty() {
                break;
            }
            if slot > 0 && !wait_for_first(shared).await {
                break;
            }
            match open_with_backoff(slot, open_session, options).await {
                Ok(s) => {
                    session = Some(s);
                    set_first(shared, slot, FirstOpen::Opened);
                }
                Err(e) => {
                    shared.report.borrow_mut().notes.push(format!(
                        "session {} gave up after {} attempts to open: {e}",
                        slot + 1,
                        options.max_open_attempts
                    ));
                    set_first(shared, slot, FirstOpen::GaveUp);
                    // Another session may still take it; leftovers are failed at the end.
                    if let Some(item) = current.take() {
                        shared.queue.borrow_mut().push_front(item);
                    }
                    break;
                }
            }
        }
        let mut item = match current.take() {
            Some(item) => item,
            None => {
                throttles = 0;
                breaks = 0;
                match shared.queue.borrow_mut().pop_front() {
                    Some(item) => item,
                    None => break,
                }
            }
        };
        // Throttling slows every session down: wait out the pause, then the shared pace.
        let pause = shared.pause_until.get();
        if pause > Instant::now() {
            sleep_until(pause).await;
        }
        let pace = shared.pace.get();
        if !pace.is_zero() {
            sleep(pace).await;
        }

        let Some(shell) = session.as_mut() else { continue };
        if shared.cancel.as_ref().is_some_and(Cancel::is_cancelled) {
            // Cancelled while waiting: this item was not started.
            current = Some(item);
            continue;
        }
        shared.in_flight.borrow_mut().insert(item.key, item.identity.clone());
        let outcome = worker(shell, item.clone()).await;
        shared.in_flight.borrow_mut().remove(&item.key);
        item.attempt += 1;
        match outcome {
            ItemOutcome::Done(event) => {
                decay_pace(shared);
                finish(shared, journal, item, FinalOutcome::Done(event));
            }
            ItemOutcome::Failed(f) => {
                finish(shared, journal, item, FinalOutcome::Failed { reason: f.reason, kind: f.kind });
            }
            ItemOutcome::Throttled { retry_after } => {
                shared.report.borrow_mut().throttled += 1;
                throttles += 1;
                if throttles > options.max_throttle_retries {
                    let reason = format!(
                        "Exchange throttled this item {throttles} times; resume the run later or relax the \
                         throttling policy"
                    );
                    finish(shared, journal, item, FinalOutcome::Failed { reason, kind: FailureKind::Throttled });
                    continue;
                }
                let until = Instant::now() + retry_after;
                if until > shared.pause_until.get() {
                    shared.pause_until.set(until);
                }
                let pace = shared.pace.get();
                // Grow by half on each throttle and halve on each success: a steady rhythm of
                // throttling (a cmdlet budget) settles at a small pace instead of climbing to the
                // ceiling, while throttling that keeps coming still slows the pool down fast.
                let next = if pace.is_zero() { options.throttle_pace } else { pace * 3 / 2 };
                shared.pace.set(next.min(options.max_backoff));
                current = Some(item);
            }
            ItemOutcome::SessionBroken { .. } => {
                breaks += 1;
                session = None;
                if breaks > options.max_breaks_per_item {
                    let reason = format!(
                        "the session broke {breaks} times while running this item; check the mailbox and the \
                         server, then resume"
                    );
                    finish(shared, journal, item, FinalOutcome::Failed { reason, kind: FailureKind::SessionBroken });
                    continue;
                }
                shared.report.borrow_mut().reopened += 1;
                item.recheck = true;
                current = Some(item);
            }
        }
    }
    if let Some(mut s) = session {
        // Closing is courtesy to the server's session count; a failure changes nothing here.
        let _ = s.close().await;
    }
}

/// Waits until slot 0 has opened its first session; `false` when it gave up (then nobody else tries).
async fn wait_for_first<T>(shared: &Shared<T>) -> bool {
    loop {
        let notified = shared.first_changed.notified();
        tokio::pin!(notified);
        notified.as_mut().enable();
        match shared.first.get() {
            FirstOpen::Opened => return true,
            FirstOpen::GaveUp => return false,
            FirstOpen::Pending => notified.await,
        }
    }
}

/// Records how slot 0's first open went (later opens and other slots change nothing).
fn set_first<T>(shared: &Shared<T>, slot: usize, state: FirstOpen) {
    if slot == 0 && shared.first.get() == FirstOpen::Pending {
        shared.first.set(state);
        shared.first_changed.notify_waiters();
    }
}

async fn open_with_backoff<S, O, OF>(slot: usize, open: &O, options: &PoolOptions) -> Result<S, ShellError>
where
    O: Fn(usize) -> OF,
    OF: Future<Output = Result<S, ShellError>>,
{
    let mut wait = options.open_backoff;
    let mut attempt = 1;
    loop {
        match open(slot).await {
            Ok(s) => return Ok(s),
            Err(e) if attempt >= options.max_open_attempts.max(1) => return Err(e),
            Err(_) => {
                sleep(wait).await;
                wait = (wait * 2).min(options.max_backoff);
                attempt += 1;
            }
        }
    }
}

/// Each success halves the shared pace; below 10 ms it is gone.
fn decay_pace<T>(shared: &Shared<T>) {
    let pace = shared.pace.get();
    if !pace.is_zero() {
        let next = pace / 2;
        shared.pace.set(if next < Duration::from_millis(10) { Duration::ZERO } else { next });
    }
}

fn finish<T>(shared: &Shared<T>, journal: &Journal, item: WorkItem<T>, outcome: FinalOutcome) {
    let event = match &outcome {
        FinalOutcome::Done(e) => e.clone(),
        FinalOutcome::Failed { reason, kind } => Event::Failed { reason: reason.clone(), kind: *kind },
    };
    if let Err(e) = journal.append(item.key, &item.identity, event) {
        let mut report = shared.report.borrow_mut();
        if report.journal_error.is_none() {
            report.journal_error = Some(e.to_string());
        }
        shared.stop.set(true);
    }
    {
        let mut report = shared.report.borrow_mut();
        match outcome {
            FinalOutcome::Done(_) => report.done += 1,
            FinalOutcome::Failed { .. } => report.failed += 1,
        }
    }
    shared.progress.borrow_mut().item_finished(&FinishedItem {
        key: item.key,
        identity: item.identity,
        outcome,
        attempts: item.attempt,
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::cmdlet::Invocation;
    use crate::shell::{Outcome, ShellFuture, ShellInfo, ShellKind, Side};
    use crate::workflow::batch::journal::{RunHeader, TargetKind};
    use crate::workflow::batch::progress::ProgressMode;

    struct Fake;

    impl Shell for Fake {
        fn run<'a>(&'a mut self, _invocation: &'a Invocation) -> ShellFuture<'a, Result<Outcome, ShellError>> {
            Box::pin(async { Ok(Outcome::default()) })
        }

        fn describe(&self) -> ShellInfo {
            ShellInfo { kind: ShellKind::Lab, target: "fake".into(), side: Side::OnPremises }
        }
    }

    fn journal(root: &std::path::Path, n: usize) -> Journal {
        let header = RunHeader {
            id: "20240501-100000-0001".into(),
            started: "2024-05-01T10:00:00.000Z".into(),
            command: "test".into(),
            target: TargetKind::Lab,
            options: serde_json::Value::Null,
            item_count: n,
            parent: None,
            version: "test".into(),
        };
        Journal::create(root, &header).unwrap()
    }

    /// Opening takes 2 s, a conversion 1 s: the first conversion ends at 3 s (one open plus one conversion),
    /// the other sessions start opening only once the first is open, and join as they become ready.
    #[tokio::test(start_paused = true)]
    async fn the_first_session_opens_alone_then_converts_while_the_others_open() {
        let root = tempfile::tempdir().unwrap();
        let j = journal(root.path(), 8);
        let t0 = Instant::now();
        let opens: RefCell<Vec<(usize, Duration)>> = RefCell::default();
        let done: RefCell<Vec<Duration>> = RefCell::default();
        let open = |slot: usize| {
            opens.borrow_mut().push((slot, t0.elapsed()));
            async move {
                sleep(Duration::from_secs(2)).await;
                Ok::<_, ShellError>(Fake)
            }
        };
        let work = async |_s: &mut Fake, _item: WorkItem<u32>| {
            sleep(Duration::from_secs(1)).await;
            done.borrow_mut().push(t0.elapsed());
            ItemOutcome::Done(Event::Verified { detail: serde_json::Value::Null })
        };
        let items = (1..=8).map(|k| WorkItem::new(k, format!("m{k}"), k as u32)).collect();
        let report =
            run_pool(items, 4, &PoolOptions::default(), open, work, &j, Progress::new("t", 8, ProgressMode::Quiet))
                .await;
        assert_eq!((report.done, report.failed), (8, 0));
        let opens = opens.into_inner();
        assert_eq!(opens[0], (0, Duration::ZERO));
        assert!(opens[1..].iter().all(|(slot, at)| *slot > 0 && *at == Duration::from_secs(2)), "{opens:?}");
        let done = done.into_inner();
        assert_eq!(done[0], Duration::from_secs(3), "first conversion = one open + one conversion");
        // Slot 0 converts alone while the others open (done at 3 s and 4 s), then all four share the rest.
        assert_eq!(done.iter().filter(|t| **t <= Duration::from_secs(4)).count(), 2, "{done:?}");
    }

    #[test]
    fn sessions_are_clamped_with_a_reason() {
        assert_eq!(clamp_sessions(4), (4, None));
        let (n, note) = clamp_sessions(25);
        assert_eq!(n, 18);
        assert!(note.unwrap().contains("PowerShellMaxConcurrency of 18"));
        assert_eq!(clamp_sessions(0).0, 1);
    }
}
