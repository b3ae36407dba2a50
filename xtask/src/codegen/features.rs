//! Cargo features per tag: a crate that needs only some of Zoom's endpoints compiles only
//! those. Each operation's builder, client method and `Operation` impl is gated on its tag's
//! feature; each type on the features of the operations that use it, directly or through
//! other types. Types no operation uses (`ZoomError`) and the operation docs stay ungated.

use std::collections::{BTreeMap, BTreeSet};

use anyhow::{Result, bail};
use openapiv3::{OpenAPI, ReferenceOr};
use proc_macro2::TokenStream;
use quote::{ToTokens, quote};

use super::syntax::{idents, module};

/// The feature that turns every tag on.
pub const ALL: &str = "all";

/// operationId -> tag (the feature), from the spec.
pub fn operation_tags(spec: &OpenAPI) -> BTreeMap<String, String> {
    let mut out = BTreeMap::new();
    for item in spec.paths.paths.values() {
        let ReferenceOr::Item(item) = item else {
            continue;
        };
        for (_, operation) in item.iter() {
            if let (Some(id), Some(tag)) = (&operation.operation_id, operation.tags.first()) {
                out.insert(id.clone(), tag.clone());
            }
        }
    }
    out
}

/// Every tag, sorted: the crate's features.
pub fn tags(spec: &OpenAPI) -> BTreeSet<String> {
    operation_tags(spec).into_values().collect()
}

/// The section a tag belongs to in Zoom's docs, when that is another tag: Zoom lists "Get
/// past meeting details" under Meetings, so `past_meetings` (and `live_meetings`) are part of
/// `meetings`. A tag `<word>_<other>` belongs to `<other>` when that is a tag too.
pub fn section(tag: &str, tags: &BTreeSet<String>) -> Option<String> {
    let (_, rest) = tag.split_once('_')?;
    tags.contains(rest).then(|| rest.to_owned())
}

/// The `[features]` table of zoom-api's manifest: one feature per tag, and a section's
/// feature turns on its parts.
pub fn manifest_table(spec: &OpenAPI) -> String {
    let tags = tags(spec);
    let mut out = String::from("[features]\ndefault = [\"all\"]\n");
    let quoted: Vec<String> = tags.iter().map(|t| format!("\"{t}\"")).collect();
    out.push_str(&format!("{ALL} = [{}]\n", quoted.join(", ")));
    for tag in &tags {
        let parts: Vec<String> = tags
            .iter()
            .filter(|other| section(other, &tags).as_deref() == Some(tag.as_str()))
            .map(|part| format!("\"{part}\""))
            .collect();
        out.push_str(&format!("{tag} = [{}]\n", parts.join(", ")));
    }
    // Reading request bodies is opt-in: see `codegen::request_only`.
    out.push_str(&format!("{} = []\n", super::request_only::FEATURE));
    // The types' JSON schemas for the `zoom` command line, which also reads bodies as JSON.
    out.push_str(&format!(
        "cli = [\"dep:schemars\", \"{}\"]\n",
        super::request_only::FEATURE
    ));
    out
}

