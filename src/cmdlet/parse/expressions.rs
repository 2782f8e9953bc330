//! Expressions, skipped token by token while the commands inside them are collected
//! (`ExpressionRule`, `PrimaryExpressionRule` and the post-primary operators in `Parser.cs`).

use super::{Ctx, Parser};
use crate::cmdlet::tokenizer::{
    is_dash, is_double_quote, is_identifier_follow, is_identifier_start, is_single_quote, is_variable_start,
};

impl Parser<'_> {
    // ----- expressions (skipped, commands inside collected) --------------------------------

    /// Skips one expression-mode pipeline element, collecting the commands inside it. An
    /// assignment operator makes the rest a statement. `attr` means inside a type or attribute
    /// `[...]`, where `( )` holds attribute arguments rather than a pipeline.
    pub(super) fn expression_element(&mut self, attr: bool) {
        if !self.enter() {
            return;
        }
        let mut need_operand = false;
        let mut last_value_end = usize::MAX;
        let mut last_attr_end = usize::MAX;
        // Whether the token before was a string, number or variable: another one after a space,
        // with no operator between, is pwsh's "Unexpected token" (`$x = "a" "b"`).
        let mut after_plain_value = false;
        loop {
            if self.aborted {
                break;
            }
            self.skip_ws();
            let Some(c) = self.cur.peek() else { break };
            let start = self.cur.pos;
            let adjacent = start == last_value_end;
            let n = self.cur.peek2();
            let mut value = false;
            let mut operand = false;
            // (`2>$null 3>$null`: a stream number starts a redirection, not a value.)
            let plain = (matches!(c, '0'..='9' | '$') && n != Some('>')) || is_single_quote(c) || is_double_quote(c);
            if plain && after_plain_value && !adjacent && !need_operand {
                self.error(
                    "unexpected-token",
                    start,
                    "unexpected value: two values with no operator between them",
                    "join them with an operator (+, -f, ...) or a comma, or put them on separate lines",
                );
            }
            match c {
                '\n' | '\r' => {
                    if need_operand {
                        self.skip_newlines(false);
                        continue;
                    }
                    break;
                }
                ';' | ')' | '}' | ']' | '|' | '&' => break,
                '=' => {
                    self.cur.pos += 1;
                    self.assignment_rhs();
                    break;
                }
                '*' if n == Some('>') => self.redirection(),
                '1'..='6' if n == Some('>') => self.redirection(),
                '>' | '<' => self.redirection(),
                '+' | '*' | '/' | '%' => {
                    self.cur.pos += 1;
                    if self.cur.eat('=') {
                        self.assignment_rhs();
                        break;
                    }
                    if !(c == '+' && self.cur.eat('+')) {
                        operand = true;
                    }
                }
                '?' => {
                    self.cur.pos += 1;
                    if self.cur.eat('?') && self.cur.eat('=') {
                        self.assignment_rhs();
                        break;
                    }
                    operand = !matches!(self.cur.peek(), Some('.' | '['));
                }
                c if is_dash(c) => {
                    self.cur.pos += c.len_utf8();
                    match n {
                        Some('=') => {
                            self.cur.pos += 1;
                            self.assignment_rhs();
                            break;
                        }
                        Some(d) if is_dash(d) => self.cur.pos += d.len_utf8(),
                        Some(l) if l.is_alphabetic() => {
                            while let Some(l) = self.cur.peek().filter(|l| l.is_alphanumeric()) {
                                self.cur.pos += l.len_utf8();
                            }
                            operand = true;
                        }
                        _ => operand = true,
                    }
                }
                '!' | ',' => {
                    self.cur.pos += 1;
                    operand = true;
                }
                '.' => {
                    if n.is_some_and(|d| d.is_ascii_digit()) {
                        if self.cur.scan_number(false).is_none() {
                            self.cur.pos += 1;
                        }
                        value = true;
                    } else if n == Some('.') {
                        self.cur.pos += 2;
                        operand = true;
                    } else {
                        self.cur.pos += 1;
                    }
                }
                ':' => {
                    self.cur.pos += if n == Some(':') { 2 } else { 1 };
                    operand = n != Some(':');
                }
                '0'..='9' => {
                    if self.cur.scan_number(false).is_none() {
                        while let Some(d) = self.cur.peek().filter(|d| d.is_alphanumeric() || *d == '.') {
                            self.cur.pos += d.len_utf8();
                        }
                    }
                    value = true;
                }
                '$' => {
                    self.cur.pos += 1;
                    if self.cur.eat('(') {
                        self.statement_list(Some((')', start)));
                    } else {
                        match self.cur.scan_variable_name(false) {
                            Ok(_) => {}
                            Err(e) => self.lex_error(e),
                        }
                    }
                    value = true;
                }
                '@' => {
                    match n {
                        Some('(') => {
                            self.cur.pos += 2;
                            self.statement_list(Some((')', start)));
                        }
                        Some('{') => {
                            self.cur.pos += 2;
                            self.hash_literal(start);
                        }
                        Some(q) if is_single_quote(q) || is_double_quote(q) => {
                            self.string_like();
                            self.parse_subs();
                        }
                        Some(v) if is_variable_start(v) => {
                            self.cur.pos += 1;
                            let _ = self.cur.scan_variable_name(false);
                        }
                        _ => {
                            self.error(
                                "unrecognized-token",
                                start,
                                "unrecognized token @",
                                "write @( ), @{ } or @'...'@",
                            );
                            self.cur.pos += 1;
                        }
                    }
                    value = true;
                }
                c if is_single_quote(c) || is_double_quote(c) => {
                    self.string_like();
                    self.parse_subs();
                    value = true;
                }
                '(' => {
                    self.cur.pos += 1;
                    if attr {
                        self.expr_group(')', start, true);
                    } else {
                        self.paren_list = true;
                        self.statement_list(Some((')', start)));
                    }
                    value = true;
                }
                '{' => {
                    self.cur.pos += 1;
                    self.statement_list(Some(('}', start)));
                    value = true;
                }
                '[' => {
                    self.cur.pos += 1;
                    // `[A(...)][B(...)]`: an attribute or type right after another is one too,
                    // not an index into it (`[Parameter(Mandatory)][Parameter(Mandatory)]$x`).
                    let attr = !adjacent || start == last_attr_end;
                    self.expr_group(']', start, attr);
                    if attr {
                        last_attr_end = self.cur.pos;
                    }
                    value = true;
                }
                '`' => {
                    self.cur.pos += 1;
                    if self.cur.bump().is_none() {
                        self.error(
                            "incomplete-escape",
                            start,
                            "a backtick ends the text",
                            "remove it or add the character it escapes",
                        );
                    }
                }
                c if is_identifier_start(c) => {
                    // A word after a string, number or variable and a space, with no operator
                    // between (`$NeedsApprova l = ...`, `1<tab>ProvisionMailbox = ...`): pwsh's
                    // UnexpectedToken, at the word (checked with pwsh 7.6).
                    if after_plain_value && !adjacent && !need_operand {
                        self.error(
                            "unexpected-token",
                            start,
                            "unexpected word after a value: there is no operator between them",
                            "join them with an operator, or quote the text, or put them on separate lines",
                        );
                        // pwsh ends the statement here and reads on from the word.
                        break;
                    }
                    while let Some(l) = self.cur.peek().filter(|l| is_identifier_follow(*l)) {
                        self.cur.pos += l.len_utf8();
                    }
                    value = true;
                }
                c => {
                    self.cur.pos += c.len_utf8();
                }
            }
            if value {
                last_value_end = self.cur.pos;
                need_operand = false;
            } else if operand {
                need_operand = true;
            }
            after_plain_value = value && plain;
        }
        self.leave();
    }

    pub(super) fn assignment_rhs(&mut self) {
        self.skip_newlines(false);
        if self.at_terminator() && self.cur.peek() != Some('&') {
            let at = self.cur.pos;
            self.error("missing-expression", at, "a value must follow the assignment operator", "add the value");
            return;
        }
        self.statement();
    }

    /// Expressions up to `closer` (`)` or `]`), for argument lists, attribute arguments, type
    /// names and indexes.
    pub(super) fn expr_group(&mut self, closer: char, open: usize, attr: bool) {
        if !self.enter() {
            return;
        }
        loop {
            if self.aborted {
                break;
            }
            self.skip_newlines(true);
            match self.cur.peek() {
                None => {
                    self.missing_closer(closer, open);
                    break;
                }
                Some(c) if c == closer => {
                    self.cur.pos += 1;
                    break;
                }
                Some(')' | '}' | ']') => {
                    self.missing_closer(closer, open);
                    break;
                }
                Some(_) => {
                    let before = self.cur.pos;
                    self.expression_element(attr);
                    if self.cur.pos == before {
                        self.cur.bump();
                    }
                }
            }
        }
        self.leave();
    }

    /// Reads a string at the cursor and collects the commands of its `$( )` parts; returns its
    /// value unless it expands at run time.
    pub(super) fn string_with_subs(&mut self) -> Option<String> {
        let exp = self.string_like();
        // One exact allocation; the scratch buffer keeps its capacity.
        let value = self.buf.clone();
        self.parse_subs();
        (!exp.dynamic && !exp.unrepresentable).then_some(value)
    }

    /// Collects the commands inside the `$( )` ranges the last scan found.
    pub(super) fn parse_subs(&mut self) {
        if self.subs.is_empty() {
            return;
        }
        let subs = std::mem::take(&mut self.subs);
        let doubled = self.last_doubled;
        for &(s, e) in &subs {
            let (save_pos, save_end, save_doubled) = (self.cur.pos, self.cur.end, self.doubled);
            self.cur.pos = s + 2;
            self.cur.end = e.saturating_sub(1).max(s + 2);
            self.doubled = doubled;
            self.statement_list(None);
            self.doubled = save_doubled;
            self.cur.pos = save_pos;
            self.cur.end = save_end;
            if self.aborted {
                self.cur.pos = self.cur.end;
            }
        }
        self.subs = subs;
        self.subs.clear();
    }

    pub(super) fn redirection(&mut self) {
        let start = self.cur.pos;
        let c = self.cur.bump().unwrap_or('>');
        if c == '<' {
            self.error(
                "unsupported-redirection",
                start,
                "the < operator is reserved for future use",
                "pipe the content instead: Get-Content file | command",
            );
            return;
        }
        if c != '>' {
            // `*>` or `n>`
            self.cur.eat('>');
        }
        self.cur.eat('>');
        if self.cur.peek() == Some('&') && self.cur.peek2().is_some_and(|d| d == '1' || d == '2') {
            self.cur.pos += 2;
            return;
        }
        self.skip_ws();
        if self.at_terminator() || self.cur.peek() == Some(',') {
            self.error(
                "missing-file-specification",
                start,
                "a redirection needs a file name after it",
                "add the file name, or $null to discard",
            );
            return;
        }
        self.argument_element(Ctx::Argument);
    }

    /// Member access, indexing and method calls right after a value (`CheckPostPrimaryExpressionOperators`
    /// with `GetMemberAccessOperator`'s command-mode rules). Returns whether any was read.
    pub(super) fn post_ops(&mut self) -> bool {
        let mut any = false;
        loop {
            let start = self.cur.pos;
            match self.cur.peek() {
                Some('.') => {
                    if self.cur.peek2().is_none_or(|n| n.is_whitespace() || n == '.') {
                        break;
                    }
                    self.cur.pos += 1;
                    self.member_name();
                }
                Some(':') if self.cur.peek2() == Some(':') => {
                    if self.cur.char_at(self.cur.pos + 2).is_none_or(|n| n.is_whitespace()) {
                        break;
                    }
                    self.cur.pos += 2;
                    self.member_name();
                }
                Some('[') => {
                    self.cur.pos += 1;
                    self.expr_group(']', start, false);
                }
                Some('?') if matches!(self.cur.peek2(), Some('.' | '[')) => {
                    self.cur.pos += 1;
                    continue;
                }
                _ => break,
            }
            any = true;
        }
        any
    }

    pub(super) fn member_name(&mut self) {
        let start = self.cur.pos;
        match self.cur.peek() {
            Some(c) if is_identifier_start(c) => {
                while let Some(l) = self.cur.peek().filter(|l| is_identifier_follow(*l)) {
                    self.cur.pos += l.len_utf8();
                }
            }
            Some(c) if is_single_quote(c) || is_double_quote(c) => {
                self.string_with_subs();
            }
            Some('$') => {
                self.cur.pos += 1;
                if self.cur.eat('(') {
                    self.statement_list(Some((')', start)));
                } else if let Err(e) = self.cur.scan_variable_name(false) {
                    self.lex_error(e);
                }
            }
            Some('(') => {
                self.cur.pos += 1;
                self.statement_list(Some((')', start)));
            }
            _ => {}
        }
        let open = self.cur.pos;
        if self.cur.eat('(') {
            self.statement_list(Some((')', open)));
        } else if self.cur.eat('{') {
            self.statement_list(Some(('}', open)));
        }
    }
}
