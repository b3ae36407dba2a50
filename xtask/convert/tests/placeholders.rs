//! A collection as Postman makes it from an OpenAPI document (how newer Zoom collections are
//! made): `<long>`, `<boolean>`, `<dateTime>` for values and `{"value": "<Error: Too many
//! levels of nesting to fake this schema>"}` where a schema nests too deep. Each placeholder
//! types its field; the error object types nothing and is never a shared component, so a
//! real `settings.breakout_room.enable` stays a boolean.

use serde_json::{Value, json};
use test_support::json_schema;
use zoom_convert::model::read;
use zoom_convert::{Rule, convert};

const TOO_DEEP: &str = "<Error: Too many levels of nesting to fake this schema>";

fn item(name: &str, method: &str, url: &str, request_body: Option<Value>, body: Value) -> Value {
    let mut request = json!({"method": method, "url": url});
    if let Some(raw) = request_body {
        request["body"] = json!({"mode": "raw", "raw": raw.to_string()});
    }
    json!({
        "name": name,
        "request": request,
        "response": [{"name": "OK", "code": if method == "POST" { 201 } else { 200 },
                      "header": [{"key": "Content-Type", "value": "application/json"}],
                      "body": body.to_string()}]
    })
}

fn spec() -> (Value, zoom_convert::Report) {
    let deep = json!({"value": TOO_DEEP});
    let collection = json!({
        "info": {"name": "Zoom API", "schema": "https://schema.getpostman.com/json/collection/v2.1.0/collection.json"},
        "item": [
            item("Create a meeting", "POST", "{{baseUrl}}/users/:userId/meetings",
                Some(json!({"topic": "<string>", "duration": "<integer>", "settings": deep})),
                json!({
                    "id": "<long>",
                    "start_time": "<dateTime>",
                    "settings": {
                        "host_video": "<boolean>",
                        "breakout_room": {"enable": "<boolean>", "rooms": [{"name": "<string>"}]},
                        "approved_or_denied_countries_or_regions": deep,
                        "continuous_meeting_chat": deep
                    }
                })),
            item("Get a meeting", "GET", "{{baseUrl}}/meetings/:meetingId?occurrence_id=<string>&page_size=<integer>",
                None,
                json!({
                    "id": "<long>",
                    "settings": {"host_video": "<boolean>", "breakout_room": deep, "rooms": [deep]},
                    "tracking_fields": [{"field": "<string>", "visible": "<boolean>"}]
                })),
            item("Get a webinar", "GET", "{{baseUrl}}/webinars/:webinarId", None,
                json!({"settings": deep, "recurrence": deep, "occurrences": [deep]})),
        ]
    });
    let source = read::to_source(vec![
        read::read("newer.json", &collection.to_string()).unwrap(),
    ])
    .unwrap();
    let conversion = convert(&source).unwrap();
    (
        serde_json::to_value(&conversion.spec).unwrap(),
        conversion.report,
    )
}

/// The schema `reference` points at, or the schema itself.
fn resolve<'a>(spec: &'a Value, schema: &'a Value) -> &'a Value {
    match schema["$ref"].as_str() {
        Some(reference) => {
            &spec["components"]["schemas"][reference.trim_start_matches("#/components/schemas/")]
        }
        None => schema,
    }
}

fn success<'a>(spec: &'a Value, path: &str, method: &str, status: &str) -> &'a Value {
    resolve(
        spec,
        &spec["paths"][path][method]["responses"][status]["content"]["application/json"]["schema"],
    )
}

#[test]
fn placeholders_type_their_fields_and_error_objects_type_nothing() {
    let (spec, report) = spec();
    let created = success(&spec, "/users/{userId}/meetings", "post", "201");
    assert_eq!(
        created["properties"]["id"],
        json!({"type": "integer", "format": "int64"})
    );
    assert_eq!(
        created["properties"]["start_time"],
        json!({"type": "string", "format": "date-time"})
    );
    let settings = resolve(&spec, &created["properties"]["settings"]);
    let room = resolve(&spec, &settings["properties"]["breakout_room"]);
    assert_eq!(room["properties"]["enable"], json!({"type": "boolean"}));
    assert_eq!(
        settings["properties"]["approved_or_denied_countries_or_regions"],
        json!({}),
        "too deep to fake: any JSON value"
    );

    let got = success(&spec, "/meetings/{meetingId}", "get", "200");
    let settings = resolve(&spec, &got["properties"]["settings"]);
    assert_eq!(settings["properties"]["breakout_room"], json!({}));
    assert_eq!(settings["properties"]["rooms"]["items"], json!({}));
    let webinar = success(&spec, "/webinars/{webinarId}", "get", "200");
    assert_eq!(webinar["properties"]["settings"], json!({}));

    // The error object is never a shape of its own, shared or not.
    for (name, schema) in spec["components"]["schemas"].as_object().unwrap() {
        let properties = schema["properties"].as_object();
        assert!(
            properties.is_none_or(|p| !p.keys().eq(["value"])),
            "{name} is Postman's error object"
        );
    }

    // Requests: the body's and the query's placeholders type them too.
    let parameters = &spec["paths"]["/meetings/{meetingId}"]["get"]["parameters"];
    let page_size = parameters
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["name"] == "page_size")
        .unwrap();
    assert_eq!(page_size["schema"]["type"], "integer");
    let body = &spec["paths"]["/users/{userId}/meetings"]["post"]["requestBody"]["content"]["application/json"];
    let body_schema = resolve(&spec, &body["schema"]);
    assert_eq!(body_schema["properties"]["duration"]["type"], "integer");
    assert_eq!(body["example"]["duration"], json!(0));

    assert_eq!(report.rules[&Rule::PlaceholdersAsTypes].len(), 3);
}

#[test]
fn kept_examples_validate_against_their_schemas() {
    let (spec, _) = spec();
    let components = json_schema(spec["components"]["schemas"].clone());
    let mut checked = 0;
    for (path, item) in spec["paths"].as_object().unwrap() {
        for (method, operation) in item.as_object().unwrap() {
            let mut media: Vec<&Value> = operation["responses"]
                .as_object()
                .unwrap()
                .values()
                .filter_map(|r| r["content"].get("application/json"))
                .collect();
            media.extend(operation["requestBody"]["content"].get("application/json"));
            for media in media {
                let mut document = json_schema(media["schema"].clone());
                document["components"] = json!({"schemas": components.clone()});
                let validator = jsonschema::draft7::options()
                    .should_validate_formats(true)
                    .build(&document)
                    .unwrap();
                let example = &media["example"];
                assert!(
                    validator.is_valid(example),
                    "{method} {path}: {example} against {document}"
                );
                checked += 1;
            }
        }
    }
    assert_eq!(checked, 4);
}
