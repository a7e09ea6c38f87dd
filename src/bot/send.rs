//! Sending to Telegram: every outgoing message goes through the one pace (`bot::pace`), long
//! texts are split at line ends under Telegram's 4096-character limit, network errors and the
//! Bot API's own faults (5xx) are retried with backoff and jitter for a bounded time, a reply
//! that still cannot be sent is kept in the outbox (sealed) and sent when the API answers
//! again, and a user who blocked the bot is marked so that later sends skip them.

use crate::store::broadcasts::MediaKind;
use crate::store::seal::{Place, Seal};
use crate::store::{Db, outbox, users};
use std::future::IntoFuture;
use std::time::{Duration, Instant};
use teloxide::prelude::*;
use teloxide::types::{
    CallbackQueryId, ChatId, InlineKeyboardMarkup, InputFile, MessageId, ReplyMarkup,
};
use teloxide::{ApiError, RequestError};

/// The bot as handlers use it: the Bot API client plus the outgoing pace. Sending a message
/// goes through [`text`] / [`with_buttons`] (paced); other methods (answers to button presses,
/// edits, command menus) are called on it directly, as Telegram does not count them.
#[derive(Clone)]
pub struct Tg {
    inner: Bot,
    pub pacer: std::sync::Arc<super::pace::Pacer>,
    /// Seals the replies kept for later when the Bot API is down.
    seal: Seal,
    /// Wakes the outbox worker when a reply was kept for later.
    kept: std::sync::Arc<tokio::sync::Notify>,
}

impl Tg {
    pub fn new(
        inner: Bot,
        pacer: super::pace::Pacer,
        seal: Seal,
        kept: std::sync::Arc<tokio::sync::Notify>,
    ) -> Tg {
        Tg {
            inner,
            pacer: std::sync::Arc::new(pacer),
            seal,
            kept,
        }
    }

    /// Answers a button press (stops its spinner, optionally with a short text). Retried like a
    /// message; when it still fails it is logged and the handler goes on, because the answer
    /// that matters is the message that follows.
    pub fn answer_callback_query(&self, id: impl Into<CallbackQueryId>) -> Ack {
        Ack {
            bot: self.inner.clone(),
            id: id.into(),
            text: None,
        }
    }
}

/// An answer to a button press; see [`Tg::answer_callback_query`].
pub struct Ack {
    bot: Bot,
    id: CallbackQueryId,
    text: Option<String>,
}

impl Ack {
    pub fn text(mut self, text: impl Into<String>) -> Ack {
        self.text = Some(text.into());
        self
    }
}

impl IntoFuture for Ack {
    type Output = Result<(), RequestError>;
    type IntoFuture = futures::future::BoxFuture<'static, Self::Output>;

    fn into_future(self) -> Self::IntoFuture {
        Box::pin(async move {
            let started = Instant::now();
            let mut attempt = 0;
            loop {
                attempt += 1;
                let mut req = self.bot.answer_callback_query(self.id.clone());
                if let Some(t) = &self.text {
                    req = req.text(t.clone());
                }
                match req.await {
                    Ok(_) => return Ok(()),
                    // Telegram forgets a press after about 15 s: retry only while it may stand.
                    Err(e) if is_transient(&e) && started.elapsed() < Duration::from_secs(12) => {
                        tracing::warn!(attempt, error = %describe(&e), "answering a button press failed; retrying");
                        tokio::time::sleep(backoff(attempt)).await;
                    }
                    Err(e) => {
                        tracing::warn!(error = %describe(&e), "a button press was not answered");
                        return Ok(());
                    }
                }
            }
        })
    }
}

impl std::ops::Deref for Tg {
    type Target = Bot;
    fn deref(&self) -> &Bot {
        &self.inner
    }
}

/// Telegram accepts at most 4096 characters per message; leave room for safety.
const MAX_CHARS: usize = 4000;
/// How long a reply is retried while the user waits before it is kept for later. teloxide
/// itself waits 10 s after each 5xx answer, so this allows two or three tries.
const RETRY_FOR: Duration = Duration::from_secs(25);

