//! The crash-safe run journal: a `run.json` header and `journal.jsonl`, one JSON line per state
//! change of each item.
//!
//! Every record is written with one `write` call under a lock and made durable with
//! `File::sync_data` before `append` returns, so a crash or `kill -9` at any moment loses at
//! most the line being written. The reader accepts a torn last line (the one being written when
//! the process died) and reports damage anywhere else with its line number: that is not a crash
//! artefact but an edited or corrupted file, and guessing would be unsafe.
//!
//! The journal never holds a secret: commands arrive already rendered with secrets masked, and
//! [`Event::apply_started`] masks any plain text of a `Secure` parameter that a renderer leaked.

use crate::cmdlet::{Invocation, Value};
use crate::secret::Secret;
use crate::shell::ShellKind;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::fs::{File, OpenOptions};
use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::time::{SystemTime, UNIX_EPOCH};

/// Name of the header file in a run directory.
pub const HEADER_FILE: &str = "run.json";
/// Name of the journal file in a run directory.
pub const JOURNAL_FILE: &str = "journal.jsonl";
/// The file in a run directory that holds the items a convert run works on (for resume, and for
/// the input's extra columns in `runs show --csv`).
pub const ITEMS_FILE: &str = "items.json";
/// The file in a run directory that maps each item to the mailbox key it claims (the resolved
/// ExchangeGuid when pre-flight found one), so resumes and rollbacks claim the same mailbox.
pub const KEYS_FILE: &str = "keys.json";
/// The file in a run directory that maps each item to the primary SMTP address pre-flight
/// resolved its identity to (for reports).
pub const ADDRESSES_FILE: &str = "addresses.json";

/// Errors reading or writing a run.
#[derive(Debug, thiserror::Error)]
pub enum JournalError {
    /// A file could not be read or written.
    #[error("{path}: {source}")]
    Io {
        /// The file or directory.
        path: PathBuf,
        /// The OS error.
        #[source]
        source: std::io::Error,
    },
    /// A line that is not the last one is not a valid record: the file was edited or damaged.
    #[error(
        "{path}:{line}: not a valid journal record ({reason}); the journal was edited or damaged — restore it or \
         remove the line deliberately"
    )]
    Corrupt {
        /// The journal file.
        path: PathBuf,
        /// 1-based line.
        line: usize,
        /// What is wrong.
        reason: String,
    },
    /// `run.json` is missing or unreadable.
    #[error("{path}: not a run header ({reason})")]
    BadHeader {
        /// The header file.
        path: PathBuf,
        /// What is wrong.
        reason: String,
    },
    /// No runs root could be determined from the environment.
    #[error("cannot find a directory for run journals: {0}; set MBXCTL_RUNS_DIR")]
    NoRunsRoot(String),
    /// A run id prefix matched nothing or several runs.
    #[error("{0}")]
    RunId(String),
    /// A record could not be serialized.
    #[error("cannot encode a journal record: {0}")]
    Encode(String),
}

fn io_err(path: &Path) -> impl FnOnce(std::io::Error) -> JournalError + '_ {
    move |source| JournalError::Io { path: path.to_path_buf(), source }
}

// ---------------------------------------------------------------------------------------------
// Time and ids

/// UTC text with milliseconds (`2024-05-01T12:00:00.123Z`) for a count of milliseconds since
/// 1970; negative values count back.
pub fn format_utc_millis(ms: i64) -> String {
    let secs = ms.div_euclid(1000);
    let millis = ms.rem_euclid(1000);
    let (y, m, d, hh, mm, ss) = civil(secs);
    format!("{y:04}-{m:02}-{d:02}T{hh:02}:{mm:02}:{ss:02}.{millis:03}Z")
}

/// Civil date and time from Unix seconds (Howard Hinnant's days-from-civil inverse).
fn civil(secs: i64) -> (i64, u32, u32, u32, u32, u32) {
    let days = secs.div_euclid(86_400);
    let rem = secs.rem_euclid(86_400);
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let y = yoe + era * 400 + i64::from(m <= 2);
    (y, m, d, (rem / 3600) as u32, (rem % 3600 / 60) as u32, (rem % 60) as u32)
}

fn now_millis() -> i64 {
    SystemTime::now().duration_since(UNIX_EPOCH).map_or(0, |d| d.as_millis() as i64)
}

/// The current time as journal text.
pub fn now_text() -> String {
    format_utc_millis(now_millis())
}

