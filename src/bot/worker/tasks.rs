//! `/tugas` (a worker's open tasks, a page at a time, each opening to its details) and
//! `/tugaskan` (a TKSK hands a task of the kecamatan to a PSM of its kelurahan).

use super::{Access, access, area_name, due_text, kind_text, toast};
use crate::app::App;
use crate::bot::{HandlerResult, Tg, send};
use crate::domain::role::Role;
use crate::domain::task::TaskKind;
use crate::i18n::{Lang, t, targs};
use crate::store::tasks::{self, Assignment, Task};
use crate::store::users::Caller;
use crate::store::workers;
use std::sync::Arc;
use teloxide::prelude::*;
use teloxide::types::{InlineKeyboardButton, InlineKeyboardMarkup, MessageId};

/// Tasks per page.
pub const PAGE: i64 = 5;

fn pages(count: i64) -> i64 {
    ((count + PAGE - 1) / PAGE).max(1)
}

fn nav(lang: Lang, prefix: &str, page: i64, count: i64) -> Vec<InlineKeyboardButton> {
    let mut row = vec![];
    if page > 0 {
        row.push(InlineKeyboardButton::callback(
            t(lang, "tasks-prev"),
            format!("{prefix}:p:{}", page - 1),
        ));
    }
    if page + 1 < pages(count) {
        row.push(InlineKeyboardButton::callback(
            t(lang, "tasks-next"),
            format!("{prefix}:p:{}", page + 1),
        ));
    }
    row
}

/// One page of a task list: the header (`header_key` with count and page), a line and a
/// button (`{prefix}:{action}:{id}`) per task, and the page buttons.
async fn task_page(
    app: &App,
    lang: Lang,
    header_key: &str,
    list: &[Task],
    (count, page): (i64, i64),
    (prefix, action): (&str, &str),
) -> (String, Vec<Vec<InlineKeyboardButton>>) {
    let mut body = targs(
        lang,
        header_key,
        &[
            ("count", count.into()),
            ("page", (page + 1).into()),
            ("pages", pages(count).into()),
        ],
    );
    body.push('\n');
    let mut rows = vec![];
    for task in list {
        body.push('\n');
        body.push_str(&line(app, lang, task).await);
        rows.push(vec![InlineKeyboardButton::callback(
            targs(
                lang,
                "task-button",
                &[
                    ("id", task.id.into()),
                    ("kind", kind_text(lang, &task.kind).into()),
                ],
            ),
            format!("{prefix}:{action}:{}", task.id),
        )]);
    }
    let nav = nav(lang, prefix, page, count);
    if !nav.is_empty() {
        rows.push(nav);
    }
    (body, rows)
}

async fn line(app: &App, lang: Lang, task: &Task) -> String {
    targs(
        lang,
        "tasks-line",
        &[
            ("id", task.id.into()),
            ("kind", kind_text(lang, &task.kind).into()),
            ("subject", task.subject.clone().into()),
            ("area", area_name(&app.db, &task.area).await.into()),
            ("due", due_text(lang, task.due_date.as_deref()).into()),
        ],
    )
}

/// Shows one page of the caller's open tasks; edits `edit` when paging.
pub async fn show_list(
    bot: &Tg,
    app: &App,
    caller: &Caller,
    page: i64,
    edit: Option<MessageId>,
) -> HandlerResult {
    let lang = caller.lang;
    let Some(worker) = workers::worker_by_tg(&app.db, caller.tg_id).await? else {
        send::text(bot, &app.db, caller.chat(), &t(lang, "tasks-none"), None).await?;
        return Ok(());
    };
    let count = tasks::count_open_for(&app.db, worker.id).await?;
    let mut body;
    let mut rows = vec![];
    if count == 0 {
        body = t(lang, "tasks-none");
    } else {
        let page = page.clamp(0, pages(count) - 1);
        let list = tasks::open_for(&app.db, worker.id, PAGE, page * PAGE).await?;
        (body, rows) =
            task_page(app, lang, "tasks-header", &list, (count, page), ("tg", "o")).await;
    }
    if worker.role() == Role::Tksk {
        let kec = workers::areas(&app.db, worker.id).await?;
        if let Some(kec) = kec.first() {
            let n = tasks::count_to_hand_out(&app.db, kec, worker.id).await?;
            if n > 0 {
                body.push_str("\n\n");
                body.push_str(&targs(lang, "tasks-hand-out-hint", &[("count", n.into())]));
            }
        }
    }
    let keyboard = InlineKeyboardMarkup::new(rows);
    match edit {
        Some(m) => send::edit(bot, &app.db, caller.chat(), m, &body, Some(keyboard)).await?,
        None => {
            send::with_buttons(bot, &app.db, caller.chat(), &body, keyboard).await?;
        }
    }
    Ok(())
}

