//! Complaint notices put into words when they go out: the new complaint for its handler (with
//! the buttons that handle it, and its photos after it), the reporter told of each step, the
//! handler told of the reporter's reply, and Dinas Sosial told of an escalation. What people
//! typed travels sealed and is opened here.

use super::{HandlePress, handle_keyboard};
use crate::bot::button::Button;
use crate::bot::menu::button;
use crate::bot::notice::Rendered;
use crate::domain::complaint::{Category, Event};
use crate::domain::lang::Lang;
use crate::domain::notice::Notice;
use crate::domain::role::Role;
use crate::i18n::{date, t, targs};
use crate::store::seal::{Place, Seal};
use teloxide::types::InlineKeyboardMarkup;

/// A sealed text opened, or a placeholder when it does not open (logged).
pub fn open(seal: &Seal, sealed: &str) -> String {
    seal.open_string(Place::Complaint, sealed)
        .unwrap_or_else(|e| {
            tracing::warn!(error = %e, "a complaint's text does not open");
            "…".into()
        })
}

pub fn category_text(lang: Lang, c: Category) -> String {
    t(lang, &c.message_id())
}

/// The complaint notices; `None` for a notice that is not about a complaint.
pub fn render(lang: Lang, notice: &Notice, seal: &Seal) -> Option<Rendered> {
    Some(match notice {
        Notice::ComplaintFiled {
            id,
            ticket,
            category,
            place,
            description,
            reporter,
            photos,
            location,
            response_due,
            resolve_due,
            to,
        } => {
            let reporter = match reporter {
                Some(name) => open(seal, name),
                None => t(lang, "complaint-anonymous-reporter"),
            };
            let text = targs(
                lang,
                if *to == Role::Psm {
                    "complaint-handed-notice"
                } else {
                    "complaint-new-notice"
                },
                &[
                    ("ticket", ticket.clone().into()),
                    ("category", category_text(lang, *category).into()),
                    ("place", place.clone().into()),
                    ("description", open(seal, description).into()),
                    ("reporter", reporter.into()),
                    ("photos", i64::from(*photos).into()),
                    ("location", if *location { "yes" } else { "no" }.into()),
                    ("response_due", date(lang, *response_due).into()),
                    ("resolve_due", date(lang, *resolve_due).into()),
                ],
            );
            Rendered::text(text, Some(handle_keyboard(lang, *id, *to)))
        }
        Notice::ComplaintPhoto {
            ticket,
            file_id,
            n,
            of,
        } => Rendered {
            text: targs(
                lang,
                "complaint-photo-caption",
                &[
                    ("ticket", ticket.clone().into()),
                    ("n", i64::from(*n).into()),
                    ("of", i64::from(*of).into()),
                ],
            ),
            keyboard: None,
            photo: Some(file_id.clone()),
        },
        Notice::ComplaintUpdate {
            ticket,
            event,
            note,
        } => {
            let key = format!("complaint-update-{}", event.code());
            let note = note.as_deref().map(|n| open(seal, n)).unwrap_or_default();
            let text = targs(
                lang,
                &key,
                &[
                    ("ticket", ticket.clone().into()),
                    ("note", note.into()),
                    ("days", crate::domain::complaint::REOPEN_DAYS.into()),
                ],
            );
            let status = Button::Status(super::StatusPress::List);
            let keyboard =
                InlineKeyboardMarkup::new(vec![vec![button(lang, "complaint-see-status", status)]]);
            Rendered::text(text, Some(keyboard))
        }
        Notice::ComplaintReply {
            id,
            ticket,
            event,
            note,
            photo,
        } => {
            let key = if *event == Event::Reopened {
                "complaint-reopened-notice"
            } else {
                "complaint-added-notice"
            };
            let note = note.as_deref().map(|n| open(seal, n)).unwrap_or_default();
            let text = targs(
                lang,
                key,
                &[("ticket", ticket.clone().into()), ("note", note.into())],
            );
            Rendered {
                text,
                keyboard: Some(handle_keyboard(lang, *id, Role::Psm)),
                photo: photo.clone(),
            }
        }
        Notice::ComplaintEscalated {
            id,
            ticket,
            resolve_due,
        } => {
            let text = targs(
                lang,
                "complaint-escalated-notice",
                &[
                    ("ticket", ticket.clone().into()),
                    ("due", date(lang, *resolve_due).into()),
                ],
            );
            let take = Button::Handle {
                complaint: *id,
                press: HandlePress::Take,
            };
            let keyboard =
                InlineKeyboardMarkup::new(vec![vec![button(lang, "complaint-take", take)]]);
            Rendered::text(text, Some(keyboard))
        }
        _ => return None,
    })
}
