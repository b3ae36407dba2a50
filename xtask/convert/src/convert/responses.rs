//! Saved example responses -> OpenAPI responses, shaped so progenitor can generate them.
//!
//! progenitor takes one response type per operation for success and one for errors, so:
//! every error status is declared as Zoom's error body under `*/*` (progenitor then hands
//! status, headers and the raw body to `zoom-ext`, which decodes Zoom's code); success
//! statuses share one typed body. Every documented status is kept, with the Zoom error
//! codes its name lists in `x-zoom-error-codes`.

use std::collections::BTreeMap;

use anyhow::{Result, bail};
use indexmap::IndexMap;
use openapiv3::{MediaType, ReferenceOr, Response, Responses, Schema, StatusCode};
use serde_json::Value;

use super::flavor::Flavor;
use super::overrides::{Override, StaleOverride};
use super::schema::{Components, NamePath, any_schema, string_schema};
use super::status;
use super::zoom_docs::{self, ErrorCode};
use crate::infer::{Shape, Shaped, placeholder};
use crate::model::postman;
use crate::rules::Rule;
use crate::vocabulary;

/// What the examples of one status say.
#[derive(Debug, Default)]
struct StatusGroup {
    summaries: Vec<String>,
    reason: Option<String>,
    codes: Vec<ErrorCode>,
    json_bodies: Vec<(String, Value)>,
    /// The shapes of `json_bodies` that are not opaque.
    shapes: Vec<Shaped>,
    /// Values in `json_bodies` that named a type instead of being a value.
    placeholders: usize,
    text_bodies: Vec<String>,
    /// A body whose shape cannot be trusted: the type is any JSON value.
    opaque: bool,
}

/// An item's saved examples, read: their bodies parsed and their names' markup taken apart.
/// Needs nothing but the item, so it can be done ahead of conversion (`ahead`).
#[derive(Debug)]
pub struct ReadExamples {
    examples: Vec<SavedExample>,
    rules: Vec<Rule>,
}

/// One saved example, read.
#[derive(Debug)]
struct SavedExample {
    status: u16,
    doc: zoom_docs::ResponseDoc,
    reason: Option<String>,
    body: ExampleBody,
}

#[derive(Debug)]
enum ExampleBody {
    None,
    /// With its shape, worked out while reading (ahead of conversion, see `ahead`), and how
    /// many of its values were placeholders (read as types, then replaced by values of
    /// those types in the value kept).
    Json(String, Value, Shaped, usize),
    /// JSON whose shape says nothing: broken JSON text saved inside a JSON string.
    Opaque(String, Value),
    Text(String),
}

impl ExampleBody {
    fn json(name: String, mut value: Value) -> Self {
        let shape = Shaped::of(&value);
        let placeholders = placeholder::count(&value);
        if placeholders > 0 {
            placeholder::realize(&mut value);
        }
        ExampleBody::Json(name, value, shape, placeholders)
    }

    fn is_substantial(&self) -> bool {
        match self {
            ExampleBody::Json(_, value, ..) => value.as_object().is_none_or(|o| !o.is_empty()),
            ExampleBody::Opaque(..) | ExampleBody::Text(_) => true,
            ExampleBody::None => false,
        }
    }
}

/// The parameter and field of Zoom's paging.
pub const PAGE_TOKEN: &str = "next_page_token";

/// The status Zoom sends its error codes with.
const ERROR_STATUS: u16 = 400;

/// `overrides` are the operation's: applied to its success body's shape and examples.
/// What the success body's shape gets beyond its examples.
pub struct Corrections<'a> {
    /// The operation's overrides, applied to its success body's shape and examples.
    pub overrides: &'a [&'a Override],
    /// The operation pages with `next_page_token`: its success object carries the token even
    /// where the examples leave it out (the parameter's docs say Zoom returns it "whenever
    /// the set of available results exceeds the current page size").
    pub paged: bool,
}

