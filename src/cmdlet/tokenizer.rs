//! The lexical layer of the PowerShell reader: character classes and the scanners for strings,
//! variables, numbers, bare words and comments.
//!
//! Everything here follows PowerShell's own tokenizer (PowerShell/PowerShell,
//! `src/System.Management.Automation/engine/parser/`):
//! - character classes: `CharTraits.cs` (`s_traits`, `IsWhitespace`, `IsDash`, `IsSingleQuote`,
//!   `IsDoubleQuote`, `IsVariableStart`, `IsIdentifierStart/Follow`, `ForceStartNewToken`,
//!   `ForceStartNewTokenAfterNumber`);
//! - scanners: `tokenizer.cs` (`ScanStringLiteral`, `ScanStringExpandable`,
//!   `ScanDollarInStringExpandable`, `ScanSubExpression`, `ScanHereStringLiteral`,
//!   `ScanHereStringExpandable`, `ScanVariable`, `ScanParameter`, `ScanGenericToken`,
//!   `ScanNumberHelper`, `Backtick`, `ScanUnicodeEscape`, `ScanBlockComment`).
//!
//! The scanners work on byte offsets into the source `&str` with an ASCII fast path and decode a
//! character only where a byte is not ASCII. String values are appended to a caller-owned buffer,
//! so scanning allocates nothing per token. Like the C# original, the character `'\0'` inside the
//! text is an ordinary character; only the end of the text ends a string.

/// The end-of-string character classes of PowerShell: ASCII `'`, U+2018, U+2019, U+201A, U+201B
/// all open and close single-quoted strings (`CharTraits.cs`, `IsSingleQuote`).
pub fn is_single_quote(c: char) -> bool {
    matches!(c, '\'' | '\u{2018}' | '\u{2019}' | '\u{201A}' | '\u{201B}')
}

/// ASCII `"`, U+201C, U+201D and U+201E delimit expandable strings (`IsDoubleQuote`).
pub fn is_double_quote(c: char) -> bool {
    matches!(c, '"' | '\u{201C}' | '\u{201D}' | '\u{201E}')
}

/// ASCII `-`, en dash, em dash and horizontal bar all start parameters and operators (`IsDash`).
pub fn is_dash(c: char) -> bool {
    matches!(c, '-' | '\u{2013}' | '\u{2014}' | '\u{2015}')
}

/// Whitespace that separates tokens; newlines are not whitespace (`IsWhitespace`): space, tab,
/// vertical tab, form feed, NBSP, NEL, and above U+0100 every Unicode separator (Zs, Zl, Zp) —
/// which makes U+2028 and U+2029 whitespace, not line breaks, to PowerShell.
pub fn is_ws(c: char) -> bool {
    match c {
        ' ' | '\t' | '\u{0B}' | '\u{0C}' | '\u{A0}' | '\u{85}' => true,
        c if (c as u32) <= 256 => false,
        // Above Latin-1, Rust's White_Space set is exactly Zs + Zl + Zp (char.IsSeparator).
        c => c.is_whitespace(),
    }
}

/// A line break: only CR and LF end lines in PowerShell (`CharTraits.Newline`).
pub fn is_newline(c: char) -> bool {
    c == '\n' || c == '\r'
}

/// Characters that end any bare-word token in command mode (`ForceStartNewToken`).
pub fn force_start_new_token(c: char) -> bool {
    match c {
        '\0' | '\t' | '\n' | '\u{0B}' | '\u{0C}' | '\r' | ' ' | '&' | '(' | ')' | ',' | ';' | '{' | '|' | '}' => true,
        c if (c as u32) < 128 => false,
        c => is_ws(c),
    }
}

/// Characters that end a number in expression mode (`ForceStartNewTokenAfterNumber`).
pub fn force_start_new_token_after_number(c: char) -> bool {
    match c {
        '!' | '#' | '%' | '*' | '+' | '-' | '.' | '/' | '<' | '=' | '>' | ']' => true,
        c if (c as u32) < 128 => false,
        c => is_dash(c),
    }
}

/// The first character of an unbraced variable name (`IsVariableStart`).
pub fn is_variable_start(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_alphanumeric() || matches!(c, '$' | ':' | '?' | '^' | '_')
    } else {
        c.is_alphanumeric()
    }
}

/// The first character of an identifier (`IsIdentifierStart`).
pub fn is_identifier_start(c: char) -> bool {
    if c.is_ascii() { c.is_ascii_alphabetic() || c == '_' } else { c.is_alphabetic() }
}

/// A following character of an identifier (`IsIdentifierFollow`).
pub fn is_identifier_follow(c: char) -> bool {
    if c.is_ascii() { c.is_ascii_alphanumeric() || c == '_' } else { c.is_alphanumeric() }
}

