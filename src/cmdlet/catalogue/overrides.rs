//! The hand-kept half of the catalogue: `overrides.json`, mbxctl's own knowledge of the cmdlets
//! it drives (value sets such as `Set-Mailbox -Type`'s, version gating down to the CU, Exchange
//! behaviour notes), each fact citing where it comes from.
//!
//! Each entry is read into a complete [`CmdletInfo`] of its own, checked as such (citations,
//! sets, duplicate names), and then laid over the generated entry of the same cmdlet and side
//! (see `layer` in `mod.rs`): the generated data gives the full parameter list and binding, the
//! hand-kept data refines it. The JSON shapes are described in docs/catalogue.md.
//!
//! Two more sections correct the reference where it is wrong or says too little, each entry with
//! its reason: `corrections` (a parameter's sets, mandatory-ness, position, pipeline binding, type,
//! or a parameter the page lacks) and `flag_enum_types` (types that take several values at once).

use super::mask::MAX_PARAMETERS;
use super::{
    Applies, CatalogueError, CmdletInfo, EnumValue, MAX_PARAMETER_SETS, ParamInfo, ParamKind, PipelineInput,
    SetMembership,
};
use crate::cmdlet::version::Availability;
use crate::exchange::side::{Service, Side};
use serde::Deserialize;
use std::collections::BTreeMap;

/// The hand-kept data, read and checked.
#[derive(Debug)]
pub(super) struct Hand {
    /// One complete entry per hand-kept cmdlet and side.
    pub cmdlets: Vec<CmdletInfo>,
    /// The common parameters every cmdlet has (`-Verbose`, `-ErrorAction`, ...).
    pub common: Vec<ParamInfo>,
    /// `-WhatIf` and `-Confirm`, for cmdlets that support ShouldProcess.
    pub should_process: Vec<ParamInfo>,
    /// Corrections of the generated binding, in file order.
    pub corrections: Vec<Correction>,
    /// Lowercase names of the types that are flag enums (several values at once), sorted.
    pub flag_enums: Vec<String>,
}

impl Hand {
    /// Whether values of this .NET type (as the reference names it) combine, as a flag enum's do.
    pub fn is_flag_enum(&self, type_name: &str) -> bool {
        let t = type_name.trim().to_ascii_lowercase();
        self.flag_enums.binary_search(&t).is_ok()
    }

    /// The corrections for one cmdlet as one service has it.
    pub fn corrections_for<'a>(&'a self, cmdlet: &'a str, service: Service) -> impl Iterator<Item = &'a Correction> {
        self.corrections
            .iter()
            .filter(move |c| c.cmdlet.eq_ignore_ascii_case(cmdlet) && c.service.is_none_or(|s| s == service))
    }
}

/// A hand-kept correction of what the reference says about some parameters of one cmdlet:
/// where a page's SYNTAX is wrong (Set-OrganizationConfig puts `-RejectDirectSend` only in a set
/// whose `-ShortenEventScopeDefault` is mandatory), or says too little (a parameter its own
/// examples use). Applied to the generated record before it is cut to a service.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Correction {
    /// The cmdlet, as the reference spells it.
    pub cmdlet: String,
    /// The parameters corrected (each the same way).
    pub parameters: Vec<String>,
    /// Only in this service; every service when `None`.
    pub service: Option<Service>,
    /// The .NET type: replaces the page's; required to add a parameter the page lacks.
    pub type_name: Option<String>,
    /// The parameter sets it belongs to.
    pub sets: Option<SetChoice>,
    /// Where it is mandatory.
    pub mandatory: Option<SetChoice>,
    /// Its position.
    pub position: Option<u32>,
    /// How it takes pipeline input.
    pub pipeline: Option<PipelineInput>,
    /// It takes a list although its type names one value.
    pub list: bool,
    /// Where it exists (bits of [`Applies`]), for an added parameter or one the page places wrongly.
    pub applies: Option<Applies>,
    /// Why: what the page says against itself, or what the real cmdlet does.
    pub why: String,
}

/// A choice of parameter sets in a correction.
#[derive(Debug, Clone, PartialEq)]
pub(super) enum SetChoice {
    /// None of them (`"mandatory": false`).
    Nowhere,
    /// Every set: of the cmdlet (`"sets": "all"`), or every set the parameter is in
    /// (`"mandatory": true`).
    All,
    /// These sets, by name.
    Named(Vec<String>),
}

