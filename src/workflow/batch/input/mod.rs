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

mod clixml;
mod delimited;
mod json;

use crate::cmdlet::Severity;
use crate::psobject::PsValue;
use clixml::*;
use delimited::*;
use json::*;
use serde::Serialize;
use std::collections::HashMap;

pub use crate::workflow::convert::TargetType;

/// Reads the spellings admins use for a conversion target; `None` when the text is none of them.
pub fn parse_target(text: &str) -> Option<TargetType> {
    match norm(text).as_str() {
        "shared" | "sharedmailbox" => Some(TargetType::Shared),
        "regular" | "user" | "usermailbox" => Some(TargetType::Regular),
        _ => None,
    }
}

/// The other direction, for rollback.
pub fn opposite_target(t: TargetType) -> TargetType {
    match t {
        TargetType::Shared => TargetType::Regular,
        TargetType::Regular => TargetType::Shared,
    }
}

/// Values a row takes when its file has no such column or leaves the cell empty (from the
/// command line, e.g. `--to shared`).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RowDefaults {
    /// The target when the row names none. `None` makes a row without a target an error.
    pub target: Option<TargetType>,
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
    pub target: TargetType,
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
    /// The columns of a CSV file that mbxctl does not use (a ticket number, an owner), by
    /// header, in file order: carried unchanged into `runs show --csv`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub extra: Vec<(String, String)>,
}

impl BatchItem {
    /// An item with nothing but its identity and target: no grants, no comment, no extra columns
    /// (a mailbox named on the command line; `line` is 0 as it comes from no file).
    pub fn new(row: usize, identity: impl Into<String>, target: TargetType) -> BatchItem {
        BatchItem {
            row,
            line: 0,
            identity: identity.into(),
            target,
            full_access: Vec::new(),
            send_as: Vec::new(),
            send_on_behalf: Vec::new(),
            auto_mapping: None,
            reset_password_on_next_logon: None,
            comment: None,
            identity_column: None,
            extra: Vec::new(),
        }
    }
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
    /// Columns mbxctl does not use, kept for reports (header, value).
    extra: Vec<(String, String)>,
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
                Some(t) => match parse_target(&t) {
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
            extra: std::mem::take(&mut raw.extra),
        });
    }

    fn error_count(&self) -> usize {
        self.errors
    }

    fn default_target(&mut self, row: usize, line: usize, column: Option<&str>) -> Option<TargetType> {
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

#[cfg(test)]
mod tests {
    use super::*;

    fn shared() -> RowDefaults {
        RowDefaults { target: Some(TargetType::Shared), ..Default::default() }
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
        assert_eq!(parse_target("SharedMailbox"), Some(TargetType::Shared));
        assert_eq!(parse_target(" regular "), Some(TargetType::Regular));
        assert_eq!(parse_target("Room"), None);
    }

    #[test]
    fn sep_hint_line_sets_delimiter() {
        let input = read_batch(b"sep=;\nIdentity;Type\na@x;Regular\n", "f.csv", &shared());
        assert_eq!(input.items.len(), 1);
        assert_eq!(input.items[0].target, TargetType::Regular);
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
