//! A bare keep-alive HTTP/1.1 server on loopback that answers every request with the same
//! JSON body: for load tests and benchmarks, where wiremock's bookkeeping (it keeps every
//! matched request) would be measured instead of the client.

#![allow(dead_code)]

use bytes::Bytes;
use http_body_util::Full;
use hyper::service::service_fn;
use hyper_util::rt::TokioIo;
use tokio::net::TcpListener;

pub const BODY: &[u8] =
    br#"{"uuid":"JbkqFkfqQ0e7+CZluSnc1g==","id":535548971,"topic":"My Meeting"}"#;

/// A keep-alive HTTP/1.1 server on loopback answering every request with [`BODY`].
pub async fn start() -> String {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let address = format!("http://{}", listener.local_addr().unwrap());
    tokio::spawn(async move {
        while let Ok((stream, _)) = listener.accept().await {
            tokio::spawn(async move {
                let service = service_fn(|_request| async {
                    let mut response = hyper::Response::new(Full::new(Bytes::from_static(BODY)));
                    response
                        .headers_mut()
                        .insert("content-type", "application/json".parse().unwrap());
                    Ok::<_, std::convert::Infallible>(response)
                });
                let _ = hyper::server::conn::http1::Builder::new()
                    .serve_connection(TokioIo::new(stream), service)
                    .await;
            });
        }
    });
    address
}
