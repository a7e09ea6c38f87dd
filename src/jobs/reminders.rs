//! The daily reminder: at `KESOS_REMINDER_HOUR` (07:00 WIB by default) every worker with tasks
//! due today or overdue gets one summary. The outbox's dedupe key
//! `reminder:<worker>:<YYYY-MM-DD>` makes it once a day across restarts and instances.
//! The rules are in `domain::reminder`.

use crate::app::App;
use crate::domain::notice::{DueTask, Notice};
use crate::domain::reminder::{due_summary, reminder_day};
use crate::store::complaints::{self, Deadlines};
use crate::store::seal::{Place, Seal};
use crate::store::{Db, meta, outbox, tasks};
use chrono::{DateTime, NaiveDate, Utc};
use std::sync::Arc;
use std::time::Duration;

/// Queues the reminders due at `now`; returns how many were queued (0 on a second call the
/// same day).
pub async fn tick(
    db: &Db,
    seal: &Seal,
    now: DateTime<Utc>,
    hour: u32,
    deadlines: Deadlines,
) -> anyhow::Result<usize> {
    let Some(day) = reminder_day(now, hour) else {
        return Ok(0);
    };
    let day_s = day.format("%Y-%m-%d").to_string();
    if meta::get(db, "reminders_day").await?.as_deref() == Some(day_s.as_str()) {
        return Ok(0);
    }
    // Complaints past their resolution deadline go to Dinas Sosial first (once each).
    let calendar = complaints::calendar(db).await?;
    let escalated = complaints::sweep(db, day, &calendar, deadlines).await?;
    if escalated > 0 {
        tracing::warn!(
            escalated,
            "complaints past their resolution deadline; Dinas Sosial told"
        );
    }
    let late = complaints::overdue_by_worker(db, day, &calendar, deadlines).await?;
    // Workers with due tasks, and those with only overdue complaints.
    let mut due: Vec<(i64, i64, i64, i64)> = tasks::due_by_worker(db, &day_s)
        .await?
        .into_iter()
        .map(|w| {
            let d = due_summary(w.due.iter().map(|(s, n)| (s.as_str(), *n)), day);
            (w.worker, w.chat, d.today, d.overdue)
        })
        .collect();
    let only_complaints: Vec<i64> = late
        .keys()
        .filter(|w| !due.iter().any(|d| d.0 == **w))
        .copied()
        .collect();
    let mut conn = db.pool.acquire().await?;
    for (worker, chat) in crate::store::workers::contacts(&mut conn, &only_complaints).await? {
        due.push((worker, chat, 0, 0));
    }
    drop(conn);
    let mut queued = 0;
    for (worker, chat, today, overdue) in due {
        let complaints = late.get(&worker).copied().unwrap_or(0);
        if today + overdue + complaints == 0 {
            continue;
        }
        let urgent = if today + overdue > 0 {
            let list = urgent(db, worker, day).await?;
            let json = serde_json::to_string(&list)?;
            Some(seal.seal_str(Place::Outbox, &json))
        } else {
            None
        };
        let notice = Notice::Reminder {
            today,
            overdue,
            complaints,
            tasks: urgent,
        };
        let key = format!("reminder:{worker}:{day_s}");
        if outbox::enqueue(&db.pool, chat, &notice, Some(&key)).await? {
            queued += 1;
        }
    }
    meta::set(db, "reminders_day", &day_s).await?;
    Ok(queued)
}

/// How many tasks a reminder names (the rest are counted).
pub const NAMED: usize = 3;

/// A worker's most urgent open tasks due by `day` (complaints have their own line), each with
/// the household it is about.
async fn urgent(db: &Db, worker: i64, day: NaiveDate) -> anyhow::Result<Vec<DueTask>> {
    let day = day.format("%Y-%m-%d").to_string();
    let mut out = vec![];
    for task in tasks::due_for(db, worker, &day, NAMED as i64).await? {
        let subject = tasks::subject(db, &task).await?;
        out.push(DueTask {
            id: task.id,
            kind: task.kind,
            due: task.due(),
            label: tasks::label_of(&task.subject, subject.as_ref()),
        });
    }
    Ok(out)
}

/// Runs [`tick`] every minute until told to stop.
pub async fn run(app: Arc<App>, mut stop: tokio::sync::watch::Receiver<bool>) {
    loop {
        if *stop.borrow() {
            break;
        }
        let s = &app.settings;
        match tick(&app.db, &app.seal, Utc::now(), s.reminder_hour, s.deadlines).await {
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
