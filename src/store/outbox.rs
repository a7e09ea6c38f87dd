//! Notices to send later (see the `outbox` table): enqueued inside the transaction of the change
//! they announce, drained by [`crate::app`]'s outbox worker, retried until delivered.

use super::{Db, now};
use sqlx::{Any, Executor};

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Notice {
    pub id: i64,
    pub chat_id: i64,
    pub body: String,
    pub markup: Option<String>,
    pub attempts: i64,
    /// 1 when `body` and `markup` are sealed (a reply kept while the Bot API failed).
    pub sealed: i64,
}

/// Queues a notice. With a `dedupe_key`, a second notice with the same key is ignored (returns
/// false): "send once a day" survives restarts and several instances.
pub async fn enqueue<'e, E>(
    exec: E,
    chat_id: i64,
    body: &str,
    markup: Option<&str>,
    dedupe_key: Option<&str>,
) -> sqlx::Result<bool>
where
    E: Executor<'e, Database = Any>,
{
    let t = now();
    let r = sqlx::query(
        "INSERT INTO outbox (chat_id, body, markup, dedupe_key, created_at, next_try_at)
         VALUES ($1, $2, $3, $4, $5, $5) ON CONFLICT (dedupe_key) DO NOTHING",
    )
    .bind(chat_id)
    .bind(body)
    .bind(markup)
    .bind(dedupe_key)
    .bind(t)
    .execute(exec)
    .await?;
    Ok(r.rows_affected() == 1)
}

/// Keeps a reply that could not be sent while the user waited; `body` and `markup` come sealed.
pub async fn enqueue_sealed<'e, E>(
    exec: E,
    chat_id: i64,
    body: &str,
    markup: Option<&str>,
) -> sqlx::Result<()>
where
    E: Executor<'e, Database = Any>,
{
    let t = now();
    sqlx::query(
        "INSERT INTO outbox (chat_id, body, markup, created_at, next_try_at, sealed)
         VALUES ($1, $2, $3, $4, $4, 1)",
    )
    .bind(chat_id)
    .bind(body)
    .bind(markup)
    .bind(t)
    .execute(exec)
    .await?;
    Ok(())
}

/// Notices due now, oldest first, claimed for `lease_secs` so that another instance does not
/// send them at the same time.
pub async fn claim_due(db: &Db, limit: i64, lease_secs: i64) -> sqlx::Result<Vec<Notice>> {
    let t = now();
    let rows: Vec<Notice> = sqlx::query_as(
        "SELECT id, chat_id, body, markup, attempts, sealed FROM outbox
         WHERE sent_at IS NULL AND next_try_at <= $1 ORDER BY id LIMIT $2",
    )
    .bind(t)
    .bind(limit)
    .fetch_all(&db.pool)
    .await?;
    let mut claimed = Vec::with_capacity(rows.len());
    for n in rows {
        let r = sqlx::query(
            "UPDATE outbox SET next_try_at = $3 WHERE id = $1 AND next_try_at <= $2 AND sent_at IS NULL",
        )
        .bind(n.id)
        .bind(t)
        .bind(t + lease_secs)
        .execute(&db.pool)
        .await?;
        if r.rows_affected() == 1 {
            claimed.push(n);
        }
    }
    Ok(claimed)
}

/// Gives a claimed notice back, to be sent at once by whoever runs next.
pub async fn release(db: &Db, id: i64) -> sqlx::Result<()> {
    sqlx::query("UPDATE outbox SET next_try_at = $2 WHERE id = $1 AND sent_at IS NULL")
        .bind(id)
        .bind(now())
        .execute(&db.pool)
        .await?;
    Ok(())
}

/// Records how a notice ended. A sealed reply forgets its text once it is out.
pub async fn finish(db: &Db, id: i64, outcome: &str) -> sqlx::Result<()> {
    sqlx::query(
        "UPDATE outbox SET sent_at = $2, outcome = $3,
             body = CASE WHEN sealed = 1 THEN '' ELSE body END,
             markup = CASE WHEN sealed = 1 THEN NULL ELSE markup END
         WHERE id = $1",
    )
    .bind(id)
    .bind(now())
    .bind(outcome)
    .execute(&db.pool)
    .await?;
    Ok(())
}

/// Schedules another try with a growing delay (at most about 20 minutes apart); gives up after
/// ten tries for a notice, sixty (about 18 hours) for a reply kept while the Bot API failed.
/// Returns true when it gave up: the caller says so at error level.
pub async fn retry_later(db: &Db, notice: &Notice) -> sqlx::Result<bool> {
    let tries = if notice.sealed == 1 { 60 } else { 10 };
    if notice.attempts + 1 >= tries {
        finish(db, notice.id, "failed").await?;
        return Ok(true);
    }
    let delay = 5 * 2i64.pow((notice.attempts as u32).min(8));
    sqlx::query("UPDATE outbox SET attempts = attempts + 1, next_try_at = $2 WHERE id = $1")
        .bind(notice.id)
        .bind(now() + delay)
        .execute(&db.pool)
        .await?;
    Ok(false)
}

pub async fn count_unsent(db: &Db) -> sqlx::Result<i64> {
    let (n,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM outbox WHERE sent_at IS NULL")
        .fetch_one(&db.pool)
        .await?;
    Ok(n)
}
