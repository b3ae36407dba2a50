//! Points the schema references of component schemas at their final names. Component names
//! are chosen after all operations are converted (`schema::Components::finish`), so schemas
//! are built with placeholders and rewritten here, in place.

use std::collections::HashMap;

use openapiv3::{AdditionalProperties, OpenAPI, ReferenceOr, Schema, SchemaKind, Type};

/// Rewrites the references inside one schema.
pub fn resolve_schema(schema: &mut Schema, names: &HashMap<String, String>) {
    Resolver(names).schema(schema);
}

/// Rewrites the references inside the spec's component schemas. (Operations are kept as JSON
/// and resolved as they are written: `spec_json`.)
pub fn resolve_components(spec: &mut OpenAPI, names: &HashMap<String, String>) {
    let resolver = Resolver(names);
    if let Some(components) = &mut spec.components {
        for schema in components.schemas.values_mut() {
            resolver.reference(schema);
        }
    }
}

struct Resolver<'a>(&'a HashMap<String, String>);

impl Resolver<'_> {
    fn target(&self, reference: &mut String) {
        if let Some(name) = self.0.get(reference.as_str()) {
            reference.clone_from(name);
        }
    }

    fn reference(&self, schema: &mut ReferenceOr<Schema>) {
        match schema {
            ReferenceOr::Reference { reference } => self.target(reference),
            ReferenceOr::Item(schema) => self.schema(schema),
        }
    }

    fn boxed(&self, schema: &mut ReferenceOr<Box<Schema>>) {
        match schema {
            ReferenceOr::Reference { reference } => self.target(reference),
            ReferenceOr::Item(schema) => self.schema(schema),
        }
    }

    fn additional(&self, additional: &mut Option<AdditionalProperties>) {
        if let Some(AdditionalProperties::Schema(schema)) = additional {
            self.reference(schema);
        }
    }

    fn schema(&self, schema: &mut Schema) {
        match &mut schema.schema_kind {
            SchemaKind::Type(Type::Object(object)) => {
                object.properties.values_mut().for_each(|p| self.boxed(p));
                self.additional(&mut object.additional_properties);
            }
            SchemaKind::Type(Type::Array(array)) => {
                array.items.iter_mut().for_each(|i| self.boxed(i))
            }
            SchemaKind::Type(_) => {}
            SchemaKind::OneOf { one_of: list }
            | SchemaKind::AllOf { all_of: list }
            | SchemaKind::AnyOf { any_of: list } => list.iter_mut().for_each(|s| self.reference(s)),
            SchemaKind::Not { not } => self.reference(not),
            SchemaKind::Any(any) => {
                any.properties.values_mut().for_each(|p| self.boxed(p));
                any.items.iter_mut().for_each(|i| self.boxed(i));
                self.additional(&mut any.additional_properties);
                for list in [&mut any.one_of, &mut any.all_of, &mut any.any_of] {
                    list.iter_mut().for_each(|s| self.reference(s));
                }
                if let Some(not) = &mut any.not {
                    self.reference(not);
                }
            }
        }
    }
}
