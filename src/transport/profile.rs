//! Connection profiles: how a fresh local runspace reaches Exchange.
//!
//! Stored as JSON (`profiles.json`: `%APPDATA%\mbxctl\` on Windows, `$XDG_CONFIG_HOME/mbxctl/` or
//! `~/.config/mbxctl/` elsewhere, or the file named by `MBXCTL_CONFIG`). Each kind turns into set-up steps run in
//! the session's single runspace before any command (docs/psrp-notes.md, "Runspaces"):
//!
//! - `exchange-remote`: implicit remoting to `http(s)://SERVER/PowerShell/` (`New-PSSession` named
//!   `mbxctl-exchange`, then `Import-PSSession` of the Exchange cmdlets mbxctl runs, then the local runspace is
//!   locked to NoLanguage), Kerberos by default, optionally with a credential file. Instead of a server, a
//!   `namedPipe` (a local PowerShell's process id or custom pipe name) reaches a local endpoint through the very
//!   same steps; the one place the two differ is [`RemoteEndpoint`] (docs/sessions.md, "The named-pipe route").
//! - `exchange-local`: the Exchange Management Shell way on a server with the tools: dot-source
//!   `RemoteExchange.ps1`, then `Connect-ExchangeServer -auto`.
//! - `exchange-online`: app-only `Connect-ExchangeOnline` with a certificate (EXO V3).
//! - `custom`: the typed commands you list.
//!
//! Steps are typed invocations wherever PowerShell allows. These things need script: loading a credential
//! file inside `New-PSSession`, opening a named-pipe runspace (`NamedPipeConnectionInfo` has no cmdlet),
//! `Import-PSSession (Get-PSSession …)`, locking the runspace, and dot-sourcing `RemoteExchange.ps1`.
//! Those scripts are built only from constants and values passed through [`crate::cmdlet::literal::quote`],
//! so no profile value can become code. A credential file is an `Export-Clixml` of a `PSCredential` (DPAPI-
//! protected on Windows): mbxctl passes only its path; PowerShell reads it. No secret touches argv or a log.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::cmdlet::literal::quote;
use crate::cmdlet::{Invocation, Value};
use crate::shell::Side;

/// Environment variable naming the profiles file.
pub const CONFIG_ENV: &str = "MBXCTL_CONFIG";
/// The global variable that holds a prompted password (a SecureString) just long enough to build
/// the PSCredential; the set-up removes it at once.
pub const CREDENTIAL_VARIABLE: &str = "mbxctlCredentialPassword";

/// Name of the implicit-remoting PSSession mbxctl creates (found again by name, never by variable).
pub const SESSION_NAME: &str = "mbxctl-exchange";

/// The Exchange cmdlets an `exchange-remote` set-up imports (`Import-PSSession -CommandName`): every cmdlet
/// mbxctl's workflows send on-premises, and nothing else. Importing by name is faster than importing the
/// endpoint's hundreds of cmdlets, skips the endpoint's format data (mbxctl reads objects, never formats
/// them; PowerShell 7's `Import-PSSession` of a NoLanguage endpoint's format data fails with "Data returned
/// by the remote Get-FormatData command is not in the expected format"), and never shadows a local command.
pub const IMPORTED_COMMANDS: &[&str] = &[
    "Get-Mailbox",
    "Set-Mailbox",
    "Get-MailboxStatistics",
    "Get-Recipient",
    "Get-User",
    "Get-RemoteMailbox",
    "Set-RemoteMailbox",
    "Enable-RemoteMailbox",
    "Get-MailboxPermission",
    "Add-MailboxPermission",
    "Remove-MailboxPermission",
    "Get-ADPermission",
    "Add-ADPermission",
    "Remove-ADPermission",
    "Get-RecipientPermission",
    "Add-RecipientPermission",
    "Remove-RecipientPermission",
    "Get-ExchangeServer",
    "Get-ManagementRoleAssignment",
    "Get-RoleGroupMember",
];

/// A named connection profile.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Profile {
    /// The name used with `--profile`.
    pub name: String,
    /// What it connects to.
    #[serde(flatten)]
    pub kind: ProfileKind,
}

