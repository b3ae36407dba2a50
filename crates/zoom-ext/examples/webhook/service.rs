//! The HTTP side of the webhook example, shared with its test so the test exercises what
//! the example runs: every POST is verified; URL validation is answered; a verified event
//! goes to `on_event` and gets 200; a request that fails verification gets 401, an
//! authentic but unreadable one 400.

use std::convert::Infallible;
use std::sync::Arc;
use std::time::SystemTime;

use bytes::Bytes;
use http_body_util::{BodyExt, Full, Limited};
use hyper::body::Incoming;
use hyper::service::service_fn;
use hyper::{Method, Request, Response, StatusCode};
use hyper_util::rt::TokioIo;
use tokio::net::TcpListener;
use zoom_ext::webhook::{Event, Verdict, WebhookVerifier};

/// Zoom's event bodies are a few KiB; anything far larger is not Zoom.
const MAX_BODY: usize = 1024 * 1024;

pub type OnEvent = Arc<dyn Fn(Event) + Send + Sync>;

/// Serves webhook requests on `listener` until the task is dropped.
pub async fn serve(listener: TcpListener, verifier: Arc<WebhookVerifier>, on_event: OnEvent) {
    while let Ok((stream, _)) = listener.accept().await {
        let (verifier, on_event) = (verifier.clone(), on_event.clone());
        tokio::spawn(async move {
            let service = service_fn(move |request| {
                let (verifier, on_event) = (verifier.clone(), on_event.clone());
                async move { Ok::<_, Infallible>(answer(&verifier, &on_event, request).await) }
            });
            let _ = hyper::server::conn::http1::Builder::new()
                .serve_connection(TokioIo::new(stream), service)
                .await;
        });
    }
}

async fn answer(
    verifier: &WebhookVerifier,
    on_event: &OnEvent,
    request: Request<Incoming>,
) -> Response<Full<Bytes>> {
    if request.method() != Method::POST {
        return reply(StatusCode::METHOD_NOT_ALLOWED, "text/plain", "POST only");
    }
    let (parts, body) = request.into_parts();
    let Ok(body) = Limited::new(body, MAX_BODY).collect().await else {
        return reply(
            StatusCode::PAYLOAD_TOO_LARGE,
            "text/plain",
            "body too large",
        );
    };
    match verifier.verify(&parts.headers, &body.to_bytes(), SystemTime::now()) {
        Ok(Verdict::UrlValidation { response_body }) => reply(
            StatusCode::OK,
            "application/json",
            response_body.to_string(),
        ),
        Ok(Verdict::Event(event)) => {
            on_event(event);
            reply(StatusCode::OK, "text/plain", "")
        }
        Err(error) if error.is_unauthenticated() => {
            reply(StatusCode::UNAUTHORIZED, "text/plain", error.to_string())
        }
        Err(error) => reply(StatusCode::BAD_REQUEST, "text/plain", error.to_string()),
    }
}

fn reply(status: StatusCode, content_type: &str, body: impl Into<Bytes>) -> Response<Full<Bytes>> {
    Response::builder()
        .status(status)
        .header("content-type", content_type)
        .body(Full::new(body.into()))
        .expect("static parts are valid")
}
