//! Error records as a console shows them (Windows PowerShell's NormalView), read back into an
//! [`ErrorRecord`] so pasted errors, transcripts and `powershell.exe` stderr can be classified
//! like records that arrived over PSRP.
//!
//! The shape (docs/exchange-notes.md §6.1, §6.2; fixtures `errors/*.txt`):
//!
//! ```text
//! Get-Mailbox : The operation couldn't be performed because object 'x' couldn't be found on
//! 'DC1.contoso.com'.
//! At line:1 char:1
//! + Get-Mailbox x
//! + ~~~~~~~~~~~~~
//!     + CategoryInfo          : NotSpecified: (:) [Get-Mailbox], ManagementObjectNotFoundException
//!     + FullyQualifiedErrorId : [Server=EX1,RequestId=…,TimeStamp=5/19/2020 10:1
//!    9:41 PM] [FailureCategory=Cmdlet-ManagementObjectNotFoundException] 1082ECE3,Microsoft.Exchange.Management.Rec
//!   ipientTasks.GetMailbox
//!     + PSComputerName        : ex1.contoso.com
//! ```
//!
//! The message is word-wrapped (lines join with a space); the `+ Key : value` fields are cut at
//! the console width wherever the column falls (continuation lines join with nothing).

use super::classify::exo_message_parts;
use psvalue::records::ErrorRecord;

/// The numeric `ErrorCategory` for its name; 0 (NotSpecified) for an unknown name.
pub fn category_value(name: &str) -> i32 {
    psvalue::records::ERROR_CATEGORIES.iter().position(|c| c.eq_ignore_ascii_case(name.trim())).map_or(0, |i| i as i32)
}

/// Reads one error record from console text. `None` when the text has neither a
/// `+ CategoryInfo` nor a `+ FullyQualifiedErrorId` line (it is not an error record).
///
/// The EXO module's `code|ExceptionType|message` message is split: the exception type goes to
/// `exception_type` and the message keeps only the human text.
pub fn parse_console_error(text: &str) -> Option<ErrorRecord> {
    let lines: Vec<&str> = text.lines().map(str::trim_end).collect();
    let is_field = |l: &str| field_of(l).is_some();
    let first_field = lines.iter().position(|l| {
        field_of(l).is_some_and(|(k, _)| {
            k.eq_ignore_ascii_case("CategoryInfo") || k.eq_ignore_ascii_case("FullyQualifiedErrorId")
        })
    })?;

    // Fields: `+ Key : value`, continued by hard-wrapped lines until a blank line.
    let mut fields: Vec<(String, String)> = Vec::new();
    for line in &lines[first_field..] {
        if line.trim().is_empty() {
            break;
        }
        match field_of(line) {
            Some((k, v)) => fields.push((k.to_string(), v.to_string())),
            None => {
                if let Some((_, v)) = fields.last_mut() {
                    v.push_str(line.trim_start());
                }
            }
        }
    }
    let field = |name: &str| fields.iter().find(|(k, _)| k.eq_ignore_ascii_case(name)).map(|(_, v)| v.as_str());

    // Message: the lines before the position block (`At line:1 char:1`, `+ command`, `+ ~~~`).
    let head = &lines[..first_field];
    let end = head
        .iter()
        .enumerate()
        .skip(1)
        .find(|(_, l)| is_position_line(l) || (l.trim_start().starts_with("+ ") && !is_field(l)))
        .map_or(head.len(), |(i, _)| i);
    let message_lines: Vec<&str> = head[..end].iter().map(|l| l.trim()).filter(|l| !l.is_empty()).collect();
    let mut message = message_lines.join(" ");

    let mut record = ErrorRecord {
        fully_qualified_error_id: field("FullyQualifiedErrorId").unwrap_or_default().trim().to_string(),
        ..Default::default()
    };
    if let Some(ci) = field("CategoryInfo").and_then(parse_category_info) {
        record.category = category_value(ci.category);
        record.target_name = Some(ci.target_name.to_string()).filter(|t| !t.is_empty());
        record.activity = Some(ci.activity.to_string()).filter(|t| !t.is_empty());
        record.reason = Some(ci.reason.to_string()).filter(|t| !t.is_empty());
    }

    // `Invocation : message`: strip the command-name prefix NormalView adds.
    if let Some((name, rest)) = message.split_once(" : ") {
        let name = name.trim();
        let is_command = !name.is_empty()
            && !name.contains(char::is_whitespace)
            && (name.contains('-') || record.target_name.as_deref().is_some_and(|t| t.eq_ignore_ascii_case(name)));
        if is_command {
            message = rest.to_string();
        }
    }
    if let Some((_, ty, msg)) = exo_message_parts(&message) {
        record.exception_type = Some(ty.to_string());
        message = msg.to_string();
    }
    record.message = message;
    Some(record)
}

