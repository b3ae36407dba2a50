//! Pages, items and collections in; one file per item out, under `openapi/postman/`.
//!
//! Everything is read and checked before anything is written, so bad input leaves the
//! tree exactly as it was. An item is identified by its method and path: importing one
//! that is already there replaces it (the last import wins) unless `keep_existing` is set.

use std::collections::BTreeMap;
use std::fmt;
use std::fs;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result, bail};
use serde_json::Value;

use zoom_convert::SourceItem;
use zoom_convert::model::read::{Input, to_source};
use zoom_convert::names::slug;

use super::{COLLECTION_FILE, FOLDER_FILE, input::read_file, item_files, relative};
use crate::files;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Change {
    Added,
    Replaced,
    Unchanged,
    Kept,
}

impl fmt::Display for Change {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(match self {
            Change::Added => "added",
            Change::Replaced => "replaced",
            Change::Unchanged => "unchanged",
            Change::Kept => "kept",
        })
    }
}

#[derive(Debug, Default)]
pub struct Summary {
    /// (change, file relative to the items root, identity)
    pub items: Vec<(Change, String, String)>,
}

impl Summary {
    pub fn count(&self, change: Change) -> usize {
        self.items.iter().filter(|(c, _, _)| *c == change).count()
    }
}

pub struct Options {
    pub keep_existing: bool,
}

/// An item to store, with what the plan needs to know about it.
struct Incoming {
    item: SourceItem,
    identity: String,
    /// The first literal segment of its path: its folder when the input gives none.
    first_segment: String,
}

pub fn import(paths: &[PathBuf], root: &Path, options: &Options) -> Result<Summary> {
    if paths.is_empty() {
        bail!("nothing to import: give one or more files");
    }
    let mut inputs = Vec::new();
    for path in paths {
        inputs.push(read_file(path)?);
    }
    let mut seen: BTreeMap<String, String> = BTreeMap::new();
    let mut incoming = Vec::new();
    for item in inputs.iter_mut().flat_map(|i| std::mem::take(&mut i.items)) {
        let target = item.target()?;
        let identity = target.identity();
        if let Some(first) = seen.insert(identity.clone(), item.origin.clone()) {
            bail!(
                "{first} and {} are the same operation ({identity}); import them separately to choose one",
                item.origin,
            );
        }
        incoming.push(Incoming {
            first_segment: target
                .static_segments()
                .first()
                .copied()
                .unwrap_or_default()
                .to_owned(),
            identity,
            item,
        });
    }
    // Refuse now what `generate` could not convert, while nothing is written yet.
    let mut check = to_source(inputs.iter().map(settings_only).collect())?;
    check.items = incoming.iter().map(|i| i.item.clone()).collect();
    zoom_convert::convert(&check)?;
    let existing = existing_items(root)?;
    let plan = plan(&inputs, &incoming, &existing, root, options)?;
    apply(&plan, root)?;
    Ok(plan.summary)
}

fn settings_only(input: &Input) -> Input {
    Input {
        collection: input.collection.clone(),
        collection_fallback: input.collection_fallback.clone(),
        items: Vec::new(),
    }
}

/// Items already under the root: identity -> file (relative). Unreadable ones are left for
/// `generate` to report; an import may be exactly what repairs them.
fn existing_items(root: &Path) -> Result<BTreeMap<String, String>> {
    let mut out = BTreeMap::new();
    if !root.exists() {
        return Ok(out);
    }
    for path in item_files(root)? {
        let file = relative(root, &path);
        let Ok(text) = fs::read_to_string(&path) else {
            continue;
        };
        let Ok(item) = zoom_convert::model::read::parse_item(&file, &text) else {
            continue;
        };
        if let Ok(target) = zoom_convert::model::Target::of(&item) {
            out.insert(target.identity(), file);
        }
    }
    Ok(out)
}

struct Plan {
    writes: Vec<(String, String)>,
    removals: Vec<String>,
    summary: Summary,
}

