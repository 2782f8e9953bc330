//! Claims: a run owns each mailbox it may change, so two runs started at once never convert the
//! same mailbox twice (docs/batches.md, "Claims").
//!
//! Each running run holds an operating-system lock on `<run dir>/lock` for as long as its
//! process lives ([`RunLock`]); the OS drops it when the process ends, however it ends (exit,
//! Ctrl-C, `kill -9`, a crash), on Windows as on Unix. A claim is a small file in
//! `<runs root>/claims/` naming the run that owns one mailbox on one target. A claim whose run
//! no longer holds its lock is stale and is taken over; every claim is made under one short
//! lock of the claims directory, so two runs never both take the same stale claim.

use super::journal::{JournalError, now_text};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashMap};
use std::fs::{File, OpenOptions, TryLockError};
use std::path::{Path, PathBuf};
use std::sync::Mutex;

/// The directory of claims inside a runs root.
pub const CLAIMS_DIR: &str = "claims";
/// The lock file inside a run directory, held while the run's process lives.
pub const RUN_LOCK_FILE: &str = "lock";
/// The file locked (briefly) while claims are made.
const DIR_LOCK_FILE: &str = ".lock";

fn io_err(path: &Path) -> impl FnOnce(std::io::Error) -> JournalError + '_ {
    move |source| JournalError::Io { path: path.to_path_buf(), source }
}

/// Proof that this process is running a run: the OS lock on `<run dir>/lock`, released when the
/// value is dropped or the process ends.
#[derive(Debug)]
pub struct RunLock {
    _file: File,
}

impl RunLock {
    /// Takes the run's lock; fails if another live process holds it.
    pub fn acquire(run_dir: &Path) -> Result<RunLock, JournalError> {
        let path = run_dir.join(RUN_LOCK_FILE);
        let file = OpenOptions::new().create(true).truncate(false).write(true).open(&path).map_err(io_err(&path))?;
        match file.try_lock() {
            Ok(()) => Ok(RunLock { _file: file }),
            Err(TryLockError::WouldBlock) => Err(JournalError::RunId(format!(
                "run {} is running in another process; wait for it to end (`mbxctl runs list` shows it as running)",
                run_dir.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default()
            ))),
            Err(TryLockError::Error(e)) => Err(JournalError::Io { path, source: e }),
        }
    }
}

/// Whether a live process holds the run's lock (the run is running now).
pub fn is_running(run_dir: &Path) -> bool {
    let Ok(file) = OpenOptions::new().write(true).open(run_dir.join(RUN_LOCK_FILE)) else { return false };
    match file.try_lock() {
        // Nobody held it; ours is dropped with `file`, which unlocks.
        Ok(()) => false,
        Err(TryLockError::WouldBlock) => true,
        Err(TryLockError::Error(_)) => false,
    }
}

/// The text that names one mailbox on one target, for claims: the target (the LAB directory,
/// or the executable and profile) and the mailbox's stable key (ExchangeGuid when known).
pub fn claim_key(target: &str, mailbox: &str) -> String {
    format!("{target}\n{}", mailbox.to_lowercase())
}

/// A file name for a claim key: two 64-bit FNV-1a hashes with different offsets, so distinct
/// keys collide with negligible odds; the key itself is kept in the file and compared.
fn file_name(key: &str) -> String {
    let fnv = |offset: u64| key.bytes().fold(offset, |h, b| (h ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3));
    format!("{:016x}{:016x}.json", fnv(0xcbf2_9ce4_8422_2325), fnv(0x6c62_272e_07bb_0142))
}

#[derive(Debug, Clone, Serialize, Deserialize)]
struct ClaimFile {
    run: String,
    key: String,
    since: String,
}

/// The claims one run holds; dropping it releases those not yet released.
#[derive(Debug)]
pub struct Claims {
    root: PathBuf,
    dir: PathBuf,
    run_id: String,
    held: Mutex<HashMap<usize, PathBuf>>,
}

impl Claims {
    /// The claims of run `run_id` under the runs `root` (the run must hold its [`RunLock`]).
    pub fn new(root: &Path, run_id: &str) -> Result<Claims, JournalError> {
        let dir = root.join(CLAIMS_DIR);
        std::fs::create_dir_all(&dir).map_err(io_err(&dir))?;
        Ok(Claims { root: root.to_path_buf(), dir, run_id: run_id.to_string(), held: Mutex::default() })
    }

