//! The `kesos-bot` binary as an operator runs it: configuration errors, and a real process
//! against a Bot API stand-in on loopback, stopped with SIGTERM and started again.

use crate::on_each_backend;
use crate::support::fake_api::FakeApi;
use std::process::{Child, Command, Stdio};
use std::time::Duration;

pub(crate) fn kesos_bot() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_kesos-bot"));
    // The test's environment must not leak into the child.
    for var in [
        "TELOXIDE_TOKEN",
        "TELOXIDE_API_URL",
        "DATABASE_URL",
        "KESOS_SECRET",
        "KESOS_SECRET_FILE",
        "KESOS_SEND_RATE",
    ] {
        c.env_remove(var);
    }
    c.current_dir(std::env::temp_dir());
    c
}

#[test]
fn run_without_a_token_says_what_to_set_in_one_line() {
    let dir = tempfile::tempdir().unwrap();
    let out = kesos_bot()
        .current_dir(dir.path())
        .args(["run"])
        .output()
        .unwrap();
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    let lines: Vec<_> = err.lines().filter(|l| !l.trim().is_empty()).collect();
    assert_eq!(lines.len(), 1, "one line, got: {err}");
    assert!(
        lines[0].contains("TELOXIDE_TOKEN") && lines[0].contains("@BotFather"),
        "{err}"
    );
}

#[test]
fn a_malformed_database_url_is_refused_in_one_line() {
    let out = kesos_bot()
        .args(["run", "--token", "1:x"])
        .env("DATABASE_URL", "mysql://nowhere")
        .output()
        .unwrap();
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(err.trim().lines().count(), 1, "{err}");
    assert!(err.contains("DATABASE_URL"), "{err}");
}

/// A running `kesos-bot run`, its log collected as it is written (a full pipe would block it).
pub(crate) struct Running {
    pub(crate) child: Child,
    pub(crate) log: std::sync::Arc<std::sync::Mutex<String>>,
}

pub(crate) fn spawn(db_url: &str, api: &FakeApi) -> Running {
    let mut cmd = kesos_bot();
    if let Some((var, key)) = crate::support::key_env(db_url) {
        cmd.env(var, key);
    }
    let mut child = cmd
        .args(["run"])
        .env("TELOXIDE_TOKEN", "123456:SECRET-TOKEN-VALUE")
        .env("TELOXIDE_API_URL", format!("{}/", api.url()))
        .env("DATABASE_URL", db_url)
        .env("KESOS_POLL_TIMEOUT", "1")
        .env("RUST_LOG", "debug,hyper_util=info,sqlx=info")
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let log = std::sync::Arc::new(std::sync::Mutex::new(String::new()));
    let mut stderr = child.stderr.take().unwrap();
    let sink = log.clone();
    std::thread::spawn(move || {
        use std::io::Read;
        let mut buf = [0u8; 8192];
        while let Ok(n) = stderr.read(&mut buf) {
            if n == 0 {
                break;
            }
            sink.lock()
                .unwrap()
                .push_str(&String::from_utf8_lossy(&buf[..n]));
        }
    });
    Running { child, log }
}

pub(crate) fn terminate(running: &mut Running) -> (bool, String) {
    let child = &mut running.child;
    let status = Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status()
        .unwrap();
    assert!(status.success());
    let deadline = std::time::Instant::now() + Duration::from_secs(15);
    loop {
        if let Some(status) = child.try_wait().unwrap() {
            eprintln!(
                "exited {:?} after SIGTERM",
                std::time::Instant::now() + Duration::from_secs(15) - deadline
            );
            std::thread::sleep(Duration::from_millis(100));
            let log = running.log.lock().unwrap().clone();
            if std::env::var("FAKE_DEBUG").is_ok() {
                eprintln!(
                    "{}",
                    log.lines()
                        .filter(|l| l.contains("kesos") || l.contains("teloxide"))
                        .collect::<Vec<_>>()
                        .join("\n")
                );
            }
            return (status.success(), log);
        }
        if std::time::Instant::now() > deadline {
            let log = running.log.lock().unwrap().clone();
            let tail: String = log
                .lines()
                .rev()
                .take(30)
                .collect::<Vec<_>>()
                .into_iter()
                .rev()
                .collect::<Vec<_>>()
                .join("\n");
            panic!("kesos-bot did not exit on SIGTERM; log tail:\n{tail}");
        }
        std::thread::sleep(Duration::from_millis(50));
    }
}

