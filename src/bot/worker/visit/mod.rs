//! `/kunjungan`: the home-visit log, made for a phone in a doorway. Location (or a reason to
//! skip it), the result as the SIKS-NG form has it, for a proposal the 14 criteria confirmed or
//! corrected, a photo, notes, a summary, then one transaction (`store::visits::commit`, where a
//! visit's row is written). Every step is kept in the dialogue table, so a restart or a lost
//! connection resumes where the worker was.
//!
//! [`draft`] holds the steps and their transitions, [`screens`] what each step shows; this
//! module reads the worker's input and applies them.

pub mod draft;
pub mod screens;

use super::{Access, Flow, access, toast};
use crate::app::App;
use crate::bot::button::{Button, VisitPress};
use crate::bot::menu::labelled;
use crate::bot::notice::kind_text;
use crate::bot::{ChatOf, Dlg, HandlerResult, State, Tg, send};
use crate::domain::lang::Lang;
use crate::domain::task::VisitResult;
use crate::i18n::{t, targs};
use crate::store::tasks::{self, Task};
use crate::store::users::Caller;
use crate::store::visits::{self, Commit, NewVisit};
use crate::store::workers::{self, Worker};
use draft::{Step, Visit, needs_criteria};
use screens::{ask, criteria_screen, remove_keyboard};
use std::sync::Arc;
use teloxide::prelude::*;
use teloxide::types::InlineKeyboardMarkup;

/// The handlers' common arguments.
struct Cx<'a> {
    bot: &'a Tg,
    app: &'a App,
    caller: &'a Caller,
    dialogue: &'a Dlg,
}

impl<'a> Cx<'a> {
    fn new(bot: &'a Tg, app: &'a App, caller: &'a Caller, dialogue: &'a Dlg) -> Cx<'a> {
        Cx {
            bot,
            app,
            caller,
            dialogue,
        }
    }
    fn lang(&self) -> Lang {
        self.caller.lang
    }
    async fn say(&self, text: &str) -> HandlerResult {
        send::text(self.bot, &self.app.db, self.caller.chat(), text, None).await?;
        Ok(())
    }
    /// Saves the visit at its new step and asks that step's question.
    async fn advance(&self, task: &Task, v: Visit) -> HandlerResult {
        self.dialogue
            .update(State::Worker(Flow::Visit(v.clone())))
            .await?;
        ask(self.bot, self.app, self.caller, task, &v, None).await
    }
    /// Asks the current question again after saying what was wrong.
    async fn again(&self, task: &Task, v: &Visit, why: &str) -> HandlerResult {
        ask(self.bot, self.app, self.caller, task, v, Some(why)).await
    }
}

/// `/kunjungan [ID]`.
pub async fn on_command(
    bot: &Tg,
    app: &App,
    caller: &Caller,
    dialogue: &Dlg,
    arg: &str,
) -> HandlerResult {
    let cx = Cx::new(bot, app, caller, dialogue);
    if arg.is_empty() {
        return choose_task(&cx).await;
    }
    let Ok(id) = arg.trim_start_matches('#').parse::<i64>() else {
        return cx.say(&t(cx.lang(), "task-bad-id")).await;
    };
    match my_open_task(app, caller, id).await? {
        Some((task, worker)) => start(&cx, &task, &worker).await,
        None => {
            cx.say(&targs(cx.lang(), "task-not-found", &[("id", id.into())]))
                .await
        }
    }
}

/// The caller's open tasks as buttons, to start a visit.
async fn choose_task(cx: &Cx<'_>) -> HandlerResult {
    let lang = cx.lang();
    let Some(worker) = workers::worker_by_tg(&cx.app.db, cx.caller.tg_id).await? else {
        return Ok(());
    };
    let list = tasks::open_for(&cx.app.db, worker.id, 10, 0).await?;
    if list.is_empty() {
        return cx.say(&t(lang, "visit-no-tasks")).await;
    }
    let labels = tasks::labels(&cx.app.db, &list).await?;
    let rows = list
        .iter()
        .map(|task| {
            let label = format!(
                "#{} {} · {}",
                task.id,
                kind_text(lang, task.kind),
                labels.get(&task.id).unwrap_or(&task.subject)
            );
            let start = Button::Visit {
                task: task.id,
                press: VisitPress::Start,
            };
            vec![labelled(label, start)]
        })
        .collect::<Vec<_>>();
    let keyboard = InlineKeyboardMarkup::new(rows);
    let chat = cx.caller.chat();
    send::with_buttons(
        cx.bot,
        &cx.app.db,
        chat,
        &t(lang, "visit-choose-task"),
        keyboard,
    )
    .await?;
    Ok(())
}

