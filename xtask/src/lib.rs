//! The zoom-rs build tool: Postman items -> OpenAPI -> the generated `zoom-api` crate.
//! `main.rs` holds only the command line; everything here is usable from tests.

pub mod ahead;
pub mod bench;
pub mod body;
pub mod codegen;
pub mod convert;
pub mod features;
pub mod files;
pub mod generate;
pub mod import;
pub mod infer;
pub mod inputs;
pub mod naming;
pub mod operation_docs;
pub mod page;
pub mod parameters;
pub mod postman;
pub mod progenitor_limits;
pub mod references;
pub mod responses;
pub mod rules;
pub mod schema;
pub mod security;
pub mod source;
pub mod spec_json;
pub mod synth;
pub mod target;
pub mod zoom_docs;
