//! Whole scripts: which side of a hybrid organisation the script targets, which commands are
//! Exchange's, and each command judged against the side it can run on.

use super::*;
use crate::cmdlet::catalogue::Applies;
use crate::cmdlet::diagnostic::Position;
use crate::cmdlet::parse::{ParsedCommand, Script};

/// Where a script's commands are judged.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Scope {
    /// Exchange Server on-premises only.
    OnPremises,
    /// Exchange Online only.
    Online,
    /// Both: each command is judged against the side that has it.
    Hybrid,
}

impl std::fmt::Display for Scope {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Scope::OnPremises => "on-premises Exchange",
            Scope::Online => "Exchange Online",
            Scope::Hybrid => "hybrid (each command against the side that has it)",
        })
    }
}

/// What the script says about its side: the commands that connect it to one.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct SideEvidence {
    /// Commands that mean Exchange Online, with their positions.
    pub online: Vec<(String, Position)>,
    /// Commands that mean on-premises Exchange.
    pub on_premises: Vec<(String, Position)>,
    /// Noun prefixes of imported sessions (`Connect-ExchangeOnline -Prefix EXO` makes
    /// `Get-EXOAcceptedDomain` Exchange Online's `Get-AcceptedDomain`), lowercase, with the side
    /// the prefixed commands run on when it is known.
    pub prefixes: Vec<(String, Option<Side>)>,
    /// Cmdlets only Exchange Online (or Security & Compliance) has: they widen a script that
    /// connects on-premises to hybrid, but alone they do not narrow a script to one side.
    pub implied_online: Vec<(String, Position)>,
    /// Cmdlets only on-premises Exchange has (`Get-ExchangeServer`, `Add-ADPermission`), likewise.
    pub implied_on_premises: Vec<(String, Position)>,
    /// Commands that load the Exchange Management Shell into the script's own session
    /// (`Add-PSSnapin Microsoft.Exchange*`, `RemoteExchange.ps1`, `Connect-ExchangeServer`),
    /// which only Windows PowerShell 5.1 can (see [`super::powershell7`]).
    pub windows_powershell: Vec<(String, Position)>,
}

impl SideEvidence {
    /// The scope the evidence points to: one side, both (hybrid), or `None` when the script does
    /// not say.
    pub fn scope(&self) -> Option<Scope> {
        match (self.online.is_empty(), self.on_premises.is_empty()) {
            (false, true) if self.implied_on_premises.is_empty() => Some(Scope::Online),
            (true, false) if self.implied_online.is_empty() => Some(Scope::OnPremises),
            (false, true) | (true, false) => Some(Scope::Hybrid),
            (false, false) => Some(Scope::Hybrid),
            (true, true) => None,
        }
    }
}

fn text_of(v: &Value) -> Option<&str> {
    match v {
        Value::String(s) | Value::Dynamic(s) => Some(s),
        _ => None,
    }
}

fn lower(s: &str) -> String {
    s.to_ascii_lowercase()
}

/// Reads the side from the commands that connect a session: `Connect-ExchangeOnline`,
/// `Connect-IPPSSession` (Security & Compliance, in the cloud), `Get-EXO*` and
/// `*-RecipientPermission` mean Exchange Online; `Add-PSSnapin Microsoft.Exchange*`,
/// `RemoteExchange.ps1`, `Connect-ExchangeServer` and a `New-PSSession -ConfigurationName
/// Microsoft.Exchange` to a server mean on-premises (to `outlook.office365.com`, Online).
pub fn infer_side(script: &Script) -> SideEvidence {
    let mut ev = SideEvidence::default();
    for cmd in &script.commands {
        ev.observe(cmd);
    }
    ev
}

impl SideEvidence {
    /// Adds what one command says about the side (see [`infer_side`]).
    pub fn observe(&mut self, cmd: &ParsedCommand) {
        let name = lower(&cmd.invocation.cmdlet);
        let args = || cmd.invocation.params.iter().filter_map(|p| text_of(&p.value).map(lower));
        let online = (name == "connect-exchangeonline" && prefix_of(cmd).is_none())
            || name == "connect-ippssession"
            || name.starts_with("get-exo")
            || name.ends_with("-recipientpermission")
            || (name == "import-module" && args().any(|a| a.contains("exchangeonlinemanagement")));
        let mut on_prem = name == "connect-exchangeserver"
            || name.ends_with("remoteexchange.ps1")
            || (name == "add-pssnapin" && args().any(|a| a.contains("exchange") || names_exchange_snapin(&a)));
        if on_prem {
            self.windows_powershell.push((cmd.invocation.cmdlet.clone(), cmd.position));
        }
        let mut online = online;
        // `-Prefix P`: the session's commands are called `Verb-PNoun`, so the unprefixed commands
        // of the script run elsewhere (Exchange Online next to the Exchange Management Shell is
        // what the prefix is for): the connection says nothing about them.
        if matches!(name.as_str(), "connect-exchangeonline" | "connect-ippssession" | "import-pssession")
            && let Some(prefix) = prefix_of(cmd)
        {
            let side = if name == "import-pssession" { None } else { Some(Side::Online) };
            self.prefixes.push((prefix, side));
            online = false;
        }
        if !online && !on_prem {
            // A cmdlet only one side has says the script runs commands there too: the runbooks
            // that use `Connect-ExchangeOnline` from inside the Exchange Management Shell, or
            // Security & Compliance's search cmdlets, state no other connection.
            let seen = (cmd.invocation.cmdlet.clone(), cmd.position);
            match one_side(&cmd.invocation.cmdlet) {
                Some(Side::Online) => self.implied_online.push(seen),
                Some(Side::OnPremises) => self.implied_on_premises.push(seen),
                None => {}
            }
        }
        if name == "new-pssession" {
            let exchange = args().any(|a| a.contains("microsoft.exchange"));
            let cloud = args().any(|a| a.contains("office365.com") || a.contains("outlook.com"));
            if exchange && cloud {
                online = true;
            } else if exchange {
                on_prem = true;
            }
        }
        if online {
            self.online.push((cmd.invocation.cmdlet.clone(), cmd.position));
        } else if on_prem {
            self.on_premises.push((cmd.invocation.cmdlet.clone(), cmd.position));
        }
    }
}

