//! From the cmdlet model to the protocol: a typed [`Invocation`] becomes a [`psrp::Command`], and the OS random
//! source the sans-IO client draws its ids and keys from.
//!
//! The protocol crate knows only PowerShell values, so typing mbxctl's [`Value`]s happens here, on the
//! transport's side of the arrow (docs/ARCHITECTURE.md).

use psrp::pipeline::{Argument, BuildError, Command};
use psrp::{ProtocolError, Random};
use psvalue::PsValue;
use psvalue::values::{dictionary, typed_list};

use crate::cmdlet::{Invocation, Value};

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
            dictionary(&HASHTABLE, entries)
        }
        Value::Secure(secret) => PsValue::SecureString(secret.clone()),
        Value::Dynamic(text) => return Err(BuildError::Dynamic { param: name.into(), text: text.clone() }),
    })
}

/// Whether sending the invocation needs the session key (it carries a SecureString).
pub fn needs_session_key(invocation: &Invocation) -> bool {
    invocation.params.iter().any(|p| matches!(p.value, Value::Secure(_)))
}

/// The protocol command for a typed invocation; a run-time value (`Value::Dynamic`) is refused.
pub fn to_command(invocation: &Invocation) -> Result<Command, BuildError> {
    let mut args = Vec::with_capacity(invocation.params.len());
    for p in &invocation.params {
        let value = argument_value(p.name.as_deref().unwrap_or(""), &p.value)?;
        args.push(Argument { name: p.name.clone(), value });
    }
    Ok(Command { name: invocation.cmdlet.clone(), is_script: false, args })
}

/// So the client takes an [`Invocation`] directly (`client.create_pipeline(&invocation)`).
impl TryFrom<&Invocation> for Command {
    type Error = ProtocolError;

    fn try_from(invocation: &Invocation) -> Result<Command, ProtocolError> {
        to_command(invocation).map_err(|source| ProtocolError::Unsendable { cmdlet: invocation.cmdlet.clone(), source })
    }
}

/// The operating system's secure random source, for the protocol client's ids and RSA key.
#[derive(Debug, Default, Clone, Copy)]
pub struct OsRandom;

impl Random for OsRandom {
    fn fill(&mut self, dest: &mut [u8]) {
        rand::RngCore::fill_bytes(&mut rand::rngs::OsRng, dest);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::secret::Secret;
    use psvalue::values::dict_get;

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
        let cmd = to_command(&inv).unwrap();
        assert_eq!((cmd.name.as_str(), cmd.is_script), ("Set-Mailbox", false));
        let args: Vec<&PsValue> = cmd.args.iter().map(|a| &a.value).collect();
        assert_eq!(cmd.args[0].name.as_deref(), Some("Identity"));
        assert_eq!(args[0], &PsValue::from("alice@contoso.com"));
        assert_eq!(args[1], &PsValue::I32(10));
        assert_eq!(args[2], &PsValue::I64(3_000_000_000));
        assert_eq!(args[3], &PsValue::Bool(true));
        assert_eq!(args[4], &PsValue::Bool(false));
        assert_eq!(args[5], &PsValue::Bool(true));
        assert_eq!(args[6].string_list(), ["a", "b"]);
        assert_eq!(args[6].as_object().unwrap().type_names[0], "System.Object[]");
        assert_eq!(dict_get(args[7], "Add").unwrap().string_list(), ["x@c.com"]);
        assert_eq!(dict_get(args[7], "Remove"), None);
        assert!(matches!(args[8], PsValue::SecureString(s) if s.expose() == "pw"));
        assert!(needs_session_key(&inv) && cmd.needs_session_key());
    }

    #[test]
    fn positional_and_dynamic() {
        let mut inv = Invocation::new("Get-RoleGroupMember");
        inv.params.push(crate::cmdlet::Parameter { name: None, value: "Organization Management".into() });
        let cmd = to_command(&inv).unwrap();
        assert_eq!(cmd.args, vec![Argument { name: None, value: PsValue::from("Organization Management") }]);
        assert!(!needs_session_key(&inv));
        let inv = Invocation::new("Get-Mailbox").param("Identity", Value::Dynamic("$x".into()));
        assert_eq!(to_command(&inv).unwrap_err(), BuildError::Dynamic { param: "Identity".into(), text: "$x".into() });
        let err = Command::try_from(&inv).unwrap_err().to_string();
        assert!(err.contains("cannot send Get-Mailbox") && err.contains("-Identity"), "{err}");
    }

    #[test]
    fn os_random_gives_distinct_v4_ids() {
        let (a, b) = (OsRandom.uuid(), OsRandom.uuid());
        assert_ne!(a, b);
        assert_eq!(a.get_version_num(), 4);
    }
}
