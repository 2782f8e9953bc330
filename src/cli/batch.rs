//! Batches: `convert --from`, `runs`, `resume`, `rollback` (being written on branch `batchcli`).

use super::output::{CliError, CliResult};
use super::{Cli, ConvertArgs, ResumeArgs, RollbackArgs, RunsCommand};

fn pending() -> CliError {
    CliError::Failed("batches are not available in this build".into())
}

/// `convert --from FILE`.
pub async fn convert_from(_cli: &Cli, _args: &ConvertArgs, _from: &str) -> CliResult {
    Err(pending())
}

/// `runs list|show`.
pub fn runs(_cli: &Cli, _cmd: &RunsCommand) -> CliResult {
    Err(pending())
}

/// `resume ID`.
pub async fn resume(_cli: &Cli, _args: &ResumeArgs) -> CliResult {
    Err(pending())
}

/// `rollback ID`.
pub async fn rollback(_cli: &Cli, _args: &RollbackArgs) -> CliResult {
    Err(pending())
}
