//! One error type for every failed call: the HTTP status, Zoom's code and message when the
//! body carries them, what the docs say that code means for this operation, the rate-limit
//! state, and the raw body and headers whatever they were.

use std::fmt;
use std::time::{Duration, SystemTime};

use bytes::Bytes;
use reqwest::StatusCode;
use reqwest::header::{HeaderMap, RETRY_AFTER};
use zoom_api::operations::OperationDoc;

use crate::auth::AuthError;
use crate::rate_limit::RateLimit;

/// A failed Zoom call.
#[derive(Debug, thiserror::Error)]
pub enum ZoomError {
    /// Zoom answered with a failure status.
    #[error(transparent)]
    Api(Box<ApiError>),
    /// Zoom answered success, but the body does not match the documented type. Nothing is
    /// lost: the error holds the body, and names the field that failed.
    #[error(transparent)]
    Decode(Box<DecodeError>),
    /// No access token could be had; the request was not sent.
    #[error("{operation}: signing in failed: {source}")]
    SignIn {
        operation: &'static str,
        #[source]
        source: AuthError,
    },
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
    /// Any other failure the generated client reported.
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

impl TransportKind {
    pub(crate) fn of(error: &reqwest::Error) -> Self {
        if error.is_timeout() {
            TransportKind::Timeout
        } else if error.is_connect() {
            TransportKind::Connect
        } else {
            TransportKind::Other
        }
    }
}

impl ZoomError {
    /// The Zoom API failure, when Zoom answered with one.
    pub fn api(&self) -> Option<&ApiError> {
        match self {
            ZoomError::Api(api) => Some(api),
            _ => None,
        }
    }

    /// The HTTP status Zoom answered with, when it answered.
    pub fn status(&self) -> Option<StatusCode> {
        match self {
            ZoomError::Api(api) => Some(api.status),
            ZoomError::Decode(decode) => Some(decode.status),
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
    /// Zoom's `X-RateLimit-*` headers: category, type (a daily limit or per second), limit,
    /// remaining and reset.
    pub rate_limit: Option<RateLimit>,
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
        match &self.rate_limit {
            Some(limit) if limit.is_daily() => {
                write!(f, "; daily rate limit reached, not retried")?;
                if let Some(reset) = limit.reset {
                    let at = chrono::DateTime::<chrono::Utc>::from(reset);
                    write!(f, "; it resets at {}", at.to_rfc3339())?;
                }
            }
            _ => {
                if let Some(wait) = self.retry_after {
                    write!(f, "; retry after {} s", wait.as_secs_f64())?;
                }
            }
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

/// Zoom's error body: `{"code": 124, "message": "Invalid access token."}`.
#[derive(serde::Deserialize)]
struct ErrorBody {
    code: Option<i64>,
    message: Option<String>,
}

impl ApiError {
    /// The error for what Zoom answered to a call of the operation `doc` describes.
    pub fn from_parts(
        doc: &'static OperationDoc,
        status: StatusCode,
        headers: HeaderMap,
        body: Bytes,
    ) -> Self {
        let parsed = serde_json::from_slice::<ErrorBody>(&body).ok();
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
            rate_limit: RateLimit::from_headers(&headers),
            headers,
            body,
        }
    }
}

/// A success answer whose body does not match the documented type.
#[derive(Debug, Clone, thiserror::Error)]
#[error(
    "{operation}: HTTP {status}: the body does not match the documented type at `{path}`: \
     {message}; the body is kept in the error (an override in openapi/overrides.json fixes \
     the type)"
)]
pub struct DecodeError {
    pub operation: &'static str,
    pub status: StatusCode,
    /// The JSON path of the value that failed (`settings.breakout_room.enable`).
    pub path: String,
    /// What was expected there.
    pub message: String,
    pub headers: HeaderMap,
    /// The body exactly as received.
    pub body: Bytes,
}

/// `Retry-After: 30`, `Retry-After: Wed, 21 Oct 2026 07:28:00 GMT`, or the RFC 3339 time
/// Zoom sends when a daily limit resets (`2026-10-22T00:00:00Z`).
pub(crate) fn retry_after(headers: &HeaderMap, now: SystemTime) -> Option<Duration> {
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

    #[test]
    fn a_daily_limit_says_so_and_when_it_resets() {
        let mut headers = HeaderMap::new();
        headers.insert("x-ratelimit-type", "Daily-limit".parse().unwrap());
        headers.insert("x-ratelimit-reset", "2026-11-25T00:00:00Z".parse().unwrap());
        let error = ApiError::from_parts(
            &zoom_api::operations::ALL[0],
            StatusCode::TOO_MANY_REQUESTS,
            headers,
            Bytes::from_static(
                br#"{"code":429,"message":"You have reached the maximum daily rate limit"}"#,
            ),
        );
        let text = error.to_string();
        assert!(
            text.contains("daily rate limit reached, not retried"),
            "{text}"
        );
        assert!(text.contains("resets at 2026-11-25T00:00:00"), "{text}");
    }
}
