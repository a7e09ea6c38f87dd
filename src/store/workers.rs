//! Field workers (PSM, TKSK) and Dinas Sosial operators: invites, enrolment with `/daftar`,
//! the lock-out after wrong codes, listing and revoking.

use super::tasks::OPEN;
use super::{Db, now, outbox, regions};
use crate::domain::invite;
use crate::domain::notice::Notice;
use crate::domain::region::Level;
use crate::domain::role::Role;
use crate::domain::task::TaskStatus;
use sqlx::AnyConnection;
use std::collections::HashMap;

/// Failed codes that lock a user out, within [`LOCK_WINDOW`] seconds.
pub const LOCK_AFTER: usize = 5;
pub const LOCK_WINDOW: i64 = 3600;
/// How long the lock-out lasts after the last of those failures.
pub const LOCK_SECS: i64 = 3600;

#[derive(Debug, Clone, PartialEq, sqlx::FromRow)]
pub struct Worker {
    pub id: i64,
    pub tg_id: Option<i64>,
    #[sqlx(try_from = "String")]
    pub role: Role,
    pub name: String,
    pub active: i64,
    pub enrolled_at: Option<i64>,
}

const COLS: &str = "id, tg_id, role, name, active, enrolled_at";

/// Why an invite cannot be made; the operator fixes the command line.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum InviteError {
    #[error("role must be psm, tksk or dinsos")]
    BadRole,
    #[error("a name is needed")]
    NoName,
    #[error("unknown area {0}")]
    UnknownArea(String),
    #[error("{role} needs {what}")]
    WrongAreas {
        role: &'static str,
        what: &'static str,
    },
}

/// A fresh invite: the code is shown once and never stored.
#[derive(Debug, Clone)]
pub struct Invite {
    pub worker_id: i64,
    pub code: String,
    pub expires_at: i64,
    pub areas: Vec<String>,
}

/// Resolves an area given as a Kemendagri code or a name at the level a role needs.
async fn resolve_area(db: &Db, role: Role, typed: &str) -> sqlx::Result<Option<String>> {
    let levels: &[Level] = match role {
        Role::Psm => &Level::VILLAGE,
        Role::Tksk => &[Level::Kecamatan],
        Role::Dinsos => &[Level::Kabupaten],
        Role::Warga => return Ok(None),
    };
    Ok(regions::find(db, typed, levels).await?.map(|r| r.code))
}

/// Creates a worker (not yet enrolled) and a one-time code valid for 72 hours.
pub async fn invite(
    db: &Db,
    secret: &[u8],
    role: Role,
    areas: &[String],
    name: &str,
) -> anyhow::Result<Result<Invite, InviteError>> {
    let name = name.trim();
    if name.is_empty() {
        return Ok(Err(InviteError::NoName));
    }
    let wrong =
        |role: &'static str, what: &'static str| Ok(Err(InviteError::WrongAreas { role, what }));
    match role {
        Role::Warga => return Ok(Err(InviteError::BadRole)),
        Role::Psm if areas.is_empty() => {
            return wrong("psm", "one or more kelurahan (--area, repeatable)");
        }
        Role::Tksk if areas.len() != 1 => return wrong("tksk", "exactly one kecamatan (--area)"),
        Role::Dinsos if areas.len() != 1 => {
            return wrong("dinsos", "exactly one kabupaten (--area)");
        }
        _ => {}
    }
    let mut codes = Vec::new();
    for a in areas {
        match resolve_area(db, role, a).await? {
            Some(c) if !codes.contains(&c) => codes.push(c),
            Some(_) => {}
            None => return Ok(Err(InviteError::UnknownArea(a.trim().to_string()))),
        }
    }
    let code = invite::generate();
    let hash = invite::hash(
        secret,
        &invite::normalize(&code).expect("generated codes are valid"),
    );
    let t = now();
    let mut tx = db.begin_write().await?;
    let (worker_id,): (i64,) = sqlx::query_as(
        "INSERT INTO workers (role, name, active, created_at) VALUES ($1, $2, 1, $3) RETURNING id",
    )
    .bind(role.code())
    .bind(name)
    .bind(t)
    .fetch_one(&mut *tx)
    .await?;
    for area in &codes {
        sqlx::query("INSERT INTO worker_areas (worker_id, area) VALUES ($1, $2)")
            .bind(worker_id)
            .bind(area)
            .execute(&mut *tx)
            .await?;
    }
    let expires_at = t + invite::VALID_SECS;
    sqlx::query(
        "INSERT INTO invites (code_hash, worker_id, created_at, expires_at) VALUES ($1, $2, $3, $4)",
    )
    .bind(&hash)
    .bind(worker_id)
    .bind(t)
    .bind(expires_at)
    .execute(&mut *tx)
    .await?;
    audit(
        &mut tx,
        None,
        "worker.invited",
        &worker_id.to_string(),
        role.code(),
    )
    .await?;
    tx.commit().await?;
    Ok(Ok(Invite {
        worker_id,
        code,
        expires_at,
        areas: codes,
    }))
}

