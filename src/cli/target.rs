//! What a command runs against, said before anything else (issue #12: a runbook that inherits
//! `MBXCTL_LAB` must never report "converted" without saying it touched the LAB, and the reverse).
//!
//! The target is worked out from the command line alone — before any session opens — so even a
//! command that stops early (a usage error, a run with nothing to do) names it: every JSON
//! document carries it as `target`, and human output starts with it.

use super::Cli;
use serde_json::{Value, json};
use std::sync::OnceLock;

static TARGET: OnceLock<Value> = OnceLock::new();

/// What the command line points at, as JSON: the LAB and its directory, or the PowerShell that
/// will be started with its profile(s). Credentials are never part of it.
pub fn planned(cli: &Cli) -> Value {
    match super::connect::lab_dir(cli) {
        Some(dir) => json!({
            "kind": "lab",
            "target": format!("LAB {} (simulated Exchange organisation)", dir.display()),
            "lab_dir": dir,
            "production": false,
        }),
        None => {
            let pwsh = cli.pwsh.as_ref().map(|p| p.display().to_string());
            let mut parts = Vec::new();
            if let Some(p) = &cli.profile {
                parts.push(format!("profile '{p}'"));
            }
            if let Some(p) = cli.cloud_profile.as_ref().filter(|p| !p.eq_ignore_ascii_case("none")) {
                parts.push(format!("cloud profile '{p}'"));
            }
            parts.push(format!("PowerShell {}", pwsh.as_deref().unwrap_or("found on PATH")));
            json!({
                "kind": "psrp",
                "target": format!("Exchange Management Shell: {}", parts.join(", ")),
                "profile": cli.profile,
                "cloud_profile": cli.cloud_profile,
                "pwsh": pwsh,
                "production": true,
            })
        }
    }
}

/// Records the command's target once, for [`inject`]. Commands that never touch an organisation
/// (`validate`, `render`, `cmdlets`, `profile`) do not call it, and their documents have no target.
pub fn set(cli: &Cli) {
    let _ = TARGET.set(planned(cli));
}

/// Adds `target` to a JSON document (an object) that does not say it already.
pub fn inject(mut doc: Value) -> Value {
    if let (Some(t), Some(obj)) = (TARGET.get(), doc.as_object_mut())
        && !obj.contains_key("target")
    {
        obj.insert("target".into(), t.clone());
    }
    doc
}

/// The one-line header for people, when a command's output does not start with the banner of
/// the session it opened (it stopped before opening one).
pub fn header() -> Option<String> {
    let t = TARGET.get()?;
    let text = t["target"].as_str()?;
    if t["kind"] == "lab" {
        // The same banner a LAB session prints.
        let info = crate::shell::ShellInfo {
            kind: crate::shell::ShellKind::Lab,
            target: text.to_string(),
            side: crate::shell::Side::OnPremises,
        };
        Some(super::output::banner(&info))
    } else {
        Some(format!("{text}\n"))
    }
}
