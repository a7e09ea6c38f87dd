//! `/aduan`: the category with buttons, the desa/kelurahan (the one the resident's last `/cek`
//! or proposal named offered first), a description, up to three photos and a location (each
//! skippable), for an objection the choice to stay anonymous, and a summary to confirm. Only
//! the confirmation writes anything; the ticket number is given once the complaint is
//! committed. Anything that does not fit a step is explained and the step asked again.

use super::{AduanPress, Flow};
use crate::bot::button::Button;
use crate::bot::menu::{button, labelled};
use crate::bot::resident::Ctx;
use crate::bot::send;
use crate::bot::worker::visit::screens::{location_keyboard, remove_keyboard};
use crate::bot::{ChatOf, HandlerResult, State};
use crate::domain::complaint::{self as rules, Category, DescriptionError};
use crate::domain::region::RegionCode;
use crate::i18n::{date, number, t, targs, today_wib};
use crate::store::complaints::{self, NewComplaint, Told};
use crate::store::seal::Place;
use crate::store::{residents, users};
use serde::{Deserialize, Serialize};
use teloxide::prelude::*;
use teloxide::types::InlineKeyboardMarkup;

/// A complaint being written.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Draft {
    /// One per draft: a repeated "send" files one complaint.
    pub key: String,
    pub step: Step,
}

