//! Broadcasts (siaran, see `domain::broadcast`): the notice and one outbox row per recipient,
//! written in one transaction before anything is sent; the counts of how its deliveries ended;
//! read receipts; and residents' opt-out.
//!
//! A delivery is an ordinary outbox row in the bulk lane with `broadcast` set: the outbox
//! worker claims, paces, retries and records it like any other notice, so a restart resumes
//! where the queue stopped and the claim token keeps any row from going out twice.

use super::outbox::Lane;
use super::{Db, now};
use crate::domain::broadcast::Audience;
use crate::domain::role::Role;
use std::collections::HashMap;

/// What a broadcast sends besides its text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Media {
    None,
    /// A photo or document already on Telegram (sent to the bot by the author).
    FileId {
        kind: MediaKind,
        file_id: String,
    },
    /// A file given on the command line: uploaded with the first delivery, whose file id then
    /// serves the rest.
    Upload {
        kind: MediaKind,
        name: String,
        data: Vec<u8>,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MediaKind {
    Photo,
    Document,
}

impl MediaKind {
    pub fn code(self) -> &'static str {
        match self {
            MediaKind::Photo => "photo",
            MediaKind::Document => "document",
        }
    }
    fn parse(code: &str) -> Option<MediaKind> {
        match code {
            "photo" => Some(MediaKind::Photo),
            "document" => Some(MediaKind::Document),
            _ => None,
        }
    }
}

/// A broadcast to write.
#[derive(Debug, Clone)]
pub struct NewBroadcast<'a> {
    /// Telegram id of the author; `None` for the command line.
    pub author: Option<i64>,
    /// Dinas Sosial or a TKSK (the command line speaks for Dinas Sosial).
    pub author_role: Role,
    pub audience: &'a Audience,
    /// The text, sealed by the caller (`Place::Broadcast`).
    pub body_sealed: String,
    pub media: Media,
    /// When it goes out (Unix seconds); now or later.
    pub send_at: i64,
    /// The bot's draft: a second confirmation of the same draft creates nothing new.
    pub draft_key: Option<&'a str>,
}

/// A broadcast as stored.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Broadcast {
    pub id: i64,
    pub author: Option<i64>,
    #[sqlx(try_from = "String")]
    pub author_role: Role,
    pub audience: String,
    /// Sealed; see `Place::Broadcast`.
    pub body: String,
    pub media_kind: Option<String>,
    pub media: Option<String>,
    pub media_name: Option<String>,
    pub send_at: i64,
    pub created_at: i64,
    pub recipients: i64,
    pub cancelled_at: Option<i64>,
}

/// Not the file of a command-line broadcast (`media_data`): see [`upload_data`].
const COLS: &str = "id, author, author_role, audience, body, media_kind, media, media_name, \
                    send_at, created_at, recipients, cancelled_at";

impl Broadcast {
    pub fn media_kind(&self) -> Option<MediaKind> {
        self.media_kind.as_deref().and_then(MediaKind::parse)
    }
    pub fn is_for_residents(&self) -> bool {
        Audience::parse(&self.audience).is_ok_and(|a| a.is_residents())
    }
}

/// How the deliveries of a broadcast stand.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    /// Not sent yet (waiting for their time, or in the queue).
    pub queued: i64,
    pub sent: i64,
    /// Given up after their tries.
    pub failed: i64,
    /// The recipient blocked the bot or the chat is gone.
    pub blocked: i64,
    /// Residents who stopped broadcasts after it was queued.
    pub opted_out: i64,
    /// Dropped when the author stopped the broadcast.
    pub cancelled: i64,
    /// "Sudah dibaca" pressed.
    pub read: i64,
}

impl Counts {
    pub fn total(&self) -> i64 {
        self.queued + self.sent + self.failed + self.blocked + self.opted_out + self.cancelled
    }
}

/// The SQL that lists an audience's chats (one per person), and its parameters.
fn audience_sql(audience: &Audience) -> (String, Vec<String>) {
    let workers = |roles: &[Role], area: Option<&str>| {
        let roles: Vec<String> = roles.iter().map(|r| format!("'{}'", r.code())).collect();
        let area = area.unwrap_or("");
        (
            format!(
                "SELECT DISTINCT u.chat_id AS chat_id FROM workers w
                 JOIN users u ON u.tg_id = w.tg_id
                 JOIN worker_areas a ON a.worker_id = w.id
                 WHERE w.active = 1 AND w.role IN ({})
                   AND ($1 = '' OR a.area = $1 OR a.area LIKE $2)",
                roles.join(", ")
            ),
            vec![area.to_string(), super::regions::inside(area)],
        )
    };
    match audience {
        Audience::Tksk { within } => workers(&[Role::Tksk], within.as_ref().map(|a| a.as_str())),
        Audience::Psm { within } => workers(&[Role::Psm], within.as_ref().map(|a| a.as_str())),
        Audience::Workers(k) => workers(&[Role::Psm, Role::Tksk], Some(k.as_str())),
        Audience::Residents(k) => (
            format!(
                "SELECT DISTINCT chat_id FROM users
                 WHERE role = '{}' AND home_area = $1 AND notices_off = 0 AND $2 <> ''",
                Role::Warga.code()
            ),
            vec![k.as_str().to_string(), "-".into()],
        ),
    }
}

