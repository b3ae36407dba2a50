//! Pages, items and collections in; one file per item out, under `openapi/postman/`.
//!
//! Everything is read and checked before anything is written, so bad input leaves the
//! tree exactly as it was. An item is identified by its route, its method and path whatever
//! its path variables are called (`GET /past_meetings/{}`): importing one that is already
//! there replaces it (the last import wins) unless `keep_existing` is set.
//!
//! One item that cannot be read or converted never blocks the others: it is left out and
//! reported (file, item, reason), unless `strict` makes that a failure. With `sync`, the
//! input is the whole of the docs: stored items it lacks are removed (and listed).

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;
use std::fs;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result, bail};
use serde_json::Value;

use zoom_convert::SourceItem;
use zoom_convert::model::read::{Input, Rejected, to_source};
use zoom_convert::names::slug;

use super::{COLLECTION_FILE, FOLDER_FILE, input::read_file, item_files, relative};
use crate::files;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Change {
    Added,
    Replaced,
    /// Replaced, and now in another folder (the docs moved it).
    Moved,
    Unchanged,
    /// Left as stored: `keep_existing`.
    Kept,
    /// Stored, not in the input, left in place (no `sync`).
    Missing,
    /// Stored, not in the input, removed (`sync`).
    Removed,
}

impl fmt::Display for Change {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(match self {
            Change::Added => "added",
            Change::Replaced => "replaced",
            Change::Moved => "moved",
            Change::Unchanged => "unchanged",
            Change::Kept => "kept",
            Change::Missing => "not in input, kept",
            Change::Removed => "removed",
        })
    }
}

/// What an import did to one stored item.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    pub change: Change,
    /// The item's file, relative to the items root (for `Removed`, the file it was).
    pub file: String,
    /// `GET /past_meetings/{meetingUUID}`, as the item now in the store writes it.
    pub identity: String,
    /// `Moved`: the file it was in.
    pub from: Option<String>,
}

#[derive(Debug, Default)]
pub struct Summary {
    pub items: Vec<Entry>,
    /// Items of the input left out, and why.
    pub skipped: Vec<Rejected>,
    /// (incoming identity, the stored or earlier identity it was taken as the same route
    /// as): `{meetingId}` in one version, `{meetingUUID}` in another.
    pub same_route: Vec<(String, String)>,
    /// Whether an input was a collection: then the stored items it lacks are listed.
    pub had_collection: bool,
}

impl Summary {
    pub fn count(&self, change: Change) -> usize {
        self.items.iter().filter(|e| e.change == change).count()
    }

    pub fn entries(&self, change: Change) -> impl Iterator<Item = &Entry> {
        self.items.iter().filter(move |e| e.change == change)
    }
}

#[derive(Debug, Clone, Copy, Default)]
pub struct Options {
    /// Leave stored items as they are.
    pub keep_existing: bool,
    /// The input is the whole of the docs: remove stored items it lacks.
    pub sync: bool,
    /// Fail, writing nothing, when any item is left out.
    pub strict: bool,
}

