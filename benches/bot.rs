//! Foundation figures, printed (a bench, not a timed test):
//! - `/start` answers per second through the real bot and the fake Bot API, beside a bare
//!   teloxide echo handler driven the same way in the same run, and their ratio (goal ≥ 0.7);
//! - the idle resident memory of `kesos-bot run` (goal < 30 MB).
//!
//! - `/cek` look-ups end to end (the NIK, then the name; each answered) against
//!   `KESOS_BENCH_HOUSEHOLDS` imported households (default 100,000), beside the same echo.
//!
//! Run: `cargo bench --bench bot` (set `KESOS_TEST_POSTGRES_URL` to also measure PostgreSQL;
//! `KESOS_BENCH_UPDATES` to change the number of updates, default 3000).

#[path = "../tests/suite/support/fake_api.rs"]
#[allow(dead_code)]
mod fake_api;

use fake_api::FakeApi;
use serde_json::json;
use std::time::{Duration, Instant};
use teloxide::prelude::*;

const USERS: i64 = 300;

fn message(api: &FakeApi, user: i64, text: &str) -> serde_json::Value {
    json!({
        "message_id": api.next_message_id(), "date": 1_764_300_000,
        "chat": { "id": user, "type": "private", "first_name": "Warga" },
        "from": { "id": user, "is_bot": false, "first_name": "Warga", "language_code": "id" },
        "text": text,
        "entities": if text.starts_with('/') {
            json!([{ "type": "bot_command", "offset": 0, "length": text.len() }])
        } else { json!([]) },
    })
}

/// Pushes `n` updates from `USERS` users at once and returns answers per second.
async fn drive(api: &FakeApi, n: u64, text: &str) -> f64 {
    let before = api.sent_count();
    let start = Instant::now();
    for i in 0..n {
        api.push("message", message(api, 10_000 + (i as i64 % USERS), text));
    }
    while api.sent_count() - before < n {
        assert!(start.elapsed() < Duration::from_secs(600), "bench stalled");
        tokio::time::sleep(Duration::from_millis(2)).await;
    }
    n as f64 / start.elapsed().as_secs_f64()
}