/// The character a backtick escape stands for (`Backtick` in tokenizer.cs), except `` `u{...} ``
/// which [`Cursor::backtick`] handles because it reads further characters.
pub fn backtick_char(c: char) -> char {
    match c {
        '0' => '\0',
        'a' => '\u{07}',
        'b' => '\u{08}',
        'e' => '\u{1B}',
        'f' => '\u{0C}',
        'n' => '\n',
        'r' => '\r',
        't' => '\t',
        'v' => '\u{0B}',
        other => other,
    }
}

/// A lexical error, with the byte offset it is reported at.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum LexError {
    /// A string reached the end of the text; offset of the opening quote.
    UnterminatedString(usize, char),
    /// A here-string has no footer; offset of the header.
    UnterminatedHereString(usize, char),
    /// Characters after a here-string header on the same line.
    HereStringHeader(usize),
    /// `$(` without its `)`.
    UnterminatedSubExpression(usize),
    /// `${` without its `}`.
    UnterminatedVariable(usize),
    /// A malformed `` `u{...} `` escape.
    InvalidUnicodeEscape(usize),
    /// `<#` without `#>`.
    UnterminatedComment(usize),
    /// `$name:` not followed by a variable-name character (`"$upn:\Calendar"`); offset of the
    /// `$`. The name is consumed: the reader carries on after it.
    InvalidDriveVariable(usize),
}

/// What an expandable string or bare word contained besides plain text.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Expansions {
    /// A `$variable` or `$(...)` that PowerShell expands at run time.
    pub dynamic: bool,
    /// A `` `u{...} `` escape naming a surrogate, which a Rust string cannot hold.
    pub unrepresentable: bool,
}

/// A number token's value as mbxctl keeps it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Number {
    /// An integral value that fits `i64` (after the `KB`..`PB` multiplier).
    Int(i64),
    /// A valid number that is not an `i64` (a fraction, a hexadecimal literal PowerShell may
    /// read as negative, a value out of range): kept as its source text.
    Text,
}

/// A position in the source, with the scanners. `end` bounds the text being read so that a
/// subexpression inside a string can be re-read in place.
#[derive(Debug, Clone)]
pub(crate) struct Cursor<'a> {
    pub src: &'a str,
    pub bytes: &'a [u8],
    pub pos: usize,
    pub end: usize,
}

impl<'a> Cursor<'a> {
    pub fn new(src: &'a str) -> Self {
        Cursor { src, bytes: src.as_bytes(), pos: 0, end: src.len() }
    }

    #[inline]
    pub fn at_end(&self) -> bool {
        self.pos >= self.end
    }

    /// The character at `p`. Called for nearly every character the reader looks at, so the
    /// ASCII case is inlined into the callers and decoding a wider character is out of line.
    #[inline(always)]
    pub fn char_at(&self, p: usize) -> Option<char> {
        if p >= self.end {
            return None;
        }
        let b = self.bytes[p];
        if b < 0x80 { Some(b as char) } else { self.wide_char_at(p) }
    }

    #[cold]
    #[inline(never)]
    fn wide_char_at(&self, p: usize) -> Option<char> {
        self.src[p..].chars().next()
    }

    /// The start of the character that ends at `p`.
    #[inline]
    pub fn back(&self, p: usize) -> usize {
        let mut q = p.saturating_sub(1);
        while q > 0 && (self.bytes[q] & 0xC0) == 0x80 {
            q -= 1;
        }
        q
    }

    #[inline(always)]
    pub fn peek(&self) -> Option<char> {
        self.char_at(self.pos)
    }

    /// The character after the next one.
    #[inline(always)]
    pub fn peek2(&self) -> Option<char> {
        let c = self.peek()?;
        self.char_at(self.pos + c.len_utf8())
    }

    #[inline]
    pub fn peek_byte(&self) -> Option<u8> {
        if self.pos < self.end { Some(self.bytes[self.pos]) } else { None }
    }

    #[inline]
    pub fn bump(&mut self) -> Option<char> {
        let c = self.peek()?;
        self.pos += c.len_utf8();
        Some(c)
    }

    /// Consumes `c` if it is next.
    #[inline]
    pub fn eat(&mut self, c: char) -> bool {
        if self.peek() == Some(c) {
            self.pos += c.len_utf8();
            true
        } else {
            false
        }
    }

    /// After a CR, consumes the LF of a CRLF pair (`NormalizeCRLF`).
    #[inline]
    pub fn eat_lf_after_cr(&mut self, c: char) {
        if c == '\r' && self.peek_byte() == Some(b'\n') {
            self.pos += 1;
        }
    }

