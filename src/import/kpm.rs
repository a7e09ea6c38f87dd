//! `kesos-bot import kpm FILE`: KPM (beneficiary families) from the DTKS extract.
//!
//! Columns: `nik`, `nama`, `no_kk`, `kelurahan` (name or Kemendagri code), `program` (several
//! joined with `|`); optional `alamat`, `rt`, `rw`, `status_kks`, `aktif`, `desil`. One row per
//! person; households are grouped by `no_kk`. NIK and No. KK are kept only as keyed hashes and
//! masked forms.
//!
//! Memory stays small whatever the file's size: the file is streamed, never held, and read in
//! three passes (see `read`).
//! 1. Every row is checked; of a good row only 40 bytes are kept (`Seen`: prefixes of its keyed
//!    hashes and where it starts). Sorting those finds a NIK given twice and groups the rows of
//!    each household.
//! 2. Households are read again in the order of their keyed hash and handed in batches to a
//!    writer that runs beside the reader: it skips those whose data did not change (a
//!    fingerprint) and writes the others.
//! 3. Members of the households written are read again in the order of their keyed hash.
//!
//! Writing in key order lets the indexes on the hashes grow at their end. Everything is one
//! transaction: an import lands whole or not at all.
//!
//! Counts are of rows: a row is `added`, `updated` or `unchanged` as its household is.

use super::ImportReport;
use super::table::{Row, RowPos, Table};
use crate::domain::nik::{KkNumber, Nik};
use crate::i18n::{Lang, t, targs};
use crate::store::keyed::Keyed;
use crate::store::{Backend, Db, now};
use sha2::{Digest, Sha256};
use sqlx::AssertSqlSafe;
use std::collections::HashMap;
use std::hash::{Hash, Hasher};

const REQUIRED: [&str; 5] = ["nik", "nama", "no_kk", "kelurahan", "program"];
/// Read when present.
const OPTIONAL: [&str; 6] = ["alamat", "rt", "rw", "status_kks", "aktif", "desil"];
/// Households (or members) handed to the writer at a time.
const BATCH: usize = 4_000;
/// Rows per statement on PostgreSQL, where they travel as one JSON parameter ([`insert_rows`]).
const ROWS_PER_STATEMENT: usize = 2_000;
/// Page cache of the SQLite connection during the import, in KiB.
const IMPORT_CACHE_KIB: i64 = 8 * 1024;
const MAX_NAME: usize = 100;
const MAX_TEXT: usize = 200;

/// KKS card statuses as stored; the import accepts a few spellings of each.
pub const KKS_STATUSES: [&str; 4] = ["aktif", "belum_terdistribusi", "bermasalah", "tidak_ada"];

/// (program index, active, KKS status index)
type ProgramEntry = (u8, bool, Option<u8>);

struct Member {
    nik_hash: [u8; 32],
    masked: String,
    name: Box<str>,
}

impl Member {
    fn of(p: &Parsed<'_>, keyed: &Keyed) -> Member {
        Member {
            nik_hash: keyed.nik_raw(&p.nik),
            masked: p.nik.masked(),
            name: p.name.into(),
        }
    }
}

struct Household {
    kk_key: [u8; 32],
    kk_masked: String,
    /// The line of its first row (for a conflicting later row's reason).
    line: u64,
    kelurahan: u32,
    address: Option<Box<str>>,
    rt: Option<Box<str>>,
    rw: Option<Box<str>>,
    desil: Option<i64>,
    programs: Vec<ProgramEntry>,
    members: Vec<Member>,
    rows: u64,
    fingerprint: u64,
}

impl Household {
    fn new(p: &Parsed<'_>, keyed: &Keyed, line: u32) -> Household {
        Household {
            kk_key: keyed.kk_raw(&p.kk),
            kk_masked: p.kk.masked(),
            line: u64::from(line),
            kelurahan: p.kelurahan,
            address: None,
            rt: None,
            rw: None,
            desil: None,
            programs: vec![],
            members: vec![],
            rows: 0,
            fingerprint: 0,
        }
    }

    /// Adds a row of this household: the first value given wins for the address fields.
    fn add(&mut self, p: &Parsed<'_>, keyed: &Keyed) {
        self.address = self.address.take().or_else(|| text_cell(p.address));
        self.rt = self.rt.take().or_else(|| text_cell(p.rt));
        self.rw = self.rw.take().or_else(|| text_cell(p.rw));
        self.desil = self.desil.or(p.desil);
        for &prog in &p.programs {
            match self.programs.iter_mut().find(|x| x.0 == prog.0) {
                // A program listed on several rows is active when any row says so.
                Some(x) => {
                    x.1 |= prog.1;
                    x.2 = x.2.or(prog.2);
                }
                None => self.programs.push(prog),
            }
        }
        self.members.push(Member::of(p, keyed));
        self.rows += 1;
    }

    /// Active while any of its programs is.
    fn active(&self) -> bool {
        self.programs.iter().any(|p| p.1)
    }

    /// A digest of everything stored of the household, to skip it when nothing changed.
    fn compute_fingerprint(&self, villages: &[String], programs: &[String]) -> u64 {
        let mut h = Sha256::new();
        let mut field = |b: &[u8]| {
            h.update((b.len() as u32).to_le_bytes());
            h.update(b);
        };
        field(self.kk_masked.as_bytes());
        field(villages[self.kelurahan as usize].as_bytes());
        for o in [&self.address, &self.rt, &self.rw] {
            field(o.as_deref().unwrap_or("\u{0}").as_bytes());
        }
        field(&self.desil.unwrap_or(-1).to_le_bytes());
        let mut progs = self.programs.clone();
        progs.sort();
        for (p, a, k) in progs {
            field(programs[p as usize].as_bytes());
            field(&[a as u8, k.map_or(255, |k| k)]);
        }
        let mut members: Vec<&Member> = self.members.iter().collect();
        members.sort_by_key(|m| m.nik_hash);
        for m in members {
            field(&m.nik_hash);
            field(m.name.as_bytes());
        }
        let d = h.finalize();
        u64::from_le_bytes(d[..8].try_into().expect("8 bytes"))
    }
}

