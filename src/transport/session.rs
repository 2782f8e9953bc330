//! `PsrpShell`: the [`Shell`] that runs invocations in a real PowerShell process over PSRP.
//!
//! It glues the sans-IO [`Client`] to a [`PwshProcess`]: every line the client wants to send is written, every
//! stdout line is fed back, and each wait has a deadline. One invocation is one pipeline; its events become an
//! [`Outcome`]. A dead process, a stderr line, a protocol error or a broken pool make the session
//! [`ShellError::Broken`] for good: the owner reopens rather than guessing what state the runspace is in.

use std::path::PathBuf;
use std::sync::LazyLock;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use tokio::time::Instant;

use super::process::{Incoming, ProcessError, PwshProcess};
use super::profile::{Profile, SetupStep};
use crate::cmdlet::Invocation;
use crate::protocol::client::{Client, ClientConfig, Event};
use crate::protocol::pipeline::{FinalState, PipelineId};
use crate::protocol::pool::ServerInfo;
use crate::protocol::records;
use crate::psobject::PsValue;
use crate::shell::{ErrorRecord, Outcome, PipelineEnd, Shell, ShellError, ShellFuture, ShellInfo, ShellKind, Side};

/// Raised once, when an interrupted run's grace period is over: every command still running in any
/// [`PsrpShell`] of this process is stopped with PSRP's stop (a `SIGNAL` message; the server stops the
/// pipeline, as Ctrl-C does in PowerShell's own client), its session is closed (profile tear-down, pool
/// close, process reaped), and nothing more is sent. Process-wide because Ctrl-C is.
static STOP_RUNNING: LazyLock<StopSignal> = LazyLock::new(StopSignal::default);

/// Stops every command still running in this process's PowerShell sessions and closes those sessions; see
/// [`STOP_RUNNING`]. A command so stopped never returns: the caller (a batch whose grace period is over)
/// has already given up on it and reports its item as interrupted, so that `resume` re-reads it. Returning
/// a "stopped" outcome instead would read as a failed item.
pub fn stop_running_commands() {
    STOP_RUNNING.raise();
}

/// Whether [`stop_running_commands`] was called.
pub fn running_commands_stopped() -> bool {
    STOP_RUNNING.is_raised()
}

/// Raised each time a session stopped by [`stop_running_commands`] has finished closing.
static STOPPED_SESSION_CLOSED: LazyLock<StopSignal> = LazyLock::new(StopSignal::default);

/// Resolves once a session whose command was stopped by [`stop_running_commands`] has closed (its
/// tear-down run, pool closed, process reaped). A single command's caller waits on this, bounded by
/// its own timeout, so it neither exits while PowerShell is still stopping nor waits longer than needed.
pub async fn stopped_session_closed() {
    STOPPED_SESSION_CLOSED.wait().await;
}

/// A one-shot flag with a wake-up.
#[derive(Debug, Default)]
struct StopSignal {
    raised: AtomicBool,
    notify: tokio::sync::Notify,
}

impl StopSignal {
    fn raise(&self) {
        self.raised.store(true, Ordering::SeqCst);
        self.notify.notify_waiters();
    }

    fn is_raised(&self) -> bool {
        self.raised.load(Ordering::SeqCst)
    }

    async fn wait(&self) {
        loop {
            let notified = self.notify.notified();
            tokio::pin!(notified);
            // Register before reading the flag, so a raise between the two is not missed.
            notified.as_mut().enable();
            if self.is_raised() {
                return;
            }
            notified.await;
        }
    }
}

/// How long each kind of wait may take.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Timeouts {
    /// Opening the pool (process start included).
    pub open: Duration,
    /// One command, from creation to its final state. Exceeding it stops the pipeline.
    pub command: Duration,
    /// A stop (Signal) to take effect; pwsh's own client waits 60 s.
    pub signal: Duration,
    /// Closing the session; pwsh's own client waits 60 s for the CloseAck.
    pub close: Duration,
    /// Each profile set-up step (connecting to Exchange can be slow).
    pub setup: Duration,
}

impl Default for Timeouts {
    fn default() -> Self {
        Timeouts {
            open: Duration::from_secs(60),
            command: Duration::from_secs(15 * 60),
            signal: Duration::from_secs(60),
            close: Duration::from_secs(60),
            setup: Duration::from_secs(5 * 60),
        }
    }
}

