//! Pipelines: the CREATE_PIPELINE body built from a typed [`Invocation`], and the per-pipeline state machine.
//!
//! An invocation travels as one `Command` with `IsScript=false`, `Cmd` = the cmdlet name and `Args` = `{N, V}`
//! pairs whose `V` keeps its real CLIXML type (MS-PSRP 2.2.3.11/2.2.3.12; PowerShell `Parameter.cs`). The server
//! binds `-N V` directly: nothing is parsed and nothing needs quoting, so no value can inject script. That is
//! also what Exchange's NoLanguage endpoint accepts after an `Import-PSSession` proxy forwards it (psrp.md §6).

use super::values::{enum_value, ms, null_host_info, typed_list};
use crate::cmdlet::{Invocation, Value};
use crate::psobject::PsValue;

/// A pipeline's id: the `PSGuid` of its OutOfProc lines and the PID of its messages.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct PipelineId(pub uuid::Uuid);

impl std::fmt::Display for PipelineId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.0.fmt(f)
    }
}

/// How a pipeline ended (PSInvocationState 3, 4, 5).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FinalState {
    /// 4: ran to the end (non-terminating errors may have been written).
    Completed,
    /// 5: a terminating error; its record comes with the state.
    Failed,
    /// 3: stopped by a Signal.
    Stopped,
}

/// Where a pipeline is in its life (client view).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PipelinePhase {
    /// `Command` queued or sent; no `CommandAck` yet, so CREATE_PIPELINE cannot go out.
    AwaitingCommandAck,
    /// CREATE_PIPELINE needs the session key (a SecureString argument); waiting for ENCRYPTED_SESSION_KEY.
    AwaitingSessionKey,
    /// CREATE_PIPELINE is queued or sent; output and states may arrive.
    Running,
    /// A final state arrived.
    Finished(FinalState),
}

/// PSInvocationState values (MS-PSRP 2.2.3.5).
pub fn final_state(value: i128) -> Result<Option<FinalState>, String> {
    match value {
        1 | 2 => Ok(None),
        3 => Ok(Some(FinalState::Stopped)),
        4 => Ok(Some(FinalState::Completed)),
        5 => Ok(Some(FinalState::Failed)),
        0 => Err("NotStarted (0) is not a state a server reports".into()),
        6 => Err("Disconnected (6) is not supported over OutOfProc".into()),
        v => Err(format!("unknown PipelineState {v}")),
    }
}

/// Why an invocation cannot be sent.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum BuildError {
    /// A run-time value (variable, subexpression) that only script could carry.
    #[error(
        "parameter -{param} holds the PowerShell expression {text:?}, which only script could evaluate; mbxctl sends typed values only, so give the value itself"
    )]
    Dynamic {
        /// The parameter.
        param: String,
        /// The source text.
        text: String,
    },
}

const PIPELINE_RESULT_TYPES: &str = "System.Management.Automation.Runspaces.PipelineResultTypes";
const OBJECT_ARRAY: [&str; 3] = ["System.Object[]", "System.Array", "System.Object"];
const HASHTABLE: [&str; 2] = ["System.Collections.Hashtable", "System.Object"];

/// The CLIXML value for one parameter value.
///
/// Integers go as `I32` when they fit and `I64` otherwise: that is what PowerShell's own parser makes of a
/// literal (`10` is Int32, `3000000000` is Int64), so the server-side binder sees exactly what an admin typing
/// the command would produce. Lists go as `System.Object[]` like `a,b,c`; a multi-valued edit as the hashtable
/// `@{Add=…; Remove=…}` Exchange documents.
pub fn argument_value(name: &str, value: &Value) -> Result<PsValue, BuildError> {
    let strings = |v: &[String]| typed_list(&OBJECT_ARRAY, v.iter().map(|s| PsValue::String(s.clone())).collect());
    Ok(match value {
        Value::Switch(b) | Value::Bool(b) => PsValue::Bool(*b),
        Value::String(s) => PsValue::String(s.clone()),
        Value::Int(i) => match i32::try_from(*i) {
            Ok(small) => PsValue::I32(small),
            Err(_) => PsValue::I64(*i),
        },
        Value::List(items) => strings(items),
        Value::AddRemove { add, remove } => {
            let mut entries = Vec::new();
            if !add.is_empty() {
                entries.push((PsValue::from("Add"), strings(add)));
            }
            if !remove.is_empty() {
                entries.push((PsValue::from("Remove"), strings(remove)));
            }
            super::values::dictionary(&HASHTABLE, entries)
        }
        Value::Secure(secret) => PsValue::SecureString(secret.clone()),
        Value::Dynamic(text) => return Err(BuildError::Dynamic { param: name.into(), text: text.clone() }),
    })
}