/// An item to store, with what the plan needs to know about it.
struct Incoming {
    item: SourceItem,
    identity: String,
    route: String,
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
    let mut summary = Summary {
        had_collection: inputs.iter().any(|i| i.collection.is_some()),
        ..Default::default()
    };
    // Single items and pages are never the whole docs: syncing to them would remove all else.
    if options.sync && !summary.had_collection {
        bail!("--sync takes the collections that are now the docs; none of these files is one");
    }
    let mut skipped: Vec<Rejected> = Vec::new();
    // Route -> index in `incoming`; a later input's version wins, in the earlier one's place.
    let mut by_route: BTreeMap<String, usize> = BTreeMap::new();
    let mut incoming: Vec<Incoming> = Vec::new();
    for input in &mut inputs {
        skipped.append(&mut input.rejected);
        // Routes this input has given already: a second item for one in one file is
        // ambiguous, and left out.
        let mut in_this_input: BTreeMap<String, String> = BTreeMap::new();
        for item in std::mem::take(&mut input.items) {
            let target = match item.target() {
                Ok(target) => target,
                Err(err) => {
                    skipped.push(Rejected::new(&item.origin, &err));
                    continue;
                }
            };
            let (identity, route) = (target.identity(), target.route());
            if let Some(first) = in_this_input.get(&route) {
                skipped.push(Rejected {
                    message: format!(
                        "{} is the same operation as {first} ({identity}); the first is imported",
                        item.label()
                    ),
                    origin: item.origin.clone(),
                });
                continue;
            }
            in_this_input.insert(route.clone(), item.label());
            let next = Incoming {
                first_segment: target
                    .static_segments()
                    .first()
                    .copied()
                    .unwrap_or_default()
                    .to_owned(),
                identity,
                route: route.clone(),
                item,
            };
            match by_route.get(&route) {
                Some(&index) => {
                    if incoming[index].identity != next.identity {
                        summary
                            .same_route
                            .push((next.identity.clone(), incoming[index].identity.clone()));
                    }
                    incoming[index] = next;
                }
                None => {
                    by_route.insert(route, incoming.len());
                    incoming.push(next);
                }
            }
        }
    }
    // What `generate` could not convert is left out now, while nothing is written yet.
    let mut check = to_source(inputs.iter().map(settings_only).collect())?;
    check.items = incoming.iter().map(|i| i.item.clone()).collect();
    let conversion = zoom_convert::convert(&check)?;
    let failed: BTreeSet<&str> = conversion
        .report
        .skipped
        .iter()
        .map(|r| r.origin.as_str())
        .collect();
    // Routes whose new version was left out: their stored version stays, even with `sync`.
    let mut protected: BTreeSet<String> = BTreeSet::new();
    incoming.retain(|i| {
        let keep = !failed.contains(i.item.origin.as_str());
        if !keep {
            protected.insert(i.route.clone());
        }
        keep
    });
    skipped.extend(conversion.report.skipped.iter().cloned());
    skipped.sort_by(|a, b| a.origin.cmp(&b.origin));
    skipped.dedup();

    if incoming.is_empty() {
        match skipped.as_slice() {
            // Convert makes an empty spec of an empty collection; import has nothing to store.
            [] => bail!(
                "{}: nothing to import: no requests in it (a collection with no items, or \
                 folders only)",
                paths
                    .iter()
                    .map(|p| p.display().to_string())
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
            [only] => bail!("{}", only.message),
            [first, rest @ ..] => bail!(
                "no item could be imported: {} (and {} more)",
                first.message,
                rest.len()
            ),
        }
    }
    if options.strict && !skipped.is_empty() {
        let list: Vec<&str> = skipped.iter().map(|r| r.message.as_str()).collect();
        bail!(
            "{} items cannot be imported (--strict; nothing written):\n  {}",
            skipped.len(),
            list.join("\n  ")
        );
    }
    let existing = existing_items(root)?;
    let plan = plan(&inputs, &incoming, &existing, &protected, root, options)?;
    apply(&plan, root)?;
    summary.items = plan.entries;
    summary.same_route.extend(plan.same_route);
    summary.skipped = skipped;
    Ok(summary)
}

fn settings_only(input: &Input) -> Input {
    Input {
        collection: input.collection.clone(),
        collection_fallback: input.collection_fallback.clone(),
        ..Default::default()
    }
}

/// An item already stored.
struct Stored {
    file: String,
    identity: String,
}

/// Items already under the root, by route. Unreadable ones are left for `generate` to
/// report; an import may be exactly what repairs them.
fn existing_items(root: &Path) -> Result<BTreeMap<String, Stored>> {
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
            out.insert(
                target.route(),
                Stored {
                    file,
                    identity: target.identity(),
                },
            );
        }
    }
    Ok(out)
}

struct Plan {
    writes: Vec<(String, String)>,
    removals: Vec<String>,
    entries: Vec<Entry>,
    same_route: Vec<(String, String)>,
}

