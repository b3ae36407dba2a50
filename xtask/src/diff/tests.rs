//! Each kind of change on small hand-made specs, breaking and not.

use serde_json::{Value, json};

use super::*;

/// A spec with one `GET /things/{thingId}` operation: `op` is merged over a base with one
/// path parameter and a typed 200 response, `schemas` added to the components.
fn spec(op: Value, schemas: Value) -> Value {
    let mut base = json!({
        "operationId": "thing",
        "summary": "Get a thing",
        "parameters": [{"in": "path", "name": "thingId", "required": true, "schema": {"type": "string"}}],
        "responses": {"200": {"description": "ok", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Thing"}}}}}
    });
    for (key, value) in op.as_object().unwrap() {
        base[key] = value.clone();
    }
    let mut components = json!({"Thing": {"type": "object", "properties": {"id": {"type": "integer", "format": "int64"}, "name": {"type": "string"}}}});
    for (key, value) in schemas.as_object().unwrap() {
        components[key] = value.clone();
    }
    json!({
        "openapi": "3.0.3",
        "info": {"title": "t", "version": "1"},
        "paths": {"/things/{thingId}": {"get": base}},
        "components": {"schemas": components}
    })
}

fn base() -> Value {
    spec(json!({}), json!({}))
}

/// The changes of the one operation, as (breaking, text).
fn changes(old: &Value, new: &Value) -> Vec<(bool, String)> {
    let report = diff(old, new);
    report
        .changes()
        .map(|c| (c.breaking, c.what.clone()))
        .collect()
}

#[test]
fn the_same_spec_has_no_changes() {
    let report = diff(&base(), &base());
    assert!(report.is_empty());
    assert_eq!(report.text(), "change report: no changes to the API\n");
}

#[test]
fn operations_added_removed_and_renamed() {
    let mut two = base();
    two["paths"]["/things"] = json!({"post": {"operationId": "create_thing", "responses": {"201": {"description": "ok"}}}});
    let report = diff(&base(), &two);
    assert_eq!(report.operations[0].status, Status::Added);
    assert_eq!(report.breaking(), 0);
    let report = diff(&two, &base());
    assert_eq!(report.operations[0].status, Status::Removed);
    assert_eq!(report.breaking(), 1);
    let renamed = spec(json!({"operationId": "get_thing"}), json!({}));
    assert_eq!(
        changes(&base(), &renamed),
        [(
            true,
            "renamed: `thing` -> `get_thing` (client method and builder)".to_owned()
        )]
    );
}

#[test]
fn a_renamed_path_variable_is_one_operation_whose_setter_changed() {
    let mut new = base();
    let op = new["paths"]["/things/{thingId}"].take();
    new["paths"] = json!({"/things/{id}": op});
    new["paths"]["/things/{id}"]["get"]["parameters"][0]["name"] = "id".into();
    let report = diff(&base(), &new);
    assert_eq!(report.operations.len(), 1);
    assert_eq!(report.operations[0].status, Status::Changed);
    assert_eq!(
        changes(&base(), &new),
        [(
            true,
            "path parameter `thingId` renamed `id` (its setter is renamed)".to_owned()
        )]
    );
}

#[test]
fn parameters_added_removed_and_made_required() {
    let optional = json!({"in": "query", "name": "page_size", "required": false, "schema": {"type": "integer", "format": "int64"}});
    let path = base()["paths"]["/things/{thingId}"]["get"]["parameters"][0].clone();
    let with = |p: Value| spec(json!({"parameters": [path.clone(), p]}), json!({}));
    assert_eq!(
        changes(&base(), &with(optional.clone())),
        [(
            false,
            "optional query parameter `page_size` added".to_owned()
        )]
    );
    let mut required = optional.clone();
    required["required"] = true.into();
    assert_eq!(
        changes(&base(), &with(required.clone())),
        [(
            true,
            "required query parameter `page_size` added".to_owned()
        )]
    );
    assert_eq!(
        changes(&with(optional.clone()), &with(required.clone())),
        [(true, "query parameter `page_size` made required".to_owned())]
    );
    assert_eq!(
        changes(&with(required), &with(optional.clone())),
        [(
            false,
            "query parameter `page_size` made optional".to_owned()
        )]
    );
    assert_eq!(
        changes(&with(optional.clone()), &base()),
        [(true, "query parameter `page_size` removed".to_owned())]
    );
    let mut text = optional.clone();
    text["schema"] = json!({"type": "string"});
    assert_eq!(
        changes(&with(optional), &with(text)),
        [(
            true,
            "query parameter `page_size` type changed: integer(int64) -> string".to_owned()
        )]
    );
    let enumerated = |values: Value| {
        with(json!({"in": "query", "name": "type", "schema": {"type": "string", "enum": values}}))
    };
    assert_eq!(
        changes(&enumerated(json!(["a"])), &enumerated(json!(["a", "b"]))),
        [(
            false,
            "query parameter `type` enum values added: `b`".to_owned()
        )]
    );
    assert_eq!(
        changes(&enumerated(json!(["a", "b"])), &enumerated(json!(["a"]))),
        [(
            true,
            "query parameter `type` enum values removed: `b`".to_owned()
        )]
    );
}

#[test]
fn response_properties_added_removed_and_retyped() {
    let thing = |properties: Value| {
        spec(
            json!({}),
            json!({"Thing": {"type": "object", "properties": properties}}),
        )
    };
    let old =
        thing(json!({"id": {"type": "integer", "format": "int64"}, "when": {"type": "string"}}));
    let new = thing(json!({
        "id": {"type": "string"},
        "when": {"type": "string", "format": "date-time"},
        "dept": {"type": "string"},
        "owner": {"type": "object", "properties": {"email": {"type": "string"}}}
    }));
    assert_eq!(
        changes(&old, &new),
        [
            (false, "response 200: `dept` added (string)".to_owned()),
            (
                true,
                "response 200: `id` type changed: integer(int64) -> string".to_owned()
            ),
            (false, "response 200: `owner` added (object)".to_owned()),
            (
                true,
                "response 200: `when` type changed: string -> string(date-time)".to_owned()
            ),
        ],
        "a new object is one change, not one per field"
    );
    assert_eq!(
        changes(&new, &old)
            .iter()
            .filter(|(_, what)| what.ends_with("removed"))
            .cloned()
            .collect::<Vec<_>>(),
        [
            (true, "response 200: `dept` removed".to_owned()),
            (true, "response 200: `owner` removed".to_owned()),
        ]
    );
}

#[test]
fn request_properties_breaking_when_required() {
    let with_body = |properties: Value, required: Value| {
        spec(
            json!({"requestBody": {"required": true, "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Body"}}}}}),
            json!({"Body": {"type": "object", "properties": properties, "required": required}}),
        )
    };
    let old = with_body(json!({"topic": {"type": "string"}}), json!([]));
    let optional = with_body(
        json!({"topic": {"type": "string"}, "agenda": {"type": "string"}}),
        json!([]),
    );
    let required = with_body(
        json!({"topic": {"type": "string"}, "agenda": {"type": "string"}}),
        json!(["agenda"]),
    );
    assert_eq!(
        changes(&old, &optional),
        [(false, "request body: `agenda` added (string)".to_owned())]
    );
    assert_eq!(
        changes(&old, &required),
        [(
            true,
            "request body: `agenda` added (required string)".to_owned()
        )]
    );
    assert_eq!(
        changes(&optional, &required),
        [(true, "request body: `agenda` made required".to_owned())]
    );
    assert_eq!(
        changes(&base(), &old),
        [(true, "required request body added".to_owned())]
    );
    assert_eq!(
        changes(&old, &base()),
        [(true, "request body removed".to_owned())]
    );
}

