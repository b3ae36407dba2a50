//! Client-side pacing by Zoom's rate-limit labels: each operation's docs carry its label
//! (`Light`, `Medium`, `Heavy`, `Resource-intensive`), and Zoom limits each label per
//! second (per minute for resource-intensive calls) by the account's plan. A paced client
//! waits its turn instead of bouncing off 429s. Off unless the client is given a [`Pacing`].

use std::fmt;
use std::num::NonZeroU32;

use governor::{DefaultDirectRateLimiter, Quota, RateLimiter};

/// The account types Zoom publishes rate limits for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Plan {
    Free,
    Pro,
    /// Business, Business Plus, Education, Enterprise and partner accounts.
    BusinessPlus,
}

/// One rate limiter per label.
pub struct Pacing {
    light: DefaultDirectRateLimiter,
    medium: DefaultDirectRateLimiter,
    heavy: DefaultDirectRateLimiter,
    resource_intensive: DefaultDirectRateLimiter,
}

impl fmt::Debug for Pacing {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Pacing").finish_non_exhaustive()
    }
}

fn per_second(n: u32) -> Quota {
    Quota::per_second(NonZeroU32::new(n.max(1)).expect("at least one"))
}

impl Pacing {
    /// Zoom's published limits for `plan` (developers.zoom.us, "Rate limits"): requests per
    /// second for Light, Medium and Heavy, per minute for Resource-intensive.
    pub fn for_plan(plan: Plan) -> Self {
        let (light, medium, heavy, per_minute) = match plan {
            Plan::Free => (4, 2, 1, 10),
            Plan::Pro => (30, 20, 10, 10),
            Plan::BusinessPlus => (80, 60, 40, 20),
        };
        Pacing::custom(
            per_second(light),
            per_second(medium),
            per_second(heavy),
            Quota::per_minute(NonZeroU32::new(per_minute).expect("non-zero")),
        )
    }

    /// Quotas of your own (an account with raised limits, or a share of one).
    pub fn custom(light: Quota, medium: Quota, heavy: Quota, resource_intensive: Quota) -> Self {
        Pacing {
            light: RateLimiter::direct(light),
            medium: RateLimiter::direct(medium),
            heavy: RateLimiter::direct(heavy),
            resource_intensive: RateLimiter::direct(resource_intensive),
        }
    }

    /// Waits until a call with this label may go. Unlabelled calls wait as Medium ones, the
    /// label Zoom gives most endpoints.
    pub(crate) async fn wait(&self, label: Option<&str>) {
        let limiter = match label.map(str::to_ascii_lowercase).as_deref() {
            Some("light") => &self.light,
            Some("heavy") => &self.heavy,
            Some("resource-intensive") => &self.resource_intensive,
            _ => &self.medium,
        };
        limiter.until_ready().await;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::{Duration, Instant};

    #[tokio::test]
    async fn calls_beyond_the_quota_wait_for_their_turn() {
        let pacing = Pacing::custom(per_second(5), per_second(1), per_second(1), per_second(1));
        let started = Instant::now();
        // The first burst of five goes at once; the next five wait about 1/5 s each.
        for _ in 0..10 {
            pacing.wait(Some("Light")).await;
        }
        let elapsed = started.elapsed();
        assert!(elapsed >= Duration::from_millis(900), "{elapsed:?}");
        assert!(elapsed < Duration::from_secs(3), "{elapsed:?}");
    }
}
