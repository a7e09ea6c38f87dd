//! `/siaran` (Dinas Sosial, TKSK): a broadcast (siaran sosialisasi) written step by step —
//! the audience with buttons, the text with an optional photo or document, now or at a time
//! (WIB), a preview with the number of recipients, and a confirmation. Only the confirmation
//! writes anything: the broadcast and one outbox row per recipient, in one transaction
//! (`store::broadcasts::create`), which the outbox worker then drains at bulk priority.
//!
//! Also here: "Sudah dibaca" under every broadcast, residents stopping and restarting
//! broadcasts, and the author's list of recent broadcasts with their counts.
//!
//! Who may address whom is `domain::broadcast::Audience::allowed_for`, checked when the
//! audience is chosen and again at the confirmation (a forged button changes nothing).

pub mod bulletin;

pub use bulletin::{Opened, open_for};

use super::button::{BroadcastPress, Button};
use super::menu::{button, labelled};
use super::send::{self, Bulletin};
use super::worker::{Flow, toast};
use super::{ChatOf, Dlg, HandlerResult, State, Tg};
use crate::app::App;
use crate::domain::broadcast::{self as rules, Audience, WhenError};
use crate::domain::region::{Level, RegionCode};
use crate::domain::role::Role;
use crate::i18n::{Lang, datetime_wib, number, t, targs, to_wib};
use crate::store::broadcasts::{self, Counts, Media, MediaKind, NewBroadcast, Read};
use crate::store::seal::Place;
use crate::store::users::Caller;
use crate::store::{Db, regions, workers};
use serde::{Deserialize, Serialize};
use std::sync::Arc;
use teloxide::prelude::*;
use teloxide::types::{FileId, InlineKeyboardMarkup, InputFile, ReplyMarkup};

/// A broadcast being written (kept, sealed, in the dialogue table).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Draft {
    /// The audience is being chosen.
    Audience { key: String },
    /// The audience is chosen; the rest is being written.
    Compose {
        key: String,
        audience: Audience,
        step: Compose,
    },
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Compose {
    /// The next message is the text (or a photo or document with its caption).
    Text,
    /// Now or later?
    When(Body),
    /// The next message is the time to send it.
    Time(Body),
    /// The preview was shown: send, or cancel.
    Confirm { body: Body, send_at: Option<i64> },
}

/// What the broadcast says and shows.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Body {
    pub text: String,
    /// A photo or document already on Telegram: its kind and file id.
    pub media: Option<(String, String)>,
}

impl Body {
    fn media(&self) -> Option<(MediaKind, String)> {
        let (kind, id) = self.media.as_ref()?;
        let kind = match kind.as_str() {
            "photo" => MediaKind::Photo,
            _ => MediaKind::Document,
        };
        Some((kind, id.clone()))
    }
}

/// The area a Dinas Sosial operator or TKSK speaks for (their first, for TKSK the kecamatan).
async fn home_of(app: &App, caller: &Caller) -> anyhow::Result<Option<String>> {
    let Some(worker) = workers::worker_by_tg(&app.db, caller.tg_id).await? else {
        return Ok(None);
    };
    Ok(workers::areas(&app.db, worker.id).await?.into_iter().next())
}

