//! PowerShell's stream records as they cross the wire: error records (MS-PSRP 2.2.3.15),
//! informational records (warning/verbose/debug, 2.2.3.16), information records and progress
//! records, converted between [`PsValue`] trees and what mbxctl uses.
//!
//! The readers are forgiving on purpose: a property PowerShell left out (or sent as a string
//! because the serialization depth ran out) yields `None` or a fallback, never a failure, since
//! an error report that cannot be read must still reach the user.

use crate::clixml::DocumentItem;
use crate::object::{PsObject, PsValue};
use serde::Serialize;

/// An error record as PowerShell reports it (MS-PSRP 2.2.3.15), reduced to what mbxctl uses.
/// The whole object stays available in `raw` when it came over the wire.
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
pub struct ErrorRecord {
    /// `ErrorDetails_Message` if present, else `Exception.Message`.
    pub message: String,
    /// The exception's full .NET type name (first of its type names, without `Deserialized.`).
    pub exception_type: Option<String>,
    /// `FullyQualifiedErrorId`, e.g. `[Server=...] [FailureCategory=Cmdlet-...] 1082ECE3,Microsoft...SetRemoteMailbox`.
    pub fully_qualified_error_id: String,
    /// `ErrorCategory_Category` (0 NotSpecified, 13 ObjectNotFound, 18 PermissionDenied, ...).
    pub category: i32,
    /// `ErrorCategory_Reason`: usually the exception's short name.
    pub reason: Option<String>,
    /// `ErrorCategory_Activity`: usually the cmdlet name.
    pub activity: Option<String>,
    /// `ErrorCategory_TargetName`.
    pub target_name: Option<String>,
    /// The target object's display text.
    pub target_object: Option<String>,
    /// Whether this ended the pipeline (PIPELINE_STATE Failed's `ExceptionAsErrorRecord`).
    pub terminating: bool,
    /// The full record as received, when it came from a real session.
    #[serde(skip)]
    pub raw: Option<PsValue>,
}

/// The names of `System.Management.Automation.ErrorCategory`, by value (0 = NotSpecified).
pub const ERROR_CATEGORIES: [&str; 32] = [
    "NotSpecified",
    "OpenError",
    "CloseError",
    "DeviceError",
    "DeadlockDetected",
    "InvalidArgument",
    "InvalidData",
    "InvalidOperation",
    "InvalidResult",
    "InvalidType",
    "MetadataError",
    "NotImplemented",
    "NotInstalled",
    "ObjectNotFound",
    "OperationStopped",
    "OperationTimeout",
    "SyntaxError",
    "ParserError",
    "PermissionDenied",
    "ResourceBusy",
    "ResourceExists",
    "ResourceUnavailable",
    "ReadError",
    "WriteError",
    "FromStdErr",
    "SecurityError",
    "ProtocolError",
    "ConnectionError",
    "AuthenticationError",
    "LimitsExceeded",
    "QuotaExceeded",
    "NotEnabled",
];

/// The name of an `ErrorCategory` value (`NotSpecified` for values this table does not know).
pub fn error_category_name(category: i32) -> &'static str {
    usize::try_from(category).ok().and_then(|i| ERROR_CATEGORIES.get(i)).copied().unwrap_or("NotSpecified")
}

const DESERIALIZED: &str = "Deserialized.";

/// The name of an `ErrorCategory` value (`13` → `ObjectNotFound`); `NotSpecified` if unknown.
pub fn category_name(category: i32) -> &'static str {
    error_category_name(category)
}

/// Text of a property that holds a string (or anything with a display form); `None` when the
/// property is absent, `$null` or empty.
fn text(o: &PsObject, name: &str) -> Option<String> {
    o.get(name).and_then(PsValue::display).filter(|s| !s.is_empty())
}

fn strip_deserialized(t: &str) -> &str {
    t.strip_prefix(DESERIALIZED).unwrap_or(t)
}

