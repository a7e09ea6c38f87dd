//! `kesos-bot import libur FILE`: public holidays (`tanggal` `YYYY-MM-DD`, `keterangan`), which
//! are not working days for complaint deadlines.

use super::columns::{Column, HOLIDAY_DATE, HOLIDAY_NAME};
use super::table::{Table, TableError};
use super::{ImportReport, Reason, shown};
use crate::i18n::Lang;
use crate::store::{Db, complaints, regions::Upsert};
use chrono::NaiveDate;

pub const REQUIRED: [&Column; 2] = [&HOLIDAY_DATE, &HOLIDAY_NAME];

pub async fn import(
    db: &Db,
    path: &std::path::Path,
    lang: Lang,
) -> Result<ImportReport, TableError> {
    let mut table = Table::open(path, &REQUIRED, &[], lang)?;
    let mut report = ImportReport::default();
    let mut rows: Vec<(u64, NaiveDate, String)> = vec![];
    table.for_each(|row| {
        let row = match row {
            Ok(row) => row,
            Err(e) => return report.reject(e.line, e.reason()),
        };
        let mut problems = vec![];
        let day = match row.get("tanggal") {
            None => {
                problems.push(Reason::new("import-reason-date-missing"));
                None
            }
            Some(day) => {
                let parsed = NaiveDate::parse_from_str(day, "%Y-%m-%d").ok();
                if parsed.is_none() {
                    problems.push(Reason::new("import-reason-bad-date").arg("value", shown(day)));
                }
                parsed
            }
        };
        let name = row.get("keterangan");
        if name.is_none() {
            problems.push(Reason::new("import-reason-holiday-name-missing"));
        }
        match (day, name) {
            (Some(day), Some(name)) => rows.push((row.line, day, name.to_string())),
            _ => report.reject_all(row.line, problems),
        }
    })?;
    report.notes = table.notes();
    for (line, day, name) in rows {
        match complaints::upsert_holiday(db, day, &name).await {
            Ok(Upsert::Added) => report.added += 1,
            Ok(Upsert::Updated) => report.updated += 1,
            Ok(Upsert::Unchanged) => report.unchanged += 1,
            Err(e) => {
                tracing::error!(line, error = %e, "holiday row failed to store");
                report.reject(line, Reason::new("import-reason-store-failed"));
            }
        }
    }
    Ok(report)
}
