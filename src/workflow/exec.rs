//! Running one invocation for a workflow: validate against the catalogue, render the text the
//! admin sees (secrets masked), run it on a shell, retry throttling answers, and classify what
//! came back. Every command a workflow runs passes through [`Executor::run`], so nothing
//! unvalidated ever reaches Exchange.

use crate::cmdlet::render::render;
use crate::cmdlet::validate::{Target, validate};
use crate::cmdlet::{Diagnostic, Invocation, Severity};
use crate::exchange::classify::{ErrorKind, WarningKind, classify_error, classify_warning};
use crate::shell::{ErrorRecord, Outcome, Shell, ShellError, Side};
use serde::Serialize;
use std::time::Duration;

/// How a command ended, as reports show it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum CommandStatus {
    /// Would run (dry run).
    Planned,
    /// Ran and completed without an error record.
    Succeeded,
    /// Ran and reported an error.
    Failed,
    /// Not run because an earlier command failed.
    Skipped,
}

/// A warning as reports show it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct WarningSummary {
    /// The classified kind: `kind` (a stable name) plus its details, flattened.
    #[serde(flatten)]
    pub kind: WarningKind,
    /// Exchange's text.
    pub message: String,
}

/// An error as reports show it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ErrorSummary {
    /// The classified kind: `kind` (a stable name) plus its details, flattened.
    #[serde(flatten)]
    pub kind: ErrorKind,
    /// Exchange's message.
    pub message: String,
    /// The `FullyQualifiedErrorId`, for support cases.
    pub fully_qualified_error_id: String,
}

impl ErrorSummary {
    /// Summarizes an error record.
    pub fn of(e: &ErrorRecord) -> Self {
        ErrorSummary {
            kind: classify_error(e),
            message: e.message.clone(),
            fully_qualified_error_id: e.fully_qualified_error_id.clone(),
        }
    }
}

/// One command of a plan or a run: the exact text, where it runs, and what happened.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CommandRecord {
    /// Which side of a hybrid organisation it runs on.
    pub side: Side,
    /// The command as one line of PowerShell, secrets masked.
    pub text: String,
    /// What happened.
    pub status: CommandStatus,
    /// Warnings it wrote.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub warnings: Vec<WarningSummary>,
    /// Errors it wrote.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub errors: Vec<ErrorSummary>,
}

/// A workflow could not go on.
#[derive(Debug, thiserror::Error)]
pub enum WorkflowError {
    /// mbxctl built an invocation the catalogue rejects: a bug, or a value the admin gave that
    /// cannot be sent (reported with the catalogue's findings).
    #[error("{cmdlet} was not sent because it does not validate:\n{}", .findings.iter().map(|d| format!("  {d}")).collect::<Vec<_>>().join("\n"))]
    Invalid {
        /// The cmdlet.
        cmdlet: String,
        /// What the catalogue found.
        findings: Vec<Diagnostic>,
    },
    /// The shell failed (broken session, timeout).
    #[error(transparent)]
    Shell(#[from] ShellError),
    /// Exchange kept throttling a command after the retries this executor allows.
    #[error("Exchange throttled {cmdlet}: it asks to wait {} s before trying again", .retry_after.as_secs())]
    Throttled {
        /// The cmdlet.
        cmdlet: String,
        /// The wait Exchange asked for.
        retry_after: Duration,
    },
    /// The observer (a batch journal) could not record a state change; nothing further runs.
    #[error("the journal could not be written: {0}")]
    Journal(String),
    /// A result could not be read.
    #[error("unexpected output from {cmdlet}: {reason}")]
    Unexpected {
        /// The cmdlet.
        cmdlet: String,
        /// What was wrong.
        reason: String,
    },
}

impl WorkflowError {
    /// Whether retrying later might help (the session broke, or Exchange asked us to wait).
    pub fn is_transient(&self) -> bool {
        matches!(self, WorkflowError::Shell(ShellError::Broken(_) | ShellError::Timeout { .. }))
    }
}

/// The text of an invocation for people: rendered by the audited renderer, secrets masked.
pub fn display_text(inv: &Invocation) -> String {
    render(inv).unwrap_or_else(|e| format!("{} <not renderable: {e}>", inv.cmdlet))
}

/// The text of an invocation that was sent: as [`display_text`], except that a secure value
/// shows as the SecureString parameter it was sent as, not as the `Read-Host` prompt a person
/// would type it into (mbxctl ran no `Read-Host`).
pub fn sent_text(inv: &Invocation) -> String {
    let mut text = display_text(inv);
    for p in &inv.params {
        if matches!(p.value, crate::cmdlet::Value::Secure(_)) {
            let prompt = format!(
                "(Read-Host -AsSecureString -Prompt {})",
                crate::cmdlet::literal::quote(p.name.as_deref().unwrap_or("Secure value"))
            );
            text = text.replacen(&prompt, "<SecureString, not shown>", 1);
        }
    }
    text
}

/// Runs invocations for a workflow against one shell.
pub struct Executor<'a> {
    shell: &'a mut (dyn Shell + 'static),
    target: Target,
    /// How many times a throttled command is retried before it is reported as failed.
    pub throttle_retries: u32,
    /// The longest wait mbxctl accepts from a throttling answer before giving up on the command.
    pub max_throttle_wait: Duration,
}

