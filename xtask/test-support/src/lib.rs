//! What zoom-rs's tests share across crates, instead of including each other's files.

mod json_schema;
mod openapi;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

pub use json_schema::json_schema;
pub use openapi::openapi_errors;

/// The zoom-rs workspace these tests belong to.
pub fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .ancestors()
        .nth(2)
        .expect("test-support lives at xtask/test-support")
        .to_path_buf()
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