/// The kinds of profile.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "kebab-case")]
pub enum ProfileKind {
    /// Implicit remoting to an Exchange server's `/PowerShell` endpoint.
    #[serde(rename_all = "camelCase")]
    ExchangeRemote {
        /// The Exchange server's FQDN (empty when `named_pipe` is given).
        #[serde(default, skip_serializing_if = "String::is_empty")]
        server: String,
        /// A local PowerShell endpoint reached through a named pipe instead of a server (tests, and admins
        /// who run a local endpoint); see [`RemoteEndpoint`].
        #[serde(default, skip_serializing_if = "Option::is_none")]
        named_pipe: Option<NamedPipe>,
        /// `-Authentication` of `New-PSSession`.
        #[serde(default)]
        authentication: Authentication,
        /// Path of an `Export-Clixml` PSCredential file; without it the current Windows identity is used.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        credential_file: Option<PathBuf>,
        /// Use `https` (only needed without Kerberos; Kerberos already encrypts the traffic).
        #[serde(default, skip_serializing_if = "std::ops::Not::not")]
        use_ssl: bool,
        /// Ask for a user name and password when connecting (mbxctl prompts on its terminal; the
        /// password travels to PowerShell as an encrypted SecureString, never as text).
        #[serde(default, skip_serializing_if = "std::ops::Not::not")]
        prompt_credential: bool,
    },
    /// The local Exchange Management Shell (run on a machine with the Exchange management tools).
    #[serde(rename_all = "camelCase")]
    ExchangeLocal {
        /// The Exchange install path; default `$env:ExchangeInstallPath`.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        install_path: Option<String>,
    },
    /// Exchange Online with app-only certificate authentication.
    #[serde(rename_all = "camelCase")]
    ExchangeOnline {
        /// The Entra application (client) id.
        app_id: String,
        /// Thumbprint of the certificate in the user's or machine's store.
        certificate_thumbprint: String,
        /// The tenant, `contoso.onmicrosoft.com`.
        organization: String,
    },
    /// Typed commands of your own.
    Custom {
        /// The commands, in order.
        setup: Vec<CommandSpec>,
    },
}

impl ProfileKind {
    /// Where an `exchange-remote` profile connects (`None` for the other kinds).
    pub fn endpoint(&self) -> Option<RemoteEndpoint> {
        let ProfileKind::ExchangeRemote { server, named_pipe, authentication, use_ssl, .. } = self else {
            return None;
        };
        Some(match named_pipe {
            Some(NamedPipe { pipe_name: Some(name), .. }) => RemoteEndpoint::CustomPipe { name: name.clone() },
            Some(NamedPipe { process_id: Some(pid), .. }) => RemoteEndpoint::ProcessPipe { pid: *pid },
            _ => {
                let scheme = if *use_ssl { "https" } else { "http" };
                RemoteEndpoint::Uri { uri: format!("{scheme}://{server}/PowerShell/"), authentication: *authentication }
            }
        })
    }
}

/// A local PowerShell reached through its named pipe (`NamedPipeConnectionInfo`): exactly one of the two.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct NamedPipe {
    /// The process id of a running PowerShell: every PowerShell listens on a pipe named after its process
    /// (the one `Enter-PSHostProcess` uses). Its runspace is the default one, in FullLanguage.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub process_id: Option<u32>,
    /// A custom pipe name (`pwsh -CustomPipeName`, or a server such as tests/exchange-standin/serve.ps1, which
    /// serves a restricted, NoLanguage endpoint like Exchange's).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pipe_name: Option<String>,
}

/// Where an `exchange-remote` session connects: the only thing that differs between reaching Exchange's
/// `/PowerShell` endpoint and a local named-pipe endpoint. Every other set-up step (`Import-PSSession` of
/// [`IMPORTED_COMMANDS`], the NoLanguage lock, `Remove-PSSession` on close) is the same for both.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RemoteEndpoint {
    /// `New-PSSession -ConfigurationName Microsoft.Exchange -ConnectionUri URI -Authentication …`.
    Uri {
        /// `http(s)://SERVER/PowerShell/`.
        uri: String,
        /// `-Authentication`.
        authentication: Authentication,
    },
    /// `[NamedPipeConnectionInfo]::new(pid)`: a local PowerShell process's own pipe.
    ProcessPipe {
        /// Its process id.
        pid: u32,
    },
    /// `[NamedPipeConnectionInfo]::new('name')`: a custom pipe.
    CustomPipe {
        /// The pipe name.
        name: String,
    },
}

impl RemoteEndpoint {
    /// The Exchange server's host name for a URI endpoint (`ex01.contoso.com`); `None` for a pipe.
    pub fn server_host(&self) -> Option<String> {
        let RemoteEndpoint::Uri { uri, .. } = self else { return None };
        let rest = uri.split_once("://").map_or(uri.as_str(), |(_, r)| r);
        let host = rest.split(['/', ':']).next().unwrap_or_default();
        (!host.is_empty()).then(|| host.to_string())
    }

    /// A one-line description for `profile list` and messages.
    pub fn describe(&self) -> String {
        match self {
            RemoteEndpoint::Uri { uri, authentication } => format!("{uri} ({})", authentication.name()),
            RemoteEndpoint::ProcessPipe { pid } => format!("named pipe of PowerShell process {pid}"),
            RemoteEndpoint::CustomPipe { name } => format!("named pipe '{name}'"),
        }
    }

    /// The script that opens a named-pipe runspace and registers it as the PSSession [`SESSION_NAME`]
    /// (`PSSession.Create` adds it to `Get-PSSession` only when given the running cmdlet, hence the advanced
    /// script block). Built from constants and [`quote`]d values only. `None` for a URI.
    fn pipe_script(&self) -> Option<String> {
        let target = match self {
            RemoteEndpoint::Uri { .. } => return None,
            RemoteEndpoint::ProcessPipe { pid } => format!("[int]{}", quote(&pid.to_string())),
            RemoteEndpoint::CustomPipe { name } => quote(name),
        };
        Some(format!(
            "& {{ [CmdletBinding()] param() $connection = [System.Management.Automation.Runspaces.NamedPipeConnectionInfo]::new({target}); $runspace = [System.Management.Automation.Runspaces.RunspaceFactory]::CreateRunspace($connection); $runspace.Open(); $session = [System.Management.Automation.Runspaces.PSSession]::Create($runspace, {}, $PSCmdlet); $session.Name = {} }}",
            quote("NamedPipe"),
            quote(SESSION_NAME)
        ))
    }
}