/// Splits a text into pieces Telegram accepts, preferring line ends.
pub fn split_text(text: &str) -> Vec<String> {
    let mut parts = Vec::new();
    let mut current = String::new();
    let mut len = 0usize;
    for line in text.split_inclusive('\n') {
        let line_len = line.chars().count();
        if len + line_len > MAX_CHARS && !current.is_empty() {
            parts.push(std::mem::take(&mut current));
            len = 0;
        }
        if line_len > MAX_CHARS {
            // One very long line: cut it by characters.
            let chars: Vec<char> = line.chars().collect();
            for chunk in chars.chunks(MAX_CHARS) {
                parts.push(chunk.iter().collect());
            }
            continue;
        }
        current.push_str(line);
        len += line_len;
    }
    if !current.trim().is_empty() {
        parts.push(current);
    }
    if parts.is_empty() {
        parts.push("…".to_string());
    }
    parts
}

/// What happened to a send.
#[derive(Debug, PartialEq, Eq)]
pub enum Delivery {
    Sent(MessageId),
    /// The user blocked the bot (now marked) or the chat is gone.
    Unreachable,
    /// The Bot API kept failing: the reply waits in the outbox and goes out when it answers.
    Kept,
}

/// Sends a reply (split when long) with an optional keyboard on its last piece. What cannot be
/// sent within [`RETRY_FOR`] is kept in the outbox, sealed, so that an answer is never lost
/// while the conversation moved on; only a database failure is an error then.
pub async fn text(
    bot: &Tg,
    db: &Db,
    chat: ChatId,
    text: &str,
    markup: Option<ReplyMarkup>,
) -> anyhow::Result<Delivery> {
    send_parts(bot, db, chat, text, markup, true).await
}

/// Sends a text now, without keeping it for later (the outbox worker, which retries itself).
pub async fn now(
    bot: &Tg,
    db: &Db,
    chat: ChatId,
    text: &str,
    markup: Option<ReplyMarkup>,
) -> anyhow::Result<Delivery> {
    send_parts(bot, db, chat, text, markup, false).await
}

/// A broadcast's delivery: its text, buttons and attachment.
pub struct Bulletin {
    pub text: String,
    pub markup: Option<ReplyMarkup>,
    pub media: Option<(MediaKind, InputFile)>,
}

/// Telegram's limit for a photo's or document's caption.
const MAX_CAPTION: usize = 1024;

/// One message of a delivery.
pub enum Part {
    Attachment {
        kind: MediaKind,
        file: InputFile,
        caption: Option<String>,
    },
    Text(String),
}

impl Bulletin {
    /// The messages it goes out as: the attachment with the text as its caption, or, for a
    /// text too long for a caption, the attachment and then the text (in pieces when long);
    /// the buttons go on the last.
    pub fn parts(self) -> (Vec<Part>, Option<ReplyMarkup>) {
        let mut parts = Vec::new();
        let mut text = Some(self.text);
        if let Some((kind, file)) = self.media {
            // Telegram counts a caption in UTF-16 code units (an emoji is two).
            let fits = text
                .as_ref()
                .is_some_and(|t| t.encode_utf16().count() <= MAX_CAPTION);
            let caption = if fits { text.take() } else { None };
            parts.push(Part::Attachment {
                kind,
                file,
                caption,
            });
        }
        if let Some(text) = text {
            parts.extend(split_text(&text).into_iter().map(Part::Text));
        }
        (parts, self.markup)
    }
}

