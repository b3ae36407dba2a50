//! The hand-written part of zoom-api, which `generated.rs` builds on:
//! - what an operation's documentation holds ([`OperationDoc`]; one constant per operation in
//!   [`crate::operations`]) and the [`Operation`] contract every request builder implements
//!   (generated with `impl_operation!`), with [`Paged`] for list operations;
//! - the [`Hook`] a client runs around every request (zoom-ext's sign-in, pacing, retries);
//! - [`MeetingUuid`], which UUID path setters take and encode as Zoom requires.

use std::fmt;
use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;

use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, utf8_percent_encode};
use progenitor_client::{ClientHooks, ClientInfo, OperationInfo};

use crate::{Error, ResponseValue};

/// A Zoom error code that the docs list for one response status.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ErrorCode {
    /// The HTTP status the docs list the code under.
    pub status: u16,
    /// Zoom's numeric code, as in the body's `code` field.
    pub code: i64,
    /// The documented meaning.
    pub message: &'static str,
}

/// One operation's documentation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct OperationDoc {
    /// The `operationId`, also the client method's name.
    pub id: &'static str,
    /// The HTTP method, upper case.
    pub method: &'static str,
    /// The path template below the server URL.
    pub path: &'static str,
    /// OAuth scopes, any one of which grants access.
    pub scopes: &'static [&'static str],
    /// Zoom's rate-limit label (`Light`, `Medium`, `Heavy`, `Resource-intensive`).
    pub rate_limit: Option<&'static str>,
    /// Documented Zoom error codes.
    pub error_codes: &'static [ErrorCode],
}

impl OperationDoc {
    /// The documented meaning of Zoom error `code`, preferring the entry listed under
    /// `status`.
    pub fn error_code(&self, status: u16, code: i64) -> Option<&'static ErrorCode> {
        let codes: &'static [ErrorCode] = self.error_codes;
        codes
            .iter()
            .find(|c| c.code == code && c.status == status)
            .or_else(|| codes.iter().find(|c| c.code == code))
    }
}

/// The operation with this `operationId`.
pub fn find(id: &str) -> Option<&'static OperationDoc> {
    let all = crate::operations::ALL;
    all.binary_search_by(|doc| doc.id.cmp(id))
        .ok()
        .map(|index| &all[index])
}

/// Implemented by every operation's request builder: generic code can send any operation
/// and knows its documentation.
pub trait Operation: Sized {
    /// What the docs say about this operation.
    const DOC: &'static OperationDoc;
    /// The body of a successful response.
    type Success;
    /// The body of a documented error response.
    type ErrorBody;
    /// Sends the request, with progenitor's errors as they are. zoom-ext's `send()` decodes
    /// them (Zoom's error code, its documented meaning, the failing field of a body).
    fn send_raw(
        self,
    ) -> impl Future<Output = Result<ResponseValue<Self::Success>, Error<Self::ErrorBody>>> + Send;

    /// Why `body` does not decode as [`Operation::Success`]: the JSON path of the value that
    /// failed and serde's message; `None` when it does, or when the success body is not JSON.
    fn explain_decode_failure(body: &[u8]) -> Option<DecodeFailure>;
}

/// Where and why a body failed to decode as the documented type.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DecodeFailure {
    /// The JSON path of the value that failed (`settings.breakout_room.enable`), `.` for the
    /// whole body.
    pub path: String,
    /// What serde expected there.
    pub message: String,
}

/// Picks, for a concrete type, serde decoding when it has it (see `impl_operation!`).
#[doc(hidden)]
pub struct Probe<T>(std::marker::PhantomData<T>);

impl<T> Probe<T> {
    pub fn new() -> Self {
        Probe(std::marker::PhantomData)
    }
}

impl<T> Default for Probe<T> {
    fn default() -> Self {
        Probe::new()
    }
}

#[doc(hidden)]
#[allow(dead_code)]
pub trait ExplainSerde {
    fn explain(&self, body: &[u8]) -> Option<DecodeFailure>;
}

