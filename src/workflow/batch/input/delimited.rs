//! Delimited text (CSV as Excel or `Export-Csv` writes it, `,` `;` or TAB) and plain lists of
//! identities, one per line.

use super::*;

/// Finds the delimiter on the header line: the most frequent unquoted `,` `;` or TAB.
pub(super) fn detect_delimiter(line: &str) -> Option<u8> {
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

pub(super) fn read_delimited(text: &str, source: &str, rows: &mut Rows<'_>) -> InputFormat {
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
                    match columns[i] {
                        Some(column) => raw.put(column, &header[i], Cell::Text(field.to_string())),
                        None => raw.extra.push((header[i].clone(), field.to_string())),
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

pub(super) fn unquote(s: &str) -> &str {
    s.strip_prefix('"').and_then(|r| r.strip_suffix('"')).unwrap_or(s)
}

/// Unknown columns are notes (exports carry dozens); a second identity column is a note too,
/// saying which one is used.
pub(super) fn header_problems(header: &[String], columns: &[Option<Column>], line: usize, rows: &mut Rows<'_>) {
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
                format!("column '{name}' is not used by mbxctl; it is kept for the run's report (runs show --csv)"),
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

pub(super) fn read_plain_list(body: &str, first_line: usize, rows: &mut Rows<'_>) {
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