/// A new run id: `YYYYMMDD-HHMMSS-<4 hex>` (UTC), sortable by start time.
pub fn new_run_id() -> String {
    let (y, m, d, hh, mm, ss) = civil(now_millis().div_euclid(1000));
    format!("{y:04}{m:02}{d:02}-{hh:02}{mm:02}{ss:02}-{:04x}", rand::random::<u16>())
}

/// Whether text has the shape of a run id.
pub fn is_run_id(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() == 20
        && b[8] == b'-'
        && b[15] == b'-'
        && b[..8].iter().chain(&b[9..15]).all(u8::is_ascii_digit)
        && b[16..].iter().all(|c| c.is_ascii_hexdigit() && !c.is_ascii_uppercase())
}

// ---------------------------------------------------------------------------------------------
// Where runs live

/// The default runs root from the environment: `MBXCTL_RUNS_DIR`; on Windows
/// `%LOCALAPPDATA%\mbxctl\runs`; elsewhere `$XDG_STATE_HOME/mbxctl/runs` or
/// `~/.local/state/mbxctl/runs`. In lab mode use [`lab_runs_root`] instead, so a lab's runs
/// stay with the lab. `env` is a lookup (`|k| std::env::var_os(k)`) so tests need not touch
/// the process environment.
pub fn default_runs_root(env: impl Fn(&str) -> Option<std::ffi::OsString>) -> Result<PathBuf, JournalError> {
    if let Some(dir) = env("MBXCTL_RUNS_DIR").filter(|d| !d.is_empty()) {
        return Ok(PathBuf::from(dir));
    }
    if cfg!(windows) {
        return env("LOCALAPPDATA")
            .filter(|d| !d.is_empty())
            .map(|d| PathBuf::from(d).join("mbxctl").join("runs"))
            .ok_or_else(|| JournalError::NoRunsRoot("LOCALAPPDATA is not set".into()));
    }
    if let Some(state) = env("XDG_STATE_HOME").filter(|d| !d.is_empty()) {
        return Ok(PathBuf::from(state).join("mbxctl").join("runs"));
    }
    env("HOME")
        .filter(|d| !d.is_empty())
        .map(|h| PathBuf::from(h).join(".local").join("state").join("mbxctl").join("runs"))
        .ok_or_else(|| JournalError::NoRunsRoot("neither XDG_STATE_HOME nor HOME is set".into()))
}

/// The runs root inside a lab directory.
pub fn lab_runs_root(lab_dir: &Path) -> PathBuf {
    lab_dir.join("runs")
}

// ---------------------------------------------------------------------------------------------
// Records

/// The `run.json` header.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RunHeader {
    /// The run id (also the directory name).
    pub id: String,
    /// When the run started (UTC text).
    pub started: String,
    /// The command line or workflow name, secrets excluded (`convert --from list.csv --to shared`).
    pub command: String,
    /// Lab or a real session.
    pub target: TargetKind,
    /// The options that shape what the run does, for the report.
    #[serde(default)]
    pub options: serde_json::Value,
    /// How many items were planned.
    pub item_count: usize,
    /// The run this one resumes or rolls back.
    #[serde(default)]
    pub parent: Option<String>,
    /// The mbxctl version that wrote it.
    #[serde(default)]
    pub version: String,
}

/// What a run ran against (mirrors [`ShellKind`], which is not deserializable).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum TargetKind {
    /// The simulated organisation.
    Lab,
    /// A real PowerShell session.
    Psrp,
}

impl From<ShellKind> for TargetKind {
    fn from(k: ShellKind) -> Self {
        match k {
            ShellKind::Lab => TargetKind::Lab,
            ShellKind::Psrp => TargetKind::Psrp,
        }
    }
}

/// Why an item failed, coarsely: resume retries only transient failures.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum FailureKind {
    /// Exchange throttled us and retries ran out.
    Throttled,
    /// The session broke and could not be reopened in time.
    SessionBroken,
    /// A wait timed out.
    Timeout,
    /// Pre-flight checks refused the item (holds, wrong type, ...).
    Refused,
    /// The mailbox or a trustee does not exist or is ambiguous.
    NotFound,
    /// The account lacks the rights.
    AccessDenied,
    /// A cmdlet reported an error.
    CmdletError,
    /// After applying, the re-read state was not what was asked for.
    VerifyFailed,
    /// Anything else.
    Other,
    /// Another live run had claimed the mailbox (docs/batches.md, "Claims"); nothing was sent.
    Taken,
    /// The run was interrupted (Ctrl-C) while the item's commands were in flight.
    Interrupted,
}

