//! `mbxctl session test` and `mbxctl profile list|show|add`.

use super::connect;
use super::output::{CliError, CliResult, ExitCode, SCHEMA_VERSION, banner, print_json, say, sayln, table};
use super::{Cli, ProfileAddArgs, ProfileCommand, ProfileKind as CliKind};
use crate::cmdlet::Invocation;
use crate::exchange::results::ExchangeServer;
use crate::transport::profile::{Authentication, find_profile};
use crate::transport::{Profile, ProfileKind, SessionReport, save_profile, session_report};
use serde::Serialize;

#[derive(Serialize)]
struct SessionDocument<'a> {
    schema_version: u32,
    command: &'static str,
    target: crate::shell::ShellInfo,
    #[serde(flatten)]
    report: &'a SessionReport,
    exit_code: i32,
}

/// The account whose roles `session test` checks: the signed-in Windows user.
fn current_account() -> Option<String> {
    let user = std::env::var("USERNAME").or_else(|_| std::env::var("USER")).ok()?;
    Some(match std::env::var("USERDOMAIN") {
        Ok(domain) if !domain.is_empty() => format!("{domain}\\{user}"),
        _ => user,
    })
}

/// `mbxctl session test`.
pub async fn test(cli: &Cli) -> CliResult {
    let (info, report) = if let Some(dir) = connect::lab_dir(cli) {
        let mut shell = connect::open_lab(&dir, crate::shell::Side::OnPremises)?;
        let info = shell.describe();
        (info, lab_report(shell.as_mut()).await?)
    } else {
        let profile = match cli.profile.as_deref() {
            Some(name) => {
                let (path, list) = connect::profiles()?;
                Some(
                    find_profile(&list, name)
                        .cloned()
                        .ok_or_else(|| CliError::Usage(format!("no profile named '{name}' in {}", path.display())))?,
                )
            }
            None => None,
        };
        let mut shell = connect::open_psrp(cli, profile).await?;
        let info = crate::shell::Shell::describe(&shell);
        let report = session_report(&mut shell, current_account().as_deref())
            .await
            .map_err(|e| CliError::Session(format!("the session broke while testing it: {e}")))?;
        let _ = shell.shutdown().await;
        (info, report)
    };
    let missing = report.roles.iter().any(|r| r.held == Some(false));
    let code = if missing { ExitCode::Failed } else { ExitCode::Done };
    if cli.json {
        print_json(&SessionDocument {
            schema_version: SCHEMA_VERSION,
            command: "session test",
            target: info,
            report: &report,
            exit_code: code as i32,
        })?;
        return Ok(code);
    }
    say!("{}", banner(&info));
    let or = |v: &Option<String>| v.clone().unwrap_or_else(|| "-".into());
    sayln!("PowerShell        {}", or(&report.powershell_version));
    sayln!("Protocol          {}", or(&report.protocol_version));
    sayln!("Exchange server   {}", or(&report.exchange_server));
    sayln!("Exchange version  {}", or(&report.exchange_version));
    if let Some(v) = report.exchange_version.as_deref().and_then(|v| v.parse::<crate::cmdlet::ExchangeVersion>().ok()) {
        sayln!(
            "                  {v}{}",
            if v.supports_remote_shared() {
                ""
            } else {
                "  (no Set-RemoteMailbox -Type Shared: needs 2013 CU21, 2016 CU10 or 2019)"
            }
        );
    }
    let rows: Vec<Vec<String>> = report
        .roles
        .iter()
        .map(|r| {
            vec![
                r.role.clone(),
                match r.held {
                    Some(true) => "yes".into(),
                    Some(false) => "NO".into(),
                    None => "unknown".into(),
                },
                r.via.join(", "),
            ]
        })
        .collect();
    sayln!();
    say!("{}", table(&["ROLE", "HELD", "VIA"], &rows));
    for p in &report.problems {
        sayln!("problem: {p}");
    }
    if missing {
        sayln!(
            "\nConverting needs Mail Recipients (Recipient Management or Organization Management); converting back also needs Reset Password."
        );
    }
    Ok(code)
}

