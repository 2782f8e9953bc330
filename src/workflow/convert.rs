//! `convert`: a user mailbox to shared and back, with every check the admin guide asks for.
//!
//! The flow is pre-flight (read-only cmdlets, each finding a [`Check`]), plan (the exact
//! commands), apply (unless a dry run), verify (re-read the mailbox), and advice for what the
//! guide says comes next. Hybrid remote mailboxes take the route that survives directory sync:
//! `Set-RemoteMailbox` on-premises first, then `Set-Mailbox` in Exchange Online (reference §1.2,
//! §2.4).

use super::checks::{Check, Verdict, source};
use super::exec::{CommandRecord, CommandStatus, ErrorSummary, Executor, WorkflowError};
use crate::cmdlet::validate::Target;
use crate::cmdlet::{Invocation, Value};
use crate::exchange::classify::{ErrorKind, WarningKind, classify_error, classify_warning};
use crate::exchange::results::{Mailbox, MailboxStatistics};
use crate::exchange::{ByteSize, RecipientTypeDetails};
use crate::psobject::PsValue;
use crate::secret::Secret;
use crate::shell::{Outcome, Shell, Side};
use serde::Serialize;

use super::remote::convert_remote;
pub use super::remote::{alternatives, kb2710029_remote_recipient_type, version_check};

/// The two directions mbxctl converts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, serde::Deserialize)]
pub enum TargetType {
    /// To a shared mailbox.
    Shared,
    /// Back to a user (regular) mailbox.
    Regular,
}

impl TargetType {
    /// The `-Type` value.
    pub fn type_value(self) -> &'static str {
        match self {
            TargetType::Shared => "Shared",
            TargetType::Regular => "Regular",
        }
    }

    /// The RecipientTypeDetails a mailbox has after conversion, on-premises or in the cloud.
    pub fn mailbox_type(self) -> RecipientTypeDetails {
        match self {
            TargetType::Shared => RecipientTypeDetails::SharedMailbox,
            TargetType::Regular => RecipientTypeDetails::UserMailbox,
        }
    }

    /// The RecipientTypeDetails of the on-premises remote mailbox after conversion.
    pub fn remote_type(self) -> RecipientTypeDetails {
        match self {
            TargetType::Shared => RecipientTypeDetails::RemoteSharedMailbox,
            TargetType::Regular => RecipientTypeDetails::RemoteUserMailbox,
        }
    }
}

impl std::str::FromStr for TargetType {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.trim().to_ascii_lowercase().as_str() {
            "shared" | "sharedmailbox" => Ok(TargetType::Shared),
            "regular" | "user" | "usermailbox" => Ok(TargetType::Regular),
            _ => Err(format!("'{s}' is not a target type (valid: Shared, Regular)")),
        }
    }
}

/// What the admin asked for, besides the identity.
#[derive(Debug, Clone)]
pub struct ConvertOptions {
    /// Direction.
    pub to: TargetType,
    /// Users to grant Full Access.
    pub full_access: Vec<String>,
    /// AutoMapping for the Full Access grants (Exchange's default is on).
    pub auto_mapping: Option<bool>,
    /// Users to grant Send As.
    pub send_as: Vec<String>,
    /// Users to grant Send on Behalf.
    pub send_on_behalf: Vec<String>,
    /// Keep copies of sent items in the shared mailbox.
    pub copy_sent_items: bool,
    /// The new password when converting back.
    pub password: Option<Secret>,
    /// Whether the user must change that password at next logon.
    pub reset_password_on_next_logon: bool,
    /// Only check and plan.
    pub dry_run: bool,
    /// How often a throttled command is retried inside the conversion (default 3). A batch sets
    /// 0 so that its pool sees the throttling answer and slows every session down instead.
    pub throttle_retries: Option<u32>,
}

impl ConvertOptions {
    /// Options for a plain conversion in `to` direction.
    pub fn new(to: TargetType) -> Self {
        ConvertOptions {
            to,
            full_access: Vec::new(),
            auto_mapping: None,
            send_as: Vec::new(),
            send_on_behalf: Vec::new(),
            copy_sent_items: false,
            password: None,
            reset_password_on_next_logon: false,
            dry_run: false,
            throttle_retries: None,
        }
    }
}

