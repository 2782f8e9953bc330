//! Pipelines: the protocol-level [`Command`], the CREATE_PIPELINE body built from it, and the per-pipeline states.
//!
//! A command travels as one `Command` object with `IsScript=false`, `Cmd` = the command name and `Args` = `{N, V}`
//! pairs whose `V` keeps its real CLIXML type (MS-PSRP 2.2.3.11/2.2.3.12; PowerShell `Parameter.cs`). The server
//! binds `-N V` directly: nothing is parsed and nothing needs quoting, so no value can inject script. That is
//! also what Exchange's NoLanguage endpoint accepts after an `Import-PSSession` proxy forwards it
//! (docs/psrp-notes.md, "Typed commands"). Turning an application's own command model into a [`Command`]
//! (typing its values) is the caller's job: this crate sees only PowerShell values.

use psvalue::PsValue;
use psvalue::values::{enum_value, ms, null_host_info};

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

/// Why a caller's command cannot become a [`Command`] (reported by the caller's conversion).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum BuildError {
    /// A run-time value (variable, subexpression) that only script could carry.
    #[error(
        "parameter -{param} holds the PowerShell expression {text:?}, which only script could evaluate; send typed values only, so give the value itself"
    )]
    Dynamic {
        /// The parameter.
        param: String,
        /// The source text.
        text: String,
    },
}

/// One argument of a [`Command`]: `-Name Value`, or a positional value when `name` is `None`.
#[derive(Debug, Clone, PartialEq)]
pub struct Argument {
    /// The parameter name without the dash; `None` for a positional argument.
    pub name: Option<String>,
    /// The value, with the CLIXML type the server should bind.
    pub value: PsValue,
}

/// A command as PSRP carries it: a command name with typed arguments (`IsScript=false`), or script text.
#[derive(Debug, Clone, PartialEq)]
pub struct Command {
    /// The command name, or the script text when `is_script`.
    pub name: String,
    /// Whether `name` is script text.
    pub is_script: bool,
    /// The arguments, in order (none for script).
    pub args: Vec<Argument>,
}

impl Command {
    /// A typed command with no arguments yet.
    pub fn new(name: impl Into<String>) -> Command {
        Command { name: name.into(), is_script: false, args: Vec::new() }
    }

    /// Script text. Only for text built from constants and properly quoted values: every value passed
    /// as a typed argument instead cannot be code.
    pub fn script(text: impl Into<String>) -> Command {
        Command { name: text.into(), is_script: true, args: Vec::new() }
    }

    /// Adds `-name value`.
    pub fn param(mut self, name: impl Into<String>, value: impl Into<PsValue>) -> Command {
        self.args.push(Argument { name: Some(name.into()), value: value.into() });
        self
    }

    /// Adds a present switch (`-name` bound to `$true`).
    pub fn switch(self, name: impl Into<String>) -> Command {
        self.param(name, PsValue::Bool(true))
    }

    /// Adds a positional argument.
    pub fn positional(mut self, value: impl Into<PsValue>) -> Command {
        self.args.push(Argument { name: None, value: value.into() });
        self
    }

    /// Whether sending this command needs the session key: some argument holds a SecureString.
    pub fn needs_session_key(&self) -> bool {
        self.args.iter().any(|a| holds_secure_string(&a.value))
    }
}

impl From<&Command> for Command {
    fn from(c: &Command) -> Command {
        c.clone()
    }
}

fn holds_secure_string(v: &PsValue) -> bool {
    match v {
        PsValue::SecureString(_) => true,
        PsValue::Object(o) => {
            o.base.as_ref().is_some_and(holds_secure_string)
                || o.adapted.iter().chain(o.extended.iter()).any(|p| holds_secure_string(&p.value))
                || match &o.container {
                    Some(psvalue::Container::Dictionary(entries)) => {
                        entries.iter().any(|(k, v)| holds_secure_string(k) || holds_secure_string(v))
                    }
                    Some(c) => c.items().unwrap_or_default().iter().any(holds_secure_string),
                    None => false,
                }
        }
        _ => false,
    }
}

const PIPELINE_RESULT_TYPES: &str = "System.Management.Automation.Runspaces.PipelineResultTypes";

/// One `Command` object: name or script text, `IsScript`, the merge settings (all None) and `Args`.
fn command_object(cmd: &str, is_script: bool, args: Vec<PsValue>) -> PsValue {
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

/// The CREATE_PIPELINE body for a command.
pub fn create_pipeline_for(command: &Command) -> PsValue {
    let args = command
        .args
        .iter()
        .map(|a| ms([("N", a.name.as_deref().map_or(PsValue::Null, PsValue::from)), ("V", a.value.clone())]))
        .collect();
    create_pipeline(command_object(&command.name, command.is_script, args))
}

/// The CREATE_PIPELINE body for script text (`IsScript=true`).
pub fn create_pipeline_for_script(script: &str) -> PsValue {
    create_pipeline_for(&Command::script(script))
}

#[cfg(test)]
mod tests {
    use super::*;
    use psvalue::Secret;
    use psvalue::values::prop;

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
        let list = PsValue::list(["a".into(), "b".into()]);
        let cmd = Command::new("Set-Mailbox")
            .param("Identity", "alice@contoso.com")
            .param("ResultSize", 10)
            .param("Big", 3_000_000_000i64)
            .switch("Force")
            .param("Names", list.clone())
            .positional("pos");
        assert!(!cmd.needs_session_key());
        let body = create_pipeline_for(&cmd);
        let cmds = prop(prop(&body, "PowerShell").unwrap(), "Cmds").unwrap();
        assert_eq!(prop(&cmds.items().unwrap()[0], "Cmd"), Some(&PsValue::from("Set-Mailbox")));
        let args = args_of(&body);
        assert_eq!(args[0], (Some("Identity".into()), PsValue::from("alice@contoso.com")));
        assert_eq!(args[1].1, PsValue::I32(10));
        assert_eq!(args[2].1, PsValue::I64(3_000_000_000));
        assert_eq!(args[3], (Some("Force".into()), PsValue::Bool(true)));
        assert_eq!(args[4].1, list);
        assert_eq!(args[5], (None, PsValue::from("pos")));
        assert_eq!(prop(&body, "NoInput"), Some(&PsValue::Bool(true)));
    }

    #[test]
    fn a_secure_string_anywhere_in_an_argument_needs_the_session_key() {
        assert!(Command::new("X").param("Password", Secret::new("pw")).needs_session_key());
        let nested = PsValue::list([PsValue::from("a"), PsValue::from(Secret::new("pw"))]);
        assert!(Command::new("X").param("List", nested).needs_session_key());
        assert!(!Command::script("Get-Date").needs_session_key());
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
