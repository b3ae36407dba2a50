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
use openapiv3::{Example, MediaType, ReferenceOr, Response, Responses, Schema, StatusCode};
use serde_json::Value;

use crate::infer::Shaped;
use crate::postman;
use crate::rules::Rule;
use crate::schema::{Components, string_schema};
use crate::zoom_docs::{self, ErrorCode};

pub const ERROR_CODES_EXTENSION: &str = "x-zoom-error-codes";
/// The media type under which error bodies are declared: not `application/json`, so that
/// progenitor keeps status and headers even when the body is empty or not JSON.
pub const ERROR_MEDIA_TYPE: &str = "*/*";

/// What the examples of one status say.
#[derive(Debug, Default)]
struct StatusGroup {
    summaries: Vec<String>,
    reason: Option<String>,
    codes: Vec<ErrorCode>,
    json_bodies: Vec<(String, Value)>,
    text_bodies: Vec<String>,
}

pub fn responses(
    examples: &[postman::Response],
    name: &str,
    zoom_error: &ReferenceOr<Schema>,
    components: &mut Components,
    rules: &mut Vec<Rule>,
) -> Result<Responses> {
    let groups = group(examples)?;
    let success_body = success_schema(&groups, name, components, rules)?;
    let mut out = Responses::default();
    for (status, group) in groups {
        let mut response = Response {
            description: description(status, &group),
            ..Default::default()
        };
        if !group.codes.is_empty() {
            response.extensions.insert(
                ERROR_CODES_EXTENSION.to_owned(),
                serde_json::to_value(&group.codes).expect("error codes serialize"),
            );
        }
        if is_success(status) {
            if let Some((media_type, schema)) = &success_body
                && has_body(&group)
                && !no_content_status(status)
            {
                response
                    .content
                    .insert(media_type.clone(), media(schema.clone(), &group));
            }
            if no_content_status(status) && has_body(&group) {
                rules.push(Rule::NoContentBodyDropped);
            }
        } else {
            response.content.insert(
                ERROR_MEDIA_TYPE.to_owned(),
                media(zoom_error.clone(), &group),
            );
        }
        out.responses
            .insert(StatusCode::Code(status), ReferenceOr::Item(response));
    }
    Ok(out)
}

fn group(examples: &[postman::Response]) -> Result<BTreeMap<u16, StatusGroup>> {
    let mut groups: BTreeMap<u16, StatusGroup> = BTreeMap::new();
    for example in examples {
        let doc = zoom_docs::response_name(&example.name);
        let Some(status) = example.code.or(doc.status) else {
            bail!("response '{}' has no status code", short(&example.name));
        };
        if !(100..=599).contains(&status) {
            bail!(
                "response '{}' has status {status}, which is no HTTP status",
                short(&example.name)
            );
        }
        let group = groups.entry(status).or_default();
        if !doc.summary.is_empty() && !group.summaries.contains(&doc.summary) {
            group.summaries.push(doc.summary);
        }
        if group.reason.is_none() {
            group.reason = example.status.clone().filter(|s| !s.is_empty());
        }
        for code in doc.error_codes {
            if !group.codes.iter().any(|c| c.code == code.code) {
                group.codes.push(code);
            }
        }
        let body = example.body.as_deref().unwrap_or_default();
        if body.trim().is_empty() {
            continue;
        }
        let declared_json = example.content_type().is_some_and(|t| t.contains("json"));
        match serde_json::from_str::<Value>(body) {
            Ok(value) => group
                .json_bodies
                .push((example_name(&example.name, status), value)),
            Err(err) if declared_json => bail!(
                "response '{}': example body is not valid JSON ({err})",
                short(&example.name)
            ),
            Err(_) => group.text_bodies.push(body.to_owned()),
        }
    }
    Ok(groups)
}

/// The one success body type: the merged shape of every 2xx JSON example.
fn success_schema(
    groups: &BTreeMap<u16, StatusGroup>,
    name: &str,
    components: &mut Components,
    rules: &mut Vec<Rule>,
) -> Result<Option<(String, ReferenceOr<Schema>)>> {
    let success: Vec<(u16, &StatusGroup)> = groups
        .iter()
        .filter(|(status, g)| is_success(**status) && has_body(g) && !no_content_status(**status))
        .map(|(s, g)| (*s, g))
        .collect();
    if success.is_empty() {
        return Ok(None);
    }
    if success.len() > 1 {
        rules.push(Rule::SuccessBodiesMerged);
    }
    let json: Vec<&Value> = success
        .iter()
        .flat_map(|(_, g)| g.json_bodies.iter().map(|(_, v)| v))
        .collect();
    let text = success.iter().any(|(_, g)| !g.text_bodies.is_empty());
    if text && !json.is_empty() {
        bail!("success responses mix JSON and text bodies");
    }
    if text {
        return Ok(Some((
            "text/plain".to_owned(),
            ReferenceOr::Item(string_schema()),
        )));
    }
    let shaped = json
        .into_iter()
        .map(Shaped::of)
        .reduce(Shaped::merge)
        .expect("at least one JSON body");
    Ok(Some((
        "application/json".to_owned(),
        components.schema_for(&shaped, &format!("{name}Response")),
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
                    ReferenceOr::Item(Example {
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

fn example_name(name: &str, status: u16) -> String {
    let doc = zoom_docs::response_name(name);
    let slug: String = doc
        .summary
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() {
                c.to_ascii_lowercase()
            } else {
                '_'
            }
        })
        .collect::<String>()
        .split('_')
        .filter(|w| !w.is_empty())
        .take(6)
        .collect::<Vec<_>>()
        .join("_");
    if slug.is_empty() {
        format!("status_{status}")
    } else {
        slug
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
