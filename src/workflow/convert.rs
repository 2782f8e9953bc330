//! `convert`: a user mailbox to shared and back, with every check the admin guide asks for.
//!
//! The flow is pre-flight (read-only cmdlets, each finding a [`Check`]), plan (the exact
//! commands), apply (unless a dry run), verify (re-read the mailbox), and advice for what the
//! guide says comes next. Hybrid remote mailboxes take the route that survives directory sync:
//! `Set-RemoteMailbox` on-premises first, then `Set-Mailbox` in Exchange Online (docs/exchange-notes.md §1.2,
//! §2.4).

use super::checks::{Check, source};
use super::exec::{Executor, WorkflowError};
use super::remote::convert_remote;
use super::steps::{
    check_trustees, grant_commands, grants_status, licence_checks, next_steps, read_one, read_one_or_why,
    read_recipient, run_commands, state_of, unexpected,
};
use crate::cmdlet::validate::Target;
use crate::cmdlet::{Invocation, Value};
use crate::exchange::ByteSize;
use crate::exchange::RecipientTypeDetails;
use crate::exchange::classify::{ErrorKind, WarningKind, classify_warning};
use crate::exchange::results::{Mailbox, MailboxStatistics};
use crate::psobject::PsValue;
use crate::secret::Secret;
use crate::shell::{Shell, Side};

pub use super::outcome::{
    ConvertOptions, ConvertReport, ConvertStatus, Grant, MailboxState, NoObserver, Observer, PlanStep, Shells,
    TargetType,
};
pub use super::remote::{alternatives, kb2710029_remote_recipient_type, version_check};
pub use super::steps::UNLICENSED_SHARED_LIMIT;
pub(crate) use super::steps::cli_arg;

/// Converts one mailbox. Never panics; a session failure is reported in the result as failed
/// with the reason, and the caller decides whether to reopen and retry.
pub async fn convert(shells: &mut Shells<'_>, identity: &str, opts: &ConvertOptions) -> ConvertReport {
    convert_observed(shells, identity, opts, &mut NoObserver).await
}

/// [`convert`], telling `obs` about each state change as it happens (batches journal them).
/// A session failure sets [`ConvertReport::session_failure`] so a pool can reopen and recheck.
pub async fn convert_observed(
    shells: &mut Shells<'_>,
    identity: &str,
    opts: &ConvertOptions,
    obs: &mut dyn Observer,
) -> ConvertReport {
    let mut report = ConvertReport::new(identity, opts.to);
    if let Err(e) = convert_inner(shells, identity, opts, &mut report, obs).await {
        report.status = ConvertStatus::Failed;
        report.session_failure = e.is_transient();
        if let WorkflowError::Throttled { retry_after, .. } = &e {
            report.throttled = Some(*retry_after);
        }
        report.error = Some(e.to_string());
    }
    report
}

async fn convert_inner(
    shells: &mut Shells<'_>,
    identity: &str,
    opts: &ConvertOptions,
    report: &mut ConvertReport,
    obs: &mut dyn Observer,
) -> Result<(), WorkflowError> {
    let primary_side = shells.primary.describe().side;
    let mut exec = Executor::new(&mut *shells.primary, Target { side: primary_side, ..Target::default() });
    if let Some(n) = opts.throttle_retries {
        exec.throttle_retries = n;
    }

    let found = match read_one_or_why(
        &mut exec,
        Invocation::new("Get-Recipient").param("Identity", identity),
        report,
        &format!("recipient '{identity}'"),
    )
    .await?
    {
        Ok(found) => found,
        Err(Some(ErrorKind::Ambiguous)) => {
            list_ambiguous(&mut exec, identity, report).await;
            return Ok(());
        }
        Err(Some(ErrorKind::NotFound)) => {
            if primary_side == Side::OnPremises
                && let Some(cloud) = shells.cloud.as_deref_mut()
            {
                explain_cloud_only(cloud, identity, report).await;
            }
            return Ok(());
        }
        Err(_) => return Ok(()),
    };
    let recipient = read_recipient(&found).ok_or_else(|| unexpected("Get-Recipient", "no RecipientTypeDetails"))?;
    report.checks.push(Check::pass(
        "exists",
        if recipient.smtp.is_empty() {
            format!("'{identity}' is {}", recipient.identity)
        } else {
            format!("'{identity}' is {} ({})", recipient.identity, recipient.smtp)
        },
        source::IDENTITY,
    ));
    let key = if recipient.smtp.is_empty() { recipient.identity.clone() } else { recipient.smtp.clone() };

    if recipient.kind.is_remote_mailbox() && primary_side == Side::OnPremises {
        let cloud = shells.cloud.as_deref_mut();
        return convert_remote(exec, cloud, &key, opts, report, obs).await;
    }
    if !recipient.kind.is_convertible_mailbox() {
        report.checks.push(Check::block(
            "type",
            format!(
                "{} is a {}; Set-Mailbox -Type converts only user, shared, room and equipment mailboxes{}",
                recipient.identity,
                recipient.kind,
                if matches!(recipient.kind, RecipientTypeDetails::User | RecipientTypeDetails::DisabledUser) {
                    " (this account has no mailbox; to give it a leaver's disconnected mailbox: mbxctl convert --disconnected NAME --database DB --user ACCOUNT)"
                } else {
                    ""
                }
            ),
            source::SET_MAILBOX_TYPE,
        ));
        if recipient.kind == RecipientTypeDetails::LinkedMailbox {
            report.checks.push(Check::warn(
                "linked",
                "a linked mailbox must first be made a user mailbox (Set-User -LinkedMasterAccount $null) before it can be converted",
                source::SET_MAILBOX_TYPE,
            ));
        }
        return Ok(());
    }
    convert_mailbox(exec, primary_side, &key, opts, report, obs).await
}

