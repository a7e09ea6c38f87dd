//! Where households and members are written: one transaction on a connection of its own,
//! households added, updated or skipped as unchanged, then their members.

use super::household::{Household, Member};
use super::passes::DROPPED;
use super::rules::{KKS_STATUSES, ProgramEntry, Rules};
use crate::import::ImportReport;
use crate::store::{Backend, Db, now};
use sqlx::AssertSqlSafe;
use std::collections::HashMap;

/// Rows per statement on PostgreSQL, where they travel as one JSON parameter ([`insert_rows`]).
const ROWS_PER_STATEMENT: usize = 2_000;
/// Page cache of the SQLite connection during the import, in KiB.
const IMPORT_CACHE_KIB: i64 = 8 * 1024;

/// Writes what the reader hands over, all in one transaction, on a connection of its own
/// (taken out of the pool: it is closed afterwards, with the settings made for the import).
pub(super) struct Writer {
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
    pub(super) async fn new(db: &Db, rules: &Rules) -> sqlx::Result<Writer> {
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
    pub(super) async fn households(
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
    pub(super) async fn members(&mut self, batch: Vec<(u32, Member)>) -> sqlx::Result<()> {
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
    pub(super) async fn finish(mut self) -> sqlx::Result<()> {
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
