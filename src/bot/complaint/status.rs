//! `/status [ADU-…]`: the caller's complaints as buttons (newest first, with their status), or
//! one with its history. Someone else's ticket gets the answer a ticket that does not exist
//! gets. From there the reporter adds text or a photo to an open complaint, or reopens a
//! resolved one within 14 days (with a reason); the handler is told.

use super::notice::{category_text, open};
use super::{Flow, StatusPress};
use crate::bot::button::Button;
use crate::bot::menu::{button, labelled};
use crate::bot::resident::Ctx;
use crate::bot::{HandlerResult, State};
use crate::domain::complaint::{self as rules, Status, parse_ticket};
use crate::i18n::{Lang, date, datetime_wib, t, targs};
use crate::store::complaints::{self, Action, Complaint, Refused};
use crate::store::now;
use crate::store::seal::Place;
use teloxide::prelude::*;
use teloxide::types::InlineKeyboardMarkup;

/// How many complaints the list shows.
const LIST_LEN: i64 = 10;

pub async fn on_command(cx: &Ctx, arg: &str) -> HandlerResult {
    if arg.is_empty() && cx.caller.role.is_worker() {
        return super::handling::open_list(cx).await;
    }
    if arg.is_empty() {
        return list(cx).await;
    }
    let found = match parse_ticket(arg) {
        Some((year, id)) => {
            let ticket = rules::ticket(year, id);
            complaints::of_reporter_by_ticket(&cx.app.db, cx.caller.tg_id, &ticket).await?
        }
        None => None,
    };
    match found {
        Some(c) => show(cx, &c).await,
        None => {
            let shown: String = arg.chars().take(30).collect();
            let body = targs(
                cx.lang(),
                "complaint-not-found",
                &[("ticket", shown.into())],
            );
            cx.say(&body).await
        }
    }
}

async fn list(cx: &Ctx) -> HandlerResult {
    let lang = cx.lang();
    let mine = complaints::of_reporter(&cx.app.db, cx.caller.tg_id, LIST_LEN).await?;
    if mine.is_empty() {
        return cx.say(&t(lang, "complaint-none")).await;
    }
    let rows: Vec<_> = mine
        .iter()
        .map(|c| {
            let label = format!("{} · {}", c.ticket, t(lang, &c.status.message_id()));
            vec![labelled(label, Button::Status(StatusPress::Open(c.id)))]
        })
        .collect();
    cx.say_with(
        &t(lang, "complaint-list-title"),
        InlineKeyboardMarkup::new(rows),
    )
    .await
}

/// The caller's own complaint `id`, or `None` (someone else's is as good as absent).
async fn own(cx: &Ctx, id: i64) -> anyhow::Result<Option<Complaint>> {
    Ok(complaints::get(&cx.app.db, id)
        .await?
        .filter(|c| c.reporter == Some(cx.caller.tg_id)))
}

/// One complaint: what it is, where it stands, its deadlines, and its history.
async fn show(cx: &Ctx, c: &Complaint) -> HandlerResult {
    let lang = cx.lang();
    let (deadlines, calendar) = super::rules(&cx.app).await?;
    let (response_due, resolve_due) = deadlines.of(&calendar, c.filed_on());
    let place = super::place_name(&cx.app, lang, &c.area).await?;
    let mut lines = vec![targs(
        lang,
        "complaint-detail",
        &[
            ("ticket", c.ticket.clone().into()),
            ("category", category_text(lang, c.category).into()),
            ("place", place.into()),
            ("status", t(lang, &c.status.message_id()).into()),
            ("filed", date(lang, c.filed_on()).into()),
            ("response_due", date(lang, response_due).into()),
            ("resolve_due", date(lang, resolve_due).into()),
            ("open", if c.status.is_open() { "yes" } else { "no" }.into()),
        ],
    )];
    lines.push(t(lang, "complaint-history"));
    for e in complaints::history(&cx.app.db, c.id).await? {
        let Some(event) = e.event() else { continue };
        let note = e.note.as_deref().map(|n| open(&cx.app.seal, n));
        let mut line = targs(
            lang,
            "complaint-history-line",
            &[
                ("when", datetime_wib(lang, e.at).into()),
                ("event", t(lang, &event.message_id()).into()),
            ],
        );
        if let Some(note) = note.filter(|n| !n.is_empty()) {
            let note: String = note.chars().take(300).collect();
            line.push_str(&format!("\n   “{note}”"));
        }
        if e.photo.is_some() {
            line.push_str(" 📷");
        }
        lines.push(line);
    }
    let mut rows = vec![];
    if c.status.is_open() {
        rows.push(vec![button(
            lang,
            "complaint-add",
            Button::Status(StatusPress::Add(c.id)),
        )]);
    }
    if may_reopen(c) {
        rows.push(vec![button(
            lang,
            "complaint-reopen",
            Button::Status(StatusPress::Reopen(c.id)),
        )]);
    }
    let body = lines.join("\n");
    if rows.is_empty() {
        cx.say(&body).await
    } else {
        cx.say_with(&body, InlineKeyboardMarkup::new(rows)).await
    }
}

