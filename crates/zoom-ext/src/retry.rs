//! A retry policy a user switches on: `builder.call_with(&RetryPolicy::standard())`.
//!
//! - 429: Zoom did not process the request, so any method is retried, after `Retry-After`
//!   (seconds, an HTTP date or an RFC 3339 time) or Zoom's `X-RateLimit-Reset`, else backoff.
//! - 5xx and broken connections: retried only for idempotent methods (GET, HEAD, PUT,
//!   DELETE, OPTIONS), since a POST or PATCH may have taken effect.
//! - Failing to connect at all: nothing was sent, so any method is retried.
//! - Waits use exponential backoff with full jitter; tries and total time are bounded.

use std::time::{Duration, Instant, SystemTime};

use reqwest::StatusCode;
use reqwest::header::HeaderMap;
use zoom_api::{Operation, ResponseValue};

use crate::call::Call;
use crate::error::{ErrorBody, TransportKind, ZoomError, retry_after};

/// When and how often to try a call again.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RetryPolicy {
    /// Tries in all, the first included (1 = no retries).
    pub max_attempts: u32,
    /// The first backoff step; each further one doubles, up to `max_delay`.
    pub base_delay: Duration,
    pub max_delay: Duration,
    /// No retry starts later than this after the first try.
    pub max_total: Duration,
}

impl RetryPolicy {
    /// One try, no retries.
    pub fn none() -> Self {
        RetryPolicy {
            max_attempts: 1,
            base_delay: Duration::ZERO,
            max_delay: Duration::ZERO,
            max_total: Duration::ZERO,
        }
    }

    /// Four tries, backoff from 200 ms up to 5 s, within 30 s.
    pub fn standard() -> Self {
        RetryPolicy {
            max_attempts: 4,
            base_delay: Duration::from_millis(200),
            max_delay: Duration::from_secs(5),
            max_total: Duration::from_secs(30),
        }
    }

    /// How long to wait before try number `attempt + 1` after `error`, or `None` to give up.
    pub fn delay(
        &self,
        attempt: u32,
        method: &str,
        error: &ZoomError,
        now: SystemTime,
    ) -> Option<Duration> {
        if attempt >= self.max_attempts {
            return None;
        }
        let backoff = || {
            let cap = self
                .base_delay
                .saturating_mul(
                    1u32.checked_shl(attempt.saturating_sub(1))
                        .unwrap_or(u32::MAX),
                )
                .min(self.max_delay);
            cap.mul_f64(fastrand::f64())
        };
        match error {
            ZoomError::Api(api) if api.status == StatusCode::TOO_MANY_REQUESTS => {
                Some(server_wait(&api.headers, now).unwrap_or_else(backoff))
            }
            ZoomError::Api(api) if api.status.is_server_error() && is_idempotent(method) => {
                Some(server_wait(&api.headers, now).unwrap_or_else(backoff))
            }
            ZoomError::Transport {
                kind: TransportKind::Connect,
                ..
            } => Some(backoff()),
            ZoomError::Transport { .. } if is_idempotent(method) => Some(backoff()),
            _ => None,
        }
    }
}

impl Default for RetryPolicy {
    fn default() -> Self {
        RetryPolicy::none()
    }
}

pub fn is_idempotent(method: &str) -> bool {
    matches!(
        method,
        "GET" | "HEAD" | "PUT" | "DELETE" | "OPTIONS" | "TRACE"
    )
}

/// What the server asked for: `Retry-After`, or the reset time of Zoom's rate limit.
fn server_wait(headers: &HeaderMap, now: SystemTime) -> Option<Duration> {
    if let Some(wait) = retry_after(headers, now) {
        return Some(wait);
    }
    let reset = headers.get("x-ratelimit-reset")?.to_str().ok()?.trim();
    let epoch = reset.parse::<u64>().ok()?;
    let at = SystemTime::UNIX_EPOCH + Duration::from_secs(epoch);
    Some(at.duration_since(now).unwrap_or(Duration::ZERO))
}

/// Adds `.call_with(&policy)` to every generated request builder.
pub trait CallWithRetry: Call + Clone {
    fn call_with(
        self,
        policy: &RetryPolicy,
    ) -> impl Future<Output = Result<ResponseValue<Self::Success>, ZoomError>> + Send;
}

impl<T> CallWithRetry for T
where
    T: Operation + Clone + Send,
    T::ErrorBody: ErrorBody,
    T::Success: Send,
{
    fn call_with(
        self,
        policy: &RetryPolicy,
    ) -> impl Future<Output = Result<ResponseValue<Self::Success>, ZoomError>> + Send {
        let policy = policy.clone();
        async move {
            let started = Instant::now();
            let mut attempt = 1;
            loop {
                let error = match self.clone().call().await {
                    Ok(value) => return Ok(value),
                    Err(error) => error,
                };
                let Some(wait) = policy.delay(attempt, T::DOC.method, &error, SystemTime::now())
                else {
                    return Err(error);
                };
                if started.elapsed() + wait > policy.max_total {
                    return Err(error);
                }
                tokio::time::sleep(wait).await;
                attempt += 1;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::ApiError;
    use bytes::Bytes;

    fn api(status: u16, headers: &[(&'static str, &str)]) -> ZoomError {
        let mut map = HeaderMap::new();
        for (name, value) in headers {
            map.insert(*name, value.parse().unwrap());
        }
        let doc = &zoom_api::operations::ALL[0];
        ZoomError::Api(Box::new(ApiError::from_parts(
            doc,
            StatusCode::from_u16(status).unwrap(),
            map,
            Bytes::new(),
        )))
    }

    #[test]
    fn what_is_retried_and_for_how_long() {
        let policy = RetryPolicy::standard();
        let now = SystemTime::UNIX_EPOCH + Duration::from_secs(1_000);
        assert_eq!(
            policy.delay(1, "POST", &api(429, &[("retry-after", "2")]), now),
            Some(Duration::from_secs(2)),
            "429 is retried for any method, after Retry-After"
        );
        assert_eq!(
            policy.delay(1, "GET", &api(429, &[("x-ratelimit-reset", "1005")]), now),
            Some(Duration::from_secs(5))
        );
        assert!(policy.delay(1, "GET", &api(503, &[]), now).unwrap() <= policy.base_delay);
        assert_eq!(
            policy.delay(1, "POST", &api(503, &[]), now),
            None,
            "POST may have taken effect"
        );
        assert_eq!(policy.delay(1, "GET", &api(404, &[]), now), None);
        assert_eq!(
            policy.delay(4, "GET", &api(503, &[]), now),
            None,
            "tries are bounded"
        );
        assert_eq!(
            RetryPolicy::none().delay(1, "GET", &api(503, &[]), now),
            None
        );
    }

    #[test]
    fn backoff_grows_and_stays_under_the_cap() {
        let policy = RetryPolicy {
            max_attempts: 20,
            base_delay: Duration::from_millis(100),
            max_delay: Duration::from_secs(1),
            max_total: Duration::from_secs(60),
        };
        let now = SystemTime::now();
        for attempt in 1..20 {
            let wait = policy.delay(attempt, "GET", &api(500, &[]), now).unwrap();
            let cap =
                Duration::from_millis(100 * (1 << (attempt - 1).min(10))).min(policy.max_delay);
            assert!(wait <= cap, "attempt {attempt}: {wait:?} > {cap:?}");
        }
    }
}
