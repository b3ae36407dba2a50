//! Where things are in a zoom-rs workspace, and which workspace `cargo xtask` acts on: the
//! one it is run in, found from the current directory as cargo finds it, never the one the
//! binary happened to be built from (two checkouts may share a target directory).

use std::path::{Path, PathBuf};

use anyhow::{Result, bail};

pub const ITEMS_DIR: &str = "openapi/postman";
pub const SPEC_FILE: &str = "openapi/zoom.json";
/// The name map: the Rust names operations and types keep (`zoom_convert::name_map`).
pub const NAMES_FILE: &str = "openapi/names.json";
pub const CODE_FILE: &str = "crates/zoom-api/src/generated.rs";
pub const MANIFEST_FILE: &str = "crates/zoom-api/Cargo.toml";
pub const CLI_FILE: &str = "crates/zoom-cli/src/generated.rs";
pub const MOCKS_FILE: &str = "crates/zoom-mock/src/generated.rs";
pub const ENDPOINTS_FILE: &str = "docs/endpoints.md";
/// Hand-kept type overrides (`zoom_convert::Overrides`); `import` never writes it.
pub const OVERRIDES_FILE: &str = "openapi/overrides.json";

/// The nearest directory at or above `start` whose `Cargo.toml` declares a `[workspace]`
/// and that holds `openapi/`.
pub fn root_from(start: &Path) -> Result<PathBuf> {
    for dir in start.ancestors() {
        let manifest = dir.join("Cargo.toml");
        let is_workspace = std::fs::read_to_string(&manifest)
            .is_ok_and(|text| text.lines().any(|line| line.trim() == "[workspace]"));
        if is_workspace && dir.join("openapi").is_dir() {
            return Ok(dir.to_path_buf());
        }
    }
    bail!(
        "{} is not inside a zoom-rs workspace (no Cargo.toml with [workspace] beside an openapi/ directory above it); pass --root",
        start.display()
    )
}

/// The workspace the current directory is in.
pub fn root() -> Result<PathBuf> {
    root_from(&std::env::current_dir()?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_root_is_found_from_any_directory_below_it() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("Cargo.toml"), "[workspace]\nmembers = []\n").unwrap();
        std::fs::create_dir_all(dir.path().join("openapi/postman/a")).unwrap();
        let deep = dir.path().join("openapi/postman/a");
        assert_eq!(root_from(&deep).unwrap(), dir.path());
        let outside = tempfile::tempdir().unwrap();
        let err = root_from(outside.path()).unwrap_err().to_string();
        assert!(err.contains("--root"), "{err}");
    }
}
