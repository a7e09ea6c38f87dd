//! What every user can do: `/start`, `/bantuan`, `/bahasa`, `/batal`, `/privasi`,
//! `/hapusdata`, and the answers to anything the bot does not understand.

use super::button::{Button, Menu};
use super::menu::{self, button};
use super::send::{self, Tg};
use super::{ChatOf, Dlg, Handler, HandlerResult, State};
use crate::app::App;
use crate::domain::role::Role;
use crate::i18n::{Lang, t, targs};
use crate::store::users::{self, Caller};
use std::sync::Arc;
use teloxide::dispatching::HandlerExt;
use teloxide::prelude::*;
use teloxide::types::{InlineKeyboardMarkup, MessageKind};
use teloxide::utils::command::BotCommands;

#[derive(BotCommands, Clone, Debug)]
#[command(rename_rule = "lowercase")]
pub enum CommonCommand {
    Start(String),
    Bantuan(String),
    /// The same help: a resident may read "bantuan" as "aid".
    Petunjuk(String),
    Bahasa(String),
    Batal(String),
    Privasi(String),
    Hapusdata(String),
}

pub fn commands() -> Handler {
    dptree::entry()
        .filter_command::<CommonCommand>()
        .endpoint(on_command)
}

async fn on_command(
    bot: Tg,
    app: Arc<App>,
    caller: Caller,
    msg: Message,
    cmd: CommonCommand,
    state: State,
    dialogue: Dlg,
) -> HandlerResult {
    let lang = caller.lang;
    let chat = msg.chat.id;
    match cmd {
        CommonCommand::Start(_) => {
            if !state.is_idle() {
                dialogue.update(State::Idle).await?;
            }
            let name = msg
                .from
                .as_ref()
                .map(|u| u.first_name.clone())
                .unwrap_or_default();
            let body = targs(lang, "start-welcome", &[("name", name.into())]);
            send::with_buttons(&bot, &app.db, chat, &body, menu::main_menu(lang)).await?;
        }
        CommonCommand::Bantuan(_) | CommonCommand::Petunjuk(_) => help(&bot, &app, &caller).await?,
        CommonCommand::Bahasa(_) => {
            send::with_buttons(
                &bot,
                &app.db,
                chat,
                &t(lang, "language-choose"),
                menu::language_menu(),
            )
            .await?;
        }
        CommonCommand::Batal(_) => {
            let open = !state.is_idle();
            dialogue.update(State::Idle).await?;
            let key = if open {
                "cancel-done"
            } else {
                "cancel-nothing"
            };
            send::with_buttons(&bot, &app.db, chat, &t(lang, key), menu::main_menu(lang)).await?;
        }
        CommonCommand::Privasi(_) => {
            send::text(&bot, &app.db, chat, &t(lang, "privacy-text"), None).await?;
        }
        CommonCommand::Hapusdata(_) => {
            if caller.role.is_worker() {
                send::text(&bot, &app.db, chat, &t(lang, "erase-worker-refused"), None).await?;
                return Ok(());
            }
            dialogue.update(State::ConfirmErase).await?;
            let keyboard = InlineKeyboardMarkup::new(vec![vec![
                button(lang, "erase-yes", Button::Erase(true)),
                button(lang, "erase-no", Button::Erase(false)),
            ]]);
            send::with_buttons(&bot, &app.db, chat, &t(lang, "erase-confirm"), keyboard).await?;
        }
    }
    Ok(())
}

async fn help(bot: &Tg, app: &App, caller: &Caller) -> HandlerResult {
    let key = match caller.role {
        Role::Warga => "help-warga",
        Role::Psm => "help-psm",
        Role::Tksk => "help-tksk",
        Role::Dinsos => "help-dinsos",
    };
    send::text(bot, &app.db, caller.chat(), &t(caller.lang, key), None).await?;
    Ok(())
}

