//! `convert --disconnected`: a leaver whose account is already gone left a disconnected mailbox
//! in its database; connect it to an existing account without a mailbox as a shared mailbox
//! (`Connect-Mailbox -Shared`, docs/exchange-notes.md §8.1).

use super::checks::{Check, source};
use super::exec::{CommandStatus, Executor, WorkflowError};
use super::outcome::{ConvertReport, ConvertStatus, MailboxState, NoObserver, Observer, TargetType};
use crate::cmdlet::validate::Target;
use crate::cmdlet::{Invocation, Value};
use crate::exchange::RecipientTypeDetails;
use crate::exchange::results::{Mailbox, MailboxStatistics, User};
use crate::shell::Shell;

/// What to connect, and to whom.
#[derive(Debug, Clone)]
pub struct DisconnectedRequest {
    /// The disconnected mailbox: display name, MailboxGuid or LegacyExchangeDN.
    pub mailbox: String,
    /// The database holding it.
    pub database: String,
    /// An existing AD user that has no mailbox.
    pub user: String,
    /// Only check and plan.
    pub dry_run: bool,
}

fn matches(s: &MailboxStatistics, wanted: &str) -> bool {
    let w = wanted.trim();
    s.display_name.eq_ignore_ascii_case(w)
        || s.mailbox_guid.is_some_and(|g| g.to_string().eq_ignore_ascii_case(w))
        || s.legacy_exchange_dn.as_deref().is_some_and(|d| d.eq_ignore_ascii_case(w))
}