/// How many people a broadcast to `audience` reaches now, and how many workers of it have not
/// joined the bot yet (they cannot be reached; 0 for residents).
pub async fn reach(db: &Db, audience: &Audience) -> sqlx::Result<(i64, i64)> {
    let (sql, params) = audience_sql(audience);
    let mut q = sqlx::query_as::<_, (i64,)>(sqlx::AssertSqlSafe(format!(
        "SELECT COUNT(*) FROM ({sql}) r"
    )));
    for p in &params {
        q = q.bind(p);
    }
    let (reached,) = q.fetch_one(&db.pool).await?;
    let roles: &[Role] = match audience {
        Audience::Tksk { .. } => &[Role::Tksk],
        Audience::Psm { .. } => &[Role::Psm],
        Audience::Workers(_) => &[Role::Psm, Role::Tksk],
        Audience::Residents(_) => return Ok((reached, 0)),
    };
    let area = audience.area().map_or("", |a| a.as_str());
    let roles: Vec<String> = roles.iter().map(|r| format!("'{}'", r.code())).collect();
    let (missing,): (i64,) = sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "SELECT COUNT(DISTINCT w.id) FROM workers w JOIN worker_areas a ON a.worker_id = w.id
         WHERE w.active = 1 AND w.role IN ({})
           AND ($1 = '' OR a.area = $1 OR a.area LIKE $2)
           AND NOT EXISTS (SELECT 1 FROM users u WHERE u.tg_id = w.tg_id)",
        roles.join(", ")
    )))
    .bind(area)
    .bind(super::regions::inside(area))
    .fetch_one(&db.pool)
    .await?;
    Ok((reached, missing))
}

/// Writes a broadcast and one bulk outbox row per recipient, in one transaction. Returns the
/// broadcast's id and its number of recipients; for a draft already confirmed, the broadcast
/// that confirmation wrote.
pub async fn create(db: &Db, b: &NewBroadcast<'_>) -> sqlx::Result<(i64, i64)> {
    let mut tx = db.begin_write().await?;
    if let Some(key) = b.draft_key {
        let done: Option<(i64, i64)> =
            sqlx::query_as("SELECT id, recipients FROM broadcasts WHERE draft_key = $1")
                .bind(key)
                .fetch_optional(&mut *tx)
                .await?;
        if let Some(done) = done {
            return Ok(done);
        }
    }
    let (kind, file_id, data, name) = match &b.media {
        Media::None => (None, None, None, None),
        Media::FileId { kind, file_id } => (Some(kind.code()), Some(file_id.clone()), None, None),
        Media::Upload { kind, name, data } => {
            use base64::Engine;
            let data = base64::engine::general_purpose::STANDARD.encode(data);
            (Some(kind.code()), None, Some(data), Some(name.clone()))
        }
    };
    let t = now();
    let (id,): (i64,) = sqlx::query_as(
        "INSERT INTO broadcasts (author, audience, body, media_kind, media, media_data,
                                 media_name, send_at, created_at, draft_key, author_role)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING id",
    )
    .bind(b.author)
    .bind(b.audience.code())
    .bind(&b.body_sealed)
    .bind(kind)
    .bind(file_id)
    .bind(data)
    .bind(name)
    .bind(b.send_at)
    .bind(t)
    .bind(b.draft_key)
    .bind(b.author_role.code())
    .fetch_one(&mut *tx)
    .await?;
    let (sql, params) = audience_sql(b.audience);
    // One row per chat; the dedupe key says so to the database as well.
    let mut q = sqlx::query(sqlx::AssertSqlSafe(format!(
        "INSERT INTO outbox (chat_id, body, created_at, next_try_at, lane, broadcast, dedupe_key)
         SELECT r.chat_id, '', $3, $4, $5, $6, $7 || r.chat_id FROM ({sql}) r"
    )));
    for p in &params {
        q = q.bind(p);
    }
    let n = q
        .bind(t)
        .bind(b.send_at.max(t))
        .bind(Lane::Bulk as i64)
        .bind(id)
        .bind(format!("bc:{id}:"))
        .execute(&mut *tx)
        .await?
        .rows_affected() as i64;
    sqlx::query("UPDATE broadcasts SET recipients = $2 WHERE id = $1")
        .bind(id)
        .bind(n)
        .execute(&mut *tx)
        .await?;
    super::audit::record(
        &mut *tx,
        b.author,
        "broadcast.created",
        Some(&id.to_string()),
        Some(&format!("{} recipients={n}", b.audience.code())),
    )
    .await?;
    tx.commit().await?;
    Ok((id, n))
}

