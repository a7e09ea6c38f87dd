//! Two-monthly re-verification cycles (verivali): opening one creates a `reverify_kpm` task per
//! active KPM household of the area, spread evenly among each kelurahan's PSM, due at the end of
//! the cycle. Opening the same cycle again creates nothing new.

use super::workers;
use super::{Db, now, outbox, verification};
use crate::domain::cycle::{parse_period, spread};
use crate::domain::notice::Notice;
use crate::domain::role::Role;
use crate::domain::task::{TaskKind, TaskStatus};
use chrono::NaiveDate;
use sqlx::AssertSqlSafe;
use std::collections::{BTreeMap, HashMap, HashSet};

/// Rows per multi-row INSERT (4 parameters each, well under both backends' limits).
const CHUNK: usize = 500;

/// What opening a cycle did.
#[derive(Debug, Clone, PartialEq)]
pub struct Opened {
    pub period: String,
    pub due: NaiveDate,
    pub households: usize,
    /// Tasks created now (0 when the cycle was already open for these households).
    pub created: u64,
    /// Of those, tasks left unassigned because their kelurahan has no PSM.
    pub unassigned: u64,
}

/// Opens the cycle `period` (`YYYY-MM`) for an area (a kelurahan, kecamatan or kabupaten code).
pub async fn open(
    db: &Db,
    area: &str,
    period: &str,
    actor: Option<i64>,
) -> anyhow::Result<Option<Opened>> {
    let Some((period, due)) = parse_period(period) else {
        return Ok(None);
    };
    let due_s = due.format("%Y-%m-%d").to_string();
    let like = super::regions::inside(area);
    let t = now();
    let mut tx = db.begin_write().await?;
    let households = verification::active_households(&mut tx, area).await?;
    let existing: Vec<(String,)> = sqlx::query_as(
        "SELECT subject FROM tasks WHERE kind = $1 AND cycle = $2 AND (area = $3 OR area LIKE $4)",
    )
    .bind(TaskKind::ReverifyKpm.code())
    .bind(&period)
    .bind(area)
    .bind(&like)
    .fetch_all(&mut *tx)
    .await?;
    let existing: HashSet<String> = existing.into_iter().map(|r| r.0).collect();
    let fresh: Vec<(i64, String)> = households
        .iter()
        .filter(|(id, _)| !existing.contains(&id.to_string()))
        .cloned()
        .collect();
    // Each PSM's load in this cycle so far, per kelurahan they cover.
    let psm: Vec<(String, i64, i64)> = sqlx::query_as(
        "SELECT a.area, w.id,
                (SELECT COUNT(*) FROM tasks t WHERE t.assignee = w.id AND t.cycle = $1 AND t.kind = $2)
         FROM workers w JOIN worker_areas a ON a.worker_id = w.id
         WHERE w.active = 1 AND w.role = $5 AND (a.area = $3 OR a.area LIKE $4)
         ORDER BY a.area, w.id",
    )
    .bind(&period)
    .bind(TaskKind::ReverifyKpm.code())
    .bind(area)
    .bind(&like)
    .bind(Role::Psm.code())
    .fetch_all(&mut *tx)
    .await?;
    let mut loads: HashMap<String, Vec<(i64, i64)>> = HashMap::new();
    for (kel, worker, load) in psm {
        loads.entry(kel).or_default().push((worker, load));
    }
    let plan = spread(&fresh, loads);
    let mut created = 0u64;
    let mut per_worker: BTreeMap<i64, u64> = BTreeMap::new();
    for chunk in plan.chunks(CHUNK) {
        let mut sql = String::from(
            "INSERT INTO tasks (kind, area, subject, assignee, due_date, status, cycle, created_at, updated_at) VALUES ",
        );
        for i in 0..chunk.len() {
            let b = 4 + i * 4;
            if i > 0 {
                sql.push(',');
            }
            sql.push_str(&format!(
                "($1, ${}, ${}, ${}, $2, ${}, $3, $4, $4)",
                b + 1,
                b + 2,
                b + 3,
                b + 4
            ));
        }
        sql.push_str(" ON CONFLICT (kind, subject, cycle) DO NOTHING");
        let mut q = sqlx::query(AssertSqlSafe(sql))
            .bind(TaskKind::ReverifyKpm.code())
            .bind(&due_s)
            .bind(&period)
            .bind(t);
        for (id, kel, worker) in chunk {
            q = q
                .bind(kel.clone())
                .bind(id.to_string())
                .bind(*worker)
                .bind(if worker.is_some() {
                    TaskStatus::Assigned.code()
                } else {
                    TaskStatus::New.code()
                });
            if let Some(w) = worker {
                *per_worker.entry(*w).or_default() += 1;
            }
        }
        created += q.execute(&mut *tx).await?.rows_affected();
    }
    let unassigned = plan.iter().filter(|p| p.2.is_none()).count() as u64;
    sqlx::query(
        "INSERT INTO cycles (period, area, due_date, opened_at, opened_by, created)
         VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (period, area) DO NOTHING",
    )
    .bind(&period)
    .bind(area)
    .bind(&due_s)
    .bind(t)
    .bind(actor)
    .bind(created as i64)
    .execute(&mut *tx)
    .await?;
    let ids: Vec<i64> = per_worker.keys().copied().collect();
    let chats = workers::contacts(&mut tx, &ids).await?;
    for (worker, n) in per_worker {
        if let Some(&chat) = chats.get(&worker) {
            let notice = Notice::CycleOpened { tasks: n, due };
            let key = format!("cycle:{period}:{area}:{worker}");
            outbox::enqueue(&mut *tx, chat, &notice, Some(&key)).await?;
        }
    }
    workers::audit_in(
        &mut tx,
        actor,
        "cycle.opened",
        &format!("{period}:{area}"),
        &created.to_string(),
    )
    .await?;
    tx.commit().await?;
    Ok(Some(Opened {
        period,
        due,
        households: households.len(),
        created,
        unassigned,
    }))
}

