//! The config file: defaults an admin sets once (`config.toml` beside profiles.json).
//!
//! ```toml
//! default_profile = "onprem"    # --profile when none is given
//! cloud_profile = "exo"         # --cloud-profile when none is given
//! sessions = 6                  # --sessions of convert --from, resume, rollback
//! color = "auto"                # --color: auto, always, never
//! width = 120                   # table width on a terminal (0: never cut cells)
//! ```
//!
//! Precedence, for every setting: the flag, then the environment (`MBXCTL_PROFILE`,
//! `MBXCTL_CLOUD_PROFILE`, `MBXCTL_SESSIONS`, `NO_COLOR`/`CLICOLOR`/`CLICOLOR_FORCE`,
//! `MBXCTL_WIDTH`), then this file, then the built-in default. `mbxctl config show` prints each
//! value and where it came from.

use super::output::{CliError, CliResult, ColorWhen, ExitCode, SCHEMA_VERSION, TerminalSettings, print_json, sayln};
use super::{Cli, Command, ConfigCommand};
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};

/// The config file's name, in the folder of profiles.json.
pub const FILE_NAME: &str = "config.toml";

/// The most Exchange sessions mbxctl opens at once (Exchange's default throttling allows 18).
const MAX_SESSIONS: usize = 18;

/// What config.toml may hold; every key is optional.
#[derive(Debug, Default, Clone, Deserialize, Serialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Config {
    /// The profile used when `--profile` is not given.
    pub default_profile: Option<String>,
    /// The Exchange Online profile used when `--cloud-profile` is not given.
    pub cloud_profile: Option<String>,
    /// Parallel sessions for batches (1-18).
    pub sessions: Option<usize>,
    /// When to colour.
    pub color: Option<ColorWhen>,
    /// Table width on a terminal; 0 prints cells whole.
    pub width: Option<usize>,
}

/// Where config.toml lives: beside profiles.json (`MBXCTL_CONFIG` moves both).
pub fn path() -> Result<PathBuf, CliError> {
    let profiles = crate::transport::profile::config_path()
        .map_err(|e| CliError::Usage(format!("config: {e} (config.toml lives beside it)")))?;
    Ok(profiles.parent().map_or_else(|| PathBuf::from(FILE_NAME), |d| d.join(FILE_NAME)))
}

/// Reads config.toml; a missing file is an empty config.
pub fn load(path: &Path) -> Result<Config, CliError> {
    let text = match std::fs::read(path) {
        Ok(bytes) => crate::textio::decode(&bytes).map_err(|e| CliError::Usage(format!("{}: {e}", path.display())))?,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Config::default()),
        Err(e) => return Err(CliError::Usage(format!("{}: cannot read: {e}", path.display()))),
    };
    parse(&text).map_err(|m| CliError::Usage(format!("{}:{m}", path.display())))
}

/// Parses and checks the text of config.toml. Errors read `LINE: KEY: problem; what to do`.
pub fn parse(text: &str) -> Result<Config, String> {
    let config: Config = toml::from_str(text).map_err(|e| {
        let (line, key) = match e.span() {
            Some(span) => {
                let line = text[..span.start.min(text.len())].matches('\n').count() + 1;
                let src = text.lines().nth(line - 1).unwrap_or_default();
                let key = src.split_once('=').map(|(k, _)| k.trim().trim_matches('"').to_string());
                (line, key)
            }
            None => (1, None),
        };
        let message = e.message().trim_end().replace('`', "'");
        let keys = "default_profile, cloud_profile, sessions, color, width";
        match key {
            Some(k) if message.starts_with("unknown field") => {
                format!("{line}: unknown key '{k}'; the keys are {keys}")
            }
            Some(k) => format!("{line}: {k}: {message}"),
            None => format!("{line}: {message} (the keys are {keys})"),
        }
    })?;
    let line_of = |key: &str| {
        text.lines()
            .position(|l| l.split_once('=').is_some_and(|(k, _)| k.trim().trim_matches('"') == key))
            .map_or(0, |i| i + 1)
    };
    if let Some(n) = config.sessions
        && !(1..=MAX_SESSIONS).contains(&n)
    {
        return Err(format!("{}: sessions: {n} is out of range; give 1 to {MAX_SESSIONS}", line_of("sessions")));
    }
    if let Some(w) = config.width
        && w != 0
        && w < 20
    {
        return Err(format!(
            "{}: width: {w} is too narrow; give 20 or more, or 0 to never cut cells",
            line_of("width")
        ));
    }
    for key in ["default_profile", "cloud_profile"] {
        let v = if key == "default_profile" { &config.default_profile } else { &config.cloud_profile };
        if v.as_deref().is_some_and(|v| v.trim().is_empty()) {
            return Err(format!(
                "{}: {key}: empty; name a profile from `mbxctl profile list` or remove the line",
                line_of(key)
            ));
        }
    }
    Ok(config)
}

