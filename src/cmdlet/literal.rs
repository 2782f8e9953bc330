//! The one function that turns a value into PowerShell text.
//!
//! **Nothing else in mbxctl may build PowerShell text from input.** Every string that reaches a
//! rendered command line goes through [`quote`] (or [`quote_into`]); cmdlet and parameter names
//! are never quoted into text but checked against a plain-identifier pattern by the renderer
//! (`render.rs`), and secrets are never rendered at all. An audit of the code base for PowerShell
//! injection is therefore an audit of this file.
//!
//! # The forms
//!
//! 1. **Plain single-quoted literal** `'...'`, used whenever the value holds no character of the
//!    escape set below. Inside single quotes PowerShell expands nothing (`$`, backtick, `;`, `|`,
//!    `#`, `(`, `"` are plain text); the only special characters are the five single-quote
//!    characters — ASCII `'` and U+2018, U+2019, U+201A, U+201B, all of which end the string
//!    (`CharTraits.cs`, `IsSingleQuote`) — and a pair of them stands for the second one
//!    (`tokenizer.cs`, `ScanStringLiteral`). So every single-quote character is written twice,
//!    as itself: `O'Brien` → `'O''Brien'`, `‘x’` → `'‘‘x’’'`. The literal is one token in both
//!    argument and expression mode, and what follows a closing quote starts a new token, so
//!    nothing in the value can end the literal early or join the next token.
//!
//! 2. **Parenthesized concatenation** `('a'+"`n"+'b'+[char]0x1B)`, used when the value holds a
//!    character of the escape set. Rendered text must stay on one line and show what it does,
//!    so these characters never appear raw. The value is cut into runs:
//!    - runs of ordinary characters become single-quoted pieces (form 1);
//!    - runs of characters with a backtick escape that Windows PowerShell 5.1 (the Exchange
//!      Management Shell) already understands become one double-quoted piece holding **only**
//!      those escapes: `` `0 `` NUL, `` `a `` BEL, `` `b `` BS, `` `t `` TAB, `` `n `` LF,
//!      `` `v `` VT, `` `f `` FF, `` `r `` CR (`tokenizer.cs`, `Backtick`). Such a piece has
//!      no `$` and no quote, so it expands to exactly those characters;
//!    - every other character of the set becomes `[char]0xHEX` (uppercase hex, no padding): a
//!      cast of an integer constant, evaluated without side effects in every language mode
//!      that allows expressions. (`` `e `` and `` `u{...} `` exist only from PowerShell 6 on.)
//!
//!    The pieces are joined with `+`. The first piece is always a string (an empty `''` is put
//!    first when the value starts with a `[char]` piece) so that `+` is string concatenation
//!    from the left: string + string and string + char both give a string. The parentheses
//!    make the whole a single argument in argument mode. [`crate::cmdlet::parse`] recognizes
//!    exactly this constant shape and reads it back as the string; any other parenthesized
//!    expression is left as a run-time value.
//!
//! # The escape set
//!
//! - every Unicode control character (Cc: U+0000–U+001F, U+007F–U+009F), including CR and LF,
//!   the only two line breaks of PowerShell, NUL (which process arguments and clipboards
//!   truncate), TAB (which a console paste turns into completion), ESC (terminal escape
//!   injection) and NEL (U+0085, whitespace to PowerShell but a line break to some editors);
//! - U+2028 LINE SEPARATOR and U+2029 PARAGRAPH SEPARATOR (whitespace to PowerShell, line
//!   breaks to editors and terminals);
//! - the bidirectional formatting characters U+061C, U+200E, U+200F, U+202A–U+202E,
//!   U+2066–U+2069 (they reorder what a reviewer sees: "Trojan Source"), and U+FEFF.
//!
//! Everything else — letters of any script, emoji (surrogate pairs in PowerShell's UTF-16),
//! smart double quotes, dashes, `$`, backticks — stays raw inside single quotes, where it is
//! plain text.
//!
//! The parenthesized form needs a session that evaluates expressions (FullLanguage or
//! ConstrainedLanguage, which the Exchange Management Shell's local session is). mbxctl's PSRP
//! transport never sends text: it sends typed arguments.

use crate::cmdlet::tokenizer::is_single_quote;
use std::fmt::Write as _;

