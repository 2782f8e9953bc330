//! CLIXML, PowerShell's object serialization (MS-PSRP 2.2.5), both ways.
//!
//! Two shapes exist: a PSRP message body is one element with no root and no namespace
//! ([`from_str`], [`to_string`]); an `Export-Clixml` file is an `<Objs>` document with a
//! namespace, a UTF-8 BOM and CRLF pretty-printing ([`from_document`], [`to_document`]). RefIds
//! (`<Ref>`, `<TNRef>`) are scoped to one message or one document.
//!
//! Decisions worth knowing before using this module:
//!
//! - **Errors instead of guesses.** An element this module does not know (PowerShell adds none
//!   in serialization version 1.1.0.1, and its own reader rejects unknown ones at top level) is an
//!   error naming the element and its position, never silently dropped. Invalid numbers, bad
//!   base64, bad GUIDs, dangling references and limit breaches are errors too.
//! - **Leniency where PowerShell is lenient.** `PsValue::Object` is an `Arc`, so a `<Ref>` shares
//!   the earlier object. A `<Ref>` to an object still being read (a cycle, as in PSDriveInfo ↔
//!   ProviderInfo exports) becomes a shallow copy of that object (type names and ToString), since an
//!   `Arc` tree cannot hold a cycle. A RefId used twice refers to the later object, as in
//!   PowerShell. An `<Obj>` directly inside an `<Obj>` is its base object. In an `Export-Clixml`
//!   document read without a cipher, an `<SS>` (DPAPI-protected) stays opaque: an object typed
//!   `System.Security.SecureString` whose [`PROTECTED_TEXT`] note holds the text as written.
//! - **Escapes** follow `XmlConvert.DecodeName`, which PowerShell uses: `_xHHHH_` and
//!   `_xHHHHHHHH_` (either case of `x`) decode; any other `_x` stays literal text, as in
//!   PowerShell. A string that decodes to a lone surrogate becomes [`PsValue::Utf16`]. Type
//!   names, property names and `ToString` are display text: a lone surrogate there becomes U+FFFD.
//! - **Progress records** (`<PR>`) read as an object with the type names
//!   `System.Management.Automation.ProgressRecord`, `System.Object` and the adapted properties
//!   `Activity`, `ActivityId`, `CurrentOperation`, `ParentActivityId`, `PercentComplete`,
//!   `RecordType` (the name, a string), `SecondsRemaining`, `StatusDescription`; an object of
//!   exactly that shape is written back as `<PR>`.
//! - **SecureString** needs a [`SecureCipher`] both ways: [`to_string`] returns an error for a
//!   value holding one rather than writing it unencrypted, and [`from_str`] rejects `<SS>`.
//! - **Text-shaped primitives** (`DT`, `TS`, `D`, `Version`) keep their wire text unchanged; the
//!   writer refuses such text if it holds characters XML cannot carry.
//! - **Limits** ([`Limits`]) bound input size, nesting depth, the number of values a consumer
//!   walking the result would visit (a `<Ref>` counts as the whole object it points to, which is
//!   what defeats "billion laughs" chains) and the number of references.

mod de;
mod escape;
#[cfg(test)]
mod lenient_tests;
mod prim;
#[cfg(test)]
mod reader_tests;
mod ser;
mod tables;

pub use de::PROTECTED_TEXT;

use crate::object::PsValue;
use std::fmt;

/// Bounds on what the reader accepts, so hostile input fails fast instead of exhausting memory.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// How many `<Obj>` (or `<PR>`) elements may nest inside each other.
    pub max_depth: usize,
    /// How many values (primitives and objects) a consumer walking the result may visit; a
    /// `<Ref>` counts as the full size of the object it points to.
    pub max_objects: usize,
    /// How many `<Ref>` and `<TNRef>` elements one message or document may hold.
    pub max_refs: usize,
    /// The largest input accepted, in bytes. Type-name lists referenced by `<TNRef>` count against
    /// the same budget at full size (the result shares them, but a consumer re-encoding it sees one
    /// copy per object), so the output cannot grow much beyond the input.
    pub max_bytes: usize,
}

impl Default for Limits {
    /// Generous enough for a 30,000-mailbox `Export-Clixml` file, far below what would hurt.
    fn default() -> Self {
        Limits { max_depth: 64, max_objects: 4_000_000, max_refs: 1_000_000, max_bytes: 64 << 20 }
    }
}