async fn say(api: &FakeApi, user: i64, lang: &str, text: &str) -> String {
    let from = api.call_count();
    api.push(
        "message",
        serde_json::json!({
            "message_id": api.next_message_id(), "date": chrono::Utc::now().timestamp(),
            "chat": { "id": user, "type": "private", "first_name": "Dewi" },
            "from": { "id": user, "is_bot": false, "first_name": "Dewi", "language_code": lang },
            "text": text,
        }),
    );
    let started = std::time::Instant::now();
    let call = api
        .wait_call(from, Duration::from_secs(10), |c| {
            c.chat_id() == Some(user) && c.method == "sendmessage"
        })
        .await
        .unwrap_or_else(|| panic!("no answer to {text:?}"));
    eprintln!("answered {text:?} in {:?}", started.elapsed());
    call.text().to_string()
}

// Multi-threaded: the fake API must keep answering while this thread waits for the process.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_binary_answers_switches_language_survives_a_restart_and_stops_on_sigterm() {
    on_each_backend!(|tdb| {
        let api = FakeApi::start().await;
        let mut child = spawn(&tdb.url, &api);
        let started = std::time::Instant::now();
        let text = say(&api, 900, "id", "/start").await;
        assert!(text.contains("Selamat datang, Dewi!"), "{text}");
        eprintln!("first answer after start: {:?}", started.elapsed());

        let from = api.call_count();
        say(&api, 900, "id", "/bahasa").await;
        let menu = api.calls()[from..]
            .iter()
            .rev()
            .find(|c| c.chat_id() == Some(900))
            .cloned()
            .unwrap();
        api.push(
            "callback_query",
            serde_json::json!({
                "id": "q1", "chat_instance": "c", "data": "lang:en",
                "from": { "id": 900, "is_bot": false, "first_name": "Dewi", "language_code": "id" },
                "message": { "message_id": menu.message_id.unwrap(), "date": 1,
                             "chat": { "id": 900, "type": "private", "first_name": "Dewi" }, "text": "x" }
            }),
        );
        api.wait_call(from, Duration::from_secs(10), |c| {
            c.text().contains("now speaks English")
        })
        .await
        .expect("language switched");
        let sticker = serde_json::json!({
            "message_id": 99, "date": 1,
            "chat": { "id": 900, "type": "private", "first_name": "Dewi" },
            "from": { "id": 900, "is_bot": false, "first_name": "Dewi" },
            "sticker": { "file_id": "s", "file_unique_id": "s", "type": "regular", "width": 1, "height": 1,
                         "is_animated": false, "is_video": false }
        });
        let from = api.call_count();
        api.push("message", sticker);
        api.wait_call(from, Duration::from_secs(10), |c| {
            c.text().contains("only read text messages")
        })
        .await
        .expect("the sticker is answered, in English");

        let (clean, log) = terminate(&mut child);
        assert!(clean, "exit status after SIGTERM is success; log:\n{log}");
        assert!(
            !log.contains("SECRET-TOKEN-VALUE"),
            "the token leaked into the log"
        );
        assert!(!log.contains("Dewi"), "a user's name leaked into the log");

        let mut child = spawn(&tdb.url, &api);
        let text = say(&api, 900, "id", "/start").await;
        assert!(
            text.contains("Welcome, Dewi!"),
            "English after a restart: {text}"
        );
        let (clean, _) = terminate(&mut child);
        assert!(clean);
    });
}

/// A port on loopback where nothing listens (bound, then released).
fn closed_port() -> u16 {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    listener.local_addr().unwrap().port()
}

