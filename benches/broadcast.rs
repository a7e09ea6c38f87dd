//! Broadcast figures, printed (a bench, not a timed test), through the fake Bot API with the
//! fake enforcing the configured overall rate by answering 429:
//! - a broadcast to `KESOS_BENCH_RECIPIENTS` residents (default 2,000): achieved rate as a
//!   share of `KESOS_SEND_RATE` (goal ≥ 0.95), deliveries lost and duplicated (goal 0), and the
//!   time to answer `/start` (p50, p99; goal p99 < 1.5 s) for residents who write meanwhile;
//! - the same with the sender killed (SIGKILL) halfway and started again;
//! - on PostgreSQL, two sender processes draining one broadcast (combined rate within the
//!   budget, 0 duplicated).
//!
//! The bot is the real binary (`kesos-bot run`). Run: `cargo bench --bench broadcast` (set
//! `KESOS_TEST_POSTGRES_URL` to also measure PostgreSQL; `KESOS_BENCH_RATE` for the rate,
//! default 100 a second, so that one run takes about a minute per backend).

#[path = "../tests/suite/support/fake_api.rs"]
#[allow(dead_code)]
mod fake_api;

use fake_api::FakeApi;
use kesos_bot::domain::broadcast::Audience;
use kesos_bot::domain::role::Role;
use kesos_bot::store::broadcasts::{self, Media, NewBroadcast};
use kesos_bot::store::seal::{Place, Seal};
use kesos_bot::store::{Db, now, secret, users};
use serde_json::json;
use std::collections::HashMap;
use std::process::{Child, Command};
use std::time::{Duration, Instant};

const SECRET: &str = "bench-secret";
const KULON: &str = "32.15.01.1001";
/// Residents who write `/start` while a broadcast drains (distinct from its recipients).
const WRITERS: i64 = 100;

