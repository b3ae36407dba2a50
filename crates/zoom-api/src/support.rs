//! The hand-written part of zoom-api: what an operation's documentation holds, and the
//! [`Operation`] contract every request builder implements. `generated.rs` holds one
//! [`OperationDoc`] per operation (in [`crate::operations`]) and implements [`Operation`] for
//! each builder with [`impl_operation!`].

use std::future::Future;

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
    /// Sends the request.
    fn send(
        self,
    ) -> impl Future<Output = Result<ResponseValue<Self::Success>, Error<Self::ErrorBody>>> + Send;
}

/// `impl Operation for builder::$builder` with its doc constant and `send`'s types.
macro_rules! impl_operation {
    ($builder:ident, $doc:ident, $success:ty, $error:ty) => {
        impl<'a> $crate::support::Operation for builder::$builder<'a> {
            const DOC: &'static $crate::support::OperationDoc = &operations::$doc;
            type Success = $success;
            type ErrorBody = $error;
            fn send(
                self,
            ) -> impl ::std::future::Future<
                Output = Result<ResponseValue<Self::Success>, Error<Self::ErrorBody>>,
            > + Send {
                builder::$builder::send(self)
            }
        }
    };
}
pub(crate) use impl_operation;
