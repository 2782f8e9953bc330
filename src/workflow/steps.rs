//! The steps both routes of `convert` take (the direct one in `convert`, the hybrid one in
//! `remote`): reading one object, checking trustees and licences, planning the grants, running
//! the commands with the observer told of each change, and the advice that follows. Both routes
//! call down into this module; it calls neither.

use super::checks::{Check, source};
use super::exec::{CommandStatus, ErrorSummary, Executor, WorkflowError};
use super::outcome::{ConvertOptions, ConvertReport, ConvertStatus, Grant, MailboxState, Observer, TargetType};
use crate::cmdlet::{Invocation, Value};
use crate::exchange::classify::{ErrorKind, WarningKind, classify_error};
use crate::exchange::results::Mailbox;
use crate::exchange::{ByteSize, RecipientTypeDetails};
use crate::psobject::PsValue;
use crate::shell::{Outcome, Side};

/// The grants an invocation makes, when it is one of the grant commands.
fn grants_of(inv: &Invocation) -> Vec<Grant> {
    let s = |name: &str| inv.get_str(name).unwrap_or_default().to_string();
    if inv.is("Add-MailboxPermission") {
        let auto_mapping = match inv.get("AutoMapping") {
            Some(Value::Bool(b)) | Some(Value::Switch(b)) => Some(*b),
            _ => None,
        };
        vec![Grant::FullAccess { trustee: s("User"), auto_mapping }]
    } else if inv.is("Add-ADPermission") {
        vec![Grant::SendAs { trustee: s("User") }]
    } else if inv.is("Add-RecipientPermission") {
        vec![Grant::SendAs { trustee: s("Trustee") }]
    } else if let (true, Some(Value::AddRemove { add, .. })) = (inv.is("Set-Mailbox"), inv.get("GrantSendOnBehalfTo")) {
        add.iter().map(|t| Grant::SendOnBehalf { trustee: t.clone() }).collect()
    } else {
        Vec::new()
    }
}

/// An identity as one argument of a suggested `mbxctl` command line: bare when it is only
/// `[A-Za-z0-9@._-]`, otherwise in double quotes, which cmd.exe, PowerShell and sh all read as
/// one argument (PowerShell's single quotes are literal characters in cmd.exe).
pub(crate) fn cli_arg(s: &str) -> String {
    if !s.is_empty() && s.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '@' | '.' | '_' | '-')) {
        s.to_string()
    } else {
        format!("\"{}\"", s.replace('"', "\\\""))
    }
}

/// 50 GB: the most an unlicensed shared mailbox may hold in Exchange Online (docs/exchange-notes.md §1.1).
pub const UNLICENSED_SHARED_LIMIT: ByteSize = ByteSize::gb(50);

/// The recipient as `Get-Recipient` shows it: enough to choose the route.
pub(super) struct Recipient {
    /// Identity.
    pub(super) identity: String,
    /// PrimarySmtpAddress (empty when it has none).
    pub(super) smtp: String,
    /// RecipientTypeDetails.
    pub(super) kind: RecipientTypeDetails,
}

pub(super) fn read_recipient(v: &PsValue) -> Option<Recipient> {
    let o = v.as_object()?;
    let kind = o.get("RecipientTypeDetails")?.display()?.parse().ok()?;
    Some(Recipient {
        identity: o.get("Identity").and_then(PsValue::display).unwrap_or_default(),
        smtp: o.get("PrimarySmtpAddress").and_then(PsValue::display).unwrap_or_default(),
        kind,
    })
}

pub(super) fn first_error(outcome: &Outcome) -> Option<(ErrorKind, String)> {
    outcome.errors.first().map(|e| (classify_error(e), e.message.clone()))
}

pub(super) fn state_of(m: &Mailbox, size: Option<ByteSize>, side: Side) -> MailboxState {
    MailboxState {
        identity: m.identity.clone(),
        primary_smtp_address: m.primary_smtp_address.clone(),
        recipient_type_details: m.recipient_type_details,
        account_disabled: m.account_disabled,
        total_item_size: size,
        side,
    }
}

