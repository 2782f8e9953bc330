//! Test support: fixture lookup and (below) an in-memory server half to drive the client against.

use std::path::PathBuf;

/// A seeded random source: repeatable ids and keys in tests.
pub fn seeded(seed: u64) -> rand::rngs::StdRng {
    rand::SeedableRng::seed_from_u64(seed)
}

/// The path of a shared fixture: under `MBXCTL_SHARED_DIR` when set, else found by walking up from the crate
/// root to the directory holding `shared/fixtures`.
pub fn fixture(rel: &str) -> PathBuf {
    if let Some(dir) = std::env::var_os("MBXCTL_SHARED_DIR").filter(|d| !d.is_empty()) {
        return PathBuf::from(dir).join("fixtures").join(rel);
    }
    let mut dir = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    loop {
        let candidate = dir.join("shared/fixtures");
        if candidate.is_dir() {
            return candidate.join(rel);
        }
        if !dir.pop() {
            panic!("no shared/fixtures directory above {}", env!("CARGO_MANIFEST_DIR"));
        }
    }
}

use std::collections::{HashMap, VecDeque};

use uuid::Uuid;

use super::client::{Client, ClientConfig, Event, ProtocolError};
use super::fragment::{Fragmenter, Reassembler, parse_fragments};
use super::message::{Destination, Message, MessageType};
use super::oop::{Control, Packet, Stream};
use super::session_key::{SessionKey, encrypt_session_key};
use psvalue::clixml::{self, Limits, SecureCipher};
use psvalue::object::PsValue;
use psvalue::values::{dictionary, ms, prop};

/// What the in-memory server does for one pipeline, step by step.
#[derive(Debug, Clone)]
pub enum Step {
    /// PIPELINE_OUTPUT.
    Output(PsValue),
    /// ERROR_RECORD.
    Error(PsValue),
    /// A record of the given message type (WARNING_RECORD, VERBOSE_RECORD, …).
    Record(MessageType, PsValue),
    /// A host call that waits for its response; an `me` in the response fails the pipeline with it.
    HostCall(i64, PsValue),
    /// Wait for a Signal.
    Hang,
    /// PIPELINE_STATE Failed with this error record.
    Fail(PsValue),
    /// A raw line, sent as is (for hostile-server tests).
    Raw(String),
}

/// Decides what a pipeline does from its CREATE_PIPELINE body.
pub type Script = Box<dyn FnMut(&PsValue) -> Vec<Step>>;

#[derive(Debug)]
enum PipeState {
    Created,
    Waiting(VecDeque<Step>),
    Hanging,
    Done,
}

/// A minimal PSRP server over OutOfProc lines, enough to exercise the client in memory (quinn's `Pair` idea).
/// It reuses the crate's own framing, so the Python peer remains the independent check.
pub struct Server {
    rpid: Uuid,
    fragmenter: Fragmenter,
    reassembler: Reassembler<Uuid>,
    /// Lines to deliver to the client.
    pub out: VecDeque<String>,
    script: Script,
    key: SessionKey,
    random: rand::rngs::StdRng,
    pipes: HashMap<Uuid, PipeState>,
    /// Every message received: type, GUID, body.
    pub log: Vec<(MessageType, Uuid, PsValue)>,
    /// Lines received, verbatim.
    pub lines: Vec<String>,
    /// Send DataAck after the replies instead of before (acks and data are unordered on the wire).
    pub late_acks: bool,
    /// Most fragment bytes per sent line (fragments are never split across lines).
    pub line_budget: usize,
    /// Send PIPELINE_STATE Running first, as psrpcore does.
    pub send_running: bool,
    /// Lines of un-acked Data per GUID, to check the client's one-at-a-time rule.
    in_flight: HashMap<Uuid, usize>,
    /// The largest number of Data lines the client had in flight for one GUID.
    pub max_in_flight: usize,
}