/// The `-Prefix` a session-importing command gives, lowercase.
fn prefix_of(cmd: &ParsedCommand) -> Option<String> {
    cmd.invocation
        .params
        .iter()
        .find(|p| p.name.as_deref().is_some_and(|n| n.eq_ignore_ascii_case("prefix")))
        .and_then(|p| text_of(&p.value))
        .map(|t| lower(t.trim_matches(['"', '\''])))
        .filter(|t| !t.is_empty() && t.chars().all(|c| c.is_ascii_alphanumeric()))
}

/// On-premises cmdlets Exchange Online once had and retired (In-Place eDiscovery, Search-Mailbox):
/// a runbook written for Exchange Online that still calls them is wrong, not hybrid.
const RETIRED_ONLINE: &[&str] = &[
    "search-mailbox",
    "new-mailboxsearch",
    "get-mailboxsearch",
    "set-mailboxsearch",
    "start-mailboxsearch",
    "stop-mailboxsearch",
    "remove-mailboxsearch",
];

/// The one side that has a cmdlet, when only one does (Security & Compliance counts as Online).
fn one_side(name: &str) -> Option<Side> {
    if RETIRED_ONLINE.iter().any(|r| r.eq_ignore_ascii_case(name)) {
        return None;
    }
    let bits = catalogue().applies(name)?.bits();
    let cloud = bits & (Applies::ONLINE | Applies::SECURITY_COMPLIANCE) != 0;
    let on_prem = bits & Applies::ON_PREMISES != 0;
    match (on_prem, cloud) {
        (true, false) => Some(Side::OnPremises),
        (false, true) => Some(Side::Online),
        _ => None,
    }
}

/// Where a finding of a command belongs in the script: on the parameter it names, as the admin
/// wrote it (the canonical name's source, else the written prefix it came from), else on the
/// command. `validate`'s output and the EXAMPLES check place findings with this one rule.
pub fn finding_position(d: &Diagnostic, cmd: &ParsedCommand, v: &Validated) -> Position {
    d.parameter
        .as_ref()
        .and_then(|p| {
            v.invocation
                .params
                .iter()
                .position(|x| x.name.as_deref().is_some_and(|n| n.eq_ignore_ascii_case(p)))
                .and_then(|k| v.sources.get(k).copied())
                .or_else(|| {
                    cmd.invocation.params.iter().position(|x| {
                        x.name.as_deref().is_some_and(|n| p.to_ascii_lowercase().starts_with(&n.to_ascii_lowercase()))
                    })
                })
        })
        .and_then(|k| cmd.parameter_positions.get(k).copied())
        .unwrap_or(cmd.position)
}

/// Whether `text` may hold a command [`SideEvidence::observe`] counts: every such command
/// contains one of these (ASCII, any case). Most scripts contain none, and then their side is
/// known without reading them twice (`validate` streams a long script: the side must be known
/// before the first command is judged).
pub fn may_state_side(text: &str) -> bool {
    let b = text.as_bytes();
    let at = |i: usize, word: &[u8]| b.len() >= i + word.len() && b[i..i + word.len()].eq_ignore_ascii_case(word);
    let before = |i: usize, word: &[u8]| i >= word.len() && b[i - word.len()..i].eq_ignore_ascii_case(word);
    // Anchored on `-` and `x`.
    let hit = |i: usize| match b[i] {
        b'-' => {
            at(i, b"-exo")
                || at(i, b"-exchange")
                || at(i, b"-recipientpermission")
                || at(i, b"-pssnapin")
                || at(i, b"-ippssession")
        }
        b'x' | b'X' if i > 0 && b[i - 1].eq_ignore_ascii_case(&b'e') && at(i, b"xchange") => {
            let e = i - 1;
            before(e, b"microsoft.") || before(e, b"remote") || at(e, b"exchangeonlinemanagement")
        }
        _ => false,
    };
    // A block of 32 bytes is looked at closely only when it holds `exch` or one of `-ex`,
    // `-rec`, `-ps`, `-ip` (any case): a test without branches the compiler makes vector code of (a `-`
    // alone is in every parameter, an `x` in every `Mailbox`: too common anchors).
    const BLOCK: usize = 32;
    let mut i = 0;
    while i + BLOCK + 3 <= b.len() {
        let c: &[u8; BLOCK + 3] = b[i..i + BLOCK + 3].try_into().unwrap_or(&[0; BLOCK + 3]);
        let mut any = 0u8;
        for k in 0..BLOCK {
            let (n1, n2, n3) = (c[k + 1] | 0x20, c[k + 2] | 0x20, c[k + 3] | 0x20);
            let dash = (c[k] == b'-') as u8
                & (((n1 == b'e') as u8 & (n2 == b'x') as u8)
                    | ((n1 == b'r') as u8 & (n2 == b'e') as u8 & (n3 == b'c') as u8)
                    | ((n1 == b'p') as u8 & (n2 == b's') as u8)
                    | ((n1 == b'i') as u8 & (n2 == b'p') as u8));
            let exch = ((c[k] | 0x20) == b'e') as u8 & (n1 == b'x') as u8 & (n2 == b'c') as u8 & (n3 == b'h') as u8;
            any |= dash | exch;
        }
        // `hit` is anchored on the `x` of `exch`, one byte after the `e` seen here.
        if any != 0 && (i..=i + BLOCK).any(hit) {
            return true;
        }
        i += BLOCK;
    }
    (i..b.len()).any(hit)
}

