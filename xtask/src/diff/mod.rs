//! Spec -> change report: what changed between two OpenAPI specs, operation by operation,
//! and whether each change breaks a Rust caller of `zoom-api`.
//!
//! Operations are matched by route (method and path, whatever the path variables are
//! called). What breaks a caller: a removed operation, parameter or field; a renamed
//! operation, path variable (its setter) or type; a new required parameter, body field or
//! body; a parameter or field made required; a changed type or format; a removed enum value.
//! What does not: a new operation, optional parameter or field; a parameter made optional;
//! new enum values; docs text, error codes, scopes and rate-limit labels, which the Rust
//! signatures do not carry.
//!
//! The specs are read as JSON, so any two OpenAPI 3.0 specs can be compared.

mod render;
mod schema;

use std::collections::{BTreeMap, BTreeSet};

use serde_json::Value;
use zoom_convert::model::target::{METHODS, route};
use zoom_convert::vocabulary;

use schema::{Side, Walk};

/// One change, in one operation or in the API as a whole.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Change {
    pub breaking: bool,
    pub what: String,
}

/// Everything that changed in one operation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OperationChanges {
    /// `GET /past_meetings/{meetingUUID}` as the new spec writes it (the old one for a
    /// removed operation).
    pub identity: String,
    /// Its Rust name (the new one where it was renamed).
    pub name: String,
    pub status: Status,
    pub changes: Vec<Change>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    Added,
    Removed,
    Changed,
}

#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Report {
    pub operations: Vec<OperationChanges>,
    /// (old name, new name): component types whose name changed at the same place.
    pub renamed_types: Vec<(String, String)>,
}

impl Report {
    pub fn is_empty(&self) -> bool {
        self.operations.is_empty() && self.renamed_types.is_empty()
    }

    pub fn changes(&self) -> impl Iterator<Item = &Change> {
        self.operations.iter().flat_map(|o| &o.changes)
    }

    /// How many changes break a Rust caller (type renames included).
    pub fn breaking(&self) -> usize {
        self.changes().filter(|c| c.breaking).count() + self.renamed_types.len()
    }

    pub fn total(&self) -> usize {
        self.changes().count() + self.renamed_types.len()
    }

    pub fn text(&self) -> String {
        render::text(self)
    }

    pub fn markdown(&self) -> String {
        render::markdown(self)
    }
}

/// An operation as the diff sees it.
struct Op<'a> {
    identity: String,
    path: &'a str,
    value: &'a Value,
}

impl Op<'_> {
    fn name(&self) -> String {
        self.value["operationId"]
            .as_str()
            .unwrap_or("(no operationId)")
            .to_owned()
    }
}

/// Route -> operation.
fn operations(spec: &Value) -> BTreeMap<String, Op<'_>> {
    let mut out = BTreeMap::new();
    if let Some(paths) = spec["paths"].as_object() {
        for (path, item) in paths {
            for method in METHODS {
                if let Some(op) = item.get(*method).filter(|v| v.is_object()) {
                    let identity = format!("{} {path}", method.to_ascii_uppercase());
                    out.insert(
                        route(&identity),
                        Op {
                            identity,
                            path,
                            value: op,
                        },
                    );
                }
            }
        }
    }
    out
}

/// The change report from `old` to `new`.
pub fn diff(old: &Value, new: &Value) -> Report {
    let (old_ops, new_ops) = (operations(old), operations(new));
    let mut report = Report::default();
    let mut renamed_types: BTreeSet<(String, String)> = BTreeSet::new();
    let routes: BTreeSet<&String> = old_ops.keys().chain(new_ops.keys()).collect();
    for route in routes {
        match (old_ops.get(route), new_ops.get(route)) {
            (None, Some(op)) => report.operations.push(OperationChanges {
                identity: op.identity.clone(),
                name: op.name(),
                status: Status::Added,
                changes: vec![Change {
                    breaking: false,
                    what: format!("operation added: `{}`", op.name()),
                }],
            }),
            (Some(op), None) => report.operations.push(OperationChanges {
                identity: op.identity.clone(),
                name: op.name(),
                status: Status::Removed,
                changes: vec![Change {
                    breaking: true,
                    what: format!("operation removed: `{}`", op.name()),
                }],
            }),
            (Some(before), Some(after)) => {
                let mut walk = Walk {
                    old,
                    new,
                    renamed: &mut renamed_types,
                };
                let changes = operation(before, after, &mut walk);
                if !changes.is_empty() {
                    report.operations.push(OperationChanges {
                        identity: after.identity.clone(),
                        name: after.name(),
                        status: Status::Changed,
                        changes,
                    });
                }
            }
            (None, None) => unreachable!("the route came from one of them"),
        }
    }
    report.renamed_types = renamed_types.into_iter().collect();
    report
}

fn change(breaking: bool, what: impl Into<String>) -> Change {
    Change {
        breaking,
        what: what.into(),
    }
}

