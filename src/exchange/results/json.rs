//! JSON exports (`ConvertTo-Json`, the Exchange Online admin API) in the object model.

use crate::psobject::{PsObject, PsValue};
use std::sync::Arc;

/// Maps JSON (a `ConvertTo-Json` export, the Exchange Online admin API) to the object model, the
/// way `ConvertFrom-Json` would: objects become `PSCustomObject`s with note properties, arrays
/// become lists, numbers the narrowest of `I64`/`U64`/`Double`. `from_ps` then reads exports and
/// live output alike.
pub fn ps_from_json(v: &serde_json::Value) -> PsValue {
    match v {
        serde_json::Value::Null => PsValue::Null,
        serde_json::Value::Bool(b) => PsValue::Bool(*b),
        serde_json::Value::Number(n) => {
            if let Some(i) = n.as_i64() {
                PsValue::I64(i)
            } else if let Some(u) = n.as_u64() {
                PsValue::U64(u)
            } else {
                PsValue::Double(n.as_f64().unwrap_or(f64::NAN))
            }
        }
        serde_json::Value::String(s) => PsValue::String(s.clone()),
        serde_json::Value::Array(items) => PsValue::list(items.iter().map(ps_from_json)),
        serde_json::Value::Object(map) => {
            let mut o = PsObject::with_types(["System.Management.Automation.PSCustomObject", "System.Object"]);
            o.extended = map
                .iter()
                .map(|(k, v)| crate::psobject::Property { name: k.clone(), value: ps_from_json(v) })
                .collect();
            PsValue::Object(Arc::new(o))
        }
    }
}