pub fn responses(
    method: &str,
    read: ReadExamples,
    name: &str,
    zoom_error: Option<&ReferenceOr<Schema>>,
    corrections: &Corrections<'_>,
    components: &mut Components,
    rules: &mut Vec<Rule>,
) -> Result<Responses> {
    let mut examples = read.examples;
    rules.extend(read.rules);
    let other_success_body = |examples: &[SavedExample], status: u16| {
        examples
            .iter()
            .any(|e| e.status != status && is_success(e.status) && e.body.is_substantial())
    };
    // A GET documented as 204 with a real body (Zoom's "Get a message") answers 200.
    for index in 0..examples.len() {
        let example = &examples[index];
        if method == "get"
            && no_content_status(example.status)
            && example.body.is_substantial()
            && !other_success_body(&examples, example.status)
        {
            examples[index].status = 200;
            rules.push(Rule::NoContentGetAsOk);
        }
    }
    let zoom = zoom_error.is_some();
    for example in &mut examples {
        // Only Zoom's docs file error codes as statuses; elsewhere a 3xx is a redirect.
        let code_as_status = zoom
            && ((300..400).contains(&example.status)
                || (is_success(example.status) && example.doc.only_error_codes));
        if code_as_status {
            as_error_code(example);
            rules.push(Rule::ZoomCodeAsStatus);
        } else if no_content_status(example.status) && !matches!(example.body, ExampleBody::None) {
            example.body = ExampleBody::None;
            rules.push(Rule::NoContentBodyDropped);
        }
    }
    resolve_success_conflicts(&mut examples, zoom, rules);
    let mut groups = group(examples);
    let success_body = success_schema(&mut groups, name, corrections, components, rules)?;
    let mut out = Responses::default();
    for (status, group) in groups {
        let mut response = Response {
            description: description(status, &group),
            ..Default::default()
        };
        if !group.codes.is_empty() {
            response.extensions.insert(
                vocabulary::ERROR_CODES.to_owned(),
                serde_json::to_value(&group.codes).expect("error codes serialize"),
            );
        }
        if is_success(status) {
            if let Some((media_type, schema)) = &success_body
                && has_body(&group)
            {
                response
                    .content
                    .insert(media_type.clone(), media(schema.clone(), &group));
            }
        } else {
            // Another API's error bodies have no known shape: any body, under the same media
            // type, so progenitor still hands status, headers and body over.
            let schema = zoom_error
                .cloned()
                .unwrap_or_else(|| ReferenceOr::Item(any_schema()));
            response.content.insert(
                vocabulary::ERROR_MEDIA_TYPE.to_owned(),
                media(schema, &group),
            );
        }
        out.responses
            .insert(StatusCode::Code(status), ReferenceOr::Item(response));
    }
    // OpenAPI requires at least one response; `default` would make progenitor panic.
    if out.responses.is_empty() {
        rules.push(Rule::NoSavedResponse);
        out.responses.insert(
            StatusCode::Code(200),
            ReferenceOr::Item(Response {
                description: "no saved response".to_owned(),
                ..Default::default()
            }),
        );
    }
    Ok(out)
}

pub fn read(examples: &[postman::Response], flavor: Flavor) -> Result<ReadExamples> {
    let mut rules = Vec::new();
    let mut out = Vec::with_capacity(examples.len());
    // A success saved without a code is the item's success, unless another example is.
    let any_success = examples.iter().any(|e| {
        e.code
            .or_else(|| status::guess(e.status.as_deref(), &e.name, true))
            .is_some_and(is_success)
    });
    for example in examples {
        let doc = match flavor {
            Flavor::Zoom => zoom_docs::response_name(&example.name),
            Flavor::Generic => zoom_docs::ResponseDoc {
                summary: example.name.trim().to_owned(),
                ..Default::default()
            },
        };
        let status = match example.code.or(doc.status) {
            Some(status) => status,
            None => match status::guess(example.status.as_deref(), &example.name, any_success) {
                Some(status) => {
                    rules.push(Rule::MissingStatusCode);
                    status
                }
                None => {
                    rules.push(Rule::MissingStatusCode);
                    continue;
                }
            },
        };
        if !(100..=599).contains(&status) {
            bail!(
                "response '{}' has status {status}, which is no HTTP status",
                short(&example.name)
            );
        }
        let text = example.body.as_deref().unwrap_or_default();
        let declared_json = example.content_type().is_some_and(|t| t.contains("json"));
        let body = if text.trim().is_empty() {
            ExampleBody::None
        } else {
            let name = example_name(&doc.summary, status);
            match serde_json::from_str::<Value>(text) {
                Ok(Value::String(inner)) if inner.trim().is_empty() => ExampleBody::None,
                // JSON text saved as a JSON string: read the text, or admit it says nothing.
                Ok(Value::String(inner)) if inner.trim_start().starts_with(['{', '[']) => {
                    match serde_json::from_str::<Value>(&inner) {
                        Ok(value) => {
                            rules.push(Rule::StringWrappedJsonRead);
                            ExampleBody::json(name, value)
                        }
                        Err(_) => {
                            rules.push(Rule::BrokenExampleAsAnyJson);
                            ExampleBody::Opaque(name, Value::String(inner))
                        }
                    }
                }
                Ok(value) => ExampleBody::json(name, value),
                // Declared JSON but not JSON (a trailing comma, an ellipsis): it proves
                // nothing about the shape.
                Err(_) if declared_json => {
                    rules.push(Rule::BrokenExampleAsAnyJson);
                    ExampleBody::Opaque(name, Value::String(text.to_owned()))
                }
                Err(_) => ExampleBody::Text(text.to_owned()),
            }
        };
        out.push(SavedExample {
            status,
            doc,
            reason: example.status.clone().filter(|s| !s.is_empty()),
            body,
        });
    }
    Ok(ReadExamples {
        examples: out,
        rules,
    })
}

