//! Checks of the PowerShell module (`module/MbxCtl`) and the example scripts that need no
//! PowerShell: they parse, `mbxctl validate` reads them without error findings, every
//! subcommand and `--flag` the module passes exists in the clap definition, every JSON property
//! the module reads is documented in docs/json-output.md, no construct Windows PowerShell 5.1
//! lacks is used, and the files are ASCII (5.1 reads BOM-less scripts in the ANSI code page).
//!
//! The module's conventions that make this reliable are written at the top of MbxCtl.psm1.
//! The Pester suite (module/tests) covers behaviour where PowerShell is available.

use clap::CommandFactory;
use mbxctl::cli::Cli;
use regex::Regex;
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()))
}

/// Every PowerShell file the project ships: the module, its tests, the examples and the
/// packaging script.
fn powershell_files() -> Vec<PathBuf> {
    fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
        let Ok(entries) = std::fs::read_dir(dir) else { return };
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_dir() {
                walk(&path, out);
            } else if path.extension().and_then(|e| e.to_str()).is_some_and(|e| matches!(e, "ps1" | "psm1" | "psd1")) {
                out.push(path);
            }
        }
    }
    let root = repo();
    let mut files = Vec::new();
    walk(&root.join("module"), &mut files);
    walk(&root.join("examples"), &mut files);
    let packager = root.join("scripts").join("package-module.ps1");
    if packager.exists() {
        files.push(packager);
    }
    files.sort();
    files
}

fn module_source() -> String {
    read(&repo().join("module").join("MbxCtl").join("MbxCtl.psm1"))
}

// ---------------------------------------------------------------------------------------------
// A small PowerShell lexer: enough to separate code from strings and comments, with here-strings,
// backtick escapes and `$( )` subexpressions inside expandable strings read as code.

#[derive(Debug, Clone, PartialEq)]
enum Tok {
    /// A run of code outside strings and comments (strings are cut out of it).
    Code { text: String, line: usize },
    /// A string literal's value; `single` for '...' and @'...'@.
    Str { value: String, single: bool, line: usize },
}

struct Lexer {
    chars: Vec<char>,
    pos: usize,
    line: usize,
    out: Vec<Tok>,
    code: String,
    code_line: usize,
}

impl Lexer {
    fn peek(&self, ahead: usize) -> Option<char> {
        self.chars.get(self.pos + ahead).copied()
    }

    fn flush(&mut self) {
        if !self.code.is_empty() {
            let text = std::mem::take(&mut self.code);
            self.out.push(Tok::Code { text, line: self.code_line });
        }
        self.code_line = self.line;
    }

    fn push_code(&mut self, c: char) {
        if self.code.is_empty() {
            self.code_line = self.line;
        }
        self.code.push(c);
        if c == '\n' {
            self.line += 1;
        }
        self.pos += 1;
    }

    /// Code until the end of the text, or until the `)` closing a `$(` when `in_subexpression`.
    fn code(&mut self, in_subexpression: bool) -> Result<(), String> {
        let mut depth = 0usize;
        loop {
            let Some(c) = self.peek(0) else {
                return if in_subexpression { Err(format!("unterminated $( at line {}", self.line)) } else { Ok(()) };
            };
            match c {
                '`' => {
                    self.push_code(c);
                    if let Some(next) = self.peek(0) {
                        self.push_code(next);
                    }
                }
                '#' => {
                    self.flush();
                    while let Some(c) = self.peek(0) {
                        if c == '\n' {
                            break;
                        }
                        self.pos += 1;
                    }
                }
                '<' if self.peek(1) == Some('#') => {
                    self.flush();
                    self.pos += 2;
                    loop {
                        match self.peek(0) {
                            None => return Err(format!("unterminated <# comment at line {}", self.line)),
                            Some('#') if self.peek(1) == Some('>') => {
                                self.pos += 2;
                                break;
                            }
                            Some(c) => {
                                if c == '\n' {
                                    self.line += 1;
                                }
                                self.pos += 1;
                            }
                        }
                    }
                }
                '@' if matches!(self.peek(1), Some('\'') | Some('"')) && self.rest_of_line_blank(self.pos + 2) => {
                    self.flush();
                    let single = self.peek(1) == Some('\'');
                    self.here_string(single)?;
                }
                '\'' => {
                    self.flush();
                    self.single_quoted()?;
                }
                '"' => {
                    self.flush();
                    self.double_quoted()?;
                }
                '(' if in_subexpression => {
                    depth += 1;
                    self.push_code(c);
                }
                ')' if in_subexpression => {
                    if depth == 0 {
                        self.pos += 1;
                        self.flush();
                        return Ok(());
                    }
                    depth -= 1;
                    self.push_code(c);
                }
                _ => self.push_code(c),
            }
        }
    }