/// `New-PSSession -Authentication` values that make sense for Exchange.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
pub enum Authentication {
    /// Kerberos (the documented default for Exchange remote PowerShell).
    #[default]
    Kerberos,
    /// Negotiate.
    Negotiate,
    /// Basic (only with `useSsl`).
    Basic,
    /// The WinRM default.
    Default,
}

impl Authentication {
    /// The name PowerShell knows it by.
    pub fn name(self) -> &'static str {
        match self {
            Authentication::Kerberos => "Kerberos",
            Authentication::Negotiate => "Negotiate",
            Authentication::Basic => "Basic",
            Authentication::Default => "Default",
        }
    }
}

/// A typed command in a `custom` profile: `{"cmdlet": "Import-Module", "params": {"Name": "X"}}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CommandSpec {
    /// The cmdlet.
    pub cmdlet: String,
    /// Parameters: strings, integers, booleans (`true` is a present switch), or lists of strings.
    #[serde(default)]
    pub params: serde_json::Map<String, serde_json::Value>,
}

/// One thing to run in the new runspace.
#[derive(Debug, Clone, PartialEq)]
pub enum SetupStep {
    /// A typed command.
    Command(Invocation),
    /// Script text built from constants and quoted values only.
    Script {
        /// What it does, for messages.
        purpose: &'static str,
        /// The script.
        text: String,
    },
}

impl SetupStep {
    /// A short description for error messages (never the script text, which may hold a path).
    pub fn describe(&self) -> String {
        match self {
            SetupStep::Command(inv) => inv.cmdlet.clone(),
            SetupStep::Script { purpose, .. } => (*purpose).to_string(),
        }
    }
}

/// A problem with the profiles file or a profile.
#[derive(Debug, thiserror::Error)]
pub enum ProfileError {
    /// The file could not be read or written.
    #[error("{path}: {source}")]
    Io {
        /// The file.
        path: PathBuf,
        /// The OS error.
        source: std::io::Error,
    },
    /// The file is not valid profile JSON.
    #[error("{path}: invalid profiles file: {source}")]
    Json {
        /// The file.
        path: PathBuf,
        /// The parser's error (with line and column).
        source: serde_json::Error,
    },
    /// A profile's values are not usable.
    #[error("profile '{name}': {problem}")]
    Invalid {
        /// The profile.
        name: String,
        /// What is wrong and how to fix it.
        problem: String,
    },
    /// No config location could be determined.
    #[error("cannot locate the profiles file: set MBXCTL_CONFIG to its path")]
    NoLocation,
}

#[derive(Debug, Default, Serialize, Deserialize)]
struct ProfilesFile {
    #[serde(default)]
    profiles: Vec<Profile>,
}

/// Where the profiles file lives (see the module docs).
pub fn config_path() -> Result<PathBuf, ProfileError> {
    let var = |k: &str| std::env::var_os(k).filter(|v| !v.is_empty()).map(PathBuf::from);
    if let Some(p) = var(CONFIG_ENV) {
        return Ok(p);
    }
    let base = if cfg!(windows) {
        var("APPDATA")
    } else {
        var("XDG_CONFIG_HOME").or_else(|| var("HOME").map(|h| h.join(".config")))
    };
    base.map(|b| b.join("mbxctl").join("profiles.json")).ok_or(ProfileError::NoLocation)
}

/// Reads every profile; a missing file means no profiles. Each profile is validated.
pub fn load_profiles(path: &Path) -> Result<Vec<Profile>, ProfileError> {
    let text = match std::fs::read_to_string(path) {
        Ok(t) => t,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(source) => return Err(ProfileError::Io { path: path.into(), source }),
    };
    let file: ProfilesFile =
        serde_json::from_str(&text).map_err(|source| ProfileError::Json { path: path.into(), source })?;
    for (i, p) in file.profiles.iter().enumerate() {
        p.validate()?;
        if file.profiles[..i].iter().any(|q| q.name.eq_ignore_ascii_case(&p.name)) {
            return Err(ProfileError::Invalid { name: p.name.clone(), problem: "is defined twice in the file".into() });
        }
    }
    Ok(file.profiles)
}

