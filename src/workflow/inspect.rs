//! `show` and `list`: what an admin checks by hand in the Exchange Management Shell before
//! converting a mailbox, read through the same [`Shell`]s and typed results as `convert`, so it
//! works on the LAB and over PSRP alike. Nothing here changes anything: every command is a
//! `Get-*` cmdlet, validated by the [`Executor`] like every other.
//!
//! The checks it reports are the pre-flight facts of docs/exchange-notes.md §1.1 (50 GB, holds,
//! archive), §2.4 (the KB2710029 revert) and §7 (permissions), as warnings: `show` decides
//! nothing, it lets the admin decide.

use super::checks::{Check, Verdict};
use super::convert::{Shells, UNLICENSED_SHARED_LIMIT};
use super::exec::{Executor, WorkflowError};
use crate::cmdlet::validate::Target;
use crate::cmdlet::{Invocation, Value};
use crate::exchange::classify::{ErrorKind, WarningKind, classify_error, classify_warning};
use crate::exchange::results::{AdPermission, Mailbox, MailboxPermission, MailboxStatistics, RemoteMailbox};
use crate::exchange::{ByteSize, RecipientTypeDetails};
use crate::psobject::PsValue;
use crate::shell::{Outcome, Shell, Side};
use serde::Serialize;

/// The trustee Exchange lists on every mailbox for the mailbox's own account; never a delegate.
const SELF: &str = "NT AUTHORITY\\SELF";

/// Where the facts [`MailboxView::checks`] cite come from.
mod source {
    pub const SIZE: &str = "docs/exchange-notes.md §1.1 (50 GB without a licence)";
    pub const HOLDS: &str = "docs/exchange-notes.md §1.1 (holds and archives need a licence)";
    pub const ACCOUNT: &str = "docs/exchange-notes.md §1.1 (the account of a shared mailbox)";
    pub const LOGON: &str = "docs/exchange-notes.md §3.2 (never logged on)";
    pub const REVERT: &str = "docs/exchange-notes.md §2.4 (KB2710029)";
    pub const PERMISSIONS: &str = "docs/exchange-notes.md §7";
}

/// A Full Access delegate (`Get-MailboxPermission`).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FullAccessDelegate {
    /// The trustee as Exchange names it (`CONTOSO\lee`, `lee@contoso.com`).
    pub user: String,
    /// Whether Outlook maps the mailbox automatically for this user. Exchange does not report it
    /// through `Get-MailboxPermission` (it lives in the mailbox's `msExchDelegateListLink`
    /// attribute), so it is `None` unless the object carries an `AutoMapping` property.
    pub auto_mapping: Option<bool>,
    /// The rights of the entry (`FullAccess`, and any others it holds).
    pub access_rights: Vec<String>,
}

/// The cloud half of a hybrid mailbox, seen from Exchange Online.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CloudView {
    /// `RecipientTypeDetails` in Exchange Online.
    pub recipient_type_details: RecipientTypeDetails,
    /// `SKUAssigned`: whether a licence is assigned.
    pub sku_assigned: Option<bool>,
}

/// Everything `show` reports about one mailbox.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MailboxView {
    /// The identity as the admin typed it.
    pub query: String,
    /// The side the mailbox lives on (where its content is).
    pub side: Side,
    /// `Get-Mailbox` on that side.
    pub mailbox: Mailbox,
    /// `Get-RemoteMailbox` on-premises, for a mailbox that lives in Exchange Online in hybrid.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub remote: Option<RemoteMailbox>,
    /// The Exchange Online object of a hybrid mailbox, when a cloud session is open.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cloud: Option<CloudView>,
    /// `Get-MailboxStatistics`; `None` when the mailbox was never logged on to (Exchange returns
    /// no object then, only a warning) or could not be read (see `notes`).
    pub statistics: Option<MailboxStatistics>,
    /// Whether Exchange said the mailbox was never logged on to.
    pub never_logged_on: bool,
    /// Full Access delegates: explicit, allowing, not inherited, not SELF.
    pub full_access: Vec<FullAccessDelegate>,
    /// Send As trustees (`Get-ADPermission` on-premises, `Get-RecipientPermission` online).
    pub send_as: Vec<String>,
    /// Send on Behalf trustees (`GrantSendOnBehalfTo`).
    pub send_on_behalf: Vec<String>,
    /// What an admin should weigh before converting, as warnings (nothing blocks here).
    pub checks: Vec<Check>,
    /// Reads that failed without making the view useless (a right the account lacks, say).
    pub notes: Vec<String>,
}