fn plan(
    inputs: &[Input],
    incoming: &[Incoming],
    existing: &BTreeMap<String, String>,
    root: &Path,
    options: &Options,
) -> Result<Plan> {
    let mut writes: BTreeMap<String, String> = BTreeMap::new();
    let mut removals = Vec::new();
    let mut summary = Summary::default();
    // Files taken in this import or already on disk, with the identity they hold.
    let mut taken: BTreeMap<String, String> = existing
        .iter()
        .map(|(identity, file)| (file.clone(), identity.clone()))
        .collect();

    for input in inputs {
        if let Some(collection) = &input.collection {
            writes.insert(COLLECTION_FILE.to_owned(), pretty(collection));
        } else if let Some(fallback) = &input.collection_fallback
            && !root.join(COLLECTION_FILE).exists()
            && !writes.contains_key(COLLECTION_FILE)
        {
            writes.insert(COLLECTION_FILE.to_owned(), pretty(fallback));
        }
    }

    for incoming in incoming {
        let previous = existing.get(&incoming.identity);
        if options.keep_existing
            && let Some(previous) = previous
        {
            summary
                .items
                .push((Change::Kept, previous.clone(), incoming.identity.clone()));
            continue;
        }
        let dir = match (&incoming.item.folders, previous) {
            (Some(folders), _) => {
                let mut dir = String::new();
                for folder in folders {
                    dir.push_str(&slug(&folder.name, "folder"));
                    dir.push('/');
                    writes.insert(
                        format!("{dir}{FOLDER_FILE}"),
                        pretty(&serde_json::to_value(folder)?),
                    );
                }
                dir
            }
            (None, Some(previous)) => match previous.rsplit_once('/') {
                Some((dir, _)) => format!("{dir}/"),
                None => String::new(),
            },
            (None, None) => format!("{}/", slug(&incoming.first_segment, "folder")),
        };
        let file = free_file(&dir, incoming, &taken);
        taken.insert(file.clone(), incoming.identity.clone());
        let raw = incoming
            .item
            .raw
            .as_ref()
            .expect("the reader keeps every item's JSON");
        let content = pretty(&serde_json::from_str(raw.get())?);
        let change = match previous {
            None => Change::Added,
            Some(previous) if previous != &file => {
                removals.push(previous.clone());
                Change::Replaced
            }
            Some(_) if files::current(&root.join(&file))?.as_deref() == Some(content.as_str()) => {
                Change::Unchanged
            }
            Some(_) => Change::Replaced,
        };
        summary
            .items
            .push((change, file.clone(), incoming.identity.clone()));
        writes.insert(file, content);
    }
    Ok(Plan {
        writes: writes.into_iter().collect(),
        removals,
        summary,
    })
}

/// `<dir><slug>.json`, or with the method, then the path, added when another operation
/// already holds that name.
fn free_file(dir: &str, incoming: &Incoming, taken: &BTreeMap<String, String>) -> String {
    let base = slug(&incoming.item.item.name, "item");
    let (method, path) = incoming.identity.split_once(' ').unwrap_or_default();
    let candidates = [
        base.clone(),
        format!("{base}-{}", slug(method, "method")),
        format!("{base}-{}-{}", slug(method, "method"), slug(path, "path")),
    ];
    for candidate in &candidates {
        let file = format!("{dir}{candidate}.json");
        match taken.get(&file) {
            Some(identity) if identity != &incoming.identity => continue,
            _ => return file,
        }
    }
    // Method and path are unique per import, so the last candidate is always free.
    format!("{dir}{}.json", candidates[2])
}

fn apply(plan: &Plan, root: &Path) -> Result<()> {
    for (file, content) in &plan.writes {
        files::write_if_changed(&root.join(file), content)?;
    }
    for file in &plan.removals {
        if !plan.writes.iter().any(|(written, _)| written == file) {
            fs::remove_file(root.join(file)).with_context(|| format!("removing {file}"))?;
        }
    }
    Ok(())
}

fn pretty(value: &Value) -> String {
    let mut text = serde_json::to_string_pretty(value).expect("values serialize");
    text.push('\n');
    text
}
