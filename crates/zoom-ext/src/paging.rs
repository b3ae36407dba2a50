//! Every page of a list operation that Zoom pages with `next_page_token`, as a stream: each
//! request resends the first one's parameters (its `page_size` among them) with the token of
//! the page before, and the stream ends on an empty token. Errors (after the client's
//! retries) end the stream with that error.
//!
//! ```no_run
//! # async fn demo(client: &zoom_api::Client) -> Result<(), zoom_ext::ZoomError> {
//! use futures_util::TryStreamExt;
//! use zoom_ext::prelude::*;
//! let contacts: Vec<_> = client.list_user_contacts().page_size(50).items().try_collect().await?;
//! # Ok(()) }
//! ```

use futures_util::Stream;
use zoom_api::Paged;

use crate::call::{Call, ErrorBody};
use crate::error::ZoomError;

/// `.pages()` and `.items()` on the request builder of every paged list operation.
pub trait Paginate: Paged + Call + Send + Sized
where
    Self::ErrorBody: ErrorBody,
    Self::Success: Send,
    Self::Item: Send,
{
    /// Every page, in order, as Zoom answers it.
    fn pages(self) -> impl Stream<Item = Result<Self::Success, ZoomError>> + Send {
        pages(self)
    }

    /// Every item of every page, in order.
    fn items(self) -> impl Stream<Item = Result<Self::Item, ZoomError>> + Send {
        use futures_util::TryStreamExt;
        pages(self)
            .map_ok(|page| futures_util::stream::iter(Self::into_items(page).into_iter().map(Ok)))
            .try_flatten()
    }
}

impl<T> Paginate for T
where
    T: Paged + Call + Send + Sized,
    T::ErrorBody: ErrorBody,
    T::Success: Send,
    T::Item: Send,
{
}

/// What the stream knows between pages: the next request, and the tokens seen (a token
/// Zoom gives twice would loop forever).
struct State<T> {
    next: Option<T>,
    seen: Vec<String>,
}

fn pages<T>(first: T) -> impl Stream<Item = Result<T::Success, ZoomError>> + Send
where
    T: Paged + Call + Send,
    T::ErrorBody: ErrorBody,
    T::Success: Send,
{
    let state = State {
        next: Some(first),
        seen: Vec::new(),
    };
    futures_util::stream::unfold(state, |mut state| async move {
        let request = state.next.take()?;
        let resend = request.clone();
        let page = match request.send().await {
            Ok(page) => page.into_inner(),
            Err(error) => return Some((Err(error), state)),
        };
        let token = T::page_token(&page).filter(|token| !token.is_empty());
        if let Some(token) = token
            && !state.seen.contains(&token)
        {
            state.seen.push(token.clone());
            state.next = Some(resend.with_page_token(token));
        }
        Some((Ok(page), state))
    })
}
