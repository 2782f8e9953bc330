//! Output for people and runbooks: exit codes, errors, the LAB banner, and colour.
//!
//! Colour follows the conventions (`NO_COLOR`, `CLICOLOR=0`, `CLICOLOR_FORCE`, TTY detection,
//! Windows consoles) through anstream: text is painted with ANSI codes here, and [`out`] strips
//! them when the stream should not get colour. Tables live in `cli::table`.

use super::Cli;
use crate::shell::{ShellInfo, ShellKind};
use serde::Serialize;

/// The version of mbxctl's JSON output; bumped on any incompatible change (docs/json-output.md).
pub const SCHEMA_VERSION: u32 = 1;

/// Process exit codes, documented in the README and `--help`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[repr(i32)]
pub enum ExitCode {
    /// Done, or nothing to do.
    Done = 0,
    /// A command failed, verification failed, or a finding is an error.
    Failed = 1,
    /// Bad arguments or unreadable input.
    Usage = 2,
    /// A pre-flight check blocked the change; nothing ran.
    Blocked = 3,
    /// A batch finished with some items failed, blocked or skipped.
    Partial = 4,
    /// The session (LAB or PowerShell) could not be opened.
    Session = 5,
    /// An audit found critical issues.
    Critical = 6,
    /// Ctrl-C stopped the command; what was sent is reported (128 + SIGINT).
    Interrupted = 130,
}

/// An error the CLI reports and exits on.
#[derive(Debug, thiserror::Error)]
pub enum CliError {
    /// Bad input from the user: says what and where.
    #[error("{0}")]
    Usage(String),
    /// The shell could not be opened.
    #[error("{0}")]
    Session(String),
    /// Anything else that failed.
    #[error("{0}")]
    Failed(String),
}

impl CliError {
    /// The exit code for this error.
    pub fn exit_code(&self) -> ExitCode {
        match self {
            CliError::Usage(_) => ExitCode::Usage,
            CliError::Session(_) => ExitCode::Session,
            CliError::Failed(_) => ExitCode::Failed,
        }
    }
}

/// Result of a CLI command.
pub type CliResult = Result<ExitCode, CliError>;

#[derive(Serialize)]
struct JsonError<'a> {
    schema_version: u32,
    error: &'a str,
    kind: &'a str,
    exit_code: i32,
}

/// Prints an error as cargo does (`error: ...`), or as JSON on stdout with `--json`.
pub fn print_error(cli: &Cli, e: &CliError) {
    if cli.json {
        let kind = match e {
            CliError::Usage(_) => "usage",
            CliError::Session(_) => "session",
            CliError::Failed(_) => "failed",
        };
        let j =
            JsonError { schema_version: SCHEMA_VERSION, error: &e.to_string(), kind, exit_code: e.exit_code() as i32 };
        let doc = super::target::inject(serde_json::to_value(&j).unwrap_or_default());
        out(&format!("{doc}\n"));
    } else {
        err_out(&format!("{}: {e}\n", paint(Tone::Bad, "error")));
    }
}

/// Prints a value as pretty JSON on stdout.
pub fn print_json<T: Serialize>(value: &T) -> Result<(), CliError> {
    let value = serde_json::to_value(value).map_err(|e| CliError::Failed(format!("cannot write JSON: {e}")))?;
    let text = serde_json::to_string_pretty(&super::target::inject(value))
        .map_err(|e| CliError::Failed(format!("cannot write JSON: {e}")))?;
    out(&text);
    out("\n");
    Ok(())
}

static WRITE_FAILED: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);

