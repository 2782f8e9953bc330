//! Planning a convert batch before its first change: which rows are skipped and why, the key
//! each item claims, the files a run keeps beside its journal, the `planned` records, and the
//! run's ownership of its mailboxes (docs/batches.md, "Pre-flight of the whole batch", "Claims").

use super::claims::{Claims, RunLock, claim_key};
use super::input::{BatchItem, RowProblem};
use super::journal::{ADDRESSES_FILE, Event, FailureKind, ITEMS_FILE, Journal, JournalError, KEYS_FILE, write_atomic};
use super::pool::PoolReport;
use super::view::ItemResult;
use super::worker::Resolution;
use crate::cmdlet::Severity;
use std::collections::{BTreeMap, HashMap};
use std::path::Path;
use std::sync::Arc;

/// A row left out before running: (row, identity, every reason).
pub type SkippedRow = (usize, String, String);

/// Takes the rows with an error out of `items`, once each, with every reason (`column: message`).
pub fn skip_bad_rows(items: &mut Vec<BatchItem>, problems: &[RowProblem]) -> Vec<SkippedRow> {
    let mut bad: BTreeMap<usize, Vec<String>> = BTreeMap::new();
    for p in problems.iter().filter(|p| p.severity == Severity::Error && p.row > 0) {
        bad.entry(p.row).or_default().push(match &p.column {
            Some(c) => format!("{c}: {}", p.message),
            None => p.message.clone(),
        });
    }
    let identities: HashMap<usize, String> = items.iter().map(|i| (i.row, i.identity.clone())).collect();
    let skipped = bad
        .iter()
        .map(|(row, reasons)| (*row, identities.get(row).cloned().unwrap_or_default(), reasons.join("; ")))
        .collect();
    items.retain(|i| !bad.contains_key(&i.row));
    skipped
}

/// The mailbox key each resolved row claims (its ExchangeGuid, say).
pub fn resolved_keys(resolved: &HashMap<usize, Resolution>) -> HashMap<usize, String> {
    resolved
        .iter()
        .filter_map(|(row, r)| match r {
            Resolution::Found(k, _) => Some((*row, k.0.clone())),
            Resolution::Problem(..) => None,
        })
        .collect()
}

/// The primary SMTP address each resolved row named.
pub fn resolved_addresses(resolved: &HashMap<usize, Resolution>) -> BTreeMap<usize, String> {
    resolved
        .iter()
        .filter_map(|(row, r)| match r {
            Resolution::Found(_, Some(smtp)) => Some((*row, smtp.clone())),
            _ => None,
        })
        .collect()
}

/// Writes the files a convert run keeps beside its journal: the items (for resume and reports),
/// the claim keys and the resolved addresses.
pub fn write_run_files(
    journal: &Journal,
    items: &[BatchItem],
    keys: &HashMap<usize, String>,
    addresses: &BTreeMap<usize, String>,
) -> Result<(), JournalError> {
    let enc = |e: serde_json::Error| JournalError::Encode(e.to_string());
    write_atomic(&journal.dir().join(ITEMS_FILE), &serde_json::to_vec_pretty(items).map_err(enc)?)?;
    write_atomic(&journal.dir().join(KEYS_FILE), &serde_json::to_vec_pretty(keys).map_err(enc)?)?;
    if !addresses.is_empty() {
        write_atomic(&journal.dir().join(ADDRESSES_FILE), &serde_json::to_vec_pretty(addresses).map_err(enc)?)?;
    }
    Ok(())
}

/// Reads the claim keys a run saved (none when it saved none).
pub fn read_keys(dir: &Path) -> HashMap<usize, String> {
    std::fs::read(dir.join(KEYS_FILE))
        .ok()
        .and_then(|b| serde_json::from_slice::<HashMap<usize, String>>(&b).ok())
        .unwrap_or_default()
}

/// Why an item another live run owns was not touched.
pub fn taken_reason(by: &str) -> String {
    format!("taken by run {by}: it owns this mailbox now; nothing was sent (resume this run once it ends)")
}

/// The first records of a run: every item `planned`, the skipped rows `skipped`, and the items
/// another run owns `failed` as taken.
pub fn planned_records(
    items: &[BatchItem],
    skipped: &[SkippedRow],
    taken: &BTreeMap<usize, String>,
) -> Vec<(usize, String, Event)> {
    let mut out: Vec<(usize, String, Event)> = items
        .iter()
        .map(|i| (i.row, i.identity.clone(), Event::Planned { target: i.target.type_value().to_string() }))
        .collect();
    out.extend(skipped.iter().map(|(row, id, reason)| (*row, id.clone(), Event::Skipped { reason: reason.clone() })));
    out.extend(items.iter().filter_map(|i| {
        let by = taken.get(&i.row)?;
        Some((i.row, i.identity.clone(), Event::Failed { reason: taken_reason(by), kind: FailureKind::Taken }))
    }));
    out
}

/// What a run holds while it works: the run's lock (so others see it running and never take
/// over its claims) and its claims on mailboxes.
pub struct Ownership {
    _lock: RunLock,
    /// The run's claims (released item by item as each is journaled final).
    pub claims: Arc<Claims>,
}

