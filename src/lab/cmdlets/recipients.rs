//! Get-Recipient, Get-User, the remote-mailbox cmdlets and Connect-Mailbox.
//! A bare `§N` cites docs/exchange-notes.md.

use crate::exchange::{RecipientTypeDetails as R, RemoteRecipientType};
use crate::lab::context::{Ctx, Halt};
use crate::lab::model::{CloudMailbox, OnPremRecipient, display_type_for, is_local_mailbox, is_plain_user};
use crate::lab::objects;
use crate::lab::records::{self, ExchangeError, warning};
use crate::lab::store::ON_PREMISES;

const MAIL_ENABLED_TYPES: [&str; 19] = [
    "UserMailbox",
    "LinkedMailbox",
    "SharedMailbox",
    "LegacyMailbox",
    "RoomMailbox",
    "EquipmentMailbox",
    "DiscoveryMailbox",
    "TeamMailbox",
    "LinkedRoomMailbox",
    "ArbitrationMailbox",
    "PublicFolderMailbox",
    "MonitoringMailbox",
    "AuditLogMailbox",
    "GroupMailbox",
    "RemoteUserMailbox",
    "RemoteSharedMailbox",
    "RemoteRoomMailbox",
    "RemoteEquipmentMailbox",
    "RemoteTeamMailbox",
];
const REMOTE_TYPES: [&str; 5] =
    ["RemoteUserMailbox", "RemoteSharedMailbox", "RemoteRoomMailbox", "RemoteEquipmentMailbox", "RemoteTeamMailbox"];

fn listing(
    ctx: &mut Ctx<'_, '_>,
    default_types: Option<&[&str]>,
    accept: fn(R) -> bool,
    render: fn(&OnPremRecipient, &crate::lab::store::OrgConfig) -> crate::psobject::PsValue,
) -> Result<(), Halt> {
    let filter = if ctx.spec.params.contains(&"RecipientTypeDetails") { ctx.type_filter()? } else { None };
    let limit = ctx.limit()?;
    if let Some(identity) = ctx.text("Identity")? {
        let (_, r) = ctx.onprem(&identity, accept)?;
        if filter.as_ref().is_some_and(|f| !f.iter().any(|t| t.eq_ignore_ascii_case(&r.recipient_type_details.name())))
        {
            return Err(ctx.fail(ExchangeError::not_found(&identity, &ctx.dc()), &identity));
        }
        let v = render(&r, &ctx.org);
        ctx.emit(v);
        return Ok(());
    }
    let types: Option<Vec<String>> =
        filter.or_else(|| default_types.map(|d| d.iter().map(|s| s.to_string()).collect()));
    // -Anr: ambiguous name resolution, a prefix of the name, display name, alias, account or
    // primary SMTP address (how admins find "which Chris Green?").
    let anr = if ctx.spec.params.contains(&"Anr") { ctx.text("Anr")? } else { None };
    if let Some(anr) = anr {
        let want = anr.to_lowercase();
        let starts = |v: Option<&str>| v.is_some_and(|v| v.to_lowercase().starts_with(&want));
        let rows: Vec<(i64, OnPremRecipient)> = ctx
            .tx
            .list::<OnPremRecipient>(types.as_deref(), None)?
            .into_iter()
            .filter(|(_, r)| {
                starts(Some(&r.name))
                    || starts(r.display_name.as_deref())
                    || starts(r.alias.as_deref())
                    || starts(r.sam_account_name.as_deref())
                    || starts(r.primary_smtp_address.as_deref())
            })
            .collect();
        for (_, r) in ctx.apply_limit(rows, &limit) {
            let v = render(&r, &ctx.org);
            ctx.emit(v);
        }
        return Ok(());
    }
    let rows: Vec<(i64, OnPremRecipient)> = ctx.tx.list(types.as_deref(), limit.fetch())?;
    let rows = ctx.apply_limit(rows, &limit);
    for (_, r) in rows {
        let v = render(&r, &ctx.org);
        ctx.emit(v);
    }
    Ok(())
}

/// Get-Recipient on-premises: mail-enabled objects unless -RecipientTypeDetails asks for users.
pub(crate) fn get_recipient(ctx: &mut Ctx<'_, '_>) -> Result<(), Halt> {
    listing(ctx, Some(&MAIL_ENABLED_TYPES), |_| true, objects::recipient)
}

/// Get-User: every AD user, mailbox or not.
pub(crate) fn get_user(ctx: &mut Ctx<'_, '_>) -> Result<(), Halt> {
    listing(ctx, None, |_| true, objects::user)
}

/// Get-RemoteMailbox.
pub(crate) fn get_remote_mailbox(ctx: &mut Ctx<'_, '_>) -> Result<(), Halt> {
    listing(ctx, Some(&REMOTE_TYPES), R::is_remote_mailbox, objects::remote_mailbox)
}