/// Adds a profile, or replaces the one with the same name (case-insensitively), creating the file if needed.
pub fn save_profile(path: &Path, profile: &Profile) -> Result<(), ProfileError> {
    profile.validate()?;
    let mut profiles = load_profiles(path)?;
    match profiles.iter_mut().find(|p| p.name.eq_ignore_ascii_case(&profile.name)) {
        Some(existing) => *existing = profile.clone(),
        None => profiles.push(profile.clone()),
    }
    let io = |source| ProfileError::Io { path: path.into(), source };
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir).map_err(io)?;
    }
    let mut text = serde_json::to_string_pretty(&ProfilesFile { profiles })
        .map_err(|source| ProfileError::Json { path: path.into(), source })?;
    text.push('\n');
    // Write beside the file and rename, so a crash never leaves half a file.
    let tmp = path.with_extension("json.tmp");
    std::fs::write(&tmp, text).map_err(io)?;
    std::fs::rename(&tmp, path).map_err(io)
}

/// Removes the profile with this name (case-insensitively); `false` when there was none.
pub fn remove_profile(path: &Path, name: &str) -> Result<bool, ProfileError> {
    let profiles = load_profiles(path)?;
    let kept: Vec<Profile> = profiles.iter().filter(|p| !p.name.eq_ignore_ascii_case(name)).cloned().collect();
    if kept.len() == profiles.len() {
        return Ok(false);
    }
    let io = |source| ProfileError::Io { path: path.into(), source };
    let mut text = serde_json::to_string_pretty(&ProfilesFile { profiles: kept })
        .map_err(|source| ProfileError::Json { path: path.into(), source })?;
    text.push('\n');
    let tmp = path.with_extension("json.tmp");
    std::fs::write(&tmp, text).map_err(io)?;
    std::fs::rename(&tmp, path).map_err(io)?;
    Ok(true)
}

/// The profile with this name, case-insensitively.
pub fn find_profile<'a>(profiles: &'a [Profile], name: &str) -> Option<&'a Profile> {
    profiles.iter().find(|p| p.name.eq_ignore_ascii_case(name))
}

impl Profile {
    /// Which side of a hybrid organisation the profile reaches.
    pub fn side(&self) -> Side {
        match self.kind {
            ProfileKind::ExchangeOnline { .. } => Side::Online,
            _ => Side::OnPremises,
        }
    }

    /// Checks the values before they are used, with messages that say how to fix them.
    pub fn validate(&self) -> Result<(), ProfileError> {
        let bad = |problem: String| Err(ProfileError::Invalid { name: self.name.clone(), problem });
        if self.name.trim().is_empty() {
            return bad("the name is empty".into());
        }
        match &self.kind {
            ProfileKind::ExchangeRemote {
                server,
                named_pipe: Some(pipe),
                use_ssl,
                prompt_credential,
                credential_file,
                ..
            } => {
                if !server.is_empty() {
                    return bad("give a server or a namedPipe, not both".into());
                }
                if *use_ssl || *prompt_credential || credential_file.is_some() {
                    return bad("a namedPipe connects as the account running mbxctl: remove useSsl, promptCredential and credentialFile".into());
                }
                match (pipe.process_id, &pipe.pipe_name) {
                    (Some(0), None) => return bad("namedPipe processId 0 is not a process".into()),
                    (Some(_), None) => {}
                    (None, Some(name)) => {
                        let ok = !name.is_empty()
                            && name.len() <= 100
                            && name.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_'));
                        if !ok {
                            return bad(format!(
                                "namedPipe pipeName {name:?} must be 1 to 100 letters, digits, '.', '-' or '_'"
                            ));
                        }
                    }
                    _ => return bad("namedPipe needs exactly one of processId and pipeName".into()),
                }
            }
            ProfileKind::ExchangeRemote {
                server, authentication, use_ssl, prompt_credential, credential_file, ..
            } => {
                let ok = !server.is_empty()
                    && server.len() <= 253
                    && server.chars().all(|c| c.is_ascii_alphanumeric() || c == '.' || c == '-');
                if !ok {
                    return bad(format!("server {server:?} is not a host name (give the FQDN, e.g. ex01.contoso.com)"));
                }
                if *authentication == Authentication::Basic && !use_ssl {
                    return bad("Basic authentication sends the password in clear text without useSsl: true".into());
                }
                if *prompt_credential && credential_file.is_some() {
                    return bad("give a credential file or promptCredential, not both".into());
                }
            }
            ProfileKind::ExchangeLocal { .. } => {}
            ProfileKind::ExchangeOnline { app_id, certificate_thumbprint, organization } => {
                if uuid::Uuid::try_parse(app_id).is_err() {
                    return bad(format!("appId {app_id:?} is not a GUID (the application (client) id from Entra ID)"));
                }
                if certificate_thumbprint.len() != 40 || !certificate_thumbprint.chars().all(|c| c.is_ascii_hexdigit())
                {
                    return bad("certificateThumbprint must be 40 hexadecimal characters".into());
                }
                if !organization.contains('.') {
                    return bad(format!(
                        "organization {organization:?} should be the tenant domain, e.g. contoso.onmicrosoft.com"
                    ));
                }
            }
            ProfileKind::Custom { setup } => {
                for c in setup {
                    if let Err(p) = c.invocation() {
                        return bad(p);
                    }
                }
            }
        }
        Ok(())
    }

    /// Where an `exchange-remote` profile connects (`None` for the other kinds).
    pub fn endpoint(&self) -> Option<RemoteEndpoint> {
        self.kind.endpoint()
    }

