//! `render`, `validate`, `cmdlets` and `completions`: the cmdlet model, for people and runbooks.

use super::output::{CliError, CliResult, ExitCode, SCHEMA_VERSION, print_json};
use super::output::{say, sayln};
use super::table::table;
use super::{Cli, CmdletsArgs, RenderArgs, ValidateArgs, ValidateSide};
use crate::cmdlet::catalogue::catalogue;
use crate::cmdlet::parse::{ParsedCommand, ReadAhead, parse_script_streaming, read_ahead};
use crate::cmdlet::render::render as render_text;
use crate::cmdlet::validate::lints::lint;
use crate::cmdlet::validate::script::{Scope, ScriptContext, SideEvidence, check_command_in, may_state_side};
use crate::cmdlet::validate::{Target, validate as validate_one};
use crate::cmdlet::{Diagnostic, ExchangeVersion, Invocation, ParamInfo, ParamKind, Parameter, Severity, Value};
use crate::shell::Side;
use serde::Serialize;
use std::io::Read;

fn target_for(version: Option<&str>) -> Result<Target, CliError> {
    let Some(v) = version else { return Ok(Target::default()) };
    let version: ExchangeVersion = v.parse().map_err(|e| CliError::Usage(format!("--exchange-version '{v}': {e}")))?;
    let side = if version.is_online() { Side::Online } else { Side::OnPremises };
    Ok(Target { side, version: Some(version) })
}

fn read_input(arg: Option<&str>) -> Result<String, CliError> {
    match arg {
        Some(text) if text != "-" => Ok(text.to_string()),
        _ => {
            let mut bytes = Vec::new();
            std::io::stdin()
                .read_to_end(&mut bytes)
                .map_err(|e| CliError::Usage(format!("cannot read standard input: {e}")))?;
            crate::textio::decode(&bytes).map_err(|e| CliError::Usage(format!("standard input: {e}")))
        }
    }
}

/// Builds an invocation from `{"cmdlet": ..., "parameters": {...}}`; `at` names it in errors.
pub fn invocation_from_json(v: &serde_json::Value, at: &str) -> Result<Invocation, CliError> {
    let obj = v
        .as_object()
        .ok_or_else(|| CliError::Usage(format!("{at}: expected an object with \"cmdlet\" and \"parameters\"")))?;
    let cmdlet = obj
        .get("cmdlet")
        .and_then(|c| c.as_str())
        .ok_or_else(|| CliError::Usage(format!("{at}: missing \"cmdlet\" (a string such as \"Set-Mailbox\")")))?;
    let mut inv = Invocation::new(cmdlet);
    if let Some(unknown) = obj.keys().find(|k| *k != "cmdlet" && *k != "parameters") {
        return Err(CliError::Usage(format!(
            "{at}: unknown key \"{unknown}\" (expected \"cmdlet\" and \"parameters\")"
        )));
    }
    match obj.get("parameters") {
        None | Some(serde_json::Value::Null) => {}
        Some(serde_json::Value::Object(params)) => {
            for (name, value) in params {
                let value =
                    value_from_json(value).map_err(|why| CliError::Usage(format!("{at}: parameter {name}: {why}")))?;
                inv.params.push(Parameter { name: Some(name.clone()), value });
            }
        }
        Some(_) => return Err(CliError::Usage(format!("{at}: \"parameters\" must be an object of name: value"))),
    }
    Ok(inv)
}

fn value_from_json(v: &serde_json::Value) -> Result<Value, String> {
    use serde_json::Value as J;
    let strings = |a: &Vec<J>| -> Result<Vec<String>, String> {
        a.iter()
            .map(|x| match x {
                J::String(s) => Ok(s.clone()),
                J::Number(n) => Ok(n.to_string()),
                other => Err(format!("array items must be strings, found {other}")),
            })
            .collect()
    };
    match v {
        J::String(s) => Ok(Value::String(s.clone())),
        J::Bool(b) => Ok(Value::Bool(*b)),
        J::Number(n) => n.as_i64().map(Value::Int).ok_or_else(|| format!("{n} is not an integer")),
        J::Array(a) => strings(a).map(Value::List),
        J::Object(o) => {
            let mut add = Vec::new();
            let mut remove = Vec::new();
            for (k, x) in o {
                let list = match x {
                    J::Array(a) => strings(a)?,
                    J::String(s) => vec![s.clone()],
                    _ => return Err(format!("{k} must be a string or an array of strings")),
                };
                match k.to_ascii_lowercase().as_str() {
                    "add" => add = list,
                    "remove" => remove = list,
                    _ => {
                        return Err(format!(
                            "unknown key \"{k}\": only {{\"Add\": [...], \"Remove\": [...]}} is accepted"
                        ));
                    }
                }
            }
            Ok(Value::AddRemove { add, remove })
        }
        J::Null => Err("null is not a value; leave the parameter out".into()),
    }
}