/// The same report from the LAB, through the `Shell` trait.
async fn lab_report(shell: &mut dyn crate::shell::Shell) -> Result<SessionReport, CliError> {
    let err = |e: crate::shell::ShellError| CliError::Session(e.to_string());
    let servers = shell.run(&Invocation::new("Get-ExchangeServer")).await.map_err(err)?;
    let first = servers.output.first().and_then(|v| ExchangeServer::from_ps(v).ok());
    let mut roles = Vec::new();
    let mut problems = Vec::new();
    for role in ["Mail Recipients", "Reset Password"] {
        // Disabled assignments grant nothing.
        let inv = Invocation::new("Get-ManagementRoleAssignment").param("Role", role).param("Enabled", true);
        let out = shell.run(&inv).await.map_err(err)?;
        if let Some(e) = out.errors.first() {
            problems.push(format!("{role}: {}", e.message));
        }
        let via: Vec<String> = out
            .output
            .iter()
            .filter_map(|v| v.as_object()?.get("RoleAssigneeName").and_then(crate::psobject::PsValue::display))
            .collect();
        roles.push(crate::transport::report::RoleCheck { role: role.into(), held: Some(!via.is_empty()), via });
    }
    Ok(SessionReport {
        powershell_version: Some("LAB (simulated)".into()),
        protocol_version: None,
        exchange_server: first.as_ref().map(|s| s.name.clone()),
        exchange_version: first.map(|s| s.admin_display_version),
        roles,
        problems,
    })
}

/// `mbxctl profile ...`.
pub fn profile(cli: &Cli, cmd: &ProfileCommand) -> CliResult {
    let (path, list) = connect::profiles()?;
    match cmd {
        ProfileCommand::List => {
            if cli.json {
                print_json(&serde_json::json!({"schema_version": SCHEMA_VERSION, "path": path, "profiles": list}))?;
            } else if list.is_empty() {
                sayln!(
                    "No profiles in {}. Add one: mbxctl profile add onprem --kind exchange-remote --server ex01.contoso.com",
                    path.display()
                );
            } else {
                let rows: Vec<Vec<String>> = list
                    .iter()
                    .map(|p| {
                        vec![p.name.clone(), kind_name(&p.kind).into(), format!("{:?}", p.side()), summary(&p.kind)]
                    })
                    .collect();
                say!("{}", table(&["NAME", "KIND", "SIDE", "CONNECTS TO"], &rows));
                sayln!("({})", path.display());
            }
        }
        ProfileCommand::Show { name } => {
            let p = find_profile(&list, name)
                .ok_or_else(|| CliError::Usage(format!("no profile named '{name}' in {}", path.display())))?;
            if cli.json {
                print_json(&serde_json::json!({"schema_version": SCHEMA_VERSION, "profile": p}))?;
            } else {
                sayln!("{} ({}, {:?})\n  {}", p.name, kind_name(&p.kind), p.side(), summary(&p.kind));
                sayln!("Set-up steps run in the fresh runspace:");
                for (i, step) in p.setup_steps().iter().enumerate() {
                    let text = match step {
                        crate::transport::SetupStep::Command(inv) => crate::workflow::exec::display_text(inv),
                        crate::transport::SetupStep::Script { purpose, .. } => format!("(script) {purpose}"),
                    };
                    sayln!("  {}. {text}", i + 1);
                }
            }
        }
        ProfileCommand::Add(args) => {
            let p = build_profile(args)?;
            p.validate().map_err(|e| CliError::Usage(e.to_string()))?;
            save_profile(&path, &p).map_err(|e| CliError::Failed(e.to_string()))?;
            if cli.json {
                print_json(&serde_json::json!({"schema_version": SCHEMA_VERSION, "saved": p, "path": path}))?;
            } else {
                sayln!(
                    "Saved profile '{}' in {}. Try it: mbxctl --profile {} session test",
                    p.name,
                    path.display(),
                    p.name
                );
            }
        }
    }
    Ok(ExitCode::Done)
}

fn kind_name(k: &ProfileKind) -> &'static str {
    match k {
        ProfileKind::ExchangeRemote { .. } => "exchange-remote",
        ProfileKind::ExchangeLocal { .. } => "exchange-local",
        ProfileKind::ExchangeOnline { .. } => "exchange-online",
        ProfileKind::Custom { .. } => "custom",
    }
}

fn summary(k: &ProfileKind) -> String {
    match k {
        ProfileKind::ExchangeRemote { server, authentication, credential_file, .. } => format!(
            "http://{server}/PowerShell/ ({authentication:?}{})",
            credential_file.as_ref().map(|f| format!(", credential file {}", f.display())).unwrap_or_default()
        ),
        ProfileKind::ExchangeLocal { install_path } => {
            format!("local EMS ({})", install_path.clone().unwrap_or_else(|| "$env:ExchangeInstallPath".into()))
        }
        ProfileKind::ExchangeOnline { organization, app_id, .. } => format!("{organization} (app {app_id})"),
        ProfileKind::Custom { setup } => format!("{} set-up command(s)", setup.len()),
    }
}

