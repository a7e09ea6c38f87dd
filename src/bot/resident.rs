//! Residents (warga): the eligibility check `/cek`, the self-screening `/skrining` on the 14 BPS
//! criteria with an optional proposal (usulan), and `/info` about the programs.
//!
//! Privacy: a NIK typed by a resident is validated, hashed with the installation's key and
//! forgotten; the dialogue state keeps only its keyed hash and masked form. `/cek` answers "not
//! found" in one and the same words whether the NIK is unknown or the name does not match, and
//! look-ups are rate-limited per user.

use super::common::stale_button;
use super::menu::button;
use super::send::{self, Tg};
use super::{Dlg, Handler, HandlerResult, State};
use crate::app::App;
use crate::domain::criteria::{self, Answers};
use crate::domain::name;
use crate::domain::nik::Nik;
use crate::i18n::{self, Lang, t, targs};
use crate::import::kpm::nik_why;
use crate::store::keyed::Keyed;
use crate::store::residents::{self, NewProposal};
use crate::store::users::Caller;
use serde::{Deserialize, Serialize};
use std::sync::Arc;
use teloxide::dispatching::HandlerExt;
use teloxide::prelude::*;
use teloxide::types::{
    ButtonRequest, InlineKeyboardMarkup, KeyboardButton, KeyboardMarkup, KeyboardRemove, MessageId,
    ReplyMarkup,
};
use teloxide::utils::command::BotCommands;

/// Longest name and address accepted (a KTP name is far shorter).
const MAX_NAME: usize = 100;
const MAX_ADDRESS: usize = 200;
/// Days the PSM have to visit after a proposal.
const VISIT_DAYS: i64 = 14;

/// Where a resident is in one of their flows (kept in the dialogue table). Holds no full NIK.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Flow {
    /// `/cek`: waiting for the NIK.
    CekNik,
    /// `/cek`: the NIK was given (kept as its keyed hash); waiting for the name on the KTP.
    CekName { nik_hash: String },
    /// `/skrining`: the question `answers.len() + 1` is shown on `message`.
    Screening { message: i32, answers: String },
    /// `/skrining` finished: a proposal is offered.
    Screened { answers: String },
    /// The proposal (usulan), one step at a time.
    Proposal { step: Step, draft: Box<Draft> },
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Step {
    Name,
    Nik,
    Kecamatan,
    Kelurahan { kecamatan: String },
    Address,
    RtRw,
    Phone,
    Confirm,
}

/// What the resident has filled in so far.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Draft {
    pub answers: String,
    /// One-time key: confirming twice files one proposal.
    pub key: String,
    pub name: Option<String>,
    pub nik_hash: Option<String>,
    pub nik_masked: Option<String>,
    pub kelurahan: Option<String>,
    pub address: Option<String>,
    pub rt: Option<String>,
    pub rw: Option<String>,
    pub phone: Option<String>,
}

#[derive(BotCommands, Clone, Debug)]
#[command(rename_rule = "lowercase")]
pub enum ResidentCommand {
    Cek(String),
    Skrining(String),
    Info(String),
}

/// Resident commands, then the message a resident flow is waiting for.
pub fn messages() -> Handler {
    dptree::entry()
        .branch(
            dptree::entry()
                .filter_command::<ResidentCommand>()
                .endpoint(on_command),
        )
        .branch(
            dptree::filter_map(|state: State, msg: Message| match state {
                // Other commands typed during a flow go on to their own handlers.
                State::Resident(flow) if !msg.text().is_some_and(|t| t.starts_with('/')) => {
                    Some(flow)
                }
                _ => None,
            })
            .endpoint(on_flow_message),
        )
}

/// Resident button presses: the menu entries of the resident flows and `skr:`/`usl:` buttons.
pub fn callbacks() -> Handler {
    dptree::filter_map(|q: CallbackQuery| q.data.clone())
        .filter(|data: String| {
            matches!(data.as_str(), "menu:cek" | "menu:skrining" | "menu:info")
                || data.starts_with("skr:")
                || data.starts_with("usl:")
        })
        .endpoint(on_callback)
}

/// Everything a handler of this module needs, in one place.
struct Ctx {
    bot: Tg,
    app: Arc<App>,
    caller: Caller,
    dialogue: Dlg,
}

