//! `kesos-bot import penyaluran FILE`: whether a KPM household received a program's aid in a
//! month (`nik` or `no_kk`, `program`, `periode` `YYYY-MM`, `diterima` `ya`/`tidak`).
//!
//! A regency sends a million households a month, so the file is streamed, never held:
//! - the households are looked up by the first eight bytes of the keyed hash of their No. KK or
//!   of a member's NIK, in two sorted tables loaded once (about 12 bytes per household and per
//!   member); a prefix shared by two of them (about one chance in a trillion per pair) is
//!   looked up in full in the database;
//! - each row sets or clears one bit of its household's record for the program and year
//!   (`store::reports`), kept in memory as two 16-bit masks;
//! - what changed is written at the end in one transaction: the import lands whole or not at all.
//!
//! A row is `added` when its month had no record, `updated` when it changes one, `unchanged`
//! when it says what is stored. A row that contradicts an earlier row of the same file (the
//! same household, program and month, received and not) is refused with the line it
//! contradicts; a NIK or No. KK that is no KPM's is refused without being echoed. A row is
//! refused with every problem it has; refused rows are counted and grouped by reason as they
//! come (`import::report`), so a wrong regency's file of millions of rows takes no memory for
//! them and prints a few lines.

pub const REQUIRED: [&Column; 3] = [&PROGRAM, &MONTH, &RECEIVED];
/// One of the two names the household (`no_kk` when both are given).
pub const OPTIONAL: [&Column; 2] = [&NIK, &NO_KK];

use super::columns::{Column, MONTH, NIK, NO_KK, PROGRAM, RECEIVED};
use super::table::{Table, TableError};
use super::{ImportReport, Problems, Reason, shown, values};
use crate::domain::nik::{KkNumber, Nik};
use crate::domain::period::parse_month;
use crate::i18n::{Lang, t};
use crate::store::Db;
use crate::store::keyed::Keyed;
use crate::store::reports::{self, Bits, Record};
use std::collections::HashMap;

/// A sorted table from hash prefixes to household ids; `AMBIGUOUS` marks a shared prefix.
struct Lookup {
    keys: Vec<(u64, u32)>,
}

const AMBIGUOUS: u32 = u32::MAX;

impl Lookup {
    fn build(mut keys: Vec<(u64, u32)>) -> Lookup {
        keys.sort_unstable();
        let mut out: Vec<(u64, u32)> = Vec::with_capacity(keys.len());
        for (k, v) in keys {
            match out.last_mut() {
                Some(last) if last.0 == k && last.1 != v => last.1 = AMBIGUOUS,
                Some(last) if last.0 == k => {}
                _ => out.push((k, v)),
            }
        }
        Lookup { keys: out }
    }
    fn get(&self, prefix: u64) -> Option<u32> {
        self.keys
            .binary_search_by_key(&prefix, |e| e.0)
            .ok()
            .map(|i| self.keys[i].1)
    }
}

fn prefix_of_hex(hex: &str) -> Option<u64> {
    u64::from_str_radix(hex.get(..16)?, 16).ok()
}

fn prefix_of(raw: &[u8; 32]) -> u64 {
    u64::from_be_bytes(raw[..8].try_into().expect("8 bytes"))
}

/// Households (id → desa/kelurahan, by index into `areas`) and the two look-up tables.
struct Known {
    /// The programs each household is a KPM of (bits by index into the program codes).
    programs: HashMap<u32, u32>,
    areas: Vec<String>,
    area: HashMap<u32, u16>,
    by_kk: Lookup,
    by_nik: Lookup,
}

/// Streams the households and members once (rows are not held: a regency has millions).
async fn load(db: &Db, codes: &[String]) -> sqlx::Result<Known> {
    use futures::TryStreamExt;
    let mut programs: HashMap<u32, u32> = HashMap::new();
    let mut rows =
        sqlx::query_as::<_, (i64, String)>("SELECT household_id, program FROM household_programs")
            .fetch(&db.pool);
    while let Some((id, program)) = rows.try_next().await? {
        if let Some(i) = codes.iter().position(|c| *c == program) {
            *programs.entry(id as u32).or_default() |= 1 << i;
        }
    }
    drop(rows);
    let mut areas: Vec<String> = Vec::new();
    let mut index: HashMap<String, u16> = HashMap::new();
    let mut area = HashMap::new();
    let mut kk = Vec::new();
    let mut rows =
        sqlx::query_as::<_, (i64, String, String)>("SELECT id, kk_hash, kelurahan FROM households")
            .fetch(&db.pool);
    while let Some((id, hash, kel)) = rows.try_next().await? {
        let id = id as u32;
        if let Some(p) = prefix_of_hex(&hash) {
            kk.push((p, id));
        }
        let i = *index.entry(kel).or_insert_with_key(|k| {
            areas.push(k.clone());
            (areas.len() - 1) as u16
        });
        area.insert(id, i);
    }
    drop(rows);
    let mut nik = Vec::new();
    let mut rows = sqlx::query_as::<_, (String, i64)>("SELECT nik_hash, household_id FROM members")
        .fetch(&db.pool);
    while let Some((hash, id)) = rows.try_next().await? {
        if let Some(p) = prefix_of_hex(&hash) {
            nik.push((p, id as u32));
        }
    }
    drop(rows);
    Ok(Known {
        programs,
        areas,
        area,
        by_kk: Lookup::build(kk),
        by_nik: Lookup::build(nik),
    })
}