    /// The steps that prepare a fresh runspace for this profile.
    pub fn setup_steps(&self) -> Vec<SetupStep> {
        self.setup_steps_with(None)
    }

    /// Whether connecting with this profile needs a user name and password from the admin.
    pub fn needs_credential(&self) -> bool {
        matches!(self.kind, ProfileKind::ExchangeRemote { prompt_credential: true, .. })
    }

    /// [`Profile::setup_steps`] with the credential the admin typed, for profiles that prompt.
    /// The password goes to PowerShell as a typed SecureString parameter (`Set-Variable`), and
    /// the script that builds the PSCredential holds only constants and the quoted user name.
    pub fn setup_steps_with(&self, credential: Option<&(String, crate::secret::Secret)>) -> Vec<SetupStep> {
        match &self.kind {
            ProfileKind::ExchangeRemote { credential_file, prompt_credential, .. } => {
                let Some(endpoint) = self.endpoint() else { return Vec::new() };
                let mut steps = connect_steps(&endpoint, credential_file.as_deref(), *prompt_credential, credential);
                steps.push(import_session());
                steps.push(lock_language());
                steps
            }
            ProfileKind::ExchangeLocal { install_path } => {
                let script = match install_path {
                    Some(p) => quote(&format!("{}\\bin\\RemoteExchange.ps1", p.trim_end_matches(['\\', '/']))),
                    None => "(Join-Path $env:ExchangeInstallPath 'bin\\RemoteExchange.ps1')".to_string(),
                };
                vec![SetupStep::Script {
                    purpose: "load RemoteExchange.ps1 and Connect-ExchangeServer",
                    text: format!(
                        ". {script}; Connect-ExchangeServer -auto -ClientApplication:ManagementShell | Out-Null"
                    ),
                }]
            }
            ProfileKind::ExchangeOnline { app_id, certificate_thumbprint, organization } => vec![
                SetupStep::Command(
                    Invocation::new("Import-Module")
                        .param("Name", "ExchangeOnlineManagement")
                        .param("ErrorAction", "Stop"),
                ),
                SetupStep::Command(
                    Invocation::new("Connect-ExchangeOnline")
                        .param("AppId", app_id.as_str())
                        .param("CertificateThumbprint", certificate_thumbprint.as_str())
                        .param("Organization", organization.as_str())
                        .param("ShowBanner", Value::Switch(false))
                        .param("ErrorAction", "Stop"),
                ),
            ],
            ProfileKind::Custom { setup } => {
                setup.iter().filter_map(|c| c.invocation().ok()).map(SetupStep::Command).collect()
            }
        }
    }

    /// Typed commands that undo the set-up when the session closes.
    pub fn teardown_steps(&self) -> Vec<Invocation> {
        match &self.kind {
            ProfileKind::ExchangeRemote { .. } => vec![Invocation::new("Remove-PSSession").param("Name", SESSION_NAME)],
            ProfileKind::ExchangeOnline { .. } => {
                vec![Invocation::new("Disconnect-ExchangeOnline").param("Confirm", Value::Switch(false))]
            }
            ProfileKind::ExchangeLocal { .. } | ProfileKind::Custom { .. } => Vec::new(),
        }
    }
}

/// The steps that create the PSSession [`SESSION_NAME`]: the only steps in which the endpoints differ.
fn connect_steps(
    endpoint: &RemoteEndpoint,
    credential_file: Option<&Path>,
    prompt_credential: bool,
    credential: Option<&(String, crate::secret::Secret)>,
) -> Vec<SetupStep> {
    let (uri, authentication) = match endpoint {
        RemoteEndpoint::Uri { uri, authentication } => (uri, authentication.name()),
        pipe => {
            let text = pipe.pipe_script().unwrap_or_default();
            return vec![SetupStep::Script { purpose: "open the named-pipe PSSession", text }];
        }
    };
    if prompt_credential {
        let user = credential.map_or("<user>", |(u, _)| u.as_str());
        let mut steps = Vec::new();
        if let Some((_, password)) = credential {
            steps.push(SetupStep::Command(
                Invocation::new("Set-Variable")
                    .param("Name", CREDENTIAL_VARIABLE)
                    .param("Scope", "Global")
                    .param("Value", Value::Secure(password.clone())),
            ));
        }
        steps.push(SetupStep::Script {
            purpose: "New-PSSession with the prompted credential",
            text: format!(
                "New-PSSession -Name {} -ConfigurationName Microsoft.Exchange -ConnectionUri {} -Authentication {} -Credential (New-Object -TypeName System.Management.Automation.PSCredential -ArgumentList {}, $global:{CREDENTIAL_VARIABLE}) -ErrorAction Stop | Out-Null; Remove-Variable -Name {} -Scope Global",
                quote(SESSION_NAME),
                quote(uri),
                quote(authentication),
                quote(user),
                quote(CREDENTIAL_VARIABLE)
            ),
        });
        return steps;
    }
    vec![match credential_file {
        None => SetupStep::Command(
            Invocation::new("New-PSSession")
                .param("Name", SESSION_NAME)
                .param("ConfigurationName", "Microsoft.Exchange")
                .param("ConnectionUri", uri.as_str())
                .param("Authentication", authentication)
                .param("ErrorAction", "Stop"),
        ),
        // The PSCredential must be read inside PowerShell (DPAPI), so this step is script.
        Some(file) => SetupStep::Script {
            purpose: "New-PSSession with the credential file",
            text: format!(
                "New-PSSession -Name {} -ConfigurationName Microsoft.Exchange -ConnectionUri {} -Authentication {} -Credential (Import-Clixml -LiteralPath {}) -ErrorAction Stop | Out-Null",
                quote(SESSION_NAME),
                quote(uri),
                quote(authentication),
                quote(&file.to_string_lossy())
            ),
        },
    }]
}

