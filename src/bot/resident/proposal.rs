//! The proposal (usulan) after a screening: name, NIK, kecamatan and desa/kelurahan (buttons),
//! address, RT/RW, phone (optional), a summary, then one transaction that files it and answers
//! with its number. Each [`Step`] holds exactly what the form has so far.

use super::cek::valid_name;
use super::{Ctx, Flow};
use crate::bot::button::{Button, ProposalPress};
use crate::bot::common::stale_button;
use crate::bot::menu::{button, labelled};
use crate::bot::send;
use crate::bot::{ChatOf, HandlerResult};
use crate::domain::criteria::Answers;
use crate::domain::lang::Lang;
use crate::domain::nik::Nik;
use crate::domain::region::RegionCode;
use crate::i18n::{self, nik_why, t, targs};
use crate::store::keyed::Keyed;
use crate::store::residents::{self, NewProposal, Place};
use serde::{Deserialize, Serialize};
use teloxide::prelude::*;
use teloxide::types::{
    ButtonRequest, InlineKeyboardButton, InlineKeyboardMarkup, KeyboardButton, KeyboardMarkup,
    KeyboardRemove, ReplyMarkup,
};

/// Longest address accepted.
const MAX_ADDRESS: usize = 200;
/// Days the PSM have to visit after a proposal.
const VISIT_DAYS: i64 = 14;

/// What every step carries: the screening's answers and the one-time key (confirming twice
/// files one proposal).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Base {
    pub answers: Answers,
    pub key: String,
}

/// Who the proposal is for, once name and NIK are given (the NIK as keyed hash and masked).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Who {
    pub base: Base,
    pub name: String,
    pub nik_hash: String,
    pub nik_masked: String,
}

/// Everything but the phone.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Form {
    pub who: Who,
    pub kelurahan: String,
    pub address: String,
    pub rt: Option<String>,
    pub rw: Option<String>,
}

/// The question the form waits for, with what it has so far.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Step {
    Name(Base),
    Nik {
        base: Base,
        name: String,
    },
    Kecamatan(Who),
    Kelurahan {
        who: Who,
        kecamatan: String,
    },
    Address {
        who: Who,
        kelurahan: String,
    },
    RtRw {
        who: Who,
        kelurahan: String,
        address: String,
    },
    Phone(Form),
    Confirm {
        form: Form,
        phone: Option<String>,
    },
}

impl Step {
    /// The screening's answers and key, at whatever step.
    fn base(&self) -> &Base {
        match self {
            Step::Name(base) | Step::Nik { base, .. } => base,
            Step::Kecamatan(who)
            | Step::Kelurahan { who, .. }
            | Step::Address { who, .. }
            | Step::RtRw { who, .. } => &who.base,
            Step::Phone(form) | Step::Confirm { form, .. } => &form.who.base,
        }
    }
}

/// A proposal-form button. It must fit the flow's step; a region must be one offered.
pub async fn on_press(
    cx: Ctx,
    q: CallbackQuery,
    (press, flow): (ProposalPress, Flow),
) -> HandlerResult {
    let next = match (flow, press) {
        (Flow::Screened { answers }, ProposalPress::Start) => {
            cx.ack(&q).await?;
            cx.say(&t(cx.lang(), "usl-intro")).await?;
            let key = hex::encode(rand::random::<[u8; 8]>());
            return ask(&cx, Step::Name(Base { answers, key })).await;
        }
        (Flow::Screened { .. }, ProposalPress::Decline) => {
            cx.ack(&q).await?;
            cx.idle().await?;
            return cx.say(&t(cx.lang(), "usl-declined")).await;
        }
        (Flow::Proposal(step), press) => pressed(&cx, *step, press).await?,
        _ => None,
    };
    match next {
        Some(Pressed::Ask(step)) => {
            cx.ack(&q).await?;
            ask(&cx, step).await
        }
        Some(Pressed::Send(form, phone)) => {
            cx.ack(&q).await?;
            submit(&cx, form, phone).await
        }
        Some(Pressed::Cancel) => {
            cx.ack(&q).await?;
            cx.idle().await?;
            cx.say(&t(cx.lang(), "usl-cancelled")).await
        }
        None => stale_button(cx.bot.clone(), cx.caller.clone(), q).await,
    }
}

