//! `mbxctl lab ...`: create, import, show, fault-inject, audit and sync the simulated organisation.

use super::connect::{default_lab_dir, ensure_lab, lab_dir, lab_exists};
use super::output::{CliError, CliResult, ExitCode, SCHEMA_VERSION, print_json};
use super::output::{say, sayln};
use super::table::Table;
use super::{Cli, FaultArgs, LabCommand};
use crate::lab::{self, Faults, InitOptions};
use std::path::PathBuf;
use std::time::Duration;

fn dir(cli: &Cli) -> PathBuf {
    lab_dir(cli).unwrap_or_else(default_lab_dir)
}

fn lab_err(dir: &std::path::Path) -> impl Fn(lab::LabError) -> CliError + '_ {
    move |e| CliError::Session(format!("LAB at {}: {e}", dir.display()))
}

/// Parses `200ms`, `1s`, `1.5s`, `2m` or a plain number of milliseconds.
pub fn parse_duration(text: &str) -> Result<Duration, String> {
    let t = text.trim().to_ascii_lowercase();
    let (num, unit) = t.find(|c: char| c.is_ascii_alphabetic()).map_or((t.as_str(), "ms"), |i| (&t[..i], &t[i..]));
    let n: f64 = num.trim().parse().map_err(|_| format!("'{text}' is not a duration (e.g. 200ms, 1s, 2m)"))?;
    let ms = match unit {
        "ms" => n,
        "s" | "sec" => n * 1000.0,
        "m" | "min" => n * 60_000.0,
        _ => return Err(format!("'{text}': unknown unit '{unit}' (use ms, s or m)")),
    };
    if !(0.0..=3_600_000.0).contains(&ms) {
        return Err(format!("'{text}' is out of range (0 to 1 hour)"));
    }
    Ok(Duration::from_millis(ms as u64))
}

/// Runs a `lab` subcommand.
pub async fn run(cli: &Cli, cmd: &LabCommand) -> CliResult {
    let dir = dir(cli);
    let err = lab_err(&dir);
    if matches!(cmd, LabCommand::Show | LabCommand::Faults(_) | LabCommand::Audit | LabCommand::Sync) {
        ensure_lab(&dir)?;
    }
    match cmd {
        LabCommand::Init { users, force } => {
            if lab_exists(&dir) && !force {
                return Err(CliError::Usage(format!(
                    "a LAB already exists at {}; add --force to replace it (its state and audit log are lost)",
                    dir.display()
                )));
            }
            let summary = lab::init(&dir, InitOptions { users: *users }).map_err(&err)?;
            if cli.json {
                print_json(&serde_json::json!({"schema_version": SCHEMA_VERSION, "lab": dir, "summary": summary}))?;
            } else {
                sayln!("LAB created at {}\n{summary}", dir.display());
            }
        }
        LabCommand::Import { file } => {
            let bytes =
                std::fs::read(file).map_err(|e| CliError::Usage(format!("cannot read {}: {e}", file.display())))?;
            let text =
                crate::textio::decode(&bytes).map_err(|e| CliError::Usage(format!("{}: {e}", file.display())))?;
            let summary = lab::import(&dir, &text).map_err(|e| CliError::Usage(format!("{}: {e}", file.display())))?;
            if cli.json {
                print_json(&serde_json::json!({"schema_version": SCHEMA_VERSION, "lab": dir, "summary": summary}))?;
            } else {
                sayln!("LAB imported from {} into {}\n{summary}", file.display(), dir.display());
            }
        }
        LabCommand::Show => {
            if cli.json {
                let mut v = lab::show(&dir).map_err(&err)?;
                if let Some(o) = v.as_object_mut() {
                    o.insert("schema_version".into(), SCHEMA_VERSION.into());
                }
                print_json(&v)?;
            } else {
                sayln!("{}\n({})", lab::summary(&dir).map_err(&err)?, dir.display());
            }
        }
        LabCommand::Faults(args) => return faults(cli, &dir, args),
        LabCommand::Audit => {
            let log = lab::audit_log(&dir).map_err(&err)?;
            if cli.json {
                print_json(&serde_json::json!({"schema_version": SCHEMA_VERSION, "lab": dir, "entries": log}))?;
            } else {
                let rows: Vec<Vec<String>> = log
                    .iter()
                    .map(|e| {
                        let params: Vec<String> =
                            e.cmdlet_parameters.iter().map(|p| format!("-{} {}", p.name, p.value)).collect();
                        vec![
                            e.run_date.clone(),
                            format!("{:?}", e.side),
                            e.cmdlet_name.clone(),
                            e.object_modified.clone(),
                            if e.succeeded {
                                "ok".into()
                            } else {
                                format!("failed: {}", e.error.clone().unwrap_or_default())
                            },
                            params.join(" "),
                        ]
                    })
                    .collect();
                sayln!("LAB admin audit log ({}): {} entries", dir.display(), log.len());
                say!(
                    "{}",
                    Table::new(&["RUN DATE", "SIDE", "CMDLET", "OBJECT", "RESULT", "PARAMETERS"])
                        .rows(&rows)
                        .status(4)
                        .render()
                );
            }
        }
        LabCommand::Sync => {
            let report = lab::sync(&dir).map_err(&err)?;
            if cli.json {
                print_json(&serde_json::json!({"schema_version": SCHEMA_VERSION, "lab": dir, "sync": report}))?;
            } else {
                sayln!(
                    "LAB directory sync (on-premises wins, one way): {} change(s), {} unchanged",
                    report.changes.len(),
                    report.unchanged
                );
                for c in &report.changes {
                    sayln!(
                        "  {}: {} → {}{}  {}",
                        c.identity,
                        c.from,
                        c.to,
                        if c.licensed { "" } else { " (unlicensed)" },
                        c.message
                    );
                }
                for p in &report.provisioned {
                    sayln!("  provisioned in Exchange Online: {p}");
                }
            }
        }
    }
    Ok(ExitCode::Done)
}

