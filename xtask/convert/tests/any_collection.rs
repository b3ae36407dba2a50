//! Any collection Postman opens converts to a valid OpenAPI 3.0 spec: one small hand-made
//! collection per shape real exports contain (`tests/data/shapes/`), each checked against
//! the OpenAPI 3.0 schema and for what it should become. What OpenAPI cannot express is a
//! rule of the report or an item left out and named, never a refusal of the whole file.

use serde_json::{Value, json};
use test_support::openapi_errors;
use zoom_convert::model::read;
use zoom_convert::{Conversion, Rule, convert};

fn convert_text(label: &str, text: &str) -> (Value, Conversion) {
    let input = read::read(label, text).unwrap_or_else(|e| panic!("{label}: {e:#}"));
    let source = read::to_source(vec![input]).unwrap();
    let conversion = convert(&source).unwrap_or_else(|e| panic!("{label}: {e:#}"));
    let spec: Value = serde_json::from_str(&conversion.to_json().unwrap()).unwrap();
    let errors = openapi_errors(&spec);
    assert!(
        errors.is_empty(),
        "{label} is no valid OpenAPI 3.0:\n{}",
        errors.join("\n")
    );
    (spec, conversion)
}

fn shape(name: &str) -> (Value, Conversion) {
    let path = format!("{}/tests/data/shapes/{name}", env!("CARGO_MANIFEST_DIR"));
    convert_text(name, &std::fs::read_to_string(&path).unwrap())
}

fn rule(conversion: &Conversion, rule: Rule) -> usize {
    conversion
        .report
        .rules
        .get(&rule)
        .map_or(0, |ops| ops.len())
}

#[test]
fn ids_beside_keys_are_read() {
    let (spec, _) = shape("id_and_key.json");
    let parameter = &spec["paths"]["/users/{userId}"]["get"]["parameters"][0];
    assert_eq!(parameter["name"], "userId");
    assert_eq!(parameter["description"], "The user.");
    assert_eq!(
        spec["servers"],
        json!([{"url": "https://api.example.com/v1"}])
    );
    // The auth settings' `id` beside `key` too; an API key is a scheme of its own.
    assert_eq!(
        spec["components"]["securitySchemes"]["apiKey"],
        json!({"type": "apiKey", "in": "header", "name": "X-Key"})
    );
    assert_eq!(spec["security"], json!([{"apiKey": []}]));
}

#[test]
fn headers_in_every_form_are_read_and_repeated_ones_declared_once() {
    let (spec, _) = shape("header_forms.json");
    let names = |path: &str| -> Vec<Value> {
        spec["paths"][path]["get"]["parameters"]
            .as_array()
            .map(|p| p.iter().map(|p| p["name"].clone()).collect())
            .unwrap_or_default()
    };
    assert_eq!(names("/a"), [json!("X-One"), json!("X-Two")]);
    assert!(names("/b").is_empty());
    assert_eq!(names("/c"), [json!("Prefer")]);
    let b = &spec["paths"]["/b"]["get"]["responses"]["200"]["content"]["application/json"];
    assert_eq!(b["example"], json!({"b": 2}));
}

#[test]
fn collection_v2_0_strings_are_requests() {
    let (spec, _) = shape("v2_0_strings.json");
    assert!(spec["paths"]["/status/200"]["get"].is_object());
    assert!(spec["paths"]["/get"]["get"].is_object());
    assert_eq!(spec["info"]["version"], "2.1.0");
    assert_eq!(spec["servers"], json!([{"url": "http://echo.example.com"}]));
}

#[test]
fn responses_without_code_take_their_text_or_name_or_200() {
    let (spec, conversion) = shape("no_code.json");
    let created = &spec["paths"]["/apis"]["post"]["responses"];
    assert!(
        created["200"]["content"]["application/json"].is_object(),
        "{created}"
    );
    let deleted = spec["paths"]["/apis/{id}"]["delete"]["responses"]
        .as_object()
        .unwrap();
    // "Something else" says nothing and a success exists: it is left out.
    assert_eq!(deleted.keys().collect::<Vec<_>>(), ["204", "404"]);
    assert_eq!(rule(&conversion, Rule::MissingStatusCode), 2);
}

#[test]
fn custom_methods_are_reported_and_left_out() {
    let (spec, conversion) = shape("custom_method.json");
    assert_eq!(
        spec["paths"]
            .as_object()
            .unwrap()
            .keys()
            .collect::<Vec<_>>(),
        ["/purge_all"]
    );
    let [skipped] = &conversion.report.skipped[..] else {
        panic!("{:?}", conversion.report.skipped)
    };
    assert!(
        skipped
            .message
            .contains("custom_method.json > 'Purging' > 'Purge a URL'")
            && skipped.message.contains("custom HTTP method 'PURGE'"),
        "{}",
        skipped.message
    );
}