/// Runs a read-only cmdlet and returns its first output object, recording a blocking check for
/// not-found / ambiguous answers.
pub(super) async fn read_one(
    exec: &mut Executor<'_>,
    inv: Invocation,
    report: &mut ConvertReport,
    what: &str,
) -> Result<Option<PsValue>, WorkflowError> {
    Ok(read_one_or_why(exec, inv, report, what).await?.ok())
}

/// [`read_one`], saying why nothing was read: the kind of Exchange's error (`None` when the command
/// succeeded with no output). Follow-ups that depend on the reason (listing the candidates of an
/// ambiguous name, looking for a cloud-only mailbox) match on the kind, never on the message text.
pub(super) async fn read_one_or_why(
    exec: &mut Executor<'_>,
    inv: Invocation,
    report: &mut ConvertReport,
    what: &str,
) -> Result<Result<PsValue, Option<ErrorKind>>, WorkflowError> {
    let (outcome, _) = exec.run(&inv).await?;
    if let Some((kind, message)) = first_error(&outcome) {
        let check = match kind {
            ErrorKind::NotFound => Check::block("exists", format!("{what} not found: {message}"), source::IDENTITY),
            ErrorKind::Ambiguous => Check::block(
                "exists",
                format!("{what} is ambiguous: {message} Name it by its primary SMTP address or GUID."),
                source::IDENTITY,
            ),
            ErrorKind::AccessDenied => Check::block(
                "access",
                format!("reading {what} was refused: {message} The account needs the Mail Recipients role."),
                source::IDENTITY,
            ),
            _ => Check::block("read", format!("reading {what} failed: {message}"), source::IDENTITY),
        };
        report.checks.push(check);
        return Ok(Err(Some(kind)));
    }
    Ok(outcome.output.into_iter().next().ok_or(None))
}

pub(super) fn unexpected(cmdlet: &str, reason: impl std::fmt::Display) -> WorkflowError {
    WorkflowError::Unexpected { cmdlet: cmdlet.to_string(), reason: reason.to_string() }
}

/// Grants asked for, as invocations, in the order the guide lists them (docs/exchange-notes.md §7).
pub(super) fn grant_commands(key: &str, opts: &ConvertOptions, side: Side) -> Vec<Invocation> {
    let mut out = Vec::new();
    for user in &opts.full_access {
        let mut inv = Invocation::new("Add-MailboxPermission")
            .param("Identity", key)
            .param("User", user)
            .param("AccessRights", Value::List(vec!["FullAccess".into()]))
            .param("InheritanceType", "All");
        if let Some(auto) = opts.auto_mapping {
            inv = inv.param("AutoMapping", Value::Bool(auto));
        }
        out.push(inv);
    }
    for user in &opts.send_as {
        out.push(match side {
            Side::OnPremises => Invocation::new("Add-ADPermission")
                .param("Identity", key)
                .param("User", user)
                .param("AccessRights", Value::List(vec!["ExtendedRight".into()]))
                .param("ExtendedRights", Value::List(vec!["Send As".into()])),
            Side::Online => Invocation::new("Add-RecipientPermission")
                .param("Identity", key)
                .param("Trustee", user)
                .param("AccessRights", Value::List(vec!["SendAs".into()]))
                .param("Confirm", Value::Switch(false)),
        });
    }
    if !opts.send_on_behalf.is_empty() {
        out.push(
            Invocation::new("Set-Mailbox")
                .param("Identity", key)
                .param("GrantSendOnBehalfTo", Value::AddRemove { add: opts.send_on_behalf.clone(), remove: vec![] }),
        );
    }
    if opts.copy_sent_items {
        out.push(
            Invocation::new("Set-Mailbox")
                .param("Identity", key)
                .param("MessageCopyForSentAsEnabled", Value::Bool(true))
                .param("MessageCopyForSendOnBehalfEnabled", Value::Bool(true)),
        );
    }
    out
}

