//! Items -> `openapiv3::OpenAPI`. Pure: no file system, no clock, no global state, so it can
//! be tested, fuzzed and benchmarked on its own.
//!
//! Each item becomes one operation ([`operation`]); the schemas its examples and body imply go
//! into one registry of components, which names them once every item is in
//! (`schema::Components::finish`); the references are then pointed at those names
//! (`references`), and the spec is done.

mod body;
mod naming;
mod parameters;
mod references;
mod responses;
mod schema;
mod security;
mod zoom_docs;

use std::collections::{BTreeMap, BTreeSet};

use anyhow::{Context, Result, bail};
use indexmap::IndexMap;
use openapiv3::{
    Components as OpenApiComponents, Info, OpenAPI, Operation, PathItem, Paths, ReferenceOr,
    Server, Tag,
};

use crate::infer::{Shape, Shaped};
use crate::model::postman::description_text;
use crate::model::{CollectionMeta, Source, SourceItem, Target};
use crate::names;
use crate::rules::Rule;
use crate::vocabulary;
use body::BodyKind;
use schema::{Components, NamePath};
use security::SecurityUse;

/// The spec and what it took to make it.
#[derive(Debug)]
pub struct Conversion {
    pub spec: OpenAPI,
    pub report: Report,
}

impl Conversion {
    /// The spec as checked in: pretty JSON with a trailing newline.
    pub fn to_json(&self) -> Result<String> {
        let mut text = Vec::with_capacity(4 << 20);
        self.write_json(&mut text)?;
        Ok(String::from_utf8(text).expect("serde_json writes UTF-8"))
    }

    /// [`Conversion::to_json`], written to `out` as it is made.
    pub fn write_json(&self, out: &mut dyn std::io::Write) -> Result<()> {
        serde_json::to_writer_pretty(&mut *out, &self.spec).context("serializing the spec")?;
        out.write_all(b"\n")?;
        Ok(())
    }
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

/// What converting the items gathers besides their operations.
#[derive(Default)]
struct Gathered {
    components: Components,
    rules: BTreeMap<Rule, BTreeSet<String>>,
    security: SecurityUse,
    /// Tag -> the description of the folder it comes from.
    tags: BTreeMap<String, Option<String>>,
}

pub fn convert(source: &Source) -> Result<Conversion> {
    let items = sorted_targets(&source.items)?;
    let names = naming::operation_ids(
        &items
            .iter()
            .map(|(item, target)| naming::NameInput {
                name: &item.item.name,
                method: &target.method,
                static_segments: target.static_segments(),
            })
            .collect::<Vec<_>>(),
    );
    // What each item says on its own needs nothing from the others: read it on all cores.
    let docs = crate::parallel::map(
        items.iter().map(|(item, _)| *item).collect(),
        ItemDocs::read,
    );
    let mut gathered = Gathered::default();
    let zoom_error = zoom_error_schema(&mut gathered.components);
    let mut paths = Paths::default();
    for (((item, target), id), docs) in items.iter().zip(&names).zip(docs) {
        let operation = operation(
            &source.collection,
            item,
            target,
            id,
            docs,
            &zoom_error,
            &mut gathered,
        )
        .with_context(|| item.label())?;
        let ReferenceOr::Item(path_item) = paths
            .paths
            .entry(target.path.clone())
            .or_insert_with(|| ReferenceOr::Item(PathItem::default()))
        else {
            unreachable!("only items are inserted")
        };
        *method_slot(path_item, &target.method) = Some(operation);
    }
    paths.paths.sort_keys();

    let security = security::default_security(&source.collection, &mut gathered.security);
    let shared_schemas = gathered.components.shared;
    let named = gathered.components.finish();
    let report = Report {
        items: source.items.len(),
        operations: items.len(),
        schemas: named.schemas.len(),
        shared_schemas,
        rules: gathered.rules,
    };
    let mut spec = OpenAPI {
        openapi: "3.0.3".to_owned(),
        info: info(&source.collection),
        servers: vec![Server {
            url: source
                .collection
                .variable("baseUrl")
                .unwrap_or_else(|| vocabulary::DEFAULT_BASE_URL.to_owned()),
            description: None,
            variables: None,
            extensions: Default::default(),
        }],
        paths,
        components: Some(OpenApiComponents {
            security_schemes: security::schemes(&gathered.security),
            schemas: named.schemas,
            ..Default::default()
        }),
        security,
        tags: gathered
            .tags
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
    references::resolve(&mut spec, &named.references);
    Ok(Conversion { spec, report })
}

fn info(collection: &CollectionMeta) -> Info {
    let info = &collection.info;
    Info {
        title: info.name.clone().unwrap_or_else(|| "Zoom API".to_owned()),
        description: info.description.as_ref().map(|d| d.text().to_owned()),
        version: match &info.version {
            Some(serde_json::Value::String(v)) => v.clone(),
            Some(v) if !v.is_null() && !v.is_object() => v.to_string(),
            _ => "2.0.0".to_owned(),
        },
        ..Default::default()
    }
}

fn method_slot<'a>(item: &'a mut PathItem, method: &str) -> &'a mut Option<Operation> {
    match method {
        "get" => &mut item.get,
        "put" => &mut item.put,
        "post" => &mut item.post,
        "delete" => &mut item.delete,
        "options" => &mut item.options,
        "head" => &mut item.head,
        "patch" => &mut item.patch,
        "trace" => &mut item.trace,
        other => unreachable!("Target::of accepts no method '{other}'"),
    }
}

