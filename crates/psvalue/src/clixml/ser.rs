//! The CLIXML writer. It mirrors PowerShell's `InternalSerializer`: element order inside `<Obj>`
//! is TN, ToString, wrapped value, container, Props, MS; `N` comes before `RefId`; object RefIds
//! and type-name RefIds count separately from 0; a repeated type-name list becomes `<TNRef>`
//! and a repeated object (the same `Arc`) becomes `<Ref>`.

use super::escape::{encode_into, encode_utf16_into};
use super::{ClixmlError, SecureCipher};
use crate::object::{Container, PsObject, PsValue};
use base64::Engine as _;
use std::collections::HashMap;
use std::fmt::Write as _;

/// The namespace of `Export-Clixml` documents.
pub(crate) const NAMESPACE: &str = "http://schemas.microsoft.com/powershell/2004/04";

/// Type names that mark an object read from `<PR>`.
pub(crate) const PROGRESS_RECORD_TYPES: [&str; 2] = ["System.Management.Automation.ProgressRecord", "System.Object"];
/// The adapted properties of an object read from `<PR>`, in order, with their element tags.
pub(crate) const PROGRESS_RECORD_FIELDS: [(&str, &str); 8] = [
    ("AV", "Activity"),
    ("AI", "ActivityId"),
    ("", "CurrentOperation"),
    ("PI", "ParentActivityId"),
    ("PC", "PercentComplete"),
    ("T", "RecordType"),
    ("SR", "SecondsRemaining"),
    ("SD", "StatusDescription"),
];

/// Pretty-printing state for documents (two spaces per level, CRLF).
#[derive(Debug, Default)]
pub(crate) struct Pretty {
    level: usize,
}

pub(crate) struct Writer<'v, 'c> {
    out: String,
    cipher: Option<&'c dyn SecureCipher>,
    pretty: Option<Pretty>,
    objects: HashMap<*const PsObject, u64>,
    type_lists: HashMap<&'v [String], u64>,
}

impl<'v, 'c> Writer<'v, 'c> {
    pub(crate) fn new(cipher: Option<&'c dyn SecureCipher>, pretty: Option<Pretty>) -> Self {
        Writer { out: String::with_capacity(256), cipher, pretty, objects: HashMap::new(), type_lists: HashMap::new() }
    }

    pub(crate) fn finish(self) -> String {
        self.out
    }

    pub(crate) fn document(&mut self, values: &'v [PsValue]) -> Result<(), ClixmlError> {
        self.out.push('\u{FEFF}');
        let _ = write!(self.out, "<Objs Version=\"1.1.0.1\" xmlns=\"{NAMESPACE}\">");
        self.indent(1);
        for v in values {
            self.value(v, None)?;
        }
        self.indent(-1);
        self.line();
        self.out.push_str("</Objs>");
        Ok(())
    }

    fn indent(&mut self, delta: isize) {
        if let Some(p) = &mut self.pretty {
            p.level = p.level.saturating_add_signed(delta);
        }
    }

    /// Starts a new line at the current indentation (documents only).
    fn line(&mut self) {
        if let Some(p) = &self.pretty {
            self.out.push_str("\r\n");
            for _ in 0..p.level {
                self.out.push_str("  ");
            }
        }
    }

    /// Writes `<tag N="name"`, leaving the tag open for more attributes.
    fn open(&mut self, tag: &str, name: Option<&str>) {
        self.line();
        self.out.push('<');
        self.out.push_str(tag);
        if let Some(n) = name {
            self.out.push_str(" N=\"");
            encode_into(&mut self.out, n, true);
            self.out.push('"');
        }
    }

    fn close(&mut self, tag: &str) {
        self.line();
        self.out.push_str("</");
        self.out.push_str(tag);
        self.out.push('>');
    }

    /// Writes `<tag N="name">` + text produced by `body` + `</tag>` on one line.
    fn leaf(&mut self, tag: &str, name: Option<&str>, body: impl FnOnce(&mut String)) {
        self.open(tag, name);
        self.out.push('>');
        body(&mut self.out);
        self.out.push_str("</");
        self.out.push_str(tag);
        self.out.push('>');
    }

    /// An element written with `XmlWriter.WriteElementString` (`<T>`, `<ToString>`, progress
    /// record fields): PowerShell's writer makes an empty one self-closing (`<ToString />`),
    /// unlike property values (`<S N="x"></S>`).
    fn element_string(&mut self, tag: &str, text: &str) {
        if text.is_empty() {
            self.empty(tag, None, None);
        } else {
            self.leaf(tag, None, |out| encode_into(out, text, false));
        }
    }