/// Each step holds what the form has so far.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Step {
    Category,
    Village {
        #[serde(with = "crate::domain::code")]
        category: Category,
    },
    Description {
        base: Base,
        /// A description over the limit, kept so that it can be cut rather than retyped.
        too_long: Option<String>,
    },
    Photos {
        base: Base,
        description: String,
        photos: Vec<String>,
    },
    Location {
        base: Base,
        description: String,
        photos: Vec<String>,
    },
    Anonymous(Form),
    Confirm(Form),
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Base {
    #[serde(with = "crate::domain::code")]
    pub category: Category,
    /// The desa/kelurahan's code.
    pub area: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Form {
    pub base: Base,
    pub description: String,
    pub photos: Vec<String>,
    pub location: Option<(f64, f64)>,
    pub anonymous: bool,
}

fn press(p: AduanPress) -> Button {
    Button::Aduan(p)
}

fn cancel_row(lang: crate::i18n::Lang) -> Vec<teloxide::types::InlineKeyboardButton> {
    vec![button(lang, "complaint-cancel", press(AduanPress::Cancel))]
}

async fn set(cx: &Ctx, draft: Draft) -> HandlerResult {
    cx.dialogue
        .update(State::Complaint(Flow::Filing(draft)))
        .await?;
    Ok(())
}

/// `/aduan`: a new draft, and the first question.
pub async fn start(cx: &Ctx) -> HandlerResult {
    let draft = Draft {
        key: hex::encode(rand::random::<[u8; 12]>()),
        step: Step::Category,
    };
    set(cx, draft.clone()).await?;
    ask(cx, &draft).await
}

/// Asks the question of the draft's step (again, after an answer that did not fit).
async fn ask(cx: &Ctx, draft: &Draft) -> HandlerResult {
    let lang = cx.lang();
    match &draft.step {
        Step::Category => {
            let mut rows: Vec<_> = Category::ALL
                .iter()
                .map(|c| {
                    vec![button(
                        lang,
                        &c.message_id(),
                        press(AduanPress::Category(*c)),
                    )]
                })
                .collect();
            rows.push(cancel_row(lang));
            cx.say_with(
                &t(lang, "complaint-ask-category"),
                InlineKeyboardMarkup::new(rows),
            )
            .await
        }
        Step::Village { .. } => ask_village(cx).await,
        Step::Description { .. } => {
            let body = targs(
                lang,
                "complaint-ask-description",
                &[
                    ("min", (rules::MIN_DESCRIPTION as i64).into()),
                    ("max", number(lang, rules::MAX_DESCRIPTION as i64).into()),
                ],
            );
            cx.say_with(&body, InlineKeyboardMarkup::new(vec![cancel_row(lang)]))
                .await
        }
        Step::Photos { photos, .. } => {
            let key = if photos.is_empty() {
                "complaint-ask-photos"
            } else {
                "complaint-photo-received"
            };
            let body = targs(
                lang,
                key,
                &[
                    ("n", (photos.len() as i64).into()),
                    ("max", (rules::MAX_PHOTOS as i64).into()),
                ],
            );
            let label = if photos.is_empty() {
                "complaint-no-photos"
            } else {
                "complaint-photos-done"
            };
            let keyboard = InlineKeyboardMarkup::new(vec![vec![button(
                lang,
                label,
                press(AduanPress::PhotosDone),
            )]]);
            cx.say_with(&body, keyboard).await
        }
        Step::Location { .. } => {
            send::text(
                &cx.bot,
                &cx.app.db,
                cx.caller.chat(),
                &t(lang, "complaint-ask-location"),
                Some(location_keyboard(lang)),
            )
            .await?;
            Ok(())
        }
        Step::Anonymous(_) => {
            let keyboard = InlineKeyboardMarkup::new(vec![
                vec![button(
                    lang,
                    "complaint-anonymous-yes",
                    press(AduanPress::Anonymous(true)),
                )],
                vec![button(
                    lang,
                    "complaint-anonymous-no",
                    press(AduanPress::Anonymous(false)),
                )],
            ]);
            cx.say_with(&t(lang, "complaint-ask-anonymous"), keyboard)
                .await
        }
        Step::Confirm(form) => {
            let body = summary(cx, form).await?;
            let keyboard = InlineKeyboardMarkup::new(vec![
                vec![button(lang, "complaint-send", press(AduanPress::Send))],
                vec![
                    button(lang, "complaint-redo", press(AduanPress::Redo)),
                    button(lang, "complaint-cancel", press(AduanPress::Cancel)),
                ],
            ]);
            cx.say_with(&body, keyboard).await
        }
    }
}

/// The place: the resident's own desa/kelurahan first, when known; else the kecamatan.
async fn ask_village(cx: &Ctx) -> HandlerResult {
    let lang = cx.lang();
    let home = users::home_area(&cx.app.db, cx.caller.tg_id).await?;
    let home = match home {
        Some(code) => residents::village(&cx.app.db, &code)
            .await?
            .and_then(|(name, _)| Some((RegionCode::parse(&code).ok()?, name))),
        None => None,
    };
    let Some((code, name)) = home else {
        return ask_kecamatan(cx).await;
    };
    let keyboard = InlineKeyboardMarkup::new(vec![
        vec![labelled(
            format!("📍 {name}"),
            press(AduanPress::Village(code)),
        )],
        vec![button(
            lang,
            "complaint-other-village",
            press(AduanPress::OtherVillage),
        )],
        cancel_row(lang),
    ]);
    cx.say_with(&t(lang, "complaint-ask-village"), keyboard)
        .await
}

async fn ask_kecamatan(cx: &Ctx) -> HandlerResult {
    let lang = cx.lang();
    let list = residents::kecamatan_list(&cx.app.db).await?;
    let buttons: Vec<_> = list
        .into_iter()
        .filter_map(|p| {
            Some(labelled(
                p.name,
                press(AduanPress::Kecamatan(RegionCode::parse(&p.code).ok()?)),
            ))
        })
        .collect();
    let mut rows: Vec<Vec<_>> = buttons.chunks(2).map(<[_]>::to_vec).collect();
    rows.push(cancel_row(lang));
    cx.say_with(
        &t(lang, "complaint-ask-kecamatan"),
        InlineKeyboardMarkup::new(rows),
    )
    .await
}

async fn ask_village_of(cx: &Ctx, kecamatan: &RegionCode) -> HandlerResult {
    let lang = cx.lang();
    let list = residents::villages_of(&cx.app.db, kecamatan.as_str()).await?;
    let buttons: Vec<_> = list
        .into_iter()
        .filter_map(|p| {
            Some(labelled(
                p.name,
                press(AduanPress::Village(RegionCode::parse(&p.code).ok()?)),
            ))
        })
        .collect();
    let mut rows: Vec<Vec<_>> = buttons.chunks(2).map(<[_]>::to_vec).collect();
    rows.push(vec![button(
        lang,
        "complaint-other-kecamatan",
        press(AduanPress::OtherVillage),
    )]);
    cx.say_with(
        &t(lang, "complaint-ask-village-of"),
        InlineKeyboardMarkup::new(rows),
    )
    .await
}

/// What the resident is about to send.
async fn summary(cx: &Ctx, form: &Form) -> anyhow::Result<String> {
    let lang = cx.lang();
    let place = super::place_name(&cx.app, lang, &form.base.area).await?;
    let description: String = form.description.chars().take(300).collect();
    let cut = if form.description.chars().count() > 300 {
        "…"
    } else {
        ""
    };
    Ok(targs(
        lang,
        "complaint-summary",
        &[
            ("category", t(lang, &form.base.category.message_id()).into()),
            ("place", place.into()),
            ("description", format!("{description}{cut}").into()),
            ("photos", (form.photos.len() as i64).into()),
            (
                "location",
                if form.location.is_some() { "yes" } else { "no" }.into(),
            ),
            (
                "anonymous",
                match (form.base.category.may_be_anonymous(), form.anonymous) {
                    (false, _) => "none",
                    (true, true) => "yes",
                    (true, false) => "no",
                }
                .into(),
            ),
        ],
    ))
}

/// A press on one of the form's buttons; one that does not fit the current step is stale.
pub async fn on_press(cx: Ctx, q: CallbackQuery, press: AduanPress, state: State) -> HandlerResult {
    let lang = cx.lang();
    let State::Complaint(Flow::Filing(draft)) = state else {
        return crate::bot::worker::toast(&cx.bot, &q, t(lang, "button-stale")).await;
    };
    let key = draft.key.clone();
    let next = match (press, draft.step) {
        (AduanPress::Cancel, _) => {
            cx.ack(&q).await?;
            cx.idle().await?;
            return cx.say(&t(lang, "complaint-cancelled")).await;
        }
        (AduanPress::Redo, Step::Confirm(_)) => {
            cx.ack(&q).await?;
            return start(&cx).await;
        }
        (AduanPress::Category(category), Step::Category) => Step::Village { category },
        (AduanPress::OtherVillage, step @ Step::Village { .. }) => {
            cx.ack(&q).await?;
            set(&cx, Draft { key, step }).await?;
            return ask_kecamatan(&cx).await;
        }
        (AduanPress::Kecamatan(k), step @ Step::Village { .. }) => {
            cx.ack(&q).await?;
            set(&cx, Draft { key, step }).await?;
            return ask_village_of(&cx, &k).await;
        }
        (AduanPress::Village(v), Step::Village { category })
            if residents::village(&cx.app.db, v.as_str()).await?.is_some() =>
        {
            Step::Description {
                base: Base {
                    category,
                    area: v.as_str().to_string(),
                },
                too_long: None,
            }
        }
        (
            AduanPress::Trim,
            Step::Description {
                base,
                too_long: Some(text),
            },
        ) => Step::Photos {
            base,
            description: text.chars().take(rules::MAX_DESCRIPTION).collect(),
            photos: vec![],
        },
        (
            AduanPress::PhotosDone,
            Step::Photos {
                base,
                description,
                photos,
            },
        ) => Step::Location {
            base,
            description,
            photos,
        },
        (AduanPress::Anonymous(anonymous), Step::Anonymous(form)) => {
            Step::Confirm(Form { anonymous, ..form })
        }
        (AduanPress::Send, Step::Confirm(form)) => {
            cx.ack(&q).await?;
            return submit(&cx, &key, form, &q.from.first_name).await;
        }
        _ => return crate::bot::worker::toast(&cx.bot, &q, t(lang, "button-stale")).await,
    };
    cx.ack(&q).await?;
    let draft = Draft { key, step: next };
    set(&cx, draft.clone()).await?;
    ask(&cx, &draft).await
}

/// A message during the form: the description, a photo, the location, or an explanation and
/// the same question again.
pub async fn on_message(cx: &Ctx, draft: Draft, msg: &Message) -> HandlerResult {
    let lang = cx.lang();
    let Draft { key, step } = draft;
    let next = match step {
        Step::Description { base, .. } => match msg.text().map(str::trim) {
            Some(text) => match rules::check_description(text) {
                Ok(()) => Step::Photos {
                    base,
                    description: text.to_string(),
                    photos: vec![],
                },
                Err(DescriptionError::TooShort) => {
                    let body = targs(
                        lang,
                        "complaint-description-short",
                        &[("min", (rules::MIN_DESCRIPTION as i64).into())],
                    );
                    cx.say(&body).await?;
                    let draft = Draft {
                        key,
                        step: Step::Description {
                            base,
                            too_long: None,
                        },
                    };
                    set(cx, draft.clone()).await?;
                    return ask(cx, &draft).await;
                }
                Err(DescriptionError::TooLong) => {
                    let body = targs(
                        lang,
                        "complaint-description-long",
                        &[
                            ("length", number(lang, text.chars().count() as i64).into()),
                            ("max", number(lang, rules::MAX_DESCRIPTION as i64).into()),
                        ],
                    );
                    let keyboard = InlineKeyboardMarkup::new(vec![
                        vec![button(lang, "complaint-trim", press(AduanPress::Trim))],
                        cancel_row(lang),
                    ]);
                    set(
                        cx,
                        Draft {
                            key,
                            step: Step::Description {
                                base,
                                too_long: Some(text.to_string()),
                            },
                        },
                    )
                    .await?;
                    return cx.say_with(&body, keyboard).await;
                }
            },
            None => {
                cx.say(&t(lang, "complaint-text-please")).await?;
                Step::Description {
                    base,
                    too_long: None,
                }
            }
        },
        Step::Photos {
            base,
            description,
            mut photos,
        } => match msg.photo().and_then(|sizes| sizes.last()) {
            Some(photo) if photos.len() < rules::MAX_PHOTOS => {
                photos.push(photo.file.id.0.clone());
                if photos.len() == rules::MAX_PHOTOS {
                    Step::Location {
                        base,
                        description,
                        photos,
                    }
                } else {
                    Step::Photos {
                        base,
                        description,
                        photos,
                    }
                }
            }
            Some(_) => {
                let body = targs(
                    lang,
                    "complaint-photos-full",
                    &[("max", (rules::MAX_PHOTOS as i64).into())],
                );
                cx.say(&body).await?;
                Step::Photos {
                    base,
                    description,
                    photos,
                }
            }
            None => {
                cx.say(&t(lang, "complaint-photo-please")).await?;
                Step::Photos {
                    base,
                    description,
                    photos,
                }
            }
        },
        Step::Location {
            base,
            description,
            photos,
        } => {
            let location = match (msg.location(), msg.text()) {
                (Some(l), _) => Some((l.latitude, l.longitude)),
                (None, Some(text)) if is_skip(lang, text) => None,
                _ => {
                    // A fourth photo lands here, after the third moved the form on.
                    let why = if msg.photo().is_some() {
                        targs(
                            lang,
                            "complaint-photos-full-then-location",
                            &[("max", (rules::MAX_PHOTOS as i64).into())],
                        )
                    } else {
                        t(lang, "complaint-location-please")
                    };
                    cx.say(&why).await?;
                    let draft = Draft {
                        key,
                        step: Step::Location {
                            base,
                            description,
                            photos,
                        },
                    };
                    return ask(cx, &draft).await;
                }
            };
            let said = if location.is_some() {
                "complaint-location-received"
            } else {
                "complaint-location-skipped"
            };
            send::text(
                &cx.bot,
                &cx.app.db,
                cx.caller.chat(),
                &t(lang, said),
                Some(remove_keyboard()),
            )
            .await?;
            let form = Form {
                anonymous: false,
                base,
                description,
                photos,
                location,
            };
            if form.base.category.may_be_anonymous() {
                Step::Anonymous(form)
            } else {
                Step::Confirm(form)
            }
        }
        step => {
            cx.say(&t(lang, "complaint-use-buttons")).await?;
            step
        }
    };
    let draft = Draft { key, step: next };
    set(cx, draft.clone()).await?;
    ask(cx, &draft).await
}

/// "Lewati" typed or pressed on the location keyboard.
fn is_skip(lang: crate::i18n::Lang, text: &str) -> bool {
    let text = text.trim().to_lowercase();
    text == t(lang, "visit-location-skip").to_lowercase() || text == "lewati" || text == "skip"
}

/// Files the complaint; the ticket is given only once it is committed.
async fn submit(cx: &Ctx, key: &str, form: Form, first_name: &str) -> HandlerResult {
    let lang = cx.lang();
    let seal = &cx.app.seal;
    let anonymous = form.anonymous && form.base.category.may_be_anonymous();
    let (deadlines, calendar) = super::rules(&cx.app).await?;
    let (name, kecamatan) = residents::village(&cx.app.db, &form.base.area)
        .await?
        .unwrap_or_else(|| (form.base.area.clone(), None));
    // "Desa"/"Kelurahan" are the same words in every locale: the notices may carry them.
    let place = crate::i18n::place(lang, &form.base.area, &name);
    let filed_on = today_wib();
    let filed = complaints::file(
        &cx.app.db,
        &NewComplaint {
            reporter: cx.caller.tg_id,
            reporter_name: (!anonymous).then(|| seal.seal_str(Place::Complaint, first_name)),
            anonymous,
            category: form.base.category,
            area: &form.base.area,
            place: &place,
            description_sealed: seal.seal_str(Place::Complaint, &form.description),
            photos: &form.photos,
            location: form.location,
            filed_on,
            dedupe: key,
        },
        deadlines,
        &calendar,
    )
    .await?;
    cx.idle().await?;
    cx.app.outbox_ready.notify_one();
    let told = match filed.told {
        Some(Told::Tksk) => targs(
            lang,
            "complaint-told-tksk",
            &[("kecamatan", kecamatan.unwrap_or_default().into())],
        ),
        Some(Told::Dinsos(_)) => t(lang, "complaint-told-dinsos"),
        Some(Told::NoOne) => t(lang, "complaint-told-no-one"),
        None => String::new(),
    };
    let (response_due, _) = deadlines.of(&calendar, filed_on);
    let mut body = targs(
        lang,
        "complaint-filed",
        &[
            ("ticket", filed.ticket.clone().into()),
            ("told", told.into()),
        ],
    );
    body.push('\n');
    // No date is promised when nobody could be told.
    body.push_str(&match filed.told {
        Some(Told::NoOne) => t(lang, "complaint-filed-later"),
        _ => targs(
            lang,
            "complaint-filed-due",
            &[("due", date(lang, response_due).into())],
        ),
    });
    cx.say(&body).await
}
