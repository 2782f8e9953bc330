//! What an Exchange error record or warning means, so workflows can react (retry, skip, stop)
//! and runbooks can match stable names.
//!
//! Sources: docs/exchange-notes.md §1.1, §1.2 (conversion errors and warnings), §4 (NoLanguage),
//! §5.1 (throttling texts), §6.1 (the `FullyQualifiedErrorId` anatomy), §6.2 (not found,
//! ambiguous), §6.3 (access denied), §6.4 (warnings that mean nothing happened). Messages are
//! matched against the product's templates with whitespace runs collapsed and case ignored,
//! because console wrapping and joined lines change spacing; exception names come from every
//! place a record carries them (reason, exception type, `FailureCategory`, the EXO
//! `code|type|message` form).

use psvalue::records::ErrorRecord;
use regex::Regex;
use serde::Serialize;
use std::sync::LazyLock;
use std::time::Duration;

/// What an error record means for the caller.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(tag = "kind", rename_all = "kebab-case")]
pub enum ErrorKind {
    /// The object named does not exist (`ManagementObjectNotFoundException`, §6.2).
    NotFound,
    /// The identity matches several objects (`ManagementObjectAmbiguousException`, §6.2).
    Ambiguous,
    /// Rights are missing: AD access denied, outside the RBAC write scope (§6.3).
    AccessDenied,
    /// `Set-Mailbox -Type` cannot convert between these types (§1.1).
    UnsupportedConversion,
    /// The mailbox already has the requested type (§1.1; normally a warning).
    AlreadyOfType,
    /// `Set-RemoteMailbox -Type` on a remote mailbox without the ProvisionMailbox bit (§1.2).
    ProvisionMailboxRequired,
    /// A throttling limit was hit (§5.1); retry after the suggested wait when the text gives one.
    Throttled {
        /// The wait the server asked for, when it said.
        #[serde(rename = "retry_after_ms", serialize_with = "ser_opt_ms")]
        retry_after: Option<Duration>,
    },
    /// The endpoint runs in NoLanguage mode and refused script text (§4, `ScriptsNotAllowed`).
    NoLanguage,
    /// A parameter is not available: misspelt, or hidden by the caller's RBAC roles (§6.3).
    ParameterNotFound,
    /// A cmdlet is not available: not loaded, or hidden by the caller's RBAC roles (§6.3).
    CommandNotFound,
    /// Anything else; the message says what.
    Other,
}

impl ErrorKind {
    /// The stable kebab-case name (the `kind` field of the JSON form).
    pub fn name(&self) -> &'static str {
        match self {
            ErrorKind::NotFound => "not-found",
            ErrorKind::Ambiguous => "ambiguous",
            ErrorKind::AccessDenied => "access-denied",
            ErrorKind::UnsupportedConversion => "unsupported-conversion",
            ErrorKind::AlreadyOfType => "already-of-type",
            ErrorKind::ProvisionMailboxRequired => "provision-mailbox-required",
            ErrorKind::Throttled { .. } => "throttled",
            ErrorKind::NoLanguage => "no-language",
            ErrorKind::ParameterNotFound => "parameter-not-found",
            ErrorKind::CommandNotFound => "command-not-found",
            ErrorKind::Other => "other",
        }
    }
}

/// What a warning means.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
#[serde(tag = "kind", rename_all = "kebab-case")]
pub enum WarningKind {
    /// `The command completed successfully but no settings of '{0}' have been modified.` (§6.4)
    NoSettingsModified {
        /// The object's identity, when the warning names it.
        identity: Option<String>,
    },
    /// `Couldn't convert the mailbox because the mailbox "{0}" is already of the type "{1}".`
    /// (§1.1; 2013 and Exchange Online wordings)
    AlreadyOfType {
        /// The mailbox as the warning names it (an identity or a GUID).
        identity: String,
        /// The type it already has (`Shared`, `Regular`, ...).
        mailbox_type: String,
    },
    /// `The appropriate access control entry is already present on the object "{0}" for account "{1}".`
    AcePresent {
        /// The object the permission is on.
        object: String,
        /// The trustee.
        account: String,
    },
    /// `The user hasn't logged on to mailbox '{0}' ('{1}'), so there is no data to return. ...` (§3.2)
    NeverLoggedOn {
        /// The mailbox as the warning names it.
        identity: String,
    },
    /// The on-premises throttling module delayed the operation (§5.1).
    ThrottleDelay {
        /// The approximate delay announced.
        #[serde(rename = "delay_ms", serialize_with = "ser_ms")]
        delay: Duration,
        /// The violated policy part, when named.
        policy: Option<String>,
    },
    /// Exchange Online applied a micro delay (`Micro delay applied. Actual delayed: N msecs`). The
    /// delay has already happened; it is reported so batches can slow down. Zero when the text
    /// carries no number.
    MicroDelay {
        /// The delay applied.
        #[serde(rename = "delay_ms", serialize_with = "ser_ms")]
        delay: Duration,
    },
    /// Anything else.
    Other,
}

