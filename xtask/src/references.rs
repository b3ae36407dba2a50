//! Points every schema reference of a spec at its final component name. Component names are
//! chosen after all operations are converted (`schema::Components::finish`), so the spec is
//! built with placeholders and rewritten here, in place.

use std::collections::HashMap;

use openapiv3::{
    AdditionalProperties, OpenAPI, Parameter, ParameterSchemaOrContent, ReferenceOr, Schema,
    SchemaKind, Type,
};

/// Rewrites the references inside one schema.
pub fn resolve_schema(schema: &mut Schema, names: &HashMap<String, String>) {
    Resolver(names).schema(schema);
}

pub fn resolve(spec: &mut OpenAPI, names: &HashMap<String, String>) {
    let resolver = Resolver(names);
    if let Some(components) = &mut spec.components {
        for schema in components.schemas.values_mut() {
            resolver.reference(schema);
        }
    }
    for item in spec.paths.paths.values_mut() {
        let ReferenceOr::Item(item) = item else {
            continue;
        };
        let operations = [
            &mut item.get,
            &mut item.put,
            &mut item.post,
            &mut item.delete,
            &mut item.options,
            &mut item.head,
            &mut item.patch,
            &mut item.trace,
        ];
        for operation in operations.into_iter().flatten() {
            resolve_operation(operation, names);
        }
    }
}

/// Rewrites the references of one operation.
pub fn resolve_operation(operation: &mut openapiv3::Operation, names: &HashMap<String, String>) {
    let resolver = Resolver(names);
    for parameter in &mut operation.parameters {
        if let ReferenceOr::Item(parameter) = parameter {
            let data = match parameter {
                Parameter::Query { parameter_data, .. }
                | Parameter::Header { parameter_data, .. }
                | Parameter::Path { parameter_data, .. }
                | Parameter::Cookie { parameter_data, .. } => parameter_data,
            };
            if let ParameterSchemaOrContent::Schema(schema) = &mut data.format {
                resolver.reference(schema);
            }
        }
    }
    if let Some(ReferenceOr::Item(body)) = &mut operation.request_body {
        for media in body.content.values_mut() {
            media.schema.iter_mut().for_each(|s| resolver.reference(s));
        }
    }
    for response in operation.responses.responses.values_mut() {
        if let ReferenceOr::Item(response) = response {
            for media in response.content.values_mut() {
                media.schema.iter_mut().for_each(|s| resolver.reference(s));
            }
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