impl Server {
    /// A server whose pipelines follow `script`, sending fragments of at most `fragment_size` bytes.
    pub fn new(fragment_size: usize, script: Script) -> Server {
        Server {
            rpid: Uuid::nil(),
            fragmenter: Fragmenter::new(fragment_size),
            reassembler: Reassembler::new(64 << 20, 64),
            out: VecDeque::new(),
            script,
            key: SessionKey::random(&mut seeded(7)),
            random: seeded(8),
            pipes: HashMap::new(),
            log: Vec::new(),
            lines: Vec::new(),
            late_acks: false,
            line_budget: 32768,
            send_running: true,
            in_flight: HashMap::new(),
            max_in_flight: 0,
        }
    }

    /// The messages of one type received so far.
    pub fn received(&self, t: MessageType) -> Vec<&PsValue> {
        self.log.iter().filter(|(m, _, _)| *m == t).map(|(_, _, v)| v).collect()
    }

    fn send_all(&mut self, guid: Uuid, messages: Vec<(MessageType, PsValue)>) {
        let mut line: Vec<u8> = Vec::new();
        for (t, body) in messages {
            let cipher = Some(&self.key as &dyn SecureCipher);
            let data = if t == MessageType::PipelineOutput && body.is_null() {
                Vec::new()
            } else {
                let mut d = b"\xEF\xBB\xBF".to_vec();
                d.extend(clixml::to_string_with(&body, cipher).expect("server body serializes").into_bytes());
                d
            };
            // As PowerShell's server does: session-level messages carry an all-zero RPID.
            let rpid = if t.target() == super::message::Target::Session { Uuid::nil() } else { self.rpid };
            let m = Message { destination: Destination::Client, message_type: t, rpid, pid: guid, data };
            for f in self.fragmenter.fragment(&m.encode()) {
                if !line.is_empty() && line.len() + f.len() > self.line_budget {
                    let payload = std::mem::take(&mut line);
                    self.out.push_back(Packet::Data { stream: Stream::Default, guid, payload }.to_line());
                }
                line.extend(f);
            }
        }
        if !line.is_empty() {
            self.out.push_back(Packet::Data { stream: Stream::Default, guid, payload: line }.to_line());
        }
    }

    /// Takes one line from the client.
    pub fn receive(&mut self, line: &str) {
        self.lines.push(line.to_string());
        match Packet::parse(line, usize::MAX).expect("client sent a valid line") {
            Packet::Control { kind, guid } => self.on_control(kind, guid),
            Packet::Data { guid, payload, .. } => {
                let n = self.in_flight.entry(guid).or_default();
                *n += 1;
                self.max_in_flight = self.max_in_flight.max(*n);
                let ack = Packet::control(Control::DataAck, guid).to_line();
                if !self.late_acks {
                    self.ack(guid, &ack);
                }
                let mut replies = Vec::new();
                for f in parse_fragments(&payload).expect("client fragments parse") {
                    if let Some(bytes) = self.reassembler.push(&guid, &f).expect("client fragments are in sequence") {
                        let m = Message::decode(bytes).expect("client message decodes");
                        assert_eq!(m.destination, Destination::Server);
                        assert_eq!(m.pid, guid, "message PID matches its OutOfProc GUID");
                        replies.extend(self.on_message(guid, m));
                    }
                }
                for (g, msgs) in replies {
                    self.send_all(g, msgs);
                }
                if self.late_acks {
                    self.ack(guid, &ack);
                }
            }
        }
    }

    fn ack(&mut self, guid: Uuid, line: &str) {
        if let Some(n) = self.in_flight.get_mut(&guid) {
            *n = n.saturating_sub(1);
        }
        self.out.push_back(line.to_string());
    }

    fn on_control(&mut self, kind: Control, guid: Uuid) {
        match kind {
            Control::Command => {
                self.pipes.insert(guid, PipeState::Created);
                self.out.push_back(Packet::control(Control::CommandAck, guid).to_line());
            }
            Control::Signal => {
                if matches!(self.pipes.get(&guid), Some(PipeState::Hanging | PipeState::Waiting(_))) {
                    self.pipes.insert(guid, PipeState::Done);
                    let stopped = ms([("PipelineState", PsValue::I32(3)), ("ExceptionAsErrorRecord", stopped_error())]);
                    self.send_all(guid, vec![(MessageType::PipelineState, stopped)]);
                }
                self.out.push_back(Packet::control(Control::SignalAck, guid).to_line());
            }
            Control::Close => {
                if guid.is_nil() {
                    assert!(self.pipes.is_empty(), "pool Close while pipelines are open: {:?}", self.pipes.keys());
                    self.send_all(
                        guid,
                        vec![
                            (MessageType::RunspacePoolState, ms([("RunspaceState", PsValue::I32(4))])),
                            (MessageType::RunspacePoolState, ms([("RunspaceState", PsValue::I32(3))])),
                        ],
                    );
                } else {
                    self.pipes.remove(&guid);
                }
                self.out.push_back(Packet::control(Control::CloseAck, guid).to_line());
            }
            other => panic!("client sent <{}>", other.name()),
        }
    }

