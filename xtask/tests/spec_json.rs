//! The spec is written by splicing stored operation JSON into the rest (`spec_json`); that
//! must give exactly what serde_json writes for the whole spec as one value.

mod common;

use std::path::Path;

use xtask::convert::{Conversion, convert};
use xtask::generate::ITEMS_DIR;

fn serde_pretty(conversion: &Conversion) -> String {
    let spec = conversion.to_openapi().unwrap();
    serde_json::to_string_pretty(&spec).unwrap() + "\n"
}

#[test]
fn the_whole_api_is_written_as_serde_json_writes_it() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let source = xtask::source::load(&root.join(ITEMS_DIR)).unwrap();
    assert!(source.items.len() >= 300, "the checked-in Zoom items");
    let conversion = convert(&source).unwrap();
    let spliced = conversion.to_json().unwrap();
    assert!(spliced == serde_pretty(&conversion), "spliced JSON differs");
    assert!(!spliced.contains("__shape_"), "a placeholder was left");
}

#[test]
fn joined_halves_are_written_as_serde_json_writes_them() {
    let conversion = convert(&common::synthetic_source(1_000)).unwrap();
    let spliced = conversion.to_json().unwrap();
    assert!(spliced == serde_pretty(&conversion), "spliced JSON differs");
    assert!(!spliced.contains("__shape_"), "a placeholder was left");
}

/// An example that looks like a placeholder reference is the user's text, not ours.
#[test]
fn examples_that_look_like_references_are_left_alone() {
    let item = serde_json::json!({
        "name": "Get a thing",
        "request": {"method": "GET", "url": "{{baseUrl}}/things/:id"},
        "response": [{
            "name": "**HTTP Status Code:** `200`",
            "code": 200,
            "body": "{\"$ref\": \"#/components/schemas/__shape_0\", \"links\": [{\"$ref\": \"#/components/schemas/__shape_1\"}]}"
        }]
    });
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("item.json");
    std::fs::write(&path, item.to_string()).unwrap();
    let conversion = convert(&xtask::inputs::read_source(&[path]).unwrap()).unwrap();
    let spec: serde_json::Value = serde_json::from_str(&conversion.to_json().unwrap()).unwrap();
    let example = &spec["paths"]["/things/{id}"]["get"]["responses"]["200"]["content"]["application/json"]
        ["example"];
    assert_eq!(example["$ref"], "#/components/schemas/__shape_0");
    assert_eq!(
        example["links"][0]["$ref"],
        "#/components/schemas/__shape_1"
    );
    // The schema inferred from that example does point at a real component.
    let schema = &spec["paths"]["/things/{id}"]["get"]["responses"]["200"]["content"]["application/json"]
        ["schema"]["$ref"];
    let name = schema.as_str().unwrap().rsplit('/').next().unwrap();
    assert!(spec["components"]["schemas"][name].is_object(), "{schema}");
}
