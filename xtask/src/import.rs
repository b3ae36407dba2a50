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

use crate::files;
use crate::inputs::{Incoming, Input, read_input};
use crate::source::{self, COLLECTION_FILE, FOLDER_FILE};
use crate::target::Target;

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

pub fn import(paths: &[PathBuf], root: &Path, options: &Options) -> Result<Summary> {
    if paths.is_empty() {
        bail!("nothing to import: give one or more files");
    }
    let mut inputs = Vec::new();
    for path in paths {
        inputs.push(read_input(path)?);
    }
    let mut seen: BTreeMap<&str, &str> = BTreeMap::new();
    for incoming in inputs.iter().flat_map(|i| &i.items) {
        if let Some(first) = seen.insert(&incoming.identity, &incoming.origin) {
            bail!(
                "{} and {} are the same operation ({}); import them separately to choose one",
                first,
                incoming.origin,
                incoming.identity
            );
        }
    }
    // Refuse now what `generate` could not convert, while nothing is written yet.
    crate::convert::convert(&crate::inputs::to_source(&inputs)?)?;
    let existing = existing_items(root)?;
    let plan = plan(&inputs, &existing, root, options)?;
    apply(&plan, root)?;
    Ok(plan.summary)
}

/// Items already under the root: identity -> file (relative). Unreadable ones are left for
/// `generate` to report; an import may be exactly what repairs them.
fn existing_items(root: &Path) -> Result<BTreeMap<String, String>> {
    let mut out = BTreeMap::new();
    if !root.exists() {
        return Ok(out);
    }
    let mut stack = vec![root.to_path_buf()];
    while let Some(dir) = stack.pop() {
        for entry in fs::read_dir(&dir).with_context(|| format!("reading {}", dir.display()))? {
            let path = entry?.path();
            let name = path
                .file_name()
                .unwrap_or_default()
                .to_string_lossy()
                .into_owned();
            if path.is_dir() {
                stack.push(path);
            } else if name.ends_with(".json") && !name.starts_with('_') {
                let file = source::relative(root, &path);
                let Ok(text) = fs::read_to_string(&path) else {
                    continue;
                };
                let Ok(item) = source::parse_item(&file, &text) else {
                    continue;
                };
                if let Ok(target) = Target::of(&item) {
                    out.insert(target.identity(), file);
                }
            }
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

    for incoming in inputs.iter().flat_map(|i| &i.items) {
        let previous = existing.get(&incoming.identity);
        if options.keep_existing
            && let Some(previous) = previous
        {
            summary
                .items
                .push((Change::Kept, previous.clone(), incoming.identity.clone()));
            continue;
        }
        let dir = match (&incoming.folders, previous) {
            (Some(folders), _) => {
                let mut dir = String::new();
                for folder in folders {
                    dir.push_str(&slug(&folder.name, "folder"));
                    dir.push('/');
                    let mut settings = folder.settings.clone();
                    settings.insert("name".to_owned(), folder.name.clone().into());
                    writes.insert(
                        format!("{dir}{FOLDER_FILE}"),
                        pretty(&Value::Object(settings)),
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
        let content = pretty(&incoming.item);
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
    let base = slug(&incoming.name, "item");
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

/// A file-name-safe form of a name: lower-case ASCII letters, digits and dashes, never
/// empty, never `.`/`..`, never a name Windows reserves.
pub fn slug(name: &str, fallback: &str) -> String {
    let mut out = String::new();
    for c in name.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
    }
    let mut out: String = out.trim_end_matches('-').chars().take(80).collect();
    out = out.trim_end_matches('-').to_owned();
    if out.is_empty() {
        return if name.is_empty() {
            fallback.to_owned()
        } else {
            format!("{fallback}-{:08x}", fnv1a(name.as_bytes()))
        };
    }
    const RESERVED: &[&str] = &[
        "con", "prn", "aux", "nul", "com1", "com2", "com3", "com4", "com5", "com6", "com7", "com8",
        "com9", "lpt1", "lpt2", "lpt3", "lpt4", "lpt5", "lpt6", "lpt7", "lpt8", "lpt9",
    ];
    if RESERVED.contains(&out.as_str()) {
        out.push('-');
        out.push_str(fallback);
    }
    out
}

/// A stable 32-bit hash for names that have no ASCII letters to show.
fn fnv1a(bytes: &[u8]) -> u32 {
    bytes.iter().fold(0x811c_9dc5, |hash, byte| {
        (hash ^ u32::from(*byte)).wrapping_mul(0x0100_0193)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_are_safe_file_names() {
        assert_eq!(
            slug("Get past meeting details", "item"),
            "get-past-meeting-details"
        );
        assert_eq!(
            slug("meetings/{meeting Id}", "folder"),
            "meetings-meeting-id"
        );
        assert_eq!(slug("../../etc/passwd", "item"), "etc-passwd");
        assert_eq!(slug("..", "item").len(), "item-".len() + 8);
        assert_eq!(slug("a\0b", "item"), "a-b");
        assert_eq!(slug("CON", "item"), "con-item");
        assert_eq!(slug("", "folder"), "folder");
        assert_eq!(slug("日本", "item"), slug("日本", "item"));
        assert_ne!(slug("日本", "item"), slug("中国", "item"));
    }
}