impl Ctx {
    fn lang(&self) -> Lang {
        self.caller.lang
    }
    async fn say(&self, text: &str) -> HandlerResult {
        send::text(&self.bot, &self.app.db, self.caller.chat(), text, None).await?;
        Ok(())
    }
    async fn say_with(&self, text: &str, keyboard: InlineKeyboardMarkup) -> HandlerResult {
        send::with_buttons(&self.bot, &self.app.db, self.caller.chat(), text, keyboard).await?;
        Ok(())
    }
    async fn set(&self, flow: Flow) -> HandlerResult {
        self.dialogue.update(State::Resident(flow)).await?;
        Ok(())
    }
    async fn idle(&self) -> HandlerResult {
        self.dialogue.update(State::Idle).await?;
        Ok(())
    }
}

async fn on_command(
    bot: Tg,
    app: Arc<App>,
    caller: Caller,
    cmd: ResidentCommand,
    dialogue: Dlg,
) -> HandlerResult {
    let cx = Ctx {
        bot,
        app,
        caller,
        dialogue,
    };
    match cmd {
        ResidentCommand::Cek(arg) => start_cek(&cx, Some(arg.trim())).await,
        ResidentCommand::Skrining(_) => start_screening(&cx).await,
        ResidentCommand::Info(_) => info(&cx).await,
    }
}

async fn on_callback(
    bot: Tg,
    app: Arc<App>,
    caller: Caller,
    q: CallbackQuery,
    data: String,
    dialogue: Dlg,
    state: State,
) -> HandlerResult {
    let cx = Ctx {
        bot,
        app,
        caller,
        dialogue,
    };
    match data.as_str() {
        "menu:cek" => {
            cx.bot.answer_callback_query(q.id.clone()).await?;
            return start_cek(&cx, None).await;
        }
        "menu:skrining" => {
            cx.bot.answer_callback_query(q.id.clone()).await?;
            return start_screening(&cx).await;
        }
        "menu:info" => {
            cx.bot.answer_callback_query(q.id.clone()).await?;
            return info(&cx).await;
        }
        _ => {}
    }
    let State::Resident(flow) = state else {
        return stale_button(cx.bot, cx.caller, q).await;
    };
    let pressed_on = q.regular_message().map(|m| m.id.0);
    let handled = match (flow, data.as_str()) {
        (Flow::Screening { message, answers }, d) if d.starts_with("skr:") => {
            if Some(message) != pressed_on {
                false
            } else {
                screening_press(&cx, message, answers, d).await?
            }
        }
        (Flow::Screened { answers }, "usl:start") => {
            cx.bot.answer_callback_query(q.id.clone()).await?;
            let draft = Draft {
                answers,
                key: hex::encode(rand::random::<[u8; 8]>()),
                ..Draft::default()
            };
            cx.say(&t(cx.lang(), "usl-intro")).await?;
            ask(&cx, Step::Name, draft).await?;
            return Ok(());
        }
        (Flow::Screened { .. }, "usl:no") => {
            cx.bot.answer_callback_query(q.id.clone()).await?;
            cx.idle().await?;
            cx.say(&t(cx.lang(), "usl-declined")).await?;
            return Ok(());
        }
        (
            Flow::Proposal {
                step: Step::Kecamatan,
                draft,
            },
            d,
        ) if d.starts_with("usl:kec:") => {
            let code = &d["usl:kec:".len()..];
            let known = residents::kecamatan_list(&cx.app.db)
                .await?
                .iter()
                .any(|k| k.code == code);
            if known {
                cx.bot.answer_callback_query(q.id.clone()).await?;
                ask(
                    &cx,
                    Step::Kelurahan {
                        kecamatan: code.to_string(),
                    },
                    *draft,
                )
                .await?;
            }
            known
        }
        (
            Flow::Proposal {
                step: Step::Kelurahan { kecamatan },
                mut draft,
            },
            d,
        ) if d.starts_with("usl:kel:") => {
            let code = &d["usl:kel:".len()..];
            let known = residents::villages_of(&cx.app.db, &kecamatan)
                .await?
                .iter()
                .any(|k| k.code == code);
            if known {
                cx.bot.answer_callback_query(q.id.clone()).await?;
                draft.kelurahan = Some(code.to_string());
                ask(&cx, Step::Address, *draft).await?;
            }
            known
        }
        (
            Flow::Proposal {
                step: Step::Kelurahan { .. },
                draft,
            },
            "usl:kec",
        ) => {
            cx.bot.answer_callback_query(q.id.clone()).await?;
            ask(&cx, Step::Kecamatan, *draft).await?;
            true
        }
        (
            Flow::Proposal {
                step: Step::Confirm,
                draft,
            },
            "usl:send",
        ) => {
            cx.bot.answer_callback_query(q.id.clone()).await?;
            submit(&cx, *draft).await?;
            true
        }
        (
            Flow::Proposal {
                step: Step::Confirm,
                draft,
            },
            "usl:redo",
        ) => {
            cx.bot.answer_callback_query(q.id.clone()).await?;
            let draft = Draft {
                answers: draft.answers,
                key: draft.key,
                ..Draft::default()
            };
            ask(&cx, Step::Name, draft).await?;
            true
        }
        (Flow::Proposal { .. }, "usl:cancel") => {
            cx.bot.answer_callback_query(q.id.clone()).await?;
            cx.idle().await?;
            cx.say(&t(cx.lang(), "usl-cancelled")).await?;
            true
        }
        _ => false,
    };
    if !handled {
        return stale_button(cx.bot, cx.caller, q).await;
    }
    if data.starts_with("skr:") {
        cx.bot.answer_callback_query(q.id.clone()).await?;
    }
    Ok(())
}

