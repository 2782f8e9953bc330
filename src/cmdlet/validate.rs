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

use super::catalogue::{CmdletInfo, ParamInfo, ParamKind, ParamMask, ParamMatch, catalogue};
use super::diagnostic::{Diagnostic, Severity};
use super::invocation::{Invocation, Parameter, Value};
use super::version::{Availability, ExchangeVersion, Support};
use crate::exchange::size::{ByteSize, Quota};
use crate::shell::Side;

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
}

impl Validated {
    /// Whether there is no error (warnings and notes allowed).
    pub fn is_ok(&self) -> bool {
        !self.diagnostics.iter().any(|d| d.severity == Severity::Error)
    }
}

/// Validates one invocation run on its own.
pub fn validate(inv: &Invocation, target: &Target) -> Validated {
    validate_impl(inv, target, false)
}

/// Validates an invocation that receives pipeline input (`Get-Mailbox x | Set-Mailbox -Type Shared`):
/// a mandatory parameter that takes pipeline input is not reported missing.
pub fn validate_pipeline_stage(inv: &Invocation, target: &Target) -> Validated {
    validate_impl(inv, target, true)
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

fn validate_impl(inv: &Invocation, target: &Target, piped: bool) -> Validated {
    let cat = catalogue();
    let Some(cmd) = cat.cmdlet(&inv.cmdlet, target.side) else {
        let d = match cat.entries(&inv.cmdlet).next() {
            Some(other) => Diagnostic::error(
                codes::CMDLET_NOT_ON_SIDE,
                format!("{} is not available in {}", other.name, side_name(target.side)),
            )
            .with_help(format!(
                "{} runs in {}; run it against that side",
                other.name,
                side_name(other.side)
            )),
            None => {
                let d =
                    Diagnostic::error(codes::UNKNOWN_CMDLET, format!("'{}' is not a cmdlet mbxctl knows", inv.cmdlet));
                let close = cat.closest_cmdlets(&inv.cmdlet);
                d.with_help(did_you_mean(&close, "").unwrap_or_else(|| "run `mbxctl cmdlets` to list them".into()))
            }
        };
        return Validated { invocation: inv.clone(), parameter_set: None, diagnostics: vec![d] };
    };
    let gate = match (target.side, &target.version) {
        (Side::OnPremises, Some(v)) if !v.is_online() => Some(v),
        _ => None,
    };
    let mut cx = Ctx { cmd, target, gate, diags: Vec::new() };
    cx.gate_availability(&cmd.availability, || (cmd.name.clone(), None));

    let mut params: Vec<Parameter> = Vec::with_capacity(inv.params.len());
    let mut bound = ParamMask::EMPTY;
    let mut order: Vec<usize> = Vec::with_capacity(inv.params.len());
    let mut positional_args: Vec<usize> = Vec::new();
    for p in &inv.params {
        let Some(name) = &p.name else {
            positional_args.push(params.len());
            params.push(p.clone());
            continue;
        };
        match cmd.resolve_parameter(name) {
            ParamMatch::Found(idx) => {
                let info = &cmd.parameters[idx];
                if bound.contains(idx) {
                    cx.diags.push(
                        Diagnostic::error(
                            codes::DUPLICATE_PARAMETER,
                            format!("{} -{} is given more than once", cmd.name, info.name),
                        )
                        .with_parameter(info.name.clone())
                        .with_help("give each parameter once; for several values use a list"),
                    );
                } else {
                    order.push(idx);
                }
                bound.insert(idx);
                let value = cx.coerce(info, &p.value);
                cx.gate_availability(&info.availability, || {
                    (format!("{} -{}", cmd.name, info.name), Some(info.name.clone()))
                });
                params.push(Parameter { name: Some(info.name.clone()), value });
            }
            ParamMatch::Ambiguous(candidates) => {
                let names: Vec<String> = candidates.iter().map(|i| format!("-{}", cmd.parameters[*i].name)).collect();
                cx.diags.push(
                    Diagnostic::error(
                        codes::AMBIGUOUS_PARAMETER,
                        format!("{} -{name} is ambiguous: it matches {}", cmd.name, names.join(", ")),
                    )
                    .with_parameter(name.clone())
                    .with_help("write more of the name"),
                );
                params.push(p.clone());
            }
            ParamMatch::Unknown => {
                cx.unknown_parameter(name);
                params.push(p.clone());
            }
        }
    }

    // The sets still possible after the named parameters.
    let all = cmd.all_sets_mask();
    let mut candidates = all;
    let mut conflict = false;
    for &idx in &order {
        let mask = cmd.parameters[idx].set_mask;
        if candidates & mask == 0 {
            cx.conflict(idx, &order, candidates);
            conflict = true;
            break;
        }
        candidates &= mask;
    }

    // Positional arguments bind to positional parameters of the sets still possible.
    for &slot in &positional_args {
        match pick_positional(cmd, bound, candidates) {
            Some(idx) => {
                let info = &cmd.parameters[idx];
                bound.insert(idx);
                if !conflict {
                    candidates &= info.set_mask;
                }
                let value = cx.coerce(info, &params[slot].value);
                cx.gate_availability(&info.availability, || {
                    (format!("{} -{}", cmd.name, info.name), Some(info.name.clone()))
                });
                params[slot] = Parameter { name: Some(info.name.clone()), value };
            }
            None => {
                let n = cmd.positional().iter().filter(|(_, i)| cmd.parameters[*i].set_mask & candidates != 0).count();
                cx.diags.push(
                    Diagnostic::error(
                        codes::TOO_MANY_POSITIONAL,
                        format!("{} takes {n} positional argument(s) here; one too many was given", cmd.name),
                    )
                    .with_help("name the parameter the value is meant for (-Name value)"),
                );
            }
        }
    }

    let parameter_set = if conflict { None } else { cx.resolve_set(candidates, bound, piped) };
    let invocation = Invocation { cmdlet: cmd.name.clone(), params };
    Validated { invocation, parameter_set, diagnostics: cx.diags }
}

/// The next positional parameter: lowest position, unbound, in a possible set; at equal positions
/// the one in the default set wins, as PowerShell prefers the default set.
fn pick_positional(cmd: &CmdletInfo, bound: ParamMask, candidates: u64) -> Option<usize> {
    let default_bit = 1u64 << cmd.default_set_index();
    let mut best: Option<(u32, usize)> = None;
    for &(pos, idx) in cmd.positional() {
        let info = &cmd.parameters[idx];
        if bound.contains(idx) || info.set_mask & candidates == 0 {
            continue;
        }
        match best {
            None => best = Some((pos, idx)),
            Some((bpos, bidx)) if bpos == pos => {
                let prefer = info.set_mask & candidates & default_bit != 0
                    && cmd.parameters[bidx].set_mask & candidates & default_bit == 0;
                if prefer {
                    best = Some((pos, idx));
                }
            }
            Some(_) => break,
        }
    }
    best.map(|(_, idx)| idx)
}

impl Ctx<'_> {
    fn push(&mut self, d: Diagnostic) {
        self.diags.push(d);
    }

    /// Reports what the target version lacks. `what` names the thing (only called on a finding).
    fn gate_availability(&mut self, avail: &Availability, what: impl FnOnce() -> (String, Option<String>)) {
        let Some(v) = self.gate else { return };
        if avail.is_everywhere() {
            return;
        }
        match avail.check(v) {
            Support::Yes => {}
            Support::No => {
                let (thing, param) = what();
                let mut d = Diagnostic::error(codes::NOT_ON_VERSION, format!("{thing} is not available in {v}"))
                    .with_help(format!("it needs {}", avail.describe()));
                if let Some(p) = param {
                    d = d.with_parameter(p);
                }
                self.push(d);
            }
            Support::Unknown => {
                let (thing, param) = what();
                let mut d = Diagnostic::warning(
                    codes::VERSION_UNKNOWN_CU,
                    format!("{thing} needs {}; the target {v} does not say which CU", avail.describe()),
                )
                .with_help(format!(
                    "give the CU (e.g. '{} CU23') or the build number from Get-ExchangeServer",
                    v.product.label()
                ));
                if let Some(p) = param {
                    d = d.with_parameter(p);
                }
                self.push(d);
            }
        }
    }

    fn unknown_parameter(&mut self, name: &str) {
        let cmd = self.cmd;
        let shown = name.strip_prefix('-').unwrap_or(name);
        let other = catalogue().cmdlet(&cmd.name, other_side(self.target.side));
        if let Some(o) = other
            && let ParamMatch::Found(i) = o.resolve_parameter(name)
        {
            let pname = &o.parameters[i].name;
            self.push(
                Diagnostic::error(
                    codes::PARAMETER_NOT_ON_SIDE,
                    format!("{} -{pname} exists only in {}", cmd.name, side_name(o.side)),
                )
                .with_parameter(pname.clone())
                .with_help(format!("run it against {} or leave -{pname} out", side_name(o.side))),
            );
            return;
        }
        let close = cmd.closest_parameters(shown);
        self.push(
            Diagnostic::error(codes::UNKNOWN_PARAMETER, format!("{} has no parameter -{shown}", cmd.name))
                .with_parameter(shown.to_string())
                .with_help(
                    did_you_mean(&close, "-")
                        .unwrap_or_else(|| format!("run `mbxctl cmdlets {}` to list its parameters", cmd.name)),
                ),
        );
    }

    fn conflict(&mut self, idx: usize, order: &[usize], candidates: u64) {
        let cmd = self.cmd;
        let info = &cmd.parameters[idx];
        // The earlier parameters that exclude this one.
        let others: Vec<String> = order
            .iter()
            .take_while(|&&o| o != idx)
            .filter(|&&o| cmd.parameters[o].set_mask & info.set_mask == 0)
            .map(|&o| format!("-{}", cmd.parameters[o].name))
            .collect();
        self.push(
            Diagnostic::error(
                codes::CONFLICTING_SETS,
                format!(
                    "{} -{} (parameter set {}) cannot be combined with {} (parameter set {})",
                    cmd.name,
                    info.name,
                    cmd.set_names(info.set_mask).join(", "),
                    others.join(", "),
                    cmd.set_names(candidates).join(", ")
                ),
            )
            .with_parameter(info.name.clone())
            .with_help("use the parameters of one parameter set only; see `mbxctl cmdlets` for the sets"),
        );
    }

    fn resolve_set(&mut self, candidates: u64, bound: ParamMask, piped: bool) -> Option<String> {
        let cmd = self.cmd;
        let supplied = if piped { bound | cmd.pipeline_mask() } else { bound };
        let satisfied = |set: usize| (cmd.mandatory_in(set) & !supplied).is_empty();
        let default = cmd.default_set_index();
        let sets = (0..cmd.parameter_sets.len()).filter(|s| candidates & (1 << s) != 0);
        let sat: Vec<usize> = sets.clone().filter(|&s| satisfied(s)).collect();
        let chosen = if candidates.count_ones() == 1 {
            candidates.trailing_zeros() as usize
        } else if sat.contains(&default) {
            default
        } else if sat.len() == 1 {
            sat[0]
        } else if sat.is_empty() && candidates & (1 << default) != 0 {
            default
        } else {
            let names: Vec<&str> = if sat.is_empty() {
                sets.map(|s| cmd.parameter_sets[s].as_str()).collect()
            } else {
                sat.iter().map(|&s| cmd.parameter_sets[s].as_str()).collect()
            };
            self.push(
                Diagnostic::error(
                    codes::AMBIGUOUS_SET,
                    format!("{}: the parameters given fit parameter sets {}", cmd.name, names.join(", ")),
                )
                .with_help("add a parameter that belongs to only the set you mean"),
            );
            return None;
        };
        let missing = cmd.mandatory_in(chosen) & !supplied;
        if !missing.is_empty() {
            for (i, info) in cmd.parameters.iter().enumerate() {
                if !missing.contains(i) {
                    continue;
                }
                let in_set = if cmd.parameter_sets.len() > 1 {
                    format!(" (parameter set {})", cmd.parameter_sets[chosen])
                } else {
                    String::new()
                };
                let piping =
                    if info.pipeline != super::catalogue::PipelineInput::None { ", or pipe it in" } else { "" };
                self.push(
                    Diagnostic::error(codes::MISSING_MANDATORY, format!("{} needs -{}{in_set}", cmd.name, info.name))
                        .with_parameter(info.name.clone())
                        .with_help(format!("give -{} <{}>{piping}", info.name, type_label(info))),
                );
            }
        }
        Some(cmd.parameter_sets[chosen].clone())
    }

    /// Checks and converts one value for a parameter; reports problems and keeps the value as given.
    fn coerce(&mut self, info: &ParamInfo, value: &Value) -> Value {
        if let Value::Dynamic(text) = value {
            self.push(
                note(
                    codes::DYNAMIC_VALUE,
                    format!(
                        "{} -{}: '{text}' is computed when it runs, so it is not checked",
                        self.cmd.name, info.name
                    ),
                )
                .with_parameter(info.name.clone()),
            );
            return value.clone();
        }
        match &info.kind {
            ParamKind::MultiValued { of, add_remove } => match value {
                Value::List(items) => {
                    let mut out = Vec::with_capacity(items.len());
                    for item in items {
                        out.push(self.scalar_text(info, of, item));
                    }
                    Value::List(out)
                }
                Value::AddRemove { add, remove } => {
                    if !add_remove {
                        self.push(
                            Diagnostic::error(
                                codes::ADD_REMOVE_NOT_SUPPORTED,
                                format!("{} -{} does not take @{{Add=...; Remove=...}}", self.cmd.name, info.name),
                            )
                            .with_parameter(info.name.clone())
                            .with_help("give the complete list of values instead"),
                        );
                        return value.clone();
                    }
                    let add = add.iter().map(|s| self.scalar_text(info, of, s)).collect();
                    let remove = remove.iter().map(|s| self.scalar_text(info, of, s)).collect();
                    Value::AddRemove { add, remove }
                }
                single => self.scalar(info, of, single),
            },
            kind => match value {
                Value::List(_) | Value::AddRemove { .. } => {
                    self.push(
                        Diagnostic::error(
                            codes::NOT_MULTI_VALUED,
                            format!("{} -{} takes one value, not a list", self.cmd.name, info.name),
                        )
                        .with_parameter(info.name.clone())
                        .with_help("run the command once per value"),
                    );
                    value.clone()
                }
                single => self.scalar(info, kind, single),
            },
        }
    }

    /// A list item (always text) checked against the element kind.
    fn scalar_text(&mut self, info: &ParamInfo, kind: &ParamKind, item: &str) -> String {
        if let ParamKind::Enum { .. } = kind
            && let Some(canonical) = self.enum_value(info, kind, item)
        {
            return canonical.to_string();
        }
        if !matches!(kind, ParamKind::Enum { .. }) {
            let v = Value::String(item.to_string());
            if let Value::String(s) = self.scalar(info, kind, &v) {
                return s;
            }
        }
        item.to_string()
    }

    fn type_error(&mut self, info: &ParamInfo, value: &Value, help: String) {
        let got = match value {
            Value::Switch(_) => "a switch",
            Value::String(_) => "text",
            Value::Int(_) => "a number",
            Value::Bool(_) => "a boolean",
            Value::List(_) => "a list",
            Value::AddRemove { .. } => "an Add/Remove table",
            Value::Secure(_) => "a secure value",
            Value::Dynamic(_) => "a run-time value",
        };
        self.push(
            Diagnostic::error(
                codes::INVALID_VALUE_TYPE,
                format!("{} -{} takes {}, not {got}", self.cmd.name, info.name, type_label(info)),
            )
            .with_parameter(info.name.clone())
            .with_help(help),
        );
    }

    fn invalid(&mut self, code: &'static str, info: &ParamInfo, message: String, help: String) {
        self.push(
            Diagnostic::error(code, format!("{} -{}: {message}", self.cmd.name, info.name))
                .with_parameter(info.name.clone())
                .with_help(help),
        );
    }

    fn scalar(&mut self, info: &ParamInfo, kind: &ParamKind, value: &Value) -> Value {
        // A bare `-Name` for a parameter that needs a value.
        if let (Value::Switch(present), false) = (value, matches!(kind, ParamKind::Switch)) {
            if !present && matches!(kind, ParamKind::Bool) {
                return Value::Bool(false);
            }
            self.push(
                Diagnostic::error(codes::MISSING_ARGUMENT, format!("{} -{} needs a value", self.cmd.name, info.name))
                    .with_parameter(info.name.clone())
                    .with_help(format!("give -{} <{}>", info.name, type_label(info))),
            );
            return value.clone();
        }
        if let (Value::Secure(_), false) = (value, matches!(kind, ParamKind::SecureString)) {
            self.type_error(info, value, "secure values are only for SecureString parameters".into());
            return value.clone();
        }
        match kind {
            ParamKind::Switch => match value {
                Value::Switch(b) | Value::Bool(b) => Value::Switch(*b),
                Value::Int(n) => Value::Switch(*n != 0),
                _ => {
                    self.type_error(info, value, format!("give -{0} alone, or -{0}:$false", info.name));
                    value.clone()
                }
            },
            ParamKind::Bool => match value {
                Value::Bool(b) => Value::Bool(*b),
                Value::Int(n) => Value::Bool(*n != 0),
                _ => {
                    self.type_error(
                        info,
                        value,
                        "Boolean parameters accept only Boolean values and numbers, such as $true, $false, 1 or 0"
                            .into(),
                    );
                    value.clone()
                }
            },
            ParamKind::String | ParamKind::Identity | ParamKind::DateTime | ParamKind::Guid => {
                let text = match value {
                    Value::String(s) => s.clone(),
                    Value::Int(n) if !matches!(kind, ParamKind::Guid) => n.to_string(),
                    _ => {
                        self.type_error(info, value, format!("give -{} '<text>'", info.name));
                        return value.clone();
                    }
                };
                if matches!(kind, ParamKind::Guid) && uuid::Uuid::parse_str(text.trim()).is_err() {
                    self.invalid(
                        codes::INVALID_VALUE,
                        info,
                        format!("'{text}' is not a GUID"),
                        "write it as 8-4-4-4-12 hexadecimal digits, e.g. 3d4f1a2b-0c5e-4f7a-9b8c-1d2e3f4a5b6c".into(),
                    );
                }
                if matches!(kind, ParamKind::DateTime) && !text.chars().any(|c| c.is_ascii_digit()) {
                    self.invalid(
                        codes::INVALID_VALUE,
                        info,
                        format!("'{text}' is not a date"),
                        "write the date as yyyy-MM-dd (optionally with a time, yyyy-MM-ddTHH:mm:ss)".into(),
                    );
                }
                Value::String(text)
            }
            ParamKind::Int { min, max } => {
                let n = match value {
                    Value::Int(n) => *n,
                    Value::String(s) if s.trim().parse::<i64>().is_ok() => s.trim().parse().unwrap_or_default(),
                    _ => {
                        self.type_error(info, value, format!("give a whole number from {min} to {max}"));
                        return value.clone();
                    }
                };
                if n < *min || n > *max {
                    self.invalid(
                        codes::VALUE_OUT_OF_RANGE,
                        info,
                        format!("{n} is out of range"),
                        format!("give a whole number from {min} to {max}"),
                    );
                }
                Value::Int(n)
            }
            ParamKind::IntOrUnlimited { min } => match value {
                Value::Int(n) => {
                    if n < min {
                        self.invalid(
                            codes::VALUE_OUT_OF_RANGE,
                            info,
                            format!("{n} is below {min}"),
                            format!("give a count of at least {min}, or 'Unlimited'"),
                        );
                    }
                    Value::Int(*n)
                }
                Value::String(s) if s.trim().eq_ignore_ascii_case("unlimited") => Value::String("Unlimited".into()),
                Value::String(s) => match s.trim().parse::<i64>() {
                    Ok(n) => self.scalar(info, kind, &Value::Int(n)),
                    Err(_) => {
                        self.invalid(
                            codes::INVALID_VALUE,
                            info,
                            format!("'{s}' is not a count"),
                            "give a whole number or 'Unlimited'".into(),
                        );
                        value.clone()
                    }
                },
                _ => {
                    self.type_error(info, value, "give a whole number or 'Unlimited'".into());
                    value.clone()
                }
            },
            ParamKind::ByteSize | ParamKind::Quota => {
                let quota = matches!(kind, ParamKind::Quota);
                match value {
                    Value::Int(n) if *n >= 0 => Value::Int(*n),
                    Value::String(s) if quota && s.trim().eq_ignore_ascii_case("unlimited") => {
                        Value::String("Unlimited".into())
                    }
                    Value::String(s) => {
                        let ok = if quota { s.parse::<Quota>().is_ok() } else { s.parse::<ByteSize>().is_ok() };
                        if !ok {
                            let also = if quota { " or 'Unlimited'" } else { "" };
                            self.invalid(
                                codes::INVALID_SIZE,
                                info,
                                format!("'{s}' is not a size"),
                                format!("give a size such as '50GB', '1.5 GB' or a byte count{also}"),
                            );
                        }
                        value.clone()
                    }
                    _ => {
                        self.type_error(info, value, "give a size such as '50GB'".into());
                        value.clone()
                    }
                }
            }
            ParamKind::SecureString => match value {
                Value::Secure(_) => value.clone(),
                Value::String(_) => {
                    self.push(
                        Diagnostic::error(
                            codes::PLAIN_TEXT_SECRET,
                            format!("{} -{} was given as plain text", self.cmd.name, info.name),
                        )
                        .with_parameter(info.name.clone())
                        .with_help(
                            "secrets must be passed as secure values (prompted, or read from a secret store), \
                             never as plain text",
                        ),
                    );
                    value.clone()
                }
                _ => {
                    self.type_error(info, value, "pass a secure value".into());
                    value.clone()
                }
            },
            ParamKind::Enum { .. } => match value {
                Value::String(s) => match self.enum_value(info, kind, s) {
                    Some(canonical) => Value::String(canonical.to_string()),
                    None => value.clone(),
                },
                _ => {
                    self.type_error(info, value, format!("valid values: {}", enum_names(kind).join(", ")));
                    value.clone()
                }
            },
            ParamKind::MultiValued { .. } => value.clone(),
        }
    }

    /// Matches an enum value case-insensitively, gates it by version and reports it when invalid.
    fn enum_value<'k>(&mut self, info: &ParamInfo, kind: &'k ParamKind, given: &str) -> Option<&'k str> {
        let ParamKind::Enum { values } = kind else { return None };
        let trimmed = given.trim();
        if let Some(v) = values.iter().find(|v| v.name.eq_ignore_ascii_case(trimmed)) {
            let cmd = self.cmd;
            self.gate_availability(&v.availability, || {
                (format!("{} -{} {}", cmd.name, info.name, v.name), Some(info.name.clone()))
            });
            return Some(&v.name);
        }
        // Valid on the other side of the organisation?
        let other =
            catalogue().cmdlet(&self.cmd.name, other_side(self.target.side)).and_then(|c| c.parameter(&info.name));
        if let Some(other) = other
            && let ParamKind::Enum { values: other_values } = strip_multi(&other.kind)
            && let Some(v) = other_values.iter().find(|v| v.name.eq_ignore_ascii_case(trimmed))
        {
            let there = side_name(other_side(self.target.side));
            self.invalid(
                codes::VALUE_NOT_ON_SIDE,
                info,
                format!("'{}' is valid only in {there}", v.name),
                format!("valid values here: {}", self.valid_names(kind).join(", ")),
            );
            return None;
        }
        let valid = self.valid_names(kind);
        self.invalid(
            codes::INVALID_ENUM_VALUE,
            info,
            format!("'{given}' is not a valid value"),
            format!("valid values: {}", valid.join(", ")),
        );
        None
    }

    /// Enum names valid on the target version (all of them when no version is given).
    fn valid_names<'k>(&self, kind: &'k ParamKind) -> Vec<&'k str> {
        let ParamKind::Enum { values } = kind else { return Vec::new() };
        values
            .iter()
            .filter(|v| self.gate.is_none_or(|g| v.availability.check(g) != Support::No))
            .map(|v| v.name.as_str())
            .collect()
    }
}

