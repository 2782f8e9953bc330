//! PowerShell's own binder as the oracle for `validate`.
//!
//! Every cmdlet the corpus (tests/corpus) and the edge cases below use is defined in one real
//! `pwsh` as a proxy function carrying the catalogue's metadata (`mbxctl --json cmdlets`, one side
//! at a time): parameter names, aliases, `[switch]` or `[object]`, parameter sets, positions,
//! mandatory, pipeline input, `SupportsShouldProcess`, the default set. Each script is parsed with
//! `[System.Management.Automation.Language.Parser]::ParseInput` and every command bound with
//! `[System.Management.Automation.Language.StaticParameterBinder]::BindCommand($ast, $true)`, the
//! binder PowerShell itself uses for tab completion and script analysis. What it binds (parameter
//! names, positional arguments) and what it refuses (unknown, ambiguous, duplicate parameters,
//! missing arguments, positional arguments nothing takes) must be what `mbxctl --json validate
//! --side <side>` reports for the same command.
//!
//! One `pwsh` process runs the whole comparison (all scripts, both sides), so the test takes
//! seconds. The PowerShell used: `MBXCTL_TEST_PWSH`, else `<repo>/../shared/tools/pwsh`, else
//! `pwsh` on PATH; without one the test says so loudly and passes, unless
//! `MBXCTL_REQUIRE_PWSH=1`, when it fails.

use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::Command;

fn repo() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// The PowerShell to use, or `None` (with the reason) when there is none.
fn find_pwsh() -> Result<PathBuf, String> {
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

/// The binder's edge cases, written as scripts would (each line one command).
const EDGE_CASES: &str = r#"
Enable-RemoteMailbox -Shared kim -RemoteRoutingAddress kim@contoso.mail.onmicrosoft.com
Get-Mailbox -Archive kim
Get-Mailbox -SoftDeletedMailbox kim
Set-Mailbox kim -Type Shared -Confirm $false
Set-Mailbox kim -Type Shared -Confirm:$false
Set-Mailbox kim -HiddenFromAddressListsEnabled:$true -Type:Shared
Set-Mailbox -Identity:kim -Type Shared
Set-Mailbox kim -Ver
Set-Mailbox kim -Warn x
Set-Mailbox kim -W x
Set-Mailbox kim -ea Stop -wi
Set-Mailbox kim -T Shared
Set-Mailbox kim -Typ Shared -Co:$false
Set-Mailbox kim -Type Shared -type Room
Set-Mailbox -Identity -Type Shared
Get-EXOMailboxStatistics kim
Get-EXOMailboxStatistics kim bob
Set-Mailbox kim bob -Type Shared
Set-Mailbox kim,bob -Type Shared
Add-MailboxPermission shared -User kim -AccessRights FullAccess, SendAs
Add-MailboxPermission shared kim -AccessRights FullAccess
Add-MailboxPermission @p
Add-MailboxPermission @p -AccesRights FullAccess
Add-MailboxPermission -Identity shared @p -AutoMapping $false
Set-Mailbox @args extra
Connect-Mailbox -Identity kim DB01 -User kim
Get-Mailbox -ResultSize Unlimited -RecipientTypeDetails SharedMailbox,RoomMailbox
Get-MailboxStatistics kim -IncludeSoftDeletedRecipients
Remove-MailboxPermission kim -User bob -AccessRights SendAs -InheritanceType All -Confirm:$false
Set-CASMailbox kim -OWAEnabled $false -ActiveSyncEnabled:$false
Get-MailboxFolderPermission kim:\Calendar -User Default
Set-MailboxAutoReplyConfiguration kim -AutoReplyState Enabled -InternalMessage "x" -ExternalMessage 'y'
Set-RemoteMailbox kim -Type Shared
Get-Recipient -Identity kim -RecipientTypeDetails UserMailbox
Set-Mailbox –Identity kim —Type Shared
"#;

/// One command as one side of the comparison saw it.
#[derive(Debug, Default, Clone, PartialEq)]
struct Seen {
    cmdlet: String,
    /// Bound parameter names, lower case.
    bound: BTreeSet<String>,
    /// Binding refusals, as mbxctl's codes.
    errors: BTreeSet<&'static str>,
    splatted: bool,
}

/// PowerShell's `ParameterBindingException.ErrorId` as mbxctl's code.
fn code_of_error_id(id: &str) -> &'static str {
    match id {
        "NamedParameterNotFound" => "unknown-parameter",
        "AmbiguousParameter" => "ambiguous-parameter",
        "PositionalParameterNotFound" => "too-many-positional-arguments",
        "MissingArgument" => "missing-argument",
        "ParameterAlreadyBound" => "duplicate-parameter",
        // Set resolution: the proxies' default set is the catalogue's guess (Microsoft's pages
        // rarely name it), so PowerShell's verdict on it says nothing about the real cmdlet.
        "AmbiguousParameterSet" => "",
        _ => "other-binding-error",
    }
}

