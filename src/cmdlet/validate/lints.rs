//! Real problems that bind cleanly but will not do what the author meant; reported as warnings.

use super::*;
use crate::cmdlet::parse::ParsedCommand;

/// Codes of the warnings this module emits.
pub mod lint_codes {
    /// `-Identity ""`: an empty value where Exchange needs an object.
    pub const EMPTY_VALUE: &str = "empty-value";
    /// `"$U.UserPrincipalName"`: only `$U` is expanded inside double quotes.
    pub const MEMBER_IN_STRING: &str = "member-access-in-string";
    /// `@{Add="a@x,b@x"}`: one recipient with a comma, probably meant as two.
    pub const COMMA_IN_ONE_VALUE: &str = "comma-in-one-value";
    /// `-Servers $s`` at a line's end: the backtick touches the value, so PowerShell reads the
    /// next line's first word as part of it.
    pub const GLUED_CONTINUATION: &str = "continuation-joins-value";
    /// `Get-RemoteMailbox | Set-Mailbox`: a remote mailbox is changed with Set-RemoteMailbox.
    pub const REMOTE_MAILBOX_PIPED: &str = "remote-mailbox-to-set-mailbox";
}

/// In an unquoted argument, a backtick and a line break right after the value (`$s`` then
/// `-MaxMessageSize 10` on the next line): the word the next line starts with, usually a
/// parameter name.
fn glued_continuation(src: &str) -> Option<&str> {
    if src.starts_with(['"', '\'', '@', '(', '{']) {
        return None;
    }
    let at = src.find("`\n").or_else(|| src.find("`\r\n"))?;
    let rest = src[at + 1..].trim_start();
    Some(rest.split_whitespace().next().unwrap_or(rest))
}

/// The same in a bareword's text, where PowerShell has already dropped the backtick
/// (`Kim`` + line break + `-Alias` is the value "Kim\n-Alias"): only when the next line starts
/// with one of the cmdlet's parameter names, as a multi-line quoted value rarely does.
fn joined_parameter<'a>(cmdlet: &str, text: &'a str) -> Option<&'a str> {
    let (_, rest) = text.split_once('\n')?;
    let word = rest.split_whitespace().next()?;
    let pname = word.strip_prefix('-')?.split(':').next()?;
    let names = |c: &crate::cmdlet::catalogue::CmdletInfo| {
        c.parameters.iter().any(|p| p.name.len() >= pname.len() && p.name[..pname.len()].eq_ignore_ascii_case(pname))
    };
    (!pname.is_empty() && catalogue().entries(cmdlet).any(names)).then_some(word)
}

/// Parameters whose empty value is never meant: the object the command acts on or grants to.
const NEEDS_AN_OBJECT: &[&str] = &["Identity", "User", "Trustee", "Owner", "Database", "Member"];

