//! PowerShell's string escaping (`_xHHHH_`, MS-PSRP 2.2.5.1.1, `EncodeString`/`DecodeName`)
//! combined with XML text escaping, in one pass each way.

use std::borrow::Cow;

/// A decoded string: valid Unicode, or UTF-16 code units holding a lone surrogate.
#[derive(Debug, PartialEq)]
pub(crate) enum Decoded<'a> {
    Str(Cow<'a, str>),
    Utf16(Vec<u16>),
}

/// An `_xHHHHHHHH_` escape above U+10FFFF.
#[derive(Debug, PartialEq)]
pub(crate) struct BadEscape(pub String);

const HEX: &[u8; 16] = b"0123456789ABCDEF";

fn push_escape(out: &mut String, unit: u16) {
    out.push_str("_x");
    for shift in [12, 8, 4, 0] {
        out.push(HEX[((unit >> shift) & 0xF) as usize] as char);
    }
    out.push('_');
}

/// Whether PowerShell escapes this code unit (C0, DEL and C1 controls, surrogates). U+FFFE and
/// U+FFFF are added because XML cannot carry them at all (PowerShell's writer would throw).
fn needs_escape(unit: u32) -> bool {
    unit <= 0x1F || (0x7F..=0x9F).contains(&unit) || (0xD800..=0xDFFF).contains(&unit) || unit >= 0xFFFE
}

/// Whether a byte may start something that needs work; everything else is copied verbatim.
fn special_byte(b: u8) -> bool {
    !(0x20..0x7F).contains(&b) || matches!(b, b'&' | b'<' | b'>' | b'"' | b'_')
}

/// Appends `s` encoded as PowerShell's serializer writes a string (EncodeString), XML-escaped
/// for element text, or for a double-quoted attribute when `attribute` is set.
pub(crate) fn encode_into(out: &mut String, s: &str, attribute: bool) {
    let bytes = s.as_bytes();
    let Some(first) = bytes.iter().position(|&b| special_byte(b)) else {
        out.push_str(s);
        return;
    };
    out.push_str(&s[..first]);
    let mut chars = s[first..].chars().peekable();
    while let Some(c) = chars.next() {
        let cp = c as u32;
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' if attribute => out.push_str("&quot;"),
            '_' if matches!(chars.peek(), Some('x' | 'X')) => out.push_str("_x005F_"),
            _ if cp > 0xFFFF => {
                let mut units = [0u16; 2];
                for u in c.encode_utf16(&mut units) {
                    push_escape(out, *u);
                }
            }
            _ if needs_escape(cp) => push_escape(out, cp as u16),
            _ => out.push(c),
        }
    }
}

/// Appends UTF-16 code units (possibly holding lone surrogates) encoded like [`encode_into`].
pub(crate) fn encode_utf16_into(out: &mut String, units: &[u16], attribute: bool) {
    let mut i = 0;
    while i < units.len() {
        let u = units[i];
        let next = units.get(i + 1).copied();
        i += 1;
        match u {
            0x26 => out.push_str("&amp;"),
            0x3C => out.push_str("&lt;"),
            0x3E => out.push_str("&gt;"),
            0x22 if attribute => out.push_str("&quot;"),
            0x5F if matches!(next, Some(0x78 | 0x58)) => out.push_str("_x005F_"),
            _ if needs_escape(u as u32) => push_escape(out, u),
            _ => out.push(char::from_u32(u as u32).unwrap_or(char::REPLACEMENT_CHARACTER)),
        }
    }
}

fn hex_value(bytes: &[u8]) -> Option<u32> {
    let mut v = 0u32;
    for &b in bytes {
        v = (v << 4) | (b as char).to_digit(16)?;
    }
    Some(v)
}

/// Recognizes an escape at the start of `rest` (which begins with `_x` or `_X`): returns the
/// code point (or code unit) and the escape's length.
fn escape_at(rest: &[u8]) -> Option<(u32, usize)> {
    if rest.len() >= 7
        && rest[6] == b'_'
        && let Some(v) = hex_value(&rest[2..6])
    {
        return Some((v, 7));
    }
    if rest.len() >= 11
        && rest[10] == b'_'
        && let Some(v) = hex_value(&rest[2..10])
    {
        return Some((v, 11));
    }
    None
}

