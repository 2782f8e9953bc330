//! Mailbox permissions (both sides), AD permissions (Send As on-premises) and recipient
//! permissions (Send As in Exchange Online), docs/exchange-notes.md §7.

use crate::lab::context::{Ctx, Halt};
use crate::lab::model::{AdAce, CloudMailbox, MailboxAce, OnPremRecipient};
use crate::lab::objects::{self, MAILBOX_RIGHTS};
use crate::lab::records::warning;
use crate::shell::Side;

const RIGHTS_ENUM: &str = "Microsoft.Exchange.Management.RecipientTasks.MailboxRights";
const INHERITANCE: [&str; 5] = ["None", "All", "Descendents", "SelfAndChildren", "Children"];
const SELF: &str = "NT AUTHORITY\\SELF";

/// The mailbox a permission cmdlet works on, on either side.
enum Target {
    OnPremises(i64, Box<OnPremRecipient>),
    Online(i64, Box<CloudMailbox>),
}

impl Target {
    fn identity(&self) -> String {
        match self {
            Target::OnPremises(_, r) => r.identity(),
            Target::Online(_, m) => m.identity(),
        }
    }
    fn aces(&self) -> &[MailboxAce] {
        match self {
            Target::OnPremises(_, r) => &r.mailbox_permissions,
            Target::Online(_, m) => &m.mailbox_permissions,
        }
    }
}

fn target(ctx: &Ctx<'_, '_>, identity: &str) -> Result<Target, Halt> {
    Ok(match ctx.side {
        Side::OnPremises => {
            let (id, r) = ctx.local_mailbox(identity)?;
            Target::OnPremises(id, Box::new(r))
        }
        Side::Online => {
            let (id, m) = ctx.cloud(identity)?;
            Target::Online(id, Box::new(m))
        }
    })
}

fn trustee(ctx: &Ctx<'_, '_>, user: &str) -> Result<String, Halt> {
    match ctx.side {
        Side::OnPremises => ctx.onprem_trustee(user),
        Side::Online if user.trim().eq_ignore_ascii_case(SELF) => Ok(SELF.into()),
        Side::Online => ctx.cloud_trustee(user),
    }
}

/// The entries Get-MailboxPermission shows: the default SELF entry (merged with an explicit SELF
/// entry, such as the one conversion adds) and the explicit ones.
fn effective(aces: &[MailboxAce]) -> Vec<MailboxAce> {
    let mut self_ace = MailboxAce {
        user: SELF.into(),
        access_rights: vec!["FullAccess".into(), "ReadPermission".into()],
        deny: false,
        inheritance_type: "All".into(),
        auto_mapping: false,
    };
    let mut out = Vec::new();
    for a in aces {
        if a.user == SELF && !a.deny {
            for r in &a.access_rights {
                if !self_ace.access_rights.iter().any(|x| x.eq_ignore_ascii_case(r)) {
                    self_ace.access_rights.push(r.clone());
                }
            }
        } else {
            out.push(a.clone());
        }
    }
    out.insert(0, self_ace);
    out
}

/// Get-MailboxPermission.
pub(crate) fn get_mailbox_permission(ctx: &mut Ctx<'_, '_>) -> Result<(), Halt> {
    let identity = ctx.required("Identity")?;
    let user = ctx.text("User")?;
    let t = target(ctx, &identity)?;
    let want = user.map(|u| trustee(ctx, &u)).transpose()?;
    let id = t.identity();
    for a in effective(t.aces()) {
        if want.as_ref().is_none_or(|w| a.user.eq_ignore_ascii_case(w)) {
            ctx.emit(objects::mailbox_ace(&id, &a));
        }
    }
    Ok(())
}

fn rights(ctx: &Ctx<'_, '_>) -> Result<Vec<String>, Halt> {
    Ok(ctx
        .enum_list("AccessRights", RIGHTS_ENUM, &MAILBOX_RIGHTS)?
        .unwrap_or_default()
        .into_iter()
        .map(String::from)
        .collect())
}

