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
//!
//! One grammar a file: this module holds the reader's state, positions, diagnostics and
//! whitespace; [`statements`] the statement rules, [`expressions`] the skipped expressions (and
//! the commands inside them), [`constants`] hash literals and the constant values an argument can
//! be, [`arguments`] a command and its parameters and arguments.

use crate::cmdlet::diagnostic::{Diagnostic, Position, Severity};
use crate::cmdlet::invocation::Invocation;
use crate::cmdlet::tokenizer::{Cursor, LexError};

mod arguments;
mod constants;
mod expressions;
mod statements;
#[cfg(test)]
mod tests;

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
    p.finish();
    Script { commands: p.commands, diagnostics: p.diags }
}

/// Parses a whole script as a stream: each command goes to `sink` in source order, as soon as
/// the top-level statement holding it is read, and is not kept, so memory stays that of one
/// statement however long the script. Returns the diagnostics. The commands and diagnostics are
/// those [`parse_script`] gives.
pub fn parse_script_streaming<'a>(text: &'a str, sink: &'a mut dyn FnMut(ParsedCommand)) -> Vec<Diagnostic> {
    let mut p = Parser::new(text);
    p.commands = Vec::new();
    p.sink = Some(sink);
    p.statement_list(None);
    p.flush();
    p.finish();
    p.diags
}

/// [`parse_script_streaming`] with the reading on a second thread (see [`read_ahead`]): `sink`
/// sees each command on the calling thread, in the same order, and the diagnostics are the same.
pub fn parse_script_in_background(text: &str, sink: &mut dyn FnMut(&mut ParsedCommand)) -> Vec<Diagnostic> {
    read_ahead(text, true, |commands| commands.for_each(sink))
}

/// Reads `text` as a stream on a second thread, when `background`, while `then` runs on this
/// one: `then` may prepare (read the side, write a header) while the first commands are read,
/// and then takes them with [`ReadAhead::for_each`]. Reading and judging what was read overlap
/// (on two cores the wall time is nearer the longer of the two than their sum). The commands
/// are handed over in batches through a bounded channel, so memory stays that of the batches in
/// flight. Worth it only for a long script (starting the thread costs tens of microseconds);
/// without `background` the script is read on this thread, inside `for_each`.
pub fn read_ahead<R>(text: &str, background: bool, then: impl FnOnce(ReadAhead<'_>) -> R) -> R {
    /// Commands a batch: enough that the channel is not touched for each command, few enough
    /// that the judging thread starts at once.
    const BATCH: usize = 128;
    /// Batches in flight: the reader runs ahead by at most this many (4,096 commands, about
    /// 2 MB), which is about as long as the other thread needs to read the side and the
    /// functions of a long script before its first command.
    const IN_FLIGHT: usize = 32;
    if !background {
        return then(ReadAhead(Source::Here(text)));
    }
    let (tx, rx) = std::sync::mpsc::sync_channel::<Handed>(IN_FLIGHT);
    // Judged batches go back to the reader, which frees the commands it allocated (freeing on
    // the other thread costs glibc's allocator a lock per block, which undid the gain) and fills
    // the same vector again.
    let (back_tx, back_rx) = std::sync::mpsc::channel::<Vec<ParsedCommand>>();
    std::thread::scope(|s| {
        let reader = s.spawn(move || {
            let mut batch = Vec::with_capacity(BATCH);
            let mut hand_over = |c: ParsedCommand| {
                batch.push(c);
                if batch.len() == BATCH {
                    let next = match back_rx.try_recv() {
                        Ok(mut judged) => {
                            judged.clear();
                            judged
                        }
                        Err(_) => Vec::with_capacity(BATCH),
                    };
                    // The receiver is gone only when the other thread stopped early (it
                    // panicked): reading on is harmless.
                    let _ = tx.send(Handed::Batch(std::mem::replace(&mut batch, next)));
                }
            };
            let diags = parse_script_streaming(text, &mut hand_over);
            if !batch.is_empty() {
                let _ = tx.send(Handed::Batch(batch));
            }
            let _ = tx.send(Handed::Done(diags));
            // The last batches judged are freed here too, until the other thread is done with
            // the commands (it drops its sender then).
            for judged in back_rx {
                drop(judged);
            }
        });
        let r = then(ReadAhead(Source::Background { rx, back: back_tx }));
        reader.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic));
        r
    })
}

/// The commands of a script being read (see [`read_ahead`]).
pub struct ReadAhead<'t>(Source<'t>);

