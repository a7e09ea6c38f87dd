//! Users: everyone who wrote to the bot, their language, role and whether they blocked us.

use super::{Db, now};
use crate::domain::lang::Lang;
use crate::domain::role::Role;
use std::collections::HashMap;

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct UserRow {
    pub tg_id: i64,
    pub chat_id: i64,
    pub language: Option<String>,
    pub role: String,
    pub area: Option<String>,
    pub blocked: i64,
}

/// What the handlers need to know about the caller.
#[derive(Debug, Clone)]
pub struct Caller {
    pub tg_id: i64,
    pub chat_id: i64,
    pub lang: Lang,
    pub role: Role,
    pub area: Option<String>,
}

/// How stale `last_seen` may get before a new message refreshes it: most updates then cost a
/// read, not a write.
const SEEN_GRANULARITY_SECS: i64 = 300;

/// Records that the user wrote (creating them on first contact, with the language Telegram
/// reports) and returns what we know of them. A user who writes is no longer blocked.
pub async fn touch(
    db: &Db,
    tg_id: i64,
    chat_id: i64,
    telegram_lang: Option<&str>,
) -> sqlx::Result<Caller> {
    Ok(touch_session(db, tg_id, chat_id, telegram_lang, "")
        .await?
        .0)
}

/// [`touch`], also returning the chat's saved dialogue (sealed) for the update with digest
/// `update`, read in the same query: one round trip per update for both.
pub async fn touch_session(
    db: &Db,
    tg_id: i64,
    chat_id: i64,
    telegram_lang: Option<&str>,
    update: &str,
) -> sqlx::Result<(Caller, super::dialogue::Saved)> {
    let t = now();
    let initial = Lang::from_telegram(telegram_lang);
    type Row = (
        i64,
        Option<String>,
        String,
        Option<String>,
        i64,
        i64,
        Option<String>,
        Option<String>,
    );
    let existing: Option<Row> = sqlx::query_as(
        "SELECT u.chat_id, u.language, u.role, u.area, u.blocked, u.last_seen,
                d.state, s.prior_state
         FROM users u LEFT JOIN dialogues d ON d.chat_id = $2
         LEFT JOIN dialogue_steps s ON s.digest = $3 AND s.chat_id = $2
         WHERE u.tg_id = $1",
    )
    .bind(tg_id)
    .bind(chat_id)
    .bind(update)
    .fetch_optional(&db.pool)
    .await?;
    let mut state = super::dialogue::Saved::default();
    let (language, role, area) = match existing {
        Some((old_chat, language, role, area, blocked, last_seen, saved, prior)) => {
            state = super::dialogue::Saved {
                state: saved,
                prior,
            };
            if old_chat != chat_id || blocked != 0 || t - last_seen >= SEEN_GRANULARITY_SECS {
                sqlx::query(
                    "UPDATE users SET chat_id = $2, last_seen = $3, blocked = 0 WHERE tg_id = $1",
                )
                .bind(tg_id)
                .bind(chat_id)
                .bind(t)
                .execute(&db.pool)
                .await?;
            }
            (language, role, area)
        }
        None => {
            let row: UserRow = sqlx::query_as(
                "INSERT INTO users (tg_id, chat_id, language, role, first_seen, last_seen)
                 VALUES ($1, $2, $3, $5, $4, $4)
                 ON CONFLICT (tg_id) DO UPDATE SET chat_id = $2, last_seen = $4, blocked = 0
                 RETURNING tg_id, chat_id, language, role, area, blocked",
            )
            .bind(tg_id)
            .bind(chat_id)
            .bind(initial.code())
            .bind(t)
            .bind(Role::Warga.code())
            .fetch_one(&db.pool)
            .await?;
            (row.language, row.role, row.area)
        }
    };
    let caller = Caller {
        tg_id,
        chat_id,
        lang: language.as_deref().map(Lang::from_code).unwrap_or(initial),
        role: Role::parse(&role).unwrap_or_else(|| {
            // Least privilege: a role this version does not know (a newer one's) acts as a
            // resident until an operator looks.
            tracing::warn!(tg = tg_id, role = %role, "unknown role in users; treated as warga");
            Role::Warga
        }),
        area,
    };
    Ok((caller, state))
}

pub async fn get(db: &Db, tg_id: i64) -> sqlx::Result<Option<UserRow>> {
    sqlx::query_as(
        "SELECT tg_id, chat_id, language, role, area, blocked FROM users WHERE tg_id = $1",
    )
    .bind(tg_id)
    .fetch_optional(&db.pool)
    .await
}

pub async fn set_language(db: &Db, tg_id: i64, lang: Lang) -> sqlx::Result<()> {
    sqlx::query("UPDATE users SET language = $2 WHERE tg_id = $1")
        .bind(tg_id)
        .bind(lang.code())
        .execute(&db.pool)
        .await?;
    Ok(())
}

