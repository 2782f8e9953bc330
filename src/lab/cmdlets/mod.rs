//! The cmdlets the lab implements, per side, with the parameters each accepts. A cmdlet not in
//! this table is "not recognized", a parameter not listed "cannot be found", as in a real session.
//! A bare `§N` cites docs/exchange-notes.md.

mod config;
mod mailbox;
mod permissions;
mod recipients;

use super::context::Spec;
use super::model::ServerVersion;
use super::store::OrgConfig;
use crate::shell::Side;

const MAIL_RECIPIENTS: Option<&str> = Some("Mail Recipients");
const CREATION: Option<&str> = Some("Mail Recipient Creation");
const AD_PERMISSIONS: Option<&str> = Some("Active Directory Permissions");

macro_rules! spec {
    ($name:expr, $dotnet:expr, $side:ident, [$($p:expr),*], [$($m:expr),*], $pos:expr, $mutating:expr, $role:expr, $run:path) => {
        Spec {
            name: $name,
            dotnet: $dotnet,
            side: Side::$side,
            params: &[$($p),*],
            mandatory: &[$($m),*],
            positional: $pos,
            mutating: $mutating,
            role: $role,
            run: $run,
        }
    };
}

static SPECS: &[Spec] = &[
    // ---- on-premises ----
    spec!(
        "Get-Mailbox",
        concat!("Microsoft.Exchange.Management.RecipientTasks.", "GetMailbox"),
        OnPremises,
        ["Identity", "ResultSize", "RecipientTypeDetails", "Database", "DomainController"],
        [],
        Some("Identity"),
        false,
        MAIL_RECIPIENTS,
        mailbox::get_mailbox
    ),
    spec!(
        "Set-Mailbox",
        concat!("Microsoft.Exchange.Management.RecipientTasks.", "SetMailbox"),
        OnPremises,
        [
            "Identity",
            "Type",
            "Password",
            "ResetPasswordOnNextLogon",
            "GrantSendOnBehalfTo",
            "MessageCopyForSentAsEnabled",
            "MessageCopyForSendOnBehalfEnabled",
            "Force",
            "DomainController"
        ],
        ["Identity"],
        Some("Identity"),
        true,
        MAIL_RECIPIENTS,
        mailbox::set_mailbox
    ),
    spec!(
        "Get-MailboxStatistics",
        "Microsoft.Exchange.Management.MapiTasks.GetMailboxStatistics",
        OnPremises,
        ["Identity", "Database", "Archive", "DomainController"],
        [],
        Some("Identity"),
        false,
        MAIL_RECIPIENTS,
        mailbox::get_statistics
    ),
    spec!(
        "Get-Recipient",
        concat!("Microsoft.Exchange.Management.RecipientTasks.", "GetRecipient"),
        OnPremises,
        ["Identity", "Anr", "ResultSize", "RecipientTypeDetails", "DomainController"],
        [],
        Some("Identity"),
        false,
        MAIL_RECIPIENTS,
        recipients::get_recipient
    ),
    spec!(
        "Get-User",
        concat!("Microsoft.Exchange.Management.RecipientTasks.", "GetUser"),
        OnPremises,
        ["Identity", "ResultSize", "RecipientTypeDetails", "DomainController"],
        [],
        Some("Identity"),
        false,
        MAIL_RECIPIENTS,
        recipients::get_user
    ),
    spec!(
        "Get-RemoteMailbox",
        concat!("Microsoft.Exchange.Management.RecipientTasks.", "GetRemoteMailbox"),
        OnPremises,
        ["Identity", "ResultSize", "DomainController"],
        [],
        Some("Identity"),
        false,
        MAIL_RECIPIENTS,
        recipients::get_remote_mailbox
    ),
    spec!(
        "Set-RemoteMailbox",
        concat!("Microsoft.Exchange.Management.RecipientTasks.", "SetRemoteMailbox"),
        OnPremises,
        ["Identity", "Type", "ACLableSyncedObjectEnabled", "ExchangeGuid", "DomainController"],
        ["Identity"],
        Some("Identity"),
        true,
        MAIL_RECIPIENTS,
        recipients::set_remote_mailbox
    ),
    spec!(
        "Enable-RemoteMailbox",
        concat!("Microsoft.Exchange.Management.RecipientTasks.", "EnableRemoteMailbox"),
        OnPremises,
        [
            "Identity",
            "RemoteRoutingAddress",
            "Alias",
            "PrimarySmtpAddress",
            "Shared",
            "Room",
            "Equipment",
            "ACLableSyncedObjectEnabled",
            "DomainController"
        ],
        ["Identity"],
        Some("Identity"),
        true,
        CREATION,
        recipients::enable_remote_mailbox
    ),
    spec!(
        "Connect-Mailbox",
        "Microsoft.Exchange.Management.MapiTasks.ConnectMailbox",
        OnPremises,
        ["Identity", "Database", "User", "Alias", "Shared", "ValidateOnly", "DomainController"],
        ["Identity", "Database"],
        Some("Identity"),
        true,
        CREATION,
        recipients::connect_mailbox
    ),
    spec!(
        "Get-MailboxPermission",
        concat!("Microsoft.Exchange.Management.RecipientTasks.", "GetMailboxPermission"),
        OnPremises,
        ["Identity", "User", "DomainController"],
        ["Identity"],
        Some("Identity"),
        false,
        MAIL_RECIPIENTS,
        permissions::get_mailbox_permission
    ),
    spec!(
        "Add-MailboxPermission",
        concat!("Microsoft.Exchange.Management.RecipientTasks.", "AddMailboxPermission"),
        OnPremises,
        ["Identity", "User", "AccessRights", "InheritanceType", "AutoMapping", "Deny", "DomainController"],
        ["Identity", "User", "AccessRights"],
        Some("Identity"),
        true,
        MAIL_RECIPIENTS,
        permissions::add_mailbox_permission
    ),
    spec!(
        "Remove-MailboxPermission",
        concat!("Microsoft.Exchange.Management.RecipientTasks.", "RemoveMailboxPermission"),
        OnPremises,
        ["Identity", "User", "AccessRights", "InheritanceType", "Deny", "DomainController"],
        ["Identity", "User", "AccessRights"],
        Some("Identity"),
        true,
        MAIL_RECIPIENTS,
        permissions::remove_mailbox_permission
    ),
    spec!(
        "Get-ADPermission",
        concat!("Microsoft.Exchange.Management.RecipientTasks.", "GetADPermission"),
        OnPremises,
        ["Identity", "User", "DomainController"],
        ["Identity"],
        Some("Identity"),
        false,
        None,
        permissions::get_ad_permission
    ),
    spec!(
        "Add-ADPermission",
        concat!("Microsoft.Exchange.Management.RecipientTasks.", "AddADPermission"),
        OnPremises,
        ["Identity", "User", "AccessRights", "ExtendedRights", "InheritanceType", "Deny", "DomainController"],
        ["Identity", "User"],
        Some("Identity"),
        true,
        AD_PERMISSIONS,
        permissions::add_ad_permission
    ),
    spec!(
        "Remove-ADPermission",
        concat!("Microsoft.Exchange.Management.RecipientTasks.", "RemoveADPermission"),
        OnPremises,
        ["Identity", "User", "AccessRights", "ExtendedRights", "InheritanceType", "Deny", "DomainController"],
        ["Identity", "User"],
        Some("Identity"),
        true,
        AD_PERMISSIONS,
        permissions::remove_ad_permission
    ),
    spec!(
        "Get-InboxRule",
        concat!("Microsoft.Exchange.Management.RecipientTasks.", "GetInboxRule"),
        OnPremises,
        ["Mailbox", "Identity", "DomainController"],
        [],
        Some("Identity"),
        false,
        MAIL_RECIPIENTS,
        config::get_inbox_rule
    ),
    spec!(
        "Get-ExchangeServer",
        "Microsoft.Exchange.Management.SystemConfigurationTasks.GetExchangeServer",
        OnPremises,
        ["Identity", "DomainController"],
        [],
        Some("Identity"),
        false,
        None,
        config::get_exchange_server
    ),
    spec!(
        "Get-MailboxDatabase",
        "Microsoft.Exchange.Management.SystemConfigurationTasks.GetMailboxDatabase",
        OnPremises,
        ["Identity", "Status", "DomainController"],
        [],
        Some("Identity"),
        false,
        None,
        config::get_mailbox_database
    ),
    spec!(
        "Get-ManagementRoleAssignment",
        "Microsoft.Exchange.Management.RbacTasks.GetManagementRoleAssignment",
        OnPremises,
        ["Identity", "Role", "RoleAssignee", "Enabled", "DomainController"],
        [],
        Some("Identity"),
        false,
        None,
        config::get_role_assignment
    ),
    // ---- Exchange Online ----
    spec!(
        "Get-Mailbox",
        concat!("Microsoft.Exchange.Management.RecipientTasks.", "GetMailbox"),
        Online,
        ["Identity", "ResultSize", "RecipientTypeDetails"],
        [],
        Some("Identity"),
        false,
        None,
        mailbox::get_cloud_mailbox
    ),
    spec!(
        "Get-EXOMailbox",
        "Microsoft.Exchange.Management.RestApiClient.GetExoMailbox",
        Online,
        [
            "Identity",
            "UserPrincipalName",
            "PrimarySmtpAddress",
            "ResultSize",
            "RecipientTypeDetails",
            "Properties",
            "PropertySets"
        ],
        [],
        Some("Identity"),
        false,
        None,
        mailbox::get_cloud_mailbox
    ),
    spec!(
        "Set-Mailbox",
        concat!("Microsoft.Exchange.Management.RecipientTasks.", "SetMailbox"),
        Online,
        [
            "Identity",
            "Type",
            "GrantSendOnBehalfTo",
            "MessageCopyForSentAsEnabled",
            "MessageCopyForSendOnBehalfEnabled",
            "Force"
        ],
        ["Identity"],
        Some("Identity"),
        true,
        None,
        mailbox::set_cloud_mailbox
    ),
    spec!(
        "Get-MailboxStatistics",
        "Microsoft.Exchange.Management.MapiTasks.GetMailboxStatistics",
        Online,
        ["Identity", "Archive"],
        ["Identity"],
        Some("Identity"),
        false,
        None,
        mailbox::get_cloud_statistics
    ),
    spec!(
        "Get-EXOMailboxStatistics",
        "Microsoft.Exchange.Management.RestApiClient.GetExoMailboxStatistics",
        Online,
        ["Identity", "Archive", "Properties", "PropertySets"],
        ["Identity"],
        Some("Identity"),
        false,
        None,
        mailbox::get_cloud_statistics
    ),
    spec!(
        "Get-Recipient",
        concat!("Microsoft.Exchange.Management.RecipientTasks.", "GetRecipient"),
        Online,
        ["Identity", "ResultSize", "RecipientTypeDetails"],
        [],
        Some("Identity"),
        false,
        None,
        recipients::get_cloud_recipient
    ),
    spec!(
        "Get-MailboxPermission",
        concat!("Microsoft.Exchange.Management.RecipientTasks.", "GetMailboxPermission"),
        Online,
        ["Identity", "User"],
        ["Identity"],
        Some("Identity"),
        false,
        None,
        permissions::get_mailbox_permission
    ),
    spec!(
        "Add-MailboxPermission",
        concat!("Microsoft.Exchange.Management.RecipientTasks.", "AddMailboxPermission"),
        Online,
        ["Identity", "User", "AccessRights", "InheritanceType", "AutoMapping", "Deny"],
        ["Identity", "User", "AccessRights"],
        Some("Identity"),
        true,
        None,
        permissions::add_mailbox_permission
    ),
    spec!(
        "Remove-MailboxPermission",
        concat!("Microsoft.Exchange.Management.RecipientTasks.", "RemoveMailboxPermission"),
        Online,
        ["Identity", "User", "AccessRights", "InheritanceType", "Deny"],
        ["Identity", "User", "AccessRights"],
        Some("Identity"),
        true,
        None,
        permissions::remove_mailbox_permission
    ),
    spec!(
        "Get-RecipientPermission",
        concat!("Microsoft.Exchange.Management.RecipientTasks.", "GetRecipientPermission"),
        Online,
        ["Identity", "Trustee"],
        [],
        Some("Identity"),
        false,
        None,
        permissions::get_recipient_permission
    ),
    spec!(
        "Add-RecipientPermission",
        concat!("Microsoft.Exchange.Management.RecipientTasks.", "AddRecipientPermission"),
        Online,
        ["Identity", "Trustee", "AccessRights"],
        ["Identity", "Trustee", "AccessRights"],
        Some("Identity"),
        true,
        None,
        permissions::add_recipient_permission
    ),
    spec!(
        "Remove-RecipientPermission",
        concat!("Microsoft.Exchange.Management.RecipientTasks.", "RemoveRecipientPermission"),
        Online,
        ["Identity", "Trustee", "AccessRights"],
        ["Identity", "Trustee", "AccessRights"],
        Some("Identity"),
        true,
        None,
        permissions::remove_recipient_permission
    ),
    spec!(
        "Get-InboxRule",
        concat!("Microsoft.Exchange.Management.RecipientTasks.", "GetInboxRule"),
        Online,
        ["Mailbox", "Identity"],
        [],
        Some("Identity"),
        false,
        None,
        config::get_inbox_rule
    ),
];