/// Resolves an area typed by an operator for a cycle: the code or unique name of a kecamatan,
/// kelurahan or desa.
pub async fn resolve_area(db: &Db, typed: &str) -> sqlx::Result<Option<super::regions::Region>> {
    super::regions::find(db, typed, &crate::domain::region::Level::CYCLE).await
}

/// The progress of a cycle in an area, grouped by `group_depth` parts of the area code
/// (3 = per kecamatan, 4 = per kelurahan).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Progress {
    pub total: i64,
    pub done: i64,
    pub open: i64,
    pub unassigned: i64,
    pub overdue: i64,
    /// (area code, done, total)
    pub groups: Vec<(String, i64, i64)>,
    /// (VisitResult code, count)
    pub results: Vec<(String, i64)>,
}

pub async fn progress(
    db: &Db,
    area: &str,
    period: &str,
    group_depth: usize,
    today: NaiveDate,
) -> sqlx::Result<Progress> {
    let like = super::regions::inside(area);
    let rows: Vec<(String, String, Option<i64>, Option<String>)> = sqlx::query_as(
        "SELECT area, status, assignee, due_date FROM tasks
         WHERE kind = $1 AND cycle = $2 AND (area = $3 OR area LIKE $4)",
    )
    .bind(TaskKind::ReverifyKpm.code())
    .bind(period)
    .bind(area)
    .bind(&like)
    .fetch_all(&db.pool)
    .await?;
    let today_s = today.format("%Y-%m-%d").to_string();
    let mut p = Progress::default();
    let mut groups: BTreeMap<String, (i64, i64)> = BTreeMap::new();
    for (a, status, assignee, due) in rows {
        let key = a.split('.').take(group_depth).collect::<Vec<_>>().join(".");
        let g = groups.entry(key).or_default();
        p.total += 1;
        g.1 += 1;
        let status = TaskStatus::parse(&status);
        let open = status.is_some_and(TaskStatus::is_open);
        if status == Some(TaskStatus::Done) {
            p.done += 1;
            g.0 += 1;
        } else if open {
            p.open += 1;
            if assignee.is_none() {
                p.unassigned += 1;
            }
            if due.is_some_and(|d| d < today_s) {
                p.overdue += 1;
            }
        }
    }
    p.groups = groups.into_iter().map(|(k, (d, t))| (k, d, t)).collect();
    p.results = sqlx::query_as(
        "SELECT v.result, COUNT(*) FROM visits v JOIN tasks t ON t.id = v.task_id
         WHERE t.kind = $1 AND t.cycle = $2 AND (t.area = $3 OR t.area LIKE $4)
         GROUP BY v.result ORDER BY v.result",
    )
    .bind(TaskKind::ReverifyKpm.code())
    .bind(period)
    .bind(area)
    .bind(&like)
    .fetch_all(&db.pool)
    .await?;
    Ok(p)
}

/// The most recent cycle with tasks in an area.
pub async fn latest_period(db: &Db, area: &str) -> sqlx::Result<Option<String>> {
    let (p,): (Option<String>,) = sqlx::query_as(
        "SELECT MAX(cycle) FROM tasks WHERE kind = $1 AND cycle <> '' AND (area = $2 OR area LIKE $3)",
    )
    .bind(TaskKind::ReverifyKpm.code())
    .bind(area)
    .bind(super::regions::inside(area))
    .fetch_one(&db.pool)
    .await?;
    Ok(p)
}
