//! Reading one output object's properties for a result type, with errors that name the result
//! type, the object's type and the property.

use super::ResultError;
use crate::exchange::{ByteSize, Quota, RecipientTypeDetails, RemoteRecipientType};
use crate::psobject::{PsObject, PsValue};

/// The first type name of a value, for error messages: the object's most derived type without
/// `Deserialized.`, or the .NET type of a primitive.
pub(super) fn type_name_of(v: &PsValue) -> String {
    match v {
        PsValue::Object(o) => o
            .type_names
            .first()
            .map(|t| t.strip_prefix("Deserialized.").unwrap_or(t).to_string())
            .unwrap_or_else(|| "an object without type names".into()),
        PsValue::Null => "$null".into(),
        PsValue::String(_) | PsValue::Utf16(_) => "System.String".into(),
        PsValue::Bool(_) => "System.Boolean".into(),
        PsValue::Guid(_) => "System.Guid".into(),
        other if other.as_integer().is_some() => "an integer".into(),
        _ => "a primitive value".into(),
    }
}

/// The text of a scalar property value: a string, a primitive's invariant text, or an object's
/// `ToString` / wrapped value (enums, depth-exhausted values). A one-item list counts as its
/// item, as PowerShell unrolls it. `Ok(None)` for `$null`, an empty string or an empty list.
pub(super) fn scalar_text(v: &PsValue) -> Result<Option<String>, String> {
    match v {
        PsValue::Null => Ok(None),
        PsValue::Object(o) => {
            if let Some(items) = o.container.as_ref().and_then(|c| c.items()) {
                return match items {
                    [] => Ok(None),
                    [one] => scalar_text(one),
                    many => Err(format!("has {} values where one was expected", many.len())),
                };
            }
            match (&o.to_string, &o.base) {
                (Some(s), _) => Ok(Some(s.clone()).filter(|s| !s.is_empty())),
                (None, Some(b)) => scalar_text(b),
                (None, None) => Err("is an object without a text value".into()),
            }
        }
        other => Ok(other.display().filter(|s| !s.is_empty())),
    }
}

/// The integer inside a value when it is one (a primitive number or an enum's wrapped number),
/// not parsed from text: enums arrive either way and the number is authoritative.
pub(super) fn wire_integer(v: &PsValue) -> Option<i128> {
    match v {
        PsValue::String(_) => None,
        PsValue::Object(o) => o.base.as_ref().and_then(wire_integer),
        other => other.as_integer(),
    }
}

/// Reads the properties of one object for one result type, producing errors that name the
/// result type, the object's type and the property.
pub(super) struct Reader<'a> {
    what: &'static str,
    value: &'a PsValue,
    obj: &'a PsObject,
}

impl<'a> Reader<'a> {
    pub(super) fn new(what: &'static str, value: &'a PsValue) -> Result<Self, ResultError> {
        match value.as_object() {
            Some(obj) => Ok(Reader { what, value, obj }),
            None => Err(ResultError {
                what,
                type_name: type_name_of(value),
                reason: "expected an object with properties; check that the command's output was not formatted \
                         (Format-List/Format-Table) or expanded to a single property"
                    .into(),
            }),
        }
    }

    pub(super) fn err(&self, reason: String) -> ResultError {
        ResultError { what: self.what, type_name: type_name_of(self.value), reason }
    }

    pub(super) fn bad(&self, name: &str, v: &PsValue, why: impl std::fmt::Display) -> ResultError {
        let shown = v.display().unwrap_or_else(|| "$null".into());
        self.err(format!("property '{name}' has '{shown}', which {why}"))
    }

    pub(super) fn unreadable(&self, name: &str, e: impl std::fmt::Display) -> ResultError {
        self.err(format!("property '{name}' cannot be read: {e}"))
    }

    pub(super) fn missing(&self, name: &str) -> ResultError {
        self.err(format!("property '{name}' is missing or empty; it is required to read a {}", self.what))
    }

