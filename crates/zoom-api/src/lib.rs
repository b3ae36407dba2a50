//! Typed client for the Zoom API, generated from `openapi/zoom.json`.
//!
//! Everything in `generated.rs` comes from `cargo xtask generate`; this file only includes
//! it. Authentication, meeting-UUID encoding and error decoding live in `zoom-ext`.

#[rustfmt::skip]
mod generated;

pub use generated::*;