/// What `/daftar KODE` came to.
#[derive(Debug, Clone, PartialEq)]
pub enum Enrolment {
    Enrolled {
        worker: Worker,
        areas: Vec<String>,
    },
    /// Too many wrong codes: try again after this Unix time.
    LockedOut {
        until: i64,
    },
    Wrong,
    Used,
    Expired,
    /// The caller already is an active worker.
    AlreadyEnrolled,
}

/// When the lock-out of a user with these failed attempts (Unix times, ascending) ends, if
/// they are locked out at all: five failures within an hour lock for an hour after the fifth.
pub fn lockout_until(attempts: &[i64]) -> Option<i64> {
    attempts
        .windows(LOCK_AFTER)
        .filter(|w| w[LOCK_AFTER - 1] - w[0] <= LOCK_WINDOW)
        .map(|w| w[LOCK_AFTER - 1] + LOCK_SECS)
        .max()
}

async fn record_failure(db: &Db, tg_id: i64) -> sqlx::Result<()> {
    let t = now();
    sqlx::query("INSERT INTO code_attempts (tg_id, at) VALUES ($1, $2)")
        .bind(tg_id)
        .bind(t)
        .execute(&db.pool)
        .await?;
    sqlx::query("DELETE FROM code_attempts WHERE tg_id = $1 AND at < $2")
        .bind(tg_id)
        .bind(t - 2 * (LOCK_WINDOW + LOCK_SECS))
        .execute(&db.pool)
        .await?;
    Ok(())
}

/// The lock-out end for a user now, if locked.
pub async fn locked_until(db: &Db, tg_id: i64) -> sqlx::Result<Option<i64>> {
    let t = now();
    let rows: Vec<(i64,)> =
        sqlx::query_as("SELECT at FROM code_attempts WHERE tg_id = $1 AND at > $2 ORDER BY at")
            .bind(tg_id)
            .bind(t - LOCK_WINDOW - LOCK_SECS)
            .fetch_all(&db.pool)
            .await?;
    let at: Vec<i64> = rows.into_iter().map(|r| r.0).collect();
    Ok(lockout_until(&at).filter(|u| *u > t))
}

