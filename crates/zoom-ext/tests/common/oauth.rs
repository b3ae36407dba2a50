//! A local OAuth token endpoint that numbers what it issues (`at-secret-1`, `at-secret-2`,
//! ...) and counts the requests it gets, for the token-source tests.

#![allow(dead_code)]

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use serde_json::json;
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, Request, Respond, ResponseTemplate};
use zoom_ext::auth::{ClientSecret, OAuthOptions};

pub const CLIENT_ID: &str = "client-id-1";
pub const CLIENT_SECRET: &str = "client-secret-9f8e";
/// `Basic base64("client-id-1:client-secret-9f8e")`, computed with Python's base64 module.
pub const BASIC: &str = "Basic Y2xpZW50LWlkLTE6Y2xpZW50LXNlY3JldC05Zjhl";
pub const TOKEN_PATH: &str = "/oauth/token";

pub fn access_token(n: usize) -> String {
    format!("at-secret-{n}")
}

pub fn refresh_token(n: usize) -> String {
    format!("rt-secret-{n}")
}

pub fn secret() -> ClientSecret {
    ClientSecret::new(CLIENT_SECRET)
}

/// Issues numbered tokens. Token `n` lives `lifetimes[n - 1]` seconds (the last entry for
/// all later ones); with `rotate`, refresh token `n` comes with it.
#[derive(Clone)]
pub struct Issuer {
    pub issued: Arc<AtomicUsize>,
    pub lifetimes: Vec<u64>,
    pub rotate: bool,
    pub delay: Duration,
}

impl Issuer {
    pub fn new(lifetimes: &[u64]) -> Self {
        Issuer {
            issued: Arc::default(),
            lifetimes: lifetimes.to_vec(),
            rotate: false,
            delay: Duration::from_millis(200),
        }
    }

    pub fn count(&self) -> usize {
        self.issued.load(Ordering::SeqCst)
    }
}

impl Respond for Issuer {
    fn respond(&self, _request: &Request) -> ResponseTemplate {
        let n = self.issued.fetch_add(1, Ordering::SeqCst) + 1;
        let lifetime = self.lifetimes[(n - 1).min(self.lifetimes.len() - 1)];
        let mut body = json!({
            "access_token": access_token(n),
            "token_type": "bearer",
            "expires_in": lifetime,
            "scope": "meeting:read:admin",
        });
        if self.rotate {
            body["refresh_token"] = json!(refresh_token(n));
        }
        ResponseTemplate::new(200)
            .set_body_json(body)
            .set_delay(self.delay)
    }
}

/// A token endpoint answering every POST with `responder`.
pub async fn endpoint(responder: impl Respond + 'static) -> MockServer {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path(TOKEN_PATH))
        .respond_with(responder)
        .mount(&server)
        .await;
    server
}

pub fn options(server: &MockServer) -> OAuthOptions {
    OAuthOptions::default().token_url(format!("{}{TOKEN_PATH}", server.uri()))
}

/// The bodies of the requests `server` received, as text.
pub async fn bodies(server: &MockServer) -> Vec<String> {
    server
        .received_requests()
        .await
        .unwrap()
        .iter()
        .map(|request| String::from_utf8_lossy(&request.body).into_owned())
        .collect()
}

/// Call after awaiting many futures in one test, before its servers drop. wiremock's
/// `MockServer::drop` waits on a tokio lock with a blocking executor; once the test task has
/// spent its coop budget (awaiting a thousand calls does), that lock answers "pending"
/// forever and the test hangs (seen about 1 run in 80). A yield gives the task a fresh budget.
pub async fn before_servers_drop() {
    tokio::task::yield_now().await;
}