async fn on_flow_message(
    bot: Tg,
    app: Arc<App>,
    caller: Caller,
    msg: Message,
    dialogue: Dlg,
    flow: Flow,
) -> HandlerResult {
    let cx = Ctx {
        bot,
        app,
        caller,
        dialogue,
    };
    let lang = cx.lang();
    let text = msg.text().map(str::trim);
    match flow {
        Flow::CekNik => match text {
            Some(s) => cek_nik(&cx, s, true).await,
            None => {
                cx.say(&format!(
                    "{}\n\n{}",
                    t(lang, "input-not-text"),
                    t(lang, "cek-ask-nik")
                ))
                .await
            }
        },
        Flow::CekName { nik_hash } => match text {
            Some(s) if valid_name(s) => cek_name(&cx, &nik_hash, s).await,
            Some(_) => {
                cx.say(&format!(
                    "{}\n\n{}",
                    t(lang, "name-invalid"),
                    t(lang, "cek-ask-name")
                ))
                .await
            }
            None => {
                cx.say(&format!(
                    "{}\n\n{}",
                    t(lang, "input-not-text"),
                    t(lang, "cek-ask-name")
                ))
                .await
            }
        },
        Flow::Screening { answers, .. } => {
            // Buttons only: show the same question again, as a new message.
            cx.say(&t(lang, "input-use-buttons")).await?;
            let answers = Answers::decode(&answers).unwrap_or_default();
            let id = send_question(&cx, &answers, None).await?;
            cx.set(Flow::Screening {
                message: id,
                answers: answers.encode(),
            })
            .await
        }
        Flow::Screened { answers } => {
            cx.say(&t(lang, "input-use-buttons")).await?;
            cx.say_with(&t(lang, "usl-offer"), offer_keyboard(lang))
                .await?;
            cx.set(Flow::Screened { answers }).await
        }
        Flow::Proposal { step, draft } => proposal_message(&cx, step, *draft, &msg).await,
    }
}

// ---------------------------------------------------------------------------------------------
// /cek

async fn start_cek(cx: &Ctx, arg: Option<&str>) -> HandlerResult {
    if !budget_left(cx, false).await? {
        return cx.idle().await;
    }
    match arg.filter(|a| !a.is_empty()) {
        Some(nik) => cek_nik(cx, nik, false).await,
        None => {
            cx.set(Flow::CekNik).await?;
            cx.say(&t(cx.lang(), "cek-ask-nik")).await
        }
    }
}

/// The NIK typed (after `/cek` or on its own). `asked`: the flow already waits for a NIK, so a
/// wrong one needs no state change (one dialogue write less per look-up).
async fn cek_nik(cx: &Ctx, typed: &str, asked: bool) -> HandlerResult {
    let lang = cx.lang();
    match Nik::parse(typed) {
        Err(e) => {
            if !asked {
                cx.set(Flow::CekNik).await?;
            }
            let why = nik_why(lang, e);
            cx.say(&targs(lang, "nik-invalid", &[("why", why.into())]))
                .await
        }
        Ok(nik) => {
            let nik_hash = Keyed::new(&cx.app.secret).nik(&nik);
            cx.set(Flow::CekName { nik_hash }).await?;
            cx.say(&t(lang, "cek-ask-name")).await
        }
    }
}

