//! mbxctl's binder against PowerShell's, on generated and hostile command lines.
//!
//! For a sample of cmdlets of each side (those with the most parameter sets, positional
//! parameters, switches and aliases, the ones runbooks use most, and a seeded random few), a
//! deterministic generator writes command lines the way people and tools do: full, abbreviated
//! (unique and ambiguous, also against common parameters: `-W`, `-Wa`, `-Er`, `-O`, `-P`),
//! mixed-case and aliased names, `-Name:value`, `-Switch:$false`, a switch followed by a value,
//! repeated parameters, too many positional arguments, splats (`@h`, `@a`, `@PSBoundParameters`),
//! arrays (`a,b`, `@('a','b')`, `a,` across a line break), `--`, `-` alone, `-1`, `--%`, quoted
//! parameter-looking values, `$var` and `$(...)`, en dash / em dash / horizontal bar before names,
//! backtick continuations and pipeline input.
//!
//! Every line is then judged three ways: by `mbxctl --json validate --side <side>`, by PowerShell's
//! `StaticParameterBinder` (compared exactly as tests/validate_oracle.rs does, helpers in
//! tests/binder_support), and by PowerShell's run-time binder, running the line against proxy
//! functions (`[CmdletBinding()] param(...)`, empty body) in a `-NonInteractive` pwsh, which is the
//! one that reports missing mandatory parameters and parameter sets it cannot resolve.
//!
//! Known differences between the binders, and why they are not mbxctl's to follow:
//! - A splat (`@h`) is bound only at run time: the static binder and mbxctl check the named
//!   parameters beside it, and nothing of the run-time verdict (the variables here are empty) is
//!   compared for it.
//! - Piped input: the run-time binder binds the piped object to one parameter of the set it
//!   settles on; mbxctl, which cannot know the object, lets every parameter that takes pipeline
//!   input (and `-Identity`) be supplied by it, so only refusals of the command line itself are
//!   compared for a piped command.
//! - Mandatory parameters that Microsoft's page lists as mandatory while its own examples omit
//!   them (src/cmdlet/validate/doubtful.rs) are not asked for by mbxctl (at most a warning); those cmdlets are left out
//!   of the sample.

#[path = "binder_support/mod.rs"]
mod binder_support;

use binder_support::{
    DefaultSet, Facts, Mode, Ours, SIDES, catalogue_side, code_of_error_id, compare_static, driver_part, is_identifier,
    mbxctl_view, proxy, record_key,
};
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;