/// Sends one part of a delivery (at bulk priority when `bulk`, see `bot::pace`), retried like
/// any message; `None` when the chat is unreachable (now marked). With the message comes the
/// file id Telegram gave an uploaded attachment. Nothing is kept for later: the caller retries.
pub async fn part(
    bot: &Tg,
    db: &Db,
    chat: ChatId,
    part: &Part,
    markup: Option<ReplyMarkup>,
    bulk: bool,
) -> anyhow::Result<Option<(MessageId, Option<String>)>> {
    let piece = match part {
        Part::Text(t) => Piece::Text(t),
        Part::Attachment {
            kind,
            file,
            caption,
        } => Piece::Media {
            kind: *kind,
            file: file.clone(),
            caption: caption.as_deref(),
        },
    };
    let msg = match send_piece(bot, db, chat, &piece, markup, bulk).await {
        Ok(Some(msg)) => msg,
        Ok(None) => return Ok(None),
        Err(Failure::Api(e)) => {
            anyhow::bail!("the Bot API did not take a message: {}", describe(&e))
        }
        Err(Failure::Db(e)) => return Err(e.into()),
    };
    let file_id = match part {
        Part::Attachment {
            kind: MediaKind::Photo,
            ..
        } => msg
            .photo()
            .and_then(|sizes| sizes.last())
            .map(|p| p.file.id.0.clone()),
        Part::Attachment {
            kind: MediaKind::Document,
            ..
        } => msg.document().map(|d| d.file.id.0.clone()),
        Part::Text(_) => None,
    };
    Ok(Some((msg.id, file_id)))
}

/// A whole bulletin now, part after part (an author's preview, a notice with a photo).
pub async fn bulletin(bot: &Tg, db: &Db, chat: ChatId, b: Bulletin) -> anyhow::Result<Delivery> {
    let (parts, markup) = b.parts();
    let last = parts.len().saturating_sub(1);
    let mut delivered = Delivery::Unreachable;
    for (i, p) in parts.iter().enumerate() {
        let m = if i == last { markup.clone() } else { None };
        match part(bot, db, chat, p, m, false).await? {
            Some((id, _)) => delivered = Delivery::Sent(id),
            None => return Ok(Delivery::Unreachable),
        }
    }
    Ok(delivered)
}

/// [`text`] and [`now`]: the pieces in order; after a transient failure the rest is kept for
/// later when `keep_rest`, else the failure is returned.
async fn send_parts(
    bot: &Tg,
    db: &Db,
    chat: ChatId,
    text: &str,
    markup: Option<ReplyMarkup>,
    keep_rest: bool,
) -> anyhow::Result<Delivery> {
    let parts = split_text(text);
    let last = parts.len() - 1;
    let mut delivered = Delivery::Unreachable;
    for (i, part) in parts.iter().enumerate() {
        let piece_markup = if i == last { markup.clone() } else { None };
        delivered = match send_one(bot, db, chat, part, piece_markup).await {
            Ok(d) => d,
            Err(Failure::Api(e)) if keep_rest && is_transient(&e) => {
                tracing::warn!(chat = chat.0, error = %describe(&e), "a reply could not be sent; kept to send later");
                keep(bot, db, chat, &parts[i..].concat(), markup.as_ref()).await?;
                return Ok(Delivery::Kept);
            }
            Err(Failure::Api(e)) => {
                anyhow::bail!("the Bot API did not take a message: {}", describe(&e))
            }
            Err(Failure::Db(e)) => return Err(e.into()),
        };
        if delivered == Delivery::Unreachable {
            break;
        }
    }
    Ok(delivered)
}

/// Why a send failed: the Bot API's answer, or our own database (marking a blocked user).
enum Failure {
    Api(RequestError),
    Db(sqlx::Error),
}

/// A Bot API error as a log line may show it: never the raw answer that teloxide quotes when
/// it cannot parse one (it would hold the message sent, with names in it).
pub fn describe(e: &RequestError) -> String {
    match e {
        RequestError::InvalidJson { .. } => {
            "the Bot API answered with something that is not JSON".into()
        }
        other => other.to_string(),
    }
}

/// Keeps a reply in the outbox, sealed (it may quote what the user typed).
async fn keep(
    bot: &Tg,
    db: &Db,
    chat: ChatId,
    text: &str,
    markup: Option<&ReplyMarkup>,
) -> anyhow::Result<()> {
    let body = bot.seal.seal_str(Place::Outbox, text);
    let markup = markup
        .map(serde_json::to_string)
        .transpose()?
        .map(|m| bot.seal.seal_str(Place::Outbox, &m));
    outbox::enqueue_sealed(&db.pool, chat.0, &body, markup.as_deref()).await?;
    bot.kept.notify_one();
    Ok(())
}

