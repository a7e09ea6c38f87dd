//! `kesos-bot export complaints`: one row per complaint, with its deadlines counted in working
//! days as they stand today (a holiday loaded since moves them). Nothing about the reporter is
//! exported, anonymous or not, and no NIK (none is stored).

use crate::bot::complaint::notice::open;
use crate::i18n::to_wib;
use crate::store::complaints::{self, Deadlines};
use crate::store::seal::Seal;
use crate::store::{Db, regions};
use std::io::Write;

pub async fn export(
    db: &Db,
    seal: &Seal,
    deadlines: Deadlines,
    out: impl Write,
) -> anyhow::Result<()> {
    let calendar = complaints::calendar(db).await?;
    let rows = complaints::all_for_export(db).await?;
    let mut codes: Vec<&str> = rows.iter().map(|(c, _, _)| c.area.as_str()).collect();
    codes.sort_unstable();
    codes.dedup();
    let names = regions::names(db, &codes).await?;
    let time = |t: Option<i64>| t.map(|t| to_wib(t).to_rfc3339()).unwrap_or_default();
    let mut w = csv::Writer::from_writer(out);
    w.write_record([
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
        w.write_record([
            c.ticket.clone(),
            c.category.code().to_string(),
            c.area.clone(),
            names.get(&c.area).cloned().unwrap_or_default(),
            c.status.code().to_string(),
            time(Some(c.created_at)),
            response.format("%Y-%m-%d").to_string(),
            resolve.format("%Y-%m-%d").to_string(),
            time(c.first_response_at),
            time(c.resolved_at),
            handler.clone().unwrap_or_default(),
            time(c.escalated_at),
            note.as_deref().map(|n| open(seal, n)).unwrap_or_default(),
        ])?;
    }
    w.flush()?;
    Ok(())
}