enum Source<'t> {
    /// Read on this thread, in [`ReadAhead::for_each`].
    Here(&'t str),
    /// Read on a second thread: the batches read, then the diagnostics; and where judged
    /// batches go back to be freed.
    Background { rx: std::sync::mpsc::Receiver<Handed>, back: std::sync::mpsc::Sender<Vec<ParsedCommand>> },
}

/// What the reading thread hands over.
enum Handed {
    /// Commands, in source order.
    Batch(Vec<ParsedCommand>),
    /// The end of the script: its diagnostics.
    Done(Vec<Diagnostic>),
}

impl ReadAhead<'_> {
    /// Hands each command to `sink` in source order and returns the script's diagnostics, as
    /// [`parse_script_streaming`] does.
    pub fn for_each(self, sink: &mut dyn FnMut(&mut ParsedCommand)) -> Vec<Diagnostic> {
        match self.0 {
            Source::Here(text) => parse_script_streaming(text, &mut |mut c| sink(&mut c)),
            Source::Background { rx, back } => {
                for handed in rx {
                    match handed {
                        Handed::Batch(mut batch) => {
                            for c in batch.iter_mut() {
                                sink(c);
                            }
                            let _ = back.send(batch);
                        }
                        Handed::Done(diags) => return diags,
                    }
                }
                // The reader panicked; `read_ahead` passes its panic on.
                Vec::new()
            }
        }
    }
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

/// The code of the notes the reader gives for PowerShell 7 syntax (`&&`, `||`, `??`, `??=`, the
/// ternary `? :`, `?.`, `?[]`, a `clean` block); docs/validate.md lists when each came.
pub const NEEDS_POWERSHELL_7: &str = "needs-powershell-7";

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
        let mut i = next_line_end(b, 0);
        while i < b.len() {
            if b[i] == b'\r' && b.get(i + 1) == Some(&b'\n') {
                i += 1;
            }
            starts.push(i + 1);
            i = next_line_end(b, i + 1);
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

/// The offset of the first `\n` or `\r` of `b` from `from` on, or `b.len()`.
///
/// Eight bytes at a time without branches (the "has a zero byte" test on the word XORed with
/// each line end; its lowest flagged byte is always a true match, so the first line end is exact):
/// the line index is a pass over the whole text, and a byte loop, or a test of 16-byte blocks
/// that then stepped byte by byte to the line end, took about 6 instructions a byte.
fn next_line_end(b: &[u8], from: usize) -> usize {
    const ONES: u64 = u64::from_ne_bytes([1; 8]);
    const HIGH: u64 = ONES << 7;
    let mut i = from;
    while let Some(chunk) = b.get(i..i + 8).and_then(|c| <[u8; 8]>::try_from(c).ok()) {
        let w = u64::from_le_bytes(chunk);
        let (lf, cr) = (w ^ (ONES * b'\n' as u64), w ^ (ONES * b'\r' as u64));
        let hits = ((lf.wrapping_sub(ONES) & !lf) | (cr.wrapping_sub(ONES) & !cr)) & HIGH;
        if hits != 0 {
            return i + (hits.trailing_zeros() / 8) as usize;
        }
        i += 8;
    }
    b.get(i..).and_then(|rest| rest.iter().position(|&x| x == b'\n' || x == b'\r')).map_or(b.len(), |k| i + k)
}

struct Parser<'a> {
    cur: Cursor<'a>,
    lines: Lines,
    commands: Vec<ParsedCommand>,
    /// Where finished commands go when the script is read as a stream: they are handed over
    /// after each top-level statement (when every command nested in it is complete, in source
    /// order) instead of being kept.
    sink: Option<&'a mut dyn FnMut(ParsedCommand)>,
    diags: Vec<Diagnostic>,
    buf: String,
    subs: Vec<(usize, usize)>,
    /// Reading a `$( )` of a double-quoted (not here-) string, where pwsh takes `""` for one
    /// quote: `"$($x -replace ""'"",""''"")"` (checked with pwsh 7.6).
    doubled: bool,
    /// Whether the last string read was a double-quoted (not here-) string.
    last_doubled: bool,
    depth: usize,
    aborted: bool,
    /// The end of the last token read: where pwsh reports what is missing after it (its
    /// `After(token)`: `try {}` wants a catch at the end of `}`, `trap` a block at the end of
    /// `trap`). Kept by [`Parser::skip_ws`]: the offset where blanks start, unless nothing was
    /// read since the last skip.
    last_end: usize,
    /// Where the last skip of blanks ended.
    skipped_to: usize,
    /// The next expression is a hash literal's computed key, not an assignment target.
    hash_key: bool,
    /// The next expression is a parameter declaration, where `,` ends it.
    comma_ends: bool,
    /// Errors pwsh finds only after parsing, in its semantic checks (an assignment to what
    /// cannot be assigned, a key twice in a hash literal): they follow the syntax errors.
    late: Vec<Diagnostic>,
    /// The statement before the one being read in its statement list: `None` when it is the
    /// first, else its keyword (`""` for a pipeline). `end` opens a named block only first in a
    /// script block; later pwsh reads it as a command (`StatementRule`'s default case).
    prev_statement: Option<&'static str>,
    /// The keyword of the statement just read (`""` for a pipeline).
    last_statement: &'static str,
    /// The statement list about to be read is a statement block (`if`, `foreach`, `try`, ...
    /// bodies: `StatementBlockRule`), where `end` is never a named block.
    statement_block: bool,
}