/// Opens a reply kept by [`keep`]: its text and keyboard.
pub fn open_kept(
    bot: &Tg,
    body: &str,
    markup: Option<&str>,
) -> anyhow::Result<(String, Option<ReplyMarkup>)> {
    let text = bot.seal.open_string(Place::Outbox, body)?;
    let markup = match markup {
        Some(m) => Some(serde_json::from_str(
            &bot.seal.open_string(Place::Outbox, m)?,
        )?),
        None => None,
    };
    Ok((text, markup))
}

/// A text with an inline keyboard.
pub async fn with_buttons(
    bot: &Tg,
    db: &Db,
    chat: ChatId,
    body: &str,
    keyboard: InlineKeyboardMarkup,
) -> anyhow::Result<Delivery> {
    text(
        bot,
        db,
        chat,
        body,
        Some(ReplyMarkup::InlineKeyboard(keyboard)),
    )
    .await
}

async fn send_one(
    bot: &Tg,
    db: &Db,
    chat: ChatId,
    part: &str,
    markup: Option<ReplyMarkup>,
) -> Result<Delivery, Failure> {
    Ok(
        match send_piece(bot, db, chat, &Piece::Text(part), markup, false).await? {
            Some(msg) => Delivery::Sent(msg.id),
            None => Delivery::Unreachable,
        },
    )
}

/// What one request sends.
enum Piece<'a> {
    Text(&'a str),
    Media {
        kind: MediaKind,
        file: InputFile,
        caption: Option<&'a str>,
    },
}

impl Piece<'_> {
    async fn send(
        &self,
        bot: &Tg,
        chat: ChatId,
        markup: Option<ReplyMarkup>,
    ) -> Result<teloxide::types::Message, RequestError> {
        match self {
            Piece::Text(text) => {
                let mut req = bot.send_message(chat, *text);
                req.reply_markup = markup;
                req.await
            }
            Piece::Media {
                kind: MediaKind::Photo,
                file,
                caption,
            } => {
                let mut req = bot.send_photo(chat, file.clone());
                req.caption = caption.map(str::to_string);
                req.reply_markup = markup;
                req.await
            }
            Piece::Media {
                kind: MediaKind::Document,
                file,
                caption,
            } => {
                let mut req = bot.send_document(chat, file.clone());
                req.caption = caption.map(str::to_string);
                req.reply_markup = markup;
                req.await
            }
        }
    }
}

/// Sends one piece, paced (at bulk priority when `bulk`) and retried; `None` when the chat is
/// unreachable (now marked).
async fn send_piece(
    bot: &Tg,
    db: &Db,
    chat: ChatId,
    piece: &Piece<'_>,
    markup: Option<ReplyMarkup>,
    bulk: bool,
) -> Result<Option<teloxide::types::Message>, Failure> {
    let started = Instant::now();
    let mut attempt = 0;
    let mut slowed = 0;
    loop {
        attempt += 1;
        if bulk {
            bot.pacer.wait_bulk(chat.0).await;
        } else {
            bot.pacer.wait(chat.0).await;
        }
        match piece.send(bot, chat, markup.clone()).await {
            Ok(msg) => return Ok(Some(msg)),
            Err(e) if is_unreachable(&e) => {
                users::mark_blocked(db, chat.0).await.map_err(Failure::Db)?;
                tracing::info!(chat = chat.0, "chat unreachable; marked as blocked");
                return Ok(None);
            }
            Err(RequestError::RetryAfter(after)) if slowed < 6 => {
                slowed += 1;
                attempt -= 1;
                tracing::warn!(
                    chat = chat.0,
                    seconds = after.seconds(),
                    "Telegram asked to slow down"
                );
                bot.pacer.freeze(after.duration()).await;
            }
            Err(e) if is_transient(&e) && started.elapsed() + backoff(attempt) < RETRY_FOR => {
                tracing::warn!(chat = chat.0, attempt, error = %describe(&e), "send failed; retrying");
                tokio::time::sleep(backoff(attempt)).await;
            }
            Err(e) => return Err(Failure::Api(e)),
        }
    }
}