fn strip_multi(kind: &ParamKind) -> &ParamKind {
    match kind {
        ParamKind::MultiValued { of, .. } => of,
        k => k,
    }
}

fn enum_names(kind: &ParamKind) -> Vec<&str> {
    match strip_multi(kind) {
        ParamKind::Enum { values } => values.iter().map(|v| v.name.as_str()).collect(),
        _ => Vec::new(),
    }
}

/// How a parameter's type reads in messages.
fn type_label(info: &ParamInfo) -> String {
    let base = match strip_multi(&info.kind) {
        ParamKind::String => "text",
        ParamKind::Identity => "identity",
        ParamKind::Switch => "switch",
        ParamKind::Bool => "$true or $false",
        ParamKind::Int { .. } => "whole number",
        ParamKind::Enum { .. } => "value",
        ParamKind::ByteSize => "size",
        ParamKind::Quota => "size or Unlimited",
        ParamKind::IntOrUnlimited { .. } => "count or Unlimited",
        ParamKind::SecureString => "secure string",
        ParamKind::Guid => "GUID",
        ParamKind::DateTime => "date",
        ParamKind::MultiValued { .. } => "values",
    };
    let many = if matches!(info.kind, ParamKind::MultiValued { .. }) { " list" } else { "" };
    match &info.type_name {
        Some(t) => format!("{base}{many} ({t})"),
        None => format!("{base}{many}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::secret::Secret;

    fn onprem(version: &str) -> Target {
        Target { side: Side::OnPremises, version: Some(version.parse().unwrap()) }
    }

    fn online() -> Target {
        Target { side: Side::Online, version: None }
    }

    fn codes_of(v: &Validated) -> Vec<&'static str> {
        v.diagnostics.iter().map(|d| d.code).collect()
    }

    fn only(v: &Validated, code: &str) -> Diagnostic {
        assert_eq!(codes_of(v), vec![code], "{:#?}", v.diagnostics);
        v.diagnostics[0].clone()
    }

    #[test]
    fn canonicalizes_a_typical_invocation() {
        let inv = Invocation::new("set-mailbox").param("identity", "kim").param("TY", "shared");
        let v = validate(&inv, &Target::default());
        assert!(v.is_ok(), "{:#?}", v.diagnostics);
        assert!(v.diagnostics.is_empty());
        assert_eq!(v.invocation, Invocation::new("Set-Mailbox").param("Identity", "kim").param("Type", "Shared"));
        assert_eq!(v.parameter_set.as_deref(), Some("Identity"));
    }

    #[test]
    fn unknown_cmdlet_suggests_closest() {
        let v = validate(&Invocation::new("Set-Mailbx").param("Identity", "x"), &Target::default());
        let d = only(&v, codes::UNKNOWN_CMDLET);
        assert_eq!(d.help.as_deref(), Some("did you mean Set-Mailbox?"));
        assert!(!v.is_ok());
        assert_eq!(v.invocation.cmdlet, "Set-Mailbx");
    }

    #[test]
    fn cmdlet_on_the_wrong_side() {
        let v = validate(&Invocation::new("Set-RemoteMailbox").param("Identity", "x"), &online());
        let d = only(&v, codes::CMDLET_NOT_ON_SIDE);
        assert_eq!(d.message, "Set-RemoteMailbox is not available in Exchange Online");
        let v = validate(&Invocation::new("Get-EXOMailbox"), &Target::default());
        only(&v, codes::CMDLET_NOT_ON_SIDE);
    }

    #[test]
    fn unknown_parameter_suggests_closest() {
        let v = validate(
            &Invocation::new("Set-Mailbox").param("Identity", "x").param("Tpye", "Shared"),
            &Target::default(),
        );
        let d = only(&v, codes::UNKNOWN_PARAMETER);
        assert_eq!(d.parameter.as_deref(), Some("Tpye"));
        assert_eq!(d.help.as_deref(), Some("did you mean -Type?"));
        assert_eq!(v.invocation.params[1].name.as_deref(), Some("Tpye"));
    }

    #[test]
    fn parameter_only_on_the_other_side() {
        let inv = Invocation::new("Set-Mailbox").param("Identity", "x").param("ResetPasswordOnNextLogon", true);
        let d = only(&validate(&inv, &online()), codes::PARAMETER_NOT_ON_SIDE);
        assert_eq!(d.message, "Set-Mailbox -ResetPasswordOnNextLogon exists only in on-premises Exchange");
        let inv = Invocation::new("Set-Mailbox").param("Identity", "x").param("AutoArchivingEnabled", true);
        only(&validate(&inv, &Target::default()), codes::PARAMETER_NOT_ON_SIDE);
    }

    #[test]
    fn prefixes_aliases_and_ambiguity() {
        let inv = Invocation::new("Add-MailboxPermission")
            .param("Id", "shared")
            .param("Us", "kim")
            .param("AccessR", vec!["fullaccess".to_string()])
            .param("inh", "all")
            .param("cf", false);
        let v = validate(&inv, &Target::default());
        assert!(v.is_ok(), "{:#?}", v.diagnostics);
        let names: Vec<_> = v.invocation.params.iter().map(|p| p.name.clone().unwrap()).collect();
        assert_eq!(names, ["Identity", "User", "AccessRights", "InheritanceType", "Confirm"]);
        assert_eq!(v.invocation.params[2].value, Value::List(vec!["FullAccess".into()]));
        assert_eq!(v.invocation.params[3].value, Value::String("All".into()));
        assert_eq!(v.invocation.params[4].value, Value::Switch(false));

        let v = validate(&Invocation::new("Set-Mailbox").param("Identity", "x").param("D", "y"), &Target::default());
        let d = only(&v, codes::AMBIGUOUS_PARAMETER);
        assert!(d.message.contains("-DomainController") && d.message.contains("-Debug"), "{}", d.message);
        assert!(d.message.contains("-DisplayName"), "{}", d.message);
    }

    #[test]
    fn wrong_value_types() {
        let t = Target::default();
        let d = only(
            &validate(
                &Invocation::new("Set-Mailbox").param("Identity", "x").param("HiddenFromAddressListsEnabled", "yes"),
                &t,
            ),
            codes::INVALID_VALUE_TYPE,
        );
        assert_eq!(d.parameter.as_deref(), Some("HiddenFromAddressListsEnabled"));
        assert!(d.help.unwrap().contains("$true, $false, 1 or 0"));
        // A bare switch for a parameter that needs a value.
        let d = only(
            &validate(&Invocation::new("Set-Mailbox").param("Identity", "x").switch("Type"), &t),
            codes::MISSING_ARGUMENT,
        );
        assert_eq!(d.message, "Set-Mailbox -Type needs a value");
        // Lists only where multi-valued.
        let inv = Invocation::new("Set-Mailbox").param("Identity", vec!["a".to_string(), "b".to_string()]);
        only(&validate(&inv, &t), codes::NOT_MULTI_VALUED);
        let inv = Invocation::new("Get-Recipient")
            .param("Properties", Value::AddRemove { add: vec!["a".into()], remove: vec![] });
        only(&validate(&inv, &t), codes::ADD_REMOVE_NOT_SUPPORTED);
        let inv = Invocation::new("Set-RemoteMailbox").param("Identity", "x").param("ExchangeGuid", "not-a-guid");
        only(&validate(&inv, &t), codes::INVALID_VALUE);
        let inv = Invocation::new("Get-Mailbox").param("ResultSize", 0 - 5);
        only(&validate(&inv, &t), codes::VALUE_OUT_OF_RANGE);
        let inv = Invocation::new("Get-Mailbox").param("OutBuffer", "lots");
        only(&validate(&inv, &t), codes::INVALID_VALUE_TYPE);
    }

    #[test]
    fn coercions() {
        let t = Target::default();
        let inv = Invocation::new("Set-Mailbox")
            .param("Identity", 42)
            .param("Force", true)
            .param("HiddenFromAddressListsEnabled", 1)
            .param("ProhibitSendQuota", "unlimited")
            .param("IssueWarningQuota", "49GB")
            .param("GrantSendOnBehalfTo", Value::AddRemove { add: vec!["kim".into()], remove: vec![] });
        let v = validate(&inv, &t);
        assert!(v.diagnostics.is_empty(), "{:#?}", v.diagnostics);
        let vals: Vec<_> = v.invocation.params.iter().map(|p| p.value.clone()).collect();
        assert_eq!(
            vals,
            [
                Value::String("42".into()),
                Value::Switch(true),
                Value::Bool(true),
                Value::String("Unlimited".into()),
                Value::String("49GB".into()),
                Value::AddRemove { add: vec!["kim".into()], remove: vec![] },
            ]
        );
        let inv = Invocation::new("Get-Mailbox").param("ResultSize", "UNLIMITED");
        assert_eq!(validate(&inv, &t).invocation.params[0].value, Value::String("Unlimited".into()));
        let inv = Invocation::new("Get-Mailbox").param("ResultSize", "500");
        assert_eq!(validate(&inv, &t).invocation.params[0].value, Value::Int(500));
        let inv = Invocation::new("Set-Mailbox").param("Identity", "x").param("ProhibitSendQuota", "lots");
        let d = only(&validate(&inv, &t), codes::INVALID_SIZE);
        assert_eq!(d.message, "Set-Mailbox -ProhibitSendQuota: 'lots' is not a size");
        let inv = Invocation::new("Set-Mailbox").param("Identity", "x").param("RulesQuota", "Unlimited");
        only(&validate(&inv, &t), codes::INVALID_SIZE);
    }

    #[test]
    fn secrets_must_be_secure_values() {
        let t = Target::default();
        let inv =
            Invocation::new("Set-Mailbox").param("Identity", "x").param("Type", "Regular").param("Password", "P@ss");
        let d = only(&validate(&inv, &t), codes::PLAIN_TEXT_SECRET);
        assert!(d.help.unwrap().contains("secure values"));
        let inv = Invocation::new("Set-Mailbox")
            .param("Identity", "x")
            .param("Type", "Regular")
            .param("Password", Secret::new("P@ss".to_string()));
        assert!(validate(&inv, &t).diagnostics.is_empty());
        let inv = Invocation::new("Set-Mailbox").param("Identity", Secret::new("x".to_string()));
        only(&validate(&inv, &t), codes::INVALID_VALUE_TYPE);
    }

    #[test]
    fn dynamic_values_are_noted_not_checked() {
        let inv =
            Invocation::new("Set-Mailbox").param("Identity", Value::Dynamic("$mbx".into())).param("Type", "Shared");
        let v = validate(&inv, &Target::default());
        assert!(v.is_ok());
        let d = only(&v, codes::DYNAMIC_VALUE);
        assert_eq!(d.severity, Severity::Note);
    }

    #[test]
    fn enum_values_are_case_insensitive_and_listed_when_wrong() {
        let inv = Invocation::new("Set-Mailbox").param("Identity", "x").param("Type", "Sharde");
        let d = only(&validate(&inv, &Target::default()), codes::INVALID_ENUM_VALUE);
        assert_eq!(d.help.as_deref(), Some("valid values: Regular, Room, Equipment, Shared"));
        let inv = Invocation::new("Get-Mailbox")
            .param("RecipientTypeDetails", vec!["sharedmailbox".to_string(), "usermailbox".to_string()]);
        let v = validate(&inv, &Target::default());
        assert_eq!(v.invocation.params[0].value, Value::List(vec!["SharedMailbox".into(), "UserMailbox".into()]));
    }

    #[test]
    fn workspace_is_online_only() {
        let inv = Invocation::new("Set-Mailbox").param("Identity", "x").param("Type", "workspace");
        let v = validate(&inv, &online());
        assert!(v.diagnostics.is_empty(), "{:#?}", v.diagnostics);
        assert_eq!(v.invocation.params[1].value, Value::String("Workspace".into()));
        let d = only(&validate(&inv, &Target::default()), codes::VALUE_NOT_ON_SIDE);
        assert_eq!(d.message, "Set-Mailbox -Type: 'Workspace' is valid only in Exchange Online");
        assert_eq!(only(&validate(&inv, &onprem("2019")), codes::VALUE_NOT_ON_SIDE).parameter.as_deref(), Some("Type"));
    }

    #[test]
    fn remote_shared_is_gated_by_cu() {
        let inv = Invocation::new("Set-RemoteMailbox").param("Identity", "x").param("Type", "Shared");
        let d = only(&validate(&inv, &onprem("2016 CU9")), codes::NOT_ON_VERSION);
        assert_eq!(d.message, "Set-RemoteMailbox -Type Shared is not available in Exchange 2016 CU9");
        assert_eq!(
            d.help.as_deref(),
            Some("it needs Exchange 2013 CU21 or later, Exchange 2016 CU10 or later, later Exchange Server versions")
        );
        for ok in ["2016 CU10", "15.1.1531.3", "2019", "SE", "2013 CU21"] {
            let v = validate(&inv, &onprem(ok));
            assert!(v.diagnostics.is_empty(), "{ok}: {:#?}", v.diagnostics);
        }
        only(&validate(&inv, &onprem("15.1.1466.3")), codes::NOT_ON_VERSION);
        let d = only(&validate(&inv, &onprem("2016")), codes::VERSION_UNKNOWN_CU);
        assert_eq!(d.severity, Severity::Warning);
        // Without a version nothing is gated.
        assert!(validate(&inv, &Target::default()).diagnostics.is_empty());
        // Valid values listed for 2016 CU9 leave Shared out.
        let bad = Invocation::new("Set-RemoteMailbox").param("Identity", "x").param("Type", "nope");
        let d = only(&validate(&bad, &onprem("2016 CU9")), codes::INVALID_ENUM_VALUE);
        assert_eq!(d.help.as_deref(), Some("valid values: Regular, Room, Equipment"));
    }

    #[test]
    fn parameters_and_cmdlet_switches_gated_by_version() {
        let inv = Invocation::new("Get-Mailbox").switch("AuditLog");
        let d = only(&validate(&inv, &onprem("2013 CU23")), codes::NOT_ON_VERSION);
        assert_eq!(d.parameter.as_deref(), Some("AuditLog"));
        assert!(validate(&inv, &onprem("2016 CU1")).diagnostics.is_empty());
        let inv = Invocation::new("Enable-RemoteMailbox").param("Identity", "x").switch("Shared");
        only(&validate(&inv, &onprem("2013 CU20")), codes::NOT_ON_VERSION);
        // Online ignores version gating.
        let inv = Invocation::new("Set-Mailbox").param("Identity", "x").param("Type", "Desk");
        let t = Target { side: Side::Online, version: Some("2016 CU1".parse().unwrap()) };
        assert!(validate(&inv, &t).diagnostics.is_empty());
    }

    #[test]
    fn missing_mandatory_and_pipeline_stage() {
        let inv = Invocation::new("Set-Mailbox").param("Type", "Shared");
        let d = only(&validate(&inv, &Target::default()), codes::MISSING_MANDATORY);
        assert_eq!(d.message, "Set-Mailbox needs -Identity (parameter set Identity)");
        assert_eq!(d.help.as_deref(), Some("give -Identity <identity (MailboxIdParameter)>, or pipe it in"));
        assert!(validate_pipeline_stage(&inv, &Target::default()).is_ok());
        let inv = Invocation::new("Add-MailboxPermission").param("Identity", "x");
        let v = validate(&inv, &Target::default());
        assert_eq!(codes_of(&v), [codes::MISSING_MANDATORY, codes::MISSING_MANDATORY]);
        assert_eq!(v.diagnostics[0].message, "Add-MailboxPermission needs -AccessRights (parameter set AccessRights)");
        assert_eq!(v.diagnostics[1].parameter.as_deref(), Some("User"));
        assert_eq!(v.parameter_set.as_deref(), Some("AccessRights"));
    }

    #[test]
    fn duplicate_parameter() {
        let inv = Invocation::new("Set-Mailbox").param("Identity", "x").param("Type", "Shared").param("type", "Room");
        let d = only(&validate(&inv, &Target::default()), codes::DUPLICATE_PARAMETER);
        assert_eq!(d.message, "Set-Mailbox -Type is given more than once");
    }

    #[test]
    fn conflicting_parameter_sets() {
        let inv = Invocation::new("Enable-RemoteMailbox").param("Identity", "x").switch("Room").switch("Shared");
        let v = validate(&inv, &Target::default());
        let d = only(&v, codes::CONFLICTING_SETS);
        assert_eq!(
            d.message,
            "Enable-RemoteMailbox -Shared (parameter set Shared) cannot be combined with -Room (parameter set Room)"
        );
        assert_eq!(v.parameter_set, None);
        let inv =
            Invocation::new("Add-MailboxPermission").param("Identity", "x").param("Owner", "kim").param("User", "y");
        only(&validate(&inv, &Target::default()), codes::CONFLICTING_SETS);
    }

    #[test]
    fn parameter_set_resolution() {
        let t = Target::default();
        let v = validate(&Invocation::new("Enable-RemoteMailbox").param("Identity", "x").switch("Shared"), &t);
        assert_eq!((v.is_ok(), v.parameter_set.as_deref()), (true, Some("Shared")));
        let v = validate(
            &Invocation::new("Enable-RemoteMailbox")
                .param("Identity", "x")
                .param("RemoteRoutingAddress", "x@t.mail.onmicrosoft.com"),
            &t,
        );
        assert_eq!(v.parameter_set.as_deref(), Some("Default"));
        let v = validate(&Invocation::new("Get-Mailbox"), &t);
        assert_eq!((v.is_ok(), v.parameter_set.as_deref()), (true, Some("Identity")));
        let v = validate(&Invocation::new("Get-Mailbox").param("Database", "DB01"), &t);
        assert_eq!(v.parameter_set.as_deref(), Some("DatabaseSet"));
        let v = validate(
            &Invocation::new("Get-MailboxStatistics")
                .param("Database", "DB01")
                .param("Filter", "DisconnectDate -ne $null"),
            &t,
        );
        assert_eq!((v.is_ok(), v.parameter_set.as_deref()), (true, Some("Database")));
    }

    #[test]
    fn positional_arguments_bind_by_position() {
        let t = Target::default();
        let inv = Invocation {
            cmdlet: "Connect-Mailbox".into(),
            params: vec![
                Parameter { name: None, value: "Kim Akers".into() },
                Parameter { name: None, value: "DB01".into() },
                Parameter { name: Some("Shared".into()), value: Value::Switch(true) },
                Parameter { name: Some("User".into()), value: "kim".into() },
            ],
        };
        let v = validate(&inv, &t);
        assert!(v.is_ok(), "{:#?}", v.diagnostics);
        assert_eq!(v.invocation.params[0].name.as_deref(), Some("Identity"));
        assert_eq!(v.invocation.params[1].name.as_deref(), Some("Database"));
        assert_eq!(v.parameter_set.as_deref(), Some("Shared"));
        // Get-MailboxStatistics: Identity and StoreMailboxIdentity share position 1; the default set wins.
        let inv = Invocation {
            cmdlet: "Get-MailboxStatistics".into(),
            params: vec![Parameter { name: None, value: "kim".into() }],
        };
        let v = validate(&inv, &t);
        assert_eq!(v.invocation.params[0].name.as_deref(), Some("Identity"));
        assert_eq!(v.parameter_set.as_deref(), Some("Identity"));
        // Too many.
        let inv = Invocation {
            cmdlet: "Set-Mailbox".into(),
            params: vec![
                Parameter { name: None, value: "kim".into() },
                Parameter { name: None, value: "Shared".into() },
            ],
        };
        let v = validate(&inv, &t);
        only(&v, codes::TOO_MANY_POSITIONAL);
        assert_eq!(v.invocation.params[1].name, None);
    }

    #[test]
    fn diagnostics_serialize_with_stable_codes() {
        let inv = Invocation::new("Set-Mailbox").param("Identity", "x").param("Type", "Sharde");
        let v = validate(&inv, &Target::default());
        let j = serde_json::to_value(&v.diagnostics).unwrap();
        assert_eq!(j[0]["code"], "invalid-enum-value");
        assert_eq!(j[0]["severity"], "error");
        assert_eq!(j[0]["parameter"], "Type");
    }
}
