//! Residents' data: the program table, KPM households found by the keyed hash of a member's NIK,
//! the per-user look-up budget of `/cek`, and proposals (usulan) with their verification task.
//! No function here takes or returns a full NIK: callers pass its keyed hash and masked form.

use super::{Db, now, tasks};
use crate::domain::task::TaskKind;

/// An assistance program (`programs` table): what it gives is data, not code.
#[derive(Debug, Clone, PartialEq, sqlx::FromRow)]
pub struct Program {
    pub code: String,
    pub name: String,
    /// Rupiah per KPM per month; `None` when it varies (PKH by family components, PBI in kind).
    pub benefit_per_month: Option<i64>,
}

pub async fn programs(db: &Db) -> sqlx::Result<Vec<Program>> {
    sqlx::query_as("SELECT code, name, benefit_per_month FROM programs ORDER BY sort_order, code")
        .fetch_all(&db.pool)
        .await
}

/// A household member found by NIK hash, with where the household lives.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct MemberHit {
    pub household_id: i64,
    /// The name on record, for the forgiving comparison. Never logged or sent.
    pub name: String,
    pub kelurahan: String,
    pub kelurahan_name: Option<String>,
    pub kecamatan_name: Option<String>,
}

pub async fn find_member(db: &Db, nik_hash: &str) -> sqlx::Result<Option<MemberHit>> {
    sqlx::query_as(
        "SELECT m.household_id, m.name, h.kelurahan, w.name AS kelurahan_name,
                k.name AS kecamatan_name
         FROM members m
         JOIN households h ON h.id = m.household_id
         LEFT JOIN wilayah w ON w.code = h.kelurahan
         LEFT JOIN wilayah k ON k.code = w.parent_code
         WHERE m.nik_hash = $1",
    )
    .bind(nik_hash)
    .fetch_optional(&db.pool)
    .await
}

/// One program of a household, as `/cek` shows it.
#[derive(Debug, Clone, PartialEq, sqlx::FromRow)]
pub struct HouseholdProgram {
    pub code: String,
    pub name: String,
    pub benefit_per_month: Option<i64>,
    pub active: i64,
    pub kks_status: Option<String>,
    /// `YYYY-MM` of the last aid received, when known.
    pub last_received: Option<String>,
}

pub async fn household_programs(db: &Db, household_id: i64) -> sqlx::Result<Vec<HouseholdProgram>> {
    sqlx::query_as(
        "SELECT p.code, p.name, p.benefit_per_month, hp.active, hp.kks_status, hp.last_received
         FROM household_programs hp JOIN programs p ON p.code = hp.program
         WHERE hp.household_id = $1
         ORDER BY hp.active DESC, p.sort_order, p.code",
    )
    .bind(household_id)
    .fetch_all(&db.pool)
    .await
}

/// The `/cek` budget of a user: `Ok(())` when a look-up may happen now (and, with `take`, it is
/// counted), or `Err(unix)` with the moment the next one will be allowed.
pub async fn lookup_budget(
    db: &Db,
    tg_id: i64,
    limit: u32,
    window_secs: i64,
    take: bool,
) -> sqlx::Result<Result<(), i64>> {
    let t = now();
    let since = t - window_secs;
    loop {
        if take {
            // One statement: counted only while the window has room.
            let taken = sqlx::query(
                "INSERT INTO lookups (tg_id, at) SELECT $1, $2
                 WHERE (SELECT COUNT(*) FROM (SELECT 1 FROM lookups
                                              WHERE tg_id = $1 AND at > $3 LIMIT $4) AS r) < $4",
            )
            .bind(tg_id)
            .bind(t)
            .bind(since)
            .bind(i64::from(limit))
            .execute(&db.pool)
            .await?
            .rows_affected();
            if taken == 1 {
                return Ok(Ok(()));
            }
        }
        // Only the `limit` most recent look-ups in the window matter.
        let recent: Vec<(i64,)> = sqlx::query_as(
            "SELECT at FROM lookups WHERE tg_id = $1 AND at > $2 ORDER BY at DESC LIMIT $3",
        )
        .bind(tg_id)
        .bind(since)
        .bind(i64::from(limit))
        .fetch_all(&db.pool)
        .await?;
        if recent.len() >= limit as usize {
            // The look-up that frees a place is the `limit`-th most recent one.
            let freeing = recent[limit as usize - 1].0;
            return Ok(Err(freeing + window_secs + 1));
        }
        if !take {
            return Ok(Ok(()));
        }
        // A place came free between the two statements: take it.
    }
}