/// Whether the caller may look up now (with `take`, the look-up is counted). When not, tells
/// them when they may try again.
async fn budget_left(cx: &Ctx, take: bool) -> anyhow::Result<bool> {
    let s = &cx.app.settings;
    let window = i64::from(s.cek_window_minutes) * 60;
    match residents::lookup_budget(&cx.app.db, cx.caller.tg_id, s.cek_limit, window, take).await? {
        Ok(()) => Ok(true),
        Err(at) => {
            let lang = cx.lang();
            let when = if i18n::to_wib(at).date_naive() == i18n::today_wib() {
                i18n::time_wib(lang, at)
            } else {
                i18n::datetime_wib(lang, at)
            };
            cx.say(&targs(
                lang,
                "cek-limit",
                &[
                    ("limit", i64::from(s.cek_limit).into()),
                    ("minutes", i64::from(s.cek_window_minutes).into()),
                    ("time", when.into()),
                ],
            ))
            .await?;
            Ok(false)
        }
    }
}

async fn cek_name(cx: &Ctx, nik_hash: &str, typed: &str) -> HandlerResult {
    let lang = cx.lang();
    if !budget_left(cx, true).await? {
        return cx.idle().await;
    }
    cx.idle().await?;
    let hit = residents::find_member(&cx.app.db, nik_hash).await?;
    let Some(hit) = hit.filter(|h| name::matches(typed, &h.name)) else {
        // One answer for an unknown NIK and for a wrong name.
        let keyboard = InlineKeyboardMarkup::new(vec![
            vec![button(lang, "menu-skrining", "menu:skrining")],
            vec![button(lang, "cek-again", "menu:cek")],
        ]);
        return cx.say_with(&t(lang, "cek-not-found"), keyboard).await;
    };
    let programs = residents::household_programs(&cx.app.db, hit.household_id).await?;
    let kelurahan = hit.kelurahan_name.clone().unwrap_or(hit.kelurahan.clone());
    let kecamatan = hit.kecamatan_name.clone().unwrap_or_default();
    let mut out = vec![targs(
        lang,
        "cek-found",
        &[
            ("kelurahan", kelurahan.clone().into()),
            ("kecamatan", kecamatan.clone().into()),
        ],
    )];
    for p in &programs {
        let mut lines = vec![targs(
            lang,
            if p.active == 1 {
                "cek-program-active"
            } else {
                "cek-program-inactive"
            },
            &[("program", p.name.clone().into())],
        )];
        lines.push(format!("  {}", benefit_line(lang, p.benefit_per_month)));
        if let Some(kks) = &p.kks_status {
            let key = format!("kks-status-{}", kks.replace('_', "-"));
            if i18n::has(lang, &key) {
                lines.push(format!("  {}", t(lang, &key)));
            }
        }
        if let Some(month) = p.last_received.as_deref().and_then(|m| month_name(lang, m)) {
            lines.push(format!(
                "  {}",
                targs(lang, "cek-last-received", &[("month", month.into())])
            ));
        }
        out.push(lines.join("\n"));
    }
    let mut next = vec![t(lang, "cek-next-title")];
    for p in programs.iter().filter(|p| p.active == 1) {
        next.push(program_where(lang, &p.code));
    }
    if programs
        .iter()
        .any(|p| p.kks_status.as_deref() == Some("bermasalah"))
    {
        next.push(t(lang, "cek-next-kks-problem"));
    }
    next.push(targs(
        lang,
        "cek-next-contact",
        &[
            ("kelurahan", kelurahan.into()),
            ("kecamatan", kecamatan.into()),
        ],
    ));
    out.push(next.join("\n"));
    cx.say(&out.join("\n\n")).await
}

fn benefit_line(lang: Lang, benefit: Option<i64>) -> String {
    match benefit {
        Some(b) => targs(lang, "program-benefit", &[("amount", b.into())]),
        None => t(lang, "program-benefit-varies"),
    }
}

/// What to do for a program: `program-where-<code>`, or a general text for programs added later.
fn program_where(lang: Lang, code: &str) -> String {
    let key = format!("program-where-{}", code.to_lowercase());
    if i18n::has(lang, &key) {
        t(lang, &key)
    } else {
        t(lang, "program-where-other")
    }
}

