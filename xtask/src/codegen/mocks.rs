//! `zoom-mock`'s generated part: progenitor's typed `httpmock` helpers (a `MockServerExt`
//! method per operation, `When`/`Then` wrappers with a setter per parameter and a method per
//! documented status), so a crate that uses zoom-api can fake Zoom in its tests.
//!
//! progenitor puts a path value into the path regex as it is, so a meeting UUID with `+`,
//! `=` or `/` never matched; here the value goes in as the client sends it: encoded as the
//! client encodes it (`MeetingUuidInPath` first, as Zoom wants), then escaped for the regex.

use anyhow::{Context, Result};
use openapiv3::OpenAPI;
use progenitor_impl::Generator;
use syn::visit_mut::VisitMut;

pub const HEADER: &str = super::cli::HEADER;

/// The mocks' generated module, formatted, with its header.
pub fn generate(spec: &OpenAPI) -> Result<String> {
    let mut generator = Generator::new(&super::settings());
    let tokens = super::run_progenitor(|| generator.httpmock(spec, "zoom_api"))?;
    let mut file: syn::File =
        syn::parse2(tokens).context("progenitor's mocks do not parse as Rust")?;
    super::exported::Exported.visit_file_mut(&mut file);
    WirePaths.visit_file_mut(&mut file);
    Ok(format!("{HEADER}\n{}", prettyplease::unparse(&file)))
}

/// `format!(path_regex, value.to_string())` -> the value as it goes on the wire, escaped.
struct WirePaths;

impl VisitMut for WirePaths {
    fn visit_macro_mut(&mut self, mac: &mut syn::Macro) {
        let text = mac.tokens.to_string();
        if mac.path.is_ident("format") && text.contains("value . to_string ()") {
            let replaced = text.replace(
                "value . to_string ()",
                "::regex::escape(&::progenitor_client::encode_path(&value.to_string()))",
            );
            if let Ok(tokens) = replaced.parse() {
                mac.tokens = tokens;
            }
        }
        syn::visit_mut::visit_macro_mut(self, mac);
    }
}
