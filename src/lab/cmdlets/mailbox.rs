//! Get-Mailbox, Set-Mailbox and Get-MailboxStatistics on both sides.
//! A bare `§N` cites docs/exchange-notes.md.

use crate::exchange::RecipientTypeDetails as R;
use crate::lab::clock;
use crate::lab::context::{Ctx, Halt, MultiEdit};
use crate::lab::model::{CloudMailbox, MailboxAce, OnPremRecipient, display_type_for, is_local_mailbox};
use crate::lab::objects;
use crate::lab::records::{ExchangeError, warning};
use crate::lab::store::{ON_PREMISES, ONLINE};

/// `ConvertibleMailboxSubType` on-premises (docs/exchange-notes.md §1.1).
const TYPES_ON_PREMISES: [&str; 4] = ["Regular", "Room", "Equipment", "Shared"];
/// Exchange Online adds Workspace and Desk (docs/exchange-notes.md §1.1).
const TYPES_ONLINE: [&str; 6] = ["Regular", "Room", "Equipment", "Shared", "Workspace", "Desk"];
const TYPE_ENUM: &str = "Microsoft.Exchange.Management.RecipientTasks.ConvertibleMailboxSubType";

fn target_type(t: &str) -> &'static str {
    match t {
        "Regular" => "UserMailbox",
        "Room" => "RoomMailbox",
        "Equipment" => "EquipmentMailbox",
        "Shared" => "SharedMailbox",
        "Workspace" => "WorkspaceMailbox",
        _ => "DeskMailbox",
    }
}

/// Get-Mailbox on-premises: Identity (any identity form), or a listing filtered by
/// RecipientTypeDetails / Database and cut by ResultSize.
pub(crate) fn get_mailbox(ctx: &mut Ctx<'_, '_>) -> Result<(), Halt> {
    let filter = ctx.type_filter()?;
    let limit = ctx.limit()?;
    let database = ctx.text("Database")?;
    if let Some(identity) = ctx.text("Identity")? {
        let (_, r) = ctx.local_mailbox(&identity)?;
        if filter.as_ref().is_some_and(|f| !f.iter().any(|t| t.eq_ignore_ascii_case(&r.recipient_type_details.name())))
        {
            return Err(ctx.fail(ExchangeError::not_found(&identity, &ctx.dc()), &identity));
        }
        let v = ctx.mailbox_object(&r);
        ctx.emit(v);
        return Ok(());
    }
    let is_local = |t: &String| t.parse().is_ok_and(is_local_mailbox);
    let types: Vec<String> = filter
        .unwrap_or_else(|| R::ALL.iter().filter(|t| is_local_mailbox(**t)).map(|t| t.name().into_owned()).collect())
        .into_iter()
        .filter(is_local)
        .collect();
    let rows: Vec<(i64, OnPremRecipient)> = match &database {
        Some(db) => {
            if ctx.org.database(db).is_none() {
                return Err(ctx.fail(ExchangeError::database_not_found(db), db));
            }
            let mut rows = ctx.tx.in_database(db)?;
            rows.retain(|(_, r)| types.iter().any(|t| t.eq_ignore_ascii_case(&r.recipient_type_details.name())));
            rows
        }
        None => ctx.tx.list(Some(&types), limit.fetch())?,
    };
    let rows = ctx.apply_limit(rows, &limit);
    for (_, r) in rows {
        let v = ctx.mailbox_object(&r);
        ctx.emit(v);
    }
    Ok(())
}

/// Password complexity as AD's default policy checks it: 8+ characters from 3 of 4 classes.
fn meets_policy(p: &str) -> bool {
    let classes = [
        p.chars().any(|c| c.is_uppercase()),
        p.chars().any(|c| c.is_lowercase()),
        p.chars().any(|c| c.is_ascii_digit()),
        p.chars().any(|c| !c.is_alphanumeric()),
    ];
    p.chars().count() >= 8 && classes.iter().filter(|b| **b).count() >= 3
}

/// The SELF entry the conversion adds (`GrantPermissionToLinkedUserAccount`: mask 5 =
/// FullAccess | ExternalAccount, docs/exchange-notes.md §1.1).
fn self_ace() -> MailboxAce {
    MailboxAce {
        user: "NT AUTHORITY\\SELF".into(),
        access_rights: vec!["FullAccess".into(), "ExternalAccount".into()],
        deny: false,
        inheritance_type: "All".into(),
        auto_mapping: false,
    }
}

