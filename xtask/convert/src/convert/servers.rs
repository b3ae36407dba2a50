//! Where the API is: `servers`. Zoom's collection names its root in `{{baseUrl}}`; another
//! collection names it in whatever its requests' hosts say (`https://api.fastly.com`,
//! `{{baseURL}}`, `http://{{host}}:{{port}}`), with the collection's variables filled in.

use std::collections::BTreeMap;

use indexmap::IndexMap;
use openapiv3::{Server, ServerVariable};

use super::flavor::Flavor;
use crate::model::{CollectionMeta, Target};
use crate::vocabulary;

/// How many times a variable's value may name another variable (`{{a}}` -> `{{b}}` -> ...),
/// so that a variable naming itself ends.
const SUBSTITUTIONS: usize = 20;

pub fn servers(collection: &CollectionMeta, targets: &[&Target], flavor: Flavor) -> Vec<Server> {
    if flavor.is_zoom() {
        let url = collection
            .variable("baseUrl")
            .unwrap_or_else(|| vocabulary::DEFAULT_BASE_URL.to_owned());
        return vec![server(url, IndexMap::new())];
    }
    // Each base the requests use, most used first.
    let mut counts: BTreeMap<String, usize> = BTreeMap::new();
    for base in targets.iter().filter_map(|t| t.base.as_deref()) {
        let mut base = resolve(base, collection);
        // Placeholder text (`<insert presignedUrl ...`) is no server.
        if base.contains(char::is_whitespace) || base.contains(['<', '>']) {
            continue;
        }
        // Credentials written into a URL (`http://user:pass@host`) stay out of the spec.
        if let Some((scheme, rest)) = base.split_once("://")
            && let Some((_, host)) = rest.split_once('@')
        {
            base = format!("{scheme}://{host}");
        }
        // Postman sends a URL without a scheme (`localhost:3000/todos`) over HTTP.
        if !base.contains("://") && !base.starts_with('{') {
            base.insert_str(0, "http://");
        }
        *counts.entry(base).or_default() += 1;
    }
    let mut bases: Vec<(String, usize)> = counts.into_iter().collect();
    bases.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    if bases.is_empty()
        && let Some(url) = collection
            .variable
            .iter()
            .find(|v| v.name().is_some_and(|n| n.eq_ignore_ascii_case("baseUrl")))
            .and_then(|v| v.text())
    {
        bases.push((resolve(&url, collection), 1));
    }
    if bases.is_empty() {
        // Requests without a host: paths relative to wherever the document is served.
        return vec![server("/".to_owned(), IndexMap::new())];
    }
    bases
        .into_iter()
        .map(|(base, _)| {
            let (url, variables) = templated(&base);
            server(url, variables)
        })
        .collect()
}

fn server(url: String, variables: IndexMap<String, ServerVariable>) -> Server {
    Server {
        url,
        description: None,
        variables: (!variables.is_empty()).then_some(variables),
        extensions: Default::default(),
    }
}

/// `{{baseUrl}}/v1` with the collection's value of `baseUrl` in place; variables without a
/// value stay.
fn resolve(text: &str, collection: &CollectionMeta) -> String {
    let mut text = text.trim().trim_end_matches('/').to_owned();
    for _ in 0..SUBSTITUTIONS {
        let Some((start, end, name)) = first_variable(&text) else {
            break;
        };
        let Some(value) = collection.variable(name.trim()) else {
            break;
        };
        text.replace_range(start..end, value.trim().trim_end_matches('/'));
    }
    text
}

/// The first `{{name}}` of `text` whose value the collection has: (start, end, name).
fn first_variable(text: &str) -> Option<(usize, usize, &str)> {
    let start = text.find("{{")?;
    let end = start + text[start..].find("}}")? + 2;
    Some((start, end, &text[start + 2..end - 2]))
}

/// Variables left in a base become server variables: `http://{{host}}:{{port}}` ->
/// `http://{host}:{port}`, each with an empty default for the user to fill in.
fn templated(base: &str) -> (String, IndexMap<String, ServerVariable>) {
    let mut url = String::with_capacity(base.len());
    let mut variables = IndexMap::new();
    let mut rest = base;
    while let Some(start) = rest.find("{{") {
        let Some(length) = rest[start..].find("}}") else {
            break;
        };
        let name: String = rest[start + 2..start + length]
            .chars()
            .map(|c| if c.is_ascii_alphanumeric() { c } else { '_' })
            .collect();
        url.push_str(&rest[..start].replace(['{', '}'], ""));
        url.push_str(&format!("{{{name}}}"));
        let description = format!(
            "the Postman variable `{}`, which the collection gives no value",
            &rest[start..start + length + 2]
        );
        variables.insert(
            name,
            ServerVariable {
                default: String::new(),
                description: Some(description),
                ..Default::default()
            },
        );
        rest = &rest[start + length + 2..];
    }
    url.push_str(&rest.replace(['{', '}'], ""));
    (url, variables)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn variables_are_filled_in_or_become_server_variables() {
        let collection: CollectionMeta = serde_json::from_value(serde_json::json!({
            "variable": [{"key": "baseURL", "value": "https://api.example.com/"},
                         {"id": "loop", "key": "loop", "value": "{{loop}}"}]
        }))
        .unwrap();
        assert_eq!(
            resolve("{{baseURL}}", &collection),
            "https://api.example.com"
        );
        assert_eq!(resolve("{{loop}}", &collection), "{{loop}}");
        let (url, variables) = templated("http://{{host}}:{{port}}");
        assert_eq!(url, "http://{host}:{port}");
        assert_eq!(variables.keys().collect::<Vec<_>>(), ["host", "port"]);
    }
}
