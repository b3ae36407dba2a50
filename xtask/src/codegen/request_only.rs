//! `Deserialize` for request-only types behind a feature. serde's derived `Deserialize` is
//! about two thirds of zoom-api's own compile time (measured: the crate checks in ~3.6 s
//! without serde derives, ~11 s with them, `Serialize` adding little), and 227 of the 539
//! types are parts of request bodies only: the client serializes them and never reads them.
//! Their `Deserialize` stays one feature away (`deserialize-requests`, which `cli` turns on
//! to read bodies given as JSON) for callers who load a body from a file.

use std::collections::BTreeSet;

use anyhow::{Context, Result};
use quote::ToTokens;

use super::builders::{built_types, reachable};
use super::syntax::{DESERIALIZE, each_send, idents, module, remove_derive};

/// The feature that turns `Deserialize` of request-only types back on.
pub const FEATURE: &str = "deserialize-requests";

/// Moves `Deserialize` of every request-only type behind [`FEATURE`]. Returns how many.
pub fn gate(file: &mut syn::File) -> Result<usize> {
    let requests = built_types(file)?;
    let named = response_types(file)?;
    let responses = reachable(file, named)?;
    let types = module(file, "types").context("progenitor's output has no `types` module")?;
    let mut count = 0;
    for item in types.iter_mut() {
        let (ident, attrs) = match item {
            syn::Item::Struct(s) => (&s.ident, &mut s.attrs),
            syn::Item::Enum(e) => (&e.ident, &mut e.attrs),
            _ => continue,
        };
        let name = ident.to_string();
        if requests.contains(&name) && !responses.contains(&name) && ungate(attrs) {
            count += 1;
        }
    }
    Ok(count)
}

/// Every type an operation's success or error response names.
fn response_types(file: &mut syn::File) -> Result<BTreeSet<String>> {
    let mut named = BTreeSet::new();
    each_send(file, |_, function| {
        idents(function.sig.output.to_token_stream(), &mut named);
        Ok(())
    })?;
    Ok(named)
}

/// Takes `::serde::Deserialize` out of the derive list and derives it under [`FEATURE`].
fn ungate(attrs: &mut Vec<syn::Attribute>) -> bool {
    let Some(position) = remove_derive(attrs, DESERIALIZE) else {
        return false;
    };
    attrs.insert(
        position + 1,
        syn::parse_quote!(#[cfg_attr(feature = #FEATURE, derive(::serde::Deserialize))]),
    );
    true
}

#[cfg(test)]
mod tests {
    use quote::quote;

    #[test]
    fn only_types_no_response_names_lose_deserialize() {
        let mut file: syn::File = syn::parse2(quote! {
            pub mod types {
                #[derive(::serde::Deserialize, ::serde::Serialize, Clone)]
                pub struct Body { pub part: Part, pub shared: Shared }
                #[derive(::serde::Deserialize, ::serde::Serialize)]
                pub struct Part { pub x: i64 }
                #[derive(::serde::Deserialize, ::serde::Serialize)]
                pub struct Shared { pub x: i64 }
                #[derive(::serde::Deserialize, ::serde::Serialize)]
                pub struct Reply { pub shared: Shared }
                pub mod builder {}
            }
            pub mod builder {
                pub struct Send<'a> { body: Result<types::builder::Body, String> }
                impl<'a> Send<'a> {
                    pub async fn send(self) -> Result<ResponseValue<types::Reply>, Error<()>> {}
                }
            }
        })
        .unwrap();
        assert_eq!(super::gate(&mut file).unwrap(), 2);
        let text = quote!(#file).to_string();
        let gated = "# [derive (:: serde :: Serialize , Clone)] # [cfg_attr (feature = \"deserialize-requests\" , derive (:: serde :: Deserialize))] pub struct Body";
        assert!(text.contains(gated), "{text}");
        assert!(text.contains("derive (:: serde :: Serialize)] # [cfg_attr (feature = \"deserialize-requests\" , derive (:: serde :: Deserialize))] pub struct Part"), "{text}");
        assert!(
            text.contains(
                "# [derive (:: serde :: Deserialize , :: serde :: Serialize)] pub struct Shared"
            ),
            "{text}"
        );
        assert!(
            text.contains(
                "# [derive (:: serde :: Deserialize , :: serde :: Serialize)] pub struct Reply"
            ),
            "{text}"
        );
    }
}
