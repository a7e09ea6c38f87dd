//! The running bot: the durable inbox in front of teloxide's dispatcher, the paced outgoing
//! queue and its worker, the background jobs, and graceful shutdown.
//!
//! Why our own update listener: teloxide's polling confirms updates to Telegram (by advancing
//! the getUpdates offset) before their handlers finish, and on shutdown. Here every update is
//! first written to the `inbox` table, only then is the offset advanced, and the update is marked
//! done after its handler returned (see `bot::finish_update`). Updates left pending by a crash
//! are replayed at the next start; an update delivered twice is handled once.

use crate::app::App;
use crate::bot::pace::Pacer;
use crate::bot::{self, Tg, menu};
use crate::config::Settings;
use crate::domain::role::Role;
use crate::i18n::Lang;
use crate::store::{Db, inbox, outbox, users};
use futures::channel::mpsc;
use futures::{SinkExt, StreamExt};
use std::convert::Infallible;
use std::future::Future;
use std::sync::Arc;
use std::time::Duration;
use teloxide::error_handlers::LoggingErrorHandler;
use teloxide::prelude::*;
use teloxide::stop::{StopFlag, mk_stop_token};
use teloxide::types::{AllowedUpdate, BotCommandScope, ReplyMarkup, UpdateKind};
use teloxide::update_listeners::StatefulListener;

/// Writes done marks in batches until every sender is gone, then flushes the rest.
/// Hourly, it also forgets `/cek` look-ups older than `lookup_window` seconds (or two days).
async fn done_writer(
    db: Db,
    mut rx: tokio::sync::mpsc::UnboundedReceiver<i64>,
    lookup_window: i64,
) {
    let mut batch = Vec::with_capacity(256);
    let mut last_prune = std::time::Instant::now();
    while rx.recv_many(&mut batch, 256).await > 0 {
        // Forget handled updates after two days (Telegram redelivers within one), so that ids
        // Telegram reuses after a quiet week are not taken for repeats.
        if last_prune.elapsed() > Duration::from_secs(3600) {
            last_prune = std::time::Instant::now();
            if let Err(e) = inbox::prune(&db, 2 * 86_400).await {
                tracing::warn!(error = %e, "cannot prune the inbox");
            }
            if let Err(e) = crate::store::dialogue::prune_steps(&db, 2 * 86_400).await {
                tracing::warn!(error = %e, "cannot prune the dialogue steps");
            }
            let age = lookup_window.max(2 * 86_400);
            if let Err(e) = crate::store::residents::prune_lookups(&db, age).await {
                tracing::warn!(error = %e, "cannot prune the look-up log");
            }
        }
        // Gather what arrives in the next moment too.
        tokio::time::sleep(Duration::from_millis(5)).await;
        while let Ok(id) = rx.try_recv() {
            batch.push(id);
        }
        loop {
            match inbox::mark_done_many(&db, &batch).await {
                Ok(()) => break,
                Err(e) => {
                    tracing::error!(error = %e, "cannot mark updates done; retrying");
                    tokio::time::sleep(Duration::from_millis(500)).await;
                }
            }
        }
        batch.clear();
    }
}