    /// Claims every `(item, key)`; returns the items another live run owns, with that run's id.
    /// Claims of runs whose process is gone are taken over.
    pub fn claim_all(&self, items: &[(usize, String)]) -> Result<BTreeMap<usize, String>, JournalError> {
        let lock_path = self.dir.join(DIR_LOCK_FILE);
        let dir_lock =
            OpenOptions::new().create(true).truncate(false).write(true).open(&lock_path).map_err(io_err(&lock_path))?;
        // Held for the whole pass (a few file operations per item); unlocked when dropped.
        dir_lock.lock().map_err(io_err(&lock_path))?;
        let mut taken = BTreeMap::new();
        let mut alive: HashMap<String, bool> = HashMap::new();
        let mut held = self.held.lock().unwrap_or_else(|p| p.into_inner());
        let since = now_text();
        for (item, key) in items {
            let path = self.dir.join(file_name(key));
            if let Some(owner) = read_claim(&path).filter(|c| c.key == *key).map(|c| c.run)
                && owner != self.run_id
            {
                let live = *alive.entry(owner.clone()).or_insert_with(|| is_running(&self.root.join(&owner)));
                if live {
                    taken.insert(*item, owner);
                    continue;
                }
            }
            let body = ClaimFile { run: self.run_id.clone(), key: key.clone(), since: since.clone() };
            let bytes = serde_json::to_vec(&body).map_err(|e| JournalError::Encode(e.to_string()))?;
            // No fsync: claims only matter between live processes, which share the page cache;
            // after a power loss every claim is stale anyway.
            std::fs::write(&path, bytes).map_err(io_err(&path))?;
            held.insert(*item, path);
        }
        Ok(taken)
    }

    /// Releases the claim on one item (its final record is journaled).
    pub fn release(&self, item: usize) {
        let path = self.held.lock().unwrap_or_else(|p| p.into_inner()).remove(&item);
        if let Some(path) = path {
            self.remove_if_mine(&path);
        }
    }

    /// Releases every claim still held.
    pub fn release_all(&self) {
        let paths: Vec<PathBuf> = self.held.lock().unwrap_or_else(|p| p.into_inner()).drain().map(|(_, p)| p).collect();
        for p in paths {
            self.remove_if_mine(&p);
        }
    }

    /// How many claims are held.
    pub fn held(&self) -> usize {
        self.held.lock().unwrap_or_else(|p| p.into_inner()).len()
    }

    fn remove_if_mine(&self, path: &Path) {
        // Only the owner removes a claim, and nobody takes over the claim of a live run, so
        // this check cannot race with another process. A claim left behind is stale, not wrong.
        if read_claim(path).is_some_and(|c| c.run == self.run_id) {
            let _ = std::fs::remove_file(path);
        }
    }
}

impl Drop for Claims {
    fn drop(&mut self) {
        self.release_all();
    }
}

fn read_claim(path: &Path) -> Option<ClaimFile> {
    serde_json::from_slice(&std::fs::read(path).ok()?).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run_dir(root: &Path, id: &str) -> PathBuf {
        let d = root.join(id);
        std::fs::create_dir_all(&d).unwrap();
        d
    }

    #[test]
    fn a_live_run_keeps_its_claims_and_a_dead_one_loses_them() {
        let t = tempfile::tempdir().unwrap();
        let root = t.path();
        let a_lock = RunLock::acquire(&run_dir(root, "a")).unwrap();
        let a = Claims::new(root, "a").unwrap();
        let keys = |ks: &[&str]| ks.iter().enumerate().map(|(i, k)| (i + 1, claim_key("lab", k))).collect::<Vec<_>>();
        assert!(a.claim_all(&keys(&["kim", "lee"])).unwrap().is_empty());
        assert!(is_running(&root.join("a")));

        let _b_lock = RunLock::acquire(&run_dir(root, "b")).unwrap();
        let b = Claims::new(root, "b").unwrap();
        let taken = b.claim_all(&keys(&["KIM", "alex"])).unwrap();
        assert_eq!(taken, BTreeMap::from([(1, "a".to_string())]), "kim is a's; alex is free");
        assert_eq!(b.held(), 1);

        // a's process ends without releasing (as kill -9 would): its claims are stale.
        std::mem::forget(a);
        drop(a_lock);
        assert!(!is_running(&root.join("a")));
        let c = Claims::new(root, "c").unwrap();
        let _c_lock = RunLock::acquire(&run_dir(root, "c")).unwrap();
        let taken = c.claim_all(&keys(&["kim", "alex"])).unwrap();
        assert_eq!(taken, BTreeMap::from([(2, "b".to_string())]));
    }

    #[test]
    fn released_claims_are_free_and_a_run_lock_is_exclusive() {
        let t = tempfile::tempdir().unwrap();
        let root = t.path();
        let dir = run_dir(root, "a");
        let _lock = RunLock::acquire(&dir).unwrap();
        assert!(RunLock::acquire(&dir).is_err(), "a second holder of the same run");
        let a = Claims::new(root, "a").unwrap();
        a.claim_all(&[(1, claim_key("lab", "kim"))]).unwrap();
        a.release(1);
        assert_eq!(std::fs::read_dir(root.join(CLAIMS_DIR)).unwrap().count(), 1, "only the directory lock file");
        let _b_lock = RunLock::acquire(&run_dir(root, "b")).unwrap();
        let b = Claims::new(root, "b").unwrap();
        assert!(b.claim_all(&[(1, claim_key("lab", "kim"))]).unwrap().is_empty());
    }
}