fn env_num(name: &str, default: u64) -> u64 {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

async fn prepare(url: &str, recipients: i64) -> Db {
    let db = Db::connect_and_migrate(url).await.unwrap();
    secret::load(&db, &secret::KeyConfig::value(SECRET))
        .await
        .unwrap();
    for id in 0..recipients {
        let tg = 5_000_000 + id;
        users::touch(&db, tg, tg, Some("id")).await.unwrap();
        users::note_home(&db.pool, tg, KULON).await.unwrap();
    }
    db
}

async fn queue(db: &Db, text: &str) -> (i64, i64) {
    let key = secret::load(db, &secret::KeyConfig::value(SECRET))
        .await
        .unwrap();
    let seal = Seal::from_secret(&key);
    broadcasts::create(
        db,
        &NewBroadcast {
            author: None,
            author_role: Role::Dinsos,
            audience: &Audience::parse(&format!("kelurahan:{KULON}")).unwrap(),
            body_sealed: seal.seal_str(Place::Broadcast, text),
            media: Media::None,
            send_at: now(),
            draft_key: None,
        },
    )
    .await
    .unwrap()
}

fn spawn_bot(url: &str, api: &FakeApi, rate: u64) -> Child {
    Command::new(env!("CARGO_BIN_EXE_kesos-bot"))
        .arg("run")
        .env("TELOXIDE_TOKEN", "1:BROADCAST")
        .env("TELOXIDE_API_URL", api.url())
        .env("DATABASE_URL", url)
        .env("KESOS_SECRET", SECRET)
        .env("KESOS_SEND_RATE", rate.to_string())
        .env("KESOS_CHAT_RATE", "1")
        .env("KESOS_POLL_TIMEOUT", "1")
        .env("RUST_LOG", "error")
        .spawn()
        .expect("the binary starts")
}

fn stop(mut child: Child) {
    let _ = Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status();
    let _ = child.wait();
}

async fn drained(db: &Db, id: i64, within: Duration) -> bool {
    let deadline = Instant::now() + within;
    while Instant::now() < deadline {
        let c = broadcasts::counts(db, &[id]).await.unwrap()[&id];
        if c.queued == 0 {
            return true;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    false
}

/// Deliveries of a broadcast's text: per chat, and the first and last time one arrived.
struct Tally {
    lost: i64,
    duplicated: usize,
    first: Instant,
    last: Instant,
    delivered: usize,
}

fn tally(api: &FakeApi, text: &str, recipients: i64) -> Tally {
    let mut per_chat: HashMap<i64, usize> = HashMap::new();
    let (mut first, mut last) = (None::<Instant>, None::<Instant>);
    for c in api.calls() {
        if c.method == "sendmessage" && c.text().contains(text) {
            *per_chat.entry(c.chat_id().unwrap_or(0)).or_default() += 1;
            first = Some(first.map_or(c.at, |f| f.min(c.at)));
            last = Some(last.map_or(c.at, |l| l.max(c.at)));
        }
    }
    let lost = (0..recipients)
        .filter(|i| !per_chat.contains_key(&(5_000_000 + i)))
        .count() as i64;
    Tally {
        lost,
        duplicated: per_chat.values().map(|n| n.saturating_sub(1)).sum(),
        first: first.unwrap_or_else(Instant::now),
        last: last.unwrap_or_else(Instant::now),
        delivered: per_chat.values().sum(),
    }
}

/// Every message sent while the broadcast drained (its deliveries and the answers to the
/// residents who wrote meanwhile), per second: the budget used.
fn overall_rate(api: &FakeApi, t: &Tally) -> f64 {
    let span = (t.last - t.first).as_secs_f64();
    let n = api
        .calls()
        .iter()
        .filter(|c| c.method.starts_with("send") && c.at >= t.first && c.at <= t.last)
        .count();
    if span <= 0.0 {
        0.0
    } else {
        n.saturating_sub(1) as f64 / span
    }
}

fn rate_of(t: &Tally) -> f64 {
    let span = (t.last - t.first).as_secs_f64();
    if span <= 0.0 {
        return 0.0;
    }
    (t.delivered.saturating_sub(1)) as f64 / span
}

fn start_message(api: &FakeApi, user: i64) -> serde_json::Value {
    json!({
        "message_id": api.next_message_id(), "date": now(),
        "chat": { "id": user, "type": "private", "first_name": "Warga" },
        "from": { "id": user, "is_bot": false, "first_name": "Warga", "language_code": "id" },
        "text": "/start",
        "entities": [{ "type": "bot_command", "offset": 0, "length": 6 }],
    })
}

/// Residents writing `/start` one after another (every 200 ms) while the broadcast drains;
/// returns each one's time to its answer.
async fn writers(api: &FakeApi, n: i64) -> Vec<Duration> {
    let mut pushed = Vec::new();
    for i in 0..n {
        let user = 9_000_000 + i;
        pushed.push((user, Instant::now(), api.call_count()));
        api.push("message", start_message(api, user));
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    let mut out = Vec::new();
    for (user, at, from) in pushed {
        let answer = api
            .wait_call(from, Duration::from_secs(60), |c| {
                c.method == "sendmessage" && c.chat_id() == Some(user)
            })
            .await
            .expect("every /start is answered");
        out.push(answer.at - at);
    }
    out.sort();
    out
}

fn percentile(sorted: &[Duration], p: f64) -> f64 {
    if sorted.is_empty() {
        return 0.0;
    }
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[i].as_secs_f64()
}

async fn wait_polling(api: &FakeApi, calls: u64) {
    let deadline = Instant::now() + Duration::from_secs(30);
    while api.get_updates_calls() <= calls {
        assert!(Instant::now() < deadline, "the bot did not start polling");
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
}

async fn plain(url: &str, name: &str, recipients: i64, rate: u64) {
    let db = prepare(url, recipients).await;
    let api = FakeApi::start().await;
    api.set_rate_limit(rate as u32);
    let child = spawn_bot(url, &api, rate);
    wait_polling(&api, 0).await;
    let text = "Siaran bench: penyaluran BPNT";
    let (id, n) = queue(&db, text).await;
    let latencies = writers(&api, WRITERS).await;
    let done = drained(&db, id, Duration::from_secs(600)).await;
    stop(child);
    let t = tally(&api, text, n);
    println!(
        "{name}: broadcast to {n}: all messages {:.3} of KESOS_SEND_RATE={rate} (goal >= 0.95), the broadcast's own {:.1} msg/s ({:.3}); lost {} duplicated {} (goal 0); 429 answers {}; /start while it drains: p50 {:.3} s, p99 {:.3} s (goal p99 < 1.5 s){}",
        overall_rate(&api, &t) / rate as f64,
        rate_of(&t),
        rate_of(&t) / rate as f64,
        t.lost,
        t.duplicated,
        api.too_many(),
        percentile(&latencies, 0.5),
        percentile(&latencies, 0.99),
        if done { "" } else { " — NOT DRAINED" },
    );
    db.pool.close().await;
}

async fn killed(url: &str, name: &str, recipients: i64, rate: u64) {
    let db = prepare(url, recipients).await;
    let api = FakeApi::start().await;
    api.set_rate_limit(rate as u32);
    let child = spawn_bot(url, &api, rate);
    wait_polling(&api, 0).await;
    let text = "Siaran bench: dihentikan paksa";
    let (id, n) = queue(&db, text).await;
    let started = Instant::now();
    while (api.sent_count() as i64) < n / 2 {
        tokio::time::sleep(Duration::from_millis(5)).await;
    }
    let mut child = child;
    let _ = child.kill(); // SIGKILL: no release, no last words
    let _ = child.wait();
    let at_kill = tally(&api, text, n).delivered;
    let polls = api.get_updates_calls();
    let child = spawn_bot(url, &api, rate);
    wait_polling(&api, polls).await;
    let done = drained(&db, id, Duration::from_secs(600)).await;
    let total = started.elapsed();
    stop(child);
    let t = tally(&api, text, n);
    println!(
        "{name}: killed at {at_kill} of {n} and started again: lost {} duplicated {} (goal 0); all delivered after {:.1} s (the dead sender's claimed rows return when their {} s lease runs out){}",
        t.lost,
        t.duplicated,
        total.as_secs_f64(),
        15,
        if done { "" } else { " — NOT DRAINED" },
    );
    db.pool.close().await;
}

async fn two_senders(url: &str, recipients: i64, rate: u64) {
    let db = prepare(url, recipients).await;
    let api = FakeApi::start().await;
    api.set_rate_limit(rate as u32);
    let a = spawn_bot(url, &api, rate);
    let b = spawn_bot(url, &api, rate);
    wait_polling(&api, 1).await;
    let text = "Siaran bench: dua pengirim";
    let (id, n) = queue(&db, text).await;
    let done = drained(&db, id, Duration::from_secs(600)).await;
    stop(a);
    stop(b);
    let t = tally(&api, text, n);
    println!(
        "PostgreSQL, two senders: broadcast to {n}: combined {:.1} msg/s = {:.3} of KESOS_SEND_RATE={rate} (goal <= 1, near it); lost {} duplicated {} (goal 0); 429 answers {}{}",
        rate_of(&t),
        rate_of(&t) / rate as f64,
        t.lost,
        t.duplicated,
        api.too_many(),
        if done { "" } else { " — NOT DRAINED" },
    );
    db.pool.close().await;
}

/// A fresh PostgreSQL database for one measurement (dropped by name afterwards).
async fn pg_database(admin: &str) -> (String, String) {
    use sqlx::Connection;
    let name = format!(
        "kesos_bench_bc_{}_{}",
        std::process::id(),
        rand::random::<u32>()
    );
    let mut conn = sqlx::PgConnection::connect(admin).await.unwrap();
    sqlx::raw_sql(sqlx::AssertSqlSafe(format!("CREATE DATABASE {name}")))
        .execute(&mut conn)
        .await
        .unwrap();
    let mut url = url::Url::parse(admin).unwrap();
    url.set_path(&name);
    (url.to_string(), name)
}

async fn drop_pg(admin: &str, name: &str) {
    use sqlx::Connection;
    if let Ok(mut c) = sqlx::PgConnection::connect(admin).await {
        let _ = sqlx::raw_sql(sqlx::AssertSqlSafe(format!(
            "DROP DATABASE IF EXISTS {name} WITH (FORCE)"
        )))
        .execute(&mut c)
        .await;
    }
}

fn main() {
    let recipients = env_num("KESOS_BENCH_RECIPIENTS", 2000) as i64;
    let rate = env_num("KESOS_BENCH_RATE", 100);
    let rt = tokio::runtime::Runtime::new().unwrap();
    rt.block_on(async {
        for scenario in 0..2 {
            let dir = tempfile::tempdir().unwrap();
            let url = format!("sqlite://{}", dir.path().join("bc.db").display());
            match scenario {
                0 => plain(&url, "SQLite", recipients, rate).await,
                _ => killed(&url, "SQLite", recipients, rate).await,
            }
        }
        let Ok(admin) = std::env::var("KESOS_TEST_POSTGRES_URL") else {
            println!("PostgreSQL: skipped (set KESOS_TEST_POSTGRES_URL)");
            return;
        };
        for scenario in 0..3 {
            let (url, name) = pg_database(&admin).await;
            match scenario {
                0 => plain(&url, "PostgreSQL", recipients, rate).await,
                1 => killed(&url, "PostgreSQL", recipients, rate).await,
                _ => two_senders(&url, recipients, rate).await,
            }
            drop_pg(&admin, &name).await;
        }
    });
}
