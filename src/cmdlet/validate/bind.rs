//! The binder: names, prefixes and aliases, switches, positions, parameter sets, mandatory parameters.

use super::*;

pub(super) fn validate_impl(inv: &Invocation, target: &Target, piped: bool) -> Validated {
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
    let mut bound: u128 = 0;
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
                if bound & (1 << idx) != 0 {
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
                bound |= 1 << idx;
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
                bound |= 1 << idx;
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
fn pick_positional(cmd: &CmdletInfo, bound: u128, candidates: u64) -> Option<usize> {
    let default_bit = 1u64 << cmd.default_set_index();
    let mut best: Option<(u32, usize)> = None;
    for &(pos, idx) in cmd.positional() {
        let info = &cmd.parameters[idx];
        if bound & (1 << idx) != 0 || info.set_mask & candidates == 0 {
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

    fn resolve_set(&mut self, candidates: u64, bound: u128, piped: bool) -> Option<String> {
        let cmd = self.cmd;
        let supplied = if piped { bound | cmd.pipeline_mask() } else { bound };
        let satisfied = |set: usize| cmd.mandatory_in(set) & !supplied == 0;
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
        if missing != 0 {
            for (i, info) in cmd.parameters.iter().enumerate() {
                if missing & (1 << i) == 0 {
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
