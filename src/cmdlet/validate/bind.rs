//! The binder: names, prefixes and aliases, switches, positions, parameter sets, mandatory parameters.

use super::*;
use std::borrow::Cow;

/// Whether an argument is a splat (`@params`): its names and values are known only at run time.
pub(super) fn is_splat(value: &Value) -> bool {
    matches!(value, Value::Dynamic(text) if text.strip_prefix('@').and_then(|r| r.chars().next())
        .is_some_and(|c| c.is_alphanumeric() || c == '_' || c == '?' || c == ':'))
}

/// The form a parameter was written in when the caller does not say (an invocation built in code
/// or from JSON): a named `Switch(true)` is a bare `-Name`, any other named value is attached.
fn default_form(p: &Parameter) -> ArgForm {
    match (&p.name, &p.value) {
        (None, _) => ArgForm::Positional,
        (Some(_), Value::Switch(true)) => ArgForm::Bare,
        (Some(_), _) => ArgForm::Colon,
    }
}

/// Binds and checks one invocation the way PowerShell's parameter binder would
/// (`ParameterBinderController` / `CmdletParameterBinderController`), in its order: named
/// parameters first (a switch never takes the next argument), then positional arguments within the
/// sets still possible, then the parameter set and its mandatory parameters, which pipeline input
/// or a splat may supply.
pub(super) fn validate_impl(inv: &Invocation, forms: &[ArgForm], target: &Target, piped: bool) -> Validated {
    validate_against(catalogue().cmdlet(&inv.cmdlet, target.side), inv, forms, target, piped)
}

