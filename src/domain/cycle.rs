//! Re-verification cycles (verivali) as rules: which two-month block a day falls in, and how a
//! cycle's households are spread over the PSM of each kelurahan. The store applies them.

use chrono::{Datelike, NaiveDate};
use std::collections::HashMap;

/// The cycle a date falls in: two-month blocks January–February, March–April, …; named by the
/// first month, `YYYY-MM`.
pub fn period_of(d: NaiveDate) -> String {
    let m = if d.month().is_multiple_of(2) {
        d.month() - 1
    } else {
        d.month()
    };
    format!("{:04}-{:02}", d.year(), m)
}

/// Parses `YYYY-MM` (any month of the block) into the cycle's name and its last day.
pub fn parse_period(s: &str) -> Option<(String, NaiveDate)> {
    let first = NaiveDate::parse_from_str(&format!("{}-01", s.trim()), "%Y-%m-%d").ok()?;
    let period = period_of(first);
    let start = NaiveDate::parse_from_str(&format!("{period}-01"), "%Y-%m-%d").ok()?;
    let after = if start.month() >= 11 {
        NaiveDate::from_ymd_opt(start.year() + 1, start.month() + 2 - 12, 1)?
    } else {
        NaiveDate::from_ymd_opt(start.year(), start.month() + 2, 1)?
    };
    Some((period, after.pred_opt()?))
}

/// Assigns each household to the PSM of its kelurahan with the fewest tasks in this cycle so
/// far (ties: lowest worker id); `None` where the kelurahan has no PSM. Pure, for testing.
pub fn spread(
    households: &[(i64, String)],
    mut loads: HashMap<String, Vec<(i64, i64)>>,
) -> Vec<(i64, String, Option<i64>)> {
    households
        .iter()
        .map(|(id, kel)| {
            let pick = loads.get_mut(kel).and_then(|psm| {
                let best = psm
                    .iter_mut()
                    .min_by_key(|(worker, load)| (*load, *worker))?;
                best.1 += 1;
                Some(best.0)
            });
            (*id, kel.clone(), pick)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cycles_are_two_month_blocks_ending_on_the_last_day() {
        let d = |s: &str| NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap();
        assert_eq!(period_of(d("2026-11-28")), "2026-11");
        assert_eq!(period_of(d("2026-12-01")), "2026-11");
        assert_eq!(
            parse_period("2026-12"),
            Some(("2026-11".into(), d("2026-12-31")))
        );
        assert_eq!(
            parse_period("2028-01"),
            Some(("2028-01".into(), d("2028-02-29")))
        );
        assert_eq!(parse_period("2026-13"), None);
        assert_eq!(parse_period("nonsense"), None);
    }

    #[test]
    fn households_are_spread_evenly_among_each_kelurahans_psm() {
        let hh: Vec<(i64, String)> = (1..=7)
            .map(|i| (i, "A".to_string()))
            .chain([(8, "B".to_string())])
            .collect();
        let loads = HashMap::from([("A".to_string(), vec![(10, 0), (11, 0), (12, 1)])]);
        let plan = spread(&hh, loads);
        let count = |w| plan.iter().filter(|p| p.2 == Some(w)).count();
        // 7 new + 1 already held = 8 over three PSM: 3, 3, 2 counting the earlier task.
        assert_eq!((count(10), count(11), count(12)), (3, 3, 1));
        assert_eq!(plan[7].2, None, "kelurahan B has no PSM");
    }
}
