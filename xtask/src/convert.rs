//! Items -> `openapiv3::OpenAPI`. Pure: no file system, so it can be tested, fuzzed and
//! benchmarked on its own.

use std::borrow::Borrow;
use std::collections::{BTreeMap, BTreeSet, HashMap};

use anyhow::{Context, Result, bail};
use heck::ToUpperCamelCase;
use indexmap::IndexMap;
use openapiv3::{
    Components as OpenApiComponents, Info, OpenAPI, Operation, Paths, ReferenceOr, Server, Tag,
};

use crate::body::{self, BodyKind};
use crate::infer::Shaped;
use crate::naming::{self, NameInput};
use crate::parameters;
use crate::postman::{CollectionMeta, description_text};
use crate::responses;
use crate::rules::Rule;
use crate::schema::{Components, NamePath};
use crate::security::{self, SecurityUse};
use crate::source::{Source, SourceItem};
use crate::spec_json::{self, StoredOperation};
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
    /// The spec without its operations, which are in `operations`.
    skeleton: OpenAPI,
    /// Sorted as the spec lists them.
    operations: Vec<StoredOperation>,
    /// Placeholder reference -> the component's final reference, for `operations`.
    references: HashMap<String, String>,
    pub report: Report,
}

impl Conversion {
    /// Streams the spec to `out` as pretty JSON with a trailing newline, as checked in.
    pub fn write_json(&self, out: &mut dyn std::io::Write) -> Result<()> {
        spec_json::write(&self.skeleton, &self.operations, &self.references, out)
    }

    /// The spec as checked in.
    pub fn to_json(&self) -> Result<String> {
        let mut bytes = Vec::with_capacity(2 << 20);
        self.write_json(&mut bytes)?;
        Ok(String::from_utf8(bytes).expect("serde_json writes UTF-8"))
    }