fn save_aces(ctx: &mut Ctx<'_, '_>, t: &Target, aces: Vec<MailboxAce>) -> Result<(), Halt> {
    match t {
        Target::OnPremises(id, r) => {
            let mut after = (**r).clone();
            after.mailbox_permissions = aces;
            ctx.save(*id, &**r, &after)?;
        }
        Target::Online(id, m) => {
            let mut after = (**m).clone();
            after.mailbox_permissions = aces;
            ctx.save(*id, &**m, &after)?;
        }
    }
    Ok(())
}

fn guard(ctx: &Ctx<'_, '_>, t: &Target) -> Result<(), Halt> {
    match t {
        Target::OnPremises(_, r) => ctx.guard(&**r),
        Target::Online(_, m) => ctx.guard(&**m),
    }
}

/// Add-MailboxPermission: adds rights (AutoMapping recorded, default $true); an entry that already
/// grants them gives the §6.4 warning and no change.
pub(crate) fn add_mailbox_permission(ctx: &mut Ctx<'_, '_>) -> Result<(), Halt> {
    let identity = ctx.required("Identity")?;
    let user = ctx.required("User")?;
    let new_rights = rights(ctx)?;
    let inheritance =
        ctx.enum_value("InheritanceType", "System.DirectoryServices.ActiveDirectorySecurityInheritance", &INHERITANCE)?;
    let auto_mapping = ctx.boolean("AutoMapping")?.unwrap_or(true);
    let deny = ctx.switch("Deny")?;
    let t = target(ctx, &identity)?;
    ctx.audit_target = Some(t.identity());
    let who = trustee(ctx, &user)?;
    guard(ctx, &t)?;
    let mut aces = t.aces().to_vec();
    let existing = aces.iter_mut().find(|a| a.user.eq_ignore_ascii_case(&who) && a.deny == deny);
    let granted = match existing {
        Some(a) if new_rights.iter().all(|r| a.access_rights.iter().any(|x| x.eq_ignore_ascii_case(r))) => {
            ctx.warn(warning::ace_already_present(&t.identity(), &who));
            return Ok(());
        }
        Some(a) => {
            for r in &new_rights {
                if !a.access_rights.iter().any(|x| x.eq_ignore_ascii_case(r)) {
                    a.access_rights.push(r.clone());
                }
            }
            a.auto_mapping = auto_mapping;
            if let Some(i) = inheritance {
                a.inheritance_type = i.into();
            }
            a.clone()
        }
        None => {
            let a = MailboxAce {
                user: who.clone(),
                access_rights: new_rights.clone(),
                deny,
                inheritance_type: inheritance.unwrap_or("All").into(),
                auto_mapping,
            };
            aces.push(a.clone());
            a
        }
    };
    save_aces(ctx, &t, aces)?;
    let shown = MailboxAce { access_rights: new_rights, ..granted };
    ctx.emit(objects::mailbox_ace(&t.identity(), &shown));
    Ok(())
}

/// Remove-MailboxPermission.
pub(crate) fn remove_mailbox_permission(ctx: &mut Ctx<'_, '_>) -> Result<(), Halt> {
    let identity = ctx.required("Identity")?;
    let user = ctx.required("User")?;
    let gone = rights(ctx)?;
    let deny = ctx.switch("Deny")?;
    let t = target(ctx, &identity)?;
    ctx.audit_target = Some(t.identity());
    let who = trustee(ctx, &user)?;
    guard(ctx, &t)?;
    let mut aces = t.aces().to_vec();
    let mut removed = false;
    for a in aces.iter_mut().filter(|a| a.user.eq_ignore_ascii_case(&who) && a.deny == deny) {
        let before = a.access_rights.len();
        a.access_rights.retain(|x| !gone.iter().any(|g| g.eq_ignore_ascii_case(x)));
        removed |= a.access_rights.len() != before;
    }
    if !removed {
        ctx.warn(warning::ace_not_present(&t.identity(), &who));
        return Ok(());
    }
    aces.retain(|a| !a.access_rights.is_empty());
    save_aces(ctx, &t, aces)
}

