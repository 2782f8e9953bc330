//! Reading text files as admins produce them on Windows: UTF-8 with or without BOM, UTF-16 LE
//! or BE with BOM (what Windows PowerShell 5.1's `Out-File` and `Export-Csv -Encoding Unicode`
//! write), CRLF or LF.

/// Why bytes are not readable text.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum DecodeError {
    /// Not valid UTF-8 (and no UTF-16 BOM).
    #[error("not valid UTF-8 at byte {offset}; save the file as UTF-8 or UTF-16 with a BOM")]
    Utf8 {
        /// First bad byte.
        offset: usize,
    },
    /// A UTF-16 file with an odd number of bytes or an unpaired surrogate.
    #[error("not valid UTF-16 ({0})")]
    Utf16(&'static str),
}

/// Decodes a text file, detecting the encoding from its BOM; the BOM is removed, line endings
/// are kept as they are.
pub fn decode(bytes: &[u8]) -> Result<String, DecodeError> {
    let utf16 = decode_utf16;
    match bytes {
        [0xEF, 0xBB, 0xBF, rest @ ..] => {
            String::from_utf8(rest.to_vec()).map_err(|e| DecodeError::Utf8 { offset: e.utf8_error().valid_up_to() + 3 })
        }
        [0xFF, 0xFE, rest @ ..] => utf16(rest, true),
        [0xFE, 0xFF, rest @ ..] => utf16(rest, false),
        _ => String::from_utf8(bytes.to_vec()).map_err(|e| DecodeError::Utf8 { offset: e.utf8_error().valid_up_to() }),
    }
}

/// Decodes UTF-16 without a BOM, little- or big-endian.
pub fn decode_utf16(bytes: &[u8], little_endian: bool) -> Result<String, DecodeError> {
    if !bytes.len().is_multiple_of(2) {
        return Err(DecodeError::Utf16("odd number of bytes"));
    }
    let units: Vec<u16> = bytes
        .chunks_exact(2)
        .map(|c| if little_endian { u16::from_le_bytes([c[0], c[1]]) } else { u16::from_be_bytes([c[0], c[1]]) })
        .collect();
    String::from_utf16(&units).map_err(|_| DecodeError::Utf16("unpaired surrogate"))
}

/// Whether `bytes` start with a UTF-8 or UTF-16 byte-order mark.
pub fn has_bom(bytes: &[u8]) -> bool {
    bytes.starts_with(b"\xEF\xBB\xBF") || bytes.starts_with(b"\xFF\xFE") || bytes.starts_with(b"\xFE\xFF")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn detects_boms() {
        assert_eq!(decode(b"\xEF\xBB\xBFabc").unwrap(), "abc");
        assert_eq!(decode(&[0xFF, 0xFE, b'a', 0, b'\n', 0]).unwrap(), "a\n");
        assert_eq!(decode(&[0xFE, 0xFF, 0, b'a']).unwrap(), "a");
        assert_eq!(decode(b"plain\r\n").unwrap(), "plain\r\n");
        assert_eq!(decode(b"ab\xFF").unwrap_err(), DecodeError::Utf8 { offset: 2 });
        assert!(decode(&[0xFF, 0xFE, b'a']).is_err());
    }
}
