//! Values: each argument checked against and converted to the parameter's Exchange type.

use super::*;

impl Ctx<'_> {
    pub(super) fn push(&mut self, d: Diagnostic) {
        self.diags.push(d);
    }

    /// Reports what the target version lacks. `what` names the thing (only called on a finding).
    pub(super) fn gate_availability(&mut self, avail: &Availability, what: impl FnOnce() -> (String, Option<String>)) {
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

    /// Checks and converts one value for a parameter; reports problems and keeps the value as given.
    pub(super) fn coerce(&mut self, info: &ParamInfo, value: &Value) -> Value {
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

    /// A value of an enum the hand-kept layer does not know, against the names Microsoft's page
    /// lists for it, converted as PowerShell converts text to an enum ([`enum_match`]). A page
    /// may list only part of the enum, so a value outside the list is a warning, with the
    /// closest name, not an error.
    fn listed_value(&mut self, info: &ParamInfo, text: &str) {
        let listed: Vec<&str> = info.listed_values.iter().map(String::as_str).collect();
        let (message, help) = match enum_match(&listed, text) {
            EnumMatch::One(_) | EnumMatch::Combined => return,
            EnumMatch::Ambiguous(candidates) => (
                format!("'{text}' is the start of several values: {}", candidates.join(", ")),
                SHARED_START_HELP.to_string(),
            ),
            EnumMatch::Unknown => {
                let lower = text.trim().to_ascii_lowercase();
                let closest = listed
                    .iter()
                    .map(|v| (strsim::normalized_damerau_levenshtein(&lower, &v.to_ascii_lowercase()), v))
                    .filter(|(score, _)| *score >= 0.6)
                    .max_by(|a, b| a.0.total_cmp(&b.0));
                let help = match closest {
                    Some((_, v)) => format!("did you mean '{v}'? The page lists {}", listed.join(", ")),
                    None => format!("the page lists {}", listed.join(", ")),
                };
                (format!("'{text}' is not one of the values Microsoft's page lists"), help)
            }
        };
        self.push(
            Diagnostic::warning(codes::UNLISTED_ENUM_VALUE, format!("{} -{}: {message}", self.cmd.name, info.name))
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
                    // PowerShell turns a Boolean into the text True/False for a parameter typed
                    // String (Set-ExchangeSettings -ConfigValue $true); other types read as text
                    // (Exchange enums, identities) do not convert it.
                    Value::Bool(b)
                        if matches!(kind, ParamKind::String)
                            && info.type_name.as_deref().is_some_and(|t| {
                                t.eq_ignore_ascii_case("String") || t.eq_ignore_ascii_case("System.String")
                            }) =>
                    {
                        if *b { "True" } else { "False" }.to_string()
                    }
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
                if matches!(kind, ParamKind::String)
                    && !info.listed_values.is_empty()
                    && matches!(value, Value::String(_))
                {
                    self.listed_value(info, &text);
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

    /// Matches an enum value as PowerShell converts text to an enum (case-insensitive names,
    /// numbers, names joined by commas, a shortened name that only one value starts with), gates
    /// it by version and reports it when invalid.
    fn enum_value<'k>(&mut self, info: &ParamInfo, kind: &'k ParamKind, given: &str) -> Option<&'k str> {
        let ParamKind::Enum { values } = kind else { return None };
        let rtd = info.type_name.as_deref().is_some_and(|t| t.trim_end_matches("[]") == "RecipientTypeDetails");
        let names: Vec<&str> = values.iter().map(|v| v.name.as_str()).collect();
        // A shortened name is judged against every member of the .NET enum where mbxctl knows
        // them: `Shared` is short for both SharedMailbox and SharedWithMailUser.
        let whole_enum: &[&str] = if rtd { RECIPIENT_TYPE_DETAILS } else { &names };
        match enum_match(whole_enum, given) {
            EnumMatch::One(name) => {
                if let Some(v) = values.iter().find(|v| v.name.eq_ignore_ascii_case(name)) {
                    let cmd = self.cmd;
                    self.gate_availability(&v.availability, || {
                        (format!("{} -{} {}", cmd.name, info.name, v.name), Some(info.name.clone()))
                    });
                    return Some(&v.name);
                }
                // A member of the .NET enum the parameter is typed with binds, whatever subset
                // the cmdlet's page lists; whether the cmdlet then accepts it is not known here.
                let valid = self.valid_names(kind);
                self.push(
                    Diagnostic::warning(
                        codes::UNLISTED_ENUM_VALUE,
                        format!("{} -{}: '{given}' is not among the values its page lists", self.cmd.name, info.name),
                    )
                    .with_parameter(info.name.clone())
                    .with_help(format!("it is a RecipientTypeDetails value; the page lists {}", valid.join(", "))),
                );
                return None;
            }
            EnumMatch::Combined => return None,
            EnumMatch::Ambiguous(candidates) => {
                self.invalid(
                    codes::INVALID_ENUM_VALUE,
                    info,
                    format!("'{given}' is the start of several values: {}", candidates.join(", ")),
                    SHARED_START_HELP.into(),
                );
                return None;
            }
            EnumMatch::Unknown => {}
        }
        // Valid on the other side of the organisation?
        let other =
            catalogue().cmdlet(&self.cmd.name, other_side(self.target.side)).and_then(|c| c.parameter(&info.name));
        if let Some(other) = other
            && let ParamKind::Enum { values: other_values } = other.kind.element()
        {
            let other_names: Vec<&str> = other_values.iter().map(|v| v.name.as_str()).collect();
            if let EnumMatch::One(name) = enum_match(&other_names, given) {
                let there = side_name(other_side(self.target.side));
                self.invalid(
                    codes::VALUE_NOT_ON_SIDE,
                    info,
                    format!("'{name}' is valid only in {there}"),
                    format!("valid values here: {}", self.valid_names(kind).join(", ")),
                );
                return None;
            }
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

/// The help for a start several enum values share ([`EnumMatch::Ambiguous`]).
const SHARED_START_HELP: &str =
    "PowerShell takes a shortened value only when one value starts with it; write it in full";

/// What PowerShell makes of a text given for an enum parameter.
#[derive(Debug, PartialEq)]
pub enum EnumMatch<'a> {
    /// One value: named (any case) or shortened to a start only it has.
    One(&'a str),
    /// A number, or names joined by commas (`"Enabled, Scheduled"`): .NET's parse takes them.
    Combined,
    /// A start several values share, none of them named in full.
    Ambiguous(Vec<&'a str>),
    /// No value.
    Unknown,
}

/// Text to an enum as PowerShell converts it (LanguagePrimitives, docs/validate.md "Enum values"):
/// first .NET's `Enum.Parse` ignoring case, which takes a name or a number with spaces around
/// it, or several of them joined by commas; then PowerShell's minimum disambiguation
/// (EnumMinimumDisambiguation.cs): the untrimmed text as the start of a name, taken when only
/// one name starts with it, or when one of several is the text itself. `names` are the enum's
/// names as far as they are known.
pub fn enum_match<'a>(names: &[&'a str], text: &str) -> EnumMatch<'a> {
    let name_or_number = |piece: &str| {
        let piece = piece.trim();
        piece.parse::<i64>().is_ok() || names.iter().any(|n| n.eq_ignore_ascii_case(piece))
    };
    let trimmed = text.trim();
    if let Some(n) = names.iter().find(|n| n.eq_ignore_ascii_case(trimmed)) {
        return EnumMatch::One(n);
    }
    if !trimmed.is_empty() && trimmed.split(',').all(name_or_number) {
        return EnumMatch::Combined;
    }
    let starts: Vec<&'a str> = names
        .iter()
        .copied()
        .filter(|n| n.len() >= text.len() && n.as_bytes()[..text.len()].eq_ignore_ascii_case(text.as_bytes()))
        .collect();
    match starts.len() {
        0 => EnumMatch::Unknown,
        1 => EnumMatch::One(starts[0]),
        _ => EnumMatch::Ambiguous(starts),
    }
}

/// Every member of Exchange's `RecipientTypeDetails` enum (Microsoft.Exchange.Data.Directory),
/// which pages list only in part for each cmdlet.
const RECIPIENT_TYPE_DETAILS: &[&str] = &[
    "None",
    "UserMailbox",
    "LinkedMailbox",
    "SharedMailbox",
    "LegacyMailbox",
    "RoomMailbox",
    "EquipmentMailbox",
    "MailContact",
    "MailUser",
    "MailUniversalDistributionGroup",
    "MailNonUniversalGroup",
    "MailUniversalSecurityGroup",
    "DynamicDistributionGroup",
    "PublicFolder",
    "SystemAttendantMailbox",
    "SystemMailbox",
    "MailForestContact",
    "User",
    "Contact",
    "UniversalDistributionGroup",
    "UniversalSecurityGroup",
    "NonUniversalGroup",
    "DisabledUser",
    "MicrosoftExchange",
    "ArbitrationMailbox",
    "MailboxPlan",
    "LinkedUser",
    "RoomList",
    "DiscoveryMailbox",
    "RoleGroup",
    "RemoteUserMailbox",
    "Computer",
    "RemoteRoomMailbox",
    "RemoteEquipmentMailbox",
    "RemoteSharedMailbox",
    "PublicFolderMailbox",
    "TeamMailbox",
    "RemoteTeamMailbox",
    "MonitoringMailbox",
    "GroupMailbox",
    "LinkedRoomMailbox",
    "AuditLogMailbox",
    "RemoteGroupMailbox",
    "SchedulingMailbox",
    "GuestMailUser",
    "AuxAuditLogMailbox",
    "SupervisoryReviewPolicyMailbox",
    "ExchangeSecurityGroup",
    "SubstrateGroup",
    "SharedWithMailUser",
];

fn enum_names(kind: &ParamKind) -> Vec<&str> {
    match kind.element() {
        ParamKind::Enum { values } => values.iter().map(|v| v.name.as_str()).collect(),
        _ => Vec::new(),
    }
}

/// How a parameter's type reads in messages.
pub(super) fn type_label(info: &ParamInfo) -> String {
    let base = match info.kind.element() {
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