fn extended_right(name: &str) -> Option<&'static str> {
    match name.trim().to_ascii_lowercase().replace(' ', "-").as_str() {
        "send-as" => Some("Send-As"),
        "receive-as" => Some("Receive-As"),
        _ => None,
    }
}

fn extended_rights(ctx: &Ctx<'_, '_>) -> Result<Vec<String>, Halt> {
    let given = ctx.list("ExtendedRights")?.unwrap_or_default();
    let mut out = Vec::new();
    for g in given {
        match extended_right(&g) {
            Some(r) => out.push(r.to_string()),
            None => {
                return Err(Halt::Exchange(crate::lab::records::ExchangeError::not_found(&g, &ctx.dc()), g.clone()));
            }
        }
    }
    Ok(out)
}

/// Get-ADPermission: the Send As entries of the object (the default SELF one and explicit ones).
pub(crate) fn get_ad_permission(ctx: &mut Ctx<'_, '_>) -> Result<(), Halt> {
    let identity = ctx.required("Identity")?;
    let user = ctx.text("User")?;
    let (_, r) = ctx.onprem(&identity, |_| true)?;
    let want = user.map(|u| ctx.onprem_trustee(&u)).transpose()?;
    let id = r.identity();
    let mut entries = vec![AdAce {
        user: SELF.into(),
        access_rights: vec!["ExtendedRight".into()],
        extended_rights: vec!["Send-As".into()],
        deny: false,
    }];
    entries.extend(r.ad_permissions.iter().cloned());
    for a in entries {
        if want.as_ref().is_none_or(|w| a.user.eq_ignore_ascii_case(w)) {
            ctx.emit(objects::ad_ace(&id, &a.user, &a.extended_rights, a.deny));
        }
    }
    Ok(())
}

/// What Add-ADPermission and Remove-ADPermission both read before changing an ACE.
struct AdChange {
    id: i64,
    before: OnPremRecipient,
    who: String,
    rights: Vec<String>,
    deny: bool,
}

/// Reads the parameters, resolves the object and the trustee, and applies the fault guard.
fn ad_change(ctx: &mut Ctx<'_, '_>) -> Result<AdChange, Halt> {
    let identity = ctx.required("Identity")?;
    let user = ctx.required("User")?;
    let rights = extended_rights(ctx)?;
    let deny = ctx.switch("Deny")?;
    let (id, before) = ctx.onprem(&identity, |_| true)?;
    ctx.audit_target = Some(before.identity());
    let who = ctx.onprem_trustee(&user)?;
    ctx.guard(&before)?;
    Ok(AdChange { id, before, who, rights, deny })
}

/// Add-ADPermission -ExtendedRights "Send As".
pub(crate) fn add_ad_permission(ctx: &mut Ctx<'_, '_>) -> Result<(), Halt> {
    let AdChange { id, before, who, rights, deny } = ad_change(ctx)?;
    let mut r = before.clone();
    let existing = r.ad_permissions.iter_mut().find(|a| a.user.eq_ignore_ascii_case(&who) && a.deny == deny);
    match existing {
        Some(a) if rights.iter().all(|x| a.extended_rights.contains(x)) => {
            ctx.warn(warning::ace_already_present(&before.identity(), &who));
            return Ok(());
        }
        Some(a) => {
            for x in &rights {
                if !a.extended_rights.contains(x) {
                    a.extended_rights.push(x.clone());
                }
            }
        }
        None => r.ad_permissions.push(AdAce {
            user: who.clone(),
            access_rights: vec!["ExtendedRight".into()],
            extended_rights: rights.clone(),
            deny,
        }),
    }
    ctx.save(id, &before, &r)?;
    ctx.emit(objects::ad_ace(&before.identity(), &who, &rights, deny));
    Ok(())
}