/// Writes `text` to standard output. A reader that stops early (`mbxctl ... | Select-Object
/// -First 3`, `| head`) is not an error: the rest is dropped quietly and the exit code still says
/// what happened to the mailboxes. Any other write failure is reported once on standard error.
/// Colour codes in `text` reach a terminal that wants them and are stripped for anything else.
pub fn out(text: &str) {
    use std::io::Write;
    // Text without an escape sequence has nothing to strip or translate: written as it is
    // (validate streams megabytes of plain table rows through here).
    let written = if text.as_bytes().contains(&0x1b) {
        let mut so = anstream::AutoStream::new(std::io::stdout().lock(), color_choice());
        so.write_all(text.as_bytes()).and_then(|()| so.flush())
    } else {
        let mut so = std::io::stdout().lock();
        so.write_all(text.as_bytes()).and_then(|()| so.flush())
    };
    if let Err(e) = written
        && e.kind() != std::io::ErrorKind::BrokenPipe
        && !WRITE_FAILED.swap(true, std::sync::atomic::Ordering::Relaxed)
    {
        eprintln!("error: cannot write to standard output: {e}");
    }
}

/// Writes `text` to standard error, colour handled as in [`out`].
pub fn err_out(text: &str) {
    use std::io::Write;
    let mut se = anstream::AutoStream::new(std::io::stderr().lock(), color_choice());
    let _ = se.write_all(text.as_bytes()).and_then(|()| se.flush());
}

/// `--color`: whether to colour what a person reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum, serde::Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum ColorWhen {
    /// Colour on a terminal, unless `NO_COLOR` or `CLICOLOR=0` say otherwise (`CLICOLOR_FORCE=1` forces it).
    #[default]
    Auto,
    /// Always colour, even into a pipe or a file.
    Always,
    /// Never colour.
    Never,
}

/// What the whole process uses for terminal output, settled once from flags, environment and the
/// config file (`cli::config`), before anything is printed.
#[derive(Debug, Clone, Copy, Default)]
pub struct TerminalSettings {
    /// The colour choice; `Auto` lets the environment and the TTY decide.
    pub color: ColorWhen,
    /// The table width: `Some(n)` fits tables into n columns (cells cut with `…`), `None` prints
    /// cells whole (a pipe or a file).
    pub width: Option<usize>,
}

static TERMINAL: std::sync::OnceLock<TerminalSettings> = std::sync::OnceLock::new();

/// Sets the terminal settings for this process; the first call wins (later ones are ignored).
pub fn set_terminal(settings: TerminalSettings) {
    let _ = TERMINAL.set(settings);
    anstream::ColorChoice::write_global(match settings.color {
        ColorWhen::Auto => anstream::ColorChoice::Auto,
        ColorWhen::Always => anstream::ColorChoice::Always,
        ColorWhen::Never => anstream::ColorChoice::Never,
    });
}

/// The process's terminal settings (defaults when none were set, as in unit tests).
pub fn terminal() -> TerminalSettings {
    TERMINAL.get().copied().unwrap_or_default()
}

fn color_choice() -> anstream::ColorChoice {
    anstream::ColorChoice::global()
}

/// What a piece of text means, and so its colour.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tone {
    /// Blocked, failed, an error: red.
    Bad,
    /// A warning, partly done: yellow.
    Warn,
    /// Done, converted, ok: green.
    Good,
    /// The LAB banner: reverse video in magenta, so a simulated organisation is never mistaken for production.
    Lab,
    /// Headings: bold.
    Strong,
}

/// `text` wrapped in the ANSI codes of `tone`; [`out`] strips them where colour is not wanted.
pub fn paint(tone: Tone, text: &str) -> String {
    use anstyle::{AnsiColor, Effects, Style};
    let style = match tone {
        Tone::Bad => Style::new().fg_color(Some(AnsiColor::Red.into())).effects(Effects::BOLD),
        Tone::Warn => Style::new().fg_color(Some(AnsiColor::Yellow.into())),
        Tone::Good => Style::new().fg_color(Some(AnsiColor::Green.into())),
        Tone::Lab => Style::new().fg_color(Some(AnsiColor::Magenta.into())).effects(Effects::BOLD | Effects::INVERT),
        Tone::Strong => Style::new().effects(Effects::BOLD),
    };
    if text.is_empty() { String::new() } else { format!("{style}{text}{style:#}") }
}