/// Looks for the problems in one validated command. `previous` are the commands before it in the
/// script (for the pipeline it is part of).
pub fn lint(cmd: &ParsedCommand, v: &Validated, previous: &[ParsedCommand]) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let name = &v.invocation.cmdlet;
    for p in &v.invocation.params {
        let pname = p.name.as_deref().unwrap_or("");
        match &p.value {
            Value::String(s)
                if s.trim().is_empty() && NEEDS_AN_OBJECT.iter().any(|n| n.eq_ignore_ascii_case(pname)) =>
            {
                out.push(
                    Diagnostic::warning(lint_codes::EMPTY_VALUE, format!("{name} -{pname} is empty"))
                        .with_parameter(pname)
                        .with_help(format!(
                            "give -{pname} the object it is meant for; an empty value fails or matches nothing"
                        )),
                );
            }
            // In a file with Windows line ends the backtick escapes the carriage return instead:
            // the value ends with it, the command ends there, and the next line runs on its own.
            Value::Dynamic(src) | Value::String(src) if src.ends_with('\r') => {
                out.push(
                    Diagnostic::warning(
                        lint_codes::GLUED_CONTINUATION,
                        format!(
                            "{name} -{pname}: the backtick touches the value, so the command ends at this line and the next line runs as a command of its own"
                        ),
                    )
                    .with_parameter(pname)
                    .with_help("put a space before the backtick that continues the line"),
                );
            }
            Value::Dynamic(src) | Value::String(src)
                if glued_continuation(src).or_else(|| joined_parameter(name, src)).is_some() =>
            {
                let next = glued_continuation(src).or_else(|| joined_parameter(name, src)).unwrap_or_default();
                out.push(
                    Diagnostic::warning(
                        lint_codes::GLUED_CONTINUATION,
                        format!("{name} -{pname}: the backtick touches the value, so `{next}` on the next line is part of it"),
                    )
                    .with_parameter(pname)
                    .with_help("put a space before the backtick that continues the line"),
                );
            }
            Value::Dynamic(src) => {
                if let Some(member) = member_in_string(src) {
                    out.push(
                        Diagnostic::warning(
                            lint_codes::MEMBER_IN_STRING,
                            format!(
                                "{name} -{pname}: in {src} only {} is expanded, not {member}",
                                member.split('.').next().unwrap_or("")
                            ),
                        )
                        .with_parameter(pname)
                        .with_help(format!("write \"$({member})\", or pass {member} without quotes")),
                    );
                }
            }
            Value::AddRemove { add, remove } => {
                for item in add.iter().chain(remove) {
                    if item.contains(',') && item.matches('@').count() > 1 {
                        out.push(
                            Diagnostic::warning(
                                lint_codes::COMMA_IN_ONE_VALUE,
                                format!("{name} -{pname}: '{item}' is one value containing a comma"),
                            )
                            .with_parameter(pname)
                            .with_help("for several recipients give a list: @{Add=\"a@x\",\"b@x\"}"),
                        );
                    }
                }
            }
            _ => {}
        }
    }
    if name.eq_ignore_ascii_case("Set-Mailbox") && cmd.pipeline_index > 0 {
        // The earlier stages of this pipeline: walk back while the index goes down.
        let mut want = cmd.pipeline_index;
        for prev in previous.iter().rev() {
            if prev.pipeline_index + 1 != want {
                continue;
            }
            if prev.invocation.cmdlet.eq_ignore_ascii_case("Get-RemoteMailbox") {
                out.push(
                    Diagnostic::warning(
                        lint_codes::REMOTE_MAILBOX_PIPED,
                        "Set-Mailbox is given remote mailboxes (from Get-RemoteMailbox); it does not change them",
                    )
                    .with_help(
                        "use Set-RemoteMailbox on the on-premises side for a mailbox that lives in Exchange Online",
                    ),
                );
                break;
            }
            want = prev.pipeline_index;
            if want == 0 {
                break;
            }
        }
    }
    out
}

/// After `$name.` in a string, words that make it a file name or a domain rather than a member.
const TEXT_SUFFIXES: &[&str] = &[
    "csv", "txt", "log", "pst", "xml", "json", "htm", "html", "xls", "xlsx", "zip", "ps1", "psm1", "cer", "pfx", "eml",
    "msg", "bak", "tmp", "dat", "com", "net", "org", "local", "lan", "edu", "gov",
];

/// Members scripts read from mailboxes, recipients, users and CSV rows, lower-cased: an
/// all-lower-case word after `$name.` is taken as a member only when it is one of them
/// (`"$u.samaccountname"`); any other (`"$Name.migration"`, a domain label) is text.
const KNOWN_MEMBERS: &[&str] = &[
    "userprincipalname",
    "upn",
    "primarysmtpaddress",
    "smtp",
    "alias",
    "name",
    "displayname",
    "samaccountname",
    "sam",
    "identity",
    "id",
    "guid",
    "mail",
    "email",
    "emailaddress",
    "emailaddresses",
    "user",
    "users",
    "trustee",
    "mailbox",
    "username",
    "login",
    "distinguishedname",
    "dn",
    "firstname",
    "lastname",
    "givenname",
    "surname",
    "department",
    "title",
    "manager",
    "owner",
    "delegate",
    "accessrights",
    "database",
    "server",
    "group",
    "member",
    "members",
    "address",
    "forwardingaddress",
    "forwardingsmtpaddress",
    "recipient",
    "recipienttypedetails",
    "windowsemailaddress",
    "externalemailaddress",
    "legacyexchangedn",
    "office",
    "company",
    "phone",
    "mobile",
    "account",
    "target",
    "source",
    "folder",
    "path",
    "domain",
    "calendar",
];