/// Binds the caller's Telegram account to an invite code.
pub async fn enrol(db: &Db, secret: &[u8], tg_id: i64, typed: &str) -> anyhow::Result<Enrolment> {
    if let Some(until) = locked_until(db, tg_id).await? {
        return Ok(Enrolment::LockedOut { until });
    }
    if worker_by_tg(db, tg_id).await?.is_some() {
        return Ok(Enrolment::AlreadyEnrolled);
    }
    let Some(code) = invite::normalize(typed) else {
        record_failure(db, tg_id).await?;
        return Ok(fail_or_lock(db, tg_id, Enrolment::Wrong).await?);
    };
    let hash = invite::hash(secret, &code);
    let t = now();
    let mut tx = db.begin_write().await?;
    let row: Option<(i64, i64, i64, Option<i64>, i64)> = sqlx::query_as(
        "SELECT i.id, i.worker_id, i.expires_at, i.used_at, w.active
         FROM invites i JOIN workers w ON w.id = i.worker_id WHERE i.code_hash = $1",
    )
    .bind(&hash)
    .fetch_optional(&mut *tx)
    .await?;
    let failure = match row {
        None => Some(Enrolment::Wrong),
        Some((_, _, _, Some(_), _)) => Some(Enrolment::Used),
        Some((_, _, _, _, 0)) => Some(Enrolment::Wrong),
        Some((_, _, exp, _, _)) if exp <= t => Some(Enrolment::Expired),
        Some(_) => None,
    };
    if let Some(f) = failure {
        drop(tx);
        record_failure(db, tg_id).await?;
        return Ok(fail_or_lock(db, tg_id, f).await?);
    }
    let (invite_id, worker_id, ..) = row.expect("checked above");
    let claimed = sqlx::query(
        "UPDATE invites SET used_at = $2, used_by = $3 WHERE id = $1 AND used_at IS NULL",
    )
    .bind(invite_id)
    .bind(t)
    .bind(tg_id)
    .execute(&mut *tx)
    .await?;
    if claimed.rows_affected() != 1 {
        return Ok(Enrolment::Used);
    }
    sqlx::query("UPDATE workers SET tg_id = $2, enrolled_at = $3 WHERE id = $1")
        .bind(worker_id)
        .bind(tg_id)
        .bind(t)
        .execute(&mut *tx)
        .await?;
    let worker: Worker = sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "SELECT {COLS} FROM workers WHERE id = $1"
    )))
    .bind(worker_id)
    .fetch_one(&mut *tx)
    .await?;
    let areas = areas_in(&mut tx, worker_id).await?;
    // The role the handler tree checks (users.role), with the worker's first area.
    sqlx::query("UPDATE users SET role = $2, area = $3 WHERE tg_id = $1")
        .bind(tg_id)
        .bind(worker.role.code())
        .bind(areas.first())
        .execute(&mut *tx)
        .await?;
    audit(
        &mut tx,
        Some(tg_id),
        "worker.enrolled",
        &worker_id.to_string(),
        worker.role.code(),
    )
    .await?;
    tx.commit().await?;
    Ok(Enrolment::Enrolled { worker, areas })
}

/// After a failure: the failure itself, or the lock-out it just triggered.
async fn fail_or_lock(db: &Db, tg_id: i64, failure: Enrolment) -> sqlx::Result<Enrolment> {
    Ok(match locked_until(db, tg_id).await? {
        Some(until) => Enrolment::LockedOut { until },
        None => failure,
    })
}

async fn audit(
    conn: &mut AnyConnection,
    actor: Option<i64>,
    action: &str,
    subject: &str,
    detail: &str,
) -> sqlx::Result<()> {
    super::audit::record(conn, actor, action, Some(subject), Some(detail)).await
}

/// The audit line of a worker action, inside the caller's transaction.
pub async fn audit_in(
    conn: &mut AnyConnection,
    actor: Option<i64>,
    action: &str,
    subject: &str,
    detail: &str,
) -> sqlx::Result<()> {
    audit(conn, actor, action, subject, detail).await
}

/// The active worker behind a Telegram account.
pub async fn worker_by_tg(db: &Db, tg_id: i64) -> sqlx::Result<Option<Worker>> {
    sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "SELECT {COLS} FROM workers WHERE tg_id = $1 AND active = 1"
    )))
    .bind(tg_id)
    .fetch_optional(&db.pool)
    .await
}

pub async fn get(db: &Db, id: i64) -> sqlx::Result<Option<Worker>> {
    sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "SELECT {COLS} FROM workers WHERE id = $1"
    )))
    .bind(id)
    .fetch_optional(&db.pool)
    .await
}

pub async fn areas_in(conn: &mut AnyConnection, worker_id: i64) -> sqlx::Result<Vec<String>> {
    let rows: Vec<(String,)> =
        sqlx::query_as("SELECT area FROM worker_areas WHERE worker_id = $1 ORDER BY area")
            .bind(worker_id)
            .fetch_all(conn)
            .await?;
    Ok(rows.into_iter().map(|r| r.0).collect())
}

pub async fn areas(db: &Db, worker_id: i64) -> sqlx::Result<Vec<String>> {
    let mut conn = db.pool.acquire().await?;
    areas_in(&mut conn, worker_id).await
}

/// Active PSM covering a kelurahan, by name.
pub async fn psm_of(db: &Db, kelurahan: &str) -> sqlx::Result<Vec<Worker>> {
    sqlx::query_as(
        "SELECT w.id, w.tg_id, w.role, w.name, w.active, w.enrolled_at
         FROM workers w JOIN worker_areas a ON a.worker_id = w.id
         WHERE w.active = 1 AND w.role = $2 AND a.area = $1 ORDER BY w.name, w.id",
    )
    .bind(kelurahan)
    .bind(Role::Psm.code())
    .fetch_all(&db.pool)
    .await
}

