//! Runbook-scale batches: reading the mailbox list, the crash-safe run journal, the run store
//! (list, show, export, resume and rollback planning) and the session pool that works through
//! the items with several Exchange sessions at once.
//!
//! The per-item work (pre-flight, convert, grant, verify) is the caller's worker; this module
//! owns ordering, concurrency, throttling, recovery and the record of what happened.

pub mod cancel;
pub mod claims;
pub mod input;
pub mod join;
pub mod journal;
pub mod plan;
pub mod pool;
pub mod prepare;
pub mod progress;
pub mod rollback;
pub mod runs;
pub mod sessions;
pub mod single;
pub mod view;
pub mod worker;

pub use input::{
    BatchInput, BatchItem, InputFormat, ResolvedKey, RowDefaults, RowProblem, TargetType, find_duplicates_resolved,
    read_batch,
};
pub use journal::{
    Event, FailureKind, GrantKind, ItemState, Journal, JournalError, RunHeader, RunState, TargetKind, read_journal,
};
pub use pool::{Failure, ItemOutcome, PoolOptions, PoolReport, WorkItem, run_pool};
pub use progress::{FinalOutcome, FinishedItem, Progress, ProgressMode};
pub use runs::{
    ResumeAction, ResumeKind, RollbackAction, RunDetail, RunSummary, list_runs, plan_resume, plan_rollback, show_run,
};