/// Remove-ADPermission.
pub(crate) fn remove_ad_permission(ctx: &mut Ctx<'_, '_>) -> Result<(), Halt> {
    let AdChange { id, before, who, rights, deny } = ad_change(ctx)?;
    let mut r = before.clone();
    let mut removed = false;
    for a in r.ad_permissions.iter_mut().filter(|a| a.user.eq_ignore_ascii_case(&who) && a.deny == deny) {
        let n = a.extended_rights.len();
        a.extended_rights.retain(|x| !rights.contains(x));
        removed |= n != a.extended_rights.len();
    }
    if !removed {
        ctx.warn(warning::ace_not_present(&before.identity(), &who));
        return Ok(());
    }
    r.ad_permissions.retain(|a| !a.extended_rights.is_empty());
    ctx.save(id, &before, &r)?;
    Ok(())
}

const RECIPIENT_RIGHTS_ENUM: &str = "Microsoft.Exchange.Management.AdminApiProvider.RecipientAccessRight";

/// Get-RecipientPermission (Exchange Online Send As).
pub(crate) fn get_recipient_permission(ctx: &mut Ctx<'_, '_>) -> Result<(), Halt> {
    let trustee_filter = ctx.text("Trustee")?.map(|t| ctx.cloud_trustee(&t)).transpose()?;
    let targets: Vec<CloudMailbox> = match ctx.text("Identity")? {
        Some(i) => vec![ctx.cloud(&i)?.1],
        None => ctx.tx.list::<CloudMailbox>(None, None)?.into_iter().map(|(_, m)| m).collect(),
    };
    for m in targets {
        for a in &m.recipient_permissions {
            if trustee_filter.as_ref().is_none_or(|t| a.trustee.eq_ignore_ascii_case(t)) {
                ctx.emit(objects::recipient_ace(&m.identity(), &a.trustee));
            }
        }
    }
    Ok(())
}

/// Add-RecipientPermission -AccessRights SendAs (the only valid value, §7).
pub(crate) fn add_recipient_permission(ctx: &mut Ctx<'_, '_>) -> Result<(), Halt> {
    let identity = ctx.required("Identity")?;
    let trustee_given = ctx.required("Trustee")?;
    ctx.enum_list("AccessRights", RECIPIENT_RIGHTS_ENUM, &["SendAs"])?;
    let (id, before) = ctx.cloud(&identity)?;
    ctx.audit_target = Some(before.identity());
    let who = ctx.cloud_trustee(&trustee_given)?;
    ctx.guard(&before)?;
    if before.recipient_permissions.iter().any(|a| a.trustee.eq_ignore_ascii_case(&who)) {
        ctx.warn(warning::ace_already_present(&before.identity(), &who));
        return Ok(());
    }
    let mut m = before.clone();
    m.recipient_permissions
        .push(crate::lab::model::RecipientAce { trustee: who.clone(), access_rights: vec!["SendAs".into()] });
    ctx.save(id, &before, &m)?;
    ctx.emit(objects::recipient_ace(&before.identity(), &who));
    Ok(())
}

/// Remove-RecipientPermission.
pub(crate) fn remove_recipient_permission(ctx: &mut Ctx<'_, '_>) -> Result<(), Halt> {
    let identity = ctx.required("Identity")?;
    let trustee_given = ctx.required("Trustee")?;
    ctx.enum_list("AccessRights", RECIPIENT_RIGHTS_ENUM, &["SendAs"])?;
    let (id, before) = ctx.cloud(&identity)?;
    ctx.audit_target = Some(before.identity());
    let who = ctx.cloud_trustee(&trustee_given)?;
    ctx.guard(&before)?;
    let mut m = before.clone();
    m.recipient_permissions.retain(|a| !a.trustee.eq_ignore_ascii_case(&who));
    if !ctx.save(id, &before, &m)? {
        ctx.warn(warning::ace_not_present(&before.identity(), &who));
    }
    Ok(())
}
