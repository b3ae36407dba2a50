//! The `zoom` binary end to end against a real local server: the seed calls (a meeting UUID
//! that Zoom wants double-encoded, given positionally), a decoded Zoom error with exit code 1,
//! `--all` across pages, and `--help` carrying Zoom's docs.

use std::process::Output;

use serde_json::{Value, json};
use wiremock::matchers::{header, method, path, query_param, query_param_is_missing};
use wiremock::{Mock, MockServer, ResponseTemplate};

const TOKEN: &str = "cli-test-token";

/// Runs `zoom` with `args`, signed in with a fixed token, against `server`.
async fn zoom(server: &MockServer, args: &[&str]) -> Output {
    let binary = env!("CARGO_BIN_EXE_zoom");
    let args: Vec<String> = args.iter().map(|a| a.to_string()).collect();
    let base = server.uri();
    tokio::task::spawn_blocking(move || {
        std::process::Command::new(binary)
            .args(&args)
            .env_remove("ZOOM_ACCOUNT_ID")
            .env_remove("ZOOM_CLIENT_ID")
            .env_remove("ZOOM_CLIENT_SECRET")
            .env("ZOOM_ACCESS_TOKEN", TOKEN)
            .env("ZOOM_BASE_URL", base)
            .output()
            .expect("zoom runs")
    })
    .await
    .unwrap()
}

fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

#[tokio::test]
async fn past_meeting_details_double_encodes_a_uuid_given_positionally() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(header("authorization", format!("Bearer {TOKEN}").as_str()))
        .respond_with(ResponseTemplate::new(200).set_body_json(
            json!({"uuid": "/ajXp112QmuoKj4854875==", "id": 535548971, "topic": "My Meeting"}),
        ))
        .mount(&server)
        .await;
    let output = zoom(
        &server,
        &["past-meeting-details", "/ajXp112QmuoKj4854875=="],
    )
    .await;
    assert!(output.status.success(), "{}", stderr(&output));
    let printed: Value = serde_json::from_str(&stdout(&output)).unwrap();
    assert_eq!(printed["topic"], "My Meeting");
    let requests = server.received_requests().await.unwrap();
    assert_eq!(
        requests[0].url.path(),
        "/past_meetings/%252FajXp112QmuoKj4854875%253D%253D",
        "double-encoded on the wire"
    );
}

#[tokio::test]
async fn live_stream_details_and_a_decoded_zoom_error() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/meetings/85746065432/livestream"))
        .respond_with(ResponseTemplate::new(200).set_body_json(
            json!({"stream_url": "https://example.com/livestream", "stream_key": "k", "page_url": "https://example.com/p"}),
        ))
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/meetings/1/livestream"))
        .respond_with(
            ResponseTemplate::new(404)
                .set_body_json(json!({"code": 3001, "message": "Meeting does not exist: 1."})),
        )
        .mount(&server)
        .await;
    let ok = zoom(&server, &["meeting-live-stream-details", "85746065432"]).await;
    assert!(ok.status.success(), "{}", stderr(&ok));
    assert!(stdout(&ok).contains("\"stream_url\": \"https://example.com/livestream\""));

    let failed = zoom(&server, &["meeting-live-stream-details", "1"]).await;
    assert_eq!(failed.status.code(), Some(1));
    let message = stderr(&failed);
    assert!(message.contains("HTTP 404"), "{message}");
    assert!(message.contains("Zoom error 3001"), "{message}");
    assert!(message.contains("Meeting does not exist: 1."), "{message}");
    assert!(stdout(&failed).is_empty());
}

#[tokio::test]
async fn all_follows_next_page_token() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/chat/users/me/contacts"))
        .and(query_param_is_missing("next_page_token"))
        .respond_with(ResponseTemplate::new(200).set_body_json(
            json!({"next_page_token": "p2", "contacts": [{"id": "a"}, {"id": "b"}]}),
        ))
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/chat/users/me/contacts"))
        .and(query_param("next_page_token", "p2"))
        .and(query_param("page_size", "2"))
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_json(json!({"next_page_token": "", "contacts": [{"id": "c"}]})),
        )
        .mount(&server)
        .await;
    let output = zoom(
        &server,
        &["list-user-contacts", "--page-size", "2", "--all"],
    )
    .await;
    assert!(output.status.success(), "{}", stderr(&output));
    let ids: Vec<String> = stdout(&output)
        .lines()
        .map(|line| {
            serde_json::from_str::<Value>(line).unwrap()["id"]
                .as_str()
                .unwrap()
                .to_owned()
        })
        .collect();
    assert_eq!(ids, ["a", "b", "c"]);
}

#[tokio::test]
async fn help_carries_zoom_docs_and_usage_errors_exit_2() {
    let server = MockServer::start().await;
    let help = zoom(&server, &["past-meeting-details", "--help"]).await;
    assert!(help.status.success());
    let text = stdout(&help);
    assert!(text.contains("Get past meeting details"), "{text}");
    assert!(text.contains("--meeting-uuid"), "{text}");
    let unknown = zoom(&server, &["no-such-operation"]).await;
    assert_eq!(unknown.status.code(), Some(2));
    assert!(server.received_requests().await.unwrap().is_empty());
}
