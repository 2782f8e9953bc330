//! Opening the shells a command runs against: the LAB (both sides of a hybrid organisation) or
//! PowerShell sessions over PSRP.

use super::Cli;
use super::output::CliError;
use crate::shell::{Shell, Side};
use crate::transport::profile::find_profile;
use crate::transport::{ConnectOptions, Profile, PsrpShell, config_path, load_profiles};
use std::path::PathBuf;

/// The shells of one command.
pub struct Sessions {
    /// The primary (on-premises) session.
    pub primary: Box<dyn Shell>,
    /// The Exchange Online session, when there is one.
    pub cloud: Option<Box<dyn Shell>>,
}

/// The default LAB directory: per user, beside other application data.
pub fn default_lab_dir() -> PathBuf {
    lab_dir_in(|name| std::env::var_os(name))
}

/// [`default_lab_dir`] over any environment. The XDG base-directory spec says an empty or relative
/// `XDG_DATA_HOME` counts as unset (then `$HOME/.local/share`); the LAB never lands in a path
/// relative to wherever the command happened to run, so the last resort is the temp directory.
fn lab_dir_in(var: impl Fn(&str) -> Option<std::ffi::OsString>) -> PathBuf {
    let absolute = |name: &str| var(name).map(PathBuf::from).filter(|p| p.is_absolute());
    #[cfg(windows)]
    if let Some(d) = absolute("LOCALAPPDATA") {
        return d.join("mbxctl").join("lab");
    }
    if let Some(d) = absolute("XDG_DATA_HOME") {
        return d.join("mbxctl").join("lab");
    }
    if let Some(h) = absolute("HOME").or_else(|| absolute("USERPROFILE")) {
        return h.join(".local").join("share").join("mbxctl").join("lab");
    }
    std::env::temp_dir().join("mbxctl-lab")
}

/// The LAB directory when the command runs against the LAB (`--lab` or `--lab-dir`/`MBXCTL_LAB`).
pub fn lab_dir(cli: &Cli) -> Option<PathBuf> {
    match (&cli.lab_dir, cli.lab) {
        (Some(d), _) => Some(d.clone()),
        (None, true) => Some(default_lab_dir()),
        (None, false) => None,
    }
}

/// Whether a LAB has been created at `dir`.
pub fn lab_exists(dir: &std::path::Path) -> bool {
    dir.join(crate::lab::DB_FILE).exists()
}

/// Creates the default organisation when `dir` holds no LAB yet (and says so): every command
/// using `--lab`/`--lab-dir` works on a fresh machine.
pub fn ensure_lab(dir: &std::path::Path) -> Result<(), CliError> {
    if !lab_exists(dir) {
        crate::lab::init(dir, crate::lab::InitOptions::default())
            .map_err(|e| CliError::Session(format!("cannot create the LAB at {}: {e}", dir.display())))?;
        eprintln!("LAB: created the default organisation in {} (mbxctl lab show lists it)", dir.display());
    }
    Ok(())
}

/// Opens the LAB at `dir`, creating the default organisation on first use.
pub fn open_lab(dir: &std::path::Path, side: Side) -> Result<Box<dyn Shell>, CliError> {
    ensure_lab(dir)?;
    let shell = crate::lab::LabShell::open(dir, side)
        .map_err(|e| CliError::Session(format!("cannot open the LAB at {}: {e}", dir.display())))?;
    Ok(Box::new(shell))
}

/// Loads the configured profiles (none when the file does not exist yet).
pub fn profiles() -> Result<(PathBuf, Vec<Profile>), CliError> {
    let path = config_path().map_err(|e| CliError::Usage(format!("profiles: {e}")))?;
    let list = load_profiles(&path).map_err(|e| CliError::Usage(e.to_string()))?;
    Ok((path, list))
}

fn named_profile(name: &str) -> Result<Profile, CliError> {
    let (path, list) = profiles()?;
    find_profile(&list, name).cloned().ok_or_else(|| {
        let known: Vec<&str> = list.iter().map(|p| p.name.as_str()).collect();
        CliError::Usage(format!(
            "no profile named '{name}' in {} (known: {}); add one with `mbxctl profile add {name} --kind ...`",
            path.display(),
            if known.is_empty() { "none".to_string() } else { known.join(", ") }
        ))
    })
}

/// Starts PowerShell and prepares it with `profile` (or runs cmdlets directly when `None`).
pub async fn open_psrp(cli: &Cli, profile: Option<Profile>) -> Result<PsrpShell, CliError> {
    let local_ems =
        profile.as_ref().is_some_and(|p| matches!(p.kind, crate::transport::ProfileKind::ExchangeLocal { .. }));
    let pwsh = crate::transport::process::find_pwsh_preferring(cli.pwsh.as_deref(), local_ems)
        .map_err(|e| CliError::Session(e.to_string()))?;
    let mut options = ConnectOptions::new(pwsh);
    if let Some(p) = profile.as_ref().filter(|p| p.needs_credential()) {
        options.credential = Some(prompt_credential(&p.name)?);
    }
    options.profile = profile;
    PsrpShell::connect(options).await.map_err(|e| CliError::Session(e.to_string()))
}