    fn rest_of_line_blank(&self, from: usize) -> bool {
        let mut i = from;
        while let Some(&c) = self.chars.get(i) {
            match c {
                '\n' => return true,
                ' ' | '\t' | '\r' => i += 1,
                _ => return false,
            }
        }
        false
    }

    fn single_quoted(&mut self) -> Result<(), String> {
        let line = self.line;
        self.pos += 1;
        let mut value = String::new();
        loop {
            match self.peek(0) {
                None => return Err(format!("unterminated '...' string from line {line}")),
                Some('\'') if self.peek(1) == Some('\'') => {
                    value.push('\'');
                    self.pos += 2;
                }
                Some('\'') => {
                    self.pos += 1;
                    break;
                }
                Some(c) => {
                    if c == '\n' {
                        self.line += 1;
                    }
                    value.push(c);
                    self.pos += 1;
                }
            }
        }
        self.out.push(Tok::Str { value, single: true, line });
        self.code_line = self.line;
        Ok(())
    }

    /// `$(` inside an expandable string: the code tokens go out first, the string keeps `$(...)`.
    fn subexpression(&mut self, value: &mut String) -> Result<(), String> {
        self.pos += 2;
        self.code_line = self.line;
        self.code(true)?;
        value.push_str("$(...)");
        Ok(())
    }

    fn double_quoted(&mut self) -> Result<(), String> {
        let line = self.line;
        self.pos += 1;
        let mut value = String::new();
        loop {
            match self.peek(0) {
                None => return Err(format!("unterminated \"...\" string from line {line}")),
                Some('`') => {
                    if let Some(next) = self.peek(1) {
                        if next == '\n' {
                            self.line += 1;
                        }
                        value.push(next);
                    }
                    self.pos += 2;
                }
                Some('"') if self.peek(1) == Some('"') => {
                    value.push('"');
                    self.pos += 2;
                }
                Some('"') => {
                    self.pos += 1;
                    break;
                }
                Some('$') if self.peek(1) == Some('(') => self.subexpression(&mut value)?,
                Some(c) => {
                    if c == '\n' {
                        self.line += 1;
                    }
                    value.push(c);
                    self.pos += 1;
                }
            }
        }
        self.out.push(Tok::Str { value, single: false, line });
        self.code_line = self.line;
        Ok(())
    }

    fn here_string(&mut self, single: bool) -> Result<(), String> {
        let line = self.line;
        let quote = if single { '\'' } else { '"' };
        while self.peek(0) != Some('\n') {
            self.pos += 1;
        }
        self.pos += 1;
        self.line += 1;
        let mut value = String::new();
        let mut at_line_start = true;
        loop {
            match self.peek(0) {
                None => return Err(format!("unterminated here-string from line {line}")),
                Some(c) if at_line_start && c == quote && self.peek(1) == Some('@') => {
                    self.pos += 2;
                    break;
                }
                Some('`') if !single => {
                    if let Some(next) = self.peek(1) {
                        value.push(next);
                    }
                    self.pos += 2;
                    at_line_start = false;
                }
                Some('$') if !single && self.peek(1) == Some('(') => {
                    self.subexpression(&mut value)?;
                    at_line_start = false;
                }
                Some(c) => {
                    at_line_start = c == '\n';
                    if c == '\n' {
                        self.line += 1;
                    }
                    value.push(c);
                    self.pos += 1;
                }
            }
        }
        self.out.push(Tok::Str { value, single, line });
        self.code_line = self.line;
        Ok(())
    }
}

fn lex(src: &str) -> Result<Vec<Tok>, String> {
    let mut lexer =
        Lexer { chars: src.chars().collect(), pos: 0, line: 1, out: Vec::new(), code: String::new(), code_line: 1 };
    lexer.code(false)?;
    lexer.flush();
    Ok(lexer.out)
}

// ---------------------------------------------------------------------------------------------
// Windows PowerShell 5.1 compatibility

