//! Replays traffic recorded between mbxctl and a real `pwsh -s` 7.6.10 (shared fixtures,
//! psrp/real-pwsh-7.6.10/, described in fixtures/INDEX.md) through the client, with the recorded pool and
//! pipeline ids supplied by a scripted random source. The fixtures are found under `MBXCTL_SHARED_DIR`
//! (default `<repo>/../shared`).

use std::collections::VecDeque;
use std::path::PathBuf;

use psrp::{Client, ClientConfig, Command, Event, FinalState, ProtocolError, Random};
use psvalue::{PsValue, Secret};
use uuid::Uuid;

/// Hands out the recorded GUIDs in order for 16-byte draws, and seeded bytes for anything else (RSA keys).
struct Scripted {
    ids: VecDeque<Uuid>,
    rest: rand::rngs::StdRng,
}

impl Scripted {
    fn new(ids: &[&str]) -> Scripted {
        Scripted {
            ids: ids.iter().map(|s| Uuid::parse_str(s).unwrap()).collect(),
            rest: rand::SeedableRng::seed_from_u64(5),
        }
    }
}

impl Random for Scripted {
    fn fill(&mut self, dest: &mut [u8]) {
        match self.ids.pop_front() {
            Some(id) if dest.len() == 16 => dest.copy_from_slice(id.as_bytes()),
            Some(id) => {
                self.ids.push_front(id);
                rand::RngCore::fill_bytes(&mut self.rest, dest);
            }
            None => rand::RngCore::fill_bytes(&mut self.rest, dest),
        }
    }
}

fn recorded(name: &str) -> Vec<String> {
    let shared = std::env::var_os("MBXCTL_SHARED_DIR")
        .filter(|d| !d.is_empty())
        .map_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared"), PathBuf::from);
    let path = shared.join("fixtures/psrp/real-pwsh-7.6.10").join(name);
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| {
        panic!("recorded traffic {} is missing ({e}); set MBXCTL_SHARED_DIR to the shared directory", path.display())
    });
    text.lines().filter(|l| !l.trim().is_empty()).map(String::from).collect()
}

fn drain(client: &mut Client) -> Vec<String> {
    std::iter::from_fn(|| client.data_to_send()).collect()
}

fn error_message(e: &PsValue) -> String {
    psvalue::records::error_record(e).message
}

#[test]
fn a_whole_session_test_replays_against_what_real_pwsh_sent() {
    let ids = [
        "52b238a3-d164-4770-aee4-3d1887589231",
        "c7ab4d85-5abf-41c9-9b8a-fe7204d5a6cf",
        "41564409-f89a-468c-b251-b3322498f76b",
        "f81e0e24-05a3-4b4e-a9df-e48ee8b78d32",
    ];
    let mut client = Client::new(ClientConfig::default(), Box::new(Scripted::new(&ids)));
    assert_eq!(client.rpid().to_string(), ids[0]);
    client.open().unwrap();
    let sent = drain(&mut client);
    // The client's first line is what mbxctl sent to the real pwsh, byte for byte.
    assert_eq!(sent, recorded("session-test-no-exchange.client.txt")[..1]);
    let (mut finished, mut version) = (Vec::new(), None);
    for line in recorded("session-test-no-exchange.server.txt") {
        drain(&mut client);
        client.receive_line(&line).unwrap_or_else(|e| panic!("rejected a real pwsh line: {e}\n{line}"));
        while let Some(event) = client.next_event() {
            match event {
                Event::Opened(info) => {
                    version = info.powershell_version.clone();
                    client.create_pipeline(Command::new("Get-ExchangeServer")).unwrap();
                }
                Event::PipelineFinished { state, error, .. } => {
                    finished.push((state, error.as_ref().map(error_message).unwrap_or_default()));
                    if finished.len() < 3 {
                        client.create_pipeline(Command::new("Get-ExchangeServer")).unwrap();
                    } else {
                        client.close().unwrap();
                    }
                }
                Event::Closed => finished.push((FinalState::Completed, "closed".into())),
                other => panic!("unexpected {other:?}"),
            }
        }
    }
    assert_eq!(version.as_deref(), Some("7.6.10"));
    assert_eq!(finished.len(), 4, "{finished:?}");
    for (state, message) in &finished[..3] {
        assert_eq!(*state, FinalState::Failed);
        assert!(message.contains("is not recognized"), "{message}");
    }
    assert_eq!(finished[3].1, "closed");
    assert!(client.failure().is_none());
}

#[test]
fn the_encrypted_session_key_with_an_all_zero_rpid_reaches_the_key_exchange() {
    let ids = ["7fc4649e-540c-4b9f-bc7c-2234074cc710", "c6febd1e-d86a-46c6-953d-a7c135ecb2f4"];
    let mut client = Client::new(ClientConfig::default(), Box::new(Scripted::new(&ids)));
    client.open().unwrap();
    let mut last = Ok(());
    let mut sent_secure = false;
    for line in recorded("prompt-credential-key-exchange.server.txt") {
        drain(&mut client);
        last = client.receive_line(&line);
        if let Err(e) = &last {
            assert!(line.contains("PSGuid='00000000-0000-0000-0000-000000000000'"), "{e}: {line}");
            break;
        }
        while let Some(event) = client.next_event() {
            if let Event::Opened(_) = event {
                let cmd = Command::new("Set-Variable").param("Value", Secret::new("pw"));
                client.create_pipeline(cmd).unwrap();
                sent_secure = true;
            }
        }
    }
    assert!(sent_secure);
    // The recorded key was encrypted for the RSA key of the recorded run, so decrypting it here must fail; what
    // matters is that it failed in the key exchange, not as "a message for another runspace pool" (the bug).
    match last {
        Err(ProtocolError::Key(_)) => {}
        other => panic!("expected the recorded session key to reach decryption, got {other:?}"),
    }
}
