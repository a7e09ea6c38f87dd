//! Complaints (aduan, `domain::complaint`): filing one with its follow-up task and the notice to
//! whoever handles the area, in one transaction; the handlers' and the reporter's actions, each
//! one event with its notices; the reporter's list and history; the daily deadline sweep; and
//! the export. Texts people typed arrive sealed (`Place::Complaint`) and stay so.

use super::{Db, now, outbox, tasks, workers};
use crate::domain::complaint::{Category, Event, Status, ticket};
use crate::domain::notice::Notice;
use crate::domain::role::Role;
use crate::domain::task::{TaskKind, TaskStatus};
use crate::domain::workdays::Calendar;
use chrono::NaiveDate;
use sqlx::AnyConnection;

/// Working days to the first response and to the resolution (`KESOS_COMPLAINT_*_DAYS`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Deadlines {
    pub response_days: u32,
    pub resolve_days: u32,
}

impl Default for Deadlines {
    fn default() -> Self {
        Deadlines {
            response_days: 3,
            resolve_days: 10,
        }
    }
}

impl Deadlines {
    /// The response and resolution deadlines of a complaint filed on `filed_on`.
    pub fn of(&self, calendar: &Calendar, filed_on: NaiveDate) -> (NaiveDate, NaiveDate) {
        (
            calendar.add(filed_on, self.response_days),
            calendar.add(filed_on, self.resolve_days),
        )
    }
}

/// A complaint to file.
#[derive(Debug, Clone)]
pub struct NewComplaint<'a> {
    pub reporter: i64,
    /// The reporter's first name, sealed; `None` when anonymous.
    pub reporter_name: Option<String>,
    pub anonymous: bool,
    pub category: Category,
    pub area: &'a str,
    /// The area's name, for the handler's notice.
    pub place: &'a str,
    pub description_sealed: String,
    pub photos: &'a [String],
    pub location: Option<(f64, f64)>,
    pub filed_on: NaiveDate,
    pub dedupe: &'a str,
}

/// Who was told of a new complaint.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Told {
    /// The TKSK of its kecamatan.
    Tksk,
    /// No TKSK is enrolled there: the Dinas Sosial operators of the area.
    Dinsos(usize),
    /// No one could be told yet (no worker enrolled at all): it waits in the export.
    NoOne,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Filed {
    pub id: i64,
    pub ticket: String,
    /// `None` for a confirmation filed before (a repeated "send").
    pub told: Option<Told>,
}

/// A complaint as stored.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Complaint {
    pub id: i64,
    pub ticket: String,
    pub reporter: Option<i64>,
    pub reporter_name: Option<String>,
    pub anonymous: i64,
    #[sqlx(try_from = "String")]
    pub category: Category,
    pub area: String,
    pub description: String,
    pub photos: String,
    pub lat: Option<f64>,
    pub lon: Option<f64>,
    #[sqlx(try_from = "String")]
    pub status: Status,
    pub handler: Option<i64>,
    pub task_id: Option<i64>,
    pub filed_on: String,
    pub created_at: i64,
    pub first_response_at: Option<i64>,
    pub resolved_at: Option<i64>,
    pub escalated_at: Option<i64>,
}

const COLS: &str = "id, ticket, reporter, reporter_name, anonymous, category, area, description, \
                    photos, lat, lon, status, handler, task_id, filed_on, created_at, \
                    first_response_at, resolved_at, escalated_at";

impl Complaint {
    /// The notice that puts this complaint in a handler's hands (`to`: whose buttons), with
    /// the reporter's sealed first name only when they did not choose to stay anonymous.
    pub fn handler_notice(
        &self,
        place: String,
        (response_due, resolve_due): (NaiveDate, NaiveDate),
        to: Role,
    ) -> Notice {
        Notice::ComplaintFiled {
            id: self.id,
            ticket: self.ticket.clone(),
            category: self.category,
            place,
            description: self.description.clone(),
            reporter: if self.is_anonymous() {
                None
            } else {
                self.reporter_name.clone()
            },
            photos: self.photo_ids().len() as u8,
            location: self.lat.is_some(),
            response_due,
            resolve_due,
            to,
        }
    }

    pub fn filed_on(&self) -> NaiveDate {
        NaiveDate::parse_from_str(&self.filed_on, "%Y-%m-%d").unwrap_or_default()
    }
    pub fn photo_ids(&self) -> Vec<String> {
        self.photos.split_whitespace().map(str::to_string).collect()
    }
    pub fn is_anonymous(&self) -> bool {
        self.anonymous != 0
    }
}

