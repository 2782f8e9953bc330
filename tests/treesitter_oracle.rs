//! An independent oracle for rendering: tree-sitter-powershell (from the npm registry, run as
//! WASM by web-tree-sitter in Node.js) parses every line `render` produces for a corpus of
//! hostile values, and `tests/oracle/oracle.cjs` evaluates the arguments from its syntax tree.
//! Each line must be one command whose arguments are exactly the invocation's.
//!
//! Known differences between tree-sitter-powershell and PowerShell, asserted explicitly below:
//! - the grammar knows only the ASCII single quote, so inside `'...'` it does not undouble the
//!   Unicode single quotes U+2018–U+201B that `quote` doubles (PowerShell does: `CharTraits.cs`
//!   `IsSingleQuote`); for such values the oracle sees every one of them twice;
//! - the grammar reads `‘x’` and `“x”` as bare words, not strings;
//! - the grammar reads `–Identity` (en dash; also em dash and horizontal bar) as a bare word,
//!   not a parameter.
//!
//! Needs Node.js 18+ and npm; the first run installs the pinned packages with
//! `npm ci --ignore-scripts` in `tests/oracle` (also done by `tests/oracle/setup.sh`).

use mbxctl::cmdlet::invocation::{Invocation, Parameter, Value};
use mbxctl::cmdlet::parse::parse_command;
use mbxctl::cmdlet::render::render;
use serde_json::{Value as Json, json};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::Mutex;

static SETUP: Mutex<bool> = Mutex::new(false);

const INSTALL_HELP: &str = "the tree-sitter oracle test needs Node.js 18 or later with npm: install them \
    (https://nodejs.org, or `apt-get install nodejs npm`, or `winget install OpenJS.NodeJS.LTS`), then run \
    `npm ci --ignore-scripts --prefix tests/oracle` (or `bash tests/oracle/setup.sh`)";

fn oracle_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests").join("oracle")
}

fn program(name: &str) -> String {
    if cfg!(windows) && name == "npm" { "npm.cmd".into() } else { name.into() }
}

/// Makes sure Node.js and the pinned npm packages are there; fails with install advice if not.
fn ensure_oracle() {
    let mut done = SETUP.lock().unwrap_or_else(|e| e.into_inner());
    if *done {
        return;
    }
    let version = Command::new(program("node")).arg("--version").output();
    match version {
        Ok(out) if out.status.success() => {}
        Ok(out) => panic!("`node --version` failed ({}): {INSTALL_HELP}", out.status),
        Err(e) => panic!("cannot run node ({e}): {INSTALL_HELP}"),
    }
    let dir = oracle_dir();
    let wasm = dir.join("node_modules/tree-sitter-powershell/tree-sitter-powershell.wasm");
    let runtime = dir.join("node_modules/web-tree-sitter/package.json");
    if !wasm.exists() || !runtime.exists() {
        let status = Command::new(program("npm"))
            .args(["ci", "--ignore-scripts", "--no-audit", "--no-fund"])
            .current_dir(&dir)
            .status()
            .unwrap_or_else(|e| panic!("cannot run npm ({e}): {INSTALL_HELP}"));
        assert!(status.success(), "`npm ci` in tests/oracle failed ({status}): {INSTALL_HELP}");
    }
    *done = true;
}

/// Runs the oracle over `lines`; one JSON result per line.
fn oracle(lines: &[String]) -> Vec<Json> {
    ensure_oracle();
    let mut input = tempfile::NamedTempFile::new().expect("temp file");
    serde_json::to_writer(&mut input, lines).expect("write oracle input");
    let out = Command::new(program("node"))
        .arg(oracle_dir().join("oracle.cjs"))
        .arg(input.path())
        .output()
        .unwrap_or_else(|e| panic!("cannot run node ({e}): {INSTALL_HELP}"));
    assert!(out.status.success(), "oracle.cjs failed: {}", String::from_utf8_lossy(&out.stderr));
    let results: Vec<Json> = serde_json::from_slice(&out.stdout).expect("oracle prints JSON");
    assert_eq!(results.len(), lines.len());
    results
}

/// Unicode single quotes, which tree-sitter-powershell does not treat as quotes.
fn is_unicode_single_quote(c: char) -> bool {
    matches!(c, '\u{2018}' | '\u{2019}' | '\u{201A}' | '\u{201B}')
}

/// What the oracle reads for a string `quote` rendered: the value itself, except that each
/// Unicode single quote stays doubled (the known difference).
fn as_oracle_sees(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        out.push(c);
        if is_unicode_single_quote(c) {
            out.push(c);
        }
    }
    out
}