/// What the first pass keeps of a good row: 40 bytes, so a million rows take 40 MB.
#[derive(Clone, Copy)]
struct Seen {
    /// The first bytes of the keyed hash of the No. KK (grouping; 2^-128 odds of a clash).
    kk: [u8; 16],
    /// The first bytes of the keyed hash of the NIK, big-endian (sorts as the stored hex
    /// does); equal prefixes are compared in full.
    nik: u64,
    byte: u64,
    line: u32,
    /// After pass 2, the id of the household whose members are to be written (0: none);
    /// [`DROPPED`] for a row left out.
    group: u32,
}

const DROPPED: u32 = u32::MAX;

impl Seen {
    fn of(rules: &Rules, p: &Parsed<'_>, pos: RowPos) -> Seen {
        let nik = rules.keyed.nik_raw(&p.nik);
        let kk = rules.keyed.kk_raw(&p.kk);
        Seen {
            kk: kk[..16].try_into().expect("16 bytes"),
            nik: u64::from_be_bytes(nik[..8].try_into().expect("8 bytes")),
            byte: pos.byte,
            line: u32::try_from(pos.line).unwrap_or(u32::MAX - 1),
            group: p.kelurahan,
        }
    }

    fn same_row(&self, other: &Seen) -> bool {
        (self.kk, self.nik, self.byte, self.line) == (other.kk, other.nik, other.byte, other.line)
    }

    fn pos(&self) -> RowPos {
        RowPos {
            byte: self.byte,
            line: u64::from(self.line),
        }
    }
}

/// A row that passed every check, borrowing its cells.
struct Parsed<'a> {
    nik: Nik,
    kk: KkNumber,
    name: &'a str,
    kelurahan: u32,
    programs: Vec<ProgramEntry>,
    address: Option<&'a str>,
    rt: Option<&'a str>,
    rw: Option<&'a str>,
    desil: Option<i64>,
    /// Of everything the row says: tells a repeated row from a contradicting one.
    digest: u64,
}

/// Why a row is refused: a locale message id and its arguments.
struct Refusal {
    key: &'static str,
    args: Vec<(&'static str, String)>,
}

fn refusal(key: &'static str) -> Refusal {
    Refusal { key, args: vec![] }
}

/// A row refused because of an earlier row (`first`), named by its line.
fn refusal_after(key: &'static str, first: impl ToString) -> Refusal {
    Refusal {
        key,
        args: vec![("first", first.to_string())],
    }
}

fn refusal_with(key: &'static str, name: &'static str, value: &str) -> Refusal {
    Refusal {
        key,
        args: vec![(name, value.chars().take(60).collect())],
    }
}

/// What a row is checked against: the places and programs the database knows, and the key.
struct Rules {
    keyed: Keyed,
    villages: Villages,
    programs: Vec<String>,
    lang: Lang,
}

impl Rules {
    fn refuse(&self, report: &mut ImportReport, line: u64, r: Refusal) {
        let args: Vec<_> = r.args.into_iter().map(|(k, v)| (k, v.into())).collect();
        report.reject(line, targs(self.lang, r.key, &args));
    }

    fn check<'a>(&self, row: &Row<'a>) -> Result<Parsed<'a>, Refusal> {
        let nik = match row.get("nik").map(Nik::parse) {
            None => return Err(refusal("import-reason-nik-missing")),
            Some(Err(e)) => {
                let why = nik_why(self.lang, e);
                return Err(Refusal {
                    key: "import-reason-nik-invalid",
                    args: vec![("why", why)],
                });
            }
            Some(Ok(n)) => n,
        };
        let name = row
            .get("nama")
            .ok_or_else(|| refusal("import-reason-name-missing"))?;
        if name.chars().count() > MAX_NAME {
            return Err(refusal("import-reason-name-too-long"));
        }
        let kk = row
            .get("no_kk")
            .and_then(KkNumber::parse)
            .ok_or_else(|| refusal("import-reason-kk-invalid"))?;
        let kel_value = row
            .get("kelurahan")
            .ok_or_else(|| refusal("import-reason-kelurahan-missing"))?;
        let kelurahan = self
            .villages
            .find(kel_value)
            .ok_or_else(|| refusal_with("import-reason-unknown-kelurahan", "value", kel_value))?;
        let prog_value = row
            .get("program")
            .ok_or_else(|| refusal("import-reason-program-missing"))?;
        let active = parse_active(row.get("aktif")).ok_or_else(|| {
            refusal_with(
                "import-reason-bad-active",
                "value",
                row.get("aktif").unwrap_or(""),
            )
        })?;
        let kks = match row.get("status_kks") {
            None => None,
            Some(v) => Some(
                parse_kks(v).ok_or_else(|| refusal_with("import-reason-bad-kks", "value", v))?,
            ),
        };
        let desil = match row.get("desil") {
            None => None,
            Some(v) => match v.parse::<i64>() {
                Ok(d) if (1..=10).contains(&d) => Some(d),
                _ => return Err(refusal_with("import-reason-bad-desil", "value", v)),
            },
        };
        let mut programs: Vec<ProgramEntry> = vec![];
        for p in prog_value
            .split('|')
            .map(str::trim)
            .filter(|p| !p.is_empty())
        {
            match program_index(&self.programs, p) {
                Some(i) if programs.iter().any(|x| x.0 == i) => {}
                Some(i) => programs.push((i, active, kks)),
                None => return Err(refusal_with("import-reason-unknown-program", "value", p)),
            }
        }
        if programs.is_empty() {
            return Err(refusal("import-reason-program-missing"));
        }
        let (address, rt, rw) = (row.get("alamat"), row.get("rt"), row.get("rw"));
        let mut hasher = std::collections::hash_map::DefaultHasher::new();
        (kk.digits(), name, kelurahan, prog_value, active, kks, desil).hash(&mut hasher);
        (address, rt, rw).hash(&mut hasher);
        Ok(Parsed {
            nik,
            kk,
            name,
            kelurahan,
            programs,
            address,
            rt,
            rw,
            desil,
            digest: hasher.finish(),
        })
    }
}