impl ReadExamples {
    /// The shapes of the JSON bodies read.
    pub fn shapes(&self) -> impl Iterator<Item = &Shaped> {
        self.examples.iter().filter_map(|e| match &e.body {
            ExampleBody::Json(_, _, shape, _) => Some(shape),
            _ => None,
        })
    }
}

/// Re-files an example that documents Zoom error codes under the HTTP status Zoom sends
/// them with, remembering the status the docs gave.
fn as_error_code(example: &mut SavedExample) {
    if example.doc.error_codes.is_empty() {
        let message = if example.doc.summary.is_empty() {
            example.reason.clone().unwrap_or_default()
        } else {
            example.doc.summary.clone()
        };
        example.doc.error_codes.push(ErrorCode {
            code: i64::from(example.status),
            message,
            truncated: false,
            documented_status: None,
        });
    }
    for code in &mut example.doc.error_codes {
        code.documented_status = Some(example.status);
    }
    example.doc.summary.clear();
    example.reason = None;
    example.status = ERROR_STATUS;
    example.body = ExampleBody::None;
}

/// progenitor takes one body kind across all 2xx statuses. Zoom's docs add a bodiless 200
/// (its error code 200, "only available for paid accounts") beside a typed 201 or 200; that
/// one is an error code, not a success.
fn resolve_success_conflicts(examples: &mut Vec<SavedExample>, zoom: bool, rules: &mut Vec<Rule>) {
    let kinds = |examples: &[SavedExample]| {
        let mut kinds: BTreeMap<u16, (bool, bool)> = BTreeMap::new();
        for example in examples.iter().filter(|e| is_success(e.status)) {
            let entry = kinds.entry(example.status).or_default();
            match example.body {
                ExampleBody::Json(..) | ExampleBody::Opaque(..) => entry.0 = true,
                ExampleBody::Text(_) => entry.1 = true,
                ExampleBody::None => {}
            }
        }
        kinds
    };
    let before = kinds(examples);
    let typed = before.values().any(|(json, text)| *json || *text);
    let bodiless: Vec<u16> = before
        .iter()
        .filter(|(_, (json, text))| !json && !text)
        .map(|(status, _)| *status)
        .collect();
    if typed && !bodiless.is_empty() {
        for example in examples.iter_mut().filter(|e| bodiless.contains(&e.status)) {
            if zoom && example.status == 200 {
                as_error_code(example);
                rules.push(Rule::ConflictingSuccessAsError);
            }
        }
        // Any other bodiless success (GitHub's 205 beside a 202 with a body) cannot be
        // declared beside the typed one: it is left out of the spec.
        let before = examples.len();
        examples.retain(|e| !(is_success(e.status) && bodiless.contains(&e.status)));
        if examples.len() < before {
            rules.push(Rule::BodilessSuccessDropped);
        }
    }
}

fn group(examples: Vec<SavedExample>) -> BTreeMap<u16, StatusGroup> {
    let mut groups: BTreeMap<u16, StatusGroup> = BTreeMap::new();
    for example in examples {
        let group = groups.entry(example.status).or_default();
        if !example.doc.summary.is_empty() && !group.summaries.contains(&example.doc.summary) {
            group.summaries.push(example.doc.summary);
        }
        if group.reason.is_none() {
            group.reason = example.reason;
        }
        for code in example.doc.error_codes {
            if !group.codes.iter().any(|c| c.code == code.code) {
                group.codes.push(code);
            }
        }
        match example.body {
            ExampleBody::None => {}
            ExampleBody::Json(name, value, shape, placeholders) => {
                group.json_bodies.push((name, value));
                group.shapes.push(shape);
                group.placeholders += placeholders;
            }
            ExampleBody::Opaque(name, value) => {
                group.opaque = true;
                group.json_bodies.push((name, value));
            }
            ExampleBody::Text(text) => group.text_bodies.push(text),
        }
    }
    groups
}