    /// Skips PowerShell whitespace (not newlines).
    ///
    /// It is called before every token, mostly at the token itself or one space before it: the
    /// ASCII loop is inlined into the callers and the rest (vertical tab, form feed, Unicode
    /// spaces) is out of line.
    #[inline(always)]
    pub fn skip_plain_ws(&mut self) {
        while self.pos < self.end {
            match self.bytes[self.pos] {
                b' ' | b'\t' => self.pos += 1,
                0x0B | 0x0C | 0x80..=0xFF => {
                    if !self.skip_other_ws() {
                        return;
                    }
                }
                _ => return,
            }
        }
    }

    /// Skips one whitespace character other than space and tab; whether there was one.
    #[cold]
    #[inline(never)]
    fn skip_other_ws(&mut self) -> bool {
        match self.peek() {
            Some(c) if is_ws(c) => {
                self.pos += c.len_utf8();
                true
            }
            _ => false,
        }
    }

    /// Skips a `#` comment up to (not including) the line break; cursor on the `#`.
    pub fn skip_line_comment(&mut self) {
        let rest = &self.bytes[self.pos..self.end];
        match rest.iter().position(|&b| b == b'\n' || b == b'\r') {
            Some(i) => self.pos += i,
            None => self.pos = self.end,
        }
    }

    /// Skips a `<# ... #>` comment; cursor on the `<`.
    pub fn skip_block_comment(&mut self) -> Result<(), LexError> {
        let start = self.pos;
        let rest = &self.bytes[self.pos + 2..self.end];
        match rest.windows(2).position(|w| w == b"#>") {
            Some(i) => {
                self.pos += 2 + i + 2;
                Ok(())
            }
            None => {
                self.pos = self.end;
                Err(LexError::UnterminatedComment(start))
            }
        }
    }

    /// Reads a backtick escape; the cursor is just after the backtick and on a character.
    /// Returns the characters it stands for (a supplementary `` `u{...} `` gives one `char`).
    pub fn backtick(&mut self, out: &mut String, exp: &mut Expansions) -> Result<(), LexError> {
        let esc_start = self.pos - 1;
        let Some(c) = self.bump() else { return Ok(()) };
        if c != 'u' {
            out.push(backtick_char(c));
            return Ok(());
        }
        // `u{X..XXXXXX}` (ScanUnicodeEscape): one to six hex digits and a closing brace.
        if !self.eat('{') {
            out.push('u');
            return Err(LexError::InvalidUnicodeEscape(esc_start));
        }
        let mut value: u32 = 0;
        let mut digits = 0;
        loop {
            match self.peek() {
                Some('}') if digits > 0 => {
                    self.pos += 1;
                    break;
                }
                Some(h) if h.is_ascii_hexdigit() && digits < 6 => {
                    value = value * 16 + h.to_digit(16).unwrap_or(0);
                    digits += 1;
                    self.pos += 1;
                }
                _ => {
                    out.push('\u{FFFD}');
                    return Err(LexError::InvalidUnicodeEscape(esc_start));
                }
            }
        }
        match char::from_u32(value) {
            Some(ch) => out.push(ch),
            None if value <= 0x10FFFF => {
                // A lone surrogate: PowerShell keeps it, a Rust string cannot.
                exp.unrepresentable = true;
                out.push('\u{FFFD}');
            }
            None => {
                out.push('\u{FFFD}');
                return Err(LexError::InvalidUnicodeEscape(esc_start));
            }
        }
        Ok(())
    }

    /// Scans the body of a single-quoted string; the cursor is just after the opening quote.
    /// A doubled quote character (any of the five) stands for the second one (`ScanStringLiteral`).
    pub fn scan_single_quoted(&mut self, out: &mut String) -> Result<(), LexError> {
        let open = self.back(self.pos);
        loop {
            // ASCII fast path: copy runs of bytes that cannot end the string.
            let run_start = self.pos;
            while self.pos < self.end {
                let b = self.bytes[self.pos];
                if b == b'\'' || b >= 0x80 {
                    break;
                }
                self.pos += 1;
            }
            out.push_str(&self.src[run_start..self.pos]);
            let Some(c) = self.bump() else {
                return Err(LexError::UnterminatedString(open, '\''));
            };
            if is_single_quote(c) {
                match self.peek() {
                    Some(q) if is_single_quote(q) => {
                        self.pos += q.len_utf8();
                        out.push(q);
                    }
                    _ => return Ok(()),
                }
            } else {
                out.push(c);
            }
        }
    }

    /// Finds the end of a `$( ... )` inside an expandable string by counting parentheses as
    /// `ScanSubExpression` does (it does not look inside strings). The cursor is just after `$(`;
    /// returns the offset just after the closing parenthesis.
    pub fn scan_string_subexpression(&mut self, here: bool) -> Result<usize, LexError> {
        let start = self.pos - 2;
        let mut depth = 1usize;
        while let Some(c) = self.bump() {
            match c {
                '(' => depth += 1,
                ')' => {
                    depth -= 1;
                    if depth == 0 {
                        return Ok(self.pos);
                    }
                }
                c if !here && (c == '`' || is_double_quote(c)) => {
                    if let Some(q) = self.peek().filter(|q| is_double_quote(*q)) {
                        self.pos += q.len_utf8();
                    }
                }
                _ => {}
            }
        }
        Err(LexError::UnterminatedSubExpression(start))
    }