/// An ambiguous identity: list the recipients it could mean (name, primary SMTP address, type),
/// found with `Get-Recipient -Anr` (read-only), so the admin can name one by its address.
async fn list_ambiguous(exec: &mut Executor<'_>, identity: &str, report: &mut ConvertReport) {
    let anr = Invocation::new("Get-Recipient").param("Anr", identity).param("ResultSize", "10");
    let Ok((outcome, _)) = exec.run(&anr).await else { return };
    let matches: Vec<String> = outcome
        .output
        .iter()
        .filter_map(read_recipient)
        .map(|r| {
            format!("{} ({}, {})", r.identity, if r.smtp.is_empty() { "no SMTP address" } else { &r.smtp }, r.kind)
        })
        .collect();
    if let (false, Some(check)) = (matches.is_empty(), report.checks.last_mut()) {
        check.message.push_str(&format!(" It could be: {}.", matches.join("; ")));
    }
}

/// A mailbox not found on-premises may live only in Exchange Online (created there, never synced
/// from AD): say so on the not-found check, with the cloud object's name and type, instead of
/// leaving the admin to wonder whether it exists at all. Read-only; a failed read adds nothing.
async fn explain_cloud_only(cloud: &mut (dyn Shell + 'static), identity: &str, report: &mut ConvertReport) {
    let mut exec = Executor::new(cloud, Target { side: Side::Online, ..Target::default() });
    let Ok((outcome, _)) = exec.run(&Invocation::new("Get-Recipient").param("Identity", identity)).await else {
        return;
    };
    if !outcome.errors.is_empty() {
        return;
    }
    if let (Some(r), Some(check)) = (outcome.output.first().and_then(read_recipient), report.checks.last_mut()) {
        check.message = format!(
            "'{identity}' exists only in Exchange Online: {} ({}, {}) has no on-premises object, so there is nothing to convert here; convert it with an Exchange Online profile: mbxctl --profile CLOUD-PROFILE convert {} --to ...",
            r.identity,
            r.kind,
            if r.smtp.is_empty() { "no SMTP address" } else { r.smtp.as_str() },
            cli_arg(if r.smtp.is_empty() { identity } else { &r.smtp })
        );
    }
}

async fn convert_mailbox(
    mut exec: Executor<'_>,
    side: Side,
    key: &str,
    opts: &ConvertOptions,
    report: &mut ConvertReport,
    obs: &mut dyn Observer,
) -> Result<(), WorkflowError> {
    let Some(raw) =
        read_one(&mut exec, Invocation::new("Get-Mailbox").param("Identity", key), report, &format!("mailbox '{key}'"))
            .await?
    else {
        return Ok(());
    };
    let mailbox = Mailbox::from_ps(&raw).map_err(|e| unexpected("Get-Mailbox", e))?;
    let (stats_out, _) = exec.run(&Invocation::new("Get-MailboxStatistics").param("Identity", key)).await?;
    let never_logged_on =
        stats_out.warnings.iter().any(|w| matches!(classify_warning(w), WarningKind::NeverLoggedOn { .. }));
    let size = match stats_out.output.first() {
        Some(v) => MailboxStatistics::from_ps(v).map_err(|e| unexpected("Get-MailboxStatistics", e))?.total_item_size,
        None => ByteSize(0),
    };
    report.before.push(state_of(&mailbox, Some(size), side));

    let current = mailbox.recipient_type_details;
    if current == opts.to.mailbox_type() {
        let grants = if opts.to == TargetType::Shared { grant_commands(key, opts, side) } else { Vec::new() };
        report.checks.push(Check::pass(
            "target",
            if grants.is_empty() {
                format!("{} is already a {current}: nothing to do", mailbox.identity)
            } else {
                format!("{} is already a {current}: only the permissions asked for are added", mailbox.identity)
            },
            source::SET_MAILBOX_TYPE,
        ));
        if opts.to == TargetType::Shared && side == Side::OnPremises && mailbox.account_disabled == Some(false) {
            report.checks.push(Check::warn(
                "account",
                "the AD account behind this shared mailbox is enabled: anyone who knows its password can sign in to it; disable the account (Disable-ADAccount) or reset its password",
                source::ACCOUNT,
            ));
        }
        if grants.is_empty() {
            report.status = ConvertStatus::NothingToDo;
            return Ok(());
        }
        // Re-running a conversion whose grants failed, or granting access afterwards as the
        // next steps suggest: add the permissions, leave the type alone.
        check_trustees(&mut exec, opts, report, side).await?;
        if report.blocked() {
            return Ok(());
        }
        if !opts.dry_run {
            obs.preflighted(report).map_err(WorkflowError::Journal)?;
        }
        if !run_commands(&mut exec, &grants, opts.dry_run, report, obs, Some(current)).await? {
            return Ok(());
        }
        report.status = if opts.dry_run { ConvertStatus::Planned } else { grants_status(report) };
        return Ok(());
    }
    report.checks.push(Check::pass(
        "type",
        format!("{current} → {} is a supported conversion", opts.to.mailbox_type()),
        source::SET_MAILBOX_TYPE,
    ));
    if never_logged_on {
        report.checks.push(Check::pass(
            "logon",
            "the mailbox was never logged on to (it holds no data)",
            source::M365_CONVERT,
        ));
    }
    licence_checks(&mailbox, size, side == Side::Online, opts.to, report);
    match (opts.to, side) {
        (TargetType::Shared, Side::OnPremises) => report.checks.push(Check::pass(
            "account",
            "conversion disables the AD account; do not delete the account: it anchors the shared mailbox",
            source::ACCOUNT,
        )),
        (TargetType::Shared, Side::Online) => report.checks.push(Check::warn(
            "account",
            "in Exchange Online the old user name and password keep working after conversion: reset the password or block sign-in",
            source::M365_CONVERT,
        )),
        (TargetType::Regular, _) => password_checks(&mut exec, opts, side, &mailbox, report).await?,
    }
    check_trustees(&mut exec, opts, report, side).await?;
    if report.blocked() {
        return Ok(());
    }

    let mut set = Invocation::new("Set-Mailbox").param("Identity", key).param("Type", opts.to.type_value());
    // A dry run without a password still plans the command that will run, with an empty
    // placeholder the renderer never prints; run_commands refuses to send an empty one.
    let password = match &opts.password {
        Some(pw) => Some(pw.clone()),
        None if opts.dry_run && side == Side::OnPremises => Some(Secret::new("")),
        None => None,
    };
    if opts.to == TargetType::Regular
        && let Some(pw) = password
    {
        set = set.param("Password", Value::Secure(pw));
        if opts.reset_password_on_next_logon {
            set = set.param("ResetPasswordOnNextLogon", Value::Bool(true));
        }
    }
    let mut commands = vec![set];
    if opts.to == TargetType::Shared {
        commands.extend(grant_commands(key, opts, side));
    }
    if !opts.dry_run {
        obs.preflighted(report).map_err(WorkflowError::Journal)?;
    }
    if !run_commands(&mut exec, &commands, opts.dry_run, report, obs, Some(current)).await? {
        return Ok(());
    }
    if opts.dry_run {
        report.status = ConvertStatus::Planned;
        report.next_steps = next_steps(opts, &mailbox, size, side);
        return Ok(());
    }

    // Verify: re-read and compare, never trust the absence of an error.
    let after = Invocation::new("Get-Mailbox").param("Identity", key);
    let (outcome, _) = exec.run(&after).await?;
    let Some(v) = outcome.output.first() else {
        report.status = ConvertStatus::Failed;
        report.error = Some(format!("verification could not re-read {key}"));
        return Ok(());
    };
    let now = Mailbox::from_ps(v).map_err(|e| unexpected("Get-Mailbox", e))?;
    report.after.push(state_of(&now, Some(size), side));
    let type_ok = now.recipient_type_details == opts.to.mailbox_type();
    let account_ok = !matches!(
        (opts.to, side, now.account_disabled),
        (TargetType::Shared, Side::OnPremises, Some(false)) | (TargetType::Regular, Side::OnPremises, Some(true))
    );
    if type_ok && account_ok {
        report.status = ConvertStatus::Converted;
        report.next_steps = next_steps(opts, &mailbox, size, side);
    } else {
        report.status = ConvertStatus::Failed;
        report.error = Some(format!(
            "verification failed: {} is {} with AccountDisabled={}",
            now.identity,
            now.recipient_type_details,
            now.account_disabled.map_or("unknown".into(), |b| b.to_string())
        ));
    }
    Ok(())
}

async fn password_checks(
    exec: &mut Executor<'_>,
    opts: &ConvertOptions,
    side: Side,
    mailbox: &Mailbox,
    report: &mut ConvertReport,
) -> Result<(), WorkflowError> {
    if side == Side::Online {
        match mailbox.sku_assigned {
            Some(true) => report.checks.push(Check::pass("licence", "a licence is assigned", source::M365_LICENCE)),
            _ => report.checks.push(Check::block(
                "licence",
                "a user mailbox in Exchange Online needs a licence before converting back (unlicensed, it is disconnected after 30 days); assign one in the Microsoft 365 admin center first",
                source::M365_LICENCE,
            )),
        }
        return Ok(());
    }
    if opts.password.is_none() && opts.dry_run {
        report.checks.push(Check::warn(
            "password",
            "converting back enables the account, so a new password is needed when it runs: --password-stdin or the prompt",
            source::CONVERT_BACK,
        ));
    } else if opts.password.is_none() {
        report.checks.push(Check::block(
            "password",
            "converting back enables the account and needs a new password that meets the domain's policy: pass --password-stdin (or answer the prompt)",
            source::CONVERT_BACK,
        ));
    } else {
        report.checks.push(Check::pass("password", "a new password was supplied (never shown)", source::CONVERT_BACK));
    }
    // Disabled assignments are listed too; only an enabled one lets -Password through.
    let (mut outcome, _) = exec
        .run(
            &Invocation::new("Get-ManagementRoleAssignment")
                .param("Role", "Reset Password")
                .param("Enabled", Value::Bool(true)),
        )
        .await?;
    outcome.output.retain(|v| {
        v.as_object()
            .and_then(|o| o.get("Enabled"))
            .and_then(PsValue::display)
            .is_none_or(|e| !e.eq_ignore_ascii_case("False"))
    });
    if !outcome.errors.is_empty() {
        report.checks.push(Check::warn(
            "reset-password-role",
            format!(
                "could not read role assignments ({}); setting the password needs the Reset Password role",
                outcome.errors[0].message
            ),
            source::CONVERT_BACK,
        ));
    } else if outcome.output.is_empty() {
        report.checks.push(Check::block(
            "reset-password-role",
            "no enabled role assignment grants Reset Password (no role group has it by default), so Set-Mailbox would refuse -Password: New-ManagementRoleAssignment -Role 'Reset Password' -User <admin>",
            source::CONVERT_BACK,
        ));
    } else {
        let who: Vec<String> = outcome
            .output
            .iter()
            .filter_map(|v| v.as_object()?.get("RoleAssigneeName").and_then(PsValue::display))
            .collect();
        report.checks.push(Check::pass(
            "reset-password-role",
            format!(
                "Reset Password is assigned ({})",
                if who.is_empty() { "assignee not shown".into() } else { who.join(", ") }
            ),
            source::CONVERT_BACK,
        ));
    }
    Ok(())
}
