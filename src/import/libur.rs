//! `kesos-bot import libur FILE`: public holidays (`tanggal` `YYYY-MM-DD`, `keterangan`), which
//! are not working days for complaint deadlines.

use super::ImportReport;
use super::table::{Table, TableError};
use crate::i18n::{Lang, t, targs};
use crate::store::{Db, complaints, regions::Upsert};
use chrono::NaiveDate;

pub async fn import(
    db: &Db,
    path: &std::path::Path,
    lang: Lang,
) -> Result<ImportReport, TableError> {
    let table = Table::open(path, &["tanggal", "keterangan"], &[], lang)?;
    let mut report = ImportReport::default();
    let mut rows: Vec<(u64, NaiveDate, String)> = vec![];
    table.for_each(|row| match row {
        Err(e) => report.reject(e.line, e.reason(lang)),
        Ok(row) => match (row.get("tanggal"), row.get("keterangan")) {
            (None, _) => report.reject(row.line, t(lang, "import-reason-date-missing")),
            (_, None) => report.reject(row.line, t(lang, "import-reason-holiday-name-missing")),
            (Some(day), Some(name)) => match NaiveDate::parse_from_str(day.trim(), "%Y-%m-%d") {
                Ok(d) => rows.push((row.line, d, name.trim().to_string())),
                Err(_) => report.reject(
                    row.line,
                    targs(
                        lang,
                        "import-reason-bad-date",
                        &[("value", day.to_string().into())],
                    ),
                ),
            },
        },
    })?;
    for (line, day, name) in rows {
        match complaints::upsert_holiday(db, day, &name).await {
            Ok(Upsert::Added) => report.added += 1,
            Ok(Upsert::Updated) => report.updated += 1,
            Ok(Upsert::Unchanged) => report.unchanged += 1,
            Err(e) => {
                tracing::error!(line, error = %e, "holiday row failed to store");
                report.reject(line, t(lang, "import-reason-store-failed"));
            }
        }
    }
    report.rejected.sort_by_key(|r| r.line);
    Ok(report)
}
