//! The seeds' 200 bodies, served by a real local server, parse into typed structs with
//! every field.

use test_support::workspace;

const TOKEN: &str = "test-token-7f3a9c1e";

/// A client for `server`, authenticated with [`TOKEN`].
fn client(server: &MockServer) -> zoom_api::Client {
    zoom_ext::ClientBuilder::with_token(zoom_ext::AccessToken::new(TOKEN))
        .base_url(Some(server.uri()))
        .build()
        .expect("client builds")
}

/// The example body that the spec keeps for an operation's 200 response.
fn spec_example(path: &str) -> serde_json::Value {
    let text = std::fs::read_to_string(workspace().join("openapi/zoom.json"))
        .expect("openapi/zoom.json is checked in");
    let spec: serde_json::Value = serde_json::from_str(&text).unwrap();
    spec["paths"][path]["get"]["responses"]["200"]["content"]["application/json"]["example"].clone()
}

use chrono::{TimeZone, Utc};
use wiremock::matchers::{header, method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};
use zoom_ext::prelude::*;

#[tokio::test]
async fn past_meeting_details_parses_every_field() {
    let example = spec_example("/past_meetings/{meetingUUID}");
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/past_meetings/JbkqFkfqQ0e7+CZluSnc1g=="))
        .and(header(
            "authorization",
            format!("Bearer {}", TOKEN).as_str(),
        ))
        .respond_with(ResponseTemplate::new(200).set_body_json(&example))
        .expect(1)
        .mount(&server)
        .await;
    let client = client(&server);
    let response = client
        .past_meeting_details()
        .meeting_uuid(MeetingUuid::new("JbkqFkfqQ0e7+CZluSnc1g=="))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200);
    let meeting = response.into_inner();
    assert_eq!(meeting.uuid.as_deref(), Some("JbkqFkfqQ0e7+CZluSnc1g=="));
    assert_eq!(meeting.id, Some(535548971));
    assert_eq!(meeting.host_id.as_deref(), Some("DYHrdpjrS3uaOf7dPkkg8w"));
    assert_eq!(meeting.type_, Some(2));
    assert_eq!(meeting.topic.as_deref(), Some("My Meeting"));
    assert_eq!(meeting.user_name.as_deref(), Some("JilLChill"));
    assert_eq!(meeting.user_email.as_deref(), Some("user@example.com"));
    assert_eq!(
        meeting.start_time,
        Some(Utc.with_ymd_and_hms(2020, 4, 1, 7, 0, 30).unwrap())
    );
    assert_eq!(
        meeting.end_time,
        Some(Utc.with_ymd_and_hms(2020, 4, 1, 7, 2, 1).unwrap())
    );
    assert_eq!(meeting.duration, Some(2));
    assert_eq!(meeting.total_minutes, Some(2));
    assert_eq!(meeting.participants_count, Some(1));
    assert_eq!(meeting.dept.as_deref(), Some("Engineering"));
    assert_eq!(meeting.source.as_deref(), Some("Zoom"));
    // Every field the docs show arrived: writing the struct back gives the example again.
    assert_eq!(serde_json::to_value(&meeting).unwrap(), example);
}

#[tokio::test]
async fn live_stream_details_parses_every_field() {
    let example = spec_example("/meetings/{meetingId}/livestream");
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/meetings/85746065432/livestream"))
        .respond_with(ResponseTemplate::new(200).set_body_json(&example))
        .expect(1)
        .mount(&server)
        .await;
    let client = client(&server);
    let stream = client
        .meeting_live_stream_details()
        .meeting_id("85746065432")
        .send()
        .await
        .unwrap()
        .into_inner();
    assert_eq!(
        stream.stream_url.as_deref(),
        Some("https://somecompany.com/livestream")
    );
    assert_eq!(
        stream.stream_key.as_deref(),
        Some("Contact It@somecompany.com")
    );
    assert_eq!(
        stream.page_url.as_deref(),
        Some("https://somecompany.com/livestream/123")
    );
    assert_eq!(serde_json::to_value(&stream).unwrap(), example);
}
