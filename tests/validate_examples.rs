//! `validate` on every EXAMPLES code block of Microsoft's Exchange cmdlet pages
//! (tests/data/ms-examples, extracted by scripts/gen-examples.py at the commit the catalogue is
//! generated from): the catalogue's own source must not make `validate` call its examples wrong.
//!
//! Every error must be listed, with the reason it is a true problem, in
//! tests/data/ms-examples.expected (`Page.ps1:line:col code  # why`); the test fails on an error
//! not listed (a false error, or a true one nobody judged) and on a listed one that no longer
//! appears (the judgement is stale). Warnings are counted, not judged here (docs/catalogue.md),
//! except `mandatory-in-doubt`: each must be a parameter judged an example's mistake in
//! scripts/doubtful-mandatory-judged.tsv, and each such parameter must be warned about.
//!
//! Each block is validated on its own, as `validate` reads a script: the side from what the block
//! says (`Connect-ExchangeOnline`, ...), else hybrid (each command against the side that has it).

use mbxctl::cmdlet::diagnostic::{Diagnostic, Position, Severity};
use mbxctl::cmdlet::parse::{ParsedCommand, parse_script_streaming};
use mbxctl::cmdlet::validate::lints::lint;
use mbxctl::cmdlet::validate::script::{Scope, SideEvidence, check_command};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// The line before each block (scripts/gen-examples.py writes it).
const MARKER: &str = "# Example ";

fn data() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests").join("data")
}

/// One finding, placed in its page file.
struct Found {
    key: String,
    severity: Severity,
    message: String,
    line_text: String,
}

/// Where `validate` places a finding (the one rule `mbxctl validate` uses).
fn place(d: &Diagnostic, cmd: &ParsedCommand, v: &mbxctl::cmdlet::validate::Validated) -> Position {
    mbxctl::cmdlet::validate::script::finding_position(d, cmd, v)
}

/// Every finding (errors and warnings) of one block; `first` is the file line the block starts on.
fn judge_block(file: &str, lines: &[&str], first: u32, out: &mut Vec<Found>, commands: &mut usize) {
    let text = lines.join("\n");
    let mut parsed: Vec<ParsedCommand> = Vec::new();
    let mut sink = |c: ParsedCommand| parsed.push(c);
    let script_diags = parse_script_streaming(&text, &mut sink);
    let mut evidence = SideEvidence::default();
    for c in &parsed {
        evidence.observe(c);
    }
    let scope = evidence.scope().unwrap_or(Scope::Hybrid);
    let mut push = |d: &Diagnostic, at: Position| {
        if d.severity == Severity::Note {
            return;
        }
        let line = at.line + first - 1;
        out.push(Found {
            key: format!("{file}:{line}:{} {}", at.column, d.code),
            severity: d.severity,
            message: d.message.clone(),
            line_text: lines.get(at.line as usize - 1).unwrap_or(&"").trim().to_string(),
        });
    };
    for d in &script_diags {
        push(d, d.position.unwrap_or(Position { line: 1, column: 1 }));
    }
    for (i, cmd) in parsed.iter().enumerate() {
        let Some(v) = check_command(cmd, scope, None) else { continue };
        *commands += 1;
        let mut diags = v.diagnostics.clone();
        diags.extend(lint(cmd, &v, &parsed[..i]));
        for d in &diags {
            push(d, place(d, cmd, &v));
        }
    }
}

/// Every finding of every page file.
fn all_findings() -> (Vec<Found>, usize, usize) {
    let dir = data().join("ms-examples");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}; run scripts/gen-examples.py", dir.display()))
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "ps1"))
        .collect();
    files.sort();
    let (mut found, mut blocks, mut commands) = (Vec::new(), 0, 0);
    for path in &files {
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let text = std::fs::read_to_string(path).unwrap();
        let lines: Vec<&str> = text.lines().collect();
        let starts: Vec<usize> = (0..lines.len()).filter(|&i| lines[i].starts_with(MARKER)).collect();
        assert!(!starts.is_empty() && starts[0] == 0, "{name}: does not start with a '{MARKER}' line");
        for (k, &s) in starts.iter().enumerate() {
            let end = starts.get(k + 1).copied().unwrap_or(lines.len());
            blocks += 1;
            judge_block(&name, &lines[s + 1..end], (s + 2) as u32, &mut found, &mut commands);
        }
    }
    assert!(files.len() >= 1_400, "pages missing: {}", files.len());
    (found, blocks, commands)
}

