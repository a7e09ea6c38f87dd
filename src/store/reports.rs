//! What the reports read and the report imports write: official quotas (`quotas`) and
//! distributions (`distributions`: per household, program and year, the months with a record
//! and the months received, as bits; bit 0 is January).

use super::Db;
use super::regions::Upsert;
use std::collections::HashMap;

pub use crate::domain::period::Month;

/// Adds or changes one quota.
pub async fn upsert_quota(
    db: &Db,
    area: &str,
    program: &str,
    period: &str,
    quota: i64,
) -> sqlx::Result<Upsert> {
    let old: Option<(i64,)> =
        sqlx::query_as("SELECT quota FROM quotas WHERE area = $1 AND program = $2 AND period = $3")
            .bind(area)
            .bind(program)
            .bind(period)
            .fetch_optional(&db.pool)
            .await?;
    match old {
        Some((q,)) if q == quota => Ok(Upsert::Unchanged),
        Some(_) => {
            sqlx::query(
                "UPDATE quotas SET quota = $4 WHERE area = $1 AND program = $2 AND period = $3",
            )
            .bind(area)
            .bind(program)
            .bind(period)
            .bind(quota)
            .execute(&db.pool)
            .await?;
            Ok(Upsert::Updated)
        }
        None => {
            sqlx::query(
                "INSERT INTO quotas (area, program, period, quota) VALUES ($1, $2, $3, $4)",
            )
            .bind(area)
            .bind(program)
            .bind(period)
            .bind(quota)
            .execute(&db.pool)
            .await?;
            Ok(Upsert::Added)
        }
    }
}

/// One household's record for a program and year.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Bits {
    /// Months received.
    pub months: u16,
    /// Months with a record (received or not).
    pub known: u16,
}

/// The stored records of `program` for `years`, by (household, year).
pub async fn distributions_of(
    db: &Db,
    program: &str,
    years: &[i32],
) -> sqlx::Result<HashMap<(i64, i32), Bits>> {
    let mut out = HashMap::new();
    for year in years {
        let rows: Vec<(i64, i64, i64)> = sqlx::query_as(
            "SELECT household_id, months, known FROM distributions WHERE program = $1 AND year = $2",
        )
        .bind(program)
        .bind(i64::from(*year))
        .fetch_all(&db.pool)
        .await?;
        for (h, months, known) in rows {
            out.insert(
                (h, *year),
                Bits {
                    months: months as u16,
                    known: known as u16,
                },
            );
        }
    }
    Ok(out)
}

/// A record to write.
#[derive(Debug, Clone)]
pub struct Record {
    pub household: i64,
    pub year: i32,
    pub bits: Bits,
    pub area: String,
}

/// Writes records, program by program (each replacing the stored one), in one transaction.
pub async fn write_all(db: &Db, writes: &[(String, Vec<Record>)]) -> sqlx::Result<()> {
    let mut tx = db.begin_write().await?;
    for (program, records) in writes {
        write_in(&mut tx, program, records).await?;
        let mut years: Vec<i32> = records.iter().map(|r| r.year).collect();
        years.sort_unstable();
        years.dedup();
        for year in years {
            summarise(&mut tx, program, year).await?;
        }
    }
    tx.commit().await
}

/// Rebuilds `distribution_summary` for a program and year (one scan of its records).
async fn summarise(conn: &mut sqlx::AnyConnection, program: &str, year: i32) -> sqlx::Result<()> {
    sqlx::query("DELETE FROM distribution_summary WHERE program = $1 AND year = $2")
        .bind(program)
        .bind(i64::from(year))
        .execute(&mut *conn)
        .await?;
    sqlx::query(
        "INSERT INTO distribution_summary (program, year, area, months, known, households)
         SELECT program, year, area, months, known, COUNT(*) FROM distributions
         WHERE program = $1 AND year = $2 GROUP BY program, year, area, months, known",
    )
    .bind(program)
    .bind(i64::from(year))
    .execute(&mut *conn)
    .await?;
    Ok(())
}