/// `$U.UserPrincipalName` inside a double-quoted string (outside `$( )`): the member it meant.
/// The string may be the whole value or part of it (`@{Remove="$U.UserPrincipalName"}`,
/// `"a@x", "$U.Mail"`); single-quoted text and script blocks (filters Exchange reads itself)
/// are not looked into.
fn member_in_string(src: &str) -> Option<String> {
    if src.starts_with('{') {
        return None;
    }
    let b: Vec<char> = src.chars().collect();
    let dq = |c: char| matches!(c, '"' | '\u{201C}' | '\u{201D}' | '\u{201E}');
    let sq = |c: char| matches!(c, '\'' | '\u{2018}' | '\u{2019}' | '\u{201A}' | '\u{201B}');
    let mut i = 0;
    while i < b.len() {
        let c = b[i];
        if sq(c) {
            // Verbatim text: to its closing quote (a doubled quote stays inside).
            i += 1;
            while i < b.len() {
                if sq(b[i]) {
                    if b.get(i + 1).is_some_and(|n| sq(*n)) {
                        i += 2;
                        continue;
                    }
                    break;
                }
                i += 1;
            }
            i += 1;
        } else if dq(c) {
            let (found, end) = member_in_expandable(&b, i + 1, dq);
            if found.is_some() {
                return found;
            }
            i = end + 1;
        } else {
            i += 1;
        }
    }
    None
}