/// `/siaran`: the choice of audience.
pub async fn on_command(bot: &Tg, app: &App, caller: &Caller, dialogue: &Dlg) -> HandlerResult {
    let lang = caller.lang;
    let Some(home) = home_of(app, caller).await? else {
        return say(bot, app, caller, &t(lang, "broadcast-no-area"), None).await;
    };
    let key = hex::encode(rand::random::<[u8; 12]>());
    dialogue
        .update(State::Worker(Flow::Broadcast(Draft::Audience { key })))
        .await?;
    let pick = |key: &str, press| button(lang, key, Button::Broadcast(press));
    let mut rows = match caller.role {
        Role::Dinsos => vec![
            vec![
                pick("broadcast-to-tksk", BroadcastPress::AllTksk),
                pick("broadcast-to-psm", BroadcastPress::AllPsm),
            ],
            vec![pick("broadcast-to-kecamatan", BroadcastPress::PickWorkers)],
            vec![pick(
                "broadcast-to-residents",
                BroadcastPress::PickResidents,
            )],
        ],
        _ => {
            let name = super::worker::area_name(&app.db, &home).await;
            let label = targs(lang, "broadcast-to-my-psm", &[("area", name.into())]);
            vec![vec![labelled(
                label,
                Button::Broadcast(BroadcastPress::MyPsm),
            )]]
        }
    };
    rows.push(vec![
        pick("broadcast-mine", BroadcastPress::List),
        pick("broadcast-cancel", BroadcastPress::Cancel),
    ]);
    let body = t(lang, "broadcast-ask-audience");
    say(
        bot,
        app,
        caller,
        &body,
        Some(InlineKeyboardMarkup::new(rows)),
    )
    .await
}

/// A press on one of the `/siaran` buttons.
pub async fn on_press(
    bot: Tg,
    app: Arc<App>,
    caller: Caller,
    q: CallbackQuery,
    press: BroadcastPress,
    state: State,
    dialogue: Dlg,
) -> HandlerResult {
    let lang = caller.lang;
    let draft = match state {
        State::Worker(Flow::Broadcast(d)) => Some(d),
        _ => None,
    };
    match (press, draft) {
        (BroadcastPress::List, _) => {
            bot.answer_callback_query(q.id.clone()).await?;
            show_list(&bot, &app, &caller).await
        }
        (BroadcastPress::Stop(id), _) => stop(&bot, &app, &caller, &q, id).await,
        (BroadcastPress::Cancel, Some(_)) => {
            dialogue.update(State::Idle).await?;
            toast(&bot, &q, t(lang, "broadcast-cancelled")).await?;
            say(&bot, &app, &caller, &t(lang, "broadcast-cancelled"), None).await
        }
        (press, Some(Draft::Audience { key })) => {
            choose(&bot, &app, &caller, &q, &dialogue, key, press).await
        }
        (
            press @ (BroadcastPress::Now | BroadcastPress::Later),
            Some(Draft::Compose {
                key,
                audience,
                step: Compose::When(body),
            }),
        ) => {
            bot.answer_callback_query(q.id.clone()).await?;
            if press == BroadcastPress::Later {
                let step = Compose::Time(body);
                dialogue.update(compose(key, audience, step)).await?;
                return say(&bot, &app, &caller, &t(lang, "broadcast-ask-time"), None).await;
            }
            preview(&bot, &app, &caller, &dialogue, (key, audience), body, None).await
        }
        (
            BroadcastPress::Send,
            Some(Draft::Compose {
                key,
                audience,
                step: Compose::Confirm { body, send_at },
            }),
        ) => {
            bot.answer_callback_query(q.id.clone()).await?;
            confirm(
                &bot,
                &app,
                &caller,
                &dialogue,
                (key, audience),
                body,
                send_at,
            )
            .await
        }
        _ => toast(&bot, &q, t(lang, "button-stale")).await,
    }
}

fn compose(key: String, audience: Audience, step: Compose) -> State {
    State::Worker(Flow::Broadcast(Draft::Compose {
        key,
        audience,
        step,
    }))
}