/// Encrypts and decrypts `<SS>` (SecureString) payloads with a PSRP session key.
///
/// The PSRP layer owns the key exchange; this module only hands it the bytes.
pub trait SecureCipher {
    /// Encrypts the plain text into the bytes that are base64-encoded into `<SS>`.
    fn encrypt(&self, plain: &str) -> Result<Vec<u8>, ClixmlError>;
    /// Decrypts the base64-decoded content of `<SS>`.
    fn decrypt(&self, data: &[u8]) -> Result<String, ClixmlError>;
}

/// Where in the input something went wrong.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Position {
    /// Byte offset from the start of the input.
    pub offset: usize,
    /// 1-based line.
    pub line: usize,
    /// 1-based column, in characters.
    pub column: usize,
}

impl Position {
    /// The position of byte `offset` in `input` (clamped to its length).
    pub fn locate(input: &str, offset: usize) -> Position {
        let mut offset = offset.min(input.len());
        while !input.is_char_boundary(offset) {
            offset -= 1;
        }
        let before = &input[..offset];
        let line = before.bytes().filter(|&b| b == b'\n').count() + 1;
        let line_start = before.rfind('\n').map_or(0, |i| i + 1);
        let column = before[line_start..].chars().count() + 1;
        Position { offset, line, column }
    }
}

impl fmt::Display for Position {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "line {}, column {} (byte {})", self.line, self.column, self.offset)
    }
}

/// Everything that can go wrong reading or writing CLIXML. Reader errors carry the position and
/// say what was expected there.
#[derive(Debug, thiserror::Error)]
pub enum ClixmlError {
    /// The input is larger than [`Limits::max_bytes`].
    #[error(
        "CLIXML input is {size} bytes, more than the limit of {limit}; raise Limits::max_bytes if the source is trusted"
    )]
    InputTooLarge {
        /// Input size.
        size: usize,
        /// The limit.
        limit: usize,
    },
    /// The input is not well-formed XML.
    #[error("{at}: malformed XML: {message}")]
    Xml {
        /// Where.
        at: Position,
        /// The XML parser's complaint.
        message: String,
    },
    /// An element appeared where it is not allowed (or is unknown).
    #[error("{at}: unexpected element <{found}> {context}; expected {expected}")]
    UnexpectedElement {
        /// Where.
        at: Position,
        /// The element found.
        found: String,
        /// Where it was found, e.g. "inside <Obj>".
        context: String,
        /// What is allowed there.
        expected: &'static str,
    },
    /// Non-whitespace text appeared where only elements are allowed.
    #[error("{at}: unexpected text {text:?} {context}; expected only elements here")]
    UnexpectedText {
        /// Where.
        at: Position,
        /// The start of the text.
        text: String,
        /// Where it was found.
        context: String,
    },
    /// The input ended (or an element closed) before something required appeared.
    #[error("{at}: {message}")]
    Missing {
        /// Where.
        at: Position,
        /// What is missing.
        message: String,
    },
    /// A required attribute is absent.
    #[error("{at}: <{element}> has no {attribute} attribute; PowerShell always writes one")]
    MissingAttribute {
        /// Where.
        at: Position,
        /// The element.
        element: String,
        /// The attribute.
        attribute: &'static str,
    },
    /// A primitive's text does not parse as its type.
    #[error("{at}: <{element}> holds {text:?}, which is not {expected}")]
    InvalidValue {
        /// Where.
        at: Position,
        /// The element.
        element: String,
        /// The offending text (shortened).
        text: String,
        /// What it should be.
        expected: &'static str,
    },
    /// An `_xHHHHHHHH_` escape names no Unicode code point.
    #[error("{at}: escape {escape:?} is not a Unicode code point (at most _x0010FFFF_)")]
    InvalidEscape {
        /// Where (the start of the element's text).
        at: Position,
        /// The escape.
        escape: String,
    },
    /// A `<Ref>` names no earlier object.
    #[error("{at}: <Ref RefId=\"{ref_id}\"> points to no earlier <Obj> in this message")]
    UnknownReference {
        /// Where.
        at: Position,
        /// The RefId.
        ref_id: String,
    },
    /// A `<Ref>` names an object that is still open: a cycle.
    #[error(
        "{at}: <Ref RefId=\"{ref_id}\"> points to an object that contains it (a cycle), which mbxctl does not represent"
    )]
    CyclicReference {
        /// Where.
        at: Position,
        /// The RefId.
        ref_id: String,
    },
    /// A `<TNRef>` names no earlier `<TN>`.
    #[error("{at}: <TNRef RefId=\"{ref_id}\"> points to no earlier <TN> in this message")]
    UnknownTypeReference {
        /// Where.
        at: Position,
        /// The RefId.
        ref_id: String,
    },
    /// Two `<Obj>` or two `<TN>` claim the same RefId.
    #[error("{at}: RefId \"{ref_id}\" is used by two <{element}> elements")]
    DuplicateRefId {
        /// Where.
        at: Position,
        /// The element kind.
        element: &'static str,
        /// The RefId.
        ref_id: String,
    },
    /// A limit of [`Limits`] was exceeded.
    #[error("{at}: {what} exceeds the limit of {limit}; raise Limits::{field} if the source is trusted")]
    LimitExceeded {
        /// Where.
        at: Position,
        /// What grew too large.
        what: &'static str,
        /// The limit's field name.
        field: &'static str,
        /// The limit.
        limit: usize,
    },
    /// `<SS>` was read without a cipher.
    #[error("{at}: <SS> (SecureString) cannot be read without the session key; pass a SecureCipher")]
    SecureStringWithoutCipher {
        /// Where.
        at: Position,
    },
    /// A SecureString was to be written without a cipher.
    #[error("a SecureString cannot be serialized without a SecureCipher (it would be sent in clear text)")]
    SecureStringNotEncrypted,
    /// The cipher failed.
    #[error("SecureString cipher: {0}")]
    Cipher(String),
    /// A value cannot be written as CLIXML PowerShell would accept.
    #[error("cannot serialize {what}: {reason}")]
    Unserializable {
        /// Which value.
        what: String,
        /// Why.
        reason: String,
    },
}

