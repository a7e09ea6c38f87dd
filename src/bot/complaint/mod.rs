//! Complaints and objections (aduan, sanggahan): a resident files one with `/aduan`
//! ([`filing`]), follows it with `/status` ([`status`]), adds to it or reopens it; the TKSK of
//! its kecamatan (or a PSM they hand it to, or Dinas Sosial where no TKSK is enrolled) takes it,
//! answers or rejects it ([`handling`]). Every step is one transaction in
//! `store::complaints`, and the other side is told through the outbox ([`notice`]).
//!
//! The lifecycle's rules are `domain::complaint`. Who may handle a complaint is checked on
//! every press ([`handling::access`]): a forged button changes nothing.

pub mod filing;
pub mod handling;
pub mod notice;
pub mod status;

pub use crate::bot::button::{AduanPress, HandlePress, StatusPress};

use super::button::Button;
use super::menu::button;
use super::resident::Ctx;
use super::{Handler, HandlerResult, State, require_role};
use crate::app::App;
use crate::domain::role::Role;
use crate::domain::workdays::Calendar;
use crate::store::complaints::{self, Deadlines};
use serde::{Deserialize, Serialize};
use teloxide::dispatching::HandlerExt;
use teloxide::prelude::*;
use teloxide::types::InlineKeyboardMarkup;
use teloxide::utils::command::BotCommands;

/// Where a complaint conversation stands (kept, sealed, in the dialogue table).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Flow {
    /// `/aduan`, step by step.
    Filing(filing::Draft),
    /// The reporter adds to an open complaint: the next text or photo.
    Adding { complaint: i64 },
    /// The reporter reopens a resolved complaint: the next text is the reason.
    Reopening { complaint: i64 },
    /// A handler answers (`resolve`) or rejects: the next text is the note or the reason.
    Answering { complaint: i64, resolve: bool },
}

#[derive(BotCommands, Clone, Debug)]
#[command(rename_rule = "lowercase")]
pub enum ComplaintCommand {
    Aduan(String),
    Status(String),
}

const HANDLERS: &[Role] = &[Role::Psm, Role::Tksk, Role::Dinsos];

/// `/aduan`, `/status`, and the message a complaint flow waits for.
pub fn messages() -> Handler {
    dptree::map(Ctx::of)
        .branch(
            dptree::entry()
                .filter_command::<ComplaintCommand>()
                .endpoint(on_command),
        )
        .branch(
            dptree::filter_map(|state: State, msg: Message| match state {
                State::Complaint(flow) if !msg.text().is_some_and(|t| t.starts_with('/')) => {
                    Some(flow)
                }
                _ => None,
            })
            .endpoint(on_flow_message),
        )
}

/// The presses of the complaint screens and notices.
pub fn callbacks() -> Handler {
    dptree::map(Ctx::of)
        .branch(dptree::case![Button::Aduan(press)].endpoint(filing::on_press))
        .branch(dptree::case![Button::Status(press)].endpoint(status::on_press))
        .branch(
            dptree::case![Button::Handle { complaint, press }]
                .chain(require_role(HANDLERS))
                .endpoint(handling::on_press),
        )
}

async fn on_command(cx: Ctx, cmd: ComplaintCommand) -> HandlerResult {
    match cmd {
        ComplaintCommand::Aduan(_) => filing::start(&cx).await,
        ComplaintCommand::Status(arg) => status::on_command(&cx, arg.trim()).await,
    }
}

async fn on_flow_message(cx: Ctx, msg: Message, flow: Flow) -> HandlerResult {
    match flow {
        Flow::Filing(draft) => filing::on_message(&cx, draft, &msg).await,
        Flow::Adding { complaint } => status::on_addition(&cx, complaint, &msg).await,
        Flow::Reopening { complaint } => status::on_reopen_reason(&cx, complaint, &msg).await,
        Flow::Answering { complaint, resolve } => {
            handling::on_answer(&cx, complaint, resolve, &msg).await
        }
    }
}

/// Applies a step through `store::complaints::act` and tells the caller how it went (`done`,
/// with the ticket), or why it did not happen.
pub async fn act_and_say(
    cx: &Ctx,
    complaint: i64,
    action: &complaints::Action,
    done: &str,
) -> HandlerResult {
    let lang = cx.lang();
    let (deadlines, calendar) = rules(&cx.app).await?;
    match complaints::act(&cx.app.db, complaint, action, (deadlines, &calendar)).await? {
        Ok(after) => {
            cx.app.outbox_ready.notify_one();
            let body = crate::i18n::targs(lang, done, &[("ticket", after.ticket.into())]);
            cx.say(&body).await
        }
        Err(why) => cx.say(&status::refusal(lang, why)).await,
    }
}

/// The answer to a text typed after a complaint was filed (an addition, a reason, a note) that
/// is longer than a complaint's description may be; `None` when it fits.
pub fn too_long(lang: crate::i18n::Lang, text: &str) -> Option<String> {
    let max = crate::domain::complaint::MAX_DESCRIPTION;
    (text.chars().count() > max).then(|| {
        let max = crate::i18n::number(lang, max as i64);
        crate::i18n::targs(lang, "complaint-addition-long", &[("max", max.into())])
    })
}

/// A desa/kelurahan as people name it ("Desa Ciptasari"; its code when unknown).
pub async fn place_name(app: &App, lang: crate::i18n::Lang, area: &str) -> anyhow::Result<String> {
    Ok(crate::store::residents::village(&app.db, area)
        .await?
        .map(|(name, _)| crate::i18n::place(lang, area, &name))
        .unwrap_or_else(|| area.to_string()))
}

/// The deadlines in force: the operator's working days and the holidays loaded.
pub async fn rules(app: &App) -> anyhow::Result<(Deadlines, Calendar)> {
    Ok((app.settings.deadlines, complaints::calendar(&app.db).await?))
}

/// The buttons a handler acts with: a TKSK (or an operator) may take a complaint or hand it to
/// a PSM; whoever handles it answers or rejects it.
pub fn handle_keyboard(lang: crate::i18n::Lang, complaint: i64, to: Role) -> InlineKeyboardMarkup {
    let press = |press| Button::Handle { complaint, press };
    let mut rows = vec![];
    if to != Role::Psm {
        let mut first = vec![button(lang, "complaint-take", press(HandlePress::Take))];
        if to == Role::Tksk {
            first.push(button(
                lang,
                "complaint-handout",
                press(HandlePress::Handout),
            ));
        }
        rows.push(first);
    }
    rows.push(vec![
        button(lang, "complaint-resolve", press(HandlePress::Resolve)),
        button(lang, "complaint-reject", press(HandlePress::Reject)),
    ]);
    InlineKeyboardMarkup::new(rows)
}