/// One row of a complaint's history.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct EventRow {
    pub at: i64,
    pub event: String,
    pub actor: Option<i64>,
    /// Sealed.
    pub note: Option<String>,
    pub photo: Option<String>,
}

impl EventRow {
    pub fn event(&self) -> Option<Event> {
        Event::parse(&self.event)
    }
}

/// The chats of the Dinas Sosial operators whose area holds `area` (in one query).
async fn dinsos_chats(conn: &mut AnyConnection, area: &str) -> sqlx::Result<Vec<(i64, i64)>> {
    let rows: Vec<(i64, i64, String)> = sqlx::query_as(
        "SELECT DISTINCT w.id, u.chat_id, a.area FROM workers w
         JOIN worker_areas a ON a.worker_id = w.id JOIN users u ON u.tg_id = w.tg_id
         WHERE w.active = 1 AND w.role = $1",
    )
    .bind(Role::Dinsos.code())
    .fetch_all(&mut *conn)
    .await?;
    let mut out: Vec<(i64, i64)> = rows
        .into_iter()
        .filter(|(_, _, a)| crate::domain::region::contains(a, area))
        .map(|(w, chat, _)| (w, chat))
        .collect();
    // An operator covering the area twice (two areas) is told once.
    out.sort_unstable();
    out.dedup();
    Ok(out)
}

/// The chat of the TKSK of the kecamatan of `area`, when one is enrolled.
async fn tksk_chat(conn: &mut AnyConnection, area: &str) -> sqlx::Result<Option<(i64, i64)>> {
    let Some(tksk) = workers::tksk_of(conn, &workers::kecamatan_of(area), 0).await? else {
        return Ok(None);
    };
    Ok(workers::contacts(conn, &[tksk])
        .await?
        .get(&tksk)
        .map(|chat| (tksk, *chat)))
}

/// Files a complaint: the complaint, its follow-up task (and survey task for a request), the
/// "filed" event, and the notices to its handler, in one transaction. A second call with the
/// same `dedupe` returns the complaint the first one filed.
pub async fn file(
    db: &Db,
    c: &NewComplaint<'_>,
    deadlines: Deadlines,
    calendar: &Calendar,
) -> sqlx::Result<Filed> {
    let mut tx = db.begin_write().await?;
    let done: Option<(i64, String)> =
        sqlx::query_as("SELECT id, ticket FROM complaints WHERE dedupe = $1")
            .bind(c.dedupe)
            .fetch_optional(&mut *tx)
            .await?;
    if let Some((id, ticket)) = done {
        tx.commit().await?;
        return Ok(Filed {
            id,
            ticket,
            told: None,
        });
    }
    let t = now();
    let photos = c.photos.join(" ");
    let (id,): (i64,) = sqlx::query_as(
        "INSERT INTO complaints (ticket, reporter, reporter_name, anonymous, category, area,
             description, photos, lat, lon, filed_on, created_at, updated_at, dedupe)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $12, $13) RETURNING id",
    )
    .bind(format!("ADU-pending-{}", c.dedupe))
    .bind(c.reporter)
    .bind(c.reporter_name.as_deref())
    .bind(i64::from(c.anonymous))
    .bind(c.category.code())
    .bind(c.area)
    .bind(&c.description_sealed)
    .bind(&photos)
    .bind(c.location.map(|l| l.0))
    .bind(c.location.map(|l| l.1))
    .bind(c.filed_on.format("%Y-%m-%d").to_string())
    .bind(t)
    .bind(c.dedupe)
    .fetch_one(&mut *tx)
    .await?;
    let ticket = ticket(chrono::Datelike::year(&c.filed_on), id);
    let (response_due, resolve_due) = deadlines.of(calendar, c.filed_on);
    let due = resolve_due.format("%Y-%m-%d").to_string();
    let task = tasks::create(
        &mut *tx,
        TaskKind::FollowUpComplaint,
        c.area,
        &ticket,
        Some(&due),
        None,
    )
    .await?;
    if let Some(kind) = c.category.survey() {
        tasks::create(&mut *tx, kind, c.area, &ticket, Some(&due), None).await?;
    }
    sqlx::query("UPDATE complaints SET ticket = $2, task_id = $3 WHERE id = $1")
        .bind(id)
        .bind(&ticket)
        .bind(task)
        .execute(&mut *tx)
        .await?;
    event_in(&mut tx, id, Event::Filed, None, None, None).await?;
    let notice = |to: Role| Notice::ComplaintFiled {
        id,
        ticket: ticket.clone(),
        category: c.category,
        place: c.place.to_string(),
        description: c.description_sealed.clone(),
        reporter: c.reporter_name.clone(),
        photos: c.photos.len() as u8,
        location: c.location.is_some(),
        response_due,
        resolve_due,
        to,
    };
    let tksk = tksk_chat(&mut tx, c.area).await?;
    let told = match tksk {
        Some((_, chat)) => {
            tell_with_photos(&mut tx, chat, &notice(Role::Tksk), &ticket, c.photos).await?;
            Told::Tksk
        }
        None => {
            let operators = dinsos_chats(&mut tx, c.area).await?;
            for (_, chat) in &operators {
                tell_with_photos(&mut tx, *chat, &notice(Role::Dinsos), &ticket, c.photos).await?;
            }
            if operators.is_empty() {
                tracing::warn!(
                    complaint = id,
                    "no TKSK and no Dinas Sosial operator to tell of a new complaint; it waits in the export"
                );
                Told::NoOne
            } else {
                Told::Dinsos(operators.len())
            }
        }
    };
    super::users::note_home(&mut *tx, c.reporter, c.area).await?;
    super::audit::record(
        &mut *tx,
        if c.anonymous { None } else { Some(c.reporter) },
        "complaint.filed",
        Some(&ticket),
        None,
    )
    .await?;
    tx.commit().await?;
    Ok(Filed {
        id,
        ticket,
        told: Some(told),
    })
}

