//! Transports: a PowerShell child process driven over PSRP (tokio).

pub mod command;
pub mod process;
pub mod profile;
pub mod report;
pub mod session;

pub use process::{ProcessError, find_pwsh, server_args};
pub use profile::{Profile, ProfileError, ProfileKind, SetupStep, config_path, load_profiles, save_profile};
pub use report::{SessionReport, session_report};
pub use session::{ConnectOptions, PsrpShell, Timeouts};
