//! `mbxctl session test`: what the session reaches and what the account may do, from typed commands only.
//!
//! It is a health check for runbooks, so its verdict ([`Health`]) is one of four facts: healthy, Exchange did
//! not answer (no Exchange cmdlets in the session, or the server unreachable), a needed role is missing, or the
//! roles could not be confirmed. The roles checked are those of the account the session really runs as
//! ([`account_to_check`]).

use std::path::Path;

use serde::Serialize;

use super::profile::ProfileKind;
use super::session::PsrpShell;
use crate::cmdlet::Invocation;
use crate::psobject::PsValue;
use crate::shell::{Outcome, Shell, ShellError, Side};

/// The management roles mbxctl's workflows need (Exchange RBAC): converting mailboxes needs Mail Recipients;
/// converting a shared mailbox back to a user mailbox sets a password, which needs Reset Password.
pub const NEEDED_ROLES: [&str; 2] = ["Mail Recipients", "Reset Password"];

/// What `session test` prints.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SessionReport {
    /// The verdict (see [`Health`]).
    pub status: Health,
    /// The local PowerShell's version (from APPLICATION_PRIVATE_DATA's PSVersionTable).
    pub powershell_version: Option<String>,
    /// The PSRP protocol version the local PowerShell speaks.
    pub protocol_version: Option<String>,
    /// Whether Exchange answered: `Get-ExchangeServer` returned a server (on-premises), or the role query ran
    /// (Exchange Online, which has no `Get-ExchangeServer`).
    pub exchange_answered: bool,
    /// The first Exchange server's name (`Get-ExchangeServer`), on-premises only.
    pub exchange_server: Option<String>,
    /// Its `AdminDisplayVersion` as text, e.g. `Version 15.1 (Build 2375.7)`.
    pub exchange_version: Option<String>,
    /// The account whose roles were checked (`DOMAIN\user`, a UPN, or a user name), when known.
    pub account: Option<String>,
    /// Where that account name came from (see [`AccountSource`]).
    pub account_source: Option<AccountSource>,
    /// One entry per needed role.
    pub roles: Vec<RoleCheck>,
    /// Problems met while asking (a failed command is reported here, not as a session error).
    pub problems: Vec<String>,
}

/// The verdict of `session test`; each has its own exit code (docs/sessions.md, "Health check").
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Health {
    /// The session opened, Exchange answered, and the account holds every needed role.
    Healthy,
    /// The session opened but Exchange did not answer: no Exchange cmdlets in it, or the server is unreachable.
    NoExchange,
    /// Exchange answered and the account lacks at least one needed role.
    RoleMissing,
    /// Exchange answered but the roles could not be confirmed (the account is unknown, or the role query failed).
    RolesUnknown,
}

/// Where the name of the account checked came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum AccountSource {
    /// The user name typed for a profile that prompts for a credential.
    Credential,
    /// The `UserName` of the profile's credential file (read by mbxctl; the password stays encrypted).
    CredentialFile,
    /// The operating system's answer inside the session: `whoami`, run as a typed command in the PowerShell
    /// process, so it names the account that process (and Kerberos towards Exchange) runs as.
    PowershellProcess,
    /// The Entra application of an app-only Exchange Online profile.
    Application,
    /// Given by the caller.
    Given,
}

/// Whether the account holds a role.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RoleCheck {
    /// The role.
    pub role: String,
    /// `Some(true)` if an effective assignment names the account; `None` when it could not be determined
    /// (no account known, or the query failed).
    pub held: Option<bool>,
    /// The role assignments (or role groups) through which the account holds it.
    pub via: Vec<String>,
}

/// The account whose roles a session has, and where its name came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Account {
    /// The name, when it could be found.
    pub name: Option<String>,
    /// Where it came from.
    pub source: AccountSource,
    /// Why the name is missing, when it is.
    pub problem: Option<String>,
}

