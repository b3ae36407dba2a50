//! When a client tries a request again ([`RetryPolicy`], set on the client):
//!
//! - 429: Zoom did not process the request, so any method is retried, after `Retry-After`
//!   (seconds, an HTTP date or an RFC 3339 time) or Zoom's `X-RateLimit-Reset`, else after a
//!   short jittered wait; never under a daily limit (`X-RateLimit-Type: Daily-limit`), which
//!   only its reset lifts.
//! - 5xx and broken connections: retried only for idempotent methods (GET, HEAD, PUT,
//!   DELETE, OPTIONS), since a POST or PATCH may have taken effect.
//! - Failing to connect at all: nothing was sent, so any method is retried.
//! - Waits use exponential backoff with full jitter; tries and total time are bounded.

use std::time::{Duration, SystemTime};

use reqwest::StatusCode;
use reqwest::header::HeaderMap;

use crate::error::{TransportKind, retry_after};
use crate::rate_limit::RateLimit;

/// When and how often to try a request again.
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

    /// Four tries, backoff from 200 ms up to 5 s, within 30 s: the client's default.
    pub fn standard() -> Self {
        RetryPolicy {
            max_attempts: 4,
            base_delay: Duration::from_millis(200),
            max_delay: Duration::from_secs(5),
            max_total: Duration::from_secs(30),
        }
    }

    /// How long to wait before try `attempt + 1` after an answer with `status`, or `None`
    /// to give up and return that answer.
    pub(crate) fn after_response(
        &self,
        attempt: u32,
        method: &str,
        status: StatusCode,
        headers: &HeaderMap,
        now: SystemTime,
    ) -> Option<Duration> {
        if attempt >= self.max_attempts {
            return None;
        }
        if status == StatusCode::TOO_MANY_REQUESTS {
            if RateLimit::from_headers(headers).is_some_and(|limit| limit.is_daily()) {
                return None;
            }
            // Zoom's per-second limits clear within a second: without a hint, wait about one.
            let jittered = || Duration::from_millis(500).mul_f64(1.0 + fastrand::f64());
            return Some(server_wait(headers, now).unwrap_or_else(jittered));
        }
        if status.is_server_error() && is_idempotent(method) {
            return Some(server_wait(headers, now).unwrap_or_else(|| self.backoff(attempt)));
        }
        None
    }

    /// How long to wait before try `attempt + 1` after a transport failure, or `None`.
    pub(crate) fn after_failure(
        &self,
        attempt: u32,
        method: &str,
        kind: TransportKind,
    ) -> Option<Duration> {
        let retried = attempt < self.max_attempts
            && (kind == TransportKind::Connect || is_idempotent(method));
        retried.then(|| self.backoff(attempt))
    }

    /// Full jitter: anything up to `base_delay * 2^(attempt - 1)`, capped.
    fn backoff(&self, attempt: u32) -> Duration {
        let cap = self
            .base_delay
            .saturating_mul(
                1u32.checked_shl(attempt.saturating_sub(1))
                    .unwrap_or(u32::MAX),
            )
            .min(self.max_delay);
        cap.mul_f64(fastrand::f64())
    }
}

impl Default for RetryPolicy {
    fn default() -> Self {
        RetryPolicy::standard()
    }
}

fn is_idempotent(method: &str) -> bool {
    matches!(
        method,
        "GET" | "HEAD" | "PUT" | "DELETE" | "OPTIONS" | "TRACE"
    )
}

/// What the server asked for: `Retry-After`, or the reset time of Zoom's rate limit.
fn server_wait(headers: &HeaderMap, now: SystemTime) -> Option<Duration> {
    retry_after(headers, now).or_else(|| RateLimit::from_headers(headers)?.reset_in(now))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(pairs: &[(&'static str, &str)]) -> HeaderMap {
        let mut map = HeaderMap::new();
        for (name, value) in pairs {
            map.insert(*name, value.parse().unwrap());
        }
        map
    }

    #[test]
    fn what_is_retried_and_for_how_long() {
        let policy = RetryPolicy::standard();
        let now = SystemTime::UNIX_EPOCH + Duration::from_secs(1_000);
        let wait = |attempt, method, status: u16, pairs: &[(&'static str, &str)]| {
            policy.after_response(
                attempt,
                method,
                StatusCode::from_u16(status).unwrap(),
                &headers(pairs),
                now,
            )
        };
        assert_eq!(
            wait(1, "POST", 429, &[("retry-after", "2")]),
            Some(Duration::from_secs(2)),
            "429 is retried for any method, after Retry-After"
        );
        assert_eq!(
            wait(1, "GET", 429, &[("x-ratelimit-reset", "1005")]),
            Some(Duration::from_secs(5))
        );
        let unhinted = wait(1, "GET", 429, &[]).unwrap();
        assert!(unhinted >= Duration::from_millis(500) && unhinted <= Duration::from_secs(1));
        assert_eq!(
            wait(
                1,
                "GET",
                429,
                &[("x-ratelimit-type", "Daily-limit"), ("retry-after", "3600")]
            ),
            None,
            "a daily limit is not retried"
        );
        assert!(wait(1, "GET", 503, &[]).unwrap() <= policy.base_delay);
        assert_eq!(
            wait(1, "POST", 503, &[]),
            None,
            "POST may have taken effect"
        );
        assert_eq!(wait(1, "GET", 404, &[]), None);
        assert_eq!(wait(4, "GET", 503, &[]), None, "tries are bounded");
        assert_eq!(
            RetryPolicy::none().after_response(
                1,
                "GET",
                StatusCode::SERVICE_UNAVAILABLE,
                &HeaderMap::new(),
                now
            ),
            None
        );
        assert!(
            policy
                .after_failure(1, "POST", TransportKind::Connect)
                .is_some()
        );
        assert!(
            policy
                .after_failure(1, "POST", TransportKind::Other)
                .is_none()
        );
        assert!(
            policy
                .after_failure(1, "GET", TransportKind::Timeout)
                .is_some()
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
        for attempt in 1..20 {
            let wait = policy
                .after_failure(attempt, "GET", TransportKind::Other)
                .unwrap();
            let cap =
                Duration::from_millis(100 * (1 << (attempt - 1).min(10))).min(policy.max_delay);
            assert!(wait <= cap, "attempt {attempt}: {wait:?} > {cap:?}");
        }
    }
}