/// Reads an error record: the body of an ERROR_RECORD message, an `ExceptionAsErrorRecord`,
/// or the body of a PIPELINE_STATE / RUNSPACEPOOL_STATE message carrying one (then the record
/// is marked terminating). A bare string (a `<S S="Error">` line of stderr CLIXML) becomes the
/// message. `raw` keeps the value as received.
///
/// The message is `ErrorDetails_Message` when present, else the exception's `Message`, else the
/// record's `ToString`, as PowerShell itself displays it.
pub fn error_record(v: &PsValue) -> ErrorRecord {
    let Some(o) = v.as_object() else {
        return ErrorRecord { message: v.display().unwrap_or_default(), raw: Some(v.clone()), ..Default::default() };
    };
    if let Some(inner @ PsValue::Object(_)) = o.get("ExceptionAsErrorRecord") {
        return ErrorRecord { terminating: true, ..error_record(inner) };
    }
    let exception = o.get("Exception");
    let exception_obj = exception.and_then(PsValue::as_object);
    let message = text(o, "ErrorDetails_Message")
        .or_else(|| exception_obj.and_then(|e| text(e, "Message")))
        .or_else(|| exception.filter(|e| e.as_object().is_none()).and_then(PsValue::display))
        .or_else(|| o.to_string.clone())
        .unwrap_or_default();
    ErrorRecord {
        message,
        exception_type: exception_obj.and_then(|e| e.type_names.first()).map(|t| strip_deserialized(t).to_string()),
        fully_qualified_error_id: text(o, "FullyQualifiedErrorId").unwrap_or_default(),
        category: o
            .get("ErrorCategory_Category")
            .and_then(PsValue::as_integer)
            .and_then(|c| i32::try_from(c).ok())
            .unwrap_or(0),
        reason: text(o, "ErrorCategory_Reason"),
        activity: text(o, "ErrorCategory_Activity"),
        target_name: text(o, "ErrorCategory_TargetName"),
        target_object: o.get("TargetObject").and_then(PsValue::display),
        terminating: false,
        raw: Some(v.clone()),
    }
}

/// The terminating error a PIPELINE_STATE or RUNSPACEPOOL_STATE body carries, if any.
pub fn terminating_error(state: &PsValue) -> Option<ErrorRecord> {
    let inner = state.as_object()?.get("ExceptionAsErrorRecord")?;
    inner.as_object()?;
    Some(ErrorRecord { terminating: true, ..error_record(inner) })
}

/// Builds the object PowerShell sends for an error record (`ErrorRecord.ToPSObjectForRemoting`
/// without invocation info), so the lab and tests produce what a real session produces.
pub fn error_record_to_ps(e: &ErrorRecord) -> PsValue {
    let exception_type = e.exception_type.clone().unwrap_or_else(|| "System.Exception".into());
    let mut exception_types = vec![exception_type.clone()];
    for base in ["System.Exception", "System.Object"] {
        if !exception_types.iter().any(|t| t == base) {
            exception_types.push(base.to_string());
        }
    }
    let mut exception = PsObject::with_types(exception_types);
    exception.to_string = Some(format!("{exception_type}: {}", e.message));
    exception.adapted = vec![
        prop("Message", e.message.as_str().into()),
        prop("InnerException", PsValue::Null),
        prop("HResult", PsValue::I32(-2146233087)),
    ];
    let reason = e.reason.clone().unwrap_or_else(|| short_type_name(&exception_type).to_string());
    let activity = e.activity.clone().unwrap_or_default();
    let target_name = e.target_name.clone().unwrap_or_default();
    let target_type = if e.target_object.is_some() { "String" } else { "" };
    let category_message =
        format!("{}: ({target_name}:{target_type}) [{activity}], {reason}", category_name(e.category));
    let mut record = PsObject::with_types(["System.Management.Automation.ErrorRecord", "System.Object"]);
    record.to_string = Some(e.message.clone());
    record.extended = vec![
        prop("Exception", exception.into()),
        prop("TargetObject", e.target_object.clone().into()),
        prop("FullyQualifiedErrorId", e.fully_qualified_error_id.as_str().into()),
        prop("InvocationInfo", PsValue::Null),
        prop("ErrorCategory_Category", PsValue::I32(e.category)),
        prop("ErrorCategory_Activity", activity.into()),
        prop("ErrorCategory_Reason", reason.into()),
        prop("ErrorCategory_TargetName", target_name.into()),
        prop("ErrorCategory_TargetType", target_type.into()),
        prop("ErrorCategory_Message", category_message.into()),
        prop("SerializeExtendedInfo", PsValue::Bool(false)),
    ];
    record.into()
}

fn prop(name: &str, value: PsValue) -> crate::object::Property {
    crate::object::Property { name: name.to_string(), value }
}