pub async fn get(db: &Db, id: i64) -> sqlx::Result<Option<Broadcast>> {
    sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "SELECT {COLS} FROM broadcasts WHERE id = $1"
    )))
    .bind(id)
    .fetch_optional(&db.pool)
    .await
}

/// Several broadcasts by id, in one query.
pub async fn get_many(db: &Db, ids: &[i64]) -> sqlx::Result<HashMap<i64, Broadcast>> {
    if ids.is_empty() {
        return Ok(HashMap::new());
    }
    let list: Vec<String> = ids.iter().map(i64::to_string).collect();
    let rows: Vec<Broadcast> = sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "SELECT {COLS} FROM broadcasts WHERE id IN ({})",
        list.join(", ")
    )))
    .fetch_all(&db.pool)
    .await?;
    Ok(rows.into_iter().map(|b| (b.id, b)).collect())
}

/// The newest broadcasts, of one author (`Some`) or of everyone (`None`).
pub async fn recent(db: &Db, author: Option<i64>, limit: i64) -> sqlx::Result<Vec<Broadcast>> {
    match author {
        Some(author) => {
            sqlx::query_as(sqlx::AssertSqlSafe(format!(
                "SELECT {COLS} FROM broadcasts WHERE author = $1 ORDER BY id DESC LIMIT $2"
            )))
            .bind(author)
            .bind(limit)
            .fetch_all(&db.pool)
            .await
        }
        None => {
            sqlx::query_as(sqlx::AssertSqlSafe(format!(
                "SELECT {COLS} FROM broadcasts ORDER BY id DESC LIMIT $1"
            )))
            .bind(limit)
            .fetch_all(&db.pool)
            .await
        }
    }
}

/// How the deliveries of each of `ids` stand, in two queries.
pub async fn counts(db: &Db, ids: &[i64]) -> sqlx::Result<HashMap<i64, Counts>> {
    let mut out: HashMap<i64, Counts> = ids.iter().map(|id| (*id, Counts::default())).collect();
    if ids.is_empty() {
        return Ok(out);
    }
    let list: Vec<String> = ids.iter().map(i64::to_string).collect();
    let list = list.join(", ");
    let rows: Vec<(i64, Option<String>, i64)> = sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "SELECT broadcast, outcome, COUNT(*) FROM outbox WHERE broadcast IN ({list})
         GROUP BY broadcast, outcome"
    )))
    .fetch_all(&db.pool)
    .await?;
    for (id, outcome, n) in rows {
        let c = out.entry(id).or_default();
        match outcome.as_deref() {
            None => c.queued += n,
            Some("sent") => c.sent += n,
            Some("unreachable") => c.blocked += n,
            Some("opted_out") => c.opted_out += n,
            Some("cancelled") => c.cancelled += n,
            Some(_) => c.failed += n,
        }
    }
    let reads: Vec<(i64, i64)> = sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "SELECT broadcast, COUNT(*) FROM broadcast_reads WHERE broadcast IN ({list})
         GROUP BY broadcast"
    )))
    .fetch_all(&db.pool)
    .await?;
    for (id, n) in reads {
        out.entry(id).or_default().read = n;
    }
    Ok(out)
}

/// The file a command-line broadcast still has to upload (base64), if any.
pub async fn upload_data(db: &Db, id: i64) -> sqlx::Result<Option<String>> {
    let row: Option<(Option<String>,)> =
        sqlx::query_as("SELECT media_data FROM broadcasts WHERE id = $1 AND media IS NULL")
            .bind(id)
            .fetch_optional(&db.pool)
            .await?;
    Ok(row.and_then(|r| r.0))
}

/// Chats, among `chats`, of active field workers and operators (a broadcast to workers skips
/// anyone whose access ended since it was queued).
pub async fn active_worker_chats(db: &Db, chats: &[i64]) -> sqlx::Result<Vec<i64>> {
    if chats.is_empty() {
        return Ok(vec![]);
    }
    let list: Vec<String> = chats.iter().map(i64::to_string).collect();
    let rows: Vec<(i64,)> = sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "SELECT DISTINCT u.chat_id FROM users u JOIN workers w ON w.tg_id = u.tg_id
         WHERE w.active = 1 AND u.chat_id IN ({})",
        list.join(", ")
    )))
    .fetch_all(&db.pool)
    .await?;
    Ok(rows.into_iter().map(|r| r.0).collect())
}

