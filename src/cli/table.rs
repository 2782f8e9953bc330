//! Every table mbxctl prints, laid out by comfy-table (README, "Dependencies").
//!
//! On a terminal (or with `--width`/`MBXCTL_WIDTH`/the config file's `width`) a table fits the
//! width: comfy-table shares the columns out, and a cell too long for its column is cut to one
//! line ending in `…`. Into a pipe or a file a table has no width: every cell is printed whole, so
//! `| Select-String` and `> report.txt` lose nothing. The look is the one admins know from
//! `Format-Table`: left-aligned columns two spaces apart, a dashed line under the headings.
//!
//! Colour is added after the layout (so escape codes never count as width): the cells of a
//! status column are painted by what they say (`output::tone_of`).

use super::output::{paint, shown, terminal, tone_of};
use comfy_table::{ColumnConstraint, ContentArrangement, ContentLineStyle, LineStyle, TableStyle, Width};
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

/// Marks column boundaries in comfy-table's output, replaced by two spaces afterwards. A
/// private-use character, so no real text contains it (cells have it escaped by [`cell_text`]).
const SEP: char = '\u{E000}';
/// What a column boundary becomes.
const GAP: &str = "  ";

/// A table under construction: headings, rows, and which columns hold status words.
#[derive(Debug, Clone, Default)]
pub struct Table {
    headers: Vec<String>,
    rows: Vec<Vec<String>>,
    status: Vec<usize>,
}

impl Table {
    /// A table with these headings.
    pub fn new(headers: &[&str]) -> Self {
        Table { headers: headers.iter().map(|h| h.to_string()).collect(), ..Default::default() }
    }

    /// Adds rows; a row shorter than the headings leaves the rest empty, extra cells are dropped.
    pub fn rows(mut self, rows: &[Vec<String>]) -> Self {
        self.rows.extend(rows.iter().cloned());
        self
    }

    /// Paints the cells of column `col` by the status they name (red blocked/failed, yellow
    /// warnings, green ok/converted).
    pub fn status(mut self, col: usize) -> Self {
        self.status.push(col);
        self
    }

    /// The table laid out for this process's terminal settings (`output::terminal`).
    pub fn render(&self) -> String {
        self.render_at(terminal().width)
    }

    /// The table laid out for `width` columns (`None`: cells whole, no width limit).
    pub fn render_at(&self, width: Option<usize>) -> String {
        let n = self.headers.len();
        if n == 0 {
            return String::new();
        }
        if width.is_none() && self.cells().any(|c| unicode_width(&c) > usize::from(u16::MAX) / 2) {
            return self.render_huge();
        }
        let mut t = comfy_table::Table::new();
        t.load_style(
            TableStyle::new()
                .header_lines(ContentLineStyle::none().junction(SEP))
                .header_separator(LineStyle::none().fill('-').junction(SEP))
                .content_lines(ContentLineStyle::none().junction(SEP)),
        );
        t.set_truncation_indicator("…");
        // One line per cell, cut where the column ends rather than at the last whole word: the
        // only "word" delimiter comfy-table sees is one no cell contains.
        t.set_delimiter(SEP);
        let mut header = comfy_table::Row::from(self.headers.iter().map(|h| cell_text(h)));
        header.max_height(1);
        t.set_header(header);
        // comfy-table's line splitting is quadratic in a cell's length; at a width no cell can
        // show more than the width, so longer ones are cut first (one column over, so it still cuts).
        let limit = width.map(|w| w + 1);
        for row in &self.rows {
            let mut cells: Vec<String> = row.iter().take(n).map(|c| limited(&cell_text(c), limit)).collect();
            cells.resize(n, String::new());
            let mut r = comfy_table::Row::from(cells);
            r.max_height(1);
            t.add_row(r);
        }
        for c in t.column_iter_mut() {
            c.set_padding((0, 0));
        }
        match width {
            Some(w) => {
                // comfy-table counts one character per boundary; GAP is two.
                let inner = w.saturating_sub((n - 1) * (GAP.chars().count() - 1)).max(n);
                t.set_width(u16::try_from(inner).unwrap_or(u16::MAX));
                t.set_content_arrangement(ContentArrangement::Dynamic);
                for (i, c) in constraints(&self.headers, &self.rows, w).into_iter().enumerate() {
                    if let Some(col) = t.column_mut(i) {
                        col.set_constraint(c);
                    }
                }
            }
            None => {
                t.set_content_arrangement(ContentArrangement::Disabled);
            }
        }
        let mut out = String::new();
        for (i, line) in t.lines().enumerate() {
            let header = i < 2;
            let row = i.checked_sub(2).and_then(|r| self.rows.get(r));
            let mut segs: Vec<String> = line.split(SEP).map(str::to_string).collect();
            if let Some(w) = width {
                fit(&mut segs, w);
            }
            let mut text = String::new();
            for (col, seg) in segs.iter().enumerate() {
                if col > 0 {
                    text.push_str(GAP);
                }
                let trimmed = seg.trim_end();
                let tone = match row {
                    Some(r) if !header && self.status.contains(&col) => r.get(col).and_then(|c| tone_of(c)),
                    _ => None,
                };
                match tone {
                    Some(tone) if !trimmed.is_empty() => {
                        text.push_str(&paint(tone, trimmed));
                        text.push_str(&seg[trimmed.len()..]);
                    }
                    _ => text.push_str(seg),
                }
            }
            out.push_str(text.trim_end());
            out.push('\n');
        }
        out
    }
}

