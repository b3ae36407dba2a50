//! `cargo xtask`: the file system around the pure conversion (`zoom-convert`).
//!
//! - [`store`]: the Postman items under `openapi/postman/`: load, and import into it.
//! - [`generate`]: items -> `openapi/zoom.json` -> `crates/zoom-api/src/generated.rs`,
//!   written atomically and only when changed, or checked (`--check`).
//! - [`codegen`]: spec -> Rust, with progenitor.
//! - [`diff`]: two specs -> what changed, and what breaks a Rust caller.
//! - [`tools`]: benchmarks and synthetic inputs.
//!
//! `main.rs` holds only the command line; the modules are public for the end-to-end tests.

pub mod codegen;
pub mod diff;
mod files;
pub mod generate;
pub mod store;
pub mod tools;
pub mod workspace;

pub use files::{Outcome, write_atomic, write_atomic_with};
