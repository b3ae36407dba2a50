//! The cached access token and the single flight that renews it.
//!
//! Readers take the cached token without waiting while it is fresh. Renewal happens under
//! one async mutex, so however many callers find the token stale (or get a 401 with the
//! same token) at once, one request goes out. Whoever was waiting on that mutex while a
//! request completed takes that request's outcome, failure included: a refused request is
//! not repeated once per waiting caller.

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{PoisonError, RwLock};
use std::time::{Duration, Instant};

use tokio::sync::{Mutex, MutexGuard};

use super::error::AuthError;
use crate::token::AccessToken;

/// A token just granted, and how long Zoom said it lives.
pub(crate) struct Granted {
    pub token: AccessToken,
    pub lifetime: Duration,
}

/// Longer claimed lifetimes are cut to this, which also keeps instant arithmetic in range.
const LONGEST_LIFETIME: Duration = Duration::from_secs(24 * 60 * 60);

struct Cached {
    token: AccessToken,
    /// Past this instant the token is no longer handed out.
    renew_at: Instant,
}

struct Flight<S> {
    /// What the renewal needs and updates (the rotating refresh token).
    state: S,
    last: Option<Result<AccessToken, AuthError>>,
}

pub(crate) struct TokenCache<S> {
    current: RwLock<Option<Cached>>,
    /// Completed renewals; tells a waiter whether one finished while it waited.
    completed: AtomicU64,
    flight: Mutex<Flight<S>>,
    margin: Duration,
}

/// What a caller does next: take a result, or be the one that renews.
pub(crate) enum Step<'a, S> {
    Done(Result<AccessToken, AuthError>),
    Renew(Renewal<'a, S>),
}

/// The right to renew; others wait until it is finished or dropped.
pub(crate) struct Renewal<'a, S> {
    cache: &'a TokenCache<S>,
    flight: MutexGuard<'a, Flight<S>>,
    started: Instant,
}

impl<S> TokenCache<S> {
    pub fn new(state: S, margin: Duration) -> Self {
        TokenCache {
            current: RwLock::new(None),
            completed: AtomicU64::new(0),
            flight: Mutex::new(Flight { state, last: None }),
            margin,
        }
    }

    /// A token obtained elsewhere (persisted by the application), valid until `expires_at`.
    pub fn seed(&mut self, token: AccessToken, expires_at: Instant) {
        let renew_at = expires_at
            .checked_sub(self.margin)
            .unwrap_or_else(Instant::now);
        *self
            .current
            .get_mut()
            .unwrap_or_else(PoisonError::into_inner) = Some(Cached { token, renew_at });
    }

    /// `rejected`: the token the API refused, which must not be handed out again.
    pub async fn begin(&self, rejected: Option<&AccessToken>) -> Step<'_, S> {
        if let Some(token) = self.fresh(rejected) {
            return Step::Done(Ok(token));
        }
        let seen = self.completed.load(Ordering::Acquire);
        let flight = self.flight.lock().await;
        if self.completed.load(Ordering::Acquire) != seen
            && let Some(last) = &flight.last
        {
            return Step::Done(last.clone());
        }
        if let Some(token) = self.fresh(rejected) {
            return Step::Done(Ok(token));
        }
        Step::Renew(Renewal {
            cache: self,
            flight,
            started: Instant::now(),
        })
    }

    fn fresh(&self, rejected: Option<&AccessToken>) -> Option<AccessToken> {
        let current = self.current.read().unwrap_or_else(PoisonError::into_inner);
        let cached = current.as_ref()?;
        let usable = Instant::now() < cached.renew_at && rejected != Some(&cached.token);
        usable.then(|| cached.token.clone())
    }

    /// How long before expiry a token is renewed: the margin, but at most half its life, so
    /// a short-lived token is not renewed on every call.
    fn margin_for(&self, lifetime: Duration) -> Duration {
        self.margin.min(lifetime / 2)
    }
}

impl<S> Renewal<'_, S> {
    pub fn state(&mut self) -> &mut S {
        &mut self.flight.state
    }

    /// Publishes the outcome to the cache and to everyone who waited for it.
    pub fn finish(mut self, outcome: Result<Granted, AuthError>) -> Result<AccessToken, AuthError> {
        let outcome = outcome.map(|granted| {
            // Counted from before the request: the token's clock started no later than that.
            let lifetime = granted.lifetime.min(LONGEST_LIFETIME);
            let renew_at = self.started + lifetime - self.cache.margin_for(lifetime);
            let mut current = self
                .cache
                .current
                .write()
                .unwrap_or_else(PoisonError::into_inner);
            *current = Some(Cached {
                token: granted.token.clone(),
                renew_at,
            });
            granted.token
        });
        self.flight.last = Some(outcome.clone());
        self.cache.completed.fetch_add(1, Ordering::AcqRel);
        outcome
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn granted(token: &str, seconds: u64) -> Result<Granted, AuthError> {
        Ok(Granted {
            token: AccessToken::new(token),
            lifetime: Duration::from_secs(seconds),
        })
    }

    async fn renew(cache: &TokenCache<()>, rejected: Option<&AccessToken>, next: &str) -> String {
        match cache.begin(rejected).await {
            Step::Done(result) => format!("cached {}", result.unwrap().expose()),
            Step::Renew(renewal) => renewal.finish(granted(next, 3600)).unwrap().expose().into(),
        }
    }

    #[tokio::test]
    async fn renews_when_empty_then_serves_the_cache() {
        let cache = TokenCache::new((), Duration::from_secs(300));
        assert_eq!(renew(&cache, None, "a").await, "a");
        assert_eq!(renew(&cache, None, "b").await, "cached a");
    }

    #[tokio::test]
    async fn a_rejected_token_is_renewed_once() {
        let cache = TokenCache::new((), Duration::from_secs(300));
        let a = AccessToken::new("a");
        assert_eq!(renew(&cache, None, "a").await, "a");
        assert_eq!(renew(&cache, Some(&a), "b").await, "b");
        // Another caller that got the 401 with `a` finds `b` already there.
        assert_eq!(renew(&cache, Some(&a), "c").await, "cached b");
    }

    #[tokio::test]
    async fn a_token_within_the_margin_is_renewed() {
        let cache = TokenCache::new((), Duration::from_secs(300));
        match cache.begin(None).await {
            Step::Renew(renewal) => renewal.finish(granted("short", 0)).unwrap(),
            Step::Done(_) => panic!("empty cache"),
        };
        assert_eq!(renew(&cache, None, "next").await, "next");
    }

    #[test]
    fn the_margin_is_at_most_half_the_lifetime() {
        let cache = TokenCache::new((), Duration::from_secs(300));
        assert_eq!(
            cache.margin_for(Duration::from_secs(3600)),
            Duration::from_secs(300)
        );
        assert_eq!(
            cache.margin_for(Duration::from_secs(60)),
            Duration::from_secs(30)
        );
    }

    #[tokio::test]
    async fn a_seeded_token_is_served_until_the_margin() {
        let mut cache = TokenCache::new((), Duration::from_secs(300));
        cache.seed(
            AccessToken::new("old"),
            Instant::now() + Duration::from_secs(3600),
        );
        assert_eq!(renew(&cache, None, "new").await, "cached old");
        let mut cache = TokenCache::new((), Duration::from_secs(300));
        cache.seed(
            AccessToken::new("old"),
            Instant::now() + Duration::from_secs(200),
        );
        assert_eq!(renew(&cache, None, "new").await, "new");
    }
}