impl<'a> Parser<'a> {
    fn new(text: &'a str) -> Self {
        Parser {
            cur: Cursor::new(text),
            lines: Lines::new(text.as_bytes()),
            commands: Vec::with_capacity(text.len() / 128),
            sink: None,
            diags: Vec::new(),
            buf: String::new(),
            subs: Vec::new(),
            doubled: false,
            last_doubled: false,
            depth: 0,
            aborted: false,
            last_end: 0,
            skipped_to: usize::MAX,
            hash_key: false,
            comma_ends: false,
            late: Vec::new(),
            prev_statement: None,
            last_statement: "",
            statement_block: false,
        }
    }

    /// Hands the finished commands to the sink, when reading as a stream.
    fn flush(&mut self) {
        if let Some(sink) = self.sink.as_mut() {
            for c in self.commands.drain(..) {
                sink(c);
            }
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

    /// The syntax errors first, then the errors of pwsh's semantic checks (see `late`).
    fn finish(&mut self) {
        self.diags.append(&mut self.late);
    }

    /// An error pwsh's semantic checks find once the whole script is parsed (see `late`).
    fn late_error(&mut self, code: &'static str, off: usize, message: String, help: &str) {
        self.report(Severity::Error, code, off, message, help);
        if let Some(d) = self.diags.pop() {
            self.late.push(d);
        }
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
            LexError::InvalidDriveVariable(off) => self.error(
                "invalid-variable-reference",
                off,
                "a variable name is followed by : but no name comes after it, so PowerShell reads a scope or drive",
                "delimit the name with braces, ${name}:, or use $($name):",
            ),
            LexError::UnterminatedComment(off) => self.error(
                "unterminated-comment",
                off,
                "the block comment <# starting here has no closing #>",
                "add #> where the comment ends",
            ),
        }
    }

    /// Records a construct Windows PowerShell 5.1 cannot parse (PowerShell 7 syntax, which pwsh
    /// 7.6 parses) as a note with the code [`NEEDS_POWERSHELL_7`]; `validate` makes it a warning
    /// when the script must run in Windows PowerShell (the Exchange Management Shell) and drops
    /// it otherwise (see `validate::script::windows_powershell`).
    fn powershell_7(&mut self, at: usize, construct: &str, help: &str) {
        self.report(
            Severity::Note,
            NEEDS_POWERSHELL_7,
            at,
            format!("{construct} is PowerShell 7 syntax: Windows PowerShell 5.1 cannot parse it"),
            help,
        );
    }

    /// A missing closer of a statement list: a `{` is reported where it opens (pwsh's
    /// `MissingEndCurlyBrace`), a `$(`, `@(` or `(` at the token found instead, as pwsh does,
    /// with the opener named in the message.
    fn missing_closer_at(&mut self, closer: char, open: usize) {
        if closer != ')' {
            return self.missing_closer(closer, open);
        }
        let at = self.cur.pos;
        let opened = self.position(open);
        self.error(
            "missing-closing-delimiter",
            at,
            format!("missing ) here: the ( at line {}, column {} is not closed", opened.line, opened.column),
            "add the closing parenthesis",
        );
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
        if self.cur.pos != self.skipped_to {
            self.last_end = self.cur.pos;
        }
        self.skip_ws_inner();
        self.skipped_to = self.cur.pos;
    }

    fn skip_ws_inner(&mut self) {
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
                Some(b';') if semis => {
                    self.cur.pos += 1;
                    // A `;` is a token: what is missing after it is reported after it.
                    self.last_end = self.cur.pos;
                }
                _ => return,
            }
            self.skipped_to = self.cur.pos;
        }
    }

    /// At a character that ends a statement or pipeline element.
    fn at_terminator(&self) -> bool {
        matches!(self.cur.peek(), None | Some('\n' | '\r' | ';' | ')' | '}' | '|' | '&'))
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
