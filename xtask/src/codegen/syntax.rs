//! What the passes over progenitor's output share: finding its modules, the names a piece of
//! code mentions, each operation builder's `send`, and a type's derive lists.

use std::collections::BTreeSet;

use anyhow::Result;
use proc_macro2::{TokenStream, TokenTree};
use quote::ToTokens;
use syn::punctuated::Punctuated;

/// The items of the top-level module `name` (`types`, `builder`).
pub fn module<'a>(file: &'a mut syn::File, name: &str) -> Option<&'a mut Vec<syn::Item>> {
    file.items.iter_mut().find_map(|item| match item {
        syn::Item::Mod(m) if m.ident == name => m.content.as_mut().map(|(_, items)| items),
        _ => None,
    })
}

/// Every identifier in `tokens`.
pub fn idents(tokens: TokenStream, out: &mut BTreeSet<String>) {
    for tree in tokens {
        match tree {
            TokenTree::Ident(ident) => {
                out.insert(ident.to_string());
            }
            TokenTree::Group(group) => idents(group.stream(), out),
            _ => {}
        }
    }
}

/// Calls `f` with each operation builder's type and its `send` (by whichever name it has
/// then: `send`, or `send_raw` once renamed). Returns how many.
pub fn each_send(
    file: &mut syn::File,
    mut f: impl FnMut(&syn::Type, &mut syn::ImplItemFn) -> Result<()>,
) -> Result<usize> {
    let mut count = 0;
    for item in module(file, "builder").into_iter().flatten() {
        let syn::Item::Impl(block) = item else {
            continue;
        };
        for member in &mut block.items {
            if let syn::ImplItem::Fn(function) = member
                && matches!(function.sig.ident.to_string().as_str(), "send" | "send_raw")
            {
                f(&block.self_ty, function)?;
                count += 1;
            }
        }
    }
    Ok(count)
}

/// serde's `Deserialize` as [`derives`] spells it.
pub const DESERIALIZE: &str = ":: serde :: Deserialize";

/// The paths in the type's unconditional `#[derive(...)]` lists (`Default`,
/// `:: serde :: Deserialize`).
pub fn derives(attrs: &[syn::Attribute]) -> Vec<String> {
    attrs
        .iter()
        .filter_map(derive_list)
        .flatten()
        .map(|path| path.to_token_stream().to_string())
        .collect()
}

/// Takes `derive` (spelled as [`derives`] spells it) out of the type's derive list; the index
/// of the attribute it was in.
pub fn remove_derive(attrs: &mut [syn::Attribute], derive: &str) -> Option<usize> {
    let is_it = |path: &syn::Path| path.to_token_stream().to_string() == derive;
    let position = attrs
        .iter()
        .position(|attr| derive_list(attr).is_some_and(|list| list.iter().any(is_it)))?;
    let list = derive_list(&attrs[position])?;
    let rest = list.iter().filter(|path| !is_it(path));
    attrs[position] = syn::parse_quote!(#[derive(#(#rest),*)]);
    Some(position)
}

fn derive_list(attr: &syn::Attribute) -> Option<Punctuated<syn::Path, syn::Token![,]>> {
    if !attr.path().is_ident("derive") {
        return None;
    }
    attr.parse_args_with(Punctuated::parse_terminated).ok()
}
