//! Struct builders (`types::builder::X`) only for the types a caller builds: the request
//! bodies that operations' `body_map` hands out, and the types those name, directly or
//! through other types. progenitor writes one for every struct, response types included,
//! which nobody builds; they were more than half of generated.rs and of zoom-api's compile
//! time. The types themselves keep every field, derive and doc; response-only types lose
//! their `builder()` function, their `types::builder::X` and its `From`/`TryFrom` impls.

use std::collections::BTreeSet;

use anyhow::{Context, Result};
use proc_macro2::TokenStream;
use quote::ToTokens;

use super::syntax::{idents, module};

/// Removes the struct builders of the types no request body needs. Returns how many stay.
pub fn prune(file: &mut syn::File) -> Result<usize> {
    let built = built_types(file)?;
    let types = module(file, "types").context("progenitor's output has no `types` module")?;
    for item in types.iter_mut() {
        if let syn::Item::Impl(block) = item
            && block.trait_.is_none()
            && self_name(block).is_some_and(|name| !built.contains(&name))
        {
            block.items.retain(
                |member| !matches!(member, syn::ImplItem::Fn(f) if f.sig.ident == "builder"),
            );
        }
    }
    types.retain(|item| !matches!(item, syn::Item::Impl(block) if block.items.is_empty()));
    let builder = types
        .iter_mut()
        .find_map(|item| match item {
            syn::Item::Mod(m) if m.ident == "builder" => m.content.as_mut().map(|(_, i)| i),
            _ => None,
        })
        .context("progenitor's output has no `types::builder` module")?;
    builder.retain(|item| match item {
        syn::Item::Struct(s) => built.contains(&s.ident.to_string()),
        syn::Item::Impl(block) => self_name(block).is_none_or(|name| built.contains(&name)),
        _ => true,
    });
    Ok(builder
        .iter()
        .filter(|item| matches!(item, syn::Item::Struct(_)))
        .count())
}

/// The body types of every operation builder (`body: Result<types::builder::X, String>`)
/// and every type they name, transitively.
pub(super) fn built_types(file: &mut syn::File) -> Result<BTreeSet<String>> {
    let operations =
        module(file, "builder").context("progenitor's output has no `builder` module")?;
    let mut pending: Vec<String> = Vec::new();
    for item in operations.iter() {
        let syn::Item::Struct(s) = item else {
            continue;
        };
        for field in &s.fields {
            if field.ident.as_ref().is_some_and(|i| i == "body") {
                let mut named = BTreeSet::new();
                idents(field.ty.to_token_stream(), &mut named);
                pending.extend(named);
            }
        }
    }
    reachable(file, pending)
}

/// The types `start` names and every type those name, transitively.
pub(super) fn reachable(
    file: &mut syn::File,
    start: impl IntoIterator<Item = String>,
) -> Result<BTreeSet<String>> {
    let mut pending: Vec<String> = start.into_iter().collect();
    let types = module(file, "types").context("progenitor's output has no `types` module")?;
    // Each type's definition, to follow the types it names.
    let definitions: std::collections::BTreeMap<String, TokenStream> = types
        .iter()
        .filter_map(|item| match item {
            syn::Item::Struct(s) => Some((s.ident.to_string(), s.to_token_stream())),
            syn::Item::Enum(e) => Some((e.ident.to_string(), e.to_token_stream())),
            _ => None,
        })
        .collect();
    let mut found = BTreeSet::new();
    while let Some(name) = pending.pop() {
        let Some(definition) = definitions.get(&name) else {
            continue;
        };
        if found.insert(name) {
            let mut named = BTreeSet::new();
            idents(definition.clone(), &mut named);
            pending.extend(named);
        }
    }
    Ok(found)
}

/// `X` of `impl .. for X` or `impl .. for super::X`.
fn self_name(block: &syn::ItemImpl) -> Option<String> {
    match block.self_ty.as_ref() {
        syn::Type::Path(path) => path.path.segments.last().map(|s| s.ident.to_string()),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use quote::quote;

    #[test]
    fn only_request_bodies_and_their_parts_keep_builders() {
        let mut file: syn::File = syn::parse2(quote! {
            pub mod types {
                pub struct Body { pub part: Part }
                pub struct Part { pub x: i64 }
                pub struct Response { pub x: i64 }
                impl Body { pub fn builder() -> builder::Body { Default::default() } }
                impl Part { pub fn builder() -> builder::Part { Default::default() } }
                impl Response { pub fn builder() -> builder::Response { Default::default() } }
                pub mod builder {
                    pub struct Body;
                    pub struct Part;
                    pub struct Response;
                    impl Response { pub fn x(self) -> Self { self } }
                    impl TryFrom<Response> for super::Response { }
                    impl From<super::Response> for Response { }
                    impl TryFrom<Body> for super::Body { }
                }
            }
            pub mod builder {
                pub struct Send<'a> { body: Result<types::builder::Body, String> }
                pub struct Get<'a> { id: Result<String, String> }
            }
        })
        .unwrap();
        assert_eq!(super::prune(&mut file).unwrap(), 2);
        let text = quote!(#file).to_string();
        assert!(!text.contains("Response { pub fn builder"), "{text}");
        assert!(!text.contains("struct Response ;"), "{text}");
        assert!(!text.contains("for super :: Response"), "{text}");
        assert!(
            text.contains("pub struct Response"),
            "the type itself stays: {text}"
        );
        assert!(text.contains("impl Part { pub fn builder"), "{text}");
        assert!(
            text.contains("impl TryFrom < Body > for super :: Body"),
            "{text}"
        );
    }
}