/// Constructs PowerShell 6/7 added that Windows PowerShell 5.1 does not parse or does not have,
/// matched against code only (strings and comments are cut out by the lexer).
fn forbidden_constructs() -> Vec<(Regex, &'static str)> {
    let r = |p: &str| Regex::new(p).expect("valid regex");
    vec![
        (r(r"\?\?"), "?? / ??= (null-coalescing, PowerShell 7)"),
        (r(r"\?\.|\?\["), "?. / ?[] (null-conditional access, PowerShell 7.1)"),
        (r(r"&&|\|\|"), "&& / || (pipeline chain operators, PowerShell 7)"),
        (
            r(r"(^|[\s(;{|=])\?(\s|$)"),
            "a bare ? (the ternary operator of PowerShell 7, or the ? alias: spell out Where-Object)",
        ),
        (r(r"(?i)-parallel\b"), "-Parallel (ForEach-Object -Parallel, PowerShell 7)"),
        (r(r"(?im)^\s*clean\s*\{"), "a clean {} block (PowerShell 7.3)"),
        (r(r"(?i)\$(PSStyle|IsWindows|IsLinux|IsMacOS|IsCoreCLR)\b"), "a PowerShell 6+ automatic variable"),
        (
            r(r"(?i)ConvertFrom-Json\b[^|;\n)}]*-(AsHashtable|Depth|NoEnumerate)\b"),
            "ConvertFrom-Json -AsHashtable/-Depth/-NoEnumerate (PowerShell 6+)",
        ),
        (
            r(r"(?i)-(AsByteStream|SkipCertificateCheck|AdditionalChildPath|EnumsAsStrings)\b"),
            "a PowerShell 6+ parameter",
        ),
        (r(r"(?i)\b(Test-Json|Get-Error|Join-String|ConvertFrom-Markdown)\b"), "a PowerShell 6+ cmdlet"),
    ]
}

fn ps51_findings(src: &str) -> Result<Vec<String>, String> {
    let rules = forbidden_constructs();
    let mut found = Vec::new();
    for tok in lex(src)? {
        let Tok::Code { text, line } = tok else { continue };
        for (re, what) in &rules {
            for m in re.find_iter(&text) {
                let at = line + text[..m.start()].matches('\n').count();
                found.push(format!("line {at}: {what}: `{}`", m.as_str().trim()));
            }
        }
    }
    Ok(found)
}

#[test]
fn lexer_keeps_strings_and_comments_out_of_code() {
    let src = "$a = 'x ?? y' # b && c\n<# ?. #>\n$s = \"$($b ?? 1) and `\" ||\"\n@'\n&&\n'@\n$c";
    let toks = lex(src).expect("lexes");
    let code: Vec<&str> =
        toks.iter().filter_map(|t| if let Tok::Code { text, .. } = t { Some(text.as_str()) } else { None }).collect();
    assert_eq!(code, ["$a = ", " ", "\n", "\n$s = ", "$b ?? 1", "\n", "\n$c"]);
    let strings: Vec<(&str, bool, usize)> = toks
        .iter()
        .filter_map(|t| {
            if let Tok::Str { value, single, line } = t { Some((value.as_str(), *single, *line)) } else { None }
        })
        .collect();
    assert_eq!(strings, [("x ?? y", true, 1), ("$(...) and \" ||", false, 3), ("&&\n", true, 4)]);
}

#[test]
fn ps51_scanner_flags_7_only_syntax_in_code_only() {
    let bad = "$x = $a ?? $b\nif ($ok) { a } && b\n$y = $c ? 1 : 2\n1..3 | ForEach-Object -Parallel { $_ }\n$s = \"$($m?.Name)\"\nfunction f { clean { } }\n'{0}' -f $PSStyle\n$o = $t | ConvertFrom-Json -AsHashtable\n";
    let found = ps51_findings(bad).expect("lexes");
    let lines: Vec<&str> = found.iter().map(|f| f.split(':').next().unwrap_or("")).collect();
    assert_eq!(lines, ["line 1", "line 2", "line 3", "line 4", "line 5", "line 7", "line 8"], "{found:#?}");
    let clean_block = ps51_findings("process { }\nclean {\n}\n").expect("lexes");
    assert_eq!(clean_block.len(), 1, "{clean_block:?}");
    let fine = "$a = 'a ?? b && c || d ?. e'\n# ?? && ||\n<# -Parallel #>\n$n = [System.Text.StringBuilder]::new()\n$i--\n$x = @{ a = 1 }\n";
    assert_eq!(ps51_findings(fine).expect("lexes"), Vec::<String>::new());
}

