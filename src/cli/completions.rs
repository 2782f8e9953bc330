//! Shell completions that know mbxctl's own names: commands and options, and also the profile
//! names of profiles.json and the ids of the runs in the run store.
//!
//! The script `mbxctl completions SHELL` prints is clap_complete's dynamic registration: at each
//! Tab the shell asks mbxctl itself (`MBXCTL_COMPLETE=SHELL mbxctl -- ARGS`), so new profiles and
//! runs complete at once and the script never falls out of step with the installed binary. The
//! hidden `mbxctl __complete profiles|runs` prints the same lists for scripts of one's own.

use super::output::{CliResult, ExitCode, out};
use super::{Cli, CompletionShell};
use clap_complete::CompletionCandidate;
use clap_complete::env::EnvCompleter;
use std::ffi::OsStr;
use std::path::PathBuf;

/// The environment variable through which a shell asks for completions.
pub const VAR: &str = "MBXCTL_COMPLETE";

/// What `__complete` lists.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum What {
    /// Profile names from profiles.json.
    Profiles,
    /// Run ids from the run store (the LAB's with --lab/--lab-dir), newest first.
    Runs,
}

/// PowerShell hands the words typed so far through this variable, one a line (see [`POWERSHELL`]).
pub const WORDS_VAR: &str = "MBXCTL_COMPLETE_WORDS";

/// The PowerShell registration (Windows PowerShell 5.1 and PowerShell 7). clap_complete's own
/// builds a command line from the typed text and runs it with `Invoke-Expression`, so pressing Tab
/// after `$(...)` would run it; and Windows PowerShell drops an empty argument (the word being
/// completed). This one passes the words as data, in an environment variable, and runs nothing
/// the user typed.
const POWERSHELL: &str = r#"# mbxctl completions for PowerShell: add to $PROFILE
#   mbxctl completions powershell | Out-String | Invoke-Expression
Register-ArgumentCompleter -Native -CommandName 'mbxctl', 'mbxctl.exe' -ScriptBlock {
    param($wordToComplete, $commandAst, $cursorPosition)
    $words = @(foreach ($e in $commandAst.CommandElements) {
        if ($e.Extent.StartOffset -ge $cursorPosition) { break }
        if ($e -is [System.Management.Automation.Language.StringConstantExpressionAst]) { $e.Value } else { $e.Extent.Text }
    })
    if ($wordToComplete -eq '') { $words += '' }
    $saved = @($env:MBXCTL_COMPLETE, $env:MBXCTL_COMPLETE_WORDS)
    try {
        $env:MBXCTL_COMPLETE = 'powershell'
        $env:MBXCTL_COMPLETE_WORDS = $words -join "`n"
        $results = @(& mbxctl)
    } finally {
        $env:MBXCTL_COMPLETE = $saved[0]
        $env:MBXCTL_COMPLETE_WORDS = $saved[1]
    }
    foreach ($line in $results) {
        $value, $help = "$line".Split("`t", 2)
        if (-not $help) { $help = $value }
        $text = if ($value -match '[\s''"`$;&|(){}@,]') { "'" + ($value -replace "'", "''") + "'" } else { $value }
        [System.Management.Automation.CompletionResult]::new($text, $value, 'ParameterValue', $help)
    }
}
"#;

/// Answers a shell's completion request and exits, when the process was started for one.
pub fn complete_env() {
    if std::env::var(VAR).as_deref() == Ok("powershell")
        && let Some(words) = std::env::var_os(WORDS_VAR)
    {
        let words: Vec<std::ffi::OsString> =
            words.to_string_lossy().split('\n').map(|w| w.trim_end_matches('\r').into()).collect();
        let index = words.len().saturating_sub(1);
        let mut cmd = <Cli as clap::CommandFactory>::command();
        let cwd = std::env::current_dir().ok();
        let mut text = String::new();
        if let Ok(found) = clap_complete::engine::complete(&mut cmd, words, index, cwd.as_deref()) {
            for c in found {
                text.push_str(&c.get_value().to_string_lossy());
                if let Some(help) = c.get_help() {
                    text.push('\t');
                    text.push_str(&help.to_string().replace(['\n', '\t'], " "));
                }
                text.push('\n');
            }
        }
        out(&text);
        std::process::exit(0);
    }
    clap_complete::CompleteEnv::with_factory(<Cli as clap::CommandFactory>::command).var(VAR).complete();
}

