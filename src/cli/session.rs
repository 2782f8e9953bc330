//! `mbxctl session test` and `mbxctl profile list|show|add|remove`.

use super::connect;
use super::output::{CliError, CliResult, ExitCode, SCHEMA_VERSION, Tone, banner, paint, print_json, say, sayln};
use super::table::{Table, table};
use super::{Cli, ProfileAddArgs, ProfileCommand, ProfileKind as CliKind};
use crate::cmdlet::Invocation;
use crate::exchange::results::ExchangeServer;
use crate::transport::profile::{Authentication, find_profile, remove_profile};
use crate::transport::report::{AccountSource, Health, account_to_check};
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

/// The exit code of a verdict: 0 healthy, 1 a role missing or unconfirmed, 5 Exchange did not answer (the same
/// code as a session that could not be opened: either way there is no Exchange to work with).
pub fn health_exit_code(health: Health) -> ExitCode {
    match health {
        Health::Healthy => ExitCode::Done,
        Health::RoleMissing | Health::RolesUnknown => ExitCode::Failed,
        Health::NoExchange => ExitCode::Session,
    }
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
        // No PowerShell at all: say so before anything else, with the way to try mbxctl without one.
        let local = profile.as_ref().is_some_and(|p| matches!(p.kind, ProfileKind::ExchangeLocal { .. }));
        if let Err(e @ crate::transport::process::ProcessError::NotFound { .. }) =
            crate::transport::process::find_pwsh_preferring(cli.pwsh.as_deref(), local)
        {
            return Err(CliError::Session(format!(
                "{e}\n  help: to try mbxctl without PowerShell or Exchange, use the simulated LAB: \
                 `mbxctl --lab session test`, or the guided tour `mbxctl demo`"
            )));
        }
        let mut shell = connect::open_psrp(cli, profile).await?;
        let info = crate::shell::Shell::describe(&shell);
        let broke = |e: crate::shell::ShellError| CliError::Session(format!("while testing the session: {e}"));
        let account = account_to_check(&mut shell).await.map_err(broke)?;
        let mut report = session_report(&mut shell, account.name.as_deref()).await.map_err(broke)?;
        report.account_source = Some(account.source);
        if let Some(problem) = account.problem {
            report.problems.insert(0, format!("cannot tell which account the session runs as: {problem}"));
        }
        let _ = shell.shutdown().await;
        (info, report)
    };
    let code = health_exit_code(report.status);
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
    let source = match report.account_source {
        Some(AccountSource::Credential) => " (the profile's credential)",
        Some(AccountSource::CredentialFile) => " (the profile's credential file)",
        Some(AccountSource::PowershellProcess) => " (the account PowerShell runs as)",
        Some(AccountSource::Application) => " (the profile's application)",
        Some(AccountSource::Given) | None => "",
    };
    sayln!(
        "Account checked   {}{source}",
        report.account.as_deref().map_or_else(|| "unknown".into(), crate::cli::output::shown)
    );
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
    say!("{}", Table::new(&["ROLE", "HELD", "VIA"]).rows(&rows).status(1).render());
    for p in &report.problems {
        sayln!("problem: {p}");
    }
    sayln!();
    let (tone, word, rest) = match report.status {
        Health::Healthy => (Tone::Good, "healthy", "Exchange answered and the account holds every role mbxctl needs"),
        Health::NoExchange => (
            Tone::Bad,
            "no Exchange",
            "the session opened but Exchange did not answer (no Exchange cmdlets in it, or the server is unreachable); check the profile's set-up with `mbxctl profile show NAME` (exit code 5)",
        ),
        Health::RoleMissing => (
            Tone::Bad,
            "role missing",
            "converting needs Mail Recipients (Recipient Management or Organization Management); converting back also needs Reset Password (exit code 1)",
        ),
        Health::RolesUnknown => (
            Tone::Warn,
            "roles unknown",
            "Exchange answered but the roles of the account could not be confirmed; see the problems above (exit code 1)",
        ),
    };
    sayln!("{}: {rest}", paint(tone, word));
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
    let mut report = SessionReport {
        status: Health::NoExchange,
        powershell_version: Some("LAB (simulated)".into()),
        protocol_version: None,
        exchange_answered: first.is_some(),
        exchange_server: first.as_ref().map(|s| s.name.clone()),
        exchange_version: first.map(|s| s.admin_display_version),
        account: None,
        account_source: None,
        roles,
        problems,
    };
    report.status = report.health();
    Ok(report)
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
            if let Some(existing) = find_profile(&list, &args.name)
                && !args.force
            {
                return Err(CliError::Usage(format!(
                    "a profile named '{}' already exists in {} ({}: {}); add --force to replace it, or choose another name",
                    existing.name,
                    path.display(),
                    kind_name(&existing.kind),
                    summary(&existing.kind)
                )));
            }
            let p = build_profile(args)?;
            p.validate().map_err(|e| CliError::Usage(as_flags(&e.to_string())))?;
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
        ProfileCommand::Remove { name } => {
            let Some(existing) = find_profile(&list, name) else {
                let known: Vec<&str> = list.iter().map(|p| p.name.as_str()).collect();
                return Err(CliError::Usage(format!(
                    "no profile named '{name}' in {} (known: {}); `mbxctl profile list` shows them",
                    path.display(),
                    if known.is_empty() { "none".to_string() } else { known.join(", ") }
                )));
            };
            let removed = existing.name.clone();
            remove_profile(&path, &removed).map_err(|e| CliError::Failed(e.to_string()))?;
            if cli.json {
                print_json(&serde_json::json!({"schema_version": SCHEMA_VERSION, "removed": removed, "path": path}))?;
            } else {
                sayln!("Removed profile '{removed}' from {}.", path.display());
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
        ProfileKind::ExchangeRemote { credential_file, .. } => format!(
            "{}{}",
            k.endpoint().map(|e| e.describe()).unwrap_or_default(),
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

/// A profile problem in the words of `profile add`: profiles.json's field names (`useSsl: true`,
/// `appId`) become the flags that set them (`--use-ssl`, `--app-id`).
fn as_flags(problem: &str) -> String {
    const FIELDS: [(&str, &str); 7] = [
        ("useSsl: true", "--use-ssl"),
        ("promptCredential", "--prompt-credential"),
        ("appId", "--app-id"),
        ("certificateThumbprint", "--certificate-thumbprint"),
        ("organization ", "--organization "),
        ("server ", "--server "),
        ("a credential file", "--credential-file"),
    ];
    FIELDS.iter().fold(problem.to_string(), |text, (field, flag)| text.replace(field, flag))
}

/// The kind as the user types it (`exchange-remote`).
fn kind_flag(k: CliKind) -> String {
    use clap::ValueEnum;
    k.to_possible_value().map(|v| v.get_name().to_string()).unwrap_or_default()
}

fn build_profile(a: &ProfileAddArgs) -> Result<Profile, CliError> {
    let need = |v: &Option<String>, flag: &str| {
        v.clone().ok_or_else(|| CliError::Usage(format!("--kind {} needs {flag}", kind_flag(a.kind))))
    };
    let kind = match a.kind {
        CliKind::ExchangeRemote => ProfileKind::ExchangeRemote {
            server: need(&a.server, "--server")?,
            named_pipe: None,
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