fn short_type_name(full: &str) -> &str {
    full.rsplit('.').next().unwrap_or(full)
}

/// The message of a WARNING_RECORD, VERBOSE_RECORD or DEBUG_RECORD body
/// (`InformationalRecord_Message`); a bare string is its own message.
pub fn informational_message(v: &PsValue) -> Option<String> {
    match v {
        PsValue::String(s) => Some(s.clone()),
        PsValue::Object(o) => o
            .get("InformationalRecord_Message")
            .and_then(PsValue::display)
            .or_else(|| o.get("Message").and_then(PsValue::display)),
        _ => None,
    }
}

/// The `MessageData` of an INFORMATION_RECORD body, as sent (a string for `Write-Host` and
/// `Write-Information "text"`, any object otherwise).
pub fn information_data(v: &PsValue) -> Option<&PsValue> {
    v.as_object()?.get("MessageData")
}

/// The text an INFORMATION_RECORD shows: its `MessageData` display form.
pub fn information_text(v: &PsValue) -> Option<String> {
    information_data(v).and_then(PsValue::display)
}

/// A progress report, from a PROGRESS_RECORD body or a `<PR>` element.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Progress {
    /// `Activity`.
    pub activity: String,
    /// `ActivityId`.
    pub activity_id: i32,
    /// `StatusDescription`.
    pub status_description: String,
    /// `CurrentOperation`, if set.
    pub current_operation: Option<String>,
    /// `ParentActivityId` (-1 for none).
    pub parent_activity_id: i32,
    /// `PercentComplete` (-1 for unknown).
    pub percent_complete: i32,
    /// `SecondsRemaining` (-1 for unknown).
    pub seconds_remaining: i32,
    /// Whether the record type is `Completed` (else `Processing`).
    pub completed: bool,
}

/// Reads a progress record; `None` if `v` has no `Activity`.
pub fn progress_record(v: &PsValue) -> Option<Progress> {
    let o = v.as_object()?;
    let int = |name: &str, default: i32| {
        o.get(name).and_then(PsValue::as_integer).and_then(|n| i32::try_from(n).ok()).unwrap_or(default)
    };
    let kind = o.get("Type").or_else(|| o.get("RecordType"));
    let completed = match kind {
        Some(k) => k.as_integer() == Some(1) || k.display().is_some_and(|s| s.eq_ignore_ascii_case("Completed")),
        None => false,
    };
    Some(Progress {
        activity: o.get("Activity")?.display().unwrap_or_default(),
        activity_id: int("ActivityId", 0),
        status_description: o.get("StatusDescription").and_then(PsValue::display).unwrap_or_default(),
        current_operation: text(o, "CurrentOperation"),
        parent_activity_id: int("ParentActivityId", -1),
        percent_complete: int("PercentComplete", -1),
        seconds_remaining: int("SecondsRemaining", -1),
        completed,
    })
}