impl MailboxView {
    /// Whether anyone but the mailbox itself can open it or send from it.
    pub fn has_delegates(&self) -> bool {
        !self.full_access.is_empty() || !self.send_as.is_empty() || !self.send_on_behalf.is_empty()
    }

    /// The mailbox size, when read.
    pub fn size(&self) -> Option<ByteSize> {
        match (&self.statistics, self.never_logged_on) {
            (Some(s), _) => Some(s.total_item_size),
            (None, true) => Some(ByteSize(0)),
            (None, false) => None,
        }
    }

    /// Whether any hold applies (litigation, in-place or retention).
    pub fn on_hold(&self) -> bool {
        on_hold(&self.mailbox)
    }
}

/// Why a mailbox could not be shown.
#[derive(Debug, thiserror::Error)]
pub enum InspectError {
    /// No recipient has that identity.
    #[error("'{identity}' was not found{where_}: {message}")]
    NotFound {
        /// As typed.
        identity: String,
        /// Which sides were searched.
        where_: String,
        /// Exchange's text.
        message: String,
    },
    /// Several recipients match.
    #[error("'{identity}' matches more than one recipient: {message} Name it by its primary SMTP address or GUID.")]
    Ambiguous {
        /// As typed.
        identity: String,
        /// Exchange's text.
        message: String,
    },
    /// A recipient, but not a mailbox.
    #[error("'{identity}' is {found}, a {kind}, not a mailbox")]
    NotAMailbox {
        /// As typed.
        identity: String,
        /// What Exchange resolved it to.
        found: String,
        /// Its type.
        kind: RecipientTypeDetails,
    },
    /// A read failed.
    #[error("reading '{identity}' failed: {message}")]
    Read {
        /// As typed.
        identity: String,
        /// Why.
        message: String,
    },
    /// The session failed or returned something unreadable.
    #[error(transparent)]
    Workflow(#[from] WorkflowError),
}

fn executor<'a>(shell: &'a mut (dyn Shell + 'static)) -> Executor<'a> {
    let side = shell.describe().side;
    Executor::new(shell, Target { side, ..Target::default() })
}

fn first_error(outcome: &Outcome) -> Option<(ErrorKind, String)> {
    outcome.errors.first().map(|e| (classify_error(e), e.message.clone()))
}

fn text(v: &PsValue, name: &str) -> String {
    v.as_object().and_then(|o| o.get(name)).and_then(PsValue::display).unwrap_or_default()
}

fn unreadable(cmdlet: &str, e: impl std::fmt::Display) -> WorkflowError {
    WorkflowError::Unexpected { cmdlet: cmdlet.to_string(), reason: e.to_string() }
}

fn on_hold(m: &Mailbox) -> bool {
    m.litigation_hold_enabled || !m.in_place_holds.is_empty()
}

fn has_archive(m: &Mailbox) -> bool {
    m.archive_status.as_deref().is_some_and(|s| s.eq_ignore_ascii_case("Active"))
        || m.archive_guid.is_some_and(|g| !g.is_nil())
}

/// Resolves `identity` with `Get-Recipient` on one shell: `Ok(None)` when not found there.
async fn recipient(
    shell: &mut (dyn Shell + 'static),
    identity: &str,
) -> Result<Option<(String, String, RecipientTypeDetails)>, InspectError> {
    let mut exec = executor(shell);
    let (outcome, _) = exec.run(&Invocation::new("Get-Recipient").param("Identity", identity)).await?;
    match first_error(&outcome) {
        Some((ErrorKind::NotFound, _)) => return Ok(None),
        Some((ErrorKind::Ambiguous, message)) => {
            return Err(InspectError::Ambiguous { identity: identity.to_string(), message });
        }
        Some((_, message)) => return Err(InspectError::Read { identity: identity.to_string(), message }),
        None => {}
    }
    let Some(v) = outcome.output.first() else { return Ok(None) };
    let kind = text(v, "RecipientTypeDetails")
        .parse::<RecipientTypeDetails>()
        .map_err(|e| unreadable("Get-Recipient", format!("RecipientTypeDetails: {e}")))?;
    Ok(Some((text(v, "Identity"), text(v, "PrimarySmtpAddress"), kind)))
}

/// Reads one object with a `Get-*` cmdlet; an error record becomes [`InspectError::Read`].
async fn read_object<T>(
    exec: &mut Executor<'_>,
    inv: Invocation,
    identity: &str,
    parse: fn(&PsValue) -> Result<T, crate::exchange::results::ResultError>,
) -> Result<T, InspectError> {
    let cmdlet = inv.cmdlet.clone();
    let (outcome, _) = exec.run(&inv).await?;
    if let Some((_, message)) = first_error(&outcome) {
        return Err(InspectError::Read { identity: identity.to_string(), message });
    }
    let v = outcome.output.first().ok_or_else(|| unreadable(&cmdlet, "no object returned"))?;
    parse(v).map_err(|e| InspectError::Workflow(unreadable(&cmdlet, e)))
}

/// Runs a read whose failure only costs one part of the view: the error goes to `notes`.
async fn read_optional(
    exec: &mut Executor<'_>,
    inv: Invocation,
    notes: &mut Vec<String>,
) -> Result<Outcome, InspectError> {
    let cmdlet = inv.cmdlet.clone();
    let (outcome, _) = exec.run(&inv).await?;
    if let Some((kind, message)) = first_error(&outcome) {
        let hint = if kind == ErrorKind::AccessDenied || kind == ErrorKind::CommandNotFound {
            " (the account may lack the role for it)"
        } else {
            ""
        };
        notes.push(format!("{cmdlet} failed{hint}: {message}"));
    }
    Ok(outcome)
}

/// Reads everything `show` reports about one mailbox. In hybrid, a mailbox that lives in
/// Exchange Online is read there (its remote mailbox on-premises as well), and a name the
/// on-premises side does not know is looked up in Exchange Online.
pub async fn inspect(shells: &mut Shells<'_>, identity: &str) -> Result<MailboxView, InspectError> {
    let primary_side = shells.primary.describe().side;
    let found = recipient(&mut *shells.primary, identity).await?;
    let (found, kind) = match found {
        Some((id, smtp, kind)) => ((id, smtp), kind),
        None => {
            // Not on the primary side: a cloud-only mailbox is named on the wrong side.
            if let Some(cloud) = shells.cloud.as_deref_mut()
                && primary_side == Side::OnPremises
                && let Some((_, smtp, kind)) = recipient(cloud, identity).await?
                && kind.is_convertible_mailbox()
            {
                let key = if smtp.is_empty() { identity.to_string() } else { smtp };
                let mut view = read_mailbox(cloud, Side::Online, identity, &key).await?;
                view.notes.push(format!(
                    "'{identity}' exists only in Exchange Online: there is no on-premises object (a cloud-only mailbox)"
                ));
                return Ok(view);
            }
            let where_ = if shells.cloud.is_some() { " on-premises or in Exchange Online" } else { "" };
            return Err(InspectError::NotFound {
                identity: identity.to_string(),
                where_: where_.to_string(),
                message: "no recipient has this identity".into(),
            });
        }
    };
    let key = if found.1.is_empty() { found.0.clone() } else { found.1.clone() };

    if kind.is_remote_mailbox() && primary_side == Side::OnPremises {
        let mut exec = executor(&mut *shells.primary);
        let remote = read_object(
            &mut exec,
            Invocation::new("Get-RemoteMailbox").param("Identity", key.as_str()),
            identity,
            RemoteMailbox::from_ps,
        )
        .await?;
        let Some(cloud) = shells.cloud.as_deref_mut() else {
            return Err(InspectError::Read {
                identity: identity.to_string(),
                message: format!(
                    "{} lives in Exchange Online (a {}); give a cloud session (--cloud-profile) to read its size, holds and delegates",
                    remote.identity, remote.recipient_type_details
                ),
            });
        };
        let mut view = read_mailbox(cloud, Side::Online, identity, &key).await?;
        revert_risk(&remote, &view.mailbox, &mut view.checks);
        view.remote = Some(remote);
        return Ok(view);
    }
    if !kind.is_convertible_mailbox() {
        return Err(InspectError::NotAMailbox { identity: identity.to_string(), found: found.0, kind });
    }
    // The cloud side of an on-premises mailbox is a mail user; nothing to add there.
    read_mailbox(&mut *shells.primary, primary_side, identity, &key).await
}

/// KB2710029: the cloud mailbox was converted but the on-premises remote mailbox was not, so the
/// next directory sync turns the cloud mailbox back (docs/exchange-notes.md §2.4).
fn revert_risk(remote: &RemoteMailbox, cloud: &Mailbox, checks: &mut Vec<Check>) {
    let cloud_shared = cloud.recipient_type_details == RecipientTypeDetails::SharedMailbox;
    let onprem_shared = remote.recipient_type_details == RecipientTypeDetails::RemoteSharedMailbox;
    if cloud_shared != onprem_shared {
        checks.push(Check::warn(
            "revert-risk",
            format!(
                "Exchange Online says {} but on-premises says {}: the next directory sync turns the cloud mailbox back (KB2710029); convert it on-premises with `mbxctl convert {} --to {}`",
                cloud.recipient_type_details,
                remote.recipient_type_details,
                super::convert::cli_arg(&cloud.primary_smtp_address),
                if cloud_shared { "shared" } else { "regular" }
            ),
            source::REVERT,
        ));
    }
}

/// Reads the mailbox, its statistics and its delegates on `side`.
async fn read_mailbox(
    shell: &mut (dyn Shell + 'static),
    side: Side,
    identity: &str,
    key: &str,
) -> Result<MailboxView, InspectError> {
    let mut exec = executor(shell);
    let mailbox =
        read_object(&mut exec, Invocation::new("Get-Mailbox").param("Identity", key), identity, Mailbox::from_ps)
            .await?;
    let mut notes = Vec::new();

    let stats_out =
        read_optional(&mut exec, Invocation::new("Get-MailboxStatistics").param("Identity", key), &mut notes).await?;
    let never_logged_on =
        stats_out.warnings.iter().any(|w| matches!(classify_warning(w), WarningKind::NeverLoggedOn { .. }));
    let statistics = match stats_out.output.first() {
        Some(v) => Some(MailboxStatistics::from_ps(v).map_err(|e| unreadable("Get-MailboxStatistics", e))?),
        None => None,
    };

    let perms =
        read_optional(&mut exec, Invocation::new("Get-MailboxPermission").param("Identity", key), &mut notes).await?;
    let mut full_access = Vec::new();
    for v in &perms.output {
        let p = MailboxPermission::from_ps(v).map_err(|e| unreadable("Get-MailboxPermission", e))?;
        if p.is_inherited
            || p.deny
            || p.user.eq_ignore_ascii_case(SELF)
            || !p.access_rights.iter().any(|r| r.eq_ignore_ascii_case("FullAccess"))
        {
            continue;
        }
        let auto_mapping = v.as_object().and_then(|o| o.get("AutoMapping")).and_then(PsValue::display).and_then(|s| {
            match s.to_ascii_lowercase().as_str() {
                "true" => Some(true),
                "false" => Some(false),
                _ => None,
            }
        });
        full_access.push(FullAccessDelegate { user: p.user, auto_mapping, access_rights: p.access_rights });
    }

    let mut send_as = Vec::new();
    match side {
        Side::OnPremises => {
            let out = read_optional(&mut exec, Invocation::new("Get-ADPermission").param("Identity", key), &mut notes)
                .await?;
            for v in &out.output {
                let p = AdPermission::from_ps(v).map_err(|e| unreadable("Get-ADPermission", e))?;
                if !p.is_inherited
                    && !p.deny
                    && !p.user.eq_ignore_ascii_case(SELF)
                    && p.extended_rights.iter().any(|r| r.eq_ignore_ascii_case("Send-As"))
                {
                    send_as.push(p.user);
                }
            }
        }
        Side::Online => {
            let out =
                read_optional(&mut exec, Invocation::new("Get-RecipientPermission").param("Identity", key), &mut notes)
                    .await?;
            for v in &out.output {
                let trustee = text(v, "Trustee");
                let rights = text(v, "AccessRights");
                let denied = text(v, "AccessControlType").eq_ignore_ascii_case("Deny");
                if !denied && !trustee.eq_ignore_ascii_case(SELF) && rights.to_ascii_lowercase().contains("sendas") {
                    send_as.push(trustee);
                }
            }
        }
    }
    let send_on_behalf = mailbox.grant_send_on_behalf_to.clone();

    let cloud = (side == Side::Online).then_some(CloudView {
        recipient_type_details: mailbox.recipient_type_details,
        sku_assigned: mailbox.sku_assigned,
    });
    let mut view = MailboxView {
        query: identity.to_string(),
        side,
        remote: None,
        cloud,
        statistics,
        never_logged_on,
        full_access,
        send_as,
        send_on_behalf,
        checks: Vec::new(),
        notes,
        mailbox,
    };
    view.checks = judge(&view);
    Ok(view)
}

/// The warnings `show` prints beside the facts. Pure, so it is tested without a shell.
pub fn judge(view: &MailboxView) -> Vec<Check> {
    let m = &view.mailbox;
    let mut out = Vec::new();
    if let Some(size) = view.size()
        && size > UNLICENSED_SHARED_LIMIT
    {
        out.push(Check::warn(
            "size",
            format!("{size} is over the 50 GB an unlicensed shared mailbox may hold in Exchange Online: as a shared mailbox there it still needs a licence"),
            source::SIZE,
        ));
    }
    let mut holds = Vec::new();
    if m.litigation_hold_enabled {
        holds.push("litigation hold".to_string());
    }
    if !m.in_place_holds.is_empty() {
        holds.push(format!("in-place holds {}", m.in_place_holds.join(", ")));
    }
    if !holds.is_empty() {
        out.push(Check::warn(
            "holds",
            format!("{}: as a shared mailbox in Exchange Online it still needs a licence", holds.join("; ")),
            source::HOLDS,
        ));
    }
    if has_archive(m) {
        out.push(Check::warn(
            "archive",
            "has an archive: as a shared mailbox in Exchange Online it still needs a licence",
            source::HOLDS,
        ));
    }
    if view.never_logged_on {
        out.push(Check::warn(
            "never-logged-on",
            "nobody has ever logged on to this mailbox (Exchange returns no statistics for it)",
            source::LOGON,
        ));
    }
    if m.recipient_type_details == RecipientTypeDetails::SharedMailbox {
        if m.account_disabled == Some(false) {
            out.push(Check::warn(
                "account-enabled",
                "the account of this shared mailbox is enabled: its password still signs in; disable it",
                source::ACCOUNT,
            ));
        }
        if !view.has_delegates() {
            out.push(Check::warn(
                "no-delegates",
                "nobody has Full Access, Send As or Send on Behalf: no one can open or send from this shared mailbox",
                source::PERMISSIONS,
            ));
        }
    }
    out
}

/// The mailboxes [`list`] selects.
#[derive(Debug, Clone, Default)]
pub struct ListFilter {
    /// Only these types (`RecipientTypeDetails`); empty for every mailbox type.
    pub types: Vec<RecipientTypeDetails>,
    /// Only mailboxes larger than this.
    pub over: Option<ByteSize>,
    /// Only mailboxes on a hold.
    pub on_hold: bool,
    /// Only mailboxes nobody holds Full Access, Send As or Send on Behalf on.
    pub no_delegates: bool,
    /// Only shared mailboxes that need a licence in Exchange Online (over 50 GB, on hold, or with
    /// an archive) and have none.
    pub needs_licence: bool,
    /// Only this side; both sides when `None` and both are open.
    pub side: Option<Side>,
}

impl ListFilter {
    /// Whether sizes must be read (one `Get-MailboxStatistics` per mailbox).
    pub fn needs_size(&self) -> bool {
        self.over.is_some() || self.needs_licence
    }
}

/// One row of `list`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MailboxSummary {
    /// The side the mailbox lives on.
    pub side: Side,
    /// `Name`.
    pub name: String,
    /// `PrimarySmtpAddress`.
    pub primary_smtp_address: String,
    /// `RecipientTypeDetails`.
    pub recipient_type_details: RecipientTypeDetails,
    /// `TotalItemSize`, when the filter needed it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub total_item_size: Option<ByteSize>,
    /// Litigation or in-place hold.
    pub on_hold: bool,
    /// Has an archive.
    pub archive: bool,
    /// `SKUAssigned` (Exchange Online).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sku_assigned: Option<bool>,
    /// Full Access, Send As and Send on Behalf trustees, when the filter needed them.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub delegates: Option<usize>,
}

/// Told how far a listing has got: (done, total) after each mailbox that needed extra reads.
pub type Progress<'a> = &'a mut (dyn FnMut(usize, usize) + Send);

/// Lists the mailboxes that match `filter`, on every open side (or the one asked for). Reads in
/// bulk (`Get-Mailbox -ResultSize Unlimited`), and one call per mailbox only for what the filter
/// needs (sizes, delegates), after the cheap filters have narrowed the list.
pub async fn list(
    shells: &mut Shells<'_>,
    filter: &ListFilter,
    progress: Progress<'_>,
) -> Result<Vec<MailboxSummary>, InspectError> {
    let mut out = Vec::new();
    let primary_side = shells.primary.describe().side;
    let mut sides: Vec<(&mut (dyn Shell + 'static), Side)> = vec![(&mut *shells.primary, primary_side)];
    if let Some(cloud) = shells.cloud.as_deref_mut() {
        sides.push((cloud, Side::Online));
    }
    for (shell, side) in sides {
        if filter.side.is_some_and(|s| s != side) {
            continue;
        }
        let mut exec = executor(shell);
        let mut inv = Invocation::new("Get-Mailbox").param("ResultSize", "Unlimited");
        let types: Vec<RecipientTypeDetails> =
            if filter.needs_licence { vec![RecipientTypeDetails::SharedMailbox] } else { filter.types.clone() };
        if !types.is_empty() {
            inv = inv.param("RecipientTypeDetails", Value::List(types.iter().map(|t| t.to_string()).collect()));
        }
        let (outcome, _) = exec.run(&inv).await?;
        if let Some((_, message)) = first_error(&outcome) {
            return Err(InspectError::Read { identity: "Get-Mailbox -ResultSize Unlimited".into(), message });
        }
        let mut rows = Vec::new();
        for v in &outcome.output {
            let m = Mailbox::from_ps(v).map_err(|e| unreadable("Get-Mailbox", e))?;
            if !types.is_empty() && !types.contains(&m.recipient_type_details) {
                continue;
            }
            if filter.on_hold && !on_hold(&m) {
                continue;
            }
            if filter.needs_licence && (side != Side::Online || m.sku_assigned == Some(true)) {
                continue;
            }
            rows.push(m);
        }
        let total = rows.len();
        for (i, m) in rows.into_iter().enumerate() {
            let key =
                if m.primary_smtp_address.is_empty() { m.identity.clone() } else { m.primary_smtp_address.clone() };
            let size = if filter.needs_size() { Some(read_size(&mut exec, &key).await?) } else { None };
            if let (Some(limit), Some(size)) = (filter.over, size)
                && size <= limit
            {
                progress(i + 1, total);
                continue;
            }
            if filter.needs_licence
                && !(on_hold(&m) || has_archive(&m) || size.is_some_and(|s| s > UNLICENSED_SHARED_LIMIT))
            {
                progress(i + 1, total);
                continue;
            }
            let delegates =
                if filter.no_delegates { Some(count_delegates(&mut exec, side, &m, &key).await?) } else { None };
            if filter.no_delegates && delegates != Some(0) {
                progress(i + 1, total);
                continue;
            }
            if filter.needs_size() || filter.no_delegates {
                progress(i + 1, total);
            }
            out.push(MailboxSummary {
                side,
                name: m.name.clone(),
                primary_smtp_address: m.primary_smtp_address.clone(),
                recipient_type_details: m.recipient_type_details,
                total_item_size: size,
                on_hold: on_hold(&m),
                archive: has_archive(&m),
                sku_assigned: m.sku_assigned,
                delegates,
            });
        }
    }
    Ok(out)
}

async fn read_size(exec: &mut Executor<'_>, key: &str) -> Result<ByteSize, InspectError> {
    let (outcome, _) = exec.run(&Invocation::new("Get-MailboxStatistics").param("Identity", key)).await?;
    if let Some((_, message)) = first_error(&outcome) {
        return Err(InspectError::Read { identity: key.to_string(), message });
    }
    match outcome.output.first() {
        Some(v) => {
            Ok(MailboxStatistics::from_ps(v).map_err(|e| unreadable("Get-MailboxStatistics", e))?.total_item_size)
        }
        // Never logged on: Exchange answers with a warning and no object; it holds nothing.
        None => Ok(ByteSize(0)),
    }
}

async fn count_delegates(exec: &mut Executor<'_>, side: Side, m: &Mailbox, key: &str) -> Result<usize, InspectError> {
    let mut n = m.grant_send_on_behalf_to.len();
    let (perms, _) = exec.run(&Invocation::new("Get-MailboxPermission").param("Identity", key)).await?;
    if let Some((_, message)) = first_error(&perms) {
        return Err(InspectError::Read { identity: key.to_string(), message });
    }
    for v in &perms.output {
        let p = MailboxPermission::from_ps(v).map_err(|e| unreadable("Get-MailboxPermission", e))?;
        if !p.is_inherited
            && !p.deny
            && !p.user.eq_ignore_ascii_case(SELF)
            && p.access_rights.iter().any(|r| r.eq_ignore_ascii_case("FullAccess"))
        {
            n += 1;
        }
    }
    let inv = match side {
        Side::OnPremises => Invocation::new("Get-ADPermission").param("Identity", key),
        Side::Online => Invocation::new("Get-RecipientPermission").param("Identity", key),
    };
    let (out, _) = exec.run(&inv).await?;
    if let Some((_, message)) = first_error(&out) {
        return Err(InspectError::Read { identity: key.to_string(), message });
    }
    for v in &out.output {
        let granted = match side {
            Side::OnPremises => AdPermission::from_ps(v).map_err(|e| unreadable("Get-ADPermission", e)).map(|p| {
                !p.is_inherited
                    && !p.deny
                    && !p.user.eq_ignore_ascii_case(SELF)
                    && p.extended_rights.iter().any(|r| r.eq_ignore_ascii_case("Send-As"))
            })?,
            Side::Online => {
                !text(v, "Trustee").eq_ignore_ascii_case(SELF)
                    && !text(v, "AccessControlType").eq_ignore_ascii_case("Deny")
                    && text(v, "AccessRights").to_ascii_lowercase().contains("sendas")
            }
        };
        if granted {
            n += 1;
        }
    }
    Ok(n)
}

/// Whether a check is a warning (for counting in summaries).
pub fn is_warning(c: &Check) -> bool {
    c.verdict == Verdict::Warn
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::exchange::results::ps_from_json;

    fn view(mailbox: serde_json::Value) -> MailboxView {
        let mailbox = Mailbox::from_ps(&ps_from_json(&mailbox)).expect("mailbox");
        MailboxView {
            query: "x".into(),
            side: Side::OnPremises,
            mailbox,
            remote: None,
            cloud: None,
            statistics: None,
            never_logged_on: false,
            full_access: Vec::new(),
            send_as: Vec::new(),
            send_on_behalf: Vec::new(),
            checks: Vec::new(),
            notes: Vec::new(),
        }
    }

    fn ids(v: &MailboxView) -> Vec<&'static str> {
        judge(v).iter().map(|c| c.id).collect()
    }

    fn base(kind: &str) -> serde_json::Value {
        serde_json::json!({"Identity": "x", "Name": "x", "DisplayName": "x", "Alias": "x",
            "PrimarySmtpAddress": "x@contoso.com", "RecipientTypeDetails": kind, "AccountDisabled": true})
    }

    #[test]
    fn a_clean_user_mailbox_has_nothing_to_weigh() {
        assert!(ids(&view(base("UserMailbox"))).is_empty());
    }

    #[test]
    fn a_shared_mailbox_without_delegates_or_with_an_enabled_account_is_flagged() {
        let mut m = base("SharedMailbox");
        m["AccountDisabled"] = false.into();
        assert_eq!(ids(&view(m)), ["account-enabled", "no-delegates"]);
        let mut v = view(base("SharedMailbox"));
        v.send_on_behalf = vec!["lee".into()];
        assert!(ids(&v).is_empty());
    }

    #[test]
    fn holds_archives_size_and_never_logged_on_are_each_named() {
        let mut m = base("UserMailbox");
        m["LitigationHoldEnabled"] = true.into();
        m["InPlaceHolds"] = serde_json::json!(["UniH1"]);
        m["ArchiveStatus"] = "Active".into();
        let mut v = view(m);
        v.never_logged_on = true;
        assert_eq!(ids(&v), ["holds", "archive", "never-logged-on"]);
        assert!(judge(&v)[0].message.contains("litigation hold; in-place holds UniH1"));
    }

    #[test]
    fn exactly_50_gb_is_not_over_the_limit() {
        let stats = |bytes: u64| {
            MailboxStatistics::from_ps(&ps_from_json(&serde_json::json!({
                "DisplayName": "x", "TotalItemSize": format!("{bytes} B ({bytes} bytes)"),
                "TotalDeletedItemSize": "0 B (0 bytes)", "ItemCount": 1})))
            .expect("stats")
        };
        let mut v = view(base("UserMailbox"));
        v.statistics = Some(stats(UNLICENSED_SHARED_LIMIT.bytes()));
        assert!(ids(&v).is_empty());
        v.statistics = Some(stats(UNLICENSED_SHARED_LIMIT.bytes() + 1));
        assert_eq!(ids(&v), ["size"]);
    }
}
