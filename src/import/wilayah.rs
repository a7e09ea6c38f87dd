//! `kesos-bot import wilayah FILE`: regions by Kemendagri code (`kode`, `nama`).

use super::ImportReport;
use super::table::{Table, TableError};
use crate::domain::region::RegionCode;
use crate::i18n::{Lang, t, targs};
use crate::store::{Db, regions};

pub async fn import(
    db: &Db,
    path: &std::path::Path,
    lang: Lang,
) -> Result<ImportReport, TableError> {
    let table = Table::open(path, &["kode", "nama"], &[], lang)?;
    let mut report = ImportReport::default();
    let mut rows: Vec<(u64, RegionCode, String)> = vec![];
    table.for_each(|row| match row {
        Err(e) => report.reject(e.line, e.reason(lang)),
        Ok(row) => match (row.get("kode"), row.get("nama")) {
            (None, _) => report.reject(row.line, t(lang, "import-reason-missing-code")),
            (_, None) => report.reject(row.line, t(lang, "import-reason-missing-name")),
            (Some(code), Some(name)) => match RegionCode::parse(code) {
                Ok(c) => rows.push((row.line, c, name.to_string())),
                Err(_) => report.reject(
                    row.line,
                    targs(
                        lang,
                        "import-reason-bad-region-code",
                        &[("code", code.to_string().into())],
                    ),
                ),
            },
        },
    })?;
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
            report.reject(
                line,
                targs(
                    lang,
                    "import-reason-unknown-parent",
                    &[("code", parent.to_string().into())],
                ),
            );
            continue;
        }
        match regions::upsert(db, &code, &name).await {
            Ok(regions::Upsert::Added) => report.added += 1,
            Ok(regions::Upsert::Updated) => report.updated += 1,
            Ok(regions::Upsert::Unchanged) => report.unchanged += 1,
            Err(e) => {
                tracing::error!(line, error = %e, "region row failed to store");
                report.reject(line, t(lang, "import-reason-store-failed"));
            }
        }
    }
    report.rejected.sort_by_key(|r| r.line);
    Ok(report)
}