/// Exchange's management snap-ins (2007, 2010, 2013 and later).
const EXCHANGE_SNAPINS: &[&str] = &[
    "microsoft.exchange.management.powershell.admin",
    "microsoft.exchange.management.powershell.e2010",
    "microsoft.exchange.management.powershell.snapin",
];

/// Whether a lower-case `Add-PSSnapin` name, a wildcard pattern as the cmdlet takes (`*EXC*`),
/// matches one of Exchange's snap-ins.
fn names_exchange_snapin(pattern: &str) -> bool {
    (pattern.contains('*') || pattern.contains('?'))
        && EXCHANGE_SNAPINS.iter().any(|s| wildcard_match(pattern.as_bytes(), s.as_bytes()))
}

/// PowerShell's `*` and `?` wildcards (no character classes), on lower-case ASCII.
fn wildcard_match(p: &[u8], s: &[u8]) -> bool {
    match p.split_first() {
        None => s.is_empty(),
        Some((b'*', rest)) => (0..=s.len()).any(|i| wildcard_match(rest, &s[i..])),
        Some((b'?', rest)) => !s.is_empty() && wildcard_match(rest, &s[1..]),
        Some((c, rest)) => s.first() == Some(c) && wildcard_match(rest, &s[1..]),
    }
}

/// Nouns (or parts of nouns) only Exchange's cmdlets use: a command whose noun holds one of
/// them and that the catalogue does not know is worth a warning; any other unknown command
/// (`Get-PSSession`, `Get-ADUser`, `Connect-MgGraph`) belongs to PowerShell or another module.
const EXCHANGE_NOUNS: &[&str] = &[
    "mailbox",
    "recipient",
    "distributiongroup",
    "mailuser",
    "mailcontact",
    "mailpublicfolder",
    "adpermission",
    "inboxrule",
    "transportrule",
    "exchangeserver",
    "accepteddomain",
    "addresslist",
    "emailaddresspolicy",
    "retentionpolicy",
    "moverequest",
    "migrationbatch",
    "unifiedgroup",
    "calendarprocessing",
    "managementrole",
    "rolegroup",
    "mobiledevice",
    "activesyncdevice",
    "messagetrace",
    "owavirtualdirectory",
    "sendconnector",
    "receiveconnector",
];

/// The noun of `Verb-Noun`, lowercased, with Exchange Online's `EXO` prefix removed.
fn noun(name: &str) -> Option<String> {
    let (_, n) = name.split_once('-')?;
    let n = lower(n);
    Some(n.strip_prefix("exo").map(str::to_string).unwrap_or(n))
}

/// Whether an unknown command name looks like an Exchange cmdlet.
pub fn looks_like_exchange(name: &str) -> bool {
    // A long script calls the same few other commands (`Where-Object`, `Write-Host`) thousands
    // of times: the answer is kept per name.
    thread_local! {
        static SEEN: std::cell::RefCell<std::collections::HashMap<Box<str>, bool>> = Default::default();
    }
    SEEN.with_borrow_mut(|seen| {
        if let Some(&known) = seen.get(name) {
            return known;
        }
        let answer = looks_like_exchange_uncached(name);
        if seen.len() >= 4096 {
            seen.clear();
        }
        seen.insert(name.into(), answer);
        answer
    })
}

fn looks_like_exchange_uncached(name: &str) -> bool {
    // A script path (`.\Login-EXO.ps1`) or anything else that is not a `Verb-Noun` word is not.
    crate::cmdlet::render::is_cmdlet_name(name)
        && noun(name).is_some_and(|n| EXCHANGE_NOUNS.iter().any(|e| n.contains(e)) || lower(name).contains("-exo"))
}

/// The cmdlet a prefixed name stands for, and the side of the session that gave the prefix.
fn unprefixed(name: &str, prefixes: &[(String, Option<Side>)]) -> Option<(String, Option<Side>)> {
    let (verb, noun) = name.split_once('-')?;
    prefixes.iter().find_map(|(p, side)| {
        let rest = noun.get(p.len()..).filter(|r| !r.is_empty() && noun[..p.len()].eq_ignore_ascii_case(p))?;
        let real = format!("{verb}-{rest}");
        catalogue().applies(&real).map(|_| (real, *side))
    })
}

