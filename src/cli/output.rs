//! Output for people and runbooks: exit codes, errors, the LAB banner, and plain tables.

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
        eprintln!("error: {e}");
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
pub fn out(text: &str) {
    use std::io::Write;
    let mut so = std::io::stdout().lock();
    if let Err(e) = so.write_all(text.as_bytes()).and_then(|()| so.flush())
        && e.kind() != std::io::ErrorKind::BrokenPipe
        && !WRITE_FAILED.swap(true, std::sync::atomic::Ordering::Relaxed)
    {
        eprintln!("error: cannot write to standard output: {e}");
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

/// The banner printed above every table that comes from a shell; LAB is never silent.
pub fn banner(info: &ShellInfo) -> String {
    match info.kind {
        ShellKind::Lab => format!(
            "=== LAB === {} ── a simulated Exchange organisation: not production, nothing real is changed\n",
            info.target.trim_start_matches("LAB ").trim_end_matches(" (simulated Exchange organisation)")
        ),
        ShellKind::Psrp => format!("Exchange Management Shell: {}\n", info.target),
    }
}

/// A plain text table: left-aligned columns, widths from the widest cell (in characters).
pub fn table(headers: &[&str], rows: &[Vec<String>]) -> String {
    let rows: Vec<Vec<String>> = rows.iter().map(|r| r.iter().map(|c| shown(c)).collect()).collect();
    let rows = &rows;
    let mut widths: Vec<usize> = headers.iter().map(|h| h.chars().count()).collect();
    for row in rows {
        for (i, cell) in row.iter().enumerate() {
            if i < widths.len() {
                widths[i] = widths[i].max(cell.chars().count());
            }
        }
    }
    let mut out = String::new();
    let line = |cells: &mut dyn Iterator<Item = &str>, out: &mut String| {
        // Padding by hand: `format!("{c:<w$}")` panics for widths over 65,535 ("Formatting
        // argument out of range"), and a cell may be any length (a 65,600-character name).
        let parts: Vec<String> = cells
            .zip(&widths)
            .map(|(c, w)| {
                let mut cell = String::with_capacity(c.len() + w.saturating_sub(c.chars().count()));
                cell.push_str(c);
                cell.extend(std::iter::repeat_n(' ', w.saturating_sub(c.chars().count())));
                cell
            })
            .collect();
        out.push_str(parts.join("  ").trim_end());
        out.push('\n');
    };
    line(&mut headers.iter().copied(), &mut out);
    line(&mut widths.iter().map(|w| "-".repeat(*w)).collect::<Vec<_>>().iter().map(String::as_str), &mut out);
    for row in rows {
        line(&mut row.iter().map(String::as_str), &mut out);
    }
    out
}

#[cfg(test)]
mod tests {
    use proptest::prelude::Strategy;
    #[test]
    fn shown_escapes_control_characters() {
        assert_eq!(super::shown("a\nb\r\tc\u{1b}[2J\u{202E}d é"), "a\\nb\\r\\tc\\u{1b}[2J\\u{202e}d é");
        assert_eq!(super::shown("O'Brien \"x\" $(y)"), "O'Brien \"x\" $(y)");
    }

    proptest::proptest! {
        /// No cell text may panic the table, however long or wide; every data row is one line.
        #[test]
        fn table_never_panics(cells in proptest::collection::vec(
            proptest::prop_oneof![
                proptest::string::string_regex("(?s).{0,40}").unwrap(),
                (0usize..70_000, proptest::sample::select(vec!['x', 'é', '界', '\n', '🙂']))
                    .prop_map(|(n, c)| std::iter::repeat_n(c, n).collect::<String>()),
            ],
            0..6,
        )) {
            let row: Vec<String> = cells;
            let t = super::table(&["A", "B", "C"], std::slice::from_ref(&row));
            proptest::prop_assert_eq!(t.lines().count(), 3);
        }
    }

    #[test]
    fn table_cell_over_65535_characters_does_not_panic() {
        let long = "x".repeat(65_600);
        let t = super::table(&["NAME"], &[vec![long.clone()]]);
        assert!(t.ends_with(&format!("{long}\n")));
    }

    #[test]
    fn table_aligns_columns() {
        let t = super::table(&["A", "Long"], &[vec!["xyz".into(), "1".into()]]);
        assert_eq!(t, "A    Long\n---  ----\nxyz  1\n");
    }
}
