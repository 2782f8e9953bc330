//! The session pool on virtual time with an in-memory shell: parallelism, throttling that slows
//! but does not fail, broken sessions reopened with their item rechecked, and give-up paths.

use mbxctl::cmdlet::Invocation;
use mbxctl::shell::{Outcome, Shell, ShellError, ShellFuture, ShellInfo, ShellKind, Side};
use mbxctl::workflow::batch::journal::{Event, FailureKind, ItemState, Journal, RunHeader, TargetKind, read_journal};
use mbxctl::workflow::batch::pool::{Failure, ItemOutcome, PoolOptions, PoolReport, WorkItem, run_pool};
use mbxctl::workflow::batch::progress::{FinalOutcome, Progress, ProgressMode};
use std::sync::{Arc, Mutex};
use std::time::Duration;
use tokio::time::Instant;

/// A shell whose every command takes `latency` of (virtual) time.
struct FakeShell {
    slot: usize,
    latency: Duration,
}

impl Shell for FakeShell {
    fn run<'a>(&'a mut self, _invocation: &'a Invocation) -> ShellFuture<'a, Result<Outcome, ShellError>> {
        let latency = self.latency;
        Box::pin(async move {
            tokio::time::sleep(latency).await;
            Ok(Outcome::default())
        })
    }