#[test]
fn powershell_files_use_only_windows_powershell_51_syntax() {
    let files = powershell_files();
    assert!(files.len() >= 6, "expected the module, its manifest, tests, examples and packager; found {files:?}");
    let mut problems = Vec::new();
    for file in &files {
        match ps51_findings(&read(file)) {
            Ok(found) => problems.extend(found.into_iter().map(|f| format!("{}: {f}", file.display()))),
            Err(e) => problems.push(format!("{}: cannot lex: {e}", file.display())),
        }
    }
    assert!(
        problems.is_empty(),
        "PowerShell 7-only constructs (Windows PowerShell 5.1 must run these):\n{}",
        problems.join("\n")
    );
}

#[test]
fn module_files_are_ascii_or_carry_a_bom() {
    for file in powershell_files() {
        let bytes = std::fs::read(&file).expect("readable");
        let bom = bytes.starts_with(&[0xEF, 0xBB, 0xBF]);
        if let Some(i) = bytes.iter().position(|b| !b.is_ascii()) {
            assert!(
                bom,
                "{}: non-ASCII byte at offset {i} without a UTF-8 BOM; Windows PowerShell 5.1 would read it in the ANSI code page",
                file.display()
            );
        }
    }
}

// ---------------------------------------------------------------------------------------------
// The module's calls to the binary against clap's definition

/// What each function of the module passes to the binary.
#[derive(Debug, Default)]
struct Calls {
    /// function name -> subcommand paths (`-Command 'runs show'`).
    commands: BTreeMap<String, BTreeSet<String>>,
    /// function name -> `--flag` literals.
    flags: BTreeMap<String, BTreeSet<String>>,
    /// Flags written as double-quoted strings (the convention wants single quotes).
    double_quoted_flags: Vec<String>,
}

fn module_calls(src: &str) -> Calls {
    let toks = lex(src).expect("the module lexes");
    let function_re = Regex::new(r"(?i)\bfunction\s+([A-Za-z][\w-]*)").expect("regex");
    let command_re = Regex::new(r"-Command\s*$").expect("regex");
    let flag_re = Regex::new(r"^--[a-z][a-z0-9-]*$").expect("regex");
    let mut calls = Calls::default();
    let mut depth = 0usize;
    let mut pending: Option<String> = None;
    let mut current: Option<String> = None;
    let mut previous_code = String::new();
    for tok in &toks {
        match tok {
            Tok::Code { text, .. } => {
                let mut i = 0;
                while i < text.len() {
                    let at_function = (depth == 0 && text.is_char_boundary(i))
                        .then(|| function_re.captures_at(text, i))
                        .flatten()
                        .filter(|m| m.get(0).is_some_and(|g| g.start() == i));
                    if let Some(m) = at_function {
                        pending = Some(m[1].to_string());
                        i = m.get(0).map_or(i + 1, |g| g.end());
                        continue;
                    }
                    match text.as_bytes()[i] {
                        b'{' => {
                            if depth == 0 && pending.is_some() {
                                current = pending.take();
                            }
                            depth += 1;
                        }
                        b'}' => {
                            depth = depth.saturating_sub(1);
                            if depth == 0 {
                                current = None;
                            }
                        }
                        _ => {}
                    }
                    i += 1;
                }
                previous_code = text.clone();
            }
            Tok::Str { value, single, line } => {
                let owner = current.clone().unwrap_or_else(|| "<top level>".into());
                if value.starts_with("--") && value.len() > 2 && !*single {
                    calls.double_quoted_flags.push(format!("line {line}: \"{value}\""));
                }
                if *single && command_re.is_match(&previous_code) {
                    calls.commands.entry(owner.clone()).or_default().insert(value.clone());
                } else if *single && flag_re.is_match(value) {
                    calls.flags.entry(owner).or_default().insert(value.clone());
                }
                previous_code.clear();
            }
        }
    }
    calls
}

fn long_names(arg: &clap::Arg) -> Vec<String> {
    let mut names: Vec<String> = arg.get_long().map(|l| format!("--{l}")).into_iter().collect();
    names.extend(arg.get_all_aliases().unwrap_or_default().into_iter().map(|a| format!("--{a}")));
    names
}

/// The long flags valid for a subcommand path (its own and the global ones); `None` when the
/// path does not exist.
fn flags_of(path: &str) -> Option<BTreeSet<String>> {
    let root = Cli::command();
    let mut set: BTreeSet<String> = root.get_arguments().filter(|a| a.is_global_set()).flat_map(long_names).collect();
    let mut command = &root;
    for part in path.split(' ') {
        command = command.find_subcommand(part)?;
    }
    if command.has_subcommands() {
        return None;
    }
    set.extend(command.get_arguments().flat_map(long_names));
    Some(set)
}

fn global_flags() -> BTreeSet<String> {
    Cli::command().get_arguments().filter(|a| a.is_global_set()).flat_map(long_names).collect()
}

