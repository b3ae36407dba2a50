//! A file upload through the generated builder: the spec lists the parts
//! (`x-zoom-multipart`), the builder takes the path parameters, the `Content-Type` and the
//! encoded form as a raw body, and a real `multipart/form-data` request carrying the file
//! reaches a local server. (zoom-ext's form helper builds on exactly this.)

use test_support::workspace;
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

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

/// One file part, encoded by hand as RFC 7578 says.
fn form(boundary: &str, part: &str, file_name: &str, bytes: &[u8]) -> Vec<u8> {
    let mut body = format!(
        "--{boundary}\r\nContent-Disposition: form-data; name=\"{part}\"; filename=\"{file_name}\"\r\nContent-Type: image/png\r\n\r\n"
    )
    .into_bytes();
    body.extend_from_slice(bytes);
    body.extend_from_slice(format!("\r\n--{boundary}--\r\n").as_bytes());
    body
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
    let client = zoom_ext::ClientBuilder::new(zoom_ext::AccessToken::new("test-token"))
        .base_url(Some(server.uri()))
        .build()
        .unwrap();
    let picture: &[u8] = b"\x89PNG\r\n\x1a\n not really a picture \x00\xff";
    let boundary = "zoom-rs-7f3a9c1e";
    let response = client
        .upload_user_profile_picture()
        .user_id("me")
        .content_type(format!("multipart/form-data; boundary={boundary}"))
        .body(form(boundary, "pic_file", "me.png", picture))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 201);

    let received = &server.received_requests().await.unwrap()[0];
    let content_types: Vec<_> = received.headers.get_all("content-type").iter().collect();
    assert_eq!(
        content_types,
        [format!("multipart/form-data; boundary={boundary}").as_str()],
        "one Content-Type, the multipart one, replacing progenitor's octet-stream"
    );
    let body = &received.body;
    let file_at = body
        .windows(picture.len())
        .position(|w| w == picture)
        .expect("the file's bytes are in the body");
    let head = String::from_utf8_lossy(&body[..file_at]);
    assert!(
        head.contains("Content-Disposition: form-data; name=\"pic_file\"; filename=\"me.png\""),
        "{head}"
    );
}
