//! `cargo xtask generate`: items -> `openapi/zoom.json` -> `crates/zoom-api/src/generated.rs`.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use anyhow::{Context, Result, bail};

use crate::codegen;
use crate::convert::{self, Report};
use crate::files::{self, Outcome};
use crate::source;

pub const ITEMS_DIR: &str = "openapi/postman";
pub const SPEC_FILE: &str = "openapi/zoom.json";
pub const CODE_FILE: &str = "crates/zoom-api/src/generated.rs";

/// The two generated files' contents, made in memory.
pub struct Generated {
    pub spec: String,
    pub code: String,
    pub report: Report,
}

pub fn render(root: &Path) -> Result<Generated> {
    let items = root.join(ITEMS_DIR);
    let source = source::load(&items)?;
    if source.items.is_empty() {
        bail!(
            "{}: no Postman items; import some with `cargo xtask import`",
            items.display()
        );
    }
    let conversion = convert::convert(&source)?;
    let spec = codegen::spec_json(&conversion.spec)?;
    // progenitor reads the spec exactly as checked in, so the code always matches the file.
    let reread: openapiv3::OpenAPI =
        serde_json::from_str(&spec).context("the generated spec does not read back")?;
    let code = codegen::generate(&reread)?;
    Ok(Generated {
        spec,
        code,
        report: conversion.report,
    })
}

pub struct Run {
    pub report: Report,
    pub elapsed: Duration,
    /// (file, outcome) for each generated file.
    pub files: Vec<(&'static str, Outcome)>,
}

pub fn run(root: &Path, check: bool) -> Result<Run> {
    let started = Instant::now();
    let generated = render(root)?;
    let targets: [(&'static str, &str); 2] =
        [(SPEC_FILE, &generated.spec), (CODE_FILE, &generated.code)];
    let mut files = Vec::new();
    if check {
        let stale: Vec<&str> = targets
            .iter()
            .filter(|(file, content)| {
                files::current(&root.join(file)).ok().flatten().as_deref() != Some(*content)
            })
            .map(|(file, _)| *file)
            .collect();
        if !stale.is_empty() {
            bail!(
                "{} not up to date with {ITEMS_DIR}; run `cargo xtask generate` and commit the result",
                stale.join(" and ")
            );
        }
        files.extend(targets.iter().map(|(file, _)| (*file, Outcome::Unchanged)));
    } else {
        for (file, content) in targets {
            files.push((file, files::write_if_changed(&root.join(file), content)?));
        }
    }
    Ok(Run {
        report: generated.report,
        elapsed: started.elapsed(),
        files,
    })
}

/// The workspace root: the xtask crate's parent directory.
pub fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("xtask lives inside the workspace")
        .to_path_buf()
}
