//! The `Shell` trait: where an [`Invocation`] runs and what comes back.
//!
//! Workflows talk only to this trait. Two implementations exist: the lab (a simulated Exchange
//! organisation, `crate::lab`) and a real PowerShell session over PSRP (`crate::transport`).
//! What comes back mirrors PowerShell's streams, so the same parsing code serves both.

use crate::cmdlet::Invocation;
use crate::psobject::PsValue;
use serde::Serialize;
use std::future::Future;
use std::pin::Pin;

/// A boxed future, so `Shell` can be used as a trait object (`Box<dyn Shell>`).
pub type ShellFuture<'a, T> = Pin<Box<dyn Future<Output = T> + Send + 'a>>;

/// Something that runs cmdlets: the lab, or an Exchange Management Shell session.
pub trait Shell: Send {
    /// Runs one invocation as one pipeline and collects every stream.
    ///
    /// `Err` means the session itself failed (broken, timed out); a cmdlet that failed returns
    /// `Ok` with its error records, as PowerShell reports them.
    fn run<'a>(&'a mut self, invocation: &'a Invocation) -> ShellFuture<'a, Result<Outcome, ShellError>>;

    /// What this shell is connected to, for the banner every command prints.
    fn describe(&self) -> ShellInfo;

    /// The Exchange server this session's cmdlets run on, when the shell knows it (the LAB's
    /// connected server; a remote session's server). Cmdlets such as `Set-RemoteMailbox -Type`
    /// depend on that server's version, which `Get-ExchangeServer` does not say.
    fn connected_server(&mut self) -> Option<String> {
        None
    }

    /// Closes the session cleanly. Dropping a shell must also release everything it holds.
    fn close(&mut self) -> ShellFuture<'_, Result<(), ShellError>> {
        Box::pin(async { Ok(()) })
    }
}

/// What a shell is connected to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ShellInfo {
    /// `lab` or `psrp`.
    pub kind: ShellKind,
    /// Human description: the lab directory, or the executable and profile.
    pub target: String,
    /// Which side of a hybrid organisation this shell talks to.
    pub side: Side,
}

/// The two kinds of shell.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum ShellKind {
    /// The simulated organisation. Output must say LAB wherever it is used.
    Lab,
    /// A real PowerShell process over PSRP.
    Psrp,
}

/// The side of a hybrid organisation (defined with the Exchange types; re-exported for callers here).
pub use crate::exchange::side::Side;

/// Everything one pipeline produced.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Outcome {
    /// Output objects (PIPELINE_OUTPUT), in order.
    pub output: Vec<PsValue>,
    /// Error records, non-terminating and terminating, in order.
    pub errors: Vec<ErrorRecord>,
    /// Warning messages, without the `WARNING: ` prefix.
    pub warnings: Vec<String>,
    /// Verbose messages.
    pub verbose: Vec<String>,
    /// Debug messages.
    pub debug: Vec<String>,
    /// Information records (their MessageData as sent).
    pub information: Vec<PsValue>,
    /// How the pipeline ended.
    pub state: PipelineEnd,
}

impl Outcome {
    /// Whether the pipeline completed with no error record.
    pub fn succeeded(&self) -> bool {
        self.state == PipelineEnd::Completed && self.errors.is_empty()
    }
}

/// The final state of a pipeline.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
pub enum PipelineEnd {
    /// Completed (possibly with non-terminating errors).
    #[default]
    Completed,
    /// Failed with a terminating error (the last entry of `errors`).
    Failed,
    /// Stopped by a signal.
    Stopped,
}

// Compatibility re-exports: the error record and its categories live in the values floor
// (crates/psvalue) since the crate split; existing `crate::shell::ErrorRecord` paths keep working.
pub use psvalue::records::{ERROR_CATEGORIES, ErrorRecord, error_category_name};

/// A failure of the session itself, not of a cmdlet.
#[derive(Debug, thiserror::Error)]
pub enum ShellError {
    /// The session is gone (the process died, the runspace broke); the owner should reopen it.
    #[error("the shell session is broken: {0}")]
    Broken(String),
    /// A wait took longer than allowed.
    #[error("timed out after {seconds} s waiting for {what}")]
    Timeout {
        /// What was awaited.
        what: String,
        /// For how long.
        seconds: u64,
    },
    /// The session could not be started (executable missing, set-up failed).
    #[error("could not start the shell: {0}")]
    Start(String),
    /// The lab's store could not be read or written.
    #[error("lab store: {0}")]
    Store(String),
    /// The invocation cannot be sent (for example a value the transport cannot carry).
    #[error("cannot send {cmdlet}: {reason}")]
    Unsendable {
        /// The cmdlet.
        cmdlet: String,
        /// Why.
        reason: String,
    },
}