/// A small deterministic generator (xorshift64*): the same lines on every run and platform.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
    fn one_in(&mut self, n: usize) -> bool {
        self.below(n) == 0
    }
    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
    fn word(&mut self, items: &[&'static str]) -> &'static str {
        items[self.below(items.len())]
    }
}

/// One declared (not common) parameter of a sampled cmdlet.
struct Param {
    name: String,
    aliases: Vec<String>,
    switch: bool,
}

/// A sampled cmdlet: its declared parameters, and every name and alias it answers to (common
/// parameters included), lower case, for prefixes.
struct Sampled {
    name: String,
    params: Vec<Param>,
    names: Vec<(String, usize)>,
}

/// Cmdlets runbooks use most, always in the sample where the side has them.
const ALWAYS: &[&str] = &[
    "Set-Mailbox",
    "Get-Mailbox",
    "Add-MailboxPermission",
    "Remove-MailboxPermission",
    "New-Mailbox",
    "Enable-Mailbox",
    "Enable-RemoteMailbox",
    "Get-MailboxStatistics",
    "Set-CASMailbox",
    "New-MoveRequest",
    "Connect-Mailbox",
    "Add-RecipientPermission",
    "Get-EXOMailbox",
    "Get-EXOMailboxStatistics",
    "Add-MailboxFolderPermission",
    "Set-MailboxFolderPermission",
    "Search-Mailbox",
    "New-MailboxExportRequest",
    "Get-Recipient",
    "Set-DistributionGroup",
    "Add-DistributionGroupMember",
    "New-InboxRule",
    "Set-MailboxAutoReplyConfiguration",
];

/// Values an argument may take, hostile ones included.
const VALUES: &[&str] = &[
    "kim",
    "kim@contoso.com",
    "'a b'",
    "\"x y\"",
    "1",
    "-1",
    "$v",
    "$m.Name",
    "$(Get-Date)",
    "(1)",
    "a,b",
    "a, b",
    "@('a','b')",
    "'-Type'",
    "\"-Identity\"",
    "-",
    "$true",
    "a,\n    b",
    "@{Add='x'; Remove='y'}",
    "{ $_.Name }",
    "[int]5",
    ",x",
    "$null",
    "x`-y",
];

/// Common-parameter prefixes and aliases, and what they are given.
const COMMON: &[&str] = &[
    "-W x",
    "-Wa SilentlyContinue",
    "-Wh",
    "-Er x",
    "-O x",
    "-P x",
    "-Pi x",
    "-Ver",
    "-Deb",
    "-Conf",
    "-Co:$false",
    "-Inf Ignore",
    "-Ou x",
    "-OutB 5",
    "-ea Stop",
    "-wa Continue",
    "-iv x",
    "-Pro SilentlyContinue",
    "-E x",
    "-I Continue",
    "-WarningAction SilentlyContinue",
    "-WhatIf:$false",
    "-Verbose:$true",
];

/// Cmdlets of each side sampled at random besides the ranked and the common ones.
const RANDOM_CMDLETS: usize = 40;

/// Lines generated for each sampled cmdlet.
const LINES_PER_CMDLET: usize = 18;

const DASHES: &[char] = &['\u{2013}', '\u{2014}', '\u{2015}'];

/// Whether two parameters of one set claim the same position (Check-PurviewConfig's page): pwsh
/// refuses to define such a command, so there is nothing to compare.
fn shares_a_position(c: &Value) -> bool {
    let mut seen = BTreeSet::new();
    for p in c["parameters"].as_array().unwrap() {
        let Some(pos) = p["position"].as_u64() else { continue };
        for m in p["sets"].as_array().unwrap() {
            if !seen.insert((m["set"].as_str().unwrap_or_default().to_string(), pos)) {
                return true;
            }
        }
    }
    false
}

/// A parameter name a function cannot declare: the automatic variable of that name is read-only
/// (`Add-LdapDirectory -Host`: pwsh refuses the proxy with VariableNotWritable).
fn reserved_variable(name: &str) -> bool {
    [
        "Host",
        "PID",
        "PSHOME",
        "ShellId",
        "PSCulture",
        "PSUICulture",
        "Error",
        "ExecutionContext",
        "true",
        "false",
        "null",
    ]
    .iter()
    .any(|r| r.eq_ignore_ascii_case(name))
}

fn sample(entries: &[Value], rng: &mut Rng, doubtful: &str) -> Vec<Sampled> {
    let usable: Vec<&Value> = entries
        .iter()
        .filter(|c| {
            let name = c["name"].as_str().unwrap();
            let params = c["parameters"].as_array().unwrap();
            c["parameter_sets"].as_array().unwrap().len() <= 64
                // A cmdlet doubtful.rs names (`"Set-InboxRule",`, as generated and formatted).
                && !doubtful.contains(&format!("\"{name}\","))
                && params.iter().all(|p| is_identifier(p["name"].as_str().unwrap()))
                && !shares_a_position(c)
                && !params.iter().any(|p| reserved_variable(p["name"].as_str().unwrap()))
        })
        .collect();
    let score = |c: &Value| -> usize {
        let params = c["parameters"].as_array().unwrap();
        let declared = params.iter().filter(|p| p["common"] != true);
        let (mut positional, mut switches, mut aliases) = (0, 0, 0);
        for p in declared {
            positional += usize::from(!p["position"].is_null());
            switches += usize::from(p["kind"]["type"] == "switch");
            aliases += p["aliases"].as_array().unwrap().len();
        }
        c["parameter_sets"].as_array().unwrap().len() * 3 + positional * 4 + switches.min(8) + aliases * 3
    };
    let mut ranked: Vec<&Value> = usable.clone();
    ranked.sort_by_key(|c| (std::cmp::Reverse(score(c)), c["name"].as_str().unwrap().to_string()));
    let mut chosen: BTreeMap<String, &Value> = BTreeMap::new();
    for c in ranked.iter().take(20) {
        chosen.insert(c["name"].as_str().unwrap().to_string(), c);
    }
    for c in &usable {
        if ALWAYS.iter().any(|a| c["name"].as_str().unwrap().eq_ignore_ascii_case(a)) {
            chosen.insert(c["name"].as_str().unwrap().to_string(), c);
        }
    }
    for _ in 0..RANDOM_CMDLETS {
        let c = rng.pick(&usable);
        chosen.insert(c["name"].as_str().unwrap().to_string(), c);
    }
    chosen
        .into_values()
        .map(|c| {
            let mut params = Vec::new();
            let mut names = Vec::new();
            for p in c["parameters"].as_array().unwrap() {
                let name = p["name"].as_str().unwrap().to_string();
                let aliases: Vec<String> =
                    p["aliases"].as_array().unwrap().iter().filter_map(|a| a.as_str().map(str::to_string)).collect();
                let at = if p["common"] == true { usize::MAX } else { params.len() };
                names.push((name.to_ascii_lowercase(), at));
                names.extend(aliases.iter().map(|a| (a.to_ascii_lowercase(), at)));
                if p["common"] != true {
                    params.push(Param { name, aliases, switch: p["kind"]["type"] == "switch" });
                }
            }
            Sampled { name: c["name"].as_str().unwrap().to_string(), params, names }
        })
        .collect()
}

/// A way of writing parameter `p` of `cmd`: full, case-mangled, abbreviated, aliased.
fn name_form(rng: &mut Rng, cmd: &Sampled, p: usize) -> String {
    let param = &cmd.params[p];
    let full = &param.name;
    match rng.below(9) {
        0 => full.to_ascii_lowercase(),
        1 => full.to_ascii_uppercase(),
        2 => {
            full.chars().map(|c| if rng.one_in(2) { c.to_ascii_uppercase() } else { c.to_ascii_lowercase() }).collect()
        }
        3 => {
            // The shortest prefix no other name or alias shares.
            let lower = full.to_ascii_lowercase();
            (1..=lower.len())
                .map(|n| &full[..n])
                .find(|pre| {
                    let pre = pre.to_ascii_lowercase();
                    cmd.names.iter().all(|(n, at)| *at == p || !n.starts_with(&pre))
                })
                .unwrap_or(full)
                .to_string()
        }
        4 | 5 => {
            // Any prefix: often ambiguous.
            let n = 1 + rng.below(full.len().min(5));
            full[..n].to_string()
        }
        6 if !param.aliases.is_empty() => rng.pick(&param.aliases).clone(),
        _ => full.clone(),
    }
}

fn dash(rng: &mut Rng) -> String {
    if rng.one_in(8) { rng.pick(DASHES).to_string() } else { "-".to_string() }
}

/// One generated command line (possibly continued over several lines).
fn command_line(rng: &mut Rng, cmd: &Sampled) -> String {
    let mut line = String::new();
    match rng.below(16) {
        0 | 1 => line.push_str("$x | "),
        2 => line.push_str("& "),
        3 => line.push_str(". "),
        _ => {}
    }
    line.push_str(&cmd.name);
    let mut last: Option<usize> = None;
    for _ in 0..rng.below(5) {
        let sep = if rng.one_in(15) { " `\n    " } else { " " };
        line.push_str(sep);
        let pick = rng.below(20);
        match pick {
            0..=8 if !cmd.params.is_empty() => {
                let p = rng.below(cmd.params.len());
                last = Some(p);
                let name = format!("{}{}", dash(rng), name_form(rng, cmd, p));
                if cmd.params[p].switch {
                    let _ = match rng.below(6) {
                        0 => write!(line, "{name}:$false"),
                        1 => write!(line, "{name}:$true"),
                        2 => write!(line, "{name} {}", rng.pick(VALUES)),
                        3 => write!(line, "{name} $false"),
                        _ => write!(line, "{name}"),
                    };
                } else {
                    let _ = match rng.below(8) {
                        0 => write!(line, "{name}:{}", rng.pick(VALUES)),
                        1 => write!(line, "{name}"),
                        2 => write!(line, "{name}: {}", rng.pick(VALUES)),
                        3 if rng.one_in(3) => write!(line, "{name}={}", rng.pick(VALUES)),
                        _ => write!(line, "{name} {}", rng.pick(VALUES)),
                    };
                }
            }
            9..=11 => line.push_str(rng.word(VALUES)),
            12 | 13 => line.push_str(rng.word(COMMON)),
            14 => line.push_str(rng.word(&["@h", "@a", "@PSBoundParameters"])),
            15 => {
                let end = format!("{}{}", dash(rng), dash(rng));
                let _ = write!(line, "{end} {}", rng.word(&["-Type", "-Identity kim", "kim", "-1", "-", "-Type:x"]));
            }
            16 if last.is_some() => {
                let p = last.unwrap_or_default();
                let value = if cmd.params[p].switch { "" } else { " kim" };
                let _ = write!(line, "-{}{value}", cmd.params[p].name);
            }
            17 => {
                line.push_str("--% a -b 'c'");
                break;
            }
            18 => line.push_str(rng.word(&["2>&1", "*>$null", "> out.txt", "2>$null"])),
            _ => line.push_str(rng.word(&["-1", "'-Identity'", "$v", "$(Get-Date)", "-", "-1.5", "-0x10"])),
        }
    }
    line
}

#[test]
fn powershell_binds_generated_command_lines_as_mbxctl_does() {
    let Some(pwsh) = binder_support::pwsh_or_skip("validate_binder_fuzz") else { return };
    let dir = std::env::temp_dir().join(format!("mbxctl-binder-fuzz-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let doubtful = include_str!("../src/cmdlet/validate/doubtful.rs");
    // A fixed seed: the same lines on every run. `MBXCTL_FUZZ_SEED` explores others.
    let seed = std::env::var("MBXCTL_FUZZ_SEED").ok().and_then(|s| s.parse().ok()).unwrap_or(0x6d62_7863_746c_0013);
    let mut rng = Rng(seed | 1);
    let mut ours = Ours::new();
    let mut facts = Facts::default();
    let strings = |v: &Value| -> Vec<String> {
        v.as_array().map(|a| a.iter().filter_map(|x| x.as_str().map(str::to_string)).collect()).unwrap_or_default()
    };
    let mut script = String::new();
    let mut lines_written = 0;
    for (side, flag) in SIDES {
        let all = catalogue_side(side, flag);
        let sampled = sample(&all, &mut rng, doubtful);
        let mut text = String::new();
        for _ in 0..LINES_PER_CMDLET {
            for cmd in &sampled {
                text.push_str(&command_line(&mut rng, cmd));
                text.push('\n');
                lines_written += 1;
            }
        }
        let file = dir.join(format!("generated-{side}.ps1"));
        std::fs::write(&file, &text).unwrap();
        for (k, v) in mbxctl_view(&file, side) {
            ours.insert((side.to_string(), file.clone(), k.0, k.1), v);
        }
        let names: BTreeSet<String> = sampled.iter().map(|c| c.name.to_ascii_lowercase()).collect();
        let entries: Vec<&Value> =
            all.iter().filter(|c| names.contains(&c["name"].as_str().unwrap().to_ascii_lowercase())).collect();
        facts.learn(side, &entries);
        let prelude = "  $x = 'kim'; $v = 'kim'; $m = [pscustomobject]@{ Name = 'kim' }; $h = @{}; $a = @()\n";
        let files = std::slice::from_ref(&file);
        let proxies: Vec<String> = entries.iter().map(|c| proxy(c, DefaultSet::Catalogue)).collect();
        script.push_str(&driver_part(side, &proxies, files, Mode::Static, prelude));
        script.push_str(&driver_part(side, &proxies, files, Mode::Runtime("runtime"), prelude));
        let proxies: Vec<String> = entries.iter().map(|c| proxy(c, DefaultSet::Unnamed)).collect();
        script.push_str(&driver_part(side, &proxies, files, Mode::Runtime("unnamed-default"), prelude));
    }
    let records = binder_support::run_pwsh(&pwsh, &dir, &script);
    // The static binder differs from the run-time one in ways it cannot help (it cannot know a
    // variable's value, and refuses `--`), so here it only shows how often it agrees; the
    // run-time binder is the judge (tests/validate_oracle.rs holds mbxctl to the static binder on
    // the corpus).
    let statics = compare_static(&records, &ours, &facts);
    if std::env::var_os("MBXCTL_FUZZ_SHOW_STATIC").is_some() {
        eprintln!("{}", statics.differences.join("\n"));
    }
    let by_key = |mode: &str| -> BTreeMap<_, &Value> {
        records.iter().filter(|r| r["mode"] == mode).map(|r| (record_key(r).0, r)).collect()
    };
    let (static_of, unnamed_of) = (by_key("static"), by_key("unnamed-default"));
    let mut tally: BTreeMap<&str, usize> = BTreeMap::new();
    let mut outcomes: BTreeMap<String, usize> = BTreeMap::new();
    let mut differences = Vec::new();
    for r in records.iter().filter(|r| r["mode"] == "runtime") {
        let (key, at) = record_key(r);
        let id = r["error"].as_str().unwrap_or_default();
        *outcomes.entry(if id.is_empty() { "bound".to_string() } else { id.to_string() }).or_default() += 1;
        let Some(mine) = ours.get(&key) else {
            differences.push(format!("{at}: PowerShell ran a command mbxctl did not judge"));
            continue;
        };
        // A splat's contents and a piped object are known only at run time (see the module
        // comment): only the refusals of the command line itself are compared.
        let splatted = static_of.get(&key).is_some_and(|s| s["splatted"] == true);
        if splatted || r["piped"] == true {
            let alike = match id {
                "" => mine.errors.is_empty(),
                "NamedParameterNotFound" | "AmbiguousParameter" | "ParameterAlreadyBound" => {
                    mine.errors.contains(code_of_error_id(id))
                }
                // Whether a parameter has its argument may depend on the splat (`-Name @p`).
                "MissingArgument" if !splatted => mine.errors.contains(code_of_error_id(id)),
                _ => true,
            };
            if alike {
                *tally.entry("splatted or piped: refusals alike").or_default() += 1;
            } else {
                differences.push(format!(
                    "{at}: PowerShell at run time says {id:?} (splatted or piped); mbxctl {:?}",
                    mine.all_codes
                ));
            }
            continue;
        }
        let has = |c: &str| mine.all_codes.contains(c);
        let set_claims = has("missing-mandatory-parameter") || has("ambiguous-parameter-set");
        let unnamed = unnamed_of.get(&key).copied();
        let verdict: Result<&str, String> = match id {
            "" => {
                let theirs: BTreeSet<String> = strings(&r["bound"]).iter().map(|b| b.to_ascii_lowercase()).collect();
                let mine_bound: BTreeSet<String> =
                    mine.bound.iter().map(|b| b.strip_suffix("=false").unwrap_or(b).to_string()).collect();
                let set = r["set"].as_str().unwrap_or_default();
                if !mine.errors.is_empty() || set_claims || has("conflicting-parameter-sets") {
                    Err("it binds".into())
                } else if theirs != mine_bound {
                    Err(format!("it binds {theirs:?}, mbxctl {mine_bound:?}"))
                } else if mine.set.as_deref().is_some_and(|m| !m.eq_ignore_ascii_case(set)) {
                    Err(format!("it resolves set {set}, mbxctl {:?}", mine.set))
                } else {
                    Ok("bound alike")
                }
            }
            "MissingMandatoryParameter" => {
                let other_default = unnamed.is_some_and(|u| {
                    u["error"] == "" && mine.set.as_deref().is_none_or(|m| u["set"].as_str() == Some(m))
                });
                if !mine.errors.is_empty() {
                    Err("it refuses no argument".into())
                } else if has("missing-mandatory-parameter") {
                    Ok("missing mandatory alike")
                } else if other_default {
                    // The catalogue's default set lacks a mandatory parameter, and the one set
                    // whose mandatory parameters are all given is what PowerShell takes when the
                    // cmdlet's real default is not the guess: mbxctl takes it too.
                    Ok("default in doubt, the one complete set taken")
                } else if mine.set.is_none() {
                    // Several complete sets, none the catalogue's default: the real default decides.
                    Ok("default in doubt, set left unjudged")
                } else {
                    Err("a mandatory parameter is missing".into())
                }
            }
            // PowerShell cannot tell the set. mbxctl says so, or says nothing when the cmdlet's
            // own default (unknown to the catalogue) could decide; a missing mandatory parameter
            // it must not claim.
            "AmbiguousParameterSet" if has("missing-mandatory-parameter") => {
                Err("the parameter set cannot be resolved".into())
            }
            "AmbiguousParameterSet" => Ok("set unresolved alike"),
            // Conversions of a value to the parameter's type, not binding: the proxies' types are
            // `[object]` and `[switch]`, not Exchange's.
            "CannotConvertArgumentNoMessage"
            | "CannotConvertArgument"
            | "ParameterArgumentTransformationError"
            | "ParameterArgumentValidationErrorNullNotAllowed" => Ok("value refused"),
            // The static binder and mbxctl report every refusal; the run-time one its first.
            other if mine.errors.contains(code_of_error_id(other)) => Ok("refused alike"),
            _ => Err("it refuses the command line".into()),
        };
        match verdict {
            Ok(t) => *tally.entry(t).or_default() += 1,
            Err(why) => differences.push(format!(
                "{at}: PowerShell at run time says {id:?}: {why}; mbxctl {:?} (set {:?})",
                mine.all_codes, mine.set
            )),
        }
    }
    let _ = std::fs::remove_dir_all(&dir);
    eprintln!(
        "validate_binder_fuzz: {lines_written} generated lines; run-time binder: {tally:?}; run-time outcomes \
         {outcomes:?}; static binder: {} compared, {} by bound names, {} it cannot judge, {} disagreements",
        statics.compared,
        statics.bound_compared,
        statics.static_blind,
        statics.differences.len()
    );
    let compared: usize = tally.values().sum();
    assert!(compared >= lines_written * 7 / 10, "only {compared} of {lines_written} commands compared");
    for id in [
        "bound",
        "MissingMandatoryParameter",
        "AmbiguousParameterSet",
        "NamedParameterNotFound",
        "AmbiguousParameter",
        "ParameterAlreadyBound",
        "PositionalParameterNotFound",
        "MissingArgument",
    ] {
        assert!(outcomes.contains_key(id), "the generator never produced {id}: {outcomes:?}");
    }
    assert!(differences.is_empty(), "{} difference(s):\n{}", differences.len(), differences.join("\n"));
}