/// How to start and prepare the session.
#[derive(Debug, Clone)]
pub struct ConnectOptions {
    /// The executable (see [`super::process::find_pwsh`]).
    pub pwsh: PathBuf,
    /// Its arguments; `None` means [`super::process::server_args`].
    pub args: Option<Vec<String>>,
    /// Extra environment variables for the child.
    pub env: Vec<(String, String)>,
    /// The connection profile whose set-up steps run in the fresh runspace.
    pub profile: Option<Profile>,
    /// Deadlines.
    pub timeouts: Timeouts,
    /// Protocol limits.
    pub client: ClientConfig,
    /// The user name and password for a profile that prompts for them (never logged).
    pub credential: Option<(String, crate::secret::Secret)>,
}

impl ConnectOptions {
    /// Options for an executable with the default arguments, no profile and default timeouts.
    pub fn new(pwsh: impl Into<PathBuf>) -> ConnectOptions {
        ConnectOptions {
            pwsh: pwsh.into(),
            args: None,
            env: Vec::new(),
            profile: None,
            timeouts: Timeouts::default(),
            client: ClientConfig::default(),
            credential: None,
        }
    }
}

/// A PowerShell session over PSRP.
#[derive(Debug)]
pub struct PsrpShell {
    client: Client,
    process: PwshProcess,
    timeouts: Timeouts,
    server: ServerInfo,
    profile: Option<Profile>,
    /// The user name of the profile's prompted credential (the password is not kept).
    credential_user: Option<String>,
    broken: Option<String>,
    closed: bool,
    /// Running the profile's tear-down, which goes ahead even after [`stop_running_commands`].
    tearing_down: bool,
}

impl PsrpShell {
    /// Starts the process, opens the runspace pool and runs the profile's set-up steps.
    pub async fn connect(options: ConnectOptions) -> Result<PsrpShell, ShellError> {
        let args = options.args.clone().unwrap_or_else(|| super::process::server_args(&options.pwsh));
        let process = PwshProcess::spawn(&options.pwsh, &args, &options.env, options.client.max_line)
            .map_err(|e| ShellError::Start(e.to_string()))?;
        let mut shell = PsrpShell {
            client: Client::new(options.client, Box::new(super::command::OsRandom)),
            process,
            timeouts: options.timeouts,
            server: ServerInfo::default(),
            profile: options.profile.clone(),
            credential_user: options.credential.as_ref().map(|(user, _)| user.clone()),
            broken: None,
            closed: false,
            tearing_down: false,
        };
        if let Err(e) = shell.open().await {
            shell.process.kill().await;
            return Err(match e {
                ShellError::Broken(m) => ShellError::Start(m),
                other => other,
            });
        }
        if let Some(profile) = &options.profile {
            if profile.needs_credential() && options.credential.is_none() {
                shell.process.kill().await;
                return Err(ShellError::Start(format!(
                    "profile '{}' asks for a user name and password, and none was given",
                    profile.name
                )));
            }
            for (i, step) in profile.setup_steps_with(options.credential.as_ref()).into_iter().enumerate() {
                let outcome = match &step {
                    SetupStep::Command(inv) => shell.run_with(Some(inv), None, options.timeouts.setup).await,
                    SetupStep::Script { text, .. } => shell.run_with(None, Some(text), options.timeouts.setup).await,
                };
                let failure = match outcome {
                    Ok(o) if o.succeeded() => None,
                    Ok(o) => {
                        Some(o.errors.first().map_or_else(|| format!("ended {:?}", o.state), |e| e.message.clone()))
                    }
                    Err(e) => Some(e.to_string()),
                };
                if let Some(why) = failure {
                    shell.process.kill().await;
                    return Err(ShellError::Start(format!(
                        "profile '{}' set-up step {} ({}) failed: {why}",
                        profile.name,
                        i + 1,
                        step.describe()
                    )));
                }
            }
        }
        Ok(shell)
    }

    /// What the server said while opening (PowerShell version, protocol version).
    pub fn server_info(&self) -> &ServerInfo {
        &self.server
    }