/// How a run of grant commands on a mailbox already of the target type ended: nothing to do
/// when Exchange said every permission was already there, otherwise permissions granted.
pub(super) fn grants_status(report: &ConvertReport) -> ConvertStatus {
    let added = report.commands.iter().any(|c| {
        c.status == CommandStatus::Succeeded
            && !c.warnings.iter().any(|w| {
                matches!(
                    w.kind,
                    WarningKind::AcePresent { .. }
                        | WarningKind::NoSettingsModified { .. }
                        | WarningKind::AlreadyOfType { .. }
                )
            })
    });
    if added { ConvertStatus::PermissionsGranted } else { ConvertStatus::NothingToDo }
}

/// Whether the admin asked for any permission or sent-items setting (they apply to shared only).
pub(super) fn wants_grants(opts: &ConvertOptions) -> bool {
    opts.to == TargetType::Shared
        && (!opts.full_access.is_empty()
            || !opts.send_as.is_empty()
            || !opts.send_on_behalf.is_empty()
            || opts.copy_sent_items)
}

/// Where a trustee's mailbox lives, as the recipient type read on `view`'s side shows it: on
/// premises a `Remote*` recipient's mailbox is in Exchange Online; in Exchange Online a mail user
/// is, in hybrid, a user whose mailbox is on premises. `None` for recipients with no mailbox.
fn trustee_mailbox_side(kind: RecipientTypeDetails, view: Side) -> Option<Side> {
    use RecipientTypeDetails as R;
    let mailbox = is_mailbox(kind);
    match view {
        Side::OnPremises if kind.is_remote_mailbox() => Some(Side::Online),
        Side::OnPremises if mailbox => Some(Side::OnPremises),
        Side::Online if mailbox => Some(Side::Online),
        Side::Online if kind == R::MailUser => Some(Side::OnPremises),
        _ => None,
    }
}

/// Whether `kind` is a mailbox on the side that reads it.
fn is_mailbox(kind: RecipientTypeDetails) -> bool {
    use RecipientTypeDetails as R;
    kind.is_convertible_mailbox()
        || matches!(kind, R::LinkedMailbox | R::LinkedRoomMailbox | R::TeamMailbox | R::DiscoveryMailbox)
}

/// Whether Exchange accepts `kind` in `-GrantSendOnBehalfTo`: a mailbox, a mail user or a
/// mail-enabled security group (docs/exchange-notes.md §7).
fn send_on_behalf_allowed(kind: RecipientTypeDetails) -> bool {
    use RecipientTypeDetails as R;
    is_mailbox(kind) || kind.is_remote_mailbox() || matches!(kind, R::MailUser | R::MailUniversalSecurityGroup)
}