impl FailureKind {
    /// Whether trying again later may succeed without anyone changing anything.
    pub fn is_transient(self) -> bool {
        matches!(
            self,
            FailureKind::Throttled
                | FailureKind::SessionBroken
                | FailureKind::Timeout
                | FailureKind::Taken
                | FailureKind::Interrupted
        )
    }
}

/// The kind of permission a run granted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum GrantKind {
    /// `Add-MailboxPermission -AccessRights FullAccess`.
    FullAccess,
    /// `Add-ADPermission -ExtendedRights "Send As"` / `Add-RecipientPermission -AccessRights SendAs`.
    SendAs,
    /// `Set-Mailbox -GrantSendOnBehalfTo @{Add=...}`.
    SendOnBehalf,
}

/// One state change of an item (or of the run, for `run-finished`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "state", rename_all = "kebab-case")]
pub enum Event {
    /// The item is part of the run.
    Planned {
        /// What it is converted to (`Shared` / `Regular`).
        target: String,
    },
    /// Pre-flight checks ran.
    Preflighted {
        /// One-line summary (`ok`, `2 warnings`).
        summary: String,
        /// The check results, free form.
        #[serde(default, skip_serializing_if = "serde_json::Value::is_null")]
        checks: serde_json::Value,
    },
    /// Commands are about to run; rendered text, secrets masked.
    ApplyStarted {
        /// The exact commands, one per entry.
        commands: Vec<String>,
    },
    /// The commands ran without error.
    Applied {
        /// The type before the change (`UserMailbox`, `SharedMailbox`), for rollback.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        previous_type: Option<String>,
    },
    /// A re-read confirmed the new state.
    Verified {
        /// What was seen, free form.
        #[serde(default, skip_serializing_if = "serde_json::Value::is_null")]
        detail: serde_json::Value,
    },
    /// The item failed.
    Failed {
        /// What went wrong.
        reason: String,
        /// Its kind.
        kind: FailureKind,
    },
    /// The item was left alone on purpose.
    Skipped {
        /// Why (`already Shared`).
        reason: String,
    },
    /// A dry run's plan: the commands the item would run (nothing was sent). Not a state: the
    /// item's final record follows.
    Previewed {
        /// The commands, rendered as they would be sent.
        commands: Vec<String>,
    },
    /// A permission was actually added (not one that already existed).
    Granted {
        /// Which permission.
        grant: GrantKind,
        /// To whom.
        trustee: String,
        /// AutoMapping for FullAccess.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        auto_mapping: Option<bool>,
    },
    /// The run ended (all items reached a final state or were abandoned).
    RunFinished {
        /// One-line outcome.
        summary: String,
    },
}

impl Event {
    /// An `apply-started` record from rendered commands. Any plain text of a `Secure` value in
    /// the invocations is masked in the rendered text, so a renderer bug cannot leak a password
    /// into the journal.
    pub fn apply_started(invocations: &[Invocation], render: impl Fn(&Invocation) -> String) -> Event {
        let commands = invocations
            .iter()
            .map(|inv| {
                let mut text = render(inv);
                for p in &inv.params {
                    if let Value::Secure(secret) = &p.value {
                        text = mask(&text, secret);
                    }
                }
                text
            })
            .collect();
        Event::ApplyStarted { commands }
    }

    /// The state name as written in the journal.
    pub fn name(&self) -> &'static str {
        match self {
            Event::Planned { .. } => "planned",
            Event::Preflighted { .. } => "preflighted",
            Event::ApplyStarted { .. } => "apply-started",
            Event::Applied { .. } => "applied",
            Event::Verified { .. } => "verified",
            Event::Failed { .. } => "failed",
            Event::Skipped { .. } => "skipped",
            Event::Granted { .. } => "granted",
            Event::Previewed { .. } => "previewed",
            Event::RunFinished { .. } => "run-finished",
        }
    }
}