    /// The spec as an `openapiv3` model, read back from its JSON: what progenitor reads.
    pub fn to_openapi(&self) -> Result<OpenAPI> {
        serde_json::from_str(&self.to_json()?).context("the spec does not read back")
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

/// What converting a run of items produces, before the runs are joined.
struct Part {
    components: Components,
    rules: BTreeMap<Rule, BTreeSet<String>>,
    used: SecurityUse,
    tags: BTreeMap<String, Option<String>>,
    operations: Vec<StoredOperation>,
    /// Placeholders of the second half's components -> the joined registry's.
    aliases: HashMap<String, String>,
}

/// From this many items on, two threads. Below, one: Zoom's 310 items convert in about
/// 20 ms, and a second thread's heap would cost more memory than its time saves.
const PARALLEL_FROM: usize = 512;

/// Converts the items in two halves on two threads when there are enough of them, then
/// joins the halves as if one thread had done all: the second half's component schemas are
/// registered into the first's in their original order, so names and sharing come out the
/// same, byte for byte.
fn convert_parts<I: Borrow<SourceItem> + Send>(
    collection: &CollectionMeta,
    mut work: Vec<((I, Target), String)>,
    parallel: bool,
) -> Result<Part> {
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
    if !parallel || threads < 2 || work.len() < PARALLEL_FROM {
        return convert_part(collection, work, Components::default());
    }
    let second_half = work.split_off(work.len() / 2);
    let (first, second) = std::thread::scope(|scope| {
        let second =
            scope.spawn(|| convert_part(collection, second_half, Components::with_prefix("b")));
        let first = convert_part(collection, work, Components::default());
        (
            first,
            second.join().expect("the conversion thread does not panic"),
        )
    });
    let mut joined = first?;
    let second = second?;
    joined.aliases = joined.components.absorb(second.components);
    joined.operations.extend(second.operations);
    for (rule, ids) in second.rules {
        joined.rules.entry(rule).or_default().extend(ids);
    }
    joined.used.absorb(second.used);
    for (tag, description) in second.tags {
        joined.tags.entry(tag).or_insert(description);
    }
    Ok(joined)
}

fn convert_part<I: Borrow<SourceItem> + Send>(
    collection: &CollectionMeta,
    work: Vec<((I, Target), String)>,
    mut components: Components,
) -> Result<Part> {
    let zoom_error = zoom_error_schema(&mut components);
    let mut part = Part {
        components,
        rules: BTreeMap::new(),
        used: SecurityUse::default(),
        tags: BTreeMap::new(),
        operations: Vec::with_capacity(work.len()),
        aliases: HashMap::new(),
    };
    let read_ahead = |((item, _), _): &((I, Target), String)| ItemDocs::read(item.borrow());
    crate::ahead::pipelined(work, read_ahead, |work| {
        for (((source_item, target), operation_id), docs) in work {
            let source_item = source_item.borrow();
            let operation = operation(
                collection,
                source_item,
                &target,
                &operation_id,
                docs,
                &zoom_error,
                &mut part,
            )
            .with_context(|| item_label(source_item))?;
            // Kept as JSON once built: a tenth of the memory (see `spec_json`). Serializing
            // on another thread was slower: the operation's memory then is freed there.
            part.operations.push(
                StoredOperation::new(target.path, &target.method, &operation)
                    .with_context(|| item_label(source_item))?,
            );
        }
        Ok::<_, anyhow::Error>(())
    })?;
    Ok(part)
}

/// What conversion reads off an item on its own, ahead of converting it (`ahead`): the
/// examples and the description's scopes and rate-limit label.
struct ItemDocs {
    examples: Result<responses::ReadExamples>,
    scopes: Vec<String>,
    rate_limit: Option<String>,
}

impl ItemDocs {
    fn read(source_item: &SourceItem) -> ItemDocs {
        let description = description_text(&source_item.item.request.description);
        ItemDocs {
            examples: responses::read(&source_item.item.response),
            scopes: zoom_docs::scopes(description),
            rate_limit: zoom_docs::rate_limit(description),
        }
    }
}

pub fn convert(source: &Source) -> Result<Conversion> {
    convert_items(&source.collection, source.items.iter().collect(), true)
}

/// [`convert`] on this thread only, whatever the size: the reference the parallel
/// conversion must match byte for byte.
pub fn convert_in_one_thread(source: &Source) -> Result<Conversion> {
    convert_items(&source.collection, source.items.iter().collect(), false)
}

/// [`convert`], freeing each item as soon as it is converted: for one-shot conversions of
/// large collections, where items and spec need not be in memory together.
pub fn convert_owned(source: Source) -> Result<Conversion> {
    convert_items(&source.collection, source.items, true)
}

fn convert_items<I: Borrow<SourceItem> + Send>(
    collection: &CollectionMeta,
    items: Vec<I>,
    parallel: bool,
) -> Result<Conversion> {
    let item_count = items.len();
    // Sorted first, so the spec never depends on the order the items were read in.
    let pairs = targets(items)?;
    let names = naming::operation_ids(
        &pairs
            .iter()
            .map(|(s, t)| NameInput {
                name: &s.borrow().item.name,
                method: &t.method,
                static_segments: t.static_segments(),
            })
            .collect::<Vec<_>>(),
    );

    let work: Vec<((I, Target), String)> = pairs.into_iter().zip(names).collect();
    let Part {
        components,
        rules,
        mut used,
        tags,
        mut operations,
        aliases,
    } = convert_parts(collection, work, parallel)?;
    let report_rules = rules;
    let mut report = Report {
        items: item_count,
        rules: report_rules,
        ..Default::default()
    };

    let security = security::default_security(collection, &mut used);
    operations.sort_by(|a, b| a.order().cmp(&b.order()));
    report.operations = item_count;
    report.shared_schemas = components.shared;
    let named = components.finish();
    report.schemas = named.schemas.len();

    let info = &collection.info;
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
            url: collection
                .variable("baseUrl")
                .unwrap_or_else(|| DEFAULT_BASE_URL.to_owned()),
            description: None,
            variables: None,
            extensions: Default::default(),
        }],
        paths: Paths::default(),
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
    let mut skeleton = spec;
    crate::references::resolve_components(&mut skeleton, &named.references);
    let mut references = named.references;
    for (alias, placeholder) in aliases {
        let target = references[&placeholder].clone();
        references.insert(alias, target);
    }
    Ok(Conversion {
        skeleton,
        operations,
        references,
        report,
    })
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
fn targets<I: Borrow<SourceItem>>(items: Vec<I>) -> Result<Vec<(I, Target)>> {
    let mut pairs = items
        .into_iter()
        .map(|item| {
            let target =
                Target::of(&item.borrow().item).with_context(|| item_label(item.borrow()))?;
            Ok((item, target))
        })
        .collect::<Result<Vec<_>>>()?;
    pairs.sort_by_cached_key(|(item, target)| (item.borrow().file.clone(), target.identity()));
    let mut seen: BTreeMap<String, &SourceItem> = BTreeMap::new();
    for (item, target) in &pairs {
        if let Some(first) = seen.insert(target.identity(), item.borrow()) {
            bail!(
                "{} and {} are the same operation ({}); keep one of them",
                item_label(first),
                item_label(item.borrow()),
                target.identity()
            );
        }
    }
    Ok(pairs)
}

/// One item's operation; its schemas, rules, security and tag go into `part`.
fn operation(
    collection: &CollectionMeta,
    source_item: &SourceItem,
    target: &Target,
    operation_id: &str,
    docs: ItemDocs,
    zoom_error: &ReferenceOr<openapiv3::Schema>,
    part: &mut Part,
) -> Result<Operation> {
    let components = &mut part.components;
    let used = &mut part.used;
    let mut rules = Vec::new();
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
        docs.examples?,
        &type_prefix,
        zoom_error,
        components,
        &mut rules,
    )?;

    let scopes = docs.scopes;
    let auth = security::effective_auth(item, &source_item.folders, collection);
    let security = security::operation_security(auth, collection, &scopes, used);

    let mut extensions = IndexMap::new();
    if let Some(label) = docs.rate_limit {
        extensions.insert(RATE_LIMIT_EXTENSION.to_owned(), label.into());
    }
    extensions.insert(
        ITEM_FILE_EXTENSION.to_owned(),
        source_item.file.clone().into(),
    );

    let tag = match source_item.folders.first() {
        Some(folder) => {
            let tag = tag_name(&folder.name);
            part.tags
                .entry(tag.clone())
                .or_insert_with(|| folder.description.as_ref().map(|d| d.text().to_owned()));
            tag
        }
        None => {
            let tag = tag_for_root(target);
            part.tags.entry(tag.clone()).or_insert(None);
            tag
        }
    };
    for rule in rules {
        part.rules
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