/// `feature = "a"` or `any(feature = "a", feature = "b")`.
fn predicate(features: &BTreeSet<String>) -> TokenStream {
    let names = features.iter();
    if features.len() == 1 {
        quote!(feature = #(#names)*)
    } else {
        quote!(any(#(feature = #names),*))
    }
}

fn cfg(features: &BTreeSet<String>) -> syn::Attribute {
    let predicate = predicate(features);
    syn::parse_quote!(#[cfg(#predicate)])
}

/// The gate of an item that needs several types (`impl From<A> for B`): all of them.
fn cfg_all(each: &[&BTreeSet<String>]) -> Option<syn::Attribute> {
    match each {
        [] => None,
        [one] => Some(cfg(one)),
        many => {
            let predicates = many.iter().map(|f| predicate(f));
            Some(syn::parse_quote!(#[cfg(all(#(#predicates),*))]))
        }
    }
}

fn last_ident(ty: &syn::Type) -> Option<String> {
    match ty {
        syn::Type::Path(path) => path.path.segments.last().map(|s| s.ident.to_string()),
        _ => None,
    }
}

fn item_name(item: &syn::Item) -> Option<String> {
    match item {
        syn::Item::Struct(s) => Some(s.ident.to_string()),
        syn::Item::Enum(e) => Some(e.ident.to_string()),
        syn::Item::Impl(i) => last_ident(&i.self_ty),
        _ => None,
    }
}

fn attrs(item: &mut syn::Item) -> Option<&mut Vec<syn::Attribute>> {
    match item {
        syn::Item::Struct(s) => Some(&mut s.attrs),
        syn::Item::Enum(e) => Some(&mut e.attrs),
        syn::Item::Impl(i) => Some(&mut i.attrs),
        _ => None,
    }
}

/// Every type's features: the tags of the operations whose builders name it, directly or
/// through other types.
fn features_of_types<'t>(
    file: &mut syn::File,
    tag_of_builder: &dyn Fn(&str) -> Option<&'t String>,
) -> Result<BTreeMap<String, BTreeSet<String>>> {
    let type_names: BTreeSet<String> = match module(file, "types") {
        Some(items) => items
            .iter()
            .filter(|i| matches!(i, syn::Item::Struct(_) | syn::Item::Enum(_)))
            .filter_map(item_name)
            .collect(),
        None => bail!("progenitor's output has no `types` module"),
    };
    // Which types each type names.
    let mut type_deps: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for item in module(file, "types").into_iter().flatten() {
        let Some(name) = item_name(item) else {
            continue;
        };
        let mut used = BTreeSet::new();
        idents(item.to_token_stream(), &mut used);
        let deps = type_deps.entry(name.clone()).or_default();
        deps.extend(
            used.into_iter()
                .filter(|u| type_names.contains(u) && *u != name),
        );
    }
    let Some(builder_items) = module(file, "builder") else {
        bail!("progenitor's output has no `builder` module");
    };
    let mut features_of_type: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for item in builder_items.iter() {
        let Some(tag) = item_name(item).and_then(|name| tag_of_builder(&name)) else {
            continue;
        };
        let mut used = BTreeSet::new();
        idents(item.to_token_stream(), &mut used);
        // The closure over type dependencies.
        let mut pending: Vec<String> = used
            .into_iter()
            .filter(|u| type_names.contains(u))
            .collect();
        while let Some(ty) = pending.pop() {
            if features_of_type
                .entry(ty.clone())
                .or_default()
                .insert(tag.clone())
            {
                pending.extend(type_deps.get(&ty).into_iter().flatten().cloned());
            }
        }
    }
    Ok(features_of_type)
}

/// Gates the generated file. `builders` maps a builder type name to its operationId.
pub fn gate(
    file: &mut syn::File,
    operation_tags: &BTreeMap<String, String>,
    builders: &BTreeMap<String, String>,
) -> Result<()> {
    let tag_of_builder = |name: &str| builders.get(name).and_then(|id| operation_tags.get(id));
    let features_of_type = features_of_types(file, &tag_of_builder)?;

    // Gate builders.
    for item in module(file, "builder").into_iter().flatten() {
        let name = item_name(item);
        if let (Some(tag), Some(attrs)) = (name.as_deref().and_then(tag_of_builder), attrs(item)) {
            attrs.push(cfg(&BTreeSet::from([tag.clone()])));
        }
        if let syn::Item::Use(using) = item {
            using
                .attrs
                .push(syn::parse_quote!(#[allow(unused_imports)]));
        }
    }
    // Gate types, their impls, and their struct builders.
    let gate_types = |items: &mut Vec<syn::Item>| {
        for item in items.iter_mut() {
            // An impl needs every gated type its header names (`impl From<A> for i64`).
            let named: BTreeSet<String> = match &*item {
                syn::Item::Impl(block) => {
                    let mut header = BTreeSet::new();
                    idents(block.self_ty.to_token_stream(), &mut header);
                    if let Some((path, _)) = &block.trait_ {
                        idents(path.to_token_stream(), &mut header);
                    }
                    header
                }
                other => item_name(other).into_iter().collect(),
            };
            let needed: Vec<&BTreeSet<String>> = named
                .iter()
                .filter_map(|n| features_of_type.get(n))
                .collect();
            if let (Some(attribute), Some(attrs)) = (cfg_all(&needed), attrs(item)) {
                attrs.push(attribute);
            }
        }
    };
    if let Some(items) = module(file, "types") {
        gate_types(items);
        for item in items.iter_mut() {
            if let syn::Item::Mod(inner) = item
                && inner.ident == "builder"
                && let Some((_, inner_items)) = inner.content.as_mut()
            {
                gate_types(inner_items);
            }
        }
    }
    // Gate client methods (`Operation` impls come gated from `operations`).
    for item in &mut file.items {
        let syn::Item::Impl(block) = item else {
            continue;
        };
        let self_name = last_ident(&block.self_ty).unwrap_or_default();
        if block.trait_.is_none() && self_name == "Client" {
            let tags: BTreeSet<String> = operation_tags.values().cloned().collect();
            for member in &mut block.items {
                if let syn::ImplItem::Fn(function) = member
                    && let Some(tag) = operation_tags.get(&function.sig.ident.to_string())
                {
                    let feature = match section(tag, &tags) {
                        Some(section) => {
                            format!("\n\nCargo feature: `{tag}` (also turned on by `{section}`).")
                        }
                        None => format!("\n\nCargo feature: `{tag}`."),
                    };
                    function.attrs.push(syn::parse_quote!(#[doc = #feature]));
                    function.attrs.push(cfg(&BTreeSet::from([tag.clone()])));
                }
            }
        }
    }
    Ok(())
}