/// `Add-OPMailboxPermission`: a cmdlet behind an upper-case noun prefix of two to five letters,
/// as `Import-PSSession -Prefix OP` makes it, in a profile or another script (pframpto/MyPowerShell
/// Set-PDTFullAccessandSendAs.ps1): a session's command, not a slip.
fn session_prefixed(name: &str) -> bool {
    let Some((verb, noun)) = name.split_once('-') else { return false };
    (2..=5).any(|k| {
        noun.get(..k).is_some_and(|p| p.bytes().all(|b| b.is_ascii_uppercase()))
            && noun.get(k..).is_some_and(|rest| {
                rest.starts_with(|c: char| c.is_ascii_uppercase())
                    && catalogue().applies(&format!("{verb}-{rest}")).is_some()
            })
    })
}

/// PowerShell's approved verbs (`Get-Verb`), lower-case: a name with one of them was written
/// on purpose.
const APPROVED_VERBS: &[&str] = &[
    "add",
    "approve",
    "assert",
    "backup",
    "block",
    "build",
    "checkpoint",
    "clear",
    "close",
    "compare",
    "complete",
    "compress",
    "confirm",
    "connect",
    "convert",
    "convertfrom",
    "convertto",
    "copy",
    "debug",
    "deny",
    "deploy",
    "disable",
    "disconnect",
    "dismount",
    "edit",
    "enable",
    "enter",
    "exit",
    "expand",
    "export",
    "find",
    "format",
    "get",
    "grant",
    "group",
    "hide",
    "import",
    "initialize",
    "install",
    "invoke",
    "join",
    "limit",
    "lock",
    "measure",
    "merge",
    "mount",
    "move",
    "new",
    "open",
    "optimize",
    "out",
    "ping",
    "pop",
    "protect",
    "publish",
    "push",
    "read",
    "receive",
    "redo",
    "register",
    "remove",
    "rename",
    "repair",
    "request",
    "reset",
    "resize",
    "resolve",
    "restart",
    "restore",
    "resume",
    "revoke",
    "save",
    "search",
    "select",
    "send",
    "set",
    "show",
    "skip",
    "split",
    "start",
    "step",
    "stop",
    "submit",
    "suspend",
    "switch",
    "sync",
    "test",
    "trace",
    "unblock",
    "undo",
    "uninstall",
    "unlock",
    "unprotect",
    "unpublish",
    "unregister",
    "update",
    "use",
    "wait",
    "watch",
    "write",
];

/// Known cmdlets close to an unknown one, with the same noun family (never `Get-ADPermission` for
/// `Get-PSSession`).
fn suggestions(name: &str) -> Vec<String> {
    let Some(n) = noun(name) else { return Vec::new() };
    if session_prefixed(name) {
        return Vec::new();
    }
    let verb = name.split('-').next().unwrap_or_default().to_ascii_lowercase();
    // The same noun, or the same verb with a nearly equal noun (a typo): `Get-PSSession` is not a
    // misspelt `Connect-IPPSSession`.
    let family = |c: &str| {
        noun(c).is_some_and(|m| {
            m == n
                || (c.split('-').next().is_some_and(|v| v.eq_ignore_ascii_case(&verb))
                    && strsim::normalized_damerau_levenshtein(&m, &n) >= 0.8)
        })
    };
    // And within two edits of the name: `Get-MailboxStatistic` is a slip, `Get-ExchangeServerIPs`
    // or `Get-MBRecipientPermissions` are functions of the script's own modules.
    let near = |c: &str| strsim::damerau_levenshtein(&lower(c), &lower(name)) <= 2;
    // Another approved verb is another command, not a slip: `Test-AcceptedDomain` is a module's
    // own function, not a misspelt Set-AcceptedDomain.
    let verb_ok = |c: &str| {
        c.split('-').next().is_some_and(|v| v.eq_ignore_ascii_case(&verb)) || !APPROVED_VERBS.contains(&verb.as_str())
    };
    catalogue()
        .closest_cmdlets(name)
        .into_iter()
        .filter(|c| family(c) && near(c) && verb_ok(c))
        .map(str::to_string)
        .collect()
}

/// What the whole script says that judging one of its commands needs, read before the first
/// command is judged.
#[derive(Debug, Clone, Default)]
pub struct ScriptContext {
    /// The noun prefixes of imported sessions (see [`SideEvidence::prefixes`]).
    pub prefixes: Vec<(String, Option<Side>)>,
    /// The functions the script defines, lowercase: a call to one runs the script's own code
    /// (PowerShell prefers a function to a cmdlet of the same name), so it is not judged.
    pub functions: std::collections::HashSet<String>,
}

impl ScriptContext {
    /// The context of a script's text: its function definitions, and the prefixes `evidence`
    /// found.
    pub fn of(text: &str, evidence: &SideEvidence) -> ScriptContext {
        ScriptContext { prefixes: evidence.prefixes.clone(), functions: defined_functions(text) }
    }
}

