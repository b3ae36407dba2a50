//! Server-to-Server OAuth against a real local token endpoint: the request Zoom expects,
//! caching, one token request under 1000 concurrent callers, and refusals.

#[path = "common/oauth.rs"]
mod oauth;

use std::sync::Arc;
use std::time::{Duration, Instant};

use oauth::{BASIC, CLIENT_ID, Issuer};
use serde_json::json;
use tokio::net::TcpListener;
use wiremock::matchers::{body_string, header, method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};
use zoom_ext::AccessToken;
use zoom_ext::auth::{AuthError, OAuthOptions, ServerToServerOAuth, TokenSource};

const ACCOUNT: &str = "account-7";

fn source(options: OAuthOptions) -> Arc<dyn TokenSource> {
    Arc::new(ServerToServerOAuth::new(ACCOUNT, CLIENT_ID, oauth::secret(), options).unwrap())
}

/// `calls` callers at once, each through its own task; their results in any order.
async fn concurrently<F>(calls: usize, call: F) -> Vec<Result<AccessToken, AuthError>>
where
    F: Fn() -> zoom_ext::auth::TokenFuture<'static> + Send + Sync + 'static,
{
    let call = Arc::new(call);
    let tasks: Vec<_> = (0..calls)
        .map(|_| {
            let call = call.clone();
            tokio::spawn(async move { call().await })
        })
        .collect();
    let mut results = Vec::with_capacity(calls);
    for task in tasks {
        results.push(task.await.unwrap());
    }
    oauth::before_servers_drop().await;
    results
}

fn all_are(results: &[Result<AccessToken, AuthError>], expected: &str) {
    for result in results {
        assert_eq!(result.as_ref().unwrap().expose(), expected);
    }
}

#[tokio::test]
async fn sends_basic_client_auth_and_the_account_credentials_grant() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path(oauth::TOKEN_PATH))
        .and(header("authorization", BASIC))
        .and(header("content-type", "application/x-www-form-urlencoded"))
        .and(body_string(format!(
            "grant_type=account_credentials&account_id={ACCOUNT}"
        )))
        .respond_with(Issuer::new(&[3600]))
        .expect(1)
        .mount(&server)
        .await;
    let source = source(oauth::options(&server));
    for _ in 0..10 {
        assert_eq!(
            source.token().await.unwrap().expose(),
            oauth::access_token(1)
        );
    }
    // `expect(1)`: the ten calls shared one token request.
    server.verify().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_thousand_concurrent_callers_across_an_expiry_make_one_request_each_time() {
    // Token 1 lives 2 s, so it is renewed after 1 s (the margin is capped at half the life).
    let issuer = Issuer::new(&[2, 3600]);
    let server = oauth::endpoint(issuer.clone()).await;
    let source = source(oauth::options(&server));

    let cold = {
        let source = source.clone();
        concurrently(1000, move || {
            let source = source.clone();
            Box::pin(async move { source.token().await })
        })
        .await
    };
    all_are(&cold, &oauth::access_token(1));
    assert_eq!(issuer.count(), 1, "1000 callers on an empty cache");

    tokio::time::sleep(Duration::from_millis(1200)).await;
    let renewed = {
        let source = source.clone();
        concurrently(1000, move || {
            let source = source.clone();
            Box::pin(async move { source.token().await })
        })
        .await
    };
    all_are(&renewed, &oauth::access_token(2));
    assert_eq!(issuer.count(), 2, "1000 callers after the token expired");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_thousand_401s_with_one_stale_token_make_one_refresh() {
    let issuer = Issuer::new(&[3600]);
    let server = oauth::endpoint(issuer.clone()).await;
    let source = source(oauth::options(&server));
    let stale = source.token().await.unwrap();

    let refreshed = {
        let (source, stale) = (source.clone(), stale.clone());
        concurrently(1000, move || {
            let (source, stale) = (source.clone(), stale.clone());
            Box::pin(async move { source.refresh(&stale).await })
        })
        .await
    };
    all_are(&refreshed, &oauth::access_token(2));
    assert_eq!(issuer.count(), 2, "the first token, then one refresh");

    // A late caller with the same stale token gets the newer one without a request...
    assert_eq!(
        source.refresh(&stale).await.unwrap().expose(),
        oauth::access_token(2)
    );
    assert_eq!(issuer.count(), 2);
    // ...while a 401 on the newest token does renew.
    let newest = AccessToken::new(oauth::access_token(2));
    assert_eq!(
        source.refresh(&newest).await.unwrap().expose(),
        oauth::access_token(3)
    );
    assert_eq!(issuer.count(), 3);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn bad_credentials_name_what_zoom_said_and_are_not_retried() {
    for status in [400, 401] {
        let refusal = ResponseTemplate::new(status)
            .set_body_json(json!({
                "reason": "Invalid client_id or client_secret",
                "error": "invalid_client"
            }))
            .set_delay(Duration::from_millis(200));
        let server = oauth::endpoint(refusal).await;
        let source = source(oauth::options(&server));

        let results = {
            let source = source.clone();
            concurrently(1000, move || {
                let source = source.clone();
                Box::pin(async move { source.token().await })
            })
            .await
        };
        let received = || async { server.received_requests().await.unwrap().len() };
        assert_eq!(
            received().await,
            1,
            "1000 waiting callers share one refusal"
        );
        for result in &results {
            let err = result.as_ref().unwrap_err();
            assert!(err.is_invalid_client(), "{err:?}");
            assert_eq!(
                err.to_string(),
                format!(
                    "Zoom refused the token request (HTTP {status}): invalid_client: \
                     Invalid client_id or client_secret"
                )
            );
        }
        // A later call asks once more (the credentials may have been fixed), once.
        assert!(source.token().await.is_err());
        assert_eq!(received().await, 2);
    }
}

#[tokio::test]
async fn a_success_without_a_token_is_an_invalid_response() {
    let server =
        oauth::endpoint(ResponseTemplate::new(200).set_body_string("<html>ok</html>")).await;
    let err = source(oauth::options(&server)).token().await.unwrap_err();
    assert!(
        matches!(err, AuthError::InvalidResponse { status: 200, .. }),
        "{err:?}"
    );
}

#[tokio::test]
async fn a_silent_token_endpoint_times_out_and_a_refused_connection_fails() {
    let silent = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let options = OAuthOptions::default()
        .token_url(format!(
            "http://{}/oauth/token",
            silent.local_addr().unwrap()
        ))
        .timeout(Duration::from_millis(300));
    let started = Instant::now();
    let err = source(options).token().await.unwrap_err();
    assert!(started.elapsed() < Duration::from_secs(5));
    let AuthError::Transport { source: cause } = &err else {
        panic!("{err:?}")
    };
    assert!(cause.is_timeout(), "{err:?}");

    let refused = OAuthOptions::default().token_url("http://127.0.0.1:9/oauth/token");
    let err = source(refused).token().await.unwrap_err();
    assert!(matches!(err, AuthError::Transport { .. }), "{err:?}");
}