    /// The profile this session was prepared with.
    pub fn profile(&self) -> Option<&Profile> {
        self.profile.as_ref()
    }

    /// The user name of the credential the session connected with, for a profile that prompts for one.
    pub fn credential_user(&self) -> Option<&str> {
        self.credential_user.as_deref()
    }

    /// The process id of the PowerShell child, while it runs.
    pub fn process_id(&self) -> Option<u32> {
        self.process.id()
    }

    async fn open(&mut self) -> Result<(), ShellError> {
        self.client.open().map_err(|e| ShellError::Broken(e.to_string()))?;
        let deadline = Instant::now() + self.timeouts.open;
        loop {
            self.flush().await?;
            while let Some(event) = self.client.next_event() {
                match event {
                    Event::Opened(info) => {
                        self.server = info;
                        return self.flush().await;
                    }
                    Event::PoolBroken { reason, .. } => return Err(self.break_with(reason)),
                    _ => {}
                }
            }
            self.receive_one(deadline, "the runspace pool to open", self.timeouts.open).await?;
        }
    }

    /// Runs script text as one pipeline (`IsScript=true`). Only for set-up scripts built from constants and
    /// `crate::cmdlet::literal::quote`d values; admin commands go through [`Shell::run`] as typed invocations.
    pub async fn run_script(&mut self, script: &str) -> Result<Outcome, ShellError> {
        self.run_with(None, Some(script), self.timeouts.command).await
    }

    async fn run_with(
        &mut self,
        invocation: Option<&Invocation>,
        script: Option<&str>,
        limit: Duration,
    ) -> Result<Outcome, ShellError> {
        if let Some(reason) = &self.broken {
            return Err(ShellError::Broken(reason.clone()));
        }
        if self.closed {
            return Err(ShellError::Broken("the session is closed".into()));
        }
        if STOP_RUNNING.is_raised() && !self.tearing_down {
            // The run gave up on this work: send nothing more.
            return self.close_and_park().await;
        }
        let created = match (invocation, script) {
            (Some(inv), _) => self.client.create_pipeline(inv),
            (None, Some(text)) => self.client.create_script_pipeline(text),
            (None, None) => return Ok(Outcome::default()),
        };
        let id = match created {
            Ok(id) => id,
            Err(crate::protocol::ProtocolError::Unsendable { cmdlet, source }) => {
                return Err(ShellError::Unsendable { cmdlet, reason: source.to_string() });
            }
            Err(e) => return Err(self.break_with(e.to_string())),
        };
        let what = invocation.map_or_else(|| "a set-up script".to_string(), |i| i.cmdlet.clone());
        let mut outcome = Outcome::default();
        let mut refusals: Vec<String> = Vec::new();
        let deadline = Instant::now() + limit;
        let mut stopping: Option<Instant> = None;
        let mut interrupted = false;
        loop {
            self.flush().await?;
            while let Some(event) = self.client.next_event() {
                if let Some(end) = collect(id, event, &mut outcome, &mut refusals).map_err(|r| self.break_with(r))? {
                    outcome.state = end;
                    // A refused host call ends the pipeline with the server's error; make sure the refusal itself
                    // is reported even if the server words its failure differently.
                    for message in refusals {
                        if !outcome.errors.iter().any(|e| e.message.contains(&message)) {
                            outcome.errors.push(ErrorRecord {
                                message,
                                fully_qualified_error_id: "mbxctl.HostCallRefused".into(),
                                category: 7,
                                reason: Some("HostException".into()),
                                ..Default::default()
                            });
                        }
                    }
                    self.flush().await?;
                    if interrupted && outcome.state == PipelineEnd::Stopped {
                        return self.close_and_park().await;
                    }
                    if stopping.is_some() && outcome.state == PipelineEnd::Stopped {
                        return Err(ShellError::Timeout { what, seconds: limit.as_secs() });
                    }
                    return Ok(outcome);
                }
            }
            let now = Instant::now();
            if stopping.is_none() && (now >= deadline || (STOP_RUNNING.is_raised() && !self.tearing_down)) {
                // Out of time, or the run's grace period is over: ask the server to stop, then give it the
                // signal timeout.
                interrupted = now < deadline;
                self.client.stop(id).map_err(|e| self.break_with(e.to_string()))?;
                stopping = Some(now + self.timeouts.signal);
                continue;
            }
            if let Some(limit_at) = stopping
                && now >= limit_at
            {
                let seconds = self.timeouts.signal.as_secs();
                let reason = format!("{what} did not stop within {seconds} s of the signal");
                self.break_with(reason);
                if interrupted {
                    return self.close_and_park().await;
                }
                return Err(ShellError::Timeout { what: format!("{what} to stop"), seconds });
            }
            let wait_until = stopping.unwrap_or(deadline);
            let received = if stopping.is_none() {
                tokio::select! {
                    r = self.receive_one(wait_until, &what, limit) => r,
                    () = STOP_RUNNING.wait() => Ok(()),
                }
            } else {
                self.receive_one(wait_until, &what, limit).await
            };
            match received {
                Ok(()) => {}
                Err(ShellError::Timeout { .. }) => {}
                Err(e) => return Err(e),
            }
        }
    }

