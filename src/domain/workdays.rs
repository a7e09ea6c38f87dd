//! Working days (hari kerja): Monday to Friday in WIB, minus the public holidays an operator
//! loads (`kesos-bot import libur`). Complaint deadlines are counted in them.

use chrono::{Datelike, Duration, NaiveDate, Weekday};
use std::collections::HashSet;

/// The holidays known to the installation.
#[derive(Debug, Clone, Default)]
pub struct Calendar {
    holidays: HashSet<NaiveDate>,
}

impl Calendar {
    pub fn new(holidays: impl IntoIterator<Item = NaiveDate>) -> Calendar {
        Calendar {
            holidays: holidays.into_iter().collect(),
        }
    }

    pub fn is_working_day(&self, d: NaiveDate) -> bool {
        !matches!(d.weekday(), Weekday::Sat | Weekday::Sun) && !self.holidays.contains(&d)
    }

    /// The `n`th working day after `from` (`from` itself does not count: a complaint filed on
    /// Monday with three working days is due on Thursday). `n = 0` is `from`.
    pub fn add(&self, from: NaiveDate, n: u32) -> NaiveDate {
        let mut d = from;
        let mut left = n;
        while left > 0 {
            d += Duration::days(1);
            if self.is_working_day(d) {
                left -= 1;
            }
        }
        d
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn weekends_do_not_count() {
        let c = Calendar::default();
        // Monday 30 November 2026 + 3 = Thursday; Thursday + 3 = next Tuesday.
        assert_eq!(c.add(d(2026, 11, 30), 3), d(2026, 12, 3));
        assert_eq!(c.add(d(2026, 12, 3), 3), d(2026, 12, 8));
        // Filed on a Saturday: Monday is the first working day.
        assert_eq!(c.add(d(2026, 12, 5), 1), d(2026, 12, 7));
        assert_eq!(c.add(d(2026, 11, 30), 10), d(2026, 12, 14));
        assert_eq!(c.add(d(2026, 11, 30), 0), d(2026, 11, 30));
    }

    #[test]
    fn a_holiday_on_a_due_day_moves_it_one_working_day() {
        let c = Calendar::new([d(2026, 12, 3)]);
        assert_eq!(c.add(d(2026, 11, 30), 3), d(2026, 12, 4));
        // A holiday on a Saturday changes nothing.
        let c = Calendar::new([d(2026, 12, 5)]);
        assert_eq!(c.add(d(2026, 12, 3), 2), d(2026, 12, 7));
        assert!(!c.is_working_day(d(2026, 12, 5)));
    }
}
