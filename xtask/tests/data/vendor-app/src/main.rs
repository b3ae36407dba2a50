//! Calls "Get past meeting details" through the vendored zoom-api and zoom-ext against a
//! server of its own on loopback, and checks what went over the wire. Exits non-zero on any
//! difference.

use std::io::{BufRead, BufReader, Write};
use std::net::TcpListener;

use zoom_ext::prelude::*;
use zoom_ext::{AccessToken, RetryPolicy};

#[tokio::main]
async fn main() {
    let listener = TcpListener::bind("127.0.0.1:0").expect("a loopback port");
    let base_url = format!("http://{}", listener.local_addr().unwrap());
    // One request: its request line comes back over the channel, the answer is a meeting.
    let (sender, received) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let (mut stream, _) = listener.accept().unwrap();
        let mut reader = BufReader::new(stream.try_clone().unwrap());
        let mut request_line = String::new();
        reader.read_line(&mut request_line).unwrap();
        let mut line = String::new();
        while reader.read_line(&mut line).unwrap() > 2 {
            line.clear();
        }
        let body = r#"{"uuid":"/ajXp112QmuoKj4854875==","topic":"Vendored"}"#;
        write!(
            stream,
            "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: {}\r\nconnection: close\r\n\r\n{body}",
            body.len()
        )
        .unwrap();
        sender.send(request_line).unwrap();
    });
    let client = ClientBuilder::with_token(AccessToken::new("vendor-token"))
        .base_url(Some(base_url))
        .retry(RetryPolicy::none())
        .build()
        .expect("a client");
    let meeting = client
        .past_meeting_details()
        .meeting_uuid("/ajXp112QmuoKj4854875==")
        .send()
        .await
        .expect("the local server answers");
    let request_line = received.recv().unwrap();
    assert_eq!(meeting.topic.as_deref(), Some("Vendored"));
    assert!(
        request_line.starts_with("GET /past_meetings/%252FajXp112QmuoKj4854875%253D%253D "),
        "{request_line}"
    );
    println!("vendored crates: {request_line}");
}
