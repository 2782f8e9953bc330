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

/// `$U.UserPrincipalName` inside a double-quoted string (outside `$( )`): the member it meant.
fn member_in_string(src: &str) -> Option<String> {
    let inner = src.strip_prefix(['"', '\u{201C}', '\u{201D}', '\u{201E}'])?;
    let b: Vec<char> = inner.chars().collect();
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            '`' => i += 2,
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
                    return Some(b[start..j].iter().collect());
                }
            }
            _ => i += 1,
        }
    }
    None
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
    }

    #[test]
    fn correct_forms_are_not_warned_about() {
        assert!(lints_of("Set-Mailbox \"$($U.UserPrincipalName)\" -Type Shared").is_empty());
        assert!(lints_of("Set-Mailbox $U.UserPrincipalName -Type Shared").is_empty());
        assert!(lints_of("Set-Mailbox \"$U\" -DisplayName \"$first.$last\" -Type Shared").is_empty());
        assert!(lints_of("Set-Mailbox kim -GrantSendOnBehalfTo @{Add=\"a@x.com\",\"b@x.com\"}").is_empty());
        assert!(lints_of("Get-Mailbox kim | Set-Mailbox -Type Shared").is_empty());
        assert!(lints_of("Get-RemoteMailbox kim | Set-RemoteMailbox -Type Shared").is_empty());
    }
}
