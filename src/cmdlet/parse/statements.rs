//! Statements: statement lists, keyword statements (`if`, `foreach`, `switch`, `try`,
//! `function`, ...), pipelines and pipeline chains (`StatementRule`, `PipelineRule` and
//! `PipelineChainRule` in `Parser.cs`).

use super::{Ctx, ParamScan, Parser};
use crate::cmdlet::keywords::statement_keyword;
use crate::cmdlet::tokenizer::{
    Cursor, Expansions, force_start_new_token, is_dash, is_double_quote, is_identifier_follow, is_identifier_start,
    is_single_quote, is_variable_start,
};

impl Parser<'_> {
    // ----- statements --------------------------------------------------------------------

    /// Statements up to `closer` (a `)`/`}` with the offset of its opener) or the end.
    pub(super) fn statement_list(&mut self, closer: Option<(char, usize)>) {
        if !self.enter() {
            return;
        }
        // In a statement block, a named-block keyword is never first in a script block.
        // So is a `( )` or `$( )`, and a switch clause.
        let block = std::mem::take(&mut self.statement_block) || matches!(closer, Some((')', _)));
        let mut prev = block.then_some("{");
        let paren = std::mem::take(&mut self.paren_list);
        let mut first_end = None;
        let mut first = true;
        loop {
            if self.aborted {
                break;
            }
            self.skip_newlines(true);
            match self.cur.peek() {
                None => {
                    if let Some((c, open)) = closer {
                        self.missing_closer(c, open);
                    }
                    break;
                }
                Some(c) if closer.is_some_and(|(cl, _)| cl == c) => {
                    self.cur.pos += 1;
                    break;
                }
                Some(c @ (')' | '}')) => {
                    if let Some((cl, open)) = closer {
                        self.missing_closer(cl, open);
                        break;
                    }
                    let at = self.cur.pos;
                    self.error(
                        "unexpected-token",
                        at,
                        format!("unexpected {c}"),
                        "remove it or add the opening bracket",
                    );
                    self.cur.pos += 1;
                }
                Some(_) => {
                    let before = self.cur.pos;
                    if paren && let Some(end) = first_end.take() {
                        self.error(
                            "missing-closing-delimiter",
                            end,
                            "a ( ) holds one pipeline, and this one has no ) where its first ends",
                            "close the ) there, or write $( ... ) for several statements",
                        );
                    }
                    self.prev_statement = prev;
                    self.statement();
                    if paren && first {
                        first_end = Some(self.cur.pos);
                    }
                    first = false;
                    prev = Some(self.last_statement);
                    if closer.is_none() && self.depth == 1 {
                        self.flush();
                    }
                    if self.cur.pos == before
                        && let Some(c) = self.cur.bump()
                    {
                        self.error("unexpected-token", before, format!("unexpected {c}"), "");
                    }
                }
            }
        }
        self.leave();
    }

    pub(super) fn statement(&mut self) {
        if !self.enter() {
            return;
        }
        // A loop label `:name`.
        if self.cur.peek() == Some(':')
            && let Some(c) = self.cur.peek2()
            && is_identifier_start(c)
        {
            let save = self.cur.pos;
            self.cur.pos += 1;
            while let Some(c) = self.cur.peek().filter(|c| is_identifier_follow(*c)) {
                self.cur.pos += c.len_utf8();
            }
            if self.cur.peek().is_none_or(force_start_new_token) {
                self.skip_newlines(false);
            } else {
                self.cur.pos = save;
            }
        }
        // A line of dashes (a notes file's underline): `--` is pwsh's decrement, which needs a
        // variable after it (OperatorRequiresVariableOrProperty, checked with pwsh 7.6).
        // One finding for the line, however many runs of dashes it has (a table's underline).
        let rest = &self.cur.bytes[self.cur.pos..self.cur.end];
        let dashes = if rest.starts_with(b"--") {
            let line = rest.iter().take_while(|&&b| b != b'\n' && b != b'\r').count();
            if rest[..line].iter().all(|&b| matches!(b, b'-' | b' ' | b'\t')) {
                rest[..line].iter().rposition(|&b| b == b'-').map_or(0, |i| i + 1)
            } else {
                0
            }
        } else {
            0
        };
        if dashes >= 2 {
            let at = self.cur.pos + 2;
            self.error(
                "operator-requires-variable",
                at,
                "`--` decrements a variable, and none follows it (a line of dashes is not a comment)",
                "start the line with # to make it a comment",
            );
            self.cur.pos += dashes;
            self.last_statement = "";
            self.leave();
            return;
        }
        let last = match self.peek_keyword() {
            Some((kw, end)) => {
                let start = self.cur.pos;
                self.cur.pos = end;
                self.keyword_statement(kw, start);
                kw
            }
            None => {
                self.pipeline_chain();
                ""
            }
        };
        self.last_statement = last;
        self.leave();
    }

    /// The statement keyword at the cursor, if any, with the offset after it. As in
    /// `ScanIdentifier`, a keyword must be followed by a character that ends a token.
    pub(super) fn peek_keyword(&self) -> Option<(&'static str, usize)> {
        let start = self.cur.pos;
        let mut p = start;
        while p < self.cur.end && self.cur.bytes[p].is_ascii_alphabetic() {
            p += 1;
        }
        if p == start || p - start > 13 {
            return None;
        }
        match self.cur.char_at(p) {
            None => {}
            Some(c) if is_identifier_follow(c) || !force_start_new_token(c) => return None,
            Some(_) => {}
        }
        let word = &self.cur.src[start..p];
        statement_keyword(word).map(|k| (k, p))
    }

    pub(super) fn keyword_statement(&mut self, kw: &'static str, start: usize) {
        match kw {
            "if" => {
                self.condition(kw);
                self.block(kw);
                loop {
                    let save = self.cur.pos;
                    self.skip_newlines(false);
                    match self.peek_keyword() {
                        Some(("elseif", end)) => {
                            self.cur.pos = end;
                            self.condition("elseif");
                            self.block("elseif");
                        }
                        Some(("else", end)) => {
                            self.cur.pos = end;
                            self.block("else");
                            break;
                        }
                        _ => {
                            self.cur.pos = save;
                            break;
                        }
                    }
                }
            }
            "while" | "for" => {
                self.condition(kw);
                self.block(kw);
            }
            "foreach" => self.foreach_statement(),
            "switch" => self.switch_statement(),
            "do" => {
                self.block(kw);
                let save = self.cur.pos;
                self.skip_newlines(false);
                match self.peek_keyword() {
                    Some(("while" | "until", end)) => {
                        self.cur.pos = end;
                        self.condition(kw);
                    }
                    _ => {
                        self.cur.pos = save;
                        self.error(
                            "missing-condition",
                            save,
                            "a do block needs while (...) or until (...) after it",
                            "add `while (condition)` after the closing brace",
                        );
                    }
                }
            }
            "try" => {
                self.block(kw);
                let mut handled = false;
                loop {
                    let save = self.cur.pos;
                    self.skip_newlines(false);
                    match self.peek_keyword() {
                        Some(("catch", end)) => {
                            self.cur.pos = end;
                            self.catch_types();
                            self.block("catch");
                            handled = true;
                        }
                        Some(("finally", end)) => {
                            self.cur.pos = end;
                            self.block("finally");
                            handled = true;
                            break;
                        }
                        _ => {
                            self.cur.pos = save;
                            break;
                        }
                    }
                }
                if !handled {
                    self.error(
                        "missing-catch-or-finally",
                        start,
                        "a try block needs a catch or finally block after it",
                        "add `catch { ... }` or `finally { ... }`",
                    );
                }
            }
            "elseif" | "else" | "catch" | "finally" | "until" => {
                // PowerShell's parser accepts it (as a command of that name, which fails when it
                // runs): a warning, not a syntax error (checked with pwsh 7.6's Parser).
                self.report(
                    crate::cmdlet::diagnostic::Severity::Warning,
                    "unexpected-keyword",
                    start,
                    format!("`{kw}` does not follow the statement it belongs to; PowerShell will run it as a command"),
                    "check the braces of the statement before it",
                );
                if kw == "elseif" || kw == "until" {
                    self.condition(kw);
                }
                if kw == "catch" {
                    self.catch_types();
                }
                if kw != "until" {
                    self.block(kw);
                }
            }
            "trap" => {
                self.catch_types();
                self.block(kw);
            }
            "function" | "filter" | "workflow" | "configuration" => {
                self.skip_ws();
                if !matches!(self.cur.peek(), Some('{' | '(') | None) && !self.at_terminator() {
                    self.argument_element(Ctx::Name);
                }
                self.skip_ws();
                if self.cur.peek() == Some('(') {
                    let open = self.cur.pos;
                    self.cur.pos += 1;
                    self.expr_group(')', open, false);
                }
                self.block(kw);
            }
            "param" => {
                self.skip_newlines(false);
                if self.cur.peek() == Some('(') {
                    let open = self.cur.pos;
                    self.cur.pos += 1;
                    self.expr_group(')', open, false);
                    // Only a list that closed: `param(}` is reported missing its `)` already.
                    let closed = self.cur.pos > open + 1 && self.cur.bytes[self.cur.pos - 1] == b')';
                    let list = if closed { &self.cur.src[open + 1..self.cur.pos - 1] } else { "" };
                    if let Some(at) = parameter_without_variable(list) {
                        self.error(
                            "invalid-function-parameter",
                            open + 1 + at,
                            "a parameter declaration has no $variable (pwsh: InvalidFunctionParameter)",
                            "finish it (`[string]$Name`) or remove it",
                        );
                    }
                } else {
                    let at = self.cur.pos;
                    self.error("missing-parameter-list", at, "param needs a parameter list in ( )", "write param(...)");
                }
            }
            "begin" | "process" | "end" | "dynamicparam" | "clean"
                if self.prev_statement.is_some() && !self.brace_follows() =>
            {
                // Not first in its block: pwsh reads `End` as a command (checked with pwsh 7.6:
                // `Return` then `End` on the next line is no syntax error). Running it fails, so a
                // warning, unless a return/exit/throw before it means it never runs.
                let prev = self.prev_statement.unwrap_or_default();
                if !matches!(prev, "return" | "exit" | "throw" | "break" | "continue") {
                    self.report(
                        crate::cmdlet::diagnostic::Severity::Warning,
                        "unexpected-keyword",
                        start,
                        format!("`{kw}` here is not a named block (those come first in a script block); PowerShell will run it as a command"),
                        "remove it, or move the named block to the start of the script block",
                    );
                }
                self.cur.pos = start;
                self.pipeline_chain();
            }
            "begin" | "process" | "end" | "dynamicparam" | "clean" | "parallel" | "sequence" => self.block(kw),
            "return" | "throw" | "exit" => {
                self.skip_ws();
                if !self.at_terminator() || self.cur.peek() == Some('&') {
                    self.pipeline_chain();
                }
            }
            "break" | "continue" => {
                self.skip_ws();
                if !self.at_terminator() {
                    self.argument_element(Ctx::Argument);
                }
            }
            "data" => {
                self.skip_ws();
                while self.cur.peek().is_some_and(is_dash) {
                    self.element_list_until_brace();
                }
                self.block(kw);
            }
            "class" | "enum" => {
                while !self.at_terminator() && self.cur.peek() != Some('{') {
                    self.cur.bump();
                }
                self.skip_newlines(false);
                if self.cur.peek() == Some('{') {
                    self.skip_balanced_braces();
                } else {
                    self.block(kw);
                }
            }
            "using" => self.rest_of_statement(),
            _ => {
                // from, define, var
                self.error(
                    "reserved-keyword",
                    start,
                    format!("`{kw}` is reserved by PowerShell and cannot start a statement"),
                    "rename the command or quote it after &",
                );
                self.rest_of_statement();
            }
        }
    }

    /// Skips arguments up to a `{` (options of `data`).
    pub(super) fn element_list_until_brace(&mut self) {
        loop {
            self.skip_ws();
            if self.at_terminator() || self.cur.peek() == Some('{') {
                return;
            }
            if self.cur.peek().is_some_and(is_dash) && self.cur.peek2().is_some_and(|c| c.is_alphabetic()) {
                let _ = self.statement_flag();
            } else {
                self.argument(Ctx::Argument);
            }
        }
    }

    pub(super) fn rest_of_statement(&mut self) {
        loop {
            self.skip_ws();
            if self.at_terminator() && self.cur.peek() != Some('&') {
                return;
            }
            if self.cur.peek() == Some('&') {
                self.cur.pos += 1;
                continue;
            }
            self.argument_element(Ctx::Argument);
        }
    }

    /// `( pipeline )` after if/elseif/while/for/do-while/until.
    pub(super) fn condition(&mut self, kw: &str) {
        self.skip_newlines(false);
        if self.cur.peek() == Some('(') {
            let open = self.cur.pos;
            self.cur.pos += 1;
            self.statement_list(Some((')', open)));
        } else {
            let at = self.cur.pos;
            self.error(
                "missing-condition",
                at,
                format!("`{kw}` needs a condition in parentheses"),
                &format!("write {kw} (condition) {{ ... }}"),
            );
        }
    }

    /// Whether a `{` follows, past blanks and line breaks (without moving).
    fn brace_follows(&mut self) -> bool {
        let save = self.cur.pos;
        self.skip_newlines(false);
        let brace = self.cur.peek() == Some('{');
        self.cur.pos = save;
        brace
    }

    /// `{ statements }` after a keyword.
    pub(super) fn block(&mut self, kw: &str) {
        self.skip_newlines(false);
        if self.cur.peek() == Some('{') {
            let open = self.cur.pos;
            self.cur.pos += 1;
            self.statement_block = !matches!(kw, "function" | "filter" | "workflow" | "configuration");
            self.statement_list(Some(('}', open)));
        } else {
            let at = self.cur.pos;
            self.error(
                "missing-statement-block",
                at,
                format!("`{kw}` needs a statement block in braces here"),
                "add { ... }",
            );
        }
    }

    /// The optional `[Type], [Type]` of catch and trap.
    pub(super) fn catch_types(&mut self) {
        loop {
            self.skip_newlines(false);
            match self.cur.peek() {
                Some('[') => {
                    let open = self.cur.pos;
                    self.cur.pos += 1;
                    self.expr_group(']', open, true);
                }
                Some(',') => self.cur.pos += 1,
                _ => return,
            }
        }
    }

    pub(super) fn foreach_statement(&mut self) {
        self.skip_ws();
        while self.cur.peek().is_some_and(is_dash) && self.cur.peek2().is_some_and(|c| c.is_alphabetic()) {
            let _ = self.statement_flag();
            self.skip_ws();
            if !self.at_terminator() && self.cur.peek() != Some('(') && !self.cur.peek().is_some_and(is_dash) {
                self.argument_element(Ctx::Argument);
                self.skip_ws();
            }
        }
        self.skip_newlines(false);
        if self.cur.peek() != Some('(') {
            let at = self.cur.pos;
            self.error(
                "missing-condition",
                at,
                "foreach needs ($item in collection) after it",
                "write foreach ($m in $mailboxes) { ... }",
            );
            self.block("foreach");
            return;
        }
        let open = self.cur.pos;
        self.cur.pos += 1;
        self.skip_newlines(false);
        if self.cur.peek() == Some('$') {
            self.cur.pos += 1;
            if let Err(e) = self.cur.scan_variable_name(false) {
                self.lex_error(e);
            }
            self.skip_newlines(false);
        }
        match self.peek_keyword_in() {
            Some(end) => {
                self.cur.pos = end;
                self.skip_newlines(false);
                self.statement_list(Some((')', open)));
            }
            None => {
                let at = self.cur.pos;
                self.error(
                    "missing-condition",
                    at,
                    "foreach needs `in` after its variable",
                    "write foreach ($m in $mailboxes) { ... }",
                );
                self.statement_list(Some((')', open)));
            }
        }
        self.block("foreach");
    }

    /// The `in` of foreach (not a statement keyword).
    pub(super) fn peek_keyword_in(&self) -> Option<usize> {
        let p = self.cur.pos;
        let word = self.cur.src.get(p..p + 2)?;
        if word.eq_ignore_ascii_case("in") && self.cur.char_at(p + 2).is_none_or(|c| !is_identifier_follow(c)) {
            Some(p + 2)
        } else {
            None
        }
    }

    pub(super) fn switch_statement(&mut self) {
        let mut file = false;
        loop {
            self.skip_ws();
            if self.cur.peek().is_some_and(is_dash) && self.cur.peek2().is_some_and(|c| c.is_alphabetic()) {
                if let ParamScan::Param { name, .. } = self.statement_flag()
                    && name.eq_ignore_ascii_case("file")
                {
                    file = true;
                    self.skip_ws();
                    if !self.at_terminator() {
                        self.argument_element(Ctx::Argument);
                    }
                }
            } else {
                break;
            }
        }
        if !file {
            self.condition("switch");
        }
        self.skip_newlines(false);
        if self.cur.peek() != Some('{') {
            let at = self.cur.pos;
            self.error("missing-statement-block", at, "switch needs its clauses in braces here", "add { ... }");
            return;
        }
        let open = self.cur.pos;
        self.cur.pos += 1;
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
                    self.missing_closer('}', open);
                    break;
                }
                Some('}') => {
                    self.cur.pos += 1;
                    break;
                }
                Some(')') => {
                    self.missing_closer('}', open);
                    break;
                }
                Some('{') => {
                    let o = self.cur.pos;
                    self.cur.pos += 1;
                    self.statement_list(Some(('}', o)));
                }
                Some(_) => {
                    let before = self.cur.pos;
                    self.argument_element(Ctx::Argument);
                    if self.cur.pos == before {
                        self.cur.bump();
                    }
                }
            }
            self.skip_newlines(false);
            match self.cur.peek() {
                Some('{') => {
                    let o = self.cur.pos;
                    self.cur.pos += 1;
                    self.statement_block = true;
                    self.statement_list(Some(('}', o)));
                }
                Some('}') | None => {}
                Some(_) => {
                    let at = self.cur.pos;
                    self.error(
                        "missing-statement-block",
                        at,
                        "a switch clause needs a statement block in braces",
                        "write `condition { ... }`",
                    );
                }
            }
        }
        self.leave();
    }

    /// Skips a class or enum body without collecting commands.
    pub(super) fn skip_balanced_braces(&mut self) {
        let open = self.cur.pos;
        let mut depth = 0usize;
        loop {
            self.skip_newlines(true);
            let Some(c) = self.cur.peek() else {
                self.missing_closer('}', open);
                return;
            };
            match c {
                '{' => {
                    depth += 1;
                    self.cur.pos += 1;
                }
                '}' => {
                    self.cur.pos += 1;
                    depth -= 1;
                    if depth == 0 {
                        return;
                    }
                }
                c if is_single_quote(c) || is_double_quote(c) || c == '@' => {
                    self.buf.clear();
                    let before = self.cur.pos;
                    self.string_like();
                    if self.cur.pos == before {
                        self.cur.pos += 1;
                    }
                }
                _ => {
                    self.cur.bump();
                }
            }
        }
    }

    /// Reads a string or here-string at the cursor if one starts here into `self.buf`, and
    /// its `$( )` ranges into `self.subs`.
    pub(super) fn string_like(&mut self) -> Expansions {
        let mut exp = Expansions::default();
        let mut subs = std::mem::take(&mut self.subs);
        subs.clear();
        let mut out = std::mem::take(&mut self.buf);
        out.clear();
        let Some(c) = self.cur.peek() else { return exp };
        self.last_doubled = is_double_quote(c);
        if self.doubled && is_double_quote(c) && self.cur.peek2().is_some_and(is_double_quote) {
            // `""text""` inside a string's `$( )`: a string of its own, to the next `""`; its
            // value is not needed (a rare form), so it is kept as computed at run time.
            let b = &self.cur.bytes[..self.cur.end];
            let mut i = self.cur.pos + 2;
            while i + 1 < b.len() {
                match b[i] {
                    b'`' => i += 2,
                    b'"' if b[i + 1] == b'"' => {
                        self.cur.pos = i + 2;
                        self.buf = out;
                        self.subs = subs;
                        exp.dynamic = true;
                        return exp;
                    }
                    _ => i += 1,
                }
            }
        }
        let r = if is_single_quote(c) {
            self.cur.pos += c.len_utf8();
            self.cur.scan_single_quoted(&mut out)
        } else if is_double_quote(c) {
            self.cur.pos += c.len_utf8();
            self.cur.scan_double_quoted(&mut out, &mut exp, &mut subs)
        } else if c == '@' && self.cur.peek2().is_some_and(|q| is_single_quote(q) || is_double_quote(q)) {
            let q = self.cur.peek2().unwrap_or('\'');
            self.cur.pos += 1 + q.len_utf8();
            self.cur.scan_here_string(is_double_quote(q), &mut out, &mut exp, &mut subs)
        } else {
            Ok(())
        };
        if let Err(e) = r {
            self.lex_error(e);
        }
        self.buf = out;
        self.subs = subs;
        exp
    }

    pub(super) fn pipeline_chain(&mut self) {
        loop {
            self.pipeline();
            self.skip_ws();
            let b = &self.cur.bytes[self.cur.pos..self.cur.end];
            if b.starts_with(b"&&") || b.starts_with(b"||") {
                let at = self.cur.pos;
                self.cur.pos += 2;
                self.skip_newlines(false);
                if self.at_terminator() && !self.cur.bytes[self.cur.pos..self.cur.end].starts_with(b"&") {
                    self.error("missing-expression", at, "a pipeline must follow && or ||", "add the command to run");
                    return;
                }
                continue;
            }
            if self.cur.peek() == Some('&') {
                // Background operator.
                self.cur.pos += 1;
            }
            return;
        }
    }

    pub(super) fn pipeline(&mut self) {
        let mut index = 0usize;
        loop {
            self.skip_ws();
            let at = self.cur.pos;
            let b = &self.cur.bytes[self.cur.pos..self.cur.end];
            let empty = match b.first() {
                None | Some(b'\n' | b'\r' | b';' | b')' | b'}' | b'|') => true,
                Some(b'&') => b.get(1) == Some(&b'&'),
                _ => false,
            };
            if empty {
                if index > 0 || b.first() == Some(&b'|') {
                    self.error(
                        "empty-pipe-element",
                        at,
                        "an empty pipe element is not allowed",
                        "put a command after |",
                    );
                }
            } else if index == 0 && self.is_expression_start() {
                self.expression_element(false);
            } else {
                self.command(index);
            }
            self.skip_ws();
            let b = &self.cur.bytes[self.cur.pos..self.cur.end];
            if b.first() == Some(&b'|') && b.get(1) != Some(&b'|') {
                self.cur.pos += 1;
                self.skip_newlines(false);
                index += 1;
                continue;
            }
            if matches!(b.first(), Some(b'\n' | b'\r'))
                && let Some(pipe) = self.pipe_continuation()
            {
                self.cur.pos = pipe + 1;
                self.skip_newlines(false);
                index += 1;
                continue;
            }
            return;
        }
    }

    /// PowerShell 7 continues a pipeline when the next line (after comments) starts with `|`
    /// (`IsPipeContinuation`). The cursor is on the line break; returns the `|` offset.
    pub(super) fn pipe_continuation(&self) -> Option<usize> {
        let b = self.cur.bytes;
        let mut i = self.cur.pos;
        i += if b[i] == b'\r' && b.get(i + 1) == Some(&b'\n') { 2 } else { 1 };
        let mut last_newline = true;
        let mut c = Cursor { pos: i, ..self.cur.clone() };
        loop {
            c.skip_plain_ws();
            match c.peek() {
                Some('\n' | '\r') => {
                    if last_newline {
                        return None;
                    }
                    last_newline = true;
                    let ch = c.bump()?;
                    c.eat_lf_after_cr(ch);
                }
                Some('#') => {
                    last_newline = false;
                    c.skip_line_comment();
                }
                Some('<') if c.peek2() == Some('#') => {
                    last_newline = false;
                    c.skip_block_comment().ok()?;
                }
                Some('|') if c.char_at(c.pos + 1) != Some('|') => return Some(c.pos),
                _ => return None,
            }
        }
    }

    /// Whether a pipeline starting here is an expression (`ExpressionRule` succeeds) rather
    /// than a command.
    pub(super) fn is_expression_start(&self) -> bool {
        let Some(c) = self.cur.peek() else { return false };
        let n = self.cur.peek2();
        match c {
            '$' => n.is_some_and(|n| n == '(' || n == '{' || is_variable_start(n)),
            '@' => n.is_some_and(|n| {
                n == '(' || n == '{' || is_single_quote(n) || is_double_quote(n) || is_variable_start(n)
            }),
            c if is_single_quote(c) || is_double_quote(c) => true,
            '(' | '{' | '[' | ',' => true,
            '0'..='9' => self.cur.clone().scan_number(false).is_some(),
            '.' => n.is_some_and(|n| n.is_ascii_digit()),
            '+' => true,
            '!' => !n.is_some_and(is_identifier_start),
            c if is_dash(c) => match n {
                Some(n) if n.is_ascii_digit() || n == '.' || n == '$' || n == '(' || is_dash(n) => true,
                Some(n) if n.is_alphabetic() => {
                    let start = self.cur.pos + c.len_utf8();
                    let end = self.cur.bytes[start..self.cur.end]
                        .iter()
                        .position(|b| !b.is_ascii_alphabetic())
                        .map_or(self.cur.end, |i| start + i);
                    let word = &self.cur.src[start..end];
                    ["not", "bnot", "split", "join"].iter().any(|op| op.eq_ignore_ascii_case(word))
                }
                _ => false,
            },
            _ => false,
        }
    }
}