    fn empty(&mut self, tag: &str, name: Option<&str>, ref_id: Option<u64>) {
        self.open(tag, name);
        if let Some(id) = ref_id {
            let _ = write!(self.out, " RefId=\"{id}\"");
        }
        self.out.push_str(" />");
    }

    fn raw(&mut self, tag: &str, name: Option<&str>, text: &str, what: &str) -> Result<(), ClixmlError> {
        if let Some(c) =
            text.chars().find(|&c| (c as u32) < 0x20 || (0x7F..=0x9F).contains(&(c as u32)) || c >= '\u{FFFE}')
        {
            return Err(ClixmlError::Unserializable {
                what: format!("{what} {text:?}"),
                reason: format!("its wire text holds U+{:04X}, which <{tag}> cannot carry", c as u32),
            });
        }
        self.leaf(tag, name, |out| encode_into(out, text, false));
        Ok(())
    }

    fn display<T: std::fmt::Display>(&mut self, tag: &str, name: Option<&str>, v: T) {
        self.leaf(tag, name, |out| {
            let _ = write!(out, "{v}");
        });
    }

    pub(crate) fn value(&mut self, value: &'v PsValue, name: Option<&str>) -> Result<(), ClixmlError> {
        match value {
            PsValue::Null => self.empty("Nil", name, None),
            PsValue::String(s) => self.leaf("S", name, |out| encode_into(out, s, false)),
            PsValue::Utf16(u) => self.leaf("S", name, |out| encode_utf16_into(out, u, false)),
            PsValue::Char(c) => self.display("C", name, c),
            PsValue::Bool(b) => self.display("B", name, b),
            PsValue::DateTime(s) => self.raw("DT", name, s, "DateTime")?,
            PsValue::Duration(s) => self.raw("TS", name, s, "TimeSpan")?,
            PsValue::U8(v) => self.display("By", name, v),
            PsValue::I8(v) => self.display("SB", name, v),
            PsValue::U16(v) => self.display("U16", name, v),
            PsValue::I16(v) => self.display("I16", name, v),
            PsValue::U32(v) => self.display("U32", name, v),
            PsValue::I32(v) => self.display("I32", name, v),
            PsValue::U64(v) => self.display("U64", name, v),
            PsValue::I64(v) => self.display("I64", name, v),
            PsValue::Single(v) => self.display("Sg", name, format_float(*v as f64, 7)),
            PsValue::Double(v) => self.display("Db", name, format_float(*v, 15)),
            PsValue::Decimal(s) => self.raw("D", name, s, "Decimal")?,
            PsValue::Bytes(b) => {
                self.leaf("BA", name, |out| base64::engine::general_purpose::STANDARD.encode_string(b, out))
            }
            PsValue::Guid(g) => self.display("G", name, g.hyphenated()),
            PsValue::Uri(s) => self.leaf("URI", name, |out| encode_into(out, s, false)),
            PsValue::Version(s) => self.raw("Version", name, s, "Version")?,
            PsValue::Xml(s) => self.leaf("XD", name, |out| encode_into(out, s, false)),
            PsValue::ScriptBlock(s) => self.leaf("SBK", name, |out| encode_into(out, s, false)),
            PsValue::SecureString(secret) => {
                let cipher = self.cipher.ok_or(ClixmlError::SecureStringNotEncrypted)?;
                let data = cipher.encrypt(secret.expose())?;
                self.leaf("SS", name, |out| base64::engine::general_purpose::STANDARD.encode_string(&data, out));
            }
            PsValue::Object(o) => self.object(o, name)?,
        }
        Ok(())
    }