fn operation(old: &Op<'_>, new: &Op<'_>, walk: &mut Walk<'_>) -> Vec<Change> {
    let mut out = Vec::new();
    let (o, n) = (old.value, new.value);
    if old.name() != new.name() {
        out.push(change(
            true,
            format!(
                "renamed: `{}` -> `{}` (client method and builder)",
                old.name(),
                new.name()
            ),
        ));
    }
    for (key, label) in [("summary", "summary"), ("description", "description")] {
        if o.get(key) != n.get(key) {
            out.push(change(false, format!("{label} changed")));
        }
    }
    parameters(old, new, &mut out);
    request_body(o, n, walk, &mut out);
    responses(o, n, walk, &mut out);
    extras(o, n, &mut out);
    out
}

/// A parameter's Rust-relevant facts.
fn parameter_key(p: &Value) -> (String, String) {
    (
        p["in"].as_str().unwrap_or_default().to_owned(),
        p["name"].as_str().unwrap_or_default().to_owned(),
    )
}

fn parameters(old: &Op<'_>, new: &Op<'_>, out: &mut Vec<Change>) {
    let list = |op: &Op<'_>| -> Vec<Value> {
        op.value["parameters"]
            .as_array()
            .cloned()
            .unwrap_or_default()
    };
    let (old_params, new_params) = (list(old), list(new));
    // Path variables are matched by position: their names are not part of the route.
    let path_vars = |path: &str| -> Vec<String> {
        path.split('/')
            .filter_map(|s| s.strip_prefix('{').and_then(|s| s.strip_suffix('}')))
            .map(str::to_owned)
            .collect()
    };
    let renames: BTreeMap<String, String> = path_vars(old.path)
        .into_iter()
        .zip(path_vars(new.path))
        .filter(|(a, b)| a != b)
        .collect();
    for (from, to) in &renames {
        out.push(change(
            true,
            format!("path parameter `{from}` renamed `{to}` (its setter is renamed)"),
        ));
    }
    fn keyed<'v>(
        params: &'v [Value],
        renames: &BTreeMap<String, String>,
    ) -> BTreeMap<(String, String), &'v Value> {
        params
            .iter()
            .map(|p| {
                let (location, name) = parameter_key(p);
                let name = match location.as_str() {
                    "path" => renames.get(&name).cloned().unwrap_or(name),
                    _ => name,
                };
                ((location, name), p)
            })
            .collect()
    }
    let old_keyed = keyed(&old_params, &renames);
    let new_keyed = keyed(&new_params, &BTreeMap::new());
    for ((location, name), p) in &new_keyed {
        let required = p["required"].as_bool().unwrap_or(false);
        match old_keyed.get(&(location.clone(), name.clone())) {
            None => out.push(change(
                required,
                format!(
                    "{} {location} parameter `{name}` added",
                    if required { "required" } else { "optional" }
                ),
            )),
            Some(before) => {
                let was_required = before["required"].as_bool().unwrap_or(false);
                if required && !was_required {
                    out.push(change(
                        true,
                        format!("{location} parameter `{name}` made required"),
                    ));
                } else if !required && was_required {
                    out.push(change(
                        false,
                        format!("{location} parameter `{name}` made optional"),
                    ));
                }
                let (a, b) = (
                    schema::scalar(&before["schema"]),
                    schema::scalar(&p["schema"]),
                );
                if a.kind != b.kind {
                    out.push(change(
                        true,
                        format!(
                            "{location} parameter `{name}` type changed: {} -> {}",
                            a.kind, b.kind
                        ),
                    ));
                }
                schema::enum_changes(
                    &a.values,
                    &b.values,
                    &format!("{location} parameter `{name}`"),
                    Side::Request,
                    out,
                );
            }
        }
    }
    for (location, name) in old_keyed.keys() {
        if !new_keyed.contains_key(&(location.clone(), name.clone())) {
            out.push(change(
                true,
                format!("{location} parameter `{name}` removed"),
            ));
        }
    }
}

/// The media type and schema of a body or response, preferring JSON.
fn content(value: &Value) -> Option<(&str, &Value)> {
    let content = value["content"].as_object()?;
    content
        .iter()
        .find(|(media, _)| media.starts_with("application/json"))
        .or_else(|| content.iter().next())
        .map(|(media, m)| (media.as_str(), &m["schema"]))
}

fn request_body(o: &Value, n: &Value, walk: &mut Walk<'_>, out: &mut Vec<Change>) {
    let (old_body, new_body) = (o.get("requestBody"), n.get("requestBody"));
    match (old_body, new_body) {
        (None, None) => {}
        (None, Some(body)) => {
            let required = body["required"].as_bool().unwrap_or(false);
            out.push(change(
                required,
                format!(
                    "{} request body added",
                    if required { "required" } else { "optional" }
                ),
            ))
        }
        (Some(_), None) => out.push(change(true, "request body removed")),
        (Some(a), Some(b)) => {
            match (content(a), content(b)) {
                (Some((ma, sa)), Some((mb, sb))) => {
                    if ma != mb {
                        out.push(change(
                            true,
                            format!("request body media type changed: {ma} -> {mb}"),
                        ));
                    }
                    walk.compare(sa, sb, "request body", Side::Request, out);
                }
                (None, Some(_)) | (Some(_), None) => {
                    out.push(change(true, "request body content changed"))
                }
                (None, None) => {}
            }
            if b["required"].as_bool() == Some(true) && a["required"].as_bool() != Some(true) {
                out.push(change(true, "request body made required"));
            }
        }
    }
    multipart(o, n, out);
}

