//! The PSRP client over OutOfProc, sans-IO: lines in, events and lines out (the psrpcore/quinn-proto shape).
//!
//! ```text
//! transport ── receive_line(&str) ──► Client ── next_event() ──► session
//!           ◄── data_to_send() ──────        ◄── open / create_pipeline / stop / close
//! ```
//!
//! The client owns every protocol rule so the transport only moves lines: acks are tracked per (kind, GUID);
//! at most one `Data` per GUID is un-acked; a pipeline's `Data` waits for its `CommandAck`; `Close` follows
//! every final pipeline state; the pool's `Close` waits until every pipeline is closed (psrp.md §2.3–2.5).
//! Anything the server sends that cannot happen in the current state is a [`ProtocolError`]; after one the
//! client is broken for good and says so, rather than guessing. There is no clock and no I/O here: the transport
//! applies its own timeouts around the waits.

use std::collections::{BTreeMap, HashMap, VecDeque};

use uuid::Uuid;

use super::clixml::{self, ClixmlError, Limits, SecureCipher};
use super::fragment::{self, FragmentError, Fragmenter, Reassembler};
use super::host::HostCall;
use super::message::{Destination, Message, MessageError, MessageType, Target};
use super::oop::{Control, OopError, Packet, Stream};
use super::pipeline::{self, BuildError, FinalState, PipelineId, PipelinePhase};
use super::pool::{self, PoolState, ReportedPoolState, ServerInfo};
use super::session_key::{ExchangeKey, KeyError, SessionKey};
use super::values::{ms, prop, prop_int};
use crate::cmdlet::Invocation;
use crate::psobject::PsValue;

/// Sizes and counts the client accepts or produces.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ClientConfig {
    /// Longest line accepted from the server, in bytes (pwsh writes one fragment, ≤ 44 KiB of base64, per line).
    pub max_line: usize,
    /// Largest reassembled message (PowerShell's own limit is 10 MiB).
    pub max_object: usize,
    /// Messages that may be half-received at once.
    pub max_partial_objects: usize,
    /// Largest fragment sent, header included.
    pub max_fragment: usize,
    /// Most fragment bytes packed into one sent `Data` line.
    pub max_line_payload: usize,
    /// CLIXML reader limits for message bodies.
    pub clixml: Limits,
    /// INIT_RUNSPACEPOOL `MinRunspaces`.
    pub min_runspaces: i32,
    /// INIT_RUNSPACEPOOL `MaxRunspaces`: 1, so set-up done by one pipeline is seen by the next (psrp.md §6.3).
    pub max_runspaces: i32,
}

impl Default for ClientConfig {
    fn default() -> Self {
        ClientConfig {
            max_line: 4 << 20,
            max_object: fragment::MAX_OBJECT_SIZE,
            max_partial_objects: 64,
            max_fragment: fragment::MAX_FRAGMENT_SIZE,
            max_line_payload: fragment::MAX_FRAGMENT_SIZE,
            clixml: Limits { max_bytes: fragment::MAX_OBJECT_SIZE, ..Limits::default() },
            min_runspaces: 1,
            max_runspaces: 1,
        }
    }
}

/// What the client reports.
#[derive(Debug, Clone, PartialEq)]
pub enum Event {
    /// The pool is open.
    Opened(ServerInfo),
    /// One output object (`$null` for an empty PIPELINE_OUTPUT).
    PipelineOutput {
        /// The pipeline.
        pipeline: PipelineId,
        /// The object.
        value: PsValue,
    },
    /// An error record (non-terminating; a terminating one comes with [`Event::PipelineFinished`]).
    ErrorRecord {
        /// The pipeline.
        pipeline: PipelineId,
        /// The ErrorRecord object.
        record: PsValue,
    },
    /// A WARNING_RECORD (an InformationalRecord).
    Warning {
        /// The pipeline.
        pipeline: PipelineId,
        /// The record.
        record: PsValue,
    },
    /// A VERBOSE_RECORD.
    Verbose {
        /// The pipeline.
        pipeline: PipelineId,
        /// The record.
        record: PsValue,
    },
    /// A DEBUG_RECORD.
    Debug {
        /// The pipeline.
        pipeline: PipelineId,
        /// The record.
        record: PsValue,
    },
    /// An INFORMATION_RECORD.
    Information {
        /// The pipeline.
        pipeline: PipelineId,
        /// The record.
        record: PsValue,
    },
    /// A PROGRESS_RECORD.
    Progress {
        /// The pipeline.
        pipeline: PipelineId,
        /// The record.
        record: PsValue,
    },
    /// The pipeline reached a final state; `error` is `ExceptionAsErrorRecord` (Failed, Stopped).
    PipelineFinished {
        /// The pipeline.
        pipeline: PipelineId,
        /// How it ended.
        state: FinalState,
        /// The terminating error, if any.
        error: Option<PsValue>,
    },
    /// The server made a host call that needs an answer; the client already refused it.
    HostCall {
        /// The pipeline, or `None` for a pool-level call.
        pipeline: Option<PipelineId>,
        /// The call.
        call: HostCall,
    },
    /// The pool is broken: reported by the server, or a protocol error.
    PoolBroken {
        /// Why, in words.
        reason: String,
        /// The server's ErrorRecord, if it sent one.
        error: Option<PsValue>,
    },
    /// The session `CloseAck` arrived.
    Closed,
}

