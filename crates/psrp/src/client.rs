//! The PSRP client over OutOfProc, sans-IO: lines in, events and lines out (the psrpcore/quinn-proto shape).
//!
//! ```text
//! transport ── receive_line(&str) ──► Client ── next_event() ──► session
//!           ◄── data_to_send() ──────        ◄── open / create_pipeline / stop / close
//! ```
//!
//! The client owns every protocol rule so the transport only moves lines: acks are tracked per (kind, GUID);
//! at most one `Data` per GUID is un-acked; a pipeline's `Data` waits for its `CommandAck`; `Close` follows
//! every final pipeline state; the pool's `Close` waits until every pipeline is closed (docs/psrp-notes.md, "OutOfProc requests and replies" to "Sequences").
//! Anything the server sends that cannot happen in the current state is a [`ProtocolError`]; after one the
//! client is broken for good and says so, rather than guessing. There is no clock and no I/O here: the transport
//! applies its own timeouts around the waits.

use std::collections::{BTreeMap, HashMap, VecDeque};

use uuid::Uuid;

use super::fragment::{self, FragmentError, Fragmenter, Reassembler};
use super::host::HostCall;
use super::message::{Destination, Message, MessageError, MessageType, Target};
use super::oop::{Control, OopError, Packet, Stream};
use super::pipeline::{self, BuildError, FinalState, PipelineId, PipelinePhase};
use super::pool::{self, PoolState, ReportedPoolState, ServerInfo};
use super::session_key::{ExchangeKey, KeyError, SessionKey};
use crate::pipeline::Command;
use crate::random::Random;
use psvalue::clixml::{self, ClixmlError, Limits, SecureCipher};
use psvalue::object::PsValue;
use psvalue::values::{ms, prop, prop_int};

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
    /// INIT_RUNSPACEPOOL `MaxRunspaces`: 1, so set-up done by one pipeline is seen by the next (docs/psrp-notes.md, "Runspaces").
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
    /// One output object (`$null` for an empty PIPELINE_OUTPUT). A body that cannot be decoded arrives as an
    /// object typed [`UNDECODED_TYPE`] holding the raw CLIXML, and the session carries on.
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
    /// A caller's command cannot become a protocol [`Command`].
    #[error("cannot send {cmdlet}: {source}")]
    Unsendable {
        /// The command.
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
    /// A command waiting for the session key before its CREATE_PIPELINE can be serialized.
    waiting_for_key: Option<Command>,
}

/// The PSRP client state machine.
pub struct Client {
    config: ClientConfig,
    random: Box<dyn Random>,
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

/// The type name of an output object or record whose CLIXML could not be decoded; see [`Event`].
pub const UNDECODED_TYPE: &str = "Psrp.UndecodedClixml";
/// The note property of an [`UNDECODED_TYPE`] object that holds the message body as received.
pub const UNDECODED_CLIXML: &str = "Clixml";

/// Whether a pipeline message carries data (output or a stream record) rather than protocol state.
fn carries_data(t: MessageType) -> bool {
    matches!(
        t,
        MessageType::PipelineOutput
            | MessageType::ErrorRecord
            | MessageType::WarningRecord
            | MessageType::VerboseRecord
            | MessageType::DebugRecord
            | MessageType::InformationRecord
            | MessageType::ProgressRecord
    )
}

/// An object standing in for a body the reader could not decode: the raw text and the reason.
fn undecoded(data: &[u8], error: &ProtocolError) -> PsValue {
    let mut o = psvalue::PsObject::with_types([UNDECODED_TYPE, "System.Object"]);
    o.to_string = Some(error.to_string());
    PsValue::from(o.note(UNDECODED_CLIXML, String::from_utf8_lossy(data).into_owned()))
}

impl From<std::convert::Infallible> for ProtocolError {
    fn from(never: std::convert::Infallible) -> Self {
        match never {}
    }
}

impl Client {
    /// A client for a new runspace pool. Its pool id, pipeline ids and RSA key come from `random`
    /// (a cryptographically secure source in production, a seeded one in tests).
    pub fn new(config: ClientConfig, mut random: Box<dyn Random>) -> Client {
        let rpid = random.uuid();
        Client {
            config,
            random,
            rpid,
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

    /// Creates a pipeline that runs one command (normally typed, `IsScript=false`).
    ///
    /// Takes a [`Command`], or anything the caller can turn into one (an application's own command model, by
    /// `TryFrom`), so the conversion of its values happens before anything goes on the wire.
    pub fn create_pipeline<C>(&mut self, command: C) -> Result<PipelineId, ProtocolError>
    where
        C: TryInto<Command>,
        ProtocolError: From<C::Error>,
    {
        self.check_usable()?;
        if self.state != PoolState::Opened {
            return Err(self.invalid("create a pipeline"));
        }
        let command: Command = command.try_into()?;
        let id = self.random.uuid();
        self.channels.insert(id, Channel { command: Stage::Queued, ..Default::default() });
        let mut entry = PipelineEntry { phase: PipelinePhase::AwaitingCommandAck, waiting_for_key: None };
        if command.needs_session_key() && self.session_key.is_none() {
            entry.waiting_for_key = Some(command);
            self.pipelines.insert(id, entry);
            self.start_key_exchange()?;
        } else {
            self.pipelines.insert(id, entry);
            self.queue(id, Stream::Default, MessageType::CreatePipeline, &pipeline::create_pipeline_for(&command))?;
        }
        Ok(PipelineId(id))
    }

    /// Creates a pipeline that runs script text (`IsScript=true`).
    ///
    /// Only for session set-up in a local, FullLanguage runspace. Callers must build `script` from constants
    /// and properly quoted values; everything else goes through [`Client::create_pipeline`], where values are
    /// typed data and cannot be code.
    pub fn create_script_pipeline(&mut self, script: &str) -> Result<PipelineId, ProtocolError> {
        self.check_usable()?;
        if self.state != PoolState::Opened {
            return Err(self.invalid("create a pipeline"));
        }
        let id = self.random.uuid();
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
        let body = match self.decode_body(&message) {
            Ok(body) => body,
            // One output object or record that cannot be decoded must not break the session: it arrives as
            // an object that keeps the raw CLIXML and says why (state and control messages stay strict).
            Err(e) if !guid.is_nil() && carries_data(t) => undecoded(&message.data, &e),
            Err(e) => return Err(e),
        };
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
        let key = ExchangeKey::generate(self.random.as_mut())?;
        let body = ms([("PublicKey", PsValue::String(key.public_blob_base64()))]);
        self.exchange_key = Some(key);
        self.queue(Uuid::nil(), Stream::Default, MessageType::PublicKey, &body)
    }

    fn release_waiting_pipelines(&mut self) -> Result<(), ProtocolError> {
        let waiting: Vec<Uuid> =
            self.pipelines.iter().filter(|(_, p)| p.waiting_for_key.is_some()).map(|(id, _)| *id).collect();
        for id in waiting {
            let Some(entry) = self.pipelines.get_mut(&id) else { continue };
            let Some(command) = entry.waiting_for_key.take() else { continue };
            if entry.phase == PipelinePhase::AwaitingSessionKey {
                entry.phase = PipelinePhase::Running;
            }
            let body = pipeline::create_pipeline_for(&command);
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
#[path = "client_tests.rs"]
mod tests;