/// How one mailbox's conversion ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum ConvertStatus {
    /// Converted and verified.
    Converted,
    /// Already of the target type; nothing ran.
    NothingToDo,
    /// Dry run: checks passed (or warned), commands planned.
    Planned,
    /// A pre-flight check blocked it; nothing ran.
    Blocked,
    /// A command failed or verification did not confirm the change.
    Failed,
    /// The on-premises side is done but the Exchange Online step failed or did not verify.
    Partial,
}

/// A mailbox's state as reports show it, with Exchange's property names.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct MailboxState {
    /// Identity.
    pub identity: String,
    /// PrimarySmtpAddress.
    pub primary_smtp_address: String,
    /// RecipientTypeDetails.
    pub recipient_type_details: RecipientTypeDetails,
    /// AccountDisabled, where known.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub account_disabled: Option<bool>,
    /// TotalItemSize in bytes, where read.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub total_item_size: Option<ByteSize>,
    /// Side.
    pub side: Side,
}

/// Everything `convert` found and did for one mailbox.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ConvertReport {
    /// The identity as the admin gave it.
    pub identity: String,
    /// Direction.
    pub to: TargetType,
    /// Outcome.
    pub status: ConvertStatus,
    /// The pre-flight checks, in order.
    pub checks: Vec<Check>,
    /// The commands planned or run, in order.
    pub commands: Vec<CommandRecord>,
    /// State before.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub before: Vec<MailboxState>,
    /// State after (re-read), when applied.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub after: Vec<MailboxState>,
    /// What the guide says comes next that Exchange cannot do.
    pub next_steps: Vec<String>,
    /// A step-by-step alternative when the in-place path is not available.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub alternative: Vec<PlanStep>,
    /// Why it failed, when it did.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub error: Option<String>,
    /// The session failed (broken, timed out) rather than Exchange refusing: worth a recheck.
    #[serde(skip)]
    pub session_failure: bool,
    /// Exchange throttled a command past the allowed retries: the wait it asked for.
    #[serde(skip)]
    pub throttled: Option<std::time::Duration>,
}

/// One step of a documented alternative path.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PlanStep {
    /// Where to run it.
    pub r#where: String,
    /// What it does.
    pub description: String,
    /// The command, when there is one (rendered through the audited renderer).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub command: Option<String>,
}

impl ConvertReport {
    /// A report that is blocked until the workflow decides otherwise.
    pub(crate) fn new(identity: &str, to: TargetType) -> Self {
        ConvertReport {
            identity: identity.to_string(),
            to,
            status: ConvertStatus::Blocked,
            checks: Vec::new(),
            commands: Vec::new(),
            before: Vec::new(),
            after: Vec::new(),
            next_steps: Vec::new(),
            alternative: Vec::new(),
            error: None,
            session_failure: false,
            throttled: None,
        }
    }

    pub(super) fn blocked(&self) -> bool {
        self.checks.iter().any(|c| c.verdict == Verdict::Block)
    }
}

/// The shells a conversion may use: the primary one (on-premises, or Exchange Online for a
/// cloud-only organisation) and, in hybrid, the Exchange Online one.
pub struct Shells<'a> {
    /// The primary session.
    pub primary: &'a mut (dyn Shell + 'static),
    /// The Exchange Online session, when one is configured.
    pub cloud: Option<&'a mut (dyn Shell + 'static)>,
}

impl<'a> Shells<'a> {
    /// Just one session.
    pub fn single(primary: &'a mut (dyn Shell + 'static)) -> Self {
        Shells { primary, cloud: None }
    }
}