/// mbxctl's codes that are binding decisions (the rest judge values, sets and sides).
fn binding_code(code: &str) -> Option<&'static str> {
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

fn mbxctl_json(args: &[&str], file: &Path) -> Value {
    let out = Command::new(env!("CARGO_BIN_EXE_mbxctl")).args(args).arg(file).output().unwrap();
    serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("{}: not JSON ({e}): {}", file.display(), String::from_utf8_lossy(&out.stderr)))
}

/// mbxctl's view of every command of `file` on `side`, by (line, column).
fn mbxctl_view(file: &Path, side: &str) -> BTreeMap<(u64, u64), Seen> {
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
        let key = (c["line"].as_u64().unwrap(), c["column"].as_u64().unwrap());
        let seen = Seen {
            cmdlet: c["cmdlet"].as_str().unwrap().to_string(),
            bound: bound.unwrap_or_default(),
            errors,
            splatted: false,
        };
        out.insert(key, seen);
    }
    out
}

fn ps_quote(s: &str) -> String {
    format!("'{}'", s.replace('\'', "''"))
}

fn is_identifier(s: &str) -> bool {
    !s.is_empty() && s.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
}

/// A proxy function with the parameter metadata of one catalogue entry.
fn proxy(cmd: &Value) -> String {
    let name = cmd["name"].as_str().unwrap();
    let mut s = String::new();
    let default = cmd["default_parameter_set"].as_str().unwrap_or("__AllParameterSets");
    let sp = if cmd["supports_should_process"].as_bool() == Some(true) { "$true" } else { "$false" };
    let _ = writeln!(
        s,
        "function {name} {{\n  [CmdletBinding(DefaultParameterSetName={}, SupportsShouldProcess={sp})]\n  param(",
        ps_quote(default)
    );
    let mut params = Vec::new();
    // mbxctl binds a first positional argument to -Identity when the page gives no parameter a
    // position (src/cmdlet/validate/bind.rs, `rest_identity`): the proxy says so too.
    let none_positional = cmd["parameters"].as_array().unwrap().iter().all(|p| p["position"].is_null());
    for p in cmd["parameters"].as_array().unwrap() {
        let pname = p["name"].as_str().unwrap();
        if p["common"].as_bool() == Some(true) || !is_identifier(pname) {
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
    let _ = writeln!(s, "{}\n  )\n}}", params.join(",\n"));
    s
}

/// The PowerShell that binds every command of `files` with the proxies of one side and prints one
/// JSON line per command.
fn driver_part(side: &str, proxies: &[String], files: &[PathBuf]) -> String {
    let mut s = String::new();
    let _ = writeln!(s, "& {{");
    for p in proxies {
        s.push_str(p);
    }
    let list: Vec<String> = files.iter().map(|f| ps_quote(&f.display().to_string())).collect();
    // Only the proxies: pwsh's own functions (`Clear-Host`) are not Exchange's.
    let names: Vec<String> =
        proxies.iter().filter_map(|p| p.strip_prefix("function ")?.split_whitespace().next().map(ps_quote)).collect();
    let _ = writeln!(
        s,
        r#"  $proxied = @({names})
  foreach ($f in @({files})) {{
    $tokens = $null; $errs = $null
    $ast = [System.Management.Automation.Language.Parser]::ParseInput([IO.File]::ReadAllText($f), [ref]$tokens, [ref]$errs)
    $errLines = @($errs | ForEach-Object {{ $_.Extent.StartLineNumber }})
    foreach ($c in $ast.FindAll({{ param($n) $n -is [System.Management.Automation.Language.CommandAst] }}, $true)) {{
      # A line PowerShell refuses to parse (`Remove-DistributionGroup <Name>`) has no binding to compare.
      if ($errLines -contains $c.Extent.StartLineNumber) {{ continue }}
      $name = $c.GetCommandName()
      if (-not $name -or $proxied -notcontains $name) {{ continue }}
      $r = [System.Management.Automation.Language.StaticParameterBinder]::BindCommand($c, $true)
      $errors = @($r.BindingExceptions.GetEnumerator() | ForEach-Object {{ $_.Value.BindingException.ErrorId }})
      $splat = @($c.CommandElements | Where-Object {{ $_ -is [System.Management.Automation.Language.VariableExpressionAst] -and $_.Splatted }}).Count -gt 0
      [pscustomobject]@{{ side = {side}; file = $f; line = $c.Extent.StartLineNumber; column = $c.Extent.StartColumnNumber;
        cmdlet = $name; bound = @($r.BoundParameters.Keys); errors = $errors; splatted = $splat }} | ConvertTo-Json -Compress -Depth 3
    }}
  }}
}}"#,
        files = list.join(", "),
        names = names.join(", "),
        side = ps_quote(side)
    );
    s
}