/// Get-Recipient in Exchange Online.
pub(crate) fn get_cloud_recipient(ctx: &mut Ctx<'_, '_>) -> Result<(), Halt> {
    let filter = ctx.type_filter()?;
    let limit = ctx.limit()?;
    if let Some(identity) = ctx.text("Identity")? {
        let (_, m) = ctx.cloud(&identity)?;
        ctx.emit(objects::cloud_recipient(&m));
        return Ok(());
    }
    let rows: Vec<(i64, CloudMailbox)> = ctx.tx.list(filter.as_deref(), limit.fetch())?;
    let rows = ctx.apply_limit(rows, &limit);
    for (_, m) in rows {
        ctx.emit(objects::cloud_recipient(&m));
    }
    Ok(())
}

/// `ConvertibleRemoteMailboxSubType`: Shared only from 2013 CU21 / 2016 CU10 / 2019 (docs/exchange-notes.md §1.2).
fn remote_types(ctx: &Ctx<'_, '_>) -> &'static [&'static str] {
    if ctx.version().is_some_and(|v| v.has_remote_shared()) {
        &["Regular", "Room", "Equipment", "Shared"]
    } else {
        &["Regular", "Room", "Equipment"]
    }
}

fn remote_kind(t: &str) -> (R, u64) {
    match t {
        "Shared" => (R::RemoteSharedMailbox, RemoteRecipientType::SHARED_MAILBOX),
        "Room" => (R::RemoteRoomMailbox, RemoteRecipientType::ROOM_MAILBOX),
        "Equipment" => (R::RemoteEquipmentMailbox, RemoteRecipientType::EQUIPMENT_MAILBOX),
        _ => (R::RemoteUserMailbox, 0),
    }
}

/// msExchRecipientDisplayType of a remote user/shared mailbox made ACLable (§2.3, KB 4051497).
const ACLABLE_SYNCED: i64 = -1_073_741_818;

/// Set-RemoteMailbox (§1.2): -Type writes the kind bits of msExchRemoteRecipientType and
/// RecipientTypeDetails, needs ProvisionMailbox, and never touches the AD account.
pub(crate) fn set_remote_mailbox(ctx: &mut Ctx<'_, '_>) -> Result<(), Halt> {
    let identity = ctx.required("Identity")?;
    let types = remote_types(ctx);
    let new_type =
        ctx.enum_value("Type", "Microsoft.Exchange.Management.RecipientTasks.ConvertibleRemoteMailboxSubType", types)?;
    let aclable = ctx.switch("ACLableSyncedObjectEnabled")?;
    let exchange_guid = match ctx.text("ExchangeGuid")? {
        None => None,
        Some(g) => Some(uuid::Uuid::parse_str(g.trim()).map_err(|_| {
            Halt::Record(Box::new(records::cannot_convert(
                ctx.spec.name,
                ctx.spec.dotnet,
                "ExchangeGuid",
                &g,
                "System.String",
                "System.Guid",
            )))
        })?),
    };
    let (id, before) = ctx.onprem(&identity, R::is_remote_mailbox)?;
    ctx.audit_target = Some(before.identity());
    ctx.guard(&before)?;
    let mut r = before.clone();
    if let Some(t) = new_type {
        if !before.remote_recipient_type.has_provision_mailbox() {
            return Err(ctx.fail(ExchangeError::needs_provision_mailbox(), &identity));
        }
        let (rtd, bits) = remote_kind(t);
        r.remote_recipient_type = before.remote_recipient_type.with_kind(bits);
        r.recipient_type_details = rtd;
        r.recipient_display_type = display_type_for(rtd);
    }
    if aclable && matches!(r.recipient_type_details, R::RemoteUserMailbox | R::RemoteSharedMailbox) {
        r.recipient_display_type = Some(ACLABLE_SYNCED);
    }
    if let Some(g) = exchange_guid {
        r.exchange_guid = Some(g);
    }
    if !ctx.save(id, &before, &r)? {
        ctx.warn(warning::no_settings_modified(&identity));
    }
    Ok(())
}

