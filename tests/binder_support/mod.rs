//! PowerShell's own binder as an oracle for `validate`, shared by tests/validate_oracle.rs (the
//! corpus and hand-written edge cases) and tests/validate_binder_fuzz.rs (generated command
//! lines).
//!
//! Every cmdlet a script uses is defined in one real `pwsh` as a proxy function carrying the
//! catalogue's metadata (`mbxctl --json cmdlets`, one side at a time): parameter names, aliases,
//! `[switch]` or `[object]`, parameter sets, positions, mandatory, pipeline input,
//! `SupportsShouldProcess`, the default set. Each script is parsed with
//! `[System.Management.Automation.Language.Parser]::ParseInput` and every command bound with
//! `[System.Management.Automation.Language.StaticParameterBinder]::BindCommand($ast, $true)`, the
//! binder PowerShell itself uses for tab completion and script analysis; optionally each command is
//! also run against the proxies, so the run-time binder (`CmdletParameterBinderController`) says
//! what it refuses, including missing mandatory parameters and unresolved parameter sets.
//!
//! The PowerShell used: `MBXCTL_TEST_PWSH`, else `<repo>/../shared/tools/pwsh`, else `pwsh` on
//! PATH.
#![allow(dead_code)]

use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::Command;

pub fn repo() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// The PowerShell to use, or `None` (with the reason) when there is none.
pub fn find_pwsh() -> Result<PathBuf, String> {
    if let Some(p) = std::env::var_os("MBXCTL_TEST_PWSH") {
        return Ok(PathBuf::from(p));
    }
    let shared = repo().join("..").join("shared").join("tools").join("pwsh");
    if shared.exists() {
        return Ok(shared);
    }
    let name = if cfg!(windows) { "pwsh.exe" } else { "pwsh" };
    let found = std::env::var_os("PATH")
        .and_then(|paths| std::env::split_paths(&paths).map(|d| d.join(name)).find(|p| p.is_file()));
    found.ok_or_else(|| "no PowerShell: set MBXCTL_TEST_PWSH, or put pwsh on PATH".to_string())
}

/// The PowerShell to use; `None` after saying loudly why the test is skipped (fails instead when
/// `MBXCTL_REQUIRE_PWSH=1`).
pub fn pwsh_or_skip(test: &str) -> Option<PathBuf> {
    match find_pwsh() {
        Ok(p) => Some(p),
        Err(why) => {
            assert!(std::env::var("MBXCTL_REQUIRE_PWSH").as_deref() != Ok("1"), "MBXCTL_REQUIRE_PWSH=1 but {why}");
            eprintln!("\n*** SKIPPED {test}: {why} ***\n");
            None
        }
    }
}

/// The sides compared, with the flag that lists that side's cmdlets.
pub const SIDES: [(&str, &[&str]); 2] = [("onpremises", &[]), ("online", &["--online"])];

/// One command as one side of the comparison saw it.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct Seen {
    pub cmdlet: String,
    /// Bound parameter names, lower case.
    pub bound: BTreeSet<String>,
    /// Binding refusals, as mbxctl's codes.
    pub errors: BTreeSet<&'static str>,
    /// mbxctl only: every finding's code (binding or not).
    pub all_codes: BTreeSet<String>,
    /// mbxctl only: the parameter set it resolved, if any.
    pub set: Option<String>,
    pub splatted: bool,
}

/// PowerShell's `ParameterBindingException.ErrorId` as mbxctl's code.
pub fn code_of_error_id(id: &str) -> &'static str {
    match id {
        "NamedParameterNotFound" => "unknown-parameter",
        "AmbiguousParameter" => "ambiguous-parameter",
        "PositionalParameterNotFound" => "too-many-positional-arguments",
        "MissingArgument" => "missing-argument",
        "ParameterAlreadyBound" => "duplicate-parameter",
        // Set resolution: the proxies' default set is the catalogue's guess (Microsoft's pages
        // rarely name it), so the static binder's verdict on it says nothing about the real
        // cmdlet; the run-time comparison judges sets on their own.
        "AmbiguousParameterSet" => "",
        _ => "other-binding-error",
    }
}

