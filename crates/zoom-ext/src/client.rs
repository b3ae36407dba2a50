//! Building a ready-to-use `zoom_api::Client` from an access token.

use std::fmt;
use std::sync::Once;
use std::time::Duration;

use reqwest::header::{AUTHORIZATION, HeaderMap, HeaderValue};

use crate::token::AccessToken;

/// Zoom's production API root.
pub const DEFAULT_BASE_URL: &str = "https://api.zoom.us/v2";

/// Configures a client. Start with [`ClientBuilder::new`]; `build` gives a
/// `zoom_api::Client` whose every request carries `Authorization: Bearer <token>`.
#[derive(Clone)]
pub struct ClientBuilder {
    token: AccessToken,
    base_url: Option<String>,
    timeout: Duration,
    connect_timeout: Duration,
}

impl fmt::Debug for ClientBuilder {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ClientBuilder")
            .field("token", &self.token)
            .field("base_url", &self.base_url)
            .field("timeout", &self.timeout)
            .field("connect_timeout", &self.connect_timeout)
            .finish()
    }
}

impl ClientBuilder {
    pub fn new(token: AccessToken) -> Self {
        ClientBuilder {
            token,
            base_url: None,
            timeout: Duration::from_secs(30),
            connect_timeout: Duration::from_secs(10),
        }
    }

    /// Another API root than Zoom's (a proxy, a test server). `None` keeps the default.
    pub fn base_url(mut self, base_url: Option<impl Into<String>>) -> Self {
        self.base_url = base_url.map(Into::into);
        self
    }

    /// The bound on a whole call, from connecting to the last body byte.
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = timeout;
        self
    }

    pub fn connect_timeout(mut self, timeout: Duration) -> Self {
        self.connect_timeout = timeout;
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
        let mut bearer = HeaderValue::from_str(&format!("Bearer {}", self.token.expose()))
            .map_err(|_| BuildError::TokenNotAHeaderValue)?;
        // Marks the value so `Debug` of headers and clients prints `Sensitive`.
        bearer.set_sensitive(true);
        let headers = HeaderMap::from_iter([(AUTHORIZATION, bearer)]);
        install_tls_provider();
        let http = reqwest::Client::builder()
            .default_headers(headers)
            .timeout(self.timeout)
            .connect_timeout(self.connect_timeout)
            .user_agent(concat!("zoom-rs/", env!("CARGO_PKG_VERSION")))
            .build()
            .map_err(|e| BuildError::Http(e.to_string()))?;
        Ok(zoom_api::Client::new_with_client(&base_url, http))
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

/// Why a client could not be built. Never contains the token.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum BuildError {
    #[error("base URL '{0}' is not an absolute http(s) URL")]
    BaseUrl(String),
    #[error("the access token contains characters that cannot go in an HTTP header")]
    TokenNotAHeaderValue,
    #[error("the HTTP client could not be built: {0}")]
    Http(String),
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bad_inputs_are_named_without_the_token() {
        let err = ClientBuilder::new(AccessToken::new("zq9\nxy"))
            .build()
            .unwrap_err();
        assert_eq!(err, BuildError::TokenNotAHeaderValue);
        assert!(!err.to_string().contains("zq9"));
        let err = ClientBuilder::new(AccessToken::new("t"))
            .base_url(Some("ftp://x"))
            .build()
            .unwrap_err();
        assert!(matches!(err, BuildError::BaseUrl(_)));
    }

    #[test]
    fn debug_output_redacts_the_token() {
        let builder = ClientBuilder::new(AccessToken::new("very-secret-token"));
        assert!(!format!("{builder:?}").contains("very-secret-token"));
        let client = builder.build().unwrap();
        assert!(!format!("{client:?}").contains("very-secret-token"));
    }
}
