//! How a crate that uses zoom-api fakes Zoom in its own tests: the code under test is
//! ordinary application code (`meeting_topic`); the test sets typed expectations with
//! zoom-mock and points a client at the mock server. Meeting UUIDs with `+`, `=` and a
//! leading `/` match as the client sends them.

use zoom_api::types::PastMeetingDetailsResponse;
use zoom_ext::prelude::*;
use zoom_ext::{AccessToken, RetryPolicy};
use zoom_mock::{MockServer, MockServerExt};

/// Application code: the topic of a past meeting instance.
async fn meeting_topic(client: &zoom_api::Client, uuid: &str) -> Result<Option<String>, ZoomError> {
    let meeting = client
        .past_meeting_details()
        .meeting_uuid(uuid)
        .send()
        .await?;
    Ok(meeting.into_inner().topic)
}

fn client(server: &MockServer) -> zoom_api::Client {
    ClientBuilder::with_token(AccessToken::new("mock-token"))
        .base_url(Some(server.base_url()))
        .retry(RetryPolicy::none())
        .build()
        .unwrap()
}

fn meeting(topic: &str) -> PastMeetingDetailsResponse {
    PastMeetingDetailsResponse {
        topic: Some(topic.to_owned()),
        ..Default::default()
    }
}

#[tokio::test]
async fn uuids_match_as_the_client_sends_them() {
    let server = MockServer::start_async().await;
    let cases = [
        ("JbkqFkfqQ0e7+CZluSnc1g==", "once-encoded"),
        ("/ajXp112QmuoKj4854875==", "double-encoded"),
        ("ajXp//12QmuoKj4854875==", "double-encoded too"),
    ];
    let mut mocks = Vec::new();
    for (uuid, topic) in cases {
        mocks.push(server.past_meeting_details(|when, then| {
            when.meeting_uuid(&uuid.into());
            then.ok(&meeting(topic));
        }));
    }
    let client = client(&server);
    for (uuid, topic) in cases {
        assert_eq!(
            meeting_topic(&client, uuid).await.unwrap().as_deref(),
            Some(topic),
            "{uuid}"
        );
    }
    for mock in mocks {
        mock.assert_async().await;
    }
}

#[tokio::test]
async fn a_documented_error_reaches_the_application_decoded() {
    let server = MockServer::start_async().await;
    let mock = server.past_meeting_details(|when, then| {
        when.meeting_uuid(&"gone".into());
        then.not_found(serde_json::json!({"code": 3001, "message": "Meeting does not exist."}));
    });
    let error = meeting_topic(&client(&server), "gone").await.unwrap_err();
    assert_eq!(error.api().unwrap().code, Some(3001));
    mock.assert_async().await;
}