/// The audience step: a choice, or a list to choose from.
async fn choose(
    bot: &Tg,
    app: &App,
    caller: &Caller,
    q: &CallbackQuery,
    dialogue: &Dlg,
    key: String,
    press: BroadcastPress,
) -> HandlerResult {
    let lang = caller.lang;
    let home = home_of(app, caller).await?;
    let village = |c: &RegionCode| Level::VILLAGE.contains(&c.level());
    let Some(Ok(home_code)) = home.as_deref().map(RegionCode::parse) else {
        return toast(bot, q, t(lang, "role-refused-short")).await;
    };
    // Everyone in the operator's area is Dinas Sosial's to address; a TKSK has one button.
    let for_dinsos = matches!(press, BroadcastPress::AllTksk | BroadcastPress::AllPsm);
    if for_dinsos && caller.role != Role::Dinsos {
        return toast(bot, q, t(lang, "role-refused-short")).await;
    }
    let audience = match press {
        BroadcastPress::AllTksk => Audience::Tksk {
            within: Some(home_code),
        },
        BroadcastPress::AllPsm | BroadcastPress::MyPsm => Audience::Psm {
            within: Some(home_code),
        },
        BroadcastPress::Workers(k) if k.level() == Level::Kecamatan => Audience::Workers(k),
        BroadcastPress::Residents(v) if village(&v) => Audience::Residents(v),
        BroadcastPress::PickWorkers | BroadcastPress::PickResidents
            if caller.role == Role::Dinsos =>
        {
            bot.answer_callback_query(q.id.clone()).await?;
            let workers = press == BroadcastPress::PickWorkers;
            return pick_kecamatan(bot, app, caller, home.as_deref(), workers).await;
        }
        BroadcastPress::ResidentsIn(k) if caller.role == Role::Dinsos => {
            bot.answer_callback_query(q.id.clone()).await?;
            return pick_village(bot, app, caller, &k).await;
        }
        _ => return toast(bot, q, t(lang, "button-stale")).await,
    };
    if !audience.allowed_for(caller.role, home.as_deref()) {
        return toast(bot, q, t(lang, "role-refused-short")).await;
    }
    bot.answer_callback_query(q.id.clone()).await?;
    let (reach, missing) = broadcasts::reach(&app.db, &audience).await?;
    let label = audience_label(&app.db, lang, &audience).await;
    dialogue
        .update(compose(key, audience, Compose::Text))
        .await?;
    let mut body = targs(
        lang,
        "broadcast-ask-text",
        &[
            ("audience", label.into()),
            ("count", reach.into()),
            ("shown", number(lang, reach).into()),
            ("max", number(lang, rules::MAX_TEXT as i64).into()),
        ],
    );
    if missing > 0 {
        body.push_str("\n\n");
        body.push_str(&targs(
            lang,
            "broadcast-not-joined",
            &[("count", missing.into())],
        ));
    }
    say(bot, app, caller, &body, None).await
}

/// The kecamatan of the operator's area as buttons (for workers, or on to its villages).
async fn pick_kecamatan(
    bot: &Tg,
    app: &App,
    caller: &Caller,
    home: Option<&str>,
    workers: bool,
) -> HandlerResult {
    let lang = caller.lang;
    let home = home.unwrap_or_default();
    let mut places = regions::children(&app.db, home).await?;
    places.retain(|r| r.level == Level::Kecamatan);
    if places.is_empty() {
        // An operator of one kecamatan: that kecamatan itself.
        places.extend(regions::get(&app.db, home).await?);
    }
    let buttons = places.into_iter().filter_map(|r| {
        let code = RegionCode::parse(&r.code).ok()?;
        let press = if workers {
            BroadcastPress::Workers(code)
        } else {
            BroadcastPress::ResidentsIn(code)
        };
        Some(labelled(r.name, Button::Broadcast(press)))
    });
    let key = if workers {
        "broadcast-pick-kecamatan"
    } else {
        "broadcast-pick-kecamatan-residents"
    };
    say(bot, app, caller, &t(lang, key), Some(grid(buttons, lang))).await
}

async fn pick_village(
    bot: &Tg,
    app: &App,
    caller: &Caller,
    kecamatan: &RegionCode,
) -> HandlerResult {
    let lang = caller.lang;
    let places = regions::children(&app.db, kecamatan.as_str()).await?;
    let buttons = places.into_iter().filter_map(|r| {
        let code = RegionCode::parse(&r.code).ok()?;
        Some(labelled(
            r.name,
            Button::Broadcast(BroadcastPress::Residents(code)),
        ))
    });
    let name = super::worker::area_name(&app.db, kecamatan.as_str()).await;
    let body = targs(lang, "broadcast-pick-village", &[("area", name.into())]);
    say(bot, app, caller, &body, Some(grid(buttons, lang))).await
}