/// Whether sending the invocation needs the session key (it carries a SecureString).
pub fn needs_session_key(invocation: &Invocation) -> bool {
    invocation.params.iter().any(|p| matches!(p.value, Value::Secure(_)))
}

/// One `Command` object: name or script text, `IsScript`, the merge settings (all None) and `Args`.
fn command(cmd: &str, is_script: bool, args: Vec<PsValue>) -> PsValue {
    let none = || enum_value(PIPELINE_RESULT_TYPES, 0, "None");
    ms([
        ("Cmd", PsValue::from(cmd)),
        ("Args", PsValue::list(args)),
        ("IsScript", PsValue::Bool(is_script)),
        ("UseLocalScope", PsValue::Null),
        ("MergeMyResult", none()),
        ("MergeToResult", none()),
        ("MergePreviousResults", none()),
        ("MergeError", none()),
        ("MergeWarning", none()),
        ("MergeVerbose", none()),
        ("MergeDebug", none()),
        ("MergeInformation", none()),
    ])
}

/// The CREATE_PIPELINE body around one command (MS-PSRP 2.2.2.10), with the null host.
fn create_pipeline(cmd: PsValue) -> PsValue {
    let powershell = ms([
        ("Cmds", PsValue::list([cmd])),
        ("IsNested", PsValue::Bool(false)),
        ("History", PsValue::Null),
        ("RedirectShellErrorOutputPipe", PsValue::Bool(false)),
    ]);
    ms([
        ("NoInput", PsValue::Bool(true)),
        ("ApartmentState", enum_value("System.Threading.ApartmentState", 2, "Unknown")),
        ("RemoteStreamOptions", enum_value("System.Management.Automation.RemoteStreamOptions", 0, "None")),
        ("AddToHistory", PsValue::Bool(false)),
        ("HostInfo", null_host_info()),
        ("PowerShell", powershell),
        ("IsNested", PsValue::Bool(false)),
    ])
}

/// The CREATE_PIPELINE body for a typed invocation.
pub fn create_pipeline_for(invocation: &Invocation) -> Result<PsValue, BuildError> {
    let mut args = Vec::with_capacity(invocation.params.len());
    for p in &invocation.params {
        let name = p.name.as_deref().unwrap_or("");
        let v = argument_value(name, &p.value)?;
        args.push(ms([("N", p.name.as_deref().map_or(PsValue::Null, PsValue::from)), ("V", v)]));
    }
    Ok(create_pipeline(command(&invocation.cmdlet, false, args)))
}

