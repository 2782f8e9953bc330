//! What a batch shows, end to end on temporary LABs (issue #15): the table lists the rows that
//! need a look with their warnings and hides clean ones (`--all` lists them), `runs show --csv`
//! carries the resolved address, the warnings, the commands and the input's own extra columns,
//! and the JSON statuses are the table's words. State is checked afterwards (the LAB and its
//! admin audit log), not only the output.

use serde_json::Value;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

const EXE: &str = env!("CARGO_BIN_EXE_mbxctl");

fn mbx(lab: &Path, args: &[&str]) -> Output {
    Command::new(EXE)
        .arg("--lab-dir")
        .arg(lab)
        .args(args)
        .env_remove("MBXCTL_RUNS_DIR")
        .stdin(Stdio::null())
        .output()
        .expect("run mbxctl")
}

fn code(o: &Output) -> i32 {
    o.status.code().unwrap_or(-1)
}

fn text(o: &Output) -> String {
    format!("stdout:\n{}\nstderr:\n{}", String::from_utf8_lossy(&o.stdout), String::from_utf8_lossy(&o.stderr))
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).to_string()
}

/// A LAB with the default organisation: `pilar` is over 50 GB, `lee` on Litigation Hold, `joni`
/// never logged on, `sales` already shared; the generated users are plain.
fn lab() -> (tempfile::TempDir, PathBuf) {
    let t = tempfile::tempdir().unwrap();
    let dir = t.path().join("lab");
    let o = mbx(&dir, &["lab", "init", "--users", "10"]);
    assert_eq!(code(&o), 0, "{}", text(&o));
    (t, dir)
}

/// The batch: three rows with warnings, a clean one typed by alias, one by address, an unknown
/// one, one already shared; `Comment` and `Ticket` ride along.
fn batch(t: &tempfile::TempDir) -> PathBuf {
    let path = t.path().join("leavers.csv");
    std::fs::write(
        &path,
        "Identity,Ticket,Comment\r\npilar,CHG-1,big one\r\nlee,CHG-2,on hold\r\njoni,CHG-3,\r\n\
         chen.abbott000003,CHG-4,clean\r\ndana.abbott000004@contoso.com,CHG-5,\r\nghost,CHG-6,typo\r\n\
         sales,CHG-7,\r\n",
    )
    .unwrap();
    path
}

fn json(o: &Output) -> Value {
    serde_json::from_slice(&o.stdout).unwrap_or_else(|e| panic!("not JSON ({e}): {}", text(o)))
}

fn recipient_types(lab: &Path) -> BTreeMap<String, String> {
    let v = json(&mbx(lab, &["--json", "lab", "show"]));
    v["OnPremises"]["Recipients"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|r| Some((r["Alias"].as_str()?.to_string(), r["RecipientTypeDetails"].as_str()?.to_string())))
        .collect()
}

fn audit_len(lab: &Path) -> usize {
    json(&mbx(lab, &["--json", "lab", "audit"]))["entries"].as_array().unwrap().len()
}

/// The table row of `identity` (its line in the output), if listed.
fn row_of<'a>(out: &'a str, identity: &str) -> Option<&'a str> {
    out.lines().find(|l| l.split_whitespace().nth(1) == Some(identity))
}

