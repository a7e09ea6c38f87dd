//! Reading a CSV file row by row, cells addressed by column name.
//!
//! The file is streamed, never held whole: a million-row KPM extract is read in a few kilobytes
//! of buffer. A row remembers where it starts ([`RowPos`]), so that a second pass can come back
//! to it ([`Table::row_at`]) without keeping it in memory.

use crate::i18n::{Lang, t, targs};
use std::collections::{HashMap, VecDeque};
use std::fs::File;
use std::io::{Read, Seek, SeekFrom};
use std::os::unix::fs::FileExt;

pub struct Table {
    /// The file, as error messages name it.
    path: String,
    lang: Lang,
    columns: HashMap<String, usize>,
    reader: csv::Reader<Lines<Pread>>,
    record: csv::StringRecord,
    /// Why reading stopped before the end, if it did.
    failure: Option<std::io::Error>,
}

/// Reads the file at a position it keeps itself, a bounded amount at a time: large reads while
/// going through the file, small ones once rows are visited out of order (a jump then costs one
/// read of about a row, not a refill of a large buffer).
struct Pread {
    file: File,
    pos: u64,
    chunk: usize,
}

impl Read for Pread {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let len = buf.len().min(self.chunk);
        let n = self.file.read_at(&mut buf[..len], self.pos)?;
        self.pos += n as u64;
        Ok(n)
    }
}

impl Seek for Pread {
    fn seek(&mut self, pos: SeekFrom) -> std::io::Result<u64> {
        let SeekFrom::Start(at) = pos else {
            return Err(std::io::Error::other("only absolute seeks"));
        };
        self.pos = at;
        Ok(at)
    }
}

/// Bytes read at a time when rows are visited out of order: most rows fit.
const ROW_CHUNK: usize = 512;
/// The CSV parser's buffer (and the most read at a time in file order).
const FILE_CHUNK: usize = 64 * 1024;

/// One data row: its line number in the file, where it starts, and its cells.
pub struct Row<'a> {
    pub line: u64,
    /// Offset of its first byte (see [`RowPos::byte`]).
    byte: u64,
    record: &'a csv::StringRecord,
    columns: &'a HashMap<String, usize>,
}

/// Where a row starts in the file: enough to read it again.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RowPos {
    /// Byte offset as the CSV reader counts it (after the BOM).
    pub byte: u64,
    pub line: u64,
}

impl<'a> Row<'a> {
    /// Where the row starts, to read it again with [`Table::row_at`].
    pub fn pos(&self) -> RowPos {
        RowPos {
            byte: self.byte,
            line: self.line,
        }
    }

    /// The trimmed cell of a column, `None` when the column is absent or the cell empty.
    pub fn get(&self, column: &str) -> Option<&'a str> {
        self.columns
            .get(column)
            .and_then(|&i| self.record.get(i))
            .map(str::trim)
            .filter(|s| !s.is_empty())
    }
}

/// A data row that cannot be read, by the line it starts on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RowError {
    pub line: u64,
    pub fault: RowFault,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RowFault {
    /// Not UTF-8 text: most often a file Excel saved as "CSV" rather than "CSV UTF-8".
    NotUtf8,
    /// Anything else the CSV parser refuses.
    Broken,
}

impl RowError {
    /// Why the row is refused, as the operator reads it.
    pub fn reason(&self, lang: Lang) -> String {
        match self.fault {
            RowFault::NotUtf8 => t(lang, "import-reason-not-utf8"),
            RowFault::Broken => t(lang, "import-reason-broken-row"),
        }
    }
}

/// Why a whole file is refused; it reads (`Display`) in the operator's language.
#[derive(Debug)]
pub struct TableError {
    pub fault: FileFault,
    lang: Lang,
}

