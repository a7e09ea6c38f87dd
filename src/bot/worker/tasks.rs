//! `/tugas` (a worker's open tasks, a page at a time, each opening to its details) and
//! `/tugaskan` (a TKSK hands a task of the kecamatan to a PSM of its kelurahan).

use super::{Access, access, due_text, place_name, toast};
use crate::app::App;
use crate::bot::button::{Button, HandoutPress, TaskPress, VisitPress};
use crate::bot::menu::labelled;
use crate::bot::notice::kind_text;
use crate::bot::{ChatOf, HandlerResult, Tg, send};
use crate::domain::lang::Lang;
use crate::domain::role::Role;
use crate::i18n::{self, t, targs};
use crate::store::regions;
use crate::store::tasks::{self, Assignment, Subject, Task, with_rt_rw};
use crate::store::users::Caller;
use crate::store::workers::{self, Worker};
use std::collections::HashMap;
use std::sync::Arc;
use teloxide::prelude::*;
use teloxide::types::{InlineKeyboardButton, InlineKeyboardMarkup, MessageId};

/// Tasks per page.
pub const PAGE: i64 = 4;

fn pages(count: i64) -> i64 {
    ((count + PAGE - 1) / PAGE).max(1)
}

/// One list: which header, which button opens a task, which button turns a page.
struct Listing {
    header: &'static str,
    /// One task's lines: a TKSK handing tasks out also needs the desa/kelurahan.
    line: &'static str,
    open: fn(i64) -> Button,
    page: fn(i64) -> Button,
}

const MY_TASKS: Listing = Listing {
    header: "tasks-header",
    line: "tasks-line",
    open: |id| Button::Tasks(TaskPress::Open(id)),
    page: |p| Button::Tasks(TaskPress::Page(p)),
};

const HANDOUT: Listing = Listing {
    header: "handout-header",
    line: "handout-line",
    open: |id| Button::Handout(HandoutPress::Choose(id)),
    page: |p| Button::Handout(HandoutPress::Page(p)),
};

fn nav(lang: Lang, listing: &Listing, page: i64, count: i64) -> Vec<InlineKeyboardButton> {
    let mut row = vec![];
    if page > 0 {
        row.push(labelled(t(lang, "tasks-prev"), (listing.page)(page - 1)));
    }
    if page + 1 < pages(count) {
        row.push(labelled(t(lang, "tasks-next"), (listing.page)(page + 1)));
    }
    row
}

/// One page of a task list: the header with count and page, a line and a button per task, and
/// the page buttons. The areas' names come in one query.
async fn task_page(
    app: &App,
    lang: Lang,
    listing: &Listing,
    list: &[Task],
    (count, page): (i64, i64),
) -> anyhow::Result<(String, Vec<Vec<InlineKeyboardButton>>)> {
    let codes: Vec<&str> = list.iter().map(|t| t.area.as_str()).collect();
    let names = regions::names(&app.db, &codes).await?;
    let labels = tasks::labels(&app.db, list).await?;
    let mut body = targs(
        lang,
        listing.header,
        &[
            ("count", count.into()),
            ("shown", i18n::number(lang, count).into()),
            ("page", (page + 1).into()),
            ("pages", pages(count).into()),
        ],
    );
    body.push('\n');
    let mut rows = vec![];
    for task in list {
        body.push('\n');
        body.push_str(&line(lang, listing.line, task, &names, &labels));
        let label = targs(
            lang,
            "task-button",
            &[
                ("id", task.id.into()),
                ("kind", kind_text(lang, task.kind).into()),
            ],
        );
        rows.push(vec![labelled(label, (listing.open)(task.id))]);
    }
    let nav = nav(lang, listing, page, count);
    if !nav.is_empty() {
        rows.push(nav);
    }
    Ok((body, rows))
}