fn edit_list(
    current: &mut Vec<String>,
    edit: MultiEdit,
    resolve: &mut dyn FnMut(&str) -> Result<String, Halt>,
) -> Result<(), Halt> {
    match edit {
        MultiEdit::Replace(items) => {
            let mut out = Vec::new();
            for i in items {
                let id = resolve(&i)?;
                if !out.contains(&id) {
                    out.push(id);
                }
            }
            *current = out;
        }
        MultiEdit::Edit { add, remove } => {
            for i in add {
                let id = resolve(&i)?;
                if !current.iter().any(|c| c.eq_ignore_ascii_case(&id)) {
                    current.push(id);
                }
            }
            for i in remove {
                let id = resolve(&i)?;
                current.retain(|c| !c.eq_ignore_ascii_case(&id));
            }
        }
    }
    Ok(())
}

/// Set-Mailbox on-premises (docs/exchange-notes.md §1.1, §7).
pub(crate) fn set_mailbox(ctx: &mut Ctx<'_, '_>) -> Result<(), Halt> {
    // Parameter binding first, as PowerShell does, then the object.
    let identity = ctx.required("Identity")?;
    let new_type = ctx.enum_value("Type", TYPE_ENUM, &TYPES_ON_PREMISES)?;
    let password = ctx.secure("Password")?;
    let reset = ctx.boolean("ResetPasswordOnNextLogon")?;
    let send_on_behalf = ctx.multi("GrantSendOnBehalfTo")?;
    let copy_sent_as = ctx.boolean("MessageCopyForSentAsEnabled")?;
    let copy_on_behalf = ctx.boolean("MessageCopyForSendOnBehalfEnabled")?;
    let (id, before) = ctx.local_mailbox(&identity)?;
    ctx.audit_target = Some(before.identity());
    ctx.guard(&before)?;
    let mut r = before.clone();
    let dc = ctx.dc();
    if let Some(t) = new_type {
        let from = before.recipient_type_details;
        let to: R = target_type(t)
            .parse()
            .map_err(|_| ctx.fail(ExchangeError::invalid_conversion(&identity, &from.name(), t), &identity))?;
        if from == to {
            // 2013 code: a warning, and no change (§1.1).
            ctx.warn(warning::already_of_type(&identity, t));
        } else if !from.is_convertible_mailbox() || !to.is_convertible_mailbox() {
            return Err(ctx.fail(ExchangeError::invalid_conversion(&identity, &from.name(), &to.name()), &identity));
        } else {
            match to {
                R::UserMailbox => {
                    // Back to a user: the account is enabled, so it needs a password the domain accepts (§1.1 EXCONV).
                    match password {
                        Some(p) if !meets_policy(p.expose()) => {
                            return Err(ctx.fail(ExchangeError::password_policy(&dc), &identity));
                        }
                        Some(_) => r.has_password = Some(true),
                        None if !r.has_password.unwrap_or(false) => {
                            return Err(ctx.fail(ExchangeError::password_policy(&dc), &identity));
                        }
                        None => {}
                    }
                    r.account_disabled = Some(false);
                    // ClearExternalAssociatedAccountPermission: only the ExternalAccount bit goes.
                    for ace in &mut r.mailbox_permissions {
                        ace.access_rights.retain(|x| !x.eq_ignore_ascii_case("ExternalAccount"));
                    }
                    r.mailbox_permissions.retain(|a| !a.access_rights.is_empty());
                }
                _ => {
                    // To shared/room/equipment: ACCOUNTDISABLE set, password untouched (§1.1).
                    r.account_disabled = Some(true);
                    if from == R::UserMailbox && !r.mailbox_permissions.iter().any(|a| a.user == "NT AUTHORITY\\SELF") {
                        r.mailbox_permissions.push(self_ace());
                    }
                }
            }
            r.recipient_type_details = to;
            r.recipient_display_type = display_type_for(to);
        }
    } else if let Some(p) = password {
        if !meets_policy(p.expose()) {
            return Err(ctx.fail(ExchangeError::password_policy(&dc), &identity));
        }
        r.has_password = Some(true);
    }
    if let Some(v) = reset {
        r.reset_password_on_next_logon = v;
    }
    if let Some(edit) = send_on_behalf {
        let tx = ctx.tx;
        let mut resolve = |who: &str| -> Result<String, Halt> {
            let mut hits = Vec::new();
            for rid in tx.lookup(ON_PREMISES, who)? {
                let o: OnPremRecipient = tx.get(rid)?;
                if o.is_mail_enabled() {
                    hits.push(o.identity());
                }
            }
            match hits.len() {
                1 => Ok(hits.remove(0)),
                0 => Err(Halt::Exchange(ExchangeError::recipient_not_found(who), who.to_string())),
                _ => Err(Halt::Exchange(ExchangeError::ambiguous(who), who.to_string())),
            }
        };
        edit_list(&mut r.grant_send_on_behalf_to, edit, &mut resolve)?;
    }
    if let Some(v) = copy_sent_as {
        r.message_copy_for_sent_as_enabled = v;
    }
    if let Some(v) = copy_on_behalf {
        r.message_copy_for_send_on_behalf_enabled = v;
    }
    let changed = ctx.save(id, &before, &r)?;
    if !changed {
        // §6.4: SetObjectTaskBase warns when the object did not change; {0} is the Identity as given.
        ctx.warn(warning::no_settings_modified(&identity));
    }
    Ok(())
}