/// [`validate_impl`] with the catalogue entry already looked up (`None`: the target side has no
/// such cmdlet).
pub(super) fn validate_against(
    found: Option<&CmdletInfo>,
    inv: &Invocation,
    forms: &[ArgForm],
    target: &Target,
    piped: bool,
) -> Validated {
    let cat = catalogue();
    let Some(cmd) = found else {
        let d = match cat.entries(&inv.cmdlet).next() {
            Some(other) => Diagnostic::error(
                codes::CMDLET_NOT_ON_SIDE,
                format!("{} is not available in {}", other.name, side_name(target.side)),
            )
            .with_help(match other.service {
                // Its own endpoint, not Exchange Online PowerShell: say where to connect.
                crate::exchange::Service::SecurityCompliance => format!(
                    "{} runs in Security & Compliance PowerShell (Connect-IPPSSession); run it there",
                    other.name
                ),
                _ => format!("{} runs in {}; run it against that side", other.name, side_name(other.side)),
            }),
            None => {
                let d =
                    Diagnostic::error(codes::UNKNOWN_CMDLET, format!("'{}' is not a cmdlet mbxctl knows", inv.cmdlet));
                let close = cat.closest_cmdlets(&inv.cmdlet);
                d.with_help(did_you_mean(&close, "").unwrap_or_else(|| "run `mbxctl cmdlets` to list them".into()))
            }
        };
        let sources = (0..inv.params.len()).collect();
        return Validated { invocation: inv.clone(), parameter_set: None, diagnostics: vec![d], sources };
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
    let mut sources: Vec<usize> = Vec::with_capacity(inv.params.len());
    // Positional slots holding the value a switch did not take (`-Confirm $false`).
    let mut detached: Vec<(usize, String)> = Vec::new();
    let mut splatted = false;
    let form_of = |i: usize, p: &Parameter| forms.get(i).copied().unwrap_or_else(|| default_form(p));
    // A parameter name taken as the previous parameter's value (see `name_as_value`).
    let mut absorbed: Option<usize> = None;
    for (i, p) in inv.params.iter().enumerate() {
        let form = form_of(i, p);
        if absorbed.take() == Some(i) {
            // What followed the name (`-Server -Fi x`: x) is an argument of its own.
            if form == ArgForm::Spaced {
                sources.push(i);
                positional_args.push(params.len());
                params.push(Parameter { name: None, value: p.value.clone() });
            }
            continue;
        }
        sources.push(i);
        let Some(name) = &p.name else {
            if is_splat(&p.value) {
                splatted = true;
            } else {
                positional_args.push(params.len());
            }
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
                let is_switch = matches!(info.kind, ParamKind::Switch);
                // `-Name @p`: the splat is not the value but arguments of its own, the first of
                // which (if any) the parameter takes; which ones is known only at run time (pwsh
                // 7.6 refuses `-Name @p` with an empty $p: MissingArgument).
                if form == ArgForm::Spaced && is_splat(&p.value) {
                    splatted = true;
                }
                // `ReparseUnboundArguments`: a parameter that needs a value, written bare, takes
                // the next parameter name as its text when no parameter has that name
                // (`-Identity -Bogus` binds '-Bogus' to -Identity).
                let name_as_value = match (form, &p.value) {
                    (ArgForm::Bare, Value::Switch(true)) if !is_switch => inv.params.get(i + 1).and_then(|q| {
                        let next = q.name.as_ref()?;
                        let unknown = matches!(cmd.resolve_parameter(next), ParamMatch::Unknown);
                        (unknown && form_of(i + 1, q) != ArgForm::Colon).then(|| format!("-{next}"))
                    }),
                    _ => None,
                };
                if name_as_value.is_some() {
                    absorbed = Some(i + 1);
                }
                // Borrowed when it is the value as given: `coerce` makes the one copy.
                let (given, left) = match (form, &p.value) {
                    _ if name_as_value.is_some() => {
                        (Cow::Owned(Value::String(name_as_value.unwrap_or_default())), None)
                    }
                    (ArgForm::Spaced, v) if is_switch && is_splat(v) => (Cow::Owned(Value::Switch(true)), None),
                    // PowerShell never gives a switch the next argument: it is bound on its own.
                    (ArgForm::Spaced, v) if is_switch => (Cow::Owned(Value::Switch(true)), Some(v.clone())),
                    // `-Enabled:$true` passes the Boolean to a Boolean parameter.
                    (ArgForm::Colon, Value::Switch(b)) if !is_switch => (Cow::Owned(Value::Bool(*b)), None),
                    (_, v) => (Cow::Borrowed(v), None),
                };
                let value = cx.coerce(info, &given);
                cx.gate_availability(&info.availability, || {
                    (format!("{} -{}", cmd.name, info.name), Some(info.name.clone()))
                });
                params.push(Parameter { name: Some(info.name.clone()), value });
                if let Some(v) = left {
                    detached.push((params.len(), info.name.clone()));
                    positional_args.push(params.len());
                    params.push(Parameter { name: None, value: v });
                    sources.push(i);
                }
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
    // A set no parameter of this side belongs to (Exchange Online's Test-MAPIConnectivity has the
    // on-premises `Server` set, whose -Server is on-premises only) does not exist for PowerShell:
    // the sets come from the parameters' attributes, and the default set's name
    // (Disconnect-ExchangeOnline alone binds to its parameterless default set).
    let named_sets =
        cmd.parameters.iter().filter(|p| !p.common).fold(1u64 << cmd.default_set_index(), |m, p| m | p.set_mask);
    let all = match cmd.all_sets_mask() & named_sets {
        0 => cmd.all_sets_mask(),
        some => some,
    };
    let mut candidates = all;
    let mut conflict = false;
    for &idx in &order {
        // Common parameters belong to every set, whatever a page shows (Test-OutlookConnectivity's
        // leaves -WhatIf out of its Probe set).
        if cmd.parameters[idx].common {
            continue;
        }
        let mask = cmd.parameters[idx].set_mask;
        if candidates & mask == 0 {
            cx.conflict(idx, &order, candidates);
            conflict = true;
            break;
        }
        candidates &= mask;
    }

    // Positional arguments bind to positional parameters of the sets still possible.
    let mut set_in_doubt = false;
    for &slot in &positional_args {
        let picked = match pick_positional(cmd, bound, candidates) {
            Positional::One(idx) => Some(idx),
            Positional::Several => {
                // PowerShell binds the argument to every parameter at this position and cannot
                // resolve the set; with the cmdlet's real default set (the catalogue's is often a
                // guess) it may bind. Either way the rest of the binding is unknown: nothing more
                // is claimed, as for a splat.
                set_in_doubt = true;
                break;
            }
            Positional::None => rest_identity(cmd, bound, candidates),
        };
        match picked {
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
            // A splat may hold positional values too: what is left over cannot be judged.
            None if splatted => {}
            None => {
                let n = cmd.positional().iter().filter(|(_, i)| cmd.parameters[*i].set_mask & candidates != 0).count();
                let mut d = Diagnostic::error(
                    codes::TOO_MANY_POSITIONAL,
                    format!("{} takes {n} positional argument(s) here; one too many was given", cmd.name),
                )
                .with_help("name the parameter the value is meant for (-Name value)");
                if let Some((_, switch)) = detached.iter().find(|(at, _)| *at == slot) {
                    let shown = value_text(&params[slot].value);
                    d = Diagnostic::error(
                        codes::TOO_MANY_POSITIONAL,
                        format!(
                            "{} -{switch} is a switch and does not take {shown}; no positional parameter is left for it",
                            cmd.name
                        ),
                    )
                    .with_parameter(switch.clone())
                    .with_help(format!("write -{switch}:{shown} with a colon, or -{switch} alone"));
                }
                cx.diags.push(d);
            }
        }
    }

    let parameter_set = if conflict || set_in_doubt {
        None
    } else if splatted {
        // The splat may bind any parameter: the set and the mandatory parameters are unknown.
        (candidates.count_ones() == 1).then(|| cmd.parameter_sets[candidates.trailing_zeros() as usize].clone())
    } else {
        cx.resolve_set(candidates, bound, piped)
    };
    let invocation = Invocation { cmdlet: cmd.name.clone(), params };
    Validated { invocation, parameter_set, diagnostics: cx.diags, sources }
}

/// A value as PowerShell source, for messages.
fn value_text(v: &Value) -> String {
    match v {
        Value::Bool(true) | Value::Switch(true) => "$true".into(),
        Value::Bool(false) | Value::Switch(false) => "$false".into(),
        Value::String(s) => format!("'{s}'"),
        Value::Int(n) => n.to_string(),
        Value::Dynamic(src) => src.clone(),
        Value::List(l) => l.join(","),
        Value::AddRemove { .. } => "@{...}".into(),
        Value::Secure(_) => "<secure>".into(),
    }
}

/// `-Identity` of a cmdlet whose reference page gives no parameter a position at all
/// (`Get-EXOMailboxStatistics`, `Get-EXOMailboxFolderStatistics`, Exchange 2010's
/// `Get-MailboxSentItemsConfiguration`). Exchange's cmdlets take `-Identity` first by position,
/// and the runbooks of the people who know these cmdlets best rely on it
/// (`Get-EXOMailboxStatistics $m.UserPrincipalName`): the page's `Position: Named` is in doubt,
/// so a first positional argument is not an error.
fn rest_identity(cmd: &CmdletInfo, bound: ParamMask, candidates: u64) -> Option<usize> {
    if !cmd.positional().is_empty() {
        return None;
    }
    let idx = cmd.parameters.iter().position(|p| p.name.eq_ignore_ascii_case("Identity"))?;
    (!bound.contains(idx) && cmd.parameters[idx].set_mask & candidates != 0).then_some(idx)
}

/// Where the next positional argument goes.
#[derive(Debug, PartialEq)]
enum Positional {
    /// This parameter.
    One(usize),
    /// Several parameters of different sets share the position, and none is in the default set.
    Several,
    /// No positional parameter is left.
    None,
}

/// The next positional parameter: lowest position, unbound, in a possible set
/// (`ParameterBinderController.BindPositionalParameters`). At a position several parameters of
/// different sets share, the one in the default set wins when the default set is still possible;
/// otherwise PowerShell binds the argument to each of them (`BindPositionalParametersInSet` does
/// not stop at the first), and the sets they belong to exclude each other: `Several`.
fn pick_positional(cmd: &CmdletInfo, bound: ParamMask, candidates: u64) -> Positional {
    let default_bit = (1u64 << cmd.default_set_index()) & candidates;
    let mut first: Option<(u32, usize)> = None;
    let mut several = false;
    for &(pos, idx) in cmd.positional() {
        let info = &cmd.parameters[idx];
        if bound.contains(idx) || info.set_mask & candidates == 0 {
            continue;
        }
        match first {
            None => first = Some((pos, idx)),
            Some((fpos, _)) if fpos != pos => break,
            Some(_) => several = true,
        }
        if info.set_mask & default_bit != 0 {
            return Positional::One(idx);
        }
    }
    match first {
        None => Positional::None,
        Some(_) if several => Positional::Several,
        Some((_, idx)) => Positional::One(idx),
    }
}

impl Ctx<'_> {
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
        // Piped objects supply the parameters that take pipeline input, and `-Identity` always:
        // every Exchange cmdlet's `-Identity` takes the object piped in, whatever a reference page
        // says (Set-Clutter's says it takes no pipeline input; `Get-Mailbox | Set-Clutter
        // -Enable $false` is how admins run it).
        let supplied = if piped {
            let identity = cmd.parameters.iter().position(|p| p.name.eq_ignore_ascii_case("Identity"));
            let mut s = bound | cmd.pipeline_mask();
            if let Some(i) = identity {
                s.insert(i);
            }
            s
        } else {
            bound
        };
        // Parameters Microsoft's page calls mandatory while the page's own examples run without
        // them (docs/validate.md): never an error. Where the page is wrong they are not asked
        // for; where the example is (judged by hand), a warning once the set is known.
        let given = supplied;
        let mut supplied = supplied;
        let mut doubted = Vec::new();
        for &(name, doubt) in super::doubtful::mandatory_in_doubt(&cmd.name) {
            if let Some(i) = cmd.parameters.iter().position(|p| p.name.eq_ignore_ascii_case(name)) {
                supplied.insert(i);
                if doubt == super::doubtful::Doubt::Example && !given.contains(i) {
                    doubted.push(i);
                }
            }
        }
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
        } else if !sat.is_empty() || piped {
            // Several sets fit and the default is not among them. PowerShell then takes the
            // cmdlet's DefaultParameterSetName, which Microsoft's reference names for only a few
            // cmdlets (the catalogue's default is otherwise a guess), and pipeline input is bound
            // per object at run time: nothing certain to report.
            return None;
        } else {
            let names: Vec<&str> = sets.map(|s| cmd.parameter_sets[s].as_str()).collect();
            self.push(
                Diagnostic::error(
                    codes::AMBIGUOUS_SET,
                    format!(
                        "{}: the parameters given fit parameter sets {}, and each of them needs more",
                        cmd.name,
                        names.join(", ")
                    ),
                )
                .with_help("add the mandatory parameters of the set you mean (`mbxctl cmdlets` lists them)"),
            );
            return None;
        };
        for i in doubted.into_iter().filter(|&i| cmd.mandatory_in(chosen).contains(i)) {
            let info = &cmd.parameters[i];
            self.push(
                Diagnostic::warning(
                    codes::MANDATORY_IN_DOUBT,
                    format!(
                        "{} needs -{} by Microsoft's page, though one of the page's own examples omits it; \
                         PowerShell would prompt for it",
                        cmd.name, info.name
                    ),
                )
                .with_parameter(info.name.clone())
                .with_help(format!("give -{} <{}>", info.name, type_label(info))),
            );
        }
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
                    if info.pipeline != crate::cmdlet::catalogue::PipelineInput::None { ", or pipe it in" } else { "" };
                self.push(
                    Diagnostic::error(codes::MISSING_MANDATORY, format!("{} needs -{}{in_set}", cmd.name, info.name))
                        .with_parameter(info.name.clone())
                        .with_help(format!("give -{} <{}>{piping}", info.name, type_label(info))),
                );
            }
        }
        Some(cmd.parameter_sets[chosen].clone())
    }
}

