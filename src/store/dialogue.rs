//! teloxide's dialogue `Storage` over the project's own pool: each chat's conversation state as
//! JSON, so that a flow half-done resumes after a restart and any instance can continue it.
//!
//! A saved state that no longer parses (after an upgrade changed the state enum) is dropped and
//! reads as "no dialogue": the user simply starts from the menu again.

use super::{Db, now};
use futures::future::BoxFuture;
use serde::{Serialize, de::DeserializeOwned};
use std::sync::Arc;
use teloxide::dispatching::dialogue::Storage;
use teloxide::types::ChatId;

pub struct DbStorage {
    db: Db,
}

impl DbStorage {
    pub fn new(db: Db) -> Arc<Self> {
        Arc::new(DbStorage { db })
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
        Box::pin(async move {
            sqlx::query("DELETE FROM dialogues WHERE chat_id = $1")
                .bind(chat_id.0)
                .execute(&self.db.pool)
                .await?;
            Ok(())
        })
    }

    fn update_dialogue(
        self: Arc<Self>,
        chat_id: ChatId,
        dialogue: D,
    ) -> BoxFuture<'static, Result<(), Self::Error>> {
        Box::pin(async move {
            let json =
                serde_json::to_string(&dialogue).map_err(|e| sqlx::Error::Encode(Box::new(e)))?;
            sqlx::query(
                "INSERT INTO dialogues (chat_id, state, updated_at) VALUES ($1, $2, $3)
                 ON CONFLICT (chat_id) DO UPDATE SET state = $2, updated_at = $3",
            )
            .bind(chat_id.0)
            .bind(json)
            .bind(now())
            .execute(&self.db.pool)
            .await?;
            Ok(())
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
            Ok(row.and_then(|(s,)| match serde_json::from_str(&s) {
                Ok(d) => Some(d),
                Err(e) => {
                    tracing::warn!(chat = chat_id.0, error = %e, "dropping a saved dialogue that no longer parses");
                    None
                }
            }))
        })
    }
}
