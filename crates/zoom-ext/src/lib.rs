//! Hand-written companions to the generated `zoom-api` client.
//!
//! - [`ClientBuilder`]: a client from an access token (and optionally another base URL),
//!   with the token kept out of every `Debug` and error text.
//! - [`MeetingUuid`]: Zoom's rule for meeting UUIDs in paths (double-encode those that begin
//!   with `/` or contain `//`).
//! - [`Call`] and [`ZoomError`]: any call's failure as one error with the HTTP status,
//!   Zoom's code and message, the documented meaning of that code, and `Retry-After`.
//! - [`RetryPolicy`] and [`CallWithRetry`]: opt-in retries that honour `Retry-After` and
//!   retry 5xx only for idempotent methods, bounded in tries and total time.
//! - [`auth`]: token sources (a fixed token, Server-to-Server OAuth, user OAuth) that cache
//!   and renew access tokens, one request at a time.
//! - [`webhook`]: verifying Zoom's webhook signatures and answering URL validation.
//! - [`rate_limit`]: Zoom's `X-RateLimit-*` response headers.

pub mod auth;
mod call;
mod client;
mod error;
mod meeting_uuid;
pub mod rate_limit;
mod retry;
mod token;
pub mod webhook;

pub use call::Call;
pub use client::{BuildError, ClientBuilder, DEFAULT_BASE_URL};
pub use error::{ApiError, ErrorBody, TransportKind, ZoomError, decode, retry_after};
pub use meeting_uuid::MeetingUuid;
pub use retry::{CallWithRetry, RetryPolicy, is_idempotent};
pub use token::{AccessToken, MissingToken};
