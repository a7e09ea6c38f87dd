//! Reading a CSV file into rows addressed by column name.

use std::collections::HashMap;

pub struct Table {
    columns: HashMap<String, usize>,
    /// Byte offsets of every line end, to turn a record's byte position into its line number
    /// (the csv crate skips blank lines without counting them).
    newlines: Vec<u64>,
    reader: csv::Reader<std::io::Cursor<Vec<u8>>>,
}

/// One data row: its line number in the file and its cells.
pub struct Row<'a> {
    pub line: u64,
    record: &'a csv::StringRecord,
    columns: &'a HashMap<String, usize>,
}

impl Row<'_> {
    /// The trimmed cell of a column, `None` when the column is absent or the cell empty.
    pub fn get(&self, column: &str) -> Option<&str> {
        self.columns
            .get(column)
            .and_then(|&i| self.record.get(i))
            .map(str::trim)
            .filter(|s| !s.is_empty())
    }
}

#[derive(Debug, thiserror::Error)]
pub enum TableError {
    #[error("cannot read {path}: {source}")]
    Io {
        path: String,
        source: std::io::Error,
    },
    #[error("the file is not UTF-8 text")]
    NotUtf8,
    #[error("the file is empty")]
    Empty,
    #[error("missing column(s): {0}")]
    MissingColumns(String),
}

impl Table {
    pub fn open(path: &std::path::Path, required: &[&str]) -> Result<Table, TableError> {
        let bytes = std::fs::read(path).map_err(|source| TableError::Io {
            path: path.display().to_string(),
            source,
        })?;
        Table::from_bytes(bytes, required)
    }

    pub fn from_bytes(mut bytes: Vec<u8>, required: &[&str]) -> Result<Table, TableError> {
        if bytes.starts_with(&[0xEF, 0xBB, 0xBF]) {
            bytes.drain(..3);
        }
        let first_line = bytes.split(|&b| b == b'\n').next().unwrap_or(&[]);
        let first_line = std::str::from_utf8(first_line).map_err(|_| TableError::NotUtf8)?;
        if first_line.trim().is_empty() {
            return Err(TableError::Empty);
        }
        let delimiter = if first_line.matches(';').count() > first_line.matches(',').count() {
            b';'
        } else {
            b','
        };
        let newlines: Vec<u64> = bytes
            .iter()
            .enumerate()
            .filter(|(_, b)| **b == b'\n')
            .map(|(i, _)| i as u64)
            .collect();
        let mut reader = csv::ReaderBuilder::new()
            .delimiter(delimiter)
            .flexible(true)
            .has_headers(true)
            .from_reader(std::io::Cursor::new(bytes));
        let headers = reader.headers().map_err(|_| TableError::NotUtf8)?.clone();
        let columns: HashMap<String, usize> = headers
            .iter()
            .enumerate()
            .map(|(i, h)| (h.trim().to_lowercase(), i))
            .collect();
        let missing: Vec<&str> = required
            .iter()
            .copied()
            .filter(|c| !columns.contains_key(*c))
            .collect();
        if !missing.is_empty() {
            return Err(TableError::MissingColumns(missing.join(", ")));
        }
        Ok(Table {
            columns,
            newlines,
            reader,
        })
    }

    /// The 1-based line number of a byte offset.
    fn line_of(&self, mut byte: u64) -> u64 {
        // A record's position may start at blank lines the parser skipped before it.
        let bytes = self.reader.get_ref().get_ref();
        while matches!(bytes.get(byte as usize), Some(b'\n' | b'\r')) {
            byte += 1;
        }
        self.newlines.partition_point(|&nl| nl < byte) as u64 + 1
    }

    pub fn has_column(&self, column: &str) -> bool {
        self.columns.contains_key(column)
    }

    /// Calls `f` for each data row: `Ok(row)`, or `Err(line)` for a row that is not valid
    /// UTF-8 or CSV.
    pub fn for_each(mut self, mut f: impl FnMut(Result<Row<'_>, u64>)) {
        let mut record = csv::StringRecord::new();
        loop {
            let line = self.reader.position().line();
            match self.reader.read_record(&mut record) {
                Ok(false) => break,
                Ok(true) => {
                    let line = record
                        .position()
                        .map(|p| self.line_of(p.byte()))
                        .unwrap_or(line);
                    if record.iter().all(|c| c.trim().is_empty()) {
                        continue;
                    }
                    f(Ok(Row {
                        line,
                        record: &record,
                        columns: &self.columns,
                    }));
                }
                Err(e) => {
                    let line = e.position().map(|p| self.line_of(p.byte())).unwrap_or(line);
                    f(Err(line));
                    if matches!(e.kind(), csv::ErrorKind::Io(_)) {
                        break;
                    }
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rows(text: &str, required: &[&str]) -> Vec<(u64, Vec<Option<String>>)> {
        let t = Table::from_bytes(text.as_bytes().to_vec(), required).unwrap();
        let mut out = vec![];
        t.for_each(|r| {
            if let Ok(r) = r {
                out.push((
                    r.line,
                    required
                        .iter()
                        .map(|c| r.get(c).map(String::from))
                        .collect(),
                ))
            }
        });
        out
    }

    #[test]
    fn semicolons_bom_and_header_order_are_handled() {
        let text = "\u{feff}Nama;KODE\nKarawang Kulon;32.15.01.1001\n";
        let r = rows(text, &["kode", "nama"]);
        assert_eq!(
            r,
            vec![(
                2,
                vec![Some("32.15.01.1001".into()), Some("Karawang Kulon".into())]
            )]
        );
    }

    #[test]
    fn line_numbers_count_from_the_header() {
        let r = rows("kode,nama\n32,A\n\n32.15,B\n", &["kode", "nama"]);
        assert_eq!(r.iter().map(|x| x.0).collect::<Vec<_>>(), vec![2, 4]);
    }

    #[test]
    fn a_missing_column_is_named() {
        let e = Table::from_bytes(b"kode;x\n".to_vec(), &["kode", "nama"])
            .err()
            .unwrap();
        assert!(e.to_string().contains("nama"));
    }
}