#[test]
fn extraction_finds_commands_and_flags_per_function() {
    let src = "function A {\n  $x = @{ k = 1 }\n  Invoke-MbxCtl -Command 'runs show' -Arguments @('--json', '--', $id)\n}\nfunction B { $a.Add('--lab'); \"--x\" }\n";
    let calls = module_calls(src);
    assert_eq!(calls.commands.get("A").map(|s| s.iter().cloned().collect::<Vec<_>>()), Some(vec!["runs show".into()]));
    assert_eq!(calls.flags.get("A").map(|s| s.iter().cloned().collect::<Vec<_>>()), Some(vec!["--json".into()]));
    assert_eq!(calls.flags.get("B").map(|s| s.iter().cloned().collect::<Vec<_>>()), Some(vec!["--lab".into()]));
    assert_eq!(calls.double_quoted_flags, ["line 5: \"--x\""]);
    assert!(flags_of("convert").is_some_and(|f| f.contains("--dry-run") && f.contains("--json")));
    assert!(flags_of("runs").is_none(), "a path with subcommands is not a command");
    assert!(flags_of("no-such").is_none());
}

#[test]
fn every_subcommand_and_flag_the_module_passes_exists_in_the_cli() {
    let calls = module_calls(&module_source());
    assert!(
        calls.double_quoted_flags.is_empty(),
        "write flags as single-quoted literals: {:?}",
        calls.double_quoted_flags
    );
    let used: BTreeSet<&str> = calls.commands.values().flatten().map(String::as_str).collect();
    let expected = [
        "audit hybrid",
        "cmdlets",
        "convert",
        "render",
        "resume",
        "rollback",
        "runs list",
        "runs show",
        "session test",
        "validate",
    ];
    for c in expected {
        assert!(
            used.contains(c),
            "the module no longer calls `mbxctl {c}` through Invoke-MbxCtl -Command '{c}' (found {used:?})"
        );
    }
    let globals = global_flags();
    let mut problems = Vec::new();
    for (function, flags) in &calls.flags {
        let paths = calls.commands.get(function);
        match paths {
            None => {
                for flag in flags.iter().filter(|f| !globals.contains(*f)) {
                    problems
                        .push(format!("{function}: {flag} is not a global flag and the function calls no subcommand"));
                }
            }
            Some(paths) => {
                for path in paths {
                    let Some(valid) = flags_of(path) else {
                        problems.push(format!("{function}: `mbxctl {path}` is not a subcommand"));
                        continue;
                    };
                    for flag in flags.iter().filter(|f| !valid.contains(*f)) {
                        problems.push(format!("{function}: `mbxctl {path}` has no {flag}"));
                    }
                }
            }
        }
    }
    for (function, paths) in &calls.commands {
        for path in paths.iter().filter(|p| flags_of(p).is_none()) {
            problems.push(format!("{function}: `mbxctl {path}` is not a subcommand"));
        }
    }
    assert!(problems.is_empty(), "module/CLI mismatches:\n{}", problems.join("\n"));
}

#[test]
fn only_invoke_mbxctl_process_starts_a_process() {
    let src = module_source();
    let calls = module_calls(&src);
    assert!(calls.commands.keys().all(|f| f != "Invoke-MbxCtlProcess"));
    let toks = lex(&src).expect("lexes");
    let code: String =
        toks.iter().filter_map(|t| if let Tok::Code { text, .. } = t { Some(text.as_str()) } else { None }).collect();
    assert_eq!(code.matches("New-Object System.Diagnostics.Process\n").count(), 1, "one place creates the process");
    assert_eq!(code.matches(".Start()").count(), 1, "one place starts the process");
    for banned in ["Start-Process", "Invoke-Expression", "[System.Diagnostics.Process]::Start"] {
        assert!(!code.contains(banned), "the module must not use {banned}");
    }
    let callers =
        Regex::new(r"(?m)^\s*Invoke-MbxCtlProcess\b|\|\s*Invoke-MbxCtlProcess\b|[^-\w]Invoke-MbxCtlProcess -")
            .expect("regex");
    assert_eq!(callers.find_iter(&code).count(), 1, "only Invoke-MbxCtl calls Invoke-MbxCtlProcess");
}

// ---------------------------------------------------------------------------------------------
// JSON properties against docs/json-output.md

