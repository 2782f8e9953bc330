//! Reading PowerShell text back into invocations: a command-mode reader faithful to PowerShell's
//! own parser for everything that decides what a command and its arguments are.
//!
//! The reader follows PowerShell/PowerShell `src/System.Management.Automation/engine/parser/`:
//! `Parser.cs` for the structure (`StatementRule`, `PipelineRule` — an expression first, else a
//! command; `CommandRule` — parameters, arguments, `--`, `--%`, redirections;
//! `GetCommandArgument` — comma arrays; `PrimaryExpressionRule` with member access;
//! `HashExpressionRule`), `tokenizer.cs` and `CharTraits.cs` for the tokens (see
//! [`crate::cmdlet::tokenizer`]). It is not a full expression parser: expressions are skipped
//! token by token, but every command inside them — in `( )`, `$( )`, `@( )`, script blocks,
//! hash-literal values, `if`/`foreach`/`while`/`switch`/`try`/`function` bodies, assignments
//! and `$( )` inside expandable strings — is collected with its position.
//!
//! What a value becomes:
//! - quoted strings (all quote characters, doubled quotes, backtick escapes, here-strings) and
//!   bare words → [`Value::String`] with PowerShell's escapes applied;
//! - numbers → [`Value::Int`] with `KB`..`PB` multipliers applied as PowerShell computes them
//!   (`50GB` is 53687091200); a number that is not an `i64` (a fraction, a hexadecimal literal
//!   above `0x7FFFFFFF`, an overflow) → [`Value::String`] of its source text;
//! - `$true`/`$false` → [`Value::Bool`]; after a colon (`-Force:$false`) → [`Value::Switch`];
//!   a parameter with no value → `Switch(true)`;
//! - `a,b,c` and constant `@(...)` → [`Value::List`] (integers as their decimal text);
//! - `@{Add=...;Remove=...}` with constant strings → [`Value::AddRemove`];
//! - the constant form of [`crate::cmdlet::literal::quote`] (`('a'+"`n"+[char]0x1B)`) and a
//!   parenthesized integer (`(-5)`) → the string or integer;
//! - anything PowerShell computes at run time — variables (including `$null`), `$( )`, other
//!   `( )`, script blocks, expandable strings with `$`, splatting `@params`, member access, the
//!   text after `--%` — → [`Value::Dynamic`] holding the source text, never guessed.
//!
//! `-Name value` pairs the value with the parameter (PowerShell's binder does the same unless
//! the parameter is a switch, which only the catalogue knows: validation re-binds it).
//!
//! Differences from PowerShell, on purpose: the reader follows PowerShell 7's tokenizer
//! (`` `e ``, `` `u{} ``, `&&`/`||`, pipelines continued by a `|` on the next line); class and
//! enum bodies are skipped without collecting commands inside methods; nesting deeper than
//! 128 brackets stops the reader with an error rather than the stack.

use crate::cmdlet::diagnostic::{Diagnostic, Position, Severity};
use crate::cmdlet::invocation::{Invocation, Parameter, Value};
use crate::cmdlet::tokenizer::{
    Cursor, Expansions, LexError, Number, force_start_new_token, is_dash, is_double_quote, is_identifier_follow,
    is_identifier_start, is_newline, is_single_quote, is_variable_start,
};

/// A parsed script: the commands found, in source order, and what is wrong with the text.
#[derive(Debug, Clone, PartialEq)]
pub struct Script {
    /// Every command, including those nested in expressions, blocks and strings.
    pub commands: Vec<ParsedCommand>,
    /// Syntax errors and warnings, with positions.
    pub diagnostics: Vec<Diagnostic>,
}

/// One command of a script.
#[derive(Debug, Clone, PartialEq)]
pub struct ParsedCommand {
    /// The command as an invocation (positional arguments have `name: None`).
    pub invocation: Invocation,
    /// Where the command starts (its name, or the `&`/`.` before it).
    pub position: Position,
    /// Where each parameter starts (its `-Name`, or the argument), parallel to
    /// `invocation.params`.
    pub parameter_positions: Vec<Position>,
    /// The command's place in its pipeline: 0 for the first element.
    pub pipeline_index: usize,
}

