//! Typed client for the Zoom API, generated from `openapi/zoom.json`.
//!
//! ```no_run
//! use zoom_ext::prelude::*;
//!
//! # async fn demo() -> Result<(), Box<dyn std::error::Error>> {
//! let client: zoom_api::Client = ClientBuilder::from_env()?.build()?;
//! let meeting = client.past_meeting_details().meeting_uuid("/ajXp112QmuoKj4854875==").send().await?;
//! println!("{:?} {:?}", meeting.topic, meeting.extra.get("a_field_zoom_added_later"));
//! # Ok(()) }
//! ```
//!
//! Every operation is a method of [`Client`] that returns a request builder (one setter per
//! parameter, Zoom's docs on each); send it with zoom-ext's `send()`, which signs in, retries
//! and decodes Zoom's errors. [`operations`] holds what the docs say about each operation,
//! [`types`] the bodies. One Cargo feature per area of the API (`meetings`, `users`, ...);
//! `docs/endpoints.md` says which method and feature each Zoom endpoint has.
//!
//! Everything in `generated.rs` comes from `cargo xtask generate`; `support.rs` and
//! `object.rs` (how response types read JSON) are the small hand-written part it builds on.

// Doc comments carry Zoom's own markdown, which clippy's doc lints would reject; the code
// itself is progenitor's, reviewed there.
#[allow(clippy::all)]
#[rustfmt::skip]
mod generated;
mod object;
mod support;

pub use generated::*;
pub use support::{
    DecodeFailure, Hook, HookFuture, MeetingUuid, MeetingUuidInPath, Middleware, Operation, Paged,
    Request,
};