/// `    + CategoryInfo          : value` → `("CategoryInfo", "value")`.
fn field_of(line: &str) -> Option<(&str, &str)> {
    let rest = line.trim_start().strip_prefix("+ ")?;
    let (key, value) = rest.split_once(" : ").or_else(|| rest.trim_end().strip_suffix(" :").map(|k| (k, "")))?;
    let key = key.trim();
    (!key.is_empty() && key.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')).then_some((key, value.trim()))
}

/// `At line:1 char:1` or `At C:\path\file.psm1:1121 char:13`.
fn is_position_line(line: &str) -> bool {
    let t = line.trim_start();
    t.starts_with("At ") && t.contains(" char:")
}

struct CategoryInfo<'a> {
    category: &'a str,
    target_name: &'a str,
    activity: &'a str,
    reason: &'a str,
}

/// `NotSpecified: (:) [Get-Mailbox], ManagementObjectNotFoundException` or
/// `ObjectNotFound: (fake:String) [], CommandNotFoundException`.
fn parse_category_info(text: &str) -> Option<CategoryInfo<'_>> {
    let (category, rest) = text.split_once(": (")?;
    let close = rest.rfind(") [")?;
    let target = &rest[..close];
    let rest = &rest[close + 3..];
    let (activity, reason) = rest.split_once("], ")?;
    let target_name = target.rsplit_once(':').map_or(target, |(name, _type)| name);
    Some(CategoryInfo {
        category: category.trim(),
        target_name: target_name.trim(),
        activity: activity.trim(),
        reason: reason.trim(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::exchange::classify::{ErrorKind, FullyQualifiedErrorId, classify_error};

    #[test]
    fn reads_a_wrapped_exchange_error() {
        let text = "The operation couldn't be performed because object '$USER' couldn't be found on 'AD1.DOMAIN.LOCAL'.\r\n\
    + CategoryInfo          : NotSpecified: (:) [Set-RemoteMailbox], ManagementObjectNotFoundException\r\n\
    + FullyQualifiedErrorId : [Server=EXCHANGE1,RequestId=c45a6d57-2c60-43d1-a36d-67bbbccc8bcf,TimeStamp=5/19/2020\r\n   \
10:19:41 PM] [FailureCategory=Cmdlet-ManagementObjectNotFoundException] 1082ECE3,Microsoft.Exchange.Management.Rec\r\n  \
ipientTasks.SetRemoteMailbox\r\n\
    + PSComputerName        : EXCHANGE1.DOMAIN.LOCAL\r\n";
        let r = parse_console_error(text).unwrap();
        assert_eq!(
            r.message,
            "The operation couldn't be performed because object '$USER' couldn't be found on 'AD1.DOMAIN.LOCAL'."
        );
        assert_eq!((r.category, r.activity.as_deref()), (0, Some("Set-RemoteMailbox")));
        assert_eq!(r.reason.as_deref(), Some("ManagementObjectNotFoundException"));
        assert_eq!(r.target_name, None);
        let id = FullyQualifiedErrorId::parse(&r.fully_qualified_error_id);
        assert_eq!(id.timestamp.as_deref(), Some("5/19/2020 10:19:41 PM"));
        assert_eq!(id.cmdlet_type.as_deref(), Some("Microsoft.Exchange.Management.RecipientTasks.SetRemoteMailbox"));
        assert_eq!(classify_error(&r), ErrorKind::NotFound);
    }

    #[test]
    fn reads_a_powershell_error_with_position_block() {
        let text = "Set-Mailbox : A parameter cannot be found that matches parameter name 'Type'.\n\
At line:1 char:19\n\
+ Set-Mailbox kim -Type Shared\n\
+                   ~~~~~\n\
    + CategoryInfo          : InvalidArgument: (:) [Set-Mailbox], ParameterBindingException\n\
    + FullyQualifiedErrorId : NamedParameterNotFound,Set-Mailbox\n";
        let r = parse_console_error(text).unwrap();
        assert_eq!(r.message, "A parameter cannot be found that matches parameter name 'Type'.");
        assert_eq!(r.category, 5);
        assert_eq!(r.fully_qualified_error_id, "NamedParameterNotFound,Set-Mailbox");
        assert_eq!(classify_error(&r), ErrorKind::ParameterNotFound);
    }

    #[test]
    fn not_an_error_record() {
        assert_eq!(parse_console_error("WARNING: nothing to see"), None);
        assert_eq!(parse_console_error(""), None);
        assert_eq!(category_value("PermissionDenied"), 18);
        assert_eq!(category_value("NotEnabled"), 31);
        assert_eq!(category_value("Bogus"), 0);
    }
}
