//! The webhook example's server logic in-process on loopback, driven over real HTTP:
//! signed requests get 200 (and their events through), anything else 401.

#[path = "../examples/webhook/service.rs"]
mod service;
#[path = "common/webhook.rs"]
mod signing;

use std::sync::{Arc, Mutex};

use reqwest::StatusCode;
use serde_json::{Value, json};
use signing::{SECRET, hmac_hex, now_secs, signature};
use tokio::net::TcpListener;
use zoom_ext::webhook::{Event, WebhookVerifier};

struct Endpoint {
    url: String,
    events: Arc<Mutex<Vec<Event>>>,
    http: reqwest::Client,
}

impl Endpoint {
    async fn start() -> Self {
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let url = format!("http://{}/zoom/webhook", listener.local_addr().unwrap());
        let events = Arc::new(Mutex::new(Vec::new()));
        let sink = events.clone();
        tokio::spawn(service::serve(
            listener,
            Arc::new(WebhookVerifier::new(SECRET)),
            Arc::new(move |event| sink.lock().unwrap().push(event)),
        ));
        // reqwest is built without a TLS provider of its own; plain HTTP still needs one set.
        let _ = rustls::crypto::ring::default_provider().install_default();
        Endpoint {
            url,
            events,
            http: reqwest::Client::new(),
        }
    }

    /// POSTs `body`, signed with `secret` at `timestamp` when given.
    async fn post(&self, body: &str, signed: Option<(&str, u64)>) -> (StatusCode, String) {
        let mut request = self.http.post(&self.url).body(body.to_owned());
        if let Some((secret, timestamp)) = signed {
            request = request
                .header("x-zm-request-timestamp", timestamp.to_string())
                .header(
                    "x-zm-signature",
                    signature(secret, timestamp, body.as_bytes()),
                );
        }
        let response = request.send().await.unwrap();
        (response.status(), response.text().await.unwrap())
    }

    fn event_names(&self) -> Vec<String> {
        let events = self.events.lock().unwrap();
        events.iter().map(|event| event.event.clone()).collect()
    }
}

fn event_body(name: &str) -> String {
    json!({"event": name, "event_ts": 1_700_000_000_123_i64, "payload": {"object": {"id": 1}}})
        .to_string()
}

#[tokio::test]
async fn signed_events_are_accepted_and_everything_else_refused() {
    let endpoint = Endpoint::start().await;
    let now = now_secs();

    let (status, _) = endpoint
        .post(&event_body("meeting.started"), Some((SECRET, now)))
        .await;
    assert_eq!(status, StatusCode::OK);

    let refusals = [
        (
            "unsigned",
            endpoint.post(&event_body("unsigned"), None).await,
        ),
        (
            "wrong secret",
            endpoint
                .post(&event_body("wrong.secret"), Some(("not-the-secret", now)))
                .await,
        ),
        (
            "ten minutes old",
            endpoint
                .post(&event_body("replayed"), Some((SECRET, now - 600)))
                .await,
        ),
    ];
    for (what, (status, text)) in refusals {
        assert_eq!(status, StatusCode::UNAUTHORIZED, "{what}: {text}");
        assert!(!text.contains(SECRET), "{what}: {text}");
    }
    assert_eq!(endpoint.event_names(), ["meeting.started"]);

    let (status, text) = endpoint.post("{not json", Some((SECRET, now))).await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "{text}");
    let status = endpoint
        .http
        .get(&endpoint.url)
        .send()
        .await
        .unwrap()
        .status();
    assert_eq!(status, StatusCode::METHOD_NOT_ALLOWED);
}

#[tokio::test]
async fn url_validation_is_answered_only_when_signed() {
    let endpoint = Endpoint::start().await;
    let body = json!({
        "payload": {"plainToken": "qgg8vlvZRS6UYooatFL8Aw"},
        "event_ts": 1_654_503_849_680_i64,
        "event": "endpoint.url_validation",
    })
    .to_string();

    let (status, text) = endpoint.post(&body, Some((SECRET, now_secs()))).await;
    assert_eq!(status, StatusCode::OK, "{text}");
    let answer: Value = serde_json::from_str(&text).unwrap();
    assert_eq!(
        answer,
        json!({
            "plainToken": "qgg8vlvZRS6UYooatFL8Aw",
            "encryptedToken": hmac_hex(SECRET, b"qgg8vlvZRS6UYooatFL8Aw"),
        })
    );

    let (status, text) = endpoint.post(&body, None).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    assert!(!text.contains("encryptedToken"), "{text}");
    assert!(
        endpoint.event_names().is_empty(),
        "validation is not an event"
    );
}
