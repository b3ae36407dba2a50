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
