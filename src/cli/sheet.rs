//! The files `export` writes. `csv` is for tools: UTF-8, commas, LF, values as they are.
//! `excel` is what Excel on an Indonesian PC opens with a double click, columns split and
//! letters right: a UTF-8 BOM (without it Excel reads Windows-1252), `;` (the list separator
//! of the Indonesian regional settings, where `,` is the decimal mark), CRLF, decimals with a
//! comma, codes such as `32.15.01` or `2026-11` kept as text (Excel would read them as a time
//! or a date), and text that starts like a formula (`=`, `+`, `-`, `@`: a PSM's note
//! "- rumah kosong") marked as text with a leading apostrophe, which Excel does not show.

use crate::config::ExportFormat;
use std::io::Write;

/// One cell, by what it holds.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    /// Text as it is (names, notes, statuses, ids, dates).
    Text(String),
    /// A code that must stay text: region codes, periods `YYYY-MM`.
    Code(String),
    /// A decimal number with this many places (coordinates); empty when unknown.
    Decimal(Option<f64>, usize),
}

impl From<String> for Cell {
    fn from(s: String) -> Cell {
        Cell::Text(s)
    }
}

impl From<&str> for Cell {
    fn from(s: &str) -> Cell {
        Cell::Text(s.to_string())
    }
}

impl From<Option<String>> for Cell {
    fn from(s: Option<String>) -> Cell {
        Cell::Text(s.unwrap_or_default())
    }
}

const BOM: &[u8] = b"\xEF\xBB\xBF";

/// Rows written in one format.
pub struct Sheet<W: Write> {
    w: csv::Writer<W>,
    format: ExportFormat,
}

impl<W: Write> Sheet<W> {
    pub fn new(mut out: W, format: ExportFormat) -> std::io::Result<Sheet<W>> {
        let mut b = csv::WriterBuilder::new();
        if format == ExportFormat::Excel {
            out.write_all(BOM)?;
            b.delimiter(b';').terminator(csv::Terminator::CRLF);
        }
        Ok(Sheet {
            w: b.from_writer(out),
            format,
        })
    }

    pub fn header(&mut self, names: &[&str]) -> std::io::Result<()> {
        self.w.write_record(names).map_err(io_error)
    }

    pub fn row(&mut self, cells: impl IntoIterator<Item = Cell>) -> std::io::Result<()> {
        let format = self.format;
        self.w
            .write_record(cells.into_iter().map(|c| render(format, c)))
            .map_err(io_error)
    }

    /// Writes what is buffered; an export is complete only after this.
    pub fn finish(mut self) -> std::io::Result<()> {
        self.w.flush()
    }
}

/// Writing records fails only as the output does: a closed pipe, a full disk.
fn io_error(e: csv::Error) -> std::io::Error {
    match e.into_kind() {
        csv::ErrorKind::Io(e) => e,
        other => std::io::Error::other(format!("{other:?}")),
    }
}

fn render(format: ExportFormat, cell: Cell) -> String {
    match (format, cell) {
        (ExportFormat::Csv, Cell::Text(s) | Cell::Code(s)) => s,
        (_, Cell::Decimal(None, _)) => String::new(),
        (ExportFormat::Csv, Cell::Decimal(Some(v), places)) => format!("{v:.places$}"),
        (ExportFormat::Excel, Cell::Decimal(Some(v), places)) => {
            format!("{v:.places$}").replace('.', ",")
        }
        (ExportFormat::Excel, Cell::Code(s)) if !s.is_empty() => format!("=\"{s}\""),
        (ExportFormat::Excel, Cell::Code(s)) => s,
        (ExportFormat::Excel, Cell::Text(s)) => {
            if s.starts_with(['=', '+', '-', '@', '\t', '\r']) {
                format!("'{s}")
            } else {
                s
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn written(format: ExportFormat, rows: Vec<Vec<Cell>>) -> String {
        let mut out = Vec::new();
        let mut sheet = Sheet::new(&mut out, format).unwrap();
        sheet.header(&["a", "b", "c"]).unwrap();
        for r in rows {
            sheet.row(r).unwrap();
        }
        sheet.finish().unwrap();
        String::from_utf8(out).unwrap()
    }

    fn sample() -> Vec<Vec<Cell>> {
        vec![vec![
            Cell::Code("32.15.01.1001".into()),
            Cell::Decimal(Some(-6.3051), 6),
            Cell::Text("- rumah kosong; pindah".into()),
        ]]
    }

    #[test]
    fn csv_for_tools_is_plain_comma_separated_utf8() {
        assert_eq!(
            written(ExportFormat::Csv, sample()),
            "a,b,c\n32.15.01.1001,-6.305100,- rumah kosong; pindah\n"
        );
    }

    #[test]
    fn excel_gets_a_bom_semicolons_crlf_a_decimal_comma_and_text_kept_as_text() {
        assert_eq!(
            written(ExportFormat::Excel, sample()),
            "\u{feff}a;b;c\r\n\"=\"\"32.15.01.1001\"\"\";-6,305100;\"'- rumah kosong; pindah\"\r\n"
        );
    }

    #[test]
    fn empty_cells_stay_empty_in_excel() {
        let rows = vec![vec![
            Cell::Code(String::new()),
            Cell::Decimal(None, 6),
            Cell::Text(String::new()),
        ]];
        assert_eq!(
            written(ExportFormat::Excel, rows),
            "\u{feff}a;b;c\r\n;;\r\n"
        );
    }
}