/// The names after `function`, `filter` and `workflow` keywords, lowercase. A plain scan of the
/// text: a definition named in a comment or string is counted too, which can only keep a command
/// from being judged, never add a finding.
pub fn defined_functions(text: &str) -> std::collections::HashSet<String> {
    let mut out = std::collections::HashSet::new();
    let b = text.as_bytes();
    let word = |c: u8| c.is_ascii_alphanumeric() || c == b'_' || c == b'-';
    let mut i = 0;
    while i < b.len() {
        // A keyword starts `fu`, `fi` or `wo` (any case); most 32-byte blocks hold none of these
        // pairs (`f` or `w` alone is in nearly every block): one test without branches (vector
        // code, the mask tested as two 128-bit words) skips them, and in the others the first
        // pair is found at once.
        if let Some(block) = b.get(i..i + 33).and_then(|s| <&[u8; 33]>::try_from(s).ok()) {
            let mut mask = [0u8; 32];
            for (k, m) in mask.iter_mut().enumerate() {
                let (x, y) = (block[k] | 0x20, block[k + 1] | 0x20);
                *m = ((x == b'f') as u8 & ((y == b'u') as u8 | (y == b'i') as u8))
                    | ((x == b'w') as u8 & (y == b'o') as u8);
            }
            let (lo, hi) = mask.split_at(16);
            let word = |h: &[u8]| u128::from_ne_bytes(h.try_into().unwrap_or([0; 16]));
            if word(lo) | word(hi) == 0 {
                i += 32;
                continue;
            }
            i += mask.iter().position(|&m| m != 0).unwrap_or(0);
        }
        if !matches!(b[i] | 0x20, b'f' | b'w') {
            i += 1;
            continue;
        }
        let rest = &b[i..];
        let kw = [&b"function"[..], b"filter", b"workflow"]
            .into_iter()
            .find(|k| rest.len() > k.len() && rest[..k.len()].eq_ignore_ascii_case(k));
        let starts_word = i == 0 || !word(b[i - 1]);
        match kw {
            Some(k) if starts_word && (rest[k.len()] == b' ' || rest[k.len()] == b'\t') => {
                let mut j = i + k.len();
                while j < b.len() && (b[j] == b' ' || b[j] == b'\t') {
                    j += 1;
                }
                // `function global:Get-X` and `function script:Get-X` define Get-X.
                let start = j;
                while j < b.len() && (word(b[j]) || b[j] == b':' || b[j] == b'.') {
                    j += 1;
                }
                let name = &text[start..j];
                let name = name.rsplit_once(':').map_or(name, |(_, n)| n);
                if !name.is_empty() {
                    out.insert(lower(name));
                }
                i = j;
            }
            _ => i += 1,
        }
    }
    out
}

/// Functions the Exchange Management Shell defines (RemoteExchange.ps1), not cmdlets.
const EMS_FUNCTIONS: &[&str] = &["connect-exchangeserver", "get-exbanner", "get-excommand", "get-exblog", "get-tip"];

/// Judges one command of a script: `None` when it is not an Exchange cmdlet mbxctl should judge
/// (ordinary PowerShell, another module), else the binding and its findings. In a hybrid scope
/// the command is judged against each side that has it, and the side where it binds cleanly wins.
pub fn check_command(cmd: &ParsedCommand, scope: Scope, version: Option<ExchangeVersion>) -> Option<Validated> {
    check_command_in(cmd, scope, version, &ScriptContext::default())
}

