//! Generated code outside zoom-api (the CLI, the mocks) names zoom-api's items as zoom-api
//! exports them: `crate::support::X` inside zoom-api is `zoom_api::X` outside.

use syn::visit_mut::VisitMut;

/// `crate::support::X` (zoom-api's own path) -> `zoom_api::X` (its export).
pub struct Exported;

impl VisitMut for Exported {
    fn visit_path_mut(&mut self, path: &mut syn::Path) {
        let names: Vec<String> = path.segments.iter().map(|s| s.ident.to_string()).collect();
        if names.len() > 2 && names[0] == "crate" && names[1] == "support" {
            let rest: Vec<syn::PathSegment> = path.segments.iter().skip(2).cloned().collect();
            path.leading_colon = None;
            path.segments = std::iter::once(syn::PathSegment::from(syn::Ident::new(
                "zoom_api",
                proc_macro2::Span::call_site(),
            )))
            .chain(rest)
            .collect();
        }
        syn::visit_mut::visit_path_mut(self, path);
    }

    // Macro arguments are tokens, not paths (`value_parser!(crate::support::X)`).
    fn visit_macro_mut(&mut self, mac: &mut syn::Macro) {
        let text = mac.tokens.to_string();
        if text.contains("crate :: support ::") {
            let replaced = text.replace("crate :: support ::", "zoom_api ::");
            if let Ok(tokens) = replaced.parse() {
                mac.tokens = tokens;
            }
        }
        syn::visit_mut::visit_macro_mut(self, mac);
    }
}
