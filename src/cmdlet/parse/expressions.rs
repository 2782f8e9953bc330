//! Expressions, skipped token by token while the commands inside them are collected
//! (`ExpressionRule`, `PrimaryExpressionRule` and the post-primary operators in `Parser.cs`).

use super::{Ctx, Parser};
use crate::cmdlet::tokenizer::{
    is_dash, is_double_quote, is_identifier_follow, is_identifier_start, is_single_quote, is_variable_start,
};

/// What came last in an expression, for what may come next.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Prev {
    /// Nothing yet.
    Start,
    /// A unary operator, ending at the offset: a value must follow.
    Unary(usize),
    /// A binary operator, ending at the offset: a value must follow.
    Binary(usize),
    /// A complete value: an operator, a terminator or a member access may follow.
    Value,
    /// A type literal `[T]`: also a value, and one may follow it (a cast).
    Type,
}

/// What the expression read so far is as the target of an assignment (`$x`, `$a.b`, `$h[0]`,
/// `[int]$n`, `($x)`, and with `=` only a list `$a, $b`); anything else before `=` is pwsh's
/// `InvalidLeftHandSide`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Lhs {
    /// Nothing yet.
    Empty,
    /// Type literals: a variable may follow.
    Cast,
    /// One assignable target.
    Target,
    /// Targets separated by commas.
    List,
    /// After a comma of a list: another target must follow.
    ListComma,
    /// Not assignable.
    Invalid,
}

impl Lhs {
    /// Whether `=` (`compound`: `+=`, `??=`, ...) may follow.
    fn assignable(self, compound: bool) -> bool {
        matches!(self, Lhs::Target) || (!compound && self == Lhs::List)
    }
}

/// What a `-word` operator takes (`TokenKind` flags in PowerShell's `token.cs`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum OpKind {
    /// Only before a value: `-not`, `-bnot`.
    Unary,
    /// Both: `-split`, `-join` (`-isplit`, `-csplit`).
    Both,
    /// Only between two values: `-eq`, `-f`, `-and`, ...
    Binary,
    /// Not an operator (`-foo`, `-cjoin`).
    Unknown,
}

fn operator_kind(word: &str) -> OpKind {
    let w = word.to_ascii_lowercase();
    match w.as_str() {
        "not" | "bnot" => return OpKind::Unary,
        "split" | "isplit" | "csplit" | "join" => return OpKind::Both,
        "and" | "or" | "xor" | "band" | "bor" | "bxor" | "shl" | "shr" | "f" | "is" | "isnot" | "as" => {
            return OpKind::Binary;
        }
        _ => {}
    }
    let comparison = |w: &str| {
        matches!(
            w,
            "eq" | "ne"
                | "gt"
                | "ge"
                | "lt"
                | "le"
                | "like"
                | "notlike"
                | "match"
                | "notmatch"
                | "replace"
                | "contains"
                | "notcontains"
                | "in"
                | "notin"
        )
    };
    // Each comparison also comes with `i` (case-insensitive) and `c` (case-sensitive) before it.
    let prefixed = w.strip_prefix('i').or_else(|| w.strip_prefix('c')).is_some_and(comparison);
    if comparison(&w) || prefixed { OpKind::Binary } else { OpKind::Unknown }
}