/// The least a cut column keeps, so its start still says what it is.
const MIN_CUT: usize = 10;

/// Which columns stay whole: the narrowest first (row numbers, dates, states), as long as the
/// rest still get [`MIN_CUT`] columns each; the wide ones (names, parameters, reasons) share what
/// is left and are cut. A cut column is never narrower than its heading (up to 20).
fn constraints(headers: &[String], rows: &[Vec<String>], width: usize) -> Vec<ColumnConstraint> {
    let n = headers.len();
    let widest: Vec<usize> = (0..n)
        .map(|i| {
            rows.iter()
                .filter_map(|r| r.get(i))
                .map(|c| unicode_width(&cell_text(c)))
                .chain([unicode_width(&headers[i])])
                .max()
                .unwrap_or(0)
        })
        .collect();
    let mut order: Vec<usize> = (0..n).collect();
    order.sort_by_key(|&i| widest[i]);
    let mut keep = vec![false; n];
    let mut used = GAP.chars().count() * n.saturating_sub(1);
    for (k, &i) in order.iter().enumerate() {
        let others = (n - k - 1) * MIN_CUT;
        if used + widest[i] + others <= width {
            keep[i] = true;
            used += widest[i];
        } else {
            break;
        }
    }
    (0..n)
        .map(|i| {
            let fixed = |w: usize| Width::Fixed(u16::try_from(w).unwrap_or(u16::MAX));
            if keep[i] {
                ColumnConstraint::Absolute(fixed(widest[i]))
            } else {
                ColumnConstraint::LowerBoundary(fixed(unicode_width(&headers[i]).min(MIN_CUT.max(20))))
            }
        })
        .collect()
}

