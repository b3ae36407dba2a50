//! OpenAPI 3.0 schemas as JSON Schema, for validating examples with the `jsonschema` crate.
//! Shared by the property tests of the conversion and the example tests of zoom-api.

use serde_json::{Value, json};

/// OpenAPI 3.0's `nullable` in JSON Schema terms: `type` gains `"null"`, or a schema without
/// a type (a `$ref` wrapper) becomes `anyOf` null or itself.
pub fn json_schema(mut schema: Value) -> Value {
    fn walk(value: &mut Value) {
        match value {
            Value::Object(map) => {
                map.values_mut().for_each(walk);
                if map.remove("nullable") == Some(Value::Bool(true)) {
                    if let Some(kind) = map.get("type").cloned() {
                        map.insert("type".into(), json!([kind, "null"]));
                    } else if !map.is_empty() {
                        let inner = Value::Object(std::mem::take(map));
                        map.insert("anyOf".into(), json!([{"type": "null"}, inner]));
                    }
                }
            }
            Value::Array(items) => items.iter_mut().for_each(walk),
            _ => {}
        }
    }
    walk(&mut schema);
    schema
}
