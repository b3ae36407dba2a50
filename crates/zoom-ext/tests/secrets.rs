//! The access token never appears in `Debug`, `Display`, error text or logs.

mod common;

use std::time::Duration;

use serde_json::json;
use tokio::net::TcpListener;
use wiremock::matchers::{header, method};
use wiremock::{Mock, MockServer, ResponseTemplate};
use zoom_ext::prelude::*;
use zoom_ext::{AccessToken, RetryPolicy};

/// Every log record, from reqwest and everything else that logs through `log`.
struct Capture(std::sync::Mutex<String>);

impl log::Log for Capture {
    fn enabled(&self, _: &log::Metadata<'_>) -> bool {
        true
    }
    fn log(&self, record: &log::Record<'_>) {
        let line = format!("{} {} {}\n", record.level(), record.target(), record.args());
        self.0.lock().unwrap().push_str(&line);
    }
    fn flush(&self) {}
}

static LOGS: Capture = Capture(std::sync::Mutex::new(String::new()));

fn assert_clean(what: &str, text: &str) {
    assert!(
        !text.contains(common::TOKEN),
        "{what} shows the token: {text}"
    );
}

#[tokio::test]
async fn no_output_shows_the_token() {
    log::set_logger(&LOGS).unwrap();
    log::set_max_level(log::LevelFilter::Trace);
    let token = AccessToken::new(common::TOKEN);
    assert_clean("token", &format!("{token} {token:?} {token:#?}"));
    let builder = ClientBuilder::with_token(token.clone());
    assert_clean("builder", &format!("{builder:?} {builder:#?}"));

    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(header(
            "authorization",
            format!("Bearer {}", common::TOKEN).as_str(),
        ))
        .respond_with(
            ResponseTemplate::new(404)
                .set_body_json(json!({"code": 3001, "message": "Meeting does not exist."})),
        )
        .expect(1)
        .mount(&server)
        .await;
    let client = common::client(&server);
    assert_clean("client", &format!("{client:?} {client:#?}"));
    let uuid = MeetingUuid::new("abc");

    let api = client
        .past_meeting_details()
        .meeting_uuid(&uuid)
        .send()
        .await
        .unwrap_err();
    let invalid = client.past_meeting_details().send().await.unwrap_err();
    let refused = ClientBuilder::with_token(token.clone())
        .base_url(Some("http://127.0.0.1:9"))
        .retry(RetryPolicy::none())
        .build()
        .unwrap()
        .past_meeting_details()
        .meeting_uuid(&uuid)
        .send()
        .await
        .unwrap_err();
    let silent = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let silent_url = format!("http://{}", silent.local_addr().unwrap());
    let timeout = ClientBuilder::with_token(token.clone())
        .base_url(Some(silent_url))
        .timeout(Duration::from_millis(200))
        .retry(RetryPolicy::none())
        .build()
        .unwrap()
        .past_meeting_details()
        .meeting_uuid(&uuid)
        .send()
        .await
        .unwrap_err();
    // A token no header can carry is refused at the call, and the refusal shows no token.
    let bad_token = ClientBuilder::with_token(AccessToken::new(format!("{}\n", common::TOKEN)))
        .base_url(Some(server.uri()))
        .build()
        .unwrap()
        .past_meeting_details()
        .meeting_uuid(&uuid)
        .send()
        .await
        .unwrap_err();
    for (what, text) in [
        ("api error", format!("{api} {api:?} {api:#?}")),
        ("invalid request", format!("{invalid} {invalid:?}")),
        (
            "connection refused",
            format!("{refused} {refused:?} {refused:#}"),
        ),
        ("timeout", format!("{timeout} {timeout:?}")),
        ("bad token", format!("{bad_token} {bad_token:?}")),
    ] {
        assert_clean(what, &text);
    }
    assert!(timeout.is_timeout());
    let logs = LOGS.0.lock().unwrap().clone();
    assert!(
        !logs.is_empty(),
        "nothing was logged, so nothing was checked"
    );
    assert_clean("logs", &logs);
    // The token did go out, where it belongs.
    server.verify().await;
}