/// Checks that every trustee exists before anything changes, so a typo does not leave a
/// converted mailbox with half its grants; that Send on Behalf goes only to recipients Exchange
/// accepts; and warns where Send As or Send on Behalf crosses premises, where it does not work
/// (docs/exchange-notes.md §7, hybrid caveat). `mailbox_side` is where the converted mailbox lives.
pub(super) async fn check_trustees(
    exec: &mut Executor<'_>,
    opts: &ConvertOptions,
    report: &mut ConvertReport,
    mailbox_side: Side,
) -> Result<(), WorkflowError> {
    let view = exec.side();
    let mut seen = std::collections::BTreeSet::new();
    let mut found = 0usize;
    let mut blocked = false;
    let lower = |v: &[String]| v.iter().map(|u| u.to_ascii_lowercase()).collect::<std::collections::BTreeSet<_>>();
    let (send_as, on_behalf) = (lower(&opts.send_as), lower(&opts.send_on_behalf));
    for user in opts.full_access.iter().chain(&opts.send_as).chain(&opts.send_on_behalf) {
        let key = user.to_ascii_lowercase();
        if !seen.insert(key.clone()) {
            continue;
        }
        let (outcome, _) = exec.run(&Invocation::new("Get-Recipient").param("Identity", user.as_str())).await?;
        match first_error(&outcome) {
            None => {}
            Some((ErrorKind::NotFound, m)) => {
                blocked = true;
                report.checks.push(Check::block(
                    "trustees",
                    format!("permission trustee '{user}' not found: {m}"),
                    source::PERMISSIONS,
                ));
                continue;
            }
            Some((_, m)) => {
                blocked = true;
                report.checks.push(Check::block(
                    "trustees",
                    format!("trustee '{user}' unreadable: {m}"),
                    source::PERMISSIONS,
                ));
                continue;
            }
        }
        found += 1;
        let Some(kind) = outcome.output.first().and_then(read_recipient).map(|r| r.kind) else {
            continue;
        };
        if on_behalf.contains(&key) && !send_on_behalf_allowed(kind) {
            blocked = true;
            report.checks.push(Check::block(
                "trustees",
                format!(
                    "Send on Behalf trustee '{user}' is a {kind}: Exchange accepts only a mailbox, a mail user or a mail-enabled security group"
                ),
                source::PERMISSIONS,
            ));
        }
        let sends = [(send_as.contains(&key), "Send As"), (on_behalf.contains(&key), "Send on Behalf")]
            .into_iter()
            .filter_map(|(asked, what)| asked.then_some(what))
            .collect::<Vec<_>>();
        if let Some(trustee_side) = trustee_mailbox_side(kind, view)
            && trustee_side != mailbox_side
            && !sends.is_empty()
        {
            let (theirs, ours) = match trustee_side {
                Side::OnPremises if view == Side::Online => (
                    "on premises (a mail user in Exchange Online is, in hybrid, a user whose mailbox is on premises)",
                    "in Exchange Online",
                ),
                Side::OnPremises => ("on premises", "in Exchange Online"),
                Side::Online => ("in Exchange Online", "on premises"),
            };
            report.checks.push(Check::warn(
                "trustee-premises",
                format!(
                    "'{user}' ({kind}) has its mailbox {theirs} but this mailbox is {ours}: {} only works when both mailboxes are on the same side (Full Access works across premises); move one of them, or expect it to fail",
                    sends.join(" and ")
                ),
                source::PERMISSIONS,
            ));
        }
    }
    if found > 0 && !blocked {
        report.checks.push(Check::pass("trustees", format!("{found} trustee(s) found"), source::PERMISSIONS));
    }
    Ok(())
}

/// Licence-related checks for a mailbox that lives (or will live) in Exchange Online.
pub(super) fn licence_checks(m: &Mailbox, size: ByteSize, in_cloud: bool, to: TargetType, report: &mut ConvertReport) {
    let holds = m.litigation_hold_enabled || !m.in_place_holds.is_empty();
    let archive = m.archive_guid.is_some_and(|g| !g.is_nil())
        || m.archive_status.as_deref().is_some_and(|s| s.eq_ignore_ascii_case("Active"));
    let where_lower = if in_cloud { "in Exchange Online" } else { "if this mailbox moves to Exchange Online," };
    if to == TargetType::Shared {
        if size > UNLICENSED_SHARED_LIMIT {
            report.checks.push(Check::warn(
                "size",
                format!("{size} is over the 50 GB an unlicensed shared mailbox may hold; {where_lower} it must keep its licence (100 GB with Exchange Online Plan 2)"),
                source::M365_LICENCE,
            ));
        } else {
            report.checks.push(Check::pass(
                "size",
                format!("{size} is within the 50 GB unlicensed limit"),
                source::M365_LICENCE,
            ));
        }
        if holds {
            let what = if m.litigation_hold_enabled { "Litigation Hold" } else { "an In-Place Hold" };
            report.checks.push(Check::warn(
                "holds",
                format!("the mailbox is on {what}; {where_lower} a shared mailbox on hold needs Exchange Online Plan 2 (or Plan 1 with Exchange Online Archiving): keep the licence"),
                source::M365_LICENCE,
            ));
        } else {
            report.checks.push(Check::pass("holds", "no litigation or in-place hold", source::M365_LICENCE));
        }
        if archive {
            report.checks.push(Check::warn(
                "archive",
                format!(
                    "the mailbox has an archive; {where_lower} an archive on a shared mailbox needs a licence: keep it"
                ),
                source::M365_LICENCE,
            ));
        }
    }
}