/// Enable-RemoteMailbox (§1.3): a user without a mailbox gets a remote mailbox, ProvisionMailbox
/// set; with -Shared the value is 97.
pub(crate) fn enable_remote_mailbox(ctx: &mut Ctx<'_, '_>) -> Result<(), Halt> {
    let identity = ctx.required("Identity")?;
    let routing = ctx.text("RemoteRoutingAddress")?;
    let alias = ctx.text("Alias")?;
    let primary = ctx.text("PrimarySmtpAddress")?;
    let (shared, room, equipment) = (ctx.switch("Shared")?, ctx.switch("Room")?, ctx.switch("Equipment")?);
    let aclable = ctx.switch("ACLableSyncedObjectEnabled")?;
    if [shared, room, equipment].iter().filter(|b| **b).count() > 1 {
        return Err(Halt::Record(Box::new(records::ambiguous_parameter_set(ctx.spec.name, ctx.spec.dotnet))));
    }
    let (id, before) = ctx.onprem(&identity, |_| true)?;
    ctx.audit_target = Some(before.identity());
    if !is_plain_user(before.recipient_type_details) {
        return Err(
            ctx.fail(ExchangeError::already_mail_enabled(&identity, &before.recipient_type_details.name()), &identity)
        );
    }
    ctx.guard(&before)?;
    let kind = if shared {
        "Shared"
    } else if room {
        "Room"
    } else if equipment {
        "Equipment"
    } else {
        "Regular"
    };
    let (rtd, bits) = remote_kind(kind);
    let mut r = before.clone();
    r.recipient_type_details = rtd;
    r.remote_recipient_type = RemoteRecipientType(RemoteRecipientType::PROVISION_MAILBOX | bits);
    r.alias = Some(alias.unwrap_or_else(|| before.sam_account_name.clone().unwrap_or_else(|| before.name.clone())));
    r.primary_smtp_address = primary;
    r.remote_routing_address = routing;
    r.email_addresses.clear();
    r.recipient_display_type = None;
    r.normalise(&ctx.org.organization);
    if aclable && matches!(rtd, R::RemoteUserMailbox | R::RemoteSharedMailbox) {
        r.recipient_display_type = Some(ACLABLE_SYNCED);
    }
    // Addresses must stay unique in the organisation.
    for addr in [r.smtp().to_string(), r.remote_routing_address.clone().unwrap_or_default()] {
        if ctx.tx.lookup(ON_PREMISES, &addr)?.iter().any(|x| *x != id) {
            return Err(ctx.fail(ExchangeError::ambiguous(&addr), &addr));
        }
    }
    ctx.save(id, &before, &r)?;
    let v = objects::remote_mailbox(&r, &ctx.org);
    ctx.emit(v);
    Ok(())
}

/// Connect-Mailbox (§8.1): a disconnected mailbox in -Database, matched by GUID, display name or
/// LegacyExchangeDN, is attached to an AD user that has no mailbox; -Shared makes it a shared mailbox.
pub(crate) fn connect_mailbox(ctx: &mut Ctx<'_, '_>) -> Result<(), Halt> {
    let identity = ctx.required("Identity")?;
    let database = ctx.required("Database")?;
    let user = ctx.text("User")?;
    let alias = ctx.text("Alias")?;
    let shared = ctx.switch("Shared")?;
    let validate_only = ctx.switch("ValidateOnly")?;
    let Some(db) = ctx.org.database(&database).cloned() else {
        return Err(ctx.fail(ExchangeError::database_not_found(&database), &database));
    };
    let key = crate::lab::store::key(&identity);
    let matches: Vec<_> = ctx
        .tx
        .disconnected(Some(&db.name))?
        .into_iter()
        .filter(|(_, d)| {
            d.mailbox_guid.is_some_and(|g| g.hyphenated().to_string() == key)
                || d.display_name.to_lowercase() == key
                || d.legacy_exchange_dn.as_deref().is_some_and(|l| l.to_lowercase() == key)
        })
        .collect();
    let (did, disc) = match matches.len() {
        0 => return Err(ctx.fail(ExchangeError::mailbox_does_not_exist(&identity), &identity)),
        1 => matches.into_iter().next().expect("one match"),
        _ => return Err(ctx.fail(ExchangeError::ambiguous(&identity), &identity)),
    };
    let (uid, before) = match &user {
        Some(u) => ctx.onprem(u, |_| true)?,
        None => {
            // Without -User Exchange matches the display name; it must be unique.
            let name = disc.display_name.clone();
            ctx.onprem(&name, |_| true)?
        }
    };
    ctx.audit_target = Some(before.identity());
    if !is_plain_user(before.recipient_type_details) {
        let who = user.unwrap_or_else(|| before.name.clone());
        return Err(ctx.fail(ExchangeError::already_mail_enabled(&who, &before.recipient_type_details.name()), &who));
    }
    ctx.guard(&before)?;
    let mut r = before.clone();
    let rtd = if shared { R::SharedMailbox } else { R::UserMailbox };
    r.recipient_type_details = rtd;
    r.alias = Some(alias.unwrap_or_else(|| before.sam_account_name.clone().unwrap_or_else(|| before.name.clone())));
    r.primary_smtp_address = None;
    r.email_addresses.clear();
    r.database = Some(db.name.clone());
    r.exchange_guid = disc.mailbox_guid;
    r.total_item_size = disc.total_item_size;
    r.item_count = disc.item_count;
    r.last_logon_time = disc.last_logon_time.clone();
    r.recipient_display_type = display_type_for(rtd);
    if shared {
        // Connect-Mailbox -Shared behaves like New-Mailbox -Shared: the account is disabled.
        r.account_disabled = Some(true);
    }
    r.normalise(&ctx.org.organization);
    if validate_only {
        return Ok(());
    }
    ctx.save(uid, &before, &r)?;
    if !ctx.what_if {
        ctx.tx.delete_disconnected(did)?;
    }
    debug_assert!(is_local_mailbox(r.recipient_type_details));
    Ok(())
}
