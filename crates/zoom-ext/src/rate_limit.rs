//! Zoom's rate-limit response headers, read into one value:
//!
//! ```text
//! X-RateLimit-Category: Heavy
//! X-RateLimit-Type: Daily-limit
//! X-RateLimit-Limit: 30000
//! X-RateLimit-Remaining: 0
//! X-RateLimit-Reset: 1780000000
//! ```
//!
//! Zoom sends some of these on some responses only (no type on most successes), so every
//! field is optional and a value that does not parse is left out rather than failing.

use std::time::{Duration, SystemTime};

use reqwest::header::HeaderMap;

/// The rate-limit state Zoom reported with one response.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct RateLimit {
    /// The request group the endpoint belongs to: `Light`, `Medium`, `Heavy`,
    /// `Resource-intensive`.
    pub category: Option<String>,
    pub kind: Option<LimitKind>,
    pub limit: Option<u64>,
    pub remaining: Option<u64>,
    /// When the limit resets: epoch seconds, an RFC 3339 time or an HTTP date on the wire.
    pub reset: Option<SystemTime>,
}

/// `X-RateLimit-Type`: which limit the numbers are about.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LimitKind {
    /// Requests per second; a 429 under it clears within a second or so.
    Qps,
    /// Requests per day; a 429 under it lasts until the reset (often 00:00 UTC).
    DailyLimit,
    Other(String),
}

impl LimitKind {
    fn parse(value: &str) -> Self {
        if value.eq_ignore_ascii_case("qps") {
            LimitKind::Qps
        } else if value.to_ascii_lowercase().starts_with("daily") {
            LimitKind::DailyLimit
        } else {
            LimitKind::Other(value.to_owned())
        }
    }
}

impl RateLimit {
    /// `None` when the response has none of the headers.
    pub fn from_headers(headers: &HeaderMap) -> Option<Self> {
        let text = |name: &str| {
            headers
                .get(name)
                .and_then(|value| value.to_str().ok())
                .map(str::trim)
                .filter(|value| !value.is_empty())
        };
        let number = |name: &str| text(name).and_then(|value| value.parse().ok());
        let limit = RateLimit {
            category: text("x-ratelimit-category").map(str::to_owned),
            kind: text("x-ratelimit-type").map(LimitKind::parse),
            limit: number("x-ratelimit-limit"),
            remaining: number("x-ratelimit-remaining"),
            reset: text("x-ratelimit-reset").and_then(parse_time),
        };
        (limit != RateLimit::default()).then_some(limit)
    }

    /// A daily limit: waiting seconds will not help, only the reset will.
    pub fn is_daily(&self) -> bool {
        self.kind == Some(LimitKind::DailyLimit)
    }

    /// How long until the reset, zero when it has passed.
    pub fn reset_in(&self, now: SystemTime) -> Option<Duration> {
        let reset = self.reset?;
        Some(reset.duration_since(now).unwrap_or(Duration::ZERO))
    }
}

fn parse_time(value: &str) -> Option<SystemTime> {
    if let Ok(seconds) = value.parse::<u64>() {
        return SystemTime::UNIX_EPOCH.checked_add(Duration::from_secs(seconds));
    }
    if let Ok(at) = chrono::DateTime::parse_from_rfc3339(value) {
        return Some(SystemTime::from(at));
    }
    httpdate::parse_http_date(value).ok()
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

    fn at(seconds: u64) -> SystemTime {
        SystemTime::UNIX_EPOCH + Duration::from_secs(seconds)
    }

    #[test]
    fn a_daily_limit_with_all_headers() {
        let limit = RateLimit::from_headers(&headers(&[
            ("X-RateLimit-Category", "Heavy"),
            ("X-RateLimit-Type", "Daily-limit"),
            ("X-RateLimit-Limit", "30000"),
            ("X-RateLimit-Remaining", "0"),
            ("X-RateLimit-Reset", "1590883200"),
        ]))
        .unwrap();
        assert_eq!(
            limit,
            RateLimit {
                category: Some("Heavy".into()),
                kind: Some(LimitKind::DailyLimit),
                limit: Some(30000),
                remaining: Some(0),
                reset: Some(at(1590883200)),
            }
        );
        assert!(limit.is_daily());
        assert_eq!(
            limit.reset_in(at(1590883200 - 60)),
            Some(Duration::from_secs(60))
        );
        assert_eq!(limit.reset_in(at(1590883200 + 60)), Some(Duration::ZERO));
    }

    #[test]
    fn a_per_second_limit_on_a_success_without_type() {
        let limit = RateLimit::from_headers(&headers(&[
            ("x-ratelimit-category", "Light"),
            ("x-ratelimit-limit", "6000"),
            ("x-ratelimit-remaining", "5893"),
        ]))
        .unwrap();
        assert_eq!(limit.category.as_deref(), Some("Light"));
        assert_eq!((limit.limit, limit.remaining), (Some(6000), Some(5893)));
        assert_eq!(limit.kind, None);
        assert!(!limit.is_daily());
        let qps = RateLimit::from_headers(&headers(&[("x-ratelimit-type", "QPS")])).unwrap();
        assert_eq!(qps.kind, Some(LimitKind::Qps));
        assert!(!qps.is_daily());
        let other = RateLimit::from_headers(&headers(&[("x-ratelimit-type", "Concurrent")]));
        assert_eq!(
            other.unwrap().kind,
            Some(LimitKind::Other("Concurrent".into()))
        );
    }

    #[test]
    fn reset_times_in_every_format_zoom_uses() {
        let reset = |value: &str| {
            RateLimit::from_headers(&headers(&[("x-ratelimit-reset", value)])).and_then(|l| l.reset)
        };
        assert_eq!(reset("1590883200"), Some(at(1590883200)));
        assert_eq!(reset("2020-05-31T00:00:00Z"), Some(at(1590883200)));
        assert_eq!(reset("Sun, 31 May 2020 00:00:00 GMT"), Some(at(1590883200)));
        assert_eq!(reset("tomorrow"), None);
    }

    #[test]
    fn no_headers_or_only_garbage_gives_none() {
        assert_eq!(RateLimit::from_headers(&HeaderMap::new()), None);
        assert_eq!(
            RateLimit::from_headers(&headers(&[
                ("x-ratelimit-limit", "lots"),
                ("x-ratelimit-remaining", " "),
                ("content-type", "application/json"),
            ])),
            None
        );
    }
}
