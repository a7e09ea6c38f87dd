#![allow(dead_code)]
//! Test support: fresh databases on each backend, the real bot started against the fake Bot
//! API, and users whose conversations read like the chat they stand for.

pub mod fake_api;

use clap::Parser;
use fake_api::{Call, FakeApi};
use kesos_bot::config::{Cli, Command, Settings};
use kesos_bot::domain::role::Role;
use kesos_bot::store::Db;
use kesos_bot::store::workers::{self, Invite};
use serde_json::{Value, json};
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

/// The variable naming a PostgreSQL server for the tests (an admin URL; each test creates and
/// drops its own database). `.ci/run` sets it; without it, PostgreSQL tests are skipped loudly
/// locally and fail under `CI=true`.
pub const PG_VAR: &str = "KESOS_TEST_POSTGRES_URL";

/// The key the tests give on PostgreSQL, where it must be given (on SQLite the tests let the
/// bot make one beside the database, as a new installation does).
pub const PG_SECRET: &str = "kesos-test-key-for-postgres";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

/// A fresh, empty database for one test; dropped (PostgreSQL) or deleted (SQLite) afterwards.
pub struct TestDb {
    pub url: String,
    pub backend: Backend,
    pub dir: Option<tempfile::TempDir>,
    pg: Option<(String, String)>,
}

impl TestDb {
    pub async fn sqlite() -> TestDb {
        let dir = tempfile::tempdir().unwrap();
        let url = format!("sqlite://{}", dir.path().join("kesos.db").display());
        TestDb {
            url,
            backend: Backend::Sqlite,
            dir: Some(dir),
            pg: None,
        }
    }

    pub async fn postgres(admin: &str) -> TestDb {
        use sqlx::Connection;
        static N: AtomicU64 = AtomicU64::new(0);
        let name = format!(
            "kesos_t_{}_{}_{}",
            std::process::id(),
            N.fetch_add(1, Ordering::SeqCst),
            rand::random::<u32>()
        );
        let mut conn = sqlx::PgConnection::connect(admin)
            .await
            .unwrap_or_else(|e| panic!("{PG_VAR} is set but PostgreSQL is unreachable: {e}"));
        sqlx::raw_sql(sqlx::AssertSqlSafe(format!("CREATE DATABASE {name}")))
            .execute(&mut conn)
            .await
            .unwrap();
        let mut url = url::Url::parse(admin).unwrap();
        url.set_path(&name);
        TestDb {
            url: url.to_string(),
            backend: Backend::Postgres,
            dir: None,
            pg: Some((admin.to_string(), name)),
        }
    }

    /// The SQLite file, for tests that read the raw bytes.
    pub fn sqlite_file(&self) -> Option<std::path::PathBuf> {
        self.dir.as_ref().map(|d| d.path().join("kesos.db"))
    }

    pub async fn connect(&self) -> Db {
        Db::connect_and_migrate(&self.url).await.unwrap()
    }

    /// Where the key is, as an operator of this backend would say it.
    pub fn key(&self) -> kesos_bot::store::secret::KeyConfig {
        match self.backend {
            Backend::Sqlite => Default::default(),
            Backend::Postgres => kesos_bot::store::secret::KeyConfig::value(PG_SECRET),
        }
    }

    /// The database's key, loaded (and on a new SQLite database made) as the binary does.
    pub async fn secret(&self, db: &Db) -> Vec<u8> {
        kesos_bot::store::secret::load(db, &self.key())
            .await
            .unwrap()
    }

    /// Environment for the binary run on this database: the key where it must be given.
    pub fn env(&self) -> Vec<(&'static str, String)> {
        let mut env = vec![("DATABASE_URL", self.url.clone())];
        if self.backend == Backend::Postgres {
            env.push(("KESOS_SECRET", PG_SECRET.to_string()));
        }
        env
    }
}

