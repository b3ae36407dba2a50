//! `Default` for the response types that keep unknown fields. progenitor leaves it off a
//! struct with a flattened map of extra fields, but every field of such a struct is
//! optional, a defaulted list or that map: the empty value is meaningful, and callers who
//! build one (a mock's answer, a test fixture) want `..Default::default()`.

/// Adds `Default` to the derives of every struct in `types` whose fields all have one.
pub fn restore(file: &mut syn::File) {
    for item in super::syntax::module(file, "types").into_iter().flatten() {
        let syn::Item::Struct(s) = item else {
            continue;
        };
        let syn::Fields::Named(fields) = &s.fields else {
            continue;
        };
        if fields.named.is_empty() || !fields.named.iter().all(defaults) {
            continue;
        }
        if super::syntax::derives(&s.attrs)
            .iter()
            .any(|d| d == "Default")
        {
            continue;
        }
        if let Some(attr) = s.attrs.iter_mut().find(|a| a.path().is_ident("derive"))
            && let Ok(list) = attr.meta.require_list()
        {
            let tokens = &list.tokens;
            *attr = syn::parse_quote!(#[derive(#tokens, Default)]);
        }
    }
}

/// An `Option`, a field serde fills with its default, or the flattened map.
fn defaults(field: &syn::Field) -> bool {
    let serde = |word: &str| {
        field.attrs.iter().any(|attr| {
            attr.path().is_ident("serde")
                && attr
                    .meta
                    .require_list()
                    .is_ok_and(|list| list.tokens.to_string().split([',', ' ']).any(|t| t == word))
        })
    };
    let optional = matches!(&field.ty, syn::Type::Path(p)
        if p.path.segments.last().is_some_and(|s| s.ident == "Option"));
    optional || serde("default") || serde("flatten")
}