/// The tone of a status word as the tables and reports print it (`blocked`, `FAILED`, `WARN`,
/// `converted`, `ok`, ...), or `None` for words that carry no verdict.
pub fn tone_of(status: &str) -> Option<Tone> {
    let first = status.split([' ', ':', '(', ',']).next().unwrap_or_default().to_ascii_lowercase();
    match first.as_str() {
        "blocked" | "block" | "failed" | "fail" | "error" | "err" | "critical" | "no" | "refused" => Some(Tone::Bad),
        "warn" | "warning" | "partial" | "partly" | "partly-done" | "interrupted" | "taken" | "unknown" | "skipped" => {
            Some(Tone::Warn)
        }
        "ok" | "converted" | "done" | "verified" | "yes" | "pass" | "healthy" | "permissions-granted" | "undone" => {
            Some(Tone::Good)
        }
        _ => None,
    }
}

/// `print!` through [`out`]: never panics on a closed pipe.
macro_rules! say {
    ($($arg:tt)*) => { $crate::cli::output::out(&format!($($arg)*)) };
}

/// `println!` through [`out`]: never panics on a closed pipe.
macro_rules! sayln {
    () => { $crate::cli::output::out("\n") };
    ($($arg:tt)*) => { $crate::cli::output::out(&format!("{}\n", format_args!($($arg)*))) };
}

pub(crate) use {say, sayln};

/// Text from Exchange or the admin shown in a table: control characters (newlines, escape
/// sequences) are written as escapes, so a mailbox name cannot break the layout, fake a line of
/// the report, or send commands to the terminal.
pub fn shown(text: &str) -> String {
    let mut o = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\n' => o.push_str("\\n"),
            '\r' => o.push_str("\\r"),
            '\t' => o.push_str("\\t"),
            c if c.is_control()
                || matches!(c, '\u{2028}' | '\u{2029}' | '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}') =>
            {
                o.push_str(&format!("\\u{{{:x}}}", c as u32))
            }
            c => o.push(c),
        }
    }
    o
}

/// Text from Exchange shown as a block of lines (an error message from Active Directory): line
/// breaks (`\r\n`, `\n`, `\r`) become real line breaks, each continuation line indented by
/// `indent`, and every other control character is escaped as in [`shown`].
pub fn shown_lines(text: &str, indent: &str) -> String {
    let normalised = text.replace("\r\n", "\n").replace('\r', "\n");
    let lines: Vec<String> = normalised.trim_end_matches('\n').split('\n').map(|l| shown(l.trim_end())).collect();
    lines.join(&format!("\n{indent}"))
}

/// One line of prose broken at spaces so that no line is wider than `width` characters (when
/// the output has a width: a terminal), each continuation line indented by `indent`. A word
/// longer than the line stays whole: cutting a cmdlet name or a position helps nobody.
pub fn wrapped(text: &str, width: Option<usize>, indent: &str) -> String {
    let Some(width) = width else { return text.to_string() };
    let mut out = String::with_capacity(text.len() + 16);
    let mut line_len = 0usize;
    for word in text.split(' ') {
        let n = word.chars().count();
        if line_len > 0 && line_len + 1 + n > width {
            out.push('\n');
            out.push_str(indent);
            line_len = indent.chars().count();
        } else if line_len > 0 {
            out.push(' ');
            line_len += 1;
        }
        out.push_str(word);
        line_len += n;
    }
    out
}

/// Help texts as clap wraps them best: `after_help` is written in the source as lines of about
/// 100 characters, which clap would wrap again at the terminal's width, leaving ragged half
/// lines at 80 columns. Each prose line is joined to the one before unless that one ends a
/// sentence or a heading (`.`, `:`); example lines (indented) and blank lines stay as written.
/// Clap then wraps every paragraph at word boundaries for the terminal.
pub fn reflow_help(cmd: clap::Command) -> clap::Command {
    let cmd = match cmd.get_after_help().map(|h| h.to_string()) {
        Some(text) => cmd.after_help(reflow(&text)),
        None => cmd,
    };
    cmd.mut_subcommands(reflow_help)
}

