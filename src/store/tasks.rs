//! Tasks for field workers (see `domain::task`). Creating a task is shared by every flow that
//! produces work (a proposal, a re-verification cycle, a complaint); listing, assigning and
//! completing them belongs to the field workers' flows.

use super::{Db, now};
use crate::domain::notice::Notice;
use crate::domain::task::{TaskKind, TaskStatus};
use chrono::NaiveDate;
use sqlx::{Any, AssertSqlSafe, Executor};
use std::sync::LazyLock;

/// [`TaskStatus::OPEN`] as an SQL list: `('new', 'assigned', 'in_progress')`.
pub(crate) static OPEN: LazyLock<String> = LazyLock::new(|| sql_list(&TaskStatus::OPEN));
/// [`TaskStatus::HANDOUT`] as an SQL list.
pub(crate) static HANDOUT: LazyLock<String> = LazyLock::new(|| sql_list(&TaskStatus::HANDOUT));

fn sql_list(statuses: &[TaskStatus]) -> String {
    let codes: Vec<String> = statuses.iter().map(|s| format!("'{}'", s.code())).collect();
    format!("({})", codes.join(", "))
}

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
         VALUES ($1, $2, $3, $4, $7, $5, $6, $6)
         ON CONFLICT (kind, subject, cycle) DO NOTHING
         RETURNING id",
    )
    .bind(kind.code())
    .bind(area)
    .bind(subject)
    .bind(due_date)
    .bind(cycle.unwrap_or(""))
    .bind(t)
    .bind(TaskStatus::New.code())
    .fetch_optional(exec)
    .await?;
    Ok(row.map(|r| r.0))
}

/// A task as the workers' flows read it. Kind and status are read into their domain values: a
/// code this version does not know is an error, not a guess.
#[derive(Debug, Clone, PartialEq, sqlx::FromRow)]
pub struct Task {
    pub id: i64,
    #[sqlx(try_from = "String")]
    pub kind: TaskKind,
    pub area: String,
    pub subject: String,
    pub assignee: Option<i64>,
    pub due_date: Option<String>,
    #[sqlx(try_from = "String")]
    pub status: TaskStatus,
    pub cycle: String,
}