impl WarningKind {
    /// The stable kebab-case name (the `kind` field of the JSON form).
    pub fn name(&self) -> &'static str {
        match self {
            WarningKind::NoSettingsModified { .. } => "no-settings-modified",
            WarningKind::AlreadyOfType { .. } => "already-of-type",
            WarningKind::AcePresent { .. } => "ace-present",
            WarningKind::NeverLoggedOn { .. } => "never-logged-on",
            WarningKind::ThrottleDelay { .. } => "throttle-delay",
            WarningKind::MicroDelay { .. } => "micro-delay",
            WarningKind::Other => "other",
        }
    }

    /// Whether the warning says the command changed nothing (a no-op, not a failure).
    pub fn means_nothing_changed(&self) -> bool {
        matches!(
            self,
            WarningKind::NoSettingsModified { .. } | WarningKind::AlreadyOfType { .. } | WarningKind::AcePresent { .. }
        )
    }
}

fn ser_ms<S: serde::Serializer>(d: &Duration, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_u64(u64::try_from(d.as_millis()).unwrap_or(u64::MAX))
}

fn ser_opt_ms<S: serde::Serializer>(d: &Option<Duration>, s: S) -> Result<S::Ok, S::Error> {
    match d {
        Some(d) => ser_ms(d, s),
        None => s.serialize_none(),
    }
}

/// The parts of an Exchange `FullyQualifiedErrorId` (§6.1):
/// `[Server=EX1,RequestId=…,TimeStamp=5/19/2020 10:19:41 PM] [FailureCategory=Cmdlet-…] 1082ECE3,Microsoft…SetRemoteMailbox`.
/// Also reads the empty-prefix EXO form (`[] [FailureCategory=…] D228C798,…`), the 2010 form
/// without brackets (`B959FFD3,Microsoft…NewMoveRequest`), the EXO module form
/// (`[Server=…,TimeStamp=Tue, 28 Mar 2023 13:55:04 GMT],Write-ErrorMessage`) and PowerShell's
/// own ids (`CommandNotFoundException`, `NamedParameterNotFound,Microsoft…`). Parsing is
/// loose: unknown parts are skipped, nothing fails.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize)]
pub struct FullyQualifiedErrorId {
    /// `Server=` (or `ClientAccessServer=` on connection-level errors).
    pub server: Option<String>,
    /// `RequestId=`: the activity id to quote to support or find in server logs.
    pub request_id: Option<String>,
    /// `TimeStamp=` as printed (UTC, in the server's culture).
    pub timestamp: Option<String>,
    /// `FailureCategory=`, e.g. `Cmdlet-ManagementObjectNotFoundException`.
    pub failure_category: Option<String>,
    /// The error id before the cmdlet type: Exchange's hex code (`1082ECE3`) or PowerShell's id.
    pub code: Option<String>,
    /// The .NET type (or name) of the command that failed.
    pub cmdlet_type: Option<String>,
}

impl FullyQualifiedErrorId {
    /// Parses an id loosely (see the type's documentation).
    pub fn parse(text: &str) -> Self {
        let mut id = FullyQualifiedErrorId::default();
        let mut rest = text.trim();
        while let Some(inner) = rest.strip_prefix('[') {
            let Some(end) = inner.find(']') else { break };
            let content = &inner[..end];
            rest = inner[end + 1..].trim_start();
            for (key, value) in key_values(content) {
                let value = Some(value.to_string()).filter(|v| !v.is_empty());
                match key.to_ascii_lowercase().as_str() {
                    "server" => id.server = value,
                    "clientaccessserver" if id.server.is_none() => id.server = value,
                    "requestid" => id.request_id = value,
                    "timestamp" => id.timestamp = value.map(|v| unglue_timestamp(&v)),
                    "failurecategory" => id.failure_category = value,
                    _ => {}
                }
            }
        }
        // The EXO module form has no code: `[…],Write-ErrorMessage`.
        let (code, cmdlet) = match rest.strip_prefix(',') {
            Some(cmdlet) => ("", cmdlet),
            None => rest.split_once(',').unwrap_or((rest, "")),
        };
        id.code = Some(code.trim().to_string()).filter(|c| !c.is_empty());
        id.cmdlet_type = Some(cmdlet.trim().to_string()).filter(|c| !c.is_empty());
        id
    }

    /// The exception named by the failure category (`Cmdlet-ADOperationException` →
    /// `ADOperationException`); `None` for other categories (`WSMan-InvalidShellID`).
    pub fn failure_exception(&self) -> Option<&str> {
        let fc = self.failure_category.as_deref()?;
        fc.strip_prefix("Cmdlet-").filter(|s| !s.is_empty())
    }
}

