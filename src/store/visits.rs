//! Home visits (kunjungan): committing one is a single transaction that records the visit,
//! closes the task, applies the result to the household or proposal, tells the TKSK, and
//! writes the audit line.

use super::tasks::OPEN;
use super::workers::{self, Worker};
use super::{Db, now, outbox, verification};
use crate::domain::criteria::Answers;
use crate::domain::notice::Notice;
use crate::domain::task::{TaskKind, TaskStatus, VisitResult};
use sqlx::AssertSqlSafe;

/// What the PSM gathered at the door.
#[derive(Debug, Clone, PartialEq)]
pub struct NewVisit {
    pub task_id: i64,
    pub lat: Option<f64>,
    pub lon: Option<f64>,
    pub location_skip: Option<String>,
    pub result: VisitResult,
    /// The 14 criteria as confirmed or corrected (proposals only).
    pub answers: Option<Answers>,
    pub photo: Option<String>,
    pub notes: Option<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Commit {
    /// Saved; `told`: the TKSK of the kecamatan was sent a notice (there may be none on
    /// Telegram yet).
    Saved { told: bool },
    /// This worker already saved this visit (a second press of "save").
    AlreadySaved,
    /// The task was reassigned, finished or cancelled meanwhile.
    NotYours,
}

/// `seal` seals the household's label in the TKSK's notice.
pub async fn commit(
    db: &Db,
    seal: &super::seal::Seal,
    worker: &Worker,
    actor_tg: i64,
    v: &NewVisit,
) -> anyhow::Result<Commit> {
    let at = now();
    let open = &*OPEN;
    let mut tx = db.begin_write().await?;
    let closed = sqlx::query(AssertSqlSafe(format!(
        "UPDATE tasks SET status = $4, updated_at = $3
         WHERE id = $1 AND assignee = $2 AND status IN {open}"
    )))
    .bind(v.task_id)
    .bind(worker.id)
    .bind(at)
    .bind(TaskStatus::Done.code())
    .execute(&mut *tx)
    .await?;
    if closed.rows_affected() != 1 {
        drop(tx);
        let mine: Option<(i64,)> =
            sqlx::query_as("SELECT id FROM visits WHERE task_id = $1 AND worker_id = $2")
                .bind(v.task_id)
                .bind(worker.id)
                .fetch_optional(&db.pool)
                .await?;
        return Ok(if mine.is_some() {
            Commit::AlreadySaved
        } else {
            Commit::NotYours
        });
    }
    let (kind, area, subject): (String, String, String) =
        sqlx::query_as("SELECT kind, area, subject FROM tasks WHERE id = $1")
            .bind(v.task_id)
            .fetch_one(&mut *tx)
            .await?;
    sqlx::query(
        "INSERT INTO visits (task_id, worker_id, at, lat, lon, location_skip, result, answers, photo, notes)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)",
    )
    .bind(v.task_id)
    .bind(worker.id)
    .bind(at)
    .bind(v.lat)
    .bind(v.lon)
    .bind(v.location_skip.as_deref())
    .bind(v.result.code())
    .bind(v.answers.as_ref().map(|a| a.encode()))
    .bind(v.photo.as_deref())
    .bind(v.notes.as_deref())
    .execute(&mut *tx)
    .await?;
    let kind = TaskKind::try_from(kind).map_err(|e| sqlx::Error::Decode(Box::new(e)))?;
    match kind {
        TaskKind::ReverifyKpm => {
            if let Ok(household) = subject.parse::<i64>() {
                verification::household_visited(&mut tx, household, v.result).await?;
            }
        }
        TaskKind::VerifyProposal => {
            let answers = match &v.answers {
                Some(a) => a.clone(),
                None => answers_in(&mut tx, &subject).await?.unwrap_or_default(),
            };
            verification::proposal_visited(&mut tx, &subject, v.result, &answers).await?;
        }
        _ => {}
    }
    let mut told = false;
    if let Some(tksk) = workers::tksk_of(&mut tx, &workers::kecamatan_of(&area), worker.id).await?
        && let Some(&chat) = workers::contacts(&mut tx, &[tksk]).await?.get(&tksk)
    {
        let found = super::tasks::subject_in(&mut tx, kind, &subject).await?;
        let notice = Notice::VisitLogged {
            task: v.task_id,
            kind,
            subject: subject.clone(),
            label: found.map(|f| seal.seal_str(super::seal::Place::Outbox, &f.label())),
            worker: worker.name.clone(),
            result: v.result,
        };
        let key = format!("visit:{}", v.task_id);
        outbox::enqueue(&mut *tx, chat, &notice, Some(&key)).await?;
        told = true;
    }
    workers::audit_in(
        &mut tx,
        Some(actor_tg),
        "visit.logged",
        &v.task_id.to_string(),
        v.result.code(),
    )
    .await?;
    tx.commit().await?;
    Ok(Commit::Saved { told })
}

/// The answers a resident gave in `/skrining`, for the PSM to confirm or correct.
pub async fn proposal_answers(db: &Db, number: &str) -> sqlx::Result<Option<Answers>> {
    let mut conn = db.pool.acquire().await?;
    answers_in(&mut conn, number).await
}

async fn answers_in(conn: &mut sqlx::AnyConnection, number: &str) -> sqlx::Result<Option<Answers>> {
    let row: Option<(String,)> = sqlx::query_as("SELECT answers FROM proposals WHERE number = $1")
        .bind(number)
        .fetch_optional(conn)
        .await?;
    Ok(row.and_then(|(a,)| Answers::decode(&a)))
}

/// One visit as exported (`kesos-bot export visits`).
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct VisitRow {
    pub task_id: i64,
    pub kind: String,
    pub area: String,
    pub area_name: Option<String>,
    pub subject: String,
    pub worker_id: i64,
    pub worker: String,
    pub at: i64,
    pub lat: Option<f64>,
    pub lon: Option<f64>,
    pub location_skip: Option<String>,
    pub result: String,
    pub notes: Option<String>,
    pub photo: Option<String>,
}

pub async fn all(db: &Db) -> sqlx::Result<Vec<VisitRow>> {
    sqlx::query_as(
        "SELECT v.task_id, t.kind, t.area, r.name AS area_name, t.subject, v.worker_id,
                w.name AS worker, v.at, v.lat, v.lon, v.location_skip, v.result, v.notes, v.photo
         FROM visits v JOIN tasks t ON t.id = v.task_id JOIN workers w ON w.id = v.worker_id
         LEFT JOIN wilayah r ON r.code = t.area
         ORDER BY v.at, v.id",
    )
    .fetch_all(&db.pool)
    .await
}

/// One task as exported (`kesos-bot export tasks`).
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct TaskRow {
    pub id: i64,
    pub kind: String,
    pub area: String,
    pub area_name: Option<String>,
    pub subject: String,
    pub assignee: Option<i64>,
    pub assignee_name: Option<String>,
    pub status: String,
    pub due_date: Option<String>,
    pub cycle: String,
}

pub async fn all_tasks(db: &Db) -> sqlx::Result<Vec<TaskRow>> {
    sqlx::query_as(
        "SELECT t.id, t.kind, t.area, r.name AS area_name, t.subject, t.assignee,
                w.name AS assignee_name, t.status, t.due_date, t.cycle
         FROM tasks t LEFT JOIN workers w ON w.id = t.assignee
         LEFT JOIN wilayah r ON r.code = t.area ORDER BY t.id",
    )
    .fetch_all(&db.pool)
    .await
}

/// The house a task is about, as a person finds it (exports for TKSK and operators).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Whereabouts {
    /// The proposer's name, or the names of a KPM household's members (the KPM data names no
    /// head of household), "; "-joined.
    pub name: String,
    /// A KPM household's masked No. KK.
    pub kk_masked: Option<String>,
    pub address: Option<String>,
    pub rt: Option<String>,
    pub rw: Option<String>,
}

