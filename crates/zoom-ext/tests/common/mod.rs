//! Shared by the integration tests: a real local HTTP server and a client pointed at it.

#![allow(dead_code)]

use wiremock::MockServer;
use zoom_ext::{AccessToken, ClientBuilder, RetryPolicy};

pub const TOKEN: &str = "test-token-7f3a9c1e";

/// A client for `server`, authenticated with [`TOKEN`], that sends each call once: these
/// tests look at single answers.
pub fn client(server: &MockServer) -> zoom_api::Client {
    ClientBuilder::with_token(AccessToken::new(TOKEN))
        .base_url(Some(server.uri()))
        .retry(RetryPolicy::none())
        .build()
        .expect("client builds")
}

/// How Zoom reads a path segment: the HTTP layer decodes once; a UUID that arrived
/// double-encoded still holds escapes (base64 UUIDs never contain `%`) and is decoded again.
pub fn zoom_decode(segment: &str) -> String {
    use percent_encoding::percent_decode_str;
    let once = percent_decode_str(segment)
        .decode_utf8()
        .unwrap()
        .into_owned();
    if once.contains('%') {
        percent_decode_str(&once)
            .decode_utf8()
            .unwrap()
            .into_owned()
    } else {
        once
    }
}

/// Call after awaiting many futures in one test, before its servers drop. wiremock's
/// `MockServer::drop` waits on a tokio lock with a blocking executor; once the test task has
/// spent its coop budget (awaiting a thousand calls does), that lock answers "pending"
/// forever and the test hangs (seen about 1 run in 80). A yield gives the task a fresh budget.
pub async fn before_servers_drop() {
    tokio::task::yield_now().await;
}