/// In the text of a `param( )` list, the offset of a declaration that, after its attributes and
/// type constraints (`[...]`), does not go on with a `$variable` (`[string]` alone before `)`), which
/// pwsh refuses with InvalidFunctionParameter. Comments and quoted text are skipped.
fn parameter_without_variable(list: &str) -> Option<usize> {
    let b = list.as_bytes();
    let mut i = 0;
    loop {
        // The start of one declaration: blanks, comments and attributes, then `$`.
        let mut saw_attribute = None;
        loop {
            while i < b.len() && (b[i].is_ascii_whitespace() || b[i] == b'`') {
                i += 1;
            }
            if b[i..].starts_with(b"<#") {
                i = list[i..].find("#>").map_or(b.len(), |e| i + e + 2);
            } else if i < b.len() && b[i] == b'#' {
                i = list[i..].find('\n').map_or(b.len(), |e| i + e + 1);
            } else if i < b.len() && b[i] == b'[' {
                i = skip_group(b, i)?;
                // pwsh points just after the last attribute, where the variable should be.
                saw_attribute = Some(i);
            } else {
                break;
            }
        }
        // Only the plain case: attributes followed by the end of the declaration.
        if i >= b.len() || b[i] == b',' {
            return saw_attribute;
        }
        if b[i] != b'$' {
            return None;
        }
        // The rest of the declaration, to the next comma at this level.
        while i < b.len() && b[i] != b',' {
            match b[i] {
                b'(' | b'[' | b'{' => i = skip_group(b, i)?,
                b'\'' | b'"' => i = skip_quoted(b, i)?,
                b'#' => i = list[i..].find('\n').map_or(b.len(), |e| i + e + 1),
                _ => i += 1,
            }
        }
        if i >= b.len() {
            return None;
        }
        i += 1;
    }
}

/// Past the bracket group opening at `i` (quotes inside skipped); `None` when it does not close.
fn skip_group(b: &[u8], mut i: usize) -> Option<usize> {
    let mut depth = 0usize;
    while i < b.len() {
        match b[i] {
            b'(' | b'[' | b'{' => depth += 1,
            b')' | b']' | b'}' => {
                depth -= 1;
                if depth == 0 {
                    return Some(i + 1);
                }
            }
            b'\'' | b'"' => {
                i = skip_quoted(b, i)?;
                continue;
            }
            _ => {}
        }
        i += 1;
    }
    None
}

/// Past the ASCII-quoted text opening at `i` (a doubled quote stays inside).
fn skip_quoted(b: &[u8], i: usize) -> Option<usize> {
    let q = b[i];
    let mut j = i + 1;
    while j < b.len() {
        if b[j] == b'`' && q == b'"' {
            j += 2;
            continue;
        }
        if b[j] == q {
            if b.get(j + 1) == Some(&q) {
                j += 2;
                continue;
            }
            return Some(j + 1);
        }
        j += 1;
    }
    None
}
