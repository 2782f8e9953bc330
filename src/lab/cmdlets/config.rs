//! Get-ExchangeServer, Get-MailboxDatabase, Get-ManagementRoleAssignment and Get-InboxRule.

use crate::lab::context::{Ctx, Halt};
use crate::lab::model::InboxRule;
use crate::lab::objects;
use crate::lab::records::ExchangeError;
use crate::shell::Side;

/// Get-ExchangeServer.
pub(crate) fn get_exchange_server(ctx: &mut Ctx<'_, '_>) -> Result<(), Halt> {
    let identity = ctx.text("Identity")?;
    let servers: Vec<_> = ctx
        .org
        .servers
        .iter()
        .filter(|s| {
            identity.as_deref().is_none_or(|i| {
                s.name.eq_ignore_ascii_case(i) || s.fqdn.as_deref().is_some_and(|f| f.eq_ignore_ascii_case(i))
            })
        })
        .cloned()
        .collect();
    if let (Some(i), true) = (&identity, servers.is_empty()) {
        return Err(ctx.fail(ExchangeError::not_found(i, &ctx.dc()), i));
    }
    for s in servers {
        let v = objects::server(&s, &ctx.org);
        ctx.emit(v);
    }
    Ok(())
}

/// Get-MailboxDatabase.
pub(crate) fn get_mailbox_database(ctx: &mut Ctx<'_, '_>) -> Result<(), Halt> {
    let identity = ctx.text("Identity")?;
    ctx.switch("Status")?;
    let dbs: Vec<_> = ctx
        .org
        .databases
        .iter()
        .filter(|d| identity.as_deref().is_none_or(|i| d.name.eq_ignore_ascii_case(i)))
        .cloned()
        .collect();
    if let (Some(i), true) = (&identity, dbs.is_empty()) {
        return Err(ctx.fail(ExchangeError::not_found(i, &ctx.dc()), i));
    }
    for d in dbs {
        let v = objects::database(&d, &ctx.org);
        ctx.emit(v);
    }
    Ok(())
}

/// Get-ManagementRoleAssignment, filtered by -Identity, -Role, -RoleAssignee, -Enabled.
pub(crate) fn get_role_assignment(ctx: &mut Ctx<'_, '_>) -> Result<(), Halt> {
    let identity = ctx.text("Identity")?;
    let role = ctx.text("Role")?;
    let assignee = ctx.text("RoleAssignee")?;
    let enabled = ctx.boolean("Enabled")?;
    let items: Vec<_> = ctx
        .org
        .role_assignments
        .iter()
        .filter(|r| identity.as_deref().is_none_or(|i| r.name.as_deref().is_some_and(|n| n.eq_ignore_ascii_case(i))))
        .filter(|r| role.as_deref().is_none_or(|x| r.role.eq_ignore_ascii_case(x)))
        .filter(|r| {
            assignee.as_deref().is_none_or(|a| {
                let a = a.rsplit(['\\', '/']).next().unwrap_or(a);
                r.role_assignee_name.as_deref().is_some_and(|n| n.eq_ignore_ascii_case(a))
            })
        })
        .filter(|r| enabled.is_none_or(|e| r.enabled == e))
        .cloned()
        .collect();
    if let (Some(i), true) = (&identity, items.is_empty()) {
        return Err(ctx.fail(ExchangeError::not_found(i, &ctx.dc()), i));
    }
    for r in items {
        ctx.emit(objects::role_assignment(&r));
    }
    Ok(())
}

/// Get-InboxRule -Mailbox (default: the admin's own mailbox, as Exchange does).
pub(crate) fn get_inbox_rule(ctx: &mut Ctx<'_, '_>) -> Result<(), Halt> {
    let mailbox = ctx.text("Mailbox")?;
    let identity = ctx.text("Identity")?;
    let (owner, rules): (String, Vec<InboxRule>) = match ctx.side {
        Side::OnPremises => {
            let who = mailbox.unwrap_or_else(|| ctx.org.organization.admin_name());
            let (_, r) = ctx.local_mailbox(&who)?;
            (r.identity(), r.inbox_rules)
        }
        Side::Online => {
            let who = mailbox.unwrap_or_else(|| ctx.org.organization.online_admin_name());
            let (_, m) = ctx.cloud(&who)?;
            (m.identity(), m.inbox_rules)
        }
    };
    let mut any = false;
    for (i, rule) in rules.iter().enumerate() {
        if identity.as_deref().is_none_or(|x| rule.name.eq_ignore_ascii_case(x)) {
            any = true;
            ctx.emit(objects::inbox_rule(&owner, rule, i));
        }
    }
    if let (Some(x), false) = (identity, any) {
        return Err(ctx.fail(ExchangeError::not_found(&x, &ctx.dc()), &x));
    }
    Ok(())
}
