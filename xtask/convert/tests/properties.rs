//! Properties of the pure conversion: inference never loses a value an example carries (every
//! example, its placeholders read as values of the types they name, validates against the
//! schema inferred from it), and conversion is deterministic
//! (the same items in any order give byte-identical output).

use proptest::prelude::*;
use serde_json::{Value, json};
use test_support::{json_schema, workspace};
use zoom_convert::model::read;
use zoom_convert::{Source, convert};

fn leaf() -> impl Strategy<Value = Value> {
    prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::from),
        any::<i64>().prop_map(Value::from),
        (-1e9f64..1e9).prop_map(Value::from),
        "[a-zA-Z ]{0,6}".prop_map(Value::from),
        "[a-z]{1,5}@[a-z]{1,5}\\.com".prop_map(Value::from),
        "20[0-9]{2}-0[1-9]-1[0-9]T0[0-9]:[0-5][0-9]:00Z".prop_map(Value::from),
        "20[0-9]{2}-0[1-9]-1[0-9]".prop_map(Value::from),
        "https://[a-z]{1,8}\\.com/[a-z]{0,4}".prop_map(Value::from),
        // Type names and Postman's placeholders written where values belong.
        prop::sample::select(vec![
            json!("boolean"),
            json!("integer [int64]"),
            json!("double"),
            json!("string [date-time]"),
            json!("string [date]"),
            json!("string"),
            json!("<long>"),
            json!("<dateTime>"),
            json!("<Error: Too many levels of nesting to fake this schema>"),
            json!({"value": "<Error: Too many levels of nesting to fake this schema>"}),
        ]),
    ]
}

fn json_value() -> impl Strategy<Value = Value> {
    leaf().prop_recursive(4, 48, 6, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..5).prop_map(Value::Array),
            prop::collection::btree_map("[a-z_]{1,6}", inner, 0..6)
                .prop_map(|map| Value::Object(map.into_iter().collect())),
        ]
    })
}

/// Any value as a response body: the value of one field (a bare empty string would be no
/// body at all).
fn body(value: &Value) -> Value {
    json!({ "value": value })
}

/// A body as the spec keeps it: placeholders stand for values of the types they name.
fn realized(body: &Value) -> Value {
    let mut body = body.clone();
    zoom_convert::placeholder::realize(&mut body);
    body
}

/// The schema inferred from `examples` saved as one item's 200 responses, as one JSON Schema
/// document: the response's schema with the spec's components beside it.
fn inferred(examples: &[Value]) -> Value {
    let responses: Vec<Value> = examples
        .iter()
        .enumerate()
        .map(|(index, value)| {
            json!({"name": format!("Example {index}"), "code": 200, "body": body(value).to_string()})
        })
        .collect();
    let item = json!({
        "name": "Get the top",
        "request": {"method": "GET", "url": "{{baseUrl}}/top"},
        "response": responses,
    });
    let source =
        read::to_source(vec![read::read("item.json", &item.to_string()).unwrap()]).unwrap();
    let spec = serde_json::to_value(convert(&source).unwrap().spec).unwrap();
    let media = &spec["paths"]["/top"]["get"]["responses"]["200"]["content"]["application/json"];
    let mut document = json_schema(media["schema"].clone());
    document.as_object_mut().unwrap().insert(
        "components".into(),
        json!({"schemas": json_schema(spec["components"]["schemas"].clone())}),
    );
    document
}

fn validates(schema: &Value, value: &Value) -> Result<(), String> {
    let validator = jsonschema::draft7::options()
        .should_validate_formats(true)
        .build(schema)
        .map_err(|e| format!("schema does not build: {e}"))?;
    validator
        .validate(value)
        .map_err(|e| format!("{e}: {value} against {schema}"))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn an_example_validates_against_its_inferred_schema(value in json_value()) {
        let schema = inferred(std::slice::from_ref(&value));
        let value = realized(&body(&value));
        prop_assert!(validates(&schema, &value).is_ok(), "{:?}", validates(&schema, &value));
    }

    #[test]
    fn merged_examples_all_validate(a in json_value(), b in json_value()) {
        let schema = inferred(&[a.clone(), b.clone()]);
        let (a, b) = (realized(&body(&a)), realized(&body(&b)));
        prop_assert!(validates(&schema, &a).is_ok(), "{:?}", validates(&schema, &a));
        prop_assert!(validates(&schema, &b).is_ok(), "{:?}", validates(&schema, &b));
    }
}

fn fixture_source() -> Source {
    let data = workspace().join("xtask/tests/data");
    let inputs = [
        "small_collection.json",
        "seeds/past_meeting_details.txt",
        "seeds/live_stream_details.txt",
    ]
    .into_iter()
    .map(|name| {
        let path = data.join(name);
        read::read(name, &std::fs::read_to_string(path).unwrap()).unwrap()
    })
    .collect();
    read::to_source(inputs).unwrap()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(24))]

    #[test]
    fn conversion_ignores_item_order(seed in any::<u64>()) {
        let source = fixture_source();
        let baseline = convert(&source).unwrap().to_json().unwrap();
        let mut shuffled = fixture_source();
        let mut rng = seed;
        // Fisher-Yates with a xorshift stream: any permutation, reproducible from the seed.
        for i in (1..shuffled.items.len()).rev() {
            rng ^= rng << 13;
            rng ^= rng >> 7;
            rng ^= rng << 17;
            shuffled.items.swap(i, (rng % (i as u64 + 1)) as usize);
        }
        let output = convert(&shuffled).unwrap().to_json().unwrap();
        prop_assert!(output == baseline, "item order changed the spec");
    }
}
