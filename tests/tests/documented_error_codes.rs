//! Every Zoom error code the Postman items mention in a response name reaches zoom-ext's
//! decoding: it is in the generated operation docs for that operation, and an error body
//! carrying it decodes with its documented meaning.

use std::collections::BTreeSet;

use bytes::Bytes;
use regex::Regex;
use reqwest::StatusCode;
use reqwest::header::HeaderMap;
use zoom_ext::ApiError;

#[test]
fn every_mentioned_code_decodes_with_its_documented_meaning() {
    let root = test_support::workspace().join("openapi");
    let spec: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(root.join("zoom.json")).unwrap()).unwrap();
    let mut by_file = std::collections::BTreeMap::new();
    for path in spec["paths"].as_object().unwrap().values() {
        for operation in path.as_object().unwrap().values() {
            by_file.insert(
                operation["x-postman-item"].as_str().unwrap().to_owned(),
                operation["operationId"].as_str().unwrap().to_owned(),
            );
        }
    }
    // Written independently of the converter's parser: a marker, then a whole code.
    let mention = Regex::new(r"Error [Cc]ode(?::\*\*|\*\*:)\s*`(\d+)`").unwrap();
    let source = xtask::store::load(&root.join("postman")).unwrap();
    let (mut mentions, mut distinct) = (0, BTreeSet::new());
    for stored in source.items {
        let item: serde_json::Value =
            serde_json::from_str(stored.raw.expect("the store keeps the JSON").get()).unwrap();
        let id = &by_file[&stored.origin];
        let doc = zoom_api::operations::find(id).expect("every operation has docs");
        for response in item["response"].as_array().into_iter().flatten() {
            let name = response["name"].as_str().unwrap_or_default();
            let status = response["code"].as_u64().unwrap() as u16;
            for found in mention.captures_iter(name) {
                let code: i64 = found[1].parse().unwrap();
                mentions += 1;
                distinct.insert(code);
                let entry = doc
                    .error_code(status, code)
                    .unwrap_or_else(|| panic!("{id}: code {code} ({status}) is not documented"));
                // Filed under the status it was saved with, or under 400 when the docs used
                // the code as a status.
                assert!(
                    entry.status == status || entry.status == 400,
                    "{id}: code {code} filed under {}",
                    entry.status
                );
                let body = Bytes::from(format!(r#"{{"code":{code},"message":"from the server"}}"#));
                let decoded = ApiError::from_parts(
                    doc,
                    StatusCode::from_u16(entry.status).unwrap(),
                    HeaderMap::new(),
                    body,
                );
                assert_eq!(decoded.code, Some(code));
                assert_eq!(decoded.documented, Some(entry.message), "{id}: code {code}");
            }
        }
    }
    println!(
        "error codes: {mentions} mentions, {} distinct, all decoded",
        distinct.len()
    );
    assert!(
        mentions >= 576,
        "the collection mentions 576 codes, found {mentions}"
    );
    assert!(
        distinct.len() >= 53,
        "53 distinct codes expected, found {}",
        distinct.len()
    );
}
