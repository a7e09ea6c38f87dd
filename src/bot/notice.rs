//! Notices queued as data (`domain::notice`) put into words, in the language the recipient uses
//! when the notice goes out, with the buttons they carry.

use super::button::{Button, TaskPress};
use super::menu::button;
use crate::domain::lang::Lang;
use crate::domain::notice::Notice;
use crate::domain::task::TaskKind;
use crate::i18n::{date, number, t, targs};
use crate::store::seal::Seal;
use chrono::NaiveDate;
use teloxide::types::InlineKeyboardMarkup;

/// A task kind's name (`task-kind-verify_proposal`, …).
pub fn kind_text(lang: Lang, kind: TaskKind) -> String {
    t(lang, &format!("task-kind-{}", kind.code()))
}

/// A notice in words: its text, its buttons, and a photo it shows (by Telegram file id; the
/// text is then its caption).
#[derive(Debug, Clone, PartialEq)]
pub struct Rendered {
    pub text: String,
    pub keyboard: Option<InlineKeyboardMarkup>,
    pub photo: Option<String>,
}

impl Rendered {
    pub fn text(text: String, keyboard: Option<InlineKeyboardMarkup>) -> Rendered {
        Rendered {
            text,
            keyboard,
            photo: None,
        }
    }
}

/// A queued notice in `lang`; `seal` opens what people typed (complaint texts travel sealed).
pub fn render(lang: Lang, notice: &Notice, seal: &Seal) -> Rendered {
    if let Some(r) = crate::bot::complaint::notice::render(lang, notice, seal) {
        return r;
    }
    let (text, keyboard) = words(lang, notice, seal);
    Rendered::text(text, keyboard)
}

/// The notices of proposals, tasks, cycles and workers.
fn words(lang: Lang, notice: &Notice, seal: &Seal) -> (String, Option<InlineKeyboardMarkup>) {
    match notice {
        Notice::TaskAssigned {
            task,
            kind,
            subject,
            due,
            label,
        } => task_assigned(lang, *task, *kind, &opened(seal, label, subject), *due),
        Notice::VisitLogged {
            task,
            kind,
            subject,
            label,
            worker,
            result,
        } => (
            targs(
                lang,
                "visit-logged-notice",
                &[
                    ("name", worker.clone().into()),
                    ("id", (*task).into()),
                    ("kind", kind_text(lang, *kind).into()),
                    ("subject", opened(seal, label, subject).into()),
                    ("result", t(lang, &result.message_id()).into()),
                ],
            ),
            None,
        ),
        Notice::ProposalMoved { number } => (
            targs(
                lang,
                "proposal-notice-moved",
                &[("number", number.clone().into())],
            ),
            None,
        ),
        Notice::ProposalClosed { number } => (
            targs(
                lang,
                "proposal-notice-closed",
                &[("number", number.clone().into())],
            ),
            None,
        ),
        Notice::ProposalStatus { number, status } => {
            let key = format!("proposal-notice-{}", status.code().replace('_', "-"));
            (
                targs(lang, &key, &[("number", number.clone().into())]),
                None,
            )
        }
        Notice::CycleOpened { tasks, due } => (
            targs(
                lang,
                "cycle-opened-notice",
                &[
                    ("count", (*tasks as i64).into()),
                    ("shown", number(lang, *tasks as i64).into()),
                    ("due", date(lang, *due).into()),
                ],
            ),
            None,
        ),
        Notice::TasksReturned { count, worker } => (
            targs(
                lang,
                "worker-tasks-returned",
                &[
                    ("count", (*count).into()),
                    ("shown", number(lang, *count).into()),
                    ("name", worker.clone().into()),
                ],
            ),
            None,
        ),
        Notice::WorkerRevoked => (t(lang, "worker-revoked-notice"), None),
        Notice::Reminder {
            today,
            overdue,
            complaints,
            tasks,
        } => {
            let mut body = targs(
                lang,
                "reminder-body",
                &[("today", (*today).into()), ("overdue", (*overdue).into())],
            );
            let named = reminder_tasks(lang, seal, tasks.as_deref(), today + overdue);
            if !named.is_empty() {
                body.push_str("\n\n");
                body.push_str(&named);
            }
            if *complaints > 0 {
                body.push_str("\n\n");
                body.push_str(&targs(
                    lang,
                    "reminder-complaints",
                    &[("complaints", (*complaints).into())],
                ));
            }
            (body, None)
        }
        // Worded by `bot::complaint::notice`.
        Notice::ComplaintFiled { .. }
        | Notice::ComplaintPhoto { .. }
        | Notice::ComplaintUpdate { .. }
        | Notice::ComplaintReply { .. }
        | Notice::ComplaintEscalated { .. } => (String::new(), None),
    }
}

