//! `/siklus AREA [YYYY-MM]` (dinsos) opens a two-monthly re-verification cycle; `/rekap`
//! (TKSK, dinsos) shows a cycle's progress in the caller's area.

use super::{Flow, WorkerCommand};
use crate::app::App;
use crate::bot::{ChatOf, Dlg, HandlerResult, State, Tg, send};
use crate::domain::region::{self, Level, RegionCode};
use crate::domain::task::VisitResult;
use crate::i18n::{self, Lang, date, number, t, targs, today_wib};
use crate::store::cycles;
use crate::store::regions;
use crate::store::users::Caller;
use crate::store::workers;
use std::sync::Arc;
use teloxide::prelude::*;

/// `November–Desember 2026` for the cycle `2026-11`.
pub fn period_label(lang: Lang, period: &str) -> String {
    match crate::domain::cycle::parse_period(period) {
        Some((p, end)) => {
            let first: u32 = p[5..7].parse().unwrap_or(1);
            targs(
                lang,
                "period-label",
                &[
                    ("from", t(lang, &format!("month-{first}")).into()),
                    (
                        "to",
                        t(lang, &format!("month-{}", chrono::Datelike::month(&end))).into(),
                    ),
                    ("year", chrono::Datelike::year(&end).to_string().into()),
                ],
            )
        }
        None => period.to_string(),
    }
}

pub async fn on_siklus(
    bot: Tg,
    app: Arc<App>,
    caller: Caller,
    cmd: WorkerCommand,
    dialogue: Dlg,
) -> HandlerResult {
    let WorkerCommand::Siklus(arg) = cmd else {
        return Ok(());
    };
    if arg.trim().is_empty() {
        dialogue.update(State::Worker(Flow::AwaitCycleArea)).await?;
        send::text(
            &bot,
            &app.db,
            caller.chat(),
            &t(caller.lang, "cycle-ask-area"),
            None,
        )
        .await?;
        return Ok(());
    }
    open(&bot, &app, &caller, &dialogue, &arg).await
}

pub async fn on_area_message(
    bot: &Tg,
    app: &App,
    caller: &Caller,
    msg: &Message,
    dialogue: &Dlg,
) -> HandlerResult {
    match msg.text() {
        Some(text) => open(bot, app, caller, dialogue, text).await,
        None => {
            send::text(
                bot,
                &app.db,
                caller.chat(),
                &t(caller.lang, "cycle-ask-area"),
                None,
            )
            .await?;
            Ok(())
        }
    }
}

async fn open(bot: &Tg, app: &App, caller: &Caller, dialogue: &Dlg, arg: &str) -> HandlerResult {
    let lang = caller.lang;
    dialogue.update(State::Idle).await?;
    // The last word may be the period; everything before it is the area (names have spaces).
    let words: Vec<&str> = arg.split_whitespace().collect();
    let (area_text, period) = match words.split_last() {
        Some((last, rest)) if !rest.is_empty() && last.len() == 7 && last.as_bytes()[4] == b'-' => {
            (rest.join(" "), Some(*last))
        }
        _ => (words.join(" "), None),
    };
    let period = match period {
        Some(p) => match crate::domain::cycle::parse_period(p) {
            Some((p, _)) => p,
            None => {
                let body = targs(
                    lang,
                    "cycle-bad-period",
                    &[("period", p.to_string().into())],
                );
                send::text(bot, &app.db, caller.chat(), &body, None).await?;
                return Ok(());
            }
        },
        None => crate::domain::cycle::period_of(today_wib()),
    };
    let mine = caller_area(app, caller).await?;
    // A cycle for a kecamatan, kelurahan or desa inside the caller's own area.
    let region = cycles::resolve_area(&app.db, &area_text)
        .await?
        .filter(|r| {
            mine.as_deref()
                .is_some_and(|m| region::contains(m, &r.code))
        });
    let Some(region) = region else {
        let area: String = area_text.chars().take(60).collect();
        let body = targs(lang, "cycle-bad-area", &[("area", area.into())]);
        send::text(bot, &app.db, caller.chat(), &body, None).await?;
        return Ok(());
    };
    let Some(opened) = cycles::open(&app.db, &region.code, &period, Some(caller.tg_id)).await?
    else {
        // The period did not parse after all: say so rather than stay silent.
        let body = targs(
            lang,
            "cycle-bad-period",
            &[("period", period.clone().into())],
        );
        send::text(bot, &app.db, caller.chat(), &body, None).await?;
        return Ok(());
    };
    app.outbox_ready.notify_one();
    let body = opened_text(
        lang,
        &i18n::place(lang, &region.code, &region.name),
        &opened,
    );
    send::text(bot, &app.db, caller.chat(), &body, None).await?;
    Ok(())
}

