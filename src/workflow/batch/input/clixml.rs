//! `Export-Clixml` exports of `Get-Mailbox` (objects or plain strings).

use super::*;

/// `Get-Mailbox | Export-Clixml` (or any objects with identity-like properties, or plain
/// strings). Objects have no line of their own; `line` is 0 and `row` is the object's index.
pub(super) fn read_clixml(text: &str, source: &str, rows: &mut Rows<'_>) {
    use psvalue::clixml::{Limits, from_document};
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
pub(super) fn ps_cell(v: &PsValue) -> Option<Cell> {
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
