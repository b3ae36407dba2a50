//! Items -> `openapiv3::OpenAPI`. Pure: no file system, so it can be tested, fuzzed and
//! benchmarked on its own.

use std::collections::{BTreeMap, BTreeSet};

use anyhow::{Context, Result, bail};
use heck::ToUpperCamelCase;
use indexmap::IndexMap;
use openapiv3::{
    Components as OpenApiComponents, Info, OpenAPI, Operation, PathItem, Paths, ReferenceOr,
    Server, Tag,
};

use crate::body::{self, BodyKind};
use crate::infer::Shaped;
use crate::naming::{self, NameInput};
use crate::parameters;
use crate::postman::description_text;
use crate::responses;
use crate::rules::Rule;
use crate::schema::{Components, NamePath, rewrite_references};
use crate::security::{self, SecurityUse};
use crate::source::{Source, SourceItem};
use crate::target::Target;
use crate::zoom_docs;

pub const RATE_LIMIT_EXTENSION: &str = "x-zoom-rate-limit";
pub const ITEM_FILE_EXTENSION: &str = "x-postman-item";
pub const ZOOM_ERROR_SCHEMA: &str = "ZoomError";
/// Zoom's API root, used when no `baseUrl` variable says otherwise.
pub const DEFAULT_BASE_URL: &str = "https://api.zoom.us/v2";

/// The spec and what it took to make it.
#[derive(Debug)]
pub struct Conversion {
    pub spec: OpenAPI,
    pub report: Report,
}

#[derive(Debug, Default)]
pub struct Report {
    pub items: usize,
    pub operations: usize,
    pub schemas: usize,
    /// Component registrations answered by an identical existing schema.
    pub shared_schemas: usize,
    /// Rule -> the operations it touched.
    pub rules: BTreeMap<Rule, BTreeSet<String>>,
}

pub fn convert(source: &Source) -> Result<Conversion> {
    // Sorted first, so the spec never depends on the order the items were read in.
    let (items, targets) = targets(&source.items)?;
    let names = naming::operation_ids(
        &items
            .iter()
            .zip(&targets)
            .map(|(s, t)| NameInput {
                name: &s.item.name,
                method: &t.method,
                static_segments: t.static_segments(),
            })
            .collect::<Vec<_>>(),
    );

    let mut components = Components::default();
    let zoom_error = zoom_error_schema(&mut components);
    let mut report = Report {
        items: source.items.len(),
        ..Default::default()
    };
    let mut used = SecurityUse::default();
    let mut tags: BTreeMap<String, Option<String>> = BTreeMap::new();
    let mut operations: Vec<(&Target, Operation)> = Vec::new();

    for ((source_item, target), operation_id) in items.iter().copied().zip(&targets).zip(names) {
        let mut rules = Vec::new();
        let operation = operation(
            source,
            source_item,
            target,
            &operation_id,
            &zoom_error,
            &mut components,
            &mut used,
            &mut rules,
        )
        .with_context(|| item_label(source_item))?;
        for rule in rules {
            report
                .rules
                .entry(rule)
                .or_default()
                .insert(operation_id.clone());
        }
        if let Some(folder) = source_item.folders.first() {
            tags.entry(tag_name(&folder.name))
                .or_insert_with(|| folder.description.as_ref().map(|d| d.text().to_owned()));
        } else {
            tags.entry(tag_for_root(target)).or_insert(None);
        }
        operations.push((target, operation));
    }

    let security = security::default_security(&source.collection, &mut used);
    let mut paths: BTreeMap<&str, PathItem> = BTreeMap::new();
    for (target, operation) in operations {
        let path_item = paths.entry(&target.path).or_default();
        let slot = match target.method.as_str() {
            "get" => &mut path_item.get,
            "put" => &mut path_item.put,
            "post" => &mut path_item.post,
            "delete" => &mut path_item.delete,
            "options" => &mut path_item.options,
            "head" => &mut path_item.head,
            "patch" => &mut path_item.patch,
            "trace" => &mut path_item.trace,
            other => unreachable!("Target::of accepts only known methods, got {other}"),
        };
        *slot = Some(operation);
    }
    report.operations = targets.len();
    report.shared_schemas = components.shared;
    let named = components.finish();
    report.schemas = named.schemas.len();

    let info = &source.collection.info;
    let spec = OpenAPI {
        openapi: "3.0.3".to_owned(),
        info: Info {
            title: info.name.clone().unwrap_or_else(|| "Zoom API".to_owned()),
            description: info.description.as_ref().map(|d| d.text().to_owned()),
            version: match &info.version {
                Some(serde_json::Value::String(v)) => v.clone(),
                Some(v) if !v.is_null() && !v.is_object() => v.to_string(),
                _ => "2.0.0".to_owned(),
            },
            ..Default::default()
        },
        servers: vec![Server {
            url: source
                .collection
                .variable("baseUrl")
                .unwrap_or_else(|| DEFAULT_BASE_URL.to_owned()),
            description: None,
            variables: None,
            extensions: Default::default(),
        }],
        paths: Paths {
            paths: paths
                .into_iter()
                .map(|(path, item)| (path.to_owned(), ReferenceOr::Item(item)))
                .collect(),
            extensions: Default::default(),
        },
        components: Some(OpenApiComponents {
            security_schemes: security::schemes(&used),
            schemas: named.schemas,
            ..Default::default()
        }),
        security,
        tags: tags
            .into_iter()
            .map(|(name, description)| Tag {
                name,
                description,
                external_docs: None,
                extensions: Default::default(),
            })
            .collect(),
        ..Default::default()
    };
    // Component names are chosen last; point every reference at them.
    let mut value = serde_json::to_value(&spec).context("serializing the spec")?;
    rewrite_references(&mut value, &named.references);
    let spec = serde_json::from_value(value).context("re-reading the spec")?;
    Ok(Conversion { spec, report })
}