/// `tg:p:PAGE` and `tg:o:TASK`.
pub async fn on_list_callback(
    bot: Tg,
    app: Arc<App>,
    caller: Caller,
    q: CallbackQuery,
    data: String,
) -> HandlerResult {
    let parts: Vec<&str> = data.split(':').collect();
    match parts.as_slice() {
        ["tg", "p", page] => {
            let Ok(page) = page.parse::<i64>() else {
                return crate::bot::common::stale_button(bot, caller, q).await;
            };
            bot.answer_callback_query(q.id.clone()).await?;
            let edit = q.regular_message().map(|m| m.id);
            show_list(&bot, &app, &caller, page, edit).await
        }
        ["tg", "o", id] => {
            let task = match id.parse::<i64>() {
                Ok(id) => tasks::get(&app.db, id).await?,
                Err(_) => None,
            };
            let Some(task) = task else {
                return toast(&bot, &q, t(caller.lang, "task-not-yours")).await;
            };
            let Some((_, relation)) = access(&app.db, &caller, &task).await? else {
                return toast(&bot, &q, t(caller.lang, "task-not-yours")).await;
            };
            bot.answer_callback_query(q.id.clone()).await?;
            show_task(&bot, &app, &caller, &task, relation).await
        }
        _ => crate::bot::common::stale_button(bot, caller, q).await,
    }
}

/// A task's details and the actions the caller may take on it.
pub async fn show_task(
    bot: &Tg,
    app: &App,
    caller: &Caller,
    task: &Task,
    relation: Access,
) -> HandlerResult {
    let lang = caller.lang;
    let details = subject_details(app, lang, task).await?;
    let assignee = match task.assignee {
        Some(w) => workers::get(&app.db, w)
            .await?
            .map(|w| w.name)
            .unwrap_or_else(|| t(lang, "task-unassigned")),
        None => t(lang, "task-unassigned"),
    };
    let body = targs(
        lang,
        "task-detail",
        &[
            ("id", task.id.into()),
            ("kind", kind_text(lang, &task.kind).into()),
            ("area", area_name(&app.db, &task.area).await.into()),
            ("subject", task.subject.clone().into()),
            ("details", details.into()),
            ("due", due_text(lang, task.due_date.as_deref()).into()),
            (
                "status",
                t(lang, &format!("task-status-{}", task.status)).into(),
            ),
            ("assignee", assignee.into()),
        ],
    );
    let mut rows = vec![];
    if relation == Access::Assignee && task.is_open() {
        rows.push(vec![InlineKeyboardButton::callback(
            t(lang, "task-visit-button"),
            format!("kj:s:{}", task.id),
        )]);
    }
    if caller.role == Role::Tksk && matches!(task.status.as_str(), "new" | "assigned") {
        rows.push(vec![InlineKeyboardButton::callback(
            t(lang, "task-hand-out-button"),
            format!("tk:t:{}", task.id),
        )]);
    }
    send::with_buttons(
        bot,
        &app.db,
        caller.chat(),
        &body,
        InlineKeyboardMarkup::new(rows),
    )
    .await?;
    Ok(())
}

/// name, address, rt, rw, criteria met
type ProposalRow = (String, String, Option<String>, Option<String>, i64);
/// masked KK, address, rt, rw
type HouseholdRow = (String, Option<String>, Option<String>, Option<String>);

