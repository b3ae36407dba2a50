//! The OAuth access token: kept out of `Debug`, `Display` and every error message.

use std::fmt;

/// A Zoom OAuth access token. It prints as `AccessToken(<redacted>)` wherever it ends up.
#[derive(Clone, PartialEq, Eq)]
pub struct AccessToken(String);

impl AccessToken {
    pub fn new(token: impl Into<String>) -> Self {
        AccessToken(token.into())
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
