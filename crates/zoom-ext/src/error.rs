//! One error type for every failed call: the HTTP status, Zoom's code and message when the
//! body carries them, what the docs say that code means for this operation, `Retry-After`,
//! and the raw body and headers whatever they were.

use std::fmt;
use std::time::{Duration, SystemTime};

use bytes::Bytes;
use futures_util::TryStreamExt;
use reqwest::StatusCode;
use reqwest::header::{HeaderMap, RETRY_AFTER};
use zoom_api::operations::OperationDoc;
use zoom_api::{ByteStream, ResponseValue};

/// A failed Zoom call.
#[derive(Debug, thiserror::Error)]
pub enum ZoomError {
    /// Zoom answered with a failure status.
    #[error(transparent)]
    Api(Box<ApiError>),
    /// The request was never sent: a required parameter is missing or a value is invalid.
    #[error("{operation}: invalid request: {message}")]
    InvalidRequest {
        operation: &'static str,
        message: String,
    },
    /// Connecting, sending or receiving failed, or the call timed out.
    #[error("{operation}: {kind}: {source}")]
    Transport {
        operation: &'static str,
        kind: TransportKind,
        #[source]
        source: reqwest::Error,
    },
    /// A success response whose body does not match the documented type.
    #[error("{operation}: the response body does not match the documented type: {source}")]
    InvalidBody {
        operation: &'static str,
        body: Bytes,
        #[source]
        source: serde_json::Error,
    },
    /// A failure raised by a client hook or a retry policy.
    #[error("{operation}: {message}")]
    Other {
        operation: &'static str,
        message: String,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TransportKind {
    Timeout,
    Connect,
    Other,
}

impl fmt::Display for TransportKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            TransportKind::Timeout => "timed out",
            TransportKind::Connect => "could not connect",
            TransportKind::Other => "transport error",
        })
    }
}

impl ZoomError {
    /// The Zoom API failure, when Zoom answered.
    pub fn api(&self) -> Option<&ApiError> {
        match self {
            ZoomError::Api(api) => Some(api),
            _ => None,
        }
    }

    pub fn status(&self) -> Option<StatusCode> {
        match self {
            ZoomError::Api(api) => Some(api.status),
            _ => None,
        }
    }

    pub fn is_timeout(&self) -> bool {
        matches!(
            self,
            ZoomError::Transport {
                kind: TransportKind::Timeout,
                ..
            }
        )
    }
}

/// Zoom's answer to a failed call.
#[derive(Debug, Clone)]
pub struct ApiError {
    /// The `operationId` of the call (`past_meeting_details`).
    pub operation: &'static str,
    pub status: StatusCode,
    /// Zoom's numeric error code from a `{"code": .., "message": ..}` body.
    pub code: Option<i64>,
    /// Zoom's message from the body.
    pub message: Option<String>,
    /// What the docs say `code` means for this operation.
    pub documented: Option<&'static str>,
    /// How long to wait before retrying, from `Retry-After` (seconds or an HTTP date).
    pub retry_after: Option<Duration>,
    pub headers: HeaderMap,
    /// The body exactly as received (possibly empty, possibly not JSON).
    pub body: Bytes,
}

impl fmt::Display for ApiError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: HTTP {}", self.operation, self.status)?;
        if let Some(code) = self.code {
            write!(f, ", Zoom error {code}")?;
        }
        if let Some(message) = &self.message {
            write!(f, ": {message}")?;
        }
        if let Some(documented) = self.documented {
            write!(f, " (documented: {})", documented.replace('\n', "; "))?;
        }
        if let Some(wait) = self.retry_after {
            write!(f, "; retry after {} s", wait.as_secs_f64())?;
        }
        if self.code.is_none() && self.message.is_none() && !self.body.is_empty() {
            let text = String::from_utf8_lossy(&self.body);
            let shown: String = text.chars().take(200).collect();
            write!(f, "; body: {shown}")?;
        }
        Ok(())
    }
}

impl std::error::Error for ApiError {}

impl ApiError {
    /// Builds the error from what Zoom sent.
    pub fn from_parts(
        doc: &'static OperationDoc,
        status: StatusCode,
        headers: HeaderMap,
        body: Bytes,
    ) -> Self {
        let parsed = serde_json::from_slice::<zoom_api::types::ZoomError>(&body).ok();
        let code = parsed.as_ref().and_then(|p| p.code);
        let message = parsed.and_then(|p| p.message);
        let documented = code
            .and_then(|code| doc.error_code(status.as_u16(), code))
            .map(|entry| entry.message);
        ApiError {
            operation: doc.id,
            status,
            code,
            message,
            documented,
            retry_after: retry_after(&headers, SystemTime::now()),
            headers,
            body,
        }
    }
}

