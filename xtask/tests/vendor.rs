//! `cargo xtask vendor`: the copies need nothing from this workspace. A scratch workspace
//! outside this one, holding the copies and an application (`tests/data/vendor-app`),
//! resolves with cargo; no file of a copy reaches outside its crate. (`.ci/run` then builds
//! that application and runs it against a loopback server.)

mod common;

use std::path::Path;
use std::process::Command;

use common::{data, stderr, xtask};

/// Every text file below `dir`.
fn files(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            files(&path, out);
        } else {
            out.push(path);
        }
    }
}

#[test]
fn vendored_copies_stand_alone() {
    let scratch = tempfile::tempdir().unwrap();
    let root = test_support::workspace();
    let output = xtask(
        &root,
        &["vendor", scratch.path().join("vendor").to_str().unwrap()],
    );
    assert!(output.status.success(), "{}", stderr(&output));

    let mut copied = Vec::new();
    files(&scratch.path().join("vendor"), &mut copied);
    assert!(
        copied
            .iter()
            .any(|p| p.ends_with("zoom-api/src/generated.rs"))
    );
    for path in &copied {
        let Ok(text) = std::fs::read_to_string(path) else {
            continue;
        };
        let shown = path.display();
        if path.ends_with("Cargo.toml") {
            assert!(
                !text.contains("workspace = true"),
                "{shown} inherits from a workspace"
            );
            assert!(
                !text.contains(".workspace"),
                "{shown} inherits from a workspace"
            );
        }
        for escape in ["../../", "xtask/tests", "openapi/"] {
            let reaching = text
                .lines()
                .filter(|line| {
                    line.contains("#[path")
                        || line.contains("include_")
                        || line.contains("CARGO_MANIFEST_DIR")
                })
                .any(|line| line.contains(escape));
            assert!(!reaching, "{shown} reaches outside its crate ({escape})");
        }
    }

    // Another workspace: the copies and an application that uses them.
    std::fs::write(
        scratch.path().join("Cargo.toml"),
        "[workspace]\nresolver = \"3\"\nmembers = [\"vendor/zoom-api\", \"vendor/zoom-ext\", \"vendor/zoom-mock\", \"vendor-app\"]\n",
    )
    .unwrap();
    let app = scratch.path().join("vendor-app");
    std::fs::create_dir_all(app.join("src")).unwrap();
    for file in ["Cargo.toml", "src/main.rs"] {
        std::fs::copy(data("vendor-app").join(file), app.join(file)).unwrap();
    }
    // This workspace's lock: the same versions.
    std::fs::copy(root.join("Cargo.lock"), scratch.path().join("Cargo.lock")).unwrap();
    let metadata = Command::new(env!("CARGO"))
        .args(["metadata", "--format-version", "1", "--manifest-path"])
        .arg(scratch.path().join("Cargo.toml"))
        .output()
        .unwrap();
    assert!(
        metadata.status.success(),
        "{}",
        String::from_utf8_lossy(&metadata.stderr)
    );
    let text = String::from_utf8_lossy(&metadata.stdout);
    for name in ["zoom-api", "zoom-ext", "zoom-mock", "vendor-app"] {
        assert!(
            text.contains(&format!("\"name\":\"{name}\"")),
            "{name} not resolved"
        );
    }
}
