//! A sans-IO client for the PowerShell Remoting Protocol (MS-PSRP) over the OutOfProc transport: what
//! `pwsh -s` (and `powershell.exe -s`) speak on stdin/stdout.
//!
//! Lines in, events and lines out: the caller owns the process, the clock and the randomness. [`Client`] holds
//! every protocol rule (framing, fragments, acks, runspace-pool and pipeline states, the session-key exchange
//! for SecureStrings); the caller writes what [`Client::data_to_send`] returns to the child's stdin, feeds its
//! stdout to [`Client::receive_data`], and applies its own timeouts around the waits. Ids and key material come
//! from a caller-supplied [`Random`]. Values are [`psvalue`]'s. See README.md and `examples/`.
#![warn(missing_docs)]

pub mod client;
pub mod fragment;
pub mod host;
pub mod message;
pub mod oop;
pub mod pipeline;
pub mod pool;
pub mod random;
pub mod session_key;
#[cfg(test)]
pub(crate) mod testing;

pub use client::{Client, ClientConfig, Event, ProtocolError};
pub use pipeline::{Argument, Command, FinalState, PipelineId};
pub use random::Random;
