//! Findings about an invocation or a script: what is wrong, where, and what to do.

use serde::Serialize;

/// How serious a finding is. Any `Error` makes `validate` and `render` exit non-zero.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Informational.
    Note,
    /// Suspicious but runnable.
    Warning,
    /// Will not run, or will not do what was meant.
    Error,
}

/// A position in a script, 1-based, columns counted in characters.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Position {
    /// Line, from 1.
    pub line: u32,
    /// Column, from 1, in Unicode scalar values.
    pub column: u32,
}

/// One finding.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Diagnostic {
    /// Severity.
    pub severity: Severity,
    /// A stable, kebab-case code runbooks can match (`unknown-parameter`, `invalid-enum-value`, ...).
    pub code: &'static str,
    /// What went wrong, in one sentence naming the cmdlet, parameter or value at fault.
    pub message: String,
    /// The parameter concerned, in the catalogue's spelling when known.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub parameter: Option<String>,
    /// What to do about it (closest valid names, valid values, the version that has it).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub help: Option<String>,
    /// Where, for findings in a script.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub position: Option<Position>,
}

impl Diagnostic {
    /// An error finding.
    pub fn error(code: &'static str, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Error,
            code,
            message: message.into(),
            parameter: None,
            help: None,
            position: None,
        }
    }

    /// A warning finding.
    pub fn warning(code: &'static str, message: impl Into<String>) -> Self {
        Diagnostic { severity: Severity::Warning, ..Self::error(code, message) }
    }

    /// Names the parameter concerned.
    pub fn with_parameter(mut self, p: impl Into<String>) -> Self {
        self.parameter = Some(p.into());
        self
    }

    /// Adds advice.
    pub fn with_help(mut self, h: impl Into<String>) -> Self {
        self.help = Some(h.into());
        self
    }

    /// Places the finding in a script.
    pub fn at(mut self, position: Position) -> Self {
        self.position = Some(position);
        self
    }
}

impl std::fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let sev = match self.severity {
            Severity::Note => "note",
            Severity::Warning => "warning",
            Severity::Error => "error",
        };
        if let Some(p) = self.position {
            write!(f, "{}:{}: ", p.line, p.column)?;
        }
        write!(f, "{sev}[{}]: {}", self.code, self.message)?;
        if let Some(h) = &self.help {
            write!(f, "\n  help: {h}")?;
        }
        Ok(())
    }
}
