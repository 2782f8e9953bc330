//! Shared by the real-PowerShell suites (`#[path = "data/pwsh/support.rs"] mod support;`): finding the
//! PowerShell to test against, and the test modules under tests/data/pwsh/.
//!
//! The executable is `MBXCTL_TEST_PWSH`, else `<repo>/../shared/tools/pwsh` (the pinned PowerShell 7.6.10 of
//! this project's CI), else `pwsh` on `PATH`. With none of them every test says so loudly and passes without
//! running: users without PowerShell can still run `cargo test`, and CI always has one.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::time::Duration;

use mbxctl::transport::profile::{CommandSpec, Profile, ProfileKind};
use mbxctl::transport::{ConnectOptions, Timeouts};

/// The repository root.
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The PowerShell to test against, or `None` (after a loud notice) when there is none.
pub fn pwsh() -> Option<PathBuf> {
    let from_env = std::env::var_os("MBXCTL_TEST_PWSH").filter(|v| !v.is_empty()).map(PathBuf::from);
    let shared = std::env::var_os("MBXCTL_SHARED_DIR")
        .filter(|v| !v.is_empty())
        .map(PathBuf::from)
        .unwrap_or_else(|| root().join("..").join("shared"));
    let bundled = shared.join("tools").join(if cfg!(windows) { "pwsh.exe" } else { "pwsh" });
    let found =
        from_env.or_else(|| bundled.is_file().then_some(bundled)).or_else(|| mbxctl::transport::find_pwsh(None).ok());
    if found.is_none() {
        eprintln!(
            "\n!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!\n\
             !!! SKIPPED: no PowerShell found for the real-PowerShell tests.                !!!\n\
             !!! Set MBXCTL_TEST_PWSH to pwsh (or powershell.exe), or install pwsh on PATH. !!!\n\
             !!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!\n"
        );
    }
    found
}

/// A module under tests/data/pwsh/, as an absolute path PowerShell can import.
pub fn module(name: &str) -> PathBuf {
    root().join("tests").join("data").join("pwsh").join(name).join(format!("{name}.psm1"))
}

/// A `custom` profile that imports the named test modules, in order.
pub fn profile(name: &str, modules: &[(&str, Option<i64>)]) -> Profile {
    let setup = modules
        .iter()
        .map(|(m, delay)| {
            let mut params = serde_json::Map::new();
            params.insert("Name".into(), module(m).to_string_lossy().into_owned().into());
            if let Some(ms) = delay {
                params.insert("ArgumentList".into(), serde_json::json!([ms.to_string()]));
            }
            CommandSpec { cmdlet: "Import-Module".into(), params }
        })
        .collect();
    Profile { name: name.into(), kind: ProfileKind::Custom { setup } }
}

/// Connect options for `pwsh` with the test module imported, and deadlines a test can wait for.
pub fn options(pwsh: &Path) -> ConnectOptions {
    let mut o = ConnectOptions::new(pwsh);
    o.profile = Some(profile("mbxtest", &[("MbxTest", None)]));
    o.timeouts = Timeouts {
        open: Duration::from_secs(60),
        command: Duration::from_secs(60),
        signal: Duration::from_secs(10),
        close: Duration::from_secs(10),
        setup: Duration::from_secs(60),
    };
    o
}

/// Fails the test when `f` takes longer than `secs` (a hang is a failure, not a stuck CI job).
pub async fn within<T>(secs: u64, f: impl std::future::Future<Output = T>) -> T {
    tokio::time::timeout(Duration::from_secs(secs), f)
        .await
        .unwrap_or_else(|_| panic!("did not finish within {secs} s"))
}

/// Whether a process with this id still exists and is not a zombie (Linux: /proc; elsewhere: unknown, true).
pub fn process_alive(pid: u32) -> bool {
    if cfg!(target_os = "linux") {
        match std::fs::read_to_string(format!("/proc/{pid}/stat")) {
            // The state follows the parenthesised command name: Z is a zombie (exited, not reaped).
            Ok(stat) => stat.rsplit(')').next().is_some_and(|rest| !rest.trim_start().starts_with('Z')),
            Err(_) => false,
        }
    } else {
        true
    }
}

/// Whether a process with this id is a zombie: exited but never reaped by its parent.
pub fn process_zombie(pid: u32) -> bool {
    std::fs::read_to_string(format!("/proc/{pid}/stat"))
        .is_ok_and(|stat| stat.rsplit(')').next().is_some_and(|rest| rest.trim_start().starts_with('Z')))
}

/// Kills a process by id from outside, as an operator or the OOM killer would.
pub fn kill_hard(pid: u32) {
    let status = if cfg!(windows) {
        std::process::Command::new("taskkill").args(["/F", "/PID", &pid.to_string()]).status()
    } else {
        std::process::Command::new("kill").args(["-9", &pid.to_string()]).status()
    };
    assert!(status.is_ok_and(|s| s.success()), "could not kill {pid}");
}