/// The account the session really runs as.
///
/// A profile with a credential runs as the credential's user (typed at the prompt, or the `UserName` inside the
/// credential file). Otherwise the session runs as the PowerShell process's own OS account. That account is
/// asked for inside the session with `whoami` as a typed command (a native command, no script text): it reads
/// the process token (Windows, `DOMAIN\user`) or the effective uid (Unix), so it is right for services and
/// containers that set no `USER`/`USERNAME`, and right even when `--pwsh` names a wrapper that runs PowerShell
/// as someone else. mbxctl's own identity would miss that case, and environment variables can be absent or lie.
pub async fn account_to_check(shell: &mut PsrpShell) -> Result<Account, ShellError> {
    if let Some(user) = shell.credential_user() {
        return Ok(Account { name: Some(user.to_string()), source: AccountSource::Credential, problem: None });
    }
    match shell.profile().map(|p| &p.kind) {
        Some(ProfileKind::ExchangeRemote { credential_file: Some(file), .. }) => {
            let (name, problem) = match credential_file_user(file) {
                Ok(user) => (Some(user), None),
                Err(why) => (None, Some(why)),
            };
            return Ok(Account { name, source: AccountSource::CredentialFile, problem });
        }
        Some(ProfileKind::ExchangeOnline { app_id, .. }) => {
            return Ok(Account { name: Some(app_id.clone()), source: AccountSource::Application, problem: None });
        }
        _ => {}
    }
    let outcome = shell.run(&Invocation::new("whoami")).await?;
    let name = outcome.output.iter().filter_map(PsValue::display).map(|s| s.trim().to_string()).find(|s| !s.is_empty());
    let problem = match (&name, outcome.errors.first()) {
        (Some(_), _) => None,
        (None, Some(e)) => Some(format!("whoami: {}", e.message)),
        (None, None) => Some("whoami printed nothing".to_string()),
    };
    Ok(Account { name, source: AccountSource::PowershellProcess, problem })
}

/// The `UserName` stored in an `Export-Clixml` PSCredential file. Only that string is read; the password
/// (`<SS>`, DPAPI-protected on Windows) is left alone.
pub fn credential_file_user(path: &Path) -> Result<String, String> {
    let text = std::fs::read_to_string(path)
        .map_err(|e| format!("cannot read the credential file {}: {e}", path.display()))?;
    let mut reader = quick_xml::Reader::from_str(&text);
    let mut in_user = false;
    loop {
        match reader.read_event() {
            Ok(quick_xml::events::Event::Start(e)) => {
                in_user = e.name().as_ref() == b"S"
                    && e.try_get_attribute("N").ok().flatten().is_some_and(|a| a.value.as_ref() == b"UserName");
            }
            Ok(quick_xml::events::Event::Text(t)) if in_user => {
                let user = t.unescape().map_err(|e| format!("{}: UserName: {e}", path.display()))?;
                return Ok(user.trim().to_string());
            }
            Ok(quick_xml::events::Event::End(_)) => in_user = false,
            Ok(quick_xml::events::Event::Eof) => break,
            Ok(_) => {}
            Err(e) => return Err(format!("{} is not an Export-Clixml credential file: {e}", path.display())),
        }
    }
    Err(format!("{} holds no UserName; create it with: Get-Credential | Export-Clixml -Path <file>", path.display()))
}

/// Asks the session about itself. `assignee` is the account to check roles for (`DOMAIN\user` or UPN); the
/// role query is `Get-ManagementRoleAssignment -Role R -GetEffectiveUsers`, matched on `EffectiveUserName`.
pub async fn session_report(shell: &mut PsrpShell, assignee: Option<&str>) -> Result<SessionReport, ShellError> {
    let info = shell.server_info().clone();
    let mut report = SessionReport {
        status: Health::NoExchange,
        powershell_version: info.powershell_version,
        protocol_version: info.protocol_version,
        exchange_answered: false,
        exchange_server: None,
        exchange_version: None,
        account: assignee.map(String::from),
        account_source: assignee.map(|_| AccountSource::Given),
        roles: Vec::new(),
        problems: Vec::new(),
    };
    let online = shell.describe().side == Side::Online;
    if !online {
        let outcome = shell.run(&Invocation::new("Get-ExchangeServer")).await?;
        if let Some(first) = outcome.output.first().and_then(PsValue::as_object) {
            report.exchange_server = first.get("Name").and_then(PsValue::display);
            report.exchange_version = first.get("AdminDisplayVersion").and_then(PsValue::display);
            report.exchange_answered = true;
        } else if outcome.errors.is_empty() {
            report.problems.push("Get-ExchangeServer: returned no server".into());
        }
        report.problems.extend(outcome.errors.iter().map(|e| format!("Get-ExchangeServer: {}", e.message)));
    }
    for role in NEEDED_ROLES {
        let inv = Invocation::new("Get-ManagementRoleAssignment").param("Role", role).switch("GetEffectiveUsers");
        let outcome = shell.run(&inv).await?;
        if online && outcome.state == crate::shell::PipelineEnd::Completed && !not_found(&outcome) {
            report.exchange_answered = true;
        }
        if !outcome.errors.is_empty() {
            report.problems.extend(
                outcome.errors.iter().map(|e| format!("Get-ManagementRoleAssignment -Role '{role}': {}", e.message)),
            );
            report.roles.push(RoleCheck { role: role.into(), held: None, via: Vec::new() });
            continue;
        }
        let via: Vec<String> = match assignee {
            None => Vec::new(),
            Some(who) => outcome
                .output
                .iter()
                .filter_map(PsValue::as_object)
                .filter(|a| {
                    a.get("EffectiveUserName").and_then(PsValue::display).is_some_and(|n| same_account(&n, who))
                })
                .filter_map(|a| a.get("RoleAssigneeName").or_else(|| a.get("Name")).and_then(PsValue::display))
                .collect(),
        };
        report.roles.push(RoleCheck { role: role.into(), held: assignee.map(|_| !via.is_empty()), via });
    }
    report.status = report.health();
    Ok(report)
}