#[derive(Debug)]
pub enum FileFault {
    Io {
        path: String,
        source: std::io::Error,
    },
    /// The header is not UTF-8 text.
    NotUtf8,
    Empty,
    /// Required columns the header lacks, joined with ", ".
    MissingColumns(String),
    /// A column the import reads is named twice (after trimming and case-folding); its
    /// positions count from 1.
    DuplicateColumn {
        name: String,
        first: usize,
        second: usize,
    },
}

impl std::fmt::Display for TableError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let lang = self.lang;
        let text = match &self.fault {
            FileFault::Io { path, source } => targs(
                lang,
                "import-file-unreadable",
                &[
                    ("path", path.clone().into()),
                    ("error", source.to_string().into()),
                ],
            ),
            FileFault::NotUtf8 => t(lang, "import-file-not-utf8"),
            FileFault::Empty => t(lang, "import-file-empty"),
            FileFault::MissingColumns(columns) => targs(
                lang,
                "import-file-missing-columns",
                &[("columns", columns.clone().into())],
            ),
            FileFault::DuplicateColumn {
                name,
                first,
                second,
            } => targs(
                lang,
                "import-file-duplicate-column",
                &[
                    ("column", name.clone().into()),
                    ("first", (*first as i64).into()),
                    ("second", (*second as i64).into()),
                ],
            ),
        };
        f.write_str(&text)
    }
}

impl std::error::Error for TableError {}

/// A reader that notes where each non-blank line starts and its number, as the bytes pass to
/// the CSV parser (which skips blank lines without counting them). The notes are consumed as
/// records are read, so they stay few.
struct Lines<R> {
    inner: R,
    /// Bytes skipped at the start of the file (a BOM); offsets below are after them.
    base: u64,
    offset: u64,
    /// Number of the line the next byte belongs to.
    line: u64,
    at_line_start: bool,
    /// The last byte seen was a `\r`: a line end unless a `\n` follows (old Mac files end
    /// lines with `\r` alone, and the CSV parser takes it as one).
    after_cr: bool,
    /// (offset of a non-blank line's first byte, its line number)
    starts: VecDeque<(u64, u64)>,
}

impl<R: Read> Read for Lines<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        for (i, &b) in buf[..n].iter().enumerate() {
            if self.after_cr && b != b'\n' {
                self.line += 1;
                self.at_line_start = true;
            }
            self.after_cr = b == b'\r';
            if b == b'\n' {
                self.line += 1;
                self.at_line_start = true;
            } else if self.at_line_start && b != b'\r' {
                self.starts.push_back((self.offset + i as u64, self.line));
                self.at_line_start = false;
            }
        }
        self.offset += n as u64;
        Ok(n)
    }
}

impl<R: Seek> Seek for Lines<R> {
    fn seek(&mut self, pos: SeekFrom) -> std::io::Result<u64> {
        let SeekFrom::Start(at) = pos else {
            return Err(std::io::Error::other("only absolute seeks"));
        };
        self.inner.seek(SeekFrom::Start(self.base + at))?;
        self.offset = at;
        self.at_line_start = true;
        self.after_cr = false;
        self.starts.clear();
        Ok(at)
    }
}

impl<R> Lines<R> {
    /// Where the line of a record that starts at `byte` (possibly on blank lines before it)
    /// really starts, and its number.
    fn line_of(&mut self, byte: u64) -> Option<(u64, u64)> {
        while let Some(&(start, line)) = self.starts.front() {
            if start >= byte {
                return Some((start, line));
            }
            self.starts.pop_front();
        }
        None
    }
}

