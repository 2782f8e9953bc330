//! Opening the shells a command runs against: the LAB (both sides of a hybrid organisation) or
//! PowerShell sessions over PSRP.

use super::Cli;
use super::output::CliError;
use crate::shell::{Shell, Side};
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
    #[cfg(windows)]
    if let Some(d) = std::env::var_os("LOCALAPPDATA") {
        return PathBuf::from(d).join("mbxctl").join("lab");
    }
    if let Some(d) = std::env::var_os("XDG_DATA_HOME") {
        return PathBuf::from(d).join("mbxctl").join("lab");
    }
    if let Some(h) = std::env::var_os("HOME").or_else(|| std::env::var_os("USERPROFILE")) {
        return PathBuf::from(h).join(".local").join("share").join("mbxctl").join("lab");
    }
    PathBuf::from("mbxctl-lab")
}

/// The LAB directory when the command runs against the LAB (`--lab` or `--lab-dir`/`MBXCTL_LAB`).
pub fn lab_dir(cli: &Cli) -> Option<PathBuf> {
    match (&cli.lab_dir, cli.lab) {
        (Some(d), _) => Some(d.clone()),
        (None, true) => Some(default_lab_dir()),
        (None, false) => None,
    }
}

/// Opens the LAB at `dir`, creating the default organisation on first use (and saying so).
pub fn open_lab(dir: &std::path::Path, side: Side) -> Result<Box<dyn Shell>, CliError> {
    if !crate::lab::exists(dir) {
        crate::lab::init(dir, &crate::lab::InitOptions::default())
            .map_err(|e| CliError::Session(format!("cannot create the LAB at {}: {e}", dir.display())))?;
        eprintln!("LAB: created the default organisation in {} (mbxctl lab show lists it)", dir.display());
    }
    let shell = crate::lab::LabShell::open(dir, side)
        .map_err(|e| CliError::Session(format!("cannot open the LAB at {}: {e}", dir.display())))?;
    Ok(Box::new(shell))
}

/// Opens the sessions for a command.
pub async fn open(cli: &Cli) -> Result<Sessions, CliError> {
    if let Some(dir) = lab_dir(cli) {
        let primary = open_lab(&dir, Side::OnPremises)?;
        let cloud = if cli.cloud_profile.as_deref().is_some_and(|p| p.eq_ignore_ascii_case("none")) {
            None
        } else {
            Some(open_lab(&dir, Side::Online)?)
        };
        return Ok(Sessions { primary, cloud });
    }
    Err(CliError::Session(
        "no Exchange session: use --lab for the simulated organisation, or --pwsh PATH (with --profile NAME) for a real Exchange Management Shell".into(),
    ))
}
