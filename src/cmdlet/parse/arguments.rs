//! A command and its elements: the name, parameters, arguments, `--`, `--%` and splats
//! (`CommandRule` and `GetCommandArgument` in `Parser.cs`).

use super::{Arg, ArgForm, Ctx, ParamScan, ParsedCommand, Parser, list_item};
use crate::cmdlet::diagnostic::{Position, Severity};
use crate::cmdlet::invocation::{Invocation, Parameter, Value};
use crate::cmdlet::tokenizer::{
    Expansions, Number, force_start_new_token, is_dash, is_double_quote, is_newline, is_single_quote, is_variable_start,
};

impl Parser<'_> {
    // ----- commands -------------------------------------------------------------------------

    pub(super) fn command(&mut self, pipeline_index: usize) {
        let start = self.cur.pos;
        let slot = self.commands.len();
        let mut operator = false;
        match self.cur.peek() {
            Some('&') => {
                self.cur.pos += 1;
                operator = true;
            }
            Some('.')
                if self.cur.peek2().is_none_or(|n| {
                    force_start_new_token(n) || n == '$' || is_single_quote(n) || is_double_quote(n)
                }) =>
            {
                self.cur.pos += 1;
                operator = true;
            }
            _ => {}
        }
        if operator {
            self.skip_ws();
            if self.at_terminator() {
                self.error(
                    "missing-expression",
                    start,
                    "a command must follow the invocation operator",
                    "write & 'command' or . 'script.ps1'",
                );
                return;
            }
        }
        let position = self.position(start);
        let name_start = self.cur.pos;
        let name = if self.cur.peek().is_some_and(is_dash) {
            // A parameter-looking word in command-name position is the name (`CommandRule`).
            let (arg, _) = self.argument_element_generic(Ctx::Name);
            arg
        } else {
            self.argument_element(if operator { Ctx::NameAfterOperator } else { Ctx::Name })
        };
        let name = match name {
            Arg::Str(s) => Some(s),
            _ => {
                let text = self.cur.src[name_start..self.cur.pos].to_string();
                // `& { ... }` runs a script block whose commands are read and judged like any
                // other; `& $cmd` is an ordinary idiom, not a problem: a note, not a warning.
                let severity = if text.starts_with('{') { None } else { Some(Severity::Note) };
                if let Some(severity) = severity {
                    self.report(
                        severity,
                        "dynamic-command-name",
                        name_start,
                        format!("the command name {text} is computed at run time; mbxctl cannot check this command"),
                        "call the command by its name",
                    );
                }
                None
            }
        };
        let mut params: Vec<Parameter> = Vec::with_capacity(6);
        let mut positions: Vec<Position> = Vec::with_capacity(6);
        let mut forms: Vec<ArgForm> = Vec::with_capacity(6);
        let mut pending: Option<(String, Position)> = None;
        let mut dash_dash = false;
        loop {
            if self.aborted {
                break;
            }
            self.skip_ws();
            let Some(c) = self.cur.peek() else { break };
            let at = self.cur.pos;
            let n = self.cur.peek2();
            let mut split_at_colon = false;
            match c {
                '\n' | '\r' | ';' | ')' | '}' | '|' | '&' => break,
                ',' => {
                    self.error(
                        "missing-argument",
                        at,
                        "missing argument in parameter list before ,",
                        "remove the comma or put a value before it",
                    );
                    self.cur.pos += 1;
                    self.skip_newlines(false);
                    continue;
                }
                '>' | '<' => {
                    self.redirection();
                    continue;
                }
                '*' | '1'..='6' if n == Some('>') => {
                    self.redirection();
                    continue;
                }
                c if is_dash(c) && !dash_dash => {
                    if n.is_some_and(|n| n.is_alphabetic() || n == '_' || n == '?') {
                        if let ParamScan::Param { name, colon } = self.scan_parameter() {
                            if let Some((pn, pp)) = pending.take() {
                                params.push(Parameter { name: Some(pn), value: Value::Switch(true) });
                                positions.push(pp);
                                forms.push(ArgForm::Bare);
                            }
                            let ppos = self.position(at);
                            if colon {
                                self.skip_ws();
                                if self.at_terminator() || self.cur.peek() == Some(',') {
                                    let here = self.cur.pos;
                                    self.error(
                                        "parameter-requires-argument",
                                        here,
                                        format!("the parameter -{name}: needs a value after the colon"),
                                        &format!("write -{name}:value, or -{name} alone for a switch"),
                                    );
                                    params.push(Parameter { name: Some(name), value: Value::Switch(true) });
                                    forms.push(ArgForm::Bare);
                                } else {
                                    let (arg, s) = self.argument(Ctx::Argument);
                                    let value = match arg {
                                        Arg::Bool(b) => Value::Switch(b),
                                        other => self.to_value(other, s),
                                    };
                                    params.push(Parameter { name: Some(name), value });
                                    forms.push(ArgForm::Colon);
                                }
                                positions.push(ppos);
                            } else {
                                pending = Some((name, ppos));
                            }
                            continue;
                        }
                    } else if n.is_some_and(is_dash)
                        && self
                            .cur
                            .char_at(self.cur.pos + c.len_utf8() + n.map_or(1, char::len_utf8))
                            .is_none_or(force_start_new_token)
                    {
                        // `--`: what follows are arguments, even if they start with a dash.
                        self.cur.pos += c.len_utf8() + n.map_or(1, char::len_utf8);
                        dash_dash = true;
                        continue;
                    }
                }
                c if is_dash(c) && n.is_some_and(|n| n.is_alphabetic() || n == '_' || n == '?') => {
                    // After `--` a parameter is an argument, but the tokenizer still ends it at a
                    // colon: `-- -Name:value` is two arguments, '-Name:' and 'value' (pwsh 7.6).
                    if let ParamScan::Param { colon: true, .. } = self.scan_parameter() {
                        split_at_colon = true;
                    } else {
                        self.cur.pos = at;
                    }
                }
                _ => {}
            }
            let (arg, s) = if split_at_colon {
                (Arg::Str(self.cur.src[at..self.cur.pos].to_string()), at)
            } else {
                self.argument(Ctx::Argument)
            };
            let mut verbatim = None;
            // Compared in place: building a `String` to compare with cost an allocation an argument.
            let value = if matches!(&arg, Arg::Str(t) if t == "--%") && !self.cur.src[s..].starts_with('(') {
                // Everything after --% to the end of the line is passed verbatim, as one more
                // argument beside `--%` itself (`GetVerbatimCommandArgument`; pwsh 7.6 binds
                // `f --% a b` as '--%' and 'a b', even when the text is empty).
                // Blanks only: `#` is text here, not a comment.
                self.cur.skip_plain_ws();
                let rest = self.cur.pos;
                let end = self.verbatim_end();
                self.cur.pos = end;
                verbatim = Some((Value::Dynamic(self.cur.src[rest..end].to_string()), self.position(rest)));
                Value::String("--%".into())
            } else {
                self.to_value(arg, s)
            };
            match pending.take() {
                Some((pn, pp)) => {
                    params.push(Parameter { name: Some(pn), value });
                    positions.push(pp);
                    forms.push(ArgForm::Spaced);
                }
                None => {
                    params.push(Parameter { name: None, value });
                    forms.push(ArgForm::Positional);
                    let p = self.position(at);
                    positions.push(p);
                }
            }
            if let Some((value, p)) = verbatim {
                params.push(Parameter { name: None, value });
                forms.push(ArgForm::Positional);
                positions.push(p);
            }
        }
        if let Some((pn, pp)) = pending.take() {
            params.push(Parameter { name: Some(pn), value: Value::Switch(true) });
            positions.push(pp);
            forms.push(ArgForm::Bare);
        }
        if let Some(cmdlet) = name {
            let cmd = ParsedCommand {
                invocation: Invocation { cmdlet, params },
                position,
                parameter_positions: positions,
                pipeline_index,
                forms,
            };
            if slot == self.commands.len() {
                self.commands.push(cmd);
            } else {
                self.commands.insert(slot, cmd);
            }
        }
    }

    /// The end of the text passed verbatim after `--%` (`GetVerbatimCommandArgument`): the end
    /// of the line, or a `|` or `&&` outside double quotes.
    pub(super) fn verbatim_end(&self) -> usize {
        let mut c = self.cur.clone();
        let mut in_quotes = false;
        while let Some(ch) = c.peek() {
            if is_newline(ch) {
                break;
            }
            if is_double_quote(ch) {
                in_quotes = !in_quotes;
            } else if !in_quotes && (ch == '|' || (ch == '&' && c.peek2() == Some('&'))) {
                break;
            }
            c.pos += ch.len_utf8();
        }
        c.pos
    }

    pub(super) fn to_value(&self, arg: Arg, start: usize) -> Value {
        match arg {
            Arg::Str(s) => Value::String(s),
            Arg::Int(n) => Value::Int(n),
            Arg::Bool(b) => Value::Bool(b),
            Arg::List(l) => Value::List(l),
            Arg::AddRemove(add, remove) => Value::AddRemove { add, remove },
            Arg::Dynamic => Value::Dynamic(self.cur.src[start..self.cur.pos].to_string()),
        }
    }

    /// Scans `-Name` or `-Name:` (`ScanParameter` in command mode); a quote inside makes the
    /// whole word an argument, and the cursor is left on the dash.
    /// Scans a statement's `-Flag` (`foreach -Parallel`, `switch -File`, `data
    /// -SupportedCommand`). Text that only looks like one (`-A'x`: a quote inside the name) is
    /// read as an argument instead, and the cursor always moves, so a malformed flag cannot stall
    /// the loops that read these flags.
    pub(super) fn statement_flag(&mut self) -> ParamScan {
        let start = self.cur.pos;
        let scan = self.scan_parameter();
        if self.cur.pos == start {
            self.argument_element(Ctx::Argument);
            if self.cur.pos == start {
                self.cur.bump();
            }
        }
        scan
    }

    pub(super) fn scan_parameter(&mut self) -> ParamScan {
        let start = self.cur.pos;
        let dash = self.cur.bump().unwrap_or('-');
        let name_start = start + dash.len_utf8();
        // Letters, digits and `_` never end a name: skipped a byte at a time, without decoding
        // characters (a name is mostly these); the loop below decides at anything else.
        let b = self.cur.bytes;
        while self.cur.pos < self.cur.end && (b[self.cur.pos].is_ascii_alphanumeric() || b[self.cur.pos] == b'_') {
            self.cur.pos += 1;
        }
        while let Some(c) = self.cur.peek() {
            if crate::cmdlet::tokenizer::is_ws(c) {
                break;
            }
            match c {
                '{' | '}' | '(' | ')' | ';' | ',' | '|' | '&' | '.' | '[' | '\r' | '\n' | '\0' => break,
                ':' => {
                    let name = self.cur.src[name_start..self.cur.pos].to_string();
                    self.cur.pos += 1;
                    return ParamScan::Param { name, colon: true };
                }
                c if is_single_quote(c) || is_double_quote(c) => {
                    self.cur.pos = start;
                    return ParamScan::Generic;
                }
                c => self.cur.pos += c.len_utf8(),
            }
        }
        ParamScan::Param { name: self.cur.src[name_start..self.cur.pos].to_string(), colon: false }
    }

    /// An argument, with comma arrays (`GetCommandArgument`). Returns it and its start offset;
    /// the cursor ends just after it.
    pub(super) fn argument(&mut self, ctx: Ctx) -> (Arg, usize) {
        let start = self.cur.pos;
        let first = self.argument_element(ctx);
        let mut end = self.cur.pos;
        self.skip_ws();
        if ctx != Ctx::Argument || self.cur.peek() != Some(',') {
            self.cur.pos = end;
            return (first, start);
        }
        let mut items = list_item(first).map(|s| vec![s]);
        while self.cur.peek() == Some(',') {
            let comma = self.cur.pos;
            self.cur.pos += 1;
            self.skip_newlines(false);
            if matches!(self.cur.peek(), None | Some(';' | '|' | ')' | '}' | '&' | ',')) {
                self.error("missing-expression", comma, "a value must follow ,", "remove the comma or add a value");
                end = self.cur.pos;
                break;
            }
            let e = self.argument_element(Ctx::Argument);
            items = items.and_then(|mut v| {
                v.push(list_item(e)?);
                Some(v)
            });
            end = self.cur.pos;
            self.skip_ws();
        }
        self.cur.pos = end;
        (items.map_or(Arg::Dynamic, Arg::List), start)
    }

    /// One command-mode element: a string, number, variable, bracketed expression or bare word.
    pub(super) fn argument_element(&mut self, ctx: Ctx) -> Arg {
        if !self.enter() {
            return Arg::Dynamic;
        }
        let r = self.argument_element_inner(ctx);
        self.leave();
        r
    }

    pub(super) fn argument_element_inner(&mut self, ctx: Ctx) -> Arg {
        let start = self.cur.pos;
        let Some(c) = self.cur.peek() else { return Arg::Dynamic };
        let n = self.cur.peek2();
        if is_single_quote(c) || is_double_quote(c) {
            let v = self.string_with_subs();
            return match v {
                Some(s) if !self.post_ops() => Arg::Str(s),
                _ => Arg::Dynamic,
            };
        }
        match c {
            '@' => match n {
                Some('(') => {
                    let diag_len = self.diags.len();
                    let mut items = Vec::new();
                    if self.const_item(&mut items).is_some() && self.arg_ends_here() {
                        return Arg::List(items);
                    }
                    self.cur.pos = start + 2;
                    self.diags.truncate(diag_len);
                    self.statement_list(Some((')', start)));
                    self.post_ops();
                    Arg::Dynamic
                }
                Some('{') => {
                    self.cur.pos += 2;
                    let v = self.hash_literal(start);
                    if self.post_ops() { Arg::Dynamic } else { v }
                }
                Some(q) if is_single_quote(q) || is_double_quote(q) => match self.string_with_subs() {
                    Some(s) if !self.post_ops() => Arg::Str(s),
                    _ => Arg::Dynamic,
                },
                Some(v) if is_variable_start(v) => {
                    self.cur.pos += 1;
                    let _ = self.cur.scan_variable_name(false);
                    if self.cur.peek().is_some_and(|x| !force_start_new_token(x) && x != '.' && x != '[') {
                        self.cur.pos = start;
                        return self.argument_element_generic(ctx).0;
                    }
                    self.post_ops();
                    Arg::Dynamic
                }
                _ => {
                    self.error("unrecognized-token", start, "unrecognized token @", "write @( ), @{ } or quote the @");
                    self.cur.pos += 1;
                    Arg::Str("@".into())
                }
            },
            '$' => {
                if n == Some('(') {
                    self.cur.pos += 2;
                    self.statement_list(Some((')', start)));
                    self.post_ops();
                    return Arg::Dynamic;
                }
                self.cur.pos += 1;
                match self.cur.scan_variable_name(false) {
                    Ok(true) => {
                        if self.cur.peek().is_some_and(|x| !force_start_new_token(x) && x != '.' && x != '[') {
                            self.cur.pos = start;
                            return self.argument_element_generic(ctx).0;
                        }
                        let name = &self.cur.src[start + 1..self.cur.pos];
                        let v = if name.eq_ignore_ascii_case("true") {
                            Arg::Bool(true)
                        } else if name.eq_ignore_ascii_case("false") {
                            Arg::Bool(false)
                        } else {
                            Arg::Dynamic
                        };
                        if self.post_ops() { Arg::Dynamic } else { v }
                    }
                    Ok(false) => {
                        self.cur.pos = start;
                        self.argument_element_generic(ctx).0
                    }
                    Err(e) => {
                        self.lex_error(e);
                        // The rest of the word belongs to the same argument.
                        while self.cur.peek().is_some_and(|x| !force_start_new_token(x)) {
                            self.cur.pos += self.cur.peek().map_or(1, char::len_utf8);
                        }
                        Arg::Dynamic
                    }
                }
            }
            '(' => {
                if let Some(v) = self.const_paren() {
                    return v;
                }
                self.cur.pos += 1;
                self.paren_list = true;
                self.statement_list(Some((')', start)));
                self.post_ops();
                Arg::Dynamic
            }
            '{' => {
                self.cur.pos += 1;
                self.statement_list(Some(('}', start)));
                self.post_ops();
                Arg::Dynamic
            }
            '0'..='9' => self.number_or_word(ctx),
            '.' if n.is_some_and(|d| d.is_ascii_digit()) => self.number_or_word(ctx),
            '`' if n.is_none() => {
                self.error(
                    "incomplete-escape",
                    start,
                    "a backtick ends the text",
                    "remove it or add the character it escapes",
                );
                self.cur.pos += 1;
                Arg::Str(String::new())
            }
            _ => self.argument_element_generic(ctx).0,
        }
    }

    /// Whether the cursor is at the end of a command argument (whitespace or a token end).
    pub(super) fn arg_ends_here(&self) -> bool {
        self.cur.peek().is_none_or(force_start_new_token)
    }

    pub(super) fn number_or_word(&mut self, ctx: Ctx) -> Arg {
        let start = self.cur.pos;
        match self.cur.scan_number(true) {
            Some(Number::Int(v)) => Arg::Int(v),
            Some(Number::Text) => Arg::Str(self.cur.src[start..self.cur.pos].to_string()),
            None => self.argument_element_generic(ctx).0,
        }
    }

    /// A bare word (`ScanGenericToken`); a command name without `&` is never expanded.
    pub(super) fn argument_element_generic(&mut self, ctx: Ctx) -> (Arg, usize) {
        let start = self.cur.pos;
        let mut out = std::mem::take(&mut self.buf);
        out.clear();
        let mut subs = std::mem::take(&mut self.subs);
        subs.clear();
        let mut exp = Expansions::default();
        let r = self.cur.scan_generic(&mut out, &mut exp, &mut subs);
        self.subs = subs;
        if let Err(e) = r {
            self.lex_error(e);
        }
        let arg = if ctx == Ctx::Name {
            self.subs.clear();
            Arg::Str(out.clone())
        } else if exp.dynamic || exp.unrepresentable {
            self.parse_subs();
            Arg::Dynamic
        } else {
            Arg::Str(out.clone())
        };
        self.buf = out;
        (arg, start)
    }
}
