//! Properties of the pure conversion: inference never loses a value an example carries (every
//! example validates against the schema inferred from it), and conversion is deterministic
//! (the same items in any order give byte-identical output).

mod common;

use std::collections::HashMap;

use common::json_schema::json_schema;
use proptest::prelude::*;
use serde_json::{Value, json};
use xtask::infer::Shaped;
use xtask::schema::{Components, NamePath, rewrite_references};

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

/// The schema inferred from `examples`, as one JSON Schema document.
fn inferred(examples: &[Value]) -> Value {
    let shaped = examples
        .iter()
        .map(Shaped::of)
        .reduce(Shaped::merge)
        .unwrap();
    let mut components = Components::default();
    let top = components.schema_for(&shaped, &NamePath::root("TopResponse"));
    let named = components.finish();
    let references: HashMap<String, String> = named.references;
    let mut root = serde_json::to_value(top).unwrap();
    let mut schemas = serde_json::to_value(&named.schemas).unwrap();
    rewrite_references(&mut root, &references);
    rewrite_references(&mut schemas, &references);
    let mut document = json_schema(root);
    let object = document.as_object_mut().unwrap();
    object.insert(
        "components".into(),
        json!({"schemas": json_schema(schemas)}),
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
        prop_assert!(validates(&schema, &value).is_ok(), "{:?}", validates(&schema, &value));
    }

    #[test]
    fn merged_examples_all_validate(a in json_value(), b in json_value()) {
        let schema = inferred(&[a.clone(), b.clone()]);
        prop_assert!(validates(&schema, &a).is_ok(), "{:?}", validates(&schema, &a));
        prop_assert!(validates(&schema, &b).is_ok(), "{:?}", validates(&schema, &b));
    }
}

fn fixture_source() -> xtask::source::Source {
    let inputs = [common::data("small_collection.json")]
        .into_iter()
        .chain(common::seeds())
        .map(|p| xtask::inputs::read_input(&p).unwrap())
        .collect::<Vec<_>>();
    xtask::inputs::to_source(&inputs).unwrap()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(24))]

    #[test]
    fn conversion_ignores_item_order(seed in any::<u64>()) {
        let source = fixture_source();
        let baseline = xtask::convert::convert(&source).unwrap().to_json().unwrap();
        let mut shuffled = fixture_source();
        let mut rng = seed;
        // Fisher-Yates with a xorshift stream: any permutation, reproducible from the seed.
        for i in (1..shuffled.items.len()).rev() {
            rng ^= rng << 13;
            rng ^= rng >> 7;
            rng ^= rng << 17;
            shuffled.items.swap(i, (rng % (i as u64 + 1)) as usize);
        }
        let output = xtask::convert::convert(&shuffled).unwrap().to_json().unwrap();
        prop_assert!(output == baseline, "item order changed the spec");
    }
}

#[test]
fn two_threads_give_the_same_spec_as_one() {
    let source = common::synthetic_source(1_000);
    assert_eq!(source.items.len(), 1_000, "large enough for two threads");
    let parallel = xtask::convert::convert(&source).unwrap();
    let sequential = xtask::convert::convert_in_one_thread(&source).unwrap();
    assert_eq!(
        parallel.report.shared_schemas,
        sequential.report.shared_schemas
    );
    let parallel = parallel.to_json().unwrap();
    let sequential = sequential.to_json().unwrap();
    assert!(parallel == sequential, "the halves joined differently");
}
