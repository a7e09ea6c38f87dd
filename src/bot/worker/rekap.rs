//! `/rekap` (TKSK, Dinas Sosial): the summary of an area — realisasi against kuota for the
//! latest period with data, the study's four effectiveness indicators (Budiani 2007) computed
//! from what kesos-bot recorded, each saying what it rests on or that there is no data yet, the
//! charts as pictures, the author's broadcasts, and the re-verification cycle's progress. A
//! TKSK sees their kecamatan; Dinas Sosial their whole area first, and a kecamatan with a
//! button. The realisasi table comes as a CSV document on request.

use super::place_name;
use crate::app::App;
use crate::bot::button::Button;
use crate::bot::menu::{button, labelled};
use crate::bot::send::{self, Part};
use crate::bot::{ChatOf, HandlerResult, Tg};
use crate::domain::region::{self, Level, RegionCode};
use crate::domain::role::Role;
use crate::i18n::{Lang, number, t, targs, today_wib};
use crate::report::{self, Realisasi, percent};
use crate::store::broadcasts::MediaKind;
use crate::store::reports::{self, Indicators};
use crate::store::users::Caller;
use crate::store::{regions, workers};
use std::sync::Arc;
use teloxide::prelude::*;
use teloxide::types::{InlineKeyboardMarkup, InputFile, ReplyMarkup};

/// The program the realisasi of `/rekap` is about: Program Sembako (BPNT), the study's.
const PROGRAM: &str = "SEMBAKO";

/// The area the caller speaks for (a TKSK's kecamatan, an operator's area).
async fn home(app: &App, caller: &Caller) -> anyhow::Result<Option<String>> {
    let Some(w) = workers::worker_by_tg(&app.db, caller.tg_id).await? else {
        return Ok(None);
    };
    Ok(workers::areas(&app.db, w.id).await?.into_iter().next())
}

/// `/rekap`: the caller's own area.
pub async fn on_command(bot: &Tg, app: &App, caller: &Caller, arg: &str) -> HandlerResult {
    let Some(area) = home(app, caller).await? else {
        return Ok(());
    };
    show(bot, app, caller, &area, arg).await
}

/// A press on an area button or on "CSV".
pub async fn on_press(
    bot: Tg,
    app: Arc<App>,
    caller: Caller,
    q: CallbackQuery,
    (area, csv): (RegionCode, bool),
) -> HandlerResult {
    let lang = caller.lang;
    let mine = home(&app, &caller).await?;
    if !mine.is_some_and(|m| region::contains(&m, area.as_str())) {
        return super::toast(&bot, &q, t(lang, "role-refused-short")).await;
    }
    bot.answer_callback_query(q.id.clone()).await?;
    if csv {
        return send_csv(&bot, &app, &caller, area.as_str()).await;
    }
    show(&bot, &app, &caller, area.as_str(), "").await
}

async fn show(bot: &Tg, app: &App, caller: &Caller, area: &str, arg: &str) -> HandlerResult {
    let lang = caller.lang;
    let name = place_name(&app.db, lang, area).await;
    let realisasi = match reports::latest_period(&app.db, PROGRAM, Some(area)).await? {
        Some(period) => Some(report::realisasi(&app.db, PROGRAM, period, Some(area)).await?),
        None => None,
    };
    let (deadlines, calendar) = (
        app.settings.deadlines,
        crate::store::complaints::calendar(&app.db).await?,
    );
    let ind = reports::indicators(&app.db, area, today_wib(), (deadlines, &calendar)).await?;
    let mut body = targs(lang, "rekap-title", &[("area", name.clone().into())]);
    body.push_str("\n\n");
    body.push_str(&match &realisasi {
        Some(r) => realisasi_text(lang, r),
        None => t(lang, "rekap-realisasi-none"),
    });
    body.push_str("\n\n");
    body.push_str(&indicators_text(lang, realisasi.as_ref(), &ind));
    if let Some(section) = crate::bot::broadcast::rekap_section(app, caller).await? {
        body.push_str("\n\n");
        body.push_str(&section);
    }
    if let Some(cycle) = super::cycle::rekap_text(app, lang, area, &name, arg).await? {
        body.push_str("\n\n");
        body.push_str(&cycle);
    }
    let mut rows = Vec::new();
    if realisasi.is_some() {
        rows.push(vec![button(
            lang,
            "rekap-csv",
            Button::Rekap {
                area: RegionCode::parse(area)?,
                csv: true,
            },
        )]);
    }
    if caller.role == Role::Dinsos {
        rows.extend(area_buttons(app, area).await?);
    }
    let keyboard =
        (!rows.is_empty()).then(|| ReplyMarkup::InlineKeyboard(InlineKeyboardMarkup::new(rows)));
    send::text(bot, &app.db, caller.chat(), &body, keyboard).await?;
    if let Some(r) = &realisasi {
        let bars = report::chart::bars(lang, r, &name)?;
        send_picture(bot, app, caller, bars, "realisasi.png").await?;
        if r.series.len() > 1 {
            let line = report::chart::line(lang, r, &name)?;
            send_picture(bot, app, caller, line, "realisasi-bulanan.png").await?;
        }
    }
    Ok(())
}

/// Dinas Sosial: the kecamatan of their area (two to a row), to see one.
async fn area_buttons(
    app: &App,
    area: &str,
) -> anyhow::Result<Vec<Vec<teloxide::types::InlineKeyboardButton>>> {
    let places: Vec<_> = regions::children(&app.db, area)
        .await?
        .into_iter()
        .filter(|r| r.level == Level::Kecamatan)
        .filter_map(|r| {
            let code = RegionCode::parse(&r.code).ok()?;
            Some(labelled(
                r.name,
                Button::Rekap {
                    area: code,
                    csv: false,
                },
            ))
        })
        .collect();
    Ok(places.chunks(2).map(<[_]>::to_vec).collect())
}