/// Every name docs/json-output.md documents: JSON keys in its examples and identifiers inside
/// its `code` spans (`results[].checks[].verdict`, `{kind, message}`).
fn documented_names() -> BTreeSet<String> {
    let doc = read(&repo().join("docs").join("json-output.md"));
    let mut names = BTreeSet::new();
    let key_re = Regex::new(r#""([A-Za-z_][A-Za-z0-9_]*)"\s*:"#).expect("regex");
    for c in key_re.captures_iter(&doc) {
        names.insert(c[1].to_string());
    }
    let span_re = Regex::new(r"`([^`\n]+)`").expect("regex");
    let ident_re = Regex::new(r"[A-Za-z_][A-Za-z0-9_]*").expect("regex");
    for c in span_re.captures_iter(&doc) {
        for m in ident_re.find_iter(&c[1]) {
            names.insert(m.as_str().to_string());
        }
    }
    names
}

/// `$jsonX.a.b` member reads in the module's code, with the line they are on.
fn json_reads(src: &str) -> Vec<(String, usize)> {
    let re = Regex::new(r"(?i)\$json[A-Za-z0-9_]*((?:\.[A-Za-z_][A-Za-z0-9_]*)+)(\()?").expect("regex");
    let mut reads = Vec::new();
    for tok in lex(src).expect("lexes") {
        let Tok::Code { text, line } = tok else { continue };
        for c in re.captures_iter(&text) {
            let at = line + text[..c.get(0).map_or(0, |m| m.start())].matches('\n').count();
            let chain = &c[1];
            if c.get(2).is_some() {
                reads.push((format!("method call {chain}("), at));
                continue;
            }
            for name in chain.split('.').filter(|n| !n.is_empty()) {
                reads.push((name.to_string(), at));
            }
        }
    }
    reads
}

#[test]
fn json_read_extraction_splits_chains_and_catches_method_calls() {
    let reads = json_reads(
        "$x = $jsonDoc.summary.converted\n$n = \"$($jsonCheck.verdict)\"\n$jsonDoc.ToString()\n$other.foo\n",
    );
    assert_eq!(
        reads,
        [
            ("summary".to_string(), 1),
            ("converted".to_string(), 1),
            ("verdict".to_string(), 2),
            ("method call .ToString(".to_string(), 3)
        ]
    );
}

#[test]
fn every_json_property_the_module_reads_is_documented() {
    let documented = documented_names();
    assert!(
        documented.contains("schema_version") && documented.contains("verdict"),
        "docs/json-output.md lost its keys?"
    );
    let reads = json_reads(&module_source());
    assert!(reads.len() > 40, "expected the module's JSON reads, found {}", reads.len());
    let missing: Vec<String> = reads
        .iter()
        .filter(|(name, _)| !documented.contains(name))
        .map(|(name, line)| format!("MbxCtl.psm1 line {line}: {name}"))
        .collect();
    assert!(
        missing.is_empty(),
        "JSON properties the module reads but docs/json-output.md does not document:\n{}",
        missing.join("\n")
    );
}

// ---------------------------------------------------------------------------------------------
// The manifest, the exports and the help

fn quoted_list(text: &str, start_marker: &str) -> Vec<String> {
    let start = text.find(start_marker).unwrap_or_else(|| panic!("no {start_marker}"));
    let rest = &text[start + start_marker.len()..];
    let end = rest.find(')').expect("closing parenthesis");
    let item = Regex::new(r"'([^']+)'").expect("regex");
    item.captures_iter(&rest[..end]).map(|c| c[1].to_string()).collect()
}

#[test]
fn manifest_exports_exactly_the_public_commands_each_with_help_and_examples() {
    let manifest = read(&repo().join("module").join("MbxCtl").join("MbxCtl.psd1"));
    let src = module_source();
    let mut exported = quoted_list(&manifest, "FunctionsToExport    = @(");
    let mut exported_by_module = quoted_list(&src, "Export-ModuleMember -Function @(");
    exported.sort();
    exported_by_module.sort();
    assert_eq!(exported, exported_by_module, "manifest and Export-ModuleMember disagree");
    assert_eq!(exported.len(), 10);
    for needed in [
        "CmdletsToExport      = @()",
        "AliasesToExport      = @()",
        "CompatiblePSEditions = @('Desktop', 'Core')",
        "PowerShellVersion    = '5.1'",
        "RootModule           = 'MbxCtl.psm1'",
        "FormatsToProcess     = @('MbxCtl.Format.ps1xml')",
        "ProjectUri",
    ] {
        assert!(manifest.contains(needed), "MbxCtl.psd1 lacks {needed}");
    }
    let cargo = read(&repo().join("Cargo.toml"));
    let version = Regex::new(r#"(?m)^version = "([^"]+)""#).expect("regex").captures(&cargo).expect("Cargo version")[1]
        .to_string();
    assert!(
        manifest.contains(&format!("ModuleVersion        = '{version}'")),
        "ModuleVersion must match Cargo.toml {version}"
    );
    assert!(
        src.contains(&format!("$script:ModuleVersion = '{version}'")),
        "psm1 ModuleVersion must match Cargo.toml {version}"
    );

    let approved = ["Convert", "Format", "Get", "Invoke", "Resume", "Test", "Undo"];
    for name in &exported {
        let verb = name.split('-').next().unwrap_or("");
        assert!(approved.contains(&verb), "{name}: not one of the approved verbs the module uses");
        assert!(name.split('-').nth(1).is_some_and(|n| n.starts_with("Mbx")), "{name}: noun must start with Mbx");
        let start = src.find(&format!("function {name} {{")).unwrap_or_else(|| panic!("no function {name}"));
        let body = &src[start..];
        let help_end = body.find("#>").expect("comment-based help");
        let help = &body[..help_end];
        assert!(
            help.contains(".SYNOPSIS") && help.contains(".EXAMPLE"),
            "{name}: comment-based help needs .SYNOPSIS and .EXAMPLE"
        );
    }
    let format = read(&repo().join("module").join("MbxCtl").join("MbxCtl.Format.ps1xml"));
    for type_name in [
        "MbxCtl.ConversionResult",
        "MbxCtl.PreflightCheck",
        "MbxCtl.Run",
        "MbxCtl.RenderedCommand",
        "MbxCtl.ScriptFinding",
        "MbxCtl.CmdletInfo",
        "MbxCtl.AuditFinding",
    ] {
        assert!(format.contains(&format!("<TypeName>{type_name}</TypeName>")), "no view for {type_name}");
        assert!(src.contains(&format!("'{type_name}'")), "the module never makes a {type_name}");
    }
}

// ---------------------------------------------------------------------------------------------
// mbxctl validate reads the module and the examples

fn validate(file: &Path) -> serde_json::Value {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_mbxctl"))
        .arg("validate")
        .arg(file)
        .arg("--json")
        .output()
        .expect("mbxctl runs");
    serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
        panic!("{}: validate printed no JSON ({e}): {}", file.display(), String::from_utf8_lossy(&out.stderr))
    })
}

