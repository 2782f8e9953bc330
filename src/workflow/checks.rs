//! Pre-flight checks: each one a verdict (pass, warning, block) with its reason and the source
//! of the rule, so an admin can see why mbxctl will or will not act.

use serde::Serialize;

/// A check's verdict.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Verdict {
    /// Nothing to worry about.
    Pass,
    /// Runnable, but the admin should know (and maybe act).
    Warn,
    /// mbxctl will not run the conversion.
    Block,
}

/// One pre-flight check.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Check {
    /// Stable id runbooks can match: `exists`, `type`, `size`, `holds`, ...
    pub id: &'static str,
    /// The verdict.
    pub verdict: Verdict,
    /// Why, naming the values that decided it.
    pub message: String,
    /// Where the rule comes from (a section of docs/exchange-notes.md and its source key).
    pub source: &'static str,
}

impl Check {
    /// A passing check.
    pub fn pass(id: &'static str, message: impl Into<String>, source: &'static str) -> Self {
        Check { id, verdict: Verdict::Pass, message: message.into(), source }
    }
    /// A warning.
    pub fn warn(id: &'static str, message: impl Into<String>, source: &'static str) -> Self {
        Check { id, verdict: Verdict::Warn, message: message.into(), source }
    }
    /// A blocking check.
    pub fn block(id: &'static str, message: impl Into<String>, source: &'static str) -> Self {
        Check { id, verdict: Verdict::Block, message: message.into(), source }
    }
}

/// Sources cited by checks, kept in one place so the wording stays consistent.
pub mod source {
    /// Set-Mailbox -Type values and conversions.
    pub const SET_MAILBOX_TYPE: &str = "docs/exchange-notes.md §1.1 [SM] -Type, [EXCONV]";
    /// Conversion keeps content and rules; licence facts.
    pub const M365_CONVERT: &str = "docs/exchange-notes.md §1.1 [M365CONV]";
    /// Licensing of shared mailboxes in Exchange Online.
    pub const M365_LICENCE: &str = "docs/exchange-notes.md §1.1 [M365CONV], [M365ABOUT]";
    /// Set-RemoteMailbox -Type and its versions.
    pub const REMOTE_TYPE: &str = "docs/exchange-notes.md §1.2 [SRM], KB4133605";
    /// The ProvisionMailbox bit.
    pub const PROVISION: &str = "docs/exchange-notes.md §1.2 [SRM], §2.2, §2.4 KB2710029";
    /// Converting back needs a password and Reset Password.
    pub const CONVERT_BACK: &str = "docs/exchange-notes.md §1.1 [EXCONV], [SM] -Password";
    /// Account handling.
    pub const ACCOUNT: &str = "docs/exchange-notes.md §1.1 (observed), [M365CONV]";
    /// Identity resolution errors.
    pub const IDENTITY: &str = "docs/exchange-notes.md §6.2";
    /// Permissions.
    pub const PERMISSIONS: &str = "docs/exchange-notes.md §7";
    /// Disconnected mailboxes.
    pub const DISCONNECTED: &str = "docs/exchange-notes.md §8.1";
    /// The move-back-convert-move path.
    pub const MOVE_PLAN: &str = "docs/exchange-notes.md §8.2";
}