/// The active TKSK of a kecamatan (normally one), excluding `except`.
pub async fn tksk_of(
    conn: &mut AnyConnection,
    kecamatan: &str,
    except: i64,
) -> sqlx::Result<Option<i64>> {
    let row: Option<(i64,)> = sqlx::query_as(
        "SELECT w.id FROM workers w JOIN worker_areas a ON a.worker_id = w.id
         WHERE w.active = 1 AND w.role = $3 AND a.area = $1 AND w.id <> $2
         ORDER BY w.enrolled_at IS NULL, w.id LIMIT 1",
    )
    .bind(kecamatan)
    .bind(except)
    .bind(Role::Tksk.code())
    .fetch_optional(conn)
    .await?;
    Ok(row.map(|r| r.0))
}

/// The chats of enrolled, active workers, for notices, in one query (absent: not reachable).
pub async fn contacts(
    conn: &mut AnyConnection,
    workers: &[i64],
) -> sqlx::Result<HashMap<i64, i64>> {
    if workers.is_empty() {
        return Ok(HashMap::new());
    }
    let list: Vec<String> = workers.iter().map(i64::to_string).collect();
    let rows: Vec<(i64, i64)> = sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "SELECT w.id, u.chat_id FROM workers w JOIN users u ON u.tg_id = w.tg_id
         WHERE w.active = 1 AND w.id IN ({})",
        list.join(", ")
    )))
    .fetch_all(conn)
    .await?;
    Ok(rows.into_iter().collect())
}

/// The kecamatan code an area lies in (a kelurahan's parent, or the kecamatan itself).
pub fn kecamatan_of(area: &str) -> String {
    area.split('.').take(3).collect::<Vec<_>>().join(".")
}

/// A worker and their areas, for `worker list`.
#[derive(Debug, Clone)]
pub struct Listing {
    pub worker: Worker,
    pub areas: Vec<String>,
    pub open_tasks: i64,
}

/// Every worker with their areas and open tasks: three queries, whatever the number of workers.
pub async fn list(db: &Db) -> sqlx::Result<Vec<Listing>> {
    let workers: Vec<Worker> = sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "SELECT {COLS} FROM workers ORDER BY active DESC, role, name, id"
    )))
    .fetch_all(&db.pool)
    .await?;
    let mut areas: HashMap<i64, Vec<String>> = HashMap::new();
    let rows: Vec<(i64, String)> =
        sqlx::query_as("SELECT worker_id, area FROM worker_areas ORDER BY worker_id, area")
            .fetch_all(&db.pool)
            .await?;
    for (worker, area) in rows {
        areas.entry(worker).or_default().push(area);
    }
    let open = &*OPEN;
    let counts: HashMap<i64, i64> = sqlx::query_as::<_, (i64, i64)>(sqlx::AssertSqlSafe(format!(
        "SELECT assignee, COUNT(*) FROM tasks WHERE assignee IS NOT NULL AND status IN {open}
         GROUP BY assignee"
    )))
    .fetch_all(&db.pool)
    .await?
    .into_iter()
    .collect();
    Ok(workers
        .into_iter()
        .map(|w| Listing {
            areas: areas.remove(&w.id).unwrap_or_default(),
            open_tasks: counts.get(&w.id).copied().unwrap_or(0),
            worker: w,
        })
        .collect())
}

/// What `worker revoke` did.
#[derive(Debug, Clone, PartialEq)]
pub enum Revocation {
    NotFound,
    AlreadyRevoked,
    /// Access ended; `returned` open tasks went back to their TKSK (or to the unassigned pool
    /// where the kecamatan has none).
    Revoked {
        returned: i64,
    },
}

