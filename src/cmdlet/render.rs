//! Rendering an [`Invocation`] as one line of PowerShell, ready to paste into the Exchange
//! Management Shell.
//!
//! Every value goes through [`crate::cmdlet::literal`]; names are never quoted into the text but
//! must be plain identifiers, so a name can neither end the command nor start another. The line
//! is what [`crate::cmdlet::parse::parse_command`] reads back into the same invocation:
//!
//! | value | rendered | why |
//! |---|---|---|
//! | `Switch(true)` | `-Force`; `-Force:$true` before a positional argument | a bare switch would take the argument as its value when read back |
//! | `Switch(false)` | `-Force:$false` | the colon binds the value to the switch |
//! | `Bool(b)` | `-Name $true` | a `[bool]` parameter takes the next argument |
//! | `Int(n)`, n ≥ 0 | `-Name 42` | a number token in command mode |
//! | `Int(n)`, n < 0 | `-Name (-42)` | a bare `-42` is a *string* in command mode (`tokenizer.cs`: signed numbers only in expressions) |
//! | `String(s)` | `quote(s)` | always quoted: bare words expand `$`, backticks and quotes |
//! | `List` | `'a','b'`; `@('a')` for one element; `@()` for none | a single bare element would be a string |
//! | `AddRemove` | `@{Add='a','b';Remove='c'}` (empty sides left out) | |
//! | `Secure` | `(Read-Host -AsSecureString -Prompt 'Password')` | the secret never reaches text; the admin types it |
//! | `Dynamic("$null")` | `$null` | the one run-time name with a fixed value; Exchange clears a property with it |
//! | other `Dynamic` | error | a run-time value cannot be reproduced |

use crate::cmdlet::invocation::{Invocation, Value};
use crate::cmdlet::literal::quote_into;
use std::fmt::Write as _;

/// Why an invocation cannot be rendered.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum RenderError {
    /// The cmdlet name is not a plain `Verb-Noun` identifier.
    #[error(
        "cannot render cmdlet name {name:?}: a cmdlet name must be letters and digits joined by single dashes \
         (such as Set-Mailbox) and not a PowerShell keyword; check the spelling"
    )]
    InvalidCmdletName {
        /// The name given.
        name: String,
    },
    /// A parameter name is not a plain identifier.
    #[error(
        "cannot render parameter {name:?} of {cmdlet}: a parameter name must be letters, digits and underscores \
         starting with a letter (such as Identity), without the dash"
    )]
    InvalidParameterName {
        /// The cmdlet.
        cmdlet: String,
        /// The name given.
        name: String,
    },
    /// A value only known at run time.
    #[error(
        "cannot render {parameter} of {cmdlet}: its value {source_text:?} is computed by PowerShell at run time; \
         give the value itself"
    )]
    DynamicValue {
        /// The cmdlet.
        cmdlet: String,
        /// `-Name` or `argument N`.
        parameter: String,
        /// The run-time expression as parsed.
        source_text: String,
    },
    /// A switch without a parameter name.
    #[error("cannot render argument {index} of {cmdlet}: a switch needs a parameter name")]
    PositionalSwitch {
        /// The cmdlet.
        cmdlet: String,
        /// 1-based position among the parameters.
        index: usize,
    },
}

/// Renders `inv` as one line: `Cmdlet -Param value ...`.
pub fn render(inv: &Invocation) -> Result<String, RenderError> {
    let mut out = String::with_capacity(64);
    render_into(inv, &mut out)?;
    Ok(out)
}

/// Appends the rendering of `inv` to `out`; on error `out` is left as it was.
pub fn render_into(inv: &Invocation, out: &mut String) -> Result<(), RenderError> {
    let mark = out.len();
    let r = render_inner(inv, out);
    if r.is_err() {
        out.truncate(mark);
    }
    r
}

