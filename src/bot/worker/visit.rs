//! `/kunjungan`: the home-visit log, made for a phone in a doorway. Location (or a reason to
//! skip it), the result as the SIKS-NG form has it, for a proposal the 14 criteria confirmed or
//! corrected, a photo, notes, a summary, then one transaction. Every step is kept in the
//! dialogue table, so a restart or a lost connection resumes where the worker was.

use super::{Access, Flow, access, kind_text, toast};
use crate::app::App;
use crate::bot::{Dlg, HandlerResult, State, Tg, send};
use crate::domain::criteria::{self, Answers};
use crate::domain::task::{TaskKind, VisitResult};
use crate::i18n::{Lang, t, targs};
use crate::store::tasks::{self, Task};
use crate::store::users::Caller;
use crate::store::visits::{self, Commit, NewVisit};
use crate::store::workers::{self, Worker};
use serde::{Deserialize, Serialize};
use std::sync::Arc;
use teloxide::prelude::*;
use teloxide::types::{
    ButtonRequest, InlineKeyboardButton, InlineKeyboardMarkup, KeyboardButton, KeyboardMarkup,
    KeyboardRemove, ReplyMarkup,
};

/// Longest notes accepted.
pub const MAX_NOTES: usize = 1000;
/// Longest reason for skipping the location.
pub const MAX_REASON: usize = 300;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Step {
    Location,
    SkipReason,
    Result,
    Criteria,
    Photo,
    Notes,
    Confirm,
}

/// A visit being logged.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Draft {
    pub task: i64,
    pub step: Step,
    pub lat: Option<f64>,
    pub lon: Option<f64>,
    pub skip: Option<String>,
    pub result: Option<VisitResult>,
    /// The 14 criteria (`y`/`n`), proposals only.
    pub answers: Option<String>,
    pub photo: Option<String>,
    pub notes: Option<String>,
}

