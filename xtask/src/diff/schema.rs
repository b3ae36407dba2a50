//! Schemas compared place by place: each schema is flattened into its properties and list
//! items (`participants[].user_email`), `$ref`s followed, and the two lists compared.

use std::collections::{BTreeMap, BTreeSet};

use serde_json::Value;

use super::{Change, change};

/// Which way data flows: a caller builds requests and reads responses, so the same change
/// can break one and not the other.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Side {
    Request,
    Response,
}

/// Both specs, and the type renames found so far (reported once for the whole API).
pub struct Walk<'a> {
    pub old: &'a Value,
    pub new: &'a Value,
    pub renamed: &'a mut BTreeSet<(String, String)>,
}

/// What the Rust type of one place depends on.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Node {
    /// `string`, `string(date-time)`, `integer(int64)`, `object`, `array`, `any`, ...
    kind: String,
    required: bool,
    values: Vec<String>,
    /// The component it is, when it is one.
    reference: Option<String>,
}

/// A parameter's type and enum values.
pub struct Scalar {
    pub kind: String,
    pub values: Vec<String>,
}

pub fn scalar(schema: &Value) -> Scalar {
    Scalar {
        kind: kind(schema),
        values: values(schema),
    }
}

fn kind(schema: &Value) -> String {
    let Some(object) = schema.as_object() else {
        return "any".into();
    };
    let base = match object.get("type").and_then(Value::as_str) {
        Some(t) => t.to_owned(),
        None if object.contains_key("properties") => "object".into(),
        None if object.contains_key("oneOf") => "oneOf".into(),
        None if object.contains_key("anyOf") => "anyOf".into(),
        None if object.contains_key("allOf") => "allOf".into(),
        None => "any".into(),
    };
    let base = if base == "object"
        && object
            .get("properties")
            .and_then(Value::as_object)
            .is_none_or(|p| p.is_empty())
        && object.contains_key("additionalProperties")
    {
        "map".to_owned()
    } else {
        base
    };
    match object.get("format").and_then(Value::as_str) {
        Some(format) => format!("{base}({format})"),
        None => base,
    }
}

fn values(schema: &Value) -> Vec<String> {
    schema["enum"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|v| match v {
            Value::String(s) => s.clone(),
            other => other.to_string(),
        })
        .collect()
}

const REF_PREFIX: &str = "#/components/schemas/";

/// `{"nullable": true, "allOf": [{"$ref": ...}]}`, the converter's nullable reference, as the
/// reference itself.
fn unwrap(schema: &Value) -> &Value {
    match schema["allOf"].as_array() {
        Some(list) if list.len() == 1 && schema.get("type").is_none() => &list[0],
        _ => schema,
    }
}

fn flatten(
    spec: &Value,
    schema: &Value,
    path: String,
    required: bool,
    stack: &mut Vec<String>,
    out: &mut BTreeMap<String, Node>,
) {
    let schema = unwrap(schema);
    let (schema, reference) = match schema["$ref"].as_str() {
        Some(reference) => {
            let name = reference.strip_prefix(REF_PREFIX).unwrap_or(reference);
            (&spec["components"]["schemas"][name], Some(name.to_owned()))
        }
        None => (schema, None),
    };
    out.insert(
        path.clone(),
        Node {
            kind: kind(schema),
            required,
            values: values(schema),
            reference: reference.clone(),
        },
    );
    // A type that holds itself is compared once, and a limit keeps hostile specs short.
    if let Some(name) = &reference {
        if stack.contains(name) || stack.len() > 32 {
            return;
        }
        stack.push(name.clone());
    }
    if let Some(properties) = schema["properties"].as_object() {
        let required: Vec<&str> = schema["required"]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(Value::as_str)
            .collect();
        for (name, property) in properties {
            let child = if path.is_empty() {
                name.clone()
            } else {
                format!("{path}.{name}")
            };
            flatten(
                spec,
                property,
                child,
                required.contains(&name.as_str()),
                stack,
                out,
            );
        }
    }
    if let Some(items) = schema.get("items") {
        flatten(spec, items, format!("{path}[]"), true, stack, out);
    }
    if reference.is_some() {
        stack.pop();
    }
}

