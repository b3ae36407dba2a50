//! Shared by xtask's end-to-end tests: fixture paths, a scratch workspace, the CLI.

#![allow(dead_code)]

pub mod json_schema;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

pub fn data(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data")
        .join(name)
}

pub fn seeds() -> Vec<PathBuf> {
    vec![
        data("seeds/past_meeting_details.txt"),
        data("seeds/live_stream_details.txt"),
    ]
}

/// The converter's input for a synthetic collection of `items` items cloned from
/// `small_collection.json`, read as `xtask convert` reads a file.
pub fn synthetic_source(items: usize) -> xtask::source::Source {
    let text = std::fs::read_to_string(data("small_collection.json")).unwrap();
    let collection: serde_json::Value = serde_json::from_str(&text).unwrap();
    let synthetic = xtask::synth::synthesize(&collection, items).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("synthetic.json");
    std::fs::write(&path, serde_json::to_string(&synthetic).unwrap()).unwrap();
    xtask::inputs::read_source(&[path]).unwrap()
}

/// Runs the real `xtask` binary on a scratch workspace.
pub fn xtask(root: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_xtask"))
        .arg("--root")
        .arg(root)
        .args(args)
        .output()
        .expect("xtask runs")
}

pub fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

pub fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// Every file below a directory, with its bytes.
pub type Tree = BTreeMap<PathBuf, Vec<u8>>;

/// Every file below `dir` with its bytes, to prove a failed command changed nothing.
pub fn tree(dir: &Path) -> Tree {
    let mut out = BTreeMap::new();
    if !dir.exists() {
        return out;
    }
    let mut stack = vec![dir.to_path_buf()];
    while let Some(current) = stack.pop() {
        for entry in std::fs::read_dir(&current).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else {
                out.insert(
                    path.strip_prefix(dir).unwrap().to_path_buf(),
                    std::fs::read(&path).unwrap(),
                );
            }
        }
    }
    out
}

/// A scratch workspace whose items are the two seed pages, imported.
pub fn seeded_workspace() -> tempfile::TempDir {
    let root = tempfile::tempdir().unwrap();
    let items = root.path().join("openapi/postman");
    xtask::import::import(
        &seeds(),
        &items,
        &xtask::import::Options {
            keep_existing: false,
        },
    )
    .unwrap();
    root
}