/// What opening a cycle did, for the dinsos operator (bot) and the command line alike.
pub fn opened_text(lang: Lang, area: &str, opened: &cycles::Opened) -> String {
    let label = period_label(lang, &opened.period);
    if opened.created == 0 {
        return targs(
            lang,
            "cycle-nothing-new",
            &[("period", label.into()), ("area", area.to_string().into())],
        );
    }
    targs(
        lang,
        "cycle-opened",
        &[
            ("period", label.into()),
            ("area", area.to_string().into()),
            ("households", number(lang, opened.households as i64).into()),
            ("created", number(lang, opened.created as i64).into()),
            ("unassigned", number(lang, opened.unassigned as i64).into()),
            ("due", date(lang, opened.due).into()),
        ],
    )
}

/// The area a TKSK or dinsos worker covers (their first, for TKSK the kecamatan).
async fn caller_area(app: &App, caller: &Caller) -> anyhow::Result<Option<String>> {
    let Some(worker) = workers::worker_by_tg(&app.db, caller.tg_id).await? else {
        return Ok(None);
    };
    Ok(workers::areas(&app.db, worker.id).await?.into_iter().next())
}

pub async fn on_rekap(bot: Tg, app: Arc<App>, caller: Caller, cmd: WorkerCommand) -> HandlerResult {
    let WorkerCommand::Rekap(arg) = cmd else {
        return Ok(());
    };
    super::rekap::on_command(&bot, &app, &caller, arg.trim()).await
}

/// The progress of the re-verification cycle `arg` names (or the latest) in an area, for
/// `/rekap`; `None` when the area has had no cycle.
pub async fn rekap_text(
    app: &App,
    lang: Lang,
    area: &str,
    name: &str,
    arg: &str,
) -> anyhow::Result<Option<String>> {
    let period = match crate::domain::cycle::parse_period(arg) {
        Some((p, _)) => Some(p),
        None => cycles::latest_period(&app.db, area).await?,
    };
    Ok(match period {
        Some(period) => Some(rekap(app, lang, area, name, &period).await?),
        None => None,
    })
}

/// A cycle's progress in an area: totals, per kecamatan (regency) or kelurahan, and results.
async fn rekap(
    app: &App,
    lang: Lang,
    area: &str,
    name: &str,
    period: &str,
) -> anyhow::Result<String> {
    let depth = match RegionCode::parse(area).map(|c| c.level()) {
        Ok(Level::Kabupaten) => 3,
        _ => 4,
    };
    let p = cycles::progress(&app.db, area, period, depth, today_wib()).await?;
    let percent = if p.total > 0 {
        p.done * 100 / p.total
    } else {
        0
    };
    let mut body = targs(
        lang,
        "rekap-header",
        &[
            ("period", period_label(lang, period).into()),
            ("area", name.to_string().into()),
            ("done", number(lang, p.done).into()),
            ("total", number(lang, p.total).into()),
            ("percent", percent.into()),
            ("open", number(lang, p.open).into()),
            ("unassigned", number(lang, p.unassigned).into()),
            ("overdue", number(lang, p.overdue).into()),
        ],
    );
    body.push('\n');
    let codes: Vec<&str> = p.groups.iter().map(|g| g.0.as_str()).collect();
    let names = regions::names(&app.db, &codes).await?;
    for (code, done, total) in &p.groups {
        let group = match names.get(code) {
            Some(name) => i18n::place(lang, code, name),
            None => code.clone(),
        };
        body.push('\n');
        body.push_str(&targs(
            lang,
            "rekap-group",
            &[
                ("area", group.into()),
                ("done", number(lang, *done).into()),
                ("total", number(lang, *total).into()),
            ],
        ));
    }
    if !p.results.is_empty() {
        body.push_str("\n\n");
        body.push_str(&t(lang, "rekap-results"));
        for (code, count) in &p.results {
            let label = VisitResult::parse(code)
                .map(|r| t(lang, &r.message_id()))
                .unwrap_or_else(|| code.clone());
            body.push('\n');
            body.push_str(&targs(
                lang,
                "rekap-result",
                &[
                    ("result", label.into()),
                    ("count", (*count).into()),
                    ("shown", number(lang, *count).into()),
                ],
            ));
        }
    }
    Ok(body)
}