#[test]
fn mbxctl_validate_finds_no_errors_in_the_module_and_examples() {
    for file in powershell_files() {
        let doc = validate(&file);
        let errors: Vec<String> = doc["commands"]
            .as_array()
            .into_iter()
            .flatten()
            .flat_map(|c| {
                c["findings"].as_array().into_iter().flatten().filter(|f| f["severity"] == "error").map(move |f| {
                    format!(
                        "line {}: {} {}",
                        c["line"],
                        c["cmdlet"].as_str().unwrap_or(""),
                        f["message"].as_str().unwrap_or("")
                    )
                })
            })
            .collect();
        assert_eq!(doc["errors"], 0, "{}: {errors:#?}", file.display());
    }
}

#[test]
fn the_leavers_example_calls_the_exchange_cmdlets_correctly() {
    let doc = validate(&repo().join("examples").join("leavers.ps1"));
    let commands = doc["commands"].as_array().expect("commands");
    let cmdlets: BTreeSet<&str> = commands.iter().filter_map(|c| c["cmdlet"].as_str()).collect();
    for expected in [
        "Get-Mailbox",
        "Get-RemoteMailbox",
        "Set-RemoteMailbox",
        "Get-MailboxStatistics",
        "Set-Mailbox",
        "Add-MailboxPermission",
        "Add-ADPermission",
    ] {
        assert!(cmdlets.contains(expected), "validate did not find {expected} in leavers.ps1: {cmdlets:?}");
    }
    let exchange = [
        "Get-Mailbox",
        "Get-RemoteMailbox",
        "Set-RemoteMailbox",
        "Get-MailboxStatistics",
        "Set-Mailbox",
        "Add-MailboxPermission",
        "Add-ADPermission",
    ];
    for c in commands.iter().filter(|c| c["cmdlet"].as_str().is_some_and(|n| exchange.contains(&n))) {
        // Notes only: a value computed at run time ($row.Identity) is reported as not checked.
        let findings = c["findings"].as_array().expect("findings");
        assert!(
            findings.iter().all(|f| f["severity"] == "note" && f["code"] == "dynamic-value"),
            "leavers.ps1 line {}: {}",
            c["line"],
            c["findings"]
        );
    }
    let send_as = commands.iter().find(|c| c["cmdlet"] == "Add-ADPermission").expect("Add-ADPermission");
    assert_eq!(send_as["parameters"]["ExtendedRights"], "Send As");
    assert_eq!(send_as["parameters"]["AccessRights"], "ExtendedRight");
    let nightly = validate(&repo().join("examples").join("nightly-audit.ps1"));
    let nightly_cmdlets: BTreeSet<&str> =
        nightly["commands"].as_array().expect("commands").iter().filter_map(|c| c["cmdlet"].as_str()).collect();
    assert!(
        nightly_cmdlets.contains("Get-Recipient") && nightly_cmdlets.contains("Get-RemoteMailbox"),
        "{nightly_cmdlets:?}"
    );
}

