//! User OAuth (authorization-code apps): an access token renewed with a refresh token.
//! Zoom rotates the refresh token on every renewal and the old one stops working, so the
//! new one is kept, and handed to the application to persist.

use std::fmt;
use std::sync::Arc;
use std::time::{Instant, SystemTime};

use super::cache::{Step, TokenCache};
use super::endpoint::TokenEndpoint;
use super::error::ConfigError;
use super::options::OAuthOptions;
use super::secret::{ClientSecret, RefreshToken};
use super::{TokenFuture, TokenSource};
use crate::token::AccessToken;

type OnRefresh = Arc<dyn Fn(&RefreshToken) + Send + Sync>;

/// Tokens of one user who authorized the app, cached and renewed by one request at a time.
pub struct UserOAuth {
    endpoint: TokenEndpoint,
    /// The flight state is the current refresh token: only the renewal reads or replaces it.
    cache: TokenCache<RefreshToken>,
    on_refresh: Option<OnRefresh>,
}

impl fmt::Debug for UserOAuth {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("UserOAuth")
            .field("endpoint", &self.endpoint)
            .field("on_refresh", &self.on_refresh.is_some())
            .finish_non_exhaustive()
    }
}

impl UserOAuth {
    /// Starts from a refresh token alone: the first call renews.
    pub fn new(
        client_id: impl Into<String>,
        client_secret: ClientSecret,
        refresh_token: RefreshToken,
        options: OAuthOptions,
    ) -> Result<Self, ConfigError> {
        Ok(UserOAuth {
            endpoint: TokenEndpoint::new(
                &options.token_url,
                client_id.into(),
                client_secret,
                options.timeout,
            )?,
            cache: TokenCache::new(refresh_token, options.refresh_margin),
            on_refresh: None,
        })
    }

    /// An access token the application already holds, used until near `expires_at`.
    pub fn with_access_token(mut self, token: AccessToken, expires_at: SystemTime) -> Self {
        let left = expires_at
            .duration_since(SystemTime::now())
            .unwrap_or_default();
        self.cache.seed(token, Instant::now() + left);
        self
    }

    /// Called with each new refresh token, before any caller gets the access token that came
    /// with it. Renewals are serialised, so calls arrive in order; the callback should be
    /// quick (hand the token to a task to write it out) since callers wait meanwhile.
    pub fn on_refresh(mut self, callback: impl Fn(&RefreshToken) + Send + Sync + 'static) -> Self {
        self.on_refresh = Some(Arc::new(callback));
        self
    }

    async fn get(&self, rejected: Option<&AccessToken>) -> super::TokenResult {
        let mut renewal = match self.cache.begin(rejected).await {
            Step::Done(result) => return result,
            Step::Renew(renewal) => renewal,
        };
        let current = renewal.state().clone();
        let form = [
            ("grant_type", "refresh_token"),
            ("refresh_token", current.expose()),
        ];
        let outcome = self.endpoint.request(&form, &[current.expose()]).await;
        let outcome = outcome.map(|response| {
            // A response without one leaves the old refresh token in force.
            // Kept before the callback runs: the old one is dead even if the callback panics.
            if let Some(rotated) = response.refresh_token {
                *renewal.state() = rotated;
                if let Some(callback) = &self.on_refresh {
                    callback(renewal.state());
                }
            }
            response.granted
        });
        renewal.finish(outcome)
    }
}

impl TokenSource for UserOAuth {
    fn token(&self) -> TokenFuture<'_> {
        Box::pin(self.get(None))
    }

    fn refresh<'a>(&'a self, rejected: &'a AccessToken) -> TokenFuture<'a> {
        Box::pin(self.get(Some(rejected)))
    }
}
