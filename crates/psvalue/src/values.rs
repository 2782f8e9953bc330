//! Small builders and readers for the PSRP message objects, so each message is written as the shape MS-PSRP
//! and docs/psrp-notes.md ("Message objects") describes, in one place.

use crate::object::{Container, PsObject, PsValue};

/// An object with only extended (`<MS>`) properties, as every PSRP message body is.
pub fn ms<const N: usize>(props: [(&str, PsValue); N]) -> PsValue {
    let mut o = PsObject::default();
    for (name, value) in props {
        o = o.note(name, value);
    }
    PsValue::from(o)
}

/// A .NET enum value: the number wrapped in an object with the type chain and the name as `ToString`.
pub fn enum_value(type_name: &str, value: i32, name: &str) -> PsValue {
    PsValue::from(PsObject {
        type_names: [type_name, "System.Enum", "System.ValueType", "System.Object"].into(),
        to_string: Some(name.into()),
        base: Some(PsValue::I32(value)),
        ..Default::default()
    })
}

/// The all-true `HostInfo` that means "no host": the server then makes no host calls it can avoid (§3.4).
pub fn null_host_info() -> PsValue {
    ms([
        ("_isHostNull", PsValue::Bool(true)),
        ("_isHostUINull", PsValue::Bool(true)),
        ("_isHostRawUINull", PsValue::Bool(true)),
        ("_useRunspaceHost", PsValue::Bool(true)),
    ])
}

/// A list with the given type chain (`<LST>`).
pub fn typed_list(type_names: &[&str], items: Vec<PsValue>) -> PsValue {
    PsValue::from(PsObject {
        type_names: type_names.into(),
        container: Some(Container::List(items)),
        ..Default::default()
    })
}

/// A hashtable (`<DCT>`) with the given type chain.
pub fn dictionary(type_names: &[&str], entries: Vec<(PsValue, PsValue)>) -> PsValue {
    PsValue::from(PsObject {
        type_names: type_names.into(),
        container: Some(Container::Dictionary(entries)),
        ..Default::default()
    })
}

/// A property of a message object, by name.
pub fn prop<'a>(value: &'a PsValue, name: &str) -> Option<&'a PsValue> {
    value.as_object().and_then(|o| o.get(name))
}

/// An integer property (any integer type, or an enum object).
pub fn prop_int(value: &PsValue, name: &str) -> Option<i128> {
    prop(value, name).and_then(PsValue::as_integer)
}

/// A dictionary entry by string key, case-insensitively (PowerShell hashtables are).
pub fn dict_get<'a>(value: &'a PsValue, key: &str) -> Option<&'a PsValue> {
    match value.as_object()?.container.as_ref()? {
        Container::Dictionary(entries) => {
            entries.iter().find(|(k, _)| k.as_str().is_some_and(|k| k.eq_ignore_ascii_case(key))).map(|(_, v)| v)
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn readers_find_what_builders_write() {
        let v = ms([("RunspaceState", PsValue::I32(2)), ("Kind", enum_value("X.Kind", 3, "Three"))]);
        assert_eq!(prop_int(&v, "runspacestate"), Some(2));
        assert_eq!(prop_int(&v, "Kind"), Some(3));
        assert_eq!(prop(&v, "Kind").and_then(PsValue::display).as_deref(), Some("Three"));
        let d =
            dictionary(&["System.Collections.Hashtable"], vec![("PSVersion".into(), PsValue::Version("7.4".into()))]);
        assert_eq!(dict_get(&d, "psversion"), Some(&PsValue::Version("7.4".into())));
        assert_eq!(dict_get(&d, "other"), None);
    }
}
