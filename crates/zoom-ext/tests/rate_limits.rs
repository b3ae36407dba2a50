//! Zoom's rate limits against a real local server: a daily limit is not retried and says
//! when it resets; a per-second 429 without `Retry-After` is retried after a short wait; the
//! `X-RateLimit-*` headers reach the error; client-side pacing keeps calls under a quota.

mod common;

use std::num::NonZeroU32;
use std::time::{Duration, Instant};

use governor::Quota;
use serde_json::json;
use wiremock::matchers::method;
use wiremock::{Mock, MockServer, ResponseTemplate};
use zoom_ext::prelude::*;
use zoom_ext::{AccessToken, Pacing, RetryPolicy};

fn retrying(server: &MockServer) -> zoom_api::Client {
    ClientBuilder::with_token(AccessToken::new(common::TOKEN))
        .base_url(Some(server.uri()))
        .retry(RetryPolicy::standard())
        .build()
        .unwrap()
}

#[tokio::test]
async fn a_daily_limit_is_not_retried_and_says_when_it_resets() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(
            ResponseTemplate::new(429)
                .insert_header("x-ratelimit-category", "Heavy")
                .insert_header("x-ratelimit-type", "Daily-limit")
                .insert_header("x-ratelimit-limit", "30000")
                .insert_header("x-ratelimit-remaining", "0")
                .insert_header("x-ratelimit-reset", "2026-11-25T00:00:00Z")
                .insert_header("retry-after", "2026-11-25T00:00:00Z")
                .set_body_json(json!({"code": 429, "message": "You have reached the maximum daily rate limit for this API."})),
        )
        .mount(&server)
        .await;
    let started = Instant::now();
    let error = retrying(&server)
        .past_meeting_details()
        .meeting_uuid("abc")
        .send()
        .await
        .unwrap_err();
    assert!(started.elapsed() < Duration::from_secs(1), "no wait");
    assert_eq!(
        server.received_requests().await.unwrap().len(),
        1,
        "not retried"
    );
    let api = error.api().unwrap();
    let limit = api.rate_limit.as_ref().unwrap();
    assert!(limit.is_daily());
    assert_eq!(limit.category.as_deref(), Some("Heavy"));
    assert_eq!((limit.limit, limit.remaining), (Some(30000), Some(0)));
    let text = error.to_string();
    assert!(text.contains("daily rate limit reached"), "{text}");
    assert!(text.contains("resets at 2026-11-25T00:00:00"), "{text}");
}

#[tokio::test]
async fn a_per_second_429_without_retry_after_waits_briefly_then_succeeds() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(429).insert_header("x-ratelimit-type", "QPS"))
        .up_to_n_times(1)
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"id": 7})))
        .mount(&server)
        .await;
    let started = Instant::now();
    let meeting = retrying(&server)
        .past_meeting_details()
        .meeting_uuid("abc")
        .send()
        .await
        .unwrap();
    let waited = started.elapsed();
    assert_eq!(meeting.id, Some(7));
    assert_eq!(server.received_requests().await.unwrap().len(), 2);
    assert!(
        waited >= Duration::from_millis(500) && waited < Duration::from_secs(2),
        "a short jittered wait, not none and not long: {waited:?}"
    );
    println!("per-second 429 without Retry-After: retried after {waited:?}");
}

#[tokio::test]
async fn pacing_keeps_a_burst_under_the_quota() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"id": 1})))
        .mount(&server)
        .await;
    let five = Quota::per_second(NonZeroU32::new(5).unwrap());
    let client = ClientBuilder::with_token(AccessToken::new(common::TOKEN))
        .base_url(Some(server.uri()))
        .pacing(Pacing::custom(five, five, five, five))
        .build()
        .unwrap();
    let started = Instant::now();
    // "Get past meeting details" is a Light call: 15 of them at 5 a second, a burst of 5.
    let calls = (0..15).map(|_| client.past_meeting_details().meeting_uuid("abc").send());
    let results = futures_util::future::join_all(calls).await;
    let elapsed = started.elapsed();
    common::before_servers_drop().await;
    assert!(results.iter().all(|r| r.is_ok()));
    assert!(elapsed >= Duration::from_millis(1800), "paced: {elapsed:?}");
    assert!(elapsed < Duration::from_secs(5), "{elapsed:?}");
    println!("15 Light calls at 5/s: {elapsed:?}");
}
