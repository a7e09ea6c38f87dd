//! Keyboards and command lists shared by every audience.

use super::button::{Button, Menu};
use crate::domain::role::Role;
use crate::i18n::{Lang, t};
use teloxide::types::{BotCommand, InlineKeyboardButton, InlineKeyboardMarkup};

/// One inline button labelled with the message `key`.
pub fn button(lang: Lang, key: &str, press: Button) -> InlineKeyboardButton {
    labelled(t(lang, key), press)
}

/// One inline button with a label of its own (a name, a number).
pub fn labelled(label: impl Into<String>, press: Button) -> InlineKeyboardButton {
    InlineKeyboardButton::callback(label.into(), press.encode())
}

/// The resident's main menu, offered by `/start` and by every "I did not understand" answer.
pub fn main_menu(lang: Lang) -> InlineKeyboardMarkup {
    InlineKeyboardMarkup::new(vec![
        vec![button(lang, "menu-cek", Button::Menu(Menu::Cek))],
        vec![button(lang, "menu-skrining", Button::Menu(Menu::Skrining))],
        vec![
            button(lang, "menu-info", Button::Menu(Menu::Info)),
            button(lang, "menu-bantuan", Button::Menu(Menu::Bantuan)),
        ],
        vec![button(lang, "menu-bahasa", Button::Menu(Menu::Bahasa))],
    ])
}

/// The language choice of `/bahasa`. Language names are written in their own language.
pub fn language_menu() -> InlineKeyboardMarkup {
    InlineKeyboardMarkup::new(vec![vec![
        labelled(t(Lang::Id, "language-name"), Button::Lang(Lang::Id)),
        labelled(t(Lang::En, "language-name"), Button::Lang(Lang::En)),
    ]])
}

/// The commands a role sees in Telegram's menu, described in `lang`.
pub fn commands_for(role: Role, lang: Lang) -> Vec<BotCommand> {
    let mut names: Vec<&str> = vec!["start", "cek", "skrining", "aduan", "status", "info"];
    match role {
        Role::Warga => {}
        Role::Psm => names.extend(["tugas", "kunjungan"]),
        Role::Tksk => names.extend(["tugas", "kunjungan", "tugaskan", "rekap", "siaran"]),
        Role::Dinsos => names.extend(["rekap", "siklus", "siaran"]),
    }
    names.extend(["bantuan", "bahasa", "batal", "privasi", "hapusdata"]);
    names
        .into_iter()
        .map(|n| BotCommand::new(n, t(lang, &format!("cmd-{n}"))))
        .collect()
}

/// Shows this chat the command menu of its role in its language (after a language choice or
/// an enrolment). Telegram refusing is not worth failing the answer for: it is logged.
pub async fn publish_for_chat(
    bot: &super::Tg,
    chat: teloxide::types::ChatId,
    role: Role,
    lang: Lang,
) {
    use teloxide::prelude::*;
    use teloxide::types::{BotCommandScope, Recipient};
    let result = bot
        .set_my_commands(commands_for(role, lang))
        .scope(BotCommandScope::Chat {
            chat_id: Recipient::Id(chat),
        })
        .await;
    if let Err(e) = result {
        tracing::warn!(chat = chat.0, error = %e, "cannot set the chat's command menu");
    }
}