    fn on_message(&mut self, guid: Uuid, m: Message) -> Vec<(Uuid, Vec<(MessageType, PsValue)>)> {
        let text = String::from_utf8(m.data.clone()).expect("client body is UTF-8");
        let body = if text.is_empty() {
            PsValue::Null
        } else {
            clixml::from_str_with(&text, &Limits::default(), Some(&self.key as &dyn SecureCipher))
                .expect("client body is valid CLIXML")
        };
        self.log.push((m.message_type, guid, body.clone()));
        match m.message_type {
            MessageType::SessionCapability => {
                self.rpid = m.rpid;
                vec![(guid, vec![(MessageType::SessionCapability, super::pool::session_capability())])]
            }
            MessageType::InitRunspacePool => {
                let table = dictionary(
                    &["System.Management.Automation.PSPrimitiveDictionary", "System.Collections.Hashtable"],
                    vec![("PSVersion".into(), PsValue::Version("7.4.6".into())), ("PSEdition".into(), "Core".into())],
                );
                let data = ms([(
                    "ApplicationPrivateData",
                    dictionary(
                        &["System.Management.Automation.PSPrimitiveDictionary"],
                        vec![("PSVersionTable".into(), table)],
                    ),
                )]);
                vec![(
                    guid,
                    vec![
                        (MessageType::ApplicationPrivateData, data),
                        (MessageType::RunspacePoolState, ms([("RunspaceState", PsValue::I32(2))])),
                    ],
                )]
            }
            MessageType::PublicKey => {
                let blob = prop(&body, "PublicKey").and_then(PsValue::as_str).expect("PublicKey string");
                let enc = encrypt_session_key(blob, &self.key, &mut self.random).expect("public key blob is valid");
                vec![(guid, vec![(MessageType::EncryptedSessionKey, ms([("EncryptedSessionKey", enc.into())]))])]
            }
            MessageType::CreatePipeline => {
                assert!(matches!(self.pipes.get(&guid), Some(PipeState::Created)), "CREATE_PIPELINE before Command");
                let steps: VecDeque<Step> = (self.script)(&body).into();
                let mut msgs = Vec::new();
                if self.send_running {
                    msgs.push((MessageType::PipelineState, ms([("PipelineState", PsValue::I32(1))])));
                }
                self.run(guid, steps, &mut msgs);
                vec![(guid, msgs)]
            }
            MessageType::PipelineHostResponse => {
                let mut msgs = Vec::new();
                if let Some(PipeState::Waiting(rest)) = self.pipes.remove(&guid) {
                    match prop(&body, "me") {
                        Some(me) if !me.is_null() => {
                            self.pipes.insert(guid, PipeState::Done);
                            msgs.push((
                                MessageType::PipelineState,
                                ms([("PipelineState", PsValue::I32(5)), ("ExceptionAsErrorRecord", me.clone())]),
                            ));
                        }
                        _ => self.run(guid, rest, &mut msgs),
                    }
                }
                vec![(guid, msgs)]
            }
            _ => Vec::new(),
        }
    }

