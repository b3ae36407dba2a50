//! Whether a spec is a structurally valid OpenAPI 3.0 document: the OpenAPI Initiative's own
//! JSON Schema for 3.0 (`data/openapi-3.0-schema.json`, Apache-2.0, as
//! openapi-spec-validator ships it), so tests catch what a validator would (`responses: {}`,
//! a parameter declared twice) without leaving cargo.

use std::sync::LazyLock;

use serde_json::Value;

static VALIDATOR: LazyLock<jsonschema::Validator> = LazyLock::new(|| {
    let schema: Value = serde_json::from_str(include_str!("../data/openapi-3.0-schema.json"))
        .expect("the OpenAPI 3.0 schema is JSON");
    jsonschema::draft4::new(&schema).expect("the OpenAPI 3.0 schema compiles")
});

/// What makes `spec` no valid OpenAPI 3.0 document, one line each (empty when valid).
pub fn openapi_errors(spec: &Value) -> Vec<String> {
    VALIDATOR
        .iter_errors(spec)
        .map(|error| format!("{}: {error}", error.instance_path()))
        .collect()
}