fn render_inner(inv: &Invocation, out: &mut String) -> Result<(), RenderError> {
    if !is_cmdlet_name(&inv.cmdlet) {
        return Err(RenderError::InvalidCmdletName { name: inv.cmdlet.clone() });
    }
    out.push_str(&inv.cmdlet);
    for (i, p) in inv.params.iter().enumerate() {
        out.push(' ');
        let label = || match &p.name {
            Some(n) => format!("-{n}"),
            None => format!("argument {}", i + 1),
        };
        if let Some(name) = &p.name {
            if !is_parameter_name(name) {
                return Err(RenderError::InvalidParameterName { cmdlet: inv.cmdlet.clone(), name: name.clone() });
            }
            out.push('-');
            out.push_str(name);
            match &p.value {
                Value::Switch(true) => {
                    if inv.params.get(i + 1).is_some_and(|next| next.name.is_none()) {
                        out.push_str(":$true");
                    }
                    continue;
                }
                Value::Switch(false) => {
                    out.push_str(":$false");
                    continue;
                }
                _ => out.push(' '),
            }
        }
        match &p.value {
            Value::Switch(_) => {
                return Err(RenderError::PositionalSwitch { cmdlet: inv.cmdlet.clone(), index: i + 1 });
            }
            Value::Bool(b) => out.push_str(if *b { "$true" } else { "$false" }),
            Value::Int(n) if *n < 0 => {
                let _ = write!(out, "({n})");
            }
            Value::Int(n) => {
                let _ = write!(out, "{n}");
            }
            Value::String(s) => quote_into(out, s),
            Value::List(items) => match items.len() {
                0 => out.push_str("@()"),
                1 => {
                    out.push_str("@(");
                    quote_into(out, &items[0]);
                    out.push(')');
                }
                _ => push_list(out, items),
            },
            Value::AddRemove { add, remove } => {
                out.push_str("@{");
                if !add.is_empty() {
                    out.push_str("Add=");
                    push_list(out, add);
                }
                if !remove.is_empty() {
                    if !add.is_empty() {
                        out.push(';');
                    }
                    out.push_str("Remove=");
                    push_list(out, remove);
                }
                out.push('}');
            }
            Value::Secure(_) => {
                out.push_str("(Read-Host -AsSecureString -Prompt ");
                quote_into(out, p.name.as_deref().unwrap_or("Secure value"));
                out.push(')');
            }
            Value::Dynamic(text) if text.eq_ignore_ascii_case("$null") => out.push_str("$null"),
            Value::Dynamic(text) => {
                return Err(RenderError::DynamicValue {
                    cmdlet: inv.cmdlet.clone(),
                    parameter: label(),
                    source_text: text.clone(),
                });
            }
        }
    }
    Ok(())
}

fn push_list(out: &mut String, items: &[String]) {
    for (i, item) in items.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        quote_into(out, item);
    }
}

/// `[A-Za-z][A-Za-z0-9]*(-[A-Za-z0-9]+)*`, not a keyword. Such a name scans as one bare word
/// (letters, digits and inner dashes never end a token) that starts no number, variable,
/// parameter or string.
pub fn is_cmdlet_name(name: &str) -> bool {
    let b = name.as_bytes();
    if b.is_empty() || !b[0].is_ascii_alphabetic() || b[b.len() - 1] == b'-' {
        return false;
    }
    let mut prev_dash = false;
    for &c in b {
        if c == b'-' {
            if prev_dash {
                return false;
            }
            prev_dash = true;
        } else if c.is_ascii_alphanumeric() {
            prev_dash = false;
        } else {
            return false;
        }
    }
    crate::cmdlet::keywords::keyword(name).is_none()
}

