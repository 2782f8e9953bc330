//! The PowerShell object model mbxctl reads and writes.
//!
//! It mirrors CLIXML (MS-PSRP 2.2.5) closely enough that an object read from a real Exchange
//! session, or produced by the lab, carries everything PowerShell sent: type-name chains,
//! `ToString`, a wrapped primitive (enums), adapted (`<Props>`) and extended (`<MS>`) properties,
//! and one container. Workflows never look at CLIXML; they read these values, so the lab and a
//! real session are interchangeable.

use std::sync::Arc;

/// One value as PowerShell serializes it. Primitive variants follow the CLIXML element names
/// (`S`, `B`, `I32`, ...); text-shaped primitives (dates, durations, decimals) keep their exact
/// wire text so nothing is lost to a round trip through a Rust type.
#[derive(Debug, Clone, PartialEq)]
pub enum PsValue {
    /// `<Nil/>`
    Null,
    /// `<S>`: a string that is valid Unicode.
    String(String),
    /// `<S>` holding UTF-16 that is not valid Unicode (a lone surrogate): kept as code units so
    /// nothing Exchange sends is lost.
    Utf16(Vec<u16>),
    /// `<C>`: a UTF-16 code unit.
    Char(u16),
    /// `<B>`
    Bool(bool),
    /// `<DT>`: ISO 8601 text exactly as sent.
    DateTime(String),
    /// `<TS>`: xs:duration text exactly as sent (`PT9.0269026S`).
    Duration(String),
    /// `<By>`
    U8(u8),
    /// `<SB>`
    I8(i8),
    /// `<U16>`
    U16(u16),
    /// `<I16>`
    I16(i16),
    /// `<U32>`
    U32(u32),
    /// `<I32>`
    I32(i32),
    /// `<U64>`
    U64(u64),
    /// `<I64>`
    I64(i64),
    /// `<Sg>`
    Single(f32),
    /// `<Db>`
    Double(f64),
    /// `<D>`: decimal text exactly as sent.
    Decimal(String),
    /// `<BA>`: decoded bytes.
    Bytes(Vec<u8>),
    /// `<G>`
    Guid(uuid::Uuid),
    /// `<URI>`
    Uri(String),
    /// `<Version>`
    Version(String),
    /// `<XD>`
    Xml(String),
    /// `<SBK>`: script block text (data only; mbxctl never runs it).
    ScriptBlock(String),
    /// `<SS>`: a secure string. Plain text lives only in memory, inside [`crate::secret::Secret`].
    SecureString(crate::secret::Secret),
    /// `<Obj>`: a complex object. Shared so that `<Ref>` back-references cost nothing to resolve.
    Object(Arc<PsObject>),
}

/// A complex PowerShell object (`<Obj>`).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct PsObject {
    /// Type names, most derived first (`<TN>`), possibly with a `Deserialized.` prefix.
    pub type_names: TypeNames,
    /// `<ToString>`
    pub to_string: Option<String>,
    /// A wrapped primitive: the number behind an enum, the string behind a deserialized value.
    pub base: Option<PsValue>,
    /// Adapted .NET properties (`<Props>`), in wire order.
    pub adapted: Vec<Property>,
    /// Extended (note) properties (`<MS>`), in wire order.
    pub extended: Vec<Property>,
    /// At most one container (`<LST>`, `<IE>`, `<STK>`, `<QUE>`, `<DCT>`).
    pub container: Option<Container>,
}

/// A type-name chain, most derived first: read like a `[String]` (it derefs to one), built from a `Vec<String>`
/// or an array of `&str` with `.into()`.
///
/// The chain is shared (`Arc`), not copied: PowerShell sends it once per type (`<TN>`) and refers back to it
/// (`<TNRef>`) for every further object of that type, so 10,000 mailboxes read from one stream hold one chain,
/// not 10,000 copies (docs/PERFORMANCE.md, CLIXML). Changing a chain means building a new one.
#[derive(Clone, Default, PartialEq, Eq, Hash)]
pub struct TypeNames(Arc<[String]>);