/// The CREATE_PIPELINE body for script text (`IsScript=true`). Used only for session set-up scripts, which are
/// assembled from constants and values passed through `crate::cmdlet::literal::quote`.
pub fn create_pipeline_for_script(script: &str) -> PsValue {
    create_pipeline(command(script, true, Vec::new()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::protocol::values::{dict_get, prop};
    use crate::secret::Secret;

    fn args_of(body: &PsValue) -> Vec<(Option<String>, PsValue)> {
        let cmds = prop(prop(body, "PowerShell").unwrap(), "Cmds").unwrap();
        let cmd = &cmds.items().unwrap()[0];
        assert_eq!(prop(cmd, "IsScript"), Some(&PsValue::Bool(false)));
        prop(cmd, "Args")
            .unwrap()
            .items()
            .unwrap()
            .iter()
            .map(|a| (prop(a, "N").unwrap().as_str().map(String::from), prop(a, "V").unwrap().clone()))
            .collect()
    }

    #[test]
    fn typed_arguments_keep_their_types() {
        let inv = Invocation::new("Set-Mailbox")
            .param("Identity", "alice@contoso.com")
            .param("ResultSize", 10i64)
            .param("Big", 3_000_000_000i64)
            .switch("Force")
            .param("Confirm", Value::Switch(false))
            .param("Enabled", true)
            .param("Names", vec!["a".to_string(), "b".to_string()])
            .param("EmailAddresses", Value::AddRemove { add: vec!["x@c.com".into()], remove: vec![] })
            .param("Password", Secret::new("pw"));
        let body = create_pipeline_for(&inv).unwrap();
        let cmds = prop(prop(&body, "PowerShell").unwrap(), "Cmds").unwrap();
        assert_eq!(prop(&cmds.items().unwrap()[0], "Cmd"), Some(&PsValue::from("Set-Mailbox")));
        let args = args_of(&body);
        assert_eq!(args[0], (Some("Identity".into()), PsValue::from("alice@contoso.com")));
        assert_eq!(args[1].1, PsValue::I32(10));
        assert_eq!(args[2].1, PsValue::I64(3_000_000_000));
        assert_eq!(args[3].1, PsValue::Bool(true));
        assert_eq!(args[4].1, PsValue::Bool(false));
        assert_eq!(args[5].1, PsValue::Bool(true));
        assert_eq!(args[6].1.string_list(), ["a", "b"]);
        assert_eq!(args[6].1.as_object().unwrap().type_names[0], "System.Object[]");
        assert_eq!(dict_get(&args[7].1, "Add").unwrap().string_list(), ["x@c.com"]);
        assert_eq!(dict_get(&args[7].1, "Remove"), None);
        assert!(matches!(&args[8].1, PsValue::SecureString(s) if s.expose() == "pw"));
        assert!(needs_session_key(&inv));
        assert_eq!(prop(&body, "NoInput"), Some(&PsValue::Bool(true)));
    }

    #[test]
    fn positional_and_dynamic() {
        let mut inv = Invocation::new("Get-RoleGroupMember");
        inv.params.push(crate::cmdlet::Parameter { name: None, value: "Organization Management".into() });
        let args = args_of(&create_pipeline_for(&inv).unwrap());
        assert_eq!(args, vec![(None, PsValue::from("Organization Management"))]);
        assert!(!needs_session_key(&inv));
        let inv = Invocation::new("Get-Mailbox").param("Identity", Value::Dynamic("$x".into()));
        let err = create_pipeline_for(&inv).unwrap_err();
        assert_eq!(err, BuildError::Dynamic { param: "Identity".into(), text: "$x".into() });
        assert!(err.to_string().contains("-Identity"));
    }

    #[test]
    fn script_pipeline_is_marked() {
        let body = create_pipeline_for_script("Get-Date");
        let cmds = prop(prop(&body, "PowerShell").unwrap(), "Cmds").unwrap();
        let cmd = &cmds.items().unwrap()[0];
        assert_eq!(prop(cmd, "IsScript"), Some(&PsValue::Bool(true)));
        assert_eq!(prop(cmd, "Cmd"), Some(&PsValue::from("Get-Date")));
        assert_eq!(prop(cmd, "Args").unwrap().items().unwrap().len(), 0);
    }

    #[test]
    fn final_states() {
        assert_eq!(final_state(4), Ok(Some(FinalState::Completed)));
        assert_eq!(final_state(5), Ok(Some(FinalState::Failed)));
        assert_eq!(final_state(3), Ok(Some(FinalState::Stopped)));
        assert_eq!(final_state(1), Ok(None));
        assert!(final_state(0).is_err() && final_state(6).is_err() && final_state(99).is_err());
    }
}