/// Village names and codes → index into the list of codes. A name two villages share maps to
/// `None`: the file must use the code.
struct Villages {
    codes: Vec<String>,
    by_key: HashMap<String, Option<u32>>,
}

impl Villages {
    async fn load(db: &Db) -> sqlx::Result<Villages> {
        let rows: Vec<(String, String)> = sqlx::query_as(
            "SELECT code, name FROM wilayah WHERE level IN ('kelurahan', 'desa') ORDER BY code",
        )
        .fetch_all(&db.pool)
        .await?;
        let mut v = Villages {
            codes: vec![],
            by_key: HashMap::new(),
        };
        for (i, (code, name)) in rows.into_iter().enumerate() {
            v.by_key.insert(code.clone(), Some(i as u32));
            v.by_key
                .entry(name.to_lowercase())
                .and_modify(|e| *e = None)
                .or_insert(Some(i as u32));
            v.codes.push(code);
        }
        Ok(v)
    }

    fn find(&self, value: &str) -> Option<u32> {
        let lower = value.trim().to_lowercase();
        let bare = lower
            .strip_prefix("kelurahan ")
            .or_else(|| lower.strip_prefix("kel. "))
            .or_else(|| lower.strip_prefix("desa "))
            .unwrap_or(&lower)
            .trim();
        self.by_key.get(bare).copied().flatten()
    }
}

fn program_index(codes: &[String], value: &str) -> Option<u8> {
    let mut v: String = value
        .trim()
        .to_uppercase()
        .chars()
        .filter(|c| c.is_ascii_alphanumeric())
        .collect();
    v = match v.as_str() {
        "BPNT" | "SEMBAKO" | "PROGRAMSEMBAKO" => "SEMBAKO".into(),
        "PBIJK" | "PBIJKN" | "PBI" => "PBI".into(),
        _ => v,
    };
    codes.iter().position(|c| *c == v).map(|i| i as u8)
}

fn parse_active(value: Option<&str>) -> Option<bool> {
    match value.map(|v| v.trim().to_lowercase()) {
        None => Some(true),
        Some(v) => match v.as_str() {
            "ya" | "y" | "1" | "true" | "aktif" | "yes" => Some(true),
            "tidak" | "t" | "0" | "false" | "nonaktif" | "tidak aktif" | "no" => Some(false),
            _ => None,
        },
    }
}

fn parse_kks(value: &str) -> Option<u8> {
    let v: String = value
        .trim()
        .to_lowercase()
        .chars()
        .map(|c| if c == ' ' || c == '-' { '_' } else { c })
        .collect();
    let code = match v.as_str() {
        "aktif" | "active" | "baik" => "aktif",
        "belum_terdistribusi" | "belum_didistribusikan" | "belum" | "belum_diterima" => {
            "belum_terdistribusi"
        }
        "bermasalah" | "rusak" | "hilang" | "terblokir" | "diblokir" => "bermasalah",
        "tidak_ada" | "belum_punya" | "tidak_punya" => "tidak_ada",
        _ => return None,
    };
    KKS_STATUSES
        .iter()
        .position(|s| *s == code)
        .map(|i| i as u8)
}

fn text_cell(v: Option<&str>) -> Option<Box<str>> {
    v.map(|s| {
        s.chars()
            .take(MAX_TEXT)
            .collect::<String>()
            .into_boxed_str()
    })
}

/// Imports the file. Fails only when it cannot be read at all (missing, not UTF-8 text, a
/// required column absent or a column named twice, a header too long) or the database cannot
/// be written; bad rows are reported. The whole import is one transaction: it lands entirely or
/// not at all, and a crash midway leaves the data as it was.
pub async fn import(
    db: &Db,
    path: &std::path::Path,
    secret: &[u8],
    lang: Lang,
) -> anyhow::Result<ImportReport> {
    let table = Table::open(path, &REQUIRED, &OPTIONAL, lang)?;
    let villages = Villages::load(db).await?;
    let programs: Vec<String> = sqlx::query_as::<_, (String,)>("SELECT code FROM programs")
        .fetch_all(&db.pool)
        .await?
        .into_iter()
        .map(|(c,)| c)
        .collect();
    let rules = Rules {
        keyed: Keyed::new(secret),
        villages,
        programs,
        lang,
    };
    let mut writer = Writer::new(db, &rules).await?;

    // The reader runs on its own thread and hands work over as it goes; the writer answers
    // each batch of households with the ids it gave them.
    let (work_tx, mut work_rx) = tokio::sync::mpsc::channel::<Work>(1);
    let (ids_tx, ids_rx) = std::sync::mpsc::channel::<Vec<u32>>();
    let reader = tokio::task::spawn_blocking(move || read(table, &rules, work_tx, ids_rx));
    let mut written = ImportReport::default();
    let mut failure = None;
    while let Some(work) = work_rx.recv().await {
        let done = match work {
            Work::Households(batch) => match writer.households(batch, &mut written).await {
                Ok(ids) => ids_tx.send(ids).map_err(anyhow::Error::from),
                Err(e) => Err(e),
            },
            Work::Members(batch) => writer.members(batch).await.map_err(Into::into),
        };
        if let Err(e) = done {
            // The database refused: stop reading (the reader sees the channels closed).
            failure = Some(e);
            break;
        }
    }
    drop((work_rx, ids_tx));
    // The reader's error first: the writer's is often only the channel it closed.
    let read = reader.await?.map_err(anyhow::Error::new);
    let mut report = match read.and_then(|report| failure.map_or(Ok(report), Err)) {
        Ok(report) => report,
        Err(e) => return Err(e.context(t(lang, "import-failed-nothing-changed"))),
    };
    writer.finish().await?;
    tracing::debug!(phase = "committed");
    report.added = written.added;
    report.updated = written.updated;
    report.unchanged = written.unchanged;
    report.rejected.sort_by_key(|r| r.line);
    Ok(report)
}

/// What the reader hands to the writer.
enum Work {
    /// Households in the order of their key, to be added or updated (members aside).
    Households(Vec<Household>),
    /// Members in the order of their key, with the id of their household.
    Members(Vec<(u32, Member)>),
}