/// The notice, then each photo after it (the outbox keeps a chat's rows in order).
async fn tell_with_photos(
    conn: &mut AnyConnection,
    chat: i64,
    notice: &Notice,
    ticket: &str,
    photos: &[String],
) -> sqlx::Result<()> {
    outbox::enqueue(&mut *conn, chat, notice, None).await?;
    for (i, file_id) in photos.iter().enumerate() {
        let photo = Notice::ComplaintPhoto {
            ticket: ticket.to_string(),
            file_id: file_id.clone(),
            n: i as u8 + 1,
            of: photos.len() as u8,
        };
        outbox::enqueue(&mut *conn, chat, &photo, None).await?;
    }
    Ok(())
}

async fn event_in(
    conn: &mut AnyConnection,
    complaint: i64,
    event: Event,
    actor: Option<i64>,
    note: Option<&str>,
    photo: Option<&str>,
) -> sqlx::Result<()> {
    sqlx::query(
        "INSERT INTO complaint_events (complaint, at, event, actor, note, photo)
         VALUES ($1, $2, $3, $4, $5, $6)",
    )
    .bind(complaint)
    .bind(now())
    .bind(event.code())
    .bind(actor)
    .bind(note)
    .bind(photo)
    .execute(conn)
    .await?;
    Ok(())
}

pub async fn get(db: &Db, id: i64) -> sqlx::Result<Option<Complaint>> {
    sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "SELECT {COLS} FROM complaints WHERE id = $1"
    )))
    .bind(id)
    .fetch_optional(&db.pool)
    .await
}

/// A complaint's id by its ticket (for its follow-up task).
pub async fn id_of_ticket(db: &Db, ticket: &str) -> sqlx::Result<Option<i64>> {
    let row: Option<(i64,)> = sqlx::query_as("SELECT id FROM complaints WHERE ticket = $1")
        .bind(ticket)
        .fetch_optional(&db.pool)
        .await?;
    Ok(row.map(|r| r.0))
}

/// A complaint by ticket, only when `reporter` filed it: someone else's ticket is the same
/// answer as one that does not exist.
pub async fn of_reporter_by_ticket(
    db: &Db,
    reporter: i64,
    ticket: &str,
) -> sqlx::Result<Option<Complaint>> {
    sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "SELECT {COLS} FROM complaints WHERE ticket = $1 AND reporter = $2"
    )))
    .bind(ticket)
    .bind(reporter)
    .fetch_optional(&db.pool)
    .await
}