/// The judged errors: key → reason.
fn expected() -> Vec<(String, String)> {
    let path = data().join("ms-examples.expected");
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let mut out = Vec::new();
    for (n, line) in text.lines().enumerate() {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let (key, why) = line.split_once(" # ").unwrap_or((line, ""));
        assert!(!why.trim().is_empty(), "ms-examples.expected:{}: no reason after ' # ': {line}", n + 1);
        out.push((key.trim().to_string(), why.trim().to_string()));
    }
    out
}

#[test]
fn every_error_in_microsofts_examples_is_judged_true() {
    let (found, blocks, commands) = all_findings();
    let expected = expected();
    let errors: Vec<&Found> = found.iter().filter(|f| f.severity == Severity::Error).collect();

    // Multisets: one command may have the same error twice.
    let mut want: BTreeMap<&str, usize> = BTreeMap::new();
    for (k, _) in &expected {
        *want.entry(k.as_str()).or_default() += 1;
    }
    let mut unjudged = Vec::new();
    for e in &errors {
        match want.get_mut(e.key.as_str()) {
            Some(n) if *n > 0 => *n -= 1,
            _ => unjudged.push(format!("{}  | {} | {}", e.key, e.message, e.line_text)),
        }
    }
    let stale: Vec<&str> = want.iter().filter(|(_, n)| **n > 0).map(|(k, _)| *k).collect();

    let mut tally: BTreeMap<(String, &str), usize> = BTreeMap::new();
    for f in &found {
        let code = f.key.rsplit(' ').next().unwrap_or_default();
        let sev = if f.severity == Severity::Error { "error" } else { "warning" };
        *tally.entry((code.to_string(), sev)).or_default() += 1;
    }
    if std::env::var_os("MBXCTL_EXAMPLES_WARNINGS").is_some() {
        for f in found.iter().filter(|f| f.severity == Severity::Warning) {
            eprintln!("warning {}  | {} | {}", f.key, f.message, f.line_text);
        }
    }
    eprintln!("{blocks} blocks, {commands} Exchange commands; {} errors ({} judged)", errors.len(), expected.len());
    for ((code, sev), n) in &tally {
        eprintln!("  {n:5} {sev} {code}");
    }
    assert!(
        unjudged.is_empty() && stale.is_empty(),
        "errors not judged in tests/data/ms-examples.expected (a false error, or a true one to list with its reason):\n{}\n\
         judged but no longer reported (remove them):\n{}",
        unjudged.join("\n"),
        stale.join("\n")
    );
}

/// (cmdlet, parameter) judged an example's mistake in scripts/doubtful-mandatory-judged.tsv.
fn judged_example_mistakes() -> std::collections::BTreeSet<(String, String)> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("scripts").join("doubtful-mandatory-judged.tsv");
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    text.lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .map(|l| l.split('\t').collect::<Vec<_>>())
        .filter(|f| f.get(2) == Some(&"example"))
        .map(|f| (f[0].to_string(), f[1].to_string()))
        .collect()
}

#[test]
fn mandatory_in_doubt_warnings_are_the_judged_example_mistakes() {
    let (found, _, _) = all_findings();
    let judged = judged_example_mistakes();
    assert!(judged.len() >= 10, "judgements missing: {judged:?}");
    let mut warned = std::collections::BTreeSet::new();
    for f in found.iter().filter(|f| f.key.ends_with(" mandatory-in-doubt")) {
        assert_eq!(f.severity, Severity::Warning, "{}", f.key);
        // "Set-InboxRule needs -Identity by Microsoft's page, ..."
        let (cmdlet, rest) = f.message.split_once(" needs -").unwrap_or_else(|| panic!("{}", f.message));
        let param = rest.split(' ').next().unwrap_or_default();
        let pair = (cmdlet.to_string(), param.to_string());
        assert!(judged.contains(&pair), "{}: {} is not judged an example's mistake", f.key, f.message);
        warned.insert(pair);
    }
    let silent: Vec<_> = judged.difference(&warned).collect();
    assert!(silent.is_empty(), "judged an example's mistake but never warned about: {silent:?}");
    // The one the issue names.
    assert!(warned.contains(&("Set-InboxRule".to_string(), "Identity".to_string())));
}
