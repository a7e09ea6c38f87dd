//! The daily reminder: at `KESOS_REMINDER_HOUR` (07:00 WIB by default) every worker with tasks
//! due today or overdue gets one summary. The outbox's dedupe key
//! `reminder:<worker>:<YYYY-MM-DD>` makes it once a day across restarts and instances.

use crate::app::App;
use crate::i18n::{Lang, targs, wib};
use crate::store::workers::OPEN;
use crate::store::{Db, outbox};
use chrono::{DateTime, NaiveDate, Timelike, Utc};
use sqlx::AssertSqlSafe;
use std::collections::BTreeMap;
use std::sync::Arc;
use std::time::Duration;

/// The WIB day whose reminders are due at `now`, once the hour has come.
pub fn reminder_day(now: DateTime<Utc>, hour: u32) -> Option<NaiveDate> {
    let local = now.with_timezone(&wib());
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

/// A worker's chat, language, and (due date, open tasks) pairs.
type Recipient = (i64, Lang, Vec<(String, i64)>);

/// Queues the reminders due at `now`; returns how many were queued (0 on a second call the
/// same day).
pub async fn tick(db: &Db, now: DateTime<Utc>, hour: u32) -> anyhow::Result<usize> {
    let Some(day) = reminder_day(now, hour) else {
        return Ok(0);
    };
    let day_s = day.format("%Y-%m-%d").to_string();
    let mark: Option<(String,)> =
        sqlx::query_as("SELECT value FROM meta WHERE key = 'reminders_day'")
            .fetch_optional(&db.pool)
            .await?;
    if mark.is_some_and(|(v,)| v == day_s) {
        return Ok(0);
    }
    let rows: Vec<(i64, i64, Option<String>, String, i64)> =
        sqlx::query_as(AssertSqlSafe(format!(
            "SELECT w.id, u.chat_id, u.language, t.due_date, COUNT(*)
         FROM tasks t JOIN workers w ON w.id = t.assignee JOIN users u ON u.tg_id = w.tg_id
         WHERE w.active = 1 AND t.status IN {OPEN} AND t.due_date IS NOT NULL AND t.due_date <= $1
         GROUP BY w.id, u.chat_id, u.language, t.due_date ORDER BY w.id"
        )))
        .bind(&day_s)
        .fetch_all(&db.pool)
        .await?;
    let mut per_worker: BTreeMap<i64, Recipient> = BTreeMap::new();
    for (worker, chat, lang, due, n) in rows {
        let lang = lang.as_deref().map(Lang::from_code).unwrap_or_default();
        per_worker
            .entry(worker)
            .or_insert((chat, lang, vec![]))
            .2
            .push((due, n));
    }
    let mut queued = 0;
    for (worker, (chat, lang, dues)) in per_worker {
        let d = due_summary(dues.iter().map(|(s, n)| (s.as_str(), *n)), day);
        if d.today + d.overdue == 0 {
            continue;
        }
        let body = targs(
            lang,
            "reminder-body",
            &[("today", d.today.into()), ("overdue", d.overdue.into())],
        );
        let key = format!("reminder:{worker}:{day_s}");
        if outbox::enqueue(&db.pool, chat, &body, None, Some(&key)).await? {
            queued += 1;
        }
    }
    sqlx::query(
        "INSERT INTO meta (key, value) VALUES ('reminders_day', $1)
         ON CONFLICT (key) DO UPDATE SET value = $1",
    )
    .bind(&day_s)
    .execute(&db.pool)
    .await?;
    Ok(queued)
}

/// Runs [`tick`] every minute until told to stop.
pub async fn run(app: Arc<App>, mut stop: tokio::sync::watch::Receiver<bool>) {
    loop {
        if *stop.borrow() {
            break;
        }
        match tick(&app.db, Utc::now(), app.settings.reminder_hour).await {
            Ok(n) if n > 0 => {
                tracing::info!(reminders = n, "daily reminders queued");
                app.outbox_ready.notify_one();
            }
            Ok(_) => {}
            Err(e) => tracing::error!(error = %e, "cannot queue the daily reminders"),
        }
        tokio::select! {
            _ = stop.changed() => {}
            _ = tokio::time::sleep(Duration::from_secs(60)) => {}
        }
    }
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
