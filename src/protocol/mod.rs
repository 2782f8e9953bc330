//! The PSRP protocol core (sans-IO): OutOfProc framing, fragments, messages, CLIXML, runspace pool and pipeline state machines.

pub mod fragment;
pub mod message;
pub mod oop;
pub mod session_key;
#[cfg(test)]
pub(crate) mod testing;
