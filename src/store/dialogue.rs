//! Each chat's conversation state as sealed JSON (drafts hold names, addresses, phone numbers),
//! so that a flow half-done resumes after a restart and any instance can continue it. The bot
//! reads and writes it through its dialogue storage (`crate::bot::dialogue`).
//!
//! Before an update first changes a chat's dialogue, the state it found is recorded under the
//! update's digest (`dialogue_steps`). When a crash loses done marks, those updates come back:
//! [`Saved::for_update`] then gives each the state it was first judged against, so that it is
//! handled the same way again (and re-sends its answer) instead of being taken as the answer
//! to the next step — however many updates of the chat were replayed.
//!
//! A saved state that no longer parses (after an upgrade changed the state enum) is dropped
//! with a warning and reads as "no dialogue": the user starts from the menu again.

use super::seal::{Place, Seal, is_sealed};
use super::{Db, now};

/// A chat's dialogue as loaded with the caller for one update (see `users::touch_session`):
/// its state, and the state this update found when it changed it before (a replay).
#[derive(Debug, Clone, Default)]
pub struct Saved {
    pub state: Option<String>,
    pub prior: Option<String>,
}

impl Saved {
    /// The state the update is to be handled from, as JSON (`None`: no dialogue), and whether
    /// this update changed the dialogue before (a replay after a crash).
    pub fn for_update(&self, seal: &Seal) -> (Option<String>, bool) {
        match &self.prior {
            Some(prior) => (open(seal, prior), true),
            None => (self.state.as_deref().and_then(|s| open(seal, s)), false),
        }
    }
}

/// Opens a stored state; `None` for "no dialogue" or one that does not open (logged).
fn open(seal: &Seal, stored: &str) -> Option<String> {
    if stored.is_empty() {
        return None;
    }
    if !is_sealed(stored) {
        // Written in plain text by an earlier version; sealed at its next write.
        return Some(stored.to_string());
    }
    match seal.open_string(Place::Dialogue, stored) {
        Ok(s) => Some(s),
        Err(e) => {
            tracing::warn!(error = %e, "a saved dialogue does not open; starting afresh");
            None
        }
    }
}

/// Writes a chat's state as JSON (`None`: no dialogue), sealed, for the update with digest
/// `update`. First, once per update, the state it found is recorded: a crash between the two
/// statements leaves that record, which is all a replay needs.
pub async fn save(
    db: &Db,
    seal: &Seal,
    update: &str,
    chat_id: i64,
    json: Option<&str>,
) -> sqlx::Result<()> {
    let state = json
        .map(|j| seal.seal_str(Place::Dialogue, j))
        .unwrap_or_default();
    let t = now();
    sqlx::query(
        "INSERT INTO dialogue_steps (digest, chat_id, prior_state, at)
         SELECT $1, $2, COALESCE((SELECT state FROM dialogues WHERE chat_id = $2), ''), $3
         WHERE true
         ON CONFLICT (digest) DO NOTHING",
    )
    .bind(update)
    .bind(chat_id)
    .bind(t)
    .execute(&db.pool)
    .await?;
    sqlx::query(
        "INSERT INTO dialogues (chat_id, state, updated_at) VALUES ($1, $2, $3)
         ON CONFLICT (chat_id) DO UPDATE SET state = $2, updated_at = $3",
    )
    .bind(chat_id)
    .bind(state)
    .bind(t)
    .execute(&db.pool)
    .await?;
    Ok(())
}

/// A chat's current state as JSON; `None` for no dialogue or one that does not open (logged).
pub async fn load(db: &Db, seal: &Seal, chat_id: i64) -> sqlx::Result<Option<String>> {
    let row: Option<(String,)> = sqlx::query_as("SELECT state FROM dialogues WHERE chat_id = $1")
        .bind(chat_id)
        .fetch_optional(&db.pool)
        .await?;
    Ok(row.and_then(|(s,)| open(seal, &s)))
}

/// Forgets the recorded steps older than `age_secs` (kept as long as the inbox keeps ids).
pub async fn prune_steps(db: &Db, age_secs: i64) -> sqlx::Result<u64> {
    let r = sqlx::query("DELETE FROM dialogue_steps WHERE at < $1")
        .bind(now() - age_secs)
        .execute(&db.pool)
        .await?;
    Ok(r.rows_affected())
}