/// Parses a whole script. Never fails: problems are reported as diagnostics.
pub fn parse_script(text: &str) -> Script {
    let mut p = Parser::new(text);
    p.statement_list(None);
    Script { commands: p.commands, diagnostics: p.diags }
}

/// Parses text that must hold exactly one command (such as a line from [`crate::cmdlet::render`]).
pub fn parse_command(text: &str) -> Result<Invocation, Diagnostic> {
    let mut script = parse_script(text);
    if let Some(i) = script.diagnostics.iter().position(|d| d.severity == Severity::Error) {
        return Err(script.diagnostics.swap_remove(i));
    }
    if script.commands.len() == 1
        && let Some(cmd) = script.commands.pop()
    {
        return Ok(cmd.invocation);
    }
    let found = script.commands.len();
    let mut d = Diagnostic::error("expected-one-command", format!("expected exactly one command, found {found}"))
        .with_help("give one command such as `Set-Mailbox -Identity 'jdoe' -Type Shared`, without `;` or `|`");
    if let Some(second) = script.commands.get(1) {
        d = d.at(second.position);
    }
    Err(d)
}

/// The deepest nesting of brackets and statements read before giving up.
const MAX_DEPTH: usize = 256;

/// A value being read, before it becomes a [`Value`] (which needs the source text for `Dynamic`).
#[derive(Debug, Clone, PartialEq)]
enum Arg {
    Str(String),
    Int(i64),
    Bool(bool),
    List(Vec<String>),
    AddRemove(Vec<String>, Vec<String>),
    /// Run time; the text is taken from the source range.
    Dynamic,
}

/// Where a command element is read (`CommandArgumentContext` in Parser.cs).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Ctx {
    /// The command name without `&`/`.`: bare words are not expanded.
    Name,
    /// The command name after `&`/`.`.
    NameAfterOperator,
    /// An argument.
    Argument,
}

/// Offsets of line starts, with a cache for the forward-moving lookups the reader makes.
struct Lines {
    starts: Vec<usize>,
    line: usize,
    off: usize,
    col: u32,
}

impl Lines {
    fn new(b: &[u8]) -> Self {
        let mut starts = Vec::with_capacity(b.len() / 40 + 1);
        starts.push(0);
        let mut i = 0;
        while i < b.len() {
            match b[i] {
                b'\n' => starts.push(i + 1),
                b'\r' => {
                    if b.get(i + 1) == Some(&b'\n') {
                        i += 1;
                    }
                    starts.push(i + 1);
                }
                _ => {}
            }
            i += 1;
        }
        Lines { starts, line: 0, off: 0, col: 1 }
    }

    fn position(&mut self, b: &[u8], off: usize) -> Position {
        let chars = |from: usize, to: usize| b[from..to].iter().filter(|&&x| (x & 0xC0) != 0x80).count() as u32;
        let next_start = self.starts.get(self.line + 1).copied().unwrap_or(usize::MAX);
        if off >= self.off && off < next_start {
            self.col += chars(self.off, off);
        } else {
            self.line = self.starts.partition_point(|&s| s <= off).saturating_sub(1);
            self.col = 1 + chars(self.starts[self.line], off);
        }
        self.off = off;
        Position { line: self.line as u32 + 1, column: self.col }
    }
}

struct Parser<'a> {
    cur: Cursor<'a>,
    lines: Lines,
    commands: Vec<ParsedCommand>,
    diags: Vec<Diagnostic>,
    buf: String,
    subs: Vec<(usize, usize)>,
    depth: usize,
    aborted: bool,
}

/// Statement keywords handled by [`Parser::keyword_statement`] (`StatementRule`, and the named
/// blocks of `NamedBlockListRule`).
const STATEMENT_KEYWORDS: &[&str] = &[
    "if",
    "elseif",
    "else",
    "switch",
    "foreach",
    "for",
    "while",
    "do",
    "until",
    "try",
    "catch",
    "finally",
    "trap",
    "data",
    "return",
    "continue",
    "break",
    "exit",
    "throw",
    "begin",
    "process",
    "end",
    "dynamicparam",
    "clean",
    "function",
    "filter",
    "workflow",
    "configuration",
    "param",
    "class",
    "enum",
    "using",
    "parallel",
    "sequence",
    "from",
    "define",
    "var",
];