fn plan(
    inputs: &[Input],
    incoming: &[Incoming],
    existing: &BTreeMap<String, Stored>,
    protected: &BTreeSet<String>,
    root: &Path,
    options: &Options,
) -> Result<Plan> {
    let mut writes: BTreeMap<String, String> = BTreeMap::new();
    let mut removals = Vec::new();
    let mut entries = Vec::new();
    let mut same_route = Vec::new();
    // Files taken in this import or already on disk, with the route they hold.
    let mut taken: BTreeMap<String, String> = existing
        .iter()
        .map(|(route, stored)| (stored.file.clone(), route.clone()))
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
        let previous = existing.get(&incoming.route);
        if let Some(previous) = previous
            && previous.identity != incoming.identity
            && !options.keep_existing
        {
            same_route.push((incoming.identity.clone(), previous.identity.clone()));
        }
        if options.keep_existing
            && let Some(previous) = previous
        {
            entries.push(Entry {
                change: Change::Kept,
                file: previous.file.clone(),
                identity: previous.identity.clone(),
                from: None,
            });
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
            (None, Some(previous)) => match previous.file.rsplit_once('/') {
                Some((dir, _)) => format!("{dir}/"),
                None => String::new(),
            },
            (None, None) => format!("{}/", slug(&incoming.first_segment, "folder")),
        };
        // A retitled item keeps its file where its folder stays, so history follows it.
        let file = match previous {
            Some(previous)
                if previous.file.rsplit_once('/').map_or("", |(d, _)| d)
                    == dir.trim_end_matches('/') =>
            {
                previous.file.clone()
            }
            _ => free_file(&dir, incoming, &taken),
        };
        taken.insert(file.clone(), incoming.route.clone());
        let raw = incoming
            .item
            .raw
            .as_ref()
            .expect("the reader keeps every item's JSON");
        let content = pretty(&serde_json::from_str(raw.get())?);
        let (change, from) = match previous {
            None => (Change::Added, None),
            Some(previous) if previous.file != file => {
                removals.push(previous.file.clone());
                (Change::Moved, Some(previous.file.clone()))
            }
            Some(_) if files::current(&root.join(&file))?.as_deref() == Some(content.as_str()) => {
                (Change::Unchanged, None)
            }
            Some(_) => (Change::Replaced, None),
        };
        entries.push(Entry {
            change,
            file: file.clone(),
            identity: incoming.identity.clone(),
            from,
        });
        writes.insert(file, content);
    }

    let imported: BTreeSet<&str> = incoming.iter().map(|i| i.route.as_str()).collect();
    for (route, stored) in existing {
        if imported.contains(route.as_str()) {
            continue;
        }
        let change = if options.sync && !protected.contains(route) {
            removals.push(stored.file.clone());
            Change::Removed
        } else {
            Change::Missing
        };
        entries.push(Entry {
            change,
            file: stored.file.clone(),
            identity: stored.identity.clone(),
            from: None,
        });
    }
    Ok(Plan {
        writes: writes.into_iter().collect(),
        removals,
        entries,
        same_route,
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
            Some(route) if route != &incoming.route => continue,
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
    let mut emptied = BTreeSet::new();
    for file in &plan.removals {
        if !plan.writes.iter().any(|(written, _)| written == file) {
            fs::remove_file(root.join(file)).with_context(|| format!("removing {file}"))?;
            if let Some((dir, _)) = file.rsplit_once('/') {
                emptied.insert(dir.to_owned());
            }
        }
    }
    // A folder left without items goes too, with its `_folder.json`: deepest first.
    for dir in emptied.iter().rev() {
        let mut dir = Some(dir.as_str());
        while let Some(current) = dir {
            let path = root.join(current);
            if !path.is_dir() || !item_files(&path)?.is_empty() {
                break;
            }
            fs::remove_dir_all(&path).with_context(|| format!("removing {current}"))?;
            dir = current.rsplit_once('/').map(|(parent, _)| parent);
        }
    }
    Ok(())
}

fn pretty(value: &Value) -> String {
    let mut text = serde_json::to_string_pretty(value).expect("values serialize");
    text.push('\n');
    text
}