/// An invite for a new worker, made as `kesos-bot worker invite` makes it.
pub async fn invite(db: &Db, role: Role, areas: &[&str], name: &str) -> Invite {
    let key = kesos_bot::store::secret::load(db, &key_for(db))
        .await
        .unwrap();
    let areas: Vec<String> = areas.iter().map(|s| s.to_string()).collect();
    workers::invite(db, &key, role, &areas, name)
        .await
        .unwrap()
        .expect("a valid invite")
}

/// Invites and enrols a worker through `/daftar`; returns the worker id.
pub async fn enrolled(bot: &TestBot, tg: i64, role: Role, areas: &[&str], name: &str) -> i64 {
    let inv = invite(&bot.db, role, areas, name).await;
    bot.user(tg)
        .send(&format!("/daftar {}", inv.code))
        .await
        .assert_contains(&["Selamat bergabung", name]);
    inv.worker_id
}

/// What a run of the binary did.
pub struct Ran {
    pub ok: bool,
    pub stdout: String,
    pub stderr: String,
}

impl Ran {
    /// Everything it printed, stdout then stderr.
    pub fn all(&self) -> String {
        format!("{}{}", self.stdout, self.stderr)
    }
}

/// Runs `kesos-bot ARGS` on this database (with its key where it must be given) as an
/// Indonesian-speaking operator does.
pub fn binary(tdb: &TestDb, args: &[&str]) -> Ran {
    let mut cmd = crate::process::kesos_bot();
    cmd.args(args)
        .env("DATABASE_URL", &tdb.url)
        .env("LANG", "id_ID.UTF-8");
    for (k, v) in tdb.env() {
        cmd.env(k, v);
    }
    let out = cmd.output().unwrap();
    Ran {
        ok: out.status.success(),
        stdout: String::from_utf8_lossy(&out.stdout).to_string(),
        stderr: String::from_utf8_lossy(&out.stderr).to_string(),
    }
}

/// The at-rest seal of a test database, as the bot derives it from the database's key.
pub async fn seal(db: &Db) -> kesos_bot::store::seal::Seal {
    let secret = kesos_bot::store::secret::load(db, &key_for(db))
        .await
        .unwrap();
    kesos_bot::store::seal::Seal::from_secret(&secret)
}

/// The key configuration the tests use for an open database (by its backend).
pub fn key_for(db: &Db) -> kesos_bot::store::secret::KeyConfig {
    match db.backend {
        kesos_bot::store::Backend::Sqlite => Default::default(),
        kesos_bot::store::Backend::Postgres => {
            kesos_bot::store::secret::KeyConfig::value(PG_SECRET)
        }
    }
}

/// Environment for the binary run on the database at `url`.
pub fn key_env(url: &str) -> Option<(&'static str, &'static str)> {
    url.starts_with("postgres")
        .then_some(("KESOS_SECRET", PG_SECRET))
}

impl Drop for TestDb {
    fn drop(&mut self) {
        if let Some((admin, name)) = self.pg.take() {
            let _ = std::thread::spawn(move || {
                let rt = tokio::runtime::Builder::new_current_thread()
                    .enable_all()
                    .build()
                    .unwrap();
                rt.block_on(async {
                    use sqlx::Connection;
                    if let Ok(mut c) = sqlx::PgConnection::connect(&admin).await {
                        let _ = sqlx::raw_sql(sqlx::AssertSqlSafe(format!(
                            "DROP DATABASE IF EXISTS {name} WITH (FORCE)"
                        )))
                        .execute(&mut c)
                        .await;
                    }
                });
            })
            .join();
        }
    }
}

/// The databases every storage and end-to-end test runs on: SQLite always, PostgreSQL when
/// [`PG_VAR`] is set.
pub async fn databases() -> Vec<TestDb> {
    let mut out = vec![TestDb::sqlite().await];
    match std::env::var(PG_VAR) {
        Ok(admin) if !admin.trim().is_empty() => out.push(TestDb::postgres(&admin).await),
        _ => {
            if std::env::var("CI").is_ok_and(|v| v == "true" || v == "1") {
                panic!("CI=true but {PG_VAR} is not set: PostgreSQL tests cannot be skipped in CI");
            }
            eprintln!(
                "\n*** SKIPPED on PostgreSQL: set {PG_VAR}=postgres://postgres@127.0.0.1:5432/postgres to run it there too ***\n"
            );
        }
    }
    out
}