#[cfg(test)]
mod tests {
    //! PowerShell's binding rules, each on the text a script would hold.
    use super::*;
    use crate::cmdlet::parse::parse_script;

    fn bind(text: &str) -> Validated {
        bind_on(text, Side::OnPremises)
    }

    fn bind_on(text: &str, side: Side) -> Validated {
        let script = parse_script(text);
        let cmd = script.commands.last().expect("a command");
        let piped = cmd.pipeline_index > 0;
        validate_written(&cmd.invocation, &cmd.forms, &Target { side, version: None }, piped)
    }

    fn named(v: &Validated) -> Vec<(String, Value)> {
        v.invocation.params.iter().map(|p| (p.name.clone().unwrap_or_default(), p.value.clone())).collect()
    }

    fn codes(v: &Validated) -> Vec<&'static str> {
        v.diagnostics.iter().filter(|d| d.severity != Severity::Note).map(|d| d.code).collect()
    }

    #[test]
    fn a_switch_never_takes_the_next_argument() {
        let v = bind("Enable-RemoteMailbox -Shared kim -RemoteRoutingAddress kim@contoso.mail.onmicrosoft.com");
        assert!(v.is_ok(), "{:#?}", v.diagnostics);
        assert_eq!(
            named(&v),
            [
                ("Shared".into(), Value::Switch(true)),
                ("Identity".into(), Value::String("kim".into())),
                ("RemoteRoutingAddress".into(), Value::String("kim@contoso.mail.onmicrosoft.com".into())),
            ]
        );
        assert_eq!(v.sources, [0, 0, 1]);
        assert_eq!(v.parameter_set.as_deref(), Some("Shared"));
        let v = bind("Get-Mailbox -Archive kim");
        assert!(v.is_ok(), "{:#?}", v.diagnostics);
        assert_eq!(named(&v)[1], ("Identity".into(), Value::String("kim".into())));
        let v = bind_on("Get-Mailbox -SoftDeletedMailbox $u", Side::Online);
        assert_eq!(named(&v)[1].0, "Identity");
        assert_eq!(codes(&v), Vec::<&str>::new());
    }

    #[test]
    fn a_boolean_after_a_switch_is_a_stray_positional_argument() {
        // `-Confirm $false` is the classic slip: PowerShell binds $false positionally and fails.
        let v = bind("Set-Mailbox kim -Type Shared -Confirm $false");
        assert_eq!(codes(&v), [codes::TOO_MANY_POSITIONAL]);
        let d = &v.diagnostics[0];
        assert_eq!(d.parameter.as_deref(), Some("Confirm"));
        assert_eq!(d.help.as_deref(), Some("write -Confirm:$false with a colon, or -Confirm alone"));
        // With the colon the value is the switch's.
        let v = bind("Set-Mailbox kim -Type Shared -Confirm:$false");
        assert!(v.is_ok(), "{:#?}", v.diagnostics);
        assert_eq!(named(&v)[2], ("Confirm".into(), Value::Switch(false)));
    }

    #[test]
    fn colon_values_bind_to_the_parameter_whatever_its_type() {
        let v = bind("Set-Mailbox kim -HiddenFromAddressListsEnabled:$true -Type:Shared");
        assert!(v.is_ok(), "{:#?}", v.diagnostics);
        assert_eq!(named(&v)[1], ("HiddenFromAddressListsEnabled".into(), Value::Bool(true)));
        assert_eq!(named(&v)[2], ("Type".into(), Value::String("Shared".into())));
        let v = bind("Set-Mailbox kim -HiddenFromAddressListsEnabled $false");
        assert_eq!(named(&v)[1], ("HiddenFromAddressListsEnabled".into(), Value::Bool(false)));
        // A Boolean parameter given bare has no value.
        let v = bind("Set-Mailbox kim -HiddenFromAddressListsEnabled");
        assert_eq!(codes(&v), [codes::MISSING_ARGUMENT]);
    }

    #[test]
    fn splats_make_the_bound_set_unknown() {
        let v = bind("Add-MailboxPermission @p");
        assert!(v.is_ok(), "{:#?}", v.diagnostics);
        assert_eq!(v.parameter_set, None);
        let v = bind("Add-MailboxPermission @params -AutoMapping $false");
        assert!(v.is_ok(), "{:#?}", v.diagnostics);
        // Named parameters are still checked.
        let v = bind("Add-MailboxPermission @p -AccesRights FullAccess");
        assert_eq!(codes(&v), [codes::UNKNOWN_PARAMETER]);
        // A splatted array may hold positional values.
        let v = bind("Set-Mailbox @args extra");
        assert!(v.is_ok(), "{:#?}", v.diagnostics);
        // `@(...)` and `@{...}` are values, not splats.
        assert!(!is_splat(&Value::Dynamic("@(1)".into())));
        assert!(!is_splat(&Value::Dynamic("@{a=1}".into())));
        assert!(is_splat(&Value::Dynamic("@PSBoundParameters".into())));
    }

    #[test]
    fn a_splat_after_a_parameter_is_arguments_of_its_own() {
        // `-DomainController @p`: what -DomainController takes, and what follows, depends on $p.
        // Remove-MigrationUser needs -Identity, which the splat may hold.
        let v = bind("Remove-MigrationUser -DomainController @PSBoundParameters");
        assert!(v.is_ok(), "{:#?}", v.diagnostics);
        let v = bind("Get-Mailbox -Identity @a kim");
        assert!(v.is_ok(), "{:#?}", v.diagnostics);
        // After a switch it is a splat like any other, not a stray positional argument.
        let v = bind("Enable-Mailbox kim -Archive @a -ArchiveName x");
        assert!(v.is_ok(), "{:#?}", v.diagnostics);
        // Named parameters are still checked.
        let v = bind("Get-Mailbox -Identity @a -Bogus 1");
        assert_eq!(codes(&v), [codes::UNKNOWN_PARAMETER]);
    }

    #[test]
    fn an_unknown_parameter_name_after_a_parameter_needing_a_value_is_that_value() {
        // `ReparseUnboundArguments`: no parameter is named -Bogus, so it is -Identity's text.
        let v = bind("Set-Mailbox -Identity -Bogus -Type Shared");
        assert!(v.is_ok(), "{:#?}", v.diagnostics);
        assert_eq!(named(&v)[0], ("Identity".into(), Value::String("-Bogus".into())));
        // What the parser gave the name as its value is an argument of its own.
        let v = bind("Set-Mailbox -DomainController -Bogus kim -Type Shared");
        assert!(v.is_ok(), "{:#?}", v.diagnostics);
        assert_eq!(named(&v)[1], ("Identity".into(), Value::String("kim".into())));
        assert_eq!(v.sources, [0, 1, 2]);
        // A real parameter, or any name with a colon, leaves the first without its value.
        let v = bind("Set-Mailbox -Identity -Type Shared");
        assert_eq!(codes(&v), [codes::MISSING_ARGUMENT]);
        let v = bind("Set-Mailbox kim -Alias -Bogus:1");
        assert_eq!(codes(&v), [codes::MISSING_ARGUMENT, codes::UNKNOWN_PARAMETER]);
    }

    #[test]
    fn common_parameters_are_in_every_set() {
        // The page leaves -WhatIf out of the Probe set; PowerShell's common parameters are in all.
        let v = bind("Test-OutlookConnectivity -WhatIf kim");
        assert!(v.is_ok(), "{:#?}", v.diagnostics);
        assert_eq!(named(&v)[1].0, "ProbeIdentity");
        assert_eq!(v.parameter_set.as_deref(), Some("Probe"));
    }

    #[test]
    fn a_set_no_parameter_of_the_side_belongs_to_is_not_a_set() {
        // Online, Test-MAPIConnectivity's `Server` set has no parameter (-Server is on-premises
        // only): the one set left needs -Identity (pwsh 7.6: MissingMandatoryParameter).
        let v = bind_on("Test-MAPIConnectivity", Side::Online);
        assert_eq!(codes(&v), [codes::MISSING_MANDATORY]);
        assert_eq!(v.parameter_set.as_deref(), Some("Identity"));
    }

    #[test]
    fn arrays_bind_as_one_argument() {
        let v = bind("Get-Mailbox -RecipientTypeDetails SharedMailbox,RoomMailbox");
        assert!(v.is_ok(), "{:#?}", v.diagnostics);
        assert_eq!(named(&v)[0].1, Value::List(vec!["SharedMailbox".into(), "RoomMailbox".into()]));
        let v = bind("Add-MailboxPermission kim -User bob -AccessRights FullAccess, SendAs");
        assert_eq!(named(&v)[2].1, Value::List(vec!["FullAccess".into(), "SendAs".into()]));
        // An array where one value is expected.
        let v = bind("Set-Mailbox kim,bob -Type Shared");
        assert_eq!(codes(&v), [codes::NOT_MULTI_VALUED]);
    }

    #[test]
    fn positions_follow_the_parameter_sets_still_possible() {
        // Identity named: the first positional argument goes to the next position.
        let v = bind("Connect-Mailbox -Identity kim DB01 -User kim");
        assert_eq!(named(&v)[1].0, "Database");
        // Positional first, then named.
        let v = bind("Add-MailboxPermission shared -User kim -AccessRights FullAccess");
        assert!(v.is_ok(), "{:#?}", v.diagnostics);
        assert_eq!(v.parameter_set.as_deref(), Some("AccessRights"));
    }

    #[test]
    fn a_position_several_sets_share_binds_to_the_default_sets_parameter() {
        // `BindPositionalParameters` tries the default set first: Get-ExchangeCertificate's
        // -Thumbprint (set Thumbprint) and -Identity (default set Identity) share position 1.
        let v = bind("Get-ExchangeCertificate 0123ABCD");
        assert!(v.is_ok(), "{:#?}", v.diagnostics);
        assert_eq!(named(&v)[0].0, "Identity");
        assert_eq!(v.parameter_set.as_deref(), Some("Identity"));
    }

    #[test]
    fn a_position_several_sets_share_outside_the_default_set_leaves_the_set_unknown() {
        // New-MigrationBatch's -UserIds and -Users share position 1 and neither is in the default
        // set: PowerShell binds the argument to both (`BindPositionalParametersInSet` does not
        // stop at the first) and cannot resolve the set (pwsh 7.6, AmbiguousParameterSet). With
        // the cmdlet's real default set it may bind: no missing mandatory parameter is claimed.
        let v = bind("New-MigrationBatch -Name b1 kim");
        assert!(v.is_ok(), "{:#?}", v.diagnostics);
        assert_eq!(v.parameter_set, None);
        let v = bind("New-MigrationBatch kim extra");
        assert!(v.is_ok(), "{:#?}", v.diagnostics);
        // Named, the parameter decides the set, and its mandatory parameters are asked for.
        let v = bind("New-MigrationBatch -UserIds kim");
        assert_eq!(codes(&v), [codes::MISSING_MANDATORY]);
        assert_eq!(v.diagnostics[0].parameter.as_deref(), Some("Name"));
    }

    #[test]
    fn after_end_of_parameters_and_verbatim_text_everything_is_positional() {
        // `--` ends the parameters; `-Name:value` after it is two arguments, '-Name:' and the
        // value (pwsh 7.6). Get-Mailbox takes one positional argument.
        let v = bind("Get-Mailbox -- -Identity");
        assert!(v.is_ok(), "{:#?}", v.diagnostics);
        assert_eq!(named(&v)[0], ("Identity".into(), Value::String("-Identity".into())));
        let v = bind("Get-Mailbox -- -Identity:kim");
        assert_eq!(codes(&v), [codes::TOO_MANY_POSITIONAL]);
        // `--%` is one argument and the text after it another: two for one position.
        let v = bind("Get-Mailbox --% kim");
        assert_eq!(codes(&v), [codes::TOO_MANY_POSITIONAL]);
    }

    #[test]
    fn pipeline_input_supplies_mandatory_parameters() {
        let v = bind("Get-Mailbox kim | Set-Mailbox -Type Shared");
        assert!(v.is_ok(), "{:#?}", v.diagnostics);
        let v = bind("Set-Mailbox -Type Shared");
        assert_eq!(codes(&v), [codes::MISSING_MANDATORY]);
        // Not every mandatory parameter comes from the pipeline.
        let v = bind("Add-MailboxPermission kim -AccessRights FullAccess");
        assert_eq!(codes(&v), [codes::MISSING_MANDATORY], "{:#?}", v.diagnostics);
        assert_eq!(v.diagnostics[0].parameter.as_deref(), Some("User"));
    }

    #[test]
    fn prefixes_are_ambiguous_across_common_parameters() {
        // -Ver matches -Verbose only; -Warn matches -WarningAction and -WarningVariable.
        let v = bind("Set-Mailbox kim -Ver");
        assert!(v.is_ok(), "{:#?}", v.diagnostics);
        let v = bind("Set-Mailbox kim -Warn");
        assert_eq!(codes(&v), [codes::AMBIGUOUS_PARAMETER]);
        assert!(v.diagnostics[0].message.contains("-WarningAction"), "{}", v.diagnostics[0].message);
        // One declared parameter among common ones wins, as PowerShell's binder prefers declared
        // parameters (checked with pwsh 7.6: `f -W x` binds -WindowsEmailAddress): -W is
        // -WindowsEmailAddress, which needs a value.
        let v = bind("Set-Mailbox kim -W");
        assert_eq!(codes(&v), [codes::MISSING_ARGUMENT]);
        // An alias of a common parameter is exact.
        let v = bind("Set-Mailbox kim -ea Stop -wi");
        assert!(v.is_ok(), "{:#?}", v.diagnostics);
        // Exact names beat prefixes: -Archive is a name and a prefix of -ArchiveName.
        let v = bind("Enable-RemoteMailbox kim -Archive");
        assert!(v.is_ok(), "{:#?}", v.diagnostics);
    }

    #[test]
    fn several_fitting_sets_are_not_an_error_when_the_default_is_unknown() {
        // Set-ADServerSettings fits FullParams and SingleDC; the reference names no default set,
        // and PowerShell resolves it with the cmdlet's own default: no error.
        let v = bind("Set-ADServerSettings -ViewEntireForest $true");
        assert!(v.is_ok(), "{:#?}", v.diagnostics);
        assert_eq!(v.parameter_set, None);
        // Pipeline input decides the set per object.
        let v = bind("Get-MailboxDatabase | Get-MailboxStatistics -Filter 'DisconnectDate -ne $null'");
        assert!(v.is_ok(), "{:#?}", v.diagnostics);
        // Every set still lacking a mandatory parameter stays an error.
        let v = bind("New-MoveRequest -BatchName b1");
        assert!(!v.is_ok(), "{:#?}", v.diagnostics);
    }

    #[test]
    fn given_twice_and_missing_arguments() {
        let v = bind("Set-Mailbox kim -Type Shared -type Room");
        assert_eq!(codes(&v), [codes::DUPLICATE_PARAMETER]);
        let v = bind("Set-Mailbox -Identity -Type Shared");
        assert_eq!(codes(&v), [codes::MISSING_ARGUMENT]);
        assert_eq!(v.diagnostics[0].parameter.as_deref(), Some("Identity"));
    }

    #[test]
    fn identity_by_position_where_the_page_gives_no_positions() {
        // Get-EXOMailboxStatistics' page says -Identity is `Named`; the module binds it first.
        let v = bind_on("Get-EXOMailboxStatistics $m.UserPrincipalName", Side::Online);
        assert!(v.is_ok(), "{:#?}", v.diagnostics);
        assert_eq!(named(&v)[0].0, "Identity");
        // A second positional argument is still one too many.
        let v = bind_on("Get-EXOMailboxStatistics kim bob", Side::Online);
        assert_eq!(codes(&v), [codes::TOO_MANY_POSITIONAL]);
    }

    #[test]
    fn piped_objects_supply_identity() {
        // Set-Clutter's page says -Identity takes no pipeline input; the cmdlet does.
        let v = bind_on("Get-Mailbox -ResultSize Unlimited | Set-Clutter -Enable $false", Side::Online);
        assert!(v.is_ok(), "{:#?}", v.diagnostics);
        let v = bind_on("Set-Clutter -Enable $false", Side::Online);
        assert_eq!(codes(&v), [codes::MISSING_MANDATORY]);
    }

    #[test]
    fn mandatory_parameters_the_pages_own_examples_omit_are_not_asked_for() {
        let v = bind_on("Get-HostedOutboundSpamFilterPolicy", Side::Online);
        assert!(v.is_ok(), "{:#?}", v.diagnostics);
        let v = bind_on("New-ServicePrincipal -AppId $a -ObjectId $o -DisplayName x", Side::Online);
        assert!(v.is_ok(), "{:#?}", v.diagnostics);
        // The others still are.
        let v = bind_on("New-ServicePrincipal -AppId $a", Side::Online);
        assert_eq!(codes(&v), [codes::MISSING_MANDATORY]);
        use super::super::doubtful::{Doubt, mandatory_in_doubt};
        assert_eq!(mandatory_in_doubt("get-hostedoutboundspamfilterpolicy"), [("Identity", Doubt::Page)]);
    }

    #[test]
    fn mandatory_parameters_an_example_wrongly_omits_are_a_warning() {
        // Set-InboxRule's example gives -Mailbox and -Name; -Identity (Position 1) names the rule,
        // and PowerShell would prompt for it.
        let v = bind_on("Set-InboxRule -Mailbox chris -Name ProjectContoso -MarkImportance High", Side::Online);
        assert_eq!(codes(&v), [codes::MANDATORY_IN_DOUBT]);
        assert_eq!(v.diagnostics[0].severity, crate::cmdlet::diagnostic::Severity::Warning);
        assert!(v.is_ok(), "a warning, not an error: {:#?}", v.diagnostics);
        // Given, by name, by position or by the pipeline: nothing to say.
        for ok in [
            "Set-InboxRule -Identity ProjectContoso -Mailbox chris -MarkImportance High",
            "Set-InboxRule ProjectContoso -Mailbox chris -MarkImportance High",
            "Get-InboxRule -Mailbox chris | Set-InboxRule -MarkImportance High",
        ] {
            let v = bind_on(ok, Side::Online);
            assert!(v.diagnostics.is_empty(), "{ok}: {:#?}", v.diagnostics);
        }
        // A page's own mistake stays silent; a parameter nothing omits is asked for as usual.
        assert!(bind_on("Get-OMEConfiguration", Side::Online).diagnostics.is_empty());
        let v = bind_on("Get-QuarantineMessageHeader -RecipientAddress a@contoso.com", Side::Online);
        assert_eq!(codes(&v), [codes::MISSING_MANDATORY]);
    }
}
