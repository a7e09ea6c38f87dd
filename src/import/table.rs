//! Reading a CSV file row by row, cells addressed by column name.
//!
//! The file is streamed, never held whole: a million-row KPM extract is read in a few kilobytes
//! of buffer. A row remembers where it starts ([`RowPos`]), so that a second pass can come back
//! to it ([`Table::row_at`]) without keeping it in memory.
//!
//! So is a file with one line of hundreds of megabytes (a lost line end, an unclosed quote that
//! swallows the rest of the file): a record longer than [`MAX_ROW`] (the header: [`MAX_HEADER`])
//! is cut short in the byte stream, before the CSV parser would hold it whole, and refused.
//!
//! Files come as Excel writes them:
//! - The delimiter is the one of `,`, `;` and tab that the header line uses most (outside
//!   quotes).
//! - Text is UTF-8 (a BOM is fine), or Windows-1252, which Excel writes for plain "CSV" on
//!   Windows. A file whose bytes are all UTF-8 is UTF-8. A file that is not is read as
//!   Windows-1252 (its bytes 0x80–0x9F are the characters of that code page, the others
//!   Latin-1), and [`Table::notes`] says so in one line. That is decided row by row as the file
//!   streams by, which gives the same result as deciding for the whole file: a row of plain
//!   ASCII reads the same either way, and a row that is valid UTF-8 with other characters,
//!   in a file that is otherwise Windows-1252, is the one case where the two would differ. Such
//!   a file mixes both (rows pasted from another file): those rows are read as UTF-8, which
//!   they almost surely are (Windows-1252 text seldom makes valid UTF-8), and named in the
//!   note. A row that is neither (a byte Windows-1252 leaves undefined) is refused with how to
//!   save the file as "CSV UTF-8"; a UTF-16 file (Excel's "Unicode Text") is refused whole.
//! - Header cells name columns as operators write them (see `super::columns`); the notes name
//!   the columns read under another name, left aside or not read at all.

use super::columns::Column;
use super::report::Reason;
use crate::i18n::{Lang, number, t, targs};
use std::collections::{HashMap, VecDeque};
use std::fs::File;
use std::io::{Read, Seek, SeekFrom};
use std::os::unix::fs::FileExt;

/// The longest header read, in bytes. A KPM header is under 100 bytes, and a hundred columns of
/// long names stay under 4 KiB: a longer one is the wrong file, or a file without line ends.
pub const MAX_HEADER: u64 = 16 * 1024;
/// The longest data row read, in bytes (line ends inside quotes included). A KPM row is under
/// 300 bytes with a long address; no real row comes near this, while the parser would hold a
/// longer one whole (a 200 MB line of short cells took 1.2 GB). The operator reads
/// "characters": the same for the plain text of these files.
pub const MAX_ROW: u64 = 64 * 1024;

pub struct Table {
    /// The file, as error messages name it.
    path: String,
    lang: Lang,
    columns: HashMap<String, usize>,
    reader: csv::Reader<Lines<Pread>>,
    /// The parser's buffer, holding the current row (`None` only while it is being read).
    record: Option<Record>,
    /// The current row decoded from Windows-1252, when it was not UTF-8.
    decoded: csv::StringRecord,
    /// Notes on the header: columns read under another name, left aside, not read.
    header_notes: Vec<Reason>,
    /// The header was Windows-1252.
    header_1252: bool,
    /// Rows read as Windows-1252, and rows of other characters than ASCII that were UTF-8.
    cp1252: Tally,
    utf8: Tally,
    /// Rows starting before this byte have been counted in the tallies (rows read again by
    /// [`Table::row_at`] are not counted twice).
    tallied_to: u64,
    /// Why reading stopped before the end, if it did.
    failure: Option<std::io::Error>,
}

/// The parser's buffer: a row checked as UTF-8 is text there; a row that is not stays bytes
/// (and its text is in [`Table::decoded`], if it could be decoded).
enum Record {
    Text(csv::StringRecord),
    Bytes(csv::ByteRecord, Decoded),
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Decoded {
    Cp1252,
    /// A byte Windows-1252 leaves undefined.
    Neither,
}

/// How many rows, and the first lines.
#[derive(Debug, Default)]
struct Tally {
    rows: u64,
    lines: Vec<u64>,
}

impl Tally {
    fn add(&mut self, line: u64) {
        self.rows += 1;
        if self.lines.len() < super::report::LINES {
            self.lines.push(line);
        }
    }

