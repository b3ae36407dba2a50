//! Webhook verification: Zoom's signature scheme, the replay window, URL validation and the
//! event envelope, with expected values computed outside the code under test (Python's hmac
//! module for the fixed vectors, the hmac crate for the rest).

#[path = "common/webhook.rs"]
mod signing;

use std::collections::HashMap;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use reqwest::header::HeaderMap;
use serde_json::json;
use signing::{SECRET, hmac_hex, signature};
use zoom_ext::webhook::{Verdict, WebhookError, WebhookVerifier};

const BODY: &[u8] = br#"{"event":"meeting.started","event_ts":1700000000123,"payload":{"account_id":"acc","object":{"id":"85746065432","topic":"Standup"}}}"#;
const TIMESTAMP: u64 = 1_700_000_000;
/// python3: hmac.new(SECRET, b"v0:1700000000:" + BODY, hashlib.sha256).hexdigest()
const PYTHON_SIGNATURE: &str =
    "v0=12cacad0b340e7cc9bc1c9ef8cd0e33d1f8a19b56a96ebf3f7b3965be17a61be";
/// python3: hmac.new(SECRET, b"qgg8vlvZRS6UYooatFL8Aw", hashlib.sha256).hexdigest()
const PYTHON_ENCRYPTED: &str = "97c73b898d16d5a12c482e5b9e8421e6bd3ffeee781da016dcd6b9b3eddde94f";

fn at(seconds: u64) -> SystemTime {
    UNIX_EPOCH + Duration::from_secs(seconds)
}

fn headers(signature: &str, timestamp: &str) -> HeaderMap {
    let mut map = HeaderMap::new();
    map.insert("x-zm-signature", signature.parse().unwrap());
    map.insert("x-zm-request-timestamp", timestamp.parse().unwrap());
    map
}

fn signed(body: &[u8], timestamp: u64) -> HeaderMap {
    headers(&signature(SECRET, timestamp, body), &timestamp.to_string())
}

fn verifier() -> WebhookVerifier {
    WebhookVerifier::new(SECRET)
}

#[test]
fn a_signature_computed_by_python_verifies_and_the_event_is_read() {
    assert_eq!(signature(SECRET, TIMESTAMP, BODY), PYTHON_SIGNATURE);
    let verdict = verifier()
        .verify(
            &headers(PYTHON_SIGNATURE, "1700000000"),
            BODY,
            at(TIMESTAMP),
        )
        .unwrap();
    let Verdict::Event(event) = verdict else {
        panic!("{verdict:?}")
    };
    assert_eq!(event.event, "meeting.started");
    assert_eq!(event.event_ts, 1_700_000_000_123);
    assert_eq!(event.payload["object"]["topic"], "Standup");
    assert!(event.other.is_empty());
}

#[test]
fn unknown_envelope_fields_are_kept() {
    let body = br#"{"event":"recording.completed","event_ts":5,"payload":{},"download_token":"dl","x":[1]}"#;
    let Verdict::Event(event) = verifier()
        .verify(&signed(body, TIMESTAMP), body, at(TIMESTAMP))
        .unwrap()
    else {
        panic!("not an event")
    };
    assert_eq!(event.other["download_token"], "dl");
    assert_eq!(event.other["x"], json!([1]));
}

#[test]
fn a_wrong_signature_is_rejected() {
    let other_secret = headers(&signature("another-secret", TIMESTAMP, BODY), "1700000000");
    let mut flipped = PYTHON_SIGNATURE.to_owned();
    flipped.replace_range(3..4, "f"); // "v0=12ca.." -> "v0=f2ca.."
    for headers in [other_secret, headers(&flipped, "1700000000")] {
        let err = verifier()
            .verify(&headers, BODY, at(TIMESTAMP))
            .unwrap_err();
        assert!(matches!(err, WebhookError::SignatureMismatch), "{err:?}");
        assert!(err.is_unauthenticated());
    }
}

#[test]
fn a_tampered_body_or_timestamp_is_rejected() {
    let tampered = String::from_utf8(BODY.to_vec())
        .unwrap()
        .replace("Standup", "Standup!");
    let err = verifier()
        .verify(
            &headers(PYTHON_SIGNATURE, "1700000000"),
            tampered.as_bytes(),
            at(TIMESTAMP),
        )
        .unwrap_err();
    assert!(matches!(err, WebhookError::SignatureMismatch), "{err:?}");
    // The signature covers the timestamp: moving it to dodge the window breaks it.
    let err = verifier()
        .verify(
            &headers(PYTHON_SIGNATURE, "1700000999"),
            BODY,
            at(1_700_000_999),
        )
        .unwrap_err();
    assert!(matches!(err, WebhookError::SignatureMismatch), "{err:?}");
}

