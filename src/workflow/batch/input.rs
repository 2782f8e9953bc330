//! Reading the mailbox list for `mbxctl convert --from FILE|-`.
//!
//! Admins hand us whatever their tools wrote: an Excel "CSV" (UTF-8 with or without BOM, or the
//! ANSI code page, comma or semicolon depending on the regional list separator), PowerShell's
//! `Export-Csv` (a `#TYPE` line in Windows PowerShell 5.1, UTF-16 with `-Encoding Unicode`), a
//! plain list of addresses one per line, `ConvertTo-Json` output (5.1 quirks included) or
//! `Export-Clixml`. Everything is decoded once into text and mapped onto the same columns, and
//! every row that cannot be used is reported with its data row, physical line and column, so
//! the admin can fix the file without guessing.
//!
//! Lists inside a field (FullAccess, SendAs, SendOnBehalf) are split on `;`, `|` or line breaks
//! when the field contains any of those, else on `,`. CSV quoting keeps the field intact, so
//! `"a@x;b@x"` works in a semicolon-delimited file; an *unquoted* `;` in a semicolon file splits
//! the row instead and is reported as a row with too many fields. Display names with a comma
//! (`Doe, John`) survive when the list uses `;` or `|`.
//!
//! A value starting with `#` at the start of a CSV line is a comment (`#TYPE`), so an identity
//! cannot begin with `#` in CSV input.

use crate::cmdlet::Severity;
use crate::psobject::PsValue;
use serde::Serialize;
use std::collections::HashMap;

/// What a mailbox is converted to (`Set-Mailbox -Type`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, serde::Deserialize)]
pub enum Target {
    /// A shared mailbox.
    Shared,
    /// A regular user mailbox.
    Regular,
}

impl Target {
    /// Exchange's name for the value (`Shared`, `Regular`).
    pub fn as_str(self) -> &'static str {
        match self {
            Target::Shared => "Shared",
            Target::Regular => "Regular",
        }
    }

    /// The other direction, for rollback.
    pub fn opposite(self) -> Target {
        match self {
            Target::Shared => Target::Regular,
            Target::Regular => Target::Shared,
        }
    }

    /// Reads the spellings admins use; `None` when the text is none of them.
    pub fn parse(text: &str) -> Option<Target> {
        match norm(text).as_str() {
            "shared" | "sharedmailbox" => Some(Target::Shared),
            "regular" | "user" | "usermailbox" => Some(Target::Regular),
            _ => None,
        }
    }
}

impl std::fmt::Display for Target {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Values a row takes when its file has no such column or leaves the cell empty (from the
/// command line, e.g. `--to shared`).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RowDefaults {
    /// The target when the row names none. `None` makes a row without a target an error.
    pub target: Option<Target>,
    /// AutoMapping for FullAccess grants when the row says nothing.
    pub auto_mapping: Option<bool>,
    /// ResetPasswordOnNextLogon (converting back to Regular) when the row says nothing.
    pub reset_password_on_next_logon: Option<bool>,
}

/// One mailbox to convert, as read from the file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, serde::Deserialize)]
pub struct BatchItem {
    /// 1-based data row (the header and comment lines are not counted).
    pub row: usize,
    /// 1-based physical line where the row starts.
    pub line: usize,
    /// The mailbox identity, trimmed.
    pub identity: String,
    /// What to convert it to.
    pub target: Target,
    /// Trustees to grant FullAccess.
    pub full_access: Vec<String>,
    /// Trustees to grant Send As.
    pub send_as: Vec<String>,
    /// Trustees to add to GrantSendOnBehalfTo.
    pub send_on_behalf: Vec<String>,
    /// `-AutoMapping` for the FullAccess grants.
    pub auto_mapping: Option<bool>,
    /// `-ResetPasswordOnNextLogon` when converting to Regular.
    pub reset_password_on_next_logon: Option<bool>,
    /// Free text carried into the journal and reports.
    pub comment: Option<String>,
    /// The column the identity came from, as spelled in the file (for problems found later,
    /// such as a mailbox that does not exist).
    #[serde(default)]
    pub identity_column: Option<String>,
}

/// A row (or the file) that could not be used as is.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RowProblem {
    /// 1-based data row; 0 for the file or its header.
    pub row: usize,
    /// 1-based physical line; 0 when unknown (a CLIXML object).
    pub line: usize,
    /// The column at fault, as spelled in the file.
    pub column: Option<String>,
    /// `Error` rows are left out of `items`; the caller may refuse the whole batch.
    pub severity: Severity,
    /// A stable kebab-case code (`empty-identity`, `duplicate-identity`, ...).
    pub code: &'static str,
    /// What is wrong and what to do.
    pub message: String,
}

/// The result of reading a batch file.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct BatchInput {
    /// Usable rows, in file order. Rows with an error-level problem are not here.
    pub items: Vec<BatchItem>,
    /// Everything noticed, in file order.
    pub problems: Vec<RowProblem>,
    /// Which format was recognised.
    pub format: InputFormat,
}

impl BatchInput {
    /// Whether any problem is an error (strict mode refuses the whole batch then).
    pub fn has_errors(&self) -> bool {
        self.problems.iter().any(|p| p.severity == Severity::Error)
    }
}