    fn lines(&self) -> String {
        let mut l: Vec<String> = self.lines.iter().map(u64::to_string).collect();
        if self.rows > self.lines.len() as u64 {
            l.push("…".into());
        }
        l.join(", ")
    }
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
    /// Byte offset in the file, after the BOM.
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
    /// Neither UTF-8 nor Windows-1252 text (a byte that code page leaves undefined).
    NotUtf8,
    /// Longer than [`MAX_ROW`]. `last` is the line it was cut on: past its first line when a
    /// quote left open ran on over the next lines (the rows there are part of it).
    TooLong { last: u64 },
    /// Anything else the CSV parser refuses.
    Broken,
}

impl RowError {
    /// Why the row is refused.
    pub fn reason(&self) -> Reason {
        let max = MAX_ROW as i64;
        match self.fault {
            RowFault::NotUtf8 => Reason::new("import-reason-not-utf8"),
            RowFault::TooLong { last } if last > self.line => {
                Reason::new("import-reason-row-too-long-quote")
                    .arg("max", max)
                    .arg("last", last as i64)
            }
            RowFault::TooLong { .. } => Reason::new("import-reason-row-too-long").arg("max", max),
            RowFault::Broken => Reason::new("import-reason-broken-row"),
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
    /// The header is neither UTF-8 nor Windows-1252 text.
    NotUtf8,
    /// UTF-16 text (Excel's "Unicode Text"): a BOM says so, or NUL bytes in the header.
    Utf16,
    Empty,
    /// Required columns the header lacks, joined with ", "; and the header cells found, quoted
    /// (`None` when the first line looks like data: a long number in it).
    MissingColumns {
        missing: String,
        found: Option<String>,
    },
    /// The header is longer than [`MAX_HEADER`].
    HeaderTooLong,
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
            FileFault::Utf16 => t(lang, "import-file-utf16"),
            FileFault::Empty => t(lang, "import-file-empty"),
            FileFault::MissingColumns {
                missing,
                found: Some(found),
            } => targs(
                lang,
                "import-file-missing-columns",
                &[
                    ("columns", missing.clone().into()),
                    ("found", found.clone().into()),
                ],
            ),
            FileFault::MissingColumns {
                missing,
                found: None,
            } => targs(
                lang,
                "import-file-no-header",
                &[("columns", missing.clone().into())],
            ),
            FileFault::HeaderTooLong => targs(
                lang,
                "import-file-header-too-long",
                &[("max", (MAX_HEADER as i64).into())],
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

/// Where the CSV parser is, as far as the ends of records go, by the rules of `csv_core`: a
/// quote opens a quoted field only as the field's first byte, `""` in one is a quote, `\r` and
/// `\n` end a record outside quotes, and blank lines are skipped.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Parse {
    /// Between records (on blank lines).
    Between,
    FieldStart,
    Field,
    Quoted,
    /// A quote in a quoted field: the field's end, or the first of `""`.
    QuoteInQuoted,
}

impl Parse {
    fn next(self, b: u8, delimiter: u8) -> Parse {
        let line_end = b == b'\n' || b == b'\r';
        match self {
            Parse::Between if line_end => Parse::Between,
            Parse::Between => Parse::FieldStart.next(b, delimiter),
            Parse::FieldStart if b == b'"' => Parse::Quoted,
            Parse::Quoted if b == b'"' => Parse::QuoteInQuoted,
            Parse::Quoted => Parse::Quoted,
            Parse::QuoteInQuoted if b == b'"' => Parse::Quoted,
            _ if line_end => Parse::Between,
            _ if b == delimiter => Parse::FieldStart,
            _ => Parse::Field,
        }
    }
}

/// Where a non-blank line starts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Start {
    /// Offset among the bytes handed to the parser (as its positions count).
    stream: u64,
    /// Offset in the file, after the BOM.
    file: u64,
    line: u64,
    /// For the first line of a record cut for its length: the line it was cut on.
    cut_on: Option<u64>,
}

/// A reader that notes where each non-blank line starts and its number, as the bytes pass to
/// the CSV parser (which skips blank lines without counting them). The notes are consumed as
/// records are read, so they stay few.
///
/// It also follows the records as the parser will see them, and cuts one that grows longer than
/// its limit: the parser gets a line end there (after a closing quote when in a quoted field),
/// then nothing more of the file up to its next line end. The parser thus never holds more than
/// the limit of a record, and the record's first line is marked (`cut_on`) to be refused.
struct Lines<R> {
    inner: R,
    /// Bytes skipped at the start of the file (a BOM); offsets below are after them.
    base: u64,
    /// Offset in the file of the next byte read from `inner`.
    offset: u64,
    /// Bytes handed to the parser: `offset`, but for what cutting records left out and put in.
    stream: u64,
    /// A record was cut since the last seek: `stream` and `offset` may differ.
    shifted: bool,
    /// Number of the line the next byte belongs to.
    line: u64,
    at_line_start: bool,
    /// The last byte seen was a `\r`: a line end unless a `\n` follows (old Mac files end
    /// lines with `\r` alone, and the CSV parser takes it as one).
    after_cr: bool,
    starts: VecDeque<Start>,
    delimiter: u8,
    parse: Parse,
    /// The record being read: where it starts (as `Start::stream`), its bytes so far, and the
    /// most it may have.
    record: u64,
    record_len: u64,
    limit: u64,
    /// The next record is the header.
    header_next: bool,
    /// Leaving out the rest of a cut record, up to the next line end.
    skipping: bool,
    /// Bytes that end a cut record, to hand over before any more of the file.
    pending: &'static [u8],
}

impl<R> Lines<R> {
    fn new(inner: R, base: u64, delimiter: u8) -> Lines<R> {
        Lines {
            inner,
            base,
            offset: 0,
            stream: 0,
            shifted: false,
            line: 1,
            at_line_start: true,
            after_cr: false,
            starts: VecDeque::new(),
            delimiter,
            parse: Parse::Between,
            record: 0,
            record_len: 0,
            limit: MAX_HEADER,
            header_next: true,
            skipping: false,
            pending: b"",
        }
    }

    /// Hands over as much of `pending` as fits.
    fn emit_pending(&mut self, out: &mut [u8]) -> usize {
        let n = self.pending.len().min(out.len());
        out[..n].copy_from_slice(&self.pending[..n]);
        self.pending = &self.pending[n..];
        n
    }

    /// Cuts the record being read, on `line`: its end goes to the parser next.
    fn cut(&mut self, line: u64) {
        let record = self.record;
        let start = self.starts.iter_mut().rev().find(|s| s.stream == record);
        debug_assert!(start.is_some(), "a record starts on a noted line");
        if let Some(s) = start {
            s.cut_on = Some(line);
        }
        self.pending = if self.parse == Parse::Quoted {
            b"\"\n"
        } else {
            b"\n"
        };
        self.parse = Parse::Between;
        self.skipping = true;
        self.shifted = true;
    }
}

impl<R: Read + Seek> Read for Lines<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        if !self.pending.is_empty() {
            let n = self.emit_pending(buf);
            self.stream += n as u64;
            return Ok(n);
        }
        loop {
            let n = self.inner.read(buf)?;
            if n == 0 {
                self.skipping = false;
                return Ok(0);
            }
            // Bytes kept are moved to the front of `buf`, the others left out.
            let mut kept = 0;
            let mut i = 0;
            while i < n {
                let b = buf[i];
                // Within a line, a run of bytes changes nothing but where the parser is in the
                // record and its length (or is left out whole): taken at once, the loop costs
                // little more than the parser's own.
                if !self.after_cr && !self.at_line_start && b != b'\n' && b != b'\r' {
                    if self.skipping {
                        while i < n && buf[i] != b'\n' && buf[i] != b'\r' {
                            i += 1;
                        }
                        continue;
                    }
                    let room = self.limit.saturating_sub(self.record_len) as usize;
                    if self.parse != Parse::Between && room > 0 {
                        let end = n.min(i.saturating_add(room));
                        let delimiter = self.delimiter;
                        // Outside quotes, only a quote needs to know whether it opens a field
                        // (after a delimiter): `parse` is exact at the run's start and after a
                        // quote, and settled from the byte before where needed.
                        let exact = |parse: Parse, j: usize, buf: &[u8]| match parse {
                            Parse::Field | Parse::FieldStart if j > i => {
                                if buf[j - 1] == delimiter {
                                    Parse::FieldStart
                                } else {
                                    Parse::Field
                                }
                            }
                            parse => parse,
                        };
                        let mut j = i;
                        let mut parse = self.parse;
                        while j < end {
                            let c = buf[j];
                            if c == b'\n' || c == b'\r' {
                                break;
                            }
                            if c == b'"' || parse == Parse::QuoteInQuoted {
                                parse = exact(parse, j, buf).next(c, delimiter);
                            }
                            j += 1;
                        }
                        parse = exact(parse, j, buf);
                        if kept != i {
                            buf.copy_within(i..j, kept);
                        }
                        kept += j - i;
                        self.record_len += (j - i) as u64;
                        self.parse = parse;
                        i = j;
                        continue;
                    }
                }
                let line_end = b == b'\n' || b == b'\r';
                if self.skipping && line_end {
                    self.skipping = false;
                }
                let mut next = self.parse;
                if !self.skipping {
                    next = self.parse.next(b, self.delimiter);
                    let continues = self.parse != Parse::Between && next != Parse::Between;
                    if continues && self.record_len + 1 > self.limit {
                        let line = if self.after_cr && b != b'\n' {
                            self.line + 1
                        } else {
                            self.line
                        };
                        self.cut(line);
                        // The record's end first; the file again from this byte on (left out
                        // up to the line end).
                        self.offset += i as u64;
                        self.inner.seek(SeekFrom::Start(self.base + self.offset))?;
                        kept += self.emit_pending(&mut buf[kept..]);
                        self.stream += kept as u64;
                        return Ok(kept);
                    }
                }
                i += 1;
                if self.after_cr && b != b'\n' {
                    self.line += 1;
                    self.at_line_start = true;
                }
                self.after_cr = b == b'\r';
                if self.skipping {
                    self.at_line_start = false;
                    continue;
                }
                if self.parse == Parse::Between && next != Parse::Between {
                    self.record = self.stream + kept as u64;
                    self.record_len = 0;
                    self.limit = if std::mem::take(&mut self.header_next) {
                        MAX_HEADER
                    } else {
                        MAX_ROW
                    };
                }
                if next != Parse::Between {
                    self.record_len += 1;
                }
                self.parse = next;
                if b == b'\n' {
                    self.line += 1;
                    self.at_line_start = true;
                } else if self.at_line_start && b != b'\r' {
                    self.starts.push_back(Start {
                        stream: self.stream + kept as u64,
                        file: self.offset + i as u64 - 1,
                        line: self.line,
                        cut_on: None,
                    });
                    self.at_line_start = false;
                }
                buf[kept] = b;
                kept += 1;
            }
            self.offset += n as u64;
            self.stream += kept as u64;
            if kept > 0 {
                return Ok(kept);
            }
            // All left out: read on (an empty read would end the file for the parser).
        }
    }
}

impl<R: Seek> Seek for Lines<R> {
    fn seek(&mut self, pos: SeekFrom) -> std::io::Result<u64> {
        let SeekFrom::Start(at) = pos else {
            return Err(std::io::Error::other("only absolute seeks"));
        };
        self.inner.seek(SeekFrom::Start(self.base + at))?;
        self.offset = at;
        self.stream = at;
        self.shifted = false;
        self.at_line_start = true;
        self.after_cr = false;
        self.starts.clear();
        self.parse = Parse::Between;
        self.record_len = 0;
        self.header_next = false;
        self.skipping = false;
        self.pending = b"";
        Ok(at)
    }
}

impl<R> Lines<R> {
    /// The line of a record that starts at `byte` of the stream (possibly on blank lines before
    /// it): where it really starts, and its number.
    fn line_of(&mut self, byte: u64) -> Option<Start> {
        while let Some(&start) = self.starts.front() {
            if start.stream >= byte {
                return Some(start);
            }
            self.starts.pop_front();
        }
        None
    }
}

impl Table {
    /// Opens a file whose header must name the `required` columns and may name the
    /// `optional` ones, under any of their names; a column named twice at the same rank
    /// refuses the file (see `super::columns`; a column not read may come twice).
    pub fn open(
        path: &std::path::Path,
        required: &[&Column],
        optional: &[&Column],
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
        if head.starts_with(&[0xFF, 0xFE]) || head.starts_with(&[0xFE, 0xFF]) {
            return Err(fail(FileFault::Utf16));
        }
        let base = if head.starts_with(&[0xEF, 0xBB, 0xBF]) {
            3
        } else {
            0
        };
        let head = &head[base as usize..];
        let first_line = head.split(|&b| b == b'\n').next().unwrap_or(&[]);
        if first_line.contains(&0) {
            // UTF-16 without a BOM: every other byte of ASCII text is NUL.
            return Err(fail(FileFault::Utf16));
        }
        if first_line.iter().all(u8::is_ascii_whitespace) {
            return Err(fail(FileFault::Empty));
        }
        let delimiter = delimiter_of(first_line);
        let lines = Lines::new(
            Pread {
                file,
                pos: base,
                chunk: FILE_CHUNK,
            },
            base,
            delimiter,
        );
        let mut reader = csv::ReaderBuilder::new()
            .delimiter(delimiter)
            .buffer_capacity(FILE_CHUNK)
            .flexible(true)
            .has_headers(true)
            .from_reader(lines);
        let headers = reader.byte_headers().cloned();
        if reader
            .get_mut()
            .line_of(0)
            .is_some_and(|s| s.cut_on.is_some())
        {
            return Err(fail(FileFault::HeaderTooLong));
        }
        let headers = headers.map_err(|e| match e.kind() {
            csv::ErrorKind::Io(e) => io(std::io::Error::new(e.kind(), e.to_string())),
            _ => io(std::io::Error::other(e.to_string())),
        })?;
        let mut header_1252 = false;
        let mut cells = Vec::with_capacity(headers.len());
        for cell in headers.iter() {
            match std::str::from_utf8(cell) {
                Ok(text) => cells.push(text.to_string()),
                Err(_) => {
                    header_1252 = true;
                    let mut text = String::new();
                    if !super::cp1252::decode(cell, &mut text) {
                        return Err(fail(FileFault::NotUtf8));
                    }
                    cells.push(text);
                }
            }
        }
        let (columns, header_notes) =
            super::columns::map(&cells, required, optional).map_err(fail)?;
        Ok(Table {
            path: name,
            lang,
            columns,
            reader,
            record: None,
            decoded: csv::StringRecord::new(),
            header_notes,
            header_1252,
            cp1252: Tally::default(),
            utf8: Tally::default(),
            tallied_to: 0,
            failure: None,
        })
    }