/// Joins the string items of one stream of a `#< CLIXML` stderr document (for example every
/// `<S S="Error">` line) into the text PowerShell would have printed. The stream name is
/// compared case-insensitively.
pub fn stream_text(items: &[DocumentItem], stream: &str) -> String {
    items
        .iter()
        .filter(|i| i.stream.as_deref().is_some_and(|s| s.eq_ignore_ascii_case(stream)))
        .filter_map(|i| i.value.display())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::clixml::{Limits, from_str, to_string};

    const STOPPED: &str = r#"<Obj RefId="0"><MS><I32 N="PipelineState">3</I32><Obj N="ExceptionAsErrorRecord" RefId="1"><TN RefId="0"><T>System.Management.Automation.ErrorRecord</T><T>System.Object</T></TN><ToString>The pipeline has been stopped.</ToString><MS><Obj N="Exception" RefId="2"><TN RefId="1"><T>System.Management.Automation.PipelineStoppedException</T><T>System.Object</T></TN><Props><S N="Message">The pipeline has been stopped.</S></Props></Obj><Nil N="TargetObject" /><S N="FullyQualifiedErrorId">PipelineStopped</S><I32 N="ErrorCategory_Category">14</I32><S N="ErrorCategory_Activity"></S><S N="ErrorCategory_Reason">PipelineStoppedException</S></MS></Obj></MS></Obj>"#;

    #[test]
    fn reads_a_terminating_error_from_a_state_message() {
        let v = from_str(STOPPED, &Limits::default()).unwrap();
        let e = terminating_error(&v).unwrap();
        assert_eq!(e.message, "The pipeline has been stopped.");
        assert_eq!(e.exception_type.as_deref(), Some("System.Management.Automation.PipelineStoppedException"));
        assert_eq!(e.fully_qualified_error_id, "PipelineStopped");
        assert_eq!(e.category, 14);
        assert_eq!(e.reason.as_deref(), Some("PipelineStoppedException"));
        assert_eq!(e.activity, None);
        assert_eq!(e.target_object, None);
        assert!(e.terminating);
        assert_eq!(error_record(&v), e);
    }

    #[test]
    fn error_details_message_wins_and_deserialized_prefix_is_dropped() {
        let exception =
            PsObject::with_types(["Deserialized.Microsoft.Exchange.Data.Storage.Foo", "Deserialized.System.Exception"])
                .note("Message", "raw message");
        let v: PsValue = PsObject::with_types(["Deserialized.System.Management.Automation.ErrorRecord"])
            .note("Exception", exception)
            .note("ErrorDetails_Message", "friendly message")
            .note("TargetObject", "alice")
            .into();
        let e = error_record(&v);
        assert_eq!(e.message, "friendly message");
        assert_eq!(e.exception_type.as_deref(), Some("Microsoft.Exchange.Data.Storage.Foo"));
        assert_eq!(e.target_object.as_deref(), Some("alice"));
        assert!(!e.terminating);
    }

    #[test]
    fn built_records_read_back_and_serialize() {
        let e = ErrorRecord {
            message: "The operation couldn't be performed because object 'bob' couldn't be found on 'dc1'.".into(),
            exception_type: Some("Microsoft.Exchange.Configuration.Tasks.ManagementObjectNotFoundException".into()),
            fully_qualified_error_id: "[Server=EX1] [FailureCategory=Cmdlet-ManagementObjectNotFoundException] 8D2FB48B,Microsoft.Exchange.Management.RecipientTasks.SetMailbox".into(),
            category: 13,
            reason: Some("ManagementObjectNotFoundException".into()),
            activity: Some("Set-Mailbox".into()),
            target_name: Some("bob".into()),
            target_object: Some("bob".into()),
            terminating: false,
            raw: None,
        };
        let v = error_record_to_ps(&e);
        let o = v.as_object().unwrap();
        assert_eq!(
            o.get("ErrorCategory_Message").and_then(PsValue::as_str),
            Some("ObjectNotFound: (bob:String) [Set-Mailbox], ManagementObjectNotFoundException")
        );
        let wire = to_string(&v).unwrap();
        let back = error_record(&from_str(&wire, &Limits::default()).unwrap());
        assert_eq!(ErrorRecord { raw: None, ..back }, e);
    }

    #[test]
    fn informational_information_and_progress() {
        let w: PsValue = PsObject::with_types(["System.Management.Automation.WarningRecord"])
            .note("InformationalRecord_Message", "careful")
            .into();
        assert_eq!(informational_message(&w).as_deref(), Some("careful"));
        assert_eq!(informational_message(&"plain".into()).as_deref(), Some("plain"));
        let i: PsValue = PsObject::default().note("MessageData", "hello").note("Source", "Write-Host").into();
        assert_eq!(information_text(&i).as_deref(), Some("hello"));
        let enum_type = PsObject {
            to_string: Some("Completed".into()),
            base: Some(PsValue::I32(1)),
            ..PsObject::with_types(["System.Management.Automation.ProgressRecordType", "System.Enum"])
        };
        let p: PsValue = PsObject::default()
            .note("Activity", "Preparing modules for first use.")
            .note("ActivityId", 0)
            .note("StatusDescription", " ")
            .note("CurrentOperation", PsValue::Null)
            .note("ParentActivityId", -1)
            .note("PercentComplete", -1)
            .note("Type", enum_type)
            .note("SecondsRemaining", -1)
            .into();
        let got = progress_record(&p).unwrap();
        assert_eq!(
            got,
            Progress {
                activity: "Preparing modules for first use.".into(),
                activity_id: 0,
                status_description: " ".into(),
                current_operation: None,
                parent_activity_id: -1,
                percent_complete: -1,
                seconds_remaining: -1,
                completed: true,
            }
        );
        assert_eq!(category_name(18), "PermissionDenied");
        assert_eq!(category_name(99), "NotSpecified");
    }
}
