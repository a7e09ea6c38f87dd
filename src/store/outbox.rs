//! Notices to send later (see the `outbox` table): enqueued inside the transaction of the change
//! they announce, drained by the outbox worker of `crate::runtime`, retried until delivered.
//!
//! A notice is stored as data ([`Notice`]); the sender puts it into words. A reply that could
//! not be sent while its user waited is kept here too, as sealed text.
//!
//! Lanes: a reply kept for a waiting user goes first, then personal notices, then bulk
//! deliveries; a claim takes the due rows lane by lane.
//!
//! Claims: a sender takes due rows in one statement, stamping them with its own token and a
//! lease (`FOR UPDATE SKIP LOCKED` on PostgreSQL, so that two senders never take the same row);
//! only the holder of the token records how a row ended.

use super::{Backend, Db, now};
use crate::domain::notice::Notice;
use sqlx::{Any, Executor};

/// What a queued row holds.
#[derive(Debug, Clone, PartialEq)]
pub enum Content {
    Notice(Notice),
    /// A reply kept while the Bot API failed: `body` and `markup` sealed.
    Kept {
        body: String,
        markup: Option<String>,
    },
    /// A text notice queued by an earlier version (`markup`: an inline keyboard as JSON).
    Text {
        body: String,
        markup: Option<String>,
    },
    /// One delivery of this broadcast (`store::broadcasts`).
    Broadcast(i64),
    /// A notice this version cannot read (the reason, without its content).
    Unreadable(String),
}

/// Which rows go first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Lane {
    /// A reply kept while the Bot API failed: its user is waiting.
    Reply = 0,
    /// A notice to one person (a task handed out, a proposal's status, a reminder).
    Personal = 1,
    /// One delivery of a notice to many (a broadcast).
    Bulk = 2,
}

impl Lane {
    fn of(n: i64) -> Lane {
        match n {
            0 => Lane::Reply,
            2 => Lane::Bulk,
            _ => Lane::Personal,
        }
    }
}

/// A row claimed for sending.
#[derive(Debug, Clone)]
pub struct Queued {
    pub id: i64,
    pub chat_id: i64,
    pub attempts: i64,
    /// How many messages of a broadcast delivery are out already.
    pub progress: i64,
    pub lane: Lane,
    /// The claim token: only its holder may finish, release or reschedule the row.
    pub claim: String,
    pub content: Content,
}

#[derive(sqlx::FromRow)]
struct Row {
    id: i64,
    chat_id: i64,
    body: String,
    markup: Option<String>,
    attempts: i64,
    sealed: i64,
    notice: Option<String>,
    lane: i64,
    broadcast: Option<i64>,
    progress: i64,
}

impl Row {
    fn into_queued(self, claim: &str) -> Queued {
        let content = match (self.sealed, self.notice, self.broadcast) {
            (_, _, Some(id)) => Content::Broadcast(id),
            (_, Some(json), None) => match serde_json::from_str(&json) {
                Ok(n) => Content::Notice(n),
                // Not the error's text: serde quotes the value, which may be a name.
                Err(e) => {
                    Content::Unreadable(format!("{:?} at column {}", e.classify(), e.column()))
                }
            },
            (1, None, None) => Content::Kept {
                body: self.body,
                markup: self.markup,
            },
            (_, None, None) => Content::Text {
                body: self.body,
                markup: self.markup,
            },
        };
        Queued {
            id: self.id,
            chat_id: self.chat_id,
            attempts: self.attempts,
            progress: self.progress,
            lane: Lane::of(self.lane),
            claim: claim.to_string(),
            content,
        }
    }
}

/// Queues a personal notice. With a `dedupe_key`, a second notice with the same key is ignored
/// (returns false): "send once a day" survives restarts and several instances.
pub async fn enqueue<'e, E>(
    exec: E,
    chat_id: i64,
    notice: &Notice,
    dedupe_key: Option<&str>,
) -> sqlx::Result<bool>
where
    E: Executor<'e, Database = Any>,
{
    enqueue_in(exec, Lane::Personal, chat_id, notice, dedupe_key).await
}

/// Queues a notice in a lane (see [`enqueue`]).
pub async fn enqueue_in<'e, E>(
    exec: E,
    lane: Lane,
    chat_id: i64,
    notice: &Notice,
    dedupe_key: Option<&str>,
) -> sqlx::Result<bool>
where
    E: Executor<'e, Database = Any>,
{
    let json = serde_json::to_string(notice).map_err(|e| sqlx::Error::Encode(Box::new(e)))?;
    let r = sqlx::query(
        "INSERT INTO outbox (chat_id, body, notice, dedupe_key, created_at, next_try_at, lane)
         VALUES ($1, '', $2, $3, $4, $4, $5) ON CONFLICT (dedupe_key) DO NOTHING",
    )
    .bind(chat_id)
    .bind(json)
    .bind(dedupe_key)
    .bind(now())
    .bind(lane as i64)
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
        "INSERT INTO outbox (chat_id, body, markup, created_at, next_try_at, sealed, lane)
         VALUES ($1, $2, $3, $4, $4, 1, 0)",
    )
    .bind(chat_id)
    .bind(body)
    .bind(markup)
    .bind(t)
    .execute(exec)
    .await?;
    Ok(())
}

