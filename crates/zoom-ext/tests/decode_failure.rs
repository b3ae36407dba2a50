//! A success body that does not match the documented type, from a real local server: the
//! error keeps the status, headers and raw body, and names the JSON path that failed.

mod common;

use wiremock::matchers::method;
use wiremock::{Mock, MockServer, ResponseTemplate};
use zoom_ext::ZoomError;
use zoom_ext::prelude::*;

#[tokio::test]
async fn the_failing_field_is_named_and_nothing_is_lost() {
    let body = r#"{"uuid": "abc", "id": 535548971, "participants_count": "many", "topic": "x"}"#;
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(
            ResponseTemplate::new(200)
                .insert_header("content-type", "application/json")
                .insert_header("x-zm-trackingid", "v=2.0;clid=us06")
                .set_body_string(body),
        )
        .mount(&server)
        .await;
    let error = common::client(&server)
        .past_meeting_details()
        .meeting_uuid("abc")
        .send()
        .await
        .unwrap_err();
    let ZoomError::Decode(decode) = &error else {
        panic!("not a decode error: {error:?}");
    };
    assert_eq!(decode.status, 200);
    assert_eq!(decode.path, "participants_count");
    assert!(
        decode.message.contains("expected i64"),
        "{}",
        decode.message
    );
    assert_eq!(decode.body, body.as_bytes());
    assert_eq!(decode.headers["x-zm-trackingid"], "v=2.0;clid=us06");
    let text = error.to_string();
    assert!(text.contains("`participants_count`"), "{text}");
}
