//! The update listener the dispatcher reads: pending inbox rows first (replayed after a crash),
//! then long polling, each update stored in the inbox before Telegram may forget it.

use super::mark_done_logged;
use crate::app::App;
use crate::bot;
use crate::store::inbox;
use futures::SinkExt;
use futures::channel::mpsc;
use std::convert::Infallible;
use std::sync::Arc;
use std::time::Duration;
use teloxide::prelude::*;
use teloxide::stop::{StopFlag, mk_stop_token};
use teloxide::types::{AllowedUpdate, UpdateKind};
use teloxide::update_listeners::StatefulListener;

type Item = Result<Update, Infallible>;

/// Builds the listener the dispatcher reads: pending inbox rows first, then long polling.
pub(super) async fn inbox_listener(
    bot: Bot,
    app: Arc<App>,
    poll_timeout: u32,
) -> anyhow::Result<impl teloxide::update_listeners::UpdateListener<Err = Infallible>> {
    let db = &app.db;
    let (stop_token, stop_flag) = mk_stop_token();
    let (tx, rx) = mpsc::channel::<Item>(64);
    let (pending, unreadable) = inbox::pending(db, &app.seal).await?;
    for u in unreadable {
        tracing::error!(
            update = u.update_id,
            why = u.why,
            "a stored update cannot be read; setting it aside"
        );
        mark_done_logged(db, u.update_id).await;
    }
    if let Err(e) = inbox::prune(db, 2 * 86_400).await {
        tracing::warn!(error = %e, "cannot prune the inbox");
    }
    if !pending.is_empty() {
        tracing::info!(
            count = pending.len(),
            "replaying updates that were not handled before the last stop"
        );
    }
    tokio::spawn(poll(bot, app, poll_timeout, pending, tx, stop_flag));
    Ok(StatefulListener::new(
        (rx, stop_token),
        listener_stream,
        listener_stop,
    ))
}

type ListenerState = (mpsc::Receiver<Item>, teloxide::stop::StopToken);

fn listener_stream(st: &mut ListenerState) -> &mut mpsc::Receiver<Item> {
    &mut st.0
}

fn listener_stop(st: &mut ListenerState) -> teloxide::stop::StopToken {
    st.1.clone()
}

async fn poll(
    bot: Bot,
    app: Arc<App>,
    poll_timeout: u32,
    pending: Vec<inbox::Received>,
    mut tx: mpsc::Sender<Item>,
    stop: StopFlag,
) {
    tokio::pin!(stop);
    let db = &app.db;
    for inbox::Received {
        update_id: id,
        digest,
        json,
    } in pending
    {
        match serde_json::from_str::<Update>(&json) {
            Ok(u) => {
                app.remember_digest(id, &digest);
                if tx.send(Ok(u)).await.is_err() {
                    return;
                }
            }
            Err(e) => {
                tracing::warn!(update = id, error = %e, "a stored update no longer parses; skipping it");
                mark_done_logged(db, id).await;
            }
        }
    }
    // Start from whatever Telegram has not had confirmed (offset 0); repeats of stored
    // updates are recognised by the inbox. Update ids are not always increasing: after a
    // week without updates Telegram may start from a random id, so the offset follows the
    // ids of each batch rather than the highest ever seen.
    let mut offset: i64 = 0;
    let mut failures = 0u32;
    loop {
        let request = bot
            .get_updates()
            .offset(offset as i32)
            .timeout(poll_timeout)
            .limit(100)
            .allowed_updates([
                AllowedUpdate::Message,
                AllowedUpdate::CallbackQuery,
                AllowedUpdate::MyChatMember,
            ]);
        let updates = tokio::select! {
            _ = &mut stop => break,
            r = request.send() => r,
        };
        let updates = match updates {
            Ok(u) => {
                failures = 0;
                u
            }
            Err(e) => {
                failures += 1;
                tracing::warn!(error = %bot::send::describe(&e), failures, "getUpdates failed; retrying");
                tokio::select! {
                    _ = &mut stop => break,
                    _ = tokio::time::sleep(Duration::from_millis(500 * u64::from(failures.min(10)))) => {}
                }
                continue;
            }
        };
        if updates.is_empty() {
            continue;
        }
        let batch: Vec<inbox::Received> = updates
            .iter()
            .map(|u| {
                let json = serde_json::to_string(u).unwrap_or_else(|_| "{}".into());
                inbox::Received {
                    update_id: u.id.0 as i64,
                    digest: app.update_digest(&json),
                    json,
                }
            })
            .collect();
        // Store before the offset moves past them: only then may Telegram forget them.
        let fresh = loop {
            match inbox::insert_batch(db, &app.seal, &batch).await {
                Ok(fresh) => break fresh,
                Err(e) => {
                    tracing::error!(error = %e, "cannot store updates; retrying");
                    tokio::select! {
                        _ = &mut stop => return,
                        _ = tokio::time::sleep(Duration::from_secs(1)) => {}
                    }
                }
            }
        };
        for ((update, fresh), stored) in updates.into_iter().zip(fresh).zip(&batch) {
            let id = update.id.0 as i64;
            offset = id + 1;
            if !fresh {
                tracing::warn!(update = id, "the same update was delivered again; ignored");
                continue;
            }
            if let UpdateKind::Error(_) = update.kind {
                tracing::warn!(
                    update = id,
                    "an update of a kind this bot cannot read; skipped"
                );
                mark_done_logged(db, id).await;
                continue;
            }
            app.remember_digest(id, &stored.digest);
            if tx.send(Ok(update)).await.is_err() {
                return;
            }
        }
    }
    // Confirm what was stored, so that Telegram does not send it again after a restart.
    tracing::debug!("polling stopped; confirming the last stored update");
    let confirm = bot
        .get_updates()
        .offset(offset as i32)
        .timeout(0)
        .limit(1)
        .send();
    let _ = tokio::time::timeout(Duration::from_secs(5), confirm).await;
    tracing::debug!("poller finished");
}