/// `Server=EX1,RequestId=…,TimeStamp=Tue, 28 Mar 2023 13:55:04 GMT`: splits on commas that
/// start a new `Key=`, so commas inside a value (RFC 1123 dates) stay in it.
fn key_values(content: &str) -> Vec<(&str, &str)> {
    let starts_key = |after: &str| {
        let after = after.trim_start();
        let key_len = after.bytes().take_while(u8::is_ascii_alphanumeric).count();
        key_len > 0 && after.as_bytes().get(key_len) == Some(&b'=')
    };
    let mut boundaries = vec![0];
    boundaries.extend(content.match_indices(',').map(|(i, _)| i + 1).filter(|&after| starts_key(&content[after..])));
    boundaries.push(content.len() + 1);
    boundaries
        .windows(2)
        .filter_map(|w| content[w[0]..w[1] - 1].split_once('='))
        .map(|(k, v)| (k.trim(), v.trim()))
        .collect()
}

/// Console wrapping can glue a date to its time when the line broke at the space between them
/// (`5/19/202010:19:41 PM`); put the space back.
fn unglue_timestamp(ts: &str) -> String {
    static GLUED: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"^(\d{1,2}[/.-]\d{1,2}[/.-]\d{4})(\d{1,2}:)").expect("valid regex"));
    GLUED.replace(ts, "$1 $2").into_owned()
}

/// A product message template (`{0}` placeholders) compiled to a regex that ignores case and
/// treats any whitespace run as one space.
fn template(t: &str, anchored: bool) -> Regex {
    let mut re = String::from("(?is)");
    if anchored {
        re.push('^');
    }
    let mut rest = t;
    while !rest.is_empty() {
        if let Some(after) = rest.strip_prefix('{')
            && let Some(close) = after.find('}')
            && after[..close].chars().all(|c| c.is_ascii_digit())
            && close > 0
        {
            re.push_str(&format!("(?P<p{}>.*?)", &after[..close]));
            rest = &after[close + 1..];
            continue;
        }
        let c = rest.chars().next().unwrap_or(' ');
        if c.is_whitespace() {
            re.push_str(r"\s+");
            rest = rest.trim_start();
        } else {
            re.push_str(&regex::escape(&c.to_string()));
            rest = &rest[c.len_utf8()..];
        }
    }
    if anchored {
        re.push('$');
    }
    Regex::new(&re).expect("product templates compile")
}

/// Compiled templates, one set per meaning.
struct Templates {
    not_found: Vec<Regex>,
    ambiguous: Vec<Regex>,
    access_denied: Vec<Regex>,
    unsupported: Vec<Regex>,
    already_of_type: Regex,
    provision: Regex,
    no_language: Regex,
    command_not_found: Regex,
    parameter_not_found: Regex,
    throttle_seconds: Vec<Regex>,
    throttle_backoff_ms: Regex,
    throttle_no_wait: Vec<Regex>,
    no_settings_of: Regex,
    no_settings: Regex,
    ace_present: Regex,
    never_logged_on: Regex,
    throttle_delay: Regex,
    violated_policy: Regex,
    micro_delay: Regex,
    micro_delay_ms: Regex,
}

static T: LazyLock<Templates> = LazyLock::new(|| {
    Templates {
    not_found: vec![
        template("The operation couldn't be performed because object '{0}' couldn't be found on '{1}'.", false),
        template("The operation couldn't be performed because '{0}' couldn't be found.", false),
        template("Couldn't find object \"{0}\". Please make sure that it was spelled correctly", false),
        template("The specified mailbox \"{0}\" doesn't exist.", false),
    ],
    ambiguous: vec![
        template("The operation couldn't be performed because '{0}' matches multiple entries.", false),
        template("There are multiple recipients matching the identity \"{0}\". Please specify a unique value.", false),
    ],
    access_denied: vec![
        template("Insufficient access rights to perform the operation", false),
        template("INSUFF_ACCESS_RIGHTS", false),
        template("INSUF_ACCESS_RIGHTS", false),
        template("Active Directory operation failed on {0}. This error is not retriable. {1}Access is denied", false),
        template("'{0}' isn't within your current write scopes.", false),
    ],
    unsupported: vec![
        template("Converting mailbox \"{0}\" from type \"{1}\" to type \"{2}\" isn't supported.", false),
        template("Resource mailbox \"{0}\" can't be changed into a user mailbox.", false),
    ],
    already_of_type: Regex::new(
        r#"(?is)^Couldn't\s+convert\s+the\s+mailbox\s+because\s+the\s+mailbox\s+(?P<p0>.+?)\s+is\s+already\s+of\s+the\s+type\s+(?P<p1>.+?)\.?$"#,
    )
    .expect("valid regex"),
    provision: template("RemoteRecipientType must include ProvisionMailbox", false),
    no_language: template("The syntax is not supported by this runspace.", false),
    command_not_found: template("The term '{0}' is not recognized as the name of a cmdlet", false),
    parameter_not_found: template("A parameter cannot be found that matches parameter name '{0}'.", false),
    throttle_seconds: vec![
        template(
            "Fail to create runspace because you have exceeded your budget to create runspace. Please wait for {0} seconds.",
            false,
        ),
        template(
            "Operation aborted because the operation has exceeded your throttling policy budget. Please wait for {0} seconds.",
            false,
        ),
    ],
    throttle_backoff_ms: template(
        "This operation exceeds the throttling budget for policy part '{0}', policy value '{1}', Budget type: '{2}'. Suggested backoff time {3} ms.",
        false,
    ),
    throttle_no_wait: vec![
        template("you have exceeded the maximum number of connections allowed : {0} for the policy party : {1}.", false),
        template("This user is allowed a maximum of {0} concurrent shells, which has been exceeded.", false),
        template("This user is allowed a maximum number of {0} concurrent shells, which has been exceeded.", false),
    ],
    no_settings_of: template("The command completed successfully but no settings of '{0}' have been modified.", true),
    no_settings: template("The command completed successfully but no settings have been modified.", true),
    ace_present: template(
        "The appropriate access control entry is already present on the object \"{0}\" for account \"{1}\".",
        true,
    ),
    never_logged_on: template(
        "The user hasn't logged on to mailbox '{0}' ('{1}'), so there is no data to return. After the user logs on, this warning will no longer appear.",
        true,
    ),
    throttle_delay: Regex::new(
        r"(?is)Throttling\s+Policy\s+budg?get.*Approximate\s+delay\s+time:\s*(?P<secs>[0-9][0-9.,]*)\s+seconds",
    )
    .expect("valid regex"),
    violated_policy: Regex::new(r"(?is)Violated\s+policy:\s*(?P<policy>.+?),\s*Approximate\s+delay").expect("valid regex"),
    micro_delay: template("Micro delay applied.", false),
    micro_delay_ms: Regex::new(r"(?i)Actual\s+delayed:\s*(?P<ms>[0-9][0-9.,]*)\s*msecs").expect("valid regex"),
}
});