/// The text to journal for a rendered command that should never contain `secret`. The renderer
/// never prints secure values, so this is a safety net: if the plain text does appear, the whole
/// command is withheld (replacing only the occurrence would show where the password sits, and
/// could mangle an identity that happens to contain it).
fn mask(text: &str, secret: &Secret) -> String {
    let plain = secret.expose();
    if plain.is_empty() || !text.contains(plain) {
        text.to_string()
    } else {
        format!(
            "{} (command text withheld: it would have shown a secret)",
            text.split_whitespace().next().unwrap_or_default()
        )
    }
}

/// One journal line.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Record {
    /// When it was written.
    pub ts: String,
    /// The item's key: its data row in the input (stable across resume). Absent for run records.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub item: Option<usize>,
    /// The mailbox identity, for people reading the file.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub identity: Option<String>,
    /// What happened.
    #[serde(flatten)]
    pub event: Event,
}

// ---------------------------------------------------------------------------------------------
// Writing

/// An open run: appends records durably. Shareable between the pool's workers (`&Journal` is
/// `Sync`); each record is one locked write, so lines never interleave.
#[derive(Debug)]
pub struct Journal {
    dir: PathBuf,
    file: Mutex<File>,
}

impl Journal {
    /// Creates the run directory `root/<id>`, writes `run.json` atomically and opens an empty
    /// journal.
    pub fn create(root: &Path, header: &RunHeader) -> Result<Journal, JournalError> {
        let dir = root.join(&header.id);
        std::fs::create_dir_all(&dir).map_err(io_err(&dir))?;
        write_atomic(&dir.join(HEADER_FILE), &serde_json::to_vec_pretty(header).map_err(enc)?)?;
        Self::open(&dir)
    }

    /// Opens an existing run directory to append (for finishing a record set after a restart).
    pub fn open(dir: &Path) -> Result<Journal, JournalError> {
        let path = dir.join(JOURNAL_FILE);
        let file = OpenOptions::new().create(true).append(true).open(&path).map_err(io_err(&path))?;
        // A torn last line from a crash was never acknowledged to anyone: cut it off, so our
        // first record starts on a line of its own and the file stays readable.
        // (A tail that is a whole record missing only its newline is kept, as the reader keeps it.)
        let keep = complete_prefix_len(&path)?;
        let len = file.metadata().map_err(io_err(&path))?.len();
        let journal = Journal { dir: dir.to_path_buf(), file: Mutex::new(file) };
        if keep < len {
            let tail = read_from(&path, keep)?;
            if serde_json::from_slice::<Record>(&tail).is_ok() {
                journal.write_line(b"\n")?;
            } else {
                let file = journal.file.lock().unwrap_or_else(|p| p.into_inner());
                file.set_len(keep).map_err(io_err(&path))?;
                file.sync_data().map_err(io_err(&path))?;
            }
        }
        Ok(journal)
    }

    /// The run directory.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// Appends one record for an item and makes it durable before returning.
    pub fn append(&self, item: usize, identity: &str, event: Event) -> Result<(), JournalError> {
        self.append_record(&Record { ts: now_text(), item: Some(item), identity: Some(identity.to_string()), event })
    }

    /// Appends several item records with one write and one sync (the `planned` records of a
    /// large batch): a crash leaves a prefix of them, which a reader takes as the items not yet
    /// recorded.
    pub fn append_items(&self, records: &[(usize, String, Event)]) -> Result<(), JournalError> {
        if records.is_empty() {
            return Ok(());
        }
        let ts = now_text();
        let mut bytes = Vec::new();
        for (item, identity, event) in records {
            let record =
                Record { ts: ts.clone(), item: Some(*item), identity: Some(identity.clone()), event: event.clone() };
            bytes.extend(serde_json::to_vec(&record).map_err(enc)?);
            bytes.push(b'\n');
        }
        self.write_line(&bytes)
    }

    /// Appends a record for the run as a whole.
    pub fn append_run(&self, event: Event) -> Result<(), JournalError> {
        self.append_record(&Record { ts: now_text(), item: None, identity: None, event })
    }

    /// Appends a prepared record.
    pub fn append_record(&self, record: &Record) -> Result<(), JournalError> {
        let mut line = serde_json::to_vec(record).map_err(enc)?;
        line.push(b'\n');
        self.write_line(&line)
    }

    fn write_line(&self, line: &[u8]) -> Result<(), JournalError> {
        let path = self.dir.join(JOURNAL_FILE);
        // A poisoned lock only means another writer panicked mid-call; the file is still valid
        // line by line (the reader tolerates a torn tail), so keep writing.
        let mut file = self.file.lock().unwrap_or_else(|p| p.into_inner());
        file.write_all(line).map_err(io_err(&path))?;
        file.sync_data().map_err(io_err(&path))
    }
}

