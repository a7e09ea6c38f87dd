//! Figures for the field-workers issue:
//! - opening a re-verification cycle over 100,000 households (tasks created per second);
//! - the `/tugas` store query for a worker with 5,000 open tasks (p50/p99).
//!
//! Run: `KESOS_TEST_POSTGRES_URL=postgres://postgres@127.0.0.1:5432/postgres cargo bench --bench workers`
//! (SQLite always; PostgreSQL when the variable is set.)

use kesos_bot::store::{Db, cycles, tasks};
use std::time::{Duration, Instant};

const HOUSEHOLDS: usize = 100_000;
const KELURAHAN: [&str; 8] = [
    "32.15.01.1001",
    "32.15.01.1003",
    "32.15.01.1005",
    "32.15.01.1006",
    "32.15.01.1007",
    "32.15.01.1010",
    "32.15.01.1011",
    "32.15.01.1012",
];

async fn seed(db: &Db) {
    let t0 = Instant::now();
    let mut tx = db.pool.begin().await.unwrap();
    for chunk in (0..HOUSEHOLDS).collect::<Vec<_>>().chunks(1000) {
        let mut sql = String::from(
            "INSERT INTO households (kk_hash, kk_masked, kelurahan, updated_at) VALUES ",
        );
        for (i, n) in chunk.iter().enumerate() {
            if i > 0 {
                sql.push(',');
            }
            sql.push_str(&format!(
                "('kk{n}', '3215**********{:02}', '{}', 0)",
                n % 100,
                KELURAHAN[n % KELURAHAN.len()]
            ));
        }
        sqlx::query(sqlx::AssertSqlSafe(sql))
            .execute(&mut *tx)
            .await
            .unwrap();
    }
    // Two PSM per kelurahan.
    for (k, kel) in KELURAHAN.iter().enumerate() {
        for j in 0..2 {
            let (id,): (i64,) = sqlx::query_as(
                "INSERT INTO workers (role, name, active, created_at) VALUES ('psm', $1, 1, 0) RETURNING id",
            )
            .bind(format!("PSM {k}-{j}"))
            .fetch_one(&mut *tx)
            .await
            .unwrap();
            sqlx::query("INSERT INTO worker_areas (worker_id, area) VALUES ($1, $2)")
                .bind(id)
                .bind(*kel)
                .execute(&mut *tx)
                .await
                .unwrap();
        }
    }
    tx.commit().await.unwrap();
    eprintln!("  seeded {HOUSEHOLDS} households in {:.1?}", t0.elapsed());
}

fn pct(sorted: &[Duration], p: f64) -> Duration {
    sorted[((sorted.len() as f64 * p).ceil() as usize)
        .saturating_sub(1)
        .min(sorted.len() - 1)]
}

async fn bench(name: &str, url: &str) {
    println!("== {name}");
    let db = Db::connect_and_migrate(url).await.unwrap();
    seed(&db).await;
    let t0 = Instant::now();
    let opened = cycles::open(&db, "32.15.01", "2026-11", None)
        .await
        .unwrap()
        .unwrap();
    let secs = t0.elapsed().as_secs_f64();
    println!(
        "cycle open: {} tasks in {:.2} s = {:.0} tasks/s",
        opened.created,
        secs,
        opened.created as f64 / secs
    );
    let t0 = Instant::now();
    let again = cycles::open(&db, "32.15.01", "2026-11", None)
        .await
        .unwrap()
        .unwrap();
    println!(
        "cycle reopened: {} new tasks in {:.2} s",
        again.created,
        t0.elapsed().as_secs_f64()
    );
    // One worker with 5,000 open tasks (the rest of the tasks stay with the others).
    let (worker,): (i64,) = sqlx::query_as("SELECT MIN(id) FROM workers")
        .fetch_one(&db.pool)
        .await
        .unwrap();
    sqlx::query("UPDATE tasks SET assignee = $2 WHERE assignee = $1")
        .bind(worker)
        .bind(worker + 1)
        .execute(&db.pool)
        .await
        .unwrap();
    sqlx::query(
        "UPDATE tasks SET assignee = $1 WHERE id IN (SELECT id FROM tasks ORDER BY id LIMIT 5000)",
    )
    .bind(worker)
    .execute(&db.pool)
    .await
    .unwrap();
    let open = tasks::count_open_for(&db, worker).await.unwrap();
    let mut times = Vec::new();
    for i in 0..500 {
        let t0 = Instant::now();
        let page = tasks::open_for(&db, worker, 5, (i % 20) * 5).await.unwrap();
        let _ = tasks::count_open_for(&db, worker).await.unwrap();
        times.push(t0.elapsed());
        assert_eq!(page.len(), 5);
    }
    times.sort();
    println!(
        "/tugas store query (page + count) for a worker with {open} open tasks: p50 {:.2?}, p99 {:.2?} (500 runs)",
        pct(&times, 0.50),
        pct(&times, 0.99)
    );
    db.pool.close().await;
}

fn main() {
    let rt = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .unwrap();
    rt.block_on(async {
        let dir = tempfile::tempdir().unwrap();
        let url = format!("sqlite://{}", dir.path().join("bench.db").display());
        bench("SQLite", &url).await;
        if let Ok(admin) = std::env::var("KESOS_TEST_POSTGRES_URL") {
            use sqlx::Connection;
            let name = format!("kesos_bench_{}", std::process::id());
            let mut conn = sqlx::PgConnection::connect(&admin).await.unwrap();
            sqlx::raw_sql(sqlx::AssertSqlSafe(format!("CREATE DATABASE {name}")))
                .execute(&mut conn)
                .await
                .unwrap();
            let mut url = url::Url::parse(&admin).unwrap();
            url.set_path(&name);
            bench("PostgreSQL", url.as_str()).await;
            sqlx::raw_sql(sqlx::AssertSqlSafe(format!(
                "DROP DATABASE IF EXISTS {name} WITH (FORCE)"
            )))
            .execute(&mut conn)
            .await
            .unwrap();
        } else {
            println!("(PostgreSQL skipped: set KESOS_TEST_POSTGRES_URL)");
        }
    });
}