async fn write_in(
    conn: &mut sqlx::AnyConnection,
    program: &str,
    records: &[Record],
) -> sqlx::Result<()> {
    for chunk in records.chunks(400) {
        let mut sql = String::from(
            "INSERT INTO distributions (household_id, program, year, months, known, area) VALUES ",
        );
        for i in 0..chunk.len() {
            let b = i * 6;
            if i > 0 {
                sql.push(',');
            }
            sql.push_str(&format!(
                "(${}, ${}, ${}, ${}, ${}, ${})",
                b + 1,
                b + 2,
                b + 3,
                b + 4,
                b + 5,
                b + 6
            ));
        }
        sql.push_str(
            " ON CONFLICT (household_id, program, year) DO UPDATE SET months = excluded.months,
              known = excluded.known, area = excluded.area",
        );
        let mut q = sqlx::query(sqlx::AssertSqlSafe(sql));
        for r in chunk {
            q = q
                .bind(r.household)
                .bind(program)
                .bind(i64::from(r.year))
                .bind(i64::from(r.bits.months))
                .bind(i64::from(r.bits.known))
                .bind(&r.area);
        }
        q.execute(&mut *conn).await?;
    }
    Ok(())
}

/// The bits of `year` that lie in `from..=to`.
pub fn mask_of(year: i32, from: Month, to: Month) -> u16 {
    let mut mask = 0u16;
    for m in 1..=12u32 {
        if (year, m) >= from && (year, m) <= to {
            mask |= 1 << (m - 1);
        }
    }
    mask
}

/// Per desa/kelurahan inside `area` (or everywhere), the KPM households of `program` that
/// received at least once in `from..=to`.
pub async fn realisasi(
    db: &Db,
    program: &str,
    (from, to): (Month, Month),
    area: Option<&str>,
) -> sqlx::Result<HashMap<String, i64>> {
    let years: Vec<i32> = (from.0..=to.0).collect();
    let (lo, hi) = range_of(area);
    if let [year] = years.as_slice() {
        // Within one year a household is one record: the summary counts them.
        let within = match area {
            Some(_) => "AND (area = $3 OR area LIKE $4)",
            None => "AND $3 = $4",
        };
        let rows: Vec<(String, i64)> = sqlx::query_as(sqlx::AssertSqlSafe(format!(
            "SELECT area, CAST(SUM(households) AS BIGINT) FROM distribution_summary
             WHERE program = $1 AND year = $2 AND (months & {}) <> 0 {within} GROUP BY area",
            mask_of(*year, from, to)
        )))
        .bind(program)
        .bind(i64::from(*year))
        .bind(&lo)
        .bind(&hi)
        .fetch_all(&db.pool)
        .await?;
        return Ok(rows.into_iter().collect());
    }
    let mut conds = Vec::new();
    for y in &years {
        conds.push(format!(
            "(year = {y} AND (months & {}) <> 0)",
            mask_of(*y, from, to)
        ));
    }
    let within = match area {
        Some(_) => "AND (area = $2 OR area LIKE $3)",
        None => "AND $2 = $3",
    };
    // Within one year a household has one row: a plain count. Across years, distinct.
    let count = if years.len() == 1 {
        "COUNT(*)"
    } else {
        "COUNT(DISTINCT household_id)"
    };
    let sql = format!(
        "SELECT area, {count} FROM distributions WHERE program = $1 {within} AND ({})
         GROUP BY area",
        conds.join(" OR ")
    );
    let rows: Vec<(String, i64)> = sqlx::query_as(sqlx::AssertSqlSafe(sql))
        .bind(program)
        .bind(lo)
        .bind(hi)
        .fetch_all(&db.pool)
        .await?;
    Ok(rows.into_iter().collect())
}

/// The area and the `LIKE` pattern of what lies inside it (`= area OR LIKE 'area.%'`, the rule
/// of `domain::region::contains`). Not a range on the text: a database whose collation ignores
/// punctuation would not sort `'.'` before `'/'`. Everywhere: two empty strings, which the
/// query's `$2 = $3` reads as "no filter".
fn range_of(area: Option<&str>) -> (String, String) {
    match area {
        Some(a) => (a.to_string(), super::regions::inside(a)),
        None => (String::new(), String::new()),
    }
}

