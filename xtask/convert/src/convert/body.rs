//! Request bodies -> OpenAPI request bodies.
//!
//! Zoom's API takes JSON, but its Postman export writes every body as `formdata`, with
//! nested objects as JSON text inside a field. Such bodies are declared as the JSON the API
//! really takes, each field's text parsed into the value it stands for.

use anyhow::{Result, bail};
use indexmap::IndexMap;
use openapiv3::{MediaType, ObjectType, ReferenceOr, RequestBody, Schema, SchemaKind, Type};

use super::schema::{Components, NamePath, plain, string_schema};
use super::zoom_docs;
use crate::infer::Shaped;
use crate::model::postman::{Body, FormParam, description_text};

/// How a body was declared, for the converter's report.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BodyKind {
    Json,
    FormDataAsJson,
    UrlEncoded,
    Text,
}

/// `name` is the component name for the body (`CreateMeetingBody`).
pub fn request_body(
    body: &Body,
    name: &str,
    components: &mut Components,
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
            if let Some(file) = fields.iter().find(|f| f.kind.as_deref() == Some("file")) {
                bail!(
                    "form field '{}' is a file upload; multipart uploads cannot be generated",
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
        "file" | "graphql" | "none" => {
            if mode == "none" {
                return Ok(None);
            }
            bail!("body mode '{mode}' cannot be generated")
        }
        other => bail!("unknown body mode '{other}'"),
    };
    let required = matches!(
        kind,
        BodyKind::Json | BodyKind::FormDataAsJson | BodyKind::UrlEncoded
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
        )
        .unwrap()
        .unwrap();
        assert_eq!(kind, BodyKind::Json);
        assert!(json_body.content.contains_key("application/json"));
        let (_, kind) = request_body(
            &body(json!({"mode": "raw", "raw": "hello"})),
            "C",
            &mut components,
        )
        .unwrap()
        .unwrap();
        assert_eq!(kind, BodyKind::Text);
        let (form, kind) = request_body(
            &body(json!({"mode": "urlencoded", "urlencoded": [{"key": "a", "value": "1"}]})),
            "D",
            &mut components,
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
    fn unsupported_modes_say_so() {
        let mut components = Components::default();
        let err =
            request_body(&body(json!({"mode": "graphql"})), "B", &mut components).unwrap_err();
        assert!(err.to_string().contains("graphql"));
        let err = request_body(&body(json!({"mode": "weird"})), "B", &mut components).unwrap_err();
        assert!(err.to_string().contains("unknown body mode 'weird'"));
        let err = request_body(
            &body(json!({"mode": "formdata", "formdata": [{"key": "f", "type": "file"}]})),
            "B",
            &mut components,
        )
        .unwrap_err();
        assert!(err.to_string().contains("file upload"));
    }
}