/// What the worker needs to find the household: shown only to those with access to the task.
async fn subject_details(app: &App, lang: Lang, task: &Task) -> anyhow::Result<String> {
    match task.kind() {
        Some(TaskKind::VerifyProposal) => {
            let row: Option<ProposalRow> = sqlx::query_as(
                "SELECT name, address, rt, rw, criteria_met FROM proposals WHERE number = $1",
            )
            .bind(&task.subject)
            .fetch_optional(&app.db.pool)
            .await?;
            Ok(match row {
                Some((name, address, rt, rw, met)) => targs(
                    lang,
                    "task-details-proposal",
                    &[
                        ("name", name.into()),
                        ("address", with_rt_rw(address, rt, rw).into()),
                        ("met", met.into()),
                    ],
                ),
                None => t(lang, "task-details-none"),
            })
        }
        Some(TaskKind::ReverifyKpm) => {
            let id = task.subject.parse::<i64>().unwrap_or(-1);
            let row: Option<HouseholdRow> =
                sqlx::query_as("SELECT kk_masked, address, rt, rw FROM households WHERE id = $1")
                    .bind(id)
                    .fetch_optional(&app.db.pool)
                    .await?;
            Ok(match row {
                Some((kk, address, rt, rw)) => targs(
                    lang,
                    "task-details-household",
                    &[
                        ("kk", kk.into()),
                        (
                            "address",
                            with_rt_rw(address.unwrap_or_else(|| "-".into()), rt, rw).into(),
                        ),
                    ],
                ),
                None => t(lang, "task-details-none"),
            })
        }
        _ => Ok(t(lang, "task-details-none")),
    }
}

fn with_rt_rw(address: String, rt: Option<String>, rw: Option<String>) -> String {
    match (rt, rw) {
        (Some(rt), Some(rw)) => format!("{address}, RT {rt}/RW {rw}"),
        _ => address,
    }
}

/// `/tugaskan [ID]`.
pub async fn on_tugaskan(bot: &Tg, app: &App, caller: &Caller, arg: &str) -> HandlerResult {
    if arg.is_empty() {
        return show_handout(bot, app, caller, 0, None).await;
    }
    let Ok(id) = arg.trim_start_matches('#').parse::<i64>() else {
        send::text(
            bot,
            &app.db,
            caller.chat(),
            &t(caller.lang, "task-bad-id"),
            None,
        )
        .await?;
        return Ok(());
    };
    choose_psm(bot, app, caller, id, None).await
}

async fn show_handout(
    bot: &Tg,
    app: &App,
    caller: &Caller,
    page: i64,
    edit: Option<MessageId>,
) -> HandlerResult {
    let lang = caller.lang;
    let worker = workers::worker_by_tg(&app.db, caller.tg_id).await?;
    let kec = match &worker {
        Some(w) => workers::areas(&app.db, w.id).await?.into_iter().next(),
        None => None,
    };
    // A TKSK without a kecamatan (or revoked meanwhile) has nothing to hand out: say so.
    let (Some(worker), Some(kec)) = (worker, kec) else {
        send::text(bot, &app.db, caller.chat(), &t(lang, "handout-none"), None).await?;
        return Ok(());
    };
    let count = tasks::count_to_hand_out(&app.db, &kec, worker.id).await?;
    if count == 0 {
        send::text(bot, &app.db, caller.chat(), &t(lang, "handout-none"), None).await?;
        return Ok(());
    }
    let page = page.clamp(0, pages(count) - 1);
    let list = tasks::to_hand_out(&app.db, &kec, worker.id, PAGE, page * PAGE).await?;
    let (body, rows) = task_page(
        app,
        lang,
        "handout-header",
        &list,
        (count, page),
        ("tk", "t"),
    )
    .await;
    let keyboard = InlineKeyboardMarkup::new(rows);
    match edit {
        Some(m) => send::edit(bot, &app.db, caller.chat(), m, &body, Some(keyboard)).await?,
        None => {
            send::with_buttons(bot, &app.db, caller.chat(), &body, keyboard).await?;
        }
    }
    Ok(())
}

/// A TKSK's task that can still be handed out, or the polite reason why not.
async fn handout_task(
    app: &App,
    caller: &Caller,
    id: i64,
) -> anyhow::Result<Result<Task, &'static str>> {
    let Some(task) = tasks::get(&app.db, id).await? else {
        return Ok(Err("task-not-yours"));
    };
    if access(&app.db, caller, &task).await?.is_none() {
        return Ok(Err("task-not-yours"));
    }
    if !matches!(task.status.as_str(), "new" | "assigned") {
        return Ok(Err("handout-not-open"));
    }
    Ok(Ok(task))
}

