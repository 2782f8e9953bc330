//! Reading text files as admins produce them on Windows: UTF-8 with or without BOM, UTF-16 LE
//! or BE with BOM (what Windows PowerShell 5.1's `Out-File` and `Export-Csv -Encoding Unicode`
//! write), CRLF or LF; and scripts as Windows PowerShell 5.1 reads them ([`read_script`]), in
//! whatever Windows code page they were saved in (decoded with `encoding_rs`).

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

/// How a script file was read, as [`read_script`] reports it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ScriptEncoding {
    /// UTF-8 with a byte-order mark.
    Utf8Bom,
    /// UTF-8 without a byte-order mark (valid UTF-8, or plain ASCII).
    Utf8,
    /// UTF-16 with a byte-order mark; `true` = little-endian.
    Utf16Bom(bool),
    /// UTF-16 without a byte-order mark, recognised by its zero bytes; `true` = little-endian.
    Utf16NoBom(bool),
    /// A Windows ANSI code page (not valid UTF-8, no BOM): what Windows PowerShell 5.1 assumes.
    CodePage(&'static encoding_rs::Encoding),
}

impl std::fmt::Display for ScriptEncoding {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let endian = |le: bool| if le { "LE" } else { "BE" };
        match self {
            ScriptEncoding::Utf8Bom => write!(f, "UTF-8 (with BOM)"),
            ScriptEncoding::Utf8 => write!(f, "UTF-8"),
            ScriptEncoding::Utf16Bom(le) => write!(f, "UTF-16 {} (with BOM)", endian(*le)),
            ScriptEncoding::Utf16NoBom(le) => write!(f, "UTF-16 {} (no BOM)", endian(*le)),
            ScriptEncoding::CodePage(e) => write!(f, "{} (not valid UTF-8, no BOM)", e.name().to_ascii_lowercase()),
        }
    }
}

/// Finds an ANSI code page by its label (`windows-1252`, `1252`, `cp1252`, `latin1`, `shift_jis`,
/// ...), as `--encoding` takes it.
pub fn code_page(label: &str) -> Option<&'static encoding_rs::Encoding> {
    let l = label.trim().to_ascii_lowercase();
    let l = l.strip_prefix("cp").map(|n| format!("windows-{n}")).unwrap_or(l);
    let l = if l.chars().all(|c| c.is_ascii_digit()) { format!("windows-{l}") } else { l };
    encoding_rs::Encoding::for_label(l.as_bytes())
}

/// Reads a script as Windows PowerShell 5.1 reads it: the BOM when there is one; else UTF-16
/// without a BOM when the zero bytes say so; else UTF-8 when the bytes are valid UTF-8; else the
/// ANSI code page `ansi` (Windows-1252, Western European, unless told otherwise). Never fails:
/// a code page decodes any bytes. The BOM is removed; line endings are kept.
pub fn read_script(bytes: &[u8], ansi: Option<&'static encoding_rs::Encoding>) -> (String, ScriptEncoding) {
    if bytes.starts_with(b"\xEF\xBB\xBF") {
        if let Ok(s) = std::str::from_utf8(&bytes[3..]) {
            return (s.to_string(), ScriptEncoding::Utf8Bom);
        }
    } else if let Some(le) = match bytes {
        [0xFF, 0xFE, ..] => Some(true),
        [0xFE, 0xFF, ..] => Some(false),
        _ => None,
    } {
        let (s, _) =
            if le { encoding_rs::UTF_16LE } else { encoding_rs::UTF_16BE }.decode_without_bom_handling(&bytes[2..]);
        return (s.into_owned(), ScriptEncoding::Utf16Bom(le));
    }
    if let Some(le) = utf16_without_bom(bytes) {
        let (s, _) = if le { encoding_rs::UTF_16LE } else { encoding_rs::UTF_16BE }.decode_without_bom_handling(bytes);
        return (s.into_owned(), ScriptEncoding::Utf16NoBom(le));
    }
    if let Ok(s) = std::str::from_utf8(bytes) {
        return (s.to_string(), ScriptEncoding::Utf8);
    }
    let enc = ansi.unwrap_or(encoding_rs::WINDOWS_1252);
    let (s, _) = enc.decode_without_bom_handling(bytes);
    (s.into_owned(), ScriptEncoding::CodePage(enc))
}