/// Forgets look-ups older than `age_secs` (they no longer count against anyone).
pub async fn prune_lookups(db: &Db, age_secs: i64) -> sqlx::Result<u64> {
    let r = sqlx::query("DELETE FROM lookups WHERE at < $1")
        .bind(now() - age_secs)
        .execute(&db.pool)
        .await?;
    Ok(r.rows_affected())
}

/// A kecamatan or kelurahan to choose from.
#[derive(Debug, Clone, PartialEq, sqlx::FromRow)]
pub struct Place {
    pub code: String,
    pub name: String,
}

pub async fn kecamatan_list(db: &Db) -> sqlx::Result<Vec<Place>> {
    sqlx::query_as("SELECT code, name FROM wilayah WHERE level = 'kecamatan' ORDER BY name")
        .fetch_all(&db.pool)
        .await
}

pub async fn villages_of(db: &Db, kecamatan: &str) -> sqlx::Result<Vec<Place>> {
    sqlx::query_as(
        "SELECT code, name FROM wilayah WHERE parent_code = $1
         AND level IN ('kelurahan', 'desa') ORDER BY name",
    )
    .bind(kecamatan)
    .fetch_all(&db.pool)
    .await
}

/// A village and its kecamatan's name, when the code is a known kelurahan or desa.
pub async fn village(db: &Db, code: &str) -> sqlx::Result<Option<(String, Option<String>)>> {
    sqlx::query_as(
        "SELECT w.name, k.name FROM wilayah w LEFT JOIN wilayah k ON k.code = w.parent_code
         WHERE w.code = $1 AND w.level IN ('kelurahan', 'desa')",
    )
    .bind(code)
    .fetch_optional(&db.pool)
    .await
}

/// A proposal (usulan) as the resident confirmed it.
#[derive(Debug, Clone)]
pub struct NewProposal<'a> {
    pub tg_id: i64,
    pub kelurahan: &'a str,
    pub name: &'a str,
    pub nik_hash: &'a str,
    pub nik_masked: &'a str,
    pub address: &'a str,
    pub rt: Option<&'a str>,
    pub rw: Option<&'a str>,
    pub phone: Option<&'a str>,
    pub answers: &'a crate::domain::criteria::Answers,
    /// The flow's one-time key: confirming twice files one proposal.
    pub dedupe: &'a str,
    /// `YYYY` (WIB) for the number `USL-YYYY-000123`.
    pub year: i32,
    /// `YYYY-MM-DD` (WIB): when the verification visit is due.
    pub due_date: &'a str,
}

/// Commits a proposal and its verification task for the kelurahan in one transaction; returns
/// its number. A repeated confirmation (same `dedupe`) returns the number filed the first time.
pub async fn submit_proposal(db: &Db, p: &NewProposal<'_>) -> sqlx::Result<String> {
    let mut tx = db.begin_write().await?;
    if let Some((number,)) =
        sqlx::query_as::<_, (String,)>("SELECT number FROM proposals WHERE dedupe = $1")
            .bind(p.dedupe)
            .fetch_optional(&mut *tx)
            .await?
    {
        tx.commit().await?;
        return Ok(number);
    }
    let t = now();
    let (id,): (i64,) = sqlx::query_as(
        "INSERT INTO proposals (number, tg_id, kelurahan, name, nik_hash, nik_masked, address,
                                rt, rw, phone, answers, criteria_met, status, dedupe,
                                created_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, 'submitted', $13, $14, $14)
         RETURNING id",
    )
    .bind(format!("USL-pending-{}", p.dedupe))
    .bind(p.tg_id)
    .bind(p.kelurahan)
    .bind(p.name)
    .bind(p.nik_hash)
    .bind(p.nik_masked)
    .bind(p.address)
    .bind(p.rt)
    .bind(p.rw)
    .bind(p.phone)
    .bind(p.answers.encode())
    .bind(p.answers.met() as i64)
    .bind(p.dedupe)
    .bind(t)
    .fetch_one(&mut *tx)
    .await?;
    let number = format!("USL-{}-{id:06}", p.year);
    sqlx::query("UPDATE proposals SET number = $2 WHERE id = $1")
        .bind(id)
        .bind(&number)
        .execute(&mut *tx)
        .await?;
    tasks::create(
        &mut *tx,
        TaskKind::VerifyProposal,
        p.kelurahan,
        &number,
        Some(p.due_date),
        None,
    )
    .await?;
    super::users::note_home(&mut *tx, p.tg_id, p.kelurahan).await?;
    super::audit::record(
        &mut *tx,
        Some(p.tg_id),
        "proposal.submitted",
        Some(&number),
        None,
    )
    .await?;
    tx.commit().await?;
    Ok(number)
}