/// File uploads' parts (`x-zoom-multipart`): the Rust signature does not carry them.
fn multipart(o: &Value, n: &Value, out: &mut Vec<Change>) {
    let parts = |v: &Value| -> BTreeMap<String, Value> {
        v[vocabulary::MULTIPART]
            .as_array()
            .into_iter()
            .flatten()
            .map(|p| (p["name"].as_str().unwrap_or_default().to_owned(), p.clone()))
            .collect()
    };
    let (a, b) = (parts(o), parts(n));
    for (name, part) in &b {
        match a.get(name) {
            None => out.push(change(false, format!("upload part `{name}` added"))),
            Some(before) if before != part => {
                out.push(change(false, format!("upload part `{name}` changed")))
            }
            Some(_) => {}
        }
    }
    for name in a.keys().filter(|name| !b.contains_key(*name)) {
        out.push(change(false, format!("upload part `{name}` removed")));
    }
}

fn is_success(status: &str) -> bool {
    status.starts_with('2')
}

fn responses(o: &Value, n: &Value, walk: &mut Walk<'_>, out: &mut Vec<Change>) {
    let statuses = |v: &Value| -> BTreeMap<String, Value> {
        v["responses"]
            .as_object()
            .map(|r| r.iter().map(|(k, v)| (k.clone(), v.clone())).collect())
            .unwrap_or_default()
    };
    let (a, b) = (statuses(o), statuses(n));
    for (status, response) in &b {
        match a.get(status) {
            None => {
                // A new success body changes what `send` returns.
                let breaking = is_success(status) && content(response).is_some();
                out.push(change(breaking, format!("response {status} added")));
            }
            Some(before) => {
                if is_success(status) {
                    match (content(before), content(response)) {
                        (Some((_, sa)), Some((_, sb))) => {
                            walk.compare(sa, sb, &format!("response {status}"), Side::Response, out)
                        }
                        (None, Some(_)) => {
                            out.push(change(true, format!("response {status} now has a body")))
                        }
                        (Some(_), None) => {
                            out.push(change(true, format!("response {status} lost its body")))
                        }
                        (None, None) => {}
                    }
                }
            }
        }
    }
    for (status, response) in &a {
        if !b.contains_key(status) {
            let breaking = is_success(status) && content(response).is_some();
            out.push(change(breaking, format!("response {status} removed")));
        }
    }
}

/// Error codes, scopes and the rate-limit label: documentation the Rust types do not carry.
fn extras(o: &Value, n: &Value, out: &mut Vec<Change>) {
    let codes = |v: &Value| -> BTreeSet<(String, String)> {
        let mut set = BTreeSet::new();
        if let Some(responses) = v["responses"].as_object() {
            for (status, response) in responses {
                for code in response[vocabulary::ERROR_CODES]
                    .as_array()
                    .into_iter()
                    .flatten()
                {
                    set.insert((status.clone(), code["code"].to_string()));
                }
            }
        }
        set
    };
    let (a, b) = (codes(o), codes(n));
    let list = |set: Vec<&(String, String)>| {
        set.iter()
            .map(|(status, code)| format!("{code} ({status})"))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let added: Vec<_> = b.difference(&a).collect();
    let removed: Vec<_> = a.difference(&b).collect();
    if !added.is_empty() {
        out.push(change(false, format!("error codes added: {}", list(added))));
    }
    if !removed.is_empty() {
        out.push(change(
            false,
            format!("error codes removed: {}", list(removed)),
        ));
    }
    let scopes = |v: &Value| -> BTreeSet<String> {
        v["security"]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(Value::as_object)
            .flat_map(|req| req.values())
            .filter_map(Value::as_array)
            .flatten()
            .filter_map(Value::as_str)
            .map(str::to_owned)
            .collect()
    };
    let (a, b) = (scopes(o), scopes(n));
    if a != b {
        let added: Vec<&String> = b.difference(&a).collect();
        let removed: Vec<&String> = a.difference(&b).collect();
        let mut parts = Vec::new();
        if !added.is_empty() {
            parts.push(format!("+{}", join(&added)));
        }
        if !removed.is_empty() {
            parts.push(format!("-{}", join(&removed)));
        }
        out.push(change(
            false,
            format!("scopes changed: {}", parts.join(" ")),
        ));
    }
    let label = |v: &Value| v[vocabulary::RATE_LIMIT].as_str().map(str::to_owned);
    if label(o) != label(n) {
        out.push(change(
            false,
            format!(
                "rate-limit label changed: {} -> {}",
                label(o).unwrap_or_else(|| "none".into()),
                label(n).unwrap_or_else(|| "none".into())
            ),
        ));
    }
}

fn join(items: &[&String]) -> String {
    items
        .iter()
        .map(|s| format!("`{s}`"))
        .collect::<Vec<_>>()
        .join(", ")
}

#[cfg(test)]
mod tests;
