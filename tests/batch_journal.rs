//! The run journal (torn tails, corruption, concurrent writers, a real kill -9) and the run
//! store (list, show, export, resume and rollback planning).

use mbxctl::workflow::batch::TargetType;
use mbxctl::workflow::batch::journal::{
    Event, FailureKind, GrantKind, ItemState, JOURNAL_FILE, Journal, JournalError, RunHeader, TargetKind, read_journal,
};
use mbxctl::workflow::batch::runs::{
    ResumeKind, RollbackAction, export_csv, list_runs, plan_resume, plan_rollback, resolve_run_id, show_run,
};
use std::io::Write;
use std::path::Path;

fn header(id: &str, items: usize) -> RunHeader {
    RunHeader {
        id: id.into(),
        started: "2024-05-01T10:00:00.000Z".into(),
        command: "convert --from list.csv --to shared".into(),
        target: TargetKind::Lab,
        options: serde_json::json!({"sessions": 4}),
        item_count: items,
        parent: None,
        version: "test".into(),
    }
}

fn planned(j: &Journal, item: usize, id: &str, target: &str) {
    j.append(item, id, Event::Planned { target: target.into() }).unwrap();
}

/// A run exercising every state: 1 verified with grants, 2 applied only, 3 apply-started only,
/// 4 never started, 5 failed transiently after starting, 6 failed permanently, 7 skipped.
fn sample_run(root: &Path, id: &str) -> Journal {
    let j = Journal::create(root, &header(id, 7)).unwrap();
    for (k, name) in ["ann", "bob", "cat", "dan", "eve", "fay", "gus"].iter().enumerate() {
        planned(&j, k + 1, name, "Shared");
    }
    j.append(1, "ann", Event::Preflighted { summary: "ok".into(), checks: serde_json::Value::Null }).unwrap();
    j.append(1, "ann", Event::ApplyStarted { commands: vec!["Set-Mailbox -Identity ann -Type Shared".into()] })
        .unwrap();
    j.append(1, "ann", Event::Applied { previous_type: Some("UserMailbox".into()) }).unwrap();
    j.append(
        1,
        "ann",
        Event::Granted { grant: GrantKind::FullAccess, trustee: "helpdesk".into(), auto_mapping: Some(false) },
    )
    .unwrap();
    j.append(1, "ann", Event::Granted { grant: GrantKind::SendAs, trustee: "helpdesk".into(), auto_mapping: None })
        .unwrap();
    j.append(1, "ann", Event::Verified { detail: serde_json::Value::Null }).unwrap();
    j.append(2, "bob", Event::ApplyStarted { commands: vec![] }).unwrap();
    j.append(2, "bob", Event::Applied { previous_type: Some("UserMailbox".into()) }).unwrap();
    j.append(3, "cat", Event::ApplyStarted { commands: vec![] }).unwrap();
    j.append(5, "eve", Event::ApplyStarted { commands: vec![] }).unwrap();
    j.append(5, "eve", Event::Failed { reason: "session died".into(), kind: FailureKind::SessionBroken }).unwrap();
    j.append(6, "fay", Event::Failed { reason: "on litigation hold".into(), kind: FailureKind::Refused }).unwrap();
    j.append(7, "gus", Event::Skipped { reason: "already Shared".into() }).unwrap();
    j
}

#[test]
fn folds_records_into_latest_state() {
    let root = tempfile::tempdir().unwrap();
    let j = sample_run(root.path(), "20240501-100000-aaaa");
    j.append_run(Event::RunFinished { summary: "done".into() }).unwrap();
    let state = read_journal(j.dir()).unwrap();
    let states: Vec<(usize, ItemState)> = state.items.values().map(|i| (i.item, i.state)).collect();
    assert_eq!(
        states,
        [
            (1, ItemState::Verified),
            (2, ItemState::Applied),
            (3, ItemState::ApplyStarted),
            (4, ItemState::Planned),
            (5, ItemState::Failed),
            (6, ItemState::Failed),
            (7, ItemState::Skipped),
        ]
    );
    let ann = &state.items[&1];
    assert_eq!(ann.grants.len(), 2);
    assert_eq!(ann.previous_type.as_deref(), Some("UserMailbox"));
    assert_eq!(ann.commands, ["Set-Mailbox -Identity ann -Type Shared"]);
    assert_eq!(state.items[&6].reason.as_deref(), Some("on litigation hold"));
    assert!(state.finished.is_some());
    assert!(!state.torn_tail);
}

