//! Access tokens for the Zoom API: where they come from and when they are renewed.
//!
//! - [`TokenSource`]: what a client asks for a token, and for a new one after a 401.
//! - [`StaticToken`]: one fixed token. [`ServerToServerOAuth`]: account credentials.
//!   [`UserOAuth`]: a user's rotating refresh token. [`from_env`] picks one.
//! - [`is_token_rejected`]: whether a failed response calls for [`TokenSource::refresh`].
//!
//! ```no_run
//! # async fn demo() -> Result<(), Box<dyn std::error::Error>> {
//! use zoom_ext::auth::{from_env, is_token_rejected};
//!
//! let tokens = from_env()?; // shared by every task as Arc<dyn TokenSource>
//! let token = tokens.token().await?;
//! // ... a call sent with `token` failed with `status` and `body`:
//! # let (status, body) = (reqwest::StatusCode::UNAUTHORIZED, Vec::<u8>::new());
//! if is_token_rejected(status, &body) {
//!     let token = tokens.refresh(&token).await?;
//!     // ... send the call once more with `token`
//! }
//! # Ok(()) }
//! ```

mod cache;
mod endpoint;
mod env;
mod error;
mod options;
mod rejection;
mod secret;
mod server_to_server;
mod static_token;
mod user;

use std::fmt;
use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;

use crate::token::AccessToken;

pub use endpoint::DEFAULT_TOKEN_URL;
pub use env::{from_env, from_vars};
pub use error::{AuthError, ConfigError};
pub use options::OAuthOptions;
pub use rejection::is_token_rejected;
pub use secret::{ClientSecret, RefreshToken};
pub use server_to_server::ServerToServerOAuth;
pub use static_token::StaticToken;
pub use user::UserOAuth;

pub type TokenResult = Result<AccessToken, AuthError>;

/// Boxed so that [`TokenSource`] can be held as `Arc<dyn TokenSource>`.
pub type TokenFuture<'a> = Pin<Box<dyn Future<Output = TokenResult> + Send + 'a>>;

/// Where a client gets its access token.
pub trait TokenSource: fmt::Debug + Send + Sync {
    /// The token to send now: the cached one while it is fresh, else a new one.
    fn token(&self) -> TokenFuture<'_>;

    /// A replacement for `rejected`, a token the API refused (see [`is_token_rejected`]).
    /// When a token other than `rejected` is already cached and fresh, that one is returned
    /// and nothing is requested: any number of calls refused with one stale token make one
    /// token request between them.
    fn refresh<'a>(&'a self, rejected: &'a AccessToken) -> TokenFuture<'a>;
}

impl<T: TokenSource + ?Sized> TokenSource for Arc<T> {
    fn token(&self) -> TokenFuture<'_> {
        (**self).token()
    }

    fn refresh<'a>(&'a self, rejected: &'a AccessToken) -> TokenFuture<'a> {
        (**self).refresh(rejected)
    }
}