#[derive(Serialize)]
struct Rendered {
    text: Option<String>,
    diagnostics: Vec<Diagnostic>,
}

/// `mbxctl render`.
pub fn render(cli: &Cli, args: &RenderArgs) -> CliResult {
    let text = read_input(args.input.as_deref())?;
    let target = target_for(args.exchange_version.as_deref())?;
    let json: serde_json::Value = serde_json::from_str(&text).map_err(|e| {
        // serde_json ends its message with " at line L column C"; say the position once.
        let text = e.to_string();
        let why = text.rfind(" at line ").map_or(text.as_str(), |i| &text[..i]);
        CliError::Usage(format!("input is not JSON (line {}, column {}): {why}", e.line(), e.column()))
    })?;
    let (items, single) = match &json {
        serde_json::Value::Array(a) => (a.iter().collect::<Vec<_>>(), false),
        other => (vec![other], true),
    };
    let mut results = Vec::new();
    let mut failed = false;
    for (i, item) in items.iter().enumerate() {
        let at = if single { "invocation".to_string() } else { format!("invocation [{i}]") };
        let inv = invocation_from_json(item, &at)?;
        let v = validate_one(&inv, &target);
        let ok = !v.diagnostics.iter().any(|d| d.severity == Severity::Error);
        let mut diagnostics = v.diagnostics;
        let text = if ok {
            match render_text(&v.invocation) {
                Ok(t) => Some(t),
                Err(e) => {
                    diagnostics.push(Diagnostic::error("not-renderable", e.to_string()));
                    None
                }
            }
        } else {
            None
        };
        failed |= text.is_none();
        if !cli.json {
            for d in &diagnostics {
                eprintln!("{at} ({}): {d}", inv.cmdlet);
            }
            if let Some(t) = &text {
                sayln!("{t}");
            }
        }
        results.push(Rendered { text, diagnostics });
    }
    if cli.json {
        if single { print_json(&results[0])? } else { print_json(&results)? }
    }
    Ok(if failed { ExitCode::Failed } else { ExitCode::Done })
}

/// One judged command as `validate --json` writes it; borrowed from the validation, serialized
/// straight into the output buffer (no intermediate JSON tree: a long runbook has one a line).
#[derive(Serialize)]
struct FoundCommand<'a> {
    line: u32,
    column: u32,
    cmdlet: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    parameter_set: Option<&'a str>,
    parameters: ParamsJson<'a>,
    findings: &'a [Diagnostic],
}

/// The parameters of a judged command as a JSON object: name (or `<positional N>`) to value, in
/// order. A name given twice keeps its first place and its last value, as a JSON map would.
struct ParamsJson<'a>(&'a [Parameter]);

impl ParamsJson<'_> {
    /// Calls `f` with each key once, in first-seen order, and the last value given for it.
    fn each(&self, mut f: impl FnMut(KeyName<'_>, &Value)) {
        let key = |k: usize| KeyName(self.0[k].name.as_deref(), k);
        for k in 0..self.0.len() {
            let name = key(k);
            if (0..k).any(|j| key(j) == name) {
                continue;
            }
            let last = (k + 1..self.0.len()).rev().find(|&j| key(j) == name).unwrap_or(k);
            f(name, &self.0[last].value);
        }
    }
}

/// A parameter's name in validate's output: `Identity`, or `<positional 0>` for an unbound one.
#[derive(Clone, Copy)]
struct KeyName<'a>(Option<&'a str>, usize);

impl PartialEq for KeyName<'_> {
    fn eq(&self, other: &Self) -> bool {
        match (self.0, other.0) {
            (Some(a), Some(b)) => a == b,
            (None, None) => self.1 == other.1,
            // A name equals `<positional N>` only if it was written so (never in practice).
            (Some(a), None) => a.starts_with('<') && *a == other.to_string(),
            (None, Some(b)) => b.starts_with('<') && *b == self.to_string(),
        }
    }
}

impl std::fmt::Display for KeyName<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.0 {
            Some(n) => f.write_str(n),
            None => write!(f, "<positional {}>", self.1),
        }
    }
}

impl Serialize for ParamsJson<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let mut map = s.serialize_map(None)?;
        let mut result = Ok(());
        self.each(|k, v| {
            if result.is_ok() {
                result = match k.0 {
                    Some(n) => map.serialize_entry(n, &ValueJson(v)),
                    None => map.serialize_entry(&k.to_string(), &ValueJson(v)),
                };
            }
        });
        result?;
        map.end()
    }
}

/// A parameter value as validate's JSON shows it (secure strings masked).
struct ValueJson<'a>(&'a Value);

