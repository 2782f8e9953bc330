//! The vocabulary of a conversion, shared by the direct route (`convert`), the hybrid route
//! (`remote`), `--disconnected` and batches: what the admin asked for ([`ConvertOptions`]), which
//! way ([`TargetType`]), how it ended ([`ConvertStatus`], [`ConvertReport`]) and who is told
//! about each state change ([`Observer`]). It knows no workflow, so every arrow points here.

use super::checks::{Check, Verdict};
use super::exec::CommandRecord;
use crate::cmdlet::Invocation;
use crate::exchange::{ByteSize, RecipientTypeDetails};
use crate::secret::Secret;
use crate::shell::{Shell, Side};
use serde::Serialize;

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

/// How one mailbox's conversion ended: each says what changed, so a report (and its exit code)
/// never calls a permission-only run "converted" (docs/json-output.md lists them).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum ConvertStatus {
    /// The type changed and a re-read confirmed it (with any permissions asked for).
    Converted,
    /// Already of the target type, and every permission asked for was already there: nothing
    /// changed.
    NothingToDo,
    /// Already of the target type; only permissions were added (at least one was new).
    PermissionsGranted,
    /// Dry run: checks passed (or warned), commands planned.
    Planned,
    /// A pre-flight check blocked it; nothing ran.
    Blocked,
    /// A command failed or verification did not confirm the change.
    Failed,
    /// The on-premises side is done but the Exchange Online step failed or did not verify.
    Partial,
}

impl ConvertStatus {
    /// The JSON spelling (`permissions-granted`).
    pub fn as_str(self) -> &'static str {
        match self {
            ConvertStatus::Converted => "converted",
            ConvertStatus::NothingToDo => "nothing-to-do",
            ConvertStatus::PermissionsGranted => "permissions-granted",
            ConvertStatus::Planned => "planned",
            ConvertStatus::Blocked => "blocked",
            ConvertStatus::Failed => "failed",
            ConvertStatus::Partial => "partial",
        }
    }

    /// Whether Exchange state may have changed: what a caller must report, never hide.
    pub fn changed_something(self) -> bool {
        matches!(self, ConvertStatus::Converted | ConvertStatus::PermissionsGranted | ConvertStatus::Partial)
    }
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
