//! Meeting UUIDs on the wire, recorded by a real local server.

mod common;

use wiremock::matchers::method;
use wiremock::{Mock, MockServer, ResponseTemplate};
use zoom_ext::prelude::*;

async fn wire_path(uuid: &MeetingUuid) -> String {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(200).set_body_json(serde_json::json!({
            "uuid": uuid.as_str(),
            "id": 535548971,
            "topic": "My Meeting"
        })))
        .mount(&server)
        .await;
    let client = common::client(&server);
    client
        .past_meeting_details()
        .meeting_uuid(uuid)
        .send()
        .await
        .expect("the server answers 200");
    let requests = server.received_requests().await.unwrap();
    assert_eq!(requests.len(), 1);
    requests[0].url.path().to_owned()
}

#[tokio::test]
async fn plain_uuid_is_encoded_once() {
    let uuid = MeetingUuid::new("JbkqFkfqQ0e7+CZluSnc1g==");
    let path = wire_path(&uuid).await;
    assert_eq!(path, "/past_meetings/JbkqFkfqQ0e7+CZluSnc1g==");
    assert_eq!(
        common::zoom_decode(path.strip_prefix("/past_meetings/").unwrap()),
        uuid.as_str()
    );
}

#[tokio::test]
async fn uuid_with_leading_slash_is_encoded_twice() {
    let uuid = MeetingUuid::new("/ajXp112QmuoKj4854875==");
    let path = wire_path(&uuid).await;
    assert_eq!(path, "/past_meetings/%252FajXp112QmuoKj4854875%253D%253D");
    assert_eq!(
        common::zoom_decode(path.strip_prefix("/past_meetings/").unwrap()),
        uuid.as_str()
    );
}

#[tokio::test]
async fn uuid_with_double_slash_is_encoded_twice() {
    let uuid = MeetingUuid::new("ajXp//12QmuoKj4854875==");
    let path = wire_path(&uuid).await;
    assert_eq!(
        path,
        "/past_meetings/ajXp%252F%252F12QmuoKj4854875%253D%253D"
    );
    assert_eq!(
        common::zoom_decode(path.strip_prefix("/past_meetings/").unwrap()),
        uuid.as_str()
    );
}