/// Where a setting's value came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Source {
    /// The command line.
    Flag,
    /// An environment variable.
    Env,
    /// config.toml.
    Config,
    /// mbxctl's default.
    BuiltIn,
}

/// The settings in force and where each came from (`config show`).
#[derive(Debug, Clone, Serialize)]
pub struct Effective {
    /// `--profile`.
    pub profile: (Option<String>, Source),
    /// `--cloud-profile`.
    pub cloud_profile: (Option<String>, Source),
    /// `--sessions`.
    pub sessions: (usize, Source),
    /// `--color`.
    pub color: (ColorWhen, Source),
    /// The table width (`None`: cells whole), after terminal detection.
    pub width: (Option<usize>, Source),
}

fn env(name: &str) -> Option<String> {
    std::env::var(name).ok().filter(|v| !v.trim().is_empty())
}

/// Whether the environment says anything about colour (then it outranks the config file).
fn color_env_set() -> bool {
    env("NO_COLOR").is_some() || env("CLICOLOR_FORCE").is_some() || env("CLICOLOR").is_some()
}

/// Settles every setting for this command line (flag > env > config > built-in), writes the
/// profile and sessions defaults into `cli`, and returns the terminal settings.
pub fn settle(cli: &mut Cli, matches: &clap::ArgMatches, config: &Config) -> Result<Effective, CliError> {
    let profile = match (&cli.profile, env("MBXCTL_PROFILE"), &config.default_profile) {
        (Some(p), _, _) => (Some(p.clone()), Source::Flag),
        (None, Some(p), _) => (Some(p), Source::Env),
        (None, None, Some(p)) => (Some(p.clone()), Source::Config),
        _ => (None, Source::BuiltIn),
    };
    let cloud = match (&cli.cloud_profile, env("MBXCTL_CLOUD_PROFILE"), &config.cloud_profile) {
        (Some(p), _, _) => (Some(p.clone()), Source::Flag),
        (None, Some(p), _) => (Some(p), Source::Env),
        (None, None, Some(p)) => (Some(p.clone()), Source::Config),
        _ => (None, Source::BuiltIn),
    };
    // The LAB ignores profiles; filling them in there would only confuse the "resume with" hints.
    if cli.lab_dir.is_none() && !cli.lab {
        cli.profile.clone_from(&profile.0);
        cli.cloud_profile.clone_from(&cloud.0);
    }

    // Only asked of the subcommands that have --sessions (clap refuses unknown ids).
    let given = || {
        matches.subcommand().and_then(|(_, m)| m.value_source("sessions"))
            == Some(clap::parser::ValueSource::CommandLine)
    };
    let env_sessions = match env("MBXCTL_SESSIONS") {
        Some(v) => {
            Some(v.trim().parse::<usize>().ok().filter(|n| (1..=MAX_SESSIONS).contains(n)).ok_or_else(|| {
                CliError::Usage(format!("MBXCTL_SESSIONS={v}: give a number of sessions from 1 to {MAX_SESSIONS}"))
            })?)
        }
        None => None,
    };
    let slot: Option<&mut usize> = match &mut cli.command {
        Command::Convert(a) => Some(&mut a.sessions),
        Command::Resume(a) => Some(&mut a.sessions),
        Command::Rollback(a) => Some(&mut a.sessions),
        _ => None,
    };
    let sessions = match slot {
        Some(s) if given() => (*s, Source::Flag),
        Some(s) => {
            let (n, src) = match (env_sessions, config.sessions) {
                (Some(n), _) => (n, Source::Env),
                (None, Some(n)) => (n, Source::Config),
                _ => (*s, Source::BuiltIn),
            };
            *s = n;
            (n, src)
        }
        None => match (env_sessions, config.sessions) {
            (Some(n), _) => (n, Source::Env),
            (None, Some(n)) => (n, Source::Config),
            _ => (4, Source::BuiltIn),
        },
    };

    let color = match (cli.color, color_env_set(), config.color) {
        (Some(c), _, _) => (c, Source::Flag),
        (None, true, _) => (ColorWhen::Auto, Source::Env),
        (None, false, Some(c)) => (c, Source::Config),
        _ => (ColorWhen::Auto, Source::BuiltIn),
    };

    let env_width = match env("MBXCTL_WIDTH") {
        Some(v) => Some(v.trim().parse::<usize>().map_err(|_| {
            CliError::Usage(format!("MBXCTL_WIDTH={v}: give a number of columns (0 to never cut cells)"))
        })?),
        None => None,
    };
    use std::io::IsTerminal;
    let tty = std::io::stdout().is_terminal();
    let detected = || terminal_size::terminal_size().map(|(w, _)| usize::from(w.0)).filter(|w| *w > 0);
    // The config's width is a terminal preference: into a pipe, cells stay whole.
    let width = match (cli.width, env_width, config.width) {
        (Some(w), _, _) => (Some(w), Source::Flag),
        (None, Some(w), _) => (Some(w), Source::Env),
        (None, None, Some(w)) if tty => (Some(w), Source::Config),
        _ if tty => (Some(detected().unwrap_or(80)), Source::BuiltIn),
        _ => (None, Source::BuiltIn),
    };
    let width = (width.0.filter(|w| *w != 0).map(|w| w.max(20)), width.1);
    Ok(Effective { profile, cloud_profile: cloud, sessions, color, width })
}

