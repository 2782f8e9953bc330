//! The catalogue: what mbxctl knows about each Exchange cmdlet, per side of a hybrid organisation.
//!
//! The facts live in data (`catalogue/cmdlets.json`, embedded and parsed once), each entry citing the
//! documentation it comes from, so adding a cmdlet or a parameter never means writing code. Parsing
//! also builds the lookup tables validation needs: lowercase name/alias tables sorted for binary
//! search (exact and prefix matches without allocating), and a bit mask of parameter sets per
//! parameter.

use super::version::{Availability, AvailabilityParseError};
use crate::shell::Side;
use serde::{Deserialize, Serialize};
use std::cmp::Ordering;
use std::collections::BTreeMap;
use std::sync::OnceLock;

const DATA: &str = include_str!("catalogue/cmdlets.json");

/// Most parameters one cmdlet may have (the bound-parameter set is a `u128`).
pub const MAX_PARAMETERS: usize = 128;
/// Most parameter sets one cmdlet may have (set membership is a `u64`).
pub const MAX_PARAMETER_SETS: usize = 64;

/// Every cmdlet mbxctl knows.
#[derive(Debug, Serialize)]
pub struct Catalogue {
    cmdlets: Vec<CmdletInfo>,
    /// (lowercase name, index into `cmdlets`), sorted by name.
    #[serde(skip)]
    index: Vec<(Box<str>, usize)>,
}

/// One cmdlet as one side of a hybrid organisation knows it.
#[derive(Debug, Serialize)]
pub struct CmdletInfo {
    /// The name, as Microsoft spells it.
    pub name: String,
    /// Where it runs.
    pub side: Side,
    /// One sentence on what it does.
    pub synopsis: String,
    /// The documentation the entry follows.
    pub source: String,
    /// The Exchange versions that have it (on-premises); `all` when every one does.
    pub availability: Availability,
    /// Every parameter, the common ones included.
    pub parameters: Vec<ParamInfo>,
    /// Parameter set names.
    pub parameter_sets: Vec<String>,
    /// The set PowerShell picks when the parameters given fit several.
    pub default_parameter_set: String,
    /// Whether `-WhatIf` and `-Confirm` apply.
    pub supports_should_process: bool,
    /// (lowercase name or alias, parameter index), sorted.
    #[serde(skip)]
    lookup: Vec<(Box<str>, usize)>,
    /// (position, parameter index) of positional parameters, by position.
    #[serde(skip)]
    positional: Vec<(u32, usize)>,
    /// Per parameter set: bit `i` set = parameter `i` is mandatory there.
    #[serde(skip)]
    mandatory_by_set: Vec<u128>,
    /// Bit `i` set = parameter `i` takes pipeline input.
    #[serde(skip)]
    pipeline_mask: u128,
}

/// One parameter of a cmdlet.
#[derive(Debug, Serialize)]
pub struct ParamInfo {
    /// The name, without the dash.
    pub name: String,
    /// Other names PowerShell accepts.
    pub aliases: Vec<String>,
    /// What values it takes.
    pub kind: ParamKind,
    /// The .NET type as the docs name it, when it says more than `kind`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub type_name: Option<String>,
    /// Position for positional binding (the docs' numbering), if any.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub position: Option<u32>,
    /// Pipeline binding.
    pub pipeline: PipelineInput,
    /// Whether it belongs to every parameter set.
    pub in_all_sets: bool,
    /// The sets it belongs to and whether it is mandatory in each.
    pub sets: Vec<SetMembership>,
    /// The Exchange versions that have it.
    pub availability: Availability,
    /// A PowerShell common parameter (`-Verbose`, `-ErrorAction`, `-WhatIf`, ...).
    pub common: bool,
    /// The documentation the entry follows.
    pub source: String,
    /// Bit `i` set = member of `parameter_sets[i]`.
    #[serde(skip)]
    pub(crate) set_mask: u64,
}

/// A parameter's membership of one parameter set.
#[derive(Debug, Clone, Serialize)]
pub struct SetMembership {
    /// The set name.
    pub set: String,
    /// Whether the parameter is mandatory in that set.
    pub mandatory: bool,
}

