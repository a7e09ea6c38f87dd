//! The daily reminder as rules: which WIB day's reminders are due, and how a worker's open tasks
//! sort into "due today" and "overdue".

use chrono::{DateTime, NaiveDate, Timelike, Utc};

/// The WIB day whose reminders are due at `now`, once the hour has come.
pub fn reminder_day(now: DateTime<Utc>, hour: u32) -> Option<NaiveDate> {
    let local = now.with_timezone(&super::wib());
    (local.hour() >= hour).then(|| local.date_naive())
}

/// One worker's summary: tasks due today and overdue.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Due {
    pub today: i64,
    pub overdue: i64,
}

/// Sorts open tasks' due dates (`YYYY-MM-DD`) into today and overdue; later dates, missing or
/// malformed ones are not due.
pub fn due_summary<'a>(
    due_dates: impl IntoIterator<Item = (&'a str, i64)>,
    today: NaiveDate,
) -> Due {
    let mut d = Due::default();
    for (date, count) in due_dates {
        match NaiveDate::parse_from_str(date, "%Y-%m-%d") {
            Ok(x) if x == today => d.today += count,
            Ok(x) if x < today => d.overdue += count,
            _ => {}
        }
    }
    d
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn the_reminder_day_starts_at_the_hour_in_wib() {
        // 23:30 UTC is 06:30 WIB the next day: not yet.
        let early = Utc.with_ymd_and_hms(2026, 11, 27, 23, 30, 0).unwrap();
        assert_eq!(reminder_day(early, 7), None);
        // 00:00 UTC is 07:00 WIB.
        let seven = Utc.with_ymd_and_hms(2026, 11, 28, 0, 0, 0).unwrap();
        assert_eq!(
            reminder_day(seven, 7),
            NaiveDate::from_ymd_opt(2026, 11, 28)
        );
    }

    #[test]
    fn due_today_and_overdue_are_counted_apart() {
        let today = NaiveDate::from_ymd_opt(2026, 11, 28).unwrap();
        let d = due_summary(
            [
                ("2026-11-28", 2),
                ("2026-11-01", 3),
                ("2026-12-31", 9),
                ("bad", 1),
            ],
            today,
        );
        assert_eq!(
            d,
            Due {
                today: 2,
                overdue: 3
            }
        );
    }
}