/// The recognised input format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum InputFormat {
    /// Delimited text with a header.
    #[default]
    Csv,
    /// One identity per line.
    PlainList,
    /// `ConvertTo-Json` output.
    Json,
    /// `Export-Clixml` output.
    Clixml,
}

/// A key that identifies a mailbox after resolution (its ExchangeGuid, say), so that an alias
/// and an address of the same mailbox are caught as duplicates.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct ResolvedKey(pub String);

impl From<uuid::Uuid> for ResolvedKey {
    fn from(g: uuid::Uuid) -> Self {
        ResolvedKey(g.to_string())
    }
}

/// Finds rows that name the same mailbox in different words, once each row is resolved. Every
/// occurrence after the first is reported as an error naming the first; rows the resolver
/// cannot resolve (`None`) are ignored here (the caller reports them).
pub fn find_duplicates_resolved(
    items: &[BatchItem],
    resolve: impl Fn(&BatchItem) -> Option<ResolvedKey>,
) -> Vec<RowProblem> {
    let mut seen: HashMap<ResolvedKey, &BatchItem> = HashMap::new();
    let mut problems = Vec::new();
    for item in items {
        let Some(key) = resolve(item) else { continue };
        match seen.get(&key) {
            Some(first) => problems.push(RowProblem {
                row: item.row,
                line: item.line,
                column: None,
                severity: Severity::Error,
                code: "duplicate-mailbox",
                message: format!(
                    "'{}' is the same mailbox as '{}' on row {} (line {}); keep one of the two rows",
                    item.identity, first.identity, first.row, first.line
                ),
            }),
            None => {
                seen.insert(key, item);
            }
        }
    }
    problems
}

/// Reads a batch file of any supported format. Never fails: what cannot be read is a problem
/// (row 0 for the whole file).
pub fn read_batch(bytes: &[u8], source_name: &str, defaults: &RowDefaults) -> BatchInput {
    let mut out = BatchInput::default();
    let text = match decode(bytes) {
        Ok((text, note)) => {
            if let Some(message) = note {
                out.problems.push(file_problem(Severity::Warning, "encoding-guessed", message));
            }
            text
        }
        Err(message) => {
            out.problems.push(file_problem(Severity::Error, "undecodable", format!("{source_name}: {message}")));
            return out;
        }
    };
    let head = text.trim_start_matches(|c: char| c.is_whitespace());
    let mut rows = Rows::new(defaults);
    if head.starts_with("<?xml") || head.starts_with("<Objs") {
        out.format = InputFormat::Clixml;
        read_clixml(&text, source_name, &mut rows);
    } else if head.starts_with('[') || head.starts_with('{') {
        out.format = InputFormat::Json;
        read_json(&text, source_name, &mut rows);
    } else {
        out.format = read_delimited(&text, source_name, &mut rows);
    }
    out.items = rows.items;
    out.problems.extend(rows.problems);
    out
}

fn file_problem(severity: Severity, code: &'static str, message: String) -> RowProblem {
    RowProblem { row: 0, line: 0, column: None, severity, code, message }
}

// ---------------------------------------------------------------------------------------------
// Decoding

/// Decodes by BOM (UTF-8, UTF-16 LE/BE); without one, UTF-8, then UTF-16 guessed from NUL
/// bytes, then Windows-1252 (what Excel's "CSV (Comma delimited)" writes on western systems).
fn decode(bytes: &[u8]) -> Result<(String, Option<String>), String> {
    if crate::textio::has_bom(bytes) {
        return crate::textio::decode(bytes).map(|s| (s, None)).map_err(|e| e.to_string());
    }
    if let Ok(s) = std::str::from_utf8(bytes)
        && !s.contains('\0')
    {
        return Ok((s.to_string(), None));
    }
    // UTF-16 without BOM: ASCII text has every other byte NUL.
    if bytes.len() >= 2 && bytes.len().is_multiple_of(2) {
        let nul_odd = bytes.iter().skip(1).step_by(2).filter(|b| **b == 0).count();
        let nul_even = bytes.iter().step_by(2).filter(|b| **b == 0).count();
        let half = bytes.len() / 2;
        if nul_odd * 2 > half && nul_even == 0 {
            return crate::textio::decode_utf16(bytes, true)
                .map(|s| (s, Some("no byte-order mark; read as UTF-16 LE".to_string())))
                .map_err(|e| e.to_string());
        }
        if nul_even * 2 > half && nul_odd == 0 {
            return crate::textio::decode_utf16(bytes, false)
                .map(|s| (s, Some("no byte-order mark; read as UTF-16 BE".to_string())))
                .map_err(|e| e.to_string());
        }
    }
    if bytes.contains(&0) {
        return Err("contains NUL bytes and is not UTF-16; save it as CSV UTF-8".into());
    }
    Ok((
        bytes.iter().map(|&b| windows_1252(b)).collect(),
        Some(
            "not valid UTF-8; read as Windows-1252 (Excel's ANSI CSV). Save as \"CSV UTF-8\" to be sure of accents"
                .into(),
        ),
    ))
}

fn windows_1252(b: u8) -> char {
    const HIGH: [char; 32] = [
        '€', '\u{81}', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '\u{8D}', 'Ž', '\u{8F}', '\u{90}', '‘',
        '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', '\u{9D}', 'ž', 'Ÿ',
    ];
    match b {
        0x80..=0x9F => HIGH[(b - 0x80) as usize],
        _ => b as char,
    }
}

