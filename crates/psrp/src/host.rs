//! Host calls (MS-PSRP 2.2.2.15/16, 2.2.2.27/28): the server asking the client's host to prompt, read a line,
//! show progress.
//!
//! mbxctl opens the pool with the null host, so PowerShell avoids most calls. Any that still arrives with a call
//! id other than −100 would block its pipeline until answered, so the client answers at once with an error
//! (`me`) that names the method and what it asked: the pipeline then fails with a readable message instead of
//! hanging. Void calls (`ci = −100`: WriteLine, WriteProgress, …) expect no answer and get none.

use psvalue::object::{PsObject, PsValue};
use psvalue::values::{ms, prop, prop_int};

/// The call id that marks a void host call.
pub const VOID_CALL: i64 = -100;

/// A host call the server made.
#[derive(Debug, Clone, PartialEq)]
pub struct HostCall {
    /// Call id (`ci`).
    pub call_id: i64,
    /// Method number (`mi`, RemoteHostMethodId).
    pub method_id: i32,
    /// Method name (the enum's `ToString`, or the known name for the number).
    pub method: String,
    /// Caption or message of a prompt, when the call carries one.
    pub prompt: Option<String>,
    /// Whether the call was refused (every non-void call is).
    pub refused: bool,
    /// The `mi` value as received, echoed in the response.
    raw_method: PsValue,
}

impl HostCall {
    /// Reads a host-call body.
    pub fn parse(body: &PsValue) -> Result<HostCall, String> {
        let call_id = prop_int(body, "ci").ok_or("host call has no integer ci")?;
        let call_id = i64::try_from(call_id).map_err(|_| format!("host call id {call_id} is out of range"))?;
        let raw_method = prop(body, "mi").cloned().ok_or("host call has no mi")?;
        let method_id =
            raw_method.as_integer().and_then(|v| i32::try_from(v).ok()).ok_or("host call mi is not a number")?;
        let method = raw_method
            .as_object()
            .and_then(|o| o.to_string.clone())
            .unwrap_or_else(|| method_name(method_id).map_or(format!("host method {method_id}"), String::from));
        let args = prop(body, "mp").and_then(PsValue::items).unwrap_or(&[]);
        // Prompt, PromptForChoice and PromptForCredential take (caption, message, ...): show the message, else
        // the caption.
        let prompt = if matches!(method_id, 23..=26 | 56) {
            let text = |i: usize| args.get(i).and_then(PsValue::display).filter(|s| !s.trim().is_empty());
            text(1).or_else(|| text(0))
        } else {
            None
        };
        Ok(HostCall { call_id, method_id, method, prompt, refused: call_id != VOID_CALL, raw_method })
    }

    /// The message of the refusal.
    pub fn refusal_message(&self) -> String {
        match &self.prompt {
            Some(p) => format!(
                "mbxctl runs unattended and cannot answer {} for '{}'; pass the value as a parameter (and -Confirm:$false) instead",
                self.method, p
            ),
            None => format!(
                "mbxctl runs unattended and cannot answer {}; pass the value as a parameter instead",
                self.method
            ),
        }
    }

    /// The response body: `ci`, `mi` and `me` = an ErrorRecord shaped like PowerShell's `ToPSObjectForRemoting`.
    pub fn refusal(&self) -> PsValue {
        ms([
            ("ci", PsValue::I64(self.call_id)),
            ("mi", self.raw_method.clone()),
            ("me", error_record(&self.refusal_message())),
        ])
    }
}

