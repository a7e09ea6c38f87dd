//! `/info`: the programs, what each gives and where to go for it. The same lines serve `/cek`.

use super::Ctx;
use crate::bot::HandlerResult;
use crate::domain::lang::Lang;
use crate::i18n::{self, t, targs};
use crate::store::residents;

pub async fn show(cx: &Ctx) -> HandlerResult {
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

pub fn benefit_line(lang: Lang, benefit: Option<i64>) -> String {
    match benefit {
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
