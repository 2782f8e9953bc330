//! Finding the real PowerShell and the shared test material, for the tests that run real pwsh
//! (`tests/standin_e2e.rs`, `tests/module_pester.rs`; included with `#[path]`).
//!
//! PowerShell: `MBXCTL_TEST_PWSH`, else `<shared>/tools/pwsh`, else `pwsh` on `PATH`, where
//! `<shared>` is `MBXCTL_SHARED_DIR` or `<repo>/../shared`. A test without any of them says so
//! loudly on stderr and passes, so contributors without PowerShell can still run the suite; CI
//! sets `MBXCTL_REQUIRE_PWSH=1` to turn that into a failure.
#![allow(dead_code)]

use std::path::PathBuf;

/// The repository root.
pub fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The shared test material: `MBXCTL_SHARED_DIR`, default `<repo>/../shared`.
pub fn shared_dir() -> PathBuf {
    match std::env::var_os("MBXCTL_SHARED_DIR").filter(|v| !v.is_empty()) {
        Some(d) => PathBuf::from(d),
        None => repo().join("..").join("shared"),
    }
}

/// The PowerShell to test against, or `None` (after a loud notice) when there is none.
pub fn find_test_pwsh(test: &str) -> Option<PathBuf> {
    if let Some(p) = std::env::var_os("MBXCTL_TEST_PWSH").filter(|v| !v.is_empty()) {
        let p = PathBuf::from(p);
        assert!(p.is_file(), "MBXCTL_TEST_PWSH names {}, which is not a file", p.display());
        return Some(p);
    }
    let name = if cfg!(windows) { "pwsh.exe" } else { "pwsh" };
    let shared = shared_dir().join("tools").join(name);
    if shared.is_file() {
        return Some(shared);
    }
    if let Ok(p) = mbxctl::transport::process::find_pwsh_in(None, None, std::env::var_os("PATH").as_deref()) {
        return Some(p);
    }
    let notice = format!(
        "\n==========================================================================\n\
         SKIPPED {test}: no real PowerShell found.\n\
         Set MBXCTL_TEST_PWSH to a pwsh (7.x) executable, or put pwsh on PATH.\n\
         ==========================================================================\n"
    );
    assert!(std::env::var_os("MBXCTL_REQUIRE_PWSH").is_none(), "{notice}(MBXCTL_REQUIRE_PWSH is set)");
    eprintln!("{notice}");
    None
}

/// An mbxctl run's exit code and both streams, for assertion messages.
pub fn text(o: &std::process::Output) -> String {
    format!(
        "exit {:?}\nstdout:\n{}\nstderr:\n{}",
        o.status.code(),
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    )
}

/// Standard output as one JSON document.
pub fn json_doc(o: &std::process::Output) -> serde_json::Value {
    serde_json::from_slice(&o.stdout).unwrap_or_else(|e| panic!("not JSON ({e}):\n{}", text(o)))
}

/// Standard output as JSON Lines (a batch's items and summary).
pub fn json_lines(o: &std::process::Output) -> Vec<serde_json::Value> {
    String::from_utf8_lossy(&o.stdout)
        .lines()
        .filter(|l| l.trim_start().starts_with('{'))
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("line not JSON ({e}): {l}")))
        .collect()
}

/// The account this process runs as, as `whoami` reports it without the domain: the account
/// `session test` checks the roles of when a profile has no credential.
pub fn local_account() -> String {
    let o = std::process::Command::new("whoami").output().expect("whoami");
    let text = String::from_utf8_lossy(&o.stdout).trim().to_string();
    text.rsplit(['\\', '/']).next().unwrap_or_default().to_string()
}

/// The stand-in's organisation file (`MBXCTL_STANDIN_ORG`), as JSON.
pub fn read_org(path: &std::path::Path) -> serde_json::Value {
    serde_json::from_slice(&std::fs::read(path).unwrap()).expect("org.json")
}

/// Writes the stand-in's organisation file.
pub fn write_org(path: &std::path::Path, org: &serde_json::Value) {
    std::fs::write(path, serde_json::to_vec_pretty(org).unwrap()).unwrap();
}

/// The organisation's on-premises recipients by alias.
pub fn recipients(org: &serde_json::Value) -> std::collections::BTreeMap<String, serde_json::Value> {
    org["OnPremises"]["Recipients"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|r| Some((r["Alias"].as_str()?.to_string(), r.clone())))
        .collect()
}