/// How a parameter takes pipeline input.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PipelineInput {
    /// Not from the pipeline.
    #[default]
    None,
    /// The piped object itself (`ValueFromPipeline`).
    Value,
    /// A property of the piped object (`ValueFromPipelineByPropertyName`).
    Property,
    /// Both.
    Both,
}

/// What values a parameter accepts.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum ParamKind {
    /// Any text.
    String,
    /// An identity (name, alias, GUID, DN, UPN, ...): text the server resolves.
    Identity,
    /// A switch (`-Force`, `-Force:$false`).
    Switch,
    /// `$true` or `$false` (or 1/0, as PowerShell converts).
    Bool,
    /// An integer in a range.
    Int {
        /// Smallest accepted.
        min: i64,
        /// Largest accepted.
        max: i64,
    },
    /// One of a fixed list of names, matched case-insensitively.
    Enum {
        /// The valid values.
        values: Vec<EnumValue>,
    },
    /// A size (`ByteQuantifiedSize`): `50GB`, `1.5 GB`, a byte count.
    ByteSize,
    /// A size or `Unlimited` (`Unlimited<ByteQuantifiedSize>`).
    Quota,
    /// A count or `Unlimited` (`ResultSize`).
    IntOrUnlimited {
        /// Smallest count accepted.
        min: i64,
    },
    /// A secure string: only secure values, never plain text.
    SecureString,
    /// A GUID.
    Guid,
    /// A date and time, as text PowerShell converts.
    DateTime,
    /// Several values: a list, or `@{Add=...; Remove=...}` where `add_remove`.
    MultiValued {
        /// What each value is.
        of: Box<ParamKind>,
        /// Whether `@{Add=...; Remove=...}` edits are accepted.
        add_remove: bool,
    },
}

/// One valid value of an enum parameter.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct EnumValue {
    /// The value, as Microsoft spells it.
    pub name: String,
    /// The versions that accept it.
    pub availability: Availability,
    /// Where that restriction is documented.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
}

/// Why the catalogue data could not be loaded (a bug in `cmdlets.json`, caught by tests).
#[derive(Debug, thiserror::Error)]
pub enum CatalogueError {
    /// Not valid JSON of the expected shape.
    #[error("catalogue data is malformed: {0}")]
    Json(#[from] serde_json::Error),
    /// A `since` text is wrong.
    #[error("catalogue entry {cmdlet} -{parameter}: {source}")]
    Availability {
        /// The cmdlet.
        cmdlet: String,
        /// The parameter (or value).
        parameter: String,
        /// The parse error.
        source: AvailabilityParseError,
    },
    /// A structural mistake (unknown set, duplicate name, missing shared parameter, ...).
    #[error("catalogue entry {cmdlet}: {problem}")]
    Invalid {
        /// The cmdlet.
        cmdlet: String,
        /// What is wrong.
        problem: String,
    },
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

/// Compares a lowercase key with any input, ASCII case-insensitively, without allocating.
pub(crate) fn cmp_ci(lower_key: &str, input: &str) -> Ordering {
    let (a, b) = (lower_key.as_bytes(), input.as_bytes());
    for (x, y) in a.iter().zip(b) {
        match x.cmp(&y.to_ascii_lowercase()) {
            Ordering::Equal => {}
            other => return other,
        }
    }
    a.len().cmp(&b.len())
}

/// Compares the first `input.len()` bytes of a key with `input`: `Equal` when the key starts with it.
fn cmp_prefix_ci(lower_key: &str, input: &str) -> Ordering {
    let (a, b) = (lower_key.as_bytes(), input.as_bytes());
    for (x, y) in a.iter().zip(b) {
        match x.cmp(&y.to_ascii_lowercase()) {
            Ordering::Equal => {}
            other => return other,
        }
    }
    if a.len() < b.len() { Ordering::Less } else { Ordering::Equal }
}

/// Indices (into `table`) of the exact match, or else the range of keys starting with `input`.
fn find_ci(table: &[(Box<str>, usize)], input: &str) -> Result<usize, std::ops::Range<usize>> {
    if let Ok(i) = table.binary_search_by(|(k, _)| cmp_ci(k, input)) {
        return Ok(i);
    }
    let start = table.partition_point(|(k, _)| cmp_prefix_ci(k, input) == Ordering::Less);
    let end = table.partition_point(|(k, _)| cmp_prefix_ci(k, input) != Ordering::Greater);
    Err(start..end)
}

/// How a parameter name resolved.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ParamMatch {
    /// One parameter (index into `parameters`).
    Found(usize),
    /// A prefix of several parameters (their indices).
    Ambiguous(Vec<usize>),
    /// Nothing.
    Unknown,
}

impl CmdletInfo {
    /// Resolves a parameter name as PowerShell does: exact name or alias, else an unambiguous
    /// prefix of names and aliases; case-insensitive; a leading `-` is ignored.
    pub fn resolve_parameter(&self, name: &str) -> ParamMatch {
        let name = name.strip_prefix('-').unwrap_or(name);
        if name.is_empty() {
            return ParamMatch::Unknown;
        }
        match find_ci(&self.lookup, name) {
            Ok(i) => ParamMatch::Found(self.lookup[i].1),
            Err(range) if range.is_empty() => ParamMatch::Unknown,
            Err(range) => {
                let first = self.lookup[range.start].1;
                if self.lookup[range.clone()].iter().all(|(_, p)| *p == first) {
                    return ParamMatch::Found(first);
                }
                let mut all: Vec<usize> = self.lookup[range].iter().map(|(_, p)| *p).collect();
                all.sort_unstable();
                all.dedup();
                ParamMatch::Ambiguous(all)
            }
        }
    }

