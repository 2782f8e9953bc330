//! Building one cmdlet entry for one service: the generated record cut to that service, the
//! hand-kept entry laid on top, the common parameters added.
//!
//! The merge rules (docs/catalogue.md):
//! - Parameters: those whose `Applicable:` line names the service.
//! - Parameter sets: a set is dropped when one of its mandatory parameters does not exist in the
//!   service (Get-MailboxStatistics' `Database` set in Exchange Online); a parameter left in no
//!   set joins every remaining one.
//! - Hand-kept parameters refine the generated one of the same name: the kind (value sets,
//!   ranges) and, where given, the availability (CU-precise) replace the generated ones, the
//!   citations are joined; binding (sets, position, mandatory, pipeline) stays as generated
//!   (corrected, see below). A hand-kept parameter the reference lacks is added.
//! - The common parameters, and `-WhatIf`/`-Confirm` where the cmdlet has them, come from the
//!   hand-kept definitions and are marked common.
//! - Before any of this, the hand-kept corrections of the reference are applied to the record
//!   (sets, mandatory-ness, positions, pipeline, types, parameters the page lacks), and types the
//!   hand-kept layer names as flag enums take lists.

use super::applies::Applies;
use super::generated::{GeneratedSource, Record, kind_of_type};
use super::overrides::{Correction, Hand, SetChoice};
use super::{Assembly, CatalogueError, CmdletInfo, ParamInfo, ParamKind, PipelineInput, SetMembership};
use crate::exchange::side::Service;

fn pipeline(code: u8) -> PipelineInput {
    match code {
        0 => PipelineInput::None,
        // Exchange's pages mostly say only "True"; Exchange's Identity parameters take the piped
        // object itself, so that is how it is read.
        1 | 4 => PipelineInput::Value,
        2 => PipelineInput::Property,
        _ => PipelineInput::Both,
    }
}

fn set_memberships(sets: &[String], set_mask: u64, mandatory: u64) -> Vec<SetMembership> {
    sets.iter()
        .enumerate()
        .filter(|(i, _)| set_mask & (1 << i) != 0)
        .map(|(i, s)| SetMembership { set: s.clone(), mandatory: mandatory & (1 << i) != 0 })
        .collect()
}

/// Moves the bits of `mask` through `map` (old set index → new index, `None` = dropped).
fn remap(mask: u64, map: &[Option<usize>]) -> u64 {
    map.iter().enumerate().filter(|(i, _)| mask & (1 << i) != 0).filter_map(|(_, n)| *n).fold(0, |m, n| m | (1 << n))
}

/// One parameter of the record as the corrections leave it.
struct Working<'a> {
    name: &'a str,
    type_name: &'a str,
    aliases: Vec<&'a str>,
    position: Option<u32>,
    pipeline: PipelineInput,
    applies: Applies,
    sets: u64,
    mandatory: u64,
    /// The values the page lists (an enum the hand-kept layer may not know).
    values: Vec<&'a str>,
    /// Takes a list although its type names one value.
    list: bool,
    /// The reasons of the corrections applied to it.
    why: Vec<&'a str>,
}

/// The mask of the named sets of `record` (an error names the set the page lacks).
fn named_sets(record: &Record, c: &Correction, names: &[String]) -> Result<u64, CatalogueError> {
    let mut mask = 0u64;
    for n in names {
        let i = record.sets.iter().position(|s| s.eq_ignore_ascii_case(n)).ok_or_else(|| CatalogueError::Invalid {
            cmdlet: record.name.to_string(),
            problem: format!(
                "correction of -{} names parameter set '{n}', which the page does not have (it has {})",
                c.parameters.join(", -"),
                record.sets.join(", ")
            ),
        })?;
        mask |= 1 << i;
    }
    Ok(mask)
}

