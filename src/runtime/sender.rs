//! The outbox worker: claims due rows, puts notices into words in each recipient's language,
//! sends them through the paced queue (in order within a chat, chats side by side), and records
//! how each ended.
//!
//! Broadcast deliveries (`Content::Broadcast`) go at bulk priority: the broadcasts of a batch
//! are read and opened once; a file given on the command line is uploaded with the first
//! delivery and its Telegram file id serves the rest.

use crate::app::App;
use crate::bot::broadcast::{self as bulletin, Opened};
use crate::bot::send::{self, Delivery};
use crate::bot::{Tg, notice};
use crate::store::broadcasts;
use crate::store::outbox::{self, Content, Outcome, Queued};
use crate::store::users::{self, Recipient};
use futures::StreamExt;
use std::collections::HashMap;
use std::sync::Arc;
use std::time::Duration;
use teloxide::types::{ChatId, InlineKeyboardMarkup, ReplyMarkup};
use tokio::sync::watch;

/// How long a claim holds without renewal: when a sender dies (killed, or its machine gone),
/// its unsent rows go to another sender, or to itself restarted, after at most this long.
const LEASE_SECS: i64 = 15;
/// How often a live sender renews the lease of the batch it works on.
const RENEW_EVERY: Duration = Duration::from_secs(5);

