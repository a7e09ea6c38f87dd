//! `/cek`: whether a household receives aid, from the NIK and the name on the KTP. One answer
//! for an unknown NIK and a wrong name; look-ups are counted per user.

use super::info::{benefit_line, month_name, program_buttons};
use super::{Ctx, Flow, two_parts};
use crate::bot::HandlerResult;
use crate::bot::button::{Button, Menu};
use crate::bot::menu::button;
use crate::domain::lang::Lang;
use crate::domain::name;
use crate::domain::nik::Nik;
use crate::i18n::{self, nik_why, t, targs};
use crate::store::keyed::Keyed;
use crate::store::residents::{self, HouseholdProgram, MemberHit};
use teloxide::types::InlineKeyboardMarkup;

/// Longest name accepted (a KTP name is far shorter).
pub const MAX_NAME: usize = 100;

/// A name as typed: 2 to [`MAX_NAME`] characters with at least one letter.
pub fn valid_name(s: &str) -> bool {
    let n = s.chars().count();
    (2..=MAX_NAME).contains(&n) && s.chars().any(char::is_alphabetic)
}

/// `/cek [NIK]` or the menu entry.
pub async fn start(cx: &Ctx, arg: Option<&str>) -> HandlerResult {
    if !budget_left(cx, false).await? {
        return cx.idle().await;
    }
    match arg.filter(|a| !a.is_empty()) {
        Some(nik) => nik_typed(cx, nik, false).await,
        None => {
            cx.set(Flow::CekNik).await?;
            cx.say(&t(cx.lang(), "cek-ask-nik")).await
        }
    }
}

pub async fn on_nik_message(cx: &Ctx, text: Option<&str>) -> HandlerResult {
    match text {
        Some(s) => nik_typed(cx, s, true).await,
        None => {
            cx.say(&two_parts(cx.lang(), "input-not-text", "cek-ask-nik"))
                .await
        }
    }
}

pub async fn on_name_message(cx: &Ctx, nik_hash: &str, text: Option<&str>) -> HandlerResult {
    match text {
        Some(s) if valid_name(s) => name_typed(cx, nik_hash, s).await,
        Some(_) => {
            cx.say(&two_parts(cx.lang(), "name-invalid", "cek-ask-name"))
                .await
        }
        None => {
            cx.say(&two_parts(cx.lang(), "input-not-text", "cek-ask-name"))
                .await
        }
    }
}

/// The NIK typed (after `/cek` or on its own). `asked`: the flow already waits for a NIK, so a
/// wrong one needs no state change (one dialogue write less per look-up).
async fn nik_typed(cx: &Ctx, typed: &str, asked: bool) -> HandlerResult {
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

async fn name_typed(cx: &Ctx, nik_hash: &str, typed: &str) -> HandlerResult {
    let lang = cx.lang();
    if !budget_left(cx, true).await? {
        return cx.idle().await;
    }
    cx.idle().await?;
    let hit = residents::find_member(&cx.app.db, nik_hash).await?;
    let Some(hit) = hit.filter(|h| name::matches(typed, &h.name)) else {
        // One answer for an unknown NIK and for a wrong name.
        let keyboard = InlineKeyboardMarkup::new(vec![
            vec![button(lang, "menu-skrining", Button::Menu(Menu::Skrining))],
            vec![button(lang, "cek-again", Button::Menu(Menu::Cek))],
        ]);
        return cx.say_with(&t(lang, "cek-not-found"), keyboard).await;
    };
    crate::store::users::note_home(&cx.app.db.pool, cx.caller.tg_id, &hit.kelurahan).await?;
    let programs = residents::household_programs(&cx.app.db, hit.household_id).await?;
    let (text, keyboard) = found_text(lang, &hit, &programs);
    cx.say_with(&text, keyboard).await
}

/// The answer for a household found: where it is registered and each program, short enough
/// for a phone; what each active program gives and where to go for it is one button away.
/// It says "terdaftar sebagai KPM" only when a program is active, and names no amount for an
/// inactive one.
fn found_text(
    lang: Lang,
    hit: &MemberHit,
    programs: &[HouseholdProgram],
) -> (String, InlineKeyboardMarkup) {
    let name = hit.kelurahan_name.clone().unwrap_or(hit.kelurahan.clone());
    let place = [
        ("place", i18n::place(lang, &hit.kelurahan, &name).into()),
        (
            "kecamatan",
            hit.kecamatan_name.clone().unwrap_or_default().into(),
        ),
    ];
    let active: Vec<&HouseholdProgram> = programs.iter().filter(|p| p.active == 1).collect();
    let head = if active.is_empty() {
        "cek-found-inactive"
    } else {
        "cek-found"
    };
    let mut out = vec![targs(lang, head, &place)];
    let mut kks_named = false;
    out.push(
        programs
            .iter()
            .map(|p| program_lines(lang, p, &mut kks_named))
            .collect::<Vec<_>>()
            .join("\n"),
    );
    let mut next = vec![];
    if programs
        .iter()
        .any(|p| p.kks_status.as_deref() == Some("bermasalah"))
    {
        next.push(t(lang, "cek-next-kks-problem"));
    }
    next.push(targs(lang, "cek-next-contact", &place));
    out.push(next.join("\n"));
    let named: Vec<(&str, &str)> = active
        .iter()
        .map(|p| (p.code.as_str(), p.name.as_str()))
        .collect();
    let mut keyboard = program_buttons(lang, &named);
    keyboard
        .inline_keyboard
        .push(vec![button(lang, "cek-again", Button::Menu(Menu::Cek))]);
    out.retain(|part| !part.is_empty());
    (out.join("\n\n"), keyboard)
}

/// One program of the household: active with what it gives, or inactive; the KKS card (spelled
/// out the first time) and the last month received, when known.
fn program_lines(lang: Lang, p: &HouseholdProgram, kks_named: &mut bool) -> String {
    let program = [("program", p.name.clone().into())];
    if p.active != 1 {
        return targs(lang, "cek-program-inactive", &program);
    }
    let mut lines = vec![targs(lang, "cek-program-active", &program)];
    lines.push(format!(
        "  {}",
        benefit_line(lang, &p.code, p.benefit_per_month)
    ));
    if let Some(kks) = &p.kks_status {
        let key = format!("kks-status-{}", kks.replace('_', "-"));
        if i18n::has(lang, &key) {
            let first = if *kks_named { "no" } else { "yes" };
            *kks_named = true;
            lines.push(format!(
                "  {}",
                targs(
                    lang,
                    "kks-line",
                    &[("first", first.into()), ("status", t(lang, &key).into())]
                )
            ));
        }
    }
    if let Some(month) = p.last_received.as_deref().and_then(|m| month_name(lang, m)) {
        lines.push(format!(
            "  {}",
            targs(lang, "cek-last-received", &[("month", month.into())])
        ));
    }
    lines.join("\n")
}