fn may_reopen(c: &Complaint) -> bool {
    c.status == Status::Resolved
        && c.resolved_at
            .is_some_and(|r| now() - r <= rules::REOPEN_DAYS * 86400)
}

pub async fn on_press(cx: Ctx, q: CallbackQuery, press: StatusPress) -> HandlerResult {
    let lang = cx.lang();
    cx.ack(&q).await?;
    let id = match press {
        StatusPress::List => return list(&cx).await,
        StatusPress::Open(id) | StatusPress::Add(id) | StatusPress::Reopen(id) => id,
    };
    let Some(c) = own(&cx, id).await? else {
        return cx.say(&t(lang, "complaint-not-yours")).await;
    };
    match press {
        StatusPress::Add(_) if c.status.is_open() => {
            cx.dialogue
                .update(State::Complaint(Flow::Adding { complaint: c.id }))
                .await?;
            cx.say(&targs(
                lang,
                "complaint-ask-addition",
                &[("ticket", c.ticket.into())],
            ))
            .await
        }
        StatusPress::Reopen(_) if may_reopen(&c) => {
            cx.dialogue
                .update(State::Complaint(Flow::Reopening { complaint: c.id }))
                .await?;
            cx.say(&targs(
                lang,
                "complaint-ask-reopen",
                &[("ticket", c.ticket.into())],
            ))
            .await
        }
        // Its status moved on since that button was shown: show it as it is now.
        _ => show(&cx, &c).await,
    }
}

/// Text or a photo added to an open complaint.
pub async fn on_addition(cx: &Ctx, complaint: i64, msg: &Message) -> HandlerResult {
    let lang = cx.lang();
    let text = msg
        .text()
        .or(msg.caption())
        .map(str::trim)
        .filter(|t| !t.is_empty());
    let photo = msg
        .photo()
        .and_then(|s| s.last())
        .map(|p| p.file.id.0.clone());
    if text.is_none() && photo.is_none() {
        return cx.say(&t(lang, "complaint-addition-please")).await;
    }
    if let Some(refusal) = text.and_then(|t| super::too_long(lang, t)) {
        return cx.say(&refusal).await;
    }
    let action = Action::Add {
        note: text.map(|t| cx.app.seal.seal_str(Place::Complaint, t)),
        photo,
    };
    finish(cx, complaint, &action, "complaint-added").await
}

/// The reason a resolved complaint is not solved.
pub async fn on_reopen_reason(cx: &Ctx, complaint: i64, msg: &Message) -> HandlerResult {
    let lang = cx.lang();
    let Some(reason) = msg.text().map(str::trim).filter(|t| t.chars().count() >= 3) else {
        return cx.say(&t(lang, "complaint-reopen-reason-please")).await;
    };
    if let Some(refusal) = super::too_long(lang, reason) {
        return cx.say(&refusal).await;
    }
    let action = Action::Reopen {
        reason: cx.app.seal.seal_str(Place::Complaint, reason),
    };
    finish(cx, complaint, &action, "complaint-reopened").await
}

async fn finish(cx: &Ctx, complaint: i64, action: &Action, done: &str) -> HandlerResult {
    let lang = cx.lang();
    cx.idle().await?;
    let Some(c) = own(cx, complaint).await? else {
        return cx.say(&t(lang, "complaint-not-yours")).await;
    };
    super::act_and_say(cx, c.id, action, done).await
}

/// Why a step did not happen, in words.
pub fn refusal(lang: Lang, why: Refused) -> String {
    match why {
        Refused::NotNow(status) => targs(
            lang,
            "complaint-not-now",
            &[("status", t(lang, &status.message_id()).into())],
        ),
        Refused::TooLate => targs(
            lang,
            "complaint-reopen-too-late",
            &[("days", rules::REOPEN_DAYS.into())],
        ),
        Refused::NotTheirArea => t(lang, "complaint-psm-not-here"),
        Refused::Gone => t(lang, "complaint-not-yours"),
    }
}