/// What a press on the form leads to.
enum Pressed {
    Ask(Step),
    Send(Form, Option<String>),
    Cancel,
}

/// The step a press leads to; `None` when the press does not belong to this step (or names a
/// region that is not offered).
async fn pressed(cx: &Ctx, step: Step, press: ProposalPress) -> anyhow::Result<Option<Pressed>> {
    let db = &cx.app.db;
    Ok(Some(match (step, press) {
        (_, ProposalPress::Cancel) => Pressed::Cancel,
        (Step::Kecamatan(who), ProposalPress::Kecamatan(code)) => {
            if !offered(&residents::kecamatan_list(db).await?, &code) {
                return Ok(None);
            }
            let kecamatan = code.as_str().to_string();
            Pressed::Ask(Step::Kelurahan { who, kecamatan })
        }
        (Step::Kelurahan { who, kecamatan }, ProposalPress::Kelurahan(code)) => {
            if !offered(&residents::villages_of(db, &kecamatan).await?, &code) {
                return Ok(None);
            }
            let kelurahan = code.as_str().to_string();
            Pressed::Ask(Step::Address { who, kelurahan })
        }
        (Step::Kelurahan { who, .. }, ProposalPress::OtherKecamatan) => {
            Pressed::Ask(Step::Kecamatan(who))
        }
        (Step::Confirm { form, phone }, ProposalPress::Send) => Pressed::Send(form, phone),
        (step @ Step::Confirm { .. }, ProposalPress::Redo) => {
            Pressed::Ask(Step::Name(step.base().clone()))
        }
        _ => return Ok(None),
    }))
}

fn offered(places: &[Place], code: &RegionCode) -> bool {
    places.iter().any(|p| p.code == code.as_str())
}

/// A message while the form waits: the answer to the step's question, or the question again
/// with what was wrong.
pub async fn on_message(cx: &Ctx, step: Step, msg: &Message) -> HandlerResult {
    let text = msg.text().map(str::trim);
    let (next, why) = match step {
        Step::Name(base) => match text {
            Some(s) if valid_name(s) => {
                let name = s.split_whitespace().collect::<Vec<_>>().join(" ");
                (Step::Nik { base, name }, None)
            }
            Some(_) => (Step::Name(base), Some("name-invalid")),
            None => (Step::Name(base), Some("input-not-text")),
        },
        Step::Nik { base, name } => return nik_typed(cx, base, name, text).await,
        Step::Address { who, kelurahan } => match text {
            Some(s) if (3..=MAX_ADDRESS).contains(&s.chars().count()) => {
                let address = s.to_string();
                (
                    Step::RtRw {
                        who,
                        kelurahan,
                        address,
                    },
                    None,
                )
            }
            Some(_) => (
                Step::Address { who, kelurahan },
                Some("usl-address-invalid"),
            ),
            None => (Step::Address { who, kelurahan }, Some("input-not-text")),
        },
        Step::RtRw {
            who,
            kelurahan,
            address,
        } => match text.map(parse_rt_rw) {
            Some(Some((rt, rw))) => {
                let form = Form {
                    who,
                    kelurahan,
                    address,
                    rt,
                    rw,
                };
                (Step::Phone(form), None)
            }
            Some(None) => (
                Step::RtRw {
                    who,
                    kelurahan,
                    address,
                },
                Some("usl-rtrw-invalid"),
            ),
            None => (
                Step::RtRw {
                    who,
                    kelurahan,
                    address,
                },
                Some("input-not-text"),
            ),
        },
        Step::Phone(form) => phone_given(cx, form, msg),
        step @ (Step::Kecamatan(_) | Step::Kelurahan { .. } | Step::Confirm { .. }) => {
            (step, Some("input-use-buttons"))
        }
    };
    if let Some(why) = why {
        cx.say(&t(cx.lang(), why)).await?;
    }
    ask(cx, next).await
}

async fn nik_typed(cx: &Ctx, base: Base, name: String, text: Option<&str>) -> HandlerResult {
    let lang = cx.lang();
    match text.map(Nik::parse) {
        Some(Ok(nik)) => {
            let who = Who {
                base,
                name,
                nik_hash: Keyed::new(&cx.app.secret).nik(&nik),
                nik_masked: nik.masked(),
            };
            ask(cx, Step::Kecamatan(who)).await
        }
        Some(Err(e)) => {
            let why = nik_why(lang, e);
            cx.say(&targs(lang, "nik-invalid", &[("why", why.into())]))
                .await?;
            cx.set(Flow::Proposal(Box::new(Step::Nik { base, name })))
                .await
        }
        None => {
            cx.say(&t(lang, "input-not-text")).await?;
            ask(cx, Step::Nik { base, name }).await
        }
    }
}