fn line(
    lang: Lang,
    key: &str,
    task: &Task,
    names: &HashMap<String, String>,
    labels: &HashMap<i64, String>,
) -> String {
    let area = match names.get(&task.area) {
        Some(name) => i18n::place(lang, &task.area, name),
        None => task.area.clone(),
    };
    let subject = labels.get(&task.id).unwrap_or(&task.subject);
    targs(
        lang,
        key,
        &[
            ("id", task.id.into()),
            ("kind", kind_text(lang, task.kind).into()),
            ("subject", subject.clone().into()),
            ("area", area.into()),
            ("due", due_text(lang, task).into()),
        ],
    )
}

/// Sends a list, or edits the message it was paged on.
async fn show(
    bot: &Tg,
    app: &App,
    caller: &Caller,
    body: &str,
    rows: Vec<Vec<InlineKeyboardButton>>,
    edit: Option<MessageId>,
) -> HandlerResult {
    let keyboard = InlineKeyboardMarkup::new(rows);
    match edit {
        Some(m) => send::edit(bot, &app.db, caller.chat(), m, body, Some(keyboard)).await?,
        None => {
            send::with_buttons(bot, &app.db, caller.chat(), body, keyboard).await?;
        }
    }
    Ok(())
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
    let (mut body, rows) = if count == 0 {
        (t(lang, "tasks-none"), vec![])
    } else {
        let page = page.clamp(0, pages(count) - 1);
        let list = tasks::open_for(&app.db, worker.id, PAGE, page * PAGE).await?;
        task_page(app, lang, &MY_TASKS, &list, (count, page)).await?
    };
    if let Some(hint) = handout_hint(app, lang, &worker).await? {
        body.push_str("\n\n");
        body.push_str(&hint);
    }
    show(bot, app, caller, &body, rows, edit).await
}

/// For a TKSK: how many tasks of their kecamatan wait to be handed out.
async fn handout_hint(app: &App, lang: Lang, worker: &Worker) -> anyhow::Result<Option<String>> {
    if worker.role != Role::Tksk {
        return Ok(None);
    }
    let Some(kec) = workers::areas(&app.db, worker.id).await?.into_iter().next() else {
        return Ok(None);
    };
    let n = tasks::count_to_hand_out(&app.db, &kec, worker.id).await?;
    Ok((n > 0).then(|| {
        targs(
            lang,
            "tasks-hand-out-hint",
            &[("count", n.into()), ("shown", i18n::number(lang, n).into())],
        )
    }))
}