/// `2026-10` → `Oktober 2026`.
fn month_name(lang: Lang, ym: &str) -> Option<String> {
    let (y, m) = ym.split_once('-')?;
    let (y, m): (i32, u32) = (y.parse().ok()?, m.parse().ok()?);
    (1..=12)
        .contains(&m)
        .then(|| format!("{} {y}", t(lang, &format!("month-{m}"))))
}

fn valid_name(s: &str) -> bool {
    let n = s.chars().count();
    (2..=MAX_NAME).contains(&n) && s.chars().any(char::is_alphabetic)
}

// ---------------------------------------------------------------------------------------------
// /info

async fn info(cx: &Ctx) -> HandlerResult {
    let lang = cx.lang();
    let mut out = vec![t(lang, "info-title")];
    for p in residents::programs(&cx.app.db).await? {
        out.push(format!(
            "• {}\n{}\n{}",
            p.name,
            benefit_line(lang, p.benefit_per_month),
            program_where(lang, &p.code)
        ));
    }
    out.push(t(lang, "info-footer"));
    cx.say(&out.join("\n\n")).await
}

// ---------------------------------------------------------------------------------------------
// /skrining

async fn start_screening(cx: &Ctx) -> HandlerResult {
    cx.say(&t(cx.lang(), "skr-intro")).await?;
    let answers = Answers::default();
    let id = send_question(cx, &answers, None).await?;
    cx.set(Flow::Screening {
        message: id,
        answers: String::new(),
    })
    .await
}

fn question(lang: Lang, answers: &Answers) -> (String, InlineKeyboardMarkup) {
    let n = answers.0.len() + 1;
    let body = targs(
        lang,
        "skr-question",
        &[
            ("n", (n as i64).into()),
            ("total", (criteria::COUNT as i64).into()),
            ("question", t(lang, &criteria::message_id(n)).into()),
        ],
    );
    let mut rows = vec![vec![
        button(lang, "skr-yes", format!("skr:y:{n}")),
        button(lang, "skr-no", format!("skr:n:{n}")),
    ]];
    if n > 1 {
        rows.push(vec![button(lang, "skr-back", format!("skr:back:{n}"))]);
    }
    (body, InlineKeyboardMarkup::new(rows))
}

/// Shows the current question: edits `message` when given, else sends a new one. Returns the
/// id of the message that shows it.
async fn send_question(cx: &Ctx, answers: &Answers, message: Option<i32>) -> anyhow::Result<i32> {
    let (body, keyboard) = question(cx.lang(), answers);
    let chat = cx.caller.chat();
    if let Some(id) = message {
        send::edit(
            &cx.bot,
            &cx.app.db,
            chat,
            MessageId(id),
            &body,
            Some(keyboard),
        )
        .await?;
        return Ok(id);
    }
    match send::with_buttons(&cx.bot, &cx.app.db, chat, &body, keyboard).await? {
        send::Delivery::Sent(id) => Ok(id.0),
        // No message to edit later: the next step sends a new one.
        send::Delivery::Unreachable | send::Delivery::Kept => Ok(0),
    }
}

/// A yes/no/back press on the current question; `false` when the button is not the current one.
async fn screening_press(
    cx: &Ctx,
    message: i32,
    answers: String,
    data: &str,
) -> anyhow::Result<bool> {
    let mut parts = data.split(':').skip(1);
    let (Some(what), Some(n)) = (
        parts.next(),
        parts.next().and_then(|n| n.parse::<usize>().ok()),
    ) else {
        return Ok(false);
    };
    let Some(mut answers) = Answers::decode(&answers) else {
        return Ok(false);
    };
    if n != answers.0.len() + 1 || n > criteria::COUNT {
        return Ok(false);
    }
    match what {
        "y" => answers.0.push(true),
        "n" => answers.0.push(false),
        "back" if n > 1 => {
            answers.0.pop();
        }
        _ => return Ok(false),
    }
    if !answers.is_complete() {
        send_question(cx, &answers, Some(message)).await?;
        cx.set(Flow::Screening {
            message,
            answers: answers.encode(),
        })
        .await?;
        return Ok(true);
    }
    let lang = cx.lang();
    let met = answers.met() as i64;
    let meaning = if answers.meets_threshold() {
        "skr-result-poor"
    } else {
        "skr-result-not-poor"
    };
    let body = format!(
        "{}\n\n{}\n\n{}",
        targs(
            lang,
            "skr-result",
            &[
                ("met", met.into()),
                ("total", (criteria::COUNT as i64).into()),
                ("threshold", (criteria::THRESHOLD as i64).into()),
            ],
        ),
        t(lang, meaning),
        t(lang, "usl-offer"),
    );
    cx.set(Flow::Screened {
        answers: answers.encode(),
    })
    .await?;
    send::edit(
        &cx.bot,
        &cx.app.db,
        cx.caller.chat(),
        MessageId(message),
        &body,
        Some(offer_keyboard(lang)),
    )
    .await?;
    Ok(true)
}

