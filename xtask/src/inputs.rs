//! Reading what users feed the xtask: a Postman item, a v2.1 collection with nested folders,
//! or a Zoom docs page. Shared by `import` (which stores the items) and `convert` (which
//! converts them straight away). Every item is parsed and checked here, so both refuse bad
//! input before doing anything, with an error that names the file and the item.

use std::fs;
use std::path::Path;

use anyhow::{Context, Result, bail};
use serde::Deserialize;
use serde_json::{Map, Value, json};

use crate::page;
use crate::postman::{CollectionMeta, FolderMeta, Item};
use crate::source::{self, Source, SourceItem};
use crate::target::Target;

/// A folder on the way to an item: its original name and its own settings.
#[derive(Debug, Clone)]
pub struct Folder {
    pub name: String,
    pub settings: Map<String, Value>,
}

#[derive(Debug)]
pub struct Incoming {
    /// Where it came from, for messages: `file` or `file > folder > item`.
    pub origin: String,
    /// `None` when the input said nothing about folders (a page or a bare item).
    pub folders: Option<Vec<Folder>>,
    pub item: Value,
    pub typed: Item,
    pub name: String,
    pub identity: String,
    pub first_segment: String,
}

/// What an input file contributes.
#[derive(Debug, Default)]
pub struct Input {
    pub collection: Option<Value>,
    /// Collection settings to use only when none exist yet (what a docs page knows).
    pub collection_fallback: Option<Value>,
    pub items: Vec<Incoming>,
}

pub fn read_input(path: &Path) -> Result<Input> {
    let label = path.display().to_string();
    let bytes = fs::read(path).with_context(|| format!("{label}: cannot read"))?;
    let text = String::from_utf8(bytes).map_err(|e| {
        anyhow::anyhow!(
            "{label}: not UTF-8 text (invalid byte at offset {})",
            e.utf8_error().valid_up_to()
        )
    })?;
    // Editors on Windows save JSON with a byte-order mark, which JSON itself forbids.
    let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
    if let Some(page) = page::parse(text) {
        let page = page.with_context(|| label.clone())?;
        let mut fallback =
            json!({"info": {"name": page.collection_name.unwrap_or_else(|| "Zoom API".into())}});
        if let Some(base_url) = page.base_url {
            fallback["variable"] = json!([{"key": "baseUrl", "value": base_url, "type": "string"}]);
        }
        return Ok(Input {
            collection: None,
            collection_fallback: Some(fallback),
            items: vec![incoming(&label, None, page.item)?],
        });
    }
    let value: Value = serde_json::from_str(text)
        .map_err(|e| anyhow::anyhow!("{label}: not JSON and not a documentation page: {e}"))?;
    let Some(object) = value.as_object() else {
        bail!(
            "{label}: expected a Postman item or collection (a JSON object), found {}",
            source::kind(&value)
        );
    };
    if object.contains_key("request") {
        return Ok(Input {
            items: vec![incoming(&label, None, value)?],
            ..Default::default()
        });
    }
    if !object.contains_key("item") {
        bail!("{label}: neither a Postman item (no \"request\") nor a collection (no \"item\")");
    }
    let mut input = Input {
        collection: Some(collection_settings(object)),
        ..Default::default()
    };
    let mut value = value;
    let children = value["item"].take();
    walk(&label, children, &mut Vec::new(), &mut input.items)?;
    if input.items.is_empty() {
        bail!("{label}: the collection has no items");
    }
    Ok(input)
}

fn collection_settings(object: &Map<String, Value>) -> Value {
    let mut settings = Map::new();
    for key in ["info", "auth", "variable"] {
        if let Some(value) = object.get(key) {
            settings.insert(key.to_owned(), value.clone());
        }
    }
    Value::Object(settings)
}

/// Takes the items out of a folder's `item` list (no copies: a collection can be large).
fn walk(
    label: &str,
    children: Value,
    folders: &mut Vec<Folder>,
    out: &mut Vec<Incoming>,
) -> Result<()> {
    let Value::Array(children) = children else {
        bail!("{label}{}: \"item\" is not a list", trail(folders));
    };
    for mut child in children {
        let name = child
            .get("name")
            .and_then(Value::as_str)
            .unwrap_or("")
            .to_owned();
        if child.get("request").is_some() {
            out.push(incoming(label, Some(folders.clone()), child)?);
        } else if child.get("item").is_some() {
            let mut settings = Map::new();
            for key in ["description", "auth"] {
                if let Some(value) = child.get(key).filter(|v| !v.is_null()) {
                    settings.insert(key.to_owned(), value.clone());
                }
            }
            folders.push(Folder { name, settings });
            walk(label, child["item"].take(), folders, out)?;
            folders.pop();
        } else {
            bail!(
                "{label}{} > '{name}': neither an item (no \"request\") nor a folder (no \"item\")",
                trail(folders)
            );
        }
    }
    Ok(())
}

fn trail(folders: &[Folder]) -> String {
    folders.iter().map(|f| format!(" > '{}'", f.name)).collect()
}

