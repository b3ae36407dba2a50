//! A Zoom webhook endpoint on loopback: answers URL validation, prints verified events,
//! refuses everything else.
//! `ZOOM_WEBHOOK_SECRET_TOKEN=... cargo run -p zoom-ext --example webhook_server -- 8080`
//! (put a TLS-terminating tunnel or proxy in front of it for Zoom to reach it).

#[path = "webhook/service.rs"]
mod service;

use std::process::ExitCode;
use std::sync::Arc;

use tokio::net::TcpListener;
use zoom_ext::webhook::WebhookVerifier;

#[tokio::main]
async fn main() -> ExitCode {
    let secret = match std::env::var("ZOOM_WEBHOOK_SECRET_TOKEN") {
        Ok(secret) if !secret.trim().is_empty() => secret,
        _ => {
            eprintln!("error: set ZOOM_WEBHOOK_SECRET_TOKEN to the app's secret token");
            return ExitCode::from(2);
        }
    };
    let port = match std::env::args().nth(1).map(|port| port.parse::<u16>()) {
        None => 8080,
        Some(Ok(port)) => port,
        Some(Err(_)) => {
            eprintln!("usage: webhook_server [PORT]");
            return ExitCode::from(2);
        }
    };
    let listener = match TcpListener::bind(("127.0.0.1", port)).await {
        Ok(listener) => listener,
        Err(err) => {
            eprintln!("error: cannot listen on 127.0.0.1:{port}: {err}");
            return ExitCode::FAILURE;
        }
    };
    println!("listening on http://127.0.0.1:{port}");
    let verifier = Arc::new(WebhookVerifier::new(secret.trim()));
    service::serve(
        listener,
        verifier,
        Arc::new(|event| println!("{} at {}: {}", event.event, event.event_ts, event.payload)),
    )
    .await;
    ExitCode::SUCCESS
}