impl<'a> Executor<'a> {
    /// The Exchange server the session's cmdlets run on, when the shell knows it.
    pub fn connected_server(&mut self) -> Option<String> {
        self.shell.connected_server()
    }

    /// An executor for `shell`, validating against the catalogue for `target`.
    pub fn new(shell: &'a mut (dyn Shell + 'static), target: Target) -> Self {
        Executor { shell, target, throttle_retries: 3, max_throttle_wait: Duration::from_secs(120) }
    }

    /// The side this executor's shell talks to.
    pub fn side(&self) -> Side {
        self.target.side
    }

    /// Validates `inv`; returns the canonical invocation or the findings.
    pub fn check(&self, inv: &Invocation) -> Result<Invocation, WorkflowError> {
        let v = validate(inv, &self.target);
        if v.diagnostics.iter().any(|d| d.severity == Severity::Error) {
            return Err(WorkflowError::Invalid { cmdlet: inv.cmdlet.clone(), findings: v.diagnostics });
        }
        Ok(v.invocation)
    }

    /// A planned (not run) record for `inv`, validated.
    pub fn plan(&self, inv: &Invocation) -> Result<CommandRecord, WorkflowError> {
        let inv = self.check(inv)?;
        Ok(CommandRecord {
            side: self.target.side,
            text: display_text(&inv),
            status: CommandStatus::Planned,
            warnings: Vec::new(),
            errors: Vec::new(),
        })
    }

    /// Validates and runs `inv`, waiting out throttling answers; returns the outcome and the
    /// record for the report.
    pub async fn run(&mut self, inv: &Invocation) -> Result<(Outcome, CommandRecord), WorkflowError> {
        let inv = self.check(inv)?;
        let mut attempt = 0;
        loop {
            let outcome = self.shell.run(&inv).await?;
            let wait = outcome.errors.iter().find_map(|e| match classify_error(e) {
                ErrorKind::Throttled { retry_after } => Some(retry_after.unwrap_or(Duration::from_secs(5))),
                _ => None,
            });
            if let Some(wait) = wait {
                if attempt < self.throttle_retries && wait <= self.max_throttle_wait {
                    attempt += 1;
                    tokio::time::sleep(wait).await;
                    continue;
                }
                // Never read a throttling answer as "not found" or "no data": the caller (a
                // batch pool) slows down and retries the whole item.
                return Err(WorkflowError::Throttled { cmdlet: inv.cmdlet.clone(), retry_after: wait });
            }
            let record = CommandRecord {
                side: self.target.side,
                text: sent_text(&inv),
                status: if outcome.succeeded() { CommandStatus::Succeeded } else { CommandStatus::Failed },
                warnings: outcome
                    .warnings
                    .iter()
                    .map(|w| WarningSummary { kind: classify_warning(w), message: w.clone() })
                    .collect(),
                errors: outcome.errors.iter().map(ErrorSummary::of).collect(),
            };
            return Ok((outcome, record));
        }
    }
}