/// Sends queued notices until told to stop.
pub(super) async fn run(bot: Tg, app: Arc<App>, mut stop: watch::Receiver<bool>) {
    loop {
        if *stop.borrow() {
            break;
        }
        // About a second's worth at a time, so that a personal notice queued now waits at
        // most that long behind bulk deliveries. The lease is renewed while the batch is
        // being sent (see `send_batch`).
        let batch = i64::from(app.settings.send_rate).clamp(1, 100);
        match outbox::claim_due(&app.db, batch, LEASE_SECS).await {
            Ok(batch) if !batch.is_empty() => {
                if send_batch(&bot, &app, &stop, batch).await {
                    continue;
                }
                // The batch went back unsent (the database failed): wait before the next try.
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

/// Sends a claimed batch, renewing its lease until it is done; false when it could not
/// start and the rows were given back.
async fn send_batch(bot: &Tg, app: &App, stop: &watch::Receiver<bool>, batch: Vec<Queued>) -> bool {
    let claim = batch.first().map(|q| q.claim.clone()).unwrap_or_default();
    let work = send_claimed(bot, app, stop, batch);
    tokio::pin!(work);
    let mut renew =
        tokio::time::interval_at(tokio::time::Instant::now() + RENEW_EVERY, RENEW_EVERY);
    loop {
        tokio::select! {
            started = &mut work => return started,
            _ = renew.tick() => {
                if let Err(e) = outbox::renew(&app.db, &claim, LEASE_SECS).await {
                    tracing::warn!(error = %e, "cannot renew the lease of the notices being sent");
                }
            }
        }
    }
}

async fn send_claimed(
    bot: &Tg,
    app: &App,
    stop: &watch::Receiver<bool>,
    mut batch: Vec<Queued>,
) -> bool {
    let ids: Vec<i64> = batch.iter().map(|q| q.chat_id).collect();
    let loaded = match users::recipients(&app.db, &ids).await {
        Ok(r) => bulletin::open_for(app, &batch).await.map(|b| (r, b)),
        Err(e) => Err(e.into()),
    };
    let (recipients, mut bulletins) = match loaded {
        Ok(l) => l,
        Err(e) => {
            tracing::error!(error = %e, "cannot read the notices' recipients; trying later");
            for q in &batch {
                release(app, q).await;
            }
            return false;
        }
    };
    // A file from the command line goes up with one delivery at a time until one gives its
    // Telegram file id; the rest then send that id side by side.
    for id in bulletins.needing_upload() {
        while let Some(i) = batch
            .iter()
            .position(|q| q.content == Content::Broadcast(id))
        {
            let q = batch.remove(i);
            if *stop.borrow() {
                release(app, &q).await;
                continue;
            }
            if let Some(file_id) = deliver(bot, app, &recipients, &bulletins, q).await {
                bulletins.uploaded(id, file_id);
                break;
            }
        }
    }
    let bulletins = &bulletins;
    // In order within a chat, chats side by side.
    let mut chats: Vec<(i64, Vec<Queued>)> = Vec::new();
    for q in batch {
        match chats.iter_mut().find(|(c, _)| *c == q.chat_id) {
            Some((_, list)) => list.push(q),
            None => chats.push((q.chat_id, vec![q])),
        }
    }
    let recipients = &recipients;
    let sends = chats.into_iter().map(|(_, list)| async move {
        for q in list {
            if *stop.borrow() {
                // Shutting down: the rest goes out at the next start.
                release(app, &q).await;
                continue;
            }
            deliver(bot, app, recipients, bulletins, q).await;
        }
    });
    futures::stream::iter(sends)
        .buffer_unordered(64)
        .collect::<Vec<_>>()
        .await;
    true
}

async fn release(app: &App, q: &Queued) {
    if let Err(e) = outbox::release(&app.db, q).await {
        // Its claim lapses with the lease anyway.
        tracing::warn!(notice = q.id, error = %e, "cannot release a notice");
    }
}

/// What a row sends: its text, buttons, and a photo (by file id) it shows.
type Message = (String, Option<ReplyMarkup>, Option<String>);

/// What to send for a row, or why it cannot be sent.
fn message(bot: &Tg, app: &App, q: &Queued, to: &Recipient) -> Result<Message, String> {
    match &q.content {
        Content::Notice(n) => {
            let r = notice::render(to.lang, n, &app.seal);
            Ok((r.text, r.keyboard.map(ReplyMarkup::InlineKeyboard), r.photo))
        }
        Content::Kept { body, markup } => send::open_kept(bot, body, markup.as_deref())
            .map(|(text, markup)| (text, markup, None))
            .map_err(|e| e.to_string()),
        Content::Text { body, markup } => {
            let markup = match markup
                .as_deref()
                .map(serde_json::from_str::<InlineKeyboardMarkup>)
            {
                Some(Ok(m)) => Some(ReplyMarkup::InlineKeyboard(m)),
                Some(Err(e)) => {
                    tracing::warn!(notice = q.id, error = %e, "a notice's buttons do not parse; sending it without them");
                    None
                }
                None => None,
            };
            Ok((body.clone(), markup, None))
        }
        Content::Unreadable(why) => Err(why.clone()),
        // Sent by `deliver_broadcast`.
        Content::Broadcast(_) => Err("a broadcast outside its batch".into()),
    }
}

/// Sends one row and records how it ended; returns the file id Telegram gave a broadcast's
/// uploaded file, when this delivery uploaded it.
async fn deliver(
    bot: &Tg,
    app: &App,
    recipients: &HashMap<i64, Recipient>,
    bulletins: &Opened,
    q: Queued,
) -> Option<String> {
    // A recipient who erased their data has no user row: a kept reply still goes to the chat
    // it answers, in the language of the moment it was written.
    let known = recipients.contains_key(&q.chat_id);
    let to = recipients.get(&q.chat_id).copied().unwrap_or(Recipient {
        lang: Default::default(),
        blocked: false,
    });
    if to.blocked {
        finish(app, &q, Outcome::Unreachable).await;
        return None;
    }
    if let Content::Broadcast(id) = q.content {
        return deliver_broadcast(bot, app, (to, known), bulletins, id, q).await;
    }
    let (body, markup, photo) = match message(bot, app, &q, &to) {
        Ok(m) => m,
        Err(why) => {
            tracing::error!(notice = q.id, error = %why, "a queued notice cannot be read; giving it up");
            finish(app, &q, Outcome::Failed).await;
            return None;
        }
    };
    let delivered = match photo {
        None => send::now(bot, &app.db, ChatId(q.chat_id), &body, markup).await,
        Some(file_id) => {
            let b = send::Bulletin {
                text: body,
                markup,
                media: Some((
                    broadcasts::MediaKind::Photo,
                    teloxide::types::InputFile::file_id(teloxide::types::FileId(file_id)),
                )),
            };
            send::bulletin(bot, &app.db, ChatId(q.chat_id), b).await
        }
    };
    match delivered {
        Ok(Delivery::Sent(id)) => finish(app, &q, Outcome::Sent(i64::from(id.0))).await,
        Ok(Delivery::Unreachable) => finish(app, &q, Outcome::Unreachable).await,
        // `send::now` keeps nothing for later; should it ever, this notice is tried again.
        Ok(Delivery::Kept) => give_up_loudly(app, &q).await,
        Err(e) => {
            tracing::warn!(notice = q.id, error = %e, "notice not delivered; will retry");
            give_up_loudly(app, &q).await
        }
    }
    None
}

/// One delivery of broadcast `id`.
async fn deliver_broadcast(
    bot: &Tg,
    app: &App,
    (to, known): (Recipient, bool),
    bulletins: &Opened,
    id: i64,
    q: Queued,
) -> Option<String> {
    if bulletins.cancelled(id) {
        finish(app, &q, Outcome::Cancelled).await;
        return None;
    }
    // A resident who erased their data since it was queued is not written to either.
    if bulletins.opted_out(id, q.chat_id) || (!known && bulletins.for_residents(id)) {
        finish(app, &q, Outcome::OptedOut).await;
        return None;
    }
    let Some(b) = bulletins.bulletin(to.lang, id) else {
        tracing::error!(
            notice = q.id,
            broadcast = id,
            "a broadcast cannot be read; giving its delivery up"
        );
        finish(app, &q, Outcome::Failed).await;
        return None;
    };
    // A photo and a long text are two messages: each one out is recorded, so a retry sends
    // only the rest.
    let (parts, markup) = b.parts();
    let last = parts.len().saturating_sub(1);
    let mut uploaded = None;
    for (i, p) in parts.iter().enumerate().skip(q.progress as usize) {
        let m = if i == last { markup.clone() } else { None };
        match send::part(bot, &app.db, ChatId(q.chat_id), p, m, true).await {
            Ok(Some((msg, file_id))) => {
                if let Some(file_id) = file_id {
                    if let Err(e) = broadcasts::set_file_id(&app.db, id, &file_id).await {
                        // The next deliveries upload the file again: more traffic, nothing lost.
                        tracing::warn!(broadcast = id, error = %e, "cannot record a broadcast's file id");
                    }
                    uploaded = Some(file_id);
                }
                if i == last {
                    finish(app, &q, Outcome::Sent(i64::from(msg.0))).await;
                    return uploaded;
                }
                if let Err(e) = outbox::progress(&app.db, &q, i as i64 + 1).await {
                    tracing::warn!(notice = q.id, error = %e, "cannot record a delivery's progress; a retry may repeat its first message");
                }
            }
            Ok(None) => {
                finish(app, &q, Outcome::Unreachable).await;
                return uploaded;
            }
            Err(e) => {
                tracing::warn!(notice = q.id, broadcast = id, error = %e, "broadcast not delivered; will retry");
                give_up_loudly(app, &q).await;
                return uploaded;
            }
        }
    }
    // Every part was out before (recorded by an earlier try that stopped at the last step).
    finish(app, &q, Outcome::Sent(0)).await;
    uploaded
}

async fn finish(app: &App, q: &Queued, outcome: Outcome) {
    match outbox::finish(&app.db, q, outcome).await {
        Ok(true) => {}
        Ok(false) => tracing::warn!(
            notice = q.id,
            "a notice's claim ran out before it was recorded; another sender holds it now"
        ),
        Err(e) => tracing::error!(notice = q.id, error = %e, "cannot record a notice's delivery"),
    }
}

/// Schedules another try, and says at error level when there will be none.
async fn give_up_loudly(app: &App, q: &Queued) {
    match outbox::retry_later(&app.db, q).await {
        Ok(true) => tracing::error!(
            notice = q.id,
            tries = q.attempts + 1,
            "a notice could not be delivered and was given up"
        ),
        Ok(false) => {}
        Err(e) => tracing::error!(notice = q.id, error = %e, "cannot record a notice's delivery"),
    }
}
