//! Generates the `operations` module and the `Operation` trait: what the spec says about
//! each operation (method, path, scopes, rate-limit label, documented Zoom error codes),
//! attached to progenitor's request builders so generic code can send any of them and
//! explain its errors. Read from the spec only, never from Postman.

use std::collections::BTreeMap;

use anyhow::{Context, Result, bail};
use openapiv3::{OpenAPI, ReferenceOr, StatusCode};
use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use crate::convert::RATE_LIMIT_EXTENSION;
use crate::responses::ERROR_CODES_EXTENSION;
use crate::security::OAUTH2;

struct Doc {
    id: String,
    method: String,
    path: String,
    scopes: Vec<String>,
    rate_limit: Option<String>,
    /// (status, code, message)
    error_codes: Vec<(u16, i64, String)>,
}

pub fn tokens(spec: &OpenAPI, client: &syn::File) -> Result<TokenStream> {
    let docs = docs(spec)?;
    let builders = builder_signatures(client)?;

    let consts = docs.iter().map(|doc| {
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
    });
    let mut sorted: Vec<&Doc> = docs.iter().collect();
    sorted.sort_by(|a, b| a.id.cmp(&b.id));
    let all = sorted.iter().map(|doc| {
        let name = const_name(&doc.id);
        quote!(#name)
    });

    let impls = docs
        .iter()
        .map(|doc| {
            let Some(signature) = builders.get(&doc.id) else {
                bail!("progenitor generated no builder for operation '{}'", doc.id);
            };
            let builder = &signature.builder;
            let success = &signature.success;
            let error = &signature.error;
            let name = const_name(&doc.id);
            Ok(quote! {
                impl<'a> Operation for builder::#builder<'a> {
                    const DOC: &'static operations::OperationDoc = &operations::#name;
                    type Success = #success;
                    type ErrorBody = #error;
                    fn send(
                        self,
                    ) -> impl ::std::future::Future<
                        Output = Result<ResponseValue<Self::Success>, Error<Self::ErrorBody>>,
                    > + Send {
                        builder::#builder::send(self)
                    }
                }
            })
        })
        .collect::<Result<Vec<_>>>()?;
    let tags = crate::features::operation_tags(spec);
    let builders_in_order: Vec<TokenStream> = docs
        .iter()
        .filter_map(|doc| {
            let builder = &builders.get(&doc.id)?.builder;
            Some(match tags.get(&doc.id) {
                Some(tag) => crate::features::gated_callback(tag, builder),
                None => quote!($callback!(#builder);),
            })
        })
        .collect();

    Ok(quote! {
        /// Expands `$callback!(Builder)` once for every operation's request builder type
        /// (`zoom_api::builder::Builder`), to reach every operation from generic code.
        #[macro_export]
        macro_rules! for_each_operation {
            ($callback:ident) => {
                #( #builders_in_order )*
            };
        }

        /// What the API documentation says about each operation.
        pub mod operations {
            /// A Zoom error code that the docs list for one response status.
            #[derive(Debug, Clone, Copy, PartialEq, Eq)]
            pub struct ErrorCode {
                /// The HTTP status the docs list the code under.
                pub status: u16,
                /// Zoom's numeric code, as in the body's `code` field.
                pub code: i64,
                /// The documented meaning.
                pub message: &'static str,
            }

            /// One operation's documentation.
            #[derive(Debug, Clone, Copy, PartialEq, Eq)]
            pub struct OperationDoc {
                /// The `operationId`, also the client method's name.
                pub id: &'static str,
                /// The HTTP method, upper case.
                pub method: &'static str,
                /// The path template below the server URL.
                pub path: &'static str,
                /// OAuth scopes, any one of which grants access.
                pub scopes: &'static [&'static str],
                /// Zoom's rate-limit label (`Light`, `Medium`, `Heavy`, `Resource-intensive`).
                pub rate_limit: Option<&'static str>,
                /// Documented Zoom error codes.
                pub error_codes: &'static [ErrorCode],
            }

            impl OperationDoc {
                /// The documented meaning of Zoom error `code`, preferring the entry listed
                /// under `status`.
                pub fn error_code(&self, status: u16, code: i64) -> Option<&'static ErrorCode> {
                    let codes: &'static [ErrorCode] = self.error_codes;
                    codes
                        .iter()
                        .find(|c| c.code == code && c.status == status)
                        .or_else(|| codes.iter().find(|c| c.code == code))
                }
            }

            #(#consts)*

            /// Every operation, sorted by id.
            pub static ALL: &[OperationDoc] = &[#(#all),*];

            /// The operation with this `operationId`.
            pub fn find(id: &str) -> Option<&'static OperationDoc> {
                ALL.binary_search_by(|doc| doc.id.cmp(id)).ok().map(|i| &ALL[i])
            }
        }

        /// Implemented by every operation's request builder: generic code can send any
        /// operation and knows its documentation.
        pub trait Operation: Sized {
            /// What the docs say about this operation.
            const DOC: &'static operations::OperationDoc;
            /// The body of a successful response.
            type Success;
            /// The body of a documented error response.
            type ErrorBody;
            /// Sends the request.
            fn send(
                self,
            ) -> impl ::std::future::Future<
                Output = Result<ResponseValue<Self::Success>, Error<Self::ErrorBody>>,
            > + Send;
        }

        #(#impls)*
    })
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
                .filter_map(|requirement| requirement.get(OAUTH2))
                .flatten()
                .cloned()
                .collect();
            let rate_limit = operation
                .extensions
                .get(RATE_LIMIT_EXTENSION)
                .and_then(|v| v.as_str())
                .map(str::to_owned);
            let mut error_codes = Vec::new();
            for (status, response) in &operation.responses.responses {
                let (StatusCode::Code(status), ReferenceOr::Item(response)) = (status, response)
                else {
                    continue;
                };
                let Some(codes) = response.extensions.get(ERROR_CODES_EXTENSION) else {
                    continue;
                };
                for code in codes.as_array().into_iter().flatten() {
                    let (Some(number), Some(message)) =
                        (code["code"].as_i64(), code["message"].as_str())
                    else {
                        bail!("{id}: malformed {ERROR_CODES_EXTENSION} entry {code}");
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

struct BuilderSignature {
    builder: syn::Ident,
    success: syn::Type,
    error: syn::Type,
}

/// Finds, in progenitor's `builder` module, each builder's `send` and the types it returns,
/// keyed by the operation id its body passes to `OperationInfo`.
/// Builder type name -> operationId, for gating by feature.
pub fn builder_names(client: &syn::File) -> Result<BTreeMap<String, String>> {
    Ok(builder_signatures(client)?
        .into_iter()
        .map(|(id, signature)| (signature.builder.to_string(), id))
        .collect())
}

fn builder_signatures(client: &syn::File) -> Result<BTreeMap<String, BuilderSignature>> {
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
        let Some(builder) = self_ty.path.segments.last().map(|s| s.ident.clone()) else {
            continue;
        };
        for impl_item in &block.items {
            let syn::ImplItem::Fn(function) = impl_item else {
                continue;
            };
            if function.sig.ident != "send" {
                continue;
            }
            let Some(id) = operation_id_in(&function.block) else {
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
                BuilderSignature {
                    builder: builder.clone(),
                    success,
                    error,
                },
            );
        }
    }
    Ok(out)
}

fn operation_id_in(block: &syn::Block) -> Option<String> {
    let text = quote!(#block).to_string();
    let start = text.find("operation_id :")? + "operation_id :".len();
    let rest = text[start..].trim_start().strip_prefix('"')?;
    Some(rest[..rest.find('"')?].to_owned())
}

fn generic_args<const N: usize>(ty: &syn::Type, outer: &str) -> Result<[syn::Type; N]> {
    let syn::Type::Path(path) = ty else {
        bail!("expected {outer}<..>, found {}", quote!(#ty));
    };
    let last = path.path.segments.last().context("empty type path")?;
    let syn::PathArguments::AngleBracketed(args) = &last.arguments else {
        bail!("expected {outer}<..>, found {}", quote!(#ty));
    };
    if last.ident != outer {
        bail!("expected {outer}<..>, found {}", quote!(#ty));
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