    /// After [`stop_running_commands`]: closes the session (profile tear-down, pool, process) and never
    /// returns, because the run has given up on the work this call belonged to.
    async fn close_and_park<T>(&mut self) -> Result<T, ShellError> {
        // Boxed: shutdown runs the tear-down through run_with, which is what called this.
        let _ = Box::pin(self.shutdown()).await;
        STOPPED_SESSION_CLOSED.raise();
        std::future::pending().await
    }

    /// Writes everything the client has queued.
    async fn flush(&mut self) -> Result<(), ShellError> {
        while let Some(line) = self.client.data_to_send() {
            if let Err(e) = self.process.write_line(&line).await {
                return Err(self.broken_process(e).await);
            }
        }
        Ok(())
    }

    /// Waits for one thing from the process until `deadline` and feeds it to the client.
    async fn receive_one(&mut self, deadline: Instant, what: &str, limit: Duration) -> Result<(), ShellError> {
        let next = tokio::time::timeout_at(deadline, self.process.next()).await;
        match next {
            Err(_) => Err(ShellError::Timeout { what: what.to_string(), seconds: limit.as_secs() }),
            Ok(Some(Incoming::Line(line))) => {
                self.client.receive_line(&line).map_err(|e| self.break_with(format!("protocol error: {e}")))
            }
            Ok(Some(Incoming::Stderr(first))) => {
                // Gather the rest of the message (pwsh writes an exception and its stack trace at once).
                let mut text = vec![first];
                tokio::time::sleep(Duration::from_millis(50)).await;
                while let Some(Incoming::Stderr(more)) = self.process.try_next() {
                    text.push(more);
                }
                let reason = format!("PowerShell reported a transport error on stderr: {}", text.join(" | "));
                self.process.kill().await;
                Err(self.break_with(reason))
            }
            Ok(Some(Incoming::ReadError(e))) => {
                self.process.kill().await;
                Err(self.break_with(e))
            }
            Ok(Some(Incoming::Eof) | None) => {
                Err(self.broken_process(ProcessError::Write(std::io::ErrorKind::UnexpectedEof.into())).await)
            }
        }
    }

    async fn broken_process(&mut self, _cause: ProcessError) -> ShellError {
        let status = self.process.wait_exit(Duration::from_secs(5)).await;
        let mut stderr = Vec::new();
        while let Some(item) = self.process.try_next() {
            if let Incoming::Stderr(s) = item {
                stderr.push(s);
            }
        }
        self.process.kill().await;
        let code = status.map_or_else(|| "without an exit status".to_string(), |s| format!("with {s}"));
        let mut reason = format!("the PowerShell process ({}) exited {code}", self.process.program().display());
        if !stderr.is_empty() {
            reason.push_str(&format!("; stderr: {}", stderr.join(" | ")));
        }
        self.break_with(reason)
    }

    fn break_with(&mut self, reason: String) -> ShellError {
        if self.broken.is_none() {
            self.broken = Some(reason.clone());
        }
        ShellError::Broken(self.broken.clone().unwrap_or(reason))
    }