/// Decodes `_xHHHH_` escapes as `XmlConvert.DecodeName` does. Text without escapes is borrowed.
pub(crate) fn decode(s: &str) -> Result<Decoded<'_>, BadEscape> {
    // Most text has no underscore at all: one memchr-speed scan settles it.
    let bytes = s.as_bytes();
    if !bytes.contains(&b'_') || !bytes.windows(2).any(|w| w[0] == b'_' && (w[1] == b'x' || w[1] == b'X')) {
        return Ok(Decoded::Str(Cow::Borrowed(s)));
    }
    let units = decode_units(s)?;
    match String::from_utf16(&units) {
        Ok(text) => Ok(Decoded::Str(Cow::Owned(text))),
        Err(_) => Ok(Decoded::Utf16(units)),
    }
}

/// Decodes to UTF-16 code units; surrogates from escapes are re-paired by `String::from_utf16`.
fn decode_units(s: &str) -> Result<Vec<u16>, BadEscape> {
    let bytes = s.as_bytes();
    let mut units = Vec::with_capacity(s.len());
    let mut i = 0;
    let mut literal_start = 0;
    while i < bytes.len() {
        if bytes[i] == b'_'
            && i + 1 < bytes.len()
            && (bytes[i + 1] == b'x' || bytes[i + 1] == b'X')
            && let Some((v, len)) = escape_at(&bytes[i..])
        {
            units.extend(s[literal_start..i].encode_utf16());
            if v <= 0xFFFF {
                units.push(v as u16);
            } else {
                let c = char::from_u32(v).ok_or_else(|| BadEscape(s[i..i + len].to_string()))?;
                let mut pair = [0u16; 2];
                units.extend_from_slice(c.encode_utf16(&mut pair));
            }
            i += len;
            literal_start = i;
            continue;
        }
        i += 1;
    }
    units.extend(s[literal_start..].encode_utf16());
    Ok(units)
}

/// Decodes to a `String`, replacing lone surrogates with U+FFFD (for display text such as type
/// names, property names and `ToString`).
pub(crate) fn decode_lossy(s: &str) -> Result<Cow<'_, str>, BadEscape> {
    Ok(match decode(s)? {
        Decoded::Str(s) => s,
        Decoded::Utf16(u) => Cow::Owned(String::from_utf16_lossy(&u)),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn enc(s: &str) -> String {
        let mut out = String::new();
        encode_into(&mut out, s, false);
        out
    }

    #[test]
    fn encodes_controls_surrogates_and_underscore_before_x() {
        assert_eq!(enc("a\r\nb"), "a_x000D__x000A_b");
        assert_eq!(enc("\u{1D11E}"), "_xD834__xDD1E_");
        assert_eq!(enc("_x_X_y_"), "_x005F_x_x005F_X_y_");
        assert_eq!(enc("<a&b>\"\u{85}\u{7F}"), "&lt;a&amp;b&gt;\"_x0085__x007F_");
        let mut attr = String::new();
        encode_into(&mut attr, "a\"b", true);
        assert_eq!(attr, "a&quot;b");
        assert_eq!(enc("plain ascii"), "plain ascii");
        assert_eq!(enc("é ü 日本"), "é ü 日本");
    }

    #[test]
    fn decodes_like_decode_name() {
        assert_eq!(decode("a_x000D__x000A_b").unwrap(), Decoded::Str("a\r\nb".into()));
        assert_eq!(decode("_xD834__xDD1E_").unwrap(), Decoded::Str("\u{1D11E}".into()));
        assert_eq!(decode("_X0041_").unwrap(), Decoded::Str("A".into()));
        assert_eq!(decode("_x0001D11E_").unwrap(), Decoded::Str("\u{1D11E}".into()));
        // Not an escape: stays literal, as XmlConvert.DecodeName leaves it.
        assert_eq!(decode("_x12G4_ _x41_ _x").unwrap(), Decoded::Str("_x12G4_ _x41_ _x".into()));
        assert_eq!(decode("_xD800_").unwrap(), Decoded::Utf16(vec![0xD800]));
        assert_eq!(decode("a_xDC00_b").unwrap(), Decoded::Utf16(vec![0x61, 0xDC00, 0x62]));
        assert_eq!(decode("_x00110000_"), Err(BadEscape("_x00110000_".into())));
        assert_eq!(decode_lossy("_xD800_").unwrap(), "\u{FFFD}");
    }

    #[test]
    fn utf16_round_trip_keeps_lone_surrogates() {
        let units = vec![0x41, 0xD800, 0x5F, 0x78, 0xDC00];
        let mut out = String::new();
        encode_utf16_into(&mut out, &units, false);
        assert_eq!(out, "A_xD800__x005F_x_xDC00_");
        assert_eq!(decode(&out).unwrap(), Decoded::Utf16(units));
    }
}
