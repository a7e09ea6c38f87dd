//! `kesos-bot export complaints`: one row per complaint, with its deadlines counted in working
//! days as they stand today (a holiday loaded since moves them). Nothing about the reporter is
//! exported, anonymous or not, and no NIK (none is stored).

use super::ExportOptions;
use super::sheet::{Cell, Sheet};
use crate::bot::complaint::notice::open;
use crate::i18n::to_wib;
use crate::store::complaints::{self, Deadlines};
use crate::store::seal::Seal;
use crate::store::{Db, regions};
use std::io::Write;

/// Every complaint as CSV for tools.
pub async fn export(
    db: &Db,
    seal: &Seal,
    deadlines: Deadlines,
    out: impl Write,
) -> anyhow::Result<()> {
    export_with(db, seal, deadlines, &ExportOptions::default(), out).await
}

/// The complaints of the area asked, in the format asked (see [`super::sheet`]).
pub async fn export_with(
    db: &Db,
    seal: &Seal,
    deadlines: Deadlines,
    opts: &ExportOptions,
    out: impl Write,
) -> anyhow::Result<()> {
    let calendar = complaints::calendar(db).await?;
    let mut rows = complaints::all_for_export(db).await?;
    rows.retain(|(c, _, _)| opts.includes(&c.area));
    let mut codes: Vec<&str> = rows.iter().map(|(c, _, _)| c.area.as_str()).collect();
    codes.sort_unstable();
    codes.dedup();
    let names = regions::names(db, &codes).await?;
    let time = |t: Option<i64>| t.map(|t| to_wib(t).to_rfc3339()).unwrap_or_default();
    let mut w = Sheet::new(out, opts.format)?;
    w.header(&[
        "ticket",
        "category",
        "kelurahan_code",
        "kelurahan",
        "status",
        "created_wib",
        "response_due",
        "resolve_due",
        "first_response_wib",
        "resolved_wib",
        "handler",
        "escalated_wib",
        "resolution",
    ])?;
    for (c, handler, note) in &rows {
        let (response, resolve) = deadlines.of(&calendar, c.filed_on());
        w.row([
            c.ticket.clone().into(),
            c.category.code().into(),
            Cell::Code(c.area.clone()),
            names.get(&c.area).cloned().into(),
            c.status.code().into(),
            time(Some(c.created_at)).into(),
            response.format("%Y-%m-%d").to_string().into(),
            resolve.format("%Y-%m-%d").to_string().into(),
            time(c.first_response_at).into(),
            time(c.resolved_at).into(),
            handler.clone().into(),
            time(c.escalated_at).into(),
            note.as_deref().map(|n| open(seal, n)).into(),
        ])?;
    }
    w.finish()?;
    Ok(())
}