/// Replaces the text and buttons of a message the bot sent (a flow that edits one message as
/// the user goes). Falls back to a new message when the old one cannot be edited.
pub async fn edit(
    bot: &Tg,
    db: &Db,
    chat: ChatId,
    message: MessageId,
    body: &str,
    keyboard: Option<InlineKeyboardMarkup>,
) -> anyhow::Result<()> {
    let mut req = bot.edit_message_text(chat, message, body);
    if let Some(k) = keyboard.clone() {
        req = req.reply_markup(k);
    }
    match req.await {
        Ok(_) => Ok(()),
        Err(RequestError::Api(ApiError::MessageNotModified)) => Ok(()),
        Err(e) if is_unreachable(&e) => {
            users::mark_blocked(db, chat.0).await?;
            Ok(())
        }
        Err(e) => {
            tracing::debug!(chat = chat.0, error = %describe(&e), "edit failed; sending a new message");
            text(
                bot,
                db,
                chat,
                body,
                keyboard.map(ReplyMarkup::InlineKeyboard),
            )
            .await?;
            Ok(())
        }
    }
}

pub fn is_unreachable(e: &RequestError) -> bool {
    matches!(
        e,
        RequestError::Api(
            ApiError::BotBlocked
                | ApiError::ChatNotFound
                | ApiError::UserDeactivated
                | ApiError::BotKicked
                | ApiError::BotKickedFromSupergroup
        )
    )
}

/// A failure that may pass and that sent nothing: the network, a "slow down", or a fault of the
/// Bot API server itself (a 5xx: teloxide reads its description into `ApiError::Unknown`). An
/// answer that does not parse is not retried: the message may have gone out.
pub fn is_transient(e: &RequestError) -> bool {
    match e {
        RequestError::Network(_) | RequestError::Io(_) | RequestError::RetryAfter(_) => true,
        RequestError::Api(ApiError::Unknown(description)) => is_server_fault(description),
        _ => false,
    }
}

/// The descriptions the Bot API (and the proxies before it) give with a 5xx status.
fn is_server_fault(description: &str) -> bool {
    let d = description.to_ascii_lowercase();
    [
        "internal server error",
        "bad gateway",
        "service unavailable",
        "gateway timeout",
        "gateway time-out",
    ]
    .iter()
    .any(|f| d.contains(f))
        || d.starts_with("5")
}

/// Exponential backoff with full jitter: tries of many chats that failed together do not all
/// come back in the same instant.
fn backoff(attempt: u32) -> Duration {
    use rand::Rng;
    let ceiling = 250u64 * 2u64.pow(attempt.min(5));
    Duration::from_millis(rand::thread_rng().gen_range(ceiling / 2..=ceiling))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn faults_of_the_bot_api_server_are_retried_and_refusals_are_not() {
        let unknown = |d: &str| RequestError::Api(ApiError::Unknown(d.to_string()));
        assert!(is_transient(&unknown("Internal Server Error")));
        assert!(is_transient(&unknown("Bad Gateway")));
        assert!(is_transient(&unknown("502 Bad Gateway")));
        assert!(!is_transient(&unknown(
            "Bad Request: message text is empty"
        )));
        assert!(!is_transient(&RequestError::Api(ApiError::BotBlocked)));
        assert!(backoff(1) <= Duration::from_millis(500));
        assert!(backoff(9) <= Duration::from_secs(8));
    }

    #[test]
    fn short_texts_stay_whole() {
        assert_eq!(split_text("Halo"), vec!["Halo".to_string()]);
    }

    #[test]
    fn long_texts_split_at_line_ends_under_the_limit() {
        let line = format!("{}\n", "a".repeat(99));
        let text = line.repeat(100); // 10,000 characters
        let parts = split_text(&text);
        assert_eq!(parts.len(), 3);
        assert!(
            parts
                .iter()
                .all(|p| p.chars().count() <= MAX_CHARS && p.ends_with('\n'))
        );
        assert_eq!(parts.concat(), text);
    }

    #[test]
    fn one_huge_line_is_cut_by_characters_without_losing_any() {
        let text = "é".repeat(9000);
        let parts = split_text(&text);
        assert!(parts.iter().all(|p| p.chars().count() <= MAX_CHARS));
        assert_eq!(parts.concat(), text);
    }
}
