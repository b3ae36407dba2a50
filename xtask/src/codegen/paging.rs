//! Which operations Zoom pages with `next_page_token`, and where their items are: for each,
//! `impl_paged!(Builder, items_field, ItemType)`, so zoom-ext can stream every page.
//!
//! An operation pages when it takes a `next_page_token` query parameter and its success
//! type has a `next_page_token` field and exactly one list of records (a component type):
//! that list holds the items.

use std::collections::BTreeMap;

use openapiv3::{OpenAPI, Parameter, ReferenceOr, Schema, SchemaKind, StatusCode, Type};
use proc_macro2::TokenStream;
use quote::quote;

use super::operations::Builder;

const TOKEN: &str = "next_page_token";

/// operationId -> the JSON name of the property holding the items, for paged operations.
pub fn paged_operations(spec: &OpenAPI) -> BTreeMap<String, String> {
    let mut out = BTreeMap::new();
    for item in spec.paths.paths.values() {
        let ReferenceOr::Item(item) = item else {
            continue;
        };
        for (_, operation) in item.iter() {
            let takes_token = operation.parameters.iter().any(|p| {
                matches!(p, ReferenceOr::Item(Parameter::Query { parameter_data, .. })
                    if parameter_data.name == TOKEN)
            });
            let (Some(id), true) = (&operation.operation_id, takes_token) else {
                continue;
            };
            let success =
                operation
                    .responses
                    .responses
                    .iter()
                    .find_map(|(status, response)| match (status, response) {
                        (StatusCode::Code(200..=299), ReferenceOr::Item(response)) => response
                            .content
                            .get("application/json")
                            .and_then(|media| media.schema.as_ref()),
                        _ => None,
                    });
            let Some(Type::Object(object)) = success.and_then(|s| object_type(spec, s)) else {
                continue;
            };
            let lists: Vec<&String> = object
                .properties
                .iter()
                .filter(|(_, property)| {
                    matches!(property, ReferenceOr::Item(schema)
                        if matches!(schema.schema_kind, SchemaKind::Type(Type::Array(_))))
                })
                .map(|(name, _)| name)
                .collect();
            // Items of a type of their own (a component): a list of plain values or of any
            // JSON is not a list of records to stream.
            let of_records = |name: &String| {
                matches!(object.properties.get(name), Some(ReferenceOr::Item(schema))
                    if matches!(&schema.schema_kind, SchemaKind::Type(Type::Array(array))
                        if matches!(array.items, Some(ReferenceOr::Reference { .. }))))
            };
            let lists: Vec<&String> = lists.into_iter().filter(|name| of_records(name)).collect();
            if let ([items], true) = (lists.as_slice(), object.properties.contains_key(TOKEN)) {
                out.insert(id.clone(), (*items).clone());
            }
        }
    }
    out
}

fn object_type<'a>(spec: &'a OpenAPI, schema: &'a ReferenceOr<Schema>) -> Option<&'a Type> {
    let schema = match schema {
        ReferenceOr::Item(schema) => schema,
        ReferenceOr::Reference { reference } => {
            let name = reference.rsplit('/').next()?;
            match spec.components.as_ref()?.schemas.get(name)? {
                ReferenceOr::Item(schema) => schema,
                ReferenceOr::Reference { .. } => return None,
            }
        }
    };
    match &schema.schema_kind {
        SchemaKind::Type(kind) => Some(kind),
        _ => None,
    }
}

/// `impl_paged!` for every paged operation whose success type progenitor generated with the
/// items field as a `Vec`; `tags` gate each on its feature.
pub fn tokens(
    spec: &OpenAPI,
    client: &syn::File,
    builders: &BTreeMap<String, Builder>,
    tags: &BTreeMap<String, String>,
) -> TokenStream {
    let structs = success_structs(client);
    let mut out = TokenStream::new();
    for (id, items) in paged_operations(spec) {
        let Some(builder) = builders.get(&id) else {
            continue;
        };
        let Some(fields) = last_ident(&builder.success).and_then(|name| structs.get(&name)) else {
            continue;
        };
        let Some((field, item)) = fields.get(&items) else {
            continue;
        };
        let name = &builder.name;
        let gate = tags.get(&id).map(|tag| quote!(#[cfg(feature = #tag)]));
        out.extend(quote! {
            #gate
            crate::support::impl_paged!(#name, #field, types::#item);
        });
    }
    out
}

/// Struct name -> JSON property name -> (Rust field, the `T` of its `Vec<T>`), for the
/// structs of progenitor's `types` module.
fn success_structs(
    client: &syn::File,
) -> BTreeMap<String, BTreeMap<String, (syn::Ident, syn::Type)>> {
    let mut out = BTreeMap::new();
    let types = client.items.iter().find_map(|item| match item {
        syn::Item::Mod(m) if m.ident == "types" => m.content.as_ref(),
        _ => None,
    });
    for item in types.map(|(_, items)| items.as_slice()).unwrap_or_default() {
        let syn::Item::Struct(s) = item else {
            continue;
        };
        let mut fields = BTreeMap::new();
        for field in &s.fields {
            let Some(ident) = &field.ident else {
                continue;
            };
            let json = serde_rename(&field.attrs).unwrap_or_else(|| ident.to_string());
            if let Some(item) = vec_item(&field.ty) {
                fields.insert(json, (ident.clone(), item));
            }
        }
        out.insert(s.ident.to_string(), fields);
    }
    out
}

fn serde_rename(attrs: &[syn::Attribute]) -> Option<String> {
    let mut renamed = None;
    for attr in attrs.iter().filter(|a| a.path().is_ident("serde")) {
        let _ = attr.parse_nested_meta(|meta| {
            if meta.path.is_ident("rename") {
                renamed = Some(meta.value()?.parse::<syn::LitStr>()?.value());
            } else if meta.input.peek(syn::Token![=]) {
                meta.value()?.parse::<syn::Expr>()?;
            }
            Ok(())
        });
    }
    renamed
}

/// `T` of `::std::vec::Vec<T>` where `T` is a plain type name.
fn vec_item(ty: &syn::Type) -> Option<syn::Type> {
    let syn::Type::Path(path) = ty else {
        return None;
    };
    let last = path.path.segments.last()?;
    if last.ident != "Vec" {
        return None;
    }
    let syn::PathArguments::AngleBracketed(args) = &last.arguments else {
        return None;
    };
    match args.args.first()? {
        // A type of progenitor's `types` module: one segment, a type's capital.
        syn::GenericArgument::Type(item @ syn::Type::Path(inner))
            if inner.path.segments.len() == 1
                && inner.path.segments[0]
                    .ident
                    .to_string()
                    .starts_with(char::is_uppercase) =>
        {
            Some(item.clone())
        }
        _ => None,
    }
}

fn last_ident(ty: &syn::Type) -> Option<String> {
    match ty {
        syn::Type::Path(path) => path.path.segments.last().map(|s| s.ident.to_string()),
        _ => None,
    }
}
