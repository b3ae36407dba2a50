//! Fake Zoom in the tests of a crate that uses zoom-api: a typed `httpmock` mock per
//! operation, generated from the same spec as the client.
//!
//! ```no_run
//! use zoom_mock::{MockServer, MockServerExt};
//!
//! let server = MockServer::start();
//! let mock = server.past_meeting_details(|when, then| {
//!     when.meeting_uuid(&"/ajXp112QmuoKj4854875==".into());
//!     then.ok(&serde_json::from_value(serde_json::json!({"topic": "Standup"})).unwrap());
//! });
//! // ... point the code under test at server.base_url(), run it ...
//! mock.assert();
//! ```
//!
//! Path values are matched as the client sends them: a meeting UUID Zoom wants
//! double-encoded is expected double-encoded.

#[allow(clippy::all, unused_imports, unused_variables, dead_code)]
#[rustfmt::skip]
mod generated;

pub use generated::*;
pub use httpmock::MockServer;