/// Records that the first delivery uploaded the broadcast's file: later ones send its file id.
pub async fn set_file_id(db: &Db, id: i64, file_id: &str) -> sqlx::Result<()> {
    sqlx::query(
        "UPDATE broadcasts SET media = $2, media_data = NULL WHERE id = $1 AND media IS NULL",
    )
    .bind(id)
    .bind(file_id)
    .execute(&db.pool)
    .await?;
    Ok(())
}

/// What pressing "Sudah dibaca" did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Read {
    Recorded,
    /// Pressed before: nothing changes.
    Already,
    /// This chat was never sent that broadcast (a forged button): nothing is recorded.
    NotSent,
}

/// Records that `tg_id` (in `chat_id`) read broadcast `id`, once.
pub async fn mark_read(db: &Db, id: i64, tg_id: i64, chat_id: i64) -> sqlx::Result<Read> {
    let sent: Option<(i64,)> = sqlx::query_as(
        "SELECT id FROM outbox WHERE broadcast = $1 AND chat_id = $2 AND outcome = 'sent'",
    )
    .bind(id)
    .bind(chat_id)
    .fetch_optional(&db.pool)
    .await?;
    if sent.is_none() {
        return Ok(Read::NotSent);
    }
    let r = sqlx::query(
        "INSERT INTO broadcast_reads (broadcast, tg_id, at) VALUES ($1, $2, $3)
         ON CONFLICT (broadcast, tg_id) DO NOTHING",
    )
    .bind(id)
    .bind(tg_id)
    .bind(now())
    .execute(&db.pool)
    .await?;
    Ok(if r.rows_affected() == 1 {
        Read::Recorded
    } else {
        Read::Already
    })
}

/// A resident stops (`off`) or starts again receiving broadcasts.
pub async fn set_notices_off(db: &Db, tg_id: i64, off: bool) -> sqlx::Result<()> {
    sqlx::query("UPDATE users SET notices_off = $2 WHERE tg_id = $1")
        .bind(tg_id)
        .bind(i64::from(off))
        .execute(&db.pool)
        .await?;
    Ok(())
}

/// Chats, among `chats`, whose residents stopped broadcasts.
pub async fn opted_out(db: &Db, chats: &[i64]) -> sqlx::Result<Vec<i64>> {
    if chats.is_empty() {
        return Ok(vec![]);
    }
    let list: Vec<String> = chats.iter().map(i64::to_string).collect();
    let rows: Vec<(i64,)> = sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "SELECT chat_id FROM users WHERE notices_off = 1 AND chat_id IN ({})",
        list.join(", ")
    )))
    .fetch_all(&db.pool)
    .await?;
    Ok(rows.into_iter().map(|r| r.0).collect())
}

/// Stops a broadcast (one scheduled for later, or the rest of one under way): its deliveries
/// not yet sent are dropped, recorded as `cancelled`; those a sender holds at this moment go
/// out (they are leaving now). `author`: the author in the bot; `None`, the command line (an
/// operator on the server, who may stop any). Returns how many were dropped; `None` when it is
/// not the author's or was stopped before.
pub async fn cancel(db: &Db, id: i64, author: Option<i64>) -> sqlx::Result<Option<i64>> {
    let mut tx = db.begin_write().await?;
    let owned: Option<(i64,)> = sqlx::query_as(
        "SELECT id FROM broadcasts WHERE id = $1 AND cancelled_at IS NULL
           AND (author = $2 OR $2 IS NULL)",
    )
    .bind(id)
    .bind(author)
    .fetch_optional(&mut *tx)
    .await?;
    if owned.is_none() {
        return Ok(None);
    }
    let t = now();
    let n = sqlx::query(
        "UPDATE outbox SET sent_at = $2, outcome = 'cancelled'
         WHERE broadcast = $1 AND sent_at IS NULL AND (claim IS NULL OR next_try_at <= $2)",
    )
    .bind(id)
    .bind(t)
    .execute(&mut *tx)
    .await?
    .rows_affected() as i64;
    sqlx::query("UPDATE broadcasts SET cancelled_at = $2 WHERE id = $1")
        .bind(id)
        .bind(t)
        .execute(&mut *tx)
        .await?;
    super::audit::record(
        &mut *tx,
        author,
        "broadcast.cancelled",
        Some(&id.to_string()),
        None,
    )
    .await?;
    tx.commit().await?;
    Ok(Some(n))
}
