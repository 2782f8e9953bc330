//! PowerShell's values, the ground floor of mbxctl: the object model ([`PsValue`], [`PsObject`]), CLIXML
//! (read and write), error records and the error categories, and [`Secret`] for passwords.
//!
//! This crate knows nothing above it: no protocol, no cmdlet model, no I/O. Everything that reads or writes
//! PowerShell objects (the PSRP protocol crate, the lab, the workflows) builds on it, so the arrows point one
//! way (docs/ARCHITECTURE.md).
#![warn(missing_docs)]

pub mod clixml;
pub mod object;
pub mod records;
pub mod secret;
pub mod values;

pub use object::{Container, Property, PsObject, PsValue, TypeNames};
pub use records::{ERROR_CATEGORIES, ErrorRecord, error_category_name};
pub use secret::Secret;
