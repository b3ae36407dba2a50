//! Why a webhook request was not accepted. Nothing here carries the secret token.

/// A webhook request failed verification or could not be read.
#[derive(Debug, thiserror::Error)]
pub enum WebhookError {
    #[error("the {0} header is missing")]
    MissingHeader(&'static str),
    #[error("the x-zm-request-timestamp header is not whole seconds since the epoch")]
    MalformedTimestamp,
    #[error("the x-zm-signature header is not 'v0=' followed by 64 hex digits")]
    MalformedSignature,
    #[error("the signature does not match the body and timestamp")]
    SignatureMismatch,
    /// Signed correctly but long ago: possibly a replay.
    #[error("the request timestamp is {age_secs} s old, beyond the {tolerance_secs} s allowed")]
    Stale { age_secs: u64, tolerance_secs: u64 },
    #[error(
        "the request timestamp is {ahead_secs} s in the future, beyond the {tolerance_secs} s allowed"
    )]
    FromTheFuture {
        ahead_secs: u64,
        tolerance_secs: u64,
    },
    /// Signed correctly, but not the JSON envelope Zoom documents.
    #[error("the body is not a Zoom event: {0}")]
    Body(#[source] serde_json::Error),
    #[error("the endpoint.url_validation event has no payload.plainToken string")]
    MissingPlainToken,
}

impl WebhookError {
    /// Whether the request failed authentication (answer 401), as opposed to being
    /// authentic but unreadable (answer 400).
    pub fn is_unauthenticated(&self) -> bool {
        !matches!(
            self,
            WebhookError::Body(_) | WebhookError::MissingPlainToken
        )
    }
}