/// Buttons two to a row, with "cancel" last.
fn grid(
    buttons: impl Iterator<Item = teloxide::types::InlineKeyboardButton>,
    lang: Lang,
) -> InlineKeyboardMarkup {
    let all: Vec<_> = buttons.collect();
    let mut rows: Vec<Vec<_>> = all.chunks(2).map(<[_]>::to_vec).collect();
    rows.push(vec![button(
        lang,
        "broadcast-cancel",
        Button::Broadcast(BroadcastPress::Cancel),
    )]);
    InlineKeyboardMarkup::new(rows)
}

/// Who an audience is, in words: "semua PSM", "warga Kelurahan Nagasari".
pub async fn audience_label(db: &Db, lang: Lang, audience: &Audience) -> String {
    let name = match audience.area() {
        Some(a) => super::worker::area_name(db, a.as_str()).await,
        None => String::new(),
    };
    // The Kemendagri code says which: 1xxx kelurahan, 2xxx desa.
    let place = audience.area().map_or("kelurahan", |a| a.level().code());
    let kecamatan = |a: &RegionCode| a.level() == Level::Kecamatan;
    let (key, area) = match audience {
        Audience::Tksk { within: None } => ("broadcast-audience-tksk", name),
        Audience::Tksk { within: Some(a) } if kecamatan(a) => ("broadcast-audience-tksk-in", name),
        Audience::Tksk { within: Some(_) } => ("broadcast-audience-tksk-all-in", name),
        Audience::Psm { within: None } => ("broadcast-audience-psm", name),
        Audience::Psm { within: Some(a) } if kecamatan(a) => ("broadcast-audience-psm-in", name),
        Audience::Psm { within: Some(_) } => ("broadcast-audience-psm-all-in", name),
        Audience::Workers(_) => ("broadcast-audience-workers", name),
        Audience::Residents(_) => ("broadcast-audience-residents", name),
    };
    targs(lang, key, &[("area", area.into()), ("place", place.into())])
}

/// A message inside the flow: the text, the time, or a reminder of what is asked.
pub async fn on_message(
    bot: &Tg,
    app: &App,
    caller: &Caller,
    msg: &Message,
    dialogue: &Dlg,
    draft: Draft,
) -> HandlerResult {
    let lang = caller.lang;
    match draft {
        Draft::Compose {
            key,
            audience,
            step: Compose::Text,
        } => match body_of(msg) {
            Ok(body) => {
                dialogue
                    .update(compose(key, audience, Compose::When(body)))
                    .await?;
                let keyboard = InlineKeyboardMarkup::new(vec![
                    vec![
                        button(
                            lang,
                            "broadcast-now",
                            Button::Broadcast(BroadcastPress::Now),
                        ),
                        button(
                            lang,
                            "broadcast-later",
                            Button::Broadcast(BroadcastPress::Later),
                        ),
                    ],
                    vec![button(
                        lang,
                        "broadcast-cancel",
                        Button::Broadcast(BroadcastPress::Cancel),
                    )],
                ]);
                say(
                    bot,
                    app,
                    caller,
                    &t(lang, "broadcast-ask-when"),
                    Some(keyboard),
                )
                .await
            }
            Err(key) => {
                let body = targs(
                    lang,
                    key,
                    &[
                        ("max", number(lang, rules::MAX_TEXT as i64).into()),
                        (
                            "length",
                            number(lang, msg.text().map_or(0, |t| t.chars().count()) as i64).into(),
                        ),
                    ],
                );
                say(bot, app, caller, &body, None).await
            }
        },
        Draft::Compose {
            key,
            audience,
            step: Compose::Time(body),
        } => {
            let now = to_wib(crate::store::now());
            match msg.text().map(|typed| rules::parse_when(typed, now)) {
                Some(Ok(at)) => {
                    preview(bot, app, caller, dialogue, (key, audience), body, Some(at)).await
                }
                Some(Err(e)) => {
                    let key = match e {
                        WhenError::Unreadable => "broadcast-time-unreadable",
                        WhenError::Past => "broadcast-time-past",
                        WhenError::TooFar => "broadcast-time-too-far",
                    };
                    let days = rules::MAX_AHEAD_DAYS;
                    let body = targs(lang, key, &[("days", days.into())]);
                    say(bot, app, caller, &body, None).await
                }
                None => say(bot, app, caller, &t(lang, "broadcast-ask-time"), None).await,
            }
        }
        // Waiting for a button: say so, and where.
        _ => say(bot, app, caller, &t(lang, "broadcast-use-buttons"), None).await,
    }
}