/// The record's parameters with the hand-kept corrections for `service` applied.
fn corrected<'a>(
    record: &'a Record,
    applies: Applies,
    service: Service,
    hand: &'a Hand,
) -> Result<Vec<Working<'a>>, CatalogueError> {
    let all = if record.sets.len() == 64 { u64::MAX } else { (1u64 << record.sets.len()) - 1 };
    let mut params: Vec<Working<'a>> = record
        .params
        .iter()
        .map(|p| Working {
            name: p.name,
            type_name: p.type_name,
            aliases: p.aliases.clone(),
            position: p.position,
            pipeline: pipeline(p.pipeline),
            applies: p.applies,
            sets: p.sets,
            mandatory: p.mandatory,
            values: p.values.clone(),
            list: false,
            why: Vec::new(),
        })
        .collect();
    for c in hand.corrections_for(record.name, service) {
        for name in &c.parameters {
            let i = match params.iter().position(|p| p.name.eq_ignore_ascii_case(name)) {
                Some(i) => i,
                None => {
                    let Some(t) = c.type_name.as_deref() else {
                        return Err(CatalogueError::Invalid {
                            cmdlet: record.name.to_string(),
                            problem: format!(
                                "correction names -{name}, which the page does not have; give its \"type\" to add it"
                            ),
                        });
                    };
                    params.push(Working {
                        name,
                        type_name: t,
                        aliases: Vec::new(),
                        position: None,
                        pipeline: PipelineInput::None,
                        applies,
                        sets: all,
                        mandatory: 0,
                        values: Vec::new(),
                        list: false,
                        why: Vec::new(),
                    });
                    params.len() - 1
                }
            };
            let p = &mut params[i];
            if let Some(t) = c.type_name.as_deref() {
                p.type_name = t;
            }
            match &c.sets {
                None | Some(SetChoice::Nowhere) => {}
                Some(SetChoice::All) => p.sets = all,
                Some(SetChoice::Named(n)) => p.sets = named_sets(record, c, n)?,
            }
            match &c.mandatory {
                None => {}
                Some(SetChoice::Nowhere) => p.mandatory = 0,
                Some(SetChoice::All) => p.mandatory = p.sets,
                Some(SetChoice::Named(n)) => p.mandatory = named_sets(record, c, n)?,
            }
            p.mandatory &= p.sets;
            if c.position.is_some() {
                p.position = c.position;
            }
            if let Some(pipe) = c.pipeline {
                p.pipeline = pipe;
            }
            p.list |= c.list;
            if let Some(a) = c.applies {
                p.applies = a;
            }
            p.why.push(&c.why);
        }
    }
    Ok(params)
}

/// What values a parameter takes: the type's kind, as a list where the hand-kept layer says so.
fn kind_of(p: &Working, hand: &Hand) -> ParamKind {
    let kind = kind_of_type(p.type_name);
    if matches!(kind, ParamKind::MultiValued { .. }) {
        return kind;
    }
    // A flag enum (`-Services IMAP,POP`) takes several values; PowerShell combines them, and a
    // single text `"IMAP, POP"` too, which a list of text accepts as well. Such a value is no
    // multi-valued property: `@{Add=...}` is not for it.
    if hand.is_flag_enum(p.type_name) || p.list {
        let of = match kind {
            ParamKind::Switch => ParamKind::String,
            k => k,
        };
        return ParamKind::MultiValued { of: Box::new(of), add_remove: false };
    }
    kind
}

