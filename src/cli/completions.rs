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

/// Answers a shell's completion request and exits, when the process was started for one.
pub fn complete_env() {
    clap_complete::CompleteEnv::with_factory(<Cli as clap::CommandFactory>::command).var(VAR).complete();
}

/// `mbxctl completions SHELL`: the registration script.
pub fn script(shell: CompletionShell) -> CliResult {
    use clap_complete::env;
    let completer: &dyn EnvCompleter = match shell {
        CompletionShell::Bash => &env::Bash,
        CompletionShell::Zsh => &env::Zsh,
        CompletionShell::Fish => &env::Fish,
        CompletionShell::Powershell => &env::Powershell,
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
        runs(lab_from_args(std::env::args_os()))
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