/// An ErrorRecord for a host-call refusal, with the properties PowerShell's `ErrorRecord.FromPSObjectForRemoting`
/// reads (docs/psrp-notes.md, "Error records").
fn error_record(message: &str) -> PsValue {
    let exception = PsObject {
        type_names: vec![
            "System.Management.Automation.Host.HostException".into(),
            "System.Management.Automation.RuntimeException".into(),
            "System.SystemException".into(),
            "System.Exception".into(),
            "System.Object".into(),
        ]
        .into(),
        to_string: Some(format!("System.Management.Automation.Host.HostException: {message}")),
        adapted: vec![
            psvalue::object::Property { name: "Message".into(), value: message.into() },
            psvalue::object::Property { name: "HResult".into(), value: PsValue::I32(-2146233087) },
        ],
        ..Default::default()
    };
    let record = PsObject::with_types(["System.Management.Automation.ErrorRecord", "System.Object"])
        .note("Exception", exception)
        .note("TargetObject", PsValue::Null)
        .note("FullyQualifiedErrorId", "mbxctl.HostCallRefused")
        .note("InvocationInfo", PsValue::Null)
        .note("ErrorCategory_Category", PsValue::I32(7))
        .note("ErrorCategory_Activity", "")
        .note("ErrorCategory_Reason", "HostException")
        .note("ErrorCategory_TargetName", "")
        .note("ErrorCategory_TargetType", "")
        .note("ErrorCategory_Message", "InvalidOperation: (:) [], HostException")
        .note("SerializeExtendedInfo", false);
    let mut record = record;
    record.to_string = Some(message.into());
    PsValue::from(record)
}

/// Names of the host methods that need an answer (PowerShell `RemoteHostMethodId`).
fn method_name(id: i32) -> Option<&'static str> {
    Some(match id {
        11 => "ReadLine",
        12 => "ReadLineAsSecureString",
        23 => "Prompt",
        24 | 25 => "PromptForCredential",
        26 => "PromptForChoice",
        46 => "ReadKey",
        56 => "PromptForChoiceMultipleSelection",
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use psvalue::values::enum_value;

    fn call(ci: i64, mi: PsValue, mp: Vec<PsValue>) -> PsValue {
        ms([("ci", PsValue::I64(ci)), ("mi", mi), ("mp", PsValue::list(mp))])
    }

    #[test]
    fn prompt_is_refused_naming_the_prompt() {
        let mi = enum_value("System.Management.Automation.Remoting.RemoteHostMethodId", 26, "PromptForChoice");
        let body = call(3, mi.clone(), vec!["Confirm".into(), "Are you sure you want to perform this action?".into()]);
        let c = HostCall::parse(&body).unwrap();
        assert_eq!((c.call_id, c.method_id, c.method.as_str(), c.refused), (3, 26, "PromptForChoice", true));
        assert_eq!(
            c.refusal_message(),
            "mbxctl runs unattended and cannot answer PromptForChoice for 'Are you sure you want to perform this action?'; pass the value as a parameter (and -Confirm:$false) instead"
        );
        let r = c.refusal();
        assert_eq!(prop(&r, "ci"), Some(&PsValue::I64(3)));
        assert_eq!(prop(&r, "mi"), Some(&mi));
        let me = prop(&r, "me").unwrap();
        assert_eq!(prop(me, "FullyQualifiedErrorId"), Some(&PsValue::from("mbxctl.HostCallRefused")));
        assert_eq!(
            prop(prop(me, "Exception").unwrap(), "Message").and_then(PsValue::as_str),
            Some(c.refusal_message().as_str())
        );
    }

    #[test]
    fn void_calls_and_bare_numbers() {
        let c = HostCall::parse(&call(-100, PsValue::I32(15), vec!["hello".into()])).unwrap();
        assert!(!c.refused);
        assert_eq!(c.method, "host method 15");
        let c = HostCall::parse(&call(1, PsValue::I32(11), vec![])).unwrap();
        assert_eq!(
            c.refusal_message(),
            "mbxctl runs unattended and cannot answer ReadLine; pass the value as a parameter instead"
        );
        assert!(HostCall::parse(&ms([("ci", PsValue::I64(1))])).is_err());
        assert!(HostCall::parse(&ms([("mi", PsValue::I32(1))])).is_err());
    }
}
