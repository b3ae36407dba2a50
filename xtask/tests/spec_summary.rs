//! One line per operation of the checked-in spec, snapshotted: a change to any item or to
//! the converter shows up as a readable diff line.

use std::fmt::Write;

use serde_json::Value;
use xtask::workspace::SPEC_FILE;

fn schema_name(schema: &Value) -> String {
    if let Some(reference) = schema["$ref"].as_str() {
        return reference.rsplit('/').next().unwrap().to_owned();
    }
    match schema["type"].as_str() {
        Some("array") => format!("[{}]", schema_name(&schema["items"])),
        Some(kind) => kind.to_owned(),
        None if schema.as_object().is_some_and(|o| o.is_empty()) => "any".to_owned(),
        None => "composite".to_owned(),
    }
}

fn summary(spec: &Value) -> String {
    let mut out = String::new();
    for (path, item) in spec["paths"].as_object().unwrap() {
        for (method, op) in item.as_object().unwrap() {
            let params: Vec<String> = op["parameters"]
                .as_array()
                .into_iter()
                .flatten()
                .map(|p| {
                    let required = if p["required"] == true { "!" } else { "" };
                    format!(
                        "{}:{}{}",
                        p["name"].as_str().unwrap(),
                        schema_name(&p["schema"]),
                        required
                    )
                })
                .collect();
            let body = op["requestBody"]["content"]
                .as_object()
                .and_then(|c| c.iter().next())
                .map(|(media, m)| format!("{media} {}", schema_name(&m["schema"])))
                .unwrap_or_else(|| "-".into());
            let responses: Vec<String> = op["responses"]
                .as_object()
                .unwrap()
                .iter()
                .map(|(status, r)| {
                    let kind = r["content"]
                        .as_object()
                        .and_then(|c| c.iter().next())
                        .map(|(media, m)| format!(" {media} {}", schema_name(&m["schema"])))
                        .unwrap_or_default();
                    let codes: Vec<String> = r["x-zoom-error-codes"]
                        .as_array()
                        .into_iter()
                        .flatten()
                        .map(|c| c["code"].to_string())
                        .collect();
                    let codes = if codes.is_empty() {
                        String::new()
                    } else {
                        format!(" [{}]", codes.join(","))
                    };
                    format!("{status}{kind}{codes}")
                })
                .collect();
            writeln!(
                out,
                "{} {} {} ({}) body: {} -> {}",
                method.to_uppercase(),
                path,
                op["operationId"].as_str().unwrap(),
                params.join(", "),
                body,
                responses.join("; ")
            )
            .unwrap();
        }
    }
    out
}

#[test]
fn spec_summary() {
    let text = std::fs::read_to_string(test_support::workspace().join(SPEC_FILE)).unwrap();
    let spec: Value = serde_json::from_str(&text).unwrap();
    insta::assert_snapshot!("spec_summary", summary(&spec));
}
