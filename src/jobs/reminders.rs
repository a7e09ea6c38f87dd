//! The daily reminder: at `KESOS_REMINDER_HOUR` (07:00 WIB by default) every worker with tasks
//! due today or overdue gets one summary. The outbox's dedupe key
//! `reminder:<worker>:<YYYY-MM-DD>` makes it once a day across restarts and instances.
//! The rules are in `domain::reminder`.

use crate::app::App;
use crate::domain::notice::Notice;
use crate::domain::reminder::{due_summary, reminder_day};
use crate::store::{Db, meta, outbox, tasks};
use chrono::{DateTime, Utc};
use std::sync::Arc;
use std::time::Duration;

/// Queues the reminders due at `now`; returns how many were queued (0 on a second call the
/// same day).
pub async fn tick(db: &Db, now: DateTime<Utc>, hour: u32) -> anyhow::Result<usize> {
    let Some(day) = reminder_day(now, hour) else {
        return Ok(0);
    };
    let day_s = day.format("%Y-%m-%d").to_string();
    if meta::get(db, "reminders_day").await?.as_deref() == Some(day_s.as_str()) {
        return Ok(0);
    }
    let mut queued = 0;
    for w in tasks::due_by_worker(db, &day_s).await? {
        let d = due_summary(w.due.iter().map(|(s, n)| (s.as_str(), *n)), day);
        if d.today + d.overdue == 0 {
            continue;
        }
        let notice = Notice::Reminder {
            today: d.today,
            overdue: d.overdue,
        };
        let key = format!("reminder:{}:{day_s}", w.worker);
        if outbox::enqueue(&db.pool, w.chat, &notice, Some(&key)).await? {
            queued += 1;
        }
    }
    meta::set(db, "reminders_day", &day_s).await?;
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
