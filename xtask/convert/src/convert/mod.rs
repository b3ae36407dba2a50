//! Items -> `openapiv3::OpenAPI`. Pure: no file system, no clock, no global state, so it can
//! be tested, fuzzed and benchmarked on its own.
//!
//! Each item becomes one operation ([`operation`]); the schemas its examples and body imply go
//! into one registry of components, which names them once every item is in
//! (`schema::Components::finish`); the references are then pointed at those names
//! (`references`), and the spec is done.

mod body;
mod flavor;
mod kept_names;
mod markup;
mod naming;
mod overrides;
mod parameters;
mod references;
mod responses;
mod schema;
mod security;
mod servers;
mod status;
mod zoom_docs;

use std::collections::{BTreeMap, BTreeSet};

use anyhow::{Context, Result, bail};
use indexmap::IndexMap;
use openapiv3::{
    Components as OpenApiComponents, Info, OpenAPI, Operation, PathItem, Paths, ReferenceOr, Tag,
};

use crate::infer::numbers::Numbers;
use crate::infer::{Shape, Shaped, placeholder};
use crate::model::postman::{Body, description_text};
use crate::model::read::Rejected;
use crate::model::{CollectionMeta, Source, SourceItem, Target};
use crate::name_map::{NameMap, NameNotes};
use crate::names;
use crate::rules::Rule;
use crate::vocabulary;
use body::BodyKind;
use flavor::Flavor;
pub use overrides::{Override, Overrides};
use schema::{Components, NamePath};
use security::SecurityUse;

/// The spec and what it took to make it.
#[derive(Debug)]
pub struct Conversion {
    pub spec: OpenAPI,
    pub report: Report,
    /// The name map given, with the names of new operations and types added and those of
    /// what is gone dropped.
    pub names: NameMap,
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
    /// Items left out because they cannot be read or converted, by origin: one bad item
    /// never blocks the others.
    pub skipped: Vec<Rejected>,
    /// What the name map kept and added.
    pub names: NameNotes,
    /// The overrides applied, each as `operation path: type [format]`.
    pub overrides: Vec<String>,
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

/// [`convert_with`] an empty name map and no overrides: every name from the titles, every
/// type from the examples.
pub fn convert(source: &Source) -> Result<Conversion> {
    convert_with(source, &NameMap::default(), &Overrides::default())
}

/// Items -> spec, keeping the names `names` gives, with a maintainer's `overrides` applied
/// after inference. An item that cannot be converted is left out and reported
/// ([`Report::skipped`]); two items for one route are an error naming both; an override
/// whose operation or field the items no longer have is an error naming it.
pub fn convert_with(source: &Source, names: &NameMap, overrides: &Overrides) -> Result<Conversion> {
    let (targets, mut skipped) = sorted_targets(&source.items)?;
    if let Some(stale) = overrides.iter().find(|o| {
        !targets
            .iter()
            .any(|(_, target)| target.identity() == o.operation)
    }) {
        bail!(
            "{}: no item is that operation any more; fix or remove the override",
            stale.label()
        );
    }
    skipped.extend(source.rejected.iter().cloned());
    let all: Vec<Target> = targets.iter().map(|(_, t)| t.clone()).collect();
    let flavor = Flavor::of(source, &all);
    let mut excluded = BTreeSet::new();
    loop {
        let items: Vec<(&SourceItem, Target)> = targets
            .iter()
            .enumerate()
            .filter(|(index, _)| !excluded.contains(index))
            .map(|(_, (item, target))| (*item, target.clone()))
            .collect();
        match convert_items(source, items, names, overrides, flavor) {
            Ok(mut conversion) => {
                skipped.sort_by(|a, b| a.origin.cmp(&b.origin));
                conversion.report.items = source.items.len();
                conversion.report.skipped = skipped;
                return Ok(conversion);
            }
            // Items fail on their own; converting again without them leaves no trace of
            // them (no schema of theirs stays registered).
            Err(failed) => {
                if let Some((_, error)) = failed
                    .iter()
                    .find(|(_, error)| overrides::StaleOverride::is_cause_of(error))
                {
                    bail!("{error:#}");
                }
                for (item, error) in failed {
                    let index = targets
                        .iter()
                        .position(|(t, _)| std::ptr::eq(*t, item))
                        .expect("a failed item is one of the targets");
                    excluded.insert(index);
                    skipped.push(Rejected::new(&item.origin, &error));
                }
            }
        }
    }
}

/// Items with their targets.
type Targets<'a> = Vec<(&'a SourceItem, Target)>;

