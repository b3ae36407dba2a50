//! Server-to-Server OAuth: the app trades its account ID and client credentials for an
//! hour-long access token whenever it needs one. There is no refresh token.

use std::fmt;

use super::cache::{Step, TokenCache};
use super::endpoint::TokenEndpoint;
use super::error::ConfigError;
use super::options::OAuthOptions;
use super::secret::ClientSecret;
use super::{TokenFuture, TokenSource};
use crate::token::AccessToken;

/// Tokens for a Server-to-Server OAuth app, cached and renewed by one request at a time.
pub struct ServerToServerOAuth {
    account_id: String,
    endpoint: TokenEndpoint,
    cache: TokenCache<()>,
}

impl fmt::Debug for ServerToServerOAuth {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ServerToServerOAuth")
            .field("account_id", &self.account_id)
            .field("endpoint", &self.endpoint)
            .finish_non_exhaustive()
    }
}

impl ServerToServerOAuth {
    pub fn new(
        account_id: impl Into<String>,
        client_id: impl Into<String>,
        client_secret: ClientSecret,
        options: OAuthOptions,
    ) -> Result<Self, ConfigError> {
        Ok(ServerToServerOAuth {
            account_id: account_id.into(),
            endpoint: TokenEndpoint::new(
                &options.token_url,
                client_id.into(),
                client_secret,
                options.timeout,
            )?,
            cache: TokenCache::new((), options.refresh_margin),
        })
    }

    async fn get(&self, rejected: Option<&AccessToken>) -> super::TokenResult {
        let renewal = match self.cache.begin(rejected).await {
            Step::Done(result) => return result,
            Step::Renew(renewal) => renewal,
        };
        let form = [
            ("grant_type", "account_credentials"),
            ("account_id", self.account_id.as_str()),
        ];
        let outcome = self.endpoint.request(&form, &[]).await;
        renewal.finish(outcome.map(|response| response.granted))
    }
}

impl TokenSource for ServerToServerOAuth {
    fn token(&self) -> TokenFuture<'_> {
        Box::pin(self.get(None))
    }

    fn refresh<'a>(&'a self, rejected: &'a AccessToken) -> TokenFuture<'a> {
        Box::pin(self.get(Some(rejected)))
    }
}
