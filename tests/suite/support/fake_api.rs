//! An in-process stand-in for the Telegram Bot API, served over real HTTP on loopback, so that
//! the real bot (teloxide's dispatcher, HTTP client and throttle) runs unchanged against it.
//!
//! It queues updates for `getUpdates`, answers the methods teloxide calls, records every call
//! the bot makes, and can play a user who blocked the bot.

use axum::Router;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde_json::{Value, json};
use std::collections::{HashSet, VecDeque};
use std::net::SocketAddr;
use std::sync::{Arc, Mutex};
use std::time::Duration;
use tokio::sync::Notify;

pub const BOT_ID: i64 = 7_000_000_001;
pub const BOT_USERNAME: &str = "kesos_test_bot";

/// One call the bot made: the method (lowercase) and its JSON body.
#[derive(Debug, Clone)]
pub struct Call {
    pub method: String,
    pub body: Value,
    /// Order of arrival, across all methods.
    pub seq: usize,
    /// The message this call created or edited (for sends and edits).
    pub message_id: Option<i64>,
    /// When it arrived.
    pub at: std::time::Instant,
}

impl Call {
    pub fn chat_id(&self) -> Option<i64> {
        self.body.get("chat_id").and_then(Value::as_i64)
    }
    /// The text of a message, or the caption of a photo or document.
    pub fn text(&self) -> &str {
        self.body
            .get("text")
            .or_else(|| self.body.get("caption"))
            .and_then(Value::as_str)
            .unwrap_or("")
    }
    /// Callback data of every inline button, row by row.
    pub fn buttons(&self) -> Vec<(String, String)> {
        let mut out = vec![];
        if let Some(rows) = self
            .body
            .pointer("/reply_markup/inline_keyboard")
            .and_then(Value::as_array)
        {
            for row in rows {
                for b in row.as_array().into_iter().flatten() {
                    let text = b
                        .get("text")
                        .and_then(Value::as_str)
                        .unwrap_or("")
                        .to_string();
                    let data = b
                        .get("callback_data")
                        .and_then(Value::as_str)
                        .unwrap_or("")
                        .to_string();
                    out.push((text, data));
                }
            }
        }
        out
    }
}

#[derive(Default)]
struct Inner {
    updates: VecDeque<Value>,
    next_update_id: i64,
    next_message_id: i64,
    calls: Vec<Call>,
    /// The highest offset the bot sent to getUpdates: every update below it is confirmed.
    confirmed_offset: i64,
    blocked: HashSet<i64>,
    get_updates_calls: u64,
    /// Share of calls (other than getUpdates and getMe) answered with a 500, and the state of
    /// the generator that decides which (seeded: a failing run can be replayed).
    fault_rate: f64,
    fault_rng: u64,
    faults: u64,
    /// Telegram's overall limit, when set: sends beyond this many per second (a bucket that
    /// holds one second's worth) are answered 429 with `retry_after`.
    rate_limit: Option<f64>,
    bucket: f64,
    bucket_at: Option<std::time::Instant>,
    too_many: u64,
    /// Files uploaded (multipart sends).
    uploads: u64,
}

#[derive(Clone)]
pub struct FakeApi {
    inner: Arc<Mutex<Inner>>,
    new_update: Arc<Notify>,
    new_call: Arc<Notify>,
    pub addr: SocketAddr,
    /// When false, calls are counted but not recorded (for benches).
    record: Arc<std::sync::atomic::AtomicBool>,
    sent_count: Arc<std::sync::atomic::AtomicU64>,
}

impl FakeApi {
    /// Starts the server on a free loopback port.
    pub async fn start() -> FakeApi {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .expect("bind loopback");
        let addr = listener.local_addr().unwrap();
        let api = FakeApi {
            inner: Arc::new(Mutex::new(Inner {
                next_update_id: 1000,
                next_message_id: 1,
                ..Default::default()
            })),
            new_update: Arc::new(Notify::new()),
            new_call: Arc::new(Notify::new()),
            addr,
            record: Arc::new(std::sync::atomic::AtomicBool::new(true)),
            sent_count: Arc::new(std::sync::atomic::AtomicU64::new(0)),
        };
        let app = Router::new()
            .route("/{bot}/{method}", axum::routing::post(handle).get(handle))
            .with_state(api.clone());
        tokio::spawn(async move {
            axum::serve(listener, app).await.ok();
        });
        api
    }