#[test]
fn a_wrong_postgresql_port_is_reported_at_once_as_a_refused_connection() {
    let port = closed_port();
    for (lang, words) in [
        ("en_US.UTF-8", "refused the connection"),
        ("id_ID.UTF-8", "menolak sambungan"),
    ] {
        let started = std::time::Instant::now();
        let out = kesos_bot()
            .args(["worker", "list"])
            .env(
                "DATABASE_URL",
                format!("postgres://postgres@127.0.0.1:{port}/kesos"),
            )
            .env("KESOS_SECRET", "x")
            .env("LANG", lang)
            .output()
            .unwrap();
        let took = started.elapsed();
        eprintln!("refused connection reported after {took:?}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(!out.status.success());
        assert_eq!(err.trim().lines().count(), 1, "one line: {err}");
        assert!(
            err.contains(&format!("127.0.0.1:{port}")) && err.contains(words),
            "{err}"
        );
        // sqlx's pool alone retries a refused connection until its 30 s acquire timeout.
        assert!(took < Duration::from_secs(20), "took {took:?}");
    }
}

#[test]
fn a_sqlite_file_that_cannot_be_created_or_read_is_named_in_one_line() {
    let dir = tempfile::tempdir().unwrap();
    let text_file = dir.path().join("notes.txt");
    std::fs::write(&text_file, "not a database, just some notes\n".repeat(10)).unwrap();
    let cases = [
        (
            dir.path().join("missing").join("kesos.db"),
            "does not exist",
        ),
        (text_file.join("kesos.db"), "is a file, not a folder"),
        (text_file.clone(), "is not a SQLite database"),
        (dir.path().to_path_buf(), "is a folder"),
    ];
    for (path, why) in cases {
        let started = std::time::Instant::now();
        let out = kesos_bot()
            .args(["worker", "list"])
            .env("DATABASE_URL", format!("sqlite://{}", path.display()))
            .env("LANG", "en_US.UTF-8")
            .output()
            .unwrap();
        let took = started.elapsed();
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(!out.status.success());
        assert_eq!(err.trim().lines().count(), 1, "one line: {err}");
        assert!(
            err.contains(&path.display().to_string()) && err.contains(why),
            "{why}: {err}"
        );
        assert!(
            !err.contains("sqlx") && !err.contains("ERROR"),
            "no raw sqlx lines: {err}"
        );
        // A file that is not a database used to be retried, logged each time, for 30 s.
        assert!(took < Duration::from_secs(20), "took {took:?}");
    }
}

#[test]
fn log_lines_written_to_a_file_carry_no_colour_codes() {
    let dir = tempfile::tempdir().unwrap();
    let out = kesos_bot()
        .args([
            "worker", "invite", "--role", "psm", "--area", "Nagasari", "--name", "Bu Euis",
        ])
        .env(
            "DATABASE_URL",
            format!("sqlite://{}", dir.path().join("kesos.db").display()),
        )
        .env_remove("NO_COLOR")
        .output()
        .unwrap();
    assert!(out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    // A new database makes its key and says so in the log.
    assert!(err.contains("generated a new secret key"), "{err}");
    assert!(
        !err.contains('\u{1b}'),
        "no ANSI escapes in a log file: {err:?}"
    );
}

#[test]
fn an_export_into_a_closed_pipe_ends_quietly() {
    use std::io::{BufRead, BufReader};
    let dir = tempfile::tempdir().unwrap();
    let url = format!("sqlite://{}", dir.path().join("kesos.db").display());
    // Far more than a pipe holds (64 KiB), so that the export is still writing when the
    // reader goes away.
    let kpm = dir.path().join("kpm.csv");
    let mut file = std::fs::File::create(&kpm).unwrap();
    kesos_bot::import::kpm::write_synthetic(&mut file, 3000).unwrap();
    drop(file);
    let imported = kesos_bot()
        .args(["import", "kpm", kpm.to_str().unwrap()])
        .env("DATABASE_URL", &url)
        .output()
        .unwrap();
    assert!(imported.status.success(), "{imported:?}");
    let mut child = kesos_bot()
        .args(["export", "kpm"])
        .env("DATABASE_URL", &url)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut first = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut first)
        .unwrap();
    assert!(first.starts_with("household,"), "{first}");
    // The reader (`head -1`) has gone.
    let out = child.wait_with_output().unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.trim().is_empty(), "nothing on stderr: {err}");
    #[cfg(unix)]
    {
        use std::os::unix::process::ExitStatusExt;
        assert!(
            out.status.success() || out.status.signal() == Some(libc::SIGPIPE),
            "{:?}",
            out.status
        );
    }
}
