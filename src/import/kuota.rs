//! `kesos-bot import kuota FILE`: official quotas (`kelurahan`, `program`, `periode` `YYYY` or
//! `YYYY-MM`, `kuota`). The `kelurahan` column may name a kecamatan instead: that row is the
//! kecamatan's official total, which the report compares with the sum of its kelurahan.

use super::ImportReport;
use super::table::{Table, TableError};
use crate::domain::period::parse_quota_period;
use crate::domain::region::Level;
use crate::i18n::{Lang, t, targs};
use crate::store::regions::{self, Upsert};
use crate::store::{Db, reports};

pub async fn import(
    db: &Db,
    path: &std::path::Path,
    lang: Lang,
) -> Result<ImportReport, TableError> {
    let table = Table::open(
        path,
        &["kelurahan", "program", "periode", "kuota"],
        &[],
        lang,
    )?;
    let programs = super::program_codes(db).await;
    let mut report = ImportReport::default();
    let mut rows: Vec<(u64, String, String, String, i64)> = vec![];
    table.for_each(|row| match row {
        Err(e) => report.reject(e.line, e.reason(lang)),
        Ok(row) => {
            let cell = |c: &str| row.get(c).map(str::trim).filter(|v| !v.is_empty());
            let reason =
                |key: &str, value: &str| targs(lang, key, &[("value", super::shown(value).into())]);
            let Some(place) = cell("kelurahan") else {
                return report.reject(row.line, t(lang, "import-reason-kelurahan-missing"));
            };
            let program = match cell("program") {
                None => return report.reject(row.line, t(lang, "import-reason-program-missing")),
                Some(p) => match super::kpm::program_index(&programs, p) {
                    Some(i) => programs[i as usize].clone(),
                    None => {
                        return report.reject(row.line, reason("import-reason-unknown-program", p));
                    }
                },
            };
            let Some(period) = cell("periode").and_then(parse_quota_period) else {
                let v = cell("periode").unwrap_or("");
                return report.reject(row.line, reason("import-reason-bad-quota-period", v));
            };
            let quota = cell("kuota").and_then(parse_count);
            let Some(quota) = quota.filter(|q| *q >= 0) else {
                let v = cell("kuota").unwrap_or("");
                return report.reject(row.line, reason("import-reason-bad-quota", v));
            };
            rows.push((row.line, place.to_string(), program, period, quota));
        }
    })?;
    for (line, place, program, period, quota) in rows {
        let levels = [Level::Kelurahan, Level::Desa, Level::Kecamatan];
        let region = match regions::find(db, &place, &levels).await {
            Ok(Some(r)) => r,
            Ok(None) => {
                let v = super::shown(&place);
                report.reject(
                    line,
                    targs(
                        lang,
                        "import-reason-unknown-kelurahan",
                        &[("value", v.into())],
                    ),
                );
                continue;
            }
            Err(e) => {
                tracing::error!(line, error = %e, "quota row failed to store");
                report.reject(line, t(lang, "import-reason-store-failed"));
                continue;
            }
        };
        match reports::upsert_quota(db, &region.code, &program, &period, quota).await {
            Ok(Upsert::Added) => report.added += 1,
            Ok(Upsert::Updated) => report.updated += 1,
            Ok(Upsert::Unchanged) => report.unchanged += 1,
            Err(e) => {
                tracing::error!(line, error = %e, "quota row failed to store");
                report.reject(line, t(lang, "import-reason-store-failed"));
            }
        }
    }
    report.rejected.sort_by_key(|r| r.line);
    Ok(report)
}

/// A count as operators write it: `8220` or `8.220` (Indonesian thousands); `1325.0` or
/// `8.2` are not counts.
fn parse_count(s: &str) -> Option<i64> {
    let groups: Vec<&str> = s.split('.').collect();
    let grouped = groups.len() > 1
        && (1..=3).contains(&groups[0].len())
        && groups[1..].iter().all(|g| g.len() == 3);
    if groups.len() > 1 && !grouped {
        return None;
    }
    let digits: String = groups.concat();
    if digits.is_empty() || !digits.chars().all(|c| c.is_ascii_digit()) {
        return None;
    }
    digits.parse().ok()
}

#[cfg(test)]
mod tests {
    #[test]
    fn counts_read_as_operators_write_them() {
        use super::parse_count;
        assert_eq!(parse_count("8220"), Some(8220));
        assert_eq!(parse_count("8.220"), Some(8220));
        assert_eq!(parse_count("1.000.000"), Some(1_000_000));
        assert_eq!(parse_count("1325.0"), None);
        assert_eq!(parse_count("8.2"), None);
        assert_eq!(parse_count("-5"), None);
    }
}