#[test]
fn stale_and_future_timestamps_are_rejected() {
    let verify = |now: u64| verifier().verify(&signed(BODY, TIMESTAMP), BODY, at(now));
    assert!(
        verify(TIMESTAMP + 300).is_ok(),
        "five minutes old is within the window"
    );
    assert!(
        verify(TIMESTAMP - 300).is_ok(),
        "five minutes ahead too (clock skew)"
    );
    let stale = verify(TIMESTAMP + 301).unwrap_err();
    assert!(
        matches!(
            stale,
            WebhookError::Stale {
                age_secs: 301,
                tolerance_secs: 300
            }
        ),
        "{stale:?}"
    );
    let future = verify(TIMESTAMP - 301).unwrap_err();
    assert!(
        matches!(
            future,
            WebhookError::FromTheFuture {
                ahead_secs: 301,
                ..
            }
        ),
        "{future:?}"
    );
    let strict = verifier().tolerance(Duration::from_secs(10));
    assert!(matches!(
        strict.verify(&signed(BODY, TIMESTAMP), BODY, at(TIMESTAMP + 11)),
        Err(WebhookError::Stale { .. })
    ));
}

#[test]
fn missing_or_malformed_headers_are_rejected() {
    let verify = |headers: &HeaderMap| verifier().verify(headers, BODY, at(TIMESTAMP)).unwrap_err();
    let mut only_timestamp = HeaderMap::new();
    only_timestamp.insert("x-zm-request-timestamp", "1700000000".parse().unwrap());
    let mut only_signature = HeaderMap::new();
    only_signature.insert("x-zm-signature", PYTHON_SIGNATURE.parse().unwrap());
    assert!(matches!(
        verify(&HeaderMap::new()),
        WebhookError::MissingHeader("x-zm-signature")
    ));
    assert!(matches!(
        verify(&only_timestamp),
        WebhookError::MissingHeader("x-zm-signature")
    ));
    assert!(matches!(
        verify(&only_signature),
        WebhookError::MissingHeader("x-zm-request-timestamp")
    ));
    assert!(matches!(
        verify(&headers(PYTHON_SIGNATURE, "yesterday")),
        WebhookError::MalformedTimestamp
    ));
    for bad in [
        "12cacad0",
        "v1=12cacad0b340e7cc9bc1c9ef8cd0e33d1f8a19b56a96ebf3f7b3965be17a61be",
        "v0=zz",
        "v0=12ca",
    ] {
        assert!(
            matches!(
                verify(&headers(bad, "1700000000")),
                WebhookError::MalformedSignature
            ),
            "{bad}"
        );
    }
}

#[test]
fn url_validation_is_answered_with_the_hmac_of_the_plain_token() {
    let body = br#"{"payload":{"plainToken":"qgg8vlvZRS6UYooatFL8Aw"},"event_ts":1654503849680,"event":"endpoint.url_validation"}"#;
    let verdict = verifier()
        .verify(&signed(body, TIMESTAMP), body, at(TIMESTAMP))
        .unwrap();
    assert_eq!(
        hmac_hex(SECRET, b"qgg8vlvZRS6UYooatFL8Aw"),
        PYTHON_ENCRYPTED
    );
    assert_eq!(
        verdict,
        Verdict::UrlValidation {
            response_body: json!({
                "plainToken": "qgg8vlvZRS6UYooatFL8Aw",
                "encryptedToken": PYTHON_ENCRYPTED,
            })
        }
    );
}

#[test]
fn url_validation_needs_a_signature_and_a_plain_token() {
    let body =
        br#"{"payload":{"plainToken":"abc"},"event_ts":1,"event":"endpoint.url_validation"}"#;
    let forged = headers(&signature("guess", TIMESTAMP, body), "1700000000");
    assert!(matches!(
        verifier().verify(&forged, body, at(TIMESTAMP)),
        Err(WebhookError::SignatureMismatch)
    ));
    let empty = br#"{"payload":{},"event_ts":1,"event":"endpoint.url_validation"}"#;
    let err = verifier()
        .verify(&signed(empty, TIMESTAMP), empty, at(TIMESTAMP))
        .unwrap_err();
    assert!(matches!(err, WebhookError::MissingPlainToken), "{err:?}");
    assert!(!err.is_unauthenticated());
}

#[test]
fn a_signed_body_that_is_not_an_event_is_a_body_error() {
    for body in [
        &b"not json"[..],
        br#"{"event":"x"}"#,
        br#"{"event_ts":1,"payload":{}}"#,
    ] {
        let err = verifier()
            .verify(&signed(body, TIMESTAMP), body, at(TIMESTAMP))
            .unwrap_err();
        assert!(matches!(err, WebhookError::Body(_)), "{err:?}");
        assert!(!err.is_unauthenticated());
    }
}

#[test]
fn any_framework_can_supply_headers_through_a_closure() {
    let pairs: HashMap<&str, String> = HashMap::from([
        ("x-zm-signature", PYTHON_SIGNATURE.to_owned()),
        ("x-zm-request-timestamp", "1700000000".to_owned()),
    ]);
    let lookup = |name: &str| pairs.get(name).cloned();
    assert!(matches!(
        verifier().verify(&lookup, BODY, at(TIMESTAMP)),
        Ok(Verdict::Event(_))
    ));
}

#[test]
fn the_verifier_and_its_errors_never_show_the_secret() {
    let verifier = verifier();
    let mut texts = vec![format!("{verifier:?} {verifier:#?}")];
    for headers in [HeaderMap::new(), headers("v0=00", "1"), signed(BODY, 1)] {
        let err = verifier.verify(&headers, BODY, at(TIMESTAMP)).unwrap_err();
        texts.push(format!("{err} {err:?}"));
    }
    for text in texts {
        assert!(!text.contains(SECRET), "{text}");
    }
}