    /// Scans a variable reference; the cursor is just after the `$` (or `@`). `in_string` selects
    /// the rules of `ScanVariable(inStringExpandable: true)`. Returns `false` without moving
    /// when no variable starts here (a lone `$`).
    pub fn scan_variable_name(&mut self, in_string: bool) -> Result<bool, LexError> {
        let dollar = self.pos - 1;
        match self.peek() {
            Some('{') => {
                self.pos += 1;
                loop {
                    let Some(c) = self.bump() else { return Err(LexError::UnterminatedVariable(dollar)) };
                    match c {
                        '}' => return Ok(true),
                        '`' if self.bump().is_none() => return Err(LexError::UnterminatedVariable(dollar)),
                        c if in_string && is_double_quote(c) => {
                            if let Some(q) = self.peek().filter(|q| is_double_quote(*q)) {
                                self.pos += q.len_utf8();
                            }
                        }
                        _ => {}
                    }
                }
            }
            Some(c) if is_variable_start(c) => {
                self.pos += c.len_utf8();
                if matches!(c, '$' | '?' | '^') {
                    return Ok(true);
                }
                while let Some(c) = self.peek() {
                    let more = if c.is_ascii() {
                        c.is_ascii_alphanumeric() || c == '_' || c == '?' || (c == ':' && self.peek2() != Some(':'))
                    } else {
                        c.is_alphanumeric()
                    };
                    if !more {
                        break;
                    }
                    self.pos += c.len_utf8();
                    // A scope or drive (`$env:`, `$script:`) must be followed by a name
                    // (`ScanVariable`, InvalidVariableReferenceWithDrive): `"$upn:\Calendar"` is
                    // the classic slip for `"${upn}:\Calendar"`.
                    if c == ':' && !self.peek().is_some_and(|n| n.is_alphanumeric() || matches!(n, '_' | '?' | '{')) {
                        return Err(LexError::InvalidDriveVariable(dollar));
                    }
                }
                Ok(true)
            }
            _ => Ok(false),
        }
    }

    /// After a `$` inside an expandable string or bare word (`ScanDollarInStringExpandable`):
    /// consumes a variable or subexpression if one starts here. Subexpression ranges (from `$`
    /// to after `)`) are pushed to `subs` so the reader can look for commands inside them.
    fn dollar_in_string(
        &mut self,
        here: bool,
        exp: &mut Expansions,
        subs: &mut Vec<(usize, usize)>,
    ) -> Result<bool, LexError> {
        let dollar = self.pos - 1;
        match self.peek() {
            Some('(') => {
                self.pos += 1;
                exp.dynamic = true;
                let end = self.scan_string_subexpression(here)?;
                subs.push((dollar, end));
                Ok(true)
            }
            Some(c) if c == '{' || is_variable_start(c) => {
                exp.dynamic = true;
                self.scan_variable_name(true)
            }
            _ => Ok(false),
        }
    }

    /// Scans the body of a double-quoted string; the cursor is just after the opening quote
    /// (`ScanStringExpandable`). The text is appended to `out` with escapes applied.
    pub fn scan_double_quoted(
        &mut self,
        out: &mut String,
        exp: &mut Expansions,
        subs: &mut Vec<(usize, usize)>,
    ) -> Result<(), LexError> {
        let open = self.back(self.pos);
        let mut first_err = None;
        loop {
            let run_start = self.pos;
            while self.pos < self.end {
                let b = self.bytes[self.pos];
                if b == b'"' || b == b'$' || b == b'`' || b >= 0x80 {
                    break;
                }
                self.pos += 1;
            }
            out.push_str(&self.src[run_start..self.pos]);
            let Some(c) = self.bump() else {
                return Err(first_err.unwrap_or(LexError::UnterminatedString(open, '"')));
            };
            if is_double_quote(c) {
                match self.peek() {
                    Some(q) if is_double_quote(q) => {
                        self.pos += q.len_utf8();
                        out.push(q);
                    }
                    _ => return first_err.map_or(Ok(()), Err),
                }
            } else if c == '$' {
                let at = self.pos;
                match self.dollar_in_string(false, exp, subs) {
                    Ok(true) => out.push_str(&self.src[at - 1..self.pos]),
                    Ok(false) => out.push('$'),
                    Err(e @ LexError::InvalidDriveVariable(_)) => {
                        out.push_str(&self.src[at - 1..self.pos]);
                        first_err.get_or_insert(e);
                    }
                    Err(e) => return Err(e),
                }
            } else if c == '`' {
                if self.at_end() {
                    out.push('`');
                } else if let Err(e) = self.backtick(out, exp) {
                    first_err.get_or_insert(e);
                }
            } else {
                out.push(c);
            }
        }
    }