    /// What the operator should know of the file as a whole, once its rows have been read:
    /// that it was read as Windows-1252 (and which rows were UTF-8 nonetheless), and the
    /// columns read under another name, left aside or not read.
    pub fn notes(&self) -> Vec<Reason> {
        let lang = self.lang;
        let mut out = vec![];
        if self.header_1252 || self.cp1252.rows > 0 {
            let rows = self.cp1252.rows + u64::from(self.header_1252);
            let first = if self.header_1252 {
                1
            } else {
                self.cp1252.lines[0]
            };
            out.push(
                Reason::new("import-note-cp1252")
                    .arg("rows", number(lang, rows as i64))
                    .arg("count", rows as i64)
                    .arg("line", first.to_string()),
            );
            if self.utf8.rows > 0 {
                out.push(
                    Reason::new("import-note-mixed")
                        .arg("rows", number(lang, self.utf8.rows as i64))
                        .arg("count", self.utf8.rows as i64)
                        .arg("lines", self.utf8.lines()),
                );
            }
        }
        out.extend(self.header_notes.iter().cloned());
        out
    }

    pub fn has_column(&self, column: &str) -> bool {
        self.columns.contains_key(column)
    }

    /// Why reading stopped before the end of the file (a disk error), if it did: the rows read
    /// so far are then not the whole file.
    pub fn failure(&mut self) -> Option<std::io::Error> {
        self.failure.take()
    }