/// The phone step: the resident's own contact shared, a number typed, or "skip".
fn phone_given(cx: &Ctx, form: Form, msg: &Message) -> (Step, Option<&'static str>) {
    let lang = cx.lang();
    if let Some(contact) = msg.contact() {
        if contact.user_id.map(|u| u.0 as i64) != Some(cx.caller.tg_id) {
            return (Step::Phone(form), Some("usl-phone-not-own"));
        }
        let phone = Some(contact.phone_number.chars().take(20).collect());
        return (Step::Confirm { form, phone }, None);
    }
    match msg.text().map(str::trim) {
        Some(s) if is_skip(lang, s) => (Step::Confirm { form, phone: None }, None),
        Some(s) => match parse_phone(s) {
            Some(p) => (
                Step::Confirm {
                    form,
                    phone: Some(p),
                },
                None,
            ),
            None => (Step::Phone(form), Some("usl-phone-invalid")),
        },
        None => (Step::Phone(form), Some("usl-phone-invalid")),
    }
}

/// Asks the question of `step` and records that the form waits for it.
async fn ask(cx: &Ctx, step: Step) -> HandlerResult {
    let lang = cx.lang();
    let db = &cx.app.db;
    match &step {
        Step::Name(_) => cx.say(&t(lang, "usl-ask-name")).await?,
        Step::Nik { .. } => cx.say(&t(lang, "usl-ask-nik")).await?,
        Step::Kecamatan(who) => {
            let list = residents::kecamatan_list(db).await?;
            if let [only] = list.as_slice() {
                let (who, kecamatan) = (who.clone(), only.code.clone());
                return Box::pin(ask(cx, Step::Kelurahan { who, kecamatan })).await;
            }
            let rows = place_buttons(&list, ProposalPress::Kecamatan);
            let keyboard = InlineKeyboardMarkup::new(rows);
            cx.say_with(&t(lang, "usl-ask-kecamatan"), keyboard).await?;
        }
        Step::Kelurahan { kecamatan, .. } => {
            let list = residents::villages_of(db, kecamatan).await?;
            let mut rows = place_buttons(&list, ProposalPress::Kelurahan);
            if residents::kecamatan_list(db).await?.len() > 1 {
                let back = Button::Proposal(ProposalPress::OtherKecamatan);
                rows.push(vec![button(lang, "usl-other-kecamatan", back)]);
            }
            let keyboard = InlineKeyboardMarkup::new(rows);
            cx.say_with(&t(lang, "usl-ask-kelurahan"), keyboard).await?;
        }
        Step::Address { .. } => cx.say(&t(lang, "usl-ask-address")).await?,
        Step::RtRw { .. } => cx.say(&t(lang, "usl-ask-rtrw")).await?,
        Step::Phone(_) => {
            let keyboard = phone_keyboard(lang);
            let chat = cx.caller.chat();
            send::text(&cx.bot, db, chat, &t(lang, "usl-ask-phone"), Some(keyboard)).await?;
        }
        Step::Confirm { form, phone } => confirm(cx, form, phone.as_deref()).await?,
    }
    cx.set(Flow::Proposal(Box::new(step))).await
}

fn phone_keyboard(lang: Lang) -> ReplyMarkup {
    let share = KeyboardButton::new(t(lang, "usl-phone-share")).request(ButtonRequest::Contact);
    let skip = KeyboardButton::new(t(lang, "usl-phone-skip"));
    ReplyMarkup::Keyboard(
        KeyboardMarkup::new(vec![vec![share], vec![skip]])
            .resize_keyboard()
            .one_time_keyboard(),
    )
}