impl Serialize for ValueJson<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        match self.0 {
            Value::Switch(b) | Value::Bool(b) => s.serialize_bool(*b),
            Value::String(t) => s.serialize_str(t),
            Value::Int(i) => s.serialize_i64(*i),
            Value::List(l) => l.serialize(s),
            Value::AddRemove { add, remove } => {
                let mut m = s.serialize_map(Some(2))?;
                m.serialize_entry("Add", add)?;
                m.serialize_entry("Remove", remove)?;
                m.end()
            }
            Value::Secure(_) => s.serialize_str(crate::secret::Secret::MASK),
            Value::Dynamic(src) => {
                let mut m = s.serialize_map(Some(1))?;
                m.serialize_entry("dynamic", src)?;
                m.end()
            }
        }
    }
}

/// One parameter of the human table's PARAMETERS column, written as PowerShell reads it, so an
/// admin sees what the binder made of the line: `-Name 'value'` (strings as `literal::quote`
/// writes them), `-Switch`, `-Switch:$false`, `$true`, lists as `'a','b'`, `@{Add=...}`, a value
/// computed at run time as the script wrote it (`$u.Alias`), and an argument no parameter took
/// without a name. Secure values are masked. Display only: nothing here is ever run.
fn push_shown(out: &mut String, name: Option<&str>, v: &Value) {
    use crate::cmdlet::literal::quote_into;
    use std::fmt::Write as _;
    if !out.is_empty() {
        out.push(' ');
    }
    if let Some(n) = name {
        out.push('-');
        out.push_str(n);
        match v {
            Value::Switch(true) => return,
            Value::Switch(false) => return out.push_str(":$false"),
            _ => out.push(' '),
        }
    }
    let list = |out: &mut String, items: &[String]| {
        for (i, item) in items.iter().enumerate() {
            if i > 0 {
                out.push(',');
            }
            quote_into(out, item);
        }
    };
    match v {
        Value::Switch(b) | Value::Bool(b) => out.push_str(if *b { "$true" } else { "$false" }),
        Value::Int(i) => {
            let _ = write!(out, "{i}");
        }
        Value::String(t) => quote_into(out, t),
        Value::List(items) if items.len() == 1 => {
            out.push_str("@(");
            list(out, items);
            out.push(')');
        }
        Value::List(items) => list(out, items),
        Value::AddRemove { add, remove } => {
            out.push_str("@{");
            if !add.is_empty() {
                out.push_str("Add=");
                list(out, add);
            }
            if !remove.is_empty() {
                if !add.is_empty() {
                    out.push(';');
                }
                out.push_str("Remove=");
                list(out, remove);
            }
            out.push('}');
        }
        Value::Secure(_) => out.push_str(crate::secret::Secret::MASK),
        Value::Dynamic(src) => out.push_str(src),
    }
}

#[derive(Serialize)]
struct SideJson {
    /// `onpremises`, `online` or `hybrid`.
    scope: Scope,
    /// `option` (--side / --exchange-version), `script` (read from it) or `default`.
    from: &'static str,
    /// The commands that told the side.
    evidence: Vec<String>,
}

/// `mbxctl validate`.
pub fn validate(cli: &Cli, args: &ValidateArgs) -> CliResult {
    let target = target_for(args.exchange_version.as_deref())?;
    let ansi = match args.encoding.as_deref() {
        None => None,
        Some(label) => Some(crate::textio::code_page(label).ok_or_else(|| {
            CliError::Usage(format!(
                "--encoding '{label}' is not a code page mbxctl knows; give e.g. windows-1252, windows-1250, 1251 or shift_jis"
            ))
        })?),
    };
    let bytes = if args.file == "-" {
        let mut bytes = Vec::new();
        std::io::stdin()
            .read_to_end(&mut bytes)
            .map_err(|e| CliError::Usage(format!("cannot read standard input: {e}")))?;
        bytes
    } else {
        std::fs::read(&args.file).map_err(|e| CliError::Usage(format!("cannot read {}: {e}", args.file)))?
    };
    let (text, encoding) = crate::textio::read_script(&bytes, ansi);
    drop(bytes);
    if let Some(at) = crate::textio::binary_at(&text) {
        return Err(CliError::Usage(format!(
            "{}: not a PowerShell script: a NUL character at character {} (a binary file, an archive or UTF-32?); \
             give the .ps1 itself, saved as UTF-8, UTF-16 or the ANSI code page",
            args.file,
            at + 1
        )));
    }
    // A long script is read on a second thread from now on, while this one reads the side and
    // the functions and writes the header, then judges and writes each command (the order and
    // the output are the same); a short one is not worth the thread.
    read_ahead(&text, text.len() >= BACKGROUND_READ_MIN, |commands| {
        validate_text(cli, args, target, &text, encoding, commands)
    })
}