impl TypeNames {
    /// The names as a slice.
    pub fn as_slice(&self) -> &[String] {
        &self.0
    }
}

impl std::ops::Deref for TypeNames {
    type Target = [String];
    fn deref(&self) -> &[String] {
        &self.0
    }
}

impl std::fmt::Debug for TypeNames {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_list().entries(self.0.iter()).finish()
    }
}

impl From<Vec<String>> for TypeNames {
    fn from(names: Vec<String>) -> Self {
        TypeNames(names.into())
    }
}

impl<const N: usize> From<[&str; N]> for TypeNames {
    fn from(names: [&str; N]) -> Self {
        names.into_iter().collect()
    }
}

impl From<&[&str]> for TypeNames {
    fn from(names: &[&str]) -> Self {
        names.iter().copied().collect()
    }
}

impl<S: Into<String>> FromIterator<S> for TypeNames {
    fn from_iter<I: IntoIterator<Item = S>>(iter: I) -> Self {
        TypeNames(iter.into_iter().map(Into::into).collect())
    }
}

impl<'n> IntoIterator for &'n TypeNames {
    type Item = &'n String;
    type IntoIter = std::slice::Iter<'n, String>;
    fn into_iter(self) -> Self::IntoIter {
        self.0.iter()
    }
}

impl<S: AsRef<str>, const N: usize> PartialEq<[S; N]> for TypeNames {
    fn eq(&self, other: &[S; N]) -> bool {
        self.0.len() == N && self.0.iter().zip(other).all(|(a, b)| a == b.as_ref())
    }
}

impl<S: AsRef<str>> PartialEq<[S]> for TypeNames {
    fn eq(&self, other: &[S]) -> bool {
        self.0.len() == other.len() && self.0.iter().zip(other).all(|(a, b)| a == b.as_ref())
    }
}

impl<S: AsRef<str>> PartialEq<Vec<S>> for TypeNames {
    fn eq(&self, other: &Vec<S>) -> bool {
        *self == other[..]
    }
}

/// A named property of a [`PsObject`].
#[derive(Debug, Clone, PartialEq)]
pub struct Property {
    /// The property name (`N=`), as sent.
    pub name: String,
    /// Its value.
    pub value: PsValue,
}

/// The collection an object carries.
#[derive(Debug, Clone, PartialEq)]
pub enum Container {
    /// `<LST>`: a list or array.
    List(Vec<PsValue>),
    /// `<IE>`: another enumerable.
    Enumerable(Vec<PsValue>),
    /// `<STK>`: a stack, top first as sent.
    Stack(Vec<PsValue>),
    /// `<QUE>`: a queue.
    Queue(Vec<PsValue>),
    /// `<DCT>`: a dictionary, entries in wire order.
    Dictionary(Vec<(PsValue, PsValue)>),
}

impl Container {
    /// The items of a list-like container; `None` for a dictionary.
    pub fn items(&self) -> Option<&[PsValue]> {
        match self {
            Container::List(v) | Container::Enumerable(v) | Container::Stack(v) | Container::Queue(v) => Some(v),
            Container::Dictionary(_) => None,
        }
    }
}