    fn run(&mut self, guid: Uuid, mut steps: VecDeque<Step>, msgs: &mut Vec<(MessageType, PsValue)>) {
        while let Some(step) = steps.pop_front() {
            match step {
                Step::Output(v) => msgs.push((MessageType::PipelineOutput, v)),
                Step::Error(v) => msgs.push((MessageType::ErrorRecord, v)),
                Step::Record(t, v) => msgs.push((t, v)),
                Step::HostCall(ci, call) => {
                    msgs.push((MessageType::PipelineHostCall, call));
                    if ci != super::host::VOID_CALL {
                        self.pipes.insert(guid, PipeState::Waiting(steps));
                        return;
                    }
                }
                Step::Hang => {
                    self.pipes.insert(guid, PipeState::Hanging);
                    return;
                }
                Step::Fail(e) => {
                    self.pipes.insert(guid, PipeState::Done);
                    msgs.push((
                        MessageType::PipelineState,
                        ms([("PipelineState", PsValue::I32(5)), ("ExceptionAsErrorRecord", e)]),
                    ));
                    return;
                }
                Step::Raw(line) => self.out.push_back(line),
            }
        }
        self.pipes.insert(guid, PipeState::Done);
        msgs.push((MessageType::PipelineState, ms([("PipelineState", PsValue::I32(4))])));
    }
}

fn stopped_error() -> PsValue {
    psvalue::records::error_record_to_ps(&psvalue::ErrorRecord {
        message: "The pipeline has been stopped.".into(),
        exception_type: Some("System.Management.Automation.PipelineStoppedException".into()),
        fully_qualified_error_id: "PipelineStopped".into(),
        category: 14,
        reason: Some("PipelineStoppedException".into()),
        ..Default::default()
    })
}

/// The command name and arguments of a CREATE_PIPELINE body: `(Cmd, IsScript, [(N, V)])`.
pub fn command_of(body: &PsValue) -> (String, bool, Vec<(Option<String>, PsValue)>) {
    let cmds = prop(prop(body, "PowerShell").expect("PowerShell"), "Cmds").expect("Cmds");
    let cmd = &cmds.items().expect("Cmds list")[0];
    let name = prop(cmd, "Cmd").and_then(PsValue::as_str).expect("Cmd").to_string();
    let is_script = prop(cmd, "IsScript").and_then(PsValue::as_bool).expect("IsScript");
    let args = prop(cmd, "Args")
        .and_then(PsValue::items)
        .unwrap_or(&[])
        .iter()
        .map(|a| {
            (prop(a, "N").and_then(PsValue::as_str).map(String::from), prop(a, "V").cloned().unwrap_or(PsValue::Null))
        })
        .collect();
    (name, is_script, args)
}

/// A client and a server wired together in memory.
pub struct Pair {
    /// The client under test.
    pub client: Client,
    /// The in-memory server.
    pub server: Server,
}

impl Pair {
    /// A pair with the default client configuration.
    pub fn new(server: Server) -> Pair {
        Pair { client: Client::new(ClientConfig::default(), Box::new(seeded(11))), server }
    }

    /// Moves lines both ways until neither side has anything to say; stops at the first client error.
    pub fn drive(&mut self) -> Result<(), ProtocolError> {
        loop {
            let mut moved = false;
            while let Some(line) = self.client.data_to_send() {
                assert!(!line.is_empty() && !line.contains('\n'), "client lines are single, non-empty lines");
                self.server.receive(&line);
                moved = true;
            }
            while let Some(line) = self.server.out.pop_front() {
                self.client.receive_line(&line)?;
                moved = true;
            }
            if !moved {
                return Ok(());
            }
        }
    }

    /// Drains the client's events.
    pub fn events(&mut self) -> Vec<Event> {
        std::iter::from_fn(|| self.client.next_event()).collect()
    }

    /// Opens the pool and returns the events of the open.
    pub fn open(&mut self) -> Vec<Event> {
        self.client.open().expect("open");
        self.drive().expect("open drives");
        self.events()
    }
}

/// An InformationalRecord body (WARNING/VERBOSE/DEBUG).
pub fn informational(message: &str) -> PsValue {
    ms([("InformationalRecord_Message", message.into()), ("InformationalRecord_SerializeInvocationInfo", false.into())])
}

impl Server {
    /// Sends one message from the server, outside any script (for tests of unsolicited messages).
    pub fn send_all_for_test(&mut self, guid: Uuid, t: MessageType, body: PsValue) {
        self.send_all(guid, vec![(t, body)]);
    }
}
