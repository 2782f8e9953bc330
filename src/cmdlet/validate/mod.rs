//! Validation: checks an [`Invocation`] against the catalogue the way PowerShell's parameter binder
//! would, before anything runs, and returns it in canonical form.
//!
//! Like the binder: cmdlet, parameter and enum names are case-insensitive; a parameter may be given
//! by alias or by any unambiguous prefix; positional arguments bind by position within the
//! parameter sets still possible; the parameter set is resolved from the parameters given (the
//! default set breaks ties); mandatory parameters of the chosen set must be present. On top of the
//! binder, values are checked against the Exchange type (sizes, quotas, GUIDs, enum values) and
//! against the target: the side of the hybrid organisation and the Exchange version (CU).
//!
//! Every finding carries a stable code (see [`codes`]) runbooks can match.

mod bind;
mod doubtful;
pub mod lints;
pub mod script;
mod values;

use super::catalogue::{CmdletInfo, ParamInfo, ParamKind, ParamMask, ParamMatch, catalogue};
use super::diagnostic::{Diagnostic, Severity};
use super::invocation::{Invocation, Parameter, Value};
use super::parse::ArgForm;
use super::version::{Availability, ExchangeVersion, Support};
use crate::exchange::Side;
use crate::exchange::size::{ByteSize, Quota};
use bind::{validate_against, validate_impl};
use values::type_label;
pub use values::{EnumMatch, enum_match};

/// The stable diagnostic codes validation emits.
pub mod codes {
    /// The cmdlet is not in the catalogue.
    pub const UNKNOWN_CMDLET: &str = "unknown-cmdlet";
    /// The cmdlet exists only on the other side of the hybrid organisation.
    pub const CMDLET_NOT_ON_SIDE: &str = "cmdlet-not-on-side";
    /// No parameter has this name, alias or prefix.
    pub const UNKNOWN_PARAMETER: &str = "unknown-parameter";
    /// The name is a prefix of several parameters.
    pub const AMBIGUOUS_PARAMETER: &str = "ambiguous-parameter";
    /// The parameter exists only on the other side.
    pub const PARAMETER_NOT_ON_SIDE: &str = "parameter-not-on-side";
    /// The same parameter is given twice.
    pub const DUPLICATE_PARAMETER: &str = "duplicate-parameter";
    /// The value has the wrong type for the parameter.
    pub const INVALID_VALUE_TYPE: &str = "invalid-value-type";
    /// A parameter that needs a value was given as a bare switch.
    pub const MISSING_ARGUMENT: &str = "missing-argument";
    /// A number outside the parameter's range.
    pub const VALUE_OUT_OF_RANGE: &str = "value-out-of-range";
    /// Not one of the enum's values.
    pub const INVALID_ENUM_VALUE: &str = "invalid-enum-value";
    /// A value of the parameter's .NET enum that the cmdlet's page does not list (a warning).
    pub const UNLISTED_ENUM_VALUE: &str = "unlisted-enum-value";
    /// An enum value that exists only on the other side.
    pub const VALUE_NOT_ON_SIDE: &str = "value-not-on-side";
    /// Not a size (or `Unlimited` where allowed).
    pub const INVALID_SIZE: &str = "invalid-size";
    /// Text that is not a valid GUID, date, count, ...
    pub const INVALID_VALUE: &str = "invalid-value";
    /// Plain text given to a SecureString parameter.
    pub const PLAIN_TEXT_SECRET: &str = "plain-text-secret";
    /// A list given to a single-valued parameter.
    pub const NOT_MULTI_VALUED: &str = "not-multi-valued";
    /// `@{Add=...; Remove=...}` given to a parameter that does not take it.
    pub const ADD_REMOVE_NOT_SUPPORTED: &str = "add-remove-not-supported";
    /// A mandatory parameter of the chosen set is missing.
    pub const MISSING_MANDATORY: &str = "missing-mandatory-parameter";
    /// A parameter Microsoft's page marks mandatory is missing, and one of the page's own
    /// examples omits it too (an example's mistake, judged in scripts/doubtful-mandatory-judged.tsv):
    /// a warning, since the page contradicts itself.
    pub const MANDATORY_IN_DOUBT: &str = "mandatory-in-doubt";
    /// Parameters from sets that cannot be combined.
    pub const CONFLICTING_SETS: &str = "conflicting-parameter-sets";
    /// The parameters fit several sets and none is the default.
    pub const AMBIGUOUS_SET: &str = "ambiguous-parameter-set";
    /// The cmdlet, parameter or value is not in the target Exchange version.
    pub const NOT_ON_VERSION: &str = "not-available-on-version";
    /// It depends on a CU the target version does not state.
    pub const VERSION_UNKNOWN_CU: &str = "version-unknown-cu";
    /// More positional arguments than positional parameters.
    pub const TOO_MANY_POSITIONAL: &str = "too-many-positional-arguments";
    /// A run-time value that cannot be checked.
    pub const DYNAMIC_VALUE: &str = "dynamic-value";
}