/// Zoom's error body, `{"code": 124, "message": "Invalid access token."}`.
fn zoom_error_schema(components: &mut Components) -> ReferenceOr<openapiv3::Schema> {
    let example = serde_json::json!({"code": 124, "message": "Invalid access token."});
    let Shape::Object(properties) = Shaped::of(&example).shape else {
        unreachable!("the example is an object")
    };
    let name = vocabulary::ZOOM_ERROR_SCHEMA;
    let mut schema = components.object_schema(&properties, &NamePath::root(name));
    schema.schema_data.description =
        Some("Zoom's error body: a numeric Zoom error code and a message.".to_owned());
    components.register_pinned(name, schema)
}

/// Every item with its target, sorted by origin and identity, so the spec never depends on
/// the order items were read in; two items for one operation are an error naming both.
fn sorted_targets(items: &[SourceItem]) -> Result<Vec<(&SourceItem, Target)>> {
    let mut pairs = items
        .iter()
        .map(|item| Ok((item, item.target()?)))
        .collect::<Result<Vec<_>>>()?;
    pairs.sort_by_cached_key(|(item, target)| (item.origin.clone(), target.identity()));
    let mut seen: BTreeMap<String, &SourceItem> = BTreeMap::new();
    for (item, target) in &pairs {
        if let Some(first) = seen.insert(target.identity(), item) {
            bail!(
                "{} and {} are the same operation ({}); keep one of them",
                first.label(),
                item.label(),
                target.identity()
            );
        }
    }
    Ok(pairs)
}

/// What an item's docs say, read off the item alone: its saved examples, its scopes and its
/// rate-limit label.
struct ItemDocs {
    examples: Result<responses::ReadExamples>,
    scopes: Vec<String>,
    rate_limit: Option<String>,
}

impl ItemDocs {
    fn read(source_item: &SourceItem) -> ItemDocs {
        let request = &source_item.item.request;
        let description = description_text(&request.description);
        ItemDocs {
            examples: responses::read(&source_item.item.response),
            scopes: zoom_docs::scopes(description),
            rate_limit: zoom_docs::rate_limit(description),
        }
    }
}

/// One item's operation; its schemas, rules, security and tag go into `gathered`.
fn operation(
    collection: &CollectionMeta,
    source_item: &SourceItem,
    target: &Target,
    operation_id: &str,
    docs: ItemDocs,
    zoom_error: &ReferenceOr<openapiv3::Schema>,
    gathered: &mut Gathered,
) -> Result<Operation> {
    let components = &mut gathered.components;
    let mut rules = Vec::new();
    let item = &source_item.item;
    let description = description_text(&item.request.description);
    let type_prefix = names::type_name(operation_id);

    let request_body = match &item.request.body {
        Some(body) => body::request_body(body, &format!("{type_prefix}Body"), components)?,
        None => None,
    };
    if let Some((_, BodyKind::FormDataAsJson)) = &request_body {
        rules.push(Rule::FormDataAsJson);
    }
    let responses = responses::responses(
        &target.method,
        docs.examples?,
        &type_prefix,
        zoom_error,
        components,
        &mut rules,
    )?;

    let auth = security::effective_auth(item, source_item.folders(), collection);
    let security =
        security::operation_security(auth, collection, &docs.scopes, &mut gathered.security);

    let mut extensions = IndexMap::new();
    if let Some(label) = docs.rate_limit {
        extensions.insert(vocabulary::RATE_LIMIT.to_owned(), label.into());
    }
    extensions.insert(
        vocabulary::POSTMAN_ITEM.to_owned(),
        source_item.origin.clone().into(),
    );

    let (tag, tag_description) = match source_item.folders().first() {
        Some(folder) => (
            names::tag(&folder.name),
            folder.description.as_ref().map(|d| d.text().to_owned()),
        ),
        // Items outside folders are filed under their path's first segment.
        None => (
            names::tag(
                target
                    .static_segments()
                    .first()
                    .copied()
                    .unwrap_or_default(),
            ),
            None,
        ),
    };
    gathered.tags.entry(tag.clone()).or_insert(tag_description);
    for rule in rules {
        gathered
            .rules
            .entry(rule)
            .or_default()
            .insert(operation_id.to_owned());
    }
    Ok(Operation {
        tags: vec![tag],
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