/// The body of a message sent as the broadcast's content, or the message id of why not.
fn body_of(msg: &Message) -> Result<Body, &'static str> {
    if let Some(text) = msg.text() {
        if text.chars().count() > rules::MAX_TEXT {
            return Err("broadcast-text-too-long");
        }
        if text.trim().is_empty() {
            return Err("broadcast-ask-text-again");
        }
        return Ok(Body {
            text: text.to_string(),
            media: None,
        });
    }
    let caption = msg.caption().unwrap_or_default().to_string();
    if let Some(photo) = msg.photo().and_then(|sizes| sizes.last()) {
        return Ok(Body {
            text: caption,
            media: Some(("photo".into(), photo.file.id.0.clone())),
        });
    }
    if let Some(doc) = msg.document() {
        return Ok(Body {
            text: caption,
            media: Some(("document".into(), doc.file.id.0.clone())),
        });
    }
    Err("broadcast-ask-text-again")
}

/// Shows the broadcast as its recipients will see it, then the number of recipients, the time,
/// and the buttons to send or cancel.
async fn preview(
    bot: &Tg,
    app: &App,
    caller: &Caller,
    dialogue: &Dlg,
    (key, audience): (String, Audience),
    body: Body,
    send_at: Option<i64>,
) -> HandlerResult {
    let lang = caller.lang;
    let area = match (caller.role, audience.area()) {
        (Role::Tksk, Some(a)) => Some(super::worker::area_name(&app.db, a.as_str()).await),
        _ => None,
    };
    let author = author_role(caller);
    let shown = Bulletin {
        text: bulletin::render(
            lang,
            (author, area.as_deref()),
            audience.is_residents(),
            &body.text,
        ),
        markup: None,
        media: body
            .media()
            .map(|(kind, id)| (kind, InputFile::file_id(FileId(id)))),
    };
    send::bulletin(bot, &app.db, caller.chat(), shown).await?;
    let (reach, _) = broadcasts::reach(&app.db, &audience).await?;
    let when = match send_at {
        Some(at) => datetime_wib(lang, at),
        None => t(lang, "broadcast-when-now"),
    };
    let summary = targs(
        lang,
        "broadcast-preview",
        &[
            (
                "audience",
                audience_label(&app.db, lang, &audience).await.into(),
            ),
            ("count", reach.into()),
            ("shown", number(lang, reach).into()),
            ("when", when.into()),
        ],
    );
    dialogue
        .update(compose(key, audience, Compose::Confirm { body, send_at }))
        .await?;
    let keyboard = InlineKeyboardMarkup::new(vec![vec![
        button(
            lang,
            "broadcast-send",
            Button::Broadcast(BroadcastPress::Send),
        ),
        button(
            lang,
            "broadcast-cancel",
            Button::Broadcast(BroadcastPress::Cancel),
        ),
    ]]);
    say(bot, app, caller, &summary, Some(keyboard)).await
}

/// Whom a broadcast is from: a TKSK, or Dinas Sosial.
fn author_role(caller: &Caller) -> Role {
    if caller.role == Role::Tksk {
        Role::Tksk
    } else {
        Role::Dinsos
    }
}