/// Where an invocation is meant to run.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Target {
    /// The side of the hybrid organisation; on-premises by default.
    pub side: Side,
    /// The Exchange version, for on-premises version gating; `None` checks no version.
    pub version: Option<ExchangeVersion>,
}

/// The result of validation.
#[derive(Debug, Clone, PartialEq)]
pub struct Validated {
    /// The invocation in canonical form: the catalogue's spelling of the cmdlet and parameter names,
    /// positional arguments bound to their names, values coerced to the parameter's type. Anything
    /// that could not be resolved is kept as given.
    pub invocation: Invocation,
    /// The parameter set PowerShell would use, when it could be resolved.
    pub parameter_set: Option<String>,
    /// Findings, in the order of the parameters they concern.
    pub diagnostics: Vec<Diagnostic>,
    /// For each parameter of `invocation`, the index of the given parameter it comes from (a value
    /// a switch did not take becomes a positional argument of its own, from the same source).
    pub sources: Vec<usize>,
}

impl Validated {
    /// Whether there is no error (warnings and notes allowed).
    pub fn is_ok(&self) -> bool {
        !self.diagnostics.iter().any(|d| d.severity == Severity::Error)
    }
}

/// Validates one invocation run on its own.
pub fn validate(inv: &Invocation, target: &Target) -> Validated {
    validate_impl(inv, &[], target, false)
}

/// Validates a command read from a script: `forms` says how each parameter was written (see
/// [`ArgForm`]), `piped` whether it receives pipeline input.
pub fn validate_written(inv: &Invocation, forms: &[ArgForm], target: &Target, piped: bool) -> Validated {
    validate_impl(inv, forms, target, piped)
}

/// Validates an invocation that receives pipeline input (`Get-Mailbox x | Set-Mailbox -Type Shared`):
/// a mandatory parameter that takes pipeline input is not reported missing.
pub fn validate_pipeline_stage(inv: &Invocation, target: &Target) -> Validated {
    validate_impl(inv, &[], target, true)
}

fn side_name(side: Side) -> &'static str {
    match side {
        Side::OnPremises => "on-premises Exchange",
        Side::Online => "Exchange Online",
    }
}

fn other_side(side: Side) -> Side {
    match side {
        Side::OnPremises => Side::Online,
        Side::Online => Side::OnPremises,
    }
}

fn note(code: &'static str, message: String) -> Diagnostic {
    Diagnostic { severity: Severity::Note, ..Diagnostic::error(code, message) }
}

fn did_you_mean(names: &[&str], prefix: &str) -> Option<String> {
    if names.is_empty() {
        return None;
    }
    let list: Vec<String> = names.iter().map(|n| format!("{prefix}{n}")).collect();
    Some(format!("did you mean {}?", list.join(", ")))
}

struct Ctx<'a> {
    cmd: &'a CmdletInfo,
    target: &'a Target,
    /// The version to gate against: on-premises target with an on-premises version.
    gate: Option<&'a ExchangeVersion>,
    diags: Vec<Diagnostic>,
}

#[cfg(test)]
mod tests;