/// Runs a test body once per backend, naming the backend when it fails.
#[macro_export]
macro_rules! on_each_backend {
    (|$db:ident| $body:block) => {
        for $db in $crate::support::databases().await {
            let backend = $db.backend;
            eprintln!("--- on {:?}", backend);
            $body
        }
    };
}

/// The settings production would build from this command line, pointed at the fake API.
pub fn settings(db_url: &str, api: &FakeApi, extra: &[&str]) -> Settings {
    let mut args = vec![
        "kesos-bot".to_string(),
        "--database-url".into(),
        db_url.into(),
        "run".into(),
        "--token".into(),
        "123456:TEST-TOKEN".into(),
        "--api-url".into(),
        api.url(),
    ];
    if let Some((_, key)) = key_env(db_url)
        && !extra.contains(&"--secret")
    {
        args.extend(["--secret".to_string(), key.to_string()]);
    }
    // Fast defaults for tests, unless the test sets them itself.
    for (flag, value) in [
        ("--send-rate", "1000"),
        ("--chat-rate", "1000"),
        ("--poll-timeout", "1"),
    ] {
        if !extra.contains(&flag) {
            args.extend([flag.to_string(), value.to_string()]);
        }
    }
    args.extend(extra.iter().map(|s| s.to_string()));
    let cli = Cli::try_parse_from(args).expect("test command line parses");
    match &cli.command {
        Command::Run(run) => Settings::from_args(&cli.db, run).expect("test settings are valid"),
        _ => unreachable!(),
    }
}

/// The real bot, running in this process against the fake API.
pub struct TestBot {
    pub api: FakeApi,
    /// A second handle on the bot's database, for assertions.
    pub db: Db,
    pub db_url: String,
    stop: Option<tokio::sync::oneshot::Sender<()>>,
    handle: Option<tokio::task::JoinHandle<anyhow::Result<()>>>,
}

impl TestBot {
    pub async fn start(tdb: &TestDb) -> TestBot {
        Self::start_with(tdb, FakeApi::start().await, &[]).await
    }

    /// Starts the bot with extra `run` flags (e.g. `["--send-rate", "5"]`) on a given fake API.
    pub async fn start_with(tdb: &TestDb, api: FakeApi, extra: &[&str]) -> TestBot {
        let settings = settings(&tdb.url, &api, extra);
        let (tx, rx) = tokio::sync::oneshot::channel::<()>();
        let handle = tokio::spawn(kesos_bot::runtime::run(settings, async move {
            let _ = rx.await;
        }));
        let db = Db::connect(&tdb.url).await.unwrap();
        let bot = TestBot {
            api,
            db,
            db_url: tdb.url.clone(),
            stop: Some(tx),
            handle: Some(handle),
        };
        // Ready once it polls for updates.
        let deadline = tokio::time::Instant::now() + Duration::from_secs(20);
        while bot.api.get_updates_calls() == 0 {
            assert!(
                tokio::time::Instant::now() < deadline,
                "the bot did not start polling"
            );
            if bot.handle.as_ref().unwrap().is_finished() {
                panic!("the bot stopped at start");
            }
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
        bot
    }

    /// Stops the bot as SIGTERM would and waits until it returned. Gives back the fake API, so
    /// that a restarted bot sees the same "Telegram".
    pub async fn stop(mut self) -> FakeApi {
        let _ = self.stop.take().unwrap().send(());
        let result = tokio::time::timeout(Duration::from_secs(20), self.handle.take().unwrap())
            .await
            .expect("the bot stops within 20 s");
        result
            .expect("the bot task did not panic")
            .expect("the bot stopped without error");
        self.db.pool.close().await;
        self.api.clone()
    }

    pub fn user(&self, id: i64) -> User<'_> {
        User {
            bot: self,
            id,
            first_name: "Siti".into(),
            lang: Some("id".into()),
        }
    }