/// Month by month in `from..=to`, the households of `program` inside `area` that received,
/// from the summary (households by mask), the months counted here.
pub async fn monthly(
    db: &Db,
    program: &str,
    (from, to): (Month, Month),
    area: Option<&str>,
) -> sqlx::Result<Vec<(Month, i64)>> {
    let mut out = Vec::new();
    let (lo, hi) = range_of(area);
    let within = match area {
        Some(_) => "AND (area = $3 OR area LIKE $4)",
        None => "AND $3 = $4",
    };
    for year in from.0..=to.0 {
        let mask = mask_of(year, from, to);
        let groups: Vec<(i64, i64)> = sqlx::query_as(sqlx::AssertSqlSafe(format!(
            "SELECT months, CAST(SUM(households) AS BIGINT) FROM distribution_summary
             WHERE program = $1 AND year = $2 {within} GROUP BY months"
        )))
        .bind(program)
        .bind(i64::from(year))
        .bind(&lo)
        .bind(&hi)
        .fetch_all(&db.pool)
        .await?;
        for m in 1..=12u32 {
            let bit = 1i64 << (m - 1);
            if i64::from(mask) & bit == 0 {
                continue;
            }
            let n = groups.iter().filter(|g| g.0 & bit != 0).map(|g| g.1).sum();
            out.push(((year, m), n));
        }
    }
    Ok(out)
}

/// The quotas of `program` for a period: per area (kelurahan, desa or kecamatan), the yearly
/// quota of the period's first year when there is one, else the largest monthly quota inside
/// the period.
pub async fn quotas(
    db: &Db,
    program: &str,
    (from, to): (Month, Month),
) -> sqlx::Result<HashMap<String, i64>> {
    let rows: Vec<(String, String, i64)> =
        sqlx::query_as("SELECT area, period, quota FROM quotas WHERE program = $1")
            .bind(program)
            .fetch_all(&db.pool)
            .await?;
    let year = from.0.to_string();
    let mut yearly = HashMap::new();
    let mut monthly: HashMap<String, i64> = HashMap::new();
    for (area, period, quota) in rows {
        if period == year {
            yearly.insert(area, quota);
        } else if let Some(m) = crate::domain::period::parse_month(&period)
            && m >= from
            && m <= to
        {
            let e = monthly.entry(area).or_insert(0);
            *e = (*e).max(quota);
        }
    }
    for (area, q) in monthly {
        yearly.entry(area).or_insert(q);
    }
    Ok(yearly)
}

/// The latest period of `program` with records inside `area`: the first to the last month with
/// a record in the latest year that has any.
pub async fn latest_period(
    db: &Db,
    program: &str,
    area: Option<&str>,
) -> sqlx::Result<Option<(Month, Month)>> {
    let (lo, hi) = range_of(area);
    let within = match area {
        Some(_) => "AND (area = $2 OR area LIKE $3)",
        None => "AND $2 = $3",
    };
    let (year,): (Option<i64>,) = sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "SELECT MAX(year) FROM distribution_summary WHERE program = $1 {within}"
    )))
    .bind(program)
    .bind(&lo)
    .bind(&hi)
    .fetch_one(&db.pool)
    .await?;
    let Some(year) = year else { return Ok(None) };
    let masks: Vec<(i64,)> = sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "SELECT known FROM distribution_summary WHERE program = $1 AND year = $4 {within}
         GROUP BY known"
    )))
    .bind(program)
    .bind(&lo)
    .bind(&hi)
    .bind(year)
    .fetch_all(&db.pool)
    .await?;
    let known = masks.iter().fold(0i64, |acc, m| acc | m.0);
    let months: Vec<u32> = (1..=12u32)
        .filter(|m| known & (1 << (m - 1)) != 0)
        .collect();
    let y = year as i32;
    Ok(match (months.first(), months.last()) {
        (Some(f), Some(l)) => Some(((y, *f), (y, *l))),
        _ => None,
    })
}