/// `validate` once the script's text is known: the side, the header, each command judged and
/// written as `commands` hands it over, the summary.
fn validate_text(
    cli: &Cli,
    args: &ValidateArgs,
    target: Target,
    text: &str,
    encoding: crate::textio::ScriptEncoding,
    commands: ReadAhead<'_>,
) -> CliResult {
    // The side, from the options or the script. A script is read as a stream (a 10 MB runbook
    // is judged in the memory of one statement), so the side must be known before its first
    // command: when the text may state it, it is read once more, first, for that alone.
    let mut evidence = SideEvidence::default();
    if args.side.is_none() && args.exchange_version.is_none() && may_state_side(text) {
        let mut observe = |c: ParsedCommand| evidence.observe(&c);
        let _ = parse_script_streaming(text, &mut observe);
    }
    let (scope, from) = match (args.side, &args.exchange_version) {
        (Some(ValidateSide::OnPremises), _) => (Scope::OnPremises, "option"),
        (Some(ValidateSide::Online), _) => (Scope::Online, "option"),
        (Some(ValidateSide::Hybrid), _) => (Scope::Hybrid, "option"),
        (None, Some(_)) if target.side == Side::Online => (Scope::Online, "option"),
        (None, Some(_)) => (Scope::OnPremises, "option"),
        (None, None) => match evidence.scope() {
            Some(s) => (s, "script"),
            None => (Scope::Hybrid, "default"),
        },
    };
    let version = target.version.filter(|v| !v.is_online());
    let context = ScriptContext::of(text, &evidence);
    // What made the side: the connections, and when a cmdlet only the other side has widened it
    // to hybrid, that cmdlet too.
    let implied: Vec<&(String, crate::cmdlet::diagnostic::Position)> = match scope {
        Scope::Hybrid if evidence.on_premises.is_empty() => evidence.implied_on_premises.iter().take(1).collect(),
        Scope::Hybrid if evidence.online.is_empty() => evidence.implied_online.iter().take(1).collect(),
        _ => Vec::new(),
    };
    let told: Vec<String> = evidence
        .online
        .iter()
        .chain(&evidence.on_premises)
        .take(3 - implied.len())
        .chain(implied)
        .map(|(name, p)| format!("{name} at {}:{}", p.line, p.column))
        .collect();

    let mut out = Streamed::new(cli.json);
    if cli.json {
        let side = SideJson { scope, from, evidence: if from == "script" { told } else { Vec::new() } };
        let head = serde_json::json!({
            "schema_version": SCHEMA_VERSION,
            "command": "validate",
            "file": &args.file,
            "encoding": encoding.to_string(),
            "side": side,
        });
        let head = serde_json::to_string_pretty(&head).map_err(json_error)?;
        // The object without its closing brace; the commands follow as they are judged.
        out.push(head.trim_end().trim_end_matches('}').trim_end());
        out.push(",\n  \"commands\": [");
    } else {
        // The lines above the table are fitted to the terminal like the table: the side's
        // evidence can name three commands and their positions.
        let fitted =
            |text: String| format!("{}\n", super::output::wrapped(&text, super::output::terminal().width, "      "));
        if matches!(encoding, crate::textio::ScriptEncoding::CodePage(_) | crate::textio::ScriptEncoding::Utf16NoBom(_))
        {
            out.push(&fitted(format!("note: {} read as {encoding} (--encoding chooses the code page)", args.file)));
        }
        out.push(&fitted(match from {
            "script" => format!("side: {scope}, from {}", told.join(", ")),
            "option" => format!("side: {scope}"),
            _ => "side: not stated in the script; each command is checked against the side that has it (--side to choose)"
                .to_string(),
        }));
        out.row(&["LINE:COL", "CMDLET", "RESULT", "PARAMETERS"]);
        let dashes = "-".repeat(out.widths[1]);
        out.row(&["--------", &dashes, "-------", "----------"]);
    }

    let (mut errors, mut warnings, mut notes, mut checked) = (0usize, 0usize, 0usize, 0usize);
    // Findings to list after the table (human output); notes are only counted there.
    let mut listed: Vec<Diagnostic> = Vec::new();
    // The commands just before, for lints that look back along a pipeline.
    let mut recent: Vec<ParsedCommand> = Vec::new();
    let mut judge = |cmd: &mut ParsedCommand| {
        if let Some(mut v) = check_command_in(cmd, scope, version, &context) {
            let lints = lint(cmd, &v, &recent);
            let mut findings = std::mem::take(&mut v.diagnostics);
            findings.extend(lints);
            let findings: Vec<Diagnostic> = findings.into_iter().map(|d| place(d, cmd, &v)).collect();
            for d in &findings {
                match d.severity {
                    Severity::Error => errors += 1,
                    Severity::Warning => warnings += 1,
                    Severity::Note => notes += 1,
                }
            }
            let found = FoundCommand {
                line: cmd.position.line,
                column: cmd.position.column,
                cmdlet: &v.invocation.cmdlet,
                parameter_set: v.parameter_set.as_deref(),
                parameters: ParamsJson(&v.invocation.params),
                findings: &findings,
            };
            out.command(checked, &found);
            if !out.json {
                listed.extend(findings.into_iter().filter(|d| d.severity != Severity::Note));
            }
            checked += 1;
        }
        // The window keeps each command's name and place in its pipeline, which is what the
        // lints look back at; its arguments are freed now, one command at a time, rather than
        // in bursts of thousands of small strings when the window is cut.
        // The name is copied, not taken: the command is freed by the thread that read it.
        let invocation = Invocation { cmdlet: cmd.invocation.cmdlet.clone(), params: Vec::new() };
        recent.push(ParsedCommand {
            invocation,
            position: cmd.position,
            parameter_positions: Vec::new(),
            pipeline_index: cmd.pipeline_index,
            forms: Vec::new(),
        });
        if recent.len() > 256 {
            recent.drain(..128);
        }
    };
    let mut diagnostics = commands.for_each(&mut judge);
    // PowerShell 7 syntax is a warning in a script that must run in Windows PowerShell 5.1.
    if diagnostics.iter().any(|d| d.code == crate::cmdlet::parse::NEEDS_POWERSHELL_7) {
        // The side came from the options: the script was not read for its connections yet.
        if (args.side.is_some() || args.exchange_version.is_some()) && may_state_side(text) {
            let mut observe = |c: ParsedCommand| evidence.observe(&c);
            let _ = parse_script_streaming(text, &mut observe);
        }
        let reason = crate::cmdlet::validate::powershell7::windows_powershell(text, &evidence);
        crate::cmdlet::validate::powershell7::judge(&mut diagnostics, reason.as_deref());
    }
    for d in &diagnostics {
        match d.severity {
            Severity::Error => errors += 1,
            Severity::Warning => warnings += 1,
            Severity::Note => {}
        }
    }
    let code = if errors > 0 { ExitCode::Failed } else { ExitCode::Done };
    if cli.json {
        let tail = serde_json::json!({
            "diagnostics": diagnostics,
            "errors": errors,
            "warnings": warnings,
            "exit_code": code as i32,
        });
        let tail = serde_json::to_string_pretty(&tail).map_err(json_error)?;
        out.push(if checked > 0 { "\n  ],\n" } else { "],\n" });
        out.push(tail.trim_start().trim_start_matches('{').trim_start_matches('\n'));
        out.push("\n");
        out.finish();
        return Ok(code);
    }
    for d in diagnostics.iter().filter(|d| d.severity != Severity::Note).chain(&listed) {
        out.push(&format!("{}:{d}\n", args.file));
    }
    // Notes (values computed at run time, which cannot be checked) would drown the findings in
    // a typical runbook; the table marks them and --json lists them.
    let notes = if notes > 0 { format!(", {notes} note(s) (--json lists them)") } else { String::new() };
    out.push(&format!("{checked} command(s) checked, {errors} error(s), {warnings} warning(s){notes}\n"));
    out.finish();
    Ok(code)
}

