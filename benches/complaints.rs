//! Complaint figures, printed (a bench, not a timed test):
//! - the daily deadline sweep over `KESOS_BENCH_COMPLAINTS` open complaints (default 100,000):
//!   a day when none is late (the scan), and a day when a tenth is past its resolution deadline
//!   (those escalated, Dinas Sosial told); and the reminders' count of overdue complaints per
//!   worker over the same;
//! - `/status` for a resident with 50 complaints: p50/p99 of the store queries it makes (the
//!   list, one by ticket, its history).
//!
//! Run: `cargo bench --bench complaints` (set `KESOS_TEST_POSTGRES_URL` to also measure
//! PostgreSQL).

use chrono::{Duration as Days, NaiveDate};
use kesos_bot::store::complaints::{self, Deadlines};
use kesos_bot::store::{Db, secret};
use std::time::{Duration, Instant};

const KULON: &str = "32.15.01.1001";

/// `n` open complaints filed over the 30 days before `today` (the last tenth older, so that
/// they are past the resolution deadline on `today`), and 50 of one resident.
async fn seed(db: &Db, n: i64, today: NaiveDate) {
    secret::load(db, &secret::KeyConfig::value("bench-secret"))
        .await
        .unwrap();
    sqlx::query(
        "INSERT INTO workers (tg_id, role, name, active, created_at) VALUES (1, 'dinsos', 'Op', 1, 0)",
    )
    .execute(&db.pool)
    .await
    .unwrap();
    sqlx::query("INSERT INTO worker_areas (worker_id, area) VALUES (1, '32.15')")
        .execute(&db.pool)
        .await
        .unwrap();
    sqlx::query("INSERT INTO users (tg_id, chat_id, role, first_seen, last_seen) VALUES (1, 1, 'dinsos', 0, 0)")
        .execute(&db.pool)
        .await
        .unwrap();
    let mut tx = db.begin_write().await.unwrap();
    for i in 0..n {
        let age = if i >= n - n / 10 { 30 } else { i % 10 };
        let filed = (today - Days::days(age)).format("%Y-%m-%d").to_string();
        let reporter = if i < 50 { 777 } else { 10_000 + i };
        sqlx::query(
            "INSERT INTO complaints (ticket, reporter, category, area, description, status,
                 filed_on, created_at, updated_at)
             VALUES ($1, $2, 'short', $3, 's1:x', 'new', $4, 0, 0)",
        )
        .bind(format!("ADU-2026-{:06}", i + 1))
        .bind(reporter)
        .bind(KULON)
        .bind(filed)
        .execute(&mut *tx)
        .await
        .unwrap();
    }
    for i in 1..=50 {
        for event in ["filed", "taken", "added"] {
            sqlx::query("INSERT INTO complaint_events (complaint, at, event) VALUES ($1, 0, $2)")
                .bind(i)
                .bind(event)
                .execute(&mut *tx)
                .await
                .unwrap();
        }
    }
    tx.commit().await.unwrap();
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    sorted[((sorted.len() as f64 - 1.0) * p).round() as usize]
}

async fn measure(url: &str, name: &str, n: i64) {
    let db = Db::connect_and_migrate(url).await.unwrap();
    let today = NaiveDate::from_ymd_opt(2026, 12, 1).unwrap();
    let t = Instant::now();
    seed(&db, n, today).await;
    let seeded = t.elapsed();
    let calendar = complaints::calendar(&db).await.unwrap();
    let d = Deadlines::default();
    // A day when none is late yet: ten days before the oldest ones fall due.
    let t = Instant::now();
    let none = complaints::sweep(&db, today - Days::days(40), &calendar, d)
        .await
        .unwrap();
    let scan = t.elapsed();
    let t = Instant::now();
    let late = complaints::sweep(&db, today, &calendar, d).await.unwrap();
    let escalate = t.elapsed();
    let t = Instant::now();
    let per_worker = complaints::overdue_by_worker(&db, today, &calendar, d)
        .await
        .unwrap();
    let overdue = t.elapsed();
    let mut times = Vec::new();
    for i in 0..500 {
        let t = Instant::now();
        let list = complaints::of_reporter(&db, 777, 10).await.unwrap();
        let ticket = format!("ADU-2026-{:06}", (i % 50) + 1);
        let one = complaints::of_reporter_by_ticket(&db, 777, &ticket)
            .await
            .unwrap()
            .unwrap();
        let history = complaints::history(&db, one.id).await.unwrap();
        times.push(t.elapsed());
        assert!(list.len() == 10 && history.len() >= 3);
    }
    times.sort();
    println!(
        "{name}: {n} open complaints (seeded in {:.1} s): sweep with none late {:.2} s ({none} escalated); with {late} past the deadline {:.2} s; overdue per worker for the reminders {:.2} s ({} workers); /status queries for a resident with 50: p50 {:.2} ms, p99 {:.2} ms",
        seeded.as_secs_f64(),
        scan.as_secs_f64(),
        escalate.as_secs_f64(),
        overdue.as_secs_f64(),
        per_worker.len(),
        percentile(&times, 0.5).as_secs_f64() * 1000.0,
        percentile(&times, 0.99).as_secs_f64() * 1000.0,
    );
    db.pool.close().await;
}

fn main() {
    let n = std::env::var("KESOS_BENCH_COMPLAINTS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(100_000);
    let rt = tokio::runtime::Runtime::new().unwrap();
    rt.block_on(async {
        let dir = tempfile::tempdir().unwrap();
        let url = format!("sqlite://{}", dir.path().join("c.db").display());
        measure(&url, "SQLite", n).await;
        let Ok(admin) = std::env::var("KESOS_TEST_POSTGRES_URL") else {
            println!("PostgreSQL: skipped (set KESOS_TEST_POSTGRES_URL)");
            return;
        };
        use sqlx::Connection;
        let name = format!("kesos_bench_c_{}", std::process::id());
        let mut conn = sqlx::PgConnection::connect(&admin).await.unwrap();
        sqlx::raw_sql(sqlx::AssertSqlSafe(format!("CREATE DATABASE {name}")))
            .execute(&mut conn)
            .await
            .unwrap();
        let mut url = url::Url::parse(&admin).unwrap();
        url.set_path(&name);
        measure(url.as_str(), "PostgreSQL", n).await;
        let _ = sqlx::raw_sql(sqlx::AssertSqlSafe(format!(
            "DROP DATABASE IF EXISTS {name} WITH (FORCE)"
        )))
        .execute(&mut conn)
        .await;
    });
}