/// Serializes one value as a PSRP message body (no root, no namespace), as PowerShell does.
///
/// Returns an error only for values that cannot be written safely: a SecureString (no cipher),
/// or wire text of `DT`/`TS`/`D`/`Version` holding characters XML cannot carry.
pub fn to_string(value: &PsValue) -> Result<String, ClixmlError> {
    to_string_with(value, None)
}

/// Serializes one value as a PSRP message body, encrypting SecureStrings with `cipher`.
pub fn to_string_with(value: &PsValue, cipher: Option<&dyn SecureCipher>) -> Result<String, ClixmlError> {
    let mut w = ser::Writer::new(cipher, None);
    w.value(value, None)?;
    Ok(w.finish())
}

/// Serializes values as an `Export-Clixml` file: UTF-8 BOM (as U+FEFF, so writing the string as
/// UTF-8 gives the file's bytes), `<Objs>` root with the PowerShell namespace, CRLF, two-space
/// indentation, no final newline.
pub fn to_document(values: &[PsValue]) -> Result<String, ClixmlError> {
    to_document_with(values, None)
}

/// [`to_document`] with a cipher for SecureStrings.
pub fn to_document_with(values: &[PsValue], cipher: Option<&dyn SecureCipher>) -> Result<String, ClixmlError> {
    let mut w = ser::Writer::new(cipher, Some(ser::Pretty::default()));
    w.document(values)?;
    Ok(w.finish())
}

/// Parses one PSRP message body: exactly one element (a leading UTF-8 BOM is accepted).
pub fn from_str(xml: &str, limits: &Limits) -> Result<PsValue, ClixmlError> {
    from_str_with(xml, limits, None)
}

/// [`from_str`] with a cipher for `<SS>`.
pub fn from_str_with(xml: &str, limits: &Limits, cipher: Option<&dyn SecureCipher>) -> Result<PsValue, ClixmlError> {
    de::parse_single(xml, limits, cipher)
}

/// Parses an `Export-Clixml` document (or the `#< CLIXML` stream PowerShell writes to stderr,
/// whose first line is skipped): the values directly under `<Objs>`, in order.
pub fn from_document(xml: &str, limits: &Limits) -> Result<Vec<PsValue>, ClixmlError> {
    Ok(from_document_streams(xml, limits, None)?.into_iter().map(|i| i.value).collect())
}

/// One top-level value of a document with the stream it was written to.
#[derive(Debug, Clone, PartialEq)]
pub struct DocumentItem {
    /// The `S` attribute (`Error`, `progress`, `warning`, ...) as written; `None` for output.
    pub stream: Option<String>,
    /// The value.
    pub value: PsValue,
}