/// Whether a command failed because it does not exist in the session.
fn not_found(outcome: &Outcome) -> bool {
    outcome.errors.iter().any(|e| {
        e.exception_type.as_deref().is_some_and(|t| t.ends_with("CommandNotFoundException"))
            || e.fully_qualified_error_id.starts_with("CommandNotFoundException")
    })
}

impl SessionReport {
    /// The verdict from the facts gathered: Exchange first, then missing roles, then unknown ones.
    pub fn health(&self) -> Health {
        if !self.exchange_answered {
            Health::NoExchange
        } else if self.roles.iter().any(|r| r.held == Some(false)) {
            Health::RoleMissing
        } else if self.roles.iter().any(|r| r.held.is_none()) {
            Health::RolesUnknown
        } else {
            Health::Healthy
        }
    }
}

/// Compares account names the way admins write them: `CONTOSO\alice`, `alice`, or `alice@contoso.com`.
fn same_account(effective: &str, given: &str) -> bool {
    let short = |s: &str| {
        let s = s.rsplit('\\').next().unwrap_or(s);
        s.split('@').next().unwrap_or(s).to_ascii_lowercase()
    };
    effective.eq_ignore_ascii_case(given) || short(effective) == short(given)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn account_names_match_across_forms() {
        assert!(same_account("Alice", "CONTOSO\\alice"));
        assert!(same_account("alice", "alice@contoso.com"));
        assert!(!same_account("alice", "bob"));
    }

    fn report(answered: bool, held: &[Option<bool>]) -> SessionReport {
        SessionReport {
            status: Health::Healthy,
            powershell_version: None,
            protocol_version: None,
            exchange_answered: answered,
            exchange_server: None,
            exchange_version: None,
            account: None,
            account_source: None,
            roles: held.iter().map(|h| RoleCheck { role: "r".into(), held: *h, via: Vec::new() }).collect(),
            problems: Vec::new(),
        }
    }

    #[test]
    fn health_puts_exchange_first_then_missing_then_unknown_roles() {
        assert_eq!(report(false, &[Some(true), Some(true)]).health(), Health::NoExchange);
        assert_eq!(report(true, &[None, Some(false)]).health(), Health::RoleMissing);
        assert_eq!(report(true, &[Some(true), None]).health(), Health::RolesUnknown);
        assert_eq!(report(true, &[Some(true), Some(true)]).health(), Health::Healthy);
    }

    #[test]
    fn the_user_name_of_a_credential_file_is_read_and_the_password_left_alone() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("svc.cred.xml");
        // What Export-Clixml writes for a PSCredential (the SS is DPAPI ciphertext on Windows).
        std::fs::write(
            &file,
            r#"<Objs Version="1.1.0.1" xmlns="http://schemas.microsoft.com/powershell/2004/04">
  <Obj RefId="0">
    <TN RefId="0"><T>System.Management.Automation.PSCredential</T><T>System.Object</T></TN>
    <ToString>System.Management.Automation.PSCredential</ToString>
    <Props>
      <S N="UserName">CONTOSO\svc-exchange&amp;co</S>
      <SS N="Password">01000000d08c9ddf0115d1118c7a00c04fc297eb01000000</SS>
    </Props>
  </Obj>
</Objs>"#,
        )
        .unwrap();
        assert_eq!(credential_file_user(&file).unwrap(), "CONTOSO\\svc-exchange&co");
        std::fs::write(&file, "<Objs><Obj RefId=\"0\"><Props></Props></Obj></Objs>").unwrap();
        assert!(credential_file_user(&file).unwrap_err().contains("holds no UserName"));
        let err = credential_file_user(&dir.path().join("missing.xml")).unwrap_err();
        assert!(err.contains("cannot read the credential file"), "{err}");
    }
}
