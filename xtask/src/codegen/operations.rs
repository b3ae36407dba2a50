//! What the spec says about each operation (method, path, scopes, rate-limit label,
//! documented Zoom error codes), generated as one `OperationDoc` constant per operation, and
//! the `Operation` impl that ties each progenitor request builder to its constant. The types
//! and the trait themselves are ordinary Rust in `zoom-api/src/support.rs`.

use std::collections::BTreeMap;

use anyhow::{Context, Result, bail};
use openapiv3::{OpenAPI, ReferenceOr, StatusCode};
use proc_macro2::TokenStream;
use quote::{format_ident, quote};
use syn::visit::Visit;
use zoom_convert::vocabulary;

/// One operation's docs, read from the spec.
struct Doc {
    id: String,
    method: String,
    path: String,
    scopes: Vec<String>,
    rate_limit: Option<String>,
    /// (status, code, message)
    error_codes: Vec<(u16, i64, String)>,
}

/// What progenitor generated for one operation: its builder and the types `send` returns.
pub struct Builder {
    pub name: syn::Ident,
    pub success: syn::Type,
    pub error: syn::Type,
}

/// The `operations` module, the `Operation` impls and the `for_each_operation!` macro.
/// `builders` are progenitor's, by operationId ([`builders`]); `tags` gate each operation on
/// its feature.
pub fn tokens(
    spec: &OpenAPI,
    builders: &BTreeMap<String, Builder>,
    tags: &BTreeMap<String, String>,
) -> Result<TokenStream> {
    let mut docs = docs(spec)?;
    docs.sort_by(|a, b| a.id.cmp(&b.id));
    let consts = docs.iter().map(doc_const);
    let all = docs.iter().map(|doc| const_name(&doc.id));
    let mut impls = Vec::new();
    let mut by_tag: BTreeMap<Option<&String>, Vec<&syn::Ident>> = BTreeMap::new();
    for doc in &docs {
        let Some(builder) = builders.get(&doc.id) else {
            bail!("progenitor generated no builder for operation '{}'", doc.id);
        };
        let Builder {
            name,
            success,
            error,
        } = builder;
        let tag = tags.get(&doc.id);
        let gate = tag.map(|tag| quote!(#[cfg(feature = #tag)]));
        let constant = const_name(&doc.id);
        impls.push(quote! {
            #gate
            crate::support::impl_operation!(#name, #constant, #success, #error);
        });
        by_tag.entry(tag).or_default().push(name);
    }
    // A `#[cfg]` inside an exported macro's expansion is evaluated in the crate that calls
    // it, against that crate's features; so each tag gets a macro of its own, defined here
    // one way or the other depending on zoom-api's own features.
    let mut per_tag = Vec::new();
    let mut calls = Vec::new();
    for (tag, names) in &by_tag {
        let macro_name = format_ident!(
            "__for_each_{}_operation",
            tag.map_or("untagged", |t| t.as_str())
        );
        let (on, off) = match tag {
            Some(tag) => (
                quote!(#[cfg(feature = #tag)]),
                Some(quote!(#[cfg(not(feature = #tag))])),
            ),
            None => (quote!(), None),
        };
        per_tag.push(quote! {
            #on
            #[doc(hidden)]
            #[macro_export]
            macro_rules! #macro_name {
                ($callback:ident) => { #( $callback!(#names); )* };
            }
        });
        if let Some(off) = off {
            per_tag.push(quote! {
                #off
                #[doc(hidden)]
                #[macro_export]
                macro_rules! #macro_name {
                    ($callback:ident) => {};
                }
            });
        }
        calls.push(quote!($crate::#macro_name!($callback);));
    }
    Ok(quote! {
        #(#per_tag)*

        /// Expands `$callback!(Builder)` once for every operation's request builder type
        /// (`zoom_api::builder::Builder`) that zoom-api's features turn on, to reach every
        /// operation from generic code.
        #[macro_export]
        macro_rules! for_each_operation {
            ($callback:ident) => {
                #( #calls )*
            };
        }

        /// What the API documentation says about each operation.
        pub mod operations {
            pub use crate::support::{ErrorCode, OperationDoc, find};

            #(#consts)*

            /// Every operation, sorted by id.
            pub static ALL: &[OperationDoc] = &[#(#all),*];
        }

        #(#impls)*
    })
}

fn doc_const(doc: &Doc) -> TokenStream {
    let name = const_name(&doc.id);
    let id = &doc.id;
    let method = doc.method.to_ascii_uppercase();
    let path = &doc.path;
    let scopes = &doc.scopes;
    let rate_limit = match &doc.rate_limit {
        Some(label) => quote!(Some(#label)),
        None => quote!(None),
    };
    let codes = doc.error_codes.iter().map(|(status, code, message)| {
        quote!(ErrorCode { status: #status, code: #code, message: #message })
    });
    let comment = format!("`{method} {path}`");
    quote! {
        #[doc = #comment]
        pub const #name: OperationDoc = OperationDoc {
            id: #id,
            method: #method,
            path: #path,
            scopes: &[#(#scopes),*],
            rate_limit: #rate_limit,
            error_codes: &[#(#codes),*],
        };
    }
}

fn const_name(id: &str) -> syn::Ident {
    format_ident!("{}", id.to_ascii_uppercase())
}

fn docs(spec: &OpenAPI) -> Result<Vec<Doc>> {
    let mut out = Vec::new();
    for (path, item) in &spec.paths.paths {
        let ReferenceOr::Item(item) = item else {
            bail!("path {path} is a reference, which the generator does not follow");
        };
        for (method, operation) in item.iter() {
            let id = operation
                .operation_id
                .clone()
                .with_context(|| format!("{method} {path} has no operationId"))?;
            let scopes = operation
                .security
                .iter()
                .flatten()
                .filter_map(|requirement| requirement.get(vocabulary::OAUTH2))
                .flatten()
                .cloned()
                .collect();
            let rate_limit = operation
                .extensions
                .get(vocabulary::RATE_LIMIT)
                .and_then(|v| v.as_str())
                .map(str::to_owned);
            let mut error_codes = Vec::new();
            for (status, response) in &operation.responses.responses {
                let (StatusCode::Code(status), ReferenceOr::Item(response)) = (status, response)
                else {
                    continue;
                };
                let codes = response.extensions.get(vocabulary::ERROR_CODES);
                for code in codes.and_then(|c| c.as_array()).into_iter().flatten() {
                    let (Some(number), Some(message)) =
                        (code["code"].as_i64(), code["message"].as_str())
                    else {
                        bail!("{id}: malformed {} entry {code}", vocabulary::ERROR_CODES);
                    };
                    error_codes.push((*status, number, message.to_owned()));
                }
            }
            out.push(Doc {
                id,
                method: method.to_owned(),
                path: path.clone(),
                scopes,
                rate_limit,
                error_codes,
            });
        }
    }
    Ok(out)
}

/// Every request builder progenitor generated, by the operationId its `send` passes to
/// `OperationInfo`, with the success and error types `send` returns.
pub fn builders(client: &syn::File) -> Result<BTreeMap<String, Builder>> {
    let builder_mod = client
        .items
        .iter()
        .find_map(|item| match item {
            syn::Item::Mod(m) if m.ident == "builder" => m.content.as_ref(),
            _ => None,
        })
        .context("progenitor's output has no `builder` module")?;
    let mut out = BTreeMap::new();
    for item in &builder_mod.1 {
        let syn::Item::Impl(block) = item else {
            continue;
        };
        let syn::Type::Path(self_ty) = block.self_ty.as_ref() else {
            continue;
        };
        let Some(name) = self_ty.path.segments.last().map(|s| s.ident.clone()) else {
            continue;
        };
        for impl_item in &block.items {
            let syn::ImplItem::Fn(function) = impl_item else {
                continue;
            };
            if function.sig.ident != "send" {
                continue;
            }
            let mut finder = OperationIdFinder(None);
            finder.visit_block(&function.block);
            let Some(id) = finder.0 else {
                continue;
            };
            let syn::ReturnType::Type(_, returned) = &function.sig.output else {
                continue;
            };
            let [success, error] = generic_args(returned, "Result")?;
            let [success] = generic_args(&success, "ResponseValue")?;
            let [error] = generic_args(&error, "Error")?;
            out.insert(
                id,
                Builder {
                    name: name.clone(),
                    success,
                    error,
                },
            );
        }
    }
    Ok(out)
}

/// Finds `OperationInfo { operation_id: "..." }` in a function body.
struct OperationIdFinder(Option<String>);

impl<'ast> Visit<'ast> for OperationIdFinder {
    fn visit_expr_struct(&mut self, node: &'ast syn::ExprStruct) {
        if node.path.is_ident("OperationInfo") {
            for field in &node.fields {
                if let (
                    syn::Member::Named(member),
                    syn::Expr::Lit(syn::ExprLit {
                        lit: syn::Lit::Str(id),
                        ..
                    }),
                ) = (&field.member, &field.expr)
                    && member == "operation_id"
                {
                    self.0 = Some(id.value());
                }
            }
        }
        syn::visit::visit_expr_struct(self, node);
    }
}

/// `[A, B]` of `Outer<A, B>`.
fn generic_args<const N: usize>(ty: &syn::Type, outer: &str) -> Result<[syn::Type; N]> {
    let unexpected = || anyhow::anyhow!("expected {outer}<..>, found {}", quote!(#ty));
    let syn::Type::Path(path) = ty else {
        return Err(unexpected());
    };
    let last = path.path.segments.last().context("empty type path")?;
    let syn::PathArguments::AngleBracketed(args) = &last.arguments else {
        return Err(unexpected());
    };
    if last.ident != outer {
        return Err(unexpected());
    }
    let types: Vec<syn::Type> = args
        .args
        .iter()
        .filter_map(|a| match a {
            syn::GenericArgument::Type(t) => Some(t.clone()),
            _ => None,
        })
        .collect();
    types
        .try_into()
        .map_err(|_| anyhow::anyhow!("unexpected arguments in {}", quote!(#ty)))
}