impl<T: serde::de::DeserializeOwned> ExplainSerde for Probe<T> {
    fn explain(&self, body: &[u8]) -> Option<DecodeFailure> {
        let mut deserializer = serde_json::Deserializer::from_slice(body);
        let error = serde_path_to_error::deserialize::<_, T>(&mut deserializer).err()?;
        Some(DecodeFailure {
            path: error.path().to_string(),
            message: error.into_inner().to_string(),
        })
    }
}

/// The fallback for success types that are not JSON (a byte stream); unused while every
/// documented success body is JSON.
#[doc(hidden)]
#[allow(dead_code)]
pub trait ExplainOther {
    fn explain(&self, body: &[u8]) -> Option<DecodeFailure>;
}

impl<T> ExplainOther for &Probe<T> {
    fn explain(&self, _body: &[u8]) -> Option<DecodeFailure> {
        None
    }
}

/// `impl Operation for builder::$builder` with its doc constant and `send`'s types. (Unused
/// when no feature turns an operation on.)
///
/// The methods are `#[inline]`: like generic code, they are compiled in the crate that calls
/// them, for the operations it calls, not in zoom-api for all of them. Explaining a decode
/// failure instantiates serde for the whole success type; done here for every operation it
/// was four in ten of zoom-api's compiled functions.
#[allow(unused_macros)]
macro_rules! impl_operation {
    ($builder:ident, $doc:ident, $success:ty, $error:ty) => {
        impl<'a> $crate::support::Operation for builder::$builder<'a> {
            const DOC: &'static $crate::support::OperationDoc = &operations::$doc;
            type Success = $success;
            type ErrorBody = $error;
            #[inline]
            fn send_raw(
                self,
            ) -> impl ::std::future::Future<
                Output = Result<ResponseValue<Self::Success>, Error<Self::ErrorBody>>,
            > + Send {
                builder::$builder::send_raw(self)
            }
            #[inline]
            fn explain_decode_failure(body: &[u8]) -> Option<$crate::support::DecodeFailure> {
                #[allow(unused_imports)]
                use $crate::support::{ExplainOther as _, ExplainSerde as _};
                (&$crate::support::Probe::<$success>::new()).explain(body)
            }
        }
    };
}
#[allow(unused_imports)]
pub(crate) use impl_operation;

/// What a generated operation setter stores: `value` converted, or the message `send` reports
/// when the conversion failed. One function for every setter, instead of a closure in each.
#[doc(hidden)]
#[allow(dead_code)] // when no feature turns an operation on
pub fn try_set<T: TryInto<U>, U>(value: T, failed: &'static str) -> Result<U, String> {
    value.try_into().map_err(|_| failed.to_owned())
}

/// Sends a built request through the client's hooks: what every operation's `send_raw` does
/// between building its request and reading the response, written once instead of 310 times
/// (each copy was its own async state machine for the compiler to check and lay out).
#[doc(hidden)]
#[allow(dead_code)] // when no feature turns an operation on
pub async fn execute<E>(
    client: &crate::Client,
    mut request: Request,
    operation_id: &'static str,
) -> Result<reqwest::Response, Error<E>> {
    let info = OperationInfo { operation_id };
    client.pre(&mut request, &info).await?;
    let result = client.exec(request, &info).await;
    client.post(&result, &info).await?;
    Ok(result?)
}

/// What a generated struct builder setter stores: `value` converted, or why not.
#[doc(hidden)]
#[allow(dead_code)] // when no feature turns an operation on
pub fn try_convert<T, U>(value: T, field: &'static str) -> Result<U, String>
where
    T: TryInto<U>,
    T::Error: fmt::Display,
{
    value
        .try_into()
        .map_err(|e| format!("error converting supplied value for {field}: {e}"))
}

/// A request the client is about to send, and what the docs say about its operation.
pub type Request = reqwest::Request;

/// Boxed, so that a [`Hook`] can be held as `Arc<dyn Hook>`.
pub type HookFuture<'a, T> = Pin<Box<dyn Future<Output = T> + Send + 'a>>;

/// What a [`Client`](crate::Client) does around each request it sends: signing it in, pacing,
/// retries. zoom-ext provides one; without a hook, requests go out as built.
pub trait Hook: fmt::Debug + Send + Sync {
    /// Called with each request before it is sent: add credentials here. An error stops the
    /// call; its text is what the caller sees (`Error::Custom`).
    fn prepare<'a>(
        &'a self,
        request: &'a mut Request,
        doc: &'static OperationDoc,
    ) -> HookFuture<'a, Result<(), String>>;

    /// Sends the request with `http` and returns the response it settles on (after any
    /// retries).
    fn execute<'a>(
        &'a self,
        http: &'a reqwest::Client,
        request: Request,
        doc: &'static OperationDoc,
    ) -> HookFuture<'a, reqwest::Result<reqwest::Response>>;
}