/// `Retry-After: 30`, `Retry-After: Wed, 21 Oct 2026 07:28:00 GMT`, or the RFC 3339 time
/// Zoom sends when a daily limit resets (`2026-10-22T00:00:00Z`).
pub fn retry_after(headers: &HeaderMap, now: SystemTime) -> Option<Duration> {
    let value = headers.get(RETRY_AFTER)?.to_str().ok()?.trim();
    if let Ok(seconds) = value.parse::<u64>() {
        return Some(Duration::from_secs(seconds));
    }
    let at = match httpdate::parse_http_date(value) {
        Ok(at) => at,
        Err(_) => SystemTime::from(chrono::DateTime::parse_from_rfc3339(value).ok()?),
    };
    Some(at.duration_since(now).unwrap_or(Duration::ZERO))
}

/// Error bodies as the generated client returns them: a stream for declared error
/// statuses, nothing when an operation declares none.
pub trait ErrorBody: Sized + Send {
    fn into_bytes(
        value: ResponseValue<Self>,
    ) -> impl Future<Output = (StatusCode, HeaderMap, Bytes)> + Send;
}

impl ErrorBody for ByteStream {
    async fn into_bytes(value: ResponseValue<Self>) -> (StatusCode, HeaderMap, Bytes) {
        let status = value.status();
        let headers = value.headers().clone();
        // A body cut off mid-way still tells more than none: keep what arrived.
        let mut collected = Vec::new();
        let mut stream = value.into_inner();
        while let Ok(Some(chunk)) = stream.try_next().await {
            collected.extend_from_slice(&chunk);
        }
        (status, headers, Bytes::from(collected))
    }
}

impl ErrorBody for () {
    async fn into_bytes(value: ResponseValue<Self>) -> (StatusCode, HeaderMap, Bytes) {
        (value.status(), value.headers().clone(), Bytes::new())
    }
}

/// Turns what the generated client returned into a [`ZoomError`].
pub async fn decode<E: ErrorBody>(
    error: zoom_api::Error<E>,
    doc: &'static OperationDoc,
) -> ZoomError {
    let operation = doc.id;
    match error {
        zoom_api::Error::ErrorResponse(value) => {
            let (status, headers, body) = E::into_bytes(value).await;
            ZoomError::Api(Box::new(ApiError::from_parts(doc, status, headers, body)))
        }
        zoom_api::Error::UnexpectedResponse(response) => {
            let status = response.status();
            let headers = response.headers().clone();
            let body = response.bytes().await.unwrap_or_default();
            ZoomError::Api(Box::new(ApiError::from_parts(doc, status, headers, body)))
        }
        zoom_api::Error::InvalidRequest(message) => {
            ZoomError::InvalidRequest { operation, message }
        }
        zoom_api::Error::CommunicationError(source)
        | zoom_api::Error::ResponseBodyError(source)
        | zoom_api::Error::InvalidUpgrade(source) => transport(operation, source),
        zoom_api::Error::InvalidResponsePayload(body, source) => ZoomError::InvalidBody {
            operation,
            body,
            source,
        },
        zoom_api::Error::Custom(message) => ZoomError::Other { operation, message },
    }
}

fn transport(operation: &'static str, source: reqwest::Error) -> ZoomError {
    let kind = if source.is_timeout() {
        TransportKind::Timeout
    } else if source.is_connect() {
        TransportKind::Connect
    } else {
        TransportKind::Other
    };
    ZoomError::Transport {
        operation,
        kind,
        source,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn retry_after_takes_seconds_and_dates() {
        let now = SystemTime::UNIX_EPOCH + Duration::from_secs(1_000_000_000);
        let mut headers = HeaderMap::new();
        headers.insert(RETRY_AFTER, "7".parse().unwrap());
        assert_eq!(retry_after(&headers, now), Some(Duration::from_secs(7)));
        let later = httpdate::fmt_http_date(now + Duration::from_secs(90));
        headers.insert(RETRY_AFTER, later.parse().unwrap());
        assert_eq!(retry_after(&headers, now), Some(Duration::from_secs(90)));
        let rfc3339 =
            chrono::DateTime::<chrono::Utc>::from(now + Duration::from_secs(60)).to_rfc3339();
        headers.insert(RETRY_AFTER, rfc3339.parse().unwrap());
        assert_eq!(retry_after(&headers, now), Some(Duration::from_secs(60)));
        headers.insert(RETRY_AFTER, "soon".parse().unwrap());
        assert_eq!(retry_after(&headers, now), None);
    }
}