/// The passes over the file. Returns the refused rows.
///
/// 1. [`first_pass`] checks each row in file order and keeps a [`Seen`] of the good ones.
/// 2. Households in the order of their keyed hash: written in that order, the database's index
///    on it grows at its end instead of being rewritten page by page all over.
/// 3. Members in the order of their keyed hash, for the same reason, of the households the
///    writer added or changed.
fn read(
    mut table: Table,
    rules: &Rules,
    work: tokio::sync::mpsc::Sender<Work>,
    ids: std::sync::mpsc::Receiver<Vec<u32>>,
) -> std::io::Result<ImportReport> {
    let started = std::time::Instant::now();
    let phase = |name: &str| tracing::debug!(phase = name, ms = started.elapsed().as_millis());
    let mut report = ImportReport::default();
    let mut seen = first_pass(&mut table, rules, &mut report);
    if let Some(e) = table.failure() {
        return Err(e);
    }
    phase("checked");
    // Rows in file order decide: a family card's first row sets its kelurahan, a NIK's first
    // row stands.
    drop_kelurahan_conflicts(&mut seen, rules, &mut report);
    drop_repeated_niks(&mut seen, &mut table, rules, &mut report)?;
    group_households(&mut seen);
    phase("grouped");

    // Pass 2. `ranges[b]`: the rows (in `seen`) of each household of batch `b` not yet
    // answered; each answer puts the household's id (0: nothing to write) in `group`.
    let mut ranges: std::collections::VecDeque<Vec<(usize, usize)>> = Default::default();
    let answer = |seen: &mut [Seen], got: Vec<u32>, ranges: &[(usize, usize)]| {
        for (&(a, b), id) in ranges.iter().zip(got) {
            // A row refused for its kelurahan stays out.
            for s in seen[a..b].iter_mut().filter(|s| s.group != DROPPED) {
                s.group = id;
            }
        }
    };
    let mut batch = Vec::with_capacity(BATCH);
    let mut batch_ranges = Vec::with_capacity(BATCH);
    let mut i = 0;
    while i < seen.len() {
        let start = i;
        let kk = seen[i].kk;
        let mut household: Option<Household> = None;
        while i < seen.len() && seen[i].kk == kk {
            seen[i].group = 0;
            let s = seen[i];
            i += 1;
            let p = read_again(&mut table, rules, s)?;
            let h = household.get_or_insert_with(|| Household::new(&p, &rules.keyed, s.line));
            if h.kelurahan != p.kelurahan {
                // Settled before (`drop_kelurahan_conflicts`) but for a NIK whose hash prefix
                // another NIK shares: checked again here, on the full row.
                let refusal = refusal_after("import-reason-kk-conflict", h.line);
                rules.refuse(&mut report, u64::from(s.line), refusal);
                // Not a member: pass 3 leaves it out.
                seen[i - 1].group = DROPPED;
                continue;
            }
            h.add(&p, &rules.keyed);
        }
        if let Some(mut h) = household {
            h.fingerprint = h.compute_fingerprint(&rules.villages.codes, &rules.programs);
            batch.push(h);
            batch_ranges.push((start, i));
        }
        if batch.len() == BATCH || (i == seen.len() && !batch.is_empty()) {
            if work
                .blocking_send(Work::Households(std::mem::take(&mut batch)))
                .is_err()
            {
                return Ok(report);
            }
            ranges.push_back(std::mem::take(&mut batch_ranges));
            while let Ok(got) = ids.try_recv() {
                let r = ranges.pop_front().expect("an answer per batch");
                answer(&mut seen, got, &r);
            }
        }
    }
    while let Some(r) = ranges.pop_front() {
        let Ok(got) = ids.recv() else {
            return Ok(report);
        };
        answer(&mut seen, got, &r);
    }

    phase("households");

    // Pass 3.
    seen.sort_unstable_by_key(|s| (s.nik, s.line));
    let mut batch = Vec::with_capacity(BATCH);
    for s in &seen {
        if s.group == 0 || s.group == DROPPED {
            continue;
        }
        let p = read_again(&mut table, rules, *s)?;
        batch.push((s.group, Member::of(&p, &rules.keyed)));
        if batch.len() == BATCH
            && work
                .blocking_send(Work::Members(std::mem::take(&mut batch)))
                .is_err()
        {
            return Ok(report);
        }
    }
    if !batch.is_empty() {
        let _ = work.blocking_send(Work::Members(batch));
    }
    phase("members");
    Ok(report)
}

/// A row of the first pass, read and checked again. An error when it no longer reads as it
/// did (the file changed during the import, or could not be read): the import then stops and
/// changes nothing, since what pass 2 wrote counts on what pass 3 reads.
fn read_again<'t>(table: &'t mut Table, rules: &Rules, s: Seen) -> std::io::Result<Parsed<'t>> {
    let changed = || std::io::Error::other(t(rules.lang, "import-file-changed"));
    let Some(Ok(row)) = table.row_at(s.pos()) else {
        return Err(changed());
    };
    match rules.check(&row) {
        Ok(p) if Seen::of(rules, &p, row.pos()).same_row(&s) => Ok(p),
        _ => Err(changed()),
    }
}

/// Checks every row; keeps 40 bytes of each good one (`group` holds its kelurahan for now).
fn first_pass(table: &mut Table, rules: &Rules, report: &mut ImportReport) -> Vec<Seen> {
    let mut seen = Vec::new();
    while let Some(row) = table.next_row() {
        let row = match row {
            Ok(row) => row,
            Err(e) => {
                report.reject(e.line, e.reason(rules.lang));
                continue;
            }
        };
        match rules.check(&row) {
            Err(r) => rules.refuse(report, row.line, r),
            Ok(p) => seen.push(Seen::of(rules, &p, row.pos())),
        }
    }
    seen
}