/// The script size from which `validate` reads on a second thread (see [`read_ahead`]): below
/// it the whole run takes a few milliseconds.
const BACKGROUND_READ_MIN: usize = 256 * 1024;

fn json_error(e: serde_json::Error) -> CliError {
    CliError::Failed(format!("cannot write JSON: {e}"))
}

/// Places a finding on its parameter (the rule is `finding_position`'s).
fn place(d: Diagnostic, cmd: &ParsedCommand, v: &crate::cmdlet::validate::Validated) -> Diagnostic {
    let pos = crate::cmdlet::validate::script::finding_position(&d, cmd, v);
    d.at(pos)
}

/// `validate`'s output, written as the commands are judged: buffered in blocks, never whole.
/// The human table has fixed column widths (a stream cannot measure its rows first); a longer
/// cell pushes the rest of its row to the right.
struct Streamed {
    json: bool,
    buf: String,
    /// One command's JSON, or its parameters column, before it goes into `buf`.
    scratch: Vec<u8>,
    /// The RESULT column's words as written: coloured when standard output takes colour.
    verdicts: [String; 3],
    /// LINE:COL, CMDLET, RESULT (see [`Streamed::cmdlet_width`]).
    widths: [usize; 3],
}

impl Streamed {
    /// The CMDLET column: 33 fits the longest cmdlets runbooks call
    /// (Set-MailboxAutoReplyConfiguration, Set-MailboxJunkEmailConfiguration). On a terminal
    /// under 100 columns the parameters need the room more: 28 (Remove-MailboxFolderPermission
    /// fits), and a longer name pushes its row's RESULT along rather than being cut.
    fn cmdlet_width() -> usize {
        match super::output::terminal().width {
            Some(w) if w < 100 => 28,
            _ => 33,
        }
    }

