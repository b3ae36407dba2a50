//! `.call()`: send any generated request and get a [`ZoomError`] when it fails.

use zoom_api::{Operation, ResponseValue};

use crate::error::{ErrorBody, ZoomError, decode};

/// Adds `.call()` to every generated request builder.
///
/// ```no_run
/// # async fn demo(client: &zoom_api::Client) -> Result<(), zoom_ext::ZoomError> {
/// use zoom_ext::{Call, MeetingUuid};
/// let uuid = MeetingUuid::new("/ajXp112QmuoKj4854875==");
/// let meeting = client.past_meeting_details().meeting_uuid(&uuid).call().await?;
/// println!("{:?}", meeting.topic);
/// # Ok(()) }
/// ```
pub trait Call: Operation {
    fn call(self) -> impl Future<Output = Result<ResponseValue<Self::Success>, ZoomError>> + Send;
}

impl<T> Call for T
where
    T: Operation,
    T::ErrorBody: ErrorBody,
    T::Success: Send,
{
    fn call(self) -> impl Future<Output = Result<ResponseValue<Self::Success>, ZoomError>> + Send {
        let sent = Operation::send(self);
        async move {
            match sent.await {
                Ok(value) => Ok(value),
                Err(error) => Err(decode(error, Self::DOC).await),
            }
        }
    }
}
