//! PSRP messages (MS-PSRP 2.2.1): the 40-byte header in front of the CLIXML body.
//!
//! Destination and message type are little-endian u32; the runspace-pool and pipeline ids are GUIDs in .NET
//! `Guid.ToByteArray()` order, which is what `uuid`'s `to_bytes_le` produces (PowerShell `RemotingDataObject.cs`).
//! pwsh writes the body with a UTF-8 byte-order mark; it is stripped on receive and never sent.

use uuid::Uuid;

/// Size of the message header.
pub const HEADER_LEN: usize = 40;
const BOM: &[u8] = b"\xEF\xBB\xBF";

/// Who a message is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Destination {
    /// The client (1).
    Client,
    /// The server (2).
    Server,
}

impl Destination {
    fn value(self) -> u32 {
        match self {
            Destination::Client => 1,
            Destination::Server => 2,
        }
    }
}

macro_rules! message_types {
    ($($name:ident = $value:literal, $doc:literal;)*) => {
        /// PSRP message types (MS-PSRP 2.2.1, PowerShell `RemotingDataType`).
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum MessageType {
            $(#[doc = $doc] $name,)*
        }

        impl MessageType {
            /// The wire value.
            pub fn value(self) -> u32 {
                match self { $(MessageType::$name => $value,)* }
            }

            /// The type for a wire value, if known.
            pub fn from_value(v: u32) -> Option<Self> {
                match v { $($value => Some(MessageType::$name),)* _ => None }
            }
        }
    };
}

message_types! {
    SessionCapability = 0x0001_0002, "SESSION_CAPABILITY: versions, first message each way.";
    InitRunspacePool = 0x0001_0004, "INIT_RUNSPACEPOOL: client opens the pool.";
    PublicKey = 0x0001_0005, "PUBLIC_KEY: the client's RSA key for the session-key exchange.";
    EncryptedSessionKey = 0x0001_0006, "ENCRYPTED_SESSION_KEY: the server's AES key, RSA-encrypted.";
    PublicKeyRequest = 0x0001_0007, "PUBLIC_KEY_REQUEST: the server asks for PUBLIC_KEY.";
    ConnectRunspacePool = 0x0001_0008, "CONNECT_RUNSPACEPOOL (disconnected sessions; unused).";
    SetMaxRunspaces = 0x0002_1002, "SET_MAX_RUNSPACES.";
    SetMinRunspaces = 0x0002_1003, "SET_MIN_RUNSPACES.";
    RunspaceAvailability = 0x0002_1004, "RUNSPACE_AVAILABILITY: answer to SET_MAX/MIN, GET_AVAILABLE.";
    RunspacePoolState = 0x0002_1005, "RUNSPACEPOOL_STATE.";
    CreatePipeline = 0x0002_1006, "CREATE_PIPELINE.";
    GetAvailableRunspaces = 0x0002_1007, "GET_AVAILABLE_RUNSPACES.";
    UserEvent = 0x0002_1008, "USER_EVENT.";
    ApplicationPrivateData = 0x0002_1009, "APPLICATION_PRIVATE_DATA: server data (PSVersionTable) sent on open.";
    GetCommandMetadata = 0x0002_100A, "GET_COMMAND_METADATA.";
    RunspacePoolInitData = 0x0002_100B, "RUNSPACEPOOL_INIT_DATA.";
    ResetRunspaceState = 0x0002_100C, "RESET_RUNSPACE_STATE.";
    RunspacePoolHostCall = 0x0002_1100, "RUNSPACEPOOL_HOST_CALL.";
    RunspacePoolHostResponse = 0x0002_1101, "RUNSPACEPOOL_HOST_RESPONSE.";
    PipelineInput = 0x0004_1002, "PIPELINE_INPUT.";
    EndOfPipelineInput = 0x0004_1003, "END_OF_PIPELINE_INPUT (empty body).";
    PipelineOutput = 0x0004_1004, "PIPELINE_OUTPUT: one output object; empty body is $null.";
    ErrorRecord = 0x0004_1005, "ERROR_RECORD.";
    PipelineState = 0x0004_1006, "PIPELINE_STATE.";
    DebugRecord = 0x0004_1007, "DEBUG_RECORD.";
    VerboseRecord = 0x0004_1008, "VERBOSE_RECORD.";
    WarningRecord = 0x0004_1009, "WARNING_RECORD.";
    ProgressRecord = 0x0004_1010, "PROGRESS_RECORD.";
    InformationRecord = 0x0004_1011, "INFORMATION_RECORD.";
    PipelineHostCall = 0x0004_1100, "PIPELINE_HOST_CALL.";
    PipelineHostResponse = 0x0004_1101, "PIPELINE_HOST_RESPONSE.";
}

/// Which object a message is for: PowerShell's `RemotingTargetInterface`, read from the message type's bits.
///
/// The target decides which runspace-pool id a message carries. PowerShell's server sends the session-level
/// messages (SESSION_CAPABILITY, PUBLIC_KEY_REQUEST, ENCRYPTED_SESSION_KEY) with an all-zero RPID, because the
/// session exists before and apart from the pool, and its client routes them without looking at the RPID; pool
/// and pipeline messages carry the client's pool id (docs/psrp-notes.md, "Ids in the message header").
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target {
    /// The session (type bits 0x0001_0000).
    Session,
    /// The runspace pool (type bits 0x0002_1000).
    RunspacePool,
    /// A pipeline (type bits 0x0004_1000).
    Pipeline,
}

impl MessageType {
    /// The object this message type addresses (PowerShell tests the pipeline mask first, then the pool's).
    pub fn target(self) -> Target {
        let v = self.value();
        if v & 0x0004_1000 == 0x0004_1000 {
            Target::Pipeline
        } else if v & 0x0002_1000 == 0x0002_1000 {
            Target::RunspacePool
        } else {
            Target::Session
        }
    }
}

/// A message header plus its body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Message {
    /// Who it is for.
    pub destination: Destination,
    /// What it is.
    pub message_type: MessageType,
    /// Runspace pool id.
    pub rpid: Uuid,
    /// Pipeline id; nil for pool messages.
    pub pid: Uuid,
    /// UTF-8 CLIXML (without a byte-order mark), possibly empty.
    pub data: Vec<u8>,
}