// ---- raw data shapes (the JSON) ----

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawCatalogue {
    sources: BTreeMap<String, String>,
    common_parameters: Vec<RawParam>,
    should_process_parameters: Vec<RawParam>,
    shared_parameters: BTreeMap<String, RawParam>,
    cmdlets: Vec<RawCmdlet>,
    #[serde(default)]
    flag_enum_types: BTreeMap<String, String>,
    #[serde(default)]
    corrections: Vec<RawCorrection>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawCorrection {
    cmdlet: String,
    parameters: Vec<String>,
    #[serde(default)]
    service: Option<Service>,
    #[serde(default, rename = "type")]
    type_name: Option<String>,
    #[serde(default)]
    sets: Option<RawSets>,
    #[serde(default)]
    mandatory: Option<RawMandatory>,
    #[serde(default)]
    position: Option<u32>,
    #[serde(default)]
    pipeline: Option<PipelineInput>,
    #[serde(default)]
    list: bool,
    #[serde(default)]
    applies: Option<Vec<String>>,
    why: String,
}

#[derive(Deserialize)]
#[serde(untagged)]
enum RawSets {
    /// `"all"`.
    Word(String),
    Named(Vec<String>),
}

#[derive(Deserialize)]
#[serde(untagged)]
enum RawMandatory {
    Flag(bool),
    Named(Vec<String>),
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawCmdlet {
    name: String,
    side: Side,
    source: String,
    synopsis: String,
    #[serde(default)]
    since: Option<String>,
    parameter_sets: Vec<String>,
    default_parameter_set: String,
    #[serde(default)]
    supports_should_process: bool,
    parameters: Vec<RawEntry>,
}

#[derive(Deserialize)]
#[serde(untagged)]
enum RawEntry {
    Use(RawUse),
    Param(RawParam),
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawUse {
    #[serde(rename = "use")]
    shared: String,
    #[serde(default)]
    sets: Option<Vec<String>>,
    #[serde(default)]
    mandatory: Option<bool>,
}

#[derive(Deserialize, Clone)]
#[serde(deny_unknown_fields)]
struct RawParam {
    name: String,
    #[serde(default)]
    aliases: Vec<String>,
    kind: RawKind,
    #[serde(default, rename = "type")]
    type_name: Option<String>,
    #[serde(default)]
    position: Option<u32>,
    #[serde(default)]
    mandatory: bool,
    #[serde(default)]
    pipeline: PipelineInput,
    #[serde(default)]
    sets: Option<Vec<String>>,
    #[serde(default)]
    since: Option<String>,
    source: String,
}

#[derive(Deserialize, Clone)]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
enum RawKind {
    String,
    Identity,
    Switch,
    Bool,
    ByteSize,
    Quota,
    SecureString,
    Guid,
    DateTime,
    Int {
        min: i64,
        max: i64,
    },
    IntOrUnlimited {
        min: i64,
    },
    Enum(Vec<RawEnumValue>),
    Multi {
        of: Box<RawKind>,
        #[serde(default)]
        add_remove: bool,
    },
}

#[derive(Deserialize, Clone)]
#[serde(untagged)]
enum RawEnumValue {
    Plain(String),
    Detailed {
        value: String,
        #[serde(default)]
        since: Option<String>,
        #[serde(default)]
        source: Option<String>,
    },
}

fn availability(text: Option<&str>, cmdlet: &str, parameter: &str) -> Result<Availability, CatalogueError> {
    text.unwrap_or("all").parse().map_err(|source| CatalogueError::Availability {
        cmdlet: cmdlet.to_string(),
        parameter: parameter.to_string(),
        source,
    })
}

fn kind(raw: &RawKind, cmdlet: &str, parameter: &str) -> Result<ParamKind, CatalogueError> {
    Ok(match raw {
        RawKind::String => ParamKind::String,
        RawKind::Identity => ParamKind::Identity,
        RawKind::Switch => ParamKind::Switch,
        RawKind::Bool => ParamKind::Bool,
        RawKind::ByteSize => ParamKind::ByteSize,
        RawKind::Quota => ParamKind::Quota,
        RawKind::SecureString => ParamKind::SecureString,
        RawKind::Guid => ParamKind::Guid,
        RawKind::DateTime => ParamKind::DateTime,
        RawKind::Int { min, max } => ParamKind::Int { min: *min, max: *max },
        RawKind::IntOrUnlimited { min } => ParamKind::IntOrUnlimited { min: *min },
        RawKind::Enum(values) => ParamKind::Enum {
            values: values
                .iter()
                .map(|v| {
                    Ok(match v {
                        RawEnumValue::Plain(name) => {
                            EnumValue { name: name.clone(), availability: Availability::everywhere(), source: None }
                        }
                        RawEnumValue::Detailed { value, since, source } => EnumValue {
                            name: value.clone(),
                            availability: availability(since.as_deref(), cmdlet, &format!("{parameter} {value}"))?,
                            source: source.clone(),
                        },
                    })
                })
                .collect::<Result<_, CatalogueError>>()?,
        },
        RawKind::Multi { of, add_remove } => {
            ParamKind::MultiValued { of: Box::new(kind(of, cmdlet, parameter)?), add_remove: *add_remove }
        }
    })
}

fn invalid(cmdlet: &str, problem: String) -> CatalogueError {
    CatalogueError::Invalid { cmdlet: cmdlet.to_string(), problem }
}

fn check_citations(raw: &RawCatalogue, cmdlet: &str, source: &str) -> Result<(), CatalogueError> {
    let mut rest = source;
    while let Some(open) = rest.find('[') {
        let Some(close) = rest[open..].find(']') else { break };
        let key = &rest[open + 1..open + close];
        if !raw.sources.contains_key(key) {
            return Err(invalid(cmdlet, format!("cites [{key}], which is not in \"sources\"")));
        }
        rest = &rest[open + close + 1..];
    }
    Ok(())
}

/// A parameter on its own, in every set (the common and should-process parameters).
fn loose_param(raw: &RawCatalogue, p: &RawParam, what: &str) -> Result<ParamInfo, CatalogueError> {
    check_citations(raw, what, &p.source)?;
    Ok(ParamInfo {
        name: p.name.clone(),
        aliases: p.aliases.clone(),
        kind: kind(&p.kind, what, &p.name)?,
        type_name: p.type_name.clone(),
        position: p.position,
        pipeline: p.pipeline,
        in_all_sets: true,
        sets: Vec::new(),
        availability: availability(p.since.as_deref(), what, &p.name)?,
        applies: Applies::EVERYWHERE,
        common: true,
        source: p.source.clone(),
        listed_values: Vec::new(),
        set_mask: u64::MAX,
        mandatory_sets: 0,
    })
}

/// Reads and checks `overrides.json`.
pub(super) fn read(text: &str) -> Result<Hand, CatalogueError> {
    let raw: RawCatalogue = serde_json::from_str(text)?;
    let common =
        raw.common_parameters.iter().map(|p| loose_param(&raw, p, "(common parameters)")).collect::<Result<_, _>>()?;
    let should_process = raw
        .should_process_parameters
        .iter()
        .map(|p| loose_param(&raw, p, "(should-process parameters)"))
        .collect::<Result<_, _>>()?;
    let mut cmdlets: Vec<CmdletInfo> = Vec::with_capacity(raw.cmdlets.len());
    for rc in &raw.cmdlets {
        let c = build_cmdlet(&raw, rc)?;
        if cmdlets.iter().any(|o| o.side == c.side && o.name.eq_ignore_ascii_case(&c.name)) {
            return Err(invalid(&c.name, "catalogued twice for the same side".into()));
        }
        cmdlets.push(c);
    }
    let corrections = raw.corrections.iter().map(correction).collect::<Result<_, _>>()?;
    let mut flag_enums = Vec::with_capacity(raw.flag_enum_types.len());
    for (t, why) in &raw.flag_enum_types {
        if why.trim().is_empty() {
            return Err(invalid("(flag_enum_types)", format!("{t} gives no reason")));
        }
        flag_enums.push(t.trim().to_ascii_lowercase());
    }
    flag_enums.sort();
    Ok(Hand { cmdlets, common, should_process, corrections, flag_enums })
}

/// Reads one correction and checks what can be checked without the generated record (that the
/// sets and parameters exist is checked when it is applied, and by the tests for every entry).
fn correction(raw: &RawCorrection) -> Result<Correction, CatalogueError> {
    let name = raw.cmdlet.as_str();
    let problem = |p: &str| Err(invalid(name, format!("correction of -{}: {p}", raw.parameters.join(", -"))));
    if raw.parameters.is_empty() || raw.parameters.iter().any(|p| p.is_empty() || p.starts_with('-')) {
        return problem("\"parameters\" must name one or more parameters, without the dash");
    }
    if raw.why.trim().is_empty() {
        return problem("\"why\" is empty; say what the page says against itself or what the cmdlet does");
    }
    let sets = match &raw.sets {
        None => None,
        Some(RawSets::Word(w)) if w == "all" => Some(SetChoice::All),
        Some(RawSets::Word(w)) => return problem(&format!("\"sets\": \"{w}\" is neither \"all\" nor a list of sets")),
        Some(RawSets::Named(n)) if n.is_empty() => return problem("\"sets\" is empty"),
        Some(RawSets::Named(n)) => Some(SetChoice::Named(n.clone())),
    };
    let mandatory = match &raw.mandatory {
        None => None,
        Some(RawMandatory::Flag(false)) => Some(SetChoice::Nowhere),
        Some(RawMandatory::Flag(true)) => Some(SetChoice::All),
        Some(RawMandatory::Named(n)) => Some(SetChoice::Named(n.clone())),
    };
    let applies = match &raw.applies {
        None => None,
        Some(names) => {
            let mut bits = 0u16;
            for n in names {
                bits |= Applies::bit_of(n).ok_or_else(|| {
                    invalid(name, format!("correction: \"{n}\" is not a product the reference names (\"Exchange Server 2010\", \"Exchange Online\", ...)"))
                })?;
            }
            Some(Applies::from_bits(bits))
        }
    };
    let c = Correction {
        cmdlet: raw.cmdlet.clone(),
        parameters: raw.parameters.clone(),
        service: raw.service,
        type_name: raw.type_name.clone(),
        sets,
        mandatory,
        position: raw.position,
        pipeline: raw.pipeline,
        list: raw.list,
        applies,
        why: raw.why.clone(),
    };
    if c.type_name.is_none()
        && c.sets.is_none()
        && c.mandatory.is_none()
        && c.position.is_none()
        && c.pipeline.is_none()
        && !c.list
        && c.applies.is_none()
    {
        return problem(
            "changes nothing; give \"sets\", \"mandatory\", \"position\", \"pipeline\", \"type\", \"list\" or \"applies\"",
        );
    }
    Ok(c)
}

fn build_cmdlet(raw: &RawCatalogue, rc: &RawCmdlet) -> Result<CmdletInfo, CatalogueError> {
    let name = rc.name.as_str();
    check_citations(raw, name, &rc.source)?;
    if rc.parameter_sets.is_empty() || rc.parameter_sets.len() > MAX_PARAMETER_SETS {
        return Err(invalid(name, format!("needs 1 to {MAX_PARAMETER_SETS} parameter sets")));
    }
    if !rc.parameter_sets.contains(&rc.default_parameter_set) {
        return Err(invalid(name, format!("default set '{}' is not one of its sets", rc.default_parameter_set)));
    }
    let mut entries: Vec<(RawParam, bool)> = Vec::new();
    for e in &rc.parameters {
        match e {
            RawEntry::Param(p) => entries.push((p.clone(), false)),
            RawEntry::Use(u) => {
                let mut p = raw
                    .shared_parameters
                    .get(&u.shared)
                    .cloned()
                    .ok_or_else(|| invalid(name, format!("uses unknown shared parameter '{}'", u.shared)))?;
                if u.sets.is_some() {
                    p.sets = u.sets.clone();
                }
                if let Some(m) = u.mandatory {
                    p.mandatory = m;
                }
                entries.push((p, false));
            }
        }
    }
    if rc.supports_should_process {
        entries.extend(raw.should_process_parameters.iter().cloned().map(|p| (p, true)));
    }
    entries.extend(raw.common_parameters.iter().cloned().map(|p| (p, true)));
    if entries.len() > MAX_PARAMETERS {
        return Err(invalid(name, format!("has more than {MAX_PARAMETERS} parameters")));
    }
    let all_mask = if rc.parameter_sets.len() == 64 { u64::MAX } else { (1u64 << rc.parameter_sets.len()) - 1 };
    let mut parameters = Vec::with_capacity(entries.len());
    for (p, common) in entries {
        check_citations(raw, name, &p.source)?;
        let set_mask = match &p.sets {
            None => all_mask,
            Some(sets) => {
                let mut mask = 0u64;
                for s in sets {
                    let i = rc
                        .parameter_sets
                        .iter()
                        .position(|x| x == s)
                        .ok_or_else(|| invalid(name, format!("-{} names unknown parameter set '{s}'", p.name)))?;
                    mask |= 1 << i;
                }
                mask
            }
        };
        let sets = rc
            .parameter_sets
            .iter()
            .enumerate()
            .filter(|(i, _)| set_mask & (1 << i) != 0)
            .map(|(_, s)| SetMembership { set: s.clone(), mandatory: p.mandatory })
            .collect();
        parameters.push(ParamInfo {
            kind: kind(&p.kind, name, &p.name)?,
            availability: availability(p.since.as_deref(), name, &p.name)?,
            applies: Applies::for_side(rc.side),
            aliases: p.aliases,
            type_name: p.type_name,
            position: p.position,
            pipeline: p.pipeline,
            in_all_sets: set_mask == all_mask,
            sets,
            common,
            source: p.source,
            listed_values: Vec::new(),
            set_mask,
            mandatory_sets: if p.mandatory { set_mask } else { 0 },
            name: p.name,
        });
    }
    CmdletInfo::assemble(super::Assembly {
        name: rc.name.clone(),
        side: rc.side,
        service: rc.side.service(),
        applies: Applies::for_side(rc.side),
        synopsis: rc.synopsis.clone(),
        source: rc.source.clone(),
        availability: availability(rc.since.as_deref(), name, "(cmdlet)")?,
        parameters,
        parameter_sets: rc.parameter_sets.clone(),
        default_parameter_set: rc.default_parameter_set.clone(),
        supports_should_process: rc.supports_should_process,
    })
}