/// Connects a disconnected mailbox as shared; reported like a conversion to shared.
pub async fn connect_shared(shell: &mut (dyn Shell + 'static), req: &DisconnectedRequest) -> ConvertReport {
    connect_shared_observed(shell, req, &mut NoObserver).await
}

/// [`connect_shared`], telling `obs` when pre-flight passed and just before `Connect-Mailbox` is
/// sent (so a journal knows whether the change may have reached Exchange); `applied` is not
/// called, as the mailbox had no recipient type before: a rollback cannot convert it "back".
pub async fn connect_shared_observed(
    shell: &mut (dyn Shell + 'static),
    req: &DisconnectedRequest,
    obs: &mut dyn Observer,
) -> ConvertReport {
    let mut report = ConvertReport::new(&req.mailbox, TargetType::Shared);
    if let Err(e) = inner(shell, req, &mut report, obs).await {
        report.status = ConvertStatus::Failed;
        report.error = Some(e.to_string());
    }
    report
}

async fn inner(
    shell: &mut (dyn Shell + 'static),
    req: &DisconnectedRequest,
    report: &mut ConvertReport,
    obs: &mut dyn Observer,
) -> Result<(), WorkflowError> {
    let side = shell.describe().side;
    let mut exec = Executor::new(shell, Target { side, ..Target::default() });
    let (stats, _) =
        exec.run(&Invocation::new("Get-MailboxStatistics").param("Database", req.database.as_str())).await?;
    if let Some(e) = stats.errors.first() {
        report.checks.push(Check::block(
            "database",
            format!("database '{}': {}", req.database, e.message),
            source::DISCONNECTED,
        ));
        return Ok(());
    }
    let found: Vec<MailboxStatistics> = stats
        .output
        .iter()
        .filter_map(|v| MailboxStatistics::from_ps(v).ok())
        .filter(|s| s.disconnect_reason.is_some() && matches(s, &req.mailbox))
        .collect();
    let stat = match found.as_slice() {
        [one] => one.clone(),
        [] => {
            report.checks.push(Check::block(
                "exists",
                format!(
                    "no disconnected mailbox '{}' in database '{}' (a removed mailbox shows as Disabled only after the store notices; Update-StoreMailboxState speeds that up)",
                    req.mailbox, req.database
                ),
                source::DISCONNECTED,
            ));
            return Ok(());
        }
        many => {
            report.checks.push(Check::block(
                "exists",
                format!("'{}' matches {} disconnected mailboxes: name it by MailboxGuid", req.mailbox, many.len()),
                source::DISCONNECTED,
            ));
            return Ok(());
        }
    };
    if stat.disconnect_reason.as_deref().is_some_and(|r| r.eq_ignore_ascii_case("SoftDeleted")) {
        // A soft-deleted mailbox (left behind by a move) cannot be connected; its content can
        // only be restored into an existing mailbox through MRS (docs/exchange-notes.md §8.1).
        report.checks.push(Check::block(
            "exists",
            format!(
                "'{}' is SoftDeleted, not Disabled: Connect-Mailbox connects only disabled mailboxes; restore its content into a mailbox instead: New-MailboxRestoreRequest -SourceDatabase {} -SourceStoreMailbox {} -TargetMailbox <mailbox> -AllowLegacyDNMismatch",
                stat.display_name,
                crate::cmdlet::literal::quote(&req.database),
                crate::cmdlet::literal::quote(&stat.mailbox_guid.map(|g| g.to_string()).unwrap_or_else(|| stat.display_name.clone()))
            ),
            source::DISCONNECTED,
        ));
        return Ok(());
    }
    report.checks.push(Check::pass(
        "exists",
        format!(
            "disconnected mailbox '{}' ({}, {}), {}",
            stat.display_name,
            stat.mailbox_guid.map(|g| g.to_string()).unwrap_or_default(),
            stat.disconnect_reason.clone().unwrap_or_default(),
            stat.total_item_size
        ),
        source::DISCONNECTED,
    ));
    let (user_out, _) = exec.run(&Invocation::new("Get-User").param("Identity", req.user.as_str())).await?;
    match (user_out.errors.first(), user_out.output.first()) {
        (Some(e), _) => {
            report.checks.push(Check::block(
                "user",
                format!("account '{}': {}", req.user, e.message),
                source::DISCONNECTED,
            ));
        }
        (None, Some(v)) => {
            let user = User::from_ps(v)
                .map_err(|e| WorkflowError::Unexpected { cmdlet: "Get-User".into(), reason: e.to_string() })?;
            if matches!(user.recipient_type_details, RecipientTypeDetails::User | RecipientTypeDetails::DisabledUser) {
                report.checks.push(Check::pass(
                    "user",
                    format!("account '{}' exists and has no mailbox", user.identity),
                    source::DISCONNECTED,
                ));
            } else {
                report.checks.push(Check::block(
                    "user",
                    format!(
                        "account '{}' already has a {}: Connect-Mailbox needs an account without a mailbox",
                        user.identity, user.recipient_type_details
                    ),
                    source::DISCONNECTED,
                ));
            }
        }
        (None, None) => {
            report.checks.push(Check::block("user", format!("account '{}' not found", req.user), source::DISCONNECTED))
        }
    }
    if report.checks.iter().any(|c| c.verdict == super::checks::Verdict::Block) {
        return Ok(());
    }
    let id = stat.mailbox_guid.map(|g| g.to_string()).unwrap_or_else(|| stat.display_name.clone());
    let connect = Invocation::new("Connect-Mailbox")
        .param("Identity", id)
        .param("Database", req.database.as_str())
        .param("User", req.user.as_str())
        .param("Shared", Value::Switch(true));
    if req.dry_run {
        report.commands.push(exec.plan(&connect)?);
        report.status = ConvertStatus::Planned;
        return Ok(());
    }
    obs.preflighted(report).map_err(WorkflowError::Journal)?;
    obs.apply_started(std::slice::from_ref(&connect)).map_err(WorkflowError::Journal)?;
    let (_, rec) = exec.run(&connect).await?;
    let failed = rec.status == CommandStatus::Failed;
    if failed {
        report.error = rec.errors.first().map(|e| e.message.clone());
    }
    report.commands.push(rec);
    if failed {
        report.status = ConvertStatus::Failed;
        return Ok(());
    }
    let (after, _) = exec.run(&Invocation::new("Get-Mailbox").param("Identity", req.user.as_str())).await?;
    let now = after
        .output
        .first()
        .map(Mailbox::from_ps)
        .transpose()
        .map_err(|e| WorkflowError::Unexpected { cmdlet: "Get-Mailbox".into(), reason: e.to_string() })?;
    match now {
        Some(m) if m.recipient_type_details == RecipientTypeDetails::SharedMailbox => {
            report.after.push(MailboxState {
                identity: m.identity.clone(),
                primary_smtp_address: m.primary_smtp_address.clone(),
                recipient_type_details: m.recipient_type_details,
                account_disabled: m.account_disabled,
                total_item_size: Some(stat.total_item_size),
                side,
            });
            report.status = ConvertStatus::Converted;
            report.next_steps = vec![
                "Do not delete the account: it now anchors the shared mailbox.".into(),
                format!(
                    "Give members access: mbxctl convert {} --to shared --full-access USER --send-as USER",
                    m.primary_smtp_address
                ),
            ];
        }
        other => {
            report.status = ConvertStatus::Failed;
            report.error = Some(format!(
                "verification failed: '{}' is {}",
                req.user,
                other.map_or("not a mailbox".to_string(), |m| m.recipient_type_details.to_string())
            ));
        }
    }
    Ok(())
}
