//! Report figures, printed (a bench, not a timed test):
//! - `kesos-bot import penyaluran` of `KESOS_BENCH_HOUSEHOLDS` (default 1,000,000) households ×
//!   12 months: rows per second and peak memory, the real binary, SQLite and PostgreSQL;
//! - `report realisasi` over those households and twelve months (goal < 2 s): the store
//!   queries in this process, and the binary end to end.
//!
//! Run: `cargo bench --bench reports` (set `KESOS_TEST_POSTGRES_URL` to also measure
//! PostgreSQL).

use kesos_bot::import::kpm;
use kesos_bot::store::Db;
use std::path::Path;
use std::time::{Duration, Instant};

#[path = "support/binary.rs"]
mod support;

/// Runs the binary with `args` on `url`, in Indonesian: wall time, last line, peak memory (MB).
fn binary(url: &str, args: &[&str]) -> (Duration, String, u64) {
    support::binary(url, args, &[("LANG", "id_ID.UTF-8")])
}

async fn run(backend: &str, url: &str, kpm_file: &Path, pen_file: &Path, households: u64) {
    let kpm_path = kpm_file.to_str().unwrap();
    let (took, _, _) = binary(url, &["import", "kpm", kpm_path]);
    println!("{backend}: (setup) import kpm of {households} households in {took:.1?}");
    let pen_path = pen_file.to_str().unwrap();
    let sembako = (0..households).filter(|i| i % 4 != 2).count() as u64;
    let rows = sembako * 12;
    let (took, counts, peak) = binary(url, &["import", "penyaluran", pen_path]);
    println!(
        "{backend}: import penyaluran of {rows} rows in {took:.1?} = {:.0} rows/s, peak memory {peak} MB ({counts})",
        rows as f64 / took.as_secs_f64()
    );
    let (took, counts, peak) = binary(url, &["import", "penyaluran", pen_path]);
    println!(
        "{backend}: re-import of the same file in {took:.1?}, peak memory {peak} MB ({counts})"
    );
    let db = Db::connect(url).await.unwrap();
    let mut times = Vec::new();
    for _ in 0..5 {
        let t = Instant::now();
        let r = kesos_bot::report::realisasi(&db, "SEMBAKO", ((2026, 1), (2026, 12)), None)
            .await
            .unwrap();
        times.push(t.elapsed());
        assert_eq!(r.total_realisasi() as u64, sembako);
    }
    times.sort();
    let (took, _, _) = binary(
        url,
        &["report", "realisasi", "--period", "2026-01..2026-12"],
    );
    println!(
        "{backend}: report realisasi over {households} households × 12 months: the store queries {:.2?}–{:.2?} (5 runs), the binary end to end {took:.2?} (goal < 2 s)",
        times[0], times[4]
    );
    // What /rekap computes before it sends: the realisasi of a kecamatan for the latest period,
    // the indicators, and both charts (Telegram's upload aside).
    let mut times = Vec::new();
    for _ in 0..5 {
        let t = Instant::now();
        let area = Some("32.15.01");
        let period = kesos_bot::store::reports::latest_period(&db, "SEMBAKO", area)
            .await
            .unwrap()
            .unwrap();
        let r = kesos_bot::report::realisasi(&db, "SEMBAKO", period, area)
            .await
            .unwrap();
        let calendar = kesos_bot::store::complaints::calendar(&db).await.unwrap();
        let today = kesos_bot::i18n::today_wib();
        kesos_bot::store::reports::indicators(
            &db,
            "32.15.01",
            today,
            (Default::default(), &calendar),
        )
        .await
        .unwrap();
        let lang = kesos_bot::i18n::Lang::Id;
        let bars = kesos_bot::report::chart::bars(lang, &r, "Karawang Barat").unwrap();
        let line = kesos_bot::report::chart::line(lang, &r, "Karawang Barat").unwrap();
        times.push(t.elapsed());
        assert!(bars.len() > 1000 && line.len() > 1000);
    }
    times.sort();
    println!(
        "{backend}: /rekap's work for a kecamatan over {households} households (realisasi, indicators, two charts): {:.2?}–{:.2?} (5 runs; goal < 3 s with the upload)",
        times[0], times[4]
    );
    db.pool.close().await;
}

fn main() {
    let households: u64 = std::env::var("KESOS_BENCH_HOUSEHOLDS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(1_000_000);
    let dir = tempfile::tempdir().unwrap();
    let kpm_file = dir.path().join("kpm.csv");
    let pen_file = dir.path().join("penyaluran.csv");
    let t = Instant::now();
    kpm::write_synthetic(
        std::io::BufWriter::new(std::fs::File::create(&kpm_file).unwrap()),
        households,
    )
    .unwrap();
    kpm::write_synthetic_distributions(
        std::io::BufWriter::new(std::fs::File::create(&pen_file).unwrap()),
        households,
        2026,
    )
    .unwrap();
    let size = std::fs::metadata(&pen_file).unwrap().len();
    println!(
        "generated {households} households and their SEMBAKO penyaluran, 12 months ({:.0} MB) in {:.1?}",
        size as f64 / 1e6,
        t.elapsed()
    );
    let rt = tokio::runtime::Runtime::new().unwrap();
    rt.block_on(async {
        let url = format!("sqlite://{}", dir.path().join("r.db").display());
        Db::connect_and_migrate(&url)
            .await
            .unwrap()
            .pool
            .close()
            .await;
        run("SQLite", &url, &kpm_file, &pen_file, households).await;
        let Ok(admin) = std::env::var("KESOS_TEST_POSTGRES_URL") else {
            println!("PostgreSQL: skipped (set KESOS_TEST_POSTGRES_URL)");
            return;
        };
        use sqlx::Connection;
        let name = format!("kesos_bench_r_{}", std::process::id());
        let mut conn = sqlx::PgConnection::connect(&admin).await.unwrap();
        sqlx::raw_sql(sqlx::AssertSqlSafe(format!("CREATE DATABASE {name}")))
            .execute(&mut conn)
            .await
            .unwrap();
        let mut u = url::Url::parse(&admin).unwrap();
        u.set_path(&name);
        Db::connect_and_migrate(u.as_str())
            .await
            .unwrap()
            .pool
            .close()
            .await;
        run("PostgreSQL", u.as_str(), &kpm_file, &pen_file, households).await;
        let _ = sqlx::raw_sql(sqlx::AssertSqlSafe(format!(
            "DROP DATABASE IF EXISTS {name} WITH (FORCE)"
        )))
        .execute(&mut conn)
        .await;
    });
}