/// The part of a [`Client`](crate::Client) beside its URL and HTTP client: its [`Hook`], if
/// any.
#[derive(Clone, Debug, Default)]
pub struct Middleware(Option<Arc<dyn Hook>>);

impl Middleware {
    pub fn new(hook: Arc<dyn Hook>) -> Self {
        Middleware(Some(hook))
    }
}

/// The operation docs of a request the generated client is sending.
fn doc_of(info: &OperationInfo) -> Option<&'static OperationDoc> {
    find(info.operation_id)
}

impl ClientHooks<Middleware> for crate::Client {
    async fn pre<E>(&self, request: &mut Request, info: &OperationInfo) -> Result<(), Error<E>> {
        match (&self.inner().0, doc_of(info)) {
            (Some(hook), Some(doc)) => hook.prepare(request, doc).await.map_err(Error::Custom),
            _ => Ok(()),
        }
    }

    async fn exec(
        &self,
        request: Request,
        info: &OperationInfo,
    ) -> reqwest::Result<reqwest::Response> {
        match (&self.inner().0, doc_of(info)) {
            (Some(hook), Some(doc)) => hook.execute(self.client(), request, doc).await,
            _ => self.client().execute(request).await,
        }
    }
}

/// A list operation that Zoom pages with `next_page_token`: each page's items, and the
/// request for the next page.
pub trait Paged: Operation + Clone {
    /// One element of the list the operation returns.
    type Item;

    /// The same request, for the page after `token`.
    fn with_page_token(self, token: String) -> Self;

    /// The token of the page after `page`: none, or empty, on the last page.
    fn page_token(page: &Self::Success) -> Option<String>;

    /// The items of `page`.
    fn into_items(page: Self::Success) -> Vec<Self::Item>;
}

/// `impl Paged for builder::$builder`: `$items` is the field of the success type that holds
/// the list. (Unused when no feature turns a paged operation on.)
#[allow(unused_macros)]
macro_rules! impl_paged {
    ($builder:ident, $items:ident, $item:ty) => {
        impl<'a> $crate::support::Paged for builder::$builder<'a> {
            type Item = $item;
            fn with_page_token(self, token: String) -> Self {
                self.next_page_token(token)
            }
            fn page_token(page: &<Self as $crate::support::Operation>::Success) -> Option<String> {
                page.next_page_token.clone()
            }
            fn into_items(page: <Self as $crate::support::Operation>::Success) -> Vec<$item> {
                page.$items
            }
        }
    };
}
#[allow(unused_imports)]
pub(crate) use impl_paged;

/// `encodeURIComponent`'s set: everything but letters, digits and `-_.!~*'()`.
const COMPONENT: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'_')
    .remove(b'.')
    .remove(b'!')
    .remove(b'~')
    .remove(b'*')
    .remove(b'\'')
    .remove(b'(')
    .remove(b')');

/// A meeting (or webinar) instance UUID as Zoom gives it, such as `JbkqFkfqQ0e7+CZluSnc1g==`.
///
/// Zoom: "If the meeting UUID begins with a `/` character or contains a `//` character, you
/// must double-encode the meeting UUID." Path setters that take a UUID (`.meeting_uuid(..)`)
/// take it in this raw form (a `&str`, a `String` or a `&MeetingUuid`) and encode it as Zoom
/// requires; there is no way to hand them an encoded form by mistake.
#[derive(Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct MeetingUuid(String);

