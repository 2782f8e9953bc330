//! mbxctl: convert Exchange mailboxes to shared and back, safely.
//!
//! Layers (dependencies point one way; see docs/ARCHITECTURE.md):
//! `cli` → `workflow` → {`cmdlet`, `exchange`, `shell::Shell`} ← {`lab`, `transport`} → `protocol`.
#![warn(missing_docs)]

pub mod cli;
pub mod cmdlet;
pub mod exchange;
pub mod lab;
pub mod protocol;
pub mod psobject;
pub mod secret;
pub mod shell;
pub mod textio;
pub mod transport;
pub mod workflow;