/// The confirmation: the broadcast and its deliveries are written, then the author is told.
async fn confirm(
    bot: &Tg,
    app: &App,
    caller: &Caller,
    dialogue: &Dlg,
    (key, audience): (String, Audience),
    body: Body,
    send_at: Option<i64>,
) -> HandlerResult {
    let lang = caller.lang;
    let home = home_of(app, caller).await?;
    if !audience.allowed_for(caller.role, home.as_deref()) {
        dialogue.update(State::Idle).await?;
        return say(bot, app, caller, &t(lang, "role-refused"), None).await;
    }
    let media = match body.media() {
        Some((kind, file_id)) => Media::FileId { kind, file_id },
        None => Media::None,
    };
    let author_role = author_role(caller);
    let (id, count) = broadcasts::create(
        &app.db,
        &NewBroadcast {
            author: Some(caller.tg_id),
            author_role,
            audience: &audience,
            body_sealed: app.seal.seal_str(Place::Broadcast, &body.text),
            media,
            send_at: send_at.unwrap_or_else(crate::store::now),
            draft_key: Some(&key),
        },
    )
    .await?;
    dialogue.update(State::Idle).await?;
    app.outbox_ready.notify_one();
    let args = [
        ("id", id.into()),
        ("count", count.into()),
        ("shown", number(lang, count).into()),
        (
            "when",
            send_at
                .map(|at| datetime_wib(lang, at))
                .unwrap_or_default()
                .into(),
        ),
    ];
    let key = if send_at.is_some() {
        "broadcast-scheduled"
    } else {
        "broadcast-queued"
    };
    let keyboard = InlineKeyboardMarkup::new(vec![vec![button(
        lang,
        "broadcast-mine",
        Button::Broadcast(BroadcastPress::List),
    )]]);
    say(bot, app, caller, &targs(lang, key, &args), Some(keyboard)).await
}

/// How many recent broadcasts the list shows (one phone screen).
const LIST_LEN: i64 = 5;

/// The caller's recent broadcasts with their counts, and a button to stop each one not done.
async fn show_list(bot: &Tg, app: &App, caller: &Caller) -> HandlerResult {
    let lang = caller.lang;
    let list = broadcasts::recent(&app.db, Some(caller.tg_id), LIST_LEN).await?;
    if list.is_empty() {
        return say(bot, app, caller, &t(lang, "broadcast-list-empty"), None).await;
    }
    let ids: Vec<i64> = list.iter().map(|b| b.id).collect();
    let counts = broadcasts::counts(&app.db, &ids).await?;
    let mut lines = vec![t(lang, "broadcast-list-title")];
    let mut stops = vec![];
    for b in &list {
        let c = counts.get(&b.id).copied().unwrap_or_default();
        lines.push(list_entry(&app.db, lang, b, &c).await);
        if c.queued > 0 {
            let label = targs(lang, "broadcast-stop-one", &[("id", b.id.into())]);
            stops.push(vec![labelled(
                label,
                Button::Broadcast(BroadcastPress::Stop(b.id)),
            )]);
        }
    }
    let keyboard = (!stops.is_empty()).then(|| InlineKeyboardMarkup::new(stops));
    say(bot, app, caller, &lines.join("\n\n"), keyboard).await
}

/// One broadcast in the author's list or in `/rekap`.
pub async fn list_entry(db: &Db, lang: Lang, b: &broadcasts::Broadcast, c: &Counts) -> String {
    let audience = match Audience::parse(&b.audience) {
        Ok(a) => audience_label(db, lang, &a).await,
        Err(_) => b.audience.clone(),
    };
    let scheduled = b.send_at > crate::store::now() && c.queued > 0;
    targs(
        lang,
        if scheduled {
            "broadcast-list-scheduled"
        } else {
            "broadcast-list-entry"
        },
        &[
            ("id", b.id.into()),
            (
                "when",
                datetime_wib(lang, b.send_at.max(b.created_at)).into(),
            ),
            ("audience", audience.into()),
            ("total", number(lang, c.total()).into()),
            ("queued", number(lang, c.queued).into()),
            ("sent", number(lang, c.sent).into()),
            ("failed", number(lang, c.failed).into()),
            ("blocked", number(lang, c.blocked).into()),
            ("optedout", number(lang, c.opted_out).into()),
            ("read", number(lang, c.read).into()),
            ("cancelled", number(lang, c.cancelled).into()),
        ],
    )
}