// ---------------------------------------------------------------------------------------------
// tree-sitter-powershell (tests/oracle, an independent grammar from npm) parses every file

const ORACLE_HELP: &str = "the tree-sitter parse check needs Node.js 18 or later with npm: install them \
    (https://nodejs.org, or `apt-get install nodejs npm`, or `winget install OpenJS.NodeJS.LTS`), then run \
    `npm ci --ignore-scripts --prefix tests/oracle` (scripts/test.sh does it)";

fn node_program(name: &str) -> String {
    if cfg!(windows) && name == "npm" { "npm.cmd".into() } else { name.into() }
}

/// Parses each text with tests/oracle/oracle.cjs; true where the tree has ERROR or MISSING nodes.
fn tree_sitter_errors(texts: &[String]) -> Vec<bool> {
    let dir = repo().join("tests").join("oracle");
    assert!(dir.join("oracle.cjs").exists(), "tests/oracle/oracle.cjs is missing: {ORACLE_HELP}");
    match std::process::Command::new(node_program("node")).arg("--version").output() {
        Ok(out) if out.status.success() => {}
        Ok(out) => panic!("`node --version` failed ({}): {ORACLE_HELP}", out.status),
        Err(e) => panic!("cannot run node ({e}): {ORACLE_HELP}"),
    }
    if !dir.join("node_modules/tree-sitter-powershell/tree-sitter-powershell.wasm").exists()
        || !dir.join("node_modules/web-tree-sitter/package.json").exists()
    {
        let status = std::process::Command::new(node_program("npm"))
            .args(["ci", "--ignore-scripts", "--no-audit", "--no-fund"])
            .current_dir(&dir)
            .status()
            .unwrap_or_else(|e| panic!("cannot run npm ({e}): {ORACLE_HELP}"));
        assert!(status.success(), "`npm ci` in tests/oracle failed ({status}): {ORACLE_HELP}");
    }
    let input = tempfile::NamedTempFile::new().expect("temp file");
    serde_json::to_writer(input.as_file(), texts).expect("write the oracle's input");
    let out = std::process::Command::new(node_program("node"))
        .arg(dir.join("oracle.cjs"))
        .arg(input.path())
        .output()
        .unwrap_or_else(|e| panic!("cannot run node ({e}): {ORACLE_HELP}"));
    assert!(out.status.success(), "oracle.cjs failed: {}", String::from_utf8_lossy(&out.stderr));
    let results: Vec<serde_json::Value> = serde_json::from_slice(&out.stdout).expect("oracle.cjs prints JSON");
    assert_eq!(results.len(), texts.len());
    results.iter().map(|r| r["error"] == true).collect()
}

#[test]
fn tree_sitter_powershell_parses_every_file_without_errors() {
    let files = powershell_files();
    let mut texts: Vec<String> = files.iter().map(|f| read(f)).collect();
    // Controls: a missing brace is an error and a plain Exchange call is not, so that an oracle
    // that reads nothing (or everything as broken) cannot pass this test.
    texts.push("function Broken {\n    Get-Mailbox -Identity kim\n".into());
    texts.push("Set-Mailbox -Identity 'kim' -Type Shared\n".into());
    let errors = tree_sitter_errors(&texts);
    assert_eq!(&errors[files.len()..], [true, false], "the oracle's controls");
    let broken: Vec<String> =
        files.iter().zip(&errors).filter(|(_, e)| **e).map(|(f, _)| f.display().to_string()).collect();
    assert!(
        broken.is_empty(),
        "tree-sitter-powershell finds ERROR or MISSING nodes in:\n{}\n(the grammar lacks some valid syntax: \
         `Select-Object A, B` needs quoted names, `param([long] $x = 50GB)` a plain number)",
        broken.join("\n")
    );
}
