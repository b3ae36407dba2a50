//! Meeting UUIDs built from Zoom's alphabet, including a leading `/`, `//` anywhere and a
//! trailing `/`, go through the real client to a local server, which decodes every one back.

mod common;

use proptest::prelude::*;
use wiremock::matchers::method;
use wiremock::{Mock, MockServer, ResponseTemplate};
use zoom_ext::prelude::*;

fn uuid() -> impl Strategy<Value = String> {
    let body = "[A-Za-z0-9+/=]{1,24}";
    prop_oneof![
        body.prop_map(|s| s),
        body.prop_map(|s| format!("/{s}")),
        (body, body).prop_map(|(a, b)| format!("{a}//{b}")),
        body.prop_map(|s| format!("{s}/")),
        body.prop_map(|s| format!("//{s}//")),
    ]
    // A lone `/` or `.`-only segments are not UUIDs; Zoom's are 22+ characters of base64.
    .prop_filter("has a letter or digit", |s| {
        s.chars().any(|c| c.is_ascii_alphanumeric())
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn every_uuid_decodes_back_on_the_server(uuid in uuid()) {
        let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
        let (path, needs_double) = runtime.block_on(async {
            let server = MockServer::start().await;
            Mock::given(method("GET"))
                .respond_with(ResponseTemplate::new(200).set_body_json(serde_json::json!({})))
                .mount(&server)
                .await;
            let uuid = MeetingUuid::new(uuid.clone());
            common::client(&server).past_meeting_details().meeting_uuid(&uuid).send().await.unwrap();
            let requests = server.received_requests().await.unwrap();
            (requests[0].url.path().to_owned(), uuid.needs_double_encoding())
        });
        let segment = path.strip_prefix("/past_meetings/").expect("one path segment");
        prop_assert!(!segment.contains('/'), "the UUID split the path: {path}");
        prop_assert_eq!(common::zoom_decode(segment), uuid.clone());
        prop_assert_eq!(segment.contains("%25"), needs_double, "{}", path);
    }
}