// ---------------------------------------------------------------------------------------------
// Columns

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Column {
    /// An identity column; the number is its priority (lower wins when several are present).
    Identity(u8),
    Target,
    FullAccess,
    SendAs,
    SendOnBehalf,
    AutoMapping,
    ResetPassword,
    Comment,
}

const SLOTS: usize = 7;

impl Column {
    fn slot(self) -> usize {
        match self {
            Column::Identity(_) => usize::MAX,
            Column::Target => 0,
            Column::FullAccess => 1,
            Column::SendAs => 2,
            Column::SendOnBehalf => 3,
            Column::AutoMapping => 4,
            Column::ResetPassword => 5,
            Column::Comment => 6,
        }
    }
}

/// Lower-cases and drops spaces, dashes and underscores (`Full Access` = `full_access` = `FullAccess`).
fn norm(s: &str) -> String {
    s.trim().chars().filter(|c| !matches!(c, ' ' | '-' | '_')).flat_map(char::to_lowercase).collect()
}

fn column_for(header: &str) -> Option<Column> {
    Some(match norm(header).as_str() {
        "identity" => Column::Identity(0),
        "primarysmtpaddress" => Column::Identity(1),
        "userprincipalname" | "upn" => Column::Identity(2),
        "alias" => Column::Identity(3),
        "mailbox" => Column::Identity(4),
        "email" | "emailaddress" | "mail" | "smtpaddress" | "windowsemailaddress" => Column::Identity(5),
        "target" | "type" | "to" | "targettype" | "convertto" => Column::Target,
        "fullaccess" | "fullaccessusers" | "fullaccesstrustees" => Column::FullAccess,
        "sendas" | "sendasusers" | "sendastrustees" => Column::SendAs,
        "sendonbehalf" | "sendonbehalfto" | "sendonbehalfusers" => Column::SendOnBehalf,
        "automapping" => Column::AutoMapping,
        "resetpasswordonnextlogon" | "resetpassword" => Column::ResetPassword,
        "comment" | "comments" | "note" | "notes" => Column::Comment,
        _ => return None,
    })
}

/// A cell value before interpretation: text from CSV, typed values from JSON or CLIXML.
#[derive(Debug, Clone, PartialEq)]
enum Cell {
    Text(String),
    List(Vec<String>),
    Bool(bool),
    Number(f64),
}

/// One row, mapped onto columns: identity candidates (priority, column name, value) and the
/// other columns by slot (column name, value).
#[derive(Default)]
struct RawRow {
    row: usize,
    line: usize,
    identities: Vec<(u8, String, Cell)>,
    slots: [Option<(String, Cell)>; SLOTS],
}

impl RawRow {
    fn put(&mut self, column: Column, name: &str, cell: Cell) {
        match column {
            Column::Identity(p) => self.identities.push((p, name.to_string(), cell)),
            other => self.slots[other.slot()] = Some((name.to_string(), cell)),
        }
    }
}

/// Collects items and problems, and checks duplicates as rows arrive.
struct Rows<'d> {
    defaults: &'d RowDefaults,
    items: Vec<BatchItem>,
    problems: Vec<RowProblem>,
    seen: HashMap<String, (usize, usize)>,
    errors: usize,
}

impl<'d> Rows<'d> {
    fn new(defaults: &'d RowDefaults) -> Self {
        Rows { defaults, items: Vec::new(), problems: Vec::new(), seen: HashMap::new(), errors: 0 }
    }

    fn problem(
        &mut self,
        row: usize,
        line: usize,
        column: Option<&str>,
        severity: Severity,
        code: &'static str,
        message: String,
    ) {
        if severity == Severity::Error {
            self.errors += 1;
        }
        self.problems.push(RowProblem { row, line, column: column.map(str::to_string), severity, code, message });
    }