fn expected(v: &Value) -> Json {
    let strs = |v: &[String]| v.iter().map(|s| as_oracle_sees(s)).collect::<Vec<_>>();
    match v {
        Value::String(s) => json!({"t": "str", "v": as_oracle_sees(s)}),
        Value::Int(n) => json!({"t": "int", "v": n.to_string()}),
        Value::Bool(b) => json!({"t": "bool", "v": b}),
        Value::Switch(b) => json!({"t": "switch", "v": b}),
        Value::List(items) => json!({"t": "list", "v": strs(items)}),
        Value::AddRemove { add, remove } => json!({"t": "ar", "add": strs(add), "remove": strs(remove)}),
        Value::Dynamic(d) if d == "$null" => json!({"t": "null"}),
        other => panic!("corpus holds no {other:?}"),
    }
}

/// Hand-picked values that have broken quoting somewhere.
fn hand_picked() -> Vec<String> {
    [
        "",
        "jdoe",
        "O'Brien",
        "'",
        "''",
        "'''",
        "'; Remove-Mailbox -Identity x -Confirm:$false; '",
        "$(Remove-Item C:\\ -Recurse)",
        "$env:USERNAME",
        "${x}",
        "@params",
        "`n",
        "a`",
        "`",
        "``",
        "`0",
        "a`$b",
        "\"",
        "\"\"",
        "a\"b",
        "\"$(whoami)\"",
        "@'",
        "'@",
        "@\"",
        "\"@",
        "--%",
        "--% x",
        "--",
        "-Force",
        "-",
        "-Identity:x",
        "–Identity",
        "—",
        "―",
        "‘quoted’",
        "’",
        "‚low‛",
        "‘‘",
        "it’s",
        "“double”",
        "„german“",
        "a;b|c&d",
        "&&",
        "||",
        "&",
        "#comment",
        "<# block #>",
        "#>",
        "a\nb",
        "a\r\nb",
        "\r",
        "\n",
        "\n\n",
        "\0",
        "a\0b",
        "\t",
        "a\tb",
        "\u{7}\u{8}\u{B}\u{C}",
        "\u{1B}[31mred",
        "\u{7F}",
        "\u{85}",
        "\u{9F}",
        "\u{A0}",
        "\u{2028}",
        "\u{2029}",
        "\u{200F}שלום",
        "مرحبا\u{200E}",
        "abc\u{202E}cba",
        "\u{2066}x\u{2069}",
        "\u{FEFF}",
        "\u{61C}",
        "😀",
        "👩‍💻",
        "🇫🇷",
        "e\u{301}",
        "𝕏𝔂",
        "\u{10FFFF}",
        "\u{FFFD}",
        "{",
        "}",
        "(",
        ")",
        "[",
        "]",
        "@{Add='x'}",
        "@()",
        "$true",
        "$null",
        "50GB",
        "0x10",
        "1.5",
        "-5",
        "(-5)",
        "[char]0x41",
        "a,b",
        "a b",
        " leading",
        "trailing ",
        "  ",
        "contoso.com/Users/J. Doe",
        "jdoe@contoso.com",
        "smtp:jdoe@contoso.com",
        "SMTP:a@b.c,smtp:d@e.f",
        "C:\\Temp\\x.pst",
        "\\\\server\\share$",
        "%TEMP%",
        "~",
        "*",
        "?",
        "[abc]*",
        "\u{3000}",
        "\u{2003}",
        "Unlimited",
        "Shared",
        "x'+'y",
        "a'b'c",
        "''a''",
        "'a",
        "a'",
        ";",
        "|",
        "<",
        ">",
        "2>&1",
        "*>",
        "=",
        "+",
        "::",
        "..",
        ".",
        "\u{2018}\u{2019}\u{201A}\u{201B}",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect()
}

/// Deterministic combinations of dangerous pieces (xorshift, fixed seed).
fn generated(count: usize) -> Vec<String> {
    const PIECES: &[&str] = &[
        "a",
        "Z",
        "9",
        " ",
        "'",
        "''",
        "\"",
        "`",
        "`n",
        "$",
        "$x",
        "$(",
        ")",
        "(",
        "{",
        "}",
        "@",
        "@{",
        ";",
        "|",
        "&",
        ",",
        "#",
        "<#",
        "#>",
        "-",
        "--",
        "--%",
        "–",
        "—",
        "―",
        "‘",
        "’",
        "‚",
        "‛",
        "“",
        "”",
        "„",
        "\n",
        "\r",
        "\r\n",
        "\t",
        "\0",
        "\u{1}",
        "\u{1B}",
        "\u{7F}",
        "\u{85}",
        "\u{A0}",
        "\u{2028}",
        "\u{2029}",
        "\u{200E}",
        "\u{200F}",
        "\u{202E}",
        "\u{2067}",
        "\u{FEFF}",
        "😀",
        "👩‍💻",
        "ש",
        "ب",
        "é",
        "e\u{301}",
        "ß",
        "İ",
        "Ω",
        "中",
        "\\",
        "/",
        ":",
        "=",
        "+",
        "*",
        "?",
        "%",
        "~",
        "[",
        "]",
        ".",
        "smtp:",
        "@contoso.com",
    ];
    let mut state: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut next = move || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    (0..count)
        .map(|_| {
            let len = (next() % 9) as usize;
            (0..len).map(|_| PIECES[(next() % PIECES.len() as u64) as usize]).collect::<String>()
        })
        .collect()
}

fn corpus_invocations() -> Vec<Invocation> {
    let mut values = hand_picked();
    values.extend(generated(600));
    let n = values.len();
    values
        .iter()
        .enumerate()
        .map(|(i, v)| {
            let other = values[(i * 7 + 3) % n].clone();
            match i % 5 {
                0 => Invocation::new("Set-Mailbox").param("Identity", v.as_str()),
                1 => Invocation::new("Set-Mailbox")
                    .param("Identity", v.as_str())
                    .switch("Force")
                    .param("Confirm", Value::Switch(false))
                    .param("Count", i as i64 - 300),
                2 => {
                    let mut inv = Invocation::new("Get-Mailbox").switch("ReadFromDomainController");
                    inv.params.push(Parameter { name: None, value: Value::String(v.clone()) });
                    inv.param("ResultSize", "Unlimited")
                }
                3 => Invocation::new("Set-Mailbox")
                    .param("Identity", "jdoe")
                    .param("EmailAddresses", Value::AddRemove { add: vec![v.clone(), other], remove: vec![v.clone()] }),
                _ => Invocation::new("Set-DistributionGroup")
                    .param("ManagedBy", vec![v.clone(), other, "plain".to_string()])
                    .param("AcceptMessagesOnlyFrom", vec![v.clone()])
                    .param("HiddenFromAddressListsEnabled", i % 2 == 0)
                    .param("ForwardingAddress", Value::Dynamic("$null".into())),
            }
        })
        .collect()
}

#[test]
fn rendered_corpus_reads_back_identically_in_tree_sitter() {
    let invocations = corpus_invocations();
    assert!(invocations.len() >= 500, "corpus too small: {}", invocations.len());
    let lines: Vec<String> = invocations.iter().map(|inv| render(inv).expect("renderable")).collect();
    for (line, inv) in lines.iter().zip(&invocations) {
        assert!(!line.contains(['\n', '\r']), "not one line: {line:?}");
        assert_eq!(&parse_command(line).expect("mbxctl reads its own line"), inv, "{line}");
    }
    let results = oracle(&lines);
    let mut smart_quote_cases = 0;
    for ((line, inv), result) in lines.iter().zip(&invocations).zip(&results) {
        assert_eq!(result["error"], json!(false), "tree-sitter reports a syntax error in {line}");
        let commands = result["commands"].as_array().expect("commands");
        assert_eq!(commands.len(), 1, "not exactly one command: {line}");
        assert_eq!(commands[0]["name"], json!(inv.cmdlet), "{line}");
        let params = commands[0]["params"].as_array().expect("params");
        assert_eq!(params.len(), inv.params.len(), "{line}: {params:?}");
        for (got, want) in params.iter().zip(&inv.params) {
            assert_eq!(got["name"], json!(want.name), "{line}");
            assert_eq!(got["value"], expected(&want.value), "{line}");
        }
        if line.chars().any(is_unicode_single_quote) {
            smart_quote_cases += 1;
        }
    }
    // The known difference is exercised, not just tolerated.
    assert!(smart_quote_cases >= 20, "only {smart_quote_cases} lines with Unicode single quotes");
}

#[test]
fn known_differences_from_powershell_are_exactly_these() {
    let lines: Vec<String> = [
        "Set-Mailbox -Identity '‘‘x’’'",
        "Set-Mailbox –Identity 'x'",
        "Set-Mailbox —Identity 'x'",
        "Set-Mailbox -Identity ‘x’",
        "Set-Mailbox -Identity “x”",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    // mbxctl follows PowerShell: every line is `-Identity` with a plain value.
    let ours: Vec<Invocation> = lines.iter().map(|l| parse_command(l).expect("parses")).collect();
    let identity = |v: &str| Invocation::new("Set-Mailbox").param("Identity", v);
    assert_eq!(ours, vec![identity("‘x’"), identity("x"), identity("x"), identity("x"), identity("x")]);
    // tree-sitter-powershell reads them differently.
    let results = oracle(&lines);
    let params: Vec<Json> = results.iter().map(|r| r["commands"][0]["params"].clone()).collect();
    let p = |name: Option<&str>, v: &str| json!({"name": name, "colon": false, "value": {"t": "str", "v": v}});
    assert_eq!(params[0], json!([p(Some("Identity"), "‘‘x’’")]));
    assert_eq!(params[1], json!([p(None, "–Identity"), p(None, "x")]));
    assert_eq!(params[2], json!([p(None, "—Identity"), p(None, "x")]));
    assert_eq!(params[3], json!([p(Some("Identity"), "‘x’")]));
    assert_eq!(params[4], json!([p(Some("Identity"), "“x”")]));
}