#[test]
fn docs_error_codes_scopes_and_rate_limits_do_not_break() {
    let old = spec(
        json!({
            "description": "old",
            "security": [{"oauth2": ["a:read"]}],
            "x-zoom-rate-limit": "Light",
            "responses": {
                "200": {"description": "ok", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Thing"}}}},
                "400": {"description": "bad", "x-zoom-error-codes": [{"code": 300, "message": "x"}]}
            }
        }),
        json!({}),
    );
    let new = spec(
        json!({
            "description": "new",
            "security": [{"oauth2": ["a:read", "a:read:admin"]}],
            "x-zoom-rate-limit": "Medium",
            "responses": {
                "200": {"description": "ok", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Thing"}}}},
                "400": {"description": "bad", "x-zoom-error-codes": [{"code": 1001, "message": "y"}]},
                "404": {"description": "gone"}
            }
        }),
        json!({}),
    );
    assert_eq!(
        changes(&old, &new),
        [
            (false, "description changed".to_owned()),
            (false, "response 404 added".to_owned()),
            (false, "error codes added: 1001 (400)".to_owned()),
            (false, "error codes removed: 300 (400)".to_owned()),
            (false, "scopes changed: +`a:read:admin`".to_owned()),
            (
                false,
                "rate-limit label changed: Light -> Medium".to_owned()
            ),
        ]
    );
}

#[test]
fn a_renamed_type_is_breaking_and_listed_once() {
    let renamed = spec(
        json!({"responses": {"200": {"description": "ok", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Item"}}}}}}),
        json!({"Item": base()["components"]["schemas"]["Thing"].clone()}),
    );
    let report = diff(&base(), &renamed);
    assert_eq!(
        report.renamed_types,
        [("Thing".to_owned(), "Item".to_owned())]
    );
    assert_eq!(report.breaking(), 1);
    assert!(report.text().contains("BREAKING `Thing` -> `Item`"));
    assert!(
        report
            .markdown()
            .contains("type `Thing` renamed `Item` | **yes**")
    );
}

#[test]
fn upload_parts_are_reported() {
    let upload = |parts: Value| spec(json!({"x-zoom-multipart": parts}), json!({}));
    assert_eq!(
        changes(
            &upload(json!([{"name": "file", "binary": true}])),
            &upload(json!([{"name": "file", "binary": true}, {"name": "note", "binary": false}]))
        ),
        [(false, "upload part `note` added".to_owned())]
    );
}

#[test]
fn text_and_markdown_say_what_breaks() {
    let mut old = base();
    old["paths"]["/things/{thingId}"]["get"]["description"] = "a".into();
    let report = diff(&old, &base());
    assert_eq!(
        report.text(),
        "change report: 1 changes in 1 operations, none breaking for Rust callers\n\
         changed  GET /things/{thingId}  (thing)\n    ok       description changed\n"
    );
    assert!(
        report
            .markdown()
            .contains("| `GET /things/{thingId}` `thing` | description changed | no |")
    );
}