/// A press in the task list: a page, or a task to open.
pub async fn on_list_press(
    bot: Tg,
    app: Arc<App>,
    caller: Caller,
    q: CallbackQuery,
    press: TaskPress,
) -> HandlerResult {
    match press {
        TaskPress::Page(page) => {
            bot.answer_callback_query(q.id.clone()).await?;
            let edit = q.regular_message().map(|m| m.id);
            show_list(&bot, &app, &caller, page, edit).await
        }
        TaskPress::Open(id) => {
            let task = tasks::get(&app.db, id).await?;
            let relation = match &task {
                Some(task) => access(&app.db, &caller, task).await?,
                None => None,
            };
            let (Some(task), Some((_, relation))) = (task, relation) else {
                return toast(&bot, &q, t(caller.lang, "task-not-yours")).await;
            };
            bot.answer_callback_query(q.id.clone()).await?;
            show_task(&bot, &app, &caller, &task, relation).await
        }
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
    let details = subject_text(lang, task, tasks::subject(&app.db, task).await?);
    let assignee = match task.assignee {
        Some(w) => workers::get(&app.db, w).await?.map(|w| w.name),
        None => None,
    };
    let status = t(lang, &format!("task-status-{}", task.status.code()));
    let body = targs(
        lang,
        "task-detail",
        &[
            ("id", task.id.into()),
            ("kind", kind_text(lang, task.kind).into()),
            ("area", place_name(&app.db, lang, &task.area).await.into()),
            ("details", details.into()),
            ("due", due_text(lang, task).into()),
            ("status", status.into()),
            (
                "assignee",
                assignee
                    .unwrap_or_else(|| t(lang, "task-unassigned"))
                    .into(),
            ),
        ],
    );
    let mut rows = vec![];
    if relation == Access::Assignee && task.is_open() {
        let visit = Button::Visit {
            task: task.id,
            press: VisitPress::Start,
        };
        rows.push(vec![labelled(t(lang, "task-visit-button"), visit)]);
    }
    if caller.role == Role::Tksk && task.status.can_hand_out() {
        let hand_out = Button::Handout(HandoutPress::Choose(task.id));
        rows.push(vec![labelled(t(lang, "task-hand-out-button"), hand_out)]);
    }
    show(bot, app, caller, &body, rows, None).await
}

/// What the worker needs to find the household: who lives there, the masked No. KK, the
/// address with RT/RW.
fn subject_text(lang: Lang, task: &Task, subject: Option<Subject>) -> String {
    match subject {
        Some(Subject::Proposal {
            number,
            name,
            address,
            rt,
            rw,
            criteria_met,
        }) => targs(
            lang,
            "task-details-proposal",
            &[
                ("number", number.into()),
                ("name", name.into()),
                ("address", with_rt_rw(&address, &rt, &rw).into()),
                ("met", criteria_met.into()),
            ],
        ),
        Some(Subject::Household {
            members,
            kk_masked,
            address,
            rt,
            rw,
        }) => {
            let address = with_rt_rw(address.as_deref().unwrap_or("-"), &rt, &rw);
            let shown = members
                .iter()
                .take(3)
                .cloned()
                .collect::<Vec<_>>()
                .join(", ");
            let more = members.len().saturating_sub(3) as i64;
            targs(
                lang,
                "task-details-household",
                &[
                    ("members", shown.into()),
                    ("more", more.into()),
                    ("kk", kk_masked.into()),
                    ("address", address.into()),
                ],
            )
        }
        None => targs(
            lang,
            "task-details-none",
            &[("subject", task.subject.clone().into())],
        ),
    }
}

/// `/tugaskan [ID]`.
pub async fn on_tugaskan(bot: &Tg, app: &App, caller: &Caller, arg: &str) -> HandlerResult {
    if arg.is_empty() {
        return show_handout(bot, app, caller, 0, None).await;
    }
    let Ok(id) = arg.trim_start_matches('#').parse::<i64>() else {
        let body = t(caller.lang, "task-bad-id");
        send::text(bot, &app.db, caller.chat(), &body, None).await?;
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
        return nothing_to_hand_out(bot, app, caller).await;
    };
    let count = tasks::count_to_hand_out(&app.db, &kec, worker.id).await?;
    if count == 0 {
        return nothing_to_hand_out(bot, app, caller).await;
    }
    let page = page.clamp(0, pages(count) - 1);
    let list = tasks::to_hand_out(&app.db, &kec, worker.id, PAGE, page * PAGE).await?;
    let (body, rows) = task_page(app, lang, &HANDOUT, &list, (count, page)).await?;
    show(bot, app, caller, &body, rows, edit).await
}

async fn nothing_to_hand_out(bot: &Tg, app: &App, caller: &Caller) -> HandlerResult {
    let body = t(caller.lang, "handout-none");
    send::text(bot, &app.db, caller.chat(), &body, None).await?;
    Ok(())
}

/// Why a task cannot be handed out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum NotHandable {
    /// Unknown, or outside the caller's kecamatan.
    NotYours,
    /// Being visited, done or cancelled.
    NotOpen,
}

impl NotHandable {
    /// The short answer (a toast).
    fn key(self) -> &'static str {
        match self {
            NotHandable::NotYours => "task-not-yours",
            NotHandable::NotOpen => "handout-not-open",
        }
    }
}

/// A TKSK's task that can still be handed out, or why not.
async fn handout_task(
    app: &App,
    caller: &Caller,
    id: i64,
) -> anyhow::Result<Result<Task, NotHandable>> {
    let Some(task) = tasks::get(&app.db, id).await? else {
        return Ok(Err(NotHandable::NotYours));
    };
    if access(&app.db, caller, &task).await?.is_none() {
        return Ok(Err(NotHandable::NotYours));
    }
    if !task.status.can_hand_out() {
        return Ok(Err(NotHandable::NotOpen));
    }
    Ok(Ok(task))
}