impl Table {
    /// Opens a file whose header must name the `required` columns and may name the
    /// `optional` ones; either named twice refuses the file (another column named twice is
    /// not read, and does not matter).
    pub fn open(
        path: &std::path::Path,
        required: &[&str],
        optional: &[&str],
        lang: Lang,
    ) -> Result<Table, TableError> {
        let name = path.display().to_string();
        let fail = |fault| TableError { fault, lang };
        let io = |source| {
            fail(FileFault::Io {
                path: name.clone(),
                source,
            })
        };
        let file = File::open(path).map_err(io)?;
        // The BOM, and the header line (it decides the delimiter).
        let mut head = vec![0u8; FILE_CHUNK];
        let n = file.read_at(&mut head, 0).map_err(io)?;
        head.truncate(n);
        let base = if head.starts_with(&[0xEF, 0xBB, 0xBF]) {
            3
        } else {
            0
        };
        let head = &head[base as usize..];
        let first_line = head.split(|&b| b == b'\n').next().unwrap_or(&[]);
        let first_line = match std::str::from_utf8(first_line) {
            Ok(s) => s,
            // A header longer than the chunk read may end in the middle of a character.
            Err(e) if e.error_len().is_none() => {
                std::str::from_utf8(&first_line[..e.valid_up_to()]).expect("valid prefix")
            }
            Err(_) => return Err(fail(FileFault::NotUtf8)),
        };
        if first_line.trim().is_empty() {
            return Err(fail(FileFault::Empty));
        }
        let delimiter = if first_line.matches(';').count() > first_line.matches(',').count() {
            b';'
        } else {
            b','
        };
        let lines = Lines {
            inner: Pread {
                file,
                pos: base,
                chunk: FILE_CHUNK,
            },
            base,
            offset: 0,
            line: 1,
            at_line_start: true,
            after_cr: false,
            starts: VecDeque::new(),
        };
        let mut reader = csv::ReaderBuilder::new()
            .delimiter(delimiter)
            .buffer_capacity(FILE_CHUNK)
            .flexible(true)
            .has_headers(true)
            .from_reader(lines);
        let headers = reader.headers().cloned().map_err(|e| match e.kind() {
            csv::ErrorKind::Io(e) => io(std::io::Error::new(e.kind(), e.to_string())),
            _ => fail(FileFault::NotUtf8),
        })?;
        let mut columns: HashMap<String, usize> = HashMap::new();
        for (i, h) in headers.iter().enumerate() {
            let column = h.trim().to_lowercase();
            if column.is_empty() {
                // Excel leaves empty header cells after the last column.
                continue;
            }
            match columns.get(&column) {
                None => {
                    columns.insert(column, i);
                }
                Some(&first) if required.contains(&&*column) || optional.contains(&&*column) => {
                    return Err(fail(FileFault::DuplicateColumn {
                        name: column,
                        first: first + 1,
                        second: i + 1,
                    }));
                }
                Some(_) => {}
            }
        }
        let missing: Vec<&str> = required
            .iter()
            .copied()
            .filter(|c| !columns.contains_key(*c))
            .collect();
        if !missing.is_empty() {
            return Err(fail(FileFault::MissingColumns(missing.join(", "))));
        }
        Ok(Table {
            path: name,
            lang,
            columns,
            reader,
            record: csv::StringRecord::new(),
            failure: None,
        })
    }

    pub fn has_column(&self, column: &str) -> bool {
        self.columns.contains_key(column)
    }

    /// Why reading stopped before the end of the file (a disk error), if it did: the rows read
    /// so far are then not the whole file.
    pub fn failure(&mut self) -> Option<std::io::Error> {
        self.failure.take()
    }

