//! Response types read JSON objects through one shared visitor (`src/object.rs`) instead of
//! serde's derive; what callers see must not change. The round trips of every documented
//! example live in the workspace's `tests` crate; these pin down the edges the derive
//! defined: borrowed and escaped member names, nulls, errors and their paths.

use serde_json::{Value, json};
use zoom_api::Operation;
use zoom_api::builder::AccountLockedSettings;
use zoom_api::types::{AccountLockedSettingsResponse, PastMeetingDetailsResponse};

const MEETING: &str = r#"{
    "uuid": "/ajXp112QmuoKj4854875==",
    "id": 535548971,
    "topic": null,
    "participants_count": 3,
    "breakout_rooms": {"count": 2},
    "type": 2
}"#;

#[test]
fn members_fill_their_fields_and_the_rest_lands_in_extra() {
    // from_str hands out member names borrowed from the input.
    let meeting: PastMeetingDetailsResponse = serde_json::from_str(MEETING).unwrap();
    assert_eq!(meeting.uuid.as_deref(), Some("/ajXp112QmuoKj4854875=="));
    assert_eq!(meeting.id, Some(535548971));
    assert_eq!(meeting.topic, None);
    assert_eq!(meeting.participants_count, Some(3));
    assert_eq!(meeting.type_, Some(2), "renamed member");
    assert_eq!(meeting.extra.len(), 1, "{:?}", meeting.extra);
    assert_eq!(meeting.extra["breakout_rooms"], json!({"count": 2}));
}

#[test]
fn escaped_names_and_owned_input_read_the_same() {
    // An escape makes serde_json hand the name over as an owned string.
    let escaped = MEETING
        .replace("\"topic\"", "\"top\\u0069c\"")
        .replace("null", "\"Q3\"");
    let meeting: PastMeetingDetailsResponse = serde_json::from_str(&escaped).unwrap();
    assert_eq!(meeting.topic.as_deref(), Some("Q3"));
    let value: Value = serde_json::from_str(MEETING).unwrap();
    let from_value: PastMeetingDetailsResponse = serde_json::from_value(value.clone()).unwrap();
    let from_reader: PastMeetingDetailsResponse =
        serde_json::from_reader(MEETING.as_bytes()).unwrap();
    for meeting in [from_value, from_reader] {
        assert_eq!(meeting.id, Some(535548971));
        assert_eq!(meeting.extra["breakout_rooms"], json!({"count": 2}));
    }
}

#[test]
fn round_trip_keeps_every_member() {
    let meeting: PastMeetingDetailsResponse = serde_json::from_str(MEETING).unwrap();
    let mut expected: Value = serde_json::from_str(MEETING).unwrap();
    // An absent optional field is not written back; the null said nothing else.
    expected.as_object_mut().unwrap().remove("topic");
    assert_eq!(serde_json::to_value(&meeting).unwrap(), expected);
}

#[test]
fn a_wrong_type_names_the_member_its_path_and_position() {
    let body = r#"{"recording": {"cloud_recording": true, "auto_recording": 7}}"#;
    let error = serde_json::from_str::<AccountLockedSettingsResponse>(body).unwrap_err();
    assert!(error.to_string().contains("expected a string"), "{error}");
    assert_eq!((error.line(), error.column()), (1, 59), "{error}");
    // What zoom-ext reports as `ZoomError::Decode` for this operation's success body.
    let failure =
        <AccountLockedSettings<'static> as Operation>::explain_decode_failure(body.as_bytes())
            .expect("the body does not decode");
    assert_eq!(failure.path, "recording.auto_recording");
}

#[test]
fn anything_but_an_object_is_refused_as_the_derive_did() {
    for body in ["[1, 2]", "null", "\"meeting\"", "7"] {
        let error = serde_json::from_str::<PastMeetingDetailsResponse>(body).unwrap_err();
        assert!(
            error
                .to_string()
                .contains("expected struct PastMeetingDetailsResponse"),
            "{body}: {error}"
        );
    }
    let error = serde_json::from_str::<PastMeetingDetailsResponse>(r#"{"id": 1"#).unwrap_err();
    assert!(error.is_eof(), "{error}");
}

#[test]
fn a_repeated_member_keeps_its_last_value() {
    // The derive refused a response that repeats a documented member; one odd member is
    // not worth losing the rest for.
    let meeting: PastMeetingDetailsResponse =
        serde_json::from_str(r#"{"id": 1, "id": 2, "new": 1, "new": 2}"#).unwrap();
    assert_eq!(meeting.id, Some(2));
    assert_eq!(meeting.extra["new"], json!(2));
}
