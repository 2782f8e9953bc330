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
    /// How each parameter was written, parallel to `invocation.params`: the binder needs it to
    /// know whether a value may be taken away from a switch.
    pub forms: Vec<ArgForm>,
}

/// How one command element was written. PowerShell's parser keeps `-Name value` as two elements
/// and only the binder, which knows the parameter's type, pairs them; mbxctl's reader pairs them
/// at once and records the form so the binder can undo it for a switch.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ArgForm {
    /// `-Name` alone (the value is `Switch(true)`).
    Bare,
    /// `-Name:value`: the value belongs to the parameter whatever its type.
    #[default]
    Colon,
    /// `-Name value`: the value is the next argument, which a switch never takes.
    Spaced,
    /// A positional argument (`name: None`).
    Positional,
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
        if off >= self.off {
            // Forward, the common case: walk the line table instead of searching it.
            let start_line = self.line;
            while self.starts.get(self.line + 1).is_some_and(|&s| s <= off) {
                self.line += 1;
            }
            if self.line == start_line {
                self.col += chars(self.off, off);
            } else {
                self.col = 1 + chars(self.starts[self.line], off);
            }
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
            commands: Vec::with_capacity(text.len() / 128),
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
        matches!(self.cur.peek(), None | Some('\n' | '\r' | ';' | ')' | '}' | '|' | '&'))
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
                let _ = self.statement_flag();
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
        // One exact allocation; the scratch buffer keeps its capacity.
        let value = self.buf.clone();
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
                _ => {}
            }
            let (arg, s) = self.argument(Ctx::Argument);
            let value = if arg == Arg::Str("--%".into()) && !self.cur.src[s..].starts_with('(') {
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
                    forms.push(ArgForm::Spaced);
                }
                None => {
                    params.push(Parameter { name: None, value });
                    forms.push(ArgForm::Positional);
                    let p = self.position(at);
                    positions.push(p);
                }
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
    /// Scans a statement's `-Flag` (`foreach -Parallel`, `switch -File`, `data
    /// -SupportedCommand`). Text that only looks like one (`-A'x`: a quote inside the name) is
    /// read as an argument instead, and the cursor always moves, so a malformed flag cannot stall
    /// the loops that read these flags.
    fn statement_flag(&mut self) -> ParamScan {
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

#[cfg(test)]
mod tests {
    #[test]
    fn a_quote_inside_a_statement_flag_does_not_stall_the_parser() {
        // Found by the fragment-soup property test: these used to loop forever.
        for text in ["foreach -A\u{2018}", "switch -F'x", "data -S\"y {", "foreach -A'b' ($x in 1) {}"] {
            let script = super::parse_script(text);
            assert!(script.commands.len() <= 1, "{text:?}");
        }
    }

    use super::*;

    fn s(v: &str) -> Value {
        Value::String(v.into())
    }
    fn d(v: &str) -> Value {
        Value::Dynamic(v.into())
    }
    fn list(v: &[&str]) -> Value {
        Value::List(v.iter().map(|x| x.to_string()).collect())
    }
    fn named(n: &str, v: Value) -> Parameter {
        Parameter { name: Some(n.into()), value: v }
    }
    fn pos(v: Value) -> Parameter {
        Parameter { name: None, value: v }
    }
    fn one(text: &str) -> Invocation {
        match parse_command(text) {
            Ok(inv) => inv,
            Err(e) => panic!("{text:?}: {e}"),
        }
    }
    fn params(text: &str) -> Vec<Parameter> {
        one(text).params
    }
    fn names(script: &Script) -> Vec<(&str, usize)> {
        script.commands.iter().map(|c| (c.invocation.cmdlet.as_str(), c.pipeline_index)).collect()
    }
    fn codes(script: &Script) -> Vec<&'static str> {
        script.diagnostics.iter().map(|d| d.code).collect()
    }
    fn p(line: u32, column: u32) -> Position {
        Position { line, column }
    }

    #[test]
    fn named_positional_and_switch_parameters() {
        let inv = one("Set-Mailbox -Identity 'jdoe' -Type Shared -Force jdoe2");
        assert_eq!(inv.cmdlet, "Set-Mailbox");
        assert_eq!(
            inv.params,
            vec![named("Identity", s("jdoe")), named("Type", s("Shared")), named("Force", s("jdoe2"))]
        );
        assert_eq!(params("Get-Mailbox jdoe -Force"), vec![pos(s("jdoe")), named("Force", Value::Switch(true))]);
        assert_eq!(
            params("Set-X -A:1 -B:'x' -C: 'y' -Force:$false -Confirm:$TRUE -Enabled $true -Off $False"),
            vec![
                named("A", Value::Int(1)),
                named("B", s("x")),
                named("C", s("y")),
                named("Force", Value::Switch(false)),
                named("Confirm", Value::Switch(true)),
                named("Enabled", Value::Bool(true)),
                named("Off", Value::Bool(false)),
            ]
        );
        assert_eq!(params("Get-X -A -B"), vec![named("A", Value::Switch(true)), named("B", Value::Switch(true))]);
    }

    #[test]
    fn unicode_dashes_and_quotes() {
        assert_eq!(
            params("Set-Mailbox –Identity ‘O’’Brien’ —Force ―X “a””b” „c“"),
            vec![
                named("Identity", s("O’Brien")),
                named("Force", Value::Switch(true)),
                named("X", s("a”b")),
                pos(s("c"))
            ]
        );
        assert_eq!(
            params("Get-X -A 'it''s' -B \"say \"\"hi\"\" `\"ok`\"\""),
            vec![named("A", s("it's")), named("B", s("say \"hi\" \"ok\""))]
        );
    }

    #[test]
    fn expandable_strings_and_bare_words() {
        assert_eq!(
            params("Get-X -A \"a`tb`n`0\" -B \"$x\" -C \"cost $ 5\" -D \"$($y)\" -E a`$b -F a$b -G a'b c'd"),
            vec![
                named("A", s("a\tb\n\0")),
                named("B", d("\"$x\"")),
                named("C", s("cost $ 5")),
                named("D", d("\"$($y)\"")),
                named("E", s("a$b")),
                named("F", d("a$b")),
                named("G", s("ab cd")),
            ]
        );
        assert_eq!(params("Get-X -A 'a'b"), vec![named("A", s("a")), pos(s("b"))]);
        assert_eq!(params("Get-X -A 'a'.Length"), vec![named("A", d("'a'.Length"))]);
        assert_eq!(params("Get-X a#b # comment"), vec![pos(s("a#b"))]);
        assert_eq!(params("Get-X -- -A"), vec![pos(s("-A"))]);
        assert_eq!(params("Get-X -A -5"), vec![named("A", s("-5"))]);
        assert_eq!(params("Get-X -A 'x' -B'y'"), vec![named("A", s("x")), pos(s("-By"))]);
    }

    #[test]
    fn line_continuation_and_comments() {
        let inv = one("Get-Mailbox `\r\n    -Identity 'a' <# inline #> `\n  -ResultSize 10 # tail");
        assert_eq!(inv.params, vec![named("Identity", s("a")), named("ResultSize", Value::Int(10))]);
        let script = parse_script("# header\n<# block\n Get-Nope #>\nGet-A; Get-B\r\nGet-C");
        assert_eq!(names(&script), vec![("Get-A", 0), ("Get-B", 0), ("Get-C", 0)]);
        assert_eq!(script.commands[2].position, p(5, 1));
    }

    #[test]
    fn numbers() {
        assert_eq!(
            params("Set-X -A 50GB -B 1kb -C 0x10 -D 1.5 -E 7z -F 1.5GB -G 10L -H 2TB -I (-5) -J (42) -K 5G"),
            vec![
                named("A", Value::Int(50 << 30)),
                named("B", Value::Int(1024)),
                named("C", Value::Int(16)),
                named("D", s("1.5")),
                named("E", s("7z")),
                named("F", Value::Int(1_610_612_736)),
                named("G", Value::Int(10)),
                named("H", Value::Int(2 << 40)),
                named("I", Value::Int(-5)),
                named("J", Value::Int(42)),
                named("K", s("5G")),
            ]
        );
        assert_eq!(params("Get-X (-9223372036854775808)"), vec![pos(Value::Int(i64::MIN))]);
    }

    #[test]
    fn arrays() {
        assert_eq!(
            params("Set-X -A a,b,'c d' -B 1, 2 -C a,$b -D @() -E @('x') -F @('a', \"b\"\n'c') -G @($x)"),
            vec![
                named("A", list(&["a", "b", "c d"])),
                named("B", list(&["1", "2"])),
                named("C", d("a,$b")),
                named("D", list(&[])),
                named("E", list(&["x"])),
                named("F", list(&["a", "b", "c"])),
                named("G", d("@($x)")),
            ]
        );
        let script = parse_script("Set-X -A a,");
        assert_eq!(codes(&script), vec!["missing-expression"]);
    }

    #[test]
    fn hash_literals() {
        let ar = |a: &[&str], r: &[&str]| Value::AddRemove {
            add: a.iter().map(|x| x.to_string()).collect(),
            remove: r.iter().map(|x| x.to_string()).collect(),
        };
        assert_eq!(
            params(
                "Set-X -A @{Add='a','b';Remove='c'} -B @{ add = \"x\" } -C @{\n  Remove = 'r1',\n    'r2'\n  Add = @('q')\n} -D @{}"
            ),
            vec![
                named("A", ar(&["a", "b"], &["c"])),
                named("B", ar(&["x"], &[])),
                named("C", ar(&["q"], &["r1", "r2"])),
                named("D", ar(&[], &[])),
            ]
        );
        assert_eq!(
            params("Set-X -A @{Add='a';Other='b'} -B @{Add=$x} -C @{Add='a'}.Count"),
            vec![named("A", d("@{Add='a';Other='b'}")), named("B", d("@{Add=$x}")), named("C", d("@{Add='a'}.Count")),]
        );
        let script = parse_script("Set-X -A @{Add='a';add='b'}");
        assert_eq!(codes(&script), vec!["duplicate-hash-key"]);
        let script = parse_script("Set-X -A @{Add=(Get-Y -Z 1)}");
        assert_eq!(names(&script), vec![("Set-X", 0), ("Get-Y", 0)]);
    }

    #[test]
    fn constant_forms_of_quote() {
        assert_eq!(
            params(
                "Set-X -A ('a'+\"`n\"+'b') -B (''+[char]0x1B+'x') -C (\"`r`n\") -D ('it''s'+[CHAR]0x2028) -E ('--%')"
            ),
            vec![
                named("A", s("a\nb")),
                named("B", s("\u{1B}x")),
                named("C", s("\r\n")),
                named("D", s("it's\u{2028}")),
                named("E", s("--%")),
            ]
        );
        assert_eq!(
            parse_script("Set-X -A ('a'+$b) -B ([char]0x41+'b') -C ('a').Length -D ('a'+\"$x\") -E (Get-Y)").commands
                [0]
            .invocation
            .params,
            vec![
                named("A", d("('a'+$b)")),
                named("B", d("([char]0x41+'b')")),
                named("C", d("('a').Length")),
                named("D", d("('a'+\"$x\")")),
                named("E", d("(Get-Y)")),
            ]
        );
    }

    #[test]
    fn variables_splatting_and_verbatim() {
        assert_eq!(
            params("Set-X -A $null -B $env:USER -C @params -D $x.Name -E $a[0] -F ${my var}"),
            vec![
                named("A", d("$null")),
                named("B", d("$env:USER")),
                named("C", d("@params")),
                named("D", d("$x.Name")),
                named("E", d("$a[0]")),
                named("F", d("${my var}")),
            ]
        );
        let script = parse_script("Set-X -A 1 --% -B 'c' \"|\" | Out-Null");
        assert_eq!(script.commands[0].invocation.params, vec![named("A", Value::Int(1)), pos(d("--% -B 'c' \"|\" "))]);
        assert_eq!(names(&script), vec![("Set-X", 0), ("Out-Null", 1)]);
    }

    #[test]
    fn here_strings() {
        assert_eq!(
            params("Set-X -A @'\nline1\nit's $x\n'@ -B @\"\r\na`tb\r\n\"@ -C @\"\n$x\n\"@"),
            vec![named("A", s("line1\nit's $x")), named("B", s("a\tb")), named("C", d("@\"\n$x\n\"@"))]
        );
    }

    #[test]
    fn pipelines_and_redirections() {
        let script = parse_script(
            "Get-Mailbox -ResultSize Unlimited | Where-Object { $_.Name -like 'a*' } |\n  Set-Mailbox -Type Shared > out.txt 2>&1\n'text' | Out-File x.txt\nGet-A\n  | Get-B",
        );
        assert_eq!(
            names(&script),
            vec![
                ("Get-Mailbox", 0),
                ("Where-Object", 1),
                ("Set-Mailbox", 2),
                ("Out-File", 1),
                ("Get-A", 0),
                ("Get-B", 1)
            ]
        );
        assert_eq!(script.commands[2].invocation.params, vec![named("Type", s("Shared"))]);
        assert_eq!(script.commands[3].invocation.params, vec![pos(s("x.txt"))]);
        assert!(script.diagnostics.is_empty(), "{:?}", script.diagnostics);
        assert_eq!(codes(&parse_script("Get-A |")), vec!["empty-pipe-element"]);
        assert_eq!(codes(&parse_script("Get-A | | Get-B")), vec!["empty-pipe-element"]);
    }

    #[test]
    fn commands_inside_statements() {
        let text = "\
$boxes = Get-Mailbox -ResultSize 10
foreach ($m in Get-User -Filter 'x') {
    if ($m.Type -eq 'User') { Set-Mailbox -Identity $m.Alias -Type Shared }
    elseif (Test-Y) { Get-Z }
    else { Write-Host \"done $(Get-Date)\" }
}
function Convert-One { param([Parameter(Mandatory)][string]$Id = (Get-Default)) Set-Mailbox -Identity $Id }
switch ($a) { 'x' { Get-G } default { Get-H } }
try { Get-I } catch [System.Exception], [Other] { Get-J } finally { Get-K }
while ($true) { Get-L; break }
do { Get-M } until (Test-N)
:outer for ($i = 0; $i -lt 3; $i++) { Get-O }
[CmdletBinding()]
param()
$x = if ($y) { Get-P } else { 5 }
$h = @{ Name = Get-Q; Other = 'x' }
";
        let script = parse_script(text);
        assert_eq!(
            names(&script).iter().map(|x| x.0).collect::<Vec<_>>(),
            vec![
                "Get-Mailbox",
                "Get-User",
                "Set-Mailbox",
                "Test-Y",
                "Get-Z",
                "Write-Host",
                "Get-Date",
                "Get-Default",
                "Set-Mailbox",
                "Get-G",
                "Get-H",
                "Get-I",
                "Get-J",
                "Get-K",
                "Get-L",
                "Get-M",
                "Test-N",
                "Get-O",
                "Get-P",
                "Get-Q",
            ]
        );
        assert!(script.diagnostics.is_empty(), "{:?}", script.diagnostics);
        let set = &script.commands[2];
        assert_eq!(set.position, p(3, 31));
        assert_eq!(set.invocation.params, vec![named("Identity", d("$m.Alias")), named("Type", s("Shared"))]);
        assert_eq!(set.parameter_positions, vec![p(3, 43), p(3, 62)]);
        assert_eq!(script.commands[1].invocation.params, vec![named("Filter", s("x"))]);
        assert_eq!(script.commands[6].position, p(5, 31));
    }

    #[test]
    fn nested_commands_keep_source_order_and_their_own_pipelines() {
        let script =
            parse_script("Set-X -Id (Get-Y | Select-Object -First 1) -B $(Get-Z) | ForEach-Object { Get-B | Get-C }");
        assert_eq!(
            names(&script),
            vec![
                ("Set-X", 0),
                ("Get-Y", 0),
                ("Select-Object", 1),
                ("Get-Z", 0),
                ("ForEach-Object", 1),
                ("Get-B", 0),
                ("Get-C", 1)
            ]
        );
        assert_eq!(
            script.commands[0].invocation.params,
            vec![named("Id", d("(Get-Y | Select-Object -First 1)")), named("B", d("$(Get-Z)"))]
        );
    }

    #[test]
    fn expressions_are_not_commands() {
        let script = parse_script("$a = 5; 'text'; 1 + 2 -gt 3\n-not $x\n[int]$y = 7\n$a.Method('x', 2)\n$z++");
        assert!(script.commands.is_empty(), "{:?}", script.commands);
        assert!(script.diagnostics.is_empty(), "{:?}", script.diagnostics);
        let script = parse_script("ForEach-Object -Process { Get-X }; foreach-object { Get-Y }; 7z a x.7z");
        assert_eq!(
            names(&script),
            vec![("ForEach-Object", 0), ("Get-X", 0), ("foreach-object", 0), ("Get-Y", 0), ("7z", 0)]
        );
    }

    #[test]
    fn invocation_operators() {
        let script = parse_script("& 'Get-Mailbox' -Identity x\n. .\\setup.ps1 -Quiet\n& $cmd -Force");
        assert_eq!(names(&script), vec![("Get-Mailbox", 0), (".\\setup.ps1", 0)]);
        assert_eq!(script.commands[1].invocation.params, vec![named("Quiet", Value::Switch(true))]);
        assert_eq!(codes(&script), vec!["dynamic-command-name"]);
        assert_eq!(script.diagnostics[0].severity, Severity::Warning);
        assert_eq!(script.diagnostics[0].position, Some(p(3, 3)));
    }

    #[test]
    fn positions_count_characters_and_lines() {
        let script = parse_script("Set-X -A 'é😀' -B 1\r\n\r\n  Get-Y `\r\n -Z\rGet-W");
        assert_eq!(script.commands[0].parameter_positions, vec![p(1, 7), p(1, 15)]);
        assert_eq!(script.commands[1].position, p(3, 3));
        assert_eq!(script.commands[1].parameter_positions, vec![p(4, 2)]);
        assert_eq!(script.commands[2].position, p(5, 1));
    }

    #[test]
    fn errors_have_positions() {
        let script = parse_script("Get-X -A 'abc");
        assert_eq!(codes(&script), vec!["unterminated-string"]);
        assert_eq!(script.diagnostics[0].position, Some(p(1, 10)));
        let script = parse_script("if ($x) {\n  Get-A");
        assert_eq!(codes(&script), vec!["missing-closing-delimiter"]);
        assert_eq!(script.diagnostics[0].position, Some(p(1, 9)));
        assert_eq!(names(&script), vec![("Get-A", 0)]);
        let script = parse_script("Get-X -A \"ok\" -B \"abc\nGet-Y");
        assert_eq!(codes(&script), vec!["unterminated-string"]);
        assert_eq!(script.diagnostics[0].position, Some(p(1, 18)));
        let script = parse_script("Get-X ‘abc\n“x");
        assert_eq!(codes(&script), vec!["unterminated-string"]);
        assert_eq!(script.diagnostics[0].position, Some(p(1, 7)));
        // PowerShell resumes after the header line, so the footer line opens a new string.
        let script = parse_script("Get-X -A @‘ x\n‘@");
        assert_eq!(codes(&script), vec!["here-string-header", "unterminated-string"]);
        assert_eq!(script.diagnostics[0].position, Some(p(1, 13)));
        assert_eq!(codes(&parse_script("Get-X <# open")), vec!["unterminated-comment"]);
        assert_eq!(codes(&parse_script("Get-X -A:\nGet-Y")), vec!["parameter-requires-argument"]);
        assert_eq!(codes(&parse_script("Get-X -A @'\nno end")), vec!["unterminated-here-string"]);
        assert_eq!(codes(&parse_script("Get-X -A $(Get-Y")), vec!["missing-closing-delimiter"]);
        assert_eq!(codes(&parse_script("Get-X }")), vec!["unexpected-token"]);
        assert_eq!(codes(&parse_script("Get-X , a")), vec!["missing-argument"]);
        assert_eq!(codes(&parse_script("Get-X `")), vec!["incomplete-escape"]);
        assert_eq!(codes(&parse_script("Get-X \"`u{zz}\"")), vec!["invalid-unicode-escape"]);
        assert_eq!(codes(&parse_script("Get-X @ a")), vec!["unrecognized-token"]);
        assert_eq!(codes(&parse_script("Get-X < in.txt")), vec!["unsupported-redirection"]);
    }

    #[test]
    fn parse_command_requires_exactly_one_command() {
        let e = parse_command("Get-A; Get-B").unwrap_err();
        assert_eq!((e.code, e.position), ("expected-one-command", Some(p(1, 8))));
        assert_eq!(parse_command("").unwrap_err().code, "expected-one-command");
        assert_eq!(parse_command("$x = 1").unwrap_err().code, "expected-one-command");
        assert_eq!(parse_command("Get-X 'a").unwrap_err().code, "unterminated-string");
    }

    #[test]
    fn hostile_input_does_not_crash() {
        let deep = "(".repeat(100_000);
        let script = parse_script(&format!("Get-X {deep}"));
        assert!(codes(&script).contains(&"nesting-too-deep"));
        let deep = "{".repeat(50_000) + &"}".repeat(50_000);
        assert!(codes(&parse_script(&deep)).contains(&"nesting-too-deep"));
        let chain = "$a = ".repeat(50_000);
        assert!(codes(&parse_script(&chain)).contains(&"nesting-too-deep"));
        let elseifs = format!("if ($a) {{}}{}", " elseif ($b) {}".repeat(20_000));
        assert!(parse_script(&elseifs).diagnostics.is_empty());
        for text in [
            "\0",
            "`",
            "@",
            "$",
            "${",
            "@{",
            "@(",
            "-",
            "--",
            "--%",
            "'",
            "\"",
            "@'",
            "<#",
            "#",
            "|",
            "&&",
            "::",
            "[",
            "]",
            "\u{2013}",
            "\r",
            "a`\u{85}b",
            "Get-X -A:",
            "Get-X ((",
            "@{a=",
            "switch",
            "foreach (",
            "function",
            "1..5",
            "0x",
            "1e",
            ".5",
            "$x = @{",
            "[char]0x41",
        ] {
            let _ = parse_script(text);
            let _ = parse_command(text);
        }
    }
}
