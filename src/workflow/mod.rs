//! Workflows: pre-flight, convert, batches, audits.