    /// The base URL to give the bot as `TELOXIDE_API_URL`.
    pub fn url(&self) -> String {
        format!("http://{}", self.addr)
    }

    pub fn set_recording(&self, on: bool) {
        self.record.store(on, std::sync::atomic::Ordering::SeqCst);
    }

    /// Messages sent (sendMessage, sendPhoto…) so far, recorded or not.
    pub fn sent_count(&self) -> u64 {
        self.sent_count.load(std::sync::atomic::Ordering::SeqCst)
    }

    /// Queues an update; `kind` is e.g. `"message"` and `payload` its object. Returns its id.
    pub fn push(&self, kind: &str, payload: Value) -> i64 {
        let id = {
            let mut g = self.inner.lock().unwrap();
            let id = g.next_update_id;
            g.next_update_id += 1;
            g.updates
                .push_back(json!({ "update_id": id, kind: payload }));
            id
        };
        self.new_update.notify_waiters();
        id
    }

    /// Queues the same update again (Telegram delivering twice).
    pub fn push_again(&self, update_id: i64, kind: &str, payload: Value) {
        self.inner
            .lock()
            .unwrap()
            .updates
            .push_back(json!({ "update_id": update_id, kind: payload }));
        self.new_update.notify_waiters();
    }

    pub fn next_message_id(&self) -> i64 {
        let mut g = self.inner.lock().unwrap();
        g.next_message_id += 1;
        g.next_message_id
    }

    pub fn calls(&self) -> Vec<Call> {
        self.inner.lock().unwrap().calls.clone()
    }

    pub fn call_count(&self) -> usize {
        self.inner.lock().unwrap().calls.len()
    }

    /// The offset the bot last acknowledged: updates below it were confirmed to "Telegram".
    pub fn confirmed_offset(&self) -> i64 {
        self.inner.lock().unwrap().confirmed_offset
    }

    pub fn get_updates_calls(&self) -> u64 {
        self.inner.lock().unwrap().get_updates_calls
    }

    /// From now on, this share of calls fails as a Bot API server in trouble answers: HTTP 500,
    /// `Internal Server Error`, and nothing done. Seeded, so a run can be repeated.
    pub fn set_fault_rate(&self, rate: f64, seed: u64) {
        let mut g = self.inner.lock().unwrap();
        g.fault_rate = rate;
        g.fault_rng = seed.max(1);
    }

    /// From now on, sends beyond `per_second` overall are refused as Telegram does: HTTP 429
    /// with `retry_after` (one second).
    pub fn set_rate_limit(&self, per_second: u32) {
        let mut g = self.inner.lock().unwrap();
        g.rate_limit = Some(f64::from(per_second));
        g.bucket = f64::from(per_second);
        g.bucket_at = Some(std::time::Instant::now());
    }

    /// Sends refused with 429 so far.
    pub fn too_many(&self) -> u64 {
        self.inner.lock().unwrap().too_many
    }

    /// Files uploaded with a send so far (not files sent again by their id).
    pub fn uploads(&self) -> u64 {
        self.inner.lock().unwrap().uploads
    }

    /// Whether a send now is over the rate limit (and then counted).
    fn over_rate(&self) -> bool {
        let mut g = self.inner.lock().unwrap();
        let Some(rate) = g.rate_limit else {
            return false;
        };
        let now = std::time::Instant::now();
        let since = g.bucket_at.map_or(0.0, |t| (now - t).as_secs_f64());
        g.bucket = (g.bucket + since * rate).min(rate);
        g.bucket_at = Some(now);
        if g.bucket >= 1.0 {
            g.bucket -= 1.0;
            false
        } else {
            g.too_many += 1;
            true
        }
    }

    /// Calls answered with a fault so far.
    pub fn faults(&self) -> u64 {
        self.inner.lock().unwrap().faults
    }

    /// From now on, sends to this chat fail as when the user blocked the bot.
    pub fn block(&self, chat_id: i64) {
        self.inner.lock().unwrap().blocked.insert(chat_id);
    }

