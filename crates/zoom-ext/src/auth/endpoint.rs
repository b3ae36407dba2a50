//! Zoom's OAuth token endpoint: one POST with HTTP Basic client credentials and a form body,
//! for both the account-credentials and the refresh-token grant.

use std::fmt;
use std::sync::Arc;
use std::time::Duration;

use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use serde_json::Value;

use super::cache::Granted;
use super::error::{AuthError, ConfigError};
use super::secret::{ClientSecret, RefreshToken};
use crate::token::AccessToken;

/// Where Zoom issues tokens.
pub const DEFAULT_TOKEN_URL: &str = "https://zoom.us/oauth/token";

/// Zoom's documented lifetime of an access token, for a response that leaves it out.
const DEFAULT_LIFETIME: Duration = Duration::from_secs(3600);

/// How much of a body that is not JSON goes into an error.
const SHOWN_BODY_CHARS: usize = 200;

/// A granted access token, and the refresh token a refresh-token grant rotates in.
pub(crate) struct TokenResponse {
    pub granted: Granted,
    pub refresh_token: Option<RefreshToken>,
}

pub(crate) struct TokenEndpoint {
    http: reqwest::Client,
    url: reqwest::Url,
    client_id: String,
    client_secret: ClientSecret,
}

impl fmt::Debug for TokenEndpoint {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("TokenEndpoint")
            .field("url", &self.url.as_str())
            .field("client_id", &self.client_id)
            .field("client_secret", &self.client_secret)
            .finish()
    }
}

impl TokenEndpoint {
    pub fn new(
        url: &str,
        client_id: String,
        client_secret: ClientSecret,
        timeout: Duration,
    ) -> Result<Self, ConfigError> {
        let parsed = reqwest::Url::parse(url).map_err(|_| ConfigError::TokenUrl(url.into()))?;
        if !matches!(parsed.scheme(), "http" | "https") {
            return Err(ConfigError::TokenUrl(url.into()));
        }
        crate::client::install_tls_provider();
        let http = reqwest::Client::builder()
            .timeout(timeout)
            .connect_timeout(timeout.min(Duration::from_secs(10)))
            .user_agent(concat!("zoom-rs/", env!("CARGO_PKG_VERSION")))
            .build()
            .map_err(|e| ConfigError::Http(e.to_string()))?;
        Ok(TokenEndpoint {
            http,
            url: parsed,
            client_id,
            client_secret,
        })
    }

    /// Sends one grant. `secrets` are form values that must not come back in an error
    /// (the refresh token), beside the client secret, which never does.
    pub async fn request(
        &self,
        form: &[(&str, &str)],
        secrets: &[&str],
    ) -> Result<TokenResponse, AuthError> {
        let transport = |source| AuthError::Transport {
            source: Arc::new(source),
        };
        let response = self
            .http
            .post(self.url.clone())
            // reqwest marks this header sensitive, so it never shows in `Debug` or logs.
            .basic_auth(&self.client_id, Some(self.client_secret.expose()))
            .form(form)
            .send()
            .await
            .map_err(transport)?;
        let status = response.status().as_u16();
        let success = response.status().is_success();
        let body = response.bytes().await.map_err(transport)?;
        // The Basic credential too: a gateway may quote the header it got.
        let basic = STANDARD.encode(format!(
            "{}:{}",
            self.client_id,
            self.client_secret.expose()
        ));
        let mut hidden = vec![self.client_secret.expose(), basic.as_str()];
        hidden.extend_from_slice(secrets);
        if success {
            parse_grant(status, &body)
        } else {
            Err(refusal(status, &body, &hidden))
        }
    }
}

fn parse_grant(status: u16, body: &[u8]) -> Result<TokenResponse, AuthError> {
    // Read through `Value`, not a typed struct: serde's type errors quote the offending
    // value, which could be a token.
    let invalid = |problem| AuthError::InvalidResponse { status, problem };
    let json: Value = serde_json::from_slice(body).map_err(|_| invalid("the body is not JSON"))?;
    let token = json
        .get("access_token")
        .and_then(Value::as_str)
        .filter(|token| !token.is_empty())
        .ok_or_else(|| invalid("it has no access_token"))?;
    let lifetime = json
        .get("expires_in")
        .and_then(Value::as_u64)
        .map_or(DEFAULT_LIFETIME, Duration::from_secs);
    let refresh_token = json
        .get("refresh_token")
        .and_then(Value::as_str)
        .filter(|token| !token.is_empty())
        .map(RefreshToken::new);
    Ok(TokenResponse {
        granted: Granted {
            token: AccessToken::new(token),
            lifetime,
        },
        refresh_token,
    })
}

/// Zoom's `{"reason": .., "error": ..}`, or the start of whatever else came back.
fn refusal(status: u16, body: &[u8], hidden: &[&str]) -> AuthError {
    let text = |value: &Value, key: &str| {
        value
            .get(key)
            .and_then(Value::as_str)
            .map(|text| redact(text, hidden))
    };
    let (error, reason) = match serde_json::from_slice::<Value>(body) {
        Ok(json) if json.is_object() => (
            text(&json, "error"),
            text(&json, "reason").or_else(|| text(&json, "error_description")),
        ),
        _ => {
            let shown: String = String::from_utf8_lossy(body)
                .trim()
                .chars()
                .take(SHOWN_BODY_CHARS)
                .collect();
            (None, (!shown.is_empty()).then(|| redact(&shown, hidden)))
        }
    };
    AuthError::Refused {
        status,
        error,
        reason,
    }
}

fn redact(text: &str, hidden: &[&str]) -> String {
    hidden
        .iter()
        .filter(|secret| !secret.is_empty())
        .fold(text.to_owned(), |text, secret| {
            text.replace(secret, "<redacted>")
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_grant_needs_an_access_token() {
        let ok = parse_grant(
            200,
            br#"{"access_token":"at","token_type":"bearer","expires_in":3599,"scope":"x"}"#,
        )
        .unwrap();
        assert_eq!(ok.granted.token.expose(), "at");
        assert_eq!(ok.granted.lifetime, Duration::from_secs(3599));
        assert!(ok.refresh_token.is_none());
        for body in [
            &b"<html>"[..],
            br#"{"expires_in":1}"#,
            br#"{"access_token":7}"#,
        ] {
            assert!(matches!(
                parse_grant(200, body),
                Err(AuthError::InvalidResponse { .. })
            ));
        }
    }

    #[test]
    fn a_refusal_says_what_zoom_said_without_secrets() {
        let err = refusal(
            400,
            br#"{"reason":"Invalid Token: rt-secret","error":"invalid_request"}"#,
            &["rt-secret"],
        );
        let text = err.to_string();
        assert!(text.contains("HTTP 400"), "{text}");
        assert!(
            text.contains("invalid_request: Invalid Token: <redacted>"),
            "{text}"
        );
        let err = refusal(502, b"  <html>Bad gateway cs-secret</html>", &["cs-secret"]);
        assert!(
            err.to_string()
                .ends_with("<html>Bad gateway <redacted></html>")
        );
    }
}
