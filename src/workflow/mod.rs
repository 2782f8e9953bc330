//! Workflows: pre-flight, convert, batches, audits. They know the cmdlet model, the Exchange
//! types and the `Shell` trait, never whether they talk to the lab or to PowerShell.

pub mod audit;
pub mod batch;
pub mod checks;
pub mod convert;
pub mod disconnected;
pub mod exec;
pub mod inspect;
pub mod outcome;
pub mod remote;
mod steps;