/// The items that failed, with their errors.
type Failed<'a> = Vec<(&'a SourceItem, anyhow::Error)>;

fn convert_items<'a>(
    source: &Source,
    items: Vec<(&'a SourceItem, Target)>,
    map: &NameMap,
    overrides: &Overrides,
    flavor: Flavor,
) -> std::result::Result<Conversion, Failed<'a>> {
    let mut notes = NameNotes::default();
    let items = keep_variable_names(items, map, &mut notes);
    let by_route = map.operations_by_route();
    let inputs: Vec<naming::NameInput> = items
        .iter()
        .map(|(item, target)| naming::NameInput {
            name: &item.item.name,
            method: &target.method,
            static_segments: target.static_segments(),
            pinned: by_route.get(&target.route()).map(|(_, name)| *name),
        })
        .collect();
    let titled = naming::titled_ids(&inputs);
    let names = naming::with_pins(&inputs, titled.clone());
    for (((input, titled), name), (_, target)) in inputs.iter().zip(&titled).zip(&names).zip(&items)
    {
        match input.pinned {
            None => notes.operations_added += 1,
            // Only where its own title changed: another item taking the same title
            // qualifies the names from titles, not what this one's says.
            Some(kept) if kept != titled && !naming::says(kept, &naming::base_name(input.name)) => {
                notes
                    .kept
                    .push((target.identity(), kept.to_owned(), titled.clone()))
            }
            Some(_) => {}
        }
        debug_assert!(input.pinned.is_none_or(|kept| kept == name));
    }
    // What each item says on its own needs nothing from the others: read it on all cores.
    let docs = crate::parallel::map(items.iter().map(|(item, _)| *item).collect(), |item| {
        ItemDocs::read(item, flavor)
    });
    // Which whole numbers are amounts needs every example of every item first.
    let mut numbers = Numbers::default();
    for docs in &docs {
        if let Ok(examples) = &docs.examples {
            examples.shapes().for_each(|shape| numbers.observe(shape));
        }
        if let Some(shape) = &docs.request_shape {
            numbers.observe(shape);
        }
    }
    let mut gathered = Gathered {
        components: Components::with_numbers(numbers),
        ..Default::default()
    };
    gathered.components.kept = map
        .types
        .iter()
        .map(|(place, name)| (place.clone(), name.clone()))
        .collect();
    // Zoom's error body is registered first, where it always was, so names stay put.
    let zoom_error = flavor
        .is_zoom()
        .then(|| zoom_error_schema(&mut gathered.components));
    let shared = Shared {
        collection: &source.collection,
        zoom_error: zoom_error.as_ref(),
        overrides,
        flavor,
    };
    let mut paths = Paths::default();
    let mut failed = Vec::new();
    for (((item, target), id), docs) in items.iter().zip(&names).zip(docs) {
        let operation = match operation(&shared, item, target, id, docs, &mut gathered)
            .with_context(|| item.label())
        {
            Ok(operation) => operation,
            Err(error) => {
                failed.push((*item, error));
                continue;
            }
        };
        let ReferenceOr::Item(path_item) = paths
            .paths
            .entry(target.path.clone())
            .or_insert_with(|| ReferenceOr::Item(PathItem::default()))
        else {
            unreachable!("only items are inserted")
        };
        *method_slot(path_item, &target.method) = Some(operation);
    }
    if !failed.is_empty() {
        return Err(failed);
    }
    paths.paths.sort_keys();

    let security = security::default_security(&source.collection, &mut gathered.security);
    let servers = servers::servers(
        &source.collection,
        &items.iter().map(|(_, t)| t).collect::<Vec<_>>(),
        flavor,
    );
    let shared_schemas = gathered.components.shared;
    let named = gathered.components.finish();
    notes.types_added = named
        .places
        .iter()
        .filter(|(place, _)| !map.types.contains_key(place))
        .count();
    notes.renamed_types = named.renamed.clone();
    let new_map = NameMap {
        operations: items
            .iter()
            .zip(&names)
            .map(|((_, target), name)| (target.identity(), name.clone()))
            .collect(),
        types: named.places.iter().cloned().collect(),
    };
    let report = Report {
        items: source.items.len(),
        operations: items.len(),
        schemas: named.schemas.len(),
        shared_schemas,
        rules: gathered.rules,
        skipped: Vec::new(),
        names: notes,
        overrides: overrides
            .iter()
            .map(|o| {
                format!(
                    "{} {}: {}{}",
                    o.operation,
                    o.path,
                    format!("{:?}", o.kind).to_lowercase(),
                    o.format
                        .as_deref()
                        .map(|f| format!(" [{f}]"))
                        .unwrap_or_default(),
                )
            })
            .collect(),
    };
    let mut spec = OpenAPI {
        openapi: "3.0.3".to_owned(),
        info: info(&source.collection, flavor),
        servers,
        paths,
        components: Some(OpenApiComponents {
            security_schemes: security::schemes(&gathered.security, &source.collection, flavor),
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
    Ok(Conversion {
        spec,
        report,
        names: new_map,
    })
}

/// Each item's path variables named as the name map keeps them for its route, and as the
/// other methods of the same path name them: one path, one template (OpenAPI forbids two
/// templates that differ only in variable names).
fn keep_variable_names<'a>(
    items: Vec<(&'a SourceItem, Target)>,
    map: &NameMap,
    notes: &mut NameNotes,
) -> Vec<(&'a SourceItem, Target)> {
    // Path with `{}` -> the variable names it keeps.
    let mut by_path: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for key in map.operations.keys() {
        if let Some((_, path)) = key.split_once(' ') {
            by_path
                .entry(crate::model::target::route(path))
                .or_insert_with(|| variables(path));
        }
    }
    for (_, target) in &items {
        by_path
            .entry(crate::model::target::route(&target.path))
            .or_insert_with(|| variables(&target.path));
    }
    items
        .into_iter()
        .map(|(item, target)| {
            let kept = &by_path[&crate::model::target::route(&target.path)];
            let kept: Vec<&str> = kept.iter().map(String::as_str).collect();
            if kept.len() != target.parameter_names().len() || kept == target.parameter_names() {
                return (item, target);
            }
            let written = target.identity();
            let target = target.renamed(&kept);
            notes.variables_kept.push((written, target.identity()));
            (item, target)
        })
        .collect()
}

/// `/a/{x}/b/{y}` -> `x`, `y`.
fn variables(path: &str) -> Vec<String> {
    path.split('/')
        .filter_map(|s| s.strip_prefix('{').and_then(|s| s.strip_suffix('}')))
        .map(str::to_owned)
        .collect()
}

fn info(collection: &CollectionMeta, flavor: Flavor) -> Info {
    let info = collection.info();
    // Zoom's docs are API version 2; another collection without a version says nothing.
    let (title, version) = match flavor {
        Flavor::Zoom => ("Zoom API", "2.0.0"),
        Flavor::Generic => ("API", "1.0.0"),
    };
    Info {
        title: info
            .name
            .clone()
            .filter(|n| !n.trim().is_empty())
            .unwrap_or_else(|| title.to_owned()),
        description: info
            .description
            .as_ref()
            .map(|d| markup::markdown(d.text())),
        version: match &info.version {
            Some(serde_json::Value::String(v)) => v.clone(),
            Some(v) if !v.is_null() && !v.is_object() => v.to_string(),
            // Collection v2.0: `{"major": 1, "minor": 2, "patch": 0, ...}`.
            Some(serde_json::Value::Object(parts)) if parts.contains_key("major") => {
                ["major", "minor", "patch"]
                    .iter()
                    .map(|part| {
                        parts
                            .get(*part)
                            .and_then(serde_json::Value::as_u64)
                            .unwrap_or(0)
                            .to_string()
                    })
                    .collect::<Vec<_>>()
                    .join(".")
            }
            _ => version.to_owned(),
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
    let mut schema = components.response_object_schema(&properties, &NamePath::root(name));
    schema.schema_data.description =
        Some("Zoom's error body: a numeric Zoom error code and a message.".to_owned());
    components.register_pinned(name, schema)
}

/// Every item with its target, sorted by origin and identity, so the spec never depends on
/// the order items were read in, and the items whose target cannot be read. Two items for
/// one route (`GET /past_meetings/{}`, whatever the variables are called) are an error
/// naming both.
fn sorted_targets(items: &[SourceItem]) -> Result<(Targets<'_>, Vec<Rejected>)> {
    let mut pairs = Vec::with_capacity(items.len());
    let mut rejected = Vec::new();
    for item in items {
        match item.target() {
            Ok(target) => pairs.push((item, target)),
            Err(error) => rejected.push(Rejected::new(&item.origin, &error)),
        }
    }
    pairs.sort_by_cached_key(|(item, target)| (item.origin.clone(), target.identity()));
    let mut seen: BTreeMap<String, &(&SourceItem, Target)> = BTreeMap::new();
    for pair in &pairs {
        if let Some((first, first_target)) = seen.insert(pair.1.route(), pair) {
            let (item, target) = pair;
            let what = if first_target.identity() == target.identity() {
                target.identity()
            } else {
                format!("{} and {}", first_target.identity(), target.identity())
            };
            bail!(
                "{} and {} are the same operation ({what}); keep one of them",
                first.label(),
                item.label(),
            );
        }
    }
    Ok((pairs, rejected))
}

/// What an item's docs say, read off the item alone: its saved examples, its scopes and its
/// rate-limit label, and what its request body's example shows.
struct ItemDocs {
    examples: Result<responses::ReadExamples>,
    scopes: Vec<String>,
    rate_limit: Option<String>,
    /// The request body example's shape (form fields as one object), for [`Numbers`].
    request_shape: Option<Shaped>,
    /// Placeholders in the request body example.
    request_placeholders: usize,
}

impl ItemDocs {
    fn read(source_item: &SourceItem, flavor: Flavor) -> ItemDocs {
        let request = &source_item.item.request;
        let description = description_text(&request.description);
        let request_value = request.body.as_ref().and_then(request_example);
        ItemDocs {
            examples: responses::read(&source_item.item.response, flavor),
            scopes: match flavor {
                Flavor::Zoom => zoom_docs::scopes(description),
                Flavor::Generic => Vec::new(),
            },
            rate_limit: flavor
                .is_zoom()
                .then(|| zoom_docs::rate_limit(description))
                .flatten(),
            request_shape: request_value.as_ref().map(Shaped::of),
            request_placeholders: request_value.as_ref().map_or(0, placeholder::count),
        }
    }
}

/// The JSON a request body's example stands for: raw JSON as written, form fields as one
/// object of the values their texts stand for.
fn request_example(body: &Body) -> Option<serde_json::Value> {
    match body.mode.as_deref().unwrap_or("raw") {
        "raw" => serde_json::from_str(body.raw.as_deref()?).ok(),
        mode @ ("formdata" | "urlencoded") => {
            let fields = if mode == "formdata" {
                &body.formdata
            } else {
                &body.urlencoded
            };
            Some(serde_json::Value::Object(
                fields
                    .iter()
                    .map(|field| {
                        let text = field.value.as_deref().unwrap_or_default();
                        (field.key.clone(), crate::infer::text_value(text))
                    })
                    .collect(),
            ))
        }
        _ => None,
    }
}

/// What every operation reads alike.
struct Shared<'a> {
    collection: &'a CollectionMeta,
    /// Zoom's error body; other collections' errors are declared as any body.
    zoom_error: Option<&'a ReferenceOr<openapiv3::Schema>>,
    overrides: &'a Overrides,
    flavor: Flavor,
}

/// One item's operation; its schemas, rules, security and tag go into `gathered`.
fn operation(
    shared: &Shared<'_>,
    source_item: &SourceItem,
    target: &Target,
    operation_id: &str,
    docs: ItemDocs,
    gathered: &mut Gathered,
) -> Result<Operation> {
    let Shared {
        collection,
        zoom_error,
        overrides,
        flavor,
    } = *shared;
    let overrides = overrides.of(&target.identity());
    let components = &mut gathered.components;
    let widened = components.widened;
    let mut rules = Vec::new();
    if !target.renamed.is_empty() {
        rules.push(Rule::PathVariableRenamed);
    }
    let item = &source_item.item;
    let description = description_text(&item.request.description);
    let type_prefix = names::type_name(operation_id);

    let mut request_body = match &item.request.body {
        Some(body) => body::request_body(body, &format!("{type_prefix}Body"), components, flavor)?,
        None => None,
    };
    if let Some((body, _)) = &mut request_body
        && docs.request_placeholders > 0
    {
        rules.push(Rule::PlaceholdersAsTypes);
        // The example shows values of the types its placeholders name, as responses do.
        for media in body.content.values_mut() {
            if let Some(example) = &mut media.example {
                placeholder::realize(example);
            }
        }
    }
    let mut parameters: Vec<ReferenceOr<openapiv3::Parameter>> =
        parameters::parameters(item, target, flavor)
            .into_iter()
            .map(ReferenceOr::Item)
            .collect();
    let mut extensions = IndexMap::new();
    let request_body = match request_body {
        Some((body, BodyKind::FormDataAsJson)) => {
            rules.push(Rule::FormDataAsJson);
            Some(body)
        }
        Some((body, BodyKind::GraphQl)) => {
            rules.push(Rule::GraphQlAsJson);
            Some(body)
        }
        Some((mut body, BodyKind::Multipart)) => {
            rules.push(Rule::MultipartUpload);
            let parts = body
                .extensions
                .shift_remove(vocabulary::MULTIPART)
                .expect("multipart bodies list their parts");
            extensions.insert(vocabulary::MULTIPART.to_owned(), parts);
            parameters.push(ReferenceOr::Item(parameters::multipart_content_type()));
            Some(body)
        }
        other => other.map(|(body, _)| body),
    };
    let corrections = responses::Corrections {
        overrides: &overrides,
        paged: flavor.is_zoom()
            && target
                .query
                .iter()
                .any(|param| param.key.as_deref() == Some(responses::PAGE_TOKEN)),
    };
    let responses = responses::responses(
        &target.method,
        docs.examples?,
        &type_prefix,
        zoom_error,
        &corrections,
        components,
        &mut rules,
    )?;
    if components.widened > widened {
        rules.push(Rule::MeasuresAsNumbers);
    }

    let auth = security::effective_auth(item, source_item.folders(), collection);
    let security =
        security::operation_security(auth, collection, &docs.scopes, &mut gathered.security);

    if let Some(label) = docs.rate_limit {
        extensions.insert(vocabulary::RATE_LIMIT.to_owned(), label.into());
    }
    extensions.insert(
        vocabulary::POSTMAN_ITEM.to_owned(),
        source_item.origin.clone().into(),
    );

    let (tag, tag_description) = match source_item.folders().first() {
        Some(folder) => (
            // Zoom names folders by path (`meetings/{meetingId}`): the tag is their first
            // segment. Elsewhere a slash is part of the name (`XLS / XLSX to CSV`).
            match flavor {
                Flavor::Zoom => names::tag(&folder.name),
                Flavor::Generic => names::tag(&folder.name.replace('/', " ")),
            },
            folder
                .description
                .as_ref()
                .map(|d| markup::markdown(d.text())),
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
        description: (!description.trim().is_empty()).then(|| markup::markdown(description.trim())),
        operation_id: Some(operation_id.to_owned()),
        parameters,
        request_body: request_body.map(ReferenceOr::Item),
        responses,
        security,
        extensions,
        ..Default::default()
    })
}
