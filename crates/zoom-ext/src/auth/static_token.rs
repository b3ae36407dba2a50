//! A fixed bearer token, for scripts and tokens minted elsewhere.

use super::error::AuthError;
use super::{TokenFuture, TokenSource};
use crate::token::AccessToken;

/// Always the same token; when the API rejects it there is nothing to renew it with.
#[derive(Debug, Clone)]
pub struct StaticToken(AccessToken);

impl StaticToken {
    pub fn new(token: AccessToken) -> Self {
        StaticToken(token)
    }
}

impl TokenSource for StaticToken {
    fn token(&self) -> TokenFuture<'_> {
        let token = self.0.clone();
        Box::pin(async move { Ok(token) })
    }

    fn refresh<'a>(&'a self, _rejected: &'a AccessToken) -> TokenFuture<'a> {
        Box::pin(async { Err(AuthError::StaticTokenRejected) })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn serves_the_token_and_cannot_refresh() {
        let source = StaticToken::new(AccessToken::new("fixed-secret"));
        let token = source.token().await.unwrap();
        assert_eq!(token.expose(), "fixed-secret");
        let err = source.refresh(&token).await.unwrap_err();
        assert!(matches!(err, AuthError::StaticTokenRejected));
        assert!(err.to_string().contains("static access token"));
        assert!(!format!("{source:?} {err:?}").contains("fixed-secret"));
    }
}
