//! The items under `openapi/postman/`, read into memory: the converter's input.
//!
//! Layout: one Postman item per `<slug>.json`; each folder keeps its own name, description
//! and auth in `_folder.json`; the collection's in `_collection.json`. Files are read in
//! sorted order so the result never depends on the file system's listing order.

use std::fs;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result, bail};
use serde::Deserialize;

use crate::postman::{CollectionMeta, FolderMeta, Item};

pub const COLLECTION_FILE: &str = "_collection.json";
pub const FOLDER_FILE: &str = "_folder.json";

/// Everything the converter reads.
#[derive(Debug, Default)]
pub struct Source {
    pub collection: CollectionMeta,
    pub items: Vec<SourceItem>,
}

#[derive(Debug, Clone)]
pub struct SourceItem {
    /// Path relative to the items root, with `/` separators, for messages and the spec.
    pub file: String,
    /// The folders around the item, outermost first.
    pub folders: Vec<FolderMeta>,
    pub item: Item,
}

/// Parses one item file's text; the error names the file and, when it has one, the item.
pub fn parse_item(file: &str, text: &str) -> Result<Item> {
    let value: serde_json::Value =
        serde_json::from_str(text).with_context(|| format!("{file}: not valid JSON"))?;
    item_from_value(file, &value)
}

/// Reads an item from parsed JSON; the error names `file` and, when it has one, the item.
pub fn item_from_value(file: &str, value: &serde_json::Value) -> Result<Item> {
    let name = value
        .get("name")
        .and_then(|n| n.as_str())
        .map(|n| format!(" (item '{n}')"))
        .unwrap_or_default();
    let Some(object) = value.as_object() else {
        bail!(
            "{file}: expected a Postman item (a JSON object), found {}",
            kind(value)
        );
    };
    if !object.contains_key("request") {
        bail!("{file}{name}: not a Postman item: it has no \"request\"");
    }
    if let Some(request) = object.get("request").filter(|r| !r.is_object()) {
        bail!(
            "{file}{name}: not a Postman v2.1 item: \"request\" is {}, not an object",
            kind(request)
        );
    }
    if object.get("request").and_then(|r| r.get("url")).is_none() {
        bail!("{file}{name}: the request has no url");
    }
    Item::deserialize(value).with_context(|| format!("{file}{name}: not a Postman v2.1 item"))
}

pub fn kind(value: &serde_json::Value) -> &'static str {
    match value {
        serde_json::Value::Null => "null",
        serde_json::Value::Bool(_) => "a boolean",
        serde_json::Value::Number(_) => "a number",
        serde_json::Value::String(_) => "a string",
        serde_json::Value::Array(_) => "an array",
        serde_json::Value::Object(_) => "an object",
    }
}

/// Reads every item below `root`.
pub fn load(root: &Path) -> Result<Source> {
    let mut source = Source::default();
    let collection = root.join(COLLECTION_FILE);
    if collection.exists() {
        let text = read(&collection)?;
        source.collection = serde_json::from_str(&text)
            .with_context(|| format!("{}: not a collection settings file", collection.display()))?;
    }
    if !root.is_dir() {
        bail!("{}: no such directory of Postman items", root.display());
    }
    walk(root, root, &mut Vec::new(), &mut source.items)?;
    Ok(source)
}

fn walk(
    root: &Path,
    dir: &Path,
    folders: &mut Vec<FolderMeta>,
    items: &mut Vec<SourceItem>,
) -> Result<()> {
    let mut entries: Vec<PathBuf> = fs::read_dir(dir)
        .with_context(|| format!("reading {}", dir.display()))?
        .map(|entry| entry.map(|e| e.path()))
        .collect::<Result<_, _>>()
        .with_context(|| format!("reading {}", dir.display()))?;
    entries.sort();
    for path in entries {
        let file_name = path.file_name().unwrap_or_default().to_string_lossy();
        if path.is_dir() {
            let meta_path = path.join(FOLDER_FILE);
            let meta = if meta_path.exists() {
                serde_json::from_str(&read(&meta_path)?).with_context(|| {
                    format!("{}: not a folder settings file", meta_path.display())
                })?
            } else {
                FolderMeta {
                    name: file_name.into_owned(),
                    ..Default::default()
                }
            };
            folders.push(meta);
            walk(root, &path, folders, items)?;
            folders.pop();
        } else if file_name.ends_with(".json") && !file_name.starts_with('_') {
            let file = relative(root, &path);
            let item = parse_item(&file, &read(&path)?)?;
            items.push(SourceItem {
                file,
                folders: folders.clone(),
                item,
            });
        }
    }
    Ok(())
}

pub fn relative(root: &Path, path: &Path) -> String {
    path.strip_prefix(root)
        .unwrap_or(path)
        .components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}

fn read(path: &Path) -> Result<String> {
    let bytes = fs::read(path).with_context(|| format!("reading {}", path.display()))?;
    let text =
        String::from_utf8(bytes).with_context(|| format!("{}: not UTF-8 text", path.display()))?;
    Ok(match text.strip_prefix('\u{feff}') {
        Some(rest) => rest.to_owned(),
        None => text,
    })
}