    fn new(json: bool) -> Self {
        use super::output::{Tone, paint};
        let colour = anstream::AutoStream::choice(&std::io::stdout()) != anstream::ColorChoice::Never;
        let word = |tone, w: &str| if colour { paint(tone, w) } else { w.to_string() };
        Streamed {
            json,
            buf: String::with_capacity(1 << 16),
            scratch: Vec::with_capacity(1024),
            verdicts: [word(Tone::Bad, "error"), word(Tone::Warn, "warning"), word(Tone::Good, "ok")],
            widths: [9, Self::cmdlet_width(), 7],
        }
    }

    fn push(&mut self, text: &str) {
        self.buf.push_str(text);
        self.flush_full();
    }

    /// Writes the buffer out once it holds a block.
    fn flush_full(&mut self) {
        if self.buf.len() >= 1 << 16 {
            super::output::out(&self.buf);
            self.buf.clear();
        }
    }

    fn row(&mut self, cells: &[&str]) {
        /// Characters shown, not counting colour escape sequences.
        fn line_width(line: &str) -> usize {
            let (mut n, mut esc) = (0, false);
            for c in line.chars() {
                match (esc, c) {
                    (false, '\u{1b}') => esc = true,
                    (true, 'm') => esc = false,
                    (true, _) => {}
                    (false, _) => n += 1,
                }
            }
            n
        }
        let mut line = String::new();
        for (i, cell) in cells.iter().enumerate() {
            // Printable ASCII needs no escaping: the common case, without a copy.
            let cell: std::borrow::Cow<str> = if cell.bytes().all(|c| (0x20..0x7f).contains(&c)) {
                (*cell).into()
            } else {
                super::output::shown(cell).into()
            };
            // The RESULT column in the tables' status colours (when the terminal takes them).
            // The last column (the parameters) is cut to the terminal's width with an ellipsis, as
            // every table is; into a pipe (no width) it is written whole.
            let used = line_width(&line);
            let cell: std::borrow::Cow<str> = match super::output::terminal().width {
                Some(w) if i + 1 == cells.len() && used + cell.chars().count() > w => {
                    let keep = w.saturating_sub(used + 1);
                    format!("{}…", cell.chars().take(keep).collect::<String>()).into()
                }
                _ => cell,
            };
            match super::output::tone_of(&cell) {
                Some(tone) if i == 2 => line.push_str(&super::output::paint(tone, &cell)),
                _ => line.push_str(&cell),
            }
            if let Some(w) = self.widths.get(i).copied() {
                line.extend(std::iter::repeat_n(' ', w.saturating_sub(cell.chars().count()) + 2));
            }
        }
        let line = line.trim_end();
        self.push(line);
        self.push("\n");
    }

    fn command(&mut self, index: usize, c: &FoundCommand) {
        use std::fmt::Write as _;
        self.scratch.clear();
        if self.json {
            // Pretty JSON, indented one level deeper as an element of `commands` (a raw line
            // break in JSON text is always between tokens: breaks inside strings are escaped).
            let _ = serde_json::to_writer_pretty(&mut self.scratch, c);
            self.buf.push_str(if index == 0 { "\n    " } else { ",\n    " });
            let text = std::str::from_utf8(&self.scratch).unwrap_or_default();
            for (i, piece) in text.split('\n').enumerate() {
                if i > 0 {
                    self.buf.push_str("\n    ");
                }
                self.buf.push_str(piece);
            }
            self.flush_full();
            return;
        }
        // The parameters column, as PowerShell reads the command (see `push_shown`).
        let mut shown = String::new();
        c.parameters.each(|k, v| push_shown(&mut shown, k.0, v));
        self.scratch.extend_from_slice(shown.as_bytes());
        let verdict = if c.findings.iter().any(|d| d.severity == Severity::Error) {
            0
        } else if c.findings.iter().any(|d| d.severity == Severity::Warning) {
            1
        } else {
            2
        };
        let params = std::str::from_utf8(&self.scratch).unwrap_or_default();
        let printable = |t: &str| t.bytes().all(|b| (0x20..0x7f).contains(&b));
        if super::output::terminal().width.is_some() || !printable(c.cmdlet) || !printable(params) {
            // Cells to escape or cut: the general path.
            let at = format!("{}:{}", c.line, c.column);
            let verdict = ["error", "warning", "ok"][verdict];
            let params = params.to_owned();
            self.row(&[&at, c.cmdlet, verdict, &params]);
            return;
        }
        // Printable ASCII into a pipe or file: each cell padded in place, no copies.
        let start = self.buf.len();
        let pad = |buf: &mut String, shown: usize, w: usize| {
            buf.extend(std::iter::repeat_n(' ', w.saturating_sub(shown) + 2))
        };
        let _ = write!(self.buf, "{}:{}", c.line, c.column);
        let at = self.buf.len() - start;
        pad(&mut self.buf, at, self.widths[0]);
        self.buf.push_str(c.cmdlet);
        pad(&mut self.buf, c.cmdlet.len(), self.widths[1]);
        self.buf.push_str(&self.verdicts[verdict]);
        pad(&mut self.buf, ["error", "warning", "ok"][verdict].len(), self.widths[2]);
        self.buf.push_str(params);
        let kept = self.buf[start..].trim_end().len();
        self.buf.truncate(start + kept);
        self.buf.push('\n');
        self.flush_full();
    }

