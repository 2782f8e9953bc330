//! The PSRP protocol core, re-exported.
//!
//! Compatibility re-exports: since the crate split the sans-IO protocol lives in `crates/psrp` and the
//! CLIXML reader/writer, records and value helpers in the values floor `crates/psvalue`. These modules keep
//! every `crate::protocol::…` path compiling; new code may name `psrp` and `psvalue` directly.

pub use psrp::{client, fragment, host, message, oop, pool, random, session_key};
pub use psvalue::{clixml, records, values};

/// Pipelines: the protocol crate's command type and states, plus the conversion from a cmdlet
/// [`crate::cmdlet::Invocation`] (which lives in the transport).
pub mod pipeline {
    pub use crate::transport::command::{argument_value, needs_session_key, to_command};
    pub use psrp::pipeline::*;
}

pub use psrp::{Client, ClientConfig, Event, FinalState, PipelineId, ProtocolError};