    fn object(&mut self, o: &'v std::sync::Arc<PsObject>, name: Option<&str>) -> Result<(), ClixmlError> {
        let key = std::sync::Arc::as_ptr(o);
        if let Some(&id) = self.objects.get(&key) {
            self.empty("Ref", name, Some(id));
            return Ok(());
        }
        if is_progress_record(o) {
            return self.progress_record(o, name);
        }
        let id = self.objects.len() as u64;
        self.objects.insert(key, id);
        self.open("Obj", name);
        let _ = write!(self.out, " RefId=\"{id}\"");
        let has_content = !o.type_names.is_empty()
            || o.to_string.is_some()
            || o.base.is_some()
            || o.container.is_some()
            || !o.adapted.is_empty()
            || !o.extended.is_empty();
        if !has_content {
            self.out.push_str(" />");
            return Ok(());
        }
        self.out.push('>');
        self.indent(1);
        if !o.type_names.is_empty() {
            if let Some(&tn) = self.type_lists.get(o.type_names.as_slice()) {
                self.open("TNRef", None);
                let _ = write!(self.out, " RefId=\"{tn}\" />");
            } else {
                let tn = self.type_lists.len() as u64;
                self.type_lists.insert(o.type_names.as_slice(), tn);
                self.open("TN", None);
                let _ = write!(self.out, " RefId=\"{tn}\">");
                self.indent(1);
                for t in &o.type_names {
                    self.element_string("T", t);
                }
                self.indent(-1);
                self.close("TN");
            }
        }
        if let Some(s) = &o.to_string {
            self.element_string("ToString", s);
        }
        if let Some(base) = &o.base {
            if let PsValue::Object(inner) = base
                && !is_progress_record(inner)
            {
                return Err(ClixmlError::Unserializable {
                    what: format!("the wrapped value of an object of type {:?}", o.type_names.first()),
                    reason: "a wrapped value must be a primitive (PowerShell never wraps an object in an object)"
                        .into(),
                });
            }
            self.value(base, None)?;
        }
        if let Some(c) = &o.container {
            self.container(c)?;
        }
        for (tag, props) in [("Props", &o.adapted), ("MS", &o.extended)] {
            if props.is_empty() {
                continue;
            }
            self.open(tag, None);
            self.out.push('>');
            self.indent(1);
            for p in props {
                self.value(&p.value, Some(&p.name))?;
            }
            self.indent(-1);
            self.close(tag);
        }
        self.indent(-1);
        self.close("Obj");
        Ok(())
    }

    fn container(&mut self, c: &'v Container) -> Result<(), ClixmlError> {
        let (tag, len) = match c {
            Container::List(v) => ("LST", v.len()),
            Container::Enumerable(v) => ("IE", v.len()),
            Container::Stack(v) => ("STK", v.len()),
            Container::Queue(v) => ("QUE", v.len()),
            Container::Dictionary(v) => ("DCT", v.len()),
        };
        if len == 0 {
            self.empty(tag, None, None);
            return Ok(());
        }
        self.open(tag, None);
        self.out.push('>');
        self.indent(1);
        match c {
            Container::Dictionary(entries) => {
                for (k, v) in entries {
                    self.open("En", None);
                    self.out.push('>');
                    self.indent(1);
                    self.value(k, Some("Key"))?;
                    self.value(v, Some("Value"))?;
                    self.indent(-1);
                    self.close("En");
                }
            }
            Container::List(items)
            | Container::Enumerable(items)
            | Container::Stack(items)
            | Container::Queue(items) => {
                for item in items {
                    self.value(item, None)?;
                }
            }
        }
        self.indent(-1);
        self.close(tag);
        Ok(())
    }

    fn progress_record(&mut self, o: &'v PsObject, name: Option<&str>) -> Result<(), ClixmlError> {
        self.open("PR", name);
        self.out.push('>');
        self.indent(1);
        for ((tag, _), p) in PROGRESS_RECORD_FIELDS.iter().zip(&o.adapted) {
            if tag.is_empty() {
                self.value(&p.value, None)?;
            } else {
                let text = p.value.display().unwrap_or_default();
                self.element_string(tag, &text);
            }
        }
        self.indent(-1);
        self.close("PR");
        Ok(())
    }
}

/// Whether an object has exactly the shape the reader gives a `<PR>` element.
pub(crate) fn is_progress_record(o: &PsObject) -> bool {
    o.type_names.len() == 2
        && o.type_names.iter().zip(PROGRESS_RECORD_TYPES).all(|(a, b)| a == b)
        && o.to_string.is_none()
        && o.base.is_none()
        && o.container.is_none()
        && o.extended.is_empty()
        && o.adapted.len() == PROGRESS_RECORD_FIELDS.len()
        && o.adapted.iter().zip(PROGRESS_RECORD_FIELDS).all(|(p, (tag, name))| {
            p.name == name
                && match tag {
                    "" => matches!(p.value, PsValue::Null | PsValue::String(_)),
                    "AV" | "T" | "SD" => matches!(p.value, PsValue::String(_)),
                    _ => matches!(p.value, PsValue::I32(_)),
                }
        })
}