    fn finish(&mut self) {
        if !self.buf.is_empty() {
            super::output::out(&self.buf);
            self.buf.clear();
        }
    }
}

/// `mbxctl cmdlets`.
/// PowerShell's `-like` for cmdlet names: `*` any run, `?` one character, case-insensitive.
fn like(pattern: &str, text: &str) -> bool {
    let p: Vec<char> = pattern.to_lowercase().chars().collect();
    let t: Vec<char> = text.to_lowercase().chars().collect();
    // Classic two-pointer glob match with backtracking to the last `*`.
    let (mut pi, mut ti, mut star, mut mark) = (0, 0, None, 0);
    while ti < t.len() {
        if pi < p.len() && (p[pi] == '?' || p[pi] == t[ti]) {
            pi += 1;
            ti += 1;
        } else if pi < p.len() && p[pi] == '*' {
            star = Some(pi);
            mark = ti;
            pi += 1;
        } else if let Some(s) = star {
            pi = s + 1;
            mark += 1;
            ti = mark;
        } else {
            return false;
        }
    }
    p[pi..].iter().all(|&c| c == '*')
}

pub fn cmdlets(cli: &Cli, args: &CmdletsArgs) -> CliResult {
    let cat = catalogue();
    let side = if args.online { Side::Online } else { Side::OnPremises };
    let listed = match &args.name {
        Some(pattern) if args.like => Some(pattern.as_str()),
        Some(_) => None,
        None => Some("*"),
    };
    match (&args.name, listed) {
        (_, Some(pattern)) => {
            let all: Vec<_> = cat
                .cmdlets()
                .into_iter()
                .filter(|c| (!args.online || c.side == Side::Online) && like(pattern, &c.name))
                .collect();
            if cli.json {
                print_json(&all)?;
            } else {
                let rows: Vec<Vec<String>> = all
                    .iter()
                    .map(|c| vec![c.name.to_string(), format!("{:?}", c.side), c.synopsis.to_string()])
                    .collect();
                say!("{}", table(&["CMDLET", "SIDE", "SYNOPSIS"], &rows));
            }
        }
        (None, None) => unreachable!("no name lists every cmdlet"),
        (Some(name), None) => {
            let info = cat
                .cmdlet(name, side)
                .or_else(|| cat.cmdlet(name, Side::OnPremises))
                .or_else(|| cat.cmdlet(name, Side::Online))
                .or_else(|| cat.entries(name).next());
            let Some(info) = info else {
                let close = cat.closest_cmdlets(name);
                return Err(CliError::Usage(format!(
                    "mbxctl knows no cmdlet '{name}'{}",
                    if close.is_empty() { String::new() } else { format!("; did you mean {}?", close.join(", ")) }
                )));
            };
            if cli.json {
                print_json(info)?;
            } else {
                sayln!(
                    "{} ({:?}) — {}\nRuns in: {}; applies to: {}\nParameter sets: {} (default {})\nSource: {}\n",
                    info.name,
                    info.side,
                    info.synopsis,
                    info.service.label(),
                    info.applies.names().join(", "),
                    info.parameter_sets.join(", "),
                    info.default_parameter_set,
                    info.source
                );
                let rows: Vec<Vec<String>> = info
                    .parameters
                    .iter()
                    .map(|p| {
                        vec![
                            if p.aliases.is_empty() {
                                p.name.clone()
                            } else {
                                format!("{} ({})", p.name, p.aliases.join(", "))
                            },
                            kind_text(&p.kind),
                            mandatory_text(p),
                            p.position.map(|x| x.to_string()).unwrap_or_else(|| "named".into()),
                            if p.in_all_sets {
                                "all".into()
                            } else {
                                p.sets.iter().map(|m| m.set.as_str()).collect::<Vec<_>>().join(", ")
                            },
                            p.availability.to_string(),
                        ]
                    })
                    .collect();
                say!("{}", table(&["PARAMETER", "TYPE", "MANDATORY", "POSITION", "SETS", "VERSIONS"], &rows));
            }
        }
    }
    Ok(ExitCode::Done)
}