/// Plans or runs `commands` in order; stops at the first failure. Returns false when one failed.
/// `previous` is the type before the change, told to the observer once a `-Type` change ran, or
/// before the first command when none of them changes the type (permissions only).
pub(super) async fn run_commands(
    exec: &mut Executor<'_>,
    commands: &[Invocation],
    dry_run: bool,
    report: &mut ConvertReport,
    obs: &mut dyn Observer,
    previous: Option<RecipientTypeDetails>,
) -> Result<bool, WorkflowError> {
    if !dry_run
        && let Some(inv) = commands
            .iter()
            .find(|inv| inv.params.iter().any(|p| matches!(&p.value, Value::Secure(s) if s.expose().is_empty())))
    {
        // Only a dry run plans with the empty placeholder password; it must never be sent.
        return Err(unexpected(&inv.cmdlet, "an empty password was about to be sent; nothing ran"));
    }
    if !dry_run && !commands.is_empty() {
        obs.apply_started(commands).map_err(WorkflowError::Journal)?;
        // Only permissions on a mailbox already of the target type: its type before is its type
        // now, and the journal must say so before the first grant, or an undo of an interrupted
        // run would "convert back" a mailbox this run never converted.
        if let Some(prev) = previous
            && !commands.iter().any(|inv| inv.get("Type").is_some())
        {
            obs.applied(prev).map_err(WorkflowError::Journal)?;
        }
    }
    let mut failed = false;
    for inv in commands {
        if dry_run {
            report.commands.push(exec.plan(inv)?);
            continue;
        }
        if failed {
            let mut rec = exec.plan(inv)?;
            rec.status = CommandStatus::Skipped;
            report.commands.push(rec);
            continue;
        }
        let (_, rec) = exec.run(inv).await?;
        if rec.status == CommandStatus::Failed {
            failed = true;
            report.status = ConvertStatus::Failed;
            report.error = rec.errors.first().map(|e: &ErrorSummary| e.message.clone());
        } else {
            if inv.get("Type").is_some()
                && let Some(prev) = previous
            {
                obs.applied(prev).map_err(WorkflowError::Journal)?;
            }
            let already = rec.warnings.iter().any(|w| matches!(w.kind, WarningKind::AcePresent { .. }));
            if !already {
                for g in grants_of(inv) {
                    obs.granted(&g).map_err(WorkflowError::Journal)?;
                }
            }
        }
        report.commands.push(rec);
    }
    Ok(!failed)
}