/// Everything that can go wrong in the protocol.
#[derive(Debug, thiserror::Error)]
pub enum ProtocolError {
    /// A line broke the OutOfProc grammar.
    #[error(transparent)]
    Oop(#[from] OopError),
    /// A fragment broke the framing.
    #[error("in Data for {guid}: {source}")]
    Fragment {
        /// The line's GUID.
        guid: Uuid,
        /// The problem.
        source: FragmentError,
    },
    /// A message header is invalid.
    #[error("in Data for {guid}: {source}")]
    Message {
        /// The line's GUID.
        guid: Uuid,
        /// The problem.
        source: MessageError,
    },
    /// A message body is not valid CLIXML.
    #[error("{message_type:?} body: {source}")]
    Clixml {
        /// The message type.
        message_type: MessageType,
        /// The reader's error.
        source: ClixmlError,
    },
    /// A message body is CLIXML but lacks what the message needs.
    #[error("{message_type:?}: {problem}")]
    BadMessage {
        /// The message type.
        message_type: MessageType,
        /// What is wrong.
        problem: String,
    },
    /// The session-key exchange failed.
    #[error("session key exchange: {0}")]
    Key(#[from] KeyError),
    /// The server sent something that cannot happen now.
    #[error("protocol violation: {0}")]
    Unexpected(String),
    /// The caller used the API out of order.
    #[error("cannot {action} while the runspace pool is {state}")]
    InvalidState {
        /// What was attempted.
        action: &'static str,
        /// The pool state.
        state: String,
    },
    /// An invocation cannot be sent.
    #[error("cannot send {cmdlet}: {source}")]
    Unsendable {
        /// The cmdlet.
        cmdlet: String,
        /// Why.
        source: BuildError,
    },
    /// A message could not be serialized.
    #[error("cannot serialize {message_type:?}: {source}")]
    Serialize {
        /// The message type.
        message_type: MessageType,
        /// The writer's error.
        source: ClixmlError,
    },
    /// An earlier protocol error broke the client.
    #[error("the PSRP client is broken by an earlier error: {0}")]
    Broken(String),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
enum Stage {
    #[default]
    None,
    Queued,
    Sent,
    Acked,
}

/// Per-GUID transport state: what is queued and which ack is awaited.
#[derive(Debug, Default)]
struct Channel {
    command: Stage,
    data: VecDeque<(Stream, Vec<u8>)>,
    data_in_flight: bool,
    signal: Stage,
    close: Stage,
}

impl Channel {
    fn next_line(&mut self, guid: Uuid, close_allowed: bool, max_payload: usize) -> Option<String> {
        match self.command {
            Stage::Queued => {
                self.command = Stage::Sent;
                return Some(Packet::control(Control::Command, guid).to_line());
            }
            Stage::Sent => return None,
            Stage::None | Stage::Acked => {}
        }
        if self.signal == Stage::Queued {
            self.signal = Stage::Sent;
            return Some(Packet::control(Control::Signal, guid).to_line());
        }
        if !self.data_in_flight
            && let Some((stream, first)) = self.data.pop_front()
        {
            let mut payload = first;
            while let Some((s, next)) = self.data.front() {
                if *s != stream || payload.len() + next.len() > max_payload {
                    break;
                }
                payload.extend_from_slice(next);
                self.data.pop_front();
            }
            self.data_in_flight = true;
            return Some(Packet::Data { stream, guid, payload }.to_line());
        }
        if close_allowed && self.close == Stage::Queued && !self.data_in_flight && self.data.is_empty() {
            self.close = Stage::Sent;
            return Some(Packet::control(Control::Close, guid).to_line());
        }
        None
    }

    fn settled(&self) -> bool {
        self.close == Stage::Acked && !self.data_in_flight && self.signal != Stage::Sent
    }
}

#[derive(Debug)]
struct PipelineEntry {
    phase: PipelinePhase,
    /// An invocation waiting for the session key before its CREATE_PIPELINE can be serialized.
    waiting_for_key: Option<Invocation>,
}

/// The PSRP client state machine.
pub struct Client {
    config: ClientConfig,
    rpid: Uuid,
    state: PoolState,
    server: ServerInfo,
    fragmenter: Fragmenter,
    reassembler: Reassembler<Uuid>,
    channels: BTreeMap<Uuid, Channel>,
    pipelines: HashMap<Uuid, PipelineEntry>,
    events: VecDeque<Event>,
    exchange_key: Option<ExchangeKey>,
    session_key: Option<SessionKey>,
    partial_line: Vec<u8>,
    failure: Option<String>,
}

impl std::fmt::Debug for Client {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Client")
            .field("rpid", &self.rpid)
            .field("state", &self.state)
            .field("pipelines", &self.pipelines.len())
            .finish_non_exhaustive()
    }
}

impl Client {
    /// A client for a new runspace pool with a random id.
    pub fn new(config: ClientConfig) -> Client {
        Client {
            config,
            rpid: Uuid::new_v4(),
            state: PoolState::BeforeOpen,
            server: ServerInfo::default(),
            fragmenter: Fragmenter::new(config.max_fragment),
            reassembler: Reassembler::new(config.max_object, config.max_partial_objects),
            channels: BTreeMap::new(),
            pipelines: HashMap::new(),
            events: VecDeque::new(),
            exchange_key: None,
            session_key: None,
            partial_line: Vec::new(),
            failure: None,
        }
    }

    /// The runspace pool id.
    pub fn rpid(&self) -> Uuid {
        self.rpid
    }

    /// The pool state.
    pub fn state(&self) -> &PoolState {
        &self.state
    }

    /// What the server said about itself (complete once [`Event::Opened`] was reported).
    pub fn server_info(&self) -> &ServerInfo {
        &self.server
    }

    /// Where a pipeline is; `None` once it is closed and forgotten (or never existed).
    pub fn pipeline_phase(&self, pipeline: PipelineId) -> Option<PipelinePhase> {
        self.pipelines.get(&pipeline.0).map(|p| p.phase)
    }

    /// The reason the client broke, if a protocol error broke it.
    pub fn failure(&self) -> Option<&str> {
        self.failure.as_deref()
    }

    /// Starts opening the pool: SESSION_CAPABILITY and INIT_RUNSPACEPOOL in one `Data` line.
    pub fn open(&mut self) -> Result<(), ProtocolError> {
        self.check_usable()?;
        if self.state != PoolState::BeforeOpen {
            return Err(self.invalid("open the runspace pool"));
        }
        self.channels.insert(Uuid::nil(), Channel { command: Stage::Acked, ..Default::default() });
        self.queue(Uuid::nil(), Stream::Default, MessageType::SessionCapability, &pool::session_capability())?;
        let init = pool::init_runspace_pool(self.config.min_runspaces, self.config.max_runspaces);
        self.queue(Uuid::nil(), Stream::Default, MessageType::InitRunspacePool, &init)?;
        self.state = PoolState::Opening { capability: false };
        Ok(())
    }

    /// Creates a pipeline that runs one typed invocation (`IsScript=false`).
    pub fn create_pipeline(&mut self, invocation: &Invocation) -> Result<PipelineId, ProtocolError> {
        self.check_usable()?;
        if self.state != PoolState::Opened {
            return Err(self.invalid("create a pipeline"));
        }
        // Refuse run-time values before anything goes on the wire.
        let body = pipeline::create_pipeline_for(invocation)
            .map_err(|source| ProtocolError::Unsendable { cmdlet: invocation.cmdlet.clone(), source })?;
        let id = Uuid::new_v4();
        self.channels.insert(id, Channel { command: Stage::Queued, ..Default::default() });
        let mut entry = PipelineEntry { phase: PipelinePhase::AwaitingCommandAck, waiting_for_key: None };
        if pipeline::needs_session_key(invocation) && self.session_key.is_none() {
            entry.waiting_for_key = Some(invocation.clone());
            self.pipelines.insert(id, entry);
            self.start_key_exchange()?;
        } else {
            self.pipelines.insert(id, entry);
            self.queue(id, Stream::Default, MessageType::CreatePipeline, &body)?;
        }
        Ok(PipelineId(id))
    }

    /// Creates a pipeline that runs script text (`IsScript=true`).
    ///
    /// Only for session set-up in the local, FullLanguage runspace (importing the Exchange session, loading a
    /// credential file). Callers must build `script` from constants and values passed through
    /// `crate::cmdlet::literal::quote`; everything an admin asks for goes through [`Client::create_pipeline`],
    /// where values are typed data and cannot be code.
    pub fn create_script_pipeline(&mut self, script: &str) -> Result<PipelineId, ProtocolError> {
        self.check_usable()?;
        if self.state != PoolState::Opened {
            return Err(self.invalid("create a pipeline"));
        }
        let id = Uuid::new_v4();
        self.channels.insert(id, Channel { command: Stage::Queued, ..Default::default() });
        self.pipelines.insert(id, PipelineEntry { phase: PipelinePhase::AwaitingCommandAck, waiting_for_key: None });
        self.queue(id, Stream::Default, MessageType::CreatePipeline, &pipeline::create_pipeline_for_script(script))?;
        Ok(PipelineId(id))
    }

    /// Asks the server to stop a pipeline (`Signal`). Stopping a finished or unknown pipeline does nothing.
    pub fn stop(&mut self, pipeline: PipelineId) -> Result<(), ProtocolError> {
        self.check_usable()?;
        let running = self.pipelines.get(&pipeline.0).is_some_and(|p| !matches!(p.phase, PipelinePhase::Finished(_)));
        if let Some(ch) = self.channels.get_mut(&pipeline.0)
            && running
            && ch.signal == Stage::None
        {
            ch.signal = Stage::Queued;
        }
        Ok(())
    }

    /// Starts closing: stops running pipelines, closes them, then sends `Close` for the pool. [`Event::Closed`]
    /// follows the pool's `CloseAck`.
    pub fn close(&mut self) -> Result<(), ProtocolError> {
        self.check_usable()?;
        match self.state {
            PoolState::Closing | PoolState::Closed => return Ok(()),
            PoolState::BeforeOpen => {
                self.state = PoolState::Closed;
                self.events.push_back(Event::Closed);
                return Ok(());
            }
            PoolState::Opening { .. } | PoolState::Opened | PoolState::Broken => {}
        }
        let ids: Vec<Uuid> = self.pipelines.keys().copied().collect();
        for id in ids {
            self.stop(PipelineId(id))?;
        }
        if let Some(ch) = self.channels.get_mut(&Uuid::nil()) {
            ch.close = Stage::Queued;
        }
        self.state = PoolState::Closing;
        Ok(())
    }

    /// The next event, if any.
    pub fn next_event(&mut self) -> Option<Event> {
        self.events.pop_front()
    }

    /// The next line to write to the server (without a line terminator), if any may go out now.
    pub fn data_to_send(&mut self) -> Option<String> {
        if self.failure.is_some() {
            return None;
        }
        let only_pool_left = self.channels.keys().all(Uuid::is_nil);
        let max = self.config.max_line_payload;
        self.channels.iter_mut().find_map(|(guid, ch)| ch.next_line(*guid, !guid.is_nil() || only_pool_left, max))
    }

    /// Whether nothing is queued or awaiting an ack (every pipeline closed and settled).
    pub fn is_idle(&self) -> bool {
        self.channels.iter().all(|(g, c)| {
            c.data.is_empty() && !c.data_in_flight && c.command != Stage::Sent && c.signal != Stage::Sent && g.is_nil()
        })
    }

    /// Takes raw bytes from the server's stdout: complete lines are processed, a partial line is kept (bounded by
    /// [`ClientConfig::max_line`]).
    pub fn receive_data(&mut self, data: &[u8]) -> Result<(), ProtocolError> {
        let mut rest = data;
        while let Some(nl) = rest.iter().position(|&b| b == b'\n') {
            let (head, tail) = rest.split_at(nl);
            rest = &tail[1..];
            let mut line = std::mem::take(&mut self.partial_line);
            line.extend_from_slice(head);
            self.receive_bytes_line(&line)?;
        }
        if self.partial_line.len() + rest.len() > self.config.max_line {
            let len = self.partial_line.len() + rest.len();
            self.partial_line.clear();
            return self.fail(OopError::TooLong { len, max: self.config.max_line }.into());
        }
        self.partial_line.extend_from_slice(rest);
        Ok(())
    }

    fn receive_bytes_line(&mut self, line: &[u8]) -> Result<(), ProtocolError> {
        match std::str::from_utf8(line) {
            Ok(s) => self.receive_line(s),
            Err(e) => self.fail(ProtocolError::Unexpected(format!("a line from the server is not UTF-8 ({e})"))),
        }
    }

    /// Processes one line from the server (a trailing `\r` is ignored).
    pub fn receive_line(&mut self, line: &str) -> Result<(), ProtocolError> {
        self.check_usable()?;
        match self.receive_inner(line) {
            Ok(()) => Ok(()),
            Err(e) => self.fail(e),
        }
    }

    fn fail(&mut self, error: ProtocolError) -> Result<(), ProtocolError> {
        let reason = error.to_string();
        self.failure = Some(reason.clone());
        self.state = PoolState::Broken;
        self.events.push_back(Event::PoolBroken { reason, error: None });
        Err(error)
    }

    fn check_usable(&self) -> Result<(), ProtocolError> {
        match &self.failure {
            Some(reason) => Err(ProtocolError::Broken(reason.clone())),
            None => Ok(()),
        }
    }

    fn invalid(&self, action: &'static str) -> ProtocolError {
        ProtocolError::InvalidState { action, state: format!("{:?}", self.state) }
    }

    fn receive_inner(&mut self, line: &str) -> Result<(), ProtocolError> {
        match Packet::parse(line, self.config.max_line)? {
            Packet::Control { kind, guid } => self.on_control(kind, guid),
            Packet::Data { guid, payload, .. } => self.on_data(guid, &payload),
        }
    }

    fn on_control(&mut self, kind: Control, guid: Uuid) -> Result<(), ProtocolError> {
        let unexpected = |what: &str| ProtocolError::Unexpected(format!("<{}> for {guid} {what}", kind.name()));
        let Some(ch) = self.channels.get_mut(&guid) else {
            return Err(unexpected("names no pool or pipeline of this client"));
        };
        match kind {
            Control::DataAck => {
                if !ch.data_in_flight {
                    return Err(unexpected("while no Data is awaiting an ack"));
                }
                ch.data_in_flight = false;
            }
            Control::CommandAck => {
                if ch.command != Stage::Sent {
                    return Err(unexpected("while no Command is awaiting an ack"));
                }
                ch.command = Stage::Acked;
                if let Some(p) = self.pipelines.get_mut(&guid) {
                    p.phase = if p.waiting_for_key.is_some() {
                        PipelinePhase::AwaitingSessionKey
                    } else {
                        PipelinePhase::Running
                    };
                }
            }
            Control::SignalAck => {
                if ch.signal != Stage::Sent {
                    return Err(unexpected("while no Signal is awaiting an ack"));
                }
                ch.signal = Stage::Acked;
            }
            Control::CloseAck => {
                if ch.close != Stage::Sent {
                    return Err(unexpected("while no Close is awaiting an ack"));
                }
                ch.close = Stage::Acked;
                if guid.is_nil() {
                    self.state = PoolState::Closed;
                    self.events.push_back(Event::Closed);
                }
            }
            Control::Command | Control::Close | Control::Signal => {
                return Err(unexpected("came from the server, but only a client sends it"));
            }
        }
        self.forget_if_settled(guid);
        Ok(())
    }

    fn forget_if_settled(&mut self, guid: Uuid) {
        if !guid.is_nil() && self.channels.get(&guid).is_some_and(Channel::settled) {
            self.channels.remove(&guid);
            self.pipelines.remove(&guid);
            self.reassembler.forget(&guid);
        }
    }

    fn on_data(&mut self, guid: Uuid, payload: &[u8]) -> Result<(), ProtocolError> {
        if !guid.is_nil() && !self.pipelines.contains_key(&guid) {
            return Err(ProtocolError::Unexpected(format!("<Data> for {guid}, which is no pipeline of this client")));
        }
        if guid.is_nil() && matches!(self.state, PoolState::BeforeOpen) {
            return Err(ProtocolError::Unexpected(
                "<Data> before the client opened the pool (the server never speaks first)".into(),
            ));
        }
        let fragments =
            fragment::parse_fragments(payload).map_err(|source| ProtocolError::Fragment { guid, source })?;
        for f in &fragments {
            let whole = self.reassembler.push(&guid, f).map_err(|source| ProtocolError::Fragment { guid, source })?;
            if let Some(bytes) = whole {
                let message = Message::decode(bytes).map_err(|source| ProtocolError::Message { guid, source })?;
                self.on_message(guid, message)?;
            }
        }
        Ok(())
    }

    fn decode_body(&self, message: &Message) -> Result<PsValue, ProtocolError> {
        if message.data.is_empty() {
            return Ok(PsValue::Null);
        }
        let text = std::str::from_utf8(&message.data).map_err(|e| ProtocolError::BadMessage {
            message_type: message.message_type,
            problem: format!("body is not UTF-8: {e}"),
        })?;
        let cipher = self.session_key.as_ref().map(|k| k as &dyn SecureCipher);
        clixml::from_str_with(text, &self.config.clixml, cipher)
            .map_err(|source| ProtocolError::Clixml { message_type: message.message_type, source })
    }

    fn on_message(&mut self, guid: Uuid, message: Message) -> Result<(), ProtocolError> {
        let t = message.message_type;
        if message.destination != Destination::Client {
            return Err(ProtocolError::Unexpected(format!("{t:?} addressed to the server arrived at the client")));
        }
        // PowerShell's server sends the session-level messages (SESSION_CAPABILITY, PUBLIC_KEY_REQUEST,
        // ENCRYPTED_SESSION_KEY) with an all-zero RPID and pool and pipeline messages with the pool's id
        // (docs/psrp-notes.md, "Ids in the message header"); anything else names a pool this client never opened.
        let session_level = t.target() == Target::Session && message.rpid.is_nil();
        if message.rpid != self.rpid && !session_level {
            return Err(ProtocolError::Unexpected(format!(
                "{t:?} for runspace pool {}, not {}",
                message.rpid, self.rpid
            )));
        }
        if message.pid != guid {
            return Err(ProtocolError::Unexpected(format!(
                "{t:?} with pipeline id {} arrived on the OutOfProc channel of {guid}",
                message.pid
            )));
        }
        let body = self.decode_body(&message)?;
        if guid.is_nil() { self.on_pool_message(t, body) } else { self.on_pipeline_message(guid, t, body) }
    }

    fn on_pool_message(&mut self, t: MessageType, body: PsValue) -> Result<(), ProtocolError> {
        let bad = |problem: String| ProtocolError::BadMessage { message_type: t, problem };
        let state = format!("{:?}", self.state);
        let unexpected = || ProtocolError::Unexpected(format!("{t:?} for the runspace pool while it is {state}"));
        match t {
            MessageType::SessionCapability => {
                if self.state != (PoolState::Opening { capability: false }) {
                    return Err(unexpected());
                }
                self.server.read_capability(&body).map_err(bad)?;
                self.state = PoolState::Opening { capability: true };
            }
            MessageType::ApplicationPrivateData => {
                if self.state != (PoolState::Opening { capability: true }) {
                    return Err(unexpected());
                }
                self.server.read_private_data(&body);
            }
            MessageType::RunspacePoolState => {
                let (reported, error) = pool::reported_state(&body).map_err(bad)?;
                self.on_pool_state(reported, error)?;
            }
            MessageType::EncryptedSessionKey => {
                let Some(exchange) = &self.exchange_key else { return Err(unexpected()) };
                if self.session_key.is_some() {
                    return Err(unexpected());
                }
                let text = prop(&body, "EncryptedSessionKey")
                    .and_then(PsValue::as_str)
                    .ok_or_else(|| bad("no EncryptedSessionKey string".into()))?;
                self.session_key = Some(exchange.decrypt_session_key(text)?);
                self.release_waiting_pipelines()?;
            }
            MessageType::PublicKeyRequest => {
                if !matches!(self.state, PoolState::Opened | PoolState::Closing) {
                    return Err(unexpected());
                }
                self.start_key_exchange()?;
            }
            // Events registered with Register-EngineEvent -Forward: nothing in mbxctl subscribes to them.
            MessageType::UserEvent => {}
            MessageType::RunspacePoolHostCall => self.on_host_call(None, &body)?,
            // Pool-level records (from no pipeline) have no Outcome to go into; mbxctl starts nothing that
            // would write them.
            MessageType::WarningRecord
            | MessageType::VerboseRecord
            | MessageType::DebugRecord
            | MessageType::InformationRecord
            | MessageType::ProgressRecord => {}
            _ => return Err(unexpected()),
        }
        Ok(())
    }

    fn on_pool_state(&mut self, reported: ReportedPoolState, error: Option<PsValue>) -> Result<(), ProtocolError> {
        let broken = |reason: &str, error: Option<PsValue>| {
            let reason = error
                .as_ref()
                .and_then(|e| {
                    prop(e, "Exception").and_then(|x| prop(x, "Message")).or(Some(e)).and_then(PsValue::display)
                })
                .map_or_else(|| reason.to_string(), |m| format!("{reason}: {m}"));
            Event::PoolBroken { reason, error }
        };
        match (&self.state, reported) {
            (PoolState::Opening { capability: true }, ReportedPoolState::Opened) => {
                self.state = PoolState::Opened;
                self.events.push_back(Event::Opened(self.server.clone()));
            }
            (PoolState::Opening { .. }, ReportedPoolState::Opening) => {}
            (PoolState::Opening { .. } | PoolState::Opened | PoolState::Closing, ReportedPoolState::Broken) => {
                let what = if matches!(self.state, PoolState::Opening { .. }) {
                    "the runspace pool failed to open"
                } else {
                    "the server reported the runspace pool Broken"
                };
                self.state = PoolState::Broken;
                self.events.push_back(broken(what, error));
            }
            (PoolState::Opening { .. } | PoolState::Opened, ReportedPoolState::Closing | ReportedPoolState::Closed) => {
                self.state = PoolState::Broken;
                self.events.push_back(broken("the server closed the runspace pool unexpectedly", error));
            }
            (PoolState::Closing, ReportedPoolState::Closing | ReportedPoolState::Closed) => {}
            (state, reported) => {
                return Err(ProtocolError::Unexpected(format!(
                    "RUNSPACEPOOL_STATE {reported:?} while the pool is {state:?}"
                )));
            }
        }
        Ok(())
    }

    fn on_pipeline_message(&mut self, guid: Uuid, t: MessageType, body: PsValue) -> Result<(), ProtocolError> {
        let pipeline = PipelineId(guid);
        let phase = self.pipelines.get(&guid).map(|p| p.phase);
        if phase != Some(PipelinePhase::Running) {
            return Err(ProtocolError::Unexpected(format!("{t:?} for pipeline {guid} while it is {phase:?}")));
        }
        let event = match t {
            MessageType::PipelineOutput => Event::PipelineOutput { pipeline, value: body },
            MessageType::ErrorRecord => Event::ErrorRecord { pipeline, record: body },
            MessageType::WarningRecord => Event::Warning { pipeline, record: body },
            MessageType::VerboseRecord => Event::Verbose { pipeline, record: body },
            MessageType::DebugRecord => Event::Debug { pipeline, record: body },
            MessageType::InformationRecord => Event::Information { pipeline, record: body },
            MessageType::ProgressRecord => Event::Progress { pipeline, record: body },
            MessageType::PipelineHostCall => return self.on_host_call(Some(pipeline), &body),
            MessageType::PipelineState => {
                let value = prop_int(&body, "PipelineState")
                    .ok_or_else(|| ProtocolError::BadMessage { message_type: t, problem: "no PipelineState".into() })?;
                let state = pipeline::final_state(value)
                    .map_err(|problem| ProtocolError::BadMessage { message_type: t, problem })?;
                let Some(state) = state else { return Ok(()) };
                let error = prop(&body, "ExceptionAsErrorRecord").filter(|e| !e.is_null()).cloned();
                if let Some(p) = self.pipelines.get_mut(&guid) {
                    p.phase = PipelinePhase::Finished(state);
                }
                if let Some(ch) = self.channels.get_mut(&guid) {
                    ch.close = Stage::Queued;
                }
                Event::PipelineFinished { pipeline, state, error }
            }
            _ => {
                return Err(ProtocolError::Unexpected(format!("{t:?} is not a message a server sends for a pipeline")));
            }
        };
        self.events.push_back(event);
        Ok(())
    }

    fn on_host_call(&mut self, pipeline: Option<PipelineId>, body: &PsValue) -> Result<(), ProtocolError> {
        let t = if pipeline.is_some() { MessageType::PipelineHostCall } else { MessageType::RunspacePoolHostCall };
        let call = HostCall::parse(body).map_err(|problem| ProtocolError::BadMessage { message_type: t, problem })?;
        if !call.refused {
            return Ok(());
        }
        let (guid, response_type) = match pipeline {
            Some(p) => (p.0, MessageType::PipelineHostResponse),
            None => (Uuid::nil(), MessageType::RunspacePoolHostResponse),
        };
        self.queue(guid, Stream::PromptResponse, response_type, &call.refusal())?;
        self.events.push_back(Event::HostCall { pipeline, call });
        Ok(())
    }

    fn start_key_exchange(&mut self) -> Result<(), ProtocolError> {
        if self.exchange_key.is_some() {
            return Ok(());
        }
        let key = ExchangeKey::generate()?;
        let body = ms([("PublicKey", PsValue::String(key.public_blob_base64()))]);
        self.exchange_key = Some(key);
        self.queue(Uuid::nil(), Stream::Default, MessageType::PublicKey, &body)
    }

    fn release_waiting_pipelines(&mut self) -> Result<(), ProtocolError> {
        let waiting: Vec<Uuid> =
            self.pipelines.iter().filter(|(_, p)| p.waiting_for_key.is_some()).map(|(id, _)| *id).collect();
        for id in waiting {
            let Some(entry) = self.pipelines.get_mut(&id) else { continue };
            let Some(invocation) = entry.waiting_for_key.take() else { continue };
            if entry.phase == PipelinePhase::AwaitingSessionKey {
                entry.phase = PipelinePhase::Running;
            }
            let body = pipeline::create_pipeline_for(&invocation)
                .map_err(|source| ProtocolError::Unsendable { cmdlet: invocation.cmdlet.clone(), source })?;
            self.queue(id, Stream::Default, MessageType::CreatePipeline, &body)?;
        }
        Ok(())
    }

    /// Serializes, frames and queues one message on a channel.
    fn queue(&mut self, guid: Uuid, stream: Stream, t: MessageType, body: &PsValue) -> Result<(), ProtocolError> {
        let cipher = self.session_key.as_ref().map(|k| k as &dyn SecureCipher);
        let xml = clixml::to_string_with(body, cipher)
            .map_err(|source| ProtocolError::Serialize { message_type: t, source })?;
        let message = Message {
            destination: Destination::Server,
            message_type: t,
            rpid: self.rpid,
            pid: guid,
            data: xml.into_bytes(),
        };
        let fragments = self.fragmenter.fragment(&message.encode());
        let ch = self.channels.entry(guid).or_default();
        ch.data.extend(fragments.into_iter().map(|f| (stream, f)));
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cmdlet::Value;
    use crate::protocol::testing::{Pair, Server, Step, command_of, informational};
    use crate::secret::Secret;

    fn echo_server() -> Server {
        Server::new(
            fragment::MAX_FRAGMENT_SIZE,
            Box::new(|body| {
                let (name, _, args) = command_of(body);
                let mut steps = vec![Step::Output(name.as_str().into())];
                steps.extend(args.into_iter().map(|(_, v)| Step::Output(v)));
                steps
            }),
        )
    }

    fn finished(events: &[Event]) -> Vec<(FinalState, Option<String>)> {
        events
            .iter()
            .filter_map(|e| match e {
                Event::PipelineFinished { state, error, .. } => {
                    Some((*state, error.as_ref().map(|e| crate::protocol::records::error_record(e).message)))
                }
                _ => None,
            })
            .collect()
    }

    fn outputs(events: &[Event]) -> Vec<PsValue> {
        events
            .iter()
            .filter_map(|e| match e {
                Event::PipelineOutput { value, .. } => Some(value.clone()),
                _ => None,
            })
            .collect()
    }

    #[test]
    fn opens_with_both_messages_in_one_line_and_reports_the_server() {
        let mut pair = Pair::new(echo_server());
        let events = pair.open();
        let [Event::Opened(info)] = events.as_slice() else { panic!("{events:?}") };
        assert_eq!(info.powershell_version.as_deref(), Some("7.4.6"));
        assert_eq!(info.powershell_edition.as_deref(), Some("Core"));
        assert_eq!(info.protocol_version.as_deref(), Some("2.3"));
        assert_eq!(*pair.client.state(), PoolState::Opened);
        assert_eq!(pair.server.lines.len(), 1);
        assert!(
            pair.server.lines[0].starts_with("<Data Stream='Default' PSGuid='00000000-0000-0000-0000-000000000000'>")
        );
        let types: Vec<MessageType> = pair.server.log.iter().map(|(t, _, _)| *t).collect();
        assert_eq!(types, [MessageType::SessionCapability, MessageType::InitRunspacePool]);
        assert!(pair.client.is_idle());
    }

    #[test]
    fn runs_a_typed_command_and_closes_the_pipeline() {
        let mut pair = Pair::new(echo_server());
        pair.open();
        let inv = Invocation::new("Get-Mailbox").param("Identity", "alice").param("ResultSize", 10i64).switch("Force");
        let id = pair.client.create_pipeline(&inv).unwrap();
        assert_eq!(pair.client.pipeline_phase(id), Some(PipelinePhase::AwaitingCommandAck));
        pair.drive().unwrap();
        let events = pair.events();
        assert_eq!(
            outputs(&events),
            [PsValue::from("Get-Mailbox"), "alice".into(), PsValue::I32(10), PsValue::Bool(true)]
        );
        assert_eq!(finished(&events), [(FinalState::Completed, None)]);
        let p = format!("PSGuid='{id}'");
        let for_p: Vec<&str> =
            pair.server.lines.iter().filter(|l| l.contains(&p)).map(|l| &l[..l.find(' ').unwrap()]).collect();
        assert_eq!(for_p, ["<Command", "<Data", "<Close"]);
        // CloseAck and every ack arrived: the pipeline is forgotten and nothing is pending.
        assert_eq!(pair.client.pipeline_phase(id), None);
        assert!(pair.client.is_idle());
        assert_eq!(pair.server.max_in_flight, 1);
    }

    #[test]
    fn reassembles_big_objects_and_many_per_line_with_late_acks() {
        let big = "x".repeat(100_000);
        let big2 = big.clone();
        let mut server = Server::new(
            1000,
            Box::new(move |_| {
                let mut s = vec![Step::Output(big2.as_str().into())];
                s.extend((0..500).map(|i| Step::Output(PsValue::I32(i))));
                s
            }),
        );
        server.late_acks = true;
        server.line_budget = 8000;
        let mut pair = Pair::new(server);
        pair.open();
        pair.client.create_pipeline(&Invocation::new("Get-Big")).unwrap();
        pair.drive().unwrap();
        let events = pair.events();
        let out = outputs(&events);
        assert_eq!(out.len(), 501);
        assert_eq!(out[0], PsValue::String(big));
        assert_eq!(out[500], PsValue::I32(499));
        assert_eq!(finished(&events), [(FinalState::Completed, None)]);
    }

    #[test]
    fn sends_big_messages_one_data_line_at_a_time() {
        let mut pair = Pair::new(echo_server());
        pair.client = Client::new(ClientConfig { max_fragment: 500, max_line_payload: 1000, ..Default::default() });
        pair.open();
        let long = "y".repeat(20_000);
        pair.client.create_pipeline(&Invocation::new("Set-Thing").param("Notes", long.as_str())).unwrap();
        pair.drive().unwrap();
        let events = pair.events();
        assert_eq!(outputs(&events)[1], PsValue::String(long));
        assert_eq!(pair.server.max_in_flight, 1);
        assert!(pair.server.lines.iter().filter(|l| l.starts_with("<Data")).count() > 20);
    }

    #[test]
    fn streams_become_events() {
        let server = Server::new(
            fragment::MAX_FRAGMENT_SIZE,
            Box::new(|_| {
                vec![
                    Step::Record(MessageType::WarningRecord, informational("careful")),
                    Step::Record(MessageType::VerboseRecord, informational("chatty")),
                    Step::Record(MessageType::DebugRecord, informational("dbg")),
                    Step::Record(MessageType::InformationRecord, ms([("MessageData", "info".into())])),
                    Step::Record(MessageType::ProgressRecord, ms([("Activity", "act".into())])),
                    Step::Error(crate::protocol::records::error_record_to_ps(&crate::shell::ErrorRecord {
                        message: "not found".into(),
                        fully_qualified_error_id: "NotFound".into(),
                        category: 13,
                        ..Default::default()
                    })),
                    Step::Output(PsValue::Null),
                ]
            }),
        );
        let mut pair = Pair::new(server);
        pair.open();
        pair.client.create_pipeline(&Invocation::new("Get-X")).unwrap();
        pair.drive().unwrap();
        let kinds: Vec<String> = pair
            .events()
            .iter()
            .map(|e| match e {
                Event::Warning { record, .. } => {
                    format!("W:{}", crate::protocol::records::informational_message(record).unwrap())
                }
                Event::Verbose { record, .. } => {
                    format!("V:{}", crate::protocol::records::informational_message(record).unwrap())
                }
                Event::Debug { record, .. } => {
                    format!("D:{}", crate::protocol::records::informational_message(record).unwrap())
                }
                Event::Information { record, .. } => {
                    format!("I:{}", crate::protocol::records::information_text(record).unwrap())
                }
                Event::Progress { .. } => "P".into(),
                Event::ErrorRecord { record, .. } => {
                    format!("E:{}", crate::protocol::records::error_record(record).message)
                }
                Event::PipelineOutput { value, .. } => format!("O:{value:?}"),
                Event::PipelineFinished { state, .. } => format!("F:{state:?}"),
                other => format!("{other:?}"),
            })
            .collect();
        assert_eq!(kinds, ["W:careful", "V:chatty", "D:dbg", "I:info", "P", "E:not found", "O:Null", "F:Completed"]);
    }

    #[test]
    fn prompts_are_refused_and_end_the_pipeline() {
        let server = Server::new(
            fragment::MAX_FRAGMENT_SIZE,
            Box::new(|_| {
                let mi = crate::protocol::values::enum_value(
                    "System.Management.Automation.Remoting.RemoteHostMethodId",
                    23,
                    "Prompt",
                );
                let call = ms([
                    ("ci", PsValue::I64(1)),
                    ("mi", mi),
                    ("mp", PsValue::list(["Credentials".into(), "Enter the password for alice".into()])),
                ]);
                vec![Step::HostCall(1, call), Step::Output("never".into())]
            }),
        );
        let mut pair = Pair::new(server);
        pair.open();
        let id = pair.client.create_pipeline(&Invocation::new("Set-Thing")).unwrap();
        pair.drive().unwrap();
        let events = pair.events();
        let call = events.iter().find_map(|e| match e {
            Event::HostCall { pipeline, call } => Some((*pipeline, call.clone())),
            _ => None,
        });
        let (pipeline, call) = call.expect("host call event");
        assert_eq!(pipeline, Some(id));
        assert_eq!((call.method.as_str(), call.refused), ("Prompt", true));
        let want = "mbxctl runs unattended and cannot answer Prompt for 'Enter the password for alice'; pass the value as a parameter (and -Confirm:$false) instead";
        assert_eq!(finished(&events), [(FinalState::Failed, Some(want.to_string()))]);
        assert!(outputs(&events).is_empty());
        let response = pair.server.lines.iter().find(|l| l.starts_with("<Data Stream='PromptResponse'")).unwrap();
        assert!(response.contains(&id.to_string()));
    }

    #[test]
    fn a_failed_pipeline_carries_its_terminating_error_and_garbage_breaks_the_pool() {
        let server = Server::new(
            fragment::MAX_FRAGMENT_SIZE,
            Box::new(|body| {
                if command_of(body).0 == "Throw" {
                    let e = crate::protocol::records::error_record_to_ps(&crate::shell::ErrorRecord {
                        message: "boom".into(),
                        ..Default::default()
                    });
                    vec![Step::Fail(e)]
                } else {
                    vec![Step::Raw("<Data Stream='Default' PSGuid='zz'>".into())]
                }
            }),
        );
        let mut pair = Pair::new(server);
        pair.open();
        pair.client.create_pipeline(&Invocation::new("Throw")).unwrap();
        pair.drive().unwrap();
        assert_eq!(finished(&pair.events()), [(FinalState::Failed, Some("boom".into()))]);
        pair.client.create_pipeline(&Invocation::new("Garbage")).unwrap();
        let err = pair.drive().unwrap_err();
        assert!(err.to_string().contains("the closing tag"), "{err}");
        assert!(matches!(pair.events().last(), Some(Event::PoolBroken { .. })));
        assert!(pair.client.failure().unwrap().contains("malformed OutOfProc line"));
    }

    #[test]
    fn stop_signals_a_hanging_pipeline() {
        let mut pair =
            Pair::new(Server::new(fragment::MAX_FRAGMENT_SIZE, Box::new(|_| vec![Step::Output(1.into()), Step::Hang])));
        pair.open();
        let id = pair.client.create_pipeline(&Invocation::new("Wait-Forever")).unwrap();
        pair.drive().unwrap();
        assert_eq!(outputs(&pair.events()), [PsValue::I32(1)]);
        assert_eq!(pair.client.pipeline_phase(id), Some(PipelinePhase::Running));
        pair.client.stop(id).unwrap();
        pair.drive().unwrap();
        let events = pair.events();
        assert_eq!(finished(&events), [(FinalState::Stopped, Some("The pipeline has been stopped.".into()))]);
        assert!(pair.server.lines.iter().any(|l| l == &format!("<Signal PSGuid='{id}' />")));
        assert!(pair.client.is_idle());
        // Stopping again is a no-op.
        pair.client.stop(id).unwrap();
        assert_eq!(pair.client.data_to_send(), None);
    }

    #[test]
    fn secure_strings_go_encrypted_after_the_key_exchange() {
        let mut pair = Pair::new(echo_server());
        pair.open();
        let inv = Invocation::new("Set-Password").param("Password", Secret::new("Tr0ub4dor&3")).param("Plain", "x");
        pair.client.create_pipeline(&inv).unwrap();
        pair.drive().unwrap();
        let events = pair.events();
        assert!(matches!(&outputs(&events)[1], PsValue::SecureString(s) if s.expose() == "Tr0ub4dor&3"));
        assert_eq!(pair.server.received(MessageType::PublicKey).len(), 1);
        assert!(pair.server.lines.iter().all(|l| !l.contains("Tr0ub4dor")));
        let body = pair.server.received(MessageType::CreatePipeline)[0].clone();
        assert!(matches!(&command_of(&body).2[0].1, PsValue::SecureString(_)));
        // A second secure command reuses the key.
        pair.client.create_pipeline(&inv).unwrap();
        pair.drive().unwrap();
        assert_eq!(pair.server.received(MessageType::PublicKey).len(), 1);
        assert_eq!(finished(&pair.events()), [(FinalState::Completed, None)]);
    }

    #[test]
    fn close_stops_and_closes_pipelines_before_the_pool() {
        let mut pair = Pair::new(Server::new(fragment::MAX_FRAGMENT_SIZE, Box::new(|_| vec![Step::Hang])));
        pair.open();
        let a = pair.client.create_pipeline(&Invocation::new("A")).unwrap();
        let b = pair.client.create_pipeline(&Invocation::new("B")).unwrap();
        pair.drive().unwrap();
        pair.client.close().unwrap();
        pair.drive().unwrap();
        let events = pair.events();
        assert_eq!(finished(&events).len(), 2);
        assert_eq!(events.last(), Some(&Event::Closed));
        assert_eq!(*pair.client.state(), PoolState::Closed);
        let last = pair.server.lines.last().unwrap();
        assert_eq!(last, "<Close PSGuid='00000000-0000-0000-0000-000000000000' />");
        for id in [a, b] {
            assert!(pair.server.lines.iter().any(|l| l == &format!("<Close PSGuid='{id}' />")));
        }
        assert!(matches!(pair.client.create_pipeline(&Invocation::new("C")), Err(ProtocolError::InvalidState { .. })));
    }

    #[test]
    fn api_misuse_and_dynamic_values_are_refused_before_the_wire() {
        let mut c = Client::new(ClientConfig::default());
        assert!(matches!(c.create_pipeline(&Invocation::new("X")), Err(ProtocolError::InvalidState { .. })));
        let mut pair = Pair::new(echo_server());
        pair.open();
        let inv = Invocation::new("Get-Mailbox").param("Identity", Value::Dynamic("$(whoami)".into()));
        let err = pair.client.create_pipeline(&inv).unwrap_err();
        assert!(err.to_string().contains("cannot send Get-Mailbox"), "{err}");
        assert_eq!(pair.client.data_to_send(), None);
        assert!(matches!(pair.client.open(), Err(ProtocolError::InvalidState { .. })));
    }

    #[test]
    fn server_reported_broken_pool() {
        let mut pair = Pair::new(echo_server());
        pair.open();
        let err = crate::protocol::records::error_record_to_ps(&crate::shell::ErrorRecord {
            message: "The session state is broken.".into(),
            ..Default::default()
        });
        pair.server.send_all_for_test(
            Uuid::nil(),
            MessageType::RunspacePoolState,
            ms([("RunspaceState", PsValue::I32(5)), ("ExceptionAsErrorRecord", err)]),
        );
        pair.drive().unwrap();
        let events = pair.events();
        let [Event::PoolBroken { reason, error: Some(_) }] = events.as_slice() else { panic!("{events:?}") };
        assert_eq!(reason, "the server reported the runspace pool Broken: The session state is broken.");
        assert_eq!(*pair.client.state(), PoolState::Broken);
    }

    /// Feeds one hostile line to an opened client with a pipeline running, returning the error text.
    fn hostile(line: impl FnOnce(&Client, Uuid) -> String) -> String {
        let mut pair = Pair::new(Server::new(fragment::MAX_FRAGMENT_SIZE, Box::new(|_| vec![Step::Hang])));
        pair.open();
        let id = pair.client.create_pipeline(&Invocation::new("X")).unwrap();
        pair.drive().unwrap();
        pair.events();
        let l = line(&pair.client, id.0);
        let err = pair.client.receive_line(&l).unwrap_err().to_string();
        assert!(matches!(pair.events().last(), Some(Event::PoolBroken { .. })));
        assert!(matches!(pair.client.receive_line(&l), Err(ProtocolError::Broken(_))));
        assert!(matches!(pair.client.create_pipeline(&Invocation::new("Y")), Err(ProtocolError::Broken(_))));
        assert_eq!(pair.client.data_to_send(), None);
        err
    }

    type LineMaker = Box<dyn FnOnce(&Client, Uuid) -> String>;

    fn data_line(guid: Uuid, t: MessageType, rpid: Uuid, pid: Uuid, destination: Destination, xml: &str) -> String {
        let m = Message { destination, message_type: t, rpid, pid, data: xml.as_bytes().to_vec() };
        let payload = Fragmenter::default().fragment(&m.encode()).concat();
        Packet::Data { stream: Stream::Default, guid, payload }.to_line()
    }

    #[test]
    fn impossible_messages_are_protocol_errors() {
        let other = Uuid::from_u128(7);
        let state4 = r#"<Obj RefId="0"><MS><I32 N="PipelineState">4</I32></MS></Obj>"#;
        let cases: Vec<(LineMaker, &str)> = vec![
            (
                Box::new(|_, _| "<Bogus PSGuid='00000000-0000-0000-0000-000000000000' />".into()),
                "unknown OutOfProc element",
            ),
            (Box::new(move |_, _| format!("<DataAck PSGuid='{other}' />")), "names no pool or pipeline"),
            (Box::new(|_, p| format!("<DataAck PSGuid='{p}' />")), "while no Data is awaiting an ack"),
            (Box::new(|_, p| format!("<CommandAck PSGuid='{p}' />")), "while no Command is awaiting an ack"),
            (Box::new(|_, p| format!("<Signal PSGuid='{p}' />")), "only a client sends it"),
            (Box::new(|_, p| format!("<CloseAck PSGuid='{p}' />")), "while no Close is awaiting an ack"),
            (
                Box::new(move |c, _| {
                    data_line(other, MessageType::PipelineState, c.rpid(), other, Destination::Client, state4)
                }),
                "which is no pipeline of this client",
            ),
            (
                Box::new(move |_, p| data_line(p, MessageType::PipelineState, other, p, Destination::Client, state4)),
                "for runspace pool 00000000-0000-0000-0000-000000000007",
            ),
            (
                Box::new(|c, p| data_line(p, MessageType::PipelineState, c.rpid(), p, Destination::Server, state4)),
                "addressed to the server",
            ),
            (
                Box::new(|c, p| {
                    data_line(p, MessageType::PipelineState, c.rpid(), Uuid::nil(), Destination::Client, state4)
                }),
                "arrived on the OutOfProc channel of",
            ),
            (
                Box::new(|c, p| data_line(p, MessageType::CreatePipeline, c.rpid(), p, Destination::Client, state4)),
                "not a message a server sends for a pipeline",
            ),
            (
                Box::new(|c, _| {
                    data_line(
                        Uuid::nil(),
                        MessageType::SessionCapability,
                        c.rpid(),
                        Uuid::nil(),
                        Destination::Client,
                        "<Nil />",
                    )
                }),
                "SessionCapability for the runspace pool while it is Opened",
            ),
            (
                Box::new(|c, _| {
                    data_line(
                        Uuid::nil(),
                        MessageType::EncryptedSessionKey,
                        c.rpid(),
                        Uuid::nil(),
                        Destination::Client,
                        "<Nil />",
                    )
                }),
                "EncryptedSessionKey for the runspace pool",
            ),
            (
                Box::new(|c, p| {
                    data_line(p, MessageType::PipelineState, c.rpid(), p, Destination::Client, "<Obj RefId=\"0\"><MS>")
                }),
                "PipelineState body",
            ),
            (
                Box::new(|c, p| {
                    data_line(
                        p,
                        MessageType::PipelineState,
                        c.rpid(),
                        p,
                        Destination::Client,
                        r#"<Obj RefId="0"><MS><I32 N="PipelineState">0</I32></MS></Obj>"#,
                    )
                }),
                "NotStarted (0)",
            ),
            (
                Box::new(|_, p| {
                    let mut payload = Vec::new();
                    fragment::Fragment { object_id: 1, fragment_id: 1, start: false, end: true, blob: b"x" }
                        .encode_into(&mut payload);
                    Packet::Data { stream: Stream::Default, guid: p, payload }.to_line()
                }),
                "expected fragment 0 with the start flag, got fragment 1",
            ),
            (
                Box::new(|_, p| Packet::Data { stream: Stream::Default, guid: p, payload: vec![0; 5] }.to_line()),
                "truncated fragment",
            ),
        ];
        for (make, want) in cases {
            let err = hostile(make);
            assert!(err.contains(want), "{err:?} should contain {want:?}");
        }
    }

    #[test]
    fn a_pipeline_message_after_the_final_state_is_an_error() {
        let mut pair = Pair::new(echo_server());
        pair.open();
        let id = pair.client.create_pipeline(&Invocation::new("A")).unwrap();
        // Deliver only up to the final state (Command, then CREATE_PIPELINE); Close stays queued.
        for _ in 0..2 {
            while let Some(l) = pair.client.data_to_send() {
                pair.server.receive(&l);
            }
            while let Some(l) = pair.server.out.pop_front() {
                pair.client.receive_line(&l).unwrap();
            }
        }
        assert_eq!(pair.client.pipeline_phase(id), Some(PipelinePhase::Finished(FinalState::Completed)));
        let late =
            data_line(id.0, MessageType::PipelineOutput, pair.client.rpid(), id.0, Destination::Client, "<S>late</S>");
        let err = pair.client.receive_line(&late).unwrap_err().to_string();
        assert!(err.contains("while it is Some(Finished(Completed))"), "{err}");
    }

    #[test]
    fn receive_data_splits_lines_and_bounds_partial_lines() {
        let mut pair = Pair::new(echo_server());
        pair.client.open().unwrap();
        let line = pair.client.data_to_send().unwrap();
        pair.server.receive(&line);
        let all: String = pair.server.out.drain(..).map(|l| l + "\r\n").collect();
        let (a, b) = all.as_bytes().split_at(all.len() / 2);
        pair.client.receive_data(a).unwrap();
        pair.client.receive_data(b).unwrap();
        assert!(matches!(pair.events().as_slice(), [Event::Opened(_)]));

        let mut c = Client::new(ClientConfig { max_line: 100, ..Default::default() });
        c.open().unwrap();
        let err = c.receive_data(&[b'<'; 101]).unwrap_err();
        assert!(matches!(err, ProtocolError::Oop(OopError::TooLong { len: 101, max: 100 })));
        let mut c = Client::new(ClientConfig::default());
        c.open().unwrap();
        assert!(c.receive_data(b"\xff\xfe\n").unwrap_err().to_string().contains("not UTF-8"));
    }

    mod fuzz {
        use super::*;
        use proptest::prelude::*;

        fn opened() -> Pair {
            let mut pair = Pair::new(echo_server());
            pair.open();
            pair.client.create_pipeline(&Invocation::new("X")).unwrap();
            while let Some(l) = pair.client.data_to_send() {
                pair.server.receive(&l);
            }
            pair
        }

        proptest! {
            #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

            #[test]
            fn arbitrary_lines_never_panic(lines in proptest::collection::vec(".{0,200}", 1..8)) {
                let mut pair = opened();
                for l in &lines {
                    let _ = pair.client.receive_line(l);
                    while pair.client.data_to_send().is_some() {}
                }
                while pair.client.next_event().is_some() {}
            }

            #[test]
            fn arbitrary_fragment_payloads_never_panic(payload in proptest::collection::vec(any::<u8>(), 0..400), pool in any::<bool>()) {
                let mut pair = opened();
                let guid = if pool { Uuid::nil() } else { pair.server.log.last().map(|(_, g, _)| *g).unwrap_or_default() };
                let line = Packet::Data { stream: Stream::Default, guid, payload }.to_line();
                let _ = pair.client.receive_line(&line);
                while pair.client.next_event().is_some() {}
            }

            #[test]
            fn arbitrary_messages_never_panic(t in any::<u32>(), body in ".{0,300}", mutate in any::<bool>()) {
                let mut pair = opened();
                let (_, guid, _) = pair.server.log.last().cloned().unwrap();
                let t = if mutate { t } else { 0x0004_1000 | (t & 0x1ff) };
                let mut bytes = Message {
                    destination: Destination::Client,
                    message_type: MessageType::PipelineOutput,
                    rpid: pair.client.rpid(),
                    pid: guid,
                    data: body.into_bytes(),
                }
                .encode();
                bytes[4..8].copy_from_slice(&t.to_le_bytes());
                let payload = Fragmenter::default().fragment(&bytes).concat();
                let _ = pair.client.receive_line(&Packet::Data { stream: Stream::Default, guid, payload }.to_line());
                while pair.client.next_event().is_some() {}
            }

            #[test]
            fn arbitrary_bytes_never_panic(data in proptest::collection::vec(any::<u8>(), 0..2000)) {
                let mut pair = opened();
                let _ = pair.client.receive_data(&data);
                while pair.client.next_event().is_some() {}
            }
        }
    }
}