impl Task {
    pub fn is_open(&self) -> bool {
        self.status.is_open()
    }
    /// The due date, when the task has one.
    pub fn due(&self) -> Option<NaiveDate> {
        self.due_date
            .as_deref()
            .and_then(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok())
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
    let open = &*OPEN;
    sqlx::query_as(AssertSqlSafe(format!(
        "SELECT {COLS} FROM tasks WHERE assignee = $1 AND status IN {open} {ORDER} LIMIT $2 OFFSET $3"
    )))
    .bind(assignee)
    .bind(limit)
    .bind(offset)
    .fetch_all(&db.pool)
    .await
}

/// A worker's open tasks due by `day` (`YYYY-MM-DD`), most urgent first, complaints left out
/// (the reminder counts them on a line of their own).
pub async fn due_for(db: &Db, assignee: i64, day: &str, limit: i64) -> sqlx::Result<Vec<Task>> {
    let open = &*OPEN;
    sqlx::query_as(AssertSqlSafe(format!(
        "SELECT {COLS} FROM tasks WHERE assignee = $1 AND status IN {open}
           AND due_date IS NOT NULL AND due_date <= $2 AND kind <> '{complaint}'
         ORDER BY due_date, id LIMIT $3",
        complaint = TaskKind::FollowUpComplaint.code()
    )))
    .bind(assignee)
    .bind(day)
    .bind(limit)
    .fetch_all(&db.pool)
    .await
}

pub async fn count_open_for(db: &Db, assignee: i64) -> sqlx::Result<i64> {
    let open = &*OPEN;
    let (n,): (i64,) = sqlx::query_as(AssertSqlSafe(format!(
        "SELECT COUNT(*) FROM tasks WHERE assignee = $1 AND status IN {open}"
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
    let handout = &*HANDOUT;
    sqlx::query_as(AssertSqlSafe(format!(
        "SELECT {COLS} FROM tasks WHERE area LIKE $1 AND (assignee IS NULL OR assignee = $2)
         AND status IN {handout} AND kind <> '{complaint}' {ORDER} LIMIT $3 OFFSET $4",
        complaint = TaskKind::FollowUpComplaint.code()
    )))
    .bind(super::regions::inside(kecamatan))
    .bind(tksk)
    .bind(limit)
    .bind(offset)
    .fetch_all(&db.pool)
    .await
}

pub async fn count_to_hand_out(db: &Db, kecamatan: &str, tksk: i64) -> sqlx::Result<i64> {
    let (n,): (i64,) = sqlx::query_as(AssertSqlSafe(format!(
        "SELECT COUNT(*) FROM tasks WHERE area LIKE $1 AND (assignee IS NULL OR assignee = $2)
         AND status IN {} AND kind <> '{}'",
        *HANDOUT,
        TaskKind::FollowUpComplaint.code()
    )))
    .bind(super::regions::inside(kecamatan))
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
/// `seal` seals the household's label in the PSM's notice.
pub async fn assign(
    db: &Db,
    seal: &super::seal::Seal,
    task: &Task,
    psm: &super::workers::Worker,
    actor_tg: i64,
) -> sqlx::Result<Assignment> {
    let t = now();
    let mut tx = db.begin_write().await?;
    let r = sqlx::query(AssertSqlSafe(format!(
        "UPDATE tasks SET assignee = $2, status = $4, updated_at = $3
         WHERE id = $1 AND status IN {} AND kind <> '{}'",
        *HANDOUT,
        TaskKind::FollowUpComplaint.code()
    )))
    .bind(task.id)
    .bind(psm.id)
    .bind(t)
    .bind(TaskStatus::Assigned.code())
    .execute(&mut *tx)
    .await?;
    if r.rows_affected() != 1 {
        return Ok(Assignment::NotOpen);
    }
    if task.kind == TaskKind::VerifyProposal {
        super::verification::proposal_assigned(&mut tx, &task.subject).await?;
    }
    if let Some(&chat) = super::workers::contacts(&mut tx, &[psm.id])
        .await?
        .get(&psm.id)
    {
        let found = subject_in(&mut tx, task.kind, &task.subject).await?;
        let notice = Notice::TaskAssigned {
            task: task.id,
            kind: task.kind,
            subject: task.subject.clone(),
            due: task.due(),
            label: found.map(|f| seal.seal_str(super::seal::Place::Outbox, &f.label())),
        };
        // Keyed, so that a replayed press after a crash does not tell the PSM twice.
        let key = format!("assign:{}:{}", task.id, psm.id);
        super::outbox::enqueue(&mut *tx, chat, &notice, Some(&key)).await?;
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
    sqlx::query(AssertSqlSafe(format!(
        "UPDATE tasks SET status = $4, updated_at = $3
         WHERE id = $1 AND assignee = $2 AND status IN {}",
        *HANDOUT
    )))
    .bind(task_id)
    .bind(assignee)
    .bind(now())
    .bind(TaskStatus::InProgress.code())
    .execute(&db.pool)
    .await?;
    Ok(())
}

/// The PSM stopped a visit without saving it: the task goes back to "assigned", so that the TKSK
/// may hand it out again.
pub async fn stop_visit(db: &Db, task_id: i64, assignee: i64) -> sqlx::Result<()> {
    sqlx::query(
        "UPDATE tasks SET status = $4, updated_at = $3
         WHERE id = $1 AND assignee = $2 AND status = $5",
    )
    .bind(task_id)
    .bind(assignee)
    .bind(now())
    .bind(TaskStatus::Assigned.code())
    .bind(TaskStatus::InProgress.code())
    .execute(&db.pool)
    .await?;
    Ok(())
}

/// What a worker needs to find the household of a task (shown only to those with access).
#[derive(Debug, Clone, PartialEq)]
pub enum Subject {
    /// A resident's proposal: who filed it, where, and the criteria they said were met.
    Proposal {
        number: String,
        name: String,
        address: String,
        rt: Option<String>,
        rw: Option<String>,
        criteria_met: i64,
    },
    /// A KPM household: its members' names (the KPM file marks no head of household, so the
    /// first name in alphabetical order stands for the family), masked No. KK and address.
    Household {
        members: Vec<String>,
        kk_masked: String,
        address: Option<String>,
        rt: Option<String>,
        rw: Option<String>,
    },
}

impl Subject {
    /// The household as a person finds it at the door, on one line and in no language's words:
    /// `Ujang Suryana · Gg. Melati 7, RT 003/RW 005`, or for a KPM household
    /// `Siti Aminah +1 · KK 3215**********01 · Jl. Tuparev 3, RT 003/RW 005`.
    pub fn label(&self) -> String {
        match self {
            Subject::Proposal {
                name,
                address,
                rt,
                rw,
                ..
            } => format!(
                "{} · {}",
                short_name(name),
                with_rt_rw(&short(address), rt, rw)
            ),
            Subject::Household {
                members,
                kk_masked,
                address,
                rt,
                rw,
            } => {
                let who = family(members);
                let place = match address.as_deref().filter(|a| !a.trim().is_empty()) {
                    Some(a) => format!(" · {}", with_rt_rw(&short(a), rt, rw)),
                    None => match (rt, rw) {
                        (Some(rt), Some(rw)) => format!(" · RT {rt}/RW {rw}"),
                        _ => String::new(),
                    },
                };
                format!("{who}KK {kk_masked}{place}")
            }
        }
    }
}

/// Longest address a label shows (a proposal's may have 200 characters); the task's detail
/// shows it whole.
const LABEL_ADDRESS: usize = 32;

fn short(address: &str) -> String {
    let address = address.trim();
    if address.chars().count() <= LABEL_ADDRESS {
        return address.to_string();
    }
    let cut: String = address.chars().take(LABEL_ADDRESS - 1).collect();
    format!("{}…", cut.trim_end())
}

impl Subject {
    /// [`Subject::label`] for a list of tasks, shorter: the name and the address with RT/RW; the
    /// masked No. KK only where no address is known (the task's detail shows everything).
    pub fn short_label(&self) -> String {
        match self {
            Subject::Household {
                members,
                address: Some(address),
                rt,
                rw,
                ..
            } if !address.trim().is_empty() => {
                let who = family(members);
                format!("{who}{}", with_rt_rw(&short(address), rt, rw))
            }
            _ => self.label(),
        }
    }
}

/// The family as a label starts: `Siti Aminah +1 · ` (nothing when no member is known).
fn family(members: &[String]) -> String {
    match members {
        [] => String::new(),
        [one] => format!("{} · ", short_name(one)),
        [first, rest @ ..] => format!("{} +{} · ", short_name(first), rest.len()),
    }
}

/// Longest name a list shows (the detail shows it whole).
const LABEL_NAME: usize = 24;

fn short_name(name: &str) -> String {
    if name.chars().count() <= LABEL_NAME {
        return name.to_string();
    }
    let cut: String = name.chars().take(LABEL_NAME - 1).collect();
    format!("{}…", cut.trim_end())
}

/// `Jl. Tuparev 3, RT 003/RW 005` (the address alone when RT/RW are unknown).
pub fn with_rt_rw(address: &str, rt: &Option<String>, rw: &Option<String>) -> String {
    match (rt, rw) {
        (Some(rt), Some(rw)) => format!("{address}, RT {rt}/RW {rw}"),
        _ => address.to_string(),
    }
}

/// name, address, rt, rw, criteria met
type ProposalRow = (String, String, Option<String>, Option<String>, i64);
/// masked No. KK, address, rt, rw
type HouseholdRow = (String, Option<String>, Option<String>, Option<String>);

/// The proposal or household a task is about; `None` for other kinds, or when it is gone.
pub async fn subject(db: &Db, task: &Task) -> sqlx::Result<Option<Subject>> {
    let mut conn = db.pool.acquire().await?;
    subject_in(&mut conn, task.kind, &task.subject).await
}

/// [`subject`] inside a transaction, from a task's kind and subject column.
pub async fn subject_in(
    conn: &mut sqlx::AnyConnection,
    kind: TaskKind,
    subject: &str,
) -> sqlx::Result<Option<Subject>> {
    match kind {
        TaskKind::VerifyProposal => {
            let row: Option<ProposalRow> = sqlx::query_as(
                "SELECT name, address, rt, rw, criteria_met FROM proposals WHERE number = $1",
            )
            .bind(subject)
            .fetch_optional(&mut *conn)
            .await?;
            Ok(
                row.map(|(name, address, rt, rw, criteria_met)| Subject::Proposal {
                    number: subject.to_string(),
                    name,
                    address,
                    rt,
                    rw,
                    criteria_met,
                }),
            )
        }
        TaskKind::ReverifyKpm => {
            let Ok(id) = subject.parse::<i64>() else {
                return Ok(None);
            };
            let row: Option<HouseholdRow> =
                sqlx::query_as("SELECT kk_masked, address, rt, rw FROM households WHERE id = $1")
                    .bind(id)
                    .fetch_optional(&mut *conn)
                    .await?;
            let Some((kk_masked, address, rt, rw)) = row else {
                return Ok(None);
            };
            let members: Vec<(String,)> =
                sqlx::query_as("SELECT name FROM members WHERE household_id = $1 ORDER BY name")
                    .bind(id)
                    .fetch_all(&mut *conn)
                    .await?;
            Ok(Some(Subject::Household {
                members: members.into_iter().map(|(n,)| n).collect(),
                kk_masked,
                address,
                rt,
                rw,
            }))
        }
        _ => Ok(None),
    }
}

/// How a task names what it is about: the household's label, else the task's own subject (a
/// complaint's ticket, say).
pub fn label_of(task_subject: &str, subject: Option<&Subject>) -> String {
    subject.map_or_else(|| task_subject.to_string(), Subject::label)
}

/// [`Subject::short_label`] (else the task's own subject) for each task of a page, by task id.
pub async fn labels(
    db: &Db,
    list: &[Task],
) -> sqlx::Result<std::collections::HashMap<i64, String>> {
    let mut conn = db.pool.acquire().await?;
    let mut out = std::collections::HashMap::new();
    for task in list {
        let s = subject_in(&mut conn, task.kind, &task.subject).await?;
        let label = s.map_or_else(|| task.subject.clone(), |s| s.short_label());
        out.insert(task.id, label);
    }
    Ok(out)
}

/// An enrolled worker's open tasks due by a day, counted per due date (the daily reminder).
#[derive(Debug, Clone, PartialEq)]
pub struct DueByWorker {
    pub worker: i64,
    pub chat: i64,
    /// (due date `YYYY-MM-DD`, open tasks due then)
    pub due: Vec<(String, i64)>,
}

/// Every active, enrolled worker with open tasks due on or before `day` (`YYYY-MM-DD`).
pub async fn due_by_worker(db: &Db, day: &str) -> sqlx::Result<Vec<DueByWorker>> {
    let open = &*OPEN;
    let rows: Vec<(i64, i64, String, i64)> = sqlx::query_as(AssertSqlSafe(format!(
        "SELECT w.id, u.chat_id, t.due_date, COUNT(*)
         FROM tasks t JOIN workers w ON w.id = t.assignee JOIN users u ON u.tg_id = w.tg_id
         WHERE w.active = 1 AND t.status IN {open} AND t.due_date IS NOT NULL AND t.due_date <= $1
           AND t.kind <> '{complaint}'
         GROUP BY w.id, u.chat_id, t.due_date ORDER BY w.id, t.due_date",
        complaint = TaskKind::FollowUpComplaint.code()
    )))
    .bind(day)
    .fetch_all(&db.pool)
    .await?;
    let mut out: Vec<DueByWorker> = Vec::new();
    for (worker, chat, due, n) in rows {
        match out.last_mut() {
            Some(last) if last.worker == worker => last.due.push((due, n)),
            _ => out.push(DueByWorker {
                worker,
                chat,
                due: vec![(due, n)],
            }),
        }
    }
    Ok(out)
}
