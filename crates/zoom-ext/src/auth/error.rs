//! Why a token could not be had, and why a token source could not be set up. No variant
//! carries a secret: what the token endpoint says is scrubbed of the secrets that were sent.

use std::sync::Arc;

/// Getting an access token failed.
///
/// `Clone` because one failed token request answers every caller that was waiting on it.
#[derive(Debug, Clone, thiserror::Error)]
pub enum AuthError {
    /// A [`StaticToken`](super::StaticToken) cannot be renewed.
    #[error(
        "Zoom rejected the static access token and it cannot be refreshed: supply a new token \
         or use OAuth credentials"
    )]
    StaticTokenRejected,
    /// The token endpoint answered with a failure status: bad credentials, a revoked or
    /// already used refresh token, or an outage. Not retried: the same request would fail
    /// the same way.
    #[error(
        "Zoom refused the token request (HTTP {status}){}",
        said(error, reason)
    )]
    Refused {
        status: u16,
        /// Zoom's `error` (`invalid_client`, `invalid_request`).
        error: Option<String>,
        /// Zoom's `reason` (`Invalid client_id or client_secret`), or the start of a body
        /// that is not JSON.
        reason: Option<String>,
    },
    /// The token endpoint answered success without a usable token.
    #[error("Zoom's token endpoint answered HTTP {status} without a usable token: {problem}")]
    InvalidResponse { status: u16, problem: &'static str },
    /// Connecting, sending or receiving failed, or the request timed out.
    #[error("the token request failed: {source}")]
    Transport {
        #[source]
        source: Arc<reqwest::Error>,
    },
}

fn said(error: &Option<String>, reason: &Option<String>) -> String {
    match (error, reason) {
        (Some(error), Some(reason)) => format!(": {error}: {reason}"),
        (Some(one), None) | (None, Some(one)) => format!(": {one}"),
        (None, None) => String::new(),
    }
}

impl AuthError {
    /// Zoom said the client ID or secret is wrong: only new credentials help.
    pub fn is_invalid_client(&self) -> bool {
        matches!(self, AuthError::Refused { error: Some(error), .. } if error == "invalid_client")
    }
}

/// A token source could not be set up.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ConfigError {
    #[error("token URL '{0}' is not an absolute http(s) URL")]
    TokenUrl(String),
    #[error("the HTTP client for token requests could not be built: {0}")]
    Http(String),
    /// Neither complete Server-to-Server OAuth credentials nor an access token.
    #[error(
        "no Zoom credentials in the environment: set ZOOM_ACCOUNT_ID, ZOOM_CLIENT_ID and \
         ZOOM_CLIENT_SECRET for Server-to-Server OAuth (and ZOOM_OAUTH_TOKEN_URL for another \
         token endpoint), or ZOOM_ACCESS_TOKEN for a fixed token{}",
        missing_note(missing)
    )]
    NoCredentials {
        /// The Server-to-Server variables that are missing when only some were set.
        missing: Vec<&'static str>,
    },
}

fn missing_note(missing: &[&'static str]) -> String {
    if missing.is_empty() {
        String::new()
    } else {
        format!(
            "; Server-to-Server OAuth is incomplete, missing: {}",
            missing.join(", ")
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refusals_name_what_zoom_said() {
        let refused = AuthError::Refused {
            status: 401,
            error: Some("invalid_client".into()),
            reason: Some("Invalid client_id or client_secret".into()),
        };
        assert_eq!(
            refused.to_string(),
            "Zoom refused the token request (HTTP 401): invalid_client: \
             Invalid client_id or client_secret"
        );
        assert!(refused.is_invalid_client());
        let bare = AuthError::Refused {
            status: 503,
            error: None,
            reason: None,
        };
        assert_eq!(
            bare.to_string(),
            "Zoom refused the token request (HTTP 503)"
        );
    }

    #[test]
    fn missing_credentials_list_the_variables() {
        let none = ConfigError::NoCredentials { missing: vec![] }.to_string();
        for variable in [
            "ZOOM_ACCOUNT_ID",
            "ZOOM_CLIENT_ID",
            "ZOOM_CLIENT_SECRET",
            "ZOOM_ACCESS_TOKEN",
        ] {
            assert!(none.contains(variable), "{none}");
        }
        let partial = ConfigError::NoCredentials {
            missing: vec!["ZOOM_CLIENT_SECRET"],
        }
        .to_string();
        assert!(
            partial.ends_with("missing: ZOOM_CLIENT_SECRET"),
            "{partial}"
        );
    }
}
