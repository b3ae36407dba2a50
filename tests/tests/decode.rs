//! What Zoom really sends decodes, and nothing of it is lost:
//! - bodies whose docs wrote type names instead of values (`"share_rc": "boolean"`) decode
//!   once real values of those types stand in them (values chosen here, not by the converter);
//! - every operation's examples, with fields no example shows added at every object level
//!   and enum-like values Zoom may add later, decode and encode back unchanged;
//! - no response type has a closed enum, and every response object keeps unknown fields,
//!   while request objects stay plain.

mod common;

use std::collections::{BTreeMap, BTreeSet};

use regex::Regex;
use serde_json::{Value, json};

use common::{
    documented, item_files, operations, round_trips, same, spec, success_examples, without_absent,
};
use test_support::workspace;

/// A real value of the type a placeholder names: what Zoom would send there.
fn real_value(text: &str) -> Option<Value> {
    let zoom = Regex::new(
        r"^(boolean|integer|long|number|double|float|string|array|object)(?: \[([a-z0-9-]+)\])?$",
    )
    .unwrap();
    let postman = Regex::new(r"^<([A-Za-z]+)(?:-([a-z0-9-]+))?>$").unwrap();
    let (name, format) = if let Some(c) = zoom.captures(text) {
        (c[1].to_owned(), c.get(2).map(|m| m.as_str().to_owned()))
    } else if let Some(c) = postman.captures(text) {
        (
            c[1].to_ascii_lowercase(),
            c.get(2).map(|m| m.as_str().to_owned()),
        )
    } else {
        return None;
    };
    Some(match (name.as_str(), format.as_deref()) {
        ("boolean", _) => json!(false),
        // Beyond 2^53: an f64 field would not give it back.
        ("integer" | "long", Some("int64")) | ("long", None) => json!(9_007_199_254_740_993_i64),
        ("integer", _) => json!(7),
        ("number" | "double" | "float", _) => json!(1.5),
        ("string", Some("date-time")) | ("datetime", None) => json!("2022-03-04T05:06:07Z"),
        ("string", Some("date")) | ("date", None) => json!("2022-03-04"),
        ("string", Some("email")) | ("email", None) => json!("jill@example.com"),
        ("string", Some("uri" | "url")) | ("uri" | "url", None) => json!("https://zoom.us/j/1"),
        // Zoom's "uuid" is its base64 meeting UUID.
        ("string", Some("uuid")) | ("uuid", None) => json!("aDYlohsHRtCd4ii1uC2+hA=="),
        ("string", _) => json!("a value Zoom sent"),
        ("array", _) => json!([]),
        ("object", _) => json!({}),
        _ => return None,
    })
}

/// `value` with every placeholder replaced by a real value; how many there were.
fn with_real_values(value: &Value) -> (Value, usize) {
    match value {
        Value::String(text) => match real_value(text) {
            Some(real) => (real, 1),
            None => (value.clone(), 0),
        },
        // Postman's "could not fake this schema": Zoom sends an object there.
        Value::Object(map)
            if map.len() == 1
                && map
                    .get("value")
                    .and_then(Value::as_str)
                    .is_some_and(|s| s.starts_with("<Error")) =>
        {
            (json!({"enable": true}), 1)
        }
        Value::Object(map) => {
            let mut count = 0;
            let map = map
                .iter()
                .map(|(k, v)| {
                    let (v, n) = with_real_values(v);
                    count += n;
                    (k.clone(), v)
                })
                .collect();
            (Value::Object(map), count)
        }
        Value::Array(items) => {
            let mut count = 0;
            let items = items
                .iter()
                .map(|v| {
                    let (v, n) = with_real_values(v);
                    count += n;
                    v
                })
                .collect();
            (Value::Array(items), count)
        }
        other => (other.clone(), 0),
    }
}