fn offer_keyboard(lang: Lang) -> InlineKeyboardMarkup {
    InlineKeyboardMarkup::new(vec![
        vec![button(lang, "usl-start", "usl:start")],
        vec![button(lang, "usl-no", "usl:no")],
    ])
}

// ---------------------------------------------------------------------------------------------
// Proposal (usulan)

/// Asks the question of `step` and records that the flow waits for it.
async fn ask(cx: &Ctx, step: Step, draft: Draft) -> HandlerResult {
    let lang = cx.lang();
    let db = &cx.app.db;
    match &step {
        Step::Name => cx.say(&t(lang, "usl-ask-name")).await?,
        Step::Nik => cx.say(&t(lang, "usl-ask-nik")).await?,
        Step::Kecamatan => {
            let list = residents::kecamatan_list(db).await?;
            if list.len() == 1 {
                let kecamatan = list[0].code.clone();
                return Box::pin(ask(cx, Step::Kelurahan { kecamatan }, draft)).await;
            }
            let rows = place_buttons(&list, "usl:kec");
            cx.say_with(
                &t(lang, "usl-ask-kecamatan"),
                InlineKeyboardMarkup::new(rows),
            )
            .await?;
        }
        Step::Kelurahan { kecamatan } => {
            let list = residents::villages_of(db, kecamatan).await?;
            let mut rows = place_buttons(&list, "usl:kel");
            if residents::kecamatan_list(db).await?.len() > 1 {
                rows.push(vec![button(lang, "usl-other-kecamatan", "usl:kec")]);
            }
            cx.say_with(
                &t(lang, "usl-ask-kelurahan"),
                InlineKeyboardMarkup::new(rows),
            )
            .await?;
        }
        Step::Address => cx.say(&t(lang, "usl-ask-address")).await?,
        Step::RtRw => cx.say(&t(lang, "usl-ask-rtrw")).await?,
        Step::Phone => {
            let keyboard = KeyboardMarkup::new(vec![
                vec![
                    KeyboardButton::new(t(lang, "usl-phone-share")).request(ButtonRequest::Contact),
                ],
                vec![KeyboardButton::new(t(lang, "usl-phone-skip"))],
            ])
            .resize_keyboard()
            .one_time_keyboard();
            send::text(
                &cx.bot,
                db,
                cx.caller.chat(),
                &t(lang, "usl-ask-phone"),
                Some(ReplyMarkup::Keyboard(keyboard)),
            )
            .await?;
        }
        Step::Confirm => {
            let (kel, kec) = residents::village(db, draft.kelurahan.as_deref().unwrap_or(""))
                .await?
                .unwrap_or_default();
            let dash = || "-".to_string();
            let summary = targs(
                lang,
                "usl-summary",
                &[
                    ("name", draft.name.clone().unwrap_or_else(dash).into()),
                    ("nik", draft.nik_masked.clone().unwrap_or_else(dash).into()),
                    ("kelurahan", kel.into()),
                    ("kecamatan", kec.unwrap_or_default().into()),
                    ("address", draft.address.clone().unwrap_or_else(dash).into()),
                    ("rt", draft.rt.clone().unwrap_or_else(dash).into()),
                    ("rw", draft.rw.clone().unwrap_or_else(dash).into()),
                    ("phone", draft.phone.clone().unwrap_or_else(dash).into()),
                    (
                        "met",
                        (Answers::decode(&draft.answers).unwrap_or_default().met() as i64).into(),
                    ),
                ],
            );
            // The summary also takes away the phone keyboard; the question carries the buttons.
            send::text(
                &cx.bot,
                db,
                cx.caller.chat(),
                &summary,
                Some(ReplyMarkup::KeyboardRemove(KeyboardRemove::new())),
            )
            .await?;
            let keyboard = InlineKeyboardMarkup::new(vec![
                vec![button(lang, "usl-send", "usl:send")],
                vec![
                    button(lang, "usl-redo", "usl:redo"),
                    button(lang, "usl-cancel", "usl:cancel"),
                ],
            ]);
            cx.say_with(&t(lang, "usl-confirm"), keyboard).await?;
        }
    }
    cx.set(Flow::Proposal {
        step,
        draft: Box::new(draft),
    })
    .await
}