impl Effective {
    /// The terminal settings to install for output.
    pub fn terminal(&self) -> TerminalSettings {
        TerminalSettings { color: self.color.0, width: self.width.0 }
    }
}

/// `mbxctl config show|path`.
pub fn run(cli: &Cli, cmd: &ConfigCommand, effective: Option<&Effective>, error: Option<&CliError>) -> CliResult {
    let path = path()?;
    match cmd {
        ConfigCommand::Path => {
            if cli.json {
                print_json(&serde_json::json!({"schema_version": SCHEMA_VERSION, "command": "config path",
                    "path": path, "exists": path.is_file()}))?;
            } else {
                sayln!("{}", path.display());
            }
        }
        ConfigCommand::Show => {
            if let Some(e) = error {
                return Err(CliError::Usage(e.to_string()));
            }
            let Some(e) = effective else {
                return Err(CliError::Failed("the settings were not settled".into()));
            };
            if cli.json {
                print_json(&serde_json::json!({"schema_version": SCHEMA_VERSION, "command": "config show",
                "path": path, "exists": path.is_file(), "settings": {
                    "default_profile": {"value": e.profile.0, "source": e.profile.1},
                    "cloud_profile": {"value": e.cloud_profile.0, "source": e.cloud_profile.1},
                    "sessions": {"value": e.sessions.0, "source": e.sessions.1},
                    "color": {"value": e.color.0, "source": e.color.1},
                    "width": {"value": e.width.0, "source": e.width.1},
                }}))?;
            } else {
                let src = |s: Source| match s {
                    Source::Flag => "flag",
                    Source::Env => "environment",
                    Source::Config => "config file",
                    Source::BuiltIn => "built-in",
                };
                let color = match e.color.0 {
                    ColorWhen::Auto => "auto",
                    ColorWhen::Always => "always",
                    ColorWhen::Never => "never",
                };
                sayln!("{} ({})", path.display(), if path.is_file() { "in use" } else { "not created yet" });
                let none = || "-".to_string();
                sayln!("default_profile  {:<14} ({})", e.profile.0.clone().unwrap_or_else(none), src(e.profile.1));
                sayln!(
                    "cloud_profile    {:<14} ({})",
                    e.cloud_profile.0.clone().unwrap_or_else(none),
                    src(e.cloud_profile.1)
                );
                sayln!("sessions         {:<14} ({})", e.sessions.0, src(e.sessions.1));
                sayln!("color            {:<14} ({})", color, src(e.color.1));
                sayln!(
                    "width            {:<14} ({})",
                    e.width.0.map_or_else(|| "whole cells".to_string(), |w| w.to_string()),
                    src(e.width.1)
                );
            }
        }
    }
    Ok(ExitCode::Done)
}

#[cfg(test)]
mod tests {
    use super::parse;

    #[test]
    fn reads_every_key() {
        let c = parse(
            "default_profile = \"onprem\"\ncloud_profile = \"exo\"\nsessions = 6\ncolor = \"never\"\nwidth = 100\n",
        )
        .unwrap();
        assert_eq!(c.default_profile.as_deref(), Some("onprem"));
        assert_eq!(c.sessions, Some(6));
        assert_eq!(c.color, Some(super::ColorWhen::Never));
        assert_eq!(c.width, Some(100));
        assert_eq!(parse("").unwrap(), super::Config::default());
    }

    #[test]
    fn errors_name_the_line_and_key() {
        let e = parse("width = 100\nsessions = \"four\"\n").unwrap_err();
        assert!(e.starts_with("2: sessions: "), "{e}");
        let e = parse("\n\ncolour = \"never\"\n").unwrap_err();
        assert!(e.starts_with("3: unknown key 'colour'") && e.contains("color"), "{e}");
        let e = parse("color = \"blue\"\n").unwrap_err();
        assert!(e.starts_with("1: color: ") && e.contains("auto"), "{e}");
        let e = parse("# defaults\nsessions = 40\n").unwrap_err();
        assert!(e.starts_with("2: sessions: 40 is out of range"), "{e}");
        let e = parse("width = 5\n").unwrap_err();
        assert!(e.starts_with("1: width: 5 is too narrow"), "{e}");
        assert!(parse("sessions = [").unwrap_err().starts_with("1: "));
    }
}
