//! `kesos-bot import kpm FILE`: KPM (beneficiary families) from the DTKS extract.
//!
//! Columns: `nik`, `nama`, `no_kk`, `kelurahan` (name or Kemendagri code), `program` (several
//! joined with `|`); optional `alamat`, `rt`, `rw`, `status_kks`, `aktif`, `desil`. One row per
//! person; households are grouped by `no_kk`. NIK and No. KK are kept only as keyed hashes and
//! masked forms.
//!
//! Speed: the file is validated and grouped in memory (compact rows, hashes as bytes), existing
//! households are loaded once into a map of fingerprints, and only new or changed households are
//! written, in large transactions with multi-row statements. Counts are of rows: a row is
//! `added`, `updated` or `unchanged` as its household is.

use super::ImportReport;
use super::table::Table;
use crate::domain::nik::{KkNumber, Nik};
use crate::i18n::{Lang, t, targs};
use crate::store::keyed::Keyed;
use crate::store::{Backend, Db, now};
use sha2::{Digest, Sha256};
use sqlx::AssertSqlSafe;
use std::collections::HashMap;
use std::hash::{Hash, Hasher};

const REQUIRED: [&str; 5] = ["nik", "nama", "no_kk", "kelurahan", "program"];
/// Households written per transaction.
const CHUNK: usize = 20_000;
/// Rows per multi-row INSERT. sqlx's SQLite driver looks parameters up by position in a way
/// that grows with the square of their number: a few hundred parameters per statement is the
/// sweet spot (5,000 made a 1M-row import take minutes).
const ROWS_PER_INSERT: usize = 64;
const HH_ROWS: usize = 32;
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
    /// (program index, active, KKS status index)
    programs: Vec<(u8, bool, Option<u8>)>,
    members: Vec<Member>,
    rows: u64,
}

