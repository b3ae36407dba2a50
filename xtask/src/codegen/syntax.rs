//! What the passes over progenitor's output share: finding its modules, the names a piece of
//! code mentions, and each operation builder's `send`.

use std::collections::BTreeSet;

use anyhow::Result;
use proc_macro2::{TokenStream, TokenTree};

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