async fn echo_rate(n: u64) -> f64 {
    let api = FakeApi::start().await;
    api.set_recording(false);
    let bot = Bot::new("1:ECHO").set_api_url(api.url().parse().unwrap());
    let handler = Update::filter_message().endpoint(|bot: Bot, msg: Message| async move {
        bot.send_message(msg.chat.id, msg.text().unwrap_or("?"))
            .await?;
        Ok::<_, teloxide::RequestError>(())
    });
    let mut dispatcher = Dispatcher::builder(bot.clone(), handler).build();
    let token = dispatcher.shutdown_token();
    let task = tokio::spawn(async move { dispatcher.dispatch().await });
    while api.get_updates_calls() == 0 {
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    drive(&api, USERS as u64, "warm-up").await;
    let rate = drive(&api, n, "halo").await;
    if let Ok(f) = token.shutdown() {
        f.await;
    }
    let _ = task.await;
    rate
}

const SECRET: &str = "bench-secret";

type Running = (
    FakeApi,
    tokio::sync::oneshot::Sender<()>,
    tokio::task::JoinHandle<anyhow::Result<()>>,
);

/// The real bot (as `kesos-bot run` builds it) against a fresh fake API, pacing switched off.
async fn start_bot(db_url: &str) -> Running {
    let api = FakeApi::start().await;
    api.set_recording(false);
    let url = api.url();
    let cli = [
        "kesos-bot",
        "--database-url",
        db_url,
        "--secret",
        SECRET,
        "run",
        "--token",
        "1:BENCH",
        "--api-url",
        &url,
        "--send-rate",
        "100000",
        "--chat-rate",
        "1000",
        "--poll-timeout",
        "1",
        "--cek-limit",
        "1000000",
    ];
    let cli = <kesos_bot::config::Cli as clap::Parser>::parse_from(cli);
    let kesos_bot::config::Command::Run(run) = &cli.command else {
        unreachable!()
    };
    let settings = kesos_bot::config::Settings::from_args(&cli.db, run).unwrap();
    let (tx, rx) = tokio::sync::oneshot::channel::<()>();
    let task = tokio::spawn(kesos_bot::runtime::run(settings, async move {
        let _ = rx.await;
    }));
    while api.get_updates_calls() == 0 {
        assert!(!task.is_finished(), "the bot stopped at start");
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    (api, tx, task)
}

async fn kesos_rate(db_url: &str, n: u64) -> f64 {
    let (api, tx, task) = start_bot(db_url).await;
    drive(&api, USERS as u64, "/start").await;
    let rate = drive(&api, n, "/start").await;
    let _ = tx.send(());
    task.await.unwrap().unwrap();
    rate
}

/// Imports `households` synthetic KPM rows (one member each) into the database.
async fn import_households(db_url: &str, households: u64) {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("kpm.csv");
    kesos_bot::import::kpm::write_synthetic(std::fs::File::create(&file).unwrap(), households)
        .unwrap();
    let db = kesos_bot::store::Db::connect_and_migrate(db_url)
        .await
        .unwrap();
    // As `kesos-bot import kpm` does: the key is checked (and recorded) before it hashes.
    let key =
        kesos_bot::store::secret::load(&db, &kesos_bot::store::secret::KeyConfig::value(SECRET))
            .await
            .unwrap();
    let t = Instant::now();
    let r = kesos_bot::import::kpm::import(&db, &file, &key, kesos_bot::i18n::Lang::En)
        .await
        .unwrap();
    assert_eq!(r.rejected.len(), 0);
    eprintln!(
        "  (imported {households} households in {:.1?})",
        t.elapsed()
    );
    db.pool.close().await;
}

/// Updates per second of `/cek` look-ups: each user sends `/cek NIK` then the name; every
/// update is answered.
async fn cek_rate(db_url: &str, n: u64, households: u64) -> f64 {
    let (api, tx, task) = start_bot(db_url).await;
    let lookups = |api: &FakeApi, count: u64, offset: u64| {
        for i in 0..count {
            let user = 20_000 + (i as i64 % USERS);
            let h = (offset + i * 7919) % households;
            api.push(
                "message",
                message(
                    api,
                    user,
                    &format!("/cek {}", kesos_bot::import::kpm::synthetic_nik(h)),
                ),
            );
            api.push(
                "message",
                message(api, user, &kesos_bot::import::kpm::synthetic_name(h)),
            );
        }
    };
    let wait = |api: &FakeApi, before: u64, expected: u64| {
        let api = api.clone();
        async move {
            let start = Instant::now();
            while api.sent_count() - before < expected {
                assert!(
                    start.elapsed() < Duration::from_secs(120),
                    "bench stalled: {} of {expected} answers",
                    api.sent_count() - before
                );
                tokio::time::sleep(Duration::from_millis(2)).await;
            }
        }
    };
    // Warm-up: every user once; also learns how many messages one look-up produces.
    let before = api.sent_count();
    lookups(&api, 1, 0);
    wait(&api, before, 2).await;
    tokio::time::sleep(Duration::from_millis(300)).await;
    let per_lookup = api.sent_count() - before;
    let before = api.sent_count();
    lookups(&api, USERS as u64, 1);
    wait(&api, before, per_lookup * USERS as u64).await;

    let count = n / 2;
    let before = api.sent_count();
    let start = Instant::now();
    lookups(&api, count, 12345);
    wait(&api, before, per_lookup * count).await;
    let rate = (2 * count) as f64 / start.elapsed().as_secs_f64();
    let _ = tx.send(());
    task.await.unwrap().unwrap();
    rate
}

/// Memory of a real `kesos-bot run` process on `db_url` (a fresh SQLite file when `None`):
/// after one `/start` (and `lookups` `/cek` look-ups over `households`), then idle for three
/// seconds. Returns (VmRSS, VmHWM = peak) in KiB.
fn run_rss_kib(db_url: Option<&str>, lookups: u64, households: u64) -> Option<(u64, u64)> {
    let rt = tokio::runtime::Runtime::new().unwrap();
    let api = rt.block_on(FakeApi::start());
    let dir = tempfile::tempdir().unwrap();
    let url = db_url
        .map(String::from)
        .unwrap_or_else(|| format!("sqlite://{}", dir.path().join("k.db").display()));
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_kesos-bot"))
        .arg("run")
        .env("TELOXIDE_TOKEN", "1:RSS")
        .env("TELOXIDE_API_URL", api.url())
        .env("DATABASE_URL", url)
        .env("KESOS_SECRET", SECRET)
        .env("KESOS_CEK_LIMIT", "1000000")
        .env("KESOS_CHAT_RATE", "1000")
        .env("KESOS_SEND_RATE", "100000")
        .env("RUST_LOG", "warn")
        .spawn()
        .ok()?;
    rt.block_on(async {
        while api.get_updates_calls() == 0 {
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
        api.push("message", message(&api, 42, "/start"));
        api.wait_call(0, Duration::from_secs(10), |c| c.method == "sendmessage")
            .await;
        let before = api.sent_count();
        for i in 0..lookups {
            let user = 30_000 + (i as i64 % USERS);
            let h = (i * 104_729) % households.max(1);
            let nik = kesos_bot::import::kpm::synthetic_nik(h);
            api.push("message", message(&api, user, &format!("/cek {nik}")));
            let name = kesos_bot::import::kpm::synthetic_name(h);
            api.push("message", message(&api, user, &name));
        }
        let start = Instant::now();
        while api.sent_count() - before < 2 * lookups && start.elapsed() < Duration::from_secs(120)
        {
            tokio::time::sleep(Duration::from_millis(10)).await;
        }
        // Idle: a few empty long polls.
        tokio::time::sleep(Duration::from_secs(3)).await;
    });
    let status = std::fs::read_to_string(format!("/proc/{}/status", child.id())).ok()?;
    let _ = std::process::Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status();
    let _ = child.wait();
    let field = |name: &str| {
        status
            .lines()
            .find(|l| l.starts_with(name))
            .and_then(|l| l.split_whitespace().nth(1))
            .and_then(|v| v.parse().ok())
    };
    Some((field("VmRSS:")?, field("VmHWM:")?))
}

fn main() {
    let n: u64 = std::env::var("KESOS_BENCH_UPDATES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(3000);
    let rt = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .unwrap();
    let echo = rt.block_on(echo_rate(n));
    println!("echo baseline:          {echo:>8.0} updates/s ({n} updates, {USERS} users)");

    let dir = tempfile::tempdir().unwrap();
    let sqlite = format!("sqlite://{}", dir.path().join("bench.db").display());
    let start = rt.block_on(kesos_rate(&sqlite, n));
    println!(
        "/start on SQLite:       {start:>8.0} updates/s  ratio {:.2} (goal >= 0.70)",
        start / echo
    );
    let households: u64 = std::env::var("KESOS_BENCH_HOUSEHOLDS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(100_000);
    // A database of its own: the inbox of the /start run already holds this fake API's ids.
    let sqlite_cek = format!("sqlite://{}", dir.path().join("cek.db").display());
    rt.block_on(import_households(&sqlite_cek, households));
    let cek = rt.block_on(cek_rate(&sqlite_cek, n, households));
    println!(
        "/cek on SQLite:         {cek:>8.0} updates/s  ratio {:.2} (goal >= 0.70; {households} households)",
        cek / echo
    );

    if let Ok(admin) = std::env::var("KESOS_TEST_POSTGRES_URL") {
        let fresh = |name: &'static str| {
            let admin = admin.clone();
            async move {
                use sqlx::Connection;
                let mut c = sqlx::PgConnection::connect(&admin).await.unwrap();
                let drop = format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)");
                sqlx::raw_sql(sqlx::AssertSqlSafe(drop))
                    .execute(&mut c)
                    .await
                    .unwrap();
                let create = format!("CREATE DATABASE {name}");
                sqlx::raw_sql(sqlx::AssertSqlSafe(create))
                    .execute(&mut c)
                    .await
                    .unwrap();
                let mut u = url::Url::parse(&admin).unwrap();
                u.set_path(name);
                u.to_string()
            }
        };
        let url = rt.block_on(fresh("kesos_bench"));
        let pg = rt.block_on(kesos_rate(&url, n));
        println!(
            "/start on PostgreSQL:   {pg:>8.0} updates/s  ratio {:.2} (goal >= 0.70)",
            pg / echo
        );
        let url = rt.block_on(fresh("kesos_bench_cek"));
        rt.block_on(import_households(&url, households));
        let cek = rt.block_on(cek_rate(&url, n, households));
        println!(
            "/cek on PostgreSQL:     {cek:>8.0} updates/s  ratio {:.2} (goal >= 0.70; {households} households)",
            cek / echo
        );
    } else {
        println!("/start on PostgreSQL:   skipped (set KESOS_TEST_POSTGRES_URL)");
    }
    drop(rt);

    match run_rss_kib(None, 0, 0) {
        Some((rss, _)) => println!(
            "idle RSS of `kesos-bot run`: {:.1} MB (goal < 30 MB)",
            rss as f64 / 1024.0
        ),
        None => println!("idle RSS of `kesos-bot run`: could not be read"),
    }
    match run_rss_kib(Some(&sqlite_cek), 3000, households) {
        Some((rss, peak)) => println!(
            "`kesos-bot run` with {households} households after 3000 /cek: RSS {:.1} MB, peak {:.1} MB (goal < 100 MB)",
            rss as f64 / 1024.0,
            peak as f64 / 1024.0
        ),
        None => println!("RSS of `kesos-bot run` with households: could not be read"),
    }
}
