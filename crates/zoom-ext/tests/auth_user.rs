//! User OAuth against a real local token endpoint: the refresh-token grant, rotation of the
//! refresh token, the persistence callback, and one refresh under 1000 concurrent 401s.

#[path = "common/oauth.rs"]
mod oauth;

use std::sync::{Arc, Mutex};
use std::time::{Duration, SystemTime};

use oauth::{BASIC, CLIENT_ID, Issuer};
use serde_json::json;
use wiremock::ResponseTemplate;
use zoom_ext::AccessToken;
use zoom_ext::auth::{AuthError, OAuthOptions, RefreshToken, TokenSource, UserOAuth};

fn user(options: OAuthOptions, refresh: &str) -> UserOAuth {
    UserOAuth::new(
        CLIENT_ID,
        oauth::secret(),
        RefreshToken::new(refresh),
        options,
    )
    .unwrap()
}

fn grant(refresh: &str) -> String {
    format!("grant_type=refresh_token&refresh_token={refresh}")
}

/// Every refresh token handed to the application's callback.
fn persisted() -> (
    Arc<Mutex<Vec<String>>>,
    impl Fn(&RefreshToken) + Send + Sync + 'static,
) {
    let seen = Arc::new(Mutex::new(Vec::new()));
    let sink = seen.clone();
    (seen, move |token: &RefreshToken| {
        sink.lock().unwrap().push(token.expose().to_owned())
    })
}

#[tokio::test]
async fn each_refresh_sends_the_newest_refresh_token_and_hands_it_over() {
    let mut issuer = Issuer::new(&[3600]);
    issuer.rotate = true;
    let server = oauth::endpoint(issuer.clone()).await;
    let (seen, callback) = persisted();
    let source = user(oauth::options(&server), &oauth::refresh_token(0)).on_refresh(callback);

    let first = source.token().await.unwrap();
    assert_eq!(first.expose(), oauth::access_token(1));
    assert_eq!(source.token().await.unwrap(), first, "cached");
    let second = source.refresh(&first).await.unwrap();
    assert_eq!(second.expose(), oauth::access_token(2));

    assert_eq!(
        oauth::bodies(&server).await,
        [
            grant(&oauth::refresh_token(0)),
            grant(&oauth::refresh_token(1))
        ],
        "the second refresh used the token Zoom rotated in"
    );
    for request in server.received_requests().await.unwrap() {
        assert_eq!(request.headers["authorization"], BASIC);
    }
    assert_eq!(
        *seen.lock().unwrap(),
        [oauth::refresh_token(1), oauth::refresh_token(2)]
    );
}

#[tokio::test]
async fn a_held_access_token_is_used_until_it_is_rejected() {
    let issuer = Issuer::new(&[3600]);
    let server = oauth::endpoint(issuer.clone()).await;
    let held = AccessToken::new("at-secret-held");
    let source = user(oauth::options(&server), "rt-secret-held")
        .with_access_token(held.clone(), SystemTime::now() + Duration::from_secs(3600));

    assert_eq!(source.token().await.unwrap(), held);
    assert_eq!(issuer.count(), 0);
    // No refresh token in the answer: the one held stays in force.
    assert_eq!(
        source.refresh(&held).await.unwrap().expose(),
        oauth::access_token(1)
    );
    let renewed = AccessToken::new(oauth::access_token(1));
    source.refresh(&renewed).await.unwrap();
    assert_eq!(
        oauth::bodies(&server).await,
        [grant("rt-secret-held"), grant("rt-secret-held")]
    );
}

#[tokio::test]
async fn an_expired_held_token_is_renewed_first() {
    let issuer = Issuer::new(&[3600]);
    let server = oauth::endpoint(issuer.clone()).await;
    let source = user(oauth::options(&server), "rt-secret-held").with_access_token(
        AccessToken::new("at-secret-old"),
        SystemTime::now() - Duration::from_secs(1),
    );
    assert_eq!(
        source.token().await.unwrap().expose(),
        oauth::access_token(1)
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_thousand_401s_make_one_refresh_and_one_callback() {
    let mut issuer = Issuer::new(&[3600]);
    issuer.rotate = true;
    let server = oauth::endpoint(issuer.clone()).await;
    let (seen, callback) = persisted();
    let stale = AccessToken::new("at-secret-stale");
    let source: Arc<dyn TokenSource> = Arc::new(
        user(oauth::options(&server), &oauth::refresh_token(0))
            .with_access_token(stale.clone(), SystemTime::now() + Duration::from_secs(3600))
            .on_refresh(callback),
    );

    let tasks: Vec<_> = (0..1000)
        .map(|_| {
            let (source, stale) = (source.clone(), stale.clone());
            tokio::spawn(async move { source.refresh(&stale).await })
        })
        .collect();
    for task in tasks {
        assert_eq!(
            task.await.unwrap().unwrap().expose(),
            oauth::access_token(1)
        );
    }
    oauth::before_servers_drop().await;
    assert_eq!(issuer.count(), 1);
    assert_eq!(*seen.lock().unwrap(), [oauth::refresh_token(1)]);
}

#[tokio::test]
async fn a_refused_refresh_token_is_reported_and_kept() {
    let refusal = ResponseTemplate::new(400)
        .set_body_json(json!({"reason": "Invalid Token!", "error": "invalid_request"}));
    let server = oauth::endpoint(refusal).await;
    let (seen, callback) = persisted();
    let source = user(oauth::options(&server), "rt-secret-revoked").on_refresh(callback);

    let err = source.token().await.unwrap_err();
    assert!(
        matches!(err, AuthError::Refused { status: 400, .. }),
        "{err:?}"
    );
    assert_eq!(
        err.to_string(),
        "Zoom refused the token request (HTTP 400): invalid_request: Invalid Token!"
    );
    source.token().await.unwrap_err();
    assert_eq!(
        oauth::bodies(&server).await,
        [grant("rt-secret-revoked"), grant("rt-secret-revoked")]
    );
    assert!(seen.lock().unwrap().is_empty());
}
