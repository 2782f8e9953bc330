//! The reader's primitive values (MS-PSRP 2.2.5.1): which elements are primitives, and how each one's text
//! becomes a [`PsValue`] (numbers, GUIDs, base64, SecureString), with errors naming the element and the text.

use super::ClixmlError;
use super::de::{PROTECTED_TEXT, Parser, shorten};
use super::escape::{self, Decoded};
use crate::object::{PsObject, PsValue};
use crate::secret::Secret;
use base64::Engine as _;
use std::borrow::Cow;

/// Primitive element kinds (MS-PSRP 2.2.5.1).
/// Named after the CLIXML tags, hence the upper-case acronyms.
#[allow(clippy::upper_case_acronyms)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Prim {
    S,
    C,
    B,
    DT,
    TS,
    By,
    SB,
    U16,
    I16,
    U32,
    I32,
    U64,
    I64,
    Sg,
    Db,
    D,
    BA,
    G,
    URI,
    Version,
    XD,
    SBK,
    SS,
}

pub(super) fn prim_of(tag: &[u8]) -> Option<Prim> {
    Some(match tag {
        b"S" => Prim::S,
        b"C" => Prim::C,
        b"B" => Prim::B,
        b"DT" => Prim::DT,
        b"TS" => Prim::TS,
        b"By" => Prim::By,
        b"SB" => Prim::SB,
        b"U16" => Prim::U16,
        b"I16" => Prim::I16,
        b"U32" => Prim::U32,
        b"I32" => Prim::I32,
        b"U64" => Prim::U64,
        b"I64" => Prim::I64,
        b"Sg" => Prim::Sg,
        b"Db" => Prim::Db,
        b"D" => Prim::D,
        b"BA" => Prim::BA,
        b"G" => Prim::G,
        b"URI" => Prim::URI,
        b"Version" => Prim::Version,
        b"XD" => Prim::XD,
        b"SBK" => Prim::SBK,
        b"SS" => Prim::SS,
        _ => return None,
    })
}

impl Parser<'_, '_> {
    pub(super) fn number<T: std::str::FromStr>(&self, tag: &str, text: &str, at: usize) -> Result<T, ClixmlError> {
        text.trim_matches(|c| matches!(c, ' ' | '\t' | '\r' | '\n')).parse().map_err(|_| ClixmlError::InvalidValue {
            at: self.pos(at),
            element: tag.into(),
            text: shorten(text),
            expected: "a number in range for its type",
        })
    }

    fn invalid(&self, tag: &str, text: &str, at: usize, expected: &'static str) -> ClixmlError {
        ClixmlError::InvalidValue { at: self.pos(at), element: tag.into(), text: shorten(text), expected }
    }

    pub(super) fn primitive(&self, prim: Prim, text: &str, at: usize) -> Result<PsValue, ClixmlError> {
        let trimmed = text.trim_matches(|c| matches!(c, ' ' | '\t' | '\r' | '\n'));
        let bad_escape = |b: escape::BadEscape| ClixmlError::InvalidEscape { at: self.pos(at), escape: b.0 };
        let lossy = |t: &str| escape::decode_lossy(t).map(Cow::into_owned).map_err(bad_escape);
        Ok(match prim {
            Prim::S => match escape::decode(text).map_err(bad_escape)? {
                Decoded::Str(s) => PsValue::String(s.into_owned()),
                Decoded::Utf16(u) => PsValue::Utf16(u),
            },
            Prim::C => PsValue::Char(self.number("C", text, at)?),
            Prim::B => match trimmed {
                "true" | "1" => PsValue::Bool(true),
                "false" | "0" => PsValue::Bool(false),
                _ => return Err(self.invalid("B", text, at, "true or false")),
            },
            Prim::DT => PsValue::DateTime(text.to_string()),
            Prim::TS => PsValue::Duration(text.to_string()),
            Prim::D => PsValue::Decimal(text.to_string()),
            Prim::Version => PsValue::Version(text.to_string()),
            Prim::By => PsValue::U8(self.number("By", text, at)?),
            Prim::SB => PsValue::I8(self.number("SB", text, at)?),
            Prim::U16 => PsValue::U16(self.number("U16", text, at)?),
            Prim::I16 => PsValue::I16(self.number("I16", text, at)?),
            Prim::U32 => PsValue::U32(self.number("U32", text, at)?),
            Prim::I32 => PsValue::I32(self.number("I32", text, at)?),
            Prim::U64 => PsValue::U64(self.number("U64", text, at)?),
            Prim::I64 => PsValue::I64(self.number("I64", text, at)?),
            Prim::Sg => PsValue::Single(parse_float(trimmed).ok_or_else(|| self.invalid("Sg", text, at, "a float"))?),
            Prim::Db => PsValue::Double(parse_float(trimmed).ok_or_else(|| self.invalid("Db", text, at, "a double"))?),
            Prim::BA => PsValue::Bytes(self.base64("BA", text, at)?),
            Prim::G => {
                PsValue::Guid(uuid::Uuid::try_parse(trimmed).map_err(|_| self.invalid("G", text, at, "a GUID"))?)
            }
            Prim::URI => PsValue::Uri(lossy(text)?),
            Prim::XD => PsValue::Xml(lossy(text)?),
            Prim::SBK => PsValue::ScriptBlock(lossy(text)?),
            Prim::SS if self.cipher.is_none() && self.document_mode => {
                // An Export-Clixml file's SecureString is DPAPI-protected for the user and machine that wrote
                // it: it stays opaque (never decrypted here), and the rest of the document still reads.
                PsValue::from(
                    PsObject {
                        type_names: ["System.Security.SecureString", "System.Object"].into(),
                        to_string: Some("System.Security.SecureString".into()),
                        ..PsObject::default()
                    }
                    .note(PROTECTED_TEXT, PsValue::String(text.trim().to_string())),
                )
            }
            Prim::SS => {
                let cipher = self.cipher.ok_or_else(|| ClixmlError::SecureStringWithoutCipher { at: self.pos(at) })?;
                let data = self.base64("SS", text, at)?;
                PsValue::SecureString(Secret::new(cipher.decrypt(&data)?))
            }
        })
    }

    fn base64(&self, tag: &str, text: &str, at: usize) -> Result<Vec<u8>, ClixmlError> {
        let engine = &base64::engine::general_purpose::STANDARD;
        let result = if text.bytes().any(|b| b.is_ascii_whitespace()) {
            let compact: String = text.chars().filter(|c| !c.is_ascii_whitespace()).collect();
            engine.decode(compact)
        } else {
            engine.decode(text)
        };
        result.map_err(|_| self.invalid(tag, text, at, "standard base64"))
    }
}

/// `XmlConvert.ToDouble`: `INF`, `-INF`, `NaN`, or a decimal/scientific number.
/// Parsed directly as the target width, so single-precision values round-trip exactly.
fn parse_float<F: std::str::FromStr + From<f32>>(s: &str) -> Option<F> {
    match s {
        "INF" => Some(F::from(f32::INFINITY)),
        "-INF" => Some(F::from(f32::NEG_INFINITY)),
        "NaN" => Some(F::from(f32::NAN)),
        _ if s.bytes().all(|b| b.is_ascii_digit() || matches!(b, b'.' | b'e' | b'E' | b'+' | b'-')) => s.parse().ok(),
        _ => None,
    }
}