/// A number of seconds or milliseconds as printed (`45`, `2.5`, `1,500`), scaled to a duration.
/// `None` for placeholders and nonsense (never panics on huge or negative values).
fn duration_from(text: &str, unit_secs: f64) -> Option<Duration> {
    let t: String = text.trim().trim_end_matches('.').chars().filter(|c| *c != ',').collect();
    let n: f64 = t.parse().ok()?;
    Duration::try_from_secs_f64(n * unit_secs).ok()
}

/// Collapses whitespace runs and trims, so wrapped and joined texts compare equal.
fn normalize(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The EXO module's `Ex6F9304|Microsoft…ManagementObjectNotFoundException|The operation…` message
/// form: `(code, exception type, message)`.
pub(crate) fn exo_message_parts(message: &str) -> Option<(&str, &str, &str)> {
    let mut parts = message.splitn(3, '|');
    let (code, ty, msg) = (parts.next()?, parts.next()?, parts.next()?);
    let code_ok = !code.is_empty() && code.len() <= 16 && code.chars().all(|c| c.is_ascii_alphanumeric());
    let ty_ok = ty.contains('.') && ty.ends_with("Exception") && !ty.contains(char::is_whitespace);
    (code_ok && ty_ok).then_some((code.trim(), ty.trim(), msg.trim_start()))
}

/// Classifies an error record (see the module documentation for the evidence used).
pub fn classify_error(e: &ErrorRecord) -> ErrorKind {
    let fqid = FullyQualifiedErrorId::parse(&e.fully_qualified_error_id);
    let exo = exo_message_parts(&e.message);
    let message = normalize(exo.map_or(e.message.as_str(), |(_, _, m)| m));
    let short = |t: &str| t.rsplit('.').next().unwrap_or(t).to_string();
    let mut names: Vec<String> = Vec::new();
    names.extend(e.reason.iter().cloned());
    names.extend(e.exception_type.as_deref().map(short));
    names.extend(fqid.failure_exception().map(String::from));
    names.extend(exo.map(|(_, t, _)| short(t)));
    names.extend(fqid.code.clone());
    let has = |n: &str| names.iter().any(|x| x.eq_ignore_ascii_case(n));
    let any = |set: &[Regex]| set.iter().any(|r| r.is_match(&message));

    // Throttling first: it can surface through any exception type, and it carries the wait.
    for re in &T.throttle_seconds {
        if let Some(c) = re.captures(&message) {
            return ErrorKind::Throttled { retry_after: c.name("p0").and_then(|m| duration_from(m.as_str(), 1.0)) };
        }
    }
    if let Some(c) = T.throttle_backoff_ms.captures(&message) {
        return ErrorKind::Throttled { retry_after: c.name("p3").and_then(|m| duration_from(m.as_str(), 0.001)) };
    }
    if any(&T.throttle_no_wait) || has("OverBudgetException") {
        return ErrorKind::Throttled { retry_after: None };
    }
    if has("ScriptsNotAllowed") || T.no_language.is_match(&message) {
        return ErrorKind::NoLanguage;
    }
    if has("CommandNotFoundException") || T.command_not_found.is_match(&message) {
        return ErrorKind::CommandNotFound;
    }
    if has("NamedParameterNotFound") || T.parameter_not_found.is_match(&message) {
        return ErrorKind::ParameterNotFound;
    }
    if T.provision.is_match(&message) {
        return ErrorKind::ProvisionMailboxRequired;
    }
    if any(&T.unsupported) {
        return ErrorKind::UnsupportedConversion;
    }
    if T.already_of_type.is_match(&message) {
        return ErrorKind::AlreadyOfType;
    }
    if any(&T.access_denied) || has("UnauthorizedAccessException") || e.category == CATEGORY_PERMISSION_DENIED {
        return ErrorKind::AccessDenied;
    }
    if has("ManagementObjectAmbiguousException") || any(&T.ambiguous) {
        return ErrorKind::Ambiguous;
    }
    if has("ManagementObjectNotFoundException") || any(&T.not_found) || e.category == CATEGORY_OBJECT_NOT_FOUND {
        return ErrorKind::NotFound;
    }
    ErrorKind::Other
}

/// `ErrorCategory.ObjectNotFound`.
const CATEGORY_OBJECT_NOT_FOUND: i32 = 13;
/// `ErrorCategory.PermissionDenied`.
const CATEGORY_PERMISSION_DENIED: i32 = 18;

/// Classifies a warning message, with or without its `WARNING: ` prefix.
pub fn classify_warning(text: &str) -> WarningKind {
    let t = text.trim();
    let t = match t.get(..8) {
        Some(p) if p.eq_ignore_ascii_case("warning:") => t[8..].trim_start(),
        _ => t,
    };
    let t = normalize(t);
    let cap = |c: &regex::Captures<'_>, n: &str| c.name(n).map(|m| m.as_str().to_string()).unwrap_or_default();
    if let Some(c) = T.no_settings_of.captures(&t) {
        return WarningKind::NoSettingsModified { identity: Some(cap(&c, "p0")) };
    }
    if T.no_settings.is_match(&t) {
        return WarningKind::NoSettingsModified { identity: None };
    }
    if let Some(c) = T.already_of_type.captures(&t) {
        return WarningKind::AlreadyOfType {
            identity: unquote(&cap(&c, "p0")).to_string(),
            mailbox_type: unquote(&cap(&c, "p1")).to_string(),
        };
    }
    if let Some(c) = T.ace_present.captures(&t) {
        return WarningKind::AcePresent { object: cap(&c, "p0"), account: cap(&c, "p1") };
    }
    if let Some(c) = T.never_logged_on.captures(&t) {
        return WarningKind::NeverLoggedOn { identity: cap(&c, "p0") };
    }
    if let Some(c) = T.throttle_delay.captures(&t)
        && let Some(delay) = duration_from(&cap(&c, "secs"), 1.0)
    {
        let policy = T.violated_policy.captures(&t).map(|p| cap(&p, "policy")).filter(|p| !p.is_empty());
        return WarningKind::ThrottleDelay { delay, policy };
    }
    if T.micro_delay.is_match(&t) {
        let delay =
            T.micro_delay_ms.captures(&t).and_then(|c| duration_from(&cap(&c, "ms"), 0.001)).unwrap_or(Duration::ZERO);
        return WarningKind::MicroDelay { delay };
    }
    WarningKind::Other
}

/// Strips one pair of matching quotes (`"x"`, `'x'`).
fn unquote(s: &str) -> &str {
    let s = s.trim();
    for q in ['"', '\''] {
        if s.len() >= 2 && s.starts_with(q) && s.ends_with(q) {
            return &s[1..s.len() - 1];
        }
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    fn record(message: &str, reason: Option<&str>, fqid: &str) -> ErrorRecord {
        ErrorRecord {
            message: message.into(),
            reason: reason.map(String::from),
            fully_qualified_error_id: fqid.into(),
            ..Default::default()
        }
    }

    fn msg(message: &str) -> ErrorKind {
        classify_error(&record(message, None, ""))
    }

    #[test]
    fn parses_the_2013_fqid() {
        let id = FullyQualifiedErrorId::parse(
            "[Server=EXCHANGE1,RequestId=c45a6d57-2c60-43d1-a36d-67bbbccc8bcf,TimeStamp=5/19/2020 10:19:41 PM] \
             [FailureCategory=Cmdlet-ManagementObjectNotFoundException] 1082ECE3,Microsoft.Exchange.Management.RecipientTasks.SetRemoteMailbox",
        );
        assert_eq!(
            id,
            FullyQualifiedErrorId {
                server: Some("EXCHANGE1".into()),
                request_id: Some("c45a6d57-2c60-43d1-a36d-67bbbccc8bcf".into()),
                timestamp: Some("5/19/2020 10:19:41 PM".into()),
                failure_category: Some("Cmdlet-ManagementObjectNotFoundException".into()),
                code: Some("1082ECE3".into()),
                cmdlet_type: Some("Microsoft.Exchange.Management.RecipientTasks.SetRemoteMailbox".into()),
            }
        );
        assert_eq!(id.failure_exception(), Some("ManagementObjectNotFoundException"));
    }

    #[test]
    fn parses_exo_2010_module_and_powershell_forms() {
        let exo = FullyQualifiedErrorId::parse(
            "[] [FailureCategory=Cmdlet-ManagementObjectNotFoundException] D228C798,Microsoft.Exchange.Management.StoreTasks.NewMailboxFolder",
        );
        assert_eq!(exo.server, None);
        assert_eq!(exo.failure_exception(), Some("ManagementObjectNotFoundException"));
        assert_eq!(exo.code.as_deref(), Some("D228C798"));
        assert_eq!(exo.cmdlet_type.as_deref(), Some("Microsoft.Exchange.Management.StoreTasks.NewMailboxFolder"));

        let old = FullyQualifiedErrorId::parse("B959FFD3,Microsoft.Exchange.Management.RecipientTasks.NewMoveRequest");
        assert_eq!((old.code.as_deref(), old.failure_category), (Some("B959FFD3"), None));
        assert_eq!(old.cmdlet_type.as_deref(), Some("Microsoft.Exchange.Management.RecipientTasks.NewMoveRequest"));

        let module = FullyQualifiedErrorId::parse(
            "[Server=AM6PR06MB5795,RequestId=7f6f2d5f-726b-5584-2121-922596043d50,TimeStamp=Tue, 28 Mar 2023 13:55:04 GMT],Write-ErrorMessage",
        );
        assert_eq!(module.server.as_deref(), Some("AM6PR06MB5795"));
        assert_eq!(module.timestamp.as_deref(), Some("Tue, 28 Mar 2023 13:55:04 GMT"));
        assert_eq!((module.code, module.cmdlet_type.as_deref()), (None, Some("Write-ErrorMessage")));

        let ps = FullyQualifiedErrorId::parse("CommandNotFoundException");
        assert_eq!((ps.code.as_deref(), ps.cmdlet_type), (Some("CommandNotFoundException"), None));

        let wsman = FullyQualifiedErrorId::parse(
            "[ClientAccessServer=E2K13-1,BackEndServer=e2k13-2.contoso.com,RequestId=ab,TimeStamp=8/14/2015 2:20:36 PM] [FailureCategory=WSMan-InvalidShellID]",
        );
        assert_eq!(wsman.server.as_deref(), Some("E2K13-1"));
        assert_eq!(wsman.failure_category.as_deref(), Some("WSMan-InvalidShellID"));
        assert_eq!(wsman.failure_exception(), None);

        let glued = FullyQualifiedErrorId::parse("[Server=X,TimeStamp=5/19/202010:19:41 PM] 1,Y");
        assert_eq!(glued.timestamp.as_deref(), Some("5/19/2020 10:19:41 PM"));
        assert_eq!(FullyQualifiedErrorId::parse("  "), FullyQualifiedErrorId::default());
        assert_eq!(FullyQualifiedErrorId::parse("[Server=X").code.as_deref(), Some("[Server=X"));
    }

    #[test]
    fn not_found_and_ambiguous_templates() {
        for m in [
            "The operation couldn't be performed because object 'kim' couldn't be found on 'DC1.contoso.com'.",
            "The operation couldn't be performed because 'kim' couldn't be found.",
            "Couldn't find object \"kim\". Please make sure that it was spelled correctly or specify a different object.",
            "The specified mailbox \"kim\" doesn't exist.",
        ] {
            assert_eq!(msg(m), ErrorKind::NotFound, "{m}");
        }
        for m in [
            "The operation couldn't be performed because 'kim' matches multiple entries.",
            "There are multiple recipients matching the identity \"kim\". Please specify a unique value.",
        ] {
            assert_eq!(msg(m), ErrorKind::Ambiguous, "{m}");
        }
        let by_reason = record("Couldn't find database \"0181915290\".", Some("ManagementObjectNotFoundException"), "");
        assert_eq!(classify_error(&by_reason), ErrorKind::NotFound);
        let by_category = record(
            "whatever",
            None,
            "[Server=A,RequestId=b,TimeStamp=c] [FailureCategory=Cmdlet-ManagementObjectAmbiguousException] 1,X",
        );
        assert_eq!(classify_error(&by_category), ErrorKind::Ambiguous);
        let by_type = ErrorRecord {
            message: "x".into(),
            exception_type: Some("Microsoft.Exchange.Configuration.Tasks.ManagementObjectNotFoundException".into()),
            ..Default::default()
        };
        assert_eq!(classify_error(&by_type), ErrorKind::NotFound);
        let exo = record(
            "Ex6F9304|Microsoft.Exchange.Configuration.Tasks.ManagementObjectAmbiguousException|The operation couldn't be performed because 'x' matches multiple entries.",
            None,
            "",
        );
        assert_eq!(classify_error(&exo), ErrorKind::Ambiguous);
    }

    #[test]
    fn access_denied_texts() {
        for m in [
            "Active Directory operation failed on dc1.contoso.com. This error is not retriable. Additional information: \
             Insufficient access rights to perform the operation. Active directory response: 00002098: SecErr: \
             DSID-03150889, problem 4003 (INSUF_ACCESS_RIGHTS), data 0",
            "Active Directory operation failed on dc1.contoso.com. This error is not retriable. Additional information: \
             Access is denied. Active directory response: 00000005: SecErr: DSID-03152DCD, problem 4003 \
             (INSUFF_ACCESS_RIGHTS), data 0",
            "'contoso.com/Users/Kim' isn't within your current write scopes. Can't perform save operation.",
        ] {
            assert_eq!(msg(m), ErrorKind::AccessDenied, "{m}");
        }
        let other_ad = record(
            "Active Directory operation failed on dc1. This error is not retriable. The server is busy.",
            Some("ADOperationException"),
            "B959FFD3,Microsoft.Exchange.Management.RecipientTasks.NewMoveRequest",
        );
        assert_eq!(classify_error(&other_ad), ErrorKind::Other);
        let cat = ErrorRecord { message: "no".into(), category: 18, ..Default::default() };
        assert_eq!(classify_error(&cat), ErrorKind::AccessDenied);
    }

    #[test]
    fn conversion_errors() {
        assert_eq!(
            msg("Converting mailbox \"Kim\" from type \"LinkedMailbox\" to type \"SharedMailbox\" isn't supported."),
            ErrorKind::UnsupportedConversion
        );
        assert_eq!(
            msg("Resource mailbox \"Room1\" can't be changed into a user mailbox. Use the parameter -Type."),
            ErrorKind::UnsupportedConversion
        );
        assert_eq!(
            msg("remoteMailbox.RemoteRecipientType must include ProvisionMailbox"),
            ErrorKind::ProvisionMailboxRequired
        );
        assert_eq!(
            msg("Couldn't convert the mailbox because the mailbox \"Kim\" is already of the type \"Shared\"."),
            ErrorKind::AlreadyOfType
        );
    }

    #[test]
    fn throttling_texts_with_their_waits() {
        assert_eq!(
            msg("Fail to create a runspace because you have exceeded the maximum number of connections allowed : 18 \
                 for the policy party : MaxConcurrency. Please close existing runspace and try again. \
                 Policy: CN=GlobalThrottlingPolicy_5f1,CN=Global Settings; Snapshot: Owner: Sid~S-1-5-21"),
            ErrorKind::Throttled { retry_after: None }
        );
        assert_eq!(
            msg(
                "Fail to create runspace because you have exceeded your budget to create runspace. Please wait for 45 seconds."
            ),
            ErrorKind::Throttled { retry_after: Some(Duration::from_secs(45)) }
        );
        assert_eq!(
            msg(
                "Operation aborted because the operation has exceeded your throttling policy budget. Please wait for 2.5 seconds."
            ),
            ErrorKind::Throttled { retry_after: Some(Duration::from_millis(2500)) }
        );
        assert_eq!(
            msg(
                "This operation exceeds the throttling budget for policy part 'PowerShellMaxCmdlets', policy value '200',  \
                 Budget type: 'PowerShell'.  Suggested backoff time 3000 ms."
            ),
            ErrorKind::Throttled { retry_after: Some(Duration::from_millis(3000)) }
        );
        assert_eq!(
            msg("Connecting to the remote server failed with the following error message. The WS-Management service \
                 cannot process the request. This user is allowed a maximum of 18 concurrent shells, which has been \
                 exceeded. Close existing shells or raise the quota for this user."),
            ErrorKind::Throttled { retry_after: None }
        );
        assert_eq!(
            msg("The WS-Management service cannot process the request. This user is allowed a maximum number of 3 \
                 concurrent shells, which has been exceeded."),
            ErrorKind::Throttled { retry_after: None }
        );
        assert_eq!(
            msg(
                "Operation aborted because the operation has exceeded your throttling policy budget. Please wait for 1e400 seconds."
            ),
            ErrorKind::Throttled { retry_after: None }
        );
    }

    #[test]
    fn powershell_level_errors() {
        let nolang = record(
            "The syntax is not supported by this runspace. This can occur if the runspace is in no-language mode.",
            Some("ParseException"),
            "ScriptsNotAllowed",
        );
        assert_eq!(classify_error(&nolang), ErrorKind::NoLanguage);
        assert_eq!(classify_error(&record("x", None, "ScriptsNotAllowed")), ErrorKind::NoLanguage);
        let cnf = ErrorRecord {
            message:
                "The term 'Set-RemoteMailbox' is not recognized as the name of a cmdlet, function, script file, or \
                      operable program."
                    .into(),
            category: 13,
            reason: Some("CommandNotFoundException".into()),
            fully_qualified_error_id: "CommandNotFoundException".into(),
            ..Default::default()
        };
        assert_eq!(classify_error(&cnf), ErrorKind::CommandNotFound);
        let pnf = record(
            "A parameter cannot be found that matches parameter name 'Type'.",
            Some("ParameterBindingException"),
            "NamedParameterNotFound,Set-Mailbox",
        );
        assert_eq!(classify_error(&pnf), ErrorKind::ParameterNotFound);
        let other_binding = record(
            "Cannot bind parameter 'Identity'. Cannot convert value.",
            Some("ParameterBindingException"),
            "CannotConvertArgumentNoMessage,Set-Mailbox",
        );
        assert_eq!(classify_error(&other_binding), ErrorKind::Other);
    }

    #[test]
    fn error_kinds_serialize_with_stable_names() {
        assert_eq!(serde_json::to_value(ErrorKind::NotFound).unwrap(), serde_json::json!({"kind": "not-found"}));
        assert_eq!(
            serde_json::to_value(ErrorKind::Throttled { retry_after: Some(Duration::from_secs(3)) }).unwrap(),
            serde_json::json!({"kind": "throttled", "retry_after_ms": 3000})
        );
        assert_eq!(ErrorKind::ProvisionMailboxRequired.name(), "provision-mailbox-required");
        assert_eq!(
            serde_json::to_value(ErrorKind::ProvisionMailboxRequired).unwrap()["kind"],
            "provision-mailbox-required"
        );
        assert_eq!(
            serde_json::to_value(WarningKind::MicroDelay { delay: Duration::from_millis(20) }).unwrap(),
            serde_json::json!({"kind": "micro-delay", "delay_ms": 20})
        );
        assert_eq!(
            serde_json::to_value(WarningKind::NoSettingsModified { identity: None }).unwrap(),
            serde_json::json!({"kind": "no-settings-modified", "identity": null})
        );
    }

    #[test]
    fn nothing_changed_warnings() {
        assert_eq!(
            classify_warning(
                "WARNING: The command completed successfully but no settings of 'Joshua Meyer' have been modified."
            ),
            WarningKind::NoSettingsModified { identity: Some("Joshua Meyer".into()) }
        );
        assert_eq!(
            classify_warning("The command completed successfully but no settings of 'O'Brien' have been modified."),
            WarningKind::NoSettingsModified { identity: Some("O'Brien".into()) }
        );
        assert_eq!(
            classify_warning("The command completed successfully but no settings have been modified."),
            WarningKind::NoSettingsModified { identity: None }
        );
        let w = classify_warning(
            "Couldn't convert the mailbox because the mailbox \"Kim Akers\" is already of the type \"Shared\".",
        );
        assert_eq!(w, WarningKind::AlreadyOfType { identity: "Kim Akers".into(), mailbox_type: "Shared".into() });
        assert!(w.means_nothing_changed());
        assert_eq!(
            classify_warning(
                "Couldn't convert the mailbox because the mailbox 5f1c0d6e-0000-4000-8000-00000000abcd is already of the type 'Regular'"
            ),
            WarningKind::AlreadyOfType {
                identity: "5f1c0d6e-0000-4000-8000-00000000abcd".into(),
                mailbox_type: "Regular".into()
            }
        );
        assert_eq!(
            classify_warning(
                "WARNING: The appropriate access control entry is already present on the object \"contoso.com/Users/Shared1\" for account \"CONTOSO\\kim\"."
            ),
            WarningKind::AcePresent { object: "contoso.com/Users/Shared1".into(), account: "CONTOSO\\kim".into() }
        );
        assert_eq!(
            classify_warning(
                "The user hasn't logged on to mailbox 'contoso.com/Users/Kim' ('2f0eef8a-ac24-475e-beae-3da243345ad9'), so there is no data to return. After the user logs on, this warning will no longer appear."
            ),
            WarningKind::NeverLoggedOn { identity: "contoso.com/Users/Kim".into() }
        );
    }

    #[test]
    fn throttling_warnings() {
        assert_eq!(
            classify_warning(
                "WARNING: The operation that's currently running has exceeded user quota of your Throttling Policy budget. \
                 The operation will be delayed until your budget allows it to proceed. Violated policy: \
                 PowerShellMaxCmdlets, Approximate delay time: 12 seconds. (Computer: EX01)"
            ),
            WarningKind::ThrottleDelay { delay: Duration::from_secs(12), policy: Some("PowerShellMaxCmdlets".into()) }
        );
        assert_eq!(
            classify_warning(
                "The operation that's currently running has been delayed due to your Throttling Policy budgget. \
                 Approximate delay time: 0.5 seconds. (Computer: EX01)"
            ),
            WarningKind::ThrottleDelay { delay: Duration::from_millis(500), policy: None }
        );
        assert_eq!(
            classify_warning("WARNING: Micro delay applied. Actual delayed: 21 msecs, Enforced: True, Capacity: 100"),
            WarningKind::MicroDelay { delay: Duration::from_millis(21) }
        );
        assert_eq!(
            classify_warning("Micro delay applied. Actual delayed: <X> msecs, ..."),
            WarningKind::MicroDelay { delay: Duration::ZERO }
        );
        assert_eq!(classify_warning("WARNING: something else entirely"), WarningKind::Other);
        assert_eq!(classify_warning(""), WarningKind::Other);
    }
}
