//! Hand-written companions to the generated `zoom-api` client.
//!
//! - [`ClientBuilder`]: a client from an access token (and optionally another base URL),
//!   with the token kept out of every `Debug` and error text.
//! - [`MeetingUuid`]: Zoom's rule for meeting UUIDs in paths (double-encode those that begin
//!   with `/` or contain `//`).
//! - [`Call`] and [`ZoomError`]: any call's failure as one error with the HTTP status,
//!   Zoom's code and message, the documented meaning of that code, and `Retry-After`.

mod call;
mod client;
mod error;
mod meeting_uuid;
mod token;

pub use call::Call;
pub use client::{BuildError, ClientBuilder, DEFAULT_BASE_URL};
pub use error::{ApiError, ErrorBody, TransportKind, ZoomError, decode, retry_after};
pub use meeting_uuid::MeetingUuid;
pub use token::{AccessToken, MissingToken};