/// The same NIK twice: a repeated row is harmless and left out, a contradicting one is refused
/// (the first row stands). Rows sharing a hash prefix are read again and compared in full.
fn drop_repeated_niks(
    seen: &mut Vec<Seen>,
    table: &mut Table,
    rules: &Rules,
    report: &mut ImportReport,
) -> std::io::Result<()> {
    seen.sort_unstable_by_key(|s| (s.nik, s.line));
    for run in seen.chunk_by_mut(|a, b| a.nik == b.nik) {
        if run.len() == 1 {
            continue;
        }
        // (full NIK hash, digest, line) of each row kept in this run.
        let mut kept: Vec<([u8; 32], u64, u32)> = vec![];
        for s in run {
            let p = read_again(table, rules, *s)?;
            let (hash, digest) = (rules.keyed.nik_raw(&p.nik), p.digest);
            match kept.iter().find(|k| k.0 == hash) {
                None => kept.push((hash, digest, s.line)),
                Some(k) if k.1 == digest => s.group = DROPPED,
                Some(k) => {
                    let refusal = refusal_after("import-reason-duplicate-nik", k.2);
                    rules.refuse(report, u64::from(s.line), refusal);
                    s.group = DROPPED;
                }
            }
        }
    }
    seen.retain(|s| s.group != DROPPED);
    Ok(())
}

/// A family card's rows in another kelurahan than its first row's are refused. Only the first
/// row of each NIK takes part (a later one is settled as a repeated NIK; pass 2 checks again).
/// Reads `group` as the kelurahan (pass 1) and leaves it 0.
fn drop_kelurahan_conflicts(seen: &mut Vec<Seen>, rules: &Rules, report: &mut ImportReport) {
    const LATER: u32 = 1 << 31;
    seen.sort_unstable_by_key(|s| (s.nik, s.line));
    for i in 1..seen.len() {
        if seen[i].nik == seen[i - 1].nik {
            seen[i].group |= LATER;
        }
    }
    group_households(seen);
    for card in seen.chunk_by_mut(|a, b| a.kk == b.kk) {
        // (kelurahan, line) of the card's first row.
        let mut first: Option<(u32, u32)> = None;
        for s in card {
            let kelurahan = s.group;
            s.group = 0;
            if kelurahan & LATER != 0 {
                continue;
            }
            match first {
                None => first = Some((kelurahan, s.line)),
                Some((k, _)) if k == kelurahan => {}
                Some((_, line)) => {
                    let refusal = refusal_after("import-reason-kk-conflict", line);
                    rules.refuse(report, u64::from(s.line), refusal);
                    s.group = DROPPED;
                }
            }
        }
    }
    seen.retain(|s| s.group != DROPPED);
}

/// Orders the rows household by household (by the key of the No. KK), rows of a household in
/// file order.
fn group_households(seen: &mut [Seen]) {
    seen.sort_unstable_by_key(|s| (s.kk, s.line));
}

/// The short reason a NIK is impossible, in the operator's or resident's language.
pub fn nik_why(lang: Lang, e: crate::domain::nik::NikError) -> String {
    match e {
        crate::domain::nik::NikError::WrongLength(n) => {
            targs(lang, e.message_id(), &[("count", (n as i64).into())])
        }
        _ => t(lang, e.message_id()),
    }
}

/// One value of a row to insert.
#[derive(Clone, Copy)]
enum Val<'a> {
    Int(i64),
    Text(&'a str),
    Null,
}

impl<'a> From<i64> for Val<'a> {
    fn from(v: i64) -> Self {
        Val::Int(v)
    }
}

impl<'a> From<&'a str> for Val<'a> {
    fn from(v: &'a str) -> Self {
        Val::Text(v)
    }
}

impl<'a, T: Into<Val<'a>>> From<Option<T>> for Val<'a> {
    fn from(v: Option<T>) -> Self {
        v.map_or(Val::Null, Into::into)
    }
}

impl serde::Serialize for Val<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            Val::Int(v) => s.serialize_i64(*v),
            Val::Text(v) => s.serialize_str(v),
            Val::Null => s.serialize_none(),
        }
    }
}