impl Household {
    fn fingerprint(&self, villages: &[String], programs: &[String]) -> u64 {
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

fn key128(bytes: &[u8; 32]) -> u128 {
    u128::from_le_bytes(bytes[..16].try_into().expect("16 bytes"))
}

fn key128_hex(hex_str: &str) -> Option<u128> {
    let mut b = [0u8; 16];
    hex::decode_to_slice(hex_str.get(..32)?, &mut b).ok()?;
    Some(u128::from_le_bytes(b))
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
/// required column absent) or the database is unreachable; bad rows are reported.
pub async fn import(
    db: &Db,
    path: &std::path::Path,
    secret: &[u8],
    lang: Lang,
) -> anyhow::Result<ImportReport> {
    let table = Table::open(path, &REQUIRED)?;
    let keyed = Keyed::new(secret);
    let villages = Villages::load(db).await?;
    let program_codes: Vec<String> = sqlx::query_as::<_, (String,)>("SELECT code FROM programs")
        .fetch_all(&db.pool)
        .await?
        .into_iter()
        .map(|(c,)| c)
        .collect();

    let mut report = ImportReport::default();
    let mut households: Vec<Household> = vec![];
    let mut by_kk: HashMap<u128, u32> = HashMap::new();
    // NIK key → (line, digest of the row) to tell a repeated row from a contradicting one.
    let mut seen: HashMap<u128, (u64, u64)> = HashMap::new();

    table.for_each(|row| {
        let row = match row {
            Ok(r) => r,
            Err(line) => return report.reject(line, t(lang, "import-reason-broken-row")),
        };
        let line = row.line;
        let reject = |report: &mut ImportReport, key: &str, args: &[(&'static str, String)]| {
            let args: Vec<_> = args.iter().map(|(k, v)| (*k, v.clone().into())).collect();
            report.reject(line, targs(lang, key, &args));
        };
        let nik = match row.get("nik").map(Nik::parse) {
            None => return reject(&mut report, "import-reason-nik-missing", &[]),
            Some(Err(e)) => {
                let why = nik_why(lang, e);
                return reject(&mut report, "import-reason-nik-invalid", &[("why", why)]);
            }
            Some(Ok(n)) => n,
        };
        let Some(name) = row.get("nama") else {
            return reject(&mut report, "import-reason-name-missing", &[]);
        };
        if name.chars().count() > MAX_NAME {
            return reject(&mut report, "import-reason-name-too-long", &[]);
        }
        let Some(kk) = row.get("no_kk").and_then(KkNumber::parse) else {
            return reject(&mut report, "import-reason-kk-invalid", &[]);
        };
        let Some(kel_value) = row.get("kelurahan") else {
            return reject(&mut report, "import-reason-kelurahan-missing", &[]);
        };
        let Some(kelurahan) = villages.find(kel_value) else {
            let v: String = kel_value.chars().take(60).collect();
            return reject(
                &mut report,
                "import-reason-unknown-kelurahan",
                &[("value", v)],
            );
        };
        let Some(prog_value) = row.get("program") else {
            return reject(&mut report, "import-reason-program-missing", &[]);
        };
        let active = match parse_active(row.get("aktif")) {
            Some(a) => a,
            None => {
                let v: String = row.get("aktif").unwrap_or("").chars().take(30).collect();
                return reject(&mut report, "import-reason-bad-active", &[("value", v)]);
            }
        };
        let kks = match row.get("status_kks") {
            None => None,
            Some(v) => match parse_kks(v) {
                Some(k) => Some(k),
                None => {
                    let v: String = v.chars().take(30).collect();
                    return reject(&mut report, "import-reason-bad-kks", &[("value", v)]);
                }
            },
        };
        let desil = match row.get("desil") {
            None => None,
            Some(v) => match v.parse::<i64>() {
                Ok(d) if (1..=10).contains(&d) => Some(d),
                _ => {
                    let v: String = v.chars().take(30).collect();
                    return reject(&mut report, "import-reason-bad-desil", &[("value", v)]);
                }
            },
        };
        let mut programs: Vec<(u8, bool, Option<u8>)> = vec![];
        for p in prog_value
            .split('|')
            .map(str::trim)
            .filter(|p| !p.is_empty())
        {
            match program_index(&program_codes, p) {
                Some(i) if programs.iter().any(|x| x.0 == i) => {}
                Some(i) => programs.push((i, active, kks)),
                None => {
                    let v: String = p.chars().take(30).collect();
                    return reject(
                        &mut report,
                        "import-reason-unknown-program",
                        &[("value", v)],
                    );
                }
            }
        }
        if programs.is_empty() {
            return reject(&mut report, "import-reason-program-missing", &[]);
        }
        let (address, rt, rw) = (
            text_cell(row.get("alamat")),
            text_cell(row.get("rt")),
            text_cell(row.get("rw")),
        );

        // The same NIK twice: a repeated row is harmless, a contradicting one is refused.
        let nik_hash = keyed.nik_raw(&nik);
        let mut hasher = std::collections::hash_map::DefaultHasher::new();
        (kk.digits(), name, kelurahan, prog_value, active, kks, desil).hash(&mut hasher);
        (&address, &rt, &rw).hash(&mut hasher);
        let digest = hasher.finish();
        match seen.get(&key128(&nik_hash)) {
            Some(&(_, d)) if d == digest => return,
            Some(&(first, _)) => {
                return reject(
                    &mut report,
                    "import-reason-duplicate-nik",
                    &[("first", first.to_string())],
                );
            }
            None => {}
        }

        let kk_key = keyed.kk_raw(&kk);
        let idx = match by_kk.get(&key128(&kk_key)) {
            Some(&i) => {
                let h = &mut households[i as usize];
                if h.kelurahan != kelurahan {
                    return reject(
                        &mut report,
                        "import-reason-kk-conflict",
                        &[("first", h.line.to_string())],
                    );
                }
                i as usize
            }
            None => {
                households.push(Household {
                    kk_key,
                    kk_masked: kk.masked(),
                    line,
                    kelurahan,
                    address: address.clone(),
                    rt: rt.clone(),
                    rw: rw.clone(),
                    desil,
                    programs: vec![],
                    members: vec![],
                    rows: 0,
                });
                by_kk.insert(key128(&kk_key), (households.len() - 1) as u32);
                households.len() - 1
            }
        };
        seen.insert(key128(&nik_hash), (line, digest));
        let h = &mut households[idx];
        h.address = h.address.take().or(address);
        h.rt = h.rt.take().or(rt);
        h.rw = h.rw.take().or(rw);
        h.desil = h.desil.or(desil);
        for p in programs {
            match h.programs.iter_mut().find(|x| x.0 == p.0) {
                // A program listed on several rows is active when any row says so.
                Some(x) => {
                    x.1 |= p.1;
                    x.2 = x.2.or(p.2);
                }
                None => h.programs.push(p),
            }
        }
        h.members.push(Member {
            nik_hash,
            masked: nik.masked(),
            name: name.into(),
        });
        h.rows += 1;
    });
    drop(seen);
    drop(by_kk);

    write(
        db,
        &households,
        &villages.codes,
        &program_codes,
        &mut report,
        lang,
    )
    .await?;
    report.rejected.sort_by_key(|r| r.line);
    Ok(report)
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

async fn write(
    db: &Db,
    households: &[Household],
    villages: &[String],
    programs: &[String],
    report: &mut ImportReport,
    lang: Lang,
) -> anyhow::Result<()> {
    // What is there already: household key → (id, fingerprint).
    let mut existing: HashMap<u128, (i64, u64)> = HashMap::new();
    {
        use futures::TryStreamExt;
        let mut rows = sqlx::query_as::<_, (String, i64, Option<String>)>(
            "SELECT kk_hash, id, fingerprint FROM households",
        )
        .fetch(&db.pool);
        while let Some((hash, id, fp)) = rows.try_next().await? {
            if let Some(k) = key128_hex(&hash) {
                let fp = fp
                    .and_then(|f| u64::from_str_radix(&f, 16).ok())
                    .unwrap_or(0);
                existing.insert(k, (id, fp));
            }
        }
    }
    let (max_id,): (Option<i64>,) = sqlx::query_as("SELECT MAX(id) FROM households")
        .fetch_one(&db.pool)
        .await?;
    let mut next_id = max_id.unwrap_or(0) + 1;
    let t = now();

    for chunk in households.chunks(CHUNK) {
        let mut new: Vec<(i64, &Household, u64)> = vec![];
        let mut changed: Vec<(i64, &Household, u64)> = vec![];
        for h in chunk {
            let fp = h.fingerprint(villages, programs);
            match existing.get(&key128(&h.kk_key)) {
                Some(&(_, old)) if old == fp => report.unchanged += h.rows,
                Some(&(id, _)) => changed.push((id, h, fp)),
                None => {
                    new.push((next_id, h, fp));
                    next_id += 1;
                }
            }
        }
        if new.is_empty() && changed.is_empty() {
            continue;
        }
        match write_chunk(db, &new, &changed, villages, programs, t).await {
            Ok(()) => {
                report.added += new.iter().map(|(_, h, _)| h.rows).sum::<u64>();
                report.updated += changed.iter().map(|(_, h, _)| h.rows).sum::<u64>();
            }
            Err(e) => {
                tracing::error!(error = %e, "a batch of KPM households failed to store");
                for (_, h, _) in new.iter().chain(&changed) {
                    report.reject(h.line, t_store_failed(lang));
                }
            }
        }
    }
    if db.backend == Backend::Postgres {
        sqlx::query(
            "SELECT setval(pg_get_serial_sequence('households', 'id'),
                           GREATEST((SELECT MAX(id) FROM households), 1))",
        )
        .execute(&db.pool)
        .await?;
    }
    Ok(())
}

fn t_store_failed(lang: Lang) -> String {
    t(lang, "import-reason-store-failed")
}

/// `($1, $2, …), (…)` for `rows` rows of `cols` values.
fn placeholders(rows: usize, cols: usize) -> String {
    let mut s = String::with_capacity(rows * cols * 6);
    for r in 0..rows {
        if r > 0 {
            s.push(',');
        }
        s.push('(');
        for c in 0..cols {
            if c > 0 {
                s.push(',');
            }
            s.push('$');
            s.push_str(&(r * cols + c + 1).to_string());
        }
        s.push(')');
    }
    s
}

async fn write_chunk(
    db: &Db,
    new: &[(i64, &Household, u64)],
    changed: &[(i64, &Household, u64)],
    villages: &[String],
    programs: &[String],
    t: i64,
) -> sqlx::Result<()> {
    let mut tx = db.pool.begin().await?;
    for (id, h, fp) in changed {
        sqlx::query(
            "UPDATE households SET kk_masked = $2, kelurahan = $3, address = $4, rt = $5, rw = $6,
                    desil = $7, active = $8, fingerprint = $9, updated_at = $10
             WHERE id = $1",
        )
        .bind(*id)
        .bind(h.kk_masked.clone())
        .bind(villages[h.kelurahan as usize].clone())
        .bind(h.address.as_deref().map(String::from))
        .bind(h.rt.as_deref().map(String::from))
        .bind(h.rw.as_deref().map(String::from))
        .bind(h.desil)
        .bind(h.programs.iter().any(|p| p.1) as i64)
        .bind(format!("{fp:016x}"))
        .bind(t)
        .execute(&mut *tx)
        .await?;
        sqlx::query("DELETE FROM members WHERE household_id = $1")
            .bind(*id)
            .execute(&mut *tx)
            .await?;
        // Programs no longer listed go; the others are updated below and keep what the
        // distribution import recorded (last_received).
        let kept = (0..h.programs.len())
            .map(|i| format!("${}", i + 2))
            .collect::<Vec<_>>()
            .join(",");
        let mut q = sqlx::query(AssertSqlSafe(format!(
            "DELETE FROM household_programs WHERE household_id = $1 AND program NOT IN ({kept})"
        )))
        .bind(*id);
        for p in &h.programs {
            q = q.bind(programs[p.0 as usize].clone());
        }
        q.execute(&mut *tx).await?;
    }

    const HH_COLS: usize = 11;
    for batch in new.chunks(HH_ROWS) {
        let sql = format!(
            "INSERT INTO households (id, kk_hash, kk_masked, kelurahan, address, rt, rw, desil,
                                     active, fingerprint, updated_at) VALUES {}",
            placeholders(batch.len(), HH_COLS)
        );
        let mut q = sqlx::query(AssertSqlSafe(sql));
        for (id, h, fp) in batch {
            q = q
                .bind(*id)
                .bind(hex::encode(h.kk_key))
                .bind(h.kk_masked.clone())
                .bind(villages[h.kelurahan as usize].clone())
                .bind(h.address.as_deref().map(String::from))
                .bind(h.rt.as_deref().map(String::from))
                .bind(h.rw.as_deref().map(String::from))
                .bind(h.desil)
                .bind(h.programs.iter().any(|p| p.1) as i64)
                .bind(format!("{fp:016x}"))
                .bind(t);
        }
        q.execute(&mut *tx).await?;
    }

    let all = || new.iter().chain(changed.iter());
    let members: Vec<(i64, &Member)> = all()
        .flat_map(|(id, h, _)| h.members.iter().map(move |m| (*id, m)))
        .collect();
    for batch in members.chunks(ROWS_PER_INSERT) {
        let sql = format!(
            "INSERT INTO members (nik_hash, nik_masked, household_id, name, updated_at) VALUES {}
             ON CONFLICT (nik_hash) DO UPDATE SET nik_masked = excluded.nik_masked,
                household_id = excluded.household_id, name = excluded.name,
                updated_at = excluded.updated_at",
            placeholders(batch.len(), 5)
        );
        let mut q = sqlx::query(AssertSqlSafe(sql));
        for (id, m) in batch {
            q = q
                .bind(hex::encode(m.nik_hash))
                .bind(m.masked.clone())
                .bind(*id)
                .bind(String::from(&*m.name))
                .bind(t);
        }
        q.execute(&mut *tx).await?;
    }

    let progs: Vec<(i64, &ProgramEntry)> = all()
        .flat_map(|(id, h, _)| h.programs.iter().map(move |p| (*id, p)))
        .collect();
    for batch in progs.chunks(ROWS_PER_INSERT) {
        let sql = format!(
            "INSERT INTO household_programs (household_id, program, active, kks_status) VALUES {}
             ON CONFLICT (household_id, program) DO UPDATE SET active = excluded.active,
                kks_status = excluded.kks_status",
            placeholders(batch.len(), 4)
        );
        let mut q = sqlx::query(AssertSqlSafe(sql));
        for (id, (p, active, kks)) in batch {
            q = q
                .bind(*id)
                .bind(programs[*p as usize].clone())
                .bind(*active as i64)
                .bind(kks.map(|k| KKS_STATUSES[k as usize].to_string()));
        }
        q.execute(&mut *tx).await?;
    }
    tx.commit().await
}

/// A synthetic KPM file for benches and trials (`examples/gen_kpm.rs`): `rows` households of
/// one member each in Kecamatan Karawang Barat, semicolon-separated with a BOM. Row `i` has the
/// NIK [`synthetic_nik`]`(i)` and the name [`synthetic_name`]`(i)`.
pub fn write_synthetic(mut out: impl std::io::Write, rows: u64) -> std::io::Result<()> {
    const VILLAGES: [&str; 8] = [
        "32.15.01.1001",
        "Adiarsa Barat",
        "32.15.01.1005",
        "Tanjungmekar",
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
    fn placeholders_number_every_value() {
        assert_eq!(placeholders(2, 2), "($1,$2),($3,$4)");
    }

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
