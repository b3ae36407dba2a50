//! Hand-written companions to the generated `zoom-api` client: what it takes to call Zoom
//! for real.
//!
//! ```no_run
//! use zoom_ext::prelude::*;
//!
//! # async fn demo() -> Result<(), Box<dyn std::error::Error>> {
//! // Server-to-Server OAuth from ZOOM_ACCOUNT_ID, ZOOM_CLIENT_ID, ZOOM_CLIENT_SECRET
//! // (or a fixed ZOOM_ACCESS_TOKEN); tokens are renewed inside the client.
//! let client = ClientBuilder::from_env()?.build()?;
//! let meeting = client.past_meeting_details().meeting_uuid("/ajXp112QmuoKj4854875==").send().await?;
//! println!("{:?}", meeting.topic);
//! # Ok(()) }
//! ```
//!
//! - [`ClientBuilder`]: one client per application: sign-in ([`auth`]), retries
//!   ([`RetryPolicy`]), optional pacing under Zoom's rate limits ([`Pacing`]).
//! - [`Call::send`]: the one way to send a request; every failure is a [`ZoomError`], with
//!   Zoom's code and its documented meaning, the rate-limit state, and the raw answer.
//! - [`Paginate`]: every page or every item of a list operation, as a stream.
//! - [`MeetingUuid`]: UUID path setters take the UUID as Zoom gives it and encode it as Zoom
//!   requires (double-encoded when it begins with `/` or contains `//`).
//! - [`Form`]: the `multipart/form-data` body of a file upload.
//! - [`webhook`]: verifying Zoom's webhook signatures and answering URL validation.

pub mod auth;
mod call;
mod client;
mod error;
mod hook;
mod pacing;
mod paging;
pub mod rate_limit;
mod retry;
mod token;
mod upload;
pub mod webhook;

pub use call::Call;
pub use client::{BuildError, ClientBuilder, DEFAULT_BASE_URL};
pub use error::{ApiError, DecodeError, TransportKind, ZoomError};
pub use pacing::{Pacing, Plan};
pub use paging::Paginate;
pub use retry::RetryPolicy;
pub use token::AccessToken;
pub use upload::Form;
pub use zoom_api::MeetingUuid;

/// What a caller needs in scope: `use zoom_ext::prelude::*;`.
pub mod prelude {
    pub use crate::{Call, ClientBuilder, MeetingUuid, Paginate, ZoomError};
}