/// mbxctl's codes that are binding decisions (the rest judge values, sets and sides).
pub fn binding_code(code: &str) -> Option<&'static str> {
    Some(match code {
        // A parameter the other side has is unknown to this side's binder.
        "unknown-parameter" | "parameter-not-on-side" => "unknown-parameter",
        "ambiguous-parameter" => "ambiguous-parameter",
        "too-many-positional-arguments" => "too-many-positional-arguments",
        "missing-argument" => "missing-argument",
        "duplicate-parameter" => "duplicate-parameter",
        _ => return None,
    })
}

pub fn mbxctl_json(args: &[&str], file: &Path) -> Value {
    let out = Command::new(env!("CARGO_BIN_EXE_mbxctl")).args(args).arg(file).output().unwrap();
    serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("{}: not JSON ({e}): {}", file.display(), String::from_utf8_lossy(&out.stderr)))
}

/// mbxctl's view of every command of `file` on `side`, by (line, column).
pub fn mbxctl_view(file: &Path, side: &str) -> BTreeMap<(u64, u64), Seen> {
    let doc = mbxctl_json(&["--json", "validate", "--side", side], file);
    let mut out = BTreeMap::new();
    for c in doc["commands"].as_array().unwrap() {
        let findings = c["findings"].as_array().unwrap();
        if findings.iter().any(|f| matches!(f["code"].as_str(), Some("cmdlet-not-on-side" | "unknown-cmdlet"))) {
            continue;
        }
        let bound = c["parameters"].as_object().map(|m| {
            m.iter()
                .map(
                    |(k, v)| {
                        if v == false { format!("{}=false", k.to_ascii_lowercase()) } else { k.to_ascii_lowercase() }
                    },
                )
                .collect()
        });
        let errors = findings.iter().filter_map(|f| binding_code(f["code"].as_str().unwrap())).collect();
        let all_codes = findings.iter().filter_map(|f| f["code"].as_str().map(str::to_string)).collect();
        let key = (c["line"].as_u64().unwrap(), c["column"].as_u64().unwrap());
        let seen = Seen {
            cmdlet: c["cmdlet"].as_str().unwrap().to_string(),
            bound: bound.unwrap_or_default(),
            errors,
            all_codes,
            set: c["parameter_set"].as_str().map(str::to_string),
            splatted: false,
        };
        out.insert(key, seen);
    }
    out
}

pub fn ps_quote(s: &str) -> String {
    format!("'{}'", s.replace('\'', "''"))
}

pub fn is_identifier(s: &str) -> bool {
    !s.is_empty() && s.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
}

/// Every cmdlet entry of one side (`mbxctl --json cmdlets`).
pub fn catalogue_side(side: &str, flag: &[&str]) -> Vec<Value> {
    let out = Command::new(env!("CARGO_BIN_EXE_mbxctl")).args(["--json", "cmdlets"]).args(flag).output().unwrap();
    let all: Value = serde_json::from_slice(&out.stdout).unwrap();
    // The listing holds both sides' entries, and the Online side also Security & Compliance's
    // (64 names both have: Get-Group, Get-RetentionEvent). `validate --side` judges a command with
    // the side's own service.
    let service = if side == "onpremises" { "on_premises" } else { side };
    all.as_array().unwrap().iter().filter(|c| c["side"] == side && c["service"] == service).cloned().collect()
}

/// What the comparison needs to know of the cmdlets defined: (side, cmdlet, parameter), lower
/// case, of every switch and of every parameter that takes pipeline input by value.
#[derive(Default)]
pub struct Facts {
    pub switches: BTreeSet<(String, String, String)>,
    pub by_value: BTreeSet<(String, String, String)>,
}

