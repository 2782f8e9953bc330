//! Tests of the client state machine against the in-memory server (crate::testing).

use super::*;
use crate::testing::{Pair, Server, Step, command_of, informational, seeded};
use psvalue::Secret;

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
                Some((*state, error.as_ref().map(|e| psvalue::records::error_record(e).message)))
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
    assert!(pair.server.lines[0].starts_with("<Data Stream='Default' PSGuid='00000000-0000-0000-0000-000000000000'>"));
    let types: Vec<MessageType> = pair.server.log.iter().map(|(t, _, _)| *t).collect();
    assert_eq!(types, [MessageType::SessionCapability, MessageType::InitRunspacePool]);
    assert!(pair.client.is_idle());
}

#[test]
fn runs_a_typed_command_and_closes_the_pipeline() {
    let mut pair = Pair::new(echo_server());
    pair.open();
    let inv = Command::new("Get-Mailbox").param("Identity", "alice").param("ResultSize", 10).switch("Force");
    let id = pair.client.create_pipeline(&inv).unwrap();
    assert_eq!(pair.client.pipeline_phase(id), Some(PipelinePhase::AwaitingCommandAck));
    pair.drive().unwrap();
    let events = pair.events();
    assert_eq!(outputs(&events), [PsValue::from("Get-Mailbox"), "alice".into(), PsValue::I32(10), PsValue::Bool(true)]);
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
    pair.client.create_pipeline(Command::new("Get-Big")).unwrap();
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
    pair.client = Client::new(
        ClientConfig { max_fragment: 500, max_line_payload: 1000, ..Default::default() },
        Box::new(seeded(1)),
    );
    pair.open();
    let long = "y".repeat(20_000);
    pair.client.create_pipeline(Command::new("Set-Thing").param("Notes", long.as_str())).unwrap();
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
                Step::Error(psvalue::records::error_record_to_ps(&psvalue::ErrorRecord {
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
    pair.client.create_pipeline(Command::new("Get-X")).unwrap();
    pair.drive().unwrap();
    let kinds: Vec<String> = pair
        .events()
        .iter()
        .map(|e| match e {
            Event::Warning { record, .. } => {
                format!("W:{}", psvalue::records::informational_message(record).unwrap())
            }
            Event::Verbose { record, .. } => {
                format!("V:{}", psvalue::records::informational_message(record).unwrap())
            }
            Event::Debug { record, .. } => {
                format!("D:{}", psvalue::records::informational_message(record).unwrap())
            }
            Event::Information { record, .. } => {
                format!("I:{}", psvalue::records::information_text(record).unwrap())
            }
            Event::Progress { .. } => "P".into(),
            Event::ErrorRecord { record, .. } => {
                format!("E:{}", psvalue::records::error_record(record).message)
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
            let mi =
                psvalue::values::enum_value("System.Management.Automation.Remoting.RemoteHostMethodId", 23, "Prompt");
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
    let id = pair.client.create_pipeline(Command::new("Set-Thing")).unwrap();
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
                let e = psvalue::records::error_record_to_ps(&psvalue::ErrorRecord {
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
    pair.client.create_pipeline(Command::new("Throw")).unwrap();
    pair.drive().unwrap();
    assert_eq!(finished(&pair.events()), [(FinalState::Failed, Some("boom".into()))]);
    pair.client.create_pipeline(Command::new("Garbage")).unwrap();
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
    let id = pair.client.create_pipeline(Command::new("Wait-Forever")).unwrap();
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
    let inv = Command::new("Set-Password").param("Password", Secret::new("Tr0ub4dor&3")).param("Plain", "x");
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
    let a = pair.client.create_pipeline(Command::new("A")).unwrap();
    let b = pair.client.create_pipeline(Command::new("B")).unwrap();
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
    assert!(matches!(pair.client.create_pipeline(Command::new("C")), Err(ProtocolError::InvalidState { .. })));
}

#[test]
fn api_misuse_is_refused_before_the_wire() {
    let mut c = Client::new(ClientConfig::default(), Box::new(seeded(3)));
    assert!(matches!(c.create_pipeline(Command::new("X")), Err(ProtocolError::InvalidState { .. })));
    let mut pair = Pair::new(echo_server());
    pair.open();
    assert_eq!(pair.client.data_to_send(), None);
    assert!(matches!(pair.client.open(), Err(ProtocolError::InvalidState { .. })));
}

#[test]
fn server_reported_broken_pool() {
    let mut pair = Pair::new(echo_server());
    pair.open();
    let err = psvalue::records::error_record_to_ps(&psvalue::ErrorRecord {
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
    let id = pair.client.create_pipeline(Command::new("X")).unwrap();
    pair.drive().unwrap();
    pair.events();
    let l = line(&pair.client, id.0);
    let err = pair.client.receive_line(&l).unwrap_err().to_string();
    assert!(matches!(pair.events().last(), Some(Event::PoolBroken { .. })));
    assert!(matches!(pair.client.receive_line(&l), Err(ProtocolError::Broken(_))));
    assert!(matches!(pair.client.create_pipeline(Command::new("Y")), Err(ProtocolError::Broken(_))));
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
            // Session-level messages may carry an all-zero RPID (as real pwsh sends them), never another pool's.
            Box::new(move |_, _| {
                data_line(
                    Uuid::nil(),
                    MessageType::EncryptedSessionKey,
                    other,
                    Uuid::nil(),
                    Destination::Client,
                    "<Nil />",
                )
            }),
            "EncryptedSessionKey for runspace pool 00000000-0000-0000-0000-000000000007",
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
    let id = pair.client.create_pipeline(Command::new("A")).unwrap();
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

    let mut c = Client::new(ClientConfig { max_line: 100, ..Default::default() }, Box::new(seeded(2)));
    c.open().unwrap();
    let err = c.receive_data(&[b'<'; 101]).unwrap_err();
    assert!(matches!(err, ProtocolError::Oop(OopError::TooLong { len: 101, max: 100 })));
    let mut c = Client::new(ClientConfig::default(), Box::new(seeded(3)));
    c.open().unwrap();
    assert!(c.receive_data(b"\xff\xfe\n").unwrap_err().to_string().contains("not UTF-8"));
}

mod fuzz {
    use super::*;
    use proptest::prelude::*;

    fn opened() -> Pair {
        let mut pair = Pair::new(echo_server());
        pair.open();
        pair.client.create_pipeline(Command::new("X")).unwrap();
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

#[test]
fn an_undecodable_output_object_arrives_raw_and_the_session_carries_on() {
    let mut pair = Pair::new(Server::new(fragment::MAX_FRAGMENT_SIZE, Box::new(|_| vec![Step::Hang])));
    pair.open();
    let id = pair.client.create_pipeline(Command::new("Get-Odd")).unwrap();
    pair.drive().unwrap();
    pair.events();
    let odd = "<Obj RefId=\"0\"><Bogus /></Obj>";
    let line = data_line(id.0, MessageType::PipelineOutput, pair.client.rpid(), id.0, Destination::Client, odd);
    pair.client.receive_line(&line).unwrap();
    let events = pair.events();
    let [Event::PipelineOutput { value, .. }] = events.as_slice() else { panic!("{events:?}") };
    let o = value.as_object().unwrap();
    assert_eq!(o.type_names[0], UNDECODED_TYPE);
    assert_eq!(o.get(UNDECODED_CLIXML).and_then(PsValue::as_str), Some(odd));
    assert!(o.to_string.as_deref().unwrap().contains("Bogus"), "{o:?}");
    assert!(pair.client.failure().is_none());
    // The session still works.
    let state4 = r#"<Obj RefId="0"><MS><I32 N="PipelineState">4</I32></MS></Obj>"#;
    let done = data_line(id.0, MessageType::PipelineState, pair.client.rpid(), id.0, Destination::Client, state4);
    pair.client.receive_line(&done).unwrap();
    assert_eq!(finished(&pair.events()), [(FinalState::Completed, None)]);
}
