//! Whole scripts: which side of a hybrid organisation the script targets, which commands are
//! Exchange's, and each command judged against the side it can run on.

use super::*;
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
}

impl SideEvidence {
    /// The scope the evidence points to: one side, both (hybrid), or `None` when the script does
    /// not say.
    pub fn scope(&self) -> Option<Scope> {
        match (self.online.is_empty(), self.on_premises.is_empty()) {
            (false, true) => Some(Scope::Online),
            (true, false) => Some(Scope::OnPremises),
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

/// Reads the side from the commands that connect a session: `Connect-ExchangeOnline`, `Get-EXO*`
/// and `*-RecipientPermission` mean Exchange Online; `Add-PSSnapin Microsoft.Exchange*`,
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
        let online = name == "connect-exchangeonline"
            || name.starts_with("get-exo")
            || name.ends_with("-recipientpermission")
            || (name == "import-module" && args().any(|a| a.contains("exchangeonlinemanagement")));
        let mut on_prem = name == "connect-exchangeserver"
            || name.ends_with("remoteexchange.ps1")
            || (name == "add-pssnapin" && args().any(|a| a.contains("exchange") || names_exchange_snapin(&a)));
        let mut online = online;
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
        b'-' => at(i, b"-exo") || at(i, b"-exchange") || at(i, b"-recipientpermission") || at(i, b"-pssnapin"),
        b'x' | b'X' if i > 0 && b[i - 1].eq_ignore_ascii_case(&b'e') && at(i, b"xchange") => {
            let e = i - 1;
            before(e, b"microsoft.") || before(e, b"remote") || at(e, b"exchangeonlinemanagement")
        }
        _ => false,
    };
    // A block of 32 bytes is looked at closely only when it holds `exch` or one of `-ex`,
    // `-rec`, `-ps` (any case): a test without branches the compiler makes vector code of (a `-`
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
                    | ((n1 == b'p') as u8 & (n2 == b's') as u8));
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

/// Known cmdlets close to an unknown one, with the same noun family (never `Get-ADPermission` for
/// `Get-PSSession`).
fn suggestions(name: &str) -> Vec<String> {
    let Some(n) = noun(name) else { return Vec::new() };
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
    catalogue().closest_cmdlets(name).into_iter().filter(|c| family(c)).map(str::to_string).collect()
}

/// Judges one command of a script: `None` when it is not an Exchange cmdlet mbxctl should judge
/// (ordinary PowerShell, another module), else the binding and its findings. In a hybrid scope
/// the command is judged against each side that has it, and the side where it binds cleanly wins.
pub fn check_command(cmd: &ParsedCommand, scope: Scope, version: Option<ExchangeVersion>) -> Option<Validated> {
    let cat = catalogue();
    let name = &cmd.invocation.cmdlet;
    let piped = cmd.pipeline_index > 0;
    // One lookup for both sides (a long script is mostly lookups).
    let (mut on_prem, mut online) = (None, None);
    for e in cat.entries(name) {
        if e.service == Side::OnPremises.service() {
            on_prem.get_or_insert(e);
        } else if e.service == Side::Online.service() {
            online.get_or_insert(e);
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
    let close = suggestions(name);
    let help = if close.is_empty() {
        "if it comes from another module, ignore this; `mbxctl cmdlets` lists the Exchange cmdlets mbxctl knows"
            .to_string()
    } else {
        format!("did you mean {}?", close.join(", "))
    };
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
}
