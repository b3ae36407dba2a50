//! What a verified webhook body holds.

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

/// The event name of Zoom's endpoint check, answered rather than handed on.
pub const URL_VALIDATION: &str = "endpoint.url_validation";

/// Zoom's event envelope. `payload` differs per event and stays untyped here.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Event {
    /// `meeting.started`, `recording.completed`, ...
    pub event: String,
    /// When Zoom sent the event, in milliseconds since the epoch.
    pub event_ts: i64,
    #[serde(default)]
    pub payload: Value,
    /// Envelope fields beyond these three, kept as sent.
    #[serde(flatten)]
    pub other: Map<String, Value>,
}

/// A verified request: an event to handle, or Zoom checking the endpoint.
#[derive(Debug, Clone, PartialEq)]
pub enum Verdict {
    Event(Event),
    /// Answer `200` with `response_body` as JSON:
    /// `{"plainToken": .., "encryptedToken": hex HMAC-SHA256(secret token, plainToken)}`.
    UrlValidation {
        response_body: Value,
    },
}
