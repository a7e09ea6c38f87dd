//! `kesos-bot import wilayah FILE`: regions by Kemendagri code (`kode`, `nama`).

use super::columns::{REGION_CODE, REGION_NAME};
use super::table::{Table, TableError};
use super::{ImportReport, Reason, shown};
use crate::domain::region::RegionCode;
use crate::i18n::Lang;
use crate::store::{Db, regions};

pub const REQUIRED: [&super::columns::Column; 2] = [&REGION_CODE, &REGION_NAME];

pub async fn import(
    db: &Db,
    path: &std::path::Path,
    lang: Lang,
) -> Result<ImportReport, TableError> {
    let mut table = Table::open(path, &REQUIRED, &[], lang)?;
    let mut report = ImportReport::default();
    let mut rows: Vec<(u64, RegionCode, String)> = vec![];
    table.for_each(|row| {
        let row = match row {
            Ok(row) => row,
            Err(e) => return report.reject(e.line, e.reason()),
        };
        let mut problems = vec![];
        let code = match row.get("kode") {
            None => {
                problems.push(Reason::new("import-reason-missing-code"));
                None
            }
            Some(code) => {
                let parsed = RegionCode::parse(code).ok();
                if parsed.is_none() {
                    problems.push(
                        Reason::new("import-reason-bad-region-code").arg("code", shown(code)),
                    );
                }
                parsed
            }
        };
        let name = row.get("nama");
        if name.is_none() {
            problems.push(Reason::new("import-reason-missing-name"));
        }
        match (code, name) {
            (Some(code), Some(name)) => rows.push((row.line, code, name.to_string())),
            _ => report.reject_all(row.line, problems),
        }
    })?;
    report.notes = table.notes();
    // Parents before children, whatever the file's order.
    rows.sort_by_key(|(_, c, _)| c.level().depth());
    for (line, code, name) in rows {
        if let Some(parent) = code.parent()
            && regions::get(db, parent.as_str())
                .await
                .ok()
                .flatten()
                .is_none()
        {
            let reason =
                Reason::new("import-reason-unknown-parent").arg("code", parent.to_string());
            report.reject(line, reason);
            continue;
        }
        match regions::upsert(db, &code, &name).await {
            Ok(regions::Upsert::Added) => report.added += 1,
            Ok(regions::Upsert::Updated) => report.updated += 1,
            Ok(regions::Upsert::Unchanged) => report.unchanged += 1,
            Err(e) => {
                tracing::error!(line, error = %e, "region row failed to store");
                report.reject(line, Reason::new("import-reason-store-failed"));
            }
        }
    }
    Ok(report)
}
