//! What a zoom-ext client does around every request (zoom-api's `Hook`): signs it in with
//! the current access token, waits its turn under client-side pacing, sends it, renews the
//! token once and resends when Zoom says the token is invalid or expired (401, code 124),
//! and retries as the [`RetryPolicy`] allows.
//!
//! The caller's `send()` learns what happened on the way (the answer's status and headers, a
//! sign-in failure) through a task-local [`CallRecord`]: the generated client's error types
//! have no room for them.

use std::sync::{Arc, Mutex};
use std::time::{Instant, SystemTime};

use bytes::Bytes;
use reqwest::StatusCode;
use reqwest::header::{AUTHORIZATION, HeaderMap, HeaderValue};
use zoom_api::operations::OperationDoc;
use zoom_api::{Hook, HookFuture, Request};

use crate::auth::{AuthError, TokenSource, is_token_rejected};
use crate::error::TransportKind;
use crate::pacing::Pacing;
use crate::retry::RetryPolicy;
use crate::token::AccessToken;

/// What the hook saw of one call, for the error the caller gets.
#[derive(Debug, Default)]
pub(crate) struct CallRecord {
    /// The status and headers of the answer the call settled on.
    pub answer: Option<(StatusCode, HeaderMap)>,
    /// Why no token could be had.
    pub sign_in: Option<AuthError>,
}

tokio::task_local! {
    pub(crate) static RECORD: Arc<Mutex<CallRecord>>;
}

fn record(update: impl FnOnce(&mut CallRecord)) {
    // Outside `send()` (a raw send) nobody reads the record.
    let _ = RECORD.try_with(|record| update(&mut record.lock().expect("not poisoned")));
}

#[derive(Debug)]
pub(crate) struct ZoomHook {
    pub tokens: Arc<dyn TokenSource>,
    pub retry: RetryPolicy,
    pub pacing: Option<Pacing>,
}

fn bearer(token: &AccessToken) -> Result<HeaderValue, String> {
    let mut value = HeaderValue::from_str(&format!("Bearer {}", token.expose()))
        .map_err(|_| "the access token contains characters no HTTP header can carry".to_owned())?;
    // Marks the value so `Debug` of headers and requests prints `Sensitive`.
    value.set_sensitive(true);
    Ok(value)
}

/// The token a request was signed with.
fn signed_with(request: &Request) -> Option<AccessToken> {
    let value = request.headers().get(AUTHORIZATION)?.to_str().ok()?;
    Some(AccessToken::new(value.strip_prefix("Bearer ")?))
}

impl Hook for ZoomHook {
    fn prepare<'a>(
        &'a self,
        request: &'a mut Request,
        _doc: &'static OperationDoc,
    ) -> HookFuture<'a, Result<(), String>> {
        Box::pin(async move {
            let token = self.tokens.token().await.map_err(|error| {
                let message = error.to_string();
                record(|r| r.sign_in = Some(error));
                message
            })?;
            request.headers_mut().insert(AUTHORIZATION, bearer(&token)?);
            Ok(())
        })
    }

    fn execute<'a>(
        &'a self,
        http: &'a reqwest::Client,
        request: Request,
        doc: &'static OperationDoc,
    ) -> HookFuture<'a, reqwest::Result<reqwest::Response>> {
        Box::pin(self.run(http, request, doc))
    }
}

impl ZoomHook {
    async fn run(
        &self,
        http: &reqwest::Client,
        mut request: Request,
        doc: &'static OperationDoc,
    ) -> reqwest::Result<reqwest::Response> {
        let started = Instant::now();
        let mut attempt = 1;
        let mut renewed = false;
        loop {
            if let Some(pacing) = &self.pacing {
                pacing.wait(doc.rate_limit).await;
            }
            // A body that streams cannot be sent twice: such a request is tried once.
            let again = request.try_clone();
            let in_time =
                |wait: &std::time::Duration| started.elapsed() + *wait <= self.retry.max_total;
            match http.execute(request).await {
                Ok(response) if response.status() == StatusCode::UNAUTHORIZED && !renewed => {
                    let (status, headers, body) = read(response).await?;
                    let renewal = match (&again, is_token_rejected(status, &body)) {
                        (Some(again), true) => self.renew(again).await,
                        _ => None,
                    };
                    match (renewal, again) {
                        (Some(header), Some(mut again)) => {
                            again.headers_mut().insert(AUTHORIZATION, header);
                            request = again;
                            renewed = true;
                        }
                        _ => return Ok(settle(rebuilt(status, headers, body))),
                    }
                }
                Ok(response) => {
                    let now = SystemTime::now();
                    let (status, headers) = (response.status(), response.headers());
                    let wait = self
                        .retry
                        .after_response(attempt, doc.method, status, headers, now)
                        .filter(in_time);
                    match (wait, again) {
                        (Some(wait), Some(again)) => {
                            drop(response);
                            tokio::time::sleep(wait).await;
                            request = again;
                            attempt += 1;
                        }
                        _ => return Ok(settle(response)),
                    }
                }
                Err(error) => {
                    let kind = TransportKind::of(&error);
                    let wait = self
                        .retry
                        .after_failure(attempt, doc.method, kind)
                        .filter(in_time);
                    match (wait, again) {
                        (Some(wait), Some(again)) => {
                            tokio::time::sleep(wait).await;
                            request = again;
                            attempt += 1;
                        }
                        _ => return Err(error),
                    }
                }
            }
        }
    }

    /// A fresh token in place of the one `request` was refused with.
    async fn renew(&self, request: &Request) -> Option<HeaderValue> {
        let rejected = signed_with(request)?;
        match self.tokens.refresh(&rejected).await {
            Ok(token) => bearer(&token).ok(),
            Err(error) => {
                record(|r| r.sign_in = Some(error));
                None
            }
        }
    }
}

/// Notes the answer the call settled on and hands it back.
fn settle(response: reqwest::Response) -> reqwest::Response {
    let answer = (response.status(), response.headers().clone());
    record(|r| r.answer = Some(answer));
    response
}

async fn read(response: reqwest::Response) -> reqwest::Result<(StatusCode, HeaderMap, Bytes)> {
    let status = response.status();
    let headers = response.headers().clone();
    let body = response.bytes().await?;
    Ok((status, headers, body))
}

/// A response put back together from what was read of it.
fn rebuilt(status: StatusCode, headers: HeaderMap, body: Bytes) -> reqwest::Response {
    let mut response = http::Response::new(body);
    *response.status_mut() = status;
    *response.headers_mut() = headers;
    reqwest::Response::from(response)
}
