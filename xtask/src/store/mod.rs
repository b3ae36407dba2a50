//! The item store under `openapi/postman/`: the source of truth, and the only place that
//! writes there.
//!
//! Layout: one Postman item per `<slug>.json`; each folder keeps its own name, description
//! and auth in `_folder.json`; the collection's settings are in `_collection.json`. Files are
//! read in sorted order so nothing depends on the file system's listing order.
//!
//! - [`load`]: every stored item, as the converter reads them (`generate`, the tests).
//! - [`import`]: new items in: read, checked, planned, then applied, or nothing is written.

mod import;
mod input;

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result, bail};
use serde_json::value::RawValue;
use zoom_convert::model::{Folder, read};
use zoom_convert::{Source, SourceItem};

pub use import::{Change, Entry, Options, Summary, import};
pub use input::read_file;

pub const COLLECTION_FILE: &str = "_collection.json";
pub const FOLDER_FILE: &str = "_folder.json";

/// Reads every item below `root`. Each item's origin is its file's path below `root`.
pub fn load(root: &Path) -> Result<Source> {
    let mut source = Source::default();
    let collection = root.join(COLLECTION_FILE);
    if collection.exists() {
        let text = read_text(&collection)?;
        source.collection = serde_json::from_str(&text)
            .with_context(|| format!("{}: not a collection settings file", collection.display()))?;
    }
    if !root.is_dir() {
        bail!("{}: no such directory of Postman items", root.display());
    }
    let mut folders: BTreeMap<PathBuf, Folder> = BTreeMap::new();
    for path in item_files(root)? {
        let mut chain = Vec::new();
        for dir in path.ancestors().skip(1) {
            if dir == root || !dir.starts_with(root) {
                break;
            }
            if !folders.contains_key(dir) {
                folders.insert(dir.to_path_buf(), folder(dir)?);
            }
            chain.push(folders[dir].clone());
        }
        chain.reverse();
        let file = relative(root, &path);
        let text = read_text(&path)?;
        let item = read::parse_item(&file, &text)?;
        source.items.push(SourceItem {
            origin: file,
            folders: Some(chain),
            item,
            raw: Some(RawValue::from_string(text)?),
        });
    }
    Ok(source)
}

/// A folder's settings from its `_folder.json`; without one, its directory's name.
fn folder(dir: &Path) -> Result<Folder> {
    let settings = dir.join(FOLDER_FILE);
    if settings.exists() {
        return serde_json::from_str(&read_text(&settings)?)
            .with_context(|| format!("{}: not a folder settings file", settings.display()));
    }
    Ok(Folder {
        name: dir
            .file_name()
            .unwrap_or_default()
            .to_string_lossy()
            .into_owned(),
        ..Default::default()
    })
}

/// Every item file below `root` (`*.json` not starting with `_`), depth first, in sorted
/// order.
fn item_files(root: &Path) -> Result<Vec<PathBuf>> {
    let mut out = Vec::new();
    let mut pending = vec![root.to_path_buf()];
    while let Some(dir) = pending.pop() {
        let mut entries: Vec<PathBuf> = fs::read_dir(&dir)
            .with_context(|| format!("reading {}", dir.display()))?
            .map(|entry| entry.map(|e| e.path()))
            .collect::<Result<_, _>>()
            .with_context(|| format!("reading {}", dir.display()))?;
        entries.sort();
        for path in entries {
            let name = path.file_name().unwrap_or_default().to_string_lossy();
            if path.is_dir() {
                pending.push(path);
            } else if name.ends_with(".json") && !name.starts_with('_') {
                out.push(path);
            }
        }
    }
    // Paths compare component by component: sorted, they are a depth-first walk in order.
    out.sort();
    Ok(out)
}

/// `path` below `root`, with `/` separators.
fn relative(root: &Path, path: &Path) -> String {
    path.strip_prefix(root)
        .unwrap_or(path)
        .components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}

fn read_text(path: &Path) -> Result<String> {
    let bytes = fs::read(path).with_context(|| format!("reading {}", path.display()))?;
    let text =
        String::from_utf8(bytes).with_context(|| format!("{}: not UTF-8 text", path.display()))?;
    Ok(match text.strip_prefix('\u{feff}') {
        Some(rest) => rest.to_owned(),
        None => text,
    })
}
