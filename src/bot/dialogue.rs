//! teloxide's dialogue `Storage` over `store::dialogue`: one storage per update, so that every
//! write is recorded under that update's digest (a replay after a crash finds the state it was
//! first judged against).

use crate::store::Db;
use crate::store::dialogue;
use crate::store::seal::Seal;
use futures::future::BoxFuture;
use serde::{Serialize, de::DeserializeOwned};
use std::sync::Arc;
use teloxide::dispatching::dialogue::Storage;
use teloxide::types::ChatId;

/// The storage one update's handlers write through: it knows which update it writes for.
pub struct DbStorage {
    db: Db,
    seal: Seal,
    /// Digest of the update being handled (see `store::inbox::digest`).
    update: String,
}

impl DbStorage {
    pub fn new(db: Db, seal: Seal, update: String) -> Arc<Self> {
        Arc::new(DbStorage { db, seal, update })
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
            dialogue::save(&self.db, &self.seal, &self.update, chat_id.0, None).await
        })
    }

    fn update_dialogue(
        self: Arc<Self>,
        chat_id: ChatId,
        state: D,
    ) -> BoxFuture<'static, Result<(), Self::Error>> {
        Box::pin(async move {
            let json =
                serde_json::to_string(&state).map_err(|e| sqlx::Error::Encode(Box::new(e)))?;
            dialogue::save(&self.db, &self.seal, &self.update, chat_id.0, Some(&json)).await
        })
    }

    fn get_dialogue(
        self: Arc<Self>,
        chat_id: ChatId,
    ) -> BoxFuture<'static, Result<Option<D>, Self::Error>> {
        Box::pin(async move {
            let json = dialogue::load(&self.db, &self.seal, chat_id.0).await?;
            Ok(json.and_then(|s| match serde_json::from_str(&s) {
                Ok(d) => Some(d),
                Err(e) => {
                    tracing::warn!(chat = chat_id.0, error = %e, "dropping a saved dialogue that no longer parses");
                    None
                }
            }))
        })
    }
}