/// The summary to confirm, then the buttons to send, redo or cancel.
async fn confirm(cx: &Ctx, form: &Form, phone: Option<&str>) -> HandlerResult {
    let lang = cx.lang();
    let db = &cx.app.db;
    let (kel, kec) = residents::village(db, &form.kelurahan)
        .await?
        .unwrap_or_default();
    let or_dash = |v: Option<&str>| v.unwrap_or("-").to_string();
    let who = &form.who;
    let summary = targs(
        lang,
        "usl-summary",
        &[
            ("name", who.name.clone().into()),
            ("nik", who.nik_masked.clone().into()),
            ("place", i18n::place(lang, &form.kelurahan, &kel).into()),
            ("kecamatan", kec.unwrap_or_default().into()),
            ("address", form.address.clone().into()),
            ("rt", or_dash(form.rt.as_deref()).into()),
            ("rw", or_dash(form.rw.as_deref()).into()),
            ("phone", or_dash(phone).into()),
            ("met", (who.base.answers.met() as i64).into()),
        ],
    );
    // The summary also takes away the phone keyboard; the question carries the buttons.
    let remove = Some(ReplyMarkup::KeyboardRemove(KeyboardRemove::new()));
    send::text(&cx.bot, db, cx.caller.chat(), &summary, remove).await?;
    let press = |p| Button::Proposal(p);
    let keyboard = InlineKeyboardMarkup::new(vec![
        vec![button(lang, "usl-send", press(ProposalPress::Send))],
        vec![
            button(lang, "usl-redo", press(ProposalPress::Redo)),
            button(lang, "usl-cancel", press(ProposalPress::Cancel)),
        ],
    ]);
    cx.say_with(&t(lang, "usl-confirm"), keyboard).await
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

/// Files the proposal (once per one-time key) and answers with its number.
async fn submit(cx: &Ctx, form: Form, phone: Option<String>) -> HandlerResult {
    let lang = cx.lang();
    let today = i18n::today_wib();
    let due = today + chrono::Duration::days(VISIT_DAYS);
    let who = &form.who;
    let number = residents::submit_proposal(
        &cx.app.db,
        &NewProposal {
            tg_id: cx.caller.tg_id,
            kelurahan: &form.kelurahan,
            name: &who.name,
            nik_hash: &who.nik_hash,
            nik_masked: &who.nik_masked,
            address: &form.address,
            rt: form.rt.as_deref(),
            rw: form.rw.as_deref(),
            phone: phone.as_deref(),
            answers: &who.base.answers,
            dedupe: &who.base.key,
            year: chrono::Datelike::year(&today),
            due_date: &due.format("%Y-%m-%d").to_string(),
        },
    )
    .await?;
    tracing::info!(proposal = %number, "proposal filed");
    cx.idle().await?;
    let kel_name = residents::village(&cx.app.db, &form.kelurahan)
        .await?
        .map(|v| v.0)
        .unwrap_or_default();
    cx.say(&targs(
        lang,
        "usl-done",
        &[
            ("number", number.into()),
            (
                "place",
                i18n::place(lang, &form.kelurahan, &kel_name).into(),
            ),
            ("due", i18n::date(lang, due).into()),
        ],
    ))
    .await
}

/// Places as buttons, two to a row. A stored code that does not parse is left out (logged).
fn place_buttons(
    places: &[Place],
    press: impl Fn(RegionCode) -> ProposalPress,
) -> Vec<Vec<InlineKeyboardButton>> {
    let buttons: Vec<InlineKeyboardButton> = places
        .iter()
        .filter_map(|p| match RegionCode::parse(&p.code) {
            Ok(code) => Some(labelled(p.name.clone(), Button::Proposal(press(code)))),
            Err(_) => {
                tracing::warn!(code = %p.code, "a region with a malformed code is not offered");
                None
            }
        })
        .collect();
    buttons.chunks(2).map(<[_]>::to_vec).collect()
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
    fn redo_keeps_the_screening_and_the_one_time_key() {
        let base = Base {
            answers: Answers(vec![true; 14]),
            key: "k".into(),
        };
        let who = Who {
            base: base.clone(),
            name: "Siti".into(),
            nik_hash: "h".into(),
            nik_masked: "3215********0001".into(),
        };
        let step = Step::Confirm {
            form: Form {
                who,
                kelurahan: "32.15.01.1001".into(),
                address: "Jl. Tuparev".into(),
                rt: None,
                rw: None,
            },
            phone: None,
        };
        assert_eq!(step.base(), &base);
        // A saved step survives the dialogue table.
        let json = serde_json::to_string(&step).unwrap();
        assert_eq!(serde_json::from_str::<Step>(&json).unwrap(), step);
    }
}