/// `[A-Za-z][A-Za-z0-9_]*`: after a dash this scans as one parameter token (`ScanParameter`).
pub fn is_parameter_name(name: &str) -> bool {
    let b = name.as_bytes();
    !b.is_empty() && b[0].is_ascii_alphabetic() && b.iter().all(|c| c.is_ascii_alphanumeric() || *c == b'_')
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cmdlet::invocation::Parameter;
    use crate::secret::Secret;

    fn s(v: &[&str]) -> Vec<String> {
        v.iter().map(|x| x.to_string()).collect()
    }

    #[test]
    fn renders_each_value_kind() {
        let inv = Invocation::new("Set-Mailbox")
            .param("Identity", "O'Brien")
            .param("Type", "Shared")
            .switch("Force")
            .param("Confirm", Value::Switch(false))
            .param("HiddenFromAddressListsEnabled", true)
            .param("RecoverableItemsQuota", 30i64)
            .param("Offset", -5i64)
            .param("AcceptMessagesOnlyFrom", s(&["a", "b c"]))
            .param("One", s(&["x"]))
            .param("None", Vec::<String>::new())
            .param("EmailAddresses", Value::AddRemove { add: s(&["smtp:a@x", "b"]), remove: s(&["c"]) })
            .param("ForwardingAddress", Value::Dynamic("$null".into()));
        assert_eq!(
            render(&inv).unwrap(),
            "Set-Mailbox -Identity 'O''Brien' -Type 'Shared' -Force -Confirm:$false \
             -HiddenFromAddressListsEnabled $true -RecoverableItemsQuota 30 -Offset (-5) \
             -AcceptMessagesOnlyFrom 'a','b c' -One @('x') -None @() \
             -EmailAddresses @{Add='smtp:a@x','b';Remove='c'} -ForwardingAddress $null"
        );
    }

    #[test]
    fn add_remove_sides() {
        let r = |add: &[&str], remove: &[&str]| {
            render(&Invocation::new("Set-X").param("P", Value::AddRemove { add: s(add), remove: s(remove) })).unwrap()
        };
        assert_eq!(r(&["a"], &[]), "Set-X -P @{Add='a'}");
        assert_eq!(r(&[], &["b"]), "Set-X -P @{Remove='b'}");
        assert_eq!(r(&[], &[]), "Set-X -P @{}");
        assert_eq!(r(&["a\n"], &[]), "Set-X -P @{Add=('a'+\"`n\")}");
    }

    #[test]
    fn switch_before_positional_argument_uses_colon() {
        let mut inv = Invocation::new("Get-X").switch("Force");
        inv.params.push(Parameter { name: None, value: Value::String("id".into()) });
        inv = inv.switch("Confirm");
        assert_eq!(render(&inv).unwrap(), "Get-X -Force:$true 'id' -Confirm");
    }

    #[test]
    fn positional_arguments_and_multiline_values() {
        let mut inv = Invocation::new("Get-Mailbox");
        inv.params.push(Parameter { name: None, value: Value::String("a\nb".into()) });
        inv.params.push(Parameter { name: None, value: Value::Bool(false) });
        assert_eq!(render(&inv).unwrap(), "Get-Mailbox ('a'+\"`n\"+'b') $false");
    }

    #[test]
    fn secrets_never_render() {
        let inv = Invocation::new("New-Mailbox").param("Password", Secret::new("hunter2'; rm"));
        let line = render(&inv).unwrap();
        assert_eq!(line, "New-Mailbox -Password (Read-Host -AsSecureString -Prompt 'Password')");
        assert!(!line.contains("hunter2"));
    }

    #[test]
    fn rejects_what_cannot_be_rendered() {
        let e = render(&Invocation::new("Get-Mailbox; rm")).unwrap_err();
        assert_eq!(e, RenderError::InvalidCmdletName { name: "Get-Mailbox; rm".into() });
        for bad in ["", "-Get", "Get-", "Get--X", "foreach", "IF", "Get Mailbox", "Get-Mailbox'", "1Get"] {
            assert!(render(&Invocation::new(bad)).is_err(), "{bad}");
        }
        let e = render(&Invocation::new("Get-X").param("a b", "x")).unwrap_err();
        assert!(matches!(e, RenderError::InvalidParameterName { ref name, .. } if name == "a b"));
        for bad in ["", "-Force", "Na:me", "x'", "_x", "Ïd"] {
            assert!(render(&Invocation::new("Get-X").param(bad, "x")).is_err(), "{bad}");
        }
        let e = render(&Invocation::new("Get-X").param("Identity", Value::Dynamic("$id".into()))).unwrap_err();
        assert_eq!(
            e,
            RenderError::DynamicValue {
                cmdlet: "Get-X".into(),
                parameter: "-Identity".into(),
                source_text: "$id".into()
            }
        );
        let mut inv = Invocation::new("Get-X");
        inv.params.push(Parameter { name: None, value: Value::Switch(true) });
        assert_eq!(render(&inv).unwrap_err(), RenderError::PositionalSwitch { cmdlet: "Get-X".into(), index: 1 });
    }

    #[test]
    fn render_into_leaves_buffer_on_error() {
        let mut out = String::from("keep;");
        assert!(render_into(&Invocation::new("Get-X").param("I", Value::Dynamic("$x".into())), &mut out).is_err());
        assert_eq!(out, "keep;");
        render_into(&Invocation::new("Get-X"), &mut out).unwrap();
        assert_eq!(out, "keep;Get-X");
    }

    #[test]
    fn accepts_real_names() {
        for ok in ["Get-Mailbox", "Set-CASMailbox", "New-MoveRequest", "Get-ExoMailbox", "whoami", "Get-Mailbox2"] {
            assert!(is_cmdlet_name(ok), "{ok}");
        }
        for ok in ["Identity", "ProhibitSendQuota", "A1", "Use_Underscore"] {
            assert!(is_parameter_name(ok), "{ok}");
        }
    }
}