    pub fn user_en(&self, id: i64) -> User<'_> {
        User {
            bot: self,
            id,
            first_name: "John".into(),
            lang: Some("en".into()),
        }
    }

    /// Waits until the bot finished handling an update (its inbox row is done).
    pub async fn wait_handled(&self, update_id: i64) {
        self.wait_handled_within(update_id, Duration::from_secs(15))
            .await
    }

    /// [`TestBot::wait_handled`] with a deadline of the test's choosing (a Bot API that fails
    /// makes handlers wait).
    pub async fn wait_handled_within(&self, update_id: i64, timeout: Duration) {
        let deadline = tokio::time::Instant::now() + timeout;
        loop {
            let row: Option<(Option<i64>,)> =
                sqlx::query_as("SELECT done_at FROM inbox WHERE update_id = $1")
                    .bind(update_id)
                    .fetch_optional(&self.db.pool)
                    .await
                    .unwrap();
            if matches!(row, Some((Some(_),))) {
                return;
            }
            assert!(
                tokio::time::Instant::now() < deadline,
                "update {update_id} was not handled within {timeout:?}"
            );
            tokio::time::sleep(Duration::from_millis(5)).await;
        }
    }
}

impl Drop for TestBot {
    fn drop(&mut self) {
        if let Some(tx) = self.stop.take() {
            let _ = tx.send(());
        }
    }
}

/// A Telegram user chatting with the bot in a private chat (chat id = user id).
pub struct User<'a> {
    pub bot: &'a TestBot,
    pub id: i64,
    pub first_name: String,
    pub lang: Option<String>,
}

impl User<'_> {
    fn from(&self) -> Value {
        let mut u = json!({ "id": self.id, "is_bot": false, "first_name": self.first_name });
        if let Some(l) = &self.lang {
            u["language_code"] = json!(l);
        }
        u
    }

    fn chat(&self) -> Value {
        json!({ "id": self.id, "type": "private", "first_name": self.first_name })
    }

    /// A message with the given fields (text, sticker, photo…), as Telegram sends it.
    pub fn message(&self, fields: Value) -> Value {
        let mut m = json!({
            "message_id": self.bot.api.next_message_id(),
            "date": chrono::Utc::now().timestamp(),
            "chat": self.chat(),
            "from": self.from(),
        });
        for (k, v) in fields.as_object().unwrap() {
            m[k] = v.clone();
        }
        m
    }

    /// Sends an update and returns what the bot did in this chat while handling it.
    pub async fn update(&self, kind: &str, payload: Value) -> Reply {
        let from = self.bot.api.call_count();
        let id = self.bot.api.push(kind, payload);
        self.bot.wait_handled(id).await;
        let calls = self
            .bot
            .api
            .calls()
            .into_iter()
            .skip(from)
            .filter(|c| self.concerns(c))
            .collect();
        Reply {
            calls,
            update_id: id,
        }
    }

    fn concerns(&self, c: &Call) -> bool {
        c.chat_id() == Some(self.id)
            || c.method == "answercallbackquery"
            || (c.method == "setmycommands"
                && c.body.pointer("/scope/chat_id").and_then(Value::as_i64) == Some(self.id))
    }

    /// Types a text (or a command).
    pub async fn send(&self, text: &str) -> Reply {
        let mut fields = json!({ "text": text });
        if text.starts_with('/') {
            let len = text
                .split_whitespace()
                .next()
                .unwrap()
                .encode_utf16()
                .count();
            fields["entities"] = json!([{ "type": "bot_command", "offset": 0, "length": len }]);
        }
        self.update("message", self.message(fields)).await
    }

    pub async fn sticker(&self) -> Reply {
        self.update(
            "message",
            self.message(json!({ "sticker": {
                "file_id": "sticker-1", "file_unique_id": "s1", "type": "regular",
                "width": 512, "height": 512, "is_animated": false, "is_video": false
            }})),
        )
        .await
    }

    pub async fn photo(&self, file_id: &str) -> Reply {
        self.update(
            "message",
            self.message(json!({ "photo": [
                { "file_id": format!("{file_id}-small"), "file_unique_id": "p1", "width": 90, "height": 90 },
                { "file_id": file_id, "file_unique_id": "p2", "width": 1280, "height": 960 }
            ]})),
        )
        .await
    }

    pub async fn location(&self, latitude: f64, longitude: f64) -> Reply {
        self.update(
            "message",
            self.message(json!({ "location": { "latitude": latitude, "longitude": longitude } })),
        )
        .await
    }

    pub async fn contact(&self, phone: &str) -> Reply {
        self.update(
            "message",
            self.message(json!({ "contact": {
                "phone_number": phone, "first_name": self.first_name, "user_id": self.id
            }})),
        )
        .await
    }

    /// Presses the button with this callback data on the latest message that shows it.
    pub async fn press(&self, data: &str) -> Reply {
        let call = self
            .bot
            .api
            .calls()
            .into_iter()
            .rev()
            .find(|c| c.chat_id() == Some(self.id) && c.buttons().iter().any(|(_, d)| d == data))
            .unwrap_or_else(|| panic!("no message in chat {} shows a button {data:?}", self.id));
        self.press_on(call.message_id.unwrap_or(1), call.text(), data)
            .await
    }

    /// Presses a button with any data on any message: stale or forged buttons.
    pub async fn press_on(&self, message_id: i64, text: &str, data: &str) -> Reply {
        static N: AtomicU64 = AtomicU64::new(1);
        let q = json!({
            "id": format!("cbq-{}", N.fetch_add(1, Ordering::SeqCst)),
            "from": self.from(),
            "chat_instance": format!("ci-{}", self.id),
            "data": data,
            "message": {
                "message_id": message_id,
                "date": chrono::Utc::now().timestamp(),
                "chat": self.chat(),
                "from": fake_api::FakeApi::bot_user_json(),
                "text": if text.is_empty() { "…" } else { text },
            }
        });
        self.update("callback_query", q).await
    }
}