    /// Waits until a call satisfying `pred` was recorded after position `from`.
    pub async fn wait_call(
        &self,
        from: usize,
        timeout: Duration,
        pred: impl Fn(&Call) -> bool,
    ) -> Option<Call> {
        let deadline = tokio::time::Instant::now() + timeout;
        loop {
            let notified = self.new_call.notified();
            if let Some(c) = self.calls().into_iter().skip(from).find(|c| pred(c)) {
                return Some(c);
            }
            if tokio::time::timeout_at(deadline, notified).await.is_err() {
                return None;
            }
        }
    }
}

impl FakeApi {
    /// Whether this call is one of the faults (xorshift: no shared RNG, repeatable).
    fn fault_now(&self) -> bool {
        let mut g = self.inner.lock().unwrap();
        if g.fault_rate <= 0.0 {
            return false;
        }
        let mut x = g.fault_rng;
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        g.fault_rng = x;
        let fault = (x >> 11) as f64 / (1u64 << 53) as f64 <= g.fault_rate;
        if fault {
            g.faults += 1;
        }
        fault
    }

    pub fn bot_user_json() -> Value {
        bot_user()
    }
}

fn ok(result: Value) -> Response {
    axum::Json(json!({ "ok": true, "result": result })).into_response()
}

fn bot_user() -> Value {
    json!({
        "id": BOT_ID, "is_bot": true, "first_name": "Kesos", "username": BOT_USERNAME,
        "can_join_groups": false, "can_read_all_group_messages": false,
        "supports_inline_queries": false, "has_main_web_app": false
    })
}

/// The fields of a multipart request (a send with a file): text fields as strings (a JSON
/// keyboard parsed), a file as `"upload:<file name>"`.
fn multipart_fields(content_type: &str, body: &[u8]) -> Option<Value> {
    let boundary = content_type.split("boundary=").nth(1)?.trim_matches('"');
    let body = String::from_utf8_lossy(body);
    let mut fields = serde_json::Map::new();
    for part in body.split(&format!("--{boundary}")) {
        let Some((head, content)) = part.split_once("\r\n\r\n") else {
            continue;
        };
        let content = content.strip_suffix("\r\n").unwrap_or(content);
        let attr = |name: &str| {
            let key = format!("{name}=\"");
            let start = head.find(&key)? + key.len();
            head[start..].split('"').next().map(str::to_string)
        };
        let Some(name) = attr("name") else { continue };
        let value = match attr("filename") {
            Some(file) => json!(format!("upload:{file}")),
            None => serde_json::from_str::<Value>(content)
                .ok()
                .filter(|v| v.is_object() || v.is_number())
                .unwrap_or_else(|| json!(content)),
        };
        fields.insert(name, value);
    }
    Some(Value::Object(fields))
}