async fn proposal_message(cx: &Ctx, step: Step, mut draft: Draft, msg: &Message) -> HandlerResult {
    let lang = cx.lang();
    let text = msg.text().map(str::trim);
    // Explains what was wrong, then asks the same question again.
    let again = |key: &'static str, step: Step, draft: Draft| async move {
        cx.say(&t(lang, key)).await?;
        ask(cx, step, draft).await
    };
    match step {
        Step::Name => match text {
            Some(s) if valid_name(s) => {
                draft.name = Some(s.split_whitespace().collect::<Vec<_>>().join(" "));
                ask(cx, Step::Nik, draft).await
            }
            Some(_) => again("name-invalid", Step::Name, draft).await,
            None => again("input-not-text", Step::Name, draft).await,
        },
        Step::Nik => match text.map(Nik::parse) {
            Some(Ok(nik)) => {
                draft.nik_hash = Some(Keyed::new(&cx.app.secret).nik(&nik));
                draft.nik_masked = Some(nik.masked());
                ask(cx, Step::Kecamatan, draft).await
            }
            Some(Err(e)) => {
                let why = nik_why(lang, e);
                cx.say(&targs(lang, "nik-invalid", &[("why", why.into())]))
                    .await?;
                cx.set(Flow::Proposal {
                    step: Step::Nik,
                    draft: Box::new(draft),
                })
                .await
            }
            None => again("input-not-text", Step::Nik, draft).await,
        },
        Step::Kecamatan | Step::Kelurahan { .. } | Step::Confirm => {
            again("input-use-buttons", step, draft).await
        }
        Step::Address => match text {
            Some(s) if (3..=MAX_ADDRESS).contains(&s.chars().count()) => {
                draft.address = Some(s.to_string());
                ask(cx, Step::RtRw, draft).await
            }
            Some(_) => again("usl-address-invalid", Step::Address, draft).await,
            None => again("input-not-text", Step::Address, draft).await,
        },
        Step::RtRw => match text.map(parse_rt_rw) {
            Some(Some((rt, rw))) => {
                draft.rt = rt;
                draft.rw = rw;
                ask(cx, Step::Phone, draft).await
            }
            Some(None) => again("usl-rtrw-invalid", Step::RtRw, draft).await,
            None => again("input-not-text", Step::RtRw, draft).await,
        },
        Step::Phone => {
            if let Some(contact) = msg.contact() {
                if contact.user_id.map(|u| u.0 as i64) != Some(cx.caller.tg_id) {
                    return again("usl-phone-not-own", Step::Phone, draft).await;
                }
                draft.phone = Some(contact.phone_number.chars().take(20).collect());
                return ask(cx, Step::Confirm, draft).await;
            }
            match text {
                Some(s) if is_skip(lang, s) => {
                    draft.phone = None;
                    ask(cx, Step::Confirm, draft).await
                }
                Some(s) => match parse_phone(s) {
                    Some(p) => {
                        draft.phone = Some(p);
                        ask(cx, Step::Confirm, draft).await
                    }
                    None => again("usl-phone-invalid", Step::Phone, draft).await,
                },
                None => again("usl-phone-invalid", Step::Phone, draft).await,
            }
        }
    }
}

fn is_skip(lang: Lang, s: &str) -> bool {
    let s = s.trim().to_lowercase();
    s == "-" || s == t(lang, "usl-phone-skip").to_lowercase() || s == "lewati" || s == "skip"
}

/// An Indonesian phone number typed by hand: `0812…` or `+62812…`, 9–15 digits.
fn parse_phone(s: &str) -> Option<String> {
    let cleaned: String = s
        .chars()
        .filter(|c| !matches!(c, ' ' | '-' | '.'))
        .collect();
    let digits = cleaned.strip_prefix('+').unwrap_or(&cleaned);
    let ok = digits.chars().all(|c| c.is_ascii_digit())
        && (9..=15).contains(&digits.len())
        && (digits.starts_with('0') || digits.starts_with("62"));
    ok.then_some(cleaned)
}

