//! Workflows: pre-flight, convert, batches, audits.

pub mod batch;
