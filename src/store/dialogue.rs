//! teloxide's dialogue `Storage` over the project's own pool: each chat's conversation state as
//! sealed JSON (drafts hold names, addresses, phone numbers), so that a flow half-done resumes
//! after a restart and any instance can continue it.
//!
//! Each write records which update made it (`applied`, the update's digest) and the state that
//! update found (`prior_state`). When a crash loses an update's done mark, the update comes
//! back: [`Saved::for_update`] then gives the state it was first judged against, so that it is
//! handled the same way again (and re-sends its answer) instead of being taken as the answer
//! to the next step.
//!
//! A saved state that no longer parses (after an upgrade changed the state enum) is dropped
//! with a warning and reads as "no dialogue": the user starts from the menu again.

use super::seal::{Place, Seal, is_sealed};
use super::{Db, now};
use futures::future::BoxFuture;
use serde::{Serialize, de::DeserializeOwned};
use std::sync::Arc;
use teloxide::dispatching::dialogue::Storage;
use teloxide::types::ChatId;

/// The storage one update's handlers write through: it knows which update it writes for.
pub struct DbStorage {
    db: Db,
    seal: Seal,
    /// Digest of the update being handled (see `inbox::digest`).
    update: String,
}

impl DbStorage {
    pub fn new(db: Db, seal: Seal, update: String) -> Arc<Self> {
        Arc::new(DbStorage { db, seal, update })
    }
}

/// A chat's dialogue row as loaded with the caller (see `users::touch_session`).
#[derive(Debug, Clone, Default)]
pub struct Saved {
    pub state: String,
    pub applied: Option<String>,
    pub prior: Option<String>,
}

impl Saved {
    /// The state an update is to be handled from, as JSON (`None`: no dialogue), and whether
    /// this update was applied before (a replay after a crash).
    pub fn for_update(&self, seal: &Seal, update: &str) -> (Option<String>, bool) {
        let replay = self.applied.as_deref() == Some(update);
        let stored = if replay {
            self.prior.as_deref().unwrap_or("")
        } else {
            &self.state
        };
        (open(seal, stored), replay)
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

impl DbStorage {
    /// Writes the state (empty: no dialogue) for this update, keeping the state the update
    /// found when it writes more than once.
    async fn write(&self, chat_id: ChatId, state: String) -> sqlx::Result<()> {
        sqlx::query(
            "INSERT INTO dialogues (chat_id, state, updated_at, applied, prior_state)
             VALUES ($1, $2, $3, $4, '')
             ON CONFLICT (chat_id) DO UPDATE SET
                 prior_state = CASE WHEN dialogues.applied = $4 THEN dialogues.prior_state
                                    ELSE dialogues.state END,
                 state = $2, updated_at = $3, applied = $4",
        )
        .bind(chat_id.0)
        .bind(state)
        .bind(now())
        .bind(self.update.as_str())
        .execute(&self.db.pool)
        .await?;
        Ok(())
    }
}

impl<D> Storage<D> for DbStorage
where
    D: Serialize + DeserializeOwned + Send + 'static,
{
    type Error = sqlx::Error;

    fn remove_dialogue(
        self: Arc<Self>,
        chat_id: ChatId,
    ) -> BoxFuture<'static, Result<(), Self::Error>> {
        Box::pin(async move { self.write(chat_id, String::new()).await })
    }

    fn update_dialogue(
        self: Arc<Self>,
        chat_id: ChatId,
        dialogue: D,
    ) -> BoxFuture<'static, Result<(), Self::Error>> {
        Box::pin(async move {
            let json =
                serde_json::to_string(&dialogue).map_err(|e| sqlx::Error::Encode(Box::new(e)))?;
            let sealed = self.seal.seal_str(Place::Dialogue, &json);
            self.write(chat_id, sealed).await
        })
    }

    fn get_dialogue(
        self: Arc<Self>,
        chat_id: ChatId,
    ) -> BoxFuture<'static, Result<Option<D>, Self::Error>> {
        Box::pin(async move {
            let row: Option<(String,)> =
                sqlx::query_as("SELECT state FROM dialogues WHERE chat_id = $1")
                    .bind(chat_id.0)
                    .fetch_optional(&self.db.pool)
                    .await?;
            Ok(row
                .and_then(|(s,)| open(&self.seal, &s))
                .and_then(|s| match serde_json::from_str(&s) {
                    Ok(d) => Some(d),
                    Err(e) => {
                        tracing::warn!(chat = chat_id.0, error = %e, "dropping a saved dialogue that no longer parses");
                        None
                    }
                }))
        })
    }
}