/// A sealed label opened, or `fallback` (a notice queued before labels, or one that does not
/// open with this key: said in the log, and the task is still named by its number).
fn opened(seal: &Seal, label: &Option<String>, fallback: &str) -> String {
    match label {
        Some(sealed) => seal
            .open_string(crate::store::seal::Place::Outbox, sealed)
            .unwrap_or_else(|e| {
                tracing::warn!(error = %e, "a notice's household label does not open; sent without it");
                fallback.to_string()
            }),
        None => fallback.to_string(),
    }
}

/// The tasks a reminder names, one line each, and how many more there are.
fn reminder_tasks(lang: Lang, seal: &Seal, sealed: Option<&str>, count: i64) -> String {
    let Some(sealed) = sealed else {
        return String::new();
    };
    let opened = seal.open_string(crate::store::seal::Place::Outbox, sealed);
    let list: Vec<crate::domain::notice::DueTask> =
        match opened.map(|json| serde_json::from_str(&json)) {
            Ok(Ok(list)) => list,
            Ok(Err(e)) => {
                // The error could quote the opened text: only its kind and place are logged.
                tracing::warn!(
                    kind = ?e.classify(),
                    line = e.line(),
                    column = e.column(),
                    "a reminder's task list does not parse; sent without it"
                );
                return String::new();
            }
            Err(e) => {
                tracing::warn!(error = %e, "a reminder's task list does not open; sent without it");
                return String::new();
            }
        };
    let mut lines: Vec<String> = list
        .iter()
        .map(|d| {
            let due = d.due.map(|d| date(lang, d)).unwrap_or_else(|| "-".into());
            targs(
                lang,
                "reminder-task",
                &[
                    ("id", d.id.into()),
                    ("kind", kind_text(lang, d.kind).into()),
                    ("label", d.label.clone().into()),
                    ("due", due.into()),
                ],
            )
        })
        .collect();
    let more = count - list.len() as i64;
    if more > 0 {
        lines.push(targs(lang, "reminder-more", &[("count", more.into())]));
    }
    lines.join("\n")
}

/// "A new task for you", with a button that opens it.
fn task_assigned(
    lang: Lang,
    task: i64,
    kind: TaskKind,
    subject: &str,
    due: Option<NaiveDate>,
) -> (String, Option<InlineKeyboardMarkup>) {
    let due = due.map(|d| date(lang, d)).unwrap_or_else(|| "-".into());
    let body = targs(
        lang,
        "task-assigned-notice",
        &[
            ("id", task.into()),
            ("kind", kind_text(lang, kind).into()),
            ("subject", subject.to_string().into()),
            ("due", due.into()),
        ],
    );
    let open = Button::Tasks(TaskPress::Open(task));
    let keyboard = InlineKeyboardMarkup::new(vec![vec![button(lang, "task-open-button", open)]]);
    (body, Some(keyboard))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::proposal::ProposalStatus;

    #[test]
    fn every_proposal_status_with_a_notice_has_its_text() {
        for status in ProposalStatus::ALL {
            if status == ProposalStatus::Submitted {
                continue; // the resident is answered at once, not told later
            }
            let notice = Notice::ProposalStatus {
                number: "USL-2026-000042".into(),
                status,
            };
            for lang in Lang::ALL {
                let body = render(lang, &notice, &Seal::from_secret(b"k")).text;
                assert!(
                    body.contains("USL-2026-000042"),
                    "{status:?} in {lang:?}: {body}"
                );
            }
        }
    }

    #[test]
    fn counts_are_grouped_in_indonesian_and_plural_in_english() {
        let seal = Seal::from_secret(b"k");
        let cycle = |tasks| Notice::CycleOpened {
            tasks,
            due: NaiveDate::from_ymd_opt(2026, 12, 31).unwrap(),
        };
        let id = render(Lang::Id, &cycle(1240), &seal).text;
        assert!(id.contains("1.240 rumah tangga KPM"), "{id}");
        let one = render(Lang::En, &cycle(1), &seal).text;
        assert!(one.contains("revisit 1 KPM household by"), "{one}");
        let many = render(Lang::En, &cycle(1240), &seal).text;
        assert!(many.contains("revisit 1,240 KPM households"), "{many}");
    }

    #[test]
    fn a_task_notice_opens_the_task() {
        let Rendered {
            text: body,
            keyboard,
            ..
        } = render(
            Lang::En,
            &Notice::TaskAssigned {
                task: 41,
                kind: crate::domain::task::TaskKind::ReverifyKpm,
                subject: "7".into(),
                due: None,
                label: Some(Seal::from_secret(b"k").seal_str(
                    crate::store::seal::Place::Outbox,
                    "Siti Aminah · KK 3215**********01",
                )),
            },
            &Seal::from_secret(b"k"),
        );
        assert!(
            body.contains("#41") && body.contains("Siti Aminah · KK"),
            "{body}"
        );
        let data = keyboard.unwrap().inline_keyboard[0][0].clone();
        assert_eq!(
            format!("{:?}", data.kind),
            format!(
                "{:?}",
                teloxide::types::InlineKeyboardButtonKind::CallbackData("tg:o:41".into())
            )
        );
    }
}