#[test]
fn powershell_binds_every_command_as_mbxctl_does() {
    let pwsh = match find_pwsh() {
        Ok(p) => p,
        Err(why) => {
            assert!(std::env::var("MBXCTL_REQUIRE_PWSH").as_deref() != Ok("1"), "MBXCTL_REQUIRE_PWSH=1 but {why}");
            eprintln!("\n*** SKIPPED validate_oracle: {why} ***\n");
            return;
        }
    };
    let dir = std::env::temp_dir().join(format!("mbxctl-oracle-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let edge = dir.join("edge-cases.ps1");
    std::fs::write(&edge, EDGE_CASES).unwrap();
    let mut files: Vec<PathBuf> = std::fs::read_dir(repo().join("tests").join("corpus"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "ps1"))
        .collect();
    files.sort();
    files.push(edge);

    // mbxctl's view, per side, and the cmdlets to define.
    let sides = [("onpremises", &[][..]), ("online", &["--online"][..])];
    let mut ours: BTreeMap<(String, PathBuf, u64, u64), Seen> = BTreeMap::new();
    // (side, cmdlet, parameter) of every switch, lower case.
    let mut switches: BTreeSet<(String, String, String)> = BTreeSet::new();
    // (side, cmdlet, parameter) of every parameter that takes pipeline input by value.
    let mut by_value: BTreeSet<(String, String, String)> = BTreeSet::new();
    let mut script = String::from("$ErrorActionPreference = 'Stop'\n$ProgressPreference = 'SilentlyContinue'\n");
    for (side, flag) in sides {
        let mut used = BTreeSet::new();
        for f in &files {
            for (k, v) in mbxctl_view(f, side) {
                used.insert(v.cmdlet.to_ascii_lowercase());
                ours.insert((side.to_string(), f.clone(), k.0, k.1), v);
            }
        }
        let out = Command::new(env!("CARGO_BIN_EXE_mbxctl")).args(["--json", "cmdlets"]).args(flag).output().unwrap();
        let all: Value = serde_json::from_slice(&out.stdout).unwrap();
        // The listing holds both sides' entries; this side's only.
        let entries: Vec<&Value> = all
            .as_array()
            .unwrap()
            .iter()
            .filter(|c| c["side"] == side && used.contains(&c["name"].as_str().unwrap().to_ascii_lowercase()))
            .collect();
        for c in &entries {
            for p in c["parameters"].as_array().unwrap() {
                if matches!(p["pipeline"].as_str(), Some("value" | "both")) {
                    let name = p["name"].as_str().unwrap().to_ascii_lowercase();
                    by_value.insert((side.to_string(), c["name"].as_str().unwrap().to_ascii_lowercase(), name));
                }
                if p["kind"]["type"] == "switch" {
                    let name = p["name"].as_str().unwrap().to_ascii_lowercase();
                    switches.insert((side.to_string(), c["name"].as_str().unwrap().to_ascii_lowercase(), name));
                }
            }
        }
        let proxies: Vec<String> = entries.into_iter().map(proxy).collect();
        assert!(proxies.len() >= 40, "{side}: only {} cmdlets used", proxies.len());
        script.push_str(&driver_part(side, &proxies, &files));
    }
    let driver = dir.join("oracle.ps1");
    std::fs::write(&driver, &script).unwrap();
    let out = Command::new(&pwsh)
        .args(["-NoLogo", "-NoProfile", "-NonInteractive", "-File"])
        .arg(&driver)
        .output()
        .unwrap_or_else(|e| panic!("cannot start {}: {e}", pwsh.display()));
    assert!(out.status.success(), "pwsh failed: {}", String::from_utf8_lossy(&out.stderr));

    let mut compared = 0;
    let mut bound_compared = 0;
    let mut differences = Vec::new();
    for line in String::from_utf8_lossy(&out.stdout).lines().filter(|l| l.starts_with('{')) {
        let r: Value = serde_json::from_str(line).unwrap();
        let side = r["side"].as_str().unwrap().to_string();
        let file = PathBuf::from(r["file"].as_str().unwrap());
        let (l, c) = (r["line"].as_u64().unwrap(), r["column"].as_u64().unwrap());
        let strings = |v: &Value| -> Vec<String> {
            v.as_array().map(|a| a.iter().filter_map(|x| x.as_str().map(str::to_string)).collect()).unwrap_or_default()
        };
        let theirs = Seen {
            cmdlet: r["cmdlet"].as_str().unwrap().to_string(),
            bound: strings(&r["bound"]).iter().map(|b| b.to_ascii_lowercase()).collect(),
            errors: strings(&r["errors"]).iter().map(|e| code_of_error_id(e)).filter(|c| !c.is_empty()).collect(),
            splatted: r["splatted"].as_bool() == Some(true),
        };
        let at = format!("{}:{l}:{c} ({side}) {}", file.file_name().unwrap().to_string_lossy(), theirs.cmdlet);
        let Some(mine) = ours.get(&(side.clone(), file.clone(), l, c)) else {
            differences.push(format!("{at}: PowerShell binds a command mbxctl did not judge"));
            continue;
        };
        compared += 1;
        // StaticParameterBinder leaves out a switch given `:$false` (`-Confirm:$false`), which the
        // run-time binder binds; and a Boolean given $false is bound by both.
        let cmdlet = theirs.cmdlet.to_ascii_lowercase();
        let mine_bound: BTreeSet<String> = mine
            .bound
            .iter()
            .filter_map(|b| match b.strip_suffix("=false") {
                Some(n) if switches.contains(&(side.clone(), cmdlet.clone(), n.to_string())) => None,
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
                differences.push(format!("{at}: PowerShell refuses {:?}, mbxctl {:?}", theirs.errors, mine.errors));
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
            differences.push(format!("{at}: PowerShell refuses {:?}, mbxctl {:?}", theirs.errors, mine.errors));
            continue;
        }
        // A splat binds at run time; with refusals the bound sets are partial on both sides.
        if theirs.splatted || !theirs_errors.is_empty() {
            continue;
        }
        bound_compared += 1;
        // For a command in a pipeline the static binder also names parameters the piped object
        // might bind by value; mbxctl names only what the command line binds.
        let theirs_bound: BTreeSet<String> = theirs
            .bound
            .iter()
            .filter(|b| mine_bound.contains(*b) || !by_value.contains(&(side.clone(), cmdlet.clone(), (*b).clone())))
            .cloned()
            .collect();
        if theirs_bound != mine_bound {
            differences.push(format!("{at}: PowerShell binds {:?}, mbxctl {:?}", theirs_bound, mine_bound));
        }
    }
    let _ = std::fs::remove_dir_all(&dir);
    eprintln!(
        "validate_oracle: {compared} commands compared with PowerShell's binder ({bound_compared} by bound names)"
    );
    assert!(compared >= 250, "only {compared} commands compared");
    assert!(differences.is_empty(), "{} difference(s):\n{}", differences.len(), differences.join("\n"));
}