/// `Import-PSSession` of the named session, [`IMPORTED_COMMANDS`] only: script, because the session object
/// must stay inside PowerShell.
fn import_session() -> SetupStep {
    let names: Vec<String> = IMPORTED_COMMANDS.iter().map(|c| quote(c)).collect();
    SetupStep::Script {
        purpose: "Import-PSSession",
        text: format!(
            "Import-PSSession -Session (Get-PSSession -Name {}) -CommandName {} -DisableNameChecking -AllowClobber -ErrorAction Stop | Out-Null",
            quote(SESSION_NAME),
            names.join(",")
        ),
    }
}

/// The last set-up step: the local runspace becomes NoLanguage, like Exchange's endpoint. From here on it
/// runs commands with parameters only, so a script pipeline sent by mbxctl (or anything else) is refused
/// ("The syntax is not supported by this runspace"), while the imported proxy functions, defined before the
/// lock in FullLanguage, keep working. This is what makes "mbxctl sends no script text for its own
/// commands" checkable: tests/pwsh_remote.rs runs every workflow through a locked session.
fn lock_language() -> SetupStep {
    SetupStep::Script {
        purpose: "lock the session to NoLanguage",
        text: format!("$ExecutionContext.SessionState.LanguageMode = {}", quote("NoLanguage")),
    }
}

impl CommandSpec {
    /// The typed invocation, or what is wrong with a value.
    pub fn invocation(&self) -> Result<Invocation, String> {
        let mut inv = Invocation::new(self.cmdlet.clone());
        if self.cmdlet.is_empty() || !self.cmdlet.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_') {
            return Err(format!("{:?} is not a cmdlet name", self.cmdlet));
        }
        for (name, v) in &self.params {
            let value = match v {
                serde_json::Value::String(s) => Value::String(s.clone()),
                serde_json::Value::Bool(b) => Value::Switch(*b),
                serde_json::Value::Number(n) => {
                    Value::Int(n.as_i64().ok_or_else(|| format!("{}: -{name} {n} is not an integer", self.cmdlet))?)
                }
                serde_json::Value::Array(items) => Value::List(
                    items
                        .iter()
                        .map(|i| i.as_str().map(String::from))
                        .collect::<Option<Vec<_>>>()
                        .ok_or_else(|| format!("{}: -{name} must be a list of strings", self.cmdlet))?,
                ),
                _ => {
                    return Err(format!(
                        "{}: -{name} must be a string, integer, boolean or list of strings",
                        self.cmdlet
                    ));
                }
            };
            inv = inv.param(name.clone(), value);
        }
        Ok(inv)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_uri_endpoint_names_its_server_a_pipe_does_not() {
        let uri = |u: &str| RemoteEndpoint::Uri { uri: u.into(), authentication: Authentication::default() };
        assert_eq!(uri("http://ex01.contoso.com/PowerShell/").server_host().as_deref(), Some("ex01.contoso.com"));
        assert_eq!(uri("https://ex02:443/PowerShell").server_host().as_deref(), Some("ex02"));
        assert_eq!(RemoteEndpoint::ProcessPipe { pid: 7 }.server_host(), None);
    }

    fn remote(cred: Option<&str>) -> Profile {
        Profile {
            name: "onprem".into(),
            kind: ProfileKind::ExchangeRemote {
                server: "ex01.contoso.com".into(),
                named_pipe: None,
                authentication: Authentication::Kerberos,
                credential_file: cred.map(PathBuf::from),
                use_ssl: false,
                prompt_credential: false,
            },
        }
    }

    #[test]
    fn a_prompted_credential_travels_as_a_secure_string_and_the_user_is_quoted() {
        let mut p = remote(None);
        if let ProfileKind::ExchangeRemote { prompt_credential, .. } = &mut p.kind {
            *prompt_credential = true;
        }
        assert!(p.needs_credential());
        p.validate().unwrap();
        let cred = ("CONTOSO\\o'brien".to_string(), crate::secret::Secret::new("S3cret!"));
        let steps = p.setup_steps_with(Some(&cred));
        assert_eq!(steps.len(), 4);
        let SetupStep::Command(set) = &steps[0] else { panic!("{steps:?}") };
        assert!(set.is("Set-Variable"));
        assert!(matches!(set.get("Value"), Some(crate::cmdlet::Value::Secure(s)) if s.expose() == "S3cret!"));
        let SetupStep::Script { text, .. } = &steps[1] else { panic!("{steps:?}") };
        assert!(text.contains("-ArgumentList 'CONTOSO\\o''brien', $global:mbxctlCredentialPassword"), "{text}");
        assert!(!text.contains("S3cret"), "{text}");
        assert!(text.ends_with("Remove-Variable -Name 'mbxctlCredentialPassword' -Scope Global"), "{text}");
        let mut both = p.clone();
        if let ProfileKind::ExchangeRemote { credential_file, .. } = &mut both.kind {
            *credential_file = Some(PathBuf::from("c.xml"));
        }
        assert!(both.validate().unwrap_err().to_string().contains("not both"));
    }

