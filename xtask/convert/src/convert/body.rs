//! Request bodies -> OpenAPI request bodies.
//!
//! Zoom's API takes JSON, but its Postman export writes every body as `formdata`, with
//! nested objects as JSON text inside a field. Such bodies are declared as the JSON the API
//! really takes, each field's text parsed into the value it stands for.
//!
//! File uploads are the exception: a `formdata` field of type `file`, or one Postman saved
//! as text whose description says it is the file's path ("The file's path.", four upload
//! endpoints of Zoom's collection), makes the body `multipart/form-data`. progenitor 0.15
//! refuses that media type ("unexpected content type"), so the body is declared as what it
//! generates a raw body for, `application/octet-stream` (its builder's `body` takes any
//! `reqwest::Body`), the parts are listed in `x-zoom-multipart`, and the operation gets a
//! `Content-Type` header parameter: its value replaces progenitor's
//! `application/octet-stream` on the wire (`reqwest::RequestBuilder::headers` replaces), so
//! the caller sends `multipart/form-data; boundary=...` with the encoded form.

use std::sync::LazyLock;

use anyhow::{Result, bail};
use indexmap::IndexMap;
use openapiv3::{
    MediaType, ObjectType, ReferenceOr, RequestBody, Schema, SchemaKind, StringFormat, StringType,
    Type, VariantOrUnknownOrEmpty,
};
use regex::Regex;

use super::flavor::Flavor;
use super::schema::{Components, NamePath, plain, string_schema};
use super::zoom_docs;
use crate::infer::Shaped;
use crate::model::postman::{Body, FormParam, description_text};
use crate::vocabulary;

/// How a body was declared, for the converter's report.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BodyKind {
    Json,
    FormDataAsJson,
    UrlEncoded,
    Text,
    /// A file upload: raw body, parts in `x-zoom-multipart` (on the request body until the
    /// operation takes it).
    Multipart,
    /// Another API's `formdata`: `multipart/form-data` as Postman sends it.
    FormData,
    /// A GraphQL query, as the JSON `{query, variables}` Postman posts.
    GraphQl,
    /// Postman's `file` mode: the file's bytes as the body.
    File,
}

/// "The file's path.", "Provide the file's path here.", "The virtual background's file
/// path.": how Zoom describes a file field that Postman saved as text.
static FILE_PATH: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\bfile(?:'s|\x{2019}s)?\s+path\b|\bpath\s+(?:of|to)\s+the\s+file\b").unwrap()
});

/// Whether a form field carries a file: Postman's `file` type, or text described as the
/// file's path.
fn is_file(field: &FormParam) -> bool {
    field.kind.as_deref() == Some("file")
        || (field.kind.as_deref().is_none_or(|k| k == "text")
            && FILE_PATH.is_match(description_text(&field.description)))
}