/// The task when it is the caller's to visit and still open.
async fn my_open_task(
    app: &App,
    caller: &Caller,
    id: i64,
) -> anyhow::Result<Option<(Task, Worker)>> {
    let Some(task) = tasks::get(&app.db, id).await? else {
        return Ok(None);
    };
    match access(&app.db, caller, &task).await? {
        Some((worker, Access::Assignee)) if task.is_open() => Ok(Some((task, worker))),
        _ => Ok(None),
    }
}

async fn start(cx: &Cx<'_>, task: &Task, worker: &Worker) -> HandlerResult {
    if task.kind == crate::domain::task::TaskKind::FollowUpComplaint {
        // A complaint is answered on the complaint itself, so that its reporter hears of it.
        let lang = cx.lang();
        let body = targs(
            lang,
            "complaint-task-use-buttons",
            &[("ticket", task.subject.clone().into())],
        );
        let keyboard = crate::store::complaints::id_of_ticket(&cx.app.db, &task.subject)
            .await?
            .map(|id| crate::bot::complaint::handle_keyboard(lang, id, worker.role));
        send::text(
            cx.bot,
            &cx.app.db,
            cx.caller.chat(),
            &body,
            keyboard.map(teloxide::types::ReplyMarkup::InlineKeyboard),
        )
        .await?;
        return Ok(());
    }
    tasks::start_visit(&cx.app.db, task.id, worker.id).await?;
    let v = Visit::new(task.id);
    cx.dialogue
        .update(State::Worker(Flow::Visit(v.clone())))
        .await?;
    let lang = cx.lang();
    let found = tasks::subject(&cx.app.db, task).await?;
    let intro = targs(
        lang,
        "visit-start",
        &[
            ("id", task.id.into()),
            ("kind", kind_text(lang, task.kind).into()),
            (
                "subject",
                tasks::label_of(&task.subject, found.as_ref()).into(),
            ),
        ],
    );
    cx.say(&intro).await?;
    ask(cx.bot, cx.app, cx.caller, task, &v, None).await
}

/// Ends the flow politely when the task was reassigned or finished meanwhile.
async fn gone(cx: &Cx<'_>) -> HandlerResult {
    cx.dialogue.update(State::Idle).await?;
    let body = t(cx.lang(), "task-gone");
    send::text(
        cx.bot,
        &cx.app.db,
        cx.caller.chat(),
        &body,
        Some(remove_keyboard()),
    )
    .await?;
    Ok(())
}

/// A message while a visit is open: the answer to the current step, or the question again.
pub async fn on_message(
    bot: &Tg,
    app: &App,
    caller: &Caller,
    msg: &Message,
    dialogue: &Dlg,
    v: Visit,
) -> HandlerResult {
    let cx = Cx::new(bot, app, caller, dialogue);
    let Some((task, _)) = my_open_task(app, caller, v.task).await? else {
        return gone(&cx).await;
    };
    let lang = cx.lang();
    match v.step {
        Step::Location => location_message(&cx, &task, v, msg).await,
        Step::SkipReason => match v.clone().skip_reason(msg.text().unwrap_or("")) {
            Some(next) => {
                cx.dialogue
                    .update(State::Worker(Flow::Visit(next.clone())))
                    .await?;
                cx.say(&t(lang, "visit-location-skipped")).await?;
                ask(bot, app, caller, &task, &next, None).await
            }
            None => cx.say(&t(lang, "visit-skip-reason-needed")).await,
        },
        Step::Result { .. } | Step::Criteria { .. } | Step::Confirm { .. } => {
            cx.again(&task, &v, &t(lang, "visit-use-buttons")).await
        }
        Step::Photo { .. } => {
            let largest = msg
                .photo()
                .and_then(|sizes| sizes.iter().max_by_key(|p| p.width * p.height));
            let photo = largest.map(|p| p.file.id.to_string());
            match photo.and_then(|p| v.clone().photo(Some(p), task.kind)) {
                Some(next) => cx.advance(&task, next).await,
                None => cx.again(&task, &v, &t(lang, "visit-photo-needed")).await,
            }
        }
        Step::Notes { .. } => notes_message(&cx, &task, v, msg.text()).await,
    }
}

