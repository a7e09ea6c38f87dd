//! The audit log: who did what, without personal data.

use super::{Db, now};
use sqlx::{Any, Executor};

/// One audit line, on the pool or inside the caller's transaction (`&mut *tx`).
pub async fn record<'e, E>(
    exec: E,
    actor: Option<i64>,
    action: &str,
    subject: Option<&str>,
    detail: Option<&str>,
) -> sqlx::Result<()>
where
    E: Executor<'e, Database = Any>,
{
    sqlx::query(
        "INSERT INTO audit_log (at, actor, action, subject, detail) VALUES ($1, $2, $3, $4, $5)",
    )
    .bind(now())
    .bind(actor)
    .bind(action)
    .bind(subject)
    .bind(detail)
    .execute(exec)
    .await?;
    Ok(())
}

pub async fn count(db: &Db, action: &str) -> sqlx::Result<i64> {
    let (n,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM audit_log WHERE action = $1")
        .bind(action)
        .fetch_one(&db.pool)
        .await?;
    Ok(n)
}
