//! Shared by xtask's end-to-end tests: fixture paths, a scratch workspace, the CLI.

#![allow(dead_code)]

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

#[allow(unused_imports)]
pub use test_support::{Tree, tree};

/// A scratch workspace whose items are the two seed pages, imported.
pub fn seeded_workspace() -> tempfile::TempDir {
    let root = tempfile::tempdir().unwrap();
    let items = root.path().join("openapi/postman");
    xtask::store::import(&seeds(), &items, &xtask::store::Options::default()).unwrap();
    root
}