#[test]
fn bodies_that_name_types_decode_with_real_values_of_those_types() {
    let spec = spec();
    let operations = operations(&spec);
    let overrides = xtask::generate::overrides(&workspace()).unwrap();
    let round_trips = round_trips();
    let (mut bodies, mut values, mut left_out) = (0, 0, Vec::new());
    let mut failures = Vec::new();
    for (file, item) in item_files() {
        let (identity, operation) = &operations[file.as_str()];
        let id = operation["operationId"].as_str().unwrap();
        for response in item["response"].as_array().into_iter().flatten() {
            let Ok(saved) = serde_json::from_str::<Value>(response["body"].as_str().unwrap_or(""))
            else {
                continue;
            };
            let (mut real, count) = with_real_values(&saved);
            if count == 0 {
                continue;
            }
            let mut as_documented = saved.clone();
            zoom_convert::placeholder::realize(&mut as_documented);
            overrides.correct_example(identity, &mut as_documented);
            match documented(operation, &as_documented) {
                Some((status, _)) if status.starts_with('2') => {}
                _ => {
                    left_out.push(format!("{id} {}", response["code"]));
                    continue;
                }
            }
            overrides.correct_example(identity, &mut real);
            bodies += 1;
            values += count;
            let round_trip = round_trips[id].expect("JSON success type");
            match round_trip(real.clone()) {
                Ok(back) if same(&without_absent(back.clone()), &without_absent(real.clone())) => {}
                Ok(back) => failures.push(format!("{id}: {real} came back as {back}")),
                Err(e) => failures.push(format!("{id}: {e}")),
            }
        }
    }
    println!(
        "placeholder bodies: {bodies} decode with {values} real values; left out by rules: {left_out:?}"
    );
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    // 31 bodies name types; the one on a 204 ("Update options") is no body at all.
    assert_eq!((bodies, left_out.len()), (30, 1), "{left_out:?}");
    assert!(values > 300, "{values}");
}

/// A field no example shows, as Zoom adds them.
fn unknown_field() -> Value {
    json!({"since": "2024", "values": [1, 2.5, "three", null, {"deep": true}]})
}

/// `value` with an unknown field in every object and each enum-like value (a plain string,
/// a whole number) replaced by one the docs never listed.
fn as_zoom_sends_later(value: &Value) -> Value {
    match value {
        Value::Object(map) => {
            let mut map: serde_json::Map<String, Value> = map
                .iter()
                .map(|(k, v)| (k.clone(), as_zoom_sends_later(v)))
                .collect();
            map.insert("zoom_added_later".into(), unknown_field());
            Value::Object(map)
        }
        Value::Array(items) => Value::Array(items.iter().map(as_zoom_sends_later).collect()),
        Value::String(text) if plain_text(text) => json!("a_value_zoom_added_later"),
        Value::Number(n) if n.is_i64() => json!(424_242),
        other => other.clone(),
    }
}

/// Text that no string format could be checking.
fn plain_text(text: &str) -> bool {
    let formatted = Regex::new(r"^\d{4}-\d{2}-\d{2}|@|^https?:").unwrap();
    !formatted.is_match(text)
}

#[test]
fn unknown_fields_and_new_enum_values_survive_every_operation() {
    let spec = spec();
    let round_trips = round_trips();
    let mut operations = BTreeSet::new();
    let mut failures = Vec::new();
    let examples = success_examples(&spec);
    for (id, status, example) in &examples {
        let sent = as_zoom_sends_later(example);
        let round_trip = round_trips[id.as_str()].expect("JSON success type");
        match round_trip(sent.clone()) {
            Ok(back) if same(&without_absent(back.clone()), &without_absent(sent.clone())) => {
                operations.insert(id.clone());
            }
            Ok(back) => failures.push(format!("{id} {status}: {sent}\n  came back as {back}")),
            Err(e) => failures.push(format!("{id} {status}: {e}")),
        }
    }
    println!(
        "unknown fields: {} examples of {} operations keep every field",
        examples.len(),
        operations.len()
    );
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    assert!(examples.len() >= 200, "{}", examples.len());
}