    /// Turns a mapped row into an item, or reports why not.
    fn push(&mut self, mut raw: RawRow) {
        let (row, line) = (raw.row, raw.line);
        let errors_before = self.error_count();

        // Identity: the highest-priority column that has a value.
        raw.identities.sort_by_key(|(p, _, _)| *p);
        let mut identity = None;
        let mut identity_column = raw.identities.first().map(|(_, n, _)| n.clone());
        for (_, name, cell) in &raw.identities {
            if let Some(text) = self.scalar_text(row, line, name, cell)
                && !text.is_empty()
            {
                identity = Some(text);
                identity_column = Some(name.clone());
                break;
            }
        }
        let identity = match identity {
            Some(id) => {
                self.check_text(row, line, identity_column.as_deref(), &id, false);
                id
            }
            None => {
                let col = identity_column.clone().unwrap_or_else(|| "Identity".into());
                self.problem(
                    row,
                    line,
                    Some(&col),
                    Severity::Error,
                    "empty-identity",
                    format!("row {row} has no mailbox identity in column '{col}'; fill it in or delete the row"),
                );
                String::new()
            }
        };

        let target = match raw.slots[Column::Target.slot()].take() {
            Some((name, cell)) => match self.scalar_text(row, line, &name, &cell) {
                Some(t) if t.is_empty() => self.default_target(row, line, Some(&name)),
                Some(t) => match Target::parse(&t) {
                    Some(target) => Some(target),
                    None => {
                        self.problem(
                            row,
                            line,
                            Some(&name),
                            Severity::Error,
                            "invalid-target",
                            format!("'{t}' is not a valid target; valid values: Shared, Regular"),
                        );
                        None
                    }
                },
                None => None,
            },
            None => self.default_target(row, line, None),
        };

        let mut lists: [Vec<String>; 3] = Default::default();
        for (i, column) in [Column::FullAccess, Column::SendAs, Column::SendOnBehalf].into_iter().enumerate() {
            if let Some((name, cell)) = raw.slots[column.slot()].take() {
                lists[i] = self.list(row, line, &name, cell);
            }
        }
        let auto_mapping = match raw.slots[Column::AutoMapping.slot()].take() {
            Some((name, cell)) => self.boolean(row, line, &name, &cell).or(self.defaults.auto_mapping),
            None => self.defaults.auto_mapping,
        };
        let reset = match raw.slots[Column::ResetPassword.slot()].take() {
            Some((name, cell)) => self.boolean(row, line, &name, &cell).or(self.defaults.reset_password_on_next_logon),
            None => self.defaults.reset_password_on_next_logon,
        };
        let comment = match raw.slots[Column::Comment.slot()].take() {
            Some((name, cell)) => match self.scalar_text(row, line, &name, &cell) {
                Some(c) if !c.is_empty() => {
                    self.check_text(row, line, Some(&name), &c, true);
                    Some(unwrap_ms_date(&c))
                }
                _ => None,
            },
            None => None,
        };

        if !identity.is_empty() {
            let key = identity.to_lowercase();
            if let Some(&(first_row, first_line)) = self.seen.get(&key) {
                self.problem(
                    row,
                    line,
                    identity_column.as_deref(),
                    Severity::Error,
                    "duplicate-identity",
                    format!(
                        "'{identity}' already appears on row {first_row} (line {first_line}); each mailbox may appear once"
                    ),
                );
            } else {
                self.seen.insert(key, (row, line));
            }
        }

        if self.error_count() > errors_before {
            return;
        }
        let Some(target) = target else { return };
        let [full_access, send_as, send_on_behalf] = lists;
        self.items.push(BatchItem {
            row,
            line,
            identity,
            target,
            full_access,
            send_as,
            send_on_behalf,
            auto_mapping,
            reset_password_on_next_logon: reset,
            comment,
            identity_column,
        });
    }

    fn error_count(&self) -> usize {
        self.errors
    }

    fn default_target(&mut self, row: usize, line: usize, column: Option<&str>) -> Option<Target> {
        if self.defaults.target.is_none() {
            self.problem(
                row,
                line,
                column,
                Severity::Error,
                "missing-target",
                format!("row {row} does not say what to convert to; fill in Shared or Regular, or pass --to"),
            );
        }
        self.defaults.target
    }

    /// The trimmed text of a single-valued cell; a list or other shape is an error.
    fn scalar_text(&mut self, row: usize, line: usize, column: &str, cell: &Cell) -> Option<String> {
        match cell {
            Cell::Text(t) => Some(t.trim().to_string()),
            Cell::Bool(b) => Some(b.to_string()),
            Cell::Number(n) => Some(n.to_string()),
            Cell::List(items) if items.len() == 1 => Some(items[0].trim().to_string()),
            Cell::List(items) if items.is_empty() => Some(String::new()),
            Cell::List(items) => {
                self.problem(
                    row,
                    line,
                    Some(column),
                    Severity::Error,
                    "unexpected-list",
                    format!("column '{column}' holds {} values where one is expected", items.len()),
                );
                None
            }
        }
    }

    fn boolean(&mut self, row: usize, line: usize, column: &str, cell: &Cell) -> Option<bool> {
        let text = match cell {
            Cell::Bool(b) => return Some(*b),
            Cell::Number(n) if *n == 0.0 => return Some(false),
            Cell::Number(n) if *n == 1.0 => return Some(true),
            other => self.scalar_text(row, line, column, other)?,
        };
        match text.to_ascii_lowercase().as_str() {
            "" => None,
            "true" | "$true" | "yes" | "y" | "1" => Some(true),
            "false" | "$false" | "no" | "n" | "0" => Some(false),
            _ => {
                self.problem(
                    row,
                    line,
                    Some(column),
                    Severity::Error,
                    "invalid-boolean",
                    format!("'{text}' is not a yes/no value; use true, false, yes, no, 1 or 0"),
                );
                None
            }
        }
    }

    fn list(&mut self, row: usize, line: usize, column: &str, cell: Cell) -> Vec<String> {
        let values: Vec<String> = match cell {
            Cell::List(v) => v.into_iter().flat_map(|s| split_list(&s)).collect(),
            Cell::Text(t) => split_list(&t),
            Cell::Bool(_) | Cell::Number(_) => {
                self.problem(
                    row,
                    line,
                    Some(column),
                    Severity::Error,
                    "invalid-list",
                    format!("column '{column}' must list trustees (addresses or aliases)"),
                );
                return Vec::new();
            }
        };
        for v in &values {
            if v.starts_with("System.") || v.starts_with("Microsoft.Exchange.Data.") {
                self.problem(
                    row,
                    line,
                    Some(column),
                    Severity::Error,
                    "type-name-not-values",
                    format!(
                        "column '{column}' holds the .NET type name '{v}' instead of values; the export flattened a \
                         list (use @{{n='{column}';e={{$_.{column} -join ';'}}}} before Export-Csv)"
                    ),
                );
                return Vec::new();
            }
            self.check_text(row, line, Some(column), v, false);
        }
        values
    }