/// The PSM of the task's kelurahan to choose from (after a press, or `/tugaskan ID`).
async fn choose_psm(
    bot: &Tg,
    app: &App,
    caller: &Caller,
    id: i64,
    q: Option<&CallbackQuery>,
) -> HandlerResult {
    let lang = caller.lang;
    let task = match (handout_task(app, caller, id).await?, q) {
        (Ok(task), _) => task,
        (Err(why), Some(q)) => return toast(bot, q, t(lang, why.key())).await,
        (Err(why), None) => {
            // Typed as a command: the longer answer names the number.
            let body = match why {
                NotHandable::NotYours => targs(lang, "task-not-found", &[("id", id.into())]),
                NotHandable::NotOpen => t(lang, why.key()),
            };
            send::text(bot, &app.db, caller.chat(), &body, None).await?;
            return Ok(());
        }
    };
    if let Some(q) = q {
        bot.answer_callback_query(q.id.clone()).await?;
    }
    let area = place_name(&app.db, lang, &task.area).await;
    let psm = enrolled_psm(app, &task).await?;
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
            ("kind", kind_text(lang, task.kind).into()),
            ("area", area.into()),
        ],
    );
    let rows = psm
        .into_iter()
        .map(|w| {
            let press = HandoutPress::Assign {
                task: task.id,
                worker: w.id,
            };
            vec![labelled(w.name, Button::Handout(press))]
        })
        .collect();
    show(bot, app, caller, &body, rows, None).await
}

/// The active, enrolled PSM covering the task's kelurahan.
async fn enrolled_psm(app: &App, task: &Task) -> anyhow::Result<Vec<Worker>> {
    Ok(workers::psm_of(&app.db, &task.area)
        .await?
        .into_iter()
        .filter(|w| w.tg_id.is_some())
        .collect())
}

/// A press in `/tugaskan`: a page, a task to hand out, or the PSM to hand it to.
pub async fn on_handout_press(
    bot: Tg,
    app: Arc<App>,
    caller: Caller,
    q: CallbackQuery,
    press: HandoutPress,
) -> HandlerResult {
    match press {
        HandoutPress::Page(page) => {
            bot.answer_callback_query(q.id.clone()).await?;
            let edit = q.regular_message().map(|m| m.id);
            show_handout(&bot, &app, &caller, page, edit).await
        }
        HandoutPress::Choose(id) => choose_psm(&bot, &app, &caller, id, Some(&q)).await,
        HandoutPress::Assign { task, worker } => {
            assign(&bot, &app, &caller, &q, task, worker).await
        }
    }
}

async fn assign(
    bot: &Tg,
    app: &App,
    caller: &Caller,
    q: &CallbackQuery,
    id: i64,
    worker: i64,
) -> HandlerResult {
    let lang = caller.lang;
    let task = match handout_task(app, caller, id).await? {
        Ok(task) => task,
        Err(why) => return toast(bot, q, t(lang, why.key())).await,
    };
    // The PSM must be active, enrolled and cover the task's kelurahan.
    let psm = enrolled_psm(app, &task)
        .await?
        .into_iter()
        .find(|w| w.id == worker);
    let Some(psm) = psm else {
        return toast(bot, q, t(lang, "handout-bad-psm")).await;
    };
    if tasks::assign(&app.db, &app.seal, &task, &psm, caller.tg_id).await? == Assignment::NotOpen {
        return toast(bot, q, t(lang, "handout-not-open")).await;
    }
    app.outbox_ready.notify_one();
    bot.answer_callback_query(q.id.clone()).await?;
    let body = targs(
        lang,
        "handout-done",
        &[("id", task.id.into()), ("name", psm.name.clone().into())],
    );
    match q.regular_message() {
        Some(m) => send::edit(bot, &app.db, caller.chat(), m.id, &body, None).await?,
        None => {
            send::text(bot, &app.db, caller.chat(), &body, None).await?;
        }
    }
    Ok(())
}