fn faults(cli: &Cli, dir: &std::path::Path, a: &FaultArgs) -> CliResult {
    let err = lab_err(dir);
    let nothing = a.latency.is_none()
        && a.throttle_every.is_none()
        && a.throttle_wait.is_none()
        && a.break_after.is_none()
        && a.fail.is_empty();
    if a.clear {
        if !nothing {
            return Err(CliError::Usage("--clear removes every fault; give it alone".into()));
        }
        lab::clear_faults(dir).map_err(&err)?;
    } else if !nothing {
        let mut f = lab::faults(dir).map_err(&err)?;
        if let Some(l) = &a.latency {
            f.latency = Some(parse_duration(l).map_err(|e| CliError::Usage(format!("--latency {e}")))?);
        }
        if let Some(n) = a.throttle_every {
            if n == 0 {
                return Err(CliError::Usage("--throttle-every must be at least 1".into()));
            }
            f.throttle_every = Some(n);
        }
        if let Some(n) = a.throttle_wait {
            f.throttle_wait_seconds = Some(n);
        }
        if let Some(n) = a.break_after {
            f.break_after = Some(n);
        }
        for id in &a.fail {
            if !f.fail.iter().any(|x| x.eq_ignore_ascii_case(id)) {
                f.fail.push(id.clone());
            }
        }
        lab::set_faults(dir, f).map_err(&err)?;
    }
    let f: Faults = lab::faults(dir).map_err(&err)?;
    if cli.json {
        print_json(&serde_json::json!({"schema_version": SCHEMA_VERSION, "lab": dir, "faults": f}))?;
    } else if f.is_empty() {
        sayln!("LAB faults: none");
    } else {
        sayln!("LAB faults in force:");
        if let Some(l) = f.latency {
            sayln!("  latency per cmdlet: {} ms", l.as_millis());
        }
        if let Some(n) = f.throttle_every {
            sayln!(
                "  every {} cmdlet is throttled (asks to wait {} s)",
                ordinal(n),
                f.throttle_wait_seconds.unwrap_or(lab::THROTTLE_WAIT_SECONDS)
            );
        }
        if let Some(n) = f.break_after {
            sayln!("  a session breaks after {n} cmdlets");
        }
        for id in &f.fail {
            sayln!("  changes to '{id}' fail (access denied)");
        }
    }
    Ok(ExitCode::Done)
}

/// `1st`, `2nd`, `3rd`, `4th`, `11th`, `12th`, `13th`, `21st`, ...; "every 1st" reads "every".
pub fn ordinal(n: u32) -> String {
    let suffix = match (n % 10, n % 100) {
        (_, 11..=13) => "th",
        (1, _) => "st",
        (2, _) => "nd",
        (3, _) => "rd",
        _ => "th",
    };
    format!("{n}{suffix}")
}

#[cfg(test)]
mod tests {
    use super::parse_duration;

    #[test]
    fn ordinals() {
        let o: Vec<String> = [1, 2, 3, 4, 11, 12, 13, 21, 22, 23, 101, 111].into_iter().map(super::ordinal).collect();
        assert_eq!(o, ["1st", "2nd", "3rd", "4th", "11th", "12th", "13th", "21st", "22nd", "23rd", "101st", "111th"]);
    }
    use std::time::Duration;

    #[test]
    fn durations() {
        assert_eq!(parse_duration("200ms").unwrap(), Duration::from_millis(200));
        assert_eq!(parse_duration("1.5s").unwrap(), Duration::from_millis(1500));
        assert_eq!(parse_duration("250").unwrap(), Duration::from_millis(250));
        assert!(parse_duration("fast").is_err());
        assert!(parse_duration("3h").is_err());
    }
}