async fn send_picture(
    bot: &Tg,
    app: &App,
    caller: &Caller,
    png: Vec<u8>,
    name: &'static str,
) -> HandlerResult {
    let part = Part::Attachment {
        kind: MediaKind::Photo,
        file: InputFile::memory(png).file_name(name),
        caption: None,
    };
    send::part(bot, &app.db, caller.chat(), &part, None, false).await?;
    Ok(())
}

async fn send_csv(bot: &Tg, app: &App, caller: &Caller, area: &str) -> HandlerResult {
    let lang = caller.lang;
    let Some(period) = reports::latest_period(&app.db, PROGRAM, Some(area)).await? else {
        send::text(
            bot,
            &app.db,
            caller.chat(),
            &t(lang, "rekap-realisasi-none"),
            None,
        )
        .await?;
        return Ok(());
    };
    let r = report::realisasi(&app.db, PROGRAM, period, Some(area)).await?;
    let mut csv = Vec::new();
    report::csv(&r, &mut csv)?;
    let part = Part::Attachment {
        kind: MediaKind::Document,
        file: InputFile::memory(csv).file_name("realisasi.csv"),
        caption: Some(targs(
            lang,
            "rekap-csv-caption",
            &[("period", report::period_label(lang, period).into())],
        )),
    };
    send::part(bot, &app.db, caller.chat(), &part, None, false).await?;
    Ok(())
}

/// The realisasi as a phone reads it: one line per desa/kelurahan, then the total.
fn realisasi_text(lang: Lang, r: &Realisasi) -> String {
    let mut out = targs(
        lang,
        "rekap-realisasi-title",
        &[("period", report::period_label(lang, r.period).into())],
    );
    // "420 dari 550 (76,4%)", or the count alone where no quota is loaded.
    let of = |done: i64, kuota: Option<i64>| match kuota {
        Some(k) => targs(
            lang,
            "rekap-of",
            &[
                ("done", number(lang, done).into()),
                ("kuota", number(lang, k).into()),
                ("percent", percent(lang, done, Some(k)).into()),
            ],
        ),
        None => number(lang, done),
    };
    for l in &r.lines {
        out.push_str(&format!("\n• {}: {}", l.name, of(l.realisasi, l.kuota)));
    }
    let any_quota = r.lines.iter().any(|l| l.kuota.is_some());
    let total = any_quota.then(|| r.total_kuota());
    out.push('\n');
    out.push_str(&targs(
        lang,
        "rekap-realisasi-total",
        &[("total", of(r.total_realisasi(), total).into())],
    ));
    if !any_quota {
        out.push('\n');
        out.push_str(&t(lang, "rekap-no-quota"));
    }
    report::push_mismatches(lang, r, &mut out);
    out
}

/// "12 dari 15 (80,0%)", or `None` when there is nothing to count.
fn share(lang: Lang, part: i64, whole: i64) -> Option<String> {
    (whole > 0).then(|| {
        targs(
            lang,
            "rekap-share",
            &[
                ("part", number(lang, part).into()),
                ("whole", number(lang, whole).into()),
                ("percent", percent(lang, part, Some(whole)).into()),
            ],
        )
    })
}

/// The four indicators, each from what it rests on, or "no data yet".
fn indicators_text(lang: Lang, r: Option<&Realisasi>, i: &Indicators) -> String {
    let none = t(lang, "rekap-no-data");
    let join = |parts: Vec<Option<String>>| {
        let parts: Vec<String> = parts.into_iter().flatten().collect();
        if parts.is_empty() {
            none.clone()
        } else {
            parts.join("; ")
        }
    };
    let with = |key: &str, s: Option<String>| s.map(|s| targs(lang, key, &[("share", s.into())]));
    let target = join(vec![
        r.and_then(|r| {
            let k = r.total_kuota();
            with("rekap-ind-quota", share(lang, r.total_realisasi(), k))
        }),
        with(
            "rekap-ind-reverified",
            share(lang, i.still_eligible, i.reverified),
        ),
        with(
            "rekap-ind-proposals",
            share(lang, i.proposals_eligible, i.proposals_verified),
        ),
    ]);
    let outreach = join(vec![
        with("rekap-ind-sent", share(lang, i.notices_sent, i.notices)),
        with(
            "rekap-ind-read",
            share(lang, i.notices_read, i.notices_sent),
        ),
    ]);
    let purpose = join(vec![
        with(
            "rekap-ind-in-time",
            share(lang, i.complaints_in_time, i.complaints_resolved),
        ),
        i.median_days.map(|d| {
            let d = format!("{d:.1}");
            let d = if lang == Lang::Id {
                d.replace('.', ",")
            } else {
                d
            };
            targs(lang, "rekap-ind-median", &[("days", d.into())])
        }),
        (i.reverified > 0).then(|| {
            targs(
                lang,
                "rekap-ind-graduated",
                &[("count", i.graduated.into())],
            )
        }),
    ]);
    let monitoring = join(vec![
        with("rekap-ind-cycle", share(lang, i.cycle_done, i.cycle_total)),
        (i.cycle_total > 0 || i.overdue_tasks > 0).then(|| {
            targs(
                lang,
                "rekap-ind-overdue",
                &[("count", i.overdue_tasks.into())],
            )
        }),
    ]);
    targs(
        lang,
        "rekap-indicators",
        &[
            ("target", target.into()),
            ("outreach", outreach.into()),
            ("purpose", purpose.into()),
            ("monitoring", monitoring.into()),
        ],
    )
}
