//! Figures of the residents' side (not timed tests): import speed of a synthetic KPM file into
//! SQLite and PostgreSQL, and the store look-up behind `/cek` over that many households.
//!
//! `cargo bench --bench residents` (1,000,000 rows; set `KESOS_BENCH_ROWS` for fewer). The
//! imports run the real binary, as an operator would, and report its peak memory.
//! PostgreSQL runs when `KESOS_TEST_POSTGRES_URL` names an admin URL.

use kesos_bot::domain::nik::Nik;
use kesos_bot::import::kpm;
use kesos_bot::store::keyed::Keyed;
use kesos_bot::store::{Db, residents};
use std::time::{Duration, Instant};

#[path = "support/binary.rs"]
mod binary;

const SECRET: &[u8] = binary::SECRET.as_bytes();

fn main() {
    let rows: u64 = std::env::var("KESOS_BENCH_ROWS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(1_000_000);
    let rt = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .unwrap();
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("kpm.csv");
    let t = Instant::now();
    kpm::write_synthetic(
        std::io::BufWriter::new(std::fs::File::create(&file).unwrap()),
        rows,
    )
    .unwrap();
    let size = std::fs::metadata(&file).unwrap().len();
    println!(
        "generated {rows} rows ({:.1} MB) in {:.2?}",
        size as f64 / 1e6,
        t.elapsed()
    );

    rt.block_on(async {
        let url = format!("sqlite://{}", dir.path().join("bench.db").display());
        let db = Db::connect_and_migrate(&url).await.unwrap();
        run("SQLite", &db, &url, &file, rows).await;
        db.pool.close().await;

        if let Ok(admin) = std::env::var("KESOS_TEST_POSTGRES_URL") {
            use sqlx::Connection;
            let name = format!("kesos_bench_{}", std::process::id());
            let mut conn = sqlx::PgConnection::connect(&admin).await.unwrap();
            sqlx::raw_sql(sqlx::AssertSqlSafe(format!("CREATE DATABASE {name}")))
                .execute(&mut conn)
                .await
                .unwrap();
            let mut u = url::Url::parse(&admin).unwrap();
            u.set_path(&name);
            let db = Db::connect_and_migrate(u.as_str()).await.unwrap();
            run("PostgreSQL", &db, u.as_str(), &file, rows).await;
            db.pool.close().await;
            sqlx::raw_sql(sqlx::AssertSqlSafe(format!(
                "DROP DATABASE IF EXISTS {name} WITH (FORCE)"
            )))
            .execute(&mut conn)
            .await
            .unwrap();
        } else {
            println!("PostgreSQL skipped: set KESOS_TEST_POSTGRES_URL");
        }
    });
    println!("peak RSS of the bench process: {} MB", peak_rss_mb());
}

/// `kesos-bot import kpm FILE` into `url`: wall time, counts, peak memory (MB).
fn import_process(url: &str, file: &std::path::Path) -> (Duration, String, u64) {
    binary::binary(url, &["import", "kpm", file.to_str().unwrap()], &[])
}

async fn run(backend: &str, db: &Db, url: &str, file: &std::path::Path, rows: u64) {
    let (took, counts, peak) = import_process(url, file);
    println!(
        "{backend}: import of {rows} rows in {took:.2?} = {:.0} rows/s, peak memory {peak} MB ({counts})",
        rows as f64 / took.as_secs_f64(),
    );
    let (took, counts, peak) = import_process(url, file);
    println!(
        "{backend}: re-import of the same file in {took:.2?}, peak memory {peak} MB ({counts})"
    );

    // The store look-up of /cek: the member by NIK hash, then the household's programs.
    let keyed = Keyed::new(SECRET);
    let mut seed: u64 = 0x2545F4914F6CDD1D;
    let mut times: Vec<Duration> = Vec::with_capacity(10_000);
    for _ in 0..10_000 {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        let i = seed % rows;
        let hash = keyed.nik(&Nik::parse(&kpm::synthetic_nik(i)).unwrap());
        let t = Instant::now();
        let hit = residents::find_member(db, &hash).await.unwrap().unwrap();
        let programs = residents::household_programs(db, hit.household_id)
            .await
            .unwrap();
        times.push(t.elapsed());
        assert!(!programs.is_empty());
    }
    times.sort();
    let p = |q: f64| times[((times.len() as f64 - 1.0) * q) as usize];
    println!(
        "{backend}: /cek store look-up over {rows} households: p50 {:.3?}, p99 {:.3?}, max {:.3?}",
        p(0.5),
        p(0.99),
        times.last().unwrap()
    );
}

fn peak_rss_mb() -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmHWM:"))
                .and_then(|l| l.split_whitespace().nth(1)?.parse::<u64>().ok())
        })
        .map(|kb| kb / 1024)
        .unwrap_or(0)
}
