//! Proof on real payloads: every JSON body saved in the Postman items under
//! `openapi/postman/` validates against its response schema in `openapi/zoom.json` (an
//! independent JSON Schema validator, formats checked) and deserializes into the generated
//! Rust type and serializes back to the same JSON (absent optional fields aside, whole
//! numbers in `f64` fields written as `2039.0`). A body is taken as the spec documents it:
//! type names written as values (`"boolean"`) stand for a value of that type, and values an
//! override in `openapi/overrides.json` corrects (`"page_count": "1"`) are corrected.

mod common;

use serde_json::{Value, json};

use common::{documented, item_files, operations, round_trips, same, spec, without_absent};
use test_support::{json_schema, workspace};

#[test]
fn every_saved_json_body_validates_and_round_trips() {
    let spec = spec();
    let overrides = xtask::generate::overrides(&workspace()).unwrap();
    let schemas = json_schema(spec["components"]["schemas"].clone());
    let operations = operations(&spec);
    let round_trips = round_trips();
    let items = item_files();

    let (mut total, mut valid, mut round_tripped) = (0, 0, 0);
    let mut dropped = Vec::new();
    let mut failures = Vec::new();
    for (file, item) in &items {
        let (identity, operation) = &operations[file.as_str()];
        let id = operation["operationId"].as_str().unwrap();
        for response in item["response"].as_array().into_iter().flatten() {
            let text = response["body"].as_str().unwrap_or_default();
            if text.trim().is_empty() {
                continue;
            }
            total += 1;
            let status = response["code"].as_u64().unwrap();
            let mut body: Value = serde_json::from_str(text).expect("saved bodies are JSON");
            zoom_convert::placeholder::realize(&mut body);
            if status / 100 == 2 {
                overrides.correct_example(identity, &mut body);
            }
            let Some((documented_status, schema)) = documented(operation, &body) else {
                // A rule left this body out; prove the spec says why.
                let responses = &operation["responses"];
                let no_content = status == 204
                    && responses
                        .get("204")
                        .is_some_and(|r| r.get("content").is_none());
                let moved = responses["400"]["x-zoom-error-codes"]
                    .as_array()
                    .is_some_and(|codes| codes.iter().any(|c| c["documented_status"] == status));
                assert!(
                    no_content || moved,
                    "{file}: the {status} body is neither documented nor explained by a rule"
                );
                dropped.push(format!(
                    "{id} {status} {}",
                    if body == json!({}) || body == json!("") {
                        "(empty)"
                    } else {
                        "(placeholder)"
                    }
                ));
                continue;
            };
            let mut root_schema = json!({"components": {"schemas": schemas.clone()}});
            let schema = json_schema(schema.clone());
            root_schema
                .as_object_mut()
                .unwrap()
                .extend(schema.as_object().unwrap().clone());
            let validator = jsonschema::draft7::options()
                .should_validate_formats(true)
                .build(&root_schema)
                .unwrap_or_else(|e| panic!("{id} {documented_status}: schema does not build: {e}"));
            match validator.validate(&body) {
                Ok(()) => valid += 1,
                Err(e) => failures.push(format!("{id} {documented_status}: invalid: {e}")),
            }
            let is_error = !documented_status.starts_with('2');
            let converted = if is_error {
                serde_json::from_value::<zoom_api::types::ZoomErrorBody>(body.clone())
                    .and_then(serde_json::to_value)
                    .map_err(|e| e.to_string())
            } else {
                match round_trips[id] {
                    Some(round_trip) => round_trip(body.clone()),
                    None => Err("the success type is not JSON".into()),
                }
            };
            match converted {
                Ok(back) if same(&without_absent(back.clone()), &without_absent(body.clone())) => {
                    round_tripped += 1
                }
                Ok(back) => failures.push(format!(
                    "{id} {documented_status}: round trip changed {body} into {back}"
                )),
                Err(e) => failures.push(format!(
                    "{id} {documented_status}: does not deserialize: {e}"
                )),
            }
        }
    }
    let kept = total - dropped.len();
    println!(
        "examples: {valid}/{total} validate, {round_tripped}/{total} round-trip, {} of {total} left out by rules (bodies on 204, Zoom error codes saved as statuses)",
        dropped.len()
    );
    for line in &dropped {
        println!("  left out: {line}");
    }
    assert!(
        failures.is_empty(),
        "{} failures:\n{}",
        failures.len(),
        failures.join("\n")
    );
    assert_eq!(valid, kept);
    assert_eq!(round_tripped, kept);
    assert!(
        total >= 244,
        "the collection holds 244 JSON bodies, found {total}"
    );
}