/// `INSERT INTO {into} … {tail}` of many rows (`vals`: row after row of `types.len()` values).
///
/// sqlx binds parameters one by one, and on SQLite it looks each numbered one up by name (a
/// cost that grows with their number), so: on SQLite, anonymous `?` placeholders (a few
/// thousand per statement); on PostgreSQL, the rows as one JSON parameter, column `i` cast to
/// `types[i]`.
async fn insert_rows(
    conn: &mut sqlx::AnyConnection,
    backend: Backend,
    into: &str,
    types: &[&str],
    tail: &str,
    vals: &[Val<'_>],
) -> sqlx::Result<()> {
    let cols = types.len();
    match backend {
        Backend::Sqlite => {
            const ROWS: usize = 500;
            let row = format!("({})", vec!["?"; cols].join(","));
            for part in vals.chunks(cols * ROWS) {
                let values = vec![row.as_str(); part.len() / cols].join(",");
                let sql = format!("INSERT INTO {into} VALUES {values} {tail}");
                let mut q = sqlx::query(AssertSqlSafe(sql));
                for v in part {
                    q = match *v {
                        Val::Int(i) => q.bind(i),
                        Val::Text(t) => q.bind(t.to_string()),
                        Val::Null => q.bind(None::<String>),
                    };
                }
                q.execute(&mut *conn).await?;
            }
        }
        Backend::Postgres => {
            let select: Vec<String> = types
                .iter()
                .enumerate()
                .map(|(i, ty)| format!("(e->>{i})::{ty}"))
                .collect();
            let sql = format!(
                "INSERT INTO {into} SELECT {} FROM jsonb_array_elements($1::jsonb) AS e {tail}",
                select.join(", ")
            );
            for part in vals.chunks(cols * ROWS_PER_STATEMENT) {
                let rows: Vec<&[Val]> = part.chunks(cols).collect();
                sqlx::query(AssertSqlSafe(sql.clone()))
                    .bind(json(&rows))
                    .execute(&mut *conn)
                    .await?;
            }
        }
    }
    Ok(())
}

/// Writes what the reader hands over, all in one transaction, on a connection of its own
/// (taken out of the pool: it is closed afterwards, with the settings made for the import).
struct Writer {
    conn: sqlx::AnyConnection,
    backend: Backend,
    /// Kemendagri codes of the villages, by index (as in [`Household::kelurahan`]).
    village_codes: Vec<String>,
    /// Codes of the programs, by index (as in [`ProgramEntry`]).
    program_codes: Vec<String>,
    next_id: i64,
    /// False when there were no households at the start: every one is new, none is looked up.
    look_up: bool,
    /// Foreign keys (table, name, definition) left out during a first load on PostgreSQL.
    suspended: Vec<(String, String, String)>,
    /// Whether the transaction is open.
    begun: bool,
    time: i64,
}

impl Writer {
    async fn new(db: &Db, rules: &Rules) -> sqlx::Result<Writer> {
        let conn = db.pool.acquire().await?.detach();
        Ok(Writer {
            conn,
            begun: false,
            suspended: vec![],
            backend: db.backend,
            village_codes: rules.villages.codes.clone(),
            program_codes: rules.programs.clone(),
            next_id: 1,
            look_up: true,
            time: now(),
        })
    }

    /// Opens the transaction, when the first work arrives (the file has been checked by then:
    /// the write lock is held no longer than needed).
    async fn begin(&mut self) -> sqlx::Result<()> {
        if self.begun {
            return Ok(());
        }
        self.begun = true;
        let begin = match self.backend {
            // Rows arrive in index order, so a small page cache does: the memory goes to the
            // rows. Every reference is known good (ids the import itself gave or found), so
            // SQLite need not look each member's household up again.
            Backend::Sqlite => format!(
                "PRAGMA cache_size=-{IMPORT_CACHE_KIB}; PRAGMA foreign_keys=OFF; \
                 BEGIN IMMEDIATE"
            ),
            Backend::Postgres => "BEGIN".to_string(),
        };
        sqlx::raw_sql(AssertSqlSafe(begin))
            .execute(&mut self.conn)
            .await?;
        let (max_id,): (Option<i64>,) = sqlx::query_as("SELECT MAX(id) FROM households")
            .fetch_one(&mut self.conn)
            .await?;
        self.next_id = max_id.unwrap_or(0) + 1;
        self.look_up = max_id.is_some();
        if self.backend == Backend::Postgres && max_id.is_none() {
            // A first load into PostgreSQL: checking each row's references (its household, its
            // kelurahan, its program) costs as much as the row. The three tables' foreign keys
            // go for the load and come back before the commit, which checks every row at once.
            // Until then the tables they join are locked: the bot's questions about regions
            // and programs wait (under a second for a kecamatan's file, ~20 s for a million
            // rows). If the locks are not free within 5 s, the import stops and says so.
            self.suspended = sqlx::query_as::<_, (String, String, String)>(
                "SELECT c.relname::text, k.conname::text, pg_get_constraintdef(k.oid)
                 FROM pg_constraint k JOIN pg_class c ON c.oid = k.conrelid
                 WHERE k.contype = 'f'
                   AND k.conrelid IN ('households'::regclass, 'members'::regclass,
                                      'household_programs'::regclass)",
            )
            .fetch_all(&mut self.conn)
            .await?;
            let mut sql = String::from("SET LOCAL lock_timeout = '5s';");
            for (table, name, _) in &self.suspended {
                sql += &format!(
                    "ALTER TABLE {} DROP CONSTRAINT {};",
                    quote(table),
                    quote(name)
                );
            }
            sql += "SET LOCAL lock_timeout TO DEFAULT;";
            sqlx::raw_sql(AssertSqlSafe(sql))
                .execute(&mut self.conn)
                .await?;
        }
        Ok(())
    }

    /// `$n` (a JSON array) as a list of values of PostgreSQL type `ty`, for `IN (…)`.
    fn list(&self, n: u8, ty: &str) -> String {
        match self.backend {
            Backend::Sqlite => format!("SELECT value FROM json_each(${n})"),
            Backend::Postgres => format!("SELECT (json_array_elements_text(${n}::json))::{ty}"),
        }
    }

    /// Household key → (id, fingerprint) of those of the batch already stored.
    async fn existing(
        &mut self,
        batch: &[Household],
    ) -> sqlx::Result<HashMap<[u8; 32], (i64, u64)>> {
        let mut found = HashMap::new();
        if !self.look_up {
            return Ok(found);
        }
        let sql = format!(
            "SELECT kk_hash, id, fingerprint FROM households WHERE kk_hash IN ({})",
            self.list(1, "text")
        );
        for part in batch.chunks(ROWS_PER_STATEMENT) {
            let keys: Vec<String> = part.iter().map(|h| hex::encode(h.kk_key)).collect();
            let rows: Vec<(String, i64, Option<String>)> =
                sqlx::query_as(AssertSqlSafe(sql.clone()))
                    .bind(json(&keys))
                    .fetch_all(&mut self.conn)
                    .await?;
            for (hash, id, fp) in rows {
                let mut key = [0u8; 32];
                if hex::decode_to_slice(&hash, &mut key).is_ok() {
                    let fp = fp
                        .and_then(|f| u64::from_str_radix(&f, 16).ok())
                        .unwrap_or(0);
                    found.insert(key, (id, fp));
                }
            }
        }
        Ok(found)
    }

    /// Adds the new households of a batch and updates the changed ones (their members are
    /// removed, to be written again by [`Writer::members`]). Answers, for each household of the
    /// batch, the id whose members are to be written, or 0 when it is unchanged.
    async fn households(
        &mut self,
        batch: Vec<Household>,
        report: &mut ImportReport,
    ) -> anyhow::Result<Vec<u32>> {
        self.begin().await?;
        let existing = self.existing(&batch).await?;
        let mut ids = Vec::with_capacity(batch.len());
        let mut new: Vec<(i64, &Household)> = vec![];
        let mut changed: Vec<(i64, &Household)> = vec![];
        for h in &batch {
            let id = match existing.get(&h.kk_key) {
                Some(&(_, old)) if old == h.fingerprint => {
                    report.unchanged += h.rows;
                    ids.push(0);
                    continue;
                }
                Some(&(id, _)) => {
                    changed.push((id, h));
                    report.updated += h.rows;
                    id
                }
                None => {
                    let id = self.next_id;
                    self.next_id += 1;
                    new.push((id, h));
                    report.added += h.rows;
                    id
                }
            };
            // 0 and DROPPED mean "nothing to write" and "left out" to the reader.
            match u32::try_from(id) {
                Ok(id) if id != 0 && id != DROPPED => ids.push(id),
                _ => anyhow::bail!("household id {id} is beyond what the import can hand over"),
            }
        }
        self.update(&changed).await?;
        self.insert(&new).await?;
        let progs: Vec<(i64, &ProgramEntry)> = new
            .iter()
            .chain(&changed)
            .flat_map(|(id, h)| h.programs.iter().map(move |p| (*id, p)))
            .collect();
        let mut vals: Vec<Val> = Vec::with_capacity(progs.len() * 4);
        for (id, (p, active, kks)) in progs {
            vals.extend([
                Val::Int(id),
                Val::Text(&self.program_codes[*p as usize]),
                Val::Int(*active as i64),
                kks.map(|k| KKS_STATUSES[k as usize]).into(),
            ]);
        }
        insert_rows(
            &mut self.conn,
            self.backend,
            "household_programs (household_id, program, active, kks_status)",
            &["bigint", "text", "bigint", "text"],
            // A first load has nothing to collide with: a plain insert is cheaper.
            if self.look_up {
                "ON CONFLICT (household_id, program) DO UPDATE SET active = excluded.active,
                    kks_status = excluded.kks_status"
            } else {
                ""
            },
            &vals,
        )
        .await?;
        Ok(ids)
    }

    async fn update(&mut self, changed: &[(i64, &Household)]) -> sqlx::Result<()> {
        let (villages, programs) = (&self.village_codes, &self.program_codes);
        let drop_programs = format!(
            "DELETE FROM household_programs WHERE household_id = $1 AND program NOT IN ({})",
            self.list(2, "text")
        );
        for (id, h) in changed {
            sqlx::query(
                "UPDATE households SET kk_masked = $2, kelurahan = $3, address = $4, rt = $5,
                        rw = $6, desil = $7, active = $8, fingerprint = $9, updated_at = $10
                 WHERE id = $1",
            )
            .bind(*id)
            .bind(h.kk_masked.clone())
            .bind(villages[h.kelurahan as usize].clone())
            .bind(h.address.as_deref().map(String::from))
            .bind(h.rt.as_deref().map(String::from))
            .bind(h.rw.as_deref().map(String::from))
            .bind(h.desil)
            .bind(h.active() as i64)
            .bind(format!("{:016x}", h.fingerprint))
            .bind(self.time)
            .execute(&mut self.conn)
            .await?;
            sqlx::query("DELETE FROM members WHERE household_id = $1")
                .bind(*id)
                .execute(&mut self.conn)
                .await?;
            // Programs no longer listed go; the others are updated and keep what the
            // distribution import recorded (last_received).
            let kept: Vec<&str> = h
                .programs
                .iter()
                .map(|p| programs[p.0 as usize].as_str())
                .collect();
            sqlx::query(AssertSqlSafe(drop_programs.clone()))
                .bind(*id)
                .bind(json(&kept))
                .execute(&mut self.conn)
                .await?;
        }
        Ok(())
    }

    async fn insert(&mut self, new: &[(i64, &Household)]) -> sqlx::Result<()> {
        let villages = &self.village_codes;
        let keys: Vec<(String, String)> = new
            .iter()
            .map(|(_, h)| (hex::encode(h.kk_key), format!("{:016x}", h.fingerprint)))
            .collect();
        let mut vals: Vec<Val> = Vec::with_capacity(new.len() * 11);
        for ((id, h), (kk, fp)) in new.iter().zip(&keys) {
            vals.extend([
                Val::Int(*id),
                Val::Text(kk),
                Val::Text(&h.kk_masked),
                Val::Text(&villages[h.kelurahan as usize]),
                h.address.as_deref().into(),
                h.rt.as_deref().into(),
                h.rw.as_deref().into(),
                h.desil.into(),
                Val::Int(h.active() as i64),
                Val::Text(fp),
                Val::Int(self.time),
            ]);
        }
        insert_rows(
            &mut self.conn,
            self.backend,
            "households (id, kk_hash, kk_masked, kelurahan, address, rt, rw, desil, active,
                         fingerprint, updated_at)",
            &[
                "bigint", "text", "text", "text", "text", "text", "text", "bigint", "bigint",
                "text", "bigint",
            ],
            "",
            &vals,
        )
        .await
    }

    /// Members of added or changed households (a member who moved to another household is
    /// moved).
    async fn members(&mut self, batch: Vec<(u32, Member)>) -> sqlx::Result<()> {
        self.begin().await?;
        if self.look_up {
            self.forget_fingerprints_of_households_left(&batch).await?;
        }
        let keys: Vec<String> = batch.iter().map(|(_, m)| hex::encode(m.nik_hash)).collect();
        let mut vals: Vec<Val> = Vec::with_capacity(batch.len() * 5);
        for ((id, m), key) in batch.iter().zip(&keys) {
            vals.extend([
                Val::Text(key),
                Val::Text(&m.masked),
                Val::Int(i64::from(*id)),
                Val::Text(&m.name),
                Val::Int(self.time),
            ]);
        }
        insert_rows(
            &mut self.conn,
            self.backend,
            "members (nik_hash, nik_masked, household_id, name, updated_at)",
            &["text", "text", "bigint", "text", "bigint"],
            // A first load has nothing to collide with (each NIK is in the file once).
            if self.look_up {
                "ON CONFLICT (nik_hash) DO UPDATE SET nik_masked = excluded.nik_masked,
                    household_id = excluded.household_id, name = excluded.name,
                    updated_at = excluded.updated_at"
            } else {
                ""
            },
            &vals,
        )
        .await
    }

    /// A member who moves leaves a household that may be skipped as unchanged next time, its
    /// stored fingerprint still counting them: it is forgotten, so that household is written
    /// again in full when a file lists it. (A household this import wrote cannot be the one
    /// left: pass 2 removed its members before pass 3 writes any.)
    async fn forget_fingerprints_of_households_left(
        &mut self,
        batch: &[(u32, Member)],
    ) -> sqlx::Result<()> {
        let sql = format!(
            "SELECT nik_hash, household_id FROM members WHERE nik_hash IN ({})",
            self.list(1, "text")
        );
        let mut left = vec![];
        for part in batch.chunks(ROWS_PER_STATEMENT) {
            let to: HashMap<String, i64> = part
                .iter()
                .map(|(id, m)| (hex::encode(m.nik_hash), i64::from(*id)))
                .collect();
            let keys: Vec<&String> = to.keys().collect();
            let rows: Vec<(String, i64)> = sqlx::query_as(AssertSqlSafe(sql.clone()))
                .bind(json(&keys))
                .fetch_all(&mut self.conn)
                .await?;
            left.extend(
                rows.into_iter()
                    .filter(|(hash, from)| to.get(hash) != Some(from))
                    .map(|(_, from)| from),
            );
        }
        if left.is_empty() {
            return Ok(());
        }
        sqlx::query(AssertSqlSafe(format!(
            "UPDATE households SET fingerprint = NULL WHERE id IN ({})",
            self.list(1, "bigint")
        )))
        .bind(json(&left))
        .execute(&mut self.conn)
        .await?;
        Ok(())
    }

    /// Commits. Without it (an error, a crash), the connection closes and nothing changed.
    async fn finish(mut self) -> sqlx::Result<()> {
        if !self.begun {
            // Nothing to write.
            return sqlx::Connection::close(self.conn).await;
        }
        if self.backend == Backend::Postgres {
            sqlx::query(
                "SELECT setval(pg_get_serial_sequence('households', 'id'),
                               GREATEST((SELECT MAX(id) FROM households), 1))",
            )
            .execute(&mut self.conn)
            .await?;
        }
        for (table, name, definition) in &self.suspended {
            let sql = format!(
                "ALTER TABLE {} ADD CONSTRAINT {} {definition}",
                quote(table),
                quote(name)
            );
            sqlx::raw_sql(AssertSqlSafe(sql))
                .execute(&mut self.conn)
                .await?;
        }
        sqlx::raw_sql("COMMIT").execute(&mut self.conn).await?;
        sqlx::Connection::close(self.conn).await
    }
}