fn reflow(text: &str) -> String {
    let mut out: Vec<String> = Vec::new();
    for line in text.lines() {
        let prose = !line.starts_with(' ') && !line.trim().is_empty();
        match out.last_mut() {
            Some(prev)
                if prose
                    && !prev.starts_with(' ')
                    && !prev.trim().is_empty()
                    && !prev.trim_end().ends_with(['.', ':']) =>
            {
                prev.push(' ');
                prev.push_str(line.trim());
            }
            _ => out.push(line.to_string()),
        }
    }
    out.join("\n")
}

/// The banner printed above every table that comes from a shell; LAB is never silent.
pub fn banner(info: &ShellInfo) -> String {
    match info.kind {
        ShellKind::Lab => format!(
            "{} {} ── simulated Exchange, not production\n",
            paint(Tone::Lab, "=== LAB ==="),
            info.target.trim_start_matches("LAB ").trim_end_matches(" (simulated Exchange organisation)")
        ),
        ShellKind::Psrp => format!("Exchange Management Shell: {}\n", info.target),
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn shown_escapes_control_characters() {
        assert_eq!(super::shown("a\nb\r\tc\u{1b}[2J\u{202E}d é"), "a\\nb\\r\\tc\\u{1b}[2J\\u{202e}d é");
        assert_eq!(super::shown("O'Brien \"x\" $(y)"), "O'Brien \"x\" $(y)");
    }

    #[test]
    fn shown_lines_breaks_lines_once() {
        let ad = "Active Directory operation failed on DC01.\r\nThe object already exists.\r\n";
        assert_eq!(
            super::shown_lines(ad, "    "),
            "Active Directory operation failed on DC01.\n    The object already exists."
        );
        assert_eq!(super::shown_lines("a\u{1b}[2Jb", ""), "a\\u{1b}[2Jb");
    }

    #[test]
    fn wrapped_breaks_at_spaces_within_the_width_and_indents() {
        let side = "side: hybrid (each command against the side that has it), from Connect-ExchangeOnline at 2:1, Get-EXOMailbox at 3:1, Add-PSSnapin at 1:1";
        let w = super::wrapped(side, Some(80), "      ");
        assert!(w.lines().all(|l| l.chars().count() <= 80), "{w}");
        assert_eq!(w.lines().count(), 2, "{w}");
        assert!(
            w.lines().nth(1).unwrap().starts_with("      from") || w.lines().nth(1).unwrap().starts_with("      "),
            "{w}"
        );
        assert_eq!(w.replace("\n      ", " "), side, "only spaces become breaks");
        // Into a pipe (no width) the line stays whole; a word wider than the line is not cut.
        assert_eq!(super::wrapped(side, None, "  "), side);
        assert_eq!(super::wrapped("aaaaaaaaaa bb", Some(5), " "), "aaaaaaaaaa\n bb");
    }

    #[test]
    fn help_prose_is_joined_and_examples_kept() {
        let text = "Examples:\n  mbxctl --lab convert kim --to shared\n\nExit codes: 0 done, 1 failed, 2 usage\nerror (nothing changed).\nStatuses: converted.";
        assert_eq!(
            super::reflow(text),
            "Examples:\n  mbxctl --lab convert kim --to shared\n\nExit codes: 0 done, 1 failed, 2 usage error (nothing changed).\nStatuses: converted."
        );
    }

    #[test]
    fn status_words_have_tones() {
        use super::{Tone, tone_of};
        assert_eq!(tone_of("BLOCKED (nothing changed)"), Some(Tone::Bad));
        assert_eq!(tone_of("failed: access denied"), Some(Tone::Bad));
        assert_eq!(tone_of("WARN"), Some(Tone::Warn));
        assert_eq!(tone_of("converted"), Some(Tone::Good));
        assert_eq!(tone_of("ok"), Some(Tone::Good));
        assert_eq!(tone_of("kim@contoso.com"), None);
    }

    #[test]
    fn paint_wraps_in_ansi_codes_and_resets() {
        let p = super::paint(super::Tone::Bad, "FAILED");
        assert!(p.starts_with('\u{1b}') && p.contains("FAILED") && p.ends_with("\u{1b}[0m"), "{p:?}");
        assert_eq!(super::paint(super::Tone::Good, ""), "");
    }
}