#[test]
fn a_field_zoom_adds_is_reachable_by_name() {
    let body = json!({"id": 535548971, "topic": "My Meeting", "breakout_rooms": {"count": 2}});
    let meeting: zoom_api::types::PastMeetingDetailsResponse =
        serde_json::from_value(body.clone()).unwrap();
    assert_eq!(meeting.topic.as_deref(), Some("My Meeting"));
    assert_eq!(meeting.extra["breakout_rooms"], json!({"count": 2}));
    assert_eq!(serde_json::to_value(&meeting).unwrap(), body);
}

/// The schemas a schema uses, through references, by component name.
fn reachable<'a>(schemas: &'a Value, schema: &'a Value, seen: &mut BTreeSet<&'a str>) {
    match schema {
        Value::Object(map) => {
            if let Some(reference) = map.get("$ref").and_then(Value::as_str) {
                let name = reference.trim_start_matches("#/components/schemas/");
                if seen.insert(name) {
                    reachable(schemas, &schemas[name], seen);
                }
            }
            map.values().for_each(|v| reachable(schemas, v, seen));
        }
        Value::Array(items) => items.iter().for_each(|v| reachable(schemas, v, seen)),
        _ => {}
    }
}

/// Every object schema inside `schema` (not through references), with its place.
fn objects<'a>(schema: &'a Value, at: String, out: &mut Vec<(String, &'a Value)>) {
    if let Value::Object(map) = schema {
        if map.get("type") == Some(&json!("object")) || map.contains_key("properties") {
            out.push((at.clone(), schema));
        }
        for (key, value) in map {
            if key == "example" || key == "examples" {
                continue;
            }
            match value {
                Value::Array(items) => items
                    .iter()
                    .for_each(|v| objects(v, format!("{at}/{key}"), out)),
                _ => objects(value, format!("{at}/{key}"), out),
            }
        }
    }
}

#[test]
fn response_types_have_no_closed_enums_and_keep_unknown_fields_requests_stay_plain() {
    let spec = spec();
    let schemas = &spec["components"]["schemas"];
    let (mut responses, mut requests) = (BTreeSet::new(), BTreeSet::new());
    let mut inline: BTreeMap<String, &Value> = BTreeMap::new();
    for (path, item) in spec["paths"].as_object().unwrap() {
        for (method, operation) in item.as_object().unwrap() {
            for (status, response) in operation["responses"].as_object().unwrap() {
                for media in response["content"].as_object().into_iter().flatten() {
                    reachable(schemas, &media.1["schema"], &mut responses);
                    inline.insert(format!("{method} {path} {status}"), &media.1["schema"]);
                }
            }
            for media in operation["requestBody"]["content"]
                .as_object()
                .into_iter()
                .flatten()
            {
                reachable(schemas, &media.1["schema"], &mut requests);
            }
        }
    }
    assert!(responses.len() > 200, "{}", responses.len());
    let shared: Vec<_> = responses.intersection(&requests).collect();
    assert!(
        shared.is_empty(),
        "request and response types are apart: {shared:?}"
    );
    let text = |v: &Value| serde_json::to_string(v).unwrap();
    for name in &responses {
        let schema = &schemas[*name];
        assert!(!text(schema).contains("\"enum\""), "{name} has an enum");
        let mut found = Vec::new();
        objects(schema, name.to_string(), &mut found);
        for (at, object) in found {
            let keeps = object["additionalProperties"] == json!({})
                || object["additionalProperties"] == json!(true);
            assert!(keeps, "{at} drops unknown fields: {object}");
        }
    }
    for (at, schema) in inline {
        assert!(!text(schema).contains("\"enum\""), "{at} has an enum");
    }
    for name in &requests {
        assert_ne!(
            schemas[*name]["additionalProperties"],
            json!({}),
            "{name}: request types have no extra map to fill"
        );
    }
}