#[test]
fn variables_in_and_around_segments_are_path_parameters() {
    let (spec, conversion) = shape("path_variables.json");
    let paths: Vec<&String> = spec["paths"].as_object().unwrap().keys().collect();
    assert_eq!(
        paths,
        [
            "/compare/{base}...{head}",
            "/profiles/{id}/directors",
            "/rpc/{site_id}",
            "/v{version}/things",
            "/{method}/{hello_var}",
        ]
    );
    assert_eq!(rule(&conversion, Rule::PathVariableRenamed), 2);
    let compare = &spec["paths"]["/compare/{base}...{head}"]["get"]["parameters"];
    assert_eq!(compare[0]["name"], "base");
    assert_eq!(compare[1]["name"], "head");
}

#[test]
fn graphql_is_a_json_body_of_query_and_variables() {
    let (spec, conversion) = shape("graphql.json");
    let body = &spec["paths"]["/graphql"]["post"]["requestBody"]["content"]["application/json"];
    assert_eq!(body["schema"]["required"], json!(["query"]));
    assert_eq!(
        body["example"],
        json!({"query": "query Droids($n: Int) { droids(first: $n) { id } }", "variables": {"n": 3}})
    );
    assert_eq!(rule(&conversion, Rule::GraphQlAsJson), 1);
}

#[test]
fn empty_collections_are_empty_specs() {
    for file in ["empty.json", "folders_only.json"] {
        let (spec, conversion) = shape(file);
        assert_eq!(spec["paths"], json!({}), "{file}");
        assert_eq!(conversion.report.operations, 0);
        assert_eq!(spec["servers"], json!([{"url": "/"}]));
    }
}

#[test]
fn every_operation_answers_something() {
    let (spec, conversion) = shape("custom_method.json");
    assert_eq!(
        spec["paths"]["/purge_all"]["post"]["responses"],
        json!({"200": {"description": "no saved response"}})
    );
    assert_eq!(rule(&conversion, Rule::NoSavedResponse), 1);
}

#[test]
fn statuses_progenitor_cannot_take_are_rules() {
    let (spec, conversion) = shape("statuses.json");
    let read = spec["paths"]["/notifications"]["put"]["responses"]
        .as_object()
        .unwrap();
    assert_eq!(read.keys().collect::<Vec<_>>(), ["202"]);
    assert_eq!(rule(&conversion, Rule::BodilessSuccessDropped), 1);
    let repo = &spec["paths"]["/repos/{repo}"]["get"]["responses"];
    // A trailing comma proves nothing about the shape; a 304 stays a 304 outside Zoom.
    assert_eq!(
        repo["200"]["content"]["application/json"]["schema"],
        json!({})
    );
    assert!(repo["304"].is_object() && repo["400"].is_null(), "{repo}");
    assert_eq!(repo["404"]["content"]["*/*"]["schema"], json!({}));
    assert_eq!(rule(&conversion, Rule::BrokenExampleAsAnyJson), 1);
}

#[test]
fn forms_and_files_are_what_they_say() {
    let (spec, _) = shape("forms.json");
    let upload = &spec["paths"]["/files"]["post"]["requestBody"]["content"]["multipart/form-data"];
    assert_eq!(upload["schema"]["properties"]["file"]["format"], "binary");
    let raw = &spec["paths"]["/raw"]["put"]["requestBody"]["content"];
    assert_eq!(
        raw["application/octet-stream"]["schema"]["format"],
        "binary"
    );
}

#[test]
fn zoom_conventions_apply_to_zoom_alone() {
    let text = std::fs::read_to_string(format!(
        "{}/tests/data/shapes/zoom_like.json",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap();
    let (other, _) = convert_text("zoom_like.json", &text);
    let printed = other.to_string();
    for zoom_only in [
        "ZoomErrorBody",
        "x-zoom",
        "zoom-meeting-uuid",
        "zoom.us",
        "next_page_token\":{",
    ] {
        assert!(
            !printed.contains(zoom_only),
            "{zoom_only} leaked: {printed}"
        );
    }
    let oauth = &other["components"]["securitySchemes"]["oauth2"]["flows"]["authorizationCode"];
    assert_eq!(
        oauth["authorizationUrl"],
        "https://auth.example.com/authorize"
    );
    assert_eq!(other["info"]["version"], "1.0.0");
    assert!(other["paths"]["/meetings/{meetingId}"]["get"]["responses"]["301"].is_object());

    let zoom_text = text.replace("https://api.example.com", "https://api.zoom.us/v2");
    let (zoom, _) = convert_text("zoom.json", &zoom_text);
    let operation = &zoom["paths"]["/meetings/{meetingId}"]["get"];
    assert_eq!(operation["x-zoom-rate-limit"], "Light");
    assert_eq!(operation["security"], json!([{"oauth2": ["meeting:read"]}]));
    assert_eq!(
        operation["parameters"][0]["schema"]["format"],
        "zoom-meeting-uuid"
    );
    assert!(
        operation["responses"]["301"].is_null(),
        "a Zoom 3xx is an error code"
    );
    assert!(zoom["components"]["schemas"]["ZoomErrorBody"].is_object());
    assert_eq!(zoom["servers"], json!([{"url": "https://api.zoom.us/v2"}]));
}