/// Asks for the user name and password of a profile that prompts: on the terminal only (the
/// password without echo), never from arguments or the environment.
fn prompt_credential(profile: &str) -> Result<(String, crate::secret::Secret), CliError> {
    use std::io::{BufRead, IsTerminal, Write};
    if !std::io::stdin().is_terminal() {
        return Err(CliError::Session(format!(
            "profile '{profile}' asks for a user name and password, but there is no terminal to ask on; give the profile a credential file instead (Get-Credential | Export-Clixml)"
        )));
    }
    eprint!("User name for profile '{profile}' (DOMAIN\\user or UPN): ");
    let _ = std::io::stderr().flush();
    let mut user = String::new();
    std::io::stdin()
        .lock()
        .read_line(&mut user)
        .map_err(|e| CliError::Session(format!("cannot read the user name: {e}")))?;
    let user = user.trim().to_string();
    if user.is_empty() {
        return Err(CliError::Usage("no user name given".into()));
    }
    let password = rpassword::prompt_password(format!("Password for {user} (not shown): "))
        .map_err(|e| CliError::Session(format!("cannot read the password: {e}")))?;
    Ok((user, crate::secret::Secret::new(password)))
}

/// A failure to open a session as the [`ShellError`] the batch pool works with. The CLI error already reads
/// "could not start the shell: …" when it came from the transport; wrapping it in [`ShellError::Start`] again
/// would say that prefix twice ("could not start the shell: could not start the shell: profile …").
pub fn start_error(e: CliError) -> crate::shell::ShellError {
    let text = e.to_string();
    let prefix = crate::shell::ShellError::Start(String::new()).to_string();
    crate::shell::ShellError::Start(text.strip_prefix(prefix.as_str()).map_or(text.clone(), str::to_string))
}

/// Opens one primary session (used once per worker by batches).
pub async fn open_primary(cli: &Cli) -> Result<Box<dyn Shell>, CliError> {
    if let Some(dir) = lab_dir(cli) {
        return open_lab(&dir, Side::OnPremises);
    }
    let profile = cli.profile.as_deref().map(named_profile).transpose()?;
    Ok(Box::new(open_psrp(cli, profile).await?))
}

/// Opens the Exchange Online session, when the command has one.
pub async fn open_cloud(cli: &Cli) -> Result<Option<Box<dyn Shell>>, CliError> {
    if let Some(dir) = lab_dir(cli) {
        // The LAB models both sides; `--cloud-profile none` leaves the cloud session out.
        if cli.cloud_profile.as_deref().is_some_and(|p| p.eq_ignore_ascii_case("none")) {
            return Ok(None);
        }
        return Ok(Some(open_lab(&dir, Side::Online)?));
    }
    match cli.cloud_profile.as_deref() {
        None => Ok(None),
        Some(name) => {
            let profile = named_profile(name)?;
            if profile.side() != Side::Online {
                return Err(CliError::Usage(format!(
                    "--cloud-profile '{name}' is not an Exchange Online profile (kind exchange-online)"
                )));
            }
            Ok(Some(Box::new(open_psrp(cli, Some(profile)).await?)))
        }
    }
}

/// Opens the sessions for a command.
pub async fn open(cli: &Cli) -> Result<Sessions, CliError> {
    let primary = open_primary(cli).await?;
    let cloud = open_cloud(cli).await?;
    Ok(Sessions { primary, cloud })
}

#[cfg(test)]
mod lab_dir_tests {
    use super::*;

    fn env(pairs: &'static [(&'static str, &'static str)]) -> impl Fn(&str) -> Option<std::ffi::OsString> {
        move |name| pairs.iter().find(|(k, _)| *k == name).map(|(_, v)| (*v).into())
    }

    #[cfg(unix)]
    #[test]
    fn empty_or_relative_xdg_data_home_counts_as_unset() {
        let home = PathBuf::from("/home/kim/.local/share/mbxctl/lab");
        assert_eq!(lab_dir_in(env(&[("XDG_DATA_HOME", ""), ("HOME", "/home/kim")])), home);
        assert_eq!(lab_dir_in(env(&[("XDG_DATA_HOME", "data"), ("HOME", "/home/kim")])), home);
        assert_eq!(
            lab_dir_in(env(&[("XDG_DATA_HOME", "/srv/d"), ("HOME", "/home/kim")])),
            PathBuf::from("/srv/d/mbxctl/lab")
        );
    }

    #[test]
    fn never_a_relative_path() {
        for vars in [&[][..], &[("HOME", ""), ("XDG_DATA_HOME", ""), ("LOCALAPPDATA", "")][..]] {
            let d = lab_dir_in(env(vars));
            assert!(d.is_absolute(), "{}", d.display());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_start_error_says_its_prefix_once() {
        let inner = crate::shell::ShellError::Start("profile 'x' set-up step 1 (Import-Module) failed: no".into());
        let twice = start_error(CliError::Session(inner.to_string())).to_string();
        assert_eq!(twice, "could not start the shell: profile 'x' set-up step 1 (Import-Module) failed: no");
        let other = start_error(CliError::Usage("no profile named 'y'".into())).to_string();
        assert_eq!(other, "could not start the shell: no profile named 'y'");
    }
}