/// Get-MailboxStatistics on-premises: by Identity (never-logged-on warning, §3.2) or by
/// Database (connected mailboxes that have logged on, then disconnected ones, §8.1).
pub(crate) fn get_statistics(ctx: &mut Ctx<'_, '_>) -> Result<(), Halt> {
    let identity = ctx.text("Identity")?;
    let database = ctx.text("Database")?;
    let archive = ctx.switch("Archive")?;
    match (identity, database) {
        (Some(_), Some(_)) => {
            Err(Halt::Record(Box::new(crate::lab::records::ambiguous_parameter_set(ctx.spec.name, ctx.spec.dotnet))))
        }
        (None, None) => Err(Halt::Record(Box::new(crate::lab::records::missing_mandatory(
            ctx.spec.name,
            ctx.spec.dotnet,
            "Identity",
        )))),
        (Some(identity), None) => {
            let (_, r) = ctx.local_mailbox(&identity)?;
            let legacy = r.legacy_dn(&ctx.org.organization);
            if archive && r.archive_guid.is_none() {
                return Err(ctx.fail(ExchangeError::mailbox_does_not_exist(&identity), &identity));
            }
            if r.last_logon_time.is_none() && !archive {
                let guid = r.exchange_guid.map(|g| g.to_string()).unwrap_or_default();
                ctx.warn(warning::never_logged_on(&r.identity(), &guid));
                return Ok(());
            }
            let v = objects::statistics(&objects::onprem_stats(&r, &ctx.org, &legacy, archive));
            ctx.emit(v);
            Ok(())
        }
        (None, Some(db)) => {
            let Some(d) = ctx.org.database(&db).cloned() else {
                return Err(ctx.fail(ExchangeError::database_not_found(&db), &db));
            };
            let server = d.server.clone();
            for (_, r) in ctx.tx.in_database(&d.name)? {
                if r.last_logon_time.is_none() || !is_local_mailbox(r.recipient_type_details) {
                    continue;
                }
                let legacy = r.legacy_dn(&ctx.org.organization);
                let v = objects::statistics(&objects::onprem_stats(&r, &ctx.org, &legacy, false));
                ctx.emit(v);
            }
            for (_, m) in ctx.tx.disconnected(Some(&d.name))? {
                let v = objects::statistics(&objects::disconnected_stats(&m, Some(&server)));
                ctx.emit(v);
            }
            Ok(())
        }
    }
}

/// Get-Mailbox / Get-EXOMailbox in Exchange Online.
pub(crate) fn get_cloud_mailbox(ctx: &mut Ctx<'_, '_>) -> Result<(), Halt> {
    let exo = ctx.spec.name.eq_ignore_ascii_case("Get-EXOMailbox");
    let filter = ctx.type_filter()?;
    let limit = ctx.limit()?;
    let identity = match ctx.text("Identity")? {
        Some(i) => Some(i),
        None => match ctx.text("UserPrincipalName")? {
            Some(u) => Some(u),
            None => ctx.text("PrimarySmtpAddress")?,
        },
    };
    if let Some(identity) = identity {
        let (_, m) = ctx.cloud(&identity)?;
        if filter.as_ref().is_some_and(|f| !f.iter().any(|t| t.eq_ignore_ascii_case(&m.recipient_type_details))) {
            return Err(ctx.fail(ExchangeError::not_found(&identity, &ctx.dc()), &identity));
        }
        ctx.emit(objects::cloud_mailbox(&m, exo));
        return Ok(());
    }
    let rows: Vec<(i64, CloudMailbox)> = ctx.tx.list(filter.as_deref(), limit.fetch())?;
    let rows = ctx.apply_limit(rows, &limit);
    for (_, m) in rows {
        ctx.emit(objects::cloud_mailbox(&m, exo));
    }
    Ok(())
}