impl PsObject {
    /// An empty object with the given type names, most derived first.
    pub fn with_types<I, S>(types: I) -> Self
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        PsObject { type_names: types.into_iter().collect(), ..Default::default() }
    }

    /// Adds an extended (note) property; builder style.
    pub fn note(mut self, name: impl Into<String>, value: impl Into<PsValue>) -> Self {
        self.extended.push(Property { name: name.into(), value: value.into() });
        self
    }

    /// Adds or replaces an extended property in place.
    pub fn set(&mut self, name: &str, value: impl Into<PsValue>) {
        let value = value.into();
        if let Some(p) =
            self.extended.iter_mut().chain(self.adapted.iter_mut()).find(|p| p.name.eq_ignore_ascii_case(name))
        {
            p.value = value;
        } else {
            self.extended.push(Property { name: name.to_string(), value });
        }
    }

    /// Looks a property up by name, case-insensitively as PowerShell does; extended properties
    /// shadow adapted ones, as in PowerShell's member resolution.
    pub fn get(&self, name: &str) -> Option<&PsValue> {
        self.extended.iter().chain(self.adapted.iter()).find(|p| p.name.eq_ignore_ascii_case(name)).map(|p| &p.value)
    }

    /// All properties, extended first then adapted.
    pub fn properties(&self) -> impl Iterator<Item = &Property> {
        self.extended.iter().chain(self.adapted.iter())
    }

    /// Whether one of the type names equals `name`, with or without the `Deserialized.` prefix.
    pub fn is_type(&self, name: &str) -> bool {
        self.type_names.iter().any(|t| {
            let t = t.strip_prefix("Deserialized.").unwrap_or(t);
            t.eq_ignore_ascii_case(name)
        })
    }
}

impl PsValue {
    /// The object inside, if this is one.
    pub fn as_object(&self) -> Option<&PsObject> {
        match self {
            PsValue::Object(o) => Some(o),
            _ => None,
        }
    }

    /// Whether this is `$null`.
    pub fn is_null(&self) -> bool {
        matches!(self, PsValue::Null)
    }

    /// The string, if this is a valid-Unicode string.
    pub fn as_str(&self) -> Option<&str> {
        match self {
            PsValue::String(s) => Some(s),
            _ => None,
        }
    }

    /// A boolean, accepting the `True`/`False` text that crossed a depth-1 hop as a string.
    pub fn as_bool(&self) -> Option<bool> {
        match self {
            PsValue::Bool(b) => Some(*b),
            PsValue::String(s) if s.eq_ignore_ascii_case("true") => Some(true),
            PsValue::String(s) if s.eq_ignore_ascii_case("false") => Some(false),
            PsValue::Object(o) => o.base.as_ref().and_then(PsValue::as_bool),
            _ => None,
        }
    }

    /// Any integer variant widened to i128 (so u64 and i64 both fit), looking through an enum's
    /// wrapped value.
    pub fn as_integer(&self) -> Option<i128> {
        Some(match self {
            PsValue::U8(v) => *v as i128,
            PsValue::I8(v) => *v as i128,
            PsValue::U16(v) => *v as i128,
            PsValue::I16(v) => *v as i128,
            PsValue::U32(v) => *v as i128,
            PsValue::I32(v) => *v as i128,
            PsValue::U64(v) => *v as i128,
            PsValue::I64(v) => *v as i128,
            PsValue::String(s) => s.trim().parse().ok()?,
            PsValue::Object(o) => return o.base.as_ref().and_then(PsValue::as_integer),
            _ => return None,
        })
    }

    /// The text PowerShell would show for this value: a string as is, an object's `ToString`,
    /// a primitive's invariant text. `None` for `$null`.
    pub fn display(&self) -> Option<String> {
        Some(match self {
            PsValue::Null => return None,
            PsValue::String(s) => s.clone(),
            PsValue::Utf16(u) => String::from_utf16_lossy(u),
            PsValue::Char(c) => String::from_utf16_lossy(&[*c]),
            PsValue::Bool(b) => {
                if *b {
                    "True".into()
                } else {
                    "False".into()
                }
            }
            PsValue::DateTime(s)
            | PsValue::Duration(s)
            | PsValue::Decimal(s)
            | PsValue::Uri(s)
            | PsValue::Version(s)
            | PsValue::Xml(s)
            | PsValue::ScriptBlock(s) => s.clone(),
            PsValue::U8(v) => v.to_string(),
            PsValue::I8(v) => v.to_string(),
            PsValue::U16(v) => v.to_string(),
            PsValue::I16(v) => v.to_string(),
            PsValue::U32(v) => v.to_string(),
            PsValue::I32(v) => v.to_string(),
            PsValue::U64(v) => v.to_string(),
            PsValue::I64(v) => v.to_string(),
            PsValue::Single(v) => v.to_string(),
            PsValue::Double(v) => v.to_string(),
            PsValue::Bytes(b) => format!("{} bytes", b.len()),
            PsValue::Guid(g) => g.to_string(),
            PsValue::SecureString(_) => "System.Security.SecureString".into(),
            PsValue::Object(o) => match (&o.to_string, &o.base) {
                (Some(s), _) => s.clone(),
                (None, Some(b)) => return b.display(),
                (None, None) => o.type_names.first().cloned().unwrap_or_default(),
            },
        })
    }