/// What the four effectiveness indicators are computed from, inside an area.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Indicators {
    /// Re-verification visits, and those that found the household still eligible, and those
    /// that found it now able (graduated).
    pub reverified: i64,
    pub still_eligible: i64,
    pub graduated: i64,
    /// Proposals verified by a visit, and those found eligible.
    pub proposals_verified: i64,
    pub proposals_eligible: i64,
    /// Broadcast deliveries to the area: queued or out, sent, read.
    pub notices: i64,
    pub notices_sent: i64,
    pub notices_read: i64,
    /// Complaints resolved, those within their deadline, and the median days to resolve.
    pub complaints_resolved: i64,
    pub complaints_in_time: i64,
    pub median_days: Option<f64>,
    /// The latest re-verification cycle: done and total; open tasks past their due date.
    pub cycle_done: i64,
    pub cycle_total: i64,
    pub overdue_tasks: i64,
}

/// Computes the indicators' data inside `area` on `today`.
pub async fn indicators(
    db: &Db,
    area: &str,
    today: chrono::NaiveDate,
    (deadlines, calendar): (
        super::complaints::Deadlines,
        &crate::domain::workdays::Calendar,
    ),
) -> sqlx::Result<Indicators> {
    use crate::domain::task::{TaskKind, VisitResult};
    let like = super::regions::inside(area);
    let mut out = Indicators::default();
    let visits: Vec<(String, String)> = sqlx::query_as(
        "SELECT t.kind, v.result FROM visits v JOIN tasks t ON t.id = v.task_id
         WHERE t.area = $1 OR t.area LIKE $2",
    )
    .bind(area)
    .bind(&like)
    .fetch_all(&db.pool)
    .await?;
    for (kind, result) in visits {
        if kind == TaskKind::ReverifyKpm.code() {
            out.reverified += 1;
            out.still_eligible += i64::from(result == VisitResult::FoundEligible.code());
            out.graduated += i64::from(result == VisitResult::FoundAble.code());
        }
    }
    let proposals: Vec<(String,)> =
        sqlx::query_as("SELECT status FROM proposals WHERE kelurahan = $1 OR kelurahan LIKE $2")
            .bind(area)
            .bind(&like)
            .fetch_all(&db.pool)
            .await?;
    for (status,) in proposals {
        if matches!(
            status.as_str(),
            "eligible" | "not_eligible" | "not_found" | "duplicate"
        ) {
            out.proposals_verified += 1;
            out.proposals_eligible += i64::from(status == "eligible");
        }
    }
    // Broadcasts whose audience lies in the area.
    let all: Vec<(i64, String)> = sqlx::query_as("SELECT id, audience FROM broadcasts")
        .fetch_all(&db.pool)
        .await?;
    let ids: Vec<i64> = all
        .into_iter()
        .filter(|(_, a)| {
            crate::domain::broadcast::Audience::parse(a)
                .ok()
                .and_then(|a| {
                    a.area()
                        .map(|c| crate::domain::region::contains(area, c.as_str()))
                })
                .unwrap_or(false)
        })
        .map(|(id, _)| id)
        .collect();
    for c in super::broadcasts::counts(db, &ids).await?.values() {
        out.notices += c.total() - c.cancelled;
        out.notices_sent += c.sent;
        out.notices_read += c.read;
    }
    let complaints: Vec<(String, i64, Option<i64>)> = sqlx::query_as(
        "SELECT filed_on, created_at, resolved_at FROM complaints
         WHERE status = 'resolved' AND (area = $1 OR area LIKE $2)",
    )
    .bind(area)
    .bind(&like)
    .fetch_all(&db.pool)
    .await?;
    let mut days: Vec<f64> = Vec::new();
    for (filed_on, created, resolved) in complaints {
        let Some(resolved) = resolved else { continue };
        out.complaints_resolved += 1;
        let filed = chrono::NaiveDate::parse_from_str(&filed_on, "%Y-%m-%d").unwrap_or(today);
        let due = deadlines.of(calendar, filed).1;
        let on = crate::i18n::to_wib(resolved).date_naive();
        out.complaints_in_time += i64::from(on <= due);
        days.push((resolved - created) as f64 / 86400.0);
    }
    days.sort_by(|a, b| a.total_cmp(b));
    out.median_days = match days.len() {
        0 => None,
        n if n % 2 == 1 => Some(days[n / 2]),
        n => Some((days[n / 2 - 1] + days[n / 2]) / 2.0),
    };
    if let Some(period) = super::cycles::latest_period(db, area).await? {
        let p = super::cycles::progress(db, area, &period, 4, today).await?;
        out.cycle_done = p.done;
        out.cycle_total = p.total;
    }
    let open = &*super::tasks::OPEN;
    let (overdue,): (i64,) = sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "SELECT COUNT(*) FROM tasks WHERE status IN {open} AND due_date < $3
         AND (area = $1 OR area LIKE $2)"
    )))
    .bind(area)
    .bind(&like)
    .bind(today.format("%Y-%m-%d").to_string())
    .fetch_one(&db.pool)
    .await?;
    out.overdue_tasks = overdue;
    Ok(out)
}

