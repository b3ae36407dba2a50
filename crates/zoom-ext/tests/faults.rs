//! zoom-ext under faults, against real local servers that fail on purpose: rate limits,
//! server errors, dropped connections, a server that never answers.

mod common;

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use serde_json::json;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpListener;
use wiremock::matchers::method;
use wiremock::{Mock, MockServer, ResponseTemplate};
use zoom_ext::prelude::*;
use zoom_ext::{AccessToken, RetryPolicy};

fn fast_policy() -> RetryPolicy {
    RetryPolicy {
        max_attempts: 4,
        base_delay: Duration::from_millis(20),
        max_delay: Duration::from_millis(100),
        max_total: Duration::from_secs(10),
    }
}

/// A client for `base_url` that retries as `policy` says.
fn client(base_url: &str, policy: RetryPolicy) -> zoom_api::Client {
    ClientBuilder::with_token(AccessToken::new(common::TOKEN))
        .base_url(Some(base_url))
        .retry(policy)
        .build()
        .unwrap()
}

fn ok_body() -> ResponseTemplate {
    ResponseTemplate::new(200).set_body_json(json!({"uuid": "x", "id": 1}))
}

/// A server that answers `failure` to the first `times` GETs, then the usual 200.
async fn failing_then_ok(failure: ResponseTemplate, times: u64) -> MockServer {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(failure)
        .up_to_n_times(times)
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .respond_with(ok_body())
        .mount(&server)
        .await;
    server
}

async fn requests(server: &MockServer) -> usize {
    server.received_requests().await.unwrap().len()
}

#[tokio::test]
async fn rate_limited_calls_wait_for_retry_after_then_succeed() {
    let server = failing_then_ok(
        ResponseTemplate::new(429).insert_header("retry-after", "1"),
        1,
    )
    .await;
    let started = Instant::now();
    let response = client(&server.uri(), fast_policy())
        .past_meeting_details()
        .meeting_uuid("abc")
        .send()
        .await
        .unwrap();
    let waited = started.elapsed();
    assert_eq!(response.status(), 200);
    assert_eq!(requests(&server).await, 2);
    assert!(
        waited >= Duration::from_secs(1),
        "Retry-After: 1 was not honoured ({waited:?})"
    );
    println!("429 + Retry-After: 1 -> success after {waited:?}");
}

#[tokio::test]
async fn server_errors_are_retried_for_get_with_bounded_tries() {
    let server = failing_then_ok(ResponseTemplate::new(503), 2).await;
    let uuid = MeetingUuid::new("abc");
    let response = client(&server.uri(), fast_policy())
        .past_meeting_details()
        .meeting_uuid(&uuid)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200);
    assert_eq!(requests(&server).await, 3);

    // Always failing: four tries, then the last error.
    let failing = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(500))
        .mount(&failing)
        .await;
    let error = client(&failing.uri(), fast_policy())
        .past_meeting_details()
        .meeting_uuid(&uuid)
        .send()
        .await
        .unwrap_err();
    assert_eq!(error.status().map(|s| s.as_u16()), Some(500));
    assert_eq!(requests(&failing).await, 4);
}

#[tokio::test]
async fn server_errors_are_not_retried_for_post() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .respond_with(ResponseTemplate::new(502))
        .mount(&server)
        .await;
    let error = client(&server.uri(), fast_policy())
        .join_channel()
        .channel_id("c1")
        .send()
        .await
        .unwrap_err();
    assert_eq!(error.status().map(|s| s.as_u16()), Some(502));
    assert_eq!(requests(&server).await, 1, "a POST may have taken effect");
}

#[tokio::test]
async fn total_time_is_bounded() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(429).insert_header("retry-after", "30"))
        .mount(&server)
        .await;
    let policy = RetryPolicy {
        max_total: Duration::from_millis(500),
        ..fast_policy()
    };
    let started = Instant::now();
    let error = client(&server.uri(), policy)
        .past_meeting_details()
        .meeting_uuid("abc")
        .send()
        .await
        .unwrap_err();
    assert!(started.elapsed() < Duration::from_secs(5));
    assert_eq!(
        error.api().unwrap().retry_after,
        Some(Duration::from_secs(30))
    );
    assert_eq!(requests(&server).await, 1);
}

/// A server whose first `drops` connections are closed without an answer.
async fn flaky_server(drops: usize) -> (String, Arc<AtomicUsize>) {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let address = format!("http://{}", listener.local_addr().unwrap());
    let seen = Arc::new(AtomicUsize::new(0));
    let counter = seen.clone();
    tokio::spawn(async move {
        loop {
            let Ok((mut socket, _)) = listener.accept().await else {
                return;
            };
            let n = counter.fetch_add(1, Ordering::SeqCst);
            tokio::spawn(async move {
                let mut buffer = vec![0u8; 4096];
                let _ = socket.read(&mut buffer).await;
                if n < drops {
                    return; // dropped: the client sees the connection close mid-request
                }
                let body = br#"{"uuid":"x","id":1}"#;
                let head = format!(
                    "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: {}\r\nconnection: close\r\n\r\n",
                    body.len()
                );
                let _ = socket.write_all(head.as_bytes()).await;
                let _ = socket.write_all(body).await;
            });
        }
    });
    (address, seen)
}

#[tokio::test]
async fn dropped_connections_are_retried_for_get() {
    let (address, seen) = flaky_server(2).await;
    let response = client(&address, fast_policy())
        .past_meeting_details()
        .meeting_uuid("abc")
        .send()
        .await
        .unwrap();
    assert_eq!(response.into_inner().id, Some(1));
    assert_eq!(seen.load(Ordering::SeqCst), 3);
}

#[tokio::test]
async fn a_server_that_never_answers_times_out_within_the_bound() {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let address = format!("http://{}", listener.local_addr().unwrap());
    let held = tokio::spawn(async move {
        let mut open = Vec::new();
        while let Ok((socket, _)) = listener.accept().await {
            open.push(socket); // accepted, never answered
        }
    });
    let client = ClientBuilder::with_token(AccessToken::new(common::TOKEN))
        .base_url(Some(address))
        .timeout(Duration::from_millis(400))
        .retry(RetryPolicy::none())
        .build()
        .unwrap();
    let started = Instant::now();
    let error = client
        .past_meeting_details()
        .meeting_uuid("abc")
        .send()
        .await
        .unwrap_err();
    let elapsed = started.elapsed();
    assert!(error.is_timeout(), "{error:?}");
    assert!(
        elapsed >= Duration::from_millis(400) && elapsed < Duration::from_secs(3),
        "{elapsed:?}"
    );
    assert!(matches!(
        error,
        ZoomError::Transport {
            operation: "past_meeting_details",
            ..
        }
    ));
    held.abort();
}