impl MeetingUuid {
    pub fn new(uuid: impl Into<String>) -> Self {
        MeetingUuid(uuid.into())
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// Zoom's rule: a UUID that begins with `/` or contains `//` travels double-encoded.
    pub fn needs_double_encoding(&self) -> bool {
        self.0.starts_with('/') || self.0.contains("//")
    }
}

impl fmt::Display for MeetingUuid {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl fmt::Debug for MeetingUuid {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("MeetingUuid").field(&self.0).finish()
    }
}

impl From<&str> for MeetingUuid {
    fn from(uuid: &str) -> Self {
        MeetingUuid::new(uuid)
    }
}

impl From<String> for MeetingUuid {
    fn from(uuid: String) -> Self {
        MeetingUuid(uuid)
    }
}

impl std::str::FromStr for MeetingUuid {
    type Err = std::convert::Infallible;
    fn from_str(uuid: &str) -> Result<Self, Self::Err> {
        Ok(MeetingUuid::new(uuid))
    }
}

/// What a UUID path setter holds: a [`MeetingUuid`] on its way to the URL. Its `Display` is
/// the form the generated client encodes once more (so a UUID Zoom wants double-encoded is
/// encoded once here); made only from the raw UUID.
#[derive(Clone, PartialEq, Eq)]
pub struct MeetingUuidInPath(MeetingUuid);

impl fmt::Debug for MeetingUuidInPath {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&self.0, f)
    }
}

impl fmt::Display for MeetingUuidInPath {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.0.needs_double_encoding() {
            fmt::Display::fmt(&utf8_percent_encode(self.0.as_str(), COMPONENT), f)
        } else {
            f.write_str(self.0.as_str())
        }
    }
}

impl From<MeetingUuid> for MeetingUuidInPath {
    fn from(uuid: MeetingUuid) -> Self {
        MeetingUuidInPath(uuid)
    }
}

impl From<&MeetingUuid> for MeetingUuidInPath {
    fn from(uuid: &MeetingUuid) -> Self {
        MeetingUuidInPath(uuid.clone())
    }
}

impl From<&str> for MeetingUuidInPath {
    fn from(uuid: &str) -> Self {
        MeetingUuidInPath(MeetingUuid::new(uuid))
    }
}

impl From<String> for MeetingUuidInPath {
    fn from(uuid: String) -> Self {
        MeetingUuidInPath(MeetingUuid::new(uuid))
    }
}

impl std::str::FromStr for MeetingUuidInPath {
    type Err = std::convert::Infallible;
    fn from_str(uuid: &str) -> Result<Self, Self::Err> {
        Ok(MeetingUuidInPath::from(uuid))
    }
}

/// Path parameters that take a UUID take a numeric meeting ID too ("the meeting ID or UUID").
impl From<u64> for MeetingUuidInPath {
    fn from(id: u64) -> Self {
        MeetingUuidInPath(MeetingUuid(id.to_string()))
    }
}

impl From<i64> for MeetingUuidInPath {
    fn from(id: i64) -> Self {
        MeetingUuidInPath(MeetingUuid(id.to_string()))
    }
}

impl From<&String> for MeetingUuidInPath {
    fn from(uuid: &String) -> Self {
        MeetingUuidInPath(MeetingUuid::new(uuid.as_str()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_leading_slash_or_double_slash_is_encoded_ahead() {
        let path = |uuid: &str| MeetingUuidInPath::from(uuid).to_string();
        assert_eq!(path("JbkqFkfqQ0e7+CZluSnc1g=="), "JbkqFkfqQ0e7+CZluSnc1g==");
        assert_eq!(
            path("/ajXp112QmuoKj4854875=="),
            "%2FajXp112QmuoKj4854875%3D%3D"
        );
        assert_eq!(path("a//b+"), "a%2F%2Fb%2B");
        assert_eq!(path("ajXp/12Qm=="), "ajXp/12Qm==");
        assert_eq!(
            MeetingUuid::new("/x").to_string(),
            "/x",
            "Display is the UUID itself"
        );
    }
}