fn enc(e: serde_json::Error) -> JournalError {
    JournalError::Encode(e.to_string())
}

fn read_from(path: &Path, offset: u64) -> Result<Vec<u8>, JournalError> {
    use std::io::{Read, Seek, SeekFrom};
    let mut f = File::open(path).map_err(io_err(path))?;
    f.seek(SeekFrom::Start(offset)).map_err(io_err(path))?;
    let mut v = Vec::new();
    f.read_to_end(&mut v).map_err(io_err(path))?;
    Ok(v)
}

/// The length of the file up to and including its last newline (0 if it has none), scanning
/// backwards in chunks so a long journal is not read whole.
fn complete_prefix_len(path: &Path) -> Result<u64, JournalError> {
    use std::io::{Read, Seek, SeekFrom};
    let mut f = File::open(path).map_err(io_err(path))?;
    let mut end = f.metadata().map_err(io_err(path))?.len();
    let mut chunk = vec![0u8; 4096];
    while end > 0 {
        let start = end.saturating_sub(chunk.len() as u64);
        let n = (end - start) as usize;
        f.seek(SeekFrom::Start(start)).map_err(io_err(path))?;
        f.read_exact(&mut chunk[..n]).map_err(io_err(path))?;
        if let Some(i) = chunk[..n].iter().rposition(|b| *b == b'\n') {
            return Ok(start + i as u64 + 1);
        }
        end = start;
    }
    Ok(0)
}

/// Writes a file so that readers see the old content or the new, never a mix: write a sibling
/// temporary file, sync it, rename over the target, then sync the directory (Unix).
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<(), JournalError> {
    let tmp = path.with_extension("tmp");
    {
        let mut f = File::create(&tmp).map_err(io_err(&tmp))?;
        f.write_all(bytes).map_err(io_err(&tmp))?;
        f.sync_all().map_err(io_err(&tmp))?;
    }
    std::fs::rename(&tmp, path).map_err(io_err(path))?;
    #[cfg(unix)]
    if let Some(parent) = path.parent() {
        File::open(parent).and_then(|d| d.sync_all()).map_err(io_err(parent))?;
    }
    Ok(())
}

// ---------------------------------------------------------------------------------------------
// Reading

/// The state an item reached, for resume and reports.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum ItemState {
    /// Planned, not started.
    Planned,
    /// Pre-flight done.
    Preflighted,
    /// Commands may have run.
    ApplyStarted,
    /// Commands ran.
    Applied,
    /// Confirmed.
    Verified,
    /// Failed.
    Failed,
    /// Left alone.
    Skipped,
}

impl ItemState {
    /// The journal's name for the state.
    pub fn name(self) -> &'static str {
        match self {
            ItemState::Planned => "planned",
            ItemState::Preflighted => "preflighted",
            ItemState::ApplyStarted => "apply-started",
            ItemState::Applied => "applied",
            ItemState::Verified => "verified",
            ItemState::Failed => "failed",
            ItemState::Skipped => "skipped",
        }
    }

    /// Whether the item needs no more work.
    pub fn is_final(self) -> bool {
        matches!(self, ItemState::Verified | ItemState::Failed | ItemState::Skipped)
    }
}

/// A permission granted by a run.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct GrantRecord {
    /// Which permission.
    pub grant: GrantKind,
    /// To whom.
    pub trustee: String,
    /// AutoMapping for FullAccess.
    pub auto_mapping: Option<bool>,
}

/// Everything the journal says about one item.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ItemRun {
    /// The item key (data row).
    pub item: usize,
    /// The mailbox identity.
    pub identity: String,
    /// The target, from the `planned` record.
    pub target: Option<String>,
    /// The latest state.
    pub state: ItemState,
    /// Whether commands were ever started (even if a later record says failed).
    pub apply_started: bool,
    /// Whether an `applied` record exists.
    pub applied: bool,
    /// The type before the change, from `applied`.
    pub previous_type: Option<String>,
    /// The reason of a `failed` or `skipped` state.
    pub reason: Option<String>,
    /// The failure kind.
    pub failure: Option<FailureKind>,
    /// Permissions actually added.
    pub grants: Vec<GrantRecord>,
    /// The commands of the last `apply-started`, or of a dry run's `previewed` record.
    pub commands: Vec<String>,
    /// When the latest state was recorded.
    pub updated: String,
    /// The warnings of the latest pre-flight (holds, over 50 GB, never logged on, ...).
    pub warnings: Vec<super::view::ItemWarning>,
    /// The item's status in the words every report uses (`converted`, `blocked`, `planned`, ...;
    /// see `view::journal_status`), set when the journal has been read whole.
    pub status: &'static str,
    /// The detail of the `verified` record (it says `permissions-granted` apart from `converted`).
    #[serde(skip)]
    pub verified_detail: serde_json::Value,
}