/// The reporter's complaints, newest first.
pub async fn of_reporter(db: &Db, reporter: i64, limit: i64) -> sqlx::Result<Vec<Complaint>> {
    sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "SELECT {COLS} FROM complaints WHERE reporter = $1 ORDER BY id DESC LIMIT $2"
    )))
    .bind(reporter)
    .bind(limit)
    .fetch_all(&db.pool)
    .await
}

/// Open complaints inside `area`, oldest first (a handler's list).
pub async fn open_in(db: &Db, area: &str, limit: i64) -> sqlx::Result<Vec<Complaint>> {
    sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "SELECT {COLS} FROM complaints
         WHERE status IN ('new', 'in_progress', 'reopened') AND (area = $1 OR area LIKE $2)
         ORDER BY id LIMIT $3"
    )))
    .bind(area)
    .bind(super::regions::inside(area))
    .bind(limit)
    .fetch_all(&db.pool)
    .await
}

pub async fn history(db: &Db, id: i64) -> sqlx::Result<Vec<EventRow>> {
    sqlx::query_as(
        "SELECT at, event, actor, note, photo FROM complaint_events
         WHERE complaint = $1 ORDER BY id",
    )
    .bind(id)
    .fetch_all(&db.pool)
    .await
}

/// What a handler or the reporter does to a complaint.
#[derive(Debug, Clone)]
pub enum Action {
    /// The TKSK (or an operator) takes it in hand.
    Take { worker: i64 },
    /// Handed to a PSM of the kelurahan.
    Assign { by: i64, psm: i64 },
    /// Answered: resolved, with a note (sealed).
    Resolve { worker: i64, note: String },
    /// Rejected, with a reason (sealed).
    Reject { worker: i64, reason: String },
    /// The reporter says a resolved complaint is not solved (reason sealed).
    Reopen { reason: String },
    /// The reporter adds text (sealed) or a photo.
    Add {
        note: Option<String>,
        photo: Option<String>,
    },
}

impl Action {
    fn event(&self) -> Event {
        match self {
            Action::Take { .. } => Event::Taken,
            Action::Assign { .. } => Event::Assigned,
            Action::Resolve { .. } => Event::Resolved,
            Action::Reject { .. } => Event::Rejected,
            Action::Reopen { .. } => Event::Reopened,
            Action::Add { .. } => Event::Added,
        }
    }
    fn actor(&self) -> Option<i64> {
        match self {
            Action::Take { worker }
            | Action::Resolve { worker, .. }
            | Action::Reject { worker, .. } => Some(*worker),
            Action::Assign { by, .. } => Some(*by),
            Action::Reopen { .. } | Action::Add { .. } => None,
        }
    }
    fn note(&self) -> Option<&str> {
        match self {
            Action::Resolve { note, .. } => Some(note),
            Action::Reject { reason, .. } | Action::Reopen { reason } => Some(reason),
            Action::Add { note, .. } => note.as_deref(),
            _ => None,
        }
    }
}

/// Why an action did not happen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refused {
    /// Not (any more) in a status that allows it.
    NotNow(Status),
    /// Reopening more than [`REOPEN_DAYS`](crate::domain::complaint::REOPEN_DAYS) after it was
    /// resolved.
    TooLate,
    /// The PSM does not cover the complaint's kelurahan.
    NotTheirArea,
    Gone,
}