    /// Control characters and invisible formatting characters make identities that look right
    /// but match nothing (or something else); refuse them.
    fn check_text(&mut self, row: usize, line: usize, column: Option<&str>, text: &str, multiline_ok: bool) {
        let bad = text.chars().find(|&c| {
            let allowed = multiline_ok && matches!(c, '\n' | '\r' | '\t');
            (!allowed && c.is_control())
                || matches!(c, '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{FEFF}')
        });
        if let Some(c) = bad {
            let col = column.unwrap_or("Identity");
            self.problem(
                row,
                line,
                column,
                Severity::Error,
                "control-character",
                format!("column '{col}' contains the invisible character U+{:04X}; retype the value", c as u32),
            );
        }
    }
}

/// Splits a list field: on `;`, `|` and line breaks when any is present, else on `,`.
fn split_list(s: &str) -> Vec<String> {
    let strong = |c: char| matches!(c, ';' | '|' | '\n' | '\r');
    let parts: Vec<&str> = if s.contains(strong) { s.split(strong).collect() } else { s.split(',').collect() };
    parts.into_iter().map(str::trim).filter(|p| !p.is_empty()).map(str::to_string).collect()
}

/// Windows PowerShell 5.1 writes dates as `/Date(ms)/` (after JSON unescaping); show them as
/// ISO 8601 UTC instead.
fn unwrap_ms_date(s: &str) -> String {
    let Some(inner) = s.strip_prefix("/Date(").and_then(|r| r.strip_suffix(")/")) else { return s.to_string() };
    let digits = inner.find(|c: char| c == '+' || (c == '-' && !inner.starts_with('-'))).map_or(inner, |i| &inner[..i]);
    match digits.parse::<i64>() {
        Ok(ms) => super::journal::format_utc_millis(ms),
        Err(_) => s.to_string(),
    }
}

// ---------------------------------------------------------------------------------------------
// Delimited text and plain lists

/// Finds the delimiter on the header line: the most frequent unquoted `,` `;` or TAB.
fn detect_delimiter(line: &str) -> Option<u8> {
    let mut counts = [0usize; 3];
    let mut quoted = false;
    for c in line.chars() {
        match c {
            '"' => quoted = !quoted,
            ',' if !quoted => counts[0] += 1,
            ';' if !quoted => counts[1] += 1,
            '\t' if !quoted => counts[2] += 1,
            _ => {}
        }
    }
    let (i, n) = counts.iter().enumerate().max_by_key(|(i, n)| (**n, std::cmp::Reverse(*i)))?;
    (*n > 0).then_some([b',', b';', b'\t'][i])
}

fn read_delimited(text: &str, source: &str, rows: &mut Rows<'_>) -> InputFormat {
    // Skip leading comment (`#TYPE ...`) and blank lines, and Excel's `sep=;` hint.
    let mut offset = 0;
    let mut line_no = 1;
    let mut forced_delimiter = None;
    let mut header_line = None;
    while offset < text.len() {
        let end = text[offset..].find('\n').map_or(text.len(), |i| offset + i + 1);
        let line = text[offset..end].trim_end_matches(['\r', '\n']);
        if line.trim().is_empty() || line.starts_with('#') {
        } else if let Some(sep) = line.strip_prefix("sep=").filter(|s| s.len() == 1) {
            forced_delimiter = sep.bytes().next();
        } else {
            header_line = Some(line);
            break;
        }
        offset = end;
        line_no += 1;
    }
    let Some(header_text) = header_line else {
        rows.problem(0, 0, None, Severity::Error, "empty-input", format!("{source} lists no mailboxes"));
        return InputFormat::Csv;
    };
    let body = &text[offset..];
    let delimiter = forced_delimiter.or_else(|| detect_delimiter(header_text));

    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .comment(Some(b'#'))
        .delimiter(delimiter.unwrap_or(b','))
        .from_reader(body.as_bytes());
    let mut record = csv::StringRecord::new();
    let mut lines = LineCounter { text: body, offset: 0, line: line_no };

    // The header decides between a real CSV and a plain list.
    let header: Vec<String> = match delimiter {
        Some(_) => match reader.read_record(&mut record) {
            Ok(_) => record.iter().map(|s| s.trim().to_string()).collect(),
            Err(e) => {
                rows.problem(0, line_no, None, Severity::Error, "bad-header", format!("cannot read the header: {e}"));
                return InputFormat::Csv;
            }
        },
        None => vec![unquote(header_text.trim()).to_string()],
    };
    let columns: Vec<Option<Column>> = header.iter().map(|h| column_for(h)).collect();
    if columns.iter().all(Option::is_none) {
        read_plain_list(body, line_no, rows);
        return InputFormat::PlainList;
    }
    if delimiter.is_none() {
        // A one-column file with a known header: re-read it as CSV so quotes are handled.
        reader = csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .comment(Some(b'#'))
            .delimiter(b'\x1F')
            .from_reader(body.as_bytes());
        let _ = reader.read_record(&mut record);
    }
    header_problems(&header, &columns, line_no, rows);
    if !columns.iter().any(|c| matches!(c, Some(Column::Identity(_)))) {
        rows.problem(
            0,
            line_no,
            None,
            Severity::Error,
            "no-identity-column",
            "the header has no identity column; name one Identity, PrimarySmtpAddress, UserPrincipalName, Alias, \
             Mailbox or Email"
                .into(),
        );
        return InputFormat::Csv;
    }

    let mut row = 0;
    loop {
        match reader.read_record(&mut record) {
            Ok(false) => break,
            Ok(true) => {
                row += 1;
                let line = record.position().map_or(0, |p| lines.line_at(p.byte() as usize));
                if record.iter().all(|f| f.trim().is_empty()) {
                    continue;
                }
                if record.len() > header.len() && record.iter().skip(header.len()).any(|f| !f.trim().is_empty()) {
                    rows.problem(
                        row,
                        line,
                        None,
                        Severity::Error,
                        "too-many-fields",
                        format!(
                            "row {row} has {} fields but the header has {}; quote values that contain '{}' or \
                             separate list entries with '|'",
                            record.len(),
                            header.len(),
                            delimiter.map_or(',', char::from)
                        ),
                    );
                    continue;
                }
                let mut raw = RawRow { row, line, ..Default::default() };
                for (i, field) in record.iter().enumerate().take(header.len()) {
                    if let Some(column) = columns[i] {
                        raw.put(column, &header[i], Cell::Text(field.to_string()));
                    }
                }
                rows.push(raw);
            }
            Err(e) => {
                row += 1;
                let line = e.position().map_or(0, |p| lines.line_at(p.byte() as usize));
                rows.problem(row, line, None, Severity::Error, "bad-row", format!("cannot read row {row}: {e}"));
                if matches!(e.kind(), csv::ErrorKind::Io(_)) {
                    break;
                }
            }
        }
    }
    InputFormat::Csv
}