async fn handle(
    State(api): State<FakeApi>,
    Path((_bot, method)): Path<(String, String)>,
    headers: axum::http::HeaderMap,
    body: axum::body::Bytes,
) -> Response {
    let method = method.to_ascii_lowercase();
    let content_type = headers
        .get(axum::http::header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("");
    let body: Value = if content_type.starts_with("multipart/form-data") {
        let fields = multipart_fields(content_type, &body).unwrap_or(Value::Null);
        let uploads = fields
            .as_object()
            .into_iter()
            .flat_map(|o| o.values())
            .filter(|v| v.as_str().is_some_and(|s| s.starts_with("upload:")))
            .count();
        api.inner.lock().unwrap().uploads += uploads as u64;
        fields
    } else {
        serde_json::from_slice(&body).unwrap_or(Value::Null)
    };
    if method == "getupdates" {
        return get_updates(api, body).await;
    }
    if method != "getme" && api.fault_now() {
        return (
            StatusCode::INTERNAL_SERVER_ERROR,
            axum::Json(json!({
                "ok": false, "error_code": 500, "description": "Internal Server Error"
            })),
        )
            .into_response();
    }
    let chat_id = body.get("chat_id").and_then(Value::as_i64);
    let is_send = method.starts_with("send");
    if is_send && api.over_rate() {
        return (
            StatusCode::TOO_MANY_REQUESTS,
            axum::Json(json!({
                "ok": false, "error_code": 429,
                "description": "Too Many Requests: retry after 1",
                "parameters": { "retry_after": 1 }
            })),
        )
            .into_response();
    }
    if is_send {
        api.sent_count
            .fetch_add(1, std::sync::atomic::Ordering::SeqCst);
    }
    {
        let g = api.inner.lock().unwrap();
        if let Some(chat) = chat_id
            && g.blocked.contains(&chat)
            && (is_send || method.starts_with("edit"))
        {
            return (
                StatusCode::FORBIDDEN,
                axum::Json(json!({
                    "ok": false, "error_code": 403,
                    "description": "Forbidden: bot was blocked by the user"
                })),
            )
                .into_response();
        }
    }
    let message_id = match body.get("message_id").and_then(Value::as_i64) {
        Some(id) if method.starts_with("edit") => Some(id),
        _ if is_send => Some(api.next_message_id()),
        _ => None,
    };
    {
        let mut g = api.inner.lock().unwrap();
        if api.record.load(std::sync::atomic::Ordering::SeqCst) {
            let seq = g.calls.len();
            g.calls.push(Call {
                method: method.clone(),
                body: body.clone(),
                seq,
                message_id,
                at: std::time::Instant::now(),
            });
        }
    }
    api.new_call.notify_waiters();
    match method.as_str() {
        "getme" => ok(bot_user()),
        "sendmessage"
        | "editmessagetext"
        | "editmessagereplymarkup"
        | "sendphoto"
        | "senddocument"
        | "sendlocation" => {
            let message_id = message_id.unwrap_or(1);
            let mut msg = json!({
                "message_id": message_id,
                "date": chrono::Utc::now().timestamp(),
                "chat": { "id": chat_id.unwrap_or(0), "type": "private", "first_name": "User" },
                "from": bot_user(),
            });
            if let Some(text) = body.get("text") {
                msg["text"] = text.clone();
            }
            if let Some(caption) = body.get("caption") {
                msg["caption"] = caption.clone();
            }
            if let Some(markup) = body.get("reply_markup") {
                msg["reply_markup"] = markup.clone();
            }
            // A file sent by id keeps it; an uploaded one gets a new id, as on Telegram.
            let file_id = |field: &str, fresh: &str| match body.get(field).and_then(Value::as_str) {
                Some(id) if !id.starts_with("upload:") => id.to_string(),
                _ => format!("{fresh}-{message_id}"),
            };
            if method == "sendphoto" {
                msg["photo"] = json!([{ "file_id": file_id("photo", "uploaded-photo"), "file_unique_id": "u", "width": 1, "height": 1 }]);
            }
            if method == "senddocument" {
                msg["document"] = json!({ "file_id": file_id("document", "uploaded-doc"), "file_unique_id": "d" });
            }
            ok(msg)
        }
        "getfile" => ok(
            json!({ "file_id": body.get("file_id").cloned().unwrap_or(Value::Null),
                                 "file_unique_id": "f", "file_size": 10, "file_path": "photos/f.jpg" }),
        ),
        _ => ok(json!(true)),
    }
}

async fn get_updates(api: FakeApi, body: Value) -> Response {
    if std::env::var("FAKE_DEBUG").is_ok() {
        eprintln!("getUpdates {body} at {:?}", std::time::SystemTime::now());
    }
    let offset = body.get("offset").and_then(Value::as_i64).unwrap_or(0);
    let limit = body.get("limit").and_then(Value::as_u64).unwrap_or(100) as usize;
    let timeout = body.get("timeout").and_then(Value::as_u64).unwrap_or(0);
    // Answer an empty poll after a short wait: long enough not to spin, short enough for tests.
    let wait = Duration::from_millis((timeout * 1000).min(300));
    let deadline = tokio::time::Instant::now() + wait;
    loop {
        let notified = api.new_update.notified();
        {
            let mut g = api.inner.lock().unwrap();
            g.get_updates_calls += 1;
            g.confirmed_offset = g.confirmed_offset.max(offset);
            g.updates
                .retain(|u| u["update_id"].as_i64().unwrap_or(0) >= offset);
            if !g.updates.is_empty() {
                let batch: Vec<Value> = g.updates.iter().take(limit).cloned().collect();
                return ok(Value::Array(batch));
            }
        }
        if tokio::time::timeout_at(deadline, notified).await.is_err() {
            return ok(json!([]));
        }
    }
}
