//! Path variables, query parameters and request headers -> OpenAPI parameters.

use openapiv3::{
    IntegerType, Parameter, ParameterData, ParameterSchemaOrContent, ReferenceOr, Schema,
    SchemaKind, StringType, Type, VariantOrUnknownOrEmpty,
};

use super::flavor::Flavor;
use super::schema::{plain, scalar_schema, string_schema};
use super::zoom_docs::{self, FieldDoc};
use crate::infer::Shaped;
use crate::model::postman::{Header, Item, description_text};
use crate::model::target::Target;
use crate::vocabulary;

/// Headers that the client or its transport sets itself; declaring them would make every
/// caller pass them by hand.
const TRANSPORT_HEADERS: &[&str] = &["authorization", "accept", "content-type"];

pub fn parameters(item: &Item, target: &Target, flavor: Flavor) -> Vec<Parameter> {
    let mut out = Vec::new();
    for name in target.parameter_names() {
        let doc = zoom_docs::field(description_text(
            &target.variable_description(name).cloned(),
        ));
        out.push(Parameter::Path {
            // OpenAPI requires path parameters to be required, marker or not.
            parameter_data: data(name, &doc, true, path_schema(&doc, flavor)),
            style: Default::default(),
        });
    }
    let mut seen_query: Vec<&str> = Vec::new();
    for param in &target.query {
        let Some(name) = param.key.as_deref().filter(|k| !k.is_empty()) else {
            continue;
        };
        // Repeated keys (`?a=1&a=2`) describe one parameter.
        if seen_query.contains(&name) {
            continue;
        }
        seen_query.push(name);
        let doc = zoom_docs::field(description_text(&param.description));
        let shaped = Shaped::of_text(param.value.as_deref().unwrap_or_default());
        // Query values are scalars on the wire: anything structured is sent as its text.
        let schema = scalar_schema(&shaped).unwrap_or_else(string_schema);
        let schema = schema_with_enum(schema, &doc);
        // A disabled parameter is one the example did not send: Postman's own OpenAPI
        // import disables the optional ones. It is documented all the same, never required.
        out.push(Parameter::Query {
            parameter_data: data(name, &doc, doc.required && !param.disabled, schema),
            allow_reserved: false,
            style: Default::default(),
            allow_empty_value: None,
        });
    }
    // One parameter per header name (OpenAPI forbids two): where an export repeats a header
    // (PayPal's four `Prefer`s, all but one disabled), the first one sent speaks for it.
    let mut headers: Vec<&Header> = Vec::new();
    for header in &item.request.header {
        match headers
            .iter_mut()
            .find(|h| h.key.eq_ignore_ascii_case(&header.key))
        {
            Some(kept) if kept.disabled && !header.disabled => *kept = header,
            Some(_) => {}
            None => headers.push(header),
        }
    }
    for header in headers {
        if TRANSPORT_HEADERS.contains(&header.key.to_ascii_lowercase().as_str())
            || header.key.is_empty()
        {
            continue;
        }
        let doc = zoom_docs::field(description_text(&header.description));
        out.push(Parameter::Header {
            parameter_data: data(
                &header.key,
                &doc,
                doc.required && !header.disabled,
                string_schema(),
            ),
            style: Default::default(),
        });
    }
    out
}

/// A path parameter's schema: a meeting UUID when the docs say to double-encode it (code
/// generation gives those a type that does), else a string.
fn path_schema(doc: &FieldDoc, flavor: Flavor) -> Schema {
    let text = doc.description.to_ascii_lowercase();
    if flavor.is_zoom() && (text.contains("double encode") || text.contains("double-encode")) {
        plain(SchemaKind::Type(Type::String(StringType {
            format: VariantOrUnknownOrEmpty::Unknown(vocabulary::MEETING_UUID_FORMAT.to_owned()),
            ..Default::default()
        })))
    } else {
        schema_with_enum(string_schema(), doc)
    }
}

/// The `Content-Type` of a file upload, which the caller sets to the multipart boundary it
/// encoded the form with.
pub fn multipart_content_type() -> Parameter {
    let doc = FieldDoc {
        description: "`multipart/form-data; boundary=...`, with the boundary the body was \
                      encoded with: it replaces the `application/octet-stream` the raw body \
                      would be sent as."
            .to_owned(),
        required: true,
        enumeration: Vec::new(),
    };
    Parameter::Header {
        parameter_data: data("Content-Type", &doc, true, string_schema()),
        style: Default::default(),
    }
}

fn data(name: &str, doc: &FieldDoc, required: bool, schema: Schema) -> ParameterData {
    ParameterData {
        name: name.to_owned(),
        description: (!doc.description.is_empty()).then(|| doc.description.clone()),
        required,
        deprecated: None,
        format: ParameterSchemaOrContent::Schema(ReferenceOr::Item(schema)),
        example: None,
        examples: Default::default(),
        explode: None,
        extensions: Default::default(),
    }
}

/// Applies `(This can only be one of a,b,c)` to a string or integer schema when every
/// listed value fits the type.
pub fn schema_with_enum(mut schema: Schema, doc: &FieldDoc) -> Schema {
    if doc.enumeration.is_empty() {
        return schema;
    }
    match &mut schema.schema_kind {
        SchemaKind::Type(Type::String(StringType {
            enumeration,
            format,
            ..
        })) => {
            *format = Default::default();
            *enumeration = doc.enumeration.iter().cloned().map(Some).collect();
        }
        SchemaKind::Type(Type::Integer(IntegerType { enumeration, .. })) => {
            let parsed: Option<Vec<i64>> = doc.enumeration.iter().map(|v| v.parse().ok()).collect();
            if let Some(values) = parsed {
                *enumeration = values.into_iter().map(Some).collect();
            }
        }
        _ => {}
    }
    schema
}