/// The place holding `path`: `a.b` -> `a`, `a[]` -> `a`, `a` -> the root.
fn parent(path: &str) -> Option<&str> {
    if path.is_empty() {
        return None;
    }
    if let Some(stripped) = path.strip_suffix("[]") {
        return Some(stripped);
    }
    Some(path.rsplit_once('.').map_or("", |(parent, _)| parent))
}

fn place(label: &str, path: &str) -> String {
    if path.is_empty() {
        label.to_owned()
    } else {
        format!("{label}: `{path}`")
    }
}

impl Walk<'_> {
    /// The changes from `a` (in the old spec) to `b` (in the new one).
    pub fn compare(
        &mut self,
        a: &Value,
        b: &Value,
        label: &str,
        side: Side,
        out: &mut Vec<Change>,
    ) {
        let (mut before, mut after) = (BTreeMap::new(), BTreeMap::new());
        flatten(
            self.old,
            a,
            String::new(),
            true,
            &mut Vec::new(),
            &mut before,
        );
        flatten(
            self.new,
            b,
            String::new(),
            true,
            &mut Vec::new(),
            &mut after,
        );
        // Under a place that is new, gone or of another type, its own change says it all.
        let said = |path: &str| {
            parent(path).is_some_and(|p| match (before.get(p), after.get(p)) {
                (Some(a), Some(b)) => a.kind != b.kind,
                _ => true,
            })
        };
        for (path, node) in &after {
            let Some(old) = before.get(path) else {
                if said(path) {
                    continue;
                }
                let breaking = side == Side::Request && node.required;
                out.push(change(
                    breaking,
                    format!(
                        "{} added ({}{})",
                        place(label, path),
                        if breaking { "required " } else { "" },
                        node.kind
                    ),
                ));
                continue;
            };
            if let (Some(x), Some(y)) = (&old.reference, &node.reference)
                && x != y
            {
                self.renamed.insert((x.clone(), y.clone()));
            }
            if old.kind != node.kind {
                out.push(change(
                    true,
                    format!(
                        "{} type changed: {} -> {}",
                        place(label, path),
                        old.kind,
                        node.kind
                    ),
                ));
            }
            if !path.is_empty() && !path.ends_with("[]") && old.required != node.required {
                let (breaking, what) = match (side, node.required) {
                    (Side::Request, true) => (true, "made required"),
                    (Side::Request, false) => (false, "made optional"),
                    // `T` <-> `Option<T>` in what the caller reads.
                    (Side::Response, true) => (true, "made required (no longer an Option)"),
                    (Side::Response, false) => (true, "made optional (now an Option)"),
                };
                out.push(change(breaking, format!("{} {what}", place(label, path))));
            }
            enum_changes(&old.values, &node.values, &place(label, path), side, out);
        }
        for path in before.keys() {
            if !after.contains_key(path) && !said(path) {
                out.push(change(true, format!("{} removed", place(label, path))));
            }
        }
    }
}

/// Enum values: a removed one breaks code that names it; a new one breaks an exhaustive
/// `match` on what a response holds, and nothing a request sends.
pub fn enum_changes(a: &[String], b: &[String], label: &str, side: Side, out: &mut Vec<Change>) {
    if a.is_empty() && b.is_empty() {
        return;
    }
    let added: Vec<&String> = b.iter().filter(|v| !a.contains(v)).collect();
    let removed: Vec<&String> = a.iter().filter(|v| !b.contains(v)).collect();
    if a.is_empty() || b.is_empty() {
        // An enum appeared or went: the type itself changed.
        out.push(change(
            true,
            format!(
                "{label} {}",
                if a.is_empty() {
                    "became an enum"
                } else {
                    "is no longer an enum"
                }
            ),
        ));
        return;
    }
    if !added.is_empty() {
        out.push(change(
            side == Side::Response,
            format!("{label} enum values added: {}", super::join(&added)),
        ));
    }
    if !removed.is_empty() {
        out.push(change(
            true,
            format!("{label} enum values removed: {}", super::join(&removed)),
        ));
    }
}
