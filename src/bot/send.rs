//! Sending to Telegram: every outgoing message goes through the one paced queue (teloxide's
//! `Throttle`), long texts are split at line ends under Telegram's 4096-character limit, network
//! errors are retried, and a user who blocked the bot is marked so that later sends skip them.

use crate::store::{Db, users};
use std::time::Duration;
use teloxide::prelude::*;
use teloxide::types::{ChatId, InlineKeyboardMarkup, MessageId, ReplyMarkup};
use teloxide::{ApiError, RequestError};

/// The bot as handlers use it: the Bot API client plus the outgoing pace. Sending a message
/// goes through [`text`] / [`with_buttons`] (paced); other methods (answers to button presses,
/// edits, command menus) are called on it directly, as Telegram does not count them.
#[derive(Clone)]
pub struct Tg {
    inner: Bot,
    pub pacer: std::sync::Arc<super::pace::Pacer>,
}

impl Tg {
    pub fn new(inner: Bot, pacer: super::pace::Pacer) -> Tg {
        Tg {
            inner,
            pacer: std::sync::Arc::new(pacer),
        }
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
const ATTEMPTS: u32 = 4;

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
}

/// Sends a text (split when long) with an optional keyboard on its last piece.
pub async fn text(
    bot: &Tg,
    db: &Db,
    chat: ChatId,
    text: &str,
    markup: Option<ReplyMarkup>,
) -> anyhow::Result<Delivery> {
    let parts = split_text(text);
    let last = parts.len() - 1;
    let mut delivered = Delivery::Unreachable;
    for (i, part) in parts.into_iter().enumerate() {
        let markup = if i == last { markup.clone() } else { None };
        delivered = send_one(bot, db, chat, &part, markup).await?;
        if delivered == Delivery::Unreachable {
            break;
        }
    }
    Ok(delivered)
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
) -> anyhow::Result<Delivery> {
    let mut attempt = 0;
    loop {
        attempt += 1;
        bot.pacer.wait(chat.0).await;
        let mut req = bot.send_message(chat, part);
        if let Some(m) = markup.clone() {
            req = req.reply_markup(m);
        }
        match req.await {
            Ok(msg) => return Ok(Delivery::Sent(msg.id)),
            Err(e) if is_unreachable(&e) => {
                users::mark_blocked(db, chat.0).await?;
                tracing::info!(chat = chat.0, "chat unreachable; marked as blocked");
                return Ok(Delivery::Unreachable);
            }
            Err(RequestError::RetryAfter(after)) if attempt < ATTEMPTS + 2 => {
                tracing::warn!(
                    chat = chat.0,
                    seconds = after.seconds(),
                    "Telegram asked to slow down"
                );
                bot.pacer.freeze(after.duration());
            }
            Err(e) if is_transient(&e) && attempt < ATTEMPTS => {
                tracing::warn!(chat = chat.0, attempt, error = %e, "send failed; retrying");
                tokio::time::sleep(backoff(attempt)).await;
            }
            Err(e) => return Err(e.into()),
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
            tracing::debug!(chat = chat.0, error = %e, "edit failed; sending a new message");
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

pub fn is_transient(e: &RequestError) -> bool {
    matches!(
        e,
        RequestError::Network(_) | RequestError::Io(_) | RequestError::RetryAfter(_)
    )
}

fn backoff(attempt: u32) -> Duration {
    Duration::from_millis(300 * 2u64.pow(attempt.min(6)))
}

#[cfg(test)]
mod tests {
    use super::*;

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
