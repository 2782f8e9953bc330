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
    /// `Get-RemoteMailbox | Set-Mailbox`: a remote mailbox is changed with Set-RemoteMailbox.
    pub const REMOTE_MAILBOX_PIPED: &str = "remote-mailbox-to-set-mailbox";
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
                    let textual = b.get(j) == Some(&'.')
                        || (start > 0 && b[start - 1] == '@')
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
    }
}
