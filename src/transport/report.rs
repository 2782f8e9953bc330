//! `mbxctl session test`: what the session reaches and what the account may do, from typed commands only.

use serde::Serialize;

use super::session::PsrpShell;
use crate::cmdlet::Invocation;
use crate::psobject::PsValue;
use crate::shell::{Shell, ShellError, Side};

/// The management roles mbxctl's workflows need (Exchange RBAC): converting mailboxes needs Mail Recipients;
/// converting a shared mailbox back to a user mailbox sets a password, which needs Reset Password.
pub const NEEDED_ROLES: [&str; 2] = ["Mail Recipients", "Reset Password"];

/// What `session test` prints.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SessionReport {
    /// The local PowerShell's version (from APPLICATION_PRIVATE_DATA's PSVersionTable).
    pub powershell_version: Option<String>,
    /// The PSRP protocol version the local PowerShell speaks.
    pub protocol_version: Option<String>,
    /// The first Exchange server's name (`Get-ExchangeServer`), on-premises only.
    pub exchange_server: Option<String>,
    /// Its `AdminDisplayVersion` as text, e.g. `Version 15.1 (Build 2375.7)`.
    pub exchange_version: Option<String>,
    /// One entry per needed role.
    pub roles: Vec<RoleCheck>,
    /// Problems met while asking (a failed command is reported here, not as a session error).
    pub problems: Vec<String>,
}

/// Whether the account holds a role.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RoleCheck {
    /// The role.
    pub role: String,
    /// `Some(true)` if an effective assignment names the account; `None` when it could not be determined
    /// (no account given, or the query failed).
    pub held: Option<bool>,
    /// The role assignments (or role groups) through which the account holds it.
    pub via: Vec<String>,
}

/// Asks the session about itself. `assignee` is the account to check roles for (`DOMAIN\user` or UPN); the
/// role query is `Get-ManagementRoleAssignment -Role R -GetEffectiveUsers`, matched on `EffectiveUserName`.
pub async fn session_report(shell: &mut PsrpShell, assignee: Option<&str>) -> Result<SessionReport, ShellError> {
    let info = shell.server_info().clone();
    let mut report = SessionReport {
        powershell_version: info.powershell_version,
        protocol_version: info.protocol_version,
        exchange_server: None,
        exchange_version: None,
        roles: Vec::new(),
        problems: Vec::new(),
    };
    if shell.describe().side == Side::OnPremises {
        let outcome = shell.run(&Invocation::new("Get-ExchangeServer")).await?;
        if let Some(first) = outcome.output.first().and_then(PsValue::as_object) {
            report.exchange_server = first.get("Name").and_then(PsValue::display);
            report.exchange_version = first.get("AdminDisplayVersion").and_then(PsValue::display);
        }
        report.problems.extend(outcome.errors.iter().map(|e| format!("Get-ExchangeServer: {}", e.message)));
    }
    for role in NEEDED_ROLES {
        let inv = Invocation::new("Get-ManagementRoleAssignment").param("Role", role).switch("GetEffectiveUsers");
        let outcome = shell.run(&inv).await?;
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
    Ok(report)
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
    #[test]
    fn account_names_match_across_forms() {
        assert!(super::same_account("Alice", "CONTOSO\\alice"));
        assert!(super::same_account("alice", "alice@contoso.com"));
        assert!(!super::same_account("alice", "bob"));
    }
}