/// Set-Mailbox in Exchange Online: conversion without a password (identity is Entra's), and the
/// licence rule: an unlicensed user mailbox starts the 30-day grace period (§1.1, §2.4).
pub(crate) fn set_cloud_mailbox(ctx: &mut Ctx<'_, '_>) -> Result<(), Halt> {
    let identity = ctx.required("Identity")?;
    let new_type = ctx.enum_value("Type", TYPE_ENUM, &TYPES_ONLINE)?;
    let send_on_behalf = ctx.multi("GrantSendOnBehalfTo")?;
    let copy_sent_as = ctx.boolean("MessageCopyForSentAsEnabled")?;
    let copy_on_behalf = ctx.boolean("MessageCopyForSendOnBehalfEnabled")?;
    let (id, before) = ctx.cloud(&identity)?;
    ctx.audit_target = Some(before.identity());
    ctx.guard(&before)?;
    let mut m = before.clone();
    if let Some(t) = new_type {
        let to = target_type(t);
        let from = before.recipient_type_details.clone();
        let convertible = |x: &str| {
            matches!(
                x,
                "UserMailbox"
                    | "SharedMailbox"
                    | "RoomMailbox"
                    | "EquipmentMailbox"
                    | "WorkspaceMailbox"
                    | "DeskMailbox"
            )
        };
        if from == to {
            ctx.warn(warning::already_of_type(&identity, t));
        } else if !convertible(&from) {
            return Err(ctx.fail(ExchangeError::invalid_conversion(&identity, &from, to), &identity));
        } else {
            m.recipient_type_details = to.to_string();
            if to == "UserMailbox" && !m.sku_assigned {
                if m.grace_period_started.is_none() {
                    m.grace_period_started = Some(clock::iso(ctx.now));
                }
            } else {
                m.grace_period_started = None;
            }
        }
    }
    if let Some(edit) = send_on_behalf {
        let tx = ctx.tx;
        let mut resolve = |who: &str| -> Result<String, Halt> {
            let ids = tx.lookup(ONLINE, who)?;
            match ids.len() {
                1 => Ok(tx.get::<CloudMailbox>(ids[0])?.identity()),
                0 => Err(Halt::Exchange(ExchangeError::recipient_not_found(who), who.to_string())),
                _ => Err(Halt::Exchange(ExchangeError::ambiguous(who), who.to_string())),
            }
        };
        edit_list(&mut m.grant_send_on_behalf_to, edit, &mut resolve)?;
    }
    if let Some(v) = copy_sent_as {
        m.message_copy_for_sent_as_enabled = v;
    }
    if let Some(v) = copy_on_behalf {
        m.message_copy_for_send_on_behalf_enabled = v;
    }
    let changed = ctx.save(id, &before, &m)?;
    if !changed {
        ctx.warn(warning::no_settings_modified(&identity));
    }
    Ok(())
}

/// Get-MailboxStatistics / Get-EXOMailboxStatistics in Exchange Online.
pub(crate) fn get_cloud_statistics(ctx: &mut Ctx<'_, '_>) -> Result<(), Halt> {
    let identity = ctx.required("Identity")?;
    let archive = ctx.switch("Archive")?;
    let (_, m) = ctx.cloud(&identity)?;
    if archive && m.archive_guid.is_none() {
        return Err(ctx.fail(ExchangeError::mailbox_does_not_exist(&identity), &identity));
    }
    if m.last_logon_time.is_none() && !archive {
        let guid = m.exchange_guid.map(|g| g.to_string()).unwrap_or_default();
        ctx.warn(warning::never_logged_on(&m.identity(), &guid));
        return Ok(());
    }
    let stats = objects::Stats {
        display_name: m.display_name.as_deref().unwrap_or(&m.name),
        mailbox_guid: if archive { m.archive_guid } else { m.exchange_guid },
        total_item_size: if archive { m.archive_total_item_size } else { m.total_item_size },
        total_deleted_item_size: crate::exchange::ByteSize(0),
        item_count: if archive { m.archive_total_item_size.0 / (96 * 1024) } else { m.item_count },
        last_logon_time: m.last_logon_time.as_deref(),
        database: m.database.as_deref(),
        server: None,
        disconnect_reason: None,
        disconnect_date: None,
        legacy_dn: None,
        mailbox_type_detail: &m.recipient_type_details,
        is_archive: archive,
    };
    let v = objects::statistics(&stats);
    ctx.emit(v);
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn password_policy_needs_length_and_three_classes() {
        assert!(meets_policy("Winter2025!"));
        assert!(meets_policy("abcDEF123"));
        assert!(!meets_policy("Sh0rt!"));
        assert!(!meets_policy("alllowercase1"));
    }
}