impl Table {
    fn cells(&self) -> impl Iterator<Item = String> + '_ {
        self.headers.iter().chain(self.rows.iter().flatten()).map(|c| cell_text(c))
    }

    /// Into a pipe, with a cell of over 32,767 columns (a pasted file as a mailbox name):
    /// comfy-table measures columns in `u16` and would cut it, so these rare tables are padded
    /// here, whole. Padding by hand: `format!("{c:<w$}")` panics for widths over 65,535.
    fn render_huge(&self) -> String {
        let n = self.headers.len();
        let grid: Vec<Vec<String>> = std::iter::once(self.headers.iter().map(|h| cell_text(h)).collect())
            .chain(self.rows.iter().map(|r| {
                let mut cells: Vec<String> = r.iter().take(n).map(|c| cell_text(c)).collect();
                cells.resize(n, String::new());
                cells
            }))
            .collect();
        let widths: Vec<usize> = (0..n).map(|i| grid.iter().map(|r| unicode_width(&r[i])).max().unwrap_or(0)).collect();
        let mut out = String::new();
        let line = |cells: &[String], out: &mut String, statuses: Option<&Vec<String>>| {
            let mut text = String::new();
            for (i, c) in cells.iter().enumerate() {
                if i > 0 {
                    text.push_str(GAP);
                }
                let tone =
                    statuses.filter(|_| self.status.contains(&i)).and_then(|r| r.get(i)).and_then(|c| tone_of(c));
                match tone {
                    Some(t) if !c.is_empty() => text.push_str(&paint(t, c)),
                    _ => text.push_str(c),
                }
                text.extend(std::iter::repeat_n(' ', widths[i].saturating_sub(unicode_width(c))));
            }
            out.push_str(text.trim_end());
            out.push('\n');
        };
        line(&grid[0], &mut out, None);
        line(&widths.iter().map(|w| "-".repeat(*w)).collect::<Vec<_>>(), &mut out, None);
        for (cells, row) in grid[1..].iter().zip(&self.rows) {
            line(cells, &mut out, Some(row));
        }
        out
    }
}

/// The last resort: comfy-table keeps a minimum width per column, so many columns in a very
/// narrow width could still overflow. Such a line is cut to `width` and ends in `…`, never wrapped.
fn fit(segs: &mut Vec<String>, width: usize) {
    let gap = GAP.chars().count();
    let total: usize = segs.iter().map(|s| s.width()).sum::<usize>() + gap * segs.len().saturating_sub(1);
    if total <= width {
        return;
    }
    let mut budget = width.saturating_sub(1);
    for i in 0..segs.len() {
        let cost = if i > 0 { gap } else { 0 };
        if cost > budget {
            segs.truncate(i);
            if let Some(last) = segs.last_mut() {
                last.push('…');
            }
            return;
        }
        budget -= cost;
        let w = segs[i].width();
        if w <= budget {
            budget -= w;
            continue;
        }
        let mut cut = String::new();
        for ch in segs[i].chars() {
            let cw = ch.width().unwrap_or(0);
            if cw > budget {
                break;
            }
            budget -= cw;
            cut.push(ch);
        }
        cut.push('…');
        segs[i] = cut;
        segs.truncate(i + 1);
        return;
    }
}

/// The drop-in for the former hand-written table: headings and rows, laid out for the terminal.
pub fn table(headers: &[&str], rows: &[Vec<String>]) -> String {
    Table::new(headers).rows(rows).render()
}

/// `text` cut to at most `limit` display columns.
fn limited(text: &str, limit: Option<usize>) -> String {
    let Some(limit) = limit else { return text.to_string() };
    let mut used = 0;
    let mut end = text.len();
    for (i, c) in text.char_indices() {
        used += c.width().unwrap_or(0);
        if used > limit {
            end = i;
            break;
        }
    }
    text[..end].to_string()
}

/// A cell as shown: control characters escaped (`output::shown`) and the column marker escaped.
fn cell_text(text: &str) -> String {
    shown(text).replace(SEP, "\\u{e000}")
}

/// Display width in terminal columns (East Asian wide characters and emoji count two).
fn unicode_width(text: &str) -> usize {
    text.width()
}

#[cfg(test)]
mod tests {
    use super::{Table, table, unicode_width};
    use proptest::prelude::Strategy;

    fn strip(s: &str) -> String {
        let mut o = String::new();
        let mut esc = false;
        for c in s.chars() {
            match (esc, c) {
                (false, '\u{1b}') => esc = true,
                (true, 'm') => esc = false,
                (true, _) => {}
                (false, c) => o.push(c),
            }
        }
        o
    }