/// The one success body type: the merged shape of every 2xx JSON example, with the
/// operation's overrides applied.
fn success_schema(
    groups: &mut BTreeMap<u16, StatusGroup>,
    name: &str,
    corrections: &Corrections<'_>,
    components: &mut Components,
    rules: &mut Vec<Rule>,
) -> Result<Option<(String, ReferenceOr<Schema>)>> {
    let overrides = corrections.overrides;
    let mut success: Vec<(u16, &mut StatusGroup)> = groups
        .iter_mut()
        .filter(|(status, g)| is_success(**status) && has_body(g))
        .map(|(s, g)| (*s, g))
        .collect();
    if success.is_empty() {
        if let Some(first) = overrides.first() {
            return Err(StaleOverride::error(format!(
                "{}: the operation documents no JSON success body; fix or remove the override",
                first.label()
            )));
        }
        return Ok(None);
    }
    if success.len() > 1 {
        rules.push(Rule::SuccessBodiesMerged);
    }
    let any_json = success.iter().any(|(_, g)| !g.json_bodies.is_empty());
    let text = success.iter().any(|(_, g)| !g.text_bodies.is_empty());
    if text && any_json {
        bail!("success responses mix JSON and text bodies");
    }
    if text && let Some(first) = overrides.first() {
        return Err(StaleOverride::error(format!(
            "{}: the operation's success body is text, not JSON; fix or remove the override",
            first.label()
        )));
    }
    if text {
        return Ok(Some((
            "text/plain".to_owned(),
            ReferenceOr::Item(string_schema()),
        )));
    }
    if success.iter().any(|(_, g)| g.placeholders > 0) {
        rules.push(Rule::PlaceholdersAsTypes);
    }
    let mut shaped = if success.iter().any(|(_, g)| g.opaque) {
        Shaped::new(Shape::Any)
    } else {
        success
            .iter_mut()
            .flat_map(|(_, g)| std::mem::take(&mut g.shapes))
            .reduce(Shaped::merge)
            .expect("at least one JSON body")
    };
    if corrections.paged
        && let Shape::Object(properties) = &mut shaped.shape
        && !properties.contains_key(PAGE_TOKEN)
    {
        properties.insert(PAGE_TOKEN.to_owned(), Shaped::new(Shape::String(None)));
        rules.push(Rule::PageTokenDeclared);
    }
    for entry in overrides {
        entry.apply(&mut shaped)?;
        for (_, group) in &mut success {
            for (_, value) in &mut group.json_bodies {
                entry.correct(value);
            }
        }
        rules.push(Rule::Override);
    }
    Ok(Some((
        "application/json".to_owned(),
        components.response_schema_for(&shaped, &NamePath::root(&format!("{name}Response"))),
    )))
}

fn media(schema: ReferenceOr<Schema>, group: &StatusGroup) -> MediaType {
    let mut media = MediaType {
        schema: Some(schema),
        ..Default::default()
    };
    match group.json_bodies.as_slice() {
        [] => {}
        [(_, value)] => media.example = Some(value.clone()),
        many => {
            for (name, value) in many {
                let key = unique_key(&media.examples, name);
                media.examples.insert(
                    key,
                    ReferenceOr::Item(openapiv3::Example {
                        value: Some(value.clone()),
                        ..Default::default()
                    }),
                );
            }
        }
    }
    media
}

fn unique_key<V>(map: &IndexMap<String, V>, wanted: &str) -> String {
    if !map.contains_key(wanted) {
        return wanted.to_owned();
    }
    (2..)
        .map(|n| format!("{wanted}_{n}"))
        .find(|k| !map.contains_key(k))
        .expect("unbounded")
}

fn description(status: u16, group: &StatusGroup) -> String {
    if !group.summaries.is_empty() {
        return group.summaries.join("\n");
    }
    group
        .reason
        .clone()
        .unwrap_or_else(|| format!("HTTP {status}"))
}

fn example_name(summary: &str, status: u16) -> String {
    let name = crate::names::words(summary)
        .take(6)
        .collect::<Vec<_>>()
        .join("_");
    if name.is_empty() {
        format!("status_{status}")
    } else {
        name
    }
}

fn short(name: &str) -> String {
    let first = name.lines().next().unwrap_or_default();
    first.chars().take(80).collect()
}

fn has_body(group: &StatusGroup) -> bool {
    !group.json_bodies.is_empty() || !group.text_bodies.is_empty()
}

pub fn is_success(status: u16) -> bool {
    (200..300).contains(&status)
}

fn no_content_status(status: u16) -> bool {
    matches!(status, 204 | 205 | 304)
}