    /// The parameter with this exact name or alias (case-insensitive).
    pub fn parameter(&self, name: &str) -> Option<&ParamInfo> {
        find_ci(&self.lookup, name).ok().map(|i| &self.parameters[self.lookup[i].1])
    }

    /// Positional parameters as (position, index), ordered by position.
    pub fn positional(&self) -> &[(u32, usize)] {
        &self.positional
    }

    /// Bit mask of every parameter set.
    pub(crate) fn all_sets_mask(&self) -> u64 {
        if self.parameter_sets.len() == 64 { u64::MAX } else { (1u64 << self.parameter_sets.len()) - 1 }
    }

    /// Index of the default parameter set.
    pub(crate) fn default_set_index(&self) -> usize {
        self.parameter_sets.iter().position(|s| *s == self.default_parameter_set).unwrap_or(0)
    }

    /// Bit mask of the parameters mandatory in set `set`.
    pub(crate) fn mandatory_in(&self, set: usize) -> u128 {
        self.mandatory_by_set[set]
    }

    /// Bit mask of the parameters that take pipeline input.
    pub(crate) fn pipeline_mask(&self) -> u128 {
        self.pipeline_mask
    }

    /// Names of the sets in a mask, in catalogue order.
    pub fn set_names(&self, mask: u64) -> Vec<&str> {
        self.parameter_sets.iter().enumerate().filter(|(i, _)| mask & (1 << i) != 0).map(|(_, s)| s.as_str()).collect()
    }

    /// Parameter names closest to a misspelt one, best first (at most three).
    pub fn closest_parameters(&self, name: &str) -> Vec<&str> {
        closest(name, self.parameters.iter().map(|p| p.name.as_str()))
    }
}

fn closest<'a>(name: &str, candidates: impl Iterator<Item = &'a str>) -> Vec<&'a str> {
    // Damerau-Levenshtein counts a swapped pair as one edit (`Tpye`), the commonest typing slip;
    // keeping only names nearly as close as the best avoids burying the answer among look-alikes.
    let name = name.trim_start_matches('-').to_ascii_lowercase();
    let mut scored: Vec<(f64, &str)> = candidates
        .map(|c| (strsim::normalized_damerau_levenshtein(&name, &c.to_ascii_lowercase()), c))
        .filter(|(score, _)| *score >= 0.6)
        .collect();
    scored.sort_by(|a, b| b.0.total_cmp(&a.0).then_with(|| a.1.cmp(b.1)));
    let best = scored.first().map_or(0.0, |s| s.0);
    let mut out: Vec<&str> = Vec::new();
    for (score, c) in scored {
        if score + 0.05 < best || out.len() == 3 {
            break;
        }
        if !out.contains(&c) {
            out.push(c);
        }
    }
    out
}

impl Catalogue {
    /// Every catalogued cmdlet, both sides.
    pub fn cmdlets(&self) -> &[CmdletInfo] {
        &self.cmdlets
    }

