//! Shapes -> OpenAPI schemas, and the registry of named component schemas.
//!
//! Every object with properties becomes a named component, so the generated crate gets
//! readable type names, and identical shapes share one component instead of repeating.

use std::collections::HashMap;

use heck::ToUpperCamelCase;
use indexmap::IndexMap;
use openapiv3::{
    AdditionalProperties, ArrayType, IntegerFormat, IntegerType, NumberFormat, NumberType,
    ObjectType, ReferenceOr, Schema, SchemaData, SchemaKind, StringType, Type,
    VariantOrUnknownOrEmpty,
};

use crate::infer::{Shape, Shaped};

/// Component schemas in the order they were first registered.
#[derive(Debug, Default)]
pub struct Components {
    schemas: IndexMap<String, Schema>,
    /// Canonical JSON of a schema -> the name it is registered under.
    by_content: HashMap<String, String>,
    /// How many registrations were answered by an existing identical schema.
    pub shared: usize,
}

impl Components {
    pub fn into_schemas(self) -> IndexMap<String, ReferenceOr<Schema>> {
        self.schemas
            .into_iter()
            .map(|(name, schema)| (name, ReferenceOr::Item(schema)))
            .collect()
    }

    pub fn len(&self) -> usize {
        self.schemas.len()
    }

    pub fn is_empty(&self) -> bool {
        self.schemas.is_empty()
    }

    /// Registers `schema` under `name`, or finds an identical schema already registered, and
    /// returns a reference to it. A name taken by a different schema gets a number.
    pub fn register(&mut self, name: &str, schema: Schema) -> ReferenceOr<Schema> {
        let content = serde_json::to_string(&schema).expect("schemas serialize");
        if let Some(existing) = self.by_content.get(&content) {
            self.shared += 1;
            return ReferenceOr::ref_(&format!("#/components/schemas/{existing}"));
        }
        let name = self.free_name(name);
        self.by_content.insert(content, name.clone());
        self.schemas.insert(name.clone(), schema);
        ReferenceOr::ref_(&format!("#/components/schemas/{name}"))
    }

    fn free_name(&self, wanted: &str) -> String {
        let wanted = if wanted.is_empty() { "Value" } else { wanted };
        if !self.schemas.contains_key(wanted) {
            return wanted.to_owned();
        }
        (2..)
            .map(|n| format!("{wanted}{n}"))
            .find(|candidate| !self.schemas.contains_key(candidate))
            .expect("an unbounded range always has a free name")
    }

    /// The schema for `shaped`; objects with properties become components named after
    /// `name` (nested ones after `name` + property).
    pub fn schema_for(&mut self, shaped: &Shaped, name: &str) -> ReferenceOr<Schema> {
        match &shaped.shape {
            Shape::Object(properties) if !properties.is_empty() => {
                let object = self.object_schema(properties, name);
                let reference = self.register(name, object);
                if shaped.nullable {
                    ReferenceOr::Item(nullable_ref(reference))
                } else {
                    reference
                }
            }
            _ => ReferenceOr::Item(self.inline_schema(shaped, name)),
        }
    }

    /// An object schema whose properties are all optional: examples show which fields can
    /// appear, never that a field always does.
    pub fn object_schema(&mut self, properties: &IndexMap<String, Shaped>, name: &str) -> Schema {
        let properties = properties
            .iter()
            .map(|(key, value)| {
                let child = format!("{name}{}", type_name(key));
                (key.clone(), boxed(self.schema_for(value, &child)))
            })
            .collect();
        plain(SchemaKind::Type(Type::Object(ObjectType {
            properties,
            ..Default::default()
        })))
    }

    fn inline_schema(&mut self, shaped: &Shaped, name: &str) -> Schema {
        if let Some(schema) = scalar_schema(shaped) {
            return schema;
        }
        let kind = match &shaped.shape {
            Shape::Array(items) => Type::Array(ArrayType {
                items: Some(boxed(self.schema_for(items, &format!("{name}Item")))),
                min_items: None,
                max_items: None,
                unique_items: false,
            }),
            Shape::Object(_) => Type::Object(ObjectType {
                additional_properties: Some(AdditionalProperties::Any(true)),
                ..Default::default()
            }),
            _ => return any_schema(),
        };
        Schema {
            schema_data: SchemaData {
                nullable: shaped.nullable,
                ..Default::default()
            },
            schema_kind: SchemaKind::Type(kind),
        }
    }
}