/// How one character is rendered.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Escape {
    /// Raw inside a single-quoted piece (doubled if it is a single-quote character).
    Plain,
    /// As `` `x `` inside a double-quoted escape-only piece; holds the letter `x`.
    Backtick(char),
    /// As `[char]0xHEX`.
    CharCode,
}

/// The rendering of `c`; see the module documentation for the set and why.
pub fn escape_of(c: char) -> Escape {
    match c {
        '\0' => Escape::Backtick('0'),
        '\u{07}' => Escape::Backtick('a'),
        '\u{08}' => Escape::Backtick('b'),
        '\t' => Escape::Backtick('t'),
        '\n' => Escape::Backtick('n'),
        '\u{0B}' => Escape::Backtick('v'),
        '\u{0C}' => Escape::Backtick('f'),
        '\r' => Escape::Backtick('r'),
        c if c.is_control() => Escape::CharCode,
        '\u{2028}' | '\u{2029}' | '\u{061C}' | '\u{200E}' | '\u{200F}' | '\u{FEFF}' => Escape::CharCode,
        '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' => Escape::CharCode,
        _ => Escape::Plain,
    }
}

/// Renders `value` as one line of PowerShell that evaluates to exactly `value`, safe as a
/// command argument and inside expressions. See the module documentation for the forms.
///
/// ```
/// use mbxctl::cmdlet::literal::quote;
/// assert_eq!(quote("O'Brien"), "'O''Brien'");
/// assert_eq!(quote("a\nb"), "('a'+\"`n\"+'b')");
/// assert_eq!(quote("$(rm -r /)"), "'$(rm -r /)'");
/// ```
pub fn quote(value: &str) -> String {
    let mut out = String::with_capacity(value.len() + 2);
    quote_into(&mut out, value);
    out
}

/// [`quote`] appending to `out`, so a renderer can build a whole line in one buffer.
pub fn quote_into(out: &mut String, value: &str) {
    // Fast path: printable ASCII without a quote needs no scan beyond this.
    if value.bytes().all(|b| (0x20..0x7F).contains(&b) && b != b'\'') {
        out.reserve(value.len() + 2);
        out.push('\'');
        out.push_str(value);
        out.push('\'');
        return;
    }
    if value.chars().all(|c| escape_of(c) == Escape::Plain) {
        out.push('\'');
        push_single_quoted_body(out, value);
        out.push('\'');
        return;
    }
    #[derive(PartialEq)]
    enum Piece {
        None,
        Single,
        Double,
    }
    let mut open = Piece::None;
    let mut pieces = 0usize;
    out.push('(');
    let close = |out: &mut String, open: &mut Piece| {
        match open {
            Piece::Single => out.push('\''),
            Piece::Double => out.push('"'),
            Piece::None => {}
        }
        *open = Piece::None;
    };
    for c in value.chars() {
        let esc = escape_of(c);
        let want = match esc {
            Escape::Plain => Piece::Single,
            Escape::Backtick(_) => Piece::Double,
            Escape::CharCode => Piece::None,
        };
        if want != open || want == Piece::None {
            close(out, &mut open);
            if pieces > 0 {
                out.push('+');
            } else if want == Piece::None {
                // Start with a string so that `+` concatenates strings.
                out.push_str("''+");
            }
            pieces += 1;
            match want {
                Piece::Single => out.push('\''),
                Piece::Double => out.push('"'),
                Piece::None => {}
            }
            open = want;
        }
        match esc {
            Escape::Plain => {
                out.push(c);
                if is_single_quote(c) {
                    out.push(c);
                }
            }
            Escape::Backtick(letter) => {
                out.push('`');
                out.push(letter);
            }
            Escape::CharCode => {
                let _ = write!(out, "[char]0x{:X}", c as u32);
            }
        }
    }
    close(out, &mut open);
    out.push(')');
}