/// Where (the character's index) a decoded script holds its first NUL character, when its
/// first 8,000 characters hold several: text does not (UTF-16 is decoded before this is asked),
/// so it is a binary file, an archive or UTF-32, which PowerShell would not read as a script
/// either. One or two stray NULs (an editor's padding) are left to the reader, as PowerShell
/// leaves them to its tokenizer.
pub fn binary_at(text: &str) -> Option<usize> {
    let (mut first, mut count) = (None, 0);
    for (i, c) in text.chars().take(8000).enumerate() {
        if c == '\0' {
            first.get_or_insert(i);
            count += 1;
        }
    }
    if count >= 3 { first } else { None }
}

/// Whether BOM-less bytes are UTF-16, and which byte order: text in UTF-16 has a zero byte in
/// most code units (every ASCII character), on one side; UTF-8 and code pages have none.
fn utf16_without_bom(bytes: &[u8]) -> Option<bool> {
    let sample = &bytes[..bytes.len().min(4096) & !1];
    if sample.len() < 4 {
        return None;
    }
    let pairs = sample.len() / 2;
    let even = sample.iter().step_by(2).filter(|&&b| b == 0).count();
    let odd = sample.iter().skip(1).step_by(2).filter(|&&b| b == 0).count();
    if odd * 10 >= pairs * 3 && even * 10 < pairs {
        Some(true)
    } else if even * 10 >= pairs * 3 && odd * 10 < pairs {
        Some(false)
    } else {
        None
    }
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

    fn utf16(text: &str, le: bool) -> Vec<u8> {
        text.encode_utf16().flat_map(|u| if le { u.to_le_bytes() } else { u.to_be_bytes() }).collect()
    }

    #[test]
    fn scripts_are_read_as_windows_powershell_reads_them() {
        // Windows-1252 without a BOM (Windows PowerShell 5.1's default): "Müller – café".
        let ansi = b"Set-Mailbox 'M\xFCller' -DisplayName 'caf\xE9 \x96 x'";
        let (s, e) = read_script(ansi, None);
        assert_eq!(s, "Set-Mailbox 'Müller' -DisplayName 'café – x'");
        assert_eq!(e.to_string(), "windows-1252 (not valid UTF-8, no BOM)");
        // Another code page when asked.
        let (s, e) = read_script(b"'\xC0'", code_page("1251"));
        assert_eq!((s.as_str(), e), ("'А'", ScriptEncoding::CodePage(encoding_rs::WINDOWS_1251)));
        // UTF-8, with and without BOM.
        assert_eq!(read_script("'é'".as_bytes(), None), ("'é'".to_string(), ScriptEncoding::Utf8));
        assert_eq!(read_script(b"\xEF\xBB\xBFx", None), ("x".to_string(), ScriptEncoding::Utf8Bom));
        // UTF-16 with BOM, and without (LE and BE).
        let mut b = vec![0xFF, 0xFE];
        b.extend(utf16("Get-Mailbox", true));
        assert_eq!(read_script(&b, None), ("Get-Mailbox".to_string(), ScriptEncoding::Utf16Bom(true)));
        let text = "Get-Mailbox -Identity 'Zoë'\r\n";
        assert_eq!(read_script(&utf16(text, true), None), (text.to_string(), ScriptEncoding::Utf16NoBom(true)));
        assert_eq!(read_script(&utf16(text, false), None), (text.to_string(), ScriptEncoding::Utf16NoBom(false)));
        // Labels.
        assert_eq!(code_page("cp1252"), Some(encoding_rs::WINDOWS_1252));
        assert_eq!(code_page("latin1"), Some(encoding_rs::WINDOWS_1252));
        assert_eq!(code_page("nonsense"), None);
    }

    #[test]
    fn binary_files_are_told_apart_from_scripts() {
        let (s, _) = read_script(b"PK\x03\x04\x14\0\0\0\x08\0zip", None);
        assert_eq!(binary_at(&s), Some(5));
        // A stray NUL or two at the end of a script: still a script.
        assert_eq!(binary_at("Get-Mailbox kim\0\0"), None);
        // UTF-16 has zero bytes but no NUL characters once decoded.
        let (s, _) = read_script(&utf16("Get-Mailbox kim\r\n", true), None);
        assert_eq!(binary_at(&s), None);
        assert_eq!(binary_at("Set-Mailbox kim -Type Shared"), None);
    }
}