    #[test]
    fn aligns_columns_like_format_table() {
        let t = Table::new(&["A", "Long"]).rows(&[vec!["xyz".into(), "1".into()]]).render_at(None);
        assert_eq!(t, "A    Long\n---  ----\nxyz  1\n");
    }

    #[test]
    fn pipe_prints_long_cells_whole() {
        let long = "x".repeat(65_600);
        let t = Table::new(&["NAME"]).rows(&[vec![long.clone()]]).render_at(None);
        assert!(t.ends_with(&format!("{long}\n")));
    }

    #[test]
    fn terminal_cuts_long_cells_with_an_ellipsis_and_fits() {
        let rows = vec![vec![
            "17".to_string(),
            "a-very-long-identity-that-goes-on@contoso.onmicrosoft.com".to_string(),
            "blocked".to_string(),
            "the mailbox is on litigation hold and over 50 GB, so it needs a licence once shared".to_string(),
        ]];
        let t = Table::new(&["ROW", "IDENTITY", "STATUS", "REASON"]).rows(&rows).status(2).render_at(Some(60));
        for line in t.lines() {
            assert!(unicode_width(&strip(line)) <= 60, "{line:?} is wider than 60");
        }
        assert!(t.contains('…'), "{t}");
        assert!(t.contains("blocked"), "{t}");
        assert_eq!(t.lines().count(), 3);
    }

    #[test]
    fn status_cells_are_painted_after_layout() {
        let t = Table::new(&["ID", "STATE"])
            .rows(&[vec!["a".into(), "failed".into()], vec!["b".into(), "converted".into()]])
            .status(1)
            .render_at(None);
        assert!(t.contains("\u{1b}[1m\u{1b}[31mfailed\u{1b}[0m") || t.contains("failed\u{1b}[0m"), "{t:?}");
        assert_eq!(strip(&t), "ID  STATE\n--  ---------\na   failed\nb   converted\n");
    }

    #[test]
    fn a_huge_cell_at_a_width_is_cut_to_one_line() {
        // Cut before comfy-table lays it out (its splitting is quadratic in the cell's length).
        let long = "界".repeat(70_000);
        let t = Table::new(&["A", "B"]).rows(&[vec![long, "x".into()]]).render_at(Some(80));
        assert_eq!(t.lines().count(), 3);
        let row = t.lines().nth(2).unwrap();
        assert!(unicode_width(row) <= 80 && row.contains('…') && row.ends_with('x'), "{row}");
    }

    #[test]
    fn control_characters_and_the_marker_are_escaped() {
        let t = table(&["A", "B"], &[vec!["x\ny".into(), "\u{E000}".into()]]);
        assert_eq!(t.lines().count(), 3);
        assert!(t.contains("x\\ny") && t.contains("\\u{e000}"), "{t}");
    }

    proptest::proptest! {
        /// No cell text may panic the table, however long or wide; every data row is one line,
        /// and at a width no line is wider than it.
        #[test]
        fn never_panics_and_fits(cells in proptest::collection::vec(
            proptest::prop_oneof![
                proptest::string::string_regex("(?s).{0,40}").unwrap(),
                (0usize..70_000, proptest::sample::select(vec!['x', 'é', '界', '\n', '🙂', ' ']))
                    .prop_map(|(n, c)| std::iter::repeat_n(c, n).collect::<String>()),
            ],
            0..6,
        ), width in proptest::option::of(10usize..200)) {
            let t = Table::new(&["A", "B", "C"]).rows(std::slice::from_ref(&cells)).status(1).render_at(width);
            proptest::prop_assert_eq!(t.lines().count(), 3);
            if let Some(w) = width {
                for line in t.lines() {
                    proptest::prop_assert!(unicode_width(&strip(line)) <= w, "{:?} wider than {}", line, w);
                }
            }
        }
    }
}