/// One KPM member for `export kpm`.
#[derive(Debug, Clone)]
pub struct KpmRow {
    pub household: i64,
    pub kk_masked: String,
    pub nik_masked: String,
    pub name: String,
    pub area: String,
    pub area_name: String,
    pub programs: Vec<String>,
    pub active: Vec<String>,
    pub kks: Option<String>,
    /// `YYYY-MM` of the last month received (penyaluran, or the KPM file's own column).
    pub last_received: Option<String>,
}

/// Every KPM member with their household's programs and last month received. The DTKS
/// extract names no head of household, so every member is listed with their household.
pub async fn kpm_rows(db: &Db) -> sqlx::Result<Vec<KpmRow>> {
    use std::collections::BTreeMap;
    /// household, program, active, KKS status, last received
    type ProgramRow = (i64, String, i64, Option<String>, Option<String>);
    /// programs, active ones, KKS status, last month received
    type Summary = (Vec<String>, Vec<String>, Option<String>, Option<String>);
    let programs: Vec<ProgramRow> = sqlx::query_as(
        "SELECT household_id, program, active, kks_status, last_received FROM household_programs
         ORDER BY household_id, program",
    )
    .fetch_all(&db.pool)
    .await?;
    let mut by_household: BTreeMap<i64, Summary> = BTreeMap::new();
    for (h, p, active, kks, last) in programs {
        let e = by_household.entry(h).or_default();
        if active != 0 {
            e.1.push(p.clone());
        }
        e.0.push(p);
        if e.2.is_none() {
            e.2 = kks;
        }
        e.3 = e.3.clone().max(last);
    }
    let received: Vec<(i64, i64, i64)> =
        sqlx::query_as("SELECT household_id, year, months FROM distributions WHERE months <> 0")
            .fetch_all(&db.pool)
            .await?;
    for (h, year, months) in received {
        let month = 16 - (months as u16).leading_zeros() as i64;
        let last = format!("{year}-{month:02}");
        let e = by_household.entry(h).or_default();
        e.3 = e.3.clone().max(Some(last));
    }
    let members: Vec<(i64, String, String, String, String, Option<String>)> = sqlx::query_as(
        "SELECT m.household_id, h.kk_masked, m.nik_masked, m.name, h.kelurahan, w.name
         FROM members m JOIN households h ON h.id = m.household_id
         LEFT JOIN wilayah w ON w.code = h.kelurahan ORDER BY m.household_id, m.nik_masked",
    )
    .fetch_all(&db.pool)
    .await?;
    Ok(members
        .into_iter()
        .map(|(h, kk, nik, name, area, area_name)| {
            let (programs, active, kks, last) = by_household.get(&h).cloned().unwrap_or_default();
            KpmRow {
                household: h,
                kk_masked: kk,
                nik_masked: nik,
                name,
                area,
                area_name: area_name.unwrap_or_default(),
                programs,
                active,
                kks,
                last_received: last,
            }
        })
        .collect())
}
