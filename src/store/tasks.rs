//! Tasks for field workers (see `domain::task`). Creating a task is shared by every flow that
//! produces work (a proposal, a re-verification cycle, a complaint); listing, assigning and
//! completing them belongs to the field workers' flows.

use super::workers::OPEN;
use super::{Db, now};
use crate::domain::task::{TaskKind, TaskStatus};
use sqlx::{Any, AssertSqlSafe, Executor};

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

/// A task as the workers' flows read it.
#[derive(Debug, Clone, PartialEq, sqlx::FromRow)]
pub struct Task {
    pub id: i64,
    pub kind: String,
    pub area: String,
    pub subject: String,
    pub assignee: Option<i64>,
    pub due_date: Option<String>,
    pub status: String,
    pub cycle: String,
}

impl Task {
    pub fn kind(&self) -> Option<TaskKind> {
        TaskKind::parse(&self.kind)
    }
    pub fn status(&self) -> TaskStatus {
        TaskStatus::parse(&self.status).unwrap_or(TaskStatus::Cancelled)
    }
    pub fn is_open(&self) -> bool {
        self.status().is_open()
    }
}

const COLS: &str = "id, kind, area, subject, assignee, due_date, status, cycle";
/// Open tasks, earliest due first (no due date last), then oldest.
const ORDER: &str = "ORDER BY due_date IS NULL, due_date, id";

pub async fn get(db: &Db, id: i64) -> sqlx::Result<Option<Task>> {
    sqlx::query_as(AssertSqlSafe(format!(
        "SELECT {COLS} FROM tasks WHERE id = $1"
    )))
    .bind(id)
    .fetch_optional(&db.pool)
    .await
}

/// One page of a worker's open tasks (`/tugas`), by due date.
pub async fn open_for(db: &Db, assignee: i64, limit: i64, offset: i64) -> sqlx::Result<Vec<Task>> {
    sqlx::query_as(AssertSqlSafe(format!(
        "SELECT {COLS} FROM tasks WHERE assignee = $1 AND status IN {OPEN} {ORDER} LIMIT $2 OFFSET $3"
    )))
    .bind(assignee)
    .bind(limit)
    .bind(offset)
    .fetch_all(&db.pool)
    .await
}

pub async fn count_open_for(db: &Db, assignee: i64) -> sqlx::Result<i64> {
    let (n,): (i64,) = sqlx::query_as(AssertSqlSafe(format!(
        "SELECT COUNT(*) FROM tasks WHERE assignee = $1 AND status IN {OPEN}"
    )))
    .bind(assignee)
    .fetch_one(&db.pool)
    .await?;
    Ok(n)
}

/// Tasks of a kecamatan a TKSK can hand out (`/tugaskan`): open, and unassigned or held by the
/// TKSK themselves.
pub async fn to_hand_out(
    db: &Db,
    kecamatan: &str,
    tksk: i64,
    limit: i64,
    offset: i64,
) -> sqlx::Result<Vec<Task>> {
    sqlx::query_as(AssertSqlSafe(format!(
        "SELECT {COLS} FROM tasks WHERE area LIKE $1 AND (assignee IS NULL OR assignee = $2)
         AND status IN ('new', 'assigned') {ORDER} LIMIT $3 OFFSET $4"
    )))
    .bind(format!("{kecamatan}.%"))
    .bind(tksk)
    .bind(limit)
    .bind(offset)
    .fetch_all(&db.pool)
    .await
}

pub async fn count_to_hand_out(db: &Db, kecamatan: &str, tksk: i64) -> sqlx::Result<i64> {
    let (n,): (i64,) = sqlx::query_as(
        "SELECT COUNT(*) FROM tasks WHERE area LIKE $1 AND (assignee IS NULL OR assignee = $2)
         AND status IN ('new', 'assigned')",
    )
    .bind(format!("{kecamatan}.%"))
    .bind(tksk)
    .fetch_one(&db.pool)
    .await?;
    Ok(n)
}

/// What handing a task to a PSM came to.
#[derive(Debug, Clone, PartialEq)]
pub enum Assignment {
    Assigned,
    /// Finished, cancelled or already being visited meanwhile.
    NotOpen,
}

/// Gives a task to a PSM: the task changes hands, a proposal becomes "verifying" (and its
/// resident is told), the PSM is told with a button to start the visit, and the audit log
/// records who did it, all in one transaction.
pub async fn assign(
    db: &Db,
    task: &Task,
    psm: &super::workers::Worker,
    actor_tg: i64,
) -> sqlx::Result<Assignment> {
    let t = now();
    let mut tx = db.begin_write().await?;
    let r = sqlx::query(
        "UPDATE tasks SET assignee = $2, status = 'assigned', updated_at = $3
         WHERE id = $1 AND status IN ('new', 'assigned')",
    )
    .bind(task.id)
    .bind(psm.id)
    .bind(t)
    .execute(&mut *tx)
    .await?;
    if r.rows_affected() != 1 {
        return Ok(Assignment::NotOpen);
    }
    if task.kind() == Some(TaskKind::VerifyProposal) {
        super::verification::proposal_assigned(&mut tx, &task.subject).await?;
    }
    if let Some((chat, lang)) = super::workers::contact(&mut tx, psm.id).await? {
        let body = crate::i18n::targs(
            lang,
            "task-assigned-notice",
            &[
                ("id", task.id.into()),
                (
                    "kind",
                    crate::i18n::t(lang, &format!("task-kind-{}", task.kind)).into(),
                ),
                ("subject", task.subject.clone().into()),
                (
                    "due",
                    task.due_date
                        .as_deref()
                        .and_then(|d| chrono::NaiveDate::parse_from_str(d, "%Y-%m-%d").ok())
                        .map(|d| crate::i18n::date(lang, d))
                        .unwrap_or_else(|| "-".into())
                        .into(),
                ),
            ],
        );
        let markup = teloxide::types::InlineKeyboardMarkup::new(vec![vec![
            teloxide::types::InlineKeyboardButton::callback(
                crate::i18n::t(lang, "task-open-button"),
                format!("tg:o:{}", task.id),
            ),
        ]]);
        let markup = serde_json::to_string(&markup).ok();
        // Keyed, so that a replayed press after a crash does not tell the PSM twice.
        let key = format!("assign:{}:{}", task.id, psm.id);
        super::outbox::enqueue(&mut *tx, chat, &body, markup.as_deref(), Some(&key)).await?;
    }
    super::workers::audit_in(
        &mut tx,
        Some(actor_tg),
        "task.assigned",
        &task.id.to_string(),
        &psm.id.to_string(),
    )
    .await?;
    tx.commit().await?;
    Ok(Assignment::Assigned)
}

/// Marks a task as being visited (the PSM opened `/kunjungan` for it).
pub async fn start_visit(db: &Db, task_id: i64, assignee: i64) -> sqlx::Result<()> {
    sqlx::query(
        "UPDATE tasks SET status = 'in_progress', updated_at = $3
         WHERE id = $1 AND assignee = $2 AND status IN ('new', 'assigned')",
    )
    .bind(task_id)
    .bind(assignee)
    .bind(now())
    .execute(&db.pool)
    .await?;
    Ok(())
}