    /// After `@'` or `@"`: the rest of the header line must be whitespace (`ScanAfterHereStringHeader`).
    fn here_string_header(&mut self, quote: char) -> Result<(), LexError> {
        let header = self.back(self.pos) - 1;
        self.skip_plain_ws();
        let at = self.pos;
        match self.bump() {
            Some('\n') => Ok(()),
            Some('\r') => {
                self.eat_lf_after_cr('\r');
                Ok(())
            }
            None => Err(LexError::UnterminatedHereString(header, quote)),
            Some(_) => {
                // Error recovery as PowerShell does: skip to a footer on this line or to its end.
                self.pos = at;
                while let Some(c) = self.peek() {
                    if is_newline(c) {
                        break;
                    }
                    self.pos += c.len_utf8();
                    if (if quote == '\'' { is_single_quote(c) } else { is_double_quote(c) }) && self.eat('@') {
                        break;
                    }
                }
                Err(LexError::HereStringHeader(at))
            }
        }
    }

    /// Scans a here-string after its `@'`/`@"` (the quote char given): the body runs from the
    /// line after the header to a line starting with the closing quote and `@`; the final line
    /// break is not part of the value (`ScanHereStringLiteral`, `ScanHereStringExpandable`).
    pub fn scan_here_string(
        &mut self,
        expandable: bool,
        out: &mut String,
        exp: &mut Expansions,
        subs: &mut Vec<(usize, usize)>,
    ) -> Result<(), LexError> {
        let header = self.back(self.pos) - 1;
        let quote = if expandable { '"' } else { '\'' };
        self.here_string_header(quote)?;
        let is_close = |c: char| if expandable { is_double_quote(c) } else { is_single_quote(c) };
        let mut first_err = None;
        let mut at_line_start = true;
        loop {
            if at_line_start {
                at_line_start = false;
                if let Some(c) = self.peek()
                    && is_close(c)
                    && self.peek2() == Some('@')
                {
                    self.pos += c.len_utf8() + 1;
                    // Drop the line break before the footer.
                    if out.ends_with("\r\n") {
                        out.truncate(out.len() - 2);
                    } else if out.ends_with('\n') || out.ends_with('\r') {
                        out.truncate(out.len() - 1);
                    }
                    return first_err.map_or(Ok(()), Err);
                }
            }
            let Some(c) = self.bump() else {
                return Err(LexError::UnterminatedHereString(header, quote));
            };
            match c {
                '\n' | '\r' => {
                    out.push(c);
                    if c == '\r' && self.eat('\n') {
                        out.push('\n');
                    }
                    at_line_start = true;
                }
                '$' if expandable => {
                    let at = self.pos;
                    match self.dollar_in_string(true, exp, subs) {
                        Ok(true) => out.push_str(&self.src[at - 1..self.pos]),
                        Ok(false) => out.push('$'),
                        Err(e @ LexError::InvalidDriveVariable(_)) => {
                            out.push_str(&self.src[at - 1..self.pos]);
                            first_err.get_or_insert(e);
                        }
                        Err(e) => return Err(e),
                    }
                }
                '`' if expandable => {
                    if self.at_end() {
                        out.push('`');
                    } else if let Err(e) = self.backtick(out, exp) {
                        first_err.get_or_insert(e);
                    }
                }
                c => out.push(c),
            }
        }
    }

    /// Scans a bare word (`ScanGenericToken`) from the cursor to the next character that forces a
    /// new token. The first character is always taken (it may be a NUL, as in PowerShell).
    /// Embedded quoted strings and backtick escapes are applied; `$` expansions are flagged.
    pub fn scan_generic(
        &mut self,
        out: &mut String,
        exp: &mut Expansions,
        subs: &mut Vec<(usize, usize)>,
    ) -> Result<(), LexError> {
        let mut first = true;
        let mut first_err = None;
        loop {
            let run_start = self.pos;
            while self.pos < self.end {
                let b = self.bytes[self.pos];
                if b >= 0x80
                    || matches!(
                        b,
                        b'\0'
                            | b'\t'
                            | b'\n'
                            | 0x0B
                            | 0x0C
                            | b'\r'
                            | b' '
                            | b'&'
                            | b'('
                            | b')'
                            | b','
                            | b';'
                            | b'{'
                            | b'|'
                            | b'}'
                            | b'`'
                            | b'\''
                            | b'"'
                            | b'$'
                    )
                {
                    break;
                }
                self.pos += 1;
            }
            if self.pos > run_start {
                out.push_str(&self.src[run_start..self.pos]);
                first = false;
            }
            let Some(c) = self.peek() else { break };
            if !first && force_start_new_token(c) {
                break;
            }
            first = false;
            self.pos += c.len_utf8();
            if c == '`' {
                if self.at_end() {
                    out.push('`');
                } else if let Err(e) = self.backtick(out, exp) {
                    first_err.get_or_insert(e);
                }
            } else if is_single_quote(c) {
                self.scan_single_quoted(out)?;
            } else if is_double_quote(c) {
                self.scan_double_quoted(out, exp, subs)?;
            } else if c == '$' {
                let at = self.pos;
                if self.dollar_in_string(false, exp, subs)? {
                    out.push_str(&self.src[at - 1..self.pos]);
                } else {
                    out.push('$');
                }
            } else {
                out.push(c);
            }
        }
        first_err.map_or(Ok(()), Err)
    }

