//! `Deserialize` of the response types through zoom-api's one shared visitor
//! (`crates/zoom-api/src/object.rs`) instead of serde's derive, which was most of zoom-api's
//! own compile time. Each type gets a `Members` impl, one match arm per field, and a
//! two-line `Deserialize` that hands over to the shared code.
//!
//! Only types the shared visitor reads exactly as the derive would: every field optional or
//! `#[serde(default)]` (the type derives `Default`), no serde attribute beyond `rename`,
//! `default`, `skip_serializing_if` and one `flatten` map for the members the docs do not
//! list. Any other type keeps its derive, so a new progenitor attribute cannot be dropped
//! silently.

use anyhow::{Context, Result};
use quote::quote;
use syn::ext::IdentExt;

use super::syntax::{DESERIALIZE, derives, module, remove_derive};

/// Replaces the derived `Deserialize` of every type the shared visitor can read. Returns how
/// many.
pub fn share(file: &mut syn::File) -> Result<usize> {
    let types = module(file, "types").context("progenitor's output has no `types` module")?;
    let mut count = 0;
    // Each type's impls right after it, where a reader of the type looks for them.
    for item in std::mem::take(types) {
        let impls = match &item {
            syn::Item::Struct(structure) => {
                readable(structure).map(|members| members_impl(&structure.ident, &members))
            }
            _ => None,
        };
        let Some(impls) = impls else {
            types.push(item);
            continue;
        };
        let syn::Item::Struct(mut structure) = item else {
            unreachable!("only structs have members");
        };
        remove_derive(&mut structure.attrs, DESERIALIZE);
        types.push(syn::Item::Struct(structure));
        types.extend(syn::parse2::<syn::File>(impls)?.items);
        count += 1;
    }
    Ok(count)
}

/// What the shared visitor needs to know of a type: its members by JSON name, and the field
/// that keeps the others, if any.
struct Members {
    fields: Vec<(String, syn::Ident)>,
    extra: Option<syn::Ident>,
}

/// The type's members, when the shared visitor reads it as the derive would.
fn readable(structure: &syn::ItemStruct) -> Option<Members> {
    let derives = derives(&structure.attrs);
    if !derives.iter().any(|d| d == DESERIALIZE) || !derives.iter().any(|d| d == "Default") {
        return None;
    }
    if structure.attrs.iter().any(|a| a.path().is_ident("serde")) {
        return None;
    }
    let syn::Fields::Named(named) = &structure.fields else {
        return None;
    };
    let mut members = Members {
        fields: Vec::new(),
        extra: None,
    };
    for field in &named.named {
        let ident = field.ident.clone()?;
        let serde = field_attributes(&field.attrs)?;
        if serde.flatten {
            if members.extra.is_some() || serde.rename.is_some() || !is_map(&field.ty) {
                return None;
            }
            members.extra = Some(ident);
            continue;
        }
        if !serde.default && !is_option(&field.ty) {
            return None;
        }
        let name = serde.rename.unwrap_or_else(|| ident.unraw().to_string());
        members.fields.push((name, ident));
    }
    Some(members)
}

/// A field's serde attributes that matter for reading it.
#[derive(Default)]
struct FieldAttributes {
    rename: Option<String>,
    default: bool,
    flatten: bool,
}

/// `None` when the field has a serde attribute the shared visitor does not honour.
fn field_attributes(attrs: &[syn::Attribute]) -> Option<FieldAttributes> {
    let mut out = FieldAttributes::default();
    for attr in attrs.iter().filter(|a| a.path().is_ident("serde")) {
        attr.parse_nested_meta(|meta| {
            if meta.path.is_ident("rename") {
                out.rename = Some(meta.value()?.parse::<syn::LitStr>()?.value());
            } else if meta.path.is_ident("default") && !meta.input.peek(syn::Token![=]) {
                // Only the plain `default`: a `default = "path"` function is not called here.
                out.default = true;
            } else if meta.path.is_ident("flatten") {
                out.flatten = true;
            } else if meta.path.is_ident("skip_serializing_if") {
                meta.value()?.parse::<syn::LitStr>()?;
            } else {
                return Err(meta.error("not read by the shared visitor"));
            }
            Ok(())
        })
        .ok()?;
    }
    Some(out)
}

fn is_option(ty: &syn::Type) -> bool {
    last_segment(ty).is_some_and(|s| s == "Option")
}

fn is_map(ty: &syn::Type) -> bool {
    last_segment(ty).is_some_and(|s| s == "Map" || s == "HashMap" || s == "BTreeMap")
}

fn last_segment(ty: &syn::Type) -> Option<String> {
    match ty {
        syn::Type::Path(path) if path.qself.is_none() => {
            path.path.segments.last().map(|s| s.ident.to_string())
        }
        _ => None,
    }
}