fn kind_text(k: &ParamKind) -> String {
    match k {
        ParamKind::String => "String".into(),
        ParamKind::Identity => "Identity".into(),
        ParamKind::Switch => "Switch".into(),
        ParamKind::Bool => "Boolean".into(),
        ParamKind::Int { min, max } => format!("Int {min}..{max}"),
        ParamKind::Enum { values } => values.iter().map(|v| v.name.as_str()).collect::<Vec<_>>().join("|"),
        ParamKind::ByteSize => "ByteSize".into(),
        ParamKind::Quota => "ByteSize|Unlimited".into(),
        ParamKind::IntOrUnlimited { .. } => "Int|Unlimited".into(),
        ParamKind::SecureString => "SecureString".into(),
        ParamKind::Guid => "Guid".into(),
        ParamKind::DateTime => "DateTime".into(),
        ParamKind::MultiValued { of, add_remove } => {
            format!("{}[]{}", kind_text(of), if *add_remove { " (@{Add;Remove})" } else { "" })
        }
    }
}

fn mandatory_text(p: &ParamInfo) -> String {
    let sets: Vec<&str> = p.sets.iter().filter(|m| m.mandatory).map(|m| m.set.as_str()).collect();
    match (sets.len(), p.sets.len()) {
        (0, _) => "no".into(),
        (n, m) if n == m => "yes".into(),
        _ => format!("in {}", sets.join(", ")),
    }
}

#[cfg(test)]
mod tests {
    use super::{Parameter, ParamsJson, Value, ValueJson, like, push_shown};

    #[test]
    fn like_matches_as_powershell_does() {
        assert!(like("*-MailboxPermission", "Add-MailboxPermission"));
        assert!(like("set-*mailbox", "Set-RemoteMailbox"));
        assert!(like("Set-Mailbox", "set-mailbox"));
        assert!(like("Get-?ailbox", "Get-Mailbox"));
        assert!(!like("Set-Mailbox", "Set-MailboxPlan"));
        assert!(!like("*Permission", "Get-PermissionX"));
        assert!(like("*", ""));
    }

    #[test]
    fn the_human_table_writes_parameters_as_powershell_reads_them() {
        let params = vec![
            Parameter { name: Some("Identity".into()), value: Value::String("O'Brien".into()) },
            Parameter { name: Some("Confirm".into()), value: Value::Switch(false) },
            Parameter { name: Some("Shared".into()), value: Value::Switch(true) },
            Parameter { name: Some("AutoMapping".into()), value: Value::Bool(false) },
            Parameter { name: Some("User".into()), value: Value::Dynamic("$u.Alias".into()) },
            Parameter { name: Some("AccessRights".into()), value: Value::List(vec!["SendAs".into()]) },
            Parameter {
                name: Some("EmailAddresses".into()),
                value: Value::AddRemove { add: vec!["a@x".into(), "b@x".into()], remove: vec!["c@x".into()] },
            },
            Parameter { name: Some("Password".into()), value: Value::Secure(crate::secret::Secret::new("s3cr3t")) },
            Parameter { name: None, value: Value::Int(-5) },
            Parameter { name: None, value: Value::String("$(rm -r /)".into()) },
        ];
        let mut shown = String::new();
        ParamsJson(&params).each(|k, v| push_shown(&mut shown, k.0, v));
        assert_eq!(
            shown,
            "-Identity 'O''Brien' -Confirm:$false -Shared -AutoMapping $false -User $u.Alias \
             -AccessRights @('SendAs') -EmailAddresses @{Add='a@x','b@x';Remove='c@x'} -Password MASK -5 '$(rm -r /)'"
                .replace("MASK", crate::secret::Secret::MASK)
        );
        assert!(!shown.contains("s3cr3t"), "a secure value is never shown");
    }

    #[test]
    fn parameters_are_written_as_a_json_map_would_hold_them() {
        let params = vec![
            Parameter { name: Some("Type".into()), value: Value::String("Shared".into()) },
            Parameter { name: None, value: Value::Int(5) },
            Parameter { name: Some("Type".into()), value: Value::String("Room".into()) },
            Parameter {
                name: Some("EmailAddresses".into()),
                value: Value::AddRemove { add: vec!["a@x".into()], remove: vec![] },
            },
            Parameter { name: Some("Password".into()), value: Value::Secure(crate::secret::Secret::new("p")) },
            Parameter { name: Some("Identity".into()), value: Value::Dynamic("$m.Alias".into()) },
        ];
        // What the map of serde_json (insertion order kept, a repeated key replaced in place) gives.
        let mut map = serde_json::Map::new();
        for (k, p) in params.iter().enumerate() {
            let key = p.name.clone().unwrap_or_else(|| format!("<positional {k}>"));
            map.insert(key, serde_json::to_value(ValueJson(&p.value)).unwrap());
        }
        let ours = serde_json::to_string(&ParamsJson(&params)).unwrap();
        assert_eq!(ours, serde_json::to_string(&map).unwrap());
        assert_eq!(
            ours,
            r#"{"Type":"Room","<positional 1>":5,"EmailAddresses":{"Add":["a@x"],"Remove":[]},"Password":"********","Identity":{"dynamic":"$m.Alias"}}"#
                .replace("********", crate::secret::Secret::MASK)
        );
    }
}
