//! The outgoing budget in the database (`send_pace`), so that `KESOS_SEND_RATE` overall and
//! `KESOS_CHAT_RATE` per chat hold for every process on one PostgreSQL together. Each send
//! reserves its slot in one round trip: the rows of the chat and of the overall schedule are
//! locked (always in that order), the slot is the latest of what they and the freeze allow,
//! and both schedules move past it. Times are microseconds since the Unix epoch (the machines'
//! clocks are assumed in step, as NTP keeps them).

use super::{Backend, Db};

/// The pace of one budget: the gap between messages overall and into one chat, and how far the
/// overall schedule may run ahead of now (a burst of up to a second's worth goes out at once).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Budget {
    pub global_us: i64,
    pub chat_us: i64,
    pub burst_us: i64,
}

impl Budget {
    pub fn per_second(overall: u32, chat: u32) -> Budget {
        let global_us = 1_000_000 / i64::from(overall.max(1));
        Budget {
            global_us,
            chat_us: 1_000_000 / i64::from(chat.max(1)),
            burst_us: (1_000_000 - global_us).max(0),
        }
    }
}

/// The answer to a reservation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Slot {
    /// Reserved: send at this time.
    At(i64),
    /// Not reserved (a bulk delivery while the overall schedule runs ahead): ask again at
    /// this time.
    Busy(i64),
    /// Not reserved because this chat's own pace is not ready until this time (other chats
    /// may go meanwhile).
    ChatBusy(i64),
}

/// Reserves the next slot for a message into `chat` at `now_us`. With `ahead_us` (bulk
/// deliveries) nothing is reserved when the slot would lie further than that ahead of now:
/// a broadcast never stacks reservations in front of replies. On PostgreSQL one call of the
/// function of migration 0008; on SQLite the same steps in one write transaction.
pub async fn reserve(
    db: &Db,
    budget: Budget,
    chat: i64,
    now_us: i64,
    ahead_us: Option<i64>,
) -> sqlx::Result<Slot> {
    let chat_key = format!("chat:{chat}");
    let ahead = ahead_us.unwrap_or(i64::MAX / 4);
    let burst = if ahead_us.is_some() {
        0
    } else {
        budget.burst_us
    };
    if db.backend == Backend::Postgres {
        let (slot, busy): (i64, i64) =
            sqlx::query_as("SELECT slot, busy FROM kesos_reserve_send($1, $2, $3, $4, $5, $6)")
                .bind(&chat_key)
                .bind(now_us)
                .bind(budget.global_us)
                .bind(budget.chat_us)
                .bind(burst)
                .bind(ahead)
                .fetch_one(&db.pool)
                .await?;
        return Ok(match busy {
            0 => Slot::At(slot),
            1 => Slot::Busy(slot),
            _ => Slot::ChatBusy(slot),
        });
    }
    // BEGIN IMMEDIATE holds the only write lock.
    let mut tx = db.begin_write().await?;
    sqlx::query(
        "INSERT INTO send_pace (key, next_at) VALUES ($1, 0), ('frozen', 0), ('global', 0)
         ON CONFLICT (key) DO NOTHING",
    )
    .bind(&chat_key)
    .execute(&mut *tx)
    .await?;
    let rows: Vec<(String, i64)> =
        sqlx::query_as("SELECT key, next_at FROM send_pace WHERE key IN ($1, 'frozen', 'global')")
            .bind(&chat_key)
            .fetch_all(&mut *tx)
            .await?;
    let at = |k: &str| rows.iter().find(|r| r.0 == k).map_or(0, |r| r.1);
    let overall = now_us.max(at("global") - burst).max(at("frozen"));
    let slot = overall.max(at(&chat_key));
    let limit = now_us.saturating_add(ahead);
    if overall > limit || slot > limit {
        tx.commit().await?;
        return Ok(if overall > limit {
            Slot::Busy(slot)
        } else {
            Slot::ChatBusy(slot)
        });
    }
    let next_global = at("global").max(slot) + budget.global_us;
    sqlx::query(
        "UPDATE send_pace SET next_at = CASE WHEN key = 'global' THEN $2 ELSE $3 END
         WHERE key IN ('global', $1)",
    )
    .bind(&chat_key)
    .bind(next_global)
    .bind(slot + budget.chat_us)
    .execute(&mut *tx)
    .await?;
    tx.commit().await?;
    Ok(Slot::At(slot))
}

/// Telegram asked to slow down: no process sends before `until_us`.
pub async fn freeze(db: &Db, until_us: i64) -> sqlx::Result<()> {
    sqlx::query(
        "INSERT INTO send_pace (key, next_at) VALUES ('frozen', $1)
         ON CONFLICT (key) DO UPDATE SET next_at = CASE
             WHEN send_pace.next_at > $1 THEN send_pace.next_at ELSE $1 END",
    )
    .bind(until_us)
    .execute(&db.pool)
    .await?;
    Ok(())
}

/// Forgets the schedules of chats that have been quiet since `before_us`.
pub async fn prune(db: &Db, before_us: i64) -> sqlx::Result<u64> {
    let r = sqlx::query("DELETE FROM send_pace WHERE key LIKE 'chat:%' AND next_at < $1")
        .bind(before_us)
        .execute(&db.pool)
        .await?;
    Ok(r.rows_affected())
}

/// Now, in microseconds since the Unix epoch.
pub fn now_us() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_micros() as i64)
        .unwrap_or(0)
}