    /// A cmdlet by name (case-insensitive) on one side.
    pub fn cmdlet(&self, name: &str, side: Side) -> Option<&CmdletInfo> {
        self.entries(name).find(|c| c.side == side)
    }

    /// Every side's entry for a name (case-insensitive).
    pub fn entries<'a>(&'a self, name: &str) -> impl Iterator<Item = &'a CmdletInfo> + 'a {
        let start = self.index.partition_point(|(k, _)| cmp_ci(k, name) == Ordering::Less);
        let end = self.index.partition_point(|(k, _)| cmp_ci(k, name) != Ordering::Greater);
        self.index[start..end].iter().map(|(_, i)| &self.cmdlets[*i])
    }

    /// Catalogued cmdlet names closest to a misspelt one, best first (at most three).
    pub fn closest_cmdlets(&self, name: &str) -> Vec<&str> {
        closest(name, self.cmdlets.iter().map(|c| c.name.as_str()))
    }

    /// Parses catalogue data. `catalogue()` uses the embedded file; this exists for tests.
    pub fn from_json(text: &str) -> Result<Catalogue, CatalogueError> {
        let raw: RawCatalogue = serde_json::from_str(text)?;
        let mut cmdlets = Vec::with_capacity(raw.cmdlets.len());
        for rc in &raw.cmdlets {
            cmdlets.push(build_cmdlet(&raw, rc)?);
        }
        let mut index: Vec<(Box<str>, usize)> =
            cmdlets.iter().enumerate().map(|(i, c)| (c.name.to_ascii_lowercase().into_boxed_str(), i)).collect();
        index.sort();
        for pair in index.windows(2) {
            let (a, b) = (&cmdlets[pair[0].1], &cmdlets[pair[1].1]);
            if pair[0].0 == pair[1].0 && a.side == b.side {
                return Err(invalid(&a.name, "catalogued twice for the same side".into()));
            }
        }
        Ok(Catalogue { cmdlets, index })
    }
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
            aliases: p.aliases,
            type_name: p.type_name,
            position: p.position,
            pipeline: p.pipeline,
            in_all_sets: set_mask == all_mask,
            sets,
            common,
            source: p.source,
            set_mask,
            name: p.name,
        });
    }
    let mut lookup: Vec<(Box<str>, usize)> = Vec::new();
    for (i, p) in parameters.iter().enumerate() {
        for n in std::iter::once(&p.name).chain(&p.aliases) {
            lookup.push((n.to_ascii_lowercase().into_boxed_str(), i));
        }
    }
    lookup.sort();
    if let Some(w) = lookup.windows(2).find(|w| w[0].0 == w[1].0) {
        return Err(invalid(name, format!("parameter name or alias '{}' is used twice", w[0].0)));
    }
    let mut positional: Vec<(u32, usize)> =
        parameters.iter().enumerate().filter_map(|(i, p)| p.position.map(|pos| (pos, i))).collect();
    positional.sort();
    let mandatory_by_set = (0..rc.parameter_sets.len())
        .map(|set| {
            parameters
                .iter()
                .enumerate()
                .filter(|(_, p)| p.set_mask & (1 << set) != 0 && p.sets.iter().any(|m| m.mandatory))
                .fold(0u128, |acc, (i, _)| acc | (1 << i))
        })
        .collect();
    let pipeline_mask = parameters
        .iter()
        .enumerate()
        .filter(|(_, p)| p.pipeline != PipelineInput::None)
        .fold(0u128, |acc, (i, _)| acc | (1 << i));
    Ok(CmdletInfo {
        name: rc.name.clone(),
        side: rc.side,
        synopsis: rc.synopsis.clone(),
        source: rc.source.clone(),
        availability: availability(rc.since.as_deref(), name, "(cmdlet)")?,
        parameters,
        parameter_sets: rc.parameter_sets.clone(),
        default_parameter_set: rc.default_parameter_set.clone(),
        supports_should_process: rc.supports_should_process,
        lookup,
        positional,
        mandatory_by_set,
        pipeline_mask,
    })
}