    #[test]
    fn remote_without_credential_is_typed_then_imports() {
        let steps = remote(None).setup_steps();
        let SetupStep::Command(inv) = &steps[0] else { panic!("{steps:?}") };
        assert_eq!(inv.cmdlet, "New-PSSession");
        assert_eq!(inv.get_str("ConnectionUri"), Some("http://ex01.contoso.com/PowerShell/"));
        assert_eq!(inv.get_str("Authentication"), Some("Kerberos"));
        let SetupStep::Script { purpose: "Import-PSSession", text } = &steps[1] else { panic!("{steps:?}") };
        assert!(
            text.starts_with(
                "Import-PSSession -Session (Get-PSSession -Name 'mbxctl-exchange') -CommandName 'Get-Mailbox','Set-Mailbox',"
            ) && text.ends_with("'Get-RoleGroupMember' -DisableNameChecking -AllowClobber -ErrorAction Stop | Out-Null"),
            "{text}"
        );
        assert_eq!(
            steps[2],
            SetupStep::Script {
                purpose: "lock the session to NoLanguage",
                text: "$ExecutionContext.SessionState.LanguageMode = 'NoLanguage'".into()
            }
        );
        assert_eq!(steps.len(), 3);
        assert_eq!(
            remote(None).teardown_steps(),
            [Invocation::new("Remove-PSSession").param("Name", "mbxctl-exchange")]
        );
    }

    #[test]
    fn hostile_credential_path_stays_a_string() {
        let p = remote(Some("C:\\creds\\it's $(evil).xml"));
        let SetupStep::Script { text, .. } = &p.setup_steps()[0] else { panic!() };
        assert!(
            text.ends_with(
                "-Credential (Import-Clixml -LiteralPath 'C:\\creds\\it''s $(evil).xml') -ErrorAction Stop | Out-Null"
            ),
            "{text}"
        );
    }

    #[test]
    fn local_and_online_steps() {
        let local = Profile {
            name: "ems".into(),
            kind: ProfileKind::ExchangeLocal { install_path: Some("D:\\Exchange'x\\".into()) },
        };
        let SetupStep::Script { text, .. } = &local.setup_steps()[0] else { panic!() };
        assert_eq!(
            text,
            ". 'D:\\Exchange''x\\bin\\RemoteExchange.ps1'; Connect-ExchangeServer -auto -ClientApplication:ManagementShell | Out-Null"
        );
        let online = Profile {
            name: "exo".into(),
            kind: ProfileKind::ExchangeOnline {
                app_id: "2f4f1c8c-6f8e-4d0a-9a6b-0c9d5a1e2b3c".into(),
                certificate_thumbprint: "0123456789ABCDEF0123456789ABCDEF01234567".into(),
                organization: "contoso.onmicrosoft.com".into(),
            },
        };
        online.validate().unwrap();
        assert_eq!(online.side(), Side::Online);
        let steps = online.setup_steps();
        assert!(steps.iter().all(|s| matches!(s, SetupStep::Command(_))));
        let SetupStep::Command(c) = &steps[1] else { panic!() };
        assert_eq!(c.get("ShowBanner"), Some(&Value::Switch(false)));
    }

    #[test]
    fn validation_explains() {
        let mut p = remote(None);
        if let ProfileKind::ExchangeRemote { server, .. } = &mut p.kind {
            *server = "ex01/evil path".into();
        }
        assert!(p.validate().unwrap_err().to_string().contains("is not a host name"));
        let basic = Profile {
            name: "b".into(),
            kind: ProfileKind::ExchangeRemote {
                server: "ex".into(),
                named_pipe: None,
                authentication: Authentication::Basic,
                credential_file: None,
                use_ssl: false,
                prompt_credential: false,
            },
        };
        assert!(basic.validate().unwrap_err().to_string().contains("useSsl"));
    }