/// Physical line numbers from byte offsets, counted incrementally (offsets only grow). The csv
/// crate's own line count is one short after CRLF line ends, so count newlines ourselves; a
/// record's offset may point at the line end of the previous record or at comment lines before
/// it, which are skipped.
struct LineCounter<'a> {
    text: &'a str,
    offset: usize,
    line: usize,
}

impl LineCounter<'_> {
    fn line_at(&mut self, mut offset: usize) -> usize {
        let bytes = self.text.as_bytes();
        // Skip line ends, blank lines and comment lines the reader passed over.
        loop {
            while offset < bytes.len() && matches!(bytes[offset], b'\r' | b'\n') {
                offset += 1;
            }
            if bytes.get(offset) != Some(&b'#') {
                break;
            }
            offset = bytes[offset..].iter().position(|b| *b == b'\n').map_or(bytes.len(), |i| offset + i);
        }
        let offset = offset.min(bytes.len());
        if offset >= self.offset {
            self.line += bytes[self.offset..offset].iter().filter(|b| **b == b'\n').count();
            self.offset = offset;
        }
        self.line
    }
}

fn unquote(s: &str) -> &str {
    s.strip_prefix('"').and_then(|r| r.strip_suffix('"')).unwrap_or(s)
}

/// Unknown columns are notes (exports carry dozens); a second identity column is a note too,
/// saying which one is used.
fn header_problems(header: &[String], columns: &[Option<Column>], line: usize, rows: &mut Rows<'_>) {
    let best = columns.iter().filter_map(|c| if let Some(Column::Identity(p)) = c { Some(*p) } else { None }).min();
    let mut seen_slots = [false; SLOTS];
    for (name, column) in header.iter().zip(columns) {
        match column {
            None => rows.problem(
                0,
                line,
                Some(name),
                Severity::Note,
                "unknown-column",
                format!("column '{name}' is not used by mbxctl and is ignored"),
            ),
            Some(Column::Identity(p)) if Some(*p) != best => rows.problem(
                0,
                line,
                Some(name),
                Severity::Note,
                "fallback-identity-column",
                format!("column '{name}' is used only on rows where the preferred identity column is empty"),
            ),
            Some(Column::Identity(_)) => {}
            Some(other) => {
                let slot = other.slot();
                if seen_slots[slot] {
                    rows.problem(
                        0,
                        line,
                        Some(name),
                        Severity::Warning,
                        "repeated-column",
                        format!("column '{name}' repeats an earlier column with the same meaning; the last one wins"),
                    );
                }
                seen_slots[slot] = true;
            }
        }
    }
}

fn read_plain_list(body: &str, first_line: usize, rows: &mut Rows<'_>) {
    rows.problem(
        0,
        first_line,
        None,
        Severity::Note,
        "plain-list",
        "no header row recognised; each line is read as one mailbox identity".into(),
    );
    let mut row = 0;
    for (i, line) in body.split('\n').enumerate() {
        let text = line.trim_end_matches('\r');
        if text.trim().is_empty() || text.starts_with('#') {
            continue;
        }
        row += 1;
        let mut raw = RawRow { row, line: first_line + i, ..Default::default() };
        raw.put(Column::Identity(0), "Identity", Cell::Text(unquote(text.trim()).to_string()));
        rows.push(raw);
    }
}

// ---------------------------------------------------------------------------------------------
// JSON

fn line_at(text: &str, offset: usize) -> usize {
    1 + text.as_bytes()[..offset].iter().filter(|b| **b == b'\n').count()
}