/// `name` is the component name for the body (`CreateMeetingBody`).
pub fn request_body(
    body: &Body,
    name: &str,
    components: &mut Components,
    flavor: Flavor,
) -> Result<Option<(RequestBody, BodyKind)>> {
    let mode = body.mode.as_deref().unwrap_or("raw");
    let (media_type, schema, example, kind) = match mode {
        "raw" => {
            let raw = body.raw.as_deref().unwrap_or_default();
            if raw.trim().is_empty() {
                return Ok(None);
            }
            match serde_json::from_str::<serde_json::Value>(raw) {
                Ok(value) => {
                    let schema = components.schema_for(&Shaped::of(&value), &NamePath::root(name));
                    ("application/json", schema, Some(value), BodyKind::Json)
                }
                Err(_) => (
                    "text/plain",
                    ReferenceOr::Item(string_schema()),
                    Some(serde_json::Value::String(raw.to_owned())),
                    BodyKind::Text,
                ),
            }
        }
        "formdata" | "urlencoded" => {
            let fields = if mode == "formdata" {
                &body.formdata
            } else {
                &body.urlencoded
            };
            if mode == "formdata" && !flavor.is_zoom() {
                // Zoom's formdata stands for JSON; another API's is the form it says.
                let fields: Vec<&FormParam> = fields
                    .iter()
                    .filter(|f| !f.key.is_empty() && !f.disabled)
                    .collect();
                if fields.is_empty() {
                    return Ok(None);
                }
                let (schema, example) = form_schema(&fields);
                (
                    "multipart/form-data",
                    ReferenceOr::Item(schema),
                    Some(example),
                    BodyKind::FormData,
                )
            } else {
                if mode == "formdata" && fields.iter().any(is_file) {
                    return Ok(Some((multipart(fields), BodyKind::Multipart)));
                }
                if let Some(file) = fields.iter().find(|f| f.kind.as_deref() == Some("file")) {
                    bail!(
                        "form field '{}' is a file, which a urlencoded body cannot carry",
                        file.key
                    );
                }
                if fields.is_empty() {
                    return Ok(None);
                }
                let (schema, example) = fields_schema(fields, name, components);
                if mode == "formdata" {
                    (
                        "application/json",
                        schema,
                        Some(example),
                        BodyKind::FormDataAsJson,
                    )
                } else {
                    (
                        "application/x-www-form-urlencoded",
                        schema,
                        Some(example),
                        BodyKind::UrlEncoded,
                    )
                }
            }
        }
        "graphql" => {
            let (schema, example) = graphql(body);
            (
                "application/json",
                ReferenceOr::Item(schema),
                Some(example),
                BodyKind::GraphQl,
            )
        }
        "file" => (
            "application/octet-stream",
            ReferenceOr::Item(binary_schema()),
            None,
            BodyKind::File,
        ),
        "none" => return Ok(None),
        other => bail!("unknown body mode '{other}'"),
    };
    let required = matches!(
        kind,
        BodyKind::Json
            | BodyKind::FormDataAsJson
            | BodyKind::UrlEncoded
            | BodyKind::GraphQl
            | BodyKind::File
    );
    Ok(Some((
        RequestBody {
            description: None,
            content: IndexMap::from([(
                media_type.to_owned(),
                MediaType {
                    schema: Some(schema),
                    example,
                    ..Default::default()
                },
            )]),
            required,
            extensions: Default::default(),
        },
        kind,
    )))
}

/// A GraphQL body: `{"query": "...", "variables": {...}}`, the query and its variables
/// (JSON text in the export) as the example.
fn graphql(body: &Body) -> (Schema, serde_json::Value) {
    let graphql = body.graphql.clone().unwrap_or_default();
    let variables = match graphql.variables {
        Some(serde_json::Value::String(text)) => {
            serde_json::from_str(&text).unwrap_or_else(|_| serde_json::json!({}))
        }
        Some(value) if value.is_object() => value,
        _ => serde_json::json!({}),
    };
    let schema = serde_json::from_value(serde_json::json!({
        "type": "object",
        "required": ["query"],
        "properties": {
            "query": {"type": "string", "description": "The GraphQL document."},
            "variables": {"type": "object", "additionalProperties": {}, "description": "The query's variables."},
            "operationName": {"type": "string"}
        }
    }))
    .expect("a valid schema");
    let example = serde_json::json!({"query": graphql.query, "variables": variables});
    (schema, example)
}

/// Another API's form: one string property per field, files as binary.
fn form_schema(fields: &[&FormParam]) -> (Schema, serde_json::Value) {
    let mut properties = serde_json::Map::new();
    let mut example = serde_json::Map::new();
    for field in fields {
        let mut property = if field.kind.as_deref() == Some("file") {
            serde_json::json!({"type": "string", "format": "binary"})
        } else {
            example.insert(
                field.key.clone(),
                field.value.clone().unwrap_or_default().into(),
            );
            serde_json::json!({"type": "string"})
        };
        let description = description_text(&field.description).trim();
        if !description.is_empty() {
            property["description"] = description.into();
        }
        properties.insert(field.key.clone(), property);
    }
    let schema = serde_json::from_value(serde_json::json!({
        "type": "object",
        "properties": properties,
    }))
    .expect("a valid schema");
    (schema, example.into())
}