/// `003/005`, `3/5`, `RT 3 RW 5`, `3 5`: two numbers of at most three digits; `-` when unknown.
fn parse_rt_rw(s: &str) -> Option<(Option<String>, Option<String>)> {
    if s.trim() == "-" {
        return Some((None, None));
    }
    let numbers: Vec<&str> = s
        .split(|c: char| !c.is_ascii_digit())
        .filter(|p| !p.is_empty())
        .collect();
    let letters_ok = s
        .to_lowercase()
        .replace("rt", "")
        .replace("rw", "")
        .chars()
        .all(|c| c.is_ascii_digit() || matches!(c, ' ' | '/' | '.' | ',' | '-' | ':'));
    match numbers.as_slice() {
        [rt, rw] if letters_ok && rt.len() <= 3 && rw.len() <= 3 => {
            let pad = |n: &str| format!("{:03}", n.parse::<u32>().unwrap_or(0));
            Some((Some(pad(rt)), Some(pad(rw))))
        }
        _ => None,
    }
}

async fn submit(cx: &Ctx, draft: Draft) -> HandlerResult {
    let lang = cx.lang();
    let (Some(name), Some(nik_hash), Some(nik_masked), Some(kelurahan), Some(address)) = (
        draft.name.as_deref(),
        draft.nik_hash.as_deref(),
        draft.nik_masked.as_deref(),
        draft.kelurahan.as_deref(),
        draft.address.as_deref(),
    ) else {
        // Cannot happen through the steps; start the form again rather than file half of it.
        return ask(cx, Step::Name, draft).await;
    };
    let answers = Answers::decode(&draft.answers).unwrap_or_default();
    let today = i18n::today_wib();
    let due = today + chrono::Duration::days(VISIT_DAYS);
    let number = residents::submit_proposal(
        &cx.app.db,
        &NewProposal {
            tg_id: cx.caller.tg_id,
            kelurahan,
            name,
            nik_hash,
            nik_masked,
            address,
            rt: draft.rt.as_deref(),
            rw: draft.rw.as_deref(),
            phone: draft.phone.as_deref(),
            answers: &answers,
            dedupe: &draft.key,
            year: chrono::Datelike::year(&today),
            due_date: &due.format("%Y-%m-%d").to_string(),
        },
    )
    .await?;
    tracing::info!(proposal = %number, "proposal filed");
    cx.idle().await?;
    let kel_name = residents::village(&cx.app.db, kelurahan)
        .await?
        .map(|v| v.0)
        .unwrap_or_default();
    cx.say(&targs(
        lang,
        "usl-done",
        &[
            ("number", number.into()),
            ("kelurahan", kel_name.into()),
            ("due", i18n::date(lang, due).into()),
        ],
    ))
    .await
}

/// Places as buttons, two to a row, each pressing `{prefix}:{code}`.
fn place_buttons(
    places: &[residents::Place],
    prefix: &str,
) -> Vec<Vec<teloxide::types::InlineKeyboardButton>> {
    places
        .chunks(2)
        .map(|pair| {
            pair.iter()
                .map(|p| {
                    teloxide::types::InlineKeyboardButton::callback(
                        p.name.clone(),
                        format!("{prefix}:{}", p.code),
                    )
                })
                .collect()
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rt_rw_is_read_as_people_write_it() {
        let both = |a: &str, b: &str| Some((Some(a.to_string()), Some(b.to_string())));
        assert_eq!(parse_rt_rw("003/005"), both("003", "005"));
        assert_eq!(parse_rt_rw("3/5"), both("003", "005"));
        assert_eq!(parse_rt_rw("RT 3 RW 12"), both("003", "012"));
        assert_eq!(parse_rt_rw("-"), Some((None, None)));
        assert_eq!(parse_rt_rw("dekat masjid"), None);
        assert_eq!(parse_rt_rw("3"), None);
        assert_eq!(parse_rt_rw("1234/5"), None);
    }

    #[test]
    fn phone_numbers_typed_by_hand() {
        assert_eq!(parse_phone("0812-3456-7890"), Some("081234567890".into()));
        assert_eq!(
            parse_phone("+62 812 3456 7890"),
            Some("+6281234567890".into())
        );
        assert_eq!(parse_phone("12345"), None);
        assert_eq!(parse_phone("nomor saya"), None);
    }

    #[test]
    fn callback_data_fits_telegram() {
        assert!("usl:kel:32.15.01.1001".len() <= 64);
        assert!("skr:back:14".len() <= 64);
    }
}