fn read_json(text: &str, source: &str, rows: &mut Rows<'_>) {
    let start = text.len() - text.trim_start().len();
    if text[start..].starts_with('{') {
        // A single object, or 5.1's `{"value": [...], "Count": n}` wrapper.
        match serde_json::from_str::<serde_json::Value>(text) {
            Ok(serde_json::Value::Object(map)) => {
                let value = map.iter().find(|(k, _)| k.eq_ignore_ascii_case("value")).map(|(_, v)| v);
                if let (Some(serde_json::Value::Array(items)), true) = (value, map.len() <= 2) {
                    // Lines are not recoverable inside the wrapper cheaply; rows are exact.
                    for (i, v) in items.iter().enumerate() {
                        json_row(i + 1, 0, v, rows);
                    }
                } else {
                    json_row(1, line_at(text, start), &serde_json::Value::Object(map), rows);
                }
            }
            Ok(_) => unreachable_shape(rows, source),
            Err(e) => {
                rows.problem(0, e.line(), None, Severity::Error, "bad-json", format!("{source} is not valid JSON: {e}"))
            }
        }
        return;
    }
    // An array: walk it element by element so each row knows its line.
    let mut pos = start + 1;
    let mut row = 0;
    let bytes = text.as_bytes();
    loop {
        while pos < bytes.len() && bytes[pos].is_ascii_whitespace() {
            pos += 1;
        }
        if pos >= bytes.len() {
            rows.problem(
                0,
                line_at(text, pos),
                None,
                Severity::Error,
                "bad-json",
                format!("{source}: the JSON array is not closed"),
            );
            return;
        }
        if bytes[pos] == b']' {
            return;
        }
        row += 1;
        let line = line_at(text, pos);
        let mut stream = serde_json::Deserializer::from_str(&text[pos..]).into_iter::<serde_json::Value>();
        match stream.next() {
            Some(Ok(v)) => {
                pos += stream.byte_offset();
                json_row(row, line, &v, rows);
            }
            Some(Err(e)) => {
                rows.problem(
                    row,
                    line + e.line() - 1,
                    None,
                    Severity::Error,
                    "bad-json",
                    format!("{source}: element {row} is not valid JSON: {e}"),
                );
                return;
            }
            None => return,
        }
        while pos < bytes.len() && bytes[pos].is_ascii_whitespace() {
            pos += 1;
        }
        match bytes.get(pos) {
            Some(b',') => pos += 1,
            Some(b']') => return,
            _ => {
                rows.problem(
                    row,
                    line_at(text, pos.min(bytes.len())),
                    None,
                    Severity::Error,
                    "bad-json",
                    format!("{source}: expected ',' or ']' after element {row}"),
                );
                return;
            }
        }
    }
}

fn unreachable_shape(rows: &mut Rows<'_>, source: &str) {
    rows.problem(
        0,
        1,
        None,
        Severity::Error,
        "bad-json",
        format!("{source}: expected a JSON object or array of objects"),
    );
}

fn json_row(row: usize, line: usize, v: &serde_json::Value, rows: &mut Rows<'_>) {
    let mut raw = RawRow { row, line, ..Default::default() };
    match v {
        serde_json::Value::Object(map) => {
            for (key, value) in map {
                let Some(column) = column_for(key) else { continue };
                if let Some(cell) = json_cell(value) {
                    raw.put(column, key, cell);
                }
            }
        }
        serde_json::Value::String(s) => raw.put(Column::Identity(0), "Identity", Cell::Text(s.clone())),
        _ => {
            rows.problem(row, line, None, Severity::Error, "bad-json", format!("element {row} is not an object"));
            return;
        }
    }
    rows.push(raw);
}

/// Maps a JSON value to a cell. 5.1 serializes rich values (an SmtpAddress, an ADObjectId) as
/// objects at depth 2: take their address or distinguished name.
fn json_cell(v: &serde_json::Value) -> Option<Cell> {
    use serde_json::Value as J;
    Some(match v {
        J::Null => return None,
        J::Bool(b) => Cell::Bool(*b),
        J::Number(n) => Cell::Number(n.as_f64().unwrap_or(f64::NAN)),
        J::String(s) => Cell::Text(s.clone()),
        J::Array(items) => Cell::List(items.iter().filter_map(json_cell).filter_map(|c| cell_text(&c)).collect()),
        J::Object(map) => {
            let pick = ["Address", "PrimarySmtpAddress", "DistinguishedName", "Name"]
                .iter()
                .find_map(|k| map.iter().find(|(key, _)| key.eq_ignore_ascii_case(k)).and_then(|(_, v)| v.as_str()));
            Cell::Text(pick?.to_string())
        }
    })
}

fn cell_text(c: &Cell) -> Option<String> {
    match c {
        Cell::Text(s) => Some(s.clone()),
        _ => None,
    }
}

// ---------------------------------------------------------------------------------------------
// CLIXML