    pub(super) fn get(&self, name: &str) -> Option<&'a PsValue> {
        self.obj.get(name).filter(|v| !v.is_null())
    }

    pub(super) fn text(&self, name: &str) -> Result<Option<String>, ResultError> {
        match self.get(name) {
            None => Ok(None),
            Some(v) => scalar_text(v).map_err(|why| self.bad(name, v, why)),
        }
    }

    pub(super) fn required_text(&self, name: &str) -> Result<String, ResultError> {
        self.text(name)?.filter(|t| !t.trim().is_empty()).ok_or_else(|| self.missing(name))
    }

    pub(super) fn text_or_empty(&self, name: &str) -> Result<String, ResultError> {
        Ok(self.text(name)?.unwrap_or_default())
    }

    pub(super) fn bool(&self, name: &str) -> Result<Option<bool>, ResultError> {
        let Some(v) = self.get(name) else { return Ok(None) };
        if let Some(b) = v.as_bool() {
            return Ok(Some(b));
        }
        match scalar_text(v) {
            Ok(None) => Ok(None),
            _ => Err(self.bad(name, v, "is not True or False")),
        }
    }

    pub(super) fn required_bool(&self, name: &str) -> Result<bool, ResultError> {
        self.bool(name)?.ok_or_else(|| self.missing(name))
    }

    pub(super) fn guid(&self, name: &str) -> Result<Option<uuid::Uuid>, ResultError> {
        let Some(v) = self.get(name) else { return Ok(None) };
        let g = match v {
            PsValue::Guid(g) => *g,
            _ => match scalar_text(v).map_err(|why| self.bad(name, v, why))? {
                None => return Ok(None),
                Some(t) => t.trim().parse().map_err(|_| self.bad(name, v, "is not a GUID"))?,
            },
        };
        // Exchange writes the all-zero GUID for "none" (ArchiveGuid of a mailbox without archive).
        Ok(Some(g).filter(|g| !g.is_nil()))
    }

    pub(super) fn integer(&self, name: &str) -> Result<Option<i128>, ResultError> {
        let Some(v) = self.get(name) else { return Ok(None) };
        if let Some(n) = wire_integer(v) {
            return Ok(Some(n));
        }
        match scalar_text(v).map_err(|why| self.bad(name, v, why))? {
            None => Ok(None),
            Some(t) => {
                let digits: String = t.trim().chars().filter(|c| *c != ',').collect();
                digits.parse().map(Some).map_err(|_| self.bad(name, v, "is not a whole number"))
            }
        }
    }

    pub(super) fn count(&self, name: &str) -> Result<u64, ResultError> {
        let n = self.integer(name)?.ok_or_else(|| self.missing(name))?;
        u64::try_from(n).map_err(|_| self.err(format!("property '{name}' is {n}, which is not a count")))
    }

    pub(super) fn quota(&self, name: &str) -> Result<Option<Quota>, ResultError> {
        let Some(v) = self.get(name) else { return Ok(None) };
        // A live (not deserialized) Unlimited<T> converted to JSON is `{IsUnlimited, Value}`.
        if let Some(o) = v.as_object().filter(|o| o.to_string.is_none() && o.get("IsUnlimited").is_some()) {
            if o.get("IsUnlimited").and_then(PsValue::as_bool) == Some(true) {
                return Ok(Some(Quota::Unlimited));
            }
            let inner = Reader { what: self.what, value: self.value, obj: o };
            return Ok(inner.size("Value")?.map(Quota::Limited));
        }
        match scalar_text(v).map_err(|why| self.bad(name, v, why))? {
            None => Ok(None),
            Some(t) => t.parse().map(Some).map_err(|e| self.unreadable(name, e)),
        }
    }

    pub(super) fn size(&self, name: &str) -> Result<Option<ByteSize>, ResultError> {
        let Some(v) = self.get(name) else { return Ok(None) };
        if let Some(n) = wire_integer(v) {
            return u64::try_from(n).map(|b| Some(ByteSize(b))).map_err(|_| self.bad(name, v, "is not a size"));
        }
        match scalar_text(v).map_err(|why| self.bad(name, v, why))? {
            None => Ok(None),
            Some(t) => t.parse().map(Some).map_err(|e| self.unreadable(name, e)),
        }
    }

    pub(super) fn required_size(&self, name: &str) -> Result<ByteSize, ResultError> {
        self.size(name)?.ok_or_else(|| self.missing(name))
    }

    pub(super) fn list(&self, name: &str) -> Vec<String> {
        self.get(name).map(PsValue::string_list).unwrap_or_default().into_iter().filter(|s| !s.is_empty()).collect()
    }

    /// A list of flag names: each item may itself be a flags text (`FullAccess, ReadPermission`).
    pub(super) fn flags_list(&self, name: &str) -> Vec<String> {
        self.list(name)
            .iter()
            .flat_map(|item| item.split(',').map(str::trim).filter(|s| !s.is_empty()).map(String::from))
            .collect()
    }

    pub(super) fn recipient_type(&self, name: &str) -> Result<RecipientTypeDetails, ResultError> {
        let v = self.get(name).ok_or_else(|| self.missing(name))?;
        if let Some(n) = wire_integer(v) {
            return u64::try_from(n)
                .map(RecipientTypeDetails::from_value)
                .map_err(|_| self.bad(name, v, "is not a RecipientTypeDetails value"));
        }
        let t = scalar_text(v).map_err(|why| self.bad(name, v, why))?.ok_or_else(|| self.missing(name))?;
        t.parse().map_err(|e| self.unreadable(name, e))
    }

    pub(super) fn remote_recipient_type(&self, name: &str) -> Result<Option<RemoteRecipientType>, ResultError> {
        let Some(v) = self.get(name) else { return Ok(None) };
        if let Some(n) = wire_integer(v) {
            return u64::try_from(n)
                .map(|n| Some(RemoteRecipientType(n)))
                .map_err(|_| self.bad(name, v, "is not a RemoteRecipientType value"));
        }
        match scalar_text(v).map_err(|why| self.bad(name, v, why))? {
            None => Ok(None),
            Some(t) => t.parse().map(Some).map_err(|e| self.unreadable(name, e)),
        }
    }

    /// An enum read as its name; a bare number (JSON from Windows PowerShell) is mapped through
    /// `names` (value, name) when known.
    pub(super) fn enum_name(&self, name: &str, names: &[(i128, &str)]) -> Result<Option<String>, ResultError> {
        let Some(v) = self.get(name) else { return Ok(None) };
        if let Some(s) = v.as_object().and_then(|o| o.to_string.as_ref()) {
            return Ok(Some(s.clone()).filter(|s| !s.is_empty()));
        }
        if let Some(n) = wire_integer(v) {
            return Ok(Some(names.iter().find(|(k, _)| *k == n).map_or_else(|| n.to_string(), |(_, s)| s.to_string())));
        }
        self.text(name)
    }
}