/// A journal folded into the latest state per item.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RunState {
    /// The header.
    pub header: RunHeader,
    /// Items by key, in key order.
    pub items: BTreeMap<usize, ItemRun>,
    /// When `run-finished` was written, if it was.
    pub finished: Option<String>,
    /// Whether the last line was torn (the writer died mid-line) and was ignored.
    pub torn_tail: bool,
}

/// Reads `run.json`.
pub fn read_header(dir: &Path) -> Result<RunHeader, JournalError> {
    let path = dir.join(HEADER_FILE);
    let bytes = std::fs::read(&path).map_err(io_err(&path))?;
    serde_json::from_slice(&bytes).map_err(|e| JournalError::BadHeader { path, reason: e.to_string() })
}

/// Reads a run directory and folds its journal into the latest state of each item.
pub fn read_journal(dir: &Path) -> Result<RunState, JournalError> {
    let header = read_header(dir)?;
    let path = dir.join(JOURNAL_FILE);
    let mut state = RunState { header, items: BTreeMap::new(), finished: None, torn_tail: false };
    let file = match File::open(&path) {
        Ok(f) => f,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(state),
        Err(e) => return Err(JournalError::Io { path, source: e }),
    };
    let mut reader = BufReader::new(file);
    let mut buf = Vec::new();
    let mut line_no = 0;
    // Hold one bad line back: it is forgiven only if nothing follows it.
    let mut pending_bad: Option<(usize, String)> = None;
    loop {
        buf.clear();
        let n = reader.read_until(b'\n', &mut buf).map_err(io_err(&path))?;
        if n == 0 {
            break;
        }
        line_no += 1;
        let text = String::from_utf8_lossy(&buf);
        let trimmed = text.trim();
        if trimmed.is_empty() {
            continue;
        }
        if let Some((line, reason)) = pending_bad.take() {
            return Err(JournalError::Corrupt { path, line, reason });
        }
        // A last line without its newline but with a whole record was written completely
        // (the newline is part of the same write); keep it.
        match serde_json::from_str::<Record>(trimmed) {
            Ok(record) => fold(&mut state, record),
            Err(e) => pending_bad = Some((line_no, e.to_string())),
        }
    }
    state.torn_tail = pending_bad.is_some();
    set_statuses(&mut state);
    Ok(state)
}

/// Names each item's state in the words the run printed for it.
pub fn set_statuses(state: &mut RunState) {
    let dry_run = super::plan::is_dry_run(&state.header);
    let rollback = super::plan::RunKind::of(&state.header) == super::plan::RunKind::Rollback;
    let finished = state.finished.is_some();
    for item in state.items.values_mut() {
        item.status = super::view::journal_status(item, dry_run, rollback, finished);
    }
}

