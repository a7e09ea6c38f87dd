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
use crate::store::{Db, inbox};
use std::future::Future;
use std::time::Duration;
use teloxide::error_handlers::LoggingErrorHandler;
use teloxide::prelude::*;
use teloxide::types::BotCommandScope;

mod listener;
mod sender;

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
            let quiet = crate::store::pace::now_us() - 3_600_000_000;
            if let Err(e) = crate::store::pace::prune(&db, quiet).await {
                tracing::warn!(error = %e, "cannot prune the send schedules");
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
        pacer(&db, &settings),
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
    let outbox_task = tokio::spawn(sender::run(bot.clone(), app.clone(), outbox_stop_rx));

    let listener = listener::inbox_listener(raw, app.clone(), settings.poll_timeout).await?;
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

/// The outgoing pace: shared through the database on PostgreSQL (several instances may use
/// one), kept in this process on SQLite.
fn pacer(db: &Db, settings: &Settings) -> Pacer {
    let local = Pacer::new(settings.send_rate, settings.chat_rate);
    match db.backend {
        crate::store::Backend::Postgres => {
            local.shared(db.clone(), settings.send_rate, settings.chat_rate)
        }
        crate::store::Backend::Sqlite => local,
    }
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

/// Marks an update done outside the handler tree (unparsable ones); a failure only means it
/// is looked at again at the next start.
pub(crate) async fn mark_done_logged(db: &Db, id: i64) {
    if let Err(e) = inbox::mark_done(db, id).await {
        tracing::warn!(update = id, error = %e, "cannot mark an update done");
    }
}