/// Applies an action in one transaction: the status, handler and task change, the event is
/// kept, and the reporter (for a handler's action) or the handler (for the reporter's) is
/// told. Who may act is the caller's check (`bot::complaint::access`).
pub async fn act(
    db: &Db,
    id: i64,
    action: &Action,
    (deadlines, calendar): (Deadlines, &Calendar),
) -> sqlx::Result<Result<Complaint, Refused>> {
    let mut tx = db.begin_write().await?;
    // One step at a time per complaint: on PostgreSQL the row is locked (two handlers pressing
    // at once are served one after the other); SQLite's write transaction is exclusive.
    let lock = match db.backend {
        super::Backend::Postgres => " FOR UPDATE",
        super::Backend::Sqlite => "",
    };
    let found: Option<Complaint> = sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "SELECT {COLS} FROM complaints WHERE id = $1{lock}"
    )))
    .bind(id)
    .fetch_optional(&mut *tx)
    .await?;
    let Some(c) = found else {
        return Ok(Err(Refused::Gone));
    };
    let event = action.event();
    if !event.allowed_from(c.status) {
        return Ok(Err(Refused::NotNow(c.status)));
    }
    let t = now();
    if let Action::Reopen { .. } = action
        && c.resolved_at
            .is_some_and(|r| t - r > crate::domain::complaint::REOPEN_DAYS * 86400)
    {
        return Ok(Err(Refused::TooLate));
    }
    if let Action::Assign { psm, .. } = action {
        let role: Option<(String,)> =
            sqlx::query_as("SELECT role FROM workers WHERE id = $1 AND active = 1")
                .bind(psm)
                .fetch_optional(&mut *tx)
                .await?;
        let areas = workers::areas_in(&mut tx, *psm).await?;
        let is_psm = role.is_some_and(|r| r.0 == Role::Psm.code());
        if !is_psm || !areas.iter().any(|a| a == &c.area) {
            return Ok(Err(Refused::NotTheirArea));
        }
    }
    let status = event.status_after().unwrap_or(c.status);
    let handler = match action {
        Action::Take { worker } => Some(*worker),
        Action::Assign { psm, .. } => Some(*psm),
        Action::Resolve { worker, .. } | Action::Reject { worker, .. } => {
            c.handler.or(Some(*worker))
        }
        _ => c.handler,
    };
    let responded = matches!(
        event,
        Event::Taken | Event::Assigned | Event::Resolved | Event::Rejected
    );
    sqlx::query(
        "UPDATE complaints SET status = $2, handler = $3, updated_at = $4,
             first_response_at = CASE WHEN $5 = 1 AND first_response_at IS NULL
                                      THEN $4 ELSE first_response_at END,
             resolved_at = CASE WHEN $2 = 'resolved' THEN $4
                                WHEN $2 = 'reopened' THEN NULL ELSE resolved_at END
         WHERE id = $1",
    )
    .bind(id)
    .bind(status.code())
    .bind(handler)
    .bind(t)
    .bind(i64::from(responded))
    .execute(&mut *tx)
    .await?;
    if let Some(task) = c.task_id {
        let (task_status, assignee) = match action {
            Action::Assign { psm, .. } => (TaskStatus::Assigned, Some(*psm)),
            Action::Take { worker } => (TaskStatus::InProgress, Some(*worker)),
            Action::Resolve { .. } | Action::Reject { .. } => (TaskStatus::Done, handler),
            Action::Reopen { .. } => (TaskStatus::Assigned, handler),
            Action::Add { .. } => (TaskStatus::New, None),
        };
        if !matches!(action, Action::Add { .. }) {
            sqlx::query(
                "UPDATE tasks SET status = $2, assignee = $3, updated_at = $4 WHERE id = $1",
            )
            .bind(task)
            .bind(task_status.code())
            .bind(assignee)
            .bind(t)
            .execute(&mut *tx)
            .await?;
        }
    }
    let photo = match action {
        Action::Add { photo, .. } => photo.as_deref(),
        _ => None,
    };
    event_in(&mut tx, id, event, action.actor(), action.note(), photo).await?;
    let dues = deadlines.of(calendar, c.filed_on());
    tell_of(&mut tx, &c, action, handler, dues).await?;
    tx.commit().await?;
    let mut after = c;
    after.status = status;
    after.handler = handler;
    Ok(Ok(after))
}