/// The cmdlet `name` on `side`, matched case-insensitively.
pub(crate) fn find(name: &str, side: Side) -> Option<&'static Spec> {
    SPECS.iter().find(|s| s.side == side && s.name.eq_ignore_ascii_case(name.trim()))
}

/// Whether a parameter exists in this session: some need a newer server (§1.2, §1.3) or a role
/// (§1.1 RBAC: `-Password` needs Reset Password); a missing one "cannot be found" (§6.3).
pub(crate) fn parameter_available(spec: &Spec, param: &str, org: &OrgConfig, version: Option<ServerVersion>) -> bool {
    match (spec.side, spec.name, param) {
        (Side::OnPremises, "Set-Mailbox", "Password" | "ResetPasswordOnNextLogon") => org.has_role("Reset Password"),
        (Side::OnPremises, "Enable-RemoteMailbox", "Shared") => version.is_some_and(|v| v.has_remote_shared()),
        _ => true,
    }
}

/// Every cmdlet name the lab implements on a side (for docs and the CLI).
pub fn implemented(side: Side) -> Vec<&'static str> {
    SPECS.iter().filter(|s| s.side == side).map(|s| s.name).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_spec_lists_its_mandatory_and_positional_parameters() {
        for s in SPECS {
            for m in s.mandatory {
                assert!(s.params.contains(m), "{} mandatory {m} not in params", s.name);
            }
            if let Some(p) = s.positional {
                assert!(s.params.contains(&p), "{} positional {p}", s.name);
            }
            assert!(s.dotnet.starts_with("Microsoft.Exchange.Management."), "{}", s.name);
            assert!(s.dotnet.rsplit('.').next().unwrap().eq_ignore_ascii_case(&s.name.replace('-', "")), "{}", s.name);
        }
        assert!(find("get-mailbox", Side::Online).is_some());
        assert!(find("Get-ADPermission", Side::Online).is_none());
        assert!(implemented(Side::OnPremises).contains(&"Connect-Mailbox"));
    }
}