/// A credential file path as later runs need it: `~` expanded, made absolute (runs start in
/// other folders), and checked to exist now rather than at the next connection.
fn absolute_existing(p: &std::path::Path) -> Result<std::path::PathBuf, CliError> {
    let mut path = p.to_path_buf();
    if let Ok(rest) = p.strip_prefix("~")
        && let Some(home) = std::env::var_os("USERPROFILE").or_else(|| std::env::var_os("HOME"))
    {
        path = std::path::PathBuf::from(home).join(rest);
    }
    let path =
        std::path::absolute(&path).map_err(|e| CliError::Usage(format!("--credential-file {}: {e}", p.display())))?;
    if !path.is_file() {
        return Err(CliError::Usage(format!(
            "--credential-file {}: no such file; create it on this machine with: Get-Credential | Export-Clixml -Path {}",
            p.display(),
            crate::cmdlet::literal::quote(&path.display().to_string())
        )));
    }
    Ok(path)
}

fn build_profile(a: &ProfileAddArgs) -> Result<Profile, CliError> {
    let need = |v: &Option<String>, flag: &str| {
        v.clone().ok_or_else(|| CliError::Usage(format!("--kind {:?} needs {flag}", a.kind).to_lowercase()))
    };
    let kind = match a.kind {
        CliKind::ExchangeRemote => ProfileKind::ExchangeRemote {
            server: need(&a.server, "--server")?,
            authentication: match a.authentication.as_deref().map(str::to_ascii_lowercase).as_deref() {
                None | Some("kerberos") => Authentication::Kerberos,
                Some("negotiate") => Authentication::Negotiate,
                Some("basic") => Authentication::Basic,
                Some("default") => Authentication::Default,
                Some(other) => {
                    return Err(CliError::Usage(format!(
                        "--authentication '{other}': use Kerberos (default), Negotiate, Basic or Default"
                    )));
                }
            },
            credential_file: a.credential_file.as_deref().map(absolute_existing).transpose()?,
            use_ssl: a.use_ssl,
            prompt_credential: a.prompt_credential,
        },
        CliKind::ExchangeLocal => ProfileKind::ExchangeLocal { install_path: None },
        CliKind::ExchangeOnline => ProfileKind::ExchangeOnline {
            app_id: need(&a.app_id, "--app-id")?,
            certificate_thumbprint: need(&a.certificate_thumbprint, "--certificate-thumbprint")?,
            organization: need(&a.organization, "--organization")?,
        },
        CliKind::Custom => {
            let mut setup = Vec::new();
            for (i, text) in a.setup.iter().enumerate() {
                let inv = crate::cmdlet::parse::parse_command(text)
                    .map_err(|d| CliError::Usage(format!("--setup #{}: {d}", i + 1)))?;
                let mut params = serde_json::Map::new();
                for p in &inv.params {
                    let name = p.name.clone().ok_or_else(|| {
                        CliError::Usage(format!(
                            "--setup #{}: name every parameter (-Name value); positional values are not accepted",
                            i + 1
                        ))
                    })?;
                    let v = match &p.value {
                        crate::cmdlet::Value::String(s) => serde_json::json!(s),
                        crate::cmdlet::Value::Int(n) => serde_json::json!(n),
                        crate::cmdlet::Value::Bool(b) | crate::cmdlet::Value::Switch(b) => serde_json::json!(b),
                        crate::cmdlet::Value::List(l) => serde_json::json!(l),
                        other => {
                            return Err(CliError::Usage(format!(
                                "--setup #{}: -{name}: only literal strings, numbers, booleans and lists are accepted (found {other:?})",
                                i + 1
                            )));
                        }
                    };
                    params.insert(name, v);
                }
                setup.push(crate::transport::profile::CommandSpec { cmdlet: inv.cmdlet, params });
            }
            if setup.is_empty() {
                return Err(CliError::Usage("--kind custom needs at least one --setup 'Cmdlet -Param value'".into()));
            }
            ProfileKind::Custom { setup }
        }
    };
    Ok(Profile { name: a.name.clone(), kind })
}