impl<'a> Parser<'a> {
    fn new(text: &'a str) -> Self {
        Parser {
            cur: Cursor::new(text),
            lines: Lines::new(text.as_bytes()),
            commands: Vec::new(),
            diags: Vec::new(),
            buf: String::new(),
            subs: Vec::new(),
            depth: 0,
            aborted: false,
        }
    }

    // ----- diagnostics -------------------------------------------------------------------

    fn position(&mut self, off: usize) -> Position {
        self.lines.position(self.cur.bytes, off)
    }

    fn report(&mut self, severity: Severity, code: &'static str, off: usize, message: String, help: &str) {
        let position = self.position(off);
        let mut d = Diagnostic::error(code, message).at(position);
        d.severity = severity;
        if !help.is_empty() {
            d = d.with_help(help);
        }
        self.diags.push(d);
    }

    fn error(&mut self, code: &'static str, off: usize, message: impl Into<String>, help: &str) {
        self.report(Severity::Error, code, off, message.into(), help);
    }

    fn lex_error(&mut self, e: LexError) {
        match e {
            LexError::UnterminatedString(off, q) => self.error(
                "unterminated-string",
                off,
                format!("the string starting here has no closing {q}"),
                "add the closing quote; inside '...' write a quote twice ('O''Brien'), inside \"...\" put a backtick before it",
            ),
            LexError::UnterminatedHereString(off, q) => self.error(
                "unterminated-here-string",
                off,
                format!("the here-string starting here has no closing {q}@"),
                "put the closing quote and @ at the very start of a line of their own",
            ),
            LexError::HereStringHeader(off) => self.error(
                "here-string-header",
                off,
                "characters follow a here-string header on its line",
                "start the text of a here-string on the line after @' or @\"",
            ),
            LexError::UnterminatedSubExpression(off) => self.error(
                "unterminated-subexpression",
                off,
                "the subexpression $( starting here has no closing )",
                "add the closing parenthesis",
            ),
            LexError::UnterminatedVariable(off) => self.error(
                "unterminated-variable",
                off,
                "the variable reference ${ starting here has no closing }",
                "add the closing brace",
            ),
            LexError::InvalidUnicodeEscape(off) => self.error(
                "invalid-unicode-escape",
                off,
                "invalid `u{...} escape",
                "write `u{ then 1 to 6 hexadecimal digits of a code point up to 10FFFF, then }, such as `u{2013}",
            ),
            LexError::UnterminatedComment(off) => self.error(
                "unterminated-comment",
                off,
                "the block comment <# starting here has no closing #>",
                "add #> where the comment ends",
            ),
        }
    }

    fn missing_closer(&mut self, closer: char, open: usize) {
        self.error(
            "missing-closing-delimiter",
            open,
            format!("the {} opened here has no closing {closer}", opener_of(closer)),
            &format!("add the closing {closer}"),
        );
    }

    // ----- nesting guard -----------------------------------------------------------------