/// [`check_command`] with what the whole script says: its own functions are not judged, and a
/// prefixed name (`Get-EXOAcceptedDomain` after `Connect-ExchangeOnline -Prefix EXO`) is judged
/// as the cmdlet it stands for, on the side of its session.
pub fn check_command_in(
    cmd: &ParsedCommand,
    scope: Scope,
    version: Option<ExchangeVersion>,
    cx: &ScriptContext,
) -> Option<Validated> {
    let cat = catalogue();
    let name = &cmd.invocation.cmdlet;
    let lname = lower(name);
    if !cx.functions.is_empty() && cx.functions.contains(&lname) {
        return None;
    }
    // `Connect-ExchangeOnline -Prefix Remote` makes `Get-RemoteMailbox` Exchange Online's
    // Get-Mailbox: the session's functions shadow the Exchange Management Shell's cmdlet of the
    // same name. Which one runs depends on the order of imports, so the reading with fewer
    // errors is taken (the unprefixed cmdlet at equal counts).
    if !cx.prefixes.is_empty()
        && cat.applies(name).is_some()
        && let Some((real, side)) = unprefixed(name, &cx.prefixes)
    {
        let plain = ScriptContext { prefixes: Vec::new(), functions: cx.functions.clone() };
        let own = check_command_in(cmd, scope, version, &plain);
        let mut renamed = cmd.clone();
        renamed.invocation.cmdlet = real;
        let scope = match side {
            Some(Side::Online) => Scope::Online,
            Some(Side::OnPremises) => Scope::OnPremises,
            None => Scope::Hybrid,
        };
        let other = check_command_in(&renamed, scope, version, &ScriptContext::default());
        let errors = |v: &Option<Validated>| {
            v.as_ref().map_or(0, |v| v.diagnostics.iter().filter(|d| d.severity == Severity::Error).count())
        };
        return if errors(&other) < errors(&own) { other } else { own };
    }
    let piped = cmd.pipeline_index > 0;
    // One lookup for both sides (a long script is mostly lookups). Security & Compliance's
    // cmdlets (`New-ComplianceSearch`) run in the cloud, through `Connect-IPPSSession`: they
    // count as Online when Exchange Online itself has no such cmdlet.
    let (mut on_prem, mut online, mut compliance) = (None, None, None);
    for e in cat.entries(name) {
        match e.service {
            crate::exchange::side::Service::OnPremises => {
                on_prem.get_or_insert(e);
            }
            crate::exchange::side::Service::Online => {
                online.get_or_insert(e);
            }
            crate::exchange::side::Service::SecurityCompliance => {
                compliance.get_or_insert(e);
            }
        }
    }
    let online = online.or(compliance);
    if on_prem.is_none() && online.is_none() {
        // `EXO` is the prefix runbooks give Exchange Online next to the Exchange Management
        // Shell (`Connect-ExchangeOnline -Prefix EXO`), often in another script that connects.
        let conventional = [("exo".to_string(), Some(Side::Online))];
        let found = unprefixed(name, &cx.prefixes).or_else(|| unprefixed(name, &conventional));
        if let Some((real, side)) = found {
            let mut renamed = cmd.clone();
            renamed.invocation.cmdlet = real;
            let scope = match side {
                Some(Side::Online) => Scope::Online,
                Some(Side::OnPremises) => Scope::OnPremises,
                None => Scope::Hybrid,
            };
            return check_command_in(&renamed, scope, version, &ScriptContext::default());
        }
        if EMS_FUNCTIONS.contains(&lname.as_str()) {
            return None;
        }
    }
    let on = |side: Side| {
        let t = Target { side, version: if side == Side::OnPremises { version } else { None } };
        let found = if side == Side::OnPremises { on_prem } else { online };
        validate_against(found, &cmd.invocation, &cmd.forms, &t, piped)
    };
    let has = |side: Side| if side == Side::OnPremises { on_prem.is_some() } else { online.is_some() };
    match scope {
        Scope::OnPremises | Scope::Online => {
            let side = if scope == Scope::Online { Side::Online } else { Side::OnPremises };
            if has(Side::OnPremises) || has(Side::Online) {
                return Some(on(side));
            }
        }
        Scope::Hybrid => match (has(Side::OnPremises), has(Side::Online)) {
            (true, true) => {
                let a = on(Side::OnPremises);
                let errors = |v: &Validated| v.diagnostics.iter().filter(|d| d.severity == Severity::Error).count();
                if errors(&a) == 0 {
                    return Some(a);
                }
                let b = on(Side::Online);
                // Fewer errors wins; at equal counts, the side where the parameters and values
                // given exist (a parameter only Exchange Online has says where the command runs).
                let not_on_side = |v: &Validated| {
                    v.diagnostics
                        .iter()
                        .filter(|d| matches!(d.code, codes::PARAMETER_NOT_ON_SIDE | codes::VALUE_NOT_ON_SIDE))
                        .count()
                };
                let rank = |v: &Validated| (errors(v), not_on_side(v));
                return Some(if rank(&b) < rank(&a) { b } else { a });
            }
            (true, false) => return Some(on(Side::OnPremises)),
            (false, true) => return Some(on(Side::Online)),
            (false, false) => {}
        },
    }
    if !looks_like_exchange(name) {
        return None;
    }
    // The catalogue holds every cmdlet of Microsoft's reference: an unknown Exchange-looking
    // name is a function of another script or module (`Get-MailboxReport`) unless it is close to
    // a real cmdlet of the same noun family, which is what a misspelt name looks like.
    let close = suggestions(name);
    if close.is_empty() {
        return None;
    }
    let help = format!("did you mean {}?", close.join(", "));
    let d = Diagnostic::warning(
        codes::UNKNOWN_CMDLET,
        format!("'{name}' looks like an Exchange cmdlet but mbxctl does not know it"),
    )
    .with_help(help);
    Some(Validated {
        invocation: cmd.invocation.clone(),
        parameter_set: None,
        diagnostics: vec![d],
        sources: (0..cmd.invocation.params.len()).collect(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cmdlet::parse::parse_script;

    fn scope_of(text: &str) -> Option<Scope> {
        infer_side(&parse_script(text)).scope()
    }

    #[test]
    fn the_side_is_read_from_the_connection() {
        assert_eq!(scope_of("Connect-ExchangeOnline -UserPrincipalName a@b.c\nGet-Mailbox"), Some(Scope::Online));
        assert_eq!(scope_of("Get-EXOMailbox -ResultSize Unlimited"), Some(Scope::Online));
        assert_eq!(scope_of("Add-RecipientPermission x -Trustee y -AccessRights SendAs"), Some(Scope::Online));
        assert_eq!(scope_of("Add-PSSnapin Microsoft.Exchange.Management.PowerShell.SnapIn"), Some(Scope::OnPremises));
        assert_eq!(
            scope_of(". 'C:\\Program Files\\Microsoft\\Exchange Server\\V15\\bin\\RemoteExchange.ps1'"),
            Some(Scope::OnPremises)
        );
        assert_eq!(
            scope_of("$s = New-PSSession -ConfigurationName Microsoft.Exchange -ConnectionUri http://ex01/PowerShell/"),
            Some(Scope::OnPremises)
        );
        assert_eq!(
            scope_of(
                "$s = New-PSSession -ConfigurationName Microsoft.Exchange -ConnectionUri https://outlook.office365.com/powershell-liveid/"
            ),
            Some(Scope::Online)
        );
        assert_eq!(scope_of("Add-PSSnapin *Exchange*\nConnect-ExchangeOnline"), Some(Scope::Hybrid));
        // Wildcards as Add-PSSnapin takes them.
        assert_eq!(scope_of("Add-PSSnapin *EXC* -ErrorAction SilentlyContinue"), Some(Scope::OnPremises));
        assert_eq!(scope_of("Add-PSSnapin Microsoft.Exchange.Management.PowerShell.E20??"), Some(Scope::OnPremises));
        assert_eq!(scope_of("Add-PSSnapin *SharePoint*"), None);
        // The pre-check never misses a script that states its side.
        for text in [
            "connect-exchangeonline",
            "Get-EXOMailbox",
            "Add-RecipientPermission x",
            "Import-Module ExchangeOnlineManagement",
            "Add-PSSnapin *EXC*",
            ". 'C:\\Exchange\\bin\\RemoteExchange.ps1'",
            "New-PSSession -ConfigurationName Microsoft.Exchange",
            "Connect-ExchangeServer -auto",
            "Connect-IPPSSession",
        ] {
            assert!(may_state_side(text), "{text}");
            assert!(scope_of(text).is_some(), "{text}");
        }
        assert!(!may_state_side("Get-Mailbox kim | Set-Mailbox -Type Shared # Exchange team"));
        // Found wherever it falls across the scan's 32-byte blocks.
        for pad in 0..70 {
            let text = format!("{}Connect-ExchangeOnline", " ".repeat(pad));
            assert!(may_state_side(&text), "{pad}");
            let text = format!("{}. C:\\RemoteExchange.ps1 {}", "#".repeat(pad), "x".repeat(pad));
            assert!(may_state_side(&text), "{pad}");
            assert!(may_state_side(&format!("{}Connect-IPPSSession", " ".repeat(pad))), "{pad}");
            assert!(!may_state_side(&format!("{}Get-Mailbox -Type x", " ".repeat(pad))), "{pad}");
        }
        assert_eq!(scope_of("Get-Mailbox kim"), None);
    }

    #[test]
    fn only_exchange_looking_names_are_unknown_cmdlets() {
        for other in ["Get-PSSession", "Get-Module", "Connect-MgGraph", "Get-ADUser", "Write-Host", "Import-Csv"] {
            let s = parse_script(other);
            assert_eq!(check_command(&s.commands[0], Scope::Hybrid, None), None, "{other}");
        }
        let s = parse_script("Get-MailboxStatistic kim");
        let v = check_command(&s.commands[0], Scope::Hybrid, None).unwrap();
        assert_eq!(v.diagnostics[0].code, codes::UNKNOWN_CMDLET);
        assert_eq!(v.diagnostics[0].severity, Severity::Warning);
        assert_eq!(v.diagnostics[0].help.as_deref(), Some("did you mean Get-MailboxStatistics?"));
        assert_eq!(suggestions("Get-PSSession"), Vec::<String>::new());
        // A session prefix set elsewhere (`Import-PSSession -Prefix OP`) is no slip.
        for prefixed in
            ["Add-OPMailboxPermission kim -User bob -AccessRights FullAccess", "Add-OPADPermission kim -User bob"]
        {
            let s = parse_script(prefixed);
            assert_eq!(check_command(&s.commands[0], Scope::Hybrid, None), None, "{prefixed}");
        }
        // A script run by path is not a cmdlet, whatever its name.
        let s = parse_script(". .\\Login-EXO.ps1\n& 'C:\\Scripts\\Set-MailboxDefaults.ps1'");
        for c in &s.commands {
            assert_eq!(check_command(c, Scope::Hybrid, None), None, "{}", c.invocation.cmdlet);
        }
    }

    #[test]
    fn hybrid_judges_each_command_on_the_side_that_has_it() {
        let s = parse_script(
            "Set-RemoteMailbox kim -Type Shared\nGet-EXOMailbox kim\nAdd-RecipientPermission kim -Trustee bob -AccessRights SendAs",
        );
        for c in &s.commands {
            let v = check_command(c, Scope::Hybrid, None).unwrap();
            assert!(v.is_ok(), "{}: {:#?}", c.invocation.cmdlet, v.diagnostics);
        }
        let v = check_command(&s.commands[0], Scope::Online, None).unwrap();
        assert_eq!(v.diagnostics[0].code, codes::CMDLET_NOT_ON_SIDE);
        // A parameter only Exchange Online has passes in hybrid.
        let s = parse_script("Set-Mailbox kim -AutoArchivingEnabled $true");
        assert!(check_command(&s.commands[0], Scope::Hybrid, None).unwrap().is_ok());
    }

    fn judged(text: &str) -> Vec<(String, Vec<&'static str>)> {
        let s = parse_script(text);
        let ev = infer_side(&s);
        let scope = ev.scope().unwrap_or(Scope::Hybrid);
        let cx = ScriptContext::of(text, &ev);
        s.commands
            .iter()
            .filter_map(|c| check_command_in(c, scope, None, &cx))
            .map(|v| {
                let codes = v.diagnostics.iter().filter(|d| d.severity != Severity::Note).map(|d| d.code).collect();
                (v.invocation.cmdlet, codes)
            })
            .collect()
    }

    #[test]
    fn cmdlets_only_one_side_has_widen_the_side_but_do_not_narrow_it() {
        // Connect-ExchangeOnline from inside the Exchange Management Shell: hybrid.
        assert_eq!(
            scope_of("Connect-ExchangeOnline\nGet-SendConnector\nAdd-ADPermission kim -User bob"),
            Some(Scope::Hybrid)
        );
        for (name, codes) in
            judged("Connect-ExchangeOnline\nGet-SendConnector\nAdd-ADPermission kim -User bob -ExtendedRights Send-As")
        {
            assert!(codes.is_empty(), "{name}: {codes:?}");
        }
        // Alone, an on-premises-only cmdlet leaves the side to each command.
        assert_eq!(scope_of("Get-ExchangeServer\nGet-Mailbox -SoftDeletedMailbox"), None);
        // A cmdlet Exchange Online retired is no sign of an on-premises session.
        assert_eq!(scope_of("Connect-ExchangeOnline\nSearch-Mailbox kim -DeleteContent"), Some(Scope::Online));
        // With --side the user said where it runs: still an error.
        let s = parse_script("Get-SendConnector");
        let v = check_command(&s.commands[0], Scope::Online, None).unwrap();
        assert_eq!(v.diagnostics[0].code, codes::CMDLET_NOT_ON_SIDE);
    }

    #[test]
    fn security_and_compliance_cmdlets_run_in_the_cloud() {
        for (name, codes) in judged(
            "Connect-ExchangeOnline\nNew-ComplianceSearch -Name s1 -ExchangeLocation All\nStart-ComplianceSearch s1",
        ) {
            assert!(codes.is_empty(), "{name}: {codes:?}");
        }
    }

    #[test]
    fn prefixed_sessions_name_the_cmdlets_they_stand_for() {
        let text = "Connect-ExchangeOnline -Prefix Cloud\nGet-CloudMailbox kim\nSet-CloudMailbox kim -Tpye Shared\nGet-SendConnector";
        // The prefixed connection says nothing about the unprefixed commands.
        assert_eq!(scope_of(text), None);
        let got = judged(text);
        assert_eq!(got[0].0, "Connect-ExchangeOnline");
        assert_eq!(got[1], ("Get-Mailbox".to_string(), vec![]));
        assert_eq!(got[2].1, [codes::UNKNOWN_PARAMETER]);
        assert_eq!(got[3], ("Get-SendConnector".to_string(), vec![]));
        // `EXO` is the conventional prefix, also when another script connected.
        assert_eq!(judged("Get-EXOAcceptedDomain")[0], ("Get-AcceptedDomain".to_string(), vec![]));
        // A real Get-EXO* cmdlet is itself, not a prefixed Get-Mailbox.
        assert_eq!(judged("Get-EXOMailbox kim")[0].0, "Get-EXOMailbox");
        // A real cmdlet's name that is also a prefixed one: the session's function shadows the
        // shell's cmdlet (`Get-RemoteMailbox -PublicFolder` is Exchange Online's Get-Mailbox).
        let text = "Connect-ExchangeOnline -Prefix Remote\nGet-RemoteMailbox -PublicFolder -ResultSize Unlimited";
        assert_eq!(judged(text)[1], ("Get-Mailbox".to_string(), vec![]));
        // Without errors either way, the shell's own cmdlet is kept.
        assert_eq!(judged("Connect-ExchangeOnline -Prefix Remote\nGet-RemoteMailbox kim")[1].0, "Get-RemoteMailbox");
    }

    #[test]
    fn the_scripts_own_functions_are_not_judged() {
        let text = "function Get-MailboxReport { param($m) }\nfunction global:Set-Mailbox { }\nGet-MailboxReport kim\nSet-Mailbox -Bogus 1";
        assert_eq!(
            defined_functions(text),
            ["get-mailboxreport", "set-mailbox"].into_iter().map(String::from).collect()
        );
        assert!(judged(text).is_empty(), "{:?}", judged(text));
        // Far from every cmdlet: a function of another module, not worth a warning.
        assert!(judged("Get-MBRecipientPermissions kim\nGet-ExchangeServerIPs").is_empty());
        // Close to one: a slip.
        assert_eq!(judged("Get-MailboxStatistic kim")[0].1, [codes::UNKNOWN_CMDLET]);
        assert_eq!(judged("Gte-Mailbox kim")[0].1, [codes::UNKNOWN_CMDLET]);
        // Another approved verb is another command (a module's helper in a sibling file).
        assert!(judged("Test-AcceptedDomain contoso.com").is_empty());
        // The Exchange Management Shell's own functions.
        assert!(judged("Connect-ExchangeServer -auto").is_empty());
    }

    #[test]
    fn function_definitions_are_found_at_every_offset_of_the_scanned_blocks() {
        // The scan skips 32-byte blocks without `fu`/`fi`/`wo`: a keyword at each offset of a
        // block, straddling two blocks, in any case, and near the end of the text is still found;
        // a keyword inside a word (`Confirm`, `workflows`, `nofunction`) is not one.
        for pad in 0..70 {
            let lead = "x".repeat(pad);
            let text = format!(
                "{lead} -Confirm:$false nofunction x\nFUNCTION Get-A {{}}\n{lead} filter  Get-B {{}}\nWorkflow script:Get-C {{}}\nfunction Get-D"
            );
            let want: std::collections::HashSet<String> =
                ["get-a", "get-b", "get-c", "get-d"].into_iter().map(String::from).collect();
            assert_eq!(defined_functions(&text), want, "{text:?}");
        }
    }
}
