//! The lab's admin audit log, shaped like `Search-AdminAuditLog` output: every cmdlet that changed
//! something or tried to, with its parameters (secure strings masked), caller, time, side and outcome.

use crate::cmdlet::{Invocation, Value};
use crate::secret::Secret;
use crate::shell::Side;
use serde::{Deserialize, Serialize};

/// One audit log entry.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct AuditEntry {
    /// Cmdlet as Exchange spells it (`Set-Mailbox`).
    pub cmdlet_name: String,
    /// Identity of the object the cmdlet targeted (canonical when resolved, else as given).
    pub object_modified: String,
    /// Parameters as given; secure strings are `********`.
    pub cmdlet_parameters: Vec<AuditParameter>,
    /// Properties whose stored value changed.
    pub modified_properties: Vec<ModifiedProperty>,
    /// Who ran it.
    pub caller: String,
    /// Which side of the organisation.
    pub side: Side,
    /// ISO 8601 UTC.
    pub run_date: String,
    /// Whether the cmdlet completed without an error record.
    pub succeeded: bool,
    /// The first error's message when it failed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub error: Option<String>,
    /// The server (on-premises) or service that ran it.
    pub originating_server: String,
}

/// A parameter in an audit entry.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct AuditParameter {
    /// Name without the dash.
    pub name: String,
    /// Value as text.
    pub value: String,
}

/// A changed property.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct ModifiedProperty {
    /// Property name as the lab stores it (Exchange's name).
    pub name: String,
    /// JSON text of the value before.
    pub old_value: String,
    /// JSON text of the value after.
    pub new_value: String,
}

/// A parameter value as the audit log records it. Secure strings never appear.
pub fn audit_value(v: &Value) -> String {
    match v {
        Value::Switch(b) | Value::Bool(b) => if *b { "True" } else { "False" }.into(),
        Value::String(s) | Value::Dynamic(s) => s.clone(),
        Value::Int(i) => i.to_string(),
        Value::List(items) => items.join(","),
        Value::AddRemove { add, remove } => format!("Add={};Remove={}", add.join(","), remove.join(",")),
        Value::Secure(_) => Secret::MASK.into(),
    }
}

/// The parameters of an invocation as audit entries.
pub fn audit_parameters(inv: &Invocation) -> Vec<AuditParameter> {
    inv.params
        .iter()
        .map(|p| AuditParameter {
            name: p.name.clone().unwrap_or_else(|| "Identity".into()),
            value: audit_value(&p.value),
        })
        .collect()
}

/// Top-level properties that differ between two JSON renderings of a record.
pub fn diff(before: &serde_json::Value, after: &serde_json::Value) -> Vec<ModifiedProperty> {
    let empty = serde_json::Map::new();
    let b = before.as_object().unwrap_or(&empty);
    let a = after.as_object().unwrap_or(&empty);
    let mut keys: Vec<&String> = b.keys().chain(a.keys()).collect();
    keys.sort();
    keys.dedup();
    keys.into_iter()
        .filter(|k| b.get(*k) != a.get(*k))
        .map(|k| ModifiedProperty {
            name: k.clone(),
            old_value: b.get(k).map_or_else(|| "null".into(), |v| v.to_string()),
            new_value: a.get(k).map_or_else(|| "null".into(), |v| v.to_string()),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn secure_values_are_masked_and_lists_joined() {
        let inv = Invocation::new("Set-Mailbox")
            .param("Identity", "kim")
            .param("Password", Value::Secure(Secret::new("S3cret!Pass")))
            .param("GrantSendOnBehalfTo", Value::AddRemove { add: vec!["a".into(), "b".into()], remove: vec![] });
        let p = audit_parameters(&inv);
        assert_eq!(p[1].value, "********");
        assert_eq!(p[2].value, "Add=a,b;Remove=");
        assert!(!format!("{p:?}").contains("S3cret"));
    }

    #[test]
    fn diff_lists_changed_top_level_properties() {
        let b = serde_json::json!({"A": 1, "B": true, "C": "x"});
        let a = serde_json::json!({"A": 1, "B": false, "D": 2});
        let d = diff(&b, &a);
        let names: Vec<&str> = d.iter().map(|m| m.name.as_str()).collect();
        assert_eq!(names, ["B", "C", "D"]);
        assert_eq!(d[0].old_value, "true");
        assert_eq!(d[1].new_value, "null");
    }
}