    /// Where the record at `byte` of the stream starts (`fallback`: the parser's line).
    fn start_of(&mut self, byte: u64, fallback: u64) -> Start {
        self.reader.get_mut().line_of(byte).unwrap_or(Start {
            stream: byte,
            file: byte,
            line: fallback,
            cut_on: None,
        })
    }

    /// The next data row: `Ok(row)`, or `Err` for a row that cannot be read (not UTF-8, too
    /// long); `None` at the end of the file (or when it can no longer be read: see
    /// [`Table::failure`]).
    pub fn next_row(&mut self) -> Option<Result<Row<'_>, RowError>> {
        loop {
            let fallback = self.reader.position().line();
            match self.read_record() {
                Ok(false) => return None,
                Ok(true) => {
                    let (byte, decoded) = match &self.record {
                        Some(Record::Text(r)) => (r.position().map_or(0, |p| p.byte()), None),
                        Some(Record::Bytes(r, d)) => {
                            (r.position().map_or(0, |p| p.byte()), Some(*d))
                        }
                        None => unreachable!("a record was read"),
                    };
                    let start = self.start_of(byte, fallback);
                    if let Some(last) = start.cut_on {
                        return Some(Err(RowError {
                            line: start.line,
                            fault: RowFault::TooLong { last },
                        }));
                    }
                    if decoded == Some(Decoded::Neither) {
                        return Some(Err(RowError {
                            line: start.line,
                            fault: RowFault::NotUtf8,
                        }));
                    }
                    if self.text().iter().all(|c| c.trim().is_empty()) {
                        continue;
                    }
                    // Each row once, as the file is first read through.
                    if start.file >= self.tallied_to {
                        self.tallied_to = start.file + 1;
                        if decoded.is_some() {
                            self.cp1252.add(start.line);
                        } else if !self.text().as_byte_record().as_slice().is_ascii() {
                            self.utf8.add(start.line);
                        }
                    }
                    return Some(Ok(Row {
                        line: start.line,
                        byte: start.file,
                        record: self.text(),
                        columns: &self.columns,
                    }));
                }
                Err(e) => {
                    let start = e.position().map(|p| self.start_of(p.byte(), fallback));
                    let line = start.map_or(fallback, |s| s.line);
                    let fault = match (start.and_then(|s| s.cut_on), e.kind()) {
                        (_, csv::ErrorKind::Io(io)) => {
                            tracing::error!(line, error = %e, "reading stopped");
                            self.failure = Some(std::io::Error::new(io.kind(), io.to_string()));
                            return None;
                        }
                        (Some(last), _) => RowFault::TooLong { last },
                        (None, _) => RowFault::Broken,
                    };
                    return Some(Err(RowError { line, fault }));
                }
            }
        }
    }

