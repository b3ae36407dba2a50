//! What progenitor 0.15 cannot take, checked before it runs so that the error names the
//! operation instead of a panic deep in the generator (upstream issues #344, #950).

use std::collections::BTreeSet;

use anyhow::{Result, bail};
use openapiv3::{OpenAPI, ReferenceOr, Response, StatusCode};

/// How progenitor classifies a response body.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
enum Kind {
    Typed(String),
    Raw,
    None,
}

fn kind(response: &Response) -> Kind {
    let json = response
        .content
        .iter()
        .find(|(media, _)| *media == "application/json" || media.starts_with("application/json;"));
    match json {
        Some((_, media)) => Kind::Typed(serde_json::to_string(&media.schema).unwrap_or_default()),
        None if response.content.is_empty() => Kind::None,
        None => Kind::Raw,
    }
}

/// Every operation has at most one success body kind and one error body kind, and no
/// `default` response.
pub fn check(spec: &OpenAPI) -> Result<()> {
    for (path, item) in &spec.paths.paths {
        let ReferenceOr::Item(item) = item else {
            continue;
        };
        for (method, operation) in item.iter() {
            let id = operation.operation_id.as_deref().unwrap_or("?");
            if operation.responses.default.is_some() {
                bail!("{id} ({method} {path}): a `default` response cannot be generated");
            }
            let mut success = BTreeSet::new();
            let mut error = BTreeSet::new();
            for (status, response) in &operation.responses.responses {
                let ReferenceOr::Item(response) = response else {
                    continue;
                };
                let code = match status {
                    StatusCode::Code(code) => *code,
                    StatusCode::Range(range) => *range * 100,
                };
                match code {
                    200..=299 => success.insert((kind(response), code)),
                    400..=599 => error.insert((kind(response), code)),
                    _ => false,
                };
            }
            for (what, set) in [("success", &success), ("error", &error)] {
                let kinds: BTreeSet<&Kind> = set.iter().map(|(k, _)| k).collect();
                if kinds.len() > 1 {
                    let statuses: Vec<String> = set.iter().map(|(_, s)| s.to_string()).collect();
                    bail!(
                        "{id} ({method} {path}): its {what} responses ({}) need different body types; \
                         progenitor generates one per operation",
                        statuses.join(", ")
                    );
                }
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn two_success_kinds_are_named() {
        let spec: OpenAPI = serde_json::from_value(serde_json::json!({
            "openapi": "3.0.3",
            "info": {"title": "t", "version": "1"},
            "paths": {"/a": {"get": {
                "operationId": "get_a",
                "responses": {
                    "200": {"description": "x", "content": {"application/json": {"schema": {"type": "object"}}}},
                    "204": {"description": "y"}
                }
            }}}
        }))
        .unwrap();
        let err = check(&spec).unwrap_err().to_string();
        assert!(err.contains("get_a") && err.contains("200, 204"), "{err}");
    }
}
