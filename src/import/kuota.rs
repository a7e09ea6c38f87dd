//! `kesos-bot import kuota FILE`: official quotas (`kelurahan`, `program`, `periode` `YYYY` or
//! `YYYY-MM`, `kuota`). The `kelurahan` column may name a kecamatan instead: that row is the
//! kecamatan's official total, which the report compares with the sum of its kelurahan.

use super::columns::{Column, PROGRAM, QUOTA, QUOTA_PERIOD, QUOTA_PLACE};
use super::table::{Table, TableError};
use super::{ImportReport, Reason, shown};
use crate::domain::period::parse_quota_period;
use crate::domain::region::Level;
use crate::i18n::Lang;
use crate::store::regions::{self, Upsert};
use crate::store::{Db, reports};

pub const REQUIRED: [&Column; 4] = [&QUOTA_PLACE, &PROGRAM, &QUOTA_PERIOD, &QUOTA];

pub async fn import(
    db: &Db,
    path: &std::path::Path,
    lang: Lang,
) -> Result<ImportReport, TableError> {
    let mut table = Table::open(path, &REQUIRED, &[], lang)?;
    let programs = super::program_codes(db).await;
    let mut report = ImportReport::default();
    let mut rows: Vec<(u64, String, String, String, i64)> = vec![];
    table.for_each(|row| {
        let row = match row {
            Ok(row) => row,
            Err(e) => return report.reject(e.line, e.reason()),
        };
        let quoting = |key, value: &str| Reason::new(key).arg("value", shown(value));
        let mut problems = vec![];
        let place = row.get("kelurahan");
        if place.is_none() {
            problems.push(Reason::new("import-reason-kelurahan-missing"));
        }
        let program = match row.get("program") {
            None => {
                problems.push(Reason::new("import-reason-program-missing"));
                None
            }
            Some(p) => match super::values::program_index(&programs, p) {
                Some(i) => Some(programs[i as usize].clone()),
                None => {
                    problems.push(quoting("import-reason-unknown-program", p));
                    None
                }
            },
        };
        let period = row.get("periode").and_then(parse_quota_period);
        if period.is_none() {
            let v = row.get("periode").unwrap_or("");
            problems.push(quoting("import-reason-bad-quota-period", v));
        }
        let quota = row.get("kuota").and_then(parse_count).filter(|q| *q >= 0);
        if quota.is_none() {
            let v = row.get("kuota").unwrap_or("");
            problems.push(quoting("import-reason-bad-quota", v));
        }
        match (place, program, period, quota) {
            (Some(place), Some(program), Some(period), Some(quota)) => {
                rows.push((row.line, place.to_string(), program, period, quota))
            }
            _ => report.reject_all(row.line, problems),
        }
    })?;
    report.notes = table.notes();
    for (line, place, program, period, quota) in rows {
        let levels = [Level::Kelurahan, Level::Desa, Level::Kecamatan];
        let region = match regions::find(db, &place, &levels).await {
            Ok(Some(r)) => r,
            Ok(None) => {
                let reason =
                    Reason::new("import-reason-unknown-kelurahan").arg("value", shown(&place));
                report.reject(line, reason);
                continue;
            }
            Err(e) => {
                tracing::error!(line, error = %e, "quota row failed to store");
                report.reject(line, Reason::new("import-reason-store-failed"));
                continue;
            }
        };
        match reports::upsert_quota(db, &region.code, &program, &period, quota).await {
            Ok(Upsert::Added) => report.added += 1,
            Ok(Upsert::Updated) => report.updated += 1,
            Ok(Upsert::Unchanged) => report.unchanged += 1,
            Err(e) => {
                tracing::error!(line, error = %e, "quota row failed to store");
                report.reject(line, Reason::new("import-reason-store-failed"));
            }
        }
    }
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
