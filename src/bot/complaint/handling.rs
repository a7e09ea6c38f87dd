//! A handler's side of a complaint: take it, hand it to a PSM of its kelurahan, answer it with a
//! note (resolved) or reject it with a reason. Every press is checked against the caller
//! ([`access`]); the reporter is told through the outbox, never shown who they are when they
//! chose to stay anonymous.

use super::{Flow, HandlePress};
use crate::bot::button::Button;
use crate::bot::menu::labelled;
use crate::bot::resident::Ctx;
use crate::bot::worker::toast;
use crate::bot::{HandlerResult, State};
use crate::domain::region;
use crate::domain::role::Role;
use crate::i18n::{t, targs};
use crate::store::complaints::{self, Action, Complaint};
use crate::store::seal::Place;
use crate::store::workers::{self, Worker};
use teloxide::prelude::*;
use teloxide::types::InlineKeyboardMarkup;

/// The caller's worker record when they may handle `c`: its handler, a TKSK whose kecamatan
/// holds it, or a Dinas Sosial operator whose area does.
pub async fn access(cx: &Ctx, c: &Complaint) -> anyhow::Result<Option<Worker>> {
    let Some(w) = workers::worker_by_tg(&cx.app.db, cx.caller.tg_id).await? else {
        return Ok(None);
    };
    if c.handler == Some(w.id) {
        return Ok(Some(w));
    }
    if matches!(w.role, Role::Tksk | Role::Dinsos) {
        let areas = workers::areas(&cx.app.db, w.id).await?;
        if areas.iter().any(|a| region::contains(a, &c.area)) {
            return Ok(Some(w));
        }
    }
    Ok(None)
}

pub async fn on_press(
    cx: Ctx,
    q: CallbackQuery,
    (complaint, press): (i64, HandlePress),
) -> HandlerResult {
    let lang = cx.lang();
    let found = complaints::get(&cx.app.db, complaint).await?;
    let (c, worker) = match found {
        Some(c) => match access(&cx, &c).await? {
            Some(w) => (c, w),
            None => return toast(&cx.bot, &q, t(lang, "role-refused-short")).await,
        },
        None => return toast(&cx.bot, &q, t(lang, "button-stale")).await,
    };
    if !c.status.is_open() {
        let body = targs(
            lang,
            "complaint-not-now",
            &[("status", t(lang, &c.status.message_id()).into())],
        );
        return toast(&cx.bot, &q, body).await;
    }
    match press {
        HandlePress::Open => {
            cx.ack(&q).await?;
            show(cx.clone(), &c, worker.role).await
        }
        HandlePress::Take if worker.role != Role::Psm => {
            cx.ack(&q).await?;
            act(
                &cx,
                &c,
                &Action::Take { worker: worker.id },
                "complaint-taken",
            )
            .await
        }
        HandlePress::Handout if worker.role == Role::Tksk => {
            cx.ack(&q).await?;
            let psm = workers::psm_of(&cx.app.db, &c.area).await?;
            let rows: Vec<_> = psm
                .into_iter()
                .filter(|p| p.tg_id.is_some())
                .map(|p| {
                    let to = Button::Handle {
                        complaint: c.id,
                        press: HandlePress::To(p.id),
                    };
                    vec![labelled(p.name, to)]
                })
                .collect();
            if rows.is_empty() {
                return cx.say(&t(lang, "complaint-no-psm")).await;
            }
            let body = targs(
                lang,
                "complaint-pick-psm",
                &[("ticket", c.ticket.clone().into())],
            );
            cx.say_with(&body, InlineKeyboardMarkup::new(rows)).await
        }
        HandlePress::To(psm) if worker.role == Role::Tksk => {
            cx.ack(&q).await?;
            let action = Action::Assign { by: worker.id, psm };
            act(&cx, &c, &action, "complaint-handed").await
        }
        HandlePress::Resolve | HandlePress::Reject => {
            cx.ack(&q).await?;
            let resolve = press == HandlePress::Resolve;
            cx.dialogue
                .update(State::Complaint(Flow::Answering {
                    complaint: c.id,
                    resolve,
                }))
                .await?;
            let key = if resolve {
                "complaint-ask-note"
            } else {
                "complaint-ask-reason"
            };
            cx.say(&targs(lang, key, &[("ticket", c.ticket.clone().into())]))
                .await
        }
        _ => toast(&cx.bot, &q, t(lang, "role-refused-short")).await,
    }
}

