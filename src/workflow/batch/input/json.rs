//! `ConvertTo-Json` exports of `Get-Mailbox` (Windows PowerShell 5.1 quirks included).

use super::*;

pub(super) fn line_at(text: &str, offset: usize) -> usize {
    1 + text.as_bytes()[..offset].iter().filter(|b| **b == b'\n').count()
}

pub(super) fn read_json(text: &str, source: &str, rows: &mut Rows<'_>) {
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

pub(super) fn unreachable_shape(rows: &mut Rows<'_>, source: &str) {
    rows.problem(
        0,
        1,
        None,
        Severity::Error,
        "bad-json",
        format!("{source}: expected a JSON object or array of objects"),
    );
}

pub(super) fn json_row(row: usize, line: usize, v: &serde_json::Value, rows: &mut Rows<'_>) {
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
pub(super) fn json_cell(v: &serde_json::Value) -> Option<Cell> {
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

pub(super) fn cell_text(c: &Cell) -> Option<String> {
    match c {
        Cell::Text(s) => Some(s.clone()),
        _ => None,
    }
}