/// Scans an expandable string from `i` (just after its opening quote) to its closing quote;
/// returns the first `$var.member` outside `$( )` and where the string ends.
fn member_in_expandable(b: &[char], mut i: usize, dq: impl Fn(char) -> bool) -> (Option<String>, usize) {
    while i < b.len() {
        match b[i] {
            '`' => i += 2,
            c if dq(c) => {
                if b.get(i + 1).is_some_and(|n| dq(*n)) {
                    i += 2;
                    continue;
                }
                return (None, i);
            }
            '$' if b.get(i + 1) == Some(&'(') => {
                // A subexpression: `$($U.Name)` is the right way; skip to its closing paren.
                let mut depth = 0;
                i += 1;
                while i < b.len() {
                    match b[i] {
                        '(' => depth += 1,
                        ')' => {
                            depth -= 1;
                            if depth == 0 {
                                break;
                            }
                        }
                        _ => {}
                    }
                    i += 1;
                }
                i += 1;
            }
            '$' if b.get(i + 1).is_some_and(|c| c.is_alphabetic() || *c == '_') => {
                let start = i;
                i += 1;
                while i < b.len() && (b[i].is_alphanumeric() || b[i] == '_') {
                    i += 1;
                }
                if b.get(i) == Some(&'.') && b.get(i + 1).is_some_and(|c| c.is_alphabetic()) {
                    let mut j = i + 1;
                    while j < b.len() && (b[j].is_alphanumeric() || b[j] == '_') {
                        j += 1;
                    }
                    let member: String = b[i + 1..j].iter().collect();
                    // `"$u.csv"`, `"$tenant.mail.onmicrosoft.com"`, `"$alias@$domain.com"`: a
                    // file name or an address, where the dot is meant as text.
                    // `"$Name.migration"` (Prepare-HostedDomain.ps1 of a hosting collection): a
                    // lower-case word no object has is a domain label.
                    let lower_text =
                        member.chars().all(|c| c.is_ascii_lowercase()) && !KNOWN_MEMBERS.contains(&member.as_str());
                    let textual = b.get(j) == Some(&'.')
                        || (start > 0 && b[start - 1] == '@')
                        || lower_text
                        || TEXT_SUFFIXES.iter().any(|e| e.eq_ignore_ascii_case(&member));
                    if !textual {
                        return (Some(b[start..j].iter().collect()), j);
                    }
                    i = j;
                }
            }
            _ => i += 1,
        }
    }
    (None, i)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cmdlet::parse::parse_script;

    fn lints_of(text: &str) -> Vec<&'static str> {
        let s = parse_script(text);
        let mut out = Vec::new();
        for (i, c) in s.commands.iter().enumerate() {
            let Some(v) = script::check_command(c, script::Scope::OnPremises, None) else { continue };
            out.extend(lint(c, &v, &s.commands[..i]).into_iter().map(|d| d.code));
        }
        out
    }

    #[test]
    fn real_problems_are_warned_about() {
        assert_eq!(lints_of("Set-Mailbox -Identity \"\" -Type Shared"), [lint_codes::EMPTY_VALUE]);
        assert_eq!(lints_of("Add-MailboxPermission kim -User '' -AccessRights FullAccess"), [lint_codes::EMPTY_VALUE]);
        assert_eq!(lints_of("Set-Mailbox \"$U.UserPrincipalName\" -Type Shared"), [lint_codes::MEMBER_IN_STRING]);
        assert_eq!(
            lints_of("Set-Mailbox kim -GrantSendOnBehalfTo @{Add=\"a@x.com,b@x.com\"}"),
            [lint_codes::COMMA_IN_ONE_VALUE]
        );
        assert_eq!(lints_of("Get-RemoteMailbox kim | Set-Mailbox -Type Shared"), [lint_codes::REMOTE_MAILBOX_PIPED]);
        // Inside an Add/Remove table or a list (Office365itpros Remove-PermissionsSharedMailbox.ps1).
        assert_eq!(
            lints_of("Set-Mailbox $SM.Id -GrantSendOnBehalfTo @{remove=\"$U.UserPrincipalName\"}"),
            [lint_codes::MEMBER_IN_STRING]
        );
        assert_eq!(
            lints_of("Set-Mailbox kim -GrantSendOnBehalfTo 'a@x.com', \"$U.Mail\""),
            [lint_codes::MEMBER_IN_STRING]
        );
    }

    #[test]
    fn a_backtick_touching_the_value_is_warned_about() {
        // Apoc70/PowerShell-Scripts Add-HybridSendConnector.ps1: `-MaxMessageSize` became part of
        // the servers' value and its number a stray positional argument.
        let text = "New-SendConnector -Name x -AddressSpaces * -SourceTransportServers $s`\n-MaxMessageSize 10 `\n-Enabled:$false";
        assert!(lints_of(text).contains(&lint_codes::GLUED_CONTINUATION), "{:?}", lints_of(text));
        let text = "Set-Mailbox kim -DisplayName Kim`\n-Alias kim2";
        assert!(lints_of(text).contains(&lint_codes::GLUED_CONTINUATION), "{:?}", lints_of(text));
        // With Windows line ends pwsh ends the command at the escaped carriage return
        // (`-DisplayName` is "Kim\r" and `-Alias kim2` a command of its own).
        assert_eq!(lints_of("Set-Mailbox kim -DisplayName Kim`\r\n-Alias kim2"), [lint_codes::GLUED_CONTINUATION]);
        assert_eq!(lints_of("Set-Mailbox kim -DisplayName $d`\r\n-Alias kim2"), [lint_codes::GLUED_CONTINUATION]);
        // With the space, the continuation is whitespace.
        assert!(lints_of("Set-Mailbox kim -DisplayName $d `\n-Alias kim2").is_empty());
    }

    #[test]
    fn correct_forms_are_not_warned_about() {
        assert!(lints_of("Set-Mailbox \"$($U.UserPrincipalName)\" -Type Shared").is_empty());
        assert!(lints_of("Set-Mailbox $U.UserPrincipalName -Type Shared").is_empty());
        assert!(lints_of("Set-Mailbox \"$U\" -DisplayName \"$first.$last\" -Type Shared").is_empty());
        assert!(lints_of("Set-Mailbox kim -GrantSendOnBehalfTo @{Add=\"a@x.com\",\"b@x.com\"}").is_empty());
        assert!(lints_of("Get-Mailbox kim | Set-Mailbox -Type Shared").is_empty());
        assert!(lints_of("Get-RemoteMailbox kim | Set-RemoteMailbox -Type Shared").is_empty());
        // A file name, an address, single quotes, a script block filter, a subexpression in a table.
        assert!(lints_of("New-MailboxExportRequest -Mailbox kim -FilePath \"\\\\srv\\pst\\$u.pst\"").is_empty());
        assert!(lints_of("Set-Mailbox kim -GrantSendOnBehalfTo @{Add=\"$($u.Mail)\"}").is_empty());
        assert!(lints_of("Set-Mailbox kim -GrantSendOnBehalfTo @{Add='$u.Mail'}").is_empty());
        assert!(lints_of("Get-Mailbox -Filter {Name -eq \"$u.Name\"}").is_empty());
        assert!(lints_of("Set-Mailbox \"$user@contoso.com\" -Type Shared").is_empty());
        assert!(
            lints_of("Enable-RemoteMailbox kim -RemoteRoutingAddress \"$alias@$tenant.mail.onmicrosoft.com\"")
                .is_empty()
        );
        assert!(lints_of("Set-Mailbox kim -WindowsEmailAddress \"$first.$last@contoso.com\"").is_empty());
        // A lower-case word no object has: a domain label (urighi/hosted-exchange-scripts).
        assert!(lints_of("Remove-AcceptedDomain -Identity \"$Name.migration\" -Confirm:$false").is_empty());
    }

    #[test]
    fn a_lower_case_member_scripts_read_is_still_a_member() {
        assert_eq!(lints_of("Set-Mailbox \"$u.samaccountname\" -Type Shared"), [lint_codes::MEMBER_IN_STRING]);
        assert_eq!(lints_of("Set-Mailbox \"$row.Migration\" -Type Shared"), [lint_codes::MEMBER_IN_STRING]);
    }
}
