//! Building a ready-to-use `zoom_api::Client`: where it sends, how it signs in, how it paces
//! and retries. One client serves a whole application: tokens are renewed inside it.

use std::sync::{Arc, Once};
use std::time::Duration;

use crate::auth::{self, ConfigError, StaticToken, TokenSource};
use crate::hook::ZoomHook;
use crate::pacing::Pacing;
use crate::retry::RetryPolicy;
use crate::token::AccessToken;

/// Zoom's production API root.
pub const DEFAULT_BASE_URL: &str = "https://api.zoom.us/v2";

/// Configures a client. Start with [`ClientBuilder::from_env`], [`ClientBuilder::new`] (any
/// [`TokenSource`]) or [`ClientBuilder::with_token`]; `build` gives a `zoom_api::Client`.
#[derive(Debug)]
pub struct ClientBuilder {
    tokens: Arc<dyn TokenSource>,
    base_url: Option<String>,
    timeout: Duration,
    connect_timeout: Duration,
    retry: RetryPolicy,
    pacing: Option<Pacing>,
}

impl ClientBuilder {
    /// A client that signs in with `tokens` (Server-to-Server OAuth, user OAuth, a fixed
    /// token, or your own source).
    pub fn new(tokens: impl TokenSource + 'static) -> Self {
        ClientBuilder {
            tokens: Arc::new(tokens),
            base_url: None,
            timeout: Duration::from_secs(30),
            connect_timeout: Duration::from_secs(10),
            retry: RetryPolicy::standard(),
            pacing: None,
        }
    }

    /// A client with one fixed access token.
    pub fn with_token(token: AccessToken) -> Self {
        ClientBuilder::new(StaticToken::new(token))
    }

    /// Signs in as [`auth::from_env`] says (Server-to-Server OAuth when `ZOOM_ACCOUNT_ID`,
    /// `ZOOM_CLIENT_ID` and `ZOOM_CLIENT_SECRET` are set, else `ZOOM_ACCESS_TOKEN`), and
    /// sends to `ZOOM_BASE_URL` when that is set.
    pub fn from_env() -> Result<Self, ConfigError> {
        Ok(ClientBuilder::new(auth::from_env()?).base_url(
            std::env::var("ZOOM_BASE_URL")
                .ok()
                .filter(|url| !url.trim().is_empty()),
        ))
    }

    /// Another API root than Zoom's (a proxy, a test server). `None` keeps the default.
    pub fn base_url(mut self, base_url: Option<impl Into<String>>) -> Self {
        self.base_url = base_url.map(Into::into);
        self
    }

    /// The bound on one try of a call, from connecting to the last body byte (default 30 s).
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = timeout;
        self
    }

    pub fn connect_timeout(mut self, timeout: Duration) -> Self {
        self.connect_timeout = timeout;
        self
    }

    /// When calls are tried again ([`RetryPolicy::standard`] unless set;
    /// [`RetryPolicy::none`] sends each once).
    pub fn retry(mut self, policy: RetryPolicy) -> Self {
        self.retry = policy;
        self
    }

    /// Paces calls under Zoom's limits for the account's plan: a busy application waits its
    /// turn instead of receiving 429s.
    pub fn pacing(mut self, pacing: Pacing) -> Self {
        self.pacing = Some(pacing);
        self
    }

    pub fn build(self) -> Result<zoom_api::Client, BuildError> {
        let base_url = self
            .base_url
            .as_deref()
            .unwrap_or(DEFAULT_BASE_URL)
            .trim_end_matches('/')
            .to_owned();
        let parsed =
            reqwest::Url::parse(&base_url).map_err(|_| BuildError::BaseUrl(base_url.clone()))?;
        if !matches!(parsed.scheme(), "http" | "https") {
            return Err(BuildError::BaseUrl(base_url));
        }
        install_tls_provider();
        let http = reqwest::Client::builder()
            .timeout(self.timeout)
            .connect_timeout(self.connect_timeout)
            .user_agent(concat!("zoom-rs/", env!("CARGO_PKG_VERSION")))
            .build()
            .map_err(|e| BuildError::Http(e.to_string()))?;
        let hook = ZoomHook {
            tokens: self.tokens,
            retry: self.retry,
            pacing: self.pacing,
        };
        Ok(zoom_api::Client::new_with_client(
            &base_url,
            http,
            zoom_api::Middleware::new(Arc::new(hook)),
        ))
    }
}

/// reqwest is built without its own crypto provider; use ring unless the application
/// installed one already.
pub(crate) fn install_tls_provider() {
    static ONCE: Once = Once::new();
    ONCE.call_once(|| {
        if rustls::crypto::CryptoProvider::get_default().is_none() {
            // Losing a race with another installer is fine: some provider is then set.
            let _ = rustls::crypto::ring::default_provider().install_default();
        }
    });
}

/// Why a client could not be built. Never contains a secret.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum BuildError {
    #[error("base URL '{0}' is not an absolute http(s) URL")]
    BaseUrl(String),
    #[error("the HTTP client could not be built: {0}")]
    Http(String),
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bad_base_urls_are_named() {
        let err = ClientBuilder::with_token(AccessToken::new("t"))
            .base_url(Some("ftp://x"))
            .build()
            .unwrap_err();
        assert!(matches!(err, BuildError::BaseUrl(_)));
    }

    #[test]
    fn debug_output_redacts_the_token() {
        let builder = ClientBuilder::with_token(AccessToken::new("very-secret-token"));
        assert!(!format!("{builder:?}").contains("very-secret-token"));
        let client = builder.build().unwrap();
        assert!(!format!("{client:?}").contains("very-secret-token"));
    }
}