async fn location_message(cx: &Cx<'_>, task: &Task, v: Visit, msg: &Message) -> HandlerResult {
    let lang = cx.lang();
    if let Some(loc) = msg.location() {
        let Some(next) = v.clone().located(loc.latitude, loc.longitude) else {
            return cx.again(task, &v, &t(lang, "visit-location-bad")).await;
        };
        cx.dialogue
            .update(State::Worker(Flow::Visit(next.clone())))
            .await?;
        let saved = t(lang, "visit-location-saved");
        let chat = cx.caller.chat();
        send::text(cx.bot, &cx.app.db, chat, &saved, Some(remove_keyboard())).await?;
        return ask(cx.bot, cx.app, cx.caller, task, &next, None).await;
    }
    let skip = msg.text().is_some_and(|s| {
        Lang::ALL
            .iter()
            .any(|l| s.trim() == t(*l, "visit-location-skip"))
    });
    match v.clone().skip_location().filter(|_| skip) {
        Some(next) => cx.advance(task, next).await,
        None => cx.again(task, &v, &t(lang, "visit-location-needed")).await,
    }
}

async fn notes_message(cx: &Cx<'_>, task: &Task, v: Visit, text: Option<&str>) -> HandlerResult {
    let lang = cx.lang();
    let length = text.map_or(0, |s| s.chars().count());
    if length > draft::MAX_NOTES {
        let why = targs(
            lang,
            "visit-notes-too-long",
            &[("length", (length as i64).into())],
        );
        return cx.again(task, &v, &why).await;
    }
    match text.and_then(|s| v.clone().notes(Some(s))) {
        Some(next) => cx.advance(task, next).await,
        None => cx.again(task, &v, &t(lang, "visit-notes-needed")).await,
    }
}

/// A visit button. Every press names its task; it must be the caller's, open, and the one of
/// the visit in progress (except "start", which opens one).
pub async fn on_press(
    bot: Tg,
    app: Arc<App>,
    caller: Caller,
    q: CallbackQuery,
    (id, press): (i64, VisitPress),
    state: State,
    dialogue: Dlg,
) -> HandlerResult {
    let lang = caller.lang;
    let Some(task) = tasks::get(&app.db, id).await? else {
        return toast(&bot, &q, t(lang, "task-not-yours")).await;
    };
    let relation = access(&app.db, &caller, &task).await?;
    let Some((worker, Access::Assignee)) = relation else {
        // Someone else's task, or one handed to another PSM meanwhile.
        let key = if relation.is_some() {
            "task-gone"
        } else {
            "task-not-yours"
        };
        return toast(&bot, &q, t(lang, key)).await;
    };
    let cx = Cx::new(&bot, &app, &caller, &dialogue);
    // The state loaded with the caller for this update: no second read.
    let current = match state {
        State::Worker(Flow::Visit(v)) if v.task == id => Some(v),
        _ => None,
    };
    if press == VisitPress::Start {
        if !task.is_open() {
            return toast(&bot, &q, t(lang, "task-gone")).await;
        }
        bot.answer_callback_query(q.id.clone()).await?;
        return match current {
            // Already logging this one: ask the current question again.
            Some(v) => ask(&bot, &app, &caller, &task, &v, None).await,
            None => start(&cx, &task, &worker).await,
        };
    }
    let Some(v) = current else {
        return toast(&bot, &q, t(lang, "visit-button-stale")).await;
    };
    // A save already committed (the answer was lost) still gets its polite answer below.
    if !task.is_open() && press != VisitPress::Save {
        bot.answer_callback_query(q.id.clone()).await?;
        return gone(&cx).await;
    }
    step_press(&cx, &q, &task, &worker, v, press).await
}