/// A PostgreSQL identifier, quoted.
fn quote(ident: &str) -> String {
    format!("\"{}\"", ident.replace('"', "\"\""))
}

fn json(rows: &impl serde::Serialize) -> String {
    serde_json::to_string(rows).expect("plain values serialise")
}

/// A synthetic KPM file for benches and trials (`examples/gen_kpm.rs`): `rows` households of
/// one member each in Kecamatan Karawang Barat, semicolon-separated with a BOM. Row `i` has the
/// NIK [`synthetic_nik`]`(i)` and the name [`synthetic_name`]`(i)`.
pub fn write_synthetic(mut out: impl std::io::Write, rows: u64) -> std::io::Result<()> {
    const VILLAGES: [&str; 8] = [
        "32.15.01.1001",
        "Adiarsa Barat",
        "32.15.01.1005",
        "Kelurahan Nagasari",
        "32.15.01.1007",
        "Karangpawitan",
        "32.15.01.1011",
        "Mekarjati",
    ];
    const PROGRAMS: [&str; 4] = ["SEMBAKO", "SEMBAKO|PKH", "PBI", "SEMBAKO|PKH|PBI"];
    const KKS: [&str; 4] = ["aktif", "aktif", "belum_terdistribusi", "bermasalah"];
    out.write_all(
        "\u{feff}nik;nama;no_kk;kelurahan;program;status_kks;aktif;alamat;rt;rw;desil\n".as_bytes(),
    )?;
    for i in 0..rows {
        writeln!(
            out,
            "{};{};321501{:010};{};{};{};{};Jl. Contoh No. {};{:03};{:03};{}",
            synthetic_nik(i),
            synthetic_name(i),
            i,
            VILLAGES[(i % 8) as usize],
            PROGRAMS[(i % 4) as usize],
            KKS[(i / 4 % 4) as usize],
            if i % 10 == 9 { "tidak" } else { "ya" },
            i % 200 + 1,
            i % 15 + 1,
            i % 9 + 1,
            i % 4 + 1,
        )?;
    }
    out.flush()
}

