//! `/info`: the programs, what each gives and where to go for it. The same lines serve `/cek`.

use super::Ctx;
use crate::bot::HandlerResult;
use crate::bot::button::Button;
use crate::bot::common::stale_button;
use crate::bot::menu::labelled;
use crate::domain::lang::Lang;
use crate::i18n::{self, t, targs};
use crate::store::residents;
use teloxide::types::{CallbackQuery, InlineKeyboardMarkup};

pub async fn show(cx: &Ctx) -> HandlerResult {
    let lang = cx.lang();
    let programs = residents::programs(&cx.app.db).await?;
    let mut out = vec![t(lang, "info-title")];
    for p in &programs {
        out.push(format!(
            "• {}\n  {}",
            p.name,
            benefit_line(lang, &p.code, p.benefit_per_month)
        ));
    }
    out.push(t(lang, "info-footer"));
    let named: Vec<(&str, &str)> = programs
        .iter()
        .map(|p| (p.code.as_str(), p.name.as_str()))
        .collect();
    cx.say_with(&out.join("\n\n"), program_buttons(lang, &named))
        .await
}

/// One button per program, for its details ("ℹ️ Program Sembako (BPNT)").
pub fn program_buttons(lang: Lang, programs: &[(&str, &str)]) -> InlineKeyboardMarkup {
    let rows: Vec<Vec<_>> = programs
        .iter()
        .map(|(code, name)| {
            let label = targs(
                lang,
                "program-details-button",
                &[("program", name.to_string().into())],
            );
            vec![labelled(label, Button::Program(code.to_string()))]
        })
        .collect();
    InlineKeyboardMarkup::new(rows)
}

/// A press on a program's button: what it gives and where to go for it.
pub async fn on_program(cx: Ctx, q: CallbackQuery, code: String) -> HandlerResult {
    let lang = cx.lang();
    let programs = residents::programs(&cx.app.db).await?;
    let Some(p) = programs.iter().find(|p| p.code == code) else {
        // A program removed since the button was sent.
        return stale_button(cx.bot.clone(), cx.caller.clone(), q).await;
    };
    cx.ack(&q).await?;
    cx.say(&format!(
        "{}\n{}\n\n{}",
        p.name,
        benefit_line(lang, &p.code, p.benefit_per_month),
        program_where(lang, &p.code)
    ))
    .await
}

/// What a program gives: its own text (`program-benefit-<code>`, e.g. PBI-JK pays a
/// contribution rather than an amount), else the amount of the program table, else "varies".
pub fn benefit_line(lang: Lang, code: &str, benefit: Option<i64>) -> String {
    let own = format!("program-benefit-{}", code.to_lowercase());
    match benefit {
        _ if i18n::has(lang, &own) => t(lang, &own),
        Some(b) => targs(lang, "program-benefit", &[("amount", b.into())]),
        None => t(lang, "program-benefit-varies"),
    }
}

/// What to do for a program: `program-where-<code>`, or a general text for programs added later.
pub fn program_where(lang: Lang, code: &str) -> String {
    let key = format!("program-where-{}", code.to_lowercase());
    if i18n::has(lang, &key) {
        t(lang, &key)
    } else {
        t(lang, "program-where-other")
    }
}

/// `2026-10` → `Oktober 2026`.
pub fn month_name(lang: Lang, ym: &str) -> Option<String> {
    let (y, m) = ym.split_once('-')?;
    let (y, m): (i32, u32) = (y.parse().ok()?, m.parse().ok()?);
    (1..=12)
        .contains(&m)
        .then(|| format!("{} {y}", t(lang, &format!("month-{m}"))))
}
