//! Tasks for field workers (see `domain::task`). Creating a task is shared by every flow that
//! produces work (a proposal, a re-verification cycle, a complaint); listing, assigning and
//! completing them belongs to the field workers' flows.

use super::now;
use crate::domain::task::TaskKind;
use sqlx::{Any, Executor};

/// Creates a task unless one of the same kind, subject and cycle exists; returns its id when
/// created. `due_date` is `YYYY-MM-DD` in WIB.
pub async fn create<'e, E>(
    exec: E,
    kind: TaskKind,
    area: &str,
    subject: &str,
    due_date: Option<&str>,
    cycle: Option<&str>,
) -> sqlx::Result<Option<i64>>
where
    E: Executor<'e, Database = Any>,
{
    let t = now();
    // An empty cycle key stands for "no cycle" so that the unique index applies to it too
    // (NULLs never collide in a unique index).
    let row: Option<(i64,)> = sqlx::query_as(
        "INSERT INTO tasks (kind, area, subject, due_date, status, cycle, created_at, updated_at)
         VALUES ($1, $2, $3, $4, 'new', $5, $6, $6)
         ON CONFLICT (kind, subject, cycle) DO NOTHING
         RETURNING id",
    )
    .bind(kind.code())
    .bind(area)
    .bind(subject)
    .bind(due_date)
    .bind(cycle.unwrap_or(""))
    .bind(t)
    .fetch_optional(exec)
    .await?;
    Ok(row.map(|r| r.0))
}