/// Takes the run's lock and claims every item's mailbox on `target` (a dry run claims nothing:
/// it changes nothing). Returns the items another live run owns, with that run's id.
pub fn take_ownership(
    root: &Path,
    journal: &Journal,
    run_id: &str,
    target: &str,
    items: &[(usize, String)],
    keys: &HashMap<usize, String>,
    dry_run: bool,
) -> Result<(Ownership, BTreeMap<usize, String>), JournalError> {
    let lock = RunLock::acquire(journal.dir())?;
    let claims = Arc::new(Claims::new(root, run_id)?);
    if dry_run {
        return Ok((Ownership { _lock: lock, claims }, BTreeMap::new()));
    }
    let wanted: Vec<(usize, String)> = items
        .iter()
        .map(|(row, identity)| (*row, claim_key(target, keys.get(row).map_or(identity.as_str(), String::as_str))))
        .collect();
    let taken = claims.claim_all(&wanted)?;
    Ok((Ownership { _lock: lock, claims }, taken))
}

/// Adds the items an interrupted pool left to the results: never started, or still in flight
/// when the pool stopped waiting.
pub fn interrupted_results(pool: &PoolReport, results: &mut Vec<ItemResult>) {
    for (row, identity) in &pool.not_started {
        results.push(ItemResult::new(
            *row,
            identity.clone(),
            "not-started",
            "interrupted before it started; nothing was sent",
        ));
    }
    for (row, identity) in &pool.abandoned {
        results.push(ItemResult::new(
            *row,
            identity.clone(),
            "interrupted",
            "interrupted while its commands were running: resume re-reads it before changing anything",
        ));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::workflow::batch::input::{ResolvedKey, TargetType};
    use crate::workflow::batch::journal::{RunHeader, TargetKind, read_journal};

    fn item(row: usize, id: &str) -> BatchItem {
        BatchItem {
            line: row + 1,
            extra: vec![("Ticket".into(), format!("CHG-{row}"))],
            ..BatchItem::new(row, id, TargetType::Shared)
        }
    }

    fn problem(row: usize, severity: Severity, column: Option<&str>, message: &str) -> RowProblem {
        RowProblem {
            row,
            line: row + 1,
            column: column.map(String::from),
            severity,
            code: "x",
            message: message.into(),
        }
    }

    #[test]
    fn bad_rows_are_skipped_once_with_every_reason() {
        let mut items = vec![item(1, "kim"), item(2, "ghost"), item(3, "lee")];
        let problems = vec![
            problem(2, Severity::Error, Some("Identity"), "no such mailbox"),
            problem(2, Severity::Error, None, "same mailbox as row 1"),
            problem(3, Severity::Warning, None, "just so you know"),
            problem(0, Severity::Error, None, "a file problem is no row"),
        ];
        let skipped = skip_bad_rows(&mut items, &problems);
        assert_eq!(skipped, [(2, "ghost".to_string(), "Identity: no such mailbox; same mailbox as row 1".to_string())]);
        assert_eq!(items.iter().map(|i| i.row).collect::<Vec<_>>(), [1, 3]);
    }

    #[test]
    fn resolutions_give_keys_and_addresses() {
        let resolved = HashMap::from([
            (1, Resolution::Found(ResolvedKey("exchangeguid:1".into()), Some("kim@contoso.com".into()))),
            (2, Resolution::Found(ResolvedKey("guid:2".into()), None)),
            (3, Resolution::Problem("unknown-mailbox", "nope".into())),
        ]);
        let keys = resolved_keys(&resolved);
        assert_eq!(keys.len(), 2);
        assert_eq!(keys[&1], "exchangeguid:1");
        assert_eq!(resolved_addresses(&resolved), BTreeMap::from([(1, "kim@contoso.com".to_string())]));
    }

    #[test]
    fn planned_records_and_run_files() {
        let t = tempfile::tempdir().unwrap();
        let header = RunHeader {
            id: "20260101-000000-abcd".into(),
            started: "t".into(),
            command: "convert --from x".into(),
            target: TargetKind::Lab,
            options: serde_json::json!({}),
            item_count: 3,
            parent: None,
            version: String::new(),
        };
        let j = Journal::create(t.path(), &header).unwrap();
        let items = vec![item(1, "kim"), item(3, "lee")];
        let skipped = vec![(2, "ghost".to_string(), "no such mailbox".to_string())];
        let taken = BTreeMap::from([(3, "20250101-000000-ffff".to_string())]);
        j.append_items(&planned_records(&items, &skipped, &taken)).unwrap();
        let state = read_journal(j.dir()).unwrap();
        let status: Vec<&str> = state.items.values().map(|i| i.status).collect();
        assert_eq!(status, ["not-started", "skipped", "taken"]);
        assert!(state.items[&3].reason.as_deref().unwrap().contains("20250101-000000-ffff"));

        let keys = HashMap::from([(1, "exchangeguid:1".to_string())]);
        write_run_files(&j, &items, &keys, &BTreeMap::from([(1, "kim@contoso.com".to_string())])).unwrap();
        assert_eq!(read_keys(j.dir()), keys);
        let back: Vec<BatchItem> = serde_json::from_slice(&std::fs::read(j.dir().join(ITEMS_FILE)).unwrap()).unwrap();
        assert_eq!(back[0].extra, [("Ticket".to_string(), "CHG-1".to_string())]);
    }

    #[test]
    fn interrupted_items_are_reported_by_what_was_sent() {
        let pool = PoolReport {
            not_started: vec![(4, "ann".into())],
            abandoned: vec![(5, "bob".into())],
            ..PoolReport::default()
        };
        let mut results = Vec::new();
        interrupted_results(&pool, &mut results);
        assert_eq!(
            results.iter().map(|r| (r.row, r.status)).collect::<Vec<_>>(),
            [(4, "not-started"), (5, "interrupted")]
        );
        assert!(results[0].reason.contains("nothing was sent"));
    }
}
