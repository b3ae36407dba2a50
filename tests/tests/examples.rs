//! Proof on real payloads: every JSON body saved in the Postman items under
//! `openapi/postman/` validates against its response schema in `openapi/zoom.json` (an
//! independent JSON Schema validator, formats checked) and deserializes into the generated
//! Rust type and serializes back to the same JSON (absent optional fields aside).

use std::collections::BTreeMap;
use std::marker::PhantomData;

use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::{Value, json};
use zoom_api::Operation;

use test_support::{json_schema, workspace};

type RoundTrip = fn(Value) -> Result<Value, String>;

/// Picks serde round-tripping for success types that have it, nothing for raw bodies.
struct Probe<T>(PhantomData<T>);

trait ViaSerde {
    fn round_trip(&self) -> Option<RoundTrip>;
}

impl<T: DeserializeOwned + Serialize> ViaSerde for Probe<T> {
    fn round_trip(&self) -> Option<RoundTrip> {
        Some(|value| {
            let typed: T = serde_json::from_value(value).map_err(|e| e.to_string())?;
            serde_json::to_value(&typed).map_err(|e| e.to_string())
        })
    }
}

// Chosen only for raw (`ByteStream`) success bodies, which the current items do not have.
#[allow(dead_code)]
trait NotSerde {
    fn round_trip(&self) -> Option<RoundTrip> {
        None
    }
}

impl<T> NotSerde for &Probe<T> {}

fn round_trips() -> BTreeMap<&'static str, Option<RoundTrip>> {
    let mut map = BTreeMap::new();
    macro_rules! register {
        ($builder:ident) => {
            let probe =
                Probe::<<zoom_api::builder::$builder<'static> as Operation>::Success>(PhantomData);
            map.insert(
                <zoom_api::builder::$builder<'static> as Operation>::DOC.id,
                (&probe).round_trip(),
            );
        };
    }
    zoom_api::for_each_operation!(register);
    map
}

/// Every stored item file (below `openapi/postman/`) with its JSON.
fn item_files() -> Vec<(String, Value)> {
    let source = xtask::store::load(&workspace().join("openapi/postman")).unwrap();
    source
        .items
        .into_iter()
        .map(|item| {
            let raw = item.raw.expect("the store keeps each item's JSON");
            (item.origin, serde_json::from_str(raw.get()).unwrap())
        })
        .collect()
}

/// The body as a typed struct writes it back: optional fields that hold nothing (null, an
/// empty list, an empty object) are left out, which is what "absent optional fields aside"
/// allows.
fn without_absent(value: Value) -> Value {
    let empty = |v: &Value| {
        v.is_null()
            || v.as_array().is_some_and(Vec::is_empty)
            || v.as_object().is_some_and(|o| o.is_empty())
    };
    match value {
        Value::Object(map) => Value::Object(
            map.into_iter()
                .map(|(k, v)| (k, without_absent(v)))
                .filter(|(_, v)| !empty(v))
                .collect(),
        ),
        Value::Array(items) => Value::Array(items.into_iter().map(without_absent).collect()),
        other => other,
    }
}

/// The response (status, schema) whose example is this body.
fn documented<'a>(operation: &'a Value, body: &Value) -> Option<(&'a str, &'a Value)> {
    let responses = operation["responses"].as_object()?;
    responses.iter().find_map(|(status, response)| {
        let content = response["content"].as_object()?;
        content.values().find_map(|media| {
            let listed = media.get("example") == Some(body)
                || media["examples"]
                    .as_object()
                    .is_some_and(|e| e.values().any(|x| x.get("value") == Some(body)));
            listed.then(|| (status.as_str(), &media["schema"]))
        })
    })
}

#[test]
fn every_saved_json_body_validates_and_round_trips() {
    let root = workspace();
    let spec: Value =
        serde_json::from_str(&std::fs::read_to_string(root.join("openapi/zoom.json")).unwrap())
            .unwrap();
    let schemas = json_schema(spec["components"]["schemas"].clone());
    let mut operations: BTreeMap<&str, &Value> = BTreeMap::new();
    for path in spec["paths"].as_object().unwrap().values() {
        for operation in path.as_object().unwrap().values() {
            operations.insert(operation["x-postman-item"].as_str().unwrap(), operation);
        }
    }
    let round_trips = round_trips();
    let items = item_files();

    let (mut total, mut valid, mut round_tripped) = (0, 0, 0);
    let mut dropped = Vec::new();
    let mut failures = Vec::new();
    for (file, item) in &items {
        let operation = operations[file.as_str()];
        let id = operation["operationId"].as_str().unwrap();
        for response in item["response"].as_array().into_iter().flatten() {
            let text = response["body"].as_str().unwrap_or_default();
            if text.trim().is_empty() {
                continue;
            }
            total += 1;
            let status = response["code"].as_u64().unwrap();
            let body: Value = serde_json::from_str(text).expect("saved bodies are JSON");
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
                Ok(back) if without_absent(back.clone()) == without_absent(body.clone()) => {
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