/// Runs the bot until `shutdown` completes, then stops taking updates, lets handlers in flight
/// finish, and returns.
pub async fn run(
    settings: Settings,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> anyhow::Result<()> {
    let db = Db::connect_and_migrate(&settings.database_url).await?;
    let secret = crate::store::secret::load(&db, &settings.key).await?;
    let app = App::new(db.clone(), secret, settings.clone());
    let (done_tx, done_rx) = tokio::sync::mpsc::unbounded_channel();
    let _ = app.done_marks.set(done_tx);
    let lookup_window = i64::from(settings.cek_window_minutes) * 60;
    let done_task = tokio::spawn(done_writer(db.clone(), done_rx, lookup_window));

    // Long polling holds a request open for `poll_timeout`; the HTTP client must wait longer.
    let client = teloxide::net::default_reqwest_settings()
        .timeout(Duration::from_secs(u64::from(settings.poll_timeout) + 15))
        .build()?;
    let raw =
        Bot::with_client(settings.token.clone(), client).set_api_url(settings.api_url.clone());
    let bot = Tg::new(
        raw.clone(),
        Pacer::new(settings.send_rate, settings.chat_rate),
        app.seal.clone(),
        app.outbox_ready.clone(),
    );

    let me = raw
        .get_me()
        .await
        .map_err(|e| anyhow::anyhow!("the Bot API did not answer getMe: {e}"))?;
    tracing::info!(bot = %me.username(), "connected to the Bot API");
    publish_commands(&bot).await;

    let mut dispatcher = Dispatcher::builder(raw.clone(), bot::schema())
        .dependencies(dptree::deps![app.clone(), bot.clone()])
        .default_handler(|_| async {})
        .error_handler(LoggingErrorHandler::with_custom_text(
            "update handler failed",
        ))
        .build();

    let token = dispatcher.shutdown_token();
    let (outbox_stop_tx, outbox_stop_rx) = tokio::sync::watch::channel(false);
    tokio::spawn(async move {
        shutdown.await;
        tracing::info!("shutting down: finishing the updates in flight");
        loop {
            match token.shutdown() {
                Ok(done) => {
                    done.await;
                    break;
                }
                // The dispatcher has not started yet: try again in a moment.
                Err(_) => tokio::time::sleep(Duration::from_millis(50)).await,
            }
        }
    });
    let reminders_task = tokio::spawn(crate::jobs::reminders::run(
        app.clone(),
        outbox_stop_rx.clone(),
    ));
    let outbox_task = tokio::spawn(outbox_worker(bot.clone(), app.clone(), outbox_stop_rx));

    let listener = inbox_listener(raw, app.clone(), settings.poll_timeout).await?;
    if let Err(e) = dispatcher
        .try_dispatch_with_listener(listener, LoggingErrorHandler::new())
        .await
    {
        tracing::error!(error = %e, "the Bot API did not answer getMe; stopping");
    }
    tracing::debug!("dispatcher finished");

    let _ = outbox_stop_tx.send(true);
    let _ = outbox_task.await;
    let _ = reminders_task.await;
    drop(dispatcher);
    drop(bot);
    // The last handles on `app` are gone with the dispatcher: the done writer flushes and ends.
    drop(app);
    if tokio::time::timeout(Duration::from_secs(10), done_task)
        .await
        .is_err()
    {
        tracing::warn!("some done marks were not written; those updates will be replayed");
    }
    db.pool.close().await;
    tracing::info!("stopped");
    Ok(())
}

/// The command menu in Indonesian (the default for every language) and in English.
async fn publish_commands(bot: &Tg) {
    let default = bot.set_my_commands(menu::commands_for(Role::Warga, Lang::Id));
    let english = bot
        .set_my_commands(menu::commands_for(Role::Warga, Lang::En))
        .scope(BotCommandScope::Default)
        .language_code("en");
    if let Err(e) = default.await {
        tracing::warn!(error = %e, "cannot publish the command menu");
    }
    if let Err(e) = english.await {
        tracing::warn!(error = %e, "cannot publish the English command menu");
    }
}

type Item = Result<Update, Infallible>;

/// Builds the listener the dispatcher reads: pending inbox rows first, then long polling.
async fn inbox_listener(
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

/// Sends queued notices through the paced queue until told to stop.
async fn outbox_worker(bot: Tg, app: Arc<App>, mut stop: tokio::sync::watch::Receiver<bool>) {
    loop {
        if *stop.borrow() {
            break;
        }
        // The lease covers a chat's notices sent one after another, each retried for up to
        // half a minute while the Bot API fails.
        match outbox::claim_due(&app.db, 100, 600).await {
            Ok(batch) if !batch.is_empty() => {
                // In order within a chat, chats side by side.
                let mut chats: Vec<(i64, Vec<outbox::Notice>)> = Vec::new();
                for n in batch {
                    match chats.iter_mut().find(|(c, _)| *c == n.chat_id) {
                        Some((_, list)) => list.push(n),
                        None => chats.push((n.chat_id, vec![n])),
                    }
                }
                let sends = chats.into_iter().map(|(_, list)| {
                    let (bot, app, stop) = (&bot, &app, &stop);
                    async move {
                        for n in list {
                            if *stop.borrow() {
                                // Shutting down: the rest goes out at the next start.
                                if let Err(e) = outbox::release(&app.db, n.id).await {
                                    // Its claim lapses within a minute anyway.
                                    tracing::warn!(notice = n.id, error = %e, "cannot release a notice");
                                }
                                continue;
                            }
                            deliver(bot, app, n).await;
                        }
                    }
                });
                futures::stream::iter(sends)
                    .buffer_unordered(64)
                    .collect::<Vec<_>>()
                    .await;
                continue;
            }
            Ok(_) => {}
            Err(e) => tracing::error!(error = %e, "cannot read the outbox"),
        }
        tokio::select! {
            _ = stop.changed() => {}
            _ = app.outbox_ready.notified() => {}
            _ = tokio::time::sleep(Duration::from_secs(1)) => {}
        }
    }
}

async fn deliver(bot: &Tg, app: &App, notice: outbox::Notice) {
    let chat = ChatId(notice.chat_id);
    if users::is_blocked(&app.db, notice.chat_id)
        .await
        .unwrap_or(false)
    {
        if let Err(e) = outbox::finish(&app.db, notice.id, "unreachable").await {
            tracing::error!(notice = notice.id, error = %e, "cannot record a notice's delivery");
        }
        return;
    }
    let (body, markup) = if notice.sealed == 1 {
        match bot::send::open_kept(bot, &notice.body, notice.markup.as_deref()) {
            Ok(opened) => opened,
            Err(e) => {
                tracing::error!(notice = notice.id, error = %e, "a kept reply does not open; dropping it");
                if let Err(e) = outbox::finish(&app.db, notice.id, "failed").await {
                    tracing::error!(notice = notice.id, error = %e, "cannot record a notice's delivery");
                }
                return;
            }
        }
    } else {
        let markup = match notice.markup.as_deref().map(serde_json::from_str) {
            Some(Ok(m)) => Some(ReplyMarkup::InlineKeyboard(m)),
            Some(Err(e)) => {
                tracing::warn!(notice = notice.id, error = %e, "a notice's buttons do not parse; sending it without them");
                None
            }
            None => None,
        };
        (notice.body.clone(), markup)
    };
    let result = bot::send::now(bot, &app.db, chat, &body, markup).await;
    let outcome = match result {
        Ok(bot::send::Delivery::Sent(_)) => outbox::finish(&app.db, notice.id, "sent").await,
        Ok(bot::send::Delivery::Unreachable) => {
            outbox::finish(&app.db, notice.id, "unreachable").await
        }
        // `send::now` keeps nothing for later; should it ever, this notice is tried again.
        Ok(bot::send::Delivery::Kept) => give_up_loudly(app, &notice).await,
        Err(e) => {
            tracing::warn!(notice = notice.id, error = %e, "notice not delivered; will retry");
            give_up_loudly(app, &notice).await
        }
    };
    if let Err(e) = outcome {
        tracing::error!(notice = notice.id, error = %e, "cannot record a notice's delivery");
    }
}

/// Schedules another try, and says at error level when there will be none.
async fn give_up_loudly(app: &App, notice: &outbox::Notice) -> sqlx::Result<()> {
    if outbox::retry_later(&app.db, notice).await? {
        tracing::error!(
            notice = notice.id,
            tries = notice.attempts + 1,
            "a notice could not be delivered and was given up"
        );
    }
    Ok(())
}

/// Marks an update done outside the handler tree (unparsable ones); a failure only means it
/// is looked at again at the next start.
async fn mark_done_logged(db: &Db, id: i64) {
    if let Err(e) = inbox::mark_done(db, id).await {
        tracing::warn!(update = id, error = %e, "cannot mark an update done");
    }
}