impl Facts {
    pub fn learn(&mut self, side: &str, entries: &[&Value]) {
        for c in entries {
            let cmdlet = c["name"].as_str().unwrap().to_ascii_lowercase();
            for p in c["parameters"].as_array().unwrap() {
                let name = p["name"].as_str().unwrap().to_ascii_lowercase();
                if matches!(p["pipeline"].as_str(), Some("value" | "both")) {
                    self.by_value.insert((side.to_string(), cmdlet.clone(), name.clone()));
                }
                if p["kind"]["type"] == "switch" {
                    self.switches.insert((side.to_string(), cmdlet.clone(), name));
                }
            }
        }
    }
}

/// The common parameters `[CmdletBinding(SupportsShouldProcess)]` gives a function in pwsh 7.6.
const PWSH_COMMON: &[&str] = &[
    "Verbose",
    "Debug",
    "ErrorAction",
    "WarningAction",
    "InformationAction",
    "ProgressAction",
    "ErrorVariable",
    "WarningVariable",
    "InformationVariable",
    "OutVariable",
    "OutBuffer",
    "PipelineVariable",
    "WhatIf",
    "Confirm",
];

/// How a proxy names its default parameter set.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum DefaultSet {
    /// The catalogue's default (named by Microsoft's page, else guessed).
    Catalogue,
    /// None: PowerShell then settles an ambiguity by the sets whose mandatory parameters are all
    /// given, which is what any default other than the catalogue's guess could also give.
    Unnamed,
}

/// A proxy function with the parameter metadata of one catalogue entry. It leaves what the
/// run-time binder decided, the parameter set and the bound parameters' names, in
/// `$global:MbxctlBound` (not as output, which a command's redirection may send elsewhere).
pub fn proxy(cmd: &Value, default_set: DefaultSet) -> String {
    let name = cmd["name"].as_str().unwrap();
    let mut s = String::new();
    let default = match default_set {
        DefaultSet::Catalogue => {
            format!("DefaultParameterSetName={}, ", ps_quote(cmd["default_parameter_set"].as_str().unwrap()))
        }
        DefaultSet::Unnamed => String::new(),
    };
    let sp = if cmd["supports_should_process"].as_bool() == Some(true) { "$true" } else { "$false" };
    let _ = writeln!(s, "function {name} {{\n  [CmdletBinding({default}SupportsShouldProcess={sp})]\n  param(");
    let mut params = Vec::new();
    // mbxctl binds a first positional argument to -Identity when the page gives no parameter a
    // position (src/cmdlet/validate/bind.rs, `rest_identity`): the proxy says so too.
    let none_positional = cmd["parameters"].as_array().unwrap().iter().all(|p| p["position"].is_null());
    for p in cmd["parameters"].as_array().unwrap() {
        let pname = p["name"].as_str().unwrap();
        // A page listing a common parameter among the cmdlet's own (New-MigrationEndpoint's
        // -ProgressAction) describes the common one: declared again, pwsh refuses the function.
        if p["common"].as_bool() == Some(true)
            || !is_identifier(pname)
            || PWSH_COMMON.iter().any(|c| c.eq_ignore_ascii_case(pname))
        {
            continue;
        }
        let mut text = String::new();
        let pipeline = match p["pipeline"].as_str() {
            Some("value") => ", ValueFromPipeline=$true",
            Some("property") => ", ValueFromPipelineByPropertyName=$true",
            Some("both") => ", ValueFromPipeline=$true, ValueFromPipelineByPropertyName=$true",
            _ => "",
        };
        let position = match p["position"].as_u64() {
            Some(n) => format!(", Position={n}"),
            None if none_positional && pname.eq_ignore_ascii_case("Identity") => ", Position=0".to_string(),
            None => String::new(),
        };
        for m in p["sets"].as_array().unwrap() {
            let mandatory = if m["mandatory"].as_bool() == Some(true) { "$true" } else { "$false" };
            let _ = writeln!(
                text,
                "    [Parameter(ParameterSetName={}, Mandatory={mandatory}{position}{pipeline})]",
                ps_quote(m["set"].as_str().unwrap())
            );
        }
        let aliases: Vec<String> =
            p["aliases"].as_array().unwrap().iter().filter_map(|a| a.as_str()).map(ps_quote).collect();
        if !aliases.is_empty() {
            let _ = writeln!(text, "    [Alias({})]", aliases.join(", "));
        }
        let ty = if p["kind"]["type"] == "switch" { "switch" } else { "object" };
        let _ = write!(text, "    [{ty}]${{{pname}}}");
        params.push(text);
    }
    let _ = writeln!(
        s,
        "{}\n  )\n  $global:MbxctlBound = [pscustomobject]@{{ set = $PSCmdlet.ParameterSetName; bound = @($PSBoundParameters.Keys) }}\n}}",
        params.join(",\n")
    );
    s
}