/// [`from_document`] keeping each value's stream (the `S` attribute of stderr CLIXML) and
/// accepting a cipher for `<SS>`.
pub fn from_document_streams(
    xml: &str,
    limits: &Limits,
    cipher: Option<&dyn SecureCipher>,
) -> Result<Vec<DocumentItem>, ClixmlError> {
    de::parse_document(xml, limits, cipher)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::object::{Container, Property, PsObject};
    use std::sync::Arc;

    fn parse(xml: &str) -> Result<PsValue, ClixmlError> {
        from_str(xml, &Limits::default())
    }

    fn obj(v: &PsValue) -> &PsObject {
        v.as_object().expect("an object")
    }

    #[test]
    fn reads_every_primitive() {
        let cases: Vec<(&str, PsValue)> = vec![
            ("<S>a&amp;b_x000A_</S>", PsValue::String("a&b\n".into())),
            ("<S />", PsValue::String(String::new())),
            ("<S>_xD800_</S>", PsValue::Utf16(vec![0xD800])),
            ("<C>97</C>", PsValue::Char(97)),
            ("<B>true</B>", PsValue::Bool(true)),
            ("<B>0</B>", PsValue::Bool(false)),
            (
                "<DT>2018-06-13T23:45:29.4583203+00:00</DT>",
                PsValue::DateTime("2018-06-13T23:45:29.4583203+00:00".into()),
            ),
            ("<TS>PT9.0269026S</TS>", PsValue::Duration("PT9.0269026S".into())),
            ("<By>255</By>", PsValue::U8(255)),
            ("<SB>-128</SB>", PsValue::I8(-128)),
            ("<U16>65535</U16>", PsValue::U16(65535)),
            ("<I16>-2</I16>", PsValue::I16(-2)),
            ("<U32>4294967295</U32>", PsValue::U32(u32::MAX)),
            ("<I32> -7 </I32>", PsValue::I32(-7)),
            ("<U64>18446744073709551615</U64>", PsValue::U64(u64::MAX)),
            ("<I64>-9223372036854775808</I64>", PsValue::I64(i64::MIN)),
            ("<Sg>1.5</Sg>", PsValue::Single(1.5)),
            ("<Db>1E+20</Db>", PsValue::Double(1e20)),
            ("<Db>-INF</Db>", PsValue::Double(f64::NEG_INFINITY)),
            ("<D>79228162514264337593543950335</D>", PsValue::Decimal("79228162514264337593543950335".into())),
            ("<BA>AQID</BA>", PsValue::Bytes(vec![1, 2, 3])),
            (
                "<G>7ab70c6f-cd14-48f8-aa12-9debc29d1275</G>",
                PsValue::Guid("7ab70c6f-cd14-48f8-aa12-9debc29d1275".parse().unwrap()),
            ),
            ("<URI>http://x/_x0041_</URI>", PsValue::Uri("http://x/A".into())),
            ("<Version>15.1.2375.7</Version>", PsValue::Version("15.1.2375.7".into())),
            ("<XD>&lt;a/&gt;</XD>", PsValue::Xml("<a/>".into())),
            ("<SBK>Get-Mailbox_x000A_</SBK>", PsValue::ScriptBlock("Get-Mailbox\n".into())),
            ("<Nil />", PsValue::Null),
        ];
        for (xml, want) in cases {
            assert_eq!(parse(xml).unwrap(), want, "{xml}");
            // And back: what we write reads as the same value.
            assert_eq!(parse(&to_string(&want).unwrap()).unwrap(), want, "round trip of {xml}");
        }
    }

    #[test]
    fn reads_objects_with_tn_refs_containers_and_enums() {
        let xml = r#"<Obj RefId="0"><TN RefId="0"><T>A.B</T><T>System.Object</T></TN><ToString>ab</ToString><Props><S N="P">1</S></Props><MS><Obj N="E" RefId="1"><TN RefId="1"><T>X.Enum</T><T>System.Enum</T></TN><ToString>Two</ToString><I32>2</I32></Obj><Obj N="L" RefId="2"><TNRef RefId="0" /><LST><S>a</S><Nil /><Ref RefId="1" /></LST></Obj><Obj N="D" RefId="3"><DCT><En><S N="Key">k</S><I32 N="Value">5</I32></En></DCT></Obj><Ref N="E2" RefId="1" /></MS></Obj>"#;
        let v = parse(xml).unwrap();
        let o = obj(&v);
        assert_eq!(o.type_names, ["A.B", "System.Object"]);
        assert_eq!(o.to_string.as_deref(), Some("ab"));
        assert_eq!(o.adapted, vec![Property { name: "P".into(), value: "1".into() }]);
        let e = o.get("E").unwrap();
        assert_eq!(e.as_integer(), Some(2));
        assert_eq!(e.display().as_deref(), Some("Two"));
        let l = obj(o.get("L").unwrap());
        assert_eq!(l.type_names, ["A.B", "System.Object"]);
        let items = l.container.as_ref().and_then(Container::items).unwrap();
        assert_eq!(items.len(), 3);
        assert!(items[1].is_null());
        // The Ref shares the very same object.
        let (PsValue::Object(a), PsValue::Object(b)) = (&items[2], o.get("E2").unwrap()) else { panic!() };
        assert!(Arc::ptr_eq(a, b));
        let d = obj(o.get("D").unwrap());
        assert_eq!(d.container, Some(Container::Dictionary(vec![("k".into(), PsValue::I32(5))])));
        // Re-serialized, it reads back equal and keeps the Refs as Refs.
        let again = to_string(&v).unwrap();
        assert_eq!(again.matches("<Ref ").count(), 2, "{again}");
        assert_eq!(parse(&again).unwrap(), v);
        assert_eq!(again, xml, "the writer reproduces PowerShell's layout exactly");
    }

    #[test]
    fn progress_records_round_trip() {
        let xml = "<PR N=\"Record\"><AV>Preparing modules for first use.</AV><AI>0</AI><Nil /><PI>-1</PI><PC>-1</PC><T>Completed</T><SR>-1</SR><SD> </SD></PR>";
        let wrapped = format!("<Obj RefId=\"0\"><MS>{xml}</MS></Obj>");
        let v = parse(&wrapped).unwrap();
        let pr = obj(obj(&v).get("Record").unwrap());
        assert!(pr.is_type("System.Management.Automation.ProgressRecord"));
        assert_eq!(pr.get("Activity").and_then(PsValue::as_str), Some("Preparing modules for first use."));
        assert_eq!(pr.get("RecordType").and_then(PsValue::as_str), Some("Completed"));
        assert_eq!(pr.get("PercentComplete"), Some(&PsValue::I32(-1)));
        assert!(pr.get("CurrentOperation").unwrap().is_null());
        assert_eq!(to_string(&v).unwrap(), wrapped);
    }

    #[test]
    fn documents_round_trip_with_bom_crlf_and_namespace() {
        let values = vec![
            PsValue::from(PsObject::with_types(["T.One", "System.Object"]).note("Name", "a_xb")),
            PsValue::list(["x".into(), PsValue::I32(1)]),
            PsValue::Null,
        ];
        let doc = to_document(&values).unwrap();
        assert!(doc.starts_with("\u{FEFF}<Objs Version=\"1.1.0.1\" xmlns=\"http://schemas.microsoft.com/powershell/2004/04\">\r\n  <Obj RefId=\"0\">\r\n    <TN RefId=\"0\">\r\n      <T>T.One</T>"), "{doc}");
        assert!(doc.contains("<S N=\"Name\">a_x005F_xb</S>"), "{doc}");
        assert!(doc.ends_with("  <Nil />\r\n</Objs>"), "{doc}");
        assert_eq!(from_document(&doc, &Limits::default()).unwrap(), values);
    }

    #[test]
    fn refuses_dangling_refs_and_unknown_elements() {
        let dangling = parse(r#"<Obj RefId="0"><MS><Ref N="x" RefId="9" /></MS></Obj>"#).unwrap_err();
        assert!(matches!(dangling, ClixmlError::UnknownReference { .. }), "{dangling}");
        let tn = parse(r#"<Obj RefId="0"><TNRef RefId="3" /></Obj>"#).unwrap_err();
        assert!(matches!(tn, ClixmlError::UnknownTypeReference { .. }), "{tn}");
        let unknown = parse(r#"<Obj RefId="0"><MS><Foo N="x">1</Foo></MS></Obj>"#).unwrap_err();
        assert_eq!(
            unknown.to_string(),
            "line 1, column 20 (byte 19): unexpected element <Foo> inside <MS>; expected a value element (<Obj>, <Ref>, <Nil>, <S>, <I32>, ... or <PR>)"
        );
        let no_name = parse(r#"<Obj RefId="0"><MS><S>x</S></MS></Obj>"#).unwrap_err();
        assert!(matches!(no_name, ClixmlError::MissingAttribute { attribute: "N", .. }), "{no_name}");
        let two = parse("<S>a</S><S>b</S>").unwrap_err();
        assert!(two.to_string().contains("exactly one element"), "{two}");
        let dtd = parse("<!DOCTYPE x [<!ENTITY a \"b\">]><S>&a;</S>").unwrap_err();
        assert!(dtd.to_string().contains("document type"), "{dtd}");
    }

    #[test]
    fn refuses_bad_primitive_text_with_position() {
        let e = parse("<Obj RefId=\"0\">\n<MS><I32 N=\"x\">12a</I32></MS></Obj>").unwrap_err();
        assert_eq!(
            e.to_string(),
            "line 2, column 5 (byte 20): <I32> holds \"12a\", which is not a number in range for its type"
        );
        assert!(matches!(parse("<By>256</By>").unwrap_err(), ClixmlError::InvalidValue { .. }));
        assert!(matches!(parse("<BA>!!!</BA>").unwrap_err(), ClixmlError::InvalidValue { .. }));
        assert!(matches!(parse("<G>nope</G>").unwrap_err(), ClixmlError::InvalidValue { .. }));
        assert!(matches!(parse("<B>yes</B>").unwrap_err(), ClixmlError::InvalidValue { .. }));
        assert!(matches!(parse("<S>_x00110000_</S>").unwrap_err(), ClixmlError::InvalidEscape { .. }));
        assert!(matches!(parse("<SS>AAAA</SS>").unwrap_err(), ClixmlError::SecureStringWithoutCipher { .. }));
        assert!(matches!(parse("<S>unclosed").unwrap_err(), ClixmlError::Missing { .. } | ClixmlError::Xml { .. }));
    }

    #[test]
    fn enforces_limits() {
        let limits = Limits { max_depth: 3, ..Limits::default() };
        let deep = "<Obj N=\"x\"><MS>".repeat(4) + &"</MS></Obj>".repeat(4);
        let e = from_str(&deep, &limits).unwrap_err();
        assert!(matches!(e, ClixmlError::LimitExceeded { field: "max_depth", .. }), "{e}");
        let e = from_str("<S>abc</S>", &Limits { max_bytes: 5, ..Limits::default() }).unwrap_err();
        assert!(matches!(e, ClixmlError::InputTooLarge { size: 10, limit: 5 }), "{e}");
        // A "billion laughs" chain: each object holds two references to the previous one.
        let mut laughs = String::from("<Obj RefId=\"0\"><LST><S>lol</S><S>lol</S></LST></Obj>");
        let mut xml = String::from("<Obj RefId=\"top\"><LST>");
        xml.push_str(&laughs);
        for i in 1..40 {
            laughs =
                format!("<Obj RefId=\"{i}\"><LST><Ref RefId=\"{p}\" /><Ref RefId=\"{p}\" /></LST></Obj>", p = i - 1);
            xml.push_str(&laughs);
        }
        xml.push_str("</LST></Obj>");
        let e = from_str(&xml, &Limits::default()).unwrap_err();
        assert!(matches!(e, ClixmlError::LimitExceeded { field: "max_objects", .. }), "{e}");
        let e = from_str(&xml, &Limits { max_refs: 10, ..Limits::default() }).unwrap_err();
        assert!(matches!(e, ClixmlError::LimitExceeded { field: "max_refs", .. }), "{e}");
    }

    struct Rot1;
    impl SecureCipher for Rot1 {
        fn encrypt(&self, plain: &str) -> Result<Vec<u8>, ClixmlError> {
            Ok(plain.bytes().map(|b| b.wrapping_add(1)).collect())
        }
        fn decrypt(&self, data: &[u8]) -> Result<String, ClixmlError> {
            String::from_utf8(data.iter().map(|b| b.wrapping_sub(1)).collect())
                .map_err(|e| ClixmlError::Cipher(e.to_string()))
        }
    }

    #[test]
    fn secure_strings_need_a_cipher_both_ways() {
        let v = PsValue::SecureString(crate::secret::Secret::new("P@ss"));
        assert!(matches!(to_string(&v), Err(ClixmlError::SecureStringNotEncrypted)));
        let xml = to_string_with(&v, Some(&Rot1)).unwrap();
        assert_eq!(xml, "<SS>UUF0dA==</SS>");
        let back = from_str_with(&xml, &Limits::default(), Some(&Rot1)).unwrap();
        let PsValue::SecureString(s) = back else { panic!() };
        assert_eq!(s.expose(), "P@ss");
    }

    #[test]
    fn hostile_inputs_fail_fast_without_overflowing_the_stack() {
        // 200,000 nested objects: refused at the depth limit, read with an explicit stack.
        let deep = "<Obj N=\"x\"><MS>".repeat(200_000);
        let e = parse(&deep).unwrap_err();
        assert!(matches!(e, ClixmlError::LimitExceeded { field: "max_depth", .. }), "{e}");
        // Deep lists with no objects in between are impossible: every container lives in an <Obj>.
        let e = parse(&"<LST>".repeat(10)).unwrap_err();
        assert!(matches!(e, ClixmlError::UnexpectedElement { .. }), "{e}");
        // A huge number, a huge RefId, an entity, a text child inside a primitive.
        let big = format!("<I64>{}</I64>", "9".repeat(100_000));
        assert!(matches!(parse(&big).unwrap_err(), ClixmlError::InvalidValue { .. }));
        let e = parse(&format!("<Ref RefId=\"{}\" />", "1".repeat(10_000))).unwrap_err();
        assert!(matches!(e, ClixmlError::UnknownReference { .. }), "{e}");
        assert!(matches!(parse("<S>&bogus;</S>").unwrap_err(), ClixmlError::Xml { .. }));
        assert!(matches!(parse("<S><S>x</S></S>").unwrap_err(), ClixmlError::UnexpectedElement { .. }));
        assert!(matches!(parse("<S>x</T>").unwrap_err(), ClixmlError::Xml { .. }));
        assert!(matches!(parse("text").unwrap_err(), ClixmlError::UnexpectedText { .. }));
        assert!(matches!(parse("").unwrap_err(), ClixmlError::Missing { .. }));
        // The TNRef copy budget: one large type-name list referenced many times.
        let names = format!("<T>{}</T>", "N".repeat(10_000));
        let mut xml = format!("<Obj RefId=\"r\"><TN RefId=\"0\">{names}</TN><LST>");
        for _ in 0..200 {
            xml.push_str("<Obj><TNRef RefId=\"0\" /></Obj>");
        }
        xml.push_str("</LST></Obj>");
        let e = from_str(&xml, &Limits { max_bytes: 1 << 20, ..Limits::default() }).unwrap_err();
        assert!(matches!(e, ClixmlError::LimitExceeded { field: "max_bytes", .. }), "{e}");
        // Dictionary entries need both halves.
        let e = parse("<Obj><DCT><En><S N=\"Key\">k</S></En></DCT></Obj>").unwrap_err();
        assert!(matches!(e, ClixmlError::Missing { .. }), "{e}");
    }

    mod properties {
        use super::super::*;
        use crate::object::{Container, Property, PsObject};
        use proptest::prelude::*;

        fn text() -> impl Strategy<Value = String> {
            prop_oneof![
                "\\PC{0,12}",
                any::<String>(),
                proptest::collection::vec(
                    prop_oneof![
                        Just("_x".to_string()),
                        Just("_X0041_".into()),
                        Just("\r\n".into()),
                        Just("&<>\"".into()),
                        Just("\u{1F600}".into()),
                        Just("\u{FFFE}".into()),
                        Just("\u{85}".into()),
                        "[a-z_ ]{0,3}"
                    ],
                    0..6
                )
                .prop_map(|parts| parts.concat()),
            ]
        }

        fn raw_text() -> impl Strategy<Value = String> {
            "[0-9A-Za-z:.+ -]{0,24}"
        }

        fn primitive() -> impl Strategy<Value = PsValue> {
            prop_oneof![
                Just(PsValue::Null),
                text().prop_map(PsValue::String),
                proptest::collection::vec(any::<u16>(), 1..8)
                    .prop_filter("a lone surrogate", |u| String::from_utf16(u).is_err())
                    .prop_map(PsValue::Utf16),
                any::<u16>().prop_map(PsValue::Char),
                any::<bool>().prop_map(PsValue::Bool),
                raw_text().prop_map(PsValue::DateTime),
                raw_text().prop_map(PsValue::Duration),
                any::<u8>().prop_map(PsValue::U8),
                any::<i8>().prop_map(PsValue::I8),
                any::<u16>().prop_map(PsValue::U16),
                any::<i16>().prop_map(PsValue::I16),
                any::<u32>().prop_map(PsValue::U32),
                any::<i32>().prop_map(PsValue::I32),
                any::<u64>().prop_map(PsValue::U64),
                any::<i64>().prop_map(PsValue::I64),
                any::<f32>().prop_filter("NaN is not equal to itself", |f| !f.is_nan()).prop_map(PsValue::Single),
                any::<f64>().prop_filter("NaN is not equal to itself", |f| !f.is_nan()).prop_map(PsValue::Double),
                raw_text().prop_map(PsValue::Decimal),
                proptest::collection::vec(any::<u8>(), 0..24).prop_map(PsValue::Bytes),
                any::<u128>().prop_map(|n| PsValue::Guid(uuid::Uuid::from_u128(n))),
                text().prop_map(PsValue::Uri),
                raw_text().prop_map(PsValue::Version),
                text().prop_map(PsValue::Xml),
                text().prop_map(PsValue::ScriptBlock),
            ]
        }

        fn value() -> impl Strategy<Value = PsValue> {
            primitive().prop_recursive(4, 48, 6, |inner| {
                let inner_props = inner.clone();
                let props = move || {
                    proptest::collection::vec(
                        (text(), inner_props.clone()).prop_map(|(name, value)| Property { name, value }),
                        0..4,
                    )
                };
                let container = prop_oneof![
                    Just(None),
                    proptest::collection::vec(inner.clone(), 0..4).prop_map(|v| Some(Container::List(v))),
                    proptest::collection::vec(inner.clone(), 0..3).prop_map(|v| Some(Container::Enumerable(v))),
                    proptest::collection::vec(inner.clone(), 0..3).prop_map(|v| Some(Container::Stack(v))),
                    proptest::collection::vec(inner.clone(), 0..3).prop_map(|v| Some(Container::Queue(v))),
                    proptest::collection::vec((inner.clone(), inner.clone()), 0..3)
                        .prop_map(|v| Some(Container::Dictionary(v))),
                ];
                (
                    proptest::collection::vec(text(), 0..3),
                    proptest::option::of(text()),
                    proptest::option::of(primitive()),
                    props(),
                    props(),
                    container,
                )
                    .prop_map(|(type_names, to_string, base, adapted, extended, container)| {
                        let type_names = type_names.into();
                        PsValue::from(PsObject { type_names, to_string, base, adapted, extended, container })
                    })
            })
        }

        proptest! {
            #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

            #[test]
            fn any_value_round_trips(v in value()) {
                let xml = to_string(&v).unwrap();
                prop_assert_eq!(from_str(&xml, &Limits::default()).unwrap(), v.clone());
                let doc = to_document(std::slice::from_ref(&v)).unwrap();
                prop_assert_eq!(from_document(&doc, &Limits::default()).unwrap(), vec![v]);
            }

            #[test]
            fn arbitrary_text_never_panics(s in any::<String>()) {
                let _ = from_str(&s, &Limits::default());
                let _ = from_document(&s, &Limits::default());
            }

            #[test]
            fn arbitrary_bytes_never_panic(b in proptest::collection::vec(any::<u8>(), 0..256)) {
                let s = String::from_utf8_lossy(&b);
                let _ = from_str(&s, &Limits::default());
            }

            #[test]
            fn clixml_shaped_noise_never_panics(parts in proptest::collection::vec(prop_oneof![
                Just("<Obj RefId=\"0\">"), Just("<Obj N=\"a\" RefId=\"1\">"), Just("</Obj>"), Just("<MS>"), Just("</MS>"),
                Just("<Props>"), Just("</Props>"), Just("<LST>"), Just("</LST>"), Just("<DCT>"), Just("</DCT>"),
                Just("<En>"), Just("</En>"), Just("<S N=\"Key\">k</S>"), Just("<I32 N=\"Value\">1</I32>"),
                Just("<TN RefId=\"0\"><T>x</T></TN>"), Just("<TNRef RefId=\"0\" />"), Just("<Ref RefId=\"0\" />"),
                Just("<Ref N=\"r\" RefId=\"1\" />"), Just("<Nil />"), Just("<ToString>t</ToString>"), Just("<I32>5</I32>"),
                Just("<PR><AV>a</AV><AI>1</AI><Nil /><PI>-1</PI><PC>5</PC><T>Processing</T><SR>-1</SR><SD>s</SD></PR>"),
                Just("<PR>"), Just("</PR>"), Just("<BA>AQ=</BA>"), Just("<S>_xD800_</S>"), Just("&amp;"), Just(" "),
            ], 0..40)) {
                let xml = parts.concat();
                if let Ok(v) = from_str(&xml, &Limits::default()) {
                    // Whatever reads must write and read back to the same value.
                    let again = to_string(&v).unwrap();
                    prop_assert_eq!(from_str(&again, &Limits::default()).unwrap(), v);
                }
            }
        }
    }
}
