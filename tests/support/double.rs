//! A Discord double on 127.0.0.1: the REST endpoints and the gateway WebSocket the bot uses,
//! recording every call so tests can check what the bot did. A call it does not know is
//! recorded as unexpected and answered 404, so tests can assert there were none.

use std::collections::HashMap;
use std::net::SocketAddr;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::body::Bytes;
use axum::extract::ws::{CloseFrame, Message as WsMessage, WebSocket, WebSocketUpgrade};
use axum::extract::{Path, State};
use axum::http::{HeaderMap, Method, StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use axum::routing::{any, get, patch, post, put};
use axum::{Json, Router};
use futures_util::{SinkExt, StreamExt};
use serde_json::{json, Value};
use tokio::sync::{mpsc, Notify};

use super::payloads::{self, frame, APPLICATION_ID};

/// Short, so tests see heartbeats quickly; serenity adds jitter to the first one.
const HEARTBEAT_MS: u64 = 1_000;
/// How long a test waits for the bot before failing.
pub const PATIENCE: Duration = Duration::from_secs(30);

/// One REST call as the bot made it.
#[derive(Debug, Clone)]
pub struct Call {
    pub method: Method,
    pub path: String,
    pub body: Value,
}

enum ToBot {
    Frame(Value),
    /// Drop the connection without a closing handshake, as a network failure would.
    Drop,
    /// Close with a gateway close code.
    Close(u16, &'static str),
}

#[derive(Default)]
struct Log {
    calls: Vec<Call>,
    unexpected: Vec<String>,
    identifies: Vec<Value>,
    resumes: Vec<Value>,
    heartbeats: usize,
    connections: usize,
    ready_sent: usize,
    resumed_sent: usize,
    seq: u64,
    session: u64,
    to_bot: Option<mpsc::UnboundedSender<ToBot>>,
    next_id: u64,
    /// The commands as the double registered them, with their ids.
    commands: Vec<Value>,
    /// Messages created in channels, in order (a request repeating a nonce creates none).
    messages: Vec<Value>,
    faults: HashMap<u64, Fault>,
}

/// How the double mistreats message posts in one channel.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fault {
    /// Answer with this HTTP status (403 Missing Permissions, 404 Unknown Channel, 5xx).
    Status(u16),
    /// Answer the next `n` posts with this status, then behave.
    StatusTimes(u16, u32),
    /// Create the message but never answer, as when the bot dies mid-request.
    Hang,
}

struct Shared {
    token: String,
    ws_url: Mutex<String>,
    log: Mutex<Log>,
    changed: Notify,
}

pub struct DiscordDouble {
    addr: SocketAddr,
    shared: Arc<Shared>,
    server: tokio::task::JoinHandle<()>,
}

impl Drop for DiscordDouble {
    fn drop(&mut self) {
        self.server.abort();
    }
}

impl DiscordDouble {
    /// Starts the double; it accepts only `token`.
    pub async fn start(token: &str) -> DiscordDouble {
        let shared = Arc::new(Shared {
            token: token.to_string(),
            ws_url: Mutex::new(String::new()),
            log: Mutex::new(Log { next_id: 1_500_000_000_000_000_000, ..Log::default() }),
            changed: Notify::new(),
        });
        let api = Router::new()
            .route("/api/v10/gateway", get(gateway))
            .route("/api/v10/gateway/bot", get(gateway_bot))
            .route("/api/v10/users/@me", get(current_user))
            .route("/api/v10/applications/@me", get(current_application))
            .route("/api/v10/oauth2/applications/@me", get(current_application))
            .route("/api/v10/applications/{app}/commands", put(register_commands))
            .route("/api/v10/applications/{app}/guilds/{guild}/commands", put(register_commands))
            .route("/api/v10/interactions/{id}/{token}/callback", post(interaction_callback))
            .route("/api/v10/webhooks/{app}/{token}", post(webhook_message))
            .route(
                "/api/v10/webhooks/{app}/{token}/messages/{message}",
                patch(webhook_message).get(webhook_message),
            )
            .route("/api/v10/channels/{channel}/messages", post(channel_message))
            .route("/api/v10/channels/{channel}/messages/{message}", patch(edit_channel_message))
            .route("/gateway", any(gateway_socket))
            .fallback(unexpected)
            .with_state(shared.clone());
        let listener =
            tokio::net::TcpListener::bind("127.0.0.1:0").await.expect("bind the double on loopback");
        let addr = listener.local_addr().unwrap();
        *shared.ws_url.lock().unwrap() = format!("ws://{addr}/gateway");
        let server = tokio::spawn(async move {
            // As Discord's edge does: without it, a small gateway frame can wait ~40 ms for the
            // bot's delayed ACK (Nagle), which would show up in every latency measured here.
            let listener = axum::serve::ListenerExt::tap_io(listener, |tcp| {
                let _ = tcp.set_nodelay(true);
            });
            axum::serve(listener, api).await.expect("the double's server stopped");
        });
        DiscordDouble { addr, shared, server }
    }

    /// What `DISCORD_API_URL` must be set to.
    pub fn url(&self) -> String {
        format!("http://{}", self.addr)
    }

    pub fn calls(&self) -> Vec<Call> {
        self.shared.log.lock().unwrap().calls.clone()
    }

    pub fn unexpected(&self) -> Vec<String> {
        self.shared.log.lock().unwrap().unexpected.clone()
    }

    pub fn identifies(&self) -> Vec<Value> {
        self.shared.log.lock().unwrap().identifies.clone()
    }

    pub fn resumes(&self) -> usize {
        self.shared.log.lock().unwrap().resumes.len()
    }

    pub fn connections(&self) -> usize {
        self.shared.log.lock().unwrap().connections
    }

    pub fn heartbeats(&self) -> usize {
        self.shared.log.lock().unwrap().heartbeats
    }

    /// A fresh snowflake, for interactions and messages.
    pub fn next_id(&self) -> u64 {
        next_id(&self.shared)
    }

    /// From now on, message posts in `channel` meet `fault` (`None`: behave).
    pub fn set_fault(&self, channel: u64, fault: Option<Fault>) {
        let mut log = self.shared.log.lock().unwrap();
        match fault {
            Some(f) => log.faults.insert(channel, f),
            None => log.faults.remove(&channel),
        };
    }

    /// The messages created in `channel`, oldest first.
    pub fn messages(&self, channel: u64) -> Vec<Value> {
        let log = self.shared.log.lock().unwrap();
        let id = channel.to_string();
        log.messages.iter().filter(|m| m["channel_id"] == id.as_str()).cloned().collect()
    }

    /// Waits until `channel` holds at least `n` messages; returns them.
    pub async fn wait_for_messages(&self, channel: u64, n: usize) -> Vec<Value> {
        let id = channel.to_string();
        self.wait_until(&format!("{n} message(s) in channel {channel}"), |log| {
            let found: Vec<Value> = log.messages.iter().filter(|m| m["channel_id"] == id).cloned().collect();
            (found.len() >= n).then_some(found)
        })
        .await
    }

    /// Waits until `check` finds what it looks for in the calls, or fails the test.
    pub async fn wait_for<T>(&self, what: &str, mut check: impl FnMut(&[Call]) -> Option<T>) -> T {
        self.wait_until(what, |log| check(&log.calls)).await
    }

    async fn wait_until<T>(&self, what: &str, mut check: impl FnMut(&Log) -> Option<T>) -> T {
        let deadline = tokio::time::Instant::now() + PATIENCE;
        loop {
            let notified = self.shared.changed.notified();
            if let Some(found) = check(&self.shared.log.lock().unwrap()) {
                return found;
            }
            if tokio::time::timeout_at(deadline, notified).await.is_err() {
                let log = self.shared.log.lock().unwrap();
                let calls: Vec<String> =
                    log.calls.iter().map(|c| format!("{} {}", c.method, c.path)).collect();
                panic!(
                    "timed out waiting for {what}; connections {}, identifies {}, calls: {calls:#?}, unexpected: {:?}",
                    log.connections,
                    log.identifies.len(),
                    log.unexpected
                );
            }
        }
    }

    /// Waits until the bot is connected and has registered its commands; returns them.
    pub async fn wait_until_ready(&self) -> Vec<Value> {
        self.wait_until("READY", |log| (log.ready_sent > 0).then_some(())).await;
        self.wait_until("command registration", |log| {
            (!log.commands.is_empty()).then(|| log.commands.clone())
        })
        .await
    }

    /// Waits until a new bot process has connected (another READY) and registered its commands.
    pub async fn wait_until_ready_again(&self, ready_before: usize) {
        self.wait_until("another READY", |log| (log.ready_sent > ready_before).then_some(())).await;
    }

    /// Waits for a new session after a dropped connection: a RESUMED, or a fresh READY.
    pub async fn wait_until_reconnected(&self, connections_before: usize, ready_before: usize) {
        self.wait_until("the bot to reconnect", |log| {
            (log.connections > connections_before && (log.resumed_sent > 0 || log.ready_sent > ready_before))
                .then_some(())
        })
        .await;
    }

    pub fn ready_count(&self) -> usize {
        self.shared.log.lock().unwrap().ready_sent
    }

    /// Sends a dispatch event to the connected bot.
    pub fn dispatch(&self, event: &str, data: Value) {
        let mut log = self.shared.log.lock().unwrap();
        log.seq += 1;
        let frame = frame(0, data, Some(log.seq), Some(event));
        let sender = log.to_bot.as_ref().expect("the bot is not connected to the gateway");
        sender.send(ToBot::Frame(frame)).expect("the gateway connection is gone");
    }

    /// Cuts the gateway connection abruptly.
    pub fn drop_gateway(&self) {
        if let Some(sender) = self.shared.log.lock().unwrap().to_bot.take() {
            let _ = sender.send(ToBot::Drop);
        }
    }

    /// Sends an INTERACTION_CREATE and waits for the bot's answer to it (the callback body).
    pub async fn interact(&self, interaction: Value) -> Value {
        let id = interaction["id"].as_str().unwrap().to_string();
        self.dispatch("INTERACTION_CREATE", interaction);
        let path = format!("/interactions/{id}/");
        self.wait_for(&format!("the answer to interaction {id}"), |calls| {
            calls
                .iter()
                .find(|c| c.path.contains(&path) && c.path.ends_with("/callback"))
                .map(|c| c.body.clone())
        })
        .await
    }
}

fn next_id(shared: &Shared) -> u64 {
    let mut log = shared.log.lock().unwrap();
    log.next_id += 1;
    log.next_id
}

fn record(shared: &Shared, method: Method, uri: &Uri, body: &Bytes) -> Value {
    let body: Value =
        if body.is_empty() { Value::Null } else { serde_json::from_slice(body).unwrap_or(Value::Null) };
    shared.log.lock().unwrap().calls.push(Call { method, path: uri.path().to_string(), body: body.clone() });
    shared.changed.notify_waiters();
    body
}

fn authorized(shared: &Shared, headers: &HeaderMap) -> bool {
    headers.get("authorization").and_then(|v| v.to_str().ok()) == Some(&format!("Bot {}", shared.token))
}

fn unauthorized() -> Response {
    (StatusCode::UNAUTHORIZED, Json(json!({ "message": "401: Unauthorized", "code": 0 }))).into_response()
}

async fn gateway(State(s): State<Arc<Shared>>, method: Method, uri: Uri) -> Json<Value> {
    record(&s, method, &uri, &Bytes::new());
    Json(json!({ "url": s.ws_url.lock().unwrap().clone() }))
}

async fn gateway_bot(State(s): State<Arc<Shared>>, method: Method, uri: Uri, headers: HeaderMap) -> Response {
    let body = payloads::gateway_bot(&s.ws_url.lock().unwrap());
    authorized_get(&s, method, &uri, &headers, body)
}

async fn current_user(
    State(s): State<Arc<Shared>>,
    method: Method,
    uri: Uri,
    headers: HeaderMap,
) -> Response {
    authorized_get(&s, method, &uri, &headers, payloads::bot_user())
}

async fn current_application(
    State(s): State<Arc<Shared>>,
    method: Method,
    uri: Uri,
    headers: HeaderMap,
) -> Response {
    authorized_get(&s, method, &uri, &headers, payloads::application())
}

/// Records a GET that needs the bot token, and answers it with `body` or 401.
fn authorized_get(s: &Shared, method: Method, uri: &Uri, headers: &HeaderMap, body: Value) -> Response {
    record(s, method, uri, &Bytes::new());
    if !authorized(s, headers) {
        return unauthorized();
    }
    Json(body).into_response()
}

async fn register_commands(
    State(s): State<Arc<Shared>>,
    method: Method,
    uri: Uri,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let commands = record(&s, method, &uri, &body);
    if !authorized(&s, &headers) {
        return unauthorized();
    }
    let registered: Vec<Value> = commands
        .as_array()
        .into_iter()
        .flatten()
        .map(|c| {
            let mut c = c.clone();
            c["id"] = json!(next_id(&s).to_string());
            c["application_id"] = json!(APPLICATION_ID.to_string());
            c["version"] = json!("1");
            c["type"] = c.get("type").cloned().filter(|t| !t.is_null()).unwrap_or(json!(1));
            if c.get("default_member_permissions").is_none() {
                c["default_member_permissions"] = Value::Null;
            }
            c
        })
        .collect();
    s.log.lock().unwrap().commands = registered.clone();
    s.changed.notify_waiters();
    Json(Value::Array(registered)).into_response()
}

async fn interaction_callback(
    State(s): State<Arc<Shared>>,
    method: Method,
    uri: Uri,
    Path((_id, _token)): Path<(String, String)>,
    body: Bytes,
) -> StatusCode {
    record(&s, method, &uri, &body);
    StatusCode::NO_CONTENT
}

async fn webhook_message(State(s): State<Arc<Shared>>, method: Method, uri: Uri, body: Bytes) -> Json<Value> {
    let sent = record(&s, method, &uri, &body);
    let id = next_id(&s);
    Json(payloads::message(id, payloads::CHANNEL_ID, &sent, payloads::bot_user()))
}

async fn channel_message(
    State(s): State<Arc<Shared>>,
    method: Method,
    uri: Uri,
    headers: HeaderMap,
    Path(channel): Path<u64>,
    body: Bytes,
) -> Response {
    let sent = record(&s, method, &uri, &body);
    if !authorized(&s, &headers) {
        return unauthorized();
    }
    let (message, hang) = {
        let mut log = s.log.lock().unwrap();
        let fault = log.faults.get(&channel).copied();
        let status = match fault {
            Some(Fault::Status(status)) => Some(status),
            Some(Fault::StatusTimes(status, n)) => {
                if n <= 1 {
                    log.faults.remove(&channel);
                } else {
                    log.faults.insert(channel, Fault::StatusTimes(status, n - 1));
                }
                Some(status)
            }
            _ => None,
        };
        if let Some(status) = status {
            let (message, code) = match status {
                403 => ("Missing Permissions", 50013),
                404 => ("Unknown Channel", 10003),
                _ => ("Internal Server Error", 0),
            };
            let status = StatusCode::from_u16(status).unwrap();
            return (status, Json(json!({ "message": message, "code": code }))).into_response();
        }
        // Discord's enforce_nonce: the same author repeating a recent nonce gets the first
        // message back, and no second one is created.
        let nonce = sent.get("nonce").filter(|n| !n.is_null()).cloned();
        let channel_id = channel.to_string();
        let repeat = match (&nonce, sent.get("enforce_nonce") == Some(&json!(true))) {
            (Some(nonce), true) => log
                .messages
                .iter()
                .find(|m| m["channel_id"] == channel_id.as_str() && &m["nonce"] == nonce)
                .cloned(),
            _ => None,
        };
        let message = match repeat {
            Some(first) => first,
            None => {
                log.next_id += 1;
                let message = payloads::message(log.next_id, channel, &sent, payloads::bot_user());
                log.messages.push(message.clone());
                message
            }
        };
        (message, fault == Some(Fault::Hang))
    };
    s.changed.notify_waiters();
    if hang {
        std::future::pending::<()>().await;
    }
    Json(message).into_response()
}

/// Editing a message the bot posted: the fields sent replace the stored ones.
async fn edit_channel_message(
    State(s): State<Arc<Shared>>,
    method: Method,
    uri: Uri,
    headers: HeaderMap,
    Path((channel, message)): Path<(u64, u64)>,
    body: Bytes,
) -> Response {
    let edit = record(&s, method, &uri, &body);
    if !authorized(&s, &headers) {
        return unauthorized();
    }
    let edited = {
        let mut log = s.log.lock().unwrap();
        let (channel, message) = (channel.to_string(), message.to_string());
        let stored = log
            .messages
            .iter_mut()
            .find(|m| m["channel_id"] == channel.as_str() && m["id"] == message.as_str());
        stored.map(|m| {
            for field in ["content", "embeds", "components"] {
                if let Some(value) = edit.get(field) {
                    m[field] = value.clone();
                }
            }
            m["edited_timestamp"] = json!(payloads::TIMESTAMP);
            m.clone()
        })
    };
    s.changed.notify_waiters();
    match edited {
        Some(message) => Json(message).into_response(),
        None => (StatusCode::NOT_FOUND, Json(json!({ "message": "Unknown Message", "code": 10008 })))
            .into_response(),
    }
}

async fn unexpected(State(s): State<Arc<Shared>>, method: Method, uri: Uri, body: Bytes) -> Response {
    record(&s, method.clone(), &uri, &body);
    s.log.lock().unwrap().unexpected.push(format!("{method} {}", uri.path()));
    (StatusCode::NOT_FOUND, Json(json!({ "message": "404: Not Found", "code": 0 }))).into_response()
}

async fn gateway_socket(State(s): State<Arc<Shared>>, upgrade: WebSocketUpgrade) -> Response {
    upgrade.on_upgrade(move |socket| session(s, socket))
}

/// One gateway connection: HELLO, then IDENTIFY or RESUME, heartbeats, and dispatches.
async fn session(s: Arc<Shared>, socket: WebSocket) {
    let (mut sink, mut stream) = socket.split();
    let (to_bot, mut outbox) = mpsc::unbounded_channel();
    {
        let mut log = s.log.lock().unwrap();
        log.connections += 1;
        log.to_bot = Some(to_bot.clone());
    }
    s.changed.notify_waiters();
    let hello = frame(10, json!({ "heartbeat_interval": HEARTBEAT_MS }), None, None);
    if sink.send(WsMessage::Text(hello.to_string().into())).await.is_err() {
        return;
    }
    loop {
        tokio::select! {
            incoming = stream.next() => {
                let Some(Ok(message)) = incoming else { break };
                let text = match message {
                    WsMessage::Text(t) => t.to_string(),
                    WsMessage::Close(frame) => {
                        // Answer the closing handshake, as Discord does.
                        let _ = sink.send(WsMessage::Close(frame)).await;
                        break;
                    }
                    _ => continue,
                };
                let Ok(payload) = serde_json::from_str::<Value>(&text) else { continue };
                for reply in answer(&s, &payload) {
                    let _ = to_bot.send(reply);
                }
                s.changed.notify_waiters();
            }
            outgoing = outbox.recv() => {
                match outgoing {
                    Some(ToBot::Frame(frame)) => {
                        let is_ready = frame["t"] == "READY";
                        let is_resumed = frame["t"] == "RESUMED";
                        if sink.send(WsMessage::Text(frame.to_string().into())).await.is_err() {
                            break;
                        }
                        let mut log = s.log.lock().unwrap();
                        log.ready_sent += usize::from(is_ready);
                        log.resumed_sent += usize::from(is_resumed);
                        drop(log);
                        s.changed.notify_waiters();
                    }
                    Some(ToBot::Close(code, reason)) => {
                        let close = CloseFrame { code, reason: reason.into() };
                        let _ = sink.send(WsMessage::Close(Some(close))).await;
                        break;
                    }
                    Some(ToBot::Drop) | None => break,
                }
            }
        }
    }
    s.changed.notify_waiters();
}

/// The double's answers to one frame from the bot.
fn answer(s: &Shared, payload: &Value) -> Vec<ToBot> {
    let mut log = s.log.lock().unwrap();
    match payload["op"].as_u64() {
        // Heartbeat
        Some(1) => {
            log.heartbeats += 1;
            vec![ToBot::Frame(json!({ "op": 11 }))]
        }
        // Identify
        Some(2) => {
            log.identifies.push(payload["d"].clone());
            if !token_matches(s, &payload["d"]) {
                return vec![ToBot::Close(4004, "Authentication failed.")];
            }
            log.session += 1;
            log.seq = 1;
            let session_id = format!("session-{}", log.session);
            let ws_url = s.ws_url.lock().unwrap().clone();
            let ready = frame(0, payloads::ready(&session_id, &ws_url), Some(1), Some("READY"));
            log.seq += 1;
            let guild = frame(0, payloads::guild(), Some(log.seq), Some("GUILD_CREATE"));
            vec![ToBot::Frame(ready), ToBot::Frame(guild)]
        }
        // Resume
        Some(6) => {
            log.resumes.push(payload["d"].clone());
            let current = format!("session-{}", log.session);
            if token_matches(s, &payload["d"])
                && payload["d"]["session_id"].as_str() == Some(current.as_str())
            {
                log.seq += 1;
                vec![ToBot::Frame(frame(0, json!({}), Some(log.seq), Some("RESUMED")))]
            } else {
                vec![ToBot::Frame(frame(9, json!(false), None, None))]
            }
        }
        _ => Vec::new(),
    }
}

/// Discord accepts the gateway token with or without the "Bot " prefix (serenity sends it).
fn token_matches(s: &Shared, d: &Value) -> bool {
    let token = d["token"].as_str().unwrap_or_default();
    token.strip_prefix("Bot ").unwrap_or(token) == s.token
}