impl Parser<'_> {
    // ----- expressions (skipped, commands inside collected) --------------------------------

    /// Skips one expression-mode pipeline element, collecting the commands inside it. An
    /// assignment operator makes the rest a statement. `attr` means inside a type or attribute
    /// `[...]`, where `( )` holds attribute arguments rather than a pipeline.
    ///
    /// It follows `ExpressionRule` closely enough to find the syntax errors PowerShell finds in an
    /// expression: a value right after another with no operator between them (`$a $b`, `(1) (2)`,
    /// `$a .b`, `$a [0]`: `UnexpectedToken`, where the element ends and the token starts a new
    /// statement, as in pwsh), an operator with nothing after it (`$a -eq`, `1 +)`, `-not`: pwsh's
    /// `ExpectedValueExpression` and `MissingExpressionAfterOperator`, at the end of the operator),
    /// an operator that takes two operands right after another (`$a -eq -ne 1`), and a unary-only
    /// operator after a value (`$a -not $b`). Checked with pwsh 7.6 (tests/validate_syntax_oracle.rs).
    pub(super) fn expression_element(&mut self, attr: bool) {
        self.expression(attr);
    }

    fn expression(&mut self, attr: bool) {
        if !self.enter() {
            return;
        }
        let mut prev = Prev::Start;
        let mut redirected = 0u8;
        // The assignment target so far, and where the element starts (pwsh reports an invalid
        // target there). Not checked in attribute arguments (`Mandatory=$true`) or a hash
        // literal's computed key.
        let check_lhs = !attr && !std::mem::replace(&mut self.hash_key, false);
        let comma_ends = std::mem::replace(&mut self.comma_ends, false);
        let mut lhs = Lhs::Empty;
        let mut element_start = None;
        let mut last_value_end = usize::MAX;
        let mut last_attr_end = usize::MAX;
        // Where the last member name ended: a `(` right there is a method call.
        let mut last_member_end = usize::MAX;
        loop {
            if self.aborted {
                break;
            }
            self.skip_ws();
            let start = self.cur.pos;
            let Some(c) = self.cur.peek() else {
                self.missing_operand(prev);
                break;
            };
            let element_start = *element_start.get_or_insert(start);
            let adjacent = start == last_value_end;
            let n = self.cur.peek2();
            let after_value = matches!(prev, Prev::Value);
            let mut next = prev;
            match c {
                '\n' | '\r' => {
                    if matches!(prev, Prev::Unary(_) | Prev::Binary(_)) {
                        self.skip_newlines(false);
                        continue;
                    }
                    break;
                }
                ';' | ')' | '}' | ']' | '|' | '&' => {
                    self.missing_operand(prev);
                    break;
                }
                '=' => {
                    if attr || comma_ends {
                        // `Mandatory = $true, Position = 0`, `param($a = 1, $b)`: a named
                        // attribute argument and a default value take an expression, not a
                        // statement, and a comma ends it.
                        self.cur.pos += 1;
                        self.skip_newlines(false);
                        self.comma_ends = comma_ends;
                        self.expression(attr);
                        break;
                    }
                    let invalid = check_lhs && !lhs.assignable(false);
                    self.cur.pos += 1;
                    self.assignment_rhs();
                    // A semantic check in pwsh: reported after the syntax errors.
                    self.invalid_target(invalid, element_start);
                    break;
                }
                '*' if n == Some('>') => self.redirection(&mut redirected),
                '1'..='6' if n == Some('>') => self.redirection(&mut redirected),
                '>' | '<' => self.redirection(&mut redirected),
                '+' | '*' | '/' | '%' => {
                    self.cur.pos += 1;
                    if self.cur.eat('=') {
                        let invalid = check_lhs && !lhs.assignable(true);
                        self.assignment_rhs();
                        // A semantic check in pwsh: reported after the syntax errors.
                        self.invalid_target(invalid, element_start);
                        break;
                    }
                    if c == '+' && self.cur.eat('+') {
                        // `$a++` keeps the value; `++$a` wants one.
                        if !after_value {
                            next = Prev::Unary(self.cur.pos);
                        }
                    } else if after_value {
                        next = Prev::Binary(self.cur.pos);
                    } else if c == '+' {
                        next = Prev::Unary(self.cur.pos);
                    } else if self.missing_operand(prev) {
                        break;
                    } else {
                        next = Prev::Binary(self.cur.pos);
                    }
                }
                // Where a value must come, a `?`, `:`, `..` or a `.` that is not a number cannot
                // start one: pwsh's `ExpectedValueExpression` after the operator before.
                '?' | ':' | '.'
                    if matches!(prev, Prev::Unary(_) | Prev::Binary(_))
                        && !(c == '.' && n.is_some_and(|d| d.is_ascii_digit())) =>
                {
                    self.missing_operand(prev);
                    break;
                }
                '?' => {
                    self.cur.pos += 1;
                    if self.cur.eat('?') {
                        if self.cur.eat('=') {
                            self.powershell_7(
                                start,
                                "the null-coalescing assignment ??=",
                                "write `if ($null -eq $x) { $x = ... }`",
                            );
                            let invalid = check_lhs && !lhs.assignable(true);
                            self.assignment_rhs();
                            // A semantic check in pwsh: reported after the syntax errors.
                            self.invalid_target(invalid, element_start);
                            break;
                        }
                        self.powershell_7(
                            start,
                            "the null-coalescing operator ??",
                            "write `if ($null -ne $a) { $a } else { $b }`",
                        );
                        next = Prev::Binary(self.cur.pos);
                    } else if adjacent && matches!(self.cur.peek(), Some('.' | '[')) {
                        // `${x}?.Name`, `(x)?[0]` (`$x?.Name` is the variable `x?`).
                        self.powershell_7(
                            start,
                            "the null-conditional operator ?. or ?[]",
                            "test the value first: `if ($null -ne $x) { $x.Name }`",
                        );
                        last_value_end = self.cur.pos;
                        continue;
                    } else {
                        if after_value {
                            self.powershell_7(
                                start,
                                "the ternary operator ? :",
                                "write `if (condition) { a } else { b }`",
                            );
                        }
                        next = Prev::Binary(self.cur.pos);
                    }
                }
                c if is_dash(c) => {
                    self.cur.pos += c.len_utf8();
                    match n {
                        Some('=') => {
                            let invalid = check_lhs && !lhs.assignable(true);
                            self.cur.pos += 1;
                            self.assignment_rhs();
                            // A semantic check in pwsh: reported after the syntax errors.
                            self.invalid_target(invalid, element_start);
                            break;
                        }
                        Some(d) if is_dash(d) => {
                            self.cur.pos += d.len_utf8();
                            if !after_value {
                                next = Prev::Unary(self.cur.pos);
                            }
                        }
                        Some(l) if l.is_alphabetic() => {
                            let word_start = self.cur.pos;
                            // Letters only: `-match1` is `-match` and `1` (pwsh 7.6).
                            while let Some(l) = self.cur.peek().filter(|l| l.is_alphabetic()) {
                                self.cur.pos += l.len_utf8();
                            }
                            let kind = operator_kind(&self.cur.src[word_start..self.cur.pos]);
                            if after_value {
                                if matches!(kind, OpKind::Unary | OpKind::Unknown) {
                                    self.cur.pos = start;
                                    self.unexpected_token(start);
                                    break;
                                }
                                next = Prev::Binary(self.cur.pos);
                            } else if kind == OpKind::Binary {
                                if self.missing_operand(prev) {
                                    break;
                                }
                                next = Prev::Binary(self.cur.pos);
                            } else {
                                next = Prev::Unary(self.cur.pos);
                            }
                        }
                        _ => {
                            next = if after_value { Prev::Binary(self.cur.pos) } else { Prev::Unary(self.cur.pos) };
                        }
                    }
                }
                ',' if comma_ends && after_value => break,
                '!' | ',' => {
                    if c == '!' && after_value {
                        self.unexpected_token(start);
                        break;
                    }
                    self.cur.pos += 1;
                    next = if after_value { Prev::Binary(self.cur.pos) } else { Prev::Unary(self.cur.pos) };
                }
                '.' => {
                    if n.is_some_and(|d| d.is_ascii_digit()) {
                        if after_value {
                            self.unexpected_token(start);
                            break;
                        }
                        if self.cur.scan_number(false).is_none() {
                            self.cur.pos += 1;
                        }
                        next = Prev::Value;
                    } else if n == Some('.') {
                        self.cur.pos += 2;
                        next = Prev::Binary(self.cur.pos);
                    } else if adjacent || matches!(prev, Prev::Type) {
                        // Member access, also after blanks and a line break: `$a. b` (pwsh 7.6).
                        self.cur.pos += 1;
                        self.skip_newlines(false);
                        self.member_name_and_call(!attr);
                        last_member_end = self.cur.pos;
                        next = Prev::Value;
                    } else if after_value {
                        self.unexpected_token(start);
                        break;
                    } else {
                        self.cur.pos += 1;
                    }
                }
                ':' => {
                    if n == Some(':') {
                        if after_value && !adjacent {
                            self.unexpected_token(start);
                            break;
                        }
                        self.cur.pos += 2;
                        self.member_name();
                        last_member_end = self.cur.pos;
                        next = Prev::Value;
                    } else {
                        // The ternary's `:`.
                        self.cur.pos += 1;
                        next = Prev::Binary(self.cur.pos);
                    }
                }
                // In an attribute also after blanks: `[Parameter (Mandatory)]` (pwsh 7.6).
                '(' if (attr && after_value) || (adjacent && start == last_member_end) => {
                    // Attribute arguments, or a method call's (member_name reads those right
                    // after the name; this is one after `?.` or a generic name).
                    self.cur.pos += 1;
                    if attr {
                        self.expr_group(')', start, true);
                    } else {
                        self.statement_list(Some((')', start)));
                    }
                    next = Prev::Value;
                }
                '[' if adjacent && start != last_attr_end => {
                    self.cur.pos += 1;
                    self.expr_group(']', start, false);
                    next = Prev::Value;
                }
                '[' => {
                    if after_value {
                        self.unexpected_token(start);
                        break;
                    }
                    // A type or attribute, also right after another (`[A(...)][B(...)]$x`).
                    self.cur.pos += 1;
                    self.expr_group(']', start, true);
                    last_attr_end = self.cur.pos;
                    next = Prev::Type;
                }
                '`' => {
                    // Escaped characters (`` `"`" `` in a string's `$( )`) and what follows them
                    // are one bare word to pwsh.
                    while self.cur.peek() == Some('`') {
                        self.cur.pos += 1;
                        if self.cur.bump().is_none() {
                            self.error(
                                "incomplete-escape",
                                start,
                                "a backtick ends the text",
                                "remove it or add the character it escapes",
                            );
                        }
                        while let Some(l) = self.cur.peek().filter(|l| is_identifier_follow(*l)) {
                            self.cur.pos += l.len_utf8();
                        }
                    }
                    next = Prev::Value;
                }
                _ => {
                    let value_start = c == '$'
                        || c == '@'
                        || c == '('
                        || c == '{'
                        || c.is_ascii_digit()
                        || is_single_quote(c)
                        || is_double_quote(c)
                        || is_identifier_start(c);
                    if !value_start {
                        self.cur.pos += c.len_utf8();
                        continue;
                    }
                    if after_value {
                        self.unexpected_token(start);
                        break;
                    }
                    if matches!(prev, Prev::Type) && matches!(self.peek_keyword(), Some(("param", _))) {
                        // `[CmdletBinding()]param(...)`: the attributes of a param block.
                        if let Some((kw, end)) = self.peek_keyword() {
                            self.cur.pos = end;
                            self.keyword_statement(kw, start);
                        }
                        break;
                    }
                    self.primary_value(c, n, start, attr);
                    next = Prev::Value;
                }
            }
            if matches!(next, Prev::Value) {
                last_value_end = self.cur.pos;
            }
            lhs = match (c, next) {
                (_, Prev::Type) if matches!(lhs, Lhs::Empty | Lhs::Cast | Lhs::ListComma) => Lhs::Cast,
                ('$', Prev::Value) if !after_value && n != Some('(') => match lhs {
                    Lhs::Empty | Lhs::Cast => Lhs::Target,
                    Lhs::ListComma => Lhs::List,
                    _ => Lhs::Invalid,
                },
                ('(', Prev::Value) if !after_value && lhs == Lhs::Empty => Lhs::Target,
                // Member access and indexing keep a target one.
                ('.' | ':' | '[', Prev::Value) if after_value => lhs,
                // A static member: `[Net.ServicePointManager]::SecurityProtocol = ...`.
                ('.' | ':', Prev::Value) if prev == Prev::Type => Lhs::Target,
                // Also a unary comma: `, $i = 0` parses in pwsh 7.6.
                (',', _) if matches!(lhs, Lhs::Empty | Lhs::Target | Lhs::List) => Lhs::ListComma,
                _ => Lhs::Invalid,
            };
            prev = next;
        }
        self.leave();
    }

    /// A value that starts with `c` (its second character `n`) at `start`: a variable, number,
    /// string, `( )`, `$( )`, `@( )`, hash literal, script block or bare word.
    fn primary_value(&mut self, c: char, n: Option<char>, start: usize, attr: bool) {
        match c {
            '0'..='9' => {
                if self.cur.scan_number(false).is_none() {
                    while let Some(d) = self.cur.peek().filter(|d| d.is_alphanumeric() || *d == '.') {
                        self.cur.pos += d.len_utf8();
                    }
                }
            }
            '$' => {
                self.cur.pos += 1;
                if self.cur.eat('(') {
                    self.statement_list(Some((')', start)));
                } else if let Err(e) = self.cur.scan_variable_name(false) {
                    self.lex_error(e);
                }
            }
            '@' => match n {
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
                    self.error("unrecognized-token", start, "unrecognized token @", "write @( ), @{ } or @'...'@");
                    self.cur.pos += 1;
                }
            },
            '(' => {
                self.cur.pos += 1;
                if attr {
                    self.expr_group(')', start, true);
                } else {
                    self.paren_pipeline(start, false);
                }
            }
            '{' => {
                self.cur.pos += 1;
                self.statement_list(Some(('}', start)));
            }
            c if is_single_quote(c) || is_double_quote(c) => {
                self.string_like();
                self.parse_subs();
            }
            _ => {
                while let Some(l) = self.cur.peek().filter(|l| is_identifier_follow(*l)) {
                    self.cur.pos += l.len_utf8();
                }
            }
        }
    }

    /// A method call's arguments after its `(` at `open`: expressions separated by commas. When
    /// something else than `,` or `)` follows an argument, the `)` is missing there: pwsh's
    /// `MissingEndParenthesisInMethodCall`, reported after the argument.
    fn method_arguments(&mut self, open: usize) {
        if !self.enter() {
            return;
        }
        loop {
            self.skip_newlines(false);
            if self.cur.eat(')') {
                break;
            }
            if matches!(self.cur.peek(), None | Some('}' | ']' | ';')) {
                self.missing_method_paren(open);
                break;
            }
            let before = self.cur.pos;
            self.comma_ends = true;
            self.expression_element(false);
            if self.cur.pos == before {
                self.missing_method_paren(open);
                break;
            }
            self.skip_ws();
            if self.cur.eat(',') {
                continue;
            }
            self.skip_newlines(false);
            if self.cur.eat(')') {
                break;
            }
            self.missing_method_paren(open);
            break;
        }
        self.leave();
    }

    fn missing_method_paren(&mut self, open: usize) {
        let at = self.last_end;
        let opened = self.position(open);
        self.error(
            "missing-closing-delimiter",
            at,
            format!(
                "missing ) here: the ( of the method call at line {}, column {} is not closed",
                opened.line, opened.column
            ),
            "close the argument list with )",
        );
    }

    /// pwsh's `InvalidLeftHandSide`, when `invalid`: what comes before an assignment operator
    /// cannot be assigned to.
    fn invalid_target(&mut self, invalid: bool, at: usize) {
        if invalid {
            self.late_error(
                "invalid-assignment-target",
                at,
                "the left of this assignment cannot be assigned to".into(),
                "assign to a variable ($x), a property ($m.Name) or an element ($h['k']); compare with -eq",
            );
        }
    }

    /// pwsh's `UnexpectedToken`: a token that cannot follow the value before it.
    fn unexpected_token(&mut self, at: usize) {
        self.error(
            "unexpected-token",
            at,
            "unexpected token: a value follows another with no operator between them",
            "join them with an operator (+, -f, ...) or a comma, or put them on separate lines",
        );
    }

    /// After an operator, the value it needs is missing (pwsh's `ExpectedValueExpression`,
    /// `MissingExpressionAfterOperator`): reported at the end of the operator. Returns whether
    /// it was reported.
    fn missing_operand(&mut self, prev: Prev) -> bool {
        let (Prev::Unary(at) | Prev::Binary(at)) = prev else { return false };
        self.error(
            "missing-expression",
            at,
            "an operator here has no value after it",
            "add the value the operator works on, or remove the operator",
        );
        true
    }

    pub(super) fn assignment_rhs(&mut self) {
        self.skip_newlines(false);
        if self.at_terminator() && self.cur.peek() != Some('&') {
            // After the operator, as pwsh reports it.
            let at = self.last_end;
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

    /// A redirection at the cursor; `redirected` holds the streams the command has redirected
    /// already (bit n for stream n, bit 0 for `*`, which pwsh keeps apart: `> f *>&1` is
    /// accepted), and a second redirection of one of them is pwsh's `StreamAlreadyRedirected`,
    /// at the second.
    pub(super) fn redirection(&mut self, redirected: &mut u8) {
        let start = self.cur.pos;
        let streams = match self.cur.peek_byte() {
            Some(b'*') => 1,
            Some(d @ b'1'..=b'6') => 1 << (d - b'0'),
            Some(b'>') => 1 << 1,
            _ => 0,
        };
        if *redirected & streams != 0 {
            self.error(
                "stream-already-redirected",
                start,
                "this stream of the command is already redirected",
                "redirect each stream once (2>&1 > file sends errors and output to one file)",
            );
        }
        *redirected |= streams;
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
        let op_end = self.cur.pos;
        self.skip_ws();
        // Another redirection is no file name either (`>> > out.txt`).
        let another = match self.cur.peek_byte() {
            Some(b'>' | b'<') => true,
            Some(b'*' | b'1'..=b'6') => self.cur.char_at(self.cur.pos + 1) == Some('>'),
            _ => false,
        };
        if self.at_terminator() || self.cur.peek() == Some(',') || another {
            // pwsh reports it at the end of the operator.
            self.error(
                "missing-file-specification",
                op_end,
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
                    self.powershell_7(
                        start,
                        "the null-conditional operator ?. or ?[]",
                        "test the value first: `if ($null -ne $x) { $x.Name }`",
                    );
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
        self.member_name_and_call(true);
    }

    /// A member name and, when `call`, the arguments of a method call right after it. In an
    /// attribute (`[A.B('x', Justification = 'y')]`) the arguments are attribute arguments,
    /// which the caller reads.
    fn member_name_and_call(&mut self, call: bool) {
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
        if call && self.cur.eat('(') {
            self.method_arguments(open);
        } else if call && self.cur.eat('{') {
            self.statement_list(Some(('}', open)));
        }
    }
}