/// A shared prefix: the household by the full hash.
async fn by_full_hash(db: &Db, column: &str, hash: &str) -> sqlx::Result<Option<u32>> {
    let sql = match column {
        "kk" => "SELECT id FROM households WHERE kk_hash = $1",
        _ => "SELECT household_id FROM members WHERE nik_hash = $1",
    };
    let row: Option<(i64,)> = sqlx::query_as(sql)
        .bind(hash)
        .fetch_optional(&db.pool)
        .await?;
    Ok(row.map(|r| r.0 as u32))
}

/// One good row, before its household is known in full.
enum Who {
    Household(u32),
    /// A prefix shared by two: the full hash ("kk" or "nik", hex).
    Ambiguous(&'static str, String),
}

/// The state of one (household, program, year) during the import: the stored bits, the bits
/// set and cleared by the file, and for each month the line that set it.
#[derive(Default)]
struct Entry {
    stored: Bits,
    set: u16,
    cleared: u16,
    lines: [u32; 12],
}

pub async fn import(
    db: &Db,
    path: &std::path::Path,
    secret: &[u8],
    lang: Lang,
) -> anyhow::Result<ImportReport> {
    let mut table = Table::open(path, &REQUIRED, &OPTIONAL, lang)?;
    let programs = super::program_codes(db).await;
    let known = load(db, &programs).await?;
    let keyed = Keyed::new(secret);
    let mut report = ImportReport::default();
    // Rows checked on a blocking thread (hashing is the work); households resolved here.
    type Good = (u64, Who, u8, i32, u32, bool);
    let (tx, mut rx) = tokio::sync::mpsc::channel::<Vec<Good>>(4);
    let reader = {
        let programs = programs.clone();
        let known_kk = known.by_kk;
        let known_nik = known.by_nik;
        tokio::task::spawn_blocking(move || -> Result<(Problems, Vec<Reason>), TableError> {
            let mut batch = Vec::with_capacity(4096);
            let mut refused = Problems::default();
            let result = table.for_each(|row| {
                let row = match row {
                    Ok(r) => r,
                    Err(e) => return refused.add(e.line, vec![e.reason()]),
                };
                let quoting = |key, value: &str| Reason::new(key).arg("value", shown(value));
                let mut problems = vec![];
                let program = match row.get("program") {
                    None => {
                        problems.push(Reason::new("import-reason-program-missing"));
                        None
                    }
                    Some(p) => {
                        let i = values::program_index(&programs, p);
                        if i.is_none() {
                            problems.push(quoting("import-reason-unknown-program", p));
                        }
                        i
                    }
                };
                let month = row.get("periode").and_then(parse_month);
                if month.is_none() {
                    let v = row.get("periode").unwrap_or("");
                    problems.push(quoting("import-reason-bad-month", v));
                }
                let received = row.get("diterima").and_then(values::received);
                if received.is_none() {
                    let v = row.get("diterima").unwrap_or("");
                    problems.push(quoting("import-reason-bad-received", v));
                }
                let who = match (row.get("no_kk"), row.get("nik")) {
                    (Some(kk), _) if values::scientific(kk) => {
                        problems.push(quoting("import-reason-kk-scientific", kk));
                        None
                    }
                    (Some(kk), _) => match KkNumber::parse(kk) {
                        Some(kk) => {
                            let raw = keyed.kk_raw(&kk);
                            match known_kk.get(prefix_of(&raw)) {
                                Some(AMBIGUOUS) => Some(Who::Ambiguous("kk", hex::encode(raw))),
                                Some(id) => Some(Who::Household(id)),
                                None => {
                                    problems.push(Reason::new("import-reason-kk-not-kpm"));
                                    None
                                }
                            }
                        }
                        None => {
                            problems.push(Reason::new("import-reason-kk-invalid"));
                            None
                        }
                    },
                    (None, Some(nik)) if values::scientific(nik) => {
                        problems.push(quoting("import-reason-nik-scientific", nik));
                        None
                    }
                    (None, Some(nik)) => match Nik::parse(nik) {
                        Ok(nik) => {
                            let raw = keyed.nik_raw(&nik);
                            match known_nik.get(prefix_of(&raw)) {
                                Some(AMBIGUOUS) => Some(Who::Ambiguous("nik", hex::encode(raw))),
                                Some(id) => Some(Who::Household(id)),
                                None => {
                                    problems.push(Reason::new("import-reason-nik-not-kpm"));
                                    None
                                }
                            }
                        }
                        Err(e) => {
                            let why = crate::i18n::nik_why(lang, e);
                            problems.push(Reason::new("import-reason-nik-invalid").arg("why", why));
                            None
                        }
                    },
                    (None, None) => {
                        problems.push(Reason::new("import-reason-nik-or-kk-missing"));
                        None
                    }
                };
                let (Some(who), Some(program), Some((year, month)), Some(received)) =
                    (who, program, month, received)
                else {
                    return refused.add(row.line, problems);
                };
                batch.push((row.line, who, program, year, month, received));
                if batch.len() == 4096 {
                    let full = std::mem::replace(&mut batch, Vec::with_capacity(4096));
                    // The receiver is gone only when the import stopped.
                    let _ = tx.blocking_send(full);
                }
            });
            if !batch.is_empty() {
                let _ = tx.blocking_send(batch);
            }
            result.map(|()| (refused, table.notes()))
        })
    };
    let mut entries: HashMap<(u32, u8, i32), Entry> = HashMap::new();
    let mut stored: HashMap<(u8, i32), HashMap<(i64, i32), Bits>> = HashMap::new();
    while let Some(batch) = rx.recv().await {
        for (line, who, program, year, month, received) in batch {
            let household = match who {
                Who::Household(h) => h,
                Who::Ambiguous(column, hash) => match by_full_hash(db, column, &hash).await? {
                    Some(h) => h,
                    None => {
                        let key = if column == "kk" {
                            "import-reason-kk-not-kpm"
                        } else {
                            "import-reason-nik-not-kpm"
                        };
                        report.reject(line, Reason::new(key));
                        continue;
                    }
                },
            };
            // A household that is no KPM of this program (another program's, or none).
            if known
                .programs
                .get(&household)
                .is_none_or(|m| m & (1 << program) == 0)
            {
                let reason = Reason::new("import-reason-not-kpm-of-program")
                    .arg("program", programs[program as usize].clone());
                report.reject(line, reason);
                continue;
            }
            if let std::collections::hash_map::Entry::Vacant(slot) = stored.entry((program, year)) {
                let code = &programs[program as usize];
                slot.insert(reports::distributions_of(db, code, &[year]).await?);
            }
            let e = entries
                .entry((household, program, year))
                .or_insert_with(|| Entry {
                    stored: stored[&(program, year)]
                        .get(&(i64::from(household), year))
                        .copied()
                        .unwrap_or_default(),
                    ..Default::default()
                });
            let bit = 1u16 << (month - 1);
            let contradicts = if received {
                e.cleared & bit != 0
            } else {
                e.set & bit != 0
            };
            if contradicts {
                let earlier = e.lines[month as usize - 1];
                let reason =
                    Reason::new("import-reason-contradicts").arg("line", i64::from(earlier));
                report.reject(line, reason);
                continue;
            }
            // The same record again in the file: it changes nothing more.
            let repeat = (e.set | e.cleared) & bit != 0;
            if !repeat {
                e.lines[month as usize - 1] = line as u32;
            }
            if received {
                e.set |= bit;
            } else {
                e.cleared |= bit;
            }
            if repeat {
                report.unchanged += 1;
            } else if e.stored.known & bit == 0 {
                report.added += 1;
            } else if (e.stored.months & bit != 0) != received {
                report.updated += 1;
            } else {
                report.unchanged += 1;
            }
        }
    }
    let (refused, notes) = reader.await??;
    report.rejected.merge(refused);
    report.notes = notes;
    // What changed, program by program, in one transaction each… as one import: collect first.
    let mut by_program: HashMap<u8, Vec<Record>> = HashMap::new();
    for ((household, program, year), e) in entries {
        let months = (e.stored.months | e.set) & !e.cleared;
        let known_bits = e.stored.known | e.set | e.cleared;
        let bits = Bits {
            months,
            known: known_bits,
        };
        if bits == e.stored {
            continue;
        }
        let area = known
            .area
            .get(&household)
            .map(|i| known.areas[*i as usize].clone())
            .unwrap_or_default();
        by_program.entry(program).or_default().push(Record {
            household: i64::from(household),
            year,
            bits,
            area,
        });
    }
    let writes: Vec<(String, Vec<Record>)> = by_program
        .into_iter()
        .map(|(p, mut r)| {
            r.sort_by_key(|r| (r.household, r.year));
            (programs[p as usize].clone(), r)
        })
        .collect();
    reports::write_all(db, &writes)
        .await
        .map_err(|e| anyhow::Error::new(e).context(t(lang, "import-failed-nothing-changed")))?;
    Ok(report)
}