    fn enter(&mut self) -> bool {
        if self.aborted {
            return false;
        }
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            let at = self.cur.pos;
            self.error(
                "nesting-too-deep",
                at,
                "brackets and statements nest too deeply here; mbxctl stops reading the script",
                "split the script into simpler statements",
            );
            self.aborted = true;
            self.cur.pos = self.cur.end;
            return false;
        }
        true
    }

    fn leave(&mut self) {
        self.depth -= 1;
    }

    // ----- whitespace --------------------------------------------------------------------

    /// Skips whitespace, comments and line continuations, but not line breaks (the skipping
    /// part of `NextToken`).
    fn skip_ws(&mut self) {
        loop {
            self.cur.skip_plain_ws();
            match self.cur.peek_byte() {
                Some(b'#') => self.cur.skip_line_comment(),
                Some(b'<') if self.cur.char_at(self.cur.pos + 1) == Some('#') => {
                    if let Err(e) = self.cur.skip_block_comment() {
                        self.lex_error(e);
                    }
                }
                Some(b'`') => match self.cur.char_at(self.cur.pos + 1) {
                    Some('\n') => self.cur.pos += 2,
                    Some('\r') => {
                        self.cur.pos += 2;
                        self.cur.eat_lf_after_cr('\r');
                    }
                    Some(c) if c.is_whitespace() => self.cur.pos += 1 + c.len_utf8(),
                    _ => return,
                },
                _ => return,
            }
        }
    }

    /// Skips whitespace, comments, line breaks and, if `semis`, semicolons.
    fn skip_newlines(&mut self, semis: bool) {
        loop {
            self.skip_ws();
            match self.cur.peek_byte() {
                Some(b'\n') => self.cur.pos += 1,
                Some(b'\r') => {
                    self.cur.pos += 1;
                    self.cur.eat_lf_after_cr('\r');
                }
                Some(b';') if semis => self.cur.pos += 1,
                _ => return,
            }
        }
    }

    /// At a character that ends a statement or pipeline element.
    fn at_terminator(&self) -> bool {
        match self.cur.peek() {
            None => true,
            Some('\n' | '\r' | ';' | ')' | '}' | '|') => true,
            Some('&') => true,
            _ => false,
        }
    }

    // ----- statements --------------------------------------------------------------------

    /// Statements up to `closer` (a `)`/`}` with the offset of its opener) or the end.
    fn statement_list(&mut self, closer: Option<(char, usize)>) {
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
                    self.statement();
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

    fn statement(&mut self) {
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
        match self.peek_keyword() {
            Some((kw, end)) => {
                let start = self.cur.pos;
                self.cur.pos = end;
                self.keyword_statement(kw, start);
            }
            None => self.pipeline_chain(),
        }
        self.leave();
    }

    /// The statement keyword at the cursor, if any, with the offset after it. As in
    /// `ScanIdentifier`, a keyword must be followed by a character that ends a token.
    fn peek_keyword(&self) -> Option<(&'static str, usize)> {
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
        STATEMENT_KEYWORDS.iter().find(|k| k.eq_ignore_ascii_case(word)).map(|k| (*k, p))
    }

    fn keyword_statement(&mut self, kw: &'static str, start: usize) {
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
                self.error(
                    "unexpected-keyword",
                    start,
                    format!("`{kw}` does not follow the statement it belongs to"),
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
                } else {
                    let at = self.cur.pos;
                    self.error("missing-parameter-list", at, "param needs a parameter list in ( )", "write param(...)");
                }
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
    fn element_list_until_brace(&mut self) {
        loop {
            self.skip_ws();
            if self.at_terminator() || self.cur.peek() == Some('{') {
                return;
            }
            if self.cur.peek().is_some_and(is_dash) && self.cur.peek2().is_some_and(|c| c.is_alphabetic()) {
                let _ = self.scan_parameter();
            } else {
                self.argument(Ctx::Argument);
            }
        }
    }

    fn rest_of_statement(&mut self) {
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
    fn condition(&mut self, kw: &str) {
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

    /// `{ statements }` after a keyword.
    fn block(&mut self, kw: &str) {
        self.skip_newlines(false);
        if self.cur.peek() == Some('{') {
            let open = self.cur.pos;
            self.cur.pos += 1;
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
    fn catch_types(&mut self) {
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

    fn foreach_statement(&mut self) {
        self.skip_ws();
        while self.cur.peek().is_some_and(is_dash) && self.cur.peek2().is_some_and(|c| c.is_alphabetic()) {
            let _ = self.scan_parameter();
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
    fn peek_keyword_in(&self) -> Option<usize> {
        let p = self.cur.pos;
        let word = self.cur.src.get(p..p + 2)?;
        if word.eq_ignore_ascii_case("in") && self.cur.char_at(p + 2).is_none_or(|c| !is_identifier_follow(c)) {
            Some(p + 2)
        } else {
            None
        }
    }

    fn switch_statement(&mut self) {
        let mut file = false;
        loop {
            self.skip_ws();
            if self.cur.peek().is_some_and(is_dash) && self.cur.peek2().is_some_and(|c| c.is_alphabetic()) {
                if let ParamScan::Param { name, .. } = self.scan_parameter()
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
    fn skip_balanced_braces(&mut self) {
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
    fn string_like(&mut self) -> Expansions {
        let mut exp = Expansions::default();
        let mut subs = std::mem::take(&mut self.subs);
        subs.clear();
        let mut out = std::mem::take(&mut self.buf);
        out.clear();
        let Some(c) = self.cur.peek() else { return exp };
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

    fn pipeline_chain(&mut self) {
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

    fn pipeline(&mut self) {
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
    fn pipe_continuation(&self) -> Option<usize> {
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
    fn is_expression_start(&self) -> bool {
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

    // ----- expressions (skipped, commands inside collected) --------------------------------

    /// Skips one expression-mode pipeline element, collecting the commands inside it. An
    /// assignment operator makes the rest a statement. `attr` means inside a type or attribute
    /// `[...]`, where `( )` holds attribute arguments rather than a pipeline.
    fn expression_element(&mut self, attr: bool) {
        if !self.enter() {
            return;
        }
        let mut need_operand = false;
        let mut last_value_end = usize::MAX;
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
                            self.string_with_subs();
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
                    self.string_with_subs();
                    value = true;
                }
                '(' => {
                    self.cur.pos += 1;
                    if attr {
                        self.expr_group(')', start, true);
                    } else {
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
                    self.expr_group(']', start, !adjacent);
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
        }
        self.leave();
    }

    fn assignment_rhs(&mut self) {
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
    fn expr_group(&mut self, closer: char, open: usize, attr: bool) {
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
    fn string_with_subs(&mut self) -> Option<String> {
        let exp = self.string_like();
        let value = std::mem::take(&mut self.buf);
        self.parse_subs();
        (!exp.dynamic && !exp.unrepresentable).then_some(value)
    }

    /// Collects the commands inside the `$( )` ranges the last scan found.
    fn parse_subs(&mut self) {
        if self.subs.is_empty() {
            return;
        }
        let subs = std::mem::take(&mut self.subs);
        for &(s, e) in &subs {
            let (save_pos, save_end) = (self.cur.pos, self.cur.end);
            self.cur.pos = s + 2;
            self.cur.end = e.saturating_sub(1).max(s + 2);
            self.statement_list(None);
            self.cur.pos = save_pos;
            self.cur.end = save_end;
            if self.aborted {
                self.cur.pos = self.cur.end;
            }
        }
        self.subs = subs;
        self.subs.clear();
    }

    fn redirection(&mut self) {
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

    // ----- hash literals ------------------------------------------------------------------

    /// Reads a hash literal after `@{` (`HashExpressionRule`); an `Add`/`Remove` shape with
    /// constant strings becomes [`Arg::AddRemove`].
    fn hash_literal(&mut self, open: usize) -> Arg {
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
                    self.missing_closer('}', open);
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
                    self.expression_element(false);
                    if self.cur.pos == key_start {
                        self.cur.bump();
                    }
                    continue;
                }
            };
            self.skip_ws();
            if !self.cur.eat('=') {
                let at = self.cur.pos;
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
                        self.error(
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

    fn at_hash_value_end(&mut self) -> bool {
        self.skip_ws();
        matches!(self.cur.peek(), None | Some('\n' | '\r' | ';' | '}'))
    }

    // ----- constants ------------------------------------------------------------------------

    /// `item (, item)*` of constant strings and numbers in expression mode; `None` (cursor
    /// anywhere) when something is not constant.
    fn const_items(&mut self) -> Option<Vec<String>> {
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

    fn const_item(&mut self, items: &mut Vec<String>) -> Option<()> {
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
    fn const_string(&mut self) -> Option<String> {
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
    fn member_access_follows(&self) -> bool {
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
    fn const_paren(&mut self) -> Option<Arg> {
        let start = self.cur.pos;
        let r = self.const_paren_inner();
        if r.is_none() || self.member_access_follows() {
            self.cur.pos = start;
            return None;
        }
        r
    }

    fn const_paren_inner(&mut self) -> Option<Arg> {
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
    fn char_cast(&mut self) -> Option<char> {
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

    // ----- commands -------------------------------------------------------------------------

    fn command(&mut self, pipeline_index: usize) {
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
                self.report(
                    Severity::Warning,
                    "dynamic-command-name",
                    name_start,
                    format!("the command name {text} is computed at run time; mbxctl cannot check this command"),
                    "call the command by its name",
                );
                None
            }
        };
        let mut params: Vec<Parameter> = Vec::new();
        let mut positions: Vec<Position> = Vec::new();
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
                                } else {
                                    let (arg, s) = self.argument(Ctx::Argument);
                                    let value = match arg {
                                        Arg::Bool(b) => Value::Switch(b),
                                        other => self.to_value(other, s),
                                    };
                                    params.push(Parameter { name: Some(name), value });
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
                _ => {}
            }
            let (arg, s) = self.argument(Ctx::Argument);
            let value = if arg == Arg::Str("--%".into()) {
                // Everything after --% to the end of the line is passed verbatim.
                let end = self.verbatim_end();
                self.cur.pos = end;
                Value::Dynamic(self.cur.src[s..end].to_string())
            } else {
                self.to_value(arg, s)
            };
            match pending.take() {
                Some((pn, pp)) => {
                    params.push(Parameter { name: Some(pn), value });
                    positions.push(pp);
                }
                None => {
                    params.push(Parameter { name: None, value });
                    let p = self.position(at);
                    positions.push(p);
                }
            }
        }
        if let Some((pn, pp)) = pending.take() {
            params.push(Parameter { name: Some(pn), value: Value::Switch(true) });
            positions.push(pp);
        }
        if let Some(cmdlet) = name {
            let cmd = ParsedCommand {
                invocation: Invocation { cmdlet, params },
                position,
                parameter_positions: positions,
                pipeline_index,
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
    fn verbatim_end(&self) -> usize {
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

    fn to_value(&self, arg: Arg, start: usize) -> Value {
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
    fn scan_parameter(&mut self) -> ParamScan {
        let start = self.cur.pos;
        let dash = self.cur.bump().unwrap_or('-');
        let name_start = start + dash.len_utf8();
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
    fn argument(&mut self, ctx: Ctx) -> (Arg, usize) {
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
    fn argument_element(&mut self, ctx: Ctx) -> Arg {
        if !self.enter() {
            return Arg::Dynamic;
        }
        let r = self.argument_element_inner(ctx);
        self.leave();
        r
    }

    fn argument_element_inner(&mut self, ctx: Ctx) -> Arg {
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
                        Arg::Dynamic
                    }
                }
            }
            '(' => {
                if let Some(v) = self.const_paren() {
                    return v;
                }
                self.cur.pos += 1;
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
    fn arg_ends_here(&self) -> bool {
        self.cur.peek().is_none_or(force_start_new_token)
    }

    fn number_or_word(&mut self, ctx: Ctx) -> Arg {
        let start = self.cur.pos;
        match self.cur.scan_number(true) {
            Some(Number::Int(v)) => Arg::Int(v),
            Some(Number::Text) => Arg::Str(self.cur.src[start..self.cur.pos].to_string()),
            None => self.argument_element_generic(ctx).0,
        }
    }

    /// A bare word (`ScanGenericToken`); a command name without `&` is never expanded.
    fn argument_element_generic(&mut self, ctx: Ctx) -> (Arg, usize) {
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

    /// Member access, indexing and method calls right after a value (`CheckPostPrimaryExpressionOperators`
    /// with `GetMemberAccessOperator`'s command-mode rules). Returns whether any was read.
    fn post_ops(&mut self) -> bool {
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

    fn member_name(&mut self) {
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

enum ParamScan {
    Param { name: String, colon: bool },
    Generic,
}

fn list_item(a: Arg) -> Option<String> {
    match a {
        Arg::Str(s) => Some(s),
        Arg::Int(n) => Some(n.to_string()),
        _ => None,
    }
}

fn opener_of(closer: char) -> &'static str {
    match closer {
        ')' => "(",
        ']' => "[",
        _ => "{",
    }
}