    fn describe(&self) -> ShellInfo {
        ShellInfo { kind: ShellKind::Lab, target: format!("fake {}", self.slot), side: Side::OnPremises }
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

fn items(n: usize) -> Vec<WorkItem<u32>> {
    (1..=n).map(|k| WorkItem::new(k, format!("m{k}"), k as u32)).collect()
}

fn verified() -> ItemOutcome {
    ItemOutcome::Done(Event::Verified { detail: serde_json::Value::Null })
}

async fn run_latency(sessions: usize, n: usize) -> (PoolReport, tempfile::TempDir) {
    let root = tempfile::tempdir().unwrap();
    let j = journal(root.path(), n);
    let open = |slot: usize| async move { Ok::<_, ShellError>(FakeShell { slot, latency: Duration::from_millis(50) }) };
    let work = async |shell: &mut FakeShell, _item: WorkItem<u32>| {
        shell.run(&Invocation::new("Set-Mailbox")).await.unwrap();
        verified()
    };
    let report = run_pool(
        items(n),
        sessions,
        &PoolOptions::default(),
        open,
        work,
        &j,
        Progress::new("t", n, ProgressMode::Quiet),
    )
    .await;
    (report, root)
}

#[tokio::test(start_paused = true)]
async fn four_sessions_take_a_quarter_of_the_time() {
    let (one, _r1) = run_latency(1, 40).await;
    let (four, root) = run_latency(4, 40).await;
    assert_eq!((one.done, one.failed, one.sessions), (40, 0, 1));
    assert_eq!((four.done, four.failed, four.sessions), (40, 0, 4));
    assert_eq!(one.elapsed, Duration::from_millis(2000));
    assert_eq!(four.elapsed, Duration::from_millis(500));
    let state = read_journal(&root.path().join("20240501-100000-0001")).unwrap();
    assert_eq!(state.items.len(), 40);
    assert!(state.items.values().all(|i| i.state == ItemState::Verified));
}

#[tokio::test(start_paused = true)]
async fn too_many_sessions_are_clamped_and_explained() {
    let (report, _root) = run_latency(30, 40).await;
    assert_eq!(report.sessions, 18);
    assert_eq!(report.notes.len(), 1);
    assert!(report.notes[0].contains("PowerShellMaxConcurrency"), "{}", report.notes[0]);
    assert_eq!(report.done, 40);
}

#[tokio::test(start_paused = true)]
async fn throttling_pauses_every_session_and_fails_nothing() {
    let root = tempfile::tempdir().unwrap();
    let j = journal(root.path(), 20);
    let t0 = Instant::now();
    // The server throttles the 3 calls that arrive first, asking for 1 s.
    let budget = Arc::new(Mutex::new(3u32));
    let starts = Arc::new(Mutex::new(Vec::<(Duration, bool)>::new()));
    let open = |slot: usize| async move { Ok::<_, ShellError>(FakeShell { slot, latency: Duration::from_millis(50) }) };
    let work = async |shell: &mut FakeShell, _item: WorkItem<u32>| {
        let throttle = {
            let mut b = budget.lock().unwrap();
            let t = *b > 0;
            *b = b.saturating_sub(1);
            t
        };
        starts.lock().unwrap().push((t0.elapsed(), throttle));
        shell.run(&Invocation::new("Set-Mailbox")).await.unwrap();
        if throttle { ItemOutcome::Throttled { retry_after: Duration::from_secs(1) } } else { verified() }
    };
    let report =
        run_pool(items(20), 4, &PoolOptions::default(), open, work, &j, Progress::new("t", 20, ProgressMode::Quiet))
            .await;
    assert_eq!((report.done, report.failed, report.throttled), (20, 0, 3));
    let starts = starts.lock().unwrap();
    // The throttled calls all started at 0 and were answered at 50 ms; nothing started again
    // until the pause (1 s after the answer) was over.
    assert_eq!(starts.iter().filter(|(_, t)| *t).map(|(at, _)| *at).collect::<Vec<_>>(), [Duration::ZERO; 3]);
    let later: Vec<Duration> = starts.iter().map(|(at, _)| *at).filter(|at| *at > Duration::ZERO).collect();
    assert!(later.iter().all(|at| *at >= Duration::from_millis(1050)), "{later:?}");
    // And the shared pace slowed the pool down beyond the bare pause.
    assert!(report.elapsed > Duration::from_millis(1050 + 5 * 50), "{:?}", report.elapsed);
}

#[tokio::test(start_paused = true)]
async fn endless_throttling_fails_the_item_as_throttled() {
    let root = tempfile::tempdir().unwrap();
    let j = journal(root.path(), 1);
    let open = |slot: usize| async move { Ok::<_, ShellError>(FakeShell { slot, latency: Duration::from_millis(1) }) };
    let work =
        async |_s: &mut FakeShell, _item: WorkItem<u32>| ItemOutcome::Throttled { retry_after: Duration::from_secs(5) };
    let options = PoolOptions { max_throttle_retries: 2, ..Default::default() };
    let report = run_pool(items(1), 1, &options, open, work, &j, Progress::new("t", 1, ProgressMode::Quiet)).await;
    assert_eq!((report.done, report.failed, report.throttled), (0, 1, 3));
    let state = read_journal(j.dir()).unwrap();
    assert_eq!(state.items[&1].failure, Some(FailureKind::Throttled));
}

#[tokio::test(start_paused = true)]
async fn broken_session_is_reopened_and_its_item_rechecked() {
    let root = tempfile::tempdir().unwrap();
    let j = journal(root.path(), 6);
    let opens = Arc::new(Mutex::new(Vec::<usize>::new()));
    let calls = Arc::new(Mutex::new(Vec::<(usize, u32, bool)>::new()));
    let open = |slot: usize| {
        opens.lock().unwrap().push(slot);
        async move { Ok::<_, ShellError>(FakeShell { slot, latency: Duration::from_millis(10) }) }
    };
    let work = async |shell: &mut FakeShell, item: WorkItem<u32>| {
        calls.lock().unwrap().push((item.key, item.attempt, item.recheck));
        shell.run(&Invocation::new("Set-Mailbox")).await.unwrap();
        if item.key == 3 && item.attempt == 0 { ItemOutcome::SessionBroken { applied_maybe: true } } else { verified() }
    };
    let report =
        run_pool(items(6), 1, &PoolOptions::default(), open, work, &j, Progress::new("t", 6, ProgressMode::Quiet))
            .await;
    assert_eq!((report.done, report.failed, report.reopened), (6, 0, 1));
    assert_eq!(*opens.lock().unwrap(), [0, 0]);
    let calls = calls.lock().unwrap();
    assert_eq!(&calls[2..4], [(3, 0, false), (3, 1, true)]);
    assert_eq!(calls.len(), 7);
}

#[tokio::test(start_paused = true)]
async fn an_item_that_keeps_breaking_sessions_fails_and_the_rest_continue() {
    let root = tempfile::tempdir().unwrap();
    let j = journal(root.path(), 3);
    let open = |slot: usize| async move { Ok::<_, ShellError>(FakeShell { slot, latency: Duration::from_millis(10) }) };
    let work = async |_s: &mut FakeShell, item: WorkItem<u32>| {
        if item.key == 2 { ItemOutcome::SessionBroken { applied_maybe: false } } else { verified() }
    };
    let options = PoolOptions { max_breaks_per_item: 2, ..Default::default() };
    let report = run_pool(items(3), 1, &options, open, work, &j, Progress::new("t", 3, ProgressMode::Quiet)).await;
    assert_eq!((report.done, report.failed), (2, 1));
    let state = read_journal(j.dir()).unwrap();
    assert_eq!(state.items[&2].failure, Some(FailureKind::SessionBroken));
    assert_eq!(state.items[&3].state, ItemState::Verified);
}

#[tokio::test(start_paused = true)]
async fn sessions_that_cannot_open_fail_the_items_with_a_reason() {
    let root = tempfile::tempdir().unwrap();
    let j = journal(root.path(), 4);
    let open = |_slot: usize| async move {
        Err::<FakeShell, _>(ShellError::Start(
            "This user is allowed a maximum of 18 concurrent shells, which has been exceeded.".into(),
        ))
    };
    let work = async |_s: &mut FakeShell, _item: WorkItem<u32>| verified();
    let options = PoolOptions { max_open_attempts: 3, ..Default::default() };
    let t0 = Instant::now();
    let report = run_pool(items(4), 2, &options, open, work, &j, Progress::new("t", 4, ProgressMode::Quiet)).await;
    assert_eq!((report.done, report.failed), (0, 4));
    // Backoff 2 s then 4 s before giving up.
    assert_eq!(t0.elapsed(), Duration::from_secs(6));
    // Session 1 opens alone; when it gives up, session 2 does not try (a wrong password fails once).
    assert_eq!(report.notes.len(), 1);
    assert!(report.notes[0].starts_with("session 1 gave up after 3 attempts to open"), "{}", report.notes[0]);
    let state = read_journal(j.dir()).unwrap();
    assert_eq!(state.items[&1].reason.as_deref(), Some("not started: no Exchange session could be opened"));
}

#[tokio::test(start_paused = true)]
async fn finished_items_reach_the_callback_and_plain_progress_lines() {
    #[derive(Clone)]
    struct Sink(Arc<Mutex<Vec<u8>>>);
    impl std::io::Write for Sink {
        fn write(&mut self, b: &[u8]) -> std::io::Result<usize> {
            self.0.lock().unwrap().extend_from_slice(b);
            Ok(b.len())
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }
    let root = tempfile::tempdir().unwrap();
    let j = journal(root.path(), 10);
    let seen = Arc::new(Mutex::new(Vec::new()));
    let seen2 = seen.clone();
    let sink = Sink(Arc::new(Mutex::new(Vec::new())));
    let progress =
        Progress::new("R1", 10, ProgressMode::Lines { every: Duration::from_millis(200), out: Box::new(sink.clone()) })
            .on_item_finished(move |f| {
                let failed = matches!(f.outcome, FinalOutcome::Failed { .. });
                seen2.lock().unwrap().push((f.key, failed));
            });
    let open =
        |slot: usize| async move { Ok::<_, ShellError>(FakeShell { slot, latency: Duration::from_millis(100) }) };
    let work = async |shell: &mut FakeShell, item: WorkItem<u32>| {
        shell.run(&Invocation::new("Get-Mailbox")).await.unwrap();
        if item.key == 4 {
            ItemOutcome::Failed(Failure { reason: "not found".into(), kind: FailureKind::NotFound })
        } else {
            verified()
        }
    };
    let report = run_pool(items(10), 1, &PoolOptions::default(), open, work, &j, progress).await;
    assert_eq!((report.done, report.failed), (9, 1));
    let seen = seen.lock().unwrap();
    assert_eq!(seen.iter().map(|(k, _)| *k).collect::<Vec<_>>(), (1..=10).collect::<Vec<_>>());
    assert_eq!(seen.iter().filter(|(_, f)| *f).count(), 1);
    let text = String::from_utf8(sink.0.lock().unwrap().clone()).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    // Items finish every 100 ms; a line at most every 200 ms: items 1, 3, 5, 7, 9, then the end.
    assert_eq!(lines.first(), Some(&"[run R1] 1/10 done, 0 failed, 10.0/s, ETA 0s"));
    assert_eq!(lines.last(), Some(&"[run R1] 10/10 done, 1 failed, 10.0/s, ETA 0s"));
    assert_eq!(lines.len(), 6);
}