/// The notices an action sends: the reporter hears of a handler's step; the handler (or the
/// area's TKSK) of the reporter's; a PSM handed the complaint gets it to handle.
async fn tell_of(
    conn: &mut AnyConnection,
    c: &Complaint,
    action: &Action,
    handler: Option<i64>,
    (response_due, resolve_due): (NaiveDate, NaiveDate),
) -> sqlx::Result<()> {
    let event = action.event();
    if event.tells_reporter()
        && let Some(reporter) = c.reporter
    {
        let chat: Option<(i64,)> = sqlx::query_as("SELECT chat_id FROM users WHERE tg_id = $1")
            .bind(reporter)
            .fetch_optional(&mut *conn)
            .await?;
        if let Some((chat,)) = chat {
            let notice = Notice::ComplaintUpdate {
                ticket: c.ticket.clone(),
                event,
                note: action.note().map(str::to_string),
            };
            outbox::enqueue(&mut *conn, chat, &notice, None).await?;
        }
    }
    if let Action::Assign { psm, .. } = action {
        let contacts = workers::contacts(&mut *conn, &[*psm]).await?;
        if let Some(chat) = contacts.get(psm) {
            let place: Option<(String,)> =
                sqlx::query_as("SELECT name FROM wilayah WHERE code = $1")
                    .bind(&c.area)
                    .fetch_optional(&mut *conn)
                    .await?;
            // "Desa"/"Kelurahan" are the same words in every locale.
            let place = place.map_or_else(
                || c.area.clone(),
                |p| crate::i18n::place(crate::i18n::Lang::Id, &c.area, &p.0),
            );
            let notice = c.handler_notice(place, (response_due, resolve_due), Role::Psm);
            tell_with_photos(&mut *conn, *chat, &notice, &c.ticket, &c.photo_ids()).await?;
        }
    }
    if matches!(event, Event::Reopened | Event::Added) {
        let chat = match handler {
            Some(h) => workers::contacts(&mut *conn, &[h]).await?.get(&h).copied(),
            None => tksk_chat(&mut *conn, &c.area).await?.map(|t| t.1),
        };
        let chat = match chat {
            Some(chat) => Some(chat),
            None => dinsos_chats(&mut *conn, &c.area)
                .await?
                .first()
                .map(|d| d.1),
        };
        if chat.is_none() {
            tracing::warn!(
                complaint = c.id,
                "the reporter added to or reopened a complaint and no worker or operator covers its area to be told"
            );
        }
        if let Some(chat) = chat {
            let (note, photo) = match action {
                Action::Add { note, photo } => (note.clone(), photo.clone()),
                other => (other.note().map(str::to_string), None),
            };
            let notice = Notice::ComplaintReply {
                id: c.id,
                ticket: c.ticket.clone(),
                event,
                note,
                photo,
            };
            outbox::enqueue(&mut *conn, chat, &notice, None).await?;
        }
    }
    Ok(())
}

/// An open complaint as the deadline sweep and the reminders see it.
#[derive(Debug, Clone, sqlx::FromRow)]
struct Open {
    id: i64,
    ticket: String,
    area: String,
    filed_on: String,
    first_response_at: Option<i64>,
    escalated_at: Option<i64>,
    handler: Option<i64>,
}

async fn open_ones(db: &Db) -> sqlx::Result<Vec<Open>> {
    sqlx::query_as(
        "SELECT id, ticket, area, filed_on, first_response_at, escalated_at, handler
         FROM complaints WHERE status IN ('new', 'in_progress', 'reopened')",
    )
    .fetch_all(&db.pool)
    .await
}

fn day(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap_or_default()
}

/// The daily sweep: every open complaint past its resolution deadline on `today` and not yet
/// escalated is marked escalated (an event) and the Dinas Sosial operators of its area are
/// told, once (the outbox's dedupe key). Returns how many were escalated.
pub async fn sweep(
    db: &Db,
    today: NaiveDate,
    calendar: &Calendar,
    deadlines: Deadlines,
) -> sqlx::Result<usize> {
    let late: Vec<Open> = open_ones(db)
        .await?
        .into_iter()
        .filter(|c| c.escalated_at.is_none() && deadlines.of(calendar, day(&c.filed_on)).1 < today)
        .collect();
    let mut escalated = 0;
    let mut operators: std::collections::HashMap<String, Vec<(i64, i64)>> = Default::default();
    // In slices, so that no write transaction holds the database for long.
    for slice in late.chunks(500) {
        let mut tx = db.begin_write().await?;
        for c in slice {
            if !operators.contains_key(&c.area) {
                let found = dinsos_chats(&mut tx, &c.area).await?;
                operators.insert(c.area.clone(), found);
            }
            if operators[&c.area].is_empty() {
                // Not marked: it escalates the day an operator who covers the area enrols.
                tracing::warn!(
                    complaint = c.id,
                    "a complaint is past its resolution deadline and no Dinas Sosial operator covers its area to be told"
                );
                continue;
            }
            let t = now();
            let r = sqlx::query(
                "UPDATE complaints SET escalated_at = $2 WHERE id = $1 AND escalated_at IS NULL",
            )
            .bind(c.id)
            .bind(t)
            .execute(&mut *tx)
            .await?;
            if r.rows_affected() == 0 {
                continue;
            }
            event_in(&mut tx, c.id, Event::Escalated, None, None, None).await?;
            let resolve_due = deadlines.of(calendar, day(&c.filed_on)).1;
            for (_, chat) in operators[&c.area].clone() {
                let notice = Notice::ComplaintEscalated {
                    id: c.id,
                    ticket: c.ticket.clone(),
                    resolve_due,
                };
                let key = format!("escalated:{}:{chat}", c.id);
                outbox::enqueue(&mut *tx, chat, &notice, Some(&key)).await?;
            }
            escalated += 1;
        }
        tx.commit().await?;
    }
    Ok(escalated)
}