    /// Scans a number as `ScanNumberHelper` does, the cursor on its first character (a digit or
    /// a `.` before a digit). Returns `None`, with the cursor back where it was, when the text is
    /// not a number (`7z`, `5x`, or in command mode anything not followed by a token end) — the
    /// caller then reads a bare word, as PowerShell does.
    pub fn scan_number(&mut self, command_mode: bool) -> Option<Number> {
        let start = self.pos;
        let r = self.scan_number_inner(command_mode);
        if r.is_none() {
            self.pos = start;
        }
        r
    }

    fn scan_number_inner(&mut self, command_mode: bool) -> Option<Number> {
        #[derive(PartialEq)]
        enum Fmt {
            Dec,
            Hex,
            Bin,
        }
        let digits = |cur: &mut Self, ok: fn(u8) -> bool| {
            let s = cur.pos;
            while cur.pos < cur.end && ok(cur.bytes[cur.pos]) {
                cur.pos += 1;
            }
            s..cur.pos
        };
        let mut fmt = Fmt::Dec;
        let mut real = false;
        let mantissa_start = self.pos;
        let int_digits;
        let exponent = |cur: &mut Self| -> bool {
            // After `e`: an optional sign (any dash) and at least one digit.
            match cur.peek() {
                Some('+') => cur.pos += 1,
                Some(c) if is_dash(c) => cur.pos += c.len_utf8(),
                _ => {}
            }
            let s = cur.pos;
            while cur.pos < cur.end && cur.bytes[cur.pos].is_ascii_digit() {
                cur.pos += 1;
            }
            cur.pos > s
        };
        if self.peek_byte() == Some(b'.') {
            self.pos += 1;
            real = true;
            int_digits = self.pos..self.pos;
            digits(self, |b| b.is_ascii_digit());
            if matches!(self.peek_byte(), Some(b'e' | b'E')) {
                self.pos += 1;
                if !exponent(self) {
                    return None;
                }
            }
        } else if self.peek_byte() == Some(b'0') && matches!(self.char_at(self.pos + 1), Some('x' | 'X' | 'b' | 'B')) {
            let hex = matches!(self.char_at(self.pos + 1), Some('x' | 'X'));
            self.pos += 2;
            if hex {
                fmt = Fmt::Hex;
                int_digits = digits(self, |b| b.is_ascii_hexdigit());
            } else {
                fmt = Fmt::Bin;
                int_digits = digits(self, |b| b == b'0' || b == b'1');
            }
        } else {
            int_digits = digits(self, |b| b.is_ascii_digit());
            match self.peek_byte() {
                Some(b'.') if self.char_at(self.pos + 1) != Some('.') => {
                    self.pos += 1;
                    real = true;
                    digits(self, |b| b.is_ascii_digit());
                    if matches!(self.peek_byte(), Some(b'e' | b'E')) {
                        self.pos += 1;
                        if !exponent(self) {
                            return None;
                        }
                    }
                }
                Some(b'e' | b'E') => {
                    self.pos += 1;
                    real = true;
                    if !exponent(self) {
                        return None;
                    }
                }
                _ => {}
            }
        }
        let mantissa_end = self.pos;
        // Type suffixes (u, s, l, d, y, n; then l, s, y after u only).
        let is_suffix = |b: u8| matches!(b.to_ascii_lowercase(), b'u' | b's' | b'l' | b'd' | b'y' | b'n');
        let mut suffix = String::new();
        if let Some(b) = self.peek_byte()
            && is_suffix(b)
        {
            self.pos += 1;
            suffix.push(b.to_ascii_lowercase() as char);
            if let Some(b2) = self.peek_byte()
                && is_suffix(b2)
            {
                self.pos += 1;
                if suffix != "u" || !matches!(b2.to_ascii_lowercase(), b'l' | b's' | b'y') {
                    return None;
                }
                suffix.push(b2.to_ascii_lowercase() as char);
            }
        }
        let mut multiplier: i64 = 1;
        if let Some(b) = self.peek_byte()
            && matches!(b.to_ascii_lowercase(), b'k' | b'm' | b'g' | b't' | b'p')
        {
            multiplier = match b.to_ascii_lowercase() {
                b'k' => 1 << 10,
                b'm' => 1 << 20,
                b'g' => 1 << 30,
                b't' => 1 << 40,
                _ => 1 << 50,
            };
            self.pos += 1;
            if !matches!(self.peek_byte(), Some(b'b' | b'B')) {
                return None;
            }
            self.pos += 1;
        }
        if let Some(c) = self.peek()
            && !force_start_new_token(c)
            && (command_mode || !force_start_new_token_after_number(c))
        {
            return None;
        }
        let mantissa = &self.src[mantissa_start..mantissa_end];
        if real || suffix == "d" {
            let v: f64 = mantissa.parse().ok()?;
            let v = v * multiplier as f64;
            if suffix.is_empty() || suffix == "d" {
                if v.fract() == 0.0 && v.abs() < 9.2e18 {
                    return Some(Number::Int(v as i64));
                }
                return Some(Number::Text);
            }
            return Some(Number::Text);
        }
        let text = &self.src[int_digits];
        let value: Option<i128> = match fmt {
            Fmt::Dec => text.parse::<i128>().ok(),
            Fmt::Hex if text.is_empty() => Some(0),
            Fmt::Hex => i128::from_str_radix(text, 16).ok().filter(|v| *v < 0x8000_0000),
            Fmt::Bin if text.is_empty() => Some(0),
            Fmt::Bin => i128::from_str_radix(text, 2).ok().filter(|v| *v < 0x8000_0000),
        };
        let Some(value) = value else { return Some(Number::Text) };
        let Some(value) = value.checked_mul(multiplier as i128) else { return Some(Number::Text) };
        let in_range = |lo: i128, hi: i128| value >= lo && value <= hi;
        let fits = match suffix.as_str() {
            "" | "l" | "n" | "u" | "ul" => in_range(i64::MIN as i128, i64::MAX as i128),
            "s" => in_range(i16::MIN as i128, i16::MAX as i128),
            "y" => in_range(i8::MIN as i128, i8::MAX as i128),
            "us" => in_range(0, u16::MAX as i128),
            "uy" => in_range(0, u8::MAX as i128),
            _ => false,
        };
        if fits {
            Some(Number::Int(value as i64))
        } else if matches!(suffix.as_str(), "s" | "y" | "us" | "uy") {
            // Out of range for the suffix's type: PowerShell rejects the number and, in command
            // mode, reads the text as a bare word.
            None
        } else {
            Some(Number::Text)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn num(s: &str, cmd: bool) -> Option<(Number, usize)> {
        let mut c = Cursor::new(s);
        c.scan_number(cmd).map(|n| (n, c.pos))
    }

    #[test]
    fn character_classes_match_chartraits() {
        for c in ['\'', '\u{2018}', '\u{2019}', '\u{201A}', '\u{201B}'] {
            assert!(is_single_quote(c), "{c:?}");
        }
        assert!(!is_single_quote('`'));
        for c in ['"', '\u{201C}', '\u{201D}', '\u{201E}'] {
            assert!(is_double_quote(c));
        }
        assert!(!is_double_quote('\u{201F}'));
        for c in ['-', '\u{2013}', '\u{2014}', '\u{2015}'] {
            assert!(is_dash(c));
        }
        assert!(!is_dash('\u{2212}'));
        for c in [' ', '\t', '\u{0B}', '\u{0C}', '\u{A0}', '\u{85}', '\u{2028}', '\u{2029}', '\u{3000}', '\u{2003}'] {
            assert!(is_ws(c), "{c:?}");
        }
        for c in ['\n', '\r', '\u{1C}', '\u{200B}', 'a', '\u{100}'] {
            assert!(!is_ws(c), "{c:?}");
        }
        assert!(force_start_new_token('\0') && force_start_new_token('|') && force_start_new_token('\u{3000}'));
        assert!(!force_start_new_token('#') && !force_start_new_token('=') && !force_start_new_token('\''));
        assert!(is_variable_start(':') && is_variable_start('é') && !is_variable_start('-'));
    }

    #[test]
    fn single_quoted_doubles_any_quote_char() {
        let mut c = Cursor::new("'it''s ‘‘q’’ \u{201A}\u{201A}' rest");
        c.pos = 1;
        let mut out = String::new();
        c.scan_single_quoted(&mut out).unwrap();
        assert_eq!(out, "it's ‘q’ \u{201A}");
        assert_eq!(&c.src[c.pos..], " rest");
        // Mixed pair: the second character is kept.
        let mut c = Cursor::new("'a‘'b'");
        c.pos = 1;
        out.clear();
        c.scan_single_quoted(&mut out).unwrap();
        assert_eq!(out, "a'b");
    }

    #[test]
    fn unterminated_single_quoted_reports_opening() {
        let mut c = Cursor::new("x 'abc");
        c.pos = 3;
        let mut out = String::new();
        assert_eq!(c.scan_single_quoted(&mut out), Err(LexError::UnterminatedString(2, '\'')));
    }

    #[test]
    fn double_quoted_escapes_and_expansions() {
        let run = |s: &str| {
            let mut c = Cursor::new(s);
            c.pos = 1;
            let (mut out, mut exp, mut subs) = (String::new(), Expansions::default(), Vec::new());
            let r = c.scan_double_quoted(&mut out, &mut exp, &mut subs);
            (r, out, exp.dynamic, subs)
        };
        assert_eq!(run("\"a`n`t`0`e`u{1F600}``\"\"b\""), (Ok(()), "a\n\t\0\u{1B}😀`\"b".into(), false, vec![]));
        assert_eq!(run("\"cost $ 5 and $\""), (Ok(()), "cost $ 5 and $".into(), false, vec![]));
        assert!(run("\"a $x b\"").2);
        assert_eq!(run("\"a $(Get-X (1)) b\"").3, vec![(3, 15)]);
        assert_eq!(run("\"a”").1, "a");
        assert!(matches!(run("\"abc").0, Err(LexError::UnterminatedString(0, '"'))));
        assert!(matches!(run("\"`u{110000}\"").0, Err(LexError::InvalidUnicodeEscape(1))));
    }

    #[test]
    fn numbers_follow_scan_number_helper() {
        assert_eq!(num("42 ", true), Some((Number::Int(42), 2)));
        assert_eq!(num("50GB", true), Some((Number::Int(50 << 30), 4)));
        assert_eq!(num("1kb|", true), Some((Number::Int(1024), 3)));
        assert_eq!(num("2PB", true), Some((Number::Int(2 << 50), 3)));
        assert_eq!(num("1.5GB", true), Some((Number::Int(1_610_612_736), 5)));
        assert_eq!(num("1.5", true), Some((Number::Text, 3)));
        assert_eq!(num("0x1F", true), Some((Number::Int(31), 4)));
        assert_eq!(num("0xFFFFFFFF", true), Some((Number::Text, 10)));
        assert_eq!(num("10L", true), Some((Number::Int(10), 3)));
        assert_eq!(num("5G", true), None);
        assert_eq!(num("7z", true), None);
        assert_eq!(num("5+", true), None);
        assert_eq!(num("5+", false), Some((Number::Int(5), 1)));
        assert_eq!(num("300y", true), None);
        assert_eq!(num("99999999999999999999", true), Some((Number::Text, 20)));
        assert_eq!(num("9223372036854775807", true), Some((Number::Int(i64::MAX), 19)));
        assert_eq!(num("8EB", true), None);
        assert_eq!(num("1e3", true), Some((Number::Int(1000), 3)));
    }

    #[test]
    fn generic_token_keeps_quotes_and_escapes() {
        let run = |s: &str| {
            let mut c = Cursor::new(s);
            let (mut out, mut exp, mut subs) = (String::new(), Expansions::default(), Vec::new());
            c.scan_generic(&mut out, &mut exp, &mut subs).unwrap();
            (out, exp.dynamic, c.pos)
        };
        assert_eq!(run("ab'c d'e\"f\"g rest"), ("abc defg".into(), false, 12));
        assert_eq!(run("a` b c"), ("a b".into(), false, 4));
        assert_eq!(run("a#b;"), ("a#b".into(), false, 3));
        assert_eq!(run("x$y z"), ("x$y".into(), true, 3));
        assert_eq!(run("\0abc d"), ("\0abc".into(), false, 4));
        assert_eq!(run("a\u{3000}b"), ("a".into(), false, 1));
    }

    #[test]
    fn here_strings() {
        let run = |s: &str, e: bool| {
            let mut c = Cursor::new(s);
            c.pos = 2;
            let (mut out, mut exp, mut subs) = (String::new(), Expansions::default(), Vec::new());
            let r = c.scan_here_string(e, &mut out, &mut exp, &mut subs);
            (r, out, c.pos)
        };
        assert_eq!(run("@'\r\na'b\r\n'@x", false), (Ok(()), "a'b".into(), 11));
        assert_eq!(run("@\"  \nx`ty\n \"@\n\"@", true), (Ok(()), "x\ty\n \"@".into(), 16));
        assert!(matches!(run("@'\nabc", false).0, Err(LexError::UnterminatedHereString(0, '\''))));
        assert!(matches!(run("@' x\nabc", false).0, Err(LexError::HereStringHeader(3))));
    }
}
