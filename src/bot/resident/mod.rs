//! Residents (warga): the eligibility check `/cek` ([`cek`]), the self-screening `/skrining` on
//! the 14 BPS criteria ([`screening`]) with an optional proposal (usulan, [`proposal`]), and
//! `/info` about the programs ([`info`]).
//!
//! Privacy: a NIK typed by a resident is validated, hashed with the installation's key and
//! forgotten; the dialogue state keeps only its keyed hash and masked form. `/cek` answers "not
//! found" in one and the same words whether the NIK is unknown or the name does not match, and
//! look-ups are rate-limited per user.

pub mod cek;
pub mod info;
pub mod proposal;
pub mod screening;

use super::button::{Button, Menu};
use super::send::{self, Tg};
use super::{ChatOf, Dlg, Handler, HandlerResult, State};
use crate::app::App;
use crate::domain::criteria::Answers;
use crate::domain::lang::Lang;
use crate::store::users::Caller;
use serde::{Deserialize, Serialize};
use std::sync::Arc;
use teloxide::dispatching::HandlerExt;
use teloxide::prelude::*;
use teloxide::types::InlineKeyboardMarkup;
use teloxide::utils::command::BotCommands;

/// Where a resident is in one of their flows (kept in the dialogue table). Each step holds
/// exactly what it has gathered, and no full NIK.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Flow {
    /// `/cek`: waiting for the NIK.
    CekNik,
    /// `/cek`: the NIK was given (kept as its keyed hash); waiting for the name on the KTP.
    CekName { nik_hash: String },
    /// `/skrining`: the question `answers.0.len() + 1` is shown on `message` (none when it
    /// could not be sent yet: the next step sends a new one).
    Screening {
        message: Option<i32>,
        answers: Answers,
    },
    /// `/skrining` finished: a proposal is offered.
    Screened { answers: Answers },
    /// The proposal (usulan), one step at a time.
    Proposal(Box<proposal::Step>),
}

#[derive(BotCommands, Clone, Debug)]
#[command(rename_rule = "lowercase")]
pub enum ResidentCommand {
    Cek(String),
    Skrining(String),
    Info(String),
}

/// Resident commands, then the message a resident flow is waiting for.
pub fn messages() -> Handler {
    dptree::map(Ctx::of)
        .branch(
            dptree::entry()
                .filter_command::<ResidentCommand>()
                .endpoint(on_command),
        )
        .branch(
            dptree::filter_map(|state: State, msg: Message| match state {
                // Other commands typed during a flow go on to their own handlers.
                State::Resident(flow) if !msg.text().is_some_and(|t| t.starts_with('/')) => {
                    Some(flow)
                }
                _ => None,
            })
            .endpoint(on_flow_message),
        )
}

/// Resident button presses: the menu entries of the resident flows, the screening's answers and
/// the proposal form's buttons. A press that does not fit the current step falls through to
/// "stale button".
pub fn callbacks() -> Handler {
    dptree::map(Ctx::of)
        .branch(
            dptree::filter_map(|b: Button| match b {
                Button::Menu(m @ (Menu::Cek | Menu::Skrining | Menu::Info)) => Some(m),
                _ => None,
            })
            .endpoint(on_menu),
        )
        .branch(
            dptree::filter_map(|b: Button| match b {
                Button::Program(code) => Some(code),
                _ => None,
            })
            .endpoint(info::on_program),
        )
        .branch(
            dptree::filter_map(
                |b: Button, state: State, q: CallbackQuery| match (b, state) {
                    (
                        Button::Screening { question, answer },
                        State::Resident(Flow::Screening { message, answers }),
                    ) if message.is_some() && q.regular_message().map(|m| m.id.0) == message => {
                        Some(screening::Press {
                            message,
                            answers,
                            question,
                            answer,
                        })
                    }
                    _ => None,
                },
            )
            .endpoint(screening::on_press),
        )
        .branch(
            dptree::filter_map(|b: Button, state: State| match (b, state) {
                (Button::Proposal(press), State::Resident(flow)) => Some((press, flow)),
                _ => None,
            })
            .endpoint(proposal::on_press),
        )
}

/// Everything a handler of this module needs, in one place (built once per update by the
/// resident branches of the tree).
#[derive(Clone)]
pub struct Ctx {
    pub bot: Tg,
    pub app: Arc<App>,
    pub caller: Caller,
    pub dialogue: Dlg,
}

impl Ctx {
    pub fn of(bot: Tg, app: Arc<App>, caller: Caller, dialogue: Dlg) -> Ctx {
        Ctx {
            bot,
            app,
            caller,
            dialogue,
        }
    }
    pub fn lang(&self) -> Lang {
        self.caller.lang
    }
    pub async fn say(&self, text: &str) -> HandlerResult {
        send::text(&self.bot, &self.app.db, self.caller.chat(), text, None).await?;
        Ok(())
    }
    pub async fn say_with(&self, text: &str, keyboard: InlineKeyboardMarkup) -> HandlerResult {
        send::with_buttons(&self.bot, &self.app.db, self.caller.chat(), text, keyboard).await?;
        Ok(())
    }
    pub async fn set(&self, flow: Flow) -> HandlerResult {
        self.dialogue.update(State::Resident(flow)).await?;
        Ok(())
    }
    pub async fn idle(&self) -> HandlerResult {
        self.dialogue.update(State::Idle).await?;
        Ok(())
    }
    /// Answers the button press (no toast).
    pub async fn ack(&self, q: &CallbackQuery) -> HandlerResult {
        self.bot.answer_callback_query(q.id.clone()).await?;
        Ok(())
    }
}

async fn on_command(cx: Ctx, cmd: ResidentCommand) -> HandlerResult {
    match cmd {
        ResidentCommand::Cek(arg) => cek::start(&cx, Some(arg.trim())).await,
        ResidentCommand::Skrining(_) => screening::start(&cx).await,
        ResidentCommand::Info(_) => info::show(&cx).await,
    }
}

async fn on_menu(cx: Ctx, q: CallbackQuery, entry: Menu) -> HandlerResult {
    cx.ack(&q).await?;
    match entry {
        Menu::Cek => cek::start(&cx, None).await,
        Menu::Skrining => screening::start(&cx).await,
        _ => info::show(&cx).await,
    }
}

async fn on_flow_message(cx: Ctx, msg: Message, flow: Flow) -> HandlerResult {
    let text = msg.text().map(str::trim);
    match flow {
        Flow::CekNik => cek::on_nik_message(&cx, text).await,
        Flow::CekName { nik_hash } => cek::on_name_message(&cx, &nik_hash, text).await,
        Flow::Screening { answers, .. } => screening::buttons_only(&cx, answers).await,
        Flow::Screened { answers } => screening::offer_again(&cx, answers).await,
        Flow::Proposal(step) => proposal::on_message(&cx, *step, &msg).await,
    }
}

/// The resident's text on the line after `first` (a reason, then the question again).
pub fn two_parts(lang: Lang, first: &str, then: &str) -> String {
    use crate::i18n::t;
    format!("{}\n\n{}", t(lang, first), t(lang, then))
}