    /// The current row's text.
    fn text(&self) -> &csv::StringRecord {
        match &self.record {
            Some(Record::Text(r)) => r,
            _ => &self.decoded,
        }
    }

    /// Reads the next record into the parser's buffer: as text when it is UTF-8, else as bytes
    /// with its text decoded from Windows-1252 into `decoded`. The buffer moves between the
    /// two forms without a copy.
    fn read_record(&mut self) -> csv::Result<bool> {
        let mut bytes = match self.record.take() {
            Some(Record::Text(r)) => r.into_byte_record(),
            Some(Record::Bytes(r, _)) => r,
            None => csv::ByteRecord::new(),
        };
        let read = self.reader.read_byte_record(&mut bytes);
        if !matches!(read, Ok(true)) {
            self.record = Some(Record::Bytes(bytes, Decoded::Neither));
            return read;
        }
        self.record = Some(match csv::StringRecord::from_byte_record(bytes) {
            Ok(text) => Record::Text(text),
            Err(e) => {
                let bytes = e.into_byte_record();
                let decoded = decode_record(&bytes, &mut self.decoded);
                Record::Bytes(bytes, decoded)
            }
        });
        Ok(true)
    }

    /// The row that starts at `pos` (from an earlier pass over the same file). Reading rows in
    /// file order costs no more than [`Table::next_row`]; a jump costs one small read.
    pub fn row_at(&mut self, pos: RowPos) -> Option<Result<Row<'_>, RowError>> {
        // Once a record was cut, the parser's offsets are no longer the file's.
        if self.reader.get_ref().shifted || self.reader.position().byte() != pos.byte {
            let lines = self.reader.get_mut();
            lines.inner.chunk = ROW_CHUNK;
            lines.line = pos.line;
            let mut p = csv::Position::new();
            p.set_byte(pos.byte).set_line(pos.line);
            if let Err(e) = self.reader.seek_raw(SeekFrom::Start(pos.byte), p) {
                tracing::error!(error = %e, "seek in the file failed");
                self.failure = Some(std::io::Error::other(e.to_string()));
                return None;
            }
        }
        self.next_row()
    }

    /// Calls `f` for each data row; an error when the file could not be read to its end.
    pub fn for_each(
        &mut self,
        mut f: impl FnMut(Result<Row<'_>, RowError>),
    ) -> Result<(), TableError> {
        while let Some(row) = self.next_row() {
            f(row);
        }
        match self.failure.take() {
            Some(source) => Err(TableError {
                fault: FileFault::Io {
                    path: self.path.clone(),
                    source,
                },
                lang: self.lang,
            }),
            None => Ok(()),
        }
    }
}

/// The delimiter a header line uses: the one of tab, `;` and `,` found most often outside
/// quotes (on a tie in that order; a comma when there is none).
fn delimiter_of(line: &[u8]) -> u8 {
    let mut counts = [0usize; 3];
    let mut quoted = false;
    for &b in line {
        match b {
            b'"' => quoted = !quoted,
            b'\t' if !quoted => counts[0] += 1,
            b';' if !quoted => counts[1] += 1,
            b',' if !quoted => counts[2] += 1,
            _ => {}
        }
    }
    let best = counts.iter().copied().max().unwrap_or(0);
    match counts.iter().position(|&c| c == best) {
        _ if best == 0 => b',',
        Some(0) => b'\t',
        Some(1) => b';',
        _ => b',',
    }
}

