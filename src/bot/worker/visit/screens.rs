//! What the worker sees at each step of a visit: the question, its keyboard, the criteria
//! screen and the summary.

use super::draft::{Found, Spot, Step, Visit};
use crate::app::App;
use crate::bot::button::{Button, VisitPress};
use crate::bot::menu::labelled;
use crate::bot::notice::kind_text;
use crate::bot::send;
use crate::bot::{ChatOf, HandlerResult, Tg};
use crate::domain::criteria::{self, Answers};
use crate::domain::lang::Lang;
use crate::domain::task::VisitResult;
use crate::i18n::{t, targs};
use crate::store::tasks::Task;
use crate::store::users::Caller;
use teloxide::types::{
    ButtonRequest, InlineKeyboardButton, InlineKeyboardMarkup, KeyboardButton, KeyboardMarkup,
    KeyboardRemove, ReplyMarkup,
};

pub fn location_keyboard(lang: Lang) -> ReplyMarkup {
    let share =
        KeyboardButton::new(t(lang, "visit-location-button")).request(ButtonRequest::Location);
    let skip = KeyboardButton::new(t(lang, "visit-location-skip"));
    ReplyMarkup::Keyboard(
        KeyboardMarkup::new(vec![vec![share], vec![skip]])
            .resize_keyboard()
            .one_time_keyboard(),
    )
}

pub fn remove_keyboard() -> ReplyMarkup {
    ReplyMarkup::KeyboardRemove(KeyboardRemove::new())
}

fn press(task: i64, press: VisitPress) -> Button {
    Button::Visit { task, press }
}

fn mark(answers: &Answers, n: usize) -> &'static str {
    if answers.is_met(n) { "✅" } else { "❌" }
}

/// The 14 criteria on a phone screen: a short instruction, and one toggle button per
/// criterion that carries its mark and short label ("1 ✅ Lantai < 8 m²/orang"). The full
/// questions would make a screen of over 1,600 characters.
pub fn criteria_screen(lang: Lang, task: i64, answers: &Answers) -> (String, InlineKeyboardMarkup) {
    let body = t(lang, "visit-ask-criteria");
    let mut rows: Vec<Vec<InlineKeyboardButton>> = (1..=criteria::COUNT)
        .map(|n| {
            let label = format!(
                "{n} {} {}",
                mark(answers, n),
                t(lang, &criteria::short_id(n))
            );
            vec![labelled(label, press(task, VisitPress::Toggle(n)))]
        })
        .collect();
    let done = targs(
        lang,
        "visit-criteria-done",
        &[("met", (answers.met() as i64).into())],
    );
    rows.push(vec![labelled(done, press(task, VisitPress::CriteriaDone))]);
    (body, InlineKeyboardMarkup::new(rows))
}

fn inline(rows: Vec<Vec<InlineKeyboardButton>>) -> Option<ReplyMarkup> {
    Some(ReplyMarkup::InlineKeyboard(InlineKeyboardMarkup::new(rows)))
}

/// The question of a step (as text and its keyboard), after `prefix` when given.
fn question(lang: Lang, task: &Task, v: &Visit) -> (String, Option<ReplyMarkup>) {
    let id = v.task;
    let one = |key: &str, p: VisitPress| inline(vec![vec![labelled(t(lang, key), press(id, p))]]);
    match &v.step {
        Step::Location => (t(lang, "visit-ask-location"), Some(location_keyboard(lang))),
        Step::SkipReason => (t(lang, "visit-ask-skip-reason"), Some(remove_keyboard())),
        Step::Result { .. } => {
            let rows = VisitResult::ALL
                .iter()
                .map(|r| {
                    let label = t(lang, &r.message_id());
                    vec![labelled(label, press(id, VisitPress::Result(*r)))]
                })
                .collect();
            (t(lang, "visit-ask-result"), inline(rows))
        }
        Step::Criteria { answers, .. } => {
            let (body, keyboard) = criteria_screen(lang, id, answers);
            (body, Some(ReplyMarkup::InlineKeyboard(keyboard)))
        }
        Step::Photo { .. } if task.kind.photo_required() => {
            (t(lang, "visit-ask-photo-required"), None)
        }
        Step::Photo { .. } => (
            t(lang, "visit-ask-photo-optional"),
            one("visit-no-photo", VisitPress::NoPhoto),
        ),
        Step::Notes { .. } => (
            t(lang, "visit-ask-notes"),
            one("visit-no-notes", VisitPress::NoNotes),
        ),
        Step::Confirm {
            found,
            photo,
            notes,
        } => {
            let rows = vec![vec![
                labelled(t(lang, "visit-save"), press(id, VisitPress::Save)),
                labelled(t(lang, "visit-cancel"), press(id, VisitPress::Cancel)),
            ]];
            let body = summary(lang, task, found, photo.is_some(), notes.as_deref());
            (body, inline(rows))
        }
    }
}

/// Asks the question of the visit's current step (again, after `prefix` saying what was wrong).
pub async fn ask(
    bot: &Tg,
    app: &App,
    caller: &Caller,
    task: &Task,
    v: &Visit,
    prefix: Option<&str>,
) -> HandlerResult {
    let (body, markup) = question(caller.lang, task, v);
    let chat = caller.chat();
    let body = match prefix {
        Some(p) => format!("{p}\n\n{body}"),
        None => body,
    };
    send::text(bot, &app.db, chat, &body, markup).await?;
    Ok(())
}

fn summary(lang: Lang, task: &Task, found: &Found, photo: bool, notes: Option<&str>) -> String {
    let location = match &found.spot {
        Spot::At { lat, lon } => format!("{lat:.6}, {lon:.6}"),
        Spot::Skipped { reason } => targs(
            lang,
            "visit-summary-skipped",
            &[("reason", reason.clone().into())],
        ),
    };
    let criteria = match &found.answers {
        Some(a) => targs(
            lang,
            "visit-summary-criteria",
            &[("met", (a.met() as i64).into())],
        ),
        None => t(lang, "visit-summary-no-criteria"),
    };
    let photo = if photo {
        "visit-summary-photo-yes"
    } else {
        "visit-summary-photo-no"
    };
    let notes = notes
        .map(str::to_string)
        .unwrap_or_else(|| t(lang, "visit-summary-notes-none"));
    targs(
        lang,
        "visit-summary",
        &[
            ("id", task.id.into()),
            ("kind", kind_text(lang, task.kind).into()),
            ("location", location.into()),
            ("result", t(lang, &found.result.message_id()).into()),
            ("criteria", criteria.into()),
            ("photo", t(lang, photo).into()),
            ("notes", notes.into()),
        ],
    )
}