impl Draft {
    fn new(task: i64) -> Draft {
        Draft {
            task,
            step: Step::Location,
            lat: None,
            lon: None,
            skip: None,
            result: None,
            answers: None,
            photo: None,
            notes: None,
        }
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
    let lang = caller.lang;
    if arg.is_empty() {
        let Some(worker) = workers::worker_by_tg(&app.db, caller.tg_id).await? else {
            return Ok(());
        };
        let list = tasks::open_for(&app.db, worker.id, 10, 0).await?;
        if list.is_empty() {
            send::text(
                bot,
                &app.db,
                caller.chat(),
                &t(lang, "visit-no-tasks"),
                None,
            )
            .await?;
            return Ok(());
        }
        let rows = list
            .iter()
            .map(|task| {
                vec![InlineKeyboardButton::callback(
                    format!(
                        "#{} {} · {}",
                        task.id,
                        kind_text(lang, &task.kind),
                        task.subject
                    ),
                    format!("kj:s:{}", task.id),
                )]
            })
            .collect::<Vec<_>>();
        send::with_buttons(
            bot,
            &app.db,
            caller.chat(),
            &t(lang, "visit-choose-task"),
            InlineKeyboardMarkup::new(rows),
        )
        .await?;
        return Ok(());
    }
    let Ok(id) = arg.trim_start_matches('#').parse::<i64>() else {
        send::text(bot, &app.db, caller.chat(), &t(lang, "task-bad-id"), None).await?;
        return Ok(());
    };
    match my_open_task(app, caller, id).await? {
        Some((task, worker)) => start(bot, app, caller, dialogue, &task, &worker).await,
        None => {
            let body = targs(lang, "task-not-found", &[("id", id.into())]);
            send::text(bot, &app.db, caller.chat(), &body, None).await?;
            Ok(())
        }
    }
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

async fn start(
    bot: &Tg,
    app: &App,
    caller: &Caller,
    dialogue: &Dlg,
    task: &Task,
    worker: &Worker,
) -> HandlerResult {
    tasks::start_visit(&app.db, task.id, worker.id).await?;
    let draft = Draft::new(task.id);
    dialogue
        .update(State::Worker(Flow::Visit(draft.clone())))
        .await?;
    let lang = caller.lang;
    let intro = targs(
        lang,
        "visit-start",
        &[
            ("id", task.id.into()),
            ("kind", kind_text(lang, &task.kind).into()),
            ("subject", task.subject.clone().into()),
        ],
    );
    send::text(bot, &app.db, caller.chat(), &intro, None).await?;
    ask(bot, app, caller, task, &draft, None).await
}

fn location_keyboard(lang: Lang) -> ReplyMarkup {
    ReplyMarkup::Keyboard(
        KeyboardMarkup::new(vec![
            vec![
                KeyboardButton::new(t(lang, "visit-location-button"))
                    .request(ButtonRequest::Location),
            ],
            vec![KeyboardButton::new(t(lang, "visit-location-skip"))],
        ])
        .resize_keyboard()
        .one_time_keyboard(),
    )
}

fn remove_keyboard() -> ReplyMarkup {
    ReplyMarkup::KeyboardRemove(KeyboardRemove::new())
}

fn criteria_screen(lang: Lang, draft: &Draft) -> (String, InlineKeyboardMarkup) {
    let answers = Answers::decode(draft.answers.as_deref().unwrap_or("")).unwrap_or_default();
    let mut list = String::new();
    for n in 1..=criteria::COUNT {
        let mark = if answers.0.get(n - 1).copied().unwrap_or(false) {
            "✅"
        } else {
            "❌"
        };
        list.push_str(&format!(
            "{n}. {mark} {}\n",
            t(lang, &criteria::message_id(n))
        ));
    }
    let body = targs(
        lang,
        "visit-ask-criteria",
        &[("list", list.trim_end().to_string().into())],
    );
    let mut rows: Vec<Vec<InlineKeyboardButton>> = (1..=criteria::COUNT)
        .collect::<Vec<_>>()
        .chunks(5)
        .map(|c| {
            c.iter()
                .map(|n| {
                    let mark = if answers.0.get(n - 1).copied().unwrap_or(false) {
                        "✅"
                    } else {
                        "❌"
                    };
                    InlineKeyboardButton::callback(
                        format!("{n} {mark}"),
                        format!("kj:t:{}:{n}", draft.task),
                    )
                })
                .collect()
        })
        .collect();
    rows.push(vec![InlineKeyboardButton::callback(
        targs(
            lang,
            "visit-criteria-done",
            &[("met", (answers.met() as i64).into())],
        ),
        format!("kj:cd:{}", draft.task),
    )]);
    (body, InlineKeyboardMarkup::new(rows))
}

/// Asks the question of the draft's current step (again, after bad input).
async fn ask(
    bot: &Tg,
    app: &App,
    caller: &Caller,
    task: &Task,
    draft: &Draft,
    prefix: Option<&str>,
) -> HandlerResult {
    let lang = caller.lang;
    let chat = caller.chat();
    let db = &app.db;
    let with_prefix = |key: &str| match prefix {
        Some(p) => format!("{p}\n\n{}", t(lang, key)),
        None => t(lang, key),
    };
    let inline = |rows: Vec<Vec<InlineKeyboardButton>>| {
        Some(ReplyMarkup::InlineKeyboard(InlineKeyboardMarkup::new(rows)))
    };
    let id = draft.task;
    match draft.step {
        Step::Location => {
            send::text(
                bot,
                db,
                chat,
                &with_prefix("visit-ask-location"),
                Some(location_keyboard(lang)),
            )
            .await?;
        }
        Step::SkipReason => {
            send::text(
                bot,
                db,
                chat,
                &with_prefix("visit-ask-skip-reason"),
                Some(remove_keyboard()),
            )
            .await?;
        }
        Step::Result => {
            let rows = VisitResult::ALL
                .iter()
                .map(|r| {
                    vec![InlineKeyboardButton::callback(
                        t(lang, &r.message_id()),
                        format!("kj:r:{id}:{}", r.code()),
                    )]
                })
                .collect();
            send::text(
                bot,
                db,
                chat,
                &with_prefix("visit-ask-result"),
                inline(rows),
            )
            .await?;
        }
        Step::Criteria => {
            if let Some(p) = prefix {
                send::text(bot, db, chat, p, None).await?;
            }
            let (body, keyboard) = criteria_screen(lang, draft);
            send::with_buttons(bot, db, chat, &body, keyboard).await?;
        }
        Step::Photo => {
            let required = task.kind().is_some_and(|k| k.photo_required());
            if required {
                send::text(
                    bot,
                    db,
                    chat,
                    &with_prefix("visit-ask-photo-required"),
                    None,
                )
                .await?;
            } else {
                let rows = vec![vec![InlineKeyboardButton::callback(
                    t(lang, "visit-no-photo"),
                    format!("kj:np:{id}"),
                )]];
                send::text(
                    bot,
                    db,
                    chat,
                    &with_prefix("visit-ask-photo-optional"),
                    inline(rows),
                )
                .await?;
            }
        }
        Step::Notes => {
            let rows = vec![vec![InlineKeyboardButton::callback(
                t(lang, "visit-no-notes"),
                format!("kj:nn:{id}"),
            )]];
            send::text(bot, db, chat, &with_prefix("visit-ask-notes"), inline(rows)).await?;
        }
        Step::Confirm => {
            let body = summary(lang, task, draft);
            let body = match prefix {
                Some(p) => format!("{p}\n\n{body}"),
                None => body,
            };
            let rows = vec![vec![
                InlineKeyboardButton::callback(t(lang, "visit-save"), format!("kj:ok:{id}")),
                InlineKeyboardButton::callback(t(lang, "visit-cancel"), format!("kj:x:{id}")),
            ]];
            send::text(bot, db, chat, &body, inline(rows)).await?;
        }
    }
    Ok(())
}

fn summary(lang: Lang, task: &Task, d: &Draft) -> String {
    let location = match (d.lat, d.lon, &d.skip) {
        (Some(lat), Some(lon), _) => format!("{lat:.6}, {lon:.6}"),
        (_, _, Some(reason)) => targs(
            lang,
            "visit-summary-skipped",
            &[("reason", reason.clone().into())],
        ),
        _ => "-".into(),
    };
    let criteria = match d.answers.as_deref().and_then(Answers::decode) {
        Some(a) => targs(
            lang,
            "visit-summary-criteria",
            &[("met", (a.met() as i64).into())],
        ),
        None => t(lang, "visit-summary-no-criteria"),
    };
    targs(
        lang,
        "visit-summary",
        &[
            ("id", task.id.into()),
            ("kind", kind_text(lang, &task.kind).into()),
            ("subject", task.subject.clone().into()),
            ("location", location.into()),
            (
                "result",
                d.result
                    .map(|r| t(lang, &r.message_id()))
                    .unwrap_or_default()
                    .into(),
            ),
            ("criteria", criteria.into()),
            (
                "photo",
                t(
                    lang,
                    if d.photo.is_some() {
                        "visit-summary-photo-yes"
                    } else {
                        "visit-summary-photo-no"
                    },
                )
                .into(),
            ),
            (
                "notes",
                d.notes
                    .clone()
                    .unwrap_or_else(|| t(lang, "visit-summary-notes-none"))
                    .into(),
            ),
        ],
    )
}

/// Ends the flow politely when the task was reassigned or finished meanwhile.
async fn gone(bot: &Tg, app: &App, caller: &Caller, dialogue: &Dlg) -> HandlerResult {
    dialogue.update(State::Idle).await?;
    send::text(
        bot,
        &app.db,
        caller.chat(),
        &t(caller.lang, "task-gone"),
        Some(remove_keyboard()),
    )
    .await?;
    Ok(())
}

async fn save(dialogue: &Dlg, draft: &Draft) -> HandlerResult {
    dialogue
        .update(State::Worker(Flow::Visit(draft.clone())))
        .await?;
    Ok(())
}

/// Moves past the result (or the criteria) to the photo step.
fn after_result(draft: &mut Draft) {
    draft.step = Step::Photo;
}

/// A message while a visit is open.
pub async fn on_message(
    bot: &Tg,
    app: &App,
    caller: &Caller,
    msg: &Message,
    dialogue: &Dlg,
    mut draft: Draft,
) -> HandlerResult {
    let lang = caller.lang;
    let Some((task, _)) = my_open_task(app, caller, draft.task).await? else {
        return gone(bot, app, caller, dialogue).await;
    };
    match draft.step {
        Step::Location => {
            if let Some(loc) = msg.location() {
                let valid = (-90.0..=90.0).contains(&loc.latitude)
                    && (-180.0..=180.0).contains(&loc.longitude);
                if !valid {
                    return ask(
                        bot,
                        app,
                        caller,
                        &task,
                        &draft,
                        Some(&t(lang, "visit-location-bad")),
                    )
                    .await;
                }
                draft.lat = Some(loc.latitude);
                draft.lon = Some(loc.longitude);
                draft.step = Step::Result;
                save(dialogue, &draft).await?;
                send::text(
                    bot,
                    &app.db,
                    caller.chat(),
                    &t(lang, "visit-location-saved"),
                    Some(remove_keyboard()),
                )
                .await?;
                return ask(bot, app, caller, &task, &draft, None).await;
            }
            let skip = msg.text().is_some_and(|s| {
                Lang::ALL
                    .iter()
                    .any(|l| s.trim() == t(*l, "visit-location-skip"))
            });
            if skip {
                draft.step = Step::SkipReason;
                save(dialogue, &draft).await?;
                return ask(bot, app, caller, &task, &draft, None).await;
            }
            ask(
                bot,
                app,
                caller,
                &task,
                &draft,
                Some(&t(lang, "visit-location-needed")),
            )
            .await
        }
        Step::SkipReason => match msg.text().map(str::trim) {
            Some(reason) if !reason.is_empty() && reason.chars().count() <= MAX_REASON => {
                draft.skip = Some(reason.to_string());
                draft.step = Step::Result;
                save(dialogue, &draft).await?;
                send::text(
                    bot,
                    &app.db,
                    caller.chat(),
                    &t(lang, "visit-location-skipped"),
                    None,
                )
                .await?;
                ask(bot, app, caller, &task, &draft, None).await
            }
            _ => {
                let body = t(lang, "visit-skip-reason-needed");
                send::text(bot, &app.db, caller.chat(), &body, None).await?;
                Ok(())
            }
        },
        Step::Result | Step::Criteria | Step::Confirm => {
            ask(
                bot,
                app,
                caller,
                &task,
                &draft,
                Some(&t(lang, "visit-use-buttons")),
            )
            .await
        }
        Step::Photo => match msg
            .photo()
            .and_then(|sizes| sizes.iter().max_by_key(|p| p.width * p.height))
        {
            Some(photo) => {
                draft.photo = Some(photo.file.id.to_string());
                draft.step = Step::Notes;
                save(dialogue, &draft).await?;
                ask(bot, app, caller, &task, &draft, None).await
            }
            None => {
                ask(
                    bot,
                    app,
                    caller,
                    &task,
                    &draft,
                    Some(&t(lang, "visit-photo-needed")),
                )
                .await
            }
        },
        Step::Notes => match msg.text() {
            Some(text) if text.chars().count() > MAX_NOTES => {
                let body = targs(
                    lang,
                    "visit-notes-too-long",
                    &[("length", (text.chars().count() as i64).into())],
                );
                ask(bot, app, caller, &task, &draft, Some(&body)).await
            }
            Some(text) if !text.trim().is_empty() => {
                draft.notes = Some(text.trim().to_string());
                draft.step = Step::Confirm;
                save(dialogue, &draft).await?;
                ask(bot, app, caller, &task, &draft, None).await
            }
            _ => {
                ask(
                    bot,
                    app,
                    caller,
                    &task,
                    &draft,
                    Some(&t(lang, "visit-notes-needed")),
                )
                .await
            }
        },
    }
}

/// `kj:…` presses. Every press names its task; it must be the caller's, open, and the one of
/// the visit in progress (except `kj:s`, which starts one).
pub async fn on_callback(
    bot: Tg,
    app: Arc<App>,
    caller: Caller,
    q: CallbackQuery,
    data: String,
    state: State,
    dialogue: Dlg,
) -> HandlerResult {
    let lang = caller.lang;
    let parts: Vec<&str> = data.split(':').collect();
    let Some(id) = parts.get(2).and_then(|s| s.parse::<i64>().ok()) else {
        return crate::bot::common::stale_button(bot, caller, q).await;
    };
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
    // The state loaded with the caller for this update: no second read.
    let current = match state {
        State::Worker(Flow::Visit(d)) if d.task == id => Some(d),
        _ => None,
    };
    if parts[1] == "s" {
        if !task.is_open() {
            return toast(&bot, &q, t(lang, "task-gone")).await;
        }
        bot.answer_callback_query(q.id.clone()).await?;
        return match current {
            // Already logging this one: ask the current question again.
            Some(d) => ask(&bot, &app, &caller, &task, &d, None).await,
            None => start(&bot, &app, &caller, &dialogue, &task, &worker).await,
        };
    }
    let Some(mut draft) = current else {
        return toast(&bot, &q, t(lang, "visit-button-stale")).await;
    };
    // A save already committed (the answer was lost) still gets its polite answer below.
    if !task.is_open() && parts[1] != "ok" {
        bot.answer_callback_query(q.id.clone()).await?;
        return gone(&bot, &app, &caller, &dialogue).await;
    }
    match (parts[1], draft.step) {
        ("r", Step::Result) => {
            let Some(result) = parts.get(3).and_then(|c| VisitResult::parse(c)) else {
                return toast(&bot, &q, t(lang, "visit-button-stale")).await;
            };
            bot.answer_callback_query(q.id.clone()).await?;
            draft.result = Some(result);
            let found = matches!(result, VisitResult::FoundEligible | VisitResult::FoundAble);
            if task.kind() == Some(TaskKind::VerifyProposal) && found {
                let mut conn = app.db.pool.acquire().await?;
                let mut answers = visits::proposal_answers(&mut conn, &task.subject)
                    .await?
                    .unwrap_or_default();
                answers.0.resize(criteria::COUNT, false);
                draft.answers = Some(answers.encode());
                draft.step = Step::Criteria;
            } else {
                draft.answers = None;
                after_result(&mut draft);
            }
            save(&dialogue, &draft).await?;
            ask(&bot, &app, &caller, &task, &draft, None).await
        }
        ("t", Step::Criteria) => {
            let n = parts
                .get(3)
                .and_then(|s| s.parse::<usize>().ok())
                .filter(|n| (1..=criteria::COUNT).contains(n));
            let Some(n) = n else {
                return toast(&bot, &q, t(lang, "visit-button-stale")).await;
            };
            bot.answer_callback_query(q.id.clone()).await?;
            let mut answers =
                Answers::decode(draft.answers.as_deref().unwrap_or("")).unwrap_or_default();
            answers.0.resize(criteria::COUNT, false);
            answers.0[n - 1] = !answers.0[n - 1];
            draft.answers = Some(answers.encode());
            save(&dialogue, &draft).await?;
            let (body, keyboard) = criteria_screen(lang, &draft);
            match q.regular_message() {
                Some(m) => {
                    send::edit(&bot, &app.db, caller.chat(), m.id, &body, Some(keyboard)).await?
                }
                None => {
                    send::with_buttons(&bot, &app.db, caller.chat(), &body, keyboard).await?;
                }
            }
            Ok(())
        }
        ("cd", Step::Criteria) => {
            bot.answer_callback_query(q.id.clone()).await?;
            after_result(&mut draft);
            save(&dialogue, &draft).await?;
            ask(&bot, &app, &caller, &task, &draft, None).await
        }
        ("np", Step::Photo) if !task.kind().is_some_and(|k| k.photo_required()) => {
            bot.answer_callback_query(q.id.clone()).await?;
            draft.step = Step::Notes;
            save(&dialogue, &draft).await?;
            ask(&bot, &app, &caller, &task, &draft, None).await
        }
        ("nn", Step::Notes) => {
            bot.answer_callback_query(q.id.clone()).await?;
            draft.notes = None;
            draft.step = Step::Confirm;
            save(&dialogue, &draft).await?;
            ask(&bot, &app, &caller, &task, &draft, None).await
        }
        ("ok", Step::Confirm) => {
            bot.answer_callback_query(q.id.clone()).await?;
            let Some(result) = draft.result else {
                return Ok(());
            };
            let visit = NewVisit {
                task_id: id,
                lat: draft.lat,
                lon: draft.lon,
                location_skip: draft.skip.clone(),
                result,
                answers: draft.answers.as_deref().and_then(Answers::decode),
                photo: draft.photo.clone(),
                notes: draft.notes.clone(),
            };
            let outcome = visits::commit(&app.db, &worker, caller.tg_id, &visit).await?;
            dialogue.update(State::Idle).await?;
            let body = match outcome {
                Commit::Saved => {
                    app.outbox_ready.notify_one();
                    targs(lang, "visit-saved", &[("id", id.into())])
                }
                Commit::AlreadySaved => targs(lang, "visit-already-saved", &[("id", id.into())]),
                Commit::NotYours => t(lang, "task-gone"),
            };
            send::text(&bot, &app.db, caller.chat(), &body, None).await?;
            Ok(())
        }
        ("x", _) => {
            bot.answer_callback_query(q.id.clone()).await?;
            dialogue.update(State::Idle).await?;
            // The task goes back to "assigned", so that the TKSK may hand it out again.
            sqlx::query(
                "UPDATE tasks SET status = 'assigned', updated_at = $3
                 WHERE id = $1 AND assignee = $2 AND status = 'in_progress'",
            )
            .bind(id)
            .bind(worker.id)
            .bind(crate::store::now())
            .execute(&app.db.pool)
            .await?;
            let body = targs(lang, "visit-cancelled", &[("id", id.into())]);
            send::text(&bot, &app.db, caller.chat(), &body, Some(remove_keyboard())).await?;
            Ok(())
        }
        _ => toast(&bot, &q, t(lang, "visit-button-stale")).await,
    }
}