/// The entry of `record` for `service`, with the hand-kept entry (same cmdlet and side) on top.
pub(super) fn build(
    record: &Record,
    applies: Applies,
    service: Service,
    hand: &Hand,
    own: Option<&CmdletInfo>,
    source: &GeneratedSource,
) -> Result<CmdletInfo, CatalogueError> {
    let page = format!("{}/{}.md", source.path, record.name);
    let params = corrected(record, applies, service, hand)?;
    let here: Vec<_> = params.iter().filter(|p| p.applies.in_service(service)).collect();
    let absent_mandatory = params.iter().filter(|p| !p.applies.in_service(service)).fold(0u64, |m, p| m | p.mandatory);
    let mut keep: Vec<usize> = (0..record.sets.len()).filter(|i| absent_mandatory & (1 << i) == 0).collect();
    if keep.is_empty() {
        keep = (0..record.sets.len()).collect();
    }
    let mut map = vec![None; record.sets.len()];
    for (new, &old) in keep.iter().enumerate() {
        map[old] = Some(new);
    }
    let sets: Vec<String> = keep.iter().map(|&i| record.sets[i].to_string()).collect();
    let all = if sets.len() == 64 { u64::MAX } else { (1u64 << sets.len()) - 1 };
    let default_set = map
        .get(record.default_set)
        .copied()
        .flatten()
        .or_else(|| sets.iter().position(|s| s == "Identity"))
        .unwrap_or(0);

    let mut parameters: Vec<ParamInfo> = Vec::with_capacity(here.len() + hand.common.len());
    for p in &here {
        let mut set_mask = remap(p.sets, &map);
        if set_mask == 0 {
            set_mask = all;
        }
        let mandatory_sets = remap(p.mandatory, &map) & set_mask;
        let common = matches!(p.name, "WhatIf" | "Confirm");
        let mut cited = format!("{page} -{}", p.name);
        for why in &p.why {
            cited.push_str("; hand-kept correction: ");
            cited.push_str(why);
        }
        parameters.push(ParamInfo {
            name: p.name.to_string(),
            aliases: p.aliases.iter().map(|a| a.to_string()).collect(),
            kind: kind_of(p, hand),
            type_name: Some(p.type_name.to_string()),
            position: p.position,
            pipeline: p.pipeline,
            in_all_sets: set_mask == all,
            sets: set_memberships(&sets, set_mask, mandatory_sets),
            availability: p.applies.on_premises_availability(),
            applies: p.applies,
            common,
            source: cited,
            listed_values: p.values.iter().map(|v| v.to_string()).collect(),
            set_mask,
            mandatory_sets,
        });
    }
    let supports_should_process = parameters.iter().any(|p| p.name == "WhatIf");
    // PowerShell refuses a cmdlet whose names collide, so a collision is a slip of the page
    // (an alias repeating a name, Invoke-HoldRemovalAction -SharePointLocation claiming `wi`):
    // names win, then the aliases of -WhatIf/-Confirm, then the others in page order.
    let mut seen: Vec<String> = parameters.iter().map(|p| p.name.to_ascii_lowercase()).collect();
    parameters.sort_by_key(|p| !p.common);
    for p in &mut parameters {
        p.aliases.retain(|a| {
            let l = a.to_ascii_lowercase();
            let fresh = !seen.contains(&l);
            if fresh {
                seen.push(l);
            }
            fresh
        });
    }
    parameters.sort_by_key(|p| p.common);

    // The hand-kept layer.
    let mut availability =
        if service == Service::OnPremises { applies.on_premises_availability() } else { Default::default() };
    let mut synopsis = record.synopsis.to_string();
    let short = source.commit.get(..10).unwrap_or(source.commit);
    let mut cmdlet_source = format!("{} @{short} {page}", source.repository);
    if let Some(own) = own {
        if !own.availability.is_everywhere() {
            availability = own.availability.clone();
        }
        synopsis = own.synopsis.clone();
        cmdlet_source = format!("{}; {cmdlet_source}", own.source);
        for hp in own.parameters.iter().filter(|p| !p.common) {
            match parameters.iter_mut().find(|p| p.name.eq_ignore_ascii_case(&hp.name)) {
                Some(p) => {
                    p.kind = hp.kind.clone();
                    // A hand-kept value set is the judge; the page's list then says nothing more.
                    if matches!(p.kind.element(), ParamKind::Enum { .. }) {
                        p.listed_values.clear();
                    }
                    if !hp.availability.is_everywhere() {
                        p.availability = hp.availability.clone();
                    }
                    if p.type_name.is_none() {
                        p.type_name = hp.type_name.clone();
                    }
                    p.source = format!("{}; {}", hp.source, p.source);
                }
                None => {
                    // The hand-kept sets, by name, where the generated cmdlet has them.
                    let mut set_mask = 0u64;
                    for m in &hp.sets {
                        if let Some(i) = sets.iter().position(|s| *s == m.set) {
                            set_mask |= 1 << i;
                        }
                    }
                    if hp.in_all_sets || set_mask == 0 {
                        set_mask = all;
                    }
                    let mandatory_sets = if hp.mandatory_sets != 0 && !hp.in_all_sets { set_mask } else { 0 };
                    let mut p = hp.clone();
                    p.in_all_sets = set_mask == all;
                    p.sets = set_memberships(&sets, set_mask, mandatory_sets);
                    p.set_mask = set_mask;
                    p.mandatory_sets = mandatory_sets;
                    parameters.push(p);
                }
            }
        }
    }

    // Common parameters, and the hand-kept reading of -WhatIf/-Confirm.
    for cp in hand.should_process.iter().filter(|_| supports_should_process) {
        if let Some(p) = parameters.iter_mut().find(|p| p.name == cp.name) {
            p.kind = cp.kind.clone();
            p.common = true;
            for a in &cp.aliases {
                if !p.aliases.contains(a) {
                    p.aliases.push(a.clone());
                }
            }
        }
    }
    for cp in &hand.common {
        if parameters.iter().any(|p| p.name.eq_ignore_ascii_case(&cp.name)) {
            continue;
        }
        let mut p = cp.clone();
        p.set_mask = all;
        p.sets = set_memberships(&sets, all, 0);
        parameters.push(p);
    }

    CmdletInfo::assemble(Assembly {
        name: record.name.to_string(),
        side: service.side(),
        service,
        applies,
        synopsis,
        source: cmdlet_source,
        availability,
        parameters,
        default_parameter_set: sets[default_set].clone(),
        parameter_sets: sets,
        supports_should_process,
    })
}
