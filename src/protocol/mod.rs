//! The PSRP protocol core (sans-IO): OutOfProc framing, fragments, messages, CLIXML, runspace pool and pipeline state machines.

pub mod clixml;
pub mod records;