pub async fn set_role(db: &Db, tg_id: i64, role: Role, area: Option<&str>) -> sqlx::Result<()> {
    sqlx::query("UPDATE users SET role = $2, area = $3 WHERE tg_id = $1")
        .bind(tg_id)
        .bind(role.code())
        .bind(area)
        .execute(&db.pool)
        .await?;
    Ok(())
}

/// Records the desa/kelurahan a resident's successful `/cek` or proposal named: broadcasts to
/// that area reach them (unless they opt out), and later flows offer it first.
pub async fn note_home<'e, E>(exec: E, tg_id: i64, area: &str) -> sqlx::Result<()>
where
    E: sqlx::Executor<'e, Database = sqlx::Any>,
{
    sqlx::query(
        "UPDATE users SET home_area = $2
         WHERE tg_id = $1 AND (home_area IS NULL OR home_area <> $2)",
    )
    .bind(tg_id)
    .bind(area)
    .execute(exec)
    .await?;
    Ok(())
}

/// The desa/kelurahan a resident's last successful `/cek` or proposal named.
pub async fn home_area(db: &Db, tg_id: i64) -> sqlx::Result<Option<String>> {
    let row: Option<(Option<String>,)> =
        sqlx::query_as("SELECT home_area FROM users WHERE tg_id = $1")
            .bind(tg_id)
            .fetch_optional(&db.pool)
            .await?;
    Ok(row.and_then(|r| r.0))
}

/// Marks a chat whose user blocked the bot, so that later sends skip it.
pub async fn mark_blocked(db: &Db, chat_id: i64) -> sqlx::Result<()> {
    sqlx::query("UPDATE users SET blocked = 1 WHERE chat_id = $1")
        .bind(chat_id)
        .execute(&db.pool)
        .await?;
    Ok(())
}

/// The user allowed the bot again (Telegram's `my_chat_member`).
pub async fn mark_unblocked(db: &Db, chat_id: i64) -> sqlx::Result<()> {
    sqlx::query("UPDATE users SET blocked = 0 WHERE chat_id = $1")
        .bind(chat_id)
        .execute(&db.pool)
        .await?;
    Ok(())
}

/// Who a queued notice goes to: the language they use now, and whether they blocked the bot.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Recipient {
    pub lang: Lang,
    pub blocked: bool,
}

/// The recipients behind `chats`, in one query; a chat with no user row (erased) is absent.
pub async fn recipients(db: &Db, chats: &[i64]) -> sqlx::Result<HashMap<i64, Recipient>> {
    if chats.is_empty() {
        return Ok(HashMap::new());
    }
    let list: Vec<String> = chats.iter().map(i64::to_string).collect();
    let rows: Vec<(i64, Option<String>, i64)> = sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "SELECT chat_id, language, blocked FROM users WHERE chat_id IN ({})",
        list.join(", ")
    )))
    .fetch_all(&db.pool)
    .await?;
    Ok(rows
        .into_iter()
        .map(|(chat, language, blocked)| {
            let lang = language.as_deref().map(Lang::from_code).unwrap_or_default();
            (
                chat,
                Recipient {
                    lang,
                    blocked: blocked != 0,
                },
            )
        })
        .collect())
}

/// Erases a resident's own data (`/hapusdata`): the user row, their dialogue and `/cek`
/// look-up log; their proposals stay for the field workers but are no longer linked to them.
/// Records an audit line without any personal data.
pub async fn erase(db: &Db, tg_id: i64, chat_id: i64) -> sqlx::Result<()> {
    let mut tx = db.begin_write().await?;
    sqlx::query("DELETE FROM dialogue_steps WHERE chat_id = $1")
        .bind(chat_id)
        .execute(&mut *tx)
        .await?;
    sqlx::query("DELETE FROM dialogues WHERE chat_id = $1")
        .bind(chat_id)
        .execute(&mut *tx)
        .await?;
    sqlx::query("UPDATE proposals SET tg_id = NULL WHERE tg_id = $1")
        .bind(tg_id)
        .execute(&mut *tx)
        .await?;
    // Complaints stay for their handlers, no longer linked to the reporter or named.
    sqlx::query("UPDATE complaints SET reporter = NULL, reporter_name = NULL WHERE reporter = $1")
        .bind(tg_id)
        .execute(&mut *tx)
        .await?;
    // Look-up rows stay until they age out: erasing must not reset the /cek limit (they hold
    // only an id and a time). Only rows older than a day go now.
    sqlx::query("DELETE FROM lookups WHERE tg_id = $1 AND at < $2 - 86400")
        .bind(tg_id)
        .bind(now())
        .execute(&mut *tx)
        .await?;
    sqlx::query("DELETE FROM users WHERE tg_id = $1")
        .bind(tg_id)
        .execute(&mut *tx)
        .await?;
    super::audit::record(&mut *tx, None, "user.erased", None, None).await?;
    tx.commit().await
}
