//! Typed client for the Zoom API, generated from `openapi/zoom.json`.
//!
//! Everything in `generated.rs` comes from `cargo xtask generate`; `support.rs` is the small
//! hand-written part it builds on. Authentication, meeting-UUID encoding and error decoding
//! live in `zoom-ext`.

// Doc comments carry Zoom's own markdown, which clippy's doc lints would reject; the code
// itself is progenitor's, reviewed there.
#[allow(clippy::all)]
#[rustfmt::skip]
mod generated;
mod support;

pub use generated::*;
pub use support::{
    DecodeFailure, Hook, HookFuture, MeetingUuid, MeetingUuidInPath, Middleware, Operation, Paged,
    Request,
};