/// Zoom's error body, `{"code": 124, "message": "Invalid access token."}`.
fn zoom_error_schema(components: &mut Components) -> ReferenceOr<openapiv3::Schema> {
    let example = serde_json::json!({"code": 124, "message": "Invalid access token."});
    let crate::infer::Shape::Object(properties) = Shaped::of(&example).shape else {
        unreachable!("the example is an object")
    };
    let mut schema = components.object_schema(&properties, &NamePath::root(ZOOM_ERROR_SCHEMA));
    schema.schema_data.description =
        Some("Zoom's error body: a numeric Zoom error code and a message.".to_owned());
    components.register_pinned(ZOOM_ERROR_SCHEMA, schema)
}

/// Every item with its target, sorted by file and identity; two items for one operation
/// are an error naming both.
fn targets(items: &[SourceItem]) -> Result<(Vec<&SourceItem>, Vec<Target>)> {
    let mut pairs = items
        .iter()
        .map(|item| {
            Ok((
                item,
                Target::of(&item.item).with_context(|| item_label(item))?,
            ))
        })
        .collect::<Result<Vec<_>>>()?;
    pairs.sort_by(|(a, ta), (b, tb)| (&a.file, ta.identity()).cmp(&(&b.file, tb.identity())));
    let mut seen: BTreeMap<String, &SourceItem> = BTreeMap::new();
    for (item, target) in &pairs {
        if let Some(first) = seen.insert(target.identity(), item) {
            bail!(
                "{} and {} are the same operation ({}); keep one of them",
                item_label(first),
                item_label(item),
                target.identity()
            );
        }
    }
    Ok(pairs.into_iter().unzip())
}

#[allow(clippy::too_many_arguments)]
fn operation(
    source: &Source,
    source_item: &SourceItem,
    target: &Target,
    operation_id: &str,
    zoom_error: &ReferenceOr<openapiv3::Schema>,
    components: &mut Components,
    used: &mut SecurityUse,
    rules: &mut Vec<Rule>,
) -> Result<Operation> {
    let item = &source_item.item;
    let description = description_text(&item.request.description);
    let type_prefix = operation_id.to_upper_camel_case();

    let request_body = match &item.request.body {
        Some(body) => body::request_body(body, &format!("{type_prefix}Body"), components)?,
        None => None,
    };
    if let Some((_, BodyKind::FormDataAsJson)) = &request_body {
        rules.push(Rule::FormDataAsJson);
    }
    let responses = responses::responses(
        &target.method,
        &item.response,
        &type_prefix,
        zoom_error,
        components,
        rules,
    )?;

    let scopes = zoom_docs::scopes(description);
    let auth = security::effective_auth(item, &source_item.folders, &source.collection);
    let security = security::operation_security(auth, &source.collection, &scopes, used);

    let mut extensions = IndexMap::new();
    if let Some(label) = zoom_docs::rate_limit(description) {
        extensions.insert(RATE_LIMIT_EXTENSION.to_owned(), label.into());
    }
    extensions.insert(
        ITEM_FILE_EXTENSION.to_owned(),
        source_item.file.clone().into(),
    );

    Ok(Operation {
        tags: vec![match source_item.folders.first() {
            Some(folder) => tag_name(&folder.name),
            None => tag_for_root(target),
        }],
        summary: Some(item.name.trim().to_owned()),
        description: (!description.trim().is_empty()).then(|| description.trim().to_owned()),
        operation_id: Some(operation_id.to_owned()),
        parameters: parameters::parameters(item, target)
            .into_iter()
            .map(ReferenceOr::Item)
            .collect(),
        request_body: request_body.map(|(body, _)| ReferenceOr::Item(body)),
        responses,
        security,
        extensions,
        ..Default::default()
    })
}

/// Top-level folders name the API's areas: `meetings/{meeting Id}` -> `meetings`,
/// `past meetings` -> `past_meetings`.
pub fn tag_name(folder: &str) -> String {
    let head = folder.split('/').next().unwrap_or(folder);
    let words: Vec<String> = head
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_ascii_lowercase)
        .collect();
    if words.is_empty() {
        "default".to_owned()
    } else {
        words.join("_")
    }
}

/// Items outside any folder are filed under their path's first segment.
fn tag_for_root(target: &Target) -> String {
    target
        .static_segments()
        .first()
        .map(|s| tag_name(s))
        .unwrap_or_else(|| "default".to_owned())
}

fn item_label(source_item: &SourceItem) -> String {
    format!("{} (item '{}')", source_item.file, source_item.item.name)
}