fn incoming(label: &str, folders: Option<Vec<Folder>>, item: Value) -> Result<Incoming> {
    let name = item
        .get("name")
        .and_then(Value::as_str)
        .unwrap_or("")
        .to_owned();
    let origin = match &folders {
        Some(folders) => format!("{label}{} > '{name}'", trail(folders)),
        None => label.to_owned(),
    };
    let typed = source::item_from_value(&origin, &item)?;
    let target = Target::of(&typed).with_context(|| format!("{origin} (item '{name}')"))?;
    Ok(Incoming {
        origin,
        folders,
        name,
        identity: target.identity(),
        first_segment: target
            .static_segments()
            .first()
            .map(|s| s.to_string())
            .unwrap_or_default(),
        item,
        typed,
    })
}

/// Inputs as the converter reads them, without storing anything: for `cargo xtask convert`.
/// As with `import`, a later input's version of an operation replaces an earlier one's.
pub fn to_source(inputs: &[Input]) -> Result<Source> {
    let mut source = Source::default();
    let mut by_identity: std::collections::HashMap<String, usize> = Default::default();
    for input in inputs {
        if let Some(settings) = input
            .collection
            .as_ref()
            .or(input.collection_fallback.as_ref())
        {
            source.collection = CollectionMeta::deserialize(settings)
                .context("reading the collection's settings")?;
        }
        for incoming in &input.items {
            let folders = incoming
                .folders
                .iter()
                .flatten()
                .map(|folder| {
                    let mut settings = folder.settings.clone();
                    settings.insert("name".into(), folder.name.clone().into());
                    serde_json::from_value::<FolderMeta>(Value::Object(settings))
                        .context("reading a folder's settings")
                })
                .collect::<Result<Vec<_>>>()?;
            let item = SourceItem {
                file: incoming.origin.clone(),
                folders,
                item: incoming.typed.clone(),
            };
            match by_identity.get(&incoming.identity) {
                Some(&index) => source.items[index] = item,
                None => {
                    by_identity.insert(incoming.identity.clone(), source.items.len());
                    source.items.push(item);
                }
            }
        }
    }
    Ok(source)
}

/// Reads inputs straight into the converter's model, storing nothing and keeping no generic
/// JSON tree: the fast path behind `cargo xtask convert`. Later inputs' versions of an
/// operation replace earlier ones, as with `import`.
pub fn read_source(paths: &[std::path::PathBuf]) -> Result<Source> {
    let mut source = Source::default();
    let mut by_identity: std::collections::HashMap<String, usize> = Default::default();
    let mut add = |source: &mut Source, item: SourceItem| -> Result<()> {
        let identity = Target::of(&item.item)
            .with_context(|| format!("{} (item '{}')", item.file, item.item.name))?
            .identity();
        match by_identity.get(&identity) {
            Some(&index) => source.items[index] = item,
            None => {
                by_identity.insert(identity, source.items.len());
                source.items.push(item);
            }
        }
        Ok(())
    };
    for path in paths {
        let label = path.display().to_string();
        let text =
            std::fs::read_to_string(path).with_context(|| format!("{label}: cannot read"))?;
        let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
        // A docs page opens with its breadcrumb, JSON with `{`: only text that could be a page
        // is searched for the page marker, which costs a pass over the whole file.
        let maybe_page = !text.trim_start().starts_with('{');
        let collection = if maybe_page && page::parse(text).is_some() {
            None
        } else {
            serde_json::from_str::<crate::postman::CollectionFile>(text)
                .ok()
                .filter(|file| !file.item.is_empty())
        };
        let Some(file) = collection else {
            // Pages, single items and anything malformed: the general reader, whose checks
            // name what is wrong.
            let input = read_input(path)?;
            let partial = to_source(std::slice::from_ref(&input))?;
            if input.collection.is_some() || input.collection_fallback.is_some() {
                source.collection = partial.collection;
            }
            for item in partial.items {
                add(&mut source, item)?;
            }
            continue;
        };
        source.collection = file.meta;
        let mut stack: Vec<(Vec<FolderMeta>, std::vec::IntoIter<crate::postman::Node>)> =
            vec![(Vec::new(), file.item.into_iter())];
        while let Some((folders, mut nodes)) = stack.pop() {
            let Some(node) = nodes.next() else { continue };
            stack.push((folders.clone(), nodes));
            match (node.request, node.item) {
                (Some(request), _) => {
                    let trail: String =
                        folders.iter().map(|f| format!(" > '{}'", f.name)).collect();
                    add(
                        &mut source,
                        SourceItem {
                            file: format!("{label}{trail} > '{}'", node.name),
                            folders,
                            item: Item {
                                name: node.name,
                                request,
                                response: node.response,
                            },
                        },
                    )?;
                }
                (None, Some(children)) => {
                    let mut inner = folders;
                    inner.push(FolderMeta {
                        name: node.name,
                        description: node.description,
                        auth: node.auth,
                    });
                    stack.push((inner, children.into_iter()));
                }
                (None, None) => bail!(
                    "{label}: '{}' is neither an item (no \"request\") nor a folder (no \"item\")",
                    node.name
                ),
            }
        }
    }
    if source.items.is_empty() {
        bail!("no items to convert");
    }
    Ok(source)
}