/// A file upload's body: raw bytes for progenitor, the parts listed for the caller.
fn multipart(fields: &[FormParam]) -> RequestBody {
    let mut parts = Vec::new();
    for field in fields {
        if field.key.is_empty() || field.disabled {
            continue;
        }
        let doc = zoom_docs::field(description_text(&field.description));
        let mut part = serde_json::json!({
            "name": field.key,
            "binary": is_file(field),
            "required": doc.required,
        });
        if !doc.description.is_empty() {
            part["description"] = doc.description.clone().into();
        }
        parts.push(part);
    }
    RequestBody {
        description: Some(format!(
            "A `multipart/form-data` body with the parts listed in `{}`, sent with the \
             `Content-Type` parameter set to `multipart/form-data; boundary=...` (progenitor \
             cannot generate multipart bodies).",
            vocabulary::MULTIPART
        )),
        content: IndexMap::from([(
            "application/octet-stream".to_owned(),
            MediaType {
                schema: Some(ReferenceOr::Item(binary_schema())),
                ..Default::default()
            },
        )]),
        required: true,
        extensions: IndexMap::from([(vocabulary::MULTIPART.to_owned(), parts.into())]),
    }
}

/// `{"type": "string", "format": "binary"}`: raw bytes.
pub fn binary_schema() -> Schema {
    plain(SchemaKind::Type(Type::String(StringType {
        format: VariantOrUnknownOrEmpty::Item(StringFormat::Binary),
        ..Default::default()
    })))
}