/// The (plausible, unique up to 134 million rows) NIK of synthetic row `i`.
pub fn synthetic_nik(i: u64) -> String {
    let serial = i % 9999 + 1;
    let slot = i / 9999;
    let day = slot % 28 + 1 + if i % 2 == 1 { 40 } else { 0 };
    let month = slot / 28 % 12 + 1;
    let year = 60 + slot / 336 % 40;
    format!("321501{day:02}{month:02}{year:02}{serial:04}")
}

pub fn synthetic_name(i: u64) -> String {
    const FIRST: [&str; 8] = [
        "SITI", "BUDI", "DEDE", "ASEP", "NENG", "UJANG", "EUIS", "AGUS",
    ];
    const LAST: [&str; 6] = [
        "AMINAH", "SANTOSO", "KURNIA", "HIDAYAT", "RAHAYU", "SETIAWAN",
    ];
    format!("{} {}", FIRST[(i % 8) as usize], LAST[(i / 8 % 6) as usize])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn flags_and_card_statuses_accept_common_spellings() {
        assert_eq!(parse_active(None), Some(true));
        assert_eq!(parse_active(Some("Tidak")), Some(false));
        assert_eq!(parse_active(Some("mungkin")), None);
        assert_eq!(parse_kks("Belum Terdistribusi"), Some(1));
        assert_eq!(parse_kks("rusak"), Some(2));
        assert_eq!(parse_kks("???"), None);
        let codes = vec!["SEMBAKO".to_string(), "PKH".into(), "PBI".into()];
        assert_eq!(program_index(&codes, "bpnt"), Some(0));
        assert_eq!(program_index(&codes, "PBI-JK"), Some(2));
        assert_eq!(program_index(&codes, "BLT"), None);
    }
}