#[test]
fn the_table_shows_warnings_beside_items_and_hides_clean_rows_unless_all() {
    let (t, dir) = lab();
    let file = batch(&t);
    let from = file.to_str().unwrap();

    // A dry run with --all: every row, each with its warnings; nothing changes.
    let before = audit_len(&dir);
    let o = mbx(&dir, &["convert", "--from", from, "--to", "shared", "--dry-run", "--all"]);
    assert_eq!(code(&o), 4, "a skipped row makes the run mixed: {}", text(&o));
    let out = stdout(&o);
    for who in ["pilar", "lee", "joni", "chen.abbott000003", "dana.abbott000004@contoso.com", "ghost", "sales"] {
        assert!(row_of(&out, who).is_some(), "--all lists {who}:\n{out}");
    }
    assert!(row_of(&out, "chen.abbott000003").unwrap().contains("planned"), "{out}");
    assert!(!out.contains("clean row(s) not listed"), "{out}");
    assert_eq!(audit_len(&dir), before, "a dry run changed the LAB");

    // The real run: only the rows that need a look, warnings beside them, then the counts.
    let o = mbx(&dir, &["convert", "--from", from, "--to", "shared"]);
    assert_eq!(code(&o), 4, "{}", text(&o));
    let out = stdout(&o);
    let expect = [("pilar", "over 50 GB"), ("lee", "on hold"), ("joni", "never logged on"), ("ghost", "skipped")];
    for (who, what) in expect {
        let row = row_of(&out, who).unwrap_or_else(|| panic!("{who} not listed:\n{out}"));
        assert!(row.contains(what), "{who}: {row}");
    }
    for clean in ["chen.abbott000003", "dana.abbott000004@contoso.com", "sales"] {
        assert!(row_of(&out, clean).is_none(), "clean row {clean} listed:\n{out}");
    }
    assert!(out.contains("(3 clean row(s) not listed; --all lists every row)"), "{out}");
    assert!(out.contains("Warnings\n  over 50 GB: "), "each warning spelled out once:\n{out}");
    assert!(
        out.contains("5 converted, 1 nothing to do, 0 planned, 0 blocked, 0 failed, 1 skipped; 3 with warnings"),
        "{out}"
    );
    // The LAB changed as the table says: warned rows converted too (warnings do not block).
    let types = recipient_types(&dir);
    for who in ["pilar", "lee", "joni", "chen.abbott000003", "dana.abbott000004", "sales"] {
        assert_eq!(types[who], "SharedMailbox", "{who}");
    }
}

#[test]
fn runs_show_csv_keeps_extra_columns_resolves_addresses_and_lists_commands() {
    let (t, dir) = lab();
    let file = batch(&t);
    let o = mbx(&dir, &["--json", "convert", "--from", file.to_str().unwrap(), "--to", "shared"]);
    assert_eq!(code(&o), 4, "{}", text(&o));
    let lines: Vec<Value> = stdout(&o).lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    let run_id = lines.last().unwrap()["run_id"].as_str().unwrap().to_string();

    let o = mbx(&dir, &["runs", "show", &run_id, "--csv"]);
    assert_eq!(code(&o), 0, "{}", text(&o));
    let csv = stdout(&o);
    let csv = csv.strip_prefix('\u{FEFF}').expect("BOM for Excel");
    let mut reader = csv::Reader::from_reader(csv.as_bytes());
    let headers: Vec<String> = reader.headers().unwrap().iter().map(String::from).collect();
    assert_eq!(
        headers,
        [
            "RunId",
            "Item",
            "Identity",
            "PrimarySmtpAddress",
            "Target",
            "Status",
            "Reason",
            "Warnings",
            "Commands",
            "FailureKind",
            "PreviousType",
            "Granted",
            "Updated",
            "Comment",
            "Ticket"
        ]
    );
    let rows: BTreeMap<String, BTreeMap<String, String>> = reader
        .records()
        .map(|r| {
            let r = r.unwrap();
            let row: BTreeMap<String, String> = headers.iter().cloned().zip(r.iter().map(String::from)).collect();
            (row["Identity"].clone(), row)
        })
        .collect();
    assert_eq!(rows.len(), 7);
    // The identity as typed, the address it resolved to beside it.
    assert_eq!(rows["chen.abbott000003"]["PrimarySmtpAddress"], "chen.abbott000003@contoso.com");
    assert_eq!(rows["dana.abbott000004@contoso.com"]["PrimarySmtpAddress"], "dana.abbott000004@contoso.com");
    assert_eq!(rows["ghost"]["PrimarySmtpAddress"], "");
    // The input's own columns, unchanged, on every row.
    for (who, ticket) in [("pilar", "CHG-1"), ("ghost", "CHG-6"), ("sales", "CHG-7")] {
        assert_eq!(rows[who]["Ticket"], ticket, "{who}");
    }
    assert_eq!(rows["pilar"]["Comment"], "big one");
    assert_eq!(rows["ghost"]["Comment"], "typo");
    // Warnings with their text; the commands run.
    assert!(rows["lee"]["Warnings"].starts_with("holds: the mailbox is on Litigation Hold"), "{:?}", rows["lee"]);
    assert!(rows["pilar"]["Warnings"].starts_with("size: "), "{:?}", rows["pilar"]);
    assert!(rows["joni"]["Warnings"].starts_with("logon: "), "{:?}", rows["joni"]);
    assert_eq!(rows["chen.abbott000003"]["Warnings"], "");
    assert!(
        rows["chen.abbott000003"]["Commands"]
            .contains("Set-Mailbox -Identity 'chen.abbott000003@contoso.com' -Type 'Shared'"),
        "{:?}",
        rows["chen.abbott000003"]
    );
    assert_eq!(rows["chen.abbott000003"]["Status"], "converted");
    assert_eq!(rows["ghost"]["Status"], "skipped");
    assert_eq!(rows["sales"]["Status"], "nothing-to-do");
    // What the CSV says was run is what the LAB's audit log recorded.
    let audit = json(&mbx(&dir, &["--json", "lab", "audit"]));
    let changed: Vec<&str> = audit["entries"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["CmdletName"] == "Set-Mailbox" && e["Succeeded"] == true)
        .filter_map(|e| e["CmdletParameters"][0]["Value"].as_str())
        .collect();
    assert!(changed.contains(&"chen.abbott000003@contoso.com"), "{changed:?}");
    assert!(!changed.iter().any(|c| c.starts_with("sales")), "{changed:?}");

    // A dry run's CSV lists the commands it planned, and says planned.
    let o = mbx(&dir, &["--json", "convert", "--from", file.to_str().unwrap(), "--to", "regular", "--dry-run"]);
    let last: Value = serde_json::from_str(stdout(&o).lines().last().unwrap()).unwrap();
    let o = mbx(&dir, &["runs", "show", last["run_id"].as_str().unwrap(), "--csv"]);
    let csv = stdout(&o);
    let chen = csv.lines().find(|l| l.contains(",chen.abbott000003,")).unwrap();
    assert!(chen.contains(",planned,") && chen.contains("-Type 'Regular'"), "{chen}");
}

