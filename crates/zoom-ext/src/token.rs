//! The OAuth access token: kept out of `Debug`, `Display` and every error message.

use std::fmt;

/// A Zoom OAuth access token. It prints as `AccessToken(<redacted>)` wherever it ends up.
#[derive(Clone, PartialEq, Eq)]
pub struct AccessToken(String);

impl AccessToken {
    pub fn new(token: impl Into<String>) -> Self {
        AccessToken(token.into())
    }

    /// Reads the token from an environment variable (conventionally `ZOOM_ACCESS_TOKEN`).
    pub fn from_env(variable: &str) -> Result<Self, MissingToken> {
        match std::env::var(variable) {
            Ok(token) if !token.trim().is_empty() => Ok(AccessToken(token.trim().to_owned())),
            _ => Err(MissingToken {
                variable: variable.to_owned(),
            }),
        }
    }

    /// The secret itself, for the one place that must send it.
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for AccessToken {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("AccessToken(<redacted>)")
    }
}

impl fmt::Display for AccessToken {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("<redacted>")
    }
}

#[derive(Debug, thiserror::Error)]
#[error("environment variable {variable} is not set or empty; it must hold a Zoom access token")]
pub struct MissingToken {
    pub variable: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn never_prints_the_secret() {
        let token = AccessToken::new("s3cr3t-value");
        assert!(!format!("{token:?} {token} {token:#?}").contains("s3cr3t"));
        assert_eq!(token.expose(), "s3cr3t-value");
    }
}
