//! What the cross-crate tests share: the spec, the stored items, each operation's success
//! type as a round trip, and JSON comparison as a typed client sees it.

#![allow(dead_code)]

use std::collections::BTreeMap;
use std::marker::PhantomData;

use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::Value;
use zoom_api::Operation;

use test_support::workspace;

/// JSON in, the generated type, JSON out.
pub type RoundTrip = fn(Value) -> Result<Value, String>;

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

/// Operation id -> its success type's round trip.
pub fn round_trips() -> BTreeMap<&'static str, Option<RoundTrip>> {
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

/// The checked-in spec.
pub fn spec() -> Value {
    serde_json::from_str(&std::fs::read_to_string(workspace().join("openapi/zoom.json")).unwrap())
        .unwrap()
}

/// Item file (below `openapi/postman/`) -> (identity, operation), from the spec.
pub fn operations(spec: &Value) -> BTreeMap<&str, (String, &Value)> {
    let mut out = BTreeMap::new();
    for (path, item) in spec["paths"].as_object().unwrap() {
        for (method, operation) in item.as_object().unwrap() {
            out.insert(
                operation["x-postman-item"].as_str().unwrap(),
                (format!("{} {path}", method.to_uppercase()), operation),
            );
        }
    }
    out
}

/// Every stored item file (below `openapi/postman/`) with its JSON.
pub fn item_files() -> Vec<(String, Value)> {
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
pub fn without_absent(value: Value) -> Value {
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

/// Equal as JSON values, where a number is a number: `2039` and `2039.0` (what an `f64`
/// field writes back) are the same value, as long as the float holds the integer exactly.
pub fn same(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Number(x), Value::Number(y)) => match (x.as_i64(), y.as_i64()) {
            (Some(i), Some(j)) => i == j,
            (Some(i), None) | (None, Some(i)) => {
                let float = if x.as_i64().is_some() { y } else { x };
                i.unsigned_abs() <= 1 << 53 && float.as_f64() == Some(i as f64)
            }
            (None, None) => x.as_f64() == y.as_f64(),
        },
        (Value::Array(x), Value::Array(y)) => {
            x.len() == y.len() && x.iter().zip(y).all(|(a, b)| same(a, b))
        }
        (Value::Object(x), Value::Object(y)) => {
            x.len() == y.len() && x.iter().all(|(k, v)| y.get(k).is_some_and(|w| same(v, w)))
        }
        _ => a == b,
    }
}

/// The response (status, schema) whose example is this body.
pub fn documented<'a>(operation: &'a Value, body: &Value) -> Option<(&'a str, &'a Value)> {
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

/// Every example the spec keeps for a success response: (operation id, status, body).
pub fn success_examples(spec: &Value) -> Vec<(String, String, Value)> {
    let mut out = Vec::new();
    for item in spec["paths"].as_object().unwrap().values() {
        for operation in item.as_object().unwrap().values() {
            let id = operation["operationId"].as_str().unwrap();
            for (status, response) in operation["responses"].as_object().unwrap() {
                if !status.starts_with('2') {
                    continue;
                }
                for media in response["content"].as_object().into_iter().flatten() {
                    let media = media.1;
                    let examples = media.get("example").into_iter().chain(
                        media["examples"]
                            .as_object()
                            .into_iter()
                            .flat_map(|e| e.values().filter_map(|x| x.get("value"))),
                    );
                    for example in examples {
                        out.push((id.to_owned(), status.clone(), example.clone()));
                    }
                }
            }
        }
    }
    out
}
