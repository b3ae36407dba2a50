//! Verifying Zoom's webhook requests, whatever HTTP server receives them.
//!
//! Zoom signs each request: `x-zm-signature: v0=<hex HMAC-SHA256>` over
//! `v0:{x-zm-request-timestamp}:{raw body}`, keyed with the app's secret token. A request is
//! accepted when the signature matches (compared in constant time) and the timestamp is
//! within the tolerance of now, both ways, so a captured request cannot be replayed later.
//! The check comes before anything else, `endpoint.url_validation` included: an unsigned
//! request learns nothing, not even an encrypted token.

mod error;
mod event;

use std::fmt;
use std::time::{Duration, SystemTime};

use hmac::{Hmac, Mac};
use reqwest::header::HeaderMap;
use serde_json::{Value, json};
use sha2::Sha256;

pub use error::WebhookError;
pub use event::{Event, URL_VALIDATION, Verdict};

pub const SIGNATURE_HEADER: &str = "x-zm-signature";
pub const TIMESTAMP_HEADER: &str = "x-zm-request-timestamp";

/// How far a request's timestamp may be from now; Zoom's docs suggest five minutes.
pub const DEFAULT_TOLERANCE: Duration = Duration::from_secs(5 * 60);

type HmacSha256 = Hmac<Sha256>;

/// Request headers by lowercase name. Implemented for `http::HeaderMap` (what hyper, axum
/// and reqwest use) and for any `Fn(&str) -> Option<String>`, for other frameworks.
pub trait HeaderLookup {
    fn header(&self, name: &str) -> Option<String>;
}

impl HeaderLookup for HeaderMap {
    fn header(&self, name: &str) -> Option<String> {
        self.get(name)?.to_str().ok().map(str::to_owned)
    }
}

impl<F: Fn(&str) -> Option<String>> HeaderLookup for F {
    fn header(&self, name: &str) -> Option<String> {
        self(name)
    }
}

/// Checks webhook requests against an app's secret token.
#[derive(Clone)]
pub struct WebhookVerifier {
    /// Keyed once; the secret token itself is not kept.
    mac: HmacSha256,
    tolerance: Duration,
}

impl fmt::Debug for WebhookVerifier {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("WebhookVerifier")
            .field("secret_token", &"<redacted>")
            .field("tolerance", &self.tolerance)
            .finish()
    }
}

impl WebhookVerifier {
    /// `secret_token`: the app's "Secret Token" from the Zoom Marketplace.
    pub fn new(secret_token: impl AsRef<[u8]>) -> Self {
        WebhookVerifier {
            mac: HmacSha256::new_from_slice(secret_token.as_ref())
                .expect("HMAC takes keys of any length"),
            tolerance: DEFAULT_TOLERANCE,
        }
    }

    /// How far a timestamp may lie from `now`, in either direction.
    pub fn tolerance(mut self, tolerance: Duration) -> Self {
        self.tolerance = tolerance;
        self
    }

    /// Verifies one request and reads its body.
    pub fn verify(
        &self,
        headers: &impl HeaderLookup,
        body: &[u8],
        now: SystemTime,
    ) -> Result<Verdict, WebhookError> {
        let signature = headers
            .header(SIGNATURE_HEADER)
            .ok_or(WebhookError::MissingHeader(SIGNATURE_HEADER))?;
        let timestamp = headers
            .header(TIMESTAMP_HEADER)
            .ok_or(WebhookError::MissingHeader(TIMESTAMP_HEADER))?;
        let seconds: i64 = timestamp
            .trim()
            .parse()
            .map_err(|_| WebhookError::MalformedTimestamp)?;
        let claimed = signature
            .trim()
            .strip_prefix("v0=")
            .and_then(|digits| hex::decode(digits).ok())
            .filter(|bytes| bytes.len() == 32)
            .ok_or(WebhookError::MalformedSignature)?;
        let mut mac = self.mac.clone();
        mac.update(format!("v0:{}:", timestamp.trim()).as_bytes());
        mac.update(body);
        mac.verify_slice(&claimed)
            .map_err(|_| WebhookError::SignatureMismatch)?;
        self.check_time(seconds, now)?;
        let event: Event = serde_json::from_slice(body).map_err(WebhookError::Body)?;
        if event.event == URL_VALIDATION {
            return self.url_validation(&event.payload);
        }
        Ok(Verdict::Event(event))
    }

    fn check_time(&self, seconds: i64, now: SystemTime) -> Result<(), WebhookError> {
        let now = match now.duration_since(SystemTime::UNIX_EPOCH) {
            Ok(since) => i128::from(since.as_secs()),
            Err(before) => -i128::from(before.duration().as_secs()),
        };
        let tolerance_secs = self.tolerance.as_secs();
        let difference = now - i128::from(seconds);
        let beyond = |gap: i128| u64::try_from(gap).unwrap_or(u64::MAX);
        if difference > i128::from(tolerance_secs) {
            Err(WebhookError::Stale {
                age_secs: beyond(difference),
                tolerance_secs,
            })
        } else if -difference > i128::from(tolerance_secs) {
            Err(WebhookError::FromTheFuture {
                ahead_secs: beyond(-difference),
                tolerance_secs,
            })
        } else {
            Ok(())
        }
    }

    fn url_validation(&self, payload: &Value) -> Result<Verdict, WebhookError> {
        let plain = payload
            .get("plainToken")
            .and_then(Value::as_str)
            .ok_or(WebhookError::MissingPlainToken)?;
        let mut mac = self.mac.clone();
        mac.update(plain.as_bytes());
        let encrypted = hex::encode(mac.finalize().into_bytes());
        Ok(Verdict::UrlValidation {
            response_body: json!({"plainToken": plain, "encryptedToken": encrypted}),
        })
    }
}