fn push_single_quoted_body(out: &mut String, value: &str) {
    for c in value.chars() {
        out.push(c);
        if is_single_quote(c) {
            out.push(c);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_values_are_single_quoted() {
        assert_eq!(quote(""), "''");
        assert_eq!(quote("jdoe"), "'jdoe'");
        assert_eq!(quote("contoso.com/Users/J Doe"), "'contoso.com/Users/J Doe'");
        assert_eq!(quote("$env:USERNAME"), "'$env:USERNAME'");
        assert_eq!(quote("$(Remove-Item C:\\ -Recurse)"), "'$(Remove-Item C:\\ -Recurse)'");
        assert_eq!(quote("a`b\"c;d|e&f#g"), "'a`b\"c;d|e&f#g'");
        assert_eq!(quote("–Identity —x ―y"), "'–Identity —x ―y'");
        assert_eq!(quote("“smart” „double“"), "'“smart” „double“'");
        assert_eq!(quote("😀 שלום مرحبا"), "'😀 שלום مرحبا'");
    }

    #[test]
    fn every_single_quote_character_is_doubled_as_itself() {
        assert_eq!(quote("O'Brien"), "'O''Brien'");
        assert_eq!(quote("'"), "''''");
        assert_eq!(quote("‘a’"), "'‘‘a’’'");
        assert_eq!(quote("\u{201A}\u{201B}"), "'\u{201A}\u{201A}\u{201B}\u{201B}'");
        assert_eq!(quote("''"), "''''''");
    }

    #[test]
    fn newlines_use_the_concatenation_form() {
        assert_eq!(quote("a\nb"), "('a'+\"`n\"+'b')");
        assert_eq!(quote("a\r\nb"), "('a'+\"`r`n\"+'b')");
        assert_eq!(quote("\n"), "(\"`n\")");
        assert_eq!(quote("x\n"), "('x'+\"`n\")");
        assert_eq!(quote("it's\n"), "('it''s'+\"`n\")");
    }

    #[test]
    fn control_characters() {
        assert_eq!(quote("\0"), "(\"`0\")");
        assert_eq!(quote("\u{07}\u{08}\t\u{0B}\u{0C}"), "(\"`a`b`t`v`f\")");
        assert_eq!(quote("\u{1B}[31m"), "(''+[char]0x1B+'[31m')");
        assert_eq!(quote("a\u{7F}"), "('a'+[char]0x7F)");
        assert_eq!(quote("\u{85}"), "(''+[char]0x85)");
        assert_eq!(quote("a\u{1}\u{2}"), "('a'+[char]0x1+[char]0x2)");
        assert_eq!(quote("\n\u{1}\n"), "(\"`n\"+[char]0x1+\"`n\")");
    }

    #[test]
    fn separators_and_bidi_controls_are_escaped() {
        assert_eq!(quote("a\u{2028}b"), "('a'+[char]0x2028+'b')");
        assert_eq!(quote("\u{2029}"), "(''+[char]0x2029)");
        assert_eq!(quote("abc\u{202E}fed"), "('abc'+[char]0x202E+'fed')");
        assert_eq!(quote("\u{200F}"), "(''+[char]0x200F)");
        assert_eq!(quote("\u{2066}x\u{2069}"), "(''+[char]0x2066+'x'+[char]0x2069)");
        assert_eq!(quote("\u{FEFF}"), "(''+[char]0xFEFF)");
        assert_eq!(quote("\u{061C}"), "(''+[char]0x61C)");
    }

    #[test]
    fn escape_set_is_exact() {
        for cp in 0u32..=0x3000 {
            let Some(c) = char::from_u32(cp) else { continue };
            let expected_escaped = c.is_control()
                || matches!(cp, 0x2028 | 0x2029 | 0x061C | 0x200E | 0x200F | 0x202A..=0x202E | 0x2066..=0x2069);
            assert_eq!(escape_of(c) != Escape::Plain, expected_escaped, "U+{cp:04X}");
        }
        assert_eq!(escape_of('\u{FEFF}'), Escape::CharCode);
        assert_eq!(escape_of('\u{1F600}'), Escape::Plain);
    }

    #[test]
    fn output_is_always_one_line() {
        let nasty = "a\r\n\u{85}\u{2028}\u{2029}\u{0B}\u{0C}b";
        let q = quote(nasty);
        assert!(!q.chars().any(|c| c.is_control() || c == '\u{2028}' || c == '\u{2029}'), "{q}");
    }

    #[test]
    fn quote_into_appends() {
        let mut s = String::from("X ");
        quote_into(&mut s, "a'b");
        quote_into(&mut s, "\n");
        assert_eq!(s, "X 'a''b'(\"`n\")");
    }
}