/// The schema of a shape that is neither an object nor an array.
pub fn scalar_schema(shaped: &Shaped) -> Option<Schema> {
    let kind = match &shaped.shape {
        Shape::Unknown | Shape::Any => return Some(any_schema()),
        Shape::Array(_) | Shape::Object(_) => return None,
        Shape::Bool => Type::Boolean(Default::default()),
        Shape::Integer => Type::Integer(IntegerType {
            format: VariantOrUnknownOrEmpty::Item(IntegerFormat::Int64),
            ..Default::default()
        }),
        Shape::Number => Type::Number(NumberType {
            format: VariantOrUnknownOrEmpty::Item(NumberFormat::Double),
            ..Default::default()
        }),
        Shape::String(format) => Type::String(StringType {
            format: match format {
                Some(format) => VariantOrUnknownOrEmpty::Unknown(format.as_str().to_owned()),
                None => VariantOrUnknownOrEmpty::Empty,
            },
            ..Default::default()
        }),
    };
    Some(Schema {
        schema_data: SchemaData {
            nullable: shaped.nullable,
            ..Default::default()
        },
        schema_kind: SchemaKind::Type(kind),
    })
}

/// A Rust-friendly type name fragment for a JSON key (`meeting_uuid` -> `MeetingUuid`).
pub fn type_name(key: &str) -> String {
    let name = key.to_upper_camel_case();
    if name.starts_with(|c: char| c.is_ascii_digit()) {
        format!("N{name}")
    } else {
        name
    }
}

pub fn plain(kind: SchemaKind) -> Schema {
    Schema {
        schema_data: SchemaData::default(),
        schema_kind: kind,
    }
}

/// The schema that accepts any JSON value.
pub fn any_schema() -> Schema {
    plain(SchemaKind::Any(Default::default()))
}

pub fn string_schema() -> Schema {
    plain(SchemaKind::Type(Type::String(Default::default())))
}

fn nullable_ref(reference: ReferenceOr<Schema>) -> Schema {
    // OpenAPI 3.0 ignores siblings of `$ref`, so nullability needs a wrapper.
    Schema {
        schema_data: SchemaData {
            nullable: true,
            ..Default::default()
        },
        schema_kind: SchemaKind::AllOf {
            all_of: vec![reference],
        },
    }
}

fn boxed(schema: ReferenceOr<Schema>) -> ReferenceOr<Box<Schema>> {
    match schema {
        ReferenceOr::Item(schema) => ReferenceOr::Item(Box::new(schema)),
        ReferenceOr::Reference { reference } => ReferenceOr::Reference { reference },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn schema_json(components: &mut Components, value: serde_json::Value) -> serde_json::Value {
        let schema = components.schema_for(&Shaped::of(&value), "Thing");
        serde_json::to_value(schema).unwrap()
    }

    #[test]
    fn objects_become_named_components_with_nested_names() {
        let mut components = Components::default();
        let top = schema_json(
            &mut components,
            json!({"id": 1, "settings": {"mute": true}, "tags": [{"name": "a"}]}),
        );
        assert_eq!(top, json!({"$ref": "#/components/schemas/Thing"}));
        let schemas = serde_json::to_value(components.into_schemas()).unwrap();
        assert_eq!(
            schemas["Thing"]["properties"]["settings"],
            json!({"$ref": "#/components/schemas/ThingSettings"})
        );
        assert_eq!(
            schemas["Thing"]["properties"]["tags"]["items"],
            json!({"$ref": "#/components/schemas/ThingTagsItem"})
        );
        assert_eq!(
            schemas["Thing"]["properties"]["id"],
            json!({"type": "integer", "format": "int64"})
        );
        assert!(schemas["Thing"].get("required").is_none());
    }

    #[test]
    fn identical_shapes_are_shared_and_names_do_not_clash() {
        let mut components = Components::default();
        let a = components.schema_for(&Shaped::of(&json!({"x": 1})), "A");
        let b = components.schema_for(&Shaped::of(&json!({"x": 2})), "B");
        assert_eq!(a, b);
        assert_eq!(components.shared, 1);
        let c = components.schema_for(&Shaped::of(&json!({"y": "s"})), "A");
        assert_eq!(
            serde_json::to_value(c).unwrap(),
            json!({"$ref": "#/components/schemas/A2"})
        );
    }

    #[test]
    fn null_examples_make_nullable_schemas() {
        let mut components = Components::default();
        let value = schema_json(&mut components, json!({"a": null, "b": [null, 1]}));
        assert!(value.get("$ref").is_some());
        let schemas = serde_json::to_value(components.into_schemas()).unwrap();
        assert_eq!(schemas["Thing"]["properties"]["a"], json!({}));
        assert_eq!(
            schemas["Thing"]["properties"]["b"]["items"],
            json!({"type": "integer", "format": "int64", "nullable": true})
        );
    }

    #[test]
    fn type_names_are_rust_friendly() {
        assert_eq!(type_name("meeting_uuid"), "MeetingUuid");
        assert_eq!(type_name("3rd_party"), "N3rdParty");
        assert_eq!(type_name("description "), "Description");
    }
}