    /// The next data row: `Ok(row)`, or `Err` for a row that cannot be read (not UTF-8);
    /// `None` at the end of the file (or when it can no longer be read: see [`Table::failure`]).
    pub fn next_row(&mut self) -> Option<Result<Row<'_>, RowError>> {
        loop {
            let fallback = self.reader.position().line();
            match self.reader.read_record(&mut self.record) {
                Ok(false) => return None,
                Ok(true) => {
                    let byte = self.record.position().map_or(0, |p| p.byte());
                    let (byte, line) = self
                        .reader
                        .get_mut()
                        .line_of(byte)
                        .unwrap_or((byte, fallback));
                    if self.record.iter().all(|c| c.trim().is_empty()) {
                        continue;
                    }
                    return Some(Ok(Row {
                        line,
                        byte,
                        record: &self.record,
                        columns: &self.columns,
                    }));
                }
                Err(e) => {
                    let line = e
                        .position()
                        .and_then(|p| self.reader.get_mut().line_of(p.byte()))
                        .map_or(fallback, |(_, line)| line);
                    let fault = match e.kind() {
                        csv::ErrorKind::Io(io) => {
                            tracing::error!(line, error = %e, "reading stopped");
                            self.failure = Some(std::io::Error::new(io.kind(), io.to_string()));
                            return None;
                        }
                        csv::ErrorKind::Utf8 { .. } => RowFault::NotUtf8,
                        _ => RowFault::Broken,
                    };
                    return Some(Err(RowError { line, fault }));
                }
            }
        }
    }

    /// The row that starts at `pos` (from an earlier pass over the same file). Reading rows in
    /// file order costs no more than [`Table::next_row`]; a jump costs one small read.
    pub fn row_at(&mut self, pos: RowPos) -> Option<Result<Row<'_>, RowError>> {
        if self.reader.position().byte() != pos.byte {
            let lines = self.reader.get_mut();
            lines.inner.chunk = ROW_CHUNK;
            lines.line = pos.line;
            let mut p = csv::Position::new();
            p.set_byte(pos.byte).set_line(pos.line);
            if let Err(e) = self.reader.seek(p) {
                tracing::error!(error = %e, "seek in the file failed");
                self.failure = Some(std::io::Error::other(e.to_string()));
                return None;
            }
        }
        self.next_row()
    }

    /// Calls `f` for each data row; an error when the file could not be read to its end.
    pub fn for_each(
        mut self,
        mut f: impl FnMut(Result<Row<'_>, RowError>),
    ) -> Result<(), TableError> {
        while let Some(row) = self.next_row() {
            f(row);
        }
        match self.failure {
            Some(source) => Err(TableError {
                fault: FileFault::Io {
                    path: self.path,
                    source,
                },
                lang: self.lang,
            }),
            None => Ok(()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn table_bytes(text: &[u8], required: &[&str], optional: &[&str]) -> Result<Table, TableError> {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("t.csv");
        std::fs::write(&path, text).unwrap();
        // The open file stays readable after its directory entry is gone.
        Table::open(&path, required, optional, Lang::En)
    }

    fn table(text: &str, required: &[&str]) -> Result<Table, TableError> {
        table_bytes(text.as_bytes(), required, &[])
    }

    fn rows(text: &str, required: &[&str]) -> Vec<(u64, Vec<Option<String>>)> {
        let t = table(text, required).unwrap();
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
        })
        .unwrap();
        out
    }

    /// Each row as (line, cell `b`) or the error.
    fn read_all(t: &mut Table) -> Vec<Result<(u64, RowPos, String), RowError>> {
        let mut out = vec![];
        while let Some(r) = t.next_row() {
            out.push(r.map(|r| (r.line, r.pos(), r.get("b").unwrap_or("").to_string())));
        }
        assert!(t.failure().is_none());
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
        let r = rows(
            "kode,nama\r\n\r\n32,\"A\nB\"\r\n\r\n\r\n32.15,C\r\n",
            &["kode", "nama"],
        );
        assert_eq!(r.iter().map(|x| x.0).collect::<Vec<_>>(), vec![3, 7]);
    }

    #[test]
    fn lines_ended_by_a_lone_carriage_return_are_counted_and_read_again() {
        let text = "a,b\n1,A\rX,B\n2,C\r3,D";
        let r = rows(text, &["a", "b"]);
        assert_eq!(
            r.iter().map(|x| x.0).collect::<Vec<_>>(),
            vec![2, 3, 4, 5],
            "{r:?}"
        );
        let mut t = table(text, &["a", "b"]).unwrap();
        let mut seen = vec![];
        while let Some(Ok(r)) = t.next_row() {
            seen.push((r.pos(), r.get("b").unwrap().to_string()));
        }
        for (pos, b) in seen.iter().rev() {
            assert_eq!(t.row_at(*pos).unwrap().unwrap().get("b"), Some(b.as_str()));
        }
    }

    #[test]
    fn a_missing_column_is_named() {
        let e = table("kode;x\n", &["kode", "nama"]).err().unwrap();
        assert!(e.to_string().contains("nama"));
    }

    #[test]
    fn a_row_is_read_again_from_where_it_starts() {
        let text = "\u{feff}kode;nama\n1;A\n\n2;B\n3;C\n";
        let mut t = table(text, &["kode", "nama"]).unwrap();
        let mut seen = vec![];
        while let Some(Ok(r)) = t.next_row() {
            seen.push((r.pos(), r.get("nama").unwrap().to_string()));
        }
        assert_eq!(seen.len(), 3);
        // Backwards, and forwards again, each row comes back whole with its line.
        for (pos, name) in seen.iter().rev().chain(seen.iter()) {
            let r = t.row_at(*pos).unwrap().unwrap();
            assert_eq!(r.get("nama"), Some(name.as_str()));
            assert_eq!(r.line, pos.line);
        }
        assert_eq!(
            seen.iter().map(|s| s.0.line).collect::<Vec<_>>(),
            vec![2, 4, 5]
        );
    }

    #[test]
    fn a_column_read_twice_refuses_the_file_naming_both_positions() {
        for header in ["NIK;nama;x; nik", "nik;nama;x;NIK "] {
            let e = table_bytes(
                format!("{header}\n1;A;;2\n").as_bytes(),
                &["nik", "nama"],
                &[],
            )
            .err()
            .unwrap();
            let FileFault::DuplicateColumn {
                name,
                first,
                second,
            } = &e.fault
            else {
                panic!("{e:?}");
            };
            assert_eq!((name.as_str(), *first, *second), ("nik", 1, 4));
            assert_eq!(
                e.to_string(),
                "column `nik` appears twice (columns 1 and 4): delete or rename one of them"
            );
        }
        // An optional column too.
        let e = table_bytes(b"nik,alamat,Alamat\n", &["nik"], &["alamat"]).err();
        assert!(matches!(
            e.unwrap().fault,
            FileFault::DuplicateColumn { .. }
        ));
        // A column not read may come twice, and empty header cells are no columns.
        let t = table_bytes(b"x,nik,X,,\n1,2,3,,\n", &["nik"], &["alamat"]).unwrap();
        let mut n = 0;
        t.for_each(|r| {
            assert_eq!(r.unwrap().get("nik"), Some("2"));
            n += 1;
        })
        .unwrap();
        assert_eq!(n, 1);
    }

    #[test]
    fn a_row_not_in_utf8_is_refused_as_such_and_a_header_not_in_utf8_refuses_the_file() {
        // Windows-1252, as Excel saves "CSV": é, and a curly apostrophe.
        let text = b"a;b\n1;Jos\xe9\n2;OK\n3;Ma\x92ruf\n";
        let mut t = table_bytes(text, &["a", "b"], &[]).unwrap();
        let got = read_all(&mut t);
        let not_utf8 = |line| {
            Err(RowError {
                line,
                fault: RowFault::NotUtf8,
            })
        };
        assert_eq!(got[0], not_utf8(2));
        assert_eq!(got[1].as_ref().unwrap().2, "OK");
        assert_eq!(got[2], not_utf8(4));
        let reason = got[0].clone().unwrap_err().reason(Lang::En);
        assert!(
            reason.contains("UTF-8") && reason.contains("CSV UTF-8"),
            "{reason}"
        );

        let e = table_bytes(b"a;b;ket\xe9rangan\n1;2;3\n", &["a", "b"], &[])
            .err()
            .unwrap();
        assert!(matches!(e.fault, FileFault::NotUtf8), "{e:?}");
        assert!(e.to_string().contains("CSV UTF-8"), "{e}");
    }
}