/// The newest broadcasts of the caller, for `/rekap` (empty when they sent none).
pub async fn rekap_section(app: &App, caller: &Caller) -> anyhow::Result<Option<String>> {
    let list = broadcasts::recent(&app.db, Some(caller.tg_id), 3).await?;
    if list.is_empty() {
        return Ok(None);
    }
    let ids: Vec<i64> = list.iter().map(|b| b.id).collect();
    let counts = broadcasts::counts(&app.db, &ids).await?;
    let mut lines = vec![t(caller.lang, "broadcast-rekap-title")];
    for b in &list {
        let c = counts.get(&b.id).copied().unwrap_or_default();
        lines.push(list_entry(&app.db, caller.lang, b, &c).await);
    }
    Ok(Some(lines.join("\n\n")))
}

async fn stop(bot: &Tg, app: &App, caller: &Caller, q: &CallbackQuery, id: i64) -> HandlerResult {
    let lang = caller.lang;
    match broadcasts::cancel(&app.db, id, Some(caller.tg_id)).await? {
        Some(n) => {
            let body = targs(
                lang,
                "broadcast-stopped",
                &[("id", id.into()), ("count", n.into())],
            );
            toast(bot, q, body).await?;
            show_list(bot, app, caller).await
        }
        None => toast(bot, q, t(lang, "button-stale")).await,
    }
}

/// The presses under broadcasts, for anyone who received one.
pub fn callbacks() -> super::Handler {
    dptree::entry()
        .branch(dptree::case![Button::Read(id)].endpoint(on_read))
        .branch(dptree::case![Button::Notices(on)].endpoint(on_notices))
}

/// "Sudah dibaca": recorded once, answered with a toast.
pub async fn on_read(
    bot: Tg,
    app: Arc<App>,
    caller: Caller,
    q: CallbackQuery,
    id: i64,
) -> HandlerResult {
    let key = match broadcasts::mark_read(&app.db, id, caller.tg_id, caller.chat_id).await? {
        Read::Recorded => "broadcast-read-thanks",
        Read::Already => "broadcast-read-already",
        Read::NotSent => "button-stale",
    };
    toast(&bot, &q, t(caller.lang, key)).await
}

/// A resident stops (`on` false) or starts again receiving broadcasts.
pub async fn on_notices(
    bot: Tg,
    app: Arc<App>,
    caller: Caller,
    q: CallbackQuery,
    on: bool,
) -> HandlerResult {
    let lang = caller.lang;
    broadcasts::set_notices_off(&app.db, caller.tg_id, !on).await?;
    if on {
        toast(&bot, &q, t(lang, "broadcast-resumed")).await?;
        return say(&bot, &app, &caller, &t(lang, "broadcast-resumed"), None).await;
    }
    toast(&bot, &q, t(lang, "broadcast-stopped-notices")).await?;
    let keyboard = InlineKeyboardMarkup::new(vec![vec![button(
        lang,
        "broadcast-resume",
        Button::Notices(true),
    )]]);
    say(
        &bot,
        &app,
        &caller,
        &t(lang, "broadcast-stopped-notices-long"),
        Some(keyboard),
    )
    .await
}

async fn say(
    bot: &Tg,
    app: &App,
    caller: &Caller,
    body: &str,
    keyboard: Option<InlineKeyboardMarkup>,
) -> HandlerResult {
    send::text(
        bot,
        &app.db,
        caller.chat(),
        body,
        keyboard.map(ReplyMarkup::InlineKeyboard),
    )
    .await?;
    Ok(())
}