/// One property per form field, typed by the value its text stands for, required when the
/// docs say `(Required)`; nested objects become their own components.
fn fields_schema(
    fields: &[FormParam],
    name: &str,
    components: &mut Components,
) -> (ReferenceOr<Schema>, serde_json::Value) {
    let mut properties = IndexMap::new();
    let mut required = Vec::new();
    let mut example = serde_json::Map::new();
    for field in fields {
        if field.key.is_empty() || properties.contains_key(&field.key) {
            continue;
        }
        let text = field.value.as_deref().unwrap_or_default();
        let (shaped, value) = Shaped::of_text_with_value(text);
        let doc = zoom_docs::field(description_text(&field.description));
        let child = NamePath::root(name).child(&field.key);
        let schema = match components.schema_for(&shaped, &child) {
            ReferenceOr::Item(schema) => {
                let mut schema = super::parameters::schema_with_enum(schema, &doc);
                if !doc.description.is_empty() {
                    schema.schema_data.description = Some(doc.description.clone());
                }
                ReferenceOr::Item(Box::new(schema))
            }
            ReferenceOr::Reference { reference } => ReferenceOr::Reference { reference },
        };
        if doc.required && !field.disabled {
            required.push(field.key.clone());
        }
        example.insert(field.key.clone(), value);
        properties.insert(field.key.clone(), schema);
    }
    let object: Schema = plain(SchemaKind::Type(Type::Object(ObjectType {
        properties,
        required,
        ..Default::default()
    })));
    (
        components.register(&NamePath::root(name), object),
        serde_json::Value::Object(example),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn body(json: serde_json::Value) -> Body {
        serde_json::from_value(json).unwrap()
    }

    #[test]
    fn formdata_becomes_json_with_nested_objects_parsed() {
        let mut components = Components::default();
        let (request, kind) = request_body(
            &body(json!({"mode": "formdata", "formdata": [
                {"key": "topic", "value": "x", "description": "(Required) Topic.", "type": "text"},
                {"key": "duration", "value": "30", "type": "text"},
                {"key": "settings", "value": "{\"mute\":true,\"alt\":[{\"email\":\"a@b.io\"}]}", "type": "text"},
                {"key": "type", "value": "2", "description": "Type. (This can only be one of 1,2,3,8)", "type": "text"}
            ]})),
            "CreateMeetingBody",
            &mut components,
            Flavor::Zoom,
        )
        .unwrap()
        .unwrap();
        assert_eq!(kind, BodyKind::FormDataAsJson);
        let media = &request.content["application/json"];
        assert_eq!(
            media.example,
            Some(
                json!({"topic": "x", "duration": 30, "settings": {"mute": true, "alt": [{"email": "a@b.io"}]}, "type": 2})
            )
        );
        let schemas = crate::convert::schema::resolved_json(components.finish(), Vec::new());
        let top = &schemas["CreateMeetingBody"];
        assert_eq!(top["required"], json!(["topic"]));
        assert_eq!(top["properties"]["topic"]["description"], "Topic.");
        assert_eq!(top["properties"]["duration"]["type"], "integer");
        assert_eq!(top["properties"]["type"]["enum"], json!([1, 2, 3, 8]));
        assert_eq!(
            top["properties"]["settings"]["$ref"],
            "#/components/schemas/Settings"
        );
        assert_eq!(schemas["AltItem"]["properties"]["email"]["format"], "email");
    }

    #[test]
    fn raw_json_and_text_and_urlencoded() {
        let mut components = Components::default();
        let (json_body, kind) = request_body(
            &body(json!({"mode": "raw", "raw": "{\"a\": 1}"})),
            "B",
            &mut components,
            Flavor::Zoom,
        )
        .unwrap()
        .unwrap();
        assert_eq!(kind, BodyKind::Json);
        assert!(json_body.content.contains_key("application/json"));
        let (_, kind) = request_body(
            &body(json!({"mode": "raw", "raw": "hello"})),
            "C",
            &mut components,
            Flavor::Zoom,
        )
        .unwrap()
        .unwrap();
        assert_eq!(kind, BodyKind::Text);
        let (form, kind) = request_body(
            &body(json!({"mode": "urlencoded", "urlencoded": [{"key": "a", "value": "1"}]})),
            "D",
            &mut components,
            Flavor::Zoom,
        )
        .unwrap()
        .unwrap();
        assert_eq!(kind, BodyKind::UrlEncoded);
        assert!(
            form.content
                .contains_key("application/x-www-form-urlencoded")
        );
    }

    #[test]
    fn graphql_is_json_and_unsupported_modes_say_so() {
        let mut components = Components::default();
        let (graphql, kind) = request_body(
            &body(json!({"mode": "graphql", "graphql": {"query": "{ a }", "variables": "{\"x\": 1}"}})),
            "B",
            &mut components,
            Flavor::Generic,
        )
        .unwrap()
        .unwrap();
        assert_eq!(kind, BodyKind::GraphQl);
        assert_eq!(
            graphql.content["application/json"].example,
            Some(json!({"query": "{ a }", "variables": {"x": 1}}))
        );
        let err = request_body(
            &body(json!({"mode": "weird"})),
            "B",
            &mut components,
            Flavor::Zoom,
        )
        .unwrap_err();
        assert!(err.to_string().contains("unknown body mode 'weird'"));
        let err = request_body(
            &body(json!({"mode": "urlencoded", "urlencoded": [{"key": "f", "type": "file"}]})),
            "B",
            &mut components,
            Flavor::Zoom,
        )
        .unwrap_err();
        assert!(err.to_string().contains("is a file"));
    }

    #[test]
    fn file_fields_make_a_multipart_upload() {
        let mut components = Components::default();
        for fields in [
            json!([{"key": "pic_file", "type": "file", "src": "/tmp/x"}, {"key": "note", "value": "hi", "type": "text"}]),
            // Zoom's collection saves its upload fields as text described as a path.
            json!([{"key": "pic_file", "value": "nulla", "description": "(Required) The file's path. ", "type": "text"}, {"key": "note", "value": "hi", "type": "text"}]),
        ] {
            let (request, kind) = request_body(
                &body(json!({"mode": "formdata", "formdata": fields})),
                "UploadBody",
                &mut components,
                Flavor::Zoom,
            )
            .unwrap()
            .unwrap();
            assert_eq!(kind, BodyKind::Multipart);
            assert!(request.required);
            let media = &request.content["application/octet-stream"];
            assert_eq!(
                serde_json::to_value(&media.schema).unwrap(),
                json!({"type": "string", "format": "binary"})
            );
            let parts = &request.extensions[vocabulary::MULTIPART];
            assert_eq!(parts[0]["name"], "pic_file");
            assert_eq!(parts[0]["binary"], true);
            assert_eq!(
                parts[1],
                json!({"name": "note", "binary": false, "required": false})
            );
        }
        for text in [
            "The file's path.",
            "Provide the file's path here.",
            "The virtual background's file path.",
            "The path to the file.",
        ] {
            let field: FormParam =
                serde_json::from_value(json!({"key": "f", "description": text})).unwrap();
            assert!(is_file(&field), "{text}");
        }
        let field: FormParam =
            serde_json::from_value(json!({"key": "f", "description": "The file name."})).unwrap();
        assert!(!is_file(&field));
    }
}