/// A permission a conversion actually added (not one Exchange said was already there).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Grant {
    /// Full Access, with its AutoMapping.
    FullAccess {
        /// The trustee.
        trustee: String,
        /// AutoMapping as sent (None = Exchange's default, on).
        auto_mapping: Option<bool>,
    },
    /// Send As.
    SendAs {
        /// The trustee.
        trustee: String,
    },
    /// Send on Behalf.
    SendOnBehalf {
        /// The trustee.
        trustee: String,
    },
}

/// Told about each state change of a conversion as it happens, so a batch can journal it
/// before and after each change. An `Err` stops the conversion before the next change: a
/// journal that cannot be written must not let work go unrecorded.
pub trait Observer: Send {
    /// Pre-flight finished and nothing blocked; changes follow.
    fn preflighted(&mut self, _report: &ConvertReport) -> Result<(), String> {
        Ok(())
    }
    /// These commands are about to run.
    fn apply_started(&mut self, _commands: &[Invocation]) -> Result<(), String> {
        Ok(())
    }
    /// The type change ran without error; `previous` is the type before it.
    fn applied(&mut self, _previous: RecipientTypeDetails) -> Result<(), String> {
        Ok(())
    }
    /// A permission was added.
    fn granted(&mut self, _grant: &Grant) -> Result<(), String> {
        Ok(())
    }
}

/// An observer that records nothing (single conversions).
pub struct NoObserver;
impl Observer for NoObserver {}

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

/// 50 GB: the most an unlicensed shared mailbox may hold in Exchange Online (reference §1.1).
pub const UNLICENSED_SHARED_LIMIT: ByteSize = ByteSize::gb(50);

/// The recipient as `Get-Recipient` shows it: enough to choose the route.
struct Recipient {
    identity: String,
    smtp: String,
    kind: RecipientTypeDetails,
}

fn read_recipient(v: &PsValue) -> Option<Recipient> {
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
        return Ok(None);
    }
    Ok(outcome.output.into_iter().next())
}

pub(super) fn unexpected(cmdlet: &str, reason: impl std::fmt::Display) -> WorkflowError {
    WorkflowError::Unexpected { cmdlet: cmdlet.to_string(), reason: reason.to_string() }
}

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

    let Some(found) = read_one(
        &mut exec,
        Invocation::new("Get-Recipient").param("Identity", identity),
        report,
        &format!("recipient '{identity}'"),
    )
    .await?
    else {
        return Ok(());
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

/// Grants asked for, as invocations, in the order the guide lists them (reference §7).
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
/// mail-enabled security group (reference §7).
fn send_on_behalf_allowed(kind: RecipientTypeDetails) -> bool {
    use RecipientTypeDetails as R;
    is_mailbox(kind) || kind.is_remote_mailbox() || matches!(kind, R::MailUser | R::MailUniversalSecurityGroup)
}

/// Checks that every trustee exists before anything changes, so a typo does not leave a
/// converted mailbox with half its grants; that Send on Behalf goes only to recipients Exchange
/// accepts; and warns where Send As or Send on Behalf crosses premises, where it does not work
/// (reference §7, hybrid caveat). `mailbox_side` is where the converted mailbox lives.
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
        if !run_commands(&mut exec, &grants, opts.dry_run, report, obs, None).await? {
            return Ok(());
        }
        report.status = if opts.dry_run { ConvertStatus::Planned } else { ConvertStatus::Converted };
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

/// Plans or runs `commands` in order; stops at the first failure. Returns false when one failed.
/// `previous` is the type before the change, told to the observer once a `-Type` change ran.
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

/// What the guide says comes next, which Exchange cannot do (reference §1.1 [M365CONV]).
pub(super) fn next_steps(opts: &ConvertOptions, m: &Mailbox, size: ByteSize, side: Side) -> Vec<String> {
    let mut out = Vec::new();
    let holds = m.litigation_hold_enabled || !m.in_place_holds.is_empty();
    let archive = m.archive_guid.is_some_and(|g| !g.is_nil());
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
                out.push("Reset the former user's password or block sign-in: the old credentials still work in Exchange Online.".into());
            } else {
                out.push("The AD account is now disabled. If this was a leaver, also reset its password so it cannot be re-enabled with the old one.".into());
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