/// `impl Members` and `impl Deserialize` for the type.
fn members_impl(ty: &syn::Ident, members: &Members) -> proc_macro2::TokenStream {
    let name = ty.to_string();
    let keys = members.fields.iter().map(|(key, _)| key);
    let fields = members.fields.iter().map(|(_, field)| field);
    let other = match &members.extra {
        Some(extra) => quote! {
            _ => {
                self.#extra.insert(key.into_string(), map.next_value()?);
            }
        },
        None => quote! {
            _ => {
                map.next_value::<::serde::de::IgnoredAny>()?;
            }
        },
    };
    quote! {
        impl crate::object::Members for #ty {
            const NAME: &'static str = #name;
            fn member<'de, A: ::serde::de::MapAccess<'de>>(
                &mut self,
                key: crate::object::Key<'de>,
                map: &mut A,
            ) -> Result<(), A::Error> {
                match key.as_str() {
                    #(#keys => self.#fields = map.next_value()?,)*
                    #other
                }
                Ok(())
            }
        }
        impl<'de> ::serde::Deserialize<'de> for #ty {
            fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                crate::object::deserialize(deserializer)
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use quote::quote;

    fn shared(types: proc_macro2::TokenStream) -> (usize, String) {
        let mut file: syn::File = syn::parse2(quote!(pub mod types { #types })).unwrap();
        let count = super::share(&mut file).unwrap();
        (count, prettyplease::unparse(&file))
    }

    #[test]
    fn optional_fields_and_the_extra_map_are_read_by_the_shared_visitor() {
        let (count, code) = shared(quote! {
            #[derive(::serde::Deserialize, ::serde::Serialize, Clone, Debug, Default)]
            pub struct Meeting {
                #[serde(skip_serializing_if = "::std::option::Option::is_none")]
                pub topic: ::std::option::Option<::std::string::String>,
                #[serde(rename = "type", skip_serializing_if = "::std::option::Option::is_none")]
                pub type_: ::std::option::Option<i64>,
                #[serde(default, skip_serializing_if = "::std::vec::Vec::is_empty")]
                pub hosts: ::std::vec::Vec<::std::string::String>,
                pub r#loop: ::std::option::Option<bool>,
                #[serde(flatten)]
                pub extra: ::serde_json::Map<::std::string::String, ::serde_json::Value>,
            }
        });
        assert_eq!(count, 1);
        assert!(
            code.contains(
                "#[derive(::serde::Serialize, Clone, Debug, Default)]\n    pub struct Meeting"
            ),
            "{code}"
        );
        for arm in [
            r#""topic" => self.topic = map.next_value()?"#,
            r#""type" => self.type_ = map.next_value()?"#,
            r#""hosts" => self.hosts = map.next_value()?"#,
            r#""loop" => self.r#loop = map.next_value()?"#,
            "self.extra.insert(key.into_string(), map.next_value()?)",
            r#"const NAME: &'static str = "Meeting";"#,
            "crate::object::deserialize(deserializer)",
        ] {
            assert!(code.contains(arm), "{arm} missing from\n{code}");
        }
        // The impls follow their type.
        assert!(
            code.find("pub struct Meeting").unwrap()
                < code
                    .find("impl crate::object::Members for Meeting")
                    .unwrap()
        );
    }

    #[test]
    fn without_an_extra_map_unknown_members_are_skipped() {
        let (count, code) = shared(quote! {
            #[derive(::serde::Deserialize, Default)]
            pub struct Page { pub next_page_token: ::std::option::Option<::std::string::String> }
        });
        assert_eq!(count, 1);
        assert!(
            code.contains("map.next_value::<::serde::de::IgnoredAny>()?"),
            "{code}"
        );
    }

    #[test]
    fn types_the_derive_reads_differently_keep_the_derive() {
        let (count, code) = shared(quote! {
            #[derive(::serde::Deserialize, Default)]
            pub struct Required { pub id: i64 }
            #[derive(::serde::Deserialize)]
            pub struct NoDefault { pub id: ::std::option::Option<i64> }
            #[derive(::serde::Deserialize, Default)]
            pub struct Custom {
                #[serde(deserialize_with = "lenient")]
                pub id: ::std::option::Option<i64>,
            }
            #[derive(::serde::Deserialize, Default)]
            pub struct DefaultFunction {
                #[serde(default = "one")]
                pub size: i64,
            }
            #[derive(::serde::Deserialize, Default)]
            #[serde(deny_unknown_fields)]
            pub struct Closed { pub id: ::std::option::Option<i64> }
            #[derive(::serde::Deserialize, Default)]
            pub struct Tuple(::std::option::Option<i64>);
            #[derive(::serde::Serialize, Default)]
            #[cfg_attr(feature = "deserialize-requests", derive(::serde::Deserialize))]
            pub struct RequestOnly { pub id: ::std::option::Option<i64> }
        });
        assert_eq!(count, 0, "{code}");
        assert!(!code.contains("Members"), "{code}");
        assert_eq!(
            code.matches("derive(::serde::Deserialize").count(),
            7,
            "{code}"
        );
    }
}
