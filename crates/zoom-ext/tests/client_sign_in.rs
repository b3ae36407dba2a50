//! One long-lived client signing in with Server-to-Server OAuth against real local servers
//! (a token endpoint and an API): the first token, renewal on expiry, renewal when Zoom
//! answers 401 with code 124, one token request per expiry under 1000 concurrent calls, and
//! bad credentials reported without a retry loop.

#[path = "common/oauth.rs"]
mod oauth;

use std::time::Duration;

use futures_util::future::join_all;
use oauth::Issuer;
use serde_json::json;
use wiremock::matchers::{header, method, path_regex};
use wiremock::{Mock, MockServer, ResponseTemplate};
use zoom_ext::auth::{ServerToServerOAuth, TokenSource};
use zoom_ext::prelude::*;
use zoom_ext::{RetryPolicy, ZoomError};

fn client(api: &MockServer, tokens: impl TokenSource + 'static) -> zoom_api::Client {
    ClientBuilder::new(tokens)
        .base_url(Some(api.uri()))
        .retry(RetryPolicy::none())
        .build()
        .unwrap()
}

fn s2s(token_server: &MockServer) -> ServerToServerOAuth {
    ServerToServerOAuth::new(
        "account-7",
        oauth::CLIENT_ID,
        oauth::secret(),
        oauth::options(token_server).refresh_margin(Duration::ZERO),
    )
    .unwrap()
}

/// An API answering every past-meeting call with 200 when it carries `Bearer {token}`.
async fn accept(api: &MockServer, token: &str) {
    Mock::given(method("GET"))
        .and(path_regex("^/past_meetings/"))
        .and(header("authorization", format!("Bearer {token}").as_str()))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"id": 1})))
        .mount(api)
        .await;
}

async fn call(client: &zoom_api::Client) -> Result<Option<i64>, ZoomError> {
    let response = client
        .past_meeting_details()
        .meeting_uuid("abc")
        .send()
        .await?;
    Ok(response.into_inner().id)
}

#[tokio::test]
async fn the_first_call_fetches_a_token_and_later_ones_reuse_it() {
    let issuer = Issuer::new(&[3600]);
    let tokens = oauth::endpoint(issuer.clone()).await;
    let api = MockServer::start().await;
    accept(&api, &oauth::access_token(1)).await;
    let client = client(&api, s2s(&tokens));
    for _ in 0..5 {
        assert_eq!(call(&client).await.unwrap(), Some(1));
    }
    assert_eq!(issuer.count(), 1, "one token for five calls");
}

#[tokio::test]
async fn an_expired_token_is_renewed_before_the_call() {
    let issuer = Issuer::new(&[1, 3600]);
    let tokens = oauth::endpoint(issuer.clone()).await;
    let api = MockServer::start().await;
    accept(&api, &oauth::access_token(1)).await;
    accept(&api, &oauth::access_token(2)).await;
    let client = client(&api, s2s(&tokens));
    call(&client).await.unwrap();
    tokio::time::sleep(Duration::from_millis(1100)).await;
    call(&client).await.unwrap();
    assert_eq!(issuer.count(), 2);
    let sent: Vec<String> = api
        .received_requests()
        .await
        .unwrap()
        .iter()
        .map(|r| r.headers["authorization"].to_str().unwrap().to_owned())
        .collect();
    assert_eq!(
        sent,
        [
            format!("Bearer {}", oauth::access_token(1)),
            format!("Bearer {}", oauth::access_token(2))
        ]
    );
}

#[tokio::test]
async fn a_401_with_code_124_renews_the_token_and_resends_once() {
    let issuer = Issuer::new(&[3600]);
    let tokens = oauth::endpoint(issuer.clone()).await;
    let api = MockServer::start().await;
    // Zoom revoked token 1 early: it answers 401/124 for it, 200 for token 2.
    Mock::given(method("GET"))
        .and(header(
            "authorization",
            format!("Bearer {}", oauth::access_token(1)).as_str(),
        ))
        .respond_with(
            ResponseTemplate::new(401)
                .set_body_json(json!({"code": 124, "message": "Invalid access token."})),
        )
        .mount(&api)
        .await;
    accept(&api, &oauth::access_token(2)).await;
    let client = client(&api, s2s(&tokens));
    assert_eq!(call(&client).await.unwrap(), Some(1));
    assert_eq!(issuer.count(), 2, "one renewal");
    assert_eq!(
        api.received_requests().await.unwrap().len(),
        2,
        "one resend"
    );
}

#[tokio::test]
async fn a_401_for_another_reason_is_not_renewed() {
    let issuer = Issuer::new(&[3600]);
    let tokens = oauth::endpoint(issuer.clone()).await;
    let api = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(401).set_body_json(
            json!({"code": 4711, "message": "Invalid access token, does not contain scopes."}),
        ))
        .mount(&api)
        .await;
    let error = call(&client(&api, s2s(&tokens))).await.unwrap_err();
    assert_eq!(error.api().unwrap().code, Some(4711));
    assert_eq!(
        issuer.count(),
        1,
        "a new token would be refused the same way"
    );
    assert_eq!(api.received_requests().await.unwrap().len(), 1);
}

#[tokio::test]
async fn a_thousand_concurrent_calls_across_an_expiry_make_one_token_request_each_time() {
    let issuer = Issuer::new(&[1]);
    let tokens = oauth::endpoint(issuer.clone()).await;
    let api = MockServer::start().await;
    for n in 1..=3 {
        accept(&api, &oauth::access_token(n)).await;
    }
    let client = client(&api, s2s(&tokens));
    let burst = || async {
        let results = join_all((0..1000).map(|_| call(&client))).await;
        oauth::before_servers_drop().await;
        results
    };
    assert!(burst().await.iter().all(|r| r.is_ok()));
    assert_eq!(issuer.count(), 1, "1000 calls, one token");
    tokio::time::sleep(Duration::from_millis(1100)).await;
    assert!(burst().await.iter().all(|r| r.is_ok()));
    assert_eq!(issuer.count(), 2, "after the expiry, one more");
    println!(
        "2000 calls across one expiry: {} token requests",
        issuer.count()
    );
}

#[tokio::test]
async fn bad_credentials_name_what_zoom_said_and_send_nothing() {
    let tokens = oauth::endpoint(ResponseTemplate::new(401).set_body_json(
        json!({"reason": "Invalid client_id or client_secret", "error": "invalid_client"}),
    ))
    .await;
    let api = MockServer::start().await;
    let client = client(&api, s2s(&tokens));
    let error = call(&client).await.unwrap_err();
    let ZoomError::SignIn { source, .. } = &error else {
        panic!("not a sign-in error: {error:?}");
    };
    assert!(source.is_invalid_client());
    let text = error.to_string();
    assert!(
        text.contains("Invalid client_id or client_secret"),
        "{text}"
    );
    assert!(!text.contains(oauth::CLIENT_SECRET), "{text}");
    assert_eq!(
        tokens.received_requests().await.unwrap().len(),
        1,
        "no retry loop"
    );
    assert!(
        api.received_requests().await.unwrap().is_empty(),
        "no call without a token"
    );
}