/// A record's text decoded from Windows-1252 into `out` (with its position).
fn decode_record(bytes: &csv::ByteRecord, out: &mut csv::StringRecord) -> Decoded {
    out.clear();
    out.set_position(bytes.position().cloned());
    let mut cell = String::new();
    for field in bytes {
        cell.clear();
        if !super::cp1252::decode(field, &mut cell) {
            out.clear();
            return Decoded::Neither;
        }
        out.push_field(&cell);
    }
    Decoded::Cp1252
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Columns of these names, without other names.
    fn plain(names: &[&str]) -> Vec<&'static Column> {
        names
            .iter()
            .map(|n| {
                let name: &'static str = Box::leak(n.to_string().into_boxed_str());
                &*Box::leak(Box::new(Column { name, aliases: &[] }))
            })
            .collect()
    }

    fn table_bytes(text: &[u8], required: &[&str], optional: &[&str]) -> Result<Table, TableError> {
        table_of(text, &plain(required), &plain(optional))
    }

    fn table_of(
        text: &[u8],
        required: &[&Column],
        optional: &[&Column],
    ) -> Result<Table, TableError> {
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
        let mut t = table(text, required).unwrap();
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
    fn a_row_longer_than_the_limit_is_refused_by_its_line_and_the_rows_after_it_are_read() {
        let long = "x".repeat(3 * FILE_CHUNK + 5);
        for end in ["\n", "\r\n", "\r"] {
            let text = format!("a,b{end}1,A{end}2,{long}{end}{end}3,C{end}4,\"D{end}E\"{end}5,F");
            let mut t = table(&text, &["a", "b"]).unwrap();
            let got = read_all(&mut t);
            let summary: Vec<_> = got
                .iter()
                .map(|r| {
                    r.as_ref()
                        .map(|(line, _, b)| (*line, b.clone()))
                        .map_err(|e| *e)
                })
                .collect();
            assert_eq!(
                summary,
                vec![
                    Ok((2, "A".to_string())),
                    Err(RowError {
                        line: 3,
                        fault: RowFault::TooLong { last: 3 }
                    }),
                    Ok((5, "C".to_string())),
                    Ok((6, format!("D{end}E"))),
                    Ok((8, "F".to_string())),
                ],
                "line end {end:?}"
            );
            // The rows around it are read again from where they start, in any order.
            let good: Vec<_> = got.into_iter().filter_map(Result::ok).collect();
            for (line, pos, b) in good.iter().rev().chain(good.iter()) {
                let r = t.row_at(*pos).unwrap().unwrap();
                assert_eq!((r.line, r.get("b").unwrap()), (*line, b.as_str()));
            }
        }
    }

    #[test]
    fn a_row_of_exactly_the_limit_is_read_and_one_byte_more_is_refused_wherever_it_falls() {
        let limit = MAX_ROW as usize;
        // Rows before it move the place the parser's buffer ends in the row (its cut falls on
        // the end of the second 64 KiB read after 65,529 bytes).
        for before in [
            0,
            1,
            7,
            1000,
            FILE_CHUNK - 8,
            FILE_CHUNK - 7,
            FILE_CHUNK - 6,
        ] {
            for (len, quoted) in [(limit, false), (limit + 1, false), (limit + 1, true)] {
                let cell = if quoted {
                    format!("\"{}\"", "y".repeat(len - 4))
                } else {
                    "y".repeat(len - 2)
                };
                let text = format!("a,b\n0,{}\n1,{cell}\n2,Z\n", "p".repeat(before));
                let mut t = table(&text, &["a", "b"]).unwrap();
                let got = read_all(&mut t);
                assert_eq!(got.len(), 3, "{before} {len}");
                if len <= limit {
                    assert_eq!(got[1].as_ref().unwrap().2.len(), len - 2);
                } else {
                    let fault = RowFault::TooLong { last: 3 };
                    assert_eq!(got[1], Err(RowError { line: 3, fault }), "{before} {len}");
                }
                assert_eq!(got[2].as_ref().unwrap().0, 4);
                assert_eq!(got[2].as_ref().unwrap().2, "Z");
            }
        }
    }

    #[test]
    fn quotes_are_followed_as_the_parser_reads_them_and_no_good_row_is_cut() {
        // Were the quotes followed wrongly, rows would run together past the limit.
        let rows = [
            "1,\"a,b\"",
            "2,x\"y",
            "3,\"he said \"\"hi\"\"\"",
            "4,\"two\nlines\"",
            "5,\"q\"tail",
            "6,\"\"",
            "7,\"\"\"\"",
            "8,\"a\r\nb\",c",
            "9,z\"",
        ];
        let mut text = String::from("a,b\n");
        for r in rows {
            text += r;
            text += "\r\n";
            // More than the limit of rows without quotes after each.
            for i in 0..8_000 {
                text += &format!("{i},plain\r\n");
            }
        }
        let mut t = table(&text, &["a", "b"]).unwrap();
        let got: Vec<String> = read_all(&mut t).into_iter().map(|r| r.unwrap().2).collect();
        let mut plain = csv::ReaderBuilder::new()
            .flexible(true)
            .from_reader(text.as_bytes());
        let expected: Vec<String> = plain
            .records()
            .map(|r| r.unwrap()[1].trim().to_string())
            .collect();
        assert_eq!(got.len(), 9 * 8_001);
        assert_eq!(got, expected);
    }

    #[test]
    fn a_row_cut_in_the_middle_of_a_character_is_refused_as_too_long() {
        // "2,x" then two-byte characters: the limit falls inside one.
        let long = "é".repeat(MAX_ROW as usize);
        let text = format!("a,b\n2,x{long}\n3,A\n");
        let mut t = table(&text, &["a", "b"]).unwrap();
        let got = read_all(&mut t);
        let fault = RowFault::TooLong { last: 2 };
        assert_eq!(got[0], Err(RowError { line: 2, fault }));
        assert_eq!(got[1].as_ref().unwrap().2, "A");
    }

    #[test]
    fn a_row_read_again_after_a_cut_is_that_row_though_the_offsets_no_longer_agree() {
        // The cut leaves 5 bytes out and puts a line end in: the parser's offset after row 3
        // is row 3's own start in the file.
        let long = "y".repeat(MAX_ROW as usize - 2 + 5);
        let text = format!("a,b\n2,{long}\n3,A\n4,C\n");
        let mut t = table(&text, &["a", "b"]).unwrap();
        assert!(t.next_row().unwrap().is_err());
        let pos = t.next_row().unwrap().unwrap().pos();
        assert_eq!(t.reader.position().byte(), pos.byte);
        let r = t.row_at(pos).unwrap().unwrap();
        assert_eq!((r.line, r.get("b")), (3, Some("A")));
    }

    #[test]
    fn an_unclosed_quote_is_cut_at_the_limit_and_names_the_lines_it_ran_over() {
        let mut text = String::from("a,b\n1,\"A\n");
        for i in 0..30_000 {
            text += &format!("{i},B\n");
        }
        let mut t = table(&text, &["a", "b"]).unwrap();
        let got = read_all(&mut t);
        let Err(RowError {
            line: 2,
            fault: RowFault::TooLong { last },
        }) = got[0]
        else {
            panic!("{:?}", got[0]);
        };
        assert!(last > 2, "{last}");
        // The rows after the line it was cut on are read, with their lines.
        let after: Vec<u64> = got[1..].iter().map(|r| r.as_ref().unwrap().0).collect();
        assert_eq!(after, ((last + 1)..=30_002).collect::<Vec<_>>());
        let reason = got[0].clone().unwrap_err().reason().text(Lang::En);
        assert!(
            reason.contains(&last.to_string()) && reason.contains("quote"),
            "{reason}"
        );
    }

    #[test]
    fn the_parser_is_handed_no_more_of_a_long_row_than_the_limit() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("t.csv");
        let long = "z".repeat(10 << 20);
        std::fs::write(&path, format!("a,b\n1,A\n2,{long}\n3,C\n")).unwrap();
        let file = File::open(&path).unwrap();
        let inner = Pread {
            file,
            pos: 0,
            chunk: FILE_CHUNK,
        };
        let mut lines = Lines::new(inner, 0, b',');
        let mut buf = vec![0u8; FILE_CHUNK];
        let mut handed = vec![];
        loop {
            let n = lines.read(&mut buf).unwrap();
            if n == 0 {
                break;
            }
            handed.extend_from_slice(&buf[..n]);
        }
        let expected = format!("a,b\n1,A\n2,{}\n\n3,C\n", &long[..MAX_ROW as usize - 2]);
        assert_eq!(handed.len(), expected.len());
        assert!(handed == expected.as_bytes());
    }

    #[test]
    fn a_header_longer_than_the_limit_refuses_the_file() {
        let limit = MAX_HEADER as usize;
        let header = format!("a,b{}", " ".repeat(limit - 3));
        let r = rows(&format!("{header}\n1,A\n"), &["a", "b"]);
        assert_eq!(r.len(), 1, "a header of exactly the limit is read");
        for long in [format!("{header} "), format!("a,b{}", "x".repeat(1 << 20))] {
            let e = table(&format!("{long}\n1,A\n"), &["a", "b"]).err().unwrap();
            assert!(matches!(e.fault, FileFault::HeaderTooLong), "{e:?}");
            assert!(e.to_string().contains(&MAX_HEADER.to_string()), "{e}");
        }
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
        let mut t = table_bytes(b"x,nik,X,,\n1,2,3,,\n", &["nik"], &["alamat"]).unwrap();
        let mut n = 0;
        t.for_each(|r| {
            assert_eq!(r.unwrap().get("nik"), Some("2"));
            n += 1;
        })
        .unwrap();
        assert_eq!(n, 1);
    }

    #[test]
    fn a_windows_1252_file_is_read_and_said_so_in_one_note() {
        // Excel's plain "CSV": é is E9, a curly apostrophe 92, the euro sign 80; the header too.
        let text = b"a;b;ket\xe9rangan\r\n1;Jos\xe9\r\n2;OK\r\n3;Ma\x92ruf \x80\r\n";
        let mut t = table_bytes(text, &["a", "b"], &["keterangan"]).unwrap();
        let got = read_all(&mut t);
        let cells: Vec<String> = got.into_iter().map(|r| r.unwrap().2).collect();
        assert_eq!(cells, ["José", "OK", "Ma’ruf €"]);
        let notes: Vec<String> = t.notes().iter().map(|n| n.text(Lang::En)).collect();
        assert!(
            notes[0].contains("Windows-1252") && notes[0].contains("CSV UTF-8"),
            "{notes:?}"
        );
        // The header and rows 2 and 4.
        assert!(
            notes[0].contains("3 lines") && notes[0].contains("line 1"),
            "{notes:?}"
        );
        // Rows read again come back decoded, and are not counted twice.
        let mut t = table_bytes(text, &["a", "b"], &[]).unwrap();
        let pos: Vec<RowPos> = read_all(&mut t).into_iter().map(|r| r.unwrap().1).collect();
        for p in pos.iter().rev() {
            assert!(t.row_at(*p).unwrap().is_ok());
        }
        assert_eq!(t.row_at(pos[0]).unwrap().unwrap().get("b"), Some("José"));
        assert_eq!(t.cp1252.rows, 2);
    }

    #[test]
    fn a_file_mixing_utf8_and_windows_1252_rows_reads_each_and_names_the_utf8_ones() {
        let text = "a,b\n1,Renée\n2,plain\n".as_bytes().to_vec();
        let text = [text, b"3,Ren\xe9e\n4,Andr\xc3\xa9\n".to_vec()].concat();
        let mut t = table_bytes(&text, &["a", "b"], &[]).unwrap();
        let cells: Vec<String> = read_all(&mut t).into_iter().map(|r| r.unwrap().2).collect();
        assert_eq!(cells, ["Renée", "plain", "Renée", "André"]);
        let notes: Vec<String> = t.notes().iter().map(|n| n.text(Lang::En)).collect();
        assert_eq!(notes.len(), 2, "{notes:?}");
        assert!(notes[1].contains("lines 2, 5"), "{notes:?}");
        // A file all UTF-8 has no note.
        let mut t = table_bytes("a,b\n1,Renée\n".as_bytes(), &["a", "b"], &[]).unwrap();
        read_all(&mut t);
        assert!(t.notes().is_empty());
    }

    #[test]
    fn text_that_is_neither_utf8_nor_windows_1252_is_refused_with_how_to_save_it() {
        // 0x81 is undefined in Windows-1252.
        let mut t = table_bytes(b"a;b\n1;x\x81y\n2;OK\n", &["a", "b"], &[]).unwrap();
        let got = read_all(&mut t);
        let fault = RowFault::NotUtf8;
        assert_eq!(got[0], Err(RowError { line: 2, fault }));
        assert_eq!(got[1].as_ref().unwrap().2, "OK");
        let reason = got[0].clone().unwrap_err().reason().text(Lang::En);
        assert!(reason.contains("CSV UTF-8"), "{reason}");
        let e = table_bytes(b"a;b;x\x81\n1;2;3\n", &["a", "b"], &[])
            .err()
            .unwrap();
        assert!(matches!(e.fault, FileFault::NotUtf8), "{e:?}");
        // Excel's "Unicode Text" is UTF-16, with or without its BOM.
        let utf16: Vec<u8> = "a\tb\n1\t2\n"
            .encode_utf16()
            .flat_map(u16::to_le_bytes)
            .collect();
        for bytes in [[vec![0xFF, 0xFE], utf16.clone()].concat(), utf16] {
            let e = table_bytes(&bytes, &["a", "b"], &[]).err().unwrap();
            assert!(matches!(e.fault, FileFault::Utf16), "{e:?}");
            assert!(e.to_string().contains("CSV UTF-8"), "{e}");
        }
    }

    #[test]
    fn tabs_are_read_like_semicolons_and_delimiters_in_quotes_do_not_count() {
        let r = rows(
            "kode\tnama\r\n32.15\t\"Karawang, Barat\"\r\n",
            &["kode", "nama"],
        );
        assert_eq!(
            r[0].1,
            [Some("32.15".into()), Some("Karawang, Barat".into())]
        );
        // Two commas inside quotes, one semicolon outside.
        let r = rows("\"Desa, Kel, x\";nama\n1;A\n", &["nama"]);
        assert_eq!(r[0].1, [Some("A".into())]);
        assert_eq!(delimiter_of(b"a,b;c\td"), b'\t');
        assert_eq!(delimiter_of(b"a,b;c"), b';');
        assert_eq!(delimiter_of(b"abc"), b',');
    }

    #[test]
    fn columns_are_found_under_the_names_operators_write_and_the_notes_say_which() {
        use crate::import::columns::{KELURAHAN, NIK, NO_KK, PERSON_NAME};
        let text = b"No.;NIK KTP;Nama Lengkap;Nama KRT;No. KK;Desa/Kelurahan;Tgl Lahir\n\
                     1;3215011203950007;FITRI;BUDI;3215010101200003;Nagasari;1995-03-12\n";
        let mut t = table_of(text, &[&NIK, &PERSON_NAME, &NO_KK, &KELURAHAN], &[]).unwrap();
        let notes: Vec<String> = t.notes().iter().map(|n| n.text(Lang::En)).collect();
        let row = t.next_row().unwrap().unwrap();
        assert_eq!(row.get("nama"), Some("FITRI"));
        assert_eq!(row.get("kelurahan"), Some("Nagasari"));
        assert_eq!(row.get("no_kk"), Some("3215010101200003"));
        assert_eq!(notes.len(), 3, "{notes:?}");
        assert!(
            notes[0].contains(r#"nik ← "NIK KTP""#)
                && notes[0].contains(r#"kelurahan ← "Desa/Kelurahan""#),
            "{notes:?}"
        );
        assert!(
            notes[1].contains(r#""Nama KRT""#) && notes[1].contains(r#""Nama Lengkap""#),
            "{notes:?}"
        );
        assert!(notes[2].contains(r#""No.", "Tgl Lahir""#), "{notes:?}");
        // The canonical name wins over another name; two cells of one rank refuse the file.
        let t = table_of(
            b"nama;Nama Lengkap;nik;no_kk;desa\n",
            &[&NIK, &PERSON_NAME, &NO_KK, &KELURAHAN],
            &[],
        );
        assert!(t.is_ok());
        let columns = [&NIK, &PERSON_NAME, &NO_KK, &KELURAHAN];
        let e = table_of(b"Desa;nik;nama;no_kk;Desa\n", &columns, &[])
            .err()
            .unwrap();
        assert!(
            matches!(
                e.fault,
                FileFault::DuplicateColumn {
                    first: 1,
                    second: 5,
                    ..
                }
            ),
            "{e:?}"
        );
        // Beside a better name, both are left aside.
        let t = table_of(b"Desa;Kelurahan/Desa;nik;nama;no_kk;Desa\n", &columns, &[]).unwrap();
        assert_eq!(t.columns["kelurahan"], 1);
    }

    #[test]
    fn missing_columns_are_named_with_the_headers_found_but_never_a_data_row() {
        let e = table("kode;x;Nama Desa\n", &["kode", "nama"])
            .err()
            .unwrap();
        let text = e.to_string();
        assert!(
            text.contains("nama") && text.contains(r#""kode", "x", "Nama Desa""#),
            "{text}"
        );
        // A file without its header: the first row is not quoted back.
        let e = table("3215011203950007;FITRI\n", &["nik", "nama"])
            .err()
            .unwrap();
        let text = e.to_string();
        assert!(
            !text.contains("FITRI") && !text.contains("3215011203950007"),
            "{text}"
        );
        assert!(text.contains("header line"), "{text}");
    }
}