    #[test]
    fn json_round_trip_and_save_replaces_by_name() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("sub").join("profiles.json");
        assert!(load_profiles(&path).unwrap().is_empty());
        save_profile(&path, &remote(Some("C:\\a.xml"))).unwrap();
        let custom: Profile = serde_json::from_str(
            r#"{"name":"mine","kind":"custom","setup":[{"cmdlet":"Import-Module","params":{"Name":"X","Force":true,"Depth":2,"List":["a"]}}]}"#,
        )
        .unwrap();
        save_profile(&path, &custom).unwrap();
        save_profile(&path, &remote(None)).unwrap();
        let loaded = load_profiles(&path).unwrap();
        assert_eq!(loaded, vec![remote(None), custom.clone()]);
        let text = std::fs::read_to_string(&path).unwrap();
        assert!(
            text.contains("\"kind\": \"exchange-remote\"") && text.contains("\"authentication\": \"Kerberos\""),
            "{text}"
        );
        let SetupStep::Command(inv) = &custom.setup_steps()[0] else { panic!() };
        assert_eq!(inv.get("Force"), Some(&Value::Switch(true)));
        assert_eq!(inv.get("Depth"), Some(&Value::Int(2)));
        assert_eq!(find_profile(&loaded, "MINE"), Some(&custom));

        std::fs::write(&path, "{\"profiles\": [{\"name\": \"x\", \"kind\": \"nope\"}]}").unwrap();
        let err = load_profiles(&path).unwrap_err().to_string();
        assert!(err.contains("invalid profiles file") && err.contains("line 1"), "{err}");
    }

    fn piped(pipe: NamedPipe) -> Profile {
        Profile {
            name: "pipe".into(),
            kind: ProfileKind::ExchangeRemote {
                server: String::new(),
                named_pipe: Some(pipe),
                authentication: Authentication::default(),
                credential_file: None,
                use_ssl: false,
                prompt_credential: false,
            },
        }
    }

    #[test]
    fn a_named_pipe_differs_from_a_server_only_in_the_connect_step() {
        let by_name = piped(NamedPipe { process_id: None, pipe_name: Some("mbxctl-standin.1".into()) });
        by_name.validate().unwrap();
        assert_eq!(by_name.endpoint(), Some(RemoteEndpoint::CustomPipe { name: "mbxctl-standin.1".into() }));
        let steps = by_name.setup_steps();
        let server = remote(None).setup_steps();
        assert_eq!(steps.len(), server.len());
        assert_eq!(steps[1..], server[1..], "only the connection differs");
        assert_eq!(by_name.teardown_steps(), remote(None).teardown_steps());
        let SetupStep::Script { text, .. } = &steps[0] else { panic!("{steps:?}") };
        assert_eq!(
            text,
            "& { [CmdletBinding()] param() $connection = [System.Management.Automation.Runspaces.NamedPipeConnectionInfo]::new('mbxctl-standin.1'); $runspace = [System.Management.Automation.Runspaces.RunspaceFactory]::CreateRunspace($connection); $runspace.Open(); $session = [System.Management.Automation.Runspaces.PSSession]::Create($runspace, 'NamedPipe', $PSCmdlet); $session.Name = 'mbxctl-exchange' }"
        );
        let by_pid = piped(NamedPipe { process_id: Some(4242), pipe_name: None });
        by_pid.validate().unwrap();
        let SetupStep::Script { text, .. } = &by_pid.setup_steps()[0] else { panic!() };
        assert!(text.contains("NamedPipeConnectionInfo]::new([int]'4242')"), "{text}");
        assert_eq!(by_pid.endpoint().unwrap().describe(), "named pipe of PowerShell process 4242");
    }

    #[test]
    fn a_named_pipe_profile_is_checked() {
        let err = |p: Profile| p.validate().unwrap_err().to_string();
        assert!(err(piped(NamedPipe { process_id: None, pipe_name: None })).contains("exactly one of processId"));
        assert!(err(piped(NamedPipe { process_id: Some(1), pipe_name: Some("x".into()) })).contains("exactly one"));
        let hostile = err(piped(NamedPipe { process_id: None, pipe_name: Some("x'); Remove-Item /".into()) }));
        assert!(hostile.contains("must be 1 to 100 letters"), "{hostile}");
        let mut both = piped(NamedPipe { process_id: Some(7), pipe_name: None });
        if let ProfileKind::ExchangeRemote { server, .. } = &mut both.kind {
            *server = "ex01".into();
        }
        assert!(err(both).contains("not both"));
        let mut cred = piped(NamedPipe { process_id: Some(7), pipe_name: None });
        if let ProfileKind::ExchangeRemote { prompt_credential, .. } = &mut cred.kind {
            *prompt_credential = true;
        }
        assert!(err(cred).contains("connects as the account running mbxctl"));
        let json: Profile =
            serde_json::from_str(r#"{"name":"p","kind":"exchange-remote","namedPipe":{"pipeName":"standin"}}"#)
                .unwrap();
        assert_eq!(json, piped(NamedPipe { process_id: None, pipe_name: Some("standin".into()) }).renamed("p"));
        let text = serde_json::to_string(&json).unwrap();
        assert!(!text.contains("server") && text.contains(r#""namedPipe":{"pipeName":"standin"}"#), "{text}");
        assert!(
            serde_json::from_str::<Profile>(r#"{"name":"p","kind":"exchange-remote","namedPipe":{"pid":1}}"#).is_err()
        );
    }

    impl Profile {
        fn renamed(mut self, name: &str) -> Profile {
            self.name = name.into();
            self
        }
    }
}