/// Ends a worker's access at once and hands their open tasks back to their TKSK.
pub async fn revoke(db: &Db, id: i64) -> anyhow::Result<Revocation> {
    let Some(w) = get(db, id).await? else {
        return Ok(Revocation::NotFound);
    };
    if w.active == 0 {
        return Ok(Revocation::AlreadyRevoked);
    }
    let t = now();
    let open = &*OPEN;
    let mut tx = db.begin_write().await?;
    sqlx::query("UPDATE workers SET active = 0, revoked_at = $2 WHERE id = $1")
        .bind(id)
        .bind(t)
        .execute(&mut *tx)
        .await?;
    if let Some(tg) = w.tg_id {
        sqlx::query("UPDATE users SET role = $2, area = NULL WHERE tg_id = $1")
            .bind(tg)
            .bind(Role::Warga.code())
            .execute(&mut *tx)
            .await?;
        // A flow half-done (a visit) ends with the access.
        sqlx::query(
            "DELETE FROM dialogues WHERE chat_id IN (SELECT chat_id FROM users WHERE tg_id = $1)",
        )
        .bind(tg)
        .execute(&mut *tx)
        .await?;
    }
    let areas: Vec<(String,)> = sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "SELECT DISTINCT area FROM tasks WHERE assignee = $1 AND status IN {open} ORDER BY area"
    )))
    .bind(id)
    .fetch_all(&mut *tx)
    .await?;
    let mut returned = 0;
    let mut per_tksk: std::collections::BTreeMap<i64, i64> = Default::default();
    for (area,) in areas {
        let tksk = tksk_of(&mut tx, &kecamatan_of(&area), id).await?;
        let r = sqlx::query(sqlx::AssertSqlSafe(format!(
            "UPDATE tasks SET assignee = $3, status = CASE WHEN $3 IS NULL THEN $5 ELSE $6 END,
             updated_at = $4 WHERE assignee = $1 AND area = $2 AND status IN {open}"
        )))
        .bind(id)
        .bind(&area)
        .bind(tksk)
        .bind(t)
        .bind(TaskStatus::New.code())
        .bind(TaskStatus::Assigned.code())
        .execute(&mut *tx)
        .await?;
        let n = r.rows_affected() as i64;
        returned += n;
        if let Some(k) = tksk {
            *per_tksk.entry(k).or_default() += n;
        }
    }
    // Open complaints they handled go back to the area's TKSK (none named: the TKSK of the
    // kecamatan is reached when the reporter writes, and reminded of them).
    sqlx::query(
        "UPDATE complaints SET handler = NULL, updated_at = $2
         WHERE handler = $1 AND status IN ('new', 'in_progress', 'reopened')",
    )
    .bind(id)
    .bind(t)
    .execute(&mut *tx)
    .await?;
    let ids: Vec<i64> = per_tksk.keys().copied().collect();
    let chats = contacts(&mut tx, &ids).await?;
    for (tksk, n) in per_tksk {
        if let Some(&chat) = chats.get(&tksk) {
            let notice = Notice::TasksReturned {
                count: n,
                worker: w.name.clone(),
            };
            outbox::enqueue(&mut *tx, chat, &notice, None).await?;
        }
    }
    if let Some(tg) = w.tg_id {
        let row: Option<(i64,)> = sqlx::query_as("SELECT chat_id FROM users WHERE tg_id = $1")
            .bind(tg)
            .fetch_optional(&mut *tx)
            .await?;
        if let Some((chat,)) = row {
            outbox::enqueue(&mut *tx, chat, &Notice::WorkerRevoked, None).await?;
        }
    }
    audit(
        &mut tx,
        None,
        "worker.revoked",
        &id.to_string(),
        &returned.to_string(),
    )
    .await?;
    tx.commit().await?;
    Ok(Revocation::Revoked { returned })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn five_failures_within_an_hour_lock_for_an_hour_after_the_fifth() {
        assert_eq!(lockout_until(&[0, 10, 20, 30]), None);
        assert_eq!(lockout_until(&[0, 10, 20, 30, 40]), Some(40 + LOCK_SECS));
        // Spread over more than an hour: no lock.
        assert_eq!(lockout_until(&[0, 1000, 2000, 3000, 3700]), None);
        assert_eq!(
            lockout_until(&[0, 1000, 2000, 3000, 3700, 3800]),
            Some(3800 + LOCK_SECS)
        );
    }

    #[test]
    fn the_kecamatan_of_a_kelurahan_is_its_first_three_parts() {
        assert_eq!(kecamatan_of("32.15.01.1001"), "32.15.01");
        assert_eq!(kecamatan_of("32.15.01"), "32.15.01");
    }
}
