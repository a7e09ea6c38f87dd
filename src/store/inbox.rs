//! The durable inbox of Telegram updates. An update is written here before the poller confirms
//! it to Telegram, and marked done after its handler returned, so that a crash loses nothing
//! (pending rows are replayed at start) and a second delivery of the same update is ignored.
//!
//! A repeat is the same update id *and* the same [`digest`] (a keyed hash of the Bot API it
//! came from and of its content): Telegram's ids start again after a move to another Bot API
//! server or a week of silence, and a new message must not be taken for an old one. Payloads
//! are stored sealed (see [`super::seal`]): they hold what users typed.

use super::seal::{Place, Seal, is_sealed};
use super::{Db, now};
use hmac::{Hmac, Mac};
use sha2::Sha256;

/// One update as received: its id, its digest, and its JSON.
#[derive(Debug, Clone)]
pub struct Received {
    pub update_id: i64,
    pub digest: String,
    pub json: String,
}

/// A keyed digest of an update's source and content (32 hex digits): what tells a repeat from
/// a new update that reuses an id. Keyed, so that it says nothing about what was typed.
pub fn digest(secret: &[u8], source: &str, json: &str) -> String {
    let mut mac = Hmac::<Sha256>::new_from_slice(secret).expect("HMAC takes any key length");
    mac.update(b"kesos-bot update digest v1\0");
    mac.update(source.as_bytes());
    mac.update(b"\0");
    mac.update(json.as_bytes());
    hex::encode(&mac.finalize().into_bytes()[..16])
}

/// Stores a batch of updates in one statement (one round trip and one commit per getUpdates
/// answer); returns, for each, whether it was new (false: the same update again).
pub async fn insert_batch(db: &Db, seal: &Seal, updates: &[Received]) -> sqlx::Result<Vec<bool>> {
    if updates.is_empty() {
        return Ok(vec![]);
    }
    let t = now();
    let values: Vec<String> = (0..updates.len())
        .map(|i| {
            let b = 4 * i;
            format!("(${}, ${}, ${}, ${})", b + 1, b + 2, b + 3, b + 4)
        })
        .collect();
    // Only placeholders are formatted into the text; the values are bound.
    let sql = format!(
        "INSERT INTO inbox (update_id, digest, payload, received_at) VALUES {}
         ON CONFLICT (update_id, digest) DO NOTHING RETURNING update_id, digest",
        values.join(", ")
    );
    let mut q = sqlx::query_as::<_, (i64, String)>(sqlx::AssertSqlSafe(sql));
    for u in updates {
        q = q
            .bind(u.update_id)
            .bind(u.digest.as_str())
            .bind(seal.seal_str(Place::Inbox, &u.json))
            .bind(t);
    }
    let inserted: std::collections::HashSet<(i64, String)> =
        q.fetch_all(&db.pool).await?.into_iter().collect();
    Ok(updates
        .iter()
        .map(|u| inserted.contains(&(u.update_id, u.digest.clone())))
        .collect())
}

/// Marks several updates done in one statement. Only pending rows are touched: a handled row
/// of an earlier update with the same id stays as it was.
pub async fn mark_done_many(db: &Db, ids: &[i64]) -> sqlx::Result<()> {
    if ids.is_empty() {
        return Ok(());
    }
    let list = ids
        .iter()
        .map(|i| i.to_string())
        .collect::<Vec<_>>()
        .join(",");
    // Integers we formatted ourselves, sent unprepared: the text differs on every call. The
    // payload goes once handled (it is sealed, but what is not kept cannot leak).
    let sql = format!(
        "UPDATE inbox SET done_at = {}, payload = '' WHERE update_id IN ({list}) AND done_at IS NULL",
        now()
    );
    sqlx::raw_sql(sqlx::AssertSqlSafe(sql))
        .execute(&db.pool)
        .await?;
    Ok(())
}

pub async fn mark_done(db: &Db, update_id: i64) -> sqlx::Result<()> {
    sqlx::query(
        "UPDATE inbox SET done_at = $2, payload = '' WHERE update_id = $1 AND done_at IS NULL",
    )
    .bind(update_id)
    .bind(now())
    .execute(&db.pool)
    .await?;
    Ok(())
}

/// A pending update whose payload could not be opened: what to tell the operator.
#[derive(Debug)]
pub struct Unreadable {
    pub update_id: i64,
    pub why: &'static str,
}

/// Updates received but not handled, oldest first, opened; those that do not open (another
/// key, damage) are listed apart so that the caller can say so and set them aside.
pub async fn pending(db: &Db, seal: &Seal) -> sqlx::Result<(Vec<Received>, Vec<Unreadable>)> {
    let rows: Vec<(i64, String, String)> = sqlx::query_as(
        "SELECT update_id, digest, payload FROM inbox WHERE done_at IS NULL
         ORDER BY received_at, update_id",
    )
    .fetch_all(&db.pool)
    .await?;
    let mut ok = Vec::with_capacity(rows.len());
    let mut bad = vec![];
    for (update_id, digest, payload) in rows {
        if !is_sealed(&payload) {
            // Written by a version that stored payloads in plain text.
            ok.push(Received {
                update_id,
                digest,
                json: payload,
            });
            continue;
        }
        match seal.open_string(Place::Inbox, &payload) {
            Ok(json) => ok.push(Received {
                update_id,
                digest,
                json,
            }),
            Err(_) => bad.push(Unreadable {
                update_id,
                why: "does not open with this key",
            }),
        }
    }
    Ok((ok, bad))
}

/// Forgets handled updates older than `age_secs`; Telegram keeps an unconfirmed update for 24
/// hours, so two days of ids are enough to recognise repeats.
pub async fn prune(db: &Db, age_secs: i64) -> sqlx::Result<u64> {
    let r = sqlx::query("DELETE FROM inbox WHERE done_at IS NOT NULL AND done_at < $1")
        .bind(now() - age_secs)
        .execute(&db.pool)
        .await?;
    Ok(r.rows_affected())
}

pub async fn count_pending(db: &Db) -> sqlx::Result<i64> {
    let (n,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM inbox WHERE done_at IS NULL")
        .fetch_one(&db.pool)
        .await?;
    Ok(n)
}
