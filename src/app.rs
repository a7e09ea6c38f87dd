//! What every handler and background job can reach: the database, the installation's key, the
//! settings, and the hand-offs between the poller and the handlers (see `crate::runtime`).

use crate::config::Settings;
use crate::store::seal::Seal;
use crate::store::{Db, inbox};
use std::sync::Arc;
use teloxide::types::Update;
use tokio::sync::Notify;

/// What every handler can reach: the database, the secret key and the settings.
pub struct App {
    pub db: Db,
    /// Key of the keyed hashes (NIK, invite codes).
    pub secret: Vec<u8>,
    /// Encryption at rest of what users typed, keyed from `secret`.
    pub seal: Seal,
    pub settings: Settings,
    /// Wakes the outbox worker when a handler queued a notice.
    pub outbox_ready: Arc<Notify>,
    /// Handled update ids on their way to the inbox (written in small batches).
    pub(crate) done_marks: std::sync::OnceLock<tokio::sync::mpsc::UnboundedSender<i64>>,
    /// The digest each update was stored with, from the poller to its handler: a replayed
    /// update is known by the digest in its inbox row, not by one computed again.
    digests: std::sync::Mutex<std::collections::HashMap<i64, String>>,
}

impl App {
    pub fn new(db: Db, secret: Vec<u8>, settings: Settings) -> Arc<App> {
        Arc::new(App {
            db,
            seal: Seal::from_secret(&secret),
            secret,
            settings,
            outbox_ready: Arc::new(Notify::new()),
            done_marks: std::sync::OnceLock::new(),
            digests: Default::default(),
        })
    }

    /// The digest that tells this update from another with the same id (see
    /// [`inbox::digest`]): computed from its source and its JSON.
    pub fn update_digest(&self, json: &str) -> String {
        inbox::digest(&self.secret, self.settings.api_url.as_str(), json)
    }

    /// The digest an update was stored with (computed from it when it was not stored by this
    /// process's poller, e.g. in tests that feed the tree directly).
    pub fn digest_of(&self, update: &Update) -> String {
        let stored = self
            .digests
            .lock()
            .expect("the digest map is never poisoned")
            .get(&(update.id.0 as i64))
            .cloned();
        stored.unwrap_or_else(|| {
            self.update_digest(&serde_json::to_string(update).unwrap_or_default())
        })
    }

    pub(crate) fn remember_digest(&self, update_id: i64, digest: &str) {
        self.digests
            .lock()
            .expect("the digest map is never poisoned")
            .insert(update_id, digest.to_string());
    }

    /// Records that an update was handled. While the bot runs, marks are written in batches
    /// every few milliseconds (one commit for many updates); a crash in that window replays
    /// those updates at the next start rather than losing them.
    pub async fn mark_done(&self, update_id: i64) {
        self.digests
            .lock()
            .expect("the digest map is never poisoned")
            .remove(&update_id);
        if let Some(tx) = self.done_marks.get()
            && tx.send(update_id).is_ok()
        {
            return;
        }
        if let Err(e) = inbox::mark_done(&self.db, update_id).await {
            tracing::error!(update = update_id, error = %e, "cannot mark update done");
        }
    }
}