/// The catalogue, parsed from the embedded data on first use.
pub fn catalogue() -> &'static Catalogue {
    static CATALOGUE: OnceLock<Catalogue> = OnceLock::new();
    CATALOGUE.get_or_init(|| match Catalogue::from_json(DATA) {
        Ok(c) => c,
        // The data is compiled in and checked by the tests below, so this cannot fail at run time
        // unless the build itself is broken; an empty catalogue would silently reject everything.
        Err(e) => panic!("embedded cmdlet catalogue is invalid: {e}"),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cmdlet::version::ExchangeVersion;
    use crate::cmdlet::version::Support;

    #[test]
    fn embedded_data_parses() {
        let c = Catalogue::from_json(DATA).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(c.cmdlets().len(), 30);
        assert!(c.cmdlet("Add-RecipientPermission", Side::Online).is_some());
        assert!(c.cmdlet("Add-RecipientPermission", Side::OnPremises).is_none());
    }

    #[test]
    fn every_entry_is_well_formed() {
        let cat = catalogue();
        for c in cat.cmdlets() {
            let mut names: Vec<String> = Vec::new();
            for p in &c.parameters {
                for n in std::iter::once(&p.name).chain(&p.aliases) {
                    let l = n.to_ascii_lowercase();
                    assert!(!names.contains(&l), "{} -{n} duplicated", c.name);
                    names.push(l);
                }
                assert!(!p.sets.is_empty(), "{} -{} is in no set", c.name, p.name);
                assert!(!p.source.is_empty(), "{} -{} cites nothing", c.name, p.name);
                check_kind(&c.name, &p.name, &p.kind);
            }
            for (si, set) in c.parameter_sets.iter().enumerate() {
                let mut positions: Vec<u32> =
                    c.parameters.iter().filter(|p| p.set_mask & (1 << si) != 0).filter_map(|p| p.position).collect();
                let n = positions.len();
                positions.sort();
                positions.dedup();
                assert_eq!(positions.len(), n, "{} set {set}: two parameters share a position", c.name);
            }
            assert!(c.parameter_sets.contains(&c.default_parameter_set));
            assert_eq!(c.parameter("WhatIf").is_some(), c.supports_should_process, "{}", c.name);
            assert!(c.parameter("Verbose").is_some() && c.parameter("ErrorAction").is_some());
            assert_eq!(c.parameter("DomainController").is_some(), c.side == Side::OnPremises, "{}", c.name);
        }
    }

    fn check_kind(cmdlet: &str, param: &str, kind: &ParamKind) {
        match kind {
            ParamKind::Enum { values } => {
                assert!(!values.is_empty(), "{cmdlet} -{param}: empty enum");
                let mut seen: Vec<String> = values.iter().map(|v| v.name.to_ascii_lowercase()).collect();
                seen.sort();
                seen.dedup();
                assert_eq!(seen.len(), values.len(), "{cmdlet} -{param}: duplicate enum value");
                assert!(values.iter().all(|v| !v.name.is_empty()));
            }
            ParamKind::Int { min, max } => assert!(min <= max, "{cmdlet} -{param}"),
            ParamKind::MultiValued { of, .. } => {
                assert!(!matches!(**of, ParamKind::MultiValued { .. } | ParamKind::Switch));
                check_kind(cmdlet, param, of);
            }
            _ => {}
        }
    }

    #[test]
    fn lookup_is_case_insensitive_and_per_side() {
        let cat = catalogue();
        let on = cat.cmdlet("set-MAILBOX", Side::OnPremises).unwrap();
        assert_eq!((on.name.as_str(), on.side), ("Set-Mailbox", Side::OnPremises));
        let exo = cat.cmdlet("Set-Mailbox", Side::Online).unwrap();
        assert_eq!(exo.side, Side::Online);
        assert!(cat.cmdlet("Set-RemoteMailbox", Side::Online).is_none());
        assert!(cat.cmdlet("Add-ADPermission", Side::Online).is_none());
        assert!(cat.cmdlet("Get-EXOMailbox", Side::OnPremises).is_none());
        assert_eq!(cat.entries("get-mailbox").count(), 2);
        assert!(cat.cmdlet("Set-Mailbo", Side::OnPremises).is_none());
    }

    #[test]
    fn prefix_resolution_matches_powershell() {
        let sm = catalogue().cmdlet("Set-Mailbox", Side::OnPremises).unwrap();
        let idx = |n: &str| sm.parameters.iter().position(|p| p.name == n).unwrap();
        assert_eq!(sm.resolve_parameter("Ty"), ParamMatch::Found(idx("Type")));
        assert_eq!(sm.resolve_parameter("-identity"), ParamMatch::Found(idx("Identity")));
        assert_eq!(sm.resolve_parameter("cf"), ParamMatch::Found(idx("Confirm")));
        assert_eq!(sm.resolve_parameter("ea"), ParamMatch::Found(idx("ErrorAction")));
        // `Archive` is not on Set-Mailbox, but both ArchiveQuota and ArchiveWarningQuota start so.
        assert_eq!(
            sm.resolve_parameter("archive"),
            ParamMatch::Ambiguous(vec![idx("ArchiveQuota"), idx("ArchiveWarningQuota")])
        );
        assert_eq!(sm.resolve_parameter("Nonsense"), ParamMatch::Unknown);
        assert_eq!(sm.resolve_parameter(""), ParamMatch::Unknown);
        // An exact name wins over being a prefix of others.
        let gm = catalogue().cmdlet("Get-Mailbox", Side::OnPremises).unwrap();
        let a = gm.parameters.iter().position(|p| p.name == "Archive").unwrap();
        assert_eq!(gm.resolve_parameter("ARCHIVE"), ParamMatch::Found(a));
    }

    #[test]
    fn closest_names() {
        let cat = catalogue();
        assert_eq!(cat.closest_cmdlets("Set-Mailbx").first(), Some(&"Set-Mailbox"));
        assert_eq!(cat.closest_cmdlets("get-remotemailbx").first(), Some(&"Get-RemoteMailbox"));
        assert!(cat.closest_cmdlets("zzzz").is_empty());
        let sm = cat.cmdlet("Set-Mailbox", Side::OnPremises).unwrap();
        assert_eq!(sm.closest_parameters("Tpye").first(), Some(&"Type"));
    }

    #[test]
    fn remote_shared_is_version_gated_in_data() {
        let srm = catalogue().cmdlet("Set-RemoteMailbox", Side::OnPremises).unwrap();
        let ParamKind::Enum { values } = &srm.parameter("Type").unwrap().kind else { panic!("Type is an enum") };
        let shared = values.iter().find(|v| v.name == "Shared").unwrap();
        let v = |s: &str| s.parse::<ExchangeVersion>().unwrap();
        assert_eq!(shared.availability.check(&v("2016 CU9")), Support::No);
        assert_eq!(shared.availability.check(&v("2016 CU10")), Support::Yes);
        assert_eq!(shared.availability.check(&v("2019")), Support::Yes);
    }

    #[test]
    fn serializes_for_the_cli() {
        let srm = catalogue().cmdlet("Set-RemoteMailbox", Side::OnPremises).unwrap();
        let j = serde_json::to_value(srm).unwrap();
        assert_eq!(j["name"], "Set-RemoteMailbox");
        assert_eq!(j["side"], "onpremises");
        assert_eq!(j["parameters"][0]["name"], "Identity");
        assert_eq!(j["parameters"][0]["kind"]["type"], "identity");
        assert_eq!(j["parameters"][0]["position"], 1);
        assert_eq!(j["parameters"][0]["sets"][0]["mandatory"], true);
        let ty = &j["parameters"][1];
        assert_eq!(ty["kind"]["type"], "enum");
        assert_eq!(ty["kind"]["values"][3]["name"], "Shared");
        assert_eq!(ty["kind"]["values"][3]["availability"], "2013 CU21+, 2016 CU10+");
    }

    #[test]
    fn bad_data_is_reported_with_the_entry() {
        let bad = DATA.replace("\"default_parameter_set\": \"Default\"", "\"default_parameter_set\": \"Nope\"");
        let e = Catalogue::from_json(&bad).unwrap_err().to_string();
        assert!(e.contains("Enable-RemoteMailbox") && e.contains("Nope"), "{e}");
        let bad = DATA.replace("\"source\": \"[GES] -Status\"", "\"source\": \"[NOPE] -Status\"");
        let e = Catalogue::from_json(&bad).unwrap_err().to_string();
        assert!(e.contains("[NOPE]"), "{e}");
    }
}
