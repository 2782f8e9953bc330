//! Constant values: hash literals (`HashExpressionRule`) and the constant forms an argument
//! can take (arrays of strings and numbers, the quoted form of `literal::quote`, `[char]` casts).

use super::{Arg, Parser};
use crate::cmdlet::tokenizer::{
    Expansions, Number, is_dash, is_double_quote, is_identifier_follow, is_identifier_start, is_single_quote,
};

impl Parser<'_> {
    // ----- hash literals ------------------------------------------------------------------

    /// Reads a hash literal after `@{` (`HashExpressionRule`); an `Add`/`Remove` shape with
    /// constant strings becomes [`Arg::AddRemove`].
    pub(super) fn hash_literal(&mut self, open: usize) -> Arg {
        if !self.enter() {
            return Arg::Dynamic;
        }
        let mut shape = true;
        let mut add: Option<Vec<String>> = None;
        let mut remove: Option<Vec<String>> = None;
        let mut keys: Vec<String> = Vec::new();
        let result = loop {
            if self.aborted {
                break Arg::Dynamic;
            }
            self.skip_newlines(true);
            let key_start = self.cur.pos;
            let key: Option<String> = match self.cur.peek() {
                None | Some(')' | ']') => {
                    // pwsh reports it after the `@{`.
                    self.missing_closer('}', open + 2);
                    break Arg::Dynamic;
                }
                Some('}') => {
                    self.cur.pos += 1;
                    if shape {
                        break Arg::AddRemove(add.unwrap_or_default(), remove.unwrap_or_default());
                    }
                    break Arg::Dynamic;
                }
                Some(c) if is_single_quote(c) || is_double_quote(c) => self.string_with_subs(),
                Some(c) if is_identifier_start(c) => {
                    while let Some(l) = self.cur.peek().filter(|l| is_identifier_follow(*l)) {
                        self.cur.pos += l.len_utf8();
                    }
                    Some(self.cur.src[key_start..self.cur.pos].to_string())
                }
                Some('0'..='9') => match self.cur.scan_number(false) {
                    Some(_) => Some(self.cur.src[key_start..self.cur.pos].to_string()),
                    None => None,
                },
                Some(_) => {
                    // A computed key: read `key = value` as an expression statement.
                    shape = false;
                    self.hash_key = true;
                    self.expression_element(false);
                    if self.cur.pos == key_start {
                        self.cur.bump();
                    }
                    continue;
                }
            };
            self.skip_ws();
            if !self.cur.eat('=') {
                // pwsh reports it after the key.
                let at = self.last_end;
                self.error(
                    "missing-hash-equals",
                    at,
                    "a hash literal entry needs = after its key",
                    "write @{Key = value; Other = value}",
                );
                shape = false;
                if self.cur.pos == key_start {
                    self.cur.bump();
                }
                continue;
            }
            self.skip_newlines(false);
            let value_start = self.cur.pos;
            let diag_len = self.diags.len();
            let constant = match self.const_items() {
                Some(v) if self.at_hash_value_end() => Some(v),
                _ => {
                    self.cur.pos = value_start;
                    self.diags.truncate(diag_len);
                    None
                }
            };
            if constant.is_none() {
                if self.at_hash_value_end() {
                    let at = self.cur.pos;
                    self.error("missing-expression", at, "a value must follow = in a hash literal", "add the value");
                } else {
                    self.statement();
                }
            }
            match key {
                Some(k) => {
                    if keys.iter().any(|x| x.eq_ignore_ascii_case(&k)) {
                        self.late_error(
                            "duplicate-hash-key",
                            key_start,
                            format!("the key '{k}' appears twice in this hash literal"),
                            "merge the two entries into one",
                        );
                        shape = false;
                    }
                    if k.eq_ignore_ascii_case("add") && add.is_none() {
                        add = constant;
                        shape &= add.is_some();
                    } else if k.eq_ignore_ascii_case("remove") && remove.is_none() {
                        remove = constant;
                        shape &= remove.is_some();
                    } else {
                        shape = false;
                    }
                    keys.push(k);
                }
                None => shape = false,
            }
        };
        self.leave();
        result
    }

    pub(super) fn at_hash_value_end(&mut self) -> bool {
        self.skip_ws();
        matches!(self.cur.peek(), None | Some('\n' | '\r' | ';' | '}'))
    }

    // ----- constants ------------------------------------------------------------------------

    /// `item (, item)*` of constant strings and numbers in expression mode; `None` (cursor
    /// anywhere) when something is not constant.
    pub(super) fn const_items(&mut self) -> Option<Vec<String>> {
        let mut items = Vec::new();
        loop {
            self.skip_ws();
            self.const_item(&mut items)?;
            let save = self.cur.pos;
            self.skip_ws();
            if self.cur.eat(',') {
                self.skip_newlines(false);
                continue;
            }
            self.cur.pos = save;
            return Some(items);
        }
    }

    pub(super) fn const_item(&mut self, items: &mut Vec<String>) -> Option<()> {
        let c = self.cur.peek()?;
        let start = self.cur.pos;
        let n = self.cur.peek2();
        if is_single_quote(c)
            || is_double_quote(c)
            || (c == '@' && n.is_some_and(|q| is_single_quote(q) || is_double_quote(q)))
        {
            let s = self.const_string()?;
            items.push(s);
        } else if c == '@' && n == Some('(') {
            self.cur.pos += 2;
            loop {
                self.skip_newlines(true);
                if self.cur.eat(')') {
                    break;
                }
                let more = self.const_items()?;
                items.extend(more);
                self.skip_ws();
                if !matches!(self.cur.peek(), Some(')' | '\n' | '\r' | ';')) {
                    return None;
                }
            }
        } else if c == '(' {
            match self.const_paren()? {
                Arg::Str(s) => items.push(s),
                Arg::Int(n) => items.push(n.to_string()),
                _ => return None,
            }
        } else if c.is_ascii_digit() {
            match self.cur.scan_number(false)? {
                Number::Int(v) => items.push(v.to_string()),
                Number::Text => items.push(self.cur.src[start..self.cur.pos].to_string()),
            }
        } else {
            return None;
        }
        if self.member_access_follows() {
            return None;
        }
        Some(())
    }

    /// A constant string token (no run-time expansion) at the cursor.
    pub(super) fn const_string(&mut self) -> Option<String> {
        let mut c = self.cur.clone();
        let mut out = String::new();
        let mut exp = Expansions::default();
        let mut subs = Vec::new();
        let q = c.bump()?;
        let r = if q == '@' {
            let q2 = c.bump()?;
            c.scan_here_string(is_double_quote(q2), &mut out, &mut exp, &mut subs)
        } else if is_single_quote(q) {
            c.scan_single_quoted(&mut out)
        } else {
            c.scan_double_quoted(&mut out, &mut exp, &mut subs)
        };
        if r.is_err() || exp.dynamic || exp.unrepresentable {
            return None;
        }
        self.cur.pos = c.pos;
        Some(out)
    }

    /// Whether a member access or index follows directly (which makes a value run-time).
    pub(super) fn member_access_follows(&self) -> bool {
        match self.cur.peek() {
            Some('.') => self.cur.peek2().is_some_and(|n| !n.is_whitespace() && n != '.'),
            Some('[') => true,
            Some(':') => self.cur.peek2() == Some(':'),
            Some('?') => matches!(self.cur.peek2(), Some('.' | '[')),
            _ => false,
        }
    }

    /// The constant parenthesized forms: [`crate::cmdlet::literal::quote`]'s concatenation
    /// `('a'+"`n"+[char]0x1B)` and a signed integer `(-5)`. On `None` the cursor is unchanged.
    pub(super) fn const_paren(&mut self) -> Option<Arg> {
        let start = self.cur.pos;
        let r = self.const_paren_inner();
        if r.is_none() || self.member_access_follows() {
            self.cur.pos = start;
            return None;
        }
        r
    }

    pub(super) fn const_paren_inner(&mut self) -> Option<Arg> {
        self.cur.pos += 1; // (
        self.cur.skip_plain_ws();
        let c = self.cur.peek()?;
        if is_dash(c) || c.is_ascii_digit() {
            let negative = is_dash(c);
            if negative {
                self.cur.pos += c.len_utf8();
                let s = self.cur.pos;
                while self.cur.peek_byte().is_some_and(|b| b.is_ascii_digit()) {
                    self.cur.pos += 1;
                }
                let digits = &self.cur.src[s..self.cur.pos];
                if digits.is_empty() || digits.len() > 20 {
                    return None;
                }
                let v = -digits.parse::<i128>().ok()?;
                let v = i64::try_from(v).ok()?;
                self.cur.skip_plain_ws();
                return self.cur.eat(')').then_some(Arg::Int(v));
            }
            let Number::Int(v) = self.cur.scan_number(false)? else { return None };
            self.cur.skip_plain_ws();
            return self.cur.eat(')').then_some(Arg::Int(v));
        }
        if !(is_single_quote(c) || is_double_quote(c)) {
            return None;
        }
        let mut value = self.const_string()?;
        loop {
            self.cur.skip_plain_ws();
            if self.cur.eat(')') {
                return Some(Arg::Str(value));
            }
            if !self.cur.eat('+') {
                return None;
            }
            self.cur.skip_plain_ws();
            let c = self.cur.peek()?;
            if is_single_quote(c) || is_double_quote(c) {
                value.push_str(&self.const_string()?);
            } else if c == '[' {
                value.push(self.char_cast()?);
            } else {
                return None;
            }
        }
    }

    /// `[char]0xHEX` with a BMP scalar value.
    pub(super) fn char_cast(&mut self) -> Option<char> {
        let rest = &self.cur.src[self.cur.pos..self.cur.end];
        if rest.len() < 9 || !rest[..8].eq_ignore_ascii_case("[char]0x") {
            return None;
        }
        let hex_len = rest[8..].bytes().take_while(|b| b.is_ascii_hexdigit()).count();
        if hex_len == 0 || hex_len > 4 {
            return None;
        }
        let v = u32::from_str_radix(&rest[8..8 + hex_len], 16).ok()?;
        let after = rest[8 + hex_len..].chars().next();
        if after.is_some_and(|a| is_identifier_follow(a) || a == '.') {
            return None;
        }
        self.cur.pos += 8 + hex_len;
        char::from_u32(v)
    }
}