/// Button presses every user can make: language, erase confirmation, menu entries that are
/// not a flow of their own.
pub fn callbacks() -> Handler {
    dptree::entry()
        .branch(dptree::case![Button::Lang(lang)].endpoint(on_language))
        .branch(
            dptree::filter_map(|b: Button, s: State| match (b, s) {
                (Button::Erase(yes), State::ConfirmErase) => Some(yes),
                _ => None,
            })
            .endpoint(on_erase),
        )
        .branch(
            dptree::filter_map(|b: Button| match b {
                Button::Menu(m @ (Menu::Bantuan | Menu::Bahasa)) => Some(m),
                _ => None,
            })
            .endpoint(on_menu),
        )
}

async fn on_language(
    bot: Tg,
    app: Arc<App>,
    caller: Caller,
    q: CallbackQuery,
    chosen: Lang,
) -> HandlerResult {
    let chat = caller.chat();
    users::set_language(&app.db, caller.tg_id, chosen).await?;
    bot.answer_callback_query(q.id.clone()).await?;
    if let Some(m) = q.regular_message() {
        send::edit(&bot, &app.db, chat, m.id, &t(chosen, "language-set"), None).await?;
    } else {
        send::text(&bot, &app.db, chat, &t(chosen, "language-set"), None).await?;
    }
    // The command menu of this chat follows the chosen language.
    menu::publish_for_chat(&bot, chat, caller.role, chosen).await;
    Ok(())
}

/// The answer to "erase my data?" (only while that question is open: else "stale button").
async fn on_erase(
    bot: Tg,
    app: Arc<App>,
    caller: Caller,
    q: CallbackQuery,
    yes: bool,
    dialogue: Dlg,
) -> HandlerResult {
    let (lang, chat) = (caller.lang, caller.chat());
    bot.answer_callback_query(q.id.clone()).await?;
    if yes {
        users::erase(&app.db, caller.tg_id, chat.0).await?;
        send::text(&bot, &app.db, chat, &t(lang, "erase-done"), None).await?;
    } else {
        dialogue.update(State::Idle).await?;
        send::text(&bot, &app.db, chat, &t(lang, "erase-kept"), None).await?;
    }
    Ok(())
}

async fn on_menu(
    bot: Tg,
    app: Arc<App>,
    caller: Caller,
    q: CallbackQuery,
    entry: Menu,
) -> HandlerResult {
    bot.answer_callback_query(q.id.clone()).await?;
    if entry == Menu::Bantuan {
        return help(&bot, &app, &caller).await;
    }
    let choose = t(caller.lang, "language-choose");
    send::with_buttons(&bot, &app.db, caller.chat(), &choose, menu::language_menu()).await?;
    Ok(())
}

/// A button whose flow is over (pressed twice, or from an old message).
pub async fn stale_button(bot: Tg, caller: Caller, q: CallbackQuery) -> HandlerResult {
    bot.answer_callback_query(q.id.clone())
        .text(t(caller.lang, "button-stale"))
        .await?;
    Ok(())
}

/// Anything else a user sends outside a flow.
pub fn message_fallback() -> Handler {
    dptree::endpoint(on_other_message)
}

async fn on_other_message(bot: Tg, app: Arc<App>, caller: Caller, msg: Message) -> HandlerResult {
    let lang = caller.lang;
    let body = match (&msg.kind, msg.text()) {
        (_, Some(text)) if text.starts_with('/') => {
            let command = text.split_whitespace().next().unwrap_or("/");
            // Echo only a plausible command name, never what follows it: `/cek3215…` typed
            // without a space, or `/cek@3215…`, must not send a NIK back.
            let name = command[1..].split('@').next().unwrap_or("");
            if !command.contains('@')
                && (1..=32).contains(&name.len())
                && name.chars().all(|c| c.is_ascii_alphabetic() || c == '_')
            {
                targs(
                    lang,
                    "unknown-command",
                    &[("command", format!("/{name}").into())],
                )
            } else {
                t(lang, "unknown-command-plain")
            }
        }
        (_, Some(_)) => t(lang, "unknown-text"),
        (MessageKind::Common(_), None) => t(lang, "unknown-media"),
        _ => return Ok(()), // service messages (joins, pins…) need no answer
    };
    send::with_buttons(&bot, &app.db, msg.chat.id, &body, menu::main_menu(lang)).await?;
    Ok(())
}
