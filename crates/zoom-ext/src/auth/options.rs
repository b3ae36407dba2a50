//! Settings shared by the OAuth token sources.

use std::time::Duration;

use super::endpoint::DEFAULT_TOKEN_URL;

/// Where tokens come from and when they are renewed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OAuthOptions {
    pub(crate) token_url: String,
    pub(crate) refresh_margin: Duration,
    pub(crate) timeout: Duration,
}

impl Default for OAuthOptions {
    /// Zoom's token URL; renewal 5 minutes before expiry; 30 s per token request.
    ///
    /// Zoom's tokens live an hour. Five minutes before the end is well past the longest a
    /// call holds a token (the client's 30 s timeout, times the retries a `RetryPolicy`
    /// allows within its 30 s budget) plus clock slack, and costs one extra token request
    /// every eleven hours.
    fn default() -> Self {
        OAuthOptions {
            token_url: DEFAULT_TOKEN_URL.to_owned(),
            refresh_margin: Duration::from_secs(5 * 60),
            timeout: Duration::from_secs(30),
        }
    }
}

impl OAuthOptions {
    /// Another token endpoint than Zoom's (a proxy, a test server).
    pub fn token_url(mut self, url: impl Into<String>) -> Self {
        self.token_url = url.into();
        self
    }

    /// How long before its expiry a token is renewed. A token that lives less than twice
    /// this is renewed at half its life instead.
    pub fn refresh_margin(mut self, margin: Duration) -> Self {
        self.refresh_margin = margin;
        self
    }

    /// The bound on one token request.
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = timeout;
        self
    }
}