/// The static binder's judgement of command `$c`.
const STATIC_JUDGE: &str = r#"
      # The static binder itself throws on some lines (`-Scop:(1)` where -Scop is ambiguous:
      # KeyNotFoundException): recorded as `crashed`, and those lines compared at run time only.
      $crashed = $false; $bound = @(); $errors = @()
      try {
        $r = [System.Management.Automation.Language.StaticParameterBinder]::BindCommand($c, $true)
        $bound = @($r.BoundParameters.Keys)
        $errors = @($r.BindingExceptions.GetEnumerator() | ForEach-Object { $_.Value.BindingException.ErrorId })
      } catch { $crashed = $true }
      # `--` is a parameter named '-' to the static binder (AmbiguousParameter), and `-Name -`
      # a missing argument; the run-time binder takes `--` as the end of parameters and '-' as a
      # value. Such lines are compared with the run-time binder only.
      $static_blind = @($c.CommandElements | Where-Object {
        ($_ -is [System.Management.Automation.Language.CommandParameterAst] -and $_.ParameterName -eq '-') -or
        ($_ -is [System.Management.Automation.Language.StringConstantExpressionAst] -and $_.Value -eq '-' -and $_.StringConstantType -eq 'BareWord') }).Count -gt 0
      $splat = @($c.CommandElements | Where-Object { $_ -is [System.Management.Automation.Language.VariableExpressionAst] -and $_.Splatted }).Count -gt 0
      [pscustomobject]@{ mode = 'static'; side = $side; file = $f; line = $c.Extent.StartLineNumber; column = $c.Extent.StartColumnNumber;
        cmdlet = $name; text = $c.Extent.Text; bound = $bound; errors = $errors; splatted = $splat; crashed = $crashed; static_blind = $static_blind } | ConvertTo-Json -Compress -Depth 3"#;

/// How a driver judges each command.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// `StaticParameterBinder::BindCommand`: records with `mode` "static".
    Static,
    /// Runs the command's pipeline against the proxies, non-interactively: records with this
    /// `mode`, holding the run-time binder's `FullyQualifiedErrorId` ("" when it bound), and the
    /// set and names it bound.
    Runtime(&'static str),
}

