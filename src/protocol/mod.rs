//! The PSRP protocol core (sans-IO): OutOfProc framing, fragments, messages, CLIXML, runspace pool and pipeline state machines.

pub mod client;
pub mod clixml;
pub mod fragment;
pub mod host;
pub mod message;
pub mod oop;
pub mod pipeline;
pub mod pool;
pub mod records;
pub mod session_key;
#[cfg(test)]
pub(crate) mod testing;
pub mod values;

pub use client::{Client, ClientConfig, Event, ProtocolError};
pub use pipeline::{FinalState, PipelineId};