/// `mbxctl completions SHELL`: the registration script.
pub fn script(shell: CompletionShell) -> CliResult {
    use clap_complete::env;
    let completer: &dyn EnvCompleter = match shell {
        CompletionShell::Bash => &env::Bash,
        CompletionShell::Zsh => &env::Zsh,
        CompletionShell::Fish => &env::Fish,
        CompletionShell::Powershell => {
            out(POWERSHELL);
            return Ok(ExitCode::Done);
        }
    };
    // Into memory first: `| head` may close the pipe, and `out` handles that.
    let mut buf = Vec::new();
    completer
        .write_registration(VAR, "mbxctl", "mbxctl", "mbxctl", &mut buf)
        .map_err(|e| super::output::CliError::Failed(format!("cannot write the completion script: {e}")))?;
    out(&String::from_utf8_lossy(&buf));
    Ok(ExitCode::Done)
}

/// `mbxctl __complete profiles|runs`.
pub fn helper(cli: &Cli, what: What) -> CliResult {
    let lab = super::connect::lab_dir(cli);
    let names = match what {
        What::Profiles => profiles(),
        What::Runs => runs(lab).into_iter().map(|(id, _)| id).collect(),
    };
    for n in names {
        out(&format!("{n}\n"));
    }
    Ok(ExitCode::Done)
}

/// Profile names; none when profiles.json is missing or broken (completion never fails loudly).
fn profiles() -> Vec<String> {
    super::connect::profiles().map(|(_, list)| list.into_iter().map(|p| p.name).collect()).unwrap_or_default()
}

/// Run ids with a short description, newest first.
fn runs(lab: Option<PathBuf>) -> Vec<(String, String)> {
    use crate::workflow::batch::journal;
    let root = match lab {
        Some(dir) => journal::lab_runs_root(&dir),
        None => match journal::default_runs_root(|k| std::env::var_os(k)) {
            Ok(r) => r,
            Err(_) => return Vec::new(),
        },
    };
    crate::workflow::batch::runs::list_runs(&root)
        .into_iter()
        .rev()
        .map(|r| (r.id.clone(), format!("{} {} ({} items)", r.started, r.command, r.item_count)))
        .collect()
}

/// The completer of `--profile`, `--cloud-profile`, `profile show|remove`.
pub fn profile_names(current: &OsStr) -> Vec<CompletionCandidate> {
    let cur = current.to_string_lossy().to_lowercase();
    profiles().into_iter().filter(|n| n.to_lowercase().starts_with(&cur)).map(CompletionCandidate::new).collect()
}

/// The completer of run ids (`runs show`, `resume`, `rollback`): `last` and the runs of the
/// store the command line points at (`--lab`, `--lab-dir`, `MBXCTL_LAB`).
pub fn run_ids(current: &OsStr) -> Vec<CompletionCandidate> {
    let cur = current.to_string_lossy().to_lowercase();
    let mut all = vec![CompletionCandidate::new("last").help(Some("the newest run".into()))];
    all.extend(
        runs(lab_from_args(match std::env::var_os(WORDS_VAR) {
            // PowerShell passes the words in the environment, not as arguments.
            Some(words) => words.to_string_lossy().split('\n').map(Into::into).collect::<Vec<std::ffi::OsString>>(),
            None => std::env::args_os().collect(),
        }))
        .into_iter()
        .map(|(id, help)| CompletionCandidate::new(id).help(Some(help.into()))),
    );
    all.into_iter().filter(|c| c.get_value().to_string_lossy().to_lowercase().starts_with(&cur)).collect()
}

/// The LAB a partial command line addresses: completers see no parsed arguments, only the words.
fn lab_from_args(args: impl IntoIterator<Item = std::ffi::OsString>) -> Option<PathBuf> {
    let args: Vec<String> = args.into_iter().map(|a| a.to_string_lossy().into_owned()).collect();
    let mut lab = false;
    for (i, a) in args.iter().enumerate() {
        if let Some(d) = a.strip_prefix("--lab-dir=") {
            return Some(PathBuf::from(d));
        }
        if a == "--lab-dir" {
            return args.get(i + 1).map(PathBuf::from);
        }
        lab |= a == "--lab";
    }
    match std::env::var_os("MBXCTL_LAB").filter(|v| !v.is_empty()) {
        Some(d) => Some(PathBuf::from(d)),
        None => lab.then(super::connect::default_lab_dir),
    }
}

#[cfg(test)]
mod tests {
    use super::lab_from_args;
    use std::path::PathBuf;

    #[test]
    fn the_lab_comes_from_the_words_typed() {
        let words = |s: &str| s.split(' ').map(std::ffi::OsString::from).collect::<Vec<_>>();
        assert_eq!(lab_from_args(words("mbxctl --lab-dir /tmp/x runs show")), Some(PathBuf::from("/tmp/x")));
        assert_eq!(lab_from_args(words("mbxctl --lab-dir=/tmp/y rollback")), Some(PathBuf::from("/tmp/y")));
    }
}