/// The PowerShell that judges every command of `files` with the proxies of one side and prints one
/// JSON line per command; `prelude` sets the variables the commands use.
pub fn driver_part(side: &str, proxies: &[String], files: &[PathBuf], mode: Mode, prelude: &str) -> String {
    let mut s = String::new();
    let _ = writeln!(s, "& {{");
    for p in proxies {
        s.push_str(p);
    }
    s.push_str(prelude);
    let list: Vec<String> = files.iter().map(|f| ps_quote(&f.display().to_string())).collect();
    // Only the proxies: pwsh's own functions (`Clear-Host`) are not Exchange's.
    let names: Vec<String> =
        proxies.iter().filter_map(|p| p.strip_prefix("function ")?.split_whitespace().next().map(ps_quote)).collect();
    let judge = match mode {
        Mode::Runtime(label) => format!(
            r#"
      $id = ''; $global:MbxctlBound = $null
      try {{ $null = & ([scriptblock]::Create($c.Parent.Extent.Text)) }} catch {{ $id = ($_.FullyQualifiedErrorId -split ',')[0] }}
      $out = $global:MbxctlBound
      [pscustomobject]@{{ mode = {label}; side = $side; file = $f; line = $c.Extent.StartLineNumber; column = $c.Extent.StartColumnNumber;
        cmdlet = $name; text = $c.Extent.Text; error = $id; set = $out.set; bound = @($out.bound);
        piped = ($c.Parent.PipelineElements.IndexOf($c) -gt 0) }} | ConvertTo-Json -Compress -Depth 3"#,
            label = ps_quote(label)
        ),
        Mode::Static => STATIC_JUDGE.to_string(),
    };
    let _ = writeln!(
        s,
        r#"  $proxied = @({names})
  $side = {side}
  foreach ($f in @({files})) {{
    $tokens = $null; $errs = $null
    $ast = [System.Management.Automation.Language.Parser]::ParseInput([IO.File]::ReadAllText($f), [ref]$tokens, [ref]$errs)
    $errLines = @($errs | ForEach-Object {{ $_.Extent.StartLineNumber }})
    $errAt = @($errs | ForEach-Object {{ $_.Extent.StartOffset }})
    foreach ($c in $ast.FindAll({{ param($n) $n -is [System.Management.Automation.Language.CommandAst] }}, $true)) {{
      # A line PowerShell refuses to parse (`Remove-DistributionGroup <Name>`) has no binding to compare.
      if ($errLines -contains $c.Extent.StartLineNumber) {{ continue }}
      $p = $c.Parent.Extent
      if (@($errAt | Where-Object {{ $_ -ge $p.StartOffset -and $_ -le $p.EndOffset }}).Count -gt 0) {{ continue }}
      $name = $c.GetCommandName()
      if (-not $name -or $proxied -notcontains $name) {{ continue }}
{judge}
    }}
  }}
}}"#,
        files = list.join(", "),
        names = names.join(", "),
        side = ps_quote(side)
    );
    s
}