async fn choose_psm(
    bot: &Tg,
    app: &App,
    caller: &Caller,
    id: i64,
    q: Option<&CallbackQuery>,
) -> HandlerResult {
    let lang = caller.lang;
    let task = match handout_task(app, caller, id).await? {
        Ok(task) => task,
        Err(key) => {
            return match q {
                Some(q) => toast(bot, q, t(lang, key)).await,
                None => {
                    let body = match key {
                        "task-not-yours" => targs(lang, "task-not-found", &[("id", id.into())]),
                        k => t(lang, k),
                    };
                    send::text(bot, &app.db, caller.chat(), &body, None).await?;
                    Ok(())
                }
            };
        }
    };
    if let Some(q) = q {
        bot.answer_callback_query(q.id.clone()).await?;
    }
    let area = area_name(&app.db, &task.area).await;
    let psm: Vec<_> = workers::psm_of(&app.db, &task.area)
        .await?
        .into_iter()
        .filter(|w| w.tg_id.is_some())
        .collect();
    if psm.is_empty() {
        let body = targs(lang, "handout-no-psm", &[("area", area.into())]);
        send::text(bot, &app.db, caller.chat(), &body, None).await?;
        return Ok(());
    }
    let body = targs(
        lang,
        "handout-choose-psm",
        &[
            ("id", task.id.into()),
            ("kind", kind_text(lang, &task.kind).into()),
            ("area", area.into()),
        ],
    );
    let rows = psm
        .into_iter()
        .map(|w| {
            vec![InlineKeyboardButton::callback(
                w.name,
                format!("tk:a:{}:{}", task.id, w.id),
            )]
        })
        .collect::<Vec<_>>();
    send::with_buttons(
        bot,
        &app.db,
        caller.chat(),
        &body,
        InlineKeyboardMarkup::new(rows),
    )
    .await?;
    Ok(())
}

/// `tk:p:PAGE`, `tk:t:TASK` (choose a PSM), `tk:a:TASK:WORKER` (hand it over).
pub async fn on_handout_callback(
    bot: Tg,
    app: Arc<App>,
    caller: Caller,
    q: CallbackQuery,
    data: String,
) -> HandlerResult {
    let lang = caller.lang;
    let parts: Vec<&str> = data.split(':').collect();
    let num = |s: &str| s.parse::<i64>().ok();
    match parts.as_slice() {
        ["tk", "p", page] if num(page).is_some() => {
            bot.answer_callback_query(q.id.clone()).await?;
            let edit = q.regular_message().map(|m| m.id);
            show_handout(&bot, &app, &caller, num(page).unwrap_or(0), edit).await
        }
        ["tk", "t", id] if num(id).is_some() => {
            choose_psm(&bot, &app, &caller, num(id).unwrap_or(0), Some(&q)).await
        }
        ["tk", "a", id, worker] if num(id).is_some() && num(worker).is_some() => {
            let task = match handout_task(&app, &caller, num(id).unwrap_or(0)).await? {
                Ok(task) => task,
                Err(key) => return toast(&bot, &q, t(lang, key)).await,
            };
            // The PSM must be active, enrolled and cover the task's kelurahan.
            let psm = workers::psm_of(&app.db, &task.area)
                .await?
                .into_iter()
                .find(|w| Some(w.id) == num(worker) && w.tg_id.is_some());
            let Some(psm) = psm else {
                return toast(&bot, &q, t(lang, "handout-bad-psm")).await;
            };
            match tasks::assign(&app.db, &task, &psm, caller.tg_id).await? {
                Assignment::NotOpen => toast(&bot, &q, t(lang, "handout-not-open")).await,
                Assignment::Assigned => {
                    app.outbox_ready.notify_one();
                    bot.answer_callback_query(q.id.clone()).await?;
                    let body = targs(
                        lang,
                        "handout-done",
                        &[("id", task.id.into()), ("name", psm.name.clone().into())],
                    );
                    match q.regular_message() {
                        Some(m) => {
                            send::edit(&bot, &app.db, caller.chat(), m.id, &body, None).await?
                        }
                        None => {
                            send::text(&bot, &app.db, caller.chat(), &body, None).await?;
                        }
                    }
                    Ok(())
                }
            }
        }
        _ => crate::bot::common::stale_button(bot, caller, q).await,
    }
}