/// A press for a step of the visit in progress.
async fn step_press(
    cx: &Cx<'_>,
    q: &CallbackQuery,
    task: &Task,
    worker: &Worker,
    v: Visit,
    press: VisitPress,
) -> HandlerResult {
    let next = match press {
        VisitPress::Result(result) => with_result(cx, task, v, result).await?,
        VisitPress::Toggle(n) => {
            let Some(next) = v.toggle(n) else {
                return stale(cx, q).await;
            };
            cx.bot.answer_callback_query(q.id.clone()).await?;
            return show_toggled(cx, q, next).await;
        }
        VisitPress::CriteriaDone => v.criteria_done(),
        VisitPress::NoPhoto => v.photo(None, task.kind),
        VisitPress::NoNotes => v.notes(None),
        VisitPress::Save => {
            let Some(visit) = v.to_commit() else {
                return stale(cx, q).await;
            };
            cx.bot.answer_callback_query(q.id.clone()).await?;
            return save(cx, worker, visit).await;
        }
        VisitPress::Cancel => {
            cx.bot.answer_callback_query(q.id.clone()).await?;
            return cancel(cx, worker, v.task).await;
        }
        VisitPress::Start => None,
    };
    match next {
        Some(next) => {
            cx.bot.answer_callback_query(q.id.clone()).await?;
            cx.advance(task, next).await
        }
        None => stale(cx, q).await,
    }
}

async fn stale(cx: &Cx<'_>, q: &CallbackQuery) -> HandlerResult {
    toast(cx.bot, q, t(cx.lang(), "visit-button-stale")).await
}

/// The result chosen: a proposal found at home brings the resident's answers to confirm.
async fn with_result(
    cx: &Cx<'_>,
    task: &Task,
    v: Visit,
    result: VisitResult,
) -> anyhow::Result<Option<Visit>> {
    if !matches!(v.step, Step::Result { .. }) {
        return Ok(None);
    }
    let criteria = if needs_criteria(task.kind, result) {
        let answers = visits::proposal_answers(&cx.app.db, &task.subject).await?;
        Some(answers.unwrap_or_default())
    } else {
        None
    };
    Ok(v.with_result(result, criteria))
}

/// Shows the criteria with one toggled, on the same message.
async fn show_toggled(cx: &Cx<'_>, q: &CallbackQuery, v: Visit) -> HandlerResult {
    let Step::Criteria { answers, .. } = &v.step else {
        return Ok(());
    };
    let (body, keyboard) = criteria_screen(cx.lang(), v.task, answers);
    cx.dialogue
        .update(State::Worker(Flow::Visit(v.clone())))
        .await?;
    let (db, chat) = (&cx.app.db, cx.caller.chat());
    match q.regular_message() {
        Some(m) => send::edit(cx.bot, db, chat, m.id, &body, Some(keyboard)).await?,
        None => {
            send::with_buttons(cx.bot, db, chat, &body, keyboard).await?;
        }
    }
    Ok(())
}

/// Commits the visit (once) and says so.
async fn save(cx: &Cx<'_>, worker: &Worker, visit: NewVisit) -> HandlerResult {
    let lang = cx.lang();
    let outcome = visits::commit(&cx.app.db, &cx.app.seal, worker, cx.caller.tg_id, &visit).await?;
    cx.dialogue.update(State::Idle).await?;
    let id = visit.task_id;
    let body = match outcome {
        Commit::Saved { told } => {
            cx.app.outbox_ready.notify_one();
            // A TKSK visiting a task of their own kecamatan is the one who would be told.
            let key = match (told, worker.role) {
                (_, crate::domain::role::Role::Tksk) => "visit-saved-own",
                (true, _) => "visit-saved",
                (false, _) => "visit-saved-no-tksk",
            };
            targs(lang, key, &[("id", id.into())])
        }
        Commit::AlreadySaved => targs(lang, "visit-already-saved", &[("id", id.into())]),
        Commit::NotYours => t(lang, "task-gone"),
    };
    cx.say(&body).await
}

/// Cancels the visit: the task goes back to "assigned", so that the TKSK may hand it out again.
async fn cancel(cx: &Cx<'_>, worker: &Worker, id: i64) -> HandlerResult {
    cx.dialogue.update(State::Idle).await?;
    tasks::stop_visit(&cx.app.db, id, worker.id).await?;
    let body = targs(cx.lang(), "visit-cancelled", &[("id", id.into())]);
    let chat = cx.caller.chat();
    send::text(cx.bot, &cx.app.db, chat, &body, Some(remove_keyboard())).await?;
    Ok(())
}