/// Runs a driver script in one non-interactive `pwsh` (a mandatory prompt cannot hang it) and
/// returns its JSON lines.
pub fn run_pwsh(pwsh: &Path, dir: &Path, script: &str) -> Vec<Value> {
    let driver = dir.join("oracle.ps1");
    let mut text = String::from("$ErrorActionPreference = 'Stop'\n$ProgressPreference = 'SilentlyContinue'\n");
    text.push_str(script);
    std::fs::write(&driver, &text).unwrap();
    // In the test's own directory: generated lines redirect to files (`> out.txt`).
    let out = Command::new(pwsh)
        .args(["-NoLogo", "-NoProfile", "-NonInteractive", "-File"])
        .arg(&driver)
        .current_dir(dir)
        .output()
        .unwrap_or_else(|e| panic!("cannot start {}: {e}", pwsh.display()));
    assert!(out.status.success(), "pwsh failed: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .filter(|l| l.starts_with('{'))
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

/// mbxctl's views, keyed by (side, file, line, column).
pub type Ours = BTreeMap<(String, PathBuf, u64, u64), Seen>;

/// The key of one pwsh record in [`Ours`], and a label for messages.
pub fn record_key(r: &Value) -> ((String, PathBuf, u64, u64), String) {
    let side = r["side"].as_str().unwrap().to_string();
    let file = PathBuf::from(r["file"].as_str().unwrap());
    let (l, c) = (r["line"].as_u64().unwrap(), r["column"].as_u64().unwrap());
    let at =
        format!("{}:{l}:{c} ({side}) {}", file.file_name().unwrap().to_string_lossy(), r["text"].as_str().unwrap());
    ((side, file, l, c), at)
}

/// How many commands were compared, how many of them by bound names, and the differences.
#[derive(Debug, Default)]
pub struct Comparison {
    pub compared: usize,
    pub bound_compared: usize,
    /// Commands the static binder cannot judge: it threw, or they hold `--` or `-` alone.
    pub static_blind: usize,
    pub differences: Vec<String>,
}

/// Compares the static binder's records (`mode` "static") with mbxctl's views.
pub fn compare_static(records: &[Value], ours: &Ours, facts: &Facts) -> Comparison {
    let mut cmp = Comparison::default();
    for r in records.iter().filter(|r| r["mode"] == "static") {
        let (key, at) = record_key(r);
        let side = key.0.clone();
        let strings = |v: &Value| -> Vec<String> {
            v.as_array().map(|a| a.iter().filter_map(|x| x.as_str().map(str::to_string)).collect()).unwrap_or_default()
        };
        let theirs = Seen {
            cmdlet: r["cmdlet"].as_str().unwrap().to_string(),
            bound: strings(&r["bound"]).iter().map(|b| b.to_ascii_lowercase()).collect(),
            errors: strings(&r["errors"]).iter().map(|e| code_of_error_id(e)).filter(|c| !c.is_empty()).collect(),
            splatted: r["splatted"].as_bool() == Some(true),
            ..Seen::default()
        };
        // Parameters of sets that cannot be combined (`New-MigrationBatch -UserIds ... -BadItemLimit`):
        // the static binder stops at AmbiguousParameterSet and binds nothing, not even the named
        // parameters it would refuse; there is nothing to compare.
        let gave_up = strings(&r["errors"]).iter().any(|e| e == "AmbiguousParameterSet") && theirs.bound.is_empty();
        if r["crashed"] == true || r["static_blind"] == true || gave_up {
            cmp.static_blind += 1;
            continue;
        }
        let Some(mine) = ours.get(&key) else {
            cmp.differences.push(format!("{at}: PowerShell binds a command mbxctl did not judge"));
            continue;
        };
        cmp.compared += 1;
        // StaticParameterBinder leaves out a switch given `:$false` (`-Confirm:$false`), which the
        // run-time binder binds; and a Boolean given $false is bound by both.
        let cmdlet = theirs.cmdlet.to_ascii_lowercase();
        let mine_bound: BTreeSet<String> = mine
            .bound
            .iter()
            .filter_map(|b| match b.strip_suffix("=false") {
                Some(n) if facts.switches.contains(&(side.clone(), cmdlet.clone(), n.to_string())) => None,
                Some(n) => Some(n.to_string()),
                None => Some(b.clone()),
            })
            .collect();
        // A splat is one positional argument to the static binder, many to the run-time one:
        // only the named parameters' refusals can be compared.
        let named_only = |e: &BTreeSet<&'static str>| -> BTreeSet<&'static str> {
            e.iter().copied().filter(|c| matches!(*c, "unknown-parameter" | "ambiguous-parameter")).collect()
        };
        if theirs.splatted {
            if named_only(&theirs.errors) != named_only(&mine.errors) {
                cmp.differences.push(format!("{at}: PowerShell refuses {:?}, mbxctl {:?}", theirs.errors, mine.errors));
            }
            continue;
        }
        // StaticParameterBinder does not report a missing argument for a command's last
        // parameter (`Add-RecipientPermission x -AccessRights` at the end of a line); the run-time
        // binder does (pwsh 7.6: ParameterBindingException, MissingArgument).
        let mut theirs_errors = theirs.errors.clone();
        if mine.errors.contains("missing-argument") && !theirs_errors.contains("missing-argument") {
            theirs_errors.insert("missing-argument");
        }
        if theirs_errors != mine.errors {
            cmp.differences.push(format!("{at}: PowerShell refuses {:?}, mbxctl {:?}", theirs.errors, mine.errors));
            continue;
        }
        // With refusals the bound sets are partial on both sides.
        if !theirs_errors.is_empty() {
            continue;
        }
        cmp.bound_compared += 1;
        // For a command in a pipeline the static binder also names parameters the piped object
        // might bind by value; mbxctl names only what the command line binds.
        let theirs_bound: BTreeSet<String> = theirs
            .bound
            .iter()
            .filter(|b| {
                mine_bound.contains(*b) || !facts.by_value.contains(&(side.clone(), cmdlet.clone(), (*b).clone()))
            })
            .cloned()
            .collect();
        if theirs_bound != mine_bound {
            cmp.differences.push(format!("{at}: PowerShell binds {:?}, mbxctl {:?}", theirs_bound, mine_bound));
        }
    }
    cmp
}
