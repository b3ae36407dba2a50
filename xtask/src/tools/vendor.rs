//! `cargo xtask vendor DIR`: copies the crates users vendor (zoom-api, zoom-ext, zoom-mock)
//! into another workspace, side by side, with self-contained manifests: every key and
//! dependency they inherit from this workspace is written out, and the path dependencies
//! between them point at their new neighbours. Nothing to edit afterwards but the user's
//! `members`.

use std::fs;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result, bail};
use toml_edit::{DocumentMut, InlineTable, Item, Table, Value};

/// The crates users vendor, by their directory under `crates/`.
pub const CRATES: [&str; 3] = ["zoom-api", "zoom-ext", "zoom-mock"];

/// Copies [`CRATES`] from the workspace at `root` into `dir`; returns the copies' paths.
pub fn vendor(root: &Path, dir: &Path) -> Result<Vec<PathBuf>> {
    let workspace: DocumentMut = read(&root.join("Cargo.toml"))?;
    let mut out = Vec::new();
    for name in CRATES {
        let from = root.join("crates").join(name);
        let to = dir.join(name);
        if to.exists() {
            bail!(
                "{} exists; vendor into an empty place or remove it",
                to.display()
            );
        }
        copy_tree(&from, &to)?;
        let manifest = standalone(&read(&from.join("Cargo.toml"))?, &workspace)
            .with_context(|| format!("crates/{name}/Cargo.toml"))?;
        crate::write_atomic(&to.join("Cargo.toml"), &manifest.to_string())?;
        out.push(to);
    }
    Ok(out)
}

fn read(path: &Path) -> Result<DocumentMut> {
    fs::read_to_string(path)
        .with_context(|| format!("reading {}", path.display()))?
        .parse()
        .with_context(|| format!("{}: not TOML", path.display()))
}

/// `manifest` with every `x.workspace = true` replaced by what the workspace says.
fn standalone(manifest: &DocumentMut, workspace: &DocumentMut) -> Result<DocumentMut> {
    let mut manifest = manifest.clone();
    let package = workspace["workspace"]["package"]
        .as_table()
        .context("the workspace has no [workspace.package]")?;
    if let Some(own) = manifest["package"].as_table_mut() {
        for (key, value) in own.iter_mut() {
            if inherits(value) {
                *value = package
                    .get(key.get())
                    .cloned()
                    .with_context(|| format!("[workspace.package] has no `{}`", key.get()))?;
            }
        }
    }
    let dependencies = workspace["workspace"]["dependencies"]
        .as_table()
        .context("the workspace has no [workspace.dependencies]")?;
    for section in ["dependencies", "dev-dependencies", "build-dependencies"] {
        let Some(table) = manifest.get_mut(section).and_then(Item::as_table_mut) else {
            continue;
        };
        for (name, value) in table.iter_mut() {
            if inherits(value) {
                let shared = dependencies
                    .get(name.get())
                    .with_context(|| format!("[workspace.dependencies] has no `{}`", name.get()))?;
                *value = Item::Value(Value::InlineTable(merged(shared, value)));
            }
        }
    }
    Ok(manifest)
}

/// `{ workspace = true, ... }` or `x.workspace = true`.
fn inherits(item: &Item) -> bool {
    let workspace = match item {
        Item::Table(table) => table.get("workspace").and_then(Item::as_bool),
        Item::Value(Value::InlineTable(table)) => table.get("workspace").and_then(Value::as_bool),
        _ => None,
    };
    workspace == Some(true)
}

/// The workspace's entry for a dependency with what the crate adds (features, optional);
/// a path into this workspace's `crates/` becomes the neighbour it is in the copy.
fn merged(shared: &Item, own: &Item) -> InlineTable {
    let mut out = match shared {
        Item::Value(Value::String(version)) => {
            let mut table = InlineTable::new();
            table.insert("version", version.value().as_str().into());
            table
        }
        Item::Value(Value::InlineTable(table)) => table.clone(),
        Item::Table(table) => table.clone().into_inline_table(),
        _ => InlineTable::new(),
    };
    if let Some(path) = out.get("path").and_then(Value::as_str)
        && let Some(crate_dir) = path.strip_prefix("crates/")
    {
        out.insert("path", format!("../{crate_dir}").into());
    }
    let own_table: Option<Table> = match own {
        Item::Table(table) => Some(table.clone()),
        Item::Value(Value::InlineTable(table)) => Some(table.clone().into_table()),
        _ => None,
    };
    for (key, value) in own_table.iter().flat_map(|t| t.iter()) {
        match key {
            "workspace" => {}
            "features" => {
                let mut features = out
                    .get("features")
                    .and_then(Value::as_array)
                    .cloned()
                    .unwrap_or_default();
                for feature in value.as_array().into_iter().flatten() {
                    if !features.iter().any(|f| f.as_str() == feature.as_str()) {
                        features.push(feature.clone());
                    }
                }
                out.insert("features", Value::Array(features));
            }
            other => {
                if let Some(value) = value.as_value() {
                    out.insert(other, value.clone());
                }
            }
        }
    }
    out.fmt();
    out
}

/// Copies a crate's files, leaving out build output.
fn copy_tree(from: &Path, to: &Path) -> Result<()> {
    fs::create_dir_all(to).with_context(|| format!("creating {}", to.display()))?;
    for entry in fs::read_dir(from).with_context(|| format!("reading {}", from.display()))? {
        let entry = entry?;
        let path = entry.path();
        let name = entry.file_name();
        if name == "target" {
            continue;
        }
        if path.is_dir() {
            copy_tree(&path, &to.join(&name))?;
        } else {
            fs::copy(&path, to.join(&name))
                .with_context(|| format!("copying {}", path.display()))?;
        }
    }
    Ok(())
}