/// `Get-Mailbox | Export-Clixml` (or any objects with identity-like properties, or plain
/// strings). Objects have no line of their own; `line` is 0 and `row` is the object's index.
fn read_clixml(text: &str, source: &str, rows: &mut Rows<'_>) {
    use crate::protocol::clixml::{Limits, from_document};
    let values = match from_document(text, &Limits::default()) {
        Ok(v) => v,
        Err(e) => {
            rows.problem(0, 0, None, Severity::Error, "bad-clixml", format!("{source} is not readable CLIXML: {e}"));
            return;
        }
    };
    let mut unknown: Vec<String> = Vec::new();
    for (i, value) in values.iter().enumerate() {
        let row = i + 1;
        let mut raw = RawRow { row, line: 0, ..Default::default() };
        match value {
            PsValue::Object(obj) if obj.container.is_none() || !obj.extended.is_empty() || !obj.adapted.is_empty() => {
                for p in obj.properties() {
                    match column_for(&p.name) {
                        Some(column) => {
                            if let Some(cell) = ps_cell(&p.value) {
                                raw.put(column, &p.name, cell);
                            }
                        }
                        None if i == 0 => unknown.push(p.name.clone()),
                        None => {}
                    }
                }
            }
            other => match other.display() {
                Some(text) => raw.put(Column::Identity(0), "Identity", Cell::Text(text)),
                None => {
                    rows.problem(row, 0, None, Severity::Error, "empty-identity", format!("object {row} is $null"));
                    continue;
                }
            },
        }
        rows.push(raw);
    }
    if !unknown.is_empty() {
        rows.problem(
            0,
            0,
            None,
            Severity::Note,
            "unknown-column",
            format!("{} properties are not used by mbxctl and are ignored: {}", unknown.len(), unknown.join(", ")),
        );
    }
}

/// Maps a CLIXML value to a cell: lists to their items' text, rich Exchange values (an
/// SmtpAddress, an ADObjectId) to their `ToString`.
fn ps_cell(v: &PsValue) -> Option<Cell> {
    Some(match v {
        PsValue::Null => return None,
        PsValue::Bool(b) => Cell::Bool(*b),
        PsValue::String(s) => Cell::Text(s.clone()),
        other => match other.items() {
            Some(items) => Cell::List(items.iter().filter_map(PsValue::display).collect()),
            None => match other.as_integer() {
                Some(n) if !matches!(other, PsValue::Object(_)) => Cell::Number(n as f64),
                _ => Cell::Text(other.display()?),
            },
        },
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shared() -> RowDefaults {
        RowDefaults { target: Some(Target::Shared), ..Default::default() }
    }

    #[test]
    fn delimiter_detection_respects_quotes() {
        assert_eq!(detect_delimiter("\"a,b\";c;d"), Some(b';'));
        assert_eq!(detect_delimiter("a\tb\tc"), Some(b'\t'));
        assert_eq!(detect_delimiter("Identity"), None);
        assert_eq!(detect_delimiter("a,b;c"), Some(b','));
    }

    #[test]
    fn list_splitting_prefers_strong_separators() {
        assert_eq!(split_list("Doe, John; Roe, Jane"), ["Doe, John", "Roe, Jane"]);
        assert_eq!(split_list("a@x, b@x"), ["a@x", "b@x"]);
        assert_eq!(split_list("a|b\nc"), ["a", "b", "c"]);
        assert!(split_list(" ; ").is_empty());
    }

    #[test]
    fn ms_dates_become_iso() {
        assert_eq!(unwrap_ms_date("/Date(1326441600000)/"), "2012-01-13T08:00:00.000Z");
        assert_eq!(unwrap_ms_date("/Date(1326441600000+0100)/"), "2012-01-13T08:00:00.000Z");
        assert_eq!(unwrap_ms_date("plain"), "plain");
    }

    #[test]
    fn windows_1252_fallback_decodes_accents_and_warns() {
        let input = read_batch(b"Identity;Comment\nrene@x;caf\xe9 \x80\n", "f.csv", &shared());
        assert_eq!(input.items[0].comment.as_deref(), Some("café €"));
        assert_eq!(input.problems[0].code, "encoding-guessed");
        assert_eq!(input.problems[0].severity, Severity::Warning);
    }

    #[test]
    fn comment_and_blank_lines_between_rows_keep_line_numbers() {
        let input = read_batch(b"Identity\r\na@x\r\n# note\r\n\r\nb@x\r\n", "f.csv", &shared());
        assert_eq!(input.items.iter().map(|i| (i.row, i.line)).collect::<Vec<_>>(), [(1, 2), (2, 5)]);
    }

    #[test]
    fn target_spellings() {
        assert_eq!(Target::parse("SharedMailbox"), Some(Target::Shared));
        assert_eq!(Target::parse(" regular "), Some(Target::Regular));
        assert_eq!(Target::parse("Room"), None);
    }

    #[test]
    fn sep_hint_line_sets_delimiter() {
        let input = read_batch(b"sep=;\nIdentity;Type\na@x;Regular\n", "f.csv", &shared());
        assert_eq!(input.items.len(), 1);
        assert_eq!(input.items[0].target, Target::Regular);
        assert_eq!(input.items[0].line, 3);
    }

    #[test]
    fn resolved_duplicates_name_the_first_row() {
        let input = read_batch(b"Identity\nbob\nbob@contoso.com\nann\n", "f.csv", &shared());
        let problems = find_duplicates_resolved(&input.items, |i| {
            Some(ResolvedKey(if i.identity.starts_with("bob") { "g1".into() } else { "g2".into() }))
        });
        assert_eq!(problems.len(), 1);
        assert_eq!((problems[0].row, problems[0].line), (2, 3));
        assert_eq!(
            problems[0].message,
            "'bob@contoso.com' is the same mailbox as 'bob' on row 1 (line 2); keep one of the two rows"
        );
    }
}