/// Formats a float as .NET's `XmlConvert.ToString` does: shortest round-trip digits, `INF`,
/// `-INF`, `NaN`, and scientific notation (`1E+15`, `1E-05`) outside the range .NET prints
/// plainly (`precision` is 15 for double, 7 for single).
pub(crate) fn format_float(v: f64, precision: i32) -> String {
    if v.is_nan() {
        return "NaN".into();
    }
    if v.is_infinite() {
        return if v > 0.0 { "INF".into() } else { "-INF".into() };
    }
    if v == 0.0 {
        return if v.is_sign_negative() { "-0".into() } else { "0".into() };
    }
    // Shortest round-trip digits: "d.ddddde±x".
    let sci = if precision <= 7 { format!("{:e}", v as f32) } else { format!("{v:e}") };
    let (mantissa, exp) = sci.split_once('e').unwrap_or((&sci, "0"));
    let exp: i32 = exp.parse().unwrap_or(0);
    let (sign, mantissa) = mantissa.strip_prefix('-').map_or(("", mantissa), |m| ("-", m));
    let digits: String = mantissa.chars().filter(char::is_ascii_digit).collect();
    if exp >= precision || exp < -4 {
        let (first, rest) = digits.split_at(1);
        let dot = if rest.is_empty() { "" } else { "." };
        let esign = if exp < 0 { '-' } else { '+' };
        format!("{sign}{first}{dot}{rest}E{esign}{:02}", exp.abs())
    } else if exp < 0 {
        format!("{sign}0.{}{digits}", "0".repeat((-exp - 1) as usize))
    } else {
        let int_len = exp as usize + 1;
        if digits.len() <= int_len {
            format!("{sign}{digits}{}", "0".repeat(int_len - digits.len()))
        } else {
            format!("{sign}{}.{}", &digits[..int_len], &digits[int_len..])
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::object::Property;
    use std::sync::Arc;

    #[test]
    fn floats_match_dotnet_round_trip_text() {
        assert_eq!(format_float(0.25, 15), "0.25");
        assert_eq!(format_float(180.0, 15), "180");
        assert_eq!(format_float(1e15, 15), "1E+15");
        assert_eq!(format_float(123456789012345.0, 15), "123456789012345");
        assert_eq!(format_float(1.5e-5, 15), "1.5E-05");
        assert_eq!(format_float(0.0001, 15), "0.0001");
        assert_eq!(format_float(-2.5e300, 15), "-2.5E+300");
        assert_eq!(format_float(f64::NEG_INFINITY, 15), "-INF");
        assert_eq!(format_float(0.1f32 as f64, 7), "0.1");
        assert_eq!(format_float(1e7, 7), "1E+07");
        assert_eq!(format_float(-0.0, 15), "-0");
    }

    #[test]
    fn writes_powershell_layout_with_tn_and_obj_references() {
        let tn = ["X.Enum", "System.Enum", "System.ValueType", "System.Object"];
        let e1 = PsValue::from(PsObject {
            to_string: Some("A".into()),
            base: Some(PsValue::I32(1)),
            ..PsObject::with_types(tn)
        });
        let e2 = PsValue::from(PsObject {
            to_string: Some("B".into()),
            base: Some(PsValue::I32(2)),
            ..PsObject::with_types(tn)
        });
        let shared = Arc::new(PsObject::default().note("x", ""));
        let mut top = PsObject::default().note("One", e1).note("Two", e2);
        top.extended.push(Property { name: "S1".into(), value: PsValue::Object(shared.clone()) });
        top.extended.push(Property { name: "S2".into(), value: PsValue::Object(shared) });
        let top = PsValue::from(top);
        let mut w = Writer::new(None, None);
        w.value(&top, None).unwrap();
        assert_eq!(
            w.finish(),
            "<Obj RefId=\"0\"><MS><Obj N=\"One\" RefId=\"1\"><TN RefId=\"0\"><T>X.Enum</T><T>System.Enum</T>\
             <T>System.ValueType</T><T>System.Object</T></TN><ToString>A</ToString><I32>1</I32></Obj>\
             <Obj N=\"Two\" RefId=\"2\"><TNRef RefId=\"0\" /><ToString>B</ToString><I32>2</I32></Obj>\
             <Obj N=\"S1\" RefId=\"3\"><MS><S N=\"x\"></S></MS></Obj><Ref N=\"S2\" RefId=\"3\" /></MS></Obj>"
        );
    }

    #[test]
    fn refuses_secure_string_without_cipher_and_bad_raw_text() {
        let secret = PsValue::SecureString(crate::secret::Secret::new("pw"));
        let mut w = Writer::new(None, None);
        let err = w.value(&secret, None).unwrap_err();
        assert!(matches!(err, ClixmlError::SecureStringNotEncrypted));
        let date = PsValue::DateTime("2024\n".into());
        let mut w = Writer::new(None, None);
        let err = w.value(&date, None).unwrap_err();
        assert!(err.to_string().contains("U+000A"), "{err}");
    }
}