/// What the bot did in one chat while handling one update.
#[derive(Debug, Clone)]
pub struct Reply {
    pub calls: Vec<Call>,
    pub update_id: i64,
}

impl Reply {
    /// Messages sent or edited, in order.
    pub fn messages(&self) -> Vec<&Call> {
        self.calls
            .iter()
            .filter(|c| c.method.starts_with("send") || c.method == "editmessagetext")
            .collect()
    }

    /// The text of the last message sent or edited.
    pub fn text(&self) -> String {
        self.messages()
            .last()
            .map(|c| c.text().to_string())
            .unwrap_or_else(|| {
                panic!(
                    "the bot sent nothing; it did: {:?}",
                    self.calls.iter().map(|c| &c.method).collect::<Vec<_>>()
                )
            })
    }

    /// All texts, joined.
    pub fn all_text(&self) -> String {
        self.messages()
            .iter()
            .map(|c| c.text())
            .collect::<Vec<_>>()
            .join("\n")
    }

    /// The buttons (label, data) of the last message that has any.
    pub fn buttons(&self) -> Vec<(String, String)> {
        self.messages()
            .iter()
            .rev()
            .map(|c| c.buttons())
            .find(|b| !b.is_empty())
            .unwrap_or_default()
    }

    pub fn has_button(&self, data: &str) -> bool {
        self.buttons().iter().any(|(_, d)| d == data)
    }

    /// The text of the callback answer ("toast"), if any.
    pub fn toast(&self) -> Option<String> {
        self.calls
            .iter()
            .find(|c| c.method == "answercallbackquery")
            .map(|c| {
                c.body
                    .get("text")
                    .and_then(Value::as_str)
                    .unwrap_or("")
                    .to_string()
            })
    }

    pub fn answered_callback(&self) -> bool {
        self.calls.iter().any(|c| c.method == "answercallbackquery")
    }

    /// Asserts that the bot said something containing each of `parts`.
    #[track_caller]
    pub fn assert_contains(&self, parts: &[&str]) {
        let all = self.all_text();
        for p in parts {
            assert!(
                all.contains(p),
                "expected {p:?} in the bot's answer:\n{all}"
            );
        }
    }
}