/// Claims up to `limit` due rows, lane by lane and oldest first, for `lease_secs`, in one
/// statement. A sender claims about a second's worth at a time, so that a row queued in a
/// higher lane waits at most that long behind a bulk batch.
pub async fn claim_due(db: &Db, limit: i64, lease_secs: i64) -> sqlx::Result<Vec<Queued>> {
    let t = now();
    let claim = hex::encode(rand::random::<[u8; 16]>());
    // PostgreSQL: the rows are picked and locked once in a CTE (an `IN (… LIMIT n)` subquery
    // may be evaluated again and take more than `n`); skipped when another sender holds them.
    let sql = match db.backend {
        Backend::Postgres => {
            "WITH picked AS (
                 SELECT id FROM outbox WHERE sent_at IS NULL AND next_try_at <= $1
                 ORDER BY lane, id LIMIT $4 FOR UPDATE SKIP LOCKED)
             UPDATE outbox o SET next_try_at = $2, claim = $3 FROM picked WHERE o.id = picked.id
             RETURNING o.id, o.chat_id, o.body, o.markup, o.attempts, o.sealed, o.notice, o.lane,
                       o.broadcast, o.progress"
        }
        // SQLite: one writer at a time; the statement is atomic.
        Backend::Sqlite => {
            "UPDATE outbox SET next_try_at = $2, claim = $3
             WHERE id IN (SELECT id FROM outbox WHERE sent_at IS NULL AND next_try_at <= $1
                          ORDER BY lane, id LIMIT $4)
             RETURNING id, chat_id, body, markup, attempts, sealed, notice, lane, broadcast, progress"
        }
    };
    let rows: Vec<Row> = sqlx::query_as(sql)
        .bind(t)
        .bind(t + lease_secs)
        .bind(&claim)
        .bind(limit)
        .fetch_all(&db.pool)
        .await?;
    let mut claimed: Vec<Queued> = rows.into_iter().map(|r| r.into_queued(&claim)).collect();
    claimed.sort_by_key(|q| (q.lane, q.id));
    Ok(claimed)
}

/// Extends the lease of the rows claimed with `claim` that are still unsent: a live sender
/// renews while it works through a batch (or waits out Telegram's pause), so its rows are
/// never taken by another; a sender that died stops renewing, and its rows are taken again
/// when the lease runs out.
pub async fn renew(db: &Db, claim: &str, lease_secs: i64) -> sqlx::Result<u64> {
    let r = sqlx::query("UPDATE outbox SET next_try_at = $2 WHERE claim = $1 AND sent_at IS NULL")
        .bind(claim)
        .bind(now() + lease_secs)
        .execute(&db.pool)
        .await?;
    Ok(r.rows_affected())
}

/// Records that the first `parts` messages of a claimed delivery are out.
pub async fn progress(db: &Db, q: &Queued, parts: i64) -> sqlx::Result<()> {
    sqlx::query("UPDATE outbox SET progress = $3 WHERE id = $1 AND claim = $2")
        .bind(q.id)
        .bind(&q.claim)
        .bind(parts)
        .execute(&db.pool)
        .await?;
    Ok(())
}

/// Gives a claimed row back, to be sent at once by whoever runs next.
pub async fn release(db: &Db, q: &Queued) -> sqlx::Result<()> {
    sqlx::query(
        "UPDATE outbox SET next_try_at = $3, claim = NULL
         WHERE id = $1 AND claim = $2 AND sent_at IS NULL",
    )
    .bind(q.id)
    .bind(&q.claim)
    .bind(now())
    .execute(&db.pool)
    .await?;
    Ok(())
}

/// How a claimed row ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// Sent as the message with this Telegram id (the last, when a long text was split).
    Sent(i64),
    /// The recipient blocked the bot or the chat is gone.
    Unreachable,
    /// Given up after its tries, or unreadable.
    Failed,
    /// A broadcast to someone no longer in its audience: a resident who stopped broadcasts
    /// (or erased their data), a worker whose access ended.
    OptedOut,
    /// A broadcast its author stopped.
    Cancelled,
}

impl Outcome {
    fn code(self) -> &'static str {
        match self {
            Outcome::Sent(_) => "sent",
            Outcome::Unreachable => "unreachable",
            Outcome::Failed => "failed",
            Outcome::OptedOut => "opted_out",
            Outcome::Cancelled => "cancelled",
        }
    }
}

/// Records how a claimed row ended; false when the claim was no longer held (its lease ran out
/// and another sender took it). A kept reply forgets its text once it is out.
pub async fn finish(db: &Db, q: &Queued, outcome: Outcome) -> sqlx::Result<bool> {
    let r = sqlx::query(
        "UPDATE outbox SET sent_at = $3, outcome = $4, claim = NULL, message_id = $5,
             body = CASE WHEN sealed = 1 THEN '' ELSE body END,
             markup = CASE WHEN sealed = 1 THEN NULL ELSE markup END
         WHERE id = $1 AND claim = $2",
    )
    .bind(q.id)
    .bind(&q.claim)
    .bind(now())
    .bind(outcome.code())
    .bind(match outcome {
        Outcome::Sent(id) => Some(id),
        _ => None,
    })
    .execute(&db.pool)
    .await?;
    Ok(r.rows_affected() == 1)
}

/// Schedules another try with a growing delay (at most about 20 minutes apart); gives up after
/// ten tries for a notice, sixty (about 18 hours) for a reply kept while the Bot API failed.
/// Returns true when it gave up: the caller says so at error level.
pub async fn retry_later(db: &Db, q: &Queued) -> sqlx::Result<bool> {
    let tries = if q.lane == Lane::Reply { 60 } else { 10 };
    if q.attempts + 1 >= tries {
        finish(db, q, Outcome::Failed).await?;
        return Ok(true);
    }
    let delay = 5 * 2i64.pow((q.attempts as u32).min(8));
    sqlx::query(
        "UPDATE outbox SET attempts = attempts + 1, next_try_at = $3, claim = NULL
         WHERE id = $1 AND claim = $2",
    )
    .bind(q.id)
    .bind(&q.claim)
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