/// Open complaints overdue on `today` (past the response deadline without a response, or past
/// the resolution deadline), per worker who should act: the handler, else the area's TKSK.
pub async fn overdue_by_worker(
    db: &Db,
    today: NaiveDate,
    calendar: &Calendar,
    deadlines: Deadlines,
) -> sqlx::Result<std::collections::HashMap<i64, i64>> {
    let mut out = std::collections::HashMap::new();
    let mut tksk_of: std::collections::HashMap<String, Option<i64>> = Default::default();
    let mut conn = db.pool.acquire().await?;
    for c in open_ones(db).await? {
        let (response, resolve) = deadlines.of(calendar, day(&c.filed_on));
        let late = resolve < today || (c.first_response_at.is_none() && response < today);
        if !late {
            continue;
        }
        let who = match c.handler {
            Some(h) => Some(h),
            None => {
                let kec = workers::kecamatan_of(&c.area);
                match tksk_of.get(&kec) {
                    Some(w) => *w,
                    None => {
                        let w = workers::tksk_of(&mut conn, &kec, 0).await?;
                        tksk_of.insert(kec, w);
                        w
                    }
                }
            }
        };
        if let Some(w) = who {
            *out.entry(w).or_insert(0) += 1;
        }
    }
    Ok(out)
}

/// The holidays loaded, as a calendar.
pub async fn calendar(db: &Db) -> sqlx::Result<Calendar> {
    let rows: Vec<(String,)> = sqlx::query_as("SELECT day FROM holidays")
        .fetch_all(&db.pool)
        .await?;
    Ok(Calendar::new(rows.iter().map(|r| day(&r.0))))
}

/// Adds or renames a holiday.
pub async fn upsert_holiday(
    db: &Db,
    day: NaiveDate,
    name: &str,
) -> sqlx::Result<super::regions::Upsert> {
    let key = day.format("%Y-%m-%d").to_string();
    let old: Option<(String,)> = sqlx::query_as("SELECT name FROM holidays WHERE day = $1")
        .bind(&key)
        .fetch_optional(&db.pool)
        .await?;
    match old {
        Some((n,)) if n == name => Ok(super::regions::Upsert::Unchanged),
        Some(_) => {
            sqlx::query("UPDATE holidays SET name = $2 WHERE day = $1")
                .bind(&key)
                .bind(name)
                .execute(&db.pool)
                .await?;
            Ok(super::regions::Upsert::Updated)
        }
        None => {
            sqlx::query("INSERT INTO holidays (day, name) VALUES ($1, $2)")
                .bind(&key)
                .bind(name)
                .execute(&db.pool)
                .await?;
            Ok(super::regions::Upsert::Added)
        }
    }
}

/// Every complaint, oldest first, for the export (with the handler's name).
pub async fn all_for_export(
    db: &Db,
) -> sqlx::Result<Vec<(Complaint, Option<String>, Option<String>)>> {
    let rows: Vec<Complaint> = sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "SELECT {COLS} FROM complaints ORDER BY id"
    )))
    .fetch_all(&db.pool)
    .await?;
    let mut out = Vec::with_capacity(rows.len());
    let names: Vec<(i64, String)> = sqlx::query_as("SELECT id, name FROM workers")
        .fetch_all(&db.pool)
        .await?;
    let names: std::collections::HashMap<i64, String> = names.into_iter().collect();
    let notes: Vec<(i64, String)> = sqlx::query_as(
        "SELECT e.complaint, e.note FROM complaint_events e
         WHERE e.event IN ('resolved', 'rejected') AND e.note IS NOT NULL ORDER BY e.id",
    )
    .fetch_all(&db.pool)
    .await?;
    let notes: std::collections::HashMap<i64, String> = notes.into_iter().collect();
    for c in rows {
        let handler = c.handler.and_then(|h| names.get(&h).cloned());
        let note = notes.get(&c.id).cloned();
        out.push((c, handler, note));
    }
    Ok(out)
}