    /// Closes the session: profile tear-down, pipelines, the pool (`Close` GUID 0, CloseAck within the close
    /// timeout), then the process.
    pub async fn shutdown(&mut self) -> Result<(), ShellError> {
        if self.closed {
            return Ok(());
        }
        self.closed = true;
        if self.broken.is_some() {
            self.process.kill().await;
            return Ok(());
        }
        if let Some(profile) = self.profile.clone() {
            // The tear-down runs even after stop_running_commands: it is how the endpoint's session is closed.
            self.tearing_down = true;
            for inv in profile.teardown_steps() {
                // Best effort: the session is going away either way.
                self.closed = false;
                let _ = self.run_with(Some(&inv), None, self.timeouts.close).await;
                self.closed = true;
            }
            self.tearing_down = false;
        }
        let result = self.close_pool().await;
        self.process.kill().await;
        result
    }

    async fn close_pool(&mut self) -> Result<(), ShellError> {
        self.client.close().map_err(|e| ShellError::Broken(e.to_string()))?;
        let deadline = Instant::now() + self.timeouts.close;
        loop {
            self.flush().await?;
            while let Some(event) = self.client.next_event() {
                if event == Event::Closed {
                    return Ok(());
                }
            }
            self.receive_one(deadline, "the session to close (CloseAck)", self.timeouts.close).await?;
        }
    }
}

/// Folds one event into the outcome; returns the end state when the pipeline finished, or an error text when
/// the pool broke.
fn collect(
    id: PipelineId,
    event: Event,
    outcome: &mut Outcome,
    refusals: &mut Vec<String>,
) -> Result<Option<PipelineEnd>, String> {
    match event {
        Event::PipelineOutput { pipeline, value } if pipeline == id => outcome.output.push(value),
        Event::ErrorRecord { pipeline, record } if pipeline == id => {
            outcome.errors.push(records::error_record(&record))
        }
        Event::Warning { pipeline, record } if pipeline == id => {
            outcome.warnings.extend(records::informational_message(&record))
        }
        Event::Verbose { pipeline, record } if pipeline == id => {
            outcome.verbose.extend(records::informational_message(&record))
        }
        Event::Debug { pipeline, record } if pipeline == id => {
            outcome.debug.extend(records::informational_message(&record))
        }
        Event::Information { pipeline, record } if pipeline == id => {
            outcome.information.push(records::information_data(&record).cloned().unwrap_or(PsValue::Null));
        }
        Event::HostCall { pipeline, call } if pipeline == Some(id) || pipeline.is_none() => {
            refusals.push(call.refusal_message());
        }
        Event::PipelineFinished { pipeline, state, error } if pipeline == id => {
            if let Some(e) = error {
                let mut record = records::error_record(&e);
                record.terminating = true;
                // A stop reports "The pipeline has been stopped." — keep it only when it explains a failure.
                if state != FinalState::Stopped || outcome.errors.is_empty() {
                    outcome.errors.push(record);
                }
            }
            return Ok(Some(match state {
                FinalState::Completed => PipelineEnd::Completed,
                FinalState::Failed => PipelineEnd::Failed,
                FinalState::Stopped => PipelineEnd::Stopped,
            }));
        }
        Event::PoolBroken { reason, .. } => return Err(reason),
        _ => {}
    }
    Ok(None)
}

impl Shell for PsrpShell {
    fn run<'a>(&'a mut self, invocation: &'a Invocation) -> ShellFuture<'a, Result<Outcome, ShellError>> {
        Box::pin(async move {
            let limit = self.timeouts.command;
            self.run_with(Some(invocation), None, limit).await
        })
    }

    /// The server an `exchange-remote` profile connects to (the host of its URI). A local EMS or
    /// a named pipe does not say which Exchange server runs the cmdlets.
    fn connected_server(&mut self) -> Option<String> {
        self.profile.as_ref()?.endpoint()?.server_host()
    }

    fn describe(&self) -> ShellInfo {
        let mut target = self.process.program().display().to_string();
        if let Some(v) = &self.server.powershell_version {
            target.push_str(&format!(" (PowerShell {v})"));
        }
        if let Some(p) = &self.profile {
            target.push_str(&format!(", profile '{}'", p.name));
        }
        ShellInfo { kind: ShellKind::Psrp, target, side: self.profile.as_ref().map_or(Side::OnPremises, Profile::side) }
    }

    fn close(&mut self) -> ShellFuture<'_, Result<(), ShellError>> {
        Box::pin(self.shutdown())
    }
}