fn fold(state: &mut RunState, record: Record) {
    let Some(key) = record.item else {
        if let Event::RunFinished { .. } = record.event {
            state.finished = Some(record.ts);
        }
        return;
    };
    let entry = state.items.entry(key).or_insert_with(|| ItemRun {
        item: key,
        identity: record.identity.clone().unwrap_or_default(),
        target: None,
        state: ItemState::Planned,
        apply_started: false,
        applied: false,
        previous_type: None,
        reason: None,
        failure: None,
        grants: Vec::new(),
        commands: Vec::new(),
        updated: record.ts.clone(),
        warnings: Vec::new(),
        status: "planned",
        verified_detail: serde_json::Value::Null,
    });
    if let Some(id) = record.identity.filter(|i| !i.is_empty()) {
        entry.identity = id;
    }
    let new_state = match record.event {
        Event::Planned { target } => {
            entry.target = Some(target);
            Some(ItemState::Planned)
        }
        Event::Preflighted { checks, .. } => {
            entry.warnings = super::view::journal_warnings(&checks);
            Some(ItemState::Preflighted)
        }
        Event::Previewed { commands } => {
            entry.commands = commands;
            None
        }
        Event::ApplyStarted { commands } => {
            entry.apply_started = true;
            entry.commands = commands;
            Some(ItemState::ApplyStarted)
        }
        Event::Applied { previous_type } => {
            entry.applied = true;
            if previous_type.is_some() {
                entry.previous_type = previous_type;
            }
            Some(ItemState::Applied)
        }
        Event::Verified { detail } => {
            entry.verified_detail = detail;
            Some(ItemState::Verified)
        }
        Event::Failed { reason, kind } => {
            entry.reason = Some(reason);
            entry.failure = Some(kind);
            Some(ItemState::Failed)
        }
        Event::Skipped { reason } => {
            entry.reason = Some(reason);
            Some(ItemState::Skipped)
        }
        Event::Granted { grant, trustee, auto_mapping } => {
            entry.grants.push(GrantRecord { grant, trustee, auto_mapping });
            None
        }
        Event::RunFinished { .. } => None,
    };
    if let Some(s) = new_state {
        if !matches!(s, ItemState::Failed | ItemState::Skipped) {
            entry.reason = None;
            entry.failure = None;
        }
        entry.state = s;
        entry.updated = record.ts;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn civil_dates() {
        assert_eq!(format_utc_millis(0), "1970-01-01T00:00:00.000Z");
        assert_eq!(format_utc_millis(951_782_400_123), "2000-02-29T00:00:00.123Z");
        assert_eq!(format_utc_millis(-1), "1969-12-31T23:59:59.999Z");
        assert_eq!(format_utc_millis(4_102_444_799_000), "2099-12-31T23:59:59.000Z");
    }

    #[test]
    fn run_ids_are_well_formed() {
        let id = new_run_id();
        assert!(is_run_id(&id), "{id}");
        assert!(!is_run_id("20240101-120000-ABCD"));
        assert!(!is_run_id("2024010-1120000-abcd"));
    }

    #[test]
    fn runs_root_precedence() {
        let env = |pairs: &'static [(&'static str, &'static str)]| {
            move |k: &str| pairs.iter().find(|(n, _)| *n == k).map(|(_, v)| std::ffi::OsString::from(v))
        };
        assert_eq!(default_runs_root(env(&[("MBXCTL_RUNS_DIR", "/x"), ("HOME", "/h")])).unwrap(), PathBuf::from("/x"));
        if !cfg!(windows) {
            assert_eq!(
                default_runs_root(env(&[("XDG_STATE_HOME", "/s"), ("HOME", "/h")])).unwrap(),
                PathBuf::from("/s/mbxctl/runs")
            );
            assert_eq!(
                default_runs_root(env(&[("HOME", "/h")])).unwrap(),
                PathBuf::from("/h/.local/state/mbxctl/runs")
            );
            assert!(matches!(default_runs_root(env(&[])), Err(JournalError::NoRunsRoot(_))));
        } else {
            assert_eq!(
                default_runs_root(env(&[("LOCALAPPDATA", r"C:\L")])).unwrap(),
                PathBuf::from(r"C:\L\mbxctl\runs")
            );
        }
    }

    #[test]
    fn apply_started_masks_leaked_secrets() {
        let inv = Invocation::new("Set-Mailbox")
            .param("Identity", "bob")
            .param("Password", Value::Secure(Secret::new("Hunter2!")));
        let leaky = |i: &Invocation| format!("{} -Identity bob -Password Hunter2!", i.cmdlet);
        let Event::ApplyStarted { commands } = Event::apply_started(&[inv], leaky) else { panic!() };
        assert_eq!(commands, ["Set-Mailbox (command text withheld: it would have shown a secret)"]);
        assert!(!commands[0].contains("Hunter2"));
    }

    #[test]
    fn record_wire_shape() {
        let r = Record {
            ts: "t".into(),
            item: Some(3),
            identity: Some("bob".into()),
            event: Event::Failed { reason: "x".into(), kind: FailureKind::SessionBroken },
        };
        assert_eq!(
            serde_json::to_string(&r).unwrap(),
            r#"{"ts":"t","item":3,"identity":"bob","state":"failed","reason":"x","kind":"session-broken"}"#
        );
    }
}