    /// The items of a collection value (an object with a list-like container), else `None`.
    pub fn items(&self) -> Option<&[PsValue]> {
        self.as_object().and_then(|o| o.container.as_ref()).and_then(Container::items)
    }

    /// A collection of strings, as Exchange's multi-valued properties arrive: a list of strings,
    /// a single string, or `$null` (empty).
    pub fn string_list(&self) -> Vec<String> {
        match self {
            PsValue::Null => Vec::new(),
            v => match v.items() {
                Some(items) => items.iter().filter_map(PsValue::display).collect(),
                None => v.display().into_iter().filter(|s| !s.is_empty()).collect(),
            },
        }
    }

    /// A list value (`<LST>` with the `ArrayList` type chain).
    pub fn list<I: IntoIterator<Item = PsValue>>(items: I) -> PsValue {
        PsValue::Object(Arc::new(PsObject {
            type_names: ["System.Collections.ArrayList", "System.Object"].into(),
            container: Some(Container::List(items.into_iter().collect())),
            ..Default::default()
        }))
    }
}

impl From<&str> for PsValue {
    fn from(s: &str) -> Self {
        PsValue::String(s.to_string())
    }
}
impl From<String> for PsValue {
    fn from(s: String) -> Self {
        PsValue::String(s)
    }
}
impl From<bool> for PsValue {
    fn from(b: bool) -> Self {
        PsValue::Bool(b)
    }
}
impl From<i32> for PsValue {
    fn from(v: i32) -> Self {
        PsValue::I32(v)
    }
}
impl From<i64> for PsValue {
    fn from(v: i64) -> Self {
        PsValue::I64(v)
    }
}
impl From<u64> for PsValue {
    fn from(v: u64) -> Self {
        PsValue::U64(v)
    }
}
impl From<uuid::Uuid> for PsValue {
    fn from(v: uuid::Uuid) -> Self {
        PsValue::Guid(v)
    }
}
impl From<crate::secret::Secret> for PsValue {
    fn from(v: crate::secret::Secret) -> Self {
        PsValue::SecureString(v)
    }
}
impl From<PsObject> for PsValue {
    fn from(o: PsObject) -> Self {
        PsValue::Object(Arc::new(o))
    }
}
impl<T: Into<PsValue>> From<Option<T>> for PsValue {
    fn from(v: Option<T>) -> Self {
        v.map_or(PsValue::Null, Into::into)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lookup_is_case_insensitive_and_extended_shadows_adapted() {
        let mut o = PsObject::with_types(["Deserialized.Microsoft.Exchange.Data.Directory.Management.Mailbox"]);
        o.adapted.push(Property { name: "Alias".into(), value: "adapted".into() });
        let o = o.note("alias", "extended");
        assert_eq!(o.get("ALIAS").and_then(PsValue::as_str), Some("extended"));
        assert!(o.is_type("Microsoft.Exchange.Data.Directory.Management.Mailbox"));
    }

    #[test]
    fn string_list_accepts_list_single_and_null() {
        assert_eq!(PsValue::list(["a".into(), "b".into()]).string_list(), ["a", "b"]);
        assert_eq!(PsValue::from("x").string_list(), ["x"]);
        assert!(PsValue::Null.string_list().is_empty());
    }
}