#[test]
fn torn_last_line_is_tolerated_and_cut_on_reopen() {
    let root = tempfile::tempdir().unwrap();
    let j = Journal::create(root.path(), &header("20240501-100000-bbbb", 1)).unwrap();
    planned(&j, 1, "ann", "Shared");
    let dir = j.dir().to_path_buf();
    drop(j);
    let path = dir.join(JOURNAL_FILE);
    std::fs::OpenOptions::new().append(true).open(&path).unwrap().write_all(br#"{"ts":"x","item":1,"ide"#).unwrap();
    let state = read_journal(&dir).unwrap();
    assert!(state.torn_tail);
    assert_eq!(state.items[&1].state, ItemState::Planned);

    // Reopening cuts the torn line; new records follow cleanly.
    let j = Journal::open(&dir).unwrap();
    j.append(1, "ann", Event::Skipped { reason: "already Shared".into() }).unwrap();
    let state = read_journal(&dir).unwrap();
    assert!(!state.torn_tail);
    assert_eq!(state.items[&1].state, ItemState::Skipped);
    assert_eq!(std::fs::read_to_string(&path).unwrap().lines().count(), 2);
}

#[test]
fn damage_before_the_last_line_is_reported_with_its_line() {
    let root = tempfile::tempdir().unwrap();
    let j = Journal::create(root.path(), &header("20240501-100000-cccc", 1)).unwrap();
    planned(&j, 1, "ann", "Shared");
    std::fs::OpenOptions::new().append(true).open(j.dir().join(JOURNAL_FILE)).unwrap().write_all(b"garbage\n").unwrap();
    j.append(1, "ann", Event::Skipped { reason: "x".into() }).unwrap();
    match read_journal(j.dir()) {
        Err(JournalError::Corrupt { line, .. }) => assert_eq!(line, 2),
        other => panic!("expected corruption at line 2, got {other:?}"),
    }
}

#[test]
fn concurrent_writers_never_interleave_lines() {
    let root = tempfile::tempdir().unwrap();
    let j = Journal::create(root.path(), &header("20240501-100000-dddd", 800)).unwrap();
    let long = "x".repeat(5000);
    std::thread::scope(|s| {
        for t in 0..8 {
            let (j, long) = (&j, &long);
            s.spawn(move || {
                for k in 0..100 {
                    j.append(t * 100 + k, long, Event::Planned { target: "Shared".into() }).unwrap();
                }
            });
        }
    });
    let state = read_journal(j.dir()).unwrap();
    assert_eq!(state.items.len(), 800);
    assert!(state.items.values().all(|i| i.identity.len() == 5000));
}

#[test]
fn run_store_lists_shows_and_resolves_prefixes() {
    let root = tempfile::tempdir().unwrap();
    sample_run(root.path(), "20240501-100000-aaaa").append_run(Event::RunFinished { summary: "x".into() }).unwrap();
    sample_run(root.path(), "20240502-090000-abcd");
    std::fs::create_dir(root.path().join("not-a-run")).unwrap();
    let runs = list_runs(root.path());
    assert_eq!(
        runs.iter().map(|r| r.id.as_str()).collect::<Vec<_>>(),
        ["20240501-100000-aaaa", "20240502-090000-abcd"]
    );
    assert!(runs[0].finished);
    assert!(!runs[1].finished);
    assert_eq!(runs[0].counts.get("failed"), Some(&1));
    assert_eq!(runs[0].counts.get("blocked"), Some(&1), "a refused item counts as blocked");
    assert_eq!(runs[0].counts.get("converted"), Some(&1), "the word the batch printed, not the journal state");

    assert_eq!(resolve_run_id(root.path(), "20240502").unwrap(), "20240502-090000-abcd");
    assert_eq!(resolve_run_id(root.path(), "last").unwrap(), "20240502-090000-abcd");
    let err = resolve_run_id(root.path(), "2024050").unwrap_err().to_string();
    assert!(err.starts_with("'2024050' matches 2 runs"), "{err}");
    assert!(resolve_run_id(root.path(), "2023").is_err());

    let detail = show_run(root.path(), "20240501").unwrap();
    assert_eq!(detail.items.len(), 7);
    let mut csv = Vec::new();
    export_csv(&detail, &mut csv).unwrap();
    let csv = String::from_utf8(csv).unwrap();
    let csv = csv.strip_prefix('\u{FEFF}').expect("a BOM, so Excel reads UTF-8");
    let lines: Vec<&str> = csv.lines().collect();
    assert_eq!(
        lines[0],
        "RunId,Item,Identity,PrimarySmtpAddress,Target,Status,Reason,Warnings,Commands,FailureKind,PreviousType,\
         Granted,Updated,Comment"
    );
    assert!(
        lines[1].starts_with(
            "20240501-100000-aaaa,1,ann,,Shared,converted,,,Set-Mailbox -Identity ann -Type Shared,,UserMailbox,\
             FullAccess:helpdesk; SendAs:helpdesk,"
        ),
        "{}",
        lines[1]
    );
    assert!(
        lines[6].starts_with("20240501-100000-aaaa,6,fay,,Shared,blocked,on litigation hold,,,refused,,,"),
        "{}",
        lines[6]
    );
}

#[test]
fn resume_plan_per_state() {
    let root = tempfile::tempdir().unwrap();
    let j = sample_run(root.path(), "20240501-100000-eeee");
    let state = read_journal(j.dir()).unwrap();
    let plan: Vec<(usize, ResumeKind)> = plan_resume(&state, false).into_iter().map(|a| (a.item, a.kind)).collect();
    assert_eq!(
        plan,
        [
            (1, ResumeKind::Skip { reason: "verified".into() }),
            (2, ResumeKind::Recheck),
            (3, ResumeKind::Recheck),
            (4, ResumeKind::Run),
            (5, ResumeKind::Retry { recheck: true }),
            (6, ResumeKind::KeepFailed { reason: "on litigation hold".into() }),
            (7, ResumeKind::Skip { reason: "skipped: already Shared".into() }),
        ]
    );
    let forced = plan_resume(&state, true);
    assert_eq!(forced[5].kind, ResumeKind::Retry { recheck: false });
}

#[test]
fn rollback_undoes_exactly_what_the_run_did() {
    let root = tempfile::tempdir().unwrap();
    let j = sample_run(root.path(), "20240501-100000-ffff");
    let state = read_journal(j.dir()).unwrap();
    let plan = plan_rollback(&state);
    let convert = |item: usize, identity: &str, recheck: bool| RollbackAction::ConvertBack {
        item,
        identity: identity.into(),
        to: TargetType::Regular,
        recheck,
    };
    assert_eq!(
        plan,
        [
            RollbackAction::RemoveGrant {
                item: 1,
                identity: "ann".into(),
                grant: GrantKind::FullAccess,
                trustee: "helpdesk".into()
            },
            RollbackAction::RemoveGrant {
                item: 1,
                identity: "ann".into(),
                grant: GrantKind::SendAs,
                trustee: "helpdesk".into()
            },
            convert(1, "ann", false),
            convert(2, "bob", false),
            convert(3, "cat", true),
            convert(5, "eve", true),
        ]
    );
}

// ---------------------------------------------------------------------------------------------
// kill -9 of a real writer process

const CHILD_ENV: &str = "MBXCTL_TEST_JOURNAL_CHILD_DIR";

/// Not a test on its own: the body of the child process of `survives_kill_9_of_the_writer`.
/// Without the variable it does nothing.
#[test]
fn journal_child_writer() {
    let Some(dir) = std::env::var_os(CHILD_ENV) else { return };
    let j = Journal::open(Path::new(&dir)).unwrap();
    let padding = "p".repeat(20_000);
    for k in 1.. {
        planned(&j, k, &format!("m{k}"), "Shared");
        j.append(k, &format!("m{k}"), Event::ApplyStarted { commands: vec![padding.clone()] }).unwrap();
        j.append(k, &format!("m{k}"), Event::Applied { previous_type: Some("UserMailbox".into()) }).unwrap();
        j.append(k, &format!("m{k}"), Event::Verified { detail: serde_json::Value::Null }).unwrap();
    }
}

#[cfg(unix)]
#[test]
fn survives_kill_9_of_the_writer() {
    let root = tempfile::tempdir().unwrap();
    let j = Journal::create(root.path(), &header("20240501-100000-9999", 0)).unwrap();
    let dir = j.dir().to_path_buf();
    drop(j);
    let mut child = std::process::Command::new(std::env::current_exe().unwrap())
        .args(["--exact", "journal_child_writer", "--nocapture", "--test-threads=1"])
        .env(CHILD_ENV, &dir)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    let path = dir.join(JOURNAL_FILE);
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(30);
    while std::fs::metadata(&path).map_or(0, |m| m.len()) < 400_000 {
        assert!(std::time::Instant::now() < deadline, "the child wrote too little in 30 s");
        std::thread::sleep(std::time::Duration::from_millis(5));
    }
    child.kill().unwrap(); // SIGKILL on Unix
    child.wait().unwrap();

    let state = read_journal(&dir).unwrap();
    let n = state.items.len();
    assert!(n >= 10, "only {n} items");
    // Every item before the last reached `verified`; the last is wherever the kill caught it.
    for item in state.items.values().take(n - 1) {
        assert_eq!(item.state, ItemState::Verified, "item {}", item.item);
    }
    assert_eq!(state.items.keys().copied().collect::<Vec<_>>(), (1..=n).collect::<Vec<_>>());
    // The run can be continued after the crash.
    let j = Journal::open(&dir).unwrap();
    j.append(n + 1, "after", Event::Skipped { reason: "x".into() }).unwrap();
    let state = read_journal(&dir).unwrap();
    assert!(!state.torn_tail);
    assert_eq!(state.items[&(n + 1)].state, ItemState::Skipped);
}