#[test]
fn json_statuses_are_the_words_of_the_table_and_of_runs_show() {
    let (t, dir) = lab();
    let file = batch(&t);
    let o = mbx(&dir, &["--json", "convert", "--from", file.to_str().unwrap(), "--to", "shared", "--dry-run"]);
    let lines: Vec<Value> = stdout(&o).lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    let items: BTreeMap<String, String> = lines
        .iter()
        .filter(|l| l["type"] == "item")
        .map(|l| (l["identity"].as_str().unwrap().to_string(), l["status"].as_str().unwrap().to_string()))
        .collect();
    assert_eq!(items["chen.abbott000003"], "planned", "a dry-run item is planned: {items:?}");
    assert_eq!(items["ghost"], "skipped");
    assert_eq!(items["sales"], "nothing-to-do");
    let lee = lines.iter().find(|l| l["identity"] == "lee").unwrap();
    assert_eq!(lee["warnings"][0]["id"], "holds", "{lee}");
    let summary = lines.last().unwrap();
    assert_eq!((summary["planned"].as_u64(), summary["warned"].as_u64()), (Some(5), Some(3)), "{summary}");
    let run_id = summary["run_id"].as_str().unwrap();

    // runs show --json and the runs show table: the same word per item.
    let shown = json(&mbx(&dir, &["--json", "runs", "show", run_id]));
    let table = stdout(&mbx(&dir, &["runs", "show", run_id]));
    for item in shown["run"]["items"].as_array().unwrap() {
        let who = item["identity"].as_str().unwrap();
        assert_eq!(item["status"].as_str().unwrap(), items[who], "{who}");
        let row = row_of(&table, who).unwrap_or_else(|| panic!("{who} not in:\n{table}"));
        assert!(row.split_whitespace().any(|w| w == items[who]), "{who}: {row}");
    }
    let list = json(&mbx(&dir, &["--json", "runs", "list"]));
    assert_eq!(list["runs"][0]["counts"]["planned"], 5, "{}", list["runs"][0]);

    // A blocked item is blocked everywhere: a linked mailbox cannot be converted.
    let f = t.path().join("linked.csv");
    std::fs::write(&f, "Identity\nlinked.user\n").unwrap();
    let o = mbx(&dir, &["--json", "convert", "--from", f.to_str().unwrap(), "--to", "shared"]);
    assert_eq!(code(&o), 3, "{}", text(&o));
    let lines: Vec<Value> = stdout(&o).lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    assert_eq!(lines[0]["status"], "blocked");
    let run_id = lines.last().unwrap()["run_id"].as_str().unwrap();
    let shown = json(&mbx(&dir, &["--json", "runs", "show", run_id]));
    assert_eq!(shown["run"]["items"][0]["status"], "blocked");
    assert_eq!(recipient_types(&dir)["linked.user"], "LinkedMailbox");
}