/// How many open complaints a handler's list shows.
const OPEN_LIST: i64 = 20;

/// `/status` for a worker: the open complaints of their area (a TKSK's kecamatan, an
/// operator's area; a PSM's those handed to them), oldest first, as buttons.
pub async fn open_list(cx: &Ctx) -> HandlerResult {
    let lang = cx.lang();
    let Some(w) = workers::worker_by_tg(&cx.app.db, cx.caller.tg_id).await? else {
        return cx.say(&t(lang, "complaint-none")).await;
    };
    let mut list = Vec::new();
    for area in workers::areas(&cx.app.db, w.id).await? {
        list.extend(complaints::open_in(&cx.app.db, &area, OPEN_LIST).await?);
    }
    if w.role == Role::Psm {
        list.retain(|c| c.handler == Some(w.id));
    }
    list.sort_by_key(|c| c.id);
    list.dedup_by_key(|c| c.id);
    list.truncate(OPEN_LIST as usize);
    if list.is_empty() {
        return cx.say(&t(lang, "complaint-open-none")).await;
    }
    let rows: Vec<_> = list
        .iter()
        .map(|c| {
            let label = format!("{} · {}", c.ticket, t(lang, &c.status.message_id()));
            let open = Button::Handle {
                complaint: c.id,
                press: HandlePress::Open,
            };
            vec![labelled(label, open)]
        })
        .collect();
    cx.say_with(
        &t(lang, "complaint-open-title"),
        InlineKeyboardMarkup::new(rows),
    )
    .await
}

/// A complaint as its handler sees it, with the buttons to handle it.
async fn show(cx: Ctx, c: &Complaint, role: Role) -> HandlerResult {
    let lang = cx.lang();
    let (deadlines, calendar) = super::rules(&cx.app).await?;
    let (response_due, resolve_due) = deadlines.of(&calendar, c.filed_on());
    let place = super::place_name(&cx.app, lang, &c.area).await?;
    let notice = c.handler_notice(place, (response_due, resolve_due), role);
    let r = crate::bot::notice::render(lang, &notice, &cx.app.seal);
    match r.keyboard {
        Some(k) => cx.say_with(&r.text, k).await,
        None => cx.say(&r.text).await,
    }
}

/// The handler's note (resolving) or reason (rejecting).
pub async fn on_answer(cx: &Ctx, complaint: i64, resolve: bool, msg: &Message) -> HandlerResult {
    let lang = cx.lang();
    let Some(text) = msg.text().map(str::trim).filter(|t| t.chars().count() >= 3) else {
        let key = if resolve {
            "complaint-note-please"
        } else {
            "complaint-reason-please"
        };
        return cx.say(&t(lang, key)).await;
    };
    if let Some(refusal) = super::too_long(lang, text) {
        return cx.say(&refusal).await;
    }
    cx.idle().await?;
    let Some(c) = complaints::get(&cx.app.db, complaint).await? else {
        return cx.say(&t(lang, "button-stale")).await;
    };
    let Some(worker) = access(cx, &c).await? else {
        return cx.say(&t(lang, "role-refused")).await;
    };
    let sealed = cx.app.seal.seal_str(Place::Complaint, text);
    let (action, done) = if resolve {
        (
            Action::Resolve {
                worker: worker.id,
                note: sealed,
            },
            "complaint-resolved",
        )
    } else {
        (
            Action::Reject {
                worker: worker.id,
                reason: sealed,
            },
            "complaint-rejected",
        )
    };
    act(cx, &c, &action, done).await
}

async fn act(cx: &Ctx, c: &Complaint, action: &Action, done: &str) -> HandlerResult {
    super::act_and_say(cx, c.id, action, done).await
}
