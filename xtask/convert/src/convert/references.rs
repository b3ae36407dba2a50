//! Points every schema reference of the spec at its component's final name. Names are
//! chosen after all operations are converted (`schema::Components::finish`), so schemas are
//! built with placeholder references and rewritten here, in place, once.

use std::collections::HashMap;

use openapiv3::{
    AdditionalProperties, MediaType, OpenAPI, Parameter, ParameterSchemaOrContent, ReferenceOr,
    Schema, SchemaKind, Type,
};

/// Rewrites the references in component schemas, parameters, request bodies and responses.
pub fn resolve(spec: &mut OpenAPI, names: &HashMap<String, String>) {
    let resolver = Resolver(names);
    if let Some(components) = &mut spec.components {
        components
            .schemas
            .values_mut()
            .for_each(|s| resolver.reference(s));
    }
    for path in spec.paths.paths.values_mut() {
        let ReferenceOr::Item(path) = path else {
            continue;
        };
        let operations = [
            &mut path.get,
            &mut path.put,
            &mut path.post,
            &mut path.delete,
            &mut path.options,
            &mut path.head,
            &mut path.patch,
            &mut path.trace,
        ];
        for operation in operations.into_iter().flatten() {
            for parameter in &mut operation.parameters {
                if let ReferenceOr::Item(parameter) = parameter {
                    resolver.parameter(parameter);
                }
            }
            if let Some(ReferenceOr::Item(body)) = &mut operation.request_body {
                body.content.values_mut().for_each(|m| resolver.media(m));
            }
            for response in operation.responses.responses.values_mut() {
                if let ReferenceOr::Item(response) = response {
                    response
                        .content
                        .values_mut()
                        .for_each(|m| resolver.media(m));
                }
            }
        }
    }
}

struct Resolver<'a>(&'a HashMap<String, String>);

impl Resolver<'_> {
    fn parameter(&self, parameter: &mut Parameter) {
        let data = match parameter {
            Parameter::Query { parameter_data, .. }
            | Parameter::Header { parameter_data, .. }
            | Parameter::Path { parameter_data, .. }
            | Parameter::Cookie { parameter_data, .. } => parameter_data,
        };
        match &mut data.format {
            ParameterSchemaOrContent::Schema(schema) => self.reference(schema),
            ParameterSchemaOrContent::Content(content) => {
                content.values_mut().for_each(|m| self.media(m))
            }
        }
    }

    fn media(&self, media: &mut MediaType) {
        if let Some(schema) = &mut media.schema {
            self.reference(schema);
        }
    }

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
