//! `.send()`: the one way to send a generated request, with every failure as a [`ZoomError`].

use std::future::Future;
use std::sync::{Arc, Mutex};

use bytes::Bytes;
use futures_util::TryStreamExt;
use reqwest::StatusCode;
use reqwest::header::HeaderMap;
use zoom_api::operations::OperationDoc;
use zoom_api::{ByteStream, Operation, ResponseValue};

use crate::error::{ApiError, DecodeError, TransportKind, ZoomError};
use crate::hook::{CallRecord, RECORD};

/// Adds `.send()` to every generated request builder: the request goes out through the
/// client's sign-in, pacing and retries, and any failure comes back as a [`ZoomError`].
///
/// ```no_run
/// # async fn demo(client: &zoom_api::Client) -> Result<(), zoom_ext::ZoomError> {
/// use zoom_ext::prelude::*;
/// let meeting = client.past_meeting_details().meeting_uuid("/ajXp112QmuoKj4854875==").send().await?;
/// println!("{:?}", meeting.topic);
/// # Ok(()) }
/// ```
pub trait Call: Operation {
    fn send(self) -> impl Future<Output = Result<ResponseValue<Self::Success>, ZoomError>> + Send;
}

impl<T> Call for T
where
    T: Operation + Send,
    T::ErrorBody: ErrorBody,
    T::Success: Send,
{
    fn send(self) -> impl Future<Output = Result<ResponseValue<Self::Success>, ZoomError>> + Send {
        let record = Arc::new(Mutex::new(CallRecord::default()));
        let sent = RECORD.scope(record.clone(), Operation::send_raw(self));
        async move {
            match sent.await {
                Ok(value) => Ok(value),
                Err(error) => {
                    let record = std::mem::take(&mut *record.lock().expect("not poisoned"));
                    Err(decode::<T>(error, record).await)
                }
            }
        }
    }
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

/// What the generated client returned, as a [`ZoomError`].
async fn decode<T>(error: zoom_api::Error<T::ErrorBody>, record: CallRecord) -> ZoomError
where
    T: Operation,
    T::ErrorBody: ErrorBody,
{
    let doc: &'static OperationDoc = T::DOC;
    let operation = doc.id;
    // A 401 that a token renewal could not answer: the renewal's failure is the news.
    let answered = |status: StatusCode, headers, body, sign_in: Option<_>| match sign_in {
        Some(source) if status == StatusCode::UNAUTHORIZED => {
            ZoomError::SignIn { operation, source }
        }
        _ => ZoomError::Api(Box::new(ApiError::from_parts(doc, status, headers, body))),
    };
    match error {
        zoom_api::Error::ErrorResponse(value) => {
            let (status, headers, body) = ErrorBody::into_bytes(value).await;
            answered(status, headers, body, record.sign_in)
        }
        zoom_api::Error::UnexpectedResponse(response) => {
            let status = response.status();
            let headers = response.headers().clone();
            let body = response.bytes().await.unwrap_or_default();
            answered(status, headers, body, record.sign_in)
        }
        zoom_api::Error::InvalidResponsePayload(body, source) => {
            let (status, headers) = record.answer.unwrap_or((StatusCode::OK, HeaderMap::new()));
            let failure = T::explain_decode_failure(&body);
            let (path, message) = match failure {
                Some(failure) => (failure.path, failure.message),
                None => (".".to_owned(), source.to_string()),
            };
            ZoomError::Decode(Box::new(DecodeError {
                operation,
                status,
                path,
                message,
                headers,
                body,
            }))
        }
        zoom_api::Error::InvalidRequest(message) => {
            ZoomError::InvalidRequest { operation, message }
        }
        zoom_api::Error::CommunicationError(source)
        | zoom_api::Error::ResponseBodyError(source)
        | zoom_api::Error::InvalidUpgrade(source) => ZoomError::Transport {
            operation,
            kind: TransportKind::of(&source),
            source,
        },
        zoom_api::Error::Custom(message) => match record.sign_in {
            Some(source) => ZoomError::SignIn { operation, source },
            None => ZoomError::Other { operation, message },
        },
    }
}
