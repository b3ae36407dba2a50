//! A file upload through the generated builder: the spec lists the parts
//! (`x-zoom-multipart`), the builder takes the path parameters, the `Content-Type` and the
//! encoded form as a raw body, and a real `multipart/form-data` request carrying the file
//! reaches a local server, where an independent multipart parser (`multer`) reads it back.

use test_support::workspace;
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};
use zoom_ext::prelude::*;

/// The upload parts the spec lists for `POST path`.
fn parts(path: &str) -> Vec<serde_json::Value> {
    let text = std::fs::read_to_string(workspace().join("openapi/zoom.json")).unwrap();
    let spec: serde_json::Value = serde_json::from_str(&text).unwrap();
    let operation = &spec["paths"][path]["post"];
    assert_eq!(
        operation["requestBody"]["content"]["application/octet-stream"]["schema"],
        serde_json::json!({"type": "string", "format": "binary"})
    );
    operation["x-zoom-multipart"].as_array().unwrap().clone()
}

#[tokio::test]
async fn a_profile_picture_is_sent_as_multipart_form_data() {
    let parts = parts("/users/{userId}/picture");
    assert_eq!(parts.len(), 1);
    assert_eq!(parts[0]["name"], "pic_file");
    assert_eq!(parts[0]["binary"], true);
    assert_eq!(parts[0]["required"], true);

    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/users/me/picture"))
        .respond_with(ResponseTemplate::new(201))
        .expect(1)
        .mount(&server)
        .await;
    let client = zoom_ext::ClientBuilder::with_token(zoom_ext::AccessToken::new("test-token"))
        .base_url(Some(server.uri()))
        .build()
        .unwrap();
    let picture: &[u8] = b"\x89PNG\r\n\x1a\n not really a picture \x00\xff";
    let form = zoom_ext::Form::new().file("pic_file", "me.png", "image/png", picture);
    let content_type = form.content_type();
    let response = client
        .upload_user_profile_picture()
        .user_id("me")
        .content_type(content_type.clone())
        .body(form.into_body())
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 201);

    let received = &server.received_requests().await.unwrap()[0];
    let content_types: Vec<_> = received.headers.get_all("content-type").iter().collect();
    assert_eq!(
        content_types,
        [content_type.as_str()],
        "one Content-Type, the multipart one, replacing progenitor's octet-stream"
    );
    let boundary = multer::parse_boundary(&content_type).unwrap();
    let body = received.body.clone();
    let stream =
        futures_util::stream::once(
            async move { Ok::<_, std::io::Error>(bytes::Bytes::from(body)) },
        );
    let mut multipart = multer::Multipart::new(stream, boundary);
    let field = multipart.next_field().await.unwrap().expect("one part");
    assert_eq!(field.name(), Some("pic_file"));
    assert_eq!(field.file_name(), Some("me.png"));
    assert_eq!(
        field.content_type().map(|m| m.to_string()).as_deref(),
        Some("image/png")
    );
    assert_eq!(field.bytes().await.unwrap(), picture);
    assert!(
        multipart.next_field().await.unwrap().is_none(),
        "nothing else"
    );
}
