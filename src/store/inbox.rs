//! The durable inbox of Telegram updates. An update is written here before the poller confirms
//! it to Telegram, and marked done after its handler returned, so that a crash loses nothing
//! (pending rows are replayed at start) and a second delivery of the same update is ignored.

use super::{Db, now};

/// Stores an update; returns false when it was already there (a repeated delivery).
pub async fn insert(db: &Db, update_id: i64, payload: &str) -> sqlx::Result<bool> {
    let r = sqlx::query(
        "INSERT INTO inbox (update_id, payload, received_at) VALUES ($1, $2, $3)
         ON CONFLICT (update_id) DO NOTHING",
    )
    .bind(update_id)
    .bind(payload)
    .bind(now())
    .execute(&db.pool)
    .await?;
    Ok(r.rows_affected() == 1)
}

/// Stores a batch of updates in one statement (one round trip and one commit per getUpdates
/// answer); returns, for each, whether it was new.
pub async fn insert_batch(db: &Db, updates: &[(i64, String)]) -> sqlx::Result<Vec<bool>> {
    if updates.is_empty() {
        return Ok(vec![]);
    }
    let t = now();
    let values: Vec<String> = (0..updates.len())
        .map(|i| format!("(${}, ${}, ${})", 3 * i + 1, 3 * i + 2, 3 * i + 3))
        .collect();
    // Only placeholders are formatted into the text; the values are bound.
    let sql = format!(
        "INSERT INTO inbox (update_id, payload, received_at) VALUES {}
         ON CONFLICT (update_id) DO NOTHING RETURNING update_id",
        values.join(", ")
    );
    let mut q = sqlx::query_as::<_, (i64,)>(sqlx::AssertSqlSafe(sql));
    for (id, payload) in updates {
        q = q.bind(*id).bind(payload.as_str()).bind(t);
    }
    let inserted: std::collections::HashSet<i64> = q
        .fetch_all(&db.pool)
        .await?
        .into_iter()
        .map(|r| r.0)
        .collect();
    Ok(updates
        .iter()
        .map(|(id, _)| inserted.contains(id))
        .collect())
}

/// Marks several updates done in one statement.
pub async fn mark_done_many(db: &Db, ids: &[i64]) -> sqlx::Result<()> {
    if ids.is_empty() {
        return Ok(());
    }
    let list = ids
        .iter()
        .map(|i| i.to_string())
        .collect::<Vec<_>>()
        .join(",");
    // Integers we formatted ourselves, sent unprepared: the text differs on every call. The
    // payload goes once handled: it may hold what a user typed (a NIK, a name).
    let sql = format!(
        "UPDATE inbox SET done_at = {}, payload = '' WHERE update_id IN ({list})",
        now()
    );
    sqlx::raw_sql(sqlx::AssertSqlSafe(sql))
        .execute(&db.pool)
        .await?;
    Ok(())
}

pub async fn mark_done(db: &Db, update_id: i64) -> sqlx::Result<()> {
    sqlx::query("UPDATE inbox SET done_at = $2, payload = '' WHERE update_id = $1")
        .bind(update_id)
        .bind(now())
        .execute(&db.pool)
        .await?;
    Ok(())
}

/// Updates received but not handled, oldest first.
pub async fn pending(db: &Db) -> sqlx::Result<Vec<(i64, String)>> {
    sqlx::query_as("SELECT update_id, payload FROM inbox WHERE done_at IS NULL ORDER BY update_id")
        .fetch_all(&db.pool)
        .await
}

/// The highest update id ever stored (to resume the getUpdates offset).
pub async fn max_update_id(db: &Db) -> sqlx::Result<Option<i64>> {
    let (v,): (Option<i64>,) = sqlx::query_as("SELECT MAX(update_id) FROM inbox")
        .fetch_one(&db.pool)
        .await?;
    Ok(v)
}

/// Forgets handled updates older than `age_secs`, except the newest one; Telegram keeps an
/// unconfirmed update for 24 hours, so two days of ids are enough to recognise repeats.
pub async fn prune(db: &Db, age_secs: i64) -> sqlx::Result<u64> {
    let r = sqlx::query(
        "DELETE FROM inbox WHERE done_at IS NOT NULL AND done_at < $1
         AND update_id < (SELECT MAX(update_id) FROM inbox)",
    )
    .bind(now() - age_secs)
    .execute(&db.pool)
    .await?;
    Ok(r.rows_affected())
}

pub async fn count_pending(db: &Db) -> sqlx::Result<i64> {
    let (n,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM inbox WHERE done_at IS NULL")
        .fetch_one(&db.pool)
        .await?;
    Ok(n)
}