/// What the guide says comes next, which Exchange cannot do (docs/exchange-notes.md §1.1 [M365CONV]).
pub(super) fn next_steps(opts: &ConvertOptions, m: &Mailbox, size: ByteSize, side: Side) -> Vec<String> {
    let mut out = Vec::new();
    let holds = m.litigation_hold_enabled || !m.in_place_holds.is_empty();
    let archive = m.archive_guid.is_some_and(|g| !g.is_nil());
    // Leaver advice (passwords, sign-in) fits a person's mailbox; a room or equipment mailbox's
    // account was never one anybody signed in with.
    let was_a_person =
        matches!(m.recipient_type_details, RecipientTypeDetails::UserMailbox | RecipientTypeDetails::LinkedMailbox);
    match opts.to {
        TargetType::Shared => {
            if side == Side::Online {
                let fits_unlicensed = size <= UNLICENSED_SHARED_LIMIT && !holds && !archive;
                if m.sku_assigned != Some(true) {
                    out.push(if fits_unlicensed {
                        "The mailbox has no licence, which is fine for a shared mailbox under 50 GB with no hold or archive.".into()
                    } else {
                        "The mailbox has no licence but needs one: it is over 50 GB or has a hold or archive; assign one (Exchange Online Plan 2, or Plan 1 with Exchange Online Archiving).".into()
                    });
                } else if fits_unlicensed {
                    out.push("The licence can now be removed: the mailbox is under 50 GB with no hold or archive that needs one.".into());
                } else {
                    out.push(
                        "Keep its licence: the mailbox is over 50 GB or has a hold or archive that needs one.".into(),
                    );
                }
                if was_a_person {
                    out.push("Reset the former user's password or block sign-in: the old credentials still work in Exchange Online.".into());
                }
            } else {
                if was_a_person {
                    out.push("The AD account is now disabled. If this was a leaver, also reset its password so it cannot be re-enabled with the old one.".into());
                }
                let mut why = Vec::new();
                if size > UNLICENSED_SHARED_LIMIT {
                    why.push("it is over 50 GB");
                }
                if holds {
                    why.push("it is on hold");
                }
                if archive {
                    why.push("it has an archive");
                }
                if !why.is_empty() {
                    out.push(format!(
                        "If the mailbox moves to Exchange Online, keep its licence: {} (an unlicensed shared mailbox may have none of these).",
                        why.join(", ")
                    ));
                }
            }
            out.push("Do not delete the user account: it anchors the shared mailbox.".into());
            if opts.full_access.is_empty() && opts.send_as.is_empty() && opts.send_on_behalf.is_empty() {
                out.push(format!(
                    "Give members access: mbxctl convert {} --to shared --full-access USER --send-as USER (Full Access alone cannot send).",
                    cli_arg(if m.primary_smtp_address.is_empty() { &m.identity } else { &m.primary_smtp_address })
                ));
            }
        }
        TargetType::Regular => {
            out.push(
                "The account is enabled again: hand the new password to the user through a secure channel.".into(),
            );
            if side == Side::Online {
                out.push("Keep the licence assigned: an unlicensed user mailbox is disconnected after 30 days.".into());
            }
            out.push("Review who still has Full Access or Send As on the mailbox: delegate permissions stay after converting back.".into());
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::{cli_arg, send_on_behalf_allowed, trustee_mailbox_side};
    use crate::exchange::RecipientTypeDetails as T;
    use crate::shell::Side;

    #[test]
    fn cli_arg_is_bare_only_for_plain_identities() {
        assert_eq!(cli_arg("kim@contoso.com"), "kim@contoso.com");
        assert_eq!(cli_arg("first.last-2_x"), "first.last-2_x");
        assert_eq!(cli_arg("Kim Akers"), "\"Kim Akers\"");
        assert_eq!(cli_arg("o'brien@contoso.com"), "\"o'brien@contoso.com\"");
        assert_eq!(cli_arg("a&b"), "\"a&b\"");
        assert_eq!(cli_arg(""), "\"\"");
    }

    #[test]
    fn trustee_side_depends_on_the_side_that_read_it() {
        assert_eq!(trustee_mailbox_side(T::RemoteUserMailbox, Side::OnPremises), Some(Side::Online));
        assert_eq!(trustee_mailbox_side(T::UserMailbox, Side::OnPremises), Some(Side::OnPremises));
        assert_eq!(trustee_mailbox_side(T::SharedMailbox, Side::OnPremises), Some(Side::OnPremises));
        assert_eq!(trustee_mailbox_side(T::UserMailbox, Side::Online), Some(Side::Online));
        assert_eq!(trustee_mailbox_side(T::MailUser, Side::Online), Some(Side::OnPremises));
        assert_eq!(trustee_mailbox_side(T::MailUser, Side::OnPremises), None);
        assert_eq!(trustee_mailbox_side(T::MailUniversalSecurityGroup, Side::OnPremises), None);
    }

    #[test]
    fn send_on_behalf_takes_mailboxes_mail_users_and_mail_enabled_security_groups() {
        for ok in [T::UserMailbox, T::SharedMailbox, T::RemoteUserMailbox, T::MailUser, T::MailUniversalSecurityGroup] {
            assert!(send_on_behalf_allowed(ok), "{ok}");
        }
        for no in
            [T::MailContact, T::MailUniversalDistributionGroup, T::DynamicDistributionGroup, T::User, T::GroupMailbox]
        {
            assert!(!send_on_behalf_allowed(no), "{no}");
        }
    }
}