/// A message that cannot be decoded.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum MessageError {
    /// Shorter than the header.
    #[error("PSRP message of {0} bytes is shorter than its 40-byte header")]
    Short(usize),
    /// Destination is neither 1 nor 2.
    #[error("PSRP message has invalid destination {0} (expected 1 = client or 2 = server)")]
    Destination(u32),
    /// Unknown type.
    #[error("unknown PSRP message type {0:#010x}")]
    UnknownType(u32),
}

impl Message {
    /// Encodes header and body.
    pub fn encode(&self) -> Vec<u8> {
        let mut out = Vec::with_capacity(HEADER_LEN + self.data.len());
        out.extend_from_slice(&self.destination.value().to_le_bytes());
        out.extend_from_slice(&self.message_type.value().to_le_bytes());
        out.extend_from_slice(&self.rpid.to_bytes_le());
        out.extend_from_slice(&self.pid.to_bytes_le());
        out.extend_from_slice(&self.data);
        out
    }

    /// Decodes a reassembled object, stripping the body's UTF-8 byte-order mark if present.
    pub fn decode(mut bytes: Vec<u8>) -> Result<Message, MessageError> {
        if bytes.len() < HEADER_LEN {
            return Err(MessageError::Short(bytes.len()));
        }
        let u32_at = |i: usize| u32::from_le_bytes([bytes[i], bytes[i + 1], bytes[i + 2], bytes[i + 3]]);
        let guid_at = |i: usize| {
            let mut g = [0u8; 16];
            g.copy_from_slice(&bytes[i..i + 16]);
            Uuid::from_bytes_le(g)
        };
        let destination = match u32_at(0) {
            1 => Destination::Client,
            2 => Destination::Server,
            d => return Err(MessageError::Destination(d)),
        };
        let raw_type = u32_at(4);
        let message_type = MessageType::from_value(raw_type).ok_or(MessageError::UnknownType(raw_type))?;
        let rpid = guid_at(8);
        let pid = guid_at(24);
        let body_start = if bytes[HEADER_LEN..].starts_with(BOM) { HEADER_LEN + BOM.len() } else { HEADER_LEN };
        bytes.drain(..body_start);
        Ok(Message { destination, message_type, rpid, pid, data: bytes })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fragment::parse_fragments;
    use crate::oop::Packet;

    #[test]
    fn decodes_the_real_pwsh_pipeline_state() {
        let text = std::fs::read_to_string(crate::testing::fixture("psrp/oop-pwsh-packets-5lines.txt")).unwrap();
        let line = text.lines().next().unwrap();
        let Packet::Data { payload, .. } = Packet::parse(line, 1 << 20).unwrap() else { panic!("not data") };
        let frags = parse_fragments(&payload).unwrap();
        assert_eq!((frags[0].object_id, frags[0].fragment_id, frags[0].start, frags[0].end), (4, 0, true, true));
        let m = Message::decode(frags[0].blob.to_vec()).unwrap();
        assert_eq!(m.destination, Destination::Client);
        assert_eq!(m.message_type, MessageType::PipelineState);
        assert_eq!(m.rpid.to_string(), "a6fa5eaf-2efa-4b3e-806f-7be252a39be9");
        assert_eq!(m.pid.to_string(), "6e6e7727-08b7-4440-855f-6e417c17511c");
        assert_eq!(
            String::from_utf8(m.data).unwrap(),
            r#"<Obj RefId="0"><MS><I32 N="PipelineState">4</I32></MS></Obj>"#
        );
    }

    #[test]
    fn round_trips_with_dotnet_guid_order() {
        let rpid = Uuid::parse_str("a6fa5eaf-2efa-4b3e-806f-7be252a39be9").unwrap();
        let m = Message {
            destination: Destination::Server,
            message_type: MessageType::ProgressRecord,
            rpid,
            pid: Uuid::nil(),
            data: b"<S>x</S>".to_vec(),
        };
        let bytes = m.encode();
        assert_eq!(&bytes[0..8], &[2, 0, 0, 0, 0x10, 0x10, 0x04, 0x00]);
        assert_eq!(&bytes[8..12], &[0xaf, 0x5e, 0xfa, 0xa6]);
        assert_eq!(Message::decode(bytes).unwrap(), m);
    }

    #[test]
    fn every_type_has_the_target_powershell_gives_it() {
        use MessageType as M;
        for t in [M::SessionCapability, M::InitRunspacePool, M::PublicKey, M::EncryptedSessionKey, M::PublicKeyRequest]
        {
            assert_eq!(t.target(), Target::Session, "{t:?}");
        }
        assert_eq!(M::ConnectRunspacePool.target(), Target::Session);
        for t in [M::SetMaxRunspaces, M::RunspacePoolState, M::CreatePipeline, M::RunspacePoolHostCall] {
            assert_eq!(t.target(), Target::RunspacePool, "{t:?}");
        }
        for t in [M::PipelineOutput, M::ErrorRecord, M::PipelineState, M::ProgressRecord, M::PipelineHostResponse] {
            assert_eq!(t.target(), Target::Pipeline, "{t:?}");
        }
    }

    #[test]
    fn rejects_bad_headers() {
        assert_eq!(Message::decode(vec![0; 39]), Err(MessageError::Short(39)));
        let mut b = vec![0; 40];
        assert_eq!(Message::decode(b.clone()), Err(MessageError::Destination(0)));
        b[0] = 1;
        assert_eq!(Message::decode(b.clone()), Err(MessageError::UnknownType(0)));
        b[4..8].copy_from_slice(&0x0004_1004u32.to_le_bytes());
        assert_eq!(Message::decode(b).unwrap().data, Vec::<u8>::new());
    }
}