/// Where the subject of every proposal and re-verification task lives, by task id (other
/// kinds, and tasks whose subject is gone, are absent).
pub async fn whereabouts(db: &Db) -> sqlx::Result<std::collections::HashMap<i64, Whereabouts>> {
    use std::collections::HashMap;
    let mut out: HashMap<i64, Whereabouts> = HashMap::new();
    type ProposalRow = (i64, String, String, Option<String>, Option<String>);
    let proposals: Vec<ProposalRow> = sqlx::query_as(
        "SELECT t.id, p.name, p.address, p.rt, p.rw
         FROM tasks t JOIN proposals p ON p.number = t.subject WHERE t.kind = $1",
    )
    .bind(TaskKind::VerifyProposal.code())
    .fetch_all(&db.pool)
    .await?;
    for (task, name, address, rt, rw) in proposals {
        out.insert(
            task,
            Whereabouts {
                name,
                kk_masked: None,
                address: Some(address),
                rt,
                rw,
            },
        );
    }
    // A re-verification task's subject is its household's id as text. Households drive the
    // join (CROSS JOIN keeps SQLite to that order), each finding its tasks by the
    // (kind, subject) index; the cast goes from number to text, which never fails.
    type HouseholdRow = (
        i64,
        String,
        Option<String>,
        Option<String>,
        Option<String>,
        Option<String>,
    );
    let households: Vec<HouseholdRow> = sqlx::query_as(
        "SELECT t.id, h.kk_masked, h.address, h.rt, h.rw, m.name
         FROM households h CROSS JOIN tasks t
         LEFT JOIN members m ON m.household_id = h.id
         WHERE t.kind = $1 AND t.subject = CAST(h.id AS TEXT)
         ORDER BY t.id, m.name",
    )
    .bind(TaskKind::ReverifyKpm.code())
    .fetch_all(&db.pool)
    .await?;
    for (task, kk_masked, address, rt, rw, member) in households {
        let w = out.entry(task).or_insert_with(|| Whereabouts {
            name: String::new(),
            kk_masked: Some(kk_masked),
            address,
            rt,
            rw,
        });
        if let Some(member) = member {
            if !w.name.is_empty() {
                w.name.push_str("; ");
            }
            w.name.push_str(&member);
        }
    }
    Ok(out)
}
